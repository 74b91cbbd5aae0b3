/*
 * Ticket operations (see queue.h for the contract).
 *
 * Every operation runs inside day_begin()'s BEGIN IMMEDIATE transaction, so
 * reading the candidate and claiming it cannot interleave with another
 * process: SQLite admits one writer at a time and the others wait on the
 * busy timeout. The ticket handed back is filled only after COMMIT returned
 * OK, so nothing is printed or announced that could still be rolled back.
 *
 * Every write starts with queue_op_begin (the day, then a repeat of its
 * request id is answered from the requests table) and ends with
 * queue_op_commit (the outcome recorded under the request id, then COMMIT).
 * This file holds tickets, issuing, cancel, void and rating; what counters
 * do is in calling.c. Who is called next comes from the planner (plan.h);
 * the rules are the schema's views (rules.h).
 */
#define LOG_MODULE "queue"
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "motcua/base/text.h"
#include "motcua/base/xalloc.h"
#include "motcua/store/day.h"
#include "motcua/store/events.h"
#include "motcua/base/log.h"
#include "motcua/store/queue.h"
#include "motcua/base/utf8.h"
#include "plan.h"
#include "queue_op.h"

/* The ticket columns, in read_ticket's order, over TICKET_FROM. */
#define TICKET_COLUMNS \
	"t.id, t.service_id, s.code, s.name, t.day, t.seq, t.number, t.priority," \
	" t.status, coalesce(t.counter, 0), coalesce(t.target_counter, 0), t.officer," \
	" t.recalls, t.issued_ms, coalesce(t.called_ms, 0), coalesce(t.finished_ms, 0)," \
	" coalesce(t.wait_ms, -1), coalesce(t.service_ms, -1)," \
	" coalesce(t.transferred_from, 0), t.rating, t.print_unconfirmed," \
	" coalesce(t.public_token, '')"
#define TICKET_FROM " FROM tickets t JOIN services s ON s.id = t.service_id"
#define TICKET_SELECT "SELECT " TICKET_COLUMNS TICKET_FROM

static void read_ticket(sqlite3_stmt *st, struct ticket *t)
{
	memset(t, 0, sizeof(*t));
	t->id = sqlite3_column_int64(st, 0);
	t->service_id = sqlite3_column_int64(st, 1);
	snprintf(t->service_code, sizeof(t->service_code), "%s", sqlite3_column_text(st, 2));
	utf8_copy(t->service_name, sizeof(t->service_name),
		(const char *)sqlite3_column_text(st, 3));
	t->day = sqlite3_column_int(st, 4);
	t->seq = sqlite3_column_int(st, 5);
	snprintf(t->number, sizeof(t->number), "%s", sqlite3_column_text(st, 6));
	t->priority = sqlite3_column_int(st, 7) != 0;
	const char *status = (const char *)sqlite3_column_text(st, 8);
	if (!status || !ticket_status_parse(status, &t->status)) {
		t->status = TICKET_EXPIRED;
	}
	t->counter = sqlite3_column_int(st, 9);
	t->target_counter = sqlite3_column_int(st, 10);
	utf8_copy(t->officer, sizeof(t->officer), (const char *)sqlite3_column_text(st, 11));
	t->recalls = sqlite3_column_int(st, 12);
	t->issued_ms = sqlite3_column_int64(st, 13);
	t->called_ms = sqlite3_column_int64(st, 14);
	t->finished_ms = sqlite3_column_int64(st, 15);
	t->wait_ms = sqlite3_column_int64(st, 16);
	t->service_ms = sqlite3_column_int64(st, 17);
	t->transferred_from = sqlite3_column_int64(st, 18);
	int rating = sqlite3_column_int(st, 19);
	t->rating = rating >= 1 && rating <= 4 ? (enum ticket_rating)rating : RATING_NONE;
	t->print_unconfirmed = sqlite3_column_int(st, 20) != 0;
	const char *token = (const char *)sqlite3_column_text(st, 21);
	snprintf(t->public_token, sizeof(t->public_token), "%s",
		ticket_public_token_valid(token) ? token : "");
}

