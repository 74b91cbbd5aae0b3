#pragma once
#include "motcua/wire/layer.h"
/*
 * The leaders' figures as JSON, as `motcua --json report` prints them:
 *   from, to, rows: [row], total: row, where a row is {key, label, issued,
 *   served, noshow, transferred, cancelled, expired, wait_avg_s,
 *   wait_median_s, wait_max_s, service_avg_s, service_median_s,
 *   service_max_s, ratings: {very_satisfied, satisfied, neutral, unsatisfied},
 *   citizen_ratings: {the same, only those given on the citizen's rating tablet}}
 */
#include <cjson/cJSON.h>
#include "motcua/store/report.h"

void wire_report_encode(cJSON *obj, const struct report *rep);
