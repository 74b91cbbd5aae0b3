#pragma once
#include "motcua/voice/layer.h"
/*
 * Plays voice sequences (voice.h) one after another on its own thread (a
 * job queue, motcua/base/jobq.h), so announcements queue and never overlap
 * or cut each other off. Clips are WAV files <clip_dir>/<clip>.wav,
 * converted once to the device format and kept in memory. The audio device
 * is opened only while something plays, so an idle program costs no audio
 * CPU.
 *
 * Without a usable audio device the announcer stays silent, logs that once,
 * and still tells its observer what it would have played.
 */
#include <stdbool.h>
#include <stdint.h>
#include "motcua/base/result.h"
#include "motcua/voice/voice.h"

struct announcer;

/* What the observer is told when an announcement starts and when it ends. */
struct announcer_note {
	bool start;           /* true: starts; false: has ended */
	const char *label;    /* as queued ("1005@2") */
	bool audio;           /* played on the audio device; false: silent */
	const char *clips;    /* the clip names, separated by spaces */
	int64_t wall_ms;      /* clock_now_ms() of the moment */
};

/* Called on the announcer's thread; the note's strings live for the call only. */
typedef void (*announcer_note_fn)(void *ud, const struct announcer_note *note);

/*
 * clip_dir is copied; note (may be NULL) observes every start and end.
 * Initialises SDL's audio subsystem (SDL_InitSubSystem) if it can; fails
 * only if its thread cannot start.
 */
struct announcer *announcer_create(const char *clip_dir, announcer_note_fn note, void *note_ud,
	struct result *r);
/* Stops the current clip, drops the queue, joins the thread. NULL-safe. */
void announcer_destroy(struct announcer *a);

/*
 * Queues a copy of seq with a label for the observer ("A1005@2"); never
 * blocks. A sequence identical to one still waiting (not yet playing) is
 * not queued again: pressing recall twice says it once more, not twice.
 */
bool announcer_queue(struct announcer *a, const struct voice_sequence *seq, const char *label);
/* Waits until everything queued has been played (for `motcua announce --play`). */
void announcer_drain(struct announcer *a);
/* Sequences queued and not finished yet. */
int announcer_pending(struct announcer *a);
/* False once the audio device was found missing (then silent). */
bool announcer_has_audio(struct announcer *a);
