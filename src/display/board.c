/*
 * The counter board (board.h). The sizes of a tile's parts are known in
 * advance (board_measure: names wrapped at the tile text size, the widest
 * serving number), so fitting a grid into an area is arithmetic: for each
 * form and column count, the largest number size the tile allows, or how
 * many rows fit at the smallest one.
 *
 *   row:   [12] Chứng thực –          1024
 *          Hộ tịch                            <- name lines, then status or field
 *          Tạm dừng: Họp
 *   card:  [12] Chứng thực – Hộ tịch
 *                 1024
 *          Hộ tịch
 *   compact card: [12] Tạm dừng        (the name while open)
 *                 1024
 */
#define LOG_MODULE "board"
#include "board.h"

#include <stdio.h>
#include <string.h>

#include "motcua/store/services.h"

#define MAX_COLS 8
#define STATUS_PAUSED "Tạm dừng"
#define STATUS_CLOSED "Đã đóng"

/* The counter's pill text, and its name beside it ("" when the pill says it all). */
static void counter_label(const struct counter *c, char *pill, size_t pill_size,
	const char **name)
{
	char plain[32];
	snprintf(plain, sizeof(plain), "Quầy %d", c->number);
	if (!c->name[0] || strcmp(c->name, plain) == 0) {
		snprintf(pill, pill_size, "%s", plain);
		*name = "";
	} else {
		snprintf(pill, pill_size, "%d", c->number);
		*name = c->name;
	}
}

static int pill_width(const struct paint *p, int s, const char *pill)
{
	return paint_width(p, s, true, pill) + s * 2 / 3;
}

/* The widest number a counter may show: each field's format, with 8s for digits. */
static int widest_number(const struct paint *p, const struct snapshot *s, int px)
{
	int w = paint_width(p, px, true, "8888");
	for (size_t i = 0; i < s->n_services; i++) {
		const struct service *sv = &s->services[i].service;
		char sample[32];
		service_format_number(sv, sv->range_end, sample, sizeof(sample));
		for (char *c = sample; *c; c++) {
			*c = *c >= '0' && *c <= '9' ? '8' : *c;
		}
		int sw = paint_width(p, px, true, sample);
		w = sw > w ? sw : w;
	}
	return w;
}

void board_measure(const struct paint *p, const struct snapshot *s, int text_px, int pad,
	int gap, int num_min, int num_cap, struct board_needs *out)
{
	struct board_needs *bn = out;
	memset(bn, 0, sizeof(*bn));
	bn->n = (int)s->n_counters;
	bn->s = text_px;
	bn->pad = pad;
	bn->gap = gap;
	bn->line_s = paint_line_h(p, text_px, true);
	int w1 = paint_width(p, text_px, true, STATUS_PAUSED);
	int w2 = paint_width(p, text_px, true, STATUS_CLOSED);
	bn->status_w = w1 > w2 ? w1 : w2;
	for (size_t i = 0; i < s->n_counters; i++) {
		char pill[48];
		const char *name;
		counter_label(&s->counters[i].counter, pill, sizeof(pill), &name);
		int pw = pill_width(p, text_px, pill);
		bn->pill_w = pw > bn->pill_w ? pw : bn->pill_w;
		snprintf(pill, sizeof(pill), "%d", s->counters[i].counter.number);
		int nw = pill_width(p, text_px, pill);
		bn->number_pill_w = nw > bn->number_pill_w ? nw : bn->number_pill_w;
		for (int k = 0; k < 3; k++) {
			int need = pw + (name[0] ? pad + paint_min_width(p, text_px, true, name, k + 1) : 0);
			bn->name_w[k] = need > bn->name_w[k] ? need : bn->name_w[k];
		}
		int cut = pw;
		if (name[0]) {
			char first[UI_WRAP_LINE_MAX];
			snprintf(first, sizeof(first), "%.*s…", (int)strcspn(name, " "), name);
			cut += pad + paint_width(p, text_px, true, strchr(name, ' ') ? first : name);
		}
		bn->name_cut_w = cut > bn->name_cut_w ? cut : bn->name_cut_w;
	}
	bn->num_w100 = widest_number(p, s, 100);
	bn->num_line100 = paint_line_h(p, 100, true);
	bn->num_min = num_min;
	bn->num_cap = num_cap;
}

