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
 *   profile=NAME  what the printer can do (printer_profile.h); else the
 *                 setting printer_profile, else generic-80
 *   nv=1|0        use the profile's NV memory (default 1); 0: every image inline
 *   nvwrites=N    NV writes allowed a day (default the profile's, 1..1000)
 *   status=dle|none  dle (default): ask DLE EOT; none: a one-way printer
 *                 (usblp without "Bidirectional"): never asked, assumed
 *                 ready, so paper out cannot be seen; jobs are confirmed
 *                 by the print-time timer and NV memory is not used
 *   timeout=MS    how long the printer may make no progress (default 1500,
 *                 50..60000): a write fails when nothing is taken for MS,
 *                 however long a large job legitimately takes; a reply gets
 *                 MS plus the wire time of what was sent before it (at the
 *                 baud rate, or 9600 over file: where the kernel's queue
 *                 cannot be measured)
 *   printms=MS    no longer used (kept so that old strings still parse): a
 *                 job is confirmed by the profile's completion reply or by
 *                 its print time (printer_await_done)
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
#include "motcua/print/printer_profile.h"
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
 * exchange ran (st->answered says whether the printer replied; st->held
 * when the request could not even be sent, st->in_use for a network
 * printer that took the connection but never answers); false only on an
 * I/O error (st then reads "not answered"). With status=none nothing is
 * asked: st reads ready and blind.
 *
 * Replies are not numbered, so a late reply to an earlier request could
 * pass for the answer: stale input is drained first, the four requests go
 * out together, and once four replies are in, more that arrive within a
 * short quiet time push the earlier ones out. A printer answers in order,
 * so the last four are the answer.
 */
bool printer_query_status(struct printer *p, struct printer_status *st, struct result *r);

/*
 * The status from the last printer_query_status (all false when it failed;
 * after a write failed, only held: whether the printer held the line).
 */
const struct printer_status *printer_last_status(const struct printer *p);

/*
 * The profile in force: the string's profile=, else the one given to
 * printer_use_profile, else generic-80.
 */
const struct printer_profile *printer_profile(const struct printer *p);
/* True when the printer string names the profile itself. */
bool printer_profile_named(const struct printer *p);
/* The profile to use when the string names none (the setting printer_profile). */
void printer_use_profile(struct printer *p, const struct printer_profile *pp);
/*
 * The device without its options ("serial:/dev/ttyUSB0", "file:/dev/usb/lp0",
 * "tcp:192.0.2.10:9100"): what records about the printer's memory are kept
 * under, so that changing an option does not make it another printer.
 */
const char *printer_identity(const struct printer *p);
/*
 * The identity of the printer a string names (as printer_identity), newly
 * allocated; NULL (r) when the string is not a printer string.
 */
char *printer_spec_identity(const char *spec, struct result *r);
/* The NV command set in use: the profile's, none with nv=0 or status=none. */
enum printer_nv_set printer_nv(const struct printer *p);
/* NV writes allowed a day: nvwrites=, else the profile's. */
int printer_nv_writes_per_day(const struct printer *p);
/* False for status=none (a one-way printer). */
bool printer_has_status(const struct printer *p);
/* True for tcp: printers (one connection at a time). */
bool printer_is_network(const struct printer *p);
/* Line speed used to estimate wire time; 0 when not serial. */
int printer_baud(const struct printer *p);

/*
 * Waits for the printer to finish what it was sent: the profile's
 * completion request (GS ( H fn 48 with a fresh process ID, or GS r 1) and
 * its reply, for up to wait_ms (the request itself may wait that long to
 * be taken, by a printer busy writing NV memory); nothing else is sent
 * meanwhile. With a timer profile or status=none: waits timer_ms.
 * *replied says whether the reply came (always false for the timer).
 * False only on an I/O error.
 */
bool printer_await_done(struct printer *p, int timer_ms, int wait_ms, bool *replied,
	struct result *r);

/*
 * Sends all bytes, then waits until they left the port (serial, tcp); fails
 * (and reconnects next time) only when the printer takes nothing for the
 * timeout, so a slow line is never mistaken for a dead printer. *sent (may
 * be NULL) is how many bytes were handed to the kernel, also on failure:
 * bytes beyond it cannot have reached the printer.
 */
bool printer_write(struct printer *p, const uint8_t *data, size_t len, size_t *sent,
	struct result *r);

/*
 * Raw exchanges for detection and NV bookkeeping (printer_probe.h): drops
 * stale input and sends req (n 0: only reads, keeping what came since the
 * last call: the next block of a reply), then skips input up to prefix and copies
 * what follows it up to NUL into out (NUL-terminated, at most cap - 1
 * bytes; the rest is read and dropped). The length, -1 when nothing came
 * within wait_ms, -2 on an I/O error (r).
 */
int printer_request_block(struct printer *p, const uint8_t *req, size_t n, const uint8_t *prefix,
	size_t plen, uint8_t *out, size_t cap, int wait_ms, struct result *r);
/* As above for a one-byte reply b with (b & mask) == value: b, -1 or -2. */
int printer_request_byte(struct printer *p, const uint8_t *req, size_t n, uint8_t mask,
	uint8_t value, int wait_ms, struct result *r);
