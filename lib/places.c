/*
 * places.c - where the stages must look closer, as bitmaps of the
 * normalized text, marked in one pass.
 *
 * Input: run->norm, as normalization leaves it.  Output: run->places, a
 * bit for each byte and kind of place (pol_place_at says which), that
 * pol_place_next reads 64 bytes a word.  The figures, tasks and references
 * stages (and the splitter's citations) read most of the text where it
 * stands, paragraph by paragraph; each searched it sixteen bytes at a
 * time, with the set-up and the last block of every paragraph to pay.
 * A set bit is only a place to look at: the stage's own reader decides
 * (targets.c quantity_at, tasks.c mark_at, references.c).  A clear bit is
 * a place where that reader finds nothing.  Text elsewhere (a body joined
 * across a blank line is a copy) is read block by block, by
 * pol_place_next_read, to the same definition.  The SSE2 and AVX2 block
 * tests share their shape, one per width.
 * Example: "到2025年" -> number places at the digits 2, 0, 2 and 5.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static bool byte_in(const unsigned char *u, size_t len, size_t i, unsigned char a, unsigned char b)
{
    return i < len && u[i] >= a && u[i] <= b;
}

static bool byte_is(const unsigned char *u, size_t len, size_t i, unsigned char b)
{
    return i < len && u[i] == b;
}

/* The definition the blocks below compute, byte by byte; bytes past len
 * are none.
 * Number: an ASCII digit, or the second and third bytes of 百 千 分 成
 * (E7 99 BE, E5 8D 83, E5 88 86, E6 88 90) as places of their first
 * byte: 99 8D 88, then BE 90 82 83 86 87 (few other characters share
 * both).
 * Mark: a bracket or a colon, ( ) [ ] : or EF/E3 with a third byte 88 89
 * 94 95 BB BD (（ ） 〔 〕 ［ ］), or EF with 9A (：).
 * Citation: 《 〔 【 (E3 80 8A, 94, 90). */
bool pol_place_at(pol_place_kind k, const unsigned char *u, size_t len, size_t i)
{
    if (i >= len)
        return false;
    unsigned char b = u[i];
    switch (k) {
    case POL_PLACE_NUMBER:
        return (b >= '0' && b <= '9') ||
               ((byte_is(u, len, i + 1, 0x99) || byte_is(u, len, i + 1, 0x8D) ||
                 byte_is(u, len, i + 1, 0x88)) &&
                (byte_is(u, len, i + 2, 0xBE) || byte_is(u, len, i + 2, 0x90) ||
                 byte_in(u, len, i + 2, 0x82, 0x83) || byte_in(u, len, i + 2, 0x86, 0x87)));
    case POL_PLACE_MARK:
        return b == '(' || b == ')' || b == '[' || b == ']' || b == ':' ||
               ((b == 0xEF || b == 0xE3) &&
                (byte_in(u, len, i + 2, 0x88, 0x89) || byte_in(u, len, i + 2, 0x94, 0x95) ||
                 byte_is(u, len, i + 2, 0xBB) || byte_is(u, len, i + 2, 0xBD))) ||
               (b == 0xEF && byte_is(u, len, i + 2, 0x9A));
    case POL_PLACE_CITATION:
        return b == 0xE3 && byte_is(u, len, i + 1, 0x80) &&
               (byte_is(u, len, i + 2, 0x8A) || byte_is(u, len, i + 2, 0x94) ||
                byte_is(u, len, i + 2, 0x90));
    default:
        return false;
    }
}

