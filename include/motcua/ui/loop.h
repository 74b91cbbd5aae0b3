#pragma once
#include "motcua/ui/layer.h"
/*
 * The event loop of the SDL programs (kiosk, display, counter). It blocks
 * in SDL_WaitEventTimeout until an input event, a message posted from
 * another thread, or the nearest timer deadline; it never polls on a fixed
 * delay. When something marked the screen dirty it calls the program's draw
 * function once, however many events or timers caused it, and records the
 * frame in the draw trace (trace.h) when $MOTCUA_TRACE is set.
 *
 * Timers are named deadlines in monotonic ms: a timer's function runs once
 * when its deadline has passed; a repeating timer is then armed again one
 * period later (or at the next wall-clock minute, for clocks) until it is
 * disarmed, also from its own function.
 *
 * Typical use:
 *     ui_loop_catch_signals();                     before SDL_Init
 *     loop = ui_loop_create("kiosk", &ops, app, &r);
 *     poll = ui_loop_timer(loop, "poll", on_poll);
 *     ui_loop_repeat(loop, poll, 0, 100);          now, then every 100 ms
 *     ui_loop_run(loop);                           until ui_loop_quit or SIGTERM
 */
#include <stdbool.h>
#include <stdint.h>
#include <SDL.h>
#include "motcua/base/result.h"
#include "motcua/ui/trace.h"

#define UI_LOOP_MAX_TIMERS 16

struct ui_loop;

struct ui_loop_ops {
	/* Draws and presents one frame (UI thread). Required. */
	void (*draw)(void *ud);
	/* An SDL event (input, window, quit). Required. */
	void (*event)(void *ud, const SDL_Event *ev);
	/* A message from ui_loop_post, on the UI thread. NULL: messages are freed. */
	void (*message)(void *ud, int code, void *data);
};

typedef void (*ui_timer_fn)(void *ud);

/*
 * Installs SIGTERM and SIGINT handlers that end the loop cleanly (within
 * the nearest deadline, at most a second), instead of SDL's, which would
 * turn them into SDL_QUIT events a program may rightly ignore. Once a
 * signal came, every ui_loop_run of the process returns at once. Call
 * before SDL_Init.
 */
void ui_loop_catch_signals(void);

/*
 * Needs SDL_Init done (registers the event type of posted messages). Opens
 * the draw trace when $MOTCUA_TRACE is set; prog names the program in it.
 * ops is copied.
 */
struct ui_loop *ui_loop_create(const char *prog, const struct ui_loop_ops *ops, void *ud,
	struct result *r);
/* Frees messages posted and not delivered (free(data)), closes the trace. NULL-safe. */
void ui_loop_destroy(struct ui_loop *l);

/* The trace to draw into (NULL when not tracing); owned by the loop. */
struct ui_trace *ui_loop_trace(struct ui_loop *l);
/* The renderer whose output size frame records give (borrowed; set again if recreated). */
void ui_loop_set_renderer(struct ui_loop *l, SDL_Renderer *renderer);

/* A new disarmed timer; name (copied) is for logs. Returns its id. */
int ui_loop_timer(struct ui_loop *l, const char *name, ui_timer_fn fn);
/* Runs timer id once at mono_ms (clock_mono_ms time); 0 disarms. */
void ui_loop_arm_at(struct ui_loop *l, int id, int64_t mono_ms);
/* Runs timer id once, ms from now (0: at the next turn of the loop). */
void ui_loop_arm_in(struct ui_loop *l, int id, int64_t ms);
/* Runs timer id first_ms from now, then every period_ms (> 0). */
void ui_loop_repeat(struct ui_loop *l, int id, int64_t first_ms, int64_t period_ms);
/* Runs timer id at the next turn, then at the start of every wall-clock minute. */
void ui_loop_repeat_minutes(struct ui_loop *l, int id);
/* No more runs of timer id (until it is armed again). */
void ui_loop_disarm(struct ui_loop *l, int id);
bool ui_loop_armed(const struct ui_loop *l, int id);

/* Something on screen changed: draw once before waiting again. */
void ui_loop_mark_dirty(struct ui_loop *l);
/* Ends ui_loop_run after the current turn. */
void ui_loop_quit(struct ui_loop *l);
/*
 * From any thread: wakes the loop and hands (code, data) to ops.message on
 * the UI thread; data's ownership goes with it. False when SDL's queue is
 * full (data is then still the caller's).
 */
bool ui_loop_post(struct ui_loop *l, int code, void *data);

/* Runs until ui_loop_quit or a caught signal. */
void ui_loop_run(struct ui_loop *l);
/* Frames drawn so far. */
unsigned long ui_loop_frames(const struct ui_loop *l);
