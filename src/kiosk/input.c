/*
 * What a tap, a click or a key does on each screen, and what the printer
 * thread's answers do. Touch and mouse act on the press (a held finger
 * gives one press); SDL's mouse events synthesized from touch are dropped so
 * a tap counts once. After a ticket or a message appears, and again when it
 * is dismissed, taps are ignored for a moment: a double tap gives one ticket.
 */
#define LOG_MODULE "kiosk"
#include <string.h>
#include "kiosk.h"
#include "motcua/base/clock.h"
#include "motcua/base/log.h"

#define DISMISS_LOCK_MS 700

static bool locked(struct kiosk *k)
{
	return k->input_lock_until && clock_mono_ms() < k->input_lock_until;
}

static void lock_input(struct kiosk *k, int ms)
{
	k->input_lock_until = clock_mono_ms() + ms;
}

static void go_home(struct kiosk *k)
{
	pin_entry_clear(&k->pin);
	kiosk_set_screen(k, SCREEN_HOME);
	lock_input(k, DISMISS_LOCK_MS);
}

static void show_error(struct kiosk *k, const char *title, const char *detail)
{
	snprintf(k->err_title, sizeof(k->err_title), "%s", title);
	snprintf(k->err_detail, sizeof(k->err_detail), "%s", detail);
	kiosk_set_screen(k, SCREEN_ERROR);
	k->screen_deadline = clock_mono_ms() + KIOSK_ERROR_SHOW_MS;
	lock_input(k, KIOSK_TAP_LOCK_MS);
	kiosk_trace(k, "error %s", title);
}

/* The citizen chose service i (priority or not). */
static void take_ticket(struct kiosk *k, size_t i, bool priority)
{
	if (i >= k->snap.n_services || k->issue_pending) {
		return;
	}
	const struct service *s = &k->snap.services[i].service;
	if (!kiosk_service_open(k, i)) {
		char detail[256];
		snprintf(detail, sizeof(detail), "%s – Vui lòng liên hệ cán bộ", s->name);
		show_error(k, "Đã hết số hôm nay", detail);
		return;
	}
	struct worker_job job = { .kind = WORKER_ISSUE, .priority = priority,
		.submitted_ms = clock_mono_ms() };
	snprintf(job.service_code, sizeof(job.service_code), "%s", s->code);
	if (!worker_submit(k->worker, &job)) {
		return;  /* the printer thread is swamped; the tap is simply not taken */
	}
	k->issue_pending = true;
	k->tap_ms = job.submitted_ms;
	kiosk_trace(k, "tap %s %d", s->code, priority ? 1 : 0);
	kiosk_set_screen(k, SCREEN_BUSY);
}

static void corner_tap(struct kiosk *k)
{
	int64_t now = clock_mono_ms();
	if (k->corner_taps == 0 || now - k->corner_first_ms > KIOSK_GESTURE_MS) {
		k->corner_taps = 0;
		k->corner_first_ms = now;
	}
	if (++k->corner_taps < KIOSK_GESTURE_TAPS) {
		return;
	}
	k->corner_taps = 0;
	pin_entry_clear(&k->pin);
	k->pin_msg[0] = '\0';
	kiosk_set_screen(k, SCREEN_PIN);
	k->screen_deadline = now + KIOSK_PIN_IDLE_MS;
}

static void pin_submit(struct kiosk *k)
{
	if (k->pin_checking || pin_pad_locked_ms(k->pin_locked_until, clock_mono_ms())) {
		return;
	}
	if (!pin_entry_complete(&k->pin)) {
		snprintf(k->pin_msg, sizeof(k->pin_msg), "Mã PIN có ít nhất %d chữ số", PIN_MIN_DIGITS);
		k->dirty = true;
		return;
	}
	struct worker_job job = { .kind = WORKER_VERIFY_PIN, .submitted_ms = clock_mono_ms() };
	memcpy(job.pin, k->pin.digits, k->pin.len + 1);
	if (worker_submit(k->worker, &job)) {
		k->pin_checking = true;
		snprintf(k->pin_msg, sizeof(k->pin_msg), "Đang kiểm tra...");
	}
	pin_entry_clear(&k->pin);
	memset(&job, 0, sizeof(job));
	k->dirty = true;
}

