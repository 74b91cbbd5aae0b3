/*
 * The shared deadline loop and the draw trace, under SDL's dummy video
 * driver: timers run in deadline order and once per arming; many changes
 * before a turn give one frame; a message posted from another thread wakes
 * the loop long before its next timer; a caught SIGTERM ends it; messages
 * never delivered are freed; the trace records each frame's tags, rects and
 * texts (with their boxes) and events as JSON lines that parse.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <cjson/cJSON.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <SDL.h>
#include <SDL_ttf.h>

#include "motcua/base/clock.h"
#include "motcua/ui/loop.h"
#include "motcua/ui/ui.h"

struct app {
	struct ui_loop *loop;
	int t_a, t_b, t_late, t_stop;
	int runs;              /* of the repeating timer */
	char order[64];        /* what ran, in order: a letter per callback */
	int draws;
	int messages;
	int message_code;
	int64_t late_armed_ms;
	/* Frame content for the trace test. */
	SDL_Renderer *renderer;
	struct ui_text *text;
};

static void note(struct app *a, char c)
{
	size_t n = strlen(a->order);
	if (n + 1 < sizeof(a->order)) {
		a->order[n] = c;
	}
}

static void on_draw(void *ud)
{
	struct app *a = ud;
	a->draws++;
	note(a, 'D');
	if (a->text) {
		struct ui_trace *tr = ui_loop_trace(a->loop);
		SDL_Rect box = { 10, 20, 300, 80 };
		ui_trace_frame_tag(tr, "screen", "home");
		ui_trace_rect(tr, "button", "next", &box);
		ui_text_draw(a->text, 24, true, (SDL_Color){ 255, 206, 64, 255 }, "Số \"1001\"",
			box.x, box.y, UI_ALIGN_LEFT, &box);
		ui_trace_layer(tr, "dialog");
		ui_text_draw(a->text, 12, false, (SDL_Color){ 0, 0, 0, 128 }, "Hủy", 5, 5,
			UI_ALIGN_LEFT, NULL);
	}
}

static void on_event(void *ud, const SDL_Event *ev)
{
	(void)ud;
	(void)ev;
}

static void on_message(void *ud, int code, void *data)
{
	struct app *a = ud;
	a->messages++;
	a->message_code = code;
	note(a, 'M');
	free(data);
	ui_loop_quit(a->loop);
}

static void on_a(void *ud)
{
	struct app *a = ud;
	note(a, 'a');
	ui_loop_mark_dirty(a->loop);
}

static void on_b(void *ud)
{
	struct app *a = ud;
	note(a, 'b');
	ui_loop_mark_dirty(a->loop);
}

static void on_late(void *ud)
{
	struct app *a = ud;
	note(a, 'L');
}

static void on_stop(void *ud)
{
	struct app *a = ud;
	note(a, 's');
	ui_loop_quit(a->loop);
}

/* A repeating timer that stops itself after its third run. */
static void on_thrice(void *ud)
{
	struct app *a = ud;
	if (++a->runs == 3) {
		ui_loop_disarm(a->loop, a->t_a);
	}
}

static void on_count(void *ud)
{
	struct app *a = ud;
	a->runs++;
}

static const struct ui_loop_ops ops = { .draw = on_draw, .event = on_event,
	.message = on_message };

static void make_loop(struct app *a)
{
	memset(a, 0, sizeof(*a));
	a->loop = ui_loop_create("test", &ops, a, NULL);
	assert_non_null(a->loop);
	a->t_a = ui_loop_timer(a->loop, "a", on_a);
	a->t_b = ui_loop_timer(a->loop, "b", on_b);
	a->t_late = ui_loop_timer(a->loop, "late", on_late);
	a->t_stop = ui_loop_timer(a->loop, "stop", on_stop);
}

static int setup(void **state)
{
	(void)state;
	SDL_SetHint(SDL_HINT_VIDEODRIVER, "dummy");
	return SDL_Init(SDL_INIT_VIDEO) == 0 && TTF_Init() == 0 ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	TTF_Quit();
	SDL_Quit();
	return 0;
}

