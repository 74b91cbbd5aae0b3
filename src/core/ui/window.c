/*
 * Windows and renderers of the SDL programs (window.h): the software
 * renderer first, for memory; OpenGL only where there is no framebuffer.
 */
#define LOG_MODULE "ui"
#include <stdlib.h>
#include <string.h>
#include "motcua/base/log.h"
#include "motcua/ui/window.h"

SDL_Window *ui_window_create(const char *title, int w, int h, bool fullscreen, Uint32 flags)
{
	int pos = SDL_WINDOWPOS_CENTERED;
	if (fullscreen) {
		SDL_DisplayMode mode;
		if (SDL_GetDesktopDisplayMode(0, &mode) == 0 && mode.w > 0 && mode.h > 0) {
			w = mode.w;
			h = mode.h;
		}
		pos = 0;
		flags |= SDL_WINDOW_FULLSCREEN_DESKTOP | SDL_WINDOW_BORDERLESS;
	}
	return SDL_CreateWindow(title, pos, pos, w, h, flags);
}

/* The index of SDL's render driver called name, or -1. */
static int driver_index(const char *name)
{
	int n = SDL_GetNumRenderDrivers();
	for (int i = 0; i < n; i++) {
		SDL_RendererInfo info;
		if (SDL_GetRenderDriverInfo(i, &info) == 0 && strcmp(info.name, name) == 0) {
			return i;
		}
	}
	return -1;
}

SDL_Renderer *ui_renderer_create(SDL_Window *window)
{
	/*
	 * By default SDL backs a window framebuffer with a GL texture, which
	 * would bring llvmpipe back. A user's $SDL_FRAMEBUFFER_ACCELERATION or
	 * $SDL_RENDER_DRIVER still wins (SDL_SetHint yields to the environment).
	 */
	SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
	const char *wanted = getenv("SDL_RENDER_DRIVER");
	if (wanted && *wanted) {
		return SDL_CreateRenderer(window, -1, 0);
	}
	int sw = driver_index("software");
	SDL_Renderer *r = sw >= 0 ? SDL_CreateRenderer(window, sw, 0) : NULL;
	if (!r) {
		LOG_INFO("no software renderer on this window (%s): using SDL's default",
			SDL_GetError());
		r = SDL_CreateRenderer(window, -1, 0);
	}
	return r;
}
