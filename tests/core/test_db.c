/* Opening, migrations, read-only mode, check and backup. */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "motcua/store/counters.h"
#include "motcua/store/queue.h"
#include "motcua/store/schema.h"
#include "motcua/store/services.h"
#include "testutil.h"

static void test_migrate_from_v1_keeps_data(void **state)
{
	struct fixture *f = *state;
	char path[400];
	struct result r = { 0 };
	snprintf(path, sizeof(path), "%s/old.db", f->dir);
	assert_true(db_create_at_version(path, 1, &r));
	/* A version-1 desk with a waiting ticket. */
	fixture_exec_file(path,
		"INSERT INTO services(code, name, range_start, range_end) VALUES ('HT', 'Hộ tịch', 1001, 1999);"
		"INSERT INTO counters(number, name) VALUES (1, 'Quầy 1');"
		"INSERT INTO counter_services VALUES (1, 1, 0);"
		"INSERT INTO business_day VALUES (1, 20261126);"
		"INSERT INTO sequences VALUES (1, 20261126, 1);"
		"INSERT INTO tickets(service_id, day, seq, number, status, issued_ms, line_ms, enq_ms,"
		" enq_mono, enq_boot) VALUES (1, 20261126, 1, '1001', 'waiting', 1, 1, 1, 0, 0);");
	struct db *db = db_open(path, DB_READWRITE, &r);
	assert_non_null(db);
	assert_int_equal(fixture_query_int(db, "PRAGMA user_version"), DB_SCHEMA_VERSION);
	assert_int_equal(fixture_query_int(db, "SELECT count(*) FROM devices"), 0);
	struct ticket t;
	assert_true(queue_issue(db, NULL, "HT", false, &t, &r));
	assert_string_equal(t.number, "1002");
	assert_true(queue_call_next(db, NULL, 1, NULL, &t, &r));
	assert_string_equal(t.number, "1001");
	assert_int_equal(t.rating, RATING_NONE);
	assert_true(db_check(db, &r));
	db_close(db);
	/* Opening again does not migrate again. */
	db = db_open(path, DB_READWRITE, &r);
	assert_non_null(db);
	db_close(db);
}

/*
 * 5 -> 6 gives each field a group, empty for the fields that were there;
 * a group set then reads back and survives a service edit of another kind.
 */
static void test_migrate_service_groups(void **state)
{
	struct fixture *f = *state;
	char path[400];
	struct result r = { 0 };
	snprintf(path, sizeof(path), "%s/v5.db", f->dir);
	assert_true(db_create_at_version(path, 5, &r));  /* 5: before the fields' groups */
	fixture_exec_file(path,
		"INSERT INTO services(code, name, range_start, range_end) VALUES ('HT', 'Hộ tịch', 1001, 1999);");
	struct db *db = db_open(path, DB_READWRITE, &r);
	assert_non_null(db);
	struct service s;
	assert_true(service_find(db, "HT", &s, &r));
	assert_string_equal(s.group, "");
	snprintf(s.group, sizeof(s.group), "%s", "Tư pháp – Hộ tịch");
	assert_true(service_update(db, &s, &r));
	s.daily_cap = 50;
	assert_true(service_update(db, &s, &r));
	assert_true(service_find(db, "HT", &s, &r));
	assert_string_equal(s.group, "Tư pháp – Hộ tịch");
	assert_int_equal(s.daily_cap, 50);
	/* Only spaces is no name; a control character is refused. */
	snprintf(s.group, sizeof(s.group), "%s", "  ");
	assert_false(service_update(db, &s, &r));
	assert_int_equal(r.code, RESULT_ERR_INVALID);
	snprintf(s.group, sizeof(s.group), "%s", "a\x1b" "b");
	assert_false(service_update(db, &s, &r));
	assert_true(db_check(db, &r));
	db_close(db);
}

