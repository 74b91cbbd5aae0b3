/*
 * The print layer's records in the database (printer_store.h). Hashes are
 * stored as 16 hex digits, readable with the sqlite3 shell.
 */
#define LOG_MODULE "printer_store"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "motcua/base/clock.h"
#include "motcua/base/xalloc.h"
#include "motcua/print/printer.h"
#include "motcua/print/printer_store.h"
#include "motcua/store/devices.h"

static void hex(uint64_t v, char out[17])
{
	snprintf(out, 17, "%016llx", (unsigned long long)v);
}

static uint64_t unhex(const unsigned char *s)
{
	return s ? strtoull((const char *)s, NULL, 16) : 0;
}

/* Steps a prepared write (NULL: preparing failed) and ends the transaction begun for it. */
static bool write_one(struct db *db, sqlite3_stmt *st, const char *doing, struct result *r)
{
	if (!db_step_done(db, st, r, doing)) {
		db_rollback(db);
		return false;
	}
	return db_commit(db, r);
}

bool printer_store_status(struct db *db, const char *spec, enum printer_fault fault,
	struct result *r)
{
	if (!printer_spec_check(spec, r)) {
		return false;
	}
	const char *code = printer_fault_info(fault)->code;
	struct device_status now;
	if (devices_get(db, spec, &now, NULL) && strcmp(now.kind, "printer") == 0
		&& strcmp(now.status, code) == 0) {
		return true;
	}
	return devices_record(db, spec, "printer", code, "", r);
}

bool printer_store_nv_load(struct db *db, const char *spec, struct printer_nv_state *out,
	struct result *r)
{
	*out = (struct printer_nv_state){ 0 };
	sqlite3_stmt *st = db_prepare(db, "SELECT fingerprint FROM printer_nv WHERE printer = ?");
	if (!st) {
		return db_fail(db, r, "đọc hình lưu trong máy in");
	}
	sqlite3_bind_text(st, 1, spec, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->fingerprint = unhex(sqlite3_column_text(st, 0));
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW) {
		return rc == SQLITE_DONE || db_fail(db, r, "đọc hình lưu trong máy in");
	}
	st = db_prepare(db, "SELECT key, hash FROM printer_nv_images WHERE printer = ? ORDER BY key");
	if (!st) {
		return db_fail(db, r, "đọc hình lưu trong máy in");
	}
	sqlite3_bind_text(st, 1, spec, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const unsigned char *key = sqlite3_column_text(st, 0);
		if (key && key[0] && key[1]) {
			printer_store_nv_add(out, (char)key[0], (char)key[1], unhex(sqlite3_column_text(st, 1)));
		}
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		printer_store_nv_finish(out);
		return db_fail(db, r, "đọc hình lưu trong máy in");
	}
	return true;
}

uint64_t printer_store_nv_hash(const struct printer_nv_state *s, char k1, char k2)
{
	for (size_t i = 0; i < s->n; i++) {
		if (s->images[i].key[0] == k1 && s->images[i].key[1] == k2) {
			return s->images[i].hash;
		}
	}
	return 0;
}

void printer_store_nv_add(struct printer_nv_state *s, char k1, char k2, uint64_t hash)
{
	s->images = xrealloc(s->images, (s->n + 1) * sizeof *s->images);
	s->images[s->n++] = (struct printer_nv_image_hash){ { k1, k2 }, hash };
}

void printer_store_nv_finish(struct printer_nv_state *s)
{
	if (s) {
		free(s->images);
		*s = (struct printer_nv_state){ 0 };
	}
}

