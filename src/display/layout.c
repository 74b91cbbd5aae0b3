/*
 * The screen's layout (layout.h): a small search. Text sizes are fixed by
 * the screen (metrics), what the desk's texts need is measured once
 * (board_measure, panels_waiting_measure), and each arrangement is then a
 * matter of arithmetic: board_fit says how many pages a board area needs
 * and how large its numbers can be, panels_waiting_height how tall the
 * counts panel is.
 */
#define LOG_MODULE "layout"
#include "layout.h"

#include <string.h>

#include "motcua/base/log.h"

/* Widths of the landscape right-hand column tried, in % of the body. */
static const int right_pcts[] = { 30, 34, 38, 42 };
#define MAX_WAIT_COLS 3

static uint64_t hash_bytes(uint64_t h, const void *data, size_t n)
{
	const unsigned char *b = data;
	for (size_t i = 0; i < n; i++) {
		h = (h ^ b[i]) * 1099511628211ull;
	}
	return h;
}

static uint64_t hash_int(uint64_t h, int v)
{
	return hash_bytes(h, &v, sizeof(v));
}

static uint64_t hash_str(uint64_t h, const char *s)
{
	return hash_bytes(h, s, strlen(s) + 1);
}

/* What the layout depends on: the size, the counters' names, the fields. */
static uint64_t layout_key(int w, int h, const struct snapshot *s)
{
	uint64_t k = hash_int(hash_int(14695981039346656037ull, w), h);
	k = hash_int(k, (int)s->n_counters);
	for (size_t i = 0; i < s->n_counters; i++) {
		k = hash_str(hash_int(k, s->counters[i].counter.number), s->counters[i].counter.name);
	}
	k = hash_int(k, (int)s->n_services);
	for (size_t i = 0; i < s->n_services; i++) {
		const struct service *sv = &s->services[i].service;
		k = hash_str(hash_str(hash_str(k, sv->code), sv->name), sv->prefix);
		k = hash_int(k, sv->range_end);
	}
	return k ? k : 1;
}

/*
 * The smallest bold size whose digits are at least 40 px tall per 1080
 * lines of the screen, measured on flat-topped digits (round ones overshoot).
 */
static int number_floor(const struct paint *p, int h)
{
	int want = (40 * h + 1079) / 1080;
	SDL_Rect ink;
	if (!ui_text_ink(p->t, 100, true, "147", &ink) || ink.h <= 0) {
		return want * 140 / 100;
	}
	int px = (want * 100 + ink.h - 1) / ink.h;
	for (int i = 0; i < 8 && ui_text_ink(p->t, px, true, "147", &ink) && ink.h < want; i++) {
		px++;
	}
	return px;
}

static void metrics_init(struct metrics *m, const struct paint *p, int w, int h)
{
	int shorter = w < h ? w : h;
	m->w = w;
	m->h = h;
	m->s = (30 * shorter + 540) / 1080;
	m->s_min = (28 * shorter + 540) / 1080;
	m->s = m->s < 10 ? 10 : m->s;
	m->s_min = m->s_min < 10 ? 10 : m->s_min;
	m->pad = m->s * 3 / 10;
	m->gap = m->s / 2;
	m->num_min = number_floor(p, h);
}

/* One arrangement tried. */
struct candidate {
	bool ok;
	int rank;                 /* preference among equals: lower is better */
	SDL_Rect board_area, side;
	int latest_h, recent_h;   /* landscape: the column's panels (recent_h 0: none) */
	struct board_plan board;
	struct waiting_plan wait;
	int wait_h;
};

static bool better(const struct candidate *a, const struct candidate *b)
{
	if (!b->ok) {
		return a->ok;
	}
	if (!a->ok) {
		return false;
	}
	if (a->board.pages != b->board.pages) {
		return a->board.pages < b->board.pages;
	}
	if (a->rank != b->rank) {
		return a->rank < b->rank;
	}
	return a->board.num_px > b->board.num_px;
}

/* The waiting plans: each text size in one to three columns. */
static struct waiting_plan wait_plan(int i, bool cut)
{
	return (struct waiting_plan){ .size = i / MAX_WAIT_COLS, .cols = i % MAX_WAIT_COLS + 1,
		.cut = cut };
}
#define WAIT_PLANS (WAITING_SIZES * MAX_WAIT_COLS)

