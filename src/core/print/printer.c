/*
 * Printer transports behind one interface. serial: goes through
 * libserialport, file: and tcp: through a plain file descriptor; all three
 * use poll-style timeouts, so nothing blocks forever.
 *
 * timeout= means "no progress for that long": a write fails when the
 * printer takes nothing for timeout ms, never because a large job (the
 * ~32 KB NV upload: 8 s at 38400 baud, 33 s at 9600) takes long. A status
 * reply is waited for timeout ms plus the time the bytes sent before it may
 * still need to reach the printer (in_flight_ms).
 *
 * libserialport 0.1.1 traps handled here: /dev/serial/by-id links are
 * resolved with realpath() first; RTS/CTS and XON/XOFF are set (and
 * verified) in termios ourselves, since sp_set_flowcontrol does not set
 * CRTSCTS and adds IXANY; sp_drain has no timeout, so we poll TIOCOUTQ;
 * there is no exclusive open, so we take flock() and TIOCEXCL.
 *
 * After an I/O error the connection is closed; the next call reconnects.
 */
#define LOG_MODULE "printer"
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <termios.h>
#include <unistd.h>
#include <libserialport.h>
#include "motcua/base/clock.h"
#include "motcua/print/escpos.h"
#include "motcua/base/log.h"
#include "motcua/print/printer.h"
#include "motcua/base/xalloc.h"

enum kind { KIND_SERIAL, KIND_FILE, KIND_TCP };
enum flow { FLOW_NONE, FLOW_RTSCTS, FLOW_XONXOFF };

struct printer {
	char *spec;           /* as given, owned */
	enum kind kind;
	char *target;         /* path, or host for tcp */
	char *port_str;       /* tcp port */
	int baud;
	enum flow flow;
	bool nv;
	int timeout_ms;
	int print_ms;
	struct sp_port *sp;   /* serial only, open when connected */
	int fd;               /* -1 when not connected; for serial the sp handle */
	size_t unsent_est;    /* bytes written since the last answer (wire-time budget) */
	struct printer_status last;  /* from the last query; zeroed by failures */
};

