/* Setup commands: init, services, service, counters, counter, settings, set, pin. */
#define LOG_MODULE "cli"
#include <errno.h>
#include <getopt.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include "cli.h"
#include "motcua/store/counters.h"
#include "motcua/store/demo.h"
#include "motcua/store/pin.h"
#include "motcua/store/services.h"
#include "motcua/store/settings.h"
#include "motcua/base/utf8.h"
#include "motcua/base/xalloc.h"

static int run_init(struct cli *cli, int argc, char **argv);
const struct cli_command cmd_init = {
	"init", "[--demo]", "create a new database (with --demo: a demo commune desk)",
	CLI_DB_NONE, run_init,
};

static int run_init(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = { { "demo", no_argument, NULL, 'd' }, { 0 } };
	bool demo = false;
	int c;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c != 'd') {
			return cli_usage(cli, &cmd_init, "unknown option");
		}
		demo = true;
	}
	if (optind < argc) {
		return cli_usage(cli, &cmd_init, "unexpected argument \"%s\"", argv[optind]);
	}
	const char *path = db_default_path(cli->db_path);
	struct result r = { 0 };
	if (access(path, F_OK) == 0) {
		result_fail(&r, RESULT_ERR_STATE,
			"%s already exists; choose another --db path or move it away first", path);
		return cli_fail(cli, &r);
	}
	/* Build it under a temporary name so a failure leaves nothing half-made. */
	char *tmp = xasprintf("%s.init-%d", path, (int)getpid());
	struct db *db = db_open(tmp, DB_CREATE, &r);
	/* Checkpoint often, and fully before the rename: the -wal file keeps the
	 * temporary name, so whatever it still held would be lost by the rename
	 * (on a nearly full disk the checkpoint at close can fail silently). */
	bool ok = db && db_exec(db, "PRAGMA wal_autocheckpoint = 16", &r)
		&& (!demo || demo_load(db, &r))
		&& db_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", &r);
	db_close(db);
	if (ok && rename(tmp, path) != 0) {
		ok = result_fail(&r, RESULT_ERR_IO, "cannot create %s: %s", path, strerror(errno));
	}
	if (!ok) {
		unlink(tmp);
		char *side = xasprintf("%s-wal", tmp);
		unlink(side);
		free(side);
		side = xasprintf("%s-shm", tmp);
		unlink(side);
		free(side);
		free(tmp);
		return cli_fail(cli, &r);
	}
	free(tmp);
	if (cli->json) {
		cJSON_AddStringToObject(cli->out, "db", path);
		cJSON_AddBoolToObject(cli->out, "demo", demo);
	} else {
		printf("Created %s%s\n", path, demo ? " with the demo desk" : "");
	}
	return CLI_EXIT_OK;
}

static int run_services(struct cli *cli, int argc, char **argv);
const struct cli_command cmd_services = {
	"services", "", "list services (lĩnh vực)", CLI_DB_OPEN, run_services,
};

static int run_services(struct cli *cli, int argc, char **argv)
{
	struct service *list;
	size_t n;
	struct result r = { 0 };
	if (argc > 1) {
		return cli_usage(cli, &cmd_services, "no arguments expected");
	}
	if (!service_list(cli->db, false, &list, &n, &r)) {
		return cli_fail(cli, &r);
	}
	cJSON *arr = cli->json ? cJSON_AddArrayToObject(cli->out, "services") : NULL;
	if (!cli->json) {
		printf("%-6s %-8s %-13s %-6s %-7s %s\n", "CODE", "ACTIVE", "NUMBERS", "CAP", "ORDER",
			"NAME");
	}
	for (size_t i = 0; i < n; i++) {
		const struct service *s = &list[i];
		if (arr) {
			cJSON *o = cJSON_CreateObject();
			cJSON_AddStringToObject(o, "code", s->code);
			cJSON_AddStringToObject(o, "name", s->name);
			cJSON_AddStringToObject(o, "prefix", s->prefix);
			cJSON_AddNumberToObject(o, "range_start", s->range_start);
			cJSON_AddNumberToObject(o, "range_end", s->range_end);
			cJSON_AddNumberToObject(o, "daily_cap", s->daily_cap);
			cJSON_AddBoolToObject(o, "active", s->active);
			cJSON_AddNumberToObject(o, "position", s->position);
			cJSON_AddNumberToObject(o, "est_service_s", s->est_service_s);
			cJSON_AddStringToObject(o, "group", s->group);
			cJSON_AddItemToArray(arr, o);
		} else {
			char range[40];
			snprintf(range, sizeof(range), "%s%d-%d", s->prefix, s->range_start, s->range_end);
			printf("%-6s %-8s %-13s %-6d %-7d %s%s%s%s\n", s->code, s->active ? "yes" : "no",
				range, s->daily_cap, s->position, s->name, *s->group ? " [" : "", s->group,
				*s->group ? "]" : "");
		}
	}
	free(list);
	return CLI_EXIT_OK;
}

