#pragma once
/*
 * What the display knows of the queue: the last snapshot read (filtered to
 * the counters/services this display shows), whether the desk (the file,
 * or the LAN server) can be read, and the new call/recall events to
 * announce. A failed read keeps the last snapshot.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "motcua/desk/desk.h"
#include "motcua/store/events.h"
#include "motcua/store/snapshot.h"
#include "motcua/voice/voice.h"

#define FEED_MAX_FILTER 32

struct feed_filter {
	size_t n_counters;                 /* 0 = all counters */
	int counters[FEED_MAX_FILTER];
	size_t n_services;                 /* 0 = all services */
	char services[FEED_MAX_FILTER][SERVICE_CODE_MAX + 1];
};

/* Parses "1,2,5" / "HT,CT" into the filter; false (logged) on junk. */
bool feed_filter_parse_counters(struct feed_filter *f, const char *list);
bool feed_filter_parse_services(struct feed_filter *f, const char *list);

struct feed;

/* desk is borrowed; nothing is read until the first feed_poll. */
struct feed *feed_create(struct desk *desk, const struct feed_filter *filter);
void feed_destroy(struct feed *f);  /* NULL-safe */

/* Called for each new call or recall event this display shows, oldest first. */
typedef void (*feed_call_fn)(void *ud, const struct event *ev,
	const struct voice_config *voice);

/*
 * Checks the database (call every ~100 ms): cheap when nothing changed.
 * Returns true when what is shown changed (new data or connection state).
 */
bool feed_poll(struct feed *f, feed_call_fn on_call, void *ud);

/* The last good snapshot, filtered; NULL before the first successful read. */
const struct snapshot *feed_snapshot(const struct feed *f);
/* False once reads have failed for a few seconds (shown as "mất kết nối"). */
bool feed_connected(const struct feed *f);
/* What the screen says then: "Mất kết nối máy chủ" when the server is out of reach. */
const char *feed_lost_words(const struct feed *f);
/* Newest event id included in the snapshot shown (for the frame log). */
int64_t feed_last_event_id(const struct feed *f);
