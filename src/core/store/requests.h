#pragma once
/*
 * Internal to the store: idempotent writes (queue.h). A write that carries a
 * request id records its first outcome in the requests table inside its own
 * transaction; a repeat of the id on the same business day finds that row
 * and answers from it without writing anything.
 *
 * The row keeps the operation and its arguments (op), the result code and
 * message, and the ticket that was returned as a JSON array (the queue
 * module writes and reads that array; this module stores it as text).
 */
#include <stdbool.h>
#include <stdint.h>
#include "motcua/store/db.h"

#define REQUEST_ID_MAX 128

struct request {
	const char *id;      /* NULL: the write is not idempotent; borrowed */
	int day;             /* business day of the write */
	char op[600];        /* the operation and its arguments, e.g. "issue HT priority" */
};

/* The first outcome of a request, as stored. */
struct request_outcome {
	enum result_code code;
	char message[sizeof(((struct result *)0)->msg)];
	char *ticket_json;   /* malloc'd JSON array of the ticket columns; NULL if none */
	int ahead, est_wait_s;
};

/*
 * Starts a request: validates id (NULL is fine: not idempotent) and sets
 * op from the printf-style format. RESULT_ERR_INVALID for a bad id.
 */
bool request_init(struct request *q, const char *id, struct result *r, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

enum request_found {
	REQUEST_NEW,       /* run the operation, then request_record before COMMIT */
	REQUEST_REPEAT,    /* answered before: *out holds the first outcome */
	REQUEST_ERROR,     /* r filled: database error, or the id was used for another op */
};

/*
 * Looks q up on `day` inside the open write transaction. A request id used
 * today for a different operation (or different arguments) is refused with
 * RESULT_ERR_INVALID: a client that reuses an id has a bug, and guessing
 * which of the two it meant could hand out a wrong ticket.
 */
enum request_found request_find(struct db *db, struct request *q, int day,
	struct request_outcome *out, struct result *r);
void request_outcome_finish(struct request_outcome *o);  /* NULL-safe */

/*
 * Records the outcome of q (no-op when q has no id) in the open write
 * transaction; ticket_json may be NULL. Drops the rows of earlier days.
 */
bool request_record(struct db *db, const struct request *q, enum result_code code,
	const char *message, const char *ticket_json, int ahead, int est_wait_s,
	struct result *r);
