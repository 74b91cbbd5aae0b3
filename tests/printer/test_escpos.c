/*
 * Unit tests for the printing core without any device: ESC/POS golden
 * bytes, the ticket layout parser, thresholded Vietnamese text, the
 * in-process round trip encoder -> simulator interpreter, and the tcp:
 * transport against a tiny in-process "printer".
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>
#include "motcua/print/escpos.h"
#include "motcua/print/printer_profile.h"
#include "motcua/base/paths.h"
#include "motcua/print/printer.h"
#include "motcua/print/raster.h"
#include "motcua/print/ticket_render.h"
#include "src/printer-sim/interp.h"

static void assert_bytes(const struct escpos_buf *b, const uint8_t *want, size_t n)
{
	assert_int_equal(b->len, n);
	assert_memory_equal(b->data, want, n);
}

static void test_golden_simple(void **state)
{
	struct escpos_buf b;
	escpos_buf_init(&b);
	escpos_init(&b);
	escpos_align(&b, ESCPOS_CENTER);
	escpos_emphasis(&b, true);
	escpos_size(&b, 7, 7);
	escpos_text(&b, "A1\xc3\xa9");  /* é is not sent as a code page byte */
	escpos_newline(&b);
	escpos_feed(&b, 3);
	escpos_cut(&b, true, 24);
	escpos_cut(&b, false, 0);
	escpos_status_request(&b, ESCPOS_STATUS_PAPER);
	static const uint8_t want[] = {
		0x1b, 0x40, 0x1b, 0x61, 0x01, 0x1b, 0x45, 0x01, 0x1d, 0x21, 0x66,
		'A', '1', '?', '?', 0x0a, 0x1b, 0x64, 0x03,
		0x1d, 0x56, 0x42, 0x18, 0x1d, 0x56, 0x41, 0x00, 0x10, 0x04, 0x04,
	};
	assert_bytes(&b, want, sizeof want);
	escpos_buf_finish(&b);
}

static void test_golden_raster(void **state)
{
	struct raster *r = raster_create(10, 2);  /* 2 bytes a row */
	raster_set(r, 0, 0, true);
	raster_set(r, 9, 1, true);
	struct escpos_buf b;
	escpos_buf_init(&b);
	escpos_raster(&b, r);
	static const uint8_t want[] = {0x1d, 0x76, 0x30, 0x00, 0x02, 0x00, 0x02, 0x00,
		0x80, 0x00, 0x00, 0x40};
	assert_bytes(&b, want, sizeof want);
	raster_destroy(r);
	escpos_buf_finish(&b);
}

static void test_golden_raster_bands(void **state)
{
	struct raster *r = raster_create(8, ESCPOS_BAND_ROWS + 3);
	struct escpos_buf b;
	escpos_buf_init(&b);
	escpos_raster(&b, r);
	assert_int_equal(b.len, 8 + ESCPOS_BAND_ROWS + 8 + 3);
	assert_int_equal(b.data[6], 0x00);  /* 256 rows: yL = 0, yH = 1 */
	assert_int_equal(b.data[7], 0x01);
	assert_int_equal(b.data[8 + ESCPOS_BAND_ROWS + 6], 3);
	raster_destroy(r);
	escpos_buf_finish(&b);
}

static void test_golden_nv(void **state)
{
	struct raster *r = raster_create(16, 1);
	raster_fill(r, 0, 0, 8, 1, true);
	struct escpos_buf b;
	escpos_buf_init(&b);
	assert_true(escpos_nv_define(&b, 'H', '0', r));
	escpos_nv_print(&b, 'H', '0');
	escpos_nv_delete(&b, 'H', '0');
	static const uint8_t want[] = {
		/* GS ( L pL pH m fn a kc1 kc2 b xL xH yL yH c d1 d2 */
		0x1d, 0x28, 0x4c, 13, 0, 48, 67, 48, 'H', '0', 1, 16, 0, 1, 0, 49, 0xff, 0x00,
		/* GS ( L 6 0 m fn kc1 kc2 x y */
		0x1d, 0x28, 0x4c, 6, 0, 48, 69, 'H', '0', 1, 1,
		0x1d, 0x28, 0x4c, 4, 0, 48, 66, 'H', '0',
	};
	assert_bytes(&b, want, sizeof want);
	struct raster *big = raster_create(576, 1000);
	assert_false(escpos_nv_define(&b, 'H', '1', big));  /* 72000 bytes > 65524 */
	raster_destroy(big);
	raster_destroy(r);
	escpos_buf_finish(&b);
}

