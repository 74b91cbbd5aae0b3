/*
 * Test fixture for the counter and keypad tests: builds a small office in
 * a database and prints ticket and counter state for the shell scripts to
 * check, through the core API only.
 *
 *   fixture DB setup             services HT (A), CT (B), DD (C); counters
 *                                1: HT CT, 2: CT DD, 3: DD
 *   fixture DB issue CODE [p]    issues a ticket (p = priority); prints its number
 *   fixture DB ticket NUMBER     "status counter rating recalls target service"
 *   fixture DB counter N         "state current_number|- pause_reason"
 *   fixture DB set KEY VALUE     settings_set
 *   fixture DB desk C F N        a bigger desk (C counters up to 32, F fields up
 *                                to 16, realistic names): counter 1 serves
 *                                every field, counter k two of them; three
 *                                waiting per field (one priority), N no-shows
 *                                at counter 1, which then serves a citizen
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "motcua/store/counters.h"
#include "motcua/store/db.h"
#include "motcua/store/queue.h"
#include "motcua/store/services.h"
#include "motcua/store/settings.h"

static int fail(const struct result *r)
{
	fprintf(stderr, "fixture: %s\n", r->msg);
	return 1;
}

static int setup(struct db *db)
{
	static const struct { const char *code, *name, *prefix; int start; } svc[] = {
		{ "HT", "Hộ tịch", "A", 1001 },
		{ "CT", "Chứng thực", "B", 2001 },
		{ "DD", "Đất đai – Xây dựng", "C", 3001 },
	};
	struct result r;
	for (size_t i = 0; i < 3; i++) {
		struct service s;
		service_init(&s);
		snprintf(s.code, sizeof(s.code), "%s", svc[i].code);
		snprintf(s.name, sizeof(s.name), "%s", svc[i].name);
		snprintf(s.prefix, sizeof(s.prefix), "%s", svc[i].prefix);
		s.range_start = svc[i].start;
		s.range_end = svc[i].start + 998;
		s.position = (int)i;
		if (!service_add(db, &s, &r)) {
			return fail(&r);
		}
	}
	static const char *const c1[] = { "HT", "CT" }, *const c2[] = { "CT", "DD" },
		*const c3[] = { "DD" };
	static const struct { const char *const *codes; size_t n; } ctr[] = {
		{ c1, 2 }, { c2, 2 }, { c3, 1 },
	};
	for (int i = 0; i < 3; i++) {
		struct counter c = { 0 };
		c.number = i + 1;
		snprintf(c.name, sizeof(c.name), "Quầy %d", i + 1);
		if (!counter_add(db, &c, &r) ||
			!counter_assign(db, i + 1, ctr[i].codes, ctr[i].n, &r)) {
			return fail(&r);
		}
	}
	return 0;
}

static const struct { const char *code, *name; } desk_fields[] = {
	{ "HT", "Hộ tịch" },
	{ "CT", "Chứng thực" },
	{ "DD", "Đất đai – Xây dựng" },
	{ "LD", "Lao động – Thương binh và Xã hội" },
	{ "TC", "Giải quyết khiếu nại, tố cáo và tiếp công dân" },
	{ "NC", "Người có công" },
	{ "BT", "Bảo trợ xã hội" },
	{ "TE", "Trẻ em – Bình đẳng giới" },
	{ "GD", "Giáo dục và Đào tạo" },
	{ "YT", "Y tế – Bảo hiểm y tế" },
	{ "KD", "Hộ kinh doanh" },
	{ "NN", "Nông nghiệp và Môi trường" },
	{ "VH", "Văn hóa – Thể thao – Du lịch" },
	{ "TG", "Tín ngưỡng, tôn giáo" },
	{ "NV", "Nội vụ – Thi đua, khen thưởng" },
	{ "KH", "Lĩnh vực khác" },
};

static const char *const desk_officers[] = {
	"Nguyễn Thị Hoa", "Trần Văn Nam", "Lê Thị Mai", "Phạm Văn Hùng", "Hoàng Thị Lan",
	"Huỳnh Văn Đức", "Phan Thị Thu Hương", "Vũ Văn Long", "Võ Thị Ngọc Ánh",
	"Đặng Văn Khánh", "Bùi Thị Nguyệt", "Đỗ Văn Quang",
};

/* The desk of `fixture DB desk C F N` (see the top of the file). */
static int desk(struct db *db, int n_counters, int n_fields, int noshows)
{
	struct result r;
	const int n_all = (int)(sizeof(desk_fields) / sizeof(desk_fields[0]));
	if (n_counters < 1 || n_counters > 32 || n_fields < 1 || n_fields > n_all || noshows < 0) {
		fprintf(stderr, "fixture: desk: 1-32 counters, 1-%d fields\n", n_all);
		return 2;
	}
	const char *codes[16];
	for (int i = 0; i < n_fields; i++) {
		/* The last field is always "Lĩnh vực khác". */
		int k = i == n_fields - 1 ? n_all - 1 : i;
		struct service s;
		service_init(&s);
		snprintf(s.code, sizeof(s.code), "%s", desk_fields[k].code);
		snprintf(s.name, sizeof(s.name), "%s", desk_fields[k].name);
		/* Nine plain ranges, then prefix letters: numbers of up to five characters. */
		if (i < 9) {
			s.range_start = (i + 1) * 1000 + 1;
		} else {
			snprintf(s.prefix, sizeof(s.prefix), "%c", "KLMNPQRSTU"[i - 9]);  /* no I, no O */
			s.range_start = 1001;
		}
		s.range_end = s.range_start + 998;
		s.position = i + 1;
		if (!service_add(db, &s, &r)) {
			return fail(&r);
		}
		codes[i] = desk_fields[k].code;
	}
	const size_t n_off = sizeof(desk_officers) / sizeof(desk_officers[0]);
	for (int i = 1; i <= n_counters; i++) {
		struct counter c = { .number = i };
		snprintf(c.name, sizeof(c.name), i == 1 ? "Tiếp nhận chung" : "Quầy %d", i);
		const char *two[2] = { codes[(i - 2 + n_fields) % n_fields], codes[(i - 1) % n_fields] };
		bool ok = counter_add(db, &c, &r)
			&& (i == 1 ? counter_assign(db, i, codes, (size_t)n_fields, &r)
				: counter_assign(db, i, two, n_fields > 1 ? 2 : 1, &r))
			&& counter_set_officer(db, i, desk_officers[(size_t)(i - 1) % n_off], &r);
		if (!ok) {
			return fail(&r);
		}
	}
	struct ticket t;
	for (int round = 0; round < 3; round++) {
		for (int i = 0; i < n_fields; i++) {
			if (!queue_issue(db, NULL, codes[i], round == 1, &t, &r)) {
				return fail(&r);
			}
		}
	}
	for (int i = 0; i < noshows; i++) {
		if (!queue_issue(db, NULL, codes[i % n_fields], false, &t, &r)
				|| !queue_call_next(db, NULL, 1, NULL, &t, &r)
				|| !queue_skip(db, NULL, 1, &t, &r)) {
			return fail(&r);
		}
	}
	if (!queue_call_next(db, NULL, 1, desk_officers[0], &t, &r)) {
		return fail(&r);
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: fixture DB setup|desk|issue|ticket|counter|set ...\n");
		return 2;
	}
	struct result r;
	bool create = !strcmp(argv[2], "setup") || !strcmp(argv[2], "desk");
	struct db *db = db_open(argv[1], create ? DB_CREATE : DB_READWRITE, &r);
	if (!db) {
		return fail(&r);
	}
	int status = 0;
	if (!strcmp(argv[2], "desk")) {
		status = argc == 6 ? desk(db, atoi(argv[3]), atoi(argv[4]), atoi(argv[5])) : 2;
	} else if (create) {
		status = setup(db);
	} else if (!strcmp(argv[2], "issue") && argc >= 4) {
		struct ticket t;
		if (!queue_issue(db, NULL, argv[3], argc >= 5 && argv[4][0] == 'p', &t, &r)) {
			status = fail(&r);
		} else {
			printf("%s\n", t.number);
		}
	} else if (!strcmp(argv[2], "ticket") && argc >= 4) {
		struct ticket t;
		if (!queue_find_number(db, argv[3], NULL, &t, &r)) {
			status = fail(&r);
		} else {
			printf("%s %d %d %d %d %s\n", ticket_status_name(t.status), t.counter,
				(int)t.rating, t.recalls, t.target_counter, t.service_code);
		}
	} else if (!strcmp(argv[2], "counter") && argc >= 4) {
		struct counter c;
		if (!counter_find(db, atoi(argv[3]), &c, &r)) {
			status = fail(&r);
		} else {
			struct ticket t;
			const char *num = "-";
			if (c.current_ticket && queue_get(db, c.current_ticket, &t, NULL)) {
				num = t.number;
			}
			printf("%s %s %s\n", counter_state_name(c.state), num, c.pause_reason);
		}
	} else if (!strcmp(argv[2], "set") && argc >= 5) {
		if (!settings_set(db, argv[3], argv[4], &r)) {
			status = fail(&r);
		}
	} else {
		fprintf(stderr, "fixture: bad command\n");
		status = 2;
	}
	db_close(db);
	return status;
}
