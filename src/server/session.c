/*
 * Officers' web sessions (session.h). The table holds BLAKE2b hashes of
 * the ids, so a memory dump of the server shows no usable cookie; a lookup
 * hashes what the browser sent and compares in constant time.
 */
#define LOG_MODULE "session"
#include <pthread.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include "motcua/base/clock.h"
#include "motcua/base/xalloc.h"
#include "session.h"

struct slot {
	unsigned char hash[32];
	struct session_info info;
	int64_t created_ms, used_ms;   /* monotonic; created_ms 0 = free */
};

struct sessions {
	pthread_mutex_t lock;
	struct slot slots[SESSION_MAX];
};

struct sessions *sessions_create(void)
{
	struct sessions *s = xcalloc(1, sizeof(*s));
	pthread_mutex_init(&s->lock, NULL);
	return s;
}

void sessions_destroy(struct sessions *s)
{
	if (!s) {
		return;
	}
	pthread_mutex_destroy(&s->lock);
	sodium_memzero(s, sizeof(*s));
	free(s);
}

static void hash_id(const char *id, unsigned char out[32])
{
	crypto_generichash(out, 32, (const unsigned char *)id, strlen(id), NULL, 0);
}

static bool alive(const struct slot *sl, int64_t now)
{
	return sl->created_ms && now - sl->created_ms < SESSION_TTL_MS
		&& now - sl->used_ms < SESSION_IDLE_MS;
}

void sessions_open(struct sessions *s, const struct session_info *info,
	char id[SESSION_ID_LEN + 1])
{
	unsigned char raw[32];
	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(id, SESSION_ID_LEN + 1, raw, sizeof(raw),
		sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof(raw));
	int64_t now = clock_mono_ms();
	pthread_mutex_lock(&s->lock);
	/* A free or dead slot, else the oldest. */
	struct slot *pick = &s->slots[0];
	for (size_t i = 0; i < SESSION_MAX; i++) {
		struct slot *sl = &s->slots[i];
		if (!alive(sl, now)) {
			pick = sl;
			break;
		}
		if (sl->created_ms < pick->created_ms) {
			pick = sl;
		}
	}
	hash_id(id, pick->hash);
	pick->info = *info;
	pick->created_ms = pick->used_ms = now;
	pthread_mutex_unlock(&s->lock);
}

/* The live slot of id; the caller holds the lock. */
static struct slot *find(struct sessions *s, const char *id, int64_t now)
{
	unsigned char h[32];
	if (!id || strlen(id) != SESSION_ID_LEN) {
		return NULL;
	}
	hash_id(id, h);
	for (size_t i = 0; i < SESSION_MAX; i++) {
		struct slot *sl = &s->slots[i];
		if (sl->created_ms && sodium_memcmp(sl->hash, h, sizeof(h)) == 0) {
			return alive(sl, now) ? sl : NULL;
		}
	}
	return NULL;
}

bool sessions_find(struct sessions *s, const char *id, struct session_info *out)
{
	int64_t now = clock_mono_ms();
	pthread_mutex_lock(&s->lock);
	struct slot *sl = find(s, id, now);
	if (sl) {
		sl->used_ms = now;
		*out = sl->info;
	}
	pthread_mutex_unlock(&s->lock);
	return sl != NULL;
}

void sessions_close(struct sessions *s, const char *id)
{
	pthread_mutex_lock(&s->lock);
	struct slot *sl = find(s, id, clock_mono_ms());
	if (sl) {
		memset(sl, 0, sizeof(*sl));
	}
	pthread_mutex_unlock(&s->lock);
}
