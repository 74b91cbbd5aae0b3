/*
 * Fuzzes the printer status decoder and the fault vocabulary
 * (src/core/print/printer_status.c) with what a printer sends back.
 *
 * The input is read twice. As one reply (printer_status_decode on the raw
 * bytes): anything but four plausible status bytes is no answer. As the
 * reply stream to DLE EOT 1, 2, 3 and 4 asked in turn, the way
 * printer_query_status reads it: bytes that cannot be a status reply are
 * skipped, the first plausible one answers each request, and a stream that
 * runs out is a printer that went silent.
 *
 * Properties: a fault bit on the wire always shows in the status; the
 * fault's words exist and its code parses back; a ticket may print only on
 * an answered, online printer without faults, and a refusal says why.
 */
#include <string.h>
#include "fuzz.h"
#include "motcua/print/escpos.h"
#include "motcua/print/printer_status.h"

static void check_status(const struct printer_status *st)
{
	enum printer_fault f = printer_status_fault(st);
	FUZZ_CHECK(f >= PRINTER_FAULT_NONE && f < PRINTER_FAULT_COUNT);
	const struct printer_fault_info *info = printer_fault_info(f);
	FUZZ_CHECK(info->code[0] && info->log[0] && info->citizen_vi[0]);
	enum printer_fault back;
	FUZZ_CHECK(printer_fault_parse(info->code, &back) && back == f);
	bool faultless = st->answered && st->online && !st->paper_out && !st->cover_open
		&& !st->error;
	FUZZ_CHECK(info->can_print == faultless);
	struct result r = {0};
	bool ok = printer_fault_check(f, &r);
	FUZZ_CHECK(ok == faultless);
	FUZZ_CHECK(ok ? r.code == RESULT_OK : r.code == RESULT_ERR_PRINTER && r.msg[0] != '\0');
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* The raw bytes as one reply. */
	struct printer_status st;
	memset(&st, 0xA5, sizeof st);
	bool plausible = size == 4;
	for (size_t i = 0; plausible && i < size; i++) {
		plausible = escpos_is_status_byte(data[i]);
	}
	FUZZ_CHECK(printer_status_decode(data, size, &st) == plausible);
	FUZZ_CHECK(st.answered == plausible);
	if (!plausible) {
		struct printer_status none = {0};
		FUZZ_CHECK(memcmp(&st, &none, sizeof st) == 0);
	}
	check_status(&st);

	/* The bytes as the stream printer_query_status reads. */
	uint8_t reply[4];
	size_t got = 0;
	for (size_t i = 0; i < size && got < 4; i++) {
		if (escpos_is_status_byte(data[i])) {
			reply[got++] = data[i];
		}
	}
	if (got < 4) {
		return 0;  /* silent: printer_query_status reports all false, checked above */
	}
	FUZZ_CHECK(printer_status_decode(reply, 4, &st) && st.answered);
	/* Each fault bit on the wire shows (see enum escpos_status_kind). */
	FUZZ_CHECK(st.online == !(reply[0] & 0x08));
	FUZZ_CHECK(!(reply[1] & 0x04) || st.cover_open);
	FUZZ_CHECK(!(reply[1] & 0x20) || st.paper_out);
	FUZZ_CHECK((reply[3] & 0x60) != 0x60 || st.paper_out);
	FUZZ_CHECK(!(reply[1] & 0x40) || st.error);
	FUZZ_CHECK(!(reply[2] & 0x68) || st.error);
	FUZZ_CHECK(st.paper_near_end == ((reply[3] & 0x0c) == 0x0c));
	check_status(&st);
	return 0;
}
