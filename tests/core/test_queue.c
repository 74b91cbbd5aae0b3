/* Ticket operations on the demo desk (see motcua/demo.h for its services and counters). */
#include <string.h>
#include "motcua/base/clock.h"
#include "motcua/store/counters.h"
#include "motcua/store/queue.h"
#include "motcua/store/services.h"
#include "motcua/store/settings.h"
#include "testutil.h"

#define DB(state) (((struct fixture *)*(state))->db)

static struct ticket issue(struct db *db, const char *code, bool priority)
{
	struct ticket t;
	struct result r = { 0 };
	assert_true(queue_issue(db, NULL, code, priority, &t, &r));
	return t;
}

static struct ticket call(struct db *db, int counter)
{
	struct ticket t;
	struct result r = { 0 };
	if (!queue_call_next(db, NULL, counter, NULL, &t, &r)) {
		fail_msg("call %d: %s", counter, r.msg);
	}
	return t;
}

static void test_issue_numbers_per_service(void **state)
{
	struct db *db = DB(state);
	struct ticket a = issue(db, "HT", false), b = issue(db, "HT", false);
	struct ticket c = issue(db, "CT", false);
	assert_string_equal(a.number, "1001");
	assert_string_equal(b.number, "1002");
	assert_string_equal(c.number, "2001");
	assert_int_equal(a.status, TICKET_WAITING);
	/* Counters 1 (HT) and 2 (CT, HT) are idle: 1001 goes to counter 1 and
	 * 1002 to counter 2 at once; counter 2 then takes 2001 after 1002's
	 * 420 s (store/plan.c). */
	assert_int_equal(b.ahead, 1);
	assert_int_equal(b.est_wait_s, 0);
	assert_int_equal(c.ahead, 1);
	assert_int_equal(c.est_wait_s, 420);
	assert_int_equal(a.day, 20261126);
	assert_int_equal(fixture_query_int(db,
		"SELECT count(*) FROM events WHERE kind = 'issue'"), 3);
}

static void test_issue_unknown_and_disabled(void **state)
{
	struct db *db = DB(state);
	struct ticket t;
	struct result r = { 0 };
	assert_false(queue_issue(db, NULL, "XX", false, &t, &r));
	assert_int_equal(r.code, RESULT_ERR_NOTFOUND);
	struct service s;
	assert_true(service_find(db, "CT", &s, &r));
	s.active = false;
	assert_true(service_update(db, &s, &r));
	assert_false(queue_issue(db, NULL, "CT", false, &t, &r));
	assert_int_equal(r.code, RESULT_ERR_STATE);
	assert_int_equal(fixture_query_int(db, "SELECT count(*) FROM tickets"), 0);
}

static void test_prefix_and_wrap(void **state)
{
	struct db *db = DB(state);
	struct service s;
	struct result r = { 0 };
	service_init(&s);
	strcpy(s.code, "W");
	strcpy(s.name, "Thử quay vòng");
	strcpy(s.prefix, "A");
	s.range_start = 8;
	s.range_end = 10;
	assert_true(service_add(db, &s, &r));
	const char *codes[] = { "W" };
	assert_true(counter_assign(db, 1, codes, 1, &r));
	assert_string_equal(issue(db, "W", false).number, "A08");
	assert_string_equal(issue(db, "W", false).number, "A09");
	assert_string_equal(issue(db, "W", false).number, "A10");
	/* A08 is still waiting: wrapping onto it is refused. */
	struct ticket t;
	assert_false(queue_issue(db, NULL, "W", false, &t, &r));
	assert_int_equal(r.code, RESULT_ERR_CAP);
	assert_string_equal(call(db, 1).number, "A08");
	assert_true(queue_finish(db, NULL, 1, &t, &r));
	assert_string_equal(issue(db, "W", false).number, "A08");
	assert_int_equal(fixture_query_int(db,
		"SELECT max(seq) FROM tickets WHERE number = 'A08'"), 4);
}

