/*
 * motcuad: the desk's queue on the LAN. It owns the SQLite file and serves
 * the queue over HTTP (api.c: /api/v1/..., the same JSON as `motcua
 * --json`), with a live event stream (sse.c, fed by feed.c), to kiosks,
 * screens and counters on other PCs, each with a device token.
 *
 *   motcuad [--db PATH] [--listen ADDR:PORT] [--tls-cert FILE --tls-key FILE]
 *
 * main() opens the file (migrating it), records where it listens and its
 * TLS fingerprint (for `motcua token add`), starts the event feed and the
 * listener, then sleeps until SIGTERM or SIGINT: it then stops taking
 * connections, lets the requests in flight finish (at most 10 s), ends
 * the event streams and exits 0. Start reading main().
 */
#define LOG_MODULE "motcuad"
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "api.h"
#include "dbpool.h"
#include "feed.h"
#include "http.h"
#include "motcua-config.h"
#include "motcua/base/clock.h"
#include "motcua/base/log.h"
#include "motcua/base/paths.h"
#include "motcua/base/text.h"
#include "motcua/base/xalloc.h"
#include "motcua/store/server_info.h"
#include "motcua/store/settings.h"
#include "statics.h"
#include "tls.h"

#define DEFAULT_LISTEN "127.0.0.1:8080"
#define FEED_POLL_MS 10            /* commits by other processes seen within this */
#define HEARTBEAT_MS 15000
#define STOP_GRACE_MS 10000
#define MAX_ROUTES 48

struct options {
	const char *db, *listen, *tls_cert, *tls_key, *web, *url_file;
	unsigned threads, max_connections, max_per_address, timeout_s;
};

static void usage(FILE *f)
{
	fprintf(f,
		"Cách dùng: motcuad [--db PATH] [--listen ADDR:PORT] [--tls-cert FILE --tls-key FILE]\n"
		"Máy chủ hàng đợi của bộ phận một cửa trong mạng LAN: máy lấy số, màn hình và quầy\n"
		"trên các máy khác dùng nó bằng mã truy cập của thiết bị (`motcua token add`).\n\n"
		"  --db PATH              tệp cơ sở dữ liệu (mặc định: $MOTCUA_DB, nếu không có thì\n"
		"                         /var/lib/motcua/motcua.db)\n"
		"  --listen ADDR:PORT     địa chỉ lắng nghe (mặc định " DEFAULT_LISTEN "; 0.0.0.0:8080 cho\n"
		"                         mạng LAN, [::]:8080 cho IPv6; cổng 0 chọn một cổng trống)\n"
		"  --tls-cert FILE        dùng HTTPS với chứng chỉ này (PEM) ...\n"
		"  --tls-key FILE         ... và khóa của nó (PEM)\n"
		"  --threads N            số luồng xử lý (mặc định 4)\n"
		"  --max-connections N    tổng số kết nối mở (mặc định 256)\n"
		"  --max-per-address N    số kết nối mở từ một địa chỉ (mặc định 32)\n"
		"  --timeout S            đóng kết nối không hoạt động sau S giây (mặc định 30)\n"
		"  --web DIR              thư mục trang web phục vụ dưới /assets/ (mặc định: assets/web)\n"
		"  --url-file FILE        ghi địa chỉ đang phục vụ vào tệp khi đã lắng nghe (cho kịch bản tự động)\n"
		"  --help, --version\n");
}

static bool parse_unsigned(const char *text, long min, long max, unsigned *out)
{
	long v;
	if (!text_parse_long(text, min, max, &v)) {
		return false;
	}
	*out = (unsigned)v;
	return true;
}

/* 0: go on; otherwise the exit code. */
static int parse_options(int argc, char **argv, struct options *o)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "listen", required_argument, NULL, 'l' },
		{ "tls-cert", required_argument, NULL, 'c' },
		{ "tls-key", required_argument, NULL, 'k' },
		{ "threads", required_argument, NULL, 't' },
		{ "max-connections", required_argument, NULL, 'm' },
		{ "max-per-address", required_argument, NULL, 'a' },
		{ "timeout", required_argument, NULL, 'T' },
		{ "web", required_argument, NULL, 'w' },
		{ "url-file", required_argument, NULL, 'u' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	*o = (struct options){ .listen = DEFAULT_LISTEN, .threads = 4, .max_connections = 256,
		.max_per_address = 32, .timeout_s = 30 };
	int c;
	bool ok = true;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd': o->db = optarg; break;
		case 'l': o->listen = optarg; break;
		case 'c': o->tls_cert = optarg; break;
		case 'k': o->tls_key = optarg; break;
		case 'w': o->web = optarg; break;
		case 'u': o->url_file = optarg; break;
		case 't': ok = ok && parse_unsigned(optarg, 1, 64, &o->threads); break;
		case 'm': ok = ok && parse_unsigned(optarg, 1, 100000, &o->max_connections); break;
		case 'a': ok = ok && parse_unsigned(optarg, 1, 100000, &o->max_per_address); break;
		case 'T': ok = ok && parse_unsigned(optarg, 1, 3600, &o->timeout_s); break;
		case 'h': usage(stdout); return -1;
		case 'V': printf("motcuad %s\n", MOTCUA_VERSION); return -1;
		default: ok = false; break;
		}
	}
	if (!ok || optind < argc || !o->tls_cert != !o->tls_key) {
		fprintf(stderr, "motcuad: %s\n", !o->tls_cert != !o->tls_key
			? "--tls-cert và --tls-key phải đi cùng nhau"
			: "tùy chọn không hợp lệ (xem motcuad --help)");
		usage(stderr);
		return 2;
	}
	return 0;
}

