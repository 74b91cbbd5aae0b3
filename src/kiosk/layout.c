/*
 * The kiosk's geometry. Everything is a fraction of the output size or the
 * height of a line of text at a size from the type scale; the decisions
 * that depend on the texts (how many columns, what size the names get,
 * pages) are made here and nowhere else, so drawing only follows them.
 */
#include "layout.h"
#include "words.h"

static int imax(int a, int b)
{
	return a > b ? a : b;
}

static int imin(int a, int b)
{
	return a < b ? a : b;
}

static SDL_Rect rect(int x, int y, int w, int h)
{
	return (SDL_Rect){ x, y, imax(w, 1), imax(h, 1) };
}

int layout_scaled(const struct layout *l, int px_at_1080, int floor_px)
{
	int s = imin(l->w, l->h);
	return imax((px_at_1080 * s + 1079) / 1080, floor_px);
}

static int line_h(const struct layout_measure *m, int px, bool bold)
{
	return m->line_h(m->ud, px, bold);
}

/* Header: commune and desk at the left, clock and date at the right. */
static int layout_header(struct layout *l, const struct layout_measure *m)
{
	l->commune_px = layout_scaled(l, 34, l->min_name_px);
	l->desk_px = layout_scaled(l, 24, l->min_text_px);
	l->clock_px = layout_scaled(l, 44, l->min_name_px);
	l->date_px = layout_scaled(l, 22, l->min_text_px);
	int left = line_h(m, l->commune_px, true) + line_h(m, l->desk_px, false);
	int right = line_h(m, l->clock_px, true) + line_h(m, l->date_px, false);
	l->header = rect(0, 0, l->w, imax(left, right) + 2 * l->unit + l->unit / 2 + 1);
	l->corner = rect(0, 0, imax(l->w / 10, 6 * l->unit), l->header.h);
	return l->header.h;
}

/* Legend at the bottom: the "ƯU TIÊN" pill and who may use it, in up to three lines. */
static void layout_legend(struct layout *l, const struct layout_measure *m, int margin)
{
	l->legend_px = layout_scaled(l, 22, l->min_text_px);
	int pill_w = m->width(m->ud, TXT_PRIO, l->legend_px, true) + 4 * l->pad;
	int text_w = l->w - 2 * margin - pill_w - 3 * l->pad;
	int lines = 0;
	for (int max = 1; max <= 3 && lines == 0; max++) {
		lines = m->wrap(m->ud, TXT_LEGEND, l->legend_px, false, text_w, max);
	}
	int h = imax(imax(lines, 1) * line_h(m, l->legend_px, false),
		line_h(m, l->legend_px, true) * 14 / 10) + l->unit * 3 / 2;
	l->legend = rect(margin, l->h - h - l->unit, l->w - 2 * margin, h);
}

/* Home and group screens: title row, grid, page buttons, legend. */
static void layout_lists(struct layout *l, const struct layout_measure *m)
{
	int u = l->unit, margin = 2 * u;
	int top = layout_header(l, m);
	l->title_px = layout_scaled(l, 36, l->min_name_px);
	int title_h = imax(line_h(m, l->title_px, true) + 2 * u, l->touch) + u;
	l->title = rect(margin, top + u, l->w - 2 * margin, title_h - u);
	int back_w = m->width(m->ud, TXT_BACK, l->title_px, true) + 2 * l->title_px + 2 * l->pad;
	l->back = rect(l->title.x, l->title.y, back_w, l->title.h);
	layout_legend(l, m, margin);
	int grid_top = l->title.y + l->title.h + u;
	int grid_bottom = l->legend.y - u;
	l->grid = rect(margin, grid_top, l->w - 2 * margin, grid_bottom - grid_top);
	l->nav = rect(margin, grid_bottom - l->touch, l->w - 2 * margin, l->touch);
	l->grid_paged = rect(margin, grid_top, l->w - 2 * margin, l->nav.y - u - grid_top);
	int nav_w = imax(m->width(m->ud, TXT_PAGE_PREV, l->title_px, true),
		m->width(m->ud, TXT_PAGE_NEXT, l->title_px, true)) + 2 * l->title_px + 2 * l->pad;
	nav_w = imin(nav_w, l->nav.w * 36 / 100);
	l->page_prev = rect(l->nav.x, l->nav.y, nav_w, l->nav.h);
	l->page_next = rect(l->nav.x + l->nav.w - nav_w, l->nav.y, nav_w, l->nav.h);
}

