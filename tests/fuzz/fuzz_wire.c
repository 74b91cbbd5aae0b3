/*
 * Fuzzes the wire layer's reading (src/core/wire/): what the server reads
 * from every client's request body, and what a remote client reads back.
 * Input: any bytes, taken as one JSON object (wire_json_parse_object), then
 * read as a ticket, an event, a snapshot, services, counters and a result.
 * Properties: nothing crashes or leaks; a refusal is RESULT_ERR_INVALID
 * with a message; whatever is read is written and read again to the same
 * text (encode, decode, encode is stable).
 */
#include <string.h>
#include "fuzz.h"
#include "motcua/wire/wire_catalog.h"
#include "motcua/wire/wire_event.h"
#include "motcua/wire/wire_json.h"
#include "motcua/wire/wire_result.h"
#include "motcua/wire/wire_snapshot.h"
#include "motcua/wire/wire_ticket.h"

static char *text_of(cJSON *obj)
{
	char *text = cJSON_PrintUnformatted(obj);
	cJSON_Delete(obj);
	FUZZ_CHECK(text != NULL);
	return text;
}

static void ticket_stable(const cJSON *obj)
{
	struct ticket t, again;
	struct result r = { 0 };
	if (!wire_ticket_decode(obj, &t, &r)) {
		FUZZ_CHECK(r.code == RESULT_ERR_INVALID && r.msg[0]);
		return;
	}
	cJSON *first = cJSON_CreateObject();
	wire_ticket_encode_issued(first, &t);
	FUZZ_CHECK(wire_ticket_decode(first, &again, &r));
	cJSON *second = cJSON_CreateObject();
	wire_ticket_encode_issued(second, &again);
	char *a = text_of(first), *b = text_of(second);
	FUZZ_CHECK(strcmp(a, b) == 0);
	free(a);
	free(b);
}

static void snapshot_stable(const cJSON *obj)
{
	struct snapshot s, again;
	struct result r = { 0 };
	if (!wire_snapshot_decode(obj, &s, &r)) {
		FUZZ_CHECK(r.code == RESULT_ERR_INVALID && r.msg[0]);
		return;
	}
	cJSON *first = cJSON_CreateObject();
	wire_snapshot_encode(first, &s);
	FUZZ_CHECK(wire_snapshot_decode(first, &again, &r));
	cJSON *second = cJSON_CreateObject();
	wire_snapshot_encode(second, &again);
	char *a = text_of(first), *b = text_of(second);
	FUZZ_CHECK(strcmp(a, b) == 0);
	free(a);
	free(b);
	snapshot_finish(&s);
	snapshot_finish(&again);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct result r = { 0 };
	cJSON *obj = wire_json_parse_object((const char *)data, size, &r);
	if (!obj) {
		FUZZ_CHECK(r.code == RESULT_ERR_INVALID && r.msg[0]);
		return 0;
	}
	ticket_stable(obj);
	snapshot_stable(obj);
	struct event ev;
	if (!wire_event_decode(obj, &ev, &r)) {
		FUZZ_CHECK(r.code == RESULT_ERR_INVALID);
	}
	struct service *services;
	struct counter *counters;
	struct wire_counter_codes *codes;
	size_t n;
	if (wire_services_decode(obj, &services, &n, &r)) {
		free(services);
	}
	if (wire_counters_decode(obj, &counters, &codes, &n, &r)) {
		free(counters);
		free(codes);
	}
	(void)wire_result_decode(obj, &r);
	static const char *const keys[] = { "service", "priority", NULL };
	const char *s;
	bool b;
	int64_t i;
	(void)wire_json_only(obj, keys, &r);
	(void)wire_json_string(obj, "service", false, 16, &s, &r);
	(void)wire_json_bool(obj, "priority", false, &b, &r);
	(void)wire_json_int(obj, "id", false, 1, INT64_MAX, &i, &r);
	cJSON_Delete(obj);
	return 0;
}
