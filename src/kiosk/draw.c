/*
 * The kiosk's screens other than the lists (draw_home.c): printing, the
 * ticket, a message, the PIN pad and the admin screen. Called only when
 * something is dirty; sizes are fractions of the rectangles computed in
 * layout.c and never under its floors (min_name_px, min_text_px).
 */
#define LOG_MODULE "draw"
#include <string.h>
#include "paint.h"
#include "words.h"
#include "motcua/base/clock.h"

static int imin(int a, int b)
{
	return a < b ? a : b;
}

static int imax(int a, int b)
{
	return a > b ? a : b;
}

static int scaled(const struct kiosk *k, int px_at_1080, int floor_px)
{
	return layout_scaled(&k->layout, px_at_1080, floor_px);
}

static void draw_busy(struct kiosk *k)
{
	const struct layout *l = &k->layout;
	SDL_Rect c = l->card;
	paint_card(k, c, C_WHITE);
	ui_trace_rect(k->trace, "card", "busy", &c);
	SDL_Rect a = { c.x, c.y + c.h * 30 / 100, c.w, c.h * 20 / 100 };
	SDL_Rect b = { c.x, c.y + c.h * 52 / 100, c.w, c.h * 14 / 100 };
	paint_text(k, TXT_PRINTING, c.h * 14 / 100, l->min_name_px, true, C_NORMAL,
		paint_inset(a, 3 * l->unit), 1, UI_ALIGN_CENTER, false);
	paint_text(k, TXT_PLEASE_WAIT, c.h * 8 / 100, l->min_text_px, false, C_MUTED,
		paint_inset(b, 3 * l->unit), 2, UI_ALIGN_CENTER, true);
	/* Three dots, one lit in turn, so the citizen sees the kiosk working. */
	int r = imin(c.h, c.w) * 3 / 100 + 1;
	for (int i = 0; i < 3; i++) {
		SDL_Rect dot = { c.x + c.w / 2 + (i - 1) * 4 * r - r, c.y + c.h * 72 / 100, 2 * r, 2 * r };
		ui_fill_round_rect(k->renderer, &dot, r, i == k->anim_step % 3 ? C_NORMAL : C_OFF_EDGE);
	}
}

/*
 * The ticket: a band with the title, the number as large as the rest
 * allows, the field's name, how many are ahead and the wait, "Vui lòng
 * nhận phiếu" over an arrow to the slot, and a hint. Each text has its
 * line height at its size; the number takes what is left (at most 40 %).
 */
