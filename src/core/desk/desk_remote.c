/*
 * The remote desk: the queue of motcuad on the LAN, over its API (README,
 * "The LAN server"). Each operation is one request with the device's
 * token; answers are read by the wire layer's decoders, errors come back
 * with the server's codes and messages. A connection that fails is
 * RESULT_ERR_OFFLINE.
 *
 * Retries: every POST gets an Idempotency-Key made for that operation. An
 * answer lost after the request left (a reset connection, a timeout) is
 * asked again twice with the same key: the server answers the first
 * outcome and writes nothing new. An issue that got no answer at all is
 * remembered with its key for a minute: the kiosk's next try at the same
 * field sends that key, so the ticket the server may have issued is the
 * one printed, not a second one.
 *
 * Changes and events come from the event stream (desk_stream.c), started
 * at the first desk_changed or desk_follow.
 */
#define LOG_MODULE "desk"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include "desk_http.h"
#include "desk_ops.h"
#include "desk_stream.h"
#include "motcua/base/clock.h"
#include "motcua/base/log.h"
#include "motcua/base/xalloc.h"
#include "motcua/wire/wire_catalog.h"
#include "motcua/wire/wire_json.h"
#include "motcua/wire/wire_result.h"
#include "motcua/wire/wire_snapshot.h"
#include "motcua/wire/wire_ticket.h"

#define REQUEST_TIMEOUT_MS 8000L
#define RETRIES 2
#define PENDING_MS 60000
#define LIST_MAX 64              /* the server's longest list */

struct remote {
	struct desk base;
	struct desk_http_target target;
	CURL *curl;
	struct desk_stream *stream;
	bool reachable;              /* the last request reached the server */
	cJSON *settings;             /* the last "settings" read (snapshot or GET /settings) */
	char officer[64];            /* desk_set_officer: sent with this desk's calls */
	desk_wake_fn wake;           /* desk_set_wake: handed to the stream */
	void *wake_ud;
	/* An issue that got no answer, retried with its key (see the top). */
	char pending_key[160];
	char pending_service[SERVICE_CODE_MAX + 1];
	bool pending_priority;
	int64_t pending_until;
};

static struct remote *remote_of(struct desk *d)
{
	return (struct remote *)d;
}

struct buf {
	char *data;
	size_t len;
};

static size_t collect(char *p, size_t size, size_t n, void *ud)
{
	struct buf *b = ud;
	b->data = xrealloc(b->data, b->len + size * n + 1);
	memcpy(b->data + b->len, p, size * n);
	b->len += size * n;
	b->data[b->len] = '\0';
	return size * n;
}

static void make_key(char *out, size_t size)
{
	unsigned char raw[16];
	if (getrandom(raw, sizeof(raw), 0) != (ssize_t)sizeof(raw)) {
		/* Unique enough for one device's day: the clocks and the address. */
		int64_t a = clock_now_ms(), b = clock_mono_ms();
		memcpy(raw, &a, 8);
		memcpy(raw + 8, &b, 8);
	}
	size_t k = 0;
	for (size_t i = 0; i < sizeof(raw) && k + 3 <= size; i++) {
		k += (size_t)snprintf(out + k, size - k, "%02x", raw[i]);
	}
}

/* A transfer that may have reached the server although no answer came back. */
static bool answer_lost(CURLcode code)
{
	return code == CURLE_RECV_ERROR || code == CURLE_GOT_NOTHING || code == CURLE_SEND_ERROR
		|| code == CURLE_OPERATION_TIMEDOUT || code == CURLE_PARTIAL_FILE;
}

/*
 * One request: method and path (under the server), a JSON body for a
 * POST (NULL: none), the POST's key (NULL: one is made). The answer's
 * object in *out (the caller deletes it) when it says "ok": true;
 * otherwise false with r filled from it, or RESULT_ERR_OFFLINE.
 */
