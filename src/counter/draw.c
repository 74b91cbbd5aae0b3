/*
 * Rendering of the counter window. Everything is laid out in fractions of
 * the renderer's output size; the button and picker rectangles computed
 * here are the hit boxes main.c uses for clicks and touches. Called only
 * when the app is dirty.
 *
 *  +--------------------------------------------------------------+
 *  | Quầy số 1 · officer                       state      clock   |
 *  +-------------------------------+------------------------------+
 *  | current ticket (number large, | waiting count, next numbers  |
 *  | service, priority, times)     |                              |
 *  +-------+-------+-------+-------+------------------------------+
 *  | 8 buttons in 2 rows, each with its keyboard shortcut         |
 *  +--------------------------------------------------------------+
 *  | feedback of the last action                                  |
 *  +--------------------------------------------------------------+
 */
#define LOG_MODULE "counter"
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "motcua/base/clock.h"
#include "motcua/base/log.h"
#include "motcua/store/queue.h"
#include "app.h"

static const SDL_Color C_BG = { 0xEE, 0xF1, 0xF5, 0xFF };
static const SDL_Color C_HEAD = { 0x1B, 0x3A, 0x5C, 0xFF };
static const SDL_Color C_CARD = { 0xFF, 0xFF, 0xFF, 0xFF };
static const SDL_Color C_TEXT = { 0x1E, 0x25, 0x2E, 0xFF };
static const SDL_Color C_MUTED = { 0x5F, 0x6B, 0x7A, 0xFF };
static const SDL_Color C_WHITE = { 0xFF, 0xFF, 0xFF, 0xFF };
static const SDL_Color C_NUMBER = { 0xB7, 0x1C, 0x1C, 0xFF };
static const SDL_Color C_GREEN = { 0x2E, 0x7D, 0x32, 0xFF };
static const SDL_Color C_BLUE = { 0x1E, 0x5E, 0xA8, 0xFF };
static const SDL_Color C_AMBER = { 0xE0, 0x8E, 0x0B, 0xFF };
static const SDL_Color C_RED = { 0xC6, 0x28, 0x28, 0xFF };
static const SDL_Color C_GREY = { 0x60, 0x6C, 0x7A, 0xFF };

struct button_style {
	const char *label;
	const char *key;
	SDL_Color color;
};

static const struct button_style styles[BUTTON_COUNT] = {
	[BUTTON_NEXT] = { "Gọi tiếp", "F1 / Space", { 0x2E, 0x7D, 0x32, 0xFF } },
	[BUTTON_RECALL] = { "Gọi lại", "F2", { 0x1E, 0x5E, 0xA8, 0xFF } },
	[BUTTON_SKIP] = { "Vắng mặt", "F3", { 0xE0, 0x8E, 0x0B, 0xFF } },
	[BUTTON_FINISH] = { "Xong", "F4", { 0x00, 0x79, 0x6B, 0xFF } },
	[BUTTON_REQUEUE] = { "Gọi lại số vắng", "F5", { 0x6A, 0x4C, 0x93, 0xFF } },
	[BUTTON_TRANSFER] = { "Chuyển", "F6", { 0x1E, 0x5E, 0xA8, 0xFF } },
	[BUTTON_CALL] = { "Gọi số", "F7", { 0x1E, 0x5E, 0xA8, 0xFF } },
	[BUTTON_PAUSE] = { "Tạm dừng", "F8", { 0x60, 0x6C, 0x7A, 0xFF } },
};

/* Names of the buttons in the draw trace. */
static const char *const button_ids[BUTTON_COUNT] = {
	"next", "recall", "skip", "finish", "requeue", "transfer", "call", "pause",
};

const char *draw_button_label(const struct app *a, enum button b)
{
	if (b == BUTTON_PAUSE && a->me && a->me->counter.state == COUNTER_PAUSED) {
		return "Tiếp tục";
	}
	if (b == BUTTON_PAUSE && a->me && a->me->counter.state == COUNTER_CLOSED) {
		return "Mở quầy";
	}
	return styles[b].label;
}

const char *draw_button_key(enum button b)
{
	return styles[b].key;
}

