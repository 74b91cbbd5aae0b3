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
		return result_fail(r, RESULT_ERR_INVALID, "ngày kết thúc của báo cáo ở trước ngày bắt đầu");
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
		return db_fail(db, r, "đọc phiếu để lập báo cáo");
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
				snprintf(key, sizeof(key), "(chưa ghi tên cán bộ)");
			}
			snprintf(label, sizeof(label), "%s", key);
			break;
		case REPORT_BY_DAY:
			snprintf(key, sizeof(key), "%02d/%02d/%04d", day % 100, day / 100 % 100,
				day / 10000);
			snprintf(label, sizeof(label), "%s", clock_weekday_vi(clock_day_weekday(day)));
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
		return db_fail(db, r, "đọc phiếu để lập báo cáo");
	}
	out->rows = xcalloc(n ? n : 1, sizeof(*out->rows));
	out->n_rows = n;
	for (size_t i = 0; i < n; i++) {
		close_group(&groups[i], &out->rows[i]);
	}
	free(groups);
	/* One word for the total row; no label to repeat it ("Tổng Tổng cộng"). */
	snprintf(total.row.key, sizeof(total.row.key), "Tổng cộng");
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

/*
 * Each grouping's words: the first column's heading, the grouping inside a
 * sentence ("theo lĩnh vực"), and the heading of the CSV's label column.
 */
static const struct {
	const char *heading, *words, *label;
} groups_text[] = {
	[REPORT_BY_SERVICE] = { "Lĩnh vực", "lĩnh vực", "Tên lĩnh vực" },
	[REPORT_BY_COUNTER] = { "Quầy", "quầy", "Tên quầy" },
	[REPORT_BY_OFFICER] = { "Cán bộ", "cán bộ", "Họ tên" },
	[REPORT_BY_DAY] = { "Ngày", "ngày", "Thứ" },
};

static const char *group_heading(enum report_group g)
{
	return groups_text[g].heading;
}

