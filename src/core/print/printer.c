/*
 * Printer transports behind one interface. serial: opens through the
 * serial module (which owns the libserialport workarounds), file: and tcp:
 * open here; all three then do their I/O through a struct serial, with
 * poll-style timeouts, so nothing blocks forever.
 *
 * timeout= means "no progress for that long": a write fails when the
 * printer takes nothing for timeout ms, never because a large job (the
 * ~32 KB NV upload: 8 s at 38400 baud, 33 s at 9600) takes long. A status
 * reply is waited for timeout ms plus the time the bytes sent before it may
 * still need to reach the printer (in_flight_ms).
 *
 * file: targets are opened in two steps so that nothing but a device is
 * ever opened for writing: an O_PATH descriptor (no open side effects) is
 * checked with fstat, then the very same inode is reopened read-write
 * through /proc/self/fd. A path swapped in between cannot slip through.
 *
 * After an I/O error the connection is closed; the next call reconnects.
 */
#define LOG_MODULE "printer"
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>
#include "motcua/base/clock.h"
#include "motcua/base/text.h"
#include "motcua/base/log.h"
#include "motcua/base/syserr.h"
#include "motcua/base/xalloc.h"
#include "motcua/print/escpos.h"
#include "motcua/print/printer.h"
#include "motcua/serial/serial.h"

enum kind { KIND_SERIAL, KIND_FILE, KIND_TCP };

/* Slowest line motcua supports: the wire-time budget of file: targets. */
#define SLOWEST_BAUD 9600
#define DEFAULT_BAUD 38400

struct printer {
	char *spec;           /* as given, owned */
	enum kind kind;
	struct serial_spec line;  /* serial: path, baud, flow; file: path and flow */
	char host[256];       /* tcp */
	char port[8];         /* tcp, validated decimal */
	bool nv;
	int timeout_ms;
	int print_ms;
	struct serial *io;    /* NULL when not connected */
	size_t unsent_est;    /* bytes written since the last answer (wire-time budget) */
	struct printer_status last;  /* from the last query; zeroed by failures */
};

/* --- the printer string --------------------------------------------------- */

/* The printer's own options (the serial module takes baud and flow). */
static enum serial_option printer_option(void *ud, const char *key, const char *v,
	struct result *r)
{
	struct printer *p = ud;
	long n;
	if (strcmp(key, "nv") == 0) {
		if (strcmp(v, "0") != 0 && strcmp(v, "1") != 0) {
			result_fail(r, RESULT_ERR_INVALID, "tùy chọn nv=%s sai: dùng 0 hoặc 1", v);
			return SERIAL_OPTION_BAD;
		}
		p->nv = v[0] == '1';
	} else if (strcmp(key, "timeout") == 0) {
		if (!text_parse_long(v, 50, 60000, &n)) {
			result_fail(r, RESULT_ERR_INVALID, "tùy chọn timeout=%s sai: số mili giây từ 50 "
				"đến 60000", v);
			return SERIAL_OPTION_BAD;
		}
		p->timeout_ms = (int)n;
	} else if (strcmp(key, "printms") == 0) {
		if (!text_parse_long(v, 0, 10000, &n)) {
			result_fail(r, RESULT_ERR_INVALID, "tùy chọn printms=%s sai: số mili giây từ 0 "
				"đến 10000", v);
			return SERIAL_OPTION_BAD;
		}
		p->print_ms = (int)n;
	} else {
		return SERIAL_OPTION_UNKNOWN;
	}
	return SERIAL_OPTION_TAKEN;
}

