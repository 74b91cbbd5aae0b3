/*
 * motcua-counter: the officer's window at one counter. Shows the ticket
 * being served, who waits for this counter's services and the next
 * numbers, with big buttons (and F-key shortcuts) for every queue
 * operation; after a ticket is finished it asks the citizen for a rating.
 *
 * The loop sleeps in SDL_WaitEventTimeout until an event or the nearest
 * deadline (database check every 100 ms, message fade, rating timeout,
 * clock minute), and draws only when something changed. Input handling is
 * here, queue operations in actions.c, rendering in draw.c. Start reading
 * main().
 */
#define LOG_MODULE "counter"
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <SDL.h>
#include <SDL_ttf.h>
#include "motcua/base/clock.h"
#include "motcua/store/counters.h"
#include "motcua/base/log.h"
#include "motcua/store/settings.h"
#include "motcua/base/paths.h"
#include "motcua/store/snapshot.h"
#include "app.h"

#define DB_CHECK_MS 100
#define RATING_TICK_MS 1000

static const SDL_Keycode button_keys[BUTTON_COUNT] = {
	[BUTTON_NEXT] = SDLK_F1, [BUTTON_RECALL] = SDLK_F2, [BUTTON_SKIP] = SDLK_F3,
	[BUTTON_FINISH] = SDLK_F4, [BUTTON_REQUEUE] = SDLK_F5, [BUTTON_TRANSFER] = SDLK_F6,
	[BUTTON_CALL] = SDLK_F7, [BUTTON_PAUSE] = SDLK_F8,
};

static const char *const button_ids[BUTTON_COUNT] = {
	"next", "recall", "skip", "finish", "requeue", "transfer", "call", "pause",
};

static bool hit(const SDL_Rect *r, int x, int y)
{
	SDL_Point p = { x, y };
	return r->w > 0 && SDL_PointInRect(&p, r);
}

/* Logs the hit boxes of what is on screen (debug level; used by the UI tests). */
static void log_hitboxes(struct app *a)
{
	const SDL_Rect *r;
	for (int i = 0; i < BUTTON_COUNT; i++) {
		r = &a->buttons[i];
		LOG_DBG("hitbox button %s %d %d %d %d", button_ids[i], r->x, r->y, r->w, r->h);
	}
	if (a->mode == MODE_PICK) {
		for (size_t i = 0; i < a->pick.n; i++) {
			r = &a->pick.boxes[i];
			LOG_DBG("hitbox pick %zu %d %d %d %d", i + 1, r->x, r->y, r->w, r->h);
		}
	} else if (a->mode == MODE_RATING && !a->rate_chosen) {
		for (int i = 0; i < 4; i++) {
			r = &a->rate_boxes[i];
			LOG_DBG("hitbox rate %d %d %d %d %d", i + 1, r->x, r->y, r->w, r->h);
		}
	}
}

static void key_main(struct app *a, SDL_Keycode k)
{
	if (k == SDLK_SPACE) {
		app_press(a, BUTTON_NEXT);
		return;
	}
	for (int i = 0; i < BUTTON_COUNT; i++) {
		if (button_keys[i] == k) {
			app_press(a, (enum button)i);
			return;
		}
	}
}

static int digit_of(SDL_Keycode k)
{
	if (k >= SDLK_1 && k <= SDLK_9) {
		return (int)(k - SDLK_1) + 1;
	}
	if (k >= SDLK_KP_1 && k <= SDLK_KP_9) {
		return (int)(k - SDLK_KP_1) + 1;
	}
	return 0;
}

static void key_pick(struct app *a, SDL_Keycode k)
{
	struct picker *p = &a->pick;
	int d = digit_of(k);
	switch (k) {
	case SDLK_ESCAPE:
		a->mode = MODE_MAIN;
		break;
	case SDLK_RETURN:
	case SDLK_KP_ENTER:
		if (p->typing && p->typed[0]) {
			app_pick(a, -1);
		} else {
			app_pick(a, p->selected);
		}
		break;
	case SDLK_BACKSPACE:
		if (p->typed[0]) {
			p->typed[strlen(p->typed) - 1] = '\0';
		}
		break;
	case SDLK_RIGHT:
	case SDLK_DOWN:
		if (p->n) {
			p->selected = (p->selected + 1) % (int)p->n;
		}
		break;
	case SDLK_LEFT:
	case SDLK_UP:
		if (p->n) {
			p->selected = (p->selected + (int)p->n - 1) % (int)p->n;
		}
		break;
	default:
		if (d && !p->typing) {
			app_pick(a, d - 1);
		} else if (k >= SDLK_F1 && k <= SDLK_F12) {
			key_main(a, k);
		}
		break;
	}
	a->dirty = true;
}

