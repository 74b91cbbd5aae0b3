#pragma once
#include "motcua/serial/layer.h"
/*
 * The counter keypad line protocol (firmware-notes/keypad-protocol.md):
 * frames STX | stuffed(ADDR CMD SEQ LEN PAYLOAD CRC16/MODBUS) | ETX, with
 * STX/ETX/DLE inside a frame escaped as DLE, byte ^ 0x20. Pure code: no I/O,
 * no allocation. The decoder takes one byte at a time and resynchronises on
 * the next STX after any error.
 *
 * Protocol version 2 keeps the framing and adds a per-boot session byte as
 * the last payload byte of every keypad reply (so a master sees a keypad
 * that restarted), a POLL that names the session its acknowledgement is
 * for, and a HELLO that can keep the keypad's pending key events. Every
 * version 1 frame is still valid; the document explains who sends what.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define KEYPROTO_STX 0x02
#define KEYPROTO_ETX 0x03
#define KEYPROTO_DLE 0x10
#define KEYPROTO_MAX_PAYLOAD 32
/* ADDR CMD SEQ LEN + payload + CRC */
#define KEYPROTO_MAX_BODY (4 + KEYPROTO_MAX_PAYLOAD + 2)
/* Worst case on the wire: every body byte stuffed. */
#define KEYPROTO_MAX_WIRE (2 + 2 * KEYPROTO_MAX_BODY)
#define KEYPROTO_BROADCAST 0
#define KEYPROTO_DISPLAY_MAX 8
/* The protocol version this code speaks (INFO's first byte). */
#define KEYPROTO_VERSION 2
/* Nobody transmits sooner than this after the other side's last byte. */
#define KEYPROTO_TURNAROUND_MS 4
/* The longest reply a keypad sends (KEY or INFO with its session), on the wire. */
#define KEYPROTO_MAX_REPLY_WIRE (2 + 2 * (4 + 5 + 2))
/* HELLO flags (version 2): keep the pending key events (a re-greeting). */
#define KEYPROTO_HELLO_KEEP 0x01

enum keyproto_cmd {
	KEYPROTO_POLL = 0x01,
	KEYPROTO_DISPLAY = 0x02,
	KEYPROTO_BEEP = 0x03,
	KEYPROTO_HELLO = 0x04,
	KEYPROTO_REPLY = 0x80,     /* bit set in every reply */
	KEYPROTO_STATUS = 0x80,
	KEYPROTO_KEY = 0x81,
	KEYPROTO_INFO = 0x84,
	KEYPROTO_NACK = 0xFF,
};

enum keyproto_key {
	KEYPROTO_KEY_NEXT = 0x01,
	KEYPROTO_KEY_RECALL = 0x02,
	KEYPROTO_KEY_SKIP = 0x03,
	KEYPROTO_KEY_REQUEUE = 0x04,
	KEYPROTO_KEY_TRANSFER = 0x05,
	KEYPROTO_KEY_PAUSE = 0x06,     /* toggles pause / resume */
	KEYPROTO_KEY_FINISH = 0x07,
	KEYPROTO_KEY_CALL = 0x08,      /* call the number given as arg */
	KEYPROTO_KEY_RATE1 = 0x11,     /* Rất hài lòng ... */
	KEYPROTO_KEY_RATE4 = 0x14,     /* ... Không hài lòng */
};

enum keyproto_beep { KEYPROTO_BEEP_OK = 1, KEYPROTO_BEEP_ERROR = 2, KEYPROTO_BEEP_ATTENTION = 3 };

/* DISPLAY flags */
#define KEYPROTO_DISPLAY_BLINK 0x01
#define KEYPROTO_DISPLAY_RATING 0x02
#define KEYPROTO_DISPLAY_DIM 0x04

struct keyproto_frame {
	uint8_t addr;
	uint8_t cmd;
	uint8_t seq;
	uint8_t len;
	uint8_t payload[KEYPROTO_MAX_PAYLOAD];
};

/* CRC-16/MODBUS (reflected 0xA001, init 0xFFFF). */
uint16_t keyproto_crc16(const uint8_t *data, size_t len);

/*
 * Writes f on the wire into out (at least KEYPROTO_MAX_WIRE bytes is always
 * enough). Returns the byte count, 0 if f->len is too large or out too small.
 */
