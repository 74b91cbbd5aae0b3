/*
 * Print jobs, glued to the database: settings give the layout and texts,
 * the queue gives the number, the printer prints it, printer_store.h
 * remembers what the printer holds.
 *
 * Order of the kiosk flow (printjob_issue_and_print): status first, so no
 * number is consumed when the printer cannot print; the printer cleared
 * when its last job was not confirmed; NV images brought up to date; then
 * queue_issue (committed); then the job; then a status request that can
 * only be answered after the printer has taken the whole job.
 *
 * The outcome of a job (firmware-notes/print-outcome.md):
 *   confirmed       the status after it says the printer can print: done;
 *   not sent        the write failed: if no byte of the number had been
 *                   handed to the kernel, the number cannot be on paper and
 *                   the ticket is voided; otherwise as below;
 *   not confirmed   no status reply, or a fault by then: the number may be
 *                   on paper, so the ticket stays valid, flagged
 *                   print_unconfirmed, and the fault is recorded.
 * Every job that puts something on paper is remembered (printer_jobs) from
 * before its first byte until it is confirmed. Whatever killed it (an
 * error, a crash, a pulled cable), the next job first sends NUL bytes that
 * complete any command the printer may still be waiting for (NUL is
 * ignored outside a command; inside an image it is white), ESC @ to drop
 * its half-filled line buffer, then feeds and cuts: the cut-off ticket
 * comes out on its own paper. motcua never uses page mode, so CAN (which
 * only cancels page-mode data) is not needed.
 */
#define LOG_MODULE "printjob"
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "motcua/base/clock.h"
#include "motcua/base/log.h"
#include "motcua/base/paths.h"
#include "motcua/base/xalloc.h"
#include "motcua/print/printer_store.h"
#include "motcua/print/printjob.h"
#include "motcua/print/ticket_render.h"
#include "motcua/store/queue.h"
#include "motcua/store/services.h"
#include "motcua/store/settings.h"

struct ctx {
	char commune[256], desk[256], footer[256], layout_text[2048];
	struct ticket_render *layout;
	struct service *services;
	size_t n_services;
	const char **names;
};

static void ctx_finish(struct ctx *c)
{
	ticket_render_destroy(c->layout);
	free(c->services);
	free(c->names);
}

static bool ctx_load(struct db *db, struct ctx *c, struct result *r)
{
	memset(c, 0, sizeof *c);
	settings_get(db, "commune_name", c->commune, sizeof c->commune);
	settings_get(db, "desk_name", c->desk, sizeof c->desk);
	settings_get(db, "ticket_footer", c->footer, sizeof c->footer);
	settings_get(db, "ticket_layout", c->layout_text, sizeof c->layout_text);
	long width = settings_get_int(db, "printer_width");
	struct ticket_layout *layout = ticket_layout_parse(c->layout_text, r);
	if (layout == NULL) {
		return false;
	}
	c->layout = ticket_render_create(layout, paths_font(false), paths_font(true), (int)width);
	if (!service_list(db, true, &c->services, &c->n_services, r)) {
		return false;
	}
	c->names = xcalloc(c->n_services + 1, sizeof *c->names);
	for (size_t i = 0; i < c->n_services; i++) {
		c->names[i] = c->services[i].name;
	}
	return true;
}

static void info_static(const struct ctx *c, struct ticket_info *info)
{
	*info = (struct ticket_info){
		.commune = c->commune, .desk = c->desk, .footer = c->footer,
		.number = "", .service_name = "", .service_slot = -1,
		.ahead = -1, .est_wait_min = -1, .datetime = "",
	};
}