static void pin_key(struct kiosk *k, int key)
{
	k->screen_deadline = clock_mono_ms() + KIOSK_PIN_IDLE_MS;
	if (k->pin_checking || pin_pad_locked_ms(k->pin_locked_until, clock_mono_ms())) {
		return;
	}
	if (key == 9) {
		pin_entry_back(&k->pin);
	} else if (key == 11) {
		pin_submit(k);
	} else {
		pin_entry_add(&k->pin, key == 10 ? '0' : (char)('1' + key));
	}
	k->dirty = true;
}

static void admin_action(struct kiosk *k, int button)
{
	k->screen_deadline = clock_mono_ms() + KIOSK_ADMIN_IDLE_MS;
	if (button == 3) {
		go_home(k);
		return;
	}
	if (button == 2) {
		LOG_INFO("exit requested from the admin screen");
		kiosk_trace(k, "exit");
		k->quit = true;
		return;
	}
	if (k->admin_busy) {
		return;
	}
	struct worker_job job = { .kind = button == 0 ? WORKER_SELFTEST : WORKER_REPRINT,
		.submitted_ms = clock_mono_ms() };
	if (button == 1) {
		if (!k->has_last) {
			snprintf(k->admin_msg, sizeof(k->admin_msg), "Chưa có phiếu nào từ lúc khởi động.");
			k->dirty = true;
			return;
		}
		job.ticket = k->last;
	}
	if (worker_submit(k->worker, &job)) {
		k->admin_busy = true;
		snprintf(k->admin_msg, sizeof(k->admin_msg), "Đang in...");
		k->dirty = true;
	}
}

static void press(struct kiosk *k, int x, int y)
{
	const struct layout *l = &k->layout;
	int i;
	k->focus_visible = false;
	switch (k->screen) {
	case SCREEN_HOME:
		if (layout_hit(&l->corner, 1, x, y) == 0) {
			corner_tap(k);
			return;
		}
		if (locked(k)) {
			return;
		}
		if ((i = layout_hit(l->normal, l->n_cells, x, y)) >= 0) {
			take_ticket(k, (size_t)i, false);
		} else if ((i = layout_hit(l->priority, l->n_cells, x, y)) >= 0) {
			take_ticket(k, (size_t)i, true);
		}
		break;
	case SCREEN_BUSY:
		break;
	case SCREEN_TICKET:
	case SCREEN_ERROR:
		if (!locked(k)) {
			go_home(k);
		}
		break;
	case SCREEN_PIN:
		if ((i = layout_hit(l->pin_key, LAYOUT_PIN_KEYS, x, y)) >= 0) {
			pin_key(k, i);
		} else if (layout_hit(&l->pin_cancel, 1, x, y) == 0) {
			go_home(k);
		}
		break;
	case SCREEN_ADMIN:
		if ((i = layout_hit(l->admin_button, LAYOUT_ADMIN_BUTTONS, x, y)) >= 0) {
			admin_action(k, i);
		}
		break;
	}
}

static void move_focus(struct kiosk *k, int delta)
{
	int n = (int)(2 * k->layout.n_cells);
	if (n == 0) {
		return;
	}
	k->focus = ((k->focus + delta) % n + n) % n;
	k->focus_visible = true;
	k->dirty = true;
}

