/* The business day: local midnight, expiry, and a clock that goes back. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "motcua/base/clock.h"
#include "motcua/store/day.h"
#include "motcua/store/queue.h"
#include "motcua/store/settings.h"
#include "motcua/store/events.h"
#include "motcua/store/snapshot.h"
#include "testutil.h"

#define DB(state) (((struct fixture *)*(state))->db)
#define HOUR_MS (60 * MINUTE_MS)

static struct ticket issue(struct db *db, const char *code)
{
	struct ticket t;
	struct result r = { 0 };
	if (!queue_issue(db, NULL, code, false, &t, &r)) {
		fail_msg("issue: %s", r.msg);
	}
	return t;
}

static void test_local_day_not_utc(void **state)
{
	(void)state;
	/* 2026-11-26 17:30 UTC is already 27/11 00:30 in Vietnam. */
	int64_t t = T0_MS + 15 * HOUR_MS + 30 * MINUTE_MS;
	assert_int_equal(clock_local_day(t), 20261127);
	assert_int_equal(clock_local_day(t - HOUR_MS), 20261126);
	char d[11], h[6];
	clock_format_date(t, d);
	clock_format_time(t, h);
	assert_string_equal(d, "27/11/2026");
	assert_string_equal(h, "00:30");
	assert_int_equal(clock_day_start_ms(20261127), T0_MS + 15 * HOUR_MS);
	assert_int_equal(clock_day_add(20261231, 1), 20270101);
	assert_int_equal(clock_day_add(20240301, -1), 20240229);
	int day;
	assert_true(clock_parse_day("2026-02-28", &day));
	assert_int_equal(day, 20260228);
	assert_true(clock_parse_day("05/01/2027", &day));
	assert_int_equal(day, 20270105);
	assert_false(clock_parse_day("2026-02-30", &day));
	assert_false(clock_parse_day("31/13/2026", &day));
	assert_false(clock_parse_day("yesterday-ish", &day));
	assert_false(clock_set_zone("../../etc/passwd"));
	assert_false(clock_set_zone("Mars/Olympus"));
}

static void test_midnight_rollover(void **state)
{
	struct db *db = DB(state);
	struct result r = { 0 };
	struct ticket t;
	issue(db, "HT");                      /* 1001 */
	issue(db, "HT");                      /* 1002 */
	issue(db, "CT");                      /* 2001 */
	assert_true(queue_call_next(db, NULL, 1, NULL, &t, &r));  /* 1001 called, left open */
	/* 23:59 local: still the same day, numbering continues. */
	clock_set_fake(clock_day_start_ms(20261127) - MINUTE_MS);
	assert_string_equal(issue(db, "HT").number, "1003");
	/* 00:01 local (17:01 UTC, still the 26th in UTC): a new day. */
	clock_set_fake(clock_day_start_ms(20261127) + MINUTE_MS);
	t = issue(db, "HT");
	assert_string_equal(t.number, "1001");
	assert_int_equal(t.day, 20261127);
	/* Yesterday's open tickets were closed as expired, with events. */
	assert_int_equal(fixture_query_int(db,
		"SELECT count(*) FROM tickets WHERE day = 20261126 AND status = 'expired'"), 4);
	assert_int_equal(fixture_query_int(db,
		"SELECT count(*) FROM events WHERE kind = 'expire'"), 4);
	assert_int_equal(fixture_query_int(db,
		"SELECT count(*) FROM counters WHERE current_ticket IS NOT NULL"), 0);
	/* Calling now gives today's ticket, not yesterday's. */
	assert_true(queue_call_next(db, NULL, 1, NULL, &t, &r));
	assert_int_equal(t.day, 20261127);
	assert_true(db_check(db, &r));
}

