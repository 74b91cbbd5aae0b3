/*
 * Fuzzes the printer simulator's ESC/POS interpreter (src/printer-sim/
 * interp.c) with what a host may send. Input: a flags byte (bit 0 paper
 * out, 1 paper near end, 2 cover open, 3 error, 4 silent, 5 paper runs out
 * after 64 * byte 1 bytes of print data, 6 58 mm paper), a chunk byte, then
 * the ESC/POS stream.
 *
 * Properties: the stream fed whole and fed in chunks of (chunk byte + 1)
 * gives the same tickets, replies and counters (a serial line splits
 * commands anywhere); replies are plausible status bytes; every ticket is
 * as wide as the paper; and after the stream, the replies to DLE EOT 1..4
 * decode (printer_status_decode, the print layer's decoder) to exactly the
 * simulated faults.
 */
#include <string.h>
#include "fuzz.h"
#include "motcua/base/log.h"
#include "motcua/print/escpos.h"
#include "motcua/print/printer_status.h"
#include "motcua/print/raster.h"
#include "src/printer-sim/interp.h"

struct run {
	int width;
	long cuts;
	uint64_t hash;      /* of every ticket, in order */
	uint8_t reply[64];
	size_t reply_len;
};

static void on_cut(void *ud, const struct raster *ticket)
{
	struct run *run = ud;
	FUZZ_CHECK(ticket->w == run->width && ticket->h > 0);
	run->cuts++;
	run->hash = run->hash * 1099511628211u ^ raster_hash(ticket);
}

static struct interp *start(struct run *run, uint8_t flags, uint8_t chunk)
{
	*run = (struct run){.width = flags & 0x40 ? RASTER_WIDTH_58MM : RASTER_WIDTH_80MM};
	struct interp *in = interp_create(run->width, NULL, on_cut, run);
	struct interp_faults *f = interp_faults(in);
	f->paper_out = flags & 0x01;
	f->near_end = flags & 0x02;
	f->cover_open = flags & 0x04;
	f->error = flags & 0x08;
	if (flags & 0x20) {
		f->paper_left = 64L * chunk;
	}
	interp_set_silent(in, flags & 0x10);
	return in;
}

/* Asks DLE EOT 1..4 after the stream: the replies must tell the faults as they are now. */
static void check_status(struct interp *in, bool silent)
{
	interp_abandon(in);
	FUZZ_CHECK(interp_pending(in) == 0);
	static const uint8_t ask[] = {0x10, 0x04, 1, 0x10, 0x04, 2, 0x10, 0x04, 3, 0x10, 0x04, 4};
	uint8_t reply[4];
	size_t n = 0;
	interp_feed(in, ask, sizeof ask, reply, sizeof reply, &n);
	if (silent) {
		FUZZ_CHECK(n == 0);
		return;
	}
	FUZZ_CHECK(n == 4);
	struct printer_status st;
	FUZZ_CHECK(printer_status_decode(reply, n, &st));
	const struct interp_faults *f = interp_faults(in);
	bool can_print = !f->paper_out && !f->cover_open && !f->error;
	FUZZ_CHECK(st.online == can_print);
	FUZZ_CHECK(st.paper_out == f->paper_out);
	FUZZ_CHECK(st.cover_open == f->cover_open);
	FUZZ_CHECK(st.error == f->error);
	FUZZ_CHECK(st.paper_near_end == (f->near_end || f->paper_out));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool quiet;
	if (!quiet) {
		log_set_level(LOG_LEVEL_ERROR);  /* bad NV definitions are expected here */
		quiet = true;
	}
	if (size < 2) {
		return 0;
	}
	uint8_t flags = data[0], chunk = data[1];
	const uint8_t *stream = data + 2;
	size_t len = size - 2;

	struct run whole, split;
	struct interp *a = start(&whole, flags, chunk);
	struct interp *b = start(&split, flags, chunk);
	interp_feed(a, stream, len, whole.reply, sizeof whole.reply, &whole.reply_len);
	for (size_t off = 0; off < len; off += (size_t)chunk + 1) {
		size_t n = len - off < (size_t)chunk + 1 ? len - off : (size_t)chunk + 1;
		interp_feed(b, stream + off, n, split.reply, sizeof split.reply, &split.reply_len);
	}

	const struct interp_stats *sa = interp_stats(a), *sb = interp_stats(b);
	FUZZ_CHECK(sa->bytes == (long)len && sb->bytes == (long)len);
	FUZZ_CHECK(sa->tickets == whole.cuts && sb->tickets == split.cuts);
	FUZZ_CHECK(sa->tickets == sb->tickets && whole.hash == split.hash);
	FUZZ_CHECK(sa->nv_writes == sb->nv_writes);
	FUZZ_CHECK(sa->status_replies == sb->status_replies);
	FUZZ_CHECK(sa->discarded_jobs == sb->discarded_jobs && sa->blank_cuts == sb->blank_cuts);
	FUZZ_CHECK(interp_pending(a) == interp_pending(b) && interp_pending(a) <= len);
	FUZZ_CHECK(whole.reply_len <= sizeof whole.reply);
	FUZZ_CHECK(whole.reply_len == split.reply_len);
	FUZZ_CHECK(memcmp(whole.reply, split.reply, whole.reply_len) == 0);
	for (size_t i = 0; i < whole.reply_len; i++) {
		FUZZ_CHECK(escpos_is_status_byte(whole.reply[i]));
	}
	check_status(a, flags & 0x10);
	interp_destroy(a);
	interp_destroy(b);
	return 0;
}
