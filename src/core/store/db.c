/*
 * The shared SQLite file. See db.h for the contract.
 *
 * Why these pragmas: WAL lets the displays read while the kiosk and counters
 * write; the busy handler makes writers queue instead of failing; synchronous=FULL
 * because a number handed out on paper must survive a power cut; defensive
 * mode refuses writes that could corrupt the file even from a bad query.
 */
#define LOG_MODULE "db"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "motcua/base/clock.h"
#include "motcua/store/db.h"
#include "motcua/base/log.h"
#include "motcua/base/xalloc.h"
#include "motcua/store/schema.h"

#define DB_BUSY_TIMEOUT_MS 10000
#define DB_STMT_CACHE 96

struct db {
	sqlite3 *handle;
	bool readonly;
	char *path;
	int64_t busy_since_ms;  /* when the current wait for the write lock began */
	size_t n_stmts;
	struct {
		const char *sql;  /* callers pass string literals; compared by content */
		sqlite3_stmt *stmt;
	} stmts[DB_STMT_CACHE];
};

const char *db_default_path(const char *cli_path)
{
	if (cli_path && *cli_path) {
		return cli_path;
	}
	const char *env = getenv("MOTCUA_DB");
	if (env && *env) {
		return env;
	}
	/* The system-wide location the README's deployment section sets up. */
	return "/var/lib/motcua/motcua.db";
}

sqlite3 *db_handle(struct db *db)
{
	return db->handle;
}

bool db_readonly(const struct db *db)
{
	return db->readonly;
}

bool db_fail(struct db *db, struct result *r, const char *doing)
{
	int code = sqlite3_extended_errcode(db->handle);
	const char *msg = sqlite3_errmsg(db->handle);
	if ((code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED) {
		return result_fail(r, RESULT_ERR_DB,
			"%s: the database %s stayed locked by another program for %d s",
			doing, db->path, DB_BUSY_TIMEOUT_MS / 1000);
	}
	if ((code & 0xff) == SQLITE_CONSTRAINT) {
		return result_fail(r, RESULT_ERR_INVALID, "%s: %s", doing, msg);
	}
	if ((code & 0xff) == SQLITE_READONLY || (code & 0xff) == SQLITE_CANTOPEN) {
		return result_fail(r, RESULT_ERR_DB, "%s: cannot write %s (%s); this program needs "
			"write access to the file and to its folder (for the -wal and -shm files)",
			doing, db->path, msg);
	}
	return result_fail(r, RESULT_ERR_DB, "%s: %s (%s)", doing, msg, db->path);
}

bool db_step_done(struct db *db, sqlite3_stmt *st, struct result *r, const char *doing)
{
	int rc = st ? sqlite3_step(st) : SQLITE_ERROR;
	if (st) {
		sqlite3_reset(st);
	}
	return rc == SQLITE_DONE || db_fail(db, r, doing);
}

bool db_exec(struct db *db, const char *sql, struct result *r)
{
	char *err = NULL;
	if (sqlite3_exec(db->handle, sql, NULL, NULL, &err) != SQLITE_OK) {
		result_fail(r, RESULT_ERR_DB, "%s (%s)", err ? err : "SQL error", db->path);
		sqlite3_free(err);
		return false;
	}
	return true;
}

sqlite3_stmt *db_prepare(struct db *db, const char *sql)
{
	for (size_t i = 0; i < db->n_stmts; i++) {
		if (db->stmts[i].sql == sql || strcmp(db->stmts[i].sql, sql) == 0) {
			sqlite3_stmt *st = db->stmts[i].stmt;
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			return st;
		}
	}
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v3(db->handle, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL)
			!= SQLITE_OK) {
		LOG_ERR("cannot prepare statement: %s: %s", sqlite3_errmsg(db->handle), sql);
		return NULL;
	}
	if (db->n_stmts < DB_STMT_CACHE) {
		db->stmts[db->n_stmts].sql = sql;
		db->stmts[db->n_stmts].stmt = st;
		db->n_stmts++;
	} else {
		/* Should not happen: the core has far fewer statements. */
		LOG_ERR("statement cache full");
		sqlite3_finalize(st);
		return NULL;
	}
	return st;
}

