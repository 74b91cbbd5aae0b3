/*
 * ESC/POS interpreter of the printer simulator. Bytes accumulate in `pend`;
 * parse() takes one complete command at its head, its length measured by
 * the core's escpos_command_length (the same rule the host's clearing uses),
 * or waits for more bytes. Text goes into a line buffer that is laid out
 * (with the magnification and alignment in force) on LF, ESC d, ESC J,
 * raster or cut. The paper is a raster that grows downward and is handed
 * out at each cut.
 */
#define LOG_MODULE "sim"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "interp_priv.h"
#include "motcua/base/log.h"
#include "motcua/base/xalloc.h"
#include "motcua/print/escpos.h"
#include "motcua/print/qr.h"

/* Draws character c into a cell of w x h dots with the font at px (centred, as printers do). */
static struct raster *draw_glyph(const char *font, int c, int w, int h, int px)
{
	struct raster *g = raster_create(w, h);
	char str[2] = {(char)c, 0};
	struct raster *t = c == ' ' || font == NULL ? NULL : raster_text(font, px, GLYPH_THRESHOLD, str);
	if (c != ' ' && font == NULL) {
		raster_fill(g, w / 6, h / 8, w - w / 3, h - h / 4, true);  /* no font (fuzzing): a box */
	}
	if (t) {
		raster_blit(g, t, (w - t->w) / 2, (h - t->h) / 2 + h / GLYPH_H, false);
		raster_destroy(t);
	}
	return g;
}

struct interp *interp_create(int width, const char *glyph_font, interp_cut_fn cut, void *ud)
{
	struct interp *in = xcalloc(1, sizeof *in);
	in->width = width;
	in->cut = cut;
	in->ud = ud;
	in->glyph_font = glyph_font ? xstrdup(glyph_font) : NULL;
	in->faults.paper_left = -1;
	in->nv_capacity = 256 * 1024;
	in->qr_module = 3;             /* Epson's defaults for GS ( k */
	in->qr_level = QR_LEVEL_L;
	in->wmul = in->hmul = 1;
	for (int c = 0x20; c <= 0x7e; c++) {
		in->glyphs[c - 0x20] = draw_glyph(glyph_font, c, GLYPH_W, GLYPH_H, GLYPH_PX);
	}
	return in;
}

void interp_destroy(struct interp *in)
{
	if (in == NULL) {
		return;
	}
	for (int i = 0; i < 95; i++) {
		raster_destroy(in->glyphs[i]);
		for (int m = 0; m < 9; m++) {
			raster_destroy(in->smooth[i][m]);
		}
	}
	for (int i = 0; i < in->n_nv; i++) {
		raster_destroy(in->nv[i].img);
	}
	for (int i = 0; i < in->n_bits; i++) {
		raster_destroy(in->bits[i]);
	}
	raster_destroy(in->paper);
	free(in->qr_data);
	free(in->pend);
	free(in->glyph_font);
	free(in);
}

void interp_set_profile(struct interp *in, const struct printer_profile *pp)
{
	in->profile = pp;
}

struct interp_faults *interp_faults(struct interp *in)
{
	return &in->faults;
}

const struct interp_stats *interp_stats(const struct interp *in)
{
	return &in->stats;
}

void interp_set_silent(struct interp *in, bool silent)
{
	in->silent = silent;
}

void interp_set_nv_capacity(struct interp *in, long bytes)
{
	in->nv_capacity = bytes;
}

void interp_set_nv_hold(struct interp *in, bool hold)
{
	in->nv_hold = hold;
}

bool interp_held(const struct interp *in)
{
	return in->held;
}

/* Counts an NV write; the printer then stores it before it reads on. */
static void nv_written(struct interp *in)
{
	in->stats.nv_writes++;
	in->held = in->nv_hold;
}

void interp_reset_parser(struct interp *in)
{
	in->pend_len = 0;
	in->line_len = 0;
	in->held = false;
}

size_t interp_pending(const struct interp *in)
{
	return in->pend_len;
}

bool interp_abandon(struct interp *in)
{
	if (in->pend_len == 0) {
		return false;
	}
	LOG_WARN("dropped %zu bytes of a half-received command (0x%02x ...): the host went quiet",
		in->pend_len, in->pend[0]);
	in->pend_len = 0;
	in->stats.abandoned++;
	return true;
}

static bool can_print(struct interp *in)
{
	return !in->faults.paper_out && !in->faults.cover_open && !in->faults.error;
}

