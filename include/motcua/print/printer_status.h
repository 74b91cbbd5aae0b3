#pragma once
#include "motcua/print/layer.h"
/*
 * What a receipt printer says about itself, and the one vocabulary of its
 * faults.
 *
 * struct printer_status is the printer's own answer to the four real-time
 * status requests (DLE EOT 1..4, firmware-notes/escpos-subset.md), decoded
 * by a pure function. enum printer_fault is what that answer (or its
 * absence, or a ticket that was not confirmed) means for the desk, and
 * printer_fault_info() is the only place that turns a fault into words:
 * the stable code stored in the devices table and printed as JSON, the
 * English text of logs and error messages, the Vietnamese text the kiosk
 * shows citizens, and the Vietnamese advice staff read in `motcua status`
 * and on the kiosk's admin screen. Nothing else maps a status to words.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "motcua/base/result.h"

struct printer_status {
	bool answered;        /* false: the printer did not answer the status request */
	bool online;
	bool paper_out;
	bool paper_near_end;
	bool cover_open;
	bool error;           /* cutter jam, unrecoverable or auto-recoverable error */
	/* Not the printer's words but how the exchange went (printer.h): */
	bool blind;           /* status=none: never asked (one-way printer), assumed ready */
	bool held;            /* not answered: the request could not be sent (line held busy) */
	bool in_use;          /* not answered: a network printer took the connection but is silent */
};

/*
 * Decodes the replies to DLE EOT 1, 2, 3 and 4, in that order (len 4).
 * False, with *st all false (not answered), when len is not 4 or a byte
 * cannot be a status reply (pattern 0xx1xx10). No I/O, no state.
 */
bool printer_status_decode(const uint8_t *reply, size_t len, struct printer_status *st);

enum printer_fault {
	PRINTER_FAULT_NONE,         /* ready */
	PRINTER_FAULT_NEAR_END,     /* ready, the roll is nearly used up */
	PRINTER_FAULT_PAPER_OUT,
	PRINTER_FAULT_COVER_OPEN,
	PRINTER_FAULT_ERROR,        /* cutter jam or another error */
	PRINTER_FAULT_OFFLINE,
	PRINTER_FAULT_NO_ANSWER,    /* off, unplugged, wrong speed, cannot be opened */
	PRINTER_FAULT_UNCONFIRMED,  /* a ticket was sent but its printing was not confirmed */
	PRINTER_FAULT_HELD,         /* takes no data: busy (paper out with DIP 2-1 OFF, buffer full) */
	PRINTER_FAULT_IN_USE,       /* a network printer serving another program (the kiosk) */
	PRINTER_FAULT_BLIND,        /* ready as far as anyone knows: status=none cannot see paper out */
	PRINTER_FAULT_COUNT,
};

struct printer_fault_info {
	const char *code;        /* stable: devices.status and JSON, e.g. "paper_out" */
	const char *log;         /* English, after "the printer": "is out of paper" */
	const char *citizen_vi;  /* for citizens (kiosk): "Máy in hết giấy" */
	const char *advice_vi;   /* for staff: "Thay cuộn giấy mới"; "" when nothing to do */
	bool can_print;          /* a ticket may be issued */
};

/* The fault a status shows (the first that applies, in the enum's order of gravity). */
enum printer_fault printer_status_fault(const struct printer_status *st);
/* The words of a fault; an out-of-range value reads as PRINTER_FAULT_NO_ANSWER. */
const struct printer_fault_info *printer_fault_info(enum printer_fault f);
/* The fault of a stored code; false for a code this build does not know. */
bool printer_fault_parse(const char *code, enum printer_fault *out);
/*
 * True when the fault lets a ticket print; otherwise false with
 * RESULT_ERR_PRINTER and printer_fault_sentence ("máy in hết giấy (thay
 * cuộn giấy mới)").
 */
bool printer_fault_check(enum printer_fault f, struct result *r);

/*
 * A device row in words, for `motcua status` and the server's status: a
 * printer's fault code through the table (its text for the citizen, its
 * advice for staff); any other row, or a code this build does not know,
 * as stored (status, detail). The words point into d or the table.
 */
struct device_status;
void printer_fault_words(const struct device_status *d, const char **text,
	const char **advice);
/*
 * The fault as words inside a sentence, with what to do: "máy in hết giấy
 * (thay cuộn giấy mới)" (a message after "Không in được: " or "motcua: ").
 */
void printer_fault_sentence(enum printer_fault f, char *out, size_t size);
