#pragma once
#include "motcua/store/layer.h"
/*
 * Counters (quầy): a desk with a number, a name, the services it serves (in
 * order), a state (open, paused with a reason, closed) and the officer at it.
 */
#include <stdbool.h>
#include <stdint.h>
#include "motcua/store/db.h"

#define COUNTER_NAME_MAX 128
#define COUNTER_MAX_SERVICES 32

enum counter_state { COUNTER_OPEN, COUNTER_PAUSED, COUNTER_CLOSED };

struct counter {
	int64_t id;
	int number;                       /* as shown: "Quầy số 2" */
	char name[COUNTER_NAME_MAX + 1];
	enum counter_state state;
	char pause_reason[128];
	char officer[64];
	int64_t current_ticket;           /* 0 = none */
	size_t n_services;
	int64_t service_ids[COUNTER_MAX_SERVICES];  /* in the counter's order */
};

const char *counter_state_name(enum counter_state s);  /* "open", "paused", "closed" */
/* The state in words for people: "đang mở", "tạm dừng", "đã đóng". */
const char *counter_state_words(enum counter_state s);

bool counter_add(struct db *db, struct counter *c, struct result *r);  /* sets c->id */
bool counter_find(struct db *db, int number, struct counter *out, struct result *r);
bool counter_list(struct db *db, struct counter **out, size_t *n, struct result *r);
/*
 * The counter's services joined by sep, in its order: their names (names)
 * or codes. Never cuts a character in half when out is too small.
 */
void counter_services_text(struct db *db, const struct counter *c, bool names,
	const char *sep, char *out, size_t size);
/* Replaces the counter's services (codes, in order). */
bool counter_assign(struct db *db, int number, const char *const *codes, size_t n,
	struct result *r);
bool counter_rename(struct db *db, int number, const char *name, struct result *r);
/* Officer signing in at the counter ("" to sign out). */
bool counter_set_officer(struct db *db, int number, const char *officer, struct result *r);
/* Pause needs a reason; pausing does not finish the current ticket. */
bool counter_pause(struct db *db, int number, const char *reason, struct result *r);
bool counter_resume(struct db *db, int number, struct result *r);
bool counter_close(struct db *db, int number, struct result *r);
