/*
 * Fuzzes settings validation (settings_validate in src/core/store/
 * settings.c), what `motcua set KEY VALUE` and the kiosk admin screen check
 * before anything is stored. Input: KEY=VALUE (split at the first '=', each
 * up to the first NUL). No database is opened. Properties: a refusal is
 * RESULT_ERR_INVALID with a message naming the key; the verdict does not
 * change when asked again; an accepted text is UTF-8 without control
 * characters (motcua/base/text.h: a new line only in the layout), an
 * accepted ticket_layout parses, an accepted number is plain decimal.
 */
#include <string.h>
#include "fuzz.h"
#include "motcua/base/utf8.h"
#include "motcua/store/settings.h"
#include "motcua/store/ticket_layout.h"

static const char *const text_keys[] = {
	"commune_name", "desk_name", "notice", "ticket_footer", "ticket_layout",
};
static const char *const int_keys[] = {
	"priority_every", "est_service_s", "printer_width", "voice_repeat", "rating_timeout_s",
};

static bool listed(const char *key, const char *const *keys, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (strcmp(key, keys[i]) == 0) {
			return true;
		}
	}
	return false;
}

/* No C0 (but '\n' when lines), no DEL, no C1 (U+0080..U+009F, UTF-8 C2 80..C2 9F). */
static bool free_of_controls(const char *s, bool lines)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p < 0x20 && !(lines && *p == '\n')) || *p == 0x7f
			|| (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)) {
			return false;
		}
	}
	return true;
}

static bool plain_decimal(const char *s)
{
	s += *s == '-';
	return *s && strspn(s, "0123456789") == strlen(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *key = malloc(size + 1);
	FUZZ_CHECK(key != NULL);
	memcpy(key, data, size);
	key[size] = '\0';
	char *eq = strchr(key, '=');
	const char *value = "";
	if (eq) {
		*eq = '\0';
		value = eq + 1;
	}

	struct result r = {0}, again = {0};
	bool ok = settings_validate(key, value, &r);
	FUZZ_CHECK(settings_validate(key, value, &again) == ok);
	FUZZ_CHECK(r.code == again.code && strcmp(r.msg, again.msg) == 0);
	if (!ok) {
		FUZZ_CHECK(r.code == RESULT_ERR_INVALID && r.msg[0] != '\0');
		/* Short keys fit the message whole: it names the setting. */
		FUZZ_CHECK(strlen(key) > 64 || strstr(r.msg, key) != NULL
			|| strncmp(r.msg, "ticket_layout: ", 15) == 0);
	} else {
		FUZZ_CHECK(r.code == RESULT_OK);
		if (listed(key, text_keys, sizeof text_keys / sizeof text_keys[0])) {
			FUZZ_CHECK(utf8_valid(value));
			FUZZ_CHECK(free_of_controls(value, strcmp(key, "ticket_layout") == 0));
		}
		if (listed(key, int_keys, sizeof int_keys / sizeof int_keys[0])) {
			FUZZ_CHECK(plain_decimal(value));
		}
		if (strcmp(key, "ticket_layout") == 0) {
			struct ticket_layout *l = ticket_layout_parse(value, NULL);
			FUZZ_CHECK(l != NULL);
			ticket_layout_destroy(l);
		}
	}
	free(key);
	return 0;
}
