/*
 * Keeping the printer's NV memory up to date (jobctx.h), safely:
 *
 *   - nothing happens when the stored fingerprint matches (no rendering,
 *     not a byte to the printer);
 *   - today's NV writes are counted per printer and the profile's daily
 *     allowance (Epson: about ten) is never exceeded: what does not fit
 *     today is written on a later day, and tickets go inline meanwhile;
 *   - with GS ( L, the free memory is asked first (fn 51: no answer means
 *     no GS ( L, and the ticket goes inline); then one image
 *     per transaction: its definition, then the completion request (GS ( H
 *     or GS r), whose reply comes only once the printer has stored it, up
 *     to 120 s later (Epson: up to 60 s with 50 stored items, 120 s with
 *     100). Nothing else is sent meanwhile: a printer writing NV memory
 *     takes no data, real-time requests included. Each image's record is
 *     saved as soon as it is confirmed, so an upload cut short resumes
 *     where it stopped instead of writing everything again;
 *   - with FS q (the older NV bit images) every image goes in one command,
 *     which replaces all of them: one write, one confirmation.
 * Any shortfall (no NV memory, allowance used up, memory full, an image
 * too large) is not an error: the ticket is printed inline, complete.
 */
#define LOG_MODULE "nvsync"
#include <stdio.h>
#include <stdlib.h>
#include "motcua/base/clock.h"
#include "motcua/base/hash.h"
#include "motcua/base/log.h"
#include "motcua/base/xalloc.h"
#include "motcua/print/printer_probe.h"
#include "motcua/print/printer_store.h"
#include "jobctx.h"

/* How long a printer may take to store one NV definition and answer. */
#define NV_WAIT_MS 120000
/* What GS ( L keeps per image besides its dots (Epson's control information). */
#define NV_GRAPHICS_OVERHEAD 24

/* Mixes the command set into a hash: images stored by FS q are not GS ( L keys. */
static uint64_t salted(uint64_t h, enum printer_nv_set nv)
{
	uint8_t tag = (uint8_t)nv;
	return hash_bytes(h, &tag, 1);
}

static uint64_t fingerprint(const struct jobctx *c, enum printer_nv_set nv)
{
	struct ticket_info info;
	jobctx_info_static(c, &info);
	return salted(ticket_render_nv_fingerprint(c->layout, &info, c->names, (int)c->n_services), nv);
}

/* Loads what the printer holds; an unreadable record reads as empty (all rewritten). */
static void load(struct db *db, struct printer *p, struct printer_nv_state *stored)
{
	struct result lr = { 0 };
	if (!printer_store_nv_load(db, printer_identity(p), stored, &lr)) {
		LOG_WARN("cannot read the NV record, writing every image: %s", lr.msg);
	}
}

bool nvsync_current(struct db *db, struct printer *p, const struct jobctx *c)
{
	enum printer_nv_set nv = printer_nv(p);
	if (nv == PRINTER_NV_NONE) {
		return false;
	}
	struct printer_nv_state stored;
	load(db, p, &stored);
	bool current = stored.fingerprint == fingerprint(c, nv);
	printer_store_nv_finish(&stored);
	return current;
}

/* NV writes left today under the printer's allowance. */
static int writes_left(struct db *db, struct printer *p)
{
	int done = 0;
	struct result rr = { 0 };
	if (!printer_store_nv_writes(db, printer_identity(p), clock_local_day(clock_now_ms()), &done,
			&rr)) {
		LOG_WARN("cannot read today's NV writes: %s", rr.msg);
	}
	int left = printer_nv_writes_per_day(p) - done;
	return left > 0 ? left : 0;
}

static void count_write(struct db *db, struct printer *p)
{
	struct result rr = { 0 };
	if (!printer_store_nv_count_writes(db, printer_identity(p), clock_local_day(clock_now_ms()), 1,
			&rr)) {
		LOG_WARN("cannot count an NV write: %s", rr.msg);
	}
}