static bool request(struct remote *rm, const char *method, const char *path, cJSON *body,
	const char *key, cJSON **out, struct result *r)
{
	char own_key[160], idem[200];
	char *text = body ? cJSON_PrintUnformatted(body) : NULL;
	struct buf b = { 0 };
	struct curl_slist *h = NULL;
	bool post = strcmp(method, "POST") == 0;
	CURLcode code = CURLE_OK;
	bool ok = false;
	*out = NULL;

	if (!rm->curl && !(rm->curl = desk_http_handle(&rm->target))) {
		result_fail(r, RESULT_ERR_OFFLINE, "mất kết nối máy chủ %s (không tạo được kết nối)",
			rm->target.url);
		goto out;
	}
	h = curl_slist_append(h, rm->target.auth);
	if (post) {
		if (!key) {
			key = desk_take_request_id(&rm->base, own_key, sizeof(own_key));
		}
		if (!key) {
			make_key(own_key, sizeof(own_key));
			key = own_key;
		}
		snprintf(idem, sizeof(idem), "Idempotency-Key: %s", key);
		h = curl_slist_append(h, idem);
		h = curl_slist_append(h, "Content-Type: application/json");
	}
	for (int attempt = 0; attempt <= RETRIES; attempt++) {
		free(b.data);
		b.data = NULL;
		b.len = 0;
		desk_http_setup(rm->curl, &rm->target, path);
		curl_easy_setopt(rm->curl, CURLOPT_HTTPHEADER, h);
		curl_easy_setopt(rm->curl, CURLOPT_TIMEOUT_MS, REQUEST_TIMEOUT_MS);
		curl_easy_setopt(rm->curl, CURLOPT_WRITEFUNCTION, collect);
		curl_easy_setopt(rm->curl, CURLOPT_WRITEDATA, &b);
		if (post) {
			curl_easy_setopt(rm->curl, CURLOPT_POSTFIELDS, text ? text : "{}");
		}
		code = curl_easy_perform(rm->curl);
		if (code == CURLE_OK || !answer_lost(code)) {
			break;
		}
		LOG_WARN("%s %s: %s; asking again", method, path, curl_easy_strerror(code));
	}
	if (code != CURLE_OK) {
		if (rm->reachable) {
			LOG_WARN("%s %s: %s", method, path, curl_easy_strerror(code));
		}
		rm->reachable = false;
		desk_http_offline(r, &rm->target, code);
		goto out;
	}
	rm->reachable = true;
	*out = wire_json_parse_object(b.data ? b.data : "", b.len, r);
	if (!*out) {
		long status = 0;
		curl_easy_getinfo(rm->curl, CURLINFO_RESPONSE_CODE, &status);
		result_fail(r, RESULT_ERR_IO, "máy chủ %s trả lời không hợp lệ (HTTP %ld)",
			rm->target.url, status);
		goto out;
	}
	ok = wire_result_decode(*out, r);
	if (!ok) {
		cJSON_Delete(*out);
		*out = NULL;
	}
out:
	curl_slist_free_all(h);
	free(b.data);
	free(text);
	return ok;
}

/* A request answering one ticket, into t (may be NULL). */
static bool request_ticket(struct remote *rm, const char *method, const char *path, cJSON *body,
	const char *key, struct ticket *t, struct result *r)
{
	cJSON *answer;
	struct ticket scratch;
	bool ok = request(rm, method, path, body, key, &answer, r)
		&& wire_ticket_decode(answer, t ? t : &scratch, r);
	cJSON_Delete(answer);
	cJSON_Delete(body);
	return ok;
}

/* A path segment with its reserved characters escaped. */
static void escape(struct remote *rm, const char *text, char *out, size_t size)
{
	char *e = rm->curl ? curl_easy_escape(rm->curl, text, 0) : NULL;
	snprintf(out, size, "%s", e ? e : text);
	curl_free(e);
}

static void remote_destroy(struct desk *d)
{
	struct remote *rm = remote_of(d);
	desk_stream_stop(rm->stream);
	if (rm->curl) {
		curl_easy_cleanup(rm->curl);
	}
	cJSON_Delete(rm->settings);
	free(rm);
}

static struct db *remote_db(struct desk *d, struct result *r)
{
	result_fail(r, RESULT_ERR_INVALID, "lệnh này không có qua máy chủ %s: chạy nó bằng --db "
		"trên máy chủ (máy giữ tệp cơ sở dữ liệu)", d->name);
	return NULL;
}

static bool remote_connected(struct desk *d)
{
	struct remote *rm = remote_of(d);
	if (rm->stream && desk_stream_settled(rm->stream)) {
		return desk_stream_up(rm->stream);
	}
	return rm->reachable;
}

