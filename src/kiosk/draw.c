/*
 * The kiosk's screens. Called only when something is dirty; all sizes are
 * fractions of the rectangles computed in layout.c, all text goes through
 * the shared cache (ui.h). Service names may wrap onto two lines.
 */
#define LOG_MODULE "draw"
#include <string.h>
#include "kiosk.h"
#include "motcua/base/clock.h"

static const SDL_Color C_BG = { 236, 241, 247, 255 };
static const SDL_Color C_HEADER = { 12, 58, 120, 255 };
static const SDL_Color C_HEADER_SUB = { 196, 214, 240, 255 };
static const SDL_Color C_WHITE = { 255, 255, 255, 255 };
static const SDL_Color C_INK = { 22, 34, 56, 255 };
static const SDL_Color C_MUTED = { 86, 98, 118, 255 };
static const SDL_Color C_NORMAL = { 21, 101, 192, 255 };
static const SDL_Color C_NORMAL_DARK = { 14, 74, 150, 255 };
static const SDL_Color C_NORMAL_SUB = { 214, 230, 252, 255 };
static const SDL_Color C_PRIO = { 222, 88, 10, 255 };
static const SDL_Color C_PRIO_DARK = { 178, 64, 0, 255 };
static const SDL_Color C_PRIO_LIGHT = { 255, 240, 226, 255 };
static const SDL_Color C_FULL = { 160, 168, 180, 255 };
static const SDL_Color C_FULL_TEXT = { 242, 244, 247, 255 };
static const SDL_Color C_FOCUS = { 255, 196, 0, 255 };
static const SDL_Color C_OK = { 26, 135, 84, 255 };
static const SDL_Color C_ERR = { 198, 40, 40, 255 };
static const SDL_Color C_ERR_LIGHT = { 253, 236, 236, 255 };
static const SDL_Color C_SHADOW = { 0, 0, 0, 40 };
static const SDL_Color C_DIM = { 10, 20, 35, 150 };
static const SDL_Color C_PAD_BG = { 24, 33, 48, 255 };
static const SDL_Color C_PAD_KEY = { 52, 66, 90, 255 };

#define MAX_LINES 3

static int imin(int a, int b)
{
	return a < b ? a : b;
}

static SDL_Rect inset(SDL_Rect r, int d)
{
	return (SDL_Rect){ r.x + d, r.y + d, r.w - 2 * d, r.h - 2 * d };
}

static void fill(struct kiosk *k, const SDL_Rect *r, SDL_Color c)
{
	SDL_SetRenderDrawColor(k->renderer, c.r, c.g, c.b, c.a);
	SDL_RenderFillRect(k->renderer, r);
}

static void round_rect(struct kiosk *k, SDL_Rect r, SDL_Color c)
{
	ui_fill_round_rect(k->renderer, &r, k->layout.radius, c);
}

/* A card with a soft shadow below it. */
static void card(struct kiosk *k, SDL_Rect r, SDL_Color c)
{
	int d = k->layout.unit / 2 + 1;
	SDL_Rect s = { r.x, r.y + d * 2, r.w, r.h };
	ui_fill_round_rect(k->renderer, &s, k->layout.radius, C_SHADOW);
	ui_fill_round_rect(k->renderer, &r, k->layout.radius, c);
}

static void outline(struct kiosk *k, SDL_Rect r, int thick, SDL_Color c)
{
	SDL_SetRenderDrawColor(k->renderer, c.r, c.g, c.b, c.a);
	for (int i = 0; i < thick; i++) {
		SDL_Rect o = inset(r, -i - 1);
		SDL_RenderDrawRect(k->renderer, &o);
	}
}

/* Height of one line of text at px (the font's line height). */
static int line_h(struct kiosk *k, int px, bool bold)
{
	int w, h;
	ui_text_measure(k->text, px, bold, "Ấy", &w, &h);
	return h;
}

static int wrap(struct kiosk *k, const char *str, int px, bool bold, int max_w,
	char lines[MAX_LINES][UI_WRAP_LINE_MAX], int max_lines)
{
	return ui_text_wrap(k->text, px, bold, str, max_w, lines, max_lines);
}

