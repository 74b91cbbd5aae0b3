/* Strict number parsing (parse.h). */
#include "motcua/base/parse.h"

#include <errno.h>
#include <stdlib.h>

bool parse_int(const char *s, int min, int max, int *out)
{
	if (!s) {
		return false;
	}
	const char *digits = *s == '-' ? s + 1 : s;
	if (*digits < '0' || *digits > '9') {
		return false;  /* empty, a sign alone, '+', spaces: strtol would allow some */
	}
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (*end || errno == ERANGE || v < min || v > max) {
		return false;
	}
	*out = (int)v;
	return true;
}
