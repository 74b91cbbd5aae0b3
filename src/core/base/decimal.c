/* Strict decimal parsing (decimal.h). */
#include <errno.h>
#include <stdlib.h>
#include "motcua/base/decimal.h"

bool decimal_parse(const char *s, long min, long max, long *out)
{
	if (s == NULL) {
		return false;
	}
	const char *d = s[0] == '-' ? s + 1 : s;
	if (*d == '\0') {
		return false;
	}
	for (const char *p = d; *p; p++) {
		if (*p < '0' || *p > '9') {
			return false;
		}
	}
	errno = 0;
	char *end = NULL;
	long v = strtol(s, &end, 10);
	if (errno == ERANGE || *end != '\0' || v < min || v > max) {
		return false;
	}
	*out = v;
	return true;
}
