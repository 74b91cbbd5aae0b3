#pragma once
/* Internal to the core: the SQL that takes user_version v to v+1. */
#include "motcua/store/db.h"

const char *schema_migration(int from_version);
