/*
 * Officer accounts (officers.h): add with an Argon2id PIN, login, the
 * lockout of pin.c per account (kept in the database, apart from the admin
 * PIN's), disable; calls, finishes and ratings record the account; the
 * report by officer groups by it and tells citizen ratings apart.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "motcua/base/clock.h"
#include "motcua/store/officers.h"
#include "motcua/store/report.h"
#include "testutil.h"

#define DB(state) (((struct fixture *)*(state))->db)

static enum pin_outcome login(struct db *db, const char *name, const char *pin,
	struct officer *o, struct pin_check *c)
{
	struct result r = { 0 };
	if (!officer_login(db, name, pin, "web 127.0.0.1", o, c, &r)) {
		fail_msg("officer_login: %s", r.msg);
	}
	return c->outcome;
}

static void test_accounts_and_lockout(void **state)
{
	struct db *db = DB(state);
	struct result r = { 0 };
	struct officer o, got;
	struct pin_check c;
	assert_true(officer_add(db, "Nguyễn Thị Hoa", "1357", &o, &r));
	assert_true(o.id > 0);
	assert_false(officer_add(db, "Nguyễn Thị Hoa", "2468", NULL, &r));   /* taken */
	assert_int_equal(r.code, RESULT_ERR_STATE);
	assert_false(officer_add(db, "Lê Văn B", "12", NULL, &r));           /* PIN rule */
	assert_int_equal(r.code, RESULT_ERR_INVALID);
	assert_false(officer_add(db, "", "1234", NULL, &r));
	assert_false(officer_add(db, "a\x1b[2Jb", "1234", NULL, &r));
	assert_int_equal(fixture_query_int(db, "SELECT count(*) FROM officers"), 1);
	assert_int_equal(fixture_query_int(db,
		"SELECT pin_hash LIKE '$argon2id$%' FROM officers"), 1);
	assert_int_equal(login(db, "Nguyễn Thị Hoa", "1357", &got, &c), PIN_RIGHT);
	assert_int_equal(got.id, o.id);
	assert_int_equal(login(db, "Không Có Ai", "1357", &got, &c), PIN_NOT_SET);
	/* Three wrong PINs lock this account, in the database; the admin PIN is apart. */
	assert_int_equal(login(db, "Nguyễn Thị Hoa", "0000", &got, &c), PIN_WRONG);
	assert_int_equal(login(db, "Nguyễn Thị Hoa", "0001", &got, &c), PIN_WRONG);
	assert_int_equal(login(db, "Nguyễn Thị Hoa", "0002", &got, &c), PIN_WRONG);
	assert_true(c.lock_started);
	assert_int_equal(c.locked_ms, PIN_LOCK_MS);
	assert_int_equal(login(db, "Nguyễn Thị Hoa", "1357", &got, &c), PIN_LOCKED);
	char sql[160];
	snprintf(sql, sizeof(sql), "SELECT locked_until_ms > 0 FROM pin_guards"
		" WHERE subject = 'officer:%lld'", (long long)o.id);
	assert_int_equal(fixture_query_int(db, sql), 1);
	assert_int_equal(pin_locked_ms(db), 0);
	assert_int_equal(fixture_query_int(db, "SELECT count(*) FROM events WHERE kind = 'admin'"
		" AND detail LIKE 'web 127.0.0.1: wrong officer Nguyễn Thị Hoa PIN%'"), 3);
	/* The lock ends; the next lock is twice as long. */
	clock_set_fake(T0_MS + PIN_LOCK_MS + 1000);
	assert_int_equal(login(db, "Nguyễn Thị Hoa", "1357", &got, &c), PIN_RIGHT);
	/* Disabled: refused like an unknown name, listed as inactive. */
	assert_true(officer_disable(db, "Nguyễn Thị Hoa", &r));
	assert_int_equal(login(db, "Nguyễn Thị Hoa", "1357", &got, &c), PIN_NOT_SET);
	assert_false(officer_disable(db, "Không Có Ai", &r));
	assert_int_equal(r.code, RESULT_ERR_NOTFOUND);
	struct officer *list;
	size_t n;
	assert_true(officer_list(db, &list, &n, &r));
	assert_int_equal(n, 1);
	assert_false(list[0].active);
	free(list);
}

