/*
 * Which list the home and group screens show (view.h), and the text
 * measures layout.c decides with. The plan of a list is computed when it
 * is shown or the output or fields change, never while drawing.
 */
#define LOG_MODULE "kiosk"
#include <stdio.h>
#include <string.h>
#include "kiosk.h"
#include "view.h"
#include "words.h"
#include "motcua/base/log.h"

static int measure_wrap(void *ud, const char *str, int px, bool bold, int max_w, int max_lines)
{
	struct kiosk *k = ud;
	char lines[LAYOUT_NAME_LINES][UI_WRAP_LINE_MAX];
	if (max_lines > LAYOUT_NAME_LINES) {
		max_lines = LAYOUT_NAME_LINES;
	}
	return ui_text_wrap(k->text, px, bold, str, max_w, lines, max_lines);
}

static int measure_width(void *ud, const char *str, int px, bool bold)
{
	struct kiosk *k = ud;
	int w, h;
	ui_text_measure(k->text, px, bold, str, &w, &h);
	return w;
}

static int measure_line_h(void *ud, int px, bool bold)
{
	struct kiosk *k = ud;
	int w, h;
	ui_text_measure(k->text, px, bold, "Ấy", &w, &h);
	return h;
}

const struct layout_measure *view_measure(struct kiosk *k)
{
	k->measure = (struct layout_measure){ measure_wrap, measure_width, measure_line_h, k };
	return &k->measure;
}

void view_field_sub(const struct kiosk *k, size_t i, char *buf, size_t size)
{
	const struct snapshot_service *ss = &k->snap.services[i];
	if (!kiosk_service_open(k, i)) {
		snprintf(buf, size, "%s", TXT_FULL);
	} else if (ss->waiting == 0) {
		snprintf(buf, size, "%s", TXT_NOBODY);
	} else {
		snprintf(buf, size, TXT_WAITING_FMT, ss->waiting);
	}
}

/* The widest of the lines a field's tile may show under its name. */
static const char *widest_field_sub(struct kiosk *k)
{
	static const char *const subs[] = { TXT_WAITING_WIDEST, TXT_NOBODY, TXT_FULL };
	const char *widest = subs[0];
	int best = 0;
	for (size_t i = 0; i < sizeof(subs) / sizeof(subs[0]); i++) {
		int w = measure_width(k, subs[i], 40, false);
		if (w > best) {
			best = w;
			widest = subs[i];
		}
	}
	return widest;
}

/* Plans entries as the list on screen; false when they need more than one page. */
static bool plan_list(struct kiosk *k, const struct menu_entry *entries, size_t n,
	struct layout_plan *plan)
{
	struct layout_tile tiles[MENU_MAX];
	const char *field_sub = widest_field_sub(k);
	for (size_t i = 0; i < n; i++) {
		const struct menu_entry *e = &entries[i];
		tiles[i] = e->group
			? (struct layout_tile){ k->menu.group_name[e->index], TXT_GROUP_WIDEST, true }
			: (struct layout_tile){ k->snap.services[e->index].service.name, field_sub, false };
	}
	return layout_plan_tiles(&k->layout, &k->measure, tiles, n, plan);
}

/* Makes entries[0..n) the list on screen with plan, at page. */
static void show_list(struct kiosk *k, const struct menu_entry *entries, size_t n,
	const struct layout_plan *plan, size_t page)
{
	bool group[MENU_MAX];
	memmove(k->list, entries, n * sizeof(*entries));
	k->n_list = n;
	for (size_t i = 0; i < n; i++) {
		group[i] = entries[i].group;
	}
	layout_show(&k->layout, plan, group, page);
	k->focus = 0;
	if (k->trace) {
		char cols[16], px[16], pages[16];
		snprintf(cols, sizeof(cols), "%d", plan->cols);
		snprintf(px, sizeof(px), "%d", plan->sz.name_px);
		snprintf(pages, sizeof(pages), "%zu", plan->pages);
		ui_trace_event(k->trace, "list", "group", k->group >= 0
			? k->menu.group_name[k->group] : "", "grouped", k->grouped ? "1" : "0",
			"cols", cols, "name_px", px, "pages", pages, NULL);
	}
	kiosk_dirty(k);
}

