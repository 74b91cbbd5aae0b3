#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "motcua/base/result.h"
#include "motcua/base/utf8.h"

bool result_fail(struct result *r, enum result_code code, const char *fmt, ...)
{
	if (r) {
		va_list ap;
		r->code = code;
		va_start(ap, fmt);
		vsnprintf(r->msg, sizeof(r->msg), fmt, ap);
		va_end(ap);
		utf8_trim_partial(r->msg);  /* a long message is cut, never inside a letter */
	}
	return false;
}

void result_clear(struct result *r)
{
	if (r) {
		r->code = RESULT_OK;
		r->msg[0] = '\0';
	}
}

const char *result_code_name(enum result_code code)
{
	static const char *const names[] = {
		[RESULT_OK] = "ok",
		[RESULT_ERR_DB] = "database",
		[RESULT_ERR_INVALID] = "invalid",
		[RESULT_ERR_NOTFOUND] = "not_found",
		[RESULT_ERR_EMPTY] = "empty",
		[RESULT_ERR_STATE] = "refused",
		[RESULT_ERR_CAP] = "full",
		[RESULT_ERR_CLOCK] = "clock",
		[RESULT_ERR_PRINTER] = "printer",
		[RESULT_ERR_IO] = "io",
		[RESULT_ERR_OFFLINE] = "offline",
	};
	if ((size_t)code < sizeof(names) / sizeof(names[0]) && names[code]) {
		return names[code];
	}
	return "unknown";
}
