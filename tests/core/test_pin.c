/* The admin PIN: rule, hash, check, a lockout that survives a restart, audit rows. */
#include <string.h>
#include "motcua/base/clock.h"
#include "motcua/store/pin.h"
#include "testutil.h"

static int64_t wrong_pin_events(struct db *db)
{
	return fixture_query_int(db,
		"SELECT count(*) FROM events WHERE kind = 'admin' AND detail LIKE 'kiosk: wrong admin PIN%'");
}

static void verify(struct db *db, const char *pin, enum pin_outcome want, struct pin_check *c)
{
	struct result r = { 0 };
	if (!pin_verify(db, pin, "kiosk", c, &r)) {
		fail_msg("pin_verify: %s", r.msg);
	}
	assert_int_equal(c->outcome, want);
}

static void test_rule_and_hash(void **state)
{
	struct fixture *f = *state;
	struct result r = { 0 };
	struct pin_check c;
	verify(f->db, "1234", PIN_NOT_SET, &c);
	static const char *const bad[] = { "", "123", "1234567890123", "12a4", " 1234", "+1234" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_false(pin_set(f->db, bad[i], &r));
		assert_int_equal(r.code, RESULT_ERR_INVALID);
	}
	assert_true(pin_set(f->db, "2468", &r));
	assert_int_equal(fixture_query_int(f->db, "SELECT value LIKE '$argon2id$%' FROM settings"
		" WHERE key = 'admin_pin_hash'"), 1);
	verify(f->db, "2468", PIN_RIGHT, &c);
	verify(f->db, "2469", PIN_WRONG, &c);
	assert_false(c.lock_started);
	assert_int_equal(wrong_pin_events(f->db), 1);
	assert_true(pin_clear(f->db, &r));
	verify(f->db, "2468", PIN_NOT_SET, &c);
}

static void test_lockout_survives_restart(void **state)
{
	struct fixture *f = *state;
	struct result r = { 0 };
	struct pin_check c;
	assert_true(pin_set(f->db, "4321", &r));
	verify(f->db, "1111", PIN_WRONG, &c);
	verify(f->db, "2222", PIN_WRONG, &c);
	verify(f->db, "3333", PIN_WRONG, &c);
	assert_true(c.lock_started);
	assert_int_equal(c.locked_ms, PIN_LOCK_MS);
	assert_int_equal(wrong_pin_events(f->db), 3);
	assert_int_equal(fixture_query_int(f->db, "SELECT count(*) FROM events"
		" WHERE kind = 'admin' AND detail LIKE '%locked for 5 min'"), 1);
	/* The kiosk restarts: a new connection, nothing in memory. */
	db_close(f->db);
	f->db = fixture_reopen(f);
	assert_int_equal(pin_locked_ms(f->db), PIN_LOCK_MS);
	verify(f->db, "4321", PIN_LOCKED, &c);          /* even the right PIN waits */
	assert_int_equal(c.locked_ms, PIN_LOCK_MS);
	assert_int_equal(wrong_pin_events(f->db), 3);   /* not checked, not counted */
	/* A clock set back a day does not stretch the lock. */
	clock_set_fake(T0_MS - 24 * 60 * MINUTE_MS);
	assert_int_equal(pin_locked_ms(f->db), PIN_LOCK_MS);
	/* Five minutes later the pad opens; three more wrong PINs lock it twice as long. */
	clock_set_fake(T0_MS + PIN_LOCK_MS);
	assert_int_equal(pin_locked_ms(f->db), 0);
	verify(f->db, "1111", PIN_WRONG, &c);
	verify(f->db, "1111", PIN_WRONG, &c);
	verify(f->db, "1111", PIN_WRONG, &c);
	assert_true(c.lock_started);
	assert_int_equal(c.locked_ms, 2 * PIN_LOCK_MS);
	/* After the lock, the right PIN resets everything. */
	clock_set_fake(T0_MS + 3 * PIN_LOCK_MS);
	verify(f->db, "4321", PIN_RIGHT, &c);
	verify(f->db, "1111", PIN_WRONG, &c);
	verify(f->db, "1111", PIN_WRONG, &c);
	verify(f->db, "1111", PIN_WRONG, &c);
	assert_int_equal(c.locked_ms, PIN_LOCK_MS);
	/* Setting a new PIN clears the lock. */
	assert_true(pin_set(f->db, "5555", &r));
	verify(f->db, "5555", PIN_RIGHT, &c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup_demo, fixture_teardown)
		T(test_rule_and_hash),
		T(test_lockout_survives_restart),
#undef T
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
