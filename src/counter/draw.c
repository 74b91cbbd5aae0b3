/*
 * Rendering of the counter window's main screen. Everything is laid out in
 * units of the renderer's real output size (paint_unit: a fortieth of the
 * height), so the window fits any screen from 1024x768 up, full screen or
 * not; the button rectangles computed here are the hit boxes main.c uses
 * for clicks and touches. Texts wrap or are cut with "…" rather than drawn
 * under the minimum size (paint.h). The picker and the rating question are
 * drawn over it by dialogs.c. Called only when the app is dirty.
 *
 *  +--------------------------------------------------------------+
 *  | Quầy số 1 · officer                       state      clock   |
 *  +-------------------------------+------------------------------+
 *  | current ticket (number large, | waiting count, next numbers  |
 *  | service, priority, times)     |                              |
 *  +-------+-------+-------+-------+------------------------------+
 *  | 8 buttons in 2 rows, each with its key, or why it cannot act |
 *  +--------------------------------------------------------------+
 *  | feedback of the last action                                  |
 *  +--------------------------------------------------------------+
 */
#define LOG_MODULE "counter"
#include <stdio.h>
#include <string.h>
#include "motcua/base/clock.h"
#include "motcua/base/log.h"
#include "motcua/store/queue.h"
#include "app.h"
#include "paint.h"

struct button_style {
	const char *label;
	const char *key;
	SDL_Color color;
};

