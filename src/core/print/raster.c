/*
 * 1-bit rasters and thresholded SDL_ttf text. Glyphs come from
 * TTF_RenderUTF8_Shaded (256 grey levels, black on white), so the darkness
 * of each pixel is read from the surface's palette and compared with the
 * caller's threshold.
 */
#define LOG_MODULE "raster"
#include <stdlib.h>
#include <string.h>
#include <SDL.h>
#include <SDL_ttf.h>
#include "motcua/fonts/fonts.h"
#include "motcua/base/hash.h"
#include "motcua/base/log.h"
#include "motcua/print/raster.h"
#include "motcua/base/xalloc.h"

struct raster *raster_create(int w, int h)
{
	struct raster *r = xcalloc(1, sizeof *r);
	r->w = w < 1 ? 1 : w;
	r->h = h < 1 ? 1 : h;
	r->stride = (r->w + 7) / 8;
	r->bits = xcalloc((size_t)r->stride * (size_t)r->h, 1);
	return r;
}

void raster_destroy(struct raster *r)
{
	if (r == NULL) {
		return;
	}
	free(r->bits);
	free(r);
}

struct raster *raster_copy(const struct raster *r)
{
	struct raster *c = raster_create(r->w, r->h);
	memcpy(c->bits, r->bits, (size_t)r->stride * (size_t)r->h);
	return c;
}

bool raster_get(const struct raster *r, int x, int y)
{
	if (x < 0 || y < 0 || x >= r->w || y >= r->h) {
		return false;
	}
	return r->bits[(size_t)y * r->stride + x / 8] & (0x80 >> (x % 8));
}

void raster_set(struct raster *r, int x, int y, bool black)
{
	if (x < 0 || y < 0 || x >= r->w || y >= r->h) {
		return;
	}
	uint8_t *p = &r->bits[(size_t)y * r->stride + x / 8];
	uint8_t m = (uint8_t)(0x80 >> (x % 8));
	*p = black ? (uint8_t)(*p | m) : (uint8_t)(*p & ~m);
}

void raster_fill(struct raster *r, int x, int y, int w, int h, bool black)
{
	for (int j = y; j < y + h; j++) {
		for (int i = x; i < x + w; i++) {
			raster_set(r, i, j, black);
		}
	}
}

void raster_blit(struct raster *dst, const struct raster *src, int x, int y, bool invert)
{
	for (int j = 0; j < src->h; j++) {
		for (int i = 0; i < src->w; i++) {
			if (raster_get(src, i, j)) {
				raster_set(dst, x + i, y + j, !invert);
			}
		}
	}
}

struct raster *raster_stack(const struct raster *a, const struct raster *b)
{
	struct raster *s = raster_create(a->w > b->w ? a->w : b->w, a->h + b->h);
	raster_blit(s, a, 0, 0, false);
	raster_blit(s, b, 0, a->h, false);
	return s;
}

bool raster_ink_columns(const struct raster *r, int *x0, int *x1)
{
	int lo = r->stride, hi = -1;
	for (int y = 0; y < r->h; y++) {
		const uint8_t *row = r->bits + (size_t)y * r->stride;
		for (int i = 0; i < r->stride; i++) {
			if (row[i]) {
				lo = i < lo ? i : lo;
				hi = i > hi ? i : hi;
			}
		}
	}
	if (hi < 0) {
		return false;
	}
	*x0 = lo * 8;
	*x1 = hi * 8 + 7 < r->w ? hi * 8 + 7 : r->w - 1;
	return true;
}

struct raster *raster_crop(const struct raster *r, int x, int y, int w, int h)
{
	struct raster *c = raster_create(w, h);
	for (int j = 0; j < h; j++) {
		for (int i = 0; i < w; i++) {
			if (raster_get(r, x + i, y + j)) {
				raster_set(c, i, j, true);
			}
		}
	}
	return c;
}

int raster_count_black(const struct raster *r)
{
	int n = 0;
	for (int y = 0; y < r->h; y++) {
		for (int x = 0; x < r->w; x++) {
			n += raster_get(r, x, y);
		}
	}
	return n;
}

bool raster_equal(const struct raster *a, const struct raster *b)
{
	if (a->w != b->w || a->h != b->h) {
		return false;
	}
	for (int y = 0; y < a->h; y++) {
		for (int x = 0; x < a->w; x++) {
			if (raster_get(a, x, y) != raster_get(b, x, y)) {
				return false;
			}
		}
	}
	return true;
}

uint64_t raster_hash(const struct raster *r)
{
	int dims[2] = {r->w, r->h};
	uint64_t h = hash_bytes(HASH_FNV_INIT, dims, sizeof dims);
	h = hash_bytes(h, r->bits, (size_t)r->stride * (size_t)r->h);
	return h;
}

bool raster_text_init(void)
{
	if (TTF_WasInit()) {
		return true;
	}
	if (TTF_Init() != 0) {
		LOG_ERR("TTF_Init: %s", TTF_GetError());
		return false;
	}
	return true;
}

