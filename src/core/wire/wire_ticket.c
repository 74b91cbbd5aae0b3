/* A ticket as JSON (wire_ticket.h). */
#define LOG_MODULE "wire"
#include <string.h>
#include "motcua/wire/wire_json.h"
#include "motcua/wire/wire_ticket.h"

void wire_ticket_encode(cJSON *obj, const struct ticket *t)
{
	cJSON_AddNumberToObject(obj, "id", (double)t->id);
	cJSON_AddStringToObject(obj, "number", t->number);
	cJSON_AddStringToObject(obj, "service", t->service_code);
	cJSON_AddStringToObject(obj, "service_name", t->service_name);
	cJSON_AddBoolToObject(obj, "priority", t->priority);
	cJSON_AddStringToObject(obj, "status", ticket_status_name(t->status));
	cJSON_AddNumberToObject(obj, "day", t->day);
	if (t->counter) {
		cJSON_AddNumberToObject(obj, "counter", t->counter);
	} else if (t->target_counter) {
		cJSON_AddNumberToObject(obj, "counter", t->target_counter);
	}
	cJSON_AddNumberToObject(obj, "issued_ms", (double)t->issued_ms);
	if (t->wait_ms >= 0) {
		cJSON_AddNumberToObject(obj, "wait_s", (double)(t->wait_ms / 1000));
	}
	if (t->recalls) {
		cJSON_AddNumberToObject(obj, "recalls", t->recalls);
	}
	if (t->transferred_from) {
		cJSON_AddNumberToObject(obj, "transferred_from", (double)t->transferred_from);
	}
	if (t->officer[0]) {
		cJSON_AddStringToObject(obj, "officer", t->officer);
	}
	if (t->called_ms) {
		cJSON_AddNumberToObject(obj, "called_ms", (double)t->called_ms);
	}
	if (t->rating != RATING_NONE) {
		cJSON_AddNumberToObject(obj, "rating", (int)t->rating);
	}
}

void wire_ticket_encode_issued(cJSON *obj, const struct ticket *t)
{
	wire_ticket_encode(obj, t);
	/* The issuer prints it as the QR code; no other answer carries it. */
	if (t->public_token[0]) {
		cJSON_AddStringToObject(obj, "public_token", t->public_token);
	}
	cJSON_AddNumberToObject(obj, "ahead", t->ahead);
	cJSON_AddNumberToObject(obj, "est_wait_s", t->est_wait_s);
}

bool wire_ticket_decode(const cJSON *obj, struct ticket *t, struct result *r)
{
	const char *status = NULL, *number = NULL, *code = NULL;
	int64_t id = 0;
	memset(t, 0, sizeof(*t));
	t->wait_ms = -1;
	t->service_ms = -1;
	if (!cJSON_IsObject(obj)) {
		return result_fail(r, RESULT_ERR_INVALID, "phiếu không phải đối tượng JSON");
	}
	if (!wire_json_int(obj, "id", true, 1, INT64_MAX, &id, r)
			|| !wire_json_string(obj, "number", true, sizeof(t->number) - 1, &number, r)
			|| !wire_json_string(obj, "service", true, sizeof(t->service_code) - 1, &code, r)
			|| !wire_json_string(obj, "status", true, 32, &status, r)) {
		return false;
	}
	if (!ticket_status_parse(status, &t->status)) {
		return result_fail(r, RESULT_ERR_INVALID, "trạng thái phiếu \"%s\" không hợp lệ", status);
	}
	t->id = id;
	strcpy(t->number, number);
	strcpy(t->service_code, code);
	wire_json_copy(obj, "service_name", t->service_name, sizeof(t->service_name));
	t->priority = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(obj, "priority"));
	t->day = (int)wire_json_get_int(obj, "day");
	/* One "counter" field: where it is (or was) served, else where it was sent. */
	int counter = (int)wire_json_get_int(obj, "counter");
	if (t->status == TICKET_WAITING) {
		t->target_counter = counter;
	} else {
		t->counter = counter;
	}
	t->issued_ms = wire_json_get_int(obj, "issued_ms");
	if (cJSON_GetObjectItemCaseSensitive(obj, "wait_s")) {
		t->wait_ms = wire_json_get_int(obj, "wait_s") * 1000;
	}
	t->recalls = (int)wire_json_get_int(obj, "recalls");
	t->transferred_from = wire_json_get_int(obj, "transferred_from");
	wire_json_copy(obj, "officer", t->officer, sizeof(t->officer));
	t->called_ms = wire_json_get_int(obj, "called_ms");
	int64_t rating = wire_json_get_int(obj, "rating");
	t->rating = rating >= RATING_VERY_SATISFIED && rating <= RATING_UNSATISFIED
		? (enum ticket_rating)rating : RATING_NONE;
	t->ahead = (int)wire_json_get_int(obj, "ahead");
	t->est_wait_s = (int)wire_json_get_int(obj, "est_wait_s");
	char token[TICKET_PUBLIC_TOKEN_LEN + 2] = "";
	wire_json_copy(obj, "public_token", token, sizeof(token));
	if (ticket_public_token_valid(token)) {
		strcpy(t->public_token, token);
	}
	return true;
}
