/*
 * Device tokens (tokens.h). The stored hash is BLAKE2b-256 of the token's
 * text, unkeyed: a token is 256 random bits, so there is nothing to guess
 * and nothing to stretch (a PIN is different: pin.c uses Argon2id). A
 * lookup hashes what the client sent and finds the row by that hash.
 */
#define LOG_MODULE "tokens"
#include <ctype.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "motcua/base/clock.h"
#include "motcua/base/utf8.h"
#include "motcua/base/xalloc.h"
#include "motcua/store/counters.h"
#include "motcua/store/events.h"
#include "motcua/store/tokens.h"

static const char *const role_names[] = {
	[TOKEN_KIOSK] = "kiosk",
	[TOKEN_DISPLAY] = "display",
	[TOKEN_COUNTER] = "counter",
	[TOKEN_ADMIN] = "admin",
	[TOKEN_RATING] = "rating",
};
#define N_ROLES (sizeof(role_names) / sizeof(role_names[0]))

const char *token_role_name(enum token_role role)
{
	return (size_t)role < N_ROLES ? role_names[role] : "?";
}

bool token_role_parse(const char *name, enum token_role *out)
{
	for (size_t i = 0; name && i < N_ROLES; i++) {
		if (strcmp(name, role_names[i]) == 0) {
			*out = (enum token_role)i;
			return true;
		}
	}
	return false;
}

bool token_name_valid(const char *name)
{
	size_t n = name ? strlen(name) : 0;
	if (n == 0 || n > TOKEN_NAME_MAX || !isalnum((unsigned char)name[0])) {
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)name[i];
		if (c > 0x7f || !(isalnum(c) || c == '.' || c == '_' || c == '-')) {
			return false;
		}
	}
	return true;
}

/* Hex of BLAKE2b-256(token): 64 characters and a NUL. */
static void token_hash(const char *token, char out[65])
{
	unsigned char h[32];
	crypto_generichash(h, sizeof(h), (const unsigned char *)token, strlen(token), NULL, 0);
	sodium_bin2hex(out, 65, h, sizeof(h));
}

static bool admin_event(struct db *db, const char *fmt, const char *name, const char *role,
	struct result *r)
{
	struct event ev = { .kind = EVENT_ADMIN };
	snprintf(ev.detail, sizeof(ev.detail), fmt, name, role);
	return events_append(db, &ev, r);
}

bool tokens_add(struct db *db, const char *name, enum token_role role, int counter,
	char *token, struct result *r)
{
	bool needs_counter = role == TOKEN_COUNTER || role == TOKEN_RATING;
	if (!token_name_valid(name)) {
		return result_fail(r, RESULT_ERR_INVALID, "tên thiết bị \"%s\" không hợp lệ: 1-%d chữ "
			"cái không dấu, chữ số, '.', '_' hoặc '-', bắt đầu bằng chữ hoặc số",
			name ? name : "", TOKEN_NAME_MAX);
	}
	if ((size_t)role >= N_ROLES) {
		return result_fail(r, RESULT_ERR_INVALID, "vai trò không hợp lệ");
	}
	if (needs_counter && (counter < 1 || counter > 999)) {
		return result_fail(r, RESULT_ERR_INVALID, "vai trò %s cần số quầy (--counter N)",
			role_names[role]);
	}
	if (!needs_counter && counter) {
		return result_fail(r, RESULT_ERR_INVALID, "vai trò %s không gắn với quầy nào "
			"(bỏ --counter)", role_names[role]);
	}
	if (sodium_init() < 0) {
		return result_fail(r, RESULT_ERR_IO, "không khởi động được libsodium (máy không có nguồn số ngẫu nhiên)");
	}
	if (!db_begin(db, r)) {
		return false;
	}
	struct counter c;
	unsigned char raw[32];
	char hash[65];
	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(token, TOKEN_TEXT_LEN + 1, raw, sizeof(raw),
		sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof(raw));
	token_hash(token, hash);
	if (needs_counter && !counter_find(db, counter, &c, r)) {
		goto fail;
	}
	sqlite3_stmt *st = db_prepare(db, "INSERT INTO tokens(name, role, counter, hash, created_ms)"
		" VALUES (?, ?, nullif(?, 0), ?, ?) ON CONFLICT(name) DO NOTHING");
	if (!st) {
		db_fail(db, r, "lưu mã truy cập");
		goto fail;
	}
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, role_names[role], -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, counter);
	sqlite3_bind_text(st, 4, hash, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, clock_now_ms());
	if (!db_step_done(db, st, r, "lưu mã truy cập")) {
		goto fail;
	}
	if (sqlite3_changes(db_handle(db)) == 0) {
		result_fail(r, RESULT_ERR_STATE, "thiết bị \"%s\" đã có mã truy cập; thu hồi trước "
			"(`motcua token revoke %s`) rồi tạo lại", name, name);
		goto fail;
	}
	if (!admin_event(db, "token add %s (%s)", name, role_names[role], r)) {
		goto fail;
	}
	return db_commit(db, r);
