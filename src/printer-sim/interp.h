#pragma once
/*
 * The simulator's ESC/POS interpreter: consumes the byte stream a host
 * sends, draws onto a virtual paper roll, answers DLE EOT, keeps NV
 * graphics by key and hands each cut ticket to a callback. No I/O.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "motcua/print/raster.h"

struct interp;

struct interp_faults {
	bool paper_out;
	bool near_end;
	bool cover_open;
	bool error;
	long paper_left;      /* bytes of print data until paper runs out; < 0: unlimited */
};

struct interp_stats {
	long tickets;         /* cuts that produced a ticket */
	long nv_writes;       /* NV graphics definitions stored */
	long bytes;           /* bytes consumed */
	long status_replies;
	long discarded_jobs;  /* cuts while out of paper (nothing printed) */
	long blank_cuts;      /* cuts of paper with nothing printed on it (no PNG) */
	long abandoned;       /* half-received commands dropped (interp_abandon) */
};

/* Called for each cut with the printed ticket (borrowed for the call). */
typedef void (*interp_cut_fn)(void *ud, const struct raster *ticket);

/*
 * width: paper width in dots. glyph_font: a TTF used for the printer's own
 * 12x24 font; NULL draws every glyph but the space as a box (no SDL_ttf:
 * the fuzzer creates one interpreter per input).
 */
struct interp *interp_create(int width, const char *glyph_font, interp_cut_fn cut, void *ud);
void interp_destroy(struct interp *in);  /* NULL-safe */

struct interp_faults *interp_faults(struct interp *in);
const struct interp_stats *interp_stats(const struct interp *in);
/* When silent, status requests get no reply. */
void interp_set_silent(struct interp *in, bool silent);
/* Forgets a half-received command (after the cable was out). */
void interp_reset_parser(struct interp *in);
/* Bytes of a command received only in part (waiting for the rest). */
size_t interp_pending(const struct interp *in);
/*
 * Drops a half-received command whose sender went quiet (a host that gave
 * up mid-job), counted in stats.abandoned; otherwise its remaining length
 * would swallow every later status request. False if nothing was pending.
 */
bool interp_abandon(struct interp *in);

/*
 * NV graphics survive power cycles on a real printer: the simulator keeps
 * them in a file (key, width, height, dots per entry). Load ignores a
 * missing file.
 */
bool interp_nv_save(const struct interp *in, const char *path);
bool interp_nv_load(struct interp *in, const char *path);

/*
 * Consumes bytes; status replies are appended to reply (up to reply_cap,
 * *reply_len updated). Incomplete commands wait for more bytes.
 */
void interp_feed(struct interp *in, const uint8_t *data, size_t len,
	uint8_t *reply, size_t reply_cap, size_t *reply_len);
