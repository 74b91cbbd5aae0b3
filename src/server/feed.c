/*
 * The live event feed (feed.h). The ring holds every event after `floor`
 * (the id of the last event it dropped, or the newest one when the feed
 * started), in id order; a reader whose place is at or past the floor is
 * served from memory, an older one reads the log until it catches up.
 * Commit order is id order (SQLite has one writer at a time and the id is
 * taken inside the write), so "every id after N" misses nothing and
 * repeats nothing.
 *
 * When to look: at once when a write of ours kicks the feed (an eventfd);
 * and for other processes' commits, PRAGMA data_version every poll_ms
 * while the file is being written. The file's folder is watched (inotify):
 * any write to the database or its -wal file starts ACTIVE_MS of polling
 * (a commit becomes visible only after its last write, when the writer
 * updates the WAL index, so one look at the inotify event could be too
 * early). Idle, the feed wakes once a second as a safety net and for the
 * heartbeat: no polling costs CPU while nothing happens. Without inotify
 * it polls all the time.
 */
#define LOG_MODULE "feed"
#include <errno.h>
#include <libgen.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <time.h>
#include <unistd.h>
#include "feed.h"
#include "motcua/base/clock.h"
#include "motcua/base/log.h"
#include "motcua/base/xalloc.h"
#include "motcua/store/db.h"
#include "motcua/wire/wire_event.h"

#define FEED_RING 2048
#define ACTIVE_MS 500             /* polling after the file was written */
#define IDLE_MS 1000              /* a look when nothing seems to happen */

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
	int kick_fd;                 /* eventfd: a write of ours, or stop */
	int watch_fd;                /* inotify on the file's folder; -1 without */
	char *names[2];              /* the file's name and its -wal's, in that folder */
	bool stopping;
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
		LOG_ERR("không đọc được nhật ký sự kiện: %s", r.msg);
	}
	if (b.any) {
		pthread_mutex_lock(&feed->lock);
		wake_all(feed);
		pthread_mutex_unlock(&feed->lock);
	}
}

/* Drains the inotify queue; true when the database or its -wal was written. */
static bool file_written(struct feed *feed)
{
	char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
	bool hit = false;
	ssize_t n;
	while ((n = read(feed->watch_fd, buf, sizeof(buf))) > 0) {
		for (char *p = buf; p < buf + n;) {
			const struct inotify_event *ev = (const struct inotify_event *)p;
			hit = hit || (ev->len && (strcmp(ev->name, feed->names[0]) == 0
				|| strcmp(ev->name, feed->names[1]) == 0));
			p += sizeof(*ev) + ev->len;
		}
	}
	return hit;
}

static void *feed_main(void *arg)
{
	struct feed *feed = arg;
	struct events_cursor cursor = { feed->last_id };
	int64_t version = db_data_version(feed->db);
	int64_t now = clock_mono_ms();
	int64_t next_beat = now + feed->heartbeat_ms, active_until = 0, next_look = now + IDLE_MS;
	for (;;) {
		now = clock_mono_ms();
		bool active = feed->watch_fd < 0 || now < active_until;
		int64_t until = active ? now + feed->poll_ms : next_look;
		until = until < next_beat ? until : next_beat;
		struct pollfd fds[2] = { { feed->kick_fd, POLLIN, 0 }, { feed->watch_fd, POLLIN, 0 } };
		int ready = poll(fds, feed->watch_fd < 0 ? 1 : 2, (int)(until > now ? until - now : 0));
		uint64_t kicks = 0;
		bool kicked = ready > 0 && (fds[0].revents & POLLIN)
			&& read(feed->kick_fd, &kicks, sizeof(kicks)) == sizeof(kicks);
		pthread_mutex_lock(&feed->lock);
		bool stopping = feed->stopping;
		pthread_mutex_unlock(&feed->lock);
		if (stopping) {
			break;
		}
		now = clock_mono_ms();
		if (ready > 0 && feed->watch_fd >= 0 && (fds[1].revents & POLLIN) && file_written(feed)) {
			active_until = now + ACTIVE_MS;
		}
		if (kicked || active || now >= next_look) {
			next_look = now + IDLE_MS;
			int64_t v = db_data_version(feed->db);
			if (kicked || v != version) {
				version = v;
				look(feed, &cursor);
			}
		}
		if (now >= next_beat) {
			next_beat = now + feed->heartbeat_ms;
			pthread_mutex_lock(&feed->lock);
			feed->heartbeat++;
			wake_all(feed);
			pthread_mutex_unlock(&feed->lock);
		}
	}
	return NULL;
}

/* Watches the folder of path for writes to the file and its -wal (-1: cannot). */
static int watch_file(struct feed *feed, const char *path)
{
	char *copy = xstrdup(path), *copy2 = xstrdup(path);
	const char *folder = dirname(copy), *name = basename(copy2);
	feed->names[0] = xstrdup(name);
	feed->names[1] = xasprintf("%s-wal", name);
	int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (fd >= 0 && inotify_add_watch(fd, folder, IN_MODIFY | IN_CREATE | IN_MOVED_TO) < 0) {
		close(fd);
		fd = -1;
	}
	if (fd < 0) {
		LOG_WARN("cannot watch %s (%s): polling it every %d ms", folder, strerror(errno),
			feed->poll_ms);
	}
	free(copy);
	free(copy2);
	return fd;
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
	feed->kick_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	feed->watch_fd = watch_file(feed, db_path);
	if (feed->last_id < 0 || feed->kick_fd < 0
			|| pthread_create(&feed->thread, NULL, feed_main, feed) != 0) {
		result_fail(r, RESULT_ERR_DB, "không khởi động được luồng sự kiện");
		feed->thread = 0;
		feed_destroy(feed);
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
	pthread_mutex_unlock(&feed->lock);
	if (feed->thread) {
		feed_kick(feed);
		pthread_join(feed->thread, NULL);
	}
	for (size_t i = 0; i < feed->count; i++) {
		free(feed->ring[(feed->head + i) % FEED_RING].text);
	}
	if (feed->kick_fd >= 0) {
		close(feed->kick_fd);
	}
	if (feed->watch_fd >= 0) {
		close(feed->watch_fd);
	}
	free(feed->names[0]);
	free(feed->names[1]);
	pthread_mutex_destroy(&feed->lock);
	db_close(feed->db);
	free(feed);
}

void feed_kick(struct feed *feed)
{
	uint64_t one = 1;
	if (write(feed->kick_fd, &one, sizeof(one)) != sizeof(one) && errno != EAGAIN) {
		LOG_ERR("không đánh thức được luồng sự kiện: %s", strerror(errno));
	}
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
