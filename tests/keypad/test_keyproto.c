/* Unit tests for the keypad frame encoder/decoder (src/core/serial/keyproto.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "motcua/serial/keyproto.h"

/* Feeds bytes; returns the number of frames decoded (copies the last to *out). */
static int feed_all(struct keyproto_decoder *d, const uint8_t *b, size_t n,
	struct keyproto_frame *out, int *bad)
{
	int frames = 0;
	struct keyproto_frame f;
	for (size_t i = 0; i < n; i++) {
		enum keyproto_feed r = keyproto_decoder_feed(d, b[i], &f);
		if (r == KEYPROTO_FRAME) {
			frames++;
			*out = f;
		} else if (r == KEYPROTO_BAD && bad) {
			(*bad)++;
		}
	}
	return frames;
}

static void check_wire(const struct keyproto_frame *f, const uint8_t *want, size_t n)
{
	uint8_t buf[KEYPROTO_MAX_WIRE];
	size_t got = keyproto_encode(f, buf, sizeof(buf));
	assert_int_equal(got, n);
	assert_memory_equal(buf, want, n);
}

static void test_crc_check_value(void **state)
{
	assert_int_equal(keyproto_crc16((const uint8_t *)"123456789", 9), 0x4B37);
}

static void test_golden_frames(void **state)
{
	struct keyproto_frame f;
	keyproto_make_poll(&f, 1, 5, 0);
	static const uint8_t poll[] = { 0x02, 0x01, 0x01, 0x05, 0x01, 0x00, 0x09, 0xAD, 0x03 };
	check_wire(&f, poll, sizeof(poll));

	keyproto_make_display(&f, 1, 6, 0, "A1005");
	static const uint8_t disp[] = { 0x02, 0x01, 0x10, 0x22, 0x06, 0x06, 0x00, 0x41, 0x31,
		0x30, 0x30, 0x35, 0x38, 0x63, 0x03 };
	check_wire(&f, disp, sizeof(disp));

	keyproto_make_key(&f, 1, 5, 7, KEYPROTO_KEY_NEXT, 0);
	static const uint8_t key[] = { 0x02, 0x01, 0x81, 0x05, 0x04, 0x07, 0x01, 0x00, 0x00,
		0xB1, 0xEE, 0x03 };
	check_wire(&f, key, sizeof(key));

	keyproto_make_status(&f, 3, 0x10, 1);
	static const uint8_t st[] = { 0x02, 0x10, 0x23, 0x80, 0x10, 0x30, 0x01, 0x01, 0x88, 0x55,
		0x03 };
	check_wire(&f, st, sizeof(st));

	keyproto_make_key(&f, 2, 9, 3, KEYPROTO_KEY_TRANSFER, 3);
	static const uint8_t key2[] = { 0x02, 0x10, 0x22, 0x81, 0x09, 0x04, 0x10, 0x23, 0x05,
		0x10, 0x23, 0x00, 0xB1, 0x36, 0x03 };
	check_wire(&f, key2, sizeof(key2));
}

static void test_roundtrip_all_bytes(void **state)
{
	/* Payloads made of every byte value, including STX/ETX/DLE. */
	struct keyproto_decoder d;
	keyproto_decoder_init(&d);
	for (int start = 0; start < 256; start += KEYPROTO_MAX_PAYLOAD) {
		struct keyproto_frame f = { .addr = 0x10, .cmd = 0x03, .seq = 0x02,
			.len = KEYPROTO_MAX_PAYLOAD };
		for (int i = 0; i < KEYPROTO_MAX_PAYLOAD; i++) {
			f.payload[i] = (uint8_t)(start + i);
		}
		uint8_t buf[KEYPROTO_MAX_WIRE];
		size_t n = keyproto_encode(&f, buf, sizeof(buf));
		assert_true(n > 0);
		/* STX and ETX appear only at the ends. */
		for (size_t i = 1; i + 1 < n; i++) {
			assert_true(buf[i] != KEYPROTO_STX && buf[i] != KEYPROTO_ETX);
		}
		struct keyproto_frame got;
		assert_int_equal(feed_all(&d, buf, n, &got, NULL), 1);
		assert_memory_equal(&got, &f, sizeof(f));
	}
	assert_int_equal(d.frames, 8);
	assert_int_equal(d.bad_crc + d.bad_format + d.stray, 0);
}