extern const struct cli_command cmd_service;

/* "FIRST-LAST", each strict decimal (cli_parse_int). */
static bool parse_range(const char *text, int *first, int *last)
{
	char buf[32];
	const char *dash = strchr(text, '-');
	if (!dash || (size_t)(dash - text) >= sizeof(buf)) {
		return false;
	}
	memcpy(buf, text, (size_t)(dash - text));
	buf[dash - text] = '\0';
	return cli_parse_int(buf, 0, 999999, first) && cli_parse_int(dash + 1, 0, 999999, last);
}

/*
 * Applies --name/--prefix/--range/--cap/--position/--est-service/--group to s.
 * argv[0] is the last positional argument; everything after it must be options.
 */
static int parse_service_options(struct cli *cli, int argc, char **argv, struct service *s)
{
	optind = 0;
	static const struct option opts[] = {
		{ "name", required_argument, NULL, 'n' },
		{ "prefix", required_argument, NULL, 'p' },
		{ "range", required_argument, NULL, 'r' },
		{ "cap", required_argument, NULL, 'c' },
		{ "position", required_argument, NULL, 'o' },
		{ "est-service", required_argument, NULL, 'e' },
		{ "group", required_argument, NULL, 'g' },
		{ 0 },
	};
	int c;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'n':
			if (strlen(optarg) > SERVICE_NAME_MAX) {
				return cli_usage(cli, &cmd_service, "--name is longer than %d bytes",
					SERVICE_NAME_MAX);
			}
			snprintf(s->name, sizeof(s->name), "%s", optarg);
			break;
		case 'p':
			if (strlen(optarg) >= sizeof(s->prefix)) {
				return cli_usage(cli, &cmd_service, "--prefix \"%s\" is too long", optarg);
			}
			snprintf(s->prefix, sizeof(s->prefix), "%s", optarg);
			break;
		case 'r':
			if (!parse_range(optarg, &s->range_start, &s->range_end)) {
				return cli_usage(cli, &cmd_service,
					"--range \"%s\" is not FIRST-LAST, e.g. 1001-1999", optarg);
			}
			break;
		case 'c':
			if (!cli_parse_int(optarg, 0, 100000, &s->daily_cap)) {
				return cli_usage(cli, &cmd_service, "--cap \"%s\" is not 0-100000", optarg);
			}
			break;
		case 'o':
			if (!cli_parse_int(optarg, -1000000, 1000000, &s->position)) {
				return cli_usage(cli, &cmd_service, "--position \"%s\" is not a number",
					optarg);
			}
			break;
		case 'e':
			if (!cli_parse_int(optarg, 0, 7200, &s->est_service_s)) {
				return cli_usage(cli, &cmd_service,
					"--est-service \"%s\" is not 0-7200 seconds", optarg);
			}
			break;
		case 'g':
			if (strlen(optarg) > SERVICE_GROUP_MAX) {
				return cli_usage(cli, &cmd_service, "--group: tên nhóm dài quá %d byte",
					SERVICE_GROUP_MAX);
			}
			snprintf(s->group, sizeof(s->group), "%s", optarg);
			break;
		default:
			return cli_usage(cli, &cmd_service, "unknown option");
		}
	}
	if (optind < argc) {
		return cli_usage(cli, &cmd_service, "unexpected argument \"%s\"", argv[optind]);
	}
	return CLI_EXIT_OK;
}

static int run_service(struct cli *cli, int argc, char **argv);
const struct cli_command cmd_service = {
	"service",
	"add CODE NAME|edit CODE|disable CODE|enable CODE [--name N] [--prefix P] "
	"[--range 1001-1999] [--cap N] [--position N] [--est-service S] [--group NAME]",
	"add or change a service", CLI_DB_OPEN, run_service,
};

