#pragma once
#include "motcua/store/layer.h"
/*
 * Services (lĩnh vực): the fields a citizen picks at the kiosk. Each has a
 * number format: an optional prefix letter and a range such as 1001-1999
 * that wraps to its start; a daily cap (0 = none); an active flag and a
 * display order; and a group, which the kiosk shows as one tile on its
 * first screen when all the fields do not fit there.
 */
#include <stdbool.h>
#include <stdint.h>
#include "motcua/store/db.h"

#define SERVICE_CODE_MAX 16
#define SERVICE_NAME_MAX 128
#define SERVICE_GROUP_MAX 80

struct service {
	int64_t id;
	char code[SERVICE_CODE_MAX + 1];
	char name[SERVICE_NAME_MAX + 1];
	char prefix[8];      /* "" or a letter, e.g. "A" */
	int range_start;     /* first number of the day, e.g. 1001 */
	int range_end;       /* last number before wrapping, e.g. 1999 */
	int daily_cap;       /* 0 = no cap */
	bool active;
	int position;        /* display order, ascending */
	int est_service_s;   /* estimated service time per citizen; 0 = setting */
	char group[SERVICE_GROUP_MAX + 1];  /* "" or the kiosk's first-screen group,
	                                     * e.g. "Tư pháp – Hộ tịch" (fields of one group share it) */
};

/* Fills defaults for a new service (range 1-999, active). */
void service_init(struct service *s);
/* Validates fields; r says which field is wrong. */
bool service_validate(const struct service *s, struct result *r);

bool service_add(struct db *db, struct service *s, struct result *r);   /* sets s->id */
bool service_update(struct db *db, const struct service *s, struct result *r);
bool service_find(struct db *db, const char *code, struct service *out, struct result *r);
bool service_get(struct db *db, int64_t id, struct service *out, struct result *r);

/* All services ordered by position then code; *out is malloc'd (free it). */
bool service_list(struct db *db, bool active_only, struct service **out, size_t *n,
	struct result *r);

/* The ticket number shown and printed for a sequence value: prefix + padded number. */
void service_format_number(const struct service *s, int number, char *out, size_t size);
/* The displayed number (range-wrapped) for the seq-th ticket of the day (1-based). */
int service_number_for_seq(const struct service *s, int seq);
