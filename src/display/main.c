/*
 * motcua-display: the waiting-room screen. Reads the desk (the shared
 * database, read-only, or the LAN server with --server), shows a tile per counter (a page of them at a time when they
 * do not all fit with readable numbers), the latest call (blinking for a
 * few seconds), the last calls, waiting counts and a moving notice, and
 * calls each ticket aloud through the announcer (queued, never overlapping).
 *
 * The shared deadline loop (motcua/ui/loop.h) sleeps until the next timer:
 * the 100 ms database poll, the next minute of the clock, a blink phase, a
 * notice step, or the next page of counters. Drawing goes through a
 * software renderer onto the window surface, so the screen keeps its pixels
 * between frames: a change redraws and sends the whole frame, a notice step
 * redraws and sends only the notice band (SDL_UpdateWindowSurfaceRects), a
 * few percent of the pixels.
 *
 * Test hook: with $MOTCUA_TRACE the draw trace (motcua/ui/trace.h) gets
 * every frame (a whole frame is tagged with the newest event id it shows and
 * its board page; rectangles name the counter tiles and number cells; each
 * text has the colour of its background) and an "announce" event when each
 * announcement starts and ends. Start reading at main().
 */
#define LOG_MODULE "display"
#include <getopt.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <SDL.h>
#include <SDL_ttf.h>

#include "feed.h"
#include "motcua-config.h"
#include "motcua/voice/announcer.h"
#include "motcua/base/clock.h"
#include "motcua/desk/desk.h"
#include "motcua/base/log.h"
#include "motcua/base/text.h"
#include "motcua/base/paths.h"
#include "motcua/ui/loop.h"
#include "motcua/ui/ui.h"
#include "render.h"

#define POLL_MS 100
#define FRESH_MS 6000       /* the latest call blinks this long */
#define BLINK_MS 500
#define DEFAULT_TICKER_HZ 10
#define DEFAULT_PAGE_MS 8000

struct options {
	struct desk_options desk;
	int win_w, win_h;           /* 0: full screen */
	struct feed_filter filter;
	int ticker_hz;
	int page_ms;
	bool silent;
};

struct app {
	struct options opt;
	struct ui_loop *loop;
	struct ui_trace *trace;     /* the loop's; NULL when not tracing */
	int t_poll, t_clock, t_blink, t_ticker, t_page;
	SDL_Window *win;
	SDL_Renderer *ren;          /* software renderer on the window surface */
	SDL_Surface *surface;       /* the window's; owned by the window */
	struct ui_text *text;       /* belongs to ren: recreated with it */
	bool whole_frames;          /* no window framebuffer: ordinary renderer */
	struct render *render;
	struct desk *desk;
	struct feed *feed;
	struct announcer *announcer;
	bool scene_dirty;           /* the whole frame must be drawn again */
	int64_t fresh_until;        /* mono ms; latest call blinks until then */
	int ticker_offset;
	int page;                   /* board page shown, counted up by the page timer */
	atomic_bool wake_pending;   /* the desk's thread asked for a poll, not yet done */
};

#define MESSAGE_WAKE 1

static void usage(FILE *f)
{
	fprintf(f,
		"Cách dùng: motcua-display [TÙY CHỌN]\n"
		"Màn hình phòng chờ, có giọng đọc mời công dân (chỉ đọc cơ sở dữ liệu,\n"
		"hoặc máy chủ motcuad với --server).\n\n"
		"  --db PATH             cơ sở dữ liệu (mặc định: $MOTCUA_DB, nếu không có thì tệp chung)\n"
		DESK_USAGE
		"  --window WxH          cửa sổ kích thước đó thay vì toàn màn hình\n"
		"  --counters 1,2        chỉ hiện và đọc các quầy này\n"
		"  --services HT,CT      chỉ hiện và đọc các lĩnh vực này\n"
		"  --silent              không phát âm thanh (lượt đọc vẫn được ghi vết)\n"
		"  --ticker-hz N         số bước chạy chữ của dòng thông báo mỗi giây (mặc định %d,\n"
		"                        0 = đứng yên)\n"
		"  --page-ms MS          thời gian hiện mỗi trang quầy khi không đủ chỗ cho mọi quầy\n"
		"                        (mặc định %d)\n"
		"  --help, --version\n", DEFAULT_TICKER_HZ, DEFAULT_PAGE_MS);
}

