/*
 * motcua-printer-sim: a virtual 80 mm ESC/POS thermal printer.
 *
 * It opens a pseudo-terminal, points a symlink (--link) at its slave side,
 * reads what a host writes there, interprets it (interp.c), answers DLE EOT
 * status requests and saves every cut ticket as a PNG in --out.
 *
 * Faults are switched at run time by writing lines to the control FIFO
 * (--control, created if missing), e.g. `echo "paper out" > FIFO`:
 *   paper out | paper ok          paper end sensor (offline, nothing printed)
 *   paper after N                 paper runs out after N more bytes of print data
 *   near-end on | near-end off    paper near-end sensor
 *   cover open | cover closed
 *   error on | error off          unrecoverable error (e.g. cutter jam)
 *   silent on | silent off        no status replies (data still consumed)
 *   unplug | plug                 stop reading entirely / reconnect (drops the partial job)
 *   unplug after N                unplug once N more bytes were read (cable pulled mid-job)
 *   baud N                        read at N baud (10 bits a byte); 0 = as fast as possible
 *   late MS | late MS after N     status replies go out MS late (a busy printer), at
 *                                 once or once N more bytes were read; late 0 = on time
 *   xoff | xoff after N | xon     hold the host with XOFF (0x13: a host using
 *                                 flow=xonxoff sends nothing more), now or after N
 *                                 more bytes; release with XON (0x11)
 *   quit
 * Signals: SIGUSR1 toggles paper out, SIGUSR2 toggles cover open,
 * SIGINT/SIGTERM quit (the symlink is removed).
 *
 * A command left half-received for RX_IDLE_MS (the host gave up mid-job and
 * closed) is dropped, so the next host's status requests are answered
 * instead of being swallowed as the rest of, say, a 10 KB NV image.
 *
 * After every change (command applied, ticket cut, status answered) the
 * state is rewritten atomically to OUT/state (key=value lines), so tests
 * can poll it instead of sleeping. Start reading main().
 */
#define LOG_MODULE "sim"
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>
#include <SDL.h>
#include <SDL_image.h>
#include "interp.h"
#include "motcua/base/clock.h"
#include "motcua/base/log.h"
#include "motcua/base/paths.h"
#include "motcua/print/raster.h"
#include "motcua/base/xalloc.h"

/* Quiet time after which a half-received command is dropped. */
#define RX_IDLE_MS 1000

struct sim {
	const char *out_dir;
	const char *link;
	char *nv_path;         /* where NV graphics persist */
	int master, slave_keep;
	int ctl;
	char ctl_buf[512];
	size_t ctl_len;
	struct interp *in;
	bool unplugged;
	long unplug_after;     /* bytes until "unplugged"; < 0: never */
	bool silent;
	int baud;
	int64_t pace_t0;       /* clock_mono_ms when pacing (re)started */
	long pace_bytes;       /* bytes read since pace_t0 */
	int64_t last_rx;       /* clock_mono_ms of the last byte read from the host */
	bool quit;
	char last_png[512];
	int last_rows;         /* height of the last saved ticket */
	int late_ms;           /* status replies are delayed by this much */
	long late_after;       /* bytes until late_ms applies; < 0: already */
	long xoff_after;       /* bytes until XOFF is sent; < 0: never */
	bool xoff;             /* XOFF sent, no XON since */
	struct { uint8_t byte; int64_t due; } late[256];  /* delayed replies, in order */
	int n_late;
};

static volatile sig_atomic_t sig_quit, sig_usr1, sig_usr2;

static void on_signal(int sig)
{
	if (sig == SIGUSR1) {
		sig_usr1 = 1;
	} else if (sig == SIGUSR2) {
		sig_usr2 = 1;
	} else {
		sig_quit = 1;
	}
}

