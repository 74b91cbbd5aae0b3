/*
 * motcua-keypad: bridges serial counter keypads with LED number displays to
 * the queue (protocol: firmware-notes/keypad-protocol.md).
 *
 * One thread, one loop: every ~100 ms it checks the database for changes
 * (snapshot_changed) and re-reads what the LEDs should show; then it gives
 * each keypad that is due one transaction: HELLO after start or after it
 * was offline, a pending BEEP, a DISPLAY when the shown number is stale,
 * otherwise a POLL carrying the acknowledgement of the last key event. Key
 * events are executed once per event number (keys.c).
 *
 * A keypad that restarts numbers its events from 1 again. Version 2
 * keypads say which boot a reply comes from (a session byte), and the POLL
 * names the session its acknowledgement is for, so a restart between two
 * polls costs no key press: the bridge forgets the old numbers, re-greets
 * the keypad without flushing its events and sends its display again.
 * Version 1 keypads are served as before. Start reading main().
 */
#define LOG_MODULE "keypad"
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "motcua/base/clock.h"
#include "motcua/base/text.h"
#include "motcua/store/counters.h"
#include "motcua/desk/desk.h"
#include "motcua/serial/keyproto.h"
#include "motcua/base/log.h"
#include "motcua/store/snapshot.h"
#include "motcua/base/xalloc.h"
#include "keys.h"
#include "link.h"
#include "motcua-config.h"
#include "scan.h"

#define MAX_KEYPADS 64
#define POLL_INTERVAL_MS 50
#define OFFLINE_RETRY_MS 2000
#define DB_CHECK_MS 100
#define RETRIES 2
#define DEFAULT_ANSWER_MS 50
#define DEFAULT_STATS_S 60

struct keypad {
	uint8_t addr;
	int counter;
	bool online;              /* answered the last transaction */
	bool need_hello;          /* greet, flushing the keypad's events (start, back online) */
	bool need_regreet;        /* greet, keeping its events (it restarted) */
	uint8_t proto;            /* protocol version from INFO (1 until known) */
	uint8_t session;          /* the keypad's boot session (0 = unknown, version 1) */
	uint8_t seq;              /* SEQ of the next request */
	uint8_t last_event;       /* last key event executed (0 = none since HELLO) */
	int pending_beep;         /* 0 = none */
	bool shown_valid;
	char shown[KEYPROTO_DISPLAY_MAX + 1];
	uint8_t shown_flags;
	int64_t next_due;         /* clock_mono_ms() */
};

struct bridge {
	struct desk *desk;
	struct link *link;
	struct keys *keys;
	struct snapshot snap;
	bool have_snap;
	struct desk_watch watch;
	size_t n_keypads;
	struct keypad keypads[MAX_KEYPADS];
	int stats_ms;             /* bus error summary period */
	int64_t next_stats;
	unsigned logged_bad_crc, logged_bad_format;
};

static volatile sig_atomic_t quit;

static void on_signal(int sig)
{
	quit = 1;
}

static void refresh(struct bridge *b)
{
	struct result r;
	snapshot_finish(&b->snap);
	b->have_snap = desk_snapshot(b->desk, &b->snap, &r);
	if (!b->have_snap) {
		LOG_WARN("reading the queue: %s", r.msg);
	}
	keys_follow(b->keys);
}

/* What the LED of kp's counter should show now. */
static void wanted_display(struct bridge *b, const struct keypad *kp, char *text,
	uint8_t *flags)
{
	text[0] = '\0';
	*flags = 0;
	for (size_t i = 0; b->have_snap && i < b->snap.n_counters; i++) {
		const struct snapshot_counter *sc = &b->snap.counters[i];
		if (sc->counter.number != kp->counter) {
			continue;
		}
		if (sc->counter.state != COUNTER_OPEN) {
			snprintf(text, KEYPROTO_DISPLAY_MAX + 1, "----");
			*flags |= KEYPROTO_DISPLAY_DIM;
		} else if (sc->has_ticket) {
			/* LEDs show ASCII letters and digits only. */
			size_t o = 0;
			for (const char *p = sc->ticket.number; *p && o < KEYPROTO_DISPLAY_MAX; p++) {
				if ((*p >= '0' && *p <= '9') || (*p >= 'A' && *p <= 'Z') || *p == '-') {
					text[o++] = *p;
				}
			}
			text[o] = '\0';
		}
	}
	if (keys_rating_open(b->keys, kp->counter)) {
		*flags |= KEYPROTO_DISPLAY_RATING;
	}
}

