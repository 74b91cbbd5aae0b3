/*
 * End-to-end printing with faults: the kiosk flow (printjob_issue_and_print)
 * against motcua-printer-sim over a serial link, through libserialport
 * (run inside tests/serial/pty-as-uart.sh). One printer object is kept for
 * most of the run, so recovery without restarting anything is tested too.
 *
 * Every branch of the print outcome rule (firmware-notes/print-outcome.md)
 * is driven by the simulator's fault controls and checked in the database
 * (tickets issued, voided, flagged print_unconfirmed; the devices row) and
 * on the simulator's paper (tickets cut, their height: a ticket printed
 * under the remains of an interrupted one would be taller than a clean one).
 * Every call must return within a deadline.
 *
 * usage: e2e_faults DB SIM_OUT_DIR CONTROL_FIFO SPEC
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "motcua/base/clock.h"
#include "motcua/base/log.h"
#include "motcua/print/printer.h"
#include "motcua/print/printjob.h"
#include "motcua/store/db.h"
#include "motcua/store/queue.h"
#include "motcua/store/settings.h"

static const char *out_dir, *fifo;
static struct db *db;
static int failures;

#define CHECK(cond, ...) do { \
		if (!(cond)) { \
			failures++; \
			printf("FAIL %s:%d: %s: ", __FILE__, __LINE__, #cond); \
			printf(__VA_ARGS__); \
			printf("\n"); \
		} \
	} while (0)

static long state(const char *key)
{
	char *path = NULL, line[600];
	long v = -1;
	if (asprintf(&path, "%s/state", out_dir) < 0) {
		abort();
	}
	FILE *f = fopen(path, "r");
	free(path);
	size_t kl = strlen(key);
	while (f && fgets(line, sizeof line, f)) {
		if (strncmp(line, key, kl) == 0 && line[kl] == '=') {
			v = atol(line + kl + 1);
		}
	}
	if (f) {
		fclose(f);
	}
	return v;
}

/* Sends a control line, then waits (bounded) until state key == want. */
static void control(const char *cmd, const char *key, long want)
{
	int fd = open(fifo, O_WRONLY);
	if (fd < 0 || write(fd, cmd, strlen(cmd)) < 0 || write(fd, "\n", 1) != 1) {
		printf("FAIL: cannot write to %s\n", fifo);
		exit(1);
	}
	close(fd);
	int64_t deadline = clock_mono_ms() + 5000;
	while (key && state(key) != want) {
		if (clock_mono_ms() > deadline) {
			printf("FAIL: simulator state %s never became %ld after \"%s\"\n", key, want, cmd);
			exit(1);
		}
		usleep(10000);
	}
}

