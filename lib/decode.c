/*
 * decode.c - the caller's bytes -> valid UTF-8.
 *
 * Input: run->input, any bytes.  Output: run->utf8 (the input itself when it
 * is UTF-8 without a BOM, else a converted copy), result->encoding,
 * result->decode_map from UTF-8 offsets back to input offsets, and
 * result->line_starts, where each line of run->utf8 starts (LF, CRLF and a
 * lone CR end one), for line numbers; a line longer than the limit is an
 * error here, before any stage reads it.
 * Order: a BOM decides (UTF-8, UTF-16LE, UTF-16BE); otherwise valid UTF-8 is
 * UTF-8; otherwise GB18030 (a superset of GBK and GB2312) is tried with
 * iconv.  NUL bytes and control bytes other than \t \n \v \f \r mean binary
 * data, never text.  Every failure names the byte offset and line.
 * Example: "\xFF\xFE\x00\x4E" (UTF-16LE "一") -> "\xE4\xB8\x80", map 0->2.
 */
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#ifdef POL_AVX2
bool pol_avx2_off;
#endif

#ifdef __SSE2__
/* From i (a character's first byte), the blocks of sixteen bytes that are
 * valid UTF-8 made of ASCII and characters of two and three bytes; returns
 * where that stops, on a character's first byte.  Every byte of a block is
 * classed at once: continuation bytes must stand exactly where the leads
 * before them ask for them (one place after C2..DF, two after E0..EF, the
 * places owed across a block's end carried over), so a mix of Chinese,
 * digits and punctuation takes no branch a character.  Five characters of
 * Chinese in a row, the most of a plan's text, are told apart first by a
 * test of half the work.  The rare first bytes (C0 C1, E0 and ED with
 * their second-byte limits, F0 and up) end the run, for the reader a
 * character below. */
static size_t valid_blocks(const unsigned char *s, size_t len, size_t i)
{
    size_t start = i;
    unsigned carry = 0; /* continuation bytes owed at i, i + 1 */
    for (; i + 16 <= len; i += 16) {
        __m128i v = pol_bytes_at(s + i), f0 = _mm_and_si128(v, _mm_set1_epi8((char)0xF0));
        if (!carry) {
            /* five characters of Chinese, leads E1..EF but ED at 0 3 6 9 12 */
            __m128i lead = _mm_andnot_si128(pol_bytes_eq(v, 0xED), pol_bytes_in(v, 0xE1, 0xEF));
            unsigned ml = (unsigned)_mm_movemask_epi8(lead);
            unsigned mc = (unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(v, _mm_set1_epi8((char)0xC0)));
            if ((ml & 0x1249) == 0x1249 && (mc & 0x6DB6) == 0x6DB6) {
                i -= 1; /* the loop adds 16: fifteen bytes read */
                continue;
            }
        }
        /* 80..BF are the signed bytes below C0 (-64) */
        unsigned cont = (unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(v, _mm_set1_epi8((char)0xC0)));
        unsigned lead2 = (unsigned)_mm_movemask_epi8(
            pol_bytes_eq(_mm_and_si128(v, _mm_set1_epi8((char)0xE0)), 0xC0));
        unsigned lead3 = (unsigned)_mm_movemask_epi8(pol_bytes_eq(f0, 0xE0));
        __m128i rare = _mm_or_si128(_mm_or_si128(pol_bytes_eq(v, 0xE0), pol_bytes_eq(v, 0xED)),
                                    _mm_or_si128(pol_bytes_like(v, 0xC1, 1), pol_bytes_eq(f0, 0xF0)));
        unsigned owed = carry | (lead2 | lead3) << 1 | lead3 << 2;
        if (_mm_movemask_epi8(rare) || (owed & 0xFFFF) != cont)
            break;
        carry = owed >> 16;
    }
    /* back to the first byte of the character the stop cut, whose
     * continuation bytes are owed */
    if (carry) {
        i--;
        while (i > start && (s[i] & 0xC0) == 0x80)
            i--;
    }
    return i;
}
#endif

