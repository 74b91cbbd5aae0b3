/*
 * What the counter window's buttons do. Every change goes through the desk
 * (motcua/desk: the shared file, or the LAN server); this file picks the
 * call, fills the pickers, and turns the outcome into a short Vietnamese
 * message for the officer. While the server cannot be reached every
 * button is off and says why; the poll brings them back by itself.
 */
#define LOG_MODULE "counter"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "motcua/base/clock.h"
#include "motcua/store/counters.h"
#include "motcua/base/log.h"
#include "motcua/store/services.h"
#include "motcua/base/utf8.h"
#include "motcua/base/xalloc.h"
#include "app.h"

#define MSG_SHOW_MS 6000
#define FLASH_MS 300
#define THANKS_MS 1500
#define RATING_TICK_MS 1000   /* the countdown bar moves a step */

static const char *const pause_reasons[] = {
	"Nghỉ giải lao",
	"Họp cơ quan",
	"Sự cố máy tính hoặc mạng",
	"Công tác ngoài quầy",
	"Hết giờ làm việc",
	"Lý do khác",
};

void app_message(struct app *a, enum msg_kind kind, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(a->msg, sizeof(a->msg), fmt, ap);
	va_end(ap);
	a->msg_kind = kind;
	a->msg_until = clock_mono_ms() + MSG_SHOW_MS;
	ui_loop_arm_at(a->loop, a->t_msg, a->msg_until);
	app_dirty(a);
}

/* The officer-facing message for a refused or failed operation. */
static void fail_message(struct app *a, const char *what, const struct result *r)
{
	LOG_WARN("counter %d: %s: %s", a->counter, what, r->msg);
	switch (r->code) {
	case RESULT_ERR_EMPTY:
		app_message(a, MSG_WARN, "Hiện không có ai đang chờ.");
		break;
	case RESULT_ERR_STATE:
		if (a->me && a->me->counter.state == COUNTER_PAUSED) {
			app_message(a, MSG_WARN, "Quầy đang tạm dừng. Bấm «Tiếp tục» (F8) trước.");
		} else if (a->me && a->me->counter.state == COUNTER_CLOSED) {
			app_message(a, MSG_WARN, "Quầy đang đóng. Bấm «Mở quầy» (F8) trước.");
		} else {
			app_message(a, MSG_WARN, "Không thực hiện được lúc này (%s).", what);
		}
		break;
	case RESULT_ERR_NOTFOUND:
		app_message(a, MSG_WARN, "Không tìm thấy số hoặc quầy này (%s).", what);
		break;
	case RESULT_ERR_INVALID:
		app_message(a, MSG_WARN, "Yêu cầu không hợp lệ (%s).", what);
		break;
	case RESULT_ERR_CLOCK:
		app_message(a, MSG_ERROR, "Đồng hồ của máy bị lùi giờ. Hãy báo kỹ thuật viên.");
		break;
	case RESULT_ERR_OFFLINE:
		app_message(a, MSG_ERROR, "Mất kết nối máy chủ (%s): chưa thực hiện được. "
			"Máy tự kết nối lại.", what);
		app_check_online(a);
		break;
	default:
		app_message(a, MSG_ERROR, "Lỗi cơ sở dữ liệu (%s). Thử lại hoặc báo kỹ thuật viên.",
			what);
		break;
	}
}

void app_check_online(struct app *a)
{
	struct result r = {0};
	bool online = desk_connected(a->desk) || desk_ping(a->desk, &r);
	if (online == a->online) {
		return;
	}
	a->online = online;
	if (online) {
		LOG_INFO("counter %d: %s answers again", a->counter, desk_name(a->desk));
		app_refresh(a);
		app_message(a, MSG_OK, "Đã kết nối lại máy chủ. Có thể tiếp tục gọi số.");
	} else {
		LOG_WARN("counter %d: %s", a->counter, r.msg);
		app_dirty(a);
	}
}