bool queue_get(struct db *db, int64_t id, struct ticket *t, struct result *r)
{
	sqlite3_stmt *st = db_prepare(db, TICKET_SELECT " WHERE t.id = ?");
	if (!st) {
		return db_fail(db, r, "đọc phiếu");
	}
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		read_ticket(st, t);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE) {
		return result_fail(r, RESULT_ERR_NOTFOUND, "không có phiếu có mã nội bộ %lld",
			(long long)id);
	}
	return rc == SQLITE_ROW || db_fail(db, r, "đọc phiếu");
}

/*
 * Today's row with that printed number, optionally within a service: the one
 * still in play (waiting, at a counter, no-show) if any, else the newest.
 * Fields never share numbers (ranges with one prefix may not overlap), so
 * several rows mean one citizen's transfer chain or an earlier wrap.
 */
bool queue_find_on_day(struct db *db, int day, const char *number, const char *code,
	struct ticket *t, struct result *r)
{
	sqlite3_stmt *st = db_prepare(db, TICKET_SELECT " JOIN ticket_rules x ON x.id = t.id"
		" WHERE t.day = ?1 AND t.number = ?2 AND (?3 IS NULL OR s.code = ?3)"
		" ORDER BY x.holds_number DESC, t.id DESC LIMIT 1");
	if (!st) {
		return db_fail(db, r, "tìm phiếu");
	}
	sqlite3_bind_int(st, 1, day);
	sqlite3_bind_text(st, 2, number, -1, SQLITE_STATIC);
	if (code) {
		sqlite3_bind_text(st, 3, code, -1, SQLITE_STATIC);
	}
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		read_ticket(st, t);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE) {
		return result_fail(r, RESULT_ERR_NOTFOUND, "hôm nay không có số %s", number);
	}
	return rc == SQLITE_ROW || db_fail(db, r, "tìm phiếu");
}

bool queue_find_public(struct db *db, const char *token, struct ticket *t, struct result *r)
{
	if (!ticket_public_token_valid(token)) {
		return result_fail(r, RESULT_ERR_NOTFOUND, "phiếu không còn hiệu lực");
	}
	/* The row issued with the token, then down its transfer chain to the newest copy. */
	sqlite3_stmt *st = db_prepare(db, "WITH RECURSIVE chain(id, depth) AS ("
		" SELECT id, 0 FROM tickets WHERE public_token = ?1 AND day = ?2"
		" UNION ALL SELECT c.id, chain.depth + 1 FROM tickets c"
		" JOIN chain ON c.transferred_from = chain.id)"
		" " TICKET_SELECT " JOIN chain ON chain.id = t.id ORDER BY chain.depth DESC, t.id DESC"
		" LIMIT 1");
	if (!st) {
		return db_fail(db, r, "tìm phiếu");
	}
	sqlite3_bind_text(st, 1, token, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, day_effective(db));
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		read_ticket(st, t);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE) {
		return result_fail(r, RESULT_ERR_NOTFOUND, "phiếu không còn hiệu lực");
	}
	return rc == SQLITE_ROW || db_fail(db, r, "tìm phiếu");
}

bool queue_find_number(struct db *db, const char *number, const char *service_code,
	struct ticket *t, struct result *r)
{
	return queue_find_on_day(db, day_effective(db), number, service_code, t, r);
}

bool queue_log_event(struct db *db, enum event_kind kind, const struct ticket *t,
	int counter, const char *officer, const char *detail, struct result *r)
{
	struct event ev = { .kind = kind, .ticket_id = t->id, .counter = counter };
	snprintf(ev.number, sizeof(ev.number), "%s", t->number);
	snprintf(ev.service_code, sizeof(ev.service_code), "%s", t->service_code);
	utf8_copy(ev.officer, sizeof(ev.officer), officer ? officer : "");
	utf8_copy(ev.detail, sizeof(ev.detail), detail ? detail : "");
	return events_append(db, &ev, r);
}

/* Whether `number` is held today (ticket_rules.holds_number). */
static bool number_held(struct db *db, int day, const char *number, bool *held,
	struct result *r)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT 1 FROM ticket_rules WHERE day = ? AND number = ?"
		" AND holds_number LIMIT 1");
	if (!st) {
		return db_fail(db, r, "đánh số");
	}
	sqlite3_bind_int(st, 1, day);
	sqlite3_bind_text(st, 2, number, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st);
	*held = rc == SQLITE_ROW;
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE || db_fail(db, r, "đánh số");
}

