/*
 * The local desk: the SQLite file of this PC, the store's functions called
 * directly, exactly as the programs did before there was a server. With
 * desk_options.wait (the waiting-room screen started before the file
 * exists, or a file that went away), a file that cannot be opened is
 * tried again at most every 2 s, and reads fail until then.
 */
#define LOG_MODULE "desk"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "desk_ops.h"
#include "motcua/base/clock.h"
#include "motcua/base/log.h"
#include "motcua/base/xalloc.h"
#include "motcua/store/devices.h"
#include "motcua/store/officers.h"
#include "motcua/store/queue.h"
#include "motcua/store/settings.h"
#include "motcua/store/ticketlist.h"

#define REOPEN_EVERY_MS 2000
/* The write's request id (desk_set_request_id), or NULL as the programs always passed. */
#define RID(d) desk_take_request_id((d), (char[160]){0}, 160)

struct local {
	struct desk base;
	struct db *db;
	enum db_mode mode;
	int64_t next_open;       /* mono ms: the next try to open the file */
	struct result open_error;
};

static struct local *local_of(struct desk *d)
{
	return (struct local *)d;
}

/* The open file, opening it when it is due; NULL with r filled. */
static struct db *file(struct desk *d, struct result *r)
{
	struct local *l = local_of(d);
	if (l->db) {
		return l->db;
	}
	int64_t now = clock_mono_ms();
	if (now >= l->next_open) {
		l->next_open = now + REOPEN_EVERY_MS;
		l->db = db_open(d->name, l->mode, &l->open_error);
	}
	if (!l->db && r) {
		*r = l->open_error;
	}
	return l->db;
}

static void local_destroy(struct desk *d)
{
	db_close(local_of(d)->db);
	free(d);
}

static struct db *local_db(struct desk *d, struct result *r)
{
	return file(d, r);
}

/* Local, the file is the connection: readable once open (reads may still fail). */
static bool local_connected(struct desk *d)
{
	return local_of(d)->db != NULL || file(d, NULL) != NULL;
}

static bool local_changed(struct desk *d, struct desk_watch *w)
{
	struct db *db = file(d, NULL);
	if (!db) {
		return false;
	}
	/* A file opened again: a new connection has its own data_version. */
	if (w->generation != (uint64_t)(uintptr_t)db) {
		w->generation = (uint64_t)(uintptr_t)db;
		memset(&w->local, 0, sizeof(w->local));
	}
	w->primed = true;
	return snapshot_changed(db, &w->local);
}

/* The file is polled: nothing wakes a local desk's program. */
static void local_set_wake(struct desk *d, desk_wake_fn fn, void *ud)
{
	(void)d, (void)fn, (void)ud;
}

static bool local_ping(struct desk *d, struct result *r)
{
	struct db *db = file(d, r);
	struct event ev;
	return db && events_read(db, INT64_MAX - 1, &ev, 1, r) >= 0;
}

static bool local_snapshot(struct desk *d, struct snapshot *s, struct result *r)
{
	struct db *db = file(d, r);
	return db && snapshot_read(db, s, r);
}

static bool local_status(struct desk *d, wire_device_words_fn words, cJSON *out,
	struct result *r)
{
	struct db *db = file(d, r);
	struct snapshot s;
	if (!db || !snapshot_read(db, &s, r)) {
		return false;
	}
	wire_status_encode(out, db, &s, words);
	snapshot_finish(&s);
	return true;
}

static bool local_last_event_id(struct desk *d, int64_t *id, struct result *r)
{
	struct db *db = file(d, r);
	if (!db) {
		return false;
	}
	*id = events_last_id(db);
	return *id >= 0 || db_fail(db, r, "reading events");
}

static bool local_follow(struct desk *d, struct events_cursor *c, events_fn fn, void *ud,
	struct result *r)
{
	struct db *db = file(d, r);
	return db && events_follow(db, c, fn, ud, r);
}

static bool local_setting(struct desk *d, const char *key, char *out, size_t size)
{
	struct db *db = file(d, NULL);
	if (!db) {
		*out = '\0';
		return false;
	}
	return settings_get(db, key, out, size);
}

static bool local_upcoming(struct desk *d, int counter, struct ticket *out, size_t max,
	size_t *n, struct result *r)
{
	struct db *db = file(d, r);
	return db && queue_upcoming(db, counter, out, max, n, r);
}

static bool local_noshows(struct desk *d, int counter, struct ticket *out, size_t max,
	size_t *n, struct result *r)
{
	struct db *db = file(d, r);
	return db && ticketlist_noshows(db, counter, out, max, n, r);
}

static bool local_services(struct desk *d, struct service **out, size_t *n, struct result *r)
{
	struct db *db = file(d, r);
	return db && service_list(db, false, out, n, r);
}

static bool local_counter(struct desk *d, int number, struct counter *c, char *codes,
	size_t size, struct result *r)
{
	struct db *db = file(d, r);
	if (!db || !counter_find(db, number, c, r)) {
		return false;
	}
	if (codes) {
		counter_services_text(db, c, false, ",", codes, size);
	}
	return true;
}

static bool local_ticket(struct desk *d, int64_t id, struct ticket *t, struct result *r)
{
	struct db *db = file(d, r);
	return db && queue_get(db, id, t, r);
}

static bool local_find_number(struct desk *d, const char *number, const char *service_code,
	struct ticket *t, struct result *r)
{
	struct db *db = file(d, r);
	return db && queue_find_number(db, number, service_code, t, r);
}

