#pragma once
#include "motcua/wire/layer.h"
/*
 * The queue now, as JSON.
 *
 * status, as `motcua --json status` prints it:
 *   day, counters: [{number, state, pause_reason, officer, serving (number or
 *   null), waiting}], services: [{code, waiting, waiting_priority, issued,
 *   full}], devices: [{name, kind, status, text, detail, updated_ms}],
 *   print_unconfirmed: [ticket...]
 *
 * snapshot, what a screen needs (the server's GET /api/v1/snapshot):
 *   last_event_id, day, commune_name, desk_name, notice,
 *   counters: [{number, name, state, pause_reason, officer, service_names,
 *               services (codes), waiting, ticket (a ticket, wire_ticket.h, or null)}],
 *   services: [{service fields (wire_catalog.h), waiting, waiting_priority,
 *               issued, full}],
 *   calls: [{event_id, at_ms, number, counter, service_name, recall}] newest first
 */
#include <stdbool.h>
#include <cjson/cJSON.h>
#include "motcua/base/result.h"
#include "motcua/store/db.h"
#include "motcua/store/devices.h"
#include "motcua/store/snapshot.h"

/*
 * A device row in words: what `status` shows as text and detail. NULL
 * shows the row as stored (status, detail); the programs that know the
 * printers' words pass theirs (printer_fault_words).
 */
typedef void (*wire_device_words_fn)(const struct device_status *d, const char **text,
	const char **detail);

/* Adds the status fields to obj: s, and the devices and unconfirmed prints read from db. */
void wire_status_encode(cJSON *obj, struct db *db, const struct snapshot *s,
	wire_device_words_fn words);

/* Adds the snapshot's fields to obj. */
void wire_snapshot_encode(cJSON *obj, const struct snapshot *s);
/*
 * Reads a snapshot written by wire_snapshot_encode; *s is overwritten
 * (snapshot_finish it). Database ids are the server's and not sent:
 * services get ids 1, 2, ... in order, and counters' service_ids point
 * at them (by code), so counters and services match as in a local read.
 */
bool wire_snapshot_decode(const cJSON *obj, struct snapshot *s, struct result *r);