/*
 * The priority button's width and how many lines "Lấy số ưu tiên" takes
 * in it: one when that keeps the button under 28 % of the tile, else two.
 */
static void prio_width(const struct layout *l, const struct layout_measure *m,
	struct layout_sizes *sz, int cell_w)
{
	int title = m->width(m->ud, TXT_PRIO, sz->prio_px, true);
	int one = m->width(m->ud, TXT_PRIO_SUB, sz->sub_px, false);
	sz->prio_sub_lines = 1;
	int sub = one;
	if (imax(title, one) + 2 * l->pad > cell_w * 28 / 100) {
		/* The narrowest width that still takes two lines. */
		int lo = one / 3, hi = one;
		while (lo < hi) {
			int mid = (lo + hi) / 2;
			if (m->wrap(m->ud, TXT_PRIO_SUB, sz->sub_px, false, mid, 2) > 0) {
				hi = mid;
			} else {
				lo = mid + 1;
			}
		}
		sub = hi;
		sz->prio_sub_lines = 2;
	}
	sz->prio_w = imax(title, sub) + 2 * l->pad;
}

/* The sizes of a list at name px (sub lines and "ƯU TIÊN" follow from it). */
static struct layout_sizes sizes_at(const struct layout *l, const struct layout_measure *m,
	int name_px, int cell_w)
{
	struct layout_sizes sz = { .name_px = name_px };
	sz.sub_px = imin(imax(name_px * 68 / 100, l->min_text_px), name_px - 1);
	sz.prio_px = imin(imax(name_px * 85 / 100, sz.sub_px + 1), name_px);
	sz.sub_h = line_h(m, sz.sub_px, false);
	prio_width(l, m, &sz, cell_w);
	return sz;
}

static int pad_y(const struct layout *l)
{
	return imax(l->unit, 3);
}

/* The parts of one tile in cell c with sizes sz (layout_cell). */
static void place_tile(const struct layout *l, const struct layout_sizes *sz, SDL_Rect c,
	bool group, struct layout_cell *out)
{
	int sub_h = sz->sub_h;
	int py = pad_y(l), gap = imax(l->unit / 2, 2);
	out->cell = c;
	out->group = group;
	if (group) {
		out->normal = c;
		out->priority = (SDL_Rect){ 0, 0, 0, 0 };
	} else {
		int split = imax(l->unit, 2);
		out->normal = rect(c.x, c.y, c.w - sz->prio_w - split, c.h);
		out->priority = rect(c.x + c.w - sz->prio_w, c.y, sz->prio_w, c.h);
	}
	/* A group's tile keeps room at the right for its arrow. */
	int arrow = group ? sz->name_px + l->pad : 0;
	SDL_Rect n = out->normal;
	out->name = rect(n.x + l->pad, n.y + py, n.w - 2 * l->pad - arrow, n.h - 2 * py - gap - sub_h);
	out->sub = rect(out->name.x, out->name.y + out->name.h + gap, out->name.w, sub_h);
}

