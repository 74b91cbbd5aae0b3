/* Static files (statics.h). */
#define LOG_MODULE "statics"
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "motcua/base/log.h"
#include "motcua/wire/wire_result.h"
#include "statics.h"

static const char *content_type(const char *path)
{
	static const struct { const char *ext, *type; } types[] = {
		{ ".html", "text/html; charset=utf-8" }, { ".css", "text/css; charset=utf-8" },
		{ ".js", "text/javascript; charset=utf-8" }, { ".json", "application/json" },
		{ ".svg", "image/svg+xml" }, { ".png", "image/png" }, { ".ico", "image/x-icon" },
		{ ".woff2", "font/woff2" }, { ".ogg", "audio/ogg" }, { ".wav", "audio/wav" },
		{ ".txt", "text/plain; charset=utf-8" },
	};
	const char *dot = strrchr(path, '.');
	for (size_t i = 0; dot && i < sizeof(types) / sizeof(types[0]); i++) {
		if (strcmp(dot, types[i].ext) == 0) {
			return types[i].type;
		}
	}
	return "application/octet-stream";
}

static struct http_response *not_found(void)
{
	return http_response_error(404, WIRE_ERROR_NO_ROUTE, "không có tệp này");
}

/* Serves path if it is a regular file whose real location is under root. */
static struct http_response *serve(const char *root, const char *path)
{
	char real[PATH_MAX], real_root[PATH_MAX];
	if (!realpath(root, real_root) || !realpath(path, real)) {
		return not_found();
	}
	size_t n = strlen(real_root);
	if (strcmp(real, real_root) != 0 && (strncmp(real, real_root, n) != 0 || real[n] != '/')) {
		return not_found();
	}
	int fd = open(real, O_RDONLY | O_CLOEXEC);
	struct stat sb;
	if (fd < 0 || fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		if (fd >= 0) {
			close(fd);
		}
		return not_found();
	}
	struct http_response *resp = http_response_fd(200, content_type(real), fd,
		(uint64_t)sb.st_size);
	http_response_header(resp, "Cache-Control", "no-cache");
	return resp;
}

struct http_response *statics_dir(struct http_request *rq, void *data)
{
	const struct statics *st = data;
	const char *rest = rq->rest;
	/* Every segment must be a plain name: no "..", no hidden file, no empty part. */
	for (const char *p = rest; *p;) {
		size_t len = strcspn(p, "/");
		if (len == 0 || p[0] == '.') {
			return not_found();
		}
		p += len + (p[len] == '/');
	}
	char path[PATH_MAX];
	int n = snprintf(path, sizeof(path), "%s/%s", st->root, *rest ? rest : "index.html");
	if (n < 0 || (size_t)n >= sizeof(path)) {
		return not_found();
	}
	return serve(st->root, path);
}

struct http_response *statics_file(struct http_request *rq, void *data)
{
	const struct statics *st = data;
	char dir[PATH_MAX];
	snprintf(dir, sizeof(dir), "%s", st->root);
	char *slash = strrchr(dir, '/');
	if (slash) {
		*slash = '\0';
	}
	return serve(slash ? dir : ".", st->root);
}