/*
 * Height of a waiting plan at width w (-1: it does not fit), and its rank:
 * larger text and fewer broken names are better (lower).
 */
static int wait_try(const struct layout *l, const struct paint *p, int w,
	const struct waiting_plan *plan, int *rank)
{
	int lines = 0;
	int h = panels_waiting_height(p, &l->m, &l->wait_needs, w, plan, &lines);
	int n = (int)l->wait_needs.n;
	*rank = -(l->wait_needs.px[plan->size] * 100 * (n > 0 ? n : 1) / (lines > 0 ? lines : 1));
	return h;
}

/*
 * The landscape column under the latest call: the last calls where there is
 * room, then the waiting counts (wait_h). The latest call takes what is left,
 * up to 45 % of the column.
 */
static void split_column(const struct paint *p, const struct metrics *m, int column_h,
	int latest_min, int wait_h, int *latest_h, int *recent_h)
{
	int spare = column_h - latest_min - m->gap - wait_h;
	*recent_h = 0;
	if (spare >= panels_recent_min(p, m) + m->gap) {
		*recent_h = panels_recent_max(p, m);
		*recent_h = *recent_h > spare - m->gap ? spare - m->gap : *recent_h;
		spare -= *recent_h + m->gap;
	}
	int most = column_h * 45 / 100;
	*latest_h = latest_min + spare > most ? most : latest_min + spare;
	*latest_h = *latest_h < latest_min ? latest_min : *latest_h;
}

static void landscape(struct layout *l, const struct paint *p, SDL_Rect body)
{
	const struct metrics *m = &l->m;
	struct candidate best = { 0 };
	for (int pass = 0; pass < 2 && !best.ok; pass++) {
		bool cut = pass == 1;  /* names that fit no column are cut only as a last resort */
		for (size_t f = 0; f < sizeof(right_pcts) / sizeof(right_pcts[0]); f++) {
			struct candidate c = { 0 };
			int right_w = body.w * right_pcts[f] / 100;
			c.side = paint_rect(body.x + body.w - right_w, body.y, right_w, body.h);
			c.board_area = paint_rect(body.x, body.y, body.w - right_w - m->gap, body.h);
			int latest_min = body.h * 24 / 100;
			int avail = body.h - latest_min - m->gap;
			bool any = false;
			for (int i = 0; i < WAIT_PLANS; i++) {
				struct waiting_plan wp = wait_plan(i, cut);
				int rank;
				int wh = wait_try(l, p, right_w, &wp, &rank);
				if (wh > 0 && wh <= avail && (!any || rank < c.rank)) {
					c.wait = wp;
					c.wait_h = wh;
					c.rank = rank;
					any = true;
				}
			}
			if (!any) {
				continue;
			}
			split_column(p, m, body.h, latest_min, c.wait_h, &c.latest_h, &c.recent_h);
			struct board_needs bn = l->needs;
			SDL_Rect lb = paint_rect(c.side.x, c.side.y, right_w, c.latest_h);
			bn.num_cap = panels_latest_px(p, m, lb) * 80 / 100;
			c.ok = board_fit(&bn, c.board_area, &c.board);
			LOG_DBG("right %d%%: counts %d px x %d cols, %d high; board %s, %d page(s), %d px",
				right_pcts[f], l->wait_needs.px[c.wait.size], c.wait.cols, c.wait_h,
				c.ok ? "fits" : "does not fit", c.board.pages, c.board.num_px);
			if (better(&c, &best)) {
				best = c;
				l->needs.num_cap = bn.num_cap;
			}
		}
	}
	if (!best.ok) {
		/* A screen too small for one tile: the latest call, and a word below it. */
		l->board_fits = false;
		l->latest = paint_rect(body.x, body.y, body.w, body.h / 2);
		l->board.area = paint_rect(body.x, body.y + body.h / 2, body.w, body.h / 2);
		return;
	}
	l->board_fits = true;
	l->board = best.board;
	l->wait = best.wait;
	/* The column: latest call, last calls where there is room, waiting counts. */
	SDL_Rect side = best.side;
	l->latest = paint_rect(side.x, side.y, side.w, best.latest_h);
	int y = side.y + best.latest_h + m->gap;
	if (best.recent_h > 0) {
		l->recent = paint_rect(side.x, y, side.w, best.recent_h);
		y += best.recent_h + m->gap;
	}
	l->waiting = paint_rect(side.x, y, side.w, side.y + side.h - y);
}

