/*
 * The home and group screens: the header, the title row ("Mời chọn lĩnh
 * vực ..." or "Quay lại" and the group's name), the tiles of the page on
 * screen, the page buttons, the priority legend, and the printer banner.
 * Sizes and places come from layout.c (the names' size is the plan's);
 * this file only paints them.
 */
#include <stdio.h>
#include <string.h>
#include "paint.h"
#include "view.h"
#include "words.h"

static int imin(int a, int b)
{
	return a < b ? a : b;
}

static void draw_header(struct kiosk *k)
{
	const struct layout *l = &k->layout;
	SDL_Rect hd = l->header;
	int u = l->unit, pad = 3 * u;
	paint_fill(k, hd, C_HEADER);
	paint_fill(k, (SDL_Rect){ hd.x, hd.y + hd.h - u / 2 - 1, hd.w, u / 2 + 1 }, C_PRIO);

	int cw, ch, dw, dh;
	ui_text_measure(k->text, l->clock_px, true, k->clock_text, &cw, &ch);
	ui_text_measure(k->text, l->date_px, false, k->date_text, &dw, &dh);
	int right_w = cw > dw ? cw : dw;
	int top = hd.y + (hd.h - u / 2 - ch - dh) / 2;
	SDL_Rect right = { hd.w - pad - right_w, hd.y, right_w, hd.h };
	ui_text_draw(k->text, l->clock_px, true, C_WHITE, k->clock_text, hd.w - pad, top,
		UI_ALIGN_RIGHT, &right);
	ui_text_draw(k->text, l->date_px, false, C_HEADER_SUB, k->date_text, hd.w - pad, top + ch,
		UI_ALIGN_RIGHT, &right);

	int left_w = hd.w - 3 * pad - right_w;
	int lh1 = paint_line_h(k, l->commune_px, true), lh2 = paint_line_h(k, l->desk_px, false);
	int y = hd.y + (hd.h - u / 2 - lh1 - lh2) / 2;
	paint_text(k, k->have_snap ? k->snap.commune_name : "", l->commune_px, l->min_text_px, true,
		C_WHITE, (SDL_Rect){ pad, y, left_w, lh1 }, 1, UI_ALIGN_LEFT, false);
	paint_text(k, k->have_snap ? k->snap.desk_name : "", l->desk_px, l->min_text_px, false,
		C_HEADER_SUB, (SDL_Rect){ pad, y + lh1, left_w, lh2 }, 1, UI_ALIGN_LEFT, false);
}

/* A small navigation button: an arrow (dir 1 right, 2 left) and a word. */
static void draw_nav_button(struct kiosk *k, SDL_Rect b, const char *label, int dir, bool on,
	const char *kind, const char *id)
{
	const struct layout *l = &k->layout;
	int px = imin(l->title_px, (b.h - 2 * l->unit) * 80 / 100);
	px = px > l->min_text_px ? px : l->min_text_px;
	SDL_Color fg = on ? C_WHITE : C_OFF_TEXT;
	if (on) {
		paint_card(k, b, C_HEADER);
	} else {
		paint_round(k, b, C_OFF);
	}
	ui_trace_rect(k->trace, kind, id, &b);
	int arrow = px / 2;
	int aw = arrow + l->pad;
	SDL_Rect text = { b.x + l->pad + (dir == 2 ? aw : 0), b.y, b.w - 2 * l->pad - aw, b.h };
	int cx = dir == 2 ? b.x + l->pad + arrow / 2 : b.x + b.w - l->pad - arrow / 2;
	paint_triangle(k, cx, b.y + b.h / 2, arrow * 3 / 4, dir, fg);
	paint_text(k, label, px, l->min_text_px, true, fg, text, 1, UI_ALIGN_CENTER, false);
}

static void draw_title(struct kiosk *k)
{
	const struct layout *l = &k->layout;
	SDL_Rect t = l->title;
	ui_trace_rect(k->trace, "title", "-", &t);
	if (k->screen != SCREEN_GROUP) {
		paint_text(k, TXT_TITLE, l->title_px, l->min_text_px, true, C_INK,
			paint_inset(t, l->unit / 2), 1, UI_ALIGN_CENTER, false);
		return;
	}
	draw_nav_button(k, l->back, TXT_BACK, 2, true, "back", "-");
	/* The group's name, centred in what is left of the row. */
	int x = l->back.x + l->back.w + l->pad;
	SDL_Rect name = { x, t.y, t.x + t.w - x - (l->back.w + l->pad), t.h };
	paint_text(k, k->group_name, l->title_px, l->min_text_px, true, C_INK, name, 2,
		UI_ALIGN_CENTER, true);
}

