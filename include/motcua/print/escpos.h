#pragma once
#include "motcua/print/layer.h"
/*
 * ESC/POS encoder: appends printer commands to a growable byte buffer. No
 * I/O. Only the subset motcua sends (firmware-notes/escpos-subset.md gives
 * every byte layout); the printer simulator decodes the same subset.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct raster;

struct escpos_buf {
	uint8_t *data;  /* owned; NULL until the first append */
	size_t len;
	size_t cap;
};

enum escpos_align { ESCPOS_LEFT = 0, ESCPOS_CENTER = 1, ESCPOS_RIGHT = 2 };

/* Real-time status requests (DLE EOT n). */
enum escpos_status_kind {
	ESCPOS_STATUS_PRINTER = 1,  /* bit 3: offline */
	ESCPOS_STATUS_OFFLINE = 2,  /* bit 2: cover open, bit 5: paper end stop, bit 6: error */
	ESCPOS_STATUS_ERROR = 3,    /* bit 3: cutter, bit 5: unrecoverable, bit 6: auto-recoverable */
	ESCPOS_STATUS_PAPER = 4,    /* bits 2-3: near end, bits 5-6: paper end */
};

/* Largest raster height sent in one GS v 0 band (clones choke on taller ones). */
#define ESCPOS_BAND_ROWS 256
/* Largest data size of one NV graphics definition (GS ( L, 16-bit length). */
#define ESCPOS_NV_MAX_DATA (65535 - 11)

void escpos_buf_init(struct escpos_buf *b);
void escpos_buf_finish(struct escpos_buf *b);  /* frees data; NULL-safe */
void escpos_buf_reset(struct escpos_buf *b);   /* len = 0, keeps memory */
void escpos_append(struct escpos_buf *b, const void *data, size_t len);

/* ESC @ : clears modes and the print buffer. */
void escpos_init(struct escpos_buf *b);
/* ESC a n */
void escpos_align(struct escpos_buf *b, enum escpos_align a);
/* ESC E n */
void escpos_emphasis(struct escpos_buf *b, bool on);
/* GS ! n : character magnification, 1..8 in each direction. */
void escpos_size(struct escpos_buf *b, int width_mul, int height_mul);
/*
 * Printable ASCII text in the printer's own font (bytes outside 0x20..0x7e
 * become '?': the code pages cannot be trusted with anything else).
 */
void escpos_text(struct escpos_buf *b, const char *ascii);
/* LF */
void escpos_newline(struct escpos_buf *b);
/* ESC d n : prints the buffer and feeds n lines (0..255). */
void escpos_feed(struct escpos_buf *b, int lines);
/*
 * GS v 0 : prints a 1-bit raster (normal density), in bands of at most
 * ESCPOS_BAND_ROWS rows. Position follows ESC a.
 */
void escpos_raster(struct escpos_buf *b, const struct raster *r);
/*
 * GS ( L fn 67 : defines NV graphics data (raster format, one colour) under
 * key (kc1, kc2), both 32..126. False if the image is too large. Each call
 * is one NV write: send it only when the image changed.
 */
bool escpos_nv_define(struct escpos_buf *b, char kc1, char kc2, const struct raster *r);
/*
 * FS q n : defines all NV bit images at once (the older store of the
 * TM-T88III and many clones): erases every image stored before, then
 * stores imgs[0..n-1] as numbers 1..n, each padded with white to a whole
 * number of bytes in both directions. One NV write. False when one is too
 * large (1023 x 288 bytes) or n is not 1..255.
 */
bool escpos_nv_bitimage_define(struct escpos_buf *b, const struct raster *const *imgs, int n);
/* FS p n 0 : prints NV bit image n (1..255) at normal size. */
void escpos_nv_bitimage_print(struct escpos_buf *b, int n);
/* The bytes FS q takes for one image (its share of the command), for size checks. */
size_t escpos_nv_bitimage_size(const struct raster *r);
/* GS b n : smoothing of large characters on (1) or off (0). */
void escpos_smoothing(struct escpos_buf *b, bool on);
/* ESC J n : prints the buffer and feeds n dots (0..255). */
void escpos_feed_dots(struct escpos_buf *b, int dots);
/* GS ( L fn 69 : prints the NV graphics of key (kc1, kc2) at normal size. */
void escpos_nv_print(struct escpos_buf *b, char kc1, char kc2);
/* GS ( L fn 66 : deletes the NV graphics of key (kc1, kc2). */
void escpos_nv_delete(struct escpos_buf *b, char kc1, char kc2);
/* GS V m n : feeds n dots (0..255) then cuts, partial or full. */
void escpos_cut(struct escpos_buf *b, bool partial, int feed_dots);
/* DLE EOT n */
void escpos_status_request(struct escpos_buf *b, enum escpos_status_kind kind);

/*
 * Length of the command at the start of b (n bytes), as a printer parses
 * the subset above and the requests printer.c and the detection send
 * (GS ( H, GS r, GS I, GS ( L fn 48/51/64): 0 when n is too short to tell
 * or to hold it. Bytes outside the subset count as one.
 */
size_t escpos_command_length(const uint8_t *b, size_t n);
/*
 * The longest command in a complete job: how many bytes a printer that
 * took only part of the job may still be waiting for.
 */
size_t escpos_longest_command(const uint8_t *b, size_t n);

/* True when byte could be a DLE EOT reply (pattern 0xx1xx10). */
static inline bool escpos_is_status_byte(uint8_t byte)
{
	return (byte & 0x93) == 0x12;
}
