/*
 * Keypad keys as queue operations. Every operation goes through the desk
 * (motcua/desk: the shared file or the LAN server), exactly as the counter
 * window does; this file only turns a key code and its digits into the
 * right call.
 */
#define LOG_MODULE "keys"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "motcua/base/clock.h"
#include "motcua/store/counters.h"
#include "motcua/store/events.h"
#include "motcua/serial/keyproto.h"
#include "motcua/base/log.h"
#include "motcua/store/services.h"
#include "motcua/base/xalloc.h"
#include "keys.h"

#define MAX_COUNTERS 256
/* How far back the event log is read at start-up. */
#define START_EVENTS_BACK 5000

struct counter_memory {
	int64_t rate_ticket;        /* finished last, 0 = none */
	int64_t rate_deadline;      /* clock_mono_ms() when rating closes */
	char noshow_number[16];     /* latest no-show here, "" = none */
	char noshow_service[SERVICE_CODE_MAX + 1];
};

struct keys {
	struct desk *desk;
	struct events_cursor events;
	struct counter_memory mem[MAX_COUNTERS + 1];
};

static struct counter_memory *memory(struct keys *k, int counter)
{
	if (counter < 1 || counter > MAX_COUNTERS) {
		return NULL;
	}
	return &k->mem[counter];
}

static int64_t rating_timeout_ms(struct keys *k)
{
	return desk_setting_int(k->desk, "rating_timeout_s") * 1000;
}

/* Opens the rating window for a ticket finished at wall time at_ms. */
static void open_rating(struct keys *k, int counter, int64_t ticket_id, int64_t at_ms)
{
	struct counter_memory *m = memory(k, counter);
	if (!m || ticket_id == 0) {
		return;
	}
	int64_t left = rating_timeout_ms(k) - (clock_now_ms() - at_ms);
	if (left <= 0) {
		return;
	}
	if (m->rate_ticket == ticket_id) {
		return;   /* already open: keep its deadline */
	}
	m->rate_ticket = ticket_id;
	m->rate_deadline = clock_mono_ms() + left;
}

static void on_event(void *ud, const struct event *e)
{
	struct keys *k = ud;
	struct counter_memory *m = memory(k, e->counter);
	if (e->kind == EVENT_FINISH) {
		open_rating(k, e->counter, e->ticket_id, e->at_ms);
	} else if (e->kind == EVENT_SKIP && m) {
		snprintf(m->noshow_number, sizeof(m->noshow_number), "%s", e->number);
		snprintf(m->noshow_service, sizeof(m->noshow_service), "%s", e->service_code);
	} else if (e->kind == EVENT_RATE) {
		for (int c = 1; c <= MAX_COUNTERS; c++) {
			if (k->mem[c].rate_ticket == e->ticket_id) {
				k->mem[c].rate_ticket = 0;
			}
		}
	}
	/* A no-show that came back (here or elsewhere) is no longer the one to put back. */
	if (e->kind == EVENT_REQUEUE || e->kind == EVENT_CALL) {
		for (int c = 1; c <= MAX_COUNTERS; c++) {
			if (!strcmp(k->mem[c].noshow_number, e->number)) {
				k->mem[c].noshow_number[0] = '\0';
			}
		}
	}
}

struct keys *keys_create(struct desk *desk)
{
	struct keys *k = xcalloc(1, sizeof(*k));
	int64_t last = 0;
	k->desk = desk;
	desk_last_event_id(desk, &last, NULL);
	k->events.after = last > START_EVENTS_BACK ? last - START_EVENTS_BACK : 0;
	keys_follow(k);
	return k;
}

void keys_destroy(struct keys *k)
{
	free(k);
}

void keys_follow(struct keys *k)
{
	struct result r = {0};
	if (!desk_follow(k->desk, &k->events, on_event, k, &r)) {
		LOG_WARN("reading events: %s", r.msg);
	}
}

bool keys_rating_open(struct keys *k, int counter)
{
	struct counter_memory *m = memory(k, counter);
	return m && m->rate_ticket && clock_mono_ms() < m->rate_deadline;
}

int64_t keys_rating_deadline(struct keys *k, int counter)
{
	return keys_rating_open(k, counter) ? k->mem[counter].rate_deadline : 0;
}

/*
 * Finds the ticket whose printed number has the digits `digits` among the
 * counter's services, in one of the wanted states.
 */
