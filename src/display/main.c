/*
 * motcua-display: the waiting-room screen. Reads the shared database
 * read-only, shows one row per counter, the latest call (blinking for a few
 * seconds), the last calls, waiting counts and a moving notice, and calls
 * each ticket aloud through the announcer (queued, never overlapping).
 *
 * The loop sleeps in SDL_WaitEventTimeout until the next deadline: the
 * 100 ms database poll, the next minute of the clock, a blink phase or a
 * notice step. Drawing goes through a software renderer onto the window
 * surface, so the screen keeps its pixels between frames: a change redraws
 * and sends the whole frame, a notice step redraws and sends only the
 * notice band (SDL_UpdateWindowSurfaceRects), a few percent of the pixels.
 * Start reading at main().
 */
#define LOG_MODULE "display"
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <SDL.h>
#include <SDL_ttf.h>

#include "feed.h"
#include "motcua-config.h"
#include "motcua/voice/announcer.h"
#include "motcua/base/clock.h"
#include "motcua/store/db.h"
#include "motcua/store/settings.h"
#include "motcua/base/log.h"
#include "motcua/base/paths.h"
#include "motcua/ui/ui.h"
#include "render.h"

#define POLL_MS 100
#define FRESH_MS 6000       /* the latest call blinks this long */
#define BLINK_MS 500
#define DEFAULT_TICKER_HZ 10

struct options {
	const char *db;
	int win_w, win_h;           /* 0: full screen */
	struct feed_filter filter;
	const char *announce_log;
	const char *frame_log;
	int ticker_hz;
	bool silent;
};

struct app {
	struct options opt;
	SDL_Window *win;
	SDL_Renderer *ren;          /* software renderer on the window surface */
	SDL_Surface *surface;       /* the window's; owned by the window */
	struct ui_text *text;       /* belongs to ren: recreated with it */
	bool whole_frames;          /* no window framebuffer: ordinary renderer */
	struct render *render;
	struct feed *feed;
	struct announcer *announcer;
	FILE *frame_log;
	bool scene_dirty;
	bool ticker_dirty;
	int64_t fresh_until;        /* mono ms; latest call blinks until then */
	int ticker_offset;
	int64_t shown_event;        /* last event id on screen (frame log) */
};

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: motcua-display [OPTIONS]\n"
		"The waiting-room screen with voice calls (reads the database only).\n\n"
		"  --db PATH             database (default: $MOTCUA_DB, else the system one)\n"
		"  --window WxH          a window of that size instead of full screen\n"
		"  --counters 1,2        show and announce only these counters\n"
		"  --services HT,CT      show and announce only these services\n"
		"  --silent              do not play sound (the record is still written)\n"
		"  --announce-log FILE   append each announcement played (start/end lines)\n"
		"  --frame-log FILE      append '<ms> <event id>' when a change is presented\n"
		"  --ticker-hz N         notice steps per second (default %d, 0 = still)\n"
		"  --help, --version\n", DEFAULT_TICKER_HZ);
}

static bool parse_args(int argc, char **argv, struct options *o, int *exit_code)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, 'd'},
		{"window", required_argument, NULL, 'w'},
		{"counters", required_argument, NULL, 'c'},
		{"services", required_argument, NULL, 's'},
		{"silent", no_argument, NULL, 'S'},
		{"announce-log", required_argument, NULL, 'a'},
		{"frame-log", required_argument, NULL, 'f'},
		{"ticker-hz", required_argument, NULL, 't'},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0},
	};
	int c;
	o->ticker_hz = DEFAULT_TICKER_HZ;
	*exit_code = 2;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd': o->db = optarg; break;
		case 'w':
			if (!ui_parse_size(optarg, &o->win_w, &o->win_h)) {
				fprintf(stderr, "motcua-display: --window %s: expected WxH, e.g. 1920x1080\n",
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
		case 'a': o->announce_log = optarg; break;
		case 'f': o->frame_log = optarg; break;
		case 't': {
			char *end;
			long hz = strtol(optarg, &end, 10);
			if (*end || hz < 0 || hz > 60) {
				fprintf(stderr, "motcua-display: --ticker-hz %s: expected 0..60\n", optarg);
				return false;
			}
			o->ticker_hz = (int)hz;
			break;
		}
		case 'h': usage(stdout); *exit_code = 0; return false;
		case 'V': printf("motcua-display %s\n", MOTCUA_VERSION); *exit_code = 0; return false;
		default: usage(stderr); return false;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "motcua-display: unexpected argument \"%s\"\n", argv[optind]);
		return false;
	}
	return true;
}

