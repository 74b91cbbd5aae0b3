/*
 * Raster round trip through the real simulator program: render a ticket,
 * encode it (full raster, then NV mode), send it over the simulator's pty
 * (file: transport), load the PNG the simulator wrote and compare dots.
 * Run by with-sim.sh; writes the PNGs it checked to SIM_OUT.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <SDL.h>
#include <SDL_image.h>
#include "motcua/base/clock.h"
#include "motcua/base/log.h"
#include "motcua/base/paths.h"
#include "motcua/print/printer.h"
#include "motcua/print/ticket_render.h"

static int failures;

#define CHECK(cond, ...) do { \
		if (!(cond)) { \
			failures++; \
			printf("FAIL %s:%d: %s: ", __FILE__, __LINE__, #cond); \
			printf(__VA_ARGS__); \
			printf("\n"); \
		} \
	} while (0)

/* Waits (bounded) for OUT/ticket-NNNN.png and loads it as a raster. */
static struct raster *load_ticket(const char *out, int n)
{
	char path[512];
	snprintf(path, sizeof path, "%s/ticket-%04d.png", out, n);
	int64_t deadline = clock_mono_ms() + 5000;
	while (access(path, R_OK) != 0) {
		if (clock_mono_ms() > deadline) {
			printf("FAIL: %s never appeared\n", path);
			return NULL;
		}
		usleep(10000);
	}
	SDL_Surface *s = IMG_Load(path);
	if (s == NULL) {
		printf("FAIL: cannot load %s: %s\n", path, IMG_GetError());
		return NULL;
	}
	SDL_Surface *rgb = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_RGB24, 0);
	SDL_FreeSurface(s);
	struct raster *r = raster_create(rgb->w, rgb->h);
	for (int y = 0; y < rgb->h; y++) {
		const uint8_t *row = (const uint8_t *)rgb->pixels + (size_t)y * rgb->pitch;
		for (int x = 0; x < rgb->w; x++) {
			raster_set(r, x, y, row[3 * x] < 128);
		}
	}
	SDL_FreeSurface(rgb);
	return r;
}

static bool send(struct printer *p, const struct escpos_buf *b)
{
	struct result r = {0};
	struct printer_status st;
	if (!printer_write(p, b->data, b->len, NULL, &r) || !printer_query_status(p, &st, &r)
		|| !printer_fault_check(printer_status_fault(&st), &r)) {
		printf("FAIL: printing: %s\n", r.msg);
		failures++;
		return false;
	}
	return true;
}

int main(int argc, char **argv)
{
	const char *out = getenv("SIM_OUT"), *link = getenv("SIM_LINK");
	if (out == NULL || link == NULL) {
		fprintf(stderr, "run me through with-sim.sh\n");
		return 2;
	}
	log_init("roundtrip", LOG_LEVEL_WARN);
	char spec[512];
	snprintf(spec, sizeof spec, "file:%s", link);
	struct result r = {0};
	struct printer *p = printer_open(spec, &r);
	if (p == NULL) {
		printf("FAIL: %s\n", r.msg);
		return 1;
	}
	struct ticket_render *l = ticket_render_create(ticket_layout_parse(NULL, &r),
		paths_font(false), paths_font(true), 576);
	struct ticket_info info = {
		.commune = "UBND xã Hải Hưng, huyện Hải Lăng", .desk = "Bộ phận Tiếp nhận và Trả kết quả",
		.footer = "Cảm ơn quý công dân! Vui lòng chờ gọi số.", .number = "A1005",
		.service_name = "Lao động – Thương binh và Xã hội", .service_slot = 0, .priority = true,
		.ahead = 12, .est_wait_min = 25, .datetime = "27/11/2026 08:05",
	};
	struct escpos_buf b;
	escpos_buf_init(&b);

	/* 1: full raster, dot for dot. */
	struct raster *want = ticket_render_image(l, &info);
	ticket_render_encode(l, &info, TICKET_MODE_FULL_RASTER, &b, NULL);
	printf("# full raster ticket: %zu bytes\n", b.len);
	struct raster *got = send(p, &b) ? load_ticket(out, 1) : NULL;
	if (got) {
		CHECK(got->w == 576 && got->h == want->h + 24, "size %dx%d, want 576x%d", got->w, got->h,
			want->h + 24);
		struct raster *top = raster_crop(got, 0, 0, want->w, want->h);
		CHECK(raster_equal(top, want), "the printed ticket differs from the rendered one");
		CHECK(raster_count_black(got) == raster_count_black(want), "extra dots below the ticket");
		raster_destroy(top);
	}
	raster_destroy(got);

	/* 2: NV images stored, then a ticket printed by key: the header is the stored image. */
	const char *names[] = {info.service_name};
	struct ticket_nv_set set;
	ticket_render_nv_images(l, &info, names, 1, &set);
	escpos_buf_reset(&b);
	for (int i = 0; i < set.n; i++) {
		escpos_nv_define(&b, set.items[i].key[0], set.items[i].key[1], set.items[i].img);
	}
	size_t nv_bytes = b.len;
	ticket_render_encode(l, &info, TICKET_MODE_NV, &b, NULL);
	printf("# NV store %zu bytes, then the ticket %zu bytes\n", nv_bytes, b.len - nv_bytes);
	CHECK(b.len - nv_bytes <= 400, "%zu bytes", b.len - nv_bytes);
	got = send(p, &b) ? load_ticket(out, 2) : NULL;
	if (got) {
		struct raster *head = raster_crop(got, 0, 0, 576, set.items[0].img->h);
		CHECK(raster_equal(head, set.items[0].img), "NV header differs");
		raster_destroy(head);
		/* The service name image (slot 0) appears somewhere below, dot for dot. */
		const struct raster *svc = NULL;
		for (int i = 0; i < set.n; i++) {
			if (set.items[i].key[0] == 'S') {
				svc = set.items[i].img;
			}
		}
		bool found = false;
		for (int y = 0; svc && !found && y + svc->h <= got->h; y++) {
			struct raster *part = raster_crop(got, 0, y, 576, svc->h);
			found = raster_count_black(part) > 0 && raster_equal(part, svc);
			raster_destroy(part);
		}
		CHECK(found, "service name image not found on the ticket");
	}
	raster_destroy(got);

	ticket_nv_set_finish(&set);
	raster_destroy(want);
	escpos_buf_finish(&b);
	ticket_render_destroy(l);
	printer_close(p);
	printf("%s\n", failures ? "FAILED" : "all checks passed");
	return failures ? 1 : 0;
}