static char *dup_n(const char *s, size_t n)
{
	char *d = xmalloc(n + 1);
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

static bool parse_options(struct printer *p, char *opts, struct result *r)
{
	char *save = NULL;
	for (char *kv = strtok_r(opts, "&", &save); kv; kv = strtok_r(NULL, "&", &save)) {
		char *eq = strchr(kv, '=');
		if (eq == NULL) {
			return result_fail(r, RESULT_ERR_INVALID, "printer option \"%s\": expected key=value", kv);
		}
		*eq = '\0';
		const char *v = eq + 1;
		char *end = NULL;
		if (strcmp(kv, "baud") == 0) {
			long b = strtol(v, &end, 10);
			if (*end || (b != 9600 && b != 19200 && b != 38400 && b != 57600 && b != 115200)) {
				return result_fail(r, RESULT_ERR_INVALID,
					"printer option baud=%s: use 9600, 19200, 38400, 57600 or 115200", v);
			}
			p->baud = (int)b;
		} else if (strcmp(kv, "flow") == 0) {
			if (strcmp(v, "none") == 0) {
				p->flow = FLOW_NONE;
			} else if (strcmp(v, "rtscts") == 0) {
				p->flow = FLOW_RTSCTS;
			} else if (strcmp(v, "xonxoff") == 0) {
				p->flow = FLOW_XONXOFF;
			} else {
				return result_fail(r, RESULT_ERR_INVALID,
					"printer option flow=%s: use none, rtscts or xonxoff", v);
			}
		} else if (strcmp(kv, "nv") == 0) {
			if (strcmp(v, "0") && strcmp(v, "1")) {
				return result_fail(r, RESULT_ERR_INVALID, "printer option nv=%s: use 0 or 1", v);
			}
			p->nv = v[0] == '1';
		} else if (strcmp(kv, "timeout") == 0) {
			long t = strtol(v, &end, 10);
			if (*end || t < 50 || t > 60000) {
				return result_fail(r, RESULT_ERR_INVALID,
					"printer option timeout=%s: milliseconds, 50..60000", v);
			}
			p->timeout_ms = (int)t;
		} else if (strcmp(kv, "printms") == 0) {
			long t = strtol(v, &end, 10);
			if (*end || t < 0 || t > 10000) {
				return result_fail(r, RESULT_ERR_INVALID,
					"printer option printms=%s: milliseconds, 0..10000", v);
			}
			p->print_ms = (int)t;
		} else {
			return result_fail(r, RESULT_ERR_INVALID,
				"unknown printer option \"%s\" (baud, flow, nv, timeout, printms)", kv);
		}
	}
	return true;
}

static bool parse_spec(struct printer *p, const char *spec, struct result *r)
{
	char *s = xstrdup(spec);
	bool ok = false;
	char *q = strchr(s, '?');
	if (q) {
		*q++ = '\0';
	}
	if (strncmp(s, "serial:", 7) == 0 && s[7]) {
		p->kind = KIND_SERIAL;
		p->target = xstrdup(s + 7);
	} else if (strncmp(s, "file:", 5) == 0 && s[5]) {
		p->kind = KIND_FILE;
		p->target = xstrdup(s + 5);
	} else if (strncmp(s, "tcp:", 4) == 0 && s[4]) {
		p->kind = KIND_TCP;
		char *colon = strrchr(s + 4, ':');
		p->target = colon ? dup_n(s + 4, (size_t)(colon - (s + 4))) : xstrdup(s + 4);
		p->port_str = xstrdup(colon ? colon + 1 : "9100");
	} else {
		result_fail(r, RESULT_ERR_INVALID,
			"printer \"%s\": expected serial:/dev/ttyUSB0?baud=38400, file:/dev/usb/lp0 "
			"or tcp:HOST:9100", spec);
		goto out;
	}
	ok = parse_options(p, q ? q : (char[]){""}, r);
out:
	free(s);
	return ok;
}

static const char *sp_message(enum sp_return rc)
{
	switch (rc) {
	case SP_ERR_ARG: return "not a serial port (invalid argument)";
	case SP_ERR_FAIL: return strerror(errno);
	case SP_ERR_MEM: return "out of memory";
	case SP_ERR_SUPP: return "not supported by this port";
	default: return "error";
	}
}

static void disconnect(struct printer *p)
{
	if (p->fd >= 0 && isatty(p->fd)) {
		/*
		 * Writes are drained before they count as done, so anything still
		 * queued belongs to an abandoned job: drop it, or close() would
		 * wait for a stalled (flow-controlled) line for up to 30 s.
		 */
		tcflush(p->fd, TCIOFLUSH);
		/* The exclusive flag outlives us while another process holds the tty open. */
		ioctl(p->fd, TIOCNXCL);
	}
	if (p->sp) {
		sp_close(p->sp);
		sp_free_port(p->sp);
		p->sp = NULL;
	} else if (p->fd >= 0) {
		close(p->fd);
	}
	p->fd = -1;
	p->unsent_est = 0;
	p->last = (struct printer_status){0};
}

static speed_t speed_for(int baud)
{
	switch (baud) {
	case 9600: return B9600;
	case 19200: return B19200;
	case 57600: return B57600;
	case 115200: return B115200;
	default: return B38400;
	}
}

/* Sets raw 8N1 and the flow control in termios, then reads it back. */
static bool set_termios(struct printer *p, struct result *r)
{
	struct termios t;
	if (tcgetattr(p->fd, &t) != 0) {
		return result_fail(r, RESULT_ERR_PRINTER, "%s: tcgetattr: %s", p->target, strerror(errno));
	}
	cfmakeraw(&t);
	t.c_cflag |= CLOCAL | CREAD;
	t.c_cflag &= ~(tcflag_t)(CRTSCTS | CSTOPB | PARENB);
	t.c_iflag &= ~(tcflag_t)(IXON | IXOFF | IXANY);
	if (p->flow == FLOW_RTSCTS) {
		t.c_cflag |= CRTSCTS;
	} else if (p->flow == FLOW_XONXOFF) {
		t.c_iflag |= IXON | IXOFF;
	}
	if (p->kind == KIND_SERIAL) {
		cfsetispeed(&t, speed_for(p->baud));
		cfsetospeed(&t, speed_for(p->baud));
	}
	struct termios back;
	if (tcsetattr(p->fd, TCSANOW, &t) != 0 || tcgetattr(p->fd, &back) != 0) {
		return result_fail(r, RESULT_ERR_PRINTER, "%s: tcsetattr: %s", p->target, strerror(errno));
	}
	tcflag_t want_c = t.c_cflag & CRTSCTS, want_i = t.c_iflag & (IXON | IXOFF | IXANY);
	if ((back.c_cflag & CRTSCTS) != want_c || (back.c_iflag & (IXON | IXOFF | IXANY)) != want_i) {
		return result_fail(r, RESULT_ERR_PRINTER,
			"%s: the port refused the flow control setting", p->target);
	}
	return true;
}

/* flock + TIOCEXCL, so two programs never share a printer. */
static bool lock_fd(struct printer *p, struct result *r)
{
	if (flock(p->fd, LOCK_EX | LOCK_NB) != 0) {
		return result_fail(r, RESULT_ERR_PRINTER, "%s is in use by another program (%s)",
			p->target, strerror(errno));
	}
	if (isatty(p->fd) && ioctl(p->fd, TIOCEXCL) != 0) {
		LOG_WARN("%s: TIOCEXCL: %s", p->target, strerror(errno));
	}
	return true;
}

static bool connect_serial(struct printer *p, struct result *r)
{
	char real[PATH_MAX];
	if (realpath(p->target, real) == NULL) {
		return result_fail(r, RESULT_ERR_PRINTER, "%s: %s (is the printer cable plugged in?)",
			p->target, strerror(errno));
	}
	enum sp_return rc = sp_get_port_by_name(real, &p->sp);
	if (rc != SP_OK) {
		p->sp = NULL;
		return result_fail(r, RESULT_ERR_PRINTER, "%s: %s", real, sp_message(rc));
	}
	rc = sp_open(p->sp, SP_MODE_READ_WRITE);
	if (rc != SP_OK) {
		result_fail(r, RESULT_ERR_PRINTER, "cannot open %s: %s", real, sp_message(rc));
		sp_free_port(p->sp);
		p->sp = NULL;
		return false;
	}
	if (sp_get_port_handle(p->sp, &p->fd) != SP_OK || !lock_fd(p, r)) {
		if (r && r->code == RESULT_OK) {
			result_fail(r, RESULT_ERR_PRINTER, "%s: no handle", real);
		}
		disconnect(p);
		return false;
	}
	if ((rc = sp_set_baudrate(p->sp, p->baud)) != SP_OK || (rc = sp_set_bits(p->sp, 8)) != SP_OK
		|| (rc = sp_set_parity(p->sp, SP_PARITY_NONE)) != SP_OK
		|| (rc = sp_set_stopbits(p->sp, 1)) != SP_OK
		|| (rc = sp_set_flowcontrol(p->sp, SP_FLOWCONTROL_NONE)) != SP_OK) {
		result_fail(r, RESULT_ERR_PRINTER, "cannot configure %s: %s", real, sp_message(rc));
		disconnect(p);
		return false;
	}
	if (!set_termios(p, r)) {
		disconnect(p);
		return false;
	}
	return true;
}

static bool connect_file(struct printer *p, struct result *r)
{
	p->fd = open(p->target, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	if (p->fd < 0) {
		return result_fail(r, RESULT_ERR_PRINTER, "cannot open %s: %s", p->target, strerror(errno));
	}
	if (!lock_fd(p, r) || (isatty(p->fd) && !set_termios(p, r))) {
		disconnect(p);
		return false;
	}
	return true;
}

static bool connect_tcp(struct printer *p, struct result *r)
{
	struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM}, *ai = NULL;
	int rc = getaddrinfo(p->target, p->port_str, &hints, &ai);
	if (rc != 0) {
		return result_fail(r, RESULT_ERR_PRINTER, "printer %s: %s", p->target, gai_strerror(rc));
	}
	int err = ECONNREFUSED;
	for (struct addrinfo *a = ai; a && p->fd < 0; a = a->ai_next) {
		int fd = socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
		if (fd < 0) {
			err = errno;
			continue;
		}
		if (connect(fd, a->ai_addr, a->ai_addrlen) != 0 && errno != EINPROGRESS) {
			err = errno;
			close(fd);
			continue;
		}
		struct pollfd pfd = {.fd = fd, .events = POLLOUT};
		socklen_t len = sizeof err;
		if (poll(&pfd, 1, p->timeout_ms) != 1) {
			err = ETIMEDOUT;
			close(fd);
			continue;
		}
		if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0 || err != 0) {
			close(fd);
			continue;
		}
		p->fd = fd;
	}
	freeaddrinfo(ai);
	if (p->fd < 0) {
		return result_fail(r, RESULT_ERR_PRINTER, "cannot connect to printer %s:%s: %s",
			p->target, p->port_str, strerror(err));
	}
	return true;
}

