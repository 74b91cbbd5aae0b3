/*
 * motcua-printer-sim: a virtual ESC/POS thermal printer.
 *
 * It opens a pseudo-terminal, points a symlink (--link) at its slave side
 * (or listens on 127.0.0.1 with --tcp PORT, one connection at a time, as a
 * network printer's port 9100 does: host.h), reads what a host writes
 * there, interprets it (interp.c), answers DLE EOT status requests and
 * saves every cut ticket as a PNG in --out.
 *
 * --profile NAME plays one printer profile (motcua/print/printer_profile.h):
 * its width, its NV command set (GS ( L, FS q/FS p or none), QR codes or
 * not, its completion reply (GS ( H, GS r, none), ESC a for images, and its
 * speed: in-order replies (GS ( H, GS r, GS I, GS ( L queries) go out only
 * once the paper before them has been printed at that speed. Without a
 * profile every command is known and printing takes no time.
 *
 * Writing NV memory (GS ( L fn 67, FS q) takes --nv-write-ms (default
 * 300 with a profile, 0 without; "nv-write MS" at run time): meanwhile the
 * printer reads nothing, real-time requests included, as Epson's do; the
 * host's bytes wait in the line (a flow-controlled line holds the host).
 *
 * --one-way plays a USB printer without a return channel (usblp without
 * "Bidirectional"): nothing is ever answered.
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
 *   dip21 on | dip21 off          DIP switch 2-1: OFF makes the printer BUSY while out
 *                                 of paper, cover open or in error: it reads nothing
 *                                 and repeats XOFF, so the host cannot even ask its
 *                                 status; ON (default, the advice): faults are answered
 *   nv-write MS                   time one NV write takes
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
#include "host.h"
#include "interp.h"
#include "motcua-config.h"
#include "motcua/base/clock.h"
#include "motcua/base/log.h"
#include "motcua/base/paths.h"
#include "motcua/print/printer_profile.h"
#include "motcua/print/raster.h"
#include "motcua/base/xalloc.h"

/* Quiet time after which a half-received command is dropped. */
#define RX_IDLE_MS 1000

/* Default time one NV definition takes to store. */
#define NV_WRITE_MS 300
/* How often a printer BUSY for a fault repeats XOFF. */
#define FAULT_XOFF_MS 100
/* In-order replies waiting for the work before them. */
#define DONE_MAX 64

struct sim {
	const char *out_dir;
	char *nv_path;         /* where NV graphics persist */
	struct host host;      /* host.fd: where the host's bytes come from (-1: none yet) */
	const struct printer_profile *profile;  /* NULL: every command, no print time */
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
	bool dip21_off;        /* BUSY (XOFF) while a fault stops printing */
	bool fault_busy;       /* BUSY for a fault: XOFF sent, nothing read */
	int64_t fault_xoff_at; /* when XOFF was last sent for it */
	int nv_write_ms;
	int64_t work_until;    /* clock_mono_ms when the printer is done with what it read */
	int64_t busy_until;    /* while interp_held: when the NV write is over */
	struct { struct interp_reply r; int64_t due; } done[DONE_MAX];  /* in-order replies */
	int n_done;
	long done_sent;
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
			"late_after=%ld\nxoff=%d\nxoff_after=%ld\nprofile=%s\nignored=%ld\n"
			"nv_busy=%d\ndone_replies=%ld\ndip21=%s\ntcp_port=%d\nconnections=%ld\n",
			f->paper_out, f->near_end, f->cover_open, f->error, s->silent, s->unplugged,
			s->baud, st->tickets, st->nv_writes, st->bytes, st->status_replies,
			st->discarded_jobs, st->abandoned, f->paper_left, s->unplug_after, s->last_png,
			s->last_rows, st->blank_cuts, s->late_ms, s->late_after, s->xoff, s->xoff_after,
			s->profile ? s->profile->name : "", st->ignored, interp_held(s->in),
			s->done_sent, s->dip21_off ? "off" : "on", s->host.port, s->host.connections);
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
	if (s->host.fd >= 0 && write(s->host.fd, &c, 1) != 1) {
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
	if (n && s->host.fd >= 0 && write(s->host.fd, reply, n) != (ssize_t)n) {
		LOG_WARN("status reply lost: %s", strerror(errno));
	}
}

