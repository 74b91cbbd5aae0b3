/*
 * motcuad's HTTP layer (http.h) over libmicrohttpd: worker threads each run
 * an epoll loop over their connections; a request is matched to a route as
 * soon as its headers are in, so an unknown path, a wrong method or a
 * declared body over the limit is answered before any byte of the body is
 * read; the body is collected, then the handler runs and its response is
 * queued. A stream's connection is suspended while it has nothing to send
 * and resumed by http_stream_wake from any thread.
 */
#define LOG_MODULE "http"
#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "http.h"
#include "motcua/base/clock.h"
#include "motcua/base/log.h"
#include "motcua/base/text.h"
#include "motcua/base/xalloc.h"
#include "motcua/wire/wire_result.h"

struct http_response {
	struct MHD_Response *mhd;
	unsigned status;
};

struct http_stream {
	pthread_mutex_t lock;
	struct MHD_Connection *conn;
	struct http_listener *listener;
	http_stream_fill_fn fill;
	void (*release)(void *cls);
	void *cls;
	bool suspended;              /* MHD_suspend_connection was called, no resume yet */
	bool pending;                /* woken since fill last ran */
	bool closing;                /* the listener is stopping: end the stream */
	struct http_stream *prev, *next;
};

struct http_listener {
	struct MHD_Daemon *daemon;
	int fd;
	char url[96];
	struct http_config cfg;
	pthread_mutex_t lock;
	pthread_cond_t idle;
	unsigned in_flight;          /* requests received and not completed (streams too) */
	bool closing;
	struct http_stream *streams; /* open streams, for quiesce */
};

/* One request, from its headers to its completion (MHD's con_cls). */
struct request_state {
	struct http_request rq;
	struct http_listener *listener;
	char *path;                  /* owned copy of the path, split in place for params */
	char *match;                 /* owned copy split by the matcher */
	char *body;
	size_t len, cap;
	int64_t start_ms;
	unsigned status;
	char peer[INET6_ADDRSTRLEN + 8];
};

/* --- responses ----------------------------------------------------------- */

static struct http_response *wrap(struct MHD_Response *mhd, unsigned status)
{
	if (!mhd) {
		LOG_ERR("không tạo được câu trả lời HTTP");
		return NULL;
	}
	struct http_response *resp = xcalloc(1, sizeof(*resp));
	resp->mhd = mhd;
	resp->status = status;
	return resp;
}

struct http_response *http_response_bytes(unsigned status, const char *content_type,
	const void *data, size_t len)
{
	struct http_response *resp = wrap(MHD_create_response_from_buffer(len, (void *)data,
		MHD_RESPMEM_MUST_COPY), status);
	if (resp && content_type) {
		http_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, content_type);
	}
	return resp;
}

struct http_response *http_response_json(unsigned status, cJSON *obj)
{
	char *text = cJSON_PrintUnformatted(obj);
	cJSON_Delete(obj);
	if (!text) {
		return NULL;
	}
	/* One line, as `motcua --json` prints it. */
	size_t n = strlen(text);
	text = xrealloc(text, n + 2);
	text[n] = '\n';
	text[n + 1] = '\0';
	struct http_response *resp = wrap(MHD_create_response_from_buffer(n + 1, text,
		MHD_RESPMEM_MUST_FREE), status);
	if (resp) {
		http_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE,
			"application/json; charset=utf-8");
		http_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	} else {
		free(text);
	}
	return resp;
}

struct http_response *http_response_error(unsigned status, const char *code,
	const char *message)
{
	cJSON *obj = cJSON_CreateObject();
	wire_result_error_code(obj, code, message);
	return http_response_json(status, obj);
}

struct http_response *http_response_fd(unsigned status, const char *content_type, int fd,
	uint64_t size)
{
	struct http_response *resp = wrap(MHD_create_response_from_fd64(size, fd), status);
	if (!resp) {
		close(fd);
	} else if (content_type) {
		http_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, content_type);
	}
	return resp;
}

void http_response_header(struct http_response *resp, const char *name, const char *value)
{
	if (resp && MHD_add_response_header(resp->mhd, name, value) != MHD_YES) {
		LOG_WARN("không thêm được tiêu đề %s vào câu trả lời", name);
	}
}

