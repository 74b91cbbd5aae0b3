#pragma once
/*
 * What every fuzz harness in tests/fuzz defines: libFuzzer's entry point.
 * The same harness links either with libFuzzer (-Dfuzz=true, clang) or with
 * driver.c, which feeds it each file of its seed corpus as a unit test.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * A property the code under test must keep, whatever the input: abort (a
 * crash libFuzzer records, a failed unit test) naming the broken property.
 * Unlike assert(), never compiled out.
 */
#define FUZZ_CHECK(cond) \
	do { \
		if (!(cond)) { \
			fprintf(stderr, "%s:%d: property failed: %s\n", __FILE__, __LINE__, #cond); \
			abort(); \
		} \
	} while (0)