static bool ensure_connected(struct printer *p, struct result *r)
{
	if (p->fd >= 0) {
		return true;
	}
	switch (p->kind) {
	case KIND_SERIAL: return connect_serial(p, r);
	case KIND_FILE: return connect_file(p, r);
	case KIND_TCP: return connect_tcp(p, r);
	}
	return false;
}

struct printer *printer_open(const char *spec, struct result *r)
{
	struct printer *p = xcalloc(1, sizeof *p);
	p->spec = xstrdup(spec);
	p->fd = -1;
	p->baud = 38400;
	p->nv = true;
	p->timeout_ms = 1500;
	p->print_ms = 600;
	if (!parse_spec(p, spec, r) || !ensure_connected(p, r)) {
		printer_close(p);
		return NULL;
	}
	return p;
}

void printer_close(struct printer *p)
{
	if (p == NULL) {
		return;
	}
	disconnect(p);
	free(p->spec);
	free(p->target);
	free(p->port_str);
	free(p);
}

const char *printer_spec(const struct printer *p)
{
	return p->spec;
}

const struct printer_status *printer_last_status(const struct printer *p)
{
	return &p->last;
}

int printer_print_ms(const struct printer *p)
{
	return p->print_ms;
}

bool printer_supports_nv(const struct printer *p)
{
	return p->nv;
}

