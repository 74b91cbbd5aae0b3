/* What the LAN server recorded about itself (server_info.h). */
#define LOG_MODULE "server_info"
#include <string.h>
#include "motcua/base/utf8.h"
#include "motcua/store/server_info.h"

bool server_info_record(struct db *db, const struct server_info *info, struct result *r)
{
	if (!db_begin(db, r)) {
		return false;
	}
	sqlite3_stmt *st = db_prepare(db, "INSERT OR REPLACE INTO server_info(id, url,"
		" tls_fingerprint, tls_pin, started_ms) VALUES (1, ?, ?, ?, ?)");
	if (st) {
		sqlite3_bind_text(st, 1, info->url, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, info->tls_fingerprint, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, info->tls_pin, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 4, info->started_ms);
	}
	if (!db_step_done(db, st, r, "ghi địa chỉ máy chủ")) {
		db_rollback(db);
		return false;
	}
	return db_commit(db, r);
}

bool server_info_read(struct db *db, struct server_info *info, struct result *r)
{
	memset(info, 0, sizeof(*info));
	sqlite3_stmt *st = db_prepare(db, "SELECT url, tls_fingerprint, tls_pin, started_ms"
		" FROM server_info WHERE id = 1");
	if (!st) {
		return db_fail(db, r, "đọc địa chỉ máy chủ");
	}
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		utf8_copy(info->url, sizeof(info->url), (const char *)sqlite3_column_text(st, 0));
		utf8_copy(info->tls_fingerprint, sizeof(info->tls_fingerprint),
			(const char *)sqlite3_column_text(st, 1));
		utf8_copy(info->tls_pin, sizeof(info->tls_pin), (const char *)sqlite3_column_text(st, 2));
		info->started_ms = sqlite3_column_int64(st, 3);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE || db_fail(db, r, "đọc địa chỉ máy chủ");
}
