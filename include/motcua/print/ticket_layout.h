#pragma once
/*
 * The paper ticket's layout as data (setting "ticket_layout"), and its
 * rendering and ESC/POS encoding. No database, no I/O: ticket.c feeds it
 * settings and the issued ticket; the bench and tests call it directly.
 *
 * Layout text: items separated by ';' or newlines, drawn top to bottom.
 * Each item is a name and options:
 *   commune | desk | title | footer       texts from settings ("title" is
 *                                         "PHIẾU SỐ THỨ TỰ")
 *   text "LITERAL"                        a fixed line
 *   rule                                  a horizontal line
 *   space N                               N blank dots
 *   number                                the ticket number (printer font)
 *   service                               the field's name
 *   priority                              "ƯU TIÊN", only on priority tickets
 *   ahead | wait                          people ahead / estimated wait (minutes):
 *                                         a label, then the value in printer font
 *   datetime                              dd/mm/yyyy HH:MM (printer font)
 * Options: size=N (text height in px; for number, ahead, wait, datetime the
 * printer-font magnification 1..8), bold, left | center | right, invert
 * (white on black). Example (the default):
 *   space 8; commune size=24 bold; desk size=22; rule; title size=34 bold;
 *   number size=7; service size=30 bold; priority size=30 bold invert; space 6;
 *   ahead; wait; datetime size=1; rule; footer size=20
 *
 * Static items (commune, desk, title, footer, text, rule, space) in a row
 * form one image; on printers with NV graphics, that image, every service
 * name, the priority mark and the ahead/wait labels are stored once in NV
 * memory and printed by key, and only ASCII (number, digits, date) travels
 * per ticket.
 */
#include <stdbool.h>
#include <stdint.h>
#include "motcua/print/escpos.h"
#include "motcua/print/raster.h"
#include "motcua/base/result.h"

struct ticket_layout;

#define TICKET_LAYOUT_DEFAULT \
	"space 8; commune size=24 bold; desk size=22; rule; title size=34 bold; " \
	"number size=7; service size=30 bold; priority size=30 bold invert; space 6; " \
	"ahead; wait; datetime size=1; rule; footer size=20"

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

/* Parses layout text (NULL or "" = default). NULL with RESULT_ERR_INVALID naming the item. */
struct ticket_layout *ticket_layout_parse(const char *text, struct result *r);
void ticket_layout_destroy(struct ticket_layout *l);  /* NULL-safe */

/* Sets the fonts (regular, bold TTF paths, copied) and the paper width in dots. */
void ticket_layout_set_output(struct ticket_layout *l, const char *font, const char *font_bold,
	int width);

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
uint64_t ticket_layout_nv_fingerprint(const struct ticket_layout *l, const struct ticket_info *info,
	const char *const *service_names, int n_services);
/* Renders every NV image (static runs, service names by slot, labels). */
bool ticket_layout_nv_render(const struct ticket_layout *l, const struct ticket_info *info,
	const char *const *service_names, int n_services, struct ticket_nv_set *out);
void ticket_nv_set_finish(struct ticket_nv_set *s);  /* NULL-safe */

/* Appends the ticket (ESC @ ... cut) to out. */
bool ticket_layout_encode(const struct ticket_layout *l, const struct ticket_info *info,
	enum ticket_mode mode, struct escpos_buf *out);
/* The whole ticket as one raster (what TICKET_MODE_FULL_RASTER sends). */
struct raster *ticket_layout_render(const struct ticket_layout *l, const struct ticket_info *info);
