/*
 * Wall time, the local business day, and durations.
 *
 * The zone is applied through TZ/tzset because every motcua process uses one
 * zone (from the database's settings). Vietnam has no DST, but nothing here
 * assumes it. If the tz database is missing (a stripped-down install), the
 * default zone still works through its POSIX rule.
 */
#define LOG_MODULE "clock"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "motcua/base/clock.h"
#include "motcua/base/hash.h"
#include "motcua/base/log.h"

static int64_t fake_ms;
static int64_t fake_mono_ms, fake_boot;  /* fake_boot 0: no fake monotonic clock */
static bool fake_env_read;

static void read_fake_env(void)
{
	if (fake_env_read) {
		return;
	}
	fake_env_read = true;
	const char *env = getenv("MOTCUA_FAKE_NOW");
	if (env && *env) {
		char *end;
		double s = strtod(env, &end);
		if (*end == '\0' && s > 0) {
			fake_ms = (int64_t)(s * 1000.0);
		} else {
			LOG_WARN("ignoring malformed MOTCUA_FAKE_NOW=%s", env);
		}
	}
}

void clock_set_fake(int64_t wall_ms)
{
	fake_env_read = true;
	fake_ms = wall_ms;
}

void clock_set_fake_boot(int64_t mono_ms, int64_t boot)
{
	fake_mono_ms = mono_ms;
	fake_boot = boot;
}

