/*
 * The waiting-room screen's layout without a display (a software renderer
 * on a surface): the rules of docs/display.md on desks built in memory, and
 * every page drawn (for the sanitizers). The same rules are checked on real
 * screens, from the draw trace and by OCR, by test_display_layout.sh.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <SDL.h>
#include <SDL_ttf.h>
#include "layout.h"
#include "paint.h"
#include "render.h"

static const char *const field_names[] = {
	"Lao động – Thương binh và Xã hội", "Đất đai – Xây dựng – Môi trường",
	"Chứng thực – Hộ tịch", "Tư pháp – Hộ tịch", "Giáo dục – Y tế",
	"Nông nghiệp và Phát triển nông thôn", "Tài chính – Kế hoạch", "Kinh tế – Hạ tầng",
	"Văn hóa – Thông tin", "Nội vụ – Tôn giáo", "Đăng ký kinh doanh",
	"Tài nguyên và Môi trường", "Giao thông vận tải", "Bảo hiểm xã hội – Bảo hiểm y tế",
	"Người có công – Bảo trợ xã hội", "Hộ tịch",
};

/* A desk as desk.sh builds it: counter 3 paused while it serves someone. */
static void desk(struct snapshot *s, int counters, int fields)
{
	memset(s, 0, sizeof(*s));
	snprintf(s->commune_name, sizeof(s->commune_name), "UBND xã Hải Hưng");
	snprintf(s->desk_name, sizeof(s->desk_name), "Bộ phận Tiếp nhận và Trả kết quả");
	snprintf(s->notice, sizeof(s->notice), "Công dân vui lòng lấy số thứ tự và chờ đến lượt.");
	s->n_services = (size_t)fields;
	s->services = calloc((size_t)fields, sizeof(*s->services));
	for (int i = 0; i < fields; i++) {
		struct service *sv = &s->services[i].service;
		snprintf(sv->code, sizeof(sv->code), "F%d", i);
		snprintf(sv->name, sizeof(sv->name), "%s", field_names[i]);
		snprintf(sv->prefix, sizeof(sv->prefix), "%s", i < 9 ? "" : (char[]){ (char)('A' + i - 9), 0 });
		sv->range_start = i < 9 ? (i + 1) * 1000 + 1 : 1001;
		sv->range_end = i < 9 ? (i + 1) * 1000 + 999 : 1999;
		s->services[i].waiting = i;
	}
	s->n_counters = (size_t)counters;
	s->counters = calloc((size_t)counters, sizeof(*s->counters));
	for (int i = 0; i < counters; i++) {
		struct snapshot_counter *sc = &s->counters[i];
		const struct service *sv = &s->services[i % fields].service;
		sc->counter.number = i + 1;
		snprintf(sc->counter.name, sizeof(sc->counter.name), "%s",
			(i + 1) % 4 == 2 ? sv->name : "");
		if (!sc->counter.name[0]) {
			snprintf(sc->counter.name, sizeof(sc->counter.name), "Quầy %d", i + 1);
		}
		sc->counter.state = i == 2 ? COUNTER_PAUSED : COUNTER_OPEN;
		snprintf(sc->counter.pause_reason, sizeof(sc->counter.pause_reason), "%s",
			i == 2 ? "Họp giao ban" : "");
		sc->has_ticket = true;
		service_format_number(sv, sv->range_start + i / fields, sc->ticket.number,
			sizeof(sc->ticket.number));
		snprintf(sc->ticket.service_name, sizeof(sc->ticket.service_name), "%s", sv->name);
		snprintf(sc->service_names, sizeof(sc->service_names), "%s", sv->name);
	}
	s->n_calls = 3;
	for (int i = 0; i < 3; i++) {
		const struct snapshot_counter *sc = &s->counters[(counters - 1 - i + counters) % counters];
		snprintf(s->calls[i].number, sizeof(s->calls[i].number), "%s", sc->ticket.number);
		s->calls[i].counter = sc->counter.number;
	}
}

static void desk_free(struct snapshot *s)
{
	free(s->services);
	free(s->counters);
}

struct screen {
	SDL_Surface *surface;
	struct paint p;
	struct render *render;
};

static void screen_open(struct screen *sc, int w, int h)
{
	sc->surface = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
	assert_non_null(sc->surface);
	sc->p.r = SDL_CreateSoftwareRenderer(sc->surface);
	assert_non_null(sc->p.r);
	sc->p.t = ui_text_create(sc->p.r, NULL);
	sc->render = render_create(sc->p.r, sc->p.t, NULL);
}

static void screen_close(struct screen *sc)
{
	render_destroy(sc->render);
	ui_text_destroy(sc->p.t);
	SDL_DestroyRenderer(sc->p.r);
	SDL_FreeSurface(sc->surface);
}

static int setup(void **state)
{
	(void)state;
	return SDL_Init(0) == 0 && TTF_Init() == 0 ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	TTF_Quit();
	SDL_Quit();
	return 0;
}

struct size {
	int w, h;
};
static const struct size sizes[] = { { 1920, 1080 }, { 1366, 768 }, { 1280, 720 },
	{ 1080, 1920 } };
static const int counter_counts[] = { 1, 4, 12, 24, 32 };
static const int field_counts[] = { 1, 5, 8, 12, 16 };

/*
 * Over the matrix: every counter on some page, numbers at least the floor
 * (digits 40 px per 1080 lines), the latest call larger, nothing under the
 * least text size, one page for up to 24 counters on a landscape screen,
 * every field in the waiting panel; and every page drawn.
 */
