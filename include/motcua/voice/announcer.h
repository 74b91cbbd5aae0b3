#pragma once
#include "motcua/voice/layer.h"
/*
 * Plays voice sequences (voice.h) one after another on its own thread, so
 * announcements queue and never overlap or cut each other off. Clips are
 * WAV files <clip_dir>/<clip>.wav, converted once to the device format and
 * kept in memory. The audio device is opened only while something plays,
 * so an idle program costs no audio CPU.
 *
 * Without a usable audio device the announcer stays silent, logs that once,
 * and still records what it would have played.
 *
 * Record (optional log file, one line per event, flushed):
 *   <wall ms> start <label> <audio|silent> <clip> <clip> ...
 *   <wall ms> end <label>
 */
#include <stdbool.h>
#include "motcua/voice/voice.h"

struct announcer;

/*
 * clip_dir is copied. record_path may be NULL. Initialises SDL's audio
 * subsystem (SDL_InitSubSystem) if it can; fails only if the record file
 * cannot be opened.
 */
struct announcer *announcer_create(const char *clip_dir, const char *record_path);
/* Stops the current clip, drops the queue, joins the thread. NULL-safe. */
void announcer_destroy(struct announcer *a);

/*
 * Queues a copy of seq with a label for the record ("A1005@2"); never
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