/* Offset of the first byte that is not part of valid UTF-8; len if none. */
static size_t utf8_invalid_at(const unsigned char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
#ifdef __SSE2__
        i = valid_blocks(s, len, i);
#endif
        /* a character at a time, past the block that stopped the blocks
         * (or to the end) */
        for (size_t stop = len - i > 16 ? i + 16 : len; i < stop;) {
            uint32_t cp;
            int n = s[i] < 0x80 ? 1 : pol_utf8_decode(s + i, len - i, &cp);
            if (n == 0)
                return i;
            i += (size_t)n;
        }
    }
    return len;
}

/* The line starts found so far: a list that grows. */
typedef struct line_index {
    size_t *at;
    size_t n, cap;
    bool failed; /* out of memory */
} line_index;

static void add_line(line_index *li, size_t start)
{
    size_t *slot = li->failed ? NULL : pol_list_push((void **)&li->at, &li->n, &li->cap, sizeof *slot);
    if (slot)
        *slot = start;
    else
        li->failed = true;
}

/* Offset of the first NUL or control byte that text does not hold, from
 * byte `from` on (a line's start or a block's); len if none.  The line
 * ends it passes on the way are noted in `li`, as offsets from `skip` (a
 * BOM's length): for UTF-8 input they are the line index, found in the
 * pass that reads every byte anyway. */
static size_t control_at(const unsigned char *s, size_t len, size_t from, size_t skip, line_index *li)
{
    size_t i = from;
#ifdef __SSE2__
    /* sixteen bytes at a time, line ends (LF) noted from the block's bits:
     * a block with a CR (CRLF ends one line) or a control byte is left to
     * the loop below, which reads on from it */
    for (; i + 16 <= len; i += 16) {
        unsigned stops = pol_plain_hits(s + i, 0x20, 0x7F, 0x7F); /* as the loop below */
        if (!stops)
            continue;
        __m128i v = pol_bytes_at(s + i);
        unsigned lf = (unsigned)_mm_movemask_epi8(pol_bytes_eq(v, '\n'));
        unsigned tabs = (unsigned)_mm_movemask_epi8(_mm_or_si128(pol_bytes_eq(v, '\t'), pol_bytes_in(v, '\v', '\f')));
        if (stops & ~(lf | tabs))
            break;
        for (; lf; lf &= lf - 1)
            add_line(li, i + (size_t)__builtin_ctz(lf) + 1 - skip);
    }
#endif
    /* plain bytes skipped in blocks; line ends and tabs stop the skip and
     * are passed over one by one */
    for (; (i = pol_skip_plain((const char *)s, len, i, 0x20, 0x7F, 0x7F)) < len; i++) {
        unsigned char c = s[i];
        if (c == '\n') {
            add_line(li, i + 1 - skip);
        } else if (c == '\r') {
            if (i + 1 < len && s[i + 1] == '\n')
                i++; /* CRLF ends one line */
            add_line(li, i + 1 - skip);
        } else if ((c < 0x20 && c != '\t' && c != '\v' && c != '\f') || c == 0x7F) {
            return i;
        }
    }
    return len;
}

#ifdef POL_AVX2
/* Keiser and Lemire's UTF-8 check ("Validating UTF-8 in less than one
 * instruction per byte", 2021): each byte's error classes are looked up
 * by the high and low halves of the byte before it and the high half of
 * its own, and the three lookups ANDed; a byte that two or three places
 * after a lead of three or four bytes must continue its character turns
 * the one class (two continuations in a row) that is then no error. */
enum {
    TOO_SHORT = 1 << 0, /* a lead not followed by a continuation */
    TOO_LONG = 1 << 1,  /* ASCII followed by a continuation */
    OVERLONG_3 = 1 << 2,
    TOO_LARGE = 1 << 3, /* above U+10FFFF */
    SURROGATE = 1 << 4,
    OVERLONG_2 = 1 << 5,
    TOO_LARGE_1000 = 1 << 6,
    OVERLONG_4 = 1 << 6,
    TWO_CONTS = 1 << 7,
    CARRY = TOO_SHORT | TOO_LONG | TWO_CONTS,
};

/* The bytes before each of x's, n places back (1..3), from the block before. */
#define BYTES_BEFORE(x, prev, n) _mm256_alignr_epi8(x, _mm256_permute2x128_si256(prev, x, 0x21), 16 - (n))

