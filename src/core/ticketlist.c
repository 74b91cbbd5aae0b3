/*
 * Lists for the officer's screens. The waiting list replays the call-next
 * rule of queue.c (best_waiting + choose_next): tickets of the counter's
 * services or transferred to it, by line time (a transfer keeps its place),
 * with priority tickets taken strictly or after every priority_every normal
 * ones, counting from the counter's current tally. If queue.c changes its
 * order, tests/counter/test_ticketlist.c fails: keep the two in step.
 * Rows are read by id and loaded with queue_get, so the ticket fields are
 * filled in one place only.
 */
#define LOG_MODULE "ticketlist"
#include <string.h>
#include "day.h"
#include "motcua/counters.h"
#include "motcua/log.h"
#include "motcua/settings.h"
#include "motcua/ticketlist.h"

#define CLASS_MAX 64

/* Ids of waiting tickets of one class in call order; returns the count. */
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

bool ticketlist_waiting(struct db *db, int counter, struct ticket *out, size_t max, size_t *n,
	struct result *r)
{
	struct counter c;
	int64_t prio[CLASS_MAX], norm[CLASS_MAX];
	*n = 0;
	if (max > CLASS_MAX) {
		max = CLASS_MAX;
	}
	if (!counter_find(db, counter, &c, r)) {
		return false;
	}
	int day = day_current(db);
	size_t np = waiting_ids(db, &c, day, true, prio, max);
	size_t nn = waiting_ids(db, &c, day, false, norm, max);
	char rule[16];
	settings_get(db, "priority_rule", rule, sizeof(rule));
	bool strict = strcmp(rule, "strict") == 0;
	long every = settings_get_int(db, "priority_every", 2);
	int normals = normals_since_priority(db, &c);
	size_t ip = 0, in = 0;
	while (*n < max && (ip < np || in < nn)) {
		bool take_prio;
		if (ip == np || in == nn) {
			take_prio = ip < np;
		} else {
			take_prio = strict || normals >= every;
		}
		int64_t id = take_prio ? prio[ip++] : norm[in++];
		normals = take_prio ? 0 : normals + 1;
		if (queue_get(db, id, &out[*n], r)) {
			(*n)++;
		}
	}
	return true;
}

bool ticketlist_noshows(struct db *db, int counter, struct ticket *out, size_t max, size_t *n,
	struct result *r)
{
	struct counter c;
	*n = 0;
	if (!counter_find(db, counter, &c, r)) {
		return false;
	}
	sqlite3_stmt *st = db_prepare(db,
		"SELECT t.id FROM tickets t WHERE t.status = 'noshow' AND t.day = ?1"
		" AND (t.counter = ?2 OR t.service_id IN (SELECT service_id FROM counter_services"
		" WHERE counter_id = ?3))"
		" ORDER BY coalesce(t.finished_ms, t.called_ms) DESC, t.id DESC LIMIT ?4");
	if (!st) {
		return db_fail(db, r, "listing no-shows");
	}
	int64_t ids[CLASS_MAX];
	size_t k = 0;
	sqlite3_bind_int(st, 1, day_current(db));
	sqlite3_bind_int(st, 2, counter);
	sqlite3_bind_int64(st, 3, c.id);
	sqlite3_bind_int64(st, 4, (int64_t)(max < CLASS_MAX ? max : CLASS_MAX));
	while (k < CLASS_MAX && sqlite3_step(st) == SQLITE_ROW) {
		ids[k++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	for (size_t i = 0; i < k && *n < max; i++) {
		if (queue_get(db, ids[i], &out[*n], r)) {
			(*n)++;
		}
	}
	return true;
}
