/*
 * A simulated bus of counter keypads for the bridge tests. It answers the
 * master like the reference firmware (firmware-notes/keypad-protocol.md)
 * for each --addr, takes orders from a control FIFO, and appends what it
 * receives to a log file the test script reads:
 *
 *   keypad_sim --pty FILE | --tty PATH  --control FIFO --log FILE --addr N...
 *              [--v1 N]... [--baud B]
 *
 *   --pty FILE   create a pseudo-terminal; write its slave path to FILE
 *   --tty PATH   use an existing terminal (e.g. the other end of a pty pair)
 *   --v1 N       keypad N speaks protocol version 1 (no session byte, and
 *                a POLL's ack counts only in the version 1 form)
 *   --baud B     take as long as a line at B baud would: each reply starts
 *                after the request's and the reply's wire time (a pty
 *                delivers at once)
 *
 * Every keypad waits KEYPROTO_TURNAROUND_MS before answering, and the log
 * says "EARLY us" when a request arrives sooner than that after a reply
 * (a master that would talk over a keypad still releasing the bus).
 *
 * Control lines:
 *   key ADDR KEY [ARG]   queue a key press (KEY as in enum keyproto_key, decimal)
 *   raw HEX...           write these bytes to the line now (noise, bad frames)
 *   corrupt ADDR         flip a CRC bit in ADDR's next reply
 *   mute ADDR N          ignore ADDR's next N requests (lost frames)
 *   ignore-ack ADDR      ignore the ack in ADDR's next POLL (lost acknowledgement)
 *   reset ADDR           ADDR restarts (power glitch, watchdog): events lost,
 *                        numbered from 1 again, a new session, blank display
 *   quit
 * Log lines: "HELLO a", "HELLO-KEEP a", "DISPLAY a flags text", "BEEP a pattern",
 *   "SENT-KEY a event key", "ACKED a event", "STALE-ACK a ack", "RESET a session",
 *   "RX-BAD n", "EARLY us".
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include "motcua/serial/keyproto.h"

#define MAX_ADDR 8
#define QUEUE 4

struct sim_keypad {
	int addr;
	uint8_t ev_seq[QUEUE], ev_key[QUEUE];
	uint16_t ev_arg[QUEUE];
	int n_ev;
	uint8_t next_event;
	int corrupt, mute;
	bool ignore_ack;
	int prev_cmd, prev_seq;   /* previous request, to spot retries */
	bool v1;                  /* protocol version 1 */
	uint8_t session;          /* this boot's session (version 2) */
};

static struct sim_keypad pads[MAX_ADDR];
static int n_pads;
static FILE *log_file;
static int tty = -1;
static int baud;                  /* 0: no line time */
static int64_t last_reply_us;     /* when the last reply was written */

static int64_t now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static void sleep_us(int64_t us)
{
	if (us > 0) {
		struct timespec ts = { .tv_sec = us / 1000000, .tv_nsec = (us % 1000000) * 1000 };
		while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
		}
	}
}

static int64_t wire_us(size_t bytes)
{
	return baud ? (int64_t)bytes * 10 * 1000000 / baud : 0;
}

