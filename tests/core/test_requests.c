/*
 * Idempotent writes (queue.h): a repeat of a request id on the same business
 * day returns the first outcome and writes nothing; an id reused for another
 * operation is refused; a new day starts afresh.
 */
#include <stdio.h>
#include <string.h>
#include "motcua/base/clock.h"
#include "motcua/store/queue.h"
#include "testutil.h"

#define DB(state) (((struct fixture *)*(state))->db)

/*
 * Commits seen by a second connection (PRAGMA data_version moves when another
 * connection commits): a repeat must not move it. (A repeat may write inside
 * its transaction, e.g. the day's clock stamp, but rolls it all back.)
 */
static struct db *watch;

static int writes(struct db *db)
{
	(void)db;
	return (int)db_data_version(watch);
}

static int setup(void **state)
{
	int rc = fixture_setup_demo(state);
	watch = rc ? NULL : fixture_reopen(*state);
	return rc || !watch;
}

static int teardown(void **state)
{
	db_close(watch);
	return fixture_teardown(state);
}

static void same_ticket(const struct ticket *a, const struct ticket *b)
{
	assert_int_equal(a->id, b->id);
	assert_string_equal(a->number, b->number);
	assert_string_equal(a->service_code, b->service_code);
	assert_string_equal(a->service_name, b->service_name);
	assert_int_equal(a->status, b->status);
	assert_int_equal(a->counter, b->counter);
	assert_int_equal(a->target_counter, b->target_counter);
	assert_string_equal(a->officer, b->officer);
	assert_int_equal(a->recalls, b->recalls);
	assert_int_equal(a->issued_ms, b->issued_ms);
	assert_int_equal(a->called_ms, b->called_ms);
	assert_int_equal(a->wait_ms, b->wait_ms);
	assert_int_equal(a->service_ms, b->service_ms);
	assert_int_equal(a->transferred_from, b->transferred_from);
	assert_int_equal(a->ahead, b->ahead);
	assert_int_equal(a->est_wait_s, b->est_wait_s);
	assert_int_equal(a->priority, b->priority);
	assert_int_equal(a->day, b->day);
}

static void test_issue_repeat_returns_first_ticket(void **state)
{
	struct db *db = DB(state);
	struct result r = { 0 };
	struct ticket first, again, t;
	assert_true(queue_issue(db, NULL, "HT", false, &t, &r));             /* 1001 */
	assert_true(queue_issue(db, "kiosk-7f3a", "HT", true, &first, &r));  /* 1002 */
	assert_string_equal(first.number, "1002");
	assert_int_equal(first.ahead, 1);
	int w = writes(db);
	assert_true(queue_issue(db, "kiosk-7f3a", "HT", true, &again, &r));
	same_ticket(&first, &again);
	assert_int_equal(r.code, RESULT_OK);
	assert_int_equal(writes(db), w);
	/* Still the first answer after the ticket has moved on. */
	assert_true(queue_call_next(db, NULL, 1, NULL, &t, &r));
	assert_true(queue_call_next(db, NULL, 1, NULL, &t, &r));
	assert_string_equal(t.number, "1002");
	w = writes(db);
	assert_true(queue_issue(db, "kiosk-7f3a", "HT", true, &again, &r));
	same_ticket(&first, &again);
	assert_int_equal(again.status, TICKET_WAITING);
	assert_int_equal(writes(db), w);
	assert_int_equal(fixture_query_int(db, "SELECT count(*) FROM tickets"), 2);
	assert_int_equal(fixture_query_int(db,
		"SELECT count(*) FROM events WHERE kind = 'issue'"), 2);
}

