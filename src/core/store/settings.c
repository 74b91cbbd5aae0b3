/*
 * Settings: a fixed table of known keys with defaults and validation, values
 * stored in the `settings` table. Reading a key that was never set gives its
 * default, so a new key needs no migration.
 */
#define LOG_MODULE "settings"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "motcua/base/clock.h"
#include "motcua/base/log.h"
#include "motcua/base/text.h"
#include "motcua/store/events.h"
#include "motcua/store/settings.h"
#include "motcua/base/utf8.h"
#include "motcua/store/ticket_layout.h"

enum kind { KIND_TEXT, KIND_INT, KIND_CHOICE, KIND_ZONE, KIND_SECRET };

struct known {
	const char *key;
	enum kind kind;
	const char *def;        /* the one default: callers never repeat it */
	long min, max;          /* KIND_INT; KIND_TEXT: max bytes (0 = 500) */
	const char *choices;    /* KIND_CHOICE: '|'-separated */
	const char *description;
};

static const struct known known[] = {
	{ "commune_name", KIND_TEXT, "UBND xã Hải Hưng", 1, 120, NULL,
	  "tên UBND xã, hiện trên các màn hình và trên phiếu" },
	{ "desk_name", KIND_TEXT, "Bộ phận Tiếp nhận và Trả kết quả", 1, 120, NULL,
	  "tên bộ phận một cửa, hiện trên các màn hình và trên phiếu" },
	{ "notice", KIND_TEXT,
	  "Kính chào quý công dân. Vui lòng lấy số thứ tự và chờ đến lượt. "
	  "Giờ làm việc: sáng 7h00–11h30, chiều 13h30–17h00, từ thứ Hai đến thứ Sáu.",
	  0, 0, NULL, "dòng thông báo chạy ở cuối màn hình phòng chờ" },
	{ "priority_rule", KIND_CHOICE, "interleave", 0, 0, "interleave|strict",
	  "cách gọi số ưu tiên. interleave: số ưu tiên không bao giờ bị số thường lấy sau"
	  " vượt lên, và được gọi trước số thường lấy trước nó sau mỗi N lượt gọi số thường;"
	  " strict: luôn gọi số ưu tiên trước" },
	{ "priority_every", KIND_INT, "2", 1, 100, NULL,
	  "N của cách gọi interleave: số lượt gọi số thường giữa hai lượt ưu tiên" },
	{ "timezone", KIND_ZONE, "Asia/Ho_Chi_Minh", 0, 0, NULL,
	  "múi giờ của ngày làm việc (số thứ tự bắt đầu lại lúc nửa đêm giờ địa phương)" },
	{ "est_service_s", KIND_INT, "300", 10, 7200, NULL,
	  "thời gian phục vụ dự kiến cho mỗi công dân (giây), dùng khi hôm nay chưa phục vụ đủ"
	  " người để tính" },
	{ "ticket_footer", KIND_TEXT, "Cảm ơn quý công dân! Vui lòng chờ gọi số.", 0, 0, NULL,
	  "dòng cuối cùng trên phiếu" },
	{ "ticket_layout", KIND_TEXT, "", 0, 0, NULL,
	  "bố cục phiếu (xem firmware-notes/ticket-layout.md); để trống = bố cục có sẵn" },
	{ "printer_width", KIND_INT, "576", 256, 832, NULL,
	  "chiều rộng vùng in, tính bằng điểm (576 cho giấy 80 mm, 384 cho giấy 58 mm)" },
	{ "voice_mode", KIND_CHOICE, "voice", 0, 0, "voice|chime|mute",
	  "voice: chuông và giọng đọc; chime: chỉ có chuông; mute: im lặng" },
	{ "voice_repeat", KIND_INT, "1", 1, 3, NULL,
	  "số lần đọc mỗi lượt gọi số" },
	{ "voice_region", KIND_CHOICE, "central", 0, 0, "central|north|south",
	  "cách đọc số: central và north đọc linh, nghìn; south đọc lẻ, ngàn" },
	{ "rating_timeout_s", KIND_INT, "20", 5, 300, NULL,
	  "số giây màn hình đánh giá mức độ hài lòng được giữ lại" },
	{ "kiosk_groups", KIND_CHOICE, "auto", 0, 0, "auto|always",
	  "máy lấy số: auto chỉ hiện các nhóm lĩnh vực (service --group) ở màn hình đầu khi"
	  " không đủ chỗ cho mọi lĩnh vực; always luôn hiện nhóm khi lĩnh vực có nhóm" },
	{ "kiosk_idle_s", KIND_INT, "30", 3, 600, NULL,
	  "máy lấy số: số giây màn hình của một nhóm chờ chạm trước khi quay về màn hình đầu" },
	{ "server_url", KIND_TEXT, "", 0, 200, NULL,
	  "địa chỉ máy chủ trong mạng LAN như các máy khác thấy nó (ví dụ"
	  " https://192.168.1.10:8443); `motcua token add` in địa chỉ này" },
	{ "public_url", KIND_TEXT, "", 0, 200, NULL,
	  "địa chỉ trang theo dõi số mà điện thoại của công dân mở được (ví dụ"
	  " http://192.168.1.10:8081, là địa chỉ --public-listen của motcuad); để trống = phiếu"
	  " không in mã QR" },
	{ "admin_pin_hash", KIND_SECRET, "", 0, 0, NULL,
	  "mã PIN quản trị của máy lấy số (lưu dạng băm Argon2id; đặt bằng `motcua pin set`)" },
};

