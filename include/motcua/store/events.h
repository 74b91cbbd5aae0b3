#pragma once
/*
 * The append-only event log: every change to the queue and configuration
 * gets a row with a monotonic id. Displays follow it; reports and audits
 * read it. Appending happens inside the caller's write transaction.
 */
#include <stdbool.h>
#include <stdint.h>
#include "motcua/store/db.h"

struct event_row {
	const char *kind;        /* issue, call, recall, skip, requeue, transfer, finish, ... */
	int64_t ticket_id;       /* 0 = none */
	char number[16];
	int counter;
	char service_code[17];
	char officer[64];
	char detail[256];
};

/* Appends with the current time; the caller holds a write transaction. */
bool events_append(struct db *db, const struct event_row *ev, struct result *r);