static SDL_Color darker(SDL_Color c)
{
	return (SDL_Color){ (Uint8)(c.r * 6 / 10), (Uint8)(c.g * 6 / 10), (Uint8)(c.b * 6 / 10),
		c.a };
}

static void fill(struct app *a, const SDL_Rect *r, SDL_Color c)
{
	SDL_SetRenderDrawColor(a->renderer, c.r, c.g, c.b, c.a);
	SDL_RenderFillRect(a->renderer, r);
}

/*
 * Draws str fitted into width w (largest size up to px), laid out inside box
 * (for the trace); returns the size used.
 */
static int text_fit(struct app *a, int px, bool bold, SDL_Color c, const char *str, int x,
	int y, int w, enum ui_align align, const SDL_Rect *box)
{
	if (!str[0]) {
		return 0;
	}
	int size = ui_text_fit(a->text, px, px / 3 > 8 ? px / 3 : 8, bold, str, w);
	int ax = align == UI_ALIGN_CENTER ? x + w / 2 : align == UI_ALIGN_RIGHT ? x + w : x;
	ui_text_draw(a->text, size, bold, c, str, ax, y, align, box);
	return size;
}

/* The largest size up to px at which every string fits in max_w (same size for a row). */
static int common_fit(struct app *a, int px, bool bold, const char *const *strs, size_t n,
	int max_w)
{
	int size = px;
	for (size_t i = 0; i < n; i++) {
		if (strs[i][0]) {
			int f = ui_text_fit(a->text, px, px / 3 > 8 ? px / 3 : 8, bold, strs[i], max_w);
			size = f < size ? f : size;
		}
	}
	return size;
}

static void format_minutes(int64_t ms, char *out, size_t size)
{
	int64_t min = ms / 60000;
	if (min < 1) {
		snprintf(out, size, "dưới 1 phút");
	} else if (min < 60) {
		snprintf(out, size, "%lld phút", (long long)min);
	} else {
		snprintf(out, size, "%lld giờ %02lld phút", (long long)(min / 60),
			(long long)(min % 60));
	}
}

static void draw_header(struct app *a, int w, int h)
{
	SDL_Rect bar = { 0, 0, w, h };
	fill(a, &bar, C_HEAD);
	int px = h * 45 / 100;
	int pad = h / 3;
	char title[256];
	if (a->me && a->me->counter.officer[0]) {
		snprintf(title, sizeof(title), "Quầy số %d · %s", a->counter, a->me->counter.officer);
	} else {
		snprintf(title, sizeof(title), "Quầy số %d", a->counter);
	}
	text_fit(a, px, true, C_WHITE, title, pad, (h - px) / 2 - px / 10, w * 45 / 100,
		UI_ALIGN_LEFT, &bar);

	char clock[32], date[11], hm[6];
	int64_t now = clock_now_ms();
	clock_format_time(now, hm);
	clock_format_date(now, date);
	snprintf(clock, sizeof(clock), "%s  %s", hm, date);
	int cw = w * 22 / 100;
	text_fit(a, px * 8 / 10, false, C_WHITE, clock, w - pad - cw, (h - px * 8 / 10) / 2,
		cw, UI_ALIGN_RIGHT, &bar);

	/* State badge between title and clock. */
	char state[192];
	SDL_Color sc = C_GREEN;
	if (!a->me) {
		snprintf(state, sizeof(state), "Không tìm thấy quầy");
		sc = C_RED;
	} else if (a->me->counter.state == COUNTER_PAUSED) {
		snprintf(state, sizeof(state), "Tạm dừng: %s", a->me->counter.pause_reason);
		sc = C_AMBER;
	} else if (a->me->counter.state == COUNTER_CLOSED) {
		snprintf(state, sizeof(state), "Đã đóng");
		sc = C_GREY;
	} else {
		snprintf(state, sizeof(state), "Đang làm việc");
	}
	int bw = w * 26 / 100, bx = w * 49 / 100;
	SDL_Rect badge = { bx, h * 18 / 100, bw, h * 64 / 100 };
	ui_fill_round_rect(a->renderer, &badge, badge.h / 2, sc);
	int bpx = badge.h * 55 / 100;
	text_fit(a, bpx, true, C_WHITE, state, bx + badge.h / 3, badge.y + (badge.h - bpx) / 2 -
		bpx / 10, bw - badge.h * 2 / 3, UI_ALIGN_CENTER, &badge);
}

