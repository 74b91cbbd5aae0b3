/*
 * Waiting for the write lock: three ways compared under contention.
 *
 *   busy-bench [DIR] [OPS_PER_PROCESS]
 *
 * 8 processes on one database (4 issue tickets, 4 call next), each doing
 * OPS_PER_PROCESS operations back to back, first alone on the machine, then
 * with two CPU hogs (processes that spin, as a busy PC does). Prints p50,
 * p99 and max latency of an operation and the operations that failed.
 *
 *   old     the handler db.c had before: naps of 0.1, 0.3, then 1 ms
 *   sqlite  SQLite's sqlite3_busy_timeout (sleeps 1, 2, 5, 10 ... 100 ms);
 *           what db.c uses now, chosen by these figures (see db.c)
 *   flock   a fair queue: each writer blocks on flock() of a side file
 *           before its transaction, so the kernel hands the lock over in
 *           turn and nobody polls (SQLite's timeout kept as a backstop)
 *   capped  SQLite's schedule of naps capped at 10 ms
 *
 * Every strategy has the same 60 s budget. Not a test: it only prints.
 */
#include <fcntl.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "motcua/base/log.h"
#include "motcua/store/counters.h"
#include "motcua/store/demo.h"
#include "motcua/store/queue.h"
#include "motcua/store/services.h"

#define PROCS 8

enum strategy { OLD, SQLITE, FLOCK, CAPPED };
static const char *const names[] = { "old", "sqlite", "flock", "capped" };

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* The old db.c handler: equal short naps, "roughly fair". */
static int old_wait(void *ctx, int attempt)
{
	double *since = ctx;
	if (attempt == 0) {
		*since = now_ms();
	} else if (now_ms() - *since > 60000) {
		return 0;
	}
	usleep(attempt < 20 ? 100 : attempt < 60 ? 300 : 1000);
	return 1;
}

/* SQLite's own schedule of naps (1, 2, 5, 10 ms), but never longer than 10 ms:
 * a long nap is what lets newcomers overtake a waiter again and again. */