/* Keeps the answer's "settings" for desk_setting. */
static void keep_settings(struct remote *rm, cJSON *answer)
{
	cJSON *settings = cJSON_DetachItemFromObjectCaseSensitive(answer, "settings");
	if (cJSON_IsObject(settings)) {
		cJSON_Delete(rm->settings);
		rm->settings = settings;
	} else {
		cJSON_Delete(settings);
	}
}

static bool remote_snapshot(struct desk *d, struct snapshot *s, struct result *r)
{
	struct remote *rm = remote_of(d);
	cJSON *answer;
	memset(s, 0, sizeof(*s));
	if (!request(rm, "GET", "/api/v1/snapshot", NULL, NULL, &answer, r)) {
		return false;
	}
	keep_settings(rm, answer);
	bool ok = wire_snapshot_decode(answer, s, r);
	cJSON_Delete(answer);
	return ok;
}

/* The server's words for its devices: words is the local file's way. */
static bool remote_status(struct desk *d, wire_device_words_fn words, cJSON *out,
	struct result *r)
{
	cJSON *answer, *item;
	(void)words;
	if (!request(remote_of(d), "GET", "/api/v1/status", NULL, NULL, &answer, r)) {
		return false;
	}
	while ((item = answer->child)) {
		cJSON_DetachItemViaPointer(answer, item);
		if (strcmp(item->string, "ok") == 0) {
			cJSON_Delete(item);
		} else {
			cJSON_AddItemToObject(out, item->string, item);
		}
	}
	cJSON_Delete(answer);
	return true;
}

static bool remote_last_event_id(struct desk *d, int64_t *id, struct result *r)
{
	struct snapshot s;
	if (!remote_snapshot(d, &s, r)) {
		return false;
	}
	*id = s.last_event_id;
	snapshot_finish(&s);
	return true;
}

/* The stream, started after `after` (-1: after the newest event the server has). */
static void start_stream(struct remote *rm, int64_t after)
{
	if (!rm->stream) {
		if (after < 0 && !remote_last_event_id(&rm->base, &after, NULL)) {
			after = -1;
		}
		rm->stream = desk_stream_start(&rm->target, after, rm->wake, rm->wake_ud);
	}
}

static bool remote_changed(struct desk *d, struct desk_watch *w)
{
	struct remote *rm = remote_of(d);
	start_stream(rm, -1);
	uint64_t gen = rm->stream ? desk_stream_generation(rm->stream) : 0;
	bool changed = !w->primed || gen != w->generation;
	w->primed = true;
	w->generation = gen;
	return changed;
}

static void remote_set_wake(struct desk *d, desk_wake_fn fn, void *ud)
{
	struct remote *rm = remote_of(d);
	rm->wake = fn;  /* before the stream starts: it copies them */
	rm->wake_ud = ud;
}

static bool remote_ping(struct desk *d, struct result *r)
{
	struct remote *rm = remote_of(d);
	if (rm->stream && desk_stream_settled(rm->stream)) {
		return desk_stream_up(rm->stream)
			|| result_fail(r, RESULT_ERR_OFFLINE, "mất kết nối máy chủ %s", rm->target.url);
	}
	cJSON *answer;
	bool ok = request(rm, "GET", "/api/v1/me", NULL, NULL, &answer, r);
	cJSON_Delete(answer);
	return ok;
}

static bool remote_follow(struct desk *d, struct events_cursor *c, events_fn fn, void *ud,
	struct result *r)
{
	struct remote *rm = remote_of(d);
	struct event batch[64];
	int64_t newest;
	size_t n;
	start_stream(rm, c->after);
	if (!rm->stream) {
		return result_fail(r, RESULT_ERR_OFFLINE, "mất kết nối máy chủ %s", rm->target.url);
	}
	do {
		n = desk_stream_read(rm->stream, c->after, batch, sizeof(batch) / sizeof(batch[0]),
			&newest);
		for (size_t i = 0; i < n; i++) {
			c->after = batch[i].id;
			fn(ud, &batch[i]);
		}
	} while (n == sizeof(batch) / sizeof(batch[0]));
	if (c->after > newest && newest >= 0) {
		c->after = newest;  /* the server's file was restored from a backup */
	}
	return desk_stream_up(rm->stream) || !desk_stream_settled(rm->stream)
		|| result_fail(r, RESULT_ERR_OFFLINE, "mất kết nối máy chủ %s", rm->target.url);
}

