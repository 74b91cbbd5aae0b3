/*
 * Writes the seed corpora of tests/fuzz (corpus/<target>/) from the real
 * encoders, so the seeds are what the programs send and receive: keypad
 * frames from keyproto_encode, status replies from the printer simulator in
 * each fault state, tickets from ticket_render_encode, layouts and settings
 * as a technician writes them. Run by hand after a format change:
 *   build/tests/fuzz/fuzz-seeds tests/fuzz/corpus
 * Regression inputs found by campaigns are added beside these by hand and
 * are not touched.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "motcua/base/paths.h"
#include "motcua/print/escpos.h"
#include "motcua/print/raster.h"
#include "motcua/print/ticket_render.h"
#include "motcua/serial/keyproto.h"
#include "motcua/store/ticket_layout.h"
#include "src/printer-sim/interp.h"

static const char *root;

static void put(const char *target, const char *name, const void *data, size_t len)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", root, target);
	if (mkdir(path, 0755) != 0 && errno != EEXIST) {
		perror(path);
		exit(1);
	}
	snprintf(path, sizeof path, "%s/%s/%s", root, target, name);
	FILE *f = fopen(path, "wb");
	if (f == NULL || fwrite(data, 1, len, f) != len || fclose(f) != 0) {
		perror(path);
		exit(1);
	}
}

static void put_text(const char *target, const char *name, const char *text)
{
	put(target, name, text, strlen(text));
}

/* Appends one encoded frame to buf at *n. */
static void wire(uint8_t *buf, size_t *n, const struct keyproto_frame *f)
{
	*n += keyproto_encode(f, buf + *n, KEYPROTO_MAX_WIRE);
}

static void put_frame(const char *name, const struct keyproto_frame *f)
{
	uint8_t buf[KEYPROTO_MAX_WIRE];
	size_t n = 0;
	wire(buf, &n, f);
	put("keyproto", name, buf, n);
}

static void keyproto_seeds(void)
{
	struct keyproto_frame f;
	keyproto_make_poll(&f, 1, 0, 0);
	put_frame("poll", &f);
	keyproto_make_display(&f, 2, 7, KEYPROTO_DISPLAY_BLINK, "1005");
	put_frame("display-blink", &f);
	keyproto_make_display(&f, KEYPROTO_BROADCAST, 1, KEYPROTO_DISPLAY_RATING, "RATE 1-4");
	put_frame("display-broadcast-rating", &f);
	keyproto_make_beep(&f, 3, 9, KEYPROTO_BEEP_ATTENTION);
	put_frame("beep", &f);
	keyproto_make_hello(&f, 4, 0);
	put_frame("hello", &f);
	keyproto_make_key(&f, 1, 12, 5, KEYPROTO_KEY_NEXT, 0);
	put_frame("key-next", &f);
	/* addr 2 = STX, arg 0x1003 = ETX DLE: every escape on the wire. */
	keyproto_make_key(&f, KEYPROTO_STX, KEYPROTO_DLE, KEYPROTO_ETX, KEYPROTO_KEY_CALL, 0x1003);
	put_frame("key-call-stuffed", &f);
	keyproto_make_status(&f, 1, 3, 0x01);
	put_frame("status", &f);
	f = (struct keyproto_frame){.addr = 1, .cmd = KEYPROTO_NACK, .seq = 4};
	put_frame("nack", &f);

	/* A noisy line: stray bytes, a frame cut by the next STX, a bad CRC, two good frames. */
	uint8_t line[8 * KEYPROTO_MAX_WIRE];
	size_t n = 0;
	static const uint8_t noise[] = {0x00, 0xff, KEYPROTO_ETX, 0x55, KEYPROTO_DLE};
	memcpy(line, noise, sizeof noise);
	n += sizeof noise;
	keyproto_make_key(&f, 2, 1, 1, KEYPROTO_KEY_RECALL, 0);
	size_t start = n;
	wire(line, &n, &f);
	n = start + 4;                       /* cut short: the next STX drops it */
	keyproto_make_key(&f, 2, 2, 2, KEYPROTO_KEY_RATE1, 0);
	start = n;
	wire(line, &n, &f);
	line[n - 2] ^= 0x01;                 /* bad CRC */
	keyproto_make_poll(&f, 2, 3, 2);
	wire(line, &n, &f);
	keyproto_make_key(&f, 2, 4, 3, KEYPROTO_KEY_SKIP, 0);
	wire(line, &n, &f);
	put("keyproto", "noisy-line", line, n);
}

