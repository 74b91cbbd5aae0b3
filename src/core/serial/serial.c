/*
 * Serial lines and byte-stream I/O (serial.h for the contract and the
 * libserialport traps). libserialport only finds and opens the port and
 * sets the line parameters it gets right; everything after that works on
 * the file descriptor with poll(), so every wait has a deadline.
 */
#define LOG_MODULE "serial"
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>
#include <libserialport.h>
#include "motcua/base/clock.h"
#include "motcua/base/text.h"
#include "motcua/base/log.h"
#include "motcua/base/syserr.h"
#include "motcua/base/xalloc.h"
#include "motcua/serial/serial.h"

enum stream { STREAM_TTY, STREAM_SOCKET, STREAM_OTHER };

struct serial {
	char *name;              /* resolved path or adopted name, owned */
	struct sp_port *sp;      /* serial_open only */
	int fd;
	enum stream stream;
	bool stalled;            /* a write or drain gave up: output may be stuck */
};

static const int bauds[] = { 1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200 };

/* --- the spec ------------------------------------------------------------- */

static bool baud_valid(long b)
{
	for (size_t i = 0; i < sizeof bauds / sizeof bauds[0]; i++) {
		if (bauds[i] == b) {
			return true;
		}
	}
	return false;
}

bool serial_spec_parse_options(const char *opts, struct serial_spec *s, serial_option_fn extra,
	void *ud, struct result *r)
{
	char *copy = xstrdup(opts);
	bool ok = true;
	char *save = NULL;
	for (char *kv = strtok_r(copy, "&", &save); ok && kv; kv = strtok_r(NULL, "&", &save)) {
		char *eq = strchr(kv, '=');
		if (eq == NULL) {
			ok = result_fail(r, RESULT_ERR_INVALID, "tùy chọn \"%s\" sai: cần dạng tên=giá trị", kv);
			break;
		}
		*eq = '\0';
		const char *v = eq + 1;
		long b;
		if (strcmp(kv, "baud") == 0) {
			if (!text_parse_long(v, 1, 1000000, &b) || !baud_valid(b)) {
				ok = result_fail(r, RESULT_ERR_INVALID, "tùy chọn baud=%s sai: dùng 1200, 2400, "
					"4800, 9600, 19200, 38400, 57600 hoặc 115200", v);
			} else {
				s->baud = (int)b;
			}
		} else if (strcmp(kv, "flow") == 0) {
			if (strcmp(v, "none") == 0) {
				s->flow = SERIAL_FLOW_NONE;
			} else if (strcmp(v, "rtscts") == 0) {
				s->flow = SERIAL_FLOW_RTSCTS;
			} else if (strcmp(v, "xonxoff") == 0) {
				s->flow = SERIAL_FLOW_XONXOFF;
			} else {
				ok = result_fail(r, RESULT_ERR_INVALID,
					"tùy chọn flow=%s sai: dùng none, rtscts hoặc xonxoff", v);
			}
		} else {
			enum serial_option o = extra ? extra(ud, kv, v, r) : SERIAL_OPTION_UNKNOWN;
			if (o == SERIAL_OPTION_UNKNOWN) {
				ok = result_fail(r, RESULT_ERR_INVALID, "không có tùy chọn \"%s\"", kv);
			} else if (o == SERIAL_OPTION_BAD) {
				ok = false;
			}
		}
	}
	free(copy);
	return ok;
}

