#pragma once
/*
 * The admin PIN pad's digits typed so far. Pure logic, unit-tested without
 * a screen. The PIN's rule, its check, the lockout after wrong PINs and the
 * audit trail belong to the core (motcua/store/pin.h); the worker thread
 * calls it, since checking takes a noticeable fraction of a second.
 */
#include <stdbool.h>
#include <stddef.h>
#include "motcua/store/pin.h"

struct pin_entry {
	char digits[PIN_MAX_DIGITS + 1];
	size_t len;
};

/* Appends a digit ('0'..'9'); false when full or not a digit. */
bool pin_entry_add(struct pin_entry *e, char digit);
/* Removes the last digit; false when empty. */
bool pin_entry_back(struct pin_entry *e);
/* Forgets the digits (overwriting them). */
void pin_entry_clear(struct pin_entry *e);
/* True when the entry has enough digits to be checked. */
bool pin_entry_complete(const struct pin_entry *e);
/*
 * Time left of the lock the core last reported, as a monotonic end time
 * (until_ms; 0 = none): the pad stays shut meanwhile. 0 when not locked.
 */
#include <stdint.h>
int64_t pin_pad_locked_ms(int64_t until_ms, int64_t now_ms);
