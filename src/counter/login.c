/*
 * The officer's login screen of the counter window (issue 13), shown when
 * the desk has officer accounts: pick a name from the active accounts (Up,
 * Down, a click, or type it: the list follows what is typed), Enter, then
 * the PIN (digits shown as dots), Enter. The PIN is checked by the desk
 * under the account's lockout (desk_officer_login), which makes the account
 * the counter's officer, so every call, finish and rating records it. A
 * logout (F10) comes back here. Without accounts the window never shows it
 * and keeps its free-text --officer, as before.
 */
#define LOG_MODULE "counter"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "motcua/base/log.h"
#include "app.h"
#include "paint.h"

bool login_load(struct app *a)
{
	struct result r = { 0 };
	free(a->officers);
	a->officers = NULL;
	a->n_officers = 0;
	if (!desk_officers(a->desk, &a->officers, &a->n_officers, &r)) {
		LOG_WARN("counter %d: officer accounts not read: %s", a->counter, r.msg);
		return false;
	}
	return a->n_officers > 0;
}

static void set_title(struct app *a)
{
	char title[128];
	if (a->logged_in) {
		snprintf(title, sizeof(title), "Quầy %d · %s – motcua", a->counter, a->officer.name);
	} else {
		snprintf(title, sizeof(title), "Quầy %d – motcua", a->counter);
	}
	if (a->window) {
		SDL_SetWindowTitle(a->window, title);
	}
}

void login_open(struct app *a, const char *message)
{
	if (a->mode == MODE_PICK) {
		app_pick_close(a);
	} else if (a->mode == MODE_RATING) {
		app_rate_close(a);
	}
	if (a->logged_in) {
		struct result r = { 0 };
		LOG_INFO("counter %d: officer %lld logged out", a->counter, (long long)a->officer.id);
		/* The counter names nobody until the next login. */
		if (!desk_set_officer(a->desk, a->counter, "", &r)) {
			LOG_WARN("counter %d: officer not cleared: %s", a->counter, r.msg);
		}
	}
	a->logged_in = false;
	memset(&a->officer, 0, sizeof(a->officer));
	a->mode = MODE_LOGIN;
	a->login_pin_stage = false;
	a->login_typed[0] = '\0';
	memset(a->login_pin, 0, sizeof(a->login_pin));
	a->login_sel = 0;
	snprintf(a->login_msg, sizeof(a->login_msg), "%s", message ? message : "");
	set_title(a);
	app_dirty(a);
}

/* The name Enter would take: the selected account, else what was typed. */
static const char *chosen_name(const struct app *a)
{
	if (a->login_sel >= 0 && (size_t)a->login_sel < a->n_officers) {
		return a->officers[a->login_sel].name;
	}
	return a->login_typed;
}

/* What is typed selects the first account it begins (or, failing that, is in). */
static void follow_typed(struct app *a)
{
	size_t len = strlen(a->login_typed);
	a->login_sel = len ? -1 : 0;
	for (size_t i = 0; i < a->n_officers && len && a->login_sel < 0; i++) {
		if (strncasecmp(a->officers[i].name, a->login_typed, len) == 0) {
			a->login_sel = (int)i;
		}
	}
	for (size_t i = 0; i < a->n_officers && len && a->login_sel < 0; i++) {
		if (strstr(a->officers[i].name, a->login_typed)) {
			a->login_sel = (int)i;
		}
	}
}

static void to_pin(struct app *a)
{
	if (!chosen_name(a)[0]) {
		snprintf(a->login_msg, sizeof(a->login_msg), "Chọn tên cán bộ trong danh sách");
		return;
	}
	snprintf(a->login_name, sizeof(a->login_name), "%s", chosen_name(a));
	a->login_pin_stage = true;
	memset(a->login_pin, 0, sizeof(a->login_pin));
	a->login_msg[0] = '\0';
}

/*
 * Checks the PIN. The desk's check costs about 0.1 s of hashing; the
 * window is on its login screen with nothing else to do meanwhile.
 */