/* What the profile's printer has (everything without a profile). */
static bool has_nv(const struct interp *in, enum printer_nv_set set)
{
	return in->profile == NULL || in->profile->nv == set;
}

static bool answers_extras(const struct interp *in)
{
	return in->profile == NULL || in->profile->id_model != NULL;
}

/* A command this printer does not know: consumed, nothing happens. */
static void ignored(struct interp *in, const char *what)
{
	in->stats.ignored++;
	LOG_DBG("%s: not a command of this printer (%s)", what,
		in->profile ? in->profile->name : "none");
}

/* Queues an in-order reply; an offline printer does not get that far. */
static void reply_later(struct interp *in, const void *data, size_t len)
{
	if (in->silent || !can_print(in) || len > sizeof in->replies[0].data
		|| in->n_replies == REPLIES_MAX) {
		return;
	}
	struct interp_reply *r = &in->replies[(in->reply_head + in->n_replies++) % REPLIES_MAX];
	memcpy(r->data, data, len);
	r->len = len;
	r->rows = in->stats.rows;
	r->nv_writes = in->stats.nv_writes;
}

bool interp_take_reply(struct interp *in, struct interp_reply *out)
{
	if (in->n_replies == 0) {
		return false;
	}
	*out = in->replies[in->reply_head];
	in->reply_head = (in->reply_head + 1) % REPLIES_MAX;
	in->n_replies--;
	return true;
}

/* Makes room for rows more rows of paper (up to PAPER_MAX_ROWS in all). */
static void grow(struct interp *in, int rows)
{
	int need = in->paper_y + rows < PAPER_MAX_ROWS ? in->paper_y + rows : PAPER_MAX_ROWS;
	if (in->paper && in->paper->h >= need) {
		return;
	}
	int h = in->paper ? in->paper->h * 2 : 1024;
	while (h < need) {
		h *= 2;
	}
	h = h < PAPER_MAX_ROWS ? h : PAPER_MAX_ROWS;
	struct raster *p = raster_create(in->width, h);
	if (in->paper) {
		/* Same width, so the rows copy byte for byte. */
		memcpy(p->bits, in->paper->bits, (size_t)in->paper->stride * (size_t)in->paper->h);
		raster_destroy(in->paper);
	}
	in->paper = p;
}

/* Moves past rows rows of paper; what would go beyond PAPER_MAX_ROWS is not kept. */
static void advance(struct interp *in, int rows)
{
	in->paper_y = in->paper_y + rows < PAPER_MAX_ROWS ? in->paper_y + rows : PAPER_MAX_ROWS;
}

static int aligned_x(struct interp *in, int w)
{
	int x = in->align == 1 ? (in->width - w) / 2 : in->align == 2 ? in->width - w : 0;
	return x < 0 ? 0 : x;
}

/* Prints img at the justification in force; some clones ignore it for images. */
static void put_image(struct interp *in, const struct raster *img, bool is_image)
{
	if (!can_print(in)) {
		in->job_lost = true;
		return;
	}
	bool aligns = !is_image || in->profile == NULL || in->profile->image_align;
	grow(in, img->h);
	raster_blit(in->paper, img, aligns ? aligned_x(in, img->w) : 0, in->paper_y, false);
	advance(in, img->h);
	in->stats.rows += img->h;
}

static void feed_rows(struct interp *in, int rows)
{
	if (!can_print(in)) {
		return;
	}
	grow(in, rows);
	advance(in, rows);
	in->stats.rows += rows;
}

/* The glyph of lc: smoothed from the outline (GS b) where the printer can, else dots magnified. */
static const struct raster *smooth_glyph(struct interp *in, const struct line_char *lc)
{
	int m = lc->wmul;
	if (!lc->smooth || m != lc->hmul || m < 2 || m > 8) {
		return NULL;
	}
	struct raster **g = &in->smooth[lc->c - 0x20][m];
	if (*g == NULL) {
		*g = draw_glyph(in->glyph_font, lc->c, GLYPH_W * m, GLYPH_H * m, GLYPH_PX * m);
	}
	return *g;
}

