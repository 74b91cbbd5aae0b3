/*
 * Unit tests of the serial module without hardware: the one spec parser
 * (what the printer and the keypad bridge both accept and refuse), and
 * the byte I/O with deadlines over a socket pair and a pty
 * (a write to a peer that takes nothing fails after the stall time and says
 * how much went out; reads and drains return on time; XOFF holds a
 * flow=xonxoff line and XON releases it).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "motcua/base/clock.h"
#include "motcua/serial/serial.h"

/* A caller's own option, as the printer has nv=. */
static enum serial_option extra(void *ud, const char *key, const char *value, struct result *r)
{
	int *seen = ud;
	if (strcmp(key, "nv") != 0) {
		return SERIAL_OPTION_UNKNOWN;
	}
	if (strcmp(value, "0") != 0) {
		result_fail(r, RESULT_ERR_INVALID, "nv=%s", value);
		return SERIAL_OPTION_BAD;
	}
	(*seen)++;
	return SERIAL_OPTION_TAKEN;
}

static void test_spec(void **state)
{
	(void)state;
	struct serial_spec s;
	struct result r = { 0 };
	assert_true(serial_spec_parse("serial:/dev/ttyUSB0?baud=19200&flow=rtscts", &s, 9600, NULL,
		NULL, &r));
	assert_string_equal(s.path, "/dev/ttyUSB0");
	assert_int_equal(s.baud, 19200);
	assert_int_equal(s.flow, SERIAL_FLOW_RTSCTS);
	/* The keypad's short form: a bare absolute path, the caller's default speed. */
	assert_true(serial_spec_parse("/dev/ttyS1", &s, 9600, NULL, NULL, &r));
	assert_string_equal(s.path, "/dev/ttyS1");
	assert_int_equal(s.baud, 9600);
	assert_int_equal(s.flow, SERIAL_FLOW_NONE);
	assert_true(serial_spec_parse("/dev/serial/by-id/usb-FTDI-if00-port0?flow=xonxoff", &s, 38400,
		NULL, NULL, &r));
	assert_int_equal(s.flow, SERIAL_FLOW_XONXOFF);
	int seen = 0;
	assert_true(serial_spec_parse("serial:/dev/ttyS0?nv=0&baud=115200", &s, 38400, extra, &seen, &r));
	assert_int_equal(seen, 1);
	assert_int_equal(s.baud, 115200);

	static const char *const bad[] = {
		"", "serial:", "serial:ttyS0", "ttyS0", "serial:/dev/ttyS0?baud=12345",
		"serial:/dev/ttyS0?baud=+9600", "serial:/dev/ttyS0?baud= 9600", "serial:/dev/ttyS0?baud=",
		"serial:/dev/ttyS0?flow=dtrdsr", "serial:/dev/ttyS0?parity=even", "serial:/dev/ttyS0?baud",
		"serial:/dev/ttyS0?nv=1",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		result_clear(&r);
		assert_false(serial_spec_parse(bad[i], &s, 9600, extra, &seen, &r));
		assert_int_equal(r.code, RESULT_ERR_INVALID);
		assert_true(strlen(r.msg) > 0);
	}
	/* The message names the bad part. */
	assert_false(serial_spec_parse("serial:/dev/ttyS0?flow=dtrdsr", &s, 9600, NULL, NULL, &r));
	assert_non_null(strstr(r.msg, "flow=dtrdsr"));
}

static void test_open_missing(void **state)
{
	(void)state;
	struct serial_spec s;
	struct result r = { 0 };
	assert_true(serial_spec_parse("serial:/nonexistent/by-id/usb-printer", &s, 9600, NULL, NULL, &r));
	assert_null(serial_open(&s, &r));
	assert_int_equal(r.code, RESULT_ERR_IO);
	assert_non_null(strstr(r.msg, "/nonexistent/by-id/usb-printer"));
}

/* A peer that reads nothing: the write fails after the stall time, with the count sent. */
static void test_write_stall(void **state)
{
	(void)state;
	int sv[2];
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	int small = 4096;
	setsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &small, sizeof small);
	struct serial *s = serial_adopt(sv[0], "test-peer");
	size_t len = 4 << 20, sent = 0;
	uint8_t *buf = calloc(1, len);
	struct result r = { 0 };
	int64_t t0 = clock_mono_ms();
	assert_false(serial_write(s, buf, len, 200, &sent, &r));
	int64_t took = clock_mono_ms() - t0;
	assert_int_equal(r.code, RESULT_ERR_IO);
	assert_non_null(strstr(r.msg, "test-peer"));
	assert_true(sent > 0 && sent < len);
	assert_true(took >= 200);
	/* Reads return on time with nothing, then with what the peer sends. */
	uint8_t b[8];
	assert_int_equal(serial_read(s, b, sizeof b, 50, &r), 0);
	assert_int_equal(write(sv[1], "ok", 2), 2);
	assert_int_equal(serial_read(s, b, sizeof b, 1000, &r), 2);
	assert_memory_equal(b, "ok", 2);
	/* A hang-up is an error, not a timeout. */
	close(sv[1]);
	assert_int_equal(serial_read(s, b, sizeof b, 1000, &r), -1);
	assert_non_null(strstr(r.msg, "test-peer đã mất kết nối"));
	serial_close(s);
	free(buf);
}

/* XOFF from the other end holds a flow=xonxoff tty; XON releases it. */
static void test_xonxoff(void **state)
{
	(void)state;
	int master = posix_openpt(O_RDWR | O_NOCTTY);
	assert_true(master >= 0);
	assert_int_equal(grantpt(master), 0);
	assert_int_equal(unlockpt(master), 0);
	int fd = open(ptsname(master), O_RDWR | O_NOCTTY);
	assert_true(fd >= 0);
	struct serial *s = serial_adopt(fd, "pty");
	struct result r = { 0 };
	assert_true(serial_lock(s, &r));
	assert_true(serial_configure(s, 0, SERIAL_FLOW_XONXOFF, &r));
	uint8_t xoff = 0x13, xon = 0x11, got[16];
	assert_int_equal(write(master, &xoff, 1), 1);
	usleep(50000);
	size_t sent = 99;
	assert_false(serial_write(s, "job", 3, 200, &sent, &r));
	assert_int_equal(sent, 0);
	assert_int_equal(write(master, &xon, 1), 1);
	usleep(50000);
	assert_true(serial_write(s, "job", 3, 1000, &sent, &r));
	assert_int_equal(sent, 3);
	assert_true(serial_drain(s, 1000, &r));
	ssize_t n = read(master, got, sizeof got);
	assert_int_equal(n, 3);
	assert_memory_equal(got, "job", 3);
	serial_close(s);
	close(master);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_spec),
		cmocka_unit_test(test_open_missing),
		cmocka_unit_test(test_write_stall),
		cmocka_unit_test(test_xonxoff),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
