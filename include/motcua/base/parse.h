#pragma once
#include "motcua/base/layer.h"
/*
 * Strict parsing of numbers given by people (options, arguments): the
 * whole string must be the number, so "abc", "1x", " 1", "+1" and "" are
 * refused rather than read as something else (atoi reads "1x" as 1 and
 * "abc" as 0).
 */
#include <stdbool.h>

/*
 * Parses s as a decimal integer in min..max: optional '-' then digits,
 * nothing else. False (and *out untouched) otherwise.
 */
bool parse_int(const char *s, int min, int max, int *out);
