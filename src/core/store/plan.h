#pragma once
/*
 * Internal to the store: the call-order planner, the one place that decides
 * who a counter calls next. Call-next, the officer's "next numbers" list and
 * the people-ahead estimate of a new ticket all use it.
 *
 * A counter's line is what it may call (the `callable` view) split in two
 * classes, each in order of issue (line_seq). The priority rule picks the
 * class of the next call:
 *   strict      a waiting priority ticket always goes first;
 *   interleave  a priority ticket that came before the first normal one is
 *               simply first in line; a later one goes ahead of earlier
 *               normal tickets once the counter has called priority_every
 *               normal ones since its last priority call (the tally, kept
 *               per counter). So a priority citizen is never passed by a
 *               normal citizen who came after them, and neither class
 *               starves. Either class is taken when the other is empty.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "motcua/store/counters.h"
#include "motcua/store/db.h"

/* The priority rule (settings priority_rule and priority_every). */
struct plan_rule {
	bool strict;
	long every;
};

void plan_rule_load(struct db *db, struct plan_rule *rule);

struct plan_entry {
	int64_t id;          /* ticket */
	int64_t line_seq;    /* place in the day's line */
	int64_t service_id;
};

/* One counter's line. */
struct plan_line {
	int counter;                 /* number */
	int normals;                 /* the tally: normal calls since the last priority one */
	struct plan_entry *cls[2];   /* [0] normal, [1] priority, in line order */
	size_t n[2], cap[2], head[2];
};

/*
 * Loads what counter c may call on `day`: at most `max` tickets of each
 * class (0 = all) and its tally. False with r filled on a database error;
 * an empty line is not an error.
 */
bool plan_line_load(struct db *db, const struct counter *c, int day, size_t max,
	struct plan_line *l, struct result *r);
void plan_line_finish(struct plan_line *l);  /* NULL-safe */

/*
 * The counter's next call by the rule; advances the line and its tally.
 * NULL when the line is empty.
 */
const struct plan_entry *plan_line_next(struct plan_line *l, const struct plan_rule *rule);

/*
 * People ahead of waiting ticket `ticket_id` (of field service_id) and the
 * estimated wait until it is called, from a simulation of the counters
 * that can call it taking turns, each by its own line and the rule above
 * (see plan.c for the model). now_ms is the issue time.
 */
bool plan_ahead(struct db *db, int64_t ticket_id, int64_t service_id, int day, int64_t now_ms,
	int *ahead, int *est_wait_s, struct result *r);
