/* report: figures for the leaders, as a table or CSV for Excel. */
#define LOG_MODULE "cli"
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include "cli.h"
#include "motcua/base/clock.h"
#include "motcua/base/syserr.h"
#include "motcua/store/report.h"
#include "motcua/wire/wire_report.h"

static int run_report(struct cli *cli, int argc, char **argv);
const struct cli_command cmd_report = {
	"report",
	"[--day D | --from D --to D | --month yyyy-mm] [--by service|counter|officer|day] "
	"[--csv FILE|-]",
	"báo cáo: số đã cấp, đã phục vụ, vắng mặt, thời gian chờ và phục vụ, mức độ hài lòng",
	CLI_DB_OPEN, run_report,
};

static int run_report(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "day", required_argument, NULL, 'd' },
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' },
		{ "month", required_argument, NULL, 'm' },
		{ "by", required_argument, NULL, 'b' },
		{ "csv", required_argument, NULL, 'c' },
		{ 0 },
	};
	int today = clock_local_day(clock_now_ms());
	int from = today, to = today, c;
	bool from_set = false, to_set = false;
	enum report_group group = REPORT_BY_SERVICE;
	const char *csv = NULL;
	while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			if (!clock_parse_day(optarg, &from)) {
				return cli_usage(cli, &cmd_report, "--day \"%s\" không phải ngày (yyyy-mm-dd)",
					optarg);
			}
			to = from;
			from_set = to_set = true;
			break;
		case 'f':
			if (!clock_parse_day(optarg, &from)) {
				return cli_usage(cli, &cmd_report, "--from \"%s\" không phải ngày (yyyy-mm-dd)",
					optarg);
			}
			from_set = true;
			break;
		case 't':
			if (!clock_parse_day(optarg, &to)) {
				return cli_usage(cli, &cmd_report, "--to \"%s\" không phải ngày (yyyy-mm-dd)",
					optarg);
			}
			to_set = true;
			break;
		case 'm':
			if (!clock_parse_month(optarg, &from, &to)) {
				return cli_usage(cli, &cmd_report, "--month \"%s\" không phải tháng (yyyy-mm)",
					optarg);
			}
			from_set = to_set = true;
			break;
		case 'b':
			if (strcmp(optarg, "service") == 0) {
				group = REPORT_BY_SERVICE;
			} else if (strcmp(optarg, "counter") == 0) {
				group = REPORT_BY_COUNTER;
			} else if (strcmp(optarg, "officer") == 0) {
				group = REPORT_BY_OFFICER;
			} else if (strcmp(optarg, "day") == 0) {
				group = REPORT_BY_DAY;
			} else {
				return cli_usage(cli, &cmd_report, "--by \"%s\" sai: dùng service (lĩnh vực), "
					"counter (quầy), officer (cán bộ) hoặc day (ngày)", optarg);
			}
			break;
		case 'c':
			csv = optarg;
			break;
		default:
			return cli_bad_option(cli, &cmd_report, c, argv);
		}
	}
	if (optind < argc) {
		return cli_usage(cli, &cmd_report, "thừa tham số \"%s\"", argv[optind]);
	}
	if (csv && strcmp(csv, "-") == 0 && cli->json) {
		return cli_usage(cli, &cmd_report, "--csv - và --json không dùng chung được: cả hai "
			"đều ghi ra đầu ra chuẩn");
	}
	if (from_set && !to_set) {
		to = today;
	} else if (to_set && !from_set) {
		from = to;
	}
	struct report rep;
	struct result r = { 0 };
	if (!report_build(cli->db, from, to, group, &rep, &r)) {
		return cli_fail(cli, &r);
	}
	int code = CLI_EXIT_OK;
	if (csv) {
		FILE *f = strcmp(csv, "-") == 0 ? stdout : fopen(csv, "wb");
		if (!f) {
			result_fail(&r, RESULT_ERR_IO, "không ghi được tệp %s: %s", csv,
				syserr_words(errno));
			code = cli_fail(cli, &r);
		} else {
			report_write_csv(&rep, f);
			if (f != stdout && fclose(f) != 0) {
				result_fail(&r, RESULT_ERR_IO, "không ghi được tệp %s: %s", csv,
					syserr_words(errno));
				code = cli_fail(cli, &r);
			}
		}
	}
	if (cli->json) {
		wire_report_encode(cli->out, &rep);
	} else if (!csv) {
		report_write_table(&rep, stdout);
	}
	report_finish(&rep);
	return code;
}