size_t keyproto_encode(const struct keyproto_frame *f, uint8_t *out, size_t size);

/* Frame builders; text is ASCII, cut to KEYPROTO_DISPLAY_MAX characters. */
void keyproto_make_poll(struct keyproto_frame *f, uint8_t addr, uint8_t seq, uint8_t ack_event);
void keyproto_make_display(struct keyproto_frame *f, uint8_t addr, uint8_t seq, uint8_t flags,
	const char *text);
void keyproto_make_beep(struct keyproto_frame *f, uint8_t addr, uint8_t seq, uint8_t pattern);
void keyproto_make_hello(struct keyproto_frame *f, uint8_t addr, uint8_t seq);
/*
 * Version 2 requests, only for keypads whose INFO said version >= 2: a POLL
 * whose acknowledgement holds only in the keypad session it names, and a
 * HELLO with flags (KEYPROTO_HELLO_KEEP).
 */
void keyproto_make_poll_v2(struct keyproto_frame *f, uint8_t addr, uint8_t seq,
	uint8_t ack_event, uint8_t session);
void keyproto_make_hello_v2(struct keyproto_frame *f, uint8_t addr, uint8_t seq, uint8_t flags);
/* Keypad side (used by the firmware, the simulator and the tests). */
void keyproto_make_key(struct keyproto_frame *f, uint8_t addr, uint8_t seq, uint8_t event,
	uint8_t key, uint16_t arg);
void keyproto_make_status(struct keyproto_frame *f, uint8_t addr, uint8_t seq, uint8_t flags);
void keyproto_make_info(struct keyproto_frame *f, uint8_t addr, uint8_t seq, uint8_t version,
	uint8_t fw_major, uint8_t fw_minor, uint8_t keys);
/* Appends a version 2 keypad's session (1..255) to the reply f. */
void keyproto_reply_add_session(struct keyproto_frame *f, uint8_t session);
/*
 * The session byte of a reply from a version 2 keypad; 0 when the reply
 * has none (a version 1 keypad, a KEY answering a version 1 POLL, a frame
 * that is no reply).
 */
uint8_t keyproto_reply_session(const struct keyproto_frame *f);

struct keyproto_info {
	uint8_t version;     /* protocol version, 1 or more */
	uint8_t fw_major, fw_minor;
	uint8_t keys;        /* number of keys */
	uint8_t session;     /* 0 for version 1 */
};
/* Reads an INFO reply; false if f is not one. */
bool keyproto_parse_info(const struct keyproto_frame *f, struct keyproto_info *info);

/* Reads a KEY reply (with or without session); false if f is not a well-formed KEY reply. */
bool keyproto_parse_key(const struct keyproto_frame *f, uint8_t *event, uint8_t *key,
	uint16_t *arg);

/* Key code names for logs ("next", "rate1", ...); "unknown" otherwise. */
const char *keyproto_key_name(uint8_t key);

/* How long bytes take at baud (8N1: 10 bits each), rounded up. */
int keyproto_wire_ms(int baud, size_t bytes);
/*
 * How long a master waits for the reply to a request of request_bytes on
 * the wire: the request's own wire time (a USB adapter may still be
 * sending it after the kernel's queue is empty), the longest reply's wire
 * time, and answer_ms for the keypad's turnaround and answer delay and the
 * adapter's latency.
 */
int keyproto_reply_timeout_ms(int baud, size_t request_bytes, int answer_ms);

enum keyproto_feed {
	KEYPROTO_NEED_MORE,   /* nothing complete yet */
	KEYPROTO_FRAME,       /* a valid frame was copied to *out */
	KEYPROTO_BAD,         /* a frame was dropped (CRC, length, escape); resyncing */
};

struct keyproto_decoder {
	bool in_frame;
	bool escape;
	size_t n;
	uint8_t body[KEYPROTO_MAX_BODY];
	/* Counters for logs and tests. */
	unsigned frames, bad_crc, bad_format, stray;
};

void keyproto_decoder_init(struct keyproto_decoder *d);
/* Drops a partial frame (inter-byte timeout); keeps the counters. */
void keyproto_decoder_reset(struct keyproto_decoder *d);
/* Feeds one received byte. */
enum keyproto_feed keyproto_decoder_feed(struct keyproto_decoder *d, uint8_t byte,
	struct keyproto_frame *out);
