#pragma once
/*
 * The server's connections to its SQLite file: one per request being
 * handled at once (worker threads take one and give it back), so reads run
 * in parallel under WAL. The server's own writes take turns on a mutex
 * before BEGIN IMMEDIATE, so they queue in order instead of meeting in
 * SQLite's busy handler, which sleeps in growing steps; other processes
 * (the technician's `motcua`) still meet them there.
 */
#include <stdbool.h>
#include "motcua/store/db.h"

struct dbpool;

/* Opens the first connection (which migrates an older file); NULL with r filled. */
struct dbpool *dbpool_create(const char *path, struct result *r);
void dbpool_destroy(struct dbpool *pool);  /* NULL-safe; every connection given back */

/* A connection for this thread until dbpool_release; NULL with r filled. */
struct db *dbpool_acquire(struct dbpool *pool, struct result *r);
void dbpool_release(struct dbpool *pool, struct db *db);

/* Around every write of the server's own. */
void dbpool_write_begin(struct dbpool *pool);
void dbpool_write_end(struct dbpool *pool);
