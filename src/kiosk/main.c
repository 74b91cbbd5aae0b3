/*
 * motcua-kiosk: the touchscreen where citizens take a ticket.
 *
 * One UI thread and one printer thread (worker.c). The UI thread runs the
 * shared deadline loop (motcua/ui/loop.h): it sleeps until an input event,
 * a worker reply, or the next timer: the ~100 ms poll of the desk
 * (desk_changed: the file, or the LAN server), the clock's next minute, a screen timeout, the next
 * printer check, the busy animation, the end of a tap lock. It draws only
 * when something is dirty, and all text comes from the shared cache (ui.h).
 *
 * Screens: home [-> group] -> (tap) busy -> ticket | error -> home. What the
 * home and group screens list is view.c's; where it goes, layout.c's. The
 * top-left corner tapped KIOSK_GESTURE_TAPS times opens the PIN pad, then
 * the admin screen.
 * There is no other way out: no decorations, no quit key; SIGTERM/SIGINT
 * (systemd, a terminal) end it cleanly.
 *
 * Test hook: with $MOTCUA_TRACE the draw trace (motcua/ui/trace.h) gets
 * every frame (tagged with its screen, with the buttons' rectangles and
 * every text) and events: screen, layout, tap, ticket, error, printer, pin,
 * admin, exit. Tests poll it instead of sleeping. Start reading main().
 */
#define LOG_MODULE "kiosk"
#include <errno.h>
#include <getopt.h>
#include <sys/stat.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <SDL_ttf.h>
#include "kiosk.h"
#include "view.h"
#include "motcua-config.h"
#include "motcua/base/clock.h"
#include "motcua/base/log.h"
#include "motcua/base/syserr.h"
#include "motcua/print/printjob.h"
#include "motcua/store/events.h"
#include "motcua/store/queue.h"
#include "motcua/store/settings.h"
#include "motcua/ui/window.h"

static const char *const screen_names[] = {
	[SCREEN_HOME] = "home", [SCREEN_GROUP] = "group", [SCREEN_BUSY] = "busy", [SCREEN_TICKET] = "ticket",
	[SCREEN_ERROR] = "error", [SCREEN_PIN] = "pin", [SCREEN_ADMIN] = "admin",
};

void kiosk_dirty(struct kiosk *k)
{
	ui_loop_mark_dirty(k->loop);
}

void kiosk_set_screen(struct kiosk *k, enum screen s)
{
	if (k->screen != s) {
		ui_trace_event(k->trace, "screen", "name", screen_names[s], NULL);
	}
	k->screen = s;
	kiosk_dirty(k);
	ui_loop_disarm(k->loop, k->t_screen);
	if (s == SCREEN_BUSY) {
		k->anim_step = 0;
		ui_loop_repeat(k->loop, k->t_anim, KIOSK_BUSY_ANIM_MS, KIOSK_BUSY_ANIM_MS);
	} else {
		ui_loop_disarm(k->loop, k->t_anim);
	}
}

void kiosk_screen_timeout(struct kiosk *k, int64_t ms)
{
	ui_loop_arm_in(k->loop, k->t_screen, ms);
}

void kiosk_lock_input(struct kiosk *k, int64_t ms)
{
	k->input_lock_until = clock_mono_ms() + ms;
	ui_loop_arm_at(k->loop, k->t_unlock, k->input_lock_until);
}

void kiosk_check_printer(struct kiosk *k)
{
	if (k->status_pending) {
		return;
	}
	struct worker_job job = { .kind = WORKER_STATUS, .submitted_ms = clock_mono_ms() };
	if (worker_submit(k->worker, &job)) {
		k->status_pending = true;
	}
}

void kiosk_schedule_printer_check(struct kiosk *k, int64_t ms)
{
	ui_loop_arm_in(k->loop, k->t_printer, ms);
}

bool kiosk_service_open(const struct kiosk *k, size_t i)
{
	return i < k->snap.n_services && !k->snap.services[i].full;
}

const struct menu_entry *kiosk_cell_entry(const struct kiosk *k, size_t i)
{
	return &k->list[k->layout.page * k->layout.plan.per_page + i];
}