static void test_status_byte_pattern(void **state)
{
	assert_true(escpos_is_status_byte(0x12));
	assert_true(escpos_is_status_byte(0x12 | 0x0c | 0x60));
	assert_false(escpos_is_status_byte(0x00));
	assert_false(escpos_is_status_byte(0xff));
	assert_false(escpos_is_status_byte(0x13));
}

/* The four DLE EOT replies of the simulator's fault states decode to the faults. */
static void test_status_decode(void **state)
{
	struct printer_status st;
	static const uint8_t ready[4] = {0x12, 0x12, 0x12, 0x12};
	assert_true(printer_status_decode(ready, 4, &st));
	assert_true(st.answered && st.online);
	assert_false(st.paper_out || st.paper_near_end || st.cover_open || st.error);

	/* Paper out as the simulator reports it: offline, paper end in kinds 2 and 4. */
	static const uint8_t paper_out[4] = {0x12 | 0x08, 0x12 | 0x20, 0x12, 0x12 | 0x0c | 0x60};
	assert_true(printer_status_decode(paper_out, 4, &st));
	assert_false(st.online);
	assert_true(st.paper_out && st.paper_near_end);
	assert_false(st.cover_open || st.error);
	assert_int_equal(printer_status_fault(&st), PRINTER_FAULT_PAPER_OUT);

	static const uint8_t cutter[4] = {0x12 | 0x08, 0x12 | 0x04, 0x12 | 0x08, 0x12};
	assert_true(printer_status_decode(cutter, 4, &st));
	assert_true(st.cover_open && st.error);

	/* A stray byte or a short reply is no answer. */
	static const uint8_t stray[4] = {0x12, 0xff, 0x12, 0x12};
	assert_false(printer_status_decode(stray, 4, &st));
	assert_false(st.answered);
	assert_false(printer_status_decode(ready, 3, &st));
	assert_int_equal(printer_status_fault(&st), PRINTER_FAULT_NO_ANSWER);
}

static void test_layout_parse(void **state)
{
	struct result r = {0};
	struct ticket_layout *l = ticket_layout_parse(NULL, &r);
	assert_non_null(l);
	ticket_layout_destroy(l);
	l = ticket_layout_parse("title; text \"Xin chào; quý khách\" bold left; number size=8\n"
		"space 20; datetime", &r);
	assert_non_null(l);
	ticket_layout_destroy(l);
	assert_null(ticket_layout_parse("title; logo", &r));
	assert_int_equal(r.code, RESULT_ERR_INVALID);
	assert_non_null(strstr(r.msg, "logo"));
	assert_null(ticket_layout_parse("number size=9", &r));
	assert_null(ticket_layout_parse("title colour=red", &r));
	assert_null(ticket_layout_parse("text", &r));
	/* Found by fuzzing: sizes that overflow an int, signs, long options. */
	assert_null(ticket_layout_parse("number size=4294967297", &r));
	assert_null(ticket_layout_parse("title size=+30", &r));
	assert_null(ticket_layout_parse("space 0x10", &r));
	assert_null(ticket_layout_parse("title size=30xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", &r));
	l = ticket_layout_parse("space 12; title size=400", &r);
	assert_non_null(l);
	assert_int_equal(l->items[0].size, 12);
	assert_int_equal(l->items[1].size, 400);
	ticket_layout_destroy(l);
}