/* Whether the field's daily cap is reached today (service_day.full). */
static bool service_full(struct db *db, const struct service *s, int day, bool *full,
	struct result *r)
{
	sqlite3_stmt *st = db_prepare(db,
		"SELECT full FROM service_day WHERE service_id = ? AND day = ?");
	if (!st) {
		return db_fail(db, r, "kiểm tra giới hạn số mỗi ngày");
	}
	sqlite3_bind_int64(st, 1, s->id);
	sqlite3_bind_int(st, 2, day);
	int rc = sqlite3_step(st);
	*full = rc == SQLITE_ROW && sqlite3_column_int(st, 0) != 0;
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE || db_fail(db, r, "kiểm tra giới hạn số mỗi ngày");
}

/*
 * The next sequence for (service, day) and the number to print. Numbers run
 * through the service's range and wrap to its start; after a wrap, numbers
 * still held by someone (waiting, at a counter, a no-show who may come back,
 * or transferred elsewhere) are skipped. Refuses past the daily cap or when
 * every number of the range is held.
 */
static bool next_number(struct db *db, const struct service *s, int day, int *seq,
	char *number, size_t size, struct result *r)
{
	sqlite3_stmt *st = db_prepare(db,
		"SELECT last_seq FROM sequences WHERE service_id = ? AND day = ?");
	int last = 0;
	if (!st) {
		return db_fail(db, r, "đánh số");
	}
	sqlite3_bind_int64(st, 1, s->id);
	sqlite3_bind_int(st, 2, day);
	if (sqlite3_step(st) == SQLITE_ROW) {
		last = sqlite3_column_int(st, 0);
	}
	sqlite3_reset(st);
	bool full;
	if (!service_full(db, s, day, &full, r)) {
		return false;
	}
	if (full) {
		return result_fail(r, RESULT_ERR_CAP,
			"lĩnh vực %s đã hết số: đã cấp đủ %d số hôm nay (giới hạn mỗi ngày)", s->code,
			s->daily_cap);
	}
	*seq = last + 1;
	int span = s->range_end - s->range_start + 1;
	int value = service_number_for_seq(s, *seq);
	service_format_number(s, value, number, size);
	for (int tries = 0; *seq > span; tries++) {
		bool held = false;
		if (!number_held(db, day, number, &held, r)) {
			return false;
		}
		if (!held) {
			break;
		}
		if (tries + 1 >= span) {
			return result_fail(r, RESULT_ERR_CAP,
				"lĩnh vực %s đã hết số: mọi số %s%d-%d hôm nay đều đang được công dân giữ",
				s->code,
				s->prefix, s->range_start, s->range_end);
		}
		value = value >= s->range_end ? s->range_start : value + 1;
		service_format_number(s, value, number, size);
	}
	st = db_prepare(db, "INSERT INTO sequences(service_id, day, last_seq) VALUES (?, ?, ?)"
		" ON CONFLICT(service_id, day) DO UPDATE SET last_seq = excluded.last_seq");
	if (st) {
		sqlite3_bind_int64(st, 1, s->id);
		sqlite3_bind_int(st, 2, day);
		sqlite3_bind_int(st, 3, *seq);
	}
	return db_step_done(db, st, r, "đánh số");
}

/* --- one write: the day, the request id, the commit ---------------------- */

/* The ticket row as a JSON array of TICKET_COLUMNS (malloc'd), for the requests table. */
static bool ticket_json(struct db *db, int64_t id, char **json, struct result *r)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT json_array(" TICKET_COLUMNS ")" TICKET_FROM
		" WHERE t.id = ?");
	if (!st) {
		return db_fail(db, r, "ghi mã yêu cầu");
	}
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*json = xstrdup((const char *)sqlite3_column_text(st, 0));
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || db_fail(db, r, "ghi mã yêu cầu");
}