static const struct known *find(const char *key)
{
	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
		if (strcmp(known[i].key, key) == 0) {
			return &known[i];
		}
	}
	return NULL;
}

bool settings_get(struct db *db, const char *key, char *out, size_t size)
{
	const struct known *k = find(key);
	if (!k) {
		return false;
	}
	utf8_copy(out, size, k->def);
	sqlite3_stmt *st = db_prepare(db, "SELECT value FROM settings WHERE key = ?");
	if (!st) {
		return true;
	}
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		utf8_copy(out, size, (const char *)sqlite3_column_text(st, 0));
	}
	sqlite3_reset(st);
	return true;
}

static bool choice_ok(const char *choices, const char *value)
{
	size_t len = strlen(value);
	for (const char *p = choices; *p;) {
		const char *bar = strchr(p, '|');
		size_t n = bar ? (size_t)(bar - p) : strlen(p);
		if (n == len && strncmp(p, value, n) == 0) {
			return true;
		}
		p += n + (bar ? 1 : 0);
	}
	return false;
}

/* "interleave|strict" as "interleave, strict". */
static void choices_words(const char *choices, char *out, size_t size)
{
	size_t o = 0;
	for (const char *p = choices; *p && o + 3 < size; p++) {
		if (*p == '|') {
			out[o++] = ',';
			out[o++] = ' ';
		} else {
			out[o++] = *p;
		}
	}
	out[o] = '\0';
}

