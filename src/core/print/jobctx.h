#pragma once
/*
 * Internal to the print jobs (printjob.c, the tickets; nvsync.c, the NV
 * memory): what a job reads from the database, and the printer bookkeeping
 * both halves share. Not a public header.
 */
#include <stdbool.h>
#include "motcua/print/escpos.h"
#include "motcua/print/printer.h"
#include "motcua/print/ticket_render.h"
#include "motcua/store/counters.h"
#include "motcua/store/db.h"
#include "motcua/store/services.h"

/* Everything a job takes from the settings and the queue, loaded once per job. */
struct jobctx {
	char commune[256], desk[256], footer[256], layout_text[2048];
	int width;                        /* dots: the printer_width setting, or the profile's */
	struct ticket_render *layout;
	struct service *services;
	size_t n_services;
	const char **names;               /* the services' names, in NV slot order */
	struct counter *counters;
	size_t n_counters;
	bool nv_current;                  /* the printer holds every NV image this layout needs */
	char public_url[256];             /* the setting public_url: "" = no QR code */
	enum ticket_qr qr;                /* how the QR code prints (setting ticket_qr, profile) */
};

/*
 * Loads c for printer p, first giving p the profile of the setting
 * printer_profile when its string names none. False (r) on a bad layout or
 * a database error.
 */
bool jobctx_load(struct db *db, struct printer *p, struct jobctx *c, struct result *r);
void jobctx_finish(struct jobctx *c);
/* The ticket_info of the parts that do not change between tickets. */
void jobctx_info_static(const struct jobctx *c, struct ticket_info *info);

/* Records the printer's fault for `motcua status`; a failure is logged, not fatal. */
void job_record(struct db *db, struct printer *p, enum printer_fault fault);
/* Asks the printer and records the answer; false (r) when it cannot print. */
bool job_check_printer(struct db *db, struct printer *p, struct printer_status *st,
	struct result *r);
/* Remembers a job before its first byte goes out (printer_store.h); job_close forgets it. */
void job_open(struct db *db, struct printer *p, const struct escpos_buf *job, bool prints,
	int64_t ticket_id);
void job_close(struct db *db, struct printer *p);

/*
 * Brings the printer's NV images up to date when they can be (nvsync.c):
 * sets c->nv_current. True also when they cannot be now (no NV memory,
 * today's writes used up, not enough free memory): the ticket then goes
 * inline. False (r) only when the printer failed during an upload.
 */
bool nvsync_run(struct db *db, struct printer *p, struct jobctx *c, struct result *r);
/* True when the stored record says the printer holds the current set (no I/O). */
bool nvsync_current(struct db *db, struct printer *p, const struct jobctx *c);