/* --- streams ------------------------------------------------------------- */

static ssize_t stream_read(void *cls, uint64_t pos, char *buf, size_t max)
{
	struct http_stream *s = cls;
	pthread_mutex_lock(&s->lock);
	bool closing = s->closing;
	s->pending = false;
	pthread_mutex_unlock(&s->lock);
	ssize_t n = closing ? -1 : s->fill(s->cls, buf, max);
	if (n != 0) {
		return n > 0 ? n : MHD_CONTENT_READER_END_OF_STREAM;
	}
	/* Nothing to send: sleep until woken, unless a wake came meanwhile. */
	pthread_mutex_lock(&s->lock);
	if (!s->pending && !s->closing) {
		s->suspended = true;
		MHD_suspend_connection(s->conn);
	}
	pthread_mutex_unlock(&s->lock);
	return 0;
}

void http_stream_wake(struct http_stream *s)
{
	pthread_mutex_lock(&s->lock);
	s->pending = true;
	if (s->suspended) {
		s->suspended = false;
		MHD_resume_connection(s->conn);
	}
	pthread_mutex_unlock(&s->lock);
}

static void stream_free(void *cls)
{
	struct http_stream *s = cls;
	struct http_listener *l = s->listener;
	s->release(s->cls);
	pthread_mutex_lock(&l->lock);
	if (s->prev) {
		s->prev->next = s->next;
	} else {
		l->streams = s->next;
	}
	if (s->next) {
		s->next->prev = s->prev;
	}
	pthread_cond_broadcast(&l->idle);
	pthread_mutex_unlock(&l->lock);
	pthread_mutex_destroy(&s->lock);
	free(s);
}

struct http_response *http_response_stream(struct http_request *rq, const char *content_type,
	http_stream_fill_fn fill, void (*release)(void *cls), void *cls,
	struct http_stream **stream)
{
	struct request_state *st = (struct request_state *)rq;
	struct http_listener *l = st->listener;
	struct http_stream *s = xcalloc(1, sizeof(*s));
	pthread_mutex_init(&s->lock, NULL);
	s->conn = rq->conn;
	s->listener = l;
	s->fill = fill;
	s->release = release;
	s->cls = cls;
	struct http_response *resp = wrap(MHD_create_response_from_callback(MHD_SIZE_UNKNOWN,
		16384, stream_read, s, stream_free), 200);
	if (!resp) {
		pthread_mutex_destroy(&s->lock);
		free(s);
		release(cls);
		return NULL;
	}
	http_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, content_type);
	http_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	pthread_mutex_lock(&l->lock);
	s->next = l->streams;
	if (s->next) {
		s->next->prev = s;
	}
	l->streams = s;
	s->closing = l->closing;
	pthread_mutex_unlock(&l->lock);
	*stream = s;
	return resp;
}

/* --- requests ------------------------------------------------------------ */

const char *http_request_header(const struct http_request *rq, const char *name)
{
	return MHD_lookup_connection_value(rq->conn, MHD_HEADER_KIND, name);
}

const char *http_request_cookie(const struct http_request *rq, const char *name)
{
	return MHD_lookup_connection_value(rq->conn, MHD_COOKIE_KIND, name);
}

const char *http_request_query(const struct http_request *rq, const char *name)
{
	return MHD_lookup_connection_value(rq->conn, MHD_GET_ARGUMENT_KIND, name);
}

/*
 * Whether path matches pattern; fills params (pointing into st->match, a
 * copy of the path split at '/') and rest.
 */
