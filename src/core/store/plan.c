/*
 * The call-order planner (plan.h).
 *
 * People ahead of a new ticket, defined: the number of waiting tickets that
 * the counters able to call it (the open counters serving its field) would
 * call before it, if nobody else arrived, in a simulation of the counters
 * taking turns:
 *  - every open counter takes part, also those not serving the field,
 *    because they take shared tickets off the other lines; when no counter
 *    serving the field is open, the paused and closed ones serving it take
 *    part (the line waits for them to come back);
 *  - a counter is free once the estimated service time of its current
 *    citizen has run out (at once if it has none);
 *  - the counter free earliest (the lowest number on a tie) calls the next
 *    ticket of its own line by the priority rule and its own tally (the
 *    same code as call-next), skipping tickets another counter already
 *    took, and is then busy for that ticket's field estimate;
 *  - it ends when our ticket is called. People ahead = tickets called
 *    before it by counters serving its field; estimated wait = the
 *    simulated time at which it is called.
 * A field estimate is today's average service time once three citizens of
 * the field were finished, else the field's own estimate, else the
 * est_service_s setting.
 *
 * Why a simulation: counters serve several fields and take priority tickets
 * by their own tally, so neither "same field" nor "minimum over counters"
 * counts who really goes first, and the same rule as call-next keeps the
 * paper, the kiosk and `issue --json` in agreement with what happens.
 */
#define LOG_MODULE "plan"
#include <stdlib.h>
#include <string.h>
#include "motcua/base/xalloc.h"
#include "motcua/store/services.h"
#include "motcua/store/settings.h"
#include "plan.h"

#define WAIT_MAX_S 86400

void plan_rule_load(struct db *db, struct plan_rule *rule)
{
	char text[16];
	settings_get(db, "priority_rule", text, sizeof(text));
	rule->strict = strcmp(text, "strict") == 0;
	rule->every = settings_get_int(db, "priority_every");
}

static void line_add(struct plan_line *l, int cls, struct plan_entry e)
{
	if (l->n[cls] == l->cap[cls]) {
		l->cap[cls] = l->cap[cls] ? l->cap[cls] * 2 : 16;
		l->cls[cls] = xrealloc(l->cls[cls], l->cap[cls] * sizeof(struct plan_entry));
	}
	l->cls[cls][l->n[cls]++] = e;
}

/* A callable row: ticket_id, line_seq, service_id from column `first` on. */
static struct plan_entry entry_at(sqlite3_stmt *st, int first)
{
	return (struct plan_entry){
		.id = sqlite3_column_int64(st, first),
		.line_seq = sqlite3_column_int64(st, first + 1),
		.service_id = sqlite3_column_int64(st, first + 2),
	};
}

/* Appends the counter's callable tickets of one class, in line order. */
static bool load_class(struct db *db, const struct counter *c, int day, int priority,
	size_t max, struct plan_line *l, struct result *r)
{
	sqlite3_stmt *st = db_prepare(db,
		"SELECT ticket_id, line_seq, service_id FROM callable"
		" WHERE counter_id = ?1 AND day = ?2 AND priority = ?3"
		" ORDER BY line_seq, ticket_id LIMIT ?4");
	if (!st) {
		return db_fail(db, r, "đọc hàng chờ");
	}
	sqlite3_bind_int64(st, 1, c->id);
	sqlite3_bind_int(st, 2, day);
	sqlite3_bind_int(st, 3, priority);
	sqlite3_bind_int64(st, 4, max ? (int64_t)max : -1);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		line_add(l, priority, entry_at(st, 0));
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE || db_fail(db, r, "đọc hàng chờ");
}

