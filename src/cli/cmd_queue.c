/*
 * Queue commands: issue, call, recall, skip, requeue, transfer, finish, cancel, status.
 *
 * The writing ones take --request-id ID (queue.h, "Idempotent writes"): a
 * repeat with the same ID on the same business day prints the first result
 * again and writes nothing. The LAN server maps its Idempotency-Key header
 * onto it.
 */
#define LOG_MODULE "cli"
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "motcua/base/clock.h"
#include "motcua/store/queue.h"
#include "motcua/print/printer.h"
#include "motcua/print/printer_status.h"
#include "motcua/store/snapshot.h"
#include "motcua/print/printjob.h"
#include "motcua/base/utf8.h"
#include "motcua/print/printer_status.h"
#include "motcua/wire/wire_json.h"
#include "motcua/wire/wire_snapshot.h"
#include "motcua/wire/wire_ticket.h"

/* Prints a ticket in one line, or adds it to the JSON output. */
static int show_ticket(struct cli *cli, const char *verb, const struct ticket *t)
{
	if (cli->json) {
		wire_ticket_encode(cli->out, t);
		return CLI_EXIT_OK;
	}
	printf("%s %s — %s%s", verb, t->number, t->service_name, t->priority ? " (ưu tiên)" : "");
	if (t->counter) {
		printf(" — quầy %d", t->counter);
	} else if (t->target_counter) {
		printf(" — chờ quầy %d", t->target_counter);
	}
	putchar('\n');
	return CLI_EXIT_OK;
}

/* The --request-id option every writing queue command takes. */
#define REQUEST_ID_OPTION { "request-id", required_argument, NULL, 'R' }

static int run_issue(struct cli *cli, int argc, char **argv);
const struct cli_command cmd_issue = {
	"issue", "SERVICE [--priority] [--print PRINTER] [--request-id ID]",
	"cấp số tiếp theo của một lĩnh vực (--print: chỉ cấp khi phiếu in được)", CLI_DB_DESK,
	run_issue,
};

static int run_issue(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = { { "priority", no_argument, NULL, 'p' },
		{ "print", required_argument, NULL, 'P' }, REQUEST_ID_OPTION, { 0 } };
	bool priority = false;
	const char *printer_spec = NULL, *request_id = NULL;
	int c;
	while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		if (c == 'p') {
			priority = true;
		} else if (c == 'P') {
			printer_spec = optarg;
		} else if (c == 'R') {
			request_id = optarg;
		} else {
			return cli_bad_option(cli, &cmd_issue, c, argv);
		}
	}
	if (optind != argc - 1) {
		return cli_usage(cli, &cmd_issue, "cần đúng một mã lĩnh vực (SERVICE)");
	}
	if (printer_spec && request_id) {
		/* A repeat would have to print a second paper for the same number. */
		return cli_usage(cli, &cmd_issue, "không dùng được --request-id cùng với --print");
	}
	struct ticket t;
	struct result r = { 0 };
	desk_set_request_id(cli->desk, request_id);
	if (printer_spec) {
		struct db *db = desk_db(cli->desk, &r);
		struct printer *p = db ? printer_open(printer_spec, &r) : NULL;
		bool ok = p && printjob_issue_and_print(db, p, argv[optind], priority, &t, &r);
		printer_close(p);
		if (!ok) {
			return cli_fail(cli, &r);
		}
		/* The ticket is committed and may be on paper: a success that warns. */
		if (t.print_unconfirmed) {
			fprintf(stderr, "motcua: chưa xác nhận được phiếu %s đã in; số thứ tự vẫn có "
				"hiệu lực, hỏi công dân đã nhận phiếu chưa (%s)\n", t.number, r.msg);
		}
	} else if (!desk_issue(cli->desk, argv[optind], priority, &t, &r)) {
		return cli_fail(cli, &r);
	}
	if (cli->json) {
		wire_ticket_encode_issued(cli->out, &t);
		if (printer_spec) {
			cJSON_AddBoolToObject(cli->out, "print_unconfirmed", t.print_unconfirmed);
		}
		return CLI_EXIT_OK;
	}
	show_ticket(cli, "Số", &t);
	/* The glossary's words (impersonal: never "bạn" to a citizen). */
	if (t.ahead <= 0) {
		printf("Không có ai chờ trước\n");
	} else if (t.est_wait_s > 0) {
		printf("Có %d người đang chờ trước — dự kiến chờ khoảng %d phút\n", t.ahead,
			(t.est_wait_s + 59) / 60);
	} else {
		printf("Có %d người đang chờ trước\n", t.ahead);
	}
	return CLI_EXIT_OK;
}

