#pragma once
/*
 * The queue over HTTP: /api/v1/..., JSON in and out, the same objects as
 * `motcua --json` (README, "The LAN server"). Every request carries
 * "Authorization: Bearer TOKEN" of a device (store/tokens.h): none or an
 * unknown one is refused with 401, a role that may not do the action with
 * 403. A POST may carry "Idempotency-Key: KEY", which becomes the core's
 * request id "DEVICE:KEY" (queue.h, "Idempotent writes"): a repeat writes
 * nothing and answers as the first time.
 */
#include <stddef.h>
#include "dbpool.h"
#include "feed.h"
#include "http.h"

struct api;

struct api *api_create(struct dbpool *pool, struct feed *feed);
void api_destroy(struct api *api);  /* NULL-safe */

/* The API's routes, for a listener's table: copies up to max into out, returns the count. */
size_t api_routes(struct api *api, struct http_route *out, size_t max);
