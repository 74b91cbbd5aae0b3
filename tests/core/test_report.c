/* Report figures from a known day, and the CSV Excel reads. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "motcua/base/clock.h"
#include "motcua/store/queue.h"
#include "motcua/store/report.h"
#include "testutil.h"

/* A small known morning at counter 1 (HT): waits 2, 4, 9 min; services 3, 5 min. */
static void morning(struct db *db)
{
	struct ticket t;
	struct result r = { 0 };
	assert_true(queue_issue(db, NULL, "HT", false, &t, &r));           /* 09:00 1001 */
	assert_true(queue_issue(db, NULL, "HT", false, &t, &r));           /* 09:00 1002 */
	assert_true(queue_issue(db, NULL, "HT", true, &t, &r));            /* 09:00 1003 */
	clock_set_fake(T0_MS + 2 * MINUTE_MS);
	assert_true(queue_call_next(db, NULL, 1, NULL, &t, &r));           /* 1001 wait 2 */
	clock_set_fake(T0_MS + 4 * MINUTE_MS);
	assert_true(queue_call_next(db, NULL, 2, NULL, &t, &r));           /* 1002 wait 4 */
	clock_set_fake(T0_MS + 5 * MINUTE_MS);
	assert_true(queue_finish(db, NULL, 1, &t, &r));                    /* 1001 service 3 */
	assert_true(queue_rate(db, t.id, RATING_SATISFIED, &r));
	clock_set_fake(T0_MS + 9 * MINUTE_MS);
	assert_true(queue_skip(db, NULL, 2, &t, &r));                      /* 1002 no-show */
	assert_true(queue_call_next(db, NULL, 1, NULL, &t, &r));           /* 1003 wait 9 */
	clock_set_fake(T0_MS + 14 * MINUTE_MS);
	assert_true(queue_finish(db, NULL, 1, &t, &r));                    /* 1003 service 5 */
	assert_true(queue_rate(db, t.id, RATING_UNSATISFIED, &r));
	assert_true(queue_issue(db, NULL, "CT", false, &t, &r));           /* 2001 waiting */
}

static void test_by_service(void **state)
{
	struct db *db = ((struct fixture *)*state)->db;
	struct report rep;
	struct result r = { 0 };
	morning(db);
	assert_true(report_build(db, 20261126, 20261126, REPORT_BY_SERVICE, &rep, &r));
	assert_int_equal(rep.n_rows, 2);
	const struct report_row *ht = &rep.rows[0];
	assert_string_equal(ht->key, "HT");
	assert_string_equal(ht->label, "Hộ tịch");
	assert_int_equal(ht->issued, 3);
	assert_int_equal(ht->served, 2);
	assert_int_equal(ht->noshow, 1);
	assert_int_equal(ht->wait_avg_s, 300);
	assert_int_equal(ht->wait_median_s, 240);
	assert_int_equal(ht->wait_max_s, 540);
	assert_int_equal(ht->service_avg_s, 240);
	assert_int_equal(ht->service_max_s, 300);
	assert_int_equal(ht->ratings[RATING_SATISFIED], 1);
	assert_int_equal(ht->ratings[RATING_UNSATISFIED], 1);
	assert_int_equal(rep.total.issued, 4);
	/* The day before has nothing. */
	report_finish(&rep);
	assert_true(report_build(db, 20261125, 20261125, REPORT_BY_SERVICE, &rep, &r));
	assert_int_equal(rep.n_rows, 0);
	assert_int_equal(rep.total.issued, 0);
	report_finish(&rep);
	assert_false(report_build(db, 20261127, 20261126, REPORT_BY_SERVICE, &rep, &r));
	assert_int_equal(r.code, RESULT_ERR_INVALID);
}

static void test_by_counter_and_officer(void **state)
{
	struct db *db = ((struct fixture *)*state)->db;
	struct report rep;
	struct result r = { 0 };
	morning(db);
	assert_true(report_build(db, 20261126, 20261126, REPORT_BY_COUNTER, &rep, &r));
	assert_int_equal(rep.n_rows, 2);
	assert_string_equal(rep.rows[0].key, "1");
	assert_int_equal(rep.rows[0].issued, 2);
	assert_int_equal(rep.rows[0].served, 2);
	assert_int_equal(rep.rows[1].noshow, 1);
	report_finish(&rep);
	assert_true(report_build(db, 20261126, 20261126, REPORT_BY_OFFICER, &rep, &r));
	assert_string_equal(rep.rows[0].key, "Nguyễn Thị Hoa");
	assert_int_equal(rep.rows[0].ratings[RATING_SATISFIED], 1);
	report_finish(&rep);
}

