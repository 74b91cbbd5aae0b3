/* Printer commands: print-test, printer-status (issue --print lives in cmd_queue.c). */
#define LOG_MODULE "cli"
#include <getopt.h>
#include <stdio.h>
#include "cli.h"
#include "motcua/print/printer.h"
#include "motcua/print/printer_store.h"
#include "motcua/print/printjob.h"

static void json_status(cJSON *obj, const struct printer_status *st)
{
	cJSON_AddBoolToObject(obj, "answered", st->answered);
	cJSON_AddBoolToObject(obj, "online", st->online);
	cJSON_AddBoolToObject(obj, "paper_out", st->paper_out);
	cJSON_AddBoolToObject(obj, "paper_near_end", st->paper_near_end);
	cJSON_AddBoolToObject(obj, "cover_open", st->cover_open);
	cJSON_AddBoolToObject(obj, "error", st->error);
	const struct printer_fault_info *f = printer_fault_info(printer_status_fault(st));
	cJSON_AddStringToObject(obj, "fault", f->code);
	cJSON_AddStringToObject(obj, "text", f->citizen_vi);
	cJSON_AddStringToObject(obj, "advice", f->advice_vi);
}

static int run_printer_status(struct cli *cli, int argc, char **argv);
const struct cli_command cmd_printer_status = {
	"printer-status", "PRINTER",
	"hỏi trạng thái máy in (giấy, nắp, lỗi); mã thoát 6 nếu máy in không in được",
	CLI_DB_OPEN, run_printer_status,
};

static int run_printer_status(struct cli *cli, int argc, char **argv)
{
	if (argc != 2) {
		return cli_usage(cli, &cmd_printer_status, "cần đúng một chuỗi máy in (PRINTER)");
	}
	struct result r = {0};
	struct printer *p = printer_open(argv[1], &r);
	if (p == NULL) {
		/* A malformed string or a file that is no device is a typo, not a printer. */
		if (r.code == RESULT_ERR_PRINTER) {
			printer_store_status(cli->db, argv[1], PRINTER_FAULT_NO_ANSWER, NULL);
		}
		return cli_fail(cli, &r);
	}
	struct printer_status st = {0};
	if (!printer_query_status(p, &st, &r)) {
		st.answered = false;
	}
	enum printer_fault fault = printer_status_fault(&st);
	printer_store_status(cli->db, argv[1], fault, NULL);
	printer_close(p);
	if (cli->json) {
		json_status(cli->out, &st);
	} else {
		const struct printer_fault_info *f = printer_fault_info(fault);
		printf("%s: %s%s%s\n", argv[1], f->citizen_vi, *f->advice_vi ? " — " : "",
			f->advice_vi);
	}
	result_clear(&r);
	if (!printer_fault_check(fault, &r)) {
		return cli_fail(cli, &r);
	}
	return CLI_EXIT_OK;
}

static int run_print_test(struct cli *cli, int argc, char **argv);
const struct cli_command cmd_print_test = {
	"print-test", "PRINTER [--nv-rewrite]",
	"in phiếu kiểm tra (cài đặt, trạng thái, chữ tiếng Việt, một phiếu mẫu)",
	CLI_DB_OPEN, run_print_test,
};

static int run_print_test(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = { { "nv-rewrite", no_argument, NULL, 'n' }, { 0 } };
	bool rewrite = false;
	int c;
	while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		if (c != 'n') {
			return cli_bad_option(cli, &cmd_print_test, c, argv);
		}
		rewrite = true;
	}
	if (optind != argc - 1) {
		return cli_usage(cli, &cmd_print_test, "cần đúng một chuỗi máy in (PRINTER)");
	}
	const char *spec = argv[optind];
	struct result r = {0};
	struct printer *p = printer_open(spec, &r);
	if (p == NULL) {
		return cli_fail(cli, &r);
	}
	bool ok = (!rewrite || printjob_forget_nv(cli->db, spec, &r))
		&& printjob_selftest(cli->db, p, &r);
	printer_close(p);
	if (!ok) {
		return cli_fail(cli, &r);
	}
	if (!cli->json) {
		printf("Đã in phiếu kiểm tra trên %s\n", spec);
	}
	return CLI_EXIT_OK;
}
