/*
 * What counters do: call the next citizen (or a number out of order),
 * recall, skip, finish, put a no-show back, transfer; and the officer's list
 * of who comes next. Part of the queue module (queue.h): the write frame,
 * the ticket rows and the event helper are queue.c's (queue_op.h). Who is
 * called next is the planner's (plan.h); "the counter's current ticket" is
 * the rule views' (rules.h).
 */
#define LOG_MODULE "queue"
#include <stdio.h>
#include <string.h>
#include "motcua/base/text.h"
#include "motcua/store/counters.h"
#include "motcua/store/queue.h"
#include "motcua/store/services.h"
#include "counters_op.h"
#include "plan.h"
#include "queue_op.h"
#include "rules.h"

/* Loads counter `number` and refuses it when it cannot take citizens. */
static bool open_counter(struct db *db, int number, bool need_open, struct counter *c,
	struct result *r)
{
	if (!counter_find(db, number, c, r)) {
		return false;
	}
	if (need_open && c->state == COUNTER_PAUSED) {
		return result_fail(r, RESULT_ERR_STATE, "quầy %d đang tạm dừng (%s): hãy cho quầy làm việc lại trước (`motcua counter resume`)",
			number, c->pause_reason);
	}
	if (need_open && c->state == COUNTER_CLOSED) {
		return result_fail(r, RESULT_ERR_STATE, "quầy %d đã đóng", number);
	}
	return true;
}

/* The counter's current ticket, while a counter is handling it. */
static bool current_ticket(struct db *db, const struct counter *c, struct ticket *t,
	struct result *r)
{
	int64_t id;
	if (!rules_counter_ticket(db, c->id, &id, r)) {
		return false;
	}
	if (!id) {
		return result_fail(r, RESULT_ERR_STATE, "quầy %d không có công dân nào đang được phục vụ",
			c->number);
	}
	return queue_get(db, id, t, r);
}

static bool set_counter_ticket(struct db *db, int64_t counter_id, int64_t ticket_id,
	int normals, struct result *r)
{
	sqlite3_stmt *st = db_prepare(db,
		"UPDATE counters SET current_ticket = nullif(?, 0),"
		" normals_since_priority = coalesce(?, normals_since_priority) WHERE id = ?");
	if (!st) {
		return db_fail(db, r, "cập nhật quầy");
	}
	sqlite3_bind_int64(st, 1, ticket_id);
	if (normals >= 0) {
		sqlite3_bind_int(st, 2, normals);
	}
	sqlite3_bind_int64(st, 3, counter_id);
	return db_step_done(db, st, r, "cập nhật quầy");
}

/*
 * A ticket's stamp (when it was called, or joined the line): sql selects its
 * wall, monotonic and boot columns for the ticket id; *out keeps its value
 * when there is no row.
 */
static bool ticket_stamp(struct db *db, const char *sql, int64_t id, const char *what,
	struct clock_stamp *out, struct result *r)
{
	sqlite3_stmt *st = db_prepare(db, sql);
	if (!st) {
		return db_fail(db, r, what);
	}
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		out->wall_ms = sqlite3_column_int64(st, 0);
		out->mono_ms = sqlite3_column_int64(st, 1);
		out->boot = sqlite3_column_int64(st, 2);
	}
	sqlite3_reset(st);
	return true;
}

/*
 * Ends the ticket's time at a counter with a final status; service time runs
 * from the call. Detaches it from the counter.
 */