static bool parse_args(int argc, char **argv, struct options *o, int *exit_code)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, 'd'},
		DESK_LONG_OPTIONS,
		{"window", required_argument, NULL, 'w'},
		{"counters", required_argument, NULL, 'c'},
		{"services", required_argument, NULL, 's'},
		{"silent", no_argument, NULL, 'S'},
		{"ticker-hz", required_argument, NULL, 't'},
		{"page-ms", required_argument, NULL, 'p'},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0},
	};
	int c;
	o->ticker_hz = DEFAULT_TICKER_HZ;
	o->page_ms = DEFAULT_PAGE_MS;
	*exit_code = 2;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (desk_options_take(&o->desk, c, optarg)) {
			continue;
		}
		switch (c) {
		case 'd': o->desk.db = optarg; break;
		case 'w':
			if (!ui_parse_size(optarg, &o->win_w, &o->win_h)) {
				fprintf(stderr, "motcua-display: --window %s sai: cần RỘNGxCAO, ví dụ 1920x1080\n",
					optarg);
				return false;
			}
			break;
		case 'c':
			if (!feed_filter_parse_counters(&o->filter, optarg)) {
				return false;
			}
			break;
		case 's':
			if (!feed_filter_parse_services(&o->filter, optarg)) {
				return false;
			}
			break;
		case 'S': o->silent = true; break;
		case 't': {
			long hz;
			if (!text_parse_long(optarg, 0, 60, &hz)) {
				fprintf(stderr, "motcua-display: --ticker-hz %s sai: cần số từ 0 đến 60\n", optarg);
				return false;
			}
			o->ticker_hz = (int)hz;
			break;
		}
		case 'p': {
			long ms;
			if (!text_parse_long(optarg, 100, 600000, &ms)) {
				fprintf(stderr, "motcua-display: --page-ms %s sai: cần số mili giây từ 100 đến 600000\n", optarg);
				return false;
			}
			o->page_ms = (int)ms;
			break;
		}
		case 'h': usage(stdout); *exit_code = 0; return false;
		case 'V': printf("motcua-display %s\n", MOTCUA_VERSION); *exit_code = 0; return false;
		default: usage(stderr); return false;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "motcua-display: tham số thừa \"%s\"\n", argv[optind]);
		return false;
	}
	struct result r;
	if (!desk_options_check(&o->desk, &r)) {
		fprintf(stderr, "motcua-display: %s\n", r.msg);
		return false;
	}
	o->desk.mode = DB_READONLY;
	o->desk.wait = true;  /* a screen waits for its desk, however long */
	return true;
}

/* A new call or recall: make it blink and queue its announcement. */
static void on_call(void *ud, const struct event *ev, const struct voice_config *voice)
{
	struct app *app = ud;
	struct voice_sequence seq;
	struct result r;
	char label[64];

	if (clock_mono_ms() >= app->fresh_until) {
		ui_loop_repeat(app->loop, app->t_blink, BLINK_MS, BLINK_MS);
	}
	app->fresh_until = clock_mono_ms() + FRESH_MS;
	if (!app->announcer) {
		return;
	}
	if (!voice_sequence_build(ev->number, ev->counter, voice, &seq, &r)) {
		LOG_WARN("cannot announce %s at counter %d: %s", ev->number, ev->counter, r.msg);
		return;
	}
	snprintf(label, sizeof(label), "%s@%d%s", ev->number, ev->counter,
		ev->kind == EVENT_RECALL ? ":recall" : "");
	announcer_queue(app->announcer, &seq, label);
}

