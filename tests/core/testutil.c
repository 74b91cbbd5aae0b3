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