bool plan_line_load(struct db *db, const struct counter *c, int day, size_t max,
	struct plan_line *l, struct result *r)
{
	memset(l, 0, sizeof(*l));
	l->counter = c->number;
	sqlite3_stmt *st = db_prepare(db,
		"SELECT normals_since_priority FROM counters WHERE id = ?");
	if (!st) {
		return db_fail(db, r, "đọc thông tin quầy");
	}
	sqlite3_bind_int64(st, 1, c->id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		l->normals = sqlite3_column_int(st, 0);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		return db_fail(db, r, "đọc thông tin quầy");
	}
	if (!load_class(db, c, day, 0, max, l, r) || !load_class(db, c, day, 1, max, l, r)) {
		plan_line_finish(l);
		return false;
	}
	return true;
}

void plan_line_finish(struct plan_line *l)
{
	if (!l) {
		return;
	}
	free(l->cls[0]);
	free(l->cls[1]);
	memset(l, 0, sizeof(*l));
}

/* --- tickets already called in a simulation: a small open-addressing set -- */

struct taken {
	int64_t *slots;   /* 0 = empty (ticket ids are positive) */
	size_t mask;
};

static void taken_init(struct taken *s, size_t expected)
{
	size_t size = 64;
	while (size < expected * 2) {
		size *= 2;
	}
	s->slots = xcalloc(size, sizeof(*s->slots));
	s->mask = size - 1;
}

static size_t taken_slot(const struct taken *s, int64_t id)
{
	size_t i = (size_t)((uint64_t)id * UINT64_C(0x9e3779b97f4a7c15) >> 32) & s->mask;
	while (s->slots[i] && s->slots[i] != id) {
		i = (i + 1) & s->mask;
	}
	return i;
}

static bool taken_has(const struct taken *s, int64_t id)
{
	return s && s->slots[taken_slot(s, id)] == id;
}

/* The set is sized for every ticket of every line, so it never fills. */
static void taken_add(struct taken *s, int64_t id)
{
	s->slots[taken_slot(s, id)] = id;
}

/* --- the rule ------------------------------------------------------------ */

static const struct plan_entry *head(struct plan_line *l, int cls, const struct taken *taken)
{
	while (l->head[cls] < l->n[cls] && taken_has(taken, l->cls[cls][l->head[cls]].id)) {
		l->head[cls]++;
	}
	return l->head[cls] < l->n[cls] ? &l->cls[cls][l->head[cls]] : NULL;
}

static const struct plan_entry *next_call(struct plan_line *l, const struct plan_rule *rule,
	const struct taken *taken)
{
	const struct plan_entry *p = head(l, 1, taken), *n = head(l, 0, taken);
	if (!p && !n) {
		return NULL;
	}
	bool take_prio = !p || !n ? p != NULL
		: rule->strict || p->line_seq < n->line_seq || l->normals >= rule->every;
	l->head[take_prio ? 1 : 0]++;
	l->normals = take_prio ? 0 : l->normals + 1;
	return take_prio ? p : n;
}

const struct plan_entry *plan_line_next(struct plan_line *l, const struct plan_rule *rule)
{
	return next_call(l, rule, NULL);
}

/* --- people ahead -------------------------------------------------------- */

struct estimates {
	int64_t *service_id;
	int *seconds;
	size_t n;
	int fallback;
};

static int estimate_for(const struct estimates *e, int64_t service_id)
{
	for (size_t i = 0; i < e->n; i++) {
		if (e->service_id[i] == service_id) {
			return e->seconds[i];
		}
	}
	return e->fallback;
}

static void estimates_finish(struct estimates *e)
{
	free(e->service_id);
	free(e->seconds);
}

