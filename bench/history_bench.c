/*
 * Do the hot paths cost the same with a year of history as with one day?
 * (issue 10 §12; target: one year within 2x of one day.)
 *
 *   history-bench ONE_DAY.db ONE_YEAR.db [WORKDIR]
 *
 * Both files come from history-gen (1 and 250 days). Each is copied to
 * WORKDIR (default /dev/shm, a tmpfs, so that fsync times stay out of the
 * figures) and never changed. The two are measured in turn, round by round.
 * On the copy, under a faked clock set to the next working day:
 *   first write of a day   the day's first issue, which closes the previous
 *                          day (median of 11 fresh copies)
 *   snapshot               snapshot_read on a read-only connection, as the
 *                          waiting-room screen does, before the day's 10th
 *                          call (fewer than 10 calls today: the recent-calls
 *                          query cannot stop early)
 *   status                 what `motcua status` reads: snapshot + devices
 *   call-next              queue_call_next with about 30 citizens waiting
 *   issue                  queue_issue with about 30 waiting (people ahead
 *                          and the wait are planned over every counter)
 * Medians in milliseconds. Not a test: it only prints figures.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "motcua/base/clock.h"
#include "motcua/base/log.h"
#include "motcua/store/counters.h"
#include "motcua/store/devices.h"
#include "motcua/store/queue.h"
#include "motcua/store/services.h"
#include "motcua/store/snapshot.h"
#include "history.h"

#define REPEAT 41

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

static void remove_copy(const char *work)
{
	char wal[600], shm[600];
	snprintf(wal, sizeof(wal), "%s-wal", work);
	snprintf(shm, sizeof(shm), "%s-shm", work);
	remove(work);
	remove(wal);
	remove(shm);
}

/* A fresh working copy of src at work, opened (untimed). */
static struct db *fresh_copy(const char *src, const char *work, struct result *r)
{
	remove_copy(work);
	if (!copy_file(src, work)) {
		result_fail(r, RESULT_ERR_IO, "cannot copy %s to %s", src, work);
		return NULL;
	}
	return db_open(work, DB_READWRITE, r);
}

/* One database under test: a working copy in the middle of a morning. */
struct desk {
	const char *src;
	char work[512];
	struct db *db, *ro;
	int today;
	int64_t t_ms;        /* the desk's clock */
	int next_counter;
	double v[5][REPEAT];
	size_t n[5];
};

enum { F_ROLLOVER, F_SNAPSHOT, F_STATUS, F_CALL, F_ISSUE };

/* The first issue of the next working day, which closes the previous day. */
static bool time_rollover(struct desk *d, struct result *r)
{
	struct db *db = fresh_copy(d->src, d->work, r);
	if (!db) {
		return false;
	}
	d->today = history_next_working_day(queue_business_day(db));
	clock_set_fake(clock_day_start_ms(d->today) + (7 * 60 + 30) * 60000LL);
	struct ticket t;
	double t0 = now_ms();
	bool ok = queue_issue(db, NULL, "HT", false, &t, r);
	d->v[F_ROLLOVER][d->n[F_ROLLOVER]++] = now_ms() - t0;
	db_close(db);
	return ok;
}

/* The morning: the day opened, about 40 citizens, 9 calls so far. */
static bool morning(struct desk *d, struct result *r)
{
	struct service *svc = NULL;
	size_t n_svc;
	d->db = fresh_copy(d->src, d->work, r);
	if (!d->db) {
		return false;
	}
	d->today = history_next_working_day(queue_business_day(d->db));
	d->t_ms = clock_day_start_ms(d->today) + (7 * 60 + 30) * 60000LL;
	if (!service_list(d->db, true, &svc, &n_svc, r)) {
		return false;
	}
	for (int i = 0; i < 40; i++) {
		struct ticket t;
		d->t_ms += 20000;
		clock_set_fake(d->t_ms);
		if (!queue_issue(d->db, NULL, svc[(size_t)i % n_svc].code, i % 9 == 0, &t, r)) {
			free(svc);
			return false;
		}
	}
	free(svc);
	int calls = 0;
	for (int c = 1; calls < 9 && c <= 24; c++) {
		struct ticket t;
		calls += queue_call_next(d->db, NULL, c, NULL, &t, NULL);
	}
	d->next_counter = 1;
	d->ro = db_open(d->work, DB_READONLY, r);
	return d->ro != NULL;
}

