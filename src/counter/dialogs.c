/*
 * What the counter window draws over its main screen: the picker (a page
 * of tiles, each showing the key that picks it, with the typed filter and
 * page buttons) and the citizen's rating question. The tile grid is sized
 * for reading (a tile holds a two-line name and a line under it at no less
 * than the window's minimum text size), and the pages hold the rest, so a
 * desk with 24 counters and 16 fields fits 1024x768 as well as 1920x1080.
 * The rectangles computed here are main.c's hit boxes.
 */
#define LOG_MODULE "counter"
#include <stdio.h>
#include <string.h>
#include "motcua/base/clock.h"
#include "motcua/store/queue.h"
#include "app.h"
#include "paint.h"

static const char *const pick_names[] = {
	[PICK_REQUEUE] = "requeue", [PICK_TRANSFER] = "transfer", [PICK_CALL] = "call",
	[PICK_PAUSE] = "pause",
};

static const char *const pick_hints[] = {
	[PICK_REQUEUE] = "Gõ số thứ tự rồi bấm Enter, hoặc bấm vào ô.",
	[PICK_TRANSFER] = "Gõ số quầy hoặc mã lĩnh vực trên ô rồi bấm Enter, hoặc bấm vào ô.",
	[PICK_CALL] = "Gõ số thứ tự rồi bấm Enter (cả số không có trong danh sách), hoặc bấm vào ô.",
	[PICK_PAUSE] = "Gõ số trên ô rồi bấm Enter, hoặc bấm vào ô.",
};

static void dim_screen(struct app *a, int w, int h)
{
	ui_trace_layer(a->trace, "dialog");
	SDL_SetRenderDrawBlendMode(a->renderer, SDL_BLENDMODE_BLEND);
	SDL_Rect all = { 0, 0, w, h };
	paint_fill(a, &all, 0, (SDL_Color){ 0x10, 0x18, 0x22, 0xB0 });
	SDL_SetRenderDrawBlendMode(a->renderer, SDL_BLENDMODE_NONE);
}

/* A button of the dialog: grey, white words (or greyed out when it cannot act). */
static void dialog_button(struct app *a, const SDL_Rect *r, const char *label, bool enabled,
	int u, const char *trace_kind)
{
	paint_fill(a, r, u / 3, enabled ? C_GREY : C_OFF_BG);
	int px = u;
	paint_line(a, label, px, true, enabled ? C_WHITE : C_OFF_TEXT, r->x + u / 2,
		r->y + (r->h - paint_line_height(a, px, true)) / 2, r->w - u, UI_ALIGN_CENTER, r);
	ui_trace_rect(a->trace, trace_kind, "-", r);
}

/* One tile: its key in a chip on the left (unless the label is the key), label, sub. */
static void draw_tile(struct app *a, const struct pick_item *it, const SDL_Rect *b, bool sel,
	int u)
{
	paint_fill(a, b, u / 2, sel ? C_BLUE : C_CARD);
	SDL_Color fg = sel ? C_WHITE : C_TEXT, sub = sel ? C_WHITE : C_MUTED;
	int inner = u * 6 / 10;
	int x = b->x + inner, w = b->w - 2 * inner;
	bool own_key = strcmp(it->key, it->label) != 0;
	if (own_key) {
		int kpx = u * 11 / 10;
		int kh = paint_line_height(a, kpx, true);
		int kw = 0, th = 0;
		ui_text_measure(a->text, kpx, true, it->key, &kw, &th);
		SDL_Rect chip = { x, b->y + (b->h - kh * 13 / 10) / 2, kw + u, kh * 13 / 10 };
		if (chip.w > w / 3) {
			chip.w = w / 3;
		}
		paint_fill(a, &chip, u / 3, sel ? C_WHITE : C_CHIP);
		paint_line(a, it->key, kpx, true, C_BLUE, chip.x + u / 4, chip.y + (chip.h - kh) / 2,
			chip.w - u / 2, UI_ALIGN_CENTER, &chip);
		x += chip.w + u / 2;
		w -= chip.w + u / 2;
	}
	int lpx = own_key ? u * 11 / 10 : u * 13 / 10, spx = u * 85 / 100;
	int label_lines = own_key ? 2 : 1, sub_lines = own_key ? 1 : 2;
	int ll = paint_line_height(a, lpx, true), sl = paint_line_height(a, spx, false);
	/* Centred on the lines it takes (two when one is too narrow). */
	int lw = 0, sw = 0, th2 = 0;
	ui_text_measure(a->text, lpx, true, it->label, &lw, &th2);
	ui_text_measure(a->text, spx, false, it->sub, &sw, &th2);
	int room = (lw > w ? label_lines : 1) * ll + (it->sub[0] ? (sw > w ? sub_lines : 1) * sl : 0);
	int y = b->y + (b->h - room) / 2;
	int used = paint_lines(a, it->label, lpx, true, fg, x, y, w, label_lines, UI_ALIGN_LEFT, b);
	if (it->sub[0]) {
		y += used > 0 ? used : ll;
		paint_lines(a, it->sub, spx, false, sub, x, y, w, sub_lines, UI_ALIGN_LEFT, b);
	}
}

