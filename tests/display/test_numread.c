/*
 * Number reading: every number 0..99 999 against an independent oracle
 * (a hand-written table of 0..99 plus the group rules of
 * docs/number-reading.md), for both regional styles; hand-written known
 * readings; large numbers; ticket numbers with letters; clip names.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "motcua/voice/numread.h"

/* Written out by hand: the reading of 0..99 (mười, mốt, tư, lăm). */
static const char *const below100[100] = {
	"không", "một", "hai", "ba",
	"bốn", "năm", "sáu", "bảy",
	"tám", "chín", "mười", "mười một",
	"mười hai", "mười ba", "mười bốn", "mười lăm",
	"mười sáu", "mười bảy", "mười tám", "mười chín",
	"hai mươi", "hai mươi mốt", "hai mươi hai", "hai mươi ba",
	"hai mươi tư", "hai mươi lăm", "hai mươi sáu", "hai mươi bảy",
	"hai mươi tám", "hai mươi chín", "ba mươi", "ba mươi mốt",
	"ba mươi hai", "ba mươi ba", "ba mươi tư", "ba mươi lăm",
	"ba mươi sáu", "ba mươi bảy", "ba mươi tám", "ba mươi chín",
	"bốn mươi", "bốn mươi mốt", "bốn mươi hai", "bốn mươi ba",
	"bốn mươi tư", "bốn mươi lăm", "bốn mươi sáu", "bốn mươi bảy",
	"bốn mươi tám", "bốn mươi chín", "năm mươi", "năm mươi mốt",
	"năm mươi hai", "năm mươi ba", "năm mươi tư", "năm mươi lăm",
	"năm mươi sáu", "năm mươi bảy", "năm mươi tám", "năm mươi chín",
	"sáu mươi", "sáu mươi mốt", "sáu mươi hai", "sáu mươi ba",
	"sáu mươi tư", "sáu mươi lăm", "sáu mươi sáu", "sáu mươi bảy",
	"sáu mươi tám", "sáu mươi chín", "bảy mươi", "bảy mươi mốt",
	"bảy mươi hai", "bảy mươi ba", "bảy mươi tư", "bảy mươi lăm",
	"bảy mươi sáu", "bảy mươi bảy", "bảy mươi tám", "bảy mươi chín",
	"tám mươi", "tám mươi mốt", "tám mươi hai", "tám mươi ba",
	"tám mươi tư", "tám mươi lăm", "tám mươi sáu", "tám mươi bảy",
	"tám mươi tám", "tám mươi chín", "chín mươi", "chín mươi mốt",
	"chín mươi hai", "chín mươi ba", "chín mươi tư", "chín mươi lăm",
	"chín mươi sáu", "chín mươi bảy", "chín mươi tám", "chín mươi chín",
};

/* Group rule: "H trăm" when H > 0 or the group follows a higher one; 1..9 after it with linh/lẻ. */
static void oracle_group(int g, int full, const char *linh, char *out, size_t size)
{
	int h = g / 100, r = g % 100;
	out[0] = '\0';
	if (h > 0 || full) {
		snprintf(out, size, "%s trăm", below100[h]);
		if (r == 0) {
			return;
		}
		size_t len = strlen(out);
		if (r < 10) {
			snprintf(out + len, size - len, " %s %s", linh, below100[r]);
		} else {
			snprintf(out + len, size - len, " %s", below100[r]);
		}
		return;
	}
	snprintf(out, size, "%s", below100[r]);
}

static void oracle(long n, int south, char *out, size_t size)
{
	const char *linh = south ? "lẻ" : "linh";
	const char *nghin = south ? "ngàn" : "nghìn";
	char low[256];

	if (n < 1000) {
		oracle_group((int)n, 0, linh, out, size);
		return;
	}
	int th = (int)(n / 1000), rest = (int)(n % 1000);
	char high[256];
	oracle_group(th, 0, linh, high, sizeof(high));
	if (rest == 0) {
		snprintf(out, size, "%s %s", high, nghin);
		return;
	}
	oracle_group(rest, 1, linh, low, sizeof(low));
	snprintf(out, size, "%s %s %s", high, nghin, low);
}

static void all_numbers(int south)
{
	struct numread_style st = numread_style_for(south ? NUMREAD_SOUTH : NUMREAD_CENTRAL);
	char want[600], got[600];
	int bad = 0;

	for (long n = 0; n <= 99999; n++) {
		oracle(n, south, want, sizeof(want));
		assert_true(numread_text(n, &st, got, sizeof(got)));
		if (strcmp(want, got) != 0) {
			if (bad++ < 10) {
				print_error("%ld: want \"%s\", got \"%s\"\n", n, want, got);
			}
		}
	}
	assert_int_equal(bad, 0);
}

static void test_all_central(void **state)
{
	(void)state;
	all_numbers(0);
}

static void test_all_south(void **state)
{
	(void)state;
	all_numbers(1);
}

static void expect(long n, enum numread_region region, const char *want)
{
	struct numread_style st = numread_style_for(region);
	char got[256];
	assert_true(numread_text(n, &st, got, sizeof(got)));
	assert_string_equal(got, want);
}

