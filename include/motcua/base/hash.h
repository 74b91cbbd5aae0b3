#pragma once
#include "motcua/base/layer.h"
/*
 * FNV-1a, 64 bit: a cheap fingerprint for "did this change?" (NV images,
 * boot identity). Not for secrets or adversarial input.
 */
#include <stddef.h>
#include <stdint.h>

#define HASH_FNV_INIT 1469598103934665603ULL

/* Folds len bytes into h (start with HASH_FNV_INIT). */
uint64_t hash_bytes(uint64_t h, const void *data, size_t len);
/* Folds a string and its terminating NUL (so "ab","c" differs from "a","bc"). */
uint64_t hash_str(uint64_t h, const char *s);
