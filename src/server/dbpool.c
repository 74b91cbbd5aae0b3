/* The server's SQLite connections (dbpool.h). */
#define LOG_MODULE "dbpool"
#include <pthread.h>
#include <stdlib.h>
#include "dbpool.h"
#include "motcua/base/xalloc.h"

struct dbpool {
	char *path;
	pthread_mutex_t lock;        /* the free list */
	pthread_mutex_t write;       /* one writer of ours at a time */
	struct db **free;
	size_t n_free, cap;
};

struct dbpool *dbpool_create(const char *path, struct result *r)
{
	struct db *first = db_open(path, DB_READWRITE, r);
	if (!first) {
		return NULL;
	}
	struct dbpool *pool = xcalloc(1, sizeof(*pool));
	pool->path = xstrdup(path);
	pthread_mutex_init(&pool->lock, NULL);
	pthread_mutex_init(&pool->write, NULL);
	dbpool_release(pool, first);
	return pool;
}

void dbpool_destroy(struct dbpool *pool)
{
	if (!pool) {
		return;
	}
	for (size_t i = 0; i < pool->n_free; i++) {
		db_close(pool->free[i]);
	}
	free(pool->free);
	free(pool->path);
	pthread_mutex_destroy(&pool->lock);
	pthread_mutex_destroy(&pool->write);
	free(pool);
}

struct db *dbpool_acquire(struct dbpool *pool, struct result *r)
{
	struct db *db = NULL;
	pthread_mutex_lock(&pool->lock);
	if (pool->n_free) {
		db = pool->free[--pool->n_free];
	}
	pthread_mutex_unlock(&pool->lock);
	return db ? db : db_open(pool->path, DB_READWRITE, r);
}

void dbpool_release(struct dbpool *pool, struct db *db)
{
	if (!db) {
		return;
	}
	pthread_mutex_lock(&pool->lock);
	if (pool->n_free == pool->cap) {
		pool->cap = pool->cap ? pool->cap * 2 : 8;
		pool->free = xrealloc(pool->free, pool->cap * sizeof(*pool->free));
	}
	pool->free[pool->n_free++] = db;
	pthread_mutex_unlock(&pool->lock);
}

void dbpool_write_begin(struct dbpool *pool)
{
	pthread_mutex_lock(&pool->write);
}

void dbpool_write_end(struct dbpool *pool)
{
	pthread_mutex_unlock(&pool->write);
}