/* Largest px <= max_px at which str wraps into box in at most max_lines (0: none). */
static int fit_wrapped(struct kiosk *k, const char *str, int max_px, bool bold, SDL_Rect box,
	int max_lines)
{
	char lines[MAX_LINES][UI_WRAP_LINE_MAX];
	int min_px = max_px / 3 > 6 ? max_px / 3 : 6;
	for (int px = max_px; px >= min_px; px = px * 93 / 100) {
		int n = wrap(k, str, px, bold, box.w, lines, max_lines);
		if (n > 0 && n * line_h(k, px, bold) <= box.h) {
			return px;
		}
	}
	return 0;
}

/*
 * Draws str wrapped in box (at most max_lines), as large as possible up to
 * max_px, vertically centred in the box when center_v. Returns the px used.
 */
static int draw_wrapped_ex(struct kiosk *k, const char *str, int max_px, bool bold,
	SDL_Color c, SDL_Rect box, int max_lines, enum ui_align align, bool center_v, bool balance)
{
	char lines[MAX_LINES][UI_WRAP_LINE_MAX];
	int px = max_px, n = 0;
	int min_px = max_px / 3 > 6 ? max_px / 3 : 6;
	for (; px >= min_px; px = px * 93 / 100) {
		n = wrap(k, str, px, bold, box.w, lines, max_lines);
		if (n > 0 && n * line_h(k, px, bold) <= box.h) {
			break;
		}
	}
	if (n > 1 && balance) {
		/* Balance the lines: the narrowest width that still needs n lines. */
		char tight[MAX_LINES][UI_WRAP_LINE_MAX];
		for (int w = box.w * 95 / 100; w > box.w / 3; w = w * 95 / 100) {
			if (wrap(k, str, px, bold, w, tight, max_lines) != n) {
				break;
			}
			memcpy(lines, tight, sizeof(lines));
		}
	}
	if (n == 0) {
		/* Give up wrapping: one shrunk line. */
		px = ui_text_fit(k->text, max_px, 6, bold, str, box.w);
		snprintf(lines[0], sizeof(lines[0]), "%s", str);
		n = 1;
	}
	int lh = line_h(k, px, bold);
	int y = center_v ? box.y + (box.h - n * lh) / 2 : box.y;
	int x = align == UI_ALIGN_CENTER ? box.x + box.w / 2
		: align == UI_ALIGN_RIGHT ? box.x + box.w : box.x;
	for (int i = 0; i < n; i++) {
		ui_text_draw(k->text, px, bold, c, lines[i], x, y + i * lh, align, &box);
	}
	return px;
}

static int draw_wrapped(struct kiosk *k, const char *str, int max_px, bool bold, SDL_Color c,
	SDL_Rect box, int max_lines, enum ui_align align, bool center_v)
{
	return draw_wrapped_ex(k, str, max_px, bold, c, box, max_lines, align, center_v, true);
}

/* One line, shrunk to fit width, drawn centred (or aligned) at x, y, inside box. */
static void text_fit(struct kiosk *k, int px, bool bold, SDL_Color c, const char *s, int x,
	int y, int max_w, enum ui_align align, const SDL_Rect *box)
{
	int fpx = ui_text_fit(k->text, px, 6, bold, s, max_w);
	/* Keep the baseline area steady when shrunk: centre in the original height. */
	int dy = (line_h(k, px, bold) - line_h(k, fpx, bold)) / 2;
	ui_text_draw(k->text, fpx, bold, c, s, x, y + dy, align, box);
}

static void triangle_down(struct kiosk *k, int cx, int top, int size, SDL_Color c)
{
	SDL_Vertex v[3] = {
		{ { (float)(cx - size), (float)top }, c, { 0, 0 } },
		{ { (float)(cx + size), (float)top }, c, { 0, 0 } },
		{ { (float)cx, (float)(top + size) }, c, { 0, 0 } },
	};
	SDL_RenderGeometry(k->renderer, NULL, v, 3, NULL, 0);
}

