/*
 * The job queue runs jobs in order on its thread, refuses jobs when full,
 * drops duplicates of waiting jobs, tells when it is idle, and releases
 * every job exactly once, run or not. A "gate" job holds the worker so the
 * tests can fill the queue without racing it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <unistd.h>
#include <sched.h>
#include <stdlib.h>
#include "motcua/base/jobq.h"

struct log {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	int ran[64];
	int n_ran;
	int released;
	int idle;
	int finished;
	struct jobq *q;      /* for the sleeping job */
	int slept;           /* what jobq_sleep returned: 1 slept, 0 cut short */
	bool gate_open;
	bool gate_reached;
};

struct job {
	int id;        /* < 0: a gate that waits for gate_open; 1000: sleeps a minute */
};

static void run(void *ud, void *p)
{
	struct log *l = ud;
	struct job *j = p;
	pthread_mutex_lock(&l->lock);
	if (j->id < 0) {
		l->gate_reached = true;
		pthread_cond_broadcast(&l->cond);
		while (!l->gate_open) {
			pthread_cond_wait(&l->cond, &l->lock);
		}
	}
	l->ran[l->n_ran++] = j->id;
	pthread_mutex_unlock(&l->lock);
	if (j->id == 1000) {
		bool full = jobq_sleep(l->q, 10);   /* a short sleep ends by itself */
		pthread_mutex_lock(&l->lock);
		l->gate_reached = full;
		pthread_cond_broadcast(&l->cond);
		pthread_mutex_unlock(&l->lock);
		l->slept = jobq_sleep(l->q, 60000) ? 1 : 0;  /* destroy cuts this one short */
	}
}

static void release(void *ud, void *p)
{
	struct log *l = ud;
	pthread_mutex_lock(&l->lock);
	l->released++;
	pthread_mutex_unlock(&l->lock);
	free(p);
}

static void idle(void *ud)
{
	struct log *l = ud;
	pthread_mutex_lock(&l->lock);
	l->idle++;
	pthread_mutex_unlock(&l->lock);
}

/* The worker says it is idle after drain returns (the drain only waits for the
 * last job): wait for it rather than race it. */
static int idle_count_eventually(struct log *l)
{
	for (int i = 0; i < 5000; i++) {
		pthread_mutex_lock(&l->lock);
		int n = l->idle;
		pthread_mutex_unlock(&l->lock);
		if (n >= 1) {
			return n;
		}
		usleep(1000);
	}
	return 0;
}

static void finish(void *ud)
{
	struct log *l = ud;
	pthread_mutex_lock(&l->lock);
	l->finished++;
	pthread_mutex_unlock(&l->lock);
}

static const struct jobq_ops ops = { .run = run, .release = release, .idle = idle,
	.finish = finish };

static struct job *job(int id)
{
	struct job *j = malloc(sizeof(*j));
	j->id = id;
	return j;
}

static void rec_init(struct log *l)
{
	*l = (struct log){ .n_ran = 0 };
	pthread_mutex_init(&l->lock, NULL);
	pthread_cond_init(&l->cond, NULL);
}

/* Submits a gate and waits until the worker is inside it. */
static void hold(struct jobq *q, struct log *l)
{
	assert_true(jobq_submit(q, job(-1)));
	pthread_mutex_lock(&l->lock);
	while (!l->gate_reached) {
		pthread_cond_wait(&l->cond, &l->lock);
	}
	pthread_mutex_unlock(&l->lock);
}

static void open_gate(struct log *l)
{
	pthread_mutex_lock(&l->lock);
	l->gate_open = true;
	pthread_cond_broadcast(&l->cond);
	pthread_mutex_unlock(&l->lock);
}

struct opener {
	struct jobq *q;
	struct log *l;
};

/* Opens the gate once jobq_destroy has asked the worker to stop. */
static void *open_when_stopping(void *arg)
{
	struct opener *o = arg;
	while (!jobq_stopping(o->q)) {
		sched_yield();
	}
	open_gate(o->l);
	return NULL;
}

