#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "motcua/base/clock.h"
#include "motcua/store/demo.h"
#include "motcua/base/log.h"
#include "testutil.h"

static int setup(void **state, bool demo)
{
	struct fixture *f = calloc(1, sizeof(*f));
	const char *tmp = getenv("TMPDIR");
	snprintf(f->dir, sizeof(f->dir), "%s/motcua-test-XXXXXX", tmp ? tmp : "/tmp");
	if (!mkdtemp(f->dir)) {
		return -1;
	}
	snprintf(f->path, sizeof(f->path), "%s/q.db", f->dir);
	log_init("test", LOG_LEVEL_WARN);
	clock_set_zone("Asia/Ho_Chi_Minh");
	clock_set_fake(T0_MS);
	struct result r = { 0 };
	f->db = db_open(f->path, DB_CREATE, &r);
	if (!f->db || (demo && !demo_load(f->db, &r))) {
		fprintf(stderr, "fixture: %s\n", r.msg);
		return -1;
	}
	*state = f;
	return 0;
}

int fixture_setup_demo(void **state)
{
	return setup(state, true);
}

int fixture_setup_empty(void **state)
{
	return setup(state, false);
}

int fixture_teardown(void **state)
{
	struct fixture *f = *state;
	db_close(f->db);
	char cmd[600];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->dir);
	if (system(cmd) != 0) {
		return -1;
	}
	free(f);
	clock_set_fake(0);
	clock_set_fake_boot(0, 0);
	return 0;
}

struct db *fixture_reopen(struct fixture *f)
{
	struct result r = { 0 };
	struct db *db = db_open(f->path, DB_READWRITE, &r);
	if (!db) {
		fprintf(stderr, "reopen: %s\n", r.msg);
	}
	return db;
}

int64_t fixture_query_int(struct db *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	int64_t v = -1;
	if (sqlite3_prepare_v2(db_handle(db), sql, -1, &st, NULL) == SQLITE_OK
			&& sqlite3_step(st) == SQLITE_ROW) {
		v = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	return v;
}

void fixture_exec_file(const char *path, const char *sql)
{
	sqlite3 *h = NULL;
	char *err = NULL;
	if (sqlite3_open(path, &h) != SQLITE_OK
			|| sqlite3_exec(h, sql, NULL, NULL, &err) != SQLITE_OK) {
		fail_msg("%s: %s", sql, err ? err : sqlite3_errmsg(h));
	}
	sqlite3_close(h);
}

struct ticket fixture_issue_at(struct db *db, const char *code, bool priority, int64_t at_ms)
{
	struct ticket t;
	struct result r = { 0 };
	if (at_ms) {
		clock_set_fake(at_ms);
	}
	if (!queue_issue(db, NULL, code, priority, &t, &r)) {
		fail_msg("issue %s: %s", code, r.msg);
	}
	return t;
}

struct ticket fixture_call(struct db *db, int counter)
{
	struct ticket t;
	struct result r = { 0 };
	if (!queue_call_next(db, NULL, counter, NULL, &t, &r)) {
		fail_msg("call %d: %s", counter, r.msg);
	}
	return t;
}
