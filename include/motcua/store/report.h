#pragma once
#include "motcua/store/layer.h"
/*
 * Figures for the leaders: per service, per counter and per officer over a
 * range of local days: issued, served, no-shows, transferred, cancelled,
 * expired; average / median / longest wait and service time; ratings.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "motcua/store/db.h"

enum report_group { REPORT_BY_SERVICE, REPORT_BY_COUNTER, REPORT_BY_OFFICER, REPORT_BY_DAY };

struct report_row {
	char key[64];             /* service code, counter number, officer, dd/mm/yyyy, or
	                           * "Tổng cộng" for the total */
	char label[160];          /* service name, counter name, officer, weekday; "" for the total */
	int issued, served, noshow, transferred, cancelled, expired;
	int64_t wait_avg_s, wait_median_s, wait_max_s;
	int64_t service_avg_s, service_median_s, service_max_s;
	int ratings[5];           /* index = enum ticket_rating; [0] = not rated */
	int citizen_ratings[5];   /* those of ratings given on the citizen's tablet */
};

struct report {
	int from_day, to_day;     /* inclusive, yyyymmdd */
	enum report_group group;
	size_t n_rows;
	struct report_row *rows;
	struct report_row total;
};

bool report_build(struct db *db, int from_day, int to_day, enum report_group group,
	struct report *out, struct result *r);
void report_finish(struct report *rep);  /* NULL-safe */

/* Readable table (Vietnamese headings). */
void report_write_table(const struct report *rep, FILE *f);
/* CSV for Excel: UTF-8 BOM, CRLF, quoted fields, Vietnamese headings. */
void report_write_csv(const struct report *rep, FILE *f);
