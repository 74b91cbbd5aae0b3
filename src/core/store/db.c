/*
 * The shared SQLite file. See db.h for the contract.
 *
 * Why these pragmas: WAL lets the displays read while the kiosk and counters
 * write; the busy timeout makes writers queue instead of failing; synchronous=FULL
 * because a number handed out on paper must survive a power cut; defensive
 * mode refuses writes that could corrupt the file even from a bad query.
 */
#define LOG_MODULE "db"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "motcua/base/clock.h"
#include "db_error.h"
#include "motcua/store/db.h"
#include "motcua/base/log.h"
#include "motcua/base/syserr.h"
#include "motcua/base/xalloc.h"
#include "motcua/store/schema.h"

/*
 * Waiting for the write lock: SQLite's own busy_timeout (naps of 1, 2, 5,
 * 10 ... 100 ms), for up to 60 s, so that no operation fails for contention
 * on a busy PC: a kiosk keeps its "printing" screen and waits rather than
 * turn a citizen away. Chosen by bench/busy_bench.c (8 processes issuing
 * and calling back to back, 2 cores shared with other work, load 14-18):
 *
 *                        no CPU hogs                  two CPU hogs
 *                 p50     p99      max         p50      p99       max
 *   sqlite       0.9-4    12-437   4.5-7.1 s   0.5-1.5  9-46      2.4-9.6 s
 *   old handler  4.2-5.5  152-181  0.3-0.4 s   4.5-10   5.2-12 s  20-50 s
 *   flock queue  1.7-8    56-305   0.15-0.6 s  0.6-1.2  193-688   1.2-2.1 s
 *   capped naps  2.6-3.2  534-631  1.8-2.2 s   1.1-1.5  491-921   2.9-3.8 s
 *   (ms unless marked; 2-3 runs each; no operation failed in the 60 s budget)
 *
 * The old handler's 0.1-1 ms naps make 8 waiters compete for the CPU with
 * the lock holder: under load its p99 went to seconds and, with a 10 s
 * budget, operations failed. A fair queue (flock before BEGIN) bounds the
 * worst case best when the CPU is free but costs every write a lock file
 * and has no timeout of its own (a hung writer would stop every other one).
 * SQLite's schedule has the best median and p99, above all under load; its
 * worst case (seconds) stays far inside the budget.
 */
#define DB_BUSY_TIMEOUT_MS 60000
#define DB_STMT_CACHE 96
#define DB_BACKUP_MODE 0640

