#pragma once
#include "motcua/voice/layer.h"
/*
 * The spoken call: "Mời công dân có số thứ tự <số> đến quầy số <quầy>",
 * as one UTF-8 sentence and as the list of clips that say it
 * (assets/voice/vi/<clip>.wav; names in docs/voice.md). The sequence starts
 * with a chime; the sentence is said voice_repeat times with a short pause
 * between; chime mode plays the chime only; mute plays nothing.
 */
#include <stdbool.h>
#include <stddef.h>
#include "motcua/store/db.h"
#include "motcua/voice/numread.h"
#include "motcua/base/result.h"

enum voice_mode { VOICE_MODE_VOICE, VOICE_MODE_CHIME, VOICE_MODE_MUTE };

#define VOICE_REPEAT_MAX 3
/* Chime + 3 x (2 phrases + 40 number words + 17 counter words) + 2 pauses. */
#define VOICE_MAX_CLIPS 200

/* Clip names of the sentence's fixed parts. */
#define VOICE_CLIP_CHIME "chime"
#define VOICE_CLIP_INTRO "moi_cong_dan_co_so_thu_tu"  /* Mời công dân có số thứ tự */
#define VOICE_CLIP_TO_COUNTER "den_quay_so"            /* đến quầy số */
#define VOICE_CLIP_PAUSE "pause"                       /* ~0.6 s of silence */

struct voice_config {
	enum voice_mode mode;
	int repeat;                  /* 1..VOICE_REPEAT_MAX */
	enum numread_region region;
};

/* The clips to play, in order; names are static strings. */
struct voice_sequence {
	size_t n;
	const char *clips[VOICE_MAX_CLIPS];
};

/* voice, 1 repeat, central. */
void voice_config_default(struct voice_config *c);
/* "voice", "chime", "mute"; false for anything else. */
bool voice_mode_parse(const char *s, enum voice_mode *out);
const char *voice_mode_name(enum voice_mode mode);
/*
 * Reads voice_mode, voice_repeat, voice_region from the settings. A value
 * this build does not understand falls back to the default with a warning.
 */
void voice_config_load(struct db *db, struct voice_config *c);
/* The same from the settings' values, however they were read (a LAN server's). */
void voice_config_parse(struct voice_config *c, const char *mode, const char *region,
	long repeat);

/*
 * The sentence for ticket `number` (as printed, e.g. "A1005") called to
 * counter `counter` (1..NUMREAD_MAX), capitalised, no final full stop.
 * RESULT_ERR_INVALID for a number that cannot be read.
 */
bool voice_sentence(const char *number, int counter, enum numread_region region,
	char *out, size_t size, struct result *r);

/* The clips for the call under config c (empty sequence when muted). */
bool voice_sequence_build(const char *number, int counter, const struct voice_config *c,
	struct voice_sequence *out, struct result *r);

/* Clip names joined by single spaces (for logs and `motcua announce`). */
bool voice_sequence_join(const struct voice_sequence *s, char *out, size_t size);
