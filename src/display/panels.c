/*
 * The panels around the counter board (panels.h). Sizes are multiples of
 * the screen's text size m->s; the latest call's number is as large as its
 * box allows, and the layout keeps every other text smaller than it.
 */
#define LOG_MODULE "panels"
#include "panels.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "motcua/base/clock.h"
#include "motcua/base/xalloc.h"

#define WAITING_LINES 3

/* Inner margin of a panel. */
static int panel_pad(const struct metrics *m)
{
	return m->pad + m->gap / 2;
}

static int desk_px(const struct metrics *m)
{
	return m->s * 115 / 100;
}

static int clock_px(const struct metrics *m)
{
	return m->s * 165 / 100;
}

int panels_header_height(const struct paint *p, const struct metrics *m)
{
	int names = paint_line_h(p, m->s, true) + paint_line_h(p, desk_px(m), true);
	int clock = paint_line_h(p, clock_px(m), true);
	return (names > clock ? names : clock) + 2 * m->pad;
}

int panels_notice_height(const struct paint *p, const struct metrics *m)
{
	return paint_line_h(p, m->s, false) + 2 * m->pad;
}

/*
 * "Mất kết nối" (or v->lost) in a red pill, right-aligned on cy within slot: it takes the
 * date's place, so it never covers the names.
 */
static void lost_pill(const struct paint *p, const struct metrics *m, SDL_Rect slot, int cy,
	const char *msg)
{
	int px = m->s, tw = paint_width(p, px, true, msg), th = paint_line_h(p, px, true);
	if (tw + px > slot.w && strcmp(msg, "Mất kết nối") != 0) {
		msg = "Mất kết nối";  /* the longer words where they fit, never over the names */
		tw = paint_width(p, px, true, msg);
	}
	SDL_Rect pill = paint_rect(slot.x + slot.w - tw - px, cy - th / 2, tw + px, th);
	ui_fill_round_rect(p->r, &pill, pill.h / 2, PAINT_RED);
	paint_text(p, px, true, PAINT_TEXT, msg, pill.x + pill.w / 2, cy, UI_ALIGN_CENTER, &pill);
	ui_trace_rect(p->trace, "lost", "-", &pill);
}

void panels_header(const struct paint *p, const struct metrics *m, SDL_Rect b,
	const struct view *v)
{
	const struct snapshot *s = v->snap;
	int pad = m->gap;
	char date[11], hm[6], line[64];
	struct tm tm;

	paint_fill(p, b, PAINT_HEADER);
	clock_local_tm(v->now_ms, &tm);
	clock_format_date(v->now_ms, date);
	clock_format_time(v->now_ms, hm);
	snprintf(line, sizeof(line), "%s, %s", ui_weekday_vi(tm.tm_wday), date);
	const char *commune = s && s->commune_name[0] ? s->commune_name : "Ủy ban nhân dân xã";
	const char *desk = s && s->desk_name[0] ? s->desk_name : "Bộ phận Tiếp nhận và Trả kết quả";

	/*
	 * Right: the date, then the clock, on one line; where that would cut the
	 * desk's name (a narrow screen), the clock above the date.
	 */
	int l1 = paint_line_h(p, m->s, true), l2 = paint_line_h(p, desk_px(m), true);
	int names_w = paint_width(p, desk_px(m), true, desk);
	int cw = paint_width(p, m->s, true, commune);
	names_w = cw > names_w ? cw : names_w;
	int dw = paint_width(p, m->s, false, line);
	int right = b.x + b.w - pad;
	int cy = b.y + b.h / 2;
	int left_w;
	int inline_w = dw + pad + paint_width(p, clock_px(m), true, hm);
	if (names_w + inline_w + 3 * pad <= b.w) {
		int kw = paint_text(p, clock_px(m), true, PAINT_TEXT, hm, right, cy, UI_ALIGN_RIGHT, &b);
		SDL_Rect date_box = paint_rect(right - kw - pad - dw, b.y, dw, b.h);
		if (v->connected) {
			paint_text(p, m->s, false, PAINT_MUTED, line, date_box.x, cy, UI_ALIGN_LEFT,
				&date_box);
		} else {
			/* The pill may use the free space left of the date, never the names'. */
			SDL_Rect lost_box = date_box;
			int free_left = date_box.x - (b.x + 2 * pad + names_w);
			if (free_left > 0) {
				lost_box.x -= free_left;
				lost_box.w += free_left;
			}
			lost_pill(p, m, lost_box, cy, v->lost ? v->lost : "Mất kết nối");
		}
		left_w = date_box.x - pad - (b.x + pad);
	} else {
		int top = b.y + (b.h - l1 - l2) / 2;
		int kw = paint_width(p, desk_px(m), true, hm);
		int rw = dw > kw ? dw : kw;
		SDL_Rect rb = paint_rect(right - rw, b.y, rw, b.h);
		paint_text(p, desk_px(m), true, PAINT_TEXT, hm, right, top + l2 / 2, UI_ALIGN_RIGHT, &rb);
		if (v->connected) {
			paint_text(p, m->s, false, PAINT_MUTED, line, right, top + l2 + l1 / 2,
				UI_ALIGN_RIGHT, &rb);
		} else {
			lost_pill(p, m, rb, top + l2 + l1 / 2, v->lost ? v->lost : "Mất kết nối");
		}
		left_w = rb.x - pad - (b.x + pad);
	}

	/* Left: commune and desk names, cut at a word if they are still too long. */
	int top = b.y + (b.h - l1 - l2) / 2;
	paint_wrapped(p, m->s, true, PAINT_TEXT, commune, paint_rect(b.x + pad, top, left_w, l1),
		UI_ALIGN_LEFT, false, true);
	paint_wrapped(p, desk_px(m), true, PAINT_ACCENT, desk,
		paint_rect(b.x + pad, top + l1, left_w, l2), UI_ALIGN_LEFT, false, true);
}

