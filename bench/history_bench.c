/*
 * Do the hot paths cost the same with a year of history as with one day?
 * (issue 10 §12; target: one year within 2x of one day.)
 *
 *   history-bench ONE_DAY.db ONE_YEAR.db [WORKDIR]
 *
 * Both files come from history-gen (1 and 250 days). Each is copied to
 * WORKDIR (default /tmp) and never changed. On the copy, under a faked clock
 * set to the next working day:
 *   first write of a day   the day's first issue, which closes the previous
 *                          day (median of 3 fresh copies)
 *   snapshot               snapshot_read on a read-only connection, as the
 *                          waiting-room screen does, before the day's 10th
 *                          call (fewer than 10 calls today: the recent-calls
 *                          query cannot stop early)
 *   status                 what `motcua status` reads: snapshot + devices
 *   call-next              queue_call_next with about 30 citizens waiting
 * Medians in milliseconds. Not a test: it only prints figures.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "motcua/base/clock.h"
#include "motcua/base/log.h"
#include "motcua/store/counters.h"
#include "motcua/store/devices.h"
#include "motcua/store/queue.h"
#include "motcua/store/services.h"
#include "motcua/store/snapshot.h"

#define REPEAT 41

struct figures {
	double rollover, snapshot, status, call_next;
};

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static double median(double *v, size_t n)
{
	qsort(v, n, sizeof(*v), cmp_double);
	return n ? v[n / 2] : 0.0;
}

static bool copy_file(const char *from, const char *to)
{
	FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
	char buf[1 << 16];
	size_t n;
	bool ok = in && out;
	while (ok && (n = fread(buf, 1, sizeof(buf), in)) > 0) {
		ok = fwrite(buf, 1, n, out) == n;
	}
	ok = ok && !ferror(in);
	if (in) {
		fclose(in);
	}
	if (out && fclose(out) != 0) {
		ok = false;
	}
	return ok;
}

static int next_working_day(int day)
{
	for (;;) {
		day = clock_day_add(day, 1);
		struct tm tm;
		clock_local_tm(clock_day_start_ms(day) + 12 * 3600 * 1000LL, &tm);
		if (tm.tm_wday != 0 && tm.tm_wday != 6) {
			return day;
		}
	}
}

/* A fresh working copy, opened (any migration runs here, untimed). */
static struct db *fresh_copy(const char *src, const char *work, struct result *r)
{
	char wal[600], shm[600];
	snprintf(wal, sizeof(wal), "%s-wal", work);
	snprintf(shm, sizeof(shm), "%s-shm", work);
	remove(work);
	remove(wal);
	remove(shm);
	if (!copy_file(src, work)) {
		result_fail(r, RESULT_ERR_IO, "cannot copy %s to %s", src, work);
		return NULL;
	}
	return db_open(work, DB_READWRITE, r);
}

/* The first issue of the next working day: the rollover. */
static bool time_rollover(struct db *db, int *today, double *ms, struct result *r)
{
	*today = next_working_day(queue_business_day(db));
	clock_set_fake(clock_day_start_ms(*today) + (7 * 60 + 30) * 60000LL);
	struct ticket t;
	double t0 = now_ms();
	bool ok = queue_issue(db, NULL, "HT", false, &t, r);
	*ms = now_ms() - t0;
	return ok;
}

