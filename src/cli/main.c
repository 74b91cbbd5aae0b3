/*
 * motcua: the admin and scripting command line.
 *
 *   motcua [--db PATH] [--json] COMMAND [ARGS...]
 *
 * main() parses the global options, finds the command in the table below,
 * opens the database as the command needs, runs it and prints the JSON
 * object it filled (with --json). Start reading at main().
 */
#define LOG_MODULE "cli"
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "motcua-config.h"
#include "motcua/base/log.h"
#include "motcua/base/syserr.h"
#include "motcua/base/text.h"
#include "motcua/store/settings.h"
#include "motcua/store/queue.h"
#include "motcua/wire/wire_result.h"

extern const struct cli_command cmd_init, cmd_services, cmd_service, cmd_counters,
	cmd_counter, cmd_settings, cmd_set, cmd_pin, cmd_issue, cmd_call, cmd_recall,
	cmd_skip, cmd_requeue, cmd_transfer, cmd_finish, cmd_cancel, cmd_status,
	cmd_report, cmd_backup, cmd_check, cmd_day, cmd_device, cmd_print_test, cmd_printer_status, cmd_announce;
extern const struct cli_command cmd_token, cmd_rate, cmd_officer;

static const struct cli_command *const commands[] = {
	&cmd_init, &cmd_services, &cmd_service, &cmd_counters, &cmd_counter, &cmd_settings,
	&cmd_set, &cmd_pin, &cmd_issue, &cmd_call, &cmd_recall, &cmd_skip, &cmd_requeue,
	&cmd_transfer, &cmd_finish, &cmd_cancel, &cmd_status, &cmd_report, &cmd_backup,
	&cmd_check, &cmd_day, &cmd_device, &cmd_print_test, &cmd_printer_status, &cmd_announce,
	&cmd_rate, &cmd_token, &cmd_officer,
};

static void usage(FILE *f)
{
	fprintf(f,
		"Cách dùng: motcua [--db PATH | --server URL --token MÃ] [--json] COMMAND [ARGS...]\n"
		"Cấp và gọi số thứ tự cho bộ phận một cửa.\n\n"
		"Tùy chọn chung (đặt trước lệnh):\n"
		"  --db PATH    tệp cơ sở dữ liệu (mặc định: $MOTCUA_DB, nếu không có thì\n"
		"               /var/lib/motcua/motcua.db)\n"
		DESK_USAGE
		"               qua --server có các lệnh: status, issue, call, recall, skip, finish,\n"
		"               requeue, transfer; lệnh khác chạy trên máy chủ với --db\n"
		"  --json       in ra một đối tượng JSON thay cho chữ\n"
		"  --help       hướng dẫn này;  --version  phiên bản\n\n"
		"Trong cách viết lệnh: SERVICE, CODE là mã lĩnh vực (ví dụ HT); COUNTER, N là số\n"
		"quầy; NUMBER là số thứ tự (ví dụ 1005); PRINTER là chuỗi máy in (ví dụ\n"
		"'serial:/dev/motcua-printer?baud=38400&flow=rtscts'); D là ngày yyyy-mm-dd.\n\n"
		"Các lệnh:\n");
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		fprintf(f, "  %s%s%s\n      %s\n", commands[i]->name, *commands[i]->args ? " " : "",
			commands[i]->args, commands[i]->summary);
	}
	fprintf(f, "\nMã thoát: 0 thành công, 1 lỗi cơ sở dữ liệu hoặc đọc/ghi, 2 sai cách dùng hoặc "
		"dữ liệu\nkhông hợp lệ, 3 không có ai đang chờ (call), 4 không tìm thấy, 5 bị từ chối "
		"ở trạng\nthái hiện tại, 6 máy in không in được.\n");
}

int cli_fail(struct cli *cli, const struct result *r)
{
	int code;
	switch (r->code) {
	case RESULT_OK: return CLI_EXIT_OK;
	case RESULT_ERR_INVALID: code = CLI_EXIT_USAGE; break;
	case RESULT_ERR_NOTFOUND: code = CLI_EXIT_NOTFOUND; break;
	case RESULT_ERR_EMPTY: code = CLI_EXIT_EMPTY; break;
	case RESULT_ERR_STATE:
	case RESULT_ERR_CAP:
	case RESULT_ERR_CLOCK: code = CLI_EXIT_REFUSED; break;
	case RESULT_ERR_PRINTER: code = CLI_EXIT_PRINTER; break;
	default: code = CLI_EXIT_ERROR; break;
	}
	if (cli->json) {
		wire_result_error(cli->out, r);
	}
	/* An empty queue is an answer, not an error: say it calmly on stderr. */
	fprintf(stderr, "motcua: %s\n", r->msg);
	return code;
}

