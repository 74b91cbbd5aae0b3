/* Idempotent writes: the requests table (requests.h). */
#define LOG_MODULE "requests"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "motcua/base/clock.h"
#include "motcua/base/xalloc.h"
#include "requests.h"

/* Printable ASCII without spaces: what HTTP Idempotency-Key values and UUIDs use. */
static bool id_valid(const char *id)
{
	size_t n = strlen(id);
	if (n == 0 || n > REQUEST_ID_MAX) {
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		if ((unsigned char)id[i] < 0x21 || (unsigned char)id[i] > 0x7e) {
			return false;
		}
	}
	return true;
}

bool request_init(struct request *q, const char *id, struct result *r, const char *fmt, ...)
{
	va_list ap;
	memset(q, 0, sizeof(*q));
	if (id && !id_valid(id)) {
		return result_fail(r, RESULT_ERR_INVALID,
			"mã yêu cầu (request id) phải gồm 1 đến %d ký tự ASCII in được, không có dấu cách",
			REQUEST_ID_MAX);
	}
	q->id = id;
	va_start(ap, fmt);
	vsnprintf(q->op, sizeof(q->op), fmt, ap);
	va_end(ap);
	return true;
}

void request_outcome_finish(struct request_outcome *o)
{
	if (o) {
		free(o->ticket_json);
		o->ticket_json = NULL;
	}
}

enum request_found request_find(struct db *db, struct request *q, int day,
	struct request_outcome *out, struct result *r)
{
	memset(out, 0, sizeof(*out));
	q->day = day;
	if (!q->id) {
		return REQUEST_NEW;
	}
	sqlite3_stmt *st = db_prepare(db, "SELECT op, code, message, ticket, ahead, est_wait_s"
		" FROM requests WHERE day = ? AND id = ?");
	if (!st) {
		db_fail(db, r, "tra mã yêu cầu");
		return REQUEST_ERROR;
	}
	sqlite3_bind_int(st, 1, day);
	sqlite3_bind_text(st, 2, q->id, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	enum request_found found = REQUEST_NEW;
	if (rc == SQLITE_ROW) {
		const char *op = (const char *)sqlite3_column_text(st, 0);
		if (!op || strcmp(op, q->op) != 0) {
			result_fail(r, RESULT_ERR_INVALID, "mã yêu cầu %s đã được dùng hôm nay cho một "
				"thao tác khác (%s); thao tác mới cần mã yêu cầu mới",
				q->id, op ? op : "?");
			found = REQUEST_ERROR;
		} else {
			out->code = (enum result_code)sqlite3_column_int(st, 1);
			snprintf(out->message, sizeof(out->message), "%s", sqlite3_column_text(st, 2));
			if (sqlite3_column_type(st, 3) != SQLITE_NULL) {
				out->ticket_json = xstrdup((const char *)sqlite3_column_text(st, 3));
			}
			out->ahead = sqlite3_column_int(st, 4);
			out->est_wait_s = sqlite3_column_int(st, 5);
			found = REQUEST_REPEAT;
		}
	} else if (rc != SQLITE_DONE) {
		db_fail(db, r, "tra mã yêu cầu");
		found = REQUEST_ERROR;
	}
	sqlite3_reset(st);
	return found;
}

bool request_record(struct db *db, const struct request *q, enum result_code code,
	const char *message, const char *ticket_json, int ahead, int est_wait_s,
	struct result *r)
{
	if (!q->id) {
		return true;
	}
	/* Only today's ids can repeat; yesterday's rows are dead weight. */
	sqlite3_stmt *st = db_prepare(db, "DELETE FROM requests WHERE day < ?");
	if (st) {
		sqlite3_bind_int(st, 1, q->day);
	}
	if (!db_step_done(db, st, r, "ghi mã yêu cầu")) {
		return false;
	}
	st = db_prepare(db, "INSERT INTO requests(day, id, op, code, message, ticket, ahead,"
		" est_wait_s, at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
	if (st) {
		sqlite3_bind_int(st, 1, q->day);
		sqlite3_bind_text(st, 2, q->id, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, q->op, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 4, (int)code);
		sqlite3_bind_text(st, 5, message ? message : "", -1, SQLITE_STATIC);
		if (ticket_json) {
			sqlite3_bind_text(st, 6, ticket_json, -1, SQLITE_STATIC);
		}
		sqlite3_bind_int(st, 7, ahead);
		sqlite3_bind_int(st, 8, est_wait_s);
		sqlite3_bind_int64(st, 9, clock_now_ms());
	}
	return db_step_done(db, st, r, "ghi mã yêu cầu");
}
