/*
 * Serial transactions with the keypads, through the serial module (one
 * spec syntax with the printer, exclusive open, flow control set and
 * verified, writes, drains and reads with deadlines). Waiting for a reply
 * polls the port with the time left until the reply deadline, so the
 * bridge sleeps in the kernel while waiting and never spins.
 */
#define LOG_MODULE "link"
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
	int timeout_ms;
	struct keyproto_decoder dec;
};

struct link *link_open(const char *spec, int timeout_ms, struct result *r)
{
	struct serial_spec ss;
	if (!serial_spec_parse(spec, &ss, LINK_DEFAULT_BAUD, NULL, NULL, r)) {
		return NULL;
	}
	struct link *l = xcalloc(1, sizeof(*l));
	l->timeout_ms = timeout_ms;
	keyproto_decoder_init(&l->dec);
	l->port = serial_open(&ss, r);
	if (!l->port) {
		link_close(l);
		return NULL;
	}
	LOG_INFO("%s open at %d baud, reply timeout %d ms", serial_name(l->port), ss.baud,
		timeout_ms);
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

static bool send_frame(struct link *l, const struct keyproto_frame *f)
{
	uint8_t buf[KEYPROTO_MAX_WIRE];
	size_t n = keyproto_encode(f, buf, sizeof(buf));
	if (n == 0) {
		LOG_ERR("frame too long (cmd 0x%02x, %u bytes)", f->cmd, f->len);
		return false;
	}
	/* Drained before listening: a half-duplex RS-485 adapter turns around only then. */
	struct result r = { 0 };
	if (!serial_write(l->port, buf, n, l->timeout_ms + 100, NULL, &r)
		|| !serial_drain(l->port, l->timeout_ms, &r)) {
		LOG_WARN("%s", r.msg);
		return false;
	}
	return true;
}

/* Reads until the reply to req arrives or the deadline passes. */
static bool await_reply(struct link *l, const struct keyproto_frame *req,
	struct keyproto_frame *reply)
{
	int64_t deadline = clock_mono_ms() + l->timeout_ms;
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
		if (!send_frame(l, req)) {
			continue;
		}
		if (req->addr == KEYPROTO_BROADCAST) {
			return true;
		}
		if (await_reply(l, req, reply)) {
			return true;
		}
		LOG_DBG("keypad %u: no reply to cmd 0x%02x seq %u (attempt %d)", req->addr,
			req->cmd, req->seq, attempt + 1);
	}
	return false;
}
