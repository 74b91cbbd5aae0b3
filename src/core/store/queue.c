/*
 * Ticket operations (see queue.h for the contract).
 *
 * Every operation runs inside day_begin()'s BEGIN IMMEDIATE transaction, so
 * reading the candidate and claiming it cannot interleave with another
 * process: SQLite admits one writer at a time and the others wait on the
 * busy timeout. The ticket handed back is filled only after COMMIT returned
 * OK, so nothing is printed or announced that could still be rolled back.
 */
#define LOG_MODULE "queue"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "motcua/store/day.h"
#include "motcua/store/counters.h"
#include "motcua/store/events.h"
#include "motcua/base/log.h"
#include "motcua/store/queue.h"
#include "motcua/store/settings.h"
#include "motcua/base/text.h"
#include "motcua/base/utf8.h"

#define TICKET_SELECT \
	"SELECT t.id, t.service_id, s.code, s.name, t.day, t.seq, t.number, t.priority," \
	" t.status, coalesce(t.counter, 0), coalesce(t.target_counter, 0), t.officer," \
	" t.recalls, t.issued_ms, coalesce(t.called_ms, 0), coalesce(t.finished_ms, 0)," \
	" coalesce(t.wait_ms, -1), coalesce(t.service_ms, -1)," \
	" coalesce(t.transferred_from, 0), t.rating, t.print_unconfirmed" \
	" FROM tickets t JOIN services s ON s.id = t.service_id"

static void read_ticket(sqlite3_stmt *st, struct ticket *t)
{
	memset(t, 0, sizeof(*t));
	t->id = sqlite3_column_int64(st, 0);
	t->service_id = sqlite3_column_int64(st, 1);
	snprintf(t->service_code, sizeof(t->service_code), "%s", sqlite3_column_text(st, 2));
	utf8_copy(t->service_name, sizeof(t->service_name),
		(const char *)sqlite3_column_text(st, 3));
	t->day = sqlite3_column_int(st, 4);
	t->seq = sqlite3_column_int(st, 5);
	snprintf(t->number, sizeof(t->number), "%s", sqlite3_column_text(st, 6));
	t->priority = sqlite3_column_int(st, 7) != 0;
	if (!ticket_status_parse((const char *)sqlite3_column_text(st, 8), &t->status)) {
		t->status = TICKET_EXPIRED;
	}
	t->counter = sqlite3_column_int(st, 9);
	t->target_counter = sqlite3_column_int(st, 10);
	utf8_copy(t->officer, sizeof(t->officer), (const char *)sqlite3_column_text(st, 11));
	t->recalls = sqlite3_column_int(st, 12);
	t->issued_ms = sqlite3_column_int64(st, 13);
	t->called_ms = sqlite3_column_int64(st, 14);
	t->finished_ms = sqlite3_column_int64(st, 15);
	t->wait_ms = sqlite3_column_int64(st, 16);
	t->service_ms = sqlite3_column_int64(st, 17);
	t->transferred_from = sqlite3_column_int64(st, 18);
	int rating = sqlite3_column_int(st, 19);
	t->rating = rating >= 1 && rating <= 4 ? (enum ticket_rating)rating : RATING_NONE;
	t->print_unconfirmed = sqlite3_column_int(st, 20) != 0;
}

bool queue_get(struct db *db, int64_t id, struct ticket *t, struct result *r)
{
	sqlite3_stmt *st = db_prepare(db, TICKET_SELECT " WHERE t.id = ?");
	if (!st) {
		return db_fail(db, r, "reading a ticket");
	}
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		read_ticket(st, t);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE) {
		return result_fail(r, RESULT_ERR_NOTFOUND, "no ticket with id %lld", (long long)id);
	}
	return rc == SQLITE_ROW || db_fail(db, r, "reading a ticket");
}

/*
 * Today's row with that printed number, optionally within a service: the one
 * still in play (waiting, at a counter, no-show) if any, else the newest.
 * Fields never share numbers (ranges with one prefix may not overlap), so
 * several rows mean one citizen's transfer chain or an earlier wrap.
 */
static bool find_number(struct db *db, int day, const char *number, const char *code,
	struct ticket *t, struct result *r)
{
	sqlite3_stmt *st = db_prepare(db, TICKET_SELECT
		" WHERE t.day = ?1 AND t.number = ?2 AND (?3 IS NULL OR s.code = ?3)"
		" ORDER BY t.status IN ('waiting', 'called', 'serving', 'noshow') DESC, t.id DESC"
		" LIMIT 1");
	if (!st) {
		return db_fail(db, r, "finding a ticket");
	}
	sqlite3_bind_int(st, 1, day);
	sqlite3_bind_text(st, 2, number, -1, SQLITE_STATIC);
	if (code) {
		sqlite3_bind_text(st, 3, code, -1, SQLITE_STATIC);
	}
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		read_ticket(st, t);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE) {
		return result_fail(r, RESULT_ERR_NOTFOUND, "no ticket number %s today", number);
	}
	return rc == SQLITE_ROW || db_fail(db, r, "finding a ticket");
}