#ifdef __SSE2__
/* The places among the sixteen at u (which needs 18 bytes). */
static inline unsigned places16(pol_place_kind k, const unsigned char *u)
{
    __m128i lead = pol_bytes_at(u), mid = pol_bytes_at(u + 1), third = pol_bytes_at(u + 2), m;
    if (k == POL_PLACE_NUMBER) {
        __m128i m2 = _mm_or_si128(_mm_or_si128(pol_bytes_eq(mid, 0x99), pol_bytes_eq(mid, 0x8D)),
                                  pol_bytes_eq(mid, 0x88));
        __m128i m3 = _mm_or_si128(_mm_or_si128(pol_bytes_eq(third, 0xBE), pol_bytes_eq(third, 0x90)),
                                  pol_bytes_like(third, 0x87, 0x05)); /* 82 83 86 87 */
        m = _mm_or_si128(pol_bytes_in(lead, '0', '9'), _mm_and_si128(m2, m3));
    } else if (k == POL_PLACE_MARK) {
        __m128i ef = pol_bytes_eq(lead, 0xEF);
        __m128i wide = _mm_and_si128(
            _mm_or_si128(ef, pol_bytes_eq(lead, 0xE3)),
            _mm_or_si128(_mm_or_si128(pol_bytes_like(third, 0x89, 1), pol_bytes_like(third, 0x95, 1)),
                         _mm_or_si128(pol_bytes_eq(third, 0xBB), pol_bytes_eq(third, 0xBD))));
        __m128i ascii = _mm_or_si128(pol_bytes_like(lead, ')', 1), /* ( ) [ ] */
                                     _mm_or_si128(pol_bytes_eq(lead, '['), pol_bytes_eq(lead, ']')));
        __m128i colon = _mm_or_si128(pol_bytes_eq(lead, ':'), _mm_and_si128(ef, pol_bytes_eq(third, 0x9A)));
        m = _mm_or_si128(_mm_or_si128(wide, ascii), colon);
    } else {
        m = _mm_and_si128(_mm_and_si128(pol_bytes_eq(lead, 0xE3), pol_bytes_eq(mid, 0x80)),
                          _mm_or_si128(pol_bytes_eq(third, 0x8A), pol_bytes_like(third, 0x94, 4)));
    }
    return (unsigned)_mm_movemask_epi8(m);
}
#endif

/* pol_place_next_read for one kind: inlined with K constant, the block
 * test's branches fold away. */
static inline size_t next_read(pol_place_kind k, const char *s, size_t len, size_t from)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t q = from;
#ifdef __SSE2__
    for (; q + 18 <= len; q += 16) {
        unsigned m = places16(k, u + q);
        if (m)
            return q + (size_t)__builtin_ctz(m);
    }
    if (q < len && len >= 18) {
        /* the block that ends two bytes before the text does, the places
         * before q masked off; then the last two places, byte by byte */
        size_t p = len - 18;
        unsigned m = places16(k, u + p) >> (q - p) << (q - p);
        if (m)
            return p + (size_t)__builtin_ctz(m);
        if (q < len - 2)
            q = len - 2;
    }
#endif
    for (; q < len; q++)
        if (pol_place_at(k, u, len, q))
            return q;
    return len;
}

size_t pol_place_next_read(pol_place_kind k, const char *s, size_t len, size_t from)
{
    switch (k) {
    case POL_PLACE_NUMBER: return next_read(POL_PLACE_NUMBER, s, len, from);
    case POL_PLACE_MARK: return next_read(POL_PLACE_MARK, s, len, from);
    default: return next_read(POL_PLACE_CITATION, s, len, from);
    }
}

#ifdef POL_AVX2
/* The places among the 32 at u (which needs 34 bytes), kind by kind: each
 * loop keeps its few constants in registers. */
POL_AVX2_FN static inline unsigned places32(pol_place_kind k, const unsigned char *u)
{
    __m256i lead = pol_bytes32_at(u), mid = pol_bytes32_at(u + 1), third = pol_bytes32_at(u + 2), m;
    if (k == POL_PLACE_NUMBER) {
        __m256i m2 = _mm256_or_si256(_mm256_or_si256(pol_bytes32_eq(mid, 0x99), pol_bytes32_eq(mid, 0x8D)),
                                     pol_bytes32_eq(mid, 0x88));
        __m256i m3 = _mm256_or_si256(_mm256_or_si256(pol_bytes32_eq(third, 0xBE), pol_bytes32_eq(third, 0x90)),
                                     pol_bytes32_like(third, 0x87, 0x05));
        m = _mm256_or_si256(pol_bytes32_in(lead, '0', '9'), _mm256_and_si256(m2, m3));
    } else if (k == POL_PLACE_MARK) {
        __m256i ef = pol_bytes32_eq(lead, 0xEF);
        __m256i wide = _mm256_and_si256(
            _mm256_or_si256(ef, pol_bytes32_eq(lead, 0xE3)),
            _mm256_or_si256(_mm256_or_si256(pol_bytes32_like(third, 0x89, 1), pol_bytes32_like(third, 0x95, 1)),
                            _mm256_or_si256(pol_bytes32_eq(third, 0xBB), pol_bytes32_eq(third, 0xBD))));
        __m256i ascii = _mm256_or_si256(pol_bytes32_like(lead, ')', 1),
                                        _mm256_or_si256(pol_bytes32_eq(lead, '['), pol_bytes32_eq(lead, ']')));
        __m256i colon =
            _mm256_or_si256(pol_bytes32_eq(lead, ':'), _mm256_and_si256(ef, pol_bytes32_eq(third, 0x9A)));
        m = _mm256_or_si256(_mm256_or_si256(wide, ascii), colon);
    } else {
        m = _mm256_and_si256(_mm256_and_si256(pol_bytes32_eq(lead, 0xE3), pol_bytes32_eq(mid, 0x80)),
                             _mm256_or_si256(pol_bytes32_eq(third, 0x8A), pol_bytes32_like(third, 0x94, 4)));
    }
    return pol_bits32(m);
}

