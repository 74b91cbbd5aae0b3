#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "motcua/base/log.h"

static const char *program = "motcua";
static enum log_level max_level = LOG_LEVEL_INFO;

void log_init(const char *prog, enum log_level def)
{
	const char *env = getenv("MOTCUA_LOG");
	program = prog;
	max_level = def;
	if (!env) {
		return;
	}
	if (strcmp(env, "info") == 0) {
		max_level = LOG_LEVEL_INFO;
	} else if (strcmp(env, "error") == 0) {
		max_level = LOG_LEVEL_ERROR;
	} else if (strcmp(env, "warn") == 0) {
		max_level = LOG_LEVEL_WARN;
	} else if (strcmp(env, "debug") == 0) {
		max_level = LOG_LEVEL_DEBUG;
	}
}

void log_set_level(enum log_level level)
{
	max_level = level;
}

void log_msg(enum log_level level, const char *module, const char *file, int line,
	const char *fmt, ...)
{
	static const char *const names[] = { "error", "warning", "info", "debug" };
	if (level > max_level) {
		return;
	}
	const char *base = strrchr(file, '/');
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	/* One fprintf per line so lines from threads do not interleave. */
	fprintf(stderr, "%s: %s:%d [%s] %s: %s\n", program, base ? base + 1 : file, line,
		module, names[level], buf);
}