static void draw_ticket(struct kiosk *k)
{
	const struct layout *l = &k->layout;
	const struct ticket *t = &k->last;
	SDL_Color accent = t->priority ? C_PRIO : C_NORMAL;
	SDL_Rect c = l->card;
	int u = l->unit;

	int band_px = scaled(k, 34, l->min_text_px), name_px = scaled(k, 38, l->min_name_px);
	int ahead_px = scaled(k, 32, l->min_text_px), wait_px = scaled(k, 26, l->min_text_px);
	int take_px = scaled(k, 44, l->min_name_px), hint_px = scaled(k, 24, l->min_text_px);
	int band_h = paint_line_h(k, band_px, true) + 3 * u;
	int name_h = 2 * paint_line_h(k, name_px, true);
	int ahead_h = paint_line_h(k, ahead_px, false), wait_h = paint_line_h(k, wait_px, false);
	int take_h = paint_line_h(k, take_px, true) * 16 / 10;
	int hint_h = paint_line_h(k, hint_px, false);
	int fixed = band_h + name_h + ahead_h + wait_h + take_h + hint_h;
	/* The number fills the card's width, up to 40 % of its height (digits' ink is ~0.73 px). */
	int num_px = ui_text_fit(k->text, c.h * 42 / 100, 8, true, t->number, c.w - 8 * u);
	int num_h = imin(imin(c.h * 40 / 100, c.h - fixed - 8 * u), num_px * 80 / 100 + 2 * u);
	int gap = imax(imin((c.h - fixed - num_h) / 8, 4 * u), 1);
	/* A tall card shrinks to what it holds (portrait screens). */
	int used = fixed + num_h + 8 * gap;
	if (used < c.h) {
		c.y += (c.h - used) / 2;
		c.h = used;
	}
	paint_card(k, c, C_WHITE);
	ui_trace_rect(k->trace, "card", "ticket", &c);

	SDL_Rect band = { c.x, c.y, c.w, band_h };
	ui_fill_round_rect(k->renderer, &band, l->radius, accent);
	paint_fill(k, (SDL_Rect){ c.x, band.y + band.h / 2, c.w, band.h - band.h / 2 }, accent);
	/* Capitals with two marks (Ố, Ự) reach past the line box: the box is the whole band. */
	paint_text(k, t->priority ? TXT_YOUR_PRIO_NUMBER : TXT_YOUR_NUMBER, band_px, l->min_text_px,
		true, C_WHITE, (SDL_Rect){ band.x + u, band.y, band.w - 2 * u, band.h }, 1,
		UI_ALIGN_CENTER, false);

	/*
	 * The number as large as the box allows: digits fill about 0.73 of the
	 * font size, from 0.2 to 0.93 of it below the line top (DejaVu Sans Bold),
	 * so the glyphs themselves are centred rather than the line box.
	 */
	SDL_Rect num = { c.x, band.y + band.h + gap, c.w, num_h };
	num_px = ui_text_fit(k->text, imin(num_px, num.h * 105 / 100), 8, true, t->number,
		num.w - 8 * u);
	ui_text_draw(k->text, num_px, true, accent, t->number, num.x + num.w / 2,
		num.y + num.h / 2 - num_px * 565 / 1000, UI_ALIGN_CENTER, &num);
	ui_trace_rect(k->trace, "number", t->number, &num);

	int x = c.x + 4 * u, w = c.w - 8 * u;
	SDL_Rect svc = { x, num.y + num.h + gap, w, name_h };
	paint_text(k, t->service_name, name_px, l->min_text_px, true, C_INK, svc, 2,
		UI_ALIGN_CENTER, true);

	char ahead[96], wait[96] = "";
	if (t->ahead <= 0) {
		snprintf(ahead, sizeof(ahead), "%s", TXT_NOBODY_AHEAD);
	} else {
		snprintf(ahead, sizeof(ahead), TXT_AHEAD_FMT, t->ahead);
	}
	if (t->ahead > 0 && t->est_wait_s > 0) {
		snprintf(wait, sizeof(wait), TXT_WAIT_FMT, (t->est_wait_s + 59) / 60);
	}
	SDL_Rect ah = { x, svc.y + svc.h + gap, w, ahead_h };
	paint_text(k, ahead, ahead_px, l->min_text_px, false, C_INK, ah, 1, UI_ALIGN_CENTER, false);
	SDL_Rect wt = { x, ah.y + ah.h, w, wait_h };
	paint_text(k, wait, wait_px, l->min_text_px, false, C_MUTED, wt, 1, UI_ALIGN_CENTER, false);

	/* The instruction, with an arrow towards the paper slot below the screen. */
	SDL_Rect take = { x, wt.y + wt.h + 2 * gap, w, take_h };
	paint_round(k, take, C_OK);
	int arrow = take.h * 22 / 100;
	paint_text(k, TXT_TAKE_TICKET, take_px, l->min_name_px, true, C_WHITE,
		(SDL_Rect){ take.x + 3 * arrow, take.y, take.w - 6 * arrow, take.h }, 1, UI_ALIGN_CENTER,
		false);
	paint_triangle(k, take.x + arrow * 3 / 2, take.y + take.h / 2, arrow, 0, C_WHITE);
	paint_triangle(k, take.x + take.w - arrow * 3 / 2, take.y + take.h / 2, arrow, 0, C_WHITE);

	SDL_Rect hint = { x, take.y + take.h + gap, w, hint_h };
	if (t->print_unconfirmed) {
		/* The number is valid even if its paper did not come out whole. */
		paint_text(k, TXT_NOT_RECEIVED, hint_px, l->min_text_px, true, C_ERR, hint, 1,
			UI_ALIGN_CENTER, false);
	} else if (!k->input_lock_until) {
		paint_text(k, TXT_TAP_TO_GO_BACK, hint_px, l->min_text_px, false, C_MUTED, hint, 1,
			UI_ALIGN_CENTER, false);
	}
}

