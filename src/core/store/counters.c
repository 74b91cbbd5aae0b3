#define LOG_MODULE "counters"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "motcua/store/counters.h"
#include "motcua/store/events.h"
#include "motcua/store/services.h"
#include "motcua/base/text.h"
#include "motcua/base/utf8.h"
#include "motcua/base/xalloc.h"
#include "counters_op.h"

/* Each state: its name in the database and JSON, and in words for people. */
static const struct {
	const char *name, *words;
} states[] = {
	[COUNTER_OPEN] = { "open", "đang mở" },
	[COUNTER_PAUSED] = { "paused", "tạm dừng" },
	[COUNTER_CLOSED] = { "closed", "đã đóng" },
};

const char *counter_state_name(enum counter_state s)
{
	return (size_t)s < sizeof(states) / sizeof(states[0]) ? states[s].name : "open";
}

const char *counter_state_words(enum counter_state s)
{
	return (size_t)s < sizeof(states) / sizeof(states[0]) ? states[s].words : "đang mở";
}

static enum counter_state parse_state(const char *s)
{
	if (strcmp(s, "paused") == 0) {
		return COUNTER_PAUSED;
	}
	return strcmp(s, "closed") == 0 ? COUNTER_CLOSED : COUNTER_OPEN;
}

static bool load_services(struct db *db, struct counter *c, struct result *r)
{
	sqlite3_stmt *st = db_prepare(db,
		"SELECT service_id FROM counter_services WHERE counter_id = ? ORDER BY position");
	if (!st) {
		return db_fail(db, r, "đọc lĩnh vực của quầy");
	}
	sqlite3_bind_int64(st, 1, c->id);
	c->n_services = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && c->n_services < COUNTER_MAX_SERVICES) {
		c->service_ids[c->n_services++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? true
		: db_fail(db, r, "đọc lĩnh vực của quầy");
}

#define COUNTER_COLUMNS \
	"id, number, name, state, pause_reason, officer, coalesce(current_ticket, 0)"

static void read_row(sqlite3_stmt *st, struct counter *c)
{
	memset(c, 0, sizeof(*c));
	c->id = sqlite3_column_int64(st, 0);
	c->number = sqlite3_column_int(st, 1);
	utf8_copy(c->name, sizeof(c->name), (const char *)sqlite3_column_text(st, 2));
	c->state = parse_state((const char *)sqlite3_column_text(st, 3));
	utf8_copy(c->pause_reason, sizeof(c->pause_reason),
		(const char *)sqlite3_column_text(st, 4));
	utf8_copy(c->officer, sizeof(c->officer), (const char *)sqlite3_column_text(st, 5));
	c->current_ticket = sqlite3_column_int64(st, 6);
}

bool counter_find(struct db *db, int number, struct counter *out, struct result *r)
{
	sqlite3_stmt *st = db_prepare(db,
		"SELECT " COUNTER_COLUMNS " FROM counters WHERE number = ?");
	if (!st) {
		return db_fail(db, r, "đọc thông tin quầy");
	}
	sqlite3_bind_int(st, 1, number);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		read_row(st, out);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE) {
		return result_fail(r, RESULT_ERR_NOTFOUND,
			"không có quầy số %d (xem `motcua counters`)", number);
	}
	if (rc != SQLITE_ROW) {
		return db_fail(db, r, "đọc thông tin quầy");
	}
	return load_services(db, out, r);
}

bool counter_list(struct db *db, struct counter **out, size_t *n, struct result *r)
{
	sqlite3_stmt *st = db_prepare(db,
		"SELECT " COUNTER_COLUMNS " FROM counters ORDER BY number");
	*out = NULL;
	*n = 0;
	if (!st) {
		return db_fail(db, r, "liệt kê quầy");
	}
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 8;
			*out = xrealloc(*out, cap * sizeof(**out));
		}
		read_row(st, &(*out)[(*n)++]);
	}
	sqlite3_reset(st);
	bool ok = rc == SQLITE_DONE || db_fail(db, r, "liệt kê quầy");
	for (size_t i = 0; ok && i < *n; i++) {
		ok = load_services(db, &(*out)[i], r);
	}
	if (!ok) {
		free(*out);
		*out = NULL;
		*n = 0;
	}
	return ok;
}

