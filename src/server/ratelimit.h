#pragma once
/*
 * Requests per client address, for the public routes: a token bucket per
 * address (burst requests at once, then rate_per_min a minute). The table
 * has a fixed size; addresses share a bucket when their hashes collide,
 * which only makes the limit stricter for them.
 */
#include <stdbool.h>

struct ratelimit;
struct ratelimit *ratelimit_create(unsigned burst, unsigned rate_per_min);
void ratelimit_destroy(struct ratelimit *rl);  /* NULL-safe */
/* Takes one request from addr's bucket; false when it is empty (answer 429). */
bool ratelimit_take(struct ratelimit *rl, const char *addr);
