#pragma once
#include "motcua/print/layer.h"
/*
 * Printer profiles: what one kind of receipt printer can do, as data. A
 * printer string names one (`profile=epson-tm-t88v`), else the setting
 * `printer_profile` does, else generic-80 applies: the profile that
 * assumes least (no NV memory, no completion reply, a slow printer).
 * firmware-notes/printer-profiles.md says what each one sets and why.
 *
 * Also here, because it only reads the table: the pure half of
 * `motcua print-test --detect`, which turns what a printer answered into
 * the profile to suggest. No I/O.
 */
#include <stdbool.h>
#include <stddef.h>

/* How a printer keeps images in non-volatile memory. */
enum printer_nv_set {
	PRINTER_NV_NONE,       /* none usable: every image travels with each ticket */
	PRINTER_NV_GRAPHICS,   /* GS ( L fn 67 / fn 69: one image per key, one write each */
	PRINTER_NV_BITIMAGE,   /* FS q / FS p: all images in one write, numbered 1..n */
};

/* How a printer says a job has come out of it. */
enum printer_done {
	PRINTER_DONE_TIMER,    /* it cannot: wait the print time, computed from speed and length */
	PRINTER_DONE_PROCESS,  /* GS ( H fn 48: process ID reply once the data before it is printed */
	PRINTER_DONE_PAPER,    /* GS r 1: paper sensor reply, sent when it reaches the command */
};

struct printer_profile {
	const char *name;          /* "epson-tm-t88v", as written in a printer string */
	const char *model;         /* "Epson TM-T88V", for people (Vietnamese where it is words) */
	int width;                 /* printable dots across the paper */
	int dpi;                   /* dots per inch, both directions */
	enum printer_nv_set nv;
	bool qr;                   /* GS ( k model 2 QR codes (recorded, not used yet) */
	enum printer_done done;
	int speed_mm_s;            /* paper speed when printing images, mm/s (a floor, not a peak) */
	bool smoothing;            /* GS b: large characters are smoothed */
	bool image_align;          /* ESC a moves GS v 0 images (some clones ignore it) */
	int nv_writes_per_day;     /* the maker's advice for NV writes; 0 when nv is NONE */
	const char *id_model;      /* what GS I 67 answers ("TM-T88V"); NULL: nothing known */
};

/* The profile named name; NULL when none is. */
const struct printer_profile *printer_profile_find(const char *name);
/* generic-80: the one used when nothing names a profile. */
const struct printer_profile *printer_profile_default(void);
/* The i-th profile of the table (for lists and tests); NULL past the end. */
const struct printer_profile *printer_profile_at(size_t i);
/* Words for the enums, for messages and the detection report (Vietnamese: people read them). */
const char *printer_profile_nv_words(enum printer_nv_set nv);
const char *printer_profile_done_words(enum printer_done done);

/*
 * Milliseconds the printer needs to feed `rows` dots of paper at its speed,
 * plus a margin for the cut: the timer that stands in for a completion
 * reply, and the wait budget for one.
 */
int printer_profile_print_ms(const struct printer_profile *pp, int rows);

/* What `print-test --detect` learnt from a printer (printer.h asks). */
struct printer_probe {
	bool status;           /* it answered DLE EOT */
	int model_id;          /* GS I 1; -1: no answer */
	char maker[32];        /* GS I 66, "" when no answer */
	char model[32];        /* GS I 67 */
	char firmware[32];     /* GS I 65 */
	bool process_id;       /* it answered GS ( H fn 48 */
	bool paper_status;     /* it answered GS r 1 */
	bool nv_list;          /* it answered GS ( L fn 64 (stored keys) */
	int nv_keys;           /* how many keys it listed */
	long nv_free;          /* GS ( L fn 51, bytes; -1: no answer */
};

/*
 * The profile a probe suggests, and why (a static English phrase): the
 * model name when the table knows it, else what the replies show (GS ( L
 * and GS ( H: a recent Epson-like printer), else generic-80.
 */
const struct printer_profile *printer_profile_suggest(const struct printer_probe *pr,
	const char **why);
