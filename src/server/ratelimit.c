/* Token buckets per address (ratelimit.h), refilled from the monotonic clock. */
#define LOG_MODULE "ratelimit"
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "motcua/base/clock.h"
#include "motcua/base/xalloc.h"
#include "ratelimit.h"

#define BUCKETS 4096

struct bucket {
	int64_t at_ms;       /* last refill, monotonic; 0 = unused */
	double tokens;
};

struct ratelimit {
	pthread_mutex_t lock;
	double burst, per_ms;
	struct bucket buckets[BUCKETS];
};

struct ratelimit *ratelimit_create(unsigned burst, unsigned rate_per_min)
{
	struct ratelimit *rl = xcalloc(1, sizeof(*rl));
	pthread_mutex_init(&rl->lock, NULL);
	rl->burst = burst;
	rl->per_ms = rate_per_min / 60000.0;
	return rl;
}

void ratelimit_destroy(struct ratelimit *rl)
{
	if (rl) {
		pthread_mutex_destroy(&rl->lock);
		free(rl);
	}
}

/* FNV-1a of the address text. */
static size_t slot_of(const char *addr)
{
	uint32_t h = 2166136261u;
	for (const unsigned char *p = (const unsigned char *)addr; *p; p++) {
		h = (h ^ *p) * 16777619u;
	}
	return h % BUCKETS;
}

bool ratelimit_take(struct ratelimit *rl, const char *addr)
{
	int64_t now = clock_mono_ms();
	pthread_mutex_lock(&rl->lock);
	struct bucket *b = &rl->buckets[slot_of(addr ? addr : "")];
	if (!b->at_ms) {
		b->tokens = rl->burst;
	} else {
		b->tokens += (double)(now - b->at_ms) * rl->per_ms;
		if (b->tokens > rl->burst) {
			b->tokens = rl->burst;
		}
	}
	b->at_ms = now > 0 ? now : 1;
	bool ok = b->tokens >= 1.0;
	if (ok) {
		b->tokens -= 1.0;
	}
	pthread_mutex_unlock(&rl->lock);
	return ok;
}
