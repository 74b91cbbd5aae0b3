/*
 * Builds a database with history by driving the real queue code under a
 * faked clock, for history-bench (issue 10 §12: costs must not grow with
 * history).
 *
 *   history-gen DB [DAYS]      (DAYS default 250: one year of working days)
 *
 * The desk: 16 fields, 24 counters each serving 3 fields, about 600 tickets
 * a working day (Monday to Friday) between 07:30 and 16:30, 5 % priority.
 * Arrivals come in a morning rush; a counter that is free calls the
 * next citizen (finishing the previous one), or finishes its citizen when
 * nobody waits; 3 % of calls are no-shows, 5 % are recalled, 1 % are
 * transferred. That gives about 3 events per ticket: 250 days make about
 * 150,000 tickets and 450,000 events. Not a test: it prints what it built.
 *
 * The generator's own connection runs with synchronous=OFF (a bench file,
 * not a desk's): the figures measured later do not depend on it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "motcua/base/clock.h"
#include "motcua/base/log.h"
#include "motcua/store/counters.h"
#include "motcua/store/queue.h"
#include "motcua/store/services.h"
#include "motcua/store/settings.h"
#include "history.h"

#define N_FIELDS 16
#define N_COUNTERS 24
#define PER_DAY 600

static const struct {
	const char *code, *name;
	int est_s, weight;
} fields[N_FIELDS] = {
	{ "HT", "Hộ tịch", 420, 20 },
	{ "CT", "Chứng thực", 180, 20 },
	{ "DD", "Đất đai", 900, 8 },
	{ "XD", "Xây dựng", 600, 4 },
	{ "LD", "Lao động – Thương binh và Xã hội", 600, 8 },
	{ "TP", "Tư pháp", 300, 6 },
	{ "KD", "Kinh doanh", 420, 5 },
	{ "NN", "Nông nghiệp", 300, 3 },
	{ "YT", "Y tế", 240, 4 },
	{ "GD", "Giáo dục", 240, 3 },
	{ "VH", "Văn hóa – Thông tin", 300, 2 },
	{ "TN", "Tài nguyên và Môi trường", 600, 4 },
	{ "GT", "Giao thông", 300, 3 },
	{ "NV", "Nội vụ", 300, 3 },
	{ "TC", "Tài chính", 300, 3 },
	{ "KH", "Lĩnh vực khác", 300, 4 },
};

static unsigned rng = 12345;

static int rnd(int n)
{
	rng = rng * 1103515245u + 12345u;
	return (int)((rng >> 8) % (unsigned)n);
}

static int pick_field(void)
{
	int total = 0;
	for (int i = 0; i < N_FIELDS; i++) {
		total += fields[i].weight;
	}
	int x = rnd(total);
	for (int i = 0; i < N_FIELDS; i++) {
		if ((x -= fields[i].weight) < 0) {
			return i;
		}
	}
	return N_FIELDS - 1;
}

/* Field f of counter k: each counter serves three fields, every field has counters. */
static int counter_field(int k, int j)
{
	static const int step[3] = { 0, 5, 11 };
	return (k + step[j]) % N_FIELDS;
}

static bool setup_desk(struct db *db, struct result *r)
{
	for (int i = 0; i < N_FIELDS; i++) {
		struct service s;
		service_init(&s);
		snprintf(s.code, sizeof(s.code), "%s", fields[i].code);
		snprintf(s.name, sizeof(s.name), "%s", fields[i].name);
		s.range_start = (i + 1) * 1000 + 1;
		s.range_end = (i + 1) * 1000 + 999;
		s.est_service_s = fields[i].est_s;
		s.position = i + 1;
		if (!service_add(db, &s, r)) {
			return false;
		}
	}
	for (int k = 0; k < N_COUNTERS; k++) {
		struct counter c = { .number = k + 1 };
		snprintf(c.name, sizeof(c.name), "Quầy %d", k + 1);
		const char *codes[3];
		for (int j = 0; j < 3; j++) {
			codes[j] = fields[counter_field(k, j)].code;
		}
		char officer[64];
		snprintf(officer, sizeof(officer), "Cán bộ %d", k + 1);
		if (!counter_add(db, &c, r) || !counter_assign(db, c.number, codes, 3, r)
				|| !counter_set_officer(db, c.number, officer, r)) {
			return false;
		}
	}
	return settings_set(db, "commune_name", "UBND xã Thử Tải", r)
		&& settings_set(db, "desk_name", "Bộ phận Tiếp nhận và Trả kết quả", r);
}

struct desk_counter {
	int64_t free_at;      /* ms of the day's clock */
	bool busy;            /* has a citizen */
	int field;            /* field of that citizen */
};

static bool serves(int k, int field)
{
	for (int j = 0; j < 3; j++) {
		if (counter_field(k, j) == field) {
			return true;
		}
	}
	return false;
}

static int field_of(const char *code)
{
	for (int i = 0; i < N_FIELDS; i++) {
		if (strcmp(fields[i].code, code) == 0) {
			return i;
		}
	}
	return 0;
}