/* An announcement starts or ends (announcer thread): into the trace. */
static void on_announce(void *ud, const struct announcer_note *note)
{
	struct app *app = ud;
	ui_trace_event(app->trace, "announce", "phase", note->start ? "start" : "end",
		"label", note->label, "mode", note->audio ? "audio" : "silent",
		"clips", note->clips, NULL);
}

static void detach(struct app *app)
{
	render_destroy(app->render);
	ui_text_destroy(app->text);
	if (app->ren) {
		SDL_DestroyRenderer(app->ren);
	}
	app->render = NULL;
	app->text = NULL;
	app->ren = NULL;
	app->surface = NULL;
	if (app->loop) {
		ui_loop_set_renderer(app->loop, NULL);
	}
}

/*
 * (Re)creates the renderer and text cache: a software renderer on the
 * window surface, or, where the video driver has no plain framebuffer
 * (Wayland, KMS/DRM), an ordinary renderer that redraws whole frames.
 */
static bool attach_surface(struct app *app)
{
	if (app->ren && (app->whole_frames || app->surface)) {
		return true;
	}
	detach(app);
	if (!app->whole_frames) {
		app->surface = SDL_GetWindowSurface(app->win);
		if (app->surface) {
			app->ren = SDL_CreateSoftwareRenderer(app->surface);
		} else {
			LOG_INFO("no window framebuffer (%s): drawing whole frames", SDL_GetError());
			app->whole_frames = true;
		}
	}
	if (app->whole_frames) {
		app->ren = SDL_CreateRenderer(app->win, -1, 0);
	}
	if (!app->ren) {
		LOG_ERR("cannot create a renderer: %s", SDL_GetError());
		return false;
	}
	app->text = ui_text_create(app->ren, app->trace);
	/* Reading pixels back is cheap from the window surface, not from a GPU. */
	ui_text_trace_backgrounds(app->text, !app->whole_frames);
	app->render = render_create(app->ren, app->text, app->trace);
	ui_loop_set_renderer(app->loop, app->ren);
	app->scene_dirty = true;
	return true;
}

/* The loop's draw: the whole frame after a change, else only the notice band. */
static void on_draw(void *ud)
{
	struct app *app = ud;
	int64_t mono = clock_mono_ms();
	struct view v = {
		.snap = feed_snapshot(app->feed),
		.connected = feed_connected(app->feed),
		.lost = feed_lost_words(app->feed),
		.now_ms = clock_now_ms(),
		.fresh = mono < app->fresh_until,
		.blink_on = ((app->fresh_until - mono) / BLINK_MS) % 2 == 1,
		.ticker_offset = app->ticker_offset,
		.page = app->page,
	};
	if (!attach_surface(app)) {
		return;
	}
	if (app->whole_frames || app->scene_dirty) {
		char id[24];
		snprintf(id, sizeof(id), "%lld", (long long)feed_last_event_id(app->feed));
		ui_trace_frame_tag(app->trace, "event", id);
		render_frame(app->render, &v);
		render_ticker(app->render, &v);
	} else {
		SDL_Rect band = render_ticker_rect(app->render);
		ui_trace_frame_partial(app->trace, &band);
		render_ticker(app->render, &v);
		SDL_RenderFlush(app->ren);
		SDL_UpdateWindowSurfaceRects(app->win, &band, 1);
		return;
	}
	if (app->whole_frames) {
		SDL_RenderPresent(app->ren);
	} else {
		SDL_RenderFlush(app->ren);
		SDL_UpdateWindowSurface(app->win);
	}
	ui_text_frame_done(app->text);
	app->scene_dirty = false;
	/* Pages turn only while there is more than one. */
	if (render_pages(app->render) > 1) {
		if (!ui_loop_armed(app->loop, app->t_page)) {
			ui_loop_repeat(app->loop, app->t_page, app->opt.page_ms, app->opt.page_ms);
		}
	} else {
		ui_loop_disarm(app->loop, app->t_page);
		app->page = 0;
	}
	/* The notice moves only when it is wider than the screen (known after a frame). */
	if (app->opt.ticker_hz > 0 && render_ticker_cycle(app->render) > 0) {
		if (!ui_loop_armed(app->loop, app->t_ticker)) {
			int period = 1000 / app->opt.ticker_hz;
			ui_loop_repeat(app->loop, app->t_ticker, period, period);
		}
	} else {
		ui_loop_disarm(app->loop, app->t_ticker);
	}
}

