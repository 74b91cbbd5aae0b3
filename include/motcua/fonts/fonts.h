#pragma once
#include "motcua/fonts/layer.h"
/*
 * Opening and closing SDL_ttf fonts from more than one thread. SDL_ttf keeps
 * one FreeType library for the process, and FreeType allows only one thread
 * at a time to create or destroy faces in it. The kiosk renders its screen
 * on the main thread while its printer thread renders ticket images, so every
 * open and close in the core goes through these. (Using a font stays free of
 * locks: each thread only uses the fonts it opened.)
 */
#include <SDL_ttf.h>

/* TTF_OpenFont under the process-wide font lock; NULL on error (TTF_GetError). */
TTF_Font *fonts_open(const char *path, int px);
/* TTF_CloseFont under the same lock; NULL-safe. */
void fonts_close(TTF_Font *font);
