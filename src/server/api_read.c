/*
 * The API's reads (api_call.h): who am I, the set-up, the status and the
 * screens' snapshot, a counter's next citizens and no-shows, a ticket.
 * Each answers what the matching `motcua --json` command prints.
 */
#define LOG_MODULE "api"
#include <stdlib.h>
#include "api_call.h"
#include "motcua/base/text.h"
#include "motcua/print/printer_status.h"
#include "motcua/store/counters.h"
#include "motcua/store/queue.h"
#include "motcua/store/services.h"
#include "motcua/store/snapshot.h"
#include "motcua/store/ticketlist.h"
#include "motcua/wire/wire_catalog.h"
#include "motcua/wire/wire_snapshot.h"
#include "motcua/wire/wire_ticket.h"

#define LIST_MAX 64

unsigned api_get_me(struct api_call *call)
{
	cJSON_AddStringToObject(call->out, "name", call->device->name);
	cJSON_AddStringToObject(call->out, "role", token_role_name(call->device->role));
	if (call->device->counter) {
		cJSON_AddNumberToObject(call->out, "counter", call->device->counter);
	}
	if (call->officer) {
		cJSON_AddStringToObject(call->out, "officer", call->officer);
	}
	return 200;
}

unsigned api_get_services(struct api_call *call)
{
	struct service *list;
	size_t n;
	struct result r = { 0 };
	if (!service_list(call->db, false, &list, &n, &r)) {
		return api_fail(call, &r);
	}
	wire_services_encode(call->out, list, n);
	free(list);
	return 200;
}

unsigned api_get_counters(struct api_call *call)
{
	struct counter *list;
	size_t n;
	struct result r = { 0 };
	if (!counter_list(call->db, &list, &n, &r)) {
		return api_fail(call, &r);
	}
	wire_counters_encode(call->out, call->db, list, n);
	free(list);
	return 200;
}

unsigned api_get_settings(struct api_call *call)
{
	wire_settings_encode(call->out, call->db);
	return 200;
}

unsigned api_get_status(struct api_call *call)
{
	struct snapshot s;
	struct result r = { 0 };
	if (!snapshot_read(call->db, &s, &r)) {
		return api_fail(call, &r);
	}
	wire_status_encode(call->out, call->db, &s, printer_fault_words);
	snapshot_finish(&s);
	return 200;
}

unsigned api_get_snapshot(struct api_call *call)
{
	struct snapshot s;
	struct result r = { 0 };
	if (!snapshot_read(call->db, &s, &r)) {
		return api_fail(call, &r);
	}
	wire_snapshot_encode(call->out, &s);
	wire_settings_encode(call->out, call->db);
	snapshot_finish(&s);
	return 200;
}

/* ?max=N (1-64, default 10) for the lists. */
static bool list_max(struct api_call *call, size_t *max, unsigned *status)
{
	const char *text = http_request_query(call->rq, "max");
	long n = 10;
	if (text && !text_parse_long(text, 1, LIST_MAX, &n)) {
		struct result r;
		result_fail(&r, RESULT_ERR_INVALID, "max phải từ 1 đến %d", LIST_MAX);
		*status = api_fail(call, &r);
		return false;
	}
	*max = (size_t)n;
	return true;
}

typedef bool (*list_fn)(struct db *db, int counter, struct ticket *out, size_t max, size_t *n,
	struct result *r);

/* {"counter": N, "tickets": [...]} from one of the officer's lists. */
static unsigned counter_list_of(struct api_call *call, list_fn list)
{
	struct ticket tickets[LIST_MAX];
	struct counter c;
	struct result r = { 0 };
	size_t max, n = 0;
	int counter;
	unsigned status;
	if (!api_param_counter(call, 0, &counter, &status) || !list_max(call, &max, &status)) {
		return status;
	}
	if (!counter_find(call->db, counter, &c, &r) || !list(call->db, counter, tickets, max, &n,
			&r)) {
		return api_fail(call, &r);
	}
	cJSON_AddNumberToObject(call->out, "counter", counter);
	cJSON *arr = cJSON_AddArrayToObject(call->out, "tickets");
	for (size_t i = 0; i < n; i++) {
		cJSON *o = cJSON_CreateObject();
		wire_ticket_encode(o, &tickets[i]);
		cJSON_AddItemToArray(arr, o);
	}
	return 200;
}

unsigned api_get_upcoming(struct api_call *call)
{
	return counter_list_of(call, queue_upcoming);
}

unsigned api_get_noshows(struct api_call *call)
{
	return counter_list_of(call, ticketlist_noshows);
}

unsigned api_get_ticket(struct api_call *call)
{
	struct ticket t;
	struct result r = { 0 };
	long id;
	if (!text_parse_long(call->rq->params[0], 1, INT64_MAX, &id)) {
		result_fail(&r, RESULT_ERR_NOTFOUND, "không có phiếu mã \"%s\" (mã là số id của phiếu; "
			"tìm theo số thứ tự: /api/v1/tickets?number=...)", call->rq->params[0]);
		return api_fail(call, &r);
	}
	if (!queue_get(call->db, id, &t, &r)) {
		return api_fail(call, &r);
	}
	wire_ticket_encode(call->out, &t);
	return 200;
}

unsigned api_find_ticket(struct api_call *call)
{
	const char *number = http_request_query(call->rq, "number");
	const char *service = http_request_query(call->rq, "service");
	struct ticket t;
	struct result r = { 0 };
	if (!number || !*number) {
		result_fail(&r, RESULT_ERR_INVALID, "cần ?number=SỐ (số thứ tự in trên phiếu)");
		return api_fail(call, &r);
	}
	if (!queue_find_number(call->db, number, service, &t, &r)) {
		return api_fail(call, &r);
	}
	wire_ticket_encode(call->out, &t);
	return 200;
}
