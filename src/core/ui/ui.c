/*
 * Text cache for the SDL programs. A rendered string is a texture keyed by
 * (px, bold, colour, string); a screen redrawn after a change reuses every
 * string that did not change. Fonts are opened once per (px, bold). Entries
 * not drawn for EVICT_FRAMES presented frames are destroyed, so a clock or a
 * changing number does not grow the cache without bound.
 */
#define LOG_MODULE "ui"
#include <SDL_ttf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "motcua/base/clock.h"
#include "motcua/base/log.h"
#include "motcua/fonts/fonts.h"
#include "motcua/base/paths.h"
#include "motcua/ui/ui.h"
#include "motcua/base/xalloc.h"

#define EVICT_FRAMES 120
#define MAX_FONTS 48

struct entry {
	char *str;
	int px;
	bool bold;
	SDL_Color color;
	SDL_Texture *tex;
	int w, h;
	SDL_Rect ink;       /* the glyphs' pixels within w x h (only measured when tracing) */
	unsigned last_used;
	struct entry *next;
};

struct font {
	int px;
	bool bold;
	TTF_Font *font;
};

struct ui_text {
	SDL_Renderer *renderer;
	struct ui_trace *trace;      /* borrowed; NULL when not tracing */
	struct entry *entries;
	struct font fonts[MAX_FONTS];
	size_t n_fonts;
	unsigned frame;
	bool warned;
	bool backgrounds;            /* trace each text's background colour */
};

struct ui_text *ui_text_create(SDL_Renderer *renderer, struct ui_trace *trace)
{
	struct ui_text *t = xcalloc(1, sizeof(*t));
	t->renderer = renderer;
	t->trace = trace;
	return t;
}

static void free_entry(struct entry *e)
{
	SDL_DestroyTexture(e->tex);
	free(e->str);
	free(e);
}

void ui_text_destroy(struct ui_text *t)
{
	if (!t) {
		return;
	}
	for (struct entry *e = t->entries, *next; e; e = next) {
		next = e->next;
		free_entry(e);
	}
	for (size_t i = 0; i < t->n_fonts; i++) {
		fonts_close(t->fonts[i].font);
	}
	free(t);
}

static TTF_Font *get_font(struct ui_text *t, int px, bool bold)
{
	if (px < 4) {
		px = 4;
	}
	for (size_t i = 0; i < t->n_fonts; i++) {
		if (t->fonts[i].px == px && t->fonts[i].bold == bold) {
			return t->fonts[i].font;
		}
	}
	if (t->n_fonts == MAX_FONTS) {
		/* Many sizes means the window was resized often: start over. */
		for (size_t i = 0; i < t->n_fonts; i++) {
			fonts_close(t->fonts[i].font);
		}
		t->n_fonts = 0;
	}
	const char *path = paths_font(bold);
	TTF_Font *f = fonts_open(path, px);
	if (!f) {
		if (!t->warned) {
			LOG_ERR("cannot open font %s: %s", path, TTF_GetError());
			t->warned = true;
		}
		return NULL;
	}
	t->fonts[t->n_fonts++] = (struct font){ px, bold, f };
	return f;
}

bool ui_text_measure(struct ui_text *t, int px, bool bold, const char *str, int *w, int *h)
{
	TTF_Font *f = get_font(t, px, bold);
	*w = *h = 0;
	if (!f || !*str) {
		if (f) {
			*h = TTF_FontHeight(f);
		}
		return f != NULL;
	}
	return TTF_SizeUTF8(f, str, w, h) == 0;
}

/*
 * The bounding box of the pixels a rendered string really covers (alpha over
 * a quarter): the line box includes the font's ascent and descent, the ink
 * is what a reader sees, so the trace can tell glyphs that overlap from line
 * boxes that do.
 */
static SDL_Rect ink_box(SDL_Surface *s)
{
	SDL_Rect r = { 0, 0, 0, 0 };
	int x0 = s->w, y0 = s->h, x1 = -1, y1 = -1;
	if (SDL_LockSurface(s) != 0) {
		return r;
	}
	for (int y = 0; y < s->h; y++) {
		const Uint32 *row = (const Uint32 *)((const Uint8 *)s->pixels + y * s->pitch);
		for (int x = 0; x < s->w; x++) {
			Uint8 cr, cg, cb, ca;
			SDL_GetRGBA(row[x], s->format, &cr, &cg, &cb, &ca);
			if (ca > 64) {
				x0 = x < x0 ? x : x0;
				x1 = x > x1 ? x : x1;
				y0 = y < y0 ? y : y0;
				y1 = y > y1 ? y : y1;
			}
		}
	}
	SDL_UnlockSurface(s);
	if (x1 >= 0) {
		r = (SDL_Rect){ x0, y0, x1 - x0 + 1, y1 - y0 + 1 };
	}
	return r;
}