static void test_encode_limits(void **state)
{
	struct keyproto_frame f = { .addr = 1, .cmd = 2, .len = KEYPROTO_MAX_PAYLOAD + 1 };
	uint8_t buf[KEYPROTO_MAX_WIRE];
	assert_int_equal(keyproto_encode(&f, buf, sizeof(buf)), 0);
	keyproto_make_poll(&f, 1, 1, 0);
	assert_int_equal(keyproto_encode(&f, buf, 8), 0);   /* needs 9 */
	assert_int_equal(keyproto_encode(&f, buf, 9), 9);
	/* Display text is cut to 8 characters. */
	keyproto_make_display(&f, 1, 1, KEYPROTO_DISPLAY_BLINK, "123456789012");
	assert_int_equal(f.len, 1 + KEYPROTO_DISPLAY_MAX);
	assert_int_equal(f.payload[0], KEYPROTO_DISPLAY_BLINK);
}

static void test_bad_crc(void **state)
{
	struct keyproto_frame f, got;
	keyproto_make_key(&f, 1, 5, 7, KEYPROTO_KEY_NEXT, 0);
	uint8_t buf[KEYPROTO_MAX_WIRE];
	size_t n = keyproto_encode(&f, buf, sizeof(buf));
	/* Flip each body bit in turn: every corruption is caught. */
	for (size_t i = 1; i + 1 < n; i++) {
		for (int b = 0; b < 8; b++) {
			uint8_t c[KEYPROTO_MAX_WIRE];
			memcpy(c, buf, n);
			c[i] ^= (uint8_t)(1 << b);
			if (c[i] == KEYPROTO_STX || c[i] == KEYPROTO_ETX || c[i] == KEYPROTO_DLE) {
				continue;   /* framing bytes are covered elsewhere */
			}
			struct keyproto_decoder d;
			keyproto_decoder_init(&d);
			int bad = 0;
			assert_int_equal(feed_all(&d, c, n, &got, &bad), 0);
			assert_int_equal(bad, 1);
		}
	}
	struct keyproto_decoder d;
	keyproto_decoder_init(&d);
	buf[n - 2] ^= 0x01;
	assert_int_equal(feed_all(&d, buf, n, &got, NULL), 0);
	assert_int_equal(d.bad_crc, 1);
}

static void test_truncated(void **state)
{
	struct keyproto_frame f, got;
	keyproto_make_display(&f, 4, 1, 0, "1234");
	uint8_t buf[KEYPROTO_MAX_WIRE];
	size_t n = keyproto_encode(&f, buf, sizeof(buf));
	/* A frame cut anywhere and closed with ETX is rejected. */
	for (size_t cut = 1; cut + 1 < n; cut++) {
		struct keyproto_decoder d;
		keyproto_decoder_init(&d);
		uint8_t c[KEYPROTO_MAX_WIRE];
		memcpy(c, buf, cut);
		c[cut] = KEYPROTO_ETX;
		int bad = 0;
		assert_int_equal(feed_all(&d, c, cut + 1, &got, &bad), 0);
		assert_int_equal(bad, 1);
	}
	/* A frame cut without ETX, followed by a good frame: the good one survives. */
	struct keyproto_decoder d;
	keyproto_decoder_init(&d);
	int bad = 0;
	assert_int_equal(feed_all(&d, buf, n / 2, &got, &bad), 0);
	assert_int_equal(feed_all(&d, buf, n, &got, &bad), 1);
	assert_int_equal(bad, 1);
	assert_memory_equal(&got, &f, sizeof(f));
	/* Inter-byte timeout drops the partial frame silently. */
	keyproto_decoder_reset(&d);
	assert_int_equal(feed_all(&d, buf, n / 2, &got, &bad), 0);
	keyproto_decoder_reset(&d);
	assert_int_equal(feed_all(&d, buf + n / 2, n - n / 2, &got, &bad), 0);
	assert_int_equal(feed_all(&d, buf, n, &got, &bad), 1);
}

