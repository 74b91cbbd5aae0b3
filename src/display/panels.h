#pragma once
/*
 * The waiting room's panels around the counter board: the header (commune,
 * desk, date, clock), the latest call, the last calls, the people waiting
 * per field, the notice band. Each one is drawn into the box the layout
 * gave it; the layout asks the ones whose size depends on the desk how much
 * room they need.
 */
#include <stdbool.h>
#include <SDL.h>
#include "motcua/store/snapshot.h"
#include "paint.h"
#include "render.h"

/* Header height for the screen. */
int panels_header_height(const struct paint *p, const struct metrics *m);
/* Notice band height for the screen. */
int panels_notice_height(const struct paint *p, const struct metrics *m);
/* The header; when the database cannot be read, "Mất kết nối" in the date's place. */
void panels_header(const struct paint *p, const struct metrics *m, SDL_Rect b,
	const struct view *v);

/* Size of the latest call's number in a box b (the largest text on the screen). */
int panels_latest_px(const struct paint *p, const struct metrics *m, SDL_Rect b);
void panels_latest(const struct paint *p, const struct metrics *m, SDL_Rect b,
	const struct view *v);

/* Least height of the last calls' panel (one line of calls). */
int panels_recent_min(const struct paint *p, const struct metrics *m);
/* Height that shows two lines of calls. */
int panels_recent_max(const struct paint *p, const struct metrics *m);
void panels_recent(const struct paint *p, const struct metrics *m, SDL_Rect b,
	const struct view *v);

/*
 * The waiting counts: each field's full name, wrapped in up to three lines,
 * and its count, in one to three columns.
 */
#define WAITING_SIZES 3
struct waiting_needs {
	size_t n;
	int px[WAITING_SIZES];               /* text sizes to try, largest first */
	int (*name_w)[WAITING_SIZES][3];     /* per field, size: least width for 1..3 lines */
	int count_w[WAITING_SIZES];          /* "888" */
};
struct waiting_plan {
	int size;           /* index into px */
	int cols;
	bool cut;           /* names did not fit even so: cut at a word with "…" */
};
void panels_waiting_measure(const struct paint *p, const struct metrics *m,
	const struct snapshot *s, struct waiting_needs *out);
void panels_waiting_finish(struct waiting_needs *wn);
/*
 * Height the panel needs at width w with plan, or -1 when a name does not
 * fit; *lines gets the lines the names take in all.
 */
int panels_waiting_height(const struct paint *p, const struct metrics *m,
	const struct waiting_needs *wn, int w, const struct waiting_plan *plan, int *lines);
void panels_waiting(const struct paint *p, const struct metrics *m,
	const struct waiting_needs *wn, const struct waiting_plan *plan, SDL_Rect b,
	const struct view *v);