static void draw_current(struct app *a, const SDL_Rect *card)
{
	ui_fill_round_rect(a->renderer, card, card->h / 30, C_CARD);
	int pad = card->w / 24;
	int x = card->x + pad, w = card->w - 2 * pad, y = card->y + pad / 2;
	int small = card->h / 11;

	if (a->me && a->me->has_ticket) {
		const struct ticket *t = &a->me->ticket;
		text_fit(a, small, false, C_MUTED, "Đang phục vụ", x, y, w, UI_ALIGN_LEFT, card);
		y += small * 13 / 10;
		int big = text_fit(a, card->h * 36 / 100, true, C_NUMBER, t->number, x, y, w,
			UI_ALIGN_LEFT, card);
		y += big * 115 / 100;
		int sp = text_fit(a, small * 12 / 10, true, C_TEXT, t->service_name, x, y, w,
			UI_ALIGN_LEFT, card);
		y += sp * 14 / 10;
		if (t->priority) {
			int bpx = small * 85 / 100;
			int tw = 0, th = 0;
			ui_text_measure(a->text, bpx, true, "Ưu tiên", &tw, &th);
			SDL_Rect badge = { x, y, tw + bpx, bpx * 15 / 10 };
			ui_fill_round_rect(a->renderer, &badge, badge.h / 2, C_AMBER);
			ui_text_draw(a->text, bpx, true, C_WHITE, "Ưu tiên", x + badge.w / 2,
				y + (badge.h - th) / 2, UI_ALIGN_CENTER, &badge);
			y += badge.h * 13 / 10;
		}
		char waited[32], serving[32], line[160];
		int64_t wait = t->wait_ms >= 0 ? t->wait_ms : 0;
		format_minutes(wait, waited, sizeof(waited));
		format_minutes(t->called_ms ? clock_now_ms() - t->called_ms : 0, serving,
			sizeof(serving));
		if (t->recalls > 0) {
			snprintf(line, sizeof(line), "Đã chờ %s · được gọi %s trước · gọi lại %d lần",
				waited, serving, t->recalls);
		} else {
			snprintf(line, sizeof(line), "Đã chờ %s · được gọi %s trước", waited, serving);
		}
		text_fit(a, small * 9 / 10, false, C_MUTED, line, x, y, w, UI_ALIGN_LEFT, card);
		return;
	}

	/* No current ticket: a calm message saying what to do. */
	const char *head, *hint;
	char reason[192];
	if (a->me && a->me->counter.state == COUNTER_PAUSED) {
		head = "Quầy đang tạm dừng";
		snprintf(reason, sizeof(reason), "Lý do: %s. Bấm «Tiếp tục» (F8) để làm việc lại.",
			a->me->counter.pause_reason);
		hint = reason;
	} else if (a->me && a->me->counter.state == COUNTER_CLOSED) {
		head = "Quầy đang đóng";
		hint = "Bấm «Mở quầy» (F8) để bắt đầu làm việc.";
	} else if (a->me && a->me->waiting > 0) {
		head = "Sẵn sàng";
		hint = "Bấm «Gọi tiếp» (F1) để mời công dân tiếp theo.";
	} else {
		head = "Hiện không có ai đang chờ";
		hint = "Khi công dân lấy số, số mới sẽ hiện ở bên phải.";
	}
	int hp = card->h / 7;
	y = card->y + card->h * 30 / 100;
	int used = text_fit(a, hp, true, C_TEXT, head, x, y, w, UI_ALIGN_CENTER, card);
	y += used * 15 / 10;
	text_fit(a, small, false, C_MUTED, hint, x, y, w, UI_ALIGN_CENTER, card);
}

