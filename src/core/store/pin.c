/*
 * PINs (see pin.h): the kiosk admin PIN and the lockout every PIN shares
 * (the admin PIN's and each officer's, one pin_guards row per subject).
 * The lock is kept as a wall-clock end time so that it survives a restart;
 * a wall clock set back cannot make it last longer than the lock itself
 * (the remaining time is capped).
 */
#define LOG_MODULE "pin"
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include "motcua/base/clock.h"
#include "motcua/base/log.h"
#include "motcua/base/utf8.h"
#include "motcua/store/events.h"
#include "motcua/store/pin.h"
#include "motcua/store/settings.h"

_Static_assert(PIN_HASH_SIZE >= crypto_pwhash_STRBYTES, "room for an Argon2id hash");

struct guard {
	int failures;            /* wrong PINs since the last success or lock */
	int locks;               /* locks since the last success */
	int64_t locked_until_ms; /* wall clock; 0 = not locked */
};

bool pin_rule_ok(const char *pin, struct result *r)
{
	size_t len = pin ? strlen(pin) : 0;
	if (len < PIN_MIN_DIGITS || len > PIN_MAX_DIGITS || strspn(pin, "0123456789") != len) {
		return result_fail(r, RESULT_ERR_INVALID, "mã PIN phải gồm %d đến %d chữ số",
			PIN_MIN_DIGITS, PIN_MAX_DIGITS);
	}
	return true;
}