static void draw_header(struct kiosk *k)
{
	const struct layout *l = &k->layout;
	SDL_Rect hd = l->header;
	fill(k, &hd, C_HEADER);
	SDL_Rect stripe = { hd.x, hd.y + hd.h - l->unit / 2 - 1, hd.w, l->unit / 2 + 1 };
	fill(k, &stripe, C_PRIO);

	int pad = 3 * l->unit;
	int clock_px = hd.h * 40 / 100;
	int date_px = hd.h * 17 / 100;
	int cw, ch, dw, dh;
	ui_text_measure(k->text, clock_px, true, k->clock_text, &cw, &ch);
	ui_text_measure(k->text, date_px, false, k->date_text, &dw, &dh);
	int right_w = cw > dw ? cw : dw;
	int top = hd.y + (hd.h - ch - dh) / 2;
	ui_text_draw(k->text, clock_px, true, C_WHITE, k->clock_text, hd.w - pad, top,
		UI_ALIGN_RIGHT, &hd);
	ui_text_draw(k->text, date_px, false, C_HEADER_SUB, k->date_text, hd.w - pad, top + ch,
		UI_ALIGN_RIGHT, &hd);

	int left_w = hd.w - 3 * pad - right_w;
	const char *commune = k->have_snap ? k->snap.commune_name : "";
	const char *desk = k->have_snap ? k->snap.desk_name : "";
	int c_px = hd.h * 28 / 100, d_px = hd.h * 20 / 100;
	int lh1 = line_h(k, c_px, true), lh2 = line_h(k, d_px, false);
	int y = hd.y + (hd.h - lh1 - lh2) / 2;
	SDL_Rect names = { pad, hd.y, left_w, hd.h };
	text_fit(k, c_px, true, C_WHITE, commune, pad, y, left_w, UI_ALIGN_LEFT, &names);
	text_fit(k, d_px, false, C_HEADER_SUB, desk, pad, y + lh1, left_w, UI_ALIGN_LEFT, &names);
}

/* The box of service i's name inside its normal part; *name_px its largest size. */
static SDL_Rect name_box(struct kiosk *k, size_t i, int *name_px, int *sub_px, int *sub_h)
{
	const struct layout *l = &k->layout;
	SDL_Rect nr = l->normal[i];
	int u = l->unit;
	int pad_x = imin(nr.h / 5, 4 * u);
	*sub_px = imin(nr.h * 16 / 100, 6 * u);
	*sub_h = line_h(k, *sub_px, false);
	*name_px = imin(nr.h * 30 / 100, 9 * u);
	return (SDL_Rect){ nr.x + pad_x, nr.y + nr.h / 10, nr.w - 2 * pad_x,
		nr.h - nr.h / 10 - *sub_h - nr.h / 8 - nr.h / 20 };
}

/* One size for every service name, so the buttons look like a set. */
static int common_name_px(struct kiosk *k)
{
	int best = 0;
	for (size_t i = 0; i < k->layout.n_cells; i++) {
		int max_px, sub_px, sub_h;
		SDL_Rect box = name_box(k, i, &max_px, &sub_px, &sub_h);
		int px = fit_wrapped(k, k->snap.services[i].service.name, max_px, true, box, 2);
		if (px > 0 && (best == 0 || px < best)) {
			best = px;
		}
	}
	return best;
}

