#pragma once
#include "motcua/wire/layer.h"
/*
 * Success and failure as JSON, the same for `motcua --json` and the server:
 * success adds "ok": true (last, after the command's fields); failure adds
 * "ok": false, "error" (a stable code: result_code_name, or one of the
 * server's own codes below) and "message" (for a person).
 */
#include <stdbool.h>
#include <cjson/cJSON.h>
#include "motcua/base/result.h"

/* Adds "ok": true unless obj already says ok. */
void wire_result_ok(cJSON *obj);
/* Adds "ok": false, "error": result_code_name(r->code), "message": r->msg. */
void wire_result_error(cJSON *obj, const struct result *r);
/* As wire_result_error with a code of the server's own (WIRE_ERROR_*). */
void wire_result_error_code(cJSON *obj, const char *code, const char *message);

/* The server's own error codes (no core operation returns them). */
#define WIRE_ERROR_UNAUTHORIZED "unauthorized"  /* no token, or an unknown one */
#define WIRE_ERROR_FORBIDDEN "forbidden"        /* the token's role may not do this */
#define WIRE_ERROR_NO_ROUTE "no_route"          /* no such path */
#define WIRE_ERROR_METHOD "method"              /* the path exists, not with this method */
#define WIRE_ERROR_TOO_LARGE "too_large"        /* request body over the limit */
#define WIRE_ERROR_UNAVAILABLE "unavailable"    /* the server is stopping */
#define WIRE_ERROR_TOO_MANY "too_many_requests" /* over the rate limit, or a PIN locked */

/*
 * Reads an answer: true when it says "ok": true. Otherwise false with r
 * filled from "error" and "message": a core code by its name; the server's
 * own codes and unknown ones read as RESULT_ERR_IO, message kept.
 */
bool wire_result_decode(const cJSON *obj, struct result *r);