static void draw_error(struct kiosk *k)
{
	const struct layout *l = &k->layout;
	SDL_Rect c = l->card;
	int u = l->unit;
	paint_card(k, c, C_WHITE);
	ui_trace_rect(k->trace, "card", "error", &c);
	SDL_Rect band = { c.x, c.y, c.w, c.h * 8 / 100 };
	ui_fill_round_rect(k->renderer, &band, l->radius, C_ERR);
	paint_fill(k, (SDL_Rect){ c.x, band.y + band.h / 2, c.w, band.h - band.h / 2 }, C_ERR);

	/* A round "!" sign. */
	int r = imin(c.h * 12 / 100, c.w * 12 / 100);
	SDL_Rect sign = { c.x + c.w / 2 - r, c.y + c.h * 15 / 100, 2 * r, 2 * r };
	ui_fill_round_rect(k->renderer, &sign, r, C_ERR_LIGHT);
	SDL_Rect ring = paint_inset(sign, r / 6);
	ui_fill_round_rect(k->renderer, &ring, ring.w / 2, C_ERR);
	int ex_px = r * 13 / 10;
	ui_text_draw(k->text, ex_px, true, C_WHITE, "!", sign.x + r,
		sign.y + r - paint_line_h(k, ex_px, true) / 2, UI_ALIGN_CENTER, &sign);

	SDL_Rect title = { c.x + 4 * u, sign.y + sign.h + c.h * 5 / 100, c.w - 8 * u, c.h * 18 / 100 };
	paint_text(k, k->err_title, c.h * 10 / 100, l->min_name_px, true, C_ERR, title, 2,
		UI_ALIGN_CENTER, true);
	SDL_Rect detail = { title.x, title.y + title.h + c.h * 2 / 100, title.w, c.h * 16 / 100 };
	paint_text(k, k->err_detail, c.h * 7 / 100, l->min_text_px, false, C_INK, detail, 2,
		UI_ALIGN_CENTER, true);
	if (!k->input_lock_until) {
		SDL_Rect hint = { c.x + 2 * u, c.y + c.h * 90 / 100, c.w - 4 * u, c.h * 8 / 100 };
		paint_text(k, TXT_TAP_TO_GO_BACK, hint.h * 60 / 100, l->min_text_px, false, C_MUTED,
			hint, 1, UI_ALIGN_CENTER, false);
	}
}

static void draw_pin(struct kiosk *k)
{
	const struct layout *l = &k->layout;
	paint_fill(k, (SDL_Rect){ 0, 0, l->w, l->h }, C_PAD_BG);
	SDL_Rect d = l->pin_display;
	paint_round(k, d, C_WHITE);

	int64_t left = pin_pad_locked_ms(k->pin_locked_until, clock_mono_ms());
	bool is_locked = left > 0;
	char shown[192] = "";
	if (is_locked) {
		snprintf(shown, sizeof(shown), TXT_PIN_LOCKED_FMT, (long long)((left + 59999) / 60000));
	} else if (k->pin.len > 0) {
		for (size_t i = 0; i < k->pin.len; i++) {
			strcat(shown, "● ");
		}
	} else if (k->pin_msg[0]) {
		snprintf(shown, sizeof(shown), "%s", k->pin_msg);
	} else {
		snprintf(shown, sizeof(shown), "%s", TXT_PIN_PROMPT);
	}
	bool msg = is_locked || k->pin.len == 0;
	paint_text(k, shown, d.h * (msg ? 32 : 50) / 100, l->min_text_px, !msg,
		is_locked || (k->pin_msg[0] && k->pin.len == 0 && !k->pin_checking) ? C_ERR : C_INK,
		paint_inset(d, l->unit), 2, UI_ALIGN_CENTER, true);

	static const char *const labels[LAYOUT_PIN_KEYS] = {
		"1", "2", "3", "4", "5", "6", "7", "8", "9", "⌫", "0", "OK" };
	for (int i = 0; i < LAYOUT_PIN_KEYS; i++) {
		SDL_Rect key = l->pin_key[i];
		SDL_Color c = i == 11 ? C_OK : C_PAD_KEY;
		paint_round(k, key, is_locked ? C_PAD_BG : c);
		int px = imax(key.h * (i == 11 ? 32 : 42) / 100, l->min_text_px);
		ui_text_draw(k->text, px, true, is_locked ? C_PAD_OFF : C_WHITE, labels[i],
			key.x + key.w / 2, key.y + (key.h - paint_line_h(k, px, true)) / 2, UI_ALIGN_CENTER,
			&key);
		char id[4];
		snprintf(id, sizeof(id), "%d", i);
		ui_trace_rect(k->trace, "pinkey", id, &key);
	}
	SDL_Rect cancel = l->pin_cancel;
	paint_round(k, cancel, C_PAD_KEY);
	paint_text(k, TXT_CANCEL, cancel.h * 40 / 100, l->min_text_px, true, C_WHITE, cancel, 1,
		UI_ALIGN_CENTER, false);
	ui_trace_rect(k->trace, "pincancel", "-", &cancel);
}