/*
 * Lines of a name that break after its dashes when that takes no more
 * lines than n, each within max_w: "Lao động –" / "Thương binh và Xã hội"
 * rather than "Lao động – Thương" / "binh và Xã hội". Returns the lines,
 * or 0 when the name has no dash or a part does not fit.
 */
static int dash_lines(struct kiosk *k, const char *name, int px, int max_w, int n,
	char lines[][UI_WRAP_LINE_MAX])
{
	static const char dash[] = " \xe2\x80\x93 ";  /* " – " */
	int got = 0;
	const char *p = name;
	if (!strstr(name, dash)) {
		return 0;
	}
	while (*p) {
		/* Take as many dash-separated parts as fit on this line. */
		size_t best = 0;
		for (const char *q = p;;) {
			const char *d = strstr(q, dash);
			size_t len = d ? (size_t)(d - p) + strlen(dash) - 1 : strlen(p);
			char buf[UI_WRAP_LINE_MAX];
			int w, h;
			if (len >= sizeof(buf)) {
				break;
			}
			memcpy(buf, p, len);
			buf[len] = '\0';
			if (!ui_text_measure(k->text, px, true, buf, &w, &h) || w > max_w) {
				break;
			}
			best = len;
			if (!d) {
				break;
			}
			q = d + strlen(dash);
		}
		if (best == 0 || got == n) {
			return 0;
		}
		memcpy(lines[got], p, best);
		lines[got++][best] = '\0';
		p += best;
		while (*p == ' ') {
			p++;
		}
	}
	return got;
}

/* The name (wrapped as the layout planned) and the line under it, centred together in box. */
static void draw_name_block(struct kiosk *k, const struct layout_cell *c, const char *name,
	SDL_Color fg, const char *sub, bool sub_bold, SDL_Color sub_fg, SDL_Rect box)
{
	const struct layout_sizes *sz = &k->layout.plan.sz;
	char lines[LAYOUT_NAME_LINES][UI_WRAP_LINE_MAX], tight[LAYOUT_NAME_LINES][UI_WRAP_LINE_MAX];
	int n = ui_text_wrap(k->text, sz->name_px, true, name, c->name.w, lines, LAYOUT_NAME_LINES);
	if (n == 0) {
		snprintf(lines[0], sizeof(lines[0]), "%s", name);  /* the layout said it fits */
		n = 1;
	}
	int nd = n > 1 ? dash_lines(k, name, sz->name_px, c->name.w, n, tight) : 0;
	if (nd > 0) {
		memcpy(lines, tight, sizeof(lines));
		n = nd;
	}
	if (nd == 0) {
		paint_balance(k, name, sz->name_px, true, c->name.w, n, lines);
	}
	int lh = paint_line_h(k, sz->name_px, true);
	int gap = c->sub.y - (c->name.y + c->name.h);
	int y = box.y + (box.h - n * lh - gap - sz->sub_h) / 2;
	for (int i = 0; i < n; i++) {
		ui_text_draw(k->text, sz->name_px, true, fg, lines[i], c->name.x, y + i * lh,
			UI_ALIGN_LEFT, &box);
	}
	ui_text_draw(k->text, sz->sub_px, sub_bold, sub_fg, sub, c->sub.x, y + n * lh + gap,
		UI_ALIGN_LEFT, &box);
}

