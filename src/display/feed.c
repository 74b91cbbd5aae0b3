/*
 * Polling the desk (motcua/desk/desk.h), read-only: the shared file, or
 * the LAN server. desk_changed costs one PRAGMA (local) or nothing
 * (remote: the event stream's thread counts changes), so polling every
 * 100 ms is cheap; only a change re-reads the snapshot. New events are
 * followed by id (desk_follow), so no call is missed or announced twice
 * even when several land between two polls, or during an outage (the
 * server's stream replays them); a call older than ANNOUNCE_MAX_AGE_MS
 * is shown but not announced (the citizen was called long ago). When
 * nothing changes, a cheap read every few seconds proves the desk is
 * still readable.
 */
#define LOG_MODULE "feed"
#include "feed.h"

#include <stdlib.h>
#include <string.h>

#include "motcua/base/clock.h"
#include "motcua/store/events.h"
#include "motcua/base/log.h"
#include "motcua/base/xalloc.h"

/* Reads failing this long mark the display disconnected. */
#define LOST_AFTER_MS 3000
#define HEALTH_EVERY_MS 3000
/* Calls older than this (replayed after an outage) are shown, not announced. */
#define ANNOUNCE_MAX_AGE_MS 30000

struct feed {
	struct desk *desk;           /* borrowed */
	struct feed_filter filter;
	struct desk_watch watch;
	struct snapshot snap;
	bool have_snap;
	struct events_cursor events;  /* announcements follow the log from here */
	bool events_primed;
	int64_t failing_since;    /* mono ms of the first failure in a row; 0 = fine */
	bool connected;
	int64_t next_open;
	int64_t next_health;
	bool logged_failure;
	bool lost_server;         /* the last failure was the server out of reach */
	struct voice_config voice;
};

static bool parse_list(const char *list, char out[][SERVICE_CODE_MAX + 1], size_t *n)
{
	char *copy = xstrdup(list), *save = NULL;
	bool ok = true;
	*n = 0;
	for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		if (*n >= FEED_MAX_FILTER || strlen(tok) == 0 || strlen(tok) > SERVICE_CODE_MAX) {
			ok = false;
			break;
		}
		strcpy(out[(*n)++], tok);
	}
	free(copy);
	return ok && *n > 0;
}

bool feed_filter_parse_counters(struct feed_filter *f, const char *list)
{
	char items[FEED_MAX_FILTER][SERVICE_CODE_MAX + 1];
	size_t n;
	if (!parse_list(list, items, &n)) {
		LOG_ERR("--counters %s: expected numbers separated by commas", list);
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		char *end;
		long v = strtol(items[i], &end, 10);
		if (*end || v < 1 || v > 9999) {
			LOG_ERR("--counters %s: %s is not a counter number", list, items[i]);
			return false;
		}
		f->counters[i] = (int)v;
	}
	f->n_counters = n;
	return true;
}

bool feed_filter_parse_services(struct feed_filter *f, const char *list)
{
	if (!parse_list(list, f->services, &f->n_services)) {
		LOG_ERR("--services %s: expected service codes separated by commas", list);
		return false;
	}
	return true;
}

static bool counter_wanted(const struct feed_filter *f, int number)
{
	if (f->n_counters == 0) {
		return true;
	}
	for (size_t i = 0; i < f->n_counters; i++) {
		if (f->counters[i] == number) {
			return true;
		}
	}
	return false;
}

static bool service_wanted(const struct feed_filter *f, const char *code)
{
	if (f->n_services == 0) {
		return true;
	}
	for (size_t i = 0; i < f->n_services; i++) {
		if (strcmp(f->services[i], code) == 0) {
			return true;
		}
	}
	return false;
}

/* A counter shown under a service filter serves at least one shown service. */
static bool counter_serves_wanted(const struct feed_filter *f, const struct snapshot *s,
	const struct counter *c)
{
	if (f->n_services == 0) {
		return true;
	}
	for (size_t i = 0; i < c->n_services; i++) {
		for (size_t k = 0; k < s->n_services; k++) {
			if (s->services[k].service.id == c->service_ids[i]) {
				return true;  /* s->services is already filtered */
			}
		}
	}
	return false;
}

/* Keeps what this display shows; arrays are compacted in place. */
static void apply_filter(const struct feed_filter *f, struct snapshot *s)
{
	size_t k = 0;
	for (size_t i = 0; i < s->n_services; i++) {
		if (service_wanted(f, s->services[i].service.code)) {
			s->services[k++] = s->services[i];
		}
	}
	s->n_services = k;

	k = 0;
	for (size_t i = 0; i < s->n_counters; i++) {
		const struct counter *c = &s->counters[i].counter;
		if (counter_wanted(f, c->number) && counter_serves_wanted(f, s, c)) {
			s->counters[k++] = s->counters[i];
		}
	}
	s->n_counters = k;

	if (f->n_counters > 0) {
		/* A room's display counts only the people its counters can call. */
		k = 0;
		for (size_t i = 0; i < s->n_services; i++) {
			bool served = false;
			for (size_t c = 0; c < s->n_counters && !served; c++) {
				const struct counter *co = &s->counters[c].counter;
				for (size_t j = 0; j < co->n_services; j++) {
					served = served || co->service_ids[j] == s->services[i].service.id;
				}
			}
			if (served) {
				s->services[k++] = s->services[i];
			}
		}
		s->n_services = k;
	}

	k = 0;
	for (size_t i = 0; i < s->n_calls; i++) {
		bool ok = counter_wanted(f, s->calls[i].counter);
		if (ok && f->n_services > 0) {
			ok = false;
			for (size_t j = 0; j < s->n_services; j++) {
				if (strcmp(s->services[j].service.name, s->calls[i].service_name) == 0) {
					ok = true;
				}
			}
		}
		if (ok) {
			s->calls[k++] = s->calls[i];
		}
	}
	s->n_calls = k;
}

