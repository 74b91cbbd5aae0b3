/*
 * Fuzzes the keypad frame decoder (src/core/serial/keyproto.c) with the
 * bytes of a serial line. Properties: every decoded frame fits its struct
 * and survives encode -> decode unchanged; every byte is accounted for
 * (a frame, a counted error, or need-more); and the input read as one frame
 * to send comes back from the wire as sent.
 */
#include <string.h>
#include "fuzz.h"
#include "motcua/serial/keyproto.h"

/* Decodes wire with a fresh decoder; true if it yields exactly one frame equal to want. */
static bool decodes_to(const uint8_t *wire, size_t n, const struct keyproto_frame *want)
{
	struct keyproto_decoder d;
	keyproto_decoder_init(&d);
	struct keyproto_frame got;
	int frames = 0;
	for (size_t i = 0; i < n; i++) {
		enum keyproto_feed fr = keyproto_decoder_feed(&d, wire[i], &got);
		if (fr == KEYPROTO_BAD) {
			return false;
		}
		if (fr == KEYPROTO_FRAME) {
			frames++;
			if (got.addr != want->addr || got.cmd != want->cmd || got.seq != want->seq
				|| got.len != want->len || memcmp(got.payload, want->payload, got.len) != 0) {
				return false;
			}
		}
	}
	return frames == 1 && d.stray == 0;
}

static void check_frame(const struct keyproto_frame *f)
{
	FUZZ_CHECK(f->len <= KEYPROTO_MAX_PAYLOAD);
	uint8_t wire[KEYPROTO_MAX_WIRE];
	size_t n = keyproto_encode(f, wire, sizeof wire);
	FUZZ_CHECK(n >= 8 && n <= sizeof wire);
	FUZZ_CHECK(decodes_to(wire, n, f));
	uint8_t event, key;
	uint16_t arg;
	if (keyproto_parse_key(f, &event, &key, &arg)) {
		/* Version 1 keys have 4 payload bytes, version 2 adds the session byte. */
		FUZZ_CHECK(f->cmd == KEYPROTO_KEY && (f->len == 4 || f->len == 5) && event != 0);
		FUZZ_CHECK(keyproto_key_name(key) != NULL);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct keyproto_decoder d;
	keyproto_decoder_init(&d);
	unsigned frames = 0, bad = 0;
	for (size_t i = 0; i < size; i++) {
		struct keyproto_frame f;
		memset(&f, 0xA5, sizeof f);
		enum keyproto_feed fr = keyproto_decoder_feed(&d, data[i], &f);
		FUZZ_CHECK(fr == KEYPROTO_NEED_MORE || fr == KEYPROTO_FRAME || fr == KEYPROTO_BAD);
		FUZZ_CHECK(d.n <= sizeof d.body);
		if (fr == KEYPROTO_FRAME) {
			frames++;
			check_frame(&f);
		} else if (fr == KEYPROTO_BAD) {
			bad++;
		}
	}
	FUZZ_CHECK(d.frames == frames);
	FUZZ_CHECK(d.bad_crc + d.bad_format == bad);
	FUZZ_CHECK(d.stray <= size);

	/* The input as a frame to send: ADDR CMD SEQ then the payload (cut to fit). */
	if (size >= 3) {
		struct keyproto_frame f = {.addr = data[0], .cmd = data[1], .seq = data[2]};
		size_t len = size - 3 > KEYPROTO_MAX_PAYLOAD ? KEYPROTO_MAX_PAYLOAD : size - 3;
		f.len = (uint8_t)len;
		memcpy(f.payload, data + 3, len);
		check_frame(&f);
		/* Too small an output buffer is refused, never overrun. */
		uint8_t small[8];
		size_t n = keyproto_encode(&f, small, (size_t)(data[0] % sizeof small));
		FUZZ_CHECK(n <= data[0] % sizeof small);
	}
	return 0;
}
