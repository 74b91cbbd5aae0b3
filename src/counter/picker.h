#pragma once
/*
 * The counter window's pickers (put back a no-show, transfer, call a
 * number, pause reason) without their drawing: a list of any length, each
 * item with a key that its tile shows, a filter typed on the keyboard, a
 * selection and pages.
 *
 * One scheme for keys everywhere: a tile shows its key (a ticket number
 * "A1003" or "1003", a counter number "12", a field code "HT", a pause
 * reason's "1"); typing filters the tiles to those whose key starts with
 * what was typed (a ticket number also by its digits alone) and selects the
 * tile whose key is exactly what was typed, else the first; the arrows move
 * the selection and Enter takes the selected tile. Clicking a tile takes
 * it. In the call picker a typed number that no tile shows is called as
 * typed.
 */
#include <stdbool.h>
#include <stddef.h>

#define PICK_KEY_MAX 24

struct pick_item {
	char key[PICK_KEY_MAX];  /* shown on the tile and typed to pick it */
	char label[160];
	char sub[256];           /* second line, may be "" */
	char number[16];         /* ticket number (put back, call) */
	char service[24];        /* field code (put back, transfer) */
	int counter;             /* target counter (transfer) */
};

struct picker {
	struct pick_item *items;
	size_t n, cap;
	char typed[PICK_KEY_MAX];
	bool free_typing;        /* Enter with a typed key no tile has: take the typed text */
	size_t *shown;           /* indexes of the items that match typed, in order */
	size_t n_shown;
	size_t selected;         /* position in shown (when n_shown > 0) */
	size_t per_page;         /* tiles on a page (>= 1), set by the drawing */
};

/* What Enter picks. */
enum pick_choice { PICK_NOTHING, PICK_ITEM, PICK_TYPED };

/* Empties p for a new list (keeps its memory). free_typing: see above. */
void picker_reset(struct picker *p, bool free_typing);
/* Frees the lists. NULL-safe. */
void picker_finish(struct picker *p);
/* Appends an item (copied strings, truncated at a character boundary); returns it. */
struct pick_item *picker_add(struct picker *p, const char *key, const char *label,
	const char *sub);

/* Appends printable ASCII letters (upper-cased) and digits; true if typed changed. */
bool picker_type(struct picker *p, const char *text);
/* Drops the last typed character; true if typed changed. */
bool picker_backspace(struct picker *p);

/* The i-th shown item (i < n_shown). */
const struct pick_item *picker_shown(const struct picker *p, size_t i);
/* Moves the selection by delta, wrapping around the shown items. */
void picker_move(struct picker *p, int delta);
/* Selects shown item i (clamped). */
void picker_select(struct picker *p, size_t i);

/* Pages: how many, which one is on screen (0-based), turning by delta (no wrap). */
size_t picker_pages(const struct picker *p);
size_t picker_page(const struct picker *p);
void picker_turn(struct picker *p, int delta);
void picker_set_page_size(struct picker *p, size_t per_page);

/*
 * What Enter takes: PICK_ITEM (the selected tile, *index into items), or
 * PICK_TYPED (no tile shown, free typing), or PICK_NOTHING.
 */
enum pick_choice picker_choose(const struct picker *p, size_t *index);
