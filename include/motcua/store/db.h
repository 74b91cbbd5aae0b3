#pragma once
#include "motcua/store/layer.h"
/*
 * The one SQLite file every motcua process shares.
 *
 * Opening applies the pragmas that keep it safe across processes and power
 * cuts (WAL, a 60 s wait for the write lock, foreign keys, synchronous=FULL, defensive mode)
 * and migrates an older schema once, inside an exclusive transaction; a file
 * from a newer motcua is refused. Every write goes through db_begin() (BEGIN
 * IMMEDIATE) and db_commit(), which rolls back if the commit failed.
 */
#include <stdbool.h>
#include <stdint.h>
#include <sqlite3.h>
#include "motcua/base/result.h"

struct db;

enum db_mode { DB_READWRITE, DB_CREATE, DB_READONLY };

/*
 * Opens (DB_CREATE: creates if missing) and migrates. DB_READONLY never
 * writes, not even a migration: an older file is refused. (The desk's time
 * zone is the caller's: settings_use_zone.)
 */
struct db *db_open(const char *path, enum db_mode mode, struct result *r);
void db_close(struct db *db);  /* NULL-safe */

/* The path from --db, else $MOTCUA_DB, else the default (see db.c). Not owned. */
const char *db_default_path(const char *cli_path);

sqlite3 *db_handle(struct db *db);
bool db_readonly(const struct db *db);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK. db_commit rolls back on failure. */
bool db_begin(struct db *db, struct result *r);
bool db_commit(struct db *db, struct result *r);
void db_rollback(struct db *db);

/*
 * Returns a cached prepared statement for sql (reset, bindings cleared).
 * The statement belongs to db; do not finalize it. NULL on error (logged).
 */
sqlite3_stmt *db_prepare(struct db *db, const char *sql);

/*
 * Steps st (a statement from db_prepare, or NULL when preparing failed) to
 * completion and resets it; false with r filled if it failed.
 */
bool db_step_done(struct db *db, sqlite3_stmt *st, struct result *r, const char *doing);

/* Fills r from the connection's last error, prefixed by what was being done. */
bool db_fail(struct db *db, struct result *r, const char *doing);

/* Runs a statement with no result rows and no parameters. */
bool db_exec(struct db *db, const char *sql, struct result *r);

/*
 * Cheap change detection for readers: PRAGMA data_version changes when any
 * other connection commits. Costs one in-memory pragma, no file read.
 */
int64_t db_data_version(struct db *db);

/* Online backup to dest_path (SQLite backup API). */
bool db_backup(struct db *db, const char *dest_path, struct result *r);
/* PRAGMA integrity_check + foreign_key_check + queue invariants; problems go in r. */
bool db_check(struct db *db, struct result *r);

/* For tests of migrations: create a file at an older schema version. */
bool db_create_at_version(const char *path, int version, struct result *r);
