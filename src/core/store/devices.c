#define LOG_MODULE "devices"
#include <stdio.h>
#include <stdlib.h>
#include "motcua/base/clock.h"
#include "motcua/store/devices.h"
#include "motcua/base/utf8.h"
#include "motcua/base/xalloc.h"

bool devices_record(struct db *db, const char *name, const char *kind, const char *status,
	const char *detail, struct result *r)
{
	if (!db_begin(db, r)) {
		return false;
	}
	sqlite3_stmt *st = db_prepare(db,
		"INSERT INTO devices(name, kind, status, detail, updated_ms) VALUES (?, ?, ?, ?, ?)"
		" ON CONFLICT(name) DO UPDATE SET kind = excluded.kind, status = excluded.status,"
		" detail = excluded.detail, updated_ms = excluded.updated_ms");
	if (!st) {
		db_fail(db, r, "ghi trạng thái thiết bị");
		db_rollback(db);
		return false;
	}
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, status, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, detail ? detail : "", -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, clock_now_ms());
	if (!db_step_done(db, st, r, "ghi trạng thái thiết bị")) {
		db_rollback(db);
		return false;
	}
	return db_commit(db, r);
}

#define DEVICE_SELECT "SELECT name, kind, status, coalesce(detail, ''), updated_ms FROM devices"

static void read_device(sqlite3_stmt *st, struct device_status *d)
{
	utf8_copy(d->name, sizeof(d->name), (const char *)sqlite3_column_text(st, 0));
	snprintf(d->kind, sizeof(d->kind), "%s", sqlite3_column_text(st, 1));
	snprintf(d->status, sizeof(d->status), "%s", sqlite3_column_text(st, 2));
	utf8_copy(d->detail, sizeof(d->detail), (const char *)sqlite3_column_text(st, 3));
	d->updated_ms = sqlite3_column_int64(st, 4);
}

bool devices_get(struct db *db, const char *name, struct device_status *out, struct result *r)
{
	sqlite3_stmt *st = db_prepare(db, DEVICE_SELECT " WHERE name = ?");
	if (!st) {
		return db_fail(db, r, "đọc thiết bị");
	}
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		read_device(st, out);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE) {
		return result_fail(r, RESULT_ERR_NOTFOUND, "không có thiết bị \"%s\"", name);
	}
	return rc == SQLITE_ROW || db_fail(db, r, "đọc thiết bị");
}

bool devices_list(struct db *db, struct device_status **out, size_t *n, struct result *r)
{
	sqlite3_stmt *st = db_prepare(db, DEVICE_SELECT " ORDER BY kind, name");
	*out = NULL;
	*n = 0;
	if (!st) {
		return db_fail(db, r, "đọc danh sách thiết bị");
	}
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 4;
			*out = xrealloc(*out, cap * sizeof(**out));
		}
		read_device(st, &(*out)[(*n)++]);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		free(*out);
		*out = NULL;
		*n = 0;
		return db_fail(db, r, "đọc danh sách thiết bị");
	}
	return true;
}

bool devices_forget(struct db *db, const char *name, struct result *r)
{
	if (!db_begin(db, r)) {
		return false;
	}
	sqlite3_stmt *st = db_prepare(db, "DELETE FROM devices WHERE name = ?");
	if (st) {
		sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	}
	if (!db_step_done(db, st, r, "xóa thiết bị")) {
		db_rollback(db);
		return false;
	}
	if (sqlite3_changes(db_handle(db)) == 0) {
		db_rollback(db);
		return result_fail(r, RESULT_ERR_NOTFOUND, "không có thiết bị \"%s\" (xem `motcua status`)",
			name);
	}
	return db_commit(db, r);
}
