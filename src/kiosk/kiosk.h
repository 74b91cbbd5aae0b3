#pragma once
/*
 * The kiosk's state, shared by main.c (loop, timers), input.c (what a tap
 * or key does) and draw.c (what each screen looks like). Only the UI thread
 * touches it; the printer thread talks back through SDL events.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <SDL.h>
#include "layout.h"
#include "pin.h"
#include "worker.h"
#include "motcua/store/db.h"
#include "motcua/print/printer.h"
#include "motcua/store/snapshot.h"
#include "motcua/ui/ui.h"

enum screen {
	SCREEN_HOME,     /* services, priority buttons, clock */
	SCREEN_BUSY,     /* "Đang in phiếu..." while the printer thread works */
	SCREEN_TICKET,   /* the number, very large */
	SCREEN_ERROR,    /* printer fault or service full: see staff */
	SCREEN_PIN,      /* admin PIN pad */
	SCREEN_ADMIN,    /* printer status, self-test, reprint, exit */
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
	struct db *db;
	const char *db_path;
	const char *printer_spec;
	struct worker *worker;
	Uint32 worker_event;
	FILE *trace;                 /* $MOTCUA_KIOSK_TRACE: test hook, may be NULL */

	/* What the database says */
	struct snapshot snap;
	struct snapshot_watch watch;
	bool have_snap;
	char unconfirmed[256];       /* today's tickets whose printing was not confirmed */

	/* Geometry */
	int w, h;
	struct layout layout;

	/* Screen */
	enum screen screen;
	bool dirty;
	bool quit;
	int64_t screen_deadline;     /* mono ms: go home (0 = none) */
	int64_t input_lock_until;    /* mono ms: taps ignored until then */
	int focus;                   /* keyboard focus on home: 2*i normal, 2*i+1 priority */
	bool focus_visible;          /* a key was used: show the focus ring */
	int64_t next_anim_ms;        /* mono ms: next step of the busy animation (0 = none) */
	int anim_step;
	char clock_text[6];
	char date_text[32];
	int64_t next_clock_ms;       /* wall ms of the next minute */

	/* Printer */
	bool printer_known;          /* a status has been received */
	bool printer_ok;
	struct printer_status printer_st;
	int64_t next_printer_check;  /* mono ms */
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
	bool admin_busy;
};

/* Switches screen, marks dirty, and records it in the trace. */
void kiosk_set_screen(struct kiosk *k, enum screen s);
/* Writes one line to the trace file (test hook) when enabled. */
void kiosk_trace(struct kiosk *k, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Asks the worker for the printer status unless a check is pending. */
void kiosk_check_printer(struct kiosk *k);
/* True when the snapshot's service i can be chosen (active, not full). */
bool kiosk_service_open(const struct kiosk *k, size_t i);

/* input.c */
void input_event(struct kiosk *k, const SDL_Event *ev);
void input_worker_reply(struct kiosk *k, struct worker_reply *rep);

/* draw.c */
void draw_frame(struct kiosk *k);
