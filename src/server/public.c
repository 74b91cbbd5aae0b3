/*
 * The public routes (public.h): a ticket's status page and its JSON, read
 * by the status token alone, behind a per-address rate limit.
 */
#define LOG_MODULE "public"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "motcua/base/log.h"
#include "motcua/base/xalloc.h"
#include "motcua/store/public_status.h"
#include "motcua/wire/wire_public.h"
#include "motcua/wire/wire_result.h"
#include "public.h"
#include "ratelimit.h"
#include "statics.h"

struct public_site {
	struct dbpool *pool;
	struct ratelimit *limit;
	char *dir, *page;
	struct statics files, status_page;
};

/* The one answer for every token that does not open a ticket: it reveals nothing. */
static const char gone_html[] =
	"<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">"
	"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
	"<title>Phiếu không còn hiệu lực</title>"
	"<link rel=\"stylesheet\" href=\"/p/status.css\"></head>"
	"<body><main class=\"gone\"><h1>Phiếu không còn hiệu lực</h1>"
	"<p>Mã trên phiếu này không còn dùng được. Phiếu chỉ có hiệu lực trong ngày được cấp."
	" Quý công dân vui lòng hỏi cán bộ tại bộ phận một cửa.</p></main></body></html>\n";

static struct http_response *too_many(void)
{
	struct http_response *resp = http_response_error(429, WIRE_ERROR_TOO_MANY,
		"quá nhiều yêu cầu, vui lòng chờ một lát rồi thử lại");
	http_response_header(resp, "Retry-After", "30");
	return resp;
}

/* "TOKEN.json" -> TOKEN, json true; "TOKEN" -> TOKEN. False when too long. */
static bool split_token(const char *seg, char *token, size_t size, bool *json)
{
	size_t n = strlen(seg);
	*json = n > 5 && strcmp(seg + n - 5, ".json") == 0;
	if (*json) {
		n -= 5;
	}
	if (n >= size) {
		return false;
	}
	memcpy(token, seg, n);
	token[n] = '\0';
	return true;
}

static struct http_response *on_ticket(struct http_request *rq, void *data)
{
	struct public_site *p = data;
	if (!ratelimit_take(p->limit, rq->peer)) {
		return too_many();
	}
	char token[64];
	bool json = false;
	struct public_status ps;
	struct result r = { 0 };
	bool found = split_token(rq->params[0], token, sizeof(token), &json);
	struct db *db = found ? dbpool_acquire(p->pool, &r) : NULL;
	if (found && !db) {
		LOG_ERR("no database connection: %s", r.msg);
		return http_response_error(500, result_code_name(r.code), "lỗi máy chủ");
	}
	found = found && public_status_read(db, token, &ps, &r);
	dbpool_release(p->pool, db);
	if (!found && r.code != RESULT_OK && r.code != RESULT_ERR_NOTFOUND) {
		LOG_ERR("status page: %s", r.msg);
		return http_response_error(500, result_code_name(r.code), "lỗi máy chủ");
	}
	if (!found) {
		return json ? http_response_error(404, "not_found", "Phiếu không còn hiệu lực")
			: http_response_bytes(404, "text/html; charset=utf-8", gone_html,
				sizeof(gone_html) - 1);
	}
	if (!json) {
		struct http_response *resp = statics_file(rq, &p->status_page);
		http_response_header(resp, "Cache-Control", "no-store");
		return resp;
	}
	cJSON *obj = cJSON_CreateObject();
	wire_public_status_encode(obj, &ps);
	wire_result_ok(obj);
	return http_response_json(200, obj);
}

static struct http_response *on_file(struct http_request *rq, void *data)
{
	struct public_site *p = data;
	if (!ratelimit_take(p->limit, rq->peer)) {
		return too_many();
	}
	return statics_dir(rq, &p->files);
}

struct public_site *public_create(struct dbpool *pool, const char *web)
{
	struct public_site *p = xcalloc(1, sizeof(*p));
	p->pool = pool;
	p->limit = ratelimit_create(PUBLIC_BURST, PUBLIC_RATE_PER_MIN);
	p->dir = xasprintf("%s/public", web);
	p->page = xasprintf("%s/public/status.html", web);
	p->files.root = p->dir;
	p->status_page.root = p->page;
	return p;
}

void public_destroy(struct public_site *p)
{
	if (!p) {
		return;
	}
	ratelimit_destroy(p->limit);
	free(p->dir);
	free(p->page);
	free(p);
}

size_t public_routes(struct public_site *p, struct http_route *out, size_t max)
{
	const struct http_route routes[] = {
		{ "GET", "/t/*", on_ticket, p, true },
		{ "GET", "/p/**", on_file, p, false },
	};
	size_t n = sizeof(routes) / sizeof(routes[0]);
	n = n < max ? n : max;
	memcpy(out, routes, n * sizeof(*out));
	return n;
}
