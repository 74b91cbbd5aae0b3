#define LOG_MODULE "day"
#include <stdio.h>
#include "day.h"
#include "motcua/events.h"
#include "motcua/log.h"

int day_current(struct db *db)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT day FROM business_day WHERE id = 1");
	int day = 0;
	if (st && sqlite3_step(st) == SQLITE_ROW) {
		day = sqlite3_column_int(st, 0);
	}
	if (st) {
		sqlite3_reset(st);
	}
	return day;
}

static bool step_done(struct db *db, sqlite3_stmt *st, struct result *r, const char *doing)
{
	int rc = st ? sqlite3_step(st) : SQLITE_ERROR;
	if (st) {
		sqlite3_reset(st);
	}
	return rc == SQLITE_DONE || db_fail(db, r, doing);
}

/* Expires every open ticket of days before `day`, one event each. */
static bool expire_before(struct db *db, int day, struct result *r)
{
	sqlite3_stmt *st = db_prepare(db,
		"UPDATE tickets SET status = 'expired' WHERE day < ?"
		" AND status IN ('waiting', 'called', 'serving')"
		" RETURNING id, number, coalesce(counter, 0),"
		" (SELECT code FROM services WHERE id = service_id)");
	if (!st) {
		return db_fail(db, r, "closing yesterday's tickets");
	}
	sqlite3_bind_int(st, 1, day);
	/* RETURNING rows are all computed before the first is returned, so
	 * appending events while stepping does not disturb the update. */
	struct event_row evs[64];
	int n = 0, rc;
	bool ok = true;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct event_row *ev = &evs[n++];
		*ev = (struct event_row){ .kind = "expire" };
		ev->ticket_id = sqlite3_column_int64(st, 0);
		snprintf(ev->number, sizeof(ev->number), "%s", sqlite3_column_text(st, 1));
		ev->counter = sqlite3_column_int(st, 2);
		snprintf(ev->service_code, sizeof(ev->service_code), "%s",
			sqlite3_column_text(st, 3));
		snprintf(ev->detail, sizeof(ev->detail), "new business day %d", day);
		if (n == 64) {
			break;
		}
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		ok = db_fail(db, r, "closing yesterday's tickets");
	}
	sqlite3_reset(st);
	for (int i = 0; ok && i < n; i++) {
		ok = events_append(db, &evs[i], r);
	}
	if (ok && n == 64) {
		/* More remain: the reset statement runs again for the rest. */
		return expire_before(db, day, r);
	}
	return ok;
}

static bool roll_to(struct db *db, int from, int to, struct result *r)
{
	LOG_INFO("new business day %d (was %d): closing open tickets", to, from);
	if (!expire_before(db, to, r)) {
		return false;
	}
	if (!step_done(db, db_prepare(db,
			"UPDATE counters SET current_ticket = NULL, normals_since_priority = 0"),
			r, "starting the new day")) {
		return false;
	}
	sqlite3_stmt *st = db_prepare(db,
		"INSERT INTO business_day(id, day) VALUES (1, ?)"
		" ON CONFLICT(id) DO UPDATE SET day = excluded.day");
	if (st) {
		sqlite3_bind_int(st, 1, to);
	}
	if (!step_done(db, st, r, "starting the new day")) {
		return false;
	}
	struct event_row ev = { .kind = "day" };
	snprintf(ev.detail, sizeof(ev.detail), "%d", to);
	return events_append(db, &ev, r);
}

bool day_begin(struct db *db, struct day_txn *tx, struct result *r)
{
	if (!db_begin(db, r)) {
		return false;
	}
	tx->now = clock_stamp_now();
	tx->clock_day = clock_local_day(tx->now.wall_ms);
	int stored = day_current(db);
	tx->clock_behind = stored > tx->clock_day;
	tx->day = tx->clock_behind ? stored : tx->clock_day;
	if (stored < tx->clock_day && !roll_to(db, stored, tx->clock_day, r)) {
		db_rollback(db);
		return false;
	}
	return true;
}