/* Latest call: title and counter line sizes. */
static int latest_title_px(const struct metrics *m)
{
	return m->s;
}

static int latest_counter_px(const struct metrics *m)
{
	return m->s * 130 / 100;
}

int panels_latest_px(const struct paint *p, const struct metrics *m, SDL_Rect b)
{
	int pad = panel_pad(m);
	int rest = b.h - 2 * pad - paint_line_h(p, latest_title_px(m), true)
		- paint_line_h(p, latest_counter_px(m), true);
	int by_h = rest * 100 / paint_line_h(p, 100, true);
	int by_w = (b.w - 2 * pad) * 100 / paint_width(p, 100, true, "A8888");
	return by_h < by_w ? by_h : by_w;
}

void panels_latest(const struct paint *p, const struct metrics *m, SDL_Rect b,
	const struct view *v)
{
	const struct snapshot *s = v->snap;
	bool lit = v->fresh && v->blink_on;
	int pad = panel_pad(m);
	char buf[64];

	ui_fill_round_rect(p->r, &b, m->gap, lit ? PAINT_ACCENT : PAINT_PANEL);
	ui_trace_rect(p->trace, "latest", "-", &b);
	SDL_Color fg = lit ? PAINT_DARK : PAINT_TEXT;
	int tl = paint_line_h(p, latest_title_px(m), true);
	int cl = paint_line_h(p, latest_counter_px(m), true);
	int num_px = panels_latest_px(p, m, b);
	int nl = paint_line_h(p, num_px, true);
	/* Title, number and counter as one block in the middle of the box. */
	int top = b.y + (b.h - tl - nl - cl) / 2;
	int cx = b.x + b.w / 2;
	paint_text(p, latest_title_px(m), true, fg, "MỜI CÔNG DÂN CÓ SỐ", cx, top + tl / 2,
		UI_ALIGN_CENTER, &b);
	if (!s || s->n_calls == 0) {
		paint_text(p, num_px, true, lit ? PAINT_DARK : PAINT_MUTED, "—", cx, top + tl + nl / 2,
			UI_ALIGN_CENTER, &b);
		return;
	}
	const struct snapshot_call *c = &s->calls[0];
	paint_text(p, num_px, true, lit ? PAINT_DARK : PAINT_ACCENT, c->number, cx,
		top + tl + nl / 2, UI_ALIGN_CENTER, &b);
	snprintf(buf, sizeof(buf), "đến quầy số %d%s", c->counter, c->recall ? " (gọi lại)" : "");
	int px = ui_text_fit(p->t, latest_counter_px(m), m->s_min, true, buf, b.w - 2 * pad);
	paint_text(p, px, true, fg, buf, cx, top + tl + nl + cl / 2, UI_ALIGN_CENTER, &b);
}

