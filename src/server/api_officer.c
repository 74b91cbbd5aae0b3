/*
 * The officers' accounts seen from a counter device (api_call.h): the list
 * of active accounts for motcua-counter's login screen, an officer's login
 * at the device's counter (the PIN under the account's lockout, then the
 * counter's officer is that account: no cookie, the device's token stays
 * the credential), and the rule that a device names an account on its
 * counter's work only when that officer logged in there.
 */
#define LOG_MODULE "api"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "api_call.h"
#include "motcua/base/log.h"
#include "motcua/store/counters.h"
#include "motcua/store/officers.h"
#include "motcua/store/pin.h"
#include "motcua/wire/wire_json.h"

unsigned api_get_officers(struct api_call *call)
{
	struct officer *list = NULL;
	size_t n = 0;
	struct result r = { 0 };
	if (!officer_list(call->db, &list, &n, &r)) {
		return api_fail(call, &r);
	}
	cJSON *out = cJSON_AddArrayToObject(call->out, "officers");
	for (size_t i = 0; i < n; i++) {
		if (list[i].active) {
			cJSON *o = cJSON_CreateObject();
			cJSON_AddNumberToObject(o, "id", (double)list[i].id);
			cJSON_AddStringToObject(o, "name", list[i].name);
			cJSON_AddItemToArray(out, o);
		}
	}
	free(list);
	return 200;
}

unsigned api_post_counter_officer(struct api_call *call)
{
	static const char *const keys[] = { "officer", "pin", NULL };
	const char *name = NULL, *pin = NULL;
	struct officer o = { 0 };
	struct pin_check check;
	struct result r = { 0 };
	unsigned status;
	int counter;
	if (!api_own_counter(call, &counter, &status) || !api_body_only(call, keys, &status)) {
		return status;
	}
	if (!wire_json_string(call->body, "officer", true, OFFICER_NAME_MAX, &name, &r)
			|| !wire_json_string(call->body, "pin", true, 64, &pin, &r)) {
		return api_fail(call, &r);
	}
	char where[96];
	snprintf(where, sizeof(where), "%s quầy %d", call->device->name, counter);
	/* Under the write lock: the lockout's count is a write. */
	api_write_begin(call);
	bool ok = officer_login(call->db, name, pin, where, &o, &check, &r)
		&& (check.outcome != PIN_RIGHT || counter_set_officer(call->db, counter, o.name, &r));
	api_write_end(call);
	if (!ok) {
		return api_fail(call, &r);
	}
	/* An unknown or disabled name is a wrong PIN to the caller: which one is not said. */
	if (check.outcome == PIN_NOT_SET) {
		check.outcome = PIN_WRONG;
	}
	api_pin_answer(call, &check);
	if (check.outcome == PIN_RIGHT) {
		LOG_INFO("officer %lld logged in at counter %d (device %s)", (long long)o.id, counter,
			call->device->name);
		cJSON *who = cJSON_AddObjectToObject(call->out, "officer");
		cJSON_AddNumberToObject(who, "id", (double)o.id);
		cJSON_AddStringToObject(who, "name", o.name);
	}
	return 200;
}

bool api_officer_here(struct api_call *call, int counter, const char *officer,
	unsigned *status)
{
	struct counter c;
	struct officer *list = NULL;
	size_t n = 0;
	struct result r = { 0 };
	if (!*officer) {
		return true;
	}
	if (!counter_find(call->db, counter, &c, &r) || !officer_list(call->db, &list, &n, &r)) {
		*status = api_fail(call, &r);
		return false;
	}
	bool account = false;
	for (size_t i = 0; i < n && !account; i++) {
		account = list[i].active && strcmp(list[i].name, officer) == 0;
	}
	free(list);
	if (account && strcmp(c.officer, officer) != 0) {
		char msg[160];
		snprintf(msg, sizeof(msg), "cán bộ %s chưa đăng nhập tại quầy %d", officer, counter);
		*status = api_forbid(call, msg);
		return false;
	}
	return true;
}
