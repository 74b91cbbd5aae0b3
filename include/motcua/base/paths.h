#pragma once
#include "motcua/base/layer.h"
#include <stdbool.h>
/* Where shared data files live: $MOTCUA_ASSETS, else the source tree, else the install dir. */
/* Returns a newly allocated path to assets/<rel> that exists, or NULL. */
char *paths_asset(const char *rel);
/* A TrueType font: bold or regular (DejaVu Sans or Noto Sans; $MOTCUA_FONT overrides). */
const char *paths_font(bool bold);
/* A monospaced TrueType font (DejaVu Sans Mono): a dotted zero, a serifed I; $MOTCUA_FONT_MONO overrides. */
const char *paths_font_mono(bool bold);
