/*
 * Counter keypad frames: see include/motcua/serial/keyproto.h and
 * firmware-notes/keypad-protocol.md. The decoder is a three-state machine
 * (idle, in frame, after DLE); STX always starts a new frame, so any lost or
 * corrupted byte costs at most the frame it was in.
 */
#include <string.h>
#include "motcua/serial/keyproto.h"

uint16_t keyproto_crc16(const uint8_t *data, size_t len)
{
	uint16_t c = 0xFFFF;
	for (size_t i = 0; i < len; i++) {
		c ^= data[i];
		for (int b = 0; b < 8; b++) {
			c = (c & 1) ? (uint16_t)((c >> 1) ^ 0xA001) : (uint16_t)(c >> 1);
		}
	}
	return c;
}

static bool needs_escape(uint8_t b)
{
	return b == KEYPROTO_STX || b == KEYPROTO_ETX || b == KEYPROTO_DLE;
}

size_t keyproto_encode(const struct keyproto_frame *f, uint8_t *out, size_t size)
{
	if (f->len > KEYPROTO_MAX_PAYLOAD) {
		return 0;
	}
	uint8_t body[KEYPROTO_MAX_BODY];
	size_t n = 0;
	body[n++] = f->addr;
	body[n++] = f->cmd;
	body[n++] = f->seq;
	body[n++] = f->len;
	memcpy(body + n, f->payload, f->len);
	n += f->len;
	uint16_t crc = keyproto_crc16(body, n);
	body[n++] = (uint8_t)(crc & 0xFF);
	body[n++] = (uint8_t)(crc >> 8);

	size_t o = 0;
	if (size < 2) {
		return 0;
	}
	out[o++] = KEYPROTO_STX;
	for (size_t i = 0; i < n; i++) {
		size_t need = needs_escape(body[i]) ? 2 : 1;
		if (o + need + 1 > size) {
			return 0;
		}
		if (need == 2) {
			out[o++] = KEYPROTO_DLE;
			out[o++] = body[i] ^ 0x20;
		} else {
			out[o++] = body[i];
		}
	}
	out[o++] = KEYPROTO_ETX;
	return o;
}

static void make(struct keyproto_frame *f, uint8_t addr, uint8_t cmd, uint8_t seq)
{
	memset(f, 0, sizeof(*f));
	f->addr = addr;
	f->cmd = cmd;
	f->seq = seq;
}

void keyproto_make_poll(struct keyproto_frame *f, uint8_t addr, uint8_t seq, uint8_t ack_event)
{
	make(f, addr, KEYPROTO_POLL, seq);
	f->len = 1;
	f->payload[0] = ack_event;
}

void keyproto_make_display(struct keyproto_frame *f, uint8_t addr, uint8_t seq, uint8_t flags,
	const char *text)
{
	make(f, addr, KEYPROTO_DISPLAY, seq);
	size_t n = strlen(text);
	if (n > KEYPROTO_DISPLAY_MAX) {
		n = KEYPROTO_DISPLAY_MAX;
	}
	f->payload[0] = flags;
	memcpy(f->payload + 1, text, n);
	f->len = (uint8_t)(1 + n);
}

void keyproto_make_beep(struct keyproto_frame *f, uint8_t addr, uint8_t seq, uint8_t pattern)
{
	make(f, addr, KEYPROTO_BEEP, seq);
	f->len = 1;
	f->payload[0] = pattern;
}

void keyproto_make_hello(struct keyproto_frame *f, uint8_t addr, uint8_t seq)
{
	make(f, addr, KEYPROTO_HELLO, seq);
}

void keyproto_make_poll_v2(struct keyproto_frame *f, uint8_t addr, uint8_t seq,
	uint8_t ack_event, uint8_t session)
{
	keyproto_make_poll(f, addr, seq, ack_event);
	f->len = 2;
	f->payload[1] = session;
}

void keyproto_make_hello_v2(struct keyproto_frame *f, uint8_t addr, uint8_t seq, uint8_t flags)
{
	make(f, addr, KEYPROTO_HELLO, seq);
	f->len = 1;
	f->payload[0] = flags;
}

void keyproto_make_key(struct keyproto_frame *f, uint8_t addr, uint8_t seq, uint8_t event,
	uint8_t key, uint16_t arg)
{
	make(f, addr, KEYPROTO_KEY, seq);
	f->len = 4;
	f->payload[0] = event;
	f->payload[1] = key;
	f->payload[2] = (uint8_t)(arg & 0xFF);
	f->payload[3] = (uint8_t)(arg >> 8);
}

void keyproto_make_status(struct keyproto_frame *f, uint8_t addr, uint8_t seq, uint8_t flags)
{
	make(f, addr, KEYPROTO_STATUS, seq);
	f->len = 1;
	f->payload[0] = flags;
}

void keyproto_make_info(struct keyproto_frame *f, uint8_t addr, uint8_t seq, uint8_t version,
	uint8_t fw_major, uint8_t fw_minor, uint8_t keys)
{
	make(f, addr, KEYPROTO_INFO, seq);
	f->len = 4;
	f->payload[0] = version;
	f->payload[1] = fw_major;
	f->payload[2] = fw_minor;
	f->payload[3] = keys;
}

void keyproto_reply_add_session(struct keyproto_frame *f, uint8_t session)
{
	if (f->len < KEYPROTO_MAX_PAYLOAD) {
		f->payload[f->len++] = session;
	}
}

