/*
 * The business day (see day.h for the rules). The state is one row of
 * business_day: the day, when it ends (UTC ms, fixed when it was taken), and
 * the clock stamp of the last write. The decision is a pure function of that
 * row and the clock (decide()), so writers and readers agree.
 */
#define LOG_MODULE "day"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "motcua/store/day.h"
#include "motcua/store/events.h"
#include "motcua/base/log.h"
#include "motcua/base/xalloc.h"

/* Longest gap between two business days taken without asking (holidays, Tết). */
#define DAY_MAX_JUMP 31
/*
 * How far the wall clock may run ahead of elapsed monotonic time before it
 * counts as stepped. NTP slews at most 0.5 ms/s (43 s a day); a step by hand
 * or by a bad time source is minutes to days.
 */
#define DAY_STEP_TOLERANCE_MS (5 * 60 * 1000)

struct day_state {
	int day;                 /* 0: none yet */
	int64_t ends_ms;         /* 0: unknown (a file from before this rule) */
	struct clock_stamp seen; /* boot 0: none */
};

struct decision {
	int day;                 /* the day to use */
	bool roll;               /* move to `day`, expiring other days' open tickets */
	bool behind;             /* wall clock before the business day */
	bool stepped;            /* wall clock ahead of elapsed time (same boot) */
	bool held;               /* ... and that keeps an earlier day */
	int64_t ahead_ms;
	int clock_day;
	bool trust_clock;        /* record this write's stamp as the new reference */
};

static bool read_state(struct db *db, struct day_state *s, struct result *r)
{
	*s = (struct day_state){ 0 };
	sqlite3_stmt *st = db_prepare(db, "SELECT day, coalesce(ends_ms, 0),"
		" coalesce(seen_wall_ms, 0), coalesce(seen_mono_ms, 0), coalesce(seen_boot, 0)"
		" FROM business_day WHERE id = 1");
	if (!st) {
		return db_fail(db, r, "đọc ngày làm việc");
	}
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		s->day = sqlite3_column_int(st, 0);
		s->ends_ms = sqlite3_column_int64(st, 1);
		s->seen.wall_ms = sqlite3_column_int64(st, 2);
		s->seen.mono_ms = sqlite3_column_int64(st, 3);
		s->seen.boot = sqlite3_column_int64(st, 4);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE || db_fail(db, r, "đọc ngày làm việc");
}

static void decide(const struct day_state *s, const struct clock_stamp *now, struct decision *d)
{
	*d = (struct decision){ .clock_day = clock_local_day(now->wall_ms) };
	/* The time to go by: the wall clock, unless it ran ahead of the time that
	 * really elapsed since the last write in this boot. */
	int64_t at = now->wall_ms;
	if (s->day && s->seen.boot && s->seen.boot == now->boot && now->mono_ms >= s->seen.mono_ms) {
		int64_t elapsed_at = s->seen.wall_ms + (now->mono_ms - s->seen.mono_ms);
		if (now->wall_ms - elapsed_at > DAY_STEP_TOLERANCE_MS) {
			at = elapsed_at;
			d->stepped = true;
			d->ahead_ms = now->wall_ms - elapsed_at;
		}
	}
	int at_day = clock_local_day(at);
	d->behind = s->day > d->clock_day;
	/* A day taken once ends at its own midnight, whatever the zone says now. */
	bool ended = !s->ends_ms || at >= s->ends_ms;
	d->roll = !s->day || (!d->behind && at_day > s->day && ended);
	d->day = d->roll ? at_day : s->day;
	d->held = d->stepped && d->clock_day > d->day;
	/* A clock behind the business day, or stepped ahead (even within the
	 * day: it would end the day early later), is not a reference. */
	d->trust_clock = !d->behind && !d->stepped;
}

/*
 * Expires every open ticket of any other day than `day`, one event each,
 * recording each one's state under rollover `rollover` so day_reset can
 * undo it. *n gets the count.
 */
static bool expire_other_days(struct db *db, int day, int64_t rollover, int *n_out,
	struct result *r)
{
	sqlite3_stmt *st = db_prepare(db,
		"INSERT INTO rollover_expired(rollover_id, ticket_id, status)"
		" SELECT ?, id, status FROM tickets WHERE day <> ?"
		" AND status IN ('waiting', 'called', 'serving')");
	if (st) {
		sqlite3_bind_int64(st, 1, rollover);
		sqlite3_bind_int(st, 2, day);
	}
	if (!db_step_done(db, st, r, "đóng các phiếu của ngày trước")) {
		return false;
	}
	st = db_prepare(db,
		"UPDATE tickets SET status = 'expired' WHERE day <> ?"
		" AND status IN ('waiting', 'called', 'serving')"
		" RETURNING id, number, coalesce(counter, 0),"
		" (SELECT code FROM services WHERE id = service_id)");
	if (!st) {
		return db_fail(db, r, "đóng các phiếu của ngày trước");
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
		snprintf(ev->detail, sizeof(ev->detail), "new business day %d (rollover %lld)", day,
			(long long)rollover);
	}
	bool ok = rc == SQLITE_DONE || db_fail(db, r, "đóng các phiếu của ngày trước");
	sqlite3_reset(st);
	for (size_t i = 0; ok && i < n; i++) {
		ok = events_append(db, &evs[i], r);
	}
	free(evs);
	*n_out = (int)n;
	return ok;
}

