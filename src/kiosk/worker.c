/*
 * One job queue (jobq.h) with a small bound. The thread opens the printer
 * when a job needs it and keeps it open (printer.c reopens by itself after
 * a failure); when the device cannot even be opened (unplugged, simulator
 * not started) the job reports "no answer" and the next job tries again.
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
#include "motcua/store/settings.h"
#include "motcua/print/printer_store.h"
#include "motcua/print/printjob.h"
#include "motcua/base/xalloc.h"

#define QUEUE_MAX 8

struct worker {
	char *db_path;
	char *printer_spec;          /* NULL: no printer configured */
	worker_post_fn post;
	void *post_ud;
	struct jobq *jobs;

	/* Thread-owned: */
	struct db *db;
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
			|| printer_store_status(w->db, spec, fault, &rr)) {
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
	rep->ok = printjob_issue_and_print(w->db, w->printer, job->service_code, job->priority,
		&rep->ticket, &rep->r);
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
	if (!pin_verify(w->db, job->pin, "kiosk", &check, &rep->r)) {
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

struct worker *worker_create(const char *db_path, const char *printer_spec,
	worker_post_fn post, void *post_ud, struct result *r)
{
	if (sodium_init() < 0) {
		result_fail(r, RESULT_ERR_IO, "libsodium cannot start");
		return NULL;
	}
	struct worker *w = xcalloc(1, sizeof(*w));
	w->db_path = xstrdup(db_path);
	w->printer_spec = printer_spec ? xstrdup(printer_spec) : NULL;
	w->post = post;
	w->post_ud = post_ud;
	w->prepare_pending = true;
	w->db = db_open(db_path, DB_READWRITE, r);
	if (!w->db) {
		goto fail;
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
	db_close(w->db);
	free(w->printer_spec);
	free(w->db_path);
	free(w);
}

bool worker_submit(struct worker *w, const struct worker_job *job)
{
	struct worker_job *copy = xmalloc(sizeof(*copy));
	*copy = *job;
	return jobq_submit(w->jobs, copy);
}
