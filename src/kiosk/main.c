/*
 * motcua-kiosk: the touchscreen where citizens take a ticket.
 *
 * One UI thread and one printer thread (worker.c). The UI thread blocks in
 * SDL_WaitEventTimeout() until an input event, a worker reply, or the next
 * deadline: the ~100 ms database poll (snapshot_changed), the clock's next
 * minute, a screen timeout, or the next printer check. It draws only when
 * something is dirty, and all text comes from the shared cache (ui.h).
 *
 * Screens: home -> (tap) busy -> ticket | error -> home. The top-left corner
 * tapped KIOSK_GESTURE_TAPS times opens the PIN pad, then the admin screen.
 * There is no other way out: no decorations, no quit key; SIGTERM/SIGINT
 * (systemd, a terminal) end it cleanly.
 *
 * Test hook: $MOTCUA_KIOSK_TRACE names a file that gets a line for every
 * screen change, presented frame, button rectangle and ticket, so tests
 * poll it instead of sleeping. Start reading main().
 */
#define LOG_MODULE "kiosk"
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <SDL_ttf.h>
#include "kiosk.h"
#include "motcua-config.h"
#include "motcua/base/clock.h"
#include "motcua/base/log.h"
#include "motcua/print/printjob.h"
#include "motcua/store/events.h"
#include "motcua/store/queue.h"
#include "motcua/store/settings.h"

static volatile sig_atomic_t sig_quit;

static void on_signal(int sig)
{
	(void)sig;
	sig_quit = 1;
}

static const char *const screen_names[] = {
	[SCREEN_HOME] = "home", [SCREEN_BUSY] = "busy", [SCREEN_TICKET] = "ticket",
	[SCREEN_ERROR] = "error", [SCREEN_PIN] = "pin", [SCREEN_ADMIN] = "admin",
};

void kiosk_trace(struct kiosk *k, const char *fmt, ...)
{
	if (!k->trace) {
		return;
	}
	va_list ap;
	va_start(ap, fmt);
	vfprintf(k->trace, fmt, ap);
	va_end(ap);
	fputc('\n', k->trace);
	fflush(k->trace);
}

