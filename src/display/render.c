/*
 * The screen is cut into boxes from the output size: a header band, a
 * footer band for the notice, and a body holding the counter table, the
 * latest call, the last calls and the waiting counts. Landscape puts the
 * table on the left and the call panels on the right; portrait stacks
 * them. Every size is a fraction of a box, so any resolution looks the same.
 */
#define LOG_MODULE "render"
#include "render.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "motcua/base/clock.h"
#include "motcua/base/log.h"
#include "motcua/base/xalloc.h"

static const SDL_Color C_BG = {11, 28, 54, 255};
static const SDL_Color C_HEADER = {6, 18, 38, 255};
static const SDL_Color C_PANEL = {20, 46, 84, 255};
static const SDL_Color C_ROW = {26, 58, 104, 255};
static const SDL_Color C_ROW_PAUSED = {58, 58, 70, 255};
static const SDL_Color C_TEXT = {245, 247, 250, 255};
static const SDL_Color C_MUTED = {168, 188, 214, 255};
static const SDL_Color C_ACCENT = {255, 206, 64, 255};
static const SDL_Color C_DARK = {12, 24, 44, 255};
static const SDL_Color C_BADGE = {24, 128, 88, 255};
static const SDL_Color C_RED = {226, 68, 64, 255};
static const SDL_Color C_PAUSED_TEXT = {255, 170, 120, 255};

struct render {
	SDL_Renderer *r;
	struct ui_text *t;
	struct ui_trace *trace;  /* borrowed; may be NULL */
	int w, h;
	int u;               /* 1% of the short side */
	int ticker_cycle;
	int ticker_speed;
	SDL_Rect footer;     /* the notice band, from the last render_frame */
};

struct render *render_create(SDL_Renderer *renderer, struct ui_text *text,
	struct ui_trace *trace)
{
	struct render *rd = xcalloc(1, sizeof(*rd));
	rd->r = renderer;
	rd->t = text;
	rd->trace = trace;
	return rd;
}

void render_destroy(struct render *rd)
{
	free(rd);
}

int render_ticker_cycle(const struct render *rd)
{
	return rd->ticker_cycle;
}

int render_ticker_speed(const struct render *rd)
{
	return rd->ticker_speed;
}

static void fill(struct render *rd, SDL_Rect box, SDL_Color c)
{
	SDL_SetRenderDrawColor(rd->r, c.r, c.g, c.b, c.a);
	SDL_RenderFillRect(rd->r, &box);
}

static SDL_Rect rect(int x, int y, int w, int h)
{
	SDL_Rect b = {x, y, w > 0 ? w : 0, h > 0 ? h : 0};
	return b;
}

/*
 * Draws str fitted into max_w at up to px, vertically centred on cy, laid
 * out inside box (for the trace). Returns the drawn width.
 */
static int text_mid(struct render *rd, int px, bool bold, SDL_Color c, const char *str,
	int x, int cy, int max_w, enum ui_align align, const SDL_Rect *box)
{
	if (!str || !*str || px < 4 || max_w <= 0) {
		return 0;
	}
	int fit = ui_text_fit(rd->t, px, px / 3 > 6 ? px / 3 : 6, bold, str, max_w);
	int tw = 0, th = 0;
	if (!ui_text_measure(rd->t, fit, bold, str, &tw, &th)) {
		return 0;
	}
	return ui_text_draw(rd->t, fit, bold, c, str, x, cy - th / 2, align, box);
}

/*
 * Like text_mid, but a string too wide for one line at px is broken at the
 * space nearest its middle into two lines at 80 % size, so long names stay
 * readable instead of shrinking to a thin line.
 */
