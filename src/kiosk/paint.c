/*
 * Drawing helpers of the kiosk's screens (paint.h). All text goes through
 * the shared cache (ui.h); wrapping is ui_text_wrap's, the same the layout
 * measured with.
 */
#include <string.h>
#include "paint.h"

#define MAX_LINES 4

SDL_Rect paint_inset(SDL_Rect r, int d)
{
	return (SDL_Rect){ r.x + d, r.y + d, r.w - 2 * d, r.h - 2 * d };
}

void paint_fill(struct kiosk *k, SDL_Rect r, SDL_Color c)
{
	SDL_SetRenderDrawColor(k->renderer, c.r, c.g, c.b, c.a);
	SDL_RenderFillRect(k->renderer, &r);
}

void paint_round(struct kiosk *k, SDL_Rect r, SDL_Color c)
{
	ui_fill_round_rect(k->renderer, &r, k->layout.radius, c);
}

void paint_card(struct kiosk *k, SDL_Rect r, SDL_Color c)
{
	int d = k->layout.unit / 2 + 1;
	SDL_Rect s = { r.x, r.y + d * 2, r.w, r.h };
	ui_fill_round_rect(k->renderer, &s, k->layout.radius, C_SHADOW);
	ui_fill_round_rect(k->renderer, &r, k->layout.radius, c);
}

void paint_outline(struct kiosk *k, SDL_Rect r, int thick, SDL_Color c)
{
	SDL_SetRenderDrawColor(k->renderer, c.r, c.g, c.b, c.a);
	for (int i = 0; i < thick; i++) {
		SDL_Rect o = paint_inset(r, -i - 1);
		SDL_RenderDrawRect(k->renderer, &o);
	}
}

void paint_triangle(struct kiosk *k, int cx, int cy, int size, int dir, SDL_Color c)
{
	float x = (float)cx, y = (float)cy, s = (float)size, h = s / 2;
	SDL_Vertex v[3];
	if (dir == 0) {
		v[0] = (SDL_Vertex){ { x - s, y - h }, c, { 0, 0 } };
		v[1] = (SDL_Vertex){ { x + s, y - h }, c, { 0, 0 } };
		v[2] = (SDL_Vertex){ { x, y + h }, c, { 0, 0 } };
	} else {
		float tip = dir == 1 ? x + h : x - h, base = dir == 1 ? x - h : x + h;
		v[0] = (SDL_Vertex){ { base, y - s }, c, { 0, 0 } };
		v[1] = (SDL_Vertex){ { base, y + s }, c, { 0, 0 } };
		v[2] = (SDL_Vertex){ { tip, y }, c, { 0, 0 } };
	}
	SDL_RenderGeometry(k->renderer, NULL, v, 3, NULL, 0);
}

int paint_line_h(struct kiosk *k, int px, bool bold)
{
	int w, h;
	ui_text_measure(k->text, px, bold, "Ấy", &w, &h);
	return h;
}

void paint_balance(struct kiosk *k, const char *str, int px, bool bold, int max_w, int n,
	char lines[][UI_WRAP_LINE_MAX])
{
	char tight[MAX_LINES][UI_WRAP_LINE_MAX];
	for (int w = max_w * 95 / 100; n > 1 && n <= MAX_LINES && w > max_w / 3; w = w * 95 / 100) {
		if (ui_text_wrap(k->text, px, bold, str, w, tight, n) != n) {
			break;
		}
		memcpy(lines, tight, (size_t)n * sizeof(tight[0]));
	}
}

int paint_text(struct kiosk *k, const char *str, int max_px, int min_px, bool bold,
	SDL_Color c, SDL_Rect box, int max_lines, enum ui_align align, bool balance)
{
	char lines[MAX_LINES][UI_WRAP_LINE_MAX];
	if (!str || !*str) {
		return max_px;
	}
	max_lines = max_lines < MAX_LINES ? max_lines : MAX_LINES;
	min_px = min_px < max_px ? min_px : max_px;
	int px = max_px, n = 0;
	for (;;) {
		n = ui_text_wrap(k->text, px, bold, str, box.w, lines, max_lines);
		if ((n > 0 && n * paint_line_h(k, px, bold) <= box.h) || px == min_px) {
			break;
		}
		px = px * 93 / 100 > min_px ? px * 93 / 100 : min_px;
	}
	if (n > 1 && balance) {
		paint_balance(k, str, px, bold, box.w, n, lines);
	}
	bool clip = n == 0 || n * paint_line_h(k, px, bold) > box.h;
	if (n == 0) {
		/* Not even at min_px: one line, cut at the box's edge. */
		snprintf(lines[0], sizeof(lines[0]), "%s", str);
		n = 1;
	}
	if (clip) {
		SDL_RenderSetClipRect(k->renderer, &box);
	}
	int lh = paint_line_h(k, px, bold);
	int y = box.y + (box.h - n * lh) / 2;
	if (y < box.y) {
		y = box.y;
	}
	int x = align == UI_ALIGN_CENTER ? box.x + box.w / 2
		: align == UI_ALIGN_RIGHT ? box.x + box.w : box.x;
	for (int i = 0; i < n; i++) {
		ui_text_draw(k->text, px, bold, c, lines[i], x, y + i * lh, align, &box);
	}
	if (clip) {
		SDL_RenderSetClipRect(k->renderer, NULL);
	}
	return px;
}
