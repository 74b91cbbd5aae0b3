/*
 * Rendering a parsed ticket layout (motcua/store/ticket_layout.h): the
 * Vietnamese parts drawn with SDL_ttf into 1-bit images, and a ticket encoded
 * in one of four ways (see enum ticket_mode). The NV keys are fixed by role:
 *   'H' '0'+k   k-th run of static items     'P' '0'  priority mark
 *   'S' 33+i    name of the service in slot i 'L' 'A'/'W' ahead/wait labels
 *                                             'L' 'N'  "nobody ahead" in words
 *                                             'L' 'Q'/'V' counters / validity labels
 * (a run of nothing but space has no key: it is a paper feed). FS q
 * numbers the same images 1, 2, ... in that order (nv_each visits them).
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
#include "motcua/base/paths.h"
#include "motcua/base/xalloc.h"
#include "motcua/print/ticket_render.h"

#define MARGIN 8
#define GLYPH_W 12
#define LABEL_PX 22
#define LAYOUT_VERSION 3  /* 2: the "nobody ahead" image; 3: counters, validity */

static const char TITLE[] = "PHIẾU SỐ THỨ TỰ";
static const char PRIORITY[] = "ƯU TIÊN";
static const char LABEL_AHEAD[] = "Số người đang chờ trước";
static const char LABEL_WAIT[] = "Thời gian chờ dự kiến (phút)";
static const char LABEL_NOBODY[] = "Không có ai chờ trước";
static const char LABEL_COUNTERS[] = "Quầy phục vụ";
static const char LABEL_VALID[] = "Chỉ có giá trị trong ngày";