/* The words of kind k whose 64 bytes and the two after them lie in
 * u[0..len); a loop for each kind, whose constants stay in registers. */
#define WORDS32(K)                                                                                 \
    for (; 64 * w + 66 <= len; w++)                                                                \
        bits[w] = places32(K, u + 64 * w) | (uint64_t)places32(K, u + 64 * w + 32) << 32
POL_AVX2_FN static size_t mark_words_avx2(pol_place_kind k, const unsigned char *u, size_t len,
                                          uint64_t *bits)
{
    size_t w = 0;
    switch (k) {
    case POL_PLACE_NUMBER: WORDS32(POL_PLACE_NUMBER); break;
    case POL_PLACE_MARK: WORDS32(POL_PLACE_MARK); break;
    default: WORDS32(POL_PLACE_CITATION); break;
    }
    return w;
}
#undef WORDS32
#endif

/* The same, sixteen bytes a step. */
#define WORDS16(K)                                                                                 \
    for (; 64 * w + 66 <= len; w++) {                                                              \
        const unsigned char *p = u + 64 * w;                                                       \
        bits[w] = places16(K, p) | (uint64_t)places16(K, p + 16) << 16 |                           \
                  (uint64_t)places16(K, p + 32) << 32 | (uint64_t)places16(K, p + 48) << 48;       \
    }
static size_t mark_words(pol_place_kind k, const unsigned char *u, size_t len, uint64_t *bits)
{
    size_t w = 0;
#ifdef __SSE2__
    switch (k) {
    case POL_PLACE_NUMBER: WORDS16(POL_PLACE_NUMBER); break;
    case POL_PLACE_MARK: WORDS16(POL_PLACE_MARK); break;
    default: WORDS16(POL_PLACE_CITATION); break;
    }
#else
    (void)k, (void)u, (void)len, (void)bits;
#endif
    return w;
}
#undef WORDS16

pol_status pol_places_mark(struct pol_run *run)
{
    pol_places *pl = &run->places;
    const unsigned char *u = (const unsigned char *)run->norm;
    size_t len = run->norm_len, words = len / 64 + 1;
    pl->bits = malloc(POL_PLACE_KINDS * words * sizeof *pl->bits);
    if (!pl->bits)
        return pol_error_set(run->err, POL_ERR_NOMEM, SIZE_MAX, 0, 0, "out of memory");
    pol_mem_advise(pl->bits, POL_PLACE_KINDS * words * sizeof *pl->bits);
    pl->text = run->norm;
    pl->len = len;
    pl->words = words;
    /* 4 KB at a time, kind by kind, while the bytes are in the nearest cache */
    enum { CHUNK = 64 };
    size_t done = 0;
    for (size_t c0 = 0; 64 * c0 < len; c0 += CHUNK) {
        size_t rest = len - 64 * c0, lim = rest < 64 * CHUNK + 2 ? rest : 64 * CHUNK + 2, n = 0;
        for (int k = 0; k < POL_PLACE_KINDS; k++) {
            uint64_t *bits = pl->bits + (size_t)k * words + c0;
#ifdef POL_AVX2
            if (pol_avx2())
                n = mark_words_avx2((pol_place_kind)k, u + 64 * c0, lim, bits);
            else
#endif
                n = mark_words((pol_place_kind)k, u + 64 * c0, lim, bits);
        }
        done = c0 + n;
        if (n < CHUNK)
            break;
    }
    for (int k = 0; k < POL_PLACE_KINDS; k++) {
        uint64_t *bits = pl->bits + (size_t)k * words;
        /* the last words, byte by byte */
        for (size_t w = done; w < words; w++) {
            uint64_t m = 0;
            for (size_t i = 64 * w; i < 64 * w + 64 && i < len; i++)
                m |= (uint64_t)pol_place_at((pol_place_kind)k, u, len, i) << (i - 64 * w);
            bits[w] = m;
        }
    }
    return POL_OK;
}

void pol_places_free(pol_places *pl)
{
    free(pl->bits);
    memset(pl, 0, sizeof *pl);
}
