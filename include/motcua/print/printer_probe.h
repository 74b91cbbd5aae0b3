#pragma once
#include "motcua/print/layer.h"
/*
 * Asking a printer what it is and what it holds, with requests that an
 * ESC/POS printer either answers or ignores (printer_profile.h says what
 * the answers mean):
 *
 *   DLE EOT 1            status (every printer motcua can use answers it)
 *   GS I 1, 65, 66, 67   model ID, firmware, maker, model name
 *   GS r 1               paper sensor (a completion reply on clones)
 *   GS ( H fn 48         process ID (Epson's completion reply)
 *   GS ( L fn 64, 51     stored NV keys, free NV bytes: asked only of a
 *                        printer that answered GS ( H or names a model with
 *                        GS ( L, since an older one may print the bytes of
 *                        a command it does not know
 * Each waits at most the printer's timeout. Nothing here writes NV memory.
 */
#include <stdbool.h>
#include "motcua/print/printer.h"

/* Fills *out (a field stays empty or -1 when not answered); false on an I/O error. */
bool printer_probe(struct printer *p, struct printer_probe *out, struct result *r);

/*
 * Free NV graphics memory (GS ( L fn 51) in bytes, in *bytes; -1 when the
 * printer does not say. False on an I/O error.
 */
bool printer_nv_free(struct printer *p, long *bytes, struct result *r);
