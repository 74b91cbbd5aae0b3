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

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: fixture DB setup|issue|ticket|counter|set ...\n");
		return 2;
	}
	struct result r;
	bool create = !strcmp(argv[2], "setup");
	struct db *db = db_open(argv[1], create ? DB_CREATE : DB_READWRITE, &r);
	if (!db) {
		return fail(&r);
	}
	int status = 0;
	if (create) {
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
