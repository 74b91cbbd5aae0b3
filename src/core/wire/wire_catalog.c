/* The desk's set-up as JSON (wire_catalog.h). */
#define LOG_MODULE "wire"
#include <stdlib.h>
#include <string.h>
#include "motcua/base/xalloc.h"
#include "motcua/store/settings.h"
#include "motcua/wire/wire_catalog.h"
#include "motcua/wire/wire_json.h"

void wire_service_encode(cJSON *o, const struct service *s)
{
	cJSON_AddStringToObject(o, "code", s->code);
	cJSON_AddStringToObject(o, "name", s->name);
	cJSON_AddStringToObject(o, "prefix", s->prefix);
	cJSON_AddNumberToObject(o, "range_start", s->range_start);
	cJSON_AddNumberToObject(o, "range_end", s->range_end);
	cJSON_AddNumberToObject(o, "daily_cap", s->daily_cap);
	cJSON_AddBoolToObject(o, "active", s->active);
	cJSON_AddNumberToObject(o, "position", s->position);
	cJSON_AddNumberToObject(o, "est_service_s", s->est_service_s);
	cJSON_AddStringToObject(o, "group", s->group);
}

void wire_services_encode(cJSON *obj, const struct service *list, size_t n)
{
	cJSON *arr = cJSON_AddArrayToObject(obj, "services");
	for (size_t i = 0; i < n; i++) {
		cJSON *o = cJSON_CreateObject();
		wire_service_encode(o, &list[i]);
		cJSON_AddItemToArray(arr, o);
	}
}

void wire_counters_encode(cJSON *obj, struct db *db, const struct counter *list, size_t n)
{
	cJSON *arr = cJSON_AddArrayToObject(obj, "counters");
	for (size_t i = 0; i < n; i++) {
		const struct counter *c = &list[i];
		char codes[COUNTER_MAX_SERVICES * (SERVICE_CODE_MAX + 1)];
		counter_services_text(db, c, false, ",", codes, sizeof(codes));
		cJSON *o = cJSON_CreateObject();
		cJSON_AddNumberToObject(o, "number", c->number);
		cJSON_AddStringToObject(o, "name", c->name);
		cJSON_AddStringToObject(o, "state", counter_state_name(c->state));
		cJSON_AddStringToObject(o, "pause_reason", c->pause_reason);
		cJSON_AddStringToObject(o, "officer", c->officer);
		cJSON *sv = cJSON_AddArrayToObject(o, "services");
		char *save = NULL;
		for (char *tok = strtok_r(codes, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
			cJSON_AddItemToArray(sv, cJSON_CreateString(tok));
		}
		cJSON_AddItemToArray(arr, o);
	}
}

void wire_counter_brief_encode(cJSON *obj, const struct counter *c)
{
	cJSON_AddNumberToObject(obj, "counter", c->number);
	cJSON_AddStringToObject(obj, "name", c->name);
	cJSON_AddStringToObject(obj, "state", counter_state_name(c->state));
}

static void add_setting(void *ud, const char *key, const char *value, const char *def,
	const char *description)
{
	/* settings_each already shows a secret only as "(set)". */
	cJSON_AddStringToObject(ud, key, value);
}

void wire_settings_encode(cJSON *obj, struct db *db)
{
	settings_each(db, add_setting, cJSON_AddObjectToObject(obj, "settings"));
}

bool wire_service_decode(const cJSON *o, struct service *s, struct result *r)
{
	const char *code = NULL;
	memset(s, 0, sizeof(*s));
	if (!wire_json_string(o, "code", true, SERVICE_CODE_MAX, &code, r)) {
		return false;
	}
	strcpy(s->code, code);
	wire_json_copy(o, "name", s->name, sizeof(s->name));
	wire_json_copy(o, "prefix", s->prefix, sizeof(s->prefix));
	s->range_start = (int)wire_json_get_int(o, "range_start");
	s->range_end = (int)wire_json_get_int(o, "range_end");
	s->daily_cap = (int)wire_json_get_int(o, "daily_cap");
	s->active = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, "active"));
	s->position = (int)wire_json_get_int(o, "position");
	s->est_service_s = (int)wire_json_get_int(o, "est_service_s");
	wire_json_copy(o, "group", s->group, sizeof(s->group));
	return true;
}

