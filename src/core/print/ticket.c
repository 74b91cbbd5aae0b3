/*
 * The paper ticket, glued to the database: settings give the layout and
 * texts, the queue gives the number, the printer prints it.
 *
 * Order of the kiosk flow (ticket_issue_and_print): status first, so no
 * number is consumed when the printer cannot print; NV images brought up to
 * date; then queue_issue (committed); then the job; then a status request
 * that can only be answered after the printer has taken the whole job. If
 * the job fails or is not confirmed, the ticket is voided.
 *
 * What is in a printer's NV memory is remembered in the devices table, in
 * a row named "nv:<spec>" (kind "printer_nv"), detail
 * "fp=<fingerprint> <key>=<image hash> ...", so each image is written again
 * only when it changes (NV memory wears out after some 10^5 writes).
 */
#define LOG_MODULE "ticket"
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "motcua/base/clock.h"
#include "motcua/store/devices.h"
#include "motcua/base/log.h"
#include "motcua/base/paths.h"
#include "motcua/store/settings.h"
#include "motcua/store/services.h"
#include "motcua/print/ticket.h"
#include "motcua/print/ticket_render.h"
#include "motcua/base/xalloc.h"

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

/* --- devices rows -------------------------------------------------------- */

/* The devices table (devices.h): one row per device, overwritten. */
static bool upsert_device(struct db *db, const char *name, const char *kind, const char *status,
	const char *detail, struct result *r)
{
	return devices_record(db, name, kind, status, detail, r);
}

static const char *status_word(const struct printer_status *st)
{
	if (!st->answered) {
		return "no_answer";
	}
	if (st->paper_out) {
		return "paper_out";
	}
	if (st->cover_open) {
		return "cover_open";
	}
	if (st->error) {
		return "error";
	}
	if (!st->online) {
		return "offline";
	}
	return st->paper_near_end ? "near_end" : "ok";
}

/* What the officer should do, in Vietnamese (the status itself is shown by `motcua status`). */
static const char *advice_vi(const char *word)
{
	static const struct {
		const char *word, *advice;
	} table[] = {
		{"near_end", "Chuẩn bị thay cuộn giấy"},
		{"paper_out", "Thay cuộn giấy mới"},
		{"cover_open", "Đóng nắp máy in"},
		{"offline", "Kiểm tra máy in"},
		{"no_answer", "Kiểm tra nguồn điện và cáp của máy in"},
		{"error", "Tắt rồi bật lại máy in; kiểm tra dao cắt giấy"},
	};
	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
		if (strcmp(table[i].word, word) == 0) {
			return table[i].advice;
		}
	}
	return "";
}

bool ticket_record_printer_status(struct db *db, const char *spec,
	const struct printer_status *st, struct result *r)
{
	const char *word = status_word(st);
	return upsert_device(db, spec, "printer", word, advice_vi(word), r);
}

/* Records the status; a failure to record is logged, not fatal for printing. */
static void record(struct db *db, struct printer *p, const struct printer_status *st)
{
	struct result rr = {0};
	if (!ticket_record_printer_status(db, printer_spec(p), st, &rr)) {
		LOG_WARN("cannot record printer status: %s", rr.msg);
	}
}

/* Asks the printer and records the answer; false (r) when it cannot print. */
static bool check_printer(struct db *db, struct printer *p, struct printer_status *st,
	struct result *r)
{
	struct result qr = {0};
	if (!printer_query_status(p, st, &qr)) {
		st->answered = false;
		record(db, p, st);
		return result_fail(r, RESULT_ERR_PRINTER, "%s", qr.msg);
	}
	record(db, p, st);
	return printer_status_ok(st, r);
}

/* --- NV memory ------------------------------------------------------------ */

static char *nv_row_name(const char *spec)
{
	return xasprintf("nv:%s", spec);
}

/* The stored NV record for spec (malloc'd detail), or NULL. */
static char *nv_read(struct db *db, const char *spec)
{
	char *name = nv_row_name(spec);
	char *detail = NULL;
	sqlite3_stmt *st = db_prepare(db, "SELECT detail FROM devices WHERE name = ?");
	if (st) {
		sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
		if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0)) {
			detail = xstrdup((const char *)sqlite3_column_text(st, 0));
		}
		sqlite3_reset(st);
	}
	free(name);
	return detail;
}

