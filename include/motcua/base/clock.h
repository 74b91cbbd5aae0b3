#pragma once
#include "motcua/base/layer.h"
/*
 * Time for the queue. Wall time (UTC, ms since the epoch) is what is stored;
 * the local business day is derived from it in the configured zone; durations
 * use CLOCK_BOOTTIME when both ends were taken in the same boot.
 *
 * Tests inject a wall clock with clock_set_fake() or, for child processes,
 * $MOTCUA_FAKE_NOW (seconds since the epoch, optional fraction; read once).
 */
#include <stdbool.h>
#include <stdint.h>

struct clock_stamp {
	int64_t wall_ms;  /* UTC, ms since the epoch */
	int64_t mono_ms;  /* CLOCK_BOOTTIME, ms */
	int64_t boot;     /* identifies this boot (from the kernel's boot_id) */
};

int64_t clock_now_ms(void);
struct clock_stamp clock_stamp_now(void);
/* 0 disables the fake clock. */
void clock_set_fake(int64_t wall_ms);
/*
 * For tests of a stepped clock: stamps carry this monotonic time and boot
 * identity (boot 0 disables it: a faked wall clock then has no boot, so
 * elapsed time cannot be confirmed).
 */
void clock_set_fake_boot(int64_t mono_ms, int64_t boot);
/* Monotonic ms (CLOCK_MONOTONIC) for timeouts and loops; never faked. */
int64_t clock_mono_ms(void);

/* Milliseconds from a to b: monotonic when same boot, wall otherwise; never negative. */
int64_t clock_between_ms(const struct clock_stamp *a, const struct clock_stamp *b);

/*
 * Selects the zone used by the local-time functions below (an IANA name such
 * as "Asia/Ho_Chi_Minh") for the whole process, through TZ: call it from
 * main before any thread starts (setenv is not thread-safe). Fails for a
 * zone that is neither installed nor known.
 */
bool clock_set_zone(const char *zone);
/* True when clock_set_zone(zone) would succeed; changes nothing. */
bool clock_zone_known(const char *zone);
/* The local day of wall_ms as yyyymmdd (e.g. 20261126). */
int clock_local_day(int64_t wall_ms);
/* Broken-down local time of wall_ms. */
struct tm;
void clock_local_tm(int64_t wall_ms, struct tm *out);
/* UTC ms of local midnight starting day yyyymmdd. */
int64_t clock_day_start_ms(int day);
/* yyyymmdd shifted by delta days. */
int clock_day_add(int day, int delta);
/* The weekday of day yyyymmdd, as struct tm's tm_wday (0 = Sunday). */
int clock_day_weekday(int day);
/* A weekday (tm_wday) in Vietnamese: "Chủ nhật", "Thứ Hai", ... "Thứ Bảy"; "" if out of range. */
const char *clock_weekday_vi(int wday);
/* "dd/mm/yyyy" and "HH:MM" in local time; buffers of at least 11 and 6 bytes. */
void clock_format_date(int64_t wall_ms, char out[static 11]);
void clock_format_time(int64_t wall_ms, char out[static 6]);
/*
 * Parses "yyyy-mm-dd", "dd/mm/yyyy" or "today"/"yesterday" into yyyymmdd.
 * Strict: digits and separators only (no spaces, no signs).
 */
bool clock_parse_day(const char *s, int *day);
/* Parses "yyyy-mm" (strict, as above) into its first and last day, yyyymmdd. */
bool clock_parse_month(const char *s, int *first_day, int *last_day);
