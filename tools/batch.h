/* batch.h - an ordered worker pool: see batch.c. */
#ifndef BATCH_H
#define BATCH_H

#include <stdbool.h>
#include <stddef.h>

/* Fills *job with the next input; false when there is none.  Called by one
 * worker at a time, in input order. */
typedef bool (*batch_next_fn)(void *ctx, void **job);
/* Does the work of a job on worker `worker` (0..threads-1); any thread. */
typedef void (*batch_work_fn)(void *ctx, int worker, void *job);
/* Takes a finished job, strictly in input order and one job at a time, on
 * whichever worker thread hands it on. */
typedef void (*batch_done_fn)(void *ctx, void *job);

/* Runs every job through `work` on `threads` threads and hands them to
 * `done` in input order.  At most `window` jobs are read and not yet done,
 * so memory stays bounded however many inputs there are.  Returns false if
 * the threads could not be started. */
bool batch_run(int threads, size_t window, batch_next_fn next, batch_work_fn work,
               batch_done_fn done, void *ctx);

#endif
