/*
 * The counter window's drawing helpers (paint.h): fills recorded in the
 * trace, and text that stays inside its box at a readable size.
 */
#include <stdio.h>
#include <string.h>
#include "app.h"
#include "paint.h"

const SDL_Color C_BG = { 0xEE, 0xF1, 0xF5, 0xFF };
const SDL_Color C_HEAD = { 0x1B, 0x3A, 0x5C, 0xFF };
const SDL_Color C_CARD = { 0xFF, 0xFF, 0xFF, 0xFF };
const SDL_Color C_TEXT = { 0x1E, 0x25, 0x2E, 0xFF };
const SDL_Color C_MUTED = { 0x5F, 0x6B, 0x7A, 0xFF };
const SDL_Color C_WHITE = { 0xFF, 0xFF, 0xFF, 0xFF };
const SDL_Color C_NUMBER = { 0xB7, 0x1C, 0x1C, 0xFF };
const SDL_Color C_GREEN = { 0x2E, 0x7D, 0x32, 0xFF };
const SDL_Color C_BLUE = { 0x1E, 0x5E, 0xA8, 0xFF };
/* Amber dark enough for white text (5.3:1); the old #E08E0B was 2.6:1. */
const SDL_Color C_AMBER = { 0xA8, 0x54, 0x00, 0xFF };
const SDL_Color C_AMBER_TEXT = { 0x8A, 0x53, 0x00, 0xFF };
const SDL_Color C_RED = { 0xC6, 0x28, 0x28, 0xFF };
const SDL_Color C_GREY = { 0x60, 0x6C, 0x7A, 0xFF };
/* A button that cannot act: flat light grey, its words grey (5.1:1). */
const SDL_Color C_OFF_BG = { 0xE3, 0xE7, 0xEC, 0xFF };
const SDL_Color C_OFF_TEXT = { 0x56, 0x60, 0x6D, 0xFF };
const SDL_Color C_CHIP = { 0xE6, 0xEE, 0xF8, 0xFF };
const SDL_Color C_CHIP_PRIORITY = { 0xFF, 0xF0, 0xD6, 0xFF };

#define ELLIPSIS "\xe2\x80\xa6"

int paint_unit(int w, int h)
{
	int u = h / 40, uw = w / 53;
	u = uw < u ? uw : u;
	return u > 4 ? u : 4;
}

int paint_min_px(int h)
{
	int px = h * 2 / 100;
	return px > 8 ? px : 8;
}

void paint_fill(struct app *a, const SDL_Rect *r, int radius, SDL_Color c)
{
	if (radius > 0) {
		ui_fill_round_rect(a->renderer, r, radius, c);
	} else {
		SDL_SetRenderDrawColor(a->renderer, c.r, c.g, c.b, c.a);
		SDL_RenderFillRect(a->renderer, r);
	}
	if (a->trace) {
		char id[10];
		if (c.a == 0xFF) {
			snprintf(id, sizeof(id), "#%02x%02x%02x", c.r, c.g, c.b);
		} else {
			snprintf(id, sizeof(id), "#%02x%02x%02x%02x", c.r, c.g, c.b, c.a);
		}
		ui_trace_rect(a->trace, "fill", id, r);
	}
}

int paint_min(const struct app *a)
{
	int w, h;
	SDL_GetRendererOutputSize(a->renderer, &w, &h);
	return paint_min_px(h);
}

static int width_of(struct app *a, int px, bool bold, const char *s)
{
	int w = 0, h = 0;
	ui_text_measure(a->text, px, bold, s, &w, &h);
	return w;
}

int paint_line_height(struct app *a, int px, bool bold)
{
	int w = 0, h = 0;
	ui_text_measure(a->text, px, bold, "", &w, &h);
	/* Vietnamese stacks two marks over capitals ("Ấ"): more than the font's ascent. */
	int need = px * 13 / 10;
	return h > need ? h : need;
}

/* The next smaller size to try. */
static int smaller(int px)
{
	int next = px * 92 / 100;
	return next < px ? next : px - 1;
}

