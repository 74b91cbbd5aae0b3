/*
 * ESC/POS encoder. Every command is written with its bytes spelled out so
 * the golden tests and firmware-notes/escpos-subset.md can be compared with
 * the code line by line.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>
#include "motcua/print/escpos.h"
#include "motcua/print/raster.h"
#include "motcua/base/xalloc.h"

enum { DLE = 0x10, EOT = 0x04, ESC = 0x1b, FS = 0x1c, GS = 0x1d, LF = 0x0a };

void escpos_buf_init(struct escpos_buf *b)
{
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
}

void escpos_buf_finish(struct escpos_buf *b)
{
	if (b == NULL) {
		return;
	}
	free(b->data);
	escpos_buf_init(b);
}

void escpos_buf_reset(struct escpos_buf *b)
{
	b->len = 0;
}

void escpos_append(struct escpos_buf *b, const void *data, size_t len)
{
	if (len == 0) {
		return;
	}
	if (b->len + len > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		while (cap < b->len + len) {
			cap *= 2;
		}
		b->data = xrealloc(b->data, cap);
		b->cap = cap;
	}
	memcpy(b->data + b->len, data, len);
	b->len += len;
}


static void put2(struct escpos_buf *b, uint8_t a, uint8_t c)
{
	uint8_t s[2] = {a, c};
	escpos_append(b, s, 2);
}

static void put3(struct escpos_buf *b, uint8_t a, uint8_t c, uint8_t d)
{
	uint8_t s[3] = {a, c, d};
	escpos_append(b, s, 3);
}

static int clamp(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

void escpos_init(struct escpos_buf *b)
{
	put2(b, ESC, '@');
}

void escpos_align(struct escpos_buf *b, enum escpos_align a)
{
	put3(b, ESC, 'a', (uint8_t)a);
}

void escpos_emphasis(struct escpos_buf *b, bool on)
{
	put3(b, ESC, 'E', on ? 1 : 0);
}

void escpos_size(struct escpos_buf *b, int width_mul, int height_mul)
{
	int w = clamp(width_mul, 1, 8) - 1;
	int h = clamp(height_mul, 1, 8) - 1;
	put3(b, GS, '!', (uint8_t)(w << 4 | h));
}

void escpos_text(struct escpos_buf *b, const char *ascii)
{
	for (const char *s = ascii; *s; s++) {
		uint8_t c = (uint8_t)*s;
		if (c < 0x20 || c > 0x7e) {
			c = '?';
		}
		escpos_append(b, &c, 1);
	}
}

void escpos_newline(struct escpos_buf *b)
{
	uint8_t c = LF;
	escpos_append(b, &c, 1);
}

void escpos_feed(struct escpos_buf *b, int lines)
{
	put3(b, ESC, 'd', (uint8_t)clamp(lines, 0, 255));
}

void escpos_raster(struct escpos_buf *b, const struct raster *r)
{
	int stride = (r->w + 7) / 8;
	for (int y0 = 0; y0 < r->h; y0 += ESCPOS_BAND_ROWS) {
		int rows = r->h - y0 < ESCPOS_BAND_ROWS ? r->h - y0 : ESCPOS_BAND_ROWS;
		uint8_t hdr[8] = {GS, 'v', '0', 0,
			(uint8_t)(stride & 0xff), (uint8_t)(stride >> 8),
			(uint8_t)(rows & 0xff), (uint8_t)(rows >> 8)};
		escpos_append(b, hdr, sizeof hdr);
		escpos_append(b, r->bits + (size_t)y0 * r->stride, (size_t)rows * r->stride);
	}
}

bool escpos_nv_define(struct escpos_buf *b, char kc1, char kc2, const struct raster *r)
{
	assert(kc1 >= 32 && kc1 <= 126 && kc2 >= 32 && kc2 <= 126);
	size_t k = (size_t)r->stride * (size_t)r->h;
	if (k > ESCPOS_NV_MAX_DATA || r->w > 8192 || r->h > 2304) {
		return false;
	}
	size_t p = 11 + k;  /* m fn a kc1 kc2 b xL xH yL yH c + data */
	uint8_t hdr[16] = {GS, '(', 'L', (uint8_t)(p & 0xff), (uint8_t)(p >> 8),
		48, 67, 48, (uint8_t)kc1, (uint8_t)kc2, 1,
		(uint8_t)(r->w & 0xff), (uint8_t)(r->w >> 8),
		(uint8_t)(r->h & 0xff), (uint8_t)(r->h >> 8), 49};
	escpos_append(b, hdr, sizeof hdr);
	escpos_append(b, r->bits, k);
	return true;
}

size_t escpos_nv_bitimage_size(const struct raster *r)
{
	size_t xb = (size_t)(r->w + 7) / 8, yb = (size_t)(r->h + 7) / 8;
	return 4 + xb * yb * 8;
}

