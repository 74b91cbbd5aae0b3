#pragma once
/*
 * Read-only lists of today's tickets for one counter, for the officer's
 * screens: who is next (in the order call-next would take them) and which
 * no-shows can be put back or called again.
 */
#include <stdbool.h>
#include <stddef.h>
#include "motcua/db.h"
#include "motcua/queue.h"

/*
 * Up to max waiting tickets the counter could call, in call order (the
 * priority rule, then line time), into out; *n is the count.
 */
bool ticketlist_waiting(struct db *db, int counter, struct ticket *out, size_t max, size_t *n,
	struct result *r);

/* Up to max of today's no-shows for the counter's services, latest first. */
bool ticketlist_noshows(struct db *db, int counter, struct ticket *out, size_t max, size_t *n,
	struct result *r);
