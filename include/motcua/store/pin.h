#pragma once
#include "motcua/store/layer.h"
/*
 * PINs: the one owner of their rule (4 to 12 digits), their Argon2id hash,
 * their verification, the lockout after wrong PINs and the audit trail,
 * for the kiosk admin PIN (setting admin_pin_hash) and the officers' PINs
 * (officers.h). Each PIN has its own lockout, a row of table pin_guards
 * named by its subject, so a restart does not clear it: after
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
/* Room for an Argon2id hash string and its NUL. */
#define PIN_HASH_SIZE 128
/* The admin PIN's subject in pin_guards. */
#define PIN_ADMIN "admin"

/* Checks the rule and hashes pin (Argon2id, interactive limits) into hash. */
bool pin_hash(const char *pin, char hash[PIN_HASH_SIZE], struct result *r);
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

/* Whose PIN: its lockout row, and words for the audit line and the log. */
struct pin_subject {
	const char *subject;   /* pin_guards key: PIN_ADMIN, "officer:ID" */
	const char *label;     /* "wrong <label> PIN": "admin", "officer Nguyễn Văn A" */
	const char *locks;     /* "<locks> locked for N min": "admin screen", "officer ..." */
};
/*
 * pin_verify for any PIN: checks pin against hash (NULL or "" = not set:
 * PIN_NOT_SET) under who's lockout, recording the outcome like pin_verify.
 */
bool pin_verify_hash(struct db *db, const struct pin_subject *who, const char *hash,
	const char *pin, const char *where, struct pin_check *out, struct result *r);
/* How long who's PIN stays locked from now (0: not locked); read-only. */
int64_t pin_guard_locked_ms(struct db *db, const char *subject);
/* Clears a subject's lockout; the caller holds the write transaction. */
bool pin_guard_reset(struct db *db, const char *subject, struct result *r);