static void test_reuse_for_other_operation_refused(void **state)
{
	struct db *db = DB(state);
	struct result r = { 0 };
	struct ticket t;
	assert_true(queue_issue(db, "req-1", "HT", false, &t, &r));
	int w = writes(db);
	assert_false(queue_issue(db, "req-1", "CT", false, &t, &r));
	assert_int_equal(r.code, RESULT_ERR_INVALID);
	assert_non_null(strstr(r.msg, "req-1"));
	assert_false(queue_issue(db, "req-1", "HT", true, &t, &r));
	assert_int_equal(r.code, RESULT_ERR_INVALID);
	assert_false(queue_call_next(db, "req-1", 1, NULL, &t, &r));
	assert_int_equal(r.code, RESULT_ERR_INVALID);
	assert_int_equal(writes(db), w);
	assert_int_equal(fixture_query_int(db,
		"SELECT count(*) FROM tickets WHERE status = 'waiting'"), 1);
	/* Bad ids are bad input. */
	assert_false(queue_issue(db, "", "HT", false, &t, &r));
	assert_int_equal(r.code, RESULT_ERR_INVALID);
	assert_false(queue_issue(db, "two words", "HT", false, &t, &r));
	assert_int_equal(r.code, RESULT_ERR_INVALID);
	char longid[140];
	memset(longid, 'k', sizeof(longid) - 1);
	longid[139] = '\0';
	assert_false(queue_issue(db, longid, "HT", false, &t, &r));
	assert_int_equal(r.code, RESULT_ERR_INVALID);
	assert_int_equal(writes(db), w);
}

/* Runs `first`, then `repeat` must write nothing and return the same ticket. */
#define REPEAT(first, repeat) do { \
		assert_true(first); \
		int w_ = writes(db); \
		assert_true(repeat); \
		assert_int_equal(writes(db), w_); \
		same_ticket(&a, &b); \
	} while (0)

static void test_counter_operations_repeat(void **state)
{
	struct db *db = DB(state);
	struct result r = { 0 };
	struct ticket a, b, t;
	assert_true(queue_issue(db, NULL, "HT", false, &t, &r));   /* 1001 */
	assert_true(queue_issue(db, NULL, "HT", false, &t, &r));   /* 1002 */
	assert_true(queue_issue(db, NULL, "HT", false, &t, &r));   /* 1003 */
	REPEAT(queue_call_next(db, "c1", 1, NULL, &a, &r), queue_call_next(db, "c1", 1, NULL, &b, &r));
	REPEAT(queue_recall(db, "c2", 1, &a, &r), queue_recall(db, "c2", 1, &b, &r));
	assert_int_equal(b.recalls, 1);
	REPEAT(queue_skip(db, "c3", 1, &a, &r), queue_skip(db, "c3", 1, &b, &r));
	REPEAT(queue_requeue(db, "c4", "1001", NULL, &a, &r),
		queue_requeue(db, "c4", "1001", NULL, &b, &r));
	REPEAT(queue_call_number(db, "c5", 1, "1002", NULL, &a, &r),
		queue_call_number(db, "c5", 1, "1002", NULL, &b, &r));
	REPEAT(queue_transfer(db, "c6", 1, "CT", 0, &a, &r),
		queue_transfer(db, "c6", 1, "CT", 0, &b, &r));
	assert_string_equal(b.service_code, "CT");
	REPEAT(queue_call_next(db, "c7", 2, NULL, &a, &r), queue_call_next(db, "c7", 2, NULL, &b, &r));
	assert_string_equal(b.number, "1001");                    /* back first in line */
	REPEAT(queue_finish(db, "c8", 2, &a, &r), queue_finish(db, "c8", 2, &b, &r));
	assert_true(queue_find_number(db, "1003", NULL, &t, &r));
	assert_true(queue_cancel(db, "c9", t.id, "về nhà", &r));
	int w = writes(db);
	assert_true(queue_cancel(db, "c9", t.id, "về nhà", &r));
	assert_int_equal(writes(db), w);
	/* One event per operation, none for the repeats. */
	static const struct { const char *kind; int n; } want[] = {
		{ "call", 3 }, { "recall", 1 }, { "skip", 1 }, { "requeue", 1 },
		{ "transfer", 1 }, { "finish", 1 }, { "cancel", 1 },
	};
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		char sql[128];
		snprintf(sql, sizeof(sql), "SELECT count(*) FROM events WHERE kind = '%s'",
			want[i].kind);
		assert_int_equal(fixture_query_int(db, sql), want[i].n);
	}
	assert_true(db_check(db, &r));
}