static void text_block(struct render *rd, int px, bool bold, SDL_Color c, const char *str,
	int x, int cy, int max_w, enum ui_align align, const SDL_Rect *box)
{
	int tw = 0, th = 0;
	if (!str || !*str || !ui_text_measure(rd->t, px, bold, str, &tw, &th) || tw <= max_w) {
		text_mid(rd, px, bold, c, str, x, cy, max_w, align, box);
		return;
	}
	size_t len = strlen(str), best = 0;
	for (size_t i = 1; i + 1 < len; i++) {
		if (str[i] == ' ' && (best == 0 || (i > len / 2 ? i - len / 2 : len / 2 - i)
				< (best > len / 2 ? best - len / 2 : len / 2 - best))) {
			best = i;
		}
	}
	if (best == 0 || len >= 512) {
		text_mid(rd, px, bold, c, str, x, cy, max_w, align, box);
		return;
	}
	char first[512];
	memcpy(first, str, best);
	first[best] = '\0';
	const char *second = str + best + 1;
	int lpx = px * 80 / 100;
	/* Both lines at the same size: the one that needs the smaller size decides. */
	int f1 = ui_text_fit(rd->t, lpx, lpx / 3 > 6 ? lpx / 3 : 6, bold, first, max_w);
	int f2 = ui_text_fit(rd->t, lpx, lpx / 3 > 6 ? lpx / 3 : 6, bold, second, max_w);
	int f = f1 < f2 ? f1 : f2;
	int line = f * 118 / 100;
	text_mid(rd, f, bold, c, first, x, cy - line / 2, max_w, align, box);
	text_mid(rd, f, bold, c, second, x, cy + line / 2, max_w, align, box);
}

static void draw_header(struct render *rd, const struct view *v, SDL_Rect b)
{
	const struct snapshot *s = v->snap;
	int pad = rd->u * 2;
	char date[11], hm[6], line[64];
	struct tm tm;

	fill(rd, b, C_HEADER);
	clock_local_tm(v->now_ms, &tm);
	clock_format_date(v->now_ms, date);
	clock_format_time(v->now_ms, hm);
	snprintf(line, sizeof(line), "%s, %s", ui_weekday_vi(tm.tm_wday), date);

	/* Right: the clock, and the date under it. */
	int clock_w = 0, th = 0;
	int clock_px = b.h * 44 / 100;
	ui_text_measure(rd->t, clock_px, true, "88:88", &clock_w, &th);
	int right = b.x + b.w - pad;
	text_mid(rd, clock_px, true, C_TEXT, hm, right, b.y + b.h * 36 / 100, clock_w * 2,
		UI_ALIGN_RIGHT, &b);
	text_mid(rd, b.h * 19 / 100, false, C_MUTED, line, right, b.y + b.h * 78 / 100,
		b.w / 3, UI_ALIGN_RIGHT, &b);
	int right_w = clock_w > b.w / 4 ? clock_w : b.w / 4;

	/* Left: commune and desk names. */
	int left_w = b.w - right_w - pad * 3;
	const char *commune = s && s->commune_name[0] ? s->commune_name : "Ủy ban nhân dân xã";
	const char *desk = s && s->desk_name[0] ? s->desk_name : "Bộ phận một cửa";
	SDL_Rect names = rect(b.x + pad, b.y, left_w, b.h);
	text_mid(rd, b.h * 24 / 100, true, C_TEXT, commune, b.x + pad, b.y + b.h * 32 / 100,
		left_w, UI_ALIGN_LEFT, &names);
	text_mid(rd, b.h * 28 / 100, true, C_ACCENT, desk, b.x + pad, b.y + b.h * 70 / 100,
		left_w, UI_ALIGN_LEFT, &names);
}

static void draw_lost(struct render *rd, SDL_Rect b)
{
	/* A discreet pill in the header's lower middle. */
	const char *msg = "Mất kết nối";
	int px = b.h * 17 / 100, tw = 0, th = 0;
	ui_text_measure(rd->t, px, true, msg, &tw, &th);
	SDL_Rect pill = rect(b.x + b.w / 2 - tw / 2 - px, b.y + b.h - th - px / 2, tw + 2 * px,
		th + px / 3);
	ui_fill_round_rect(rd->r, &pill, pill.h / 2, C_RED);
	ui_text_draw(rd->t, px, true, C_TEXT, msg, pill.x + pill.w / 2, pill.y + (pill.h - th) / 2,
		UI_ALIGN_CENTER, &pill);
	ui_trace_rect(rd->trace, "lost", "-", &pill);
}

