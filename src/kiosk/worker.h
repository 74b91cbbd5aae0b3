#pragma once
/*
 * The kiosk's printer thread, a job queue (motcua/base/jobq.h). Everything
 * that may block (printer I/O with its timeouts, issuing a ticket, checking
 * a PIN with Argon2id) runs there, so the screen never freezes. The thread
 * has its own database connection and owns the printer. Each finished job
 * is handed to the post function as a struct worker_reply, which the kiosk
 * posts to its UI loop (the receiver frees it with free()).
 */
#include <stdbool.h>
#include <stdint.h>
#include "motcua/desk/desk.h"
#include "motcua/print/printer.h"
#include "motcua/store/queue.h"
#include "motcua/base/result.h"

enum worker_kind {
	WORKER_ISSUE,      /* issue and print a ticket (service_code, priority) */
	WORKER_STATUS,     /* query the printer and record its status when it changed */
	WORKER_SELFTEST,   /* print the self-test ticket */
	WORKER_REPRINT,    /* print `ticket` again */
	WORKER_VERIFY_PIN, /* check `pin` (pin_verify: rule, lockout, audit) */
	WORKER_PREPARE,    /* bring the printer's NV images up to date if stale (a no-op if not) */
};

struct worker_job {
	enum worker_kind kind;
	char service_code[SERVICE_CODE_MAX + 1];
	bool priority;
	struct ticket ticket;
	char pin[16];
	int64_t submitted_ms;  /* clock_mono_ms() when the citizen tapped */
};

struct worker_reply {
	enum worker_kind kind;
	bool ok;
	struct result r;
	struct ticket ticket;         /* WORKER_ISSUE: the issued ticket (ok; see print_unconfirmed) */
	bool have_status;             /* st is valid (the printer was queried) */
	struct printer_status st;
	bool printer_open;            /* the device could be opened */
	bool no_pin;                  /* WORKER_VERIFY_PIN: no PIN is set */
	bool pin_wrong;               /* WORKER_VERIFY_PIN: a wrong PIN (counted) */
	int64_t pin_locked_ms;        /* WORKER_VERIFY_PIN: the pad is locked this long */
	int64_t latency_ms;           /* submitted_ms to the job's end */
};

struct worker;

/*
 * Hands a reply to the UI thread, from the printer thread; false when it
 * could not (the reply is then freed by the worker).
 */
typedef bool (*worker_post_fn)(void *ud, struct worker_reply *rep);

/*
 * Starts the thread with its own desk (desk: how to reach it); a desk
 * without a file (the LAN server) keeps the printer's state in the file at
 * state_path (created if need be). printer_spec
 * (may be NULL: no printer) is opened lazily and retried on every job.
 * The printer's NV images are prepared once it first answers, and again
 * after each WORKER_PREPARE (retried by status checks until it worked).
 * Every reply goes to post(post_ud, reply). Strings are copied.
 */
struct worker *worker_create(const struct desk_options *desk, const char *state_path,
	const char *printer_spec, worker_post_fn post, void *post_ud, struct result *r);
/* Stops the thread after its current job; NULL-safe. */
void worker_destroy(struct worker *w);

/* Queues a copy of job; false when the queue is full (the caller retries later). */
bool worker_submit(struct worker *w, const struct worker_job *job);