/* A small wrapping field "W" (A1-A3) served by counter 1. */
static void add_small_field(struct db *db)
{
	struct service s;
	struct result r = { 0 };
	service_init(&s);
	strcpy(s.code, "W");
	strcpy(s.name, "Thử quay vòng");
	strcpy(s.prefix, "A");
	s.range_start = 1;
	s.range_end = 3;
	assert_true(service_add(db, &s, &r));
	const char *codes[] = { "W" };
	assert_true(counter_assign(db, 1, codes, 1, &r));
}

static void test_wrap_skips_held_numbers(void **state)
{
	struct db *db = DB(state);
	struct result r = { 0 };
	struct ticket t;
	add_small_field(db);
	issue(db, "W", false);                         /* A1 */
	call(db, 1);
	assert_true(queue_skip(db, NULL, 1, &t, &r));        /* A1 no-show: may come back */
	issue(db, "W", false);                         /* A2 */
	issue(db, "W", false);                         /* A3 */
	call(db, 1);
	call(db, 1);
	assert_true(queue_finish(db, NULL, 1, &t, &r));
	/* The queue is empty; A1 is held by the no-show, so the wrap gives A2. */
	assert_string_equal(issue(db, "W", false).number, "A2");
	assert_string_equal(issue(db, "W", false).number, "A3");
	assert_false(queue_issue(db, NULL, "W", false, &t, &r));
	assert_int_equal(r.code, RESULT_ERR_CAP);
	assert_true(db_check(db, &r));
}

static void test_wrap_skips_transferred_number(void **state)
{
	struct db *db = DB(state);
	struct result r = { 0 };
	struct ticket t;
	add_small_field(db);
	issue(db, "W", false);                         /* A1 */
	call(db, 1);
	assert_true(queue_transfer(db, NULL, 1, "CT", 0, &t, &r));   /* A1 now waits for CT */
	issue(db, "W", false);
	issue(db, "W", false);
	call(db, 1);
	call(db, 1);
	assert_true(queue_finish(db, NULL, 1, &t, &r));
	assert_string_equal(issue(db, "W", false).number, "A2");
	/* Calling "A1" reaches the transferred citizen, at a CT counter. */
	assert_true(queue_call_number(db, NULL, 2, "A1", NULL, &t, &r));
	assert_string_equal(t.service_code, "CT");
}

static void test_void_after_call_frees_counter(void **state)
{
	struct db *db = DB(state);
	struct result r = { 0 };
	struct ticket t = issue(db, "HT", false);
	call(db, 1);                                   /* called while its paper prints */
	assert_true(queue_void(db, t.id, "paper ran out mid-job", &r));
	assert_true(queue_get(db, t.id, &t, &r));
	assert_int_equal(t.status, TICKET_VOID);
	assert_int_equal(fixture_query_int(db,
		"SELECT coalesce(current_ticket, 0) FROM counters WHERE number = 1"), 0);
	assert_true(db_check(db, &r));
}

static void test_bad_officer_and_closed_target(void **state)
{
	struct db *db = DB(state);
	struct result r = { 0 };
	struct ticket t;
	issue(db, "HT", false);
	assert_false(queue_call_next(db, NULL, 1, "Nguy\xe1\xbb", &t, &r));
	assert_int_equal(r.code, RESULT_ERR_INVALID);
	char longname[100];
	memset(longname, 'x', sizeof(longname) - 1);
	longname[99] = '\0';
	assert_false(queue_call_next(db, NULL, 1, longname, &t, &r));
	assert_int_equal(r.code, RESULT_ERR_INVALID);
	assert_int_equal(fixture_query_int(db,
		"SELECT count(*) FROM tickets WHERE status = 'waiting'"), 1);
	call(db, 1);
	assert_true(counter_close(db, 3, &r));
	assert_false(queue_transfer(db, NULL, 1, NULL, 3, &t, &r));
	assert_int_equal(r.code, RESULT_ERR_STATE);
	assert_true(counter_pause(db, 4, "Nghỉ trưa", &r));
	assert_true(queue_transfer(db, NULL, 1, NULL, 4, &t, &r));   /* paused resumes later */
}

