/*
 * People ahead and the estimated wait come from the call-order planner
 * (store/plan.c): counters serving several fields, the priority rule and
 * each counter's tally, paused and closed counters, a counter still busy.
 * Each case then calls the line and checks that what was printed held.
 * Demo desk: counter 1 HT; 2 CT+HT; 3 DD+KH; 4 LD+KH. Estimates: HT 420 s,
 * CT 180 s, DD 900 s, LD 600 s, KH 300 s.
 */
#include <string.h>
#include "motcua/base/clock.h"
#include "motcua/store/counters.h"
#include "motcua/store/queue.h"
#include "motcua/store/services.h"
#include "motcua/store/settings.h"
#include "testutil.h"

#define DB(state) (((struct fixture *)*(state))->db)

static int64_t now_ms;

static struct ticket issue(struct db *db, const char *code, bool priority)
{
	now_ms += MINUTE_MS;
	return fixture_issue_at(db, code, priority, now_ms);
}

static const char *call(struct db *db, int counter)
{
	static struct ticket t;
	t = fixture_call(db, counter);
	return t.number;
}

static int setup(void **state)
{
	now_ms = T0_MS;
	return fixture_setup_demo(state);
}

/* Issue 10 §13: priority 3001 was passed by a later normal 5001. */
static void test_priority_not_passed_by_later_normal(void **state)
{
	struct db *db = DB(state);
	struct result r = { 0 };
	assert_true(counter_pause(db, 4, "Họp", &r));            /* only counter 3 serves KH */
	struct ticket p = issue(db, "DD", true);                 /* 3001 priority */
	struct ticket n = issue(db, "KH", false);                /* 5001, later */
	assert_int_equal(p.ahead, 0);
	assert_int_equal(p.est_wait_s, 0);
	assert_int_equal(n.ahead, 1);
	assert_int_equal(n.est_wait_s, 900);                     /* after 3001's 900 s */
	assert_string_equal(call(db, 3), "3001");
	assert_string_equal(call(db, 3), "5001");
}

/* Counter 2 serves CT and HT: HT citizens who came first are ahead of a CT one. */
static void test_counter_serving_several_fields(void **state)
{
	struct db *db = DB(state);
	struct result r = { 0 };
	assert_true(counter_pause(db, 1, "Nghỉ", &r));
	issue(db, "HT", false);                                  /* 1001 */
	issue(db, "HT", false);                                  /* 1002 */
	struct ticket c = issue(db, "CT", false);                /* 2001 */
	assert_int_equal(c.ahead, 2);
	assert_int_equal(c.est_wait_s, 2 * 420);
	assert_string_equal(call(db, 2), "1001");
	assert_string_equal(call(db, 2), "1002");
	assert_string_equal(call(db, 2), "2001");
}

/* The tally: with 2 normal calls due first, a later priority ticket waits for them. */
static void test_interleave_tally(void **state)
{
	struct db *db = DB(state);
	struct result r = { 0 };
	assert_true(counter_close(db, 2, &r));                   /* counter 1 alone on HT */
	issue(db, "HT", false);                                  /* 1001 */
	issue(db, "HT", false);                                  /* 1002 */
	issue(db, "HT", false);                                  /* 1003 */
	struct ticket p = issue(db, "HT", true);                 /* 1004 priority */
	assert_int_equal(p.ahead, 2);
	struct ticket n = issue(db, "HT", false);                /* 1005 */
	assert_int_equal(n.ahead, 4);                            /* 1001 1002 1004 1003 */
	assert_int_equal(n.est_wait_s, 4 * 420);
	assert_string_equal(call(db, 1), "1001");
	assert_string_equal(call(db, 1), "1002");
	assert_string_equal(call(db, 1), "1004");
	assert_string_equal(call(db, 1), "1003");
	assert_string_equal(call(db, 1), "1005");
	/* Strict: any priority ticket first. */
	assert_true(settings_set(db, "priority_rule", "strict", &r));
	issue(db, "HT", false);                                  /* 1006 */
	p = issue(db, "HT", true);                               /* 1007 */
	assert_int_equal(p.ahead, 0);
}

/* A counter still serving someone is free when their estimated time is up. */
static void test_busy_counter_remaining_time(void **state)
{
	struct db *db = DB(state);
	issue(db, "DD", false);                                  /* 3001 */
	assert_string_equal(call(db, 3), "3001");
	now_ms += 4 * MINUTE_MS;                                 /* 5 minutes into 900 s */
	struct ticket t = issue(db, "DD", false);                /* 3002 */
	assert_int_equal(t.ahead, 0);
	assert_int_equal(t.est_wait_s, 900 - 5 * 60);
}

/* Nobody open for the field: the paused (or closed) counters are waited for. */
static void test_paused_and_closed_counters(void **state)
{
	struct db *db = DB(state);
	struct result r = { 0 };
	assert_true(counter_pause(db, 3, "Đi họp", &r));          /* DD's only counter */
	issue(db, "DD", false);                                  /* 3001 */
	struct ticket t = issue(db, "DD", false);                /* 3002 */
	assert_int_equal(t.ahead, 1);
	assert_int_equal(t.est_wait_s, 900);
	assert_true(counter_close(db, 3, &r));
	t = issue(db, "DD", false);                              /* 3003 */
	assert_int_equal(t.ahead, 2);
	/* A field no counter serves: nobody will call anyone before it. */
	struct service s;
	service_init(&s);
	strcpy(s.code, "XX");
	strcpy(s.name, "Chưa có quầy");
	s.range_start = 8001;
	s.range_end = 8999;
	assert_true(service_add(db, &s, &r));
	t = issue(db, "XX", false);
	assert_int_equal(t.ahead, 0);
	assert_int_equal(t.est_wait_s, 0);
}

/* Another counter takes shared tickets off the line: fewer are ahead. */
static void test_other_counters_drain_shared_tickets(void **state)
{
	struct db *db = DB(state);
	issue(db, "HT", false);                                  /* 1001: counter 1 */
	issue(db, "HT", false);                                  /* 1002: counter 2 */
	issue(db, "HT", false);                                  /* 1003: counter 1 at 420 */
	struct ticket c = issue(db, "CT", false);                /* 2001: counter 2 at 420 */
	assert_int_equal(c.ahead, 1);
	assert_int_equal(c.est_wait_s, 420);
	assert_string_equal(call(db, 1), "1001");
	assert_string_equal(call(db, 2), "1002");
	assert_string_equal(call(db, 1), "1003");
	assert_string_equal(call(db, 2), "2001");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, fixture_teardown)
		T(test_priority_not_passed_by_later_normal),
		T(test_counter_serving_several_fields),
		T(test_interleave_tally),
		T(test_busy_counter_remaining_time),
		T(test_paused_and_closed_counters),
		T(test_other_counters_drain_shared_tickets),
#undef T
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
