/*
 * Multi-process stress for the shared queue.
 *
 *   stress run DB ISSUERS CALLERS TICKETS_PER_ISSUER
 *       forks issuers (spread over the demo services) and callers (counters
 *       1-4) on one database file; when all is issued and called, checks
 *       that every ticket was claimed exactly once and that numbers are
 *       unique and gapless per service and day. Exit 0 only if all holds.
 *   stress issue-loop DB SERVICE
 *       issues tickets until killed (the crash test kills it with -9).
 *   stress issue-then-die DB SERVICE REQUEST_ID
 *       issues one ticket with a request id and kills itself with SIGKILL
 *       right after the commit, before printing anything: a client that
 *       crashed between the commit and its answer.
 *   stress issue-ids DB SERVICE PREFIX N
 *       issues with request ids PREFIX-1 .. PREFIX-N in order and prints
 *       "request-id number ticket-id" for each (two of these at once must
 *       print the same lines and leave N tickets).
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "motcua/store/demo.h"
#include "motcua/base/log.h"
#include "motcua/store/queue.h"

static const char *const services[] = { "HT", "CT", "DD", "LD", "KH" };

static struct db *open_db(const char *path)
{
	struct result r = { 0 };
	struct db *db = db_open(path, DB_READWRITE, &r);
	if (!db) {
		fprintf(stderr, "stress: %s\n", r.msg);
		exit(2);
	}
	return db;
}

static int issuer(const char *path, int index, int count)
{
	struct db *db = open_db(path);
	for (int i = 0; i < count; i++) {
		struct ticket t;
		struct result r = { 0 };
		const char *code = services[(index + i) % 5];
		if (!queue_issue(db, NULL, code, i % 7 == 0, &t, &r)) {
			fprintf(stderr, "issuer %d: %s\n", index, r.msg);
			return 1;
		}
	}
	db_close(db);
	return 0;
}

/* Calls until the issuers are done (flag file gone) and nothing waits. */
static int caller(const char *path, int counter, const char *running_flag)
{
	struct db *db = open_db(path);
	int empty_after_done = 0;
	while (empty_after_done < 3) {
		struct ticket t;
		struct result r = { 0 };
		bool done = access(running_flag, F_OK) != 0;
		if (queue_call_next(db, NULL, counter, NULL, &t, &r)) {
			empty_after_done = 0;
			continue;
		}
		if (r.code != RESULT_ERR_EMPTY) {
			fprintf(stderr, "caller %d: %s\n", counter, r.msg);
			return 1;
		}
		if (done) {
			empty_after_done++;
		}
		usleep(2000);
	}
	struct ticket t;
	queue_finish(db, NULL, counter, &t, NULL);
	db_close(db);
	return 0;
}