static void logline(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void logline(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vfprintf(log_file, fmt, ap);
	va_end(ap);
	fputc('\n', log_file);
	fflush(log_file);
}

static struct sim_keypad *find(int addr)
{
	for (int i = 0; i < n_pads; i++) {
		if (pads[i].addr == addr) {
			return &pads[i];
		}
	}
	return NULL;
}

static void write_all(const uint8_t *b, size_t n)
{
	while (n > 0) {
		ssize_t w = write(tty, b, n);
		if (w < 0) {
			if (errno == EINTR || errno == EAGAIN) {
				continue;
			}
			perror("keypad_sim: write");
			exit(1);
		}
		b += w;
		n -= (size_t)w;
	}
}

static void reply(struct sim_keypad *p, const struct keyproto_frame *req,
	const struct keyproto_frame *f)
{
	uint8_t buf[KEYPROTO_MAX_WIRE];
	size_t n_req = keyproto_encode(req, buf, sizeof(buf));
	size_t n = keyproto_encode(f, buf, sizeof(buf));
	if (p->corrupt) {
		p->corrupt--;
		/* The CRC's high byte sits before ETX, maybe stuffed; flip a bit
		 * of the last payload-or-CRC byte that is not a framing byte. */
		for (size_t i = n - 2; i > 0; i--) {
			uint8_t c = buf[i] ^ 0x01;
			if (buf[i] != KEYPROTO_DLE && buf[i - 1] != KEYPROTO_DLE && c != KEYPROTO_STX &&
				c != KEYPROTO_ETX && c != KEYPROTO_DLE) {
				buf[i] = c;
				break;
			}
		}
	}
	sleep_us(wire_us(n_req) + KEYPROTO_TURNAROUND_MS * 1000 + wire_us(n));
	/* Stamped before writing: the master cannot have read the reply sooner. */
	last_reply_us = now_us();
	write_all(buf, n);
}

static void drop_acked(struct sim_keypad *p, uint8_t ack)
{
	while (p->n_ev && (uint8_t)(ack - p->ev_seq[0]) < 128) {
		logline("ACKED %d %u", p->addr, p->ev_seq[0]);
		memmove(p->ev_seq, p->ev_seq + 1, QUEUE - 1);
		memmove(p->ev_key, p->ev_key + 1, QUEUE - 1);
		memmove(p->ev_arg, p->ev_arg + 1, (QUEUE - 1) * sizeof(p->ev_arg[0]));
		p->n_ev--;
	}
}

static void handle(const struct keyproto_frame *f)
{
	if (f->cmd & KEYPROTO_REPLY) {
		return;
	}
	int64_t gap = now_us() - last_reply_us;
	if (last_reply_us && gap < KEYPROTO_TURNAROUND_MS * 1000) {
		logline("EARLY %lld (addr %u cmd 0x%02x)", (long long)gap, f->addr, f->cmd);
	}
	for (int i = 0; i < n_pads; i++) {
		struct sim_keypad *p = &pads[i];
		if (f->addr != p->addr && f->addr != KEYPROTO_BROADCAST) {
			continue;
		}
		if (p->mute) {
			p->mute--;
			continue;
		}
		bool answer = f->addr != KEYPROTO_BROADCAST;
		bool retry = answer && f->cmd == p->prev_cmd && f->seq == p->prev_seq;
		if (answer) {
			p->prev_cmd = f->cmd;
			p->prev_seq = f->seq;
		}
		struct keyproto_frame r;
		/* A KEY carries the session only when the POLL says the master reads it. */
		bool with_session = !p->v1 && (f->cmd != KEYPROTO_POLL || f->len >= 2);
		switch (f->cmd) {
		case KEYPROTO_HELLO:
			if (!p->v1 && f->len >= 1 && (f->payload[0] & KEYPROTO_HELLO_KEEP)) {
				logline("HELLO-KEEP %d", p->addr);
			} else {
				logline("HELLO %d", p->addr);
				p->n_ev = 0;
				p->next_event = 1;
			}
			keyproto_make_info(&r, (uint8_t)p->addr, f->seq, p->v1 ? 1 : KEYPROTO_VERSION, 1, 0,
				12);
			break;
		case KEYPROTO_POLL:
			if (!p->v1 && f->len >= 2 && f->payload[1] != p->session) {
				/* An acknowledgement for events of a previous boot. */
				logline("STALE-ACK %d %u", p->addr, f->payload[0]);
			} else if ((p->v1 ? f->len == 1 : f->len >= 1) && f->payload[0]) {
				/* Lose the first acknowledgement that would drop an event. */
				bool covers = p->n_ev && (uint8_t)(f->payload[0] - p->ev_seq[0]) < 128;
				if (p->ignore_ack && covers) {
					p->ignore_ack = false;
					logline("LOST-ACK %d %u", p->addr, f->payload[0]);
				} else {
					drop_acked(p, f->payload[0]);
				}
			}
			if (p->n_ev) {
				keyproto_make_key(&r, (uint8_t)p->addr, f->seq, p->ev_seq[0], p->ev_key[0],
					p->ev_arg[0]);
				logline("SENT-KEY %d %u %u", p->addr, p->ev_seq[0], p->ev_key[0]);
			} else {
				keyproto_make_status(&r, (uint8_t)p->addr, f->seq, 1);
			}
			break;
		case KEYPROTO_DISPLAY: {
			char text[KEYPROTO_DISPLAY_MAX + 1] = "";
			int n = f->len > 0 ? f->len - 1 : 0;
			memcpy(text, f->payload + 1, (size_t)n);
			text[n] = '\0';
			logline("DISPLAY %d %u %s", p->addr, f->len ? f->payload[0] : 0, text);
			keyproto_make_status(&r, (uint8_t)p->addr, f->seq, 1);
			break;
		}
		case KEYPROTO_BEEP:
			if (!retry) {
				logline("BEEP %d %u", p->addr, f->len ? f->payload[0] : 0);
			}
			keyproto_make_status(&r, (uint8_t)p->addr, f->seq, 1);
			break;
		default:
			r = (struct keyproto_frame){ .addr = (uint8_t)p->addr, .cmd = KEYPROTO_NACK,
				.seq = f->seq, .len = 1, .payload = { 1 } };
		}
		if (answer) {
			if (with_session) {
				keyproto_reply_add_session(&r, p->session);
			}
			reply(p, f, &r);
		}
	}
}

static bool control(char *line)
{
	int a, k, n;
	unsigned arg = 0;
	struct sim_keypad *p;
	line[strcspn(line, "\r\n")] = '\0';
	if (sscanf(line, "key %d %d %u", &a, &k, &arg) >= 2 && (p = find(a))) {
		if (p->n_ev == QUEUE) {
			logline("QUEUE-FULL %d", a);
			return true;
		}
		p->ev_seq[p->n_ev] = p->next_event;
		p->ev_key[p->n_ev] = (uint8_t)k;
		p->ev_arg[p->n_ev] = (uint16_t)arg;
		p->n_ev++;
		p->next_event = p->next_event == 255 ? 1 : p->next_event + 1;
	} else if (!strncmp(line, "raw ", 4)) {
		uint8_t b[256];
		size_t nb = 0;
		char *s = line + 4, *end;
		for (;;) {
			unsigned long v = strtoul(s, &end, 16);
			if (end == s || nb == sizeof(b)) {
				break;
			}
			b[nb++] = (uint8_t)v;
			s = end;
		}
		write_all(b, nb);
	} else if (sscanf(line, "corrupt %d", &a) == 1 && (p = find(a))) {
		p->corrupt++;
	} else if (sscanf(line, "mute %d %d", &a, &n) == 2 && (p = find(a))) {
		p->mute += n;
	} else if (sscanf(line, "ignore-ack %d", &a) == 1 && (p = find(a))) {
		p->ignore_ack = true;
	} else if (sscanf(line, "reset %d", &a) == 1 && (p = find(a))) {
		p->n_ev = 0;
		p->next_event = 1;
		p->prev_cmd = -1;
		p->corrupt = p->mute = 0;
		p->ignore_ack = false;
		p->session = p->session == 255 ? 1 : p->session + 1;
		logline("RESET %d %u", a, p->session);
	} else if (!strcmp(line, "quit")) {
		return false;
	} else if (line[0]) {
		logline("BAD-CONTROL %s", line);
	}
	return true;
}

static void make_raw(int fd)
{
	struct termios t;
	if (tcgetattr(fd, &t) == 0) {
		cfmakeraw(&t);
		tcsetattr(fd, TCSANOW, &t);
	}
}

int main(int argc, char **argv)
{
	const char *pty_file = NULL, *tty_path = NULL, *ctl_path = NULL, *log_path = NULL;
	for (int i = 1; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--pty")) {
			pty_file = argv[i + 1];
		} else if (!strcmp(argv[i], "--tty")) {
			tty_path = argv[i + 1];
		} else if (!strcmp(argv[i], "--control")) {
			ctl_path = argv[i + 1];
		} else if (!strcmp(argv[i], "--log")) {
			log_path = argv[i + 1];
		} else if (!strcmp(argv[i], "--addr") && n_pads < MAX_ADDR) {
			pads[n_pads].addr = atoi(argv[i + 1]);
			pads[n_pads].next_event = 1;
			pads[n_pads].prev_cmd = -1;
			pads[n_pads].session = (uint8_t)(pads[n_pads].addr % 200 + 1);
			n_pads++;
		} else if (!strcmp(argv[i], "--v1") && find(atoi(argv[i + 1]))) {
			find(atoi(argv[i + 1]))->v1 = true;
		} else if (!strcmp(argv[i], "--baud")) {
			baud = atoi(argv[i + 1]);
		} else {
			fprintf(stderr, "keypad_sim: bad argument %s\n", argv[i]);
			return 2;
		}
	}
	if ((!pty_file == !tty_path) || !ctl_path || !log_path || n_pads == 0) {
		fprintf(stderr, "usage: keypad_sim --pty FILE|--tty PATH --control FIFO --log FILE "
			"--addr N... [--v1 N]... [--baud B]\n");
		return 2;
	}
	log_file = fopen(log_path, "a");
	if (!log_file) {
		perror(log_path);
		return 1;
	}
	if (pty_file) {
		tty = posix_openpt(O_RDWR | O_NOCTTY);
		if (tty < 0 || grantpt(tty) || unlockpt(tty)) {
			perror("keypad_sim: pty");
			return 1;
		}
		make_raw(tty);
		FILE *f = fopen(pty_file, "w");
		if (!f) {
			perror(pty_file);
			return 1;
		}
		fprintf(f, "%s\n", ptsname(tty));
		fclose(f);
	} else {
		tty = open(tty_path, O_RDWR | O_NOCTTY);
		if (tty < 0) {
			perror(tty_path);
			return 1;
		}
		make_raw(tty);
	}
	int ctl = open(ctl_path, O_RDWR | O_NONBLOCK);
	if (ctl < 0) {
		perror(ctl_path);
		return 1;
	}
	logline("READY");

	struct keyproto_decoder dec;
	keyproto_decoder_init(&dec);
	char cbuf[1024];
	size_t cn = 0;
	unsigned last_bad = 0;
	for (;;) {
		struct pollfd pfd[2] = { { .fd = tty, .events = POLLIN }, { .fd = ctl, .events = POLLIN } };
		if (poll(pfd, 2, 10) < 0 && errno != EINTR) {
			perror("poll");
			return 1;
		}
		if (pfd[0].revents & POLLIN) {
			uint8_t b[256];
			ssize_t n = read(tty, b, sizeof(b));
			for (ssize_t i = 0; i < n; i++) {
				struct keyproto_frame f;
				if (keyproto_decoder_feed(&dec, b[i], &f) == KEYPROTO_FRAME) {
					handle(&f);
				}
			}
			unsigned bad = dec.bad_crc + dec.bad_format;
			if (bad != last_bad) {
				logline("RX-BAD %u", bad);
				last_bad = bad;
			}
		} else if (pfd[0].revents & POLLHUP) {
			/* master not open yet (pty slave closed): wait */
			usleep(20000);
		} else {
			/* 10 ms of silence: drop a partial frame (inter-byte timeout). */
			keyproto_decoder_reset(&dec);
		}
		if (pfd[1].revents & POLLIN) {
			ssize_t n = read(ctl, cbuf + cn, sizeof(cbuf) - 1 - cn);
			if (n > 0) {
				cn += (size_t)n;
				cbuf[cn] = '\0';
				char *nl;
				while ((nl = strchr(cbuf, '\n'))) {
					*nl = '\0';
					if (!control(cbuf)) {
						return 0;
					}
					size_t used = (size_t)(nl + 1 - cbuf);
					memmove(cbuf, nl + 1, cn - used + 1);
					cn -= used;
				}
			}
		}
	}
}
