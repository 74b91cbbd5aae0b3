#pragma once
#include "motcua/wire/layer.h"
/*
 * An event of the log (motcua/store/events.h) as JSON, the data of the
 * server's event stream:
 *   {id, at_ms, kind, ticket, number, counter, service, officer, detail}
 * kind is event_kind_name; ticket, counter 0 and texts "" when none.
 */
#include <stdbool.h>
#include <cjson/cJSON.h>
#include "motcua/base/result.h"
#include "motcua/store/events.h"

void wire_event_encode(cJSON *obj, const struct event *ev);
/* A kind this build does not know reads as EVENT_OTHER (newer server). */
bool wire_event_decode(const cJSON *obj, struct event *ev, struct result *r);