static void test_rollover_expires_many(void **state)
{
	struct db *db = DB(state);
	for (int i = 0; i < 150; i++) {
		issue(db, i % 2 ? "HT" : "CT");
	}
	clock_set_fake(T0_MS + 24 * HOUR_MS);
	issue(db, "HT");
	assert_int_equal(fixture_query_int(db,
		"SELECT count(*) FROM tickets WHERE status = 'expired'"), 150);
	assert_int_equal(fixture_query_int(db,
		"SELECT count(*) FROM events WHERE kind = 'expire'"), 150);
}

static void test_rollover_with_utc_zone_setting(void **state)
{
	struct db *db = DB(state);
	struct result r = { 0 };
	assert_true(settings_set(db, "timezone", "UTC", &r));
	assert_false(settings_set(db, "timezone", "Nowhere/Land", &r));
	assert_int_equal(r.code, RESULT_ERR_INVALID);
	/* Validating changed nothing; the programs take the zone when they start. */
	assert_int_equal(clock_local_day(T0_MS + 15 * HOUR_MS + 30 * MINUTE_MS), 20261127);
	settings_use_zone(db);
	/* 00:30 local Vietnam = 17:30 UTC on the 26th: with UTC it is still the 26th. */
	clock_set_fake(T0_MS + 15 * HOUR_MS + 30 * MINUTE_MS);
	assert_int_equal(issue(db, "HT").day, 20261126);
	clock_set_zone("Asia/Ho_Chi_Minh");
}

static void test_clock_going_back_refuses_issue(void **state)
{
	struct db *db = DB(state);
	struct result r = { 0 };
	struct ticket t;
	issue(db, "HT");                               /* 26/11 1001 */
	clock_set_fake(T0_MS + 24 * HOUR_MS);
	issue(db, "HT");                               /* 27/11 1001 */
	issue(db, "HT");                               /* 27/11 1002 */
	/* The RTC battery died: the clock says 26/11 again. */
	clock_set_fake(T0_MS + 2 * HOUR_MS);
	assert_false(queue_issue(db, NULL, "HT", false, &t, &r));
	assert_int_equal(r.code, RESULT_ERR_CLOCK);
	assert_non_null(strstr(r.msg, "26/11/2026"));
	assert_non_null(strstr(r.msg, "27/11/2026"));
	/* Nothing reopened, nothing issued. */
	assert_int_equal(fixture_query_int(db, "SELECT count(*) FROM tickets"), 3);
	assert_int_equal(fixture_query_int(db,
		"SELECT count(*) FROM tickets WHERE day = 20261126 AND status = 'waiting'"), 0);
	/* Officers can still call today's citizens. */
	assert_true(queue_call_next(db, NULL, 1, NULL, &t, &r));
	assert_int_equal(t.day, 20261127);
	assert_string_equal(t.number, "1001");
	/* Clock fixed: numbering continues with no duplicate. */
	clock_set_fake(T0_MS + 25 * HOUR_MS);
	assert_string_equal(issue(db, "HT").number, "1003");
}

