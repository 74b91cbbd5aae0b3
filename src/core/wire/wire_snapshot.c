/* The queue now, as JSON (wire_snapshot.h). */
#define LOG_MODULE "wire"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "motcua/base/xalloc.h"
#include "motcua/store/queue.h"
#include "motcua/wire/wire_catalog.h"
#include "motcua/wire/wire_json.h"
#include "motcua/wire/wire_snapshot.h"
#include "motcua/wire/wire_ticket.h"

static void status_counters(cJSON *obj, const struct snapshot *s)
{
	cJSON *counters = cJSON_AddArrayToObject(obj, "counters");
	for (size_t i = 0; i < s->n_counters; i++) {
		const struct snapshot_counter *c = &s->counters[i];
		cJSON *o = cJSON_CreateObject();
		cJSON_AddNumberToObject(o, "number", c->counter.number);
		cJSON_AddStringToObject(o, "state", counter_state_name(c->counter.state));
		cJSON_AddStringToObject(o, "pause_reason", c->counter.pause_reason);
		cJSON_AddStringToObject(o, "officer", c->counter.officer);
		if (c->has_ticket) {
			cJSON_AddStringToObject(o, "serving", c->ticket.number);
		} else {
			cJSON_AddNullToObject(o, "serving");
		}
		cJSON_AddNumberToObject(o, "waiting", c->waiting);
		cJSON_AddItemToArray(counters, o);
	}
}

/* The counts of a service; the status has them after its code only. */
static void service_counts(cJSON *o, const struct snapshot_service *sv)
{
	cJSON_AddNumberToObject(o, "waiting", sv->waiting);
	cJSON_AddNumberToObject(o, "waiting_priority", sv->waiting_priority);
	cJSON_AddNumberToObject(o, "issued", sv->issued_today);
	cJSON_AddBoolToObject(o, "full", sv->full);
}

static void status_devices(cJSON *obj, struct db *db, wire_device_words_fn words)
{
	struct device_status *list;
	size_t n;
	if (!devices_list(db, &list, &n, NULL)) {
		return;
	}
	cJSON *arr = cJSON_AddArrayToObject(obj, "devices");
	for (size_t i = 0; i < n; i++) {
		const struct device_status *d = &list[i];
		const char *text = d->status, *detail = d->detail;
		if (words) {
			words(d, &text, &detail);
		}
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "name", d->name);
		cJSON_AddStringToObject(o, "kind", d->kind);
		cJSON_AddStringToObject(o, "status", d->status);
		cJSON_AddStringToObject(o, "text", text);
		cJSON_AddStringToObject(o, "detail", detail);
		cJSON_AddNumberToObject(o, "updated_ms", (double)d->updated_ms);
		cJSON_AddItemToArray(arr, o);
	}
	free(list);
}

static void status_unconfirmed(cJSON *obj, struct db *db, int day)
{
	int64_t *ids;
	size_t n;
	if (!ticket_list_print_unconfirmed(db, day, &ids, &n, NULL)) {
		return;
	}
	cJSON *arr = cJSON_AddArrayToObject(obj, "print_unconfirmed");
	for (size_t i = 0; i < n; i++) {
		struct ticket t;
		if (queue_get(db, ids[i], &t, NULL)) {
			cJSON *o = cJSON_CreateObject();
			wire_ticket_encode(o, &t);
			cJSON_AddItemToArray(arr, o);
		}
	}
	free(ids);
}

void wire_status_encode(cJSON *obj, struct db *db, const struct snapshot *s,
	wire_device_words_fn words)
{
	cJSON_AddNumberToObject(obj, "day", s->day);
	status_counters(obj, s);
	cJSON *services = cJSON_AddArrayToObject(obj, "services");
	for (size_t i = 0; i < s->n_services; i++) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "code", s->services[i].service.code);
		service_counts(o, &s->services[i]);
		cJSON_AddItemToArray(services, o);
	}
	status_devices(obj, db, words);
	status_unconfirmed(obj, db, s->day);
}