static int capped_wait(void *ctx, int attempt)
{
	static const int naps_ms[] = { 1, 2, 5, 10 };
	double *since = ctx;
	if (attempt == 0) {
		*since = now_ms();
	} else if (now_ms() - *since > 60000) {
		return 0;
	}
	usleep((useconds_t)(naps_ms[attempt < 3 ? attempt : 3] * 1000));
	return 1;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static int worker(const char *db_path, enum strategy how, int index, int ops, const char *out)
{
	struct result r = { 0 };
	struct db *db = db_open(db_path, DB_READWRITE, &r);
	char lock_path[600];
	snprintf(lock_path, sizeof(lock_path), "%s-writers", db_path);
	int lock = open(lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	FILE *f = fopen(out, "wb");
	if (!db || !f || lock < 0) {
		fprintf(stderr, "worker: %s\n", r.msg);
		return 1;
	}
	static double since;
	if (how == CAPPED || how == OLD) {
		sqlite3_busy_handler(db_handle(db), how == OLD ? old_wait : capped_wait, &since);
	} else {
		sqlite3_busy_timeout(db_handle(db), 60000);
	}
	static const char *const codes[] = { "HT", "CT", "DD", "LD", "KH" };
	bool calling = index % 2;
	int failed = 0;
	for (int i = 0; i < ops; i++) {
		struct ticket t;
		double t0 = now_ms();
		if (how == FLOCK) {
			flock(lock, LOCK_EX);
		}
		bool ok = calling ? queue_call_next(db, NULL, 1 + index / 2, NULL, &t, &r)
			: queue_issue(db, NULL, codes[(index + i) % 5], false, &t, &r);
		if (how == FLOCK) {
			flock(lock, LOCK_UN);
		}
		double ms = now_ms() - t0;
		if (!ok && !(calling && r.code == RESULT_ERR_EMPTY)) {
			failed++;
			fprintf(stderr, "worker %d: %s\n", index, r.msg);
		}
		fwrite(&ms, sizeof(ms), 1, f);
	}
	fclose(f);
	close(lock);
	db_close(db);
	return failed > 255 ? 255 : failed;
}

static bool prepare(const char *db_path)
{
	struct result r = { 0 };
	char side[600];
	unlink(db_path);
	snprintf(side, sizeof(side), "%s-writers", db_path);
	unlink(side);
	struct db *db = db_open(db_path, DB_CREATE, &r);
	if (!db || !demo_load(db, &r)) {
		fprintf(stderr, "busy-bench: %s\n", r.msg);
		db_close(db);
		return false;
	}
	struct service *list;
	size_t n;
	service_list(db, false, &list, &n, &r);
	const char *codes[16];
	for (size_t s = 0; s < n && s < 16; s++) {
		/* Own prefix and a wide range per field: a long run never wraps. */
		snprintf(list[s].prefix, sizeof(list[s].prefix), "%c", (char)('A' + s));
		list[s].range_start = 1;
		list[s].range_end = 999999;
		service_update(db, &list[s], &r);
		codes[s] = list[s].code;
	}
	for (int c = 1; c <= 4; c++) {
		counter_assign(db, c, codes, n < 16 ? n : 16, &r);
	}
	free(list);
	db_close(db);
	return true;
}

static void run(const char *dir, enum strategy how, int hogs, int ops)
{
	char db_path[512], out[600];
	snprintf(db_path, sizeof(db_path), "%s/busy-bench.db", dir);
	if (!prepare(db_path)) {
		return;
	}
	pid_t hog[2];
	for (int h = 0; h < hogs; h++) {
		if ((hog[h] = fork()) == 0) {
			for (volatile unsigned long x = 0;; x++) {
			}
		}
	}
	for (int p = 0; p < PROCS; p++) {
		snprintf(out, sizeof(out), "%s/busy-lat-%d", dir, p);
		if (fork() == 0) {
			_exit(worker(db_path, how, p, ops, out));
		}
	}
	int status, failed = 0;
	for (int p = 0; p < PROCS; p++) {
		wait(&status);
		failed += WIFEXITED(status) ? WEXITSTATUS(status) : ops;
	}
	for (int h = 0; h < hogs; h++) {
		kill(hog[h], SIGKILL);
		waitpid(hog[h], NULL, 0);
	}
	size_t n = 0;
	double *all = malloc((size_t)PROCS * (size_t)ops * sizeof(*all));
	for (int p = 0; p < PROCS; p++) {
		snprintf(out, sizeof(out), "%s/busy-lat-%d", dir, p);
		FILE *f = fopen(out, "rb");
		while (f && n < (size_t)PROCS * (size_t)ops && fread(&all[n], sizeof(*all), 1, f) == 1) {
			n++;
		}
		if (f) {
			fclose(f);
		}
		unlink(out);
	}
	qsort(all, n, sizeof(*all), cmp_double);
	printf("%-7s %d hogs  %5zu ops  p50 %7.2f ms  p99 %8.2f ms  max %8.2f ms  failed %d\n",
		names[how], hogs, n, n ? all[n / 2] : 0.0, n ? all[(size_t)((double)n * 0.99)] : 0.0,
		n ? all[n - 1] : 0.0, failed);
	fflush(stdout);
	free(all);
	unlink(db_path);
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : "/tmp";
	int ops = argc > 2 ? atoi(argv[2]) : 500;
	log_init("busy-bench", LOG_LEVEL_ERROR);
	printf("%d processes (4 issue, 4 call next), %d operations each\n", PROCS, ops);
	for (int hogs = 0; hogs <= 2; hogs += 2) {
		for (int how = OLD; how <= CAPPED; how++) {
			run(dir, (enum strategy)how, hogs, ops);
		}
	}
	return 0;
}
