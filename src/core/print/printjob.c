/*
 * Print jobs, glued to the database: settings give the layout and texts,
 * the queue gives the number, the printer prints it, printer_store.h
 * remembers what the printer holds.
 *
 * Order of the kiosk flow (printjob_issue_and_print): status first, so no
 * number is consumed when the printer cannot print; the printer cleared
 * when its last job was not confirmed; NV images brought up to date
 * (nvsync.c); then queue_issue (committed); then the job; then the
 * profile's completion reply (GS ( H or GS r, which come once the ticket
 * is printed) or, for a printer without one, a timer computed from the
 * ticket's length and the printer's speed; then the status.
 *
 * The outcome of a job (firmware-notes/print-outcome.md):
 *   confirmed       the completion reply came (or its timer ran out) and
 *                   the status after it says the printer can print: done;
 *   not sent        the write failed: if no byte of the number had been
 *                   handed to the kernel, the number cannot be on paper and
 *                   the ticket is voided; otherwise as below;
 *   not confirmed   no completion reply, no status reply, or a fault by
 *                   then: the number may be
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
#include "motcua/print/printer_probe.h"
#include "motcua/print/printer_store.h"
#include "motcua/print/printjob.h"
#include "motcua/store/queue.h"
#include "motcua/store/settings.h"
#include "jobctx.h"

void jobctx_finish(struct jobctx *c)
{
	ticket_render_destroy(c->layout);
	free(c->services);
	free(c->names);
	free(c->counters);
}

/* The profile of the setting printer_profile, for a printer string that names none. */
static void apply_profile_setting(struct db *db, struct printer *p)
{
	if (printer_profile_named(p)) {
		return;
	}
	char name[64];
	settings_get(db, "printer_profile", name, sizeof name);
	const struct printer_profile *pp = printer_profile_find(name);
	if (pp == NULL) {
		LOG_WARN("setting printer_profile: no profile \"%s\"; using %s", name,
			printer_profile_default()->name);
	}
	printer_use_profile(p, pp);
}

/* The setting ticket_qr for printer p: auto is the printer's own GS ( k where its profile has it. */
static enum ticket_qr qr_mode(struct db *db, struct printer *p)
{
	char mode[16];
	if (!settings_get(db, "ticket_qr", mode, sizeof mode) || strcmp(mode, "auto") == 0) {
		return printer_profile(p)->qr ? TICKET_QR_NATIVE : TICKET_QR_RASTER;
	}
	return strcmp(mode, "raster") == 0 ? TICKET_QR_RASTER : TICKET_QR_NONE;
}

bool jobctx_load(struct db *db, struct printer *p, struct jobctx *c, struct result *r)
{
	memset(c, 0, sizeof *c);
	apply_profile_setting(db, p);
	settings_get(db, "commune_name", c->commune, sizeof c->commune);
	settings_get(db, "desk_name", c->desk, sizeof c->desk);
	settings_get(db, "ticket_footer", c->footer, sizeof c->footer);
	settings_get(db, "ticket_layout", c->layout_text, sizeof c->layout_text);
	long width = settings_get_int(db, "printer_width");
	c->width = width > 0 ? (int)width : printer_profile(p)->width;
	struct ticket_layout *layout = ticket_layout_parse(c->layout_text, r);
	if (layout == NULL) {
		return false;
	}
	c->layout = ticket_render_create(layout, paths_font(false), paths_font(true), c->width);
	/* Magnified printer characters are legible only when the printer smooths them. */
	ticket_render_set_number_image(c->layout, !printer_profile(p)->smoothing);
	if (!service_list(db, true, &c->services, &c->n_services, r)
		|| !counter_list(db, &c->counters, &c->n_counters, r)) {
		return false;
	}
	c->names = xcalloc(c->n_services + 1, sizeof *c->names);
	for (size_t i = 0; i < c->n_services; i++) {
		c->names[i] = c->services[i].name;
	}
	c->qr = qr_mode(db, p);
	settings_get(db, "public_url", c->public_url, sizeof c->public_url);
	return true;
}