/* Diacritics survive thresholding: "Ệ" has ink above and below "E". */
static void test_vietnamese_raster(void **state)
{
	assert_true(raster_text_init());
	struct raster *e = raster_text(paths_font(true), 40, RASTER_THRESHOLD_DEFAULT, "E");
	struct raster *ee = raster_text(paths_font(true), 40, RASTER_THRESHOLD_DEFAULT, "Ệ");
	assert_non_null(e);
	assert_non_null(ee);
	assert_int_equal(e->h, ee->h);
	int top_e = e->h, top_ee = ee->h, bot_e = 0, bot_ee = 0;
	for (int y = 0; y < e->h; y++) {
		for (int x = 0; x < e->w || x < ee->w; x++) {
			if (raster_get(e, x, y)) {
				top_e = y < top_e ? y : top_e;
				bot_e = y > bot_e ? y : bot_e;
			}
			if (raster_get(ee, x, y)) {
				top_ee = y < top_ee ? y : top_ee;
				bot_ee = y > bot_ee ? y : bot_ee;
			}
		}
	}
	assert_true(top_ee < top_e - 3);  /* circumflex */
	assert_true(bot_ee > bot_e + 2);  /* dot below */
	/* NFC and NFD spell the same letters the same way. */
	struct raster *nfc = raster_text(paths_font(false), 24, RASTER_THRESHOLD_DEFAULT, "Thứ tự");
	struct raster *nfd = raster_text(paths_font(false), 24, RASTER_THRESHOLD_DEFAULT,
		"Th\x75\xcc\x9b\xcc\x81 t\x75\xcc\x9b\xcc\xa3");
	assert_non_null(nfc);
	assert_non_null(nfd);
	assert_true(raster_count_black(nfc) > 100);
	assert_true(abs(raster_count_black(nfc) - raster_count_black(nfd)) < raster_count_black(nfc) / 10);
	struct raster *block = raster_text_block(paths_font(true), 30, 20, RASTER_THRESHOLD_DEFAULT,
		"Lao động – Thương binh và Xã hội", 384, RASTER_CENTER);
	assert_non_null(block);
	assert_int_equal(block->w, 384);
	assert_true(block->h > 40);  /* wrapped onto two lines at 58 mm */
	raster_destroy(e);
	raster_destroy(ee);
	raster_destroy(nfc);
	raster_destroy(nfd);
	raster_destroy(block);
}

struct cut_capture {
	struct raster *last;
	int cuts;
};

static void on_cut(void *ud, const struct raster *t)
{
	struct cut_capture *c = ud;
	raster_destroy(c->last);
	c->last = raster_copy(t);
	c->cuts++;
}

static struct ticket_info sample_info(void)
{
	return (struct ticket_info){
		.commune = "UBND xã Hải Hưng", .desk = "Bộ phận Tiếp nhận và Trả kết quả",
		.footer = "Cảm ơn quý công dân!", .number = "1005",
		.service_name = "Đất đai – Xây dựng", .service_slot = 0, .priority = true,
		.ahead = 12, .est_wait_min = 25, .datetime = "27/11/2026 08:05",
	};
}

/* Full raster ticket through the interpreter comes out dot for dot. */
static void test_roundtrip_interp(void **state)
{
	struct ticket_render *l = ticket_render_create(ticket_layout_parse(NULL, NULL),
		paths_font(false), paths_font(true), 576);
	struct ticket_info info = sample_info();
	struct raster *want = ticket_render_image(l, &info);
	assert_non_null(want);
	struct escpos_buf b;
	escpos_buf_init(&b);
	assert_true(ticket_render_encode(l, &info, TICKET_MODE_FULL_RASTER, &b, NULL));
	struct cut_capture cap = {0};
	struct interp *in = interp_create(576, paths_font(true), on_cut, &cap);
	uint8_t reply[8];
	size_t rlen = 0;
	/* Fed in odd-sized pieces: commands split across reads must still decode. */
	for (size_t off = 0; off < b.len; off += 777) {
		size_t n = b.len - off < 777 ? b.len - off : 777;
		interp_feed(in, b.data + off, n, reply, sizeof reply, &rlen);
	}
	assert_int_equal(cap.cuts, 1);
	assert_int_equal(cap.last->w, want->w);
	assert_int_equal(cap.last->h, want->h + 24);  /* + the cut's feed */
	struct raster *top = raster_crop(cap.last, 0, 0, want->w, want->h);
	assert_true(raster_equal(top, want));
	raster_destroy(top);

	/* NV mode: the header comes out of NV memory as stored. */
	struct ticket_nv_set set;
	const char *names[] = {"Đất đai – Xây dựng"};
	assert_true(ticket_render_nv_images(l, &info, names, 1, &set));
	escpos_buf_reset(&b);
	for (int i = 0; i < set.n; i++) {
		assert_true(escpos_nv_define(&b, set.items[i].key[0], set.items[i].key[1], set.items[i].img));
	}
	size_t nv_bytes = b.len;
	assert_true(ticket_render_encode(l, &info, TICKET_MODE_NV, &b, NULL));
	interp_feed(in, b.data, b.len, reply, sizeof reply, &rlen);
	assert_int_equal(interp_stats(in)->nv_writes, set.n);
	assert_int_equal(cap.cuts, 2);
	assert_true(b.len - nv_bytes <= 400);
	assert_memory_equal(set.items[0].key, "H0", 2);
	struct raster *head = raster_crop(cap.last, 0, 0, 576, set.items[0].img->h);
	assert_true(raster_equal(head, set.items[0].img));
	raster_destroy(head);
	/* Status replies follow the faults. */
	rlen = 0;
	interp_faults(in)->paper_out = true;
	static const uint8_t ask[] = {0x10, 0x04, 0x04, 0x10, 0x04, 0x01};
	interp_feed(in, ask, sizeof ask, reply, sizeof reply, &rlen);
	assert_int_equal(rlen, 2);
	assert_int_equal(reply[0], 0x12 | 0x0c | 0x60);
	assert_int_equal(reply[1], 0x12 | 0x08);

	ticket_nv_set_finish(&set);
	interp_destroy(in);
	raster_destroy(cap.last);
	raster_destroy(want);
	escpos_buf_finish(&b);
	ticket_render_destroy(l);
}