static void test_cap_ignores_voided(void **state)
{
	struct db *db = DB(state);
	struct service s;
	struct result r = { 0 };
	assert_true(service_find(db, "DD", &s, &r));
	s.daily_cap = 1;
	assert_true(service_update(db, &s, &r));
	struct ticket t = issue(db, "DD", false);
	assert_true(queue_void(db, t.id, "no paper", &r));
	assert_string_equal(issue(db, "DD", false).number, "3002");
	assert_false(queue_issue(db, NULL, "DD", false, &t, &r));
	assert_int_equal(r.code, RESULT_ERR_CAP);
}

static void test_daily_cap(void **state)
{
	struct db *db = DB(state);
	struct service s;
	struct result r = { 0 };
	assert_true(service_find(db, "DD", &s, &r));
	s.daily_cap = 2;
	assert_true(service_update(db, &s, &r));
	issue(db, "DD", false);
	issue(db, "DD", true);
	struct ticket t;
	assert_false(queue_issue(db, NULL, "DD", false, &t, &r));
	assert_int_equal(r.code, RESULT_ERR_CAP);
	assert_non_null(strstr(r.msg, "lĩnh vực DD đã hết số: đã cấp đủ 2 số"));
	/* The cap is per day. */
	clock_set_fake(T0_MS + 24 * 60 * MINUTE_MS);
	assert_string_equal(issue(db, "DD", false).number, "3001");
}

static void test_call_fifo_across_services(void **state)
{
	struct db *db = DB(state);
	issue(db, "HT", false);                        /* 1001 at 09:00 */
	clock_set_fake(T0_MS + MINUTE_MS);
	issue(db, "CT", false);                        /* 2001 at 09:01 */
	clock_set_fake(T0_MS + 2 * MINUTE_MS);
	issue(db, "HT", false);                        /* 1002 at 09:02 */
	/* Counter 2 serves CT and HT: strictly by issue time. */
	assert_string_equal(call(db, 2).number, "1001");
	assert_string_equal(call(db, 2).number, "2001");
	struct ticket t = call(db, 2);
	assert_string_equal(t.number, "1002");
	assert_int_equal(t.counter, 2);
	assert_int_equal(t.status, TICKET_CALLED);
	assert_string_equal(t.officer, "Trần Văn Nam");
	/* Calling next finished the previous one. */
	assert_int_equal(fixture_query_int(db,
		"SELECT count(*) FROM tickets WHERE status = 'done'"), 2);
	struct result r = { 0 };
	assert_false(queue_call_next(db, NULL, 2, NULL, &t, &r));
	assert_int_equal(r.code, RESULT_ERR_EMPTY);
	assert_int_equal(fixture_query_int(db,
		"SELECT count(*) FROM tickets WHERE status = 'done'"), 3);
	/* Counter 1 serves only HT: nothing for it. */
	assert_false(queue_call_next(db, NULL, 1, NULL, &t, &r));
	assert_int_equal(r.code, RESULT_ERR_EMPTY);
}

static void test_wait_and_service_times(void **state)
{
	struct db *db = DB(state);
	struct ticket t = issue(db, "HT", false);
	clock_set_fake(T0_MS + 7 * MINUTE_MS);
	t = call(db, 1);
	assert_int_equal(t.wait_ms, 7 * MINUTE_MS);
	clock_set_fake(T0_MS + 12 * MINUTE_MS);
	struct result r = { 0 };
	assert_true(queue_finish(db, NULL, 1, &t, &r));
	assert_int_equal(t.status, TICKET_DONE);
	assert_int_equal(t.service_ms, 5 * MINUTE_MS);
}

