/* Unit tests of the kiosk's pure parts: the PIN pad and the screen layout. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include "src/kiosk/layout.h"
#include "src/kiosk/pin.h"

static void test_pin_entry(void **state)
{
	(void)state;
	struct pin_entry e = { 0 };
	assert_false(pin_entry_back(&e));
	assert_false(pin_entry_add(&e, 'x'));
	for (int i = 0; i < PIN_MAX_DIGITS; i++) {
		assert_true(pin_entry_add(&e, (char)('0' + i % 10)));
		assert_int_equal(pin_entry_complete(&e), i + 1 >= PIN_MIN_DIGITS);
	}
	assert_false(pin_entry_add(&e, '1'));
	assert_true(pin_entry_back(&e));
	assert_int_equal(e.len, PIN_MAX_DIGITS - 1);
	pin_entry_clear(&e);
	assert_int_equal(e.len, 0);
	for (size_t i = 0; i < sizeof(e.digits); i++) {
		assert_int_equal(e.digits[i], 0);
	}
}

static bool inside(SDL_Rect in, SDL_Rect out)
{
	return in.x >= out.x && in.y >= out.y && in.x + in.w <= out.x + out.w
		&& in.y + in.h <= out.y + out.h && in.w > 0 && in.h > 0;
}

static void check_layout(int w, int h, size_t n)
{
	struct layout l;
	layout_compute(&l, w, h, n);
	SDL_Rect screen = { 0, 0, w, h };
	assert_int_equal(l.n_cells, n);
	assert_true(inside(l.header, screen));
	assert_true(inside(l.legend, screen));
	for (size_t i = 0; i < n; i++) {
		assert_true(inside(l.normal[i], l.grid));
		assert_true(inside(l.priority[i], l.grid));
		assert_false(SDL_HasIntersection(&l.normal[i], &l.priority[i]));
		/* Big enough for a finger: at least 8 % of the shorter side high. */
		int shorter = w < h ? w : h;
		assert_true(l.normal[i].h * 100 >= shorter * 8);
		assert_true(l.normal[i].w > l.priority[i].w);
		for (size_t j = 0; j < i; j++) {
			assert_false(SDL_HasIntersection(&l.cell[i], &l.cell[j]));
		}
		assert_false(SDL_HasIntersection(&l.cell[i], &l.corner));
	}
	for (int i = 0; i < LAYOUT_PIN_KEYS; i++) {
		assert_true(inside(l.pin_key[i], screen));
		assert_false(SDL_HasIntersection(&l.pin_key[i], &l.pin_display));
		assert_false(SDL_HasIntersection(&l.pin_key[i], &l.pin_cancel));
	}
	for (int i = 0; i < LAYOUT_ADMIN_BUTTONS; i++) {
		assert_true(inside(l.admin_button[i], screen));
		for (int j = 0; j < i; j++) {
			assert_false(SDL_HasIntersection(&l.admin_button[i], &l.admin_button[j]));
		}
	}
	assert_int_equal(layout_hit(l.normal, n, l.normal[0].x + 1, l.normal[0].y + 1), n ? 0 : -1);
	assert_int_equal(layout_hit(l.normal, n, -5, -5), -1);
}

static void test_layout_sizes(void **state)
{
	(void)state;
	static const int sizes[][2] = { { 1080, 1920 }, { 1920, 1080 }, { 1280, 800 },
		{ 800, 480 }, { 768, 1366 }, { 1024, 600 } };
	for (size_t s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
		for (size_t n = 1; n <= 8; n++) {
			check_layout(sizes[s][0], sizes[s][1], n);
		}
	}
	struct layout l;
	layout_compute(&l, 1080, 1920, 5);
	assert_int_equal(l.cols, 1);
	layout_compute(&l, 1920, 1080, 5);
	assert_int_equal(l.cols, 2);
	layout_compute(&l, 800, 480, 0);
	assert_int_equal(l.n_cells, 0);
	layout_compute(&l, 800, 480, 100);
	assert_int_equal(l.n_cells, LAYOUT_MAX_SERVICES);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pin_entry),
		cmocka_unit_test(test_layout_sizes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