/* The simulator's replies to DLE EOT 1..4 in a fault state. */
static size_t sim_replies(struct interp *in, uint8_t *out, size_t cap)
{
	static const uint8_t ask[] = {0x10, 0x04, 1, 0x10, 0x04, 2, 0x10, 0x04, 3, 0x10, 0x04, 4};
	size_t n = 0;
	interp_feed(in, ask, sizeof ask, out, cap, &n);
	return n;
}

static void on_cut(void *ud, const struct raster *ticket)
{
}

static void status_seeds(void)
{
	static const struct {
		const char *name;
		struct interp_faults faults;
	} states[] = {
		{"ready", {.paper_left = -1}},
		{"paper-near-end", {.near_end = true, .paper_left = -1}},
		{"paper-out", {.paper_out = true, .paper_left = -1}},
		{"cover-open", {.cover_open = true, .paper_left = -1}},
		{"error", {.error = true, .paper_left = -1}},
	};
	for (size_t i = 0; i < sizeof states / sizeof states[0]; i++) {
		struct interp *in = interp_create(RASTER_WIDTH_80MM, NULL, on_cut, NULL);
		*interp_faults(in) = states[i].faults;
		uint8_t reply[4];
		size_t n = sim_replies(in, reply, sizeof reply);
		put("printer_status", states[i].name, reply, n);
		interp_destroy(in);
	}
	/* Stray bytes before and between replies (an echo, a cleared buffer). */
	static const uint8_t stray[] = {0x00, 0xff, 0x12, 0x41, 0x13, 0x16, 0x90, 0x12, 0x1e};
	put("printer_status", "stray-bytes", stray, sizeof stray);
	/* Two replies, then silence: the printer went away mid-query. */
	static const uint8_t partial[] = {0x12, 0x12};
	put("printer_status", "no-answer", partial, sizeof partial);
}

/* An interpreter seed: flags byte, chunk byte, then the bytes. */
static void put_interp(const char *name, uint8_t flags, uint8_t chunk, const struct escpos_buf *b)
{
	uint8_t *data = malloc(b->len + 2);
	data[0] = flags;
	data[1] = chunk;
	memcpy(data + 2, b->data, b->len);
	put("escpos_interp", name, data, b->len + 2);
	free(data);
}

/* Replaces b's bytes with the ticket as the print layer encodes it (layout NULL: the default). */
static void encode_ticket(const char *layout, int width, const struct ticket_info *info,
	enum ticket_mode mode, struct escpos_buf *b)
{
	struct ticket_render *l = ticket_render_create(ticket_layout_parse(layout, NULL),
		paths_font(false), paths_font(true), width);
	escpos_buf_reset(b);
	if (l == NULL || !ticket_render_encode(l, info, mode, b, NULL)) {
		fprintf(stderr, "cannot render a ticket (layout \"%s\")\n", layout ? layout : "default");
		exit(1);
	}
	ticket_render_destroy(l);
}

