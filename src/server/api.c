/*
 * The API's route table and dispatcher (api.h). For every route the
 * dispatcher recognises the device by its bearer token (or an officer by
 * the session cookie of the web counter page, as a counter device whose
 * writes must pass the same-origin test), checks its role,
 * reads the JSON body ({} when there is none) and the Idempotency-Key, runs
 * the handler with a database connection of the pool, and answers its
 * object with "ok" added. Handlers are in api_read.c and api_write.c; the
 * event stream in sse.c.
 */
#define LOG_MODULE "api"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "api_call.h"
#include "motcua/base/log.h"
#include "motcua/base/text.h"
#include "motcua/base/xalloc.h"
#include "motcua/store/counters.h"
#include "motcua/wire/wire_json.h"
#include "motcua/wire/wire_result.h"
#include "session.h"
#include "sse.h"

#define ROLE(r) (1u << TOKEN_##r)
#define OPEN (1u << 31)      /* no token needed: the officer's login and logout */
#define ANY (ROLE(KIOSK) | ROLE(DISPLAY) | ROLE(COUNTER) | ROLE(ADMIN) | ROLE(RATING))
#define KIOSK (ROLE(KIOSK) | ROLE(ADMIN))
#define COUNTER (ROLE(COUNTER) | ROLE(ADMIN))

/* The longest Idempotency-Key: with "DEVICE:" it stays a core request id (128). */
#define KEY_MAX (128 - TOKEN_NAME_MAX - 1)

struct api_route {
	const char *method;
	const char *pattern;
	api_handler_fn fn;           /* NULL: the event stream */
	unsigned roles;              /* ROLE() bits that may call it */
};

static const struct api_route table[] = {
	{ "GET", "/api/v1/me", api_get_me, ANY },
	{ "GET", "/api/v1/services", api_get_services, ANY },
	{ "GET", "/api/v1/counters", api_get_counters, ANY },
	{ "GET", "/api/v1/settings", api_get_settings, ANY },
	{ "GET", "/api/v1/status", api_get_status, ANY },
	{ "GET", "/api/v1/snapshot", api_get_snapshot, ANY },
	{ "GET", "/api/v1/events", NULL, ANY },
	{ "GET", "/api/v1/counters/*/upcoming", api_get_upcoming, ANY },
	{ "GET", "/api/v1/counters/*/noshows", api_get_noshows, ANY },
	{ "GET", "/api/v1/tickets", api_find_ticket, ANY },
	{ "GET", "/api/v1/tickets/*", api_get_ticket, ANY },
	{ "POST", "/api/v1/tickets", api_post_ticket, KIOSK },
	{ "POST", "/api/v1/tickets/*/requeue", api_post_requeue, COUNTER },
	{ "POST", "/api/v1/tickets/*/cancel", api_post_cancel, COUNTER },
	{ "POST", "/api/v1/tickets/*/print", api_post_print, KIOSK },
	{ "POST", "/api/v1/counters/*/call", api_post_call, COUNTER },
	{ "POST", "/api/v1/counters/*/recall", api_post_recall, COUNTER },
	{ "POST", "/api/v1/counters/*/skip", api_post_skip, COUNTER },
	{ "POST", "/api/v1/counters/*/finish", api_post_finish, COUNTER },
	{ "POST", "/api/v1/counters/*/transfer", api_post_transfer, COUNTER },
	{ "POST", "/api/v1/counters/*/pause", api_post_pause, COUNTER },
	{ "POST", "/api/v1/counters/*/resume", api_post_resume, COUNTER },
	{ "POST", "/api/v1/ratings", api_post_rating, COUNTER | ROLE(RATING) },
	{ "POST", "/api/v1/devices/*", api_post_device, KIOSK | ROLE(COUNTER) },
	{ "POST", "/api/v1/pin/verify", api_post_pin, KIOSK },
	{ "GET", "/api/v1/officers", api_get_officers, COUNTER },
	{ "POST", "/api/v1/counters/*/officer", api_post_counter_officer, COUNTER },
	{ "POST", "/api/v1/login", api_post_login, OPEN },
	{ "POST", "/api/v1/logout", api_post_logout, OPEN },
	{ "GET", "/api/v1/voice", api_get_voice, ANY },
};
#define N_ROUTES (sizeof(table) / sizeof(table[0]))

struct binding {
	struct api *api;
	const struct api_route *route;
};

struct api {
	struct dbpool *pool;
	struct feed *feed;
	struct sessions *sessions;
	struct binding bindings[N_ROUTES];
};

