/*
 * An officer's login at a counter through a local desk (desk.h): the
 * active accounts listed, a wrong PIN counted, the lockout after three,
 * a right PIN making the account the counter's so that the next call
 * records it (officer_id).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "motcua/desk/desk.h"
#include "motcua/store/officers.h"
#include "testutil.h"

static struct desk *open_desk(struct fixture *f)
{
	struct desk_options o = { .db = f->path, .mode = DB_READWRITE };
	struct result r = { 0 };
	struct desk *d = desk_open(&o, &r);
	if (!d) {
		fail_msg("desk_open: %s", r.msg);
	}
	return d;
}

static enum pin_outcome login(struct desk *d, const char *name, const char *pin,
	struct officer *o, struct pin_check *c)
{
	struct result r = { 0 };
	if (!desk_officer_login(d, 1, name, pin, o, c, &r)) {
		fail_msg("desk_officer_login: %s", r.msg);
	}
	return c->outcome;
}

static void test_list_and_login(void **state)
{
	struct fixture *f = *state;
	struct result r = { 0 };
	struct officer hoa, nam, got, *list = NULL;
	struct pin_check c;
	size_t n = 0;
	assert_true(officer_add(f->db, "Nguyễn Thị Hoa", "1357", &hoa, &r));
	assert_true(officer_add(f->db, "Trần Văn Nam", "2468", &nam, &r));
	assert_true(officer_add(f->db, "Lê Thị Cũ", "1111", NULL, &r));
	assert_true(officer_disable(f->db, "Lê Thị Cũ", &r));
	struct desk *d = open_desk(f);
	assert_true(desk_officers(d, &list, &n, &r));
	assert_int_equal(n, 2);   /* the disabled account is not offered */
	assert_string_equal(list[0].name, "Nguyễn Thị Hoa");
	assert_string_equal(list[1].name, "Trần Văn Nam");
	free(list);

	/* Wrong: counted, the counter keeps no officer. */
	assert_int_equal(login(d, "Trần Văn Nam", "0000", &got, &c), PIN_WRONG);
	assert_false(c.lock_started);
	assert_int_equal(fixture_query_int(f->db,
		"SELECT count(*) FROM counters WHERE number = 1 AND officer = 'Trần Văn Nam'"), 0);
	/* Right: the counter's officer is the account; the next call records it. */
	assert_int_equal(login(d, "Trần Văn Nam", "2468", &got, &c), PIN_RIGHT);
	assert_int_equal(got.id, nam.id);
	assert_string_equal(got.name, "Trần Văn Nam");
	fixture_issue_at(f->db, "HT", false, 0);
	struct ticket t;
	assert_true(desk_call_next(d, 1, NULL, &t, &r));
	char sql[160];
	snprintf(sql, sizeof(sql), "SELECT officer_id FROM tickets WHERE id = %lld",
		(long long)t.id);
	assert_int_equal(fixture_query_int(f->db, sql), nam.id);
	/* Locked: three wrong PINs, then even the right one is refused. */
	assert_int_equal(login(d, "Nguyễn Thị Hoa", "0000", &got, &c), PIN_WRONG);
	assert_int_equal(login(d, "Nguyễn Thị Hoa", "0001", &got, &c), PIN_WRONG);
	assert_int_equal(login(d, "Nguyễn Thị Hoa", "0002", &got, &c), PIN_WRONG);
	assert_true(c.lock_started);
	assert_int_equal(c.locked_ms, PIN_LOCK_MS);
	assert_int_equal(login(d, "Nguyễn Thị Hoa", "1357", &got, &c), PIN_LOCKED);
	assert_true(c.locked_ms > 0);
	assert_int_equal(fixture_query_int(f->db,
		"SELECT count(*) FROM counters WHERE number = 1 AND officer = 'Nguyễn Thị Hoa'"), 0);
	/* An unknown name is not an account: not set, without saying which. */
	assert_int_equal(login(d, "Không Có Ai", "1357", &got, &c), PIN_NOT_SET);
	desk_close(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_list_and_login, fixture_setup_demo,
			fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