static void test_known(void **state)
{
	(void)state;
	const enum numread_region C = NUMREAD_CENTRAL;
	expect(0, C, "không");
	expect(4, C, "bốn");
	expect(5, C, "năm");
	expect(10, C, "mười");
	expect(11, C, "mười một");
	expect(14, C, "mười bốn");
	expect(15, C, "mười lăm");
	expect(20, C, "hai mươi");
	expect(21, C, "hai mươi mốt");
	expect(24, C, "hai mươi tư");
	expect(25, C, "hai mươi lăm");
	expect(100, C, "một trăm");
	expect(101, C, "một trăm linh một");
	expect(104, C, "một trăm linh bốn");
	expect(105, C, "một trăm linh năm");
	expect(110, C, "một trăm mười");
	expect(115, C, "một trăm mười lăm");
	expect(121, C, "một trăm hai mươi mốt");
	expect(1000, C, "một nghìn");
	expect(1005, C, "một nghìn không trăm linh năm");
	expect(1010, C, "một nghìn không trăm mười");
	expect(1024, C, "một nghìn không trăm hai mươi tư");
	expect(1100, C, "một nghìn một trăm");
	expect(2015, C, "hai nghìn không trăm mười lăm");
	expect(10000, C, "mười nghìn");
	expect(15000, C, "mười lăm nghìn");
	expect(21000, C, "hai mươi mốt nghìn");
	expect(24005, C, "hai mươi tư nghìn không trăm linh năm");
	expect(99999, C, "chín mươi chín nghìn chín trăm chín mươi chín");
	expect(100000, C, "một trăm nghìn");
	expect(100005, C, "một trăm nghìn không trăm linh năm");
	expect(105000, C, "một trăm linh năm nghìn");
	expect(1000000, C, "một triệu");
	expect(1000005, C, "một triệu không trăm linh năm");
	expect(1005000, C, "một triệu không trăm linh năm nghìn");
	expect(2000010, C, "hai triệu không trăm mười");
	expect(21021021, C, "hai mươi mốt triệu không trăm hai mươi mốt nghìn không trăm hai mươi mốt");
	expect(999999999, C, "chín trăm chín mươi chín triệu chín trăm chín mươi chín nghìn "
		"chín trăm chín mươi chín");
	expect(1005, NUMREAD_NORTH, "một nghìn không trăm linh năm");
	expect(1005, NUMREAD_SOUTH, "một ngàn không trăm lẻ năm");
	expect(105, NUMREAD_SOUTH, "một trăm lẻ năm");
}

static void test_range(void **state)
{
	(void)state;
	enum numread_word w[NUMREAD_MAX_WORDS];
	char out[8];
	assert_int_equal(numread_words(-1, NULL, w, NUMREAD_MAX_WORDS), -1);
	assert_int_equal(numread_words(NUMREAD_MAX + 1, NULL, w, NUMREAD_MAX_WORDS), -1);
	assert_int_equal(numread_words(1005, NULL, w, 3), -1);  /* 6 words */
	assert_int_equal(numread_words(1005, NULL, w, 6), 6);
	assert_false(numread_text(1005, NULL, out, sizeof(out)));
	assert_int_equal(numread_words(777777777, NULL, w, NUMREAD_MAX_WORDS), 17);
}

static void ticket(const char *t, const char *want)
{
	enum numread_word w[NUMREAD_MAX_WORDS];
	struct numread_style st = numread_style_for(NUMREAD_CENTRAL);
	char got[256];
	int n = numread_ticket_words(t, &st, w, NUMREAD_MAX_WORDS);
	if (!want) {
		assert_int_equal(n, -1);
		return;
	}
	assert_true(n > 0);
	assert_true(numread_join(w, n, got, sizeof(got)));
	assert_string_equal(got, want);
}

static void test_ticket(void **state)
{
	(void)state;
	ticket("1005", "một nghìn không trăm linh năm");
	ticket("A1005", "a một nghìn không trăm linh năm");
	ticket("b005", "bê năm");
	ticket("C021", "xê hai mươi mốt");
	ticket("\xc4\x90" "12", "đê mười hai");
	ticket("E1", "e một");
	ticket("L7", "e lờ bảy");
	ticket("Z0", "dét không");
	ticket("AB24", "a bê hai mươi tư");
	ticket("", NULL);
	ticket("A", NULL);
	ticket("12A", NULL);
	ticket("A-12", NULL);
	ticket("A1234567890", NULL);
	ticket(NULL, NULL);
}

static void test_words(void **state)
{
	(void)state;
	for (int i = 0; i < NUMREAD_WORD_COUNT; i++) {
		const char *clip = numread_word_clip((enum numread_word)i);
		assert_true(clip[0] != '\0');
		assert_true(numread_word_text((enum numread_word)i)[0] != '\0');
		for (const char *p = clip; *p; p++) {
			assert_true((*p >= 'a' && *p <= 'z') || *p == '_');
		}
		for (int j = 0; j < i; j++) {
			assert_string_not_equal(clip, numread_word_clip((enum numread_word)j));
		}
	}
	enum numread_region r;
	assert_true(numread_region_parse("south", &r));
	assert_int_equal(r, NUMREAD_SOUTH);
	assert_true(numread_region_parse("central", &r));
	assert_int_equal(r, NUMREAD_CENTRAL);
	assert_false(numread_region_parse("east", &r));
	assert_false(numread_region_parse(NULL, &r));
	assert_string_equal(numread_region_name(NUMREAD_NORTH), "north");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_all_central),
		cmocka_unit_test(test_all_south),
		cmocka_unit_test(test_known),
		cmocka_unit_test(test_range),
		cmocka_unit_test(test_ticket),
		cmocka_unit_test(test_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