/* UTF-8: the start of the character before s[i]. */
static size_t char_before(const char *s, size_t i)
{
	while (i > 0 && ((unsigned char)s[--i] & 0xC0) == 0x80) {
	}
	return i;
}

/* Writes the first keep bytes of str and "…" to out; true if that fits w. */
static bool fits_cut(struct app *a, int px, bool bold, const char *str, size_t keep, int w,
	char *out, size_t size)
{
	while (keep > 0 && (str[keep - 1] == ' ' || str[keep - 1] == ',')) {
		keep--;
	}
	if (keep == 0 || keep + sizeof(ELLIPSIS) > size) {
		return false;
	}
	memcpy(out, str, keep);
	memcpy(out + keep, ELLIPSIS, sizeof(ELLIPSIS));
	return width_of(a, px, bold, out) <= w;
}

/*
 * The longest start of str that fits w with "…" after it, cut after a
 * word, or between characters when not even the first word fits. To out.
 */
static void cut(struct app *a, int px, bool bold, const char *str, int w, char *out,
	size_t size)
{
	size_t len = strlen(str);
	for (size_t end = len; end > 0; end = char_before(str, end)) {
		if ((str[end] == ' ' || str[end] == '\0')
				&& fits_cut(a, px, bold, str, end, w, out, size)) {
			return;
		}
	}
	for (size_t end = len; end > 0; end = char_before(str, end)) {
		if (fits_cut(a, px, bold, str, end, w, out, size)) {
			return;
		}
	}
	snprintf(out, size, "%s", ELLIPSIS);
}

static int align_x(int x, int w, enum ui_align align)
{
	return align == UI_ALIGN_CENTER ? x + w / 2 : align == UI_ALIGN_RIGHT ? x + w : x;
}

int paint_line(struct app *a, const char *str, int px, bool bold, SDL_Color c, int x, int y,
	int w, enum ui_align align, const SDL_Rect *box)
{
	if (!str[0]) {
		return 0;
	}
	int lo = paint_min(a);
	if (px < lo) {
		px = lo;
	}
	int size = ui_text_fit(a->text, px, lo, bold, str, w);
	char shortened[UI_WRAP_LINE_MAX];
	const char *s = str;
	if (width_of(a, size, bold, str) > w) {
		cut(a, size, bold, str, w, shortened, sizeof(shortened));
		s = shortened;
	}
	ui_text_draw(a->text, size, bold, c, s, align_x(x, w, align), y, align, box);
	return paint_line_height(a, size, bold);
}

int paint_lines(struct app *a, const char *str, int px, bool bold, SDL_Color c, int x, int y,
	int w, int max_lines, enum ui_align align, const SDL_Rect *box)
{
	enum { MANY = 24 };
	char lines[MANY][UI_WRAP_LINE_MAX];
	if (!str[0]) {
		return 0;
	}
	if (max_lines <= 1) {
		return paint_line(a, str, px, bold, c, x, y, w, align, box);
	}
	int lo = paint_min(a);
	if (px < lo) {
		px = lo;
	}
	int n = 0;
	for (;;) {
		n = ui_text_wrap(a->text, px, bold, str, w, lines, max_lines);
		if (n > 0 || px <= lo) {
			break;
		}
		px = smaller(px) > lo ? smaller(px) : lo;
	}
	if (n == 0) {
		/* Too long even at the minimum: the first lines, then the rest cut short. */
		n = ui_text_wrap(a->text, px, bold, str, w, lines, MANY);
		if (n == 0) {
			return paint_line(a, str, px, bold, c, x, y, w, align, box);
		}
		char rest[UI_WRAP_LINE_MAX * 2] = "";
		for (int i = max_lines - 1; i < n; i++) {
			size_t used = strlen(rest);
			snprintf(rest + used, sizeof(rest) - used, "%s%s", used ? " " : "", lines[i]);
		}
		cut(a, px, bold, rest, w, lines[max_lines - 1], sizeof(lines[0]));
		n = max_lines;
	}
	int lh = paint_line_height(a, px, bold);
	for (int i = 0; i < n; i++) {
		ui_text_draw(a->text, px, bold, c, lines[i], align_x(x, w, align), y + i * lh, align,
			box);
	}
	return n * lh;
}