/* obj's array `key` (an empty one when absent is not allowed). */
static const cJSON *array_of(const cJSON *obj, const char *key, struct result *r)
{
	const cJSON *arr = cJSON_GetObjectItemCaseSensitive(obj, key);
	if (!cJSON_IsArray(arr)) {
		result_fail(r, RESULT_ERR_INVALID, "thiếu danh sách \"%s\"", key);
		return NULL;
	}
	return arr;
}

bool wire_services_decode(const cJSON *obj, struct service **list, size_t *n,
	struct result *r)
{
	const cJSON *arr = array_of(obj, "services", r), *item;
	*list = NULL;
	*n = 0;
	if (!arr) {
		return false;
	}
	*list = xcalloc((size_t)cJSON_GetArraySize(arr) + 1, sizeof(**list));
	cJSON_ArrayForEach(item, arr) {
		if (!wire_service_decode(item, &(*list)[*n], r)) {
			free(*list);
			*list = NULL;
			*n = 0;
			return false;
		}
		(*n)++;
	}
	return true;
}

static bool parse_state(const char *name, enum counter_state *out)
{
	for (int s = COUNTER_OPEN; s <= COUNTER_CLOSED; s++) {
		if (strcmp(name, counter_state_name((enum counter_state)s)) == 0) {
			*out = (enum counter_state)s;
			return true;
		}
	}
	return false;
}

bool wire_counters_decode(const cJSON *obj, struct counter **list,
	struct wire_counter_codes **codes, size_t *n, struct result *r)
{
	const cJSON *arr = array_of(obj, "counters", r), *item;
	*list = NULL;
	*n = 0;
	if (codes) {
		*codes = NULL;
	}
	if (!arr) {
		return false;
	}
	size_t size = (size_t)cJSON_GetArraySize(arr) + 1;
	*list = xcalloc(size, sizeof(**list));
	if (codes) {
		*codes = xcalloc(size, sizeof(**codes));
	}
	cJSON_ArrayForEach(item, arr) {
		struct counter *c = &(*list)[*n];
		int64_t number = 0;
		const char *state = NULL;
		if (!wire_json_int(item, "number", true, 1, 999, &number, r)
				|| !wire_json_string(item, "state", true, 16, &state, r)) {
			goto fail;
		}
		if (!parse_state(state, &c->state)) {
			result_fail(r, RESULT_ERR_INVALID, "trạng thái quầy \"%s\" không hợp lệ", state);
			goto fail;
		}
		c->number = (int)number;
		wire_json_copy(item, "name", c->name, sizeof(c->name));
		wire_json_copy(item, "pause_reason", c->pause_reason, sizeof(c->pause_reason));
		wire_json_copy(item, "officer", c->officer, sizeof(c->officer));
		const cJSON *sv = cJSON_GetObjectItemCaseSensitive(item, "services"), *code;
		if (!cJSON_IsArray(sv)) {
			sv = NULL;
		}
		cJSON_ArrayForEach(code, sv) {
			char *text = codes ? (*codes)[*n].text : NULL;
			if (text && cJSON_IsString(code)
					&& strlen(text) + strlen(code->valuestring) + 2 <= sizeof((*codes)->text)) {
				strcat(strcat(text, *text ? "," : ""), code->valuestring);
			}
		}
		(*n)++;
	}
	return true;
fail:
	free(*list);
	*list = NULL;
	if (codes) {
		free(*codes);
		*codes = NULL;
	}
	*n = 0;
	return false;
}
