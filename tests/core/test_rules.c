/*
 * The queue's predicates are named once (schema views): the kiosk's "full"
 * agrees with the cap refusal at the boundary, voided tickets and transfer
 * copies included; a lost view is a database error, never "nobody waiting";
 * `check` notices a missing view or index.
 */
#include <string.h>
#include "motcua/base/clock.h"
#include "motcua/store/counters.h"
#include "motcua/store/queue.h"
#include "motcua/store/services.h"
#include "motcua/store/snapshot.h"
#include "testutil.h"

#define DB(state) (((struct fixture *)*(state))->db)

static void exec(struct db *db, const char *sql)
{
	struct result r = { 0 };
	if (!db_exec(db, sql, &r)) {
		fail_msg("%s: %s", sql, r.msg);
	}
}

/* What the kiosk shows for a field: its snapshot row. */
static struct snapshot_service kiosk_view(struct db *db, const char *code)
{
	struct snapshot s;
	struct snapshot_service out = { 0 };
	struct result r = { 0 };
	assert_true(snapshot_read(db, &s, &r));
	for (size_t i = 0; i < s.n_services; i++) {
		if (strcmp(s.services[i].service.code, code) == 0) {
			out = s.services[i];
		}
	}
	snapshot_finish(&s);
	assert_string_equal(out.service.code, code);
	return out;
}

/* Tries to issue; the kiosk's "full" just before must predict the answer. */
static bool issue_agrees(struct db *db, const char *code, int expect_issued,
	struct ticket *t)
{
	struct snapshot_service k = kiosk_view(db, code);
	struct result r = { 0 };
	assert_int_equal(k.issued_today, expect_issued);
	bool ok = queue_issue(db, NULL, code, false, t, &r);
	if (!ok) {
		assert_int_equal(r.code, RESULT_ERR_CAP);
	}
	assert_int_equal(k.full, !ok);
	return ok;
}

static void set_cap(struct db *db, const char *code, int cap)
{
	struct service s;
	struct result r = { 0 };
	assert_true(service_find(db, code, &s, &r));
	s.daily_cap = cap;
	assert_true(service_update(db, &s, &r));
}

static void test_full_and_cap_agree(void **state)
{
	struct db *db = DB(state);
	struct result r = { 0 };
	struct ticket a, b, c, d, t;
	set_cap(db, "DD", 3);
	assert_true(issue_agrees(db, "DD", 0, &a));                  /* 3001 */
	assert_true(queue_void(db, a.id, "no paper", &r));           /* does not count */
	assert_true(issue_agrees(db, "DD", 0, &b));                  /* 3002 */
	/* 3002 is sent on to KH: the DD ticket still counts, the KH copy not. */
	assert_true(queue_call_next(db, NULL, 3, NULL, &t, &r));
	assert_true(queue_transfer(db, NULL, 3, "KH", 0, &t, &r));
	/* A KH citizen sent to DD is not a DD ticket handed out. */
	assert_true(queue_issue(db, NULL, "KH", false, &t, &r));
	assert_true(queue_call_number(db, NULL, 4, t.number, NULL, &t, &r));
	assert_true(queue_transfer(db, NULL, 4, "DD", 0, &t, &r));
	assert_true(issue_agrees(db, "DD", 1, &c));                  /* 3003 */
	assert_true(issue_agrees(db, "DD", 2, &d));                  /* 3004: the cap */
	assert_false(issue_agrees(db, "DD", 3, &t));                 /* full, and refused */
	assert_false(issue_agrees(db, "DD", 3, &t));
	/* The kiosk's waiting count is the same view's. */
	assert_int_equal(kiosk_view(db, "DD").waiting, 3);           /* 3003, 3004, 5001 */
	assert_true(queue_void(db, d.id, "paper jam", &r));
	assert_true(issue_agrees(db, "DD", 2, &t));                  /* room again */
	assert_false(issue_agrees(db, "DD", 3, &t));
	assert_true(db_check(db, &r));
}

static void test_lost_view_is_an_error_not_empty(void **state)
{
	struct db *db = DB(state);
	struct result r = { 0 };
	struct ticket t;
	assert_true(queue_issue(db, NULL, "HT", false, &t, &r));
	assert_true(queue_call_next(db, NULL, 1, NULL, &t, &r));     /* 1001 at counter 1 */
	exec(db, "DROP VIEW callable");
	assert_false(queue_call_next(db, NULL, 1, NULL, &t, &r));
	assert_int_equal(r.code, RESULT_ERR_DB);
	/* Nothing was half done: 1001 is still at counter 1. */
	assert_int_equal(fixture_query_int(db,
		"SELECT count(*) FROM tickets WHERE status = 'called' AND counter = 1"), 1);
	struct ticket list[4];
	size_t n = 9;
	assert_false(queue_upcoming(db, 1, list, 4, &n, &r));
	assert_int_equal(r.code, RESULT_ERR_DB);
	assert_int_equal(n, 0);
	struct snapshot s;
	assert_false(snapshot_read(db, &s, &r));
	assert_int_equal(r.code, RESULT_ERR_DB);
	assert_false(db_check(db, &r));
	assert_non_null(strstr(r.msg, "thiếu khung nhìn (view) callable"));
}

static void test_lost_rules_view_fails_issue_and_cap(void **state)
{
	struct db *db = DB(state);
	struct result r = { 0 };
	struct ticket t;
	exec(db, "DROP VIEW service_day");
	assert_false(queue_issue(db, NULL, "HT", false, &t, &r));
	assert_int_equal(r.code, RESULT_ERR_DB);
	assert_int_equal(fixture_query_int(db, "SELECT count(*) FROM tickets"), 0);
	struct snapshot s;
	assert_false(snapshot_read(db, &s, &r));
	assert_int_equal(r.code, RESULT_ERR_DB);
}

static void test_check_wants_indexes(void **state)
{
	struct db *db = DB(state);
	struct result r = { 0 };
	assert_true(db_check(db, &r));
	exec(db, "DROP INDEX tickets_state; DROP INDEX events_kind");
	assert_false(db_check(db, &r));
	assert_non_null(strstr(r.msg, "thiếu chỉ mục (index) tickets_state"));
	assert_non_null(strstr(r.msg, "thiếu chỉ mục (index) events_kind"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup_demo, fixture_teardown)
		T(test_full_and_cap_agree),
		T(test_lost_view_is_an_error_not_empty),
		T(test_lost_rules_view_fails_issue_and_cap),
		T(test_check_wants_indexes),
#undef T
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
