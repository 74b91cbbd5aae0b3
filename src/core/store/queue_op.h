#pragma once
/*
 * Internal to the queue module (queue.h), shared by its two source files:
 * queue.c (tickets, issuing, cancel, void, rating, and the write frame
 * below) and calling.c (what counters do). Declares queue.c's helpers.
 */
#include <stdbool.h>
#include <stdint.h>
#include "motcua/store/day.h"
#include "motcua/store/events.h"
#include "requests.h"

struct ticket;

enum op_start {
	OP_RUN,      /* the write transaction is open: do the work, then queue_op_commit */
	OP_DONE,     /* a repeat of a request that succeeded: *t holds its ticket */
	OP_FAILED,   /* nothing open; r says why (or repeats the first refusal) */
};

/*
 * Opens a write (day_begin) and answers a repeat of request q from the
 * requests table: the transaction is then rolled back, so a repeat writes
 * nothing, and *t and r get the first outcome (t may be NULL).
 */
enum op_start queue_op_begin(struct db *db, struct day_txn *tx, struct request *q,
	struct ticket *t, struct result *r);
/* Records q's success with the ticket it returns (t may be NULL), then commits. */
bool queue_op_commit(struct db *db, const struct request *q, const struct ticket *t,
	struct result *r);

/* Appends the event of an operation on ticket t. */
bool queue_log_event(struct db *db, enum event_kind kind, const struct ticket *t,
	int counter, const char *officer, const char *detail, struct result *r);
/* Today's row (day) with that printed number: see queue_find_number. */
bool queue_find_on_day(struct db *db, int day, const char *number, const char *code,
	struct ticket *t, struct result *r);
