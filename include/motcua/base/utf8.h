#pragma once
#include "motcua/base/layer.h"
#include <stdbool.h>
#include <stddef.h>

/* True when s is well-formed UTF-8 (no overlongs, no surrogates, <= U+10FFFF). */
bool utf8_valid(const char *s);
/* Cuts a character left incomplete at the end of s (e.g. by snprintf). */
void utf8_trim_partial(char *s);
/* Copies at most size-1 bytes of src without cutting a character in half. */
void utf8_copy(char *dst, size_t size, const char *src);
/* Characters (code points) in s; combining marks count, which is fine for NFC text. */
size_t utf8_length(const char *s);
/* Writes s cut or padded with spaces to `width` characters (right-aligned if right). */
#include <stdio.h>
void utf8_fput_padded(FILE *f, const char *s, int width, bool right);
