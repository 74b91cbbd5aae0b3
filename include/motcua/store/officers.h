#pragma once
#include "motcua/store/layer.h"
/*
 * Officer accounts (cán bộ): a name and a PIN (Argon2id, pin.h's rule and
 * lockout, one lockout per account). Officers log in on the web counter
 * page; the tickets they call, finish and rate record the account (queue.h)
 * and the reports by officer group by it. An account is disabled, never
 * deleted, so old tickets keep naming it.
 *
 * Verifying a PIN costs about 0.1 s of CPU (pin.h): not on a UI thread.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "motcua/store/db.h"
#include "motcua/store/pin.h"

#define OFFICER_NAME_MAX 63

struct officer {
	int64_t id;
	char name[OFFICER_NAME_MAX + 1];
	bool active;
	int64_t created_ms;
};

/* Adds an account (an `admin` event); the name is a person's, 1-63 bytes of text. */
bool officer_add(struct db *db, const char *name, const char *pin, struct officer *out,
	struct result *r);
/* Disables the account (an `admin` event): it cannot log in any more. */
bool officer_disable(struct db *db, const char *name, struct result *r);
/* Every account, active or not, by name; *out is malloc'd (free it). */
bool officer_list(struct db *db, struct officer **out, size_t *n, struct result *r);
/*
 * Checks name's PIN typed at `where` (e.g. the device or the address, for
 * the audit row) under the account's lockout. An unknown or disabled name
 * answers PIN_NOT_SET (check->outcome) without revealing which; PIN_RIGHT
 * fills out. False only when the database failed.
 */
bool officer_login(struct db *db, const char *name, const char *pin, const char *where,
	struct officer *out, struct pin_check *check, struct result *r);