/* Issues `pattern` ('P' priority, 'N' normal) to HT, one minute apart. */
static void issue_pattern(struct db *db, const char *pattern)
{
	for (int i = 0; pattern[i]; i++) {
		clock_set_fake(T0_MS + i * MINUTE_MS);
		issue(db, "HT", pattern[i] == 'P');
	}
}

static void call_order(struct db *db, int n, char *out)
{
	for (int i = 0; i < n; i++) {
		out[i] = call(db, 1).priority ? 'P' : 'N';
	}
	out[n] = '\0';
}

static void test_priority_interleave_default(void **state)
{
	struct db *db = DB(state);
	char order[16];
	issue_pattern(db, "NNNNNPPP");
	call_order(db, 8, order);
	/* One priority after every 2 normal; the rest when one class runs out. */
	assert_string_equal(order, "NNPNNPNP");
}

static void test_priority_interleave_n3(void **state)
{
	struct db *db = DB(state);
	struct result r = { 0 };
	char order[16];
	assert_true(settings_set(db, "priority_every", "3", &r));
	issue_pattern(db, "NNNNNNPP");
	call_order(db, 8, order);
	assert_string_equal(order, "NNNPNNNP");
}

static void test_priority_strict(void **state)
{
	struct db *db = DB(state);
	struct result r = { 0 };
	char order[16];
	assert_true(settings_set(db, "priority_rule", "strict", &r));
	issue_pattern(db, "NNPNP");
	call_order(db, 5, order);
	assert_string_equal(order, "PPNNN");
	assert_false(settings_set(db, "priority_rule", "random", &r));
	assert_int_equal(r.code, RESULT_ERR_INVALID);
}

static void test_skip_requeue_keeps_place(void **state)
{
	struct db *db = DB(state);
	struct result r = { 0 };
	struct ticket t;
	issue_pattern(db, "NNN");                 /* 1001 1002 1003 */
	assert_string_equal(call(db, 1).number, "1001");
	assert_true(queue_skip(db, NULL, 1, &t, &r));
	assert_int_equal(t.status, TICKET_NOSHOW);
	assert_int_equal(fixture_query_int(db,
		"SELECT coalesce(current_ticket, 0) FROM counters WHERE number = 1"), 0);
	assert_string_equal(call(db, 1).number, "1002");
	/* 1001 comes back: it is first in line again. */
	assert_true(queue_requeue(db, NULL, "1001", NULL, &t, &r));
	assert_int_equal(t.status, TICKET_WAITING);
	assert_string_equal(call(db, 1).number, "1001");
	assert_string_equal(call(db, 1).number, "1003");
	/* Only a no-show can be put back. */
	assert_false(queue_requeue(db, NULL, "1003", NULL, &t, &r));
	assert_int_equal(r.code, RESULT_ERR_STATE);
	assert_false(queue_requeue(db, NULL, "9999", NULL, &t, &r));
	assert_int_equal(r.code, RESULT_ERR_NOTFOUND);
}

static void test_transfer_to_service_keeps_place(void **state)
{
	struct db *db = DB(state);
	struct result r = { 0 };
	struct ticket t;
	issue(db, "HT", false);                      /* 1001 at 09:00 */
	clock_set_fake(T0_MS + 5 * MINUTE_MS);
	issue(db, "DD", false);                      /* 3001 at 09:05 */
	assert_string_equal(call(db, 1).number, "1001");
	clock_set_fake(T0_MS + 10 * MINUTE_MS);
	assert_true(queue_transfer(db, NULL, 1, "DD", 0, &t, &r));
	assert_string_equal(t.number, "1001");
	assert_string_equal(t.service_code, "DD");
	assert_int_equal(t.status, TICKET_WAITING);
	assert_int_equal(t.issued_ms, T0_MS);
	assert_true(t.transferred_from > 0);
	struct ticket old;
	assert_true(queue_get(db, t.transferred_from, &old, &r));
	assert_int_equal(old.status, TICKET_TRANSFERRED);
	assert_int_equal(old.service_ms, 5 * MINUTE_MS);  /* called at 09:05 */
	/* Issued at 09:00, so ahead of 3001 issued at 09:05. */
	assert_string_equal(call(db, 3).number, "1001");
	assert_string_equal(call(db, 3).number, "3001");
	assert_true(db_check(db, &r));
}