static bool find_by_digits(struct keys *k, int counter, unsigned digits,
	bool want_noshow, struct ticket *t)
{
	struct counter c;
	struct result r;
	struct service *list = NULL;
	size_t n = 0;
	char codes[COUNTER_MAX_SERVICES * (SERVICE_CODE_MAX + 1)], *save = NULL;
	bool found = false;
	if (!desk_counter(k->desk, counter, &c, codes, sizeof(codes), &r)
			|| !desk_services(k->desk, &list, &n, &r)) {
		LOG_WARN("counter %d: %s", counter, r.msg);
		free(list);
		return false;
	}
	for (char *code = strtok_r(codes, ",", &save); code && !found;
			code = strtok_r(NULL, ",", &save)) {
		for (size_t i = 0; i < n && !found; i++) {
			char number[32];
			if (strcmp(list[i].code, code) != 0) {
				continue;
			}
			service_format_number(&list[i], (int)digits, number, sizeof(number));
			found = desk_find_number(k->desk, number, list[i].code, t, NULL)
				&& (t->status == TICKET_NOSHOW || (!want_noshow && t->status == TICKET_WAITING));
		}
	}
	free(list);
	if (!found) {
		LOG_WARN("counter %d: no %s ticket numbered %u", counter,
			want_noshow ? "no-show" : "waiting", digits);
	}
	return found;
}

static bool do_rate(struct keys *k, int counter, enum ticket_rating rating)
{
	struct counter_memory *m = memory(k, counter);
	if (!keys_rating_open(k, counter)) {
		LOG_WARN("counter %d: rating key but nothing to rate (or too late)", counter);
		return false;
	}
	struct result r;
	if (!desk_rate(k->desk, m->rate_ticket, rating, &r)) {
		LOG_WARN("counter %d: rating: %s", counter, r.msg);
		return false;
	}
	LOG_INFO("counter %d: ticket %lld rated %d", counter, (long long)m->rate_ticket,
		(int)rating);
	m->rate_ticket = 0;
	return true;
}

static const char *officer_of(struct keys *k, int counter, struct counter *c)
{
	if (!desk_counter(k->desk, counter, c, NULL, 0, NULL)) {
		c->officer[0] = '\0';
		c->current_ticket = 0;
		c->state = COUNTER_OPEN;
	}
	return c->officer[0] ? c->officer : NULL;
}

bool keys_execute(struct keys *k, int counter, uint8_t key, uint16_t arg)
{
	struct ticket t;
	struct result r;
	struct counter c;
	bool ok = false;
	const char *officer = officer_of(k, counter, &c);
	int64_t finishing = c.current_ticket;
	struct counter_memory *m = memory(k, counter);
	result_clear(&r);

	switch (key) {
	case KEYPROTO_KEY_NEXT:
		ok = desk_call_next(k->desk, counter, officer, &t, &r);
		if (ok || r.code == RESULT_ERR_EMPTY) {
			open_rating(k, counter, finishing, clock_now_ms());
		}
		break;
	case KEYPROTO_KEY_FINISH:
		ok = desk_finish(k->desk, counter, &t, &r);
		if (ok) {
			open_rating(k, counter, t.id, clock_now_ms());
		}
		break;
	case KEYPROTO_KEY_RECALL:
		ok = desk_recall(k->desk, counter, &t, &r);
		break;
	case KEYPROTO_KEY_SKIP:
		ok = desk_skip(k->desk, counter, &t, &r);
		break;
	case KEYPROTO_KEY_REQUEUE:
		if (arg) {
			if (!find_by_digits(k, counter, arg, true, &t)) {
				return false;
			}
			ok = desk_requeue(k->desk, t.number, t.service_code, &t, &r);
		} else if (m && m->noshow_number[0]) {
			ok = desk_requeue(k->desk, m->noshow_number, m->noshow_service, &t, &r);
		} else {
			LOG_WARN("counter %d: put back: no recent no-show", counter);
			return false;
		}
		break;
	case KEYPROTO_KEY_TRANSFER:
		if (arg == 0) {
			LOG_WARN("counter %d: transfer needs the target counter's number", counter);
			return false;
		}
		ok = desk_transfer(k->desk, counter, NULL, arg, &t, &r);
		break;
	case KEYPROTO_KEY_CALL:
		if (arg == 0 || !find_by_digits(k, counter, arg, false, &t)) {
			return false;
		}
		ok = desk_call_number(k->desk, counter, t.number, officer, &t, &r);
		break;
	case KEYPROTO_KEY_PAUSE:
		if (c.state == COUNTER_PAUSED) {
			ok = desk_resume(k->desk, counter, &r);
		} else {
			ok = desk_pause(k->desk, counter, "Chưa ghi lý do", &r);
		}
		break;
	case 0x11: case 0x12: case 0x13: case 0x14:
		return do_rate(k, counter, (enum ticket_rating)(key - 0x10));
	default:
		LOG_WARN("counter %d: unknown key 0x%02x", counter, key);
		return false;
	}
	if (!ok) {
		LOG_WARN("counter %d: %s: %s", counter, keyproto_key_name(key), r.msg);
	} else {
		LOG_INFO("counter %d: %s done", counter, keyproto_key_name(key));
	}
	return ok;
}
