/*
 * The LAN server under a provincial centre's load, on loopback (not run by
 * CI): 60 counters, 10 waiting-room displays on the event stream and 2
 * kiosks, at RATE times a busy day (a busy day: 2,000 tickets in 8 hours).
 * Prints the latency of calls (request to answer), the delay from an
 * event's commit to each display receiving it (the server's own commits
 * under the load, then 20 commits by another process, `motcua issue`),
 * and then, with the load stopped and the displays still connected, the
 * server's idle CPU and RSS.
 *
 *   server-bench BUILD_DIR [SECONDS=120] [RATE=10] [IDLE_S=30]
 *
 * Kiosks issue with exponential gaps; an officer serves each citizen for a
 * random 20-100 s (scaled by RATE), then calls the next (which finishes the
 * current one); with nobody waiting an officer looks again after 3-8 s.
 * The delay to a display is measured from the event's stamp (taken inside
 * its write transaction, before the commit) to the frame's arrival, so it
 * includes the commit itself.
 */
#include <curl/curl.h>
#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define COUNTERS 60
#define DISPLAYS 10
#define KIOSKS 2
#define MAX_SAMPLES 400000

static char url[256], dir[256];
static char counter_tok[COUNTERS][64], display_tok[DISPLAYS][64], kiosk_tok[KIOSKS][64];
static double rate = 10;
static atomic_bool running = true;

struct samples {
	pthread_mutex_t lock;
	double *v;
	size_t n;
};
static struct samples calls, served_calls, issues, delivery, outside;
/* Where the displays put their delays: the load's, then another process's commits. */
static struct samples *_Atomic deliveries = &delivery;

static void add(struct samples *s, double ms)
{
	pthread_mutex_lock(&s->lock);
	if (s->n < MAX_SAMPLES) {
		s->v[s->n++] = ms;
	}
	pthread_mutex_unlock(&s->lock);
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static void report(const char *what, struct samples *s)
{
	if (!s->n) {
		printf("%-34s no samples\n", what);
		return;
	}
	qsort(s->v, s->n, sizeof(double), cmp);
	double sum = 0;
	for (size_t i = 0; i < s->n; i++) {
		sum += s->v[i];
	}
	printf("%-34s n=%-6zu mean %6.2f  p50 %6.2f  p99 %6.2f  max %7.2f ms\n", what, s->n,
		sum / (double)s->n, s->v[s->n / 2], s->v[(size_t)((double)(s->n - 1) * 0.99)],
		s->v[s->n - 1]);
}

static double mono_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static double wall_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Sleeps ms, waking early when the run ends. */
static void nap(double ms)
{
	double until = mono_ms() + ms;
	while (running && mono_ms() < until) {
		double left = until - mono_ms();
		struct timespec ts = { 0, (long)((left < 100 ? left : 100) * 1e6) };
		nanosleep(&ts, NULL);
	}
}

static size_t sink(char *p, size_t size, size_t n, void *ud)
{
	char *buf = ud;
	size_t len = strlen(buf), add_n = size * n;
	if (len + add_n < 4096) {
		memcpy(buf + len, p, add_n);
		buf[len + add_n] = '\0';
	}
	return size * n;
}

/* POSTs to path; the status, the answer in buf (4 KB), the time in *ms. */
static long post(CURL *c, const char *path, const char *tok, const char *body, char *buf,
	double *ms)
{
	char target[512], auth[128];
	snprintf(target, sizeof(target), "%s%s", url, path);
	snprintf(auth, sizeof(auth), "Authorization: Bearer %s", tok);
	struct curl_slist *h = curl_slist_append(NULL, auth);
	h = curl_slist_append(h, "Content-Type: application/json");
	buf[0] = '\0';
	curl_easy_setopt(c, CURLOPT_URL, target);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, sink);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, buf);
	double t0 = mono_ms();
	long status = 0;
	if (curl_easy_perform(c) == CURLE_OK) {
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	}
	*ms = mono_ms() - t0;
	curl_slist_free_all(h);
	return status;
}

static double uniform(unsigned *seed, double lo, double hi)
{
	return lo + (hi - lo) * (double)rand_r(seed) / RAND_MAX;
}

static void *kiosk(void *arg)
{
	static const char *const services[] = { "HT", "CT", "DD", "LD", "KH" };
	int k = (int)(intptr_t)arg;
	unsigned seed = 1000 + (unsigned)k;
	CURL *c = curl_easy_init();
	char buf[4096], body[64];
	/* A busy day: 2,000 tickets in 8 hours, shared by the kiosks. */
	double mean_gap_ms = 8 * 3600e3 / 2000 / rate * KIOSKS;
	for (int i = 0; running; i++) {
		nap(-mean_gap_ms * log(1 - uniform(&seed, 0, 0.999)));
		if (!running) {
			break;
		}
		double ms;
		snprintf(body, sizeof(body), "{\"service\":\"%s\"}", services[rand_r(&seed) % 5]);
		if (post(c, "/api/v1/tickets", kiosk_tok[k], body, buf, &ms) == 201) {
			add(&issues, ms);
		}
	}
	curl_easy_cleanup(c);
	return NULL;
}

