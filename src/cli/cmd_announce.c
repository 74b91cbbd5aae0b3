/*
 * motcua announce NUMBER COUNTER [--play]: prints the call sentence and the
 * clips that the display would play for it, and plays them with --play so
 * a technician can test the speakers. Voice settings come from the database
 * when it can be read (opened read-only), else the defaults; --mode,
 * --repeat and --region override them.
 */
#define LOG_MODULE "announce"
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <SDL.h>

#include "cli.h"
#include "motcua/voice/announcer.h"
#include "motcua/base/paths.h"
#include "motcua/voice/voice.h"

static int run_announce(struct cli *cli, int argc, char **argv);
const struct cli_command cmd_announce = {
	"announce", "NUMBER COUNTER [--play] [--mode M] [--repeat N] [--region R]",
	"in ra (và với --play, phát ra loa) câu gọi một số đến một quầy",
	CLI_DB_NONE, run_announce,
};

static int play(struct cli *cli, const struct voice_sequence *seq, const char *label)
{
	struct result r;
	char *dir = paths_asset("voice/vi");
	if (!dir) {
		result_fail(&r, RESULT_ERR_IO, "không tìm thấy các đoạn âm thanh gọi số (assets/voice/vi)");
		return cli_fail(cli, &r);
	}
	struct announcer *a = announcer_create(dir, NULL, NULL, &r);
	free(dir);
	if (!a) {
		return cli_fail(cli, &r);
	}
	announcer_queue(a, seq, label);
	announcer_drain(a);
	bool audio = announcer_has_audio(a);
	announcer_destroy(a);
	SDL_Quit();
	if (!audio) {
		result_fail(&r, RESULT_ERR_IO, "không có thiết bị phát âm thanh: chưa phát được gì");
		return cli_fail(cli, &r);
	}
	return CLI_EXIT_OK;
}

static int run_announce(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"play", no_argument, NULL, 'p'},
		{"mode", required_argument, NULL, 'm'},
		{"repeat", required_argument, NULL, 'r'},
		{"region", required_argument, NULL, 'g'},
		{NULL, 0, NULL, 0},
	};
	struct voice_config vc;
	const char *mode = NULL, *region = NULL;
	int repeat = 0, counter, c;
	bool do_play = false;
	struct result r = {0};

	while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (c) {
		case 'p': do_play = true; break;
		case 'm': mode = optarg; break;
		case 'g': region = optarg; break;
		case 'r':
			if (!cli_parse_int(optarg, 1, VOICE_REPEAT_MAX, &repeat)) {
				return cli_usage(cli, &cmd_announce, "--repeat %s sai: cần số từ 1 đến %d",
					optarg, VOICE_REPEAT_MAX);
			}
			break;
		default: return cli_bad_option(cli, &cmd_announce, c, argv);
		}
	}
	if (argc - optind != 2) {
		return cli_usage(cli, &cmd_announce, "cần số thứ tự (NUMBER) và số quầy (COUNTER)");
	}
	const char *number = argv[optind];
	if (!cli_parse_int(argv[optind + 1], 1, 9999, &counter)) {
		return cli_usage(cli, &cmd_announce, "\"%s\" không phải số quầy",
			argv[optind + 1]);
	}

	/* The settings the display would use, if the database is there. */
	voice_config_default(&vc);
	struct db *db = db_open(db_default_path(cli->db_path), DB_READONLY, &r);
	if (db) {
		voice_config_load(db, &vc);
		db_close(db);
	}
	if (mode && !voice_mode_parse(mode, &vc.mode)) {
		return cli_usage(cli, &cmd_announce, "--mode %s sai: dùng voice, chime hoặc mute",
			mode);
	}
	if (region && !numread_region_parse(region, &vc.region)) {
		return cli_usage(cli, &cmd_announce, "--region %s sai: dùng central, north hoặc "
			"south", region);
	}
	if (repeat) {
		vc.repeat = repeat;
	}

	char sentence[1024], clips[4096];
	struct voice_sequence seq;
	if (!voice_sentence(number, counter, vc.region, sentence, sizeof(sentence), &r)
		|| !voice_sequence_build(number, counter, &vc, &seq, &r)) {
		return cli_fail(cli, &r);
	}
	voice_sequence_join(&seq, clips, sizeof(clips));
	if (cli->json) {
		cJSON_AddStringToObject(cli->out, "sentence", sentence);
		cJSON *arr = cJSON_AddArrayToObject(cli->out, "clips");
		for (size_t i = 0; i < seq.n; i++) {
			cJSON_AddItemToArray(arr, cJSON_CreateString(seq.clips[i]));
		}
		cJSON_AddStringToObject(cli->out, "mode", voice_mode_name(vc.mode));
		cJSON_AddNumberToObject(cli->out, "repeat", vc.repeat);
		cJSON_AddStringToObject(cli->out, "region", numread_region_name(vc.region));
	} else {
		printf("%s\n", sentence);
		printf("các đoạn âm thanh: %s\n", clips);
	}
	if (!do_play) {
		return CLI_EXIT_OK;
	}
	char label[64];
	snprintf(label, sizeof(label), "%s@%d", number, counter);
	int code = play(cli, &seq, label);
	if (cli->json) {
		cJSON_AddBoolToObject(cli->out, "played", code == CLI_EXIT_OK);
	}
	return code;
}
