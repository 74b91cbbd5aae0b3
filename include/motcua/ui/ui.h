#pragma once
#include "motcua/ui/layer.h"
/*
 * Shared by the SDL programs (kiosk, display, counter): fonts sized in
 * proportion to the output, and a cache of rendered text textures keyed by
 * (size, weight, colour, string), so text is rendered once and only drawn
 * afterwards. Entries unused for a while are evicted.
 */
#include <stdbool.h>
#include <SDL.h>
#include "motcua/ui/trace.h"

struct ui_text;

enum ui_align { UI_ALIGN_LEFT, UI_ALIGN_CENTER, UI_ALIGN_RIGHT };

/*
 * Needs TTF_Init() done. The renderer is borrowed; so is trace (may be
 * NULL), into which every string drawn is recorded.
 */
struct ui_text *ui_text_create(SDL_Renderer *renderer, struct ui_trace *trace);
void ui_text_destroy(struct ui_text *t);  /* NULL-safe */

/* Width and height in pixels of str at px size; false if it cannot be rendered. */
bool ui_text_measure(struct ui_text *t, int px, bool bold, const char *str, int *w, int *h);
/*
 * Draws str (UTF-8) with its top edge at y, x according to align. box is
 * the area the caller laid the text out in (a button, a row, a column),
 * recorded in the draw trace so tests can check the text stays inside it;
 * NULL when there is none. Returns the drawn width (0 for an empty
 * string). Cached.
 */
int ui_text_draw(struct ui_text *t, int px, bool bold, SDL_Color color, const char *str,
	int x, int y, enum ui_align align, const SDL_Rect *box);
/*
 * The box the glyphs of str cover when drawn at px, relative to the
 * top-left of its line (what a reader sees: digits are about 0.73 px
 * tall); false if it cannot be rendered. Not cached: for layout decisions.
 */
bool ui_text_ink(struct ui_text *t, int px, bool bold, const char *str, SDL_Rect *ink);
/*
 * While tracing, record with each text the colour most of its line area had
 * just before it was drawn ("bg" in the trace), for contrast tests. Reads
 * pixels back, so only for renderers where that is cheap (software).
 */
void ui_text_trace_backgrounds(struct ui_text *t, bool on);
/* Longest line ui_text_wrap writes, in bytes with its NUL. */
#define UI_WRAP_LINE_MAX 256
/*
 * Greedy word wrap of str into at most max_lines lines of max_w pixels at px.
 * Lines break only at spaces, so never inside a word (a Vietnamese syllable),
 * and never before a dash ("Chứng thực –" / "Hộ tịch", not "Chứng thực" /
 * "– Hộ tịch"). Returns the number of lines, or 0 when str does not fit (a
 * word wider than the line, or more lines needed).
 */
int ui_text_wrap(struct ui_text *t, int px, bool bold, const char *str, int max_w,
	char lines[][UI_WRAP_LINE_MAX], int max_lines);
/* Largest px <= max_px (>= min_px) at which str fits in max_w pixels. */
int ui_text_fit(struct ui_text *t, int max_px, int min_px, bool bold, const char *str,
	int max_w);
/* Call once per presented frame: ages entries and evicts those unused for long. */
void ui_text_frame_done(struct ui_text *t);

/* Fills a rounded-corner rectangle (radius in pixels). */
void ui_fill_round_rect(SDL_Renderer *renderer, const SDL_Rect *rect, int radius,
	SDL_Color color);

/* Parses "WxH" (e.g. "1280x800"); false if malformed or out of 100..10000. */
bool ui_parse_size(const char *s, int *w, int *h);

/* Vietnamese weekday name for a struct tm wday: "Chủ nhật", "Thứ Hai", ... (clock_weekday_vi) */
const char *ui_weekday_vi(int wday);
