#pragma once
/*
 * Inside the desk layer: one HTTP connection to motcuad (libcurl), shared
 * by the remote desk's requests (desk_remote.c) and its event stream
 * (desk_stream.c), each with its own handle.
 */
#include <stdbool.h>
#include <curl/curl.h>
#include "motcua/base/result.h"

struct desk_http_target {
	char url[400];           /* the server, without a trailing / */
	char auth[400];          /* "Authorization: Bearer TOKEN" */
	char pin[200];           /* "sha256//..." or "" */
};

/* A handle set up for target (TLS pin, timeouts, no signals); path appended to the URL. */
CURL *desk_http_handle(const struct desk_http_target *t);
void desk_http_setup(CURL *c, const struct desk_http_target *t, const char *path);
/* A failed transfer in words: RESULT_ERR_OFFLINE with the server's address. */
bool desk_http_offline(struct result *r, const struct desk_http_target *t, CURLcode code);
