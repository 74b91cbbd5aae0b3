/*
 * Fuzzes the ticket layout parser (src/core/store/ticket_layout.c) with
 * layout text as a technician may type it into the ticket_layout setting
 * (the input up to its first NUL). Properties: a refused layout says why
 * (RESULT_ERR_INVALID and a message); an accepted one has at least one item,
 * known kinds, sizes in the documented ranges and a string for every text
 * item, keeps its source, and parses again to the same items.
 */
#include <string.h>
#include "fuzz.h"
#include "motcua/store/ticket_layout.h"

static bool same_items(const struct ticket_layout *a, const struct ticket_layout *b)
{
	if (a->n != b->n) {
		return false;
	}
	for (int i = 0; i < a->n; i++) {
		const struct ticket_item *x = &a->items[i], *y = &b->items[i];
		if (x->kind != y->kind || x->size != y->size || x->bold != y->bold
			|| x->invert != y->invert || x->align != y->align
			|| (x->text == NULL) != (y->text == NULL)
			|| (x->text && strcmp(x->text, y->text) != 0)) {
			return false;
		}
	}
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	FUZZ_CHECK(text != NULL);
	memcpy(text, data, size);
	text[size] = '\0';

	struct result r = {0};
	struct ticket_layout *l = ticket_layout_parse(text, &r);
	if (l == NULL) {
		FUZZ_CHECK(r.code == RESULT_ERR_INVALID);
		FUZZ_CHECK(strncmp(r.msg, "ticket_layout: ", 15) == 0);
		free(text);
		return 0;
	}
	FUZZ_CHECK(r.code == RESULT_OK);
	FUZZ_CHECK(l->n >= 1 && l->items != NULL && l->source != NULL);
	bool blank = text[strspn(text, " \t\r\n")] == '\0';
	FUZZ_CHECK(strcmp(l->source, blank ? TICKET_LAYOUT_DEFAULT : text) == 0);
	for (int i = 0; i < l->n; i++) {
		const struct ticket_item *it = &l->items[i];
		FUZZ_CHECK(it->kind >= TICKET_ITEM_COMMUNE && it->kind <= TICKET_ITEM_QR);
		FUZZ_CHECK(ticket_item_is_magnified(it->kind) ? it->size >= 1 && it->size <= 8
			: it->size >= 1 && it->size <= 400);
		FUZZ_CHECK(it->align >= TICKET_ALIGN_LEFT && it->align <= TICKET_ALIGN_RIGHT);
		FUZZ_CHECK(it->kind != TICKET_ITEM_TEXT || it->text != NULL);
		FUZZ_CHECK(!it->text || strchr(it->text, '"') == NULL);
		(void)ticket_item_is_static(it->kind);
	}
	struct ticket_layout *again = ticket_layout_parse(l->source, &r);
	FUZZ_CHECK(again != NULL && same_items(l, again));
	ticket_layout_destroy(again);
	ticket_layout_destroy(l);
	free(text);
	return 0;
}
