#pragma once
/*
 * The public routes, for the citizens' phones on their own listener
 * (motcuad --public-listen): nothing else of the desk is reachable there.
 *
 *   GET /t/TOKEN         the status page of the ticket whose paper carries
 *                        TOKEN (assets/web/public/status.html)
 *   GET /t/TOKEN.json    its status (motcua/wire/wire_public.h)
 *   GET /p/FILE          the page's own files (assets/web/public/)
 *
 * Every request first takes one from its address's bucket (ratelimit.h):
 * an empty bucket answers 429. An unknown, malformed or expired token
 * answers 404 with the same plain page, "Phiếu không còn hiệu lực", for
 * every case. Paths with a token are logged by their pattern only.
 */
#include <stddef.h>
#include "dbpool.h"
#include "http.h"

#define PUBLIC_BURST 60            /* requests at once from one address */
#define PUBLIC_RATE_PER_MIN 120    /* then this many a minute (the page polls every 5 s) */

struct public_site;
/* web: the assets/web folder (its public/ subfolder is served). */
struct public_site *public_create(struct dbpool *pool, const char *web);
void public_destroy(struct public_site *p);  /* NULL-safe */
/* The routes for the public listener: copies up to max into out, returns the count. */
size_t public_routes(struct public_site *p, struct http_route *out, size_t max);
