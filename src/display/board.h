#pragma once
/*
 * The counter board: one tile per counter with its number (a pill) and
 * name, the number it serves, and under the name either the field served
 * or "Tạm dừng" with the reason. Tiles share one size and one number size.
 * When the counters do not all fit with numbers of at least num_min px,
 * the board shows them a page at a time under a caption "Quầy 1–12 …
 * Trang 1/2".
 *
 * Two tile forms: a row (name and status at the left, the number at the
 * right, for wide tiles) and a card (name, then the number, then the status,
 * for narrow ones); both also come compact, without the line for the
 * field served, where a paused counter's name gives way to "Tạm dừng".
 * board_fit picks the grid and form for an area.
 */
#include <stdbool.h>
#include <SDL.h>
#include "motcua/store/snapshot.h"
#include "paint.h"

enum board_form { BOARD_ROW, BOARD_CARD };

/* What the tiles need, measured once per desk and screen (board_measure). */
struct board_needs {
	int n;              /* counters */
	int s;              /* text size in tiles */
	int pad, gap;
	int line_s;         /* line height at s */
	int status_w;       /* "Tạm dừng" / "Đã đóng" at s */
	int pill_w;         /* widest counter pill */
	int number_pill_w;  /* widest pill with the counter's number alone */
	int name_w[3];      /* least width that holds every name in 1 / 2 / 3 lines */
	int name_cut_w;     /* ... in one line cut after its first word ("Nông…") */
	int num_w100;       /* widest serving number at 100 px */
	int num_line100;    /* line height at 100 px */
	int num_min;        /* smallest number size allowed */
	int num_cap;        /* largest number size allowed (under the latest call's) */
};

struct board_plan {
	SDL_Rect area;      /* the whole board, caption included */
	SDL_Rect grid;      /* the tiles' part */
	enum board_form form;
	int cols, rows;     /* of one page */
	int per_page, pages;
	int tile_w, tile_h;
	int num_px;
	int name_lines;     /* lines kept for names (1 to 3) */
	bool names_cut;     /* long names are cut at a word to keep the counters on fewer pages */
	bool compact;       /* no line for the field: "Tạm dừng" takes the name's place */
	int caption_h;      /* 0 when there is one page */
};

void board_measure(const struct paint *p, const struct snapshot *s, int text_px, int pad,
	int gap, int num_min, int num_cap, struct board_needs *out);
/*
 * The best board in area: every counter on one page with the largest
 * numbers, or else the fewest pages. False when not even one tile fits.
 */
bool board_fit(const struct board_needs *bn, SDL_Rect area, struct board_plan *out);

/* Draws page (0-based, taken modulo the pages) of the board. */
void board_draw(const struct paint *p, const struct board_needs *bn,
	const struct board_plan *plan, const struct snapshot *s, int page);