/* A new call or recall: make it blink and queue its announcement. */
static void on_call(void *ud, const struct event *ev, const struct voice_config *voice)
{
	struct app *app = ud;
	struct voice_sequence seq;
	struct result r;
	char label[64];

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
	app->text = ui_text_create(app->ren);
	app->render = render_create(app->ren, app->text);
	app->scene_dirty = true;
	return true;
}

static void draw(struct app *app)
{
	int64_t mono = clock_mono_ms();
	struct view v = {
		.snap = feed_snapshot(app->feed),
		.connected = feed_connected(app->feed),
		.now_ms = clock_now_ms(),
		.fresh = mono < app->fresh_until,
		.blink_on = ((app->fresh_until - mono) / BLINK_MS) % 2 == 1,
		.ticker_offset = app->ticker_offset,
	};
	if (!attach_surface(app)) {
		return;
	}
	if (app->whole_frames) {
		render_frame(app->render, &v);
		render_ticker(app->render, &v);
		SDL_RenderPresent(app->ren);
		ui_text_frame_done(app->text);
	} else if (app->scene_dirty) {
		render_frame(app->render, &v);
		render_ticker(app->render, &v);
		SDL_RenderFlush(app->ren);
		SDL_UpdateWindowSurface(app->win);
		ui_text_frame_done(app->text);
	} else {
		SDL_Rect band = render_ticker_rect(app->render);
		render_ticker(app->render, &v);
		SDL_RenderFlush(app->ren);
		SDL_UpdateWindowSurfaceRects(app->win, &band, 1);
	}

	int64_t shown = feed_last_event_id(app->feed);
	if (app->frame_log && app->scene_dirty && shown != app->shown_event) {
		fprintf(app->frame_log, "%lld %lld\n", (long long)clock_now_ms(), (long long)shown);
		fflush(app->frame_log);
	}
	app->shown_event = shown;
	app->scene_dirty = false;
	app->ticker_dirty = false;
}

static int64_t min64(int64_t a, int64_t b)
{
	return a < b ? a : b;
}

static void run(struct app *app)
{
	int64_t now = clock_mono_ms();
	int64_t next_poll = now, next_ticker = now, next_blink = 0;
	int64_t minute_shown = clock_now_ms() / 60000;

	for (;;) {
		now = clock_mono_ms();
		int64_t deadline = next_poll;
		/* The clock shows minutes: wake at the next minute of wall time. */
		int64_t wall = clock_now_ms();
		deadline = min64(deadline, now + (60000 - wall % 60000));
		if (now < app->fresh_until) {
			deadline = min64(deadline, next_blink);
		}
		bool moving = app->opt.ticker_hz > 0 && app->render
			&& render_ticker_cycle(app->render) > 0;
		if (moving) {
			deadline = min64(deadline, next_ticker);
		}
		int wait = (int)(deadline > now ? deadline - now : 0);
		SDL_Event ev;
		if (SDL_WaitEventTimeout(&ev, wait)) {
			do {
				if (ev.type == SDL_QUIT) {
					return;
				}
				if (ev.type == SDL_KEYDOWN && (ev.key.keysym.sym == SDLK_ESCAPE
						|| ev.key.keysym.sym == SDLK_q)) {
					return;
				}
				if (ev.type == SDL_WINDOWEVENT) {
					/* A resize replaces the window surface: attach again. */
					if (ev.window.event == SDL_WINDOWEVENT_SIZE_CHANGED && !app->whole_frames) {
						detach(app);
					}
					app->scene_dirty = true;
				}
			} while (SDL_PollEvent(&ev));
		}

		now = clock_mono_ms();
		if (now >= next_poll) {
			bool was_fresh = now < app->fresh_until;
			if (feed_poll(app->feed, on_call, app)) {
				app->scene_dirty = true;
			}
			if (!was_fresh && now < app->fresh_until) {
				next_blink = now + BLINK_MS;
			}
			next_poll = now + POLL_MS;
		}
		if (app->fresh_until && now >= next_blink && next_blink) {
			/* Blink phases, then one last frame in the steady colours. */
			app->scene_dirty = true;
			next_blink = now < app->fresh_until ? now + BLINK_MS : 0;
		}
		wall = clock_now_ms();
		if (wall / 60000 != minute_shown) {
			minute_shown = wall / 60000;
			app->scene_dirty = true;
		}
		if (moving && now >= next_ticker) {
			int cycle = render_ticker_cycle(app->render);
			/* Same speed at any step rate: pixels per second / steps per second. */
			int step = render_ticker_speed(app->render) / app->opt.ticker_hz;
			app->ticker_offset = (app->ticker_offset + (step > 0 ? step : 1)) % cycle;
			next_ticker = now + 1000 / app->opt.ticker_hz;
			app->ticker_dirty = true;
		}
		if (app->scene_dirty || app->ticker_dirty) {
			draw(app);
		}
	}
}

