#include <time.h>
#include "history.h"
#include "motcua/base/clock.h"

int history_next_working_day(int day)
{
	for (;;) {
		day = clock_day_add(day, 1);
		struct tm tm;
		clock_local_tm(clock_day_start_ms(day) + 12 * 3600 * 1000LL, &tm);
		if (tm.tm_wday != 0 && tm.tm_wday != 6) {
			return day;
		}
	}
}