/* A field's tile: its normal button and its priority button. */
static void draw_field(struct kiosk *k, const struct layout_cell *c, size_t field, int focus)
{
	const struct layout *l = &k->layout;
	const struct layout_sizes *sz = &l->plan.sz;
	const struct service *s = &k->snap.services[field].service;
	bool open = kiosk_service_open(k, field);
	SDL_Rect nr = c->normal, pr = c->priority;
	ui_trace_rect(k->trace, "normal", s->code, &nr);
	ui_trace_rect(k->trace, "priority", s->code, &pr);
	if (open) {
		paint_card(k, nr, C_NORMAL);
		paint_card(k, pr, C_PRIO);
		/* A darker strip at the bottom gives the buttons some depth. */
		int strip = l->unit / 2 + 1;
		paint_fill(k, (SDL_Rect){ nr.x + l->radius, nr.y + nr.h - strip, nr.w - 2 * l->radius,
			strip }, C_NORMAL_DARK);
		paint_fill(k, (SDL_Rect){ pr.x + l->radius, pr.y + pr.h - strip, pr.w - 2 * l->radius,
			strip }, C_PRIO_DARK);
	} else {
		/* Cannot act: flat and grey, no shadow, and it says why. */
		paint_round(k, nr, C_OFF_EDGE);
		paint_round(k, paint_inset(nr, 2), C_OFF);
		paint_round(k, pr, C_OFF_EDGE);
		paint_round(k, paint_inset(pr, 2), C_OFF);
	}
	char sub[96];
	view_field_sub(k, field, sub, sizeof(sub));
	SDL_Rect box = { c->name.x, nr.y + 1, c->name.w, nr.h - 2 };
	draw_name_block(k, c, s->name, open ? C_WHITE : C_OFF_TEXT, sub, !open,
		open ? C_NORMAL_SUB : C_OFF_WHY, box);

	/* Priority button: the word, and what it does (or why it cannot). */
	const char *what = open ? TXT_PRIO_SUB : TXT_PRIO_FULL;
	int ph = paint_line_h(k, sz->prio_px, true);
	int lines = open ? sz->prio_sub_lines : 1;
	int y = pr.y + (pr.h - ph - lines * sz->sub_h) / 2;
	SDL_Rect pbox = { pr.x + l->pad / 2, pr.y + 1, pr.w - l->pad, pr.h - 2 };
	ui_text_draw(k->text, sz->prio_px, true, open ? C_WHITE : C_OFF_TEXT, TXT_PRIO,
		pr.x + pr.w / 2, y, UI_ALIGN_CENTER, &pbox);
	paint_text(k, what, sz->sub_px, sz->sub_px, !open, open ? C_PRIO_LIGHT : C_OFF_WHY,
		(SDL_Rect){ pbox.x, y + ph, pbox.w, lines * sz->sub_h }, lines, UI_ALIGN_CENTER, true);

	if (focus >= 0) {
		paint_outline(k, focus ? pr : nr, l->unit / 2 + 2, C_FOCUS);
	}
}

/* A group's tile: one button with the group's name, how many fields, and an arrow. */
static void draw_group(struct kiosk *k, const struct layout_cell *c, size_t g, bool focus)
{
	const struct layout *l = &k->layout;
	SDL_Rect r = c->cell;
	paint_card(k, r, C_HEADER);
	paint_fill(k, (SDL_Rect){ r.x + l->radius, r.y + r.h - l->unit / 2 - 1, r.w - 2 * l->radius,
		l->unit / 2 + 1 }, C_PRIO);
	ui_trace_rect(k->trace, "group", k->menu.group_name[g], &r);
	char sub[64];
	snprintf(sub, sizeof(sub), TXT_GROUP_FMT, k->menu.group_size[g]);
	SDL_Rect box = { c->name.x, r.y + 1, c->name.w, r.h - 2 };
	draw_name_block(k, c, k->menu.group_name[g], C_WHITE, sub, false, C_HEADER_SUB, box);
	int arrow = l->plan.sz.name_px / 2;
	paint_triangle(k, r.x + r.w - l->pad - arrow / 2, r.y + r.h / 2, arrow, 1, C_WHITE);
	if (focus) {
		paint_outline(k, r, l->unit / 2 + 2, C_FOCUS);
	}
}

/* "Trang 1/2" between the page buttons. */
static void draw_pages(struct kiosk *k)
{
	const struct layout *l = &k->layout;
	if (l->plan.pages <= 1) {
		return;
	}
	draw_nav_button(k, l->page_prev, TXT_PAGE_PREV, 2, l->page > 0, "page", "prev");
	draw_nav_button(k, l->page_next, TXT_PAGE_NEXT, 1, l->page + 1 < l->plan.pages, "page",
		"next");
	char label[32];
	snprintf(label, sizeof(label), TXT_PAGE_FMT, l->page + 1, l->plan.pages);
	int x = l->page_prev.x + l->page_prev.w + l->pad;
	SDL_Rect mid = { x, l->nav.y, l->page_next.x - l->pad - x, l->nav.h };
	paint_text(k, label, l->title_px, l->min_text_px, true, C_INK, mid, 1, UI_ALIGN_CENTER,
		false);
}