static void submit(struct app *a)
{
	struct officer o;
	struct pin_check check;
	struct result r = { 0 };
	if (!a->login_pin[0]) {
		snprintf(a->login_msg, sizeof(a->login_msg), "Nhập mã PIN rồi bấm Enter");
		return;
	}
	bool ok = desk_officer_login(a->desk, a->counter, a->login_name, a->login_pin, &o, &check,
		&r);
	memset(a->login_pin, 0, sizeof(a->login_pin));
	if (!ok) {
		snprintf(a->login_msg, sizeof(a->login_msg), "%s", r.msg);
		return;
	}
	if (check.outcome == PIN_LOCKED || (check.outcome == PIN_WRONG && check.lock_started)) {
		snprintf(a->login_msg, sizeof(a->login_msg),
			"Tạm khóa %lld phút do nhập sai nhiều lần",
			(long long)((check.locked_ms + 59999) / 60000));
		LOG_INFO("counter %d: officer login locked", a->counter);
		return;
	}
	if (check.outcome != PIN_RIGHT) {
		snprintf(a->login_msg, sizeof(a->login_msg), "Mã PIN không đúng");
		LOG_INFO("counter %d: wrong officer PIN", a->counter);
		return;
	}
	a->officer = o;
	a->logged_in = true;
	a->mode = MODE_MAIN;
	a->login_msg[0] = '\0';
	LOG_INFO("counter %d: officer %lld logged in", a->counter, (long long)o.id);
	set_title(a);
	app_refresh(a);
	app_message(a, MSG_OK, "Xin chào %s", o.name);
}

void login_key(struct app *a, SDL_Keycode k)
{
	switch (k) {
	case SDLK_RETURN:
	case SDLK_KP_ENTER:
		if (a->login_pin_stage) {
			submit(a);
		} else {
			to_pin(a);
		}
		break;
	case SDLK_ESCAPE:
		a->login_pin_stage = false;
		memset(a->login_pin, 0, sizeof(a->login_pin));
		a->login_msg[0] = '\0';
		break;
	case SDLK_BACKSPACE:
	case SDLK_KP_BACKSPACE: {
		char *s = a->login_pin_stage ? a->login_pin : a->login_typed;
		size_t len = strlen(s);
		while (len > 0 && ((unsigned char)s[len - 1] & 0xC0) == 0x80) {
			len--;   /* a UTF-8 continuation byte: drop the whole letter */
		}
		if (len > 0) {
			s[len - 1] = '\0';
		}
		if (!a->login_pin_stage) {
			follow_typed(a);
		}
		break;
	}
	case SDLK_UP:
	case SDLK_DOWN:
		if (!a->login_pin_stage && a->n_officers > 0) {
			int n = (int)a->n_officers;
			int sel = a->login_sel < 0 ? 0 : a->login_sel + (k == SDLK_DOWN ? 1 : -1);
			a->login_sel = (sel + n) % n;
			a->login_typed[0] = '\0';
		}
		break;
	default:
		break;
	}
	app_dirty(a);
}

void login_text(struct app *a, const char *s)
{
	if (a->login_pin_stage) {
		size_t len = strlen(a->login_pin);
		for (; *s && len < PIN_MAX_DIGITS; s++) {
			if (*s >= '0' && *s <= '9') {
				a->login_pin[len++] = *s;
			}
		}
		a->login_pin[len] = '\0';
	} else {
		size_t len = strlen(a->login_typed);
		if (len + strlen(s) < sizeof(a->login_typed)) {
			memcpy(a->login_typed + len, s, strlen(s) + 1);
			follow_typed(a);
		}
	}
	a->login_msg[0] = '\0';
	app_dirty(a);
}

void login_click(struct app *a, int x, int y)
{
	SDL_Point p = { x, y };
	for (size_t i = 0; i < a->login_n_boxes; i++) {
		if (SDL_PointInRect(&p, &a->login_boxes[i])) {
			a->login_sel = (int)(a->login_first + i);
			a->login_typed[0] = '\0';
			to_pin(a);
			app_dirty(a);
			return;
		}
	}
}

