/*
 * batch.c - an ordered worker pool for the policy tool.
 *
 * Workers take the next job (under the lock, so reading the inputs stays
 * sequential), work on it unlocked, and leave it in a ring of `window`
 * slots; the calling thread hands finished jobs on in input order.  A
 * worker waits when the ring is full, so a slow job early in the input
 * holds back reading, not memory.  Each side is woken only for what it
 * waits for (the next job in order; room in the ring), not at every change:
 * a broadcast per job cost three context switches a document.
 */
#define _POSIX_C_SOURCE 200809L
#include "batch.h"

#include <pthread.h>
#include <stdlib.h>

typedef struct pool {
    pthread_mutex_t lock;
    pthread_cond_t in_order; /* the job the caller waits for is ready, or all are done */
    pthread_cond_t room;     /* the ring has room again */
    int waiting_for_room;
    batch_next_fn next;
    batch_work_fn work;
    void *ctx;
    void **slot;   /* ring: job of sequence number k is in slot[k % window] */
    bool *ready;
    size_t window;
    size_t taken;  /* jobs read so far */
    size_t handed; /* jobs handed to done() so far */
    bool exhausted;
    int running;   /* workers not yet finished */
} pool;

typedef struct worker_arg {
    pool *p;
    int index;
} worker_arg;

static void *worker(void *arg)
{
    worker_arg *wa = arg;
    pool *p = wa->p;
    pthread_mutex_lock(&p->lock);
    for (;;) {
        while (!p->exhausted && p->taken - p->handed >= p->window) {
            p->waiting_for_room++;
            pthread_cond_wait(&p->room, &p->lock);
            p->waiting_for_room--;
        }
        void *job = NULL;
        if (p->exhausted || !p->next(p->ctx, &job)) {
            p->exhausted = true;
            break;
        }
        size_t seq = p->taken++;
        pthread_mutex_unlock(&p->lock);
        p->work(p->ctx, wa->index, job);
        pthread_mutex_lock(&p->lock);
        p->slot[seq % p->window] = job;
        p->ready[seq % p->window] = true;
        if (seq == p->handed)
            pthread_cond_signal(&p->in_order);
    }
    p->running--;
    pthread_cond_signal(&p->in_order);
    pthread_cond_broadcast(&p->room); /* workers waiting for room see exhausted */
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

bool batch_run(int threads, size_t window, batch_next_fn next, batch_work_fn work,
               batch_done_fn done, void *ctx)
{
    if (threads < 1)
        threads = 1;
    if (window < (size_t)threads)
        window = (size_t)threads;
    pool p = {.next = next, .work = work, .ctx = ctx, .window = window, .running = threads};
    p.slot = calloc(window, sizeof *p.slot);
    p.ready = calloc(window, sizeof *p.ready);
    pthread_t *tids = calloc((size_t)threads, sizeof *tids);
    worker_arg *args = calloc((size_t)threads, sizeof *args);
    if (!p.slot || !p.ready || !tids || !args) {
        free(p.slot), free(p.ready), free(tids), free(args);
        return false;
    }
    pthread_mutex_init(&p.lock, NULL);
    pthread_cond_init(&p.in_order, NULL);
    pthread_cond_init(&p.room, NULL);
    int started = 0;
    for (; started < threads; started++) {
        args[started] = (worker_arg){&p, started};
        if (pthread_create(&tids[started], NULL, worker, &args[started]) != 0)
            break;
    }
    pthread_mutex_lock(&p.lock);
    p.running -= threads - started; /* those that never started; the rest may be done already */
    if (started == 0)
        p.exhausted = true;
    for (;;) {
        size_t k = p.handed % window;
        while (!p.ready[k] && !(p.running == 0 && p.handed == p.taken))
            pthread_cond_wait(&p.in_order, &p.lock);
        if (!p.ready[k])
            break;
        void *job = p.slot[k];
        p.ready[k] = false;
        pthread_mutex_unlock(&p.lock);
        done(ctx, job);
        pthread_mutex_lock(&p.lock);
        p.handed++;
        if (p.waiting_for_room > 0)
            pthread_cond_signal(&p.room);
    }
    pthread_mutex_unlock(&p.lock);
    for (int i = 0; i < started; i++)
        pthread_join(tids[i], NULL);
    pthread_mutex_destroy(&p.lock);
    pthread_cond_destroy(&p.in_order);
    pthread_cond_destroy(&p.room);
    free(p.slot), free(p.ready), free(tids), free(args);
    return started > 0;
}
