/*
 * The API's writes (api_call.h): issue, what counters do, put back, cancel,
 * rate, a remote kiosk's print outcome, a device's status, the kiosk's
 * admin PIN. Each runs the core operation its `motcua` twin runs, with the
 * request id from Idempotency-Key, and answers what the twin prints.
 */
#define LOG_MODULE "api"
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include "api_call.h"
#include "motcua/base/text.h"
#include "motcua/store/counters.h"
#include "motcua/store/devices.h"
#include "motcua/store/pin.h"
#include "motcua/store/queue.h"
#include "motcua/store/services.h"
#include "motcua/wire/wire_catalog.h"
#include "motcua/wire/wire_json.h"
#include "motcua/wire/wire_ticket.h"

static const char *const NO_FIELDS[] = { NULL };

/* The answer of a write that returns a ticket: the ticket with status, or the error. */
static unsigned ticket_answer(struct api_call *call, bool ok, const struct ticket *t,
	const struct result *r, unsigned status)
{
	if (!ok) {
		return api_fail(call, r);
	}
	wire_ticket_encode(call->out, t);
	return status;
}

unsigned api_post_ticket(struct api_call *call)
{
	static const char *const keys[] = { "service", "priority", NULL };
	const char *code = NULL;
	bool priority = false, ok;
	struct ticket t;
	struct result r = { 0 };
	unsigned status;
	if (!api_body_only(call, keys, &status)) {
		return status;
	}
	if (!wire_json_string(call->body, "service", true, SERVICE_CODE_MAX, &code, &r)
			|| !wire_json_bool(call->body, "priority", false, &priority, &r)) {
		return api_fail(call, &r);
	}
	api_write_begin(call);
	ok = queue_issue(call->db, call->request_id, code, priority, &t, &r);
	api_write_end(call);
	if (!ok) {
		return api_fail(call, &r);
	}
	wire_ticket_encode_issued(call->out, &t);
	return 201;
}

bool api_own_counter(struct api_call *call, int *counter, unsigned *status)
{
	if (!api_param_counter(call, 0, counter, status)) {
		return false;
	}
	if (!api_may_act_on(call, *counter)) {
		char msg[128];
		snprintf(msg, sizeof(msg), "thiết bị %s chỉ làm việc cho quầy %d", call->device->name,
			call->device->counter);
		*status = api_forbid(call, msg);
		return false;
	}
	return true;
}

unsigned api_post_call(struct api_call *call)
{
	static const char *const keys[] = { "number", "officer", NULL };
	const char *number = NULL, *officer = NULL;
	struct ticket t;
	struct result r = { 0 };
	unsigned status;
	int counter;
	if (!api_own_counter(call, &counter, &status) || !api_body_only(call, keys, &status)) {
		return status;
	}
	if (!wire_json_string(call->body, "number", false, sizeof(t.number) - 1, &number, &r)
			|| !wire_json_string(call->body, "officer", false, sizeof(t.officer) - 1, &officer,
				&r)) {
		return api_fail(call, &r);
	}
	/* A logged-in officer calls under their own name, whatever the body says. */
	if (call->officer) {
		officer = call->officer;
	} else if (officer && !api_officer_here(call, counter, officer, &status)) {
		return status;
	}
	api_write_begin(call);
	bool ok = number
		? queue_call_number(call->db, call->request_id, counter, number, officer, &t, &r)
		: queue_call_next(call->db, call->request_id, counter, officer, &t, &r);
	api_write_end(call);
	if (!ok) {
		if (r.code == RESULT_ERR_EMPTY) {
			cJSON_AddNumberToObject(call->out, "counter", counter);
		}
		return api_fail(call, &r);
	}
	wire_ticket_encode(call->out, &t);
	return 200;
}

typedef bool (*counter_op_fn)(struct db *db, const char *request_id, int counter,
	struct ticket *t, struct result *r);

/*
 * recall, skip and finish: an action on the counter's current ticket, no
 * body. op NULL is the finish, by the session's officer (their account is
 * recorded as who finished).
 */
