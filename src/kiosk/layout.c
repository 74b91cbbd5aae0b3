/*
 * The kiosk's geometry. Everything is a fraction of the output size; the
 * few decisions that depend on orientation (columns of the service grid,
 * the shape of the PIN pad and admin buttons) are made here and nowhere else.
 */
#include "layout.h"

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

static void layout_home(struct layout *l, size_t n)
{
	int w = l->w, h = l->h, u = l->unit;
	int margin = 2 * u;

	l->header = rect(0, 0, w, h * (l->portrait ? 10 : 14) / 100);
	l->corner = rect(0, 0, imax(w / 10, 6 * u), l->header.h);
	l->title = rect(margin, l->header.y + l->header.h, w - 2 * margin,
		h * (l->portrait ? 6 : 9) / 100);
	int legend_h = h * (l->portrait ? 8 : 10) / 100;
	l->legend = rect(margin, h - legend_h - u, w - 2 * margin, legend_h);
	int grid_top = l->title.y + l->title.h;
	l->grid = rect(margin, grid_top, w - 2 * margin, l->legend.y - u - grid_top);

	l->n_cells = n;
	if (n == 0) {
		l->cols = l->rows = 0;
		return;
	}
	if (l->portrait) {
		l->cols = n <= 7 ? 1 : 2;
	} else {
		l->cols = n <= 1 ? 1 : n <= 8 ? 2 : 3;
	}
	l->rows = (int)((n + (size_t)l->cols - 1) / (size_t)l->cols);

	int gap = imax(u * 3 / 2, 2);
	int cell_w = (l->grid.w - (l->cols - 1) * gap) / l->cols;
	int cell_h = (l->grid.h - (l->rows - 1) * gap) / l->rows;
	/* A few services must not become giant slabs: cap and centre vertically. */
	int cap = h * (l->portrait ? 15 : 26) / 100;
	cell_h = imin(cell_h, cap);
	int used_h = l->rows * cell_h + (l->rows - 1) * gap;
	int y0 = l->grid.y + (l->grid.h - used_h) / 2;
	int split_gap = imax(u, 2);
	int prio_w = cell_w * (l->cols == 1 ? 28 : 33) / 100;

	for (size_t i = 0; i < n; i++) {
		int col = (int)(i % (size_t)l->cols), row = (int)(i / (size_t)l->cols);
		/* An incomplete last row is centred. */
		int in_row = row == l->rows - 1 ? (int)(n - (size_t)row * (size_t)l->cols) : l->cols;
		int x0 = l->grid.x + (l->cols - in_row) * (cell_w + gap) / 2;
		SDL_Rect c = rect(x0 + col * (cell_w + gap), y0 + row * (cell_h + gap),
			cell_w, cell_h);
		l->cell[i] = c;
		l->normal[i] = rect(c.x, c.y, c.w - prio_w - split_gap, c.h);
		l->priority[i] = rect(c.x + c.w - prio_w, c.y, prio_w, c.h);
	}
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

static void layout_admin(struct layout *l)
{
	int w = l->w, h = l->h, u = l->unit;
	int margin = 4 * u;
	int g = 2 * u;
	l->admin_info = rect(margin, margin, w - 2 * margin, h * (l->portrait ? 30 : 36) / 100);
	int top = l->admin_info.y + l->admin_info.h + g;
	int avail_h = h - top - margin;
	if (l->portrait) {
		int bh = imin((avail_h - 3 * g) / 4, h / 9);
		for (int i = 0; i < LAYOUT_ADMIN_BUTTONS; i++) {
			l->admin_button[i] = rect(margin, top + i * (bh + g), w - 2 * margin, bh);
		}
	} else {
		int bw = (w - 2 * margin - g) / 2;
		int bh = imin((avail_h - g) / 2, h / 4);
		for (int i = 0; i < LAYOUT_ADMIN_BUTTONS; i++) {
			l->admin_button[i] = rect(margin + (i % 2) * (bw + g),
				top + (i / 2) * (bh + g), bw, bh);
		}
	}
}

void layout_compute(struct layout *l, int w, int h, size_t n_services)
{
	*l = (struct layout){ 0 };
	l->w = imax(w, 100);
	l->h = imax(h, 100);
	l->portrait = l->h > l->w;
	l->unit = imax(imin(l->w, l->h) / 100, 1);
	l->radius = l->unit * 2;
	if (n_services > LAYOUT_MAX_SERVICES) {
		n_services = LAYOUT_MAX_SERVICES;
	}
	layout_home(l, n_services);
	int cw = l->w * (l->portrait ? 90 : 76) / 100;
	int ch = l->h * (l->portrait ? 68 : 82) / 100;
	l->card = rect((l->w - cw) / 2, (l->h - ch) / 2, cw, ch);
	layout_pin(l);
	layout_admin(l);
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