/* Whether an event may have changed what the printer keeps in NV memory (the print layer decides). */
static void nv_event(void *ud, const struct event *ev)
{
	bool *stale = ud;
	*stale = *stale || printjob_event_may_change_nv(ev->kind);
}

/* True when events since the last look may have changed the printer's NV images. */
static bool printer_images_maybe_stale(struct kiosk *k)
{
	bool stale = false;
	struct result r;
	if (!desk_follow(k->desk, &k->nv_events, nv_event, &stale, &r)) {
		return true;  /* unknown: prepare anyway (a no-op if nothing changed) */
	}
	return stale;
}

/* Today's tickets whose printing was not confirmed, for the admin screen. */
static void read_unconfirmed(struct kiosk *k, int day)
{
	int64_t *ids;
	size_t n;
	k->unconfirmed[0] = '\0';
	if (!ticket_list_print_unconfirmed(k->db, day, &ids, &n, NULL)) {
		return;
	}
	size_t used = 0;
	for (size_t i = 0; i < n && used + 20 < sizeof(k->unconfirmed); i++) {
		struct ticket t;
		if (queue_get(k->db, ids[i], &t, NULL)) {
			used += (size_t)snprintf(k->unconfirmed + used, sizeof(k->unconfirmed) - used,
				"%s%s", used ? ", " : "", t.number);
		}
	}
	free(ids);
}

/* Re-reads the desk when another process (or our printer thread) changed it. */
static void poll_database(struct kiosk *k)
{
	if (!desk_changed(k->desk, &k->watch)) {
		return;
	}
	struct snapshot s;
	struct result r = { 0 };
	if (!desk_snapshot(k->desk, &s, &r)) {
		if (!k->offline_logged) {
			LOG_WARN("cannot read the queue: %s", r.msg);
		}
		k->offline_logged = true;
		k->watch.primed = false;  /* read again at the next poll */
		return;
	}
	k->offline_logged = false;
	/* What the layout depends on: the fields' names and groups, and two settings. */
	char groups[16];
	desk_setting(k->desk, "kiosk_groups", groups, sizeof(groups));
	bool always = strcmp(groups, "always") == 0;
	int64_t idle_ms = desk_setting_int(k->desk, "kiosk_idle_s") * 1000;
	bool relayout_needed = !k->have_snap || s.n_services != k->snap.n_services
		|| always != k->groups_always;
	for (size_t i = 0; !relayout_needed && i < s.n_services; i++) {
		const struct service *a = &s.services[i].service, *b = &k->snap.services[i].service;
		relayout_needed = strcmp(a->code, b->code) != 0 || strcmp(a->name, b->name) != 0
			|| strcmp(a->group, b->group) != 0;
	}
	k->groups_always = always;
	k->idle_ms = idle_ms;
	if (printer_images_maybe_stale(k) && k->have_snap) {
		/* The ticket header or service names may have changed: refresh the printer's copy now. */
		struct worker_job job = { .kind = WORKER_PREPARE, .submitted_ms = clock_mono_ms() };
		worker_submit(k->worker, &job);
	}
	read_unconfirmed(k, s.day);
	if (k->have_snap) {
		snapshot_finish(&k->snap);
	}
	k->snap = s;
	k->have_snap = true;
	menu_build(&k->menu, &k->snap);  /* it borrows the snapshot's strings */
	if (relayout_needed) {
		view_relayout(k);
	}
	kiosk_dirty(k);
}

/* Timers (ui_loop_timer): each runs when its deadline passed. */

static void on_poll(void *ud)
{
	struct kiosk *k = ud;
	poll_database(k);
}

/* The clock and date texts, at each new minute. */
static void on_clock(void *ud)
{
	struct kiosk *k = ud;
	int64_t wall = clock_now_ms();
	struct tm tm;
	clock_local_tm(wall, &tm);
	char date[11];
	clock_format_date(wall, date);
	clock_format_time(wall, k->clock_text);
	snprintf(k->date_text, sizeof(k->date_text), "%s, %s", ui_weekday_vi(tm.tm_wday), date);
	kiosk_dirty(k);
}

/* A ticket, message, group, page, PIN pad or admin screen left alone goes home. */
static void on_screen_timeout(void *ud)
{
	struct kiosk *k = ud;
	if (k->screen == SCREEN_PIN) {
		pin_entry_clear(&k->pin);
	}
	k->confirm_exit = false;
	view_home(k);
}

