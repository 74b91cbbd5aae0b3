/*
 * A singly linked FIFO of jobs under one mutex; the worker sleeps on a
 * condition variable while it is empty, and the same condition tells
 * jobq_drain that a job finished. Everything the thread needs is set up
 * before it starts, so a failed start unwinds without a running thread.
 */
#define LOG_MODULE "jobq"
#include "motcua/base/jobq.h"
#include "motcua/base/syserr.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "motcua/base/log.h"
#include "motcua/base/xalloc.h"

struct node {
	struct node *next;
	void *job;
};

struct jobq {
	struct jobq_ops ops;
	void *ud;
	size_t max_queued;        /* 0: unbounded */
	char name[16];

	pthread_mutex_t lock;
	pthread_cond_t cond;      /* a job arrived, one finished, or stop; CLOCK_MONOTONIC */
	struct node *head, *tail; /* under lock */
	size_t queued;            /* under lock */
	bool running;             /* a job is being run; under lock */
	bool stop;                /* under lock */
	bool started;
	pthread_t thread;
};

static void release(struct jobq *q, void *job)
{
	if (q->ops.release) {
		q->ops.release(q->ud, job);
	} else {
		free(job);
	}
}

static void *thread_main(void *arg)
{
	struct jobq *q = arg;
	bool idle_told = false;

	pthread_mutex_lock(&q->lock);
	for (;;) {
		while (!q->stop && !q->head) {
			if (!idle_told && q->ops.idle) {
				/* Unlocked: idle work may take a while and must not block submitters. */
				idle_told = true;
				pthread_mutex_unlock(&q->lock);
				q->ops.idle(q->ud);
				pthread_mutex_lock(&q->lock);
				continue;
			}
			pthread_cond_wait(&q->cond, &q->lock);
		}
		if (q->stop) {
			break;
		}
		struct node *n = q->head;
		q->head = n->next;
		if (!q->head) {
			q->tail = NULL;
		}
		q->queued--;
		q->running = true;
		idle_told = false;
		pthread_mutex_unlock(&q->lock);

		q->ops.run(q->ud, n->job);
		release(q, n->job);
		free(n);

		pthread_mutex_lock(&q->lock);
		q->running = false;
		pthread_cond_broadcast(&q->cond);
	}
	pthread_mutex_unlock(&q->lock);
	if (q->ops.finish) {
		q->ops.finish(q->ud);
	}
	return NULL;
}

struct jobq *jobq_create(const char *name, const struct jobq_ops *ops, void *ud,
	size_t max_queued, struct result *r)
{
	struct jobq *q = xcalloc(1, sizeof(*q));
	q->ops = *ops;
	q->ud = ud;
	q->max_queued = max_queued;
	snprintf(q->name, sizeof(q->name), "%s", name ? name : "jobq");
	pthread_mutex_init(&q->lock, NULL);
	pthread_condattr_t attr;
	pthread_condattr_init(&attr);
	pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);  /* jobq_sleep: immune to clock steps */
	pthread_cond_init(&q->cond, &attr);
	pthread_condattr_destroy(&attr);
	int err = pthread_create(&q->thread, NULL, thread_main, q);
	if (err != 0) {
		result_fail(r, RESULT_ERR_IO, "không khởi động được luồng %s: %s", q->name,
			syserr_words(err));
		jobq_destroy(q);
		return NULL;
	}
	q->started = true;
	pthread_setname_np(q->thread, q->name);
	return q;
}

void jobq_destroy(struct jobq *q)
{
	if (!q) {
		return;
	}
	if (q->started) {
		pthread_mutex_lock(&q->lock);
		q->stop = true;
		pthread_cond_broadcast(&q->cond);
		pthread_mutex_unlock(&q->lock);
		pthread_join(q->thread, NULL);
	}
	for (struct node *n = q->head, *next; n; n = next) {
		next = n->next;
		release(q, n->job);
		free(n);
	}
	pthread_cond_destroy(&q->cond);
	pthread_mutex_destroy(&q->lock);
	free(q);
}

static bool submit(struct jobq *q, void *job, bool (*same)(const void *, const void *))
{
	struct node *n = xcalloc(1, sizeof(*n));
	bool queued = false, duplicate = false;
	n->job = job;
	pthread_mutex_lock(&q->lock);
	for (struct node *w = same ? q->head : NULL; w && !duplicate; w = w->next) {
		duplicate = same(w->job, job);
	}
	if (!duplicate && !q->stop && (q->max_queued == 0 || q->queued < q->max_queued)) {
		if (q->tail) {
			q->tail->next = n;
		} else {
			q->head = n;
		}
		q->tail = n;
		q->queued++;
		queued = true;
		pthread_cond_broadcast(&q->cond);
	}
	pthread_mutex_unlock(&q->lock);
	if (!queued) {
		release(q, job);
		free(n);
	}
	return queued || duplicate;
}

bool jobq_submit(struct jobq *q, void *job)
{
	return submit(q, job, NULL);
}

bool jobq_submit_unique(struct jobq *q, void *job,
	bool (*same)(const void *waiting, const void *job))
{
	return submit(q, job, same);
}

size_t jobq_pending(struct jobq *q)
{
	pthread_mutex_lock(&q->lock);
	size_t n = q->queued + (q->running ? 1 : 0);
	pthread_mutex_unlock(&q->lock);
	return n;
}

void jobq_drain(struct jobq *q)
{
	pthread_mutex_lock(&q->lock);
	while ((q->head || q->running) && !q->stop) {
		pthread_cond_wait(&q->cond, &q->lock);
	}
	pthread_mutex_unlock(&q->lock);
}

bool jobq_stopping(struct jobq *q)
{
	pthread_mutex_lock(&q->lock);
	bool s = q->stop;
	pthread_mutex_unlock(&q->lock);
	return s;
}

bool jobq_sleep(struct jobq *q, int64_t ms)
{
	struct timespec until;
	clock_gettime(CLOCK_MONOTONIC, &until);
	int64_t ns = until.tv_nsec + (ms > 0 ? ms : 0) % 1000 * 1000000;
	until.tv_sec += (time_t)((ms > 0 ? ms : 0) / 1000 + ns / 1000000000);
	until.tv_nsec = (long)(ns % 1000000000);
	pthread_mutex_lock(&q->lock);
	int err = 0;
	/* The condition also signals jobs arriving or ending: sleep on until the time or stop. */
	while (!q->stop && err != ETIMEDOUT) {
		err = pthread_cond_timedwait(&q->cond, &q->lock, &until);
	}
	bool stop = q->stop;
	pthread_mutex_unlock(&q->lock);
	return !stop;
}
