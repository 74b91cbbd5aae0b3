/* PIN entry (see pin.h). */
#include <string.h>
#include "pin.h"

bool pin_entry_add(struct pin_entry *e, char digit)
{
	if (digit < '0' || digit > '9' || e->len >= PIN_MAX_DIGITS) {
		return false;
	}
	e->digits[e->len++] = digit;
	e->digits[e->len] = '\0';
	return true;
}

bool pin_entry_back(struct pin_entry *e)
{
	if (e->len == 0) {
		return false;
	}
	e->digits[--e->len] = '\0';
	return true;
}

void pin_entry_clear(struct pin_entry *e)
{
	/* volatile: the compiler must not drop the wipe of a secret. */
	volatile char *p = e->digits;
	for (size_t i = 0; i < sizeof(e->digits); i++) {
		p[i] = 0;
	}
	e->len = 0;
}

bool pin_entry_complete(const struct pin_entry *e)
{
	return e->len >= PIN_MIN_DIGITS;
}

int64_t pin_pad_locked_ms(int64_t until_ms, int64_t now_ms)
{
	return until_ms > now_ms ? until_ms - now_ms : 0;
}