/*
 * The desk's zone, once, before the announcer thread starts (the feed may
 * reopen the database later, but never sets the zone again). A display
 * started before its database exists uses Vietnam's zone.
 */
static void use_zone(const char *path)
{
	struct result r = {0};
	struct db *db = db_open(path, DB_READONLY, &r);
	if (db) {
		settings_use_zone(db);
	} else {
		clock_set_zone("Asia/Ho_Chi_Minh");
	}
	db_close(db);
}

int main(int argc, char **argv)
{
	struct app app = {0};
	int code = 1;

	log_init("motcua-display", LOG_LEVEL_INFO);
	if (!parse_args(argc, argv, &app.opt, &code)) {
		return code;
	}
	use_zone(db_default_path(app.opt.db));
	/*
	 * The window surface as a plain shared-memory framebuffer: by default SDL
	 * backs it with a GL texture, which under software GL costs a full-screen
	 * upload and draw per update even for the notice band alone.
	 */
	SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
	if (SDL_Init(SDL_INIT_VIDEO) != 0) {
		LOG_ERR("cannot start SDL video: %s", SDL_GetError());
		return 1;
	}
	if (TTF_Init() != 0) {
		LOG_ERR("cannot start SDL_ttf: %s", TTF_GetError());
		goto out;
	}
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
	app.feed = feed_create(db_default_path(app.opt.db), &app.opt.filter);
	if (app.opt.frame_log) {
		app.frame_log = fopen(app.opt.frame_log, "a");
		if (!app.frame_log) {
			LOG_ERR("%s: cannot open the frame log", app.opt.frame_log);
			goto out;
		}
	}
	char *clips = paths_asset("voice/vi");
	if (!clips) {
		LOG_WARN("voice clips (assets/voice/vi) not found: announcements are silent");
	}
	if (app.opt.silent) {
		/* An invalid driver makes the announcer silent but keeps its record. */
		SDL_SetHintWithPriority(SDL_HINT_AUDIODRIVER, "none", SDL_HINT_OVERRIDE);
	}
	app.announcer = announcer_create(clips ? clips : ".", app.opt.announce_log);
	free(clips);
	if (!app.announcer && app.opt.announce_log) {
		goto out;
	}
	app.scene_dirty = true;
	run(&app);
	code = 0;
out:
	announcer_destroy(app.announcer);
	feed_destroy(app.feed);
	detach(&app);
	if (app.win) {
		SDL_DestroyWindow(app.win);
	}
	if (app.frame_log) {
		fclose(app.frame_log);
	}
	TTF_Quit();
	SDL_Quit();
	return code;
}