void kiosk_set_screen(struct kiosk *k, enum screen s)
{
	if (k->screen != s) {
		kiosk_trace(k, "screen %s", screen_names[s]);
	}
	k->screen = s;
	k->dirty = true;
	k->screen_deadline = 0;
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

bool kiosk_service_open(const struct kiosk *k, size_t i)
{
	return i < k->snap.n_services && !k->snap.services[i].full;
}

static void trace_rect(struct kiosk *k, const char *name, const char *id, const SDL_Rect *r)
{
	kiosk_trace(k, "rect %s %s %d %d %d %d", name, id, r->x, r->y, r->w, r->h);
}

/* Recomputes the layout for the output size and the services; logs rects to the trace. */
static void relayout(struct kiosk *k)
{
	SDL_GetRendererOutputSize(k->renderer, &k->w, &k->h);
	size_t n = k->have_snap ? k->snap.n_services : 0;
	layout_compute(&k->layout, k->w, k->h, n);
	if (k->trace) {
		kiosk_trace(k, "layout %d %d %zu", k->w, k->h, n);
		for (size_t i = 0; i < k->layout.n_cells; i++) {
			trace_rect(k, "normal", k->snap.services[i].service.code, &k->layout.normal[i]);
			trace_rect(k, "priority", k->snap.services[i].service.code,
				&k->layout.priority[i]);
		}
		trace_rect(k, "corner", "-", &k->layout.corner);
		trace_rect(k, "title", "-", &k->layout.title);
		for (int i = 0; i < LAYOUT_PIN_KEYS; i++) {
			char id[4];
			snprintf(id, sizeof(id), "%d", i);
			trace_rect(k, "pinkey", id, &k->layout.pin_key[i]);
		}
		static const char *const admin_ids[] = { "selftest", "reprint", "exit", "back" };
		for (int i = 0; i < LAYOUT_ADMIN_BUTTONS; i++) {
			trace_rect(k, "admin", admin_ids[i], &k->layout.admin_button[i]);
		}
	}
	if (k->focus >= (int)(2 * k->layout.n_cells)) {
		k->focus = 0;
	}
	k->dirty = true;
}

/*
 * True when an event after after_id may have changed what the printer keeps
 * in NV memory; the print layer decides which kinds (and prepare is a no-op
 * when nothing it depends on changed).
 */
static bool printer_images_maybe_stale(struct kiosk *k, int64_t after_id)
{
	struct event ev[32];
	int n = events_read(k->db, after_id, ev, 32, NULL);
	if (n < 0 || n == 32) {
		return true;  /* unknown or many changes: prepare anyway (a no-op if none) */
	}
	for (int i = 0; i < n; i++) {
		if (printjob_event_may_change_nv(ev[i].kind)) {
			return true;
		}
	}
	return false;
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

/* Re-reads the database when another process (or our printer thread) changed it. */
static void poll_database(struct kiosk *k)
{
	if (!snapshot_changed(k->db, &k->watch)) {
		return;
	}
	struct snapshot s;
	struct result r = { 0 };
	if (!snapshot_read(k->db, &s, &r)) {
		LOG_WARN("cannot read the queue: %s", r.msg);
		return;
	}
	bool relayout_needed = !k->have_snap || s.n_services != k->snap.n_services;
	for (size_t i = 0; !relayout_needed && i < s.n_services; i++) {
		relayout_needed = strcmp(s.services[i].service.code,
			k->snap.services[i].service.code) != 0;
	}
	if (k->have_snap && printer_images_maybe_stale(k, k->snap.last_event_id)) {
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
	if (relayout_needed) {
		relayout(k);
	}
	k->dirty = true;
}

/* Updates the clock and date texts when the minute changed. */
static void tick_clock(struct kiosk *k)
{
	int64_t now = clock_now_ms();
	if (now < k->next_clock_ms) {
		return;
	}
	struct tm tm;
	clock_local_tm(now, &tm);
	char date[11];
	clock_format_date(now, date);
	clock_format_time(now, k->clock_text);
	snprintf(k->date_text, sizeof(k->date_text), "%s, %s", ui_weekday_vi(tm.tm_wday), date);
	k->next_clock_ms = now - now % 60000 + 60000;
	k->dirty = true;
}

/* Handles every deadline that has passed; returns ms until the next one. */
static int tick(struct kiosk *k, int64_t *next_poll)
{
	int64_t now = clock_mono_ms();
	if (now >= *next_poll) {
		poll_database(k);
		*next_poll = now + KIOSK_POLL_MS;
	}
	tick_clock(k);
	if (k->screen_deadline && now >= k->screen_deadline) {
		if (k->screen == SCREEN_PIN) {
			pin_entry_clear(&k->pin);
		}
		kiosk_set_screen(k, SCREEN_HOME);
	}
	if (now >= k->next_printer_check) {
		kiosk_check_printer(k);
		k->next_printer_check = now + (k->printer_ok ? KIOSK_PRINTER_OK_CHECK_MS
			: KIOSK_PRINTER_BAD_CHECK_MS);
	}
	if (k->screen != SCREEN_BUSY) {
		k->next_anim_ms = 0;
	} else if (now >= k->next_anim_ms) {
		k->anim_step = k->next_anim_ms ? k->anim_step + 1 : 0;
		k->next_anim_ms = now + KIOSK_BUSY_ANIM_MS;
		k->dirty = true;
	}
	if (k->input_lock_until && now >= k->input_lock_until) {
		k->input_lock_until = 0;
		k->dirty = true;  /* the ticket screen's "tap to go back" hint appears */
	}

	int64_t next = *next_poll;
	int64_t candidates[] = { k->screen_deadline, k->next_printer_check, k->input_lock_until,
		k->next_anim_ms,
		now + (k->next_clock_ms - clock_now_ms()) };
	for (size_t i = 0; i < sizeof(candidates) / sizeof(candidates[0]); i++) {
		if (candidates[i] > 0 && candidates[i] < next) {
			next = candidates[i];
		}
	}
	return next <= now ? 0 : (int)(next - now);
}

static void present(struct kiosk *k, unsigned long *frames)
{
	draw_frame(k);
	SDL_RenderPresent(k->renderer);
	ui_text_frame_done(k->text);
	k->dirty = false;
	kiosk_trace(k, "frame %lu %s", ++*frames, screen_names[k->screen]);
}

static void run(struct kiosk *k)
{
	int64_t next_poll = 0;
	unsigned long frames = 0;
	while (!k->quit && !sig_quit) {
		int timeout = tick(k, &next_poll);
		if (k->dirty) {
			present(k, &frames);
			continue;
		}
		SDL_Event ev;
		if (!SDL_WaitEventTimeout(&ev, timeout)) {
			continue;
		}
		do {
			if (ev.type == k->worker_event) {
				input_worker_reply(k, ev.user.data1);
				free(ev.user.data1);
			} else if (ev.type == SDL_WINDOWEVENT
					&& ev.window.event == SDL_WINDOWEVENT_SIZE_CHANGED) {
				relayout(k);
			} else if (ev.type == SDL_WINDOWEVENT || ev.type == SDL_RENDER_TARGETS_RESET
					|| ev.type == SDL_RENDER_DEVICE_RESET) {
				k->dirty = true;  /* exposed, restored: draw again */
			} else {
				/* SDL_QUIT (window manager close) is ignored on purpose. */
				input_event(k, &ev);
			}
		} while (SDL_PollEvent(&ev));
	}
}

static void usage(FILE *out)
{
	fprintf(out,
		"Usage: motcua-kiosk [--db PATH] [--printer SPEC] [--window WxH]\n"
		"Touchscreen kiosk where citizens take a queue ticket.\n"
		"  --db PATH        database (else $MOTCUA_DB, else the default)\n"
		"  --printer SPEC   receipt printer, e.g. serial:/dev/ttyUSB0?baud=38400\n"
		"                   (else $MOTCUA_PRINTER); file:/dev/usb/lp0, tcp:HOST:9100\n"
		"  --window WxH     a borderless window of that size instead of full screen\n"
		"  --version, --help\n"
		"The admin screen opens after %d quick taps on the top-left corner and the\n"
		"PIN set with `motcua pin set`.\n", KIOSK_GESTURE_TAPS);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "printer", required_argument, NULL, 'p' },
		{ "window", required_argument, NULL, 'w' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ 0 },
	};
	const char *opt_db = NULL, *opt_printer = getenv("MOTCUA_PRINTER"), *opt_window = NULL;
	int c;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd': opt_db = optarg; break;
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
	log_init("motcua-kiosk", LOG_LEVEL_INFO);

	int status = 1;
	struct kiosk k = { 0 };
	struct result r = { 0 };
	k.db_path = db_default_path(opt_db);
	k.printer_spec = opt_printer;
	const char *trace = getenv("MOTCUA_KIOSK_TRACE");
	if (trace && *trace) {
		k.trace = fopen(trace, "a");
		if (!k.trace) {
			LOG_WARN("cannot open trace file %s", trace);
		}
	}

	struct sigaction sa = { .sa_handler = on_signal };
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
	SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
	SDL_SetHint(SDL_HINT_VIDEO_X11_NET_WM_PING, "0");

	k.db = db_open(k.db_path, DB_READWRITE, &r);
	if (!k.db) {
		LOG_ERR("%s", r.msg);
		goto out;
	}
	settings_use_zone(k.db);  /* before the printer thread starts */
	if (SDL_Init(SDL_INIT_VIDEO) != 0 || TTF_Init() != 0) {
		LOG_ERR("cannot start SDL: %s", SDL_GetError());
		goto out;
	}
	k.worker_event = SDL_RegisterEvents(1);
	k.worker = worker_create(k.db_path, k.printer_spec, k.worker_event, &r);
	if (!k.worker) {
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
	k.renderer = SDL_CreateRenderer(k.window, -1, 0);
	if (!k.renderer) {
		LOG_ERR("cannot create a renderer: %s", SDL_GetError());
		goto out_sdl;
	}
	if (!opt_window) {
		SDL_ShowCursor(SDL_DISABLE);
	}
	SDL_SetRenderDrawBlendMode(k.renderer, SDL_BLENDMODE_BLEND);
	k.text = ui_text_create(k.renderer);
	kiosk_trace(&k, "start %d", (int)getpid());
	kiosk_set_screen(&k, SCREEN_HOME);
	kiosk_trace(&k, "screen home");
	relayout(&k);
	run(&k);
	status = 0;
	LOG_INFO("stopping");

out_sdl:
	/* The worker first: it may still post events and use the printer. */
	worker_destroy(k.worker);
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
	db_close(k.db);
	if (k.trace) {
		fclose(k.trace);
	}
	return status;
}