bool ui_text_ink(struct ui_text *t, int px, bool bold, const char *str, SDL_Rect *ink)
{
	*ink = (SDL_Rect){ 0, 0, 0, 0 };
	TTF_Font *f = get_font(t, px, bold);
	if (!f || !*str) {
		return f != NULL;
	}
	SDL_Surface *s = TTF_RenderUTF8_Blended(f, str, (SDL_Color){ 255, 255, 255, 255 });
	if (!s) {
		return false;
	}
	if (s->format->BytesPerPixel == 4) {
		*ink = ink_box(s);
	}
	SDL_FreeSurface(s);
	return true;
}

void ui_text_trace_backgrounds(struct ui_text *t, bool on)
{
	t->backgrounds = on;
}

/*
 * The most common colour in area of the render target, sampled on a grid of
 * at most 32 x 16 points; false when it cannot be read.
 */
static bool background_of(SDL_Renderer *r, SDL_Rect area, SDL_Color *out)
{
	int ow = 0, oh = 0;
	if (SDL_GetRendererOutputSize(r, &ow, &oh) != 0) {
		return false;
	}
	SDL_Rect screen = { 0, 0, ow, oh };
	if (!SDL_IntersectRect(&area, &screen, &area)) {
		return false;
	}
	Uint32 *px = malloc((size_t)area.w * (size_t)area.h * sizeof(*px));
	if (!px) {
		return false;
	}
	bool ok = SDL_RenderReadPixels(r, &area, SDL_PIXELFORMAT_ARGB8888, px,
		area.w * (int)sizeof(*px)) == 0;
	struct tally { Uint32 c; int n; } seen[16];
	int n_seen = 0, best = -1;
	int sx = area.w > 32 ? area.w / 32 : 1, sy = area.h > 16 ? area.h / 16 : 1;
	for (int y = sy / 2; ok && y < area.h; y += sy) {
		for (int x = sx / 2; x < area.w; x += sx) {
			Uint32 c = px[y * area.w + x] & 0xffffff;
			int i = 0;
			while (i < n_seen && seen[i].c != c) {
				i++;
			}
			if (i == n_seen) {
				if (n_seen == 16) {
					continue;  /* a 17th colour: a gradient or an image; rare */
				}
				seen[n_seen++] = (struct tally){ c, 0 };
			}
			seen[i].n++;
			if (best < 0 || seen[i].n > seen[best].n) {
				best = i;
			}
		}
	}
	free(px);
	if (!ok || best < 0) {
		return false;
	}
	*out = (SDL_Color){ (Uint8)(seen[best].c >> 16), (Uint8)(seen[best].c >> 8),
		(Uint8)seen[best].c, 255 };
	return true;
}

static struct entry *lookup(struct ui_text *t, int px, bool bold, SDL_Color c, const char *str)
{
	for (struct entry *e = t->entries; e; e = e->next) {
		if (e->px == px && e->bold == bold && e->color.r == c.r && e->color.g == c.g
				&& e->color.b == c.b && e->color.a == c.a && strcmp(e->str, str) == 0) {
			return e;
		}
	}
	TTF_Font *f = get_font(t, px, bold);
	if (!f) {
		return NULL;
	}
	SDL_Surface *s = TTF_RenderUTF8_Blended(f, str, c);
	if (!s) {
		LOG_ERR("cannot render text: %s", TTF_GetError());
		return NULL;
	}
	SDL_Texture *tex = SDL_CreateTextureFromSurface(t->renderer, s);
	if (!tex) {
		LOG_ERR("cannot create texture: %s", SDL_GetError());
		SDL_FreeSurface(s);
		return NULL;
	}
	struct entry *e = xcalloc(1, sizeof(*e));
	e->str = xstrdup(str);
	e->px = px;
	e->bold = bold;
	e->color = c;
	e->tex = tex;
	e->w = s->w;
	e->h = s->h;
	if (t->trace && s->format->BytesPerPixel == 4) {
		e->ink = ink_box(s);
	}
	e->next = t->entries;
	t->entries = e;
	SDL_FreeSurface(s);
	return e;
}

int ui_text_draw(struct ui_text *t, int px, bool bold, SDL_Color color, const char *str,
	int x, int y, enum ui_align align, const SDL_Rect *box)
{
	if (!str || !*str) {
		return 0;
	}
	struct entry *e = lookup(t, px, bold, color, str);
	if (!e) {
		return 0;
	}
	e->last_used = t->frame;
	SDL_Rect dst = { x, y, e->w, e->h };
	if (align == UI_ALIGN_CENTER) {
		dst.x -= e->w / 2;
	} else if (align == UI_ALIGN_RIGHT) {
		dst.x -= e->w;
	}
	SDL_Color bg;
	bool has_bg = t->trace && t->backgrounds && background_of(t->renderer, dst, &bg);
	SDL_RenderCopy(t->renderer, e->tex, NULL, &dst);
	if (t->trace) {
		SDL_Rect clip;
		bool clipped = SDL_RenderIsClipEnabled(t->renderer);
		if (clipped) {
			SDL_RenderGetClipRect(t->renderer, &clip);
		}
		SDL_Rect ink = { dst.x + e->ink.x, dst.y + e->ink.y, e->ink.w, e->ink.h };
		ui_trace_text(t->trace, str, &dst, &ink, px, bold, color, box, clipped ? &clip : NULL,
			has_bg ? &bg : NULL);
	}
	return e->w;
}