/* Lays out the pending text line (or feeds one empty line). */
static void flush_line(struct interp *in, bool force)
{
	if (in->line_len == 0) {
		if (force) {
			feed_rows(in, LINE_SPACING);
		}
		return;
	}
	int w = 0, h = GLYPH_H;
	for (int i = 0; i < in->line_len; i++) {
		w += GLYPH_W * in->line[i].wmul;
		h = GLYPH_H * in->line[i].hmul > h ? GLYPH_H * in->line[i].hmul : h;
	}
	struct raster *img = raster_create(w, h > LINE_SPACING ? h : LINE_SPACING);
	int x = 0;
	for (int i = 0; i < in->line_len; i++) {
		const struct line_char *lc = &in->line[i];
		int base = h - GLYPH_H * lc->hmul;
		const struct raster *sg = smooth_glyph(in, lc);
		if (sg) {
			raster_blit(img, sg, x, base, false);
			if (lc->bold) {
				raster_blit(img, sg, x + lc->wmul / 2, base, false);
			}
		} else {
			const struct raster *g = in->glyphs[lc->c - 0x20];
			for (int gy = 0; gy < GLYPH_H; gy++) {
				for (int gx = 0; gx < GLYPH_W; gx++) {
					bool on = raster_get(g, gx, gy) || (lc->bold && raster_get(g, gx - 1, gy));
					if (on) {
						raster_fill(img, x + gx * lc->wmul, base + gy * lc->hmul, lc->wmul,
							lc->hmul, true);
					}
				}
			}
		}
		x += GLYPH_W * lc->wmul;
	}
	in->line_len = 0;
	put_image(in, img, false);
	raster_destroy(img);
}

static void do_cut(struct interp *in, int feed)
{
	flush_line(in, false);
	feed_rows(in, feed);
	int x0, x1;
	if (in->job_lost || !can_print(in) || in->paper == NULL) {
		in->stats.discarded_jobs++;
	} else if (!raster_ink_columns(in->paper, &x0, &x1)) {
		in->stats.blank_cuts++;  /* a blank slip: nothing to save */
	} else if (in->paper_y > 0) {
		if (in->paper_y == PAPER_MAX_ROWS) {
			LOG_WARN("a ticket longer than %d dots: kept its first %d", PAPER_MAX_ROWS, PAPER_MAX_ROWS);
		}
		/* The paper itself, its height cut to the rows used (the buffer stays longer). */
		in->paper->h = in->paper_y;
		in->stats.tickets++;
		in->cut(in->ud, in->paper);
	}
	raster_destroy(in->paper);
	in->paper = NULL;
	in->paper_y = 0;
	in->job_lost = false;
}

static struct nv_entry *nv_find(struct interp *in, uint8_t k1, uint8_t k2)
{
	for (int i = 0; i < in->n_nv; i++) {
		if ((uint8_t)in->nv[i].key[0] == k1 && (uint8_t)in->nv[i].key[1] == k2) {
			return &in->nv[i];
		}
	}
	return NULL;
}

static void drop_bitimages(struct interp *in)
{
	for (int i = 0; i < in->n_bits; i++) {
		raster_destroy(in->bits[i]);
	}
	in->n_bits = 0;
}

static long nv_used(const struct interp *in)
{
	long used = 0;
	for (int i = 0; i < in->n_nv; i++) {
		used += (long)in->nv[i].img->stride * in->nv[i].img->h + NV_OVERHEAD;
	}
	return used;
}

/* "37 id digits NUL": a GS ( L capacity reply. */
static void reply_number(struct interp *in, uint8_t id, long v)
{
	char buf[32];
	int n = snprintf(buf, sizeof buf, "%c%c%ld", 0x37, id, v);
	reply_later(in, buf, (size_t)n + 1);
}

/* fn 64: the stored keys, in blocks of at most 40 (0x41: more follow; 0x40: the last). */
static void reply_keys(struct interp *in)
{
	int i = 0;
	do {
		uint8_t buf[3 + 80 + 1] = {0x37, 0x72, 0x40};
		size_t n = 3;
		for (int k = 0; k < 40 && i < in->n_nv; k++, i++) {
			buf[n++] = (uint8_t)in->nv[i].key[0];
			buf[n++] = (uint8_t)in->nv[i].key[1];
		}
		buf[2] = i < in->n_nv ? 0x41 : 0x40;
		buf[n++] = 0;
		reply_later(in, buf, n);
	} while (i < in->n_nv);
}