/* One counter acts at `now`: calls the next citizen if any waits, else finishes. */
static bool counter_act(struct db *db, int k, struct desk_counter *dc, int *waiting,
	int64_t now, struct result *r)
{
	bool any = false;
	for (int j = 0; j < 3; j++) {
		any = any || waiting[counter_field(k, j)] > 0;
	}
	struct ticket t;
	if (!any) {
		if (dc->busy && !queue_finish(db, NULL, k + 1, &t, r)) {
			return false;
		}
		dc->busy = false;
		return true;
	}
	if (!queue_call_next(db, NULL, k + 1, NULL, &t, r)) {
		if (r->code != RESULT_ERR_EMPTY) {
			return false;
		}
		dc->busy = false;
		for (int j = 0; j < 3; j++) {
			waiting[counter_field(k, j)] = 0;   /* the estimate was off */
		}
		return true;
	}
	int f = field_of(t.service_code);
	waiting[f] -= waiting[f] > 0;
	dc->busy = true;
	dc->field = f;
	int roll = rnd(100);
	if (roll < 5 && !queue_recall(db, NULL, k + 1, &t, r)) {
		return false;
	}
	if (roll >= 97) {
		dc->busy = false;
		return queue_skip(db, NULL, k + 1, &t, r);
	}
	if (roll == 96) {
		/* Sent to another field this counter does not serve. */
		int to = (f + 1) % N_FIELDS;
		if (!queue_transfer(db, NULL, k + 1, fields[to].code, 0, &t, r)) {
			return false;
		}
		waiting[to]++;
		dc->busy = false;
		return true;
	}
	dc->free_at = now + (int64_t)fields[f].est_s * (50 + rnd(100)) * 10;
	return true;
}

static bool run_day(struct db *db, int day, struct result *r)
{
	struct desk_counter dc[N_COUNTERS] = { 0 };
	int waiting[N_FIELDS] = { 0 };
	int64_t open = clock_day_start_ms(day) + (7 * 60 + 30) * 60000LL;
	int64_t span = 9 * 3600 * 1000LL;
	for (int i = 0; i < PER_DAY; i++) {
		/* A morning rush: half the day's citizens come in its first 2.6 hours. */
		double x = 1.0 - (double)i / PER_DAY;
		int64_t now = open + (int64_t)((double)span * (1.0 - x * x));
		clock_set_fake(now);
		int f = pick_field();
		struct ticket t;
		if (!queue_issue(db, NULL, fields[f].code, rnd(100) < 5, &t, r)) {
			return false;
		}
		waiting[f]++;
		for (int k = 0; k < N_COUNTERS; k++) {
			if (dc[k].free_at <= now && (dc[k].busy || serves(k, f) || waiting[counter_field(k, 0)]
					|| waiting[counter_field(k, 1)] || waiting[counter_field(k, 2)])
					&& !counter_act(db, k, &dc[k], waiting, now, r)) {
				return false;
			}
		}
	}
	/* Closing time: the citizens at the counters are finished. */
	clock_set_fake(open + span + 1800 * 1000LL);
	for (int k = 0; k < N_COUNTERS; k++) {
		struct ticket t;
		if (dc[k].busy && !queue_finish(db, NULL, k + 1, &t, r)) {
			return false;
		}
	}
	return true;
}

int main(int argc, char **argv)
{
	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: history-gen DB [DAYS]\n");
		return 2;
	}
	int days = argc == 3 ? atoi(argv[2]) : 250;
	if (days < 1 || days > 2000) {
		fprintf(stderr, "history-gen: DAYS must be 1-2000\n");
		return 2;
	}
	log_init("history-gen", LOG_LEVEL_WARN);
	clock_set_zone("Asia/Ho_Chi_Minh");
	/* 2025-01-02, a Thursday: a year ends in late December 2025. */
	int day = 20250102;
	clock_set_fake(clock_day_start_ms(day) + 7 * 3600 * 1000LL);
	struct result r = { 0 };
	remove(argv[1]);
	struct db *db = db_open(argv[1], DB_CREATE, &r);
	if (!db || !db_exec(db, "PRAGMA synchronous = OFF", &r) || !setup_desk(db, &r)) {
		fprintf(stderr, "history-gen: %s\n", r.msg);
		db_close(db);
		return 1;
	}
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (int d = 0; d < days; d++, day = history_next_working_day(day)) {
		if (!run_day(db, day, &r)) {
			fprintf(stderr, "history-gen: day %d: %s\n", day, r.msg);
			db_close(db);
			return 1;
		}
		if ((d + 1) % 25 == 0) {
			fprintf(stderr, "history-gen: %d days\n", d + 1);
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	sqlite3_stmt *st = NULL;
	long long tickets = 0, events = 0;
	if (sqlite3_prepare_v2(db_handle(db), "SELECT (SELECT count(*) FROM tickets),"
			" (SELECT count(*) FROM events)", -1, &st, NULL) == SQLITE_OK
			&& sqlite3_step(st) == SQLITE_ROW) {
		tickets = sqlite3_column_int64(st, 0);
		events = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	printf("%s: %d working days to %d, %lld tickets, %lld events (%.0f s)\n", argv[1], days,
		queue_business_day(db), tickets, events,
		(double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	db_close(db);
	return 0;
}
