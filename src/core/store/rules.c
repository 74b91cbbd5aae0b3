/* Lookups over the rule views (rules.h). */
#define LOG_MODULE "rules"
#include "rules.h"

bool rules_counter_ticket(struct db *db, int64_t counter_id, int64_t *ticket_id,
	struct result *r)
{
	sqlite3_stmt *st = db_prepare(db,
		"SELECT x.id FROM counters c JOIN ticket_rules x ON x.id = c.current_ticket"
		" WHERE c.id = ? AND x.at_counter");
	*ticket_id = 0;
	if (!st) {
		return db_fail(db, r, "đọc số đang ở quầy");
	}
	sqlite3_bind_int64(st, 1, counter_id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*ticket_id = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE || db_fail(db, r, "đọc số đang ở quầy");
}