static void draw_waiting(struct app *a, const SDL_Rect *card)
{
	ui_fill_round_rect(a->renderer, card, card->h / 30, C_CARD);
	int pad = card->w / 18;
	int x = card->x + pad, w = card->w - 2 * pad, y = card->y + pad / 2;
	int small = card->h / 11;
	int waiting = a->me ? a->me->waiting : 0;

	text_fit(a, small, false, C_MUTED, "Đang chờ quầy này", x, y, w, UI_ALIGN_LEFT, card);
	y += small * 13 / 10;
	char count[32];
	snprintf(count, sizeof(count), "%d", waiting);
	int big = card->h * 24 / 100;
	int cw = 0, ch = 0;
	ui_text_measure(a->text, big, true, count, &cw, &ch);
	ui_text_draw(a->text, big, true, waiting ? C_BLUE : C_MUTED, count, x, y, UI_ALIGN_LEFT,
		card);
	ui_text_draw(a->text, small * 11 / 10, false, C_TEXT, "người", x + cw + small / 2,
		y + big - small * 13 / 10, UI_ALIGN_LEFT, card);
	y += big * 12 / 10;

	if (a->me && a->me->service_names[0]) {
		text_fit(a, small * 8 / 10, false, C_MUTED, a->me->service_names, x, y, w,
			UI_ALIGN_LEFT, card);
	}
	y += small * 12 / 10;
	if (a->n_next == 0) {
		return;
	}
	text_fit(a, small * 9 / 10, true, C_TEXT, "Số tiếp theo:", x, y, w, UI_ALIGN_LEFT, card);
	y += small * 13 / 10;
	/* Chips in rows of three. */
	int cols = 3, gap = w / 30;
	int chip_w = (w - gap * (cols - 1)) / cols, chip_h = small * 17 / 10;
	for (size_t i = 0; i < a->n_next; i++) {
		int cx = x + (int)(i % cols) * (chip_w + gap);
		int cy = y + (int)(i / cols) * (chip_h + gap);
		if (cy + chip_h > card->y + card->h - pad / 3) {
			break;
		}
		SDL_Rect chip = { cx, cy, chip_w, chip_h };
		SDL_Color bg = a->next[i].priority ? (SDL_Color){ 0xFF, 0xF0, 0xD6, 0xFF }
			: (SDL_Color){ 0xE6, 0xEE, 0xF8, 0xFF };
		ui_fill_round_rect(a->renderer, &chip, chip_h / 4, bg);
		int npx = chip_h * 60 / 100;
		text_fit(a, npx, true, a->next[i].priority ? C_AMBER : C_BLUE,
			a->next[i].number, cx + chip_h / 6, cy + (chip_h - npx * 115 / 100) / 2,
			chip_w - chip_h / 3, UI_ALIGN_CENTER, &chip);
		ui_trace_rect(a->trace, "next", a->next[i].number, &chip);
	}
}

static void draw_buttons(struct app *a, const SDL_Rect *area)
{
	int cols = 4, rows = 2;
	int gap = area->h / 18;
	int bw = (area->w - gap * (cols - 1)) / cols;
	int bh = (area->h - gap * (rows - 1)) / rows;
	bool flashing = a->flash_button >= 0 && clock_mono_ms() < a->flash_until;
	const char *labels[BUTTON_COUNT];
	for (int i = 0; i < BUTTON_COUNT; i++) {
		labels[i] = draw_button_label(a, (enum button)i);
	}
	int lpx = common_fit(a, bh * 30 / 100, true, labels, BUTTON_COUNT, bw - bh / 4);
	for (int i = 0; i < BUTTON_COUNT; i++) {
		SDL_Rect *r = &a->buttons[i];
		r->x = area->x + (i % cols) * (bw + gap);
		r->y = area->y + (i / cols) * (bh + gap);
		r->w = bw;
		r->h = bh;
		SDL_Color c = styles[i].color;
		if (i == BUTTON_PAUSE && a->me && a->me->counter.state != COUNTER_OPEN) {
			c = C_GREEN;
		}
		if (flashing && a->flash_button == i) {
			c = darker(c);
		}
		ui_fill_round_rect(a->renderer, r, bh / 8, c);
		int used = text_fit(a, lpx, true, C_WHITE, labels[i], r->x + bh / 8,
			r->y + bh * 22 / 100, bw - bh / 4, UI_ALIGN_CENTER, r);
		int kpx = bh * 17 / 100;
		ui_text_draw(a->text, kpx, false, (SDL_Color){ 0xFF, 0xFF, 0xFF, 0xD0 },
			styles[i].key, r->x + bw / 2, r->y + bh * 22 / 100 + used * 13 / 10,
			UI_ALIGN_CENTER, r);
		ui_trace_rect(a->trace, "button", button_ids[i], r);
	}
}

