#ifndef CYAML_SHIM_H
#define CYAML_SHIM_H

// libyaml has no variadic or macro-only API that Swift needs, so no helpers are defined here.
#include <yaml.h>

#endif
