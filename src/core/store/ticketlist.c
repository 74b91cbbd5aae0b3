/*
 * No-shows for the officer's "put back" picker. (Who is next comes from
 * queue_upcoming(), which shares call-next's own ordering.) Rows are read by
 * id and loaded with queue_get, so the ticket fields are filled in one place.
 */
#define LOG_MODULE "ticketlist"
#include <string.h>
#include "motcua/store/day.h"
#include "motcua/store/counters.h"
#include "motcua/base/log.h"
#include "motcua/store/ticketlist.h"

#define CLASS_MAX 64

bool ticketlist_noshows(struct db *db, int counter, struct ticket *out, size_t max, size_t *n,
	struct result *r)
{
	struct counter c;
	*n = 0;
	if (!counter_find(db, counter, &c, r)) {
		return false;
	}
	sqlite3_stmt *st = db_prepare(db,
		"SELECT t.id FROM tickets t WHERE t.status = 'noshow' AND t.day = ?1"
		" AND (t.counter = ?2 OR t.service_id IN (SELECT service_id FROM counter_services"
		" WHERE counter_id = ?3))"
		" ORDER BY coalesce(t.finished_ms, t.called_ms) DESC, t.id DESC LIMIT ?4");
	if (!st) {
		return db_fail(db, r, "liệt kê số vắng mặt");
	}
	int64_t ids[CLASS_MAX];
	size_t k = 0;
	sqlite3_bind_int(st, 1, day_effective(db));
	sqlite3_bind_int(st, 2, counter);
	sqlite3_bind_int64(st, 3, c.id);
	sqlite3_bind_int64(st, 4, (int64_t)(max < CLASS_MAX ? max : CLASS_MAX));
	int rc = SQLITE_DONE;
	while (k < CLASS_MAX && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		ids[k++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	if (k < CLASS_MAX && rc != SQLITE_DONE) {
		return db_fail(db, r, "liệt kê số vắng mặt");
	}
	for (size_t i = 0; i < k && *n < max; i++) {
		if (!queue_get(db, ids[i], &out[*n], r)) {
			return false;
		}
		(*n)++;
	}
	return true;
}