void dialogs_draw_picker(struct app *a, int w, int h)
{
	struct picker *p = &a->pick;
	int u = paint_unit(w, h);
	dim_screen(a, w, h);
	int margin = u * 6 / 10;
	SDL_Rect panel = { margin, margin, w - 2 * margin, h - 2 * margin };
	paint_fill(a, &panel, u / 2, C_BG);
	int pad = u * 8 / 10;
	int x = panel.x + pad, iw = panel.w - 2 * pad, y = panel.y + pad * 8 / 10;
	ui_trace_frame_tag(a->trace, "pick", pick_names[a->pick_kind]);

	y += paint_line(a, a->pick_title, u * 13 / 10, true, C_TEXT, x, y, iw, UI_ALIGN_LEFT,
		&panel) + u / 2;

	/* What was typed, and how to pick. */
	int fpx = u * 11 / 10, fh = paint_line_height(a, fpx, true);
	SDL_Rect field = { x, y, iw * 30 / 100, fh * 13 / 10 };
	paint_fill(a, &field, u / 3, C_CARD);
	char line[64];
	snprintf(line, sizeof(line), "Gõ: %s_", p->typed);
	paint_line(a, line, fpx, true, C_NUMBER, field.x + u / 2, field.y + (field.h - fh) / 2,
		field.w - u, UI_ALIGN_LEFT, &field);
	ui_trace_rect(a->trace, "picktyped", "-", &field);
	SDL_Rect hint_box = { field.x + field.w + u, y, iw - field.w - u, field.h };
	paint_lines(a, pick_hints[a->pick_kind], u * 85 / 100, false, C_MUTED, hint_box.x,
		hint_box.y, hint_box.w, 2, UI_ALIGN_LEFT, &hint_box);
	y += field.h + u / 2;

	/* The bottom row: pages on the left, closing on the right. */
	int bar_h = u * 24 / 10;
	int bar_y = panel.y + panel.h - pad - bar_h;
	int btn_w = iw * 22 / 100;
	a->pick_cancel = (SDL_Rect){ x + iw - btn_w, bar_y, btn_w, bar_h };
	dialog_button(a, &a->pick_cancel, "Đóng (Esc)", true, u, "pickcancel");

	/* The grid: as many tiles as fit at a readable size. */
	int gap = u / 2;
	int tile_h = u * 56 / 10;
	int area_h = bar_y - gap - y;
	int cols = iw / (u * 15);
	cols = cols < 1 ? 1 : cols > 6 ? 6 : cols;
	int rows = (area_h + gap) / (tile_h + gap);
	rows = rows < 1 ? 1 : rows;
	while ((size_t)(cols * rows) > PAGE_MAX) {
		rows--;
	}
	picker_set_page_size(p, (size_t)(cols * rows));
	a->pick_cols = cols;
	int tw = (iw - gap * (cols - 1)) / cols;
	int th = (area_h - gap * (rows - 1)) / rows;
	th = th > tile_h * 13 / 10 ? tile_h * 13 / 10 : th;

	size_t pages = picker_pages(p), page = picker_page(p);
	char tag[32];
	snprintf(tag, sizeof(tag), "%zu/%zu", page + 1, pages);
	ui_trace_frame_tag(a->trace, "page", tag);
	snprintf(tag, sizeof(tag), "%zu", p->n_shown);
	ui_trace_frame_tag(a->trace, "items", tag);
	a->pick_prev = a->pick_next = (SDL_Rect){ 0, 0, 0, 0 };
	if (pages > 1) {
		a->pick_prev = (SDL_Rect){ x, bar_y, btn_w, bar_h };
		a->pick_next = (SDL_Rect){ x + btn_w + u * 8, bar_y, btn_w, bar_h };
		dialog_button(a, &a->pick_prev, "‹ Trang trước (PgUp)", page > 0, u, "pageprev");
		dialog_button(a, &a->pick_next, "Trang sau (PgDn) ›", page + 1 < pages, u, "pagenext");
		char of[32];
		snprintf(of, sizeof(of), "Trang %zu/%zu", page + 1, pages);
		SDL_Rect mid = { x + btn_w, bar_y, u * 8, bar_h };
		paint_line(a, of, u, true, C_TEXT, mid.x + u / 4, mid.y + (bar_h -
			paint_line_height(a, u, true)) / 2, mid.w - u / 2, UI_ALIGN_CENTER, &mid);
	}

	a->pick_first = page * p->per_page;
	a->pick_n_boxes = 0;
	if (p->n_shown == 0) {
		const char *empty = p->typed[0] ? "Không có ô nào khớp với số đã gõ." : a->pick_empty;
		if (p->typed[0] && p->free_typing) {
			empty = "Không có trong danh sách: bấm Enter để gọi số đã gõ.";
		}
		SDL_Rect box = { x, y, iw, area_h };
		paint_lines(a, empty, u * 11 / 10, false, C_MUTED, x, y + area_h / 3, iw, 3,
			UI_ALIGN_CENTER, &box);
		return;
	}
	for (size_t i = a->pick_first; i < p->n_shown && a->pick_n_boxes < p->per_page; i++) {
		size_t k = a->pick_n_boxes++;
		SDL_Rect *b = &a->pick_boxes[k];
		*b = (SDL_Rect){ x + (int)(k % (size_t)cols) * (tw + gap),
			y + (int)(k / (size_t)cols) * (th + gap), tw, th };
		const struct pick_item *it = picker_shown(p, i);
		ui_trace_rect(a->trace, "pick", it->key, b);
		draw_tile(a, it, b, i == p->selected, u);
	}
}

