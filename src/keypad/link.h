#pragma once
/*
 * The master side of the keypad bus: a serial port opened from a spec (the
 * syntax of motcua/serial/serial.h, shared with the printer:
 * "serial:/dev/ttyUSB0?baud=19200&flow=none", or just "/dev/ttyS1"; 9600
 * baud unless given), and one request/reply transaction at a time with
 * timeout and retries (firmware-notes/keypad-protocol.md).
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "motcua/serial/keyproto.h"
#include "motcua/base/result.h"

struct link;

/*
 * answer_ms: the part of every reply timeout that does not depend on the
 * line (the keypad's turnaround and answer delay, the USB adapter's
 * latency); the wire times of request and reply are added per request.
 */
struct link *link_open(const char *spec, int answer_ms, struct result *r);
void link_close(struct link *l);  /* NULL-safe */

/*
 * Sends req and waits for its reply (same address, reply bit, same SEQ),
 * resending up to `retries` more times. Broadcasts wait for nothing.
 * Frames that are not the reply (echo, late replies, noise) are skipped.
 */
bool link_transact(struct link *l, const struct keyproto_frame *req,
	struct keyproto_frame *reply, int retries);

/* The reply timeout for a request of request_bytes on the wire. */
int link_timeout_ms(const struct link *l, size_t request_bytes);

/* Decoder counters (frames, bad_crc, bad_format, stray) for logs. */
const struct keyproto_decoder *link_stats(const struct link *l);
