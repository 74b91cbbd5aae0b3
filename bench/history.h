#pragma once
/* What history-gen and history-bench share: the desk's calendar. */

/* The next working day (Monday to Friday) after yyyymmdd, in the desk's zone. */
int history_next_working_day(int day);
