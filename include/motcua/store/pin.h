#pragma once
#include "motcua/store/layer.h"
/*
 * The kiosk admin PIN: the one owner of its rule (4 to 12 digits), its
 * Argon2id hash (setting admin_pin_hash), its verification, the lockout
 * after wrong PINs and the audit trail. The lockout lives in the database
 * (table pin_guard), so a restart of the kiosk does not clear it: after
 * PIN_MAX_FAILURES wrong PINs in a row the pad is locked for PIN_LOCK_MS,
 * doubling with each further lock up to PIN_LOCK_MAX_MS; a right PIN resets
 * it. Every wrong PIN and every lock appends an `admin` event.
 *
 * Verifying costs about 0.1 s of CPU and 64 MiB (Argon2id, "interactive"
 * limits): call it from a worker thread, never a UI thread. No database
 * lock is held while hashing.
 */
#include <stdbool.h>
#include <stdint.h>
#include "motcua/store/db.h"

#define PIN_MIN_DIGITS 4
#define PIN_MAX_DIGITS 12
#define PIN_MAX_FAILURES 3              /* wrong PINs in a row before a lock */
#define PIN_LOCK_MS (5 * 60 * 1000)     /* first lock; doubles for each further lock */
#define PIN_LOCK_MAX_MS (60 * 60 * 1000)

/* True when pin follows the rule (4-12 digits); else r says so (RESULT_ERR_INVALID). */
bool pin_rule_ok(const char *pin, struct result *r);
/* Checks the rule, hashes and stores the PIN (a `setting` event); resets the lockout. */
bool pin_set(struct db *db, const char *pin, struct result *r);
/* Removes the PIN: the admin screen stays locked until one is set. */
bool pin_clear(struct db *db, struct result *r);

enum pin_outcome {
	PIN_RIGHT,
	PIN_WRONG,       /* counted; lock_started when this one locked the pad */
	PIN_LOCKED,      /* not checked: the pad is locked (locked_ms left) */
	PIN_NOT_SET,     /* no PIN has been set (`motcua pin set`) */
};

struct pin_check {
	enum pin_outcome outcome;
	bool lock_started;
	int64_t locked_ms;   /* PIN_WRONG (lock_started) or PIN_LOCKED: how long the lock lasts */
};

/*
 * Checks pin typed at `where` (e.g. "kiosk", for the audit row) under the
 * lockout, records the outcome (failure count, lock, audit event) in one
 * transaction. False only when the database failed (r filled).
 */
bool pin_verify(struct db *db, const char *pin, const char *where, struct pin_check *out,
	struct result *r);
/* How long the pad stays locked from now (0: not locked); read-only. */
int64_t pin_locked_ms(struct db *db);