/* The payload length of each reply in version 1: the session follows it. */
static int v1_reply_len(uint8_t cmd)
{
	switch (cmd) {
	case KEYPROTO_STATUS: return 1;
	case KEYPROTO_KEY: return 4;
	case KEYPROTO_INFO: return 4;
	case KEYPROTO_NACK: return 1;
	default: return -1;
	}
}

uint8_t keyproto_reply_session(const struct keyproto_frame *f)
{
	int n = v1_reply_len(f->cmd);
	return n >= 0 && f->len == n + 1 ? f->payload[n] : 0;
}

bool keyproto_parse_info(const struct keyproto_frame *f, struct keyproto_info *info)
{
	if (f->cmd != KEYPROTO_INFO || f->len < 4 || f->payload[0] == 0) {
		return false;
	}
	*info = (struct keyproto_info){ .version = f->payload[0], .fw_major = f->payload[1],
		.fw_minor = f->payload[2], .keys = f->payload[3],
		.session = keyproto_reply_session(f) };
	return true;
}

int keyproto_wire_ms(int baud, size_t bytes)
{
	if (baud <= 0) {
		return 0;
	}
	return (int)((bytes * 10 * 1000 + (size_t)baud - 1) / (size_t)baud);
}

int keyproto_reply_timeout_ms(int baud, size_t request_bytes, int answer_ms)
{
	return keyproto_wire_ms(baud, request_bytes) + keyproto_wire_ms(baud, KEYPROTO_MAX_REPLY_WIRE)
		+ answer_ms;
}

bool keyproto_parse_key(const struct keyproto_frame *f, uint8_t *event, uint8_t *key,
	uint16_t *arg)
{
	if (f->cmd != KEYPROTO_KEY || (f->len != 4 && f->len != 5) || f->payload[0] == 0) {
		return false;
	}
	*event = f->payload[0];
	*key = f->payload[1];
	*arg = (uint16_t)(f->payload[2] | f->payload[3] << 8);
	return true;
}

const char *keyproto_key_name(uint8_t key)
{
	switch (key) {
	case KEYPROTO_KEY_NEXT: return "next";
	case KEYPROTO_KEY_RECALL: return "recall";
	case KEYPROTO_KEY_SKIP: return "skip";
	case KEYPROTO_KEY_REQUEUE: return "requeue";
	case KEYPROTO_KEY_TRANSFER: return "transfer";
	case KEYPROTO_KEY_PAUSE: return "pause";
	case KEYPROTO_KEY_FINISH: return "finish";
	case KEYPROTO_KEY_CALL: return "call";
	case 0x11: return "rate1";
	case 0x12: return "rate2";
	case 0x13: return "rate3";
	case 0x14: return "rate4";
	default: return "unknown";
	}
}

void keyproto_decoder_init(struct keyproto_decoder *d)
{
	memset(d, 0, sizeof(*d));
}

void keyproto_decoder_reset(struct keyproto_decoder *d)
{
	d->in_frame = false;
	d->escape = false;
	d->n = 0;
}

/* Checks a complete unstuffed body and copies it out. */
static enum keyproto_feed finish_frame(struct keyproto_decoder *d, struct keyproto_frame *out)
{
	size_t n = d->n;
	keyproto_decoder_reset(d);
	if (n < 6 || d->body[3] != n - 6) {
		d->bad_format++;
		return KEYPROTO_BAD;
	}
	uint16_t crc = (uint16_t)(d->body[n - 2] | d->body[n - 1] << 8);
	if (keyproto_crc16(d->body, n - 2) != crc) {
		d->bad_crc++;
		return KEYPROTO_BAD;
	}
	memset(out, 0, sizeof(*out));
	out->addr = d->body[0];
	out->cmd = d->body[1];
	out->seq = d->body[2];
	out->len = d->body[3];
	memcpy(out->payload, d->body + 4, out->len);
	d->frames++;
	return KEYPROTO_FRAME;
}

enum keyproto_feed keyproto_decoder_feed(struct keyproto_decoder *d, uint8_t byte,
	struct keyproto_frame *out)
{
	if (byte == KEYPROTO_STX) {
		bool dropped = d->in_frame;
		keyproto_decoder_reset(d);
		d->in_frame = true;
		if (dropped) {
			d->bad_format++;
			return KEYPROTO_BAD;
		}
		return KEYPROTO_NEED_MORE;
	}
	if (!d->in_frame) {
		d->stray++;
		return KEYPROTO_NEED_MORE;
	}
	if (byte == KEYPROTO_ETX) {
		if (d->escape) {
			keyproto_decoder_reset(d);
			d->bad_format++;
			return KEYPROTO_BAD;
		}
		return finish_frame(d, out);
	}
	if (d->escape) {
		d->escape = false;
		if (byte != 0x22 && byte != 0x23 && byte != 0x30) {
			keyproto_decoder_reset(d);
			d->bad_format++;
			return KEYPROTO_BAD;
		}
		byte ^= 0x20;
	} else if (byte == KEYPROTO_DLE) {
		d->escape = true;
		return KEYPROTO_NEED_MORE;
	}
	if (d->n == sizeof(d->body)) {
		keyproto_decoder_reset(d);
		d->bad_format++;
		return KEYPROTO_BAD;
	}
	d->body[d->n++] = byte;
	return KEYPROTO_NEED_MORE;
}
