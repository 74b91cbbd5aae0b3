#pragma once
#include "motcua/print/layer.h"
/*
 * A receipt printer reached by one device string:
 *   serial:/dev/ttyUSB0?baud=38400&flow=rtscts   (libserialport; flow none|rtscts|xonxoff)
 *   file:/dev/usb/lp0                            (raw device node of a USB printer)
 *   tcp:192.0.2.10:9100                          (network printer)
 * Every read and write has a timeout; nothing here blocks forever.
 *
 * Options after '?' (joined by '&'; the serial ones apply to serial: only):
 *   baud=9600|19200|38400|57600|115200 (default 38400)
 *   flow=none|rtscts|xonxoff           (default none)
 *   nv=1|0        store static ticket parts in NV graphics memory (default 1)
 *   timeout=MS    how long the printer may make no progress (default 1500):
 *                 a write fails when nothing is taken for MS, however long
 *                 a large job (the ~32 KB NV upload) legitimately takes; a
 *                 status reply gets MS plus the wire time of what was sent
 *                 before it (at the baud rate, or 9600 over file: where the
 *                 kernel's queue cannot be measured)
 *   printms=MS    time the printer needs to print a ticket (default 600);
 *                 the status that confirms a ticket is asked after it
 * A printer that fails mid-way is closed and reopened on the next call, so
 * it works again when it comes back, without restarting anything.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "motcua/base/result.h"
#include "motcua/print/escpos.h"

struct printer;

struct printer_status {
	bool answered;        /* false: the printer did not answer the status request */
	bool online;
	bool paper_out;
	bool paper_near_end;
	bool cover_open;
	bool error;           /* cutter jam, unrecoverable or auto-recoverable error */
};

/* Opens the printer named by spec (taking an exclusive lock for serial/file). */
struct printer *printer_open(const char *spec, struct result *r);
void printer_close(struct printer *p);  /* NULL-safe */
const char *printer_spec(const struct printer *p);

/*
 * Merges the reply byte to DLE EOT kind into *st: sets the faults that kind
 * reports (paper out and error are each reported by two kinds, so nothing is
 * cleared) and, for ESCPOS_STATUS_PRINTER, online. st->answered is left to
 * the caller, who knows whether every kind was answered. False, with *st
 * untouched, when byte cannot be a status reply (stray data to skip) or kind
 * is not one of enum escpos_status_kind. Pure: no I/O (tests/fuzz fuzzes it).
 */
bool printer_status_decode(enum escpos_status_kind kind, uint8_t byte, struct printer_status *st);
/* Asks the printer for its real-time status (DLE EOT). */
bool printer_query_status(struct printer *p, struct printer_status *st, struct result *r);
/*
 * True when a ticket can be printed; otherwise false with RESULT_ERR_PRINTER
 * and a message naming the fault (paper out, cover open, no answer, ...).
 */
bool printer_status_ok(const struct printer_status *st, struct result *r);
/* Short Vietnamese description for screens: "Hết giấy", "Nắp máy in đang mở", ... */
const char *printer_status_text_vi(const struct printer_status *st);

/*
 * The status from the last printer_query_status (all false when it failed,
 * or after a write failed): what a kiosk shows, in Vietnamese with
 * printer_status_text_vi, after ticket_issue_and_print refused.
 */
const struct printer_status *printer_last_status(const struct printer *p);

/*
 * Milliseconds to wait after a ticket's bytes left before asking for the
 * confirming status: DLE EOT is answered as soon as it arrives, even while
 * the ticket is still printing, so a paper end during printing only shows
 * once the printing is done.
 */
int printer_print_ms(const struct printer *p);

/* True unless the spec says nv=0 (GS ( L NV graphics usable). */
bool printer_supports_nv(const struct printer *p);
/* Line speed used to estimate wire time; 0 when not serial. */
int printer_baud(const struct printer *p);

/*
 * Sends all bytes, then waits until they left the port (serial, tcp); fails
 * (and reconnects next time) only when the printer takes nothing for the
 * timeout, so a slow line is never mistaken for a dead printer.
 */
bool printer_write(struct printer *p, const uint8_t *data, size_t len, struct result *r);
