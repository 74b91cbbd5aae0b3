/* Acceptable text and strict integers (see text.h). */
#include <getopt.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "motcua/base/text.h"
#include "motcua/base/utf8.h"

/* Decodes the code point at *p (already known to be valid UTF-8) and advances. */
static uint32_t next_code_point(const unsigned char **p)
{
	const unsigned char *s = *p;
	uint32_t c = s[0];
	int n = c < 0x80 ? 0 : (c & 0xe0) == 0xc0 ? 1 : (c & 0xf0) == 0xe0 ? 2 : 3;
	if (n) {
		c &= 0x3fu >> n;
	}
	for (int i = 1; i <= n; i++) {
		c = (c << 6) | (s[i] & 0x3fu);
	}
	*p = s + n + 1;
	return c;
}

/* White space a keyboard or a copy from a document can produce. */
static bool is_space(uint32_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == 0xa0 || c == 0x1680
		|| (c >= 0x2000 && c <= 0x200b) || c == 0x202f || c == 0x205f || c == 0x3000
		|| c == 0xfeff;
}

bool text_check(const char *what, const char *s, size_t max_bytes, unsigned rules,
	struct result *r)
{
	if (!s) {
		s = "";
	}
	if (!utf8_valid(s)) {
		return result_fail(r, RESULT_ERR_INVALID,
			"%s: không phải văn bản UTF-8 hợp lệ", what);
	}
	size_t len = strlen(s);
	if (len > max_bytes) {
		return result_fail(r, RESULT_ERR_INVALID,
			"%s: dài %zu byte, quá giới hạn %zu byte", what, len, max_bytes);
	}
	bool blank = true;
	for (const unsigned char *p = (const unsigned char *)s; *p;) {
		uint32_t c = next_code_point(&p);
		bool control = c < 0x20 || (c >= 0x7f && c <= 0x9f);
		if (control && !(c == '\n' && (rules & TEXT_LINES))) {
			return result_fail(r, RESULT_ERR_INVALID,
				"%s: có ký tự điều khiển U+%04X (không in ra được); hãy gõ lại chỉ bằng "
				"chữ, số và dấu", what, (unsigned)c);
		}
		blank = blank && is_space(c);
	}
	if ((rules & TEXT_REQUIRED) && blank) {
		return result_fail(r, RESULT_ERR_INVALID, "%s: không được để trống", what);
	}
	return true;
}

bool text_parse_long(const char *s, long min, long max, long *out)
{
	if (!s) {
		return false;
	}
	bool negative = *s == '-';
	const char *p = s + negative;
	if (!*p) {
		return false;
	}
	/* Accumulate as a negative number: LONG_MIN has no positive twin. */
	long v = 0;
	for (; *p; p++) {
		if (*p < '0' || *p > '9') {
			return false;
		}
		int d = *p - '0';
		if (v < (LONG_MIN + d) / 10) {
			return false;
		}
		v = v * 10 - d;
	}
	if (!negative) {
		if (v == LONG_MIN) {
			return false;
		}
		v = -v;
	}
	if (v < min || v > max) {
		return false;
	}
	*out = v;
	return true;
}

void text_option_error(int c, char *const *argv, char *out, size_t size)
{
	const char *arg = optind > 0 ? argv[optind - 1] : "";
	if (strncmp(arg, "--", 2) != 0 && optopt) {
		snprintf(out, size, c == ':' ? "tùy chọn -%c cần một giá trị" : "không có tùy chọn -%c",
			optopt);
	} else {
		int len = (int)strcspn(arg, "=");  /* "--name=value": name the option only */
		snprintf(out, size, c == ':' ? "tùy chọn %.*s cần một giá trị"
			: "không có tùy chọn %.*s", len, arg);
	}
}
