/* Unit tests of the kiosk's pure parts: the PIN pad, the screen layout, the menu. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include "src/kiosk/layout.h"
#include "src/kiosk/menu.h"
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

/*
 * A stand-in for the font: every character (UTF-8 sequence) is 0.6 px wide
 * per px (0.66 bold), a line 1.17 px high; wrapping at spaces, greedy.
 */
static int fake_width(void *ud, const char *s, int px, bool bold)
{
	(void)ud;
	int chars = 0;
	for (; *s; s++) {
		chars += ((unsigned char)*s & 0xc0) != 0x80;
	}
	return chars * px * (bold ? 66 : 60) / 100;
}

static int fake_line_h(void *ud, int px, bool bold)
{
	(void)ud;
	(void)bold;
	return px * 117 / 100;
}

static int fake_wrap(void *ud, const char *s, int px, bool bold, int max_w, int max_lines)
{
	char line[256] = "";
	int n = 0;
	char copy[512];
	snprintf(copy, sizeof(copy), "%s", s);
	for (char *save = NULL, *word = strtok_r(copy, " ", &save); word;
			word = strtok_r(NULL, " ", &save)) {
		char next[256];
		snprintf(next, sizeof(next), "%s%s%s", line, *line ? " " : "", word);
		if (fake_width(ud, word, px, bold) > max_w) {
			return 0;
		}
		if (fake_width(ud, next, px, bold) > max_w) {
			n++;
			snprintf(line, sizeof(line), "%s", word);
		} else {
			snprintf(line, sizeof(line), "%s", next);
		}
	}
	n += *line != '\0';
	return n <= max_lines ? n : 0;
}

static const struct layout_measure fake = { fake_wrap, fake_width, fake_line_h, NULL };

static const char *const names[] = {
	"Hộ tịch", "Chứng thực bản sao, chữ ký", "Đất đai – Xây dựng – Môi trường",
	"Lao động – Thương binh và Xã hội", "Nông nghiệp và Phát triển nông thôn",
	"Đăng ký kinh doanh hộ cá thể", "Bảo trợ xã hội", "Người có công với cách mạng",
	"Giáo dục và Đào tạo", "Tài nguyên nước và Khoáng sản", "Giao thông vận tải",
	"Văn hóa – Thể thao và Du lịch", "Dân tộc – Tôn giáo",
	"Tư pháp – Phổ biến giáo dục pháp luật", "Nội vụ – Thi đua khen thưởng",
	"Khiếu nại, tố cáo và Tiếp công dân",
};