static int run_call(struct cli *cli, int argc, char **argv);
const struct cli_command cmd_call = {
	"call", "COUNTER [--number N] [--officer NAME] [--request-id ID]",
	"kết thúc lượt của công dân đang ở quầy và gọi số tiếp theo (hoặc số N); mã thoát 3 nếu "
	"không có ai chờ",
	CLI_DB_DESK, run_call,
};

static int run_call(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "number", required_argument, NULL, 'n' },
		{ "officer", required_argument, NULL, 'o' },
		REQUEST_ID_OPTION,
		{ 0 },
	};
	const char *number = NULL, *officer = NULL, *request_id = NULL;
	int c, counter;
	while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		if (c == 'n') {
			number = optarg;
		} else if (c == 'o') {
			officer = optarg;
		} else if (c == 'R') {
			request_id = optarg;
		} else {
			return cli_bad_option(cli, &cmd_call, c, argv);
		}
	}
	if (optind != argc - 1 || !cli_parse_int(argv[optind], 1, 999, &counter)) {
		return cli_usage(cli, &cmd_call, "cần một số quầy (COUNTER, từ 1 đến 999)");
	}
	struct ticket t;
	struct result r = { 0 };
	desk_set_request_id(cli->desk, request_id);
	bool ok = number ? desk_call_number(cli->desk, counter, number, officer, &t, &r)
		: desk_call_next(cli->desk, counter, officer, &t, &r);
	if (!ok) {
		if (r.code == RESULT_ERR_EMPTY && cli->json) {
			cJSON_AddNumberToObject(cli->out, "counter", counter);
		}
		return cli_fail(cli, &r);
	}
	return show_ticket(cli, "Mời số", &t);
}

/* recall, skip and finish share one shape: an action on the counter's current ticket. */
static int counter_action(struct cli *cli, const struct cli_command *cmd, int argc,
	char **argv, bool (*op)(struct desk *, int, struct ticket *, struct result *),
	const char *verb)
{
	static const struct option opts[] = { REQUEST_ID_OPTION, { 0 } };
	const char *request_id = NULL;
	int c, counter;
	while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		if (c != 'R') {
			return cli_bad_option(cli, cmd, c, argv);
		}
		request_id = optarg;
	}
	if (optind != argc - 1 || !cli_parse_int(argv[optind], 1, 999, &counter)) {
		return cli_usage(cli, cmd, "cần một số quầy (COUNTER, từ 1 đến 999)");
	}
	struct ticket t;
	struct result r = { 0 };
	desk_set_request_id(cli->desk, request_id);
	if (!op(cli->desk, counter, &t, &r)) {
		return cli_fail(cli, &r);
	}
	return show_ticket(cli, verb, &t);
}

static int run_recall(struct cli *cli, int argc, char **argv);
const struct cli_command cmd_recall = {
	"recall", "COUNTER [--request-id ID]", "gọi lại số đang ở quầy", CLI_DB_DESK, run_recall,
};
static int run_recall(struct cli *cli, int argc, char **argv)
{
	return counter_action(cli, &cmd_recall, argc, argv, desk_recall, "Gọi lại số");
}

static int run_skip(struct cli *cli, int argc, char **argv);
const struct cli_command cmd_skip = {
	"skip", "COUNTER [--request-id ID]", "ghi công dân vừa được gọi ở quầy là vắng mặt", CLI_DB_DESK,
	run_skip,
};
static int run_skip(struct cli *cli, int argc, char **argv)
{
	return counter_action(cli, &cmd_skip, argc, argv, desk_skip, "Vắng mặt:");
}

static int run_finish(struct cli *cli, int argc, char **argv);
const struct cli_command cmd_finish = {
	"finish", "COUNTER [--request-id ID]", "kết thúc lượt của công dân đang ở quầy (đã phục vụ xong)", CLI_DB_DESK, run_finish,
};
static int run_finish(struct cli *cli, int argc, char **argv)
{
	return counter_action(cli, &cmd_finish, argc, argv, desk_finish, "Đã xong:");
}

static int run_requeue(struct cli *cli, int argc, char **argv);
const struct cli_command cmd_requeue = {
	"requeue", "NUMBER [--service CODE] [--request-id ID]",
	"xếp lại một số vắng mặt vào hàng, đúng chỗ cũ",
	CLI_DB_DESK, run_requeue,
};