void counter_services_text(struct db *db, const struct counter *c, bool names,
	const char *sep, char *out, size_t size)
{
	out[0] = '\0';
	for (size_t i = 0; i < c->n_services; i++) {
		struct service s;
		if (service_get(db, c->service_ids[i], &s, NULL)) {
			size_t len = strlen(out);
			snprintf(out + len, size - len, "%s%s", len ? sep : "", names ? s.name : s.code);
		}
	}
	utf8_trim_partial(out);
}

/* Appends an event about a counter; the caller holds the transaction. */
static bool counter_event(struct db *db, enum event_kind kind, int number, const char *detail,
	struct result *r)
{
	struct event ev = { .kind = kind, .counter = number };
	utf8_copy(ev.detail, sizeof(ev.detail), detail ? detail : "");
	return events_append(db, &ev, r);
}

bool counter_add(struct db *db, struct counter *c, struct result *r)
{
	if (c->number <= 0 || c->number > 999) {
		return result_fail(r, RESULT_ERR_INVALID,
			"số quầy %d không hợp lệ: phải từ 1 đến 999", c->number);
	}
	if (!text_check("tên quầy", c->name, COUNTER_NAME_MAX, TEXT_REQUIRED, r)
			|| !db_begin(db, r)) {
		return false;
	}
	sqlite3_stmt *st = db_prepare(db, "INSERT INTO counters(number, name) VALUES (?, ?)");
	if (!st) {
		db_fail(db, r, "thêm quầy");
		goto fail;
	}
	sqlite3_bind_int(st, 1, c->number);
	sqlite3_bind_text(st, 2, c->name, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if ((rc & 0xff) == SQLITE_CONSTRAINT) {
		result_fail(r, RESULT_ERR_INVALID, "đã có quầy số %d (xem `motcua counters`)", c->number);
		goto fail;
	}
	if (rc != SQLITE_DONE) {
		db_fail(db, r, "thêm quầy");
		goto fail;
	}
	c->id = sqlite3_last_insert_rowid(db_handle(db));
	c->state = COUNTER_OPEN;
	if (!counter_event(db, EVENT_COUNTER_ADD, c->number, c->name, r)) {
		goto fail;
	}
	return db_commit(db, r);
fail:
	db_rollback(db);
	return false;
}

bool counter_assign(struct db *db, int number, const char *const *codes, size_t n,
	struct result *r)
{
	struct counter c;
	if (n == 0 || n > COUNTER_MAX_SERVICES) {
		return result_fail(r, RESULT_ERR_INVALID,
			"mỗi quầy phục vụ từ 1 đến %d lĩnh vực", COUNTER_MAX_SERVICES);
	}
	if (!db_begin(db, r)) {
		return false;
	}
	if (!counter_find(db, number, &c, r)) {
		goto fail;
	}
	sqlite3_stmt *del = db_prepare(db, "DELETE FROM counter_services WHERE counter_id = ?");
	if (!del) {
		db_fail(db, r, "gán lĩnh vực cho quầy");
		goto fail;
	}
	sqlite3_bind_int64(del, 1, c.id);
	if (sqlite3_step(del) != SQLITE_DONE) {
		db_fail(db, r, "gán lĩnh vực cho quầy");
		goto fail;
	}
	char detail[256] = "";
	for (size_t i = 0; i < n; i++) {
		struct service s;
		if (!service_find(db, codes[i], &s, r)) {
			goto fail;
		}
		sqlite3_stmt *ins = db_prepare(db,
			"INSERT INTO counter_services(counter_id, service_id, position) VALUES (?, ?, ?)");
		if (!ins) {
			db_fail(db, r, "gán lĩnh vực cho quầy");
			goto fail;
		}
		sqlite3_bind_int64(ins, 1, c.id);
		sqlite3_bind_int64(ins, 2, s.id);
		sqlite3_bind_int(ins, 3, (int)i);
		int rc = sqlite3_step(ins);
		sqlite3_reset(ins);
		if ((rc & 0xff) == SQLITE_CONSTRAINT) {
			result_fail(r, RESULT_ERR_INVALID, "lĩnh vực %s được ghi hai lần", codes[i]);
			goto fail;
		}
		if (rc != SQLITE_DONE) {
			db_fail(db, r, "gán lĩnh vực cho quầy");
			goto fail;
		}
		snprintf(detail + strlen(detail), sizeof(detail) - strlen(detail), "%s%s",
			i ? "," : "", codes[i]);
	}
	if (!counter_event(db, EVENT_COUNTER_ASSIGN, number, detail, r)) {
		goto fail;
	}
	return db_commit(db, r);
fail:
	db_rollback(db);
	return false;
}

/* Runs one UPDATE on counter `number` in the caller's write transaction, with an event. */
static bool change_counter(struct db *db, int number, const char *sql, const char *text,
	enum event_kind kind, struct result *r)
{
	sqlite3_stmt *st = db_prepare(db, sql);
	if (!st) {
		return db_fail(db, r, "thay đổi quầy");
	}
	sqlite3_bind_int(st, 1, number);
	if (text) {
		sqlite3_bind_text(st, 2, text, -1, SQLITE_STATIC);
	}
	if (sqlite3_step(st) != SQLITE_DONE) {
		return db_fail(db, r, "thay đổi quầy");
	}
	if (sqlite3_changes(db_handle(db)) == 0) {
		return result_fail(r, RESULT_ERR_NOTFOUND,
			"không có quầy số %d (xem `motcua counters`)", number);
	}
	return counter_event(db, kind, number, text, r);
}

/* change_counter inside its own transaction. */
static bool update_counter(struct db *db, int number, const char *sql, const char *text,
	enum event_kind kind, struct result *r)
{
	if (!db_begin(db, r)) {
		return false;
	}
	if (!change_counter(db, number, sql, text, kind, r)) {
		db_rollback(db);
		return false;
	}
	return db_commit(db, r);
}

bool counter_rename(struct db *db, int number, const char *name, struct result *r)
{
	return text_check("tên quầy", name, COUNTER_NAME_MAX, TEXT_REQUIRED, r)
		&& update_counter(db, number, "UPDATE counters SET name = ?2 WHERE number = ?1",
			name, EVENT_COUNTER_RENAME, r);
}

bool counter_set_officer(struct db *db, int number, const char *officer, struct result *r)
{
	/* Empty clears the name; a blank one is refused. */
	return text_check("tên cán bộ", officer, 63, *officer ? TEXT_REQUIRED : 0, r)
		&& update_counter(db, number, "UPDATE counters SET officer = ?2 WHERE number = ?1",
			officer, EVENT_OFFICER, r);
}

#define PAUSE_SQL "UPDATE counters SET state = 'paused', pause_reason = ?2 WHERE number = ?1"
#define RESUME_SQL "UPDATE counters SET state = 'open', pause_reason = '' WHERE number = ?1"

static bool reason_ok(const char *reason, struct result *r)
{
	return text_check("lý do tạm dừng", reason, 127, TEXT_REQUIRED, r);
}

bool counter_pause(struct db *db, int number, const char *reason, struct result *r)
{
	return reason_ok(reason, r) && update_counter(db, number, PAUSE_SQL, reason, EVENT_PAUSE, r);
}

bool counter_resume(struct db *db, int number, struct result *r)
{
	return update_counter(db, number, RESUME_SQL, NULL, EVENT_RESUME, r);
}

bool counter_pause_locked(struct db *db, int number, const char *reason, struct result *r)
{
	return reason_ok(reason, r) && change_counter(db, number, PAUSE_SQL, reason, EVENT_PAUSE, r);
}

bool counter_resume_locked(struct db *db, int number, struct result *r)
{
	return change_counter(db, number, RESUME_SQL, NULL, EVENT_RESUME, r);
}

bool counter_close(struct db *db, int number, struct result *r)
{
	return update_counter(db, number,
		"UPDATE counters SET state = 'closed', pause_reason = '' WHERE number = ?1",
		NULL, EVENT_CLOSE, r);
}