static int num_width(const struct board_needs *bn, int px)
{
	return (bn->num_w100 * px + 99) / 100 + 2;
}

static int num_line(const struct board_needs *bn, int px)
{
	return (bn->num_line100 * px + 99) / 100;
}

/* Largest px whose number is at most w wide. */
static int px_for_width(const struct board_needs *bn, int w)
{
	return w > 2 ? (w - 2) * 100 / bn->num_w100 : 0;
}

/*
 * The largest number size a w x h tile of form allows, and the name lines
 * it keeps (with cut, names get one line, cut after a word when longer);
 * 0 when it is under num_min (or the tile cannot hold its texts).
 */
static int tile_number_px(const struct board_needs *bn, enum board_form form, int w, int h,
	bool cut, bool compact, int *name_lines)
{
	int p = bn->pad, best = 0;
	/* Compact: the status beside the pill instead of a line of its own. */
	int status_w = compact ? bn->number_pill_w + p + bn->status_w : bn->status_w;
	int status_lines = compact ? 0 : 1;
	for (int k = 1; k <= (cut ? 1 : form == BOARD_ROW ? 2 : 3); k++) {
		int px;
		int name_w = cut ? bn->name_cut_w : bn->name_w[k - 1];
		if (form == BOARD_ROW) {
			/* Name and status lines at the left, the number at the right. */
			if ((k + status_lines) * bn->line_s > h - 2 * p) {
				break;
			}
			int info = name_w > status_w ? name_w : status_w;
			int num_area = w - 3 * p - info;
			if (num_area < bn->status_w) {
				continue;
			}
			px = px_for_width(bn, num_area);
			int by_h = (h - 2 * p) * 100 / bn->num_line100;
			px = by_h < px ? by_h : px;
		} else {
			int inner = w - 2 * p;
			if (inner < name_w || inner < status_w) {
				continue;
			}
			px = px_for_width(bn, inner);
			int by_h = (h - 3 * p - (k + status_lines) * bn->line_s) * 100 / bn->num_line100;
			px = by_h < px ? by_h : px;
		}
		px = px > bn->num_cap ? bn->num_cap : px;
		if (px > best) {
			best = px;
			*name_lines = k;
		}
	}
	return best >= bn->num_min ? best : 0;
}

static int div_up(int a, int b)
{
	return (a + b - 1) / b;
}

/* Tile size for cols x rows in a w x h grid. */
static void tile_size(const struct board_needs *bn, int w, int h, int cols, int rows,
	int *tw, int *th)
{
	*tw = (w - (cols - 1) * bn->gap) / cols;
	*th = (h - (rows - 1) * bn->gap) / rows;
}