static bool end_ticket(struct db *db, const struct day_txn *tx, const struct counter *c,
	const char *officer, struct ticket *t, const char *status, enum event_kind kind,
	const char *detail, struct result *r)
{
	const char *who = officer && *officer ? officer : c->officer;
	struct clock_stamp called = tx->now;
	if (!ticket_stamp(db, "SELECT called_ms, called_mono, called_boot FROM tickets WHERE id = ?",
			t->id, "kết thúc phiếu", &called, r)) {
		return false;
	}
	sqlite3_stmt *st;
	bool timed = strcmp(status, "noshow") != 0;
	st = db_prepare(db, "UPDATE tickets SET status = ?, finished_ms = ?,"
		" service_ms = CASE WHEN ? THEN ? ELSE NULL END,"
		" finished_by = (SELECT id FROM officers WHERE name = ?6 AND active) WHERE id = ?5");
	if (!st) {
		return db_fail(db, r, "kết thúc phiếu");
	}
	sqlite3_bind_text(st, 6, who, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 1, status, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, tx->now.wall_ms);
	sqlite3_bind_int(st, 3, timed ? 1 : 0);
	sqlite3_bind_int64(st, 4, clock_between_ms(&called, &tx->now));
	sqlite3_bind_int64(st, 5, t->id);
	if (!db_step_done(db, st, r, "kết thúc phiếu")
			|| !set_counter_ticket(db, c->id, 0, -1, r)
			|| !queue_log_event(db, kind, t, c->number, who, detail, r)) {
		return false;
	}
	return queue_get(db, t->id, t, r);
}

/* Finishes the counter's current ticket as done, if it has one. */
static bool finish_current(struct db *db, const struct day_txn *tx, const struct counter *c,
	const char *officer, struct result *r)
{
	int64_t id;
	struct ticket cur;
	if (!rules_counter_ticket(db, c->id, &id, r)) {
		return false;
	}
	return !id || (queue_get(db, id, &cur, r)
		&& end_ticket(db, tx, c, officer, &cur, "done", EVENT_FINISH, NULL, r));
}

#define UPCOMING_MAX 64

bool queue_upcoming(struct db *db, int counter, struct ticket *out, size_t max, size_t *n,
	struct result *r)
{
	struct counter c;
	struct plan_rule rule;
	struct plan_line l;
	*n = 0;
	if (!counter_find(db, counter, &c, r)) {
		return false;
	}
	max = max < UPCOMING_MAX ? max : UPCOMING_MAX;
	if (!max) {
		return true;
	}
	plan_rule_load(db, &rule);
	if (!plan_line_load(db, &c, day_effective(db), max, &l, r)) {
		return false;
	}
	const struct plan_entry *e;
	bool ok = true;
	while (ok && *n < max && (e = plan_line_next(&l, &rule))) {
		ok = queue_get(db, e->id, &out[*n], r);
		*n += ok;
	}
	plan_line_finish(&l);
	return ok;
}

/* The officer's name as given by a program or a keypad: short UTF-8 text. */
static bool officer_ok(const char *officer, struct result *r)
{
	return !officer || text_check("tên cán bộ", officer, 63, *officer ? TEXT_REQUIRED : 0, r);
}

/* Claims ticket id for the counter: called, wait time measured, event logged. */
static bool claim(struct db *db, const struct day_txn *tx, const struct counter *c,
	const char *officer, int64_t id, int normals, const char *detail, struct ticket *t,
	struct result *r)
{
	struct clock_stamp enq = tx->now;
	if (!ticket_stamp(db, "SELECT enq_ms, enq_mono, enq_boot FROM tickets WHERE id = ?", id,
			"gọi số", &enq, r)) {
		return false;
	}
	sqlite3_stmt *st;
	/* The status guard makes the claim a no-op on a ticket no longer waiting. */
	st = db_prepare(db, "UPDATE tickets SET status = 'called', counter = ?1, officer = ?2,"
		" officer_id = (SELECT id FROM officers WHERE name = ?2 AND active),"
		" called_ms = ?3, called_mono = ?4, called_boot = ?5, wait_ms = coalesce(wait_ms, ?6),"
		" target_counter = NULL WHERE id = ?7 AND status IN ('waiting', 'noshow')");
	if (!st) {
		return db_fail(db, r, "gọi số");
	}
	sqlite3_bind_int(st, 1, c->number);
	sqlite3_bind_text(st, 2, officer, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, tx->now.wall_ms);
	sqlite3_bind_int64(st, 4, tx->now.mono_ms);
	sqlite3_bind_int64(st, 5, tx->now.boot);
	sqlite3_bind_int64(st, 6, clock_between_ms(&enq, &tx->now));
	sqlite3_bind_int64(st, 7, id);
	if (!db_step_done(db, st, r, "gọi số")) {
		return false;
	}
	if (sqlite3_changes(db_handle(db)) != 1) {
		return result_fail(r, RESULT_ERR_STATE, "số này không còn đang chờ");
	}
	return set_counter_ticket(db, c->id, id, normals, r)
		&& queue_get(db, id, t, r)
		&& queue_log_event(db, EVENT_CALL, t, c->number, officer, detail, r);
}