void jobctx_info_static(const struct jobctx *c, struct ticket_info *info)
{
	*info = (struct ticket_info){
		.commune = c->commune, .desk = c->desk, .footer = c->footer,
		.number = "", .service_name = "", .service_slot = -1,
		.ahead = -1, .est_wait_min = -1, .datetime = "", .counters = "", .valid_date = "",
		.n_services = (int)c->n_services,
	};
}

/* "1, 3": the counters that serve service_id and are not closed, by number. */
static void counters_for(const struct jobctx *c, int64_t service_id, char *out, size_t size)
{
	size_t len = 0;
	out[0] = '\0';
	for (size_t i = 0; i < c->n_counters; i++) {
		const struct counter *k = &c->counters[i];
		bool serves = false;
		for (size_t j = 0; j < k->n_services; j++) {
			serves |= k->service_ids[j] == service_id;
		}
		if (serves && k->state != COUNTER_CLOSED && len + 16 < size) {
			len += (size_t)snprintf(out + len, size - len, "%s%d", len ? ", " : "", k->number);
		}
	}
}

/*
 * The address a ticket's QR code opens (public_url/t/TOKEN, the store's
 * ticket_public_url): "" when public_url is empty, the ticket has no
 * token (issued before tokens existed) or ticket_qr is off.
 */
static void ticket_url(const struct jobctx *c, const struct ticket *t, char *buf, size_t size)
{
	if (c->qr == TICKET_QR_NONE || !ticket_public_url(t, c->public_url, buf, size)) {
		buf[0] = '\0';
	}
}

/* The strings a ticket points to (struct ticket_info borrows them). */
struct ticket_texts {
	char datetime[32], date[11], counters[128], url[320];
};

static void info_for(const struct jobctx *c, const struct ticket *t, struct ticket_texts *tx,
	struct ticket_info *info)
{
	jobctx_info_static(c, info);
	char tm[6];
	clock_format_date(t->issued_ms, tx->date);
	clock_format_time(t->issued_ms, tm);
	snprintf(tx->datetime, sizeof tx->datetime, "%s %s", tx->date, tm);
	counters_for(c, t->service_id, tx->counters, sizeof tx->counters);
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
	info->datetime = tx->datetime;
	info->valid_date = tx->date;
	info->counters = tx->counters;
	ticket_url(c, t, tx->url, sizeof tx->url);
	info->qr_url = tx->url;
	info->qr = c->qr;
}

/* --- the printer's state ---------------------------------------------------- */

void job_record(struct db *db, struct printer *p, enum printer_fault fault)
{
	struct result rr = { 0 };
	if (!printer_store_status(db, printer_spec(p), fault, &rr)) {
		LOG_WARN("cannot record the printer's status: %s", rr.msg);
	}
}

bool job_check_printer(struct db *db, struct printer *p, struct printer_status *st,
	struct result *r)
{
	struct result qr = { 0 };
	if (!printer_query_status(p, st, &qr)) {
		job_record(db, p, PRINTER_FAULT_NO_ANSWER);
		return result_fail(r, RESULT_ERR_PRINTER, "%s", qr.msg);
	}
	enum printer_fault fault = printer_status_fault(st);
	job_record(db, p, fault);
	return printer_fault_check(fault, r);
}

void job_open(struct db *db, struct printer *p, const struct escpos_buf *job, bool prints,
	int64_t ticket_id)
{
	struct printer_job pj = {
		.pad = escpos_longest_command(job->data, job->len), .prints = prints,
		.ticket_id = ticket_id,
	};
	struct result rr = { 0 };
	if (!printer_store_job_open(db, printer_identity(p), &pj, &rr)) {
		LOG_WARN("cannot remember the print job: %s", rr.msg);
	}
}