static void info_for(const struct ctx *c, const struct ticket *t, char datetime[32],
	struct ticket_info *info)
{
	info_static(c, info);
	char d[11], tm[6];
	clock_format_date(t->issued_ms, d);
	clock_format_time(t->issued_ms, tm);
	snprintf(datetime, 32, "%s %s", d, tm);
	info->number = t->number;
	info->service_name = t->service_name;
	for (size_t i = 0; i < c->n_services && i < 94; i++) {
		if (c->services[i].id == t->service_id) {
			info->service_slot = (int)i;
		}
	}
	info->priority = t->priority;
	info->ahead = t->ahead;
	info->est_wait_min = t->est_wait_s >= 0 ? (t->est_wait_s + 59) / 60 : -1;
	info->datetime = datetime;
}

/* --- the printer's state ---------------------------------------------------- */

/* Records the fault; a failure to record is logged, not fatal for printing. */
static void record(struct db *db, struct printer *p, enum printer_fault fault)
{
	struct result rr = { 0 };
	if (!printer_store_status(db, printer_spec(p), fault, &rr)) {
		LOG_WARN("cannot record the printer's status: %s", rr.msg);
	}
}

/* Asks the printer and records the answer; false (r) when it cannot print. */
static bool check_printer(struct db *db, struct printer *p, struct printer_status *st,
	struct result *r)
{
	struct result qr = { 0 };
	if (!printer_query_status(p, st, &qr)) {
		record(db, p, PRINTER_FAULT_NO_ANSWER);
		return result_fail(r, RESULT_ERR_PRINTER, "%s", qr.msg);
	}
	enum printer_fault fault = printer_status_fault(st);
	record(db, p, fault);
	return printer_fault_check(fault, r);
}

/* Remembers a job before its first byte goes out (printer_store.h). */
static void job_open(struct db *db, struct printer *p, const struct escpos_buf *job, bool prints,
	int64_t ticket_id)
{
	struct printer_job pj = {
		.pad = escpos_longest_command(job->data, job->len), .prints = prints,
		.ticket_id = ticket_id,
	};
	struct result rr = { 0 };
	if (!printer_store_job_open(db, printer_spec(p), &pj, &rr)) {
		LOG_WARN("cannot remember the print job: %s", rr.msg);
	}
}

static void job_close(struct db *db, struct printer *p)
{
	struct result rr = { 0 };
	if (!printer_store_job_close(db, printer_spec(p), &rr)) {
		LOG_WARN("cannot close the print job: %s", rr.msg);
	}
}

/*
 * After a job that was not confirmed: completes any command the printer
 * may be in the middle of, resets it, and cuts off what it printed. A no-op
 * when the last job was confirmed.
 */
static bool clear_printer(struct db *db, struct printer *p, struct result *r)
{
	bool pending = false;
	struct printer_job last;
	struct result qr = { 0 };
	if (!printer_store_job_pending(db, printer_spec(p), &pending, &last, &qr)) {
		LOG_WARN("cannot read the printer's last job: %s", qr.msg);
	}
	if (!pending) {
		return true;
	}
	struct escpos_buf b;
	escpos_buf_init(&b);
	uint8_t *pad = xcalloc(1, last.pad + 1);
	escpos_append(&b, pad, last.pad);
	free(pad);
	escpos_init(&b);
	if (last.prints) {
		escpos_feed(&b, 1);
		escpos_cut(&b, true, 24);
	}
	struct result wr = { 0 };
	bool ok = printer_write(p, b.data, b.len, NULL, &wr);
	escpos_buf_finish(&b);
	if (!ok) {
		record(db, p, PRINTER_FAULT_NO_ANSWER);
		return result_fail(r, RESULT_ERR_PRINTER, "không dọn được máy in sau một phiếu in dở: "
			"%s", wr.msg);
	}
	LOG_INFO("%s: cleared after an unconfirmed job (%zu padding bytes%s)", printer_spec(p),
		last.pad, last.prints ? ", fed and cut" : "");
	job_close(db, p);
	return true;
}

/* How a job that puts something on paper ended. */
enum job_end {
	JOB_CONFIRMED,       /* the printer took it all and can still print */
	JOB_NOT_CONFIRMED,   /* taken, but no status reply or a fault by then */
	JOB_NOT_SENT,        /* the write failed; *sent bytes went to the kernel */
};