/*
 * Sends one NV-writing command and waits for the printer to confirm it
 * stored it. The write is counted before it goes out (it may happen even
 * if the confirmation is lost).
 */
static bool write_confirmed(struct db *db, struct printer *p, const struct escpos_buf *cmd,
	const char *what, struct result *r)
{
	job_open(db, p, cmd, false, 0);
	count_write(db, p);
	int64_t t0 = clock_mono_ms();
	bool replied = false;
	/* Only for a profile without a completion reply (none ships with NV memory). */
	int settle = 2000 + (int)(cmd->len / 16);
	if (!printer_write(p, cmd->data, cmd->len, NULL, r)
		|| !printer_await_done(p, settle, NV_WAIT_MS, &replied, r)) {
		job_record(db, p, PRINTER_FAULT_NO_ANSWER);
		return false;
	}
	if (!replied && printer_profile(p)->done != PRINTER_DONE_TIMER) {
		job_record(db, p, PRINTER_FAULT_UNCONFIRMED);
		return result_fail(r, RESULT_ERR_PRINTER, "máy in không xác nhận đã lưu %s vào bộ "
			"nhớ NV trong %d giây", what, NV_WAIT_MS / 1000);
	}
	job_close(db, p);
	LOG_INFO("%s: stored %s (%zu bytes) in %lld ms", printer_spec(p), what, cmd->len,
		(long long)(clock_mono_ms() - t0));
	return true;
}

/* GS ( L: the images whose stored hash differs, one transaction each, within today's writes. */
static bool upload_graphics(struct db *db, struct printer *p, const struct ticket_nv_set *set,
	const struct printer_nv_state *stored, struct printer_nv_state *now, bool *complete,
	struct result *r)
{
	enum printer_nv_set nv = PRINTER_NV_GRAPHICS;
	long need = 0;
	int todo = 0;
	for (int i = 0; i < set->n; i++) {
		const struct ticket_nv_image *im = &set->items[i];
		long bytes = (long)im->img->stride * im->img->h + NV_GRAPHICS_OVERHEAD;
		uint64_t h = salted(im->hash, nv);
		printer_store_nv_add(now, im->key[0], im->key[1], h);
		now->images[now->n - 1].bytes = bytes;
		if (printer_store_nv_hash(stored, im->key[0], im->key[1]) != h) {
			todo++;
			need += bytes - printer_store_nv_bytes(stored, im->key[0], im->key[1]);
		}
	}
	long free_bytes = 0;
	if (todo > 0 && !printer_nv_free(p, &free_bytes, r)) {
		return false;
	}
	if (todo > 0 && free_bytes < 0) {
		/*
		 * Every printer with GS ( L answers fn 51: one that does not lacks
		 * it (a TM-T88III named as a later model), and would ignore each
		 * definition while motcua waited 120 s for its confirmation.
		 */
		LOG_WARN("%s: no answer to the NV free-space query (GS ( L fn 51): the printer seems "
			"to lack GS ( L; tickets print inline (run `motcua print-test --detect`)",
			printer_spec(p));
		*complete = false;
		return true;
	}
	if (todo > 0 && need > free_bytes) {
		LOG_WARN("%s: NV memory has %ld bytes free, %ld needed: tickets print inline (delete "
			"other programs' logos, or use nv=0)", printer_spec(p), free_bytes, need);
		*complete = false;
		return true;
	}
	int left = writes_left(db, p);
	*complete = todo <= left;
	if (!*complete) {
		LOG_WARN("%s: %d NV images to write, %d writes left today (nvwrites=%d): %d now, the "
			"rest on a later day; tickets print inline until then", printer_spec(p), todo, left,
			printer_nv_writes_per_day(p), left);
	}
	struct escpos_buf cmd;
	escpos_buf_init(&cmd);
	bool ok = true;
	for (int i = 0; ok && left > 0 && i < set->n; i++) {
		const struct ticket_nv_image *im = &set->items[i];
		uint64_t h = now->images[i].hash;
		if (printer_store_nv_hash(stored, im->key[0], im->key[1]) == h) {
			continue;
		}
		escpos_buf_reset(&cmd);
		if (!escpos_nv_define(&cmd, im->key[0], im->key[1], im->img)) {
			LOG_WARN("%s: ticket image %c%c is too large for NV memory: tickets print inline",
				printer_spec(p), im->key[0], im->key[1]);
			*complete = false;
			break;
		}
		char what[32];
		snprintf(what, sizeof what, "hình %c%c", im->key[0], im->key[1]);
		ok = write_confirmed(db, p, &cmd, what, r);
		struct result sr = { 0 };
		if (ok && !printer_store_nv_image(db, printer_identity(p), im->key[0], im->key[1], h,
				now->images[i].bytes, &sr)) {
			LOG_WARN("cannot remember NV image %c%c: %s", im->key[0], im->key[1], sr.msg);
		}
		left--;
	}
	escpos_buf_finish(&cmd);
	return ok;
}

