#include <string.h>
#include "motcua/base/hash.h"

uint64_t hash_bytes(uint64_t h, const void *data, size_t len)
{
	const unsigned char *p = data;
	for (size_t i = 0; i < len; i++) {
		h = (h ^ p[i]) * 1099511628211ULL;
	}
	return h;
}

uint64_t hash_str(uint64_t h, const char *s)
{
	s = s ? s : "";
	return hash_bytes(h, s, strlen(s) + 1);
}
