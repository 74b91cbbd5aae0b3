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
#include "view.h"
#include "words.h"
#include "motcua/base/clock.h"
#include "motcua/base/log.h"

#define DISMISS_LOCK_MS 700
#define GROUP_LOCK_MS 500

static bool locked(struct kiosk *k)
{
	return k->input_lock_until && clock_mono_ms() < k->input_lock_until;
}

static void lock_input(struct kiosk *k, int ms)
{
	kiosk_lock_input(k, ms);
}

static void go_home(struct kiosk *k)
{
	pin_entry_clear(&k->pin);
	k->confirm_exit = false;
	view_home(k);
	lock_input(k, DISMISS_LOCK_MS);
}

static void show_error(struct kiosk *k, const char *title, const char *detail)
{
	snprintf(k->err_title, sizeof(k->err_title), "%s", title);
	snprintf(k->err_detail, sizeof(k->err_detail), "%s", detail);
	kiosk_set_screen(k, SCREEN_ERROR);
	kiosk_screen_timeout(k, KIOSK_ERROR_SHOW_MS);
	lock_input(k, KIOSK_TAP_LOCK_MS);
	ui_trace_event(k->trace, "error", "title", title, NULL);
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
		snprintf(detail, sizeof(detail), "%s – %s", s->name, TXT_SEE_STAFF);
		show_error(k, TXT_FULL, detail);
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
	ui_trace_event(k->trace, "tap", "service", s->code, "priority", priority ? "1" : "0", NULL);
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
	kiosk_screen_timeout(k, KIOSK_PIN_IDLE_MS);
}

static void pin_submit(struct kiosk *k)
{
	if (k->pin_checking || pin_pad_locked_ms(k->pin_locked_until, clock_mono_ms())) {
		return;
	}
	if (!pin_entry_complete(&k->pin)) {
		snprintf(k->pin_msg, sizeof(k->pin_msg), TXT_PIN_SHORT_FMT, PIN_MIN_DIGITS);
		kiosk_dirty(k);
		return;
	}
	struct worker_job job = { .kind = WORKER_VERIFY_PIN, .submitted_ms = clock_mono_ms() };
	memcpy(job.pin, k->pin.digits, k->pin.len + 1);
	if (worker_submit(k->worker, &job)) {
		k->pin_checking = true;
		snprintf(k->pin_msg, sizeof(k->pin_msg), "%s", TXT_PIN_CHECKING);
	}
	pin_entry_clear(&k->pin);
	memset(&job, 0, sizeof(job));
	kiosk_dirty(k);
}

static void pin_key(struct kiosk *k, int key)
{
	kiosk_screen_timeout(k, KIOSK_PIN_IDLE_MS);
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
	kiosk_dirty(k);
}

/* The admin screen's buttons: 0 self-test, 1 reprint, 2 exit (asks first), 3 back. */
static void admin_action(struct kiosk *k, int button)
{
	kiosk_screen_timeout(k, KIOSK_ADMIN_IDLE_MS);
	if (button == 3) {
		go_home(k);
		return;
	}
	if (button == 2) {
		k->confirm_exit = true;
		ui_trace_event(k->trace, "admin", "action", "confirm-exit", NULL);
		kiosk_dirty(k);
		return;
	}
	if (k->admin_busy) {
		return;
	}
	struct worker_job job = { .kind = button == 0 ? WORKER_SELFTEST : WORKER_REPRINT,
		.submitted_ms = clock_mono_ms() };
	if (button == 1) {
		if (!k->has_last) {
			snprintf(k->admin_msg, sizeof(k->admin_msg), "%s", TXT_ADMIN_NOTHING_TO_REPRINT);
			kiosk_dirty(k);
			return;
		}
		job.ticket = k->last;
	}
	k->admin_failed = false;
	if (worker_submit(k->worker, &job)) {
		k->admin_busy = true;
		snprintf(k->admin_msg, sizeof(k->admin_msg), "%s", TXT_ADMIN_PRINTING);
		kiosk_dirty(k);
	}
}

