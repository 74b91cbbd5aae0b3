/*
 * Device tokens (tokens.h): made once and shown once, only a hash stored,
 * found by the token, refused once revoked; roles and counters as the
 * server needs them; names the server can put in front of request ids.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "motcua/store/server_info.h"
#include "motcua/store/tokens.h"
#include "testutil.h"

#define DB(state) (((struct fixture *)*(state))->db)

static void test_add_check_revoke(void **state)
{
	struct db *db = DB(state);
	struct result r = { 0 };
	char token[TOKEN_TEXT_LEN + 1], other[TOKEN_TEXT_LEN + 1];
	struct token_info info;
	assert_true(tokens_add(db, "kiosk-1", TOKEN_KIOSK, 0, token, &r));
	assert_int_equal(strlen(token), TOKEN_TEXT_LEN);
	assert_int_equal(strspn(token, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
		"0123456789-_"), TOKEN_TEXT_LEN);
	assert_true(tokens_add(db, "quay.2", TOKEN_COUNTER, 2, other, &r));
	assert_string_not_equal(token, other);
	assert_int_equal(tokens_check(db, token, &info), TOKEN_VALID);
	assert_string_equal(info.name, "kiosk-1");
	assert_int_equal(info.role, TOKEN_KIOSK);
	assert_int_equal(info.counter, 0);
	assert_int_equal(tokens_check(db, other, &info), TOKEN_VALID);
	assert_int_equal(info.role, TOKEN_COUNTER);
	assert_int_equal(info.counter, 2);
	/* Only the hash is stored: the token itself is nowhere in the table. */
	char sql[200];
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM tokens WHERE hash = '%s' OR name = '%s'"
		" OR instr(hash, '%.20s') > 0", token, token, token);
	assert_int_equal(fixture_query_int(db, sql), 0);
	assert_int_equal(fixture_query_int(db, "SELECT length(hash) FROM tokens LIMIT 1"), 64);
	token[5] ^= 1;
	assert_int_equal(tokens_check(db, token, &info), TOKEN_UNKNOWN);
	token[5] ^= 1;
	assert_int_equal(tokens_check(db, "", &info), TOKEN_UNKNOWN);
	struct token_info *list;
	size_t n;
	assert_true(tokens_list(db, &list, &n, &r));
	assert_int_equal(n, 2);
	assert_string_equal(list[0].name, "kiosk-1");
	assert_string_equal(list[1].name, "quay.2");
	free(list);
	assert_true(tokens_revoke(db, "kiosk-1", &r));
	assert_int_equal(tokens_check(db, token, &info), TOKEN_UNKNOWN);
	assert_false(tokens_revoke(db, "kiosk-1", &r));
	assert_int_equal(r.code, RESULT_ERR_NOTFOUND);
	assert_int_equal(fixture_query_int(db,
		"SELECT count(*) FROM events WHERE kind = 'admin' AND detail LIKE 'token %'"), 3);
}

static void test_rules(void **state)
{
	struct db *db = DB(state);
	struct result r = { 0 };
	char token[TOKEN_TEXT_LEN + 1];
	int64_t before = fixture_query_int(db, "SELECT count(*) FROM events");
	assert_false(tokens_add(db, "", TOKEN_KIOSK, 0, token, &r));
	assert_false(tokens_add(db, "-x", TOKEN_KIOSK, 0, token, &r));
	assert_false(tokens_add(db, "a b", TOKEN_KIOSK, 0, token, &r));
	assert_false(tokens_add(db, "a:b", TOKEN_KIOSK, 0, token, &r));
	assert_false(tokens_add(db, "quầy", TOKEN_KIOSK, 0, token, &r));
	assert_false(tokens_add(db, "a23456789012345678901234567890123", TOKEN_KIOSK, 0, token, &r));
	assert_int_equal(r.code, RESULT_ERR_INVALID);
	assert_false(tokens_add(db, "c", TOKEN_COUNTER, 0, token, &r));      /* needs a counter */
	assert_false(tokens_add(db, "t", TOKEN_RATING, 0, token, &r));
	assert_false(tokens_add(db, "k", TOKEN_KIOSK, 1, token, &r));        /* may not have one */
	assert_false(tokens_add(db, "c", TOKEN_COUNTER, 99, token, &r));     /* no counter 99 */
	assert_int_equal(r.code, RESULT_ERR_NOTFOUND);
	assert_int_equal(fixture_query_int(db, "SELECT count(*) FROM tokens"), 0);
	assert_int_equal(fixture_query_int(db, "SELECT count(*) FROM events"), before);
	assert_true(tokens_add(db, "a23456789012345678901234567890_2", TOKEN_ADMIN, 0, token, &r));
	assert_false(tokens_add(db, "a23456789012345678901234567890_2", TOKEN_DISPLAY, 0, token, &r));
	assert_int_equal(r.code, RESULT_ERR_STATE);
	enum token_role role;
	assert_true(token_role_parse("rating", &role));
	assert_int_equal(role, TOKEN_RATING);
	assert_false(token_role_parse("root", &role));
	assert_string_equal(token_role_name(TOKEN_DISPLAY), "display");
}

static void test_server_info(void **state)
{
	struct db *db = DB(state);
	struct result r = { 0 };
	struct server_info info = { .started_ms = 5 }, back;
	assert_true(server_info_read(db, &back, &r));
	assert_int_equal(back.started_ms, 0);
	snprintf(info.url, sizeof(info.url), "https://0.0.0.0:8443");
	snprintf(info.tls_fingerprint, sizeof(info.tls_fingerprint), "AB:CD");
	snprintf(info.tls_pin, sizeof(info.tls_pin), "sha256//x=");
	assert_true(server_info_record(db, &info, &r));
	info.started_ms = 6;
	assert_true(server_info_record(db, &info, &r));
	assert_true(server_info_read(db, &back, &r));
	assert_string_equal(back.url, info.url);
	assert_string_equal(back.tls_fingerprint, "AB:CD");
	assert_string_equal(back.tls_pin, "sha256//x=");
	assert_int_equal(back.started_ms, 6);
	assert_int_equal(fixture_query_int(db, "SELECT count(*) FROM server_info"), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup_demo, fixture_teardown)
		T(test_add_check_revoke),
		T(test_rules),
		T(test_server_info),
#undef T
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