static void test_stray_bytes_and_resync(void **state)
{
	struct keyproto_frame a, b, got;
	keyproto_make_key(&a, 1, 1, 1, KEYPROTO_KEY_SKIP, 0);
	keyproto_make_key(&b, 2, 2, 9, KEYPROTO_KEY_RATE4, 0);
	uint8_t fa[KEYPROTO_MAX_WIRE], fb[KEYPROTO_MAX_WIRE];
	size_t na = keyproto_encode(&a, fa, sizeof(fa));
	size_t nb = keyproto_encode(&b, fb, sizeof(fb));

	uint8_t stream[256];
	size_t n = 0;
	static const uint8_t noise[] = { 0x00, 0xFF, 0x55, 0x03, 0x10, 0x41 };
	memcpy(stream + n, noise, sizeof(noise));
	n += sizeof(noise);
	memcpy(stream + n, fa, na);
	n += na;
	stream[n++] = 0x7E;             /* garbage between frames */
	stream[n++] = KEYPROTO_ETX;
	memcpy(stream + n, fb, nb);
	n += nb;

	struct keyproto_decoder d;
	keyproto_decoder_init(&d);
	int frames = 0;
	struct keyproto_frame seen[2];
	for (size_t i = 0; i < n; i++) {
		if (keyproto_decoder_feed(&d, stream[i], &got) == KEYPROTO_FRAME) {
			assert_true(frames < 2);
			seen[frames++] = got;
		}
	}
	assert_int_equal(frames, 2);
	assert_memory_equal(&seen[0], &a, sizeof(a));
	assert_memory_equal(&seen[1], &b, sizeof(b));
	assert_int_equal(d.stray, sizeof(noise) + 2);

	/* A lost byte in frame a: a is dropped, b that follows is still decoded. */
	keyproto_decoder_init(&d);
	uint8_t lossy[256];
	size_t m = 0;
	memcpy(lossy, fa, 4);
	memcpy(lossy + 4, fa + 5, na - 5);   /* byte 4 lost */
	m = na - 1;
	memcpy(lossy + m, fb, nb);
	m += nb;
	int bad = 0;
	assert_int_equal(feed_all(&d, lossy, m, &got, &bad), 1);
	assert_int_equal(bad, 1);
	assert_memory_equal(&got, &b, sizeof(b));

	/* Lost ETX: the next STX drops the partial frame and decodes the next. */
	keyproto_decoder_init(&d);
	bad = 0;
	assert_int_equal(feed_all(&d, fa, na - 1, &got, &bad), 0);
	assert_int_equal(feed_all(&d, fb, nb, &got, &bad), 1);
	assert_int_equal(bad, 1);
	assert_memory_equal(&got, &b, sizeof(b));
}

static void test_bad_escape_and_overlong(void **state)
{
	struct keyproto_decoder d;
	struct keyproto_frame got, f;
	keyproto_decoder_init(&d);
	static const uint8_t esc[] = { 0x02, 0x01, 0x10, 0x41, 0x03 };
	int bad = 0;
	assert_int_equal(feed_all(&d, esc, sizeof(esc), &got, &bad), 0);
	assert_int_equal(bad, 1);
	static const uint8_t esc_etx[] = { 0x02, 0x01, 0x10, 0x03 };
	bad = 0;
	assert_int_equal(feed_all(&d, esc_etx, sizeof(esc_etx), &got, &bad), 0);
	assert_int_equal(bad, 1);

	/* An endless frame is dropped once it exceeds the maximum body. */
	keyproto_decoder_init(&d);
	bad = 0;
	uint8_t junk[100];
	junk[0] = KEYPROTO_STX;
	memset(junk + 1, 0x41, sizeof(junk) - 1);
	assert_int_equal(feed_all(&d, junk, sizeof(junk), &got, &bad), 0);
	assert_int_equal(bad, 1);
	keyproto_make_beep(&f, 7, 3, KEYPROTO_BEEP_ERROR);
	uint8_t buf[KEYPROTO_MAX_WIRE];
	size_t n = keyproto_encode(&f, buf, sizeof(buf));
	assert_int_equal(feed_all(&d, buf, n, &got, &bad), 1);
	assert_memory_equal(&got, &f, sizeof(f));

	/* LEN that does not match the byte count. */
	keyproto_decoder_init(&d);
	uint8_t body[] = { 0x01, 0x01, 0x01, 0x05, 0x00 };
	uint16_t crc = keyproto_crc16(body, sizeof(body));
	assert_true((crc & 0xFF) > 0x10 && (crc >> 8) > 0x10);  /* nothing to stuff */
	uint8_t wire[] = { 0x02, 0x01, 0x01, 0x01, 0x05, 0x00, (uint8_t)(crc & 0xFF),
		(uint8_t)(crc >> 8), 0x03 };
	bad = 0;
	assert_int_equal(feed_all(&d, wire, sizeof(wire), &got, &bad), 0);
	assert_int_equal(d.bad_format, 1);
}