static void on_text(struct app *a, const char *s)
{
	struct picker *p = &a->pick;
	if (a->mode != MODE_PICK || !p->typing) {
		return;
	}
	for (; *s; s++) {
		char c = *s;
		if (c >= 'a' && c <= 'z') {
			c = (char)(c - 'a' + 'A');
		}
		size_t n = strlen(p->typed);
		if (((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')) && n + 1 < sizeof(p->typed)) {
			p->typed[n] = c;
			p->typed[n + 1] = '\0';
		}
	}
	a->dirty = true;
}

static void on_key(struct app *a, SDL_Keycode k)
{
	LOG_DBG("key %s in mode %d", SDL_GetKeyName(k), (int)a->mode);
	switch (a->mode) {
	case MODE_MAIN:
		key_main(a, k);
		break;
	case MODE_PICK:
		key_pick(a, k);
		break;
	case MODE_RATING: {
		int d = digit_of(k);
		if (d >= 1 && d <= 4) {
			app_rate(a, d);
		} else if (k == SDLK_ESCAPE) {
			app_rate_close(a);
		} else {
			key_main(a, k);
		}
		break;
	}
	}
}

static void on_click(struct app *a, int x, int y)
{
	if (a->mode == MODE_PICK) {
		for (size_t i = 0; i < a->pick.n; i++) {
			if (hit(&a->pick.boxes[i], x, y)) {
				a->pick.selected = (int)i;
				app_pick(a, (int)i);
				return;
			}
		}
		if (hit(&a->pick.cancel_box, x, y)) {
			a->mode = MODE_MAIN;
			a->dirty = true;
		}
		return;
	}
	if (a->mode == MODE_RATING) {
		for (int i = 0; i < 4; i++) {
			if (hit(&a->rate_boxes[i], x, y)) {
				app_rate(a, i + 1);
				return;
			}
		}
		if (hit(&a->rate_skip_box, x, y)) {
			app_rate_close(a);
		}
		return;
	}
	for (int i = 0; i < BUTTON_COUNT; i++) {
		if (hit(&a->buttons[i], x, y)) {
			app_press(a, (enum button)i);
			return;
		}
	}
}

/* Window coordinates to renderer output pixels (differ on high-DPI screens). */
static void to_output(struct app *a, int *x, int *y)
{
	int ww, wh, ow, oh;
	SDL_GetWindowSize(a->window, &ww, &wh);
	SDL_GetRendererOutputSize(a->renderer, &ow, &oh);
	if (ww > 0 && wh > 0) {
		*x = *x * ow / ww;
		*y = *y * oh / wh;
	}
}

static void handle_event(struct app *a, const SDL_Event *e, bool *quit)
{
	int x, y;
	switch (e->type) {
	case SDL_QUIT:
		*quit = true;
		break;
	case SDL_WINDOWEVENT:
		a->dirty = true;
		break;
	case SDL_KEYDOWN:
		on_key(a, e->key.keysym.sym);
		break;
	case SDL_TEXTINPUT:
		on_text(a, e->text.text);
		break;
	case SDL_MOUSEBUTTONDOWN:
		if (e->button.which == SDL_TOUCH_MOUSEID || e->button.button != SDL_BUTTON_LEFT) {
			break;   /* touches arrive as SDL_FINGERDOWN too */
		}
		x = e->button.x;
		y = e->button.y;
		to_output(a, &x, &y);
		on_click(a, x, y);
		break;
	case SDL_FINGERDOWN: {
		int ow, oh;
		SDL_GetRendererOutputSize(a->renderer, &ow, &oh);
		on_click(a, (int)(e->tfinger.x * (float)ow), (int)(e->tfinger.y * (float)oh));
		break;
	}
	default:
		break;
	}
}

/* Checks the deadlines that passed; returns ms until the nearest one. */
static int64_t tick(struct app *a, int64_t *next_db)
{
	int64_t now = clock_mono_ms();
	if (now >= *next_db) {
		if (snapshot_changed(a->db, &a->watch)) {
			app_refresh(a);
		}
		*next_db = now + DB_CHECK_MS;
	}
	int64_t next = *next_db;
	if (a->msg[0]) {
		if (now >= a->msg_until) {
			a->msg[0] = '\0';
			a->dirty = true;
		} else if (a->msg_until < next) {
			next = a->msg_until;
		}
	}
	if (a->flash_button >= 0) {
		if (now >= a->flash_until) {
			a->flash_button = -1;
			a->dirty = true;
		} else if (a->flash_until < next) {
			next = a->flash_until;
		}
	}
	if (a->mode == MODE_RATING) {
		if (now >= a->rate_deadline) {
			if (!a->rate_chosen) {
				LOG_INFO("counter %d: ticket %s not rated (timeout)", a->counter,
					a->rate_number);
			}
			app_rate_close(a);
		} else {
			/* The countdown bar moves a step every RATING_TICK_MS. */
			if (now >= a->rate_next_tick) {
				a->dirty = true;
				a->rate_next_tick = now + RATING_TICK_MS;
			}
			next = a->rate_next_tick < next ? a->rate_next_tick : next;
		}
	}
	/* Clock and elapsed minutes. */
	int64_t minute = clock_now_ms() / 60000;
	if (minute != a->last_minute) {
		a->last_minute = minute;
		a->dirty = true;
	}
	int64_t to_minute = 60000 - clock_now_ms() % 60000;
	if (now + to_minute < next) {
		next = now + to_minute;
	}
	return next - now > 0 ? next - now : 0;
}

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: motcua-counter --counter N [--officer NAME] [--window WxH] [--fullscreen]\n"
		"                      [--db PATH]\n"
		"The officer's window at counter N. Keys: F1/Space next, F2 recall, F3 no-show,\n"
		"F4 finish, F5 put back a no-show, F6 transfer, F7 call a number, F8 pause/resume.\n");
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "counter", required_argument, NULL, 'c' },
		{ "officer", required_argument, NULL, 'o' },
		{ "window", required_argument, NULL, 'w' },
		{ "fullscreen", no_argument, NULL, 'f' },
		{ "db", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	const char *opt_db = NULL, *opt_officer = NULL;
	int win_w = 1024, win_h = 640;
	bool fullscreen = false, ttf = false, sdl = false;
	int status = EXIT_FAILURE;
	struct app app = { .counter = 0, .flash_button = -1 };
	struct app *a = &app;
	struct result r;
	int c;

	log_init("motcua-counter", LOG_LEVEL_INFO);
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'c': a->counter = atoi(optarg); break;
		case 'o': opt_officer = optarg; break;
		case 'w':
			if (!ui_parse_size(optarg, &win_w, &win_h)) {
				fprintf(stderr, "motcua-counter: --window %s: expected WxH\n", optarg);
				return 2;
			}
			break;
		case 'f': fullscreen = true; break;
		case 'd': opt_db = optarg; break;
		case 'h': usage(stdout); return EXIT_SUCCESS;
		default: usage(stderr); return 2;
		}
	}
	if (a->counter < 1 || optind != argc) {
		usage(stderr);
		return 2;
	}

	a->db = db_open(db_default_path(opt_db), DB_READWRITE, &r);
	if (!a->db) {
		fprintf(stderr, "motcua-counter: %s\n", r.msg);
		goto out;
	}
	settings_use_zone(a->db);
	struct counter ct;
	if (!counter_find(a->db, a->counter, &ct, &r)) {
		fprintf(stderr, "motcua-counter: counter %d: %s\n", a->counter, r.msg);
		goto out;
	}
	if (opt_officer && !counter_set_officer(a->db, a->counter, opt_officer, &r)) {
		fprintf(stderr, "motcua-counter: %s\n", r.msg);
		goto out;
	}

	if (SDL_Init(SDL_INIT_VIDEO) != 0) {
		fprintf(stderr, "motcua-counter: SDL: %s\n", SDL_GetError());
		goto out;
	}
	sdl = true;
	if (TTF_Init() != 0) {
		fprintf(stderr, "motcua-counter: SDL_ttf: %s\n", TTF_GetError());
		goto out;
	}
	ttf = true;
	char title[64];
	snprintf(title, sizeof(title), "Quầy số %d – motcua", a->counter);
	a->window = SDL_CreateWindow(title, SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
		win_w, win_h, SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI |
		(fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0));
	if (!a->window) {
		fprintf(stderr, "motcua-counter: window: %s\n", SDL_GetError());
		goto out;
	}
	a->renderer = SDL_CreateRenderer(a->window, -1, SDL_RENDERER_PRESENTVSYNC);
	if (!a->renderer) {
		a->renderer = SDL_CreateRenderer(a->window, -1, SDL_RENDERER_SOFTWARE);
	}
	if (!a->renderer) {
		fprintf(stderr, "motcua-counter: renderer: %s\n", SDL_GetError());
		goto out;
	}
	a->text = ui_text_create(a->renderer);
	if (!a->text) {
		fprintf(stderr, "motcua-counter: no font (%s)\n", paths_font(false));
		goto out;
	}
	SDL_StartTextInput();
	snapshot_changed(a->db, &a->watch);
	app_refresh(a);
	LOG_INFO("counter %d ready", a->counter);

	bool quit = false;
	int64_t next_db = 0;
	int last_w = 0, last_h = 0;
	enum mode logged_mode = MODE_MAIN;
	size_t logged_n = 0;
	while (!quit) {
		int64_t wait = tick(a, &next_db);
		if (a->dirty) {
			draw_frame(a);
			a->dirty = false;
			int w, h;
			SDL_GetRendererOutputSize(a->renderer, &w, &h);
			if (w != last_w || h != last_h || a->mode != logged_mode ||
				(a->mode == MODE_PICK && a->pick.n != logged_n)) {
				last_w = w;
				last_h = h;
				logged_mode = a->mode;
				logged_n = a->pick.n;
				log_hitboxes(a);
			}
			continue;   /* re-check deadlines before sleeping */
		}
		SDL_Event e;
		if (SDL_WaitEventTimeout(&e, (int)(wait > 0 ? wait : 1))) {
			do {
				handle_event(a, &e, &quit);
			} while (SDL_PollEvent(&e));
		}
	}
	status = EXIT_SUCCESS;
out:
	ui_text_destroy(a->text);
	if (a->renderer) {
		SDL_DestroyRenderer(a->renderer);
	}
	if (a->window) {
		SDL_DestroyWindow(a->window);
	}
	if (ttf) {
		TTF_Quit();
	}
	if (sdl) {
		SDL_Quit();
	}
	snapshot_finish(&a->snap);
	db_close(a->db);
	return status;
}