static void test_tickets_record_accounts(void **state)
{
	struct db *db = DB(state);
	struct result r = { 0 };
	struct officer hoa, nam;
	struct ticket t;
	assert_true(officer_add(db, "Nguyễn Thị Hoa", "1357", &hoa, &r));
	assert_true(officer_add(db, "Trần Văn Nam", "2468", &nam, &r));
	fixture_issue_at(db, "HT", false, T0_MS);
	fixture_issue_at(db, "HT", false, T0_MS);
	assert_true(queue_call_next(db, NULL, 1, "Nguyễn Thị Hoa", &t, &r));
	int64_t first = t.id;
	/* Two officers at one counter: Nam finishes what Hoa called. */
	assert_true(queue_finish_as(db, NULL, 1, "Trần Văn Nam", &t, &r));
	char sql[200];
	snprintf(sql, sizeof(sql), "SELECT officer_id * 1000 + finished_by FROM tickets"
		" WHERE id = %lld", (long long)first);
	assert_int_equal(fixture_query_int(db, sql), hoa.id * 1000 + nam.id);
	/* A citizen rates on the tablet: source citizen, account the one who finished. */
	assert_true(queue_rate_from(db, NULL, first, RATING_SATISFIED, RATING_FROM_CITIZEN, NULL,
		"Chờ lâu", &t, &r));
	snprintf(sql, sizeof(sql), "SELECT rating_source = 'citizen' AND rating_reason = 'Chờ lâu'"
		" AND rated_by = %lld"
		" FROM tickets WHERE id = %lld", (long long)nam.id, (long long)first);
	assert_int_equal(fixture_query_int(db, sql), 1);
	/* The officer rates the second one: source officer. */
	assert_true(queue_call_next(db, NULL, 1, "Trần Văn Nam", &t, &r));
	int64_t second = t.id;
	assert_true(queue_finish_as(db, NULL, 1, "Trần Văn Nam", &t, &r));
	assert_true(queue_rate_request(db, NULL, second, RATING_UNSATISFIED, &t, &r));
	snprintf(sql, sizeof(sql), "SELECT rating_source = 'officer' AND rated_by = %lld"
		" FROM tickets WHERE id = %lld", (long long)nam.id, (long long)second);
	assert_int_equal(fixture_query_int(db, sql), 1);
	/* The report by officer follows the accounts and shows citizens' ratings apart. */
	struct report rep;
	int day = (int)fixture_query_int(db, "SELECT day FROM tickets LIMIT 1");
	assert_true(report_build(db, day, day, REPORT_BY_OFFICER, &rep, &r));
	assert_int_equal(rep.n_rows, 1);
	assert_string_equal(rep.rows[0].key, "Trần Văn Nam");
	assert_int_equal(rep.rows[0].served, 2);
	assert_int_equal(rep.rows[0].ratings[RATING_SATISFIED], 1);
	assert_int_equal(rep.rows[0].ratings[RATING_UNSATISFIED], 1);
	assert_int_equal(rep.rows[0].citizen_ratings[RATING_SATISFIED], 1);
	assert_int_equal(rep.rows[0].citizen_ratings[RATING_UNSATISFIED], 0);
	char *csv = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&csv, &len);
	report_write_csv(&rep, f);
	fclose(f);
	assert_non_null(strstr(csv, "\"Công dân: Hài lòng\""));
	assert_non_null(strstr(csv, ",0,1,0,1,0,1,0,0\r\n"));
	free(csv);
	report_finish(&rep);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup_demo, fixture_teardown)
		T(test_accounts_and_lockout),
		T(test_tickets_record_accounts),
#undef T
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
