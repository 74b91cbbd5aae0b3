#define LOG_MODULE "services"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "motcua/store/events.h"
#include "motcua/store/services.h"
#include "motcua/base/text.h"
#include "motcua/base/utf8.h"
#include "motcua/base/xalloc.h"

_Static_assert(sizeof(((struct event *)0)->service_code) == SERVICE_CODE_MAX + 1,
	"an event holds any service code");

#define SERVICE_NUMBER_MAX 999999

#define SERVICE_COLUMNS \
	"id, code, name, prefix, range_start, range_end, daily_cap, active, position," \
	" est_service_s, group_name"

void service_init(struct service *s)
{
	memset(s, 0, sizeof(*s));
	s->range_start = 1;
	s->range_end = 999;
	s->active = true;
}

bool service_validate(const struct service *s, struct result *r)
{
	size_t len = strlen(s->code);
	if (len == 0 || len > SERVICE_CODE_MAX) {
		return result_fail(r, RESULT_ERR_INVALID,
			"mã lĩnh vực phải dài từ 1 đến %d ký tự", SERVICE_CODE_MAX);
	}
	for (size_t i = 0; i < len; i++) {
		if (!isalnum((unsigned char)s->code[i]) && s->code[i] != '-' && s->code[i] != '_') {
			return result_fail(r, RESULT_ERR_INVALID,
				"mã lĩnh vực \"%s\" không hợp lệ: chỉ dùng chữ cái không dấu A-Z, chữ số, '-' "
				"và '_'", s->code);
		}
	}
	char what[64];
	snprintf(what, sizeof(what), "tên lĩnh vực %s", s->code);
	if (!text_check(what, s->name, SERVICE_NAME_MAX, TEXT_REQUIRED, r)) {
		return false;
	}
	snprintf(what, sizeof(what), "nhóm của lĩnh vực %s", s->code);
	/* Empty is no group; a group is a name, so not only spaces. */
	if (!text_check(what, s->group, SERVICE_GROUP_MAX, *s->group ? TEXT_REQUIRED : 0, r)) {
		return false;
	}
	len = strlen(s->prefix);
	if (len > 2) {
		return result_fail(r, RESULT_ERR_INVALID,
			"lĩnh vực %s: chữ cái đầu số \"%s\" dài quá 2 chữ cái", s->code, s->prefix);
	}
	for (size_t i = 0; i < len; i++) {
		if (!isupper((unsigned char)s->prefix[i])) {
			return result_fail(r, RESULT_ERR_INVALID,
				"lĩnh vực %s: chữ cái đầu số \"%s\" phải là chữ in hoa không dấu A-Z",
				s->code, s->prefix);
		}
		/* On paper and on the TV, I and O read as 1 and 0 (people and OCR alike). */
		if (s->prefix[i] == 'I' || s->prefix[i] == 'O') {
			return result_fail(r, RESULT_ERR_INVALID,
				"lĩnh vực %s: chữ cái đầu số \"%s\" không dùng được: chữ I và O dễ nhầm "
				"với số 1 và 0 trên phiếu và màn hình; hãy chọn chữ khác", s->code, s->prefix);
		}
	}
	if (s->range_start < 0 || s->range_end > SERVICE_NUMBER_MAX
			|| s->range_end < s->range_start) {
		return result_fail(r, RESULT_ERR_INVALID,
			"lĩnh vực %s: dãy số %d-%d không hợp lệ: số đầu và số cuối từ 0 đến %d, số "
			"đầu không lớn hơn số cuối",
			s->code, s->range_start, s->range_end, SERVICE_NUMBER_MAX);
	}
	if (s->daily_cap < 0 || s->daily_cap > 100000) {
		return result_fail(r, RESULT_ERR_INVALID,
			"lĩnh vực %s: giới hạn %d số mỗi ngày không hợp lệ: từ 0 (không giới hạn) "
			"đến 100000", s->code, s->daily_cap);
	}
	if (s->est_service_s < 0 || s->est_service_s > 7200) {
		return result_fail(r, RESULT_ERR_INVALID,
			"lĩnh vực %s: thời gian phục vụ dự kiến %d giây không hợp lệ: từ 0 đến 7200",
			s->code,
			s->est_service_s);
	}
	return true;
}

