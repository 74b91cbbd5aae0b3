#pragma once
/*
 * Internal to the API (api.c, api_read.c, api_write.c): one call of an
 * API route, after the device was recognised and its role allowed. A
 * handler fills out (its fields, or the error) and returns the HTTP status;
 * the dispatcher adds "ok" and sends it.
 */
#include <stdbool.h>
#include <cjson/cJSON.h>
#include "api.h"
#include "motcua/store/db.h"
#include "motcua/store/ticket.h"
#include "motcua/store/tokens.h"

struct api_call {
	struct api *api;
	struct http_request *rq;
	struct db *db;
	const struct token_info *device;
	const cJSON *body;           /* the request's JSON object ({} when it had none) */
	const char *request_id;      /* "DEVICE:KEY" from Idempotency-Key, NULL without one */
	const char *officer;         /* the logged-in officer of a web session, else NULL */
	char set_cookie[160];        /* a Set-Cookie header for the answer ("" = none) */
	cJSON *out;
};

typedef unsigned (*api_handler_fn)(struct api_call *call);

/* The HTTP status of a core result code (the table in README). */
unsigned api_status(enum result_code code);
/* Puts the error in out; returns its status. */
unsigned api_fail(struct api_call *call, const struct result *r);
/* 403 with a message. */
unsigned api_forbid(struct api_call *call, const char *message);
/* Accepts only these body fields (NULL-terminated); 400 otherwise. */
bool api_body_only(struct api_call *call, const char *const *keys, unsigned *status);

/* The counter number in path segment i (1-999); 404 otherwise. */
bool api_param_counter(struct api_call *call, size_t i, int *counter, unsigned *status);
/* Whether the device may act on counter n (admin: any; counter, rating: its own). */
bool api_may_act_on(const struct api_call *call, int counter);
/* The counter in path segment i, which the device must be allowed to act on (403). */
bool api_own_counter(struct api_call *call, int *counter, unsigned *status);
/* Whether the device may act on ticket t: admin, or the ticket is at/for/served by its counter. */
bool api_may_act_on_ticket(struct api_call *call, const struct ticket *t);

/* A write of ours: one at a time, and the event feed told at once after. */
void api_write_begin(struct api_call *call);
void api_write_end(struct api_call *call);

/* The printers' words for `status` (printer_store_words) and the feed, for the readers. */
struct feed *api_feed(struct api *api);
struct dbpool *api_pool(struct api *api);
/* The officers' web sessions (session.h). */
struct sessions *api_sessions(struct api *api);

/* The handlers (api_read.c, api_write.c). */
unsigned api_get_me(struct api_call *call);
unsigned api_get_services(struct api_call *call);
unsigned api_get_counters(struct api_call *call);
unsigned api_get_settings(struct api_call *call);
unsigned api_get_status(struct api_call *call);
unsigned api_get_snapshot(struct api_call *call);
unsigned api_get_upcoming(struct api_call *call);
unsigned api_get_noshows(struct api_call *call);
unsigned api_get_ticket(struct api_call *call);
unsigned api_find_ticket(struct api_call *call);
unsigned api_post_ticket(struct api_call *call);
unsigned api_post_requeue(struct api_call *call);
unsigned api_post_cancel(struct api_call *call);
unsigned api_post_print(struct api_call *call);
unsigned api_post_call(struct api_call *call);
unsigned api_post_recall(struct api_call *call);
unsigned api_post_skip(struct api_call *call);
unsigned api_post_finish(struct api_call *call);
unsigned api_post_transfer(struct api_call *call);
unsigned api_post_pause(struct api_call *call);
unsigned api_post_resume(struct api_call *call);
unsigned api_post_rating(struct api_call *call);
unsigned api_post_device(struct api_call *call);
unsigned api_post_pin(struct api_call *call);
/* A PIN check's outcome, lock_started and locked_ms in the answer. */
struct pin_check;
void api_pin_answer(struct api_call *call, const struct pin_check *check);
/* api_officer.c: the officers' accounts seen from a counter device, and their login there. */
unsigned api_get_officers(struct api_call *call);
unsigned api_post_counter_officer(struct api_call *call);
/*
 * Whether a device may name officer on counter's work: a name that is an
 * active account must be the officer who logged in at that counter (403);
 * free text (no account) is the counter's own business, as before.
 */
bool api_officer_here(struct api_call *call, int counter, const char *officer,
	unsigned *status);
/* api_web.c: the web counter page's login and logout, the board's voice clips. */
unsigned api_post_login(struct api_call *call);
unsigned api_post_logout(struct api_call *call);
unsigned api_get_voice(struct api_call *call);
