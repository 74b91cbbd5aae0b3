/*
 * printer-bench: bytes per ticket and time on the wire, for the NV path
 * (static parts stored once in the printer, sent by key), the inline path
 * (nv=0: the same parts as GS v 0 each time) and a plain full-raster
 * ticket, at 9600/19200/38400/115200 baud (8N1: 10 bits a byte). Also the
 * printer's own print time for the ticket's length at 150 mm/s and the CPU
 * time to render and encode. No printer needed.
 *
 * usage: printer-bench [WIDTH]   (576 = 80 mm, default; 384 = 58 mm)
 */
#include <stdio.h>
#include <stdlib.h>
#include "motcua/base/clock.h"
#include "motcua/base/log.h"
#include "motcua/base/paths.h"
#include "motcua/print/ticket_render.h"

static const int bauds[] = {9600, 19200, 38400, 115200};

static void row(const char *what, size_t bytes)
{
	printf("%-34s %8zu", what, bytes);
	for (size_t i = 0; i < sizeof bauds / sizeof bauds[0]; i++) {
		printf(" %9.2f", (double)bytes * 10.0 / bauds[i]);
	}
	printf("\n");
}

int main(int argc, char **argv)
{
	int width = argc > 1 ? atoi(argv[1]) : 576;
	log_init("printer-bench", LOG_LEVEL_WARN);
	struct ticket_render *l = ticket_render_create(ticket_layout_parse(NULL, NULL),
		paths_font(false), paths_font(true), width);
	const char *names[] = {"Hộ tịch", "Chứng thực", "Đất đai – Xây dựng",
		"Lao động – Thương binh và Xã hội", "Lĩnh vực khác"};
	struct ticket_info info = {
		.commune = "UBND xã Hải Hưng", .desk = "Bộ phận Tiếp nhận và Trả kết quả",
		.footer = "Cảm ơn quý công dân! Vui lòng chờ gọi số.", .number = "1005",
		.service_name = names[3], .service_slot = 3, .priority = true,
		.ahead = 12, .est_wait_min = 25, .datetime = "27/11/2026 08:05",
	};
	struct escpos_buf nv_store, nv_ticket, inl, full;
	escpos_buf_init(&nv_store);
	escpos_buf_init(&nv_ticket);
	escpos_buf_init(&inl);
	escpos_buf_init(&full);

	int64_t t0 = clock_mono_ms();
	struct ticket_nv_set set;
	ticket_render_nv_images(l, &info, names, 5, &set);
	for (int i = 0; i < set.n; i++) {
		escpos_nv_define(&nv_store, set.items[i].key[0], set.items[i].key[1], set.items[i].img);
	}
	int64_t t1 = clock_mono_ms();
	ticket_render_encode(l, &info, TICKET_MODE_NV, &nv_ticket, NULL);
	int64_t t2 = clock_mono_ms();
	ticket_render_encode(l, &info, TICKET_MODE_INLINE, &inl, NULL);
	int64_t t3 = clock_mono_ms();
	struct raster *img = ticket_render_image(l, &info);
	ticket_render_encode(l, &info, TICKET_MODE_FULL_RASTER, &full, NULL);
	int64_t t4 = clock_mono_ms();

	double mm = img->h / 8.0;  /* 203 dpi = 8 dots/mm */
	printf("motcua printer bench: %d dots wide, ticket %dx%d dots = %.0f mm of paper\n",
		width, img->w, img->h, mm);
	printf("printer's own print time at 150 mm/s: %.2f s\n\n", mm / 150.0);
	printf("%-34s %8s %9s %9s %9s %9s\n", "seconds on the wire", "bytes", "9600", "19200",
		"38400", "115200");
	row("NV path, every ticket after first", nv_ticket.len);
	row("NV path, first ticket (+ NV store)", nv_ticket.len + nv_store.len);
	row("inline images (nv=0)", inl.len);
	row("full raster", full.len);
	printf("\nNV store: %d images (%d services), written only when they change\n", set.n, 5);
	printf("CPU: NV images render %lld ms, NV ticket %lld ms, inline %lld ms, full raster %lld ms\n",
		(long long)(t1 - t0), (long long)(t2 - t1), (long long)(t3 - t2), (long long)(t4 - t3));
	printf("goal <= 1200 bytes after the first: %s\n", nv_ticket.len <= 1200 ? "met" : "MISSED");
	raster_destroy(img);
	ticket_nv_set_finish(&set);
	escpos_buf_finish(&nv_store);
	escpos_buf_finish(&nv_ticket);
	escpos_buf_finish(&inl);
	escpos_buf_finish(&full);
	ticket_render_destroy(l);
	return 0;
}