bool db_begin(struct db *db, struct result *r)
{
	if (sqlite3_exec(db->handle, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
		return db_fail(db, r, "starting a write");
	}
	return true;
}

void db_rollback(struct db *db)
{
	if (!sqlite3_get_autocommit(db->handle)) {
		sqlite3_exec(db->handle, "ROLLBACK", NULL, NULL, NULL);
	}
}

bool db_commit(struct db *db, struct result *r)
{
	if (sqlite3_exec(db->handle, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		db_fail(db, r, "saving the change");
		/* A failed COMMIT may leave the transaction open: undo it. */
		db_rollback(db);
		return false;
	}
	return true;
}

static int user_version(struct db *db)
{
	sqlite3_stmt *st = NULL;
	int v = -1;
	if (sqlite3_prepare_v2(db->handle, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK
			&& sqlite3_step(st) == SQLITE_ROW) {
		v = sqlite3_column_int(st, 0);
	}
	sqlite3_finalize(st);
	return v;
}

static int count_tables(struct db *db)
{
	sqlite3_stmt *st = NULL;
	int n = -1;
	if (sqlite3_prepare_v2(db->handle,
			"SELECT count(*) FROM sqlite_schema WHERE type = 'table'", -1, &st, NULL)
			== SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
		n = sqlite3_column_int(st, 0);
	}
	sqlite3_finalize(st);
	return n;
}

/* Applies migrations up to target inside one exclusive transaction. */
static bool migrate(struct db *db, int target, struct result *r)
{
	if (sqlite3_exec(db->handle, "BEGIN EXCLUSIVE", NULL, NULL, NULL) != SQLITE_OK) {
		return db_fail(db, r, "starting the schema upgrade");
	}
	/* Re-read inside the lock: another process may have just migrated. */
	int v = user_version(db);
	if (v < 0) {
		db_fail(db, r, "reading the schema version");
		db_rollback(db);
		return false;
	}
	if (v == 0 && count_tables(db) > 0) {
		db_rollback(db);
		return result_fail(r, RESULT_ERR_DB,
			"%s is an SQLite file but not a motcua database", db->path);
	}
	for (; v < target; v++) {
		if (!db_exec(db, schema_migration(v), r)) {
			db_rollback(db);
			return false;
		}
		char sql[64];
		snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", v + 1);
		if (!db_exec(db, sql, r)) {
			db_rollback(db);
			return false;
		}
		LOG_INFO("%s: schema upgraded to version %d", db->path, v + 1);
	}
	return db_commit(db, r);
}

/*
 * Waits for another process's write to finish. SQLite's default busy handler
 * sleeps up to 100 ms at a time, and a long sleeper keeps losing the lock to
 * newcomers: measured with 8 processes, p99 105 ms. Writes here hold the lock
 * for about half a millisecond, so every waiter polls in equal short naps,
 * which keeps the race for a freed lock roughly fair.
 */
static int busy_wait(void *ctx, int attempt)
{
	struct db *db = ctx;
	if (attempt == 0) {
		db->busy_since_ms = clock_mono_ms();
	} else if (clock_mono_ms() - db->busy_since_ms > DB_BUSY_TIMEOUT_MS) {
		return 0;
	}
	/* Short naps first (the holder is usually about to commit), longer ones
	 * after a while so that many waiters do not starve the holder of CPU. */
	usleep(attempt < 20 ? 100 : attempt < 60 ? 300 : 1000);
	return 1;
}

static bool configure(struct db *db, struct result *r)
{
	int on = 1;
	sqlite3_busy_handler(db->handle, busy_wait, db);
	sqlite3_db_config(db->handle, SQLITE_DBCONFIG_DEFENSIVE, on, NULL);
	sqlite3_db_config(db->handle, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	sqlite3_db_config(db->handle, SQLITE_DBCONFIG_ENABLE_FKEY, on, NULL);
	if (!db_exec(db, "PRAGMA synchronous = FULL", r)) {
		return false;
	}
	if (db->readonly) {
		return true;
	}
	/* Reading the journal mode is also the first real read: a file that is
	 * not a database fails here with a clear message. */
	sqlite3_stmt *st = NULL;
	bool ok = sqlite3_prepare_v2(db->handle, "PRAGMA journal_mode = WAL", -1, &st, NULL)
		== SQLITE_OK && sqlite3_step(st) == SQLITE_ROW;
	if (ok && strcmp((const char *)sqlite3_column_text(st, 0), "wal") != 0) {
		LOG_WARN("%s: journal mode is %s, not WAL", db->path, sqlite3_column_text(st, 0));
	}
	sqlite3_finalize(st);
	return ok ? true : db_fail(db, r, "opening");
}

struct db *db_open(const char *path, enum db_mode mode, struct result *r)
{
	struct db *db = xcalloc(1, sizeof(*db));
	db->path = xstrdup(path);
	db->readonly = mode == DB_READONLY;
	int flags = SQLITE_OPEN_NOMUTEX;
	flags |= db->readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
	if (mode == DB_CREATE) {
		flags |= SQLITE_OPEN_CREATE;
	} else if (access(path, F_OK) != 0) {
		result_fail(r, RESULT_ERR_NOTFOUND,
			"no database at %s (create one with `motcua --db %s init`)", path, path);
		goto fail;
	}
	if (sqlite3_open_v2(path, &db->handle, flags, NULL) != SQLITE_OK) {
		if (!db->handle) {
			result_fail(r, RESULT_ERR_DB, "cannot open %s: out of memory", path);
		} else {
			result_fail(r, RESULT_ERR_DB, "cannot open %s: %s", path,
				sqlite3_errmsg(db->handle));
		}
		goto fail;
	}
	sqlite3_extended_result_codes(db->handle, 1);
	if (!configure(db, r)) {
		goto fail;
	}
	int v = user_version(db);
	if (v < 0) {
		db_fail(db, r, "reading the schema version");
		goto fail;
	}
	if (v > DB_SCHEMA_VERSION) {
		result_fail(r, RESULT_ERR_DB,
			"%s was written by a newer motcua (schema %d, this build knows %d): "
			"upgrade motcua", path, v, DB_SCHEMA_VERSION);
		goto fail;
	}
	if (v < DB_SCHEMA_VERSION) {
		if (db->readonly) {
			result_fail(r, RESULT_ERR_DB,
				"%s has schema %d and needs an upgrade to %d; open it once with "
				"a writing program (e.g. `motcua status`)", path, v, DB_SCHEMA_VERSION);
			goto fail;
		}
		if (!migrate(db, DB_SCHEMA_VERSION, r)) {
			goto fail;
		}
	}
	return db;
fail:
	db_close(db);
	return NULL;
}

void db_close(struct db *db)
{
	if (!db) {
		return;
	}
	for (size_t i = 0; i < db->n_stmts; i++) {
		sqlite3_finalize(db->stmts[i].stmt);
	}
	sqlite3_close(db->handle);
	free(db->path);
	free(db);
}

int64_t db_data_version(struct db *db)
{
	sqlite3_stmt *st = db_prepare(db, "PRAGMA data_version");
	int64_t v = -1;
	if (st && sqlite3_step(st) == SQLITE_ROW) {
		v = sqlite3_column_int64(st, 0);
	}
	if (st) {
		sqlite3_reset(st);
	}
	return v;
}

bool db_backup(struct db *db, const char *dest_path, struct result *r)
{
	char *live = realpath(db->path, NULL), *target = realpath(dest_path, NULL);
	bool same = live && target && strcmp(live, target) == 0;
	free(live);
	free(target);
	if (same) {
		return result_fail(r, RESULT_ERR_INVALID,
			"the backup would replace the live database %s: choose another file", db->path);
	}
	char *tmp = xasprintf("%s.partial", dest_path);
	sqlite3 *dest = NULL;
	bool ok = false;
	unlink(tmp);
	if (sqlite3_open_v2(tmp, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL)
			!= SQLITE_OK) {
		result_fail(r, RESULT_ERR_IO, "cannot create %s: %s", tmp,
			dest ? sqlite3_errmsg(dest) : "out of memory");
		goto out;
	}
	sqlite3_backup *b = sqlite3_backup_init(dest, "main", db->handle, "main");
	if (!b) {
		result_fail(r, RESULT_ERR_IO, "cannot back up to %s: %s", dest_path,
			sqlite3_errmsg(dest));
		goto out;
	}
	int rc;
	do {
		/* Small steps so writers are not held up for long. */
		rc = sqlite3_backup_step(b, 256);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
			sqlite3_sleep(20);
		}
	} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		result_fail(r, RESULT_ERR_IO, "backup to %s failed: %s", dest_path,
			sqlite3_errstr(rc));
		goto out;
	}
	sqlite3_close(dest);
	dest = NULL;
	if (rename(tmp, dest_path) != 0) {
		result_fail(r, RESULT_ERR_IO, "cannot move the backup to %s: %s", dest_path,
			strerror(errno));
		goto out;
	}
	ok = true;
out:
	sqlite3_close(dest);
	if (!ok) {
		unlink(tmp);
	}
	free(tmp);
	return ok;
}

/* Appends one line per row of a checking query to buf. Returns rows found. */
static int collect(struct db *db, const char *sql, const char *what, char *buf, size_t size)
{
	sqlite3_stmt *st = NULL;
	int n = 0;
	if (sqlite3_prepare_v2(db->handle, sql, -1, &st, NULL) != SQLITE_OK) {
		snprintf(buf + strlen(buf), size - strlen(buf), "%s: %s\n", what,
			sqlite3_errmsg(db->handle));
		return 1;
	}
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *text = (const char *)sqlite3_column_text(st, 0);
		if (text && strcmp(text, "ok") == 0) {
			continue;
		}
		n++;
		if (n <= 5) {
			snprintf(buf + strlen(buf), size - strlen(buf), "%s: %s\n", what,
				text ? text : "?");
		}
	}
	sqlite3_finalize(st);
	return n;
}

bool db_check(struct db *db, struct result *r)
{
	static const struct { const char *what, *sql; } checks[] = {
		{ "integrity", "PRAGMA integrity_check" },
		{ "foreign key",
		  "SELECT \"table \" || \"table\" || \" row \" || rowid FROM pragma_foreign_key_check" },
		{ "ticket called to two counters",
		  "SELECT 'ticket ' || current_ticket FROM counters WHERE current_ticket IS NOT NULL"
		  " GROUP BY current_ticket HAVING count(*) > 1" },
		{ "number issued twice",
		  "SELECT t.day || ' ' || t.number FROM tickets t JOIN ticket_rules x ON x.id = t.id"
		  " WHERE x.counts_for_cap GROUP BY t.service_id, t.day, t.seq HAVING count(*) > 1" },
		{ "numbering gap",
		  "SELECT 'service ' || q.service_id || ' day ' || q.day || ': ' || q.last_seq"
		  " || ' issued, ' || count(t.id) || ' tickets' FROM sequences q"
		  " LEFT JOIN tickets t ON t.service_id = q.service_id AND t.day = q.day"
		  " AND t.transferred_from IS NULL GROUP BY q.service_id, q.day"
		  " HAVING count(t.id) <> q.last_seq OR max(t.seq) <> q.last_seq" },
		{ "called ticket without counter",
		  "SELECT 'ticket ' || id FROM ticket_rules WHERE at_counter AND counter IS NULL" },
	};
	char buf[sizeof(r->msg)] = "";
	int problems = 0;
	for (size_t i = 0; i < sizeof(checks) / sizeof(checks[0]); i++) {
		problems += collect(db, checks[i].sql, checks[i].what, buf, sizeof(buf));
	}
	/* The indexes and views the queue relies on (a lost index makes every
	 * screen slow; a lost view stops the queue). */
	const char *type, *name;
	for (size_t i = 0; (name = schema_required_name(i, &type)); i++) {
		char *sql = sqlite3_mprintf("SELECT 'missing %s %q' WHERE NOT EXISTS (SELECT 1"
			" FROM sqlite_schema WHERE type = %Q AND name = %Q)", type, name, type, name);
		problems += collect(db, sql, "schema", buf, sizeof(buf));
		sqlite3_free(sql);
	}
	if (problems) {
		size_t len = strlen(buf);
		if (len && buf[len - 1] == '\n') {
			buf[len - 1] = '\0';
		}
		return result_fail(r, RESULT_ERR_DB, "%d problem(s) in %s:\n%s", problems,
			db->path, buf);
	}
	return true;
}

bool db_create_at_version(const char *path, int version, struct result *r)
{
	struct db *db = xcalloc(1, sizeof(*db));
	db->path = xstrdup(path);
	bool ok = sqlite3_open_v2(path, &db->handle,
			SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) == SQLITE_OK
		&& configure(db, r) && migrate(db, version, r);
	if (!ok && r && r->code == RESULT_OK) {
		db_fail(db, r, "creating");
	}
	db_close(db);
	return ok;
}
