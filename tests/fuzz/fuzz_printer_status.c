/*
 * Fuzzes the printer status decoder (printer_status_decode, shared with
 * src/core/print/printer.c) with what a printer sends back: the input is
 * the reply stream to DLE EOT 1, 2, 3 and 4 asked in turn, as
 * printer_query_status reads it (stray bytes skipped, the first plausible
 * reply answers). Properties: stray bytes change nothing; a fault reported
 * on the wire always shows in the status; printer_status_ok lets a ticket
 * print only on an answered, online printer without faults, and otherwise
 * names the fault; the Vietnamese text matches.
 */
#include <string.h>
#include "fuzz.h"
#include "motcua/print/escpos.h"
#include "motcua/print/printer.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct printer_status st = {0};
	int reply[5] = {-1, -1, -1, -1, -1};
	size_t i = 0;
	int kind;
	for (kind = 1; kind <= 4; kind++) {
		for (; i < size; i++) {
			struct printer_status before = st;
			if (printer_status_decode((enum escpos_status_kind)kind, data[i], &st)) {
				FUZZ_CHECK(escpos_is_status_byte(data[i]));
				reply[kind] = data[i++];
				break;
			}
			FUZZ_CHECK(!escpos_is_status_byte(data[i]));
			FUZZ_CHECK(memcmp(&before, &st, sizeof st) == 0);
		}
		if (reply[kind] < 0) {
			break;  /* no answer: printer_query_status reports all false */
		}
	}
	/* Kinds outside DLE EOT 1..4 are never taken as a reply. */
	if (size > 0) {
		struct printer_status before = st;
		FUZZ_CHECK(!printer_status_decode((enum escpos_status_kind)0, data[0], &st));
		FUZZ_CHECK(!printer_status_decode((enum escpos_status_kind)(5 + data[0] % 200), data[0], &st));
		FUZZ_CHECK(memcmp(&before, &st, sizeof st) == 0);
	}
	if (kind == 5) {
		st.answered = true;
		/* Each fault bit on the wire shows (see enum escpos_status_kind). */
		FUZZ_CHECK(st.online == !(reply[1] & 0x08));
		FUZZ_CHECK(!(reply[2] & 0x04) || st.cover_open);
		FUZZ_CHECK(!(reply[2] & 0x20) || st.paper_out);
		FUZZ_CHECK((reply[4] & 0x60) != 0x60 || st.paper_out);
		FUZZ_CHECK(!(reply[2] & 0x40) || st.error);
		FUZZ_CHECK(!(reply[3] & 0x68) || st.error);
		FUZZ_CHECK(st.paper_near_end == ((reply[4] & 0x0c) == 0x0c));
	} else {
		st = (struct printer_status){0};
	}

	struct result r = {0};
	bool ok = printer_status_ok(&st, &r);
	bool faultless = st.answered && st.online && !st.paper_out && !st.cover_open && !st.error;
	FUZZ_CHECK(ok == faultless);
	FUZZ_CHECK(ok ? r.code == RESULT_OK : r.code == RESULT_ERR_PRINTER && r.msg[0] != '\0');
	const char *text = printer_status_text_vi(&st);
	FUZZ_CHECK(text != NULL && text[0] != '\0');
	FUZZ_CHECK(ok == (strcmp(text, "Sẵn sàng") == 0 || strcmp(text, "Giấy sắp hết") == 0));
	return 0;
}
