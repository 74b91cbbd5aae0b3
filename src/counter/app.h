#pragma once
/*
 * State of the officer's counter window, shared by main.c (loop and input),
 * draw.c (rendering and hit boxes) and actions.c (queue operations).
 */
#include <stdbool.h>
#include <stdint.h>
#include <SDL.h>
#include "motcua/desk/desk.h"
#include "motcua/store/queue.h"
#include "motcua/store/snapshot.h"
#include "motcua/ui/loop.h"
#include "motcua/ui/ui.h"
#include "picker.h"

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
	MODE_LOGIN,         /* the officer logs in (login.c; only with officer accounts) */
};

enum pick_kind { PICK_REQUEUE, PICK_TRANSFER, PICK_CALL, PICK_PAUSE };

enum msg_kind { MSG_OK, MSG_WARN, MSG_ERROR };

#define NEXT_SHOWN 12
#define PAGE_MAX 64          /* tiles on one picker page, at most */
#define LOGIN_ROWS 16        /* names on the login screen at once, at most */

/* Whether a button can act now, and if not, why (short, shown on it). */
struct button_state {
	bool enabled;
	const char *reason;      /* "" when enabled */
	const char *message;     /* the longer message when pressed anyway */
};

struct app {
	SDL_Window *window;
	SDL_Renderer *renderer;
	struct ui_text *text;
	struct ui_loop *loop;
	struct ui_trace *trace;  /* the loop's ($MOTCUA_TRACE); NULL when not tracing */
	/* The loop's timers */
	int t_poll, t_clock, t_msg, t_flash, t_rate, t_rate_tick;
	struct desk *desk;       /* the file or the LAN server (motcua/desk) */
	int counter;
	bool online;             /* the desk answers; actions wait while it does not */

	struct snapshot snap;
	bool have_snap;
	const struct snapshot_counter *me;   /* into snap; NULL if the counter is gone */
	struct desk_watch watch;
	struct ticket next[NEXT_SHOWN];
	size_t n_next;

	enum mode mode;
	/* The open picker: its list (picker.h), what it is for, and the hit boxes
	 * of the page on screen (tile i is shown item pick_first + i). */
	struct picker pick;
	enum pick_kind pick_kind;
	char pick_title[160];
	char pick_empty[160];
	SDL_Rect pick_boxes[PAGE_MAX];
	size_t pick_first, pick_n_boxes;
	int pick_cols;
	SDL_Rect pick_prev, pick_next, pick_cancel;
	bool any_noshow;         /* a no-show today at this counter's fields (put back) */

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

	/* Officer accounts (login.c): with any, the window starts on its login screen. */
	bool accounts;
	struct officer *officers;    /* the active accounts, by name (malloc'd) */
	size_t n_officers;
	bool logged_in;
	struct officer officer;      /* who logged in */
	bool login_pin_stage;        /* false: choosing the name; true: typing the PIN */
	int login_sel;               /* the chosen account, -1 when the typed name matches none */
	char login_typed[OFFICER_NAME_MAX + 1];
	char login_name[OFFICER_NAME_MAX + 1];
	char login_pin[PIN_MAX_DIGITS + 1];
	char login_msg[512];
	SDL_Rect login_boxes[LOGIN_ROWS];
	size_t login_first, login_n_boxes;
};

/* main.c */
/* Something on screen changed: draw once. */
void app_dirty(struct app *a);

/* actions.c */
void app_refresh(struct app *a);
/* Whether the desk answers; a change refreshes and says so. */
void app_check_online(struct app *a);
void app_message(struct app *a, enum msg_kind kind, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void app_press(struct app *a, enum button b);
/* Enter in a picker (what picker_choose says), or a click on shown item i. */
void app_pick_enter(struct app *a);
void app_pick_shown(struct app *a, size_t i);
void app_pick_close(struct app *a);
struct button_state app_button_state(const struct app *a, enum button b);
void app_rate(struct app *a, int rating);    /* 1..4 */
void app_rate_close(struct app *a);

/* login.c */
/* Reads the active accounts; true when there is any (the login is then required). */
bool login_load(struct app *a);
/* Shows the login screen (logging out whoever is in), with message ("" or NULL: none). */
void login_open(struct app *a, const char *message);
void login_key(struct app *a, SDL_Keycode k);
void login_text(struct app *a, const char *s);
void login_click(struct app *a, int x, int y);
void login_draw(struct app *a, int w, int h);

/* draw.c */
void draw_frame(struct app *a);
const char *draw_button_label(const struct app *a, enum button b);
/* dialogs.c: the picker and the rating question over the main screen. */
void dialogs_draw_picker(struct app *a, int w, int h);
void dialogs_draw_rating(struct app *a, int w, int h);
