/*
 * Order within a day follows the order of issue, never the wall clock
 * (issue 10 §4): a clock stepped back does not reorder the line; transfers
 * and put-backs keep their place; older files get their places numbered by
 * the migration.
 */
#include <stdio.h>
#include <string.h>
#include "motcua/base/clock.h"
#include "motcua/store/queue.h"
#include "motcua/store/schema.h"
#include "testutil.h"

#define DB(state) (((struct fixture *)*(state))->db)
#define HOUR_MS (60 * MINUTE_MS)

static void issue_at(struct db *db, const char *code, int64_t at_ms)
{
	fixture_issue_at(db, code, false, at_ms);
}

static const char *call(struct db *db, int counter)
{
	static struct ticket t;
	t = fixture_call(db, counter);
	return t.number;
}

static void test_clock_back_keeps_order(void **state)
{
	struct db *db = DB(state);
	issue_at(db, "HT", T0_MS + HOUR_MS);                  /* 1001 at 10:00 */
	issue_at(db, "HT", T0_MS + HOUR_MS + MINUTE_MS);      /* 1002 at 10:01 */
	issue_at(db, "HT", T0_MS);                            /* clock back: 1003 at 09:00 */
	assert_string_equal(call(db, 1), "1001");
	assert_string_equal(call(db, 1), "1002");
	assert_string_equal(call(db, 1), "1003");
	/* Places follow issue: 1001 -> 1, 1002 -> 2, 1003 -> 3. */
	assert_int_equal(fixture_query_int(db,
		"SELECT count(*) FROM tickets WHERE line_seq = number - 1000"), 3);
}

static void test_transfer_and_putback_keep_place_with_clock_back(void **state)
{
	struct db *db = DB(state);
	struct result r = { 0 };
	struct ticket t;
	issue_at(db, "HT", T0_MS + HOUR_MS);                  /* 1001, place 1 */
	issue_at(db, "DD", T0_MS + HOUR_MS + MINUTE_MS);      /* 3001, place 2 */
	issue_at(db, "DD", T0_MS);                            /* 3002 at 09:00, place 3 */
	issue_at(db, "HT", T0_MS + MINUTE_MS);                /* 1002, place 4 */
	assert_string_equal(call(db, 1), "1001");
	assert_true(queue_transfer(db, NULL, 1, "DD", 0, &t, &r));
	/* Counter 3 (DD, KH): the transferred 1001 is first in line. */
	assert_string_equal(call(db, 3), "1001");
	assert_true(queue_skip(db, NULL, 3, &t, &r));
	assert_string_equal(call(db, 3), "3001");
	/* 1001 comes back: before 3002 although every clock says otherwise. */
	assert_true(queue_requeue(db, NULL, "1001", NULL, &t, &r));
	assert_string_equal(call(db, 3), "1001");
	assert_string_equal(call(db, 3), "3002");
	assert_string_equal(call(db, 1), "1002");
	assert_true(db_check(db, &r));
}

static void test_migration_numbers_places(void **state)
{
	struct fixture *f = *state;
	char path[400];
	struct result r = { 0 };
	snprintf(path, sizeof(path), "%s/before.db", f->dir);
	/* Version 4: before places in line (line_seq, migration 4 -> 5). */
	assert_true(db_create_at_version(path, 4, &r));
	/*
	 * Day 26: 1001 issued at 10:00 (id 1), 1002 at 09:00 after a clock step
	 * (id 2), 1003 at 09:30 (id 3); 1001 transferred twice (ids 4, 5 keep
	 * its line_ms). Day 25: one ticket (id 6). Expected places on day 26,
	 * by (line_ms, id): 1002 -> 1, 1003 -> 2, 1001 and its copies -> 3.
	 */
	fixture_exec_file(path,
		"INSERT INTO services(code, name, range_start, range_end) VALUES ('HT', 'Hộ tịch', 1001, 1999);"
		"INSERT INTO counters(number, name) VALUES (1, 'Quầy 1');"
		"INSERT INTO counter_services VALUES (1, 1, 0);"
		"INSERT INTO business_day(id, day) VALUES (1, 20261126);"
		"INSERT INTO sequences VALUES (1, 20261126, 3), (1, 20261125, 1);"
		"INSERT INTO tickets(id, service_id, day, seq, number, status, issued_ms, line_ms,"
		" enq_ms, enq_mono, enq_boot, transferred_from) VALUES"
		" (1, 1, 20261126, 1, '1001', 'transferred', 36000, 36000, 36000, 0, 0, NULL),"
		" (2, 1, 20261126, 2, '1002', 'waiting', 32400, 32400, 32400, 0, 0, NULL),"
		" (3, 1, 20261126, 3, '1003', 'waiting', 34200, 34200, 34200, 0, 0, NULL),"
		" (4, 1, 20261126, 1, '1001', 'transferred', 36000, 36000, 40000, 0, 0, 1),"
		" (5, 1, 20261126, 1, '1001', 'waiting', 36000, 36000, 41000, 0, 0, 4),"
		" (6, 1, 20261125, 1, '1001', 'done', 1, 1, 1, 0, 0, NULL);");
	struct db *db = db_open(path, DB_READWRITE, &r);
	assert_non_null(db);
	assert_int_equal(fixture_query_int(db, "SELECT line_seq FROM tickets WHERE id = 2"), 1);
	assert_int_equal(fixture_query_int(db, "SELECT line_seq FROM tickets WHERE id = 3"), 2);
	assert_int_equal(fixture_query_int(db,
		"SELECT count(*) FROM tickets WHERE id IN (1, 4, 5) AND line_seq = 3"), 3);
	assert_int_equal(fixture_query_int(db, "SELECT line_seq FROM tickets WHERE id = 6"), 1);
	/* The next ticket of that day takes the next place, and the line is called in order. */
	clock_set_fake(clock_day_start_ms(20261126) + 11 * HOUR_MS);
	struct ticket t;
	assert_true(queue_issue(db, NULL, "HT", false, &t, &r));
	assert_int_equal(fixture_query_int(db, "SELECT max(line_seq) FROM tickets"), 4);
	assert_string_equal(call(db, 1), "1002");
	assert_string_equal(call(db, 1), "1003");
	assert_string_equal(call(db, 1), "1001");
	assert_string_equal(call(db, 1), "1004");
	assert_true(db_check(db, &r));
	db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup_demo, fixture_teardown)
		T(test_clock_back_keeps_order),
		T(test_transfer_and_putback_keep_place_with_clock_back),
		T(test_migration_numbers_places),
#undef T
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