static const char *issued_heading(enum report_group g)
{
	return g == REPORT_BY_COUNTER || g == REPORT_BY_OFFICER ? "Đã gọi" : "Đã cấp số";
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

/* The first column: key and label, or the key alone when the label repeats it. */
static void row_title(const struct report_row *r, char *out, size_t size)
{
	if (*r->label && strcmp(r->key, r->label) != 0) {
		snprintf(out, size, "%s %s", r->key, r->label);
	} else {
		snprintf(out, size, "%s", r->key);
	}
	utf8_trim_partial(out);
}

/*
 * The table's columns after the title, in order, each at least as wide as
 * its heading. Groups name the three columns below them, so each heading
 * is a whole word ("Lâu nhất"), never an abbreviation.
 */
enum { N_COLS = 14 };
static const char *const col_group[N_COLS] = {
	"", "", "", "", "", "",
	"Thời gian chờ", "", "", "Thời gian phục vụ", "", "", "Đánh giá", "",
};

static void table_cells(const struct report_row *r, char cells[N_COLS][24])
{
	int v[6] = { r->issued, r->served, r->noshow, r->transferred, r->cancelled, r->expired };
	for (int i = 0; i < 6; i++) {
		snprintf(cells[i], 24, "%d", v[i]);
	}
	int64_t t[6] = { r->wait_avg_s, r->wait_median_s, r->wait_max_s, r->service_avg_s,
		r->service_median_s, r->service_max_s };
	for (int i = 0; i < 6; i++) {
		fmt_duration(t[i], cells[6 + i], 24);
	}
	int pct = satisfied_pct(r);
	if (pct < 0) {
		snprintf(cells[12], 24, "-");
	} else {
		snprintf(cells[12], 24, "%d%%", pct);
	}
	snprintf(cells[13], 24, "%d", r->ratings[1] + r->ratings[2] + r->ratings[3] + r->ratings[4]);
}

static void table_line(FILE *f, const char *title, int title_w, const char *const *cells,
	const int *widths, bool right)
{
	utf8_fput_padded(f, title, title_w, false);
	for (int i = 0; i < N_COLS; i++) {
		/* Three spaces before each group of columns, one inside it. */
		fputs(i == 0 || i == 6 || i == 9 || i == 12 ? "   " : " ", f);
		utf8_fput_padded(f, cells[i], widths[i], right);
	}
	fputc('\n', f);
}

void report_write_table(const struct report *rep, FILE *f)
{
	static const char *const heads[N_COLS] = { NULL, "Đã phục vụ", "Vắng mặt", "Đã chuyển",
		"Đã hủy", "Hết hạn", "Trung bình", "Trung vị", "Lâu nhất", "Trung bình", "Trung vị",
		"Lâu nhất", "Tỷ lệ hài lòng", "Lượt đánh giá" };
	const char *head[N_COLS];
	int widths[N_COLS];
	char from[11], to[11], title[256];
	for (int i = 0; i < N_COLS; i++) {
		head[i] = i ? heads[i] : issued_heading(rep->group);
		widths[i] = (int)utf8_length(head[i]);
	}
	/* The title column fits the longest name: a name is never cut. */
	int title_w = (int)utf8_length(group_heading(rep->group));
	for (size_t i = 0; i <= rep->n_rows; i++) {
		row_title(i < rep->n_rows ? &rep->rows[i] : &rep->total, title, sizeof(title));
		int w = (int)utf8_length(title);
		title_w = w > title_w ? w : title_w;
	}
	clock_format_date(clock_day_start_ms(rep->from_day) + 43200000, from);
	clock_format_date(clock_day_start_ms(rep->to_day) + 43200000, to);
	fprintf(f, "BÁO CÁO TIẾP NHẬN theo %s, từ %s đến %s\n", groups_text[rep->group].words, from,
		to);
	fprintf(f, "(thời gian tính bằng phút:giây; chờ: từ lúc lấy số đến lúc được gọi; phục vụ: "
		"từ lúc được gọi đến lúc xong)\n\n");
	/* The group line: each group's name over its first column, running right. */
	int pad = title_w;
	for (int i = 0; i < N_COLS; i++) {
		pad += i == 0 || i == 6 || i == 9 || i == 12 ? 3 : 1;
		if (*col_group[i]) {
			fprintf(f, "%*s%s", pad, "", col_group[i]);
			pad = -(int)utf8_length(col_group[i]);
		}
		pad += widths[i];
	}
	fputc('\n', f);
	table_line(f, group_heading(rep->group), title_w, head, widths, true);
	for (size_t i = 0; i <= rep->n_rows; i++) {
		const struct report_row *r = i < rep->n_rows ? &rep->rows[i] : &rep->total;
		char cells[N_COLS][24];
		const char *cell[N_COLS];
		table_cells(r, cells);
		for (int c = 0; c < N_COLS; c++) {
			cell[c] = cells[c];
		}
		row_title(r, title, sizeof(title));
		table_line(f, title, title_w, cell, widths, true);
	}
	fprintf(f, "\nTỷ lệ hài lòng = (Rất hài lòng + Hài lòng) / số lượt đánh giá; số lượt của từng mức "
		"đánh giá có trong tệp CSV (--csv).\n");
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
	fputc(',', f);
	csv_field(f, groups_text[rep->group].label);
	fprintf(f, ",\"%s\",\"Đã phục vụ\",\"Vắng mặt\",\"Đã chuyển\",\"Đã hủy\","
		"\"Hết hạn\",\"Chờ trung bình (giây)\",\"Chờ trung vị (giây)\","
		"\"Chờ lâu nhất (giây)\",\"Phục vụ trung bình (giây)\","
		"\"Phục vụ trung vị (giây)\",\"Phục vụ lâu nhất (giây)\",\"Rất hài lòng\","
		"\"Hài lòng\",\"Bình thường\",\"Không hài lòng\"\r\n", issued_heading(rep->group));
	for (size_t i = 0; i < rep->n_rows; i++) {
		csv_row(f, &rep->rows[i]);
	}
	csv_row(f, &rep->total);
}