int printer_baud(const struct printer *p)
{
	return p->kind == KIND_SERIAL ? p->baud : 0;
}

/*
 * Slowest line motcua supports. Over file: (a pty, a USB printer node) the
 * kernel may still hold many KB we cannot measure (TIOCOUTQ of a pty is
 * always 0), so bytes there are assumed to move at least this fast.
 */
#define SLOWEST_BAUD 9600

/*
 * Upper bound in ms for bytes written since the last answer to reach the
 * printer. serial: drained to the wire already; twice the wire time covers
 * a printer that holds the line with flow control. tcp: drained until the
 * printer acknowledged everything. file: the kernel's queue is unknown.
 */
static int64_t in_flight_ms(const struct printer *p, size_t bytes)
{
	switch (p->kind) {
	case KIND_SERIAL: return 2 * (int64_t)bytes * 10 * 1000 / p->baud;
	case KIND_TCP: return 0;
	case KIND_FILE: return (int64_t)bytes * 10 * 1000 / SLOWEST_BAUD;
	}
	return 0;
}

static void drop_input(struct printer *p)
{
	if (p->sp) {
		sp_flush(p->sp, SP_BUF_INPUT);
		return;
	}
	uint8_t junk[256];
	if (isatty(p->fd)) {
		tcflush(p->fd, TCIFLUSH);
	}
	while (read(p->fd, junk, sizeof junk) > 0) {
	}
}

/*
 * Waits until the port's output queue (TIOCOUTQ: a tty's unsent bytes, a
 * TCP socket's unacknowledged ones) is empty. Fails only when it does not
 * shrink for timeout_ms: a slow line is waited for, a stalled one is not.
 */