unsigned api_status(enum result_code code)
{
	switch (code) {
	case RESULT_OK: return 200;
	case RESULT_ERR_INVALID: return 400;
	case RESULT_ERR_NOTFOUND: return 404;
	case RESULT_ERR_EMPTY:
	case RESULT_ERR_STATE:
	case RESULT_ERR_CAP:
	case RESULT_ERR_CLOCK: return 409;
	case RESULT_ERR_PRINTER: return 503;
	case RESULT_ERR_DB:
	case RESULT_ERR_IO:
	default: return 500;
	}
}

unsigned api_fail(struct api_call *call, const struct result *r)
{
	wire_result_error(call->out, r);
	return api_status(r->code);
}

unsigned api_forbid(struct api_call *call, const char *message)
{
	wire_result_error_code(call->out, WIRE_ERROR_FORBIDDEN, message);
	return 403;
}

bool api_body_only(struct api_call *call, const char *const *keys, unsigned *status)
{
	struct result r = { 0 };
	if (!wire_json_only(call->body, keys, &r)) {
		*status = api_fail(call, &r);
		return false;
	}
	return true;
}

bool api_param_counter(struct api_call *call, size_t i, int *counter, unsigned *status)
{
	long n;
	if (i >= call->rq->n_params || !text_parse_long(call->rq->params[i], 1, 999, &n)) {
		struct result r;
		result_fail(&r, RESULT_ERR_NOTFOUND, "không có quầy số \"%s\"",
			i < call->rq->n_params ? call->rq->params[i] : "");
		*status = api_fail(call, &r);
		return false;
	}
	*counter = (int)n;
	return true;
}

bool api_may_act_on(const struct api_call *call, int counter)
{
	return call->device->role == TOKEN_ADMIN || call->device->counter == counter;
}

bool api_may_act_on_ticket(struct api_call *call, const struct ticket *t)
{
	int mine = call->device->counter;
	if (call->device->role == TOKEN_ADMIN || t->counter == mine || t->target_counter == mine) {
		return true;
	}
	struct counter c;
	if (!counter_find(call->db, mine, &c, NULL)) {
		return false;
	}
	for (size_t i = 0; i < c.n_services; i++) {
		if (c.service_ids[i] == t->service_id) {
			return true;
		}
	}
	return false;
}

void api_write_begin(struct api_call *call)
{
	dbpool_write_begin(call->api->pool);
}

void api_write_end(struct api_call *call)
{
	dbpool_write_end(call->api->pool);
	feed_kick(call->api->feed);
}

struct feed *api_feed(struct api *api)
{
	return api->feed;
}

struct dbpool *api_pool(struct api *api)
{
	return api->pool;
}

struct sessions *api_sessions(struct api *api)
{
	return api->sessions;
}

/*
 * Whether a browser's write comes from our own page: the custom header
 * X-Motcua (a cross-site form cannot send one, and a cross-site script
 * may not without our consent, which CORS never gives) and an Origin that
 * names the host the request was sent to.
 */
static bool same_origin(const struct http_request *rq)
{
	const char *mark = http_request_header(rq, "X-Motcua");
	const char *origin = http_request_header(rq, "Origin");
	const char *host = http_request_header(rq, "Host");
	if (!mark || strcmp(mark, "1") != 0 || !origin || !host || !*host) {
		return false;
	}
	const char *rest = strncmp(origin, "http://", 7) == 0 ? origin + 7
		: strncmp(origin, "https://", 8) == 0 ? origin + 8 : NULL;
	return rest && strcmp(rest, host) == 0;
}

/* The officer's session behind the request's cookie, as a device of role counter. */
static bool session_device(struct api *api, const struct http_request *rq,
	struct token_info *device, struct session_info *sess)
{
	const char *id = http_request_cookie(rq, SESSION_COOKIE);
	if (!id || !sessions_find(api->sessions, id, sess)) {
		return false;
	}
	*device = (struct token_info){ .role = TOKEN_COUNTER, .counter = sess->counter };
	snprintf(device->name, sizeof(device->name), "officer-%lld", (long long)sess->officer_id);
	return true;
}

/* The token of "Authorization: Bearer TOKEN"; NULL when there is none. */
static const char *bearer(const struct http_request *rq)
{
	const char *auth = http_request_header(rq, "Authorization");
	if (!auth || strncasecmp(auth, "Bearer ", 7) != 0) {
		return NULL;
	}
	auth += 7;
	while (*auth == ' ') {
		auth++;
	}
	size_t n = strlen(auth);
	return n > 0 && n <= 256 ? auth : NULL;
}

static struct http_response *unauthorized(const char *message)
{
	struct http_response *resp = http_response_error(401, WIRE_ERROR_UNAUTHORIZED, message);
	http_response_header(resp, "WWW-Authenticate", "Bearer realm=\"motcua\"");
	return resp;
}