static void went_offline(struct keypad *kp, int64_t now)
{
	if (kp->online) {
		LOG_WARN("keypad %u (counter %d) does not answer; retrying every %d s",
			kp->addr, kp->counter, OFFLINE_RETRY_MS / 1000);
	}
	kp->online = false;
	kp->need_hello = true;
	kp->need_regreet = false;
	kp->next_due = now + OFFLINE_RETRY_MS;
}

/*
 * Notes the session of a reply. A new session means the keypad restarted:
 * its event numbers begin again and its display is blank. A flushing
 * HELLO starts afresh anyway, so its reply only teaches the session.
 */
static void note_session(struct keypad *kp, const struct keyproto_frame *rep, bool greeting)
{
	uint8_t s = keyproto_reply_session(rep);
	if (s == 0) {
		return;
	}
	if (!greeting && kp->session && s != kp->session) {
		LOG_WARN("keypad %u (counter %d) restarted (session %u, was %u); greeting it again",
			kp->addr, kp->counter, s, kp->session);
		kp->last_event = 0;
		kp->shown_valid = false;
		kp->need_regreet = true;
	}
	kp->session = s;
}

static void note_info(struct keypad *kp, const struct keyproto_frame *rep)
{
	struct keyproto_info info;
	if (!keyproto_parse_info(rep, &info)) {
		return;
	}
	if (kp->proto != info.version) {
		LOG_INFO("keypad %u: protocol %u, firmware %u.%u, %u keys", kp->addr, info.version,
			info.fw_major, info.fw_minor, info.keys);
	}
	kp->proto = info.version;
}

static void handle_key(struct bridge *b, struct keypad *kp, const struct keyproto_frame *f)
{
	uint8_t event, key;
	uint16_t arg;
	if (!keyproto_parse_key(f, &event, &key, &arg)) {
		LOG_WARN("keypad %u: malformed key event", kp->addr);
		return;
	}
	if (event == kp->last_event) {
		/* Our acknowledgement was lost; the keypad sent it again. */
		LOG_DBG("keypad %u: event %u already done", kp->addr, event);
		return;
	}
	kp->last_event = event;
	LOG_INFO("keypad %u (counter %d): key %s arg %u (event %u)", kp->addr, kp->counter,
		keyproto_key_name(key), arg, event);
	bool ok = keys_execute(b->keys, kp->counter, key, arg);
	kp->pending_beep = ok ? KEYPROTO_BEEP_OK : KEYPROTO_BEEP_ERROR;
	/* Our own commit does not show in data_version: re-read now. */
	refresh(b);
}

/* One transaction with kp. */
static void service_keypad(struct bridge *b, struct keypad *kp, int64_t now)
{
	struct keyproto_frame req, rep;
	char text[KEYPROTO_DISPLAY_MAX + 1];
	uint8_t flags;
	uint8_t seq = kp->seq++;
	enum { HELLO, REGREET, BEEP, DISPLAY, POLL } what;

	wanted_display(b, kp, text, &flags);
	if (kp->need_hello) {
		what = HELLO;
		keyproto_make_hello(&req, kp->addr, seq);
	} else if (kp->need_regreet) {
		what = REGREET;
		keyproto_make_hello_v2(&req, kp->addr, seq, KEYPROTO_HELLO_KEEP);
	} else if (kp->pending_beep) {
		what = BEEP;
		keyproto_make_beep(&req, kp->addr, seq, (uint8_t)kp->pending_beep);
	} else if (!kp->shown_valid || strcmp(text, kp->shown) || flags != kp->shown_flags) {
		what = DISPLAY;
		uint8_t send_flags = flags;
		if (text[0] && strcmp(text, kp->shown) && !(flags & KEYPROTO_DISPLAY_DIM)) {
			send_flags |= KEYPROTO_DISPLAY_BLINK;   /* a new number */
		}
		keyproto_make_display(&req, kp->addr, seq, send_flags, text);
	} else {
		what = POLL;
		if (kp->proto >= 2 && kp->session) {
			keyproto_make_poll_v2(&req, kp->addr, seq, kp->last_event, kp->session);
		} else {
			keyproto_make_poll(&req, kp->addr, seq, kp->last_event);
		}
	}

	if (!link_transact(b->link, &req, &rep, kp->online ? RETRIES : 0)) {
		went_offline(kp, now);
		return;
	}
	if (rep.cmd == KEYPROTO_NACK) {
		LOG_WARN("keypad %u refused command 0x%02x (reason %u)", kp->addr, req.cmd,
			rep.len ? rep.payload[0] : 0);
	}
	if (!kp->online) {
		LOG_INFO("keypad %u (counter %d) online", kp->addr, kp->counter);
	}
	kp->online = true;
	kp->next_due = now + POLL_INTERVAL_MS;
	note_session(kp, &rep, what == HELLO);
	switch (what) {
	case HELLO:
		note_info(kp, &rep);
		kp->need_hello = false;
		kp->last_event = 0;
		kp->shown_valid = false;
		kp->next_due = now;
		break;
	case REGREET:
		note_info(kp, &rep);
		kp->need_regreet = false;
		kp->next_due = now;
		break;
	case BEEP:
		kp->pending_beep = 0;
		kp->next_due = now;
		break;
	case DISPLAY:
		snprintf(kp->shown, sizeof(kp->shown), "%s", text);
		kp->shown_flags = flags;
		kp->shown_valid = true;
		break;
	case POLL:
		if (rep.cmd == KEYPROTO_KEY) {
			handle_key(b, kp, &rep);
			kp->next_due = now;   /* acknowledge and answer without delay */
		}
		break;
	}
}