void job_close(struct db *db, struct printer *p)
{
	struct result rr = { 0 };
	if (!printer_store_job_close(db, printer_identity(p), &rr)) {
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
	if (!printer_store_job_pending(db, printer_identity(p), &pending, &last, &qr)) {
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
		job_record(db, p, PRINTER_FAULT_NO_ANSWER);
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
 * Sends a job that puts rows dots of paper out, waits for the printer to
 * finish it (printer_await_done) and asks for the status that confirms it;
 * records the printer's fault either way. why gets the reason unless
 * confirmed.
 */
static enum job_end send_job(struct db *db, struct printer *p, const struct escpos_buf *job,
	int rows, int64_t ticket_id, size_t *sent, struct result *why)
{
	int64_t t0 = clock_mono_ms();
	job_open(db, p, job, true, ticket_id);
	struct result wr = { 0 };
	if (!printer_write(p, job->data, job->len, sent, &wr)) {
		job_record(db, p, printer_last_status(p)->held ? PRINTER_FAULT_HELD
			: PRINTER_FAULT_NO_ANSWER);
		result_fail(why, RESULT_ERR_PRINTER, "không in được: %s", wr.msg);
		return JOB_NOT_SENT;
	}
	const struct printer_profile *pp = printer_profile(p);
	bool wants_reply = printer_has_status(p) && pp->done != PRINTER_DONE_TIMER;
	int print_ms = printer_profile_print_ms(pp, rows);
	bool replied = false;
	struct printer_status st = { 0 };
	struct result qr = { 0 };
	bool asked = printer_await_done(p, print_ms, print_ms + (print_ms > 2000 ? print_ms : 2000),
			&replied, &qr)
		&& printer_query_status(p, &st, &qr);
	enum printer_fault fault = printer_status_fault(&st);
	bool can_print = asked && printer_fault_info(fault)->can_print;
	if (can_print && (replied || !wants_reply)) {
		job_close(db, p);
		job_record(db, p, fault);
		LOG_INFO("%s: printed %zu bytes, %d dots, in %lld ms (%s)", printer_spec(p), job->len, rows,
			(long long)(clock_mono_ms() - t0), replied ? "completion reply" : "timer");
		return JOB_CONFIRMED;
	}
	job_record(db, p, st.answered && !can_print ? fault : PRINTER_FAULT_UNCONFIRMED);
	if (can_print) {
		result_fail(why, RESULT_ERR_PRINTER, "máy in chưa xác nhận đã in phiếu: không có trả lời "
			"báo in xong (%s) trong %d ms", printer_profile_done_words(pp->done), 2 * print_ms);
	} else {
		char words[256];
		printer_fault_sentence(fault, words, sizeof(words));
		result_fail(why, RESULT_ERR_PRINTER, "máy in chưa xác nhận đã in phiếu: %s",
			asked || st.held || st.in_use ? words : qr.msg);
	}
	return JOB_NOT_CONFIRMED;
}

/* Everything before a job: the printer can print, is cleared, holds current NV images. */
static bool ready_printer(struct db *db, struct printer *p, struct jobctx *c,
	struct printer_status *st, struct result *r)
{
	return job_check_printer(db, p, st, r) && clear_printer(db, p, r) && nvsync_run(db, p, c, r);
}

bool printjob_prepare(struct db *db, struct printer *p, struct result *r)
{
	struct jobctx c;
	struct printer_status st;
	bool ok = jobctx_load(db, p, &c, r);
	/* Nothing they show changed, or nothing to store: not even a word to the printer. */
	if (ok && printer_nv(p) != PRINTER_NV_NONE && !nvsync_current(db, p, &c)) {
		ok = ready_printer(db, p, &c, &st, r);
	}
	jobctx_finish(&c);
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

/* The encoding the printer takes now: by NV key or number when it holds the set, else inline. */
static enum ticket_mode ticket_mode_for(struct printer *p, const struct jobctx *c)
{
	if (!c->nv_current) {
		return TICKET_MODE_INLINE;
	}
	return printer_nv(p) == PRINTER_NV_BITIMAGE ? TICKET_MODE_NV_BITIMAGE : TICKET_MODE_NV;
}

/* Encodes t into job; *rows: the dots of paper it takes (for the print-time timer). */
static bool encode_ticket(struct printer *p, const struct jobctx *c, const struct ticket *t,
	struct escpos_buf *job, size_t *number_at, int *rows, struct result *r)
{
	struct ticket_texts tx;
	struct ticket_info info;
	info_for(c, t, &tx, &info);
	struct raster *paper = ticket_render_image(c->layout, &info);
	*rows = paper ? paper->h : 0;
	raster_destroy(paper);
	if (!ticket_render_encode(c->layout, &info, ticket_mode_for(p, c), job, number_at)) {
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
	char *msg = xasprintf("phiếu %s có thể chưa in ra (số vẫn có hiệu lực): %s", t->number,
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
	struct jobctx c;
	struct printer_status st;
	struct escpos_buf job;
	escpos_buf_init(&job);
	bool ok = false;
	if (!jobctx_load(db, p, &c, r) || !ready_printer(db, p, &c, &st, r)
		|| !(issue ? issue(issue_ud, service_code, priority, t, r)
			: queue_issue(db, NULL, service_code, priority, t, r))) {
		goto out;
	}
	size_t number_at = 0, sent = 0;
	int rows = 0;
	enum job_end end = JOB_NOT_SENT;
	if (encode_ticket(p, &c, t, &job, &number_at, &rows, r)) {
		end = send_job(db, p, &job, rows, t->id, &sent, r);
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
	jobctx_finish(&c);
	return ok;
}

bool printjob_reprint(struct db *db, struct printer *p, const struct ticket *t, struct result *r)
{
	struct jobctx c;
	struct printer_status st;
	struct escpos_buf job;
	escpos_buf_init(&job);
	size_t sent;
	int rows = 0;
	bool ok = jobctx_load(db, p, &c, r) && ready_printer(db, p, &c, &st, r)
		&& encode_ticket(p, &c, t, &job, NULL, &rows, r)
		&& send_job(db, p, &job, rows, t->id, &sent, r) == JOB_CONFIRMED;
	if (ok && !ticket_set_print_unconfirmed(db, t->id, false, r)) {
		LOG_WARN("ticket %s reprinted; its flag stays: %s", t->number, r->msg);
	}
	escpos_buf_finish(&job);
	jobctx_finish(&c);
	return ok;
}

/* --- test pages -------------------------------------------------------------- */

/* A page of inline images and printer-font lines, and how much paper it takes. */
struct page {
	struct escpos_buf b;
	int width;
	int rows;
};

/* Appends an image from the paper's left edge (as ticket_render does without NV). */
static void page_image(struct page *pg, const struct raster *img)
{
	int x0, x1;
	struct raster *c = raster_ink_columns(img, &x0, &x1) ? raster_crop(img, 0, 0, x1 + 1, img->h)
		: raster_create(8, img->h);
	escpos_align(&pg->b, ESCPOS_LEFT);
	escpos_raster(&pg->b, c);
	pg->rows += c->h;
	raster_destroy(c);
}

/* One line (or more, wrapped) of Vietnamese text. */
static void page_line(struct page *pg, int px, bool bold, const char *text)
{
	struct raster *img = raster_text_block(paths_font(bold), px, 12, RASTER_THRESHOLD_DEFAULT,
		text, pg->width - 16, RASTER_LEFT);
	if (img) {
		struct raster *pad = raster_create(pg->width, img->h);
		raster_blit(pad, img, 8, 0, false);
		page_image(pg, pad);
		raster_destroy(pad);
		raster_destroy(img);
	}
}

static void page_ascii(struct page *pg, const char *text)
{
	escpos_align(&pg->b, ESCPOS_LEFT);
	escpos_text(&pg->b, text);
	escpos_newline(&pg->b);
	pg->rows += 30;
}

/*
 * Edge marks: for each width a row as wide, with a bar on its first and on
 * its last dot and the width written between them. The widest row whose
 * right bar comes out on paper is the printer's width; a narrower setting
 * wastes paper, a wider one loses the ticket's right edge.
 */
static void page_edges(struct page *pg)
{
	int widths[] = { 384, 512, 576, pg->width };
	int n = pg->width == 384 || pg->width == 512 || pg->width == 576 ? 3 : 4;
	for (int i = 0; i < n; i++) {
		int w = widths[i];
		struct raster *row = raster_create(w, 40);
		raster_fill(row, 0, 0, 3, 40, true);
		raster_fill(row, w - 3, 0, 3, 40, true);
		raster_fill(row, 0, 0, w, 2, true);
		char label[64];
		snprintf(label, sizeof label, "%d điểm%s", w, w == pg->width ? " (đang dùng)" : "");
		struct raster *t = raster_text(paths_font(true), 22, RASTER_THRESHOLD_DEFAULT, label);
		if (t) {
			raster_blit(row, t, (w - t->w) / 2, 40 - t->h, false);
			raster_destroy(t);
		}
		/* The row as is: its last column is the mark, so no cropping may cut it. */
		escpos_align(&pg->b, ESCPOS_LEFT);
		escpos_raster(&pg->b, row);
		pg->rows += row->h;
		raster_destroy(row);
		escpos_feed_dots(&pg->b, 8);
		pg->rows += 8;
	}
	page_line(pg, 18, false, "Vạch ở mép phải phải in ra trên hàng có khổ của máy in; hàng "
		"rộng hơn khổ máy in mất vạch phải. Khổ sai thì phiếu bị lệch hoặc mất mép phải "
		"(cài đặt printer_width hoặc profile=).");
}

/* What the printer's profile and settings make of it, for the technician. */
static void page_setup(struct page *pg, struct printer *p, const struct jobctx *c,
	const struct printer_status *st)
{
	const struct printer_profile *pp = printer_profile(p);
	char line[600];
	snprintf(line, sizeof line, "Máy in: %s", printer_spec(p));
	page_line(pg, 20, false, line);
	snprintf(line, sizeof line, "Loại máy (profile): %s — %s%s", pp->name, pp->model,
		printer_profile_named(p) ? "" : " (cài đặt printer_profile)");
	page_line(pg, 20, false, line);
	const struct printer_fault_info *f = printer_fault_info(printer_status_fault(st));
	snprintf(line, sizeof line, "Trạng thái: %s%s%s", f->citizen_vi, *f->advice_vi ? " — " : "",
		f->advice_vi);
	page_line(pg, 20, false, line);
	char speed[32] = "—";
	if (printer_baud(p)) {
		snprintf(speed, sizeof speed, "%d baud", printer_baud(p));
	}
	snprintf(line, sizeof line, "Khổ in: %d điểm, %d dpi; tốc độ in %d mm/giây; đường truyền: %s",
		c->width, pp->dpi, pp->speed_mm_s, speed);
	page_line(pg, 20, false, line);
	snprintf(line, sizeof line, "Bộ nhớ NV: %s%s; báo in xong: %s",
		printer_profile_nv_words(printer_nv(p)), printer_nv(p) == PRINTER_NV_NONE ? ""
		: c->nv_current ? ", đã nạp đủ" : ", chưa nạp đủ (phiếu in trực tiếp)",
		printer_has_status(p) ? printer_profile_done_words(pp->done) : "hẹn giờ (status=none)");
	page_line(pg, 20, false, line);
}

bool printjob_selftest(struct db *db, struct printer *p, struct result *r)
{
	struct jobctx c;
	struct printer_status st;
	struct page pg = { .rows = 0 };
	escpos_buf_init(&pg.b);
	struct escpos_buf tk;
	escpos_buf_init(&tk);
	bool ok = false;
	if (!jobctx_load(db, p, &c, r) || !ready_printer(db, p, &c, &st, r)) {
		goto out;
	}
	pg.width = c.width;
	char line[600], d[11], tm[6];
	int64_t now = clock_now_ms();
	clock_format_date(now, d);
	clock_format_time(now, tm);
	escpos_init(&pg.b);
	page_line(&pg, 30, true, "KIỂM TRA MÁY IN");
	page_setup(&pg, p, &c, &st);
	snprintf(line, sizeof line, "Cơ quan: %s — %s", c.commune, c.desk);
	page_line(&pg, 20, false, line);
	page_edges(&pg);
	page_line(&pg, 22, false,
		"ĂÂĐÊÔƠƯ ăâđêôơư áàảãạ ắằẳẵặ ấầẩẫậ éèẻẽẹ ếềểễệ íìỉĩị óòỏõọ ốồổỗộ ớờởỡợ "
		"úùủũụ ứừửữự ýỳỷỹỵ");
	page_line(&pg, 22, true, "Cộng hòa xã hội chủ nghĩa Việt Nam");
	page_ascii(&pg, "ASCII: 0123456789 ABCXYZ abcxyz");
	snprintf(line, sizeof line, "%s %s", d, tm);
	page_ascii(&pg, line);
	escpos_feed(&pg.b, 1);
	pg.rows += 30;
	/* A sample ticket through the normal path (NV keys when the printer holds them). */
	struct ticket sample = {
		.service_id = c.n_services ? c.services[0].id : 0, .issued_ms = now,
		.ahead = 3, .est_wait_s = 900, .priority = true,
	};
	snprintf(sample.number, sizeof sample.number, "1001");
	snprintf(sample.service_name, sizeof sample.service_name, "%s",
		c.n_services ? c.services[0].name : "Hộ tịch");
	int rows = 0;
	ok = encode_ticket(p, &c, &sample, &tk, NULL, &rows, r);
	if (ok) {
		/* The sample's own ESC @ stays: it resets the modes, nothing more. */
		escpos_append(&pg.b, tk.data, tk.len);
		size_t sent;
		ok = send_job(db, p, &pg.b, pg.rows + rows, 0, &sent, r) == JOB_CONFIRMED;
	}
out:
	escpos_buf_finish(&tk);
	escpos_buf_finish(&pg.b);
	jobctx_finish(&c);
	return ok;
}

/* One line of the detection report: what was asked, what came back. */
static void page_answer(struct page *pg, const char *what, bool answered, const char *detail)
{
	char line[400];
	snprintf(line, sizeof line, "%s: %s%s%s", what, answered ? "có trả lời" : "không trả lời",
		detail && *detail ? " — " : "", detail ? detail : "");
	page_line(pg, 20, false, line);
}

bool printjob_detect(struct db *db, struct printer *p, struct printer_probe *probe,
	const struct printer_profile **suggested, struct result *r)
{
	struct jobctx c;
	struct printer_status st;
	struct page pg = { .rows = 0 };
	escpos_buf_init(&pg.b);
	bool ok = false;
	const char *why = "";
	*suggested = printer_profile_default();
	if (!jobctx_load(db, p, &c, r) || !job_check_printer(db, p, &st, r)
		|| !clear_printer(db, p, r) || !printer_probe(p, probe, r)) {
		goto out;
	}
	*suggested = printer_profile_suggest(probe, &why);
	pg.width = c.width;
	char line[300];
	escpos_init(&pg.b);
	page_line(&pg, 30, true, "NHẬN DẠNG MÁY IN");
	page_setup(&pg, p, &c, &st);
	snprintf(line, sizeof line, "%s %s (firmware %s)", probe->maker, probe->model,
		probe->firmware);
	page_answer(&pg, "Tên máy (GS I)", probe->model[0] || probe->maker[0], line);
	page_answer(&pg, "Báo in xong GS ( H", probe->process_id, NULL);
	page_answer(&pg, "Cảm biến giấy GS r", probe->paper_status, NULL);
	snprintf(line, sizeof line, "%d ảnh đã lưu, %ld byte trống", probe->nv_keys, probe->nv_free);
	page_answer(&pg, "Bộ nhớ NV GS ( L", probe->nv_list, probe->nv_list ? line : NULL);
	snprintf(line, sizeof line, "Gợi ý: profile=%s (%s)", (*suggested)->name, (*suggested)->model);
	page_line(&pg, 24, true, line);
	page_edges(&pg);
	escpos_feed(&pg.b, 2);
	escpos_cut(&pg.b, true, 24);
	pg.rows += 60;
	size_t sent;
	ok = send_job(db, p, &pg.b, pg.rows, 0, &sent, r) == JOB_CONFIRMED;
out:
	escpos_buf_finish(&pg.b);
	jobctx_finish(&c);
	return ok;
}