/* A host name or IPv4 address; bracketed: an IPv6 address. */
static bool host_valid(const char *h, bool bracketed)
{
	if (*h == '\0') {
		return false;
	}
	for (const char *c = h; *c; c++) {
		bool ok = (*c >= '0' && *c <= '9') || (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z')
			|| *c == '.' || *c == '-' || (bracketed ? *c == ':' || *c == '%' : *c == '_');
		if (!ok) {
			return false;
		}
	}
	return true;
}

/* "HOST[:PORT]" or "[V6][:PORT]" into p->host and p->port. */
static bool parse_tcp(struct printer *p, const char *t, struct result *r)
{
	const char *port = NULL;
	size_t hl;
	bool bracketed = t[0] == '[';
	if (bracketed) {
		const char *close = strchr(t, ']');
		if (close == NULL || (close[1] && close[1] != ':')) {
			return result_fail(r, RESULT_ERR_INVALID, "cần dạng tcp:[ĐỊA_CHỈ]:CỔNG");
		}
		t++;
		hl = (size_t)(close - t);
		port = close[1] ? close + 2 : NULL;
	} else {
		const char *colon = strchr(t, ':');
		hl = colon ? (size_t)(colon - t) : strlen(t);
		port = colon ? colon + 1 : NULL;
	}
	if (hl == 0 || hl >= sizeof p->host) {
		return result_fail(r, RESULT_ERR_INVALID, "cần dạng tcp:MÁY:CỔNG, ví dụ "
			"tcp:192.168.1.50:9100");
	}
	memcpy(p->host, t, hl);
	p->host[hl] = '\0';
	if (!host_valid(p->host, bracketed)) {
		return result_fail(r, RESULT_ERR_INVALID, "\"%s\" không phải tên máy hay địa chỉ IP",
			p->host);
	}
	long n = 9100;
	if (port && !text_parse_long(port, 1, 65535, &n)) {
		return result_fail(r, RESULT_ERR_INVALID, "cổng \"%s\" sai: cần số từ 1 đến 65535",
			port);
	}
	snprintf(p->port, sizeof p->port, "%ld", n);
	return true;
}

static bool parse_spec(struct printer *p, const char *spec, struct result *r)
{
	p->nv = true;
	p->timeout_ms = 1500;
	p->print_ms = 600;
	p->line = (struct serial_spec){ .baud = DEFAULT_BAUD };
	if (strncmp(spec, "serial:", 7) == 0 || spec[0] == '/') {
		p->kind = KIND_SERIAL;
		return serial_spec_parse(spec, &p->line, DEFAULT_BAUD, printer_option, p, r);
	}
	char *s = xstrdup(spec);
	bool ok = false;
	char *q = strchr(s, '?');
	if (q) {
		*q++ = '\0';
	}
	if (strncmp(s, "file:", 5) == 0) {
		p->kind = KIND_FILE;
		if (s[5] != '/' || strlen(s + 5) >= sizeof p->line.path) {
			result_fail(r, RESULT_ERR_INVALID, "file: cần đường dẫn đầy đủ của một thiết "
				"bị, ví dụ file:/dev/usb/lp0");
			goto out;
		}
		snprintf(p->line.path, sizeof p->line.path, "%s", s + 5);
	} else if (strncmp(s, "tcp:", 4) == 0) {
		p->kind = KIND_TCP;
		if (!parse_tcp(p, s + 4, r)) {
			goto out;
		}
	} else {
		result_fail(r, RESULT_ERR_INVALID, "chuỗi máy in cần dạng "
			"serial:/dev/ttyUSB0?baud=38400, file:/dev/usb/lp0 hoặc tcp:MÁY:9100");
		goto out;
	}
	ok = serial_spec_parse_options(q ? q : "", &p->line, printer_option, p, r);
out:
	free(s);
	if (!ok && r) {
		char *msg = xasprintf("printer \"%s\": %s", spec, r->msg);
		snprintf(r->msg, sizeof r->msg, "%s", msg);
		free(msg);
	}
	return ok;
}

bool printer_spec_check(const char *spec, struct result *r)
{
	struct printer p = { 0 };
	return parse_spec(&p, spec, r);
}

/* --- connecting ----------------------------------------------------------- */

/* Serial-module failures are printer failures to our callers. */
static bool printer_fail(struct result *r)
{
	if (r && r->code == RESULT_ERR_IO) {
		r->code = RESULT_ERR_PRINTER;
	}
	return false;
}

static void disconnect(struct printer *p)
{
	serial_close(p->io);
	p->io = NULL;
	p->unsent_est = 0;
	p->last = (struct printer_status){ 0 };
}

static const char *kind_words(mode_t m)
{
	if (S_ISREG(m)) {
		return "một tệp thường";
	}
	if (S_ISDIR(m)) {
		return "một thư mục";
	}
	if (S_ISBLK(m)) {
		return "một thiết bị khối (ổ đĩa)";
	}
	return "một loại tệp khác";
}

static int connect_unix(const char *path, struct result *r)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	if (strlen(path) >= sizeof a.sun_path) {
		result_fail(r, RESULT_ERR_INVALID, "%s: đường dẫn socket quá dài", path);
		return -1;
	}
	memcpy(a.sun_path, path, strlen(path) + 1);
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&a, sizeof a) != 0) {
		result_fail(r, RESULT_ERR_PRINTER, "không kết nối được với %s: %s", path,
			syserr_words(errno));
		if (fd >= 0) {
			close(fd);
		}
		return -1;
	}
	return fd;
}

