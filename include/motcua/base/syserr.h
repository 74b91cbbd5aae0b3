#pragma once
#include "motcua/base/layer.h"
/*
 * A system error (errno) in Vietnamese words, for messages a person reads:
 * "không có quyền truy cập" rather than strerror's "Permission denied".
 * The common causes of a desk PC (files, folders, disks, serial ports,
 * network printers) have their own words; any other code falls back to
 * strerror(), so nothing is ever hidden.
 */

/* Words for err (never NULL); a static string, or strerror's buffer for the rest. */
const char *syserr_words(int err);