static void read_row(sqlite3_stmt *st, struct service *s)
{
	s->id = sqlite3_column_int64(st, 0);
	snprintf(s->code, sizeof(s->code), "%s", (const char *)sqlite3_column_text(st, 1));
	utf8_copy(s->name, sizeof(s->name), (const char *)sqlite3_column_text(st, 2));
	snprintf(s->prefix, sizeof(s->prefix), "%s", (const char *)sqlite3_column_text(st, 3));
	s->range_start = sqlite3_column_int(st, 4);
	s->range_end = sqlite3_column_int(st, 5);
	s->daily_cap = sqlite3_column_int(st, 6);
	s->active = sqlite3_column_int(st, 7) != 0;
	s->position = sqlite3_column_int(st, 8);
	s->est_service_s = sqlite3_column_int(st, 9);
	utf8_copy(s->group, sizeof(s->group), (const char *)sqlite3_column_text(st, 10));
	/* A row edited by hand past the checks must not break the arithmetic. */
	if (s->range_start < 0 || s->range_start > SERVICE_NUMBER_MAX) {
		s->range_start = 1;
	}
	if (s->range_end < s->range_start || s->range_end > SERVICE_NUMBER_MAX) {
		s->range_end = SERVICE_NUMBER_MAX;
	}
	if (s->daily_cap < 0) {
		s->daily_cap = 0;
	}
	if (s->est_service_s < 0 || s->est_service_s > 7200) {
		s->est_service_s = 0;
	}
}

static void bind_fields(sqlite3_stmt *st, const struct service *s)
{
	sqlite3_bind_text(st, 1, s->code, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, s->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, s->prefix, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 4, s->range_start);
	sqlite3_bind_int(st, 5, s->range_end);
	sqlite3_bind_int(st, 6, s->daily_cap);
	sqlite3_bind_int(st, 7, s->active ? 1 : 0);
	sqlite3_bind_int(st, 8, s->position);
	sqlite3_bind_int(st, 9, s->est_service_s);
	sqlite3_bind_text(st, 10, s->group, -1, SQLITE_STATIC);
}

/*
 * Numbers are read aloud in the waiting room, so two fields must never share
 * one: ranges with the same prefix may not overlap.
 */
static bool check_overlap(struct db *db, const struct service *s, struct result *r)
{
	sqlite3_stmt *st = db_prepare(db,
		"SELECT code, range_start, range_end FROM services WHERE id <> ? AND prefix = ?"
		" AND range_start <= ? AND range_end >= ? AND code <> ? LIMIT 1");
	if (!st) {
		return db_fail(db, r, "kiểm tra dãy số");
	}
	sqlite3_bind_int64(st, 1, s->id);
	sqlite3_bind_text(st, 2, s->prefix, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, s->range_end);
	sqlite3_bind_int(st, 4, s->range_start);
	sqlite3_bind_text(st, 5, s->code, -1, SQLITE_STATIC);
	bool clash = sqlite3_step(st) == SQLITE_ROW;
	if (clash) {
		result_fail(r, RESULT_ERR_INVALID,
			"lĩnh vực %s: dãy số %s%d-%d trùng với lĩnh vực %s (%s%d-%d); mỗi lĩnh vực cần "
			"dãy số riêng (--range) hoặc chữ cái đầu số riêng (--prefix)", s->code, s->prefix,
			s->range_start, s->range_end, sqlite3_column_text(st, 0), s->prefix,
			sqlite3_column_int(st, 1), sqlite3_column_int(st, 2));
	}
	sqlite3_reset(st);
	return !clash;
}