static int64_t read_clock(clockid_t id)
{
	struct timespec ts;
	clock_gettime(id, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int64_t clock_now_ms(void)
{
	read_fake_env();
	return fake_ms ? fake_ms : read_clock(CLOCK_REALTIME);
}

int64_t clock_mono_ms(void)
{
	return read_clock(CLOCK_MONOTONIC);
}

static int64_t boot_identity(void)
{
	static int64_t boot = -1;
	if (boot >= 0) {
		return boot;
	}
	boot = 0;
	FILE *f = fopen("/proc/sys/kernel/random/boot_id", "r");
	if (f) {
		char buf[64] = "";
		if (fgets(buf, sizeof(buf), f)) {
			buf[strcspn(buf, "\n")] = '\0';
			uint64_t h = hash_bytes(HASH_FNV_INIT, buf, strlen(buf));
			boot = (int64_t)(h >> 2) + 1;  /* positive, never 0 */
		}
		fclose(f);
	}
	return boot;
}

struct clock_stamp clock_stamp_now(void)
{
	struct clock_stamp s;
	s.wall_ms = clock_now_ms();
	if (fake_boot) {
		s.mono_ms = fake_mono_ms;
		s.boot = fake_boot;
	} else if (fake_ms) {
		/* A faked wall clock has no matching monotonic clock. */
		s.mono_ms = s.wall_ms;
		s.boot = 0;
	} else {
		s.mono_ms = read_clock(CLOCK_BOOTTIME);
		s.boot = boot_identity();
	}
	return s;
}

int64_t clock_between_ms(const struct clock_stamp *a, const struct clock_stamp *b)
{
	int64_t d;
	if (a->boot != 0 && a->boot == b->boot) {
		d = b->mono_ms - a->mono_ms;
	} else {
		d = b->wall_ms - a->wall_ms;
	}
	return d > 0 ? d : 0;
}

static bool zone_name_ok(const char *zone)
{
	if (!*zone || strstr(zone, "..") || zone[0] == '/') {
		return false;
	}
	for (const char *p = zone; *p; p++) {
		if (!isalnum((unsigned char)*p) && !strchr("/_+-", *p)) {
			return false;
		}
	}
	return true;
}

/* The TZ value for zone: its name when the tz database has it, else a POSIX
 * rule for the zones motcua must work without it; NULL when unknown. */
static const char *tz_value(const char *zone)
{
	if (!zone || !zone_name_ok(zone)) {
		return NULL;
	}
	char path[512];
	snprintf(path, sizeof(path), "/usr/share/zoneinfo/%s", zone);
	if (access(path, R_OK) == 0) {
		return zone;
	}
	if (strcmp(zone, "Asia/Ho_Chi_Minh") == 0 || strcmp(zone, "Asia/Saigon") == 0) {
		return "<+07>-7";
	}
	return strcmp(zone, "UTC") == 0 ? "UTC0" : NULL;
}

bool clock_zone_known(const char *zone)
{
	return tz_value(zone) != NULL;
}

bool clock_set_zone(const char *zone)
{
	const char *tz = tz_value(zone);
	if (!tz) {
		return false;
	}
	setenv("TZ", tz, 1);
	tzset();
	return true;
}

void clock_local_tm(int64_t wall_ms, struct tm *out)
{
	time_t t = (time_t)(wall_ms / 1000);
	localtime_r(&t, out);
}

int clock_local_day(int64_t wall_ms)
{
	struct tm tm;
	clock_local_tm(wall_ms, &tm);
	return (tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday;
}

int64_t clock_day_start_ms(int day)
{
	struct tm tm = {
		.tm_year = day / 10000 - 1900,
		.tm_mon = day / 100 % 100 - 1,
		.tm_mday = day % 100,
		.tm_isdst = -1,
	};
	return (int64_t)mktime(&tm) * 1000;
}

int clock_day_add(int day, int delta)
{
	/* Noon avoids any DST edge moving us across a day boundary. */
	struct tm tm = {
		.tm_year = day / 10000 - 1900,
		.tm_mon = day / 100 % 100 - 1,
		.tm_mday = day % 100 + delta,
		.tm_hour = 12,
		.tm_isdst = -1,
	};
	mktime(&tm);
	return (tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday;
}

int clock_day_weekday(int day)
{
	struct tm tm = {
		.tm_year = day / 10000 - 1900,
		.tm_mon = day / 100 % 100 - 1,
		.tm_mday = day % 100,
		.tm_hour = 12,
		.tm_isdst = -1,
	};
	mktime(&tm);
	return tm.tm_wday;
}

const char *clock_weekday_vi(int wday)
{
	/* The glossary's capitals: "Thứ Hai" like a name, "Chủ nhật" as one word. */
	static const char *const names[] = { "Chủ nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư",
		"Thứ Năm", "Thứ Sáu", "Thứ Bảy" };
	return wday >= 0 && wday < 7 ? names[wday] : "";
}

void clock_format_date(int64_t wall_ms, char out[static 11])
{
	struct tm tm;
	clock_local_tm(wall_ms, &tm);
	snprintf(out, 11, "%02u/%02u/%04u", (unsigned)tm.tm_mday % 100u,
		(unsigned)(tm.tm_mon + 1) % 100u, (unsigned)(tm.tm_year + 1900) % 10000u);
}

void clock_format_time(int64_t wall_ms, char out[static 6])
{
	struct tm tm;
	clock_local_tm(wall_ms, &tm);
	snprintf(out, 6, "%02u:%02u", (unsigned)tm.tm_hour % 100u, (unsigned)tm.tm_min % 100u);
}

static bool valid_date(int y, int m, int d)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (y < 2000 || y > 9999 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1]) {
		return false;
	}
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return !(m == 2 && d == 29 && !leap);
}

/* Reads min_n to max_n decimal digits at *p (nothing else) and advances. */
static bool read_digits(const char **p, int min_n, int max_n, int *out)
{
	int v = 0, n = 0;
	while (n < max_n && **p >= '0' && **p <= '9') {
		v = v * 10 + (*(*p)++ - '0');
		n++;
	}
	*out = v;
	return n >= min_n && !(**p >= '0' && **p <= '9');
}

/* Reads "yyyy-mm" or "yyyy-mm-dd" (want_day) strictly: digits and '-' only. */
static bool read_iso(const char *s, bool want_day, int *y, int *m, int *d)
{
	*d = 1;
	return read_digits(&s, 4, 4, y) && *s++ == '-' && read_digits(&s, 1, 2, m)
		&& (!want_day || (*s++ == '-' && read_digits(&s, 1, 2, d))) && *s == '\0';
}

bool clock_parse_day(const char *s, int *day)
{
	int y, m, d;
	if (strcmp(s, "today") == 0) {
		*day = clock_local_day(clock_now_ms());
		return true;
	}
	if (strcmp(s, "yesterday") == 0) {
		*day = clock_day_add(clock_local_day(clock_now_ms()), -1);
		return true;
	}
	const char *p = s;
	bool dmy = read_digits(&p, 1, 2, &d) && *p++ == '/' && read_digits(&p, 1, 2, &m)
		&& *p++ == '/' && read_digits(&p, 4, 4, &y) && *p == '\0';
	if (!dmy && !read_iso(s, true, &y, &m, &d)) {
		return false;
	}
	if (!valid_date(y, m, d)) {
		return false;
	}
	*day = y * 10000 + m * 100 + d;
	return true;
}

bool clock_parse_month(const char *s, int *first_day, int *last_day)
{
	int y, m, d;
	if (!read_iso(s, false, &y, &m, &d) || !valid_date(y, m, 1)) {
		return false;
	}
	*first_day = y * 10000 + m * 100 + 1;
	*last_day = clock_day_add(m == 12 ? (y + 1) * 10000 + 101 : y * 10000 + (m + 1) * 100 + 1,
		-1);
	return true;
}