static bool local_issue(struct desk *d, const char *code, bool priority, struct ticket *t,
	struct result *r)
{
	struct db *db = file(d, r);
	return db && queue_issue(db, RID(d), code, priority, t, r);
}

static bool local_call(struct desk *d, int counter, const char *number, const char *officer,
	struct ticket *t, struct result *r)
{
	struct db *db = file(d, r);
	if (!db) {
		return false;
	}
	return number ? queue_call_number(db, RID(d), counter, number, officer, t, r)
		: queue_call_next(db, RID(d), counter, officer, t, r);
}

static bool local_counter_op(struct desk *d, int counter, const char *op, struct ticket *t,
	struct result *r)
{
	struct db *db = file(d, r);
	if (!db) {
		return false;
	}
	if (strcmp(op, "recall") == 0) {
		return queue_recall(db, RID(d), counter, t, r);
	}
	if (strcmp(op, "skip") == 0) {
		return queue_skip(db, RID(d), counter, t, r);
	}
	return queue_finish(db, RID(d), counter, t, r);
}

static bool local_transfer(struct desk *d, int counter, const char *to_service, int to_counter,
	struct ticket *t, struct result *r)
{
	struct db *db = file(d, r);
	return db && queue_transfer(db, RID(d), counter, to_service, to_counter, t, r);
}

static bool local_requeue(struct desk *d, const char *number, const char *service_code,
	struct ticket *t, struct result *r)
{
	struct db *db = file(d, r);
	return db && queue_requeue(db, RID(d), number, service_code, t, r);
}

static bool local_rate(struct desk *d, int64_t ticket_id, enum ticket_rating rating,
	struct result *r)
{
	struct db *db = file(d, r);
	return db && queue_rate(db, ticket_id, rating, r);
}

static bool local_pause(struct desk *d, int counter, const char *reason, struct result *r)
{
	struct db *db = file(d, r);
	return db && counter_pause(db, counter, reason, r);
}

static bool local_resume(struct desk *d, int counter, struct result *r)
{
	struct db *db = file(d, r);
	return db && counter_resume(db, counter, r);
}

static bool local_set_officer(struct desk *d, int counter, const char *officer,
	struct result *r)
{
	struct db *db = file(d, r);
	return db && counter_set_officer(db, counter, officer, r);
}

static bool local_device_status(struct desk *d, const char *name, const char *kind,
	const char *status, const char *detail, struct result *r)
{
	struct db *db = file(d, r);
	return db && devices_record(db, name, kind, status, detail, r);
}

static bool local_print_outcome(struct desk *d, int64_t ticket_id,
	enum desk_print_outcome outcome, const char *reason, struct result *r)
{
	struct db *db = file(d, r);
	if (!db) {
		return false;
	}
	if (outcome == DESK_PRINT_VOID) {
		return queue_void(db, ticket_id, reason, r);
	}
	return ticket_set_print_unconfirmed(db, ticket_id, outcome == DESK_PRINT_UNCONFIRMED, r);
}

static bool local_pin_verify(struct desk *d, const char *pin, struct pin_check *out,
	struct result *r)
{
	struct db *db = file(d, r);
	return db && pin_verify(db, pin, "kiosk", out, r);
}

/* The active accounts only: a disabled one cannot log in. */
static bool local_officers(struct desk *d, struct officer **out, size_t *n, struct result *r)
{
	struct db *db = file(d, r);
	*out = NULL;
	*n = 0;
	if (!db || !officer_list(db, out, n, r)) {
		return false;
	}
	size_t kept = 0;
	for (size_t i = 0; i < *n; i++) {
		if ((*out)[i].active) {
			(*out)[kept++] = (*out)[i];
		}
	}
	*n = kept;
	return true;
}

static bool local_officer_login(struct desk *d, int counter, const char *name,
	const char *pin, struct officer *officer, struct pin_check *check, struct result *r)
{
	struct db *db = file(d, r);
	char where[32];
	snprintf(where, sizeof(where), "quầy %d", counter);
	return db && officer_login(db, name, pin, where, officer, check, r)
		&& (check->outcome != PIN_RIGHT || counter_set_officer(db, counter, officer->name, r));
}

static const struct desk_ops local_ops = {
	.destroy = local_destroy,
	.db = local_db,
	.connected = local_connected,
	.changed = local_changed,
	.set_wake = local_set_wake,
	.ping = local_ping,
	.snapshot = local_snapshot,
	.status = local_status,
	.last_event_id = local_last_event_id,
	.follow = local_follow,
	.setting = local_setting,
	.upcoming = local_upcoming,
	.noshows = local_noshows,
	.services = local_services,
	.counter = local_counter,
	.ticket = local_ticket,
	.find_number = local_find_number,
	.issue = local_issue,
	.call = local_call,
	.counter_op = local_counter_op,
	.transfer = local_transfer,
	.requeue = local_requeue,
	.rate = local_rate,
	.pause = local_pause,
	.resume = local_resume,
	.set_officer = local_set_officer,
	.device_status = local_device_status,
	.print_outcome = local_print_outcome,
	.pin_verify = local_pin_verify,
	.officers = local_officers,
	.officer_login = local_officer_login,
};

struct desk *desk_local_create(const struct desk_options *o, struct result *r)
{
	struct local *l = xcalloc(1, sizeof(*l));
	l->base.ops = &local_ops;
	l->mode = o->mode;
	snprintf(l->base.name, sizeof(l->base.name), "%s", db_default_path(o->db));
	if (!file(&l->base, r) && !o->wait) {
		free(l);
		return NULL;
	}
	return &l->base;
}
