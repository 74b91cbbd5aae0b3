/*
 * The kiosk's own state file as a copy of what the server says (mirror.h).
 * Only the print layer reads it; nothing here is an operation of the queue.
 */
#define LOG_MODULE "mirror"
#include <stdlib.h>
#include <string.h>
#include "motcua/store/mirror.h"
#include "motcua/store/settings.h"

static bool same_service(const struct service *a, const struct service *b)
{
	return strcmp(a->name, b->name) == 0 && strcmp(a->prefix, b->prefix) == 0
		&& a->range_start == b->range_start && a->range_end == b->range_end
		&& a->daily_cap == b->daily_cap && a->active == b->active && a->position == b->position
		&& a->est_service_s == b->est_service_s && strcmp(a->group, b->group) == 0;
}

bool mirror_services(struct db *db, const struct service *list, size_t n, struct result *r)
{
	struct service *have = NULL;
	size_t n_have = 0;
	bool ok = service_list(db, false, &have, &n_have, r);
	for (size_t i = 0; ok && i < n; i++) {
		struct service s = list[i];
		struct service old;
		s.id = 0;
		for (size_t k = 0; k < n_have; k++) {
			if (strcmp(have[k].code, s.code) == 0) {
				s.id = have[k].id;
				old = have[k];
			}
		}
		if (!s.id) {
			ok = service_add(db, &s, r);
		} else if (!same_service(&old, &s)) {
			ok = service_update(db, &s, r);
		}
	}
	for (size_t k = 0; ok && k < n_have; k++) {
		bool listed = false;
		for (size_t i = 0; i < n; i++) {
			listed = listed || strcmp(have[k].code, list[i].code) == 0;
		}
		if (!listed && have[k].active) {
			have[k].active = false;
			ok = service_update(db, &have[k], r);
		}
	}
	free(have);
	return ok;
}

bool mirror_setting(struct db *db, const char *key, const char *value, struct result *r)
{
	char now[2048];
	if (strcmp(value, "(set)") == 0 || !settings_validate(key, value, NULL)) {
		return true;  /* a secret, or a key this build does not know */
	}
	if (settings_get(db, key, now, sizeof(now)) && strcmp(now, value) == 0) {
		return true;  /* no write, no event: the printer's images stay current */
	}
	return settings_set(db, key, value, r);
}

bool mirror_ticket(struct db *db, const struct ticket *t, struct result *r)
{
	struct service s;
	if (!service_find(db, t->service_code, &s, r)) {
		return false;
	}
	if (!db_begin(db, r)) {
		return false;
	}
	/* seq = the id: unique for the file's (service, day) index, never shown. */
	sqlite3_stmt *st = db_prepare(db,
		"INSERT OR REPLACE INTO tickets(id, service_id, day, seq, number, priority, status,"
		" issued_ms, line_ms, enq_ms, enq_mono, enq_boot, public_token)"
		" VALUES (?1, ?2, ?3, ?1, ?4, ?5, ?6, ?7, ?7, ?7, 0, 0, NULLIF(?8, ''))");
	if (st) {
		sqlite3_bind_int64(st, 1, t->id);
		sqlite3_bind_int64(st, 2, s.id);
		sqlite3_bind_int(st, 3, t->day);
		sqlite3_bind_text(st, 4, t->number, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(st, 5, t->priority);
		sqlite3_bind_text(st, 6, ticket_status_name(t->status), -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 7, t->issued_ms);
		sqlite3_bind_text(st, 8, t->public_token, -1, SQLITE_TRANSIENT);
	}
	if (!db_step_done(db, st, r, "copying the server's ticket")) {
		db_rollback(db);
		return false;
	}
	return db_commit(db, r);
}
