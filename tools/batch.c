/*
 * batch.c - an ordered worker pool for the policy tool.
 *
 * Workers take the next job (one at a time, under a lock of its own: a
 * worker waiting for a line of stdin must not keep the others from handing
 * results on, or a caller that waits for a result before it writes the next
 * line would wait forever), work on it unlocked, and leave it in a ring of
 * `window` slots.  The worker that finishes the job next in input order hands it on
 * to done(), and any after it that are ready; one worker hands on at a
 * time, so done() sees the jobs one by one, in order.  No thread sleeps
 * between jobs to be woken for the next: a calling thread that handed
 * jobs on cost two context switches a document, a sixth of the time of
 * `-j 2` on a virtual machine.  A worker waits when the ring is full, so a
 * slow job early in the input holds back reading, not memory.
 */
#define _POSIX_C_SOURCE 200809L
#include "batch.h"

#include <pthread.h>
#include <stdlib.h>

typedef struct pool {
    pthread_mutex_t input; /* taken to read the next job; before `lock` */
    pthread_mutex_t lock;
    pthread_cond_t finished; /* every worker is done */
    pthread_cond_t room;     /* the ring has room again */
    int waiting_for_room;
    batch_next_fn next;
    batch_work_fn work;
    batch_done_fn done;
    void *ctx;
    void **slot;   /* ring: job of sequence number k is in slot[k % window] */
    bool *ready;
    size_t window;
    size_t taken;  /* jobs read so far */
    size_t handed; /* jobs handed to done() so far */
    bool handing;  /* a worker is handing jobs on */
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
    for (;;) {
        pthread_mutex_lock(&p->input);
        pthread_mutex_lock(&p->lock);
        while (!p->exhausted && p->taken - p->handed >= p->window) {
            p->waiting_for_room++;
            pthread_cond_wait(&p->room, &p->lock);
            p->waiting_for_room--;
        }
        bool more = !p->exhausted;
        pthread_mutex_unlock(&p->lock);
        void *job = NULL;
        more = more && p->next(p->ctx, &job); /* may block: only `input` is held */
        pthread_mutex_lock(&p->lock);
        size_t seq = p->taken;
        if (more)
            p->taken++;
        else
            p->exhausted = true;
        pthread_mutex_unlock(&p->input);
        if (!more)
            break;
        pthread_mutex_unlock(&p->lock);
        p->work(p->ctx, wa->index, job);
        pthread_mutex_lock(&p->lock);
        p->slot[seq % p->window] = job;
        p->ready[seq % p->window] = true;
        /* hand on what is now in order, unless another worker is at it: it
         * looks at the ring again after each job it hands on */
        if (!p->handing) {
            p->handing = true;
            while (p->ready[p->handed % p->window]) {
                size_t k = p->handed % p->window;
                void *next_job = p->slot[k];
                p->ready[k] = false;
                pthread_mutex_unlock(&p->lock);
                p->done(p->ctx, next_job);
                pthread_mutex_lock(&p->lock);
                p->handed++;
                if (p->waiting_for_room > 0)
                    pthread_cond_signal(&p->room);
            }
            p->handing = false;
        }
        pthread_mutex_unlock(&p->lock);
    }
    if (--p->running == 0)
        pthread_cond_signal(&p->finished);
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
    pool p = {.next = next, .work = work, .done = done, .ctx = ctx, .window = window,
              .running = threads};
    p.slot = calloc(window, sizeof *p.slot);
    p.ready = calloc(window, sizeof *p.ready);
    pthread_t *tids = calloc((size_t)threads, sizeof *tids);
    worker_arg *args = calloc((size_t)threads, sizeof *args);
    if (!p.slot || !p.ready || !tids || !args) {
        free(p.slot), free(p.ready), free(tids), free(args);
        return false;
    }
    pthread_mutex_init(&p.input, NULL);
    pthread_mutex_init(&p.lock, NULL);
    pthread_cond_init(&p.finished, NULL);
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
    while (p.running > 0)
        pthread_cond_wait(&p.finished, &p.lock);
    pthread_mutex_unlock(&p.lock);
    for (int i = 0; i < started; i++)
        pthread_join(tids[i], NULL);
    pthread_mutex_destroy(&p.input);
    pthread_mutex_destroy(&p.lock);
    pthread_cond_destroy(&p.finished);
    pthread_cond_destroy(&p.room);
    free(p.slot), free(p.ready), free(tids), free(args);
    return started > 0;
}