static void nv_command(struct interp *in, const uint8_t *a, size_t p)
{
	if (p < 2 || a[0] != 48) {
		return;
	}
	uint8_t fn = a[1];
	if (fn == 48 || fn == 0) {
		reply_number(in, 0x30, in->nv_capacity);
	} else if (fn == 51 || fn == 3) {
		reply_number(in, 0x31, in->nv_capacity - nv_used(in));
	} else if (fn == 64 && p >= 4) {
		reply_keys(in);
	} else if (fn == 67 && p >= 11) {
		int w = a[6] | a[7] << 8, h = a[8] | a[9] << 8;
		size_t k = (size_t)((w + 7) / 8) * (size_t)h;
		if (w < 1 || h < 1 || p != 11 + k) {
			LOG_WARN("bad NV definition: %dx%d with %zu bytes", w, h, p);
			return;
		}
		struct nv_entry *e = nv_find(in, a[3], a[4]);
		long replaced = e ? (long)e->img->stride * e->img->h + NV_OVERHEAD : 0;
		if (nv_used(in) - replaced + (long)k + NV_OVERHEAD > in->nv_capacity) {
			LOG_WARN("NV memory full: definition %c%c ignored", a[3], a[4]);
			return;  /* Epson: "ignored when there is not enough capacity" */
		}
		if (e == NULL && in->n_nv < NV_MAX) {
			e = &in->nv[in->n_nv++];
			e->key[0] = (char)a[3];
			e->key[1] = (char)a[4];
			e->img = NULL;
		}
		if (e == NULL) {
			return;
		}
		raster_destroy(e->img);
		e->img = raster_create(w, h);
		memcpy(e->img->bits, a + 11, k);
		drop_bitimages(in);  /* GS ( L and FS q images cannot live together */
		nv_written(in);
	} else if (fn == 69 && p >= 6) {
		flush_line(in, false);
		struct nv_entry *e = nv_find(in, a[2], a[3]);
		if (e) {
			put_image(in, e->img, true);
		} else {
			LOG_WARN("NV key %c%c not defined", a[2], a[3]);
		}
	} else if (fn == 66 && p >= 4) {
		struct nv_entry *e = nv_find(in, a[2], a[3]);
		if (e) {
			raster_destroy(e->img);
			*e = in->nv[--in->n_nv];
		}
	}
}

/* FS q n [xL xH yL yH d...]...: replaces every NV bit image (column format). */
static void bitimage_define(struct interp *in, const uint8_t *b, size_t len)
{
	drop_bitimages(in);
	size_t off = 3;
	for (int i = 0; i < b[2] && off + 4 <= len; i++) {
		int xb = b[off] | b[off + 1] << 8, yb = b[off + 2] | b[off + 3] << 8;
		off += 4;
		struct raster *img = raster_create(xb * 8 > 0 ? xb * 8 : 1, yb * 8 > 0 ? yb * 8 : 1);
		for (int x = 0; x < xb * 8; x++) {
			for (int y = 0; y < yb * 8; y++) {
				raster_set(img, x, y, b[off + (size_t)x * yb + (size_t)y / 8] & (0x80 >> (y % 8)));
			}
		}
		off += (size_t)xb * yb * 8;
		in->bits[in->n_bits++] = img;
	}
	nv_written(in);
}

static uint8_t status_byte(struct interp *in, uint8_t n)
{
	const struct interp_faults *f = &in->faults;
	uint8_t b = 0x12;
	switch (n) {
	case 1: b |= can_print(in) ? 0 : 0x08; break;
	case 2: b |= (f->cover_open ? 0x04 : 0) | (f->paper_out ? 0x20 : 0) | (f->error ? 0x40 : 0); break;
	case 3: b |= f->error ? 0x40 : 0; break;
	case 4: b |= (f->near_end || f->paper_out ? 0x0c : 0) | (f->paper_out ? 0x60 : 0); break;
	default: break;
	}
	return b;
}

/* Counts print data against the paper left (fault "paper out after N bytes"). */
static void use_paper(struct interp *in, size_t n)
{
	if (in->faults.paper_left < 0) {
		return;
	}
	in->faults.paper_left -= (long)n;
	if (in->faults.paper_left <= 0) {
		in->faults.paper_left = -1;
		in->faults.paper_out = true;
		in->job_lost = true;
	}
}

