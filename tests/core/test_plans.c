/*
 * Costs must not grow with history (issue 10 §12): every statement the hot
 * paths run (issue, call-next and the other counter operations, the
 * screens' snapshot, status, the officer's lists, a month's report, the
 * first write of a new day) is traced as it runs, then planned with EXPLAIN
 * QUERY PLAN: none may scan the tickets or events tables (or a whole index
 * of them). bench/history-bench measures the times.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "motcua/base/clock.h"
#include "motcua/store/devices.h"
#include "motcua/store/queue.h"
#include "motcua/store/report.h"
#include "motcua/store/snapshot.h"
#include "motcua/store/ticketlist.h"
#include "testutil.h"

#define MAX_SQL 256

struct traced {
	char *sql[MAX_SQL];
	size_t n;
};

static int on_stmt(unsigned type, void *ctx, void *p, void *x)
{
	struct traced *tr = ctx;
	const char *sql = sqlite3_sql(p);
	(void)type;
	(void)x;
	if (!sql) {
		return 0;
	}
	for (size_t i = 0; i < tr->n; i++) {
		if (strcmp(tr->sql[i], sql) == 0) {
			return 0;
		}
	}
	if (tr->n < MAX_SQL) {
		tr->sql[tr->n++] = strdup(sql);
	}
	return 0;
}

/* Names that stand for the tickets and events tables in the core's SQL and views. */
static bool big_table(const char *name, size_t len)
{
	static const char *const names[] = { "tickets", "events", "t", "e", "x", "r" };
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (strlen(names[i]) == len && strncmp(names[i], name, len) == 0) {
			return true;
		}
	}
	return false;
}

/* Fails when the plan of sql scans tickets or events; returns the plan's steps. */
static int check_plan(sqlite3 *h, const char *sql)
{
	char *eqp = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", sql);
	sqlite3_stmt *st = NULL;
	int steps = 0;
	if (sqlite3_prepare_v2(h, eqp, -1, &st, NULL) != SQLITE_OK) {
		fail_msg("cannot plan %s: %s", sql, sqlite3_errmsg(h));
	}
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *detail = (const char *)sqlite3_column_text(st, 3);
		steps++;
		if (strncmp(detail, "SCAN ", 5) == 0 && big_table(detail + 5, strcspn(detail + 5, " "))) {
			fail_msg("full scan: %s\n  in: %s", detail, sql);
		}
	}
	sqlite3_finalize(st);
	sqlite3_free(eqp);
	return steps;
}

static void test_hot_paths_use_indexes(void **state)
{
	struct fixture *f = *state;
	struct db *db = f->db;
	struct result r = { 0 };
	struct ticket t;
	struct traced tr = { 0 };
	/* Yesterday's line, so that today's first write closes it. */
	assert_true(queue_issue(db, NULL, "HT", false, &t, &r));
	assert_true(queue_issue(db, NULL, "CT", true, &t, &r));
	assert_true(queue_call_next(db, NULL, 1, NULL, &t, &r));
	clock_set_fake(T0_MS + 24 * 60 * MINUTE_MS);
	sqlite3_trace_v2(db_handle(db), SQLITE_TRACE_STMT, on_stmt, &tr);

	assert_true(queue_issue(db, "a", "HT", false, &t, &r));   /* rollover + issue */
	assert_true(queue_issue(db, "a", "HT", false, &t, &r));   /* a repeat */
	assert_true(queue_issue(db, NULL, "DD", true, &t, &r));
	assert_true(queue_issue(db, NULL, "KH", false, &t, &r));
	assert_true(queue_call_next(db, "b", 1, NULL, &t, &r));
	assert_true(queue_recall(db, NULL, 1, &t, &r));
	assert_true(queue_skip(db, NULL, 1, &t, &r));
	assert_true(queue_requeue(db, NULL, t.number, NULL, &t, &r));
	assert_true(queue_call_number(db, NULL, 2, t.number, NULL, &t, &r));
	assert_true(queue_transfer(db, NULL, 2, "KH", 0, &t, &r));
	assert_true(queue_call_next(db, NULL, 4, NULL, &t, &r));
	assert_true(queue_finish(db, NULL, 4, &t, &r));
	assert_false(queue_call_next(db, NULL, 1, NULL, &t, &r));  /* empty */
	assert_true(queue_find_number(db, "3001", NULL, &t, &r));
	assert_true(queue_cancel(db, NULL, t.id, "", &r));
	struct ticket list[8];
	size_t n;
	assert_true(queue_upcoming(db, 3, list, 8, &n, &r));
	assert_true(ticketlist_noshows(db, 1, list, 8, &n, &r));
	struct snapshot s;
	assert_true(snapshot_read(db, &s, &r));
	snapshot_finish(&s);
	struct device_status *devs;
	assert_true(devices_list(db, &devs, &n, &r));
	free(devs);
	struct report rep;
	assert_true(report_build(db, 20261101, 20261130, REPORT_BY_SERVICE, &rep, &r));
	report_finish(&rep);

	sqlite3_trace_v2(db_handle(db), 0, NULL, NULL);
	/* Planned without foreign keys: inserting a tickets row plans a scan of
	 * the tables that refer to it, which SQLite runs only while a deferred
	 * violation is outstanding (OP_FkIfZero), never in these writes. */
	sqlite3_db_config(db_handle(db), SQLITE_DBCONFIG_ENABLE_FKEY, 0, NULL);
	int steps = 0;
	for (size_t i = 0; i < tr.n; i++) {
		steps += check_plan(db_handle(db), tr.sql[i]);
		free(tr.sql[i]);
	}
	/* Enough was traced to mean something. */
	assert_true(tr.n > 40);
	assert_true(steps > 40);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_hot_paths_use_indexes, fixture_setup_demo,
			fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
