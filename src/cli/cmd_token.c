/*
 * token: the devices allowed to use the LAN server (motcuad): add prints a
 * new token once, with what the device needs to reach and trust the
 * server; list; revoke.
 */
#define LOG_MODULE "cli"
#include <getopt.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "motcua/base/clock.h"
#include "motcua/store/server_info.h"
#include "motcua/store/settings.h"
#include "motcua/store/tokens.h"

static int run_token(struct cli *cli, int argc, char **argv);
const struct cli_command cmd_token = {
	"token",
	"add NAME --role kiosk|display|counter|rating|admin [--counter N] | list | revoke NAME",
	"quản lý mã truy cập của các thiết bị dùng máy chủ LAN (motcuad); add in mã mới (chỉ hiện một lần)",
	CLI_DB_OPEN, run_token,
};

/*
 * Where the devices reach the server: the server_url setting, else the
 * address the server listens on when it is a real one (not 0.0.0.0).
 */
static void server_address(struct db *db, const struct server_info *info, char *url,
	size_t size)
{
	settings_get(db, "server_url", url, size);
	if (!*url && info->started_ms && !strstr(info->url, "//0.0.0.0")
			&& !strstr(info->url, "//[::]")) {
		snprintf(url, size, "%s", info->url);
	}
}

static int token_add(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "role", required_argument, NULL, 'r' },
		{ "counter", required_argument, NULL, 'c' },
		{ 0 },
	};
	enum token_role role = TOKEN_DISPLAY;
	bool role_set = false;
	int counter = 0, c;
	optind = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'r' && token_role_parse(optarg, &role)) {
			role_set = true;
		} else if (c == 'c' && cli_parse_int(optarg, 1, 999, &counter)) {
			continue;
		} else {
			return cli_usage(cli, &cmd_token, "tùy chọn sai (--role kiosk|display|counter|"
				"rating|admin, --counter 1-999)");
		}
	}
	if (optind != argc - 1 || !role_set) {
		return cli_usage(cli, &cmd_token, "add cần tên thiết bị (NAME) và --role");
	}
	const char *name = argv[optind];
	char token[TOKEN_TEXT_LEN + 1];
	struct result r = { 0 };
	struct server_info info;
	char url[256];
	if (!tokens_add(cli->db, name, role, counter, token, &r)) {
		return cli_fail(cli, &r);
	}
	if (!server_info_read(cli->db, &info, &r)) {
		info = (struct server_info){ 0 };
	}
	server_address(cli->db, &info, url, sizeof(url));
	if (cli->json) {
		cJSON_AddStringToObject(cli->out, "name", name);
		cJSON_AddStringToObject(cli->out, "role", token_role_name(role));
		if (counter) {
			cJSON_AddNumberToObject(cli->out, "counter", counter);
		}
		cJSON_AddStringToObject(cli->out, "token", token);
		cJSON_AddStringToObject(cli->out, "server_url", url);
		cJSON_AddStringToObject(cli->out, "tls_fingerprint", info.tls_fingerprint);
		cJSON_AddStringToObject(cli->out, "tls_pin", info.tls_pin);
	} else {
		printf("Mã truy cập của thiết bị %s (%s", name, token_role_name(role));
		if (counter) {
			printf(", quầy %d", counter);
		}
		printf("), chỉ hiện một lần:\n%s\n", token);
		printf("Máy chủ: %s\n", *url ? url : "(chưa biết: đặt `motcua set server_url URL`)");
		if (info.tls_fingerprint[0]) {
			printf("Vân tay chứng chỉ TLS (SHA-256): %s\n", info.tls_fingerprint);
			printf("Ghim khóa công khai: %s\n", info.tls_pin);
		}
	}
	sodium_memzero(token, sizeof(token));
	return CLI_EXIT_OK;
}

static int token_list(struct cli *cli)
{
	struct token_info *list;
	size_t n;
	struct result r = { 0 };
	if (!tokens_list(cli->db, &list, &n, &r)) {
		return cli_fail(cli, &r);
	}
	cJSON *arr = cli->json ? cJSON_AddArrayToObject(cli->out, "tokens") : NULL;
	if (!arr) {
		printf("%-32s %-8s %-7s %s\n", "TÊN", "VAI TRÒ", "QUẦY", "NGÀY TẠO");
	}
	for (size_t i = 0; i < n; i++) {
		const struct token_info *t = &list[i];
		if (arr) {
			cJSON *o = cJSON_CreateObject();
			cJSON_AddStringToObject(o, "name", t->name);
			cJSON_AddStringToObject(o, "role", token_role_name(t->role));
			if (t->counter) {
				cJSON_AddNumberToObject(o, "counter", t->counter);
			}
			cJSON_AddNumberToObject(o, "created_ms", (double)t->created_ms);
			cJSON_AddItemToArray(arr, o);
			continue;
		}
		char date[11], time[6], counter[8] = "-";
		clock_format_date(t->created_ms, date);
		clock_format_time(t->created_ms, time);
		if (t->counter) {
			snprintf(counter, sizeof(counter), "%d", t->counter);
		}
		printf("%-32s %-8s %-7s %s %s\n", t->name, token_role_name(t->role), counter, time,
			date);
	}
	free(list);
	return CLI_EXIT_OK;
}

static int run_token(struct cli *cli, int argc, char **argv)
{
	const char *action = argc > 1 ? argv[1] : "";
	struct result r = { 0 };
	if (strcmp(action, "add") == 0) {
		return token_add(cli, argc - 1, argv + 1);
	}
	if (strcmp(action, "list") == 0 && argc == 2) {
		return token_list(cli);
	}
	if (strcmp(action, "revoke") == 0 && argc == 3) {
		if (!tokens_revoke(cli->db, argv[2], &r)) {
			return cli_fail(cli, &r);
		}
		if (cli->json) {
			cJSON_AddStringToObject(cli->out, "revoked", argv[2]);
		} else {
			printf("Đã thu hồi mã truy cập của %s\n", argv[2]);
		}
		return CLI_EXIT_OK;
	}
	return cli_usage(cli, &cmd_token, "cần add NAME --role ROLE, list hoặc revoke NAME");
}
