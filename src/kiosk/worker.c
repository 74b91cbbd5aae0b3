/*
 * One job queue (jobq.h) with a small bound. The thread opens the printer
 * when a job needs it and keeps it open (printer.c reopens by itself after
 * a failure); when the device cannot even be opened (unplugged, simulator
 * not started) the job reports "no answer" and the next job tries again.
 *
 * The thread has its own desk (motcua/desk). Its printer's state (NV
 * images, last fault, unfinished job) lives in the desk's file; a kiosk
 * whose desk is the LAN server has no such file and keeps that state in
 * its own file of the same schema (--printer-state), with a copy of the
 * server's ticket texts and of each ticket it prints (motcua/store/mirror.h);
 * each print outcome and printer fault then goes to the server too.
 */
#define LOG_MODULE "worker"
#include <sodium.h>
#include <SDL.h>
#include <stdlib.h>
#include <string.h>
#include "worker.h"
#include "motcua/store/pin.h"
#include "motcua/base/clock.h"
#include "motcua/base/jobq.h"
#include "motcua/store/db.h"
#include "motcua/base/log.h"
#include "motcua/store/mirror.h"
#include "motcua/print/printer_status.h"
#include "motcua/print/printer_store.h"
#include "motcua/print/printjob.h"
#include "motcua/base/xalloc.h"

#define QUEUE_MAX 8

/* The ticket texts a kiosk of the server copies into its state file. */
static const char *const print_settings[] = {
	"commune_name", "desk_name", "ticket_footer", "ticket_layout", "printer_width",
	"public_url", "est_service_s",
};

struct worker {
	char *printer_spec;          /* NULL: no printer configured */
	worker_post_fn post;
	void *post_ud;
	struct jobq *jobs;

	/* Thread-owned: */
	struct desk *desk;           /* the queue: the file, or the LAN server */
	struct db *db;               /* the printer's state: the desk's file, or our own */
	bool own_state;              /* db is our own file: copy, and report to the server */
	bool mirrored;               /* the server's texts are in db (until the next PREPARE) */
	int64_t pending_id;          /* an outcome the server has not heard yet (0: none) */
	enum desk_print_outcome pending_outcome;
	char pending_reason[256];
	struct printer *printer;
	bool recorded;               /* last_st has been stored in the database */
	bool prepare_pending;        /* NV images may be stale: prepare when the printer is ready */
	struct printer_status last_st;
};

static bool ensure_printer(struct worker *w, struct result *r)
{
	if (w->printer) {
		return true;
	}
	if (!w->printer_spec) {
		return result_fail(r, RESULT_ERR_PRINTER, "no printer configured (--printer)");
	}
	w->printer = printer_open(w->printer_spec, r);
	if (!w->printer) {
		r->code = RESULT_ERR_PRINTER;
		return false;
	}
	LOG_INFO("printer %s opened", w->printer_spec);
	return true;
}

/* Queries the printer into rep->st; records it in the database when it changed. */
static void query_status(struct worker *w, struct worker_reply *rep)
{
	struct result r = { 0 };
	rep->printer_open = ensure_printer(w, &r);
	if (rep->printer_open) {
		rep->have_status = true;
		if (!printer_query_status(w->printer, &rep->st, &r)) {
			rep->st = (struct printer_status){ 0 };  /* not answered */
		}
	} else {
		rep->have_status = true;
		rep->st = (struct printer_status){ 0 };
	}
	if (!w->recorded || memcmp(&w->last_st, &rep->st, sizeof(rep->st)) != 0) {
		struct result rr = { 0 };
		const char *spec = w->printer_spec ? w->printer_spec : "none";
		enum printer_fault fault = printer_status_fault(&rep->st);
		/* No printer, or a file: that is no device: nothing to show in `motcua status`. */
		if (!w->printer_spec || r.code == RESULT_ERR_INVALID
			|| (printer_store_status(w->db, spec, fault, &rr)
				&& (!w->own_state || desk_device_status(w->desk, "printer", "printer",
					printer_fault_info(fault)->code, spec, &rr)))) {
			w->recorded = true;
			w->last_st = rep->st;
		} else {
			LOG_WARN("cannot record printer status: %s", rr.msg);
		}
		if (!rep->printer_open) {
			LOG_WARN("printer %s cannot be opened: %s", spec, r.msg);
		} else if (!printer_fault_check(fault, &rr)) {
			LOG_WARN("printer %s: %s", spec, rr.msg);
		} else {
			LOG_INFO("printer %s ready", spec);
		}
	}
}

/*
 * A kiosk of the server: its state file gets the server's ticket texts
 * (settings and fields) before it prints; again after each PREPARE.
 */