static void *officer(void *arg)
{
	int n = (int)(intptr_t)arg;
	unsigned seed = (unsigned)n;
	CURL *c = curl_easy_init();
	char buf[4096], path[64];
	snprintf(path, sizeof(path), "/api/v1/counters/%d/call", n + 1);
	nap(uniform(&seed, 0, 5000));
	while (running) {
		double ms;
		long status = post(c, path, counter_tok[n], "", buf, &ms);
		add(&calls, ms);
		if (status == 200) {
			add(&served_calls, ms);
			nap(uniform(&seed, 20000, 100000) / rate);
		} else {
			nap(uniform(&seed, 3000, 8000));
		}
	}
	curl_easy_cleanup(c);
	return NULL;
}

struct display {
	char buf[65536];
	size_t len;
	bool measuring;
};
static struct display displays[DISPLAYS];

/* Each complete frame: the delay from its event's stamp (at_ms) to now. */
static size_t on_frames(char *p, size_t size, size_t n, void *ud)
{
	struct display *d = ud;
	size_t add_n = size * n;
	if (d->len + add_n >= sizeof(d->buf)) {
		d->len = 0;
	}
	memcpy(d->buf + d->len, p, add_n);
	d->len += add_n;
	d->buf[d->len] = '\0';
	double now = wall_ms();
	char *end;
	while ((end = strstr(d->buf, "\n\n"))) {
		*end = '\0';
		const char *at = strstr(d->buf, "\"at_ms\":");
		if (at && d->measuring) {
			add(deliveries, now - atof(at + 8));
		}
		size_t used = (size_t)(end + 2 - d->buf);
		memmove(d->buf, end + 2, d->len - used + 1);
		d->len -= used;
	}
	return add_n;
}

static int stop_displays(void *ud, curl_off_t a, curl_off_t b, curl_off_t c, curl_off_t d)
{
	return ud != NULL && !*(atomic_bool *)ud;
}

static atomic_bool displays_on = true;

static void *display(void *arg)
{
	int n = (int)(intptr_t)arg;
	char target[512], auth[128];
	snprintf(target, sizeof(target), "%s/api/v1/events", url);
	snprintf(auth, sizeof(auth), "Authorization: Bearer %s", display_tok[n]);
	struct curl_slist *h = curl_slist_append(NULL, auth);
	CURL *c = curl_easy_init();
	displays[n].measuring = true;
	curl_easy_setopt(c, CURLOPT_URL, target);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_frames);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &displays[n]);
	curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, stop_displays);
	curl_easy_setopt(c, CURLOPT_XFERINFODATA, &displays_on);
	curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
	curl_easy_perform(c);
	curl_easy_cleanup(c);
	curl_slist_free_all(h);
	return NULL;
}

