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

/* Inserts or replaces one image row (inside the caller's transaction). */
static bool put_image(struct db *db, const char *printer, const struct printer_nv_image_hash *im,
	struct result *r)
{
	char h[17], key[3] = { im->key[0], im->key[1], '\0' };
	hex(im->hash, h);
	sqlite3_stmt *st = db_prepare(db, "INSERT OR REPLACE INTO printer_nv_images(printer, key,"
		" hash, bytes) VALUES (?, ?, ?, ?)");
	if (st) {
		sqlite3_bind_text(st, 1, printer, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, key, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 3, h, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 4, im->bytes);
	}
	return db_step_done(db, st, r, "lưu hình vào máy in");
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
	st = db_prepare(db,
		"SELECT key, hash, bytes FROM printer_nv_images WHERE printer = ? ORDER BY key");
	if (!st) {
		return db_fail(db, r, "đọc hình lưu trong máy in");
	}
	sqlite3_bind_text(st, 1, spec, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const unsigned char *key = sqlite3_column_text(st, 0);
		if (key && key[0] && key[1]) {
			printer_store_nv_add(out, (char)key[0], (char)key[1], unhex(sqlite3_column_text(st, 1)));
			out->images[out->n - 1].bytes = (long)sqlite3_column_int64(st, 2);
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
	s->images[s->n++] = (struct printer_nv_image_hash){ { k1, k2 }, hash, 0 };
}

long printer_store_nv_bytes(const struct printer_nv_state *s, char k1, char k2)
{
	for (size_t i = 0; i < s->n; i++) {
		if (s->images[i].key[0] == k1 && s->images[i].key[1] == k2) {
			return s->images[i].bytes;
		}
	}
	return 0;
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
		ok = put_image(db, spec, &s->images[i], r);
	}
	if (!ok) {
		db_rollback(db);
		return false;
	}
	return db_commit(db, r);
}

bool printer_store_nv_image(struct db *db, const char *printer, char k1, char k2, uint64_t hash,
	long bytes, struct result *r)
{
	if (!printer_spec_check(printer, r) || !db_begin(db, r)) {
		return false;
	}
	/* Not current until the whole set is: a crash now leaves a record to finish. */
	sqlite3_stmt *st = db_prepare(db, "INSERT INTO printer_nv(printer, fingerprint, updated_ms)"
		" VALUES (?, '0000000000000000', ?) ON CONFLICT(printer) DO UPDATE SET"
		" fingerprint = excluded.fingerprint, updated_ms = excluded.updated_ms");
	if (st) {
		sqlite3_bind_text(st, 1, printer, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, clock_now_ms());
	}
	struct printer_nv_image_hash im = { { k1, k2 }, hash, bytes };
	if (!db_step_done(db, st, r, "lưu hình vào máy in") || !put_image(db, printer, &im, r)) {
		db_rollback(db);
		return false;
	}
	return db_commit(db, r);
}

bool printer_store_nv_writes(struct db *db, const char *printer, int day, int *writes,
	struct result *r)
{
	*writes = 0;
	sqlite3_stmt *st = db_prepare(db, "SELECT writes FROM printer_nv_wear WHERE printer = ?"
		" AND day = ?");
	if (!st) {
		return db_fail(db, r, "đọc số lần ghi bộ nhớ NV của máy in");
	}
	sqlite3_bind_text(st, 1, printer, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, day);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*writes = sqlite3_column_int(st, 0);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE || db_fail(db, r, "đọc số lần ghi bộ nhớ NV của máy in");
}

bool printer_store_nv_count_writes(struct db *db, const char *printer, int day, int n,
	struct result *r)
{
	if (!printer_spec_check(printer, r) || !db_begin(db, r)) {
		return false;
	}
	sqlite3_stmt *st = db_prepare(db, "INSERT INTO printer_nv_wear(printer, day, writes)"
		" VALUES (?1, ?2, ?3) ON CONFLICT(printer) DO UPDATE SET"
		" writes = CASE WHEN day = ?2 THEN writes + ?3 ELSE ?3 END, day = ?2");
	if (st) {
		sqlite3_bind_text(st, 1, printer, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 2, day);
		sqlite3_bind_int(st, 3, n);
	}
	return write_one(db, st, "đếm số lần ghi bộ nhớ NV của máy in", r);
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
	char *printer = printer_spec_identity(spec, r);
	if (printer == NULL || !db_begin(db, r)) {
		free(printer);
		return false;
	}
	sqlite3_stmt *st = db_prepare(db, "DELETE FROM printer_nv WHERE printer = ?");
	if (st) {
		sqlite3_bind_text(st, 1, printer, -1, SQLITE_TRANSIENT);
	}
	bool ok = write_one(db, st, "xóa hình lưu trong máy in", r);
	free(printer);
	return ok;
}

bool printer_store_forget(struct db *db, const char *spec, bool *found, struct result *r)
{
	if (found) {
		*found = false;
	}
	/* Not a printer string (a keypad's name): nothing of ours to forget. */
	char *printer = printer_spec_identity(spec, NULL);
	if (printer == NULL) {
		return true;
	}
	if (!db_begin(db, r)) {
		free(printer);
		return false;
	}
	static const char *const sql[] = {
		"DELETE FROM printer_nv WHERE printer = ?",
		"DELETE FROM printer_jobs WHERE printer = ?",
	};
	bool ok = true;
	for (size_t i = 0; ok && i < sizeof sql / sizeof sql[0]; i++) {
		sqlite3_stmt *st = db_prepare(db, sql[i]);
		if (st) {
			sqlite3_bind_text(st, 1, printer, -1, SQLITE_TRANSIENT);
		}
		ok = db_step_done(db, st, r, "xóa máy in");
		if (ok && found && sqlite3_changes(db_handle(db)) > 0) {
			*found = true;
		}
	}
	free(printer);
	if (!ok) {
		db_rollback(db);
		return false;
	}
	return db_commit(db, r);
}
