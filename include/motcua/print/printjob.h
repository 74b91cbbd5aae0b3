#pragma once
#include "motcua/print/layer.h"
/*
 * Print jobs: the paper ticket (laid out from settings, Vietnamese text
 * rendered into a 1-bit raster, encoded as ESC/POS with the static parts
 * in the printer's NV memory when possible), its reprint, the self-test,
 * and bringing the NV images up to date.
 *
 * The outcome rule (firmware-notes/print-outcome.md): a number that may
 * have reached paper is honoured. A ticket is voided only when its job
 * failed before any byte of the number was handed to the kernel; a job
 * that cannot be confirmed leaves the ticket valid, flagged
 * print_unconfirmed, with the printer's fault recorded; and the next job
 * on that printer first clears it, feeds and cuts, so one paper never
 * carries two numbers.
 *
 * Threads: a kiosk may print from a worker thread while its UI thread draws
 * text: the only shared SDL_ttf state, opening and closing fonts, is
 * serialised by motcua/fonts/fonts.h. Each thread uses its own db connection.
 */
#include <stdbool.h>
#include "motcua/print/printer.h"
#include "motcua/print/printer_probe.h"
#include "motcua/store/db.h"
#include "motcua/store/events.h"
#include "motcua/store/ticket.h"

/*
 * The whole kiosk flow for one citizen: ask the printer; if it cannot
 * print, nothing is issued (false, RESULT_ERR_PRINTER, the message says
 * why). Else clear it after an unconfirmed job, bring its NV images up to
 * date, issue (committed), print, and confirm with a status request that
 * the printer can only answer after taking the whole job.
 *
 * True when a ticket was issued and may be on paper: t is the ticket, and
 * t->print_unconfirmed says that its printing was not confirmed (then
 * r->msg says why, with r->code RESULT_OK). False with RESULT_ERR_PRINTER
 * when nothing was issued, or when the job failed before any byte of the
 * number was sent: then the ticket is voided (t->status TICKET_VOID).
 * Records the printer's fault for `motcua status` either way.
 */
bool printjob_issue_and_print(struct db *db, struct printer *p, const char *service_code,
	bool priority, struct ticket *t, struct result *r);
/*
 * The same with the number taken elsewhere: issue(issue_ud, ...) instead
 * of queue_issue on db, for a kiosk whose queue is on the LAN server; db
 * is then its own state file, and issue leaves a copy of the ticket there
 * (motcua/store/mirror.h) so the outcome rule above applies to it.
 */
typedef bool (*printjob_issue_fn)(void *ud, const char *service_code, bool priority,
	struct ticket *t, struct result *r);
bool printjob_issue_and_print_via(struct db *db, struct printer *p, printjob_issue_fn issue,
	void *issue_ud, const char *service_code, bool priority, struct ticket *t, struct result *r);

/*
 * Brings the printer's NV images (header, service names, labels) up to
 * date now, so the first citizen does not wait for the one-time transfer
 * (some 30 KB: 8 s at 38400 baud, plus the printer's own storing time). A
 * no-op for printers without NV memory and when nothing they depend on
 * changed, so callers may call it whenever an event
 * might matter (printjob_event_may_change_nv); printjob_issue_and_print
 * does it anyway when needed.
 */
bool printjob_prepare(struct db *db, struct printer *p, struct result *r);
/* True for the event kinds after which the NV images may be stale (settings, services). */
bool printjob_event_may_change_nv(enum event_kind kind);

/*
 * Prints an already issued ticket again (kiosk admin "reprint last
 * ticket"); once confirmed, the ticket's print_unconfirmed flag is cleared.
 */
bool printjob_reprint(struct db *db, struct printer *p, const struct ticket *t, struct result *r);

/*
 * Prints a self-test ticket: settings and profile, status, edge marks at
 * the first and last dot of each common width, a character test in
 * Vietnamese, a sample ticket.
 */
bool printjob_selftest(struct db *db, struct printer *p, struct result *r);

/*
 * `motcua print-test --detect`: asks the printer what it safely can
 * (printer_probe.h), suggests a profile (*suggested, and probe filled in
 * for the caller's report) and prints what it found with edge marks.
 * Nothing is written to NV memory.
 */
bool printjob_detect(struct db *db, struct printer *p, struct printer_probe *probe,
	const struct printer_profile **suggested, struct result *r);

/*
 * Forgets what motcua stored in the printer's NV memory, so the next print
 * writes the NV images again (after a printer swap or a factory reset).
 */
bool printjob_forget_nv(struct db *db, const char *spec, struct result *r);