static int run_service(struct cli *cli, int argc, char **argv)
{
	struct result r = { 0 };
	struct service s;
	if (argc < 3) {
		return cli_usage(cli, &cmd_service, "missing action or code");
	}
	const char *action = argv[1], *code = argv[2];
	bool add = strcmp(action, "add") == 0;
	if (add) {
		if (argc < 4) {
			return cli_usage(cli, &cmd_service, "add needs CODE and NAME");
		}
		service_init(&s);
		if (strlen(code) > SERVICE_CODE_MAX || strlen(argv[3]) > SERVICE_NAME_MAX) {
			return cli_usage(cli, &cmd_service, "code or name too long");
		}
		snprintf(s.code, sizeof(s.code), "%s", code);
		snprintf(s.name, sizeof(s.name), "%s", argv[3]);
	} else if (strcmp(action, "edit") == 0 || strcmp(action, "disable") == 0
			|| strcmp(action, "enable") == 0) {
		if (!service_find(cli->db, code, &s, &r)) {
			return cli_fail(cli, &r);
		}
		s.active = strcmp(action, "disable") == 0 ? false
			: strcmp(action, "enable") == 0 ? true : s.active;
	} else {
		return cli_usage(cli, &cmd_service, "unknown action \"%s\"", action);
	}
	int skip = add ? 3 : 2;  /* options follow NAME (add) or CODE */
	int code_rc = parse_service_options(cli, argc - skip, argv + skip, &s);
	if (code_rc != CLI_EXIT_OK) {
		return code_rc;
	}
	if (!(add ? service_add(cli->db, &s, &r) : service_update(cli->db, &s, &r))) {
		return cli_fail(cli, &r);
	}
	if (cli->json) {
		cJSON_AddStringToObject(cli->out, "code", s.code);
		cJSON_AddStringToObject(cli->out, "name", s.name);
		cJSON_AddBoolToObject(cli->out, "active", s.active);
		cJSON_AddStringToObject(cli->out, "group", s.group);
	} else {
		printf("Service %s (%s): %s\n", s.code, s.name,
			add ? "added" : s.active ? "saved" : "saved, disabled");
	}
	return CLI_EXIT_OK;
}

static int run_counters(struct cli *cli, int argc, char **argv);
const struct cli_command cmd_counters = {
	"counters", "", "list counters (quầy)", CLI_DB_OPEN, run_counters,
};

static int run_counters(struct cli *cli, int argc, char **argv)
{
	struct counter *list;
	size_t n;
	struct result r = { 0 };
	if (argc > 1) {
		return cli_usage(cli, &cmd_counters, "no arguments expected");
	}
	if (!counter_list(cli->db, &list, &n, &r)) {
		return cli_fail(cli, &r);
	}
	cJSON *arr = cli->json ? cJSON_AddArrayToObject(cli->out, "counters") : NULL;
	if (!cli->json) {
		printf("%-4s %-7s %-14s %-24s %s\n", "NO", "STATE", "SERVICES", "OFFICER", "NAME");
	}
	for (size_t i = 0; i < n; i++) {
		const struct counter *c = &list[i];
		char codes[256];
		counter_services_text(cli->db, c, false, ",", codes, sizeof(codes));
		if (arr) {
			cJSON *o = cJSON_CreateObject();
			cJSON_AddNumberToObject(o, "number", c->number);
			cJSON_AddStringToObject(o, "name", c->name);
			cJSON_AddStringToObject(o, "state", counter_state_name(c->state));
			cJSON_AddStringToObject(o, "pause_reason", c->pause_reason);
			cJSON_AddStringToObject(o, "officer", c->officer);
			cJSON *sv = cJSON_AddArrayToObject(o, "services");
			for (char *tok = strtok(codes, ","); tok; tok = strtok(NULL, ",")) {
				cJSON_AddItemToArray(sv, cJSON_CreateString(tok));
			}
			cJSON_AddItemToArray(arr, o);
		} else {
			char state[160];
			snprintf(state, sizeof(state), "%s", counter_state_name(c->state));
			printf("%-4d %-7s %-14s ", c->number, state, codes);
			utf8_fput_padded(stdout, c->officer, 24, false);
			printf(" %s%s%s\n", c->name, c->state == COUNTER_PAUSED ? " — paused: " : "",
				c->state == COUNTER_PAUSED ? c->pause_reason : "");
		}
	}
	free(list);
	return CLI_EXIT_OK;
}

