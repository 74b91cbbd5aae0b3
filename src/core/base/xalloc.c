#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "motcua/base/xalloc.h"

static void *check(void *p)
{
	if (!p) {
		fputs("motcua: hết bộ nhớ\n", stderr);
		abort();
	}
	return p;
}

void *xmalloc(size_t size)
{
	return check(malloc(size ? size : 1));
}

void *xcalloc(size_t n, size_t size)
{
	return check(calloc(n ? n : 1, size ? size : 1));
}

void *xrealloc(void *p, size_t size)
{
	return check(realloc(p, size ? size : 1));
}

char *xstrdup(const char *s)
{
	return check(strdup(s));
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *out = NULL;
	va_start(ap, fmt);
	int n = vasprintf(&out, fmt, ap);
	va_end(ap);
	if (n < 0) {
		return check(NULL);
	}
	return out;
}
