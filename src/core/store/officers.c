/*
 * Officer accounts (officers.h). The PIN's rule, hash and lockout belong to
 * pin.c; this file owns the officers table.
 */
#define LOG_MODULE "officers"
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include "motcua/base/clock.h"
#include "motcua/base/text.h"
#include "motcua/base/utf8.h"
#include "motcua/base/xalloc.h"
#include "motcua/store/events.h"
#include "motcua/store/officers.h"

static void read_officer(sqlite3_stmt *st, struct officer *o)
{
	o->id = sqlite3_column_int64(st, 0);
	utf8_copy(o->name, sizeof(o->name), (const char *)sqlite3_column_text(st, 1));
	o->active = sqlite3_column_int(st, 2) != 0;
	o->created_ms = sqlite3_column_int64(st, 3);
}

static bool admin_event(struct db *db, const char *what, const char *name, struct result *r)
{
	struct event ev = { .kind = EVENT_ADMIN };
	snprintf(ev.detail, sizeof(ev.detail), "officer %s: %s", what, name);
	utf8_trim_partial(ev.detail);
	return events_append(db, &ev, r);
}

bool officer_add(struct db *db, const char *name, const char *pin, struct officer *out,
	struct result *r)
{
	char hash[PIN_HASH_SIZE];
	if (!text_check("tên cán bộ", name, OFFICER_NAME_MAX, TEXT_REQUIRED, r)
			|| !pin_hash(pin, hash, r)) {
		return false;
	}
	if (!db_begin(db, r)) {
		sodium_memzero(hash, sizeof(hash));
		return false;
	}
	sqlite3_stmt *st = db_prepare(db, "INSERT INTO officers(name, pin_hash, created_ms)"
		" VALUES (?, ?, ?) ON CONFLICT(name) DO NOTHING");
	if (st) {
		sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, hash, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 3, clock_now_ms());
	}
	sodium_memzero(hash, sizeof(hash));
	if (!db_step_done(db, st, r, "thêm cán bộ")) {
		goto fail;
	}
	if (sqlite3_changes(db_handle(db)) != 1) {
		result_fail(r, RESULT_ERR_STATE, "đã có cán bộ tên \"%s\"", name);
		goto fail;
	}
	int64_t id = sqlite3_last_insert_rowid(db_handle(db));
	char subject[32];
	snprintf(subject, sizeof(subject), "officer:%lld", (long long)id);
	if (!pin_guard_reset(db, subject, r) || !admin_event(db, "added", name, r)
			|| !db_commit(db, r)) {
		goto fail;
	}
	if (out) {
		*out = (struct officer){ .id = id, .active = true, .created_ms = clock_now_ms() };
		utf8_copy(out->name, sizeof(out->name), name);
	}
	return true;
fail:
	db_rollback(db);
	return false;
}

bool officer_disable(struct db *db, const char *name, struct result *r)
{
	if (!db_begin(db, r)) {
		return false;
	}
	sqlite3_stmt *st = db_prepare(db, "UPDATE officers SET active = 0 WHERE name = ?");
	if (st) {
		sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
	}
	if (!db_step_done(db, st, r, "khóa tài khoản cán bộ")) {
		goto fail;
	}
	if (sqlite3_changes(db_handle(db)) != 1) {
		result_fail(r, RESULT_ERR_NOTFOUND, "không có cán bộ tên \"%s\"", name);
		goto fail;
	}
	if (!admin_event(db, "disabled", name, r) || !db_commit(db, r)) {
		goto fail;
	}
	return true;
fail:
	db_rollback(db);
	return false;
}

bool officer_list(struct db *db, struct officer **out, size_t *n, struct result *r)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = db_prepare(db,
		"SELECT id, name, active, created_ms FROM officers ORDER BY name");
	if (!st) {
		return db_fail(db, r, "đọc danh sách cán bộ");
	}
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 8;
			*out = xrealloc(*out, cap * sizeof(**out));
		}
		read_officer(st, &(*out)[(*n)++]);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE || db_fail(db, r, "đọc danh sách cán bộ");
}

bool officer_login(struct db *db, const char *name, const char *pin, const char *where,
	struct officer *out, struct pin_check *check, struct result *r)
{
	char hash[PIN_HASH_SIZE + 1] = "";
	struct officer o = { 0 };
	*check = (struct pin_check){ .outcome = PIN_NOT_SET };
	sqlite3_stmt *st = db_prepare(db,
		"SELECT id, name, active, created_ms, pin_hash FROM officers WHERE name = ?");
	if (!st) {
		return db_fail(db, r, "đọc tài khoản cán bộ");
	}
	sqlite3_bind_text(st, 1, name ? name : "", -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		read_officer(st, &o);
		snprintf(hash, sizeof(hash), "%s", (const char *)sqlite3_column_text(st, 4));
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		return db_fail(db, r, "đọc tài khoản cán bộ");
	}
	if (rc == SQLITE_DONE || !o.active) {
		/* The same slow hash as a real check, so timing tells no names apart. */
		char dummy[PIN_HASH_SIZE];
		pin_hash("00000000", dummy, NULL);
		return true;
	}
	char subject[32], label[96];
	snprintf(subject, sizeof(subject), "officer:%lld", (long long)o.id);
	snprintf(label, sizeof(label), "officer %s", o.name);
	utf8_trim_partial(label);
	struct pin_subject who = { subject, label, label };
	bool ok = pin_verify_hash(db, &who, hash, pin, where, check, r);
	sodium_memzero(hash, sizeof(hash));
	if (ok && check->outcome == PIN_RIGHT && out) {
		*out = o;
	}
	return ok;
}
