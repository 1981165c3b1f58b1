#ifndef CCURL_SHIM_H
#define CCURL_SHIM_H

// The GCC type-checking macros around curl_easy_setopt only help C callers; the shims below are typed already.
#define CURL_DISABLE_TYPECHECK 1
#include <curl/curl.h>

// curl_easy_setopt is variadic, which Swift cannot call: one fixed-signature shim per argument type.
static inline CURLcode CCurl_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

// curl_easy_setopt is variadic; string options (URL, method, file paths) take a C string.
static inline CURLcode CCurl_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

// curl_easy_setopt is variadic; data, list, blob and buffer options take an object pointer.
static inline CURLcode CCurl_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

// curl_easy_setopt is variadic; sizes such as CURLOPT_POSTFIELDSIZE_LARGE take a curl_off_t.
static inline CURLcode CCurl_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}

// curl_easy_setopt is variadic; CURLOPT_WRITEFUNCTION and CURLOPT_HEADERFUNCTION take this callback type.
static inline CURLcode CCurl_setopt_write_function(CURL *handle, CURLoption option, curl_write_callback value) {
    return curl_easy_setopt(handle, option, value);
}

// curl_easy_setopt is variadic; CURLOPT_XFERINFOFUNCTION takes this callback type.
static inline CURLcode CCurl_setopt_xferinfo_function(CURL *handle, CURLoption option, curl_xferinfo_callback value) {
    return curl_easy_setopt(handle, option, value);
}

// curl_easy_getinfo is variadic; CURLINFO_RESPONSE_CODE and friends write a long.
static inline CURLcode CCurl_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

#endif