/* The classes by the high half of the byte before ... */
static const unsigned char first_high[16] = {
    TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, /* ASCII */
    TWO_CONTS, TWO_CONTS, TWO_CONTS, TWO_CONTS,                                     /* 10______ */
    TOO_SHORT | OVERLONG_2,                                                          /* 1100____ */
    TOO_SHORT,                                                                       /* 1101____ */
    TOO_SHORT | OVERLONG_3 | SURROGATE,                                              /* 1110____ */
    TOO_SHORT | TOO_LARGE | TOO_LARGE_1000 | OVERLONG_4,                             /* 1111____ */
};
/* ... by its low half ... */
static const unsigned char first_low[16] = {
    CARRY | OVERLONG_3 | OVERLONG_2 | OVERLONG_4, /* ____0000 */
    CARRY | OVERLONG_2,                           /* ____0001 */
    CARRY, CARRY,
    CARRY | TOO_LARGE,                            /* ____0100 */
    CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000,
    CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000,
    CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000,
    CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000,
    CARRY | TOO_LARGE | TOO_LARGE_1000 | SURROGATE, /* ____1101 */
    CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000,
};
/* ... and by the high half of the byte itself */
static const unsigned char second_high[16] = {
    TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, /* ASCII */
    TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | TOO_LARGE_1000 | OVERLONG_4, /* 1000____ */
    TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | TOO_LARGE,                   /* 1001____ */
    TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE,                    /* 101_____ */
    TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE,
    TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, /* 11______ */
};

/* From the start, the blocks of 32 bytes that hold valid UTF-8 and no
 * control byte but \t \v \f \n \r (whose line starts it notes, as
 * control_at does); returns where that stops.  A character that the last
 * block cuts is not yet checked. */
POL_AVX2_FN static size_t plain_prefix_avx2(const unsigned char *s, size_t len, size_t skip,
                                            line_index *li)
{
    const __m256i by_first_high = pol_table32(first_high), by_first_low = pol_table32(first_low),
                  by_second_high = pol_table32(second_high);
    const __m256i low4 = _mm256_set1_epi8(0x0F);
    __m256i prev = _mm256_setzero_si256();
    size_t i = 0;
    for (; i + 32 <= len; i += 32) {
        __m256i x = _mm256_loadu_si256((const __m256i *)(s + i));
        /* bytes below 0x20, and DEL */
        __m256i ctl = _mm256_or_si256(
            _mm256_cmpeq_epi8(_mm256_max_epu8(x, _mm256_set1_epi8(0x1F)), _mm256_set1_epi8(0x1F)),
            _mm256_cmpeq_epi8(x, _mm256_set1_epi8(0x7F)));
        unsigned stops = (unsigned)_mm256_movemask_epi8(ctl), starts = 0;
        if (stops) {
            unsigned lf = (unsigned)_mm256_movemask_epi8(_mm256_cmpeq_epi8(x, _mm256_set1_epi8('\n')));
            unsigned cr = (unsigned)_mm256_movemask_epi8(_mm256_cmpeq_epi8(x, _mm256_set1_epi8('\r')));
            unsigned tabs = (unsigned)_mm256_movemask_epi8(_mm256_or_si256(
                _mm256_cmpeq_epi8(x, _mm256_set1_epi8('\t')),
                _mm256_or_si256(_mm256_cmpeq_epi8(x, _mm256_set1_epi8('\v')),
                                _mm256_cmpeq_epi8(x, _mm256_set1_epi8('\f')))));
            if (stops & ~(lf | cr | tabs))
                break; /* a control byte: the loops after place it */
            /* a line starts after each LF, and after each CR that no LF follows */
            unsigned lf_next = lf >> 1 | (i + 32 < len && s[i + 32] == '\n' ? 1u << 31 : 0);
            starts = lf | (cr & ~lf_next);
        }
        __m256i before1 = BYTES_BEFORE(x, prev, 1);
        __m256i classes = _mm256_and_si256(
            _mm256_and_si256(
                _mm256_shuffle_epi8(by_first_high, _mm256_and_si256(_mm256_srli_epi16(before1, 4), low4)),
                _mm256_shuffle_epi8(by_first_low, _mm256_and_si256(before1, low4))),
            _mm256_shuffle_epi8(by_second_high, _mm256_and_si256(_mm256_srli_epi16(x, 4), low4)));
        /* 111_____ two places back, 1111____ three: only they reach 0x80 */
        __m256i third = _mm256_subs_epu8(BYTES_BEFORE(x, prev, 2), _mm256_set1_epi8(0xE0 - 0x80));
        __m256i fourth = _mm256_subs_epu8(BYTES_BEFORE(x, prev, 3), _mm256_set1_epi8((char)(0xF0 - 0x80)));
        __m256i owed = _mm256_and_si256(_mm256_or_si256(third, fourth), _mm256_set1_epi8((char)0x80));
        __m256i error = _mm256_xor_si256(owed, classes);
        if (!_mm256_testz_si256(error, error))
            break; /* the loops after place the bad byte */
        for (; starts; starts &= starts - 1)
            add_line(li, i + (size_t)__builtin_ctz(starts) + 1 - skip);
        prev = x;
    }
    return i;
}
#endif