static void test_clock_far_ahead_refused_and_day_reset(void **state)
{
	struct db *db = DB(state);
	struct result r = { 0 };
	struct ticket t;
	issue(db, "HT");                               /* 26/11 1001 */
	assert_true(queue_call_next(db, NULL, 1, NULL, &t, &r));
	/* A bad NTP step to 2028: refused, today's queue untouched. */
	clock_set_fake(T0_MS + 400 * 24 * HOUR_MS);
	assert_false(queue_issue(db, NULL, "HT", false, &t, &r));
	assert_int_equal(r.code, RESULT_ERR_CLOCK);
	assert_non_null(strstr(r.msg, "motcua day reset"));
	assert_int_equal(fixture_query_int(db,
		"SELECT count(*) FROM tickets WHERE status = 'expired'"), 0);
	/* The technician confirms the date (e.g. the desk was closed for months). */
	int from, to;
	assert_true(queue_day_reset(db, &from, &to, &r));
	assert_int_equal(from, 20261126);
	assert_int_equal(to, clock_local_day(T0_MS + 400 * 24 * HOUR_MS));
	assert_int_equal(issue(db, "HT").day, to);
	/* Or the other way: a day recorded in the future, clock now right. */
	clock_set_fake(T0_MS);
	assert_false(queue_issue(db, NULL, "HT", false, &t, &r));
	assert_int_equal(r.code, RESULT_ERR_CLOCK);
	assert_true(queue_day_reset(db, &from, &to, &r));
	assert_int_equal(to, 20261126);
	t = issue(db, "HT");
	assert_int_equal(t.day, 20261126);
	assert_string_equal(t.number, "1002");
	/* The first reset (to the wrong date) had expired 1001 at counter 1; the
	 * reset back to the right day put it back there. */
	assert_int_equal(fixture_query_int(db,
		"SELECT count(*) FROM tickets WHERE status IN ('waiting', 'called')"), 2);
	assert_int_equal(fixture_query_int(db, "SELECT t.number FROM counters c"
		" JOIN tickets t ON t.id = c.current_ticket WHERE c.number = 1"), 1001);
	assert_true(db_check(db, &r));
}

#define DAY_MS (24 * HOUR_MS)

static int64_t query(struct db *db, const char *sql)
{
	return fixture_query_int(db, sql);
}

/* Same boot: a wall clock stepped 3 days ahead is not believed before the
 * time has really passed; the line stays, numbering goes on. */
static void test_step_forward_held_by_elapsed_time(void **state)
{
	struct db *db = DB(state);
	struct result r = { 0 };
	struct ticket t;
	int64_t mono = 5 * HOUR_MS;
	clock_set_fake_boot(mono, 42);
	issue(db, "HT");                                    /* 1001 */
	issue(db, "HT");                                    /* 1002 */
	assert_true(queue_call_next(db, NULL, 1, NULL, &t, &r));  /* 1001 at counter 1 */
	/* One minute later the clock says three days later. */
	clock_set_fake(T0_MS + 3 * DAY_MS + MINUTE_MS);
	clock_set_fake_boot(mono + MINUTE_MS, 42);
	t = issue(db, "HT");
	assert_int_equal(t.day, 20261126);
	assert_string_equal(t.number, "1003");
	assert_int_equal(query(db, "SELECT count(*) FROM tickets WHERE status = 'expired'"), 0);
	struct day_view v;
	assert_true(day_view_read(db, &v, &r));
	assert_true(v.held);
	assert_int_equal(v.day, 20261126);
	assert_int_equal(v.clock_day, 20261129);
	struct snapshot s;
	assert_true(snapshot_read(db, &s, &r));
	assert_int_equal(s.day, 20261126);
	assert_int_equal(s.services[0].waiting, 2);
	snapshot_finish(&s);
	assert_true(queue_call_next(db, NULL, 2, NULL, &t, &r));
	assert_string_equal(t.number, "1002");
	/* The clock is put right: nothing to repair. */
	clock_set_fake(T0_MS + 2 * MINUTE_MS);
	clock_set_fake_boot(mono + 2 * MINUTE_MS, 42);
	assert_string_equal(issue(db, "HT").number, "1004");
	/* The day really ends (elapsed time says 27/11 00:01): a new day,
	 * the one elapsed time gives, not the wrong clock's. */
	clock_set_fake(T0_MS + 3 * DAY_MS);
	clock_set_fake_boot(mono + 15 * HOUR_MS + MINUTE_MS, 42);
	t = issue(db, "HT");
	assert_int_equal(t.day, 20261127);
	assert_string_equal(t.number, "1001");
}

/* No way to confirm (another boot, or a faked clock): the rollover happens;
 * once the clock is right, `day reset` puts back exactly what it expired. */