/* True when tile t fits a cell_w x cell_h cell at sizes sz. */
static bool tile_fits(const struct layout *l, const struct layout_measure *m,
	const struct layout_sizes *sz, const struct layout_tile *t, int cell_w, int cell_h)
{
	struct layout_cell c;
	int sub_h = sz->sub_h;
	place_tile(l, sz, rect(0, 0, cell_w, cell_h), t->group, &c);
	if (!t->group) {
		if (c.normal.w < cell_w * 55 / 100) {
			return false;
		}
		int prio_h = line_h(m, sz->prio_px, true) + sz->prio_sub_lines * sub_h;
		if (prio_h + 2 * pad_y(l) > cell_h) {
			return false;
		}
	}
	if (m->width(m->ud, t->sub, sz->sub_px, false) > c.sub.w) {
		return false;
	}
	int lines = m->wrap(m->ud, t->name, sz->name_px, true, c.name.w, LAYOUT_NAME_LINES);
	return lines > 0 && lines * line_h(m, sz->name_px, true) <= c.name.h;
}

struct arrangement {
	int cols, rows;
	int cell_w, cell_h;
};

static struct arrangement arrange(const struct layout *l, SDL_Rect grid, int cols, int rows)
{
	int gap = imax(l->unit * 3 / 2, 2);
	struct arrangement a = { cols, rows, (grid.w - (cols - 1) * gap) / cols,
		(grid.h - (rows - 1) * gap) / rows };
	/* A few fields must not become giant slabs. */
	a.cell_h = imin(a.cell_h, l->h * (l->portrait ? 16 : 28) / 100);
	return a;
}

static bool all_fit(const struct layout *l, const struct layout_measure *m,
	const struct layout_tile *tiles, size_t n, const struct arrangement *a, int px,
	struct layout_sizes *sz)
{
	*sz = sizes_at(l, m, px, a->cell_w);
	for (size_t i = 0; i < n; i++) {
		if (!tile_fits(l, m, sz, &tiles[i], a->cell_w, a->cell_h)) {
			return false;
		}
	}
	return true;
}

/*
 * The largest name px (from min_name_px up, in steps of about 8 %) at
 * which every tile fits arrangement a; 0 when not even the floor does.
 */
static int best_px(const struct layout *l, const struct layout_measure *m,
	const struct layout_tile *tiles, size_t n, const struct arrangement *a,
	struct layout_sizes *sz)
{
	int ladder[32], steps = 0;
	int top = layout_scaled(l, 54, l->min_name_px);
	for (int px = l->min_name_px; px <= top && steps < 32; px = imax(px + 1, px * 108 / 100)) {
		ladder[steps++] = px;
	}
	if (!all_fit(l, m, tiles, n, a, ladder[0], sz)) {
		return 0;
	}
	/* Fits at ladder[lo]; find the last step that fits (fitting shrinks as px grows). */
	int lo = 0, hi = steps - 1;
	while (lo < hi) {
		int mid = (lo + hi + 1) / 2;
		struct layout_sizes s;
		if (all_fit(l, m, tiles, n, a, ladder[mid], &s)) {
			lo = mid;
		} else {
			hi = mid - 1;
		}
	}
	all_fit(l, m, tiles, n, a, ladder[lo], sz);
	return ladder[lo];
}

