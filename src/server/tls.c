/* The server's TLS identity (tls.h), read with GnuTLS (libmicrohttpd's TLS library). */
#define LOG_MODULE "tls"
#include <errno.h>
#include <gnutls/abstract.h>
#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "motcua/base/xalloc.h"
#include "tls.h"

/* A whole small file; NULL with r filled. */
static char *read_file(const char *path, const char *what, struct result *r)
{
	FILE *f = fopen(path, "rb");
	char *text = NULL;
	size_t len = 0;
	if (!f) {
		result_fail(r, RESULT_ERR_IO, "không mở được %s %s: %s", what, path, strerror(errno));
		return NULL;
	}
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0 && len < 1 << 20) {
		text = xrealloc(text, len + n + 1);
		memcpy(text + len, chunk, n);
		len += n;
	}
	bool bad = ferror(f) || len == 0;
	fclose(f);
	if (bad) {
		free(text);
		result_fail(r, RESULT_ERR_IO, "không đọc được %s %s", what, path);
		return NULL;
	}
	text[len] = '\0';
	return text;
}

static void hex_colons(const unsigned char *bin, size_t n, char *out, size_t size)
{
	out[0] = '\0';
	for (size_t i = 0; i < n && 3 * i + 3 <= size; i++) {
		snprintf(out + 3 * i, size - 3 * i, "%02X%s", bin[i], i + 1 < n ? ":" : "");
	}
}

/* Fingerprint and public-key pin of the first certificate in pem. */
static bool fingerprints(const char *pem, struct tls_identity *id, struct result *r)
{
	gnutls_x509_crt_t crt = NULL;
	gnutls_pubkey_t pub = NULL;
	gnutls_datum_t in = { (unsigned char *)pem, (unsigned)strlen(pem) }, spki = { 0 };
	unsigned char digest[32];
	size_t size = sizeof(digest);
	bool ok = gnutls_x509_crt_init(&crt) >= 0
		&& gnutls_x509_crt_import(crt, &in, GNUTLS_X509_FMT_PEM) >= 0
		&& gnutls_x509_crt_get_fingerprint(crt, GNUTLS_DIG_SHA256, digest, &size) >= 0
		&& size == sizeof(digest);
	if (ok) {
		hex_colons(digest, sizeof(digest), id->fingerprint, sizeof(id->fingerprint));
		ok = gnutls_pubkey_init(&pub) >= 0 && gnutls_pubkey_import_x509(pub, crt, 0) >= 0
			&& gnutls_pubkey_export2(pub, GNUTLS_X509_FMT_DER, &spki) >= 0
			&& gnutls_hash_fast(GNUTLS_DIG_SHA256, spki.data, spki.size, digest) >= 0;
	}
	if (ok) {
		char b64[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_ORIGINAL)];
		sodium_bin2base64(b64, sizeof(b64), digest, sizeof(digest),
			sodium_base64_VARIANT_ORIGINAL);
		snprintf(id->pin, sizeof(id->pin), "sha256//%s", b64);
	}
	gnutls_free(spki.data);
	gnutls_pubkey_deinit(pub);
	gnutls_x509_crt_deinit(crt);
	return ok || result_fail(r, RESULT_ERR_INVALID, "chứng chỉ TLS không đọc được (cần tệp PEM "
		"\"-----BEGIN CERTIFICATE-----\")");
}

/* Whether the key belongs to the certificate (GnuTLS checks when pairing them). */
static bool pair_ok(const char *cert, const char *key, struct result *r)
{
	gnutls_certificate_credentials_t cred;
	if (gnutls_certificate_allocate_credentials(&cred) < 0) {
		return result_fail(r, RESULT_ERR_IO, "không khởi động được GnuTLS");
	}
	gnutls_datum_t c = { (unsigned char *)cert, (unsigned)strlen(cert) };
	gnutls_datum_t k = { (unsigned char *)key, (unsigned)strlen(key) };
	int rc = gnutls_certificate_set_x509_key_mem(cred, &c, &k, GNUTLS_X509_FMT_PEM);
	gnutls_certificate_free_credentials(cred);
	return rc >= 0 || result_fail(r, RESULT_ERR_INVALID, "khóa TLS không khớp với chứng chỉ "
		"hoặc không đọc được: %s", gnutls_strerror(rc));
}

bool tls_identity_load(const char *cert_file, const char *key_file, struct tls_identity *out,
	struct result *r)
{
	memset(out, 0, sizeof(*out));
	out->cert_pem = read_file(cert_file, "chứng chỉ TLS", r);
	out->key_pem = out->cert_pem ? read_file(key_file, "khóa TLS", r) : NULL;
	if (!out->key_pem || !fingerprints(out->cert_pem, out, r)
			|| !pair_ok(out->cert_pem, out->key_pem, r)) {
		tls_identity_finish(out);
		return false;
	}
	return true;
}

void tls_identity_finish(struct tls_identity *id)
{
	if (!id) {
		return;
	}
	if (id->key_pem) {
		sodium_memzero(id->key_pem, strlen(id->key_pem));
	}
	free(id->key_pem);
	free(id->cert_pem);
	memset(id, 0, sizeof(*id));
}
