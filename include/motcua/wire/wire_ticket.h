#pragma once
#include "motcua/wire/layer.h"
/*
 * A ticket as JSON: the fields `motcua --json issue|call|...` print, which
 * the server sends for the same operations (README, "The LAN server").
 *
 *   id, number, service, service_name, priority, status, day,
 *   counter       (where it is served, or the counter it was sent to; absent if none),
 *   issued_ms, wait_s (once called), recalls (if any), transferred_from (if any),
 *   officer (if any), called_ms (once called), rating (once rated)
 *
 * An issued ticket adds ahead, est_wait_s and public_token (the citizen's paper:
 * the token is the status page's secret, carried by no other answer).
 */
#include <stdbool.h>
#include <cjson/cJSON.h>
#include "motcua/base/result.h"
#include "motcua/store/ticket.h"

/* Adds t's fields to obj. */
void wire_ticket_encode(cJSON *obj, const struct ticket *t);
/* As wire_ticket_encode, then ahead and est_wait_s: what `issue` answers. */
void wire_ticket_encode_issued(cJSON *obj, const struct ticket *t);
/*
 * Reads a ticket from obj (what the encoders wrote; ahead and est_wait_s
 * when present). Fields the JSON does not carry (seq, service_id,
 * finished_ms, service_ms) are 0, -1 for service_ms. False with
 * RESULT_ERR_INVALID when id, number, service or status is missing or wrong.
 */
bool wire_ticket_decode(const cJSON *obj, struct ticket *t, struct result *r);
