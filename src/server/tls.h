#pragma once
/*
 * The server's TLS identity: its certificate and key (PEM files), checked
 * to belong together before the server starts, and what a client pins:
 * the certificate's SHA-256 fingerprint ("AB:CD:...", as `openssl x509
 * -fingerprint -sha256` prints it) and the SHA-256 of its public key in
 * curl's --pinnedpubkey form ("sha256//BASE64"), which survives renewing
 * the certificate with the same key.
 */
#include <stdbool.h>
#include "motcua/base/result.h"

struct tls_identity {
	char *cert_pem;              /* the files' contents, for the HTTP layer */
	char *key_pem;
	char fingerprint[100];
	char pin[64];
};

bool tls_identity_load(const char *cert_file, const char *key_file, struct tls_identity *out,
	struct result *r);
void tls_identity_finish(struct tls_identity *id);  /* NULL-safe; wipes the key */