size_t pol_plain_prefix(const char *s, size_t len, size_t *lines)
{
    line_index li = {0};
    size_t plain = 0;
#ifdef POL_AVX2
    if (__builtin_cpu_supports("avx2"))
        plain = plain_prefix_avx2((const unsigned char *)s, len, 0, &li);
#endif
    *lines = li.n;
    free(li.at);
    return plain;
}

/* Keeps the line index in the result; a line longer than the limit is an
 * error, at its first byte past the limit. */
static pol_status keep_lines(struct pol_run *run, line_index *li)
{
    pol_result *r = run->result;
    if (li->failed) {
        free(li->at);
        return pol_error_set(run->err, POL_ERR_NOMEM, SIZE_MAX, 0, 0, "out of memory");
    }
    r->line_starts = li->at;
    r->n_line_starts = li->n;
    const char *s = run->utf8;
    size_t limit = run->parser->limit_line;
    for (size_t k = 0; k < li->n; k++) {
        size_t start = li->at[k], end = run->utf8_len;
        if (k + 1 < li->n) { /* before the line end: LF, CR or CRLF */
            end = li->at[k + 1] - 1;
            if (s[end] == '\n' && end > start && s[end - 1] == '\r')
                end--;
        }
        if (end - start > limit) {
            size_t at = pol_offmap_start(&r->decode_map, start + limit);
            size_t line_at = pol_offmap_start(&r->decode_map, start);
            return pol_error_set(run->err, POL_ERR_LIMIT, at, (unsigned)(k + 1),
                                 (unsigned)(at - line_at + 1),
                                 "line %zu is longer than the limit of %zu bytes", k + 1, limit);
        }
    }
    return POL_OK;
}

static pol_status binary_error(struct pol_run *run, size_t off, unsigned char c)
{
    if (c == 0)
        return pol_error_at(run, POL_ERR_ENCODING, off, "NUL byte: binary data, not text");
    return pol_error_at(run, POL_ERR_ENCODING, off, "control byte 0x%02X: binary data, not text",
                        c);
}