static void redraw(struct app *app)
{
	app->scene_dirty = true;
	ui_loop_mark_dirty(app->loop);
}

static void on_event(void *ud, const SDL_Event *ev)
{
	struct app *app = ud;
	if (ev->type == SDL_QUIT || (ev->type == SDL_KEYDOWN && (ev->key.keysym.sym == SDLK_ESCAPE
			|| ev->key.keysym.sym == SDLK_q))) {
		ui_loop_quit(app->loop);
	} else if (ev->type == SDL_WINDOWEVENT) {
		/* A resize replaces the window surface: attach again. */
		if (ev->window.event == SDL_WINDOWEVENT_SIZE_CHANGED && !app->whole_frames) {
			detach(app);
		}
		redraw(app);
	}
}

/* Timers (ui_loop_timer). */

static void on_poll(void *ud)
{
	struct app *app = ud;
	if (feed_poll(app->feed, on_call, app)) {
		redraw(app);
	}
}

/* The desk's thread (a server's event): poll now, not at the next 100 ms tick. */
static void on_wake(void *ud)
{
	struct app *app = ud;
	if (!atomic_exchange(&app->wake_pending, true)) {
		if (!ui_loop_post(app->loop, MESSAGE_WAKE, NULL)) {
			atomic_store(&app->wake_pending, false);  /* the next tick polls anyway */
		}
	}
}

static void on_message(void *ud, int code, void *data)
{
	struct app *app = ud;
	(void)data;
	if (code == MESSAGE_WAKE) {
		atomic_store(&app->wake_pending, false);
		on_poll(app);
	}
}

static void on_clock(void *ud)
{
	struct app *app = ud;
	redraw(app);
}

/* Blink phases of a fresh call, then one last frame in the steady colours. */
static void on_blink(void *ud)
{
	struct app *app = ud;
	redraw(app);
	if (clock_mono_ms() >= app->fresh_until) {
		ui_loop_disarm(app->loop, app->t_blink);  /* that was the steady frame */
	}
}

static void on_page(void *ud)
{
	struct app *app = ud;
	int pages = app->render ? render_pages(app->render) : 1;
	app->page = pages > 1 ? (app->page + 1) % pages : 0;
	redraw(app);
}

static void on_ticker(void *ud)
{
	struct app *app = ud;
	int cycle = app->render ? render_ticker_cycle(app->render) : 0;
	if (cycle <= 0) {
		ui_loop_disarm(app->loop, app->t_ticker);  /* the notice fits now */
		return;
	}
	/* Same speed at any step rate: pixels per second / steps per second. */
	int step = render_ticker_speed(app->render) / app->opt.ticker_hz;
	app->ticker_offset = (app->ticker_offset + (step > 0 ? step : 1)) % cycle;
	ui_loop_mark_dirty(app->loop);
}

/*
 * The desk's zone, once, before the announcer thread starts. A display
 * started before its desk can be read uses Vietnam's zone.
 */
static void use_zone(struct desk *desk)
{
	if (desk_connected(desk)) {
		desk_use_zone(desk);
	} else {
		clock_set_zone("Asia/Ho_Chi_Minh");
	}
}