static void draw_cell(struct kiosk *k, size_t i, int common_px)
{
	const struct layout *l = &k->layout;
	const struct snapshot_service *ss = &k->snap.services[i];
	bool open = kiosk_service_open(k, i);
	SDL_Rect nr = l->normal[i], pr = l->priority[i];
	int u = l->unit;

	card(k, nr, open ? C_NORMAL : C_FULL);
	card(k, pr, open ? C_PRIO : C_FULL);
	ui_trace_rect(k->trace, "normal", ss->service.code, &nr);
	ui_trace_rect(k->trace, "priority", ss->service.code, &pr);
	/* A darker strip at the bottom of each part gives the buttons some depth. */
	int strip = u / 2 + 1;
	SDL_Rect nb = { nr.x + l->radius, nr.y + nr.h - strip, nr.w - 2 * l->radius, strip };
	SDL_Rect pb = { pr.x + l->radius, pr.y + pr.h - strip, pr.w - 2 * l->radius, strip };
	fill(k, &nb, open ? C_NORMAL_DARK : C_FULL);
	fill(k, &pb, open ? C_PRIO_DARK : C_FULL);

	/* Normal part: the name (up to two lines) above the waiting count. */
	int name_px, sub_px, sub_h;
	SDL_Rect nb_box = name_box(k, i, &name_px, &sub_px, &sub_h);
	int pad_x = nb_box.x - nr.x;
	draw_wrapped(k, ss->service.name, common_px > 0 ? common_px : name_px, true,
		open ? C_WHITE : C_FULL_TEXT, nb_box, 2, UI_ALIGN_LEFT, true);
	char sub[96];
	if (!open) {
		snprintf(sub, sizeof(sub), "Đã hết số hôm nay");
	} else if (ss->waiting == 0) {
		snprintf(sub, sizeof(sub), "Không có người chờ");
	} else {
		snprintf(sub, sizeof(sub), "Đang chờ: %d người", ss->waiting);
	}
	text_fit(k, sub_px, !open, open ? C_NORMAL_SUB : C_FULL_TEXT, sub, nr.x + pad_x,
		nr.y + nr.h - sub_h - nr.h / 8, nr.w - 2 * pad_x, UI_ALIGN_LEFT, &nr);

	/* Priority part: the word, and who it is for in one short line. */
	int p_px = imin(pr.h * 22 / 100, pr.w * 15 / 100);
	if (common_px > 0) {
		p_px = imin(p_px, common_px * 85 / 100);
	}
	int p_sub = imin(pr.h * 13 / 100, 5 * u);
	int ph = line_h(k, p_px, true), psh = line_h(k, p_sub, false);
	int y = pr.y + (pr.h - ph - psh) / 2;
	int cx = pr.x + pr.w / 2;
	text_fit(k, p_px, true, open ? C_WHITE : C_FULL_TEXT, "ƯU TIÊN", cx, y, pr.w - 2 * u,
		UI_ALIGN_CENTER, &pr);
	text_fit(k, p_sub, false, open ? C_PRIO_LIGHT : C_FULL_TEXT, open ? "Lấy số ưu tiên"
		: "Hết số", cx, y + ph, pr.w - 2 * u, UI_ALIGN_CENTER, &pr);

	if (k->focus_visible && (size_t)(k->focus / 2) == i) {
		outline(k, k->focus % 2 ? pr : nr, u / 2 + 2, C_FOCUS);
	}
}

static void draw_legend(struct kiosk *k)
{
	const struct layout *l = &k->layout;
	SDL_Rect lg = l->legend;
	round_rect(k, lg, C_PRIO_LIGHT);
	int pad = 2 * l->unit;
	int pill_px = imin(lg.h * 30 / 100, 5 * l->unit);
	int pw, ph;
	ui_text_measure(k->text, pill_px, true, "ƯU TIÊN", &pw, &ph);
	SDL_Rect pill = { lg.x + pad, lg.y + (lg.h - ph * 14 / 10) / 2, pw + 2 * pad, ph * 14 / 10 };
	ui_fill_round_rect(k->renderer, &pill, pill.h / 2, C_PRIO);
	ui_text_draw(k->text, pill_px, true, C_WHITE, "ƯU TIÊN", pill.x + pill.w / 2,
		pill.y + (pill.h - ph) / 2, UI_ALIGN_CENTER, &pill);
	SDL_Rect box = { pill.x + pill.w + pad, lg.y + lg.h / 10, lg.w - pill.w - 4 * pad,
		lg.h - lg.h / 5 };
	/* One line when it stays readable, else two full-width lines. */
	static const char who[] = "dành cho người cao tuổi, người khuyết tật, phụ nữ mang thai, "
		"người có con nhỏ, thương binh và người có công";
	int max_px = lg.h * 26 / 100;
	int one = ui_text_fit(k->text, max_px * 125 / 100, 6, false, who, box.w);
	draw_wrapped_ex(k, who, one >= max_px ? one : max_px, false, C_INK, box,
		one >= max_px ? 1 : 2, UI_ALIGN_LEFT, true, false);
}

/* The printer cannot print: say so over the buttons, plainly. */
static void draw_printer_banner(struct kiosk *k)
{
	const struct layout *l = &k->layout;
	SDL_Rect g = { 0, l->title.y, l->w, l->h - l->title.y };
	ui_trace_layer(k->trace, "banner");
	fill(k, &g, C_DIM);
	int bw = l->w * (l->portrait ? 88 : 70) / 100, bh = g.h * (l->portrait ? 30 : 50) / 100;
	SDL_Rect b = { (l->w - bw) / 2, g.y + (g.h - bh) / 2, bw, bh };
	card(k, b, C_WHITE);
	ui_trace_rect(k->trace, "banner", "printer", &b);
	SDL_Rect band = { b.x, b.y, b.w, bh / 8 };
	ui_fill_round_rect(k->renderer, &band, l->radius, C_ERR);
	SDL_Rect top = { b.x, b.y + bh / 5, b.w, bh * 35 / 100 };
	SDL_Rect bottom = { b.x, b.y + bh * 57 / 100, b.w, bh * 30 / 100 };
	draw_wrapped(k, printer_fault_info(printer_status_fault(&k->printer_st))->citizen_vi,
		bh * 22 / 100, true, C_ERR, inset(top, 2 * l->unit), 1, UI_ALIGN_CENTER, true);
	draw_wrapped(k, "Vui lòng liên hệ cán bộ", bh * 16 / 100, false, C_INK,
		inset(bottom, 2 * l->unit), 1, UI_ALIGN_CENTER, true);
}

