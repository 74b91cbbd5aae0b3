#pragma once
#include "motcua/base/layer.h"
/*
 * Logging to stderr. Each .c file defines LOG_MODULE before including this
 * header, so every line names its module, file and line:
 *   motcua-kiosk: queue.c:120 [queue] error: ...
 */
#include <stdbool.h>

enum log_level { LOG_LEVEL_ERROR, LOG_LEVEL_WARN, LOG_LEVEL_INFO, LOG_LEVEL_DEBUG };

/* Program name printed first; level from $MOTCUA_LOG (error|warn|info|debug), else def. */
void log_init(const char *program, enum log_level def);
void log_set_level(enum log_level level);
void log_msg(enum log_level level, const char *module, const char *file, int line,
	const char *fmt, ...) __attribute__((format(printf, 5, 6)));

#ifndef LOG_MODULE
#define LOG_MODULE "motcua"
#endif
#define LOG_ERR(...) log_msg(LOG_LEVEL_ERROR, LOG_MODULE, __FILE__, __LINE__, __VA_ARGS__)
#define LOG_WARN(...) log_msg(LOG_LEVEL_WARN, LOG_MODULE, __FILE__, __LINE__, __VA_ARGS__)
#define LOG_INFO(...) log_msg(LOG_LEVEL_INFO, LOG_MODULE, __FILE__, __LINE__, __VA_ARGS__)
#define LOG_DBG(...) log_msg(LOG_LEVEL_DEBUG, LOG_MODULE, __FILE__, __LINE__, __VA_ARGS__)
