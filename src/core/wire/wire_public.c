/* The citizen's view of a ticket as JSON (wire_public.h). */
#define LOG_MODULE "wire"
#include "motcua/wire/wire_public.h"

void wire_public_status_encode(cJSON *obj, const struct public_status *ps)
{
	const struct ticket *t = &ps->ticket;
	cJSON_AddStringToObject(obj, "number", t->number);
	cJSON_AddStringToObject(obj, "service_name", t->service_name);
	cJSON_AddStringToObject(obj, "status", ticket_status_name(t->status));
	cJSON_AddStringToObject(obj, "status_words", ticket_status_words(t->status));
	if (t->status == TICKET_WAITING) {
		cJSON_AddNumberToObject(obj, "ahead", ps->ahead);
		cJSON_AddNumberToObject(obj, "est_wait_s", ps->est_wait_s);
	}
	if (t->counter && (t->status == TICKET_CALLED || t->status == TICKET_SERVING)) {
		cJSON_AddNumberToObject(obj, "counter", t->counter);
		for (size_t i = 0; i < ps->n_counters; i++) {
			if (ps->counters[i].number == t->counter) {
				cJSON_AddStringToObject(obj, "counter_name", ps->counters[i].name);
			}
		}
	}
	cJSON_AddStringToObject(obj, "commune_name", ps->commune_name);
	cJSON *arr = cJSON_AddArrayToObject(obj, "counters");
	for (size_t i = 0; i < ps->n_counters; i++) {
		const struct public_counter *c = &ps->counters[i];
		cJSON *o = cJSON_CreateObject();
		cJSON_AddNumberToObject(o, "number", c->number);
		cJSON_AddStringToObject(o, "name", c->name);
		cJSON_AddStringToObject(o, "state", counter_state_name(c->state));
		cJSON_AddStringToObject(o, "serving", c->serving);
		cJSON_AddItemToArray(arr, o);
	}
}