/* Plans n fields (groups when group), shows every page, checks the geometry. */
static void check_list(const struct layout *base, size_t n, bool group)
{
	struct layout l = *base;
	struct layout_tile tiles[16];
	bool is_group[16];
	for (size_t i = 0; i < n; i++) {
		tiles[i] = (struct layout_tile){ names[i], "Đang chờ: 999 người", group };
		is_group[i] = group;
	}
	struct layout_plan plan;
	bool one_page = layout_plan_tiles(&l, &fake, tiles, n, &plan);
	assert_int_equal(one_page, plan.pages == 1);
	assert_true(plan.fits);
	/* The names never under their floor, and the largest text of a tile. */
	assert_true(plan.sz.name_px >= l.min_name_px);
	assert_true(plan.sz.sub_px >= l.min_text_px);
	assert_true(plan.sz.sub_px < plan.sz.name_px);
	assert_true(plan.sz.prio_px <= plan.sz.name_px);
	assert_true(plan.per_page >= 1 && plan.per_page <= LAYOUT_MAX_TILES);
	assert_true(plan.pages * plan.per_page >= n);
	size_t shown = 0;
	for (size_t page = 0; page < plan.pages; page++) {
		layout_show(&l, &plan, is_group, page);
		SDL_Rect grid = plan.pages > 1 ? l.grid_paged : l.grid;
		assert_int_equal(l.page, page);
		for (size_t i = 0; i < l.n_cells; i++) {
			const struct layout_cell *c = &l.cells[i];
			assert_true(inside(c->cell, grid));
			assert_true(inside(c->normal, c->cell));
			assert_true(inside(c->name, c->normal));
			assert_true(inside(c->sub, c->normal));
			assert_false(SDL_HasIntersection(&c->cell, &l.corner));
			assert_int_equal(c->group, group);
			if (group) {
				assert_int_equal(c->priority.w, 0);
			} else {
				assert_true(inside(c->priority, c->cell));
				assert_false(SDL_HasIntersection(&c->normal, &c->priority));
				assert_true(c->normal.w > c->priority.w);
			}
			/* Big enough for a finger: at least 8 % of the shorter side high. */
			int shorter = l.w < l.h ? l.w : l.h;
			assert_true(c->cell.h * 100 >= shorter * 8);
			for (size_t j = 0; j < i; j++) {
				assert_false(SDL_HasIntersection(&c->cell, &l.cells[j].cell));
			}
			int x = c->normal.x + 1, y = c->normal.y + 1;
			assert_int_equal(layout_hit_cell(&l, false, x, y), (int)i);
			assert_int_equal(layout_hit_cell(&l, true, x, y), -1);
		}
		if (plan.pages > 1) {
			assert_false(SDL_HasIntersection(&l.grid_paged, &l.nav));
			assert_true(inside(l.page_prev, l.nav) && inside(l.page_next, l.nav));
		}
		shown += l.n_cells;
	}
	assert_int_equal(shown, n);
	/* A page past the end shows the last one. */
	layout_show(&l, &plan, is_group, plan.pages + 3);
	assert_int_equal(l.page, plan.pages - 1);
}

static void check_layout(int w, int h)
{
	struct layout l;
	layout_compute(&l, w, h, &fake);
	SDL_Rect screen = { 0, 0, w, h };
	int shorter = w < h ? w : h;
	/* The floors: 28 and 20 px per 1080 lines, 18 and 14 at least. */
	int name = (shorter * 28 + 1079) / 1080, text = (shorter * 20 + 1079) / 1080;
	assert_int_equal(l.min_name_px, name > 18 ? name : 18);
	assert_int_equal(l.min_text_px, text > 14 ? text : 14);
	assert_true(inside(l.header, screen));
	assert_true(inside(l.title, screen));
	assert_true(inside(l.legend, screen));
	assert_true(inside(l.grid, screen));
	assert_true(inside(l.back, l.title));
	assert_false(SDL_HasIntersection(&l.grid, &l.legend));
	assert_false(SDL_HasIntersection(&l.grid, &l.title));
	assert_false(SDL_HasIntersection(&l.grid, &l.header));
	for (size_t n = 1; n <= 16; n++) {
		check_list(&l, n, false);
	}
	check_list(&l, 6, true);
	for (int i = 0; i < LAYOUT_PIN_KEYS; i++) {
		assert_true(inside(l.pin_key[i], screen));
		assert_false(SDL_HasIntersection(&l.pin_key[i], &l.pin_display));
		assert_false(SDL_HasIntersection(&l.pin_key[i], &l.pin_cancel));
	}
	assert_true(inside(l.admin_info, screen));
	assert_true(inside(l.admin_msg, screen));
	assert_false(SDL_HasIntersection(&l.admin_info, &l.admin_msg));
	for (int i = 0; i < LAYOUT_ADMIN_BUTTONS; i++) {
		assert_true(inside(l.admin_button[i], screen));
		assert_false(SDL_HasIntersection(&l.admin_button[i], &l.admin_msg));
		for (int j = 0; j < i; j++) {
			assert_false(SDL_HasIntersection(&l.admin_button[i], &l.admin_button[j]));
		}
	}
	assert_true(inside(l.confirm, screen));
	assert_true(inside(l.confirm_yes, l.confirm) && inside(l.confirm_no, l.confirm));
	assert_false(SDL_HasIntersection(&l.confirm_yes, &l.confirm_no));
	assert_false(SDL_HasIntersection(&l.confirm_text, &l.confirm_yes));
	assert_int_equal(layout_hit(&l.confirm_yes, 1, -5, -5), -1);
}