/*
 * Sends a job and asks for the status that confirms it; records the
 * printer's fault either way. why gets the reason unless confirmed.
 */
static enum job_end send_job(struct db *db, struct printer *p, const struct escpos_buf *job,
	int64_t ticket_id, size_t *sent, struct result *why)
{
	int64_t t0 = clock_mono_ms();
	job_open(db, p, job, true, ticket_id);
	struct result wr = { 0 };
	if (!printer_write(p, job->data, job->len, sent, &wr)) {
		record(db, p, PRINTER_FAULT_NO_ANSWER);
		result_fail(why, RESULT_ERR_PRINTER, "không in được: %s", wr.msg);
		return JOB_NOT_SENT;
	}
	/* Let it print: a paper end during printing shows only afterwards. */
	poll(NULL, 0, printer_print_ms(p));
	struct printer_status st;
	struct result qr = { 0 };
	bool asked = printer_query_status(p, &st, &qr);
	enum printer_fault fault = printer_status_fault(&st);
	if (asked && printer_fault_info(fault)->can_print) {
		job_close(db, p);
		record(db, p, fault);
		LOG_INFO("%s: printed %zu bytes in %lld ms", printer_spec(p), job->len,
			(long long)(clock_mono_ms() - t0));
		return JOB_CONFIRMED;
	}
	record(db, p, st.answered ? fault : PRINTER_FAULT_UNCONFIRMED);
	char words[256];
	printer_fault_sentence(fault, words, sizeof(words));
	result_fail(why, RESULT_ERR_PRINTER, "máy in chưa xác nhận đã in phiếu: %s",
		asked ? words : qr.msg);
	return JOB_NOT_CONFIRMED;
}

/* --- NV memory -------------------------------------------------------------- */

/* The fingerprint of everything the NV images show, as they should be now. */
static uint64_t nv_fingerprint(const struct ctx *c)
{
	struct ticket_info info;
	info_static(c, &info);
	return ticket_render_nv_fingerprint(c->layout, &info, c->names, (int)c->n_services);
}

/* Loads what the printer holds; an unreadable record reads as empty (all rewritten). */
static void nv_load(struct db *db, struct printer *p, struct printer_nv_state *stored)
{
	struct result lr = { 0 };
	if (!printer_store_nv_load(db, printer_spec(p), stored, &lr)) {
		LOG_WARN("cannot read the NV record, writing every image: %s", lr.msg);
	}
}

/*
 * Brings the printer's NV images up to date: nothing to do when the
 * fingerprint matches; otherwise renders them and defines only those whose
 * image changed, then confirms with a status request before remembering.
 */