static void draw_home(struct kiosk *k)
{
	const struct layout *l = &k->layout;
	draw_header(k);
	ui_trace_rect(k->trace, "corner", "-", &l->corner);
	ui_trace_rect(k->trace, "title", "-", &l->title);
	SDL_Rect t = l->title;
	draw_wrapped(k, "Mời chọn lĩnh vực cần giải quyết", t.h * 45 / 100, true, C_INK,
		inset(t, l->unit), 1, UI_ALIGN_CENTER, true);
	int name_px = common_name_px(k);
	for (size_t i = 0; i < l->n_cells; i++) {
		draw_cell(k, i, name_px);
	}
	if (l->n_cells == 0) {
		draw_wrapped(k, "Hiện chưa có lĩnh vực nào nhận hồ sơ", l->grid.h / 10, true, C_MUTED,
			l->grid, 2, UI_ALIGN_CENTER, true);
	}
	draw_legend(k);
	if (k->printer_known && !k->printer_ok) {
		draw_printer_banner(k);
	}
}

static void draw_busy(struct kiosk *k)
{
	const struct layout *l = &k->layout;
	SDL_Rect c = l->card;
	card(k, c, C_WHITE);
	ui_trace_rect(k->trace, "card", "busy", &c);
	SDL_Rect a = { c.x, c.y + c.h * 30 / 100, c.w, c.h * 20 / 100 };
	SDL_Rect b = { c.x, c.y + c.h * 52 / 100, c.w, c.h * 14 / 100 };
	draw_wrapped(k, "Đang in phiếu...", c.h * 14 / 100, true, C_NORMAL, inset(a, 3 * l->unit),
		1, UI_ALIGN_CENTER, true);
	draw_wrapped(k, "Vui lòng chờ trong giây lát", c.h * 8 / 100, false, C_MUTED,
		inset(b, 3 * l->unit), 1, UI_ALIGN_CENTER, true);
	/* Three dots, one lit in turn, so the citizen sees the kiosk working. */
	int r = imin(c.h, c.w) * 3 / 100 + 1;
	for (int i = 0; i < 3; i++) {
		SDL_Rect dot = { c.x + c.w / 2 + (i - 1) * 4 * r - r, c.y + c.h * 72 / 100, 2 * r, 2 * r };
		ui_fill_round_rect(k->renderer, &dot, r, i == k->anim_step % 3 ? C_NORMAL : C_FULL);
	}
}

