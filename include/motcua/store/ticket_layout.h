#pragma once
#include "motcua/store/layer.h"
/*
 * The grammar of the "ticket_layout" setting: what the paper ticket shows,
 * item by item. It lives with the settings that store it, so validating a
 * setting needs no renderer; the print layer (motcua/print/ticket_render.h)
 * turns a parsed layout into images and ESC/POS.
 *
 * Layout text: items separated by ';' or newlines, drawn top to bottom.
 * Each item is a name and options:
 *   commune | desk | title | footer       texts from settings ("title" is
 *                                         "PHIẾU SỐ THỨ TỰ")
 *   text "LITERAL"                        a fixed line
 *   rule                                  a horizontal line
 *   space N                               N blank dots
 *   number                                the ticket number (printer font,
 *                                         or an image on printers that
 *                                         cannot smooth large characters)
 *   service                               the field's name
 *   priority                              "ƯU TIÊN", only on priority tickets
 *   ahead | wait                          people ahead / estimated wait (minutes):
 *                                         a label, then the value in printer font
 *   counters                              "Quầy phục vụ", then the numbers of
 *                                         the counters serving the field
 *                                         ("1, 3"); left out when none does
 *   datetime                              dd/mm/yyyy HH:MM (printer font)
 *   valid                                 "Chỉ có giá trị trong ngày", then
 *                                         the date (printer font)
 *   qr                                    a QR code of the ticket's status page
 *                                         (setting ticket_qr); left out when
 *                                         there is none (public_url empty)
 * Options: size=N (text height in px; for number, ahead, wait, counters,
 * datetime and valid the printer-font magnification 1..8; for qr the dots
 * per module 1..8), bold, left | center | right, invert (white on black).
 */
#include <stdbool.h>
#include "motcua/base/result.h"

#define TICKET_LAYOUT_DEFAULT \
	"space 8; commune size=24 bold; desk size=22; rule; title size=34 bold; " \
	"number size=7; service size=30 bold; priority size=30 bold invert; space 6; " \
	"counters; ahead; wait; datetime size=1; valid; qr; rule; footer size=20"

enum ticket_item_kind {
	TICKET_ITEM_COMMUNE, TICKET_ITEM_DESK, TICKET_ITEM_TITLE, TICKET_ITEM_FOOTER,
	TICKET_ITEM_TEXT, TICKET_ITEM_RULE, TICKET_ITEM_SPACE,
	TICKET_ITEM_NUMBER, TICKET_ITEM_SERVICE, TICKET_ITEM_PRIORITY,
	TICKET_ITEM_AHEAD, TICKET_ITEM_WAIT, TICKET_ITEM_DATETIME,
	TICKET_ITEM_COUNTERS, TICKET_ITEM_VALID, TICKET_ITEM_QR,
};

enum ticket_item_align { TICKET_ALIGN_LEFT, TICKET_ALIGN_CENTER, TICKET_ALIGN_RIGHT };

struct ticket_item {
	enum ticket_item_kind kind;
	int size;                    /* px, or printer-font magnification (see above) */
	bool bold;
	bool invert;
	enum ticket_item_align align;
	char *text;                  /* TICKET_ITEM_TEXT only, owned */
};

struct ticket_layout {
	char *source;                /* the text parsed (the default when empty), owned */
	struct ticket_item *items;   /* top to bottom, owned */
	int n;
};

/* Parses layout text (NULL or "" = default). NULL with RESULT_ERR_INVALID naming the item. */
struct ticket_layout *ticket_layout_parse(const char *text, struct result *r);
void ticket_layout_destroy(struct ticket_layout *l);  /* NULL-safe */

/*
 * True for items whose image never changes between tickets (commune, desk,
 * title, footer, text, rule, space): runs of them are stored in NV memory.
 */
bool ticket_item_is_static(enum ticket_item_kind kind);
/* True when the item's size is a magnification (1..8: printer-font text, a QR module in dots), not pixels (1..400). */
bool ticket_item_is_magnified(enum ticket_item_kind kind);