struct ticket_render {
	struct ticket_layout *layout;  /* owned */
	char *font, *font_bold;
	int width;
	bool number_image;             /* the number as an image, not the printer's font */
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

void ticket_render_set_number_image(struct ticket_render *l, bool image)
{
	l->number_image = image;
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

/* Text in font in a full-width image; invert paints a black box behind white text. */
static struct raster *render_text_in(const struct ticket_render *l, const char *font,
	const char *str, int px, bool invert, enum raster_align align)
{
	int inner = l->width - 2 * MARGIN - (invert ? 32 : 0);
	int min_px = px * 2 / 3 < 12 ? 12 : px * 2 / 3;
	struct raster *block = raster_text_block(font, px, min_px, RASTER_THRESHOLD_DEFAULT,
		str[0] ? str : " ", inner, align);
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

static struct raster *render_text(const struct ticket_render *l, const char *str, int px,
	bool bold, bool invert, enum raster_align align)
{
	return render_text_in(l, bold ? l->font_bold : l->font, str, px, invert, align);
}

/* "A1005" -> "A 1005": the field's letter apart from the digits, for eyes and OCR alike. */
static void number_shown(const char *number, char *out, size_t size)
{
	size_t letters = 0;
	while (number[letters] && !(number[letters] >= '0' && number[letters] <= '9')) {
		letters++;
	}
	if (letters > 0 && number[letters] && number[letters - 1] != ' ') {
		snprintf(out, size, "%.*s %s", (int)letters, number, number + letters);
	} else {
		snprintf(out, size, "%s", number);
	}
}

/* The number as an image (ticket_render_set_number_image, and the full raster). */
static struct raster *render_number(const struct ticket_render *l, const char *number, int mag,
	enum raster_align align)
{
	char shown[64];
	number_shown(number, shown, sizeof shown);
	return render_text_in(l, paths_font_mono(true), shown, 24 * mag, false, align);
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

/* A run of static items that are all `space`: a paper feed, not an image. */
static bool run_is_blank(const struct ticket_render *l, int i, int *end, int *dots)
{
	bool blank = true;
	*dots = 0;
	for (*end = i; *end < l->layout->n && ticket_item_is_static(l->layout->items[*end].kind);
		(*end)++) {
		blank &= l->layout->items[*end].kind == TICKET_ITEM_SPACE;
		*dots += l->layout->items[*end].size;
	}
	return blank;
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

/*
 * One NV image: its key, and how to draw it (text at a size, or the static
 * run starting at item `run`).
 */
struct nv_slot {
	char k1, k2;
	int run;                  /* static run's first item; -1 for text */
	const char *text;
	const struct ticket_item *style;  /* NULL: a label (LABEL_PX, centred) */
};

/* Visits the NV images in their FS q order; stops when fn returns false. */
static void nv_each(const struct ticket_render *l, const char *const *service_names,
	int n_services, bool (*fn)(void *ud, const struct nv_slot *s), void *ud)
{
	int run = 0, end, dots;
	for (int i = 0; i < l->layout->n;) {
		const struct ticket_item *it = &l->layout->items[i];
		struct nv_slot s = {.run = -1, .style = it};
		if (ticket_item_is_static(it->kind)) {
			bool blank = run_is_blank(l, i, &end, &dots);
			s.k1 = 'H', s.k2 = (char)('0' + run++), s.run = i;
			if (!blank && !fn(ud, &s)) {
				return;
			}
			i = end;
			continue;
		}
		bool go = true;
		switch (it->kind) {
		case TICKET_ITEM_SERVICE:
			for (int k = 0; go && k < n_services && k < 94; k++) {
				s.k1 = 'S', s.k2 = (char)(33 + k);
				s.text = service_names ? service_names[k] : "";
				go = fn(ud, &s);
			}
			break;
		case TICKET_ITEM_PRIORITY:
			s.k1 = 'P', s.k2 = '0', s.text = PRIORITY;
			go = fn(ud, &s);
			break;
		case TICKET_ITEM_AHEAD:
			s.style = NULL;
			s.k1 = 'L', s.k2 = 'A', s.text = LABEL_AHEAD;
			go = fn(ud, &s);
			s.k2 = 'N', s.text = LABEL_NOBODY;
			go = go && fn(ud, &s);
			break;
		case TICKET_ITEM_WAIT:
		case TICKET_ITEM_COUNTERS:
		case TICKET_ITEM_VALID:
			/* One label each, stored under L and the item's letter. */
			s.style = NULL;
			s.k1 = 'L';
			s.k2 = it->kind == TICKET_ITEM_WAIT ? 'W' : it->kind == TICKET_ITEM_COUNTERS ? 'Q' : 'V';
			s.text = it->kind == TICKET_ITEM_WAIT ? LABEL_WAIT
				: it->kind == TICKET_ITEM_COUNTERS ? LABEL_COUNTERS : LABEL_VALID;
			go = fn(ud, &s);
			break;
		default:
			break;
		}
		if (!go) {
			return;
		}
		i++;
	}
}

/* A label image: centred, LABEL_PX, regular. */
static struct raster *render_label(const struct ticket_render *l, const char *text)
{
	return render_text(l, text, LABEL_PX, false, false, RASTER_CENTER);
}

static struct raster *render_slot(const struct ticket_render *l, const struct nv_slot *s,
	const struct ticket_info *info)
{
	if (s->run >= 0) {
		int end;
		return render_run(l, s->run, &end, info);
	}
	if (s->style == NULL) {
		return render_label(l, s->text);
	}
	return render_text(l, s->text, s->style->size, s->style->bold, s->style->invert,
		raster_align_of(s->style->align));
}

struct nv_render {
	const struct ticket_render *l;
	const struct ticket_info *info;
	struct ticket_nv_set *out;
};

static bool add_rendered(void *ud, const struct nv_slot *s)
{
	struct nv_render *nr = ud;
	struct raster *img = render_slot(nr->l, s, nr->info);
	if (img) {
		struct ticket_nv_set *set = nr->out;
		set->items = xrealloc(set->items, sizeof *set->items * (size_t)(set->n + 1));
		set->items[set->n++] = (struct ticket_nv_image){{s->k1, s->k2}, raster_hash(img), img};
	}
	return true;
}

bool ticket_render_nv_images(const struct ticket_render *l, const struct ticket_info *info,
	const char *const *service_names, int n_services, struct ticket_nv_set *out)
{
	*out = (struct ticket_nv_set){0};
	struct nv_render nr = {l, info, out};
	nv_each(l, service_names, n_services, add_rendered, &nr);
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

struct nv_find {
	char k1, k2;
	int index;                 /* counts up to the key; 0 = not found yet */
	bool found;
};

static bool count_to(void *ud, const struct nv_slot *s)
{
	struct nv_find *f = ud;
	f->index++;
	f->found = s->k1 == f->k1 && s->k2 == f->k2;
	return !f->found;
}

/* The FS p number (1..) of key (k1, k2); 0 when the set has no such image. */
static int nv_number(const struct ticket_render *l, int n_services, char k1, char k2)
{
	struct nv_find f = {k1, k2, 0, false};
	nv_each(l, NULL, n_services, count_to, &f);
	return f.found ? f.index : 0;
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

/* Feeds dots of blank paper (ESC J, at most 255 a command). */
static void emit_feed(struct escpos_buf *b, int dots)
{
	for (; dots > 0; dots -= 255) {
		escpos_feed_dots(b, dots > 255 ? 255 : dots);
	}
}

/*
 * Sends a full-width image inline: from the paper's left edge to its last
 * inked column, left-aligned, so that its place never depends on ESC a.
 * A blank image is a feed.
 */
static void emit_image(struct escpos_buf *b, const struct raster *img)
{
	int x0, x1;
	if (!raster_ink_columns(img, &x0, &x1)) {
		emit_feed(b, img->h);
		return;
	}
	struct raster *c = raster_crop(img, 0, 0, x1 + 1, img->h);
	escpos_align(b, ESCPOS_LEFT);
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

/*
 * ASCII in the printer's font at magnification mag (reduced until it
 * fits), smoothed when asked (GS b: large characters drawn from outlines).
 */
static void emit_ascii(struct escpos_buf *b, const struct ticket_render *l, const char *s, int mag,
	bool bold, bool smooth, enum raster_align align)
{
	int len = (int)strlen(s);
	while (mag > 1 && len * GLYPH_W * mag > l->width) {
		mag--;
	}
	escpos_align(b, esc_align(align));
	escpos_emphasis(b, bold);
	if (smooth) {
		escpos_smoothing(b, true);
	}
	escpos_size(b, mag, mag);
	escpos_text(b, s);
	escpos_newline(b);
	escpos_size(b, 1, 1);
	if (smooth) {
		escpos_smoothing(b, false);
	}
	escpos_emphasis(b, false);
}

/* An image stored under (k1, k2): by key, by number, or img itself inline (taken). */
static void emit_stored(struct escpos_buf *b, const struct ticket_render *l,
	const struct ticket_info *info, enum ticket_mode mode, char k1, char k2,
	struct raster *(*draw)(const struct ticket_render *, const void *), const void *arg)
{
	if (mode == TICKET_MODE_NV) {
		escpos_align(b, ESCPOS_LEFT);
		escpos_nv_print(b, k1, k2);
	} else if (mode == TICKET_MODE_NV_BITIMAGE) {
		int n = nv_number(l, info->n_services, k1, k2);
		escpos_align(b, ESCPOS_LEFT);
		if (n > 0) {
			escpos_nv_bitimage_print(b, n);
		}
	} else {
		emit_owned(b, draw(l, arg));
	}
}

static bool has_qr(const struct ticket_info *info)
{
	return info->qr != TICKET_QR_NONE && info->qr_url && info->qr_url[0];
}

/*
 * The QR code of the ticket's status page: by the printer's GS ( k
 * (centred by ESC a: a printer with GS ( k honours it), or drawn here and
 * sent inline, padded to the paper's width like every inline image.
 */
static void emit_qr(struct escpos_buf *b, const struct ticket_render *l,
	const struct ticket_info *info, const struct ticket_item *it)
{
	if (!has_qr(info)) {
		return;
	}
	if (info->qr == TICKET_QR_NATIVE) {
		escpos_align(b, ESCPOS_CENTER);
		if (escpos_qr(b, info->qr_url, it->size, QR_LEVEL_M)) {
			return;  /* the printer feeds past the symbol itself */
		}
	}
	emit_owned(b, qr_raster(info->qr_url, strlen(info->qr_url), QR_LEVEL_M, it->size, l->width));
}

static struct raster *draw_label(const struct ticket_render *l, const void *text)
{
	return render_label(l, text);
}

struct styled_text {
	const char *text;
	const struct ticket_item *it;
};

static struct raster *draw_styled(const struct ticket_render *l, const void *arg)
{
	const struct styled_text *st = arg;
	return render_text(l, st->text, st->it->size, st->it->bold, st->it->invert,
		raster_align_of(st->it->align));
}

struct run_arg {
	int first;
	const struct ticket_info *info;
};

static struct raster *draw_run(const struct ticket_render *l, const void *arg)
{
	const struct run_arg *ra = arg;
	int end;
	return render_run(l, ra->first, &end, ra->info);
}

/* A label, then a value in the printer's font (ahead, wait, counters, valid). */
static void emit_labelled(struct escpos_buf *b, const struct ticket_render *l,
	const struct ticket_info *info, enum ticket_mode mode, char k2, const char *label,
	const char *value, const struct ticket_item *it, bool bold)
{
	emit_stored(b, l, info, mode, 'L', k2, draw_label, label);
	emit_ascii(b, l, value, it->size, bold, false, raster_align_of(it->align));
}

static void emit_number(struct escpos_buf *b, const struct ticket_render *l, const char *number,
	const struct ticket_item *it)
{
	char shown[64];
	number_shown(number, shown, sizeof shown);
	if (!l->number_image && is_ascii(shown)) {
		emit_ascii(b, l, shown, it->size, true, true, raster_align_of(it->align));
	} else {
		emit_owned(b, render_number(l, number, it->size, raster_align_of(it->align)));
	}
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
	int run = 0, end, dots;
	char val[32];
	for (int i = 0; i < l->layout->n;) {
		const struct ticket_item *it = &l->layout->items[i];
		if (ticket_item_is_static(it->kind)) {
			char key = (char)('0' + run++);
			if (run_is_blank(l, i, &end, &dots)) {
				emit_feed(out, dots);
			} else {
				struct run_arg ra = {i, info};
				emit_stored(out, l, info, mode, 'H', key, draw_run, &ra);
			}
			i = end;
			continue;
		}
		struct styled_text st = {.it = it};
		switch (it->kind) {
		case TICKET_ITEM_NUMBER:
			*number_at = out->len;
			emit_number(out, l, info->number, it);
			break;
		case TICKET_ITEM_SERVICE:
			st.text = info->service_name;
			if (mode != TICKET_MODE_INLINE && info->service_slot >= 0 && info->service_slot < 94) {
				emit_stored(out, l, info, mode, 'S', (char)(33 + info->service_slot), draw_styled, &st);
			} else {
				emit_owned(out, draw_styled(l, &st));
			}
			break;
		case TICKET_ITEM_PRIORITY:
			st.text = PRIORITY;
			if (info->priority) {
				emit_stored(out, l, info, mode, 'P', '0', draw_styled, &st);
			}
			break;
		case TICKET_ITEM_AHEAD:
		case TICKET_ITEM_WAIT: {
			int v = ahead_wait_value(it, info);
			if (v == 0) {
				emit_stored(out, l, info, mode, 'L', 'N', draw_label, LABEL_NOBODY);
			} else if (v > 0) {
				snprintf(val, sizeof val, "%d", v);
				bool ahead = it->kind == TICKET_ITEM_AHEAD;
				emit_labelled(out, l, info, mode, ahead ? 'A' : 'W', ahead ? LABEL_AHEAD : LABEL_WAIT,
					val, it, true);
			}
			break;
		}
		case TICKET_ITEM_COUNTERS:
			if (info->counters && info->counters[0]) {
				emit_labelled(out, l, info, mode, 'Q', LABEL_COUNTERS, info->counters, it, true);
			}
			break;
		case TICKET_ITEM_VALID:
			emit_labelled(out, l, info, mode, 'V', LABEL_VALID,
				info->valid_date ? info->valid_date : "", it, true);
			break;
		case TICKET_ITEM_DATETIME:
			emit_ascii(out, l, info->datetime ? info->datetime : "", it->size, it->bold, false,
				raster_align_of(it->align));
			break;
		case TICKET_ITEM_QR:
			emit_qr(out, l, info, it);
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

/* A label and its value stacked onto acc, as the full raster draws them. */
static void stack_labelled(struct raster **acc, const struct ticket_render *l, const char *label,
	const char *value, const struct ticket_item *it)
{
	stack_onto(acc, render_label(l, label));
	stack_onto(acc, render_text(l, value, 24 * it->size, true, false, raster_align_of(it->align)));
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
			stack_onto(&acc, render_number(l, info->number, it->size, raster_align_of(it->align)));
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
				stack_onto(&acc, render_label(l, LABEL_NOBODY));
			} else if (v > 0) {
				snprintf(val, sizeof val, "%d", v);
				stack_labelled(&acc, l, it->kind == TICKET_ITEM_AHEAD ? LABEL_AHEAD : LABEL_WAIT,
					val, it);
			}
			break;
		}
		case TICKET_ITEM_COUNTERS:
			if (info->counters && info->counters[0]) {
				stack_labelled(&acc, l, LABEL_COUNTERS, info->counters, it);
			}
			break;
		case TICKET_ITEM_VALID:
			stack_labelled(&acc, l, LABEL_VALID, info->valid_date ? info->valid_date : "", it);
			break;
		case TICKET_ITEM_DATETIME:
			stack_onto(&acc, render_text(l, info->datetime ? info->datetime : "", 24 * it->size,
				it->bold, false, raster_align_of(it->align)));
			break;
		case TICKET_ITEM_QR:
			if (has_qr(info)) {
				stack_onto(&acc, qr_raster(info->qr_url, strlen(info->qr_url), QR_LEVEL_M, it->size,
					l->width));
			}
			break;
		default:
			break;
		}
	}
	stack_onto(&acc, raster_create(l->width, 30));
	return acc;
}
