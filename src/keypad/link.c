/*
 * Serial transactions with the keypads through libserialport. Reading uses
 * sp_blocking_read_next with the time left until the reply deadline, so the
 * bridge sleeps in the kernel while waiting and never spins.
 */
#define LOG_MODULE "link"
#include <errno.h>
#include <libserialport.h>
#include <stdlib.h>
#include <string.h>
#include "motcua/base/clock.h"
#include "motcua/base/log.h"
#include "motcua/base/xalloc.h"
#include "link.h"

struct link {
	struct sp_port *port;
	char *path;
	int timeout_ms;
	struct keyproto_decoder dec;
};

static bool sp_fail(struct result *r, const char *path, const char *doing)
{
	char *msg = sp_last_error_message();
	result_fail(r, RESULT_ERR_IO, "%s: %s: %s", path, doing, msg ? msg : "error");
	sp_free_error_message(msg);
	return false;
}

/* Parses "serial:PATH?baud=N"; only baud is an option. */
static bool parse_spec(const char *spec, char **path, int *baud, struct result *r)
{
	if (!strncmp(spec, "serial:", 7)) {
		spec += 7;
	}
	*path = xstrdup(spec);
	*baud = 9600;
	char *q = strchr(*path, '?');
	if (q) {
		*q++ = '\0';
		if (strncmp(q, "baud=", 5) != 0) {
			return result_fail(r, RESULT_ERR_INVALID, "%s: unknown option (only baud=N)", spec);
		}
		char *end;
		long b = strtol(q + 5, &end, 10);
		if (*end || b < 1200 || b > 115200) {
			return result_fail(r, RESULT_ERR_INVALID, "%s: bad baud rate", spec);
		}
		*baud = (int)b;
	}
	if (!**path) {
		return result_fail(r, RESULT_ERR_INVALID, "empty serial port name");
	}
	return true;
}

struct link *link_open(const char *spec, int timeout_ms, struct result *r)
{
	struct link *l = xcalloc(1, sizeof(*l));
	int baud;
	l->timeout_ms = timeout_ms;
	keyproto_decoder_init(&l->dec);
	if (!parse_spec(spec, &l->path, &baud, r)) {
		goto fail;
	}
	if (sp_get_port_by_name(l->path, &l->port) != SP_OK) {
		sp_fail(r, l->path, "no such serial port");
		goto fail;
	}
	if (sp_open(l->port, SP_MODE_READ_WRITE) != SP_OK) {
		sp_fail(r, l->path, "cannot open");
		goto fail;
	}
	if (sp_set_baudrate(l->port, baud) != SP_OK || sp_set_bits(l->port, 8) != SP_OK ||
		sp_set_parity(l->port, SP_PARITY_NONE) != SP_OK ||
		sp_set_stopbits(l->port, 1) != SP_OK ||
		sp_set_flowcontrol(l->port, SP_FLOWCONTROL_NONE) != SP_OK) {
		sp_fail(r, l->path, "cannot set 8N1 without flow control");
		goto fail;
	}
	sp_flush(l->port, SP_BUF_BOTH);
	LOG_INFO("%s open at %d baud, reply timeout %d ms", l->path, baud, timeout_ms);
	return l;
fail:
	link_close(l);
	return NULL;
}

void link_close(struct link *l)
{
	if (!l) {
		return;
	}
	if (l->port) {
		sp_close(l->port);
		sp_free_port(l->port);
	}
	free(l->path);
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
	enum sp_return w = sp_blocking_write(l->port, buf, n, (unsigned)l->timeout_ms + 100);
	if (w < 0 || (size_t)w != n) {
		LOG_WARN("%s: write failed or timed out", l->path);
		return false;
	}
	sp_drain(l->port);
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
		enum sp_return n = sp_blocking_read_next(l->port, buf, sizeof(buf), (unsigned)left);
		if (n < 0) {
			LOG_WARN("%s: read failed", l->path);
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