/*
 * Opens a file: target read-write only if it is a character device, a FIFO
 * or a socket; returns the descriptor or -1 (r says why).
 */
static int open_device(const char *path, struct result *r)
{
	int pfd = open(path, O_PATH | O_CLOEXEC);
	if (pfd < 0) {
		result_fail(r, RESULT_ERR_PRINTER, "không mở được %s: %s (máy in đã cắm chưa?)",
			path, syserr_words(errno));
		return -1;
	}
	struct stat before, after;
	int fd = -1;
	if (fstat(pfd, &before) != 0) {
		result_fail(r, RESULT_ERR_PRINTER, "%s: %s", path, syserr_words(errno));
	} else if (S_ISSOCK(before.st_mode)) {
		fd = connect_unix(path, r);
	} else if (!S_ISCHR(before.st_mode) && !S_ISFIFO(before.st_mode)) {
		result_fail(r, RESULT_ERR_INVALID, "file:%s là %s, không phải thiết bị máy in (thiết "
			"bị ký tự, FIFO hoặc socket): chưa ghi gì vào đó", path,
			kind_words(before.st_mode));
	} else {
		char self[64];
		snprintf(self, sizeof self, "/proc/self/fd/%d", pfd);
		fd = open(self, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
		if (fd < 0) {
			result_fail(r, RESULT_ERR_PRINTER, "không mở được %s: %s", path,
				syserr_words(errno));
		} else if (fstat(fd, &after) != 0 || after.st_dev != before.st_dev
			|| after.st_ino != before.st_ino) {
			result_fail(r, RESULT_ERR_PRINTER, "%s đã đổi trong lúc đang mở", path);
			close(fd);
			fd = -1;
		}
	}
	close(pfd);
	return fd;
}

static bool connect_file(struct printer *p, struct result *r)
{
	int fd = open_device(p->line.path, r);
	if (fd < 0) {
		return false;
	}
	p->io = serial_adopt(fd, p->line.path);
	if (!serial_lock(p->io, r) || !serial_configure(p->io, 0, p->line.flow, r)) {
		disconnect(p);
		return printer_fail(r);
	}
	return true;
}

static bool connect_tcp(struct printer *p, struct result *r)
{
	struct addrinfo hints = { .ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM }, *ai = NULL;
	int rc = getaddrinfo(p->host, p->port, &hints, &ai);
	if (rc != 0) {
		return result_fail(r, RESULT_ERR_PRINTER, "không tìm thấy máy in %s: %s", p->host,
			gai_strerror(rc));
	}
	int err = ECONNREFUSED, fd = -1;
	for (struct addrinfo *a = ai; a && fd < 0; a = a->ai_next) {
		fd = socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
		if (fd < 0) {
			err = errno;
			continue;
		}
		struct pollfd pfd = { .fd = fd, .events = POLLOUT };
		socklen_t len = sizeof err;
		if (connect(fd, a->ai_addr, a->ai_addrlen) != 0 && errno != EINPROGRESS) {
			err = errno;
		} else if (poll(&pfd, 1, p->timeout_ms) != 1) {
			err = ETIMEDOUT;
		} else if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) == 0 && err == 0) {
			continue;  /* connected: the loop ends with fd set */
		}
		close(fd);
		fd = -1;
	}
	freeaddrinfo(ai);
	if (fd < 0) {
		return result_fail(r, RESULT_ERR_PRINTER, "không kết nối được với máy in %s:%s: %s",
			p->host, p->port, syserr_words(err));
	}
	char *name = xasprintf("tcp:%s:%s", p->host, p->port);
	p->io = serial_adopt(fd, name);
	free(name);
	return true;
}

