/*
 * motcua-counter: the officer's window at one counter. Shows the ticket
 * being served, who waits for this counter's services and the next
 * numbers, with big buttons (and F-key shortcuts) for every queue
 * operation; after a ticket is finished it asks the citizen for a rating.
 *
 * The shared deadline loop (motcua/ui/loop.h) sleeps until an event or the
 * nearest timer (database check every 100 ms, message fade, button flash,
 * rating countdown and timeout, clock minute), and draws only when
 * something changed. With $MOTCUA_TRACE every frame goes to the draw trace
 * (tagged with its mode, with the buttons', picker items' and rating
 * choices' rectangles). Input handling is here, queue operations in
 * actions.c, rendering in draw.c. Start reading main().
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
#include "motcua/base/text.h"
#include "motcua/base/paths.h"
#include "motcua-config.h"
#include "motcua/store/snapshot.h"
#include "motcua/ui/window.h"
#include "app.h"

#define DB_CHECK_MS 100
#define LOGOUT_KEY SDLK_F10   /* "Đăng xuất", with officer accounts */

static const SDL_Keycode button_keys[BUTTON_COUNT] = {
	[BUTTON_NEXT] = SDLK_F1, [BUTTON_RECALL] = SDLK_F2, [BUTTON_SKIP] = SDLK_F3,
	[BUTTON_FINISH] = SDLK_F4, [BUTTON_REQUEUE] = SDLK_F5, [BUTTON_TRANSFER] = SDLK_F6,
	[BUTTON_CALL] = SDLK_F7, [BUTTON_PAUSE] = SDLK_F8,
};

static bool hit(const SDL_Rect *r, int x, int y)
{
	SDL_Point p = { x, y };
	return r->w > 0 && SDL_PointInRect(&p, r);
}

void app_dirty(struct app *a)
{
	ui_loop_mark_dirty(a->loop);
}