bool layout_plan_tiles(const struct layout *l, const struct layout_measure *m,
	const struct layout_tile *tiles, size_t n, struct layout_plan *out)
{
	*out = (struct layout_plan){ .n = n, .cols = 1, .rows = 1, .per_page = 1, .pages = n };
	if (n == 0) {
		out->pages = 0;
		return true;
	}
	int max_cols = l->portrait ? 2 : 4;
	int best = 0;
	/* One page: the columns that give the largest names (fewer columns on a tie). */
	for (int cols = 1; cols <= max_cols && (size_t)cols <= n; cols++) {
		int rows = (int)((n + (size_t)cols - 1) / (size_t)cols);
		struct arrangement a = arrange(l, l->grid, cols, rows);
		struct layout_sizes sz;
		int px = best_px(l, m, tiles, n, &a, &sz);
		if (px > best) {
			best = px;
			*out = (struct layout_plan){ n, cols, rows, (size_t)(cols * rows), 1, true, sz };
		}
	}
	if (best > 0) {
		return true;
	}
	/* Pages: the most tiles a page holds at the floor size (larger names on a tie). */
	size_t most = 0;
	for (int cols = 1; cols <= max_cols; cols++) {
		for (int rows = (int)((n + (size_t)cols - 1) / (size_t)cols); rows >= 1; rows--) {
			size_t per = (size_t)(cols * rows);
			if (per > LAYOUT_MAX_TILES || per < most) {
				continue;
			}
			struct arrangement a = arrange(l, l->grid_paged, cols, rows);
			struct layout_sizes sz;
			int px = best_px(l, m, tiles, n, &a, &sz);
			if (px > 0 && (per > most || px > out->sz.name_px)) {
				most = per;
				*out = (struct layout_plan){ n, cols, rows, per, (n + per - 1) / per, true, sz };
			}
			if (px > 0) {
				break;  /* fewer rows only hold fewer tiles */
			}
		}
	}
	if (most == 0) {
		/* Not one tile fits at the floor (a tiny output): one a page, at the floor. */
		struct arrangement a = arrange(l, l->grid_paged, 1, 1);
		out->sz = sizes_at(l, m, l->min_name_px, a.cell_w);
		out->fits = false;
	}
	return false;
}

void layout_show(struct layout *l, const struct layout_plan *plan, const bool *group,
	size_t page)
{
	l->plan = *plan;
	l->n_cells = 0;
	if (plan->n == 0) {
		l->page = 0;
		return;
	}
	l->page = page < plan->pages ? page : plan->pages - 1;
	SDL_Rect grid = plan->pages > 1 ? l->grid_paged : l->grid;
	struct arrangement a = arrange(l, grid, plan->cols, plan->rows);
	size_t first = l->page * plan->per_page;
	size_t n = plan->n - first < plan->per_page ? plan->n - first : plan->per_page;
	int gap = imax(l->unit * 3 / 2, 2);
	int rows = (int)((n + (size_t)plan->cols - 1) / (size_t)plan->cols);
	int used_h = rows * a.cell_h + (rows - 1) * gap;
	int y0 = grid.y + (grid.h - used_h) / 2;
	for (size_t i = 0; i < n; i++) {
		int col = (int)(i % (size_t)plan->cols), row = (int)(i / (size_t)plan->cols);
		/* An incomplete last row is centred. */
		int in_row = row == rows - 1 ? (int)(n - (size_t)row * (size_t)plan->cols) : plan->cols;
		int x0 = grid.x + (plan->cols - in_row) * (a.cell_w + gap) / 2;
		SDL_Rect c = rect(x0 + col * (a.cell_w + gap), y0 + row * (a.cell_h + gap), a.cell_w,
			a.cell_h);
		place_tile(l, &plan->sz, c, group[first + i], &l->cells[i]);
	}
	l->n_cells = n;
}

static void layout_pin(struct layout *l)
{
	int w = l->w, h = l->h;
	/* Rows: display 0.8, four key rows, cancel 0.6, and gaps. */
	int k = imin(w * 80 / 100 / 3, (int)(h * 0.86 / 6.2));
	int g = imax(k / 10, 2);
	int pad_w = 3 * k + 2 * g;
	int total_h = (int)(k * 0.8) + 4 * k + (int)(k * 0.6) + 5 * g;
	int x0 = (w - pad_w) / 2, y = (h - total_h) / 2;

	l->pin_display = rect(x0, y, pad_w, (int)(k * 0.8));
	y += l->pin_display.h + g;
	for (int i = 0; i < LAYOUT_PIN_KEYS; i++) {
		l->pin_key[i] = rect(x0 + (i % 3) * (k + g), y + (i / 3) * (k + g), k, k);
	}
	y += 4 * (k + g);
	l->pin_cancel = rect(x0, y, pad_w, (int)(k * 0.6));
}

