#pragma once
/*
 * State of the officer's counter window, shared by main.c (loop and input),
 * draw.c (rendering and hit boxes) and actions.c (queue operations).
 */
#include <stdbool.h>
#include <stdint.h>
#include <SDL.h>
#include "motcua/store/db.h"
#include "motcua/store/queue.h"
#include "motcua/store/snapshot.h"
#include "motcua/ui/loop.h"
#include "motcua/ui/ui.h"

enum button {
	BUTTON_NEXT,
	BUTTON_RECALL,
	BUTTON_SKIP,
	BUTTON_FINISH,
	BUTTON_REQUEUE,
	BUTTON_TRANSFER,
	BUTTON_CALL,
	BUTTON_PAUSE,       /* "Tạm dừng" or "Tiếp tục" */
	BUTTON_COUNT,
};

enum mode {
	MODE_MAIN,
	MODE_PICK,          /* a list to pick from (put back, transfer, call, pause reason) */
	MODE_RATING,        /* the citizen rates the finished ticket */
};

enum pick_kind { PICK_REQUEUE, PICK_TRANSFER, PICK_CALL, PICK_PAUSE };

enum msg_kind { MSG_OK, MSG_WARN, MSG_ERROR };

#define PICK_MAX 12
#define NEXT_SHOWN 6

struct pick_item {
	char label[160];
	char sub[160];           /* second line, may be "" */
	char number[16];         /* ticket number (requeue, call) */
	char service[SERVICE_CODE_MAX + 1];   /* service code (requeue, transfer) */
	int counter;             /* target counter (transfer) */
};

struct picker {
	enum pick_kind kind;
	char title[128];
	char empty[128];         /* shown when there is nothing to pick */
	size_t n;
	struct pick_item items[PICK_MAX];
	int selected;
	bool typing;             /* PICK_CALL: typed number allowed */
	char typed[16];
	SDL_Rect boxes[PICK_MAX];
	SDL_Rect cancel_box;
};

struct app {
	SDL_Window *window;
	SDL_Renderer *renderer;
	struct ui_text *text;
	struct ui_loop *loop;
	struct ui_trace *trace;  /* the loop's ($MOTCUA_TRACE); NULL when not tracing */
	/* The loop's timers */
	int t_poll, t_clock, t_msg, t_flash, t_rate, t_rate_tick;
	struct db *db;
	int counter;

	struct snapshot snap;
	bool have_snap;
	const struct snapshot_counter *me;   /* into snap; NULL if the counter is gone */
	struct snapshot_watch watch;
	struct ticket next[NEXT_SHOWN];
	size_t n_next;

	enum mode mode;
	struct picker pick;

	/* Visible feedback of the last action. */
	char msg[256];
	enum msg_kind msg_kind;
	int64_t msg_until;       /* clock_mono_ms() */
	int flash_button;        /* -1 = none */
	int64_t flash_until;

	/* Rating of the ticket finished last. */
	int64_t rate_ticket;
	char rate_number[16];
	int64_t rate_deadline;   /* clock_mono_ms() */
	int64_t rate_total_ms;
	int rate_chosen;         /* 0 until a choice; shown briefly as thanks */
	SDL_Rect rate_boxes[4];
	SDL_Rect rate_skip_box;

	SDL_Rect buttons[BUTTON_COUNT];
};

/* main.c */
/* Something on screen changed: draw once. */
void app_dirty(struct app *a);

/* actions.c */
void app_refresh(struct app *a);
void app_message(struct app *a, enum msg_kind kind, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void app_press(struct app *a, enum button b);
void app_pick(struct app *a, int index);     /* -1 = the typed number */
void app_rate(struct app *a, int rating);    /* 1..4 */
void app_rate_close(struct app *a);

/* draw.c */
void draw_frame(struct app *a);
const char *draw_button_label(const struct app *a, enum button b);
const char *draw_button_key(enum button b);
