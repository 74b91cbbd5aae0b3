#pragma once
#include "motcua/desk/layer.h"
/*
 * The desk: the queue as the programs see it, whether it lives in the
 * SQLite file of this PC (local: the store's functions, called directly,
 * as the programs always did) or on the LAN server motcuad (remote: HTTP
 * with libcurl, the answers read by the wire layer). A program gets a
 * `struct desk *` from desk_open and never asks which one it has.
 *
 * Every operation returns false with r filled on failure: the same codes
 * and Vietnamese messages as the store's (the server sends them), plus
 * RESULT_ERR_OFFLINE when the server cannot be reached. A remote write
 * carries an Idempotency-Key made once per operation and sent again with
 * each retry, so a lost answer never issues a second ticket.
 *
 * Change and events (the screens' and bridges' polling): local, they are
 * the file's data_version and event log; remote, a thread of the desk
 * holds the server's event stream (GET /api/v1/events, Server-Sent
 * Events), reconnecting by itself with Last-Event-ID, so an outage
 * loses nothing: the events it missed are replayed when it is back.
 *
 * Threads: a desk is used by one thread at a time (its stream thread is
 * its own business).
 */
#include <getopt.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "motcua/base/result.h"
#include "motcua/store/counters.h"
#include "motcua/store/db.h"
#include "motcua/store/events.h"
#include "motcua/store/officers.h"
#include "motcua/store/pin.h"
#include "motcua/store/services.h"
#include "motcua/store/snapshot.h"
#include "motcua/store/ticket.h"
#include "motcua/wire/wire_snapshot.h"

/* How a program reaches its desk: --db, or --server with a token. */
struct desk_options {
	const char *db;          /* local: the file (NULL: $MOTCUA_DB, else the default) */
	const char *server;      /* remote: http(s)://HOST:PORT (NULL: local) */
	const char *token;       /* remote: --token, else --token-file, else $MOTCUA_TOKEN */
	const char *token_file;
	const char *tls_pin;     /* remote HTTPS: "sha256//BASE64" (the key's pin) */
	enum db_mode mode;       /* local: how the file is opened (DB_READWRITE) */
	bool wait;               /* local: a file that cannot be opened yet is retried later */
};

/* getopt_long values of the remote options; a program lists DESK_LONG_OPTIONS. */
enum {
	DESK_OPT_SERVER = 0x4400,
	DESK_OPT_TOKEN,
	DESK_OPT_TOKEN_FILE,
	DESK_OPT_TLS_PIN,
};
#define DESK_LONG_OPTIONS \
	{ "server", required_argument, NULL, DESK_OPT_SERVER }, \
	{ "token", required_argument, NULL, DESK_OPT_TOKEN }, \
	{ "token-file", required_argument, NULL, DESK_OPT_TOKEN_FILE }, \
	{ "tls-pin", required_argument, NULL, DESK_OPT_TLS_PIN }
/* Their --help lines (Vietnamese, like every help text). */
#define DESK_USAGE \
	"  --server URL          dùng máy chủ motcuad trong mạng LAN (vd. http://192.168.1.10:8080)\n" \
	"                        thay cho --db; cần mã thiết bị:\n" \
	"  --token MÃ            mã do `motcua token add` in ra (hoặc --token-file TỆP,\n" \
	"                        hoặc biến $MOTCUA_TOKEN)\n" \
	"  --tls-pin sha256//... khóa công khai của máy chủ HTTPS (`motcua token add` in ra)\n"

/* Takes getopt's c and optarg when c is one of the options above. */
bool desk_options_take(struct desk_options *o, int c, const char *arg);
/*
 * Checks the options once parsed (--server with --db, a missing token, a
 * token file that cannot be read); false with a message in r (usage: exit 2).
 */
bool desk_options_check(struct desk_options *o, struct result *r);

struct desk;

/*
 * Opens the desk. Local: the file (with o->wait, a file not there yet is
 * opened at a later call). Remote: nothing is contacted until the first
 * call, so a server down at start is an outage like any other.
 */
struct desk *desk_open(const struct desk_options *o, struct result *r);
void desk_close(struct desk *d);  /* NULL-safe; stops the stream thread */

/* What the logs call this desk: the file's path or the server's URL. */
const char *desk_name(const struct desk *d);
/*
 * The local file, for what only the server PC may do (the CLI's admin
 * commands); NULL with a message saying so in r for a remote desk.
 */
struct db *desk_db(struct desk *d, struct result *r);

/* Reachability: false while the server is unreachable (local: always true). */
bool desk_connected(struct desk *d);

/* Change detection (snapshot_changed): true when the queue may have changed. */
struct desk_watch {
	struct snapshot_watch local;
	uint64_t generation;
	bool primed;
};
bool desk_changed(struct desk *d, struct desk_watch *w);
/*
 * A change may be waiting: called from the desk's own thread (remote: an
 * event arrived, the stream connected or dropped) so a program that sleeps
 * between polls can look now (desk_changed) instead of at its next poll.
 * A local desk never calls it: its file is polled. fn must be thread-safe.
 */
