#define LOG_MODULE "day"
#include <stdio.h>
#include <stdlib.h>
#include "day.h"
#include "motcua/store/events.h"
#include "motcua/base/log.h"
#include "motcua/base/xalloc.h"

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

/* Expires every open ticket of any other day than `day`, one event each. */
static bool expire_other_days(struct db *db, int day, struct result *r)
{
	sqlite3_stmt *st = db_prepare(db,
		"UPDATE tickets SET status = 'expired' WHERE day <> ?"
		" AND status IN ('waiting', 'called', 'serving')"
		" RETURNING id, number, coalesce(counter, 0),"
		" (SELECT code FROM services WHERE id = service_id)");
	if (!st) {
		return db_fail(db, r, "closing yesterday's tickets");
	}
	sqlite3_bind_int(st, 1, day);
	/* The whole UPDATE runs at the first step; the rows are collected before
	 * appending events because the statement must finish first. */
	struct event *evs = NULL;
	size_t n = 0, cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 32;
			evs = xrealloc(evs, cap * sizeof(*evs));
		}
		struct event *ev = &evs[n++];
		*ev = (struct event){ .kind = EVENT_EXPIRE };
		ev->ticket_id = sqlite3_column_int64(st, 0);
		snprintf(ev->number, sizeof(ev->number), "%s", sqlite3_column_text(st, 1));
		ev->counter = sqlite3_column_int(st, 2);
		snprintf(ev->service_code, sizeof(ev->service_code), "%s",
			sqlite3_column_text(st, 3));
		snprintf(ev->detail, sizeof(ev->detail), "new business day %d", day);
	}
	bool ok = rc == SQLITE_DONE || db_fail(db, r, "closing yesterday's tickets");
	sqlite3_reset(st);
	for (size_t i = 0; ok && i < n; i++) {
		ok = events_append(db, &evs[i], r);
	}
	free(evs);
	return ok;
}

static bool roll_to(struct db *db, int from, int to, const char *why, struct result *r)
{
	LOG_INFO("business day %d (was %d, %s): closing open tickets", to, from, why);
	if (!expire_other_days(db, to, r)) {
		return false;
	}
	if (!db_step_done(db, db_prepare(db,
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
	if (!db_step_done(db, st, r, "starting the new day")) {
		return false;
	}
	struct event ev = { .kind = EVENT_DAY };
	snprintf(ev.detail, sizeof(ev.detail), "%d (%s, was %d)", to, why, from);
	return events_append(db, &ev, r);
}

/* Longest gap between two business days taken without asking (holidays, Tết). */
#define DAY_MAX_JUMP 31

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
	if (stored && tx->clock_day > clock_day_add(stored, DAY_MAX_JUMP)) {
		/* One write with a clock years ahead would otherwise expire today's
		 * queue and block issuing until that date. */
		char clock_date[11], last_date[11];
		clock_format_date(tx->now.wall_ms, clock_date);
		clock_format_date(clock_day_start_ms(stored) + 43200000, last_date);
		result_fail(r, RESULT_ERR_CLOCK,
			"the clock says %s, more than %d days after the last business day %s: "
			"check the date and time; if they are right, run `motcua day reset`",
			clock_date, DAY_MAX_JUMP, last_date);
		db_rollback(db);
		return false;
	}
	if (stored < tx->clock_day && !roll_to(db, stored, tx->clock_day, "new day", r)) {
		db_rollback(db);
		return false;
	}
	return true;
}

bool day_reset(struct db *db, int *from, int *to, struct result *r)
{
	if (!db_begin(db, r)) {
		return false;
	}
	*from = day_current(db);
	*to = clock_local_day(clock_now_ms());
	if (!roll_to(db, *from, *to, "reset by hand", r)) {
		db_rollback(db);
		return false;
	}
	return db_commit(db, r);
}

