#pragma once
#include "motcua/print/layer.h"
/*
 * A receipt printer reached by one device string:
 *   serial:/dev/ttyUSB0?baud=38400&flow=rtscts   (a serial line: motcua/serial/serial.h)
 *   file:/dev/usb/lp0                            (a device node: USB printer, pty, FIFO, socket)
 *   tcp:192.0.2.10:9100                          (network printer; tcp:[2001:db8::1]:9100)
 * Every read and write has a timeout; nothing here blocks forever.
 *
 * Options after '?' (joined by '&'):
 *   baud=9600|19200|38400|57600|115200 (serial: default 38400; also 1200..4800)
 *   flow=none|rtscts|xonxoff           (serial, and file: targets that are ttys)
 *   nv=1|0        store static ticket parts in NV graphics memory (default 1)
 *   timeout=MS    how long the printer may make no progress (default 1500,
 *                 50..60000): a write fails when nothing is taken for MS,
 *                 however long a large job (the ~32 KB NV upload)
 *                 legitimately takes; a status reply gets MS plus the wire
 *                 time of what was sent before it (at the baud rate, or 9600
 *                 over file: where the kernel's queue cannot be measured)
 *   printms=MS    time the printer needs to print a ticket (default 600,
 *                 0..10000); the status that confirms a ticket is asked after it
 * Numbers are strict decimals; a tcp: port is 1..65535 (default 9100).
 *
 * A file: target must be a character device, a FIFO or a socket (a pty
 * counts): anything else (a regular file, a directory) is refused with
 * RESULT_ERR_INVALID and never opened for writing, so a typo cannot write
 * printer commands into the database or /etc/passwd.
 *
 * A printer that fails mid-way is closed and reopened on the next call, so
 * it works again when it comes back, without restarting anything.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "motcua/base/result.h"
#include "motcua/print/printer_status.h"

struct printer;

/*
 * Checks a printer string without touching any device: true, or false with
 * RESULT_ERR_INVALID and a message naming the bad part. Nothing that fails
 * here may be stored (devices table, settings).
 */
bool printer_spec_check(const char *spec, struct result *r);

/*
 * Opens the printer named by spec (taking an exclusive lock). Fails with
 * RESULT_ERR_INVALID for a bad string or a file: target that is not a
 * device, RESULT_ERR_PRINTER when the printer cannot be reached.
 */
struct printer *printer_open(const char *spec, struct result *r);
void printer_close(struct printer *p);  /* NULL-safe */
const char *printer_spec(const struct printer *p);

/*
 * Asks the printer for its real-time status (DLE EOT 1..4). True when the
 * exchange ran (st->answered says whether the printer replied); false only
 * on an I/O error (st then reads "not answered").
 */
bool printer_query_status(struct printer *p, struct printer_status *st, struct result *r);

/*
 * The status from the last printer_query_status (all false when it failed,
 * or after a write failed).
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
 * timeout, so a slow line is never mistaken for a dead printer. *sent (may
 * be NULL) is how many bytes were handed to the kernel, also on failure:
 * bytes beyond it cannot have reached the printer.
 */
bool printer_write(struct printer *p, const uint8_t *data, size_t len, size_t *sent,
	struct result *r);