bool queue_call_next(struct db *db, const char *request_id, int counter, const char *officer,
	struct ticket *t, struct result *r)
{
	struct day_txn tx;
	struct request q;
	struct counter c;
	struct plan_rule rule;
	struct plan_line l = { 0 };
	if (!officer_ok(officer, r) || !request_init(&q, request_id, r, "call %d officer=%s",
			counter, officer ? officer : "")) {
		return false;
	}
	enum op_start go = queue_op_begin(db, &tx, &q, t, r);
	if (go != OP_RUN) {
		return go == OP_DONE;
	}
	if (!open_counter(db, counter, true, &c, r) || !finish_current(db, &tx, &c, officer, r)) {
		goto fail;
	}
	plan_rule_load(db, &rule);
	/* A database error here fails the call; only an empty line is "nobody". */
	if (!plan_line_load(db, &c, tx.day, 1, &l, r)) {
		goto fail;
	}
	const struct plan_entry *next = plan_line_next(&l, &rule);
	if (!next) {
		/* Nobody waits. The finish of the previous citizen is kept, and so is
		 * this answer, for a repeat of the request. */
		struct result empty;
		result_fail(&empty, RESULT_ERR_EMPTY, "không có ai đang chờ quầy %d", counter);
		if (!request_record(db, &q, empty.code, empty.msg, NULL, 0, 0, r)
				|| !db_commit(db, r)) {
			goto fail;
		}
		plan_line_finish(&l);
		return result_fail(r, empty.code, "%s", empty.msg);
	}
	const char *who = officer && *officer ? officer : c.officer;
	if (!claim(db, &tx, &c, who, next->id, l.normals, NULL, t, r) || !queue_op_commit(db, &q, t, r)) {
		goto fail;
	}
	plan_line_finish(&l);
	return true;
fail:
	plan_line_finish(&l);
	db_rollback(db);
	return false;
}

bool queue_call_number(struct db *db, const char *request_id, int counter, const char *number,
	const char *officer, struct ticket *t, struct result *r)
{
	struct day_txn tx;
	struct request q;
	struct counter c;
	struct ticket found;
	if (!officer_ok(officer, r) || !request_init(&q, request_id, r,
			"call %d number=%s officer=%s", counter, number, officer ? officer : "")) {
		return false;
	}
	enum op_start go = queue_op_begin(db, &tx, &q, t, r);
	if (go != OP_RUN) {
		return go == OP_DONE;
	}
	if (!open_counter(db, counter, true, &c, r)
			|| !queue_find_on_day(db, tx.day, number, NULL, &found, r)) {
		goto fail;
	}
	if (found.status != TICKET_WAITING && found.status != TICKET_NOSHOW) {
		result_fail(r, RESULT_ERR_STATE, "không gọi được số %s: số này %s, không phải đang "
			"chờ hay vắng mặt", number, ticket_status_words(found.status));
		goto fail;
	}
	if (!finish_current(db, &tx, &c, officer, r)) {
		goto fail;
	}
	const char *who = officer && *officer ? officer : c.officer;
	if (!claim(db, &tx, &c, who, found.id, -1, "out of order", t, r)
			|| !queue_op_commit(db, &q, t, r)) {
		goto fail;
	}
	return true;
fail:
	db_rollback(db);
	return false;
}

bool queue_recall(struct db *db, const char *request_id, int counter, struct ticket *t,
	struct result *r)
{
	struct day_txn tx;
	struct request q;
	struct counter c;
	if (!request_init(&q, request_id, r, "recall %d", counter)) {
		return false;
	}
	enum op_start go = queue_op_begin(db, &tx, &q, t, r);
	if (go != OP_RUN) {
		return go == OP_DONE;
	}
	if (!open_counter(db, counter, false, &c, r) || !current_ticket(db, &c, t, r)) {
		goto fail;
	}
	sqlite3_stmt *st = db_prepare(db, "UPDATE tickets SET recalls = recalls + 1 WHERE id = ?");
	if (st) {
		sqlite3_bind_int64(st, 1, t->id);
	}
	if (!db_step_done(db, st, r, "gọi lại số") || !queue_get(db, t->id, t, r)
			|| !queue_log_event(db, EVENT_RECALL, t, c.number, c.officer, NULL, r)
			|| !queue_op_commit(db, &q, t, r)) {
		goto fail;
	}
	return true;
fail:
	db_rollback(db);
	return false;
}