static const struct button_style styles[BUTTON_COUNT] = {
	[BUTTON_NEXT] = { "Gọi tiếp", "F1 / Space", { 0x2E, 0x7D, 0x32, 0xFF } },
	[BUTTON_RECALL] = { "Gọi lại", "F2", { 0x1E, 0x5E, 0xA8, 0xFF } },
	[BUTTON_SKIP] = { "Vắng mặt", "F3", { 0xA8, 0x54, 0x00, 0xFF } },
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

static SDL_Color darker(SDL_Color c)
{
	return (SDL_Color){ (Uint8)(c.r * 6 / 10), (Uint8)(c.g * 6 / 10), (Uint8)(c.b * 6 / 10),
		c.a };
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

static int text_width(struct app *a, int px, bool bold, const char *s)
{
	int w = 0, h = 0;
	ui_text_measure(a->text, px, bold, s, &w, &h);
	return w;
}

/* The header: counter and officer on the left, clock on the right, state between. */
static void draw_header(struct app *a, int w, int h, int u)
{
	SDL_Rect bar = { 0, 0, w, h };
	paint_fill(a, &bar, 0, C_HEAD);
	int pad = u;

	char clock[32], date[11], hm[6];
	int64_t now = clock_now_ms();
	clock_format_time(now, hm);
	clock_format_date(now, date);
	snprintf(clock, sizeof(clock), "%s  %s", hm, date);
	int cpx = u;
	int cw = text_width(a, cpx, false, clock);
	paint_line(a, clock, cpx, false, C_WHITE, w - pad - cw, (h - paint_line_height(a, cpx,
		false)) / 2, cw, UI_ALIGN_RIGHT, &bar);

	char title[256];
	if (a->logged_in) {
		snprintf(title, sizeof(title), "Quầy %d · %s", a->counter, a->officer.name);
	} else if (a->me && a->me->counter.officer[0]) {
		snprintf(title, sizeof(title), "Quầy %d · %s", a->counter, a->me->counter.officer);
	} else {
		snprintf(title, sizeof(title), "Quầy %d", a->counter);
	}
	int tpx = u * 12 / 10;
	int tw = text_width(a, tpx, true, title);
	int title_max = (w - 2 * pad - cw) * 45 / 100;
	tw = tw < title_max ? tw : title_max;
	paint_line(a, title, tpx, true, C_WHITE, pad, (h - paint_line_height(a, tpx, true)) / 2,
		tw, UI_ALIGN_LEFT, &bar);

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
	int bpx = u * 9 / 10;
	int lh = paint_line_height(a, bpx, true);
	int room = w - 2 * pad - cw - tw - 2 * pad;
	int bw = text_width(a, bpx, true, state) + 2 * u;
	bw = bw < room ? bw : room;
	if (bw <= 2 * u) {
		return;
	}
	SDL_Rect badge = { pad + tw + pad + (room - bw) / 2, (h - lh * 13 / 10) / 2, bw,
		lh * 13 / 10 };
	paint_fill(a, &badge, badge.h / 2, sc);
	paint_line(a, state, bpx, true, C_WHITE, badge.x + u, badge.y + (badge.h - lh) / 2,
		badge.w - 2 * u, UI_ALIGN_CENTER, &badge);
}

/* A white card: where its content goes (x, w), starts (y) and must end (bottom). */
struct card_inside {
	int x, w, y, bottom;
};

static struct card_inside card_draw(struct app *a, const SDL_Rect *card, int u)
{
	paint_fill(a, card, u / 2, C_CARD);
	return (struct card_inside){ card->x + u, card->w - 2 * u, card->y + u * 8 / 10,
		card->y + card->h - u / 2 };
}

static void draw_current(struct app *a, const SDL_Rect *card, int u)
{
	struct card_inside in = card_draw(a, card, u);
	int x = in.x, w = in.w, y = in.y, bottom = in.bottom;
	int small = u * 9 / 10;
	bool paused = a->me && a->me->counter.state == COUNTER_PAUSED;

	if (a->me && a->me->has_ticket) {
		const struct ticket *t = &a->me->ticket;
		y += paint_line(a, "Đang phục vụ", small, false, C_MUTED, x, y, w, UI_ALIGN_LEFT, card);
		/* The number: the largest thing here, up to a third of the card. */
		int npx = card->h * 34 / 100 < u * 8 ? card->h * 34 / 100 : u * 8;
		npx = ui_text_fit(a->text, npx, u * 2, true, t->number, w);
		ui_text_draw(a->text, npx, true, C_NUMBER, t->number, x, y, UI_ALIGN_LEFT, card);
		y += paint_line_height(a, npx, true) * 95 / 100;
		y += paint_lines(a, t->service_name, u * 12 / 10, true, C_TEXT, x, y, w, 2,
			UI_ALIGN_LEFT, card) + u / 4;
		if (t->priority) {
			int bpx = u * 85 / 100;
			int lh = paint_line_height(a, bpx, true);
			SDL_Rect badge = { x, y, text_width(a, bpx, true, "Ưu tiên") + bpx * 2, lh * 12 / 10 };
			paint_fill(a, &badge, badge.h / 2, C_AMBER);
			paint_line(a, "Ưu tiên", bpx, true, C_WHITE, badge.x, badge.y + (badge.h - lh) / 2,
				badge.w, UI_ALIGN_CENTER, &badge);
			y += badge.h + u / 3;
		}
		if (paused) {
			/* The counter paused while serving: the citizen is still here. */
			char note[256];
			snprintf(note, sizeof(note), "Quầy sẽ tạm dừng (%s) khi phục vụ xong công dân này: "
				"bấm «Xong» (F4).", a->me->counter.pause_reason);
			y += paint_lines(a, note, small, true, C_AMBER_TEXT, x, y, w, 2, UI_ALIGN_LEFT,
				card) + u / 4;
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
		if (y + 2 * paint_line_height(a, small, false) <= bottom) {
			paint_lines(a, line, small, false, C_MUTED, x, y, w, 2, UI_ALIGN_LEFT, card);
		}
		return;
	}

	/* No current ticket: a calm message saying what to do. */
	const char *head, *hint;
	char reason[192];
	if (paused) {
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
	y = card->y + card->h * 28 / 100;
	y += paint_lines(a, head, u * 18 / 10, true, C_TEXT, x, y, w, 2, UI_ALIGN_CENTER, card);
	y += u / 2;
	paint_lines(a, hint, u, false, C_MUTED, x, y, w, 3, UI_ALIGN_CENTER, card);
}

static void draw_waiting(struct app *a, const SDL_Rect *card, int u)
{
	struct card_inside in = card_draw(a, card, u);
	int x = in.x, w = in.w, y = in.y, bottom = in.bottom;
	int small = u * 9 / 10;
	int waiting = a->me ? a->me->waiting : 0;

	y += paint_line(a, "Đang chờ quầy này", small, false, C_MUTED, x, y, w, UI_ALIGN_LEFT, card);
	char count[32];
	snprintf(count, sizeof(count), "%d", waiting);
	int big = u * 4;
	int cw = ui_text_draw(a->text, big, true, waiting ? C_BLUE : C_MUTED, count, x, y,
		UI_ALIGN_LEFT, card);
	int ppx = u * 11 / 10;
	/* On the number's baseline: a line's top is about 0.93 px above its baseline. */
	paint_line(a, "người", ppx, false, C_TEXT, x + cw + u / 2, y + (big - ppx) * 93 / 100,
		w - cw - u / 2, UI_ALIGN_LEFT, card);
	y += paint_line_height(a, big, true);

	if (a->me && a->me->service_names[0]) {
		y += paint_lines(a, a->me->service_names, small, false, C_MUTED, x, y, w, 2,
			UI_ALIGN_LEFT, card);
	}
	y += u / 2;
	if (a->n_next == 0) {
		return;
	}
	int hl = paint_line_height(a, small, true);
	int chip_h = u * 2;
	if (y + hl + chip_h > bottom) {
		return;
	}
	y += paint_line(a, "Số tiếp theo:", small, true, C_TEXT, x, y, w, UI_ALIGN_LEFT, card);
	/* Chips in rows of three, as many rows as fit. */
	int cols = 3, gap = u / 2;
	int chip_w = (w - gap * (cols - 1)) / cols;
	for (size_t i = 0; i < a->n_next; i++) {
		int cx = x + (int)(i % cols) * (chip_w + gap);
		int cy = y + (int)(i / cols) * (chip_h + gap);
		if (cy + chip_h > bottom) {
			break;
		}
		SDL_Rect chip = { cx, cy, chip_w, chip_h };
		paint_fill(a, &chip, chip_h / 4, a->next[i].priority ? C_CHIP_PRIORITY : C_CHIP);
		int npx = u;
		paint_line(a, a->next[i].number, npx, true,
			a->next[i].priority ? C_AMBER_TEXT : C_BLUE, cx + u / 4,
			cy + (chip_h - paint_line_height(a, npx, true)) / 2, chip_w - u / 2,
			UI_ALIGN_CENTER, &chip);
		ui_trace_rect(a->trace, "next", a->next[i].number, &chip);
	}
}

static void draw_buttons(struct app *a, const SDL_Rect *area, int u)
{
	int cols = 4, rows = 2;
	int gap = u / 2;
	int bw = (area->w - gap * (cols - 1)) / cols;
	int bh = (area->h - gap * (rows - 1)) / rows;
	bool flashing = a->flash_button >= 0 && clock_mono_ms() < a->flash_until;
	int lpx = u * 125 / 100, kpx = u * 85 / 100;
	int lh = paint_line_height(a, lpx, true), kh = paint_line_height(a, kpx, false);
	for (int i = 0; i < BUTTON_COUNT; i++) {
		const char *label = draw_button_label(a, (enum button)i);
		int f = ui_text_fit(a->text, lpx, paint_min(a), true, label, bw - u);
		lpx = f < lpx ? f : lpx;
	}
	for (int i = 0; i < BUTTON_COUNT; i++) {
		SDL_Rect *r = &a->buttons[i];
		r->x = area->x + (i % cols) * (bw + gap);
		r->y = area->y + (i / cols) * (bh + gap);
		r->w = bw;
		r->h = bh;
		struct button_state st = app_button_state(a, (enum button)i);
		SDL_Color bg = styles[i].color, fg = C_WHITE;
		if (!st.enabled) {
			bg = C_OFF_BG;
			fg = C_OFF_TEXT;
		} else if (i == BUTTON_PAUSE && a->me && a->me->counter.state != COUNTER_OPEN) {
			bg = C_GREEN;
		}
		if (flashing && a->flash_button == i && st.enabled) {
			bg = darker(bg);
		}
		paint_fill(a, r, u / 2, bg);
		int y = r->y + (bh - lh - kh) / 2;
		paint_line(a, draw_button_label(a, (enum button)i), lpx, true, fg, r->x + u / 2, y,
			bw - u, UI_ALIGN_CENTER, r);
		/* Its key, or why it cannot act now. */
		paint_line(a, st.enabled ? styles[i].key : st.reason, kpx, !st.enabled, fg,
			r->x + u / 4, y + lh, bw - u / 2, UI_ALIGN_CENTER, r);
		ui_trace_rect(a->trace, st.enabled ? "button" : "button-off", button_ids[i], r);
		if (!st.enabled) {
			/* Still a button (it says why when pressed): tests find it by the usual name. */
			ui_trace_rect(a->trace, "button", button_ids[i], r);
		}
	}
}

/* The last action's outcome for a while; while the desk does not answer, why, in red. */
static void draw_message(struct app *a, const SDL_Rect *bar, int u)
{
	const char *msg = a->msg;
	enum msg_kind kind = a->msg_kind;
	if (!a->online) {
		msg = "Mất kết nối máy chủ: các nút tạm khóa. Máy tự kết nối lại.";
		kind = MSG_ERROR;
		ui_trace_rect(a->trace, "offline", "-", bar);
	} else if (!a->msg[0] || clock_mono_ms() >= a->msg_until) {
		return;
	}
	SDL_Color c = kind == MSG_OK ? C_GREEN : kind == MSG_WARN ? C_AMBER : C_RED;
	paint_fill(a, bar, bar->h / 4, c);
	int px = u * 95 / 100;
	paint_line(a, msg, px, true, C_WHITE, bar->x + u, bar->y + (bar->h -
		paint_line_height(a, px, true)) / 2, bar->w - 2 * u, UI_ALIGN_CENTER, bar);
}

void draw_frame(struct app *a)
{
	static const char *const modes[] = { [MODE_MAIN] = "main", [MODE_PICK] = "pick",
		[MODE_RATING] = "rating", [MODE_LOGIN] = "login" };
	ui_trace_frame_tag(a->trace, "mode", modes[a->mode]);
	int w, h;
	SDL_GetRendererOutputSize(a->renderer, &w, &h);
	int u = paint_unit(w, h);
	SDL_SetRenderDrawBlendMode(a->renderer, SDL_BLENDMODE_NONE);
	SDL_SetRenderDrawColor(a->renderer, C_BG.r, C_BG.g, C_BG.b, 0xFF);
	SDL_RenderClear(a->renderer);
	if (a->mode == MODE_LOGIN) {
		login_draw(a, w, h);
		SDL_RenderPresent(a->renderer);
		ui_text_frame_done(a->text);
		return;
	}
	SDL_Rect all = { 0, 0, w, h };
	paint_fill(a, &all, 0, C_BG);

	int pad = u * 6 / 10;
	int head_h = u * 26 / 10;
	int msg_h = u * 2;
	int btn_h = u * 84 / 10 + u / 2;
	draw_header(a, w, head_h, u);

	SDL_Rect msg = { pad, h - pad - msg_h, w - 2 * pad, msg_h };
	SDL_Rect btns = { pad, msg.y - pad - btn_h, w - 2 * pad, btn_h };
	int mid_y = head_h + pad, mid_h = btns.y - pad - mid_y;
	int left_w = (w - 3 * pad) * 58 / 100;
	SDL_Rect cur = { pad, mid_y, left_w, mid_h };
	SDL_Rect wait = { 2 * pad + left_w, mid_y, w - 3 * pad - left_w, mid_h };
	draw_current(a, &cur, u);
	draw_waiting(a, &wait, u);
	draw_buttons(a, &btns, u);
	draw_message(a, &msg, u);

	if (a->mode == MODE_PICK) {
		dialogs_draw_picker(a, w, h);
	} else if (a->mode == MODE_RATING) {
		dialogs_draw_rating(a, w, h);
	}
	SDL_RenderPresent(a->renderer);
	ui_text_frame_done(a->text);
}