static void test_matrix(void **state)
{
	(void)state;
	for (size_t z = 0; z < sizeof(sizes) / sizeof(sizes[0]); z++) {
		struct screen sc;
		screen_open(&sc, sizes[z].w, sizes[z].h);
		for (size_t c = 0; c < sizeof(counter_counts) / sizeof(counter_counts[0]); c++) {
			for (size_t f = 0; f < sizeof(field_counts) / sizeof(field_counts[0]); f++) {
				struct snapshot s;
				struct layout l = { 0 };
				int n = counter_counts[c];
				desk(&s, n, field_counts[f]);
				layout_update(&l, &sc.p, sizes[z].w, sizes[z].h, &s);
				char what[64];
				snprintf(what, sizeof(what), "%dx%d, %d counters, %d fields", sizes[z].w,
					sizes[z].h, n, field_counts[f]);
				print_message("%s: %d page(s), numbers %d px\n", what, l.board.pages,
					l.board.num_px);
				assert_true(l.board_fits);
				assert_true(l.board.per_page * l.board.pages >= n);
				assert_true(l.board.per_page * (l.board.pages - 1) < n);
				assert_true(l.board.num_px >= l.m.num_min);
				assert_true(l.latest_px > l.board.num_px);
				assert_true(l.m.s >= l.m.s_min);
				assert_true(l.wait_needs.px[l.wait.size] >= l.m.s_min);
				assert_false(l.wait.cut);
				if (sizes[z].w > sizes[z].h && n <= 24) {
					assert_int_equal(l.board.pages, 1);
				}
				int lines = 0;
				int need = panels_waiting_height(&sc.p, &l.m, &l.wait_needs, l.waiting.w,
					&l.wait, &lines);
				assert_true(need > 0 && need <= l.waiting.h);
				/* The board and the panels do not overlap. */
				assert_false(SDL_HasIntersection(&l.board.area, &l.waiting));
				assert_false(SDL_HasIntersection(&l.board.area, &l.latest));
				for (int page = 0; page < l.board.pages; page++) {
					struct view v = { .snap = &s, .connected = true, .page = page };
					render_frame(sc.render, &v);
					render_ticker(sc.render, &v);
					assert_int_equal(render_pages(sc.render), l.board.pages);
				}
				layout_finish(&l);
				desk_free(&s);
			}
		}
		screen_close(&sc);
	}
}

/* A call changes nothing in the layout; a new counter does. */
static void test_layout_kept_between_calls(void **state)
{
	(void)state;
	struct screen sc;
	struct snapshot s;
	struct layout l = { 0 };
	screen_open(&sc, 1920, 1080);
	desk(&s, 12, 5);
	layout_update(&l, &sc.p, 1920, 1080, &s);
	struct board_plan before = l.board;
	snprintf(s.counters[0].ticket.number, sizeof(s.counters[0].ticket.number), "1002");
	s.counters[1].has_ticket = false;
	s.counters[4].counter.state = COUNTER_PAUSED;
	uint64_t key = l.key;
	layout_update(&l, &sc.p, 1920, 1080, &s);
	assert_true(l.key == key);
	assert_memory_equal(&before, &l.board, sizeof(before));
	desk_free(&s);
	desk(&s, 13, 5);
	layout_update(&l, &sc.p, 1920, 1080, &s);
	assert_true(l.key != key);
	layout_finish(&l);
	desk_free(&s);
	screen_close(&sc);
}

/* Lines: wrapped at spaces, a dash never opens a line, cut after a whole word. */
static void test_lines(void **state)
{
	(void)state;
	struct screen sc;
	char lines[PAINT_MAX_LINES][UI_WRAP_LINE_MAX];
	screen_open(&sc, 640, 480);
	const char *name = "Đất đai – Xây dựng – Môi trường";
	int w = paint_width(&sc.p, 30, false, "Đất đai – Xây dựng –") + 2;
	assert_int_equal(paint_lines(&sc.p, 30, false, name, w, 3, false, lines), 2);
	assert_string_equal(lines[0], "Đất đai – Xây dựng –");
	assert_string_equal(lines[1], "Môi trường");
	/* One line too short for all of it: cut after "dựng", not after a dash. */
	w = paint_width(&sc.p, 30, false, "Đất đai – Xây dựng…") + 2;
	assert_true(w < paint_width(&sc.p, 30, false, "Đất đai – Xây dựng – Môi…"));
	assert_int_equal(paint_lines(&sc.p, 30, false, name, w, 1, false, lines), 0);
	assert_int_equal(paint_lines(&sc.p, 30, false, name, w, 1, true, lines), 1);
	assert_string_equal(lines[0], "Đất đai – Xây dựng…");
	/* Room for a word and a half: the cut keeps whole words only. */
	w = paint_width(&sc.p, 30, false, "Đất đai – Xâ");
	assert_int_equal(paint_lines(&sc.p, 30, false, name, w, 1, true, lines), 1);
	assert_string_equal(lines[0], "Đất đai…");
	/* The least width for two lines holds it in two. */
	w = paint_min_width(&sc.p, 30, false, name, 2);
	assert_int_equal(paint_lines(&sc.p, 30, false, name, w, 2, false, lines), 2);
	assert_int_equal(paint_lines(&sc.p, 30, false, name, w - 1, 2, false, lines), 0);
	screen_close(&sc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lines),
		cmocka_unit_test(test_layout_kept_between_calls),
		cmocka_unit_test(test_matrix),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
