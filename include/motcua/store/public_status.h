#pragma once
#include "motcua/store/layer.h"
/*
 * What a citizen's phone may know about one ticket, found by its status
 * token (ticket.h public_token, queue_find_public): the number, the field,
 * the state, the people ahead and the estimated wait (by the same planner
 * as the paper), and the counters that may call it with the number each is
 * serving. Nothing else of the desk: no names of officers, no other
 * tickets, no token.
 */
#include <stdbool.h>
#include <stddef.h>
#include "motcua/store/counters.h"
#include "motcua/store/db.h"
#include "motcua/store/ticket.h"

#define PUBLIC_STATUS_MAX_COUNTERS 16

struct public_counter {
	int number;
	char name[COUNTER_NAME_MAX + 1];
	enum counter_state state;
	char serving[16];             /* the number at the counter now, "" if none */
};

struct public_status {
	struct ticket ticket;         /* the newest copy (after a transfer, where it waits now) */
	int ahead;                    /* waiting only: people called before it */
	int est_wait_s;               /* waiting only */
	char commune_name[128];
	size_t n_counters;
	struct public_counter counters[PUBLIC_STATUS_MAX_COUNTERS];   /* by number */
};

/*
 * Reads the status behind token in one read transaction.
 * RESULT_ERR_NOTFOUND (one message for every case) when the token is
 * unknown, malformed or of another business day.
 */
bool public_status_read(struct db *db, const char *token, struct public_status *out,
	struct result *r);