static unsigned counter_op(struct api_call *call, counter_op_fn op)
{
	struct ticket t;
	struct result r = { 0 };
	unsigned status;
	int counter;
	if (!api_own_counter(call, &counter, &status) || !api_body_only(call, NO_FIELDS, &status)) {
		return status;
	}
	api_write_begin(call);
	bool ok = op ? op(call->db, call->request_id, counter, &t, &r)
		: queue_finish_as(call->db, call->request_id, counter, call->officer, &t, &r);
	api_write_end(call);
	return ticket_answer(call, ok, &t, &r, 200);
}

unsigned api_post_recall(struct api_call *call)
{
	return counter_op(call, queue_recall);
}

unsigned api_post_skip(struct api_call *call)
{
	return counter_op(call, queue_skip);
}

unsigned api_post_finish(struct api_call *call)
{
	return counter_op(call, NULL);
}

unsigned api_post_transfer(struct api_call *call)
{
	static const char *const keys[] = { "service", "counter", NULL };
	const char *service = NULL;
	int64_t to_counter = 0;
	struct ticket t;
	struct result r = { 0 };
	unsigned status;
	int counter;
	if (!api_own_counter(call, &counter, &status) || !api_body_only(call, keys, &status)) {
		return status;
	}
	if (!wire_json_string(call->body, "service", false, SERVICE_CODE_MAX, &service, &r)
			|| !wire_json_int(call->body, "counter", false, 1, 999, &to_counter, &r)) {
		return api_fail(call, &r);
	}
	api_write_begin(call);
	bool ok = queue_transfer(call->db, call->request_id, counter, service, (int)to_counter, &t,
		&r);
	api_write_end(call);
	return ticket_answer(call, ok, &t, &r, 200);
}

/* pause (reason given) or resume (NULL): answers the counter as `motcua counter` does. */
static unsigned pause_or_resume(struct api_call *call, bool pause)
{
	static const char *const keys[] = { "reason", NULL };
	const char *reason = NULL;
	struct counter c;
	struct result r = { 0 };
	unsigned status;
	int counter;
	if (!api_own_counter(call, &counter, &status)
			|| !api_body_only(call, pause ? keys : NO_FIELDS, &status)) {
		return status;
	}
	if (pause && !wire_json_string(call->body, "reason", true, 127, &reason, &r)) {
		return api_fail(call, &r);
	}
	api_write_begin(call);
	bool ok = pause ? queue_pause(call->db, call->request_id, counter, reason, &r)
		: queue_resume(call->db, call->request_id, counter, &r);
	api_write_end(call);
	if (!ok || !counter_find(call->db, counter, &c, &r)) {
		return api_fail(call, &r);
	}
	wire_counter_brief_encode(call->out, &c);
	return 200;
}

unsigned api_post_pause(struct api_call *call)
{
	return pause_or_resume(call, true);
}

unsigned api_post_resume(struct api_call *call)
{
	return pause_or_resume(call, false);
}

/* Today's ticket with the number in the path (optionally within "service"), if ours to touch. */
static bool ticket_by_number(struct api_call *call, const char *service, struct ticket *t,
	unsigned *status)
{
	struct result r = { 0 };
	if (!queue_find_number(call->db, call->rq->params[0], service, t, &r)) {
		*status = api_fail(call, &r);
		return false;
	}
	if (!api_may_act_on_ticket(call, t)) {
		*status = api_forbid(call, "phiếu này không thuộc quầy của thiết bị");
		return false;
	}
	return true;
}

unsigned api_post_requeue(struct api_call *call)
{
	static const char *const keys[] = { "service", NULL };
	const char *service = NULL;
	struct ticket t;
	struct result r = { 0 };
	unsigned status;
	if (!api_body_only(call, keys, &status)) {
		return status;
	}
	if (!wire_json_string(call->body, "service", false, SERVICE_CODE_MAX, &service, &r)) {
		return api_fail(call, &r);
	}
	if (!ticket_by_number(call, service, &t, &status)) {
		return status;
	}
	api_write_begin(call);
	bool ok = queue_requeue(call->db, call->request_id, call->rq->params[0], service, &t, &r);
	api_write_end(call);
	return ticket_answer(call, ok, &t, &r, 200);
}

