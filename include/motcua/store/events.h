#pragma once
#include "motcua/store/layer.h"
/*
 * The event log: the bus between programs. Every change to the queue and
 * to the configuration appends one row, inside the change's own write
 * transaction, with a monotonic id. Screens, the keypad bridge and (on a
 * LAN) the server's event stream follow it by id, so nothing is missed or
 * seen twice; reports and audits read it.
 *
 * Kinds and their payloads (fields not listed are empty or 0):
 *
 *   kind            ticket number counter service officer  detail
 *   issue           yes    yes    -       yes     -        "priority" or ""
 *   call            yes    yes    yes     yes     yes      "out of order" or ""
 *   recall          yes    yes    yes     yes     yes      -
 *   skip            yes    yes    yes     yes     yes      -             (no-show)
 *   finish          yes    yes    yes     yes     yes      -
 *   transfer        yes    yes    yes     yes     yes      "to CODE [counter N]"
 *   requeue         yes    yes    -       yes     -        -             (no-show back)
 *   cancel, void    yes    yes    [yes]   yes     -        the reason
 *   expire          yes    yes    [yes]   yes     -        "new business day D (rollover N)"
 *   restore         yes    yes    [yes]   yes     -        "STATUS, expired by rollover N"
 *                                                          (put back by `motcua day reset`)
 *   rate            yes    yes    yes     yes     yes      the rating, "1".."4"
 *   day             -      -      -       -       -        "D (why, was D0, rollover N)"
 *   setting         -      -      -       -       -        the setting's key
 *   service_add, service_edit  -  -      yes     -        "active" / "disabled"
 *   counter_add, counter_assign, counter_rename, officer, pause, resume, close
 *                   -      -      yes     -       -        name / codes / text / reason
 *   admin           -      -      -       -       -        what happened (kiosk PIN)
 *
 * The kind names are stable: they are stored, printed by the CLI and sent
 * by the server. A kind this build does not know (from a newer motcua)
 * reads as EVENT_OTHER.
 */
#include <stdbool.h>
#include <stdint.h>
#include "motcua/store/db.h"

enum event_kind {
	EVENT_OTHER,             /* unknown to this build */
	EVENT_ISSUE,
	EVENT_CALL,
	EVENT_RECALL,
	EVENT_SKIP,
	EVENT_FINISH,
	EVENT_TRANSFER,
	EVENT_REQUEUE,
	EVENT_CANCEL,
	EVENT_VOID,
	EVENT_EXPIRE,
	EVENT_RATE,
	EVENT_DAY,
	EVENT_SETTING,
	EVENT_SERVICE_ADD,
	EVENT_SERVICE_EDIT,
	EVENT_COUNTER_ADD,
	EVENT_COUNTER_ASSIGN,
	EVENT_COUNTER_RENAME,
	EVENT_OFFICER,
	EVENT_PAUSE,
	EVENT_RESUME,
	EVENT_CLOSE,
	EVENT_ADMIN,
	EVENT_RESTORE,
	EVENT_KIND_COUNT,
};

struct event {
	int64_t id;              /* set when read; 0 when appending */
	int64_t at_ms;           /* set when read (appending stamps the time) */
	enum event_kind kind;
	int64_t ticket_id;       /* 0 = none */
	char number[16];
	int counter;             /* 0 = none */
	char service_code[17];   /* SERVICE_CODE_MAX + 1 (services.c checks) */
	char officer[64];
	char detail[256];
};

/* The stored name of a kind ("call", "service_add"); "other" for EVENT_OTHER. */
const char *event_kind_name(enum event_kind kind);
/* EVENT_OTHER for a name this build does not know. */
enum event_kind event_kind_parse(const char *name);
/* A call or a recall: what the waiting room announces. */
bool event_is_call(enum event_kind kind);

/* Appends ev with the current time; the caller holds a write transaction. */
bool events_append(struct db *db, const struct event *ev, struct result *r);

/* The newest event id (0 when none; -1 on a read error). */
int64_t events_last_id(struct db *db);

/* Events with id > after_id, oldest first, at most max; returns the count, -1 on error. */
int events_read(struct db *db, int64_t after_id, struct event *out, int max, struct result *r);

/*
 * A reader's place in the log: "everything after id N". events_follow hands
 * each newer event to fn, oldest first, in batches, and moves the cursor
 * past it; false (r filled, cursor at the last event handed over) when the
 * log cannot be read.
 */
struct events_cursor {
	int64_t after;
};
typedef void (*events_fn)(void *ud, const struct event *ev);
bool events_follow(struct db *db, struct events_cursor *c, events_fn fn, void *ud,
	struct result *r);
