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
#include "motcua/base/syserr.h"
#include "motcua/base/utf8.h"
#include "motcua/base/xalloc.h"
#include "motcua/wire/wire_catalog.h"

static int run_init(struct cli *cli, int argc, char **argv);
const struct cli_command cmd_init = {
	"init", "[--demo]", "tạo cơ sở dữ liệu mới (--demo: kèm một bộ phận một cửa mẫu)",
	CLI_DB_NONE, run_init,
};

static int run_init(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = { { "demo", no_argument, NULL, 'd' }, { 0 } };
	bool demo = false;
	int c;
	while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		if (c != 'd') {
			return cli_bad_option(cli, &cmd_init, c, argv);
		}
		demo = true;
	}
	if (optind < argc) {
		return cli_usage(cli, &cmd_init, "thừa tham số \"%s\"", argv[optind]);
	}
	const char *path = db_default_path(cli->db_path);
	struct result r = { 0 };
	if (access(path, F_OK) == 0) {
		result_fail(&r, RESULT_ERR_STATE,
			"%s đã tồn tại: hãy chọn đường dẫn --db khác, hoặc chuyển tệp cũ đi nơi khác trước",
			path);
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
		ok = result_fail(&r, RESULT_ERR_IO, "không tạo được %s: %s", path,
			syserr_words(errno));
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
		printf("Đã tạo cơ sở dữ liệu %s%s\n", path, demo ? " với bộ phận một cửa mẫu" : "");
	}
	return CLI_EXIT_OK;
}

/*
 * One row of a text table: the cells (the list ends with NULL), each padded
 * to its width in characters (Vietnamese letters are several bytes, so
 * printf's %-6s would misalign them). A longer cell is printed whole, never
 * cut: a name cut in the middle of a syllable reads as another word.
 */
static void print_row(const char *const *cells, const int *widths)
{
	for (size_t i = 0; cells[i]; i++) {
		int pad = cells[i + 1] ? widths[i] - (int)utf8_length(cells[i]) : 0;
		printf("%s%s%*s", i ? " " : "", cells[i], pad > 0 ? pad : 0, "");
	}
	putchar('\n');
}

static int run_services(struct cli *cli, int argc, char **argv);
const struct cli_command cmd_services = {
	"services", "", "liệt kê các lĩnh vực", CLI_DB_OPEN, run_services,
};

