/*
 * Ticket layout: parse the layout text into items, render the Vietnamese
 * parts with SDL_ttf into 1-bit images, and encode a ticket in one of three
 * ways (see enum ticket_mode). The NV keys are fixed by role:
 *   'H' '0'+k   k-th run of static items     'P' '0'  priority mark
 *   'S' 33+i    name of the service in slot i 'L' 'A'/'W' ahead/wait labels
 */
#define LOG_MODULE "ticket"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "motcua/base/log.h"
#include "motcua/print/ticket_layout.h"
#include "motcua/base/xalloc.h"

#define MARGIN 8
#define GLYPH_W 12
#define LABEL_PX 22
#define LAYOUT_VERSION 1

static const char TITLE[] = "PHIẾU SỐ THỨ TỰ";
static const char PRIORITY[] = "ƯU TIÊN";
static const char LABEL_AHEAD[] = "Số người đang chờ trước bạn";
static const char LABEL_WAIT[] = "Thời gian chờ dự kiến (phút)";

enum item_kind {
	IT_COMMUNE, IT_DESK, IT_TITLE, IT_FOOTER, IT_TEXT, IT_RULE, IT_SPACE,
	IT_NUMBER, IT_SERVICE, IT_PRIORITY, IT_AHEAD, IT_WAIT, IT_DATETIME,
};

static const struct {
	const char *name;
	int size;   /* default size */
	bool is_static;
} kinds[] = {
	[IT_COMMUNE] = {"commune", 24, true}, [IT_DESK] = {"desk", 22, true},
	[IT_TITLE] = {"title", 34, true}, [IT_FOOTER] = {"footer", 20, true},
	[IT_TEXT] = {"text", 22, true}, [IT_RULE] = {"rule", 2, true},
	[IT_SPACE] = {"space", 12, true}, [IT_NUMBER] = {"number", 6, false},
	[IT_SERVICE] = {"service", 30, false}, [IT_PRIORITY] = {"priority", 30, false},
	[IT_AHEAD] = {"ahead", 2, false}, [IT_WAIT] = {"wait", 2, false},
	[IT_DATETIME] = {"datetime", 1, false},
};

struct item {
	enum item_kind kind;
	int size;
	bool bold;
	bool invert;
	enum raster_align align;
	char *text;   /* IT_TEXT only, owned */
};

struct ticket_layout {
	char *source;
	struct item *items;
	int n;
	char *font, *font_bold;
	int width;
};

static void skip_ws(const char **s)
{
	while (**s == ' ' || **s == '\t') {
		(*s)++;
	}
}