static void portrait(struct layout *l, const struct paint *p, SDL_Rect body)
{
	const struct metrics *m = &l->m;
	struct candidate best = { 0 };
	int latest_h = l->m.h * 16 / 100;
	l->latest = paint_rect(body.x, body.y, body.w, latest_h);
	struct board_needs bn = l->needs;
	bn.num_cap = panels_latest_px(p, m, l->latest) * 80 / 100;
	int top = body.y + latest_h + m->gap;
	int rest = body.y + body.h - top;
	for (int pass = 0; pass < 2 && !best.ok; pass++) {
		for (int i = 0; i < WAIT_PLANS; i++) {
			struct candidate c = { .wait = wait_plan(i, pass == 1) };
			c.wait_h = wait_try(l, p, body.w, &c.wait, &c.rank);
			if (c.wait_h <= 0 || c.wait_h > rest - m->gap) {
				continue;
			}
			c.board_area = paint_rect(body.x, top, body.w, rest - c.wait_h - m->gap);
			c.ok = board_fit(&bn, c.board_area, &c.board);
			LOG_DBG("counts %d px x %d cols, %d high; board %s, %d page(s), %d px",
				l->wait_needs.px[c.wait.size], c.wait.cols, c.wait_h,
				c.ok ? "fits" : "does not fit", c.board.pages, c.board.num_px);
			if (better(&c, &best)) {
				best = c;
			}
		}
	}
	l->needs.num_cap = bn.num_cap;
	if (!best.ok) {
		l->board_fits = false;
		l->board.area = paint_rect(body.x, top, body.w, rest);
		return;
	}
	l->board_fits = true;
	l->wait = best.wait;
	l->board = best.board;
	/* The last calls, when the board keeps its pages and most of its number size. */
	int recent_h = panels_recent_max(p, m);
	SDL_Rect smaller = best.board_area;
	smaller.h -= recent_h + m->gap;
	struct board_plan with;
	if (smaller.h > 0 && board_fit(&bn, smaller, &with) && with.pages == best.board.pages
			&& with.num_px * 10 >= best.board.num_px * 9) {
		l->board = with;
		l->recent = paint_rect(body.x, smaller.y + smaller.h + m->gap, body.w, recent_h);
	}
	l->waiting = paint_rect(body.x, body.y + body.h - best.wait_h, body.w, best.wait_h);
}

void layout_update(struct layout *l, const struct paint *p, int w, int h,
	const struct snapshot *s)
{
	static const struct snapshot none = { 0 };
	s = s ? s : &none;
	uint64_t key = layout_key(w, h, s);
	if (key == l->key) {
		return;
	}
	layout_finish(l);
	l->key = key;
	metrics_init(&l->m, p, w, h);
	const struct metrics *m = &l->m;
	l->portrait = h > w;
	int header_h = panels_header_height(p, m), footer_h = panels_notice_height(p, m);
	l->header = paint_rect(0, 0, w, header_h);
	l->footer = paint_rect(0, h - footer_h, w, footer_h);
	SDL_Rect body = paint_rect(m->gap, header_h + m->gap, w - 2 * m->gap,
		h - header_h - footer_h - 2 * m->gap);
	board_measure(p, s, m->s, m->pad, m->gap, m->num_min, m->num_min * 3, &l->needs);
	panels_waiting_measure(p, m, s, &l->wait_needs);
	if (l->portrait) {
		portrait(l, p, body);
	} else {
		landscape(l, p, body);
	}
	l->latest_px = panels_latest_px(p, m, l->latest);
	LOG_INFO("%dx%d, %zu counters, %zu fields: %s board %d x %d, %d a page, %d page(s), "
		"numbers %d px (least %d), latest %d px, counts %d px in %d column(s)", w, h,
		s->n_counters, s->n_services, l->board.form == BOARD_ROW ? "rows" : "cards",
		l->board.cols, l->board.rows, l->board.per_page, l->board.pages, l->board.num_px,
		m->num_min, l->latest_px, l->wait_needs.px[l->wait.size], l->wait.cols);
}

void layout_finish(struct layout *l)
{
	panels_waiting_finish(&l->wait_needs);
	memset(l, 0, sizeof(*l));
}