/*
 * Admin screen: the information card (a title and lines that may wrap),
 * the last action's result under it, four buttons; and the exit dialog.
 */
static void layout_admin(struct layout *l, const struct layout_measure *m)
{
	int w = l->w, h = l->h, u = l->unit;
	int margin = 3 * u, g = 2 * u;
	l->admin_px = layout_scaled(l, 26, l->min_text_px);
	int lh = line_h(m, l->admin_px, false);
	int bh = imax(l->touch, line_h(m, l->admin_px, true) * 2);
	int buttons_h = l->portrait ? 4 * bh + 3 * g : 2 * bh + g;
	int top = margin;
	int msg_h = 2 * lh + u;
	int info_h = h - 2 * margin - buttons_h - msg_h - 2 * g;
	l->admin_info = rect(margin, top, w - 2 * margin, info_h);
	l->admin_msg = rect(margin + 2 * u, top + info_h + g, w - 2 * margin - 4 * u, msg_h);
	top = l->admin_msg.y + l->admin_msg.h + g;
	for (int i = 0; i < LAYOUT_ADMIN_BUTTONS; i++) {
		if (l->portrait) {
			l->admin_button[i] = rect(margin, top + i * (bh + g), w - 2 * margin, bh);
		} else {
			int bw = (w - 2 * margin - g) / 2;
			l->admin_button[i] = rect(margin + (i % 2) * (bw + g), top + (i / 2) * (bh + g),
				bw, bh);
		}
	}
	/* The exit dialog: a question, what it means, and two buttons. */
	int cw = w * (l->portrait ? 88 : 64) / 100;
	int text_h = line_h(m, layout_scaled(l, 36, l->min_name_px), true) + 3 * lh + 2 * u;
	int ch = text_h + bh + 4 * u;
	l->confirm = rect((w - cw) / 2, (h - ch) / 2, cw, ch);
	l->confirm_text = rect(l->confirm.x + 2 * u, l->confirm.y + u, cw - 4 * u, text_h);
	int yb = l->confirm_text.y + text_h + u;
	int bw = (cw - 6 * u) / 2;
	l->confirm_no = rect(l->confirm.x + 2 * u, yb, bw, bh);
	l->confirm_yes = rect(l->confirm.x + cw - 2 * u - bw, yb, bw, bh);
}

void layout_compute(struct layout *l, int w, int h, const struct layout_measure *m)
{
	*l = (struct layout){ 0 };
	l->w = imax(w, 100);
	l->h = imax(h, 100);
	l->portrait = l->h > l->w;
	l->unit = imax(imin(l->w, l->h) / 100, 1);
	l->radius = l->unit * 2;
	l->pad = imax(2 * l->unit, 4);
	l->min_name_px = layout_scaled(l, 28, 18);
	l->min_text_px = layout_scaled(l, 20, 14);
	l->touch = imax(10 * l->unit, 36);
	layout_lists(l, m);
	int cw = l->w * (l->portrait ? 90 : 76) / 100;
	int ch = l->h * (l->portrait ? 68 : 86) / 100;
	l->card = rect((l->w - cw) / 2, (l->h - ch) / 2, cw, ch);
	layout_pin(l);
	layout_admin(l, m);
}

int layout_hit(const SDL_Rect *rects, size_t n, int x, int y)
{
	SDL_Point p = { x, y };
	for (size_t i = 0; i < n; i++) {
		if (SDL_PointInRect(&p, &rects[i])) {
			return (int)i;
		}
	}
	return -1;
}

int layout_hit_cell(const struct layout *l, bool priority, int x, int y)
{
	SDL_Point p = { x, y };
	for (size_t i = 0; i < l->n_cells; i++) {
		const struct layout_cell *c = &l->cells[i];
		if (SDL_PointInRect(&p, priority ? &c->priority : &c->normal)) {
			return (int)i;
		}
	}
	return -1;
}
