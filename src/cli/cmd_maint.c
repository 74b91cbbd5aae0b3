/* Maintenance: backup and check. */
#define LOG_MODULE "cli"
#include <stdio.h>
#include <string.h>
#include "cli.h"
#include "motcua/base/clock.h"
#include "motcua/print/printer_store.h"
#include "motcua/store/day.h"
#include "motcua/store/devices.h"
#include "motcua/store/queue.h"

static int run_backup(struct cli *cli, int argc, char **argv);
const struct cli_command cmd_backup = {
	"backup", "DEST", "copy the live database safely (SQLite online backup)", CLI_DB_OPEN,
	run_backup,
};

static int run_backup(struct cli *cli, int argc, char **argv)
{
	struct result r = { 0 };
	if (argc != 2 || !*argv[1]) {
		return cli_usage(cli, &cmd_backup, "needs one DEST path");
	}
	if (!db_backup(cli->db, argv[1], &r)) {
		return cli_fail(cli, &r);
	}
	if (cli->json) {
		cJSON_AddStringToObject(cli->out, "backup", argv[1]);
	} else {
		printf("Backed up to %s\n", argv[1]);
	}
	return CLI_EXIT_OK;
}

static int run_check(struct cli *cli, int argc, char **argv);
const struct cli_command cmd_check = {
	"check", "", "check the database's integrity and the queue's invariants", CLI_DB_OPEN,
	run_check,
};

static int run_check(struct cli *cli, int argc, char **argv)
{
	struct result r = { 0 };
	if (argc != 1) {
		return cli_usage(cli, &cmd_check, "no arguments expected");
	}
	if (!db_check(cli->db, &r)) {
		return cli_fail(cli, &r);
	}
	if (cli->json) {
		cJSON_AddStringToObject(cli->out, "check", "ok");
	} else {
		printf("OK: integrity, foreign keys, numbering and counters are consistent.\n");
	}
	return CLI_EXIT_OK;
}

static int run_day(struct cli *cli, int argc, char **argv);
const struct cli_command cmd_day = {
	"day", "[reset]",
	"show the business day and the clock; reset: take the clock's day after a clock error",
	CLI_DB_OPEN, run_day,
};

static void format_day(int day, char out[static 11])
{
	if (day) {
		clock_format_date(clock_day_start_ms(day) + 43200000, out);
	} else {
		snprintf(out, 11, "-");
	}
}

static int run_day(struct cli *cli, int argc, char **argv)
{
	struct result r = { 0 };
	char a[11], b[11];
	if (argc > 2 || (argc == 2 && strcmp(argv[1], "reset") != 0)) {
		return cli_usage(cli, &cmd_day, "the only action is reset");
	}
	if (argc == 2) {
		struct day_reset_report rep;
		if (!day_reset(cli->db, &rep, &r)) {
			return cli_fail(cli, &r);
		}
		format_day(rep.from, a);
		format_day(rep.to, b);
		if (cli->json) {
			cJSON_AddNumberToObject(cli->out, "from", rep.from);
			cJSON_AddNumberToObject(cli->out, "to", rep.to);
			cJSON_AddNumberToObject(cli->out, "restored", rep.restored);
			cJSON_AddNumberToObject(cli->out, "expired", rep.expired);
		} else {
			printf("Business day reset from %s to %s: %d ticket(s) of %s put back in line "
				"after a wrong clock; %d open ticket(s) of other days expired.\n", a, b,
				rep.restored, b, rep.expired);
		}
		return CLI_EXIT_OK;
	}
	struct day_view v;
	if (!day_view_read(cli->db, &v, &r)) {
		return cli_fail(cli, &r);
	}
	format_day(v.day, a);
	format_day(v.clock_day, b);
	if (cli->json) {
		cJSON_AddNumberToObject(cli->out, "business_day", v.day);
		cJSON_AddNumberToObject(cli->out, "clock_day", v.clock_day);
		cJSON_AddBoolToObject(cli->out, "held", v.held);
	} else if (v.held) {
		printf("Business day %s, clock day %s: the clock is %lld min ahead of the time "
			"measured since the last write, so the day is kept until that time has passed. "
			"Fix the clock; if the clock is right, run `motcua day reset`.\n", a, b,
			(long long)(v.ahead_ms / 60000));
	} else {
		printf("Business day %s, clock day %s%s\n", a, b, v.day > v.clock_day
			? " (the clock is behind: fix the clock, or `motcua day reset` if the clock is right)"
			: "");
	}
	return CLI_EXIT_OK;
}

static int run_device(struct cli *cli, int argc, char **argv);
const struct cli_command cmd_device = {
	"device", "forget NAME", "remove a printer or keypad no longer used from `motcua status`",
	CLI_DB_OPEN, run_device,
};

static int run_device(struct cli *cli, int argc, char **argv)
{
	struct result r = { 0 };
	if (argc != 3 || strcmp(argv[1], "forget") != 0) {
		return cli_usage(cli, &cmd_device, "needs forget NAME");
	}
	/* A printer's NV record and unfinished job go with it. */
	bool had_state = false;
	if (!printer_store_forget(cli->db, argv[2], &had_state, &r)) {
		return cli_fail(cli, &r);
	}
	if (!devices_forget(cli->db, argv[2], &r) && !(had_state && r.code == RESULT_ERR_NOTFOUND)) {
		return cli_fail(cli, &r);
	}
	if (cli->json) {
		cJSON_AddStringToObject(cli->out, "forgotten", argv[2]);
	} else {
		printf("Forgot %s\n", argv[2]);
	}
	return CLI_EXIT_OK;
}
