/*
 * The draw trace (trace.h). A frame record is a cJSON object filled while
 * the frame is drawn and printed as one line at its end; events are printed
 * at once. Nothing here runs unless $MOTCUA_TRACE is set.
 */
#define LOG_MODULE "trace"
#include "motcua/ui/trace.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "motcua/base/clock.h"
#include "motcua/base/log.h"
#include "motcua/base/xalloc.h"

struct ui_trace {
	int fd;
	char prog[32];
	long pid;
	unsigned long frames;
	cJSON *frame;          /* the frame being drawn; NULL between frames */
	cJSON *rects, *texts;  /* arrays inside frame */
	char layer[32];
};

struct ui_trace *ui_trace_open_env(const char *prog)
{
	const char *path = getenv("MOTCUA_TRACE");
	if (!path || !*path) {
		return NULL;
	}
	int fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
	if (fd < 0) {
		LOG_WARN("cannot open the trace file %s: %s", path, strerror(errno));
		return NULL;
	}
	struct ui_trace *tr = xcalloc(1, sizeof(*tr));
	tr->fd = fd;
	snprintf(tr->prog, sizeof(tr->prog), "%s", prog);
	tr->pid = (long)getpid();
	ui_trace_event(tr, "start", NULL);
	return tr;
}

/* Drops a frame that was begun and never ended (its arrays are not attached yet). */
static void drop_frame(struct ui_trace *tr)
{
	cJSON_Delete(tr->frame);
	cJSON_Delete(tr->rects);
	cJSON_Delete(tr->texts);
	tr->frame = tr->rects = tr->texts = NULL;
}

void ui_trace_close(struct ui_trace *tr)
{
	if (!tr) {
		return;
	}
	drop_frame(tr);
	close(tr->fd);
	free(tr);
}

/* A record with the fields every line has. */
static cJSON *record(const struct ui_trace *tr, const char *t)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "t", t);
	cJSON_AddStringToObject(o, "prog", tr->prog);
	cJSON_AddNumberToObject(o, "pid", (double)tr->pid);
	cJSON_AddNumberToObject(o, "ms", (double)clock_now_ms());
	return o;
}

/* Prints o as one line with one write() (O_APPEND keeps lines whole), then frees it. */
static void emit(const struct ui_trace *tr, cJSON *o)
{
	char *s = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	if (!s) {
		return;
	}
	size_t n = strlen(s);
	s[n] = '\n';  /* replaces the terminator; the length is known */
	ssize_t w;
	do {
		w = write(tr->fd, s, n + 1);
	} while (w < 0 && errno == EINTR);
	if (w != (ssize_t)(n + 1)) {
		LOG_WARN("trace write failed: %s", w < 0 ? strerror(errno) : "short write");
	}
	free(s);
}

static cJSON *rect_array(const SDL_Rect *r)
{
	const int v[4] = { r->x, r->y, r->w, r->h };
	return cJSON_CreateIntArray(v, 4);
}

void ui_trace_frame_begin(struct ui_trace *tr)
{
	if (!tr) {
		return;
	}
	drop_frame(tr);
	tr->frame = record(tr, "frame");
	cJSON_AddNumberToObject(tr->frame, "n", (double)++tr->frames);
	tr->rects = cJSON_CreateArray();
	tr->texts = cJSON_CreateArray();
	snprintf(tr->layer, sizeof(tr->layer), "base");
}

void ui_trace_frame_tag(struct ui_trace *tr, const char *key, const char *value)
{
	if (!tr || !tr->frame) {
		return;
	}
	cJSON_DeleteItemFromObjectCaseSensitive(tr->frame, key);
	cJSON_AddStringToObject(tr->frame, key, value);
}

void ui_trace_frame_partial(struct ui_trace *tr, const SDL_Rect *area)
{
	if (!tr || !tr->frame) {
		return;
	}
	cJSON_AddItemToObject(tr->frame, "partial", rect_array(area));
}

void ui_trace_layer(struct ui_trace *tr, const char *name)
{
	if (tr) {
		snprintf(tr->layer, sizeof(tr->layer), "%s", name);
	}
}

void ui_trace_rect(struct ui_trace *tr, const char *kind, const char *id, const SDL_Rect *r)
{
	if (!tr || !tr->frame) {
		return;
	}
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "kind", kind);
	cJSON_AddStringToObject(o, "id", id);
	cJSON_AddNumberToObject(o, "x", r->x);
	cJSON_AddNumberToObject(o, "y", r->y);
	cJSON_AddNumberToObject(o, "w", r->w);
	cJSON_AddNumberToObject(o, "h", r->h);
	cJSON_AddStringToObject(o, "layer", tr->layer);
	cJSON_AddItemToArray(tr->rects, o);
}

/* "#rrggbb", or "#rrggbbaa" when not opaque; out has room for 10 bytes. */
static void colour_hex(SDL_Color c, char *out)
{
	if (c.a == 255) {
		snprintf(out, 10, "#%02x%02x%02x", c.r, c.g, c.b);
	} else {
		snprintf(out, 10, "#%02x%02x%02x%02x", c.r, c.g, c.b, c.a);
	}
}

void ui_trace_text(struct ui_trace *tr, const char *str, const SDL_Rect *at, const SDL_Rect *ink,
	int px, bool bold, SDL_Color color, const SDL_Rect *box, const SDL_Rect *clip,
	const SDL_Color *bg)
{
	if (!tr || !tr->frame) {
		return;
	}
	char hex[10];
	colour_hex(color, hex);
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "s", str);
	cJSON_AddNumberToObject(o, "x", at->x);
	cJSON_AddNumberToObject(o, "y", at->y);
	cJSON_AddNumberToObject(o, "w", at->w);
	cJSON_AddNumberToObject(o, "h", at->h);
	cJSON_AddItemToObject(o, "ink", rect_array(ink));
	cJSON_AddNumberToObject(o, "px", px);
	cJSON_AddBoolToObject(o, "bold", bold);
	cJSON_AddStringToObject(o, "color", hex);
	if (bg) {
		colour_hex(*bg, hex);
		cJSON_AddStringToObject(o, "bg", hex);
	}
	if (box) {
		cJSON_AddItemToObject(o, "box", rect_array(box));
	} else {
		cJSON_AddNullToObject(o, "box");
	}
	cJSON_AddStringToObject(o, "layer", tr->layer);
	if (clip) {
		cJSON_AddItemToObject(o, "clip", rect_array(clip));
	}
	cJSON_AddItemToArray(tr->texts, o);
}

void ui_trace_frame_end(struct ui_trace *tr, int w, int h)
{
	if (!tr || !tr->frame) {
		return;
	}
	cJSON_AddNumberToObject(tr->frame, "w", w);
	cJSON_AddNumberToObject(tr->frame, "h", h);
	cJSON_AddItemToObject(tr->frame, "rects", tr->rects);
	cJSON_AddItemToObject(tr->frame, "texts", tr->texts);
	emit(tr, tr->frame);
	tr->frame = tr->rects = tr->texts = NULL;
}

void ui_trace_event(struct ui_trace *tr, const char *what, ...)
{
	if (!tr) {
		return;
	}
	cJSON *o = record(tr, "event");
	cJSON_AddStringToObject(o, "what", what);
	va_list ap;
	va_start(ap, what);
	for (const char *key; (key = va_arg(ap, const char *)) != NULL;) {
		const char *value = va_arg(ap, const char *);
		cJSON_AddStringToObject(o, key, value ? value : "");
	}
	va_end(ap);
	emit(tr, o);
}
