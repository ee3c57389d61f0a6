/*
 * offmap.c - maps offsets of a rewritten text back to its source.
 *
 * Input: breakpoints (dst, src) marked at each edit, in increasing order.
 * Output: pol_offmap_start() and pol_offmap_end() answer in O(log n).
 * Invariant: both columns never decrease; the last breakpoint is
 * (dst_len, src_len).  With no edit at all the map is two points and maps
 * every offset to itself.
 *
 * Example: "２０２５ 年" -> "2025年": breakpoints (0,0) (1,3) (2,6) (3,9)
 * (4,12) (4,13) (7,16): each digit is a 1-byte replacement of 3 bytes, the
 * space a deletion (an empty dst segment), 年 a linear copy.
 */
#include <stdlib.h>

#include "internal.h"

void pol_offmap_init(pol_offmap *m)
{
    m->dst = m->src = NULL;
    m->n = m->cap = 0;
    m->failed = false;
    pol_offmap_mark(m, 0, 0);
}

void pol_offmap_free(pol_offmap *m)
{
    free(m->dst);
    free(m->src);
    m->dst = m->src = NULL;
    m->n = m->cap = 0;
}

void pol_offmap_mark(pol_offmap *m, size_t d, size_t s)
{
    if (m->failed)
        return;
    if (m->n > 0) {
        size_t ld = m->dst[m->n - 1], ls = m->src[m->n - 1];
        if (ld == d && ls == s)
            return;
        /* a point on the line through the last two adds nothing */
        if (m->n > 1) {
            size_t pd = m->dst[m->n - 2], ps = m->src[m->n - 2];
            if (ld - pd == ls - ps && ld > pd && d - ld == s - ls && d > ld) {
                m->dst[m->n - 1] = d;
                m->src[m->n - 1] = s;
                return;
            }
        }
    }
    if (m->n == m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 64;
        size_t *nd = realloc(m->dst, cap * sizeof *nd);
        if (!nd) {
            m->failed = true;
            return;
        }
        m->dst = nd;
        size_t *ns = realloc(m->src, cap * sizeof *ns);
        if (!ns) {
            m->failed = true;
            return;
        }
        m->src = ns;
        m->cap = cap;
        pol_mem_advise(nd, cap * sizeof *nd);
        pol_mem_advise(ns, cap * sizeof *ns);
    }
    m->dst[m->n] = d;
    m->src[m->n] = s;
    m->n++;
}

void pol_offmap_finish(pol_offmap *m, size_t dst_len, size_t src_len)
{
    pol_offmap_mark(m, dst_len, src_len);
}

/* The last segment i (i+1 < n) with dst[i] <= d < dst[i+1]; n-1 when d is
 * at or past the end (dst[0] is 0). */
static size_t segment_of(const pol_offmap *m, size_t d, size_t *hint)
{
    return pol_last_at_most_near(m->dst, m->n, d, hint);
}

size_t pol_offmap_start_near(const pol_offmap *m, size_t d, size_t *hint)
{
    if (m->n == 0)
        return d;
    size_t i = segment_of(m, d, hint);
    if (i + 1 >= m->n)
        return m->src[m->n - 1] + (d - m->dst[m->n - 1]);
    size_t dl = m->dst[i + 1] - m->dst[i], sl = m->src[i + 1] - m->src[i];
    return dl == sl ? m->src[i] + (d - m->dst[i]) : m->src[i];
}

size_t pol_offmap_end_near(const pol_offmap *m, size_t d, size_t *hint)
{
    if (m->n == 0 || d == 0)
        return d;
    /* the segment holding the last byte of the range, d-1 */
    size_t i = segment_of(m, d - 1, hint);
    if (i + 1 >= m->n)
        return m->src[m->n - 1] + (d - m->dst[m->n - 1]);
    size_t dl = m->dst[i + 1] - m->dst[i], sl = m->src[i + 1] - m->src[i];
    return dl == sl ? m->src[i] + (d - m->dst[i]) : m->src[i + 1];
}

size_t pol_offmap_start(const pol_offmap *m, size_t d)
{
    size_t none = SIZE_MAX;
    return pol_offmap_start_near(m, d, &none);
}

size_t pol_offmap_end(const pol_offmap *m, size_t d)
{
    size_t none = SIZE_MAX;
    return pol_offmap_end_near(m, d, &none);
}
