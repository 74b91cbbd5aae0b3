/*
 * Vietnamese number reading (rules in docs/number-reading.md).
 *
 * A number is cut into groups of three digits (millions, thousands, units).
 * Each non-zero group is read as "H trăm T mươi U" with the unit and tens
 * exceptions (mười, mốt, tư, lăm, linh/lẻ), then its scale word. A group
 * after the first is read in full even when its hundreds digit is zero
 * ("một nghìn không trăm linh năm"); an all-zero group is skipped.
 */
#include "motcua/voice/numread.h"

#include <string.h>

static const struct {
	const char *text;
	const char *clip;
} words[NUMREAD_WORD_COUNT] = {
	[NUMREAD_KHONG] = {"không", "khong"},
	[NUMREAD_MOT] = {"một", "mot"},
	[NUMREAD_HAI] = {"hai", "hai"},
	[NUMREAD_BA] = {"ba", "ba"},
	[NUMREAD_BON] = {"bốn", "bon"},
	[NUMREAD_NAM] = {"năm", "nam"},
	[NUMREAD_SAU] = {"sáu", "sau"},
	[NUMREAD_BAY] = {"bảy", "bay"},
	[NUMREAD_TAM] = {"tám", "tam"},
	[NUMREAD_CHIN] = {"chín", "chin"},
	[NUMREAD_MOT_SAC] = {"mốt", "mot_sac"},
	[NUMREAD_TU] = {"tư", "tu"},
	[NUMREAD_LAM] = {"lăm", "lam"},
	[NUMREAD_MUOI_HUYEN] = {"mười", "muoi_huyen"},
	[NUMREAD_MUOI] = {"mươi", "muoi"},
	[NUMREAD_TRAM] = {"trăm", "tram"},
	[NUMREAD_LINH] = {"linh", "linh"},
	[NUMREAD_LE] = {"lẻ", "le"},
	[NUMREAD_NGHIN] = {"nghìn", "nghin"},
	[NUMREAD_NGAN] = {"ngàn", "ngan"},
	[NUMREAD_TRIEU] = {"triệu", "trieu"},
	[NUMREAD_LETTER_A] = {"a", "chu_a"},
	[NUMREAD_LETTER_B] = {"bê", "chu_b"},
	[NUMREAD_LETTER_C] = {"xê", "chu_c"},
	[NUMREAD_LETTER_D] = {"dê", "chu_d"},
	[NUMREAD_LETTER_DD] = {"đê", "chu_dd"},
	[NUMREAD_LETTER_E] = {"e", "chu_e"},
	[NUMREAD_LETTER_F] = {"ép", "chu_f"},
	[NUMREAD_LETTER_G] = {"giê", "chu_g"},
	[NUMREAD_LETTER_H] = {"hát", "chu_h"},
	[NUMREAD_LETTER_I] = {"i", "chu_i"},
	[NUMREAD_LETTER_J] = {"gi", "chu_j"},
	[NUMREAD_LETTER_K] = {"ca", "chu_k"},
	[NUMREAD_LETTER_L] = {"e lờ", "chu_l"},
	[NUMREAD_LETTER_M] = {"em mờ", "chu_m"},
	[NUMREAD_LETTER_N] = {"en nờ", "chu_n"},
	[NUMREAD_LETTER_O] = {"o", "chu_o"},
	[NUMREAD_LETTER_P] = {"pê", "chu_p"},
	[NUMREAD_LETTER_Q] = {"quy", "chu_q"},
	[NUMREAD_LETTER_R] = {"e rờ", "chu_r"},
	[NUMREAD_LETTER_S] = {"ét xì", "chu_s"},
	[NUMREAD_LETTER_T] = {"tê", "chu_t"},
	[NUMREAD_LETTER_U] = {"u", "chu_u"},
	[NUMREAD_LETTER_V] = {"vê", "chu_v"},
	[NUMREAD_LETTER_W] = {"vê kép", "chu_w"},
	[NUMREAD_LETTER_X] = {"ích xì", "chu_x"},
	[NUMREAD_LETTER_Y] = {"i dài", "chu_y"},
	[NUMREAD_LETTER_Z] = {"dét", "chu_z"},
};

static const char *const region_names[] = {
	[NUMREAD_CENTRAL] = "central",
	[NUMREAD_NORTH] = "north",
	[NUMREAD_SOUTH] = "south",
};

bool numread_region_parse(const char *s, enum numread_region *out)
{
	for (size_t i = 0; i < sizeof(region_names) / sizeof(region_names[0]); i++) {
		if (s && strcmp(s, region_names[i]) == 0) {
			*out = (enum numread_region)i;
			return true;
		}
	}
	return false;
}

const char *numread_region_name(enum numread_region region)
{
	if ((unsigned)region >= sizeof(region_names) / sizeof(region_names[0])) {
		return "central";
	}
	return region_names[region];
}

struct numread_style numread_style_for(enum numread_region region)
{
	struct numread_style st = {.le = false, .ngan = false};
	if (region == NUMREAD_SOUTH) {
		st.le = true;
		st.ngan = true;
	}
	return st;
}

const char *numread_word_text(enum numread_word w)
{
	return (unsigned)w < NUMREAD_WORD_COUNT ? words[w].text : "";
}

const char *numread_word_clip(enum numread_word w)
{
	return (unsigned)w < NUMREAD_WORD_COUNT ? words[w].clip : "";
}

