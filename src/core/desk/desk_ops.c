/*
 * The desk's public face: options, opening, and each operation forwarded
 * to the kind of desk this is (desk_ops.h).
 */
#define LOG_MODULE "desk"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "desk_ops.h"
#include "motcua/base/clock.h"
#include "motcua/base/log.h"

bool desk_options_take(struct desk_options *o, int c, const char *arg)
{
	switch (c) {
	case DESK_OPT_SERVER: o->server = arg; return true;
	case DESK_OPT_TOKEN: o->token = arg; return true;
	case DESK_OPT_TOKEN_FILE: o->token_file = arg; return true;
	case DESK_OPT_TLS_PIN: o->tls_pin = arg; return true;
	default: return false;
	}
}

/* The token file's first line, kept for the life of the process. */
static bool read_token_file(struct desk_options *o, struct result *r)
{
	static char token[256];
	FILE *f = fopen(o->token_file, "r");
	if (!f) {
		return result_fail(r, RESULT_ERR_INVALID, "--token-file %s: không đọc được tệp mã "
			"thiết bị", o->token_file);
	}
	bool got = fgets(token, sizeof(token), f) != NULL;
	fclose(f);
	token[strcspn(token, "\r\n")] = '\0';
	if (!got || !token[0]) {
		return result_fail(r, RESULT_ERR_INVALID, "--token-file %s: tệp không có mã thiết bị",
			o->token_file);
	}
	o->token = token;
	return true;
}

bool desk_options_check(struct desk_options *o, struct result *r)
{
	if (!o->server) {
		if (o->token || o->token_file || o->tls_pin) {
			return result_fail(r, RESULT_ERR_INVALID, "--token, --token-file và --tls-pin chỉ "
				"dùng cùng --server");
		}
		return true;
	}
	if (o->db) {
		return result_fail(r, RESULT_ERR_INVALID, "dùng --db hoặc --server, không dùng cả hai");
	}
	if (strncmp(o->server, "http://", 7) != 0 && strncmp(o->server, "https://", 8) != 0) {
		return result_fail(r, RESULT_ERR_INVALID, "--server %s: địa chỉ phải bắt đầu bằng "
			"http:// hoặc https://", o->server);
	}
	if (o->tls_pin && strncmp(o->tls_pin, "sha256//", 8) != 0) {
		return result_fail(r, RESULT_ERR_INVALID, "--tls-pin %s: cần dạng sha256//... như "
			"`motcua token add` in ra", o->tls_pin);
	}
	if (!o->token && o->token_file && !read_token_file(o, r)) {
		return false;
	}
	if (!o->token) {
		o->token = getenv("MOTCUA_TOKEN");
	}
	if (!o->token || !o->token[0]) {
		return result_fail(r, RESULT_ERR_INVALID, "--server cần mã thiết bị: --token, "
			"--token-file hoặc biến MOTCUA_TOKEN (tạo bằng `motcua token add` trên máy chủ)");
	}
	return true;
}

struct desk *desk_open(const struct desk_options *o, struct result *r)
{
	return o->server ? desk_remote_create(o, r) : desk_local_create(o, r);
}

void desk_close(struct desk *d)
{
	if (d) {
		d->ops->destroy(d);
	}
}

void desk_set_request_id(struct desk *d, const char *id)
{
	snprintf(d->request_id, sizeof(d->request_id), "%s", id ? id : "");
}

const char *desk_take_request_id(struct desk *d, char *buf, size_t size)
{
	if (!d->request_id[0]) {
		return NULL;
	}
	snprintf(buf, size, "%s", d->request_id);
	d->request_id[0] = '\0';
	return buf;
}

const char *desk_name(const struct desk *d)
{
	return d->name;
}

struct db *desk_db(struct desk *d, struct result *r)
{
	return d->ops->db(d, r);
}

bool desk_connected(struct desk *d)
{
	return d->ops->connected(d);
}

bool desk_changed(struct desk *d, struct desk_watch *w)
{
	return d->ops->changed(d, w);
}

void desk_set_wake(struct desk *d, desk_wake_fn fn, void *ud)
{
	d->ops->set_wake(d, fn, ud);
}

bool desk_ping(struct desk *d, struct result *r)
{
	return d->ops->ping(d, r);
}

bool desk_snapshot(struct desk *d, struct snapshot *s, struct result *r)
{
	return d->ops->snapshot(d, s, r);
}

bool desk_status(struct desk *d, wire_device_words_fn words, cJSON *out, struct result *r)
{
	return d->ops->status(d, words, out, r);
}

bool desk_last_event_id(struct desk *d, int64_t *id, struct result *r)
{
	return d->ops->last_event_id(d, id, r);
}

bool desk_follow(struct desk *d, struct events_cursor *c, events_fn fn, void *ud,
	struct result *r)
{
	return d->ops->follow(d, c, fn, ud, r);
}

bool desk_setting(struct desk *d, const char *key, char *out, size_t size)
{
	return d->ops->setting(d, key, out, size);
}