/* GS v 0 m: a raster, magnified by m (1: double width, 2: double height, 3: both). */
static void raster_command(struct interp *in, const uint8_t *b)
{
	int xb = b[4] | b[5] << 8, h = b[6] | b[7] << 8, m = b[3] & 3;
	size_t k = (size_t)xb * (size_t)h;
	flush_line(in, false);
	use_paper(in, k);
	if (xb < 1 || h < 1) {
		return;
	}
	int sx = m & 1 ? 2 : 1, sy = m & 2 ? 2 : 1;
	struct raster *img = raster_create(xb * 8 * sx, h * sy);
	for (int y = 0; y < h * sy; y++) {
		for (int x = 0; x < xb * 8 * sx; x++) {
			int ox = x / sx, oy = y / sy;
			raster_set(img, x, y, b[8 + (size_t)oy * xb + (size_t)ox / 8] & (0x80 >> (ox % 8)));
		}
	}
	put_image(in, img, true);
	raster_destroy(img);
}

/* GS I n: model ID byte, or "_" text NUL for 65 (firmware), 66 (maker), 67 (model). */
static void reply_id(struct interp *in, uint8_t n)
{
	if (!answers_extras(in)) {
		ignored(in, "GS I");
		return;
	}
	const char *model = in->profile ? in->profile->id_model : "SIMULATOR";
	const char *maker = strncmp(model, "TM-", 3) == 0 ? "EPSON" : "Xprinter";
	char buf[64];
	int len;
	switch (n) {
	case 1: case 49: reply_later(in, "\x20", 1); return;
	case 2: case 50: reply_later(in, "\x02", 1); return;
	case 65: len = snprintf(buf, sizeof buf, "_%s", "1.00 motcua-sim"); break;
	case 66: len = snprintf(buf, sizeof buf, "_%s", maker); break;
	case 67: len = snprintf(buf, sizeof buf, "_%s", model); break;
	default: return;
	}
	reply_later(in, buf, (size_t)len + 1);
}

static void esc_command(struct interp *in, const uint8_t *b, size_t len)
{
	if (b[1] == '@') {
		in->align = 0;
		in->wmul = in->hmul = 1;
		in->bold = in->smoothing = false;
		in->line_len = 0;
		return;
	}
	if (len < 3) {
		return;
	}
	switch (b[1]) {
	case 'a': in->align = b[2] % 48 > 2 ? 0 : b[2] % 48; break;
	case 'E': in->bold = b[2] & 1; break;
	case 'd':
		flush_line(in, false);
		feed_rows(in, LINE_SPACING * b[2]);
		break;
	case 'J':
		flush_line(in, false);
		feed_rows(in, b[2]);
		break;
	default: break;  /* other ESC x n: ignored */
	}
}

/*
 * GS ( k cn fn ... with cn 49, the QR code: fn 65 model, 67 module size,
 * 69 error correction, 80 store data, 81 print it (drawn by the core's
 * qr_raster, the symbol libqrencode gives for the same data and level, at
 * the justification in force).
 */
static void qr_command(struct interp *in, const uint8_t *a, size_t p)
{
	if (p < 3 || a[0] != 49) {
		return;
	}
	switch (a[1]) {
	case 67: in->qr_module = a[2] >= 1 && a[2] <= 16 ? a[2] : in->qr_module; break;
	case 69: in->qr_level = a[2] >= 48 && a[2] <= 51 ? a[2] : in->qr_level; break;
	case 80:
		free(in->qr_data);
		in->qr_len = p - 3;
		in->qr_data = xmalloc(in->qr_len + 1);
		memcpy(in->qr_data, a + 3, in->qr_len);
		break;
	case 81: {
		flush_line(in, false);
		struct raster *img = in->qr_data ? qr_raster((const char *)in->qr_data, in->qr_len,
			(enum qr_level)in->qr_level, in->qr_module, 0) : NULL;
		if (img) {
			put_image(in, img, false);
			raster_destroy(img);
		}
		break;
	}
	default: break;  /* fn 65: model 2 is the only one drawn */
	}
}

static void gs_paren(struct interp *in, const uint8_t *b, size_t len)
{
	const uint8_t *a = b + 5;
	size_t p = len - 5;
	if (b[2] == 'L') {
		if (has_nv(in, PRINTER_NV_GRAPHICS)) {
			nv_command(in, a, p);
		} else {
			ignored(in, "GS ( L");
		}
	} else if (b[2] == 'H' && p == 6 && a[0] == 48 && a[1] == 48) {
		if (in->profile == NULL || in->profile->done == PRINTER_DONE_PROCESS) {
			const uint8_t r[7] = {0x37, 0x22, a[2], a[3], a[4], a[5], 0};
			reply_later(in, r, sizeof r);
		} else {
			ignored(in, "GS ( H");
		}
	} else if (b[2] == 'k') {
		if (in->profile == NULL || in->profile->qr) {
			qr_command(in, a, p);
		} else {
			ignored(in, "GS ( k");
		}
	}
}

