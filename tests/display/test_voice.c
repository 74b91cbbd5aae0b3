/* The call sentence and its clip sequence under each voice setting. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include <stdlib.h>

#include "motcua/base/paths.h"
#include "motcua/voice/voice.h"

static void test_sentence(void **state)
{
	(void)state;
	char s[512];
	struct result r;
	assert_true(voice_sentence("1005", 2, NUMREAD_CENTRAL, s, sizeof(s), &r));
	assert_string_equal(s, "Mời công dân có số thứ tự một nghìn không trăm linh năm đến quầy số hai");
	assert_true(voice_sentence("A024", 15, NUMREAD_CENTRAL, s, sizeof(s), &r));
	assert_string_equal(s, "Mời công dân có số thứ tự a hai mươi tư đến quầy số mười lăm");
	assert_true(voice_sentence("1005", 21, NUMREAD_SOUTH, s, sizeof(s), &r));
	assert_string_equal(s, "Mời công dân có số thứ tự một ngàn không trăm lẻ năm đến quầy số hai mươi mốt");
	assert_false(voice_sentence("1-5", 2, NUMREAD_CENTRAL, s, sizeof(s), &r));
	assert_int_equal(r.code, RESULT_ERR_INVALID);
	assert_false(voice_sentence("15", 0, NUMREAD_CENTRAL, s, sizeof(s), &r));
	assert_int_equal(r.code, RESULT_ERR_INVALID);
	assert_false(voice_sentence("1005", 2, NUMREAD_CENTRAL, s, 20, &r));
}

static void expect_seq(const char *number, int counter, enum voice_mode mode, int repeat,
	const char *want)
{
	struct voice_config c;
	struct voice_sequence seq;
	struct result r;
	char got[4096];
	voice_config_default(&c);
	c.mode = mode;
	c.repeat = repeat;
	assert_true(voice_sequence_build(number, counter, &c, &seq, &r));
	assert_true(voice_sequence_join(&seq, got, sizeof(got)));
	assert_string_equal(got, want);
}

static void test_sequence(void **state)
{
	(void)state;
	expect_seq("1005", 2, VOICE_MODE_VOICE, 1,
		"chime moi_cong_dan_co_so_thu_tu mot nghin khong tram linh nam den_quay_so hai");
	expect_seq("A21", 1, VOICE_MODE_VOICE, 2,
		"chime moi_cong_dan_co_so_thu_tu chu_a hai muoi mot_sac den_quay_so mot "
		"pause moi_cong_dan_co_so_thu_tu chu_a hai muoi mot_sac den_quay_so mot");
	expect_seq("15", 10, VOICE_MODE_VOICE, 1,
		"chime moi_cong_dan_co_so_thu_tu muoi_huyen lam den_quay_so muoi_huyen");
	expect_seq("1005", 2, VOICE_MODE_CHIME, 3, "chime");
	expect_seq("1005", 2, VOICE_MODE_MUTE, 3, "");
	/* Out-of-range repeat is clamped, never overflows. */
	struct voice_config c;
	struct voice_sequence seq;
	voice_config_default(&c);
	c.repeat = 99;
	assert_true(voice_sequence_build("AB999999999", 999999999, &c, &seq, NULL));
	assert_true(seq.n < VOICE_MAX_CLIPS);
	size_t intros = 0;
	for (size_t i = 0; i < seq.n; i++) {
		intros += strcmp(seq.clips[i], VOICE_CLIP_INTRO) == 0;
	}
	assert_int_equal(intros, VOICE_REPEAT_MAX);
	/* An unreadable number gives no sequence. */
	assert_false(voice_sequence_build("xyz!", 1, &c, &seq, NULL));
	assert_int_equal(seq.n, 0);
}

static void test_modes(void **state)
{
	(void)state;
	enum voice_mode m;
	assert_true(voice_mode_parse("chime", &m));
	assert_int_equal(m, VOICE_MODE_CHIME);
	assert_true(voice_mode_parse("mute", &m));
	assert_int_equal(m, VOICE_MODE_MUTE);
	assert_false(voice_mode_parse("loud", &m));
	assert_string_equal(voice_mode_name(VOICE_MODE_VOICE), "voice");
}

/* Every clip a sequence can name exists in assets/voice/vi/ (the generated set). */
static void test_clips_exist(void **state)
{
	(void)state;
	const char *fixed[] = {VOICE_CLIP_CHIME, VOICE_CLIP_INTRO, VOICE_CLIP_TO_COUNTER,
		VOICE_CLIP_PAUSE};
	char rel[128];
	for (int i = 0; i < NUMREAD_WORD_COUNT + 4; i++) {
		const char *clip = i < NUMREAD_WORD_COUNT ? numread_word_clip((enum numread_word)i)
			: fixed[i - NUMREAD_WORD_COUNT];
		snprintf(rel, sizeof(rel), "voice/vi/%s.wav", clip);
		char *path = paths_asset(rel);
		if (!path) {
			print_error("missing clip %s\n", rel);
		}
		assert_non_null(path);
		free(path);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sentence),
		cmocka_unit_test(test_sequence),
		cmocka_unit_test(test_modes),
		cmocka_unit_test(test_clips_exist),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
