#pragma once
/*
 * The kiosk's state, shared by main.c (loop, timers), input.c (what a tap
 * or key does) and draw.c (what each screen looks like). Only the UI thread
 * touches it; the printer thread talks back through messages posted to the
 * loop (ui_loop_post).
 */
#include <stdbool.h>
#include <stdint.h>
#include <SDL.h>
#include "layout.h"
#include "menu.h"
#include "pin.h"
#include "worker.h"
#include "motcua/desk/desk.h"
#include "motcua/store/db.h"
#include "motcua/print/printer.h"
#include "motcua/store/snapshot.h"
#include "motcua/ui/loop.h"
#include "motcua/ui/ui.h"

enum screen {
	SCREEN_HOME,     /* fields (or their groups), priority buttons, clock */
	SCREEN_GROUP,    /* the fields of one group, "Quay lại" */
	SCREEN_BUSY,     /* "Đang in phiếu..." while the printer thread works */
	SCREEN_TICKET,   /* the number, very large */
	SCREEN_ERROR,    /* printer fault or service full: see staff */
	SCREEN_PIN,      /* admin PIN pad */
	SCREEN_ADMIN,    /* printer status, self-test, reprint, exit (confirmed) */
};

/* Timings (ms). */
#define KIOSK_POLL_MS 100            /* snapshot_changed() */
#define KIOSK_TICKET_SHOW_MS 8000    /* confirmation before going home */
#define KIOSK_ERROR_SHOW_MS 10000
#define KIOSK_TAP_LOCK_MS 1500       /* taps ignored after a ticket or message appears */
#define KIOSK_PRINTER_OK_CHECK_MS 20000   /* printer re-check while it is fine */
#define KIOSK_PRINTER_BAD_CHECK_MS 2000   /* ... and while it cannot print */
#define KIOSK_BUSY_ANIM_MS 300      /* step of the "printing" dots: the screen is alive */
#define KIOSK_PIN_IDLE_MS 30000      /* PIN pad / admin screen give up */
#define KIOSK_ADMIN_IDLE_MS 120000
#define KIOSK_GESTURE_TAPS 5         /* taps on the top-left corner ... */
#define KIOSK_GESTURE_MS 4000        /* ... within this time open the PIN pad */

struct kiosk {
	/* Set up by main() */
	SDL_Window *window;
	SDL_Renderer *renderer;
	struct ui_text *text;
	struct desk *desk;           /* the queue: the file, or the LAN server (motcua/desk) */
	struct db *db;               /* the printer's state: the desk's file or --printer-state */
	struct db *own_state;        /* db when it is ours (--printer-state), else NULL */
	const char *printer_spec;
	struct worker *worker;
	struct ui_loop *loop;
	struct ui_trace *trace;      /* the loop's ($MOTCUA_TRACE): test hook, may be NULL */
	/* The loop's timers */
	int t_poll, t_clock, t_screen, t_printer, t_anim, t_unlock;

	/* What the database says */
	struct snapshot snap;
	struct desk_watch watch;
	struct events_cursor nv_events;  /* events seen for the printer's NV images */
	bool have_snap;
	bool offline_logged;
	char unconfirmed[256];       /* today's tickets whose printing was not confirmed */

	/* Geometry */
	int w, h;
	struct layout layout;
	struct layout_measure measure; /* layout.c's view of the text cache */

	/* What the home and group screens list (view.c) */
	struct menu menu;
	struct menu_entry list[MENU_MAX];   /* the list on screen; cell i is list[page * per_page + i] */
	size_t n_list;
	struct menu_entry home[MENU_MAX];   /* the first screen's list ... */
	size_t n_home;
	struct layout_plan home_plan;       /* ... and its plan */
	struct layout_plan group_plan[MENU_MAX];  /* each group's list's plan */
	bool grouped;                /* the first screen shows groups */
	int group;                   /* the group on SCREEN_GROUP, else -1 */
	char group_name[SERVICE_GROUP_MAX + 1];  /* its name (indexes change with the fields) */
	bool groups_always;          /* setting kiosk_groups=always */
	int64_t idle_ms;             /* setting kiosk_idle_s: a group's screen, or a page
	                              * other than the first, goes home after this long */

	/* Screen */
	enum screen screen;
	int64_t input_lock_until;    /* mono ms: taps ignored until then (0 = not locked) */
	int focus;                   /* keyboard focus on a list: its n-th button on the page */
	bool focus_visible;          /* a key was used: show the focus ring */
	int anim_step;               /* the busy screen's dots */
	char clock_text[6];
	char date_text[32];

	/* Printer */
	bool printer_known;          /* a status has been received */
	bool printer_ok;
	struct printer_status printer_st;
	bool status_pending;

	/* Last ticket and last error */
	bool has_last;
	struct ticket last;
	bool issue_pending;
	int64_t tap_ms;              /* mono ms of the tap being served */
	char err_title[160];
	char err_detail[256];

	/* Admin */
	int corner_taps;
	int64_t corner_first_ms;
	struct pin_entry pin;
	int64_t pin_locked_until;   /* monotonic ms: the core's PIN lock as last reported */
	bool pin_checking;
	char pin_msg[160];
	char admin_msg[600];
	bool admin_failed;           /* admin_msg says why printing failed */
	bool admin_busy;
	bool confirm_exit;           /* the exit dialog is open over the admin screen */
};

/* Switches screen, marks dirty, and records it in the trace; no timeout. */
void kiosk_set_screen(struct kiosk *k, enum screen s);
/* The current screen goes home after ms without a tap (restarts the count). */
void kiosk_screen_timeout(struct kiosk *k, int64_t ms);
/* Taps are ignored for ms from now. */
void kiosk_lock_input(struct kiosk *k, int64_t ms);
/* Something on screen changed: draw once. */
void kiosk_dirty(struct kiosk *k);
/* Asks the worker for the printer status unless a check is pending. */
void kiosk_check_printer(struct kiosk *k);
/* The next printer check in ms (a printer that cannot print is checked often). */
void kiosk_schedule_printer_check(struct kiosk *k, int64_t ms);
/* True when the snapshot's service i can be chosen (active, not full). */
bool kiosk_service_open(const struct kiosk *k, size_t i);
/* The list entry of cell i of the page on screen (i < layout.n_cells). */
const struct menu_entry *kiosk_cell_entry(const struct kiosk *k, size_t i);

/* input.c */
void input_event(struct kiosk *k, const SDL_Event *ev);
void input_worker_reply(struct kiosk *k, struct worker_reply *rep);

/* draw.c */
void draw_frame(struct kiosk *k);
/* draw_home.c: the home and group screens */
void draw_home(struct kiosk *k);