bool queue_find_number(struct db *db, const char *number, const char *service_code,
	struct ticket *t, struct result *r)
{
	return find_number(db, day_effective(db), number, service_code, t, r);
}

static bool log_ticket_event(struct db *db, enum event_kind kind, const struct ticket *t,
	int counter, const char *officer, const char *detail, struct result *r)
{
	struct event ev = { .kind = kind, .ticket_id = t->id, .counter = counter };
	snprintf(ev.number, sizeof(ev.number), "%s", t->number);
	snprintf(ev.service_code, sizeof(ev.service_code), "%s", t->service_code);
	utf8_copy(ev.officer, sizeof(ev.officer), officer ? officer : "");
	utf8_copy(ev.detail, sizeof(ev.detail), detail ? detail : "");
	return events_append(db, &ev, r);
}

/* Average service time (s) of the service today, or the configured estimate. */
static int service_estimate_s(struct db *db, const struct service *s, int day)
{
	sqlite3_stmt *st = db_prepare(db,
		"SELECT count(*), avg(service_ms) FROM tickets"
		" WHERE service_id = ? AND day = ? AND status = 'done' AND service_ms IS NOT NULL");
	int est = s->est_service_s ? s->est_service_s
		: (int)settings_get_int(db, "est_service_s");
	if (!st) {
		return est;
	}
	sqlite3_bind_int64(st, 1, s->id);
	sqlite3_bind_int(st, 2, day);
	/* Three finished citizens are enough to trust today's pace over the setting. */
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) >= 3) {
		double avg_s = sqlite3_column_double(st, 1) / 1000.0;
		est = avg_s > 7200 ? 7200 : (int)(avg_s + 0.5);
	}
	sqlite3_reset(st);
	return est;
}

/* Waiting before a new ticket, and open counters serving the service. */
static void estimate_wait(struct db *db, const struct service *s, int day, bool priority,
	int64_t self_id, struct ticket *t)
{
	sqlite3_stmt *st = db_prepare(db,
		"SELECT count(*) FROM tickets WHERE day = ? AND service_id = ?"
		" AND status = 'waiting' AND id <> ? AND (? = 0 OR priority = 1)");
	t->ahead = 0;
	if (st) {
		sqlite3_bind_int(st, 1, day);
		sqlite3_bind_int64(st, 2, s->id);
		sqlite3_bind_int64(st, 3, self_id);
		sqlite3_bind_int(st, 4, priority ? 1 : 0);
		if (sqlite3_step(st) == SQLITE_ROW) {
			t->ahead = sqlite3_column_int(st, 0);
		}
		sqlite3_reset(st);
	}
	int open = 0;
	st = db_prepare(db,
		"SELECT count(*) FROM counters c JOIN counter_services cs ON cs.counter_id = c.id"
		" WHERE cs.service_id = ? AND c.state = 'open'");
	if (st) {
		sqlite3_bind_int64(st, 1, s->id);
		if (sqlite3_step(st) == SQLITE_ROW) {
			open = sqlite3_column_int(st, 0);
		}
		sqlite3_reset(st);
	}
	int64_t per = service_estimate_s(db, s, day);
	int64_t est = (int64_t)t->ahead * per / (open > 0 ? open : 1);
	/* An estimate past a day means something is off (a ticket left open for
	 * hours skews the average): never print an absurd wait. */
	t->est_wait_s = (int)(est < 0 ? 0 : est > 86400 ? 86400 : est);
}

/* True when `number` belongs to someone still in line or at a counter today. */
static bool number_live(struct db *db, int day, const char *number)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT 1 FROM tickets WHERE day = ? AND number = ?"
		" AND status IN ('waiting', 'called', 'serving', 'noshow') LIMIT 1");
	if (!st) {
		return true;
	}
	sqlite3_bind_int(st, 1, day);
	sqlite3_bind_text(st, 2, number, -1, SQLITE_TRANSIENT);
	bool live = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	return live;
}

/* Tickets handed to citizens today (voided ones do not count against the cap). */
static int issued_today(struct db *db, const struct service *s, int day)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT count(*) FROM tickets WHERE service_id = ?"
		" AND day = ? AND transferred_from IS NULL AND status <> 'void'");
	int n = 0;
	if (st) {
		sqlite3_bind_int64(st, 1, s->id);
		sqlite3_bind_int(st, 2, day);
		if (sqlite3_step(st) == SQLITE_ROW) {
			n = sqlite3_column_int(st, 0);
		}
		sqlite3_reset(st);
	}
	return n;
}