void dialogs_draw_rating(struct app *a, int w, int h)
{
	static const SDL_Color colors[4] = {
		{ 0x1B, 0x7F, 0x3B, 0xFF }, { 0x3F, 0x7F, 0x1F, 0xFF },
		{ 0x54, 0x61, 0x70, 0xFF }, { 0xC6, 0x28, 0x28, 0xFF },
	};
	int u = paint_unit(w, h);
	dim_screen(a, w, h);
	SDL_Rect panel = { w * 4 / 100, h * 6 / 100, w * 92 / 100, h * 88 / 100 };
	paint_fill(a, &panel, u / 2, C_CARD);
	int pad = u * 12 / 10;
	int x = panel.x + pad, iw = panel.w - 2 * pad, y = panel.y + pad;
	if (a->rate_chosen) {
		int px = u * 3;
		y = panel.y + panel.h / 3;
		y += paint_lines(a, "Cảm ơn quý công dân đã đánh giá!", px, true, C_GREEN, x, y, iw, 2,
			UI_ALIGN_CENTER, &panel) + u;
		paint_line(a, ticket_rating_label(a->rate_chosen), u * 15 / 10, false, C_MUTED, x, y,
			iw, UI_ALIGN_CENTER, &panel);
		return;
	}
	y += paint_lines(a, "Mời quý công dân đánh giá mức độ hài lòng", u * 25 / 10, true, C_TEXT,
		x, y, iw, 2, UI_ALIGN_CENTER, &panel) + u / 2;
	char sub[128];
	snprintf(sub, sizeof(sub), "Số %s · vui lòng chọn một ô hoặc bấm phím 1–4", a->rate_number);
	y += paint_line(a, sub, u * 13 / 10, false, C_MUTED, x, y, iw, UI_ALIGN_CENTER, &panel)
		+ u;

	int gap = u;
	int bw = (iw - 3 * gap) / 4;
	int bottom = panel.y + panel.h - pad;
	int skip_h = u * 25 / 10;
	int bh = bottom - skip_h - u - y;
	int kpx = u * 3, lpx = u * 14 / 10;
	for (int i = 0; i < 4; i++) {
		SDL_Rect *b = &a->rate_boxes[i];
		*b = (SDL_Rect){ x + i * (bw + gap), y, bw, bh };
		paint_fill(a, b, u / 2, colors[i]);
		char key[4];
		snprintf(key, sizeof(key), "%d", i + 1);
		int kh = paint_line_height(a, kpx, true), lh = paint_line_height(a, lpx, true);
		int top = b->y + (bh - kh - 2 * lh) / 2;
		paint_line(a, key, kpx, true, C_WHITE, b->x, top, bw, UI_ALIGN_CENTER, b);
		paint_lines(a, ticket_rating_label(i + 1), lpx, true, C_WHITE, b->x + u / 2, top + kh,
			bw - u, 2, UI_ALIGN_CENTER, b);
		ui_trace_rect(a->trace, "rate", key, b);
	}
	/* Countdown bar and the skip button. */
	int64_t left = a->rate_deadline - clock_mono_ms();
	if (left < 0) {
		left = 0;
	}
	int track_w = iw * 6 / 10;
	SDL_Rect track = { x, bottom - skip_h / 2 - u / 4, track_w, u / 2 };
	paint_fill(a, &track, 0, (SDL_Color){ 0xDD, 0xE2, 0xE8, 0xFF });
	SDL_Rect bar = { x, track.y,
		(int)((int64_t)track_w * left / (a->rate_total_ms ? a->rate_total_ms : 1)), track.h };
	paint_fill(a, &bar, 0, C_BLUE);
	a->rate_skip_box = (SDL_Rect){ x + iw - iw / 4, bottom - skip_h, iw / 4, skip_h };
	dialog_button(a, &a->rate_skip_box, "Không đánh giá (Esc)", true, u, "rateskip");
}
