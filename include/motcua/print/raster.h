#pragma once
#include "motcua/print/layer.h"
/*
 * 1-bit images for the thermal printer (1 = black dot, rows MSB first, the
 * layout GS v 0 and GS ( L expect) and Vietnamese text rendered into them
 * with SDL2_ttf. Rendering is anti-aliased and then thresholded: a dot is
 * black when its coverage reaches `threshold` (0..255). A lower threshold
 * keeps the thin strokes of diacritics (ắ, ệ, ữ) from vanishing.
 *
 * The text functions need TTF_Init() (raster_text_init does it). They open
 * their own fonts (through motcua/fonts.h), so one thread may render tickets
 * while another draws a screen.
 */
#include <stdbool.h>
#include <stdint.h>

/* 80 mm paper: 576 dots; 58 mm paper: 384 dots (at 203 dpi). */
#define RASTER_WIDTH_80MM 576
#define RASTER_WIDTH_58MM 384
#define RASTER_THRESHOLD_DEFAULT 96

struct raster {
	int w, h;        /* dots */
	int stride;      /* bytes per row, (w + 7) / 8 */
	uint8_t *bits;   /* owned, stride * h bytes */
};

enum raster_align { RASTER_LEFT, RASTER_CENTER, RASTER_RIGHT };

/* A white w x h image (w, h >= 1). Aborts on out-of-memory. */
struct raster *raster_create(int w, int h);
void raster_destroy(struct raster *r);  /* NULL-safe */
struct raster *raster_copy(const struct raster *r);

bool raster_get(const struct raster *r, int x, int y);  /* false outside */
void raster_set(struct raster *r, int x, int y, bool black);  /* ignored outside */
void raster_fill(struct raster *r, int x, int y, int w, int h, bool black);
/* Draws src onto dst at (x, y): black dots of src become black (or white when invert). */
void raster_blit(struct raster *dst, const struct raster *src, int x, int y, bool invert);
/* Stacks b under a (widths may differ; the result is as wide as the wider). */
struct raster *raster_stack(const struct raster *a, const struct raster *b);
/* Columns x0..x1 holding black dots, widened to whole bytes; false when blank. */
bool raster_ink_columns(const struct raster *r, int *x0, int *x1);
struct raster *raster_crop(const struct raster *r, int x, int y, int w, int h);
int raster_count_black(const struct raster *r);
bool raster_equal(const struct raster *a, const struct raster *b);
/* FNV-1a 64 over size and dots. */
uint64_t raster_hash(const struct raster *r);

/* TTF_Init if needed; false (logged) on failure. */
bool raster_text_init(void);
/* Width in pixels of utf8 at px; -1 if the font cannot be opened. */
int raster_text_width(const char *font_path, int px, const char *utf8);
/*
 * Renders utf8 (one line) into an image exactly as wide as the text and as
 * tall as the font's line. NULL (logged) on failure or empty text.
 */
struct raster *raster_text(const char *font_path, int px, int threshold, const char *utf8);
/*
 * Renders utf8 into a block `width` dots wide. Text that fits on one line at
 * up to a quarter below px is shrunk to fit; otherwise words wrap onto
 * lines, each line aligned, and px shrinks (down to min_px) only while a
 * single word is wider than width. NULL on failure.
 */
struct raster *raster_text_block(const char *font_path, int px, int min_px, int threshold,
	const char *utf8, int width, enum raster_align align);
