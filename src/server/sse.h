#pragma once
/*
 * GET /api/v1/events: the event log as Server-Sent Events. Each event is
 * one frame (feed.h): "id:" the event's id, "event:" its kind, "data:" its
 * JSON. The stream starts after the id in the Last-Event-ID header, else
 * after ?after=ID, else at the newest event; what a client missed is
 * replayed from the log, so a client that reconnects with the last id it
 * saw misses nothing and sees nothing twice. An id newer than the log's
 * newest (the file was replaced by a backup) sends one "reset" event with
 * {"last_event_id": N}: the client reads the snapshot again. A comment
 * line ": heartbeat" follows every feed heartbeat, so a client knows the
 * line is alive and a dead client is noticed.
 */
#include "dbpool.h"
#include "feed.h"
#include "http.h"

/* The response for an events request (400 for a malformed after/Last-Event-ID). */
struct http_response *sse_open(struct http_request *rq, struct dbpool *pool,
	struct feed *feed);