static void test_parse_key(void **state)
{
	struct keyproto_frame f;
	uint8_t ev, key;
	uint16_t arg;
	keyproto_make_key(&f, 1, 1, 200, KEYPROTO_KEY_CALL, 1005);
	assert_true(keyproto_parse_key(&f, &ev, &key, &arg));
	assert_int_equal(ev, 200);
	assert_int_equal(key, KEYPROTO_KEY_CALL);
	assert_int_equal(arg, 1005);
	assert_string_equal(keyproto_key_name(key), "call");
	keyproto_make_key(&f, 1, 1, 0, KEYPROTO_KEY_CALL, 0);
	assert_false(keyproto_parse_key(&f, &ev, &key, &arg));  /* event 0 is never used */
	keyproto_make_status(&f, 1, 1, 1);
	assert_false(keyproto_parse_key(&f, &ev, &key, &arg));
	assert_string_equal(keyproto_key_name(0x99), "unknown");
}

/* Protocol version 2 frames (golden: firmware-notes/keypad-protocol.md). */
static void test_golden_frames_v2(void **state)
{
	struct keyproto_frame f;
	keyproto_make_poll_v2(&f, 1, 5, 7, 0x2A);
	static const uint8_t poll[] = { 0x02, 0x01, 0x01, 0x05, 0x10, 0x22, 0x07, 0x2A, 0x1E,
		0xE9, 0x03 };
	check_wire(&f, poll, sizeof(poll));

	keyproto_make_hello_v2(&f, 1, 6, KEYPROTO_HELLO_KEEP);
	static const uint8_t hello[] = { 0x02, 0x01, 0x04, 0x06, 0x01, 0x01, 0x38, 0xA1, 0x03 };
	check_wire(&f, hello, sizeof(hello));

	keyproto_make_key(&f, 1, 5, 1, KEYPROTO_KEY_NEXT, 0);
	keyproto_reply_add_session(&f, 0x2B);
	static const uint8_t key[] = { 0x02, 0x01, 0x81, 0x05, 0x05, 0x01, 0x01, 0x00, 0x00, 0x2B,
		0xE7, 0xBA, 0x03 };
	check_wire(&f, key, sizeof(key));

	keyproto_make_status(&f, 1, 5, 1);
	keyproto_reply_add_session(&f, 0x2B);
	static const uint8_t st[] = { 0x02, 0x01, 0x80, 0x05, 0x10, 0x22, 0x01, 0x2B, 0xE0, 0x97,
		0x03 };
	check_wire(&f, st, sizeof(st));

	keyproto_make_info(&f, 1, 6, 2, 1, 0, 12);
	keyproto_reply_add_session(&f, 0x2B);
	static const uint8_t info[] = { 0x02, 0x01, 0x84, 0x06, 0x05, 0x10, 0x22, 0x01, 0x00,
		0x0C, 0x2B, 0x55, 0x85, 0x03 };
	check_wire(&f, info, sizeof(info));
}

