/* rate: the citizen's satisfaction with a served ticket (the counter's rating keys, scripts). */
#define LOG_MODULE "cli"
#include <getopt.h>
#include <stdio.h>
#include "cli.h"
#include "motcua/store/queue.h"
#include "motcua/wire/wire_ticket.h"

static int run_rate(struct cli *cli, int argc, char **argv);
const struct cli_command cmd_rate = {
	"rate", "NUMBER RATING [--service CODE] [--request-id ID]",
	"ghi đánh giá của công dân đã được phục vụ: 1 rất hài lòng, 2 hài lòng, 3 bình thường, "
	"4 không hài lòng", CLI_DB_OPEN, run_rate,
};

static int run_rate(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "service", required_argument, NULL, 's' },
		{ "request-id", required_argument, NULL, 'R' },
		{ 0 },
	};
	const char *service = NULL, *request_id = NULL;
	int c, rating;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 's') {
			service = optarg;
		} else if (c == 'R') {
			request_id = optarg;
		} else {
			return cli_usage(cli, &cmd_rate, "tùy chọn không hợp lệ");
		}
	}
	if (optind != argc - 2 || !cli_parse_int(argv[optind + 1], 1, 4, &rating)) {
		return cli_usage(cli, &cmd_rate, "cần số thứ tự (NUMBER) và mức đánh giá (RATING) từ 1 đến 4");
	}
	struct ticket t;
	struct result r = { 0 };
	if (!queue_find_number(cli->db, argv[optind], service, &t, &r)
			|| !queue_rate_request(cli->db, request_id, t.id, (enum ticket_rating)rating, &t,
				&r)) {
		return cli_fail(cli, &r);
	}
	if (cli->json) {
		wire_ticket_encode(cli->out, &t);
	} else {
		printf("Đã ghi đánh giá số %s: %s\n", t.number, ticket_rating_label(t.rating));
	}
	return CLI_EXIT_OK;
}
