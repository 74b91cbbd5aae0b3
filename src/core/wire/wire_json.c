/* Strict reading of JSON objects (wire_json.h). */
#define LOG_MODULE "wire"
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "motcua/base/utf8.h"
#include "motcua/wire/wire_json.h"

cJSON *wire_json_parse_object(const char *text, size_t len, struct result *r)
{
	const char *end = NULL;
	cJSON *obj = text ? cJSON_ParseWithLengthOpts(text, len, &end, false) : NULL;
	if (!obj) {
		result_fail(r, RESULT_ERR_INVALID, "nội dung yêu cầu không phải JSON hợp lệ");
		return NULL;
	}
	/* Only white space may follow the object. */
	for (; end && (size_t)(end - text) < len; end++) {
		if (*end != ' ' && *end != '\t' && *end != '\r' && *end != '\n') {
			cJSON_Delete(obj);
			result_fail(r, RESULT_ERR_INVALID, "nội dung yêu cầu có dữ liệu thừa sau JSON");
			return NULL;
		}
	}
	if (!cJSON_IsObject(obj)) {
		cJSON_Delete(obj);
		result_fail(r, RESULT_ERR_INVALID, "nội dung yêu cầu phải là một đối tượng JSON {...}");
		return NULL;
	}
	return obj;
}

bool wire_json_only(const cJSON *obj, const char *const *keys, struct result *r)
{
	const cJSON *item;
	cJSON_ArrayForEach(item, obj) {
		bool known = false;
		for (const char *const *k = keys; *k && !known; k++) {
			known = item->string && strcmp(item->string, *k) == 0;
		}
		if (!known) {
			char name[64];
			utf8_copy(name, sizeof(name), item->string ? item->string : "");
			return result_fail(r, RESULT_ERR_INVALID, "trường \"%s\" không được hỗ trợ", name);
		}
	}
	return true;
}

/* The item for key, NULL when absent; false when absent but required. */
static bool field(const cJSON *obj, const char *key, bool required, const cJSON **item,
	struct result *r)
{
	*item = cJSON_GetObjectItemCaseSensitive(obj, key);
	if (!*item && required) {
		return result_fail(r, RESULT_ERR_INVALID, "thiếu trường \"%s\"", key);
	}
	return true;
}

bool wire_json_string(const cJSON *obj, const char *key, bool required, size_t max,
	const char **out, struct result *r)
{
	const cJSON *item;
	if (!field(obj, key, required, &item, r)) {
		return false;
	}
	if (!item) {
		return true;
	}
	if (!cJSON_IsString(item) || !item->valuestring) {
		return result_fail(r, RESULT_ERR_INVALID, "trường \"%s\" phải là chuỗi ký tự", key);
	}
	if (strlen(item->valuestring) > max) {
		return result_fail(r, RESULT_ERR_INVALID, "trường \"%s\" dài quá %zu byte", key, max);
	}
	*out = item->valuestring;
	return true;
}

bool wire_json_int(const cJSON *obj, const char *key, bool required, int64_t min, int64_t max,
	int64_t *out, struct result *r)
{
	const cJSON *item;
	if (!field(obj, key, required, &item, r)) {
		return false;
	}
	if (!item) {
		return true;
	}
	double v = cJSON_IsNumber(item) ? item->valuedouble : NAN;
	if (!isfinite(v) || v != floor(v) || fabs(v) >= 9007199254740992.0) {
		return result_fail(r, RESULT_ERR_INVALID, "trường \"%s\" phải là số nguyên", key);
	}
	if (v < (double)min || v > (double)max) {
		return result_fail(r, RESULT_ERR_INVALID, "trường \"%s\" phải từ %lld đến %lld", key,
			(long long)min, (long long)max);
	}
	*out = (int64_t)v;
	return true;
}

bool wire_json_bool(const cJSON *obj, const char *key, bool required, bool *out,
	struct result *r)
{
	const cJSON *item;
	if (!field(obj, key, required, &item, r)) {
		return false;
	}
	if (!item) {
		return true;
	}
	if (!cJSON_IsBool(item)) {
		return result_fail(r, RESULT_ERR_INVALID, "trường \"%s\" phải là true hoặc false", key);
	}
	*out = cJSON_IsTrue(item);
	return true;
}

void wire_json_copy(const cJSON *obj, const char *key, char *out, size_t size)
{
	const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, key);
	utf8_copy(out, size, cJSON_IsString(item) && item->valuestring ? item->valuestring : "");
}

int64_t wire_json_get_int(const cJSON *obj, const char *key)
{
	const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, key);
	if (!cJSON_IsNumber(item) || !isfinite(item->valuedouble)
			|| fabs(item->valuedouble) >= 9007199254740992.0) {
		return 0;
	}
	return (int64_t)item->valuedouble;
}
