/*
 * The waiting-room screen (render.h): the layout (layout.h) says where
 * each part goes; the board (board.h) and the panels (panels.h) draw
 * themselves into their boxes. The notice band is drawn separately so a
 * moving notice redraws only its band.
 */
#define LOG_MODULE "render"
#include "render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "motcua/base/xalloc.h"
#include "board.h"
#include "layout.h"
#include "panels.h"
#include "paint.h"

struct render {
	struct paint p;
	struct layout layout;
	int pages;
	int ticker_cycle;
	int ticker_speed;
};

struct render *render_create(SDL_Renderer *renderer, struct ui_text *text,
	struct ui_trace *trace)
{
	struct render *rd = xcalloc(1, sizeof(*rd));
	rd->p = (struct paint){ .r = renderer, .t = text, .trace = trace };
	rd->pages = 1;
	return rd;
}

void render_destroy(struct render *rd)
{
	if (rd) {
		layout_finish(&rd->layout);
		free(rd);
	}
}

int render_pages(const struct render *rd)
{
	return rd->pages;
}

int render_ticker_cycle(const struct render *rd)
{
	return rd->ticker_cycle;
}

int render_ticker_speed(const struct render *rd)
{
	return rd->ticker_speed;
}

/* A line in the middle of box, for the board's place when there is nothing to show. */
static void board_message(struct render *rd, SDL_Rect box, const char *msg)
{
	const struct metrics *m = &rd->layout.m;
	paint_wrapped(&rd->p, m->s, false, PAINT_MUTED, msg, box, UI_ALIGN_CENTER, true, true);
}

void render_frame(struct render *rd, const struct view *v)
{
	const struct paint *p = &rd->p;
	int w = 0, h = 0;
	SDL_GetRendererOutputSize(p->r, &w, &h);
	layout_update(&rd->layout, p, w, h, v->snap);
	const struct layout *l = &rd->layout;
	const struct metrics *m = &l->m;

	paint_fill(p, paint_rect(0, 0, w, h), PAINT_BG);
	panels_header(p, m, l->header, v);
	panels_latest(p, m, l->latest, v);
	rd->pages = 1;
	SDL_Rect board = l->board.area;
	if (!v->snap) {
		board_message(rd, board, v->connected ? "Đang kết nối cơ sở dữ liệu…"
			: "Chưa đọc được cơ sở dữ liệu");
	} else if (v->snap->n_counters == 0) {
		board_message(rd, board, "Chưa có quầy nào");
	} else if (!l->board_fits) {
		board_message(rd, board, "Màn hình quá nhỏ để hiện các quầy");
	} else {
		board_draw(p, &l->needs, &l->board, v->snap, v->page);
		rd->pages = l->board.pages;
	}
	if (l->recent.w > 0) {
		panels_recent(p, m, l->recent, v);
	}
	if (l->waiting.w > 0) {
		panels_waiting(p, m, &l->wait_needs, &l->wait, l->waiting, v);
	}
	paint_fill(p, l->footer, PAINT_HEADER);
}

void render_ticker(struct render *rd, const struct view *v)
{
	const struct paint *p = &rd->p;
	const struct metrics *m = &rd->layout.m;
	SDL_Rect b = rd->layout.footer;
	const char *notice = v->snap ? v->snap->notice : "";
	int px = m->s, tw = 0, th = 0;

	paint_fill(p, b, PAINT_HEADER);
	ui_trace_rect(p->trace, "notice", "-", &b);
	rd->ticker_cycle = 0;
	rd->ticker_speed = m->s * 8 / 3;  /* ~1 screen height in 12 s */
	if (!notice[0] || !ui_text_measure(p->t, px, false, notice, &tw, &th)) {
		return;
	}
	int y = b.y + (b.h - th) / 2;
	if (tw <= b.w - 2 * m->gap) {
		ui_text_draw(p->t, px, false, PAINT_TEXT, notice, b.x + b.w / 2, y, UI_ALIGN_CENTER, &b);
		return;
	}
	/*
	 * Moves right to left, first from the left margin (readable at once),
	 * then entering at the right edge each time it has left at the left one.
	 */
	rd->ticker_cycle = b.w + tw;
	int x = b.x + b.w - (v->ticker_offset + b.w - m->gap) % rd->ticker_cycle;
	SDL_RenderSetClipRect(p->r, &b);
	ui_text_draw(p->t, px, false, PAINT_TEXT, notice, x, y, UI_ALIGN_LEFT, &b);
	SDL_RenderSetClipRect(p->r, NULL);
}

SDL_Rect render_ticker_rect(const struct render *rd)
{
	return rd->layout.footer;
}
