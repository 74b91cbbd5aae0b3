#pragma once
/*
 * Inside the desk layer: the operations each kind of desk implements
 * (desk_local.c, desk_remote.c); desk.c forwards the public calls here.
 */
#include "motcua/desk/desk.h"

struct desk_ops {
	void (*destroy)(struct desk *d);
	struct db *(*db)(struct desk *d, struct result *r);
	bool (*connected)(struct desk *d);
	bool (*changed)(struct desk *d, struct desk_watch *w);
	void (*set_wake)(struct desk *d, desk_wake_fn fn, void *ud);
	bool (*ping)(struct desk *d, struct result *r);
	bool (*snapshot)(struct desk *d, struct snapshot *s, struct result *r);
	bool (*status)(struct desk *d, wire_device_words_fn words, cJSON *out, struct result *r);
	bool (*last_event_id)(struct desk *d, int64_t *id, struct result *r);
	bool (*follow)(struct desk *d, struct events_cursor *c, events_fn fn, void *ud,
		struct result *r);
	bool (*setting)(struct desk *d, const char *key, char *out, size_t size);
	bool (*upcoming)(struct desk *d, int counter, struct ticket *out, size_t max, size_t *n,
		struct result *r);
	bool (*noshows)(struct desk *d, int counter, struct ticket *out, size_t max, size_t *n,
		struct result *r);
	bool (*services)(struct desk *d, struct service **out, size_t *n, struct result *r);
	bool (*counter)(struct desk *d, int number, struct counter *c, char *codes, size_t size,
		struct result *r);
	bool (*ticket)(struct desk *d, int64_t id, struct ticket *t, struct result *r);
	bool (*find_number)(struct desk *d, const char *number, const char *service_code,
		struct ticket *t, struct result *r);
	bool (*issue)(struct desk *d, const char *code, bool priority, struct ticket *t,
		struct result *r);
	/* call (number NULL: the next), recall, skip, finish, transfer */
	bool (*call)(struct desk *d, int counter, const char *number, const char *officer,
		struct ticket *t, struct result *r);
	bool (*counter_op)(struct desk *d, int counter, const char *op, struct ticket *t,
		struct result *r);
	bool (*transfer)(struct desk *d, int counter, const char *to_service, int to_counter,
		struct ticket *t, struct result *r);
	bool (*requeue)(struct desk *d, const char *number, const char *service_code,
		struct ticket *t, struct result *r);
	bool (*rate)(struct desk *d, int64_t ticket_id, enum ticket_rating rating,
		struct result *r);
	bool (*pause)(struct desk *d, int counter, const char *reason, struct result *r);
	bool (*resume)(struct desk *d, int counter, struct result *r);
	bool (*set_officer)(struct desk *d, int counter, const char *officer, struct result *r);
	bool (*device_status)(struct desk *d, const char *name, const char *kind,
		const char *status, const char *detail, struct result *r);
	bool (*print_outcome)(struct desk *d, int64_t ticket_id, enum desk_print_outcome outcome,
		const char *reason, struct result *r);
	bool (*pin_verify)(struct desk *d, const char *pin, struct pin_check *out,
		struct result *r);
	bool (*officers)(struct desk *d, struct officer **out, size_t *n, struct result *r);
	bool (*officer_login)(struct desk *d, int counter, const char *name, const char *pin,
		struct officer *officer, struct pin_check *check, struct result *r);
};

/* The common head of every desk; each kind embeds it first. */
struct desk {
	const struct desk_ops *ops;
	char name[512];
	char request_id[160];    /* desk_set_request_id: for the next write only */
};

/* The request id set for this write, or NULL; cleared (a write takes it once). */
const char *desk_take_request_id(struct desk *d, char *buf, size_t size);

struct desk *desk_local_create(const struct desk_options *o, struct result *r);
struct desk *desk_remote_create(const struct desk_options *o, struct result *r);
