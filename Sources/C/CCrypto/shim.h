#ifndef CCRYPTO_SHIM_H
#define CCRYPTO_SHIM_H

// Only the one-shot digest, one-shot HMAC, constant-time compare and error queue are used.
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#endif