static void draw_counter_row(struct render *rd, const struct snapshot_counter *sc, SDL_Rect b,
	int col1, int col2)
{
	const struct counter *c = &sc->counter;
	bool paused = c->state == COUNTER_PAUSED;
	bool closed = c->state == COUNTER_CLOSED;
	char buf[192];
	int pad = b.h / 8;
	/* Short rows (many counters): text takes a larger share of the row. */
	int text_pct = b.h < rd->u * 9 ? 40 : 26;

	ui_fill_round_rect(rd->r, &b, b.h / 8, paused || closed ? C_ROW_PAUSED : C_ROW);
	char id[16];
	snprintf(id, sizeof(id), "%d", c->number);
	ui_trace_rect(rd->trace, "counter", id, &b);

	/* Counter: number in a badge, name beside/under it. */
	SDL_Rect badge = rect(b.x + pad, b.y + pad, b.h - 2 * pad, b.h - 2 * pad);
	ui_fill_round_rect(rd->r, &badge, badge.h / 5, paused || closed ? C_MUTED : C_BADGE);
	snprintf(buf, sizeof(buf), "%d", c->number);
	text_mid(rd, badge.h * 62 / 100, true, paused || closed ? C_DARK : C_TEXT, buf,
		badge.x + badge.w / 2, badge.y + badge.h / 2, badge.w - pad / 2, UI_ALIGN_CENTER, &badge);
	int name_x = badge.x + badge.w + pad;
	SDL_Rect name_box = rect(name_x, b.y, b.x + col1 - name_x - pad, b.h);
	snprintf(buf, sizeof(buf), "Quầy %d", c->number);
	const char *name = c->name[0] ? c->name : buf;
	text_block(rd, b.h * text_pct / 100, true, C_TEXT, name, name_x, b.y + b.h / 2,
		name_box.w, UI_ALIGN_LEFT, &name_box);

	/* Serving number. */
	int num_x = b.x + col1, num_w = col2 - col1;
	SDL_Rect num_box = rect(num_x, b.y, num_w, b.h);
	ui_trace_rect(rd->trace, "serving", id, &num_box);
	if (paused || closed) {
		text_mid(rd, b.h * 30 / 100, true, C_PAUSED_TEXT, paused ? "Tạm dừng" : "Đã đóng",
			num_x + num_w / 2, b.y + b.h / 2, num_w - pad, UI_ALIGN_CENTER, &num_box);
	} else {
		text_mid(rd, b.h * (text_pct == 26 ? 58 : 66) / 100, true,
			sc->has_ticket ? C_ACCENT : C_MUTED,
			sc->has_ticket ? sc->ticket.number : "—", num_x + num_w / 2, b.y + b.h / 2,
			num_w - pad, UI_ALIGN_CENTER, &num_box);
	}

	/* Service, or the pause reason. */
	int svc_x = b.x + col2 + pad, svc_w = b.w - col2 - 2 * pad;
	SDL_Rect svc_box = rect(svc_x, b.y, svc_w, b.h);
	if (paused) {
		snprintf(buf, sizeof(buf), "%s", c->pause_reason[0] ? c->pause_reason : "Tạm dừng");
		text_block(rd, b.h * text_pct / 100, false, C_PAUSED_TEXT, buf, svc_x, b.y + b.h / 2, svc_w,
			UI_ALIGN_LEFT, &svc_box);
	} else {
		const char *svc = sc->has_ticket ? sc->ticket.service_name : sc->service_names;
		text_block(rd, b.h * text_pct / 100, sc->has_ticket, sc->has_ticket ? C_TEXT : C_MUTED, svc,
			svc_x, b.y + b.h / 2, svc_w, UI_ALIGN_LEFT, &svc_box);
	}
}

