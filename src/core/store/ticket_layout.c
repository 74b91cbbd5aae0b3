/*
 * The ticket_layout setting's grammar (see ticket_layout.h). No rendering:
 * a layout that parses here is one the print layer can draw.
 */
#define LOG_MODULE "ticket_layout"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "motcua/base/text.h"
#include "motcua/base/xalloc.h"
#include "motcua/store/ticket_layout.h"

static const struct {
	const char *name;
	int size;   /* default size */
	bool is_static;
} kinds[] = {
	[TICKET_ITEM_COMMUNE] = {"commune", 24, true}, [TICKET_ITEM_DESK] = {"desk", 22, true},
	[TICKET_ITEM_TITLE] = {"title", 34, true}, [TICKET_ITEM_FOOTER] = {"footer", 20, true},
	[TICKET_ITEM_TEXT] = {"text", 22, true}, [TICKET_ITEM_RULE] = {"rule", 2, true},
	[TICKET_ITEM_SPACE] = {"space", 12, true}, [TICKET_ITEM_NUMBER] = {"number", 6, false},
	[TICKET_ITEM_SERVICE] = {"service", 30, false},
	[TICKET_ITEM_PRIORITY] = {"priority", 30, false},
	[TICKET_ITEM_AHEAD] = {"ahead", 2, false}, [TICKET_ITEM_WAIT] = {"wait", 2, false},
	[TICKET_ITEM_DATETIME] = {"datetime", 1, false},
	[TICKET_ITEM_COUNTERS] = {"counters", 2, false}, [TICKET_ITEM_VALID] = {"valid", 1, false},
	[TICKET_ITEM_QR] = {"qr", 5, false},
};

#define N_KINDS (sizeof kinds / sizeof kinds[0])

bool ticket_item_is_static(enum ticket_item_kind kind)
{
	return (size_t)kind < N_KINDS && kinds[kind].is_static;
}

static void skip_ws(const char **s)
{
	while (**s == ' ' || **s == '\t') {
		(*s)++;
	}
}

/* Sizes of printer-font items are magnifications (of a QR code, dots a module), of the others pixels. */
bool ticket_item_is_magnified(enum ticket_item_kind k)
{
	return k == TICKET_ITEM_NUMBER || k == TICKET_ITEM_AHEAD || k == TICKET_ITEM_WAIT
		|| k == TICKET_ITEM_DATETIME || k == TICKET_ITEM_COUNTERS || k == TICKET_ITEM_VALID
		|| k == TICKET_ITEM_QR;
}

/* Parses one item "name opt opt ..." of length len. */
static bool parse_item(struct ticket_layout *l, const char *s, size_t len, struct result *r)
{
	char *buf = xmalloc(len + 1);
	memcpy(buf, s, len);
	buf[len] = '\0';
	const char *p = buf;
	bool ok = false;
	struct ticket_item it = {.align = TICKET_ALIGN_CENTER};
	skip_ws(&p);
	if (*p == '\0') {
		ok = true;
		goto out;
	}
	size_t wl = strcspn(p, " \t");
	size_t k;
	for (k = 0; k < N_KINDS; k++) {
		if (strlen(kinds[k].name) == wl && strncmp(p, kinds[k].name, wl) == 0) {
			break;
		}
	}
	if (k == N_KINDS) {
		result_fail(r, RESULT_ERR_INVALID, "ticket_layout: không có mục \"%.*s\"", (int)wl,
			p);
		goto out;
	}
	it.kind = (enum ticket_item_kind)k;
	it.size = kinds[k].size;
	it.bold = it.kind == TICKET_ITEM_NUMBER;
	p += wl;
	for (skip_ws(&p); *p; skip_ws(&p)) {
		if (*p == '"') {
			const char *end = strchr(p + 1, '"');
			if (end == NULL) {
				result_fail(r, RESULT_ERR_INVALID, "ticket_layout: %s: thiếu dấu nháy đóng",
					kinds[k].name);
				goto out;
			}
			free(it.text);
			it.text = xmalloc((size_t)(end - p));
			memcpy(it.text, p + 1, (size_t)(end - p - 1));
			it.text[end - p - 1] = '\0';
			p = end + 1;
			continue;
		}
		size_t ol = strcspn(p, " \t");
		char opt[32];
		if (ol >= sizeof opt) {
			result_fail(r, RESULT_ERR_INVALID, "ticket_layout: %s: không có tùy chọn \"%.*s…\"",
				kinds[k].name, 24, p);
			goto out;
		}
		snprintf(opt, sizeof opt, "%.*s", (int)ol, p);
		p += ol;
		long v;
		bool mag = ticket_item_is_magnified(it.kind);
		if (strncmp(opt, "size=", 5) == 0) {
			if (!text_parse_long(opt + 5, 1, mag ? 8 : 400, &v)) {
				result_fail(r, RESULT_ERR_INVALID, "ticket_layout: %s: %s ngoài khoảng cho phép (%s)",
					kinds[k].name, opt, mag ? "1..8" : "1..400");
				goto out;
			}
			it.size = (int)v;
		} else if (strcmp(opt, "bold") == 0) {
			it.bold = true;
		} else if (strcmp(opt, "invert") == 0) {
			it.invert = true;
		} else if (strcmp(opt, "left") == 0) {
			it.align = TICKET_ALIGN_LEFT;
		} else if (strcmp(opt, "center") == 0) {
			it.align = TICKET_ALIGN_CENTER;
		} else if (strcmp(opt, "right") == 0) {
			it.align = TICKET_ALIGN_RIGHT;
		} else if (it.kind == TICKET_ITEM_SPACE && text_parse_long(opt, 1, 399, &v)) {
			it.size = (int)v;
		} else {
			result_fail(r, RESULT_ERR_INVALID, "ticket_layout: %s: không có tùy chọn \"%s\"",
				kinds[k].name, opt);
			goto out;
		}
	}
	if (it.kind == TICKET_ITEM_TEXT && it.text == NULL) {
		result_fail(r, RESULT_ERR_INVALID, "ticket_layout: mục text cần một chuỗi trong "
			"dấu nháy kép, ví dụ text \"Xin cảm ơn\"");
		goto out;
	}
	l->items = xrealloc(l->items, sizeof *l->items * (size_t)(l->n + 1));
	l->items[l->n++] = it;
	it.text = NULL;
	ok = true;
out:
	free(it.text);
	free(buf);
	return ok;
}

struct ticket_layout *ticket_layout_parse(const char *text, struct result *r)
{
	if (text == NULL || text[strspn(text, " \t\r\n")] == '\0') {
		text = TICKET_LAYOUT_DEFAULT;
	}
	struct ticket_layout *l = xcalloc(1, sizeof *l);
	l->source = xstrdup(text);
	const char *s = text;
	while (*s) {
		size_t len = 0;
		bool quoted = false;
		while (s[len] && (quoted || (s[len] != ';' && s[len] != '\n'))) {
			quoted ^= s[len] == '"';
			len++;
		}
		if (!parse_item(l, s, len, r)) {
			ticket_layout_destroy(l);
			return NULL;
		}
		s += len + (s[len] ? 1 : 0);
	}
	if (l->n == 0) {
		ticket_layout_destroy(l);
		result_fail(r, RESULT_ERR_INVALID, "ticket_layout: bố cục không có mục nào");
		return NULL;
	}
	return l;
}

void ticket_layout_destroy(struct ticket_layout *l)
{
	if (l == NULL) {
		return;
	}
	for (int i = 0; i < l->n; i++) {
		free(l->items[i].text);
	}
	free(l->items);
	free(l->source);
	free(l);
}
