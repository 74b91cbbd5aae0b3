/*
 * officer: the officers' accounts (store/officers.h): add (the PIN read
 * from standard input), list, disable.
 */
#define LOG_MODULE "cli"
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "motcua/base/clock.h"
#include "motcua/base/utf8.h"
#include "motcua/store/officers.h"

static int run_officer(struct cli *cli, int argc, char **argv);
const struct cli_command cmd_officer = {
	"officer", "add NAME | list | disable NAME",
	"tài khoản cán bộ đăng nhập trang quầy trên trình duyệt; add đọc mã PIN (4-12 chữ số) "
	"từ đầu vào chuẩn",
	CLI_DB_OPEN, run_officer,
};

static int officer_do_add(struct cli *cli, const char *name)
{
	char pin[64];
	struct officer o;
	struct result r = { 0 };
	if (!cli_read_pin(pin, sizeof(pin))) {
		return cli_usage(cli, &cmd_officer, "không có mã PIN ở đầu vào chuẩn");
	}
	bool ok = officer_add(cli->db, name, pin, &o, &r);
	sodium_memzero(pin, sizeof(pin));
	if (!ok) {
		return cli_fail(cli, &r);
	}
	if (cli->json) {
		cJSON_AddNumberToObject(cli->out, "id", (double)o.id);
		cJSON_AddStringToObject(cli->out, "name", o.name);
	} else {
		printf("Đã thêm cán bộ %s.\n", o.name);
	}
	return CLI_EXIT_OK;
}

static int officer_do_list(struct cli *cli)
{
	struct officer *list;
	size_t n;
	struct result r = { 0 };
	if (!officer_list(cli->db, &list, &n, &r)) {
		return cli_fail(cli, &r);
	}
	cJSON *arr = cli->json ? cJSON_AddArrayToObject(cli->out, "officers") : NULL;
	if (!arr) {
		printf("%-4s ", "ID");
		utf8_fput_padded(stdout, "HỌ TÊN", 32, false);
		fputc(' ', stdout);
		utf8_fput_padded(stdout, "TÌNH TRẠNG", 10, false);
		printf(" %s\n", "TẠO LÚC");
	}
	for (size_t i = 0; i < n; i++) {
		const struct officer *o = &list[i];
		if (arr) {
			cJSON *j = cJSON_CreateObject();
			cJSON_AddNumberToObject(j, "id", (double)o->id);
			cJSON_AddStringToObject(j, "name", o->name);
			cJSON_AddBoolToObject(j, "active", o->active);
			cJSON_AddNumberToObject(j, "created_ms", (double)o->created_ms);
			cJSON_AddItemToArray(arr, j);
			continue;
		}
		char date[11], time[6];
		clock_format_date(o->created_ms, date);
		clock_format_time(o->created_ms, time);
		printf("%-4lld ", (long long)o->id);
		utf8_fput_padded(stdout, o->name, 32, false);
		fputc(' ', stdout);
		utf8_fput_padded(stdout, o->active ? "hoạt động" : "đã khóa", 10, false);
		printf(" %s %s\n", time, date);
	}
	free(list);
	return CLI_EXIT_OK;
}

static int run_officer(struct cli *cli, int argc, char **argv)
{
	const char *action = argc > 1 ? argv[1] : "";
	struct result r = { 0 };
	if (strcmp(action, "add") == 0 && argc == 3) {
		return officer_do_add(cli, argv[2]);
	}
	if (strcmp(action, "list") == 0 && argc == 2) {
		return officer_do_list(cli);
	}
	if (strcmp(action, "disable") == 0 && argc == 3) {
		if (!officer_disable(cli->db, argv[2], &r)) {
			return cli_fail(cli, &r);
		}
		if (cli->json) {
			cJSON_AddStringToObject(cli->out, "disabled", argv[2]);
		} else {
			printf("Đã khóa tài khoản cán bộ %s.\n", argv[2]);
		}
		return CLI_EXIT_OK;
	}
	return cli_usage(cli, &cmd_officer, "cần add NAME, list hoặc disable NAME");
}