/*
 * The next sequence for (service, day) and the number to print. Numbers run
 * through the service's range and wrap to its start; after a wrap, numbers
 * still held by someone (waiting, at a counter, a no-show who may come back,
 * or transferred elsewhere) are skipped. Refuses past the daily cap or when
 * every number of the range is held.
 */
static bool next_number(struct db *db, const struct service *s, int day, int *seq,
	char *number, size_t size, struct result *r)
{
	sqlite3_stmt *st = db_prepare(db,
		"SELECT last_seq FROM sequences WHERE service_id = ? AND day = ?");
	int last = 0;
	if (!st) {
		return db_fail(db, r, "numbering");
	}
	sqlite3_bind_int64(st, 1, s->id);
	sqlite3_bind_int(st, 2, day);
	if (sqlite3_step(st) == SQLITE_ROW) {
		last = sqlite3_column_int(st, 0);
	}
	sqlite3_reset(st);
	if (s->daily_cap > 0 && issued_today(db, s, day) >= s->daily_cap) {
		return result_fail(r, RESULT_ERR_CAP,
			"service %s has reached its daily cap of %d tickets", s->code, s->daily_cap);
	}
	*seq = last + 1;
	int span = s->range_end - s->range_start + 1;
	int value = service_number_for_seq(s, *seq);
	service_format_number(s, value, number, size);
	if (*seq > span) {
		int tries = 0;
		while (number_live(db, day, number)) {
			if (++tries >= span) {
				return result_fail(r, RESULT_ERR_CAP,
					"service %s: all numbers %s%d-%d are held by citizens today", s->code,
					s->prefix, s->range_start, s->range_end);
			}
			value = value >= s->range_end ? s->range_start : value + 1;
			service_format_number(s, value, number, size);
		}
	}
	st = db_prepare(db, "INSERT INTO sequences(service_id, day, last_seq) VALUES (?, ?, ?)"
		" ON CONFLICT(service_id, day) DO UPDATE SET last_seq = excluded.last_seq");
	if (st) {
		sqlite3_bind_int64(st, 1, s->id);
		sqlite3_bind_int(st, 2, day);
		sqlite3_bind_int(st, 3, *seq);
	}
	return db_step_done(db, st, r, "numbering");
}

bool queue_issue(struct db *db, const char *code, bool priority, struct ticket *t,
	struct result *r)
{
	struct day_txn tx;
	struct service s;
	int seq = 0;
	if (!day_begin(db, &tx, r)) {
		return false;
	}
	if (tx.clock_behind) {
		char clock_date[11], day_date[11];
		clock_format_date(tx.now.wall_ms, clock_date);
		clock_format_date(clock_day_start_ms(tx.day) + 12 * 3600 * 1000, day_date);
		result_fail(r, RESULT_ERR_CLOCK,
			"the clock says %s but tickets were already issued for %s: the clock went "
			"back (RTC battery? NTP?). Fix the date and time; no ticket was issued. "
			"If the clock is right and %s was wrong, run `motcua day reset`",
			clock_date, day_date, day_date);
		goto fail;
	}
	if (!service_find(db, code, &s, r)) {
		goto fail;
	}
	if (!s.active) {
		result_fail(r, RESULT_ERR_STATE, "service %s is disabled", code);
		goto fail;
	}
	char number[16];
	if (!next_number(db, &s, tx.day, &seq, number, sizeof(number), r)) {
		goto fail;
	}
	sqlite3_stmt *st = db_prepare(db,
		"INSERT INTO tickets(service_id, day, seq, number, priority, status, issued_ms,"
		" line_ms, enq_ms, enq_mono, enq_boot)"
		" VALUES (?1, ?2, ?3, ?4, ?5, 'waiting', ?6, ?6, ?6, ?7, ?8)");
	if (!st) {
		db_fail(db, r, "issuing a ticket");
		goto fail;
	}
	sqlite3_bind_int64(st, 1, s.id);
	sqlite3_bind_int(st, 2, tx.day);
	sqlite3_bind_int(st, 3, seq);
	sqlite3_bind_text(st, 4, number, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 5, priority ? 1 : 0);
	sqlite3_bind_int64(st, 6, tx.now.wall_ms);
	sqlite3_bind_int64(st, 7, tx.now.mono_ms);
	sqlite3_bind_int64(st, 8, tx.now.boot);
	if (!db_step_done(db, st, r, "issuing a ticket")) {
		goto fail;
	}
	int64_t id = sqlite3_last_insert_rowid(db_handle(db));
	if (!queue_get(db, id, t, r)) {
		goto fail;
	}
	estimate_wait(db, &s, tx.day, priority, id, t);
	if (!log_ticket_event(db, EVENT_ISSUE, t, 0, NULL, priority ? "priority" : "", r)
			|| !db_commit(db, r)) {
		goto fail;
	}
	return true;
fail:
	db_rollback(db);
	return false;
}