void app_refresh(struct app *a)
{
	struct result r;
	snapshot_finish(&a->snap);
	a->me = NULL;
	a->have_snap = desk_snapshot(a->desk, &a->snap, &r);
	if (!a->have_snap) {
		LOG_WARN("reading the queue: %s", r.msg);
		if (r.code == RESULT_ERR_OFFLINE) {
			/* Keep what was listed; the buttons say why they wait. */
			a->online = false;
			app_dirty(a);
			return;
		}
	}
	for (size_t i = 0; a->have_snap && i < a->snap.n_counters; i++) {
		if (a->snap.counters[i].counter.number == a->counter) {
			a->me = &a->snap.counters[i];
		}
	}
	if (!desk_upcoming(a->desk, a->counter, a->next, NEXT_SHOWN, &a->n_next, &r)) {
		LOG_WARN("listing waiting tickets: %s", r.msg);
		a->n_next = 0;
	}
	struct ticket one;
	size_t n_noshow = 0;
	if (!desk_noshows(a->desk, a->counter, &one, 1, &n_noshow, &r)) {
		LOG_WARN("listing no-shows: %s", r.msg);
	}
	a->any_noshow = n_noshow > 0;
	/* Rated elsewhere (e.g. on the keypad): close the question. */
	if (a->mode == MODE_RATING && a->rate_chosen == 0) {
		struct ticket t;
		if (desk_ticket(a->desk, a->rate_ticket, &t, NULL) && t.rating != RATING_NONE) {
			app_rate_close(a);
		}
	}
	app_dirty(a);
}

static const char *officer(const struct app *a)
{
	if (a->logged_in) {
		return a->officer.name;   /* the account, whatever the counter's row says */
	}
	return a->me && a->me->counter.officer[0] ? a->me->counter.officer : NULL;
}

/* Asks the citizen to rate ticket_id (just finished), if ratings are on. */
static void open_rating(struct app *a, int64_t ticket_id, const char *number)
{
	long timeout_s = desk_setting_int(a->desk, "rating_timeout_s");
	if (ticket_id == 0 || timeout_s <= 0) {
		return;
	}
	a->rate_ticket = ticket_id;
	snprintf(a->rate_number, sizeof(a->rate_number), "%s", number);
	a->rate_total_ms = timeout_s * 1000;
	a->rate_deadline = clock_mono_ms() + a->rate_total_ms;
	ui_loop_arm_at(a->loop, a->t_rate, a->rate_deadline);
	ui_loop_repeat(a->loop, a->t_rate_tick, RATING_TICK_MS, RATING_TICK_MS);
	a->rate_chosen = 0;
	a->mode = MODE_RATING;
	app_dirty(a);
}

/* After an operation that may have finished `before`, asks for its rating. */
static void rate_if_finished(struct app *a, const struct ticket *before)
{
	struct ticket t;
	if (before->id && desk_ticket(a->desk, before->id, &t, NULL) && t.status == TICKET_DONE &&
		t.rating == RATING_NONE) {
		open_rating(a, t.id, t.number);
	}
}

void app_rate(struct app *a, int rating)
{
	struct result r;
	if (a->mode != MODE_RATING || a->rate_chosen || rating < 1 || rating > 4) {
		return;
	}
	if (!desk_rate(a->desk, a->rate_ticket, (enum ticket_rating)rating, &r)) {
		LOG_WARN("rating ticket %lld: %s", (long long)a->rate_ticket, r.msg);
		app_rate_close(a);
		return;
	}
	LOG_INFO("counter %d: ticket %s rated %d", a->counter, a->rate_number, rating);
	a->rate_chosen = rating;
	a->rate_deadline = clock_mono_ms() + THANKS_MS;
	ui_loop_arm_at(a->loop, a->t_rate, a->rate_deadline);
	app_dirty(a);
}

void app_rate_close(struct app *a)
{
	if (a->mode == MODE_RATING) {
		a->mode = MODE_MAIN;
	}
	ui_loop_disarm(a->loop, a->t_rate);
	ui_loop_disarm(a->loop, a->t_rate_tick);
	a->rate_ticket = 0;
	a->rate_chosen = 0;
	app_dirty(a);
}

/* Opens a picker (closing a rating question still open: the screen is the officer's now). */
static void open_picker(struct app *a, enum pick_kind kind, bool free_typing, const char *title,
	const char *empty)
{
	if (a->mode == MODE_RATING) {
		LOG_INFO("counter %d: ticket %s not rated (the officer opened a list)", a->counter,
			a->rate_number);
		app_rate_close(a);
	}
	picker_reset(&a->pick, free_typing);
	a->pick_kind = kind;
	a->pick_n_boxes = 0;
	snprintf(a->pick_title, sizeof(a->pick_title), "%s", title);
	snprintf(a->pick_empty, sizeof(a->pick_empty), "%s", empty);
	a->mode = MODE_PICK;
	app_dirty(a);
}