static void test_transfer_to_counter(void **state)
{
	struct db *db = DB(state);
	struct result r = { 0 };
	struct ticket t;
	issue(db, "HT", false);
	issue(db, "HT", false);
	assert_string_equal(call(db, 1).number, "1001");
	assert_true(queue_transfer(db, NULL, 1, NULL, 4, &t, &r));
	assert_int_equal(t.target_counter, 4);
	/* Counter 2 serves HT but 1001 is reserved for counter 4. */
	assert_string_equal(call(db, 2).number, "1002");
	assert_string_equal(call(db, 4).number, "1001");
	/* Bad targets are refused and change nothing. */
	assert_false(queue_transfer(db, NULL, 4, "NOPE", 0, &t, &r));
	assert_int_equal(r.code, RESULT_ERR_NOTFOUND);
	assert_false(queue_transfer(db, NULL, 4, NULL, 42, &t, &r));
	assert_int_equal(r.code, RESULT_ERR_NOTFOUND);
	assert_false(queue_transfer(db, NULL, 4, NULL, 0, &t, &r));
	assert_int_equal(r.code, RESULT_ERR_INVALID);
	assert_int_equal(fixture_query_int(db,
		"SELECT status = 'called' FROM tickets WHERE id = (SELECT current_ticket"
		" FROM counters WHERE number = 4)"), 1);
}

static void test_recall_finish_and_states(void **state)
{
	struct db *db = DB(state);
	struct result r = { 0 };
	struct ticket t;
	assert_false(queue_recall(db, NULL, 1, &t, &r));
	assert_int_equal(r.code, RESULT_ERR_STATE);
	assert_false(queue_finish(db, NULL, 1, &t, &r));
	assert_int_equal(r.code, RESULT_ERR_STATE);
	issue(db, "HT", false);
	call(db, 1);
	assert_true(queue_recall(db, NULL, 1, &t, &r));
	assert_true(queue_recall(db, NULL, 1, &t, &r));
	assert_int_equal(t.recalls, 2);
	assert_int_equal(fixture_query_int(db,
		"SELECT count(*) FROM events WHERE kind = 'recall' AND number = '1001'"), 2);
	assert_true(queue_finish(db, NULL, 1, &t, &r));
	assert_false(queue_finish(db, NULL, 1, &t, &r));
	assert_false(queue_call_next(db, NULL, 99, NULL, &t, &r));
	assert_int_equal(r.code, RESULT_ERR_NOTFOUND);
}

static void test_pause_resume(void **state)
{
	struct db *db = DB(state);
	struct result r = { 0 };
	struct ticket t;
	issue(db, "HT", false);
	assert_false(counter_pause(db, 1, "", &r));
	assert_int_equal(r.code, RESULT_ERR_INVALID);
	assert_true(counter_pause(db, 1, "Họp giao ban", &r));
	assert_false(queue_call_next(db, NULL, 1, NULL, &t, &r));
	assert_int_equal(r.code, RESULT_ERR_STATE);
	assert_non_null(strstr(r.msg, "Họp giao ban"));
	struct counter c;
	assert_true(counter_find(db, 1, &c, &r));
	assert_int_equal(c.state, COUNTER_PAUSED);
	assert_string_equal(c.pause_reason, "Họp giao ban");
	assert_true(counter_resume(db, 1, &r));
	assert_string_equal(call(db, 1).number, "1001");
	assert_int_equal(fixture_query_int(db,
		"SELECT count(*) FROM events WHERE kind IN ('pause', 'resume')"), 2);
}