static void test_csv_for_excel(void **state)
{
	struct fixture *f = *state;
	struct report rep;
	struct result r = { 0 };
	morning(f->db);
	assert_true(report_build(f->db, 20261126, 20261126, REPORT_BY_SERVICE, &rep, &r));
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);
	report_write_csv(&rep, mem);
	fclose(mem);
	assert_non_null(strstr(buf, "\xEF\xBB\xBF\"Lĩnh vực\",\"Tên lĩnh vực\",\"Đã cấp số\","
		"\"Đã phục vụ\",\"Vắng mặt\",\"Đã chuyển\",\"Đã hủy\",\"Hết hạn\","
		"\"Chờ trung bình (giây)\",\"Chờ trung vị (giây)\",\"Chờ lâu nhất (giây)\","));
	assert_ptr_equal(strstr(buf, "\xEF\xBB\xBF"), buf);
	assert_non_null(strstr(buf, "\"HT\",\"Hộ tịch\",3,2,1,0,0,0,300,240,540,240,240,300,0,1,0,1\r\n"));
	assert_non_null(strstr(buf, "\r\n\"Tổng cộng\",\"\",4,"));
	free(buf);
	report_finish(&rep);
}

/* Characters (not bytes) from line to end. */
static int chars_to(const char *line, const char *end)
{
	int n = 0;
	for (const char *p = line; p < end; p++) {
		n += ((unsigned char)*p & 0xc0) != 0x80;
	}
	return n;
}

/* Writes rep as the table into a new string (free it). */
static char *table_text(const struct report *rep)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);
	report_write_table(rep, mem);
	fclose(mem);
	char *text = strdup(buf);  /* a copy: GCC thinks buf still belongs to the stream */
	free(buf);
	return text;
}

/*
 * The table for people: whole Vietnamese words (no "max", "TB", "TV"), one
 * "Tổng cộng", names never cut (the widest demo name is longer than the old
 * 32-column title), the weekday with the glossary's capitals.
 */
static void test_table_words(void **state)
{
	struct db *db = ((struct fixture *)*state)->db;
	struct report rep;
	struct result r = { 0 };
	struct ticket t;
	morning(db);
	assert_true(queue_issue(db, NULL, "LD", false, &t, &r));
	assert_true(report_build(db, 20261126, 20261126, REPORT_BY_SERVICE, &rep, &r));
	char *text = table_text(&rep);
	assert_non_null(strstr(text, "BÁO CÁO TIẾP NHẬN theo lĩnh vực, từ 26/11/2026 đến 26/11/2026\n"));
	assert_non_null(strstr(text, "Thời gian chờ"));
	assert_non_null(strstr(text, "Thời gian phục vụ"));
	assert_non_null(strstr(text, "Lĩnh vực"));
	assert_non_null(strstr(text, "Đã cấp số Đã phục vụ Vắng mặt Đã chuyển Đã hủy Hết hạn   "
		"Trung bình Trung vị Lâu nhất   Trung bình Trung vị Lâu nhất   Tỷ lệ hài lòng Lượt đánh giá\n"));
	assert_non_null(strstr(text, "\nHT Hộ tịch "));
	assert_non_null(strstr(text, "\nLD Lao động – Thương binh và Xã hội "));
	assert_non_null(strstr(text, "\nTổng cộng "));
	assert_null(strstr(text, "Tổng Tổng"));
	assert_null(strstr(text, "max"));
	assert_null(strstr(text, "TV"));
	assert_null(strstr(text, "TB"));
	/* The figures end under their headings: the total issued (5) under "Đã cấp số". */
	const char *head = strstr(text, "\nLĩnh vực") + 1;
	const char *total = strstr(text, "\nTổng cộng") + 1;
	const char *five = total + strlen("Tổng cộng") + strspn(total + strlen("Tổng cộng"), " ");
	assert_int_equal(*five, '5');
	assert_int_equal(chars_to(head, strstr(head, "Đã cấp số") + strlen("Đã cấp số")),
		chars_to(total, five + 1));
	free(text);
	report_finish(&rep);
	assert_true(report_build(db, 20261126, 20261126, REPORT_BY_DAY, &rep, &r));
	text = table_text(&rep);
	assert_non_null(strstr(text, "\n26/11/2026 Thứ Năm "));
	free(text);
	report_finish(&rep);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup_demo, fixture_teardown)
		T(test_by_service),
		T(test_by_counter_and_officer),
		T(test_csv_for_excel),
		T(test_table_words),
#undef T
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