void app_pick_close(struct app *a)
{
	if (a->mode == MODE_PICK) {
		a->mode = MODE_MAIN;
	}
	app_dirty(a);
}

static void add_ticket_items(struct app *a, const struct ticket *ts, size_t n, bool noshow)
{
	for (size_t i = 0; i < n; i++) {
		char sub[256];
		snprintf(sub, sizeof(sub), "%s%s%s", ts[i].service_name,
			ts[i].priority ? " · ưu tiên" : "", noshow ? " · vắng mặt" : "");
		struct pick_item *it = picker_add(&a->pick, ts[i].number, ts[i].number, sub);
		snprintf(it->number, sizeof(it->number), "%s", ts[i].number);
		snprintf(it->service, sizeof(it->service), "%s", ts[i].service_code);
	}
}

/* All of today's no-shows at the counter's fields (however many), latest first. */
static bool list_noshows(struct app *a, struct ticket **out, size_t *n, struct result *r)
{
	size_t max = 64;
	for (;;) {
		*out = xrealloc(*out, max * sizeof(**out));
		if (!desk_noshows(a->desk, a->counter, *out, max, n, r)) {
			return false;
		}
		if (*n < max) {
			return true;
		}
		max *= 2;
	}
}

static void open_requeue(struct app *a)
{
	struct ticket *ts = NULL;
	size_t n = 0;
	struct result r;
	if (!list_noshows(a, &ts, &n, &r)) {
		fail_message(a, "danh sách số vắng", &r);
	} else {
		open_picker(a, PICK_REQUEUE, false, "Chọn số vắng mặt để xếp lại vào hàng",
			"Hôm nay chưa có số nào vắng mặt.");
		add_ticket_items(a, ts, n, true);
	}
	free(ts);
}

static void open_transfer(struct app *a)
{
	char title[160];
	snprintf(title, sizeof(title), "Chuyển số %s sang lĩnh vực hoặc quầy",
		a->me->ticket.number);
	open_picker(a, PICK_TRANSFER, false, title, "Không có lĩnh vực hay quầy nào khác.");
	for (size_t i = 0; i < a->snap.n_services; i++) {
		const struct service *s = &a->snap.services[i].service;
		if (strcmp(s->code, a->me->ticket.service_code) == 0) {
			continue;
		}
		struct pick_item *it = picker_add(&a->pick, s->code, s->name, "Lĩnh vực");
		snprintf(it->service, sizeof(it->service), "%s", s->code);
	}
	for (size_t i = 0; i < a->snap.n_counters; i++) {
		const struct snapshot_counter *c = &a->snap.counters[i];
		if (c->counter.number == a->counter || c->counter.state == COUNTER_CLOSED) {
			continue;
		}
		char key[16], label[160];
		snprintf(key, sizeof(key), "%d", c->counter.number);
		snprintf(label, sizeof(label), "Quầy %d", c->counter.number);
		struct pick_item *it = picker_add(&a->pick, key, label,
			c->service_names[0] ? c->service_names : c->counter.name);
		it->counter = c->counter.number;
	}
}

static void open_call(struct app *a)
{
	struct ticket ts[64], *noshows = NULL;
	size_t n = 0;
	struct result r;
	open_picker(a, PICK_CALL, true, "Gọi số: chọn trong danh sách, hoặc gõ số rồi bấm Enter",
		"Không có số nào đang chờ. Có thể gõ số rồi bấm Enter.");
	if (desk_upcoming(a->desk, a->counter, ts, sizeof(ts) / sizeof(ts[0]), &n, &r)) {
		add_ticket_items(a, ts, n, false);
	} else {
		LOG_WARN("listing waiting tickets: %s", r.msg);
	}
	if (list_noshows(a, &noshows, &n, &r)) {
		add_ticket_items(a, noshows, n, true);
	} else {
		LOG_WARN("listing no-shows: %s", r.msg);
	}
	free(noshows);
}

