/* The ticket's state and rating names, and its print flag (ticket.h). */
#define LOG_MODULE "ticket"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "motcua/base/xalloc.h"
#include "motcua/store/ticket.h"

/* Each state: its name in the database and JSON, and in words for people. */
static const struct {
	const char *name, *words;
} states[] = {
	[TICKET_WAITING] = { "waiting", "đang chờ" },
	[TICKET_CALLED] = { "called", "đã được gọi" },
	[TICKET_SERVING] = { "serving", "đang được phục vụ" },
	[TICKET_DONE] = { "done", "đã phục vụ xong" },
	[TICKET_NOSHOW] = { "noshow", "vắng mặt" },
	[TICKET_TRANSFERRED] = { "transferred", "đã chuyển đi" },
	[TICKET_CANCELLED] = { "cancelled", "đã hủy" },
	[TICKET_EXPIRED] = { "expired", "đã hết hạn" },
	[TICKET_VOID] = { "void", "đã bị hủy vì phiếu không in được" },
};
#define N_STATES (sizeof(states) / sizeof(states[0]))

const char *ticket_status_name(enum ticket_status s)
{
	return (size_t)s < N_STATES ? states[s].name : "?";
}

const char *ticket_status_words(enum ticket_status s)
{
	return (size_t)s < N_STATES ? states[s].words : "?";
}

bool ticket_status_parse(const char *s, enum ticket_status *out)
{
	for (size_t i = 0; i < N_STATES; i++) {
		if (strcmp(s, states[i].name) == 0) {
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

bool ticket_public_token_valid(const char *s)
{
	if (!s || strlen(s) != TICKET_PUBLIC_TOKEN_LEN) {
		return false;
	}
	for (const char *p = s; *p; p++) {
		if (!isalnum((unsigned char)*p) && *p != '-' && *p != '_') {
			return false;
		}
	}
	return true;
}

bool ticket_public_url(const struct ticket *t, const char *public_url, char *buf, size_t size)
{
	if (size) {
		buf[0] = '\0';
	}
	size_t len = public_url ? strlen(public_url) : 0;
	while (len && public_url[len - 1] == '/') {
		len--;
	}
	if (!len || !ticket_public_token_valid(t->public_token) || size == 0) {
		return false;
	}
	int n = snprintf(buf, size, "%.*s/t/%s", (int)len, public_url, t->public_token);
	if (n < 0 || (size_t)n >= size) {
		buf[0] = '\0';
		return false;
	}
	return true;
}
