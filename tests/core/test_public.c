/*
 * The status page's token (ticket.h public_token, queue_find_public): 22
 * base64url characters set at issue, unique, found only on its business
 * day, followed through a transfer, kept out of events; the QR address
 * built from the public_url setting.
 */
#include <stdio.h>
#include <string.h>
#include "motcua/base/clock.h"
#include "motcua/store/events.h"
#include "motcua/store/settings.h"
#include "testutil.h"

#define DB(state) (((struct fixture *)*(state))->db)
#define DAY_MS (24 * 60 * MINUTE_MS)

static void test_issue_and_find(void **state)
{
	struct db *db = DB(state);
	struct result r = { 0 };
	struct ticket a = fixture_issue_at(db, "HT", false, T0_MS);
	struct ticket b = fixture_issue_at(db, "HT", false, T0_MS + MINUTE_MS);
	assert_int_equal(strlen(a.public_token), TICKET_PUBLIC_TOKEN_LEN);
	assert_int_equal(strspn(a.public_token, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
		"0123456789-_"), TICKET_PUBLIC_TOKEN_LEN);
	assert_string_not_equal(a.public_token, b.public_token);
	struct ticket t;
	assert_true(queue_find_public(db, b.public_token, &t, &r));
	assert_int_equal(t.id, b.id);
	assert_string_equal(t.number, b.number);
	/* queue_get reads it back the same. */
	assert_true(queue_get(db, a.id, &t, &r));
	assert_string_equal(t.public_token, a.public_token);
	/* Guessed, malformed and empty tokens: not found, one message. */
	char guess[TICKET_PUBLIC_TOKEN_LEN + 1];
	snprintf(guess, sizeof(guess), "%s", a.public_token);
	guess[3] = guess[3] == 'A' ? 'B' : 'A';
	assert_false(queue_find_public(db, guess, &t, &r));
	assert_int_equal(r.code, RESULT_ERR_NOTFOUND);
	assert_string_equal(r.msg, "phiếu không còn hiệu lực");
	assert_false(queue_find_public(db, "", &t, &r));
	assert_false(queue_find_public(db, "' OR 1=1 --aaaaaaaaaaaa", &t, &r));
	assert_int_equal(r.code, RESULT_ERR_NOTFOUND);
	/* The token is in no event. */
	char sql[200];
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM events WHERE instr(detail, '%s')"
		" OR instr(number, '%s')", a.public_token, a.public_token);
	assert_int_equal(fixture_query_int(db, sql), 0);
	/* Unique in the table. */
	assert_int_equal(fixture_query_int(db,
		"SELECT count(DISTINCT public_token) FROM tickets"), 2);
}

static void test_follows_transfer_then_expires(void **state)
{
	struct db *db = DB(state);
	struct result r = { 0 };
	struct ticket a = fixture_issue_at(db, "HT", false, T0_MS);
	struct ticket called = fixture_call(db, 1);
	assert_int_equal(called.id, a.id);
	struct ticket moved, t;
	assert_true(queue_transfer(db, NULL, 1, "CT", 0, &moved, &r));
	assert_true(queue_find_public(db, a.public_token, &t, &r));
	assert_int_equal(t.id, moved.id);
	assert_int_equal(t.status, TICKET_WAITING);
	assert_string_equal(t.service_code, "CT");
	/* The copy has no token of its own. */
	assert_string_equal(moved.public_token, "");
	/* The next business day the token is worth nothing. */
	clock_set_fake(T0_MS + DAY_MS);
	fixture_issue_at(db, "HT", false, T0_MS + DAY_MS);
	assert_false(queue_find_public(db, a.public_token, &t, &r));
	assert_int_equal(r.code, RESULT_ERR_NOTFOUND);
}

static void test_public_url(void **state)
{
	struct db *db = DB(state);
	struct result r = { 0 };
	struct ticket a = fixture_issue_at(db, "HT", false, T0_MS);
	char url[128], want[128], setting[128];
	assert_true(settings_get(db, "public_url", setting, sizeof(setting)));
	assert_string_equal(setting, "");
	assert_false(ticket_public_url(&a, setting, url, sizeof(url)));
	assert_string_equal(url, "");
	assert_true(settings_set(db, "public_url", "http://192.168.1.10:8081/", &r));
	assert_true(settings_get(db, "public_url", setting, sizeof(setting)));
	assert_true(ticket_public_url(&a, setting, url, sizeof(url)));
	snprintf(want, sizeof(want), "http://192.168.1.10:8081/t/%s", a.public_token);
	assert_string_equal(url, want);
	assert_false(ticket_public_url(&a, setting, url, 20));   /* too small: nothing */
	assert_string_equal(url, "");
	struct ticket old = a;
	old.public_token[0] = '\0';
	assert_false(ticket_public_url(&old, setting, url, sizeof(url)));
	assert_false(settings_set(db, "public_url", "192.168.1.10:8081", &r));
	assert_false(settings_set(db, "public_url", "http://a b", &r));
	assert_int_equal(r.code, RESULT_ERR_INVALID);
	assert_true(settings_set(db, "public_url", "", &r));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup_demo, fixture_teardown)
		T(test_issue_and_find),
		T(test_follows_transfer_then_expires),
		T(test_public_url),
#undef T
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
