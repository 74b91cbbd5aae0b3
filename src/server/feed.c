/*
 * The live event feed (feed.h). The ring holds every event after `floor`
 * (the id of the last event it dropped, or the newest one when the feed
 * started), in id order; a reader whose place is at or past the floor is
 * served from memory, an older one reads the log until it catches up.
 * Commit order is id order (SQLite has one writer at a time and the id is
 * taken inside the write), so "every id after N" misses nothing and
 * repeats nothing.
 */
#define LOG_MODULE "feed"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "feed.h"
#include "motcua/base/clock.h"
#include "motcua/base/log.h"
#include "motcua/base/xalloc.h"
#include "motcua/store/db.h"
#include "motcua/wire/wire_event.h"

#define FEED_RING 2048

struct frame {
	int64_t id;
	char *text;
	size_t len;
};

struct feed {
	struct db *db;
	int poll_ms, heartbeat_ms;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t kick;
	bool kicked, stopping;
	struct frame ring[FEED_RING];
	size_t head, count;          /* oldest frame at ring[head] */
	int64_t floor;               /* every event after floor is in the ring */
	int64_t last_id;
	unsigned heartbeat;
	struct feed_sub *subs;
};

size_t feed_frame(const struct event *ev, char *buf, size_t max)
{
	cJSON *obj = cJSON_CreateObject();
	wire_event_encode(obj, ev);
	char *json = cJSON_PrintUnformatted(obj);
	cJSON_Delete(obj);
	int n = json ? snprintf(buf, max, "id: %lld\nevent: %s\ndata: %s\n\n", (long long)ev->id,
		event_kind_name(ev->kind), json) : -1;
	free(json);
	return n > 0 && (size_t)n < max ? (size_t)n : 0;
}

static void wake_all(struct feed *feed)
{
	for (struct feed_sub *s = feed->subs; s; s = s->next) {
		s->wake(s->ud);
	}
}

/* Adds an event to the ring (the feed locked), dropping the oldest when full. */
static void ring_push(struct feed *feed, const struct event *ev)
{
	char text[2048];
	size_t len = feed_frame(ev, text, sizeof(text));
	if (!len) {
		LOG_ERR("event %lld does not fit a frame", (long long)ev->id);
		return;
	}
	if (feed->count == FEED_RING) {
		struct frame *old = &feed->ring[feed->head];
		feed->floor = old->id;
		free(old->text);
		feed->head = (feed->head + 1) % FEED_RING;
		feed->count--;
	}
	struct frame *f = &feed->ring[(feed->head + feed->count) % FEED_RING];
	f->id = ev->id;
	f->text = xmalloc(len);
	memcpy(f->text, text, len);
	f->len = len;
	feed->count++;
}

struct batch {
	struct feed *feed;
	bool any;
};

static void on_event(void *ud, const struct event *ev)
{
	struct batch *b = ud;
	pthread_mutex_lock(&b->feed->lock);
	ring_push(b->feed, ev);
	b->feed->last_id = ev->id;
	pthread_mutex_unlock(&b->feed->lock);
	b->any = true;
}

/* Reads what was committed since the last look; wakes the subscribers if anything. */
static void look(struct feed *feed, struct events_cursor *cursor)
{
	struct batch b = { feed, false };
	struct result r = { 0 };
	if (!events_follow(feed->db, cursor, on_event, &b, &r)) {
		LOG_ERR("cannot read the event log: %s", r.msg);
	}
	if (b.any) {
		pthread_mutex_lock(&feed->lock);
		wake_all(feed);
		pthread_mutex_unlock(&feed->lock);
	}
}

static void deadline_in(struct timespec *ts, int ms)
{
	clock_gettime(CLOCK_MONOTONIC, ts);
	ts->tv_nsec += (long)ms * 1000000L;
	ts->tv_sec += ts->tv_nsec / 1000000000L;
	ts->tv_nsec %= 1000000000L;
}

static void *feed_main(void *arg)
{
	struct feed *feed = arg;
	struct events_cursor cursor = { feed->last_id };
	int64_t version = db_data_version(feed->db);
	int64_t next_beat = clock_mono_ms() + feed->heartbeat_ms;
	pthread_mutex_lock(&feed->lock);
	while (!feed->stopping) {
		struct timespec until;
		deadline_in(&until, feed->poll_ms);
		while (!feed->kicked && !feed->stopping
				&& pthread_cond_timedwait(&feed->kick, &feed->lock, &until) == 0) {
		}
		bool kicked = feed->kicked;
		feed->kicked = false;
		if (feed->stopping) {
			break;
		}
		pthread_mutex_unlock(&feed->lock);
		int64_t v = db_data_version(feed->db);
		if (kicked || v != version) {
			version = v;
			look(feed, &cursor);
		}
		int64_t now = clock_mono_ms();
		pthread_mutex_lock(&feed->lock);
		if (now >= next_beat) {
			next_beat = now + feed->heartbeat_ms;
			feed->heartbeat++;
			wake_all(feed);
		}
	}
	pthread_mutex_unlock(&feed->lock);
	return NULL;
}