static void draw_legend(struct kiosk *k)
{
	const struct layout *l = &k->layout;
	SDL_Rect lg = l->legend;
	int pad = l->pad, px = l->legend_px;
	paint_round(k, lg, C_PRIO_LIGHT);
	int pw, ph;
	ui_text_measure(k->text, px, true, TXT_PRIO, &pw, &ph);
	SDL_Rect pill = { lg.x + pad, lg.y + (lg.h - ph * 14 / 10) / 2, pw + 2 * pad, ph * 14 / 10 };
	ui_fill_round_rect(k->renderer, &pill, pill.h / 2, C_PRIO);
	ui_text_draw(k->text, px, true, C_WHITE, TXT_PRIO, pill.x + pill.w / 2,
		pill.y + (pill.h - ph) / 2, UI_ALIGN_CENTER, &pill);
	int x = pill.x + pill.w + pad;
	SDL_Rect box = { x, lg.y, lg.x + lg.w - pad - x, lg.h };
	paint_text(k, TXT_LEGEND, px, px, false, C_INK, box, 3, UI_ALIGN_LEFT, false);
}

/* The printer cannot print: say so over the buttons, plainly. */
static void draw_printer_banner(struct kiosk *k)
{
	const struct layout *l = &k->layout;
	SDL_Rect g = { 0, l->title.y, l->w, l->h - l->title.y };
	ui_trace_layer(k->trace, "banner");
	paint_fill(k, g, C_DIM);
	int bw = l->w * (l->portrait ? 88 : 70) / 100, bh = g.h * (l->portrait ? 30 : 50) / 100;
	SDL_Rect b = { (l->w - bw) / 2, g.y + (g.h - bh) / 2, bw, bh };
	paint_card(k, b, C_WHITE);
	ui_trace_rect(k->trace, "banner", "printer", &b);
	SDL_Rect band = { b.x, b.y, b.w, bh / 8 };
	ui_fill_round_rect(k->renderer, &band, l->radius, C_ERR);
	SDL_Rect top = { b.x, b.y + bh / 5, b.w, bh * 35 / 100 };
	SDL_Rect bottom = { b.x, b.y + bh * 57 / 100, b.w, bh * 30 / 100 };
	paint_text(k, printer_fault_info(printer_status_fault(&k->printer_st))->citizen_vi,
		bh * 22 / 100, l->min_name_px, true, C_ERR, paint_inset(top, 2 * l->unit), 2,
		UI_ALIGN_CENTER, true);
	paint_text(k, TXT_SEE_STAFF, bh * 16 / 100, l->min_text_px, false, C_INK,
		paint_inset(bottom, 2 * l->unit), 2, UI_ALIGN_CENTER, true);
}

void draw_home(struct kiosk *k)
{
	const struct layout *l = &k->layout;
	draw_header(k);
	ui_trace_rect(k->trace, "corner", "-", &l->corner);
	draw_title(k);
	/* The keyboard focus: the n-th button of the page (a field has two). */
	int target = 0;
	for (size_t i = 0; i < l->n_cells; i++) {
		const struct menu_entry *e = kiosk_cell_entry(k, i);
		int here = k->focus_visible ? k->focus - target : -1;
		if (e->group) {
			draw_group(k, &l->cells[i], e->index, here == 0);
			target += 1;
		} else {
			draw_field(k, &l->cells[i], e->index, here == 0 || here == 1 ? here : -1);
			target += 2;
		}
	}
	if (l->n_cells == 0) {
		paint_text(k, TXT_NO_FIELD, l->title_px, l->min_text_px, true, C_MUTED, l->grid, 2,
			UI_ALIGN_CENTER, true);
	}
	draw_pages(k);
	draw_legend(k);
	if (k->printer_known && !k->printer_ok) {
		draw_printer_banner(k);
	}
}