int cli_usage(struct cli *cli, const struct cli_command *cmd, const char *fmt, ...)
{
	char msg[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	struct result r;
	result_fail(&r, RESULT_ERR_INVALID, "%s: %s (cách dùng: motcua %s %s)", cmd->name, msg,
		cmd->name, cmd->args);
	return cli_fail(cli, &r);
}

int cli_bad_option(struct cli *cli, const struct cli_command *cmd, int c, char **argv)
{
	char msg[160];
	text_option_error(c, argv, msg, sizeof(msg));
	return cli_usage(cli, cmd, "%s", msg);
}

bool cli_parse_int(const char *s, int min, int max, int *out)
{
	long v;
	if (!text_parse_long(s, min, max, &v)) {
		return false;
	}
	*out = (int)v;
	return true;
}

/*
 * The exit code once the output is flushed. The code says whether the
 * command was done, not whether its report reached the reader: a change
 * that was saved (a ticket issued, a citizen called) exits 0 even when
 * standard output is full or closed, with a word on standard error, because
 * a script that retries on failure would otherwise issue a second ticket for
 * a citizen who does not exist. A command that changed nothing and could not
 * say its answer has failed (1).
 */
static int finish_output(struct cli *cli, int code)
{
	errno = 0;
	bool written = fflush(stdout) == 0 && !ferror(stdout);
	if (written) {
		return code;
	}
	int err = errno;
	/* Through the server every desk command is a write that succeeded. */
	bool saved = code == CLI_EXIT_OK && (cli->db
		? sqlite3_total_changes64(db_handle(cli->db)) > 0 : cli->desk != NULL);
	if (saved) {
		fprintf(stderr, "motcua: thay đổi ĐÃ được lưu, nhưng không ghi được kết quả ra đầu ra "
			"chuẩn (%s). Đừng chạy lại lệnh (sẽ thành hai lần): xem kết quả bằng `motcua "
			"status`.\n", syserr_words(err));
		return CLI_EXIT_OK;
	}
	fprintf(stderr, "motcua: không ghi được kết quả ra đầu ra chuẩn (%s)\n",
		syserr_words(err));
	return code == CLI_EXIT_OK ? CLI_EXIT_ERROR : code;
}

static const struct cli_command *find_command(const char *name)
{
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		if (strcmp(commands[i]->name, name) == 0) {
			return commands[i];
		}
	}
	return NULL;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		DESK_LONG_OPTIONS,
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct cli cli = { 0 };
	int c, code = CLI_EXIT_OK;
	bool bad_option = false;
	log_init("motcua", LOG_LEVEL_WARN);
	/* A closed pipe must fail a write (EPIPE, handled by finish_output), not
	 * kill the process after its change was saved. */
	signal(SIGPIPE, SIG_IGN);
	/* '+' stops at the command so its own options are left for it. */
	char bad[160] = "";
	opterr = 0;  /* getopt's English errors: every command words its own */
	while ((c = getopt_long(argc, argv, "+:d:jhV", opts, NULL)) != -1) {
		if (desk_options_take(&cli.desk_opt, c, optarg)) {
			continue;
		}
		switch (c) {
		case 'd': cli.db_path = optarg; break;
		case 'j': cli.json = true; break;
		case 'h': usage(stdout); return CLI_EXIT_OK;
		case 'V': printf("motcua %s\n", MOTCUA_VERSION); return CLI_EXIT_OK;
		default:
			bad_option = true;
			text_option_error(c, argv, bad, sizeof(bad));
			break;
		}
	}
	if (cli.json) {
		cli.out = cJSON_CreateObject();
	}
	const struct cli_command *cmd = optind < argc ? find_command(argv[optind]) : NULL;
	if (bad_option || optind >= argc) {
		struct result r;
		if (!bad_option) {
			usage(stderr);
		}
		if (bad_option) {
			result_fail(&r, RESULT_ERR_INVALID, "%s (xem motcua --help)", bad);
		} else {
			result_fail(&r, RESULT_ERR_INVALID, "chưa có lệnh (xem motcua --help)");
		}
		code = cli_fail(&cli, &r);
		goto out;
	}
	if (!cmd) {
		struct result r;
		result_fail(&r, RESULT_ERR_INVALID, "không có lệnh \"%s\" (xem motcua --help)",
			argv[optind]);
		code = cli_fail(&cli, &r);
		goto out;
	}
	cli.desk_opt.db = cli.db_path;
	struct result dr = { 0 };
	if (!desk_options_check(&cli.desk_opt, &dr)) {
		code = cli_fail(&cli, &dr);
		goto out;
	}
	if (cli.desk_opt.server && cmd->db != CLI_DB_DESK && cmd->db != CLI_DB_NONE) {
		result_fail(&dr, RESULT_ERR_INVALID, "lệnh \"%s\" không có qua --server: chạy nó trên "
			"máy chủ (máy giữ tệp cơ sở dữ liệu) với --db", cmd->name);
		code = cli_fail(&cli, &dr);
		goto out;
	}
	if (cmd->db == CLI_DB_DESK) {
		cli.desk_opt.mode = DB_READWRITE;
		cli.desk = desk_open(&cli.desk_opt, &dr);
		if (!cli.desk) {
			code = cli_fail(&cli, &dr);
			goto out;
		}
		cli.db = cli.desk_opt.server ? NULL : desk_db(cli.desk, NULL);
		desk_use_zone(cli.desk);
	} else if (cmd->db != CLI_DB_NONE) {
		struct result r = { 0 };
		cli.db = db_open(db_default_path(cli.db_path),
			cmd->db == CLI_DB_CREATE ? DB_CREATE : DB_READWRITE, &r);
		if (!cli.db) {
			code = cli_fail(&cli, &r);
			goto out;
		}
		settings_use_zone(cli.db);
	}
	int sub_argc = argc - optind;
	char **sub_argv = argv + optind;
	optind = 0;  /* glibc: full getopt reset for the command's own options */
	code = cmd->run(&cli, sub_argc, sub_argv);
	if (cli.json && code == CLI_EXIT_OK) {
		wire_result_ok(cli.out);
	}
out:
	if (cli.json) {
		char *text = cJSON_PrintUnformatted(cli.out);
		puts(text);
		free(text);
		cJSON_Delete(cli.out);
	}
	code = finish_output(&cli, code);
	if (cli.desk) {
		desk_close(cli.desk);  /* it owns cli.db */
	} else {
		db_close(cli.db);
	}
	return code;
}
