#pragma once
/*
 * Helpers for the core's cmocka tests: each test gets a fresh database file
 * in its own temporary directory (removed afterwards), optionally with the
 * demo desk, and a fake clock set to a known local time.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include "motcua/store/db.h"
#include "motcua/store/queue.h"

struct fixture {
	char dir[256];
	char path[300];
	struct db *db;
};

/* 2026-11-26 09:00 in Asia/Ho_Chi_Minh (02:00 UTC). */
#define T0_MS INT64_C(1795658400000)
#define MINUTE_MS INT64_C(60000)

int fixture_setup_demo(void **state);
int fixture_setup_empty(void **state);
int fixture_teardown(void **state);
/* Opens a second connection to the same file (as another process would). */
struct db *fixture_reopen(struct fixture *f);
/* Runs `sql` and returns the first column of the first row as an integer. */
int64_t fixture_query_int(struct db *db, const char *sql);
/* Runs sql on the file at path through its own raw connection; fails the test on error. */
void fixture_exec_file(const char *path, const char *sql);
/* Issues a ticket (at at_ms on the fake clock; 0 = leave the clock); fails the test on error. */
struct ticket fixture_issue_at(struct db *db, const char *code, bool priority, int64_t at_ms);
/* Calls the next citizen to the counter; fails the test on error. */
struct ticket fixture_call(struct db *db, int counter);
