#pragma once
/*
 * Internal to the store: the queue's rules are SQL views defined once in the
 * schema (schema.c, migration 4 -> 5: ticket_rules, callable, service_day).
 * Queries filter on their columns instead of re-typing status lists; this
 * module holds the lookups more than one module needs.
 */
#include <stdbool.h>
#include <stdint.h>
#include "motcua/store/db.h"

/*
 * The ticket counter counter_id is handling (ticket_rules.at_counter), or 0
 * when it has none. False with r filled on a database error.
 */
bool rules_counter_ticket(struct db *db, int64_t counter_id, int64_t *ticket_id,
	struct result *r);
