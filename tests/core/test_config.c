/* Services, counters and settings: validation and bad input. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "motcua/store/counters.h"
#include "motcua/store/devices.h"
#include "motcua/store/services.h"
#include "motcua/store/settings.h"
#include "motcua/base/text.h"
#include "motcua/base/utf8.h"
#include "testutil.h"

static void expect_invalid_service(struct db *db, void (*mutate)(struct service *),
	const char *needle)
{
	struct service s;
	struct result r = { 0 };
	service_init(&s);
	strcpy(s.code, "NEW");
	strcpy(s.name, "Lĩnh vực mới");
	mutate(&s);
	assert_false(service_add(db, &s, &r));
	assert_int_equal(r.code, RESULT_ERR_INVALID);
	if (!strstr(r.msg, needle)) {
		fail_msg("message \"%s\" does not mention \"%s\"", r.msg, needle);
	}
}

static void bad_code(struct service *s) { strcpy(s->code, "A B"); }
static void empty_name(struct service *s) { s->name[0] = '\0'; }
static void blank_name(struct service *s) { strcpy(s->name, " \xc2\xa0 "); }
static void escape_name(struct service *s) { strcpy(s->name, "H\x1b[31mT"); }
static void c1_name(struct service *s) { strcpy(s->name, "H\xc2\x9bT"); }
static void bad_utf8(struct service *s) { strcpy(s->name, "H\xc3\x28"); }
static void bad_prefix(struct service *s) { strcpy(s->prefix, "a"); }
static void bad_range(struct service *s) { s->range_start = 50; s->range_end = 10; }
static void bad_cap(struct service *s) { s->daily_cap = -1; }
static void dup_code(struct service *s) { strcpy(s->code, "HT"); }
static void overlap(struct service *s) { s->range_start = 1500; s->range_end = 2500; }

static void test_service_validation(void **state)
{
	struct db *db = ((struct fixture *)*state)->db;
	expect_invalid_service(db, bad_code, "mã lĩnh vực \"A B\" không hợp lệ");
	expect_invalid_service(db, empty_name, "tên lĩnh vực");
	expect_invalid_service(db, blank_name, "không được để trống");
	expect_invalid_service(db, escape_name, "U+001B");
	expect_invalid_service(db, c1_name, "U+009B");
	expect_invalid_service(db, bad_utf8, "UTF-8");
	expect_invalid_service(db, bad_prefix, "chữ cái đầu số \"a\"");
	expect_invalid_service(db, bad_range, "dãy số 50-10 không hợp lệ");
	expect_invalid_service(db, bad_cap, "giới hạn -1 số mỗi ngày");
	expect_invalid_service(db, dup_code, "đã có lĩnh vực mã HT");
	expect_invalid_service(db, overlap, "trùng với lĩnh vực HT");
	assert_int_equal(fixture_query_int(db, "SELECT count(*) FROM services"), 5);
}

static void test_service_edit_and_format(void **state)
{
	struct db *db = ((struct fixture *)*state)->db;
	struct service s;
	struct result r = { 0 };
	assert_true(service_find(db, "KH", &s, &r));
	strcpy(s.name, "Lĩnh vực khác (đổi tên)");
	s.position = 0;
	assert_true(service_update(db, &s, &r));
	struct service *list;
	size_t n;
	assert_true(service_list(db, true, &list, &n, &r));
	assert_int_equal(n, 5);
	assert_string_equal(list[0].code, "KH");
	assert_string_equal(list[0].name, "Lĩnh vực khác (đổi tên)");
	free(list);
	char buf[16];
	strcpy(s.prefix, "B");
	s.range_start = 1;
	s.range_end = 999;
	service_format_number(&s, 7, buf, sizeof(buf));
	assert_string_equal(buf, "B007");
	assert_int_equal(service_number_for_seq(&s, 1000), 1);
	assert_false(service_find(db, "ZZ", &s, &r));
	assert_int_equal(r.code, RESULT_ERR_NOTFOUND);
}

static void test_counters(void **state)
{
	struct db *db = ((struct fixture *)*state)->db;
	struct result r = { 0 };
	struct counter c = { .number = 5 };
	strcpy(c.name, "Quầy 5");
	assert_true(counter_add(db, &c, &r));
	assert_false(counter_add(db, &c, &r));
	assert_int_equal(r.code, RESULT_ERR_INVALID);
	c.number = 0;
	assert_false(counter_add(db, &c, &r));
	const char *codes[] = { "LD", "HT" };
	assert_true(counter_assign(db, 5, codes, 2, &r));
	assert_true(counter_find(db, 5, &c, &r));
	assert_int_equal(c.n_services, 2);
	const char *bad[] = { "LD", "NOPE" };
	assert_false(counter_assign(db, 5, bad, 2, &r));
	assert_int_equal(r.code, RESULT_ERR_NOTFOUND);
	/* The failed assignment left the old one intact. */
	assert_true(counter_find(db, 5, &c, &r));
	assert_int_equal(c.n_services, 2);
	const char *twice[] = { "LD", "LD" };
	assert_false(counter_assign(db, 5, twice, 2, &r));
	assert_false(counter_pause(db, 77, "Nghỉ", &r));
	assert_int_equal(r.code, RESULT_ERR_NOTFOUND);
	assert_true(counter_set_officer(db, 5, "Võ Thị Lan", &r));
	assert_true(counter_close(db, 5, &r));
	assert_true(counter_find(db, 5, &c, &r));
	assert_int_equal(c.state, COUNTER_CLOSED);
	assert_string_equal(c.officer, "Võ Thị Lan");
}