long desk_setting_int(struct desk *d, const char *key)
{
	char text[32];
	if (!desk_setting(d, key, text, sizeof(text))) {
		return 0;
	}
	return strtol(text, NULL, 10);
}

void desk_use_zone(struct desk *d)
{
	char zone[64];
	if (!desk_setting(d, "timezone", zone, sizeof(zone)) || !clock_set_zone(zone)) {
		if (zone[0]) {
			LOG_ERR("unknown time zone \"%s\" in settings; using Asia/Ho_Chi_Minh", zone);
		}
		clock_set_zone("Asia/Ho_Chi_Minh");
	}
}

bool desk_upcoming(struct desk *d, int counter, struct ticket *out, size_t max, size_t *n,
	struct result *r)
{
	return d->ops->upcoming(d, counter, out, max, n, r);
}

bool desk_noshows(struct desk *d, int counter, struct ticket *out, size_t max, size_t *n,
	struct result *r)
{
	return d->ops->noshows(d, counter, out, max, n, r);
}

bool desk_services(struct desk *d, struct service **out, size_t *n, struct result *r)
{
	return d->ops->services(d, out, n, r);
}

bool desk_counter(struct desk *d, int number, struct counter *c, char *codes, size_t size,
	struct result *r)
{
	return d->ops->counter(d, number, c, codes, size, r);
}

bool desk_ticket(struct desk *d, int64_t id, struct ticket *t, struct result *r)
{
	return d->ops->ticket(d, id, t, r);
}

bool desk_find_number(struct desk *d, const char *number, const char *service_code,
	struct ticket *t, struct result *r)
{
	return d->ops->find_number(d, number, service_code, t, r);
}

bool desk_issue(struct desk *d, const char *code, bool priority, struct ticket *t,
	struct result *r)
{
	return d->ops->issue(d, code, priority, t, r);
}

bool desk_call_next(struct desk *d, int counter, const char *officer, struct ticket *t,
	struct result *r)
{
	return d->ops->call(d, counter, NULL, officer, t, r);
}

bool desk_call_number(struct desk *d, int counter, const char *number, const char *officer,
	struct ticket *t, struct result *r)
{
	if (!number) {
		return result_fail(r, RESULT_ERR_INVALID, "thiếu số thứ tự cần gọi");
	}
	return d->ops->call(d, counter, number, officer, t, r);
}

bool desk_recall(struct desk *d, int counter, struct ticket *t, struct result *r)
{
	return d->ops->counter_op(d, counter, "recall", t, r);
}

bool desk_skip(struct desk *d, int counter, struct ticket *t, struct result *r)
{
	return d->ops->counter_op(d, counter, "skip", t, r);
}

bool desk_finish(struct desk *d, int counter, struct ticket *t, struct result *r)
{
	return d->ops->counter_op(d, counter, "finish", t, r);
}

bool desk_transfer(struct desk *d, int counter, const char *to_service, int to_counter,
	struct ticket *t, struct result *r)
{
	return d->ops->transfer(d, counter, to_service, to_counter, t, r);
}

bool desk_requeue(struct desk *d, const char *number, const char *service_code,
	struct ticket *t, struct result *r)
{
	return d->ops->requeue(d, number, service_code, t, r);
}

bool desk_rate(struct desk *d, int64_t ticket_id, enum ticket_rating rating, struct result *r)
{
	return d->ops->rate(d, ticket_id, rating, r);
}

bool desk_pause(struct desk *d, int counter, const char *reason, struct result *r)
{
	return d->ops->pause(d, counter, reason, r);
}

bool desk_resume(struct desk *d, int counter, struct result *r)
{
	return d->ops->resume(d, counter, r);
}

bool desk_set_officer(struct desk *d, int counter, const char *officer, struct result *r)
{
	return d->ops->set_officer(d, counter, officer, r);
}

bool desk_device_status(struct desk *d, const char *name, const char *kind,
	const char *status, const char *detail, struct result *r)
{
	return d->ops->device_status(d, name, kind, status, detail, r);
}

bool desk_print_outcome(struct desk *d, int64_t ticket_id, enum desk_print_outcome outcome,
	const char *reason, struct result *r)
{
	return d->ops->print_outcome(d, ticket_id, outcome, reason, r);
}

bool desk_pin_verify(struct desk *d, const char *pin, struct pin_check *out, struct result *r)
{
	return d->ops->pin_verify(d, pin, out, r);
}

bool desk_officers(struct desk *d, struct officer **out, size_t *n, struct result *r)
{
	return d->ops->officers(d, out, n, r);
}

bool desk_officer_login(struct desk *d, int counter, const char *name, const char *pin,
	struct officer *officer, struct pin_check *check, struct result *r)
{
	memset(officer, 0, sizeof(*officer));
	memset(check, 0, sizeof(*check));
	return d->ops->officer_login(d, counter, name, pin, officer, check, r);
}