/* "Thoát chương trình ki-ốt?" over the admin screen, with "Không thoát" and "Thoát". */
static void draw_confirm_exit(struct kiosk *k)
{
	const struct layout *l = &k->layout;
	int u = l->unit, lh = paint_line_h(k, l->admin_px, false);
	ui_trace_layer(k->trace, "dialog");
	paint_fill(k, (SDL_Rect){ 0, 0, l->w, l->h }, C_DIM);
	paint_card(k, l->confirm, C_WHITE);
	ui_trace_rect(k->trace, "confirm", "dialog", &l->confirm);
	SDL_Rect t = l->confirm_text;
	int title_h = t.h - 3 * lh - u;
	paint_text(k, TXT_CONFIRM_EXIT_TITLE, scaled(k, 36, l->min_name_px), l->min_text_px, true,
		C_ERR, (SDL_Rect){ t.x, t.y, t.w, title_h }, 1, UI_ALIGN_CENTER, false);
	paint_text(k, TXT_CONFIRM_EXIT_TEXT, l->admin_px, l->min_text_px, false, C_INK,
		(SDL_Rect){ t.x, t.y + title_h + u, t.w, 3 * lh }, 3, UI_ALIGN_CENTER, true);
	paint_round(k, l->confirm_no, C_NORMAL);
	paint_round(k, l->confirm_yes, C_ERR);
	ui_trace_rect(k->trace, "confirm", "no", &l->confirm_no);
	ui_trace_rect(k->trace, "confirm", "yes", &l->confirm_yes);
	int px = scaled(k, 30, l->min_text_px);
	paint_text(k, TXT_CONFIRM_EXIT_NO, px, l->min_text_px, true, C_WHITE,
		paint_inset(l->confirm_no, u), 1, UI_ALIGN_CENTER, false);
	paint_text(k, TXT_CONFIRM_EXIT_YES, px, l->min_text_px, true, C_WHITE,
		paint_inset(l->confirm_yes, u), 1, UI_ALIGN_CENTER, false);
}

