#pragma once
/*
 * motcuad's HTTP layer over libmicrohttpd. A listener is one address (plain
 * or TLS) with its own route table, so the staff API and, later, the
 * public ticket-status pages can listen apart. A route is a method and a
 * path pattern whose '*' segments match one segment each and whose final
 * "**" matches the rest; the matched segments reach the handler as
 * params. No route for the path: 404; the path exists with another
 * method: 405 with Allow. HEAD is answered as GET.
 *
 * The layer guards what every route shares: a body over max_body is
 * refused (413 when its Content-Length says so at once; a chunked body
 * that grows past it closes the connection), idle connections close after
 * timeout_s, at most max_connections in all and max_per_address from one
 * address. One log line per request (method, path, status, time, who, peer
 * address); the query string, the headers and the body are never logged,
 * nor the path of a route marked log_pattern (its pattern instead). Every
 * answer carries HTTP_CSP, nosniff, no-referrer and no framing.
 *
 * Handlers run on the listener's worker threads (several at once) and
 * return a response. A stream (Server-Sent Events) is a response whose
 * fill function is called whenever the client can take more; when it has
 * nothing it returns 0 and the connection sleeps, costing no thread and
 * no CPU, until http_stream_wake.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <cjson/cJSON.h>
#include "motcua/base/result.h"

#define HTTP_MAX_PARAMS 4

struct http_route;

struct http_request {
	const char *method;         /* "GET" (also for HEAD), "POST", ... */
	const char *path;           /* decoded, without the query string */
	const char *params[HTTP_MAX_PARAMS];  /* the segments matched by '*', in order */
	size_t n_params;
	const char *rest;           /* what a final "**" matched ("" if none) */
	const char *body;           /* the request body, NUL-terminated ("" if none) */
	size_t body_len;
	const char *peer;           /* the client's address */
	const struct http_route *route;
	char who[48];               /* for the log line: who asked (a device's name) */
	void *conn;                 /* the layer's (struct MHD_Connection) */
};

/* A request header (case-insensitive name) or a query argument; NULL when absent. */
const char *http_request_header(const struct http_request *rq, const char *name);
/* A cookie sent with the request; NULL when absent. */
const char *http_request_cookie(const struct http_request *rq, const char *name);
const char *http_request_query(const struct http_request *rq, const char *name);

struct http_response;
/* A JSON body (obj is printed and deleted), Content-Type application/json. */
struct http_response *http_response_json(unsigned status, cJSON *obj);
/* {"ok": false, "error": code, "message": message} (motcua/wire/wire_result.h). */
struct http_response *http_response_error(unsigned status, const char *code,
	const char *message);
/* A body copied from data. */
struct http_response *http_response_bytes(unsigned status, const char *content_type,
	const void *data, size_t len);
/* A file's contents (fd is taken over and closed). */
struct http_response *http_response_fd(unsigned status, const char *content_type, int fd,
	uint64_t size);
void http_response_header(struct http_response *resp, const char *name, const char *value);

/*
 * A stream: fill writes up to max bytes and returns how many, 0 when it has
 * nothing now (the connection sleeps until http_stream_wake), -1 to end.
 * release(cls) runs once when the connection is gone; after it returns,
 * nobody may wake the stream. *stream receives the stream's handle.
 */
struct http_stream;
typedef ssize_t (*http_stream_fill_fn)(void *cls, char *buf, size_t max);
struct http_response *http_response_stream(struct http_request *rq, const char *content_type,
	http_stream_fill_fn fill, void (*release)(void *cls), void *cls,
	struct http_stream **stream);
/* Calls the stream's fill again soon; any thread, while the stream is not released. */
void http_stream_wake(struct http_stream *s);

typedef struct http_response *(*http_handler_fn)(struct http_request *rq, void *data);

struct http_route {
	const char *method;
	const char *pattern;        /* "/api/v1/counters/ * /call" without the spaces */
	http_handler_fn handler;
	void *data;
	bool log_pattern;           /* the path holds a secret: log the pattern, not the path */
};

/*
 * The Content-Security-Policy of every answer: everything from this
 * server only, no inline script or style, no eval, no plugins, no frames.
 * (media-src for the board's voice clips; img-src data: for the status
 * page's tiny icons.)
 */
#define HTTP_CSP "default-src 'self'; script-src 'self'; style-src 'self'; " \
	"img-src 'self' data:; media-src 'self'; connect-src 'self'; object-src 'none'; " \
	"base-uri 'none'; frame-ancestors 'none'; form-action 'self'"

struct http_config {
	const char *listen;         /* "ADDR:PORT", IPv4 or [IPv6]; port 0 takes a free one */
	const char *tls_cert_pem;   /* with tls_key_pem: HTTPS; both NULL: HTTP */
	const char *tls_key_pem;
	const struct http_route *routes;
	size_t n_routes;
	unsigned threads;           /* worker threads */
	unsigned max_connections;
	unsigned max_per_address;
	unsigned timeout_s;         /* an idle connection is closed after this */
	size_t max_body;            /* bytes */
};

struct http_listener;
/* Binds and starts serving; NULL with r filled (address in use, bad TLS pair...). */
struct http_listener *http_listener_start(const struct http_config *cfg, struct result *r);
/* "http://127.0.0.1:8080" with the port really bound. */
const char *http_listener_url(const struct http_listener *l);
/*
 * Stops accepting connections; requests that still arrive on open ones
 * are answered 503, and every stream ends.
 */
void http_listener_quiesce(struct http_listener *l);
/* Waits until no request is in flight, at most timeout_ms; true when none is left. */
bool http_listener_wait_idle(struct http_listener *l, int timeout_ms);
/* Stops and frees (NULL-safe). Quiesce and wait first to finish requests in flight. */
void http_listener_stop(struct http_listener *l);