/* The ticket as first returned, from ticket_json's array (one ->> per column). */
static bool ticket_from_json(struct db *db, const char *json, struct ticket *t,
	struct result *r)
{
#define J(i) " ?1 ->> " #i ","
	sqlite3_stmt *st = db_prepare(db, "SELECT" J(0) J(1) J(2) J(3) J(4) J(5) J(6) J(7) J(8)
		J(9) J(10) J(11) J(12) J(13) J(14) J(15) J(16) J(17) J(18) J(19) J(20) " ?1 ->> 21");
#undef J
	if (!st) {
		return db_fail(db, r, "đọc phiếu của yêu cầu");
	}
	sqlite3_bind_text(st, 1, json, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		read_ticket(st, t);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || db_fail(db, r, "đọc phiếu của yêu cầu");
}

enum op_start queue_op_begin(struct db *db, struct day_txn *tx, struct request *q,
	struct ticket *t, struct result *r)
{
	struct request_outcome first;
	if (!day_begin(db, tx, r)) {
		return OP_FAILED;
	}
	enum request_found found = request_find(db, q, tx->day, &first, r);
	if (found == REQUEST_NEW) {
		return OP_RUN;
	}
	db_rollback(db);
	if (found == REQUEST_ERROR) {
		return OP_FAILED;
	}
	bool ok = !t || !first.ticket_json || ticket_from_json(db, first.ticket_json, t, r);
	if (ok && t && first.ticket_json) {
		t->ahead = first.ahead;
		t->est_wait_s = first.est_wait_s;
	}
	if (ok && first.code != RESULT_OK) {
		ok = result_fail(r, first.code, "%s", first.message);
	}
	request_outcome_finish(&first);
	if (ok) {
		result_clear(r);
	}
	return ok ? OP_DONE : OP_FAILED;
}

bool queue_op_commit(struct db *db, const struct request *q, const struct ticket *t,
	struct result *r)
{
	char *json = NULL;
	bool ok = (!q->id || !t || ticket_json(db, t->id, &json, r))
		&& request_record(db, q, RESULT_OK, "", json, t ? t->ahead : 0,
			t ? t->est_wait_s : 0, r)
		&& db_commit(db, r);
	free(json);
	return ok;
}

/* --- issuing ------------------------------------------------------------- */

/* 16 bytes from libsodium's CSPRNG as 22 characters of unpadded base64url. */
static bool new_public_token(char out[TICKET_PUBLIC_TOKEN_LEN + 1], struct result *r)
{
	unsigned char raw[16];
	if (sodium_init() < 0) {
		return result_fail(r, RESULT_ERR_IO,
			"không khởi động được libsodium (máy không có nguồn số ngẫu nhiên)");
	}
	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(out, TICKET_PUBLIC_TOKEN_LEN + 1, raw, sizeof(raw),
		sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	return true;
}

bool queue_issue(struct db *db, const char *request_id, const char *code, bool priority,
	struct ticket *t, struct result *r)
{
	struct day_txn tx;
	struct request q;
	struct service s;
	int seq = 0;
	if (!request_init(&q, request_id, r, "issue %s%s", code, priority ? " priority" : "")) {
		return false;
	}
	enum op_start go = queue_op_begin(db, &tx, &q, t, r);
	if (go != OP_RUN) {
		return go == OP_DONE;
	}
	if (tx.clock_behind) {
		char clock_date[11], day_date[11];
		clock_format_date(tx.now.wall_ms, clock_date);
		clock_format_date(clock_day_start_ms(tx.day) + 12 * 3600 * 1000, day_date);
		result_fail(r, RESULT_ERR_CLOCK,
			"đồng hồ của máy chỉ ngày %s nhưng đã có số được cấp cho ngày %s: đồng hồ "
			"bị lùi (hết pin đồng hồ? đồng bộ giờ NTP?). Chưa cấp số nào. Hãy chỉnh lại ngày "
			"giờ; nếu đồng hồ đúng và ngày %s là sai, chạy `motcua day reset`",
			clock_date, day_date, day_date);
		goto fail;
	}
	if (!service_find(db, code, &s, r)) {
		goto fail;
	}
	if (!s.active) {
		result_fail(r, RESULT_ERR_STATE, "lĩnh vực %s đã bị tắt (bật lại: `motcua service "
			"enable %s`)", code, code);
		goto fail;
	}
	char number[16];
	if (!next_number(db, &s, tx.day, &seq, number, sizeof(number), r)) {
		goto fail;
	}
	/* The place in line is the day's order of issue, whatever the clock says. */
	sqlite3_stmt *st = db_prepare(db,
		"INSERT INTO tickets(service_id, day, seq, number, priority, status, issued_ms,"
		" line_ms, enq_ms, enq_mono, enq_boot, line_seq, public_token)"
		" VALUES (?1, ?2, ?3, ?4, ?5, 'waiting', ?6, ?6, ?6, ?7, ?8,"
		" (SELECT coalesce(max(line_seq), 0) + 1 FROM tickets WHERE day = ?2), ?9)");
	if (!st) {
		db_fail(db, r, "cấp số");
		goto fail;
	}
	sqlite3_bind_int64(st, 1, s.id);
	sqlite3_bind_int(st, 2, tx.day);
	sqlite3_bind_int(st, 3, seq);
	sqlite3_bind_text(st, 4, number, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 5, priority ? 1 : 0);
	sqlite3_bind_int64(st, 6, tx.now.wall_ms);
	sqlite3_bind_int64(st, 7, tx.now.mono_ms);
	sqlite3_bind_int64(st, 8, tx.now.boot);
	char token[TICKET_PUBLIC_TOKEN_LEN + 1];
	if (!new_public_token(token, r)) {
		sqlite3_reset(st);
		goto fail;
	}
	sqlite3_bind_text(st, 9, token, -1, SQLITE_TRANSIENT);
	if (!db_step_done(db, st, r, "cấp số")) {
		goto fail;
	}
	int64_t id = sqlite3_last_insert_rowid(db_handle(db));
	if (!queue_get(db, id, t, r)
			|| !plan_ahead(db, id, s.id, tx.day, tx.now.wall_ms, &t->ahead, &t->est_wait_s, r)
			|| !queue_log_event(db, EVENT_ISSUE, t, 0, NULL, priority ? "priority" : "", r)
			|| !queue_op_commit(db, &q, t, r)) {
		goto fail;
	}
	return true;
fail:
	db_rollback(db);
	return false;
}

/* True when status is one of the comma-separated names in list. */
static bool status_in(const char *status, const char *list)
{
	size_t len = strlen(status);
	for (const char *p = list; *p;) {
		size_t n = strcspn(p, ",");
		if (n == len && strncmp(p, status, n) == 0) {
			return true;
		}
		p += n + (p[n] == ',');
	}
	return false;
}

/* The comma-separated state names of list in words: "đang chờ hoặc vắng mặt". */
static void status_list_words(const char *list, char *out, size_t size)
{
	out[0] = '\0';
	for (const char *p = list; *p;) {
		size_t n = strcspn(p, ",");
		char name[32];
		enum ticket_status s;
		snprintf(name, sizeof(name), "%.*s", (int)n, p);
		p += n + (p[n] == ',');
		if (ticket_status_parse(name, &s)) {
			size_t len = strlen(out);
			snprintf(out + len, size - len, "%s%s", len ? (*p ? ", " : " hoặc ") : "",
				ticket_status_words(s));
		}
	}
}

/*
 * Moves a ticket in one of the `from` states (comma-separated) to `to`, with
 * an event; a counter that was serving it is freed. `verb` names the change
 * for people ("hủy").
 */
static bool change_status(struct db *db, struct request *q, int64_t id, const char *from,
	const char *to, const char *verb, enum event_kind kind, const char *detail,
	struct result *r)
{
	struct day_txn tx;
	struct ticket t;
	enum op_start go = queue_op_begin(db, &tx, q, NULL, r);
	if (go != OP_RUN) {
		return go == OP_DONE;
	}
	if (!queue_get(db, id, &t, r)) {
		goto fail;
	}
	if (!status_in(ticket_status_name(t.status), from)) {
		char allowed[128];
		status_list_words(from, allowed, sizeof(allowed));
		result_fail(r, RESULT_ERR_STATE, "không %s được số %s: số này %s (chỉ %s được số %s)",
			verb, t.number, ticket_status_words(t.status), verb, allowed);
		goto fail;
	}
	sqlite3_stmt *st = db_prepare(db,
		"UPDATE tickets SET status = ?, finished_ms = ? WHERE id = ?");
	if (st) {
		sqlite3_bind_text(st, 1, to, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, tx.now.wall_ms);
		sqlite3_bind_int64(st, 3, id);
	}
	if (!db_step_done(db, st, r, "thay đổi phiếu")) {
		goto fail;
	}
	st = db_prepare(db, "UPDATE counters SET current_ticket = NULL WHERE current_ticket = ?");
	if (st) {
		sqlite3_bind_int64(st, 1, id);
	}
	if (!db_step_done(db, st, r, "giải phóng quầy")
			|| !queue_log_event(db, kind, &t, t.counter, NULL, detail, r)
			|| !queue_op_commit(db, q, NULL, r)) {
		goto fail;
	}
	return true;
fail:
	db_rollback(db);
	return false;
}

bool queue_cancel(struct db *db, const char *request_id, int64_t ticket_id, const char *reason,
	struct result *r)
{
	struct request q;
	return text_check("lý do hủy", reason, 255, 0, r)
		&& request_init(&q, request_id, r, "cancel ticket=%lld reason=%s",
			(long long)ticket_id, reason ? reason : "")
		&& change_status(db, &q, ticket_id, "waiting,noshow", "cancelled", "hủy",
			EVENT_CANCEL, reason, r);
}

bool queue_void(struct db *db, int64_t ticket_id, const char *reason, struct result *r)
{
	return queue_void_request(db, NULL, ticket_id, reason, r);
}

bool queue_void_request(struct db *db, const char *request_id, int64_t ticket_id,
	const char *reason, struct result *r)
{
	struct request q;
	/* An officer may have called the number while its paper was printing. */
	return request_init(&q, request_id, r, "void ticket=%lld reason=%s",
			(long long)ticket_id, reason ? reason : "")
		&& change_status(db, &q, ticket_id, "waiting,called,serving", "void", "hủy",
			EVENT_VOID, reason, r);
}

bool queue_rate(struct db *db, int64_t ticket_id, enum ticket_rating rating,
	struct result *r)
{
	struct ticket t;
	return queue_rate_request(db, NULL, ticket_id, rating, &t, r);
}

bool queue_rate_request(struct db *db, const char *request_id, int64_t ticket_id,
	enum ticket_rating rating, struct ticket *t, struct result *r)
{
	struct day_txn tx;
	struct request q;
	if (rating < RATING_VERY_SATISFIED || rating > RATING_UNSATISFIED) {
		return result_fail(r, RESULT_ERR_INVALID, "mức đánh giá phải từ 1 đến 4");
	}
	if (!request_init(&q, request_id, r, "rate ticket=%lld rating=%d", (long long)ticket_id,
			(int)rating)) {
		return false;
	}
	enum op_start go = queue_op_begin(db, &tx, &q, t, r);
	if (go != OP_RUN) {
		return go == OP_DONE;
	}
	if (!queue_get(db, ticket_id, t, r)) {
		goto fail;
	}
	if (t->status != TICKET_DONE && t->status != TICKET_TRANSFERRED) {
		result_fail(r, RESULT_ERR_STATE, "không đánh giá được số %s: số này %s (chỉ đánh "
			"giá số đã phục vụ xong)", t->number, ticket_status_words(t->status));
		goto fail;
	}
	if (t->rating != RATING_NONE) {
		result_fail(r, RESULT_ERR_STATE, "số %s đã được đánh giá rồi", t->number);
		goto fail;
	}
	sqlite3_stmt *st = db_prepare(db,
		"UPDATE tickets SET rating = ?, rated_ms = ? WHERE id = ?");
	if (st) {
		sqlite3_bind_int(st, 1, (int)rating);
		sqlite3_bind_int64(st, 2, tx.now.wall_ms);
		sqlite3_bind_int64(st, 3, ticket_id);
	}
	char detail[8];
	snprintf(detail, sizeof(detail), "%d", (int)rating);
	if (!db_step_done(db, st, r, "ghi đánh giá") || !queue_get(db, ticket_id, t, r)
			|| !queue_log_event(db, EVENT_RATE, t, t->counter, t->officer, detail, r)
			|| !queue_op_commit(db, &q, t, r)) {
		goto fail;
	}
	return true;
fail:
	db_rollback(db);
	return false;
}

bool queue_day_reset(struct db *db, int *from, int *to, struct result *r)
{
	struct day_reset_report rep;
	bool ok = day_reset(db, &rep, r);
	*from = rep.from;
	*to = rep.to;
	return ok;
}

int queue_business_day(struct db *db)
{
	return day_current(db);
}

bool queue_rollover(struct db *db, struct result *r)
{
	struct day_txn tx;
	return day_begin(db, &tx, r) && db_commit(db, r);
}