static bool route_matches(struct request_state *st, const char *pattern)
{
	struct http_request *rq = &st->rq;
	const char *p = pattern, *u = rq->path;
	free(st->match);
	st->match = xstrdup(rq->path);
	rq->n_params = 0;
	rq->rest = "";
	while (*p && *u) {
		size_t plen = strcspn(p, "/"), ulen = strcspn(u, "/");
		if (plen == 2 && strncmp(p, "**", 2) == 0 && p[2] == '\0') {
			rq->rest = st->match + (u - rq->path);
			return true;
		}
		if (plen == 1 && *p == '*') {
			if (ulen == 0 || rq->n_params == HTTP_MAX_PARAMS) {
				return false;
			}
			char *seg = st->match + (u - rq->path);
			seg[ulen] = '\0';
			rq->params[rq->n_params++] = seg;
		} else if (plen != ulen || strncmp(p, u, plen) != 0) {
			return false;
		}
		p += plen;
		u += ulen;
		if ((*p == '/') != (*u == '/')) {
			return false;
		}
		p += *p == '/';
		u += *u == '/';
	}
	if (strcmp(p, "**") == 0) {
		rq->rest = "";
		return true;
	}
	return *p == '\0' && *u == '\0';
}

/* Finds the route; else the 404 or 405 answer (*found false). */
static struct http_response *find_route(struct request_state *st, bool *found)
{
	const struct http_config *cfg = &st->listener->cfg;
	char allow[64] = "";
	*found = false;
	for (size_t i = 0; i < cfg->n_routes; i++) {
		const struct http_route *route = &cfg->routes[i];
		if (!route_matches(st, route->pattern)) {
			continue;
		}
		if (strcmp(route->method, st->rq.method) == 0) {
			st->rq.route = route;
			*found = true;
			return NULL;
		}
		if (!strstr(allow, route->method) && strlen(allow) + strlen(route->method) + 3
				< sizeof(allow)) {
			snprintf(allow + strlen(allow), sizeof(allow) - strlen(allow), "%s%s",
				*allow ? ", " : "", route->method);
		}
	}
	if (!*allow) {
		return http_response_error(MHD_HTTP_NOT_FOUND, WIRE_ERROR_NO_ROUTE,
			"không có đường dẫn này");
	}
	char msg[128];
	snprintf(msg, sizeof(msg), "đường dẫn này chỉ nhận %s", allow);
	struct http_response *resp = http_response_error(MHD_HTTP_METHOD_NOT_ALLOWED,
		WIRE_ERROR_METHOD, msg);
	http_response_header(resp, MHD_HTTP_HEADER_ALLOW, allow);
	return resp;
}

static enum MHD_Result queue(struct request_state *st, struct MHD_Connection *conn,
	struct http_response *resp)
{
	if (!resp) {
		resp = http_response_error(MHD_HTTP_INTERNAL_SERVER_ERROR, "io", "lỗi máy chủ");
		if (!resp) {
			return MHD_NO;
		}
	}
	st->status = resp->status;
	/* Every answer, page or not: scripts and styles only from our own files
	 * (no inline script, no eval), no framing, no sniffing, no Referer (a
	 * status page's address carries its token). */
	http_response_header(resp, "Content-Security-Policy", HTTP_CSP);
	http_response_header(resp, "X-Content-Type-Options", "nosniff");
	http_response_header(resp, "Referrer-Policy", "no-referrer");
	http_response_header(resp, "X-Frame-Options", "DENY");
	enum MHD_Result ok = MHD_queue_response(conn, resp->status, resp->mhd);
	MHD_destroy_response(resp->mhd);
	free(resp);
	return ok;
}

static void peer_text(struct MHD_Connection *conn, char *out, size_t size)
{
	const union MHD_ConnectionInfo *info = MHD_get_connection_info(conn,
		MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	snprintf(out, size, "?");
	if (!info || !info->client_addr) {
		return;
	}
	const struct sockaddr *sa = info->client_addr;
	if (sa->sa_family == AF_INET) {
		inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, out, (socklen_t)size);
	} else if (sa->sa_family == AF_INET6) {
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, out,
			(socklen_t)size);
	}
}