static void test_layout_sizes(void **state)
{
	(void)state;
	static const int sizes[][2] = { { 1920, 1080 }, { 1366, 768 }, { 1280, 800 },
		{ 1024, 768 }, { 800, 480 }, { 1080, 1920 }, { 768, 1366 }, { 1024, 600 } };
	for (size_t s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
		check_layout(sizes[s][0], sizes[s][1]);
	}
}

/* More fields than fit at the floor go to pages; a tiny output still shows one a page. */
static void test_layout_pages(void **state)
{
	(void)state;
	struct layout l;
	struct layout_tile tiles[16];
	struct layout_plan plan;
	for (size_t i = 0; i < 16; i++) {
		tiles[i] = (struct layout_tile){ names[i], "Đang chờ: 999 người", false };
	}
	layout_compute(&l, 800, 480, &fake);
	assert_false(layout_plan_tiles(&l, &fake, tiles, 16, &plan));
	assert_true(plan.pages >= 2);
	assert_int_equal(plan.sz.name_px, l.min_name_px);
	layout_compute(&l, 1920, 1080, &fake);
	assert_true(layout_plan_tiles(&l, &fake, tiles, 16, &plan));
	assert_true(plan.cols >= 2);
	layout_compute(&l, 120, 100, &fake);
	assert_false(layout_plan_tiles(&l, &fake, tiles, 16, &plan));
	assert_int_equal(plan.per_page, 1);
	assert_int_equal(plan.pages, 16);
	assert_true(layout_plan_tiles(&l, &fake, tiles, 0, &plan));
	assert_int_equal(plan.pages, 0);
	layout_show(&l, &plan, NULL, 0);
	assert_int_equal(l.n_cells, 0);
}

/* Groups in the order of their first field; fields without a group stay where they are. */
static void test_menu(void **state)
{
	(void)state;
	static const char *const groups[] = { "A", "", "B", "A", "", "B", "C" };
	struct snapshot_service ss[7] = { 0 };
	for (size_t i = 0; i < 7; i++) {
		snprintf(ss[i].service.group, sizeof(ss[i].service.group), "%s", groups[i]);
	}
	struct snapshot snap = { .n_services = 7, .services = ss };
	struct menu m;
	struct menu_entry e[MENU_MAX];
	menu_build(&m, &snap);
	assert_int_equal(m.n_fields, 7);
	assert_int_equal(m.n_groups, 3);
	assert_string_equal(m.group_name[0], "A");
	assert_string_equal(m.group_name[2], "C");
	assert_int_equal(m.group_size[0], 2);
	assert_int_equal(m.group_size[2], 1);
	assert_int_equal(menu_fields(&m, e), 7);
	assert_int_equal(menu_grouped(&m, e), 5);  /* A, field 1, B, field 4, C */
	assert_true(e[0].group && e[0].index == 0);
	assert_true(!e[1].group && e[1].index == 1);
	assert_true(e[2].group && e[2].index == 1);
	assert_true(!e[3].group && e[3].index == 4);
	assert_true(e[4].group && e[4].index == 2);
	assert_int_equal(menu_group_fields(&m, 1, e), 2);
	assert_int_equal(e[0].index, 2);
	assert_int_equal(e[1].index, 5);
	assert_int_equal(menu_find_group(&m, "C"), 2);
	assert_int_equal(menu_find_group(&m, "D"), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pin_entry),
		cmocka_unit_test(test_layout_sizes),
		cmocka_unit_test(test_layout_pages),
		cmocka_unit_test(test_menu),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
