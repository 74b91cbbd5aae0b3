/*
 * The wire layer: what the encoders write, the decoders read back the same
 * (encode, decode, encode gives the same text), and the strict readers of
 * what clients send refuse every wrong type.
 */
#include <stdlib.h>
#include <string.h>
#include "motcua/store/counters.h"
#include "motcua/store/events.h"
#include "motcua/store/snapshot.h"
#include "motcua/wire/wire_catalog.h"
#include "motcua/wire/wire_event.h"
#include "motcua/wire/wire_json.h"
#include "motcua/wire/wire_result.h"
#include "motcua/wire/wire_snapshot.h"
#include "motcua/wire/wire_ticket.h"
#include "testutil.h"

#define DB(state) (((struct fixture *)*(state))->db)

static char *print_and_free(cJSON *obj)
{
	char *text = cJSON_PrintUnformatted(obj);
	cJSON_Delete(obj);
	return text;
}

static char *ticket_text(const struct ticket *t)
{
	cJSON *obj = cJSON_CreateObject();
	wire_ticket_encode_issued(obj, t);
	return print_and_free(obj);
}

static void assert_ticket_round_trip(const struct ticket *t)
{
	char *first = ticket_text(t);
	cJSON *obj = cJSON_Parse(first);
	struct ticket back;
	struct result r = { 0 };
	assert_true(wire_ticket_decode(obj, &back, &r));
	cJSON_Delete(obj);
	char *second = ticket_text(&back);
	assert_string_equal(first, second);
	free(first);
	free(second);
}

static void test_ticket(void **state)
{
	struct db *db = DB(state);
	struct result r = { 0 };
	struct ticket t = fixture_issue_at(db, "HT", true, 0);
	assert_ticket_round_trip(&t);
	fixture_call(db, 1);
	assert_true(queue_recall(db, NULL, 1, &t, &r));
	assert_ticket_round_trip(&t);
	assert_true(queue_transfer(db, NULL, 1, "CT", 2, &t, &r));
	assert_ticket_round_trip(&t);
	assert_int_equal(t.target_counter, 2);
	fixture_call(db, 2);
	assert_true(queue_finish(db, NULL, 2, &t, &r));
	assert_true(queue_rate_request(db, NULL, t.id, RATING_NEUTRAL, &t, &r));
	assert_ticket_round_trip(&t);
	char *text = ticket_text(&t);
	assert_non_null(strstr(text, "\"rating\":3"));
	assert_non_null(strstr(text, "\"officer\":\"Trần Văn Nam\""));
	free(text);
	cJSON *bad = cJSON_Parse("{\"id\":1,\"number\":\"1001\",\"service\":\"HT\",\"status\":\"lost\"}");
	assert_false(wire_ticket_decode(bad, &t, &r));
	assert_int_equal(r.code, RESULT_ERR_INVALID);
	cJSON_Delete(bad);
	bad = cJSON_Parse("{\"id\":\"1\",\"number\":\"1001\",\"service\":\"HT\",\"status\":\"done\"}");
	assert_false(wire_ticket_decode(bad, &t, &r));
	cJSON_Delete(bad);
}

static char *snapshot_text(const struct snapshot *s)
{
	cJSON *obj = cJSON_CreateObject();
	wire_snapshot_encode(obj, s);
	return print_and_free(obj);
}

static void test_snapshot(void **state)
{
	struct db *db = DB(state);
	struct result r = { 0 };
	struct snapshot s, back;
	fixture_issue_at(db, "HT", false, 0);
	fixture_issue_at(db, "CT", true, 0);
	fixture_call(db, 1);
	assert_true(counter_pause(db, 3, "Họp \"giao ban\"", &r));
	assert_true(snapshot_read(db, &s, &r));
	char *first = snapshot_text(&s);
	cJSON *obj = cJSON_Parse(first);
	assert_true(wire_snapshot_decode(obj, &back, &r));
	cJSON_Delete(obj);
	char *second = snapshot_text(&back);
	assert_string_equal(first, second);
	assert_int_equal(back.n_counters, s.n_counters);
	assert_true(back.counters[0].has_ticket);
	assert_string_equal(back.counters[0].ticket.number, s.counters[0].ticket.number);
	assert_int_equal(back.counters[2].counter.state, COUNTER_PAUSED);
	assert_int_equal(back.n_calls, 1);
	free(first);
	free(second);
	snapshot_finish(&s);
	snapshot_finish(&back);
	obj = cJSON_Parse("{\"day\":20261126,\"counters\":[],\"services\":{}}");
	assert_false(wire_snapshot_decode(obj, &back, &r));
	cJSON_Delete(obj);
}

static void test_catalog(void **state)
{
	struct db *db = DB(state);
	struct result r = { 0 };
	struct service *services, *sback;
	struct counter *counters, *cback;
	struct wire_counter_codes *codes;
	size_t n, nback;
	assert_true(service_list(db, false, &services, &n, &r));
	cJSON *obj = cJSON_CreateObject();
	wire_services_encode(obj, services, n);
	assert_true(wire_services_decode(obj, &sback, &nback, &r));
	assert_int_equal(nback, n);
	assert_string_equal(sback[4].name, services[4].name);
	assert_int_equal(sback[1].range_start, services[1].range_start);
	cJSON_Delete(obj);
	free(services);
	free(sback);
	assert_true(counter_list(db, &counters, &n, &r));
	obj = cJSON_CreateObject();
	wire_counters_encode(obj, db, counters, n);
	assert_true(wire_counters_decode(obj, &cback, &codes, &nback, &r));
	assert_int_equal(nback, n);
	assert_string_equal(cback[1].name, counters[1].name);
	assert_string_equal(codes[1].text, "CT,HT");
	cJSON_Delete(obj);
	free(counters);
	free(cback);
	free(codes);
}

