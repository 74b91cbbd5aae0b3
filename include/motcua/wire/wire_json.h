#pragma once
#include "motcua/wire/layer.h"
/*
 * Strict reading of JSON objects: what clients send to the server, and what
 * a remote client reads back. Every getter names the field in its message,
 * refuses a value of the wrong type (a number where text belongs, 1.5 where
 * a whole number belongs, "true" where true belongs) and leaves *out
 * untouched when the field is absent and optional. Messages are Vietnamese:
 * a counter or kiosk may show them to staff.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cjson/cJSON.h>
#include "motcua/base/result.h"

/*
 * Parses text (len bytes, need not be NUL-terminated) as one JSON object.
 * NULL with RESULT_ERR_INVALID for anything else (malformed, an array, a
 * bare number, trailing bytes, nesting deeper than cJSON allows). The
 * caller owns the object (cJSON_Delete).
 */
cJSON *wire_json_parse_object(const char *text, size_t len, struct result *r);

/* Refuses a key of obj that is not in keys (NULL-terminated): a typo such as "prority". */
bool wire_json_only(const cJSON *obj, const char *const *keys, struct result *r);

/*
 * Text of at most max bytes (well-formed UTF-8 is the caller's check: the
 * core's text_check). *out points into obj.
 */
bool wire_json_string(const cJSON *obj, const char *key, bool required, size_t max,
	const char **out, struct result *r);
/* A whole number within [min, max] (|value| < 2^53). */
bool wire_json_int(const cJSON *obj, const char *key, bool required, int64_t min, int64_t max,
	int64_t *out, struct result *r);
/* true or false. */
bool wire_json_bool(const cJSON *obj, const char *key, bool required, bool *out,
	struct result *r);

/* Copies a string field into a fixed buffer (cut at a character boundary); "" if absent. */
void wire_json_copy(const cJSON *obj, const char *key, char *out, size_t size);
/* A number field as int64 (0 if absent or not a number). */
int64_t wire_json_get_int(const cJSON *obj, const char *key);
