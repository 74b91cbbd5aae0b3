#pragma once
/*
 * Internal to the store: pausing and resuming a counter inside a write
 * transaction the caller holds, so the queue module can make them
 * idempotent writes (queue_pause, queue_resume in calling.c) with the same
 * rule as counter_pause and counter_resume.
 */
#include <stdbool.h>
#include "motcua/store/db.h"

/* The reason is checked as counter_pause checks it; appends the event. */
bool counter_pause_locked(struct db *db, int number, const char *reason, struct result *r);
bool counter_resume_locked(struct db *db, int number, struct result *r);
