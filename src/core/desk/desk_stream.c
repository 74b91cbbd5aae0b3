/*
 * The event stream's thread: connect, read Server-Sent Events frames
 * ("id:", "event:", "data:" lines, a blank line ends a frame, ":" starts a
 * comment such as the server's heartbeat), keep each event in a ring,
 * and on any end wait a second and connect again with Last-Event-ID.
 * No byte for 40 s (the server beats every 15 s) ends a connection that
 * died without a word (a PC switched off, a cable pulled).
 */
#define LOG_MODULE "desk"
#include "desk_stream.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "motcua/base/log.h"
#include "motcua/base/xalloc.h"
#include "motcua/wire/wire_event.h"
#include "motcua/wire/wire_json.h"

#define SILENT_S 40L
#define RETRY_MS 1000

struct desk_stream {
	struct desk_http_target target;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	atomic_bool stop;
	atomic_bool up;
	atomic_bool settled;         /* the first connection has answered or failed */
	atomic_uint_fast64_t generation;
	void (*notify)(void *ud);     /* desk_set_wake's, after each change */
	void *notify_ud;

	/* Under lock: the ring of kept events, the newest id seen. */
	struct event *ring;
	size_t head, count;      /* oldest at head */
	int64_t newest;          /* -1: none yet */

	/* The thread's own: the frame being read. */
	char line[8192];
	size_t line_len;
	char event[32];
	char data[8192];
	size_t data_len;
	bool logged_down;
};

/* Counts a change and tells the program. */
static void changed(struct desk_stream *s)
{
	atomic_fetch_add(&s->generation, 1);
	if (s->notify) {
		s->notify(s->notify_ud);
	}
}

static void keep(struct desk_stream *s, const struct event *ev)
{
	pthread_mutex_lock(&s->lock);
	if (ev->id > s->newest) {
		size_t at = (s->head + s->count) % DESK_STREAM_KEEP;
		if (s->count == DESK_STREAM_KEEP) {
			s->head = (s->head + 1) % DESK_STREAM_KEEP;
		} else {
			s->count++;
		}
		s->ring[at] = *ev;
		s->newest = ev->id;
	}
	pthread_mutex_unlock(&s->lock);
	changed(s);
}

/* A restored file: its log is older than ours; start over from its newest event. */
static void reset(struct desk_stream *s, int64_t last)
{
	pthread_mutex_lock(&s->lock);
	s->head = s->count = 0;
	s->newest = last;
	pthread_mutex_unlock(&s->lock);
	changed(s);
	LOG_WARN("%s: the server's event log restarted at %lld", s->target.url, (long long)last);
}

static void dispatch(struct desk_stream *s)
{
	struct result r;
	s->data[s->data_len] = '\0';
	if (s->data_len == 0) {
		return;
	}
	cJSON *obj = wire_json_parse_object(s->data, s->data_len, &r);
	if (!obj) {
		LOG_WARN("%s: an event that does not read: %s", s->target.url, r.msg);
		return;
	}
	if (strcmp(s->event, "reset") == 0) {
		reset(s, wire_json_get_int(obj, "last_event_id"));
	} else {
		struct event ev;
		if (wire_event_decode(obj, &ev, &r)) {
			keep(s, &ev);
		} else {
			LOG_WARN("%s: an event that does not read: %s", s->target.url, r.msg);
		}
	}
	cJSON_Delete(obj);
}

static void take_line(struct desk_stream *s)
{
	char *line = s->line;
	line[s->line_len] = '\0';
	if (s->line_len > 0 && line[s->line_len - 1] == '\r') {
		line[s->line_len - 1] = '\0';
	}
	if (!*line) {
		dispatch(s);
		s->event[0] = '\0';
		s->data_len = 0;
		return;
	}
	char *value = strchr(line, ':');
	if (value == line) {
		return;  /* a comment: the heartbeat */
	}
	if (value) {
		*value++ = '\0';
		if (*value == ' ') {
			value++;
		}
	} else {
		value = line + strlen(line);
	}
	if (strcmp(line, "event") == 0) {
		snprintf(s->event, sizeof(s->event), "%s", value);
	} else if (strcmp(line, "data") == 0) {
		size_t len = strlen(value);
		if (s->data_len + len + 2 < sizeof(s->data)) {
			if (s->data_len) {
				s->data[s->data_len++] = '\n';
			}
			memcpy(s->data + s->data_len, value, len);
			s->data_len += len;
		}
	}
}

static size_t on_body(char *p, size_t size, size_t n, void *ud)
{
	struct desk_stream *s = ud;
	for (size_t i = 0; i < size * n; i++) {
		if (p[i] == '\n') {
			take_line(s);
			s->line_len = 0;
		} else if (s->line_len + 1 < sizeof(s->line)) {
			s->line[s->line_len++] = p[i];
		}
	}
	return size * n;
}