/* The headers are in: set the request up and answer at once what can be. */
static enum MHD_Result request_begin(struct http_listener *l, struct MHD_Connection *conn,
	const char *url, const char *method, void **con_cls)
{
	struct request_state *st = xcalloc(1, sizeof(*st));
	*con_cls = st;
	st->listener = l;
	st->start_ms = clock_mono_ms();
	st->path = xstrdup(url);
	st->rq.path = st->path;
	st->rq.method = strcmp(method, MHD_HTTP_METHOD_HEAD) == 0 ? MHD_HTTP_METHOD_GET : method;
	st->rq.body = "";
	st->rq.conn = conn;
	peer_text(conn, st->peer, sizeof(st->peer));
	st->rq.peer = st->peer;
	pthread_mutex_lock(&l->lock);
	l->in_flight++;
	bool closing = l->closing;
	pthread_mutex_unlock(&l->lock);
	if (closing) {
		struct http_response *resp = http_response_error(MHD_HTTP_SERVICE_UNAVAILABLE,
			WIRE_ERROR_UNAVAILABLE, "máy chủ đang dừng, vui lòng thử lại sau");
		http_response_header(resp, MHD_HTTP_HEADER_CONNECTION, "close");
		return queue(st, conn, resp);
	}
	bool found;
	struct http_response *resp = find_route(st, &found);
	if (!found) {
		return queue(st, conn, resp);
	}
	const char *length = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
		MHD_HTTP_HEADER_CONTENT_LENGTH);
	long declared = 0;
	if (length && (!text_parse_long(length, 0, 1L << 40, &declared)
			|| (size_t)declared > l->cfg.max_body)) {
		char msg[96];
		snprintf(msg, sizeof(msg), "nội dung yêu cầu quá %zu byte", l->cfg.max_body);
		return queue(st, conn, http_response_error(MHD_HTTP_CONTENT_TOO_LARGE,
			WIRE_ERROR_TOO_LARGE, msg));
	}
	return MHD_YES;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
	const char *method, const char *version, const char *upload_data, size_t *upload_size,
	void **con_cls)
{
	struct http_listener *l = cls;
	struct request_state *st = *con_cls;
	if (!st) {
		return request_begin(l, conn, url, method, con_cls);
	}
	if (*upload_size) {
		if (*upload_size > l->cfg.max_body - st->len) {
			/* A chunked body past the limit: no answer can be queued now; close. */
			LOG_WARN("%s %s from %s: body over %zu bytes, connection closed", st->rq.method,
				st->rq.route->log_pattern ? st->rq.route->pattern : st->rq.path, st->peer,
				l->cfg.max_body);
			st->status = MHD_HTTP_CONTENT_TOO_LARGE;
			return MHD_NO;
		}
		if (st->len + *upload_size + 1 > st->cap) {
			st->cap = st->len + *upload_size + 1;
			st->body = xrealloc(st->body, st->cap);
		}
		memcpy(st->body + st->len, upload_data, *upload_size);
		st->len += *upload_size;
		st->body[st->len] = '\0';
		*upload_size = 0;
		return MHD_YES;
	}
	st->rq.body = st->body ? st->body : "";
	st->rq.body_len = st->len;
	const struct http_route *route = st->rq.route;
	return queue(st, conn, route->handler(&st->rq, route->data));
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
	enum MHD_RequestTerminationCode toe)
{
	struct http_listener *l = cls;
	struct request_state *st = *con_cls;
	if (!st) {
		return;
	}
	*con_cls = NULL;
	int64_t ms = clock_mono_ms() - st->start_ms;
	/* A route whose path holds a secret logs its pattern instead; a path no
	 * route took (a status token sent to the wrong listener?) only its first
	 * segment. */
	char first[40];
	const char *path = st->rq.route && st->rq.route->log_pattern ? st->rq.route->pattern
		: st->rq.path;
	if (!st->rq.route && st->rq.path[0] == '/' && strchr(st->rq.path + 1, '/')) {
		snprintf(first, sizeof(first), "%.*s/...", (int)strcspn(st->rq.path + 1, "/") + 1,
			st->rq.path);
		path = first;
	}
	LOG_INFO("%s %s %u %lld ms%s%s %s%s", st->rq.method, path, st->status,
		(long long)ms, st->rq.who[0] ? " " : "", st->rq.who, st->peer,
		toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " (closed early)");
	pthread_mutex_lock(&l->lock);
	l->in_flight--;
	pthread_cond_broadcast(&l->idle);
	pthread_mutex_unlock(&l->lock);
	free(st->path);
	free(st->match);
	free(st->body);
	free(st);
}

static void on_mhd_log(void *cls, const char *fmt, va_list ap)
{
	char msg[512];
	vsnprintf(msg, sizeof(msg), fmt, ap);
	msg[strcspn(msg, "\n")] = '\0';
	LOG_WARN("libmicrohttpd: %s", msg);
}

