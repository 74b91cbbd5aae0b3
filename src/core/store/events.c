/*
 * The event log (see events.h for the kinds and their payloads).
 */
#define LOG_MODULE "events"
#include <stdio.h>
#include <string.h>
#include "motcua/base/clock.h"
#include "motcua/base/utf8.h"
#include "motcua/store/events.h"

#define FOLLOW_BATCH 64

static const char *const names[EVENT_KIND_COUNT] = {
	[EVENT_OTHER] = "other",
	[EVENT_ISSUE] = "issue",
	[EVENT_CALL] = "call",
	[EVENT_RECALL] = "recall",
	[EVENT_SKIP] = "skip",
	[EVENT_FINISH] = "finish",
	[EVENT_TRANSFER] = "transfer",
	[EVENT_REQUEUE] = "requeue",
	[EVENT_CANCEL] = "cancel",
	[EVENT_VOID] = "void",
	[EVENT_EXPIRE] = "expire",
	[EVENT_RATE] = "rate",
	[EVENT_DAY] = "day",
	[EVENT_SETTING] = "setting",
	[EVENT_SERVICE_ADD] = "service_add",
	[EVENT_SERVICE_EDIT] = "service_edit",
	[EVENT_COUNTER_ADD] = "counter_add",
	[EVENT_COUNTER_ASSIGN] = "counter_assign",
	[EVENT_COUNTER_RENAME] = "counter_rename",
	[EVENT_OFFICER] = "officer",
	[EVENT_PAUSE] = "pause",
	[EVENT_RESUME] = "resume",
	[EVENT_CLOSE] = "close",
	[EVENT_ADMIN] = "admin",
	[EVENT_RESTORE] = "restore",
};

const char *event_kind_name(enum event_kind kind)
{
	return (unsigned)kind < EVENT_KIND_COUNT ? names[kind] : names[EVENT_OTHER];
}

enum event_kind event_kind_parse(const char *name)
{
	for (int k = 1; k < EVENT_KIND_COUNT; k++) {
		if (name && strcmp(name, names[k]) == 0) {
			return (enum event_kind)k;
		}
	}
	return EVENT_OTHER;
}

bool event_is_call(enum event_kind kind)
{
	return kind == EVENT_CALL || kind == EVENT_RECALL;
}

bool events_append(struct db *db, const struct event *ev, struct result *r)
{
	sqlite3_stmt *st = db_prepare(db,
		"INSERT INTO events(at_ms, kind, ticket_id, number, counter, service_code,"
		" officer, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
	if (!st) {
		return db_fail(db, r, "ghi sự kiện");
	}
	sqlite3_bind_int64(st, 1, clock_now_ms());
	sqlite3_bind_text(st, 2, event_kind_name(ev->kind), -1, SQLITE_STATIC);
	if (ev->ticket_id) {
		sqlite3_bind_int64(st, 3, ev->ticket_id);
	} else {
		sqlite3_bind_null(st, 3);
	}
	sqlite3_bind_text(st, 4, ev->number, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 5, ev->counter);
	sqlite3_bind_text(st, 6, ev->service_code, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, ev->officer, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 8, ev->detail, -1, SQLITE_STATIC);
	return db_step_done(db, st, r, "ghi sự kiện");
}

int64_t events_last_id(struct db *db)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT coalesce(max(id), 0) FROM events");
	int64_t id = -1;
	if (st && sqlite3_step(st) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
	}
	if (st) {
		sqlite3_reset(st);
	}
	return id;
}

int events_read(struct db *db, int64_t after_id, struct event *out, int max, struct result *r)
{
	sqlite3_stmt *st = db_prepare(db,
		"SELECT id, at_ms, kind, coalesce(ticket_id, 0), number, counter, service_code,"
		" officer, detail FROM events WHERE id > ? ORDER BY id LIMIT ?");
	if (!st) {
		db_fail(db, r, "đọc nhật ký sự kiện");
		return -1;
	}
	sqlite3_bind_int64(st, 1, after_id);
	sqlite3_bind_int(st, 2, max);
	int n = 0, rc = SQLITE_DONE;
	while (n < max && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct event *e = &out[n++];
		memset(e, 0, sizeof(*e));
		e->id = sqlite3_column_int64(st, 0);
		e->at_ms = sqlite3_column_int64(st, 1);
		e->kind = event_kind_parse((const char *)sqlite3_column_text(st, 2));
		e->ticket_id = sqlite3_column_int64(st, 3);
		snprintf(e->number, sizeof(e->number), "%s", sqlite3_column_text(st, 4));
		e->counter = sqlite3_column_int(st, 5);
		snprintf(e->service_code, sizeof(e->service_code), "%s", sqlite3_column_text(st, 6));
		utf8_copy(e->officer, sizeof(e->officer), (const char *)sqlite3_column_text(st, 7));
		utf8_copy(e->detail, sizeof(e->detail), (const char *)sqlite3_column_text(st, 8));
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		db_fail(db, r, "đọc nhật ký sự kiện");
		return -1;
	}
	return n;
}

bool events_follow(struct db *db, struct events_cursor *c, events_fn fn, void *ud,
	struct result *r)
{
	struct event batch[FOLLOW_BATCH];
	for (;;) {
		int n = events_read(db, c->after, batch, FOLLOW_BATCH, r);
		if (n < 0) {
			return false;
		}
		for (int i = 0; i < n; i++) {
			c->after = batch[i].id;
			fn(ud, &batch[i]);
		}
		if (n < FOLLOW_BATCH) {
			return true;
		}
	}
}