static int run_counter(struct cli *cli, int argc, char **argv);
const struct cli_command cmd_counter = {
	"counter",
	"add N NAME [CODES]|assign N CODES|pause N REASON|resume N|close N|rename N NAME|"
	"officer N NAME",
	"add or change a counter (CODES: comma-separated service codes)", CLI_DB_OPEN,
	run_counter,
};

/* Splits "HT,CT" into codes (pointers into buf). */
static size_t split_codes(char *buf, const char **codes, size_t max)
{
	size_t n = 0;
	for (char *tok = strtok(buf, ", "); tok && n < max; tok = strtok(NULL, ", ")) {
		codes[n++] = tok;
	}
	return n;
}

static int run_counter(struct cli *cli, int argc, char **argv)
{
	struct result r = { 0 };
	int number;
	if (argc < 3) {
		return cli_usage(cli, &cmd_counter, "missing action or counter number");
	}
	const char *action = argv[1];
	if (!cli_parse_int(argv[2], 1, 999, &number)) {
		return cli_usage(cli, &cmd_counter, "counter number \"%s\" is not 1-999", argv[2]);
	}
	static const struct { const char *action; int min, max; } arity[] = {
		{ "add", 4, 5 }, { "assign", 4, 4 }, { "pause", 4, 4 }, { "resume", 3, 3 },
		{ "close", 3, 3 }, { "rename", 4, 4 }, { "officer", 4, 4 },
	};
	size_t a = 0;
	while (a < sizeof(arity) / sizeof(arity[0]) && strcmp(arity[a].action, action) != 0) {
		a++;
	}
	if (a == sizeof(arity) / sizeof(arity[0])) {
		return cli_usage(cli, &cmd_counter, "unknown action \"%s\"", action);
	}
	if (argc < arity[a].min || argc > arity[a].max) {
		return cli_usage(cli, &cmd_counter, "wrong number of arguments for %s", action);
	}
	const char *arg = argc > 3 ? argv[3] : NULL;
	char buf[512];
	const char *codes[COUNTER_MAX_SERVICES];
	bool ok;
	if (strcmp(action, "add") == 0) {
		struct counter c = { .number = number };
		if (strlen(arg) > COUNTER_NAME_MAX) {
			return cli_usage(cli, &cmd_counter, "NAME is longer than %d bytes",
				COUNTER_NAME_MAX);
		}
		snprintf(c.name, sizeof(c.name), "%s", arg);
		/* Check the codes first: bad input must not leave a half-made counter. */
		size_t n_codes = 0;
		if (argc > 4) {
			snprintf(buf, sizeof(buf), "%s", argv[4]);
			n_codes = split_codes(buf, codes, COUNTER_MAX_SERVICES);
			for (size_t i = 0; i < n_codes; i++) {
				struct service s;
				if (!service_find(cli->db, codes[i], &s, &r)) {
					return cli_fail(cli, &r);
				}
			}
		}
		ok = counter_add(cli->db, &c, &r);
		if (ok && n_codes) {
			ok = counter_assign(cli->db, number, codes, n_codes, &r);
		}
	} else if (strcmp(action, "assign") == 0) {
		snprintf(buf, sizeof(buf), "%s", arg);
		ok = counter_assign(cli->db, number, codes,
			split_codes(buf, codes, COUNTER_MAX_SERVICES), &r);
	} else if (strcmp(action, "pause") == 0) {
		ok = counter_pause(cli->db, number, arg, &r);
	} else if (strcmp(action, "resume") == 0) {
		ok = counter_resume(cli->db, number, &r);
	} else if (strcmp(action, "close") == 0) {
		ok = counter_close(cli->db, number, &r);
	} else if (strcmp(action, "rename") == 0) {
		ok = counter_rename(cli->db, number, arg, &r);
	} else {
		ok = counter_set_officer(cli->db, number, arg, &r);
	}
	if (!ok) {
		return cli_fail(cli, &r);
	}
	struct counter c;
	if (!counter_find(cli->db, number, &c, &r)) {
		return cli_fail(cli, &r);
	}
	if (cli->json) {
		cJSON_AddNumberToObject(cli->out, "counter", c.number);
		cJSON_AddStringToObject(cli->out, "name", c.name);
		cJSON_AddStringToObject(cli->out, "state", counter_state_name(c.state));
	} else {
		printf("Counter %d (%s): %s\n", c.number, c.name, counter_state_name(c.state));
	}
	return CLI_EXIT_OK;
}