/* FS q: every image in one command (it replaces them all), if today allows one more write. */
static bool upload_bitimages(struct db *db, struct printer *p, const struct ticket_nv_set *set,
	struct printer_nv_state *now, bool *complete, struct result *r)
{
	*complete = false;
	const struct raster **imgs = xcalloc((size_t)set->n + 1, sizeof *imgs);
	for (int i = 0; i < set->n; i++) {
		imgs[i] = set->items[i].img;
		printer_store_nv_add(now, set->items[i].key[0], set->items[i].key[1],
			salted(set->items[i].hash, PRINTER_NV_BITIMAGE));
		now->images[now->n - 1].bytes = (long)escpos_nv_bitimage_size(imgs[i]);
	}
	struct escpos_buf cmd;
	escpos_buf_init(&cmd);
	bool ok = true;
	if (writes_left(db, p) < 1) {
		LOG_WARN("%s: no NV write left today (nvwrites=%d): tickets print inline until tomorrow",
			printer_spec(p), printer_nv_writes_per_day(p));
	} else if (!escpos_nv_bitimage_define(&cmd, imgs, set->n)) {
		LOG_WARN("%s: the ticket images do not fit FS q: tickets print inline", printer_spec(p));
	} else {
		ok = write_confirmed(db, p, &cmd, "các hình (FS q)", r);
		*complete = ok;
	}
	escpos_buf_finish(&cmd);
	free(imgs);
	return ok;
}

bool nvsync_run(struct db *db, struct printer *p, struct jobctx *c, struct result *r)
{
	enum printer_nv_set nv = printer_nv(p);
	c->nv_current = false;
	if (nv == PRINTER_NV_NONE) {
		return true;
	}
	struct printer_nv_state stored, now = { .fingerprint = fingerprint(c, nv) };
	load(db, p, &stored);
	if (stored.fingerprint == now.fingerprint) {
		c->nv_current = true;
		printer_store_nv_finish(&stored);
		return true;
	}
	struct ticket_info info;
	jobctx_info_static(c, &info);
	struct ticket_nv_set set;
	ticket_render_nv_images(c->layout, &info, c->names, (int)c->n_services, &set);
	bool complete = false;
	bool ok = nv == PRINTER_NV_GRAPHICS
		? upload_graphics(db, p, &set, &stored, &now, &complete, r)
		: upload_bitimages(db, p, &set, &now, &complete, r);
	if (ok && complete) {
		struct result sr = { 0 };
		if (printer_store_nv_save(db, printer_identity(p), &now, &sr)) {
			c->nv_current = true;
		} else {
			LOG_WARN("cannot remember the NV images: %s", sr.msg);  /* checked again next time */
		}
	}
	printer_store_nv_finish(&stored);
	printer_store_nv_finish(&now);
	ticket_nv_set_finish(&set);
	return ok;
}
