#pragma once
/*
 * Where everything goes on the kiosk's screens, computed from the output
 * size and the texts alone (no fixed pixels), so drawing and hit testing
 * agree.
 *
 * Text sizes have floors that depend on the panel's lines (its shorter
 * side): a field's name is never under 28 px per 1080 lines (18 px at
 * least), any other text never under 20 px per 1080 lines (14 px at
 * least). Names wrap onto up to three lines and are never shrunk below
 * their floor to fit: a list of tiles (fields, or groups of fields) is
 * arranged in as many columns as gives its names the largest size, and
 * when even the floor does not fit, in pages. Whether the first screen
 * shows the fields or their groups is decided by the caller (main.c),
 * which asks layout_plan_tiles whether a list fits on one page.
 *
 * A field's tile is a large "normal ticket" button and, beside it, a
 * narrower "ƯU TIÊN" (priority) button; a group's tile is one button.
 */
#include <stdbool.h>
#include <stddef.h>
#include <SDL.h>

#define LAYOUT_MAX_TILES 24    /* tiles on one page */
#define LAYOUT_NAME_LINES 3    /* a name wraps onto at most this many lines */
#define LAYOUT_PIN_KEYS 12     /* 1..9, delete, 0, OK */
#define LAYOUT_ADMIN_BUTTONS 4 /* self-test, reprint, exit, back */

/* How text is measured: the kiosk's font cache, a fake in unit tests. */
struct layout_measure {
	/* Lines str wraps into (ui_text_wrap) at px within max_w; 0: not within max_lines. */
	int (*wrap)(void *ud, const char *str, int px, bool bold, int max_w, int max_lines);
	int (*width)(void *ud, const char *str, int px, bool bold);
	int (*line_h)(void *ud, int px, bool bold);
	void *ud;
};

/* One tile to arrange: a field or a group, with its name and the widest line under it. */
struct layout_tile {
	const char *name;
	const char *sub;
	bool group;
};

/* The sizes of a list's texts, the same on every tile so the tiles look like a set. */
struct layout_sizes {
	int name_px;               /* the names (bold), >= min_name_px */
	int sub_px;                /* the line under a name, < name_px */
	int sub_h;                 /* its line height */
	int prio_px;               /* "ƯU TIÊN" on the priority button, <= name_px */
	int prio_w;                /* width of a field's priority button */
	int prio_sub_lines;        /* "Lấy số ưu tiên" takes 1 or 2 lines */
};

/* How one list of tiles is arranged. */
struct layout_plan {
	size_t n;                  /* tiles in the list */
	int cols, rows;            /* of one page */
	size_t per_page, pages;
	bool fits;                 /* false: not even one tile fits at the floor (drawn anyway) */
	struct layout_sizes sz;
};

/* Where a tile's parts are. */
struct layout_cell {
	SDL_Rect cell;             /* the whole tile */
	SDL_Rect normal;           /* a field: the normal ticket button; a group: = cell */
	SDL_Rect priority;         /* a field: the priority button; a group: empty */
	SDL_Rect name;             /* the name's box (lines centred in it with the line below) */
	SDL_Rect sub;              /* the line under the name */
	bool group;
};

struct layout {
	int w, h;
	bool portrait;
	int unit;                  /* 1 % of the shorter side, at least 1 */
	int radius;                /* corner radius of buttons */
	int pad;                   /* inside buttons, left and right */
	int min_name_px;           /* floor of a field's or group's name */
	int min_text_px;           /* floor of every other text */
	int touch;                 /* height of a small button (back, pages): a fingertip */

	/* Header */
	SDL_Rect header;           /* commune, desk, date, clock */
	int commune_px, desk_px, clock_px, date_px;
	SDL_Rect corner;           /* hidden admin gesture target (top-left) */

	/* Home and group screens */
	SDL_Rect title;            /* "Mời chọn lĩnh vực ...", or "Quay lại" and the group's name */
	int title_px;
	SDL_Rect back;             /* "Quay lại" (group screen) */
	SDL_Rect grid;             /* the tiles of a list on one page */
	SDL_Rect grid_paged;       /* ... of a list in pages (the page buttons below) */
	SDL_Rect nav;              /* page buttons and "Trang 1/2" */
	SDL_Rect page_prev, page_next;
	SDL_Rect legend;           /* who may take a priority ticket */
	int legend_px;

	/* The list on screen: plan and the cells of the page shown */
	struct layout_plan plan;
	size_t page;
	size_t n_cells;
	struct layout_cell cells[LAYOUT_MAX_TILES];

	/* Message screens (ticket, error, busy): one centred card */
	SDL_Rect card;

	/* PIN pad */
	SDL_Rect pin_display;
	SDL_Rect pin_key[LAYOUT_PIN_KEYS];
	SDL_Rect pin_cancel;

	/* Admin screen and its exit confirmation */
	SDL_Rect admin_info;
	SDL_Rect admin_msg;        /* the result of the last action */
	SDL_Rect admin_button[LAYOUT_ADMIN_BUTTONS];
	int admin_px;
	SDL_Rect confirm;          /* the dialog */
	SDL_Rect confirm_text;
	SDL_Rect confirm_yes, confirm_no;
};

/*
 * Lays out a w x h output: the type scale, the fixed areas and the PIN,
 * admin and message screens; no tiles yet (layout_show). m measures the
 * header's, title's and legend's texts (strings in words.h).
 */
void layout_compute(struct layout *l, int w, int h, const struct layout_measure *m);

/*
 * Arranges n tiles (n >= 1): on one page in the columns that give the
 * names the largest size (at least min_name_px) when that fits, else in
 * the fewest pages. Returns false when they need more than one page.
 */
bool layout_plan_tiles(const struct layout *l, const struct layout_measure *m,
	const struct layout_tile *tiles, size_t n, struct layout_plan *out);

/*
 * Shows page `page` of plan (clamped to its pages) with `group` telling,
 * for each tile of the list, whether it is a group: fills cells and
 * n_cells. A plan of 0 tiles shows none.
 */
void layout_show(struct layout *l, const struct layout_plan *plan, const bool *group,
	size_t page);

/* A text size: px_at_1080 per 1080 lines of the panel (its shorter side), at least floor_px. */
int layout_scaled(const struct layout *l, int px_at_1080, int floor_px);

/* Index of the rectangle containing (x, y) among rects[0..n), or -1. */
int layout_hit(const SDL_Rect *rects, size_t n, int x, int y);
/* Index of the cell whose part (normal or priority) contains (x, y), or -1. */
int layout_hit_cell(const struct layout *l, bool priority, int x, int y);
