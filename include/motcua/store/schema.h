#pragma once
#include "motcua/store/layer.h"
/*
 * The database schema as a list of migrations: migration v takes a file
 * from PRAGMA user_version v to v+1. db_open applies them (db.h).
 */
#include <stddef.h>

/* The schema version this build writes (PRAGMA user_version). */
#define DB_SCHEMA_VERSION 8

/* The SQL that takes user_version from_version to from_version+1; NULL if none. */
const char *schema_migration(int from_version);

/*
 * The indexes, views and tables the queue's rules and hot queries rely on,
 * which `motcua check` verifies exist: name i (0..count-1) and its type
 * ("index", "view", "table"). NULL past the end.
 */
size_t schema_required_count(void);
const char *schema_required_name(size_t i, const char **type);