static void run(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void run(const char *fmt, ...)
{
	char cmd[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	if (system(cmd) != 0) {
		fprintf(stderr, "failed: %s\n", cmd);
		exit(1);
	}
}

static void token(const char *build, char *out, const char *args)
{
	char cmd[512];
	snprintf(cmd, sizeof(cmd), "%s/src/cli/motcua --db %s/bench.db --json token add %s"
		" | sed -n 's/.*\"token\":\"\\([^\"]*\\)\".*/\\1/p'", build, dir, args);
	FILE *p = popen(cmd, "r");
	if (!p || !fgets(out, 64, p)) {
		fprintf(stderr, "no token: %s\n", args);
		exit(1);
	}
	out[strcspn(out, "\n")] = '\0';
	pclose(p);
}

static long long cpu_ticks(pid_t pid)
{
	char path[64];
	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	FILE *f = fopen(path, "r");
	long long ut = 0, st = 0;
	if (f) {
		/* After "(comm)": state and 11 fields, then utime and stime. */
		char line[1024];
		if (fgets(line, sizeof(line), f)) {
			char *p = strrchr(line, ')');
			sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lld %lld", &ut, &st);
		}
		fclose(f);
	}
	return ut + st;
}

static long status_kb(pid_t pid, const char *key)
{
	char path[64], line[256];
	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	FILE *f = fopen(path, "r");
	long kb = -1;
	while (f && fgets(line, sizeof(line), f)) {
		if (strncmp(line, key, strlen(key)) == 0) {
			kb = atol(line + strlen(key) + 1);
		}
	}
	if (f) {
		fclose(f);
	}
	return kb;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: server-bench BUILD_DIR [SECONDS=120] [RATE=10] [IDLE_S=30]\n");
		return 2;
	}
	const char *build = argv[1];
	int seconds = argc > 2 ? atoi(argv[2]) : 120, idle_s = argc > 4 ? atoi(argv[4]) : 30;
	rate = argc > 3 ? atof(argv[3]) : 10;
	struct samples *all[] = { &calls, &served_calls, &issues, &delivery, &outside };
	for (size_t i = 0; i < 5; i++) {
		pthread_mutex_init(&all[i]->lock, NULL);
		all[i]->v = malloc(MAX_SAMPLES * sizeof(double));
	}
	snprintf(dir, sizeof(dir), "/tmp/motcua-server-bench-%d", (int)getpid());
	run("mkdir -p %s && %s/src/cli/motcua --db %s/bench.db init --demo >/dev/null", dir, build,
		dir);
	for (int c = 5; c <= COUNTERS; c++) {
		run("%s/src/cli/motcua --db %s/bench.db counter add %d 'Quầy %d' HT,CT,DD,LD,KH"
			" >/dev/null", build, dir, c, c);
	}
	for (int c = 1; c <= 4; c++) {
		run("%s/src/cli/motcua --db %s/bench.db counter assign %d HT,CT,DD,LD,KH >/dev/null",
			build, dir, c);
	}
	char args[96];
	for (int i = 0; i < COUNTERS; i++) {
		snprintf(args, sizeof(args), "c%d --role counter --counter %d", i + 1, i + 1);
		token(build, counter_tok[i], args);
	}
	for (int i = 0; i < DISPLAYS; i++) {
		snprintf(args, sizeof(args), "d%d --role display", i + 1);
		token(build, display_tok[i], args);
	}
	for (int i = 0; i < KIOSKS; i++) {
		snprintf(args, sizeof(args), "k%d --role kiosk", i + 1);
		token(build, kiosk_tok[i], args);
	}
	char url_file[300], db[300], server[300], log[300];
	snprintf(url_file, sizeof(url_file), "%s/url", dir);
	snprintf(db, sizeof(db), "%s/bench.db", dir);
	snprintf(server, sizeof(server), "%s/src/server/motcuad", build);
	snprintf(log, sizeof(log), "%s/motcuad.log", dir);
	pid_t pid = fork();
	if (pid == 0) {
		freopen(log, "w", stderr);
		setenv("MOTCUA_LOG", "warn", 1);
		execl(server, server, "--db", db, "--listen", "127.0.0.1:0", "--url-file", url_file,
			"--max-per-address", "200", (char *)NULL);
		_exit(127);
	}
	for (int i = 0; i < 200 && access(url_file, R_OK) != 0; i++) {
		usleep(20000);
	}
	FILE *f = fopen(url_file, "r");
	if (!f || !fgets(url, sizeof(url), f)) {
		fprintf(stderr, "motcuad did not start (see %s)\n", log);
		kill(pid, SIGKILL);
		return 1;
	}
	fclose(f);
	url[strcspn(url, "\n")] = '\0';
	curl_global_init(CURL_GLOBAL_DEFAULT);
	printf("motcuad at %s: %d counters, %d displays, %d kiosks, %.0fx a busy day "
		"(%.2f tickets/s), %d s\n", url, COUNTERS, DISPLAYS, KIOSKS, rate,
		2000.0 / 8 / 3600 * rate, seconds);
	pthread_t threads[COUNTERS + DISPLAYS + KIOSKS];
	int nt = 0;
	for (int i = 0; i < DISPLAYS; i++) {
		pthread_create(&threads[nt++], NULL, display, (void *)(intptr_t)i);
	}
	sleep(1);
	for (int i = 0; i < KIOSKS; i++) {
		pthread_create(&threads[nt++], NULL, kiosk, (void *)(intptr_t)i);
	}
	for (int i = 0; i < COUNTERS; i++) {
		pthread_create(&threads[nt++], NULL, officer, (void *)(intptr_t)i);
	}
	sleep((unsigned)seconds);
	running = false;
	for (int i = DISPLAYS; i < nt; i++) {
		pthread_join(threads[i], NULL);
	}
	report("issue (POST tickets)", &issues);
	report("call (POST counters/N/call), all", &calls);
	report("call that called a citizen", &served_calls);
	report("commit -> each display (SSE)", &delivery);
	/* Commits by another process on the same file (the technician's motcua). */
	sleep(1);
	deliveries = &outside;
	for (int i = 0; i < 20; i++) {
		run("%s/src/cli/motcua --db %s issue KH >/dev/null", build, db);
		usleep(300000 + 37000 * (i % 5));
	}
	sleep(1);
	report("another process's commit -> display", &outside);
	long hwm = status_kb(pid, "VmHWM:");
	/* Idle, with the displays still connected. */
	sleep(3);
	long long t0 = cpu_ticks(pid);
	double w0 = mono_ms();
	sleep((unsigned)idle_s);
	long long t1 = cpu_ticks(pid);
	double w1 = mono_ms();
	double cpu = (double)(t1 - t0) / (double)sysconf(_SC_CLK_TCK) / ((w1 - w0) / 1e3) * 100;
	printf("idle %d s with %d displays connected: CPU %.2f %% of a core, RSS %ld KB "
		"(peak during the load %ld KB)\n", idle_s, DISPLAYS, cpu, status_kb(pid, "VmRSS:"),
		hwm);
	displays_on = false;
	for (int i = 0; i < DISPLAYS; i++) {
		pthread_join(threads[i], NULL);
	}
	kill(pid, SIGTERM);
	int st;
	waitpid(pid, &st, 0);
	printf("motcuad stopped: %s\n", WIFEXITED(st) && WEXITSTATUS(st) == 0 ? "exit 0" : "FAILED");
	run("rm -rf %s", dir);
	curl_global_cleanup();
	return 0;
}