/* Timers run in deadline order, each once; changes before a turn make one frame. */
static void test_timers_and_dirty(void **state)
{
	(void)state;
	struct app a;
	make_loop(&a);
	ui_loop_arm_in(a.loop, a.t_b, 60);
	ui_loop_arm_in(a.loop, a.t_a, 20);
	ui_loop_arm_in(a.loop, a.t_stop, 150);
	assert_true(ui_loop_armed(a.loop, a.t_a));
	ui_loop_arm_in(a.loop, a.t_late, 100);
	ui_loop_disarm(a.loop, a.t_late);
	assert_false(ui_loop_armed(a.loop, a.t_late));
	ui_loop_run(a.loop);
	/* The first frame (dirty from the start), a, its frame, b, its frame, stop. */
	assert_string_equal(a.order, "DaDbDs");
	assert_int_equal(ui_loop_frames(a.loop), 3);
	assert_false(ui_loop_armed(a.loop, a.t_a));
	ui_loop_destroy(a.loop);

	/* Two timers due in the same turn: one frame for both. */
	make_loop(&a);
	int64_t at = clock_mono_ms() + 30;
	ui_loop_arm_at(a.loop, a.t_a, at);
	ui_loop_arm_at(a.loop, a.t_b, at);
	ui_loop_arm_in(a.loop, a.t_stop, 100);
	ui_loop_run(a.loop);
	assert_string_equal(a.order, "DabDs");
	ui_loop_destroy(a.loop);
}

/* Repeating timers: every period until disarmed; each wall-clock minute. */
static void test_repeat(void **state)
{
	(void)state;
	struct app a;
	make_loop(&a);
	a.t_a = ui_loop_timer(a.loop, "thrice", on_thrice);
	ui_loop_repeat(a.loop, a.t_a, 0, 30);
	ui_loop_arm_in(a.loop, a.t_stop, 600);
	ui_loop_run(a.loop);
	assert_int_equal(a.runs, 3);
	ui_loop_destroy(a.loop);

	/* A wall clock held at 59.4 s into a minute: the next minute is 600 ms away. */
	make_loop(&a);
	clock_set_fake(1795999980000 - 600);  /* a multiple of 60000, less 600 ms */
	int t = ui_loop_timer(a.loop, "clock", on_count);
	ui_loop_repeat_minutes(a.loop, t);
	ui_loop_arm_in(a.loop, a.t_stop, 1000);
	ui_loop_run(a.loop);
	clock_set_fake(0);
	assert_int_equal(a.runs, 2);   /* at once, then at the minute (600 ms) */
	ui_loop_destroy(a.loop);
}

struct poster {
	struct ui_loop *loop;
};

static void *post_later(void *arg)
{
	struct poster *p = arg;
	usleep(50 * 1000);
	int *data = malloc(sizeof(*data));
	if (!ui_loop_post(p->loop, 7, data)) {
		free(data);
	}
	return NULL;
}

/* Another thread's message wakes the loop; a timer 30 s away never runs. */
static void test_post_wakes(void **state)
{
	(void)state;
	struct app a;
	make_loop(&a);
	ui_loop_arm_in(a.loop, a.t_late, 30000);
	struct poster p = { a.loop };
	pthread_t t;
	assert_int_equal(pthread_create(&t, NULL, post_later, &p), 0);
	ui_loop_run(a.loop);
	pthread_join(t, NULL);
	assert_int_equal(a.messages, 1);
	assert_int_equal(a.message_code, 7);
	assert_string_equal(a.order, "DM");
	/* Posted and never delivered: freed by destroy (ASan would see a leak). */
	assert_true(ui_loop_post(a.loop, 1, malloc(16)));
	ui_loop_destroy(a.loop);
}

static void raise_term(void *ud)
{
	(void)ud;
	raise(SIGTERM);
}

/* A caught SIGTERM ends the loop (the process is not killed). */
static void test_signal_stops(void **state)
{
	(void)state;
	struct app a;
	make_loop(&a);
	ui_loop_catch_signals();
	int t = ui_loop_timer(a.loop, "term", raise_term);
	ui_loop_arm_in(a.loop, t, 10);
	ui_loop_arm_in(a.loop, a.t_late, 30000);
	ui_loop_run(a.loop);
	assert_string_equal(a.order, "D");
	ui_loop_destroy(a.loop);
	signal(SIGTERM, SIG_DFL);
}

static cJSON *read_line(FILE *f)
{
	char buf[8192];
	if (!fgets(buf, sizeof(buf), f)) {
		return NULL;
	}
	assert_int_equal(buf[strlen(buf) - 1], '\n');
	cJSON *o = cJSON_Parse(buf);
	assert_non_null(o);
	return o;
}

static const char *str(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	assert_true(cJSON_IsString(v));
	return v->valuestring;
}

static int num(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	assert_true(cJSON_IsNumber(v));
	return v->valueint;
}