static int run_requeue(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = { { "service", required_argument, NULL, 's' },
		REQUEST_ID_OPTION, { 0 } };
	const char *service = NULL, *request_id = NULL;
	int c;
	while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		if (c == 's') {
			service = optarg;
		} else if (c == 'R') {
			request_id = optarg;
		} else {
			return cli_bad_option(cli, &cmd_requeue, c, argv);
		}
	}
	if (optind != argc - 1) {
		return cli_usage(cli, &cmd_requeue, "cần một số thứ tự (NUMBER)");
	}
	struct ticket t;
	struct result r = { 0 };
	desk_set_request_id(cli->desk, request_id);
	if (!desk_requeue(cli->desk, argv[optind], service, &t, &r)) {
		return cli_fail(cli, &r);
	}
	return show_ticket(cli, "Đã xếp lại vào hàng:", &t);
}

static int run_transfer(struct cli *cli, int argc, char **argv);
const struct cli_command cmd_transfer = {
	"transfer", "COUNTER [--service CODE] [--to-counter N] [--request-id ID]",
	"chuyển công dân đang ở quầy sang lĩnh vực hoặc quầy khác, giữ nguyên chỗ trong hàng",
	CLI_DB_DESK, run_transfer,
};

static int run_transfer(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "service", required_argument, NULL, 's' },
		{ "to-counter", required_argument, NULL, 'c' },
		REQUEST_ID_OPTION,
		{ 0 },
	};
	const char *service = NULL, *request_id = NULL;
	int to_counter = 0, counter, c;
	while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		if (c == 's') {
			service = optarg;
		} else if (c == 'R') {
			request_id = optarg;
		} else if (c == 'c') {
			if (!cli_parse_int(optarg, 1, 999, &to_counter)) {
				return cli_usage(cli, &cmd_transfer, "--to-counter \"%s\" không phải số quầy "
					"(1-999)", optarg);
			}
		} else {
			return cli_bad_option(cli, &cmd_transfer, c, argv);
		}
	}
	if (optind != argc - 1 || !cli_parse_int(argv[optind], 1, 999, &counter)) {
		return cli_usage(cli, &cmd_transfer, "cần một số quầy (COUNTER, từ 1 đến 999)");
	}
	if (!service && !to_counter) {
		return cli_usage(cli, &cmd_transfer, "cần --service hoặc --to-counter");
	}
	struct ticket t;
	struct result r = { 0 };
	desk_set_request_id(cli->desk, request_id);
	if (!desk_transfer(cli->desk, counter, service, to_counter, &t, &r)) {
		return cli_fail(cli, &r);
	}
	return show_ticket(cli, "Đã chuyển", &t);
}

static int run_cancel(struct cli *cli, int argc, char **argv);
const struct cli_command cmd_cancel = {
	"cancel", "NUMBER [--service CODE] [--reason TEXT] [--request-id ID]",
	"hủy một số đang chờ (công dân đã ra về)",
	CLI_DB_OPEN, run_cancel,
};

static int run_cancel(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "service", required_argument, NULL, 's' },
		{ "reason", required_argument, NULL, 'r' },
		REQUEST_ID_OPTION,
		{ 0 },
	};
	const char *service = NULL, *reason = "", *request_id = NULL;
	int c;
	while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		if (c == 's') {
			service = optarg;
		} else if (c == 'r') {
			reason = optarg;
		} else if (c == 'R') {
			request_id = optarg;
		} else {
			return cli_bad_option(cli, &cmd_cancel, c, argv);
		}
	}
	if (optind != argc - 1) {
		return cli_usage(cli, &cmd_cancel, "cần một số thứ tự (NUMBER)");
	}
	struct ticket t;
	struct result r = { 0 };
	if (!queue_find_number(cli->db, argv[optind], service, &t, &r)
			|| !queue_cancel(cli->db, request_id, t.id, reason, &r) || !queue_get(cli->db, t.id, &t, &r)) {
		return cli_fail(cli, &r);
	}
	return show_ticket(cli, "Đã hủy", &t);
}

static int run_status(struct cli *cli, int argc, char **argv);
const struct cli_command cmd_status = {
	"status", "", "tình hình lúc này: các quầy, số người đang chờ, máy in", CLI_DB_DESK,
	run_status,
};

/*
 * The status as two tables. Names go last on their line and are never cut:
 * a field or counter name cut mid-syllable reads as another word.
 */
