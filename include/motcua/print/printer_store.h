#pragma once
#include "motcua/print/layer.h"
/*
 * What the database remembers about each printer. The print layer owns
 * these records; nothing else reads or writes them:
 *
 *   - its last fault: a devices row under the printer string as given
 *     (kind "printer", status = the fault's stable code, printer_status.h),
 *     shown by `motcua status`;
 *   - what motcua stored in its NV memory (tables printer_nv and
 *     printer_nv_images): each image's hash and size, so an image is
 *     written again only when it changed (NV memory wears out), each saved
 *     as soon as the printer confirmed it (an interrupted upload resumes),
 *     and a fingerprint of everything the images depend on, set once the
 *     set is complete, so an unchanged setup costs no rendering at all;
 *   - how many NV writes it took today (printer_nv_wear);
 *   - a job that was sent but not confirmed (table printer_jobs): the next
 *     job on that printer clears it first (printjob.h).
 * All but the devices row are keyed by the printer's identity
 * (printer_identity(): the device without options), so that another option
 * does not make it another printer.
 *
 * Nothing is stored under a string that printer_spec_check refuses.
 * Each write is its own transaction.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "motcua/store/db.h"
#include "motcua/print/printer_status.h"

/*
 * Records the printer's fault for `motcua status` when it differs from the
 * stored one (updated_ms says since when it holds).
 */
bool printer_store_status(struct db *db, const char *spec, enum printer_fault fault,
	struct result *r);

struct printer_nv_image_hash {
	char key[2];
	uint64_t hash;
	long bytes;                           /* what it takes in NV memory; 0 = unknown */
};

/* What a printer holds in NV memory, as far as motcua knows. */
struct printer_nv_state {
	uint64_t fingerprint;                 /* 0: nothing known */
	struct printer_nv_image_hash *images; /* owned */
	size_t n;
};

/* Loads the record (empty when there is none). */
bool printer_store_nv_load(struct db *db, const char *spec, struct printer_nv_state *out,
	struct result *r);
/* The stored hash of image (k1, k2); 0 when none is known. */
uint64_t printer_store_nv_hash(const struct printer_nv_state *s, char k1, char k2);
/* Appends one image's hash to s (building a state to save). */
void printer_store_nv_add(struct printer_nv_state *s, char k1, char k2, uint64_t hash);
/* The stored size of image (k1, k2); 0 when unknown. */
long printer_store_nv_bytes(const struct printer_nv_state *s, char k1, char k2);
/*
 * Replaces the record with s: the set is complete (its fingerprint, its
 * images' hashes and sizes; images not in s are forgotten).
 */
bool printer_store_nv_save(struct db *db, const char *spec, const struct printer_nv_state *s,
	struct result *r);
/*
 * One image was written and confirmed: remembered at once. The record reads
 * "not current" (fingerprint 0) until printer_store_nv_save, so an upload
 * cut short is finished, not started over, by the next one.
 */
bool printer_store_nv_image(struct db *db, const char *printer, char k1, char k2, uint64_t hash,
	long bytes, struct result *r);
/* NV writes counted on day (yyyymmdd) for the printer; 0 when none. */
bool printer_store_nv_writes(struct db *db, const char *printer, int day, int *writes,
	struct result *r);
/* Counts n more NV writes on day (a new day starts again from n). */
bool printer_store_nv_count_writes(struct db *db, const char *printer, int day, int n,
	struct result *r);
void printer_store_nv_finish(struct printer_nv_state *s);  /* NULL-safe */

/* A job that was sent and not (yet) confirmed. */
struct printer_job {
	size_t pad;          /* NUL bytes that complete any command it may have cut off */
	bool prints;         /* it put something on paper (else: NV definitions only) */
	int64_t ticket_id;   /* the ticket it printed; 0 = none */
};

/*
 * A job is about to be sent: remembered until printer_store_job_close, so
 * that after a crash or a failure the next job clears the printer first.
 */
bool printer_store_job_open(struct db *db, const char *spec, const struct printer_job *job,
	struct result *r);
/* *pending: a job was left open, described by *job. */
bool printer_store_job_pending(struct db *db, const char *spec, bool *pending,
	struct printer_job *job, struct result *r);
bool printer_store_job_close(struct db *db, const char *spec, struct result *r);

/* Forgets the NV record: the next print writes every image again. */
bool printer_store_nv_forget(struct db *db, const char *spec, struct result *r);
/*
 * Forgets the NV record and any open job (after a printer swap, or with
 * `motcua device forget`); *found (may be NULL) says whether there was any.
 */
bool printer_store_forget(struct db *db, const char *spec, bool *found, struct result *r);