bool serial_spec_parse(const char *spec, struct serial_spec *out, int default_baud,
	serial_option_fn extra, void *ud, struct result *r)
{
	*out = (struct serial_spec){ .baud = default_baud, .flow = SERIAL_FLOW_NONE };
	const char *path = strncmp(spec, "serial:", 7) == 0 ? spec + 7 : spec;
	const char *q = strchr(path, '?');
	size_t n = q ? (size_t)(q - path) : strlen(path);
	if (n == 0 || path[0] != '/') {
		return result_fail(r, RESULT_ERR_INVALID,
			"cổng nối tiếp \"%s\" viết sai: cần dạng serial:/dev/ttyUSB0?baud=38400", spec);
	}
	if (n >= sizeof out->path) {
		return result_fail(r, RESULT_ERR_INVALID, "cổng nối tiếp \"%.*s...\": đường dẫn quá dài",
			40, path);
	}
	memcpy(out->path, path, n);
	out->path[n] = '\0';
	if (!serial_spec_parse_options(q ? q + 1 : "", out, extra, ud, r)) {
		if (r) {
			char *msg = xasprintf("%s: %s", spec, r->msg);
			snprintf(r->msg, sizeof r->msg, "%s", msg);
			free(msg);
		}
		return false;
	}
	return true;
}

/* --- opening ------------------------------------------------------------- */

static enum stream stream_of(int fd)
{
	struct stat st;
	if (isatty(fd)) {
		return STREAM_TTY;
	}
	if (fstat(fd, &st) == 0 && S_ISSOCK(st.st_mode)) {
		return STREAM_SOCKET;
	}
	return STREAM_OTHER;
}

struct serial *serial_adopt(int fd, const char *name)
{
	struct serial *s = xcalloc(1, sizeof *s);
	s->fd = fd;
	s->name = xstrdup(name);
	s->stream = stream_of(fd);
	int fl = fcntl(fd, F_GETFL);
	if (fl >= 0) {
		fcntl(fd, F_SETFL, fl | O_NONBLOCK);
	}
	return s;
}

static const char *sp_words(enum sp_return rc)
{
	switch (rc) {
	case SP_ERR_ARG: return "không phải cổng nối tiếp";
	case SP_ERR_FAIL: return syserr_words(errno);
	case SP_ERR_MEM: return "hết bộ nhớ";
	case SP_ERR_SUPP: return "cổng này không hỗ trợ thiết lập đó";
	default: return "lỗi không rõ";
	}
}

struct serial *serial_open(const struct serial_spec *spec, struct result *r)
{
	char real[PATH_MAX];
	if (realpath(spec->path, real) == NULL) {
		result_fail(r, RESULT_ERR_IO, "không mở được cổng %s: %s (cáp đã cắm chưa?)",
			spec->path, syserr_words(errno));
		return NULL;
	}
	struct sp_port *sp = NULL;
	enum sp_return rc = sp_get_port_by_name(real, &sp);
	if (rc != SP_OK) {
		result_fail(r, RESULT_ERR_IO, "không mở được cổng %s: %s", real, sp_words(rc));
		return NULL;
	}
	if ((rc = sp_open(sp, SP_MODE_READ_WRITE)) != SP_OK) {
		result_fail(r, RESULT_ERR_IO, "không mở được cổng %s: %s", real, sp_words(rc));
		sp_free_port(sp);
		return NULL;
	}
	int fd = -1;
	if (sp_get_port_handle(sp, &fd) != SP_OK) {
		result_fail(r, RESULT_ERR_IO, "không mở được cổng %s: không có bộ mô tả tệp", real);
		sp_close(sp);
		sp_free_port(sp);
		return NULL;
	}
	struct serial *s = serial_adopt(fd, real);
	s->sp = sp;
	if (!serial_lock(s, r)) {
		goto fail;
	}
	if ((rc = sp_set_baudrate(sp, spec->baud)) != SP_OK || (rc = sp_set_bits(sp, 8)) != SP_OK
		|| (rc = sp_set_parity(sp, SP_PARITY_NONE)) != SP_OK
		|| (rc = sp_set_stopbits(sp, 1)) != SP_OK
		|| (rc = sp_set_flowcontrol(sp, SP_FLOWCONTROL_NONE)) != SP_OK) {
		result_fail(r, RESULT_ERR_IO, "không thiết lập được cổng %s: %s", real, sp_words(rc));
		goto fail;
	}
	if (!serial_configure(s, spec->baud, spec->flow, r)) {
		goto fail;
	}
	serial_discard_input(s);
	return s;
fail:
	serial_close(s);
	return NULL;
}