static void draw_message(struct app *a, const SDL_Rect *bar)
{
	if (!a->msg[0] || clock_mono_ms() >= a->msg_until) {
		return;
	}
	SDL_Color c = a->msg_kind == MSG_OK ? C_GREEN : a->msg_kind == MSG_WARN ? C_AMBER : C_RED;
	ui_fill_round_rect(a->renderer, bar, bar->h / 4, c);
	int px = bar->h * 50 / 100;
	text_fit(a, px, true, C_WHITE, a->msg, bar->x + bar->h / 2, bar->y + (bar->h - px) / 2 -
		px / 10, bar->w - bar->h, UI_ALIGN_CENTER, bar);
}

static void dim_screen(struct app *a, int w, int h)
{
	SDL_SetRenderDrawBlendMode(a->renderer, SDL_BLENDMODE_BLEND);
	SDL_SetRenderDrawColor(a->renderer, 0x10, 0x18, 0x22, 0xB0);
	SDL_Rect all = { 0, 0, w, h };
	SDL_RenderFillRect(a->renderer, &all);
	ui_trace_layer(a->trace, "dialog");
}

static void draw_picker(struct app *a, int w, int h)
{
	struct picker *p = &a->pick;
	dim_screen(a, w, h);
	SDL_Rect panel = { w * 5 / 100, h * 6 / 100, w * 90 / 100, h * 88 / 100 };
	ui_fill_round_rect(a->renderer, &panel, h / 40, C_BG);
	int pad = panel.h / 24;
	int x = panel.x + pad, iw = panel.w - 2 * pad, y = panel.y + pad;
	int tpx = panel.h / 16;
	y += text_fit(a, tpx, true, C_TEXT, p->title, x, y, iw, UI_ALIGN_LEFT, &panel) * 14 / 10;
	if (p->typing) {
		char line[64];
		snprintf(line, sizeof(line), "Số gõ vào: %s_", p->typed);
		SDL_Rect field = { x, y, iw / 2, tpx * 16 / 10 };
		ui_fill_round_rect(a->renderer, &field, field.h / 5, C_CARD);
		ui_text_draw(a->text, tpx, true, C_NUMBER, line, x + tpx / 2, y + tpx / 4,
			UI_ALIGN_LEFT, &field);
		y += field.h + pad / 2;
	}
	int bottom = panel.y + panel.h - pad;
	int cancel_h = panel.h / 10;
	p->cancel_box = (SDL_Rect){ panel.x + panel.w - pad - panel.w / 4, bottom - cancel_h,
		panel.w / 4, cancel_h };
	ui_fill_round_rect(a->renderer, &p->cancel_box, cancel_h / 5, C_GREY);
	text_fit(a, cancel_h * 42 / 100, true, C_WHITE, "Đóng (Esc)", p->cancel_box.x + cancel_h / 4,
		p->cancel_box.y + cancel_h * 27 / 100, p->cancel_box.w - cancel_h / 2, UI_ALIGN_CENTER,
		&p->cancel_box);
	ui_trace_rect(a->trace, "pickcancel", "-", &p->cancel_box);

	if (p->n == 0) {
		text_fit(a, tpx, false, C_MUTED, p->empty, x, y + (bottom - cancel_h - y) / 3, iw,
			UI_ALIGN_CENTER, &panel);
		return;
	}
	int cols = p->n > 8 ? 3 : 2;
	int rows = (PICK_MAX + 2) / 3;   /* 4 rows: 2 columns up to 8 items, else 3 */
	int gap = pad / 2;
	int area_h = bottom - cancel_h - gap - y;
	int ih = (area_h - gap * (rows - 1)) / rows;
	int cw = (iw - gap * (cols - 1)) / cols;
	int kpx = ih * 30 / 100, lw = cw - kpx - ih / 3;
	const char *labels[PICK_MAX], *subs[PICK_MAX];
	bool any_sub = false;
	for (size_t i = 0; i < p->n; i++) {
		labels[i] = p->items[i].label;
		subs[i] = p->items[i].sub;
		any_sub = any_sub || subs[i][0];
	}
	int lpx = common_fit(a, any_sub ? ih * 34 / 100 : ih * 38 / 100, true, labels, p->n, lw);
	int spx = common_fit(a, ih * 22 / 100, false, subs, p->n, lw);
	for (size_t i = 0; i < p->n; i++) {
		SDL_Rect *b = &p->boxes[i];
		b->x = x + (int)(i % cols) * (cw + gap);
		b->y = y + (int)(i / cols) * (ih + gap);
		b->w = cw;
		b->h = ih;
		char id[24];
		snprintf(id, sizeof(id), "%zu", i + 1);
		ui_trace_rect(a->trace, "pick", id, b);
		bool sel = (int)i == p->selected;
		ui_fill_round_rect(a->renderer, b, ih / 6, sel ? C_BLUE : C_CARD);
		SDL_Color fg = sel ? C_WHITE : C_TEXT;
		char key[24];
		snprintf(key, sizeof(key), "%zu", i + 1);
		if (i < 9) {
			ui_text_draw(a->text, kpx, true, sel ? C_WHITE : C_MUTED, key, b->x + ih / 6,
				b->y + (ih - kpx) / 2 - kpx / 8, UI_ALIGN_LEFT, b);
		}
		int lx = b->x + ih / 6 + kpx;
		int ly = any_sub ? b->y + ih / 10 : b->y + (ih - lpx) / 2 - lpx / 10;
		ui_text_draw(a->text, lpx, true, fg, p->items[i].label, lx, ly, UI_ALIGN_LEFT, b);
		if (p->items[i].sub[0]) {
			ui_text_draw(a->text, spx, false, sel ? C_WHITE : C_MUTED, p->items[i].sub, lx,
				ly + lpx * 12 / 10, UI_ALIGN_LEFT, b);
		}
	}
}

