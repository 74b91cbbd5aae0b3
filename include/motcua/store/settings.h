#pragma once
#include "motcua/store/layer.h"
/*
 * Key/value settings stored in the database (one source of truth for every
 * process). Known keys and their defaults are listed in settings.c; unknown
 * keys are refused so a typo does not silently do nothing.
 *
 * Keys: commune_name, desk_name, notice, priority_rule (interleave|strict),
 * priority_every (N normal tickets per priority ticket), timezone,
 * ticket_footer, ticket_layout, printer_width, est_service_s,
 * voice_mode (voice|chime|mute), voice_repeat, voice_region (central|north|south),
 * rating_timeout_s, kiosk_groups (auto|always), kiosk_idle_s, server_url, public_url, admin_pin_hash.
 */
#include <stdbool.h>
#include <stddef.h>
#include "motcua/store/db.h"

/* Copies the value (or the default) into out; false if the key is unknown. */
bool settings_get(struct db *db, const char *key, char *out, size_t size);
/*
 * An integer setting's value, else its default from the table in settings.c
 * (the only place defaults live; a stored value out of range, which only a
 * hand edit can make, also gives the default). key must be an integer key.
 */
long settings_get_int(struct db *db, const char *key);
/*
 * Whether settings_set(key, value) would accept value: the key is known and
 * the value fits its kind (number range, choice, zone, text without control
 * characters, a layout that parses). Pure: no database, no side effect.
 */
bool settings_validate(const char *key, const char *value, struct result *r);
/* Validates and stores (in its own transaction, with a "setting" event). */
bool settings_set(struct db *db, const char *key, const char *value, struct result *r);
/*
 * Selects the desk's zone (setting "timezone") for this process's local
 * times. Programs call it once from main, before starting any thread;
 * a zone changed later takes effect when the programs restart.
 */
void settings_use_zone(struct db *db);
/* Iterates over all known keys: key, current value, default, description. */
typedef void (*settings_visit_fn)(void *ud, const char *key, const char *value,
	const char *def, const char *description);
void settings_each(struct db *db, settings_visit_fn fn, void *ud);