static void test_step_forward_undone_by_day_reset(void **state)
{
	struct db *db = DB(state);
	struct result r = { 0 };
	struct ticket t;
	issue(db, "HT");                                    /* 1001 */
	issue(db, "HT");                                    /* 1002 */
	struct ticket p;
	assert_true(queue_issue(db, NULL, "CT", true, &p, &r));   /* 2001, priority */
	issue(db, "HT");                                    /* 1003 */
	assert_true(queue_call_next(db, NULL, 1, NULL, &t, &r));  /* 1001 at counter 1 */
	assert_true(queue_skip(db, NULL, 1, &t, &r));             /* a no-show: not open */
	assert_true(queue_call_next(db, NULL, 2, NULL, &t, &r));  /* counter 2 takes 1002 */
	assert_string_equal(t.number, "1002");
	/* The clock jumps 3 days ahead (no elapsed time to check against). */
	clock_set_fake(T0_MS + 3 * DAY_MS);
	t = issue(db, "HT");
	assert_int_equal(t.day, 20261129);                  /* rolled over: 1001 of 29/11 */
	int64_t open_26 = query(db, "SELECT count(*) FROM tickets WHERE day = 20261126"
		" AND status IN ('waiting', 'called', 'serving')");
	assert_int_equal(open_26, 0);
	assert_int_equal(query(db, "SELECT count(*) FROM tickets WHERE status = 'expired'"), 3);
	/* The clock is put right: issuing is refused until the day is reset. */
	clock_set_fake(T0_MS + HOUR_MS);
	assert_false(queue_issue(db, NULL, "HT", false, &t, &r));
	assert_int_equal(r.code, RESULT_ERR_CLOCK);
	struct day_reset_report rep;
	assert_true(day_reset(db, &rep, &r));
	assert_int_equal(rep.from, 20261129);
	assert_int_equal(rep.to, 20261126);
	assert_int_equal(rep.restored, 3);
	assert_int_equal(rep.expired, 1);                   /* the wrong day's 1001 */
	/* Exactly those three, in their states: 1002 back at counter 2. */
	assert_int_equal(query(db, "SELECT count(*) FROM tickets WHERE day = 20261126"
		" AND status = 'waiting'"), 2);
	assert_int_equal(query(db, "SELECT t.number FROM counters c JOIN tickets t"
		" ON t.id = c.current_ticket WHERE c.number = 2 AND t.day = 20261126"), 1002);
	assert_int_equal(query(db, "SELECT status = 'noshow' FROM tickets WHERE day = 20261126"
		" AND number = '1001'"), 1);
	assert_int_equal(query(db, "SELECT count(*) FROM events WHERE kind = 'restore'"), 3);
	/* In their order and with their numbers; numbering goes on after them. */
	assert_true(queue_call_next(db, NULL, 1, NULL, &t, &r));
	assert_string_equal(t.number, "1003");
	assert_true(queue_call_next(db, NULL, 2, NULL, &t, &r));  /* finishes 1002, calls 2001 */
	assert_string_equal(t.number, "2001");
	assert_string_equal(issue(db, "HT").number, "1004");
	assert_true(db_check(db, &r));
	/* A second reset restores nothing more. */
	assert_true(day_reset(db, &rep, &r));
	assert_int_equal(rep.restored, 0);
}

/* A time zone whose date is already tomorrow does not end today early. */
static void test_zone_change_waits_for_the_day_to_end(void **state)
{
	struct db *db = DB(state);
	struct result r = { 0 };
	clock_set_fake(T0_MS + 9 * HOUR_MS);                /* 18:00 in Vietnam */
	issue(db, "HT");                                    /* 1001 */
	assert_true(settings_set(db, "timezone", "Pacific/Kiritimati", &r));
	assert_true(clock_set_zone("Pacific/Kiritimati"));  /* as a restarted program */
	assert_int_equal(clock_local_day(clock_now_ms()), 20261127);
	struct ticket t = issue(db, "HT");
	assert_int_equal(t.day, 20261126);
	assert_string_equal(t.number, "1002");
	assert_int_equal(query(db, "SELECT count(*) FROM tickets WHERE status = 'expired'"), 0);
	/* Past midnight in Vietnam, where the day was taken: a new day. */
	clock_set_fake(T0_MS + 15 * HOUR_MS + MINUTE_MS);
	t = issue(db, "HT");
	assert_string_equal(t.number, "1001");
	assert_int_equal(t.day, 20261127);
	clock_set_zone("Asia/Ho_Chi_Minh");
}

