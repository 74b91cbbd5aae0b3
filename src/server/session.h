#pragma once
/*
 * Officers' web sessions (the /counter page): after a login with counter,
 * name and PIN (store/officers.h), the browser holds a random session id
 * in an HttpOnly, SameSite=Strict cookie; the server keeps, in memory
 * only, a hash of it, the officer and the counter, and when it expires
 * (SESSION_TTL_MS after the login, or SESSION_IDLE_MS without a request).
 * A restart of motcuad logs everyone out. At most SESSION_MAX sessions: a
 * new login then ends the oldest.
 */
#include <stdbool.h>
#include <stdint.h>
#include "motcua/store/officers.h"

#define SESSION_COOKIE "motcua_session"
#define SESSION_ID_LEN 43                     /* base64url of 32 random bytes */
#define SESSION_TTL_MS (12 * 3600 * 1000)
#define SESSION_IDLE_MS (2 * 3600 * 1000)
#define SESSION_MAX 256

struct session_info {
	int64_t officer_id;
	char officer[OFFICER_NAME_MAX + 1];
	int counter;
};

struct sessions;
struct sessions *sessions_create(void);
void sessions_destroy(struct sessions *s);  /* NULL-safe */

/* Opens a session; id receives its SESSION_ID_LEN characters and a NUL. */
void sessions_open(struct sessions *s, const struct session_info *info,
	char id[SESSION_ID_LEN + 1]);
/* The session of id, if alive (its idle time restarts); false otherwise. */
bool sessions_find(struct sessions *s, const char *id, struct session_info *out);
/* Ends the session of id (logout); nothing if there is none. */
void sessions_close(struct sessions *s, const char *id);
