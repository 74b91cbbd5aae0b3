/*
 * Reports for the commune leaders. Rows are read once and aggregated here,
 * because medians need every value and a month of a busy desk is only tens
 * of thousands of tickets.
 *
 * Counting rules (also in README): "issued" counts tickets handed to
 * citizens (ticket_rules.counts_for_cap: not voided, not the second row of a
 * transfer, the same rule as the daily cap); grouped by
 * counter or officer it counts the tickets called there. Wait is from issue
 * to first call, once per citizen; service time is from call to finish or
 * transfer.
 */
#define LOG_MODULE "report"
#include <stdlib.h>
#include <string.h>
#include "motcua/base/clock.h"
#include "motcua/store/queue.h"
#include "motcua/store/report.h"
#include "motcua/base/utf8.h"
#include "motcua/base/xalloc.h"

struct series {
	int64_t *v;
	size_t n, cap;
};

struct group {
	struct report_row row;
	struct series wait, service;
};

static void series_add(struct series *s, int64_t v)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 16;
		s->v = xrealloc(s->v, s->cap * sizeof(*s->v));
	}
	s->v[s->n++] = v;
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* Average, median and maximum in whole seconds (rounded). */
static void series_stats(struct series *s, int64_t *avg, int64_t *median, int64_t *max)
{
	*avg = *median = *max = 0;
	if (!s->n) {
		return;
	}
	qsort(s->v, s->n, sizeof(*s->v), cmp_i64);
	int64_t sum = 0;
	for (size_t i = 0; i < s->n; i++) {
		sum += s->v[i];
	}
	int64_t med = s->n % 2 ? s->v[s->n / 2] : (s->v[s->n / 2 - 1] + s->v[s->n / 2]) / 2;
	*avg = (sum / (int64_t)s->n + 500) / 1000;
	*median = (med + 500) / 1000;
	*max = (s->v[s->n - 1] + 500) / 1000;
}

static struct group *group_for(struct group **groups, size_t *n, size_t *cap,
	const char *key, const char *label)
{
	for (size_t i = 0; i < *n; i++) {
		if (strcmp((*groups)[i].row.key, key) == 0) {
			return &(*groups)[i];
		}
	}
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		*groups = xrealloc(*groups, *cap * sizeof(**groups));
	}
	struct group *g = &(*groups)[(*n)++];
	memset(g, 0, sizeof(*g));
	utf8_copy(g->row.key, sizeof(g->row.key), key);
	utf8_copy(g->row.label, sizeof(g->row.label), label);
	return g;
}

/* Adds one ticket row to a group. */
static void count(struct group *g, bool by_place, bool handed, bool original,
	enum ticket_status st, int called_here, int64_t wait_ms, bool has_wait, int64_t service_ms,
	bool has_service, int rating)
{
	struct report_row *r = &g->row;
	if (by_place ? called_here : handed) {
		r->issued++;
	}
	r->served += st == TICKET_DONE;
	r->noshow += st == TICKET_NOSHOW;
	r->transferred += st == TICKET_TRANSFERRED;
	r->cancelled += st == TICKET_CANCELLED;
	r->expired += st == TICKET_EXPIRED;
	if (has_wait && original) {
		series_add(&g->wait, wait_ms);
	}
	if (has_service && (st == TICKET_DONE || st == TICKET_TRANSFERRED)) {
		series_add(&g->service, service_ms);
	}
	if (st == TICKET_DONE && rating >= 0 && rating <= 4) {
		r->ratings[rating]++;
	}
}

static void close_group(struct group *g, struct report_row *out)
{
	series_stats(&g->wait, &g->row.wait_avg_s, &g->row.wait_median_s, &g->row.wait_max_s);
	series_stats(&g->service, &g->row.service_avg_s, &g->row.service_median_s,
		&g->row.service_max_s);
	*out = g->row;
	free(g->wait.v);
	free(g->service.v);
}