static bool nv_sync(struct db *db, struct printer *p, const struct ctx *c, struct result *r)
{
	struct ticket_info info;
	info_static(c, &info);
	int n_names = (int)c->n_services;
	struct printer_nv_state stored, now = { .fingerprint = nv_fingerprint(c) };
	nv_load(db, p, &stored);
	if (stored.fingerprint == now.fingerprint) {
		printer_store_nv_finish(&stored);
		return true;
	}
	bool ok = false;
	struct ticket_nv_set set = { 0 };
	struct escpos_buf buf;
	escpos_buf_init(&buf);
	ticket_render_nv_images(c->layout, &info, c->names, n_names, &set);
	int written = 0;
	for (int i = 0; i < set.n; i++) {
		const struct ticket_nv_image *im = &set.items[i];
		if (printer_store_nv_hash(&stored, im->key[0], im->key[1]) != im->hash) {
			if (!escpos_nv_define(&buf, im->key[0], im->key[1], im->img)) {
				result_fail(r, RESULT_ERR_INVALID, "hình %c%c của phiếu quá lớn cho bộ nhớ NV của "
					"máy in",
					im->key[0], im->key[1]);
				goto out;
			}
			written++;
		}
		printer_store_nv_add(&now, im->key[0], im->key[1], im->hash);
	}
	if (buf.len > 0) {
		LOG_INFO("%s: writing %d NV image(s), %zu bytes", printer_spec(p), written, buf.len);
		job_open(db, p, &buf, false, 0);
		if (!printer_write(p, buf.data, buf.len, NULL, r)) {
			goto out;
		}
		/*
		 * While it writes NV memory the printer is busy and Epson forbids
		 * sending anything, real-time status requests included: let it
		 * store, longer for more images and more bytes. The bytes' own
		 * travel time is not guessed here: the status request below waits
		 * for them (timeout plus their wire time, printer.c).
		 */
		int64_t settle = 500 + 150 * (int64_t)written + (int64_t)(buf.len / 32);
		poll(NULL, 0, (int)(settle < 8000 ? settle : 8000));
		struct printer_status st;
		if (!check_printer(db, p, &st, r)) {
			goto out;
		}
		job_close(db, p);
	}
	struct result sr = { 0 };
	if (!printer_store_nv_save(db, printer_spec(p), &now, &sr)) {
		LOG_WARN("cannot remember the NV images: %s", sr.msg);  /* rewritten next time */
	}
	ok = true;
out:
	printer_store_nv_finish(&stored);
	printer_store_nv_finish(&now);
	ticket_nv_set_finish(&set);
	escpos_buf_finish(&buf);
	return ok;
}

/* Everything before a job: the printer can print, is cleared, holds current NV images. */
static bool ready_printer(struct db *db, struct printer *p, const struct ctx *c,
	struct printer_status *st, struct result *r)
{
	return check_printer(db, p, st, r) && clear_printer(db, p, r)
		&& (!printer_supports_nv(p) || nv_sync(db, p, c, r));
}

bool printjob_prepare(struct db *db, struct printer *p, struct result *r)
{
	if (!printer_supports_nv(p)) {
		return true;
	}
	struct ctx c;
	struct printer_status st;
	bool ok = ctx_load(db, &c, r);
	if (ok) {
		/* Nothing they show changed: not even a word to the printer. */
		struct printer_nv_state stored;
		nv_load(db, p, &stored);
		bool current = stored.fingerprint == nv_fingerprint(&c);
		printer_store_nv_finish(&stored);
		ok = current || ready_printer(db, p, &c, &st, r);
	}
	ctx_finish(&c);
	return ok;
}

bool printjob_event_may_change_nv(enum event_kind kind)
{
	/* The images hold settings texts and the active services' names, in order. */
	return kind == EVENT_SETTING || kind == EVENT_SERVICE_ADD || kind == EVENT_SERVICE_EDIT;
}

bool printjob_forget_nv(struct db *db, const char *spec, struct result *r)
{
	return printer_store_nv_forget(db, spec, r);
}

/* --- tickets ----------------------------------------------------------------- */

static bool encode_ticket(struct printer *p, const struct ctx *c, const struct ticket *t,
	struct escpos_buf *job, size_t *number_at, struct result *r)
{
	char datetime[32];
	struct ticket_info info;
	info_for(c, t, datetime, &info);
	if (!ticket_render_encode(c->layout, &info,
			printer_supports_nv(p) ? TICKET_MODE_NV : TICKET_MODE_INLINE, job, number_at)) {
		return result_fail(r, RESULT_ERR_PRINTER, "không dựng được hình phiếu (thiếu phông chữ?)");
	}
	return true;
}