/* A titled panel: draws its ground and title, returns the area under the title. */
static SDL_Rect panel(const struct paint *p, const struct metrics *m, SDL_Rect b,
	const char *title)
{
	int pad = panel_pad(m);
	int th = paint_line_h(p, m->s, true);
	ui_fill_round_rect(p->r, &b, m->gap, PAINT_PANEL);
	SDL_Rect tb = paint_rect(b.x + pad, b.y + pad / 2, b.w - 2 * pad, th);
	paint_text(p, m->s, true, PAINT_MUTED, title, tb.x, tb.y + th / 2, UI_ALIGN_LEFT, &tb);
	return paint_rect(b.x + pad, tb.y + th + pad / 2, b.w - 2 * pad,
		b.h - th - pad * 2);
}

static int recent_num_px(const struct metrics *m)
{
	return m->s * 120 / 100;
}

int panels_recent_min(const struct paint *p, const struct metrics *m)
{
	return paint_line_h(p, m->s, true) + 2 * panel_pad(m)
		+ paint_line_h(p, recent_num_px(m), true);
}

int panels_recent_max(const struct paint *p, const struct metrics *m)
{
	return panels_recent_min(p, m) + paint_line_h(p, recent_num_px(m), true);
}

/* The calls before the latest one, newest first, in as many columns as fit. */
void panels_recent(const struct paint *p, const struct metrics *m, SDL_Rect b,
	const struct view *v)
{
	const struct snapshot *s = v->snap;
	SDL_Rect in = panel(p, m, b, "Số vừa gọi");
	int npx = recent_num_px(m);
	int line_h = paint_line_h(p, npx, true);
	int num_w = paint_width(p, npx, true, "A8888");
	int item_w = num_w + m->pad + paint_width(p, m->s, false, "→ Quầy 88 (gọi lại)") + m->gap;
	int cols = in.w / item_w > 0 ? in.w / item_w : 1;
	int col_w = in.w / cols;
	int rows = in.h / line_h;
	char buf[64];

	if (!s) {
		return;
	}
	for (size_t i = 1; i < s->n_calls && (int)(i - 1) < rows * cols; i++) {
		const struct snapshot_call *c = &s->calls[i];
		int k = (int)i - 1;
		SDL_Rect cell = paint_rect(in.x + (k % cols) * col_w, in.y + (k / cols) * line_h,
			col_w - m->gap, line_h);
		char id[16];
		snprintf(id, sizeof(id), "%d", k + 1);
		ui_trace_rect(p->trace, "recent", id, &cell);
		int cy = cell.y + line_h / 2;
		int nw = paint_text(p, npx, true, PAINT_ACCENT, c->number, cell.x, cy, UI_ALIGN_LEFT,
			&cell);
		snprintf(buf, sizeof(buf), "→ Quầy %d%s", c->counter, c->recall ? " (gọi lại)" : "");
		SDL_Rect rest = paint_rect(cell.x + nw + m->pad, cell.y, cell.w - nw - m->pad, line_h);
		if (paint_width(p, m->s, false, buf) <= rest.w) {
			paint_text(p, m->s, false, PAINT_TEXT, buf, rest.x, cy, UI_ALIGN_LEFT, &rest);
		}
	}
}

void panels_waiting_measure(const struct paint *p, const struct metrics *m,
	const struct snapshot *s, struct waiting_needs *out)
{
	struct waiting_needs *wn = out;
	memset(wn, 0, sizeof(*wn));
	wn->n = s->n_services;
	wn->px[0] = m->s * 115 / 100;
	wn->px[1] = m->s;
	wn->px[2] = m->s_min;
	wn->name_w = xcalloc(wn->n ? wn->n : 1, sizeof(*wn->name_w));
	for (int k = 0; k < WAITING_SIZES; k++) {
		wn->count_w[k] = paint_width(p, wn->px[k], true, "888");
		for (size_t i = 0; i < wn->n; i++) {
			for (int lines = 1; lines <= WAITING_LINES; lines++) {
				wn->name_w[i][k][lines - 1] = paint_min_width(p, wn->px[k], false,
					s->services[i].service.name, lines);
			}
		}
	}
}

