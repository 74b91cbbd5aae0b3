/* PIN entry and the lock after repeated wrong PINs (see pin.h). */
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

bool pin_guard_locked(const struct pin_guard *g, int64_t now_ms, int64_t *remaining_ms)
{
	int64_t left = g->locked_until > now_ms ? g->locked_until - now_ms : 0;
	if (remaining_ms) {
		*remaining_ms = left;
	}
	return left > 0;
}

bool pin_guard_failed(struct pin_guard *g, int64_t now_ms)
{
	if (++g->failures < PIN_MAX_FAILURES) {
		return false;
	}
	int64_t ms = PIN_LOCK_MS;
	for (int i = 0; i < g->locks && ms < PIN_LOCK_MAX_MS; i++) {
		ms *= 2;
	}
	if (ms > PIN_LOCK_MAX_MS) {
		ms = PIN_LOCK_MAX_MS;
	}
	g->locks++;
	g->failures = 0;
	g->locked_until = now_ms + ms;
	return true;
}

void pin_guard_succeeded(struct pin_guard *g)
{
	*g = (struct pin_guard){ 0 };
}