/*
 * A host that feeds and never cuts (or line noise read as ESC d) cannot grow
 * the simulator's paper without bound: the strip is kept to 16000 dots (2 m).
 * Found by tests/fuzz (escpos_interp); feeding nothing before any byte was
 * undefined behaviour (offset on a NULL buffer).
 */
static void test_interp_long_strip(void **state)
{
	struct cut_capture cap = {0};
	struct interp *in = interp_create(384, NULL, on_cut, &cap);
	uint8_t reply[4];
	size_t rlen = 0;
	interp_feed(in, NULL, 0, reply, sizeof reply, &rlen);
	assert_int_equal(interp_pending(in), 0);
	struct escpos_buf b;
	escpos_buf_init(&b);
	escpos_text(&b, "TOP");
	for (int i = 0; i < 100; i++) {
		escpos_feed(&b, 255);  /* 100 x 7650 dots: 76 m of paper */
	}
	escpos_text(&b, "LOST");
	escpos_cut(&b, true, 0);
	escpos_text(&b, "NEXT");
	escpos_cut(&b, true, 0);
	interp_feed(in, b.data, b.len, reply, sizeof reply, &rlen);
	assert_int_equal(cap.cuts, 2);
	assert_int_equal(interp_stats(in)->tickets, 2);
	/* The next ticket starts on fresh paper, one text line tall. */
	assert_int_equal(cap.last->w, 384);
	assert_int_equal(cap.last->h, 30);
	interp_destroy(in);

	/* The first strip, with its text, stops at 2 m. */
	cap.cuts = 0;
	in = interp_create(384, paths_font(true), on_cut, &cap);
	escpos_buf_reset(&b);
	escpos_text(&b, "TOP");
	for (int i = 0; i < 100; i++) {
		escpos_feed(&b, 255);
	}
	escpos_cut(&b, true, 0);
	interp_feed(in, b.data, b.len, reply, sizeof reply, &rlen);
	assert_int_equal(cap.cuts, 1);
	assert_int_equal(cap.last->h, 16000);
	struct raster *top = raster_crop(cap.last, 0, 0, 384, 30);
	assert_true(raster_count_black(top) > 0);
	raster_destroy(top);
	interp_destroy(in);
	raster_destroy(cap.last);
	escpos_buf_finish(&b);
}

static void test_spec_errors(void **state)
{
	struct result r = {0};
	assert_null(printer_open("lpt1", &r));
	assert_int_equal(r.code, RESULT_ERR_INVALID);
	assert_null(printer_open("serial:/dev/ttyUSB9?baud=12345", &r));
	assert_int_equal(r.code, RESULT_ERR_INVALID);
	assert_null(printer_open("serial:/dev/ttyUSB9?flow=dtrdsr", &r));
	assert_int_equal(r.code, RESULT_ERR_INVALID);
	assert_null(printer_open("file:/nonexistent/lp0", &r));
	assert_int_equal(r.code, RESULT_ERR_PRINTER);
	assert_null(printer_open("serial:/nonexistent/by-id/usb-printer", &r));
	assert_int_equal(r.code, RESULT_ERR_PRINTER);
}