static void key_main(struct app *a, SDL_Keycode k)
{
	if (k == LOGOUT_KEY && a->accounts) {
		login_open(a, NULL);
		return;
	}
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

/* 1-9 on the main keys or the keypad, else 0 (the rating's keys). */
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

/* Keys in a picker; what is typed arrives as text (on_text). */
static void key_pick(struct app *a, SDL_Keycode k)
{
	struct picker *p = &a->pick;
	int cols = a->pick_cols > 0 ? a->pick_cols : 1;
	switch (k) {
	case SDLK_ESCAPE:
		app_pick_close(a);
		break;
	case SDLK_RETURN:
	case SDLK_KP_ENTER:
		app_pick_enter(a);
		break;
	case SDLK_BACKSPACE:
	case SDLK_KP_BACKSPACE:
		picker_backspace(p);
		break;
	case SDLK_RIGHT:
		picker_move(p, 1);
		break;
	case SDLK_LEFT:
		picker_move(p, -1);
		break;
	case SDLK_DOWN:
		picker_move(p, cols);
		break;
	case SDLK_UP:
		picker_move(p, -cols);
		break;
	case SDLK_PAGEDOWN:
		picker_turn(p, 1);
		break;
	case SDLK_PAGEUP:
		picker_turn(p, -1);
		break;
	default:
		if (k >= SDLK_F1 && k <= SDLK_F12) {
			key_main(a, k);
		}
		break;
	}
	app_dirty(a);
}

static void on_text(struct app *a, const char *s)
{
	if (a->mode == MODE_PICK && picker_type(&a->pick, s)) {
		app_dirty(a);
	} else if (a->mode == MODE_LOGIN) {
		login_text(a, s);
	}
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
	case MODE_LOGIN:
		login_key(a, k);
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
	if (a->mode == MODE_LOGIN) {
		login_click(a, x, y);
		return;
	}
	if (a->mode == MODE_PICK) {
		for (size_t i = 0; i < a->pick_n_boxes; i++) {
			if (hit(&a->pick_boxes[i], x, y)) {
				app_pick_shown(a, a->pick_first + i);
				return;
			}
		}
		if (hit(&a->pick_prev, x, y) || hit(&a->pick_next, x, y)) {
			picker_turn(&a->pick, hit(&a->pick_prev, x, y) ? -1 : 1);
			app_dirty(a);
		} else if (hit(&a->pick_cancel, x, y)) {
			app_pick_close(a);
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

static void on_event(void *ud, const SDL_Event *e)
{
	struct app *a = ud;
	int x, y;
	switch (e->type) {
	case SDL_QUIT:
		ui_loop_quit(a->loop);
		break;
	case SDL_WINDOWEVENT:
		app_dirty(a);
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
	case SDL_MOUSEWHEEL:
		if (a->mode == MODE_PICK && e->wheel.y != 0) {
			picker_turn(&a->pick, e->wheel.y > 0 ? -1 : 1);
			app_dirty(a);
		}
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

/* Timers (ui_loop_timer). */

static void on_poll(void *ud)
{
	struct app *a = ud;
	if (desk_changed(a->desk, &a->watch)) {
		app_refresh(a);
	}
	app_check_online(a);
}

/* The clock and the elapsed minutes. */
static void on_clock(void *ud)
{
	struct app *a = ud;
	app_dirty(a);
}

static void on_msg(void *ud)
{
	struct app *a = ud;
	a->msg[0] = '\0';
	app_dirty(a);
}

static void on_flash(void *ud)
{
	struct app *a = ud;
	a->flash_button = -1;
	app_dirty(a);
}

/* The rating question (or its thanks) has been shown long enough. */
static void on_rate(void *ud)
{
	struct app *a = ud;
	if (a->mode == MODE_RATING && !a->rate_chosen) {
		LOG_INFO("counter %d: ticket %s not rated (timeout)", a->counter, a->rate_number);
	}
	app_rate_close(a);
}

/* The countdown bar moves a step (a repeating timer while the question is open). */
static void on_rate_tick(void *ud)
{
	struct app *a = ud;
	app_dirty(a);
}

static void on_draw(void *ud)
{
	draw_frame(ud);
}

static void add_timers(struct app *a)
{
	a->t_poll = ui_loop_timer(a->loop, "poll", on_poll);
	a->t_clock = ui_loop_timer(a->loop, "clock", on_clock);
	a->t_msg = ui_loop_timer(a->loop, "message", on_msg);
	a->t_flash = ui_loop_timer(a->loop, "flash", on_flash);
	a->t_rate = ui_loop_timer(a->loop, "rating", on_rate);
	a->t_rate_tick = ui_loop_timer(a->loop, "countdown", on_rate_tick);
	ui_loop_repeat(a->loop, a->t_poll, DB_CHECK_MS, DB_CHECK_MS);
	ui_loop_repeat_minutes(a->loop, a->t_clock);
}

static void usage(FILE *f)
{
	fprintf(f,
		"Cách dùng: motcua-counter --counter N [--officer TÊN] [--window WxH] [--fullscreen]\n"
		"                          [--db PATH | --server URL --token MÃ]\n"
		"Cửa sổ của cán bộ ở quầy N (1 đến 999). Phím: F1/Space gọi số tiếp theo, F2 gọi lại,\n"
		"F3 vắng mặt, F4 xong, F5 đưa số vắng mặt vào lại hàng chờ, F6 chuyển, F7 gọi một số,\n"
		"F8 tạm dừng/tiếp tục. Trong một danh sách: gõ phím ghi trên ô (số thứ tự, số quầy,\n"
		"mã lĩnh vực) rồi Enter, hoặc dùng phím mũi tên rồi Enter; PgUp/PgDn để sang trang.\n"
		"Khi đã có tài khoản cán bộ (`motcua officer add`): cửa sổ mở màn hình đăng nhập\n"
		"(chọn tên, nhập mã PIN, Enter) thay cho --officer; F10 đăng xuất.\n"
		DESK_USAGE
		"  --help, --version\n");
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "counter", required_argument, NULL, 'c' },
		{ "officer", required_argument, NULL, 'o' },
		{ "window", required_argument, NULL, 'w' },
		{ "fullscreen", no_argument, NULL, 'f' },
		{ "db", required_argument, NULL, 'd' },
		DESK_LONG_OPTIONS,
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ 0 },
	};
	struct desk_options desk = { .mode = DB_READWRITE };
	const char *opt_officer = NULL;
	int win_w = 1024, win_h = 640;
	bool fullscreen = false, ttf = false, sdl = false;
	int status = EXIT_FAILURE;
	struct app app = { .counter = 0, .flash_button = -1, .online = true };
	struct app *a = &app;
	struct result r;
	int c;

	log_init("motcua-counter", LOG_LEVEL_INFO);
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (desk_options_take(&desk, c, optarg)) {
			continue;
		}
		switch (c) {
		case 'c': {
			long n;
			if (!text_parse_long(optarg, 1, 999, &n)) {
				fprintf(stderr, "motcua-counter: --counter %s sai: cần số quầy "
					"từ 1 đến 999\n", optarg);
				return 2;
			}
			a->counter = (int)n;
			break;
		}
		case 'o': opt_officer = optarg; break;
		case 'w':
			if (!ui_parse_size(optarg, &win_w, &win_h)) {
				fprintf(stderr, "motcua-counter: --window %s sai: cần RỘNGxCAO, ví dụ 1366x768\n", optarg);
				return 2;
			}
			break;
		case 'f': fullscreen = true; break;
		case 'd': desk.db = optarg; break;
		case 'h': usage(stdout); return EXIT_SUCCESS;
		case 'V': printf("motcua-counter %s\n", MOTCUA_VERSION); return EXIT_SUCCESS;
		default: usage(stderr); return 2;
		}
	}
	if (optind != argc) {
		fprintf(stderr, "motcua-counter: tham số thừa \"%s\"\n", argv[optind]);
		usage(stderr);
		return 2;
	}
	if (a->counter == 0) {
		fprintf(stderr, "motcua-counter: cần --counter N (số quầy)\n");
		usage(stderr);
		return 2;
	}

	if (!desk_options_check(&desk, &r)) {
		fprintf(stderr, "motcua-counter: %s\n", r.msg);
		return 2;
	}
	a->desk = desk_open(&desk, &r);
	if (!a->desk) {
		fprintf(stderr, "motcua-counter: %s\n", r.msg);
		goto out;
	}
	/*
	 * A server out of reach at start is an outage like any other: the window
	 * opens, says so, and comes alive when the server answers.
	 */
	struct counter ct;
	if (!desk_counter(a->desk, a->counter, &ct, NULL, 0, &r) && r.code != RESULT_ERR_OFFLINE) {
		fprintf(stderr, "motcua-counter: quầy %d: %s\n", a->counter, r.msg);
		goto out;
	}
	desk_use_zone(a->desk);
	a->accounts = login_load(a);
	if (a->accounts && opt_officer) {
		LOG_INFO("counter %d: officer accounts exist: --officer ignored, login required",
			a->counter);
	} else if (opt_officer && !desk_set_officer(a->desk, a->counter, opt_officer, &r)) {
		fprintf(stderr, "motcua-counter: %s\n", r.msg);
		goto out;
	}

	ui_loop_catch_signals();
	if (SDL_Init(SDL_INIT_VIDEO) != 0) {
		fprintf(stderr, "motcua-counter: không khởi động được SDL: %s\n", SDL_GetError());
		goto out;
	}
	sdl = true;
	static const struct ui_loop_ops ops = { .draw = on_draw, .event = on_event };
	a->loop = ui_loop_create("counter", &ops, a, &r);
	if (!a->loop) {
		fprintf(stderr, "motcua-counter: %s\n", r.msg);
		goto out;
	}
	a->trace = ui_loop_trace(a->loop);
	add_timers(a);
	if (TTF_Init() != 0) {
		fprintf(stderr, "motcua-counter: không khởi động được SDL_ttf: %s\n", TTF_GetError());
		goto out;
	}
	ttf = true;
	char title[64];
	snprintf(title, sizeof(title), "Quầy %d – motcua", a->counter);
	a->window = ui_window_create(title, win_w, win_h, fullscreen,
		SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
	if (!a->window) {
		fprintf(stderr, "motcua-counter: không mở được cửa sổ: %s\n", SDL_GetError());
		goto out;
	}
	a->renderer = ui_renderer_create(a->window);
	if (!a->renderer) {
		fprintf(stderr, "motcua-counter: không tạo được bộ vẽ (renderer): %s\n", SDL_GetError());
		goto out;
	}
	ui_loop_set_renderer(a->loop, a->renderer);
	a->text = ui_text_create(a->renderer, a->trace);
	if (!a->text) {
		fprintf(stderr, "motcua-counter: không tìm thấy phông chữ (%s)\n", paths_font(false));
		goto out;
	}
	SDL_StartTextInput();
	desk_changed(a->desk, &a->watch);
	app_refresh(a);
	if (a->accounts) {
		login_open(a, NULL);
	}
	LOG_INFO("counter %d ready", a->counter);

	ui_loop_run(a->loop);
	status = EXIT_SUCCESS;
out:
	ui_loop_destroy(a->loop);
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
	picker_finish(&a->pick);
	free(a->officers);
	desk_close(a->desk);
	return status;
}
