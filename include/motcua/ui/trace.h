#pragma once
#include "motcua/ui/layer.h"
/*
 * The draw trace: the test hook of the SDL programs (kiosk, display,
 * counter). When $MOTCUA_TRACE names a file, each program appends to it one
 * JSON object per line (several programs may share the file):
 *
 * - a frame record for every frame presented, with everything it drew:
 *     {"t":"frame","prog":"display","pid":42,"ms":<wall ms>,"n":7,
 *      "w":1920,"h":1080,"screen":"home",          <- tags set by the program
 *      "partial":[x,y,w,h],                        <- only for a partial update
 *      "rects":[{"kind":"counter","id":"1","x":..,"y":..,"w":..,"h":..,
 *                "layer":"base"}, ...],
 *      "texts":[{"s":"1001","x":..,"y":..,"w":..,"h":..,"ink":[x,y,w,h],"px":64,
 *                "bold":true,"color":"#ffce40","bg":"#142e54","box":[x,y,w,h],
 *                "layer":"base","clip":[x,y,w,h]}, ...]}
 *   x, y, w, h of a text are its rendered line (h is the font's line
 *   height, with room above and below the letters), ink the pixels the
 *   glyphs really cover (the height a reader sees: digits' ink is about
 *   0.73 px), px its font size, box the rectangle the program laid it out
 *   in (a button, a row, a column: it should stay inside), clip the
 *   renderer's clip rectangle when one was set, bg the colour most of
 *   the text's line area had just before the text was drawn (only when
 *   the program asked for it, ui_text_trace_backgrounds: contrast tests
 *   compare it with color). Rects are the named
 *   areas a test can click or look into (buttons, tiles, rows). Layers
 *   separate what is drawn over something else (a dialog over a screen).
 * - an event record for what happened, all values strings:
 *     {"t":"event","prog":"kiosk","pid":42,"ms":..,"what":"ticket",
 *      "number":"1001","service":"HT",...}
 *
 * Records are written with one write() on an O_APPEND descriptor, so lines
 * of several threads and processes do not mix. Frame records are built on
 * the UI thread; ui_trace_event may be called from any thread. Every
 * function accepts a NULL trace and then does nothing, so drawing code
 * calls them unconditionally. tests/lib/trace.py reads the file.
 */
#include <stdbool.h>
#include <SDL.h>

struct ui_trace;

/* Opens $MOTCUA_TRACE for program prog ("kiosk"); NULL when unset or unusable (logged). */
struct ui_trace *ui_trace_open_env(const char *prog);
void ui_trace_close(struct ui_trace *tr);  /* NULL-safe */

/* Frames (UI thread): begin, what was drawn, end writes the record. */
void ui_trace_frame_begin(struct ui_trace *tr);
/* Adds "key":"value" to the frame record (screen, mode, ...). Strings are copied. */
void ui_trace_frame_tag(struct ui_trace *tr, const char *key, const char *value);
/* The frame redrew only this area over the previous one. */
void ui_trace_frame_partial(struct ui_trace *tr, const SDL_Rect *area);
/* What follows is drawn over what came before ("base" at each frame's start). */
void ui_trace_layer(struct ui_trace *tr, const char *name);
/* A named area: kind ("button") and id ("next"). */
void ui_trace_rect(struct ui_trace *tr, const char *kind, const char *id, const SDL_Rect *r);
/*
 * A text drawn at *at (its line: width, font height), whose glyphs cover
 * *ink, at px, laid out inside *box (NULL: none), clipped to *clip (NULL:
 * not clipped), over background colour *bg (NULL: not known).
 */
void ui_trace_text(struct ui_trace *tr, const char *str, const SDL_Rect *at, const SDL_Rect *ink,
	int px, bool bold, SDL_Color color, const SDL_Rect *box, const SDL_Rect *clip,
	const SDL_Color *bg);
/* Writes the frame record; w and h are the output size. */
void ui_trace_frame_end(struct ui_trace *tr, int w, int h);

/*
 * Writes an event record: what, then pairs of key and value strings ending
 * with NULL. Any thread.
 */
void ui_trace_event(struct ui_trace *tr, const char *what, ...) __attribute__((sentinel));
