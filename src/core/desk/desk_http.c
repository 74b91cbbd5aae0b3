/*
 * What every request to motcuad has in common: the address, the token, the
 * pinned TLS key and the timeouts, and the words for a server out of reach.
 */
#define LOG_MODULE "desk"
#include <pthread.h>
#include <stdio.h>
#include "desk_http.h"
#include "motcua/base/log.h"

/* A LAN answers in milliseconds: past these the server counts as unreachable. */
#define CONNECT_TIMEOUT_MS 3000L

static pthread_once_t once = PTHREAD_ONCE_INIT;

static void global_init(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
}

CURL *desk_http_handle(const struct desk_http_target *t)
{
	(void)t;
	pthread_once(&once, global_init);
	CURL *c = curl_easy_init();
	if (!c) {
		LOG_ERR("cannot create an HTTP handle");
	}
	return c;
}

void desk_http_setup(CURL *c, const struct desk_http_target *t, const char *path)
{
	char url[1200];
	snprintf(url, sizeof(url), "%s%s", t->url, path);
	curl_easy_reset(c);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, CONNECT_TIMEOUT_MS);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_TCP_KEEPALIVE, 1L);
	if (t->pin[0]) {
		/* A self-signed certificate: its key's pin is the trust, not a CA or a name. */
		curl_easy_setopt(c, CURLOPT_PINNEDPUBLICKEY, t->pin);
		curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 0L);
		curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 0L);
	}
}

bool desk_http_offline(struct result *r, const struct desk_http_target *t, CURLcode code)
{
	if (code == CURLE_SSL_PINNEDPUBKEYNOTMATCH) {
		return result_fail(r, RESULT_ERR_OFFLINE, "mất kết nối máy chủ %s: khóa TLS của máy chủ "
			"không khớp --tls-pin (máy chủ khác, hoặc đã đổi chứng chỉ)", t->url);
	}
	return result_fail(r, RESULT_ERR_OFFLINE, "mất kết nối máy chủ %s (%s)", t->url,
		curl_easy_strerror(code));
}