static void draw_ticket(struct kiosk *k)
{
	const struct layout *l = &k->layout;
	const struct ticket *t = &k->last;
	SDL_Color accent = t->priority ? C_PRIO : C_NORMAL;
	SDL_Rect c = l->card;
	int u = l->unit;
	card(k, c, C_WHITE);
	ui_trace_rect(k->trace, "card", "ticket", &c);

	SDL_Rect band = { c.x, c.y, c.w, c.h * 13 / 100 };
	ui_fill_round_rect(k->renderer, &band, l->radius, accent);
	SDL_Rect band_sq = { c.x, band.y + band.h / 2, c.w, band.h - band.h / 2 };
	fill(k, &band_sq, accent);
	draw_wrapped(k, t->priority ? "SỐ THỨ TỰ ƯU TIÊN CỦA BẠN" : "SỐ THỨ TỰ CỦA BẠN",
		band.h * 45 / 100, true, C_WHITE, inset(band, 2 * u), 1, UI_ALIGN_CENTER, true);

	/*
	 * The number as large as the box allows: digits fill about 0.73 of the
	 * font size, from 0.2 to 0.93 of it below the line top (DejaVu Sans Bold),
	 * so the glyphs themselves are centred rather than the line box.
	 */
	SDL_Rect num = { c.x, band.y + band.h + c.h * 3 / 100, c.w, c.h * 30 / 100 };
	int num_px = ui_text_fit(k->text, num.h * 105 / 100, 8, true, t->number, num.w - 8 * u);
	ui_text_draw(k->text, num_px, true, accent, t->number, num.x + num.w / 2,
		num.y + num.h / 2 - num_px * 565 / 1000, UI_ALIGN_CENTER, &num);
	ui_trace_rect(k->trace, "number", t->number, &num);

	SDL_Rect svc = { c.x + 4 * u, num.y + num.h + c.h * 2 / 100, c.w - 8 * u, c.h * 10 / 100 };
	draw_wrapped(k, t->service_name, c.h * 6 / 100, true, C_INK, svc, 2, UI_ALIGN_CENTER, true);

	char ahead[96], wait[96] = "";
	if (t->ahead <= 0) {
		snprintf(ahead, sizeof(ahead), "Không có ai chờ trước bạn");
	} else {
		snprintf(ahead, sizeof(ahead), "Có %d người đang chờ trước bạn", t->ahead);
	}
	if (t->ahead > 0 && t->est_wait_s > 0) {
		int min = (t->est_wait_s + 59) / 60;
		snprintf(wait, sizeof(wait), "Thời gian chờ dự kiến: khoảng %d phút", min);
	}
	SDL_Rect ah = { svc.x, svc.y + svc.h + c.h * 1 / 100, svc.w, c.h * 7 / 100 };
	draw_wrapped(k, ahead, c.h * 5 / 100, false, C_INK, ah, 1, UI_ALIGN_CENTER, true);
	SDL_Rect wt = { svc.x, ah.y + ah.h, svc.w, c.h * 6 / 100 };
	draw_wrapped(k, wait, c.h * 4 / 100, false, C_MUTED, wt, 1, UI_ALIGN_CENTER, true);

	/* Bottom: the instruction, with an arrow towards the paper slot below the screen. */
	SDL_Rect take = { c.x + 4 * u, c.y + c.h * 77 / 100, c.w - 8 * u, c.h * 15 / 100 };
	round_rect(k, take, C_OK);
	int arrow = take.h * 22 / 100;
	int tw = take.w - 2 * (3 * arrow);
	draw_wrapped(k, "Vui lòng nhận phiếu", take.h * 50 / 100, true, C_WHITE,
		(SDL_Rect){ take.x + 3 * arrow, take.y, tw, take.h }, 1, UI_ALIGN_CENTER, true);
	triangle_down(k, take.x + arrow * 3 / 2, take.y + take.h / 2 - arrow / 2, arrow, C_WHITE);
	triangle_down(k, take.x + take.w - arrow * 3 / 2, take.y + take.h / 2 - arrow / 2, arrow,
		C_WHITE);

	SDL_Rect hint = { c.x, c.y + c.h * 93 / 100, c.w, c.h * 6 / 100 };
	if (t->print_unconfirmed) {
		/* The number is valid even if its paper did not come out whole. */
		draw_wrapped(k, "Nếu chưa nhận được phiếu, vui lòng báo cán bộ", hint.h * 60 / 100, true,
			C_ERR, hint, 1, UI_ALIGN_CENTER, true);
	} else if (!k->input_lock_until) {
		draw_wrapped(k, "Chạm vào màn hình để quay lại", hint.h * 60 / 100, false, C_MUTED,
			hint, 1, UI_ALIGN_CENTER, true);
	}
}

