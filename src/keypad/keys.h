#pragma once
/*
 * What a keypad key does to the queue, and the little per-counter memory the
 * keys need: the ticket finished last (for a rating within rating_timeout_s)
 * and the latest no-show (for "put back" without a number). Both are learnt
 * from the event log, so actions taken in the counter window or the CLI
 * count too.
 */
#include <stdbool.h>
#include <stdint.h>
#include "motcua/desk/desk.h"

struct keys;

struct keys *keys_create(struct desk *desk);
void keys_destroy(struct keys *k);  /* NULL-safe */

/* Reads events committed since the last call (cheap when none). */
void keys_follow(struct keys *k);

/*
 * Executes key (enum keyproto_key) with its numeric argument for counter.
 * Returns true when the operation was done; false when it was refused (the
 * reason is logged), so the keypad gets an error beep.
 */
bool keys_execute(struct keys *k, int counter, uint8_t key, uint16_t arg);

/* True while counter's last finished ticket can still be rated. */
bool keys_rating_open(struct keys *k, int counter);
/* Monotonic ms when the open rating window of counter closes (0 = none). */
int64_t keys_rating_deadline(struct keys *k, int counter);
