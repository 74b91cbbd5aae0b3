#pragma once
/*
 * Inside the desk layer: the server's event stream, held by a thread of
 * its own (GET /api/v1/events). It reconnects by itself after a second,
 * sending Last-Event-ID, so the events of an outage arrive once it is
 * over; it keeps the newest DESK_STREAM_KEEP events for desk_follow and
 * counts changes (each event, each connect and disconnect) for
 * desk_changed.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "desk_http.h"
#include "motcua/store/events.h"

#define DESK_STREAM_KEEP 1024

struct desk_stream;

/*
 * Starts the thread: events after `after` (-1: from the newest on); wake
 * (may be NULL) is called from it after each change.
 */
struct desk_stream *desk_stream_start(const struct desk_http_target *t, int64_t after,
	void (*wake)(void *ud), void *wake_ud);
void desk_stream_stop(struct desk_stream *s);  /* NULL-safe; joins the thread */

/* Whether the stream is connected now. */
bool desk_stream_up(struct desk_stream *s);
/* Whether its first connection has been tried (before, "up" says nothing yet). */
bool desk_stream_settled(struct desk_stream *s);
/* Counts every change: an event, a connect, a disconnect, a reset. */
uint64_t desk_stream_generation(struct desk_stream *s);
/*
 * Copies up to max kept events with id > after, oldest first; returns how
 * many. *newest is the newest id the stream has seen (a restored file's
 * reset lowers it).
 */
size_t desk_stream_read(struct desk_stream *s, int64_t after, struct event *out, size_t max,
	int64_t *newest);