/* The best plan with names whole, or cut (board_fit). */
static bool fit(const struct board_needs *bn, SDL_Rect area, bool cut, struct board_plan *out)
{
	struct board_plan best = { 0 };
	bool found = false;
	int caption_h = bn->line_s + bn->pad;
	for (int f = 0; f < 4; f++) {
		enum board_form form = f % 2 == 0 ? BOARD_ROW : BOARD_CARD;
		bool compact = f >= 2;
		for (int cols = 1; cols <= MAX_COLS && cols <= bn->n; cols++) {
			struct board_plan c = { .area = area, .form = form, .cols = cols, .names_cut = cut,
				.compact = compact };
			int tw, th, lines = 1;
			/* Everything on one page? */
			c.rows = div_up(bn->n, cols);
			tile_size(bn, area.w, area.h, cols, c.rows, &tw, &th);
			int px = tile_number_px(bn, form, tw, th, cut, compact, &lines);
			if (px > 0) {
				c.per_page = bn->n;
				c.pages = 1;
				c.grid = area;
			} else {
				/* Pages: as many rows as fit under the caption at the smallest size. */
				int grid_h = area.h - caption_h;
				for (int rows = c.rows - 1; rows >= 1 && px == 0; rows--) {
					tile_size(bn, area.w, grid_h, cols, rows, &tw, &th);
					if (tile_number_px(bn, form, tw, th, cut, compact, &lines) > 0) {
						c.pages = div_up(bn->n, cols * rows);
						/* Spread the counters evenly and let the tiles grow. */
						c.per_page = div_up(bn->n, c.pages);
						c.rows = div_up(c.per_page, cols);
						tile_size(bn, area.w, grid_h, cols, c.rows, &tw, &th);
						px = tile_number_px(bn, form, tw, th, cut, compact, &lines);
					}
				}
				if (px == 0) {
					continue;
				}
				c.caption_h = caption_h;
				c.grid = paint_rect(area.x, area.y + caption_h, area.w, grid_h);
			}
			c.tile_w = tw;
			c.tile_h = th;
			c.num_px = px;
			c.name_lines = lines;
			/* Fewest pages first, then a line for the field, then the largest numbers. */
			if (!found || c.pages < best.pages || (c.pages == best.pages
					&& (c.compact < best.compact || (c.compact == best.compact
					&& c.num_px > best.num_px)))) {
				best = c;
				found = true;
			}
		}
	}
	*out = best;
	return found;
}

bool board_fit(const struct board_needs *bn, SDL_Rect area, struct board_plan *out)
{
	if (bn->n == 0) {
		*out = (struct board_plan){ .area = area, .grid = area, .cols = 1, .rows = 1, .pages = 1 };
		return true;
	}
	/*
	 * Whole names, unless cutting the long ones saves a page or makes the
	 * numbers a quarter larger (names of three lines over small numbers).
	 */
	struct board_plan cut;
	bool whole = fit(bn, area, false, out);
	if (fit(bn, area, true, &cut) && (!whole || cut.pages < out->pages
			|| (cut.pages == out->pages && cut.num_px * 4 >= out->num_px * 5))) {
		*out = cut;
		return true;
	}
	return whole;
}

/* The status under the name: "Tạm dừng", with the reason when it fits. */
static void draw_status(const struct paint *p, const struct board_needs *bn,
	const struct snapshot_counter *sc, SDL_Rect box, bool number_says_it)
{
	const struct counter *c = &sc->counter;
	char buf[192];
	if (c->state == COUNTER_PAUSED) {
		const char *reason = c->pause_reason;
		if (number_says_it) {
			/* "Tạm dừng" is in the number's place: the reason alone. */
			paint_wrapped(p, bn->s, false, PAINT_PAUSED_TEXT, reason, box, UI_ALIGN_LEFT,
				false, true);
			return;
		}
		snprintf(buf, sizeof(buf), "%s: %s", STATUS_PAUSED, reason);
		if (!reason[0] || paint_wrap_count(p, bn->s, true, buf, box.w, box.h / bn->line_s) == 0) {
			snprintf(buf, sizeof(buf), "%s", STATUS_PAUSED);
		}
		paint_wrapped(p, bn->s, true, PAINT_PAUSED_TEXT, buf, box, UI_ALIGN_LEFT, false, true);
	} else if (c->state == COUNTER_CLOSED) {
		if (!number_says_it) {
			paint_wrapped(p, bn->s, true, PAINT_PAUSED_TEXT, STATUS_CLOSED, box, UI_ALIGN_LEFT,
				false, true);
		}
	} else if (sc->has_ticket) {
		paint_wrapped(p, bn->s, false, PAINT_TEXT, sc->ticket.service_name, box, UI_ALIGN_LEFT,
			false, true);
	} else {
		paint_wrapped(p, bn->s, false, PAINT_MUTED, sc->service_names, box, UI_ALIGN_LEFT, false,
			true);
	}
}

