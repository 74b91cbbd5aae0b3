/*
 * ESC/POS interpreter of the printer simulator. Bytes accumulate in `pend`;
 * parse() decodes one complete command at its head or reports that more
 * bytes are needed. Text goes into a line buffer that is laid out (with the
 * magnification and alignment in force) on LF, ESC d, raster or cut. The
 * paper is a raster that grows downward and is handed out at each cut.
 */
#define LOG_MODULE "sim"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "interp.h"
#include "motcua/base/log.h"
#include "motcua/base/xalloc.h"

#define GLYPH_W 12
#define GLYPH_H 24
#define LINE_SPACING 30
#define NV_MAX 128
/*
 * The longest strip kept between two cuts: 2 m at 8 dots/mm (a ticket is
 * some 10 cm). A host that feeds and never cuts, or line noise read as
 * ESC d, gets its strip kept to this length instead of the simulator's
 * memory growing without bound.
 */
#define PAPER_MAX_ROWS 16000

struct nv_entry {
	char key[2];
	struct raster *img;
};

struct line_char {
	uint8_t c;
	int wmul, hmul;
	bool bold;
};

struct interp {
	int width;
	struct raster *glyphs[95];       /* printer font, 0x20..0x7e */
	interp_cut_fn cut;
	void *ud;
	struct interp_faults faults;
	struct interp_stats stats;
	bool silent;
	/* modes */
	int align, wmul, hmul;
	bool bold;
	/* input */
	uint8_t *pend;
	size_t pend_len, pend_cap;
	/* output */
	struct raster *paper;            /* NULL until something is printed */
	int paper_y;                     /* rows used */
	bool job_lost;                   /* paper ran out during this ticket */
	struct line_char line[256];
	int line_len;
	struct nv_entry nv[NV_MAX];
	int n_nv;
};