void serial_close(struct serial *s)
{
	if (s == NULL) {
		return;
	}
	if (s->stream == STREAM_TTY) {
		/*
		 * Writes are drained before they count as done, so anything still
		 * queued belongs to an abandoned exchange: drop it, or close()
		 * would wait for a stalled (flow-controlled) line for up to 30 s.
		 * Only then: on a pty, flushing would also drop what the other end
		 * has not read yet (a keypad bus's last broadcast).
		 */
		int queued = 0;
		if (s->stalled || (ioctl(s->fd, TIOCOUTQ, &queued) == 0 && queued > 0)) {
			tcflush(s->fd, TCIOFLUSH);
		}
		/* The exclusive flag outlives us while another process holds the tty open. */
		ioctl(s->fd, TIOCNXCL);
	}
	if (s->sp) {
		sp_close(s->sp);
		sp_free_port(s->sp);
	} else if (s->fd >= 0) {
		close(s->fd);
	}
	free(s->name);
	free(s);
}

const char *serial_name(const struct serial *s)
{
	return s->name;
}

bool serial_lock(struct serial *s, struct result *r)
{
	if (flock(s->fd, LOCK_EX | LOCK_NB) != 0) {
		return result_fail(r, RESULT_ERR_IO, "cổng %s đang được chương trình khác dùng (%s)",
			s->name, syserr_words(errno));
	}
	if (s->stream == STREAM_TTY && ioctl(s->fd, TIOCEXCL) != 0) {
		LOG_WARN("%s: TIOCEXCL: %s", s->name, strerror(errno));
	}
	return true;
}

static speed_t speed_for(int baud)
{
	switch (baud) {
	case 1200: return B1200;
	case 2400: return B2400;
	case 4800: return B4800;
	case 9600: return B9600;
	case 19200: return B19200;
	case 57600: return B57600;
	case 115200: return B115200;
	default: return B38400;
	}
}

bool serial_configure(struct serial *s, int baud, enum serial_flow flow, struct result *r)
{
	if (s->stream != STREAM_TTY) {
		return true;
	}
	struct termios t;
	if (tcgetattr(s->fd, &t) != 0) {
		return result_fail(r, RESULT_ERR_IO, "không đọc được thiết lập cổng %s: %s", s->name,
			syserr_words(errno));
	}
	cfmakeraw(&t);
	t.c_cflag |= CLOCAL | CREAD;
	t.c_cflag &= ~(tcflag_t)(CRTSCTS | CSTOPB | PARENB);
	t.c_iflag &= ~(tcflag_t)(IXON | IXOFF | IXANY);
	if (flow == SERIAL_FLOW_RTSCTS) {
		t.c_cflag |= CRTSCTS;
	} else if (flow == SERIAL_FLOW_XONXOFF) {
		t.c_iflag |= IXON | IXOFF;
	}
	if (baud > 0) {
		cfsetispeed(&t, speed_for(baud));
		cfsetospeed(&t, speed_for(baud));
	}
	struct termios back;
	if (tcsetattr(s->fd, TCSANOW, &t) != 0 || tcgetattr(s->fd, &back) != 0) {
		return result_fail(r, RESULT_ERR_IO, "không thiết lập được cổng %s: %s", s->name,
			syserr_words(errno));
	}
	tcflag_t want_c = t.c_cflag & CRTSCTS, want_i = t.c_iflag & (IXON | IXOFF | IXANY);
	if ((back.c_cflag & CRTSCTS) != want_c || (back.c_iflag & (IXON | IXOFF | IXANY)) != want_i) {
		return result_fail(r, RESULT_ERR_IO, "cổng %s không nhận thiết lập điều khiển luồng (flow)",
			s->name);
	}
	return true;
}

/* --- I/O ------------------------------------------------------------------ */