/* A counter's services as codes (those active, which the snapshot lists). */
static void counter_codes(cJSON *o, const struct snapshot *s, const struct counter *c)
{
	cJSON *arr = cJSON_AddArrayToObject(o, "services");
	for (size_t i = 0; i < c->n_services; i++) {
		for (size_t k = 0; k < s->n_services; k++) {
			if (s->services[k].service.id == c->service_ids[i]) {
				cJSON_AddItemToArray(arr, cJSON_CreateString(s->services[k].service.code));
			}
		}
	}
}

/*
 * The decoded snapshot's own ids: services 1, 2, ... in order, and each
 * counter's service_ids pointing at them, so a reader matches counters
 * and services by id as it does on a snapshot read from the file.
 */
static void link_ids(struct snapshot *s, const struct wire_counter_codes *codes)
{
	for (size_t k = 0; k < s->n_services; k++) {
		s->services[k].service.id = (int64_t)k + 1;
	}
	for (size_t i = 0; i < s->n_counters; i++) {
		struct counter *c = &s->counters[i].counter;
		char text[sizeof(codes->text)], *save = NULL;
		snprintf(text, sizeof(text), "%s", codes[i].text);
		c->n_services = 0;
		for (char *code = strtok_r(text, ",", &save); code; code = strtok_r(NULL, ",", &save)) {
			for (size_t k = 0; k < s->n_services && c->n_services < COUNTER_MAX_SERVICES; k++) {
				if (strcmp(s->services[k].service.code, code) == 0) {
					c->service_ids[c->n_services++] = s->services[k].service.id;
				}
			}
		}
	}
}

void wire_snapshot_encode(cJSON *obj, const struct snapshot *s)
{
	cJSON_AddNumberToObject(obj, "last_event_id", (double)s->last_event_id);
	cJSON_AddNumberToObject(obj, "day", s->day);
	cJSON_AddStringToObject(obj, "commune_name", s->commune_name);
	cJSON_AddStringToObject(obj, "desk_name", s->desk_name);
	cJSON_AddStringToObject(obj, "notice", s->notice);
	cJSON *counters = cJSON_AddArrayToObject(obj, "counters");
	for (size_t i = 0; i < s->n_counters; i++) {
		const struct snapshot_counter *c = &s->counters[i];
		cJSON *o = cJSON_CreateObject();
		cJSON_AddNumberToObject(o, "number", c->counter.number);
		cJSON_AddStringToObject(o, "name", c->counter.name);
		cJSON_AddStringToObject(o, "state", counter_state_name(c->counter.state));
		cJSON_AddStringToObject(o, "pause_reason", c->counter.pause_reason);
		cJSON_AddStringToObject(o, "officer", c->counter.officer);
		cJSON_AddStringToObject(o, "service_names", c->service_names);
		counter_codes(o, s, &c->counter);
		cJSON_AddNumberToObject(o, "waiting", c->waiting);
		if (c->has_ticket) {
			wire_ticket_encode(cJSON_AddObjectToObject(o, "ticket"), &c->ticket);
		} else {
			cJSON_AddNullToObject(o, "ticket");
		}
		cJSON_AddItemToArray(counters, o);
	}
	cJSON *services = cJSON_AddArrayToObject(obj, "services");
	for (size_t i = 0; i < s->n_services; i++) {
		cJSON *o = cJSON_CreateObject();
		wire_service_encode(o, &s->services[i].service);
		service_counts(o, &s->services[i]);
		cJSON_AddItemToArray(services, o);
	}
	cJSON *calls = cJSON_AddArrayToObject(obj, "calls");
	for (size_t i = 0; i < s->n_calls; i++) {
		const struct snapshot_call *c = &s->calls[i];
		cJSON *o = cJSON_CreateObject();
		cJSON_AddNumberToObject(o, "event_id", (double)c->event_id);
		cJSON_AddNumberToObject(o, "at_ms", (double)c->at_ms);
		cJSON_AddStringToObject(o, "number", c->number);
		cJSON_AddNumberToObject(o, "counter", c->counter);
		cJSON_AddStringToObject(o, "service_name", c->service_name);
		cJSON_AddBoolToObject(o, "recall", c->recall);
		cJSON_AddItemToArray(calls, o);
	}
}