/* --- listeners ----------------------------------------------------------- */

/* Parses "ADDR:PORT" ("[v6]:PORT" for IPv6) into addr. */
static bool parse_listen(const char *text, struct sockaddr_storage *addr, socklen_t *len,
	struct result *r)
{
	char host[64];
	const char *colon = strrchr(text, ':');
	long port;
	memset(addr, 0, sizeof(*addr));
	if (!colon || (size_t)(colon - text) >= sizeof(host)
			|| !text_parse_long(colon + 1, 0, 65535, &port)) {
		return result_fail(r, RESULT_ERR_INVALID, "địa chỉ lắng nghe \"%s\" không hợp lệ: cần "
			"ĐỊA_CHỈ:CỔNG, ví dụ 0.0.0.0:8080 hoặc [::]:8080", text);
	}
	memcpy(host, text, (size_t)(colon - text));
	host[colon - text] = '\0';
	struct sockaddr_in *v4 = (struct sockaddr_in *)addr;
	struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)addr;
	size_t hl = strlen(host);
	if (inet_pton(AF_INET, host, &v4->sin_addr) == 1) {
		v4->sin_family = AF_INET;
		v4->sin_port = htons((uint16_t)port);
		*len = sizeof(*v4);
		return true;
	}
	if (hl > 2 && host[0] == '[' && host[hl - 1] == ']') {
		host[hl - 1] = '\0';
		if (inet_pton(AF_INET6, host + 1, &v6->sin6_addr) == 1) {
			v6->sin6_family = AF_INET6;
			v6->sin6_port = htons((uint16_t)port);
			*len = sizeof(*v6);
			return true;
		}
	}
	return result_fail(r, RESULT_ERR_INVALID, "địa chỉ lắng nghe \"%s\" không hợp lệ: cần một "
		"địa chỉ IP, ví dụ 0.0.0.0:8080 hoặc [::]:8080", text);
}

static int open_socket(struct http_listener *l, const char *listen_text, struct result *r)
{
	struct sockaddr_storage addr;
	socklen_t len;
	if (!parse_listen(listen_text, &addr, &len, r)) {
		return -1;
	}
	int fd = socket(addr.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	int one = 1;
	if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) != 0
			|| (addr.ss_family == AF_INET6
				&& setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof(one)) != 0)
			|| bind(fd, (struct sockaddr *)&addr, len) != 0 || listen(fd, 128) != 0) {
		int err = errno;
		if (fd >= 0) {
			close(fd);
		}
		result_fail(r, RESULT_ERR_IO, "không lắng nghe được trên %s: %s%s", listen_text,
			strerror(err), err == EADDRINUSE ? " (một chương trình khác đang dùng cổng này)"
			: err == EACCES ? " (cổng dưới 1024 cần quyền root)" : "");
		return -1;
	}
	len = sizeof(addr);
	getsockname(fd, (struct sockaddr *)&addr, &len);
	char host[INET6_ADDRSTRLEN];
	const char *scheme = l->cfg.tls_cert_pem ? "https" : "http";
	if (addr.ss_family == AF_INET) {
		struct sockaddr_in *v4 = (struct sockaddr_in *)&addr;
		inet_ntop(AF_INET, &v4->sin_addr, host, sizeof(host));
		snprintf(l->url, sizeof(l->url), "%s://%s:%u", scheme, host, ntohs(v4->sin_port));
	} else {
		struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)&addr;
		inet_ntop(AF_INET6, &v6->sin6_addr, host, sizeof(host));
		snprintf(l->url, sizeof(l->url), "%s://[%s]:%u", scheme, host, ntohs(v6->sin6_port));
	}
	return fd;
}

