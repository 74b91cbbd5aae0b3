#pragma once
#include "motcua/store/layer.h"
/*
 * The devices allowed to use the LAN server's API (motcuad): one named
 * token each, with a role and, for a counter or a rating tablet, its
 * counter.
 *
 *   kiosk    issues tickets, reports its printer and print outcomes; reads
 *   display  reads only (the waiting-room screen)
 *   counter  acts on its own counter only; reads
 *   rating   rates tickets of its own counter (the citizen's tablet); reads
 *   admin    everything (the technician, the keypad bridge)
 *
 * A token is 32 random bytes in base64url (43 characters, 256 bits), shown
 * once when it is made; only its BLAKE2b hash is stored, so a copy of the
 * database (a backup) gives nobody a token. Adding and revoking append an
 * `admin` event, for the audit.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "motcua/store/db.h"

enum token_role { TOKEN_KIOSK, TOKEN_DISPLAY, TOKEN_COUNTER, TOKEN_ADMIN, TOKEN_RATING };

#define TOKEN_NAME_MAX 32   /* letters, digits, '.', '_', '-'; starts with a letter or digit */
#define TOKEN_TEXT_LEN 43   /* base64url of 32 bytes, no padding */

struct token_info {
	char name[TOKEN_NAME_MAX + 1];
	enum token_role role;
	int counter;            /* counter and rating roles; 0 for the others */
	int64_t created_ms;
};

/* "kiosk", "display", ... */
const char *token_role_name(enum token_role role);
bool token_role_parse(const char *name, enum token_role *out);
/* Whether name follows the rule above (the server prefixes request ids with it). */
bool token_name_valid(const char *name);

/*
 * Makes a token for a new device: counter (1-999, an existing counter) is
 * required for the counter and rating roles and refused for the others; a
 * name in use is refused (RESULT_ERR_STATE: revoke it first). token
 * receives the token (TOKEN_TEXT_LEN + 1 bytes), which exists nowhere else.
 */
bool tokens_add(struct db *db, const char *name, enum token_role role, int counter,
	char *token, struct result *r);
/* Every device, by name; *out is malloc'd (free it). */
bool tokens_list(struct db *db, struct token_info **out, size_t *n, struct result *r);
/* Removes a device's token: its requests are refused from now on. */
bool tokens_revoke(struct db *db, const char *name, struct result *r);

enum token_check { TOKEN_VALID, TOKEN_UNKNOWN, TOKEN_CHECK_ERROR };
/* Looks up the device holding token (read-only; constant work for any input). */
enum token_check tokens_check(struct db *db, const char *token, struct token_info *out);
