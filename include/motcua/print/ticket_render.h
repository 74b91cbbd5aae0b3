#pragma once
#include "motcua/print/layer.h"
/*
 * Drawing and encoding the paper ticket from a parsed layout
 * (motcua/store/ticket_layout.h). No database, no I/O: the print job feeds it
 * settings and the issued ticket; the bench and tests call it directly.
 *
 * Static items (commune, desk, title, footer, text, rule, space) in a row
 * form one image; on printers with NV memory, that image, every service
 * name, the priority mark and the labels are stored once and printed by
 * key (GS ( L) or number (FS p), and only ASCII (number, digits, dates)
 * travels per ticket. A run of nothing but space is a paper feed.
 *
 * The number is the printer's own font, magnified and smoothed (GS b),
 * with the field's letter set apart from the digits ("A 1005"); on a
 * printer that cannot smooth large characters it is an image drawn in a
 * monospaced font with a dotted zero and a serifed I, which people and
 * OCR tell from O and 1 (ticket_render_set_number_image).
 *
 * Without NV memory every image travels inline, left-aligned and as wide
 * as its ink from the paper's left edge: its place never depends on ESC a,
 * which some clones ignore for images.
 */
#include <stdbool.h>
#include <stdint.h>
#include "motcua/base/result.h"
#include "motcua/print/escpos.h"
#include "motcua/print/qr.h"
#include "motcua/print/raster.h"
#include "motcua/store/ticket_layout.h"

struct ticket_render;

/* What one ticket shows. Strings are borrowed. */
struct ticket_info {
	const char *commune;
	const char *desk;
	const char *footer;
	const char *number;        /* printable ASCII, e.g. "A1005" */
	const char *service_name;
	int service_slot;          /* NV slot of the service name (0..93), -1 = none */
	bool priority;
	int ahead;                 /* < 0: line left out */
	int est_wait_min;          /* < 0: line left out */
	const char *datetime;      /* "dd/mm/yyyy HH:MM" */
	const char *counters;      /* the counters serving the field, "1, 3"; NULL/"" = line left out */
	const char *valid_date;    /* "dd/mm/yyyy": the only day the ticket is valid */
	int n_services;            /* service slots in the NV set (FS p numbers follow them) */
	const char *qr_url;        /* the status page's address; NULL/"" = no QR code */
	enum ticket_qr qr;         /* how the layout's qr item prints it (TICKET_QR_NONE: not) */
};

/* How the ticket is encoded. */
enum ticket_mode {
	TICKET_MODE_NV,            /* static images by NV key (GS ( L fn 69), ASCII in the printer font */
	TICKET_MODE_NV_BITIMAGE,   /* the same by NV bit image number (FS p) */
	TICKET_MODE_INLINE,        /* the same, images sent inline as GS v 0 */
	TICKET_MODE_FULL_RASTER,   /* the whole ticket as one image (baseline) */
};

/*
 * A renderer for layout (taken: destroyed with the renderer) with the fonts
 * (regular and bold TTF paths, copied) on paper width dots wide.
 */
struct ticket_render *ticket_render_create(struct ticket_layout *layout, const char *font,
	const char *font_bold, int width);
void ticket_render_destroy(struct ticket_render *l);  /* NULL-safe */
/*
 * Draws the number as an image instead of the printer's font (for
 * printers without GS b smoothing: magnified font characters are blocky
 * and misread). Off by default.
 */
void ticket_render_set_number_image(struct ticket_render *l, bool image);

/* One image that belongs in NV memory. */
struct ticket_nv_image {
	char key[2];
	uint64_t hash;             /* of the image */
	struct raster *img;        /* owned by the set */
};

struct ticket_nv_set {
	struct ticket_nv_image *items;
	int n;
};

/*
 * A cheap fingerprint of everything the NV images depend on (layout, width,
 * fonts, texts, service names), so unchanged images are not even rendered.
 */
uint64_t ticket_render_nv_fingerprint(const struct ticket_render *l, const struct ticket_info *info,
	const char *const *service_names, int n_services);
/*
 * Renders every NV image (static runs, service names by slot, labels), in
 * the order that numbers them for FS q / FS p (1, 2, ...).
 */
bool ticket_render_nv_images(const struct ticket_render *l, const struct ticket_info *info,
	const char *const *service_names, int n_services, struct ticket_nv_set *out);
void ticket_nv_set_finish(struct ticket_nv_set *s);  /* NULL-safe */

/*
 * Appends the ticket (ESC @ ... cut) to out. *number_at (may be NULL)
 * receives the offset in out of the first byte that can put the number on
 * paper: a printer that received fewer bytes cannot show the number.
 */
bool ticket_render_encode(const struct ticket_render *l, const struct ticket_info *info,
	enum ticket_mode mode, struct escpos_buf *out, size_t *number_at);
/* The whole ticket as one raster (what TICKET_MODE_FULL_RASTER sends). */
struct raster *ticket_render_image(const struct ticket_render *l, const struct ticket_info *info);
