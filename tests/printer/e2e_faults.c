/*
 * End-to-end printing with faults: the kiosk flow (ticket_issue_and_print)
 * against motcua-printer-sim over a serial link, through libserialport
 * (run inside tests/serial/pty-as-uart.sh). One printer object is kept for
 * the whole run, so recovery without restarting anything is tested too.
 *
 * After every step the database is checked: a failed print leaves no
 * waiting ticket behind, and at the end every non-void ticket has exactly
 * one PNG from the simulator. Every call must return within a deadline.
 *
 * usage: e2e_faults DB SIM_OUT_DIR CONTROL_FIFO SPEC
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "motcua/base/clock.h"
#include "motcua/store/db.h"
#include "motcua/base/log.h"
#include "motcua/print/printer.h"
#include "motcua/print/printjob.h"

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
static struct ticket last_printed;

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

/* Tries to issue; checks the outcome, the time taken and the database. */
static void attempt(struct printer *p, const char *what, bool expect_ok, const char *expect_status,
	long expect_void_delta)
{
	long tickets_before = count("SELECT count(*) FROM tickets");
	long void_before = count("SELECT count(*) FROM tickets WHERE status = 'void'");
	long pngs_before = state("tickets");
	struct ticket t;
	struct result r = {0};
	int64_t t0 = clock_mono_ms();
	bool ok = ticket_issue_and_print(db, p, "HT", false, &t, &r);
	int64_t took = clock_mono_ms() - t0;
	printf("# %s: %s (%lld ms)%s%s\n", what, ok ? "printed" : "refused", (long long)took,
		ok ? "" : " — ", ok ? "" : r.msg);
	CHECK(ok == expect_ok, "%s: expected %s", what, expect_ok ? "success" : "failure");
	CHECK(took < 12000, "%s: took %lld ms", what, (long long)took);
	CHECK(ok || r.code == RESULT_ERR_PRINTER, "%s: code %d", what, r.code);
	if (!ok) {
		printf("#   kiosk would show: %s\n", printer_status_text_vi(printer_last_status(p)));
	}
	long issued = count("SELECT count(*) FROM tickets") - tickets_before;
	long voided = count("SELECT count(*) FROM tickets WHERE status = 'void'") - void_before;
	if (ok) {
		last_printed = t;
		CHECK(issued == 1 && voided == 0, "%s: issued %ld voided %ld", what, issued, voided);
		/* The PNG is written when the cut is processed, before the confirming status reply. */
		CHECK(state("tickets") == pngs_before + 1, "%s: simulator printed %ld", what,
			state("tickets") - pngs_before);
	} else {
		CHECK(issued == expect_void_delta && voided == expect_void_delta,
			"%s: issued %ld, voided %ld, expected %ld", what, issued, voided, expect_void_delta);
		CHECK(state("tickets") == pngs_before, "%s: a ticket was printed", what);
	}
	CHECK(strcmp(printer_row(printer_spec(p)), expect_status) == 0, "%s: devices status %s, expected %s",
		what, device_status, expect_status);
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
	struct result r = {0};
	db = db_open(argv[1], DB_READWRITE, &r);
	if (db == NULL) {
		printf("FAIL: %s\n", r.msg);
		return 1;
	}
	struct printer *p = printer_open(argv[4], &r);
	if (p == NULL) {
		printf("FAIL: printer_open: %s\n", r.msg);
		return 1;
	}

	attempt(p, "first ticket (NV store)", true, "ok", 0);
	long nv = state("nv_writes");
	CHECK(nv > 0, "no NV images were stored");
	long bytes0 = state("bytes");
	attempt(p, "second ticket", true, "ok", 0);
	long per_ticket = state("bytes") - bytes0;
	printf("# bytes on the wire for a ticket after the first: %ld\n", per_ticket);
	CHECK(per_ticket <= 1200, "%ld bytes per ticket", per_ticket);
	CHECK(state("nv_writes") == nv, "NV written again without a change");

	control("baud 9600", "baud", 9600);
	attempt(p, "slow line (9600 baud pacing)", true, "ok", 0);
	control("baud 0", "baud", 0);

	control("paper out", "paper_out", 1);
	attempt(p, "paper out before the job", false, "paper_out", 0);
	CHECK(strcmp(printer_status_text_vi(printer_last_status(p)), "Hết giấy") == 0, "%s",
		printer_status_text_vi(printer_last_status(p)));
	control("paper ok", "paper_out", 0);
	attempt(p, "paper back", true, "ok", 0);

	control("near-end on", "near_end", 1);
	attempt(p, "paper near end", true, "near_end", 0);
	control("near-end off", "near_end", 0);

	control("cover open", "cover_open", 1);
	attempt(p, "cover open", false, "cover_open", 0);
	control("cover closed", "cover_open", 0);

	control("paper after 10", "paper_left", 10);
	attempt(p, "paper runs out during the job", false, "paper_out", 1);
	control("paper ok", "paper_out", 0);
	attempt(p, "paper replaced", true, "ok", 0);

	control("error on", "error", 1);
	attempt(p, "printer error", false, "error", 0);
	control("error off", "error", 0);

	control("silent on", "silent", 1);
	attempt(p, "no answer", false, "no_answer", 0);
	control("silent off", "silent", 0);
	attempt(p, "answers again", true, "ok", 0);

	/* Status check passes (12 bytes), then the cable is pulled inside the job. */
	control("unplug after 30", "unplug_after", 30);
	attempt(p, "unplugged mid-job", false, "no_answer", 1);
	control("plug", "unplugged", 0);
	attempt(p, "plugged back", true, "ok", 0);

	control("unplug", "unplugged", 1);
	attempt(p, "unplugged before the job", false, "no_answer", 0);
	/* A stalled line fails once nothing moves for `timeout`, not after the whole budget. */
	size_t big = 400 * 1024;
	uint8_t *zeros = calloc(1, big);
	int64_t t0 = clock_mono_ms();
	CHECK(!printer_write(p, zeros, big, &r), "400 KB went into an unplugged printer");
	printf("# stalled line: failed after %lld ms: %s\n", (long long)(clock_mono_ms() - t0), r.msg);
	CHECK(clock_mono_ms() - t0 < 5000, "a stalled line took %lld ms", (long long)(clock_mono_ms() - t0));
	free(zeros);
	control("plug", "unplugged", 0);
	attempt(p, "plugged back again", true, "ok", 0);

	/* The invariant: every number handed out (not void) has its paper. */
	long live = count("SELECT count(*) FROM tickets WHERE status <> 'void'");
	CHECK(live == state("tickets"), "%ld live tickets but %ld printed", live, state("tickets"));

	/* Reprint (kiosk admin): prints the same ticket again, issues nothing. */
	long before = state("tickets");
	CHECK(ticket_print(db, p, &last_printed, &r), "reprint: %s", r.msg);
	CHECK(state("tickets") == before + 1, "reprint printed nothing");
	CHECK(count("SELECT count(*) FROM tickets WHERE status <> 'void'") == live, "reprint issued");
	printf("# %ld tickets printed, %ld void, %ld NV writes\n", state("tickets"),
		count("SELECT count(*) FROM tickets WHERE status = 'void'"), state("nv_writes"));
	printer_close(p);
	db_close(db);
	printf("%s\n", failures ? "FAILED" : "all checks passed");
	return failures ? 1 : 0;
}