struct interp *interp_create(int width, const char *glyph_font, interp_cut_fn cut, void *ud)
{
	struct interp *in = xcalloc(1, sizeof *in);
	in->width = width;
	in->cut = cut;
	in->ud = ud;
	in->faults.paper_left = -1;
	in->wmul = in->hmul = 1;
	for (int c = 0x20; c <= 0x7e; c++) {
		char s[2] = {(char)c, 0};
		struct raster *g = raster_create(GLYPH_W, GLYPH_H);
		struct raster *t = c == ' ' || glyph_font == NULL ? NULL : raster_text(glyph_font, 19, 110, s);
		if (c != ' ' && glyph_font == NULL) {
			raster_fill(g, 2, 3, GLYPH_W - 4, GLYPH_H - 6, true);  /* a box */
		}
		if (t) {
			raster_blit(g, t, (GLYPH_W - t->w) / 2, (GLYPH_H - t->h) / 2 + 1, false);
			raster_destroy(t);
		}
		in->glyphs[c - 0x20] = g;
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
	}
	for (int i = 0; i < in->n_nv; i++) {
		raster_destroy(in->nv[i].img);
	}
	raster_destroy(in->paper);
	free(in->pend);
	free(in);
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

void interp_reset_parser(struct interp *in)
{
	in->pend_len = 0;
	in->line_len = 0;
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

static void put_image(struct interp *in, const struct raster *img)
{
	if (!can_print(in)) {
		in->job_lost = true;
		return;
	}
	grow(in, img->h);
	raster_blit(in->paper, img, aligned_x(in, img->w), in->paper_y, false);
	advance(in, img->h);
}

static void feed_rows(struct interp *in, int rows)
{
	if (!can_print(in)) {
		return;
	}
	grow(in, rows);
	advance(in, rows);
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
		const struct raster *g = in->glyphs[lc->c - 0x20];
		int base = h - GLYPH_H * lc->hmul;
		for (int gy = 0; gy < GLYPH_H; gy++) {
			for (int gx = 0; gx < GLYPH_W; gx++) {
				bool on = raster_get(g, gx, gy) || (lc->bold && raster_get(g, gx - 1, gy));
				if (on) {
					raster_fill(img, x + gx * lc->wmul, base + gy * lc->hmul, lc->wmul, lc->hmul, true);
				}
			}
		}
		x += GLYPH_W * lc->wmul;
	}
	in->line_len = 0;
	put_image(in, img);
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

static void nv_command(struct interp *in, const uint8_t *a, size_t p)
{
	if (p < 2 || a[0] != 48) {
		return;
	}
	uint8_t fn = a[1];
	if (fn == 67 && p >= 11) {
		int w = a[6] | a[7] << 8, h = a[8] | a[9] << 8;
		size_t k = (size_t)((w + 7) / 8) * (size_t)h;
		if (w < 1 || h < 1 || p != 11 + k) {
			LOG_WARN("bad NV definition: %dx%d with %zu bytes", w, h, p);
			return;
		}
		struct nv_entry *e = nv_find(in, a[3], a[4]);
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
		in->stats.nv_writes++;
	} else if (fn == 69 && p >= 6) {
		flush_line(in, false);
		struct nv_entry *e = nv_find(in, a[2], a[3]);
		if (e) {
			put_image(in, e->img);
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

/*
 * Decodes the command at the head of in->pend. Returns the bytes it used,
 * 0 if incomplete.
 */
static size_t parse(struct interp *in, uint8_t *reply, size_t cap, size_t *rlen)
{
	const uint8_t *b = in->pend;
	size_t n = in->pend_len;
	switch (b[0]) {
	case 0x10:
		if (n < 3) {
			return 0;
		}
		if (b[1] == 0x04) {
			if (!in->silent && *rlen < cap) {
				reply[(*rlen)++] = status_byte(in, b[2]);
				in->stats.status_replies++;
			}
			return 3;
		}
		return 1;
	case 0x0a:
		flush_line(in, true);
		return 1;
	case 0x1b:
		if (n < 2) {
			return 0;
		}
		if (b[1] == '@') {
			in->align = 0;
			in->wmul = in->hmul = 1;
			in->bold = false;
			in->line_len = 0;
			return 2;
		}
		if (n < 3) {
			return 0;
		}
		switch (b[1]) {
		case 'a': in->align = b[2] % 48 > 2 ? 0 : b[2] % 48; return 3;
		case 'E': in->bold = b[2] & 1; return 3;
		case 'd':
			flush_line(in, false);
			feed_rows(in, LINE_SPACING * b[2]);
			return 3;
		default: return 3;  /* other ESC x n: ignored */
		}
	case 0x1d:
		if (n < 2) {
			return 0;
		}
		switch (b[1]) {
		case '!':
			if (n < 3) {
				return 0;
			}
			in->wmul = ((b[2] >> 4) & 7) + 1;
			in->hmul = (b[2] & 7) + 1;
			return 3;
		case 'V':
			if (n < 3) {
				return 0;
			}
			if (b[2] == 65 || b[2] == 66) {
				if (n < 4) {
					return 0;
				}
				do_cut(in, b[3]);
				return 4;
			}
			do_cut(in, 0);
			return 3;
		case 'v': {
			if (n < 8) {
				return 0;
			}
			int xb = b[4] | b[5] << 8, h = b[6] | b[7] << 8;
			size_t k = (size_t)xb * (size_t)h;
			if (n < 8 + k) {
				return 0;
			}
			flush_line(in, false);
			struct raster *img = raster_create(xb * 8, h);
			memcpy(img->bits, b + 8, k);
			use_paper(in, k);
			put_image(in, img);
			raster_destroy(img);
			return 8 + k;
		}
		case '(':
			if (n < 5) {
				return 0;
			} else {
				size_t p = b[3] | (size_t)b[4] << 8;
				if (n < 5 + p) {
					return 0;
				}
				if (b[2] == 'L') {
					nv_command(in, b + 5, p);
				}
				return 5 + p;
			}
		default:
			return n < 3 ? 0 : 3;
		}
	default:
		if (b[0] >= 0x20 && b[0] <= 0x7e) {
			use_paper(in, 1);
			if (in->line_len < (int)(sizeof in->line / sizeof in->line[0])) {
				in->line[in->line_len++] = (struct line_char){b[0], in->wmul, in->hmul, in->bold};
			}
		}
		return 1;
	}
}

void interp_feed(struct interp *in, const uint8_t *data, size_t len,
	uint8_t *reply, size_t reply_cap, size_t *reply_len)
{
	if (len == 0) {
		return;  /* nothing new: whatever is pending is still incomplete */
	}
	if (in->pend_len + len > in->pend_cap) {
		in->pend_cap = (in->pend_len + len) * 2;
		in->pend = xrealloc(in->pend, in->pend_cap);
	}
	memcpy(in->pend + in->pend_len, data, len);
	in->pend_len += len;
	in->stats.bytes += (long)len;
	size_t off = 0;
	while (off < in->pend_len) {
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

bool interp_nv_save(const struct interp *in, const char *path)
{
	char *tmp = xasprintf("%s.tmp", path);
	FILE *f = fopen(tmp, "wb");
	bool ok = f != NULL;
	for (int i = 0; ok && i < in->n_nv; i++) {
		const struct raster *img = in->nv[i].img;
		uint8_t hdr[6] = {(uint8_t)in->nv[i].key[0], (uint8_t)in->nv[i].key[1],
			(uint8_t)(img->w & 0xff), (uint8_t)(img->w >> 8),
			(uint8_t)(img->h & 0xff), (uint8_t)(img->h >> 8)};
		size_t k = (size_t)img->stride * (size_t)img->h;
		ok = fwrite(hdr, 1, 6, f) == 6 && fwrite(img->bits, 1, k, f) == k;
	}
	if (f && fclose(f) != 0) {
		ok = false;
	}
	ok = ok && rename(tmp, path) == 0;
	if (!ok) {
		LOG_ERR("cannot save NV memory to %s", path);
	}
	free(tmp);
	return ok;
}

bool interp_nv_load(struct interp *in, const char *path)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL) {
		return true;
	}
	uint8_t hdr[6];
	while (in->n_nv < NV_MAX && fread(hdr, 1, 6, f) == 6) {
		int w = hdr[2] | hdr[3] << 8, h = hdr[4] | hdr[5] << 8;
		struct raster *img = raster_create(w, h);
		size_t k = (size_t)img->stride * (size_t)img->h;
		if (fread(img->bits, 1, k, f) != k) {
			raster_destroy(img);
			break;
		}
		in->nv[in->n_nv++] = (struct nv_entry){{(char)hdr[0], (char)hdr[1]}, img};
	}
	fclose(f);
	return true;
}
