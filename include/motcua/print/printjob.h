#pragma once
#include "motcua/print/layer.h"
/*
 * The paper ticket: laid out from settings (commune, desk, footer, width),
 * Vietnamese text rendered by SDL2_ttf into a 1-bit raster, encoded as
 * ESC/POS with the static header in the printer's NV memory when possible.
 *
 * Threads: a kiosk may print from a worker thread while its UI thread draws
 * text: the only shared SDL_ttf state, opening and closing fonts, is
 * serialised by motcua/fonts.h. Each thread uses its own db connection.
 */
#include <stdbool.h>
#include "motcua/store/db.h"
#include "motcua/print/printer.h"
#include "motcua/store/queue.h"

/*
 * The whole kiosk flow for one citizen: query the printer; if it cannot
 * print, nothing is issued (RESULT_ERR_PRINTER, message says why). Else
 * issue (committed), print, and if printing fails mid-job void the ticket
 * with an event and report RESULT_ERR_PRINTER. On success t is the ticket.
 * Also records the printer's status in the database (shown by `motcua status`).
 * When the printer does not confirm the job (no status reply after it, or
 * paper out / cover open by then) the ticket is voided too: a number is
 * never left standing without its paper.
 */
bool ticket_issue_and_print(struct db *db, struct printer *p, const char *service_code,
	bool priority, struct ticket *t, struct result *r);

/*
 * Brings the printer's NV images (header, service names, labels) up to
 * date now, so the first citizen does not wait for the one-time transfer
 * (some 30 KB: 8 s at 38400 baud). Kiosks call it at start and after
 * settings change; ticket_issue_and_print does it anyway when needed.
 * A no-op for nv=0 printers and when nothing changed.
 */
bool ticket_prepare_printer(struct db *db, struct printer *p, struct result *r);

/* Prints an already issued ticket again (kiosk admin "reprint last ticket"). */
bool ticket_print(struct db *db, struct printer *p, const struct ticket *t, struct result *r);

/* Prints a self-test ticket: settings, status, a character test in Vietnamese. */
bool ticket_print_selftest(struct db *db, struct printer *p, struct result *r);

/*
 * Forgets what motcua stored in the printer's NV memory, so the next print
 * writes the NV images again (after a printer swap or a factory reset).
 */
bool ticket_nv_forget(struct db *db, const char *spec, struct result *r);

/*
 * Stores what the kiosk last saw of a printer (for `motcua status`):
 * a device row with spec, status text and time.
 */
bool ticket_record_printer_status(struct db *db, const char *spec,
	const struct printer_status *st, struct result *r);