static void status_text(struct cli *cli, const struct snapshot *s)
{
	char date[11], time[6];
	int64_t now = clock_now_ms();
	clock_format_date(now, date);
	clock_format_time(now, time);
	printf("%s — %s — %s %s\n\n", s->commune_name, s->desk_name, date, time);
	printf("Quầy  Trạng thái  Đang phục vụ   Chờ  Tên quầy — cán bộ — lĩnh vực\n");
	for (size_t i = 0; i < s->n_counters; i++) {
		const struct snapshot_counter *c = &s->counters[i];
		struct counter found;
		char codes[256] = "", *save = NULL, shown[320] = "";
		if (desk_counter(cli->desk, c->counter.number, &found, codes, sizeof(codes), NULL)) {
			for (char *code = strtok_r(codes, ",", &save); code; code = strtok_r(NULL, ",", &save)) {
				size_t len = strlen(shown);
				snprintf(shown + len, sizeof(shown) - len, "%s%s", len ? ", " : "", code);
			}
		}
		printf("%4d  ", c->counter.number);
		utf8_fput_padded(stdout, counter_state_words(c->counter.state), 10, false);
		printf("  %-12s %5d  %s%s%s — %s\n", c->has_ticket ? c->ticket.number : "-",
			c->waiting, c->counter.name, *c->counter.officer ? " — " : "",
			c->counter.officer, *shown ? shown : "chưa có lĩnh vực");
		if (c->counter.state == COUNTER_PAUSED) {
			printf("      lý do tạm dừng: %s\n", c->counter.pause_reason);
		}
	}
	printf("\nMã      Chờ  Ưu tiên  Đã cấp  Lĩnh vực\n");
	for (size_t i = 0; i < s->n_services; i++) {
		const struct snapshot_service *sv = &s->services[i];
		printf("%-6s %4d %8d %7d  %s%s\n", sv->service.code, sv->waiting,
			sv->waiting_priority, sv->issued_today, sv->service.name,
			sv->full ? " (hết số)" : "");
	}
}

/* The devices in words (the status's "devices": text and detail are the printers' words). */
static void devices_text(const cJSON *status)
{
	const cJSON *list = cJSON_GetObjectItemCaseSensitive(status, "devices"), *d;
	if (cJSON_GetArraySize(list) > 0) {
		printf("\nThiết bị\n");
	}
	cJSON_ArrayForEach(d, list) {
		char name[128], kind[16], text[256], advice[256], date[11], time[6];
		wire_json_copy(d, "name", name, sizeof(name));
		wire_json_copy(d, "kind", kind, sizeof(kind));
		wire_json_copy(d, "text", text, sizeof(text));
		wire_json_copy(d, "detail", advice, sizeof(advice));
		int64_t updated = wire_json_get_int(d, "updated_ms");
		clock_format_date(updated, date);
		clock_format_time(updated, time);
		printf("%s %s: %s%s%s (từ %s %s)\n", strcmp(kind, "printer") == 0 ? "Máy in"
			: strcmp(kind, "keypad") == 0 ? "Bàn phím" : "Thiết bị", name, text,
			*advice ? " — " : "", advice, time, date);
	}
}

/*
 * Today's tickets whose printing was not confirmed: valid numbers that may
 * have no paper. Staff ask the citizen, and reprint at the kiosk if needed.
 */
static void unconfirmed_text(const cJSON *status)
{
	const cJSON *list = cJSON_GetObjectItemCaseSensitive(status, "print_unconfirmed"), *o;
	if (cJSON_GetArraySize(list) > 0) {
		printf("\nPhiếu chưa xác nhận đã in (số vẫn có hiệu lực; hỏi công dân, in lại nếu cần)\n");
	}
	cJSON_ArrayForEach(o, list) {
		struct ticket t;
		if (wire_ticket_decode(o, &t, NULL)) {
			printf("%s — %s (%s)\n", t.number, t.service_name, ticket_status_words(t.status));
		}
	}
}

static int run_status(struct cli *cli, int argc, char **argv)
{
	struct snapshot s;
	struct result r = { 0 };
	if (argc > 1) {
		return cli_usage(cli, &cmd_status, "lệnh này không nhận tham số");
	}
	cJSON *status = cli->json ? cli->out : cJSON_CreateObject();
	if (!desk_status(cli->desk, printer_fault_words, status, &r)) {
		if (!cli->json) {
			cJSON_Delete(status);
		}
		return cli_fail(cli, &r);
	}
	if (cli->json) {
		return CLI_EXIT_OK;
	}
	if (!desk_snapshot(cli->desk, &s, &r)) {
		cJSON_Delete(status);
		return cli_fail(cli, &r);
	}
	status_text(cli, &s);
	devices_text(status);
	unconfirmed_text(status);
	snapshot_finish(&s);
	cJSON_Delete(status);
	return CLI_EXIT_OK;
}