static bool validate(const struct known *k, const char *value, struct result *r)
{
	long v;
	switch (k->kind) {
	case KIND_INT:
		if (!text_parse_long(value, k->min, k->max, &v)) {
			return result_fail(r, RESULT_ERR_INVALID,
				"cài đặt %s: \"%s\" không hợp lệ: phải là số nguyên từ %ld đến %ld",
				k->key, value, k->min, k->max);
		}
		return true;
	case KIND_CHOICE:
		if (!choice_ok(k->choices, value)) {
			char list[128];
			choices_words(k->choices, list, sizeof(list));
			return result_fail(r, RESULT_ERR_INVALID,
				"cài đặt %s: \"%s\" không hợp lệ: phải là một trong %s", k->key, value, list);
		}
		return true;
	case KIND_ZONE:
		if (!clock_zone_known(value)) {
			return result_fail(r, RESULT_ERR_INVALID,
				"cài đặt %s: \"%s\" không phải tên múi giờ (ví dụ Asia/Ho_Chi_Minh)",
				k->key, value);
		}
		return true;
	case KIND_TEXT: {
		/* Byte limits match the buffers the screens and tickets use; min 1
		 * marks a name that may not be blank; only the layout has lines. */
		char what[64];
		snprintf(what, sizeof(what), "cài đặt %s", k->key);
		bool layout = strcmp(k->key, "ticket_layout") == 0;
		if (!text_check(what, value, k->max ? (size_t)k->max : 500,
				(k->min ? TEXT_REQUIRED : 0) | (layout ? TEXT_LINES : 0), r)) {
			return false;
		}
		if (layout) {  /* refuse a layout that cannot print */
			struct ticket_layout *parsed = ticket_layout_parse(value, r);
			bool ok = parsed != NULL;
			ticket_layout_destroy(parsed);
			return ok;
		}
		/* The QR code's address: a phone must be able to open it as is. */
		if (strcmp(k->key, "public_url") == 0 && *value
				&& ((strncmp(value, "http://", 7) != 0 && strncmp(value, "https://", 8) != 0)
					|| strpbrk(value, " ?#\"<>") != NULL)) {
			return result_fail(r, RESULT_ERR_INVALID,
				"cài đặt public_url: \"%s\" không hợp lệ: phải là địa chỉ http:// hoặc"
				" https:// không có dấu cách, ? hay # (ví dụ http://192.168.1.10:8081)", value);
		}
		return true;
	}
	case KIND_SECRET:
		if (*value && strncmp(value, "$argon2id$", 10) != 0) {
			return result_fail(r, RESULT_ERR_INVALID,
				"cài đặt %s phải là mã băm Argon2id (hãy dùng `motcua pin set`)", k->key);
		}
		return true;
	}
	return true;
}

bool settings_validate(const char *key, const char *value, struct result *r)
{
	const struct known *k = key ? find(key) : NULL;
	if (!k) {
		return result_fail(r, RESULT_ERR_INVALID,
			"không có cài đặt \"%s\" (xem `motcua settings`)", key ? key : "");
	}
	return validate(k, value ? value : "", r);
}

long settings_get_int(struct db *db, const char *key)
{
	const struct known *k = find(key);
	long v = 0;
	if (!k || k->kind != KIND_INT) {
		/* A programming error: every integer key is in the table above. */
		LOG_ERR("settings_get_int: \"%s\" is not an integer setting", key);
		return 0;
	}
	char buf[64];
	settings_get(db, key, buf, sizeof(buf));
	if (!text_parse_long(buf, k->min, k->max, &v)) {
		/* Only a hand-edited row gets here: settings_set validates. */
		LOG_WARN("setting %s: stored value \"%s\" is not %ld-%ld; using the default %s",
			key, buf, k->min, k->max, k->def);
		text_parse_long(k->def, k->min, k->max, &v);
	}
	return v;
}

bool settings_set(struct db *db, const char *key, const char *value, struct result *r)
{
	if (!settings_validate(key, value, r) || !db_begin(db, r)) {
		return false;
	}
	sqlite3_stmt *st = db_prepare(db,
		"INSERT INTO settings(key, value) VALUES (?, ?)"
		" ON CONFLICT(key) DO UPDATE SET value = excluded.value");
	if (!st) {
		db_fail(db, r, "lưu cài đặt");
		goto fail;
	}
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE) {
		db_fail(db, r, "lưu cài đặt");
		goto fail;
	}
	struct event ev = { .kind = EVENT_SETTING };
	snprintf(ev.detail, sizeof(ev.detail), "%s", key);
	if (!events_append(db, &ev, r)) {
		goto fail;
	}
	return db_commit(db, r);
fail:
	db_rollback(db);
	return false;
}

void settings_use_zone(struct db *db)
{
	char zone[64];
	settings_get(db, "timezone", zone, sizeof(zone));
	if (!clock_set_zone(zone)) {
		LOG_ERR("unknown time zone \"%s\" in settings; using Asia/Ho_Chi_Minh", zone);
		clock_set_zone("Asia/Ho_Chi_Minh");
	}
}

void settings_each(struct db *db, settings_visit_fn fn, void *ud)
{
	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
		char value[600];
		settings_get(db, known[i].key, value, sizeof(value));
		if (known[i].kind == KIND_SECRET && *value) {
			snprintf(value, sizeof(value), "(đã đặt)");
		}
		fn(ud, known[i].key, value, known[i].def, known[i].description);
	}
}