static void draw_counters(struct render *rd, const struct view *v, SDL_Rect b)
{
	const struct snapshot *s = v->snap;
	int head_h = rd->u * 5;
	int col1 = b.w * 34 / 100, col2 = b.w * 62 / 100;
	int gap = rd->u;

	SDL_Rect head1 = rect(b.x + rd->u, b.y, col1 - rd->u, head_h);
	SDL_Rect head2 = rect(b.x + col1, b.y, col2 - col1, head_h);
	SDL_Rect head3 = rect(b.x + col2 + rd->u, b.y, b.w - col2 - rd->u, head_h);
	text_mid(rd, head_h * 55 / 100, true, C_MUTED, "Quầy", head1.x, b.y + head_h / 2,
		col1, UI_ALIGN_LEFT, &head1);
	text_mid(rd, head_h * 55 / 100, true, C_MUTED, "Đang phục vụ", b.x + (col1 + col2) / 2,
		b.y + head_h / 2, col2 - col1, UI_ALIGN_CENTER, &head2);
	text_mid(rd, head_h * 55 / 100, true, C_MUTED, "Lĩnh vực", head3.x,
		b.y + head_h / 2, b.w - col2, UI_ALIGN_LEFT, &head3);
	if (!s) {
		text_mid(rd, rd->u * 4, false, C_MUTED, v->connected ? "Đang kết nối cơ sở dữ liệu…"
			: "Chưa đọc được cơ sở dữ liệu",
			b.x + b.w / 2, b.y + b.h / 2, b.w, UI_ALIGN_CENTER, &b);
		return;
	}
	if (s->n_counters == 0) {
		text_mid(rd, rd->u * 4, false, C_MUTED, "Chưa có quầy nào", b.x + b.w / 2,
			b.y + b.h / 2, b.w, UI_ALIGN_CENTER, &b);
		return;
	}
	int avail = b.h - head_h;
	int n = (int)s->n_counters;
	if (n > 8) {
		gap = rd->u / 2;  /* many counters: tighter rows */
	}
	int row_h = (avail - gap * (n - 1)) / n;
	if (row_h > rd->u * 15) {
		row_h = rd->u * 15;
	}
	/* Too many counters for the height: show as many as fit. */
	int min_h = rd->u * 4;
	if (row_h < min_h) {
		row_h = min_h;
		n = (avail + gap) / (row_h + gap);
	}
	for (int i = 0; i < n; i++) {
		SDL_Rect row = rect(b.x, b.y + head_h + i * (row_h + gap), b.w, row_h);
		draw_counter_row(rd, &s->counters[i], row, col1, col2);
	}
}

static void draw_latest(struct render *rd, const struct view *v, SDL_Rect b)
{
	const struct snapshot *s = v->snap;
	bool lit = v->fresh && v->blink_on;
	char buf[64];

	ui_fill_round_rect(rd->r, &b, rd->u * 2, lit ? C_ACCENT : C_PANEL);
	ui_trace_rect(rd->trace, "latest", "-", &b);
	SDL_Color fg = lit ? C_DARK : C_TEXT;
	SDL_Color num = lit ? C_DARK : C_ACCENT;
	int pad = rd->u * 2;
	text_mid(rd, b.h * 11 / 100, true, fg, "MỜI CÔNG DÂN CÓ SỐ", b.x + b.w / 2,
		b.y + b.h * 14 / 100, b.w - 2 * pad, UI_ALIGN_CENTER, &b);
	if (!s || s->n_calls == 0) {
		text_mid(rd, b.h * 40 / 100, true, C_MUTED, "—", b.x + b.w / 2, b.y + b.h / 2,
			b.w - 2 * pad, UI_ALIGN_CENTER, &b);
		return;
	}
	const struct snapshot_call *c = &s->calls[0];
	text_mid(rd, b.h * 50 / 100, true, num, c->number, b.x + b.w / 2, b.y + b.h * 50 / 100,
		b.w - 2 * pad, UI_ALIGN_CENTER, &b);
	snprintf(buf, sizeof(buf), "đến Quầy số %d%s", c->counter, c->recall ? " (gọi lại)" : "");
	text_mid(rd, b.h * 15 / 100, true, fg, buf, b.x + b.w / 2, b.y + b.h * 85 / 100,
		b.w - 2 * pad, UI_ALIGN_CENTER, &b);
}