static void key_home(struct kiosk *k, SDL_Keycode key)
{
	int cols = k->layout.cols > 0 ? k->layout.cols : 1;
	switch (key) {
	case SDLK_LEFT: move_focus(k, -1); break;
	case SDLK_RIGHT: case SDLK_TAB: move_focus(k, 1); break;
	case SDLK_UP: move_focus(k, -2 * cols); break;
	case SDLK_DOWN: move_focus(k, 2 * cols); break;
	case SDLK_RETURN: case SDLK_KP_ENTER: case SDLK_SPACE:
		if (!locked(k) && k->layout.n_cells > 0) {
			take_ticket(k, (size_t)(k->focus / 2), k->focus % 2 == 1);
		}
		break;
	default:
		if (key >= SDLK_1 && key <= SDLK_9 && !locked(k)) {
			take_ticket(k, (size_t)(key - SDLK_1), false);
		}
		break;
	}
}

static void key(struct kiosk *k, const SDL_KeyboardEvent *ev)
{
	if (ev->repeat) {
		return;  /* a held key is one press */
	}
	SDL_Keycode key = ev->keysym.sym;
	switch (k->screen) {
	case SCREEN_HOME:
		key_home(k, key);
		break;
	case SCREEN_BUSY:
		break;
	case SCREEN_TICKET:
	case SCREEN_ERROR:
		if (!locked(k) && (key == SDLK_RETURN || key == SDLK_KP_ENTER || key == SDLK_SPACE
				|| key == SDLK_ESCAPE)) {
			go_home(k);
		}
		break;
	case SCREEN_PIN:
		if (key >= SDLK_0 && key <= SDLK_9) {
			pin_key(k, key == SDLK_0 ? 10 : (int)(key - SDLK_1));
		} else if (key >= SDLK_KP_1 && key <= SDLK_KP_0) {
			pin_key(k, key == SDLK_KP_0 ? 10 : (int)(key - SDLK_KP_1));
		} else if (key == SDLK_BACKSPACE) {
			pin_key(k, 9);
		} else if (key == SDLK_RETURN || key == SDLK_KP_ENTER) {
			pin_key(k, 11);
		} else if (key == SDLK_ESCAPE) {
			go_home(k);
		}
		break;
	case SCREEN_ADMIN:
		if (key == SDLK_ESCAPE) {
			go_home(k);
		}
		break;
	}
}

void input_event(struct kiosk *k, const SDL_Event *ev)
{
	switch (ev->type) {
	case SDL_FINGERDOWN:
		press(k, (int)(ev->tfinger.x * (float)k->w), (int)(ev->tfinger.y * (float)k->h));
		break;
	case SDL_MOUSEBUTTONDOWN:
		if (ev->button.which != SDL_TOUCH_MOUSEID && ev->button.button == SDL_BUTTON_LEFT) {
			/* Window coordinates to output pixels (they differ on HiDPI outputs). */
			int ww, wh;
			SDL_GetWindowSize(k->window, &ww, &wh);
			press(k, ev->button.x * k->w / (ww > 0 ? ww : 1),
				ev->button.y * k->h / (wh > 0 ? wh : 1));
		}
		break;
	case SDL_KEYDOWN:
		key(k, &ev->key);
		break;
	default:
		break;
	}
}

/* The core checked the PIN, counted it, and wrote the audit row (pin.h). */
static void reply_pin(struct kiosk *k, const struct worker_reply *rep)
{
	k->pin_checking = false;
	k->dirty = true;
	k->pin_locked_until = rep->pin_locked_ms ? clock_mono_ms() + rep->pin_locked_ms : 0;
	if (rep->ok) {
		LOG_INFO("admin screen opened");
		k->admin_msg[0] = '\0';
		kiosk_set_screen(k, SCREEN_ADMIN);
		k->screen_deadline = clock_mono_ms() + KIOSK_ADMIN_IDLE_MS;
		kiosk_check_printer(k);
		return;
	}
	if (rep->no_pin) {
		snprintf(k->pin_msg, sizeof(k->pin_msg), "Chưa đặt mã PIN (lệnh: motcua pin set)");
		return;
	}
	if (rep->r.code == RESULT_ERR_DB) {
		snprintf(k->pin_msg, sizeof(k->pin_msg), "Không kiểm tra được mã PIN, thử lại sau");
		return;
	}
	if (!rep->pin_wrong) {
		return;  /* locked: the pad says for how long */
	}
	LOG_WARN("wrong admin PIN at the kiosk%s", rep->pin_locked_ms ? "; admin screen locked" : "");
	kiosk_trace(k, "pin wrong %d", rep->pin_locked_ms ? 1 : 0);
	snprintf(k->pin_msg, sizeof(k->pin_msg), "Sai mã PIN");
}