/* Appends words; counts past max so the caller can detect overflow. */
struct sink {
	enum numread_word *out;
	int max;
	int n;
};

static void put(struct sink *s, enum numread_word w)
{
	if (s->n < s->max) {
		s->out[s->n] = w;
	}
	s->n++;
}

static enum numread_word digit_word(int d)
{
	return (enum numread_word)(NUMREAD_KHONG + d);
}

/*
 * Reads one group 0..999 (not all zero). full: the group follows a higher
 * group, so a zero hundreds digit is still read ("không trăm").
 */
static void read_group(struct sink *s, int g, bool full, const struct numread_style *st)
{
	int h = g / 100, t = g / 10 % 10, u = g % 10;
	bool hundreds = full || h > 0;

	if (hundreds) {
		put(s, digit_word(h));
		put(s, NUMREAD_TRAM);
	}
	if (t == 0) {
		if (u == 0) {
			return;
		}
		if (hundreds) {
			/* 105 "một trăm linh năm": after linh the unit keeps its plain name. */
			put(s, st->le ? NUMREAD_LE : NUMREAD_LINH);
		}
		put(s, digit_word(u));
		return;
	}
	if (t == 1) {
		put(s, NUMREAD_MUOI_HUYEN);
	} else {
		put(s, digit_word(t));
		put(s, NUMREAD_MUOI);
	}
	switch (u) {
	case 0:
		break;
	case 1:
		put(s, t >= 2 ? NUMREAD_MOT_SAC : NUMREAD_MOT);
		break;
	case 4:
		put(s, t >= 2 ? NUMREAD_TU : NUMREAD_BON);
		break;
	case 5:
		put(s, NUMREAD_LAM);
		break;
	default:
		put(s, digit_word(u));
		break;
	}
}

static void read_number(struct sink *s, long n, const struct numread_style *st)
{
	static const long scales[] = {1000000L, 1000L, 1L};
	bool started = false;

	if (n == 0) {
		put(s, NUMREAD_KHONG);
		return;
	}
	for (int i = 0; i < 3; i++) {
		int g = (int)(n / scales[i] % 1000);
		if (g == 0) {
			continue;
		}
		read_group(s, g, started, st);
		if (scales[i] == 1000000L) {
			put(s, NUMREAD_TRIEU);
		} else if (scales[i] == 1000L) {
			put(s, st->ngan ? NUMREAD_NGAN : NUMREAD_NGHIN);
		}
		started = true;
	}
}

int numread_words(long n, const struct numread_style *st, enum numread_word *out, int max)
{
	static const struct numread_style def = {false, false};
	struct sink s = {out, max, 0};

	if (n < 0 || n > NUMREAD_MAX) {
		return -1;
	}
	read_number(&s, n, st ? st : &def);
	return s.n <= max ? s.n : -1;
}

/* Maps the letter at *p (ASCII or Đ/đ in UTF-8) and advances; false if none. */
static bool letter_word(const char **p, enum numread_word *w)
{
	const unsigned char *c = (const unsigned char *)*p;

	if (c[0] == 0xC4 && (c[1] == 0x90 || c[1] == 0x91)) {
		*w = NUMREAD_LETTER_DD;
		*p += 2;
		return true;
	}
	int ch = c[0];
	if (ch >= 'a' && ch <= 'z') {
		ch -= 'a' - 'A';
	}
	if (ch < 'A' || ch > 'Z') {
		return false;
	}
	int idx = ch - 'A';
	/* Đ sits between D and E in the word list. */
	*w = (enum numread_word)(NUMREAD_LETTER_A + idx + (ch > 'D' ? 1 : 0));
	*p += 1;
	return true;
}

int numread_ticket_words(const char *ticket, const struct numread_style *st,
	enum numread_word *out, int max)
{
	struct sink s = {out, max, 0};
	const char *p = ticket;
	enum numread_word w;
	long n = 0;
	int digits = 0;

	if (!ticket) {
		return -1;
	}
	while (letter_word(&p, &w)) {
		put(&s, w);
	}
	for (; *p >= '0' && *p <= '9'; p++) {
		n = n * 10 + (*p - '0');
		if (++digits > 9) {
			return -1;
		}
	}
	if (*p != '\0' || digits == 0) {
		return -1;
	}
	static const struct numread_style def = {false, false};
	read_number(&s, n, st ? st : &def);
	return s.n <= max ? s.n : -1;
}

bool numread_join(const enum numread_word *list, int n, char *out, size_t size)
{
	size_t len = 0;

	if (size == 0) {
		return false;
	}
	out[0] = '\0';
	for (int i = 0; i < n; i++) {
		const char *t = numread_word_text(list[i]);
		size_t tl = strlen(t);
		size_t need = len + (i > 0 ? 1 : 0) + tl + 1;
		if (need > size) {
			return false;
		}
		if (i > 0) {
			out[len++] = ' ';
		}
		memcpy(out + len, t, tl + 1);
		len += tl;
	}
	return true;
}

bool numread_text(long n, const struct numread_style *st, char *out, size_t size)
{
	enum numread_word list[NUMREAD_MAX_WORDS];
	int k = numread_words(n, st, list, NUMREAD_MAX_WORDS);

	if (k < 0) {
		if (size > 0) {
			out[0] = '\0';
		}
		return false;
	}
	return numread_join(list, k, out, size);
}