static bool remote_setting(struct desk *d, const char *key, char *out, size_t size)
{
	struct remote *rm = remote_of(d);
	*out = '\0';
	if (!rm->settings) {
		cJSON *answer;
		if (!request(rm, "GET", "/api/v1/settings", NULL, NULL, &answer, NULL)) {
			return false;
		}
		keep_settings(rm, answer);
		cJSON_Delete(answer);
	}
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(rm->settings, key);
	if (!cJSON_IsString(v)) {
		return false;
	}
	snprintf(out, size, "%s", v->valuestring);
	return true;
}

/* GET /counters/N/WHAT?max=M: {"tickets": [...]} into out. */
static bool ticket_list(struct remote *rm, int counter, const char *what, struct ticket *out,
	size_t max, size_t *n, struct result *r)
{
	char path[96];
	cJSON *answer;
	*n = 0;
	if (max == 0) {
		return true;
	}
	snprintf(path, sizeof(path), "/api/v1/counters/%d/%s?max=%zu", counter, what,
		max < LIST_MAX ? max : LIST_MAX);
	if (!request(rm, "GET", path, NULL, NULL, &answer, r)) {
		return false;
	}
	bool ok = true;
	const cJSON *item, *list = cJSON_GetObjectItemCaseSensitive(answer, "tickets");
	cJSON_ArrayForEach(item, list) {
		if (*n < max && !(ok = wire_ticket_decode(item, &out[*n], r))) {
			break;
		}
		(*n)++;
	}
	cJSON_Delete(answer);
	return ok;
}

static bool remote_upcoming(struct desk *d, int counter, struct ticket *out, size_t max,
	size_t *n, struct result *r)
{
	return ticket_list(remote_of(d), counter, "upcoming", out, max, n, r);
}

static bool remote_noshows(struct desk *d, int counter, struct ticket *out, size_t max,
	size_t *n, struct result *r)
{
	return ticket_list(remote_of(d), counter, "noshows", out, max, n, r);
}

static bool remote_services(struct desk *d, struct service **out, size_t *n, struct result *r)
{
	cJSON *answer;
	*out = NULL;
	*n = 0;
	if (!request(remote_of(d), "GET", "/api/v1/services", NULL, NULL, &answer, r)) {
		return false;
	}
	bool ok = wire_services_decode(answer, out, n, r);
	cJSON_Delete(answer);
	return ok;
}

static bool remote_counter(struct desk *d, int number, struct counter *c, char *codes,
	size_t size, struct result *r)
{
	cJSON *answer;
	struct counter *list = NULL;
	struct wire_counter_codes *texts = NULL;
	size_t n = 0;
	bool found = false;
	if (!request(remote_of(d), "GET", "/api/v1/counters", NULL, NULL, &answer, r)) {
		return false;
	}
	if (wire_counters_decode(answer, &list, &texts, &n, r)) {
		for (size_t i = 0; i < n && !found; i++) {
			if (list[i].number == number) {
				*c = list[i];
				if (codes) {
					snprintf(codes, size, "%s", texts[i].text);
				}
				found = true;
			}
		}
		if (!found) {
			result_fail(r, RESULT_ERR_NOTFOUND, "không có quầy số %d", number);
		}
	}
	free(list);
	free(texts);
	cJSON_Delete(answer);
	return found;
}

static bool remote_ticket(struct desk *d, int64_t id, struct ticket *t, struct result *r)
{
	char path[64];
	snprintf(path, sizeof(path), "/api/v1/tickets/%lld", (long long)id);
	return request_ticket(remote_of(d), "GET", path, NULL, NULL, t, r);
}

static bool remote_find_number(struct desk *d, const char *number, const char *service_code,
	struct ticket *t, struct result *r)
{
	struct remote *rm = remote_of(d);
	char path[256], num[64], svc[64] = "";
	if (!rm->curl) {
		rm->curl = desk_http_handle(&rm->target);
	}
	escape(rm, number, num, sizeof(num));
	if (service_code && *service_code) {
		escape(rm, service_code, svc, sizeof(svc));
	}
	snprintf(path, sizeof(path), "/api/v1/tickets?number=%s%s%s", num, *svc ? "&service=" : "",
		svc);
	return request_ticket(rm, "GET", path, NULL, NULL, t, r);
}