static bool put_utf8(pol_buf *b, uint32_t cp)
{
    char t[4];
    size_t n;
    if (cp < 0x80) {
        t[0] = (char)cp, n = 1;
    } else if (cp < 0x800) {
        t[0] = (char)(0xC0 | (cp >> 6)), t[1] = (char)(0x80 | (cp & 0x3F)), n = 2;
    } else if (cp < 0x10000) {
        t[0] = (char)(0xE0 | (cp >> 12)), t[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        t[2] = (char)(0x80 | (cp & 0x3F)), n = 3;
    } else {
        t[0] = (char)(0xF0 | (cp >> 18)), t[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        t[2] = (char)(0x80 | ((cp >> 6) & 0x3F)), t[3] = (char)(0x80 | (cp & 0x3F)), n = 4;
    }
    return pol_buf_append(b, t, n);
}

static pol_status decode_utf16(struct pol_run *run, bool big_endian)
{
    const unsigned char *s = (const unsigned char *)run->input;
    size_t len = run->input_len;
    pol_result *r = run->result;
    pol_buf out;
    pol_buf_init(&out);
    pol_buf_reserve(&out, len + len / 2);
    pol_offmap_mark(&r->decode_map, 0, 2); /* the BOM */
    size_t i = 2;
    while (i < len) {
        if (i + 1 >= len) {
            pol_buf_free(&out);
            return pol_error_at(run, POL_ERR_ENCODING, i, "UTF-16 text ends inside a code unit");
        }
        unsigned u = big_endian ? (unsigned)(s[i] << 8 | s[i + 1]) : (unsigned)(s[i + 1] << 8 | s[i]);
        size_t used = 2;
        uint32_t cp = u;
        if (u >= 0xD800 && u <= 0xDBFF) {
            unsigned lo = 0;
            if (i + 3 < len)
                lo = big_endian ? (unsigned)(s[i + 2] << 8 | s[i + 3])
                                : (unsigned)(s[i + 3] << 8 | s[i + 2]);
            if (lo < 0xDC00 || lo > 0xDFFF) {
                pol_buf_free(&out);
                return pol_error_at(run, POL_ERR_ENCODING, i, "UTF-16 lone high surrogate 0x%04X", u);
            }
            cp = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
            used = 4;
        } else if (u >= 0xDC00 && u <= 0xDFFF) {
            pol_buf_free(&out);
            return pol_error_at(run, POL_ERR_ENCODING, i, "UTF-16 lone low surrogate 0x%04X", u);
        }
        if (cp == 0 || (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\v' && cp != '\f' &&
                        cp != '\r') || cp == 0x7F) {
            pol_buf_free(&out);
            return binary_error(run, i, (unsigned char)cp);
        }
        size_t before = out.len;
        put_utf8(&out, cp);
        if (out.len - before != used) {
            pol_offmap_mark(&r->decode_map, before, i);
            pol_offmap_mark(&r->decode_map, out.len, i + used);
        }
        i += used;
    }
    if (out.failed)
        return pol_error_set(run->err, POL_ERR_NOMEM, SIZE_MAX, 0, 0, "out of memory");
    run->utf8_len = out.len;
    run->utf8_owned = pol_buf_steal(&out);
    run->utf8 = run->utf8_owned;
    r->encoding = big_endian ? "UTF-16BE" : "UTF-16LE";
    r->decode_identity = false;
    pol_offmap_finish(&r->decode_map, run->utf8_len, len);
    return POL_OK;
}

/* Length of the GB18030 character at s, 0 if the bytes cannot start one. */
static size_t gb18030_char_len(const unsigned char *s, size_t len)
{
    if (s[0] < 0x80)
        return 1;
    if (s[0] == 0x80 || s[0] == 0xFF || len < 2)
        return 0;
    if ((s[1] >= 0x40 && s[1] <= 0x7E) || (s[1] >= 0x80 && s[1] <= 0xFE))
        return 2;
    if (s[1] >= 0x30 && s[1] <= 0x39 && len >= 4 && s[2] >= 0x81 && s[2] <= 0xFE && s[3] >= 0x30 &&
        s[3] <= 0x39)
        return 4;
    return 0;
}

static pol_status decode_gb18030(struct pol_run *run, size_t first_bad_utf8)
{
    const unsigned char *s = (const unsigned char *)run->input;
    size_t len = run->input_len;
    pol_result *r = run->result;
    iconv_t cd = iconv_open("UTF-8", "GB18030");
    if (cd == (iconv_t)-1)
        return pol_error_at(run, POL_ERR_ENCODING, first_bad_utf8,
                            "invalid UTF-8, and GB18030 is not available to try");
    pol_buf out;
    pol_buf_init(&out);
    pol_buf_reserve(&out, len + len / 2);
    size_t i = 0;
    pol_status st = POL_OK;
    while (i < len) {
        if (s[i] < 0x80) {
            /* copy an ASCII run as it is */
            size_t j = i;
            while (j < len && s[j] < 0x80)
                j++;
            pol_buf_append(&out, s + i, j - i);
            i = j;
            continue;
        }
        size_t n = gb18030_char_len(s + i, len - i);
        char tmp[8];
        char *in = (char *)(s + i), *o = tmp;
        size_t inleft = n, outleft = sizeof tmp;
        if (n == 0 || iconv(cd, &in, &inleft, &o, &outleft) == (size_t)-1 || inleft != 0) {
            st = pol_error_at(run, POL_ERR_ENCODING, first_bad_utf8,
                              "invalid UTF-8, and not GB18030 either (byte %zu)", i);
            break;
        }
        size_t before = out.len;
        pol_buf_append(&out, tmp, sizeof tmp - outleft);
        if (out.len - before != n) {
            pol_offmap_mark(&r->decode_map, before, i);
            pol_offmap_mark(&r->decode_map, out.len, i + n);
        }
        i += n;
    }
    iconv_close(cd);
    if (st != POL_OK) {
        pol_buf_free(&out);
        return st;
    }
    if (out.failed)
        return pol_error_set(run->err, POL_ERR_NOMEM, SIZE_MAX, 0, 0, "out of memory");
    run->utf8_len = out.len;
    run->utf8_owned = pol_buf_steal(&out);
    run->utf8 = run->utf8_owned;
    r->encoding = "GB18030";
    r->decode_identity = false;
    pol_offmap_finish(&r->decode_map, run->utf8_len, len);
    return POL_OK;
}

static pol_status decode(struct pol_run *run, line_index *li)
{
    const unsigned char *s = (const unsigned char *)run->input;
    size_t len = run->input_len;
    pol_result *r = run->result;
    if (len == 0)
        return pol_error_set(run->err, POL_ERR_EMPTY, 0, 1, 1, "empty input");
    if (len > run->parser->limit_input)
        return pol_error_set(run->err, POL_ERR_LIMIT, run->parser->limit_input, 0, 0,
                             "input of %zu bytes exceeds the limit of %zu bytes", len,
                             run->parser->limit_input);

    if (len >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF)) &&
        !(run->parser->options & POL_OPT_UTF8_ONLY))
        return decode_utf16(run, s[0] == 0xFE);

    size_t skip = (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) ? 3 : 0;
    /* the blocks of plain text that AVX2 reads, then the loops below from
     * where it stopped: control bytes from its last block's end, UTF-8
     * from the first byte of the character that ends that block */
    size_t plain = 0, from = skip;
    add_line(li, 0);
#ifdef POL_AVX2
    if (pol_avx2())
        plain = plain_prefix_avx2(s, len, skip, li);
    if (plain > skip) {
        from = plain - 1;
        while (from > skip && (s[from] & 0xC0) == 0x80)
            from--;
    }
#endif
    size_t ctl = control_at(s, len, plain, skip, li);
    if (ctl < len)
        return binary_error(run, ctl, s[ctl]);
    size_t bad = from + utf8_invalid_at(s + from, len - from);
    if (bad == len) {
        run->utf8 = run->input + skip;
        run->utf8_len = len - skip;
        r->encoding = "UTF-8";
        if (skip) {
            r->decode_identity = false;
            pol_offmap_mark(&r->decode_map, 0, skip);
            pol_offmap_finish(&r->decode_map, run->utf8_len, len);
        }
        return POL_OK;
    }
    li->n = 0; /* the lines of the input, not of the text it converts to */
    if (skip || (run->parser->options & POL_OPT_UTF8_ONLY))
        return pol_error_at(run, POL_ERR_ENCODING, bad, "invalid UTF-8 byte 0x%02X", s[bad]);
    return decode_gb18030(run, bad);
}

pol_status pol_decode(struct pol_run *run)
{
    line_index li = {0};
    pol_status st = decode(run, &li);
    if (st != POL_OK) {
        free(li.at);
        return st;
    }
    /* a converted text (UTF-16, GB18030) is read for its lines on its own;
     * it holds no control byte (UTF-16 refuses them, GB18030 keeps the
     * input's ASCII bytes, which control_at has checked) */
    if (li.n == 0 && !li.failed) {
        add_line(&li, 0);
        (void)control_at((const unsigned char *)run->utf8, run->utf8_len, 0, 0, &li);
    }
    return keep_lines(run, &li);
}