/* The number served, or "—" / "Tạm dừng" / "Đã đóng" in its place. */
static bool draw_number(const struct paint *p, const struct board_needs *bn, int num_px,
	const struct snapshot_counter *sc, SDL_Rect box)
{
	const struct counter *c = &sc->counter;
	bool off = c->state != COUNTER_OPEN;
	if (sc->has_ticket || !off) {
		const char *num = sc->has_ticket ? sc->ticket.number : "—";
		/* Sized for the widest number of the desk; a stranger one may need less. */
		int px = ui_text_fit(p->t, num_px, bn->s, true, num, box.w - bn->pad);
		paint_text(p, px, true, sc->has_ticket ? PAINT_ACCENT : PAINT_MUTED, num,
			box.x + box.w / 2, box.y + box.h / 2, UI_ALIGN_CENTER, &box);
		return false;
	}
	const char *word = c->state == COUNTER_PAUSED ? STATUS_PAUSED : STATUS_CLOSED;
	int px = ui_text_fit(p->t, num_px * 3 / 4 > bn->s ? num_px * 3 / 4 : bn->s, bn->s, true, word,
		box.w - bn->pad);
	paint_text(p, px, true, PAINT_PAUSED_TEXT, word, box.x + box.w / 2, box.y + box.h / 2,
		UI_ALIGN_CENTER, &box);
	return true;
}

/*
 * The pill and the name, lines of line_s from the top of box; with status,
 * the status in the name's place.
 */
static void draw_name(const struct paint *p, const struct board_needs *bn,
	const struct counter *c, SDL_Rect box, const char *status)
{
	char pill[48];
	const char *name;
	bool off = c->state != COUNTER_OPEN;
	counter_label(c, pill, sizeof(pill), &name);
	if (status) {
		snprintf(pill, sizeof(pill), "%d", c->number);  /* "[3] Tạm dừng" */
	}
	SDL_Rect r = paint_rect(box.x, box.y, pill_width(p, bn->s, pill), bn->line_s);
	ui_fill_round_rect(p->r, &r, r.h / 4, off ? PAINT_BADGE_OFF : PAINT_BADGE);
	paint_text(p, bn->s, true, off ? PAINT_DARK : PAINT_TEXT, pill, r.x + r.w / 2,
		r.y + r.h / 2, UI_ALIGN_CENTER, &r);
	SDL_Rect nb = paint_rect(r.x + r.w + bn->pad, box.y, box.w - r.w - bn->pad, box.h);
	if (status) {
		paint_wrapped(p, bn->s, true, PAINT_PAUSED_TEXT, status, nb, UI_ALIGN_LEFT, false, true);
	} else if (name[0]) {
		paint_wrapped(p, bn->s, true, PAINT_TEXT, name, nb, UI_ALIGN_LEFT, false, true);
	}
}

