#pragma once
#include "motcua/store/layer.h"
/*
 * What the screens show, read in one read transaction: each counter with its
 * current ticket, waiting counts per service, the last calls, settings the
 * screens need. And a cheap "did anything change?" test for polling readers.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "motcua/store/db.h"
#include "motcua/store/counters.h"
#include "motcua/store/queue.h"

struct snapshot_counter {
	struct counter counter;
	bool has_ticket;
	struct ticket ticket;       /* current ticket when has_ticket */
	int waiting;                /* waiting tickets this counter could call */
	char service_names[256];    /* names of its services, ", "-joined */
};

struct snapshot_service {
	struct service service;
	int waiting;                /* waiting today (incl. no-show put back) */
	int waiting_priority;
	int issued_today;
	bool full;                  /* daily cap reached */
};

struct snapshot_call {
	int64_t event_id;
	int64_t at_ms;
	char number[16];
	int counter;
	char service_name[SERVICE_NAME_MAX + 1];
	bool recall;
};

#define SNAPSHOT_MAX_CALLS 10

struct snapshot {
	int64_t last_event_id;      /* newest event when read */
	int day;                    /* business day the snapshot is for */
	char commune_name[128];
	char desk_name[128];
	char notice[512];
	size_t n_counters;
	struct snapshot_counter *counters;   /* ordered by number */
	size_t n_services;
	struct snapshot_service *services;   /* active services, display order */
	size_t n_calls;
	struct snapshot_call calls[SNAPSHOT_MAX_CALLS];  /* newest first */
};

/* Reads everything; *s is overwritten (call snapshot_finish first if reused). */
bool snapshot_read(struct db *db, struct snapshot *s, struct result *r);
void snapshot_finish(struct snapshot *s);  /* frees arrays; NULL-safe */

/*
 * Change detection: remembers data_version and last event id. Returns true
 * when another process committed since the previous call (first call: true).
 * Costs one PRAGMA when nothing changed.
 */
struct snapshot_watch {
	int64_t data_version;
	int64_t last_event_id;
	bool primed;
};
bool snapshot_changed(struct db *db, struct snapshot_watch *w);