static bool mirror_texts(struct worker *w, struct result *r)
{
	struct service *list = NULL;
	struct snapshot s;
	size_t n = 0;
	if (!w->own_state || w->mirrored) {
		return true;
	}
	/* A snapshot refreshes the desk's settings; the fields come in full. */
	if (!desk_snapshot(w->desk, &s, r)) {
		return false;
	}
	snapshot_finish(&s);
	bool ok = desk_services(w->desk, &list, &n, r) && mirror_services(w->db, list, n, r);
	for (size_t i = 0; ok && i < sizeof(print_settings) / sizeof(print_settings[0]); i++) {
		char value[2048];
		if (desk_setting(w->desk, print_settings[i], value, sizeof(value))) {
			ok = mirror_setting(w->db, print_settings[i], value, r);
		}
	}
	free(list);
	w->mirrored = ok;
	return ok;
}

/* Tells the server a print outcome; kept for the next try when it cannot hear it. */
static void report_outcome(struct worker *w, int64_t id, enum desk_print_outcome outcome,
	const char *reason)
{
	struct result r = { 0 };
	if (!w->own_state || id == 0) {
		return;
	}
	if (desk_print_outcome(w->desk, id, outcome, reason, &r)) {
		if (w->pending_id == id) {
			w->pending_id = 0;
		}
		return;
	}
	LOG_WARN("the server did not hear ticket %lld's print outcome: %s", (long long)id, r.msg);
	w->pending_id = id;
	w->pending_outcome = outcome;
	snprintf(w->pending_reason, sizeof(w->pending_reason), "%s", reason ? reason : "");
}

/* printjob's issue step for a kiosk of the server: the server's number, copied here. */
static bool issue_remote(void *ud, const char *code, bool priority, struct ticket *t,
	struct result *r)
{
	struct worker *w = ud;
	if (!desk_issue(w->desk, code, priority, t, r)) {
		return false;
	}
	if (!mirror_ticket(w->db, t, r)) {
		/* Not on paper, and it cannot be: the server voids it. */
		LOG_ERR("ticket %s cannot be printed here: %s", t->number, r->msg);
		report_outcome(w, t->id, DESK_PRINT_VOID, "the kiosk's state file refused it");
		return false;
	}
	return true;
}

static void do_issue(struct worker *w, const struct worker_job *job, struct worker_reply *rep)
{
	if (!ensure_printer(w, &rep->r)) {
		/* Nothing is issued without a printer that answers. */
		rep->ok = false;
		rep->have_status = true;
		rep->st = (struct printer_status){ 0 };
		return;
	}
	rep->printer_open = true;
	if (!mirror_texts(w, &rep->r)) {
		rep->ok = false;
		LOG_WARN("no ticket for %s: %s", job->service_code, rep->r.msg);
		return;
	}
	rep->ticket.id = 0;
	rep->ok = w->own_state
		? printjob_issue_and_print_via(w->db, w->printer, issue_remote, w, job->service_code,
			job->priority, &rep->ticket, &rep->r)
		: printjob_issue_and_print(w->db, w->printer, job->service_code, job->priority,
			&rep->ticket, &rep->r);
	if (rep->ok && rep->ticket.print_unconfirmed) {
		report_outcome(w, rep->ticket.id, DESK_PRINT_UNCONFIRMED, rep->r.msg);
	} else if (!rep->ok && rep->ticket.id && rep->ticket.status == TICKET_VOID) {
		report_outcome(w, rep->ticket.id, DESK_PRINT_VOID, rep->r.msg);
	}
	if (rep->ok && rep->ticket.print_unconfirmed) {
		/* Valid and maybe on paper: the screen shows the number, and what is wrong now. */
		LOG_WARN("ticket %s (%s): %s", rep->ticket.number, job->service_code, rep->r.msg);
		query_status(w, rep);
	} else if (rep->ok) {
		LOG_INFO("ticket %s (%s%s) printed", rep->ticket.number, job->service_code,
			job->priority ? ", priority" : "");
	} else {
		LOG_WARN("no ticket for %s: %s", job->service_code, rep->r.msg);
		if (rep->r.code == RESULT_ERR_PRINTER) {
			/* Say why on screen: ask the printer what is wrong now. */
			query_status(w, rep);
		}
	}
}

static void do_verify_pin(struct worker *w, const struct worker_job *job,
	struct worker_reply *rep)
{
	struct pin_check check;
	rep->ok = false;
	if (!desk_pin_verify(w->desk, job->pin, &check, &rep->r)) {
		return;
	}
	rep->ok = check.outcome == PIN_RIGHT;
	rep->no_pin = check.outcome == PIN_NOT_SET;
	rep->pin_wrong = check.outcome == PIN_WRONG;
	rep->pin_locked_ms = check.locked_ms;
	if (check.outcome == PIN_NOT_SET) {
		result_fail(&rep->r, RESULT_ERR_STATE, "no admin PIN set (motcua pin set)");
	} else if (!rep->ok) {
		result_fail(&rep->r, RESULT_ERR_INVALID, check.outcome == PIN_LOCKED
			? "admin PIN locked" : "wrong PIN");
	}
}