/* The session is read from version 2 replies only; version 1 replies have none. */
static void test_reply_session(void **state)
{
	struct keyproto_frame f;
	uint8_t ev, key;
	uint16_t arg;
	keyproto_make_status(&f, 1, 1, 1);
	assert_int_equal(keyproto_reply_session(&f), 0);
	keyproto_reply_add_session(&f, 9);
	assert_int_equal(keyproto_reply_session(&f), 9);

	keyproto_make_key(&f, 1, 1, 3, KEYPROTO_KEY_SKIP, 42);
	assert_int_equal(keyproto_reply_session(&f), 0);
	keyproto_reply_add_session(&f, 200);
	assert_int_equal(keyproto_reply_session(&f), 200);
	assert_true(keyproto_parse_key(&f, &ev, &key, &arg));   /* the session does not hide it */
	assert_int_equal(ev, 3);
	assert_int_equal(key, KEYPROTO_KEY_SKIP);
	assert_int_equal(arg, 42);

	struct keyproto_info info;
	keyproto_make_info(&f, 4, 1, 1, 1, 3, 12);              /* a version 1 keypad */
	assert_true(keyproto_parse_info(&f, &info));
	assert_int_equal(info.version, 1);
	assert_int_equal(info.fw_minor, 3);
	assert_int_equal(info.session, 0);
	keyproto_make_info(&f, 4, 1, 2, 1, 0, 16);
	keyproto_reply_add_session(&f, 77);
	assert_true(keyproto_parse_info(&f, &info));
	assert_int_equal(info.version, 2);
	assert_int_equal(info.keys, 16);
	assert_int_equal(info.session, 77);
	keyproto_make_status(&f, 4, 1, 1);
	assert_false(keyproto_parse_info(&f, &info));

	/* Requests never carry a reply's session, whatever their length. */
	keyproto_make_poll_v2(&f, 1, 1, 5, 6);
	assert_int_equal(keyproto_reply_session(&f), 0);
	/* A reply of an unexpected length is not read as having one. */
	keyproto_make_key(&f, 1, 1, 3, KEYPROTO_KEY_SKIP, 42);
	keyproto_reply_add_session(&f, 5);
	keyproto_reply_add_session(&f, 6);
	assert_int_equal(keyproto_reply_session(&f), 0);
	assert_false(keyproto_parse_key(&f, &ev, &key, &arg));
}

/* The reply timeout grows with the frames' wire time at the line's speed. */
static void test_reply_timeout(void **state)
{
	assert_int_equal(keyproto_wire_ms(9600, 24), 25);        /* 24 bytes x 10 bits, rounded up */
	assert_int_equal(keyproto_wire_ms(1200, 9), 75);
	assert_int_equal(keyproto_wire_ms(115200, 1), 1);
	/* A POLL (9 bytes) at 9600: 10 ms out, 25 ms for the longest reply, 50 to answer. */
	assert_int_equal(keyproto_reply_timeout_ms(9600, 9, 50), 85);
	/* At 1200 baud the same exchange needs 325 ms: a fixed 80 ms would lose every reply. */
	assert_int_equal(keyproto_reply_timeout_ms(1200, 9, 50), 325);
	assert_true(keyproto_reply_timeout_ms(115200, 9, 50) >= 50 + KEYPROTO_TURNAROUND_MS);
	/* The longest request takes longer than a poll. */
	assert_true(keyproto_reply_timeout_ms(9600, KEYPROTO_MAX_WIRE, 50)
		> keyproto_reply_timeout_ms(9600, 9, 50));
	assert_true(KEYPROTO_TURNAROUND_MS >= 4);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_crc_check_value),
		cmocka_unit_test(test_golden_frames),
		cmocka_unit_test(test_roundtrip_all_bytes),
		cmocka_unit_test(test_encode_limits),
		cmocka_unit_test(test_bad_crc),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_stray_bytes_and_resync),
		cmocka_unit_test(test_bad_escape_and_overlong),
		cmocka_unit_test(test_parse_key),
		cmocka_unit_test(test_golden_frames_v2),
		cmocka_unit_test(test_reply_session),
		cmocka_unit_test(test_reply_timeout),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
