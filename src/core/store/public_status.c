/* A ticket's status for the citizen's phone (public_status.h). */
#define LOG_MODULE "public"
#include <stdio.h>
#include <string.h>
#include "motcua/base/clock.h"
#include "motcua/base/utf8.h"
#include "motcua/store/public_status.h"
#include "motcua/store/queue.h"
#include "motcua/store/settings.h"
#include "plan.h"

/* The counters that may call t (its target counter, else those serving its field). */
static bool read_counters(struct db *db, const struct ticket *t, struct public_status *out,
	struct result *r)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT c.number, c.name, c.state, coalesce(x.number, '')"
		" FROM counters c LEFT JOIN tickets x ON x.id = c.current_ticket"
		" WHERE (?1 > 0 AND c.number = ?1) OR (?1 = 0 AND c.id IN"
		" (SELECT counter_id FROM counter_services WHERE service_id = ?2))"
		" ORDER BY c.number LIMIT 16");
	if (!st) {
		return db_fail(db, r, "đọc các quầy");
	}
	sqlite3_bind_int(st, 1, t->status == TICKET_WAITING ? t->target_counter : t->counter);
	sqlite3_bind_int64(st, 2, t->service_id);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && out->n_counters < PUBLIC_STATUS_MAX_COUNTERS) {
		struct public_counter *c = &out->counters[out->n_counters++];
		c->number = sqlite3_column_int(st, 0);
		utf8_copy(c->name, sizeof(c->name), (const char *)sqlite3_column_text(st, 1));
		const char *state = (const char *)sqlite3_column_text(st, 2);
		c->state = state && strcmp(state, "paused") == 0 ? COUNTER_PAUSED
			: state && strcmp(state, "closed") == 0 ? COUNTER_CLOSED : COUNTER_OPEN;
		snprintf(c->serving, sizeof(c->serving), "%s", sqlite3_column_text(st, 3));
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW || db_fail(db, r, "đọc các quầy");
}

bool public_status_read(struct db *db, const char *token, struct public_status *out,
	struct result *r)
{
	memset(out, 0, sizeof(*out));
	/* One read transaction: the ticket, its place and the counters agree. */
	if (!db_exec(db, "BEGIN", r)) {
		return false;
	}
	bool ok = queue_find_public(db, token, &out->ticket, r);
	if (ok && out->ticket.status == TICKET_WAITING) {
		ok = plan_ahead(db, out->ticket.id, out->ticket.service_id, out->ticket.day,
			clock_now_ms(), &out->ahead, &out->est_wait_s, r);
	}
	ok = ok && read_counters(db, &out->ticket, out, r);
	settings_get(db, "commune_name", out->commune_name, sizeof(out->commune_name));
	db_exec(db, "COMMIT", NULL);
	/* Nothing of the token's owner leaves this module. */
	out->ticket.public_token[0] = '\0';
	out->ticket.officer[0] = '\0';
	return ok;
}