/* The ticket's printing was not confirmed: it stays valid, and says so. */
static void keep_unconfirmed(struct db *db, struct ticket *t, struct result *why)
{
	struct result fr = { 0 };
	if (!ticket_set_print_unconfirmed(db, t->id, true, &fr)) {
		LOG_ERR("ticket %s: cannot flag its unconfirmed printing: %s", t->number, fr.msg);
	}
	t->print_unconfirmed = true;
	LOG_WARN("ticket %s stays valid, its printing unconfirmed: %s", t->number, why->msg);
	char *msg = xasprintf("ticket %s may not have printed (it stays valid): %s", t->number,
		why->msg);
	snprintf(why->msg, sizeof why->msg, "%s", msg);
	free(msg);
	why->code = RESULT_OK;
}

/* Voids a ticket whose number cannot have reached the printer. */
static void void_unsent(struct db *db, struct printer *p, struct ticket *t, struct result *r)
{
	struct result vr = { 0 };
	char *reason = xasprintf("printer %s: %s", printer_spec(p), r->msg);
	if (!queue_void(db, t->id, reason, &vr)) {
		LOG_ERR("ticket %s was not printed and could not be voided: %s", t->number, vr.msg);
	} else {
		LOG_WARN("ticket %s voided before its number was sent: %s", t->number, reason);
		t->status = TICKET_VOID;
		char *msg = xasprintf("%s (số %s đã bị hủy: số này chưa được gửi tới máy in)", r->msg,
			t->number);
		snprintf(r->msg, sizeof r->msg, "%s", msg);
		free(msg);
	}
	free(reason);
}

bool printjob_issue_and_print(struct db *db, struct printer *p, const char *service_code,
	bool priority, struct ticket *t, struct result *r)
{
	return printjob_issue_and_print_via(db, p, NULL, NULL, service_code, priority, t, r);
}

bool printjob_issue_and_print_via(struct db *db, struct printer *p, printjob_issue_fn issue,
	void *issue_ud, const char *service_code, bool priority, struct ticket *t, struct result *r)
{
	struct result local = { 0 };
	if (r == NULL) {
		r = &local;
	}
	struct ctx c;
	struct printer_status st;
	struct escpos_buf job;
	escpos_buf_init(&job);
	bool ok = false;
	if (!ctx_load(db, &c, r) || !ready_printer(db, p, &c, &st, r)
		|| !(issue ? issue(issue_ud, service_code, priority, t, r)
			: queue_issue(db, NULL, service_code, priority, t, r))) {
		goto out;
	}
	size_t number_at = 0, sent = 0;
	enum job_end end = JOB_NOT_SENT;
	if (encode_ticket(p, &c, t, &job, &number_at, r)) {
		end = send_job(db, p, &job, t->id, &sent, r);
	}
	if (end == JOB_NOT_SENT && sent <= number_at) {
		void_unsent(db, p, t, r);
		goto out;
	}
	if (end != JOB_CONFIRMED) {
		keep_unconfirmed(db, t, r);
	}
	ok = true;
out:
	escpos_buf_finish(&job);
	ctx_finish(&c);
	return ok;
}

bool printjob_reprint(struct db *db, struct printer *p, const struct ticket *t, struct result *r)
{
	struct ctx c;
	struct printer_status st;
	struct escpos_buf job;
	escpos_buf_init(&job);
	size_t sent;
	bool ok = ctx_load(db, &c, r) && ready_printer(db, p, &c, &st, r)
		&& encode_ticket(p, &c, t, &job, NULL, r)
		&& send_job(db, p, &job, t->id, &sent, r) == JOB_CONFIRMED;
	if (ok && !ticket_set_print_unconfirmed(db, t->id, false, r)) {
		LOG_WARN("ticket %s reprinted; its flag stays: %s", t->number, r->msg);
	}
	escpos_buf_finish(&job);
	ctx_finish(&c);
	return ok;
}

