#pragma once
#include "motcua/store/layer.h"
/*
 * Read-only list of today's no-shows for one counter, for the officer's
 * "put back" and "call a number" pickers. Who is next: queue_upcoming().
 */
#include <stdbool.h>
#include <stddef.h>
#include "motcua/store/db.h"
#include "motcua/store/queue.h"

/* Up to max of today's no-shows for the counter's services, latest first. */
bool ticketlist_noshows(struct db *db, int counter, struct ticket *out, size_t max, size_t *n,
	struct result *r);