static int64_t next_deadline(struct bridge *b, int64_t next_db)
{
	int64_t d = next_db < b->next_stats ? next_db : b->next_stats;
	for (size_t i = 0; i < b->n_keypads; i++) {
		struct keypad *kp = &b->keypads[i];
		if (kp->next_due < d) {
			d = kp->next_due;
		}
		/* The rating light goes off when the window closes. */
		int64_t rd = keys_rating_deadline(b->keys, kp->counter);
		if (rd && rd < d) {
			d = rd;
		}
	}
	return d;
}

/* Logs the bus's bad frames once a period, and only when there were new ones. */
static void log_bus_errors(struct bridge *b, int64_t now)
{
	if (now < b->next_stats) {
		return;
	}
	b->next_stats = now + b->stats_ms;
	const struct keyproto_decoder *st = link_stats(b->link);
	if (st->bad_crc == b->logged_bad_crc && st->bad_format == b->logged_bad_format) {
		return;
	}
	LOG_WARN("bus: %u bad CRC, %u malformed frames in the last %d s (%u and %u since start); "
		"if this grows, check termination, bias and the A/B pair",
		st->bad_crc - b->logged_bad_crc, st->bad_format - b->logged_bad_format,
		b->stats_ms / 1000, st->bad_crc, st->bad_format);
	b->logged_bad_crc = st->bad_crc;
	b->logged_bad_format = st->bad_format;
}

static void run(struct bridge *b)
{
	b->next_stats = clock_mono_ms() + b->stats_ms;
	int64_t next_db = 0;
	while (!quit) {
		int64_t now = clock_mono_ms();
		if (now >= next_db) {
			if (desk_changed(b->desk, &b->watch) || !b->have_snap) {
				refresh(b);
			}
			next_db = now + DB_CHECK_MS;
		}
		log_bus_errors(b, now);
		for (size_t i = 0; i < b->n_keypads && !quit; i++) {
			if (clock_mono_ms() >= b->keypads[i].next_due) {
				service_keypad(b, &b->keypads[i], clock_mono_ms());
			}
		}
		int64_t wait = next_deadline(b, next_db) - clock_mono_ms();
		if (wait > 0) {
			poll(NULL, 0, (int)wait);
		}
	}
}

static bool add_keypad(struct bridge *b, int addr, int counter)
{
	if (addr < 1 || addr > 247 || counter < 1) {
		fprintf(stderr, "motcua-keypad: địa chỉ bàn phím phải từ 1 đến 247 và số quầy từ 1 "
			"trở lên\n");
		return false;
	}
	if (b->n_keypads == MAX_KEYPADS) {
		fprintf(stderr, "motcua-keypad: nhiều nhất %d bàn phím\n", MAX_KEYPADS);
		return false;
	}
	struct keypad *kp = &b->keypads[b->n_keypads++];
	memset(kp, 0, sizeof(*kp));
	kp->addr = (uint8_t)addr;
	kp->counter = counter;
	kp->online = true;        /* until proven otherwise: full retries first */
	kp->need_hello = true;
	kp->proto = 1;
	kp->seq = 1;
	return true;
}