static bool decode_counter(const cJSON *o, struct snapshot_counter *c,
	struct wire_counter_codes *codes, struct result *r)
{
	struct counter *list;
	struct wire_counter_codes *texts;
	size_t n;
	/* One counter through the counters decoder: wrap it in {"counters": [o]}. */
	cJSON *wrap = cJSON_CreateObject();
	cJSON *arr = cJSON_AddArrayToObject(wrap, "counters");
	cJSON_AddItemReferenceToArray(arr, (cJSON *)o);
	bool ok = wire_counters_decode(wrap, &list, &texts, &n, r);
	cJSON_Delete(wrap);
	if (!ok) {
		return false;
	}
	c->counter = list[0];
	*codes = texts[0];
	free(list);
	free(texts);
	wire_json_copy(o, "service_names", c->service_names, sizeof(c->service_names));
	c->waiting = (int)wire_json_get_int(o, "waiting");
	const cJSON *t = cJSON_GetObjectItemCaseSensitive(o, "ticket");
	c->has_ticket = cJSON_IsObject(t);
	return !c->has_ticket || wire_ticket_decode(t, &c->ticket, r);
}

static bool decode_service(const cJSON *o, struct snapshot_service *sv, struct result *r)
{
	if (!wire_service_decode(o, &sv->service, r)) {
		return false;
	}
	sv->waiting = (int)wire_json_get_int(o, "waiting");
	sv->waiting_priority = (int)wire_json_get_int(o, "waiting_priority");
	sv->issued_today = (int)wire_json_get_int(o, "issued");
	sv->full = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, "full"));
	return true;
}

static void decode_call(const cJSON *o, struct snapshot_call *c)
{
	c->event_id = wire_json_get_int(o, "event_id");
	c->at_ms = wire_json_get_int(o, "at_ms");
	wire_json_copy(o, "number", c->number, sizeof(c->number));
	c->counter = (int)wire_json_get_int(o, "counter");
	wire_json_copy(o, "service_name", c->service_name, sizeof(c->service_name));
	c->recall = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, "recall"));
}

bool wire_snapshot_decode(const cJSON *obj, struct snapshot *s, struct result *r)
{
	memset(s, 0, sizeof(*s));
	const cJSON *counters = cJSON_GetObjectItemCaseSensitive(obj, "counters");
	const cJSON *services = cJSON_GetObjectItemCaseSensitive(obj, "services");
	const cJSON *calls = cJSON_GetObjectItemCaseSensitive(obj, "calls");
	int64_t day = 0;
	if (!cJSON_IsArray(counters) || !cJSON_IsArray(services) || !cJSON_IsArray(calls)) {
		return result_fail(r, RESULT_ERR_INVALID, "ảnh chụp hàng đợi thiếu quầy, lĩnh vực "
			"hoặc lượt gọi");
	}
	if (!wire_json_int(obj, "day", true, 0, 99991231, &day, r)) {
		return false;
	}
	s->day = (int)day;
	s->last_event_id = wire_json_get_int(obj, "last_event_id");
	wire_json_copy(obj, "commune_name", s->commune_name, sizeof(s->commune_name));
	wire_json_copy(obj, "desk_name", s->desk_name, sizeof(s->desk_name));
	wire_json_copy(obj, "notice", s->notice, sizeof(s->notice));
	size_t n_counters = (size_t)cJSON_GetArraySize(counters);
	struct wire_counter_codes *codes = xcalloc(n_counters + 1, sizeof(*codes));
	s->counters = xcalloc(n_counters + 1, sizeof(*s->counters));
	s->services = xcalloc((size_t)cJSON_GetArraySize(services) + 1, sizeof(*s->services));
	const cJSON *item;
	cJSON_ArrayForEach(item, counters) {
		if (!decode_counter(item, &s->counters[s->n_counters], &codes[s->n_counters], r)) {
			goto fail;
		}
		s->n_counters++;
	}
	cJSON_ArrayForEach(item, services) {
		if (!decode_service(item, &s->services[s->n_services], r)) {
			goto fail;
		}
		s->n_services++;
	}
	cJSON_ArrayForEach(item, calls) {
		if (s->n_calls < SNAPSHOT_MAX_CALLS) {
			decode_call(item, &s->calls[s->n_calls++]);
		}
	}
	link_ids(s, codes);
	free(codes);
	return true;
fail:
	free(codes);
	snapshot_finish(s);
	return false;
}
