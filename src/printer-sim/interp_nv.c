/*
 * NV memory across restarts (interp.h): GS ( L images by key and FS q
 * images under key 0x01 n, each as key, width, height and its dots.
 */
#define LOG_MODULE "sim"
#include <stdio.h>
#include <stdlib.h>
#include "interp_priv.h"
#include "motcua/base/log.h"
#include "motcua/base/xalloc.h"

static bool save_entry(FILE *f, uint8_t k1, uint8_t k2, const struct raster *img)
{
	uint8_t hdr[6] = {k1, k2, (uint8_t)(img->w & 0xff), (uint8_t)(img->w >> 8),
		(uint8_t)(img->h & 0xff), (uint8_t)(img->h >> 8)};
	size_t k = (size_t)img->stride * (size_t)img->h;
	return fwrite(hdr, 1, 6, f) == 6 && fwrite(img->bits, 1, k, f) == k;
}

bool interp_nv_save(const struct interp *in, const char *path)
{
	char *tmp = xasprintf("%s.tmp", path);
	FILE *f = fopen(tmp, "wb");
	bool ok = f != NULL;
	for (int i = 0; ok && i < in->n_nv; i++) {
		ok = save_entry(f, (uint8_t)in->nv[i].key[0], (uint8_t)in->nv[i].key[1], in->nv[i].img);
	}
	for (int i = 0; ok && i < in->n_bits; i++) {
		ok = save_entry(f, KEY_BITIMAGE, (uint8_t)(i + 1), in->bits[i]);
	}
	if (f && fclose(f) != 0) {
		ok = false;
	}
	ok = ok && rename(tmp, path) == 0;
	if (!ok) {
		LOG_ERR("cannot save NV memory to %s", path);
	}
	free(tmp);
	return ok;
}

bool interp_nv_load(struct interp *in, const char *path)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL) {
		return true;
	}
	uint8_t hdr[6];
	while (in->n_nv < NV_MAX && in->n_bits < 255 && fread(hdr, 1, 6, f) == 6) {
		int w = hdr[2] | hdr[3] << 8, h = hdr[4] | hdr[5] << 8;
		if (w < 1 || h < 1) {
			break;
		}
		struct raster *img = raster_create(w, h);
		size_t k = (size_t)img->stride * (size_t)img->h;
		if (fread(img->bits, 1, k, f) != k) {
			raster_destroy(img);
			break;
		}
		if (hdr[0] == KEY_BITIMAGE) {
			in->bits[in->n_bits++] = img;
		} else {
			in->nv[in->n_nv++] = (struct nv_entry){{(char)hdr[0], (char)hdr[1]}, img};
		}
	}
	fclose(f);
	return true;
}