/* Each field's service estimate (see the top of this file). */
static bool estimates_load(struct db *db, int day, struct estimates *e, struct result *r)
{
	struct service *list;
	memset(e, 0, sizeof(*e));
	e->fallback = (int)settings_get_int(db, "est_service_s");
	if (!service_list(db, false, &list, &e->n, r)) {
		return false;
	}
	e->service_id = xcalloc(e->n + 1, sizeof(*e->service_id));
	e->seconds = xcalloc(e->n + 1, sizeof(*e->seconds));
	for (size_t i = 0; i < e->n; i++) {
		e->service_id[i] = list[i].id;
		e->seconds[i] = list[i].est_service_s ? list[i].est_service_s : e->fallback;
	}
	free(list);
	sqlite3_stmt *st = db_prepare(db,
		"SELECT service_id, count(*), avg(service_ms) FROM tickets"
		" WHERE status = 'done' AND day = ? AND service_ms IS NOT NULL GROUP BY service_id");
	if (!st) {
		estimates_finish(e);
		return db_fail(db, r, "ước tính thời gian phục vụ");
	}
	sqlite3_bind_int(st, 1, day);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		/* Three finished citizens are enough to trust today's pace. */
		if (sqlite3_column_int(st, 1) < 3) {
			continue;
		}
		double avg_s = sqlite3_column_double(st, 2) / 1000.0;
		int64_t id = sqlite3_column_int64(st, 0);
		for (size_t i = 0; i < e->n; i++) {
			if (e->service_id[i] == id) {
				e->seconds[i] = avg_s > 7200 ? 7200 : (int)(avg_s + 0.5);
			}
		}
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		estimates_finish(e);
		return db_fail(db, r, "ước tính thời gian phục vụ");
	}
	return true;
}

struct sim {
	struct plan_line *lines;
	int64_t *counter_id;
	int64_t *free_at;    /* ms from now; -1 once the line is empty */
	bool *serves;        /* the counter serves the ticket's field */
	size_t n;
};

static void sim_finish(struct sim *s)
{
	for (size_t i = 0; i < s->n; i++) {
		plan_line_finish(&s->lines[i]);
	}
	free(s->lines);
	free(s->counter_id);
	free(s->free_at);
	free(s->serves);
}

/*
 * The counters taking part (see the top of this file): each with its tally
 * and how long its current citizen (ticket_rules.at_counter) still needs.
 */
static bool sim_counters(struct db *db, int64_t service_id, const struct estimates *e,
	int64_t now_ms, struct sim *s, struct result *r)
{
	sqlite3_stmt *st = db_prepare(db,
		"SELECT c.id, c.number, c.state = 'open', c.normals_since_priority,"
		" EXISTS (SELECT 1 FROM counter_services cs WHERE cs.counter_id = c.id"
		" AND cs.service_id = ?1), t.service_id, t.called_ms"
		" FROM counters c LEFT JOIN ticket_rules x ON x.id = c.current_ticket AND x.at_counter"
		" LEFT JOIN tickets t ON t.id = x.id ORDER BY c.number");
	if (!st) {
		return db_fail(db, r, "đọc danh sách quầy");
	}
	sqlite3_bind_int64(st, 1, service_id);
	size_t cap = 0;
	bool any_open = false;
	int rc;
	/* Rows are kept for all counters first; the ones not taking part go below. */
	bool *open = NULL;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (s->n == cap) {
			cap = cap ? cap * 2 : 16;
			s->lines = xrealloc(s->lines, cap * sizeof(*s->lines));
			s->counter_id = xrealloc(s->counter_id, cap * sizeof(*s->counter_id));
			s->free_at = xrealloc(s->free_at, cap * sizeof(*s->free_at));
			s->serves = xrealloc(s->serves, cap * sizeof(*s->serves));
			open = xrealloc(open, cap * sizeof(*open));
		}
		size_t i = s->n++;
		memset(&s->lines[i], 0, sizeof(s->lines[i]));
		s->counter_id[i] = sqlite3_column_int64(st, 0);
		s->lines[i].counter = sqlite3_column_int(st, 1);
		open[i] = sqlite3_column_int(st, 2) != 0;
		s->lines[i].normals = sqlite3_column_int(st, 3);
		s->serves[i] = sqlite3_column_int(st, 4) != 0;
		s->free_at[i] = 0;
		if (sqlite3_column_type(st, 5) != SQLITE_NULL) {
			int64_t left = estimate_for(e, sqlite3_column_int64(st, 5)) * INT64_C(1000)
				- (now_ms - sqlite3_column_int64(st, 6));
			s->free_at[i] = left > 0 ? left : 0;
		}
		any_open = any_open || (open[i] && s->serves[i]);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		free(open);
		return db_fail(db, r, "đọc danh sách quầy");
	}
	size_t kept = 0;
	for (size_t i = 0; i < s->n; i++) {
		if (open[i] || (!any_open && s->serves[i])) {
			s->lines[kept] = s->lines[i];
			s->counter_id[kept] = s->counter_id[i];
			s->free_at[kept] = s->free_at[i];
			s->serves[kept] = s->serves[i];
			kept++;
		}
	}
	s->n = kept;
	free(open);
	return true;
}