static void test_settings(void **state)
{
	struct db *db = ((struct fixture *)*state)->db;
	struct result r = { 0 };
	char buf[600];
	assert_true(settings_get(db, "priority_every", buf, sizeof(buf)));
	assert_string_equal(buf, "2");
	assert_false(settings_get(db, "no_such_key", buf, sizeof(buf)));
	assert_false(settings_set(db, "no_such_key", "1", &r));
	assert_non_null(strstr(r.msg, "không có cài đặt \"no_such_key\""));
	assert_false(settings_set(db, "priority_every", "0", &r));
	assert_false(settings_set(db, "priority_every", "2x", &r));
	assert_false(settings_set(db, "voice_mode", "loud", &r));
	assert_false(settings_set(db, "admin_pin_hash", "1234", &r));
	assert_false(settings_set(db, "notice", "b\xe1\xba", &r));          /* not UTF-8 */
	char big[200];
	memset(big, 'x', sizeof(big) - 1);
	big[199] = '\0';
	assert_false(settings_set(db, "commune_name", big, &r));          /* > 120 bytes */
	assert_true(settings_set(db, "notice", "Thông báo: nghỉ lễ ngày 2/9", &r));
	assert_true(settings_get(db, "notice", buf, sizeof(buf)));
	assert_string_equal(buf, "Thông báo: nghỉ lễ ngày 2/9");
	assert_int_equal(settings_get_int(db, "priority_every"), 2);
}

/* No stored text carries control characters; names are never blank. */
static void test_text_rules(void **state)
{
	struct db *db = ((struct fixture *)*state)->db;
	struct result r = { 0 };
	static const char *const bad[] = {
		"a\x1b]0;owned\x07", "tab\there", "line\nbreak", "del\x7f", "c1\xc2\x85", "nul",
	};
	int64_t events = fixture_query_int(db, "SELECT count(*) FROM events");
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		const char *t = i == 5 ? "" : bad[i];
		if (i < 5) {
			assert_false(settings_set(db, "notice", t, &r));
			assert_false(settings_set(db, "commune_name", t, &r));
			assert_false(counter_rename(db, 1, t, &r));
			assert_false(counter_pause(db, 1, t, &r));
			assert_false(counter_set_officer(db, 1, t, &r));
			assert_int_equal(r.code, RESULT_ERR_INVALID);
		}
	}
	/* Blank names and reasons. */
	assert_false(counter_rename(db, 1, "   ", &r));
	assert_false(counter_pause(db, 1, "\xe3\x80\x80", &r));     /* ideographic space */
	assert_false(counter_set_officer(db, 1, " ", &r));
	assert_false(settings_set(db, "commune_name", " ", &r));
	assert_non_null(strstr(r.msg, "không được để trống"));
	assert_int_equal(fixture_query_int(db, "SELECT count(*) FROM events"), events);
	/* A layout may have lines; other texts may be empty where that means "none". */
	assert_true(settings_set(db, "ticket_layout", "number\nservice", &r));
	assert_true(settings_set(db, "notice", "", &r));
	assert_true(counter_set_officer(db, 1, "", &r));
	/* Strict integers, also in settings. */
	long v = 0;
	assert_true(text_parse_long("-12", -20, 20, &v));
	assert_int_equal(v, -12);
	static const char *const junk[] = { "+5", " 5", "5 ", "0x5", "", "-", "5a",
		"99999999999999999999", "-99999999999999999999" };
	for (size_t i = 0; i < sizeof(junk) / sizeof(junk[0]); i++) {
		assert_false(text_parse_long(junk[i], LONG_MIN, LONG_MAX, &v));
	}
	assert_false(settings_set(db, "priority_every", " 3", &r));
	assert_false(settings_set(db, "priority_every", "+3", &r));
	assert_true(settings_validate("priority_every", "3", &r));
	assert_false(settings_validate("ticket_layout", "number size=99", &r));
	assert_false(settings_validate("no_such_key", "1", &r));
}