void panels_waiting_finish(struct waiting_needs *wn)
{
	free(wn->name_w);
	wn->name_w = NULL;
}

/* Geometry shared by panels_waiting_height and panels_waiting. */
struct waiting_grid {
	int px, line_h, row_gap, col_gap, cell_w, name_w, rows;
};

static void waiting_grid(const struct paint *p, const struct metrics *m,
	const struct waiting_needs *wn, int inner_w, const struct waiting_plan *plan,
	struct waiting_grid *g)
{
	g->px = wn->px[plan->size];
	g->line_h = paint_line_h(p, g->px, false);
	g->row_gap = g->px / 4;
	g->col_gap = m->gap * 2;
	g->cell_w = (inner_w - (plan->cols - 1) * g->col_gap) / plan->cols;
	g->name_w = g->cell_w - wn->count_w[plan->size] - m->pad;
	g->rows = (int)(wn->n + (size_t)plan->cols - 1) / plan->cols;
}

/* Lines field i takes at the grid's width; 0 when it does not fit in WAITING_LINES. */
static int name_lines(const struct waiting_needs *wn, const struct waiting_plan *plan,
	const struct waiting_grid *g, size_t i)
{
	for (int k = 1; k <= WAITING_LINES; k++) {
		if (wn->name_w[i][plan->size][k - 1] <= g->name_w) {
			return k;
		}
	}
	return plan->cut ? WAITING_LINES : 0;
}

int panels_waiting_height(const struct paint *p, const struct metrics *m,
	const struct waiting_needs *wn, int w, const struct waiting_plan *plan, int *lines)
{
	struct waiting_grid g;
	*lines = 0;
	int pad = panel_pad(m);
	waiting_grid(p, m, wn, w - 2 * pad, plan, &g);
	if (g.name_w < g.px * 3) {
		return -1;
	}
	int tallest = 0;
	for (int c = 0; c < plan->cols; c++) {
		int h = 0;
		for (int r = 0; r < g.rows; r++) {
			size_t i = (size_t)(c * g.rows + r);
			if (i >= wn->n) {
				break;
			}
			int k = name_lines(wn, plan, &g, i);
			if (k == 0) {
				return -1;
			}
			h += k * g.line_h + (r > 0 ? g.row_gap : 0);
			*lines += k;
		}
		tallest = h > tallest ? h : tallest;
	}
	return paint_line_h(p, m->s, true) + 2 * pad + tallest;
}

void panels_waiting(const struct paint *p, const struct metrics *m,
	const struct waiting_needs *wn, const struct waiting_plan *plan, SDL_Rect b,
	const struct view *v)
{
	const struct snapshot *s = v->snap;
	SDL_Rect in = panel(p, m, b, "Số người đang chờ");
	struct waiting_grid g;
	char buf[32];

	if (!s || s->n_services == 0 || s->n_services != wn->n) {
		return;
	}
	waiting_grid(p, m, wn, in.w, plan, &g);
	struct paint in_panel = *p;
	in_panel.outer = &b;  /* texts stay inside the panel */
	p = &in_panel;
	for (int c = 0; c < plan->cols; c++) {
		int y = in.y;
		for (int r = 0; r < g.rows; r++) {
			size_t i = (size_t)(c * g.rows + r);
			if (i >= wn->n) {
				break;
			}
			const struct snapshot_service *sv = &s->services[i];
			int k = name_lines(wn, plan, &g, i);
			int x = in.x + c * (g.cell_w + g.col_gap);
			SDL_Rect item = paint_rect(x, y, g.cell_w, k * g.line_h);
			ui_trace_rect(p->trace, "waiting", sv->service.code, &item);
			snprintf(buf, sizeof(buf), "%d", sv->waiting);
			paint_text(p, g.px, true, PAINT_ACCENT, buf, x + g.cell_w, y + g.line_h / 2,
				UI_ALIGN_RIGHT, &item);
			paint_wrapped(p, g.px, false, PAINT_TEXT, sv->service.name,
				paint_rect(x, y, g.name_w, k * g.line_h), UI_ALIGN_LEFT, false, true);
			y += k * g.line_h + g.row_gap;
		}
	}
}
