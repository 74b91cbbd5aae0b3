#pragma once
/*
 * The simulator's ESC/POS interpreter: consumes the byte stream a host
 * sends, draws onto a virtual paper roll, answers DLE EOT, keeps NV
 * graphics by key (GS ( L) and NV bit images by number (FS q), and hands
 * each cut ticket to a callback. No I/O, no clock.
 *
 * It plays a printer profile (motcua/print/printer_profile.h): commands the
 * profile's printer does not have are consumed and ignored, as such a
 * printer would (GS ( L on a TM-T88III, GS ( H on a clone), ESC a moves
 * images only where the profile says it does, and GS b smooths magnified
 * characters only where the printer can. Without a profile it accepts
 * everything.
 *
 * Replies come two ways: DLE EOT is answered in real time, into interp_feed's
 * reply buffer; the others (GS ( H, GS r, GS I, GS ( L fn 48/51/64) are
 * answered once the printer reaches them, so they are queued with the
 * work done so far (rows of paper, NV writes) and the caller sends each
 * when that work is over (interp_take_reply).
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "motcua/print/printer_profile.h"
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
	long nv_writes;       /* NV definitions stored (GS ( L fn 67 images, FS q commands) */
	long bytes;           /* bytes consumed */
	long status_replies;
	long discarded_jobs;  /* cuts while out of paper (nothing printed) */
	long blank_cuts;      /* cuts of paper with nothing printed on it (no PNG) */
	long abandoned;       /* half-received commands dropped (interp_abandon) */
	long rows;            /* dots of paper printed or fed: the printing work done */
	long ignored;         /* commands the profile's printer does not have */
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
/* The printer to play (borrowed; NULL: accept every command). */
void interp_set_profile(struct interp *in, const struct printer_profile *pp);

struct interp_faults *interp_faults(struct interp *in);
const struct interp_stats *interp_stats(const struct interp *in);
/* When silent, nothing is answered (a broken receive line, a one-way USB printer). */
void interp_set_silent(struct interp *in, bool silent);
/* NV memory size for GS ( L fn 48/51 (default 256 KB). */
void interp_set_nv_capacity(struct interp *in, long bytes);
/*
 * When on, the interpreter stops after each NV write (GS ( L fn 67, FS q)
 * with the rest of the input kept, as a printer writing its NV memory
 * processes nothing, real-time requests included, until interp_resume.
 */
void interp_set_nv_hold(struct interp *in, bool hold);
/* True while stopped after an NV write. */
bool interp_held(const struct interp *in);
/* Goes on with the input kept since the NV write (replies as interp_feed). */
void interp_resume(struct interp *in, uint8_t *reply, size_t reply_cap, size_t *reply_len);
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
 * them in a file (key, width, height, dots per entry; FS q images under
 * key 0x01 n). Load ignores a missing file.
 */
bool interp_nv_save(const struct interp *in, const char *path);
bool interp_nv_load(struct interp *in, const char *path);

/*
 * Consumes bytes; real-time (DLE EOT) replies are appended to reply (up to
 * reply_cap, *reply_len updated). Incomplete commands wait for more bytes.
 */
void interp_feed(struct interp *in, const uint8_t *data, size_t len,
	uint8_t *reply, size_t reply_cap, size_t *reply_len);

/* A reply sent when the printer reaches its command, after the work before it. */
struct interp_reply {
	uint8_t data[200];
	size_t len;
	long rows;            /* stats.rows when it was made */
	long nv_writes;       /* stats.nv_writes when it was made */
};
/* Takes the oldest queued reply; false when there is none. */
bool interp_take_reply(struct interp *in, struct interp_reply *out);
