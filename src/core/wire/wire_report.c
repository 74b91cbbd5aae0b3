/* The leaders' figures as JSON (wire_report.h). */
#define LOG_MODULE "wire"
#include "motcua/wire/wire_report.h"

static void encode_row(cJSON *o, const struct report_row *r)
{
	cJSON_AddStringToObject(o, "key", r->key);
	cJSON_AddStringToObject(o, "label", r->label);
	cJSON_AddNumberToObject(o, "issued", r->issued);
	cJSON_AddNumberToObject(o, "served", r->served);
	cJSON_AddNumberToObject(o, "noshow", r->noshow);
	cJSON_AddNumberToObject(o, "transferred", r->transferred);
	cJSON_AddNumberToObject(o, "cancelled", r->cancelled);
	cJSON_AddNumberToObject(o, "expired", r->expired);
	cJSON_AddNumberToObject(o, "wait_avg_s", (double)r->wait_avg_s);
	cJSON_AddNumberToObject(o, "wait_median_s", (double)r->wait_median_s);
	cJSON_AddNumberToObject(o, "wait_max_s", (double)r->wait_max_s);
	cJSON_AddNumberToObject(o, "service_avg_s", (double)r->service_avg_s);
	cJSON_AddNumberToObject(o, "service_median_s", (double)r->service_median_s);
	cJSON_AddNumberToObject(o, "service_max_s", (double)r->service_max_s);
	cJSON *ratings = cJSON_AddObjectToObject(o, "ratings");
	static const char *const names[] = { "none", "very_satisfied", "satisfied", "neutral",
		"unsatisfied" };
	/* The same counts, only those given by citizens on the rating tablet. */
	cJSON *citizen = cJSON_AddObjectToObject(o, "citizen_ratings");
	for (int i = 1; i <= 4; i++) {
		cJSON_AddNumberToObject(ratings, names[i], r->ratings[i]);
		cJSON_AddNumberToObject(citizen, names[i], r->citizen_ratings[i]);
	}
}

void wire_report_encode(cJSON *obj, const struct report *rep)
{
	cJSON_AddNumberToObject(obj, "from", rep->from_day);
	cJSON_AddNumberToObject(obj, "to", rep->to_day);
	cJSON *rows = cJSON_AddArrayToObject(obj, "rows");
	for (size_t i = 0; i < rep->n_rows; i++) {
		cJSON *o = cJSON_CreateObject();
		encode_row(o, &rep->rows[i]);
		cJSON_AddItemToArray(rows, o);
	}
	encode_row(cJSON_AddObjectToObject(obj, "total"), &rep->total);
}
