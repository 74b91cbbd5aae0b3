#pragma once
/*
 * Drawing helpers of the kiosk's screens (draw.c, draw_home.c): the
 * palette, cards and text in boxes. Text is never drawn under the size a
 * caller allows: what does not fit at that size is clipped to its box.
 */
#include "kiosk.h"

/*
 * The palette. Every text colour is at least 4.5:1 against the ground it
 * is drawn on (WCAG 2 contrast; 3:1 for text over 40 px): tests/kiosk
 * measure it on screenshots.
 */
static const SDL_Color C_BG = { 236, 241, 247, 255 };
static const SDL_Color C_HEADER = { 12, 58, 120, 255 };
static const SDL_Color C_HEADER_SUB = { 196, 214, 240, 255 };
static const SDL_Color C_WHITE = { 255, 255, 255, 255 };
static const SDL_Color C_INK = { 22, 34, 56, 255 };
static const SDL_Color C_MUTED = { 86, 98, 118, 255 };
static const SDL_Color C_NORMAL = { 21, 101, 192, 255 };
static const SDL_Color C_NORMAL_DARK = { 14, 74, 150, 255 };
static const SDL_Color C_NORMAL_SUB = { 232, 241, 255, 255 };
static const SDL_Color C_PRIO = { 190, 70, 0, 255 };
static const SDL_Color C_PRIO_DARK = { 150, 52, 0, 255 };
static const SDL_Color C_PRIO_LIGHT = { 255, 240, 226, 255 };
static const SDL_Color C_OFF = { 222, 226, 232, 255 };        /* a button that cannot act */
static const SDL_Color C_OFF_EDGE = { 150, 158, 170, 255 };
static const SDL_Color C_OFF_TEXT = { 62, 70, 84, 255 };
static const SDL_Color C_OFF_WHY = { 170, 30, 30, 255 };      /* why it cannot */
static const SDL_Color C_FOCUS = { 255, 196, 0, 255 };
static const SDL_Color C_OK = { 22, 120, 74, 255 };
static const SDL_Color C_ERR = { 198, 40, 40, 255 };
static const SDL_Color C_ERR_LIGHT = { 253, 236, 236, 255 };
static const SDL_Color C_SHADOW = { 0, 0, 0, 40 };
static const SDL_Color C_DIM = { 10, 20, 35, 150 };
static const SDL_Color C_PAD_BG = { 24, 33, 48, 255 };
static const SDL_Color C_PAD_KEY = { 52, 66, 90, 255 };
static const SDL_Color C_PAD_OFF = { 130, 142, 160, 255 };    /* a locked key's label */

SDL_Rect paint_inset(SDL_Rect r, int d);
void paint_fill(struct kiosk *k, SDL_Rect r, SDL_Color c);
void paint_round(struct kiosk *k, SDL_Rect r, SDL_Color c);
/* A rounded card with a soft shadow below it. */
void paint_card(struct kiosk *k, SDL_Rect r, SDL_Color c);
/* A frame of thick pixels around r (outside it). */
void paint_outline(struct kiosk *k, SDL_Rect r, int thick, SDL_Color c);
/* A triangle pointing down (dir 0) or right (1) or left (2), size px from its base. */
void paint_triangle(struct kiosk *k, int cx, int cy, int size, int dir, SDL_Color c);
/* The line height of the font at px. */
int paint_line_h(struct kiosk *k, int px, bool bold);
/*
 * Rewraps str, which takes n lines at px within max_w, into the narrowest
 * width that still takes n lines, so the lines are about as long as each
 * other ("Nông nghiệp và" / "Phát triển nông thôn", not a long line and a
 * short one). lines has room for n lines.
 */
void paint_balance(struct kiosk *k, const char *str, int px, bool bold, int max_w, int n,
	char lines[][UI_WRAP_LINE_MAX]);
/*
 * Draws str in box, wrapped at spaces into at most max_lines lines, as
 * large as fits from max_px down to min_px, centred vertically, aligned
 * horizontally. At min_px what does not fit is clipped to box. Lines are
 * balanced (the narrowest width that needs as many lines) when balance.
 * Returns the px used.
 */
int paint_text(struct kiosk *k, const char *str, int max_px, int min_px, bool bold,
	SDL_Color c, SDL_Rect box, int max_lines, enum ui_align align, bool balance);
