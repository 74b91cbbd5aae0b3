#pragma once
#include "motcua/base/layer.h"
/*
 * What text and numbers a person may give motcua. Every name, reason,
 * notice and setting that is stored passes text_check(): it is printed on
 * paper, drawn on screens, written to terminals and to CSV files, so it may
 * not carry control characters (an ESC would drive a terminal or a printer)
 * and a name may not be blank. Every integer typed on a command line or
 * stored as a setting goes through text_parse_long(): plain decimal digits,
 * nothing else.
 */
#include <stdbool.h>
#include <stddef.h>
#include "motcua/base/result.h"

enum text_rule {
	TEXT_REQUIRED = 1 << 0,  /* not empty and not only white space */
	TEXT_LINES = 1 << 1,     /* '\n' allowed (multi-line texts such as a layout) */
};

/*
 * True when s is well-formed UTF-8 of at most max_bytes bytes with no C0
 * control character (U+0000-U+001F, '\n' only with TEXT_LINES), no DEL
 * (U+007F) and no C1 control character (U+0080-U+009F); with TEXT_REQUIRED
 * also not empty nor only white space. Otherwise fills r with
 * RESULT_ERR_INVALID and a Vietnamese message naming `what` (e.g. "tên quầy").
 */
bool text_check(const char *what, const char *s, size_t max_bytes, unsigned rules,
	struct result *r);

/*
 * Parses a strict decimal integer: an optional '-' then digits only (no
 * '+', no spaces, no "0x", no trailing characters), within [min, max].
 * False (out untouched) otherwise.
 */
bool text_parse_long(const char *s, long min, long max, long *out);

/*
 * getopt_long's complaint about the option just read, in Vietnamese: c is
 * what it returned ('?' for an unknown option, ':' for a missing value
 * when the option string starts with ':'), argv the vector it parsed. The
 * programs set opterr = 0 so getopt does not print its own English words.
 */
void text_option_error(int c, char *const *argv, char *out, size_t size);