/* A network printer that answers every DLE EOT with "paper near end". */
static void *fake_tcp_printer(void *arg)
{
	int lfd = *(int *)arg;
	int fd = accept(lfd, NULL, NULL);
	uint8_t buf[256];
	ssize_t n;
	int state = 0;
	while (fd >= 0 && (n = read(fd, buf, sizeof buf)) > 0) {
		for (ssize_t i = 0; i < n; i++) {
			if (state == 0 && buf[i] == 0x10) {
				state = 1;
			} else if (state == 1 && buf[i] == 0x04) {
				state = 2;
			} else if (state == 2) {
				uint8_t stray = 0x00, ans = (uint8_t)(0x12 | (buf[i] == 4 ? 0x0c : 0));
				if (write(fd, &stray, 1) != 1 || write(fd, &ans, 1) != 1) {
					break;
				}
				state = 0;
			} else {
				state = 0;
			}
		}
	}
	if (fd >= 0) {
		close(fd);
	}
	return NULL;
}

static void test_tcp_transport(void **state)
{
	int lfd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	socklen_t len = sizeof a;
	assert_int_equal(bind(lfd, (struct sockaddr *)&a, sizeof a), 0);
	assert_int_equal(listen(lfd, 1), 0);
	getsockname(lfd, (struct sockaddr *)&a, &len);
	pthread_t th;
	pthread_create(&th, NULL, fake_tcp_printer, &lfd);
	char spec[64];
	snprintf(spec, sizeof spec, "tcp:127.0.0.1:%d?timeout=500", ntohs(a.sin_port));
	struct result r = {0};
	struct printer *p = printer_open(spec, &r);
	assert_non_null(p);
	struct printer_status st;
	assert_true(printer_query_status(p, &st, &r));
	assert_true(st.answered);  /* the stray 0x00 before each reply is skipped */
	assert_true(st.paper_near_end);
	assert_false(st.paper_out);
	assert_int_equal(printer_status_fault(&st), PRINTER_FAULT_NEAR_END);
	assert_true(printer_fault_check(PRINTER_FAULT_NEAR_END, &r));
	assert_string_equal(printer_fault_info(PRINTER_FAULT_NEAR_END)->citizen_vi, "Máy in sắp hết giấy");
	static const uint8_t job[] = {0x1b, 0x40, 'O', 'K', 0x0a};
	assert_true(printer_write(p, job, sizeof job, NULL, &r));
	printer_close(p);
	pthread_join(th, NULL);
	close(lfd);
}

/*
 * The simulator playing profiles: a TM-T88III ignores GS ( L but stores FS q;
 * GS ( H is answered only by a printer that has it, queued behind the paper
 * printed before it; with the NV hold on, nothing after an NV write is read
 * (real-time requests included) until interp_resume.
 */
static void test_interp_profiles(void **state)
{
	(void)state;
	struct cut_capture cap = {0};
	struct interp *in = interp_create(512, paths_font(true), on_cut, &cap);
	interp_set_profile(in, printer_profile_find("epson-tm-t88iii"));
	struct raster *img = raster_create(64, 16);
	raster_fill(img, 0, 0, 64, 16, true);
	struct escpos_buf b;
	escpos_buf_init(&b);
	assert_true(escpos_nv_define(&b, 'H', '0', img));
	uint8_t reply[8];
	size_t rlen = 0;
	interp_feed(in, b.data, b.len, reply, sizeof reply, &rlen);
	assert_int_equal(interp_stats(in)->nv_writes, 0);
	assert_int_equal(interp_stats(in)->ignored, 1);
	const struct raster *imgs[] = {img};
	escpos_buf_reset(&b);
	assert_true(escpos_nv_bitimage_define(&b, imgs, 1));
	interp_feed(in, b.data, b.len, reply, sizeof reply, &rlen);
	assert_int_equal(interp_stats(in)->nv_writes, 1);
	static const uint8_t gs_h[] = {0x1d, '(', 'H', 6, 0, 48, 48, '1', '3', '5', '7'};
	struct interp_reply r;
	interp_feed(in, gs_h, sizeof gs_h, reply, sizeof reply, &rlen);
	assert_false(interp_take_reply(in, &r));  /* a TM-T88III has no GS ( H */

	interp_set_profile(in, printer_profile_find("epson-tm-t88v"));
	interp_set_nv_hold(in, true);
	escpos_buf_reset(&b);
	assert_true(escpos_nv_define(&b, 'H', '0', img));
	escpos_append(&b, (const uint8_t[]){0x10, 0x04, 0x01}, 3);
	escpos_append(&b, gs_h, sizeof gs_h);
	interp_feed(in, b.data, b.len, reply, sizeof reply, &rlen);
	assert_true(interp_held(in));
	assert_int_equal(rlen, 0);  /* busy writing: not even DLE EOT */
	assert_false(interp_take_reply(in, &r));
	interp_resume(in, reply, sizeof reply, &rlen);
	assert_false(interp_held(in));
	assert_int_equal(rlen, 1);
	assert_true(interp_take_reply(in, &r));
	assert_int_equal(r.len, 7);
	assert_memory_equal(r.data, ((const uint8_t[]){0x37, 0x22, '1', '3', '5', '7', 0}), 7);
	assert_int_equal(r.nv_writes, 2);

	escpos_buf_finish(&b);
	raster_destroy(img);
	raster_destroy(cap.last);
	interp_destroy(in);
}