/* Default mapping: keypad address N serves counter N, for every counter. */
static bool add_all_counters(struct bridge *b)
{
	struct snapshot s;
	struct result r;
	if (!desk_snapshot(b->desk, &s, &r)) {
		fprintf(stderr, "motcua-keypad: %s\n", r.msg);
		return false;
	}
	size_t n = s.n_counters;
	struct counter *cs = xcalloc(n + 1, sizeof(*cs));
	for (size_t i = 0; i < n; i++) {
		cs[i] = s.counters[i].counter;
	}
	snapshot_finish(&s);
	for (size_t i = 0; i < n; i++) {
		if (cs[i].number <= 247) {
			add_keypad(b, cs[i].number, cs[i].number);
		}
	}
	free(cs);
	if (b->n_keypads == 0) {
		fprintf(stderr, "motcua-keypad: cơ sở dữ liệu chưa có quầy nào (thêm bằng `motcua "
			"counter add`)\n");
		return false;
	}
	return true;
}

/* --scan: no database, nothing but the bus. */
static int scan(const char *port, int answer_ms, int lo, int hi)
{
	struct result r;
	struct link *l = link_open(port, answer_ms, &r);
	if (!l) {
		fprintf(stderr, "motcua-keypad: %s\n", r.msg);
		return r.code == RESULT_ERR_INVALID ? 2 : EXIT_FAILURE;
	}
	int found = scan_bus(l, lo, hi, stdout);
	if (found) {
		printf("Tìm thấy %d bàn phím ở địa chỉ %d–%d.\n", found, lo, hi);
	} else {
		fprintf(stderr, "Không có bàn phím nào trả lời ở địa chỉ %d–%d trên %s: kiểm tra "
			"nguồn, dây A/B, điện trở đầu cuối và tốc độ baud.\n", lo, hi, port);
	}
	link_close(l);
	return found ? EXIT_SUCCESS : EXIT_FAILURE;
}