fail:
	sodium_memzero(token, TOKEN_TEXT_LEN + 1);
	db_rollback(db);
	return false;
}

static void read_info(sqlite3_stmt *st, struct token_info *t)
{
	memset(t, 0, sizeof(*t));
	utf8_copy(t->name, sizeof(t->name), (const char *)sqlite3_column_text(st, 0));
	if (!token_role_parse((const char *)sqlite3_column_text(st, 1), &t->role)) {
		t->role = TOKEN_DISPLAY;  /* the CHECK constraint makes this unreachable */
	}
	t->counter = sqlite3_column_int(st, 2);
	t->created_ms = sqlite3_column_int64(st, 3);
}

bool tokens_list(struct db *db, struct token_info **out, size_t *n, struct result *r)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT name, role, coalesce(counter, 0), created_ms"
		" FROM tokens ORDER BY name");
	size_t cap = 8;
	*n = 0;
	*out = NULL;
	if (!st) {
		return db_fail(db, r, "reading tokens");
	}
	*out = xcalloc(cap, sizeof(**out));
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap *= 2;
			*out = xrealloc(*out, cap * sizeof(**out));
		}
		read_info(st, &(*out)[(*n)++]);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		free(*out);
		*out = NULL;
		*n = 0;
		return db_fail(db, r, "reading tokens");
	}
	return true;
}

bool tokens_revoke(struct db *db, const char *name, struct result *r)
{
	if (!db_begin(db, r)) {
		return false;
	}
	sqlite3_stmt *st = db_prepare(db, "DELETE FROM tokens WHERE name = ?");
	if (st) {
		sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	}
	if (!db_step_done(db, st, r, "thu hồi mã truy cập")) {
		goto fail;
	}
	if (sqlite3_changes(db_handle(db)) == 0) {
		result_fail(r, RESULT_ERR_NOTFOUND, "không có thiết bị \"%s\" (xem `motcua token list`)",
			name);
		goto fail;
	}
	if (!admin_event(db, "token revoke %s%s", name, "", r)) {
		goto fail;
	}
	return db_commit(db, r);
fail:
	db_rollback(db);
	return false;
}

enum token_check tokens_check(struct db *db, const char *token, struct token_info *out)
{
	char hash[65];
	token_hash(token, hash);
	sqlite3_stmt *st = db_prepare(db, "SELECT name, role, coalesce(counter, 0), created_ms"
		" FROM tokens WHERE hash = ?");
	if (!st) {
		return TOKEN_CHECK_ERROR;
	}
	sqlite3_bind_text(st, 1, hash, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		read_info(st, out);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? TOKEN_VALID : rc == SQLITE_DONE ? TOKEN_UNKNOWN : TOKEN_CHECK_ERROR;
}
