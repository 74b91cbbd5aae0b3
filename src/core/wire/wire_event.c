/* An event as JSON (wire_event.h). */
#define LOG_MODULE "wire"
#include <string.h>
#include "motcua/wire/wire_event.h"
#include "motcua/wire/wire_json.h"

void wire_event_encode(cJSON *obj, const struct event *ev)
{
	cJSON_AddNumberToObject(obj, "id", (double)ev->id);
	cJSON_AddNumberToObject(obj, "at_ms", (double)ev->at_ms);
	cJSON_AddStringToObject(obj, "kind", event_kind_name(ev->kind));
	cJSON_AddNumberToObject(obj, "ticket", (double)ev->ticket_id);
	cJSON_AddStringToObject(obj, "number", ev->number);
	cJSON_AddNumberToObject(obj, "counter", ev->counter);
	cJSON_AddStringToObject(obj, "service", ev->service_code);
	cJSON_AddStringToObject(obj, "officer", ev->officer);
	cJSON_AddStringToObject(obj, "detail", ev->detail);
}

bool wire_event_decode(const cJSON *obj, struct event *ev, struct result *r)
{
	int64_t id = 0;
	const char *kind = NULL;
	memset(ev, 0, sizeof(*ev));
	if (!cJSON_IsObject(obj)) {
		return result_fail(r, RESULT_ERR_INVALID, "sự kiện không phải đối tượng JSON");
	}
	if (!wire_json_int(obj, "id", true, 1, INT64_MAX, &id, r)
			|| !wire_json_string(obj, "kind", true, 64, &kind, r)) {
		return false;
	}
	ev->id = id;
	ev->kind = event_kind_parse(kind);
	ev->at_ms = wire_json_get_int(obj, "at_ms");
	ev->ticket_id = wire_json_get_int(obj, "ticket");
	wire_json_copy(obj, "number", ev->number, sizeof(ev->number));
	ev->counter = (int)wire_json_get_int(obj, "counter");
	wire_json_copy(obj, "service", ev->service_code, sizeof(ev->service_code));
	wire_json_copy(obj, "officer", ev->officer, sizeof(ev->officer));
	wire_json_copy(obj, "detail", ev->detail, sizeof(ev->detail));
	return true;
}