static void gs_command(struct interp *in, const uint8_t *b, size_t len)
{
	switch (b[1]) {
	case '!':
		in->wmul = ((b[2] >> 4) & 7) + 1;
		in->hmul = (b[2] & 7) + 1;
		break;
	case 'V':
		do_cut(in, len == 4 ? b[3] : 0);
		break;
	case 'v':
		raster_command(in, b);
		break;
	case '(':
		gs_paren(in, b, len);
		break;
	case 'b':
		in->smoothing = (b[2] & 1) && (in->profile == NULL || in->profile->smoothing);
		break;
	case 'r':
		if (answers_extras(in) && (b[2] == 1 || b[2] == 49)) {
			const struct interp_faults *f = &in->faults;
			uint8_t v = (uint8_t)((f->near_end ? 0x03 : 0) | (f->paper_out ? 0x0c : 0));
			reply_later(in, &v, 1);
		} else {
			ignored(in, "GS r");
		}
		break;
	case 'I':
		reply_id(in, b[2]);
		break;
	default:
		break;
	}
}

static void fs_command(struct interp *in, const uint8_t *b, size_t len)
{
	if (!has_nv(in, PRINTER_NV_BITIMAGE)) {
		ignored(in, "FS q / FS p");
		return;
	}
	if (b[1] == 'q') {
		bitimage_define(in, b, len);
	} else if (b[1] == 'p') {
		flush_line(in, false);
		if (b[2] >= 1 && b[2] <= in->n_bits) {
			put_image(in, in->bits[b[2] - 1], true);
		} else {
			LOG_WARN("NV bit image %d not defined", b[2]);
		}
	}
}

/*
 * Decodes the command at the head of in->pend. Returns the bytes it used,
 * 0 if incomplete.
 */
static size_t parse(struct interp *in, uint8_t *reply, size_t cap, size_t *rlen)
{
	const uint8_t *b = in->pend;
	size_t len = escpos_command_length(b, in->pend_len);
	if (len == 0) {
		return 0;
	}
	switch (b[0]) {
	case 0x10:
		if (len == 3 && !in->silent && *rlen < cap) {
			reply[(*rlen)++] = status_byte(in, b[2]);
			in->stats.status_replies++;
		}
		break;
	case 0x0a:
		flush_line(in, true);
		break;
	case 0x1b:
		esc_command(in, b, len);
		break;
	case 0x1c:
		fs_command(in, b, len);
		break;
	case 0x1d:
		gs_command(in, b, len);
		break;
	default:
		if (b[0] >= 0x20 && b[0] <= 0x7e) {
			use_paper(in, 1);
			if (in->line_len < (int)(sizeof in->line / sizeof in->line[0])) {
				in->line[in->line_len++] = (struct line_char){b[0], in->wmul, in->hmul, in->bold,
					in->smoothing};
			}
		}
		break;
	}
	return len;
}

/* Runs the commands kept in pend, up to an incomplete one or an NV write that holds. */
static void run(struct interp *in, uint8_t *reply, size_t reply_cap, size_t *reply_len)
{
	size_t off = 0;
	while (off < in->pend_len && !in->held) {
		uint8_t *save = in->pend;
		size_t save_len = in->pend_len;
		in->pend += off;
		in->pend_len -= off;
		size_t used = parse(in, reply, reply_cap, reply_len);
		in->pend = save;
		in->pend_len = save_len;
		if (used == 0) {
			break;
		}
		off += used;
	}
	memmove(in->pend, in->pend + off, in->pend_len - off);
	in->pend_len -= off;
}

void interp_feed(struct interp *in, const uint8_t *data, size_t len,
	uint8_t *reply, size_t reply_cap, size_t *reply_len)
{
	if (len == 0) {
		return;  /* nothing new: whatever is pending is still incomplete (or held) */
	}
	if (in->pend_len + len > in->pend_cap) {
		in->pend_cap = (in->pend_len + len) * 2;
		in->pend = xrealloc(in->pend, in->pend_cap);
	}
	memcpy(in->pend + in->pend_len, data, len);
	in->pend_len += len;
	in->stats.bytes += (long)len;
	run(in, reply, reply_cap, reply_len);
}

void interp_resume(struct interp *in, uint8_t *reply, size_t reply_cap, size_t *reply_len)
{
	in->held = false;
	run(in, reply, reply_cap, reply_len);
}