/* Sends the late replies that are due; lowers *wait_ms to the next one. */
static void send_late(struct sim *s, int *wait_ms)
{
	int64_t now = clock_mono_ms();
	int sent = 0;
	while (sent < s->n_late && s->late[sent].due <= now) {
		if (s->host.fd >= 0 && write(s->host.fd, &s->late[sent].byte, 1) != 1) {
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
		if (s->unplugged && !host_is_tcp(&s->host)) {
			tcflush(s->host.fd, TCIOFLUSH);
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
	} else if (strcmp(a, "dip21") == 0) {
		s->dip21_off = strcmp(b, "off") == 0;
	} else if (strcmp(a, "nv-write") == 0) {
		s->nv_write_ms = atoi(b);
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

/* Milliseconds the profile's printer takes to print rows dots of paper (none without one). */
static int64_t rows_ms(const struct sim *s, long rows)
{
	if (s->profile == NULL || rows <= 0) {
		return 0;
	}
	return (int64_t)rows * 25400 / s->profile->dpi / s->profile->speed_mm_s;
}

/*
 * Runs the interpreter on new bytes (or on those kept since an NV write,
 * when resume) and times what it did: the paper printed moves work_until
 * on at the profile's speed, in-order replies are due when the paper
 * before them is out, an NV write makes the printer busy for nv_write_ms.
 */
static void run_interp(struct sim *s, const uint8_t *buf, size_t n, bool resume)
{
	uint8_t reply[64];
	size_t rlen = 0;
	const struct interp_stats *st = interp_stats(s->in);
	long replies = st->status_replies, tickets = st->tickets, nv_writes = st->nv_writes;
	long rows = st->rows;
	int64_t now = clock_mono_ms();
	int64_t start = s->work_until > now ? s->work_until : now;
	if (resume) {
		interp_resume(s->in, reply, sizeof reply, &rlen);
	} else {
		interp_feed(s->in, buf, n, reply, sizeof reply, &rlen);
	}
	send_replies(s, reply, rlen);
	s->work_until = start + rows_ms(s, st->rows - rows);
	struct interp_reply r;
	while (interp_take_reply(s->in, &r)) {
		if (s->n_done == DONE_MAX) {
			LOG_WARN("too many replies waiting: one dropped");
			continue;
		}
		s->done[s->n_done].r = r;
		s->done[s->n_done++].due = start + rows_ms(s, r.rows - rows);
	}
	if (st->nv_writes != nv_writes) {
		interp_nv_save(s->in, s->nv_path);
	}
	if (interp_held(s->in)) {
		s->busy_until = s->work_until + s->nv_write_ms;
		s->work_until = s->busy_until;
	}
	if (st->status_replies != replies || st->tickets != tickets || st->nv_writes != nv_writes
		|| resume) {
		write_state(s);
	}
}

/* Sends the in-order replies whose work is done; lowers *wait_ms to the next one. */
static void send_done(struct sim *s, int *wait_ms)
{
	int64_t now = clock_mono_ms();
	int sent = 0;
	while (sent < s->n_done && s->done[sent].due <= now) {
		const struct interp_reply *r = &s->done[sent].r;
		if (s->host.fd >= 0 && write(s->host.fd, r->data, r->len) != (ssize_t)r->len) {
			LOG_WARN("reply lost: %s", strerror(errno));
		}
		sent++;
	}
	if (sent > 0) {
		memmove(s->done, s->done + sent, (size_t)(s->n_done - sent) * sizeof s->done[0]);
		s->n_done -= sent;
		s->done_sent += sent;
		write_state(s);
	}
	if (s->n_done > 0) {
		int left = (int)(s->done[0].due - now);
		if (*wait_ms < 0 || left < *wait_ms) {
			*wait_ms = left < 0 ? 0 : left;
		}
	}
}

/* Goes on after an NV write once it is over; else lowers *wait_ms to its end. */
static void check_nv_busy(struct sim *s, int *wait_ms)
{
	while (interp_held(s->in)) {
		int64_t left = s->busy_until - clock_mono_ms();
		if (left > 0) {
			if (*wait_ms < 0 || left < *wait_ms) {
				*wait_ms = (int)left;
			}
			return;
		}
		s->last_rx = clock_mono_ms();  /* what waited in the line is not abandoned */
		run_interp(s, NULL, 0, true);  /* may stop at the next NV write */
	}
}

/*
 * DIP 2-1 OFF: a fault that stops printing also makes the printer BUSY: it
 * takes no data and holds the host with XOFF, repeated every
 * FAULT_XOFF_MS so that a host that opened the line since (and set up
 * XON/XOFF only then) is held too. Lowers *wait_ms to the next repeat.
 */
static void check_fault_busy(struct sim *s, int *wait_ms)
{
	const struct interp_faults *f = interp_faults(s->in);
	bool busy = s->dip21_off && (f->paper_out || f->cover_open || f->error)
		&& !host_is_tcp(&s->host);
	int64_t now = clock_mono_ms();
	if (busy != s->fault_busy || (busy && now - s->fault_xoff_at >= FAULT_XOFF_MS)) {
		if (busy != s->fault_busy) {
			LOG_INFO("%s (DIP 2-1 OFF)", busy ? "BUSY: a fault stops printing" : "ready again");
		}
		s->fault_busy = busy;
		s->fault_xoff_at = now;
		flow_char(s, busy);
		write_state(s);
	}
	if (busy && (*wait_ms < 0 || *wait_ms > FAULT_XOFF_MS)) {
		*wait_ms = FAULT_XOFF_MS;
	}
}

/* A network host closed its connection: what it half sent and what it was owed go. */
static void hang_up(struct sim *s)
{
	host_hangup(&s->host);
	interp_reset_parser(s->in);
	s->n_done = 0;
	s->n_late = 0;
	write_state(s);
}

static void read_host(struct sim *s, long budget)
{
	uint8_t buf[4096];
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
	ssize_t n = read(s->host.fd, buf, (size_t)(budget < (long)sizeof buf ? budget : (long)sizeof buf));
	if (host_is_tcp(&s->host) && (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR))) {
		hang_up(s);
		return;
	}
	if (n <= 0) {
		return;
	}
	s->pace_bytes += n;
	s->last_rx = clock_mono_ms();
	if (s->unplug_after >= 0) {
		s->unplug_after -= n;
	}
	run_interp(s, buf, (size_t)n, false);
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
}

/*
 * Drops a half-received command once the host has been quiet for
 * RX_IDLE_MS with nothing waiting to be read; else lowers *wait_ms so the
 * loop wakes up in time to check again. Not while an NV write holds the
 * input: then the host is waiting, not gone.
 */
static void check_abandoned(struct sim *s, int *wait_ms)
{
	if (s->unplugged || interp_held(s->in) || interp_pending(s->in) == 0 || s->host.fd < 0) {
		return;
	}
	int64_t left = s->last_rx + RX_IDLE_MS - clock_mono_ms();
	if (left <= 0) {
		struct pollfd pfd = {.fd = s->host.fd, .events = POLLIN};
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

static void usage(FILE *fp)
{
	fprintf(fp, "usage: motcua-printer-sim (--link PATH | --tcp PORT) --out DIR [--control FIFO]\n"
		"       [--profile NAME] [--width DOTS] [--baud N] [--paper-out] [--near-end]\n"
		"       [--cover-open] [--silent] [--one-way] [--nv-write-ms MS]\n"
		"       [--nv-store FILE]  (NV graphics memory; default DIR/nv-memory.bin)\n"
		"       motcua-printer-sim --help | --version\n"
		"--tcp 0 listens on any free port (printed, and tcp_port= in DIR/state).\n"
		"Profiles:");
	for (size_t i = 0; printer_profile_at(i); i++) {
		fprintf(fp, " %s", printer_profile_at(i)->name);
	}
	fprintf(fp, "\nSee the comment at the top of src/printer-sim/main.c for control commands.\n");
}

/* The poll loop: control FIFO, the host's bytes, a waiting TCP connection, and the timers. */
static void serve(struct sim *s)
{
	struct interp_faults *f = interp_faults(s->in);
	s->pace_t0 = clock_mono_ms();
	write_state(s);
	while (!s->quit && !sig_quit) {
		if (sig_usr1 || sig_usr2) {
			f->paper_out ^= sig_usr1;
			f->cover_open ^= sig_usr2;
			sig_usr1 = sig_usr2 = 0;
			write_state(s);
		}
		if (host_accept(&s->host)) {
			s->last_rx = clock_mono_ms();
			write_state(s);
		}
		int wait_ms = -1, pace_wait = -1;
		check_fault_busy(s, &wait_ms);
		check_nv_busy(s, &wait_ms);
		bool reading = !s->unplugged && !interp_held(s->in) && !s->fault_busy && s->host.fd >= 0;
		long budget = reading ? pace_budget(s, &pace_wait) : 0;
		if (pace_wait >= 0 && (wait_ms < 0 || pace_wait < wait_ms)) {
			wait_ms = pace_wait;
		}
		check_abandoned(s, &wait_ms);
		send_late(s, &wait_ms);
		send_done(s, &wait_ms);
		bool waiting = host_is_tcp(&s->host) && s->host.fd < 0;
		struct pollfd pfd[3] = {
			{.fd = s->ctl, .events = POLLIN},
			{.fd = budget > 0 ? s->host.fd : -1, .events = POLLIN},
			{.fd = waiting ? s->host.listen_fd : -1, .events = POLLIN},
		};
		int pr = poll(pfd, 3, wait_ms);
		if (pr < 0 && errno != EINTR) {
			LOG_ERR("poll: %s", strerror(errno));
			break;
		}
		if (pr > 0 && (pfd[0].revents & POLLIN)) {
			read_control(s);
		}
		if (pr > 0 && (pfd[1].revents & (POLLIN | POLLHUP | POLLERR))) {
			read_host(s, budget);
		}
	}
}

int main(int argc, char **argv)
{
	struct sim s = {.host = {.fd = -1, .listen_fd = -1, .slave_keep = -1}, .ctl = -1,
		.unplug_after = -1, .late_after = -1, .xoff_after = -1, .nv_write_ms = -1};
	const char *control = NULL, *link = NULL, *profile = NULL;
	int width = 0, tcp_port = -1;
	bool paper_out = false, near_end = false, cover = false;
	int ret = 1;
	static const struct option opts[] = {
		{"link", required_argument, 0, 'l'}, {"out", required_argument, 0, 'o'},
		{"control", required_argument, 0, 'c'}, {"width", required_argument, 0, 'w'},
		{"baud", required_argument, 0, 'b'}, {"paper-out", no_argument, 0, 'p'},
		{"near-end", no_argument, 0, 'n'}, {"cover-open", no_argument, 0, 'v'},
		{"silent", no_argument, 0, 's'}, {"one-way", no_argument, 0, 's'},
		{"nv-store", required_argument, 0, 'N'}, {"profile", required_argument, 0, 'P'},
		{"tcp", required_argument, 0, 'T'}, {"nv-write-ms", required_argument, 0, 'W'},
		{"help", no_argument, 0, 'h'}, {"version", no_argument, 0, 'V'}, {0, 0, 0, 0}};
	log_init("motcua-printer-sim", LOG_LEVEL_INFO);
	for (int c; (c = getopt_long(argc, argv, "l:o:c:w:b:pnvsN:P:T:W:h", opts, NULL)) != -1;) {
		switch (c) {
		case 'l': link = optarg; break;
		case 'o': s.out_dir = optarg; break;
		case 'c': control = optarg; break;
		case 'w': width = atoi(optarg); break;
		case 'b': s.baud = atoi(optarg); break;
		case 'p': paper_out = true; break;
		case 'n': near_end = true; break;
		case 'v': cover = true; break;
		case 's': s.silent = true; break;
		case 'N': free(s.nv_path); s.nv_path = xstrdup(optarg); break;
		case 'P': profile = optarg; break;
		case 'T': tcp_port = atoi(optarg); break;
		case 'W': s.nv_write_ms = atoi(optarg); break;
		case 'h': usage(stdout); free(s.nv_path); return 0;
		case 'V': printf("motcua-printer-sim %s\n", MOTCUA_VERSION); free(s.nv_path); return 0;
		default: usage(stderr); free(s.nv_path); return 2;
		}
	}
	s.profile = profile ? printer_profile_find(profile) : NULL;
	if (width == 0) {
		width = s.profile ? s.profile->width : RASTER_WIDTH_80MM;
	}
	if ((link == NULL && tcp_port < 0) || s.out_dir == NULL || width < 8 || width > 4096
		|| tcp_port > 65535 || (profile && s.profile == NULL) || s.nv_write_ms < -1) {
		if (profile && s.profile == NULL) {
			fprintf(stderr, "motcua-printer-sim: no profile \"%s\"\n", profile);
		}
		usage(stderr);
		free(s.nv_path);
		return 2;
	}
	if (s.nv_write_ms < 0) {
		s.nv_write_ms = s.profile ? NV_WRITE_MS : 0;
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
	interp_set_profile(s.in, s.profile);
	interp_set_nv_hold(s.in, true);
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
	if (tcp_port >= 0 ? !host_listen_tcp(&s.host, tcp_port) : !host_open_pty(&s.host, link)) {
		goto out;
	}
	struct sigaction sa = {.sa_handler = on_signal};
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGUSR1, &sa, NULL);
	sigaction(SIGUSR2, &sa, NULL);
	sigaction(SIGPIPE, &(struct sigaction){.sa_handler = SIG_IGN}, NULL);
	serve(&s);
	ret = 0;
out:
	host_close(&s.host);
	if (s.ctl >= 0) {
		close(s.ctl);
	}
	interp_destroy(s.in);
	free(glyph_font);
	free(s.nv_path);
	return ret;
}