static bool measure(const char *src, const char *work, struct figures *f, struct result *r)
{
	double roll[3];
	int today = 0;
	for (int i = 0; i < 3; i++) {
		struct db *db = fresh_copy(src, work, r);
		bool ok = db && time_rollover(db, &today, &roll[i], r);
		db_close(db);
		if (!ok) {
			return false;
		}
	}
	f->rollover = median(roll, 3);

	/* The morning: about 40 citizens, 9 calls so far. */
	struct db *db = fresh_copy(src, work, r);
	if (!db || !time_rollover(db, &today, &roll[0], r)) {
		db_close(db);
		return false;
	}
	struct service *svc;
	size_t n_svc;
	if (!service_list(db, true, &svc, &n_svc, r)) {
		db_close(db);
		return false;
	}
	int64_t t_ms = clock_day_start_ms(today) + (7 * 60 + 31) * 60000LL;
	for (int i = 0; i < 40; i++, t_ms += 20000) {
		clock_set_fake(t_ms);
		struct ticket t;
		if (!queue_issue(db, NULL, svc[(size_t)i % n_svc].code, i % 9 == 0, &t, r)) {
			free(svc);
			db_close(db);
			return false;
		}
	}
	free(svc);
	int calls = 0;
	for (int c = 1; calls < 9 && c <= 24; c++) {
		struct ticket t;
		calls += queue_call_next(db, NULL, c, NULL, &t, NULL);
	}
	struct db *ro = db_open(work, DB_READONLY, r);
	if (!ro) {
		db_close(db);
		return false;
	}
	double v[REPEAT];
	for (int i = 0; i < REPEAT; i++) {
		struct snapshot s;
		double t0 = now_ms();
		bool ok = snapshot_read(ro, &s, r);
		v[i] = now_ms() - t0;
		snapshot_finish(&s);
		if (!ok) {
			goto fail;
		}
	}
	f->snapshot = median(v, REPEAT);
	for (int i = 0; i < REPEAT; i++) {
		struct snapshot s;
		struct device_status *list = NULL;
		size_t n;
		double t0 = now_ms();
		bool ok = snapshot_read(db, &s, r) && devices_list(db, &list, &n, r);
		v[i] = now_ms() - t0;
		snapshot_finish(&s);
		free(list);
		if (!ok) {
			goto fail;
		}
	}
	f->status = median(v, REPEAT);
	size_t k = 0;
	for (int c = 1; k < 12 && c <= 24 * 3; c++) {
		struct ticket t;
		double t0 = now_ms();
		if (queue_call_next(db, NULL, (c - 1) % 24 + 1, NULL, &t, NULL)) {
			v[k++] = now_ms() - t0;
		}
	}
	f->call_next = median(v, k);
	db_close(ro);
	db_close(db);
	return true;
fail:
	db_close(ro);
	db_close(db);
	return false;
}

int main(int argc, char **argv)
{
	if (argc < 3 || argc > 4) {
		fprintf(stderr, "usage: history-bench ONE_DAY.db ONE_YEAR.db [WORKDIR]\n");
		return 2;
	}
	const char *dir = argc == 4 ? argv[3] : "/tmp";
	char work[512];
	snprintf(work, sizeof(work), "%s/history-bench.db", dir);
	log_init("history-bench", LOG_LEVEL_WARN);
	clock_set_zone("Asia/Ho_Chi_Minh");
	struct figures f[2];
	for (int i = 0; i < 2; i++) {
		struct result r = { 0 };
		if (!measure(argv[1 + i], work, &f[i], &r)) {
			fprintf(stderr, "history-bench: %s: %s\n", argv[1 + i], r.msg);
			return 1;
		}
	}
	printf("%-36s %10s %10s %7s\n", "median ms", "one day", "one year", "ratio");
	const struct { const char *what; double a, b; } rows[] = {
		{ "first write of a day (rollover)", f[0].rollover, f[1].rollover },
		{ "snapshot before the 10th call", f[0].snapshot, f[1].snapshot },
		{ "status reads (snapshot + devices)", f[0].status, f[1].status },
		{ "call-next", f[0].call_next, f[1].call_next },
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		printf("%-36s %10.3f %10.3f %6.1fx\n", rows[i].what, rows[i].a, rows[i].b,
			rows[i].a > 0 ? rows[i].b / rows[i].a : 0.0);
	}
	char wal[600], shm[600];
	snprintf(wal, sizeof(wal), "%s-wal", work);
	snprintf(shm, sizeof(shm), "%s-shm", work);
	remove(work);
	remove(wal);
	remove(shm);
	return 0;
}
