#pragma once
/*
 * The `motcua` command line: global options, then a command and its own
 * arguments. Each command lives in its own cmd_*.c file and is listed in the
 * table in main.c. A command prints a human-readable result, or with --json
 * fills the JSON object main prints (one object per run).
 */
#include <stdbool.h>
#include <cjson/cJSON.h>
#include "motcua/desk/desk.h"
#include "motcua/store/db.h"
#include "motcua/base/result.h"

/* Exit codes (documented in README). */
enum cli_exit {
	CLI_EXIT_OK = 0,
	CLI_EXIT_ERROR = 1,      /* database or I/O error */
	CLI_EXIT_USAGE = 2,      /* bad arguments or invalid input */
	CLI_EXIT_EMPTY = 3,      /* call: nobody is waiting */
	CLI_EXIT_NOTFOUND = 4,   /* no such service, counter or ticket */
	CLI_EXIT_REFUSED = 5,    /* refused in the current state (cap, paused, clock, ...) */
	CLI_EXIT_PRINTER = 6,    /* the printer cannot print */
};

struct cli {
	const char *db_path;
	struct desk_options desk_opt;
	bool json;
	struct db *db;        /* opened by main before run() when the command needs it */
	struct desk *desk;    /* CLI_DB_DESK: the file (db is its file) or the LAN server (db NULL) */
	cJSON *out;           /* with --json: the object to fill; printed by main */
};

/*
 * What a command needs: nothing, the file (the server PC only), or the
 * desk (the file, or with --server the LAN server: the queue commands).
 */
enum cli_db_need { CLI_DB_NONE, CLI_DB_OPEN, CLI_DB_CREATE, CLI_DB_DESK };

struct cli_command {
	const char *name;
	const char *args;       /* usage after the name, e.g. "SERVICE [--priority]" */
	const char *summary;    /* one line for --help */
	enum cli_db_need db;
	/* argv[0] is the command name; getopt state is reset before the call. */
	int (*run)(struct cli *cli, int argc, char **argv);
};

/* Maps a core result to an exit code and reports it (stderr, or JSON error). */
int cli_fail(struct cli *cli, const struct result *r);
/* Reports a usage error for cmd and returns CLI_EXIT_USAGE. */
int cli_usage(struct cli *cli, const struct cli_command *cmd, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Reports getopt_long's '?' or ':' (c) for the option just read, as a usage error. */
int cli_bad_option(struct cli *cli, const struct cli_command *cmd, int c, char **argv);
/* Reads a PIN, one line from stdin, without echo when it is a terminal. */
bool cli_read_pin(char *out, size_t size);
/* Parses a strict decimal int argument within [min, max] (text_parse_long); false on junk. */
bool cli_parse_int(const char *s, int min, int max, int *out);