int main(int argc, char **argv)
{
	struct app app = {0};
	struct result r = {0};
	int code = 1;

	log_init("motcua-display", LOG_LEVEL_INFO);
	if (!parse_args(argc, argv, &app.opt, &code)) {
		return code;
	}
	app.desk = desk_open(&app.opt.desk, &r);
	if (!app.desk) {
		LOG_ERR("%s", r.msg);
		return 1;
	}
	use_zone(app.desk);
	/*
	 * The window surface as a plain shared-memory framebuffer: by default SDL
	 * backs it with a GL texture, which under software GL costs a full-screen
	 * upload and draw per update even for the notice band alone.
	 */
	SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
	ui_loop_catch_signals();
	if (SDL_Init(SDL_INIT_VIDEO) != 0) {
		LOG_ERR("cannot start SDL video: %s", SDL_GetError());
		return 1;
	}
	if (TTF_Init() != 0) {
		LOG_ERR("cannot start SDL_ttf: %s", TTF_GetError());
		goto out;
	}
	static const struct ui_loop_ops ops = { .draw = on_draw, .event = on_event,
		.message = on_message };
	app.loop = ui_loop_create("display", &ops, &app, &r);
	if (!app.loop) {
		LOG_ERR("%s", r.msg);
		goto out;
	}
	app.trace = ui_loop_trace(app.loop);
	Uint32 flags = SDL_WINDOW_ALLOW_HIGHDPI;
	int w = app.opt.win_w, h = app.opt.win_h;
	int pos = SDL_WINDOWPOS_CENTERED;
	if (w == 0) {
		/* Full screen; also sized to the desktop so it fills the screen without a WM. */
		SDL_DisplayMode mode;
		flags |= SDL_WINDOW_FULLSCREEN_DESKTOP | SDL_WINDOW_BORDERLESS;
		w = 1920;
		h = 1080;
		if (SDL_GetDesktopDisplayMode(0, &mode) == 0) {
			w = mode.w;
			h = mode.h;
		}
		pos = 0;
	}
	app.win = SDL_CreateWindow("motcua — màn hình phòng chờ", pos, pos, w, h, flags);
	if (!app.win) {
		LOG_ERR("cannot open the window: %s", SDL_GetError());
		goto out;
	}
	if (flags & SDL_WINDOW_FULLSCREEN_DESKTOP) {
		SDL_ShowCursor(SDL_DISABLE);
	}
	if (!attach_surface(&app)) {
		goto out;
	}
	app.feed = feed_create(app.desk, &app.opt.filter);
	desk_set_wake(app.desk, on_wake, &app);
	char *clips = paths_asset("voice/vi");
	if (!clips) {
		LOG_WARN("voice clips (assets/voice/vi) not found: announcements are silent");
	}
	if (app.opt.silent) {
		/* An invalid driver makes the announcer silent but keeps its notes. */
		SDL_SetHintWithPriority(SDL_HINT_AUDIODRIVER, "none", SDL_HINT_OVERRIDE);
	}
	app.announcer = announcer_create(clips ? clips : ".", on_announce, &app, &r);
	free(clips);
	if (!app.announcer) {
		LOG_WARN("%s: calls are not announced", r.msg);
	}
	app.t_poll = ui_loop_timer(app.loop, "poll", on_poll);
	app.t_clock = ui_loop_timer(app.loop, "clock", on_clock);
	app.t_blink = ui_loop_timer(app.loop, "blink", on_blink);
	app.t_ticker = ui_loop_timer(app.loop, "notice", on_ticker);
	app.t_page = ui_loop_timer(app.loop, "page", on_page);
	ui_loop_repeat(app.loop, app.t_poll, 0, POLL_MS);
	ui_loop_repeat_minutes(app.loop, app.t_clock);
	redraw(&app);
	ui_loop_run(app.loop);
	code = 0;
out:
	announcer_destroy(app.announcer);
	feed_destroy(app.feed);
	desk_close(app.desk);
	detach(&app);
	ui_loop_destroy(app.loop);
	if (app.win) {
		SDL_DestroyWindow(app.win);
	}
	TTF_Quit();
	SDL_Quit();
	return code;
}
