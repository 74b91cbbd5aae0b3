/* The ticket's state and rating names, and its print flag (ticket.h). */
#define LOG_MODULE "ticket"
#include <stdlib.h>
#include <string.h>
#include "motcua/base/xalloc.h"
#include "motcua/store/ticket.h"

static const char *const status_names[] = {
	[TICKET_WAITING] = "waiting",
	[TICKET_CALLED] = "called",
	[TICKET_SERVING] = "serving",
	[TICKET_DONE] = "done",
	[TICKET_NOSHOW] = "noshow",
	[TICKET_TRANSFERRED] = "transferred",
	[TICKET_CANCELLED] = "cancelled",
	[TICKET_EXPIRED] = "expired",
	[TICKET_VOID] = "void",
};

const char *ticket_status_name(enum ticket_status s)
{
	return (size_t)s < sizeof(status_names) / sizeof(status_names[0]) ? status_names[s] : "?";
}

const char *ticket_status_words(enum ticket_status s)
{
	static const char *const words[] = {
		[TICKET_WAITING] = "đang chờ",
		[TICKET_CALLED] = "đã được gọi",
		[TICKET_SERVING] = "đang được phục vụ",
		[TICKET_DONE] = "đã phục vụ xong",
		[TICKET_NOSHOW] = "vắng mặt",
		[TICKET_TRANSFERRED] = "đã chuyển đi",
		[TICKET_CANCELLED] = "đã hủy",
		[TICKET_EXPIRED] = "đã hết hạn",
		[TICKET_VOID] = "đã bị hủy vì phiếu không in được",
	};
	return (size_t)s < sizeof(words) / sizeof(words[0]) ? words[s] : "?";
}

bool ticket_status_parse(const char *s, enum ticket_status *out)
{
	for (size_t i = 0; i < sizeof(status_names) / sizeof(status_names[0]); i++) {
		if (strcmp(s, status_names[i]) == 0) {
			*out = (enum ticket_status)i;
			return true;
		}
	}
	return false;
}

const char *ticket_rating_label(enum ticket_rating r)
{
	switch (r) {
	case RATING_VERY_SATISFIED: return "Rất hài lòng";
	case RATING_SATISFIED: return "Hài lòng";
	case RATING_NEUTRAL: return "Bình thường";
	case RATING_UNSATISFIED: return "Không hài lòng";
	case RATING_NONE: break;
	}
	return NULL;
}

bool ticket_set_print_unconfirmed(struct db *db, int64_t id, bool unconfirmed,
	struct result *r)
{
	if (!db_begin(db, r)) {
		return false;
	}
	sqlite3_stmt *st = db_prepare(db, "UPDATE tickets SET print_unconfirmed = ? WHERE id = ?");
	if (st) {
		sqlite3_bind_int(st, 1, unconfirmed);
		sqlite3_bind_int64(st, 2, id);
	}
	if (!db_step_done(db, st, r, "đánh dấu phiếu chưa xác nhận đã in")) {
		db_rollback(db);
		return false;
	}
	if (sqlite3_changes(db_handle(db)) == 0) {
		db_rollback(db);
		return result_fail(r, RESULT_ERR_NOTFOUND, "không có phiếu có mã nội bộ %lld",
			(long long)id);
	}
	return db_commit(db, r);
}

bool ticket_list_print_unconfirmed(struct db *db, int day, int64_t **ids, size_t *n,
	struct result *r)
{
	*ids = NULL;
	*n = 0;
	sqlite3_stmt *st = db_prepare(db,
		"SELECT id FROM tickets WHERE day = ? AND print_unconfirmed = 1 ORDER BY id");
	if (!st) {
		return db_fail(db, r, "đọc các phiếu chưa xác nhận đã in");
	}
	sqlite3_bind_int(st, 1, day);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? 2 * cap : 8;
			*ids = xrealloc(*ids, cap * sizeof **ids);
		}
		(*ids)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		free(*ids);
		*ids = NULL;
		*n = 0;
		return db_fail(db, r, "đọc các phiếu chưa xác nhận đã in");
	}
	return true;
}
