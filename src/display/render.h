#pragma once
/*
 * Draws the waiting-room screen from a view: header (commune, desk, date,
 * clock), the counter board (a page of it when the counters do not all fit
 * with readable numbers), the latest call, the last calls, waiting counts
 * per field and the notice line. The layout (layout.h) follows the output
 * size, landscape or portrait, and the desk.
 */
#include <stdbool.h>
#include <stdint.h>
#include <SDL.h>
#include "motcua/store/snapshot.h"
#include "motcua/ui/ui.h"

struct view {
	const struct snapshot *snap;   /* NULL: not read yet */
	bool connected;
	const char *lost;              /* what a lost connection shows ("Mất kết nối") */
	int64_t now_ms;                /* wall clock for the date and time */
	bool fresh;                    /* the latest call is new: blinking */
	bool blink_on;                 /* blink phase while fresh */
	int ticker_offset;             /* pixels the notice has moved */
	int page;                      /* board page to show (taken modulo the pages) */
};

struct render;

/*
 * Borrows renderer, text cache and trace (may be NULL), where the counter
 * tiles ("counter"), their number cells ("serving"), the latest call, the
 * panels' lines and the board's page caption ("page") are recorded as
 * named rectangles, and each frame is tagged with its page ("1/2").
 */
struct render *render_create(SDL_Renderer *renderer, struct ui_text *text,
	struct ui_trace *trace);
void render_destroy(struct render *rd);  /* NULL-safe */

/* Draws the frame except the notice line (does not present). */
void render_frame(struct render *rd, const struct view *v);
/* Pages of the board in the last frame (1 when every counter fits). */
int render_pages(const struct render *rd);
/*
 * Draws the notice line in its band. Separate so the program can redraw
 * only this band over a kept copy of the rest while the notice moves.
 */
void render_ticker(struct render *rd, const struct view *v);
/* The notice band of the last frame. */
SDL_Rect render_ticker_rect(const struct render *rd);

/*
 * After a frame: the distance in pixels after which the notice repeats, or
 * 0 when it fits and stands still; and its speed in pixels per second.
 */
int render_ticker_cycle(const struct render *rd);
int render_ticker_speed(const struct render *rd);