static void on_printer(void *ud)
{
	struct kiosk *k = ud;
	kiosk_check_printer(k);
	kiosk_schedule_printer_check(k, k->printer_ok ? KIOSK_PRINTER_OK_CHECK_MS
		: KIOSK_PRINTER_BAD_CHECK_MS);
}

/* The busy screen's dots move, so the citizen sees the kiosk working. */
static void on_anim(void *ud)
{
	struct kiosk *k = ud;
	k->anim_step++;
	kiosk_dirty(k);
}

static void on_unlock(void *ud)
{
	struct kiosk *k = ud;
	k->input_lock_until = 0;
	kiosk_dirty(k);  /* the ticket screen's "tap to go back" hint appears */
}

/* The loop's callbacks. */

static void on_draw(void *ud)
{
	struct kiosk *k = ud;
	ui_trace_frame_tag(k->trace, "screen", screen_names[k->screen]);
	if (k->trace && (k->screen == SCREEN_HOME || k->screen == SCREEN_GROUP)) {
		char page[32];
		snprintf(page, sizeof(page), "%zu/%zu", k->layout.page + 1, k->layout.plan.pages);
		ui_trace_frame_tag(k->trace, "page", page);
		ui_trace_frame_tag(k->trace, "group", k->screen == SCREEN_GROUP ? k->group_name : "");
	}
	draw_frame(k);
	SDL_RenderPresent(k->renderer);
	ui_text_frame_done(k->text);
}

static void on_event(void *ud, const SDL_Event *ev)
{
	struct kiosk *k = ud;
	if (ev->type == SDL_WINDOWEVENT && ev->window.event == SDL_WINDOWEVENT_SIZE_CHANGED) {
		view_relayout(k);
	} else if (ev->type == SDL_WINDOWEVENT || ev->type == SDL_RENDER_TARGETS_RESET
			|| ev->type == SDL_RENDER_DEVICE_RESET) {
		kiosk_dirty(k);  /* exposed, restored: draw again */
	} else {
		/* SDL_QUIT (window manager close) is ignored on purpose. */
		input_event(k, ev);
	}
}

/* A reply of the printer thread. */
static void on_message(void *ud, int code, void *data)
{
	struct kiosk *k = ud;
	(void)code;
	input_worker_reply(k, data);
	free(data);
}

static bool post_reply(void *ud, struct worker_reply *rep)
{
	return ui_loop_post(ud, 0, rep);
}

static void add_timers(struct kiosk *k)
{
	k->t_poll = ui_loop_timer(k->loop, "poll", on_poll);
	k->t_clock = ui_loop_timer(k->loop, "clock", on_clock);
	k->t_screen = ui_loop_timer(k->loop, "screen", on_screen_timeout);
	k->t_printer = ui_loop_timer(k->loop, "printer", on_printer);
	k->t_anim = ui_loop_timer(k->loop, "busy", on_anim);
	k->t_unlock = ui_loop_timer(k->loop, "unlock", on_unlock);
	ui_loop_repeat(k->loop, k->t_poll, 0, KIOSK_POLL_MS);
	ui_loop_repeat_minutes(k->loop, k->t_clock);
	ui_loop_arm_in(k->loop, k->t_printer, 0);
}

/* Makes dir and its missing parents (private to this user). */
static bool mkdir_parents(const char *dir, struct result *r)
{
	char path[900];
	snprintf(path, sizeof(path), "%s", dir);
	for (char *p = path + 1; ; p++) {
		if (*p == '/' || *p == '\0') {
			char keep = *p;
			*p = '\0';
			if (mkdir(path, 0700) != 0 && errno != EEXIST) {
				return result_fail(r, RESULT_ERR_IO, "không tạo được thư mục %s: %s", path,
					syserr_words(errno));
			}
			*p = keep;
			if (!keep) {
				return true;
			}
		}
	}
}

/*
 * Where a kiosk of the LAN server keeps its printer's state: --printer-state,
 * else $XDG_STATE_HOME/motcua/kiosk.db, else ~/.local/state/motcua/kiosk.db
 * (its folder made). A kiosk with --db keeps it in that file.
 */