/* Parses one item "name opt opt ..." of length len. */
static bool parse_item(struct ticket_layout *l, const char *s, size_t len, struct result *r)
{
	char *buf = xmalloc(len + 1);
	memcpy(buf, s, len);
	buf[len] = '\0';
	const char *p = buf;
	bool ok = false;
	skip_ws(&p);
	if (*p == '\0') {
		ok = true;
		goto out;
	}
	size_t wl = strcspn(p, " \t");
	struct item it = {.align = RASTER_CENTER};
	size_t k;
	for (k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
		if (strlen(kinds[k].name) == wl && strncmp(p, kinds[k].name, wl) == 0) {
			break;
		}
	}
	if (k == sizeof kinds / sizeof kinds[0]) {
		result_fail(r, RESULT_ERR_INVALID, "ticket_layout: unknown item \"%.*s\"", (int)wl, p);
		goto out;
	}
	it.kind = (enum item_kind)k;
	it.size = kinds[k].size;
	it.bold = it.kind == IT_NUMBER;
	p += wl;
	for (skip_ws(&p); *p; skip_ws(&p)) {
		if (*p == '"') {
			const char *end = strchr(p + 1, '"');
			if (end == NULL) {
				result_fail(r, RESULT_ERR_INVALID, "ticket_layout: %s: missing closing quote", kinds[k].name);
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
		snprintf(opt, sizeof opt, "%.*s", (int)ol, p);
		p += ol;
		int v;
		char tail;
		if (sscanf(opt, "size=%d%c", &v, &tail) == 1) {
			bool mag = it.kind == IT_NUMBER || it.kind == IT_AHEAD || it.kind == IT_WAIT
				|| it.kind == IT_DATETIME;
			if (mag ? (v < 1 || v > 8) : (v < 1 || v > 400)) {
				result_fail(r, RESULT_ERR_INVALID, "ticket_layout: %s: size=%d out of range (%s)",
					kinds[k].name, v, mag ? "1..8" : "1..400");
				goto out;
			}
			it.size = v;
		} else if (strcmp(opt, "bold") == 0) {
			it.bold = true;
		} else if (strcmp(opt, "invert") == 0) {
			it.invert = true;
		} else if (strcmp(opt, "left") == 0) {
			it.align = RASTER_LEFT;
		} else if (strcmp(opt, "center") == 0) {
			it.align = RASTER_CENTER;
		} else if (strcmp(opt, "right") == 0) {
			it.align = RASTER_RIGHT;
		} else if (it.kind == IT_SPACE && sscanf(opt, "%d%c", &v, &tail) == 1 && v > 0 && v < 400) {
			it.size = v;
		} else {
			result_fail(r, RESULT_ERR_INVALID, "ticket_layout: %s: unknown option \"%s\"",
				kinds[k].name, opt);
			goto out;
		}
	}
	if (it.kind == IT_TEXT && it.text == NULL) {
		result_fail(r, RESULT_ERR_INVALID, "ticket_layout: text needs a \"quoted\" string");
		goto out;
	}
	l->items = xrealloc(l->items, sizeof *l->items * (size_t)(l->n + 1));
	l->items[l->n++] = it;
	it.text = NULL;
	ok = true;
out:
	if (!ok) {
		free(it.text);
	}
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
	l->width = RASTER_WIDTH_80MM;
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
		result_fail(r, RESULT_ERR_INVALID, "ticket_layout: no items");
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
	free(l->font);
	free(l->font_bold);
	free(l);
}

void ticket_layout_set_output(struct ticket_layout *l, const char *font, const char *font_bold,
	int width)
{
	free(l->font);
	free(l->font_bold);
	l->font = xstrdup(font);
	l->font_bold = xstrdup(font_bold);
	l->width = width;
}

/* --- rendering ---------------------------------------------------------- */

/* Text in a full-width image; invert paints a black box behind white text. */
static struct raster *render_text(const struct ticket_layout *l, const char *str, int px,
	bool bold, bool invert, enum raster_align align)
{
	int inner = l->width - 2 * MARGIN - (invert ? 32 : 0);
	int min_px = px * 2 / 3 < 12 ? 12 : px * 2 / 3;
	struct raster *block = raster_text_block(bold ? l->font_bold : l->font, px, min_px,
		RASTER_THRESHOLD_DEFAULT, str[0] ? str : " ", inner, align);
	if (block == NULL) {
		return NULL;
	}
	int x0 = 0, x1 = -1;
	if (!invert || !raster_ink_columns(block, &x0, &x1)) {
		struct raster *out = raster_create(l->width, block->h);
		raster_blit(out, block, MARGIN, 0, false);
		raster_destroy(block);
		return out;
	}
	/* A box 16 dots wider than the ink on each side, 6 dots taller. */
	int bw = x1 - x0 + 1 + 32, bh = block->h + 12;
	int bx = align == RASTER_LEFT ? MARGIN : align == RASTER_RIGHT ? l->width - MARGIN - bw
		: (l->width - bw) / 2;
	struct raster *out = raster_create(l->width, bh + 8);
	raster_fill(out, bx, 4, bw, bh, true);
	raster_blit(out, block, bx + 16 - x0, 10, true);
	raster_destroy(block);
	return out;
}

static const char *static_text(const struct item *it, const struct ticket_info *info)
{
	switch (it->kind) {
	case IT_COMMUNE: return info->commune ? info->commune : "";
	case IT_DESK: return info->desk ? info->desk : "";
	case IT_TITLE: return TITLE;
	case IT_FOOTER: return info->footer ? info->footer : "";
	case IT_TEXT: return it->text;
	default: return "";
	}
}

static struct raster *render_static(const struct ticket_layout *l, const struct item *it,
	const struct ticket_info *info)
{
	if (it->kind == IT_RULE) {
		struct raster *out = raster_create(l->width, 12 + it->size);
		raster_fill(out, MARGIN, 6, l->width - 2 * MARGIN, it->size, true);
		return out;
	}
	if (it->kind == IT_SPACE) {
		return raster_create(l->width, it->size);
	}
	return render_text(l, static_text(it, info), it->size, it->bold, it->invert, it->align);
}

/* Stacks a onto *acc (taking a). */
static void stack_onto(struct raster **acc, struct raster *a)
{
	if (a == NULL) {
		return;
	}
	if (*acc == NULL) {
		*acc = a;
		return;
	}
	struct raster *s = raster_stack(*acc, a);
	raster_destroy(*acc);
	raster_destroy(a);
	*acc = s;
}

/* The image of the static run starting at item i; *end is the first item after it. */
static struct raster *render_run(const struct ticket_layout *l, int i, int *end,
	const struct ticket_info *info)
{
	struct raster *acc = NULL;
	for (; i < l->n && kinds[l->items[i].kind].is_static; i++) {
		stack_onto(&acc, render_static(l, &l->items[i], info));
	}
	*end = i;
	return acc;
}

static const char *label_for(enum item_kind k)
{
	return k == IT_AHEAD ? LABEL_AHEAD : LABEL_WAIT;
}

uint64_t ticket_layout_nv_fingerprint(const struct ticket_layout *l, const struct ticket_info *info,
	const char *const *service_names, int n_services)
{
	uint64_t h = 1469598103934665603ULL;
	char head[64];
	snprintf(head, sizeof head, "v%d w%d t%d", LAYOUT_VERSION, l->width, RASTER_THRESHOLD_DEFAULT);
	const char *parts[6] = {head, l->source, l->font, l->font_bold, info->commune, info->desk};
	for (int i = 0; i < 6 + 1 + n_services; i++) {
		const char *s = i < 6 ? parts[i] : i == 6 ? info->footer : service_names[i - 7];
		for (const char *c = s ? s : ""; ; c++) {
			h = (h ^ (uint8_t)*c) * 1099511628211ULL;
			if (*c == '\0') {
				break;
			}
		}
	}
	return h;
}

static void nv_add(struct ticket_nv_set *s, char k1, char k2, struct raster *img)
{
	if (img == NULL) {
		return;
	}
	s->items = xrealloc(s->items, sizeof *s->items * (size_t)(s->n + 1));
	s->items[s->n++] = (struct ticket_nv_image){{k1, k2}, raster_hash(img), img};
}

bool ticket_layout_nv_render(const struct ticket_layout *l, const struct ticket_info *info,
	const char *const *service_names, int n_services, struct ticket_nv_set *out)
{
	*out = (struct ticket_nv_set){0};
	int run = 0;
	for (int i = 0; i < l->n;) {
		const struct item *it = &l->items[i];
		if (kinds[it->kind].is_static) {
			nv_add(out, 'H', (char)('0' + run++), render_run(l, i, &i, info));
			continue;
		}
		if (it->kind == IT_SERVICE) {
			for (int s = 0; s < n_services && s < 94; s++) {
				nv_add(out, 'S', (char)(33 + s),
					render_text(l, service_names[s], it->size, it->bold, it->invert, it->align));
			}
		} else if (it->kind == IT_PRIORITY) {
			nv_add(out, 'P', '0', render_text(l, PRIORITY, it->size, it->bold, it->invert, it->align));
		} else if (it->kind == IT_AHEAD || it->kind == IT_WAIT) {
			nv_add(out, 'L', it->kind == IT_AHEAD ? 'A' : 'W',
				render_text(l, label_for(it->kind), LABEL_PX, false, false, RASTER_CENTER));
		}
		i++;
	}
	return true;
}

void ticket_nv_set_finish(struct ticket_nv_set *s)
{
	if (s == NULL) {
		return;
	}
	for (int i = 0; i < s->n; i++) {
		raster_destroy(s->items[i].img);
	}
	free(s->items);
	*s = (struct ticket_nv_set){0};
}

/* --- encoding ----------------------------------------------------------- */

static bool is_ascii(const char *s)
{
	for (; *s; s++) {
		if ((uint8_t)*s < 0x20 || (uint8_t)*s > 0x7e) {
			return false;
		}
	}
	return true;
}

/* Sends a full-width image inline, trimmed to its ink where that keeps its place. */
static void emit_image(struct escpos_buf *b, const struct raster *img)
{
	int x0, x1;
	if (!raster_ink_columns(img, &x0, &x1)) {
		struct raster *blank = raster_create(8, img->h);
		escpos_align(b, ESCPOS_LEFT);
		escpos_raster(b, blank);
		raster_destroy(blank);
		return;
	}
	int w = x1 - x0 + 1;
	int centered_x = (img->w - w) / 2;
	bool center = abs(centered_x - x0) <= 8;
	struct raster *c = center ? raster_crop(img, x0, 0, w, img->h)
		: raster_crop(img, 0, 0, x1 + 1, img->h);
	escpos_align(b, center ? ESCPOS_CENTER : ESCPOS_LEFT);
	escpos_raster(b, c);
	raster_destroy(c);
}

/* emit_image, then frees img (NULL: nothing sent). */
static void emit_owned(struct escpos_buf *b, struct raster *img)
{
	if (img) {
		emit_image(b, img);
		raster_destroy(img);
	}
}

static enum escpos_align esc_align(enum raster_align a)
{
	return a == RASTER_LEFT ? ESCPOS_LEFT : a == RASTER_RIGHT ? ESCPOS_RIGHT : ESCPOS_CENTER;
}

/* ASCII in the printer's font at magnification mag (reduced until it fits). */
static void emit_ascii(struct escpos_buf *b, const struct ticket_layout *l, const char *s, int mag,
	bool bold, enum raster_align align)
{
	int len = (int)strlen(s);
	while (mag > 1 && len * GLYPH_W * mag > l->width) {
		mag--;
	}
	escpos_align(b, esc_align(align));
	escpos_emphasis(b, bold);
	escpos_size(b, mag, mag);
	escpos_text(b, s);
	escpos_newline(b);
	escpos_size(b, 1, 1);
	escpos_emphasis(b, false);
}

static void emit_nv_or_image(struct escpos_buf *b, enum ticket_mode mode, char k1, char k2,
	struct raster *img)
{
	if (mode == TICKET_MODE_NV) {
		escpos_align(b, ESCPOS_LEFT);
		escpos_nv_print(b, k1, k2);
	} else {
		emit_owned(b, img);
		return;
	}
	raster_destroy(img);
}

bool ticket_layout_encode(const struct ticket_layout *l, const struct ticket_info *info,
	enum ticket_mode mode, struct escpos_buf *out)
{
	escpos_init(out);
	if (mode == TICKET_MODE_FULL_RASTER) {
		struct raster *t = ticket_layout_render(l, info);
		if (t == NULL) {
			return false;
		}
		escpos_raster(out, t);
		raster_destroy(t);
		escpos_cut(out, true, 24);
		return true;
	}
	bool nv = mode == TICKET_MODE_NV;
	int run = 0;
	char val[32];
	for (int i = 0; i < l->n;) {
		const struct item *it = &l->items[i];
		if (kinds[it->kind].is_static) {
			int end = i + 1;
			if (nv) {
				for (end = i; end < l->n && kinds[l->items[end].kind].is_static; end++) {
				}
			}
			emit_nv_or_image(out, mode, 'H', (char)('0' + run++),
				nv ? NULL : render_run(l, i, &end, info));
			i = end;
			continue;
		}
		switch (it->kind) {
		case IT_NUMBER:
			if (is_ascii(info->number)) {
				emit_ascii(out, l, info->number, it->size, true, it->align);
			} else {
				emit_owned(out, render_text(l, info->number, 24 * it->size, true, false, it->align));
			}
			break;
		case IT_SERVICE:
			if (nv && info->service_slot >= 0 && info->service_slot < 94) {
				emit_nv_or_image(out, mode, 'S', (char)(33 + info->service_slot), NULL);
			} else {
				emit_owned(out, render_text(l, info->service_name, it->size, it->bold,
					it->invert, it->align));
			}
			break;
		case IT_PRIORITY:
			if (info->priority) {
				emit_nv_or_image(out, mode, 'P', '0', nv ? NULL
					: render_text(l, PRIORITY, it->size, it->bold, it->invert, it->align));
			}
			break;
		case IT_AHEAD:
		case IT_WAIT: {
			int v = it->kind == IT_AHEAD ? info->ahead : info->est_wait_min;
			if (v < 0) {
				break;
			}
			emit_nv_or_image(out, mode, 'L', it->kind == IT_AHEAD ? 'A' : 'W', nv ? NULL
				: render_text(l, label_for(it->kind), LABEL_PX, false, false, RASTER_CENTER));
			snprintf(val, sizeof val, "%d", v);
			emit_ascii(out, l, val, it->size, true, it->align);
			break;
		}
		case IT_DATETIME:
			emit_ascii(out, l, info->datetime ? info->datetime : "", it->size, it->bold, it->align);
			break;
		default:
			break;
		}
		i++;
	}
	escpos_feed(out, 1);
	escpos_cut(out, true, 24);
	return true;
}

struct raster *ticket_layout_render(const struct ticket_layout *l, const struct ticket_info *info)
{
	struct raster *acc = NULL;
	char val[32];
	for (int i = 0; i < l->n; i++) {
		const struct item *it = &l->items[i];
		if (kinds[it->kind].is_static) {
			stack_onto(&acc, render_static(l, it, info));
			continue;
		}
		switch (it->kind) {
		case IT_NUMBER:
			stack_onto(&acc, render_text(l, info->number, 24 * it->size, true, false, it->align));
			break;
		case IT_SERVICE:
			stack_onto(&acc, render_text(l, info->service_name, it->size, it->bold, it->invert,
				it->align));
			break;
		case IT_PRIORITY:
			if (info->priority) {
				stack_onto(&acc, render_text(l, PRIORITY, it->size, it->bold, it->invert, it->align));
			}
			break;
		case IT_AHEAD:
		case IT_WAIT: {
			int v = it->kind == IT_AHEAD ? info->ahead : info->est_wait_min;
			if (v >= 0) {
				snprintf(val, sizeof val, "%d", v);
				stack_onto(&acc, render_text(l, label_for(it->kind), LABEL_PX, false, false,
					RASTER_CENTER));
				stack_onto(&acc, render_text(l, val, 24 * it->size, true, false, it->align));
			}
			break;
		}
		case IT_DATETIME:
			stack_onto(&acc, render_text(l, info->datetime ? info->datetime : "", 24 * it->size,
				it->bold, false, it->align));
			break;
		default:
			break;
		}
	}
	stack_onto(&acc, raster_create(l->width, 30));
	return acc;
}