/* Writes the URL to path atomically (a script waits for the file). */
static bool write_url_file(const char *path, const char *url)
{
	char *tmp = xasprintf("%s.tmp", path);
	FILE *f = fopen(tmp, "w");
	bool ok = f && fprintf(f, "%s\n", url) > 0;
	ok = f && fclose(f) == 0 && ok && rename(tmp, path) == 0;
	if (!ok) {
		LOG_ERR("cannot write %s", path);
		unlink(tmp);
	}
	free(tmp);
	return ok;
}

/* The zone, and the clock's one-time state, before any thread starts. */
static bool prepare_process(struct dbpool *pool, struct result *r)
{
	struct db *db = dbpool_acquire(pool, r);
	if (!db) {
		return false;
	}
	settings_use_zone(db);
	clock_now_ms();
	clock_stamp_now();
	dbpool_release(pool, db);
	return true;
}

static bool record_identity(struct dbpool *pool, const char *url, const struct tls_identity *tls,
	struct result *r)
{
	struct server_info info = { .started_ms = clock_now_ms() };
	snprintf(info.url, sizeof(info.url), "%s", url);
	if (tls) {
		snprintf(info.tls_fingerprint, sizeof(info.tls_fingerprint), "%s", tls->fingerprint);
		snprintf(info.tls_pin, sizeof(info.tls_pin), "%s", tls->pin);
	}
	struct db *db = dbpool_acquire(pool, r);
	bool ok = db && server_info_record(db, &info, r);
	dbpool_release(pool, db);
	return ok;
}

static int wait_for_signal(void)
{
	sigset_t set;
	int sig = 0;
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigwait(&set, &sig);
	return sig;
}

int main(int argc, char **argv)
{
	struct options o;
	struct result r = { 0 };
	struct tls_identity tls = { 0 };
	struct dbpool *pool = NULL;
	struct feed *feed = NULL;
	struct api *api = NULL;
	struct http_listener *staff = NULL;
	char *web = NULL;
	int code = 1;
	log_init("motcuad", LOG_LEVEL_INFO);
	int parsed = parse_options(argc, argv, &o);
	if (parsed) {
		return parsed < 0 ? 0 : parsed;
	}
	/* Every thread started below inherits this: only sigwait sees the signals. */
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
	const char *path = db_default_path(o.db);
	if ((o.tls_cert && !tls_identity_load(o.tls_cert, o.tls_key, &tls, &r))
			|| !(pool = dbpool_create(path, &r)) || !prepare_process(pool, &r)
			|| !(feed = feed_create(path, FEED_POLL_MS,
				HEARTBEAT_MS < (int)o.timeout_s * 500 ? HEARTBEAT_MS : (int)o.timeout_s * 500, &r))) {
		LOG_ERR("%s", r.msg);
		goto out;
	}
	api = api_create(pool, feed);
	struct http_route routes[MAX_ROUTES];
	size_t n = api_routes(api, routes, MAX_ROUTES - 1);
	web = o.web ? xstrdup(o.web) : paths_asset("web");
	struct statics site = { web };
	if (web && access(web, R_OK | X_OK) == 0) {
		routes[n++] = (struct http_route){ "GET", "/assets/**", statics_dir, &site };
	}
	struct http_config cfg = {
		.listen = o.listen, .tls_cert_pem = tls.cert_pem, .tls_key_pem = tls.key_pem,
		.routes = routes, .n_routes = n, .threads = o.threads,
		.max_connections = o.max_connections, .max_per_address = o.max_per_address,
		.timeout_s = o.timeout_s, .max_body = 64 * 1024,
	};
	staff = http_listener_start(&cfg, &r);
	if (!staff || !record_identity(pool, http_listener_url(staff), o.tls_cert ? &tls : NULL,
			&r)) {
		LOG_ERR("%s", r.msg);
		goto out;
	}
	LOG_INFO("serving %s on %s%s%s", path, http_listener_url(staff),
		o.tls_cert ? ", TLS certificate SHA-256 " : "", o.tls_cert ? tls.fingerprint : "");
	if (o.url_file && !write_url_file(o.url_file, http_listener_url(staff))) {
		goto out;
	}
	int sig = wait_for_signal();
	LOG_INFO("signal %d: finishing the requests in flight, then stopping", sig);
	http_listener_quiesce(staff);
	if (!http_listener_wait_idle(staff, STOP_GRACE_MS)) {
		LOG_WARN("requests still in flight after %d ms; stopping anyway", STOP_GRACE_MS);
	}
	code = 0;
out:
	http_listener_stop(staff);
	api_destroy(api);
	feed_destroy(feed);
	dbpool_destroy(pool);
	tls_identity_finish(&tls);
	free(web);
	if (code == 0) {
		LOG_INFO("stopped");
	}
	return code;
}
