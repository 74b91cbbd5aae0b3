#pragma once
#include "motcua/voice/layer.h"
/*
 * Vietnamese number reading, for announcements: 1005 -> "một nghìn không
 * trăm linh năm". The rules, with the regional choices (linh/lẻ,
 * nghìn/ngàn), are written down in docs/number-reading.md.
 *
 * A reading is a list of words (enum numread_word); each word has its
 * UTF-8 text and an ASCII clip name (assets/voice/vi/<clip>.wav), so the
 * same list gives the printed sentence and the sequence of voice clips.
 */
#include <stdbool.h>
#include <stddef.h>

/* Largest number read: 999 999 999 ("chín trăm ... triệu ..."). */
#define NUMREAD_MAX 999999999L
/* Words needed for any number up to NUMREAD_MAX, with a letter prefix. */
#define NUMREAD_MAX_WORDS 40

enum numread_word {
	NUMREAD_KHONG,      /* không */
	NUMREAD_MOT,        /* một */
	NUMREAD_HAI,        /* hai */
	NUMREAD_BA,         /* ba */
	NUMREAD_BON,        /* bốn */
	NUMREAD_NAM,        /* năm */
	NUMREAD_SAU,        /* sáu */
	NUMREAD_BAY,        /* bảy */
	NUMREAD_TAM,        /* tám */
	NUMREAD_CHIN,       /* chín */
	NUMREAD_MOT_SAC,    /* mốt: unit 1 after a tens digit >= 2 */
	NUMREAD_TU,         /* tư: unit 4 after a tens digit >= 2 */
	NUMREAD_LAM,        /* lăm: unit 5 after any tens digit */
	NUMREAD_MUOI_HUYEN, /* mười: ten */
	NUMREAD_MUOI,       /* mươi: "hai mươi" */
	NUMREAD_TRAM,       /* trăm */
	NUMREAD_LINH,       /* linh (north, central) */
	NUMREAD_LE,         /* lẻ (south) */
	NUMREAD_NGHIN,      /* nghìn (north, central) */
	NUMREAD_NGAN,       /* ngàn (south) */
	NUMREAD_TRIEU,      /* triệu */
	/* Letter names for a ticket prefix ("A1005"), A..Z and Đ. */
	NUMREAD_LETTER_A, NUMREAD_LETTER_B, NUMREAD_LETTER_C, NUMREAD_LETTER_D,
	NUMREAD_LETTER_DD, NUMREAD_LETTER_E, NUMREAD_LETTER_F, NUMREAD_LETTER_G,
	NUMREAD_LETTER_H, NUMREAD_LETTER_I, NUMREAD_LETTER_J, NUMREAD_LETTER_K,
	NUMREAD_LETTER_L, NUMREAD_LETTER_M, NUMREAD_LETTER_N, NUMREAD_LETTER_O,
	NUMREAD_LETTER_P, NUMREAD_LETTER_Q, NUMREAD_LETTER_R, NUMREAD_LETTER_S,
	NUMREAD_LETTER_T, NUMREAD_LETTER_U, NUMREAD_LETTER_V, NUMREAD_LETTER_W,
	NUMREAD_LETTER_X, NUMREAD_LETTER_Y, NUMREAD_LETTER_Z,
	NUMREAD_WORD_COUNT,
};

enum numread_region { NUMREAD_CENTRAL, NUMREAD_NORTH, NUMREAD_SOUTH };

/* How the regional words are chosen; see numread_style_for(). */
struct numread_style {
	bool le;    /* "lẻ" instead of "linh" for a zero tens digit */
	bool ngan;  /* "ngàn" instead of "nghìn" */
};

/* "central", "north", "south"; false for anything else. */
bool numread_region_parse(const char *s, enum numread_region *out);
const char *numread_region_name(enum numread_region region);
/* central and north: linh, nghìn; south: lẻ, ngàn. */
struct numread_style numread_style_for(enum numread_region region);

/* UTF-8 text ("mốt") and ASCII clip name ("mot_sac") of a word; static strings. */
const char *numread_word_text(enum numread_word w);
const char *numread_word_clip(enum numread_word w);

/*
 * Reads n (0..NUMREAD_MAX) into at most max words. Returns the number of
 * words, or -1 when n is out of range or max is too small.
 */
int numread_words(long n, const struct numread_style *st, enum numread_word *out, int max);

/*
 * Reads a ticket number as printed: optional letters (each read by its
 * Vietnamese name), then digits read as one number (leading zeros are not
 * read: "A005" is "a năm"). Returns the word count, or -1 when the string is
 * not letters-then-1..9-digits.
 */
int numread_ticket_words(const char *ticket, const struct numread_style *st,
	enum numread_word *out, int max);

/* Joins words with single spaces into out. False if it does not fit. */
bool numread_join(const enum numread_word *words, int n, char *out, size_t size);

/* numread_words + numread_join. False when out of range or out is too small. */
bool numread_text(long n, const struct numread_style *st, char *out, size_t size);
