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
 * Replies (status, completion, detection) are read by pattern: bytes
 * that cannot be the awaited reply are skipped, so a late answer to one
 * kind of request never passes for another kind. Status replies all look
 * alike; printer_query_status explains how a late one is kept apart.
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
	char *identity;       /* the device without options, owned */
	const struct printer_profile *named;     /* profile=, or NULL */
	const struct printer_profile *fallback;  /* printer_use_profile, or NULL */
	bool nv;
	int nv_writes;        /* nvwrites=, 0 = the profile's */
	bool no_status;       /* status=none */
	int timeout_ms;
	struct serial *io;    /* NULL when not connected */
	size_t unsent_est;    /* bytes written since the last answer (wire-time budget) */
	int owed;             /* status requests sent on this line and never answered */
	unsigned seq;         /* the last process ID sent (GS ( H fn 48) */
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
		/* Gone: the completion reply or the print time decide. Still parsed. */
		if (!text_parse_long(v, 0, 10000, &n)) {
			result_fail(r, RESULT_ERR_INVALID, "tùy chọn printms=%s sai: số mili giây từ 0 "
				"đến 10000", v);
			return SERIAL_OPTION_BAD;
		}
	} else if (strcmp(key, "profile") == 0) {
		p->named = printer_profile_find(v);
		if (p->named == NULL) {
			result_fail(r, RESULT_ERR_INVALID, "tùy chọn profile=%s sai: không có loại máy in "
				"này (motcua print-test --detect gợi ý một loại; firmware-notes/printer-profiles.md)", v);
			return SERIAL_OPTION_BAD;
		}
	} else if (strcmp(key, "nvwrites") == 0) {
		if (!text_parse_long(v, 1, 1000, &n)) {
			result_fail(r, RESULT_ERR_INVALID, "tùy chọn nvwrites=%s sai: số lần ghi bộ nhớ NV "
				"một ngày, từ 1 đến 1000", v);
			return SERIAL_OPTION_BAD;
		}
		p->nv_writes = (int)n;
	} else if (strcmp(key, "status") == 0) {
		if (strcmp(v, "dle") != 0 && strcmp(v, "none") != 0) {
			result_fail(r, RESULT_ERR_INVALID, "tùy chọn status=%s sai: dùng dle hoặc none", v);
			return SERIAL_OPTION_BAD;
		}
		p->no_status = strcmp(v, "none") == 0;
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

/* "serial:/dev/ttyUSB0", "file:/dev/usb/lp0", "tcp:host:9100", "tcp:[::1]:9100". */
static char *identity_of(const struct printer *p)
{
	switch (p->kind) {
	case KIND_SERIAL: return xasprintf("serial:%s", p->line.path);
	case KIND_FILE: return xasprintf("file:%s", p->line.path);
	case KIND_TCP: break;
	}
	return xasprintf(strchr(p->host, ':') ? "tcp:[%s]:%s" : "tcp:%s:%s", p->host, p->port);
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
	if (p->kind == KIND_TCP) {
		p->owed = 0;  /* late replies go to the old connection */
	}
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

char *printer_spec_identity(const char *spec, struct result *r)
{
	struct printer p = { 0 };
	return parse_spec(&p, spec, r) ? identity_of(&p) : NULL;
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
	if (!parse_spec(p, spec, r)) {
		printer_close(p);
		return NULL;
	}
	p->identity = identity_of(p);
	if (strstr(spec, "printms=")) {
		LOG_WARN("%s: printms= is no longer used: the profile's completion reply or the "
			"ticket's print time confirm a job", spec);
	}
	if (!ensure_connected(p, r)) {
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
	free(p->identity);
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

const struct printer_profile *printer_profile(const struct printer *p)
{
	return p->named ? p->named : p->fallback ? p->fallback : printer_profile_default();
}

bool printer_profile_named(const struct printer *p)
{
	return p->named != NULL;
}

void printer_use_profile(struct printer *p, const struct printer_profile *pp)
{
	p->fallback = pp;
}

const char *printer_identity(const struct printer *p)
{
	return p->identity;
}

enum printer_nv_set printer_nv(const struct printer *p)
{
	/* A one-way printer cannot confirm that an NV write is over. */
	return p->nv && !p->no_status ? printer_profile(p)->nv : PRINTER_NV_NONE;
}

int printer_nv_writes_per_day(const struct printer *p)
{
	return p->nv_writes ? p->nv_writes : printer_profile(p)->nv_writes_per_day;
}

bool printer_has_status(const struct printer *p)
{
	return !p->no_status;
}

bool printer_is_network(const struct printer *p)
{
	return p->kind == KIND_TCP;
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

/* Writes with a stall limit of stall_ms; on failure disconnects (r says why). */
static bool write_all(struct printer *p, const uint8_t *data, size_t len, int stall_ms,
	size_t *sent, struct result *r)
{
	bool ok = serial_write(p->io, data, len, stall_ms, sent, r)
		&& serial_drain(p->io, stall_ms, r);
	if (!ok) {
		LOG_WARN("printer %s: %s", p->spec, r ? r->msg : "write failed");
		bool held = serial_output_stuck(p->io);
		disconnect(p);
		p->last.held = held;
		return printer_fail(r);
	}
	p->unsent_est += len;
	return true;
}

bool printer_write(struct printer *p, const uint8_t *data, size_t len, size_t *sent,
	struct result *r)
{
	if (sent) {
		*sent = 0;
	}
	return ensure_connected(p, r) && write_all(p, data, len, p->timeout_ms, sent, r);
}

/* When a reply to what was just sent can be expected at the latest: wait_ms after it arrived. */
static int64_t reply_deadline(const struct printer *p, int wait_ms)
{
	return clock_mono_ms() + wait_ms + in_flight_ms(p, p->unsent_est);
}

/* The next input byte before deadline: the byte, -1 none, -2 I/O error (disconnected). */
static int next_byte(struct printer *p, int64_t deadline, struct result *r)
{
	int64_t left = deadline - clock_mono_ms();
	uint8_t b;
	int n = serial_read(p->io, &b, 1, left > 0 ? (int)left : 0, r);
	if (n < 0) {
		disconnect(p);
		printer_fail(r);
		return -2;
	}
	return n == 0 ? -1 : b;
}

/* The first byte with (b & mask) == value before deadline; others are skipped. */
static int read_matching(struct printer *p, uint8_t mask, uint8_t value, int64_t deadline,
	struct result *r)
{
	for (;;) {
		int b = next_byte(p, deadline, r);
		if (b < 0 || ((uint8_t)b & mask) == value) {
			return b;
		}
		LOG_DBG("%s: skipped stray byte 0x%02x", p->spec, b);
	}
}

/* Skips input up to prefix, then copies up to NUL (printer_request_block). */
static int read_block(struct printer *p, const uint8_t *prefix, size_t plen, uint8_t *out,
	size_t cap, int64_t deadline, struct result *r)
{
	size_t matched = 0, len = 0;
	for (;;) {
		int b = next_byte(p, deadline, r);
		if (b < 0) {
			return b;
		}
		if (matched < plen) {
			matched = b == prefix[matched] ? matched + 1 : b == prefix[0] ? 1 : 0;
			continue;
		}
		if (b == 0) {
			break;
		}
		if (len + 1 < cap) {
			out[len++] = (uint8_t)b;
		}
	}
	if (cap > 0) {
		out[len] = '\0';
	}
	p->unsent_est = 0;
	return (int)len;
}

/* Reads and drops what is waiting; returns how many status replies were among it. */
static int drain_stale(struct printer *p)
{
	int status_bytes = 0;
	uint8_t buf[64];
	int n;
	while ((n = serial_read(p->io, buf, sizeof buf, 0, NULL)) > 0) {
		for (int i = 0; i < n; i++) {
			status_bytes += escpos_is_status_byte(buf[i]);
		}
	}
	return status_bytes;
}

/* Sends a request, allowing the printer stall_ms to take it (it may be busy). */
static bool send_request(struct printer *p, const uint8_t *req, size_t n, int stall_ms,
	struct result *r)
{
	if (!ensure_connected(p, r)) {
		return false;
	}
	if (n == 0) {
		return true;  /* a follow-up read: what came meanwhile is the reply */
	}
	p->owed -= drain_stale(p);
	p->owed = p->owed < 0 ? 0 : p->owed;
	return write_all(p, req, n, stall_ms, NULL, r);
}

int printer_request_block(struct printer *p, const uint8_t *req, size_t n, const uint8_t *prefix,
	size_t plen, uint8_t *out, size_t cap, int wait_ms, struct result *r)
{
	if (!send_request(p, req, n, wait_ms, r)) {
		return -2;
	}
	return read_block(p, prefix, plen, out, cap, reply_deadline(p, wait_ms), r);
}

int printer_request_byte(struct printer *p, const uint8_t *req, size_t n, uint8_t mask,
	uint8_t value, int wait_ms, struct result *r)
{
	if (!send_request(p, req, n, wait_ms, r)) {
		return -2;
	}
	int b = read_matching(p, mask, value, reply_deadline(p, wait_ms), r);
	if (b >= 0) {
		p->unsent_est = 0;
	}
	return b;
}

/*
 * How long to keep listening once the expected replies are in: enough for
 * the bytes of one more round of four on the wire, and a scheduler slice.
 */
static int quiet_ms(const struct printer *p)
{
	return 40 + (int)(2 * in_flight_ms(p, 12));
}

bool printer_query_status(struct printer *p, struct printer_status *st, struct result *r)
{
	*st = (struct printer_status){ 0 };
	p->last = *st;
	if (!ensure_connected(p, r)) {
		return false;
	}
	if (p->no_status) {
		*st = (struct printer_status){ .answered = true, .online = true, .blind = true };
		p->last = *st;
		return true;
	}
	p->owed -= drain_stale(p);
	p->owed = p->owed < 0 ? 0 : p->owed;
	uint8_t req[12];
	for (int kind = 1; kind <= 4; kind++) {
		uint8_t *q = req + 3 * (kind - 1);
		q[0] = 0x10, q[1] = 0x04, q[2] = (uint8_t)kind;
	}
	struct result wr = { 0 };
	if (!serial_write(p->io, req, sizeof req, p->timeout_ms, NULL, &wr)) {
		/* Not even the request went out: a printer holding the line busy. */
		st->held = serial_output_stuck(p->io);
		LOG_WARN("printer %s: %s", p->spec, wr.msg);
		disconnect(p);
		p->last = *st;
		if (st->held) {
			return true;
		}
		if (r) {
			*r = wr;
		}
		return printer_fail(r);
	}
	p->unsent_est += sizeof req;
	/*
	 * The printer answers in order, so any late replies still owed come
	 * before these four: collect until the owed and the new ones are in,
	 * then as long as more keep coming; the last four are the answer.
	 */
	uint8_t got[4];
	int n = 0, expect = 4 + p->owed;
	int64_t deadline = reply_deadline(p, p->timeout_ms);
	for (;;) {
		int b = read_matching(p, 0x93, 0x12, deadline, r);
		if (b == -2) {
			return false;
		}
		if (b == -1) {
			break;
		}
		memmove(got, got + 1, 3);
		got[3] = (uint8_t)b;
		if (++n >= expect) {
			deadline = clock_mono_ms() + quiet_ms(p);
		}
	}
	if (n < 4) {
		/* Silent: cable out, power off, wrong speed; or a network printer serving another. */
		p->owed += 4 - n;
		st->in_use = p->kind == KIND_TCP;
		st->held = !st->in_use && serial_output_stuck(p->io);
		disconnect(p);
		p->last = *st;  /* what print-test explains: in use, held or silent */
		return true;
	}
	if (n > 4) {
		LOG_INFO("%s: %d late status replies dropped", p->spec, n - 4);
	}
	p->owed = 0;
	p->unsent_est = 0;
	printer_status_decode(got, sizeof got, st);
	p->last = *st;
	return true;
}

/* The next process ID: four odd bytes ('1' '3' '5' '7' '9'), never a status reply's pattern. */
static void next_process_id(struct printer *p, uint8_t id[4])
{
	static const char digits[] = "13579";
	unsigned v = ++p->seq;
	for (int i = 3; i >= 0; i--, v /= 5) {
		id[i] = (uint8_t)digits[v % 5];
	}
}

bool printer_await_done(struct printer *p, int timer_ms, int wait_ms, bool *replied,
	struct result *r)
{
	*replied = false;
	enum printer_done done = p->no_status ? PRINTER_DONE_TIMER : printer_profile(p)->done;
	if (done == PRINTER_DONE_TIMER) {
		poll(NULL, 0, timer_ms);
		return true;
	}
	int got;
	if (done == PRINTER_DONE_PROCESS) {
		uint8_t req[11] = { 0x1d, '(', 'H', 6, 0, 48, 48 }, reply[8];
		next_process_id(p, req + 7);
		uint8_t prefix[6] = { 0x37, 0x22, req[7], req[8], req[9], req[10] };
		got = printer_request_block(p, req, sizeof req, prefix, sizeof prefix, reply,
			sizeof reply, wait_ms, r);
	} else {
		/* GS r 1: the paper sensor byte, bits 4 and 7 clear (a status reply has bit 4 set). */
		static const uint8_t req[3] = { 0x1d, 'r', 1 };
		got = printer_request_byte(p, req, sizeof req, 0x90, 0x00, wait_ms, r);
	}
	if (got == -2) {
		return false;
	}
	*replied = got >= 0;
	return true;
}
