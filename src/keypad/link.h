#pragma once
/*
 * The master side of the keypad bus: a serial port opened from a spec (the
 * syntax of motcua/serial/serial.h, shared with the printer:
 * "serial:/dev/ttyUSB0?baud=19200&flow=none", or just "/dev/ttyS1"; 9600
 * baud unless given), and one request/reply transaction at a time with
 * timeout and retries (firmware-notes/keypad-protocol.md).
 */
#include <stdbool.h>
#include <stdint.h>
#include "motcua/serial/keyproto.h"
#include "motcua/base/result.h"

struct link;

struct link *link_open(const char *spec, int timeout_ms, struct result *r);
void link_close(struct link *l);  /* NULL-safe */

/*
 * Sends req and waits for its reply (same address, reply bit, same SEQ),
 * resending up to `retries` more times. Broadcasts wait for nothing.
 * Frames that are not the reply (echo, late replies, noise) are skipped.
 */
bool link_transact(struct link *l, const struct keyproto_frame *req,
	struct keyproto_frame *reply, int retries);

/* Decoder counters (frames, bad_crc, bad_format, stray) for logs. */
const struct keyproto_decoder *link_stats(const struct link *l);