struct http_listener *http_listener_start(const struct http_config *cfg, struct result *r)
{
	struct http_listener *l = xcalloc(1, sizeof(*l));
	l->cfg = *cfg;
	pthread_mutex_init(&l->lock, NULL);
	pthread_cond_init(&l->idle, NULL);
	bool tls = cfg->tls_cert_pem && cfg->tls_key_pem;
	if (tls && MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES) {
		result_fail(r, RESULT_ERR_IO, "libmicrohttpd trên máy này không có TLS (cài gói libmicrohttpd có GnuTLS)");
		goto fail;
	}
	l->fd = open_socket(l, cfg->listen, r);
	if (l->fd < 0) {
		goto fail;
	}
	unsigned flags = MHD_USE_EPOLL_INTERNAL_THREAD | MHD_ALLOW_SUSPEND_RESUME
		| MHD_USE_ERROR_LOG | (tls ? MHD_USE_TLS : 0)
		| (strstr(l->url, "://[") ? MHD_USE_IPv6 : 0);
	struct MHD_OptionItem opts[] = {
		{ MHD_OPTION_EXTERNAL_LOGGER, (intptr_t)on_mhd_log, NULL },
		{ MHD_OPTION_LISTEN_SOCKET, l->fd, NULL },
		{ MHD_OPTION_THREAD_POOL_SIZE, cfg->threads, NULL },
		{ MHD_OPTION_CONNECTION_LIMIT, cfg->max_connections, NULL },
		{ MHD_OPTION_PER_IP_CONNECTION_LIMIT, cfg->max_per_address, NULL },
		{ MHD_OPTION_CONNECTION_TIMEOUT, cfg->timeout_s, NULL },
		{ MHD_OPTION_NOTIFY_COMPLETED, (intptr_t)on_completed, l },
		{ tls ? MHD_OPTION_HTTPS_MEM_CERT : MHD_OPTION_END, 0, (void *)cfg->tls_cert_pem },
		{ tls ? MHD_OPTION_HTTPS_MEM_KEY : MHD_OPTION_END, 0, (void *)cfg->tls_key_pem },
		{ MHD_OPTION_END, 0, NULL },
	};
	l->daemon = MHD_start_daemon(flags, 0, NULL, NULL, on_request, l,
		MHD_OPTION_ARRAY, opts, MHD_OPTION_END);
	if (!l->daemon) {
		result_fail(r, RESULT_ERR_IO, "không khởi động được máy chủ HTTP trên %s%s", cfg->listen,
			tls ? " (kiểm tra chứng chỉ và khóa TLS)" : "");
		close(l->fd);
		goto fail;
	}
	return l;
fail:
	pthread_cond_destroy(&l->idle);
	pthread_mutex_destroy(&l->lock);
	free(l);
	return NULL;
}

const char *http_listener_url(const struct http_listener *l)
{
	return l->url;
}

void http_listener_quiesce(struct http_listener *l)
{
	if (!l || l->closing) {
		return;
	}
	int fd = MHD_quiesce_daemon(l->daemon);
	if (fd >= 0) {
		close(fd);
	}
	pthread_mutex_lock(&l->lock);
	l->closing = true;
	for (struct http_stream *s = l->streams; s; s = s->next) {
		pthread_mutex_lock(&s->lock);
		s->closing = true;
		pthread_mutex_unlock(&s->lock);
		http_stream_wake(s);
	}
	pthread_mutex_unlock(&l->lock);
}

bool http_listener_wait_idle(struct http_listener *l, int timeout_ms)
{
	struct timespec deadline;
	clock_gettime(CLOCK_REALTIME, &deadline);
	deadline.tv_sec += timeout_ms / 1000;
	deadline.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
	if (deadline.tv_nsec >= 1000000000L) {
		deadline.tv_sec++;
		deadline.tv_nsec -= 1000000000L;
	}
	pthread_mutex_lock(&l->lock);
	int rc = 0;
	while ((l->in_flight || l->streams) && rc != ETIMEDOUT) {
		rc = pthread_cond_timedwait(&l->idle, &l->lock, &deadline);
	}
	bool idle = !l->in_flight && !l->streams;
	pthread_mutex_unlock(&l->lock);
	return idle;
}

void http_listener_stop(struct http_listener *l)
{
	if (!l) {
		return;
	}
	/* MHD may not stop with a connection suspended: wake every stream to end it. */
	http_listener_quiesce(l);
	MHD_stop_daemon(l->daemon);
	pthread_cond_destroy(&l->idle);
	pthread_mutex_destroy(&l->lock);
	free(l);
}
