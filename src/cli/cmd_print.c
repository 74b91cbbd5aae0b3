/* Printer commands: print-test, printer-status (issue --print lives in cmd_queue.c). */
#define LOG_MODULE "cli"
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include "cli.h"
#include "motcua/print/printer.h"
#include "motcua/print/printer_probe.h"
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
	cJSON_AddBoolToObject(obj, "status_seen", !st->blind);
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
	"print-test", "PRINTER [--nv-rewrite] [--detect]",
	"in phiếu kiểm tra (cài đặt, trạng thái, vạch hai mép giấy, chữ tiếng Việt, một phiếu mẫu);"
	" --detect hỏi máy in là loại nào và gợi ý profile",
	CLI_DB_OPEN, run_print_test,
};

/* Why the printer could not print, in the staff's words, with what to do. */
static void explain_fault(struct cli *cli, struct printer *p)
{
	const struct printer_status *st = printer_last_status(p);
	enum printer_fault f = printer_status_fault(st);
	if (cli->json || printer_fault_info(f)->can_print) {
		return;
	}
	const struct printer_fault_info *info = printer_fault_info(f);
	fprintf(stderr, "%s: %s%s%s\n", printer_spec(p), info->citizen_vi,
		*info->advice_vi ? " — " : "", info->advice_vi);
}

static void report_probe(struct cli *cli, const char *spec, const struct printer_probe *pr,
	const struct printer_profile *pp)
{
	if (cli->json) {
		cJSON_AddStringToObject(cli->out, "maker", pr->maker);
		cJSON_AddStringToObject(cli->out, "model", pr->model);
		cJSON_AddStringToObject(cli->out, "firmware", pr->firmware);
		cJSON_AddNumberToObject(cli->out, "model_id", pr->model_id);
		cJSON_AddBoolToObject(cli->out, "process_id_reply", pr->process_id);
		cJSON_AddBoolToObject(cli->out, "paper_status_reply", pr->paper_status);
		cJSON_AddNumberToObject(cli->out, "nv_keys", pr->nv_keys);
		cJSON_AddNumberToObject(cli->out, "nv_free", (double)pr->nv_free);
		cJSON_AddStringToObject(cli->out, "profile", pp->name);
		return;
	}
	printf("Máy in %s\n", spec);
	printf("  tên máy (GS I):        %s %s%s%s\n", *pr->maker ? pr->maker : "—",
		*pr->model ? pr->model : "—", *pr->firmware ? ", firmware " : "", pr->firmware);
	printf("  báo in xong GS ( H:    %s\n", pr->process_id ? "có" : "không");
	printf("  cảm biến giấy GS r:    %s\n", pr->paper_status ? "có" : "không");
	if (pr->nv_list) {
		printf("  bộ nhớ NV GS ( L:      có, %d ảnh đã lưu, %ld byte trống\n", pr->nv_keys,
			pr->nv_free);
	} else {
		printf("  bộ nhớ NV GS ( L:      không trả lời (hoặc không hỏi)\n");
	}
	printf("Gợi ý: profile=%s (%s: %d điểm, %d dpi, NV %s, báo in xong %s)\n", pp->name,
		pp->model, pp->width, pp->dpi, printer_profile_nv_words(pp->nv),
		printer_profile_done_words(pp->done));
	printf("Ví dụ: %s%sprofile=%s\n", spec, strchr(spec, '?') ? "&" : "?", pp->name);
	printf("Xem vạch hai mép trên phiếu vừa in: vạch phải phải in ra ở hàng có khổ của máy in.\n");
}

static int run_print_test(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = { { "nv-rewrite", no_argument, NULL, 'n' },
		{ "detect", no_argument, NULL, 'd' }, { 0 } };
	bool rewrite = false, detect = false;
	int c;
	while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		if (c == 'n') {
			rewrite = true;
		} else if (c == 'd') {
			detect = true;
		} else {
			return cli_bad_option(cli, &cmd_print_test, c, argv);
		}
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
	struct printer_probe probe;
	const struct printer_profile *suggested = NULL;
	bool ok = detect ? printjob_detect(cli->db, p, &probe, &suggested, &r)
		: (!rewrite || printjob_forget_nv(cli->db, spec, &r)) && printjob_selftest(cli->db, p, &r);
	if (!ok) {
		explain_fault(cli, p);
		printer_close(p);
		return cli_fail(cli, &r);
	}
	printer_close(p);
	if (detect) {
		report_probe(cli, spec, &probe, suggested);
	} else if (!cli->json) {
		printf("Đã in phiếu kiểm tra trên %s\n", spec);
	}
	return CLI_EXIT_OK;
}