static int64_t q(struct db *db, const char *sql)
{
	sqlite3_stmt *st;
	int64_t v = -1;
	if (sqlite3_prepare_v2(db_handle(db), sql, -1, &st, NULL) == SQLITE_OK
			&& sqlite3_step(st) == SQLITE_ROW) {
		v = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	return v;
}

static int verify(const char *path, int64_t expected)
{
	struct db *db = open_db(path);
	struct result r = { 0 };
	int bad = 0;
	int64_t tickets = q(db, "SELECT count(*) FROM tickets");
	int64_t calls = q(db, "SELECT count(*) FROM events WHERE kind = 'call'");
	int64_t called_twice = q(db, "SELECT count(*) FROM (SELECT ticket_id FROM events"
		" WHERE kind = 'call' GROUP BY ticket_id HAVING count(*) > 1)");
	int64_t dup_numbers = q(db, "SELECT count(*) FROM (SELECT 1 FROM tickets"
		" GROUP BY service_id, day, number HAVING count(*) > 1)");
	int64_t gaps = q(db, "SELECT count(*) FROM (SELECT service_id FROM tickets"
		" GROUP BY service_id, day HAVING max(seq) <> count(*) OR min(seq) <> 1)");
	int64_t not_done = q(db, "SELECT count(*) FROM tickets WHERE status <> 'done'");
	printf("tickets %lld (expected %lld), calls %lld, called twice %lld, duplicate numbers "
		"%lld, gaps %lld, not done %lld\n", (long long)tickets, (long long)expected,
		(long long)calls, (long long)called_twice, (long long)dup_numbers, (long long)gaps,
		(long long)not_done);
	bad += tickets != expected;
	bad += calls != expected;
	bad += called_twice != 0;
	bad += dup_numbers != 0;
	bad += gaps != 0;
	bad += not_done != 0;
	if (!db_check(db, &r)) {
		printf("check: %s\n", r.msg);
		bad++;
	}
	db_close(db);
	return bad ? 1 : 0;
}

static int run(const char *path, int issuers, int callers, int per_issuer)
{
	struct result r = { 0 };
	unlink(path);
	struct db *db = db_open(path, DB_CREATE, &r);
	if (!db || !demo_load(db, &r)) {
		fprintf(stderr, "stress: %s\n", r.msg);
		return 2;
	}
	db_close(db);
	char flag[512];
	snprintf(flag, sizeof(flag), "%s.running", path);
	FILE *f = fopen(flag, "w");
	if (!f) {
		return 2;
	}
	fclose(f);
	pid_t pids[64];
	int n = 0;
	for (int i = 0; i < callers && n < 64; i++) {
		if ((pids[n++] = fork()) == 0) {
			_exit(caller(path, 1 + i % 4, flag));
		}
	}
	pid_t issuer_pids[32];
	for (int i = 0; i < issuers && i < 32; i++) {
		if ((issuer_pids[i] = fork()) == 0) {
			_exit(issuer(path, i, per_issuer));
		}
	}
	int failures = 0, status;
	for (int i = 0; i < issuers && i < 32; i++) {
		waitpid(issuer_pids[i], &status, 0);
		failures += !WIFEXITED(status) || WEXITSTATUS(status) != 0;
	}
	unlink(flag);
	for (int i = 0; i < n; i++) {
		waitpid(pids[i], &status, 0);
		failures += !WIFEXITED(status) || WEXITSTATUS(status) != 0;
	}
	if (failures) {
		printf("%d worker process(es) failed\n", failures);
		return 1;
	}
	return verify(path, (int64_t)issuers * per_issuer);
}

static int issue_loop(const char *path, const char *code)
{
	struct db *db = open_db(path);
	for (;;) {
		struct ticket t;
		struct result r = { 0 };
		if (!queue_issue(db, NULL, code, false, &t, &r)) {
			fprintf(stderr, "issue-loop: %s\n", r.msg);
			return 1;
		}
		/* Tell the test how far we got: the last committed number. */
		printf("%s\n", t.number);
		fflush(stdout);
	}
}

static int issue_then_die(const char *path, const char *code, const char *request_id)
{
	struct db *db = open_db(path);
	struct ticket t;
	struct result r = { 0 };
	if (!queue_issue(db, request_id, code, false, &t, &r)) {
		fprintf(stderr, "issue-then-die: %s\n", r.msg);
		return 1;
	}
	raise(SIGKILL);
	return 1;
}

static int issue_ids(const char *path, const char *code, const char *prefix, int n)
{
	struct db *db = open_db(path);
	for (int i = 1; i <= n; i++) {
		char id[64];
		struct ticket t;
		struct result r = { 0 };
		snprintf(id, sizeof(id), "%s-%d", prefix, i);
		if (!queue_issue(db, id, code, false, &t, &r)) {
			fprintf(stderr, "issue-ids: %s\n", r.msg);
			return 1;
		}
		printf("%s %s %lld\n", id, t.number, (long long)t.id);
	}
	db_close(db);
	return 0;
}

int main(int argc, char **argv)
{
	log_init("stress", LOG_LEVEL_WARN);
	if (argc == 6 && strcmp(argv[1], "run") == 0) {
		return run(argv[2], atoi(argv[3]), atoi(argv[4]), atoi(argv[5]));
	}
	if (argc == 4 && strcmp(argv[1], "issue-loop") == 0) {
		return issue_loop(argv[2], argv[3]);
	}
	if (argc == 5 && strcmp(argv[1], "issue-then-die") == 0) {
		return issue_then_die(argv[2], argv[3], argv[4]);
	}
	if (argc == 6 && strcmp(argv[1], "issue-ids") == 0) {
		return issue_ids(argv[2], argv[3], argv[4], atoi(argv[5]));
	}
	fprintf(stderr, "usage: stress run DB ISSUERS CALLERS PER_ISSUER | issue-loop DB SERVICE"
		" | issue-then-die DB SERVICE REQUEST_ID | issue-ids DB SERVICE PREFIX N\n");
	return 2;
}
