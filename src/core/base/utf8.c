#include <string.h>
#include "motcua/base/utf8.h"

bool utf8_valid(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		unsigned c = *p;
		int n;
		unsigned min;
		if (c < 0x80) {
			p++;
			continue;
		} else if ((c & 0xe0) == 0xc0) {
			n = 1, min = 0x80, c &= 0x1f;
		} else if ((c & 0xf0) == 0xe0) {
			n = 2, min = 0x800, c &= 0x0f;
		} else if ((c & 0xf8) == 0xf0) {
			n = 3, min = 0x10000, c &= 0x07;
		} else {
			return false;
		}
		for (int i = 1; i <= n; i++) {
			if ((p[i] & 0xc0) != 0x80) {
				return false;
			}
			c = (c << 6) | (p[i] & 0x3f);
		}
		if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) {
			return false;
		}
		p += n + 1;
	}
	return true;
}

void utf8_trim_partial(char *s)
{
	size_t n = strlen(s), lead = n;
	/* Find the start of the last character (at most 3 continuation bytes back). */
	while (lead > 0 && n - lead < 4 && ((unsigned char)s[lead - 1] & 0xc0) == 0x80) {
		lead--;
	}
	if (lead == 0) {
		return;
	}
	unsigned char c = (unsigned char)s[lead - 1];
	size_t want = c < 0x80 ? 1 : (c & 0xe0) == 0xc0 ? 2 : (c & 0xf0) == 0xe0 ? 3 : 4;
	if (c >= 0x80 && n - (lead - 1) < want) {
		s[lead - 1] = '\0';
	}
}

void utf8_copy(char *dst, size_t size, const char *src)
{
	if (size == 0) {
		return;
	}
	size_t n = strlen(src);
	if (n >= size) {
		n = size - 1;
		/* Back off continuation bytes so no character is cut. */
		while (n > 0 && ((unsigned char)src[n] & 0xc0) == 0x80) {
			n--;
		}
	}
	memcpy(dst, src, n);
	dst[n] = '\0';
}

size_t utf8_length(const char *s)
{
	size_t n = 0;
	for (; *s; s++) {
		n += ((unsigned char)*s & 0xc0) != 0x80;
	}
	return n;
}

void utf8_fput_padded(FILE *f, const char *s, int width, bool right)
{
	int chars = 0;
	const char *end = s;
	/* Cut at `width` characters, never inside one. */
	while (*end && chars < width) {
		end++;
		while (((unsigned char)*end & 0xc0) == 0x80) {
			end++;
		}
		chars++;
	}
	int pad = width - chars;
	if (right) {
		fprintf(f, "%*s", pad, "");
	}
	fwrite(s, 1, (size_t)(end - s), f);
	if (!right) {
		fprintf(f, "%*s", pad, "");
	}
}
