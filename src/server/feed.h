#pragma once
/*
 * The live event feed every event stream shares. One thread with its own
 * connection notices commits: at once when the server's own write kicks
 * it, and by PRAGMA data_version every poll_ms while another process (the
 * technician's `motcua`) writes the file, which costs one in-memory pragma
 * when nothing changed (feed.c: when it polls). It reads the new events, keeps
 * the newest ones as ready-made Server-Sent Events frames in a ring, and
 * wakes every subscriber; a heartbeat counter moves every heartbeat_ms and
 * wakes them too.
 *
 * A frame:  id: 42\nevent: call\ndata: {event JSON, wire_event.h}\n\n
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "motcua/base/result.h"
#include "motcua/store/events.h"

struct feed;

/* Called on the feed's thread, with the feed locked: only wake, never block. */
struct feed_sub {
	void (*wake)(void *ud);
	void *ud;
	struct feed_sub *prev, *next;
};

struct feed *feed_create(const char *db_path, int poll_ms, int heartbeat_ms, struct result *r);
void feed_destroy(struct feed *feed);  /* NULL-safe; no subscriber may be left */

/* A write of ours committed: look now rather than at the next poll. */
void feed_kick(struct feed *feed);
/* The newest event id the feed has seen. */
int64_t feed_last_id(struct feed *feed);
/* A number that moves at every heartbeat. */
unsigned feed_heartbeat(struct feed *feed);

void feed_subscribe(struct feed *feed, struct feed_sub *sub);
void feed_unsubscribe(struct feed *feed, struct feed_sub *sub);

/*
 * Copies whole frames of the events after *after into buf (at most max
 * bytes) and moves *after past them; returns the bytes written. *gap is
 * set when the ring no longer holds the events right after *after: read
 * them from the log (feed_frame) until *after catches up.
 */
size_t feed_copy(struct feed *feed, int64_t *after, char *buf, size_t max, bool *gap);
/* One event as a frame in buf; its length, 0 when it does not fit in max. */
size_t feed_frame(const struct event *ev, char *buf, size_t max);
