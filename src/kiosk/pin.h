#pragma once
/*
 * The admin PIN pad's state: the digits typed so far, and the guard that
 * locks the pad after repeated wrong PINs. Pure logic (time is passed in),
 * so it is unit-tested without a screen. Checking a PIN against its hash is
 * the worker's job (it takes a noticeable fraction of a second).
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PIN_MAX_DIGITS 12
#define PIN_MIN_DIGITS 4
#define PIN_MAX_FAILURES 3            /* wrong PINs in a row before a lock */
#define PIN_LOCK_MS (5 * 60 * 1000)   /* first lock; doubles for each further lock */
#define PIN_LOCK_MAX_MS (60 * 60 * 1000)

struct pin_entry {
	char digits[PIN_MAX_DIGITS + 1];
	size_t len;
};

struct pin_guard {
	int failures;           /* wrong PINs since the last success or lock */
	int locks;              /* locks since the last success */
	int64_t locked_until;   /* monotonic ms; 0 = not locked */
};

/* Appends a digit ('0'..'9'); false when full or not a digit. */
bool pin_entry_add(struct pin_entry *e, char digit);
/* Removes the last digit; false when empty. */
bool pin_entry_back(struct pin_entry *e);
/* Forgets the digits (overwriting them). */
void pin_entry_clear(struct pin_entry *e);
/* True when the entry has enough digits to be checked. */
bool pin_entry_complete(const struct pin_entry *e);

/* True while locked at now_ms; *remaining_ms (may be NULL) says for how long. */
bool pin_guard_locked(const struct pin_guard *g, int64_t now_ms, int64_t *remaining_ms);
/* Counts a wrong PIN; returns true when this one started a lock. */
bool pin_guard_failed(struct pin_guard *g, int64_t now_ms);
/* A right PIN resets the guard. */
void pin_guard_succeeded(struct pin_guard *g);
