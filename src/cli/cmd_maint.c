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
	"backup", "DEST", "sao lưu cơ sở dữ liệu an toàn ngay khi đang dùng (vào tệp DEST)",
	CLI_DB_OPEN,
	run_backup,
};

static int run_backup(struct cli *cli, int argc, char **argv)
{
	struct result r = { 0 };
	if (argc != 2 || !*argv[1]) {
		return cli_usage(cli, &cmd_backup, "cần một đường dẫn tệp sao lưu (DEST)");
	}
	if (!db_backup(cli->db, argv[1], &r)) {
		return cli_fail(cli, &r);
	}
	if (cli->json) {
		cJSON_AddStringToObject(cli->out, "backup", argv[1]);
	} else {
		printf("Đã sao lưu vào %s\n", argv[1]);
	}
	return CLI_EXIT_OK;
}

static int run_check(struct cli *cli, int argc, char **argv);
const struct cli_command cmd_check = {
	"check", "", "kiểm tra cơ sở dữ liệu còn toàn vẹn và hàng chờ đúng quy tắc", CLI_DB_OPEN,
	run_check,
};

static int run_check(struct cli *cli, int argc, char **argv)
{
	struct result r = { 0 };
	if (argc != 1) {
		return cli_usage(cli, &cmd_check, "lệnh này không nhận tham số");
	}
	if (!db_check(cli->db, &r)) {
		return cli_fail(cli, &r);
	}
	if (cli->json) {
		cJSON_AddStringToObject(cli->out, "check", "ok");
	} else {
		printf("Tốt: tệp toàn vẹn; liên kết dữ liệu, đánh số và các quầy đều khớp.\n");
	}
	return CLI_EXIT_OK;
}

static int run_day(struct cli *cli, int argc, char **argv);
const struct cli_command cmd_day = {
	"day", "[reset]",
	"xem ngày làm việc và đồng hồ; reset: lấy ngày theo đồng hồ sau khi đồng hồ bị sai",
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
		return cli_usage(cli, &cmd_day, "chỉ có thao tác reset");
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
			printf("Đã đổi ngày làm việc từ %s sang %s: %d phiếu của ngày %s được xếp lại vào "
				"hàng sau khi đồng hồ sai; %d phiếu còn mở của những ngày khác đã hết hạn.\n",
				a, b, rep.restored, b, rep.expired);
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
		printf("Ngày làm việc %s, ngày theo đồng hồ %s: đồng hồ nhanh hơn %lld phút so với "
			"thời gian đo được từ lần ghi cuối, nên ngày làm việc được giữ nguyên cho đến khi "
			"hết khoảng thời gian đó. Hãy chỉnh đồng hồ; nếu đồng hồ đúng, chạy `motcua day "
			"reset`.\n", a, b, (long long)(v.ahead_ms / 60000));
	} else {
		printf("Ngày làm việc %s, ngày theo đồng hồ %s%s\n", a, b, v.day > v.clock_day
			? " (đồng hồ chậm: hãy chỉnh đồng hồ, hoặc chạy `motcua day reset` nếu đồng hồ đúng)"
			: "");
	}
	return CLI_EXIT_OK;
}

static int run_device(struct cli *cli, int argc, char **argv);
const struct cli_command cmd_device = {
	"device", "forget NAME", "bỏ một máy in hoặc bàn phím không còn dùng khỏi `motcua status`",
	CLI_DB_OPEN, run_device,
};

static int run_device(struct cli *cli, int argc, char **argv)
{
	struct result r = { 0 };
	if (argc != 3 || strcmp(argv[1], "forget") != 0) {
		return cli_usage(cli, &cmd_device, "cần forget NAME (tên thiết bị)");
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
		printf("Đã bỏ thiết bị %s khỏi danh sách\n", argv[2]);
	}
	return CLI_EXIT_OK;
}
