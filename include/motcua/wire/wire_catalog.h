#pragma once
#include "motcua/wire/layer.h"
/*
 * The desk's set-up as JSON, as `motcua --json services|counters|settings`
 * print it and the server sends it:
 *
 *   services: [{code, name, prefix, range_start, range_end, daily_cap, active,
 *               position, est_service_s}]
 *   counters: [{number, name, state, pause_reason, officer, services: [codes]}]
 *   settings: {key: value, ...}   (a secret such as the PIN's hash reads "(set)")
 *   a counter after a change: {counter, name, state}
 */
#include <stdbool.h>
#include <stddef.h>
#include <cjson/cJSON.h>
#include "motcua/base/result.h"
#include "motcua/store/counters.h"
#include "motcua/store/db.h"
#include "motcua/store/services.h"

/* One service's fields. */
void wire_service_encode(cJSON *obj, const struct service *s);
/* Adds "services": [...] to obj. */
void wire_services_encode(cJSON *obj, const struct service *list, size_t n);
/* Adds "counters": [...] to obj (the service codes are read from db). */
void wire_counters_encode(cJSON *obj, struct db *db, const struct counter *list, size_t n);
/* Adds counter, name and state: the answer to a change of one counter. */
void wire_counter_brief_encode(cJSON *obj, const struct counter *c);
/* Adds "settings": {...} with every known key's value (settings_each). */
void wire_settings_encode(cJSON *obj, struct db *db);

/* Reads one service object (the fields above). */
bool wire_service_decode(const cJSON *obj, struct service *s, struct result *r);
/* Reads obj's "services" array; *list is malloc'd (free it). */
bool wire_services_decode(const cJSON *obj, struct service **list, size_t *n,
	struct result *r);
/*
 * Reads obj's "counters" array; *list is malloc'd (free it). A counter's
 * service codes come back ","-joined in codes[i] (NULL: not wanted); its
 * service_ids are the server's and are left empty.
 */
struct wire_counter_codes {
	char text[COUNTER_MAX_SERVICES * (SERVICE_CODE_MAX + 1)];
};
bool wire_counters_decode(const cJSON *obj, struct counter **list,
	struct wire_counter_codes **codes, size_t *n, struct result *r);