/*
 * Uploads what changed of the header, service names and labels to the
 * printer's NV memory while nobody waits, so the first citizen after a
 * start or a settings change does not wait for it (seconds on a slow line).
 */
static void prepare_if_pending(struct worker *w, const struct worker_reply *rep)
{
	if (!w->prepare_pending || !rep->printer_open
		|| !printer_fault_check(printer_status_fault(&rep->st), NULL)) {
		return;
	}
	struct result r = { 0 };
	int64_t t0 = clock_mono_ms();
	if (printjob_prepare(w->db, w->printer, &r)) {
		w->prepare_pending = false;
		LOG_DBG("printer prepared in %lld ms", (long long)(clock_mono_ms() - t0));
	} else {
		LOG_WARN("cannot prepare the printer's stored images: %s", r.msg);
	}
}

static void run_job(void *ud, void *p)
{
	struct worker *w = ud;
	const struct worker_job *job = p;
	struct worker_reply *rep = xcalloc(1, sizeof(*rep));
	rep->kind = job->kind;
	switch (job->kind) {
	case WORKER_ISSUE:
		do_issue(w, job, rep);
		break;
	case WORKER_PREPARE:  /* a status check that prepares */
	case WORKER_STATUS:
		if (job->kind == WORKER_PREPARE) {
			w->prepare_pending = true;
			w->mirrored = false;
		}
		if (w->pending_id) {
			report_outcome(w, w->pending_id, w->pending_outcome, w->pending_reason);
		}
		if (!mirror_texts(w, &rep->r)) {
			LOG_DBG("the server's texts are not copied yet: %s", rep->r.msg);
		}
		query_status(w, rep);
		prepare_if_pending(w, rep);
		rep->ok = printer_fault_check(printer_status_fault(&rep->st), &rep->r);
		break;
	case WORKER_SELFTEST:
		rep->ok = ensure_printer(w, &rep->r) && printjob_selftest(w->db, w->printer, &rep->r);
		query_status(w, rep);
		break;
	case WORKER_REPRINT:
		rep->ok = ensure_printer(w, &rep->r)
			&& printjob_reprint(w->db, w->printer, &job->ticket, &rep->r);
		rep->ticket = job->ticket;
		if (rep->ok) {
			report_outcome(w, job->ticket.id, DESK_PRINT_CONFIRMED, "reprinted");
		}
		query_status(w, rep);
		break;
	case WORKER_VERIFY_PIN:
		do_verify_pin(w, job, rep);
		break;
	}
	rep->latency_ms = clock_mono_ms() - job->submitted_ms;
	if (!w->post(w->post_ud, rep)) {
		free(rep);
	}
}

/* The thread ends: SDL's per-thread state (error buffer) is freed. */
static void finish(void *ud)
{
	(void)ud;
	SDL_TLSCleanup();
}

/* A job may hold a PIN: wipe it, run or not. */
static void release_job(void *ud, void *p)
{
	(void)ud;
	sodium_memzero(p, sizeof(struct worker_job));
	free(p);
}

struct worker *worker_create(const struct desk_options *desk, const char *state_path,
	const char *printer_spec, worker_post_fn post, void *post_ud, struct result *r)
{
	if (sodium_init() < 0) {
		result_fail(r, RESULT_ERR_IO, "libsodium cannot start");
		return NULL;
	}
	struct worker *w = xcalloc(1, sizeof(*w));
	w->printer_spec = printer_spec ? xstrdup(printer_spec) : NULL;
	w->post = post;
	w->post_ud = post_ud;
	w->prepare_pending = true;
	w->desk = desk_open(desk, r);
	if (!w->desk) {
		goto fail;
	}
	w->db = desk_db(w->desk, NULL);
	if (!w->db) {
		w->own_state = true;
		w->db = db_open(state_path, DB_CREATE, r);
		if (!w->db) {
			goto fail;
		}
	}
	static const struct jobq_ops ops = { .run = run_job, .release = release_job,
		.finish = finish };
	w->jobs = jobq_create("printer", &ops, w, QUEUE_MAX, r);
	if (!w->jobs) {
		goto fail;
	}
	return w;
fail:
	worker_destroy(w);
	return NULL;
}

void worker_destroy(struct worker *w)
{
	if (!w) {
		return;
	}
	jobq_destroy(w->jobs);  /* joins the thread: what follows is ours again */
	printer_close(w->printer);
	if (w->own_state) {
		db_close(w->db);  /* else it is the desk's */
	}
	desk_close(w->desk);
	free(w->printer_spec);
	free(w);
}

bool worker_submit(struct worker *w, const struct worker_job *job)
{
	struct worker_job *copy = xmalloc(sizeof(*copy));
	*copy = *job;
	return jobq_submit(w->jobs, copy);
}