static void open_pause(struct app *a)
{
	open_picker(a, PICK_PAUSE, false, "Tạm dừng quầy: chọn lý do", "");
	for (size_t i = 0; i < sizeof(pause_reasons) / sizeof(pause_reasons[0]); i++) {
		char key[8];
		snprintf(key, sizeof(key), "%zu", i + 1);
		picker_add(&a->pick, key, pause_reasons[i], NULL);
	}
}

/* A call succeeded: a rating question still open was for someone else, who has left. */
static void close_rating_for_call(struct app *a)
{
	if (a->mode == MODE_RATING) {
		if (!a->rate_chosen) {
			LOG_INFO("counter %d: ticket %s not rated (next citizen called)", a->counter,
				a->rate_number);
		}
		app_rate_close(a);
	}
}

static bool paused(const struct app *a)
{
	return a->me && a->me->counter.state == COUNTER_PAUSED;
}

static bool closed(const struct app *a)
{
	return a->me && a->me->counter.state == COUNTER_CLOSED;
}

struct button_state app_button_state(const struct app *a, enum button b)
{
	static const struct button_state ok = { true, "", "" };
	static const struct button_state offline = { false, "Mất kết nối",
		"Mất kết nối máy chủ: chưa thao tác được. Máy tự kết nối lại; nếu lâu, báo kỹ thuật viên." };
	static const struct button_state
		gone = { false, "Không tìm thấy quầy",
			"Không tìm thấy quầy này trong cơ sở dữ liệu. Báo kỹ thuật viên." },
		on_pause = { false, "Quầy đang tạm dừng",
			"Quầy đang tạm dừng. Bấm «Tiếp tục» (F8) trước." },
		on_close = { false, "Quầy đang đóng", "Quầy đang đóng. Bấm «Mở quầy» (F8) trước." },
		nobody = { false, "Không có ai chờ", "Hiện không có ai đang chờ." },
		no_one_called = { false, "Chưa gọi ai",
			"Chưa gọi ai. Bấm «Gọi tiếp» (F1) để mời công dân." },
		no_noshow = { false, "Chưa có số vắng",
			"Hôm nay chưa có số nào vắng mặt ở quầy này." };
	bool serving = a->me && a->me->has_ticket;
	if (!a->online) {
		return offline;
	}
	if (!a->me) {
		return gone;
	}
	switch (b) {
	case BUTTON_NEXT:
		return paused(a) ? on_pause : closed(a) ? on_close
			: !serving && a->me->waiting == 0 ? nobody : ok;
	case BUTTON_CALL:
		return paused(a) ? on_pause : closed(a) ? on_close : ok;
	case BUTTON_RECALL:
	case BUTTON_SKIP:
	case BUTTON_FINISH:
	case BUTTON_TRANSFER:
		return serving ? ok : no_one_called;
	case BUTTON_REQUEUE:
		return a->any_noshow ? ok : no_noshow;
	case BUTTON_PAUSE:
	case BUTTON_COUNT:
		break;
	}
	return ok;
}

