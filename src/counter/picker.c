/*
 * The pickers' list, filter, selection and pages (picker.h). Pure data: the
 * drawing (dialogs.c) says how many tiles a page holds, main.c feeds keys.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "motcua/base/utf8.h"
#include "motcua/base/xalloc.h"
#include "picker.h"

void picker_reset(struct picker *p, bool free_typing)
{
	p->n = 0;
	p->typed[0] = '\0';
	p->free_typing = free_typing;
	p->n_shown = 0;
	p->selected = 0;
	if (p->per_page == 0) {
		p->per_page = 1;
	}
}

void picker_finish(struct picker *p)
{
	if (!p) {
		return;
	}
	free(p->items);
	free(p->shown);
	memset(p, 0, sizeof(*p));
}

/* "A1003" -> "1003": a ticket number's digits after its prefix letters. */
static const char *digits_of(const char *key)
{
	while (isalpha((unsigned char)*key)) {
		key++;
	}
	return key;
}

static bool starts_with_ci(const char *s, const char *prefix)
{
	for (; *prefix; s++, prefix++) {
		if (toupper((unsigned char)*s) != toupper((unsigned char)*prefix)) {
			return false;
		}
	}
	return true;
}

static bool matches(const char *key, const char *typed)
{
	return starts_with_ci(key, typed)
		|| (isdigit((unsigned char)typed[0]) && starts_with_ci(digits_of(key), typed));
}

static bool exact(const char *key, const char *typed)
{
	return typed[0] && ((strlen(key) == strlen(typed) && starts_with_ci(key, typed))
		|| (isdigit((unsigned char)typed[0]) && strcmp(digits_of(key), typed) == 0));
}

/* Recomputes the shown items after the list or typed changed; selects an exact match. */
static void refilter(struct picker *p)
{
	p->shown = xrealloc(p->shown, (p->cap ? p->cap : 1) * sizeof(*p->shown));
	p->n_shown = 0;
	p->selected = 0;
	bool found = false;
	for (size_t i = 0; i < p->n; i++) {
		if (!matches(p->items[i].key, p->typed)) {
			continue;
		}
		if (!found && exact(p->items[i].key, p->typed)) {
			p->selected = p->n_shown;
			found = true;
		}
		p->shown[p->n_shown++] = i;
	}
}

struct pick_item *picker_add(struct picker *p, const char *key, const char *label,
	const char *sub)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 16;
		p->items = xrealloc(p->items, p->cap * sizeof(*p->items));
	}
	struct pick_item *it = &p->items[p->n++];
	memset(it, 0, sizeof(*it));
	utf8_copy(it->key, sizeof(it->key), key);
	utf8_copy(it->label, sizeof(it->label), label);
	utf8_copy(it->sub, sizeof(it->sub), sub ? sub : "");
	size_t sel = p->selected;
	refilter(p);
	p->selected = sel < p->n_shown ? sel : 0;
	return it;
}

bool picker_type(struct picker *p, const char *text)
{
	bool changed = false;
	for (; *text; text++) {
		char c = (char)toupper((unsigned char)*text);
		size_t n = strlen(p->typed);
		if ((isalnum((unsigned char)c) || c == '-' || c == '_') && (unsigned char)c < 0x80
				&& n + 1 < sizeof(p->typed)) {
			p->typed[n] = c;
			p->typed[n + 1] = '\0';
			changed = true;
		}
	}
	if (changed) {
		refilter(p);
	}
	return changed;
}

bool picker_backspace(struct picker *p)
{
	size_t n = strlen(p->typed);
	if (n == 0) {
		return false;
	}
	p->typed[n - 1] = '\0';
	refilter(p);
	return true;
}

const struct pick_item *picker_shown(const struct picker *p, size_t i)
{
	return &p->items[p->shown[i]];
}

void picker_move(struct picker *p, int delta)
{
	if (p->n_shown == 0) {
		return;
	}
	long n = (long)p->n_shown;
	long s = ((long)p->selected + delta) % n;
	p->selected = (size_t)(s < 0 ? s + n : s);
}

void picker_select(struct picker *p, size_t i)
{
	p->selected = p->n_shown == 0 ? 0 : i < p->n_shown ? i : p->n_shown - 1;
}

size_t picker_pages(const struct picker *p)
{
	size_t pages = (p->n_shown + p->per_page - 1) / p->per_page;
	return pages ? pages : 1;
}

size_t picker_page(const struct picker *p)
{
	return p->selected / p->per_page;
}

void picker_turn(struct picker *p, int delta)
{
	long page = (long)picker_page(p) + delta;
	long last = (long)picker_pages(p) - 1;
	page = page < 0 ? 0 : page > last ? last : page;
	picker_select(p, (size_t)page * p->per_page);
}

void picker_set_page_size(struct picker *p, size_t per_page)
{
	p->per_page = per_page ? per_page : 1;
}

enum pick_choice picker_choose(const struct picker *p, size_t *index)
{
	if (p->n_shown > 0) {
		*index = p->shown[p->selected];
		return PICK_ITEM;
	}
	return p->typed[0] && p->free_typing ? PICK_TYPED : PICK_NOTHING;
}