/* Loads counter `number` and refuses it when it cannot take citizens. */
static bool open_counter(struct db *db, int number, bool need_open, struct counter *c,
	struct result *r)
{
	if (!counter_find(db, number, c, r)) {
		return false;
	}
	if (need_open && c->state == COUNTER_PAUSED) {
		return result_fail(r, RESULT_ERR_STATE, "counter %d is paused (%s): resume it first",
			number, c->pause_reason);
	}
	if (need_open && c->state == COUNTER_CLOSED) {
		return result_fail(r, RESULT_ERR_STATE, "counter %d is closed", number);
	}
	return true;
}

/* The counter's current ticket, if it is still being handled there. */
static bool current_ticket(struct db *db, const struct counter *c, struct ticket *t,
	struct result *r)
{
	if (!c->current_ticket || !queue_get(db, c->current_ticket, t, r)
			|| (t->status != TICKET_CALLED && t->status != TICKET_SERVING)) {
		return result_fail(r, RESULT_ERR_STATE, "counter %d has no citizen being served",
			c->number);
	}
	return true;
}

static bool set_counter_ticket(struct db *db, int64_t counter_id, int64_t ticket_id,
	int normals, struct result *r)
{
	sqlite3_stmt *st = db_prepare(db,
		"UPDATE counters SET current_ticket = nullif(?, 0),"
		" normals_since_priority = coalesce(?, normals_since_priority) WHERE id = ?");
	if (!st) {
		return db_fail(db, r, "updating a counter");
	}
	sqlite3_bind_int64(st, 1, ticket_id);
	if (normals >= 0) {
		sqlite3_bind_int(st, 2, normals);
	}
	sqlite3_bind_int64(st, 3, counter_id);
	return db_step_done(db, st, r, "updating a counter");
}

/*
 * Ends the ticket's time at a counter with a final status; service time runs
 * from the call. Detaches it from the counter.
 */
static bool end_ticket(struct db *db, const struct day_txn *tx, const struct counter *c,
	struct ticket *t, const char *status, enum event_kind kind, const char *detail,
	struct result *r)
{
	sqlite3_stmt *st = db_prepare(db,
		"SELECT called_ms, called_mono, called_boot FROM tickets WHERE id = ?");
	if (!st) {
		return db_fail(db, r, "finishing a ticket");
	}
	sqlite3_bind_int64(st, 1, t->id);
	struct clock_stamp called = tx->now;
	if (sqlite3_step(st) == SQLITE_ROW) {
		called.wall_ms = sqlite3_column_int64(st, 0);
		called.mono_ms = sqlite3_column_int64(st, 1);
		called.boot = sqlite3_column_int64(st, 2);
	}
	sqlite3_reset(st);
	bool timed = strcmp(status, "noshow") != 0;
	st = db_prepare(db, "UPDATE tickets SET status = ?, finished_ms = ?,"
		" service_ms = CASE WHEN ? THEN ? ELSE NULL END WHERE id = ?");
	if (!st) {
		return db_fail(db, r, "finishing a ticket");
	}
	sqlite3_bind_text(st, 1, status, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, tx->now.wall_ms);
	sqlite3_bind_int(st, 3, timed ? 1 : 0);
	sqlite3_bind_int64(st, 4, clock_between_ms(&called, &tx->now));
	sqlite3_bind_int64(st, 5, t->id);
	if (!db_step_done(db, st, r, "finishing a ticket")
			|| !set_counter_ticket(db, c->id, 0, -1, r)
			|| !log_ticket_event(db, kind, t, c->number, c->officer, detail, r)) {
		return false;
	}
	return queue_get(db, t->id, t, r);
}

/* Finishes the counter's current ticket as done, if it has one. */
static bool finish_current(struct db *db, const struct day_txn *tx, const struct counter *c,
	struct result *r)
{
	struct ticket cur;
	if (!c->current_ticket || !queue_get(db, c->current_ticket, &cur, NULL)
			|| (cur.status != TICKET_CALLED && cur.status != TICKET_SERVING)) {
		return true;
	}
	return end_ticket(db, tx, c, &cur, "done", EVENT_FINISH, NULL, r);
}

/* The best waiting ticket of one class (priority or not) for the counter; 0 = none. */
#define PLAN_MAX 64

