/* ui_text_wrap: breaks at spaces only, never before a dash, 0 when it does not fit. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include <SDL.h>
#include <SDL_ttf.h>
#include "motcua/ui/ui.h"

struct fix {
	SDL_Surface *surface;
	SDL_Renderer *renderer;
	struct ui_text *text;
};

static int setup(void **state)
{
	static struct fix f;
	if (SDL_Init(0) != 0 || TTF_Init() != 0) {
		return -1;
	}
	f.surface = SDL_CreateRGBSurfaceWithFormat(0, 64, 64, 32, SDL_PIXELFORMAT_ARGB8888);
	f.renderer = SDL_CreateSoftwareRenderer(f.surface);
	f.text = ui_text_create(f.renderer, NULL);
	*state = &f;
	return f.text ? 0 : -1;
}

static int teardown(void **state)
{
	struct fix *f = *state;
	ui_text_destroy(f->text);
	SDL_DestroyRenderer(f->renderer);
	SDL_FreeSurface(f->surface);
	TTF_Quit();
	SDL_Quit();
	return 0;
}

static int width_of(struct fix *f, const char *s)
{
	int w = 0, h = 0;
	assert_true(ui_text_measure(f->text, 30, true, s, &w, &h));
	return w;
}

static void test_dash_stays_on_the_line_before(void **state)
{
	struct fix *f = *state;
	char lines[4][UI_WRAP_LINE_MAX];
	/* Room for "Chứng thực –" but not for "Chứng thực – Hộ". */
	int w = width_of(f, "Chứng thực –") + 2;
	assert_true(w < width_of(f, "Chứng thực – Hộ"));
	assert_int_equal(ui_text_wrap(f->text, 30, true, "Chứng thực – Hộ tịch", w, lines, 4), 2);
	assert_string_equal(lines[0], "Chứng thực –");
	assert_string_equal(lines[1], "Hộ tịch");
	/* Room for "Chứng thực" only: the dash cannot open the next line, so the
	 * break moves back a word. */
	w = width_of(f, "Chứng thực") + 2;
	int n = ui_text_wrap(f->text, 30, true, "Chứng thực – Hộ tịch", w, lines, 4);
	for (int i = 0; i < n; i++) {
		assert_true(strncmp(lines[i], "–", strlen("–")) != 0);
	}
}

static void test_never_inside_a_word(void **state)
{
	struct fix *f = *state;
	char lines[4][UI_WRAP_LINE_MAX];
	int w = width_of(f, "nghĩa") - 1;
	/* A syllable wider than the line: no wrap at this size. */
	assert_int_equal(ui_text_wrap(f->text, 30, true, "Lao động nghĩa", w, lines, 4), 0);
	/* Too many lines needed. */
	assert_int_equal(ui_text_wrap(f->text, 30, true, "Đất đai – Xây dựng – Môi trường",
		width_of(f, "Xây"), lines, 2), 0);
	assert_int_equal(ui_text_wrap(f->text, 30, true, "  Hộ  tịch ", 10000, lines, 1), 1);
	assert_string_equal(lines[0], "Hộ  tịch");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dash_stays_on_the_line_before),
		cmocka_unit_test(test_never_inside_a_word),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