unsigned api_post_cancel(struct api_call *call)
{
	static const char *const keys[] = { "service", "reason", NULL };
	const char *service = NULL, *reason = "";
	struct ticket t;
	struct result r = { 0 };
	unsigned status;
	if (!api_body_only(call, keys, &status)) {
		return status;
	}
	if (!wire_json_string(call->body, "service", false, SERVICE_CODE_MAX, &service, &r)
			|| !wire_json_string(call->body, "reason", false, 255, &reason, &r)) {
		return api_fail(call, &r);
	}
	if (!ticket_by_number(call, service, &t, &status)) {
		return status;
	}
	api_write_begin(call);
	bool ok = queue_cancel(call->db, call->request_id, t.id, reason, &r);
	api_write_end(call);
	return ticket_answer(call, ok && queue_get(call->db, t.id, &t, &r), &t, &r, 200);
}

/*
 * A remote kiosk's print outcome (firmware-notes/print-outcome.md): "void"
 * when the job failed before any byte of the number left the kiosk,
 * "unconfirmed" when the number may be on paper but printing was not
 * confirmed, "confirmed" when a reprint was.
 */
unsigned api_post_print(struct api_call *call)
{
	static const char *const keys[] = { "outcome", "reason", NULL };
	const char *outcome = NULL, *reason = "";
	struct ticket t;
	struct result r = { 0 };
	unsigned status;
	long id;
	if (!api_body_only(call, keys, &status)) {
		return status;
	}
	if (!wire_json_string(call->body, "outcome", true, 16, &outcome, &r)
			|| !wire_json_string(call->body, "reason", false, 255, &reason, &r)
			|| !text_check("lý do", reason, 255, 0, &r)) {
		return api_fail(call, &r);
	}
	bool voided = strcmp(outcome, "void") == 0;
	if (!voided && strcmp(outcome, "unconfirmed") != 0 && strcmp(outcome, "confirmed") != 0) {
		result_fail(&r, RESULT_ERR_INVALID, "outcome phải là void, unconfirmed hoặc confirmed");
		return api_fail(call, &r);
	}
	if (!text_parse_long(call->rq->params[0], 1, INT64_MAX, &id)) {
		result_fail(&r, RESULT_ERR_NOTFOUND, "không có phiếu mã \"%s\"", call->rq->params[0]);
		return api_fail(call, &r);
	}
	if (!queue_get(call->db, id, &t, &r)) {
		return api_fail(call, &r);
	}
	char why[300];
	snprintf(why, sizeof(why), "%s: %s", call->device->name, *reason ? reason : "không in được");
	api_write_begin(call);
	bool ok = voided ? queue_void_request(call->db, call->request_id, id, why, &r)
		: ticket_set_print_unconfirmed(call->db, id, strcmp(outcome, "unconfirmed") == 0, &r);
	api_write_end(call);
	if (!ok || !queue_get(call->db, id, &t, &r)) {
		return api_fail(call, &r);
	}
	wire_ticket_encode(call->out, &t);
	cJSON_AddBoolToObject(call->out, "print_unconfirmed", t.print_unconfirmed);
	return 200;
}