bool serial_write(struct serial *s, const void *data, size_t len, int stall_ms, size_t *sent,
	struct result *r)
{
	const uint8_t *bytes = data;
	size_t done = 0;
	bool ok = true;
	int64_t last_progress = clock_mono_ms();
	while (done < len) {
		int64_t left = last_progress + stall_ms - clock_mono_ms();
		if (left <= 0) {
			ok = result_fail(r, RESULT_ERR_IO,
				"%s ngừng nhận dữ liệu (đã gửi %zu/%zu byte, %d ms không nhận thêm)",
				s->name, done, len, stall_ms);
			s->stalled = true;
			break;
		}
		struct pollfd pfd = { .fd = s->fd, .events = POLLOUT };
		int pr = poll(&pfd, 1, (int)left);
		if (pr < 0 && errno != EINTR) {
			ok = result_fail(r, RESULT_ERR_IO, "không ghi được vào %s: %s", s->name,
				syserr_words(errno));
			break;
		}
		if (pr <= 0) {
			continue;
		}
		if (pfd.revents & (POLLERR | POLLHUP | POLLNVAL)) {
			ok = result_fail(r, RESULT_ERR_IO, "%s đã mất kết nối (đã gửi %zu/%zu byte)",
				s->name, done, len);
			break;
		}
		ssize_t n = write(s->fd, bytes + done, len - done);
		if (n < 0 && errno != EAGAIN && errno != EINTR) {
			ok = result_fail(r, RESULT_ERR_IO, "không ghi được vào %s: %s", s->name,
				syserr_words(errno));
			break;
		}
		if (n > 0) {
			done += (size_t)n;
			last_progress = clock_mono_ms();
		}
	}
	if (sent) {
		*sent = done;
	}
	return ok;
}

bool serial_drain(struct serial *s, int stall_ms, struct result *r)
{
	if (s->stream == STREAM_OTHER) {
		return true;
	}
	int last = INT_MAX;
	int64_t last_progress = clock_mono_ms();
	for (;;) {
		int queued = 0;
		/* TIOCOUTQ on a tty, SIOCOUTQ (the same request) on a socket. */
		if (ioctl(s->fd, TIOCOUTQ, &queued) != 0 || queued <= 0) {
			return true;
		}
		int64_t now = clock_mono_ms();
		if (queued < last) {
			last = queued;
			last_progress = now;
		} else if (now - last_progress >= stall_ms) {
			s->stalled = true;
			return result_fail(r, RESULT_ERR_IO,
				"%s không nhận dữ liệu (bận hoặc đã tắt: %d byte chưa gửi được sau %d ms)",
				s->name, queued, stall_ms);
		}
		poll(NULL, 0, 5);
	}
}

int serial_read(struct serial *s, void *buf, size_t cap, int timeout_ms, struct result *r)
{
	int64_t deadline = clock_mono_ms() + timeout_ms;
	for (;;) {
		int64_t left = deadline - clock_mono_ms();
		if (left < 0) {
			return 0;
		}
		struct pollfd pfd = { .fd = s->fd, .events = POLLIN };
		int pr = poll(&pfd, 1, (int)left);
		if (pr < 0 && errno != EINTR) {
			result_fail(r, RESULT_ERR_IO, "không đọc được từ %s: %s", s->name,
				syserr_words(errno));
			return -1;
		}
		if (pr <= 0) {
			if (left == 0) {
				return 0;
			}
			continue;
		}
		ssize_t n = read(s->fd, buf, cap);
		if (n > 0) {
			return (int)n;
		}
		if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
			result_fail(r, RESULT_ERR_IO, "%s đã mất kết nối%s%s", s->name, n ? ": " : "",
				n ? syserr_words(errno) : "");
			return -1;
		}
	}
}

bool serial_output_stuck(struct serial *s)
{
	int queued = 0;
	return s->stalled || (s->stream != STREAM_OTHER && ioctl(s->fd, TIOCOUTQ, &queued) == 0
		&& queued > 0);
}

void serial_discard_input(struct serial *s)
{
	if (s->stream == STREAM_TTY) {
		tcflush(s->fd, TCIFLUSH);
	}
	uint8_t junk[256];
	while (read(s->fd, junk, sizeof junk) > 0) {
	}
}