void app_press(struct app *a, enum button b)
{
	struct ticket t, before = { 0 };
	struct result r;
	struct button_state st = app_button_state(a, b);
	if (!st.enabled) {
		app_message(a, MSG_WARN, "%s", st.message);
		return;
	}
	a->flash_button = (int)b;
	a->flash_until = clock_mono_ms() + FLASH_MS;
	ui_loop_arm_at(a->loop, a->t_flash, a->flash_until);
	app_dirty(a);
	if (a->me && a->me->has_ticket) {
		before = a->me->ticket;
	}
	if (a->mode == MODE_PICK) {
		a->mode = MODE_MAIN;
	}

	switch (b) {
	case BUTTON_NEXT:
		if (desk_call_next(a->desk, a->counter, officer(a), &t, &r)) {
			close_rating_for_call(a);
			app_message(a, MSG_OK, "Đã mời số %s (%s) đến quầy.", t.number, t.service_name);
		} else if (r.code == RESULT_ERR_EMPTY && before.id) {
			app_message(a, MSG_OK, "Đã xong số %s. Hiện không có ai đang chờ.", before.number);
		} else if (r.code == RESULT_ERR_EMPTY) {
			app_message(a, MSG_OK, "Hiện không có ai đang chờ.");
		} else {
			fail_message(a, "gọi tiếp", &r);
		}
		rate_if_finished(a, &before);
		break;
	case BUTTON_RECALL:
		if (desk_recall(a->desk, a->counter, &t, &r)) {
			app_message(a, MSG_OK, "Đã gọi lại số %s (lần %d).", t.number, t.recalls);
		} else {
			fail_message(a, "gọi lại", &r);
		}
		break;
	case BUTTON_SKIP:
		if (desk_skip(a->desk, a->counter, &t, &r)) {
			app_message(a, MSG_OK, "Đã ghi số %s vắng mặt. Khi công dân quay lại, bấm «Gọi lại số vắng» (F5).",
				t.number);
		} else {
			fail_message(a, "vắng mặt", &r);
		}
		break;
	case BUTTON_FINISH:
		if (desk_finish(a->desk, a->counter, &t, &r)) {
			app_message(a, MSG_OK, "Đã xong số %s.", t.number);
			rate_if_finished(a, &before);
		} else {
			fail_message(a, "xong", &r);
		}
		break;
	case BUTTON_REQUEUE:
		open_requeue(a);
		break;
	case BUTTON_TRANSFER:
		open_transfer(a);
		break;
	case BUTTON_CALL:
		open_call(a);
		break;
	case BUTTON_PAUSE:
		if (a->me && a->me->counter.state != COUNTER_OPEN) {
			bool was_closed = a->me->counter.state == COUNTER_CLOSED;
			if (desk_resume(a->desk, a->counter, &r)) {
				app_message(a, MSG_OK, was_closed ? "Quầy đã mở, sẵn sàng gọi số."
					: "Quầy đã tiếp tục làm việc.");
			} else {
				fail_message(a, "tiếp tục", &r);
			}
		} else {
			open_pause(a);
		}
		break;
	case BUTTON_COUNT:
		break;
	}
	app_refresh(a);
}

/* Does what the picker is for with item it, or with the typed number (it NULL, call only). */
static void pick(struct app *a, const struct pick_item *it)
{
	struct ticket t, before = { 0 };
	struct result r;
	const char *typed = a->pick.typed;
	if (a->me && a->me->has_ticket) {
		before = a->me->ticket;
	}
	a->mode = MODE_MAIN;
	app_dirty(a);

	switch (a->pick_kind) {
	case PICK_REQUEUE:
		if (desk_requeue(a->desk, it->number, it->service, &t, &r)) {
			app_message(a, MSG_OK, "Số %s đã được xếp lại vào hàng, giữ chỗ cũ.", t.number);
		} else {
			fail_message(a, "gọi lại số vắng", &r);
		}
		break;
	case PICK_TRANSFER:
		if (desk_transfer(a->desk, a->counter, it->counter ? NULL : it->service, it->counter,
			&t, &r)) {
			app_message(a, MSG_OK, "Đã chuyển số %s sang %s.", t.number, it->label);
		} else {
			fail_message(a, "chuyển", &r);
		}
		break;
	case PICK_CALL:
		if (desk_call_number(a->desk, a->counter, it ? it->number : typed, officer(a), &t,
				&r)) {
			close_rating_for_call(a);
			app_message(a, MSG_OK, "Đã mời số %s (%s) đến quầy.", t.number, t.service_name);
		} else {
			fail_message(a, "gọi số", &r);
		}
		rate_if_finished(a, &before);
		break;
	case PICK_PAUSE:
		if (desk_pause(a->desk, a->counter, it->label, &r)) {
			app_message(a, MSG_OK, "Quầy tạm dừng: %s.", it->label);
		} else {
			fail_message(a, "tạm dừng", &r);
		}
		break;
	}
	app_refresh(a);
}

void app_pick_enter(struct app *a)
{
	size_t i;
	if (a->mode != MODE_PICK) {
		return;
	}
	switch (picker_choose(&a->pick, &i)) {
	case PICK_ITEM:
		pick(a, &a->pick.items[i]);
		break;
	case PICK_TYPED:
		pick(a, NULL);
		break;
	case PICK_NOTHING:
		if (a->pick.typed[0]) {
			app_message(a, MSG_WARN, "Không có ô nào mang «%s». Xóa bớt (Backspace) rồi gõ lại.",
				a->pick.typed);
		}
		break;
	}
}

void app_pick_shown(struct app *a, size_t i)
{
	if (a->mode == MODE_PICK && i < a->pick.n_shown) {
		picker_select(&a->pick, i);
		pick(a, picker_shown(&a->pick, i));
	}
}