static void draw_rating(struct app *a, int w, int h)
{
	static const SDL_Color colors[4] = {
		{ 0x1B, 0x7F, 0x3B, 0xFF }, { 0x5D, 0xA1, 0x3C, 0xFF },
		{ 0x7A, 0x86, 0x94, 0xFF }, { 0xC6, 0x28, 0x28, 0xFF },
	};
	dim_screen(a, w, h);
	SDL_Rect panel = { w * 4 / 100, h * 8 / 100, w * 92 / 100, h * 84 / 100 };
	ui_fill_round_rect(a->renderer, &panel, h / 40, C_CARD);
	int pad = panel.h / 20;
	int x = panel.x + pad, iw = panel.w - 2 * pad, y = panel.y + pad;
	if (a->rate_chosen) {
		int px = panel.h / 9;
		text_fit(a, px, true, C_GREEN, "Cảm ơn quý vị đã đánh giá!", x,
			panel.y + panel.h / 3, iw, UI_ALIGN_CENTER, &panel);
		text_fit(a, px / 2, false, C_MUTED, ticket_rating_label(a->rate_chosen), x,
			panel.y + panel.h / 3 + px * 16 / 10, iw, UI_ALIGN_CENTER, &panel);
		return;
	}
	int tpx = panel.h / 12;
	y += text_fit(a, tpx, true, C_TEXT, "Mời quý vị đánh giá sự phục vụ", x, y, iw,
		UI_ALIGN_CENTER, &panel) * 13 / 10;
	char sub[64];
	snprintf(sub, sizeof(sub), "Số %s · bấm một ô hoặc phím 1–4", a->rate_number);
	y += text_fit(a, tpx * 6 / 10, false, C_MUTED, sub, x, y, iw, UI_ALIGN_CENTER, &panel)
		* 16 / 10;

	int gap = iw / 40;
	int bw = (iw - 3 * gap) / 4;
	int bottom = panel.y + panel.h - pad;
	int skip_h = panel.h / 11;
	int bh = bottom - skip_h * 2 - y;
	const char *labels[4];
	for (int i = 0; i < 4; i++) {
		labels[i] = ticket_rating_label(i + 1);
	}
	int lpx = common_fit(a, bh * 14 / 100, true, labels, 4, bw - bw / 7);
	for (int i = 0; i < 4; i++) {
		SDL_Rect *b = &a->rate_boxes[i];
		*b = (SDL_Rect){ x + i * (bw + gap), y, bw, bh };
		ui_fill_round_rect(a->renderer, b, bw / 12, colors[i]);
		char key[4];
		snprintf(key, sizeof(key), "%d", i + 1);
		int kpx = bh * 30 / 100;
		ui_text_draw(a->text, kpx, true, C_WHITE, key, b->x + bw / 2, b->y + bh / 10,
			UI_ALIGN_CENTER, b);
		ui_text_draw(a->text, lpx, true, C_WHITE, labels[i], b->x + bw / 2,
			b->y + bh * 58 / 100, UI_ALIGN_CENTER, b);
		ui_trace_rect(a->trace, "rate", key, b);
	}
	/* Countdown bar and the skip button. */
	int64_t left = a->rate_deadline - clock_mono_ms();
	if (left < 0) {
		left = 0;
	}
	int bar_w = (int)((int64_t)(iw * 6 / 10) * left / (a->rate_total_ms ? a->rate_total_ms : 1));
	SDL_Rect track = { x, bottom - skip_h / 2 - skip_h / 8, iw * 6 / 10, skip_h / 4 };
	fill(a, &track, (SDL_Color){ 0xDD, 0xE2, 0xE8, 0xFF });
	SDL_Rect bar = { x, track.y, bar_w, track.h };
	fill(a, &bar, C_BLUE);
	a->rate_skip_box = (SDL_Rect){ x + iw - iw / 4, bottom - skip_h, iw / 4, skip_h };
	ui_fill_round_rect(a->renderer, &a->rate_skip_box, skip_h / 5, C_GREY);
	text_fit(a, skip_h * 42 / 100, true, C_WHITE, "Bỏ qua (Esc)", a->rate_skip_box.x + skip_h / 4,
		a->rate_skip_box.y + skip_h * 27 / 100, a->rate_skip_box.w - skip_h / 2,
		UI_ALIGN_CENTER, &a->rate_skip_box);
	ui_trace_rect(a->trace, "rateskip", "-", &a->rate_skip_box);
}

