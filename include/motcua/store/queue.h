#pragma once
#include "motcua/store/layer.h"
/*
 * Ticket operations. Each is one BEGIN IMMEDIATE transaction, safe with any
 * number of processes on the same file; a returned ticket has been committed,
 * so the caller may print or announce it.
 *
 * Place in line: every ticket has a place in its day's line (line_seq: 1, 2,
 * 3... in order of issue, never the wall clock, so a clock stepped back does
 * not reorder the line). Transfer and put-back keep it, so a transferred or
 * returning citizen is not sent to the back. Call-next picks among the
 * tickets the counter may call (the `callable` view) by the priority rule
 * (settings priority_rule / priority_every, see store/plan.h) and then by
 * place in line.
 *
 * The queue's predicates ("may be called by counter C", "holds its number",
 * "at a counter", "counts against the daily cap", "the field is full") are
 * SQL views defined once in the schema (schema.c) and used by call-next,
 * the officer's list, the screens' snapshot, the cap, the reports and
 * `motcua check`.
 *
 * Idempotent writes: the operations below that take a request_id (NULL =
 * none) remember their first outcome under that id for the business day, in
 * the same transaction. A repeat with the same id that day writes nothing
 * and returns the first outcome again: the same ticket as it was returned
 * then (and the same refusal for a call that found nobody waiting). An id
 * already used that day for another operation or other arguments is refused
 * with RESULT_ERR_INVALID. An operation that failed wrote nothing and is not
 * remembered, so its repeat runs again. The id is 1-128 printable ASCII
 * characters without spaces (a UUID, an HTTP Idempotency-Key).
 *
 * The business day is the local day in the configured zone. Any write that
 * sees a new day first expires the earlier days' open tickets (with events).
 * A clock earlier than the last business day is refused (RESULT_ERR_CLOCK).
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "motcua/store/db.h"
#include "motcua/store/services.h"
#include "motcua/store/ticket.h"

/*
 * Issues the next number of service `code`. Fills t (number, ahead,
 * est_wait_s: who the counters able to call it would call first and when,
 * by the same rule as call-next; see store/plan.c).
 */
bool queue_issue(struct db *db, const char *request_id, const char *code, bool priority,
	struct ticket *t, struct result *r);

/*
 * Calls the next citizen to counter `counter`: finishes its current ticket
 * first (as done), then claims one. RESULT_ERR_EMPTY when nobody waits (the
 * current ticket is still finished). A paused or closed counter is refused.
 */
bool queue_call_next(struct db *db, const char *request_id, int counter, const char *officer,
	struct ticket *t, struct result *r);
/* Calls a chosen waiting (or no-show) number out of order to the counter. */
bool queue_call_number(struct db *db, const char *request_id, int counter, const char *number,
	const char *officer, struct ticket *t, struct result *r);
/* Announces the counter's current ticket again (recall count + event). */
bool queue_recall(struct db *db, const char *request_id, int counter, struct ticket *t,
	struct result *r);
/* Marks the counter's current ticket as a no-show. */
bool queue_skip(struct db *db, const char *request_id, int counter, struct ticket *t,
	struct result *r);
/* Puts a no-show of today back in line at its original place. */
bool queue_requeue(struct db *db, const char *request_id, const char *number,
	const char *service_code, struct ticket *t, struct result *r);
/*
 * Transfers the counter's current ticket to another service (to_service not
 * NULL) and/or counter (to_counter > 0), keeping its place in line. The old
 * row becomes "transferred"; t is the new waiting ticket (same number).
 */
bool queue_transfer(struct db *db, const char *request_id, int counter,
	const char *to_service, int to_counter, struct ticket *t, struct result *r);
/* Finishes the counter's current ticket (done). */
bool queue_finish(struct db *db, const char *request_id, int counter, struct ticket *t,
	struct result *r);
/* Cancels a waiting ticket (e.g. the citizen left). */
bool queue_cancel(struct db *db, const char *request_id, int64_t ticket_id, const char *reason,
	struct result *r);
/*
 * Voids a just-issued ticket whose paper failed to print (event "void"), also
 * when an officer already called it meanwhile (the counter is freed).
 */
bool queue_void(struct db *db, int64_t ticket_id, const char *reason, struct result *r);
/* queue_void as an idempotent write (a remote kiosk's print outcome). */
bool queue_void_request(struct db *db, const char *request_id, int64_t ticket_id,
	const char *reason, struct result *r);
/* Stores the citizen's rating for a finished ticket (once). */
bool queue_rate(struct db *db, int64_t ticket_id, enum ticket_rating rating,
	struct result *r);
/* queue_rate as an idempotent write; t is the rated ticket. */
bool queue_rate_request(struct db *db, const char *request_id, int64_t ticket_id,
	enum ticket_rating rating, struct ticket *t, struct result *r);
/*
 * counter_pause and counter_resume (counters.h) as idempotent writes: a
 * repeat of the request id writes nothing and succeeds again.
 */
bool queue_pause(struct db *db, const char *request_id, int counter, const char *reason,
	struct result *r);
bool queue_resume(struct db *db, const char *request_id, int counter, struct result *r);

/*
 * Up to max (at most 64) waiting tickets the counter would call next, in the
 * order call-next takes them (the same planner). Read-only.
 */
bool queue_upcoming(struct db *db, int counter, struct ticket *out, size_t max, size_t *n,
	struct result *r);

/* Looks up a ticket by id. */
bool queue_get(struct db *db, int64_t id, struct ticket *t, struct result *r);
/*
 * Finds today's ticket with the printed number (optionally within a service);
 * the latest row when the number was transferred.
 */
bool queue_find_number(struct db *db, const char *number, const char *service_code,
	struct ticket *t, struct result *r);

/*
 * The ticket behind a status-page token (ticket.h public_token), only on
 * the business day it was issued; after a transfer, the newest copy (same
 * number, where the citizen now waits). RESULT_ERR_NOTFOUND for a token
 * unknown, malformed or from another day, with one message for all three.
 */
bool queue_find_public(struct db *db, const char *token, struct ticket *t, struct result *r);

/*
 * The technician's way out after a clock error: sets the business day to the
 * clock's local day, closing (expired, with events) open tickets of any other
 * day. *from and *to receive the old and new yyyymmdd.
 */
bool queue_day_reset(struct db *db, int *from, int *to, struct result *r);
/* The business day recorded in the database, yyyymmdd (0 before the first write). */
int queue_business_day(struct db *db);

/* Runs the day rollover now (normally implicit in writes). */
bool queue_rollover(struct db *db, struct result *r);