struct db {
	sqlite3 *handle;
	bool readonly;
	char *path;
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
	if ((code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED) {
		/* Not "another program": a CPU-starved machine makes the same wait. */
		return result_fail(r, RESULT_ERR_DB,
			"Cơ sở dữ liệu %s vẫn bận sau %d giây chờ khóa ghi (lock wait): thao tác không "
			"được lưu. Máy có thể đang quá tải hoặc một thao tác khác giữ khóa quá lâu; hãy "
			"làm lại, và nếu lặp lại thì kiểm tra tải CPU (top) và chương trình đang mở tệp "
			"(fuser %s). [khi %s]", db->path, DB_BUSY_TIMEOUT_MS / 1000, db->path, doing);
	}
	if ((code & 0xff) == SQLITE_CONSTRAINT) {
		return result_fail(r, RESULT_ERR_INVALID, "dữ liệu không hợp lệ khi %s (%s)", doing,
			sqlite3_errmsg(db->handle));
	}
	return db_error_explain(db->path, code, sqlite3_system_errno(db->handle), doing, r);
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
	if (sqlite3_exec(db->handle, sql, NULL, NULL, NULL) != SQLITE_OK) {
		char doing[48];
		snprintf(doing, sizeof(doing), "%s", sql);  /* the statement's start says enough */
		return db_fail(db, r, doing);
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
		return db_fail(db, r, "bắt đầu ghi");
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
		db_fail(db, r, "lưu thay đổi");
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
		return db_fail(db, r, "bắt đầu nâng cấp lược đồ");
	}
	/* Re-read inside the lock: another process may have just migrated. */
	int v = user_version(db);
	if (v < 0) {
		db_fail(db, r, "đọc phiên bản lược đồ");
		db_rollback(db);
		return false;
	}
	if (v == 0 && count_tables(db) > 0) {
		db_rollback(db);
		return result_fail(r, RESULT_ERR_DB,
			"%s là tệp SQLite nhưng không phải cơ sở dữ liệu motcua: không dùng nó", db->path);
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

static bool configure(struct db *db, struct result *r)
{
	int on = 1;
	sqlite3_busy_timeout(db->handle, DB_BUSY_TIMEOUT_MS);
	sqlite3_db_config(db->handle, SQLITE_DBCONFIG_DEFENSIVE, on, NULL);
	sqlite3_db_config(db->handle, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	sqlite3_db_config(db->handle, SQLITE_DBCONFIG_ENABLE_FKEY, on, NULL);
	return db_exec(db, "PRAGMA synchronous = FULL", r);
}

/* WAL lets the screens read while others write; a writer sets it once per file. */
static bool use_wal(struct db *db, struct result *r)
{
	sqlite3_stmt *st = NULL;
	bool ok = sqlite3_prepare_v2(db->handle, "PRAGMA journal_mode = WAL", -1, &st, NULL)
		== SQLITE_OK && sqlite3_step(st) == SQLITE_ROW;
	if (ok && strcmp((const char *)sqlite3_column_text(st, 0), "wal") != 0) {
		LOG_WARN("%s: journal mode is %s, not WAL", db->path, sqlite3_column_text(st, 0));
	}
	sqlite3_finalize(st);
	return ok || db_fail(db, r, "mở tệp");
}

/*
 * Refuses, before anything is written, a file that is not a motcua database:
 * SQLite would take a 0-byte (or any empty) file as a new database, and the
 * first write would silently start a new queue, numbers from 1 again.
 */
static bool is_motcua_file(struct db *db, int version, struct result *r)
{
	if (version > 0) {
		return true;
	}
	struct stat stat_buf;
	if (stat(db->path, &stat_buf) == 0 && stat_buf.st_size == 0) {
		return result_fail(r, RESULT_ERR_DB, "%s là tệp trống (0 byte), không phải cơ sở dữ "
			"liệu motcua: không dùng nó. Hãy kiểm tra đường dẫn --db (hoặc $MOTCUA_DB); nếu "
			"muốn tạo cơ sở dữ liệu mới ở đây, xóa tệp trống rồi chạy `motcua --db %s init`; "
			"nếu dữ liệu cũ bị mất, khôi phục từ bản sao lưu.", db->path, db->path);
	}
	return result_fail(r, RESULT_ERR_DB, "%s là tệp SQLite nhưng không phải cơ sở dữ liệu "
		"motcua: không dùng nó. Hãy kiểm tra đường dẫn --db (hoặc $MOTCUA_DB); chỉ lệnh "
		"`motcua init` tạo cơ sở dữ liệu mới.", db->path);
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
			"chưa có cơ sở dữ liệu ở %s (tạo mới bằng `motcua --db %s init`)", path, path);
		goto fail;
	}
	if (sqlite3_open_v2(path, &db->handle, flags, NULL) != SQLITE_OK) {
		if (!db->handle) {
			result_fail(r, RESULT_ERR_DB, "không mở được %s: hết bộ nhớ", path);
		} else {
			db_error_explain(path, sqlite3_extended_errcode(db->handle),
				sqlite3_system_errno(db->handle), "mở tệp", r);
		}
		goto fail;
	}
	sqlite3_extended_result_codes(db->handle, 1);
	if (!configure(db, r)) {
		goto fail;
	}
	/* The first real read: a file that is not a database at all fails here. */
	int v = user_version(db);
	if (v < 0) {
		db_fail(db, r, "đọc phiên bản lược đồ");
		goto fail;
	}
	if (mode != DB_CREATE && !is_motcua_file(db, v, r)) {
		goto fail;
	}
	if (!db->readonly && !use_wal(db, r)) {
		goto fail;
	}
	if (v > DB_SCHEMA_VERSION) {
		result_fail(r, RESULT_ERR_DB,
			"%s do một phiên bản motcua mới hơn tạo ra (lược đồ %d, bản này chỉ biết đến "
			"%d): hãy nâng cấp motcua", path, v, DB_SCHEMA_VERSION);
		goto fail;
	}
	if (v < DB_SCHEMA_VERSION) {
		if (db->readonly) {
			result_fail(r, RESULT_ERR_DB,
				"%s có lược đồ %d, cần nâng cấp lên %d: hãy mở nó một lần bằng một chương "
				"trình có quyền ghi (ví dụ `motcua status`)", path, v, DB_SCHEMA_VERSION);
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

/* A failure writing the copy: explained like the database's own, code "io". */
static void backup_fail(const char *tmp, int code, int sys_errno, const char *doing,
	struct result *r)
{
	db_error_explain(tmp, code, sys_errno, doing, r);
	if (r) {
		r->code = RESULT_ERR_IO;
	}
}

bool db_backup(struct db *db, const char *dest_path, struct result *r)
{
	char *live = realpath(db->path, NULL), *target = realpath(dest_path, NULL);
	bool same = live && target && strcmp(live, target) == 0;
	free(live);
	free(target);
	if (same) {
		return result_fail(r, RESULT_ERR_INVALID,
			"bản sao lưu sẽ ghi đè lên chính cơ sở dữ liệu đang dùng %s: hãy chọn tệp khác",
			db->path);
	}
	char *tmp = xasprintf("%s.partial", dest_path);
	sqlite3 *dest = NULL;
	bool ok = false;
	unlink(tmp);
	/* The copy holds the PIN hash: owner and group only, from its first byte
	 * (SQLite gives its journal the same mode). */
	int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, DB_BACKUP_MODE);
	if (fd < 0 || fchmod(fd, DB_BACKUP_MODE) != 0) {
		int err = errno;
		if (fd >= 0) {
			close(fd);
		}
		backup_fail(tmp, SQLITE_CANTOPEN, err, "tạo bản sao lưu", r);
		goto out;
	}
	close(fd);
	if (sqlite3_open_v2(tmp, &dest, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		if (dest) {
			backup_fail(tmp, sqlite3_extended_errcode(dest), sqlite3_system_errno(dest),
				"tạo bản sao lưu", r);
		} else {
			result_fail(r, RESULT_ERR_IO, "không tạo được %s: hết bộ nhớ", tmp);
		}
		goto out;
	}
	sqlite3_backup *b = sqlite3_backup_init(dest, "main", db->handle, "main");
	if (!b) {
		result_fail(r, RESULT_ERR_IO, "không sao lưu được vào %s (%s)", dest_path,
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
		backup_fail(tmp, rc, sqlite3_system_errno(dest), "ghi bản sao lưu", r);
		goto out;
	}
	sqlite3_close(dest);
	dest = NULL;
	if (rename(tmp, dest_path) != 0) {
		result_fail(r, RESULT_ERR_IO, "không đổi tên được bản sao lưu thành %s: %s",
			dest_path, syserr_words(errno));
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
		{ "tệp không toàn vẹn", "PRAGMA integrity_check" },
		{ "khóa ngoại sai",
		  "SELECT 'bảng ' || \"table\" || ' dòng ' || rowid FROM pragma_foreign_key_check" },
		{ "một phiếu được gọi ở hai quầy",
		  "SELECT 'phiếu ' || current_ticket FROM counters WHERE current_ticket IS NOT NULL"
		  " GROUP BY current_ticket HAVING count(*) > 1" },
		{ "một số được cấp hai lần",
		  "SELECT t.day || ' ' || t.number FROM tickets t JOIN ticket_rules x ON x.id = t.id"
		  " WHERE x.counts_for_cap GROUP BY t.service_id, t.day, t.seq HAVING count(*) > 1" },
		{ "đánh số bị hụt",
		  "SELECT 'lĩnh vực ' || q.service_id || ' ngày ' || q.day || ': đã cấp ' || q.last_seq"
		  " || ' số, có ' || count(t.id) || ' phiếu' FROM sequences q"
		  " LEFT JOIN tickets t ON t.service_id = q.service_id AND t.day = q.day"
		  " AND t.transferred_from IS NULL GROUP BY q.service_id, q.day"
		  " HAVING count(t.id) <> q.last_seq OR max(t.seq) <> q.last_seq" },
		{ "phiếu đã gọi mà không có quầy",
		  "SELECT 'phiếu ' || id FROM ticket_rules WHERE at_counter AND counter IS NULL" },
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
		char *sql = sqlite3_mprintf("SELECT 'thiếu %s %q' WHERE NOT EXISTS (SELECT 1"
			" FROM sqlite_schema WHERE type = %Q AND name = %Q)",
			strcmp(type, "index") == 0 ? "chỉ mục (index)" : strcmp(type, "view") == 0
			? "khung nhìn (view)" : "bảng", name, type, name);
		problems += collect(db, sql, "lược đồ", buf, sizeof(buf));
		sqlite3_free(sql);
	}
	if (problems) {
		size_t len = strlen(buf);
		if (len && buf[len - 1] == '\n') {
			buf[len - 1] = '\0';
		}
		return result_fail(r, RESULT_ERR_DB, "kiểm tra thấy %d vấn đề trong %s:\n%s", problems,
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
		&& configure(db, r) && use_wal(db, r) && migrate(db, version, r);
	if (!ok && r && r->code == RESULT_OK) {
		db_fail(db, r, "tạo tệp");
	}
	db_close(db);
	return ok;
}
