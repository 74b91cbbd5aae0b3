#pragma once
#include "motcua/serial/layer.h"
/*
 * Serial lines, and the byte I/O with timeouts that every printer and
 * keypad transport goes through.
 *
 * One spec names a serial port, for the receipt printer and for the keypad
 * bus alike:
 *
 *     serial:/dev/ttyUSB0?baud=38400&flow=rtscts
 *
 * "serial:" may be left out before an absolute path ("/dev/ttyS0"). Options
 * after '?', joined by '&':
 *     baud=1200|2400|4800|9600|19200|38400|57600|115200
 *     flow=none|rtscts|xonxoff                         (default none)
 * A caller may take options of its own (the printer's nv=, timeout=) through
 * a serial_option_fn; anything else is refused with a message naming it.
 *
 * serial_open works around what libserialport 0.1.1 gets wrong: links such
 * as /dev/serial/by-id/... are resolved with realpath() first (it looks the
 * name up in /sys/class/tty); RTS/CTS and XON/XOFF are set in termios and
 * read back (sp_set_flowcontrol does not set CRTSCTS and adds IXANY); there
 * is no exclusive open, so flock() and TIOCEXCL are taken; sp_drain has no
 * timeout (a printer that holds CTS low blocks it forever), so drains poll
 * TIOCOUTQ and give up when the queue stops shrinking.
 *
 * A struct serial also carries the other byte streams of a printer (a
 * file: device node or FIFO, a tcp: socket: serial_adopt), so writes with a
 * progress timeout, drains and reads with a deadline exist once. Every
 * failure is RESULT_ERR_IO with a message naming the device.
 */
#include <stdbool.h>
#include <stddef.h>
#include "motcua/base/result.h"

enum serial_flow {
	SERIAL_FLOW_NONE,
	SERIAL_FLOW_RTSCTS,
	SERIAL_FLOW_XONXOFF,
};

struct serial_spec {
	char path[256];          /* as given; may be a link */
	int baud;
	enum serial_flow flow;
};

enum serial_option {
	SERIAL_OPTION_UNKNOWN,   /* not the caller's option either */
	SERIAL_OPTION_TAKEN,
	SERIAL_OPTION_BAD,       /* the caller's, with a bad value (r says why) */
};

/* A caller's own options: key and value of one "key=value". */
typedef enum serial_option (*serial_option_fn)(void *ud, const char *key, const char *value,
	struct result *r);

/*
 * Parses "[serial:]/PATH[?OPTIONS]" into out (baud starts at default_baud,
 * flow at none). extra (may be NULL) sees every option that is not baud or
 * flow. False with RESULT_ERR_INVALID and a message naming the bad part.
 */
bool serial_spec_parse(const char *spec, struct serial_spec *out, int default_baud,
	serial_option_fn extra, void *ud, struct result *r);
/* Parses just "key=value&..." (the part after '?') into s, as above. */
bool serial_spec_parse_options(const char *opts, struct serial_spec *s, serial_option_fn extra,
	void *ud, struct result *r);

struct serial;

/*
 * Opens the port: realpath, libserialport, the exclusive lock, raw 8N1 at
 * the baud rate with the flow control set and verified; pending input is
 * dropped. NULL (RESULT_ERR_IO) when any step fails.
 */
struct serial *serial_open(const struct serial_spec *spec, struct result *r);
/*
 * Takes an open descriptor of another byte stream (a device node, FIFO or
 * socket) for the I/O below; it is made non-blocking and closed by
 * serial_close. name (copied) is used in messages.
 */
struct serial *serial_adopt(int fd, const char *name);
/* Closes; unsent output (an abandoned exchange) is dropped, not waited for. NULL-safe. */
void serial_close(struct serial *s);
/* The device as opened (the resolved path, or the adopted name). */
const char *serial_name(const struct serial *s);

/* flock() plus TIOCEXCL on a tty, so two programs never share the line. */
bool serial_lock(struct serial *s, struct result *r);
/*
 * Raw 8N1 and the flow control in termios, read back and verified; baud 0
 * keeps the speed. A no-op (true) for a stream that is not a tty.
 */
bool serial_configure(struct serial *s, int baud, enum serial_flow flow, struct result *r);

/*
 * Writes all of data, however long a slow line takes; fails only when the
 * other end takes nothing for stall_ms (stalled, unplugged, held by flow
 * control), or hangs up. *sent (may be NULL) is how many bytes were handed
 * to the kernel, also on failure.
 */
bool serial_write(struct serial *s, const void *data, size_t len, int stall_ms, size_t *sent,
	struct result *r);
/*
 * Waits until the output queue (a tty's unsent bytes, a socket's
 * unacknowledged ones) is empty; fails when it does not shrink for
 * stall_ms. True at once for streams whose queue cannot be seen.
 */
bool serial_drain(struct serial *s, int stall_ms, struct result *r);
/*
 * Reads what has arrived, waiting up to timeout_ms for the first byte.
 * Returns the byte count, 0 when nothing came in time, -1 on an error or a
 * hang-up (r says which).
 */
int serial_read(struct serial *s, void *buf, size_t cap, int timeout_ms, struct result *r);
/*
 * True when output is stuck: a write or drain gave up since the port was
 * opened, or the kernel still holds unsent bytes (a line held busy by flow
 * control). False when it cannot be told (a pty reports no queue).
 */
bool serial_output_stuck(struct serial *s);
/* Drops whatever input has arrived and not been read. */
void serial_discard_input(struct serial *s);
