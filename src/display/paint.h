#pragma once
/*
 * The display's drawing kit: its colours, and text drawn at a size the
 * layout chose (never shrunk to fit: a text that does not fit is wrapped at
 * spaces with ui_text_wrap, or cut at a word with "…" where the layout said
 * it may be). Every text is recorded in the draw trace with the box it was
 * laid out in.
 */
#include <stdbool.h>
#include <SDL.h>
#include "motcua/ui/ui.h"

struct paint {
	SDL_Renderer *r;
	struct ui_text *t;
	struct ui_trace *trace;  /* may be NULL */
	/*
	 * When set, the area texts are laid out in for the trace (a tile, a
	 * panel) instead of each text's own line box: Vietnamese letters with
	 * two marks ("ễ") reach above the font's line.
	 */
	const SDL_Rect *outer;
};

/* Colours: every text colour is at least 4.5:1 against each ground it is drawn on. */
#define PAINT_BG ((SDL_Color){ 11, 28, 54, 255 })
#define PAINT_HEADER ((SDL_Color){ 6, 18, 38, 255 })
#define PAINT_PANEL ((SDL_Color){ 20, 46, 84, 255 })
#define PAINT_ROW ((SDL_Color){ 26, 58, 104, 255 })
#define PAINT_ROW_PAUSED ((SDL_Color){ 58, 58, 70, 255 })
#define PAINT_TEXT ((SDL_Color){ 245, 247, 250, 255 })
#define PAINT_MUTED ((SDL_Color){ 176, 196, 222, 255 })
#define PAINT_ACCENT ((SDL_Color){ 255, 206, 64, 255 })
#define PAINT_DARK ((SDL_Color){ 12, 24, 44, 255 })
#define PAINT_BADGE ((SDL_Color){ 18, 102, 70, 255 })
#define PAINT_BADGE_OFF ((SDL_Color){ 176, 196, 222, 255 })
#define PAINT_RED ((SDL_Color){ 178, 34, 34, 255 })
#define PAINT_PAUSED_TEXT ((SDL_Color){ 255, 178, 132, 255 })

/*
 * Sizes that follow the screen. Text sizes scale with the short side (one
 * look at any resolution); the serving numbers' floor follows the height,
 * as the brief for waiting rooms reads: digits 40 px tall per 1080 lines.
 */
struct metrics {
	int w, h;
	int s;          /* ordinary text: names, fields, statuses, titles */
	int s_min;      /* no text is smaller */
	int pad, gap;
	int num_min;    /* smallest serving-number size whose digits are 40 px per 1080 lines */
};

/* Largest number of lines a wrapped text takes anywhere on the screen. */
#define PAINT_MAX_LINES 4

SDL_Rect paint_rect(int x, int y, int w, int h);  /* negative sizes become 0 */
void paint_fill(const struct paint *p, SDL_Rect box, SDL_Color c);

/* Height of a line of text at px (the font's line height). */
int paint_line_h(const struct paint *p, int px, bool bold);
/* Width of str at px (0 when it cannot be measured). */
int paint_width(const struct paint *p, int px, bool bold, const char *str);

/*
 * One line at px, vertically centred on cy, x by align, laid out in box.
 * Returns the drawn width.
 */
int paint_text(const struct paint *p, int px, bool bold, SDL_Color c, const char *str,
	int x, int cy, enum ui_align align, const SDL_Rect *box);

/*
 * How many lines str takes wrapped at spaces into max_w at px: 0 when a word
 * is wider than max_w or more than max_lines are needed.
 */
int paint_wrap_count(const struct paint *p, int px, bool bold, const char *str, int max_w,
	int max_lines);

/*
 * The least width in which str wraps into at most max_lines lines at px (a
 * text that cannot be broken needs its whole width).
 */
int paint_min_width(const struct paint *p, int px, bool bold, const char *str, int max_lines);

/*
 * The lines of str wrapped at spaces into max_w at px, at most max_lines
 * (<= PAINT_MAX_LINES). With cut, a text that needs more lines ends with its
 * last whole word that fits and "…" (never a dash before it). Returns the
 * lines written, 0 when it does not fit (without cut, or not even the first
 * word).
 */
int paint_lines(const struct paint *p, int px, bool bold, const char *str, int max_w,
	int max_lines, bool cut, char lines[][UI_WRAP_LINE_MAX]);

/*
 * Draws str wrapped into the lines of box (top-aligned at box.y, or centred
 * vertically when centre), x by align. With cut, a text longer than the
 * lines that fit ends with its last whole word and "…"; without it, such a
 * text is not drawn. Returns the lines drawn.
 */
int paint_wrapped(const struct paint *p, int px, bool bold, SDL_Color c, const char *str,
	SDL_Rect box, enum ui_align align, bool centre, bool cut);
