/*
 * The counter window's picker list (src/counter/picker.c): keys typed on the
 * keyboard filter the tiles, Enter takes the exact key, the selection and
 * the pages reach every item of a long list.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include "picker.h"

/* A transfer list of a big desk: 8 fields by code, then counters 2..24. */
static void fill_transfer(struct picker *p)
{
	static const char *const codes[] = { "HT", "CT", "DD", "LD", "TC", "NC", "BT", "KH" };
	picker_reset(p, false);
	for (size_t i = 0; i < 8; i++) {
		picker_add(p, codes[i], codes[i], "Lĩnh vực")->counter = 0;
	}
	for (int c = 2; c <= 24; c++) {
		char key[8], label[32];
		snprintf(key, sizeof(key), "%d", c);
		snprintf(label, sizeof(label), "Quầy %d", c);
		picker_add(p, key, label, "")->counter = c;
	}
}

static void test_every_item_on_some_page(void **state)
{
	(void)state;
	struct picker p = { 0 };
	fill_transfer(&p);
	picker_set_page_size(&p, 12);
	assert_int_equal(p.n_shown, 31);
	assert_int_equal(picker_pages(&p), 3);
	/* Page by page from the first: every item is reached exactly once. */
	bool seen[31] = { false };
	for (size_t page = 0; page < picker_pages(&p); page++) {
		assert_int_equal(picker_page(&p), page);
		for (size_t i = page * 12; i < p.n_shown && i < (page + 1) * 12; i++) {
			assert_false(seen[p.shown[i]]);
			seen[p.shown[i]] = true;
		}
		picker_turn(&p, 1);
	}
	for (size_t i = 0; i < 31; i++) {
		assert_true(seen[i]);
	}
	/* Turning stops at the ends; the selection follows the page. */
	assert_int_equal(picker_page(&p), 2);
	picker_turn(&p, -5);
	assert_int_equal(picker_page(&p), 0);
	assert_int_equal(p.selected, 0);
	/* Moving wraps around the whole list, across pages. */
	picker_move(&p, -1);
	assert_int_equal(p.selected, 30);
	assert_int_equal(picker_page(&p), 2);
	picker_finish(&p);
}

static void test_typed_counter_number(void **state)
{
	(void)state;
	struct picker p = { 0 };
	size_t i;
	fill_transfer(&p);
	picker_set_page_size(&p, 12);
	/* "1": counters 10..19, none exactly "1": the first is selected. */
	assert_true(picker_type(&p, "1"));
	assert_int_equal(p.n_shown, 10);
	assert_int_equal(picker_choose(&p, &i), PICK_ITEM);
	assert_int_equal(p.items[i].counter, 10);
	/* "12": exactly counter 12. */
	assert_true(picker_type(&p, "2"));
	assert_int_equal(p.n_shown, 1);
	assert_int_equal(picker_choose(&p, &i), PICK_ITEM);
	assert_int_equal(p.items[i].counter, 12);
	/* "2" after backspaces: counter 2 selected, while 20..24 are shown too. */
	assert_true(picker_backspace(&p));
	assert_true(picker_backspace(&p));
	assert_false(picker_backspace(&p));
	assert_int_equal(p.n_shown, 31);
	picker_type(&p, "2");
	assert_int_equal(p.n_shown, 6);
	picker_move(&p, 3);
	assert_int_equal(picker_choose(&p, &i), PICK_ITEM);
	assert_int_equal(p.items[i].counter, 22);   /* the arrows moved off the exact one */
	picker_backspace(&p);
	picker_type(&p, "2");
	assert_int_equal(picker_choose(&p, &i), PICK_ITEM);
	assert_int_equal(p.items[i].counter, 2);
	picker_finish(&p);
}

static void test_typed_field_code(void **state)
{
	(void)state;
	struct picker p = { 0 };
	size_t i;
	fill_transfer(&p);
	/* Lower case, as typed without shift. */
	picker_type(&p, "d");
	assert_int_equal(p.n_shown, 1);
	picker_type(&p, "d");
	assert_int_equal(picker_choose(&p, &i), PICK_ITEM);
	assert_string_equal(p.items[i].key, "DD");
	/* Nothing matches: nothing is taken (not a free-typing list). */
	picker_type(&p, "X");
	assert_int_equal(p.n_shown, 0);
	assert_int_equal(picker_choose(&p, &i), PICK_NOTHING);
	/* Only letters, digits, '-' and '_' are typed. */
	assert_false(picker_type(&p, " .\xc3\xa1"));
	assert_string_equal(p.typed, "DDX");
	picker_finish(&p);
}

static void test_ticket_numbers(void **state)
{
	(void)state;
	struct picker p = { 0 };
	size_t i;
	picker_reset(&p, true);
	picker_add(&p, "A1003", "A1003", "Hộ tịch");
	picker_add(&p, "1003", "1003", "Chứng thực");
	picker_add(&p, "B2001", "B2001", "Chứng thực");
	/* The digits alone find a prefixed number; two tiles read "1003". */
	picker_type(&p, "100");
	assert_int_equal(p.n_shown, 2);
	picker_type(&p, "3");
	assert_int_equal(picker_choose(&p, &i), PICK_ITEM);
	assert_string_equal(p.items[i].key, "A1003");
	picker_move(&p, 1);
	assert_int_equal(picker_choose(&p, &i), PICK_ITEM);
	assert_string_equal(p.items[i].key, "1003");
	/* The call list takes a number no tile shows as typed. */
	picker_type(&p, "9");
	assert_int_equal(p.n_shown, 0);
	assert_int_equal(picker_choose(&p, &i), PICK_TYPED);
	assert_string_equal(p.typed, "10039");
	/* Typed in full with its letter. */
	picker_reset(&p, true);
	picker_add(&p, "A1003", "A1003", "");
	picker_add(&p, "B2001", "B2001", "");
	picker_type(&p, "b2001");
	assert_int_equal(picker_choose(&p, &i), PICK_ITEM);
	assert_string_equal(p.items[i].key, "B2001");
	picker_finish(&p);
}

static void test_empty_list(void **state)
{
	(void)state;
	struct picker p = { 0 };
	size_t i;
	picker_reset(&p, false);
	assert_int_equal(picker_pages(&p), 1);
	assert_int_equal(picker_choose(&p, &i), PICK_NOTHING);
	picker_move(&p, 1);
	picker_turn(&p, 1);
	assert_int_equal(picker_page(&p), 0);
	picker_finish(&p);
	picker_finish(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_item_on_some_page),
		cmocka_unit_test(test_typed_counter_number),
		cmocka_unit_test(test_typed_field_code),
		cmocka_unit_test(test_ticket_numbers),
		cmocka_unit_test(test_empty_list),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