static bool drain(struct printer *p)
{
	if (p->kind != KIND_TCP && !isatty(p->fd)) {
		return true;
	}
	int last = INT_MAX;
	int64_t last_progress = clock_mono_ms();
	for (;;) {
		int queued = 0;
		if (ioctl(p->fd, TIOCOUTQ, &queued) != 0 || queued <= 0) {
			return true;
		}
		int64_t now = clock_mono_ms();
		if (queued < last) {
			last = queued;
			last_progress = now;
		} else if (now - last_progress >= p->timeout_ms) {
			return false;
		}
		poll(NULL, 0, 5);
	}
}

/*
 * Writes everything, however long a slow line takes, and fails when the
 * printer takes nothing for timeout_ms (stalled, unplugged, held by flow
 * control): the timeout is about progress, never a deadline for the job.
 */
static bool write_all(struct printer *p, const uint8_t *data, size_t len, struct result *r)
{
	size_t done = 0;
	int64_t last_progress = clock_mono_ms();
	while (done < len) {
		int64_t stall_left = last_progress + p->timeout_ms - clock_mono_ms();
		if (stall_left <= 0) {
			return result_fail(r, RESULT_ERR_PRINTER,
				"printer %s stopped accepting data (%zu of %zu bytes sent, none for %d ms)",
				p->spec, done, len, p->timeout_ms);
		}
		ssize_t n;
		if (p->sp) {
			/* Short slices: progress is only seen when the call returns. */
			int slice = stall_left < 100 ? (int)stall_left : 100;
			n = sp_blocking_write(p->sp, data + done, len - done, (unsigned)slice);
			if (n < 0) {
				return result_fail(r, RESULT_ERR_PRINTER, "writing to %s: %s", p->spec,
					sp_message((enum sp_return)n));
			}
		} else {
			struct pollfd pfd = {.fd = p->fd, .events = POLLOUT};
			int pr = poll(&pfd, 1, (int)stall_left);
			if (pr < 0 && errno != EINTR) {
				return result_fail(r, RESULT_ERR_PRINTER, "writing to %s: %s", p->spec, strerror(errno));
			}
			if (pr <= 0) {
				continue;
			}
			if (pfd.revents & (POLLERR | POLLHUP)) {
				return result_fail(r, RESULT_ERR_PRINTER, "printer %s disconnected", p->spec);
			}
			n = write(p->fd, data + done, len - done);
			if (n < 0 && errno != EAGAIN && errno != EINTR) {
				return result_fail(r, RESULT_ERR_PRINTER, "writing to %s: %s", p->spec, strerror(errno));
			}
		}
		if (n > 0) {
			done += (size_t)n;
			last_progress = clock_mono_ms();
		}
	}
	return true;
}

bool printer_write(struct printer *p, const uint8_t *data, size_t len, struct result *r)
{
	if (!ensure_connected(p, r)) {
		return false;
	}
	if (!write_all(p, data, len, r)) {
		LOG_WARN("%s", r ? r->msg : "write failed");
		disconnect(p);
		return false;
	}
	if (!drain(p)) {
		disconnect(p);
		return result_fail(r, RESULT_ERR_PRINTER,
			"printer %s does not take the data (busy or off: nothing sent for %d ms)",
			p->spec, p->timeout_ms);
	}
	p->unsent_est += len;
	return true;
}

/* Reads one byte within ms; -1 on timeout, -2 on error. */
static int read_byte(struct printer *p, int64_t deadline)
{
	for (;;) {
		int64_t left = deadline - clock_mono_ms();
		if (left <= 0) {
			return -1;
		}
		uint8_t b;
		if (p->sp) {
			int n = sp_blocking_read(p->sp, &b, 1, (unsigned)left);
			if (n < 0) {
				return -2;
			}
			if (n == 1) {
				return b;
			}
			continue;
		}
		struct pollfd pfd = {.fd = p->fd, .events = POLLIN};
		int pr = poll(&pfd, 1, (int)left);
		if (pr < 0 && errno != EINTR) {
			return -2;
		}
		if (pr <= 0) {
			continue;
		}
		ssize_t n = read(p->fd, &b, 1);
		if (n == 1) {
			return b;
		}
		if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
			return -2;
		}
	}
}

