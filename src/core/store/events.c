#define LOG_MODULE "events"
#include "motcua/base/clock.h"
#include "motcua/store/events.h"

bool events_append(struct db *db, const struct event_row *ev, struct result *r)
{
	sqlite3_stmt *st = db_prepare(db,
		"INSERT INTO events(at_ms, kind, ticket_id, number, counter, service_code,"
		" officer, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
	if (!st) {
		return db_fail(db, r, "logging an event");
	}
	sqlite3_bind_int64(st, 1, clock_now_ms());
	sqlite3_bind_text(st, 2, ev->kind, -1, SQLITE_STATIC);
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
	bool ok = sqlite3_step(st) == SQLITE_DONE;
	sqlite3_reset(st);
	return ok ? true : db_fail(db, r, "logging an event");
}
