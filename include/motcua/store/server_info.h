#pragma once
#include "motcua/store/layer.h"
/*
 * What the LAN server (motcuad) last recorded about itself when it
 * started: the address it listens on, and with TLS its certificate's
 * fingerprints, so that `motcua token add` can print what a device needs
 * to reach and trust it. One row; no event (the screens do not care).
 */
#include <stdbool.h>
#include <stdint.h>
#include "motcua/store/db.h"

struct server_info {
	char url[256];               /* e.g. "https://0.0.0.0:8443" (the listen address) */
	char tls_fingerprint[100];   /* SHA-256 of the certificate, "AB:CD:..."; "" without TLS */
	char tls_pin[64];            /* "sha256//BASE64" of its public key (curl's pinnedpubkey) */
	int64_t started_ms;          /* 0: no server ever started on this file */
};

/* Replaces the row (its own write transaction). */
bool server_info_record(struct db *db, const struct server_info *info, struct result *r);
/* Reads the row; an empty one (started_ms 0) when no server recorded any. */
bool server_info_read(struct db *db, struct server_info *info, struct result *r);