static int run_settings(struct cli *cli, int argc, char **argv);
const struct cli_command cmd_settings = {
	"settings", "", "list settings with their values and meaning", CLI_DB_OPEN, run_settings,
};

static void print_setting(void *ud, const char *key, const char *value, const char *def,
	const char *description)
{
	struct cli *cli = ud;
	if (cli->json) {
		cJSON *obj = cJSON_GetObjectItem(cli->out, "settings");
		cJSON_AddStringToObject(obj, key, value);
	} else {
		printf("%-17s = %s\n%17s   %s (default: %s)\n", key, value, "", description,
			*def ? def : "empty");
	}
}

static int run_settings(struct cli *cli, int argc, char **argv)
{
	if (argc > 1) {
		return cli_usage(cli, &cmd_settings, "no arguments expected");
	}
	if (cli->json) {
		cJSON_AddObjectToObject(cli->out, "settings");
	}
	settings_each(cli->db, print_setting, cli);
	return CLI_EXIT_OK;
}

static int run_set(struct cli *cli, int argc, char **argv);
const struct cli_command cmd_set = {
	"set", "KEY VALUE", "change a setting (see `motcua settings`)", CLI_DB_OPEN, run_set,
};

static int run_set(struct cli *cli, int argc, char **argv)
{
	struct result r = { 0 };
	if (argc != 3) {
		return cli_usage(cli, &cmd_set, "needs KEY and VALUE");
	}
	if (strcmp(argv[1], "admin_pin_hash") == 0) {
		return cli_usage(cli, &cmd_set, "use `motcua pin set` for the admin PIN");
	}
	if (!settings_set(cli->db, argv[1], argv[2], &r)) {
		return cli_fail(cli, &r);
	}
	if (cli->json) {
		cJSON_AddStringToObject(cli->out, "key", argv[1]);
		cJSON_AddStringToObject(cli->out, "value", argv[2]);
	} else {
		printf("%s = %s\n", argv[1], argv[2]);
	}
	return CLI_EXIT_OK;
}

static int run_pin(struct cli *cli, int argc, char **argv);
const struct cli_command cmd_pin = {
	"pin", "set|clear", "set the kiosk admin PIN (4-12 digits, read from standard input)",
	CLI_DB_OPEN, run_pin,
};

/* Reads one line from stdin without echo when it is a terminal. */
static bool read_pin(char *out, size_t size)
{
	struct termios old, quiet;
	bool tty = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &old) == 0;
	if (tty) {
		fprintf(stderr, "PIN: ");
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	}
	bool ok = fgets(out, (int)size, stdin) != NULL;
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
		fputc('\n', stderr);
	}
	out[strcspn(out, "\r\n")] = '\0';
	return ok;
}

static int run_pin(struct cli *cli, int argc, char **argv)
{
	struct result r = { 0 };
	if (argc != 2 || (strcmp(argv[1], "set") != 0 && strcmp(argv[1], "clear") != 0)) {
		return cli_usage(cli, &cmd_pin, "needs set or clear");
	}
	bool set = strcmp(argv[1], "set") == 0;
	bool ok;
	if (set) {
		char pin[64];
		if (!read_pin(pin, sizeof(pin))) {
			return cli_usage(cli, &cmd_pin, "no PIN on standard input");
		}
		ok = pin_set(cli->db, pin, &r);
		sodium_memzero(pin, sizeof(pin));
	} else {
		ok = pin_clear(cli->db, &r);
	}
	if (!ok) {
		return cli_fail(cli, &r);
	}
	if (!cli->json) {
		printf(set ? "Admin PIN set.\n" : "Admin PIN cleared: the kiosk admin screen is "
			"locked until a PIN is set.\n");
	}
	return CLI_EXIT_OK;
}