unsigned api_post_rating(struct api_call *call)
{
	static const char *const keys[] = { "ticket", "rating", "service", "reason", NULL };
	const char *service = NULL, *reason = NULL;
	int64_t rating = 0, id = 0;
	struct ticket t;
	struct result r = { 0 };
	unsigned status;
	if (!api_body_only(call, keys, &status)) {
		return status;
	}
	const cJSON *ticket = cJSON_GetObjectItemCaseSensitive(call->body, "ticket");
	if (!wire_json_int(call->body, "rating", true, 1, 4, &rating, &r)
			|| !wire_json_string(call->body, "service", false, SERVICE_CODE_MAX, &service, &r)
			|| !wire_json_string(call->body, "reason", false, 200, &reason, &r)) {
		return api_fail(call, &r);
	}
	/* The ticket by id (a number) or by its printed number (text). */
	bool found = cJSON_IsString(ticket)
		? queue_find_number(call->db, ticket->valuestring, service, &t, &r)
		: wire_json_int(call->body, "ticket", true, 1, INT64_MAX, &id, &r)
			&& queue_get(call->db, id, &t, &r);
	if (!found) {
		return api_fail(call, &r);
	}
	if (!api_may_act_on(call, t.counter)) {
		return api_forbid(call, "phiếu này không được phục vụ ở quầy của thiết bị");
	}
	/* The rating tablet faces the citizen; any other device is the officer's. */
	enum rating_source source = call->device->role == TOKEN_RATING ? RATING_FROM_CITIZEN
		: RATING_FROM_OFFICER;
	api_write_begin(call);
	bool ok = queue_rate_from(call->db, call->request_id, t.id, (enum ticket_rating)rating,
		source, call->officer, reason, &t, &r);
	api_write_end(call);
	return ticket_answer(call, ok, &t, &r, 200);
}

/* A short lower-case code: a printer fault code ("paper_out") or a word of the device's. */
static bool code_ok(const char *s)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < n; i++) {
		if (!islower((unsigned char)s[i]) && !isdigit((unsigned char)s[i]) && s[i] != '_') {
			return false;
		}
	}
	return n > 0;
}

unsigned api_post_device(struct api_call *call)
{
	static const char *const keys[] = { "kind", "status", "detail", NULL };
	const char *kind = NULL, *state = NULL, *detail = "";
	struct result r = { 0 };
	unsigned status;
	if (!api_body_only(call, keys, &status)) {
		return status;
	}
	if (!wire_json_string(call->body, "kind", true, 15, &kind, &r)
			|| !wire_json_string(call->body, "status", true, 31, &state, &r)
			|| !wire_json_string(call->body, "detail", false, 255, &detail, &r)
			|| !text_check("chi tiết", detail, 255, 0, &r)) {
		return api_fail(call, &r);
	}
	if (!token_name_valid(call->rq->params[0]) || !code_ok(kind) || !code_ok(state)) {
		result_fail(&r, RESULT_ERR_INVALID, "tên thiết bị, kind và status chỉ gồm chữ cái "
			"thường không dấu, chữ số và '_' (tên: thêm '.', '-')");
		return api_fail(call, &r);
	}
	/* Under the device's own name: two kiosks' printers never share a row. */
	char name[2 * TOKEN_NAME_MAX + 2];
	snprintf(name, sizeof(name), "%s/%s", call->device->name, call->rq->params[0]);
	api_write_begin(call);
	bool ok = devices_record(call->db, name, kind, state, detail, &r);
	api_write_end(call);
	if (!ok) {
		return api_fail(call, &r);
	}
	cJSON_AddStringToObject(call->out, "name", name);
	cJSON_AddStringToObject(call->out, "kind", kind);
	cJSON_AddStringToObject(call->out, "status", state);
	return 200;
}

void api_pin_answer(struct api_call *call, const struct pin_check *check)
{
	static const char *const outcomes[] = {
		[PIN_RIGHT] = "right", [PIN_WRONG] = "wrong", [PIN_LOCKED] = "locked",
		[PIN_NOT_SET] = "not_set",
	};
	cJSON_AddStringToObject(call->out, "outcome", outcomes[check->outcome]);
	cJSON_AddBoolToObject(call->out, "lock_started", check->lock_started);
	cJSON_AddNumberToObject(call->out, "locked_ms", (double)check->locked_ms);
}

unsigned api_post_pin(struct api_call *call)
{
	static const char *const keys[] = { "pin", NULL };
	const char *pin = NULL;
	struct pin_check check;
	struct result r = { 0 };
	unsigned status;
	if (!api_body_only(call, keys, &status)) {
		return status;
	}
	if (!wire_json_string(call->body, "pin", true, 64, &pin, &r)) {
		return api_fail(call, &r);
	}
	api_write_begin(call);
	bool ok = pin_verify(call->db, pin, call->device->name, &check, &r);
	api_write_end(call);
	if (!ok) {
		return api_fail(call, &r);
	}
	api_pin_answer(call, &check);
	return 200;
}