/* Records `now` as the last write's stamp: the reference for elapsed time. */
static bool remember(struct db *db, const struct clock_stamp *now, struct result *r)
{
	sqlite3_stmt *st = db_prepare(db, "UPDATE business_day SET seen_wall_ms = ?,"
		" seen_mono_ms = ?, seen_boot = ? WHERE id = 1");
	if (st) {
		sqlite3_bind_int64(st, 1, now->wall_ms);
		sqlite3_bind_int64(st, 2, now->mono_ms);
		sqlite3_bind_int64(st, 3, now->boot);
	}
	return db_step_done(db, st, r, "ghi nhận đồng hồ");
}

static bool roll_to(struct db *db, int from, int to, const char *why,
	const struct clock_stamp *now, int *expired, struct result *r)
{
	LOG_INFO("business day %d (was %d, %s): closing open tickets", to, from, why);
	sqlite3_stmt *st = db_prepare(db,
		"INSERT INTO rollovers(from_day, to_day, at_ms, why) VALUES (?, ?, ?, ?)");
	if (st) {
		sqlite3_bind_int(st, 1, from);
		sqlite3_bind_int(st, 2, to);
		sqlite3_bind_int64(st, 3, now->wall_ms);
		sqlite3_bind_text(st, 4, why, -1, SQLITE_STATIC);
	}
	if (!db_step_done(db, st, r, "bắt đầu ngày mới")) {
		return false;
	}
	int64_t rollover = sqlite3_last_insert_rowid(db_handle(db));
	if (!expire_other_days(db, to, rollover, expired, r)) {
		return false;
	}
	if (!db_step_done(db, db_prepare(db,
			"UPDATE counters SET current_ticket = NULL, normals_since_priority = 0"),
			r, "bắt đầu ngày mới")) {
		return false;
	}
	/* The day ends at its local midnight in the zone in force now. */
	st = db_prepare(db,
		"INSERT INTO business_day(id, day, ends_ms) VALUES (1, ?, ?)"
		" ON CONFLICT(id) DO UPDATE SET day = excluded.day, ends_ms = excluded.ends_ms");
	if (st) {
		sqlite3_bind_int(st, 1, to);
		sqlite3_bind_int64(st, 2, clock_day_start_ms(clock_day_add(to, 1)));
	}
	if (!db_step_done(db, st, r, "bắt đầu ngày mới")) {
		return false;
	}
	struct event ev = { .kind = EVENT_DAY };
	snprintf(ev.detail, sizeof(ev.detail), "%d (%s, was %d, rollover %lld)", to, why, from,
		(long long)rollover);
	return events_append(db, &ev, r);
}

bool day_begin(struct db *db, struct day_txn *tx, struct result *r)
{
	struct day_state s;
	struct decision d;
	if (!db_begin(db, r)) {
		return false;
	}
	tx->now = clock_stamp_now();
	if (!read_state(db, &s, r)) {
		goto fail;
	}
	decide(&s, &tx->now, &d);
	tx->clock_day = d.clock_day;
	tx->clock_behind = d.behind;
	tx->day = d.day;
	if (d.held) {
		LOG_WARN("the clock is %lld min ahead of the time elapsed since the last write: "
			"keeping business day %d until that time has passed (if the clock is right, "
			"run `motcua day reset`)", (long long)(d.ahead_ms / 60000), d.day);
	}
	if (s.day && d.roll && d.day > clock_day_add(s.day, DAY_MAX_JUMP)) {
		/* One write with a clock years ahead would otherwise expire today's
		 * queue and block issuing until that date. */
		char clock_date[11], last_date[11];
		clock_format_date(tx->now.wall_ms, clock_date);
		clock_format_date(clock_day_start_ms(s.day) + 43200000, last_date);
		result_fail(r, RESULT_ERR_CLOCK,
			"đồng hồ của máy chỉ ngày %s, quá %d ngày sau ngày làm việc gần nhất %s: "
			"hãy kiểm tra ngày giờ; nếu ngày giờ đúng, chạy `motcua day reset`",
			clock_date, DAY_MAX_JUMP, last_date);
		goto fail;
	}
	int expired = 0;
	if (d.roll && !roll_to(db, s.day, d.day, "new day", &tx->now, &expired, r)) {
		goto fail;
	}
	if (d.trust_clock && !remember(db, &tx->now, r)) {
		goto fail;
	}
	return true;
fail:
	db_rollback(db);
	return false;
}