/* The core request id for the Idempotency-Key header, if any; false: 400 in out. */
static bool idempotency(struct api_call *call, char *id, size_t size)
{
	const char *key = http_request_header(call->rq, "Idempotency-Key");
	bool ok = true;
	if (!key) {
		return true;
	}
	size_t n = strlen(key);
	ok = n >= 1 && n <= KEY_MAX;
	for (size_t i = 0; ok && i < n; i++) {
		ok = key[i] >= 0x21 && key[i] <= 0x7e;
	}
	if (!ok) {
		char msg[160];
		snprintf(msg, sizeof(msg), "Idempotency-Key phải gồm 1 đến %d ký tự ASCII in được, "
			"không có khoảng trắng", KEY_MAX);
		wire_result_error_code(call->out, result_code_name(RESULT_ERR_INVALID), msg);
		return false;
	}
	snprintf(id, size, "%s:%s", call->device->name, key);
	call->request_id = id;
	return true;
}

static struct http_response *dispatch(struct http_request *rq, void *data)
{
	const struct binding *b = data;
	struct api *api = b->api;
	const struct api_route *route = b->route;
	struct result r = { 0 };
	struct token_info device = { .name = "web" };
	struct session_info sess = { 0 };
	const char *token = bearer(rq);
	bool browser = route->roles == OPEN || (!token && session_device(api, rq, &device, &sess));
	if (!token && !browser) {
		return unauthorized("cần mã truy cập của thiết bị (Authorization: Bearer MÃ) hoặc "
			"đăng nhập của cán bộ");
	}
	/* A browser's cookie goes with any request to us: its writes must prove their origin. */
	if (browser && strcmp(rq->method, "GET") != 0 && !same_origin(rq)) {
		return http_response_error(403, WIRE_ERROR_FORBIDDEN,
			"yêu cầu không đến từ trang của máy chủ này (thiếu X-Motcua hoặc Origin sai)");
	}
	struct db *db = dbpool_acquire(api->pool, &r);
	if (!db) {
		LOG_ERR("no database connection: %s", r.msg);
		return http_response_error(500, result_code_name(r.code), r.msg);
	}
	enum token_check check = browser ? TOKEN_VALID : tokens_check(db, token, &device);
	if (check != TOKEN_VALID) {
		dbpool_release(api->pool, db);
		return check == TOKEN_UNKNOWN
			? unauthorized("mã truy cập không đúng hoặc đã bị thu hồi")
			: http_response_error(500, result_code_name(RESULT_ERR_DB),
				"không đọc được danh sách thiết bị");
	}
	snprintf(rq->who, sizeof(rq->who), "%s", device.name);
	if (route->roles != OPEN && !(route->roles & (1u << device.role))) {
		dbpool_release(api->pool, db);
		char msg[160];
		snprintf(msg, sizeof(msg), "thiết bị %s (vai trò %s) không được làm việc này",
			device.name, token_role_name(device.role));
		return http_response_error(403, WIRE_ERROR_FORBIDDEN, msg);
	}
	if (!route->fn) {
		dbpool_release(api->pool, db);
		return sse_open(rq, api->pool, api->feed);
	}
	struct api_call call = { .api = api, .rq = rq, .db = db, .device = &device,
		.officer = sess.officer[0] ? sess.officer : NULL };
	char request_id[160];
	call.out = cJSON_CreateObject();
	cJSON *body = rq->body_len ? wire_json_parse_object(rq->body, rq->body_len, &r)
		: cJSON_CreateObject();
	unsigned status;
	if (!body) {
		status = api_fail(&call, &r);
	} else if (!idempotency(&call, request_id, sizeof(request_id))) {
		status = 400;
	} else {
		call.body = body;
		status = route->fn(&call);
	}
	if (status < 300) {
		wire_result_ok(call.out);
	}
	cJSON_Delete(body);
	dbpool_release(api->pool, db);
	struct http_response *resp = http_response_json(status, call.out);
	if (call.set_cookie[0]) {
		http_response_header(resp, "Set-Cookie", call.set_cookie);
	}
	return resp;
}

struct api *api_create(struct dbpool *pool, struct feed *feed)
{
	struct api *api = xcalloc(1, sizeof(*api));
	api->pool = pool;
	api->feed = feed;
	api->sessions = sessions_create();
	for (size_t i = 0; i < N_ROUTES; i++) {
		api->bindings[i] = (struct binding){ api, &table[i] };
	}
	return api;
}

void api_destroy(struct api *api)
{
	if (api) {
		sessions_destroy(api->sessions);
	}
	free(api);
}

size_t api_routes(struct api *api, struct http_route *out, size_t max)
{
	size_t n = 0;
	for (; n < N_ROUTES && n < max; n++) {
		out[n] = (struct http_route){ table[n].method, table[n].pattern, dispatch,
			&api->bindings[n], false };
	}
	return n;
}