/*
 * The ticket's QR code: GS ( k costs a few dozen bytes, so a ticket by NV
 * key with its QR code stays within 400 bytes; the raster is as wide as
 * the paper with the symbol centred; no URL or TICKET_QR_NONE prints none.
 */
static void test_ticket_qr(void **state)
{
	(void)state;
	struct ticket_render *l = ticket_render_create(ticket_layout_parse(NULL, NULL),
		paths_font(false), paths_font(true), 512);
	struct ticket_info info = sample_info();
	const char *url = "http://192.168.1.10:8081/t/Zm9vYmFyYmF6cXV4MTIzNA";
	struct escpos_buf plain, native, raster;
	escpos_buf_init(&plain);
	escpos_buf_init(&native);
	escpos_buf_init(&raster);
	info.qr_url = url;
	assert_true(ticket_render_encode(l, &info, TICKET_MODE_NV, &plain, NULL));  /* qr NONE */
	info.qr = TICKET_QR_NATIVE;
	assert_true(ticket_render_encode(l, &info, TICKET_MODE_NV, &native, NULL));
	info.qr = TICKET_QR_RASTER;
	assert_true(ticket_render_encode(l, &info, TICKET_MODE_NV, &raster, NULL));
	assert_true(native.len > plain.len + strlen(url));
	assert_true(native.len <= 400);
	assert_non_null(memmem(native.data, native.len, url, strlen(url)));
	assert_true(raster.len > native.len + 1000);
	struct raster *q = qr_raster(url, strlen(url), QR_LEVEL_M, 5, 512);
	assert_non_null(q);
	assert_int_equal(q->w, 512);
	int x0, x1;
	assert_true(raster_ink_columns(q, &x0, &x1));
	assert_true(abs(x0 - (511 - x1)) <= 1);  /* centred */
	assert_null(qr_raster("", 0, QR_LEVEL_M, 5, 512));
	struct escpos_buf none;
	escpos_buf_init(&none);
	assert_false(escpos_qr(&none, "", 5, QR_LEVEL_M));
	assert_int_equal(none.len, 0);
	raster_destroy(q);
	escpos_buf_finish(&none);
	escpos_buf_finish(&plain);
	escpos_buf_finish(&native);
	escpos_buf_finish(&raster);
	ticket_render_destroy(l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_golden_simple),
		cmocka_unit_test(test_golden_raster),
		cmocka_unit_test(test_golden_raster_bands),
		cmocka_unit_test(test_golden_nv),
		cmocka_unit_test(test_status_byte_pattern),
		cmocka_unit_test(test_status_decode),
		cmocka_unit_test(test_layout_parse),
		cmocka_unit_test(test_vietnamese_raster),
		cmocka_unit_test(test_roundtrip_interp),
		cmocka_unit_test(test_interp_long_strip),
		cmocka_unit_test(test_interp_profiles),
		cmocka_unit_test(test_ticket_qr),
		cmocka_unit_test(test_spec_errors),
		cmocka_unit_test(test_tcp_transport),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