/* The hash stored for key in a record ("fp=.. K1=.. K2=.."), 0 if none. */
static uint64_t nv_lookup(const char *detail, const char *key)
{
	if (detail == NULL) {
		return 0;
	}
	size_t kl = strlen(key);
	for (const char *p = detail; *p;) {
		if (strncmp(p, key, kl) == 0 && p[kl] == '=') {
			return strtoull(p + kl + 1, NULL, 16);
		}
		p = strchr(p, ' ');
		if (p == NULL) {
			break;
		}
		p++;
	}
	return 0;
}

bool ticket_nv_forget(struct db *db, const char *spec, struct result *r)
{
	char *name = nv_row_name(spec);
	bool ok = db_begin(db, r);
	if (ok) {
		sqlite3_stmt *st = db_prepare(db, "DELETE FROM devices WHERE name = ?");
		ok = st != NULL;
		if (ok) {
			sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
			ok = sqlite3_step(st) == SQLITE_DONE;
		}
		if (!ok) {
			db_fail(db, r, "forgetting the NV record");
			db_rollback(db);
		} else {
			ok = db_commit(db, r);
		}
	}
	free(name);
	return ok;
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
	uint64_t fp = ticket_render_nv_fingerprint(c->layout, &info, c->names, n_names);
	char *stored = nv_read(db, printer_spec(p));
	bool ok = false;
	struct ticket_nv_set set = {0};
	struct escpos_buf buf;
	escpos_buf_init(&buf);
	char fps[32];
	snprintf(fps, sizeof fps, "%016llx", (unsigned long long)fp);
	if (stored && nv_lookup(stored, "fp") == fp) {
		ok = true;
		goto out;
	}
	ticket_render_nv_images(c->layout, &info, c->names, n_names, &set);
	char *detail = xasprintf("fp=%s", fps);
	int written = 0;
	for (int i = 0; i < set.n; i++) {
		const struct ticket_nv_image *im = &set.items[i];
		char key[3] = {im->key[0], im->key[1], 0};
		if (nv_lookup(stored, key) != im->hash) {
			if (!escpos_nv_define(&buf, key[0], key[1], im->img)) {
				result_fail(r, RESULT_ERR_INVALID, "ticket image %s is too large for NV memory", key);
				free(detail);
				goto out;
			}
			written++;
		}
		char *d = xasprintf("%s %s=%016llx", detail, key, (unsigned long long)im->hash);
		free(detail);
		detail = d;
	}
	struct printer_status st;
	if (buf.len > 0) {
		LOG_INFO("%s: writing %d NV image(s), %zu bytes", printer_spec(p), written, buf.len);
		if (!printer_write(p, buf.data, buf.len, r)) {
			free(detail);
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
		if (!check_printer(db, p, &st, r)) {
			free(detail);
			goto out;
		}
	}
	char *name = nv_row_name(printer_spec(p));
	struct result ur = {0};
	if (!upsert_device(db, name, "printer_nv", "stored", detail, &ur)) {
		LOG_WARN("cannot remember the NV images: %s", ur.msg);  /* rewritten next time */
	}
	free(name);
	free(detail);
	ok = true;
out:
	free(stored);
	ticket_nv_set_finish(&set);
	escpos_buf_finish(&buf);
	return ok;
}

bool ticket_prepare_printer(struct db *db, struct printer *p, struct result *r)
{
	if (!printer_supports_nv(p)) {
		return true;
	}
	struct ctx c;
	struct printer_status st;
	bool ok = ctx_load(db, &c, r) && check_printer(db, p, &st, r) && nv_sync(db, p, &c, r);
	ctx_finish(&c);
	return ok;
}

/* --- printing ------------------------------------------------------------ */

/* Sends a job and confirms it with a status request answered after it. */
static bool send_job(struct db *db, struct printer *p, const struct escpos_buf *job,
	struct result *r)
{
	int64_t t0 = clock_mono_ms();
	struct result wr = {0};
	if (!printer_write(p, job->data, job->len, &wr)) {
		struct printer_status st = {0};
		record(db, p, &st);
		return result_fail(r, RESULT_ERR_PRINTER, "printing failed: %s", wr.msg);
	}
	/* Let it print: a paper end during printing shows only afterwards. */
	poll(NULL, 0, printer_print_ms(p));
	struct printer_status st;
	struct result cr = {0};
	if (!check_printer(db, p, &st, &cr)) {
		return result_fail(r, RESULT_ERR_PRINTER, "the ticket was not confirmed: %s", cr.msg);
	}
	LOG_INFO("%s: printed %zu bytes in %lld ms", printer_spec(p), job->len,
		(long long)(clock_mono_ms() - t0));
	return true;
}

static bool print_with(struct db *db, struct printer *p, const struct ctx *c,
	const struct ticket *t, struct result *r)
{
	char datetime[32];
	struct ticket_info info;
	info_for(c, t, datetime, &info);
	struct escpos_buf job;
	escpos_buf_init(&job);
	bool ok = ticket_render_encode(c->layout, &info,
		printer_supports_nv(p) ? TICKET_MODE_NV : TICKET_MODE_INLINE, &job);
	if (!ok) {
		result_fail(r, RESULT_ERR_PRINTER, "cannot render the ticket (fonts missing?)");
	} else {
		ok = send_job(db, p, &job, r);
	}
	escpos_buf_finish(&job);
	return ok;
}

bool ticket_issue_and_print(struct db *db, struct printer *p, const char *service_code,
	bool priority, struct ticket *t, struct result *r)
{
	struct ctx c;
	struct printer_status st;
	bool ok = false;
	if (!ctx_load(db, &c, r) || !check_printer(db, p, &st, r)) {
		goto out;
	}
	if (printer_supports_nv(p) && !nv_sync(db, p, &c, r)) {
		goto out;
	}
	if (!queue_issue(db, service_code, priority, t, r)) {
		goto out;
	}
	if (!print_with(db, p, &c, t, r)) {
		struct result vr = {0};
		char *reason = xasprintf("printer %s: %s", printer_spec(p), r ? r->msg : "failed");
		if (!queue_void(db, t->id, reason, &vr)) {
			LOG_ERR("ticket %s printed badly and could not be voided: %s", t->number, vr.msg);
		} else {
			LOG_WARN("ticket %s voided: %s", t->number, reason);
			t->status = TICKET_VOID;
			if (r) {
				char *msg = xasprintf("%s (ticket %s voided)", r->msg, t->number);
				snprintf(r->msg, sizeof r->msg, "%s", msg);
				free(msg);
			}
		}
		free(reason);
		goto out;
	}
	ok = true;
out:
	ctx_finish(&c);
	return ok;
}

bool ticket_print(struct db *db, struct printer *p, const struct ticket *t, struct result *r)
{
	struct ctx c;
	struct printer_status st;
	bool ok = ctx_load(db, &c, r) && check_printer(db, p, &st, r)
		&& (!printer_supports_nv(p) || nv_sync(db, p, &c, r))
		&& print_with(db, p, &c, t, r);
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

bool ticket_print_selftest(struct db *db, struct printer *p, struct result *r)
{
	struct ctx c;
	struct printer_status st;
	struct escpos_buf b;
	escpos_buf_init(&b);
	bool ok = false;
	if (!ctx_load(db, &c, r)) {
		goto out;
	}
	if (!printer_query_status(p, &st, r)) {
		st.answered = false;
	}
	record(db, p, &st);
	if (!printer_status_ok(&st, r)) {
		goto out;
	}
	if (printer_supports_nv(p) && !nv_sync(db, p, &c, r)) {
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
	snprintf(line, sizeof line, "Trạng thái: %s", printer_status_text_vi(&st));
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
	char datetime[32];
	struct ticket_info info;
	info_for(&c, &sample, datetime, &info);
	struct escpos_buf tk;
	escpos_buf_init(&tk);
	ok = ticket_render_encode(c.layout, &info,
		printer_supports_nv(p) ? TICKET_MODE_NV : TICKET_MODE_INLINE, &tk);
	if (ok) {
		/* The sample's own ESC @ stays: it resets the modes, nothing more. */
		escpos_append(&b, tk.data, tk.len);
		ok = send_job(db, p, &b, r);
	}
	escpos_buf_finish(&tk);
out:
	escpos_buf_finish(&b);
	ctx_finish(&c);
	return ok;
}
