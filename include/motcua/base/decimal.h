#pragma once
#include "motcua/base/layer.h"
/*
 * Strict decimal integers for option values: an optional '-' and ASCII
 * digits, nothing else. strtol alone also takes " 5", "+5", "5 " (with
 * endptr checks that many callers forget) and saturates on overflow; a
 * printer port of "+9100" or a baud rate of " 38400" is a typo to report,
 * not a value to guess.
 */
#include <stdbool.h>

/* True and *out set when s is a decimal integer within [min, max]. */
bool decimal_parse(const char *s, long min, long max, long *out);
