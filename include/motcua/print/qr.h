#pragma once
#include "motcua/print/layer.h"
/*
 * QR codes on the ticket (issue 13, the paper side): the address of the
 * ticket's status page, printed by the printer's own QR command (GS ( k,
 * model 2, error correction M) when its profile has it, else drawn here
 * with libqrencode as a raster. Both give the same symbol: the printer
 * simulator draws GS ( k with this same function.
 */
#include <stdbool.h>
#include <stddef.h>
#include "motcua/print/escpos.h"
#include "motcua/print/raster.h"

/* How the ticket's QR code is printed. Zero: none. */
enum ticket_qr {
	TICKET_QR_NONE = 0,
	TICKET_QR_NATIVE,      /* GS ( k: the printer draws it (a few dozen bytes) */
	TICKET_QR_RASTER,      /* drawn here, sent as an image as wide as the paper */
};

/* Error correction level, as GS ( k fn 69 numbers them. */
enum qr_level { QR_LEVEL_L = 48, QR_LEVEL_M = 49, QR_LEVEL_Q = 50, QR_LEVEL_H = 51 };

/*
 * The QR code of data (model 2, the smallest version that holds it) with
 * module x module dots a module and the standard quiet zone of 4 modules,
 * centred on a raster width dots wide (wider when the symbol is). NULL when
 * data cannot be encoded (empty, too long).
 */
struct raster *qr_raster(const char *data, size_t len, enum qr_level level, int module, int width);

/*
 * GS ( k: model 2, module dots a module, level, store data, print. False
 * (nothing appended) when data is empty or longer than the command holds.
 */
bool escpos_qr(struct escpos_buf *b, const char *data, int module, enum qr_level level);