/* Appends one line of Vietnamese text as an inline raster. */
static void selftest_line(struct escpos_buf *b, int width, int px, bool bold, const char *text)
{
	struct raster *img = raster_text_block(paths_font(bold), px, 12, RASTER_THRESHOLD_DEFAULT,
		text, width - 16, RASTER_LEFT);
	if (img) {
		escpos_align(b, ESCPOS_LEFT);
		struct raster *pad = raster_create(width, img->h);
		raster_blit(pad, img, 8, 0, false);
		int x0, x1;
		struct raster *c = raster_ink_columns(pad, &x0, &x1) ? raster_crop(pad, 0, 0, x1 + 1, pad->h)
			: raster_create(8, pad->h);
		escpos_raster(b, c);
		raster_destroy(c);
		raster_destroy(pad);
		raster_destroy(img);
	}
}

bool printjob_selftest(struct db *db, struct printer *p, struct result *r)
{
	struct ctx c;
	struct printer_status st;
	struct escpos_buf b;
	escpos_buf_init(&b);
	bool ok = false;
	if (!ctx_load(db, &c, r)) {
		goto out;
	}
	if (!ready_printer(db, p, &c, &st, r)) {
		goto out;
	}
	long width = settings_get_int(db, "printer_width");
	char line[600], d[11], tm[6];
	int64_t now = clock_now_ms();
	clock_format_date(now, d);
	clock_format_time(now, tm);
	escpos_init(&b);
	selftest_line(&b, (int)width, 30, true, "KIỂM TRA MÁY IN");
	snprintf(line, sizeof line, "Máy in: %s", printer_spec(p));
	selftest_line(&b, (int)width, 20, false, line);
	snprintf(line, sizeof line, "Trạng thái: %s",
		printer_fault_info(printer_status_fault(&st))->citizen_vi);
	selftest_line(&b, (int)width, 20, false, line);
	char speed[32] = "—";
	if (printer_baud(p)) {
		snprintf(speed, sizeof speed, "%d baud", printer_baud(p));
	}
	snprintf(line, sizeof line, "Khổ in: %ld điểm; tốc độ: %s; bộ nhớ NV: %s", width, speed,
		printer_supports_nv(p) ? "có" : "không dùng");
	selftest_line(&b, (int)width, 20, false, line);
	snprintf(line, sizeof line, "Cơ quan: %s — %s", c.commune, c.desk);
	selftest_line(&b, (int)width, 20, false, line);
	selftest_line(&b, (int)width, 22, false,
		"ĂÂĐÊÔƠƯ ăâđêôơư áàảãạ ắằẳẵặ ấầẩẫậ éèẻẽẹ ếềểễệ íìỉĩị óòỏõọ ốồổỗộ ớờởỡợ "
		"úùủũụ ứừửữự ýỳỷỹỵ");
	selftest_line(&b, (int)width, 22, true, "Cộng hòa xã hội chủ nghĩa Việt Nam");
	escpos_align(&b, ESCPOS_LEFT);
	escpos_text(&b, "ASCII: 0123456789 ABCXYZ abcxyz");
	escpos_newline(&b);
	snprintf(line, sizeof line, "%s %s", d, tm);
	escpos_text(&b, line);
	escpos_newline(&b);
	escpos_feed(&b, 1);
	/* A sample ticket through the normal path (NV keys when enabled). */
	struct ticket sample = {
		.service_id = c.n_services ? c.services[0].id : 0, .issued_ms = now,
		.ahead = 3, .est_wait_s = 900, .priority = true,
	};
	snprintf(sample.number, sizeof sample.number, "1001");
	snprintf(sample.service_name, sizeof sample.service_name, "%s",
		c.n_services ? c.services[0].name : "Hộ tịch");
	struct escpos_buf tk;
	escpos_buf_init(&tk);
	ok = encode_ticket(p, &c, &sample, &tk, NULL, r);
	if (ok) {
		/* The sample's own ESC @ stays: it resets the modes, nothing more. */
		escpos_append(&b, tk.data, tk.len);
		size_t sent;
		ok = send_job(db, p, &b, 0, &sent, r) == JOB_CONFIRMED;
	}
	escpos_buf_finish(&tk);
out:
	escpos_buf_finish(&b);
	ctx_finish(&c);
	return ok;
}