static void draw_admin(struct kiosk *k)
{
	const struct layout *l = &k->layout;
	paint_fill(k, (SDL_Rect){ 0, 0, l->w, l->h }, C_PAD_BG);
	SDL_Rect info = l->admin_info;
	paint_round(k, info, C_WHITE);
	ui_trace_rect(k->trace, "card", "admin", &info);

	enum { N_LINES = 5 };
	char lines[N_LINES][640];
	const struct printer_fault_info *fault = printer_fault_info(printer_status_fault(&k->printer_st));
	snprintf(lines[0], sizeof(lines[0]), TXT_ADMIN_PRINTER_FMT, k->printer_spec
		? k->printer_spec : TXT_ADMIN_NO_PRINTER);
	if (!k->printer_known) {
		snprintf(lines[1], sizeof(lines[1]), "%s", TXT_ADMIN_CHECKING);
	} else {
		snprintf(lines[1], sizeof(lines[1]), TXT_ADMIN_STATUS_FMT, fault->citizen_vi,
			*fault->advice_vi ? " — " : "", fault->advice_vi);
	}
	if (k->has_last) {
		snprintf(lines[2], sizeof(lines[2]), TXT_ADMIN_LAST_FMT, k->last.number,
			k->last.service_name, k->last.print_unconfirmed ? TXT_ADMIN_LAST_UNCONFIRMED : "");
	} else {
		snprintf(lines[2], sizeof(lines[2]), "%s", TXT_ADMIN_NO_LAST);
	}
	snprintf(lines[3], sizeof(lines[3]), TXT_ADMIN_UNCONFIRMED_FMT,
		*k->unconfirmed ? k->unconfirmed : TXT_ADMIN_NONE);
	snprintf(lines[4], sizeof(lines[4]), TXT_ADMIN_DB_FMT, desk_name(k->desk));

	/* A title, then each line wrapped onto up to two lines, while there is room. */
	int pad = 2 * l->unit, px = l->admin_px, title_px = scaled(k, 36, l->min_name_px);
	int lh = paint_line_h(k, px, false), y = info.y + pad;
	SDL_Rect inner = { info.x + pad, info.y + pad, info.w - 2 * pad, info.h - 2 * pad };
	int th = paint_line_h(k, title_px, true);
	paint_text(k, TXT_ADMIN_TITLE, title_px, l->min_text_px, true, C_HEADER,
		(SDL_Rect){ inner.x, y, inner.w, th }, 1, UI_ALIGN_LEFT, false);
	y += th + l->unit;
	for (int i = 0; i < N_LINES; i++) {
		char wrapped[2][UI_WRAP_LINE_MAX];
		int n = ui_text_wrap(k->text, px, i == 1, lines[i], inner.w, wrapped, 2);
		n = n > 0 ? n : 1;
		if (y + n * lh > inner.y + inner.h) {
			break;
		}
		SDL_Color c = (i == 1 && k->printer_known && !k->printer_ok) || (i == 3 && *k->unconfirmed)
			? C_ERR : C_INK;
		paint_text(k, lines[i], px, px, i == 1, c, (SDL_Rect){ inner.x, y, inner.w, n * lh }, 2,
			UI_ALIGN_LEFT, false);
		y += n * lh + l->unit / 2;
	}

	/* The last action's result, on its own card. */
	if (k->admin_msg[0]) {
		bool failed = k->admin_failed;
		paint_round(k, l->admin_msg, failed ? C_ERR_LIGHT : C_WHITE);
		ui_trace_rect(k->trace, "admin", "message", &l->admin_msg);
		paint_text(k, k->admin_msg, px, px, true, failed ? C_ERR : C_OK,
			paint_inset(l->admin_msg, l->unit / 2), 2, UI_ALIGN_CENTER, true);
	}

	static const char *const labels[LAYOUT_ADMIN_BUTTONS] = {
		TXT_ADMIN_SELFTEST, TXT_ADMIN_REPRINT, TXT_ADMIN_EXIT, TXT_BACK };
	static const char *const ids[LAYOUT_ADMIN_BUTTONS] = { "selftest", "reprint", "exit",
		"back" };
	SDL_Color colors[LAYOUT_ADMIN_BUTTONS] = { C_NORMAL, C_NORMAL, C_ERR, C_PAD_KEY };
	for (int i = 0; i < LAYOUT_ADMIN_BUTTONS; i++) {
		SDL_Rect b = l->admin_button[i];
		bool off = k->admin_busy && i < 2;
		paint_round(k, b, off ? C_OFF : colors[i]);
		ui_trace_rect(k->trace, "admin", ids[i], &b);
		paint_text(k, labels[i], scaled(k, 32, l->min_text_px), l->min_text_px, true,
			off ? C_OFF_TEXT : C_WHITE, paint_inset(b, l->unit), 2, UI_ALIGN_CENTER, true);
	}
	if (k->confirm_exit) {
		draw_confirm_exit(k);
	}
}

void draw_frame(struct kiosk *k)
{
	SDL_SetRenderDrawColor(k->renderer, C_BG.r, C_BG.g, C_BG.b, 255);
	SDL_RenderClear(k->renderer);
	switch (k->screen) {
	case SCREEN_HOME:
	case SCREEN_GROUP: draw_home(k); break;
	case SCREEN_BUSY: draw_busy(k); break;
	case SCREEN_TICKET: draw_ticket(k); break;
	case SCREEN_ERROR: draw_error(k); break;
	case SCREEN_PIN: draw_pin(k); break;
	case SCREEN_ADMIN: draw_admin(k); break;
	}
}