struct feed *feed_create(struct desk *desk, const struct feed_filter *filter)
{
	struct feed *f = xcalloc(1, sizeof(*f));
	f->desk = desk;
	if (filter) {
		f->filter = *filter;
	}
	f->connected = true;
	voice_config_default(&f->voice);
	return f;
}

void feed_destroy(struct feed *f)
{
	if (!f) {
		return;
	}
	snapshot_finish(&f->snap);
	free(f);
}

/* Records a failed open/read; returns true when the connection state flipped. */
static bool failed(struct feed *f, const struct result *r, int64_t now)
{
	if (!f->logged_failure) {
		LOG_WARN("%s: cannot read the queue: %s", desk_name(f->desk), r->msg);
		f->logged_failure = true;
	}
	f->lost_server = r->code == RESULT_ERR_OFFLINE;
	if (f->failing_since == 0) {
		f->failing_since = now;
	}
	if (f->connected && now - f->failing_since >= LOST_AFTER_MS) {
		f->connected = false;
		LOG_WARN("%s: connection lost; showing the last state", desk_name(f->desk));
		return true;
	}
	return false;
}

static bool succeeded(struct feed *f)
{
	f->failing_since = 0;
	if (f->logged_failure) {
		LOG_INFO("%s: readable again", desk_name(f->desk));
		f->logged_failure = false;
	}
	if (!f->connected) {
		f->connected = true;
		return true;
	}
	return false;
}

struct announce_ctx {
	struct feed *feed;
	feed_call_fn on_call;
	void *ud;
};

static void announce(void *ud, const struct event *ev)
{
	struct announce_ctx *a = ud;
	if (!event_is_call(ev->kind) || !a->on_call || !counter_wanted(&a->feed->filter, ev->counter)
			|| !service_wanted(&a->feed->filter, ev->service_code)) {
		return;
	}
	int64_t age = clock_now_ms() - ev->at_ms;
	if (age > ANNOUNCE_MAX_AGE_MS) {
		LOG_INFO("not announcing %s at counter %d: called %lld s ago", ev->number, ev->counter,
			(long long)(age / 1000));
		return;
	}
	a->on_call(a->ud, ev, &a->feed->voice);
}

/* Announces new call/recall events; false on a read error. */
static bool follow_events(struct feed *f, feed_call_fn on_call, void *ud, struct result *r)
{
	if (!f->events_primed) {
		/* Start after what happened before this display ran: no backlog of calls. */
		int64_t last;
		if (!desk_last_event_id(f->desk, &last, r)) {
			return false;
		}
		f->events.after = last;
		f->events_primed = true;
		return true;
	}
	struct announce_ctx a = { f, on_call, ud };
	return desk_follow(f->desk, &f->events, announce, &a, r);
}

/* The voice settings, as voice_config_load reads them from the file. */
static void load_voice(struct feed *f)
{
	char mode[32], region[32];
	desk_setting(f->desk, "voice_mode", mode, sizeof(mode));
	desk_setting(f->desk, "voice_region", region, sizeof(region));
	voice_config_parse(&f->voice, mode, region, desk_setting_int(f->desk, "voice_repeat"));
}

bool feed_poll(struct feed *f, feed_call_fn on_call, void *ud)
{
	struct result r = {0};
	int64_t now = clock_mono_ms();

	if (!desk_changed(f->desk, &f->watch)) {
		if (!desk_connected(f->desk)) {
			desk_ping(f->desk, &r);
			return failed(f, &r, now);
		}
		if (now >= f->next_health || f->failing_since) {
			f->next_health = now + HEALTH_EVERY_MS;
			if (!desk_ping(f->desk, &r)) {
				return failed(f, &r, now);
			}
			return succeeded(f);
		}
		return false;
	}
	f->next_health = now + HEALTH_EVERY_MS;
	struct snapshot next = {0};
	if (!desk_snapshot(f->desk, &next, &r)) {
		snapshot_finish(&next);
		/* Read again at the next poll even if nothing else changes. */
		f->watch.primed = false;
		return failed(f, &r, now);
	}
	load_voice(f);
	if (!follow_events(f, on_call, ud, &r)) {
		snapshot_finish(&next);
		f->watch.primed = false;
		return failed(f, &r, now);
	}
	apply_filter(&f->filter, &next);
	snapshot_finish(&f->snap);
	f->snap = next;
	f->have_snap = true;
	succeeded(f);
	return true;
}

const struct snapshot *feed_snapshot(const struct feed *f)
{
	return f->have_snap ? &f->snap : NULL;
}

bool feed_connected(const struct feed *f)
{
	return f->connected;
}

const char *feed_lost_words(const struct feed *f)
{
	return f->lost_server ? "Mất kết nối máy chủ" : "Mất kết nối";
}

int64_t feed_last_event_id(const struct feed *f)
{
	return f->have_snap ? f->snap.last_event_id : 0;
}