static long count(const char *sql)
{
	sqlite3_stmt *st = NULL;
	long n = -1;
	if (sqlite3_prepare_v2(db_handle(db), sql, -1, &st, NULL) == SQLITE_OK
		&& sqlite3_step(st) == SQLITE_ROW) {
		n = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	return n;
}

static char device_status[64];
static struct ticket last_issued;
static long clean_rows;   /* height of a ticket printed on clean paper */

static const char *printer_row(const char *spec)
{
	sqlite3_stmt *st = NULL;
	snprintf(device_status, sizeof device_status, "(none)");
	if (sqlite3_prepare_v2(db_handle(db), "SELECT status FROM devices WHERE name = ? AND kind = 'printer'",
		-1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, spec, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW) {
			snprintf(device_status, sizeof device_status, "%s", sqlite3_column_text(st, 0));
		}
	}
	sqlite3_finalize(st);
	return device_status;
}

/* What an attempt must lead to. */
enum outcome {
	PRINTED,      /* issued, confirmed */
	UNCONFIRMED,  /* issued, valid, flagged print_unconfirmed */
	REFUSED,      /* nothing issued */
	VOIDED,       /* issued and voided: its number was never sent */
};

static const char *const outcome_names[] = { "printed", "unconfirmed", "refused", "voided" };

/*
 * Tries to issue; checks the outcome, the time taken, the database, the
 * devices row and how many tickets the simulator cut (png_delta).
 */
static void attempt(struct printer *p, const char *what, enum outcome want,
	const char *want_status, long png_delta)
{
	long tickets_before = count("SELECT count(*) FROM tickets");
	long void_before = count("SELECT count(*) FROM tickets WHERE status = 'void'");
	long flagged_before = count("SELECT count(*) FROM tickets WHERE print_unconfirmed = 1");
	long pngs_before = state("tickets");
	struct ticket t;
	struct result r = { 0 };
	int64_t t0 = clock_mono_ms();
	bool ok = printjob_issue_and_print(db, p, "HT", false, &t, &r);
	int64_t took = clock_mono_ms() - t0;
	enum outcome got = ok ? (t.print_unconfirmed ? UNCONFIRMED : PRINTED)
		: tickets_before == count("SELECT count(*) FROM tickets") ? REFUSED : VOIDED;
	printf("# %s: %s (%lld ms)%s%s\n", what, outcome_names[got], (long long)took,
		*r.msg ? " — " : "", r.msg);
	CHECK(got == want, "%s: expected %s", what, outcome_names[want]);
	CHECK(took < 12000, "%s: took %lld ms", what, (long long)took);
	CHECK(ok ? r.code == RESULT_OK : r.code == RESULT_ERR_PRINTER, "%s: code %d", what, r.code);
	long issued = count("SELECT count(*) FROM tickets") - tickets_before;
	long voided = count("SELECT count(*) FROM tickets WHERE status = 'void'") - void_before;
	long flagged = count("SELECT count(*) FROM tickets WHERE print_unconfirmed = 1") - flagged_before;
	CHECK(issued == (want == REFUSED ? 0 : 1), "%s: issued %ld", what, issued);
	CHECK(voided == (want == VOIDED ? 1 : 0), "%s: voided %ld", what, voided);
	CHECK(flagged == (want == UNCONFIRMED ? 1 : 0), "%s: flagged %ld", what, flagged);
	if (ok) {
		last_issued = t;
	}
	if (want == VOIDED) {
		CHECK(strstr(r.msg, "đã bị hủy: số này chưa được gửi tới máy in") != NULL, "%s: message %s",
			what, r.msg);
	}
	/* The PNG is written when the cut is processed, before the confirming status reply. */
	CHECK(state("tickets") == pngs_before + png_delta, "%s: the simulator cut %ld tickets, "
		"expected %ld", what, state("tickets") - pngs_before, png_delta);
	if (want == PRINTED && clean_rows > 0) {
		CHECK(state("last_rows") == clean_rows, "%s: the ticket is %ld rows, a clean one %ld "
			"(printed under another's remains?)", what, state("last_rows"), clean_rows);
	}
	CHECK(strcmp(printer_row(printer_spec(p)), want_status) == 0, "%s: devices status %s, "
		"expected %s", what, device_status, want_status);
}

static long open_jobs(void)
{
	return count("SELECT count(*) FROM printer_jobs");
}

int main(int argc, char **argv)
{
	if (argc != 5) {
		fprintf(stderr, "usage: %s DB SIM_OUT CONTROL SPEC\n", argv[0]);
		return 2;
	}
	log_init("e2e_faults", LOG_LEVEL_WARN);
	out_dir = argv[2];
	fifo = argv[3];
	const char *spec = argv[4];
	struct result r = { 0 };
	db = db_open(argv[1], DB_READWRITE, &r);
	if (db == NULL) {
		printf("FAIL: %s\n", r.msg);
		return 1;
	}
	/* Ticket heights are compared below, so the layout leaves out the lines
	 * that change with the queue (people ahead: words when nobody is). */
	if (!settings_set(db, "ticket_layout", "space 8; commune size=24 bold; desk size=22;"
			" rule; title size=34 bold; number size=7; service size=30 bold;"
			" priority size=30 bold invert; space 6; datetime size=1; rule; footer size=20",
			&r)) {
		printf("FAIL: layout: %s\n", r.msg);
		return 1;
	}
	struct printer *p = printer_open(spec, &r);
	if (p == NULL) {
		printf("FAIL: printer_open: %s\n", r.msg);
		return 1;
	}

	attempt(p, "first ticket (NV store)", PRINTED, "ok", 1);
	clean_rows = state("last_rows");
	CHECK(clean_rows > 100, "a clean ticket is %ld rows", clean_rows);
	long nv = state("nv_writes");
	CHECK(nv > 0, "no NV images were stored");
	CHECK(count("SELECT count(*) FROM printer_nv_images") == nv, "%ld NV records for %ld writes",
		count("SELECT count(*) FROM printer_nv_images"), nv);
	long bytes0 = state("bytes");
	attempt(p, "second ticket", PRINTED, "ok", 1);
	long per_ticket = state("bytes") - bytes0;
	printf("# bytes on the wire for a ticket after the first: %ld\n", per_ticket);
	CHECK(per_ticket <= 400, "%ld bytes per ticket", per_ticket);
	CHECK(state("nv_writes") == nv, "NV written again without a change");
	CHECK(open_jobs() == 0, "a confirmed job stays open");

	/* Prepare (the kiosk's, after any setting or service event) decides staleness itself. */
	long replies = state("status_replies");
	CHECK(printjob_prepare(db, p, &r), "prepare: %s", r.msg);
	CHECK(state("status_replies") == replies && state("nv_writes") == nv,
		"prepare talked to the printer although nothing changed");
	CHECK(settings_set(db, "desk_name", "Bộ phận một cửa (tầng 1)", &r), "%s", r.msg);
	CHECK(printjob_prepare(db, p, &r), "prepare: %s", r.msg);
	CHECK(state("nv_writes") == nv + 1, "a new desk name wrote %ld NV images, expected 1",
		state("nv_writes") - nv);
	nv = state("nv_writes");
	clean_rows = 0;  /* the header changed: measure a clean ticket again */

	control("baud 9600", "baud", 9600);
	attempt(p, "slow line (9600 baud pacing)", PRINTED, "ok", 1);
	clean_rows = state("last_rows");
	control("baud 0", "baud", 0);

	/* Refused before anything is issued. */
	control("paper out", "paper_out", 1);
	attempt(p, "paper out before the job", REFUSED, "paper_out", 0);
	const char *words = printer_fault_info(printer_status_fault(printer_last_status(p)))->citizen_vi;
	CHECK(strcmp(words, "Máy in hết giấy") == 0, "the kiosk would show %s", words);
	control("paper ok", "paper_out", 0);
	attempt(p, "paper back", PRINTED, "ok", 1);

	control("near-end on", "near_end", 1);
	attempt(p, "paper near end", PRINTED, "near_end", 1);
	control("near-end off", "near_end", 0);

	control("cover open", "cover_open", 1);
	attempt(p, "cover open", REFUSED, "cover_open", 0);
	control("cover closed", "cover_open", 0);

	control("error on", "error", 1);
	attempt(p, "printer error", REFUSED, "error", 0);
	control("error off", "error", 0);

	control("silent on", "silent", 1);
	attempt(p, "no answer", REFUSED, "no_answer", 0);
	control("silent off", "silent", 0);
	attempt(p, "answers again", PRINTED, "ok", 1);

	/* Paper runs out inside the number: it may be on paper, so the ticket stays. */
	control("paper after 10", "paper_left", 10);
	attempt(p, "paper runs out during the job", UNCONFIRMED, "paper_out", 0);
	CHECK(open_jobs() == 1, "the unconfirmed job is not remembered");
	control("paper ok", "paper_out", 0);
	long blank = state("blank_cuts");
	attempt(p, "paper replaced (cleared first)", PRINTED, "ok", 1);
	CHECK(state("blank_cuts") == blank + 1, "the printer was not cut clear first");
	CHECK(open_jobs() == 0, "the clearing did not close the job");

	/* A busy printer answers after the job, too late: the paper is whole. */
	control("late 2500 after 12", "late_ms", 2500);
	attempt(p, "late status reply after the job", UNCONFIRMED, "unconfirmed", 1);
	control("late 0", "late_ms", 0);
	usleep(2600 * 1000);  /* the late replies arrive; the next query drops them */
	blank = state("blank_cuts");
	attempt(p, "after the late reply", PRINTED, "ok", 1);
	CHECK(state("blank_cuts") == blank + 1, "no clearing cut after the unconfirmed job");

	/* Status passes (12 bytes), then the cable is pulled inside the job. */
	control("unplug after 30", "unplug_after", 30);
	attempt(p, "unplugged mid-job", UNCONFIRMED, "unconfirmed", 0);
	struct ticket cut_off = last_issued;
	control("plug", "unplugged", 0);
	/* A new process would see the same: the unfinished job is in the database. */
	printer_close(p);
	p = printer_open(spec, &r);
	CHECK(p != NULL, "reopen: %s", r.msg);
	if (p == NULL) {
		return 1;
	}
	/* The remains of the cut-off ticket come out on their own paper, then the new one. */
	attempt(p, "plugged back (remains cut off first)", PRINTED, "ok", 2);

	control("unplug", "unplugged", 1);
	attempt(p, "unplugged before the job", REFUSED, "no_answer", 0);
	/* A stalled line fails once nothing moves for `timeout`, not after the whole budget. */
	size_t big = 400 * 1024, sent = 0;
	uint8_t *zeros = calloc(1, big);
	int64_t t0 = clock_mono_ms();
	CHECK(!printer_write(p, zeros, big, &sent, &r), "400 KB went into an unplugged printer");
	printf("# stalled line: failed after %lld ms, %zu bytes taken: %s\n",
		(long long)(clock_mono_ms() - t0), sent, r.msg);
	CHECK(clock_mono_ms() - t0 < 5000, "a stalled line took %lld ms", (long long)(clock_mono_ms() - t0));
	CHECK(sent < big, "all %zu bytes reported sent", sent);
	free(zeros);
	control("plug", "unplugged", 0);
	attempt(p, "plugged back again", PRINTED, "ok", 1);

	/*
	 * The printer refuses the job before any byte of it (XOFF right after
	 * the status check): the number cannot be on paper, the ticket is void.
	 */
	printer_close(p);
	char *xspec = NULL;
	if (asprintf(&xspec, "%s&flow=xonxoff", spec) < 0) {
		abort();
	}
	p = printer_open(xspec, &r);
	CHECK(p != NULL, "%s: %s", xspec, r.msg);
	if (p == NULL) {
		return 1;
	}
	/* Another option names the same printer (printer_identity): nothing is stored again. */
	long nv_before = state("nv_writes");
	attempt(p, "the same printer, flow=xonxoff", PRINTED, "ok", 1);
	CHECK(state("nv_writes") == nv_before, "flow=xonxoff rewrote %ld NV images",
		state("nv_writes") - nv_before);
	control("xoff after 12", "xoff_after", 12);
	/* A printer holding the line is busy, not gone: "held" says what to check. */
	attempt(p, "printer refuses the job (XOFF)", VOIDED, "held", 0);
	CHECK(state("xoff") == 1, "the simulator did not hold the line");
	control("xon", "xoff", 0);
	attempt(p, "printer takes data again", PRINTED, "ok", 1);
	printer_close(p);
	free(xspec);
	p = printer_open(spec, &r);
	CHECK(p != NULL, "reopen: %s", r.msg);
	if (p == NULL) {
		return 1;
	}

	/* Reprint (kiosk admin) of the cut-off ticket: prints it again, clears its flag. */
	long before = state("tickets");
	long live = count("SELECT count(*) FROM tickets WHERE status <> 'void'");
	CHECK(cut_off.print_unconfirmed, "the cut-off ticket was not flagged");
	CHECK(printjob_reprint(db, p, &cut_off, &r), "reprint: %s", r.msg);
	CHECK(state("tickets") == before + 1, "reprint printed nothing");
	CHECK(state("last_rows") == clean_rows, "reprint is %ld rows", state("last_rows"));
	CHECK(count("SELECT count(*) FROM tickets WHERE status <> 'void'") == live, "reprint issued");
	struct ticket again;
	CHECK(queue_get(db, cut_off.id, &again, &r) && !again.print_unconfirmed,
		"the reprinted ticket is still flagged");
	CHECK(count("SELECT count(*) FROM tickets WHERE print_unconfirmed = 1") == 2,
		"%ld flagged tickets, expected 2 (paper out, late reply)",
		count("SELECT count(*) FROM tickets WHERE print_unconfirmed = 1"));
	printf("# %ld tickets cut, %ld blank cuts, %ld void, %ld NV writes\n", state("tickets"),
		state("blank_cuts"), count("SELECT count(*) FROM tickets WHERE status = 'void'"),
		state("nv_writes"));
	printer_close(p);
	db_close(db);
	printf("%s\n", failures ? "FAILED" : "all checks passed");
	return failures ? 1 : 0;
}