static void draw_error(struct kiosk *k)
{
	const struct layout *l = &k->layout;
	SDL_Rect c = l->card;
	int u = l->unit;
	card(k, c, C_WHITE);
	ui_trace_rect(k->trace, "card", "error", &c);
	SDL_Rect band = { c.x, c.y, c.w, c.h * 8 / 100 };
	ui_fill_round_rect(k->renderer, &band, l->radius, C_ERR);
	SDL_Rect band_sq = { c.x, band.y + band.h / 2, c.w, band.h - band.h / 2 };
	fill(k, &band_sq, C_ERR);

	/* A round "!" sign. */
	int r = imin(c.h * 12 / 100, c.w * 12 / 100);
	SDL_Rect sign = { c.x + c.w / 2 - r, c.y + c.h * 15 / 100, 2 * r, 2 * r };
	ui_fill_round_rect(k->renderer, &sign, r, C_ERR_LIGHT);
	SDL_Rect ring = inset(sign, r / 6);
	ui_fill_round_rect(k->renderer, &ring, ring.w / 2, C_ERR);
	int ex_px = r * 13 / 10;
	ui_text_draw(k->text, ex_px, true, C_WHITE, "!", sign.x + r,
		sign.y + r - line_h(k, ex_px, true) / 2, UI_ALIGN_CENTER, &sign);

	SDL_Rect title = { c.x + 4 * u, sign.y + sign.h + c.h * 5 / 100, c.w - 8 * u, c.h * 18 / 100 };
	draw_wrapped(k, k->err_title, c.h * 10 / 100, true, C_ERR, title, 2, UI_ALIGN_CENTER, true);
	SDL_Rect detail = { title.x, title.y + title.h + c.h * 2 / 100, title.w, c.h * 16 / 100 };
	draw_wrapped(k, k->err_detail, c.h * 7 / 100, false, C_INK, detail, 2, UI_ALIGN_CENTER,
		true);
	if (!k->input_lock_until) {
		SDL_Rect hint = { c.x, c.y + c.h * 90 / 100, c.w, c.h * 7 / 100 };
		draw_wrapped(k, "Chạm vào màn hình để quay lại", hint.h * 60 / 100, false, C_MUTED,
			hint, 1, UI_ALIGN_CENTER, true);
	}
}

static void draw_pin(struct kiosk *k)
{
	const struct layout *l = &k->layout;
	SDL_Rect all = { 0, 0, l->w, l->h };
	fill(k, &all, C_PAD_BG);
	SDL_Rect d = l->pin_display;
	round_rect(k, d, C_WHITE);

	int64_t left = pin_pad_locked_ms(k->pin_locked_until, clock_mono_ms());
	bool is_locked = left > 0;
	char shown[192] = "";
	if (is_locked) {
		snprintf(shown, sizeof(shown), "Tạm khoá %lld phút do nhập sai",
			(long long)((left + 59999) / 60000));
	} else if (k->pin.len > 0) {
		for (size_t i = 0; i < k->pin.len; i++) {
			strcat(shown, "● ");
		}
	} else if (k->pin_msg[0]) {
		snprintf(shown, sizeof(shown), "%s", k->pin_msg);
	} else {
		snprintf(shown, sizeof(shown), "Nhập mã PIN quản trị");
	}
	bool msg = is_locked || k->pin.len == 0;
	draw_wrapped(k, shown, d.h * (msg ? 32 : 50) / 100, !msg,
		is_locked || (k->pin_msg[0] && k->pin.len == 0 && !k->pin_checking) ? C_ERR : C_INK,
		inset(d, 2 * l->unit), 1, UI_ALIGN_CENTER, true);

	static const char *const labels[LAYOUT_PIN_KEYS] = {
		"1", "2", "3", "4", "5", "6", "7", "8", "9", "⌫", "0", "OK" };
	for (int i = 0; i < LAYOUT_PIN_KEYS; i++) {
		SDL_Rect key = l->pin_key[i];
		SDL_Color c = i == 11 ? C_OK : C_PAD_KEY;
		round_rect(k, key, is_locked ? C_PAD_BG : c);
		int px = key.h * (i == 11 ? 32 : 42) / 100;
		ui_text_draw(k->text, px, true, is_locked ? C_PAD_KEY : C_WHITE, labels[i],
			key.x + key.w / 2, key.y + (key.h - line_h(k, px, true)) / 2, UI_ALIGN_CENTER,
			&key);
		char id[4];
		snprintf(id, sizeof(id), "%d", i);
		ui_trace_rect(k->trace, "pinkey", id, &key);
	}
	SDL_Rect cancel = l->pin_cancel;
	round_rect(k, cancel, C_PAD_KEY);
	int px = cancel.h * 40 / 100;
	ui_text_draw(k->text, px, true, C_WHITE, "Hủy", cancel.x + cancel.w / 2,
		cancel.y + (cancel.h - line_h(k, px, true)) / 2, UI_ALIGN_CENTER, &cancel);
	ui_trace_rect(k->trace, "pincancel", "-", &cancel);
}

