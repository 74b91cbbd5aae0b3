/*
 * When nobody is ahead, the paper says so in words ("Không có ai chờ trước
 * bạn", as the kiosk screen does) instead of "0" and "0 (phút)"; a wait of
 * 0 minutes is left out; otherwise the labels and the numbers print.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "motcua/base/paths.h"
#include "motcua/print/escpos.h"
#include "motcua/print/ticket_render.h"

static struct ticket_info info_with(int ahead, int wait_min)
{
	return (struct ticket_info){
		.commune = "UBND xã Hải Hưng", .desk = "Bộ phận một cửa", .footer = "",
		.number = "1001", .service_name = "Hộ tịch", .service_slot = 0,
		.ahead = ahead, .est_wait_min = wait_min, .datetime = "26/11/2026 09:00",
	};
}

/* Whether the NV-mode ticket prints NV image k1 k2 (GS ( L fn 69). */
static bool prints_key(const struct escpos_buf *b, char k1, char k2)
{
	const uint8_t want[9] = { 0x1d, '(', 'L', 6, 0, 48, 69, (uint8_t)k1, (uint8_t)k2 };
	for (size_t i = 0; i + sizeof(want) <= b->len; i++) {
		if (memcmp(b->data + i, want, sizeof(want)) == 0) {
			return true;
		}
	}
	return false;
}

/* Whether the ticket prints `digits` as a line of text in the printer's font. */
static bool prints_text_line(const struct escpos_buf *b, const char *digits)
{
	size_t n = strlen(digits);
	for (size_t i = 1; i + n + 1 <= b->len; i++) {
		if (memcmp(b->data + i, digits, n) == 0 && b->data[i + n] == '\n'
				&& (b->data[i - 1] < '0' || b->data[i - 1] > '9')) {
			return true;
		}
	}
	return false;
}

static void encode(struct ticket_render *l, struct ticket_info info, struct escpos_buf *b)
{
	escpos_buf_reset(b);
	assert_true(ticket_render_encode(l, &info, TICKET_MODE_NV, b, NULL));
}

static void test_nobody_ahead_in_words(void **state)
{
	(void)state;
	struct ticket_render *l = ticket_render_create(ticket_layout_parse(NULL, NULL),
		paths_font(false), paths_font(true), 576);
	struct ticket_info info = info_with(0, 0);
	/* The words are an NV image like the labels. */
	struct ticket_nv_set set;
	const char *names[] = { "Hộ tịch" };
	assert_true(ticket_render_nv_images(l, &info, names, 1, &set));
	bool found = false;
	for (int i = 0; i < set.n; i++) {
		found = found || (set.items[i].key[0] == 'L' && set.items[i].key[1] == 'N'
			&& set.items[i].img->h > 10);
	}
	assert_true(found);
	ticket_nv_set_finish(&set);

	struct escpos_buf b;
	escpos_buf_init(&b);
	encode(l, info, &b);
	assert_true(prints_key(&b, 'L', 'N'));
	assert_false(prints_key(&b, 'L', 'A'));
	assert_false(prints_key(&b, 'L', 'W'));
	assert_false(prints_text_line(&b, "0"));
	/* Someone ahead: label and number, wait label and minutes. */
	encode(l, info_with(3, 12), &b);
	assert_false(prints_key(&b, 'L', 'N'));
	assert_true(prints_key(&b, 'L', 'A') && prints_text_line(&b, "3"));
	assert_true(prints_key(&b, 'L', 'W') && prints_text_line(&b, "12"));
	/* Someone ahead but no wait to speak of: no "0 (phút)". */
	encode(l, info_with(1, 0), &b);
	assert_true(prints_key(&b, 'L', 'A') && prints_text_line(&b, "1"));
	assert_false(prints_key(&b, 'L', 'W'));
	assert_false(prints_text_line(&b, "0"));
	/* Lines left out (a reprint without figures). */
	encode(l, info_with(-1, -1), &b);
	assert_false(prints_key(&b, 'L', 'N') || prints_key(&b, 'L', 'A'));

	/* The whole-image ticket says it too: taller than without the line. */
	struct ticket_info none = info_with(-1, -1), zero = info_with(0, 0);
	struct raster *a = ticket_render_image(l, &none), *z = ticket_render_image(l, &zero);
	assert_true(z->h > a->h);
	raster_destroy(a);
	raster_destroy(z);
	escpos_buf_finish(&b);
	ticket_render_destroy(l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nobody_ahead_in_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
