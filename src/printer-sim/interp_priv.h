#pragma once
/*
 * The interpreter's state, shared by its files (interp.c: commands;
 * interp_nv.c: NV memory kept in a file). Not for the simulator's main.
 */
#include "interp.h"

#define GLYPH_W 12
#define GLYPH_H 24
#define GLYPH_PX 19
#define GLYPH_THRESHOLD 110
#define LINE_SPACING 30
#define NV_MAX 128
#define REPLIES_MAX 64
#define NV_OVERHEAD 24         /* control information per GS ( L image */
#define KEY_BITIMAGE 0x01      /* key[0] of an FS q image in the NV file */
/*
 * The longest strip kept between two cuts: 2 m at 8 dots/mm (a ticket is
 * some 10 cm). A host that feeds and never cuts, or line noise read as
 * ESC d, gets its strip kept to this length instead of the simulator's
 * memory growing without bound.
 */
#define PAPER_MAX_ROWS 16000

struct nv_entry {
	char key[2];
	struct raster *img;
};

struct line_char {
	uint8_t c;
	int wmul, hmul;
	bool bold;
	bool smooth;
};

struct interp {
	int width;
	const struct printer_profile *profile;  /* NULL: everything */
	char *glyph_font;
	struct raster *glyphs[95];       /* printer font, 0x20..0x7e */
	struct raster *smooth[95][9];    /* the same drawn at magnification 2..8 (GS b) */
	interp_cut_fn cut;
	void *ud;
	struct interp_faults faults;
	struct interp_stats stats;
	bool silent;
	long nv_capacity;
	bool nv_hold;                    /* stop after each NV write (interp_set_nv_hold) */
	bool held;                       /* stopped after one */
	/* modes */
	int align, wmul, hmul;
	bool bold, smoothing;
	/* input */
	uint8_t *pend;
	size_t pend_len, pend_cap;
	/* output */
	struct raster *paper;            /* NULL until something is printed */
	int paper_y;                     /* rows used */
	bool job_lost;                   /* paper ran out during this ticket */
	struct line_char line[256];
	int line_len;
	struct nv_entry nv[NV_MAX];      /* GS ( L, by key */
	int n_nv;
	struct raster *bits[255];        /* FS q, numbered 1..n_bits */
	int n_bits;
	struct interp_reply replies[REPLIES_MAX];  /* queued in-order replies */
	int reply_head, n_replies;
	/* GS ( k: the QR code being set up */
	int qr_module, qr_level;
	uint8_t *qr_data;
	size_t qr_len;
};