static bool remote_issue(struct desk *d, const char *code, bool priority, struct ticket *t,
	struct result *r)
{
	struct remote *rm = remote_of(d);
	char key[160];
	cJSON *body = cJSON_CreateObject();
	cJSON_AddStringToObject(body, "service", code);
	cJSON_AddBoolToObject(body, "priority", priority);
	if (desk_take_request_id(d, key, sizeof(key))) {
		/* the caller's own key */
	} else if (rm->pending_key[0] && clock_mono_ms() < rm->pending_until
			&& strcmp(rm->pending_service, code) == 0 && rm->pending_priority == priority) {
		snprintf(key, sizeof(key), "%s", rm->pending_key);
		LOG_INFO("issuing %s again with the key of the try that got no answer", code);
	} else {
		make_key(key, sizeof(key));
	}
	rm->pending_key[0] = '\0';
	bool ok = request_ticket(rm, "POST", "/api/v1/tickets", body, key, t, r);
	if (!ok && r && r->code == RESULT_ERR_OFFLINE) {
		snprintf(rm->pending_key, sizeof(rm->pending_key), "%s", key);
		snprintf(rm->pending_service, sizeof(rm->pending_service), "%s", code);
		rm->pending_priority = priority;
		rm->pending_until = clock_mono_ms() + PENDING_MS;
	}
	return ok;
}

static bool remote_call(struct desk *d, int counter, const char *number, const char *officer,
	struct ticket *t, struct result *r)
{
	struct remote *rm = remote_of(d);
	char path[64];
	cJSON *body = cJSON_CreateObject();
	if (number) {
		cJSON_AddStringToObject(body, "number", number);
	}
	if (!officer && rm->officer[0]) {
		officer = rm->officer;
	}
	if (officer) {
		cJSON_AddStringToObject(body, "officer", officer);
	}
	snprintf(path, sizeof(path), "/api/v1/counters/%d/call", counter);
	return request_ticket(rm, "POST", path, body, NULL, t, r);
}

static bool remote_counter_op(struct desk *d, int counter, const char *op, struct ticket *t,
	struct result *r)
{
	char path[64];
	snprintf(path, sizeof(path), "/api/v1/counters/%d/%s", counter, op);
	return request_ticket(remote_of(d), "POST", path, NULL, NULL, t, r);
}

static bool remote_transfer(struct desk *d, int counter, const char *to_service, int to_counter,
	struct ticket *t, struct result *r)
{
	char path[64];
	cJSON *body = cJSON_CreateObject();
	if (to_service) {
		cJSON_AddStringToObject(body, "service", to_service);
	}
	if (to_counter > 0) {
		cJSON_AddNumberToObject(body, "counter", to_counter);
	}
	snprintf(path, sizeof(path), "/api/v1/counters/%d/transfer", counter);
	return request_ticket(remote_of(d), "POST", path, body, NULL, t, r);
}

static bool remote_requeue(struct desk *d, const char *number, const char *service_code,
	struct ticket *t, struct result *r)
{
	struct remote *rm = remote_of(d);
	char path[128], num[64];
	cJSON *body = cJSON_CreateObject();
	if (service_code && *service_code) {
		cJSON_AddStringToObject(body, "service", service_code);
	}
	if (!rm->curl) {
		rm->curl = desk_http_handle(&rm->target);
	}
	escape(rm, number, num, sizeof(num));
	snprintf(path, sizeof(path), "/api/v1/tickets/%s/requeue", num);
	return request_ticket(rm, "POST", path, body, NULL, t, r);
}

static bool remote_rate(struct desk *d, int64_t ticket_id, enum ticket_rating rating,
	struct result *r)
{
	cJSON *body = cJSON_CreateObject();
	cJSON_AddNumberToObject(body, "ticket", (double)ticket_id);
	cJSON_AddNumberToObject(body, "rating", rating);
	return request_ticket(remote_of(d), "POST", "/api/v1/ratings", body, NULL, NULL, r);
}