/* The status line: the stream is up once the server says 200. */
static size_t on_header(char *p, size_t size, size_t n, void *ud)
{
	struct desk_stream *s = ud;
	if (size * n > 12 && strncmp(p, "HTTP/", 5) == 0) {
		const char *sp = memchr(p, ' ', size * n);
		if (sp && strncmp(sp + 1, "200", 3) == 0 && !atomic_load(&s->up)) {
			atomic_store(&s->up, true);
			atomic_store(&s->settled, true);
			changed(s);
			LOG_INFO("%s: event stream connected", s->target.url);
			s->logged_down = false;
		}
	}
	return size * n;
}

static int on_progress(void *ud, curl_off_t a, curl_off_t b, curl_off_t c, curl_off_t d)
{
	struct desk_stream *s = ud;
	(void)a, (void)b, (void)c, (void)d;
	return atomic_load(&s->stop) ? 1 : 0;
}

/* One connection, until it ends. */
static void connect_once(struct desk_stream *s, CURL *c)
{
	char last[64], path[64];
	struct curl_slist *h = NULL;
	pthread_mutex_lock(&s->lock);
	int64_t after = s->newest;
	pthread_mutex_unlock(&s->lock);

	snprintf(path, sizeof(path), "/api/v1/events");
	desk_http_setup(c, &s->target, path);
	h = curl_slist_append(h, s->target.auth);
	h = curl_slist_append(h, "Accept: text/event-stream");
	if (after >= 0) {
		snprintf(last, sizeof(last), "Last-Event-ID: %lld", (long long)after);
		h = curl_slist_append(h, last);
	}
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, s);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, s);
	curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
	curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, on_progress);
	curl_easy_setopt(c, CURLOPT_XFERINFODATA, s);
	curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
	curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, SILENT_S);
	s->line_len = s->data_len = 0;
	s->event[0] = '\0';

	CURLcode code = curl_easy_perform(c);
	long status = 0;
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	curl_slist_free_all(h);
	if (atomic_load(&s->stop)) {
		return;
	}
	if (!s->logged_down) {
		struct result r;
		if (code == CURLE_OK && status != 200) {
			LOG_WARN("%s: the event stream was refused (HTTP %ld)", s->target.url, status);
		} else {
			desk_http_offline(&r, &s->target, code);
			LOG_WARN("%s: event stream: %s", s->target.url, r.msg);
		}
		s->logged_down = true;
	}
}

static void *run(void *ud)
{
	struct desk_stream *s = ud;
	CURL *c = desk_http_handle(&s->target);
	while (c && !atomic_load(&s->stop)) {
		connect_once(s, c);
		atomic_store(&s->settled, true);
		if (atomic_exchange(&s->up, false)) {
			changed(s);
		}
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_nsec += RETRY_MS * 1000000L;
		until.tv_sec += until.tv_nsec / 1000000000L;
		until.tv_nsec %= 1000000000L;
		pthread_mutex_lock(&s->lock);
		while (!atomic_load(&s->stop)
			&& pthread_cond_timedwait(&s->wake, &s->lock, &until) == 0) {
		}
		pthread_mutex_unlock(&s->lock);
	}
	if (c) {
		curl_easy_cleanup(c);
	}
	return NULL;
}

struct desk_stream *desk_stream_start(const struct desk_http_target *t, int64_t after,
	void (*wake)(void *ud), void *wake_ud)
{
	struct desk_stream *s = xcalloc(1, sizeof(*s));
	s->target = *t;
	s->notify = wake;
	s->notify_ud = wake_ud;
	s->ring = xcalloc(DESK_STREAM_KEEP, sizeof(*s->ring));
	s->newest = after;
	pthread_mutex_init(&s->lock, NULL);
	pthread_cond_init(&s->wake, NULL);
	if (pthread_create(&s->thread, NULL, run, s) != 0) {
		LOG_ERR("cannot start the event stream's thread");
		pthread_cond_destroy(&s->wake);
		pthread_mutex_destroy(&s->lock);
		free(s->ring);
		free(s);
		return NULL;
	}
	return s;
}

void desk_stream_stop(struct desk_stream *s)
{
	if (!s) {
		return;
	}
	pthread_mutex_lock(&s->lock);
	atomic_store(&s->stop, true);
	pthread_cond_broadcast(&s->wake);
	pthread_mutex_unlock(&s->lock);
	pthread_join(s->thread, NULL);
	pthread_cond_destroy(&s->wake);
	pthread_mutex_destroy(&s->lock);
	free(s->ring);
	free(s);
}

bool desk_stream_up(struct desk_stream *s)
{
	return atomic_load(&s->up);
}

bool desk_stream_settled(struct desk_stream *s)
{
	return atomic_load(&s->settled);
}

uint64_t desk_stream_generation(struct desk_stream *s)
{
	return atomic_load(&s->generation);
}

size_t desk_stream_read(struct desk_stream *s, int64_t after, struct event *out, size_t max,
	int64_t *newest)
{
	size_t n = 0;
	pthread_mutex_lock(&s->lock);
	for (size_t i = 0; i < s->count && n < max; i++) {
		const struct event *ev = &s->ring[(s->head + i) % DESK_STREAM_KEEP];
		if (ev->id > after) {
			out[n++] = *ev;
		}
	}
	*newest = s->newest;
	pthread_mutex_unlock(&s->lock);
	return n;
}
