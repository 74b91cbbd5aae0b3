#pragma once
/*
 * Internal to the core: opening a queue write. Starts BEGIN IMMEDIATE,
 * works out the business day and rolls the queue over to a new local day
 * (expiring earlier days' open tickets) when the clock has moved past it.
 */
#include "motcua/base/clock.h"
#include "motcua/store/db.h"

struct day_txn {
	struct clock_stamp now;
	int day;               /* the business day to use (never moves back) */
	bool clock_behind;     /* the wall clock's day is before the business day */
	int clock_day;         /* the wall clock's local day */
};

/* Begins the transaction; on failure nothing is left open. */
bool day_begin(struct db *db, struct day_txn *tx, struct result *r);
/*
 * Sets the business day to the clock's day in its own transaction, closing
 * open tickets of any other day (for a business day recorded in the future
 * by a wrong clock). *from and *to get the old and new day.
 */
bool day_reset(struct db *db, int *from, int *to, struct result *r);
/* The business day recorded in the database (0 if none yet); read-only. */
int day_current(struct db *db);