bool escpos_nv_bitimage_define(struct escpos_buf *b, const struct raster *const *imgs, int n)
{
	if (n < 1 || n > 255) {
		return false;
	}
	for (int i = 0; i < n; i++) {
		if ((imgs[i]->w + 7) / 8 > 1023 || (imgs[i]->h + 7) / 8 > 288) {
			return false;
		}
	}
	put3(b, FS, 'q', (uint8_t)n);
	for (int i = 0; i < n; i++) {
		const struct raster *r = imgs[i];
		int xb = (r->w + 7) / 8, yb = (r->h + 7) / 8;
		uint8_t hdr[4] = {(uint8_t)(xb & 0xff), (uint8_t)(xb >> 8), (uint8_t)(yb & 0xff),
			(uint8_t)(yb >> 8)};
		escpos_append(b, hdr, sizeof hdr);
		/* Column format: for each dot column left to right, yb bytes top to bottom, MSB on top. */
		for (int x = 0; x < xb * 8; x++) {
			for (int y0 = 0; y0 < yb * 8; y0 += 8) {
				uint8_t v = 0;
				for (int k = 0; k < 8; k++) {
					v = (uint8_t)(v << 1 | raster_get(r, x, y0 + k));
				}
				escpos_append(b, &v, 1);
			}
		}
	}
	return true;
}

void escpos_nv_bitimage_print(struct escpos_buf *b, int n)
{
	uint8_t s[4] = {FS, 'p', (uint8_t)clamp(n, 1, 255), 0};
	escpos_append(b, s, sizeof s);
}

void escpos_smoothing(struct escpos_buf *b, bool on)
{
	put3(b, GS, 'b', on ? 1 : 0);
}

void escpos_feed_dots(struct escpos_buf *b, int dots)
{
	put3(b, ESC, 'J', (uint8_t)clamp(dots, 0, 255));
}

void escpos_nv_print(struct escpos_buf *b, char kc1, char kc2)
{
	uint8_t s[11] = {GS, '(', 'L', 6, 0, 48, 69, (uint8_t)kc1, (uint8_t)kc2, 1, 1};
	escpos_append(b, s, sizeof s);
}

void escpos_nv_delete(struct escpos_buf *b, char kc1, char kc2)
{
	uint8_t s[9] = {GS, '(', 'L', 4, 0, 48, 66, (uint8_t)kc1, (uint8_t)kc2};
	escpos_append(b, s, sizeof s);
}

void escpos_cut(struct escpos_buf *b, bool partial, int feed_dots)
{
	uint8_t s[4] = {GS, 'V', partial ? 66 : 65, (uint8_t)clamp(feed_dots, 0, 255)};
	escpos_append(b, s, sizeof s);
}

void escpos_status_request(struct escpos_buf *b, enum escpos_status_kind kind)
{
	put3(b, DLE, EOT, (uint8_t)kind);
}

size_t escpos_command_length(const uint8_t *b, size_t n)
{
	if (n == 0) {
		return 0;
	}
	size_t need = 1;
	switch (b[0]) {
	case 0x10:  /* DLE EOT n */
		need = n < 2 ? 2 : b[1] == 0x04 ? 3 : 1;
		break;
	case 0x1b:  /* ESC @, ESC a|E|d n */
		need = n < 2 ? 2 : b[1] == '@' ? 2 : 3;
		break;
	case 0x1c:  /* FS p n m, FS q n [xL xH yL yH d...]... */
		if (n < 3) {
			return 0;
		}
		if (b[1] == 'p') {
			need = 4;
		} else if (b[1] == 'q') {
			need = 3;
			for (int i = 0; i < b[2]; i++) {
				if (n < need + 4) {
					return 0;
				}
				need += 4 + (size_t)(b[need] | b[need + 1] << 8) * (size_t)(b[need + 2] | b[need + 3] << 8) * 8;
			}
		} else {
			need = 1;
		}
		break;
	case 0x1d:
		if (n < 2) {
			return 0;
		}
		if (b[1] == 'V') {  /* GS V m [n] */
			need = n < 3 ? 3 : b[2] == 65 || b[2] == 66 ? 4 : 3;
		} else if (b[1] == 'v') {  /* GS v 0 m xL xH yL yH d... */
			need = n < 8 ? 8 : 8 + (size_t)(b[4] | b[5] << 8) * (size_t)(b[6] | b[7] << 8);
		} else if (b[1] == '(') {  /* GS ( L pL pH ... */
			need = n < 5 ? 5 : 5 + (size_t)(b[3] | b[4] << 8);
		} else {  /* GS ! n and the like */
			need = 3;
		}
		break;
	default:
		break;
	}
	return n >= need ? need : 0;
}

size_t escpos_longest_command(const uint8_t *b, size_t n)
{
	size_t longest = 0;
	for (size_t off = 0; off < n;) {
		size_t len = escpos_command_length(b + off, n - off);
		if (len == 0) {
			len = n - off;  /* cut short: what is left is its prefix */
		}
		if (len > longest) {
			longest = len;
		}
		off += len;
	}
	return longest;
}