/* Shared shape of skip and finish: act on the counter's current ticket. */
static bool end_current(struct db *db, const char *request_id, int counter, const char *officer,
	const char *status, enum event_kind kind, struct ticket *t, struct result *r)
{
	struct day_txn tx;
	struct request q;
	struct counter c;
	bool named = officer && *officer;
	if (!officer_ok(officer, r) || !request_init(&q, request_id, r, "%s %d%s%s",
			event_kind_name(kind), counter, named ? " officer=" : "", named ? officer : "")) {
		return false;
	}
	enum op_start go = queue_op_begin(db, &tx, &q, t, r);
	if (go != OP_RUN) {
		return go == OP_DONE;
	}
	if (!open_counter(db, counter, false, &c, r) || !current_ticket(db, &c, t, r)
			|| !end_ticket(db, &tx, &c, officer, t, status, kind, NULL, r)
			|| !queue_op_commit(db, &q, t, r)) {
		db_rollback(db);
		return false;
	}
	return true;
}

bool queue_skip(struct db *db, const char *request_id, int counter, struct ticket *t,
	struct result *r)
{
	return end_current(db, request_id, counter, NULL, "noshow", EVENT_SKIP, t, r);
}

bool queue_finish(struct db *db, const char *request_id, int counter, struct ticket *t,
	struct result *r)
{
	return end_current(db, request_id, counter, NULL, "done", EVENT_FINISH, t, r);
}

bool queue_finish_as(struct db *db, const char *request_id, int counter, const char *officer,
	struct ticket *t, struct result *r)
{
	return end_current(db, request_id, counter, officer, "done", EVENT_FINISH, t, r);
}

bool queue_requeue(struct db *db, const char *request_id, const char *number,
	const char *service_code, struct ticket *t, struct result *r)
{
	struct day_txn tx;
	struct request q;
	if (!request_init(&q, request_id, r, "requeue %s service=%s", number,
			service_code ? service_code : "")) {
		return false;
	}
	enum op_start go = queue_op_begin(db, &tx, &q, t, r);
	if (go != OP_RUN) {
		return go == OP_DONE;
	}
	if (!queue_find_on_day(db, tx.day, number, service_code, t, r)) {
		goto fail;
	}
	if (t->status != TICKET_NOSHOW) {
		result_fail(r, RESULT_ERR_STATE, "không xếp lại được số %s: số này %s, không phải "
			"vắng mặt", number, ticket_status_words(t->status));
		goto fail;
	}
	/* Back at its original place in line (line_seq is untouched). */
	sqlite3_stmt *st = db_prepare(db, "UPDATE tickets SET status = 'waiting', counter = NULL,"
		" finished_ms = NULL, service_ms = NULL WHERE id = ?");
	if (st) {
		sqlite3_bind_int64(st, 1, t->id);
	}
	if (!db_step_done(db, st, r, "xếp lại số vào hàng") || !queue_get(db, t->id, t, r)
			|| !queue_log_event(db, EVENT_REQUEUE, t, 0, NULL, NULL, r)
			|| !queue_op_commit(db, &q, t, r)) {
		goto fail;
	}
	return true;
fail:
	db_rollback(db);
	return false;
}