/* $MOTCUA_TRACE: a start event, one frame with what it drew, an event. */
static void test_trace(void **state)
{
	(void)state;
	char path[] = "/tmp/motcua-trace-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	setenv("MOTCUA_TRACE", path, 1);
	struct app a;
	make_loop(&a);
	unsetenv("MOTCUA_TRACE");
	SDL_Surface *surface = SDL_CreateRGBSurfaceWithFormat(0, 640, 480, 32,
		SDL_PIXELFORMAT_ARGB8888);
	a.renderer = SDL_CreateSoftwareRenderer(surface);
	assert_non_null(a.renderer);
	ui_loop_set_renderer(a.loop, a.renderer);
	a.text = ui_text_create(a.renderer, ui_loop_trace(a.loop));
	ui_loop_arm_in(a.loop, a.t_stop, 50);
	ui_loop_run(a.loop);   /* one frame, then stop */
	ui_trace_event(ui_loop_trace(a.loop), "ticket", "number", "1001", "service", "HT", NULL);
	ui_text_destroy(a.text);
	SDL_DestroyRenderer(a.renderer);
	SDL_FreeSurface(surface);
	ui_loop_destroy(a.loop);

	FILE *f = fopen(path, "r");
	assert_non_null(f);
	cJSON *start = read_line(f);
	assert_string_equal(str(start, "t"), "event");
	assert_string_equal(str(start, "what"), "start");
	assert_string_equal(str(start, "prog"), "test");
	assert_int_equal(num(start, "pid"), (int)getpid());
	cJSON_Delete(start);

	cJSON *frame = read_line(f);
	assert_string_equal(str(frame, "t"), "frame");
	assert_int_equal(num(frame, "n"), 1);
	assert_int_equal(num(frame, "w"), 640);
	assert_int_equal(num(frame, "h"), 480);
	assert_string_equal(str(frame, "screen"), "home");
	assert_null(cJSON_GetObjectItemCaseSensitive(frame, "partial"));
	const cJSON *rects = cJSON_GetObjectItemCaseSensitive(frame, "rects");
	assert_int_equal(cJSON_GetArraySize(rects), 1);
	const cJSON *r = cJSON_GetArrayItem(rects, 0);
	assert_string_equal(str(r, "kind"), "button");
	assert_string_equal(str(r, "id"), "next");
	assert_int_equal(num(r, "x"), 10);
	assert_int_equal(num(r, "w"), 300);
	const cJSON *texts = cJSON_GetObjectItemCaseSensitive(frame, "texts");
	assert_int_equal(cJSON_GetArraySize(texts), 2);
	const cJSON *t = cJSON_GetArrayItem(texts, 0);
	assert_string_equal(str(t, "s"), "Số \"1001\"");
	assert_int_equal(num(t, "x"), 10);
	assert_int_equal(num(t, "y"), 20);
	int w = 0, h = 0;
	/* The size drawn is the size measured (the fonts are closed: measure anew). */
	struct ui_text *m = ui_text_create(NULL, NULL);
	assert_true(ui_text_measure(m, 24, true, "Số \"1001\"", &w, &h));
	ui_text_destroy(m);
	assert_int_equal(num(t, "w"), w);
	assert_int_equal(num(t, "h"), h);
	/* The glyphs' pixels lie inside the line, shorter than the font's height. */
	const cJSON *ink = cJSON_GetObjectItemCaseSensitive(t, "ink");
	assert_int_equal(cJSON_GetArraySize(ink), 4);
	int ix = cJSON_GetArrayItem(ink, 0)->valueint, iy = cJSON_GetArrayItem(ink, 1)->valueint;
	int iw = cJSON_GetArrayItem(ink, 2)->valueint, ih = cJSON_GetArrayItem(ink, 3)->valueint;
	assert_true(ix >= 10 && ix + iw <= 10 + w && iw > w / 2);
	assert_true(iy > 20 && iy + ih <= 20 + h && ih > 24 / 2 && ih < h);
	assert_int_equal(num(t, "px"), 24);
	assert_true(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(t, "bold")));
	assert_string_equal(str(t, "color"), "#ffce40");
	assert_string_equal(str(t, "layer"), "base");
	const cJSON *box = cJSON_GetObjectItemCaseSensitive(t, "box");
	assert_int_equal(cJSON_GetArraySize(box), 4);
	assert_int_equal(cJSON_GetArrayItem(box, 2)->valueint, 300);
	t = cJSON_GetArrayItem(texts, 1);
	assert_string_equal(str(t, "s"), "Hủy");
	assert_string_equal(str(t, "color"), "#00000080");
	assert_string_equal(str(t, "layer"), "dialog");
	assert_true(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(t, "box")));
	cJSON_Delete(frame);

	cJSON *ev = read_line(f);
	assert_string_equal(str(ev, "what"), "ticket");
	assert_string_equal(str(ev, "number"), "1001");
	assert_string_equal(str(ev, "service"), "HT");
	cJSON_Delete(ev);
	char rest[8];
	assert_null(fgets(rest, sizeof(rest), f));
	fclose(f);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_timers_and_dirty),
		cmocka_unit_test(test_repeat),
		cmocka_unit_test(test_post_wakes),
		cmocka_unit_test(test_trace),
		cmocka_unit_test(test_signal_stops),   /* last: a caught signal ends every loop after */
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
