#pragma once
/*
 * Where everything goes on the kiosk's screens, computed from the output
 * size alone (no fixed pixels), so drawing and hit testing agree. Portrait
 * screens stack the services in one column; landscape ones use a grid.
 * Each service is one cell: a large "normal ticket" part and, beside it, a
 * narrower "ƯU TIÊN" (priority) part.
 */
#include <stdbool.h>
#include <stddef.h>
#include <SDL.h>

#define LAYOUT_MAX_SERVICES 24
#define LAYOUT_PIN_KEYS 12     /* 1..9, delete, 0, OK */
#define LAYOUT_ADMIN_BUTTONS 4 /* self-test, reprint, exit, back */

struct layout {
	int w, h;
	bool portrait;
	int unit;                  /* 1 % of the shorter side, at least 1 */
	int radius;                /* corner radius of buttons */

	/* Home screen */
	SDL_Rect header;           /* commune, desk, date, clock */
	SDL_Rect title;            /* "Mời chọn lĩnh vực ..." */
	SDL_Rect grid;             /* area of the service cells */
	SDL_Rect legend;           /* who may take a priority ticket */
	SDL_Rect corner;           /* hidden admin gesture target (top-left) */
	size_t n_cells;
	int cols, rows;
	SDL_Rect cell[LAYOUT_MAX_SERVICES];
	SDL_Rect normal[LAYOUT_MAX_SERVICES];
	SDL_Rect priority[LAYOUT_MAX_SERVICES];

	/* Message screens (ticket, error, busy): one centred card */
	SDL_Rect card;

	/* PIN pad */
	SDL_Rect pin_display;
	SDL_Rect pin_key[LAYOUT_PIN_KEYS];
	SDL_Rect pin_cancel;

	/* Admin screen */
	SDL_Rect admin_info;
	SDL_Rect admin_button[LAYOUT_ADMIN_BUTTONS];
};

/* Lays out a w x h output with n_services cells (clamped to LAYOUT_MAX_SERVICES). */
void layout_compute(struct layout *l, int w, int h, size_t n_services);

/* Index of the rectangle containing (x, y) among rects[0..n), or -1. */
int layout_hit(const SDL_Rect *rects, size_t n, int x, int y);
