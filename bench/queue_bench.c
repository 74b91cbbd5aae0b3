/*
 * Queue throughput and latency with 1, 4 and 8 concurrent processes on one
 * database file (synchronous=FULL, as in production).
 *
 *   queue-bench [DIR] [TICKETS_PER_PROCESS]
 *
 * Phase 1: every process issues tickets. Phase 2: every process calls next
 * at a counter until the queue is empty. Prints operations per second and
 * p50/p99/max latency per phase. Not a test: it only prints figures.
 *
 * Two loads: "saturated" (each process starts its next operation at once, a
 * worst case no desk produces) and "paced" (each process waits 2-6 ms between
 * operations: with 8 processes still ~1,500 operations a second, about
 * 20,000 times a busy desk's 2,000 tickets a day).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "motcua/store/counters.h"
#include "motcua/store/demo.h"
#include "motcua/base/log.h"
#include "motcua/store/queue.h"
#include "motcua/store/services.h"

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* One worker: runs its phase and writes its latencies (ms) to out. */
static int pace_us;  /* think time between a process's operations; 0 = closed loop */

static int worker(const char *db_path, int index, bool calling, int count, const char *out)
{
	struct result r = { 0 };
	struct db *db = db_open(db_path, DB_READWRITE, &r);
	FILE *f = fopen(out, "wb");
	if (!db || !f) {
		fprintf(stderr, "worker: %s\n", r.msg);
		return 1;
	}
	static const char *const codes[] = { "HT", "CT", "DD", "LD", "KH" };
	for (int i = 0; calling || i < count; i++) {
		struct ticket t;
		double t0 = now_s();
		bool ok = calling ? queue_call_next(db, NULL, 1 + index % 4, NULL, &t, &r)
			: queue_issue(db, NULL, codes[(index + i) % 5], false, &t, &r);
		double ms = (now_s() - t0) * 1000.0;
		if (!ok) {
			if (calling && r.code == RESULT_ERR_EMPTY) {
				break;
			}
			fprintf(stderr, "worker %d: %s\n", index, r.msg);
			return 1;
		}
		fwrite(&ms, sizeof(ms), 1, f);
		if (pace_us) {
			usleep((useconds_t)(pace_us / 2 + rand() % pace_us));
		}
	}
	fclose(f);
	db_close(db);
	return 0;
}

static void phase(const char *dir, const char *db_path, int procs, bool calling, int count)
{
	char out[512];
	double t0 = now_s();
	for (int p = 0; p < procs; p++) {
		snprintf(out, sizeof(out), "%s/lat-%d", dir, p);
		if (fork() == 0) {
			_exit(worker(db_path, p, calling, count, out));
		}
	}
	int status, failed = 0;
	for (int p = 0; p < procs; p++) {
		wait(&status);
		failed += !WIFEXITED(status) || WEXITSTATUS(status);
	}
	double elapsed = now_s() - t0;
	size_t n = 0, cap = 1024;
	double *all = malloc(cap * sizeof(*all));
	for (int p = 0; p < procs; p++) {
		snprintf(out, sizeof(out), "%s/lat-%d", dir, p);
		FILE *f = fopen(out, "rb");
		double v;
		while (f && fread(&v, sizeof(v), 1, f) == 1) {
			if (n == cap) {
				cap *= 2;
				all = realloc(all, cap * sizeof(*all));
			}
			all[n++] = v;
		}
		if (f) {
			fclose(f);
		}
		unlink(out);
	}
	qsort(all, n, sizeof(*all), cmp_double);
	printf("%-9s %2d proc  %6zu ops  %8.0f ops/s  p50 %6.2f ms  p99 %6.2f ms  max %7.2f ms%s\n",
		calling ? "call-next" : "issue", procs, n, (double)n / elapsed,
		n ? all[n / 2] : 0.0, n ? all[(size_t)((double)n * 0.99)] : 0.0,
		n ? all[n - 1] : 0.0, failed ? "  (worker failed)" : "");
	free(all);
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : "/tmp";
	int per = argc > 2 ? atoi(argv[2]) : 4000;
	static const int procs[] = { 1, 4, 8 };
	log_init("queue-bench", LOG_LEVEL_WARN);
	char db_path[512];
	snprintf(db_path, sizeof(db_path), "%s/queue-bench.db", dir);
	for (int pass = 0; pass < 2; pass++) {
	pace_us = pass ? 4000 : 0;
	printf("%s load:\n", pass ? "Paced" : "Saturated");
	for (size_t i = 0; i < sizeof(procs) / sizeof(procs[0]); i++) {
		struct result r = { 0 };
		unlink(db_path);
		struct db *db = db_open(db_path, DB_CREATE, &r);
		if (!db || !demo_load(db, &r)) {
			fprintf(stderr, "queue-bench: %s\n", r.msg);
			return 1;
		}
		/* Wide ranges so that a long run never wraps. */
		struct service *list;
		size_t n;
		service_list(db, false, &list, &n, &r);
		for (size_t s = 0; s < n; s++) {
			/* Own prefix per field: ranges may not overlap. */
			snprintf(list[s].prefix, sizeof(list[s].prefix), "%c", (char)('A' + s));
			list[s].range_start = 1;
			list[s].range_end = 999999;
			service_update(db, &list[s], &r);
		}
		/* Every counter serves every service, so calling drains the queue. */
		const char *codes[16];
		for (size_t s = 0; s < n && s < 16; s++) {
			codes[s] = list[s].code;
		}
		for (int c = 1; c <= 4; c++) {
			counter_assign(db, c, codes, n < 16 ? n : 16, &r);
		}
		free(list);
		db_close(db);
		phase(dir, db_path, procs[i], false, per / procs[i]);
		phase(dir, db_path, procs[i], true, 0);
	}
	}
	unlink(db_path);
	return 0;
}
