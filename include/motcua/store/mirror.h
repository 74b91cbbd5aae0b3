#pragma once
#include "motcua/store/layer.h"
/*
 * A kiosk on a PC without the desk's file (a client of the LAN server)
 * keeps its printer's own state in a small file of the same schema: what
 * the printer holds in NV memory, its last fault, its unfinished job
 * (printer_store.h). The print layer reads the ticket's texts from that
 * file too, so it holds a copy of the server's settings and fields, and a
 * shadow of each ticket the kiosk printed, under the server's id, so the
 * print outcome rule (printjob.h) works there unchanged; the outcome is
 * then reported to the server.
 */
#include <stdbool.h>
#include <stddef.h>
#include "motcua/store/db.h"
#include "motcua/store/services.h"
#include "motcua/store/ticket.h"

/*
 * Makes the file's fields those of list (by code: added, changed, the
 * others made inactive) and stores each setting (key, value) pair that
 * this build knows and accepts; secrets ("(set)") are skipped.
 */
bool mirror_services(struct db *db, const struct service *list, size_t n, struct result *r);
bool mirror_setting(struct db *db, const char *key, const char *value, struct result *r);
/* The server's ticket t as a row of the file (replacing one of the same id). */
bool mirror_ticket(struct db *db, const struct ticket *t, struct result *r);