typedef void (*desk_wake_fn)(void *ud);
void desk_set_wake(struct desk *d, desk_wake_fn fn, void *ud);
/* Proves the desk is still readable (a cheap read); false (r) when it is not. */
bool desk_ping(struct desk *d, struct result *r);

/* What the screens show (snapshot_read); *s is overwritten. */
bool desk_snapshot(struct desk *d, struct snapshot *s, struct result *r);
/*
 * The status as `motcua --json status` prints it (wire_snapshot.h), added
 * to out: local, devices put in words by words; remote, the server's
 * answer (GET /status), in its words.
 */
bool desk_status(struct desk *d, wire_device_words_fn words, cJSON *out, struct result *r);
/* The newest event id. */
bool desk_last_event_id(struct desk *d, int64_t *id, struct result *r);
/*
 * Hands each event after c->after to fn, oldest first (events_follow).
 * Remote: the events the stream brought; false with RESULT_ERR_OFFLINE
 * while it is down (the cursor stays, so the missed ones come later).
 */
bool desk_follow(struct desk *d, struct events_cursor *c, events_fn fn, void *ud,
	struct result *r);

/* Settings (settings_get, settings_get_int, settings_use_zone). */
bool desk_setting(struct desk *d, const char *key, char *out, size_t size);
long desk_setting_int(struct desk *d, const char *key);
void desk_use_zone(struct desk *d);

/* The lists (queue_upcoming, ticketlist_noshows, service_list, counter_find). */
bool desk_upcoming(struct desk *d, int counter, struct ticket *out, size_t max, size_t *n,
	struct result *r);
bool desk_noshows(struct desk *d, int counter, struct ticket *out, size_t max, size_t *n,
	struct result *r);
/* Every service, active or not (service_list); *out is malloc'd. */
bool desk_services(struct desk *d, struct service **out, size_t *n, struct result *r);
/* A counter with its service codes, ","-joined in codes (may be NULL). */
bool desk_counter(struct desk *d, int number, struct counter *c, char *codes, size_t size,
	struct result *r);
bool desk_ticket(struct desk *d, int64_t id, struct ticket *t, struct result *r);
bool desk_find_number(struct desk *d, const char *number, const char *service_code,
	struct ticket *t, struct result *r);

/*
 * The request id of the next write only (`motcua --request-id`): local,
 * the core's request id; remote, its Idempotency-Key. Without one, a
 * local write has none (as before) and a remote one gets a fresh key.
 */
void desk_set_request_id(struct desk *d, const char *id);

/* The queue's operations (queue.h, counters.h). */
bool desk_issue(struct desk *d, const char *code, bool priority, struct ticket *t,
	struct result *r);
bool desk_call_next(struct desk *d, int counter, const char *officer, struct ticket *t,
	struct result *r);
bool desk_call_number(struct desk *d, int counter, const char *number, const char *officer,
	struct ticket *t, struct result *r);
bool desk_recall(struct desk *d, int counter, struct ticket *t, struct result *r);
bool desk_skip(struct desk *d, int counter, struct ticket *t, struct result *r);
bool desk_finish(struct desk *d, int counter, struct ticket *t, struct result *r);
bool desk_transfer(struct desk *d, int counter, const char *to_service, int to_counter,
	struct ticket *t, struct result *r);
bool desk_requeue(struct desk *d, const char *number, const char *service_code,
	struct ticket *t, struct result *r);
bool desk_rate(struct desk *d, int64_t ticket_id, enum ticket_rating rating, struct result *r);
bool desk_pause(struct desk *d, int counter, const char *reason, struct result *r);
bool desk_resume(struct desk *d, int counter, struct result *r);
/*
 * The officer at a counter. Remote (the API has no route for it): the
 * name goes with this desk's calls, which record it on the server.
 */
bool desk_set_officer(struct desk *d, int counter, const char *officer, struct result *r);

/* The kiosk's reports: its printer's state and a ticket's print outcome. */
bool desk_device_status(struct desk *d, const char *name, const char *kind,
	const char *status, const char *detail, struct result *r);
enum desk_print_outcome { DESK_PRINT_VOID, DESK_PRINT_UNCONFIRMED, DESK_PRINT_CONFIRMED };
bool desk_print_outcome(struct desk *d, int64_t ticket_id, enum desk_print_outcome outcome,
	const char *reason, struct result *r);
/* The kiosk's admin PIN under its lockout (pin_verify). */
bool desk_pin_verify(struct desk *d, const char *pin, struct pin_check *out, struct result *r);
/*
 * The officers' accounts at a counter (officers.h): the active ones, by
 * name (*out is malloc'd; none: the counter keeps its free-text --officer),
 * and an officer's login there: name's PIN under the account's lockout
 * (check: right, wrong, locked with locked_ms). A right PIN makes the
 * officer the counter's (counter_set_officer), so the calls, finishes and
 * ratings made there record the account. Local: officer_login on the file;
 * remote: POST /api/v1/counters/N/officer. Costs about 0.1 s (Argon2id):
 * not on a UI thread. False only when the desk failed (r).
 */
bool desk_officers(struct desk *d, struct officer **out, size_t *n, struct result *r);
bool desk_officer_login(struct desk *d, int counter, const char *name, const char *pin,
	struct officer *officer, struct pin_check *check, struct result *r);
