/*
 * arena.c - the bump allocator that owns every byte of a result.
 *
 * Nodes and strings are never freed one by one: pol_result_free() drops the
 * blocks.  Requests larger than a block get a block of their own.
 */
#define _DEFAULT_SOURCE /* madvise advice beyond POSIX */
#include <stdlib.h>
#include <string.h>
#ifdef __linux__
#include <sys/mman.h>
#endif

#include "internal.h"

#define BLOCK_SIZE (64 * 1024)
#define BLOCK_SIZE_MAX (8 * 1024 * 1024)
#define HUGE_PAGE (2 * 1024 * 1024)

/* Asks for transparent huge pages over the 2 MB pages that lie wholly inside
 * a large buffer: one fault per 2 MB instead of 512, which on a virtual
 * machine was a fifth of the time of a 55 MB parse.  A hint only. */
void pol_mem_advise(void *p, size_t size)
{
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    if (!p || size < HUGE_PAGE)
        return;
    uintptr_t a = ((uintptr_t)p + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1);
    uintptr_t e = ((uintptr_t)p + size) & ~(uintptr_t)(HUGE_PAGE - 1);
    if (e > a)
        (void)madvise((void *)a, e - a, MADV_HUGEPAGE);
#else
    (void)p;
    (void)size;
#endif
}

struct arena_block {
    struct arena_block *next;
    size_t used, size;
    max_align_t data[];
};

void pol_arena_init(pol_arena *a) { memset(a, 0, sizeof *a); }

void pol_arena_free(pol_arena *a)
{
    struct arena_block *b = a->head;
    while (b) {
        struct arena_block *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
    a->total = 0;
}

/* `size` bytes aligned to `align` (a power of two), not cleared. */
static void *take(pol_arena *a, size_t size, size_t align)
{
    if (size == 0)
        size = 1;
    struct arena_block *b = a->head;
    size_t pad = b ? (align - b->used % align) % align : 0;
    if (!b || b->size - b->used < size || b->size - b->used - size < pad) {
        /* blocks grow with the arena, so a large result is few large blocks */
        size_t block = a->total / 4 > BLOCK_SIZE ? a->total / 4 : BLOCK_SIZE;
        if (block > BLOCK_SIZE_MAX)
            block = BLOCK_SIZE_MAX;
        bool own = size > block / 2; /* a request this big gets a block of its own */
        size_t cap = own ? size : block;
        if (cap > SIZE_MAX - sizeof *b - HUGE_PAGE)
            return NULL;
        struct arena_block *nb;
        if (sizeof *nb + cap >= HUGE_PAGE) {
            /* whole huge pages: a block that merely holds some gets the
             * rest as small pages, each a fault (a fifth of a 55 MB parse
             * went to faulting nodes in) */
            size_t bytes = (sizeof *nb + cap + HUGE_PAGE - 1) & ~(size_t)(HUGE_PAGE - 1);
            nb = aligned_alloc(HUGE_PAGE, bytes);
            cap = bytes - sizeof *nb;
        } else {
            nb = malloc(sizeof *nb + cap);
        }
        if (!nb)
            return NULL;
        pol_mem_advise(nb, sizeof *nb + cap);
        nb->used = 0;
        nb->size = cap;
        if (b && own) {
            /* a big block goes behind the current one, which keeps filling */
            nb->next = b->next;
            b->next = nb;
        } else {
            nb->next = b;
            a->head = nb;
        }
        a->total += cap;
        b = nb;
        pad = 0; /* a block's data is aligned for anything */
    }
    void *p = (char *)b->data + b->used + pad;
    b->used += pad + size;
    return p;
}

void *pol_arena_alloc(pol_arena *a, size_t size)
{
    void *p = take(a, size, sizeof(max_align_t));
    if (p)
        memset(p, 0, size);
    return p;
}

char *pol_arena_strndup(pol_arena *a, const char *s, size_t len)
{
    return pol_arena_concat(a, s, len, NULL, 0);
}

char *pol_arena_concat(pol_arena *a, const char *s, size_t n, const char *t, size_t m)
{
    if (n > SIZE_MAX - 1 - m)
        return NULL;
    char *p = take(a, n + m + 1, 1); /* strings need no alignment nor clearing */
    if (!p)
        return NULL;
    if (n)
        memcpy(p, s, n);
    if (m)
        memcpy(p + n, t, m);
    p[n + m] = '\0';
    return p;
}

void *pol_list_push(void **items, size_t *n, size_t *cap, size_t size)
{
    if (*n == *cap) {
        size_t grown = *cap ? *cap * 2 : 4;
        if (grown > SIZE_MAX / size)
            return NULL;
        void *g = realloc(*items, grown * size);
        if (!g)
            return NULL;
        *items = g;
        *cap = grown;
    }
    void *slot = (char *)*items + *n * size;
    memset(slot, 0, size);
    (*n)++;
    return slot;
}

bool pol_list_keep(pol_arena *a, void **items, size_t *n, size_t size, bool built)
{
    void *kept = built && *n ? take(a, *n * size, sizeof(max_align_t)) : NULL;
    if (kept)
        memcpy(kept, *items, *n * size);
    free(*items);
    *items = kept;
    if (!kept && (!built || *n)) {
        *n = 0;
        return false;
    }
    return true;
}