bool day_view_read(struct db *db, struct day_view *v, struct result *r)
{
	struct day_state s;
	struct decision d;
	struct clock_stamp now = clock_stamp_now();
	if (!read_state(db, &s, r)) {
		return false;
	}
	decide(&s, &now, &d);
	*v = (struct day_view){ .stored = s.day, .day = d.day, .clock_day = d.clock_day,
		.held = d.held, .ahead_ms = d.ahead_ms };
	if (!v->day) {
		v->day = d.clock_day;
	}
	return true;
}

int day_effective(struct db *db)
{
	struct day_view v;
	return day_view_read(db, &v, NULL) ? v.day : 0;
}

/* Puts back the tickets of `day` that rollovers expired (see day.h). */
static bool restore(struct db *db, int day, int *restored, struct result *r)
{
	sqlite3_stmt *st = db_prepare(db,
		"SELECT e.ticket_id, e.status, coalesce(t.counter, 0), t.number,"
		" (SELECT code FROM services WHERE id = t.service_id), e.rollover_id"
		" FROM rollover_expired e JOIN tickets t ON t.id = e.ticket_id"
		" WHERE t.day = ? AND t.status = 'expired' ORDER BY t.line_ms, t.id");
	if (!st) {
		return db_fail(db, r, "khôi phục phiếu");
	}
	sqlite3_bind_int(st, 1, day);
	struct item { struct event ev; char status[16]; } *items = NULL;
	size_t n = 0, cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 32;
			items = xrealloc(items, cap * sizeof(*items));
		}
		struct item *it = &items[n++];
		it->ev = (struct event){ .kind = EVENT_RESTORE };
		it->ev.ticket_id = sqlite3_column_int64(st, 0);
		snprintf(it->status, sizeof(it->status), "%s", sqlite3_column_text(st, 1));
		it->ev.counter = sqlite3_column_int(st, 2);
		snprintf(it->ev.number, sizeof(it->ev.number), "%s", sqlite3_column_text(st, 3));
		snprintf(it->ev.service_code, sizeof(it->ev.service_code), "%s",
			sqlite3_column_text(st, 4));
		snprintf(it->ev.detail, sizeof(it->ev.detail), "%s, expired by rollover %lld",
			it->status, (long long)sqlite3_column_int64(st, 5));
	}
	bool ok = rc == SQLITE_DONE || db_fail(db, r, "khôi phục phiếu");
	sqlite3_reset(st);
	for (size_t i = 0; ok && i < n; i++) {
		struct item *it = &items[i];
		bool at_counter = strcmp(it->status, "waiting") != 0 && it->ev.counter;
		if (at_counter) {
			/* Back at its counter if the counter is free (the reset freed them all). */
			st = db_prepare(db, "UPDATE counters SET current_ticket = ?1"
				" WHERE number = ?2 AND current_ticket IS NULL");
			if (st) {
				sqlite3_bind_int64(st, 1, it->ev.ticket_id);
				sqlite3_bind_int(st, 2, it->ev.counter);
			}
			ok = db_step_done(db, st, r, "khôi phục phiếu");
			at_counter = ok && sqlite3_changes(db_handle(db)) == 1;
		}
		st = db_prepare(db, "UPDATE tickets SET status = ?2 WHERE id = ?1");
		if (ok && st) {
			sqlite3_bind_int64(st, 1, it->ev.ticket_id);
			sqlite3_bind_text(st, 2, at_counter ? it->status : "waiting", -1, SQLITE_STATIC);
		}
		ok = ok && db_step_done(db, st, r, "khôi phục phiếu")
			&& events_append(db, &it->ev, r);
	}
	free(items);
	st = db_prepare(db, "DELETE FROM rollover_expired WHERE ticket_id IN"
		" (SELECT id FROM tickets WHERE day = ?)");
	if (ok && st) {
		sqlite3_bind_int(st, 1, day);
	}
	ok = ok && db_step_done(db, st, r, "khôi phục phiếu");
	*restored = (int)n;
	return ok;
}

bool day_reset(struct db *db, struct day_reset_report *out, struct result *r)
{
	struct day_state s;
	*out = (struct day_reset_report){ 0 };
	if (!db_begin(db, r)) {
		return false;
	}
	struct clock_stamp now = clock_stamp_now();
	if (!read_state(db, &s, r)) {
		goto fail;
	}
	out->from = s.day;
	out->to = clock_local_day(now.wall_ms);
	if (!roll_to(db, out->from, out->to, "reset by hand", &now, &out->expired, r)
			|| !restore(db, out->to, &out->restored, r) || !remember(db, &now, r)) {
		goto fail;
	}
	LOG_INFO("business day reset from %d to %d: %d ticket(s) restored, %d expired",
		out->from, out->to, out->restored, out->expired);
	return db_commit(db, r);
fail:
	db_rollback(db);
	return false;
}

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