static bool state_file(const char *given, char *out, size_t size, struct result *r)
{
	const char *base = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	char dir[900];
	*out = '\0';
	if (given) {
		snprintf(out, size, "%s", given);
		return true;
	}
	if (base && *base) {
		snprintf(dir, sizeof(dir), "%s/motcua", base);
	} else if (home && *home) {
		snprintf(dir, sizeof(dir), "%s/.local/state/motcua", home);
	} else {
		return result_fail(r, RESULT_ERR_INVALID, "cần --printer-state TỆP (không có "
			"$XDG_STATE_HOME hay $HOME)");
	}
	if (mkdir_parents(dir, r)) {
		snprintf(out, size, "%s/kiosk.db", dir);
		return true;
	}
	return false;
}

static void usage(FILE *out)
{
	fprintf(out,
		"Cách dùng: motcua-kiosk [--db PATH | --server URL --token MÃ] [--printer SPEC]\n"
		"                        [--window WxH]\n"
		"Máy lấy số cảm ứng: công dân chạm vào lĩnh vực để nhận phiếu số thứ tự.\n"
		"  --db PATH        cơ sở dữ liệu (mặc định: $MOTCUA_DB, nếu không có thì tệp chung)\n"
		DESK_USAGE
		"  --printer-state TỆP  với --server: tệp trạng thái máy in của máy này (mặc định\n"
		"                   $XDG_STATE_HOME/motcua/kiosk.db, hoặc ~/.local/state/motcua/kiosk.db)\n"
		"  --printer SPEC   máy in phiếu, ví dụ serial:/dev/ttyUSB0?baud=38400\n"
		"                   (mặc định: $MOTCUA_PRINTER); file:/dev/usb/lp0, tcp:HOST:9100\n"
		"  --window WxH     cửa sổ không viền kích thước đó thay vì toàn màn hình\n"
		"  --version, --help\n"
		"Màn hình quản trị mở khi chạm nhanh %d lần vào góc trên bên trái rồi nhập mã\n"
		"PIN đặt bằng `motcua pin set`.\n", KIOSK_GESTURE_TAPS);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		DESK_LONG_OPTIONS,
		{ "printer-state", required_argument, NULL, 's' },
		{ "printer", required_argument, NULL, 'p' },
		{ "window", required_argument, NULL, 'w' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ 0 },
	};
	struct desk_options desk = { .mode = DB_READWRITE };
	const char *opt_printer = getenv("MOTCUA_PRINTER"), *opt_window = NULL, *opt_state = NULL;
	int c;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (desk_options_take(&desk, c, optarg)) {
			continue;
		}
		switch (c) {
		case 'd': desk.db = optarg; break;
		case 's': opt_state = optarg; break;
		case 'p': opt_printer = optarg; break;
		case 'w': opt_window = optarg; break;
		case 'h': usage(stdout); return 0;
		case 'V': printf("motcua-kiosk %s\n", MOTCUA_VERSION); return 0;
		default: usage(stderr); return 2;
		}
	}
	int win_w = 0, win_h = 0;
	if (optind != argc || (opt_window && !ui_parse_size(opt_window, &win_w, &win_h))) {
		usage(stderr);
		return 2;
	}
	if (opt_printer && !*opt_printer) {
		opt_printer = NULL;
	}
	struct result spec_r = { 0 };
	if (opt_printer && !printer_spec_check(opt_printer, &spec_r)) {
		fprintf(stderr, "motcua-kiosk: %s\n", spec_r.msg);
		return 2;
	}
	if (!desk_options_check(&desk, &spec_r)) {
		fprintf(stderr, "motcua-kiosk: %s\n", spec_r.msg);
		return 2;
	}
	char state_path[1024] = "";
	if (opt_state && !desk.server) {
		fprintf(stderr, "motcua-kiosk: --printer-state chỉ dùng cùng --server (với --db, trạng "
			"thái máy in nằm trong cơ sở dữ liệu)\n");
		return 2;
	}
	if (desk.server && !state_file(opt_state, state_path, sizeof(state_path), &spec_r)) {
		fprintf(stderr, "motcua-kiosk: %s\n", spec_r.msg);
		return 2;
	}
	log_init("motcua-kiosk", LOG_LEVEL_INFO);

	int status = 1;
	struct kiosk k = { 0 };
	struct result r = { 0 };
	k.printer_spec = opt_printer;

	ui_loop_catch_signals();
	signal(SIGPIPE, SIG_IGN);
	SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
	SDL_SetHint(SDL_HINT_VIDEO_X11_NET_WM_PING, "0");

	k.desk = desk_open(&desk, &r);
	if (!k.desk) {
		LOG_ERR("%s", r.msg);
		goto out;
	}
	desk_use_zone(k.desk);  /* before the printer thread starts */
	k.nv_events.after = -1;  /* a server out of reach: from its newest event on */
	desk_last_event_id(k.desk, &k.nv_events.after, NULL);
	if (SDL_Init(SDL_INIT_VIDEO) != 0 || TTF_Init() != 0) {
		LOG_ERR("cannot start SDL: %s", SDL_GetError());
		goto out;
	}
	static const struct ui_loop_ops ops = { .draw = on_draw, .event = on_event,
		.message = on_message };
	k.loop = ui_loop_create("kiosk", &ops, &k, &r);
	if (!k.loop) {
		LOG_ERR("%s", r.msg);
		goto out_sdl;
	}
	k.trace = ui_loop_trace(k.loop);
	add_timers(&k);
	k.worker = worker_create(&desk, state_path, k.printer_spec, post_reply, k.loop, &r);
	if (!k.worker) {
		LOG_ERR("%s", r.msg);
		goto out_sdl;
	}
	/* The printer's state, for the admin screen: the desk's file, or ours (made by the worker). */
	k.db = desk_db(k.desk, NULL);
	if (!k.db && !(k.db = k.own_state = db_open(state_path, DB_READWRITE, &r))) {
		LOG_ERR("%s", r.msg);
		goto out_sdl;
	}
	if (!k.printer_spec) {
		LOG_WARN("no printer given (--printer or $MOTCUA_PRINTER): no ticket can be printed");
	}

	Uint32 flags = SDL_WINDOW_BORDERLESS | SDL_WINDOW_ALLOW_HIGHDPI;
	if (!opt_window) {
		/* Created at the display's size, so nothing is drawn for an interim size. */
		SDL_DisplayMode dm;
		flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
		win_w = 1280;
		win_h = 800;
		if (SDL_GetDesktopDisplayMode(0, &dm) == 0 && dm.w > 0 && dm.h > 0) {
			win_w = dm.w;
			win_h = dm.h;
		}
	}
	k.window = SDL_CreateWindow("motcua-kiosk", 0, 0, win_w, win_h, flags);
	if (!k.window) {
		LOG_ERR("cannot open a window: %s", SDL_GetError());
		goto out_sdl;
	}
	k.renderer = ui_renderer_create(k.window);
	if (!k.renderer) {
		LOG_ERR("cannot create a renderer: %s", SDL_GetError());
		goto out_sdl;
	}
	if (!opt_window) {
		SDL_ShowCursor(SDL_DISABLE);
	}
	SDL_SetRenderDrawBlendMode(k.renderer, SDL_BLENDMODE_BLEND);
	ui_loop_set_renderer(k.loop, k.renderer);
	k.text = ui_text_create(k.renderer, k.trace);
	k.group = -1;
	k.idle_ms = desk_setting_int(k.desk, "kiosk_idle_s") * 1000;
	kiosk_set_screen(&k, SCREEN_HOME);
	view_relayout(&k);
	ui_loop_run(k.loop);
	status = 0;
	LOG_INFO("stopping");

out_sdl:
	/* The worker first: it may still post replies and use the printer. */
	worker_destroy(k.worker);
	ui_loop_destroy(k.loop);
	ui_text_destroy(k.text);
	if (k.renderer) {
		SDL_DestroyRenderer(k.renderer);
	}
	if (k.window) {
		SDL_DestroyWindow(k.window);
	}
	TTF_Quit();
	SDL_Quit();
out:
	if (k.have_snap) {
		snapshot_finish(&k.snap);
	}
	db_close(k.own_state);
	desk_close(k.desk);
	return status;
}
