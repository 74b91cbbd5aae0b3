/*
 * Rendering a parsed ticket layout (motcua/store/ticket_layout.h): the
 * Vietnamese parts drawn with SDL_ttf into 1-bit images, and a ticket encoded
 * in one of three ways (see enum ticket_mode). The NV keys are fixed by role:
 *   'H' '0'+k   k-th run of static items     'P' '0'  priority mark
 *   'S' 33+i    name of the service in slot i 'L' 'A'/'W' ahead/wait labels
 *                                             'L' 'N'  "nobody ahead" in words
 * When nobody is ahead the paper says so in words, as the kiosk screen
 * does, and leaves out the wait line (never "0" and "0 (phút)"); a wait of
 * 0 minutes is left out too.
 */
#define LOG_MODULE "ticket_render"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "motcua/base/hash.h"
#include "motcua/base/log.h"
#include "motcua/base/xalloc.h"
#include "motcua/print/ticket_render.h"

#define MARGIN 8
#define GLYPH_W 12
#define LABEL_PX 22
#define LAYOUT_VERSION 2  /* 2: the "nobody ahead" image */

static const char TITLE[] = "PHIẾU SỐ THỨ TỰ";
static const char PRIORITY[] = "ƯU TIÊN";
static const char LABEL_AHEAD[] = "Số người đang chờ trước";
static const char LABEL_WAIT[] = "Thời gian chờ dự kiến (phút)";
static const char LABEL_NOBODY[] = "Không có ai chờ trước";

struct ticket_render {
	struct ticket_layout *layout;  /* owned */
	char *font, *font_bold;
	int width;
};

struct ticket_render *ticket_render_create(struct ticket_layout *layout, const char *font,
	const char *font_bold, int width)
{
	struct ticket_render *l = xcalloc(1, sizeof *l);
	l->layout = layout;
	l->font = xstrdup(font);
	l->font_bold = xstrdup(font_bold);
	l->width = width;
	return l;
}

void ticket_render_destroy(struct ticket_render *l)
{
	if (l == NULL) {
		return;
	}
	ticket_layout_destroy(l->layout);
	free(l->font);
	free(l->font_bold);
	free(l);
}

static enum raster_align raster_align_of(enum ticket_item_align a)
{
	return a == TICKET_ALIGN_LEFT ? RASTER_LEFT : a == TICKET_ALIGN_RIGHT ? RASTER_RIGHT
		: RASTER_CENTER;
}

/* --- rendering ---------------------------------------------------------- */

