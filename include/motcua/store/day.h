#pragma once
#include "motcua/store/layer.h"
/*
 * The business day: the local day whose numbers are being handed out.
 *
 * Every queue write opens with day_begin(): BEGIN IMMEDIATE, work out the
 * day, and roll the queue over to a new local day (expiring earlier days'
 * open tickets) when the day has really ended. A wrong clock never loses
 * the line (README "How the queue behaves"):
 *
 * - Held back: each write records its clock stamp (wall, monotonic, boot).
 *   When the wall clock is ahead of the time elapsed on the monotonic clock
 *   since that stamp (same boot), the wall clock was stepped: the day
 *   follows the elapsed time, and a rollover waits until elapsed time
 *   confirms it. A rollover also waits for the end of the day as it was
 *   when taken (a changed time zone cannot end a day early).
 * - Undone: every rollover records which tickets it expired and in what
 *   state. `motcua day reset` (day_reset) takes the clock's day and puts
 *   back exactly the tickets of that day a rollover expired, with their
 *   numbers and places in line, at their counters when they were called.
 */
#include <stdbool.h>
#include "motcua/base/clock.h"
#include "motcua/store/db.h"

struct day_txn {
	struct clock_stamp now;
	int day;               /* the business day to use (never moves back) */
	bool clock_behind;     /* the wall clock's day is before the business day */
	int clock_day;         /* the wall clock's local day */
};

/* Begins the write transaction (see above); on failure nothing is left open. */
bool day_begin(struct db *db, struct day_txn *tx, struct result *r);

/* What `motcua day` shows. */
struct day_view {
	int stored;            /* business day recorded (0 before the first write) */
	int day;               /* the day a write now would use */
	int clock_day;         /* the wall clock's local day */
	bool held;             /* the wall clock is ahead of elapsed time: day kept */
	int64_t ahead_ms;      /* held: how far the wall clock is ahead */
};
/* Reads the day as a write now would see it; never writes. */
bool day_view_read(struct db *db, struct day_view *v, struct result *r);
/* The day a write now would use (0 if unreadable); for readers such as the screens. */
int day_effective(struct db *db);

struct day_reset_report {
	int from, to;          /* the business day before and after */
	int restored;          /* tickets of `to` put back after a wrong rollover */
	int expired;           /* open tickets of other days closed now */
};
/*
 * Sets the business day to the clock's day in its own transaction, closing
 * open tickets of any other day and restoring `to`'s tickets that a
 * rollover expired (see above). Trusts the clock from now on.
 */
bool day_reset(struct db *db, struct day_reset_report *out, struct result *r);
/* The business day recorded in the database (0 if none yet); read-only. */
int day_current(struct db *db);