/* A POST whose answer is only checked, not kept. */
static bool post(struct remote *rm, const char *path, cJSON *body, cJSON **keep,
	struct result *r)
{
	cJSON *answer;
	bool ok = request(rm, "POST", path, body, NULL, &answer, r);
	cJSON_Delete(body);
	if (keep) {
		*keep = answer;
	} else {
		cJSON_Delete(answer);
	}
	return ok;
}

static bool remote_pause(struct desk *d, int counter, const char *reason, struct result *r)
{
	char path[64];
	cJSON *body = cJSON_CreateObject();
	cJSON_AddStringToObject(body, "reason", reason ? reason : "");
	snprintf(path, sizeof(path), "/api/v1/counters/%d/pause", counter);
	return post(remote_of(d), path, body, NULL, r);
}

static bool remote_resume(struct desk *d, int counter, struct result *r)
{
	char path[64];
	snprintf(path, sizeof(path), "/api/v1/counters/%d/resume", counter);
	return post(remote_of(d), path, NULL, NULL, r);
}

static bool remote_set_officer(struct desk *d, int counter, const char *officer,
	struct result *r)
{
	struct remote *rm = remote_of(d);
	(void)counter;
	if (strlen(officer) >= sizeof(rm->officer)) {
		return result_fail(r, RESULT_ERR_INVALID, "tên cán bộ quá dài (tối đa %zu byte)",
			sizeof(rm->officer) - 1);
	}
	snprintf(rm->officer, sizeof(rm->officer), "%s", officer);
	return true;
}

static bool remote_device_status(struct desk *d, const char *name, const char *kind,
	const char *status, const char *detail, struct result *r)
{
	struct remote *rm = remote_of(d);
	char path[160], esc[96];
	cJSON *body = cJSON_CreateObject();
	cJSON_AddStringToObject(body, "kind", kind);
	cJSON_AddStringToObject(body, "status", status);
	cJSON_AddStringToObject(body, "detail", detail ? detail : "");
	if (!rm->curl) {
		rm->curl = desk_http_handle(&rm->target);
	}
	escape(rm, name, esc, sizeof(esc));
	snprintf(path, sizeof(path), "/api/v1/devices/%s", esc);
	return post(rm, path, body, NULL, r);
}

static bool remote_print_outcome(struct desk *d, int64_t ticket_id,
	enum desk_print_outcome outcome, const char *reason, struct result *r)
{
	static const char *const names[] = {
		[DESK_PRINT_VOID] = "void",
		[DESK_PRINT_UNCONFIRMED] = "unconfirmed",
		[DESK_PRINT_CONFIRMED] = "confirmed",
	};
	char path[64];
	cJSON *body = cJSON_CreateObject();
	cJSON_AddStringToObject(body, "outcome", names[outcome]);
	cJSON_AddStringToObject(body, "reason", reason ? reason : "");
	snprintf(path, sizeof(path), "/api/v1/tickets/%lld/print", (long long)ticket_id);
	return post(remote_of(d), path, body, NULL, r);
}

/* A PIN check as the server answers it (pin/verify, counters/N/officer). */
static void pin_check_decode(const cJSON *answer, struct pin_check *out)
{
	char outcome[16];
	wire_json_copy(answer, "outcome", outcome, sizeof(outcome));
	memset(out, 0, sizeof(*out));
	out->outcome = strcmp(outcome, "right") == 0 ? PIN_RIGHT
		: strcmp(outcome, "locked") == 0 ? PIN_LOCKED
		: strcmp(outcome, "not_set") == 0 ? PIN_NOT_SET : PIN_WRONG;
	out->lock_started = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(answer, "lock_started"));
	out->locked_ms = wire_json_get_int(answer, "locked_ms");
}

static bool remote_pin_verify(struct desk *d, const char *pin, struct pin_check *out,
	struct result *r)
{
	cJSON *answer = NULL;
	cJSON *body = cJSON_CreateObject();
	cJSON_AddStringToObject(body, "pin", pin);
	if (!post(remote_of(d), "/api/v1/pin/verify", body, &answer, r)) {
		return false;
	}
	pin_check_decode(answer, out);
	cJSON_Delete(answer);
	return true;
}