static bool write_service(struct db *db, struct service *s, bool insert, struct result *r)
{
	if (!service_validate(s, r) || !db_begin(db, r)) {
		return false;
	}
	if (!check_overlap(db, s, r)) {
		goto fail;
	}
	sqlite3_stmt *st = db_prepare(db, insert
		? "INSERT INTO services(code, name, prefix, range_start, range_end, daily_cap,"
		  " active, position, est_service_s, group_name)"
		  " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
		: "UPDATE services SET code = ?, name = ?, prefix = ?, range_start = ?,"
		  " range_end = ?, daily_cap = ?, active = ?, position = ?, est_service_s = ?,"
		  " group_name = ? WHERE id = ?");
	if (!st) {
		db_fail(db, r, "lưu lĩnh vực");
		goto fail;
	}
	bind_fields(st, s);
	if (!insert) {
		sqlite3_bind_int64(st, 11, s->id);
	}
	int rc = sqlite3_step(st);
	if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT) {
		result_fail(r, RESULT_ERR_INVALID, "đã có lĩnh vực mã %s (xem `motcua services`)", s->code);
		goto fail;
	}
	if (rc != SQLITE_DONE) {
		db_fail(db, r, "lưu lĩnh vực");
		goto fail;
	}
	if (insert) {
		s->id = sqlite3_last_insert_rowid(db_handle(db));
	} else if (sqlite3_changes(db_handle(db)) == 0) {
		result_fail(r, RESULT_ERR_NOTFOUND, "không có lĩnh vực có mã nội bộ %lld",
			(long long)s->id);
		goto fail;
	}
	struct event ev = { .kind = insert ? EVENT_SERVICE_ADD : EVENT_SERVICE_EDIT };
	snprintf(ev.service_code, sizeof(ev.service_code), "%s", s->code);
	snprintf(ev.detail, sizeof(ev.detail), "%s", s->active ? "active" : "disabled");
	if (!events_append(db, &ev, r)) {
		goto fail;
	}
	return db_commit(db, r);
fail:
	db_rollback(db);
	return false;
}

bool service_add(struct db *db, struct service *s, struct result *r)
{
	return write_service(db, s, true, r);
}

bool service_update(struct db *db, const struct service *s, struct result *r)
{
	struct service copy = *s;
	return write_service(db, &copy, false, r);
}

static bool find_one(struct db *db, const char *sql, const char *code, int64_t id,
	struct service *out, struct result *r)
{
	sqlite3_stmt *st = db_prepare(db, sql);
	if (!st) {
		return db_fail(db, r, "đọc lĩnh vực");
	}
	if (code) {
		sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	} else {
		sqlite3_bind_int64(st, 1, id);
	}
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		read_row(st, out);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_ROW) {
		return true;
	}
	if (rc != SQLITE_DONE) {
		return db_fail(db, r, "đọc lĩnh vực");
	}
	if (code) {
		return result_fail(r, RESULT_ERR_NOTFOUND,
			"không có lĩnh vực mã \"%s\" (xem `motcua services`)", code);
	}
	return result_fail(r, RESULT_ERR_NOTFOUND, "không có lĩnh vực có mã nội bộ %lld",
		(long long)id);
}

bool service_find(struct db *db, const char *code, struct service *out, struct result *r)
{
	return find_one(db, "SELECT " SERVICE_COLUMNS " FROM services WHERE code = ?",
		code, 0, out, r);
}

bool service_get(struct db *db, int64_t id, struct service *out, struct result *r)
{
	return find_one(db, "SELECT " SERVICE_COLUMNS " FROM services WHERE id = ?",
		NULL, id, out, r);
}

bool service_list(struct db *db, bool active_only, struct service **out, size_t *n,
	struct result *r)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT " SERVICE_COLUMNS " FROM services"
		" WHERE active OR ? = 0 ORDER BY position, code");
	*out = NULL;
	*n = 0;
	if (!st) {
		return db_fail(db, r, "liệt kê lĩnh vực");
	}
	sqlite3_bind_int(st, 1, active_only ? 1 : 0);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 8;
			*out = xrealloc(*out, cap * sizeof(**out));
		}
		read_row(st, &(*out)[(*n)++]);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		free(*out);
		*out = NULL;
		*n = 0;
		return db_fail(db, r, "liệt kê lĩnh vực");
	}
	return true;
}

static int digits(int v)
{
	int d = 1;
	while (v >= 10) {
		v /= 10;
		d++;
	}
	return d;
}

void service_format_number(const struct service *s, int number, char *out, size_t size)
{
	snprintf(out, size, "%s%0*d", s->prefix, digits(s->range_end), number);
}

int service_number_for_seq(const struct service *s, int seq)
{
	int span = s->range_end - s->range_start + 1;
	return s->range_start + (seq - 1) % (span > 0 ? span : 1);
}
