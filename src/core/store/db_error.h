#pragma once
/*
 * Internal to the store: storage failures in words a technician can act on.
 * SQLite's own texts ("attempt to write a readonly database", "disk I/O
 * error") say neither which file nor what to do; this looks at the error
 * code, the system's errno and the files themselves (the database, its
 * folder, its -wal and -shm files, the free space) and says which of these
 * went wrong: read-only folder, read-only file, read-only disk, -wal/-shm
 * files owned by someone else, no permission to read, disk full, I/O error,
 * damaged file, not a database. The result code stays RESULT_ERR_DB (JSON
 * "database"); the message is Vietnamese, for people.
 */
#include <stdbool.h>
#include "motcua/base/result.h"

/*
 * Fills r for a failure with SQLite result code `code` (extended codes
 * welcome; 0 when unknown) and system errno `sys_errno` (0 when unknown)
 * while `doing` something to the database file `path`. Returns false.
 */
bool db_error_explain(const char *path, int code, int sys_errno, const char *doing,
	struct result *r);