static bool ensure_connected(struct printer *p, struct result *r)
{
	if (p->io) {
		return true;
	}
	switch (p->kind) {
	case KIND_SERIAL:
		p->io = serial_open(&p->line, r);
		return p->io != NULL || printer_fail(r);
	case KIND_FILE:
		return connect_file(p, r);
	case KIND_TCP:
		return connect_tcp(p, r);
	}
	return false;
}

struct printer *printer_open(const char *spec, struct result *r)
{
	struct printer *p = xcalloc(1, sizeof *p);
	p->spec = xstrdup(spec);
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
	return p->kind == KIND_SERIAL ? p->line.baud : 0;
}

/* --- I/O ------------------------------------------------------------------ */

/*
 * Upper bound in ms for bytes written since the last answer to reach the
 * printer. serial: drained to the wire already; twice the wire time covers
 * a printer that holds the line with flow control. tcp: drained until the
 * printer acknowledged everything. file: the kernel's queue is unknown
 * (TIOCOUTQ of a pty is always 0), so bytes are assumed to move at least
 * at the slowest supported speed.
 */
static int64_t in_flight_ms(const struct printer *p, size_t bytes)
{
	switch (p->kind) {
	case KIND_SERIAL: return 2 * (int64_t)bytes * 10 * 1000 / p->line.baud;
	case KIND_TCP: return 0;
	case KIND_FILE: return (int64_t)bytes * 10 * 1000 / SLOWEST_BAUD;
	}
	return 0;
}

bool printer_write(struct printer *p, const uint8_t *data, size_t len, size_t *sent,
	struct result *r)
{
	if (sent) {
		*sent = 0;
	}
	if (!ensure_connected(p, r)) {
		return false;
	}
	bool ok = serial_write(p->io, data, len, p->timeout_ms, sent, r)
		&& serial_drain(p->io, p->timeout_ms, r);
	if (!ok) {
		LOG_WARN("printer %s: %s", p->spec, r ? r->msg : "write failed");
		disconnect(p);
		return printer_fail(r);
	}
	p->unsent_est += len;
	return true;
}

/*
 * One DLE EOT exchange. Bytes that cannot be a status reply are skipped
 * (stray data); the first plausible reply wins. -1 no answer, -2 I/O error.
 */
static int ask(struct printer *p, enum escpos_status_kind kind, struct result *r)
{
	uint8_t req[3] = { 0x10, 0x04, (uint8_t)kind };
	if (!serial_write(p->io, req, sizeof req, p->timeout_ms, NULL, r)) {
		return -2;
	}
	/* The reply comes after everything sent before it reached the printer. */
	int64_t deadline = clock_mono_ms() + p->timeout_ms + in_flight_ms(p, p->unsent_est + sizeof req);
	for (;;) {
		int64_t left = deadline - clock_mono_ms();
		uint8_t b;
		int n = serial_read(p->io, &b, 1, left > 0 ? (int)left : 0, r);
		if (n <= 0) {
			return n < 0 ? -2 : -1;
		}
		if (escpos_is_status_byte(b)) {
			p->unsent_est = 0;
			return b;
		}
		LOG_DBG("%s: skipped stray byte 0x%02x", p->spec, b);
	}
}

bool printer_query_status(struct printer *p, struct printer_status *st, struct result *r)
{
	*st = (struct printer_status){ 0 };
	p->last = *st;
	if (!ensure_connected(p, r)) {
		return false;
	}
	serial_discard_input(p->io);
	uint8_t reply[4];
	for (int kind = 1; kind <= 4; kind++) {
		int b = ask(p, (enum escpos_status_kind)kind, r);
		if (b == -2) {
			disconnect(p);
			return printer_fail(r);
		}
		if (b == -1) {
			/* Silent: cable out, power off, wrong baud rate. Next call reconnects. */
			disconnect(p);
			return true;
		}
		reply[kind - 1] = (uint8_t)b;
	}
	printer_status_decode(reply, sizeof reply, st);
	p->last = *st;
	return true;
}
