/*
 * Serial transactions with the keypads, through the serial module (one
 * spec syntax with the printer, exclusive open, flow control set and
 * verified, writes, drains and reads with deadlines). Waiting for a reply
 * polls the port with the time left until the reply deadline, so the
 * bridge sleeps in the kernel while waiting and never spins.
 *
 * Timing on a half-duplex bus: a request goes out no sooner than
 * KEYPROTO_TURNAROUND_MS after the last byte received (a keypad, or a
 * USB-RS485 adapter, may still be switching its driver off), and the reply
 * deadline grows with the frame lengths at the line's baud rate
 * (keyproto_reply_timeout_ms), so a slow line is not taken for a dead
 * keypad.
 */
#define LOG_MODULE "link"
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include "motcua/base/clock.h"
#include "motcua/base/log.h"
#include "motcua/base/xalloc.h"
#include "motcua/serial/serial.h"
#include "link.h"

/* Keypad buses run at 9600 baud unless the spec says otherwise. */
#define LINK_DEFAULT_BAUD 9600

struct link {
	struct serial *port;
	int baud;
	int answer_ms;
	int64_t last_rx_ms;      /* clock_mono_ms() of the last byte received */
	struct keyproto_decoder dec;
};

struct link *link_open(const char *spec, int answer_ms, struct result *r)
{
	struct serial_spec ss;
	if (!serial_spec_parse(spec, &ss, LINK_DEFAULT_BAUD, NULL, NULL, r)) {
		return NULL;
	}
	struct link *l = xcalloc(1, sizeof(*l));
	l->answer_ms = answer_ms;
	l->baud = ss.baud;
	keyproto_decoder_init(&l->dec);
	l->port = serial_open(&ss, r);
	if (!l->port) {
		link_close(l);
		return NULL;
	}
	struct keyproto_frame poll;
	uint8_t wire[KEYPROTO_MAX_WIRE];
	keyproto_make_poll_v2(&poll, 1, 1, 1, 1);
	LOG_INFO("%s open at %d baud, reply timeout %d ms for a poll", serial_name(l->port),
		ss.baud, link_timeout_ms(l, keyproto_encode(&poll, wire, sizeof wire)));
	return l;
}

void link_close(struct link *l)
{
	if (!l) {
		return;
	}
	serial_close(l->port);
	free(l);
}

const struct keyproto_decoder *link_stats(const struct link *l)
{
	return &l->dec;
}

int link_timeout_ms(const struct link *l, size_t request_bytes)
{
	return keyproto_reply_timeout_ms(l->baud, request_bytes, l->answer_ms);
}

/* Sends f; *wire_bytes is its length on the wire. */
static bool send_frame(struct link *l, const struct keyproto_frame *f, size_t *wire_bytes)
{
	uint8_t buf[KEYPROTO_MAX_WIRE];
	size_t n = keyproto_encode(f, buf, sizeof(buf));
	if (n == 0) {
		LOG_ERR("frame too long (cmd 0x%02x, %u bytes)", f->cmd, f->len);
		return false;
	}
	*wire_bytes = n;
	/* +1: the clock counts whole ms, the gap must be at least the full turnaround. */
	int64_t quiet = l->last_rx_ms + KEYPROTO_TURNAROUND_MS + 1 - clock_mono_ms();
	if (quiet > 0) {
		poll(NULL, 0, (int)quiet);
	}
	/* Drained before listening: a half-duplex RS-485 adapter turns around only then. */
	int stall_ms = link_timeout_ms(l, n);
	struct result r = { 0 };
	if (!serial_write(l->port, buf, n, stall_ms + 100, NULL, &r)
		|| !serial_drain(l->port, stall_ms, &r)) {
		LOG_WARN("%s", r.msg);
		return false;
	}
	return true;
}

/* Reads until the reply to req arrives or the deadline passes. */
static bool await_reply(struct link *l, const struct keyproto_frame *req, size_t req_bytes,
	struct keyproto_frame *reply)
{
	int64_t deadline = clock_mono_ms() + link_timeout_ms(l, req_bytes);
	keyproto_decoder_reset(&l->dec);
	for (;;) {
		int64_t left = deadline - clock_mono_ms();
		if (left <= 0) {
			return false;
		}
		uint8_t buf[64];
		struct result r = { 0 };
		int n = serial_read(l->port, buf, sizeof(buf), (int)left, &r);
		if (n < 0) {
			LOG_WARN("%s", r.msg);
			return false;
		}
		if (n > 0) {
			l->last_rx_ms = clock_mono_ms();
		}
		for (int i = 0; i < n; i++) {
			struct keyproto_frame f;
			if (keyproto_decoder_feed(&l->dec, buf[i], &f) != KEYPROTO_FRAME) {
				continue;
			}
			if (f.addr == req->addr && (f.cmd & KEYPROTO_REPLY) && f.seq == req->seq) {
				*reply = f;
				return true;
			}
			LOG_DBG("skipped frame addr %u cmd 0x%02x seq %u", f.addr, f.cmd, f.seq);
		}
	}
}

bool link_transact(struct link *l, const struct keyproto_frame *req,
	struct keyproto_frame *reply, int retries)
{
	for (int attempt = 0; attempt <= retries; attempt++) {
		size_t wire_bytes = 0;
		if (!send_frame(l, req, &wire_bytes)) {
			continue;
		}
		if (req->addr == KEYPROTO_BROADCAST) {
			return true;
		}
		if (await_reply(l, req, wire_bytes, reply)) {
			return true;
		}
		LOG_DBG("keypad %u: no reply to cmd 0x%02x seq %u (attempt %d)", req->addr,
			req->cmd, req->seq, attempt + 1);
	}
	return false;
}