static void test_event_and_result(void **state)
{
	struct event ev = { .id = 42, .at_ms = T0_MS, .kind = EVENT_TRANSFER, .ticket_id = 7,
		.counter = 2, .number = "1005", .service_code = "HT", .officer = "Lê Thị Mai",
		.detail = "to CT counter 3" }, back;
	struct result r = { 0 };
	cJSON *obj = cJSON_CreateObject();
	wire_event_encode(obj, &ev);
	assert_true(wire_event_decode(obj, &back, &r));
	cJSON_Delete(obj);
	assert_int_equal(back.id, 42);
	assert_int_equal(back.kind, EVENT_TRANSFER);
	assert_int_equal(back.ticket_id, 7);
	assert_string_equal(back.officer, ev.officer);
	assert_string_equal(back.detail, ev.detail);
	obj = cJSON_Parse("{\"id\":3,\"kind\":\"teleport\"}");
	assert_true(wire_event_decode(obj, &back, &r));
	assert_int_equal(back.kind, EVENT_OTHER);
	cJSON_Delete(obj);

	obj = cJSON_Parse("{\"counter\":1,\"ok\":false,\"error\":\"empty\",\"message\":\"nobody\"}");
	assert_false(wire_result_decode(obj, &r));
	assert_int_equal(r.code, RESULT_ERR_EMPTY);
	assert_string_equal(r.msg, "nobody");
	cJSON_Delete(obj);
	obj = cJSON_Parse("{\"ok\":false,\"error\":\"forbidden\",\"message\":\"no\"}");
	assert_false(wire_result_decode(obj, &r));
	assert_int_equal(r.code, RESULT_ERR_IO);
	cJSON_Delete(obj);
	obj = cJSON_CreateObject();
	wire_result_ok(obj);
	wire_result_ok(obj);
	assert_true(wire_result_decode(obj, &r));
	char *text = print_and_free(obj);
	assert_string_equal(text, "{\"ok\":true}");
	free(text);
	struct result fail;
	result_fail(&fail, RESULT_ERR_CAP, "đầy");
	obj = cJSON_CreateObject();
	wire_result_error(obj, &fail);
	text = print_and_free(obj);
	assert_string_equal(text, "{\"ok\":false,\"error\":\"full\",\"message\":\"đầy\"}");
	free(text);
}

static void test_strict_reading(void **state)
{
	struct result r = { 0 };
	static const char *const good[] = { "{}", " {\"a\":1}\n", "{\"a\":[1,{}]}\r\n" };
	static const char *const bad[] = { "", "[]", "1", "\"x\"", "{} {}", "{\"a\":1} x", "{\"a\":",
		"{'a':1}", "{\"a\":1,}", "nul" };
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		cJSON *obj = wire_json_parse_object(good[i], strlen(good[i]), &r);
		assert_non_null(obj);
		cJSON_Delete(obj);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_null(wire_json_parse_object(bad[i], strlen(bad[i]), &r));
		assert_int_equal(r.code, RESULT_ERR_INVALID);
	}
	/* Only len bytes count: the text need not end with a NUL. */
	cJSON *obj = wire_json_parse_object("{\"n\":1}garbage", 7, &r);
	assert_non_null(obj);
	cJSON_Delete(obj);

	obj = cJSON_Parse("{\"i\":5,\"f\":1.5,\"s\":\"5\",\"b\":true,\"big\":9007199254740993,"
		"\"neg\":-3,\"t\":\"true\",\"long\":\"abcdef\"}");
	int64_t i = 77;
	bool b = false;
	const char *s = NULL;
	assert_true(wire_json_int(obj, "i", true, 1, 9, &i, &r));
	assert_int_equal(i, 5);
	assert_false(wire_json_int(obj, "f", true, 0, 9, &i, &r));
	assert_false(wire_json_int(obj, "s", true, 0, 9, &i, &r));
	assert_false(wire_json_int(obj, "big", true, 0, INT64_MAX, &i, &r));
	assert_false(wire_json_int(obj, "neg", true, 0, 9, &i, &r));
	assert_false(wire_json_int(obj, "i", true, 6, 9, &i, &r));
	assert_false(wire_json_int(obj, "none", true, 0, 9, &i, &r));
	i = 77;
	assert_true(wire_json_int(obj, "none", false, 0, 9, &i, &r));
	assert_int_equal(i, 77);
	assert_true(wire_json_bool(obj, "b", true, &b, &r));
	assert_true(b);
	assert_false(wire_json_bool(obj, "t", true, &b, &r));
	assert_false(wire_json_bool(obj, "i", true, &b, &r));
	assert_true(wire_json_string(obj, "long", true, 6, &s, &r));
	assert_string_equal(s, "abcdef");
	assert_false(wire_json_string(obj, "long", true, 5, &s, &r));
	assert_false(wire_json_string(obj, "i", true, 5, &s, &r));
	assert_non_null(strstr(r.msg, "\"i\""));
	static const char *const keys[] = { "i", "f", "s", "b", "big", "neg", "t", "long", NULL };
	static const char *const fewer[] = { "i", NULL };
	assert_true(wire_json_only(obj, keys, &r));
	assert_false(wire_json_only(obj, fewer, &r));
	assert_non_null(strstr(r.msg, "\"f\""));
	cJSON_Delete(obj);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup_demo, fixture_teardown)
		T(test_ticket),
		T(test_snapshot),
		T(test_catalog),
		T(test_event_and_result),
		T(test_strict_reading),
#undef T
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
