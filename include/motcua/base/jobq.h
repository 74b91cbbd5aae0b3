#pragma once
#include "motcua/base/layer.h"
/*
 * A job queue: one worker thread fed by a FIFO, for work that may block
 * (printer I/O, password hashing, playing sound) and must stay off a
 * program's UI thread. Jobs are opaque pointers owned by the queue from
 * jobq_submit on; the worker runs them in order, one at a time, and then
 * releases them. Results go back through whatever the run function does:
 * the SDL programs post them to their loop (ui_loop_post), which wakes the
 * UI thread. Plain pthreads: no SDL needed.
 *
 * Used by the kiosk's printer thread (src/kiosk/worker.c) and the
 * display's announcer (src/core/voice/announcer.c).
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "motcua/base/result.h"

struct jobq;

struct jobq_ops {
	/* Runs one job on the worker thread (required). */
	void (*run)(void *ud, void *job);
	/*
	 * Disposes of a job after it ran, or when it was refused or dropped
	 * (queue full, duplicate, destroy). NULL: free(job). Any thread.
	 */
	void (*release)(void *ud, void *job);
	/*
	 * The FIFO has become empty, on the worker thread before it waits. For
	 * closing what only jobs need (the audio device). May be NULL.
	 */
	void (*idle)(void *ud);
	/*
	 * The last call on the worker thread, as it ends: release what the
	 * thread holds (SDL keeps per-thread state for threads it did not start:
	 * SDL_TLSCleanup). May be NULL.
	 */
	void (*finish)(void *ud);
};

/*
 * Starts the worker thread (name: up to 15 characters, shown by ps/top).
 * max_queued bounds the jobs waiting (not counting the one running); 0 for
 * no bound. ops is copied; ud is passed to every callback.
 */
struct jobq *jobq_create(const char *name, const struct jobq_ops *ops, void *ud,
	size_t max_queued, struct result *r);
/*
 * Stops the thread after its current job (a long job can check
 * jobq_stopping), releases the jobs still waiting and frees the queue.
 * NULL-safe.
 */
void jobq_destroy(struct jobq *q);

/* Queues job (ownership passes to the queue); false, job released, when full. */
bool jobq_submit(struct jobq *q, void *job);
/*
 * Like jobq_submit, but when a job that same() says is equal is still
 * waiting (not yet running), job is released instead of queued; true then.
 */
bool jobq_submit_unique(struct jobq *q, void *job,
	bool (*same)(const void *waiting, const void *job));
/* Jobs waiting or running. */
size_t jobq_pending(struct jobq *q);
/* Waits until every job submitted so far has run. */
void jobq_drain(struct jobq *q);
/* True once jobq_destroy has begun: a long job should end early. */
bool jobq_stopping(struct jobq *q);
/*
 * For a job that waits (a sound playing): sleeps ms, or less when
 * jobq_destroy begins. False when it did (the job should end now).
 */
bool jobq_sleep(struct jobq *q, int64_t ms);
