/* QR codes: drawn with libqrencode, or sent as the printer's GS ( k (qr.h). */
#include <qrencode.h>
#include <string.h>
#include "motcua/print/qr.h"

#define QUIET_MODULES 4      /* the quiet zone the standard asks around the symbol */
#define GS_K_MAX_DATA 7089   /* GS ( k fn 80: at most this many bytes */

static QRecLevel qrencode_level(enum qr_level level)
{
	switch (level) {
	case QR_LEVEL_L: return QR_ECLEVEL_L;
	case QR_LEVEL_Q: return QR_ECLEVEL_Q;
	case QR_LEVEL_H: return QR_ECLEVEL_H;
	case QR_LEVEL_M: break;
	}
	return QR_ECLEVEL_M;
}

struct raster *qr_raster(const char *data, size_t len, enum qr_level level, int module, int width)
{
	if (len == 0 || module < 1) {
		return NULL;
	}
	/* Byte mode, as GS ( k stores data: the printer and motcua then draw the same symbol. */
	QRcode *q = QRcode_encodeData((int)len, (const unsigned char *)data, 0, qrencode_level(level));
	if (q == NULL) {
		return NULL;
	}
	int side = (q->width + 2 * QUIET_MODULES) * module;
	int w = side > width ? side : width;
	struct raster *r = raster_create(w, side);
	int x0 = (w - side) / 2 + QUIET_MODULES * module, y0 = QUIET_MODULES * module;
	for (int y = 0; y < q->width; y++) {
		for (int x = 0; x < q->width; x++) {
			if (q->data[y * q->width + x] & 1) {
				raster_fill(r, x0 + x * module, y0 + y * module, module, module, true);
			}
		}
	}
	QRcode_free(q);
	return r;
}

/* GS ( k pL pH cn fn ...: cn 49 is the QR code. */
static void gs_k(struct escpos_buf *b, uint8_t fn, const void *args, size_t n)
{
	uint8_t head[7] = { 0x1d, '(', 'k', (uint8_t)((n + 2) & 0xff), (uint8_t)((n + 2) >> 8), 49,
		fn };
	escpos_append(b, head, sizeof head);
	if (n > 0) {
		escpos_append(b, args, n);
	}
}

bool escpos_qr(struct escpos_buf *b, const char *data, int module, enum qr_level level)
{
	size_t len = data ? strlen(data) : 0;
	if (len == 0 || len > GS_K_MAX_DATA) {
		return false;
	}
	const uint8_t model[2] = { 50, 0 };          /* fn 65: model 2 */
	const uint8_t size[1] = { (uint8_t)(module < 1 ? 1 : module > 16 ? 16 : module) };
	const uint8_t ecc[1] = { (uint8_t)level };   /* fn 69 */
	gs_k(b, 65, model, sizeof model);
	gs_k(b, 67, size, sizeof size);
	gs_k(b, 69, ecc, sizeof ecc);
	uint8_t m = 48;                              /* fn 80: store, m = 48 */
	uint8_t head[8] = { 0x1d, '(', 'k', (uint8_t)((len + 3) & 0xff), (uint8_t)((len + 3) >> 8),
		49, 80, m };
	escpos_append(b, head, sizeof head);
	escpos_append(b, data, len);
	const uint8_t print[1] = { 48 };             /* fn 81: print the stored symbol */
	gs_k(b, 81, print, sizeof print);
	return true;
}
