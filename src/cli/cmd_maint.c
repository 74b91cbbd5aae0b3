/* Maintenance: backup and check. */
#define LOG_MODULE "cli"
#include <stdio.h>
#include "cli.h"

static int run_backup(struct cli *cli, int argc, char **argv);
const struct cli_command cmd_backup = {
	"backup", "DEST", "copy the live database safely (SQLite online backup)", CLI_DB_OPEN,
	run_backup,
};

static int run_backup(struct cli *cli, int argc, char **argv)
{
	struct result r = { 0 };
	if (argc != 2) {
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