struct feed *feed_create(const char *db_path, int poll_ms, int heartbeat_ms, struct result *r)
{
	struct db *db = db_open(db_path, DB_READONLY, r);
	if (!db) {
		return NULL;
	}
	struct feed *feed = xcalloc(1, sizeof(*feed));
	feed->db = db;
	feed->poll_ms = poll_ms;
	feed->heartbeat_ms = heartbeat_ms;
	feed->last_id = feed->floor = events_last_id(db);
	pthread_mutex_init(&feed->lock, NULL);
	pthread_condattr_t attr;
	pthread_condattr_init(&attr);
	pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
	pthread_cond_init(&feed->kick, &attr);
	pthread_condattr_destroy(&attr);
	if (feed->last_id < 0 || pthread_create(&feed->thread, NULL, feed_main, feed) != 0) {
		result_fail(r, RESULT_ERR_DB, "cannot start the event feed");
		pthread_cond_destroy(&feed->kick);
		pthread_mutex_destroy(&feed->lock);
		db_close(db);
		free(feed);
		return NULL;
	}
	return feed;
}

void feed_destroy(struct feed *feed)
{
	if (!feed) {
		return;
	}
	pthread_mutex_lock(&feed->lock);
	feed->stopping = true;
	pthread_cond_signal(&feed->kick);
	pthread_mutex_unlock(&feed->lock);
	pthread_join(feed->thread, NULL);
	for (size_t i = 0; i < feed->count; i++) {
		free(feed->ring[(feed->head + i) % FEED_RING].text);
	}
	pthread_cond_destroy(&feed->kick);
	pthread_mutex_destroy(&feed->lock);
	db_close(feed->db);
	free(feed);
}

void feed_kick(struct feed *feed)
{
	pthread_mutex_lock(&feed->lock);
	feed->kicked = true;
	pthread_cond_signal(&feed->kick);
	pthread_mutex_unlock(&feed->lock);
}

int64_t feed_last_id(struct feed *feed)
{
	pthread_mutex_lock(&feed->lock);
	int64_t id = feed->last_id;
	pthread_mutex_unlock(&feed->lock);
	return id;
}

unsigned feed_heartbeat(struct feed *feed)
{
	pthread_mutex_lock(&feed->lock);
	unsigned beat = feed->heartbeat;
	pthread_mutex_unlock(&feed->lock);
	return beat;
}

void feed_subscribe(struct feed *feed, struct feed_sub *sub)
{
	pthread_mutex_lock(&feed->lock);
	sub->prev = NULL;
	sub->next = feed->subs;
	if (sub->next) {
		sub->next->prev = sub;
	}
	feed->subs = sub;
	pthread_mutex_unlock(&feed->lock);
}

void feed_unsubscribe(struct feed *feed, struct feed_sub *sub)
{
	pthread_mutex_lock(&feed->lock);
	if (sub->prev) {
		sub->prev->next = sub->next;
	} else if (feed->subs == sub) {
		feed->subs = sub->next;
	}
	if (sub->next) {
		sub->next->prev = sub->prev;
	}
	sub->prev = sub->next = NULL;
	pthread_mutex_unlock(&feed->lock);
}

size_t feed_copy(struct feed *feed, int64_t *after, char *buf, size_t max, bool *gap)
{
	size_t used = 0;
	pthread_mutex_lock(&feed->lock);
	*gap = *after < feed->floor;
	if (!*gap) {
		/* The first frame after *after: ids grow along the ring. */
		size_t lo = 0, hi = feed->count;
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;
			if (feed->ring[(feed->head + mid) % FEED_RING].id <= *after) {
				lo = mid + 1;
			} else {
				hi = mid;
			}
		}
		for (size_t i = lo; i < feed->count; i++) {
			const struct frame *f = &feed->ring[(feed->head + i) % FEED_RING];
			if (used + f->len > max) {
				break;
			}
			memcpy(buf + used, f->text, f->len);
			used += f->len;
			*after = f->id;
		}
	}
	pthread_mutex_unlock(&feed->lock);
	return used;
}
