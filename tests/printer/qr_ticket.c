/*
 * Prints one ticket with a QR code on the simulator (run by with-sim.sh;
 * qr.sh reads the PNG back with zbarimg):  qr_ticket native|raster URL [PRINTER]
 * native: the printer's GS ( k; raster: drawn by motcua. PRINTER defaults
 * to $SIM_SPEC; its profile= gives the width. Prints
 * "bytes N" (the ticket's ESC/POS size) and exits 0 once the printer
 * took it and reports no fault.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "motcua/base/log.h"
#include "motcua/base/paths.h"
#include "motcua/print/printer.h"
#include "motcua/print/ticket_render.h"

int main(int argc, char **argv)
{
	const char *spec = argc == 4 ? argv[3] : getenv("SIM_SPEC");
	if (argc < 3 || argc > 4 || spec == NULL) {
		fprintf(stderr, "usage (through with-sim.sh): qr_ticket native|raster URL [PRINTER]\n");
		return 2;
	}
	log_init("qr_ticket", LOG_LEVEL_WARN);
	struct result r = {0};
	struct printer *p = printer_open(spec, &r);
	if (p == NULL) {
		fprintf(stderr, "%s\n", r.msg);
		return 1;
	}
	int width = printer_profile(p)->width;  /* the string's profile= */
	struct ticket_render *l = ticket_render_create(ticket_layout_parse(NULL, &r),
		paths_font(false), paths_font(true), width);
	struct ticket_info info = {
		.commune = "UBND xã Hải Hưng", .desk = "Bộ phận Tiếp nhận và Trả kết quả",
		.footer = "Cảm ơn quý công dân!", .number = "1005", .service_name = "Hộ tịch",
		.service_slot = -1, .ahead = 3, .est_wait_min = 12, .datetime = "02/12/2026 08:05",
		.valid_date = "02/12/2026", .qr_url = argv[2],
		.qr = strcmp(argv[1], "native") == 0 ? TICKET_QR_NATIVE : TICKET_QR_RASTER,
	};
	struct escpos_buf b;
	escpos_buf_init(&b);
	ticket_render_encode(l, &info, TICKET_MODE_INLINE, &b, NULL);
	printf("bytes %zu\n", b.len);
	struct printer_status st;
	bool ok = printer_write(p, b.data, b.len, NULL, &r) && printer_query_status(p, &st, &r)
		&& printer_fault_check(printer_status_fault(&st), &r);
	if (!ok) {
		fprintf(stderr, "printing: %s\n", r.msg);
	}
	escpos_buf_finish(&b);
	ticket_render_destroy(l);
	printer_close(p);
	return ok ? 0 : 1;
}