static void write_state(struct sim *s)
{
	const struct interp_faults *f = interp_faults(s->in);
	const struct interp_stats *st = interp_stats(s->in);
	char *tmp = xasprintf("%s/.state.tmp", s->out_dir);
	char *dst = xasprintf("%s/state", s->out_dir);
	FILE *fp = fopen(tmp, "w");
	if (fp) {
		fprintf(fp, "paper_out=%d\nnear_end=%d\ncover_open=%d\nerror=%d\nsilent=%d\n"
			"unplugged=%d\nbaud=%d\ntickets=%ld\nnv_writes=%ld\nbytes=%ld\n"
			"status_replies=%ld\ndiscarded_jobs=%ld\nabandoned=%ld\npaper_left=%ld\n"
			"unplug_after=%ld\nlast_png=%s\nlast_rows=%d\nblank_cuts=%ld\nlate_ms=%d\n"
			"late_after=%ld\nxoff=%d\nxoff_after=%ld\n",
			f->paper_out, f->near_end, f->cover_open, f->error, s->silent, s->unplugged,
			s->baud, st->tickets, st->nv_writes, st->bytes, st->status_replies,
			st->discarded_jobs, st->abandoned, f->paper_left, s->unplug_after, s->last_png,
			s->last_rows, st->blank_cuts, s->late_ms, s->late_after, s->xoff, s->xoff_after);
		fclose(fp);
		rename(tmp, dst);
	}
	free(tmp);
	free(dst);
}

/* Saves a cut ticket as OUT/ticket-NNNN.png (written to a temp name, then renamed). */
static void on_cut(void *ud, const struct raster *t)
{
	struct sim *s = ud;
	SDL_Surface *surf = SDL_CreateRGBSurfaceWithFormat(0, t->w, t->h, 24, SDL_PIXELFORMAT_RGB24);
	if (surf == NULL) {
		LOG_ERR("SDL_CreateRGBSurface: %s", SDL_GetError());
		return;
	}
	for (int y = 0; y < t->h; y++) {
		uint8_t *row = (uint8_t *)surf->pixels + (size_t)y * surf->pitch;
		for (int x = 0; x < t->w; x++) {
			uint8_t v = raster_get(t, x, y) ? 0 : 255;
			row[3 * x] = row[3 * x + 1] = row[3 * x + 2] = v;
		}
	}
	long n = interp_stats(s->in)->tickets;
	char *tmp = xasprintf("%s/.ticket.tmp.png", s->out_dir);
	snprintf(s->last_png, sizeof s->last_png, "%s/ticket-%04ld.png", s->out_dir, n);
	if (IMG_SavePNG(surf, tmp) != 0 || rename(tmp, s->last_png) != 0) {
		LOG_ERR("cannot save %s: %s", s->last_png, SDL_GetError());
	} else {
		s->last_rows = t->h;
		LOG_INFO("ticket %ld: %s (%dx%d)", n, s->last_png, t->w, t->h);
	}
	free(tmp);
	SDL_FreeSurface(surf);
}

/* Sends XOFF (hold) or XON (release) to the host. */
static void flow_char(struct sim *s, bool hold)
{
	uint8_t c = hold ? 0x13 : 0x11;
	if (write(s->master, &c, 1) != 1) {
		LOG_WARN("cannot send %s: %s", hold ? "XOFF" : "XON", strerror(errno));
	}
	s->xoff = hold;
	s->xoff_after = -1;
}

/* Sends replies now, or queues them when they are to be late. */
static void send_replies(struct sim *s, const uint8_t *reply, size_t n)
{
	if (s->late_ms > 0 && s->late_after < 0) {
		for (size_t i = 0; i < n && s->n_late < (int)(sizeof s->late / sizeof s->late[0]); i++) {
			s->late[s->n_late].byte = reply[i];
			s->late[s->n_late++].due = clock_mono_ms() + s->late_ms;
		}
		return;
	}
	if (n && write(s->master, reply, n) != (ssize_t)n) {
		LOG_WARN("status reply lost: %s", strerror(errno));
	}
}

/* Sends the late replies that are due; lowers *wait_ms to the next one. */
static void send_late(struct sim *s, int *wait_ms)
{
	int64_t now = clock_mono_ms();
	int sent = 0;
	while (sent < s->n_late && s->late[sent].due <= now) {
		if (write(s->master, &s->late[sent].byte, 1) != 1) {
			LOG_WARN("late status reply lost: %s", strerror(errno));
		}
		sent++;
	}
	memmove(s->late, s->late + sent, (size_t)(s->n_late - sent) * sizeof s->late[0]);
	s->n_late -= sent;
	if (s->n_late > 0) {
		int left = (int)(s->late[0].due - now);
		if (*wait_ms < 0 || left < *wait_ms) {
			*wait_ms = left < 0 ? 0 : left;
		}
	}
}