static int run_services(struct cli *cli, int argc, char **argv)
{
	struct service *list;
	size_t n;
	struct result r = { 0 };
	if (argc > 1) {
		return cli_usage(cli, &cmd_services, "lệnh này không nhận tham số");
	}
	if (!service_list(cli->db, false, &list, &n, &r)) {
		return cli_fail(cli, &r);
	}
	if (cli->json) {
		wire_services_encode(cli->out, list, n);
		free(list);
		return CLI_EXIT_OK;
	}
	print_row((const char *[]){ "MÃ", "ĐANG BẬT", "DÃY SỐ", "GIỚI HẠN", "VỊ TRÍ",
		"TÊN", NULL }, (const int[]){ 6, 9, 13, 9, 7, 0 });
	for (size_t i = 0; i < n; i++) {
		const struct service *s = &list[i];
		char range[40], cap[16], pos[16];
		char name[SERVICE_NAME_MAX + SERVICE_GROUP_MAX + 8];
		snprintf(range, sizeof(range), "%s%d-%d", s->prefix, s->range_start, s->range_end);
		snprintf(cap, sizeof(cap), "%d", s->daily_cap);
		snprintf(pos, sizeof(pos), "%d", s->position);
		snprintf(name, sizeof(name), "%s%s%s%s", s->name, *s->group ? " [" : "",
			s->group, *s->group ? "]" : "");
		print_row((const char *[]){ s->code, s->active ? "có" : "không", range,
			s->daily_cap ? cap : "không", pos, name, NULL },
			(const int[]){ 6, 9, 13, 9, 7, 0 });
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
	while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (c) {
		case 'n':
			if (strlen(optarg) > SERVICE_NAME_MAX) {
				return cli_usage(cli, &cmd_service, "--name dài quá %d byte",
					SERVICE_NAME_MAX);
			}
			snprintf(s->name, sizeof(s->name), "%s", optarg);
			break;
		case 'p':
			if (strlen(optarg) >= sizeof(s->prefix)) {
				return cli_usage(cli, &cmd_service, "--prefix \"%s\" quá dài", optarg);
			}
			snprintf(s->prefix, sizeof(s->prefix), "%s", optarg);
			break;
		case 'r':
			if (!parse_range(optarg, &s->range_start, &s->range_end)) {
				return cli_usage(cli, &cmd_service,
					"--range \"%s\" sai: cần dạng SỐ_ĐẦU-SỐ_CUỐI, ví dụ 1001-1999", optarg);
			}
			break;
		case 'c':
			if (!cli_parse_int(optarg, 0, 100000, &s->daily_cap)) {
				return cli_usage(cli, &cmd_service, "--cap \"%s\" sai: cần số từ 0 đến 100000",
					optarg);
			}
			break;
		case 'o':
			if (!cli_parse_int(optarg, -1000000, 1000000, &s->position)) {
				return cli_usage(cli, &cmd_service, "--position \"%s\" không phải số", optarg);
			}
			break;
		case 'e':
			if (!cli_parse_int(optarg, 0, 7200, &s->est_service_s)) {
				return cli_usage(cli, &cmd_service,
					"--est-service \"%s\" sai: cần số giây từ 0 đến 7200", optarg);
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
			return cli_bad_option(cli, &cmd_service, c, argv);
		}
	}
	if (optind < argc) {
		return cli_usage(cli, &cmd_service, "thừa tham số \"%s\"", argv[optind]);
	}
	return CLI_EXIT_OK;
}

static int run_service(struct cli *cli, int argc, char **argv);
const struct cli_command cmd_service = {
	"service",
	"add CODE NAME|edit CODE|disable CODE|enable CODE [--name N] [--prefix P] "
	"[--range 1001-1999] [--cap N] [--position N] [--est-service S] [--group NAME]",
	"thêm, sửa, tắt hoặc bật một lĩnh vực", CLI_DB_OPEN, run_service,
};

static int run_service(struct cli *cli, int argc, char **argv)
{
	struct result r = { 0 };
	struct service s;
	if (argc < 3) {
		return cli_usage(cli, &cmd_service, "thiếu thao tác hoặc mã lĩnh vực");
	}
	const char *action = argv[1], *code = argv[2];
	bool add = strcmp(action, "add") == 0;
	if (add) {
		if (argc < 4) {
			return cli_usage(cli, &cmd_service, "add cần mã (CODE) và tên (NAME)");
		}
		service_init(&s);
		if (strlen(code) > SERVICE_CODE_MAX || strlen(argv[3]) > SERVICE_NAME_MAX) {
			return cli_usage(cli, &cmd_service, "mã hoặc tên quá dài");
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
		return cli_usage(cli, &cmd_service, "không có thao tác \"%s\"", action);
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
		printf("Lĩnh vực %s (%s): %s\n", s.code, s.name,
			add ? "đã thêm" : s.active ? "đã lưu" : "đã lưu, đang tắt");
	}
	return CLI_EXIT_OK;
}

static int run_counters(struct cli *cli, int argc, char **argv);
const struct cli_command cmd_counters = {
	"counters", "", "liệt kê các quầy", CLI_DB_OPEN, run_counters,
};

static int run_counters(struct cli *cli, int argc, char **argv)
{
	struct counter *list;
	size_t n;
	struct result r = { 0 };
	if (argc > 1) {
		return cli_usage(cli, &cmd_counters, "lệnh này không nhận tham số");
	}
	if (!counter_list(cli->db, &list, &n, &r)) {
		return cli_fail(cli, &r);
	}
	if (cli->json) {
		wire_counters_encode(cli->out, cli->db, list, n);
		free(list);
		return CLI_EXIT_OK;
	}
	print_row((const char *[]){ "SỐ", "TRẠNG THÁI", "LĨNH VỰC", "CÁN BỘ", "TÊN", NULL },
		(const int[]){ 4, 10, 14, 24, 0 });
	for (size_t i = 0; i < n; i++) {
		const struct counter *c = &list[i];
		char codes[256];
		counter_services_text(cli->db, c, false, ",", codes, sizeof(codes));
		char number[16], name[COUNTER_NAME_MAX + 160];
		snprintf(number, sizeof(number), "%d", c->number);
		snprintf(name, sizeof(name), "%s%s%s", c->name,
			c->state == COUNTER_PAUSED ? " — lý do tạm dừng: " : "",
			c->state == COUNTER_PAUSED ? c->pause_reason : "");
		print_row((const char *[]){ number, counter_state_words(c->state), codes,
			c->officer, name, NULL }, (const int[]){ 4, 10, 14, 24, 0 });
	}
	free(list);
	return CLI_EXIT_OK;
}

static int run_counter(struct cli *cli, int argc, char **argv);
const struct cli_command cmd_counter = {
	"counter",
	"add N NAME [CODES]|assign N CODES|pause N REASON|resume N|close N|rename N NAME|"
	"officer N NAME",
	"thêm hoặc thay đổi một quầy (CODES: các mã lĩnh vực, cách nhau bằng dấu phẩy)", CLI_DB_OPEN,
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
		return cli_usage(cli, &cmd_counter, "thiếu thao tác hoặc số quầy");
	}
	const char *action = argv[1];
	if (!cli_parse_int(argv[2], 1, 999, &number)) {
		return cli_usage(cli, &cmd_counter, "số quầy \"%s\" sai: cần số từ 1 đến 999",
			argv[2]);
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
		return cli_usage(cli, &cmd_counter, "không có thao tác \"%s\"", action);
	}
	if (argc < arity[a].min || argc > arity[a].max) {
		return cli_usage(cli, &cmd_counter, "số tham số không đúng cho %s", action);
	}
	const char *arg = argc > 3 ? argv[3] : NULL;
	char buf[512];
	const char *codes[COUNTER_MAX_SERVICES];
	bool ok;
	if (strcmp(action, "add") == 0) {
		struct counter c = { .number = number };
		if (strlen(arg) > COUNTER_NAME_MAX) {
			return cli_usage(cli, &cmd_counter, "tên quầy (NAME) dài quá %d byte",
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
		wire_counter_brief_encode(cli->out, &c);
	} else {
		char codes_text[256];
		counter_services_text(cli->db, &c, false, ", ", codes_text, sizeof(codes_text));
		printf("Quầy %d (%s): %s; lĩnh vực: %s\n", c.number, c.name, counter_state_words(c.state),
			*codes_text ? codes_text : "chưa có");
	}
	return CLI_EXIT_OK;
}

static int run_settings(struct cli *cli, int argc, char **argv);
const struct cli_command cmd_settings = {
	"settings", "", "liệt kê các cài đặt, giá trị và ý nghĩa", CLI_DB_OPEN, run_settings,
};

static void print_setting(void *ud, const char *key, const char *value, const char *def,
	const char *description)
{
	(void)ud;
	printf("%-17s = %s\n%17s   %s (mặc định: %s)\n", key, value, "", description,
		*def ? def : "để trống");
}

static int run_settings(struct cli *cli, int argc, char **argv)
{
	if (argc > 1) {
		return cli_usage(cli, &cmd_settings, "lệnh này không nhận tham số");
	}
	if (cli->json) {
		wire_settings_encode(cli->out, cli->db);
	} else {
		settings_each(cli->db, print_setting, cli);
	}
	return CLI_EXIT_OK;
}

static int run_set(struct cli *cli, int argc, char **argv);
const struct cli_command cmd_set = {
	"set", "KEY VALUE", "đổi một cài đặt (xem `motcua settings`)", CLI_DB_OPEN, run_set,
};

static int run_set(struct cli *cli, int argc, char **argv)
{
	struct result r = { 0 };
	if (argc != 3) {
		return cli_usage(cli, &cmd_set, "cần tên cài đặt (KEY) và giá trị (VALUE)");
	}
	if (strcmp(argv[1], "admin_pin_hash") == 0) {
		return cli_usage(cli, &cmd_set, "hãy đặt mã PIN quản trị bằng `motcua pin set`");
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
	"pin", "set|clear",
	"đặt (set) hoặc xóa (clear) mã PIN quản trị của máy lấy số: 4-12 chữ số, đọc từ đầu vào chuẩn",
	CLI_DB_OPEN, run_pin,
};

/* Reads one line from stdin without echo when it is a terminal. */
static bool read_pin(char *out, size_t size)
{
	struct termios old, quiet;
	bool tty = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &old) == 0;
	if (tty) {
		fprintf(stderr, "Mã PIN: ");
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
		return cli_usage(cli, &cmd_pin, "cần set hoặc clear");
	}
	bool set = strcmp(argv[1], "set") == 0;
	bool ok;
	if (set) {
		char pin[64];
		if (!read_pin(pin, sizeof(pin))) {
			return cli_usage(cli, &cmd_pin, "không có mã PIN ở đầu vào chuẩn");
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
		printf(set ? "Đã đặt mã PIN quản trị.\n" : "Đã xóa mã PIN quản trị: màn hình quản "
			"trị của máy lấy số bị khóa cho đến khi đặt mã PIN mới.\n");
	}
	return CLI_EXIT_OK;
}
