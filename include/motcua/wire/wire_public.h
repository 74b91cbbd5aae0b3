#pragma once
#include "motcua/wire/layer.h"
/*
 * A ticket's status for the citizen's phone (store/public_status.h) as
 * JSON, what GET /t/TOKEN.json answers:
 *   number, service_name, status ("waiting", "called", ...), status_words
 *   (in Vietnamese), ahead and est_wait_s (while waiting), counter and
 *   counter_name (once called: where to go), commune_name, and counters:
 *   [{number, name, state, serving}] (the counters that may call it and
 *   the number each serves now, "" for none).
 * No id, no token, no officer.
 */
#include <cjson/cJSON.h>
#include "motcua/store/public_status.h"

void wire_public_status_encode(cJSON *obj, const struct public_status *ps);