static void test_readonly_refuses_old_schema_and_writes(void **state)
{
	struct fixture *f = *state;
	char path[400];
	struct result r = { 0 };
	snprintf(path, sizeof(path), "%s/old.db", f->dir);
	assert_true(db_create_at_version(path, 1, &r));
	assert_null(db_open(path, DB_READONLY, &r));
	assert_non_null(strstr(r.msg, "cần nâng cấp lên"));
	struct db *ro = db_open(f->path, DB_READONLY, &r);
	assert_non_null(ro);
	assert_true(db_readonly(ro));
	struct ticket t;
	assert_false(queue_issue(ro, NULL, "HT", false, &t, &r));
	assert_int_equal(r.code, RESULT_ERR_DB);
	assert_int_equal(fixture_query_int(f->db, "SELECT count(*) FROM tickets"), 0);
	db_close(ro);
}

static void test_newer_and_foreign_files_refused(void **state)
{
	struct fixture *f = *state;
	char path[400];
	struct result r = { 0 };
	snprintf(path, sizeof(path), "%s/new.db", f->dir);
	fixture_exec_file(path, "CREATE TABLE x(a); PRAGMA user_version = 99;");
	assert_null(db_open(path, DB_READWRITE, &r));
	assert_non_null(strstr(r.msg, "phiên bản motcua mới hơn"));
	snprintf(path, sizeof(path), "%s/other.db", f->dir);
	fixture_exec_file(path, "CREATE TABLE photos(a);");
	assert_null(db_open(path, DB_READWRITE, &r));
	assert_non_null(strstr(r.msg, "không phải cơ sở dữ liệu motcua"));
	snprintf(path, sizeof(path), "%s/garbage.db", f->dir);
	FILE *g = fopen(path, "w");
	fputs("this is not sqlite, just text that is long enough to be a header.....", g);
	fclose(g);
	assert_null(db_open(path, DB_READWRITE, &r));
	assert_int_equal(r.code, RESULT_ERR_DB);
	assert_non_null(strstr(r.msg, "không phải cơ sở dữ liệu motcua"));
	assert_null(strstr(r.msg, "file is not a database"));
	snprintf(path, sizeof(path), "%s/missing.db", f->dir);
	assert_null(db_open(path, DB_READWRITE, &r));
	assert_int_equal(r.code, RESULT_ERR_NOTFOUND);
	assert_non_null(strstr(r.msg, "motcua --db"));
	assert_int_equal(access(path, F_OK), -1);
}

/* A 0-byte file or an SQLite file with no motcua schema is refused, untouched. */
static void test_empty_files_refused(void **state)
{
	struct fixture *f = *state;
	char path[400], wal[420];
	struct result r = { 0 };
	snprintf(path, sizeof(path), "%s/empty.db", f->dir);
	snprintf(wal, sizeof(wal), "%s-wal", path);
	fclose(fopen(path, "w"));
	static const enum db_mode modes[] = { DB_READWRITE, DB_READONLY };
	for (size_t i = 0; i < 2; i++) {
		assert_null(db_open(path, modes[i], &r));
		assert_int_equal(r.code, RESULT_ERR_DB);
		assert_non_null(strstr(r.msg, "0 byte"));
		assert_non_null(strstr(r.msg, "init"));
	}
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_size, 0);
	assert_int_equal(access(wal, F_OK), -1);
	/* A valid SQLite file with nothing in it (e.g. made by the sqlite3 tool). */
	snprintf(path, sizeof(path), "%s/blank.db", f->dir);
	fixture_exec_file(path, "CREATE TABLE t(a); DROP TABLE t;");
	assert_null(db_open(path, DB_READWRITE, &r));
	assert_non_null(strstr(r.msg, "không phải cơ sở dữ liệu motcua"));
	assert_null(db_open(path, DB_READONLY, &r));
}

/*
 * Contention: a write waits for the lock for up to 60 s (a writer held up
 * 11 s, beyond the old 10 s budget, still succeeds), and a timeout names
 * the database and the lock wait without blaming "another program".
 */
