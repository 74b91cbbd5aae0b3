/*
 * The call sentence and its clip sequence (see voice.h). Both are built
 * from the same word lists (numread), so what is printed is what is said.
 */
#define LOG_MODULE "voice"
#include "motcua/voice/voice.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "motcua/base/log.h"
#include "motcua/store/settings.h"

static const char *const mode_names[] = {
	[VOICE_MODE_VOICE] = "voice",
	[VOICE_MODE_CHIME] = "chime",
	[VOICE_MODE_MUTE] = "mute",
};

void voice_config_default(struct voice_config *c)
{
	c->mode = VOICE_MODE_VOICE;
	c->repeat = 1;
	c->region = NUMREAD_CENTRAL;
}

bool voice_mode_parse(const char *s, enum voice_mode *out)
{
	for (size_t i = 0; i < sizeof(mode_names) / sizeof(mode_names[0]); i++) {
		if (s && strcmp(s, mode_names[i]) == 0) {
			*out = (enum voice_mode)i;
			return true;
		}
	}
	return false;
}

const char *voice_mode_name(enum voice_mode mode)
{
	if ((unsigned)mode >= sizeof(mode_names) / sizeof(mode_names[0])) {
		return "voice";
	}
	return mode_names[mode];
}

void voice_config_parse(struct voice_config *c, const char *mode, const char *region,
	long repeat)
{
	voice_config_default(c);
	if (mode && *mode && !voice_mode_parse(mode, &c->mode)) {
		LOG_WARN("voice_mode: %s: unknown, using voice", mode);
	}
	if (region && *region && !numread_region_parse(region, &c->region)) {
		LOG_WARN("voice_region: %s: unknown, using central", region);
	}
	if (repeat < 1 || repeat > VOICE_REPEAT_MAX) {
		LOG_WARN("voice_repeat: %ld: out of 1..%d, clamped", repeat, VOICE_REPEAT_MAX);
		repeat = repeat < 1 ? 1 : VOICE_REPEAT_MAX;
	}
	c->repeat = (int)repeat;
}

void voice_config_load(struct db *db, struct voice_config *c)
{
	char mode[64], region[64];

	if (!settings_get(db, "voice_mode", mode, sizeof(mode))) {
		mode[0] = '\0';
	}
	if (!settings_get(db, "voice_region", region, sizeof(region))) {
		region[0] = '\0';
	}
	voice_config_parse(c, mode, region, settings_get_int(db, "voice_repeat"));
}

/* Reads the ticket and the counter into word lists; false (with r) when unreadable. */
static bool read_parts(const char *number, int counter, enum numread_region region,
	enum numread_word *nw, int *nn, enum numread_word *cw, int *cn, struct result *r)
{
	struct numread_style st = numread_style_for(region);

	*nn = numread_ticket_words(number, &st, nw, NUMREAD_MAX_WORDS);
	if (*nn < 0) {
		return result_fail(r, RESULT_ERR_INVALID,
			"số thứ tự \"%s\" không đọc được (chữ cái rồi đến tối đa 9 chữ số)",
			number ? number : "");
	}
	*cn = numread_words(counter, &st, cw, NUMREAD_MAX_WORDS);
	if (counter < 1 || *cn < 0) {
		return result_fail(r, RESULT_ERR_INVALID, "số quầy %d không hợp lệ", counter);
	}
	return true;
}

bool voice_sentence(const char *number, int counter, enum numread_region region,
	char *out, size_t size, struct result *r)
{
	enum numread_word nw[NUMREAD_MAX_WORDS], cw[NUMREAD_MAX_WORDS];
	int nn, cn;
	char num[512], cnt[512];

	if (!read_parts(number, counter, region, nw, &nn, cw, &cn, r)) {
		return false;
	}
	if (!numread_join(nw, nn, num, sizeof(num)) || !numread_join(cw, cn, cnt, sizeof(cnt))) {
		return result_fail(r, RESULT_ERR_INVALID, "số quá dài");
	}
	int len = snprintf(out, size, "Mời công dân có số thứ tự %s đến quầy số %s", num, cnt);
	if (len < 0 || (size_t)len >= size) {
		return result_fail(r, RESULT_ERR_INVALID, "câu thông báo quá dài");
	}
	return true;
}

static void add(struct voice_sequence *s, const char *clip)
{
	if (s->n < VOICE_MAX_CLIPS) {
		s->clips[s->n++] = clip;
	}
}

bool voice_sequence_build(const char *number, int counter, const struct voice_config *c,
	struct voice_sequence *out, struct result *r)
{
	enum numread_word nw[NUMREAD_MAX_WORDS], cw[NUMREAD_MAX_WORDS];
	int nn, cn;

	out->n = 0;
	if (!read_parts(number, counter, c->region, nw, &nn, cw, &cn, r)) {
		return false;
	}
	if (c->mode == VOICE_MODE_MUTE) {
		return true;
	}
	add(out, VOICE_CLIP_CHIME);
	if (c->mode == VOICE_MODE_CHIME) {
		return true;
	}
	int repeat = c->repeat < 1 ? 1 : c->repeat > VOICE_REPEAT_MAX ? VOICE_REPEAT_MAX : c->repeat;
	for (int k = 0; k < repeat; k++) {
		if (k > 0) {
			add(out, VOICE_CLIP_PAUSE);
		}
		add(out, VOICE_CLIP_INTRO);
		for (int i = 0; i < nn; i++) {
			add(out, numread_word_clip(nw[i]));
		}
		add(out, VOICE_CLIP_TO_COUNTER);
		for (int i = 0; i < cn; i++) {
			add(out, numread_word_clip(cw[i]));
		}
	}
	return true;
}

bool voice_sequence_join(const struct voice_sequence *s, char *out, size_t size)
{
	size_t len = 0;

	if (size == 0) {
		return false;
	}
	out[0] = '\0';
	for (size_t i = 0; i < s->n; i++) {
		int k = snprintf(out + len, size - len, "%s%s", i ? " " : "", s->clips[i]);
		if (k < 0 || (size_t)k >= size - len) {
			return false;
		}
		len += (size_t)k;
	}
	return true;
}