static void command(struct sim *s, char *line)
{
	struct interp_faults *f = interp_faults(s->in);
	char a[32] = "", b[32] = "";
	sscanf(line, "%31s %31s", a, b);
	bool on = strcmp(b, "on") == 0 || strcmp(b, "out") == 0 || strcmp(b, "open") == 0;
	if (strcmp(a, "paper") == 0 && strcmp(b, "after") == 0) {
		f->paper_left = atol(line + strlen("paper after"));
	} else if (strcmp(a, "paper") == 0) {
		f->paper_out = on;
	} else if (strcmp(a, "near-end") == 0) {
		f->near_end = on;
	} else if (strcmp(a, "cover") == 0) {
		f->cover_open = on;
	} else if (strcmp(a, "error") == 0) {
		f->error = on;
	} else if (strcmp(a, "silent") == 0) {
		s->silent = on;
		interp_set_silent(s->in, on);
	} else if (strcmp(a, "unplug") == 0 && strcmp(b, "after") == 0) {
		s->unplug_after = atol(line + strlen("unplug after"));
	} else if (strcmp(a, "unplug") == 0) {
		s->unplugged = true;
	} else if (strcmp(a, "plug") == 0) {
		if (s->unplugged) {
			tcflush(s->master, TCIOFLUSH);
			interp_reset_parser(s->in);
		}
		s->unplugged = false;
	} else if (strcmp(a, "late") == 0) {
		long after = -1;
		sscanf(line, "%*s %*s after %ld", &after);
		s->late_ms = atoi(b);
		s->late_after = after > 0 ? after : -1;
	} else if (strcmp(a, "xoff") == 0 && strcmp(b, "after") == 0) {
		s->xoff_after = atol(line + strlen("xoff after"));
		if (s->xoff_after <= 0) {
			flow_char(s, true);
		}
	} else if (strcmp(a, "xoff") == 0 || strcmp(a, "xon") == 0) {
		flow_char(s, strcmp(a, "xoff") == 0);
	} else if (strcmp(a, "baud") == 0) {
		s->baud = atoi(b);
		s->pace_t0 = clock_mono_ms();
		s->pace_bytes = 0;
	} else if (strcmp(a, "quit") == 0) {
		s->quit = true;
	} else if (a[0]) {
		LOG_WARN("unknown control command \"%s\"", line);
		return;
	}
	LOG_INFO("control: %s", line);
}

static void read_control(struct sim *s)
{
	ssize_t n = read(s->ctl, s->ctl_buf + s->ctl_len, sizeof s->ctl_buf - 1 - s->ctl_len);
	if (n <= 0) {
		return;
	}
	s->ctl_len += (size_t)n;
	s->ctl_buf[s->ctl_len] = '\0';
	char *nl;
	while ((nl = strchr(s->ctl_buf, '\n')) != NULL) {
		*nl = '\0';
		command(s, s->ctl_buf);
		size_t used = (size_t)(nl + 1 - s->ctl_buf);
		memmove(s->ctl_buf, nl + 1, s->ctl_len - used + 1);
		s->ctl_len -= used;
	}
	if (s->ctl_len == sizeof s->ctl_buf - 1) {
		s->ctl_len = 0;  /* an endless line: drop it */
	}
	write_state(s);
}

/* How many bytes pacing allows now, and ms until the next one (-1: no limit). */
static long pace_budget(struct sim *s, int *wait_ms)
{
	*wait_ms = -1;
	if (s->baud <= 0) {
		return 4096;
	}
	int64_t elapsed = clock_mono_ms() - s->pace_t0;
	long allowed = (long)(elapsed * s->baud / 10000) - s->pace_bytes;
	if (allowed <= 0) {
		*wait_ms = 1 + (int)(10000 / s->baud);
		return 0;
	}
	if (elapsed > 1000) {  /* keep the window short so idle time is not saved up */
		s->pace_t0 = clock_mono_ms();
		s->pace_bytes = 0;
	}
	return allowed > 4096 ? 4096 : allowed;
}