static void reply_issue(struct kiosk *k, const struct worker_reply *rep)
{
	k->issue_pending = false;
	if (rep->ok) {
		k->last = rep->ticket;
		k->has_last = true;
		if (!rep->ticket.print_unconfirmed) {
			k->printer_ok = k->printer_known = true;
		}
		kiosk_set_screen(k, SCREEN_TICKET);
		k->screen_deadline = clock_mono_ms() + KIOSK_TICKET_SHOW_MS;
		lock_input(k, KIOSK_TAP_LOCK_MS);
		kiosk_trace(k, "ticket %s %s %d latency_ms=%lld%s", rep->ticket.number,
			rep->ticket.service_code, rep->ticket.priority ? 1 : 0,
			(long long)rep->latency_ms, rep->ticket.print_unconfirmed ? " unconfirmed" : "");
		return;
	}
	switch (rep->r.code) {
	case RESULT_ERR_PRINTER:
		k->printer_known = true;
		k->printer_ok = false;
		k->printer_st = rep->st;
		k->next_printer_check = clock_mono_ms() + KIOSK_PRINTER_BAD_CHECK_MS;
		show_error(k, printer_fault_info(printer_status_fault(&rep->st))->citizen_vi,
			"Vui lòng liên hệ cán bộ");
		break;
	case RESULT_ERR_CAP:
		show_error(k, "Đã hết số hôm nay", "Vui lòng liên hệ cán bộ");
		break;
	default:
		show_error(k, "Chưa lấy được số", "Vui lòng liên hệ cán bộ");
		break;
	}
}

void input_worker_reply(struct kiosk *k, struct worker_reply *rep)
{
	if (rep->have_status) {
		bool ok = rep->printer_open && printer_fault_check(printer_status_fault(&rep->st), NULL);
		if (!k->printer_known || ok != k->printer_ok
				|| memcmp(&rep->st, &k->printer_st, sizeof(rep->st)) != 0) {
			kiosk_trace(k, "printer %s", ok ? "ok" : "fault");
			k->dirty = true;
		}
		if (ok != k->printer_ok || !k->printer_known) {
			k->next_printer_check = clock_mono_ms()
				+ (ok ? KIOSK_PRINTER_OK_CHECK_MS : KIOSK_PRINTER_BAD_CHECK_MS);
		}
		k->printer_known = true;
		k->printer_ok = ok;
		k->printer_st = rep->st;
	}
	switch (rep->kind) {
	case WORKER_ISSUE:
		reply_issue(k, rep);
		break;
	case WORKER_STATUS:
		k->status_pending = false;
		break;
	case WORKER_PREPARE:
		break;
	case WORKER_SELFTEST:
	case WORKER_REPRINT:
		k->admin_busy = false;
		if (rep->ok) {
			if (rep->kind == WORKER_SELFTEST) {
				snprintf(k->admin_msg, sizeof(k->admin_msg), "Đã in phiếu in thử.");
			} else {
				snprintf(k->admin_msg, sizeof(k->admin_msg), "Đã in lại phiếu %s.",
					rep->ticket.number);
				if (k->has_last && k->last.id == rep->ticket.id) {
					k->last.print_unconfirmed = false;
				}
			}
		} else {
			snprintf(k->admin_msg, sizeof(k->admin_msg), "Không in được: %s", rep->r.msg);
		}
		kiosk_trace(k, "admin %s %d", rep->kind == WORKER_SELFTEST ? "selftest" : "reprint",
			rep->ok ? 1 : 0);
		k->dirty = true;
		break;
	case WORKER_VERIFY_PIN:
		reply_pin(k, rep);
		break;
	}
}
