/*
 * The deadline loop (loop.h). One turn: run the timers whose deadline has
 * passed; if the screen is dirty, draw and start the turn again (so the
 * timers are checked with a fresh clock before sleeping); otherwise sleep in
 * SDL_WaitEventTimeout until the nearest deadline and handle every event
 * that is queued when it wakes. Messages from other threads are SDL user
 * events of a type registered for the loop.
 */
#define LOG_MODULE "loop"
#include "motcua/ui/loop.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "motcua/base/clock.h"
#include "motcua/base/log.h"
#include "motcua/base/xalloc.h"

/* Longest sleep without a deadline, so a caught signal ends the loop soon. */
#define MAX_WAIT_MS 1000

/* Period of a timer that runs at the start of each wall-clock minute. */
#define EACH_MINUTE (-1)

struct timer {
	char name[24];
	ui_timer_fn fn;
	bool armed;
	int64_t due;         /* mono ms */
	int64_t period;      /* ms between runs; EACH_MINUTE; 0: runs once */
};

struct ui_loop {
	struct ui_loop_ops ops;
	void *ud;
	Uint32 msg_type;
	struct timer timers[UI_LOOP_MAX_TIMERS];
	int n_timers;
	bool dirty;
	bool quit;
	SDL_Renderer *renderer;
	struct ui_trace *trace;
	unsigned long frames;
};

static volatile sig_atomic_t caught_signal;

static void on_signal(int sig)
{
	caught_signal = sig;
}

void ui_loop_catch_signals(void)
{
	struct sigaction sa = { .sa_handler = on_signal };
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
}

struct ui_loop *ui_loop_create(const char *prog, const struct ui_loop_ops *ops, void *ud,
	struct result *r)
{
	Uint32 type = SDL_RegisterEvents(1);
	if (type == (Uint32)-1) {
		result_fail(r, RESULT_ERR_IO, "SDL không còn loại sự kiện trống cho vòng lặp (lỗi của chương trình)");
		return NULL;
	}
	struct ui_loop *l = xcalloc(1, sizeof(*l));
	l->ops = *ops;
	l->ud = ud;
	l->msg_type = type;
	l->dirty = true;
	l->trace = ui_trace_open_env(prog);
	return l;
}

void ui_loop_destroy(struct ui_loop *l)
{
	if (!l) {
		return;
	}
	SDL_Event ev;
	while (SDL_PeepEvents(&ev, 1, SDL_GETEVENT, l->msg_type, l->msg_type) == 1) {
		free(ev.user.data1);
	}
	ui_trace_close(l->trace);
	free(l);
}

struct ui_trace *ui_loop_trace(struct ui_loop *l)
{
	return l->trace;
}

void ui_loop_set_renderer(struct ui_loop *l, SDL_Renderer *renderer)
{
	l->renderer = renderer;
}

int ui_loop_timer(struct ui_loop *l, const char *name, ui_timer_fn fn)
{
	if (l->n_timers == UI_LOOP_MAX_TIMERS) {
		/* A fixed set per program: more is a programming error. */
		LOG_ERR("too many timers (%s)", name);
		abort();
	}
	struct timer *t = &l->timers[l->n_timers];
	snprintf(t->name, sizeof(t->name), "%s", name);
	t->fn = fn;
	return l->n_timers++;
}

/* Sets when timer id runs next and how it repeats. */
static void arm(struct ui_loop *l, int id, bool armed, int64_t due, int64_t period)
{
	l->timers[id].armed = armed;
	l->timers[id].due = due;
	l->timers[id].period = period;
}

static int64_t next_minute_mono(void)
{
	return clock_mono_ms() + 60000 - clock_now_ms() % 60000;
}

void ui_loop_arm_at(struct ui_loop *l, int id, int64_t mono_ms)
{
	arm(l, id, mono_ms != 0, mono_ms, 0);
}

void ui_loop_arm_in(struct ui_loop *l, int id, int64_t ms)
{
	arm(l, id, true, clock_mono_ms() + (ms > 0 ? ms : 0), 0);
}

void ui_loop_repeat(struct ui_loop *l, int id, int64_t first_ms, int64_t period_ms)
{
	arm(l, id, true, clock_mono_ms() + (first_ms > 0 ? first_ms : 0),
		period_ms > 0 ? period_ms : 1);
}

void ui_loop_repeat_minutes(struct ui_loop *l, int id)
{
	arm(l, id, true, clock_mono_ms(), EACH_MINUTE);
}

void ui_loop_disarm(struct ui_loop *l, int id)
{
	arm(l, id, false, 0, 0);
}

bool ui_loop_armed(const struct ui_loop *l, int id)
{
	return l->timers[id].armed;
}

void ui_loop_mark_dirty(struct ui_loop *l)
{
	l->dirty = true;
}

void ui_loop_quit(struct ui_loop *l)
{
	l->quit = true;
}

bool ui_loop_post(struct ui_loop *l, int code, void *data)
{
	SDL_Event ev = { 0 };
	ev.type = l->msg_type;
	ev.user.code = code;
	ev.user.data1 = data;
	if (SDL_PushEvent(&ev) != 1) {
		LOG_ERR("cannot wake the UI thread: %s", SDL_GetError());
		return false;
	}
	return true;
}

unsigned long ui_loop_frames(const struct ui_loop *l)
{
	return l->frames;
}

/* Runs the timers that are due; returns ms until the nearest deadline left. */
static int run_timers(struct ui_loop *l)
{
	int64_t now = clock_mono_ms();
	for (int i = 0; i < l->n_timers && !l->quit; i++) {
		struct timer *t = &l->timers[i];
		if (t->armed && t->due <= now) {
			/* Set before the call, which may arm or disarm the timer itself. */
			t->armed = t->period != 0;
			t->due = t->period == EACH_MINUTE ? next_minute_mono() : now + t->period;
			t->fn(l->ud);
		}
	}
	int64_t next = now + MAX_WAIT_MS;
	for (int i = 0; i < l->n_timers; i++) {
		if (l->timers[i].armed && l->timers[i].due < next) {
			next = l->timers[i].due;
		}
	}
	return next > now ? (int)(next - now) : 0;
}

static void draw(struct ui_loop *l)
{
	l->dirty = false;
	ui_trace_frame_begin(l->trace);
	l->ops.draw(l->ud);
	l->frames++;
	if (l->trace) {
		int w = 0, h = 0;
		if (l->renderer) {
			SDL_GetRendererOutputSize(l->renderer, &w, &h);
		}
		ui_trace_frame_end(l->trace, w, h);
	}
}

static void dispatch(struct ui_loop *l, const SDL_Event *ev)
{
	if (ev->type != l->msg_type) {
		l->ops.event(l->ud, ev);
	} else if (l->ops.message) {
		l->ops.message(l->ud, ev->user.code, ev->user.data1);
	} else {
		free(ev->user.data1);
	}
}

void ui_loop_run(struct ui_loop *l)
{
	while (!l->quit && !caught_signal) {
		int wait = run_timers(l);
		if (l->quit) {
			break;
		}
		if (l->dirty) {
			draw(l);
			continue;
		}
		SDL_Event ev;
		if (!SDL_WaitEventTimeout(&ev, wait)) {
			continue;
		}
		do {
			dispatch(l, &ev);
		} while (!l->quit && SDL_PollEvent(&ev));
	}
	if (caught_signal) {
		LOG_INFO("signal %d: stopping", (int)caught_signal);
	}
}