/* Plans the first screen's list and every group's (main.c decides nothing else). */
static void plan_all(struct kiosk *k)
{
	size_t n = menu_fields(&k->menu, k->home);
	bool fits = plan_list(k, k->home, n, &k->home_plan);
	k->grouped = k->menu.n_groups > 0 && (k->groups_always || !fits);
	if (k->grouped) {
		n = menu_grouped(&k->menu, k->home);
		plan_list(k, k->home, n, &k->home_plan);
	}
	k->n_home = n;
	for (size_t g = 0; g < k->menu.n_groups; g++) {
		struct menu_entry entries[MENU_MAX];
		size_t ng = menu_group_fields(&k->menu, g, entries);
		plan_list(k, entries, ng, &k->group_plan[g]);
	}
}

static void show_group(struct kiosk *k, size_t g, size_t page)
{
	struct menu_entry entries[MENU_MAX];
	size_t n = menu_group_fields(&k->menu, g, entries);
	k->group = (int)g;
	snprintf(k->group_name, sizeof(k->group_name), "%s", k->menu.group_name[g]);
	show_list(k, entries, n, &k->group_plan[g], page);
}

void view_home(struct kiosk *k)
{
	k->group = -1;
	k->group_name[0] = '\0';
	kiosk_set_screen(k, SCREEN_HOME);
	show_list(k, k->home, k->n_home, &k->home_plan, 0);
}

void view_open_group(struct kiosk *k, size_t g)
{
	if (g >= k->menu.n_groups) {
		return;
	}
	kiosk_set_screen(k, SCREEN_GROUP);
	kiosk_screen_timeout(k, k->idle_ms);
	show_group(k, g, 0);
}

void view_turn_page(struct kiosk *k, int delta)
{
	size_t page = k->layout.page;
	if ((delta < 0 && page == 0) || (delta > 0 && page + 1 >= k->layout.plan.pages)) {
		return;
	}
	page = delta < 0 ? page - 1 : page + 1;
	show_list(k, k->list, k->n_list, &k->layout.plan, page);
	/* Off the first page of the first screen, a citizen who walked away is not left there. */
	if (k->screen == SCREEN_GROUP || page > 0) {
		kiosk_screen_timeout(k, k->idle_ms);
	}
}

void view_relayout(struct kiosk *k)
{
	SDL_GetRendererOutputSize(k->renderer, &k->w, &k->h);
	if (k->have_snap && k->snap.n_services > MENU_MAX) {
		LOG_WARN("%zu fields: the kiosk offers the first %d", k->snap.n_services, MENU_MAX);
	}
	if (k->have_snap) {
		menu_build(&k->menu, &k->snap);
	} else {
		k->menu = (struct menu){ 0 };
	}
	size_t page = k->layout.page;
	layout_compute(&k->layout, k->w, k->h, view_measure(k));
	if (k->trace) {
		char w[16], h[16], ns[16];
		snprintf(w, sizeof(w), "%d", k->w);
		snprintf(h, sizeof(h), "%d", k->h);
		snprintf(ns, sizeof(ns), "%zu", k->menu.n_fields);
		ui_trace_event(k->trace, "layout", "w", w, "h", h, "services", ns, NULL);
	}
	plan_all(k);
	/* A group's screen stays while its group does (a field added, renamed ...). */
	int g = k->group >= 0 ? menu_find_group(&k->menu, k->group_name) : -1;
	if (g >= 0) {
		show_group(k, (size_t)g, page);
	} else if (k->screen == SCREEN_GROUP) {
		view_home(k);
	} else {
		k->group = -1;
		show_list(k, k->home, k->n_home, &k->home_plan, k->screen == SCREEN_HOME ? page : 0);
	}
}