static void draw_tile(const struct paint *outside, const struct board_needs *bn,
	const struct board_plan *plan, const struct snapshot_counter *sc, SDL_Rect b)
{
	struct paint in_tile = *outside;
	in_tile.outer = &b;  /* texts stay inside the tile */
	const struct paint *p = &in_tile;
	const struct counter *c = &sc->counter;
	int pad = bn->pad;
	char id[16];
	snprintf(id, sizeof(id), "%d", c->number);
	ui_fill_round_rect(p->r, &b, pad, c->state == COUNTER_OPEN ? PAINT_ROW : PAINT_ROW_PAUSED);
	ui_trace_rect(p->trace, "counter", id, &b);

	int name_h = plan->name_lines * bn->line_s;
	SDL_Rect name, number, status;
	if (plan->form == BOARD_ROW) {
		int num_w = num_width(bn, plan->num_px);
		num_w = num_w > bn->status_w ? num_w : bn->status_w;
		int info_w = b.w - 3 * pad - num_w;
		/* Name and status as one block, centred in the tile's height. */
		int lines = (b.h - 2 * pad) / bn->line_s;
		int status_lines = plan->compact ? 0 : lines - plan->name_lines;
		status_lines = status_lines > 2 ? 2 : status_lines;
		int top = b.y + (b.h - (plan->name_lines + status_lines) * bn->line_s) / 2;
		name = paint_rect(b.x + pad, top, info_w, name_h);
		status = paint_rect(b.x + pad, top + name_h, info_w, status_lines * bn->line_s);
		number = paint_rect(b.x + b.w - pad - num_w, b.y, num_w, b.h);
	} else {
		/* Name at the top, status at the bottom, the number centred between. */
		int inner = b.w - 2 * pad;
		int num_h = num_line(bn, plan->num_px);
		name = paint_rect(b.x + pad, b.y + pad, inner, name_h);
		int below = b.y + b.h - pad - (name.y + name_h + pad / 2);
		int status_lines = plan->compact ? 0 : (below - num_h - pad / 2) / bn->line_s;
		status_lines = status_lines > 2 ? 2 : status_lines;
		int status_h = status_lines * bn->line_s;
		status = paint_rect(b.x + pad, b.y + b.h - pad - status_h, inner, status_h);
		int room = status.y - (status_h > 0 ? pad / 2 : 0) - (name.y + name_h + pad / 2);
		number = paint_rect(b.x + pad, name.y + name_h + pad / 2 + (room - num_h) / 2, inner,
			num_h);
	}
	ui_trace_rect(p->trace, "serving", id, &number);
	bool said = draw_number(p, bn, plan->num_px, sc, number);
	const char *inline_status = NULL;
	if (plan->compact && !said && c->state != COUNTER_OPEN) {
		inline_status = c->state == COUNTER_PAUSED ? STATUS_PAUSED : STATUS_CLOSED;
	}
	draw_name(p, bn, c, name, inline_status);
	if (!plan->compact) {
		draw_status(p, bn, sc, status, said);
	}
}

static void draw_caption(const struct paint *p, const struct board_needs *bn,
	const struct board_plan *plan, const struct snapshot *s, int page, int first, int last)
{
	char left[64], right[32];
	SDL_Rect cap = paint_rect(plan->area.x, plan->area.y, plan->area.w,
		plan->caption_h - bn->pad);
	snprintf(left, sizeof(left), "Quầy %d–%d (tổng %zu quầy)", s->counters[first].counter.number,
		s->counters[last].counter.number, s->n_counters);
	snprintf(right, sizeof(right), "Trang %d/%d", page + 1, plan->pages);
	int cy = cap.y + cap.h / 2;
	int rw = paint_text(p, bn->s, true, PAINT_TEXT, right, cap.x + cap.w - bn->pad, cy,
		UI_ALIGN_RIGHT, &cap);
	SDL_Rect lb = paint_rect(cap.x + bn->pad, cap.y, cap.w - rw - 3 * bn->pad, cap.h);
	if (paint_width(p, bn->s, true, left) <= lb.w) {
		paint_text(p, bn->s, true, PAINT_MUTED, left, lb.x, cy, UI_ALIGN_LEFT, &lb);
	}
	ui_trace_rect(p->trace, "page", right + strlen("Trang "), &cap);
	ui_trace_frame_tag(p->trace, "page", right + strlen("Trang "));
}

void board_draw(const struct paint *p, const struct board_needs *bn,
	const struct board_plan *plan, const struct snapshot *s, int page)
{
	if (s->n_counters == 0 || plan->per_page == 0) {
		return;
	}
	page = page % plan->pages;
	int first = page * plan->per_page;
	int last = first + plan->per_page - 1;
	last = last >= (int)s->n_counters ? (int)s->n_counters - 1 : last;
	if (plan->pages > 1) {
		draw_caption(p, bn, plan, s, page, first, last);
	}
	for (int i = first; i <= last; i++) {
		int k = i - first;
		/* Down the columns, so counters read in order like a list. */
		int col = k / plan->rows, row = k % plan->rows;
		SDL_Rect t = paint_rect(plan->grid.x + col * (plan->tile_w + bn->gap),
			plan->grid.y + row * (plan->tile_h + bn->gap), plan->tile_w, plan->tile_h);
		draw_tile(p, bn, plan, &s->counters[i], t);
	}
}