static void test_call_number_out_of_order(void **state)
{
	struct db *db = DB(state);
	struct result r = { 0 };
	struct ticket t;
	issue_pattern(db, "NNN");
	assert_true(queue_call_number(db, NULL, 1, "1003", NULL, &t, &r));
	assert_string_equal(t.number, "1003");
	assert_int_equal(t.status, TICKET_CALLED);
	assert_false(queue_call_number(db, NULL, 2, "1003", NULL, &t, &r));
	assert_int_equal(r.code, RESULT_ERR_STATE);
	assert_false(queue_call_number(db, NULL, 2, "7777", NULL, &t, &r));
	assert_int_equal(r.code, RESULT_ERR_NOTFOUND);
	assert_string_equal(call(db, 1).number, "1001");
}

static void test_cancel_void_rate(void **state)
{
	struct db *db = DB(state);
	struct result r = { 0 };
	struct ticket a = issue(db, "HT", false), b = issue(db, "HT", false), t;
	assert_true(queue_void(db, a.id, "paper out mid-job", &r));
	assert_true(queue_cancel(db, NULL, b.id, "left", &r));
	assert_false(queue_cancel(db, NULL, b.id, "again", &r));
	assert_int_equal(r.code, RESULT_ERR_STATE);
	assert_false(queue_call_next(db, NULL, 1, NULL, &t, &r));
	assert_int_equal(r.code, RESULT_ERR_EMPTY);
	struct ticket c = issue(db, "HT", false);
	assert_string_equal(c.number, "1003");
	assert_false(queue_rate(db, c.id, RATING_SATISFIED, &r));  /* not served yet */
	call(db, 1);
	assert_true(queue_finish(db, NULL, 1, &t, &r));
	assert_false(queue_rate(db, c.id, 7, &r));
	assert_int_equal(r.code, RESULT_ERR_INVALID);
	assert_true(queue_rate(db, c.id, RATING_VERY_SATISFIED, &r));
	assert_false(queue_rate(db, c.id, RATING_UNSATISFIED, &r));
	assert_true(queue_get(db, c.id, &t, &r));
	assert_int_equal(t.rating, RATING_VERY_SATISFIED);
	assert_string_equal(ticket_rating_label(t.rating), "Rất hài lòng");
	assert_true(db_check(db, &r));
}

static void test_two_connections_never_share_a_ticket(void **state)
{
	struct fixture *f = *state;
	struct db *other = fixture_reopen(f);
	struct result r = { 0 };
	struct ticket a, b;
	issue(f->db, "HT", false);
	issue(f->db, "HT", false);
	assert_true(queue_call_next(f->db, NULL, 1, NULL, &a, &r));
	assert_true(queue_call_next(other, NULL, 2, NULL, &b, &r));
	assert_int_not_equal(a.id, b.id);
	assert_false(queue_call_next(other, NULL, 2, NULL, &b, &r));
	assert_int_equal(r.code, RESULT_ERR_EMPTY);
	db_close(other);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup_demo, fixture_teardown)
		T(test_issue_numbers_per_service),
		T(test_issue_unknown_and_disabled),
		T(test_prefix_and_wrap),
		T(test_daily_cap),
		T(test_wrap_skips_held_numbers),
		T(test_wrap_skips_transferred_number),
		T(test_void_after_call_frees_counter),
		T(test_bad_officer_and_closed_target),
		T(test_cap_ignores_voided),
		T(test_call_fifo_across_services),
		T(test_wait_and_service_times),
		T(test_priority_interleave_default),
		T(test_priority_interleave_n3),
		T(test_priority_strict),
		T(test_skip_requeue_keeps_place),
		T(test_transfer_to_service_keeps_place),
		T(test_transfer_to_counter),
		T(test_recall_finish_and_states),
		T(test_pause_resume),
		T(test_call_number_out_of_order),
		T(test_cancel_void_rate),
		T(test_two_connections_never_share_a_ticket),
#undef T
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