/* The exit dialog: the kiosk stops only on "Thoát"; anything else keeps it. */
static void confirm_press(struct kiosk *k, int x, int y)
{
	const struct layout *l = &k->layout;
	kiosk_screen_timeout(k, KIOSK_ADMIN_IDLE_MS);
	if (layout_hit(&l->confirm_yes, 1, x, y) == 0) {
		LOG_INFO("exit requested from the admin screen");
		ui_trace_event(k->trace, "exit", NULL);
		ui_loop_quit(k->loop);
	} else if (layout_hit(&l->confirm_no, 1, x, y) == 0
			|| layout_hit(&l->confirm, 1, x, y) < 0) {
		k->confirm_exit = false;
		ui_trace_event(k->trace, "admin", "action", "stay", NULL);
		kiosk_dirty(k);
	}
}

/* A tap on the home or group screen. */
static void press_list(struct kiosk *k, int x, int y)
{
	const struct layout *l = &k->layout;
	int i;
	if (layout_hit(&l->corner, 1, x, y) == 0) {
		corner_tap(k);
		return;
	}
	if (locked(k)) {
		return;
	}
	if (k->screen == SCREEN_GROUP) {
		kiosk_screen_timeout(k, k->idle_ms);
		if (layout_hit(&l->back, 1, x, y) == 0) {
			/* No lock: under "Quay lại" the first screen has only its title. */
			view_home(k);
			return;
		}
	}
	if (l->plan.pages > 1 && layout_hit(&l->page_prev, 1, x, y) == 0) {
		view_turn_page(k, -1);
	} else if (l->plan.pages > 1 && layout_hit(&l->page_next, 1, x, y) == 0) {
		view_turn_page(k, 1);
	} else if ((i = layout_hit_cell(l, false, x, y)) >= 0) {
		const struct menu_entry *e = kiosk_cell_entry(k, (size_t)i);
		if (e->group) {
			view_open_group(k, e->index);
			lock_input(k, GROUP_LOCK_MS);  /* a double tap must not take a ticket there */
		} else {
			take_ticket(k, e->index, false);
		}
	} else if ((i = layout_hit_cell(l, true, x, y)) >= 0) {
		take_ticket(k, kiosk_cell_entry(k, (size_t)i)->index, true);
	}
}

static void press(struct kiosk *k, int x, int y)
{
	const struct layout *l = &k->layout;
	int i;
	k->focus_visible = false;
	switch (k->screen) {
	case SCREEN_HOME:
	case SCREEN_GROUP:
		press_list(k, x, y);
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
		if (k->confirm_exit) {
			confirm_press(k, x, y);
		} else if ((i = layout_hit(l->admin_button, LAYOUT_ADMIN_BUTTONS, x, y)) >= 0) {
			admin_action(k, i);
		}
		break;
	}
}

/* The buttons of the page on screen in order: a field's normal and priority, a group's tile. */
struct target {
	size_t cell;
	bool priority;
};

static size_t targets(const struct kiosk *k, struct target *out)
{
	size_t n = 0;
	for (size_t i = 0; i < k->layout.n_cells; i++) {
		out[n++] = (struct target){ i, false };
		if (!k->layout.cells[i].group) {
			out[n++] = (struct target){ i, true };
		}
	}
	return n;
}

static void move_focus(struct kiosk *k, int delta)
{
	struct target t[2 * LAYOUT_MAX_TILES];
	int n = (int)targets(k, t);
	if (n == 0) {
		return;
	}
	k->focus = ((k->focus + delta) % n + n) % n;
	k->focus_visible = true;
	kiosk_dirty(k);
}