static TTF_Font *open_font(const char *path, int px)
{
	if (!raster_text_init()) {
		return NULL;
	}
	TTF_Font *f = fonts_open(path, px);
	if (f == NULL) {
		LOG_ERR("cannot open font %s: %s", path, TTF_GetError());
	}
	return f;
}

int raster_text_width(const char *font_path, int px, const char *utf8)
{
	TTF_Font *f = open_font(font_path, px);
	if (f == NULL) {
		return -1;
	}
	int w = 0, h = 0;
	if (TTF_SizeUTF8(f, utf8, &w, &h) != 0) {
		w = -1;
	}
	fonts_close(f);
	return w;
}

/* Thresholds one rendered line of f into a raster as wide as the text. */
static struct raster *render_line(TTF_Font *f, int threshold, const char *utf8)
{
	if (utf8[0] == '\0') {
		return raster_create(1, TTF_FontLineSkip(f));
	}
	SDL_Color black = {0, 0, 0, 255}, white = {255, 255, 255, 255};
	SDL_Surface *s = TTF_RenderUTF8_Shaded(f, utf8, black, white);
	if (s == NULL) {
		LOG_ERR("cannot render text: %s", TTF_GetError());
		return NULL;
	}
	struct raster *r = raster_create(s->w, s->h);
	SDL_Palette *pal = s->format->palette;
	SDL_LockSurface(s);
	for (int y = 0; y < s->h; y++) {
		const uint8_t *row = (const uint8_t *)s->pixels + (size_t)y * s->pitch;
		for (int x = 0; x < s->w; x++) {
			int dark = 255 - (pal ? pal->colors[row[x]].r : row[x]);
			if (dark >= threshold) {
				raster_set(r, x, y, true);
			}
		}
	}
	SDL_UnlockSurface(s);
	SDL_FreeSurface(s);
	return r;
}

struct raster *raster_text(const char *font_path, int px, int threshold, const char *utf8)
{
	TTF_Font *f = open_font(font_path, px);
	if (f == NULL) {
		return NULL;
	}
	struct raster *r = render_line(f, threshold, utf8);
	fonts_close(f);
	return r;
}

/* Splits text into lines no wider than width (greedy); false if a word is wider. */
static bool wrap(TTF_Font *f, const char *text, int width, char ***lines, int *n)
{
	char *copy = xstrdup(text);
	char *line = xstrdup("");
	char *save = NULL;
	bool ok = true;
	*lines = NULL;
	*n = 0;
	for (char *word = strtok_r(copy, " \t\n", &save); word; word = strtok_r(NULL, " \t\n", &save)) {
		char *cand = line[0] ? xasprintf("%s %s", line, word) : xstrdup(word);
		int w = 0, h = 0;
		TTF_SizeUTF8(f, cand, &w, &h);
		if (w <= width || line[0] == '\0') {
			if (w > width) {
				ok = false;
			}
			free(line);
			line = cand;
			continue;
		}
		free(cand);
		*lines = xrealloc(*lines, sizeof **lines * (size_t)(*n + 1));
		(*lines)[(*n)++] = line;
		line = xstrdup(word);
		TTF_SizeUTF8(f, line, &w, &h);
		if (w > width) {
			ok = false;
		}
	}
	*lines = xrealloc(*lines, sizeof **lines * (size_t)(*n + 1));
	(*lines)[(*n)++] = line;
	free(copy);
	return ok;
}

static void free_lines(char **lines, int n)
{
	for (int i = 0; i < n; i++) {
		free(lines[i]);
	}
	free(lines);
}

struct raster *raster_text_block(const char *font_path, int px, int min_px, int threshold,
	const char *utf8, int width, enum raster_align align)
{
	/* One line at up to a quarter smaller reads better than an orphan word. */
	int one_line_min = px * 3 / 4 > min_px ? px * 3 / 4 : min_px;
	int start = px;
	for (int size = px; size >= one_line_min; size -= 2) {
		int w = raster_text_width(font_path, size, utf8);
		if (w < 0) {
			return NULL;
		}
		if (w <= width) {
			start = size;
			break;
		}
	}
	for (int size = start;; size -= 2) {
		TTF_Font *f = open_font(font_path, size);
		if (f == NULL) {
			return NULL;
		}
		char **lines;
		int n;
		bool fits = wrap(f, utf8, width, &lines, &n);
		if (!fits && size - 2 >= min_px) {
			free_lines(lines, n);
			fonts_close(f);
			continue;
		}
		int skip = TTF_FontLineSkip(f);
		struct raster *out = raster_create(width, skip * n);
		for (int i = 0; i < n; i++) {
			struct raster *l = render_line(f, threshold, lines[i]);
			if (l == NULL) {
				continue;
			}
			int x = align == RASTER_LEFT ? 0
				: align == RASTER_RIGHT ? width - l->w : (width - l->w) / 2;
			raster_blit(out, l, x < 0 ? 0 : x, i * skip, false);
			raster_destroy(l);
		}
		free_lines(lines, n);
		fonts_close(f);
		return out;
	}
}