bool printer_store_nv_save(struct db *db, const char *spec, const struct printer_nv_state *s,
	struct result *r)
{
	if (!printer_spec_check(spec, r) || !db_begin(db, r)) {
		return false;
	}
	char h[17];
	hex(s->fingerprint, h);
	/* The images go with the old row (ON DELETE CASCADE). */
	sqlite3_stmt *st = db_prepare(db, "DELETE FROM printer_nv WHERE printer = ?");
	if (st) {
		sqlite3_bind_text(st, 1, spec, -1, SQLITE_STATIC);
	}
	bool ok = db_step_done(db, st, r, "lưu hình vào máy in");
	if (ok) {
		st = db_prepare(db, "INSERT INTO printer_nv(printer, fingerprint, updated_ms)"
			" VALUES (?, ?, ?)");
		if (st) {
			sqlite3_bind_text(st, 1, spec, -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 2, h, -1, SQLITE_TRANSIENT);
			sqlite3_bind_int64(st, 3, clock_now_ms());
		}
		ok = db_step_done(db, st, r, "lưu hình vào máy in");
	}
	for (size_t i = 0; ok && i < s->n; i++) {
		st = db_prepare(db, "INSERT OR REPLACE INTO printer_nv_images(printer, key, hash)"
			" VALUES (?, ?, ?)");
		char key[3] = { s->images[i].key[0], s->images[i].key[1], '\0' };
		hex(s->images[i].hash, h);
		if (st) {
			sqlite3_bind_text(st, 1, spec, -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 2, key, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(st, 3, h, -1, SQLITE_TRANSIENT);
		}
		ok = db_step_done(db, st, r, "lưu hình vào máy in");
	}
	if (!ok) {
		db_rollback(db);
		return false;
	}
	return db_commit(db, r);
}

bool printer_store_job_open(struct db *db, const char *spec, const struct printer_job *job,
	struct result *r)
{
	if (!printer_spec_check(spec, r) || !db_begin(db, r)) {
		return false;
	}
	sqlite3_stmt *st = db_prepare(db, "INSERT OR REPLACE INTO printer_jobs"
		"(printer, pad, prints, ticket_id, started_ms) VALUES (?, ?, ?, ?, ?)");
	if (st) {
		sqlite3_bind_text(st, 1, spec, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, (int64_t)job->pad);
		sqlite3_bind_int(st, 3, job->prints);
		if (job->ticket_id > 0) {
			sqlite3_bind_int64(st, 4, job->ticket_id);
		} else {
			sqlite3_bind_null(st, 4);
		}
		sqlite3_bind_int64(st, 5, clock_now_ms());
	}
	return write_one(db, st, "ghi nhớ lệnh in", r);
}

bool printer_store_job_pending(struct db *db, const char *spec, bool *pending,
	struct printer_job *job, struct result *r)
{
	*pending = false;
	*job = (struct printer_job){ 0 };
	sqlite3_stmt *st = db_prepare(db,
		"SELECT pad, prints, coalesce(ticket_id, 0) FROM printer_jobs WHERE printer = ?");
	if (!st) {
		return db_fail(db, r, "đọc lệnh in cuối của máy in");
	}
	sqlite3_bind_text(st, 1, spec, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*pending = true;
		job->pad = (size_t)sqlite3_column_int64(st, 0);
		job->prints = sqlite3_column_int(st, 1) != 0;
		job->ticket_id = sqlite3_column_int64(st, 2);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE || db_fail(db, r, "đọc lệnh in cuối của máy in");
}

bool printer_store_job_close(struct db *db, const char *spec, struct result *r)
{
	if (!db_begin(db, r)) {
		return false;
	}
	sqlite3_stmt *st = db_prepare(db, "DELETE FROM printer_jobs WHERE printer = ?");
	if (st) {
		sqlite3_bind_text(st, 1, spec, -1, SQLITE_STATIC);
	}
	return write_one(db, st, "đóng lệnh in", r);
}

bool printer_store_nv_forget(struct db *db, const char *spec, struct result *r)
{
	if (!db_begin(db, r)) {
		return false;
	}
	sqlite3_stmt *st = db_prepare(db, "DELETE FROM printer_nv WHERE printer = ?");
	if (st) {
		sqlite3_bind_text(st, 1, spec, -1, SQLITE_STATIC);
	}
	return write_one(db, st, "xóa hình lưu trong máy in", r);
}

bool printer_store_forget(struct db *db, const char *spec, bool *found, struct result *r)
{
	if (found) {
		*found = false;
	}
	if (!db_begin(db, r)) {
		return false;
	}
	static const char *const sql[] = {
		"DELETE FROM printer_nv WHERE printer = ?",
		"DELETE FROM printer_jobs WHERE printer = ?",
	};
	for (size_t i = 0; i < sizeof sql / sizeof sql[0]; i++) {
		sqlite3_stmt *st = db_prepare(db, sql[i]);
		if (st) {
			sqlite3_bind_text(st, 1, spec, -1, SQLITE_STATIC);
		}
		if (!db_step_done(db, st, r, "xóa máy in")) {
			db_rollback(db);
			return false;
		}
		if (found && sqlite3_changes(db_handle(db)) > 0) {
			*found = true;
		}
	}
	return db_commit(db, r);
}