static bool read_guard(struct db *db, const char *subject, struct guard *g, struct result *r)
{
	*g = (struct guard){ 0 };
	sqlite3_stmt *st = db_prepare(db,
		"SELECT failures, locks, locked_until_ms FROM pin_guards WHERE subject = ?");
	if (!st) {
		return db_fail(db, r, "đọc trạng thái khóa mã PIN");
	}
	sqlite3_bind_text(st, 1, subject, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		g->failures = sqlite3_column_int(st, 0);
		g->locks = sqlite3_column_int(st, 1);
		g->locked_until_ms = sqlite3_column_int64(st, 2);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE || db_fail(db, r, "đọc trạng thái khóa mã PIN");
}

static bool write_guard(struct db *db, const char *subject, const struct guard *g,
	struct result *r)
{
	sqlite3_stmt *st = db_prepare(db,
		"INSERT INTO pin_guards(subject, failures, locks, locked_until_ms) VALUES (?, ?, ?, ?)"
		" ON CONFLICT(subject) DO UPDATE SET failures = excluded.failures,"
		" locks = excluded.locks, locked_until_ms = excluded.locked_until_ms");
	if (st) {
		sqlite3_bind_text(st, 1, subject, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(st, 2, g->failures);
		sqlite3_bind_int(st, 3, g->locks);
		sqlite3_bind_int64(st, 4, g->locked_until_ms);
	}
	return db_step_done(db, st, r, "lưu trạng thái khóa mã PIN");
}

static int64_t lock_length_ms(int locks)
{
	int64_t ms = PIN_LOCK_MS;
	for (int i = 0; i < locks && ms < PIN_LOCK_MAX_MS; i++) {
		ms *= 2;
	}
	return ms > PIN_LOCK_MAX_MS ? PIN_LOCK_MAX_MS : ms;
}

static int64_t remaining_ms(const struct guard *g, int64_t now)
{
	int64_t left = g->locked_until_ms - now;
	if (left <= 0) {
		return 0;
	}
	/* A clock set back must not stretch the lock past its own length. */
	int64_t longest = lock_length_ms(g->locks > 0 ? g->locks - 1 : 0);
	return left > longest ? longest : left;
}

int64_t pin_guard_locked_ms(struct db *db, const char *subject)
{
	struct guard g;
	return read_guard(db, subject, &g, NULL) ? remaining_ms(&g, clock_now_ms()) : 0;
}

int64_t pin_locked_ms(struct db *db)
{
	return pin_guard_locked_ms(db, PIN_ADMIN);
}

bool pin_guard_reset(struct db *db, const char *subject, struct result *r)
{
	struct guard g = { 0 };
	return write_guard(db, subject, &g, r);
}

static bool store_hash(struct db *db, const char *hash, struct result *r)
{
	if (!settings_set(db, "admin_pin_hash", hash, r)) {
		return false;
	}
	/* A new PIN starts with a clean slate. */
	if (!db_begin(db, r)) {
		return false;
	}
	if (!pin_guard_reset(db, PIN_ADMIN, r)) {
		db_rollback(db);
		return false;
	}
	return db_commit(db, r);
}

bool pin_hash(const char *pin, char hash[PIN_HASH_SIZE], struct result *r)
{
	if (!pin_rule_ok(pin, r)) {
		return false;
	}
	if (sodium_init() < 0 || crypto_pwhash_str(hash, pin, strlen(pin),
			crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
		return result_fail(r, RESULT_ERR_IO, "không lưu được mã PIN: không đủ bộ nhớ để băm mã");
	}
	return true;
}

bool pin_set(struct db *db, const char *pin, struct result *r)
{
	char hash[PIN_HASH_SIZE];
	return pin_hash(pin, hash, r) && store_hash(db, hash, r);
}

bool pin_clear(struct db *db, struct result *r)
{
	return store_hash(db, "", r);
}

/* Appends the audit row for a wrong PIN (and a lock) at `where`. */
static bool audit(struct db *db, const struct pin_subject *who, const char *where,
	const struct pin_check *c, struct result *r)
{
	struct event ev = { .kind = EVENT_ADMIN };
	if (c->lock_started) {
		snprintf(ev.detail, sizeof(ev.detail), "%s: wrong %s PIN; %s locked for %lld min",
			where, who->label, who->locks, (long long)(c->locked_ms / 60000));
	} else {
		snprintf(ev.detail, sizeof(ev.detail), "%s: wrong %s PIN", where, who->label);
	}
	utf8_trim_partial(ev.detail);
	return events_append(db, &ev, r);
}

bool pin_verify_hash(struct db *db, const struct pin_subject *who, const char *hash,
	const char *pin, const char *where, struct pin_check *out, struct result *r)
{
	struct guard g;
	*out = (struct pin_check){ .outcome = PIN_NOT_SET };
	if (!read_guard(db, who->subject, &g, r)) {
		return false;
	}
	int64_t left = remaining_ms(&g, clock_now_ms());
	if (left > 0) {
		*out = (struct pin_check){ .outcome = PIN_LOCKED, .locked_ms = left };
		return true;
	}
	if (!hash || !*hash) {
		return true;
	}
	/* The slow part, with no lock held. */
	bool right = sodium_init() >= 0 && pin
		&& crypto_pwhash_str_verify(hash, pin, strlen(pin)) == 0;
	if (!db_begin(db, r)) {
		return false;
	}
	/* Re-read inside the write: another device may have counted meanwhile. */
	if (!read_guard(db, who->subject, &g, r)) {
		goto fail;
	}
	if (right) {
		out->outcome = PIN_RIGHT;
		g = (struct guard){ 0 };
	} else {
		out->outcome = PIN_WRONG;
		if (++g.failures >= PIN_MAX_FAILURES) {
			out->lock_started = true;
			out->locked_ms = lock_length_ms(g.locks);
			g.locks++;
			g.failures = 0;
			g.locked_until_ms = clock_now_ms() + out->locked_ms;
			LOG_WARN("%s: %s PIN locked for %lld min after %d wrong PINs", where, who->label,
				(long long)(out->locked_ms / 60000), PIN_MAX_FAILURES);
		}
	}
	if (!write_guard(db, who->subject, &g, r) || (!right && !audit(db, who, where, out, r))) {
		goto fail;
	}
	return db_commit(db, r);
fail:
	db_rollback(db);
	return false;
}

bool pin_verify(struct db *db, const char *pin, const char *where, struct pin_check *out,
	struct result *r)
{
	static const struct pin_subject admin = { PIN_ADMIN, "admin", "admin screen" };
	char hash[PIN_HASH_SIZE + 1] = "";
	settings_get(db, "admin_pin_hash", hash, sizeof(hash));
	bool ok = pin_verify_hash(db, &admin, hash, pin, where, out, r);
	sodium_memzero(hash, sizeof(hash));
	return ok;
}
