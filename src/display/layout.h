#pragma once
/*
 * Where everything goes on the waiting-room screen, for one output size and
 * one desk (counters, their names, the fields). Recomputed only when one of
 * those changes (a call does not move anything).
 *
 * The counters come first: every serving number is at least m.num_min px
 * (digits 40 px tall per 1080 screen lines) and the latest call's number is
 * larger still. The layout tries the arrangements it knows (landscape: the
 * board at the left and a column of panels at the right, of a few widths;
 * portrait: the latest call above the board and the waiting counts below,
 * in one to three columns) and keeps the one with the fewest board pages;
 * the waiting counts give up size and columns before the board gives up
 * a counter to a second page, and the last calls' panel is shown only where
 * it costs the board nothing.
 */
#include <stdbool.h>
#include <stdint.h>
#include <SDL.h>
#include "motcua/store/snapshot.h"
#include "board.h"
#include "paint.h"
#include "panels.h"

struct layout {
	uint64_t key;                /* of the size and desk it was made for; 0 = none */
	struct metrics m;
	bool portrait;
	SDL_Rect header, footer, latest, recent, waiting;  /* recent.w == 0: not shown */
	int latest_px;
	struct board_needs needs;
	struct board_plan board;
	bool board_fits;             /* false: the screen cannot hold one tile */
	struct waiting_needs wait_needs;
	struct waiting_plan wait;
};

/* Makes *l fit size w x h and snapshot s, when it does not already. */
void layout_update(struct layout *l, const struct paint *p, int w, int h,
	const struct snapshot *s);
void layout_finish(struct layout *l);  /* frees what layout_update kept */