/* A titled panel; returns the area under the title. */
static SDL_Rect panel(struct render *rd, SDL_Rect b, const char *title)
{
	int title_h = rd->u * 5;
	ui_fill_round_rect(rd->r, &b, rd->u * 2, C_PANEL);
	text_mid(rd, title_h * 58 / 100, true, C_MUTED, title, b.x + rd->u * 2,
		b.y + title_h * 60 / 100, b.w - rd->u * 4, UI_ALIGN_LEFT, &b);
	return rect(b.x + rd->u * 2, b.y + title_h + rd->u / 2, b.w - rd->u * 4,
		b.h - title_h - rd->u * 3 / 2);
}

/* The calls before the latest one, in a grid of two columns, newest first. */
static void draw_recent(struct render *rd, const struct view *v, SDL_Rect b)
{
	const struct snapshot *s = v->snap;
	SDL_Rect in = panel(rd, b, "Số vừa gọi");
	int line_h = rd->u * 6;
	int col_w = (in.w - rd->u * 2) / 2;
	char buf[64];

	if (!s) {
		return;
	}
	int rows = in.h / line_h;
	for (size_t i = 1; i < s->n_calls && (int)(i - 1) < rows * 2; i++) {
		const struct snapshot_call *c = &s->calls[i];
		int k = (int)i - 1;
		int x = in.x + (k % 2) * (col_w + rd->u * 2);
		int y = in.y + (k / 2) * line_h + line_h / 2;
		SDL_Rect cell = rect(x, y - line_h / 2, col_w, line_h);
		char id[16];
		snprintf(id, sizeof(id), "%d", k + 1);
		ui_trace_rect(rd->trace, "recent", id, &cell);
		int nw = text_mid(rd, line_h * 62 / 100, true, C_ACCENT, c->number, x, y,
			col_w * 55 / 100, UI_ALIGN_LEFT, &cell);
		snprintf(buf, sizeof(buf), "→ Quầy %d%s", c->counter, c->recall ? " (gọi lại)" : "");
		text_mid(rd, line_h * 50 / 100, false, C_TEXT, buf, x + nw + rd->u, y,
			col_w - nw - rd->u, UI_ALIGN_LEFT, &cell);
	}
}

static void draw_waiting(struct render *rd, const struct view *v, SDL_Rect b)
{
	const struct snapshot *s = v->snap;
	SDL_Rect in = panel(rd, b, "Số người đang chờ");
	char buf[32];

	if (!s || s->n_services == 0) {
		return;
	}
	int line_h = in.h / (int)s->n_services;
	if (line_h > rd->u * 7) {
		line_h = rd->u * 7;
	}
	if (line_h < rd->u * 3) {
		line_h = rd->u * 3;
	}
	int y = in.y;
	for (size_t i = 0; i < s->n_services && y + line_h <= in.y + in.h; i++, y += line_h) {
		const struct snapshot_service *sv = &s->services[i];
		SDL_Rect line = rect(in.x, y, in.w, line_h);
		ui_trace_rect(rd->trace, "waiting", sv->service.code, &line);
		snprintf(buf, sizeof(buf), "%d", sv->waiting);
		int cw = text_mid(rd, line_h * 62 / 100, true, C_ACCENT, buf, in.x + in.w,
			y + line_h / 2, in.w / 4, UI_ALIGN_RIGHT, &line);
		text_mid(rd, line_h * 56 / 100, false, C_TEXT, sv->service.name, in.x, y + line_h / 2,
			in.w - cw - rd->u * 2, UI_ALIGN_LEFT, &line);
	}
}