static void interp_seeds(void)
{
	struct escpos_buf b;
	escpos_buf_init(&b);

	for (int kind = 1; kind <= 4; kind++) {
		escpos_status_request(&b, (enum escpos_status_kind)kind);
	}
	put_interp("status-requests", 0x00, 0, &b);
	put_interp("status-silent-cover-open", 0x14, 2, &b);

	/* The printer-font commands motcua uses, and a cut. */
	escpos_buf_reset(&b);
	escpos_init(&b);
	escpos_align(&b, ESCPOS_CENTER);
	escpos_emphasis(&b, true);
	escpos_size(&b, 6, 6);
	escpos_text(&b, "1005");
	escpos_newline(&b);
	escpos_size(&b, 1, 1);
	escpos_emphasis(&b, false);
	escpos_align(&b, ESCPOS_RIGHT);
	escpos_text(&b, "27/11/2026 08:05");
	escpos_feed(&b, 3);
	escpos_cut(&b, true, 24);
	put_interp("text-modes", 0x00, 6, &b);
	put_interp("text-paper-runs-out", 0x20, 0, &b);

	/* NV graphics: define a small image, print it, delete it, print again. */
	struct raster *img = raster_create(20, 6);
	raster_fill(img, 2, 1, 16, 4, true);
	escpos_buf_reset(&b);
	escpos_init(&b);
	escpos_nv_define(&b, 'H', '0', img);
	escpos_nv_print(&b, 'H', '0');
	escpos_raster(&b, img);
	escpos_cut(&b, false, 0);
	escpos_nv_delete(&b, 'H', '0');
	escpos_nv_print(&b, 'H', '0');
	escpos_cut(&b, true, 10);
	put_interp("nv-define-print-delete", 0x40, 12, &b);
	raster_destroy(img);

	/* Real tickets: the per-ticket bytes in NV mode and the inline job on 58 mm paper. */
	struct ticket_info info = {
		.commune = "UBND xã Hải Hưng", .desk = "Bộ phận Tiếp nhận và Trả kết quả",
		.footer = "Cảm ơn quý công dân!", .number = "1005",
		.service_name = "Hộ tịch", .service_slot = 0, .priority = true,
		.ahead = 3, .est_wait_min = 12, .datetime = "27/11/2026 08:05",
	};
	encode_ticket(NULL, RASTER_WIDTH_80MM, &info, TICKET_MODE_NV, &b);
	put_interp("ticket-nv-job", 0x00, 40, &b);
	put_interp("ticket-nv-job-paper-out", 0x01, 40, &b);
	encode_ticket("commune size=20 bold; number size=4; service size=22; datetime",
		RASTER_WIDTH_58MM, &info, TICKET_MODE_INLINE, &b);
	put_interp("ticket-inline-58mm", 0x40, 255, &b);
	escpos_buf_finish(&b);
}

static void layout_seeds(void)
{
	put_text("ticket_layout", "default", TICKET_LAYOUT_DEFAULT);
	put_text("ticket_layout", "number-only", "number");
	put_text("ticket_layout", "lines",
		"commune size=24 bold\ndesk size=22\nrule\nnumber size=8\nservice left\n");
	put_text("ticket_layout", "text-quoted",
		"text \"Giờ làm việc: 7h00; 13h30\" size=18 right; space 20; number");
	put_text("ticket_layout", "options",
		"title size=400 bold invert left; priority size=1 center; ahead size=8; wait size=1;"
		" datetime size=2 right; footer; space 399");
	put_text("ticket_layout", "bad-size", "number size=9");
	put_text("ticket_layout", "bad-quote", "text \"unterminated");
}

static void settings_seeds(void)
{
	static const char *const pairs[][2] = {
		{"commune", "commune_name=UBND xã Hải Hưng"},
		{"desk", "desk_name=Bộ phận Tiếp nhận và Trả kết quả"},
		{"notice", "notice=Kính chào quý công dân. Vui lòng lấy số thứ tự."},
		{"priority-rule", "priority_rule=strict"},
		{"priority-every", "priority_every=2"},
		{"timezone", "timezone=Asia/Ho_Chi_Minh"},
		{"est-service", "est_service_s=300"},
		{"footer", "ticket_footer=Cảm ơn quý công dân!"},
		{"layout", "ticket_layout=number size=8; text \"Quầy 1\"; datetime"},
		{"printer-width", "printer_width=384"},
		{"voice-mode", "voice_mode=chime"},
		{"voice-repeat", "voice_repeat=3"},
		{"voice-region", "voice_region=south"},
		{"rating-timeout", "rating_timeout_s=20"},
		{"pin-hash", "admin_pin_hash=$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA"},
		{"unknown-key", "no_such_key=1"},
		{"out-of-range", "priority_every=101"},
	};
	for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
		put_text("settings", pairs[i][0], pairs[i][1]);
	}
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: %s CORPUS_DIR\n", argv[0]);
		return 2;
	}
	root = argv[1];
	if (mkdir(root, 0755) != 0 && errno != EEXIST) {
		perror(root);
		return 1;
	}
	keyproto_seeds();
	status_seeds();
	interp_seeds();
	layout_seeds();
	settings_seeds();
	return 0;
}
