#pragma once
#include "motcua/store/layer.h"
/*
 * What the programs last saw of their devices (printers, keypads), so that
 * `motcua status` can show "paper near end" at the kiosk's printer. One row
 * per device name, overwritten on each report; no event is logged, so the
 * screens do not redraw for it.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "motcua/store/db.h"

struct device_status {
	char name[128];      /* e.g. the printer spec "serial:/dev/ttyUSB0?baud=38400" */
	char kind[16];       /* "printer", "keypad" */
	char status[32];     /* printer: a fault code (motcua/print/printer_status.h) */
	char detail[256];
	int64_t updated_ms;
};

/* Upserts in its own write transaction. */
bool devices_record(struct db *db, const char *name, const char *kind, const char *status,
	const char *detail, struct result *r);
/* One device's row; RESULT_ERR_NOTFOUND when there is none. */
bool devices_get(struct db *db, const char *name, struct device_status *out, struct result *r);
/* All devices, by kind then name; *out is malloc'd (free it). */
bool devices_list(struct db *db, struct device_status **out, size_t *n, struct result *r);
/* Removes a device row (a printer string no longer used); RESULT_ERR_NOTFOUND if none. */
bool devices_forget(struct db *db, const char *name, struct result *r);
