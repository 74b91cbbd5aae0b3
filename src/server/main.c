/*
 * motcuad: the desk's queue on the LAN. It owns the SQLite file and serves
 * the queue over HTTP (api.c: /api/v1/..., the same JSON as `motcua
 * --json`), with a live event stream (sse.c, fed by feed.c), to kiosks,
 * screens and counters on other PCs, each with a device token.
 *
 *   motcuad [--db PATH] [--listen ADDR:PORT] [--public-listen ADDR:PORT]
 *           [--tls-cert FILE --tls-key FILE]
 *
 * The staff listener also serves the browser pages (assets/web: /counter,
 * /rate/N, /board, their files under /assets/, the voice clips under
 * /voice/); the public listener, when asked for, serves only the citizens'
 * ticket-status pages (public.h), so a waiting-room Wi-Fi can reach it and
 * nothing else.
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
#include "public.h"
#include "statics.h"
#include "tls.h"

#define DEFAULT_LISTEN "127.0.0.1:8080"
#define FEED_POLL_MS 10            /* commits by other processes seen within this */
#define HEARTBEAT_MS 15000
#define STOP_GRACE_MS 10000
#define MAX_ROUTES 48

struct options {
	const char *db, *listen, *tls_cert, *tls_key, *web, *url_file, *public_listen;
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
		"  --public-listen ADDR:PORT  địa chỉ riêng cho trang theo dõi số của công dân\n"
		"                         (/t/MÃ trên mã QR của phiếu; chỉ phục vụ trang này)\n"
		"  --tls-cert FILE        dùng HTTPS với chứng chỉ này (PEM) ...\n"
		"  --tls-key FILE         ... và khóa của nó (PEM)\n"
		"  --threads N            số luồng xử lý (mặc định 4)\n"
		"  --max-connections N    tổng số kết nối mở (mặc định 256)\n"
		"  --max-per-address N    số kết nối mở từ một địa chỉ (mặc định 32)\n"
		"  --timeout S            đóng kết nối không hoạt động sau S giây (mặc định 30)\n"
		"  --web DIR              thư mục trang web phục vụ dưới /assets/ (mặc định: assets/web)\n"
		"  --url-file FILE        ghi địa chỉ đang phục vụ vào tệp khi đã lắng nghe (cho kịch bản tự động;\n"
		"                         dòng thứ hai: địa chỉ --public-listen)\n"
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
		{ "public-listen", required_argument, NULL, 'p' },
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
		case 'p': o->public_listen = optarg; break;
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

/* Writes the URLs to path atomically (a script waits for the file). */
static bool write_url_file(const char *path, const char *url, const char *public_url)
{
	char *tmp = xasprintf("%s.tmp", path);
	FILE *f = fopen(tmp, "w");
	bool ok = f && fprintf(f, "%s\n%s", url, public_url ? public_url : "") >= 0
		&& (!public_url || fputc('\n', f) != EOF);
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
	struct http_listener *staff = NULL, *public = NULL;
	struct public_site *site_public = NULL;
	char *web = NULL, *voice = NULL, *page_counter = NULL, *page_rate = NULL, *page_board = NULL;
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
	if (!web) {
		web = xstrdup("assets/web");
	}
	voice = paths_asset("voice/vi");
	struct statics site = { web }, clips = { voice };
	page_counter = xasprintf("%s/counter.html", web);
	page_rate = xasprintf("%s/rate.html", web);
	page_board = xasprintf("%s/board.html", web);
	struct statics counter_page = { page_counter }, rate_page = { page_rate },
		board_page = { page_board };
	if (access(web, R_OK | X_OK) == 0) {
		routes[n++] = (struct http_route){ "GET", "/assets/**", statics_dir, &site, false };
		routes[n++] = (struct http_route){ "GET", "/counter", statics_file, &counter_page, false };
		routes[n++] = (struct http_route){ "GET", "/rate/*", statics_file, &rate_page, false };
		routes[n++] = (struct http_route){ "GET", "/board", statics_file, &board_page, false };
	}
	if (voice && access(voice, R_OK | X_OK) == 0) {
		routes[n++] = (struct http_route){ "GET", "/voice/**", statics_dir, &clips, false };
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
	struct http_route public_table[4];   /* lives as long as the listener */
	if (o.public_listen) {
		site_public = public_create(pool, web);
		struct http_config pcfg = cfg;
		pcfg.listen = o.public_listen;
		pcfg.routes = public_table;
		pcfg.n_routes = public_routes(site_public, public_table, 4);
		pcfg.max_body = 1024;
		/* Plain HTTP: a phone cannot be told to trust the desk's own certificate. */
		pcfg.tls_cert_pem = pcfg.tls_key_pem = NULL;
		public = http_listener_start(&pcfg, &r);
		if (!public) {
			LOG_ERR("%s", r.msg);
			goto out;
		}
		LOG_INFO("serving the ticket-status pages on %s", http_listener_url(public));
	}
	if (o.url_file && !write_url_file(o.url_file, http_listener_url(staff),
			public ? http_listener_url(public) : NULL)) {
		goto out;
	}
	int sig = wait_for_signal();
	LOG_INFO("signal %d: finishing the requests in flight, then stopping", sig);
	http_listener_quiesce(staff);
	http_listener_quiesce(public);
	if (!http_listener_wait_idle(staff, STOP_GRACE_MS)
			|| (public && !http_listener_wait_idle(public, STOP_GRACE_MS))) {
		LOG_WARN("requests still in flight after %d ms; stopping anyway", STOP_GRACE_MS);
	}
	code = 0;
out:
	http_listener_stop(public);
	http_listener_stop(staff);
	public_destroy(site_public);
	api_destroy(api);
	feed_destroy(feed);
	dbpool_destroy(pool);
	tls_identity_finish(&tls);
	free(web);
	free(voice);
	free(page_counter);
	free(page_rate);
	free(page_board);
	if (code == 0) {
		LOG_INFO("stopped");
	}
	return code;
}