static void read_host(struct sim *s, long budget)
{
	uint8_t buf[4096], reply[64];
	if (s->unplug_after >= 0 && budget > s->unplug_after) {
		budget = s->unplug_after;
	}
	if (s->xoff_after >= 0 && budget > s->xoff_after) {
		budget = s->xoff_after;  /* read up to the byte after which XOFF goes out */
	}
	if (s->late_after >= 0 && budget > s->late_after) {
		budget = s->late_after;  /* replies before it are on time, after it late */
	}
	if (budget == 0 && s->unplug_after == 0) {
		s->unplugged = true;
		s->unplug_after = -1;
		write_state(s);
		return;
	}
	if (budget == 0) {
		return;  /* the loop settles xoff_after / late_after first */
	}
	ssize_t n = read(s->master, buf, (size_t)(budget < (long)sizeof buf ? budget : (long)sizeof buf));
	if (n <= 0) {
		return;
	}
	s->pace_bytes += n;
	s->last_rx = clock_mono_ms();
	if (s->unplug_after >= 0) {
		s->unplug_after -= n;
	}

	size_t rlen = 0;
	long before = interp_stats(s->in)->status_replies;
	long tickets = interp_stats(s->in)->tickets;
	long nv_writes = interp_stats(s->in)->nv_writes;
	interp_feed(s->in, buf, (size_t)n, reply, sizeof reply, &rlen);
	if (interp_stats(s->in)->nv_writes != nv_writes) {
		interp_nv_save(s->in, s->nv_path);
	}
	send_replies(s, reply, rlen);
	if (s->late_after > 0) {
		s->late_after -= n;  /* replies to later bytes are late */
		s->late_after = s->late_after == 0 ? -1 : s->late_after;
	}
	if (s->xoff_after >= 0) {
		s->xoff_after -= n;
		if (s->xoff_after == 0) {
			flow_char(s, true);
			write_state(s);
		}
	}
	if (interp_stats(s->in)->status_replies != before || interp_stats(s->in)->tickets != tickets
		|| interp_stats(s->in)->nv_writes != nv_writes) {
		write_state(s);
	}
}

/*
 * Drops a half-received command once the host has been quiet for
 * RX_IDLE_MS with nothing waiting to be read; else lowers *wait_ms so the
 * loop wakes up in time to check again.
 */
static void check_abandoned(struct sim *s, int *wait_ms)
{
	if (s->unplugged || interp_pending(s->in) == 0) {
		return;
	}
	int64_t left = s->last_rx + RX_IDLE_MS - clock_mono_ms();
	if (left <= 0) {
		struct pollfd pfd = {.fd = s->master, .events = POLLIN};
		if (poll(&pfd, 1, 0) == 1) {
			s->last_rx = clock_mono_ms();  /* more is waiting: only pacing holds it back */
			return;
		}
		interp_abandon(s->in);
		write_state(s);
		return;
	}
	if (*wait_ms < 0 || left < *wait_ms) {
		*wait_ms = (int)left;
	}
}

static bool open_pty(struct sim *s)
{
	s->master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (s->master < 0 || grantpt(s->master) != 0 || unlockpt(s->master) != 0) {
		LOG_ERR("cannot create a pseudo-terminal: %s", strerror(errno));
		return false;
	}
	const char *slave = ptsname(s->master);
	/* Keep the slave open so the master never sees a hangup between clients. */
	s->slave_keep = open(slave, O_RDWR | O_NOCTTY | O_CLOEXEC);
	struct termios t;
	if (s->slave_keep < 0 || tcgetattr(s->slave_keep, &t) != 0) {
		LOG_ERR("cannot open %s: %s", slave, strerror(errno));
		return false;
	}
	cfmakeraw(&t);
	tcsetattr(s->slave_keep, TCSANOW, &t);
	chmod(slave, 0666);
	unlink(s->link);
	if (symlink(slave, s->link) != 0) {
		LOG_ERR("cannot create symlink %s: %s", s->link, strerror(errno));
		return false;
	}
	int fl = fcntl(s->master, F_GETFL);
	fcntl(s->master, F_SETFL, fl | O_NONBLOCK);
	printf("%s -> %s\n", s->link, slave);
	fflush(stdout);
	return true;
}

static void usage(FILE *fp)
{
	fprintf(fp, "usage: motcua-printer-sim --link PATH --out DIR [--control FIFO] [--width DOTS]\n"
		"       [--baud N] [--paper-out] [--near-end] [--cover-open] [--silent]\n"
		"       [--nv-store FILE]  (NV graphics memory; default DIR/nv-memory.bin)\n"
		"See the comment at the top of src/printer-sim/main.c for control commands.\n");
}