bool report_build(struct db *db, int from_day, int to_day, enum report_group group,
	struct report *out, struct result *r)
{
	memset(out, 0, sizeof(*out));
	if (from_day > to_day) {
		return result_fail(r, RESULT_ERR_INVALID, "the report range ends before it starts");
	}
	out->from_day = from_day;
	out->to_day = to_day;
	out->group = group;
	sqlite3_stmt *st = db_prepare(db,
		"SELECT t.day, s.code, s.name, coalesce(t.counter, 0), coalesce(c.name, ''),"
		" t.officer, t.status, t.wait_ms, t.service_ms, t.rating,"
		" t.transferred_from IS NULL, x.counts_for_cap"
		" FROM tickets t JOIN services s ON s.id = t.service_id"
		" JOIN ticket_rules x ON x.id = t.id"
		" LEFT JOIN counters c ON c.number = t.counter"
		" WHERE t.day BETWEEN ? AND ? ORDER BY t.day, s.position, s.code, t.counter");
	if (!st) {
		return db_fail(db, r, "reading tickets for the report");
	}
	sqlite3_bind_int(st, 1, from_day);
	sqlite3_bind_int(st, 2, to_day);
	struct group *groups = NULL, total;
	size_t n = 0, cap = 0;
	bool by_place = group == REPORT_BY_COUNTER || group == REPORT_BY_OFFICER;
	memset(&total, 0, sizeof(total));
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int day = sqlite3_column_int(st, 0);
		int counter = sqlite3_column_int(st, 3);
		enum ticket_status status;
		if (!ticket_status_parse((const char *)sqlite3_column_text(st, 6), &status)) {
			continue;
		}
		char key[64], label[160];
		switch (group) {
		case REPORT_BY_SERVICE:
			snprintf(key, sizeof(key), "%s", sqlite3_column_text(st, 1));
			utf8_copy(label, sizeof(label), (const char *)sqlite3_column_text(st, 2));
			break;
		case REPORT_BY_COUNTER:
			if (!counter) {
				continue;
			}
			snprintf(key, sizeof(key), "%d", counter);
			utf8_copy(label, sizeof(label), (const char *)sqlite3_column_text(st, 4));
			break;
		case REPORT_BY_OFFICER:
			if (!counter) {
				continue;
			}
			utf8_copy(key, sizeof(key), (const char *)sqlite3_column_text(st, 5));
			if (!*key) {
				snprintf(key, sizeof(key), "(không ghi tên)");
			}
			snprintf(label, sizeof(label), "%s", key);
			break;
		case REPORT_BY_DAY:
			snprintf(key, sizeof(key), "%02d/%02d/%04d", day % 100, day / 100 % 100,
				day / 10000);
			snprintf(label, sizeof(label), "%s", key);
			break;
		}
		struct group *g = group_for(&groups, &n, &cap, key, label);
		bool original = sqlite3_column_int(st, 10) != 0;
		bool handed = sqlite3_column_int(st, 11) != 0;
		bool has_wait = sqlite3_column_type(st, 7) != SQLITE_NULL;
		bool has_service = sqlite3_column_type(st, 8) != SQLITE_NULL;
		int64_t wait = sqlite3_column_int64(st, 7), service = sqlite3_column_int64(st, 8);
		int rating = sqlite3_column_int(st, 9);
		count(g, by_place, handed, original, status, counter != 0, wait, has_wait, service,
			has_service, rating);
		count(&total, by_place, handed, original, status, counter != 0, wait, has_wait,
			service, has_service, rating);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		for (size_t i = 0; i < n; i++) {
			close_group(&groups[i], &groups[i].row);
		}
		free(groups);
		close_group(&total, &total.row);
		return db_fail(db, r, "reading tickets for the report");
	}
	out->rows = xcalloc(n ? n : 1, sizeof(*out->rows));
	out->n_rows = n;
	for (size_t i = 0; i < n; i++) {
		close_group(&groups[i], &out->rows[i]);
	}
	free(groups);
	snprintf(total.row.key, sizeof(total.row.key), "Tổng");
	snprintf(total.row.label, sizeof(total.row.label), "Tổng cộng");
	close_group(&total, &out->total);
	return true;
}

void report_finish(struct report *rep)
{
	if (!rep) {
		return;
	}
	free(rep->rows);
	memset(rep, 0, sizeof(*rep));
}

static const char *group_heading(enum report_group g)
{
	switch (g) {
	case REPORT_BY_SERVICE: return "Lĩnh vực";
	case REPORT_BY_COUNTER: return "Quầy";
	case REPORT_BY_OFFICER: return "Cán bộ";
	case REPORT_BY_DAY: return "Ngày";
	}
	return "";
}

static const char *issued_heading(enum report_group g)
{
	return g == REPORT_BY_COUNTER || g == REPORT_BY_OFFICER ? "Đã gọi" : "Cấp số";
}

static void fmt_duration(int64_t s, char *out, size_t size)
{
	if (s >= 3600) {
		snprintf(out, size, "%lld:%02lld:%02lld", (long long)(s / 3600),
			(long long)(s / 60 % 60), (long long)(s % 60));
	} else {
		snprintf(out, size, "%lld:%02lld", (long long)(s / 60), (long long)(s % 60));
	}
}

/* Share of rated citizens who were satisfied or very satisfied, in percent; -1 if none. */
static int satisfied_pct(const struct report_row *r)
{
	int rated = r->ratings[1] + r->ratings[2] + r->ratings[3] + r->ratings[4];
	return rated ? (100 * (r->ratings[1] + r->ratings[2]) + rated / 2) / rated : -1;
}

