#pragma once
#include "motcua/store/layer.h"
/*
 * The database schema as a list of migrations: migration v takes a file
 * from PRAGMA user_version v to v+1. db_open applies them (db.h).
 */

/* The schema version this build writes (PRAGMA user_version). */
#define DB_SCHEMA_VERSION 4

/* The SQL that takes user_version from_version to from_version+1; NULL if none. */
const char *schema_migration(int from_version);
