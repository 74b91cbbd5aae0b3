#pragma once
#include "motcua/ui/layer.h"
/*
 * The window and renderer of the SDL programs, made to cost little memory.
 *
 * SDL's default renderer is OpenGL. On a PC without a GPU driver (the
 * desk's mini-PCs, Xvfb) that is Mesa's llvmpipe: it maps LLVM and keeps
 * GL buffers, about 95 MB of a 120 MB idle process at 1920x1080 (measured
 * with /proc/PID/smaps_rollup, bench/memory_bench.sh). These screens draw
 * flat rectangles and cached text a few times a second at most, which
 * SDL's software renderer does just as well into the window's plain
 * framebuffer (MIT-SHM on X11): about 25 MB in all.
 */
#include <stdbool.h>
#include <SDL.h>

/*
 * A window of w x h at the centre, or, when fullscreen, a borderless one
 * at (0, 0) the size of the desktop, so that it fills the screen even
 * without a window manager (which alone would honour SDL's full-screen
 * request). flags are added (SDL_WINDOW_RESIZABLE, ...). NULL with
 * SDL_GetError() on failure.
 */
SDL_Window *ui_window_create(const char *title, int w, int h, bool fullscreen, Uint32 flags);

/*
 * The window's renderer: SDL's software renderer on the window's
 * framebuffer; where the video driver has none (Wayland, KMS/DRM), SDL's
 * default renderer. $SDL_RENDER_DRIVER, when set, chooses instead. Draw
 * with SDL_GetRendererOutputSize as the size. NULL with SDL_GetError().
 */
SDL_Renderer *ui_renderer_create(SDL_Window *window);