static void test_repeat_of_empty_call(void **state)
{
	struct db *db = DB(state);
	struct result r = { 0 };
	struct ticket t;
	assert_true(queue_issue(db, NULL, "HT", false, &t, &r));
	assert_true(queue_call_next(db, NULL, 1, NULL, &t, &r));
	/* Nobody else waits: 1001 is finished and the answer is "empty". */
	assert_false(queue_call_next(db, "empty-1", 1, NULL, &t, &r));
	assert_int_equal(r.code, RESULT_ERR_EMPTY);
	assert_true(queue_issue(db, NULL, "HT", false, &t, &r));   /* 1002 arrives */
	int w = writes(db);
	assert_false(queue_call_next(db, "empty-1", 1, NULL, &t, &r));
	assert_int_equal(r.code, RESULT_ERR_EMPTY);
	assert_non_null(strstr(r.msg, "không có ai đang chờ quầy 1"));
	assert_int_equal(writes(db), w);
	assert_int_equal(fixture_query_int(db,
		"SELECT status = 'waiting' FROM tickets WHERE number = '1002'"), 1);
}

static void test_new_day_new_requests(void **state)
{
	struct db *db = DB(state);
	struct result r = { 0 };
	struct ticket a, b;
	assert_true(queue_issue(db, "morning", "HT", false, &a, &r));
	clock_set_fake(T0_MS + 24 * 60 * MINUTE_MS);
	assert_true(queue_issue(db, "morning", "HT", false, &b, &r));
	assert_int_not_equal(a.id, b.id);
	assert_int_equal(b.day, 20261127);
	/* Yesterday's request rows are gone. */
	assert_int_equal(fixture_query_int(db, "SELECT count(*) FROM requests"), 1);
	assert_int_equal(fixture_query_int(db, "SELECT min(day) FROM requests"), 20261127);
}

/* Pause, resume, rating and void, which the server repeats for its clients. */
static void test_pause_rate_void_repeat(void **state)
{
	struct db *db = DB(state);
	struct result r = { 0 };
	struct ticket t, again;
	assert_true(queue_pause(db, "p", 3, "Họp", &r));
	int before = writes(db);
	assert_true(queue_pause(db, "p", 3, "Họp", &r));
	assert_int_equal(writes(db), before);
	assert_false(queue_pause(db, "p", 3, "Nghỉ", &r));
	assert_int_equal(r.code, RESULT_ERR_INVALID);
	assert_true(queue_resume(db, "q", 3, &r));
	assert_true(queue_resume(db, "q", 3, &r));
	assert_int_equal(fixture_query_int(db,
		"SELECT count(*) FROM events WHERE kind IN ('pause', 'resume')"), 2);
	assert_false(queue_pause(db, NULL, 3, "", &r));   /* a reason is needed, as ever */
	fixture_issue_at(db, "HT", false, 0);
	fixture_call(db, 1);
	assert_true(queue_finish(db, NULL, 1, &t, &r));
	assert_true(queue_rate_request(db, "rate", t.id, RATING_SATISFIED, &t, &r));
	assert_int_equal(t.rating, RATING_SATISFIED);
	before = writes(db);
	assert_true(queue_rate_request(db, "rate", t.id, RATING_SATISFIED, &again, &r));
	assert_int_equal(writes(db), before);
	same_ticket(&t, &again);
	assert_false(queue_rate_request(db, NULL, t.id, RATING_NEUTRAL, &again, &r));
	assert_int_equal(r.code, RESULT_ERR_STATE);
	struct ticket v = fixture_issue_at(db, "CT", false, 0);
	assert_true(queue_void_request(db, "void", v.id, "kiosk: paper", &r));
	before = writes(db);
	assert_true(queue_void_request(db, "void", v.id, "kiosk: paper", &r));
	assert_int_equal(writes(db), before);
	assert_int_equal(fixture_query_int(db, "SELECT count(*) FROM events WHERE kind = 'void'"), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
		T(test_issue_repeat_returns_first_ticket),
		T(test_reuse_for_other_operation_refused),
		T(test_counter_operations_repeat),
		T(test_repeat_of_empty_call),
		T(test_new_day_new_requests),
		T(test_pause_rate_void_repeat),
#undef T
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
