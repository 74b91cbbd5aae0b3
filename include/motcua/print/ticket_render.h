#pragma once
#include "motcua/print/layer.h"
/*
 * Drawing and encoding the paper ticket from a parsed layout
 * (motcua/store/ticket_layout.h). No database, no I/O: the print job feeds it
 * settings and the issued ticket; the bench and tests call it directly.
 *
 * Static items (commune, desk, title, footer, text, rule, space) in a row
 * form one image; on printers with NV graphics, that image, every service
 * name, the priority mark and the ahead/wait labels are stored once in NV
 * memory and printed by key, and only ASCII (number, digits, date) travels
 * per ticket.
 */
#include <stdbool.h>
#include <stdint.h>
#include "motcua/base/result.h"
#include "motcua/print/escpos.h"
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
};

/* How the ticket is encoded. */
enum ticket_mode {
	TICKET_MODE_NV,            /* static images by NV key, ASCII in the printer font */
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
/* Renders every NV image (static runs, service names by slot, labels). */
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