int main(int argc, char **argv)
{
	struct sim s = {.master = -1, .slave_keep = -1, .ctl = -1, .unplug_after = -1,
		.late_after = -1, .xoff_after = -1};
	const char *control = NULL;
	int width = RASTER_WIDTH_80MM;
	bool paper_out = false, near_end = false, cover = false;
	int ret = 1;
	static const struct option opts[] = {
		{"link", required_argument, 0, 'l'}, {"out", required_argument, 0, 'o'},
		{"control", required_argument, 0, 'c'}, {"width", required_argument, 0, 'w'},
		{"baud", required_argument, 0, 'b'}, {"paper-out", no_argument, 0, 'p'},
		{"near-end", no_argument, 0, 'n'}, {"cover-open", no_argument, 0, 'v'},
		{"silent", no_argument, 0, 's'}, {"nv-store", required_argument, 0, 'N'},
		{"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
	log_init("motcua-printer-sim", LOG_LEVEL_INFO);
	for (int c; (c = getopt_long(argc, argv, "l:o:c:w:b:pnvsN:h", opts, NULL)) != -1;) {
		switch (c) {
		case 'l': s.link = optarg; break;
		case 'o': s.out_dir = optarg; break;
		case 'c': control = optarg; break;
		case 'w': width = atoi(optarg); break;
		case 'b': s.baud = atoi(optarg); break;
		case 'p': paper_out = true; break;
		case 'n': near_end = true; break;
		case 'v': cover = true; break;
		case 's': s.silent = true; break;
		case 'N': s.nv_path = xstrdup(optarg); break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (s.link == NULL || s.out_dir == NULL || width < 8 || width > 4096) {
		usage(stderr);
		return 2;
	}
	mkdir(s.out_dir, 0755);
	if (s.nv_path == NULL) {
		s.nv_path = xasprintf("%s/nv-memory.bin", s.out_dir);
	}
	/* The printer's own font: DejaVu Sans Bold in 12x24 cells (no slashed zero). */
	char *glyph_font = xstrdup(paths_font(true));
	if (!raster_text_init()) {
		goto out;
	}
	s.in = interp_create(width, glyph_font, on_cut, &s);
	interp_nv_load(s.in, s.nv_path);
	struct interp_faults *f = interp_faults(s.in);
	f->paper_out = paper_out;
	f->near_end = near_end;
	f->cover_open = cover;
	interp_set_silent(s.in, s.silent);
	if (control) {
		if (mkfifo(control, 0666) != 0 && errno != EEXIST) {
			LOG_ERR("cannot create FIFO %s: %s", control, strerror(errno));
			goto out;
		}
		/* O_RDWR: the FIFO never reports end-of-file between writers. */
		s.ctl = open(control, O_RDWR | O_NONBLOCK | O_CLOEXEC);
		if (s.ctl < 0) {
			LOG_ERR("cannot open FIFO %s: %s", control, strerror(errno));
			goto out;
		}
	}
	if (!open_pty(&s)) {
		goto out;
	}
	struct sigaction sa = {.sa_handler = on_signal};
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGUSR1, &sa, NULL);
	sigaction(SIGUSR2, &sa, NULL);
	s.pace_t0 = clock_mono_ms();
	write_state(&s);
	while (!s.quit && !sig_quit) {
		if (sig_usr1 || sig_usr2) {
			f->paper_out ^= sig_usr1;
			f->cover_open ^= sig_usr2;
			sig_usr1 = sig_usr2 = 0;
			write_state(&s);
		}
		int wait_ms = -1;
		long budget = s.unplugged ? 0 : pace_budget(&s, &wait_ms);
		check_abandoned(&s, &wait_ms);
		send_late(&s, &wait_ms);
		struct pollfd pfd[2] = {
			{.fd = s.ctl, .events = POLLIN},
			{.fd = budget > 0 ? s.master : -1, .events = POLLIN},
		};
		int pr = poll(pfd, 2, wait_ms);
		if (pr < 0 && errno != EINTR) {
			LOG_ERR("poll: %s", strerror(errno));
			break;
		}
		if (pr > 0 && (pfd[0].revents & POLLIN)) {
			read_control(&s);
		}
		if (pr > 0 && (pfd[1].revents & POLLIN)) {
			read_host(&s, budget);
		}
	}
	ret = 0;
out:
	if (s.link && s.master >= 0) {
		unlink(s.link);
	}
	if (s.ctl >= 0) {
		close(s.ctl);
	}
	if (s.master >= 0) {
		close(s.master);
	}
	if (s.slave_keep >= 0) {
		close(s.slave_keep);
	}
	interp_destroy(s.in);
	free(glyph_font);
	free(s.nv_path);
	return ret;
}
