/*
 * buf.c - a growable byte buffer for scratch text.
 *
 * A failed allocation sets `failed` and drops later appends, so callers can
 * append freely and check once at the end.  pol_out, below, is the same idea
 * for output: batched on the stack, handed to the caller's callback.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

void pol_buf_init(pol_buf *b) { memset(b, 0, sizeof *b); }

void pol_buf_free(pol_buf *b)
{
    free(b->data);
    pol_buf_init(b);
}

bool pol_buf_reserve(pol_buf *b, size_t extra)
{
    if (b->failed)
        return false;
    if (extra > SIZE_MAX - b->len - 1) {
        b->failed = true;
        return false;
    }
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return true;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    char *p = realloc(b->data, cap);
    if (!p) {
        b->failed = true;
        return false;
    }
    pol_mem_advise(p, cap);
    b->data = p;
    b->cap = cap;
    return true;
}

bool pol_buf_append(pol_buf *b, const void *data, size_t len)
{
    if (!pol_buf_reserve(b, len))
        return false;
    if (len)
        memcpy(b->data + b->len, data, len);
    b->len += len;
    b->data[b->len] = '\0';
    return true;
}

bool pol_buf_putc(pol_buf *b, char c) { return pol_buf_append(b, &c, 1); }

char *pol_buf_steal(pol_buf *b)
{
    if (b->failed || !pol_buf_reserve(b, 0)) {
        pol_buf_free(b);
        return NULL;
    }
    b->data[b->len] = '\0';
    char *p = b->data;
    pol_buf_init(b);
    return p;
}

void pol_out_flush(pol_out *o)
{
    if (o->len && !o->failed && o->write(o->buf, o->len, o->user) != 0)
        o->failed = true;
    o->len = 0;
}

void pol_out_put_slow(pol_out *o, const char *s, size_t n)
{
    while (n > 0) {
        if (o->len == sizeof o->buf)
            pol_out_flush(o);
        size_t room = sizeof o->buf - o->len, k = n < room ? n : room;
        memcpy(o->buf + o->len, s, k);
        o->len += k;
        s += k;
        n -= k;
    }
}

/* ----------------------------------------------------------------- strmap */

struct strmap_slot {
    const char *s;
    size_t len, value;
    uint64_t hash;
};

/* A string's hash: eight bytes a step, each mixed in by a multiply (the
 * keys are agency names and titles, twenty bytes and more; byte by byte
 * this was most of a lookup).  The low bits pick the slot. */
static uint64_t hash_of(const char *s, size_t len)
{
    uint64_t h = 0x9E3779B97F4A7C15ULL ^ len;
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        h = (h ^ w) * 0xFF51AFD7ED558CCDULL;
        h ^= h >> 32;
    }
    uint64_t w = 0;
    for (size_t k = 0; i < len; i++, k += 8)
        w |= (uint64_t)(unsigned char)s[i] << k;
    h = (h ^ w) * 0xC4CEB9FE1A85EC53ULL;
    return h ^ (h >> 29);
}

void pol_strmap_free(pol_strmap *m)
{
    free(m->slots);
    memset(m, 0, sizeof *m);
}

static struct strmap_slot *find_slot(struct strmap_slot *slots, size_t cap, const char *s,
                                     size_t len, uint64_t h)
{
    for (size_t i = h & (cap - 1);; i = (i + 1) & (cap - 1))
        if (!slots[i].s || (slots[i].hash == h && slots[i].len == len &&
                            memcmp(slots[i].s, s, len) == 0))
            return &slots[i];
}

bool pol_strmap_add(pol_strmap *m, const char *s, size_t len, size_t value)
{
    if (m->failed)
        return false;
    if (2 * (m->n + 1) > m->cap) {
        size_t cap = m->cap ? 2 * m->cap : 64;
        struct strmap_slot *g = calloc(cap, sizeof *g);
        if (!g) {
            m->failed = true;
            return false;
        }
        for (size_t i = 0; i < m->cap; i++)
            if (m->slots[i].s)
                *find_slot(g, cap, m->slots[i].s, m->slots[i].len, m->slots[i].hash) = m->slots[i];
        free(m->slots);
        m->slots = g;
        m->cap = cap;
    }
    uint64_t h = hash_of(s, len);
    struct strmap_slot *slot = find_slot(m->slots, m->cap, s, len, h);
    if (!slot->s) {
        *slot = (struct strmap_slot){s, len, value, h};
        m->n++;
    }
    return true;
}

size_t pol_strmap_get(const pol_strmap *m, const char *s, size_t len)
{
    if (!m->cap)
        return SIZE_MAX;
    const struct strmap_slot *slot = find_slot(m->slots, m->cap, s, len, hash_of(s, len));
    return slot->s ? slot->value : SIZE_MAX;
}