/* Text in a full-width image; invert paints a black box behind white text. */
static struct raster *render_text(const struct ticket_render *l, const char *str, int px,
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

static const char *static_text(const struct ticket_item *it, const struct ticket_info *info)
{
	switch (it->kind) {
	case TICKET_ITEM_COMMUNE: return info->commune ? info->commune : "";
	case TICKET_ITEM_DESK: return info->desk ? info->desk : "";
	case TICKET_ITEM_TITLE: return TITLE;
	case TICKET_ITEM_FOOTER: return info->footer ? info->footer : "";
	case TICKET_ITEM_TEXT: return it->text;
	default: return "";
	}
}

static struct raster *render_static(const struct ticket_render *l, const struct ticket_item *it,
	const struct ticket_info *info)
{
	if (it->kind == TICKET_ITEM_RULE) {
		struct raster *out = raster_create(l->width, 12 + it->size);
		raster_fill(out, MARGIN, 6, l->width - 2 * MARGIN, it->size, true);
		return out;
	}
	if (it->kind == TICKET_ITEM_SPACE) {
		return raster_create(l->width, it->size);
	}
	return render_text(l, static_text(it, info), it->size, it->bold, it->invert, raster_align_of(it->align));
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
static struct raster *render_run(const struct ticket_render *l, int i, int *end,
	const struct ticket_info *info)
{
	struct raster *acc = NULL;
	for (; i < l->layout->n && ticket_item_is_static(l->layout->items[i].kind); i++) {
		stack_onto(&acc, render_static(l, &l->layout->items[i], info));
	}
	*end = i;
	return acc;
}

static const char *label_for(enum ticket_item_kind k)
{
	return k == TICKET_ITEM_AHEAD ? LABEL_AHEAD : LABEL_WAIT;
}

/* The number an ahead/wait item prints; < 0: the item is left out, and 0 ahead is words. */
static int ahead_wait_value(const struct ticket_item *it, const struct ticket_info *info)
{
	if (it->kind == TICKET_ITEM_AHEAD) {
		return info->ahead;
	}
	return info->ahead == 0 || info->est_wait_min <= 0 ? -1 : info->est_wait_min;
}

uint64_t ticket_render_nv_fingerprint(const struct ticket_render *l, const struct ticket_info *info,
	const char *const *service_names, int n_services)
{
	char head[64];
	snprintf(head, sizeof head, "v%d w%d t%d", LAYOUT_VERSION, l->width, RASTER_THRESHOLD_DEFAULT);
	const char *parts[] = {head, l->layout->source, l->font, l->font_bold, info->commune,
		info->desk, info->footer};
	uint64_t h = HASH_FNV_INIT;
	for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
		h = hash_str(h, parts[i]);
	}
	for (int i = 0; i < n_services; i++) {
		h = hash_str(h, service_names[i]);
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

bool ticket_render_nv_images(const struct ticket_render *l, const struct ticket_info *info,
	const char *const *service_names, int n_services, struct ticket_nv_set *out)
{
	*out = (struct ticket_nv_set){0};
	int run = 0;
	for (int i = 0; i < l->layout->n;) {
		const struct ticket_item *it = &l->layout->items[i];
		if (ticket_item_is_static(it->kind)) {
			nv_add(out, 'H', (char)('0' + run++), render_run(l, i, &i, info));
			continue;
		}
		if (it->kind == TICKET_ITEM_SERVICE) {
			for (int s = 0; s < n_services && s < 94; s++) {
				nv_add(out, 'S', (char)(33 + s),
					render_text(l, service_names[s], it->size, it->bold, it->invert, raster_align_of(it->align)));
			}
		} else if (it->kind == TICKET_ITEM_PRIORITY) {
			nv_add(out, 'P', '0', render_text(l, PRIORITY, it->size, it->bold, it->invert, raster_align_of(it->align)));
		} else if (it->kind == TICKET_ITEM_AHEAD || it->kind == TICKET_ITEM_WAIT) {
			nv_add(out, 'L', it->kind == TICKET_ITEM_AHEAD ? 'A' : 'W',
				render_text(l, label_for(it->kind), LABEL_PX, false, false, RASTER_CENTER));
			if (it->kind == TICKET_ITEM_AHEAD) {
				nv_add(out, 'L', 'N', render_text(l, LABEL_NOBODY, LABEL_PX, false, false,
					RASTER_CENTER));
			}
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
static void emit_ascii(struct escpos_buf *b, const struct ticket_render *l, const char *s, int mag,
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

bool ticket_render_encode(const struct ticket_render *l, const struct ticket_info *info,
	enum ticket_mode mode, struct escpos_buf *out, size_t *number_at)
{
	size_t at_dummy;
	if (number_at == NULL) {
		number_at = &at_dummy;
	}
	*number_at = out->len;  /* until the number is found: assume it comes first */
	escpos_init(out);
	if (mode == TICKET_MODE_FULL_RASTER) {
		*number_at = out->len;  /* the number is inside the one image */
		struct raster *t = ticket_render_image(l, info);
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
	for (int i = 0; i < l->layout->n;) {
		const struct ticket_item *it = &l->layout->items[i];
		if (ticket_item_is_static(it->kind)) {
			int end = i + 1;
			if (nv) {
				for (end = i; end < l->layout->n && ticket_item_is_static(l->layout->items[end].kind); end++) {
				}
			}
			emit_nv_or_image(out, mode, 'H', (char)('0' + run++),
				nv ? NULL : render_run(l, i, &end, info));
			i = end;
			continue;
		}
		switch (it->kind) {
		case TICKET_ITEM_NUMBER:
			*number_at = out->len;
			if (is_ascii(info->number)) {
				emit_ascii(out, l, info->number, it->size, true, raster_align_of(it->align));
			} else {
				emit_owned(out, render_text(l, info->number, 24 * it->size, true, false, raster_align_of(it->align)));
			}
			break;
		case TICKET_ITEM_SERVICE:
			if (nv && info->service_slot >= 0 && info->service_slot < 94) {
				emit_nv_or_image(out, mode, 'S', (char)(33 + info->service_slot), NULL);
			} else {
				emit_owned(out, render_text(l, info->service_name, it->size, it->bold,
					it->invert, raster_align_of(it->align)));
			}
			break;
		case TICKET_ITEM_PRIORITY:
			if (info->priority) {
				emit_nv_or_image(out, mode, 'P', '0', nv ? NULL
					: render_text(l, PRIORITY, it->size, it->bold, it->invert, raster_align_of(it->align)));
			}
			break;
		case TICKET_ITEM_AHEAD:
		case TICKET_ITEM_WAIT: {
			int v = ahead_wait_value(it, info);
			if (v < 0) {
				break;
			}
			if (v == 0) {
				emit_nv_or_image(out, mode, 'L', 'N', nv ? NULL
					: render_text(l, LABEL_NOBODY, LABEL_PX, false, false, RASTER_CENTER));
				break;
			}
			emit_nv_or_image(out, mode, 'L', it->kind == TICKET_ITEM_AHEAD ? 'A' : 'W', nv ? NULL
				: render_text(l, label_for(it->kind), LABEL_PX, false, false, RASTER_CENTER));
			snprintf(val, sizeof val, "%d", v);
			emit_ascii(out, l, val, it->size, true, raster_align_of(it->align));
			break;
		}
		case TICKET_ITEM_DATETIME:
			emit_ascii(out, l, info->datetime ? info->datetime : "", it->size, it->bold, raster_align_of(it->align));
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

struct raster *ticket_render_image(const struct ticket_render *l, const struct ticket_info *info)
{
	struct raster *acc = NULL;
	char val[32];
	for (int i = 0; i < l->layout->n; i++) {
		const struct ticket_item *it = &l->layout->items[i];
		if (ticket_item_is_static(it->kind)) {
			stack_onto(&acc, render_static(l, it, info));
			continue;
		}
		switch (it->kind) {
		case TICKET_ITEM_NUMBER:
			stack_onto(&acc, render_text(l, info->number, 24 * it->size, true, false, raster_align_of(it->align)));
			break;
		case TICKET_ITEM_SERVICE:
			stack_onto(&acc, render_text(l, info->service_name, it->size, it->bold, it->invert,
				raster_align_of(it->align)));
			break;
		case TICKET_ITEM_PRIORITY:
			if (info->priority) {
				stack_onto(&acc, render_text(l, PRIORITY, it->size, it->bold, it->invert, raster_align_of(it->align)));
			}
			break;
		case TICKET_ITEM_AHEAD:
		case TICKET_ITEM_WAIT: {
			int v = ahead_wait_value(it, info);
			if (v == 0) {
				stack_onto(&acc, render_text(l, LABEL_NOBODY, LABEL_PX, false, false,
					RASTER_CENTER));
			} else if (v > 0) {
				snprintf(val, sizeof val, "%d", v);
				stack_onto(&acc, render_text(l, label_for(it->kind), LABEL_PX, false, false,
					RASTER_CENTER));
				stack_onto(&acc, render_text(l, val, 24 * it->size, true, false, raster_align_of(it->align)));
			}
			break;
		}
		case TICKET_ITEM_DATETIME:
			stack_onto(&acc, render_text(l, info->datetime ? info->datetime : "", 24 * it->size,
				it->bold, false, raster_align_of(it->align)));
			break;
		default:
			break;
		}
	}
	stack_onto(&acc, raster_create(l->width, 30));
	return acc;
}