static bool remote_officers(struct desk *d, struct officer **out, size_t *n, struct result *r)
{
	cJSON *answer;
	*out = NULL;
	*n = 0;
	if (!request(remote_of(d), "GET", "/api/v1/officers", NULL, NULL, &answer, r)) {
		return false;
	}
	const cJSON *list = cJSON_GetObjectItemCaseSensitive(answer, "officers");
	size_t count = (size_t)cJSON_GetArraySize(list);
	*out = xcalloc(count ? count : 1, sizeof(**out));
	const cJSON *item;
	cJSON_ArrayForEach(item, list) {
		struct officer *o = &(*out)[(*n)++];
		o->id = wire_json_get_int(item, "id");
		wire_json_copy(item, "name", o->name, sizeof(o->name));
		o->active = true;
	}
	cJSON_Delete(answer);
	return true;
}

/* The server records the counter's officer; this desk's calls then name them too. */
static bool remote_officer_login(struct desk *d, int counter, const char *name,
	const char *pin, struct officer *officer, struct pin_check *check, struct result *r)
{
	struct remote *rm = remote_of(d);
	cJSON *answer = NULL;
	char path[64];
	cJSON *body = cJSON_CreateObject();
	cJSON_AddStringToObject(body, "officer", name);
	cJSON_AddStringToObject(body, "pin", pin);
	snprintf(path, sizeof(path), "/api/v1/counters/%d/officer", counter);
	if (!post(rm, path, body, &answer, r)) {
		return false;
	}
	pin_check_decode(answer, check);
	const cJSON *who = cJSON_GetObjectItemCaseSensitive(answer, "officer");
	if (check->outcome == PIN_RIGHT && cJSON_IsObject(who)) {
		officer->id = wire_json_get_int(who, "id");
		wire_json_copy(who, "name", officer->name, sizeof(officer->name));
		officer->active = true;
		snprintf(rm->officer, sizeof(rm->officer), "%s", officer->name);
	}
	cJSON_Delete(answer);
	return true;
}

static const struct desk_ops remote_ops = {
	.destroy = remote_destroy,
	.db = remote_db,
	.connected = remote_connected,
	.changed = remote_changed,
	.set_wake = remote_set_wake,
	.ping = remote_ping,
	.snapshot = remote_snapshot,
	.status = remote_status,
	.last_event_id = remote_last_event_id,
	.follow = remote_follow,
	.setting = remote_setting,
	.upcoming = remote_upcoming,
	.noshows = remote_noshows,
	.services = remote_services,
	.counter = remote_counter,
	.ticket = remote_ticket,
	.find_number = remote_find_number,
	.issue = remote_issue,
	.call = remote_call,
	.counter_op = remote_counter_op,
	.transfer = remote_transfer,
	.requeue = remote_requeue,
	.rate = remote_rate,
	.pause = remote_pause,
	.resume = remote_resume,
	.set_officer = remote_set_officer,
	.device_status = remote_device_status,
	.print_outcome = remote_print_outcome,
	.pin_verify = remote_pin_verify,
	.officers = remote_officers,
	.officer_login = remote_officer_login,
};

struct desk *desk_remote_create(const struct desk_options *o, struct result *r)
{
	struct remote *rm = xcalloc(1, sizeof(*rm));
	size_t len = strlen(o->server);
	while (len > 0 && o->server[len - 1] == '/') {
		len--;
	}
	if (len >= sizeof(rm->target.url) || strlen(o->token) > 300
			|| (o->tls_pin && strlen(o->tls_pin) >= sizeof(rm->target.pin))) {
		free(rm);
		result_fail(r, RESULT_ERR_INVALID, "--server, --token hoặc --tls-pin quá dài");
		return NULL;
	}
	rm->base.ops = &remote_ops;
	snprintf(rm->target.url, sizeof(rm->target.url), "%.*s", (int)len, o->server);
	snprintf(rm->target.auth, sizeof(rm->target.auth), "Authorization: Bearer %s", o->token);
	snprintf(rm->target.pin, sizeof(rm->target.pin), "%s", o->tls_pin ? o->tls_pin : "");
	snprintf(rm->base.name, sizeof(rm->base.name), "%s", rm->target.url);
	rm->reachable = true;  /* until a request says otherwise */
	return &rm->base;
}