static void draw_admin(struct kiosk *k)
{
	const struct layout *l = &k->layout;
	SDL_Rect all = { 0, 0, l->w, l->h };
	fill(k, &all, C_PAD_BG);
	SDL_Rect info = l->admin_info;
	round_rect(k, info, C_WHITE);
	ui_trace_rect(k->trace, "card", "admin", &info);

	enum { N_LINES = 6 };
	char lines[N_LINES][640];
	const struct printer_fault_info *fault = printer_fault_info(printer_status_fault(&k->printer_st));
	snprintf(lines[0], sizeof(lines[0]), "Máy in: %s", k->printer_spec ? k->printer_spec
		: "(chưa cấu hình, dùng --printer)");
	if (!k->printer_known) {
		snprintf(lines[1], sizeof(lines[1]), "Trạng thái: đang kiểm tra...");
	} else {
		snprintf(lines[1], sizeof(lines[1]), "Trạng thái: %s%s%s", fault->citizen_vi,
			*fault->advice_vi ? " — " : "", fault->advice_vi);
	}
	if (k->has_last) {
		snprintf(lines[2], sizeof(lines[2]), "Phiếu cuối: %s – %s%s", k->last.number,
			k->last.service_name, k->last.print_unconfirmed ? " (chưa xác nhận đã in)" : "");
	} else {
		snprintf(lines[2], sizeof(lines[2]), "Phiếu cuối: chưa có");
	}
	snprintf(lines[3], sizeof(lines[3]), "Chưa xác nhận đã in hôm nay: %s",
		*k->unconfirmed ? k->unconfirmed : "không có");
	snprintf(lines[4], sizeof(lines[4]), "Cơ sở dữ liệu: %s", k->db_path);
	snprintf(lines[5], sizeof(lines[5]), "%s", k->admin_msg);

	int pad = 3 * l->unit;
	/* A title and six lines fill the box (line height is ~1.17 px). */
	int px = imin((info.h - 2 * pad) * 10 / 87, l->unit * 9 / 2);
	int title_px = px * 14 / 10;
	int y = info.y + pad;
	text_fit(k, title_px, true, C_HEADER, "Quản trị ki-ốt", info.x + pad, y, info.w - 2 * pad,
		UI_ALIGN_LEFT, &info);
	y += line_h(k, title_px, true) + l->unit;
	for (int i = 0; i < N_LINES; i++) {
		SDL_Color c = (i == 1 && k->printer_known && !k->printer_ok) || (i == 3 && *k->unconfirmed)
			? C_ERR : i == N_LINES - 1 ? C_NORMAL : C_INK;
		text_fit(k, px, i == 1 || i == N_LINES - 1, c, lines[i], info.x + pad, y,
			info.w - 2 * pad, UI_ALIGN_LEFT, &info);
		y += line_h(k, px, false) + l->unit / 2;
	}

	static const char *const labels[LAYOUT_ADMIN_BUTTONS] = {
		"In thử (tự kiểm tra)", "In lại phiếu cuối", "Thoát chương trình", "Quay lại" };
	static const char *const ids[LAYOUT_ADMIN_BUTTONS] = { "selftest", "reprint", "exit",
		"back" };
	SDL_Color colors[LAYOUT_ADMIN_BUTTONS] = { C_NORMAL, C_NORMAL, C_ERR, C_PAD_KEY };
	for (int i = 0; i < LAYOUT_ADMIN_BUTTONS; i++) {
		SDL_Rect b = l->admin_button[i];
		round_rect(k, b, k->admin_busy && i < 2 ? C_FULL : colors[i]);
		ui_trace_rect(k->trace, "admin", ids[i], &b);
		draw_wrapped(k, labels[i], imin(b.h * 24 / 100, l->unit * 6), true, C_WHITE, inset(b, 2 * l->unit), 1,
			UI_ALIGN_CENTER, true);
	}
}

void draw_frame(struct kiosk *k)
{
	SDL_SetRenderDrawColor(k->renderer, C_BG.r, C_BG.g, C_BG.b, 255);
	SDL_RenderClear(k->renderer);
	switch (k->screen) {
	case SCREEN_HOME: draw_home(k); break;
	case SCREEN_BUSY: draw_busy(k); break;
	case SCREEN_TICKET: draw_ticket(k); break;
	case SCREEN_ERROR: draw_error(k); break;
	case SCREEN_PIN: draw_pin(k); break;
	case SCREEN_ADMIN: draw_admin(k); break;
	}
}
