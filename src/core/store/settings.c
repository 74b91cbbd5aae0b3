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
	  "commune People's Committee, shown on screens and tickets" },
	{ "desk_name", KIND_TEXT, "Bộ phận Tiếp nhận và Trả kết quả", 1, 120, NULL,
	  "name of the one-stop desk" },
	{ "notice", KIND_TEXT,
	  "Kính chào quý công dân. Vui lòng lấy số thứ tự và chờ đến lượt. "
	  "Giờ làm việc: sáng 7h00 - 11h30, chiều 13h30 - 17h00, từ thứ Hai đến thứ Sáu.",
	  0, 0, NULL, "scrolling notice on the waiting-room screen" },
	{ "priority_rule", KIND_CHOICE, "interleave", 0, 0, "interleave|strict",
	  "interleave: a priority ticket is never passed by a later normal one, and goes ahead"
	  " of earlier normal ones after every N normal calls; strict: priority first" },
	{ "priority_every", KIND_INT, "2", 1, 100, NULL,
	  "N for the interleave rule" },
	{ "timezone", KIND_ZONE, "Asia/Ho_Chi_Minh", 0, 0, NULL,
	  "zone of the business day (numbers restart at local midnight)" },
	{ "est_service_s", KIND_INT, "300", 10, 7200, NULL,
	  "assumed service time per citizen (s) until enough were served today" },
	{ "ticket_footer", KIND_TEXT, "Cảm ơn quý công dân! Vui lòng chờ gọi số.", 0, 0, NULL,
	  "last line of the paper ticket" },
	{ "ticket_layout", KIND_TEXT, "", 0, 0, NULL,
	  "ticket layout description (see firmware-notes); empty = built-in default" },
	{ "printer_width", KIND_INT, "0", 256, 832, NULL,
	  "printable width in dots; 0 = the printer profile's (512 on a TM-T88 at 180 dpi, 576 on"
	  " 80 mm at 203 dpi, 384 on 58 mm)" },
	{ "printer_profile", KIND_CHOICE, "generic-80", 0, 0,
	  "generic-80|generic-58|epson-tm-t88iii|epson-tm-t88iv|epson-tm-t88v|epson-tm-t20|"
	  "epson-tm-t81|xprinter-80",
	  "what the printer can do, unless its printer string names a profile= (see"
	  " firmware-notes/printer-profiles.md; `motcua print-test --detect` suggests one)" },
	{ "voice_mode", KIND_CHOICE, "voice", 0, 0, "voice|chime|mute",
	  "voice: chime and spoken call; chime: chime only; mute: silent" },
	{ "voice_repeat", KIND_INT, "1", 1, 3, NULL,
	  "how many times each call is spoken" },
	{ "voice_region", KIND_CHOICE, "central", 0, 0, "central|north|south",
	  "number reading variant (linh/lẻ, nghìn/ngàn)" },
	{ "rating_timeout_s", KIND_INT, "20", 5, 300, NULL,
	  "seconds the satisfaction rating stays on screen" },
	{ "admin_pin_hash", KIND_SECRET, "", 0, 0, NULL,
	  "kiosk admin PIN (Argon2id hash; set with `motcua pin set`)" },
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

/* An integer key's value in range; 0 also when 0 is its default ("from elsewhere"). */
static bool int_ok(const struct known *k, const char *value, long *v)
{
	if (strcmp(k->def, "0") == 0 && strcmp(value, "0") == 0) {
		*v = 0;
		return true;
	}
	return text_parse_long(value, k->min, k->max, v);
}

static bool validate(const struct known *k, const char *value, struct result *r)
{
	long v;
	switch (k->kind) {
	case KIND_INT:
		if (!int_ok(k, value, &v)) {
			return result_fail(r, RESULT_ERR_INVALID,
				"setting %s: \"%s\" is not a whole number from %ld to %ld%s",
				k->key, value, k->min, k->max, strcmp(k->def, "0") == 0 ? ", or 0" : "");
		}
		return true;
	case KIND_CHOICE:
		if (!choice_ok(k->choices, value)) {
			return result_fail(r, RESULT_ERR_INVALID, "setting %s: \"%s\" is not one of %s",
				k->key, value, k->choices);
		}
		return true;
	case KIND_ZONE:
		if (!clock_zone_known(value)) {
			return result_fail(r, RESULT_ERR_INVALID,
				"setting %s: \"%s\" is not a known time zone (e.g. Asia/Ho_Chi_Minh)",
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
		return true;
	}
	case KIND_SECRET:
		if (*value && strncmp(value, "$argon2id$", 10) != 0) {
			return result_fail(r, RESULT_ERR_INVALID,
				"setting %s: must be an Argon2id hash (use `motcua pin set`)", k->key);
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
			"unknown setting \"%s\" (see `motcua settings`)", key ? key : "");
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
	if (!int_ok(k, buf, &v)) {
		/* Only a hand-edited row gets here: settings_set validates. */
		LOG_WARN("setting %s: stored value \"%s\" is not %ld-%ld; using the default %s",
			key, buf, k->min, k->max, k->def);
		int_ok(k, k->def, &v);
	}
	return v;
}

bool settings_set(struct db *db, const char *key, const char *value, struct result *r)
{
	const struct known *k = find(key);
	if (!k) {
		return result_fail(r, RESULT_ERR_INVALID,
			"unknown setting \"%s\" (see `motcua settings`)", key);
	}
	if (!validate(k, value, r)) {
		return false;
	}
	if (!db_begin(db, r)) {
		return false;
	}
	sqlite3_stmt *st = db_prepare(db,
		"INSERT INTO settings(key, value) VALUES (?, ?)"
		" ON CONFLICT(key) DO UPDATE SET value = excluded.value");
	if (!st) {
		db_fail(db, r, "saving a setting");
		goto fail;
	}
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE) {
		db_fail(db, r, "saving a setting");
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
			snprintf(value, sizeof(value), "(set)");
		}
		fn(ud, known[i].key, value, known[i].def, known[i].description);
	}
}