static void usage(FILE *f)
{
	fprintf(f,
		"Cách dùng: motcua-keypad --port SPEC [--db PATH] [--keypad ADDR=COUNTER]...\n"
		"                         [--timeout-ms MS] [--stats-s S]\n"
		"           motcua-keypad --port SPEC --scan FIRST-LAST [--timeout-ms MS]\n"
		"Nối các bàn phím gọi số có bảng LED ở các quầy (qua cổng nối tiếp, RS-485) với\n"
		"hàng chờ (firmware-notes/keypad-protocol.md).\n"
		"  --port SPEC           cổng nối tiếp, ví dụ /dev/motcua-keypads hoặc\n"
		"                        serial:/dev/ttyS0?baud=19200 (cùng cách viết với máy in;\n"
		"                        baud 1200..115200, mặc định 9600)\n"
		"  --db PATH             cơ sở dữ liệu (mặc định: $MOTCUA_DB, nếu không có thì\n"
		"                        /var/lib/motcua/motcua.db)\n"
		DESK_USAGE
		"  --keypad ADDR=COUNTER bàn phím ở địa chỉ ADDR trên đường dây phục vụ quầy\n"
		"                        COUNTER; lặp lại cho mỗi bàn phím. Mặc định: địa chỉ N\n"
		"                        là quầy N, cho mọi quầy trong cơ sở dữ liệu.\n"
		"  --timeout-ms MS       thời gian chờ trả lời thêm ngoài thời gian truyền khung\n"
		"                        (đảo chiều, bàn phím trả lời chậm, độ trễ bộ chuyển USB;\n"
		"                        mặc định %d)\n"
		"  --stats-s S           chu kỳ ghi tổng kết khung lỗi vào nhật ký (mặc định %d)\n"
		"  --scan FIRST-LAST     liệt kê các bàn phím trả lời ở các địa chỉ này (ví dụ\n"
		"                        1-32) rồi thoát: 0 nếu có bàn phím trả lời, 1 nếu không có\n"
		"  --help, --version\n",
		DEFAULT_ANSWER_MS, DEFAULT_STATS_S);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		DESK_LONG_OPTIONS,
		{ "port", required_argument, NULL, 'p' },
		{ "keypad", required_argument, NULL, 'k' },
		{ "timeout-ms", required_argument, NULL, 't' },
		{ "stats-s", required_argument, NULL, 's' },
		{ "scan", required_argument, NULL, 'S' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ 0 },
	};
	struct desk_options desk = { .mode = DB_READWRITE };
	const char *opt_port = NULL;
	int timeout_ms = DEFAULT_ANSWER_MS, scan_lo = 0, scan_hi = 0;
	int status = EXIT_FAILURE;
	struct bridge *b = xcalloc(1, sizeof(*b));
	struct result r;
	int c;

	log_init("motcua-keypad", LOG_LEVEL_INFO);
	b->stats_ms = DEFAULT_STATS_S * 1000;
	opterr = 0;  /* getopt's English errors: text_option_error words them */
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		if (desk_options_take(&desk, c, optarg)) {
			continue;
		}
		switch (c) {
		case 'd': desk.db = optarg; break;
		case 'p': opt_port = optarg; break;
		case 'k': {
			int addr, counter;
			char extra;
			if (sscanf(optarg, "%d=%d%c", &addr, &counter, &extra) != 2 ||
				!add_keypad(b, addr, counter)) {
				fprintf(stderr, "motcua-keypad: --keypad %s sai: cần dạng ĐỊA_CHỈ=QUẦY, ví dụ 1=1\n",
					optarg);
				status = 2;
				goto out;
			}
			break;
		}
		case 't': {
			long ms;
			if (!text_parse_long(optarg, 10, 5000, &ms)) {
				fprintf(stderr, "motcua-keypad: --timeout-ms %s sai: cần số từ 10 đến 5000\n",
					optarg);
				status = 2;
				goto out;
			}
			timeout_ms = (int)ms;
			break;
		}
		case 's': {
			long sec;
			if (!text_parse_long(optarg, 1, 86400, &sec)) {
				fprintf(stderr, "motcua-keypad: --stats-s %s sai: cần số từ 1 đến 86400\n", optarg);
				status = 2;
				goto out;
			}
			b->stats_ms = (int)sec * 1000;
			break;
		}
		case 'S':
			if (!scan_parse_range(optarg, &scan_lo, &scan_hi)) {
				fprintf(stderr, "motcua-keypad: --scan %s sai: cần dạng ĐẦU-CUỐI trong khoảng "
					"1..247, ví dụ 1-32\n", optarg);
				status = 2;
				goto out;
			}
			break;
		case 'h': usage(stdout); status = EXIT_SUCCESS; goto out;
		case 'V': printf("motcua-keypad %s\n", MOTCUA_VERSION); status = EXIT_SUCCESS; goto out;
		default: {
			char msg[160];
			text_option_error(c, argv, msg, sizeof(msg));
			fprintf(stderr, "motcua-keypad: %s (xem motcua-keypad --help)\n", msg);
			status = 2;
			goto out;
		}
		}
	}
	if (!opt_port || optind != argc || (scan_lo && (b->n_keypads || desk.db || desk.server))) {
		fprintf(stderr, "motcua-keypad: %s\n", !opt_port ? "thiếu --port (cổng nối tiếp của "
			"các bàn phím)" : optind != argc ? "thừa tham số" : "--scan không dùng cùng "
			"--keypad, --db hay --server");
		usage(stderr);
		status = 2;
		goto out;
	}
	if (scan_lo) {
		status = scan(opt_port, timeout_ms, scan_lo, scan_hi);
		goto out;
	}

	if (!desk_options_check(&desk, &r)) {
		fprintf(stderr, "motcua-keypad: %s\n", r.msg);
		status = 2;
		goto out;
	}
	b->desk = desk_open(&desk, &r);
	if (!b->desk) {
		fprintf(stderr, "motcua-keypad: %s\n", r.msg);
		goto out;
	}
	desk_use_zone(b->desk);
	if (b->n_keypads == 0 && !add_all_counters(b)) {
		goto out;
	}
	b->link = link_open(opt_port, timeout_ms, &r);
	if (!b->link) {
		fprintf(stderr, "motcua-keypad: %s\n", r.msg);
		status = r.code == RESULT_ERR_INVALID ? 2 : EXIT_FAILURE;
		goto out;
	}
	b->keys = keys_create(b->desk);
	for (size_t i = 0; i < b->n_keypads; i++) {
		struct counter ct;
		if (!desk_counter(b->desk, b->keypads[i].counter, &ct, NULL, 0, NULL)) {
			LOG_WARN("keypad %u: counter %d is not in the database; its keys will be "
				"refused until it is added", b->keypads[i].addr, b->keypads[i].counter);
		} else {
			LOG_INFO("keypad %u -> counter %d", b->keypads[i].addr, b->keypads[i].counter);
		}
	}

	struct sigaction sa = { .sa_handler = on_signal };
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	run(b);

	/* Blank every display on the way out so no stale number stays lit. */
	struct keyproto_frame f;
	keyproto_make_display(&f, KEYPROTO_BROADCAST, 0, 0, "");
	link_transact(b->link, &f, NULL, 0);
	const struct keyproto_decoder *st = link_stats(b->link);
	LOG_INFO("stopped: %u frames, %u bad CRC, %u bad format, %u stray bytes", st->frames,
		st->bad_crc, st->bad_format, st->stray);
	status = EXIT_SUCCESS;
out:
	keys_destroy(b->keys);
	link_close(b->link);
	snapshot_finish(&b->snap);
	desk_close(b->desk);
	free(b);
	return status;
}
