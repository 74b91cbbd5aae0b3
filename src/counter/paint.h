#pragma once
/*
 * Drawing helpers of the counter window (draw.c, dialogs.c): its colours,
 * its size unit, filled areas that the draw trace records (a rectangle of
 * kind "fill" whose id is the colour, "#rrggbb" or "#rrggbbaa", so the
 * layout tests can work out the contrast of every text against what lies
 * under it), and text laid out in a box: on one line or wrapped at spaces,
 * made smaller down to the window's minimum size and no further, then cut
 * at a word with "…".
 */
#include <stdbool.h>
#include <SDL.h>
#include "motcua/ui/ui.h"

struct app;

/* Every text/background pair below is at least 4.5:1 (WCAG contrast). */
extern const SDL_Color C_BG, C_HEAD, C_CARD, C_TEXT, C_MUTED, C_WHITE, C_NUMBER, C_GREEN,
	C_BLUE, C_AMBER, C_AMBER_TEXT, C_RED, C_GREY, C_OFF_BG, C_OFF_TEXT, C_CHIP,
	C_CHIP_PRIORITY;

/*
 * The layout unit of an output of w x h: a fortieth of the height (19 px
 * at 768 lines), narrower screens by width.
 */
int paint_unit(int w, int h);
/* The smallest text on an output h pixels high: 2 % of it (15 px at 768 lines). */
int paint_min_px(int h);

/* The same for the window's renderer output. */
int paint_min(const struct app *a);

/* Fills r (rounded corners of radius) and records it in the trace. */
void paint_fill(struct app *a, const SDL_Rect *r, int radius, SDL_Color c);

/*
 * Draws str on one line of width w at x (its left, centre or right edge by
 * align) with its top at y, at px or smaller down to the minimum, cut with
 * "…" when it still does not fit. Returns the line's height (0 for "").
 */
int paint_line(struct app *a, const char *str, int px, bool bold, SDL_Color c, int x, int y,
	int w, enum ui_align align, const SDL_Rect *box);
/*
 * Like paint_line on up to max_lines lines, wrapped at spaces
 * (ui_text_wrap): at px if it fits, else smaller down to the minimum, the
 * last line cut with "…" when the text is still too long. Returns the
 * height used.
 */
int paint_lines(struct app *a, const char *str, int px, bool bold, SDL_Color c, int x, int y,
	int w, int max_lines, enum ui_align align, const SDL_Rect *box);
/* The height of one line of text at px (the font's line, with its accents). */
int paint_line_height(struct app *a, int px, bool bold);