void login_draw(struct app *a, int w, int h)
{
	int u = paint_unit(w, h);
	SDL_Rect all = { 0, 0, w, h };
	paint_fill(a, &all, 0, C_BG);
	SDL_Rect bar = { 0, 0, w, u * 26 / 10 };
	paint_fill(a, &bar, 0, C_HEAD);
	char head[64];
	snprintf(head, sizeof(head), "Quầy %d", a->counter);
	paint_line(a, head, u * 12 / 10, true, C_WHITE, u, (bar.h - paint_line_height(a,
		u * 12 / 10, true)) / 2, w / 2, UI_ALIGN_LEFT, &bar);
	SDL_Rect panel = { w * 15 / 100, bar.h + u, w * 70 / 100, h - bar.h - 2 * u };
	paint_fill(a, &panel, u / 2, C_CARD);
	int pad = u * 12 / 10, x = panel.x + pad, iw = panel.w - 2 * pad, y = panel.y + pad;
	y += paint_line(a, "Đăng nhập cán bộ", u * 2, true, C_TEXT, x, y, iw, UI_ALIGN_CENTER,
		&panel) + u / 2;
	a->login_n_boxes = 0;
	if (!a->login_pin_stage) {
		y += paint_line(a, "Chọn tên của mình (phím mũi tên hoặc gõ tên) rồi bấm Enter",
			u, false, C_MUTED, x, y, iw, UI_ALIGN_CENTER, &panel) + u / 2;
		SDL_Rect field = { x, y, iw, u * 25 / 10 };
		paint_fill(a, &field, u / 3, C_BG);
		ui_trace_rect(a->trace, "login", "name", &field);
		paint_line(a, a->login_typed[0] ? a->login_typed : " ", u * 13 / 10, false, C_TEXT,
			field.x + u / 2, field.y + (field.h - paint_line_height(a, u * 13 / 10, false)) / 2,
			field.w - u, UI_ALIGN_LEFT, &field);
		y += field.h + u / 2;
		int row_h = u * 22 / 10, bottom = panel.y + panel.h - pad - u * 2;
		size_t rows = (size_t)((bottom - y) / (row_h + u / 4));
		if (rows > LOGIN_ROWS) {
			rows = LOGIN_ROWS;
		}
		a->login_first = 0;
		if (rows > 0 && a->login_sel >= (int)rows) {
			a->login_first = (size_t)a->login_sel - rows + 1;
		}
		for (size_t i = a->login_first; i < a->n_officers && a->login_n_boxes < rows; i++) {
			SDL_Rect *b = &a->login_boxes[a->login_n_boxes++];
			*b = (SDL_Rect){ x, y, iw, row_h };
			bool sel = (int)i == a->login_sel;
			paint_fill(a, b, u / 3, sel ? C_BLUE : C_BG);
			char id[24];
			snprintf(id, sizeof(id), "%zu", i + 1);
			ui_trace_rect(a->trace, "officer", id, b);
			paint_line(a, a->officers[i].name, u * 12 / 10, sel, sel ? C_WHITE : C_TEXT,
				b->x + u, b->y + (row_h - paint_line_height(a, u * 12 / 10, sel)) / 2,
				b->w - 2 * u, UI_ALIGN_LEFT, b);
			y += row_h + u / 4;
		}
	} else {
		y += paint_line(a, a->login_name, u * 15 / 10, true, C_BLUE, x, y, iw,
			UI_ALIGN_CENTER, &panel) + u / 2;
		y += paint_line(a, "Nhập mã PIN rồi bấm Enter (Esc: chọn tên khác)", u, false,
			C_MUTED, x, y, iw, UI_ALIGN_CENTER, &panel) + u / 2;
		char dots[3 * PIN_MAX_DIGITS + 1] = "";
		for (size_t i = 0; a->login_pin[i]; i++) {
			strcat(dots, "•");
		}
		SDL_Rect field = { x + iw / 4, y, iw / 2, u * 3 };
		paint_fill(a, &field, u / 3, C_BG);
		ui_trace_rect(a->trace, "login", "pin", &field);
		paint_line(a, dots[0] ? dots : " ", u * 2, true, C_TEXT, field.x, field.y
			+ (field.h - paint_line_height(a, u * 2, true)) / 2, field.w, UI_ALIGN_CENTER,
			&field);
		y += field.h + u;
	}
	if (a->login_msg[0]) {
		/* Under the PIN it is answering; under the list at the panel's foot. */
		int my = a->login_pin_stage ? y : panel.y + panel.h - pad - u * 3 / 2;
		paint_line(a, a->login_msg, u * 13 / 10, true, C_RED, x, my, iw, UI_ALIGN_CENTER,
			&panel);
	}
}