static void test_lock_wait(void **state)
{
	struct fixture *f = *state;
	struct result r = { 0 };
	struct ticket t;
	struct db *holder = fixture_reopen(f);
	pid_t child = fork();
	if (child == 0) {
		struct db *h = fixture_reopen(f);
		sqlite3_exec(db_handle(h), "BEGIN IMMEDIATE", NULL, NULL, NULL);
		sleep(11);
		sqlite3_exec(db_handle(h), "COMMIT", NULL, NULL, NULL);
		_exit(0);
	}
	/* Wait until the child holds the lock. */
	sqlite3_busy_timeout(db_handle(holder), 0);
	while (sqlite3_exec(db_handle(holder), "BEGIN IMMEDIATE; COMMIT", NULL, NULL, NULL)
			== SQLITE_OK) {
		usleep(10000);
	}
	assert_true(queue_issue(f->db, NULL, "HT", false, &t, &r));
	int status;
	waitpid(child, &status, 0);
	/* Now a short wait of our own, so the timeout comes quickly. */
	assert_int_equal(sqlite3_exec(db_handle(holder), "BEGIN IMMEDIATE", NULL, NULL, NULL),
		SQLITE_OK);
	sqlite3_busy_timeout(db_handle(f->db), 50);
	assert_false(queue_issue(f->db, NULL, "HT", false, &t, &r));
	assert_int_equal(r.code, RESULT_ERR_DB);
	assert_non_null(strstr(r.msg, f->path));
	assert_non_null(strstr(r.msg, "chờ khóa ghi"));
	assert_null(strstr(r.msg, "chương trình khác"));
	sqlite3_exec(db_handle(holder), "ROLLBACK", NULL, NULL, NULL);
	db_close(holder);
	assert_int_equal(fixture_query_int(f->db, "SELECT count(*) FROM tickets"), 1);
}

static void test_pragmas(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(fixture_query_int(f->db, "PRAGMA synchronous"), 2);  /* FULL */
	assert_int_equal(fixture_query_int(f->db, "PRAGMA foreign_keys"), 1);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db_handle(f->db), "PRAGMA journal_mode", -1, &st,
		NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "wal");
	sqlite3_finalize(st);
	/* Defensive mode: writable_schema tricks are refused. */
	assert_int_equal(sqlite3_exec(db_handle(f->db), "PRAGMA writable_schema = ON;"
		"UPDATE sqlite_schema SET sql = 'x' WHERE name = 'tickets'", NULL, NULL, NULL),
		SQLITE_ERROR);
}

static void test_check_finds_problems(void **state)
{
	struct fixture *f = *state;
	struct result r = { 0 };
	struct ticket t;
	assert_true(queue_issue(f->db, NULL, "HT", false, &t, &r));
	assert_true(queue_call_next(f->db, NULL, 1, NULL, &t, &r));
	assert_true(db_check(f->db, &r));
	/* Damage it behind the core's back: the same ticket at two counters, a gap. */
	fixture_exec_file(f->path, "UPDATE counters SET current_ticket = 1 WHERE number = 2;"
		"UPDATE sequences SET last_seq = 5;");
	assert_false(db_check(f->db, &r));
	assert_non_null(strstr(r.msg, "một phiếu được gọi ở hai quầy: phiếu 1"));
	assert_non_null(strstr(r.msg, "đánh số bị hụt"));
}

static void test_backup(void **state)
{
	struct fixture *f = *state;
	struct result r = { 0 };
	struct ticket t;
	char path[400];
	assert_true(queue_issue(f->db, NULL, "CT", false, &t, &r));
	snprintf(path, sizeof(path), "%s/backup.db", f->dir);
	assert_true(db_backup(f->db, path, &r));
	struct db *copy = db_open(path, DB_READWRITE, &r);
	assert_non_null(copy);
	assert_int_equal(fixture_query_int(copy, "SELECT count(*) FROM tickets"), 1);
	assert_true(db_check(copy, &r));
	db_close(copy);
	/* Owner and group only, whatever the umask: the copy holds the PIN hash. */
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0640);
	mode_t old = umask(0);
	snprintf(path, sizeof(path), "%s/backup2.db", f->dir);
	assert_true(db_backup(f->db, path, &r));
	umask(old);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0640);
	assert_false(db_backup(f->db, "/nonexistent-dir/x.db", &r));
	assert_int_equal(r.code, RESULT_ERR_IO);
	assert_non_null(strstr(r.msg, "/nonexistent-dir"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup_demo, fixture_teardown)
		T(test_migrate_from_v1_keeps_data),
		T(test_migrate_service_groups),
		T(test_readonly_refuses_old_schema_and_writes),
		T(test_newer_and_foreign_files_refused),
		T(test_empty_files_refused),
		T(test_lock_wait),
		T(test_pragmas),
		T(test_check_finds_problems),
		T(test_backup),
#undef T
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