bool queue_transfer(struct db *db, const char *request_id, int counter,
	const char *to_service, int to_counter, struct ticket *t, struct result *r)
{
	struct day_txn tx;
	struct request q;
	struct counter c, target;
	struct service svc;
	struct ticket cur;
	if (!to_service && to_counter <= 0) {
		return result_fail(r, RESULT_ERR_INVALID, "cần chọn lĩnh vực hoặc quầy để chuyển đến");
	}
	if (!request_init(&q, request_id, r, "transfer %d service=%s counter=%d", counter,
			to_service ? to_service : "", to_counter > 0 ? to_counter : 0)) {
		return false;
	}
	enum op_start go = queue_op_begin(db, &tx, &q, t, r);
	if (go != OP_RUN) {
		return go == OP_DONE;
	}
	if (!open_counter(db, counter, false, &c, r) || !current_ticket(db, &c, &cur, r)) {
		goto fail;
	}
	if (to_service) {
		if (!service_find(db, to_service, &svc, r)) {
			goto fail;
		}
		if (!svc.active) {
			result_fail(r, RESULT_ERR_STATE, "lĩnh vực %s đã bị tắt: không chuyển đến được",
				to_service);
			goto fail;
		}
	} else if (!service_get(db, cur.service_id, &svc, r)) {
		goto fail;
	}
	if (to_counter > 0 && !open_counter(db, to_counter, false, &target, r)) {
		goto fail;
	}
	if (to_counter > 0 && target.state == COUNTER_CLOSED) {
		/* Nobody would ever call them there. (Paused is fine: it resumes.) */
		result_fail(r, RESULT_ERR_STATE, "quầy %d đã đóng", to_counter);
		goto fail;
	}
	if (to_counter == counter && svc.id == cur.service_id) {
		result_fail(r, RESULT_ERR_INVALID, "số này đang ở quầy %d rồi", counter);
		goto fail;
	}
	char detail[128];
	if (to_counter > 0) {
		snprintf(detail, sizeof(detail), "to %s counter %d", svc.code, to_counter);
	} else {
		snprintf(detail, sizeof(detail), "to %s", svc.code);
	}
	if (!end_ticket(db, &tx, &c, NULL, &cur, "transferred", EVENT_TRANSFER, detail, r)) {
		goto fail;
	}
	/* The new row keeps the number, priority, issue time and place in line. */
	sqlite3_stmt *st = db_prepare(db,
		"INSERT INTO tickets(service_id, day, seq, number, priority, status, target_counter,"
		" issued_ms, line_ms, line_seq, enq_ms, enq_mono, enq_boot, wait_ms, transferred_from)"
		" SELECT ?, day, seq, number, priority, 'waiting', nullif(?, 0), issued_ms, line_ms,"
		" line_seq, ?, ?, ?, wait_ms, id FROM tickets WHERE id = ?");
	if (!st) {
		db_fail(db, r, "chuyển số");
		goto fail;
	}
	sqlite3_bind_int64(st, 1, svc.id);
	sqlite3_bind_int(st, 2, to_counter > 0 ? to_counter : 0);
	sqlite3_bind_int64(st, 3, tx.now.wall_ms);
	sqlite3_bind_int64(st, 4, tx.now.mono_ms);
	sqlite3_bind_int64(st, 5, tx.now.boot);
	sqlite3_bind_int64(st, 6, cur.id);
	if (!db_step_done(db, st, r, "chuyển số")
			|| !queue_get(db, sqlite3_last_insert_rowid(db_handle(db)), t, r)
			|| !queue_op_commit(db, &q, t, r)) {
		goto fail;
	}
	return true;
fail:
	db_rollback(db);
	return false;
}

/* Pause and resume as idempotent writes (the request's outcome carries no ticket). */
static bool counter_state_op(struct db *db, struct request *q, int counter,
	const char *reason, struct result *r)
{
	struct day_txn tx;
	enum op_start go = queue_op_begin(db, &tx, q, NULL, r);
	if (go != OP_RUN) {
		return go == OP_DONE;
	}
	bool ok = reason ? counter_pause_locked(db, counter, reason, r)
		: counter_resume_locked(db, counter, r);
	if (!ok || !queue_op_commit(db, q, NULL, r)) {
		db_rollback(db);
		return false;
	}
	return true;
}

bool queue_pause(struct db *db, const char *request_id, int counter, const char *reason,
	struct result *r)
{
	struct request q;
	return request_init(&q, request_id, r, "pause %d reason=%s", counter, reason ? reason : "")
		&& counter_state_op(db, &q, counter, reason ? reason : "", r);
}

bool queue_resume(struct db *db, const char *request_id, int counter, struct result *r)
{
	struct request q;
	return request_init(&q, request_id, r, "resume %d", counter)
		&& counter_state_op(db, &q, counter, NULL, r);
}
