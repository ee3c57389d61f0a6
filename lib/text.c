/*
 * text.c - small UTF-8 and Chinese-numeral helpers the stages share.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

size_t pol_utf8_count(const char *s, size_t len)
{
    /* the characters are the bytes that are no continuation byte */
    size_t n = 0, i = 0;
#ifdef __SSE2__
    /* continuation bytes, 80..BF, are the signed bytes below -64: counted
     * sixteen at a time in byte lanes, summed every 255 blocks or fewer */
    const __m128i below = _mm_set1_epi8(-64);
    size_t conts = 0;
    while (i + 16 <= len) {
        __m128i acc = _mm_setzero_si128();
        for (size_t k = 0; k < 255 && i + 16 <= len; k++, i += 16)
            acc = _mm_sub_epi8(acc, _mm_cmplt_epi8(pol_bytes_at(s + i), below));
        __m128i sums = _mm_sad_epu8(acc, _mm_setzero_si128());
        conts += (size_t)_mm_cvtsi128_si32(sums) + (size_t)_mm_extract_epi16(sums, 4);
    }
    n = i - conts;
#endif
    for (; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

bool pol_utf8_at_most(const char *s, size_t len, size_t n)
{
    if (len <= n)
        return true;
    if (n <= SIZE_MAX / 4 && len > 4 * n)
        return false;
    return pol_utf8_count(s, len) <= n;
}

size_t pol_line_end(const char *s, size_t len, size_t from)
{
    const char *nl = from < len ? memchr(s + from, '\n', len - from) : NULL;
    return nl ? (size_t)(nl - s) : len;
}

bool pol_is_cjk(uint32_t cp)
{
    return (cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFFEF) ||
           (cp >= 0x20000 && cp <= 0x3FFFF) || (cp >= 0x2010 && cp <= 0x2027);
}

static int cn_digit(uint32_t cp)
{
    /* 零 一 二 三 四 五 六 七 八 九; 〇 and 两 too */
    static const uint32_t digits[] = {0x96F6, 0x4E00, 0x4E8C, 0x4E09, 0x56DB,
                                      0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D};
    for (int k = 0; k < 10; k++)
        if (digits[k] == cp)
            return k;
    if (cp == 0x3007)
        return 0;
    if (cp == 0x4E24)
        return 2;
    return -1;
}

int pol_parse_cn_number(const char *s, size_t len)
{
    /* Up to 9999: 十 = 10, 二十三 = 23, 一百零五 = 105; ASCII digits pass too. */
    if (len > 0 && s[0] >= '0' && s[0] <= '9') {
        int v = 0;
        for (size_t i = 0; i < len; i++) {
            if (s[i] < '0' || s[i] > '9' || v > 100000)
                return -1;
            v = v * 10 + (s[i] - '0');
        }
        return v;
    }
    /* `pending` holds a digit not yet multiplied by a unit; -1 when none */
    int total = 0, pending = -1;
    size_t i = 0;
    while (i < len) {
        uint32_t cp;
        int n = pol_utf8_decode((const unsigned char *)s + i, len - i, &cp);
        if (n == 0)
            return -1;
        i += (size_t)n;
        int d = cn_digit(cp);
        if (d >= 0) {
            if (pending > 0)
                return -1; /* two digits in a row: 一二 is no number */
            pending = d;
            continue;
        }
        int unit;
        if (cp == 0x5341)
            unit = 10; /* 十 */
        else if (cp == 0x767E)
            unit = 100; /* 百 */
        else if (cp == 0x5343)
            unit = 1000; /* 千 */
        else
            return -1;
        int multiplier = 1;
        if (pending >= 0)
            multiplier = pending;
        total += multiplier * unit;
        pending = -1;
    }
    if (len == 0)
        return -1;
    if (pending > 0)
        total += pending;
    return total;
}

/* Digits with commas between them and at most one point, as the number
 * of a quantity is written: below 2^53 and with at most 22 decimals, the
 * quotient of the digits and a power of ten, two exact doubles, rounds once,
 * as strtod does; -1 for any other (strtod reads it). */
double pol_parse_decimal(const char *s, size_t len)
{
    static const double tens[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                  1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                  1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    uint64_t digits = 0;
    int decimals = -1; /* -1 before the point */
    for (size_t i = 0; i < len; i++) {
        if (s[i] == ',')
            continue;
        if (s[i] == '.' && decimals < 0) {
            decimals = 0;
            continue;
        }
        if (s[i] < '0' || s[i] > '9' || digits >= (1ULL << 53) / 10)
            return -1;
        digits = digits * 10 + (uint64_t)(s[i] - '0');
        if (decimals >= 0 && ++decimals > 22)
            return -1;
    }
    return (double)digits / tens[decimals > 0 ? decimals : 0];
}

int pol_circled_value(uint32_t cp)
{
    if (cp >= 0x2460 && cp <= 0x2473)
        return (int)(cp - 0x2460) + 1;
    if (cp >= 0x3251 && cp <= 0x325F)
        return (int)(cp - 0x3251) + 21;
    return 0;
}

size_t pol_trim_end(const char *s, size_t len)
{
    while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--;
    return len;
}

/* n bytes of a and b are the same: inline, the needles being a few bytes */
static inline bool same_bytes(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (a[i] != b[i])
            return false;
    return true;
}

#ifdef __SSE2__
/* The places of the block at s + i where the needle's first and last bytes
 * both stand: a bit each. */
static inline unsigned pair_places(const char *s, size_t i, size_t n, const char *needle)
{
    return (unsigned)_mm_movemask_epi8(_mm_and_si128(
        pol_bytes_eq(pol_bytes_at(s + i), (unsigned char)needle[0]),
        pol_bytes_eq(pol_bytes_at(s + i + n - 1), (unsigned char)needle[n - 1])));
}

/* The first of those places (bits of m, from s + i) where the whole needle
 * stands, or SIZE_MAX. */
static inline size_t first_whole(const char *s, size_t i, unsigned m, const char *needle, size_t n)
{
    for (; m; m &= m - 1) {
        size_t at = i + (size_t)__builtin_ctz(m);
        if (n < 3 || same_bytes(s + at + 1, needle + 1, n - 2))
            return at;
    }
    return SIZE_MAX;
}
#endif

size_t pol_find_n(const char *s, size_t len, const char *needle, size_t n)
{
    if (n == 0)
        return 0;
    if (n > len)
        return SIZE_MAX;
    size_t i = 0;
#ifdef __SSE2__
    /* sixteen places at a time where both the needle's first and last
     * bytes are in place: in Chinese text the pair is rare, where the last
     * byte alone recurs every hundred bytes or so */
    for (; i + n - 1 + 16 <= len; i += 16) {
        size_t at = first_whole(s, i, pair_places(s, i, n, needle), needle, n);
        if (at != SIZE_MAX)
            return at;
    }
    if (i > 0) {
        /* the places left: one more block, ending where the text does,
         * with the places already tried masked off */
        size_t j = len - (n - 1) - 16;
        return first_whole(s, j, pair_places(s, j, n, needle) & (0xFFFFu << (i - j)), needle, n);
    }
#endif
    /* the needle's last byte first: in UTF-8 Chinese the last byte of a
     * character varies far more than the first (E4..E9 open most) */
    const char end_byte = needle[n - 1];
    for (i += n - 1; i < len;) {
        const char *hit = memchr(s + i, end_byte, len - i);
        if (!hit)
            return SIZE_MAX;
        size_t end = (size_t)(hit - s) + 1;
        if (same_bytes(s + end - n, needle, n - 1))
            return end - n;
        i = end;
    }
    return SIZE_MAX;
}

bool pol_has_colon(const char *s, size_t len)
{
    /* libc's memchr reads 32 bytes a step where a joint SSE2 search for
     * both reads 16, which took more instructions than the two searches */
    return memchr(s, ':', len) || pol_find_n(s, len, "：", 3) != SIZE_MAX;
}

static bool find_each(const char *s, size_t len, const pol_word *words)
{
    for (; words->s; words++)
        if (pol_find_n(s, len, words->s, words->n) != SIZE_MAX)
            return true;
    return false;
}

#ifdef __SSE2__
/* Whether a word of `words` (k of them, each three bytes or more) starts at
 * one of the places of the block at s + i that the bits of m name. */
static bool any_whole(const char *s, size_t len, size_t i, unsigned m, const pol_word *words)
{
    for (; m; m &= m - 1) {
        size_t at = i + (size_t)__builtin_ctz(m);
        for (const pol_word *w = words; w->s; w++)
            if (w->n <= len - at && same_bytes(s + at, w->s, w->n))
                return true;
    }
    return false;
}
#endif

bool pol_find_any(const char *s, size_t len, const pol_word *words)
{
#ifdef __SSE2__
    /* all the words in one pass, sixteen places at a time where some word's
     * second and third bytes stand (in Chinese its first byte, E4..E9 for
     * most characters, tells little): the loads are shared, and a search a
     * word, each with its own set-up and ending, was dearer for the short
     * texts (titles, clauses) that ask for lists of cue words */
    enum { MAX_WORDS = 16 };
    __m128i second[MAX_WORDS], third[MAX_WORDS];
    size_t k = 0;
    for (const pol_word *w = words; w->s; w++, k++)
        if (k == MAX_WORDS || w->n < 3)
            return find_each(s, len, words);
        else
            second[k] = _mm_set1_epi8(w->s[1]), third[k] = _mm_set1_epi8(w->s[2]);
    if (len < 18)
        return find_each(s, len, words);
    for (size_t i = 0;; i += 16) {
        size_t skip = 0;
        if (i + 18 > len) {
            if (i + 2 >= len)
                return false;
            skip = i - (len - 18); /* the last block ends with the text */
            i = len - 18;
        }
        __m128i b1 = pol_bytes_at(s + i + 1), b2 = pol_bytes_at(s + i + 2), hit = _mm_setzero_si128();
        for (size_t w = 0; w < k; w++)
            hit = _mm_or_si128(hit, _mm_and_si128(_mm_cmpeq_epi8(b1, second[w]), _mm_cmpeq_epi8(b2, third[w])));
        unsigned m = (unsigned)_mm_movemask_epi8(hit) >> skip << skip;
        if (m && any_whole(s, len, i, m, words))
            return true;
        if (skip)
            return false;
    }
#else
    return find_each(s, len, words);
#endif
}

void pol_wordset_prepare(pol_wordset *ws)
{
    uint64_t first[4] = {0}, last[4] = {0};
    for (const pol_word *w = ws->words; w->s; w++) {
        pol_hash_add(first, pol_char_hash(w->s, pol_utf8_len(w->s[0])));
        pol_hash_add(last, pol_char_hash(w->s, w->n));
    }
    for (int i = 0; i < 4; i++) {
        atomic_store_explicit(&ws->first[i], first[i], memory_order_relaxed);
        atomic_store_explicit(&ws->last[i], last[i], memory_order_relaxed);
    }
    atomic_store_explicit(&ws->ready, true, memory_order_release);
}

size_t pol_words_ending(pol_wordset *ws, const char *s, size_t len)
{
    if (!pol_words_may_end(ws, s, len))
        return 0;
    for (const pol_word *w = ws->words; w->s; w++)
        if (pol_ends_with_n(s, len, w->s, w->n))
            return w->n;
    return 0;
}

size_t pol_words_starting(pol_wordset *ws, const char *s, size_t len)
{
    if (!pol_words_may_start(ws, s, len))
        return 0;
    for (const pol_word *w = ws->words; w->s; w++)
        if (w->n <= len && memcmp(s, w->s, w->n) == 0)
            return w->n;
    return 0;
}

size_t pol_format_int(char *buf, long long v)
{
    /* the writers print an offset or a line number for every span: the
     * digits are counted first and written in place from the last, two a
     * division */
    static const char pairs[] = "00010203040506070809101112131415161718192021222324252627282930313233"
                                "34353637383940414243444546474849505152535455565758596061626364656667"
                                "6869707172737475767778798081828384858687888990919293949596979899";
    static const unsigned long long tens[] = {1ULL,
                                              10ULL,
                                              100ULL,
                                              1000ULL,
                                              10000ULL,
                                              100000ULL,
                                              1000000ULL,
                                              10000000ULL,
                                              100000000ULL,
                                              1000000000ULL,
                                              10000000000ULL,
                                              100000000000ULL,
                                              1000000000000ULL,
                                              10000000000000ULL,
                                              100000000000000ULL,
                                              1000000000000000ULL,
                                              10000000000000000ULL,
                                              100000000000000000ULL,
                                              1000000000000000000ULL,
                                              10000000000000000000ULL};
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    size_t at = 0;
    if (v < 0)
        buf[at++] = '-';
    /* the digits: from the bit length (x 1233/4096, about log10 2) and one
     * comparison; u | 1 has as many digits as u (10^k - 1 is odd) and 0
     * has one */
    unsigned long long w = u | 1;
    size_t t = (size_t)((64 - __builtin_clzll(w)) * 1233) >> 12;
    size_t n = t + 1 - (w < tens[t]);
    char *end = buf + at + n, *q = end;
    *end = '\0';
    while (u >= 100) {
        q -= 2;
        memcpy(q, pairs + 2 * (u % 100), 2);
        u /= 100;
    }
    if (u >= 10) {
        q -= 2;
        memcpy(q, pairs + 2 * u, 2);
    } else {
        *--q = (char)('0' + u);
    }
    return at + n;
}

size_t pol_format_number(char *buf, double v)
{
    /* integers print as integers; others with the digits they need */
    if (fabs(v) < 1e15 && v == floor(v))
        return pol_format_int(buf, (long long)v);
    /* a few decimals (14.5, 0.25, 2.35) as %.10g writes them, without
     * snprintf's cost: the first power of ten that makes the value whole
     * gives its digits; |v| in [1e-4, 1e9) is never written with an exponent */
    double a = fabs(v), scale = 1;
    for (int k = 1; k <= 6 && a >= 1e-4 && a < 1e9; k++) {
        scale *= 10;
        double m = a * scale;
        if (m >= 1e10 || m != floor(m))
            continue;
        long long whole = (long long)m;
        long long unit = (long long)scale;
        size_t at = 0;
        if (v < 0)
            buf[at++] = '-';
        at += pol_format_int(buf + at, whole / unit);
        buf[at++] = '.';
        long long frac = whole % unit;
        for (long long d = unit / 10; d > 0; d /= 10)
            buf[at++] = (char)('0' + (frac / d) % 10);
        while (buf[at - 1] == '0')
            at--;
        buf[at] = '\0';
        return at;
    }
    int n = snprintf(buf, 32, "%.10g", v);
    return n > 0 ? (size_t)n : 0;
}