bool printer_status_decode(enum escpos_status_kind kind, uint8_t byte, struct printer_status *st)
{
	if (!escpos_is_status_byte(byte)) {
		return false;
	}
	switch (kind) {
	case ESCPOS_STATUS_PRINTER:
		st->online = !(byte & 0x08);
		return true;
	case ESCPOS_STATUS_OFFLINE:
		st->cover_open |= (byte & 0x04) != 0;
		st->paper_out |= (byte & 0x20) != 0;
		st->error |= (byte & 0x40) != 0;
		return true;
	case ESCPOS_STATUS_ERROR:
		st->error |= (byte & 0x68) != 0;
		return true;
	case ESCPOS_STATUS_PAPER:
		st->paper_near_end |= (byte & 0x0c) == 0x0c;
		st->paper_out |= (byte & 0x60) == 0x60;
		return true;
	}
	return false;
}

/*
 * One DLE EOT exchange, merged into *st. Bytes that cannot be a status reply
 * are skipped (stray data); the first plausible reply wins. 0 answered,
 * -1 no answer, -2 I/O error.
 */
static int ask(struct printer *p, enum escpos_status_kind kind, struct printer_status *st,
	struct result *r)
{
	uint8_t req[3] = {0x10, 0x04, (uint8_t)kind};
	if (!write_all(p, req, sizeof req, r)) {
		return -2;
	}
	/* The reply comes after everything sent before it reached the printer. */
	int64_t deadline = clock_mono_ms() + p->timeout_ms + in_flight_ms(p, p->unsent_est + sizeof req);
	for (;;) {
		int b = read_byte(p, deadline);
		if (b < 0) {
			return b;
		}
		if (printer_status_decode(kind, (uint8_t)b, st)) {
			p->unsent_est = 0;
			return 0;
		}
		LOG_DBG("%s: skipped stray byte 0x%02x", p->spec, b);
	}
}

bool printer_query_status(struct printer *p, struct printer_status *st, struct result *r)
{
	*st = (struct printer_status){0};
	p->last = *st;
	if (!ensure_connected(p, r)) {
		return false;
	}
	drop_input(p);
	struct printer_status got = {0};
	for (int kind = 1; kind <= 4; kind++) {
		int rc = ask(p, (enum escpos_status_kind)kind, &got, r);
		if (rc == -2) {
			if (r && r->code == RESULT_OK) {
				result_fail(r, RESULT_ERR_PRINTER, "printer %s: connection lost", p->spec);
			}
			disconnect(p);
			return false;
		}
		if (rc == -1) {
			/* Silent: cable out, power off, wrong baud rate. Next call reconnects. */
			disconnect(p);
			return true;
		}
	}
	got.answered = true;
	*st = got;
	p->last = *st;
	return true;
}

bool printer_status_ok(const struct printer_status *st, struct result *r)
{
	if (!st->answered) {
		return result_fail(r, RESULT_ERR_PRINTER, "the printer does not answer (off, unplugged or wrong baud rate)");
	}
	if (st->paper_out) {
		return result_fail(r, RESULT_ERR_PRINTER, "the printer is out of paper");
	}
	if (st->cover_open) {
		return result_fail(r, RESULT_ERR_PRINTER, "the printer cover is open");
	}
	if (st->error) {
		return result_fail(r, RESULT_ERR_PRINTER, "the printer reports an error (cutter jam or fault)");
	}
	if (!st->online) {
		return result_fail(r, RESULT_ERR_PRINTER, "the printer is offline");
	}
	return true;
}

const char *printer_status_text_vi(const struct printer_status *st)
{
	if (!st->answered) {
		return "Máy in không phản hồi";
	}
	if (st->paper_out) {
		return "Hết giấy";
	}
	if (st->cover_open) {
		return "Nắp máy in đang mở";
	}
	if (st->error) {
		return "Máy in báo lỗi";
	}
	if (!st->online) {
		return "Máy in đang ngoại tuyến";
	}
	if (st->paper_near_end) {
		return "Giấy sắp hết";
	}
	return "Sẵn sàng";
}
