/*
 * What the screens read. snapshot_changed() is the cheap poll (PRAGMA
 * data_version, which changes only when another connection commits);
 * snapshot_read() is the full read inside one read transaction so counters,
 * counts and calls are consistent with each other. Counts come from the
 * rule views (service_day, callable: see queue.h), the same definitions the
 * cap and call-next use, so the kiosk's "full" and the refusal agree.
 */
#define LOG_MODULE "snapshot"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "motcua/store/day.h"
#include "motcua/store/events.h"
#include "motcua/store/settings.h"
#include "motcua/store/snapshot.h"
#include "motcua/base/utf8.h"
#include "motcua/base/xalloc.h"
#include "rules.h"

void snapshot_finish(struct snapshot *s)
{
	if (!s) {
		return;
	}
	free(s->counters);
	free(s->services);
	memset(s, 0, sizeof(*s));
}

bool snapshot_changed(struct db *db, struct snapshot_watch *w)
{
	int64_t v = db_data_version(db);
	if (w->primed && v == w->data_version) {
		return false;
	}
	/* Every change a screen shows appends an event; a commit without one
	 * (a printer status update) is not a change for the screens. */
	int64_t last = events_last_id(db);
	bool changed = !w->primed || last != w->last_event_id;
	w->primed = true;
	w->data_version = v;
	w->last_event_id = last;
	return changed;
}

/* Waiting and issued counts per service for the day, and whether it is full. */
static bool count_services(struct db *db, struct snapshot *s, struct result *r)
{
	sqlite3_stmt *st = db_prepare(db,
		"SELECT service_id, waiting, waiting_priority, issued, full FROM service_day"
		" WHERE day = ?1");
	if (!st) {
		return db_fail(db, r, "đếm phiếu");
	}
	sqlite3_bind_int(st, 1, s->day);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		for (size_t i = 0; i < s->n_services; i++) {
			struct snapshot_service *ss = &s->services[i];
			if (ss->service.id == id) {
				ss->waiting = sqlite3_column_int(st, 1);
				ss->waiting_priority = sqlite3_column_int(st, 2);
				ss->issued_today = sqlite3_column_int(st, 3);
				ss->full = sqlite3_column_int(st, 4) != 0;
			}
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE || db_fail(db, r, "đếm phiếu");
}

static bool read_services(struct db *db, struct snapshot *s, struct result *r)
{
	struct service *list;
	if (!service_list(db, true, &list, &s->n_services, r)) {
		return false;
	}
	s->services = xcalloc(s->n_services, sizeof(*s->services));
	for (size_t i = 0; i < s->n_services; i++) {
		s->services[i].service = list[i];
	}
	free(list);
	return count_services(db, s, r);
}

/* Tickets waiting that this counter could call (the callable view). */
static bool counter_waiting(struct db *db, const struct counter *c, int day, int *n,
	struct result *r)
{
	sqlite3_stmt *st = db_prepare(db,
		"SELECT count(*) FROM callable WHERE counter_id = ?1 AND day = ?2");
	if (!st) {
		return db_fail(db, r, "đếm số người đang chờ");
	}
	sqlite3_bind_int64(st, 1, c->id);
	sqlite3_bind_int(st, 2, day);
	int rc = sqlite3_step(st);
	*n = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_reset(st);
	return rc == SQLITE_ROW || db_fail(db, r, "đếm số người đang chờ");
}

static bool read_counters(struct db *db, struct snapshot *s, struct result *r)
{
	struct counter *list;
	if (!counter_list(db, &list, &s->n_counters, r)) {
		return false;
	}
	s->counters = xcalloc(s->n_counters, sizeof(*s->counters));
	bool ok = true;
	for (size_t i = 0; ok && i < s->n_counters; i++) {
		struct snapshot_counter *sc = &s->counters[i];
		int64_t id = 0;
		sc->counter = list[i];
		ok = rules_counter_ticket(db, sc->counter.id, &id, r)
			&& (!id || queue_get(db, id, &sc->ticket, r))
			&& counter_waiting(db, &sc->counter, s->day, &sc->waiting, r);
		/* Yesterday's citizen is not "being served" this morning, even
		 * before the first write of the day expires the ticket. */
		sc->has_ticket = ok && id && sc->ticket.day == s->day;
		counter_services_text(db, &sc->counter, true, ", ", sc->service_names,
			sizeof(sc->service_names));
	}
	free(list);
	return ok;
}

static bool read_calls(struct db *db, struct snapshot *s, struct result *r)
{
	sqlite3_stmt *st = db_prepare(db,
		"SELECT e.id, e.at_ms, e.number, e.counter, coalesce(sv.name, ''), e.kind = 'recall'"
		" FROM events e LEFT JOIN services sv ON sv.code = e.service_code"
		" WHERE e.kind IN ('call', 'recall') AND e.at_ms >= ? ORDER BY e.id DESC LIMIT ?");
	if (!st) {
		return db_fail(db, r, "đọc các lượt gọi");
	}
	sqlite3_bind_int64(st, 1, clock_day_start_ms(s->day));
	sqlite3_bind_int(st, 2, SNAPSHOT_MAX_CALLS);
	int rc;
	s->n_calls = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && s->n_calls < SNAPSHOT_MAX_CALLS) {
		struct snapshot_call *c = &s->calls[s->n_calls++];
		c->event_id = sqlite3_column_int64(st, 0);
		c->at_ms = sqlite3_column_int64(st, 1);
		snprintf(c->number, sizeof(c->number), "%s", sqlite3_column_text(st, 2));
		c->counter = sqlite3_column_int(st, 3);
		utf8_copy(c->service_name, sizeof(c->service_name),
			(const char *)sqlite3_column_text(st, 4));
		c->recall = sqlite3_column_int(st, 5) != 0;
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW || db_fail(db, r, "đọc các lượt gọi");
}

bool snapshot_read(struct db *db, struct snapshot *s, struct result *r)
{
	memset(s, 0, sizeof(*s));
	/* One read transaction: every part below sees the same commit. */
	if (!db_exec(db, "BEGIN", r)) {
		return false;
	}
	s->day = day_effective(db);
	s->last_event_id = events_last_id(db);
	settings_get(db, "commune_name", s->commune_name, sizeof(s->commune_name));
	settings_get(db, "desk_name", s->desk_name, sizeof(s->desk_name));
	settings_get(db, "notice", s->notice, sizeof(s->notice));
	bool ok = read_services(db, s, r) && read_counters(db, s, r) && read_calls(db, s, r);
	db_exec(db, "COMMIT", NULL);
	if (!ok) {
		snapshot_finish(s);
	}
	return ok;
}