/* A word that may not start a line: a dash of any kind. */
static bool is_dash(const char *w, size_t len)
{
	return (len == 1 && *w == '-') || (len == 3 && (memcmp(w, "\xe2\x80\x93", 3) == 0
		|| memcmp(w, "\xe2\x80\x94", 3) == 0));
}

int ui_text_wrap(struct ui_text *t, int px, bool bold, const char *str, int max_w,
	char lines[][UI_WRAP_LINE_MAX], int max_lines)
{
	int n = 0;
	const char *p = str;
	for (;;) {
		while (*p == ' ') {
			p++;
		}
		if (!*p) {
			return n;
		}
		if (n == max_lines) {
			return 0;
		}
		/* Extend the line word by word; remember the last place it may break. */
		size_t best = 0;
		const char *q = p;
		for (;;) {
			const char *end = strchr(q, ' ');
			size_t len = end ? (size_t)(end - p) : strlen(p);
			if (len >= UI_WRAP_LINE_MAX) {
				break;
			}
			char buf[UI_WRAP_LINE_MAX];
			memcpy(buf, p, len);
			buf[len] = '\0';
			int w = 0, h = 0;
			if (!ui_text_measure(t, px, bold, buf, &w, &h) || w > max_w) {
				break;
			}
			const char *next = end;
			while (next && *next == ' ') {
				next++;
			}
			size_t next_len = next ? strcspn(next, " ") : 0;
			if (!end || !*next || !is_dash(next, next_len)) {
				best = len;
			}
			if (!end) {
				break;
			}
			q = end + 1;
		}
		if (best == 0) {
			return 0;
		}
		p += best;
		while (best > 0 && p[-1] == ' ') {
			best--;
			p--;
		}
		memcpy(lines[n], p - best, best);
		lines[n][best] = '\0';
		n++;
		p += strspn(p, " ");
	}
}

int ui_text_fit(struct ui_text *t, int max_px, int min_px, bool bold, const char *str,
	int max_w)
{
	int px = max_px;
	while (px > min_px) {
		int w, h;
		if (!ui_text_measure(t, px, bold, str, &w, &h) || w <= max_w) {
			break;
		}
		/* Shrink in proportion, then fine-tune. */
		int guess = px * max_w / (w ? w : 1);
		px = guess < px - 1 ? guess : px - 1;
	}
	return px < min_px ? min_px : px;
}

void ui_text_frame_done(struct ui_text *t)
{
	t->frame++;
	struct entry **pp = &t->entries;
	while (*pp) {
		struct entry *e = *pp;
		if (t->frame - e->last_used > EVICT_FRAMES) {
			*pp = e->next;
			free_entry(e);
		} else {
			pp = &e->next;
		}
	}
}

void ui_fill_round_rect(SDL_Renderer *renderer, const SDL_Rect *rect, int radius,
	SDL_Color color)
{
	SDL_SetRenderDrawColor(renderer, color.r, color.g, color.b, color.a);
	if (radius * 2 > rect->h) {
		radius = rect->h / 2;
	}
	if (radius * 2 > rect->w) {
		radius = rect->w / 2;
	}
	SDL_Rect mid = { rect->x, rect->y + radius, rect->w, rect->h - 2 * radius };
	SDL_RenderFillRect(renderer, &mid);
	/* Top and bottom bands, one scanline each, inset along the quarter circle. */
	for (int dy = 0; dy < radius; dy++) {
		int yy = radius - dy;
		int inset = radius - (int)SDL_sqrtf((float)(radius * radius - yy * yy));
		SDL_RenderDrawLine(renderer, rect->x + inset, rect->y + dy,
			rect->x + rect->w - 1 - inset, rect->y + dy);
		SDL_RenderDrawLine(renderer, rect->x + inset, rect->y + rect->h - 1 - dy,
			rect->x + rect->w - 1 - inset, rect->y + rect->h - 1 - dy);
	}
}

bool ui_parse_size(const char *s, int *w, int *h)
{
	int n = 0;
	if (sscanf(s, "%dx%d%n", w, h, &n) != 2 || s[n] != '\0') {
		return false;
	}
	return *w >= 100 && *w <= 10000 && *h >= 100 && *h <= 10000;
}

const char *ui_weekday_vi(int wday)
{
	return clock_weekday_vi(wday);
}
