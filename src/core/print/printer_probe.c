/*
 * Detection requests (printer_probe.h). Replies: GS I 65..67 "_" text NUL;
 * GS I 1 one byte; GS r 1 one byte with bits 4 and 7 clear; GS ( H fn 48
 * 37 22 id NUL; GS ( L fn 64 37 72 status keys NUL, in blocks of at most
 * 40 keys, each acknowledged (ACK) before the next (status 41: more
 * follow); GS ( L fn 51 37 31 decimal digits NUL.
 */
#define LOG_MODULE "probe"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "motcua/base/log.h"
#include "motcua/print/printer_probe.h"

enum { ACK = 0x06 };

/* GS I n with a text reply into out; false only on an I/O error. */
static bool ask_text(struct printer *p, uint8_t n, char *out, size_t cap, int wait_ms,
	struct result *r)
{
	const uint8_t req[3] = { 0x1d, 'I', n }, prefix[1] = { 0x5f };
	int got = printer_request_block(p, req, sizeof req, prefix, 1, (uint8_t *)out, cap, wait_ms, r);
	if (got < 0) {
		out[0] = '\0';
	}
	for (char *c = out; *c; c++) {
		if ((unsigned char)*c < 0x20 || (unsigned char)*c > 0x7e) {
			*c = '?';  /* shown to people: nothing but printable ASCII */
		}
	}
	return got != -2;
}

/* The stored keys (GS ( L fn 64): how many, or -1 when not answered; -2 on error. */
static int nv_key_count(struct printer *p, int wait_ms, struct result *r)
{
	const uint8_t req[9] = { 0x1d, '(', 'L', 4, 0, 48, 64, 'K', 'C' }, prefix[2] = { 0x37, 0x72 };
	const uint8_t ack[1] = { ACK };
	uint8_t block[128];
	int keys = -1;
	for (int b = 0; b < 64; b++) {  /* 64 blocks of 40: more than any printer holds */
		int got = b == 0 ? printer_request_block(p, req, sizeof req, prefix, 2, block, sizeof block,
				wait_ms, r)
			: printer_request_block(p, NULL, 0, prefix, 2, block, sizeof block, wait_ms, r);
		if (got < 1) {
			return got == -2 ? -2 : keys;
		}
		keys = (keys < 0 ? 0 : keys) + (got - 1) / 2;
		if (!printer_write(p, ack, 1, NULL, r)) {
			return -2;
		}
		if (block[0] != 0x41) {
			break;  /* 0x40: the last block */
		}
	}
	return keys;
}

bool printer_nv_free(struct printer *p, long *bytes, struct result *r)
{
	const uint8_t req[7] = { 0x1d, '(', 'L', 2, 0, 48, 51 }, prefix[2] = { 0x37, 0x31 };
	char digits[16];
	*bytes = -1;
	int got = printer_request_block(p, req, sizeof req, prefix, 2, (uint8_t *)digits,
		sizeof digits, 1500, r);
	if (got == -2) {
		return false;
	}
	if (got > 0 && strspn(digits, "0123456789") == (size_t)got) {
		*bytes = atol(digits);
	}
	return true;
}

bool printer_probe(struct printer *p, struct printer_probe *out, struct result *r)
{
	*out = (struct printer_probe){ .model_id = -1, .nv_keys = -1, .nv_free = -1 };
	int wait_ms = 1500;
	struct printer_status st;
	if (!printer_query_status(p, &st, r)) {
		return false;
	}
	out->status = st.answered && !st.blind;
	if (!out->status) {
		return true;  /* nothing else would answer either */
	}
	const uint8_t gs_i1[3] = { 0x1d, 'I', 1 };
	int id = printer_request_byte(p, gs_i1, sizeof gs_i1, 0, 0, wait_ms, r);
	if (id == -2 || !ask_text(p, 66, out->maker, sizeof out->maker, wait_ms, r)
		|| !ask_text(p, 67, out->model, sizeof out->model, wait_ms, r)
		|| !ask_text(p, 65, out->firmware, sizeof out->firmware, wait_ms, r)) {
		return false;
	}
	out->model_id = id;
	/* GS r before GS ( H: a late GS ( H reply has bytes that pass for a GS r one. */
	const uint8_t gs_r[3] = { 0x1d, 'r', 1 };
	int paper = printer_request_byte(p, gs_r, sizeof gs_r, 0x90, 0x00, wait_ms, r);
	if (paper == -2) {
		return false;
	}
	out->paper_status = paper >= 0;
	const uint8_t gs_h[11] = { 0x1d, '(', 'H', 6, 0, 48, 48, 'Q', 'S', 'U', 'W' };
	const uint8_t h_prefix[6] = { 0x37, 0x22, 'Q', 'S', 'U', 'W' };
	uint8_t tail[4];
	int h = printer_request_block(p, gs_h, sizeof gs_h, h_prefix, sizeof h_prefix, tail,
		sizeof tail, wait_ms, r);
	if (h == -2) {
		return false;
	}
	out->process_id = h >= 0;
	const char *why;
	if (out->process_id || printer_profile_suggest(out, &why)->nv == PRINTER_NV_GRAPHICS) {
		out->nv_keys = nv_key_count(p, wait_ms, r);
		if (out->nv_keys == -2 || !printer_nv_free(p, &out->nv_free, r)) {
			return false;
		}
		out->nv_list = out->nv_keys >= 0;
	}
	LOG_INFO("%s: maker \"%s\" model \"%s\" firmware \"%s\" id %d, GS r %s, GS ( H %s, "
		"NV keys %d, NV free %ld", printer_spec(p), out->maker, out->model, out->firmware,
		out->model_id, out->paper_status ? "yes" : "no", out->process_id ? "yes" : "no",
		out->nv_keys, out->nv_free);
	return true;
}