/* One round of the reads and writes measured on a morning desk. */
static bool one_round(struct desk *d, int round, struct result *r)
{
	struct snapshot s;
	struct device_status *list = NULL;
	size_t n;
	clock_set_fake(d->t_ms);
	double t0 = now_ms();
	bool ok = snapshot_read(d->ro, &s, r);
	d->v[F_SNAPSHOT][d->n[F_SNAPSHOT]++] = now_ms() - t0;
	snapshot_finish(&s);
	t0 = now_ms();
	ok = ok && snapshot_read(d->db, &s, r) && devices_list(d->db, &list, &n, r);
	d->v[F_STATUS][d->n[F_STATUS]++] = now_ms() - t0;
	snapshot_finish(&s);
	free(list);
	if (!ok || round >= 12) {
		return ok;
	}
	/* A call at the next counter that finds someone, then a new citizen. */
	for (int tries = 0; tries < 24; tries++) {
		struct ticket t;
		int c = d->next_counter;
		d->next_counter = c % 24 + 1;
		t0 = now_ms();
		if (queue_call_next(d->db, NULL, c, NULL, &t, NULL)) {
			d->v[F_CALL][d->n[F_CALL]++] = now_ms() - t0;
			break;
		}
	}
	struct ticket t;
	d->t_ms += 20000;
	clock_set_fake(d->t_ms);
	t0 = now_ms();
	ok = queue_issue(d->db, NULL, "CT", false, &t, r);
	d->v[F_ISSUE][d->n[F_ISSUE]++] = now_ms() - t0;
	return ok;
}

/* Both desks are measured in turn, round by round, so that load from other
 * processes on the machine falls on both alike. */
static bool measure(struct desk *d, struct result *r)
{
	for (int i = 0; i < 11; i++) {
		for (int k = 0; k < 2; k++) {
			if (!time_rollover(&d[k], r)) {
				return false;
			}
		}
	}
	for (int k = 0; k < 2; k++) {
		if (!morning(&d[k], r)) {
			return false;
		}
	}
	for (int i = 0; i < REPEAT; i++) {
		for (int k = 0; k < 2; k++) {
			if (!one_round(&d[k], i, r)) {
				return false;
			}
		}
	}
	return true;
}

int main(int argc, char **argv)
{
	if (argc < 3 || argc > 4) {
		fprintf(stderr, "usage: history-bench ONE_DAY.db ONE_YEAR.db [WORKDIR]\n");
		return 2;
	}
	/* tmpfs keeps the disk's fsync times (large and noisy) out of the figures. */
	const char *dir = argc == 4 ? argv[3] : access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
	log_init("history-bench", LOG_LEVEL_WARN);
	clock_set_zone("Asia/Ho_Chi_Minh");
	static struct desk d[2];
	struct result r = { 0 };
	for (int k = 0; k < 2; k++) {
		d[k].src = argv[1 + k];
		snprintf(d[k].work, sizeof(d[k].work), "%s/history-bench-%d.db", dir, k);
	}
	bool ok = measure(d, &r);
	for (int k = 0; k < 2; k++) {
		db_close(d[k].ro);
		db_close(d[k].db);
		remove_copy(d[k].work);
	}
	if (!ok) {
		fprintf(stderr, "history-bench: %s\n", r.msg);
		return 1;
	}
	static const char *const what[] = {
		[F_ROLLOVER] = "first write of a day (rollover)",
		[F_SNAPSHOT] = "snapshot before the 10th call",
		[F_STATUS] = "status reads (snapshot + devices)",
		[F_CALL] = "call-next",
		[F_ISSUE] = "issue",
	};
	printf("%-36s %10s %10s %7s   (median ms, work files in %s)\n", "", "one day",
		"one year", "ratio", dir);
	for (int f = 0; f < 5; f++) {
		double a = median(d[0].v[f], d[0].n[f]), b = median(d[1].v[f], d[1].n[f]);
		printf("%-36s %10.3f %10.3f %6.1fx\n", what[f], a, b, a > 0 ? b / a : 0.0);
	}
	return 0;
}
