/*
 * ticketlist: the "next numbers" a counter window shows must be exactly the
 * order in which call-next will take them (both priority rules, a transfer
 * to the counter in its place), and the no-show list is today's, latest first.
 */
#include <string.h>
#include "motcua/base/clock.h"
#include "motcua/store/queue.h"
#include "motcua/store/settings.h"
#include "motcua/store/ticketlist.h"
#include "../core/testutil.h"

#define DB(state) (((struct fixture *)*(state))->db)

static int64_t now_ms = T0_MS;

static struct ticket issue(struct db *db, const char *code, bool priority)
{
	struct ticket t;
	struct result r = { 0 };
	now_ms += MINUTE_MS;
	clock_set_fake(now_ms);
	assert_true(queue_issue(db, NULL, code, priority, &t, &r));
	return t;
}

/* The list predicts every following call, one by one, until nobody waits. */
static void check_list_matches_calls(struct db *db, int counter, size_t expect_n)
{
	struct ticket list[16], t;
	size_t n = 0;
	struct result r = { 0 };
	assert_true(queue_upcoming(db, counter, list, 16, &n, &r));
	assert_int_equal(n, expect_n);
	for (size_t i = 0; i < n; i++) {
		assert_true(queue_call_next(db, NULL, counter, NULL, &t, &r));
		assert_string_equal(t.number, list[i].number);
		/* And the rest of the list still predicts the rest. */
		struct ticket again[16];
		size_t m = 0;
		assert_true(queue_upcoming(db, counter, again, 16, &m, &r));
		assert_int_equal(m, n - i - 1);
		for (size_t j = 0; j < m; j++) {
			assert_string_equal(again[j].number, list[i + 1 + j].number);
		}
	}
	assert_false(queue_call_next(db, NULL, counter, NULL, &t, &r));
	assert_int_equal(r.code, RESULT_ERR_EMPTY);
}

static void issue_mix(struct db *db)
{
	issue(db, "HT", false);
	issue(db, "HT", true);
	issue(db, "HT", false);
	issue(db, "HT", true);
	issue(db, "HT", false);
	issue(db, "HT", false);
	issue(db, "HT", true);
}

static void test_interleave_order(void **state)
{
	struct db *db = DB(state);
	struct result r = { 0 };
	assert_true(settings_set(db, "priority_rule", "interleave", &r));
	assert_true(settings_set(db, "priority_every", "2", &r));
	issue_mix(db);
	struct ticket list[16];
	size_t n = 0;
	assert_true(queue_upcoming(db, 1, list, 16, &n, &r));
	assert_int_equal(n, 7);
	/* Issued N P N P N N P: a priority ticket issued before the next normal
	 * one is simply first in line; the last one, issued after two normal
	 * ones, waits for the tally (2 normal calls since the last priority). */
	static const bool want[7] = { false, true, false, true, false, false, true };
	for (size_t i = 0; i < 7; i++) {
		assert_int_equal(list[i].priority, want[i]);
	}
	check_list_matches_calls(db, 1, 7);
}

static void test_strict_order_and_max(void **state)
{
	struct db *db = DB(state);
	struct result r = { 0 };
	assert_true(settings_set(db, "priority_rule", "strict", &r));
	issue_mix(db);
	struct ticket list[3];
	size_t n = 0;
	assert_true(queue_upcoming(db, 1, list, 3, &n, &r));
	assert_int_equal(n, 3);
	for (size_t i = 0; i < 3; i++) {
		assert_true(list[i].priority);
	}
	check_list_matches_calls(db, 1, 7);
}

static void test_transferred_first_and_noshows(void **state)
{
	struct db *db = DB(state);
	struct result r = { 0 };
	struct ticket t, list[16];
	size_t n = 0;
	issue(db, "CT", false);
	issue(db, "HT", false);
	struct ticket late = issue(db, "HT", false);
	/* Counter 1 (HT) calls HT 1001 and sends it to counter 2. */
	assert_true(queue_call_next(db, NULL, 1, NULL, &t, &r));
	assert_true(queue_transfer(db, NULL, 1, NULL, 2, &t, &r));
	assert_true(queue_upcoming(db, 2, list, 16, &n, &r));
	assert_int_equal(n, 3);
	/* It keeps its place in line: after CT 2001, before HT 1002. */
	assert_string_equal(list[0].number, "2001");
	assert_string_equal(list[1].number, t.number);
	assert_int_equal(list[1].target_counter, 2);
	check_list_matches_calls(db, 2, 3);

	/* No-shows: latest first; a put-back one leaves the list. */
	struct ticket a = issue(db, "HT", false), b = issue(db, "HT", false);
	assert_true(queue_call_next(db, NULL, 1, NULL, &t, &r));
	assert_string_equal(t.number, a.number);
	assert_true(queue_skip(db, NULL, 1, &t, &r));
	now_ms += MINUTE_MS;
	clock_set_fake(now_ms);
	assert_true(queue_call_next(db, NULL, 1, NULL, &t, &r));
	assert_string_equal(t.number, b.number);
	assert_true(queue_skip(db, NULL, 1, &t, &r));
	assert_true(ticketlist_noshows(db, 1, list, 16, &n, &r));
	assert_int_equal(n, 2);
	assert_string_equal(list[0].number, b.number);
	assert_string_equal(list[1].number, a.number);
	assert_true(queue_requeue(db, NULL, b.number, "HT", &t, &r));
	assert_true(ticketlist_noshows(db, 1, list, 16, &n, &r));
	assert_int_equal(n, 1);
	assert_string_equal(list[0].number, a.number);
	(void)late;

	/* An unknown counter is an error, not an empty list. */
	assert_false(queue_upcoming(db, 99, list, 16, &n, &r));
	assert_int_equal(r.code, RESULT_ERR_NOTFOUND);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup_demo, fixture_teardown)
	const struct CMUnitTest tests[] = {
		T(test_interleave_order),
		T(test_strict_order_and_max),
		T(test_transferred_first_and_noshows),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