static bool same(const void *a, const void *b)
{
	return ((const struct job *)a)->id == ((const struct job *)b)->id;
}

static void test_order_and_release(void **state)
{
	(void)state;
	struct log l;
	rec_init(&l);
	struct jobq *q = jobq_create("test", &ops, &l, 0, NULL);
	assert_non_null(q);
	for (int i = 1; i <= 20; i++) {
		assert_true(jobq_submit(q, job(i)));
	}
	jobq_drain(q);
	assert_int_equal(jobq_pending(q), 0);
	assert_int_equal(l.n_ran, 20);
	for (int i = 0; i < 20; i++) {
		assert_int_equal(l.ran[i], i + 1);
	}
	assert_int_equal(l.released, 20);
	assert_true(idle_count_eventually(&l) >= 1);
	assert_int_equal(l.finished, 0);
	jobq_destroy(q);
	assert_int_equal(l.finished, 1);
	jobq_destroy(NULL);
}

static void test_full_and_unique(void **state)
{
	(void)state;
	struct log l;
	rec_init(&l);
	struct jobq *q = jobq_create("test", &ops, &l, 2, NULL);
	hold(q, &l);
	assert_int_equal(jobq_pending(q), 1);
	assert_true(jobq_submit(q, job(1)));
	assert_true(jobq_submit_unique(q, job(1), same));   /* same as one waiting: dropped */
	assert_true(jobq_submit(q, job(2)));
	assert_false(jobq_submit(q, job(3)));               /* two waiting: full */
	assert_int_equal(jobq_pending(q), 3);
	assert_int_equal(l.released, 2);                    /* the duplicate and the refused */
	open_gate(&l);
	jobq_drain(q);
	assert_int_equal(l.n_ran, 3);
	assert_int_equal(l.ran[0], -1);
	assert_int_equal(l.ran[1], 1);
	assert_int_equal(l.ran[2], 2);
	/* A job equal to the one now running (none) or done is queued again. */
	assert_true(jobq_submit_unique(q, job(2), same));
	jobq_drain(q);
	assert_int_equal(l.n_ran, 4);
	jobq_destroy(q);
	assert_int_equal(l.released, 6);
}

static void test_destroy_drops_waiting(void **state)
{
	(void)state;
	struct log l;
	rec_init(&l);
	struct jobq *q = jobq_create("test", &ops, &l, 0, NULL);
	hold(q, &l);
	for (int i = 1; i <= 5; i++) {
		assert_true(jobq_submit(q, job(i)));
	}
	assert_false(jobq_stopping(q));
	/* The gate opens only once destroy has begun: the waiting jobs never run. */
	struct opener o = { q, &l };
	pthread_t t;
	assert_int_equal(pthread_create(&t, NULL, open_when_stopping, &o), 0);
	jobq_destroy(q);
	pthread_join(t, NULL);
	assert_int_equal(l.n_ran, 1);
	assert_int_equal(l.ran[0], -1);
	assert_int_equal(l.released, 6);
	assert_int_equal(l.finished, 1);   /* told once when the thread ends */
}

/* A job sleeping a minute wakes as soon as the queue is destroyed. */
static void test_sleep_cut_short(void **state)
{
	(void)state;
	struct log l;
	rec_init(&l);
	l.slept = -1;
	l.q = jobq_create("test", &ops, &l, 0, NULL);
	assert_true(jobq_submit(l.q, job(1000)));
	pthread_mutex_lock(&l.lock);
	while (!l.gate_reached) {     /* the 10 ms sleep returned true */
		pthread_cond_wait(&l.cond, &l.lock);
	}
	pthread_mutex_unlock(&l.lock);
	jobq_destroy(l.q);
	assert_int_equal(l.slept, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_order_and_release),
		cmocka_unit_test(test_full_and_unique),
		cmocka_unit_test(test_destroy_drops_waiting),
		cmocka_unit_test(test_sleep_cut_short),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
