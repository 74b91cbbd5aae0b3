#pragma once
#include "motcua/base/layer.h"
/*
 * The outcome of a core operation: a code a program can act on (exit status,
 * which screen to show) and a message a person can act on. Core functions
 * that can fail take a `struct result *` (may be NULL) and return false after
 * filling it.
 */
#include <stdbool.h>

enum result_code {
	RESULT_OK = 0,
	RESULT_ERR_DB,        /* the database could not be read or written */
	RESULT_ERR_INVALID,   /* bad input: argument, setting, format */
	RESULT_ERR_NOTFOUND,  /* no such service, counter or ticket */
	RESULT_ERR_EMPTY,     /* nobody waiting (call next) */
	RESULT_ERR_STATE,     /* not allowed in the current state */
	RESULT_ERR_CAP,       /* daily cap reached / number range full */
	RESULT_ERR_CLOCK,     /* the clock went back before the business day */
	RESULT_ERR_PRINTER,   /* the printer cannot print */
	RESULT_ERR_IO,        /* file or device I/O */
	RESULT_ERR_OFFLINE,   /* the LAN server cannot be reached (desk layer) */
};

struct result {
	enum result_code code;
	char msg[512];
};

/* Fills r (if not NULL) and returns false, so callers can `return result_fail(...)`. */
bool result_fail(struct result *r, enum result_code code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void result_clear(struct result *r);
/* A short stable identifier for the code ("empty", "not_found"), used in JSON. */
const char *result_code_name(enum result_code code);
