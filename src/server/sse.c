/*
 * One event stream (sse.h). Its buffer holds whole frames not yet taken by
 * the connection; refilling it takes frames from the feed's ring, or from
 * the log while the stream is behind the ring, then a heartbeat comment if
 * one is due. Nothing to send: the connection sleeps until the feed wakes
 * it (a new event or a heartbeat).
 */
#define LOG_MODULE "sse"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "motcua/base/log.h"
#include "motcua/base/text.h"
#include "motcua/base/xalloc.h"
#include "motcua/wire/wire_result.h"
#include "sse.h"

#define SSE_BUFFER 16384
#define SSE_REPLAY_BATCH 32

struct sse {
	struct feed_sub sub;
	struct http_stream *stream;
	struct dbpool *pool;
	struct feed *feed;
	int64_t after;               /* the last event id sent */
	unsigned heartbeat;          /* the feed's heartbeat when one was last sent */
	char buf[SSE_BUFFER];
	size_t off, len;
};

static void append(struct sse *s, const char *text)
{
	size_t n = strlen(text);
	if (s->len + n <= sizeof(s->buf)) {
		memcpy(s->buf + s->len, text, n);
		s->len += n;
	}
}

/* Frames of the events after s->after read from the log (the ring is past them). */
static void replay(struct sse *s)
{
	struct event batch[SSE_REPLAY_BATCH];
	struct result r = { 0 };
	struct db *db = dbpool_acquire(s->pool, &r);
	int n = db ? events_read(db, s->after, batch, SSE_REPLAY_BATCH, &r) : -1;
	dbpool_release(s->pool, db);
	if (n < 0) {
		LOG_ERR("cannot replay events after %lld: %s", (long long)s->after, r.msg);
		return;
	}
	for (int i = 0; i < n; i++) {
		size_t len = feed_frame(&batch[i], s->buf + s->len, sizeof(s->buf) - s->len);
		if (!len) {
			break;
		}
		s->len += len;
		s->after = batch[i].id;
	}
}

static void refill(struct sse *s)
{
	bool gap = false;
	s->off = s->len = 0;
	s->len = feed_copy(s->feed, &s->after, s->buf, sizeof(s->buf), &gap);
	if (gap) {
		replay(s);
	}
	unsigned beat = feed_heartbeat(s->feed);
	if (beat != s->heartbeat) {
		s->heartbeat = beat;
		append(s, ": heartbeat\n\n");
	}
}

static ssize_t fill(void *cls, char *out, size_t max)
{
	struct sse *s = cls;
	if (s->off == s->len) {
		refill(s);
	}
	size_t n = s->len - s->off < max ? s->len - s->off : max;
	memcpy(out, s->buf + s->off, n);
	s->off += n;
	return (ssize_t)n;
}

static void wake(void *ud)
{
	struct sse *s = ud;
	http_stream_wake(s->stream);
}

static void release(void *cls)
{
	struct sse *s = cls;
	feed_unsubscribe(s->feed, &s->sub);
	free(s);
}

struct http_response *sse_open(struct http_request *rq, struct dbpool *pool,
	struct feed *feed)
{
	const char *from = http_request_header(rq, "Last-Event-ID");
	if (!from) {
		from = http_request_query(rq, "after");
	}
	long after = 0;
	int64_t last = feed_last_id(feed);
	if (from && !text_parse_long(from, 0, INT64_MAX, &after)) {
		return http_response_error(400, result_code_name(RESULT_ERR_INVALID),
			"Last-Event-ID hoặc after phải là số sự kiện (số nguyên không âm)");
	}
	struct sse *s = xcalloc(1, sizeof(*s));
	s->pool = pool;
	s->feed = feed;
	s->after = from ? (int64_t)after : last;
	s->heartbeat = feed_heartbeat(feed);
	s->sub.wake = wake;
	s->sub.ud = s;
	/* Tell browsers to reconnect after 2 s; then a reset if the client is ahead of the log. */
	append(s, "retry: 2000\n\n");
	if (s->after > last) {
		char text[96];
		snprintf(text, sizeof(text), "event: reset\ndata: {\"last_event_id\":%lld}\n\n",
			(long long)last);
		append(s, text);
		s->after = last;
	}
	struct http_response *resp = http_response_stream(rq, "text/event-stream; charset=utf-8",
		fill, release, s, &s->stream);
	if (resp) {
		http_response_header(resp, "X-Accel-Buffering", "no");
		feed_subscribe(feed, &s->sub);
	}
	return resp;
}