static void test_snapshot_shows_today(void **state)
{
	struct db *db = DB(state);
	struct result r = { 0 };
	struct snapshot s;
	struct ticket t;
	issue(db, "HT");
	issue(db, "HT");
	assert_true(queue_call_next(db, NULL, 2, NULL, &t, &r));
	assert_true(snapshot_read(db, &s, &r));
	assert_int_equal(s.day, 20261126);
	assert_int_equal(s.n_counters, 4);
	assert_true(s.counters[1].has_ticket);
	assert_string_equal(s.counters[1].ticket.number, "1001");
	assert_int_equal(s.counters[0].waiting, 1);
	assert_string_equal(s.services[0].service.code, "HT");
	assert_int_equal(s.services[0].waiting, 1);
	assert_int_equal(s.services[0].issued_today, 2);
	assert_int_equal(s.n_calls, 1);
	assert_string_equal(s.calls[0].number, "1001");
	assert_int_equal(s.calls[0].counter, 2);
	assert_string_equal(s.commune_name, "UBND xã Hải Hưng");
	snapshot_finish(&s);
	/* The next morning the screens start empty even before anyone writes. */
	clock_set_fake(T0_MS + 24 * HOUR_MS);
	assert_true(snapshot_read(db, &s, &r));
	assert_int_equal(s.day, 20261127);
	assert_int_equal(s.n_calls, 0);
	assert_false(s.counters[1].has_ticket);
	assert_int_equal(s.services[0].waiting, 0);
	snapshot_finish(&s);
}

static void test_change_detection(void **state)
{
	struct fixture *f = *state;
	struct db *reader = fixture_reopen(f);
	struct snapshot_watch w = { 0 };
	assert_true(snapshot_changed(reader, &w));     /* first look */
	assert_false(snapshot_changed(reader, &w));
	issue(f->db, "HT");
	assert_true(snapshot_changed(reader, &w));
	assert_false(snapshot_changed(reader, &w));
	struct event ev[8];
	struct result r = { 0 };
	int n = events_read(reader, w.last_event_id - 1, ev, 8, &r);
	assert_int_equal(n, 1);
	assert_int_equal(ev[0].kind, EVENT_ISSUE);
	assert_string_equal(ev[0].number, "1001");
	assert_string_equal(ev[0].service_code, "HT");
	db_close(reader);
}

/* Weekdays with the glossary's capitals, from a day number (the reports, the screens). */
static void test_weekday_names(void **state)
{
	static const char *const want[] = { "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu",
		"Thứ Bảy", "Chủ nhật" };
	for (int i = 0; i < 7; i++) {
		int day = clock_day_add(20261123, i);  /* Monday 23/11/2026 */
		assert_string_equal(clock_weekday_vi(clock_day_weekday(day)), want[i]);
	}
	assert_string_equal(clock_weekday_vi(7), "");
	assert_string_equal(clock_weekday_vi(-1), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup_demo, fixture_teardown)
		T(test_local_day_not_utc),
		T(test_midnight_rollover),
		T(test_rollover_expires_many),
		T(test_rollover_with_utc_zone_setting),
		T(test_clock_going_back_refuses_issue),
		T(test_clock_far_ahead_refused_and_day_reset),
		T(test_step_forward_held_by_elapsed_time),
		T(test_step_forward_undone_by_day_reset),
		T(test_zone_change_waits_for_the_day_to_end),
		T(test_snapshot_shows_today),
		T(test_change_detection),
		T(test_weekday_names),
#undef T
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