/* Activates the focused button, or cell i's normal button when i >= 0. */
static void activate(struct kiosk *k, int cell)
{
	struct target t[2 * LAYOUT_MAX_TILES];
	int n = (int)targets(k, t);
	struct target pick;
	if (cell >= 0) {
		if ((size_t)cell >= k->layout.n_cells) {
			return;
		}
		pick = (struct target){ (size_t)cell, false };
	} else if (k->focus < n) {
		pick = t[k->focus];
	} else {
		return;
	}
	const struct menu_entry *e = kiosk_cell_entry(k, pick.cell);
	if (e->group) {
		view_open_group(k, e->index);
	} else {
		take_ticket(k, e->index, pick.priority);
	}
}

static void key_list(struct kiosk *k, SDL_Keycode key)
{
	int per_row = k->layout.plan.cols * (k->grouped && k->screen == SCREEN_HOME ? 1 : 2);
	if (k->screen == SCREEN_GROUP) {
		kiosk_screen_timeout(k, k->idle_ms);
	}
	switch (key) {
	case SDLK_LEFT: move_focus(k, -1); break;
	case SDLK_RIGHT: case SDLK_TAB: move_focus(k, 1); break;
	case SDLK_UP: move_focus(k, -per_row); break;
	case SDLK_DOWN: move_focus(k, per_row); break;
	case SDLK_PAGEUP: view_turn_page(k, -1); break;
	case SDLK_PAGEDOWN: view_turn_page(k, 1); break;
	case SDLK_ESCAPE: case SDLK_BACKSPACE:
		if (k->screen == SCREEN_GROUP) {
			go_home(k);
		}
		break;
	case SDLK_RETURN: case SDLK_KP_ENTER: case SDLK_SPACE:
		if (!locked(k)) {
			activate(k, -1);
		}
		break;
	default:
		if (key >= SDLK_1 && key <= SDLK_9 && !locked(k)) {
			activate(k, (int)(key - SDLK_1));
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
	case SCREEN_GROUP:
		key_list(k, key);
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
		if (key == SDLK_ESCAPE && k->confirm_exit) {
			k->confirm_exit = false;
			kiosk_dirty(k);
		} else if (key == SDLK_ESCAPE) {
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
	kiosk_dirty(k);
	k->pin_locked_until = rep->pin_locked_ms ? clock_mono_ms() + rep->pin_locked_ms : 0;
	if (rep->ok) {
		LOG_INFO("admin screen opened");
		k->admin_msg[0] = '\0';
		k->confirm_exit = false;
		kiosk_set_screen(k, SCREEN_ADMIN);
		kiosk_screen_timeout(k, KIOSK_ADMIN_IDLE_MS);
		kiosk_check_printer(k);
		return;
	}
	if (rep->no_pin) {
		snprintf(k->pin_msg, sizeof(k->pin_msg), "%s", TXT_PIN_NOT_SET);
		return;
	}
	if (rep->r.code == RESULT_ERR_DB) {
		snprintf(k->pin_msg, sizeof(k->pin_msg), "%s", TXT_PIN_CANNOT_CHECK);
		return;
	}
	if (!rep->pin_wrong) {
		return;  /* locked: the pad says for how long */
	}
	LOG_WARN("wrong admin PIN at the kiosk%s", rep->pin_locked_ms ? "; admin screen locked" : "");
	ui_trace_event(k->trace, "pin", "result", "wrong", "locked", rep->pin_locked_ms ? "1" : "0",
		NULL);
	snprintf(k->pin_msg, sizeof(k->pin_msg), "%s", TXT_PIN_WRONG);
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
		kiosk_screen_timeout(k, KIOSK_TICKET_SHOW_MS);
		lock_input(k, KIOSK_TAP_LOCK_MS);
		char latency[24];
		snprintf(latency, sizeof(latency), "%lld", (long long)rep->latency_ms);
		ui_trace_event(k->trace, "ticket", "number", rep->ticket.number,
			"service", rep->ticket.service_code, "priority", rep->ticket.priority ? "1" : "0",
			"latency_ms", latency, "unconfirmed", rep->ticket.print_unconfirmed ? "1" : "0",
			NULL);
		return;
	}
	switch (rep->r.code) {
	case RESULT_ERR_PRINTER:
		k->printer_known = true;
		k->printer_ok = false;
		k->printer_st = rep->st;
		kiosk_schedule_printer_check(k, KIOSK_PRINTER_BAD_CHECK_MS);
		show_error(k, printer_fault_info(printer_status_fault(&rep->st))->citizen_vi,
			TXT_SEE_STAFF);
		break;
	case RESULT_ERR_CAP:
		show_error(k, TXT_FULL, TXT_SEE_STAFF);
		break;
	case RESULT_ERR_OFFLINE:
		show_error(k, TXT_OFFLINE, TXT_OFFLINE_DETAIL);
		break;
	default:
		show_error(k, TXT_NO_NUMBER, TXT_SEE_STAFF);
		break;
	}
}

/*
 * Why a self-test or reprint did not print, in the printer fault table's
 * Vietnamese (printer_status.h): what is wrong and what staff should do.
 * The English detail goes to the log.
 */
static void admin_failure(struct kiosk *k, const struct worker_reply *rep)
{
	LOG_WARN("%s failed: %s", rep->kind == WORKER_SELFTEST ? "self-test" : "reprint",
		rep->r.msg);
	enum printer_fault f = rep->have_status ? printer_status_fault(&rep->st)
		: PRINTER_FAULT_NO_ANSWER;
	if (rep->r.code != RESULT_ERR_PRINTER) {
		k->admin_failed = true;
		snprintf(k->admin_msg, sizeof(k->admin_msg), "%s", TXT_ADMIN_PRINT_ERROR);
		return;
	}
	if (printer_fault_check(f, NULL)) {
		/* It answers well now: the job itself was not confirmed. */
		f = PRINTER_FAULT_UNCONFIRMED;
	}
	const struct printer_fault_info *fi = printer_fault_info(f);
	k->admin_failed = true;
	snprintf(k->admin_msg, sizeof(k->admin_msg), TXT_ADMIN_PRINT_FAILED_FMT, fi->citizen_vi,
		*fi->advice_vi ? ". " : "", fi->advice_vi);
}

void input_worker_reply(struct kiosk *k, struct worker_reply *rep)
{
	if (rep->have_status) {
		bool ok = rep->printer_open && printer_fault_check(printer_status_fault(&rep->st), NULL);
		if (!k->printer_known || ok != k->printer_ok
				|| memcmp(&rep->st, &k->printer_st, sizeof(rep->st)) != 0) {
			ui_trace_event(k->trace, "printer", "state", ok ? "ok" : "fault", NULL);
			kiosk_dirty(k);
		}
		if (ok != k->printer_ok || !k->printer_known) {
			kiosk_schedule_printer_check(k, ok ? KIOSK_PRINTER_OK_CHECK_MS
				: KIOSK_PRINTER_BAD_CHECK_MS);
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
		k->admin_failed = false;
		if (rep->ok) {
			if (rep->kind == WORKER_SELFTEST) {
				snprintf(k->admin_msg, sizeof(k->admin_msg), "%s", TXT_ADMIN_SELFTEST_DONE);
			} else {
				snprintf(k->admin_msg, sizeof(k->admin_msg), TXT_ADMIN_REPRINT_DONE_FMT,
					rep->ticket.number);
				if (k->has_last && k->last.id == rep->ticket.id) {
					k->last.print_unconfirmed = false;
				}
			}
		} else {
			admin_failure(k, rep);
		}
		ui_trace_event(k->trace, "admin", "action",
			rep->kind == WORKER_SELFTEST ? "selftest" : "reprint", "ok", rep->ok ? "1" : "0", NULL);
		kiosk_dirty(k);
		break;
	case WORKER_VERIFY_PIN:
		reply_pin(k, rep);
		break;
	}
}