/* Every taking-part counter's line, in one read of the callable view. */
static bool sim_lines(struct db *db, int day, struct sim *s, struct result *r)
{
	sqlite3_stmt *st = db_prepare(db,
		"SELECT counter_id, priority, ticket_id, line_seq, service_id FROM callable"
		" WHERE day = ?1 ORDER BY counter_id, priority, line_seq, ticket_id");
	if (!st) {
		return db_fail(db, r, "đọc hàng chờ");
	}
	sqlite3_bind_int(st, 1, day);
	size_t k = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t counter_id = sqlite3_column_int64(st, 0);
		if (k >= s->n || s->counter_id[k] != counter_id) {
			for (k = 0; k < s->n && s->counter_id[k] != counter_id; k++) {
			}
		}
		if (k < s->n) {
			line_add(&s->lines[k], sqlite3_column_int(st, 1) != 0, entry_at(st, 2));
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE || db_fail(db, r, "đọc hàng chờ");
}

bool plan_ahead(struct db *db, int64_t ticket_id, int64_t service_id, int day, int64_t now_ms,
	int *ahead, int *est_wait_s, struct result *r)
{
	struct plan_rule rule;
	struct estimates e;
	struct sim s;
	*ahead = 0;
	*est_wait_s = 0;
	plan_rule_load(db, &rule);
	if (!estimates_load(db, day, &e, r)) {
		return false;
	}
	memset(&s, 0, sizeof(s));
	if (!sim_counters(db, service_id, &e, now_ms, &s, r) || !sim_lines(db, day, &s, r)) {
		sim_finish(&s);
		estimates_finish(&e);
		return false;
	}
	size_t total = 0;
	for (size_t i = 0; i < s.n; i++) {
		total += s.lines[i].n[0] + s.lines[i].n[1];
	}
	struct taken taken;
	taken_init(&taken, total);
	for (;;) {
		/* The counter free earliest; lines are in counter order, so ties go
		 * to the lowest number. Exhausted lines drop out. */
		size_t k = s.n;
		for (size_t i = 0; i < s.n; i++) {
			if (s.free_at[i] >= 0 && (k == s.n || s.free_at[i] < s.free_at[k])) {
				k = i;
			}
		}
		if (k == s.n) {
			break;  /* nobody calls it (no counter serves the field) */
		}
		const struct plan_entry *x = next_call(&s.lines[k], &rule, &taken);
		if (!x) {
			s.free_at[k] = -1;
			continue;
		}
		if (x->id == ticket_id) {
			int64_t wait_s = (s.free_at[k] + 999) / 1000;
			*est_wait_s = (int)(wait_s > WAIT_MAX_S ? WAIT_MAX_S : wait_s);
			break;
		}
		taken_add(&taken, x->id);
		*ahead += s.serves[k];
		s.free_at[k] += estimate_for(&e, x->service_id) * INT64_C(1000);
	}
	free(taken.slots);
	sim_finish(&s);
	estimates_finish(&e);
	return true;
}