void draw_frame(struct app *a)
{
	static const char *const modes[] = { [MODE_MAIN] = "main", [MODE_PICK] = "pick",
		[MODE_RATING] = "rating" };
	ui_trace_frame_tag(a->trace, "mode", modes[a->mode]);
	int w, h;
	SDL_GetRendererOutputSize(a->renderer, &w, &h);
	SDL_SetRenderDrawBlendMode(a->renderer, SDL_BLENDMODE_NONE);
	SDL_SetRenderDrawColor(a->renderer, C_BG.r, C_BG.g, C_BG.b, 0xFF);
	SDL_RenderClear(a->renderer);

	int head_h = h * 9 / 100;
	int pad = h / 40;
	int msg_h = h * 8 / 100;
	int btn_h = h * 32 / 100;
	draw_header(a, w, head_h);

	SDL_Rect msg = { pad, h - pad - msg_h, w - 2 * pad, msg_h };
	SDL_Rect btns = { pad, msg.y - pad - btn_h, w - 2 * pad, btn_h };
	int mid_y = head_h + pad, mid_h = btns.y - pad - mid_y;
	int left_w = (w - 3 * pad) * 58 / 100;
	SDL_Rect cur = { pad, mid_y, left_w, mid_h };
	SDL_Rect wait = { 2 * pad + left_w, mid_y, w - 3 * pad - left_w, mid_h };
	draw_current(a, &cur);
	draw_waiting(a, &wait);
	draw_buttons(a, &btns);
	draw_message(a, &msg);

	if (a->mode == MODE_PICK) {
		draw_picker(a, w, h);
	} else if (a->mode == MODE_RATING) {
		draw_rating(a, w, h);
	}
	SDL_RenderPresent(a->renderer);
	ui_text_frame_done(a->text);
}