static void draw_ticker(struct render *rd, const struct view *v, SDL_Rect b)
{
	const char *notice = v->snap ? v->snap->notice : "";
	int px = b.h * 50 / 100, tw = 0, th = 0;

	fill(rd, b, C_HEADER);
	ui_trace_rect(rd->trace, "notice", "-", &b);
	rd->ticker_cycle = 0;
	rd->ticker_speed = rd->u * 8;  /* ~1 screen height in 12 s */
	if (!notice[0] || !ui_text_measure(rd->t, px, false, notice, &tw, &th)) {
		return;
	}
	int pad = rd->u * 2;
	int y = b.y + (b.h - th) / 2;
	if (tw <= b.w - 2 * pad) {
		ui_text_draw(rd->t, px, false, C_TEXT, notice, b.x + b.w / 2, y, UI_ALIGN_CENTER, &b);
		return;
	}
	/* Moves right to left: enters at the right edge, leaves at the left one. */
	rd->ticker_cycle = b.w + tw;
	int x = b.x + b.w - v->ticker_offset % rd->ticker_cycle;
	SDL_RenderSetClipRect(rd->r, &b);
	ui_text_draw(rd->t, px, false, C_TEXT, notice, x, y, UI_ALIGN_LEFT, &b);
	SDL_RenderSetClipRect(rd->r, NULL);
}

void render_frame(struct render *rd, const struct view *v)
{
	SDL_GetRendererOutputSize(rd->r, &rd->w, &rd->h);
	int w = rd->w, h = rd->h;
	bool portrait = h > w;
	int u = (portrait ? w : h) / 100;
	if (u < 1) {
		u = 1;
	}
	rd->u = u;

	SDL_SetRenderDrawColor(rd->r, C_BG.r, C_BG.g, C_BG.b, 255);
	SDL_RenderClear(rd->r);

	int header_h = u * (portrait ? 13 : 12);
	int footer_h = u * 7;
	int gap = u * 2;
	SDL_Rect header = rect(0, 0, w, header_h);
	SDL_Rect footer = rect(0, h - footer_h, w, footer_h);
	rd->footer = footer;
	int top = header_h + gap, bottom = h - footer_h - gap;

	draw_header(rd, v, header);
	if (!portrait) {
		int left_w = (w - 3 * gap) * 60 / 100;
		int right_x = gap * 2 + left_w, right_w = w - right_x - gap;
		int body_h = bottom - top;
		draw_counters(rd, v, rect(gap, top, left_w, body_h));
		int latest_h = body_h * 36 / 100;
		int rest = body_h - latest_h - gap;
		draw_latest(rd, v, rect(right_x, top, right_w, latest_h));
		int recent_h = u * 19;
		draw_recent(rd, v, rect(right_x, top + latest_h + gap, right_w, recent_h));
		draw_waiting(rd, v, rect(right_x, top + latest_h + gap + recent_h + gap, right_w,
			rest - recent_h - gap));
	} else {
		/* Portrait: latest call, counters, then the two panels at full width. */
		int inner_w = w - 2 * gap;
		int latest_h = u * 34;
		int recent_h = u * 19;
		int n_svc = v->snap ? (int)v->snap->n_services : 4;
		int waiting_h = u * (8 + 6 * (n_svc < 3 ? 3 : n_svc > 8 ? 8 : n_svc));
		draw_latest(rd, v, rect(gap, top, inner_w, latest_h));
		int table_y = top + latest_h + gap;
		int waiting_y = bottom - waiting_h;
		int recent_y = waiting_y - gap - recent_h;
		draw_counters(rd, v, rect(gap, table_y, inner_w, recent_y - gap - table_y));
		draw_recent(rd, v, rect(gap, recent_y, inner_w, recent_h));
		draw_waiting(rd, v, rect(gap, waiting_y, inner_w, waiting_h));
	}
	fill(rd, footer, C_HEADER);
	if (!v->connected) {
		draw_lost(rd, header);
	}
}

void render_ticker(struct render *rd, const struct view *v)
{
	draw_ticker(rd, v, rd->footer);
}

SDL_Rect render_ticker_rect(const struct render *rd)
{
	return rd->footer;
}