/* Ids of waiting tickets of one class the counter may call, in line order. */
static size_t waiting_ids(struct db *db, const struct counter *c, int day, bool priority,
	int64_t *ids, size_t max)
{
	sqlite3_stmt *st = db_prepare(db,
		"SELECT t.id FROM tickets t WHERE t.status = 'waiting' AND t.day = ?1"
		" AND t.priority = ?2 AND (t.target_counter = ?3 OR (t.target_counter IS NULL"
		" AND t.service_id IN (SELECT service_id FROM counter_services"
		" WHERE counter_id = ?4)))"
		" ORDER BY t.line_ms, t.id LIMIT ?5");
	size_t n = 0;
	if (!st) {
		return 0;
	}
	sqlite3_bind_int(st, 1, day);
	sqlite3_bind_int(st, 2, priority ? 1 : 0);
	sqlite3_bind_int(st, 3, c->number);
	sqlite3_bind_int64(st, 4, c->id);
	sqlite3_bind_int64(st, 5, (int64_t)max);
	while (n < max && sqlite3_step(st) == SQLITE_ROW) {
		ids[n++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	return n;
}

static int normals_since_priority(struct db *db, const struct counter *c)
{
	sqlite3_stmt *st = db_prepare(db,
		"SELECT normals_since_priority FROM counters WHERE id = ?");
	int n = 0;
	if (st) {
		sqlite3_bind_int64(st, 1, c->id);
		if (sqlite3_step(st) == SQLITE_ROW) {
			n = sqlite3_column_int(st, 0);
		}
		sqlite3_reset(st);
	}
	return n;
}

/*
 * The next `max` calls of the counter, in order, by the priority rule.
 * strict: any waiting priority ticket first. interleave: a priority ticket
 * after every N normal ones, so neither line starves; either class is taken
 * when the other is empty. *normals_after is the counter's tally after the
 * first call. Call-next and the officer's "next numbers" list share this.
 */
static size_t plan_calls(struct db *db, const struct counter *c, int day, int64_t *ids,
	size_t max, int *normals_after)
{
	int64_t prio[PLAN_MAX], norm[PLAN_MAX];
	if (max > PLAN_MAX) {
		max = PLAN_MAX;
	}
	size_t np = waiting_ids(db, c, day, true, prio, max);
	size_t nn = waiting_ids(db, c, day, false, norm, max);
	char rule[16];
	settings_get(db, "priority_rule", rule, sizeof(rule));
	bool strict = strcmp(rule, "strict") == 0;
	long every = settings_get_int(db, "priority_every");
	int normals = normals_since_priority(db, c);
	size_t n = 0, ip = 0, in = 0;
	while (n < max && (ip < np || in < nn)) {
		bool take_prio = (ip == np || in == nn) ? ip < np : strict || normals >= every;
		ids[n++] = take_prio ? prio[ip++] : norm[in++];
		normals = take_prio ? 0 : normals + 1;
		if (n == 1 && normals_after) {
			*normals_after = normals;
		}
	}
	return n;
}

bool queue_upcoming(struct db *db, int counter, struct ticket *out, size_t max, size_t *n,
	struct result *r)
{
	struct counter c;
	int64_t ids[PLAN_MAX];
	*n = 0;
	if (!counter_find(db, counter, &c, r)) {
		return false;
	}
	size_t k = plan_calls(db, &c, day_effective(db), ids, max, NULL);
	for (size_t i = 0; i < k; i++) {
		if (!queue_get(db, ids[i], &out[*n], r)) {
			return false;
		}
		(*n)++;
	}
	return true;
}

/* The officer's name as given by a program or a keypad: short UTF-8 text. */
static bool officer_ok(const char *officer, struct result *r)
{
	return !officer || text_check("tên cán bộ", officer, 63, *officer ? TEXT_REQUIRED : 0, r);
}

/* Claims ticket id for the counter: called, wait time measured, event logged. */
static bool claim(struct db *db, const struct day_txn *tx, const struct counter *c,
	const char *officer, int64_t id, int normals, const char *detail, struct ticket *t,
	struct result *r)
{
	sqlite3_stmt *st = db_prepare(db,
		"SELECT enq_ms, enq_mono, enq_boot FROM tickets WHERE id = ?");
	if (!st) {
		return db_fail(db, r, "calling a ticket");
	}
	sqlite3_bind_int64(st, 1, id);
	struct clock_stamp enq = tx->now;
	if (sqlite3_step(st) == SQLITE_ROW) {
		enq.wall_ms = sqlite3_column_int64(st, 0);
		enq.mono_ms = sqlite3_column_int64(st, 1);
		enq.boot = sqlite3_column_int64(st, 2);
	}
	sqlite3_reset(st);
	/* The status guard makes the claim a no-op on a ticket no longer waiting. */
	st = db_prepare(db, "UPDATE tickets SET status = 'called', counter = ?, officer = ?,"
		" called_ms = ?, called_mono = ?, called_boot = ?, wait_ms = coalesce(wait_ms, ?),"
		" target_counter = NULL WHERE id = ? AND status IN ('waiting', 'noshow')");
	if (!st) {
		return db_fail(db, r, "calling a ticket");
	}
	sqlite3_bind_int(st, 1, c->number);
	sqlite3_bind_text(st, 2, officer, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, tx->now.wall_ms);
	sqlite3_bind_int64(st, 4, tx->now.mono_ms);
	sqlite3_bind_int64(st, 5, tx->now.boot);
	sqlite3_bind_int64(st, 6, clock_between_ms(&enq, &tx->now));
	sqlite3_bind_int64(st, 7, id);
	if (!db_step_done(db, st, r, "calling a ticket")) {
		return false;
	}
	if (sqlite3_changes(db_handle(db)) != 1) {
		return result_fail(r, RESULT_ERR_STATE, "that ticket is no longer waiting");
	}
	return set_counter_ticket(db, c->id, id, normals, r)
		&& queue_get(db, id, t, r)
		&& log_ticket_event(db, EVENT_CALL, t, c->number, officer, detail, r);
}

bool queue_call_next(struct db *db, int counter, const char *officer, struct ticket *t,
	struct result *r)
{
	struct day_txn tx;
	struct counter c;
	if (!officer_ok(officer, r) || !day_begin(db, &tx, r)) {
		return false;
	}
	if (!open_counter(db, counter, true, &c, r) || !finish_current(db, &tx, &c, r)) {
		goto fail;
	}
	const char *who = officer && *officer ? officer : c.officer;
	int normals = 0;
	int64_t id = 0;
	if (!plan_calls(db, &c, tx.day, &id, 1, &normals)) {
		/* Keep the finish of the previous citizen. */
		if (!db_commit(db, r)) {
			return false;
		}
		return result_fail(r, RESULT_ERR_EMPTY, "nobody is waiting for counter %d", counter);
	}
	if (!claim(db, &tx, &c, who, id, normals, NULL, t, r) || !db_commit(db, r)) {
		goto fail;
	}
	return true;
fail:
	db_rollback(db);
	return false;
}

bool queue_call_number(struct db *db, int counter, const char *number,
	const char *officer, struct ticket *t, struct result *r)
{
	struct day_txn tx;
	struct counter c;
	struct ticket found;
	if (!officer_ok(officer, r) || !day_begin(db, &tx, r)) {
		return false;
	}
	if (!open_counter(db, counter, true, &c, r)
			|| !find_number(db, tx.day, number, NULL, &found, r)) {
		goto fail;
	}
	if (found.status != TICKET_WAITING && found.status != TICKET_NOSHOW) {
		result_fail(r, RESULT_ERR_STATE, "ticket %s is %s, not waiting", number,
			ticket_status_name(found.status));
		goto fail;
	}
	if (!finish_current(db, &tx, &c, r)) {
		goto fail;
	}
	const char *who = officer && *officer ? officer : c.officer;
	if (!claim(db, &tx, &c, who, found.id, -1, "out of order", t, r) || !db_commit(db, r)) {
		goto fail;
	}
	return true;
fail:
	db_rollback(db);
	return false;
}

bool queue_recall(struct db *db, int counter, struct ticket *t, struct result *r)
{
	struct day_txn tx;
	struct counter c;
	if (!day_begin(db, &tx, r)) {
		return false;
	}
	if (!open_counter(db, counter, false, &c, r) || !current_ticket(db, &c, t, r)) {
		goto fail;
	}
	sqlite3_stmt *st = db_prepare(db, "UPDATE tickets SET recalls = recalls + 1 WHERE id = ?");
	if (st) {
		sqlite3_bind_int64(st, 1, t->id);
	}
	if (!db_step_done(db, st, r, "recalling") || !queue_get(db, t->id, t, r)
			|| !log_ticket_event(db, EVENT_RECALL, t, c.number, c.officer, NULL, r)
			|| !db_commit(db, r)) {
		goto fail;
	}
	return true;
fail:
	db_rollback(db);
	return false;
}

/* Shared shape of skip and finish: act on the counter's current ticket. */
static bool end_current(struct db *db, int counter, const char *status, enum event_kind kind,
	struct ticket *t, struct result *r)
{
	struct day_txn tx;
	struct counter c;
	if (!day_begin(db, &tx, r)) {
		return false;
	}
	if (!open_counter(db, counter, false, &c, r) || !current_ticket(db, &c, t, r)
			|| !end_ticket(db, &tx, &c, t, status, kind, NULL, r) || !db_commit(db, r)) {
		db_rollback(db);
		return false;
	}
	return true;
}

bool queue_skip(struct db *db, int counter, struct ticket *t, struct result *r)
{
	return end_current(db, counter, "noshow", EVENT_SKIP, t, r);
}

bool queue_finish(struct db *db, int counter, struct ticket *t, struct result *r)
{
	return end_current(db, counter, "done", EVENT_FINISH, t, r);
}

bool queue_requeue(struct db *db, const char *number, const char *service_code,
	struct ticket *t, struct result *r)
{
	struct day_txn tx;
	if (!day_begin(db, &tx, r)) {
		return false;
	}
	if (!find_number(db, tx.day, number, service_code, t, r)) {
		goto fail;
	}
	if (t->status != TICKET_NOSHOW) {
		result_fail(r, RESULT_ERR_STATE, "ticket %s is %s, not a no-show", number,
			ticket_status_name(t->status));
		goto fail;
	}
	/* Back at its original place in line (line_ms is untouched). */
	sqlite3_stmt *st = db_prepare(db, "UPDATE tickets SET status = 'waiting', counter = NULL,"
		" finished_ms = NULL, service_ms = NULL WHERE id = ?");
	if (st) {
		sqlite3_bind_int64(st, 1, t->id);
	}
	if (!db_step_done(db, st, r, "putting a ticket back") || !queue_get(db, t->id, t, r)
			|| !log_ticket_event(db, EVENT_REQUEUE, t, 0, NULL, NULL, r) || !db_commit(db, r)) {
		goto fail;
	}
	return true;
fail:
	db_rollback(db);
	return false;
}

bool queue_transfer(struct db *db, int counter, const char *to_service, int to_counter,
	struct ticket *t, struct result *r)
{
	struct day_txn tx;
	struct counter c, target;
	struct service svc;
	struct ticket cur;
	if (!to_service && to_counter <= 0) {
		return result_fail(r, RESULT_ERR_INVALID, "transfer needs a service or a counter");
	}
	if (!day_begin(db, &tx, r)) {
		return false;
	}
	if (!open_counter(db, counter, false, &c, r) || !current_ticket(db, &c, &cur, r)) {
		goto fail;
	}
	if (to_service) {
		if (!service_find(db, to_service, &svc, r)) {
			goto fail;
		}
		if (!svc.active) {
			result_fail(r, RESULT_ERR_STATE, "service %s is disabled", to_service);
			goto fail;
		}
	} else if (!service_get(db, cur.service_id, &svc, r)) {
		goto fail;
	}
	if (to_counter > 0 && !open_counter(db, to_counter, false, &target, r)) {
		goto fail;
	}
	if (to_counter > 0 && target.state == COUNTER_CLOSED) {
		/* Nobody would ever call them there. (Paused is fine: it resumes.) */
		result_fail(r, RESULT_ERR_STATE, "counter %d is closed", to_counter);
		goto fail;
	}
	if (to_counter == counter && svc.id == cur.service_id) {
		result_fail(r, RESULT_ERR_INVALID, "the ticket is already at counter %d", counter);
		goto fail;
	}
	char detail[128];
	if (to_counter > 0) {
		snprintf(detail, sizeof(detail), "to %s counter %d", svc.code, to_counter);
	} else {
		snprintf(detail, sizeof(detail), "to %s", svc.code);
	}
	if (!end_ticket(db, &tx, &c, &cur, "transferred", EVENT_TRANSFER, detail, r)) {
		goto fail;
	}
	/* The new row keeps the number, priority, issue time and place in line. */
	sqlite3_stmt *st = db_prepare(db,
		"INSERT INTO tickets(service_id, day, seq, number, priority, status, target_counter,"
		" issued_ms, line_ms, enq_ms, enq_mono, enq_boot, wait_ms, transferred_from)"
		" SELECT ?, day, seq, number, priority, 'waiting', nullif(?, 0), issued_ms, line_ms,"
		" ?, ?, ?, wait_ms, id FROM tickets WHERE id = ?");
	if (!st) {
		db_fail(db, r, "transferring");
		goto fail;
	}
	sqlite3_bind_int64(st, 1, svc.id);
	sqlite3_bind_int(st, 2, to_counter > 0 ? to_counter : 0);
	sqlite3_bind_int64(st, 3, tx.now.wall_ms);
	sqlite3_bind_int64(st, 4, tx.now.mono_ms);
	sqlite3_bind_int64(st, 5, tx.now.boot);
	sqlite3_bind_int64(st, 6, cur.id);
	if (!db_step_done(db, st, r, "transferring")
			|| !queue_get(db, sqlite3_last_insert_rowid(db_handle(db)), t, r)
			|| !db_commit(db, r)) {
		goto fail;
	}
	return true;
fail:
	db_rollback(db);
	return false;
}

/* True when status is one of the comma-separated names in list. */
static bool status_in(const char *status, const char *list)
{
	size_t len = strlen(status);
	for (const char *p = list; *p;) {
		size_t n = strcspn(p, ",");
		if (n == len && strncmp(p, status, n) == 0) {
			return true;
		}
		p += n + (p[n] == ',');
	}
	return false;
}

/*
 * Moves a ticket in one of the `from` states (comma-separated) to `to`, with
 * an event; a counter that was serving it is freed.
 */
static bool change_status(struct db *db, int64_t id, const char *from, const char *to,
	enum event_kind kind, const char *detail, struct result *r)
{
	struct day_txn tx;
	struct ticket t;
	if (!day_begin(db, &tx, r)) {
		return false;
	}
	if (!queue_get(db, id, &t, r)) {
		goto fail;
	}
	const char *now = ticket_status_name(t.status);
	if (!status_in(now, from)) {
		result_fail(r, RESULT_ERR_STATE, "ticket %s is %s; only a %s ticket can be %s",
			t.number, now, from, to);
		goto fail;
	}
	sqlite3_stmt *st = db_prepare(db,
		"UPDATE tickets SET status = ?, finished_ms = ? WHERE id = ?");
	if (st) {
		sqlite3_bind_text(st, 1, to, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, tx.now.wall_ms);
		sqlite3_bind_int64(st, 3, id);
	}
	if (!db_step_done(db, st, r, "changing a ticket")) {
		goto fail;
	}
	st = db_prepare(db, "UPDATE counters SET current_ticket = NULL WHERE current_ticket = ?");
	if (st) {
		sqlite3_bind_int64(st, 1, id);
	}
	if (!db_step_done(db, st, r, "freeing the counter")
			|| !log_ticket_event(db, kind, &t, t.counter, NULL, detail, r)
			|| !db_commit(db, r)) {
		goto fail;
	}
	return true;
fail:
	db_rollback(db);
	return false;
}

bool queue_cancel(struct db *db, int64_t ticket_id, const char *reason, struct result *r)
{
	return text_check("lý do hủy", reason, 255, 0, r)
		&& change_status(db, ticket_id, "waiting,noshow", "cancelled", EVENT_CANCEL, reason, r);
}

bool queue_void(struct db *db, int64_t ticket_id, const char *reason, struct result *r)
{
	/* An officer may have called the number while its paper was printing. */
	return change_status(db, ticket_id, "waiting,called,serving", "void", EVENT_VOID, reason, r);
}

bool queue_rate(struct db *db, int64_t ticket_id, enum ticket_rating rating,
	struct result *r)
{
	struct day_txn tx;
	struct ticket t;
	if (rating < RATING_VERY_SATISFIED || rating > RATING_UNSATISFIED) {
		return result_fail(r, RESULT_ERR_INVALID, "rating must be 1 to 4");
	}
	if (!day_begin(db, &tx, r)) {
		return false;
	}
	if (!queue_get(db, ticket_id, &t, r)) {
		goto fail;
	}
	if (t.status != TICKET_DONE && t.status != TICKET_TRANSFERRED) {
		result_fail(r, RESULT_ERR_STATE, "ticket %s is %s: only a served ticket is rated",
			t.number, ticket_status_name(t.status));
		goto fail;
	}
	if (t.rating != RATING_NONE) {
		result_fail(r, RESULT_ERR_STATE, "ticket %s was already rated", t.number);
		goto fail;
	}
	sqlite3_stmt *st = db_prepare(db,
		"UPDATE tickets SET rating = ?, rated_ms = ? WHERE id = ?");
	if (st) {
		sqlite3_bind_int(st, 1, (int)rating);
		sqlite3_bind_int64(st, 2, tx.now.wall_ms);
		sqlite3_bind_int64(st, 3, ticket_id);
	}
	char detail[8];
	snprintf(detail, sizeof(detail), "%d", (int)rating);
	if (!db_step_done(db, st, r, "rating") || !log_ticket_event(db, EVENT_RATE, &t, t.counter,
			t.officer, detail, r) || !db_commit(db, r)) {
		goto fail;
	}
	return true;
fail:
	db_rollback(db);
	return false;
}

bool queue_day_reset(struct db *db, int *from, int *to, struct result *r)
{
	struct day_reset_report rep;
	bool ok = day_reset(db, &rep, r);
	*from = rep.from;
	*to = rep.to;
	return ok;
}

int queue_business_day(struct db *db)
{
	return day_current(db);
}

bool queue_rollover(struct db *db, struct result *r)
{
	struct day_txn tx;
	return day_begin(db, &tx, r) && db_commit(db, r);
}
