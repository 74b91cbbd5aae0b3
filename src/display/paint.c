/*
 * The display's drawing kit (paint.h). Sizes come from the layout; here
 * text is only placed, wrapped or cut at a word, never made smaller.
 */
#define LOG_MODULE "paint"
#include "paint.h"

#include <stdio.h>
#include <string.h>

SDL_Rect paint_rect(int x, int y, int w, int h)
{
	return (SDL_Rect){ x, y, w > 0 ? w : 0, h > 0 ? h : 0 };
}

void paint_fill(const struct paint *p, SDL_Rect box, SDL_Color c)
{
	SDL_SetRenderDrawColor(p->r, c.r, c.g, c.b, c.a);
	SDL_RenderFillRect(p->r, &box);
}

int paint_line_h(const struct paint *p, int px, bool bold)
{
	int w = 0, h = 0;
	ui_text_measure(p->t, px, bold, "", &w, &h);
	return h > 0 ? h : px * 117 / 100;
}

int paint_width(const struct paint *p, int px, bool bold, const char *str)
{
	int w = 0, h = 0;
	return ui_text_measure(p->t, px, bold, str, &w, &h) ? w : 0;
}

int paint_text(const struct paint *p, int px, bool bold, SDL_Color c, const char *str,
	int x, int cy, enum ui_align align, const SDL_Rect *box)
{
	if (!str || !*str || px < 4) {
		return 0;
	}
	return ui_text_draw(p->t, px, bold, c, str, x, cy - paint_line_h(p, px, bold) / 2, align,
		p->outer ? p->outer : box);
}

int paint_wrap_count(const struct paint *p, int px, bool bold, const char *str, int max_w,
	int max_lines)
{
	char lines[PAINT_MAX_LINES][UI_WRAP_LINE_MAX];
	if (max_lines > PAINT_MAX_LINES) {
		max_lines = PAINT_MAX_LINES;
	}
	if (max_w <= 0 || max_lines <= 0) {
		return 0;
	}
	return ui_text_wrap(p->t, px, bold, str, max_w, lines, max_lines);
}

int paint_min_width(const struct paint *p, int px, bool bold, const char *str, int max_lines)
{
	int full = paint_width(p, px, bold, str);
	if (max_lines <= 1 || !strchr(str, ' ')) {
		return full;
	}
	/* Fewer lines never need more width: bisect between nothing and one line. */
	int lo = 1, hi = full;
	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;
		if (paint_wrap_count(p, px, bold, str, mid, max_lines) > 0) {
			hi = mid;
		} else {
			lo = mid + 1;
		}
	}
	return hi;
}

/*
 * The first words of str that, followed by "…", wrap into max_lines; into
 * out. False when not even the first word fits.
 */
static bool cut_words(const struct paint *p, int px, bool bold, const char *str, int max_w,
	int max_lines, char *out, size_t size)
{
	size_t len = strlen(str);
	for (size_t end = len; end > 0; end--) {
		/* Cut only before a space, after a word that is not a lone dash. */
		if (str[end] != ' ' || str[end - 1] == ' ') {
			continue;
		}
		size_t keep = end;
		while (keep > 0 && str[keep - 1] == ' ') {
			keep--;
		}
		if ((keep >= 4 && (memcmp(str + keep - 4, " \xe2\x80\x93", 4) == 0
				|| memcmp(str + keep - 4, " \xe2\x80\x94", 4) == 0))
				|| (keep >= 2 && memcmp(str + keep - 2, " -", 2) == 0)) {
			continue;  /* "Đất đai –…": cut before the dash instead */
		}
		if (keep + 4 > size) {
			continue;
		}
		snprintf(out, size, "%.*s…", (int)keep, str);
		if (paint_wrap_count(p, px, bold, out, max_w, max_lines) > 0) {
			return true;
		}
	}
	return false;
}

int paint_lines(const struct paint *p, int px, bool bold, const char *str, int max_w,
	int max_lines, bool cut, char lines[][UI_WRAP_LINE_MAX])
{
	char shorter[UI_WRAP_LINE_MAX * 2];
	max_lines = max_lines > PAINT_MAX_LINES ? PAINT_MAX_LINES : max_lines;
	if (!str || !*str || max_lines <= 0 || max_w <= 0) {
		return 0;
	}
	int n = ui_text_wrap(p->t, px, bold, str, max_w, lines, max_lines);
	if (n == 0 && cut && cut_words(p, px, bold, str, max_w, max_lines, shorter,
			sizeof(shorter))) {
		n = ui_text_wrap(p->t, px, bold, shorter, max_w, lines, max_lines);
	}
	return n;
}

int paint_wrapped(const struct paint *p, int px, bool bold, SDL_Color c, const char *str,
	SDL_Rect box, enum ui_align align, bool centre, bool cut)
{
	char lines[PAINT_MAX_LINES][UI_WRAP_LINE_MAX];
	if (px < 4) {
		return 0;
	}
	int line_h = paint_line_h(p, px, bold);
	int n = paint_lines(p, px, bold, str, box.w, box.h / line_h, cut, lines);
	int y = centre ? box.y + (box.h - n * line_h) / 2 : box.y;
	int x = align == UI_ALIGN_LEFT ? box.x : align == UI_ALIGN_CENTER ? box.x + box.w / 2
		: box.x + box.w;
	for (int i = 0; i < n; i++) {
		ui_text_draw(p->t, px, bold, c, lines[i], x, y + i * line_h, align,
			p->outer ? p->outer : &box);
	}
	return n;
}