/* Defaults live in the settings table only: a bad stored value reads as the default. */
static void test_settings_defaults(void **state)
{
	struct db *db = ((struct fixture *)*state)->db;
	assert_int_equal(settings_get_int(db, "est_service_s"), 300);
	assert_int_equal(settings_get_int(db, "printer_width"), 0);  /* 0: the profile's */
	assert_int_equal(settings_get_int(db, "rating_timeout_s"), 20);
	sqlite3_exec(db_handle(db), "INSERT INTO settings VALUES ('priority_every', '0'),"
		" ('rating_timeout_s', ' 7'), ('printer_width', '384')", NULL, NULL, NULL);
	assert_int_equal(settings_get_int(db, "priority_every"), 2);     /* out of range */
	assert_int_equal(settings_get_int(db, "rating_timeout_s"), 20);  /* not strict */
	assert_int_equal(settings_get_int(db, "printer_width"), 384);
}

static void test_utf8(void **state)
{
	(void)state;
	assert_true(utf8_valid("Mời công dân có số thứ tự"));
	assert_false(utf8_valid("\xc0\xaf"));          /* overlong */
	assert_false(utf8_valid("\xed\xa0\x80"));      /* surrogate */
	assert_false(utf8_valid("abc\xe1\xba"));       /* truncated */
	char buf[6];
	utf8_copy(buf, sizeof(buf), "Hộ tịch");        /* "Hộ" is 4 bytes */
	assert_string_equal(buf, "Hộ ");
	utf8_copy(buf, 4, "Hộ tịch");
	assert_string_equal(buf, "H");
	char cut[] = "Giấy t\xe1\xbb";                /* "tờ" cut after 2 of 3 bytes */
	utf8_trim_partial(cut);
	assert_string_equal(cut, "Giấy t");
	char whole[] = "Giấy tờ";
	utf8_trim_partial(whole);
	assert_string_equal(whole, "Giấy tờ");
	assert_int_equal(utf8_length("Đất đai"), 7);
}

static void test_devices(void **state)
{
	struct db *db = ((struct fixture *)*state)->db;
	struct result r = { 0 };
	struct device_status *list;
	size_t n;
	assert_true(devices_record(db, "serial:/dev/ttyS0", "printer", "ok", "", &r));
	assert_true(devices_record(db, "serial:/dev/ttyS0", "printer", "near_end", "giấy", &r));
	assert_true(devices_list(db, &list, &n, &r));
	assert_int_equal(n, 1);
	assert_string_equal(list[0].status, "near_end");
	assert_string_equal(list[0].detail, "giấy");
	assert_int_equal(list[0].updated_ms, T0_MS);
	free(list);
	/* No event: the screens do not redraw for a printer report. */
	assert_int_equal(fixture_query_int(db,
		"SELECT count(*) FROM events WHERE kind LIKE '%device%'"), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup_demo, fixture_teardown)
		T(test_service_validation),
		T(test_service_edit_and_format),
		T(test_counters),
		T(test_settings),
		T(test_text_rules),
		T(test_settings_defaults),
		T(test_utf8),
		T(test_devices),
#undef T
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