static void table_row(FILE *f, const struct report_row *r)
{
	char label[256], cells[9][32];
	snprintf(label, sizeof(label), "%s %s", r->key, strcmp(r->key, r->label) ? r->label : "");
	utf8_fput_padded(f, label, 32, false);
	fmt_duration(r->wait_avg_s, cells[0], sizeof(cells[0]));
	fmt_duration(r->wait_median_s, cells[1], sizeof(cells[1]));
	fmt_duration(r->wait_max_s, cells[2], sizeof(cells[2]));
	fmt_duration(r->service_avg_s, cells[3], sizeof(cells[3]));
	fmt_duration(r->service_median_s, cells[4], sizeof(cells[4]));
	fmt_duration(r->service_max_s, cells[5], sizeof(cells[5]));
	int pct = satisfied_pct(r);
	if (pct < 0) {
		snprintf(cells[6], sizeof(cells[6]), "-");
	} else {
		snprintf(cells[6], sizeof(cells[6]), "%d%%", pct);
	}
	snprintf(cells[7], sizeof(cells[7]), "%d",
		r->ratings[1] + r->ratings[2] + r->ratings[3] + r->ratings[4]);
	fprintf(f, " %7d %7d %7d %7d %7d %7d", r->issued, r->served, r->noshow, r->transferred,
		r->cancelled, r->expired);
	for (int i = 0; i < 8; i++) {
		fputc(' ', f);
		utf8_fput_padded(f, cells[i], 8, true);
	}
	fputc('\n', f);
}

void report_write_table(const struct report *rep, FILE *f)
{
	char from[11], to[11];
	clock_format_date(clock_day_start_ms(rep->from_day) + 43200000, from);
	clock_format_date(clock_day_start_ms(rep->to_day) + 43200000, to);
	fprintf(f, "BÁO CÁO TIẾP NHẬN theo %s, từ %s đến %s\n", group_heading(rep->group), from,
		to);
	fprintf(f, "(thời gian: phút:giây; chờ = từ lúc lấy số đến lúc được gọi)\n\n");
	utf8_fput_padded(f, group_heading(rep->group), 32, false);
	const char *heads[] = { issued_heading(rep->group), "Xong", "Vắng", "Chuyển", "Hủy",
		"Hết hạn" };
	for (int i = 0; i < 6; i++) {
		fputc(' ', f);
		utf8_fput_padded(f, heads[i], 7, true);
	}
	const char *times[] = { "Chờ TB", "Chờ TV", "Chờ max", "Làm TB", "Làm TV", "Làm max",
		"Hài lòng", "Lượt ĐG" };
	for (int i = 0; i < 8; i++) {
		fputc(' ', f);
		utf8_fput_padded(f, times[i], 8, true);
	}
	fputc('\n', f);
	for (size_t i = 0; i < rep->n_rows; i++) {
		table_row(f, &rep->rows[i]);
	}
	table_row(f, &rep->total);
	fprintf(f, "\nTB = trung bình, TV = trung vị. Hài lòng = (Rất hài lòng + Hài lòng) / "
		"số lượt đánh giá (Lượt ĐG);\nchi tiết từng mức đánh giá có trong tệp CSV.\n");
}

static void csv_field(FILE *f, const char *s)
{
	fputc('"', f);
	for (const char *p = s; *p; p++) {
		if (*p == '"') {
			fputc('"', f);
		}
		fputc(*p, f);
	}
	fputc('"', f);
}

static void csv_row(FILE *f, const struct report_row *r)
{
	csv_field(f, r->key);
	fputc(',', f);
	csv_field(f, r->label);
	fprintf(f, ",%d,%d,%d,%d,%d,%d,%lld,%lld,%lld,%lld,%lld,%lld,%d,%d,%d,%d\r\n",
		r->issued, r->served, r->noshow, r->transferred, r->cancelled, r->expired,
		(long long)r->wait_avg_s, (long long)r->wait_median_s, (long long)r->wait_max_s,
		(long long)r->service_avg_s, (long long)r->service_median_s,
		(long long)r->service_max_s, r->ratings[1], r->ratings[2], r->ratings[3],
		r->ratings[4]);
}

void report_write_csv(const struct report *rep, FILE *f)
{
	/* The BOM makes Excel read the file as UTF-8, keeping the diacritics. */
	fputs("\xEF\xBB\xBF", f);
	csv_field(f, group_heading(rep->group));
	fprintf(f, ",\"Tên\",\"%s\",\"Đã giải quyết\",\"Vắng mặt\",\"Chuyển\",\"Hủy\","
		"\"Hết hạn\",\"Chờ trung bình (giây)\",\"Chờ trung vị (giây)\","
		"\"Chờ lâu nhất (giây)\",\"Phục vụ trung bình (giây)\","
		"\"Phục vụ trung vị (giây)\",\"Phục vụ lâu nhất (giây)\",\"Rất hài lòng\","
		"\"Hài lòng\",\"Bình thường\",\"Không hài lòng\"\r\n", issued_heading(rep->group));
	for (size_t i = 0; i < rep->n_rows; i++) {
		csv_row(f, &rep->rows[i]);
	}
	csv_row(f, &rep->total);
}
