/*
 * normalize.c - decoded UTF-8 -> the text every later stage reads.
 *
 * Input: run->utf8.  Output: run->norm, result->fold_map and
 * result->norm_map (normalized offsets -> decoded offsets).
 *
 * Pass 1, characters:
 *   - CRLF, CR, VT and FF end lines as LF;
 *   - full-width digits, Latin letters and ASCII symbols read as ASCII, but
 *     （ ） ， ： ； ！ ？ stay: they are the standard Chinese punctuation;
 *   - other compatibility characters go through utf8proc's NFKC (Kangxi
 *     radicals that PDF extraction yields -> ideographs, ㈠ -> (一)), except
 *     circled numbers, which are heading markers (①), and … ² ³;
 *   - ideographic and no-break spaces are spaces; zero-width ones go;
 *   - spaces go unless both neighbours are ASCII ("Hello World" keeps its
 *     space, "2025 年" and "5G 基站" lose theirs); indentation goes; the
 *     space after a number opening a line stays ("1 标题" is a heading);
 *   - docx artefacts such as [bookmark: _GoBack] go.
 *   Text that needs none of this (ASCII, CJK ideographs and punctuation) is
 *   copied in runs: the fast path.
 * Pass 2, lines: a line broken inside a sentence (PDF page width, a page
 *   break's blank line) is joined to the next: "制造业绿\n\n色改造" ->
 *   "制造业绿色改造".  A line is not joined when it ends a sentence or
 *   clause, is short, is a heading standing alone, a title, a date or a
 *   table row, or when the next line opens a heading, bullet or label.
 */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "internal.h"

/* ---------------------------------------------------------------- pass 1 */

typedef struct folder {
    const char *src;
    size_t len;
    pol_buf out;
    pol_offmap *map;
} folder;

/* Replaces src [a, b) by `rep` (m bytes). */
static void replace(folder *f, size_t a, size_t b, const char *rep, size_t m)
{
    pol_offmap_mark(f->map, f->out.len, a);
    pol_buf_append(&f->out, rep, m);
    pol_offmap_mark(f->map, f->out.len, b);
}

static bool is_space_cp(uint32_t cp)
{
    return cp == ' ' || cp == 0x3000 || cp == 0xA0 || (cp >= 0x2002 && cp <= 0x200A) ||
           cp == 0x202F || cp == 0x205F;
}

/* Zero-width characters and soft hyphens, and the noncharacters U+FFFE and
 * U+FFFF, which are no text and which XML may not hold. */
static bool is_invisible_cp(uint32_t cp)
{
    return cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0xFEFF || cp == 0x2060 ||
           cp == 0xAD || cp == 0xFFFE || cp == 0xFFFF;
}

/* Characters pass 1 copies as they are. */
static bool is_stable_cp(uint32_t cp)
{
    if (cp < 0x80)
        return cp != ' ' && cp != '\r' && cp != '\v' && cp != '\f' && cp != '[';
    if (cp >= 0x3400 && cp <= 0x9FFF) /* CJK ideographs: NFKC leaves them be */
        return true;
    if (cp >= 0x3001 && cp <= 0x303F) /* CJK punctuation */
        return true;
    if (cp >= 0x2010 && cp <= 0x2027) /* dashes, quotes, … */
        return cp != 0x2024 && cp != 0x2025;
    switch (cp) {
    case 0xFF08: case 0xFF09: case 0xFF0C: case 0xFF1A: case 0xFF1B: case 0xFF01: case 0xFF1F:
    case 0xB7: case 0xB2: case 0xB3: case 0xD7: case 0xF7: case 0x2030: case 0x2103:
        return true;
    }
    return pol_circled_value(cp) != 0;
}

/* Where the space run at [a, b) goes: true to keep one space. */
static bool keep_space(const char *s, size_t len, size_t line_start, size_t a, size_t b)
{
    if (a == line_start || b >= len || s[b] == '\n' || s[b] == '\r')
        return false; /* indentation, trailing space */
    unsigned char prev = (unsigned char)s[a - 1], next = (unsigned char)s[b];
    if (prev == '\t' || next == '\t')
        return false;
    /* a number opening the line: "1 标题" */
    size_t first = line_start;
    while (first < a && s[first] == ' ')
        first++;
    bool all_digits = first < a && a - first <= 3;
    for (size_t i = first; all_digits && i < a; i++)
        if (s[i] < '0' || s[i] > '9')
            all_digits = false;
    if (all_digits && a - first <= 3)
        return true;
    return prev < 0x80 && next < 0x80;
}

static void fold_char(folder *f, size_t i, int n, uint32_t cp)
{
    char rep[8];
    if (cp >= 0xFF01 && cp <= 0xFF5E) {
        /* full-width ASCII variants; the standard Chinese ones are stable */
        rep[0] = (char)(cp - 0xFF01 + 0x21);
        replace(f, i, i + (size_t)n, rep, 1);
        return;
    }
    utf8proc_uint8_t *mapped = NULL;
    utf8proc_ssize_t m = utf8proc_map((const utf8proc_uint8_t *)f->src + i, n, &mapped,
                                      UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT);
    if (m == UTF8PROC_ERROR_NOMEM) {
        f->out.failed = true; /* reported with the buffer's own failures */
    } else if (m < 0 || !mapped) {
        pol_buf_append(&f->out, f->src + i, (size_t)n); /* unassigned: keep as is */
    } else if ((size_t)m != (size_t)n || memcmp(mapped, f->src + i, (size_t)n) != 0) {
        replace(f, i, i + (size_t)n, (const char *)mapped, (size_t)m);
    } else {
        pol_buf_append(&f->out, f->src + i, (size_t)n);
    }
    free(mapped);
}

#ifdef __SSE2__
/* How many bytes from i are whole characters that is_stable_cp keeps
 * (0 to 18): ASCII but space, CR, VT, FF and [; ideographs (E4..E9); CJK
 * punctuation (E3 80 81..BF); dashes and quotes (E2 80 90..A7 but A4 A5)
 * and the fullwidth marks it names (EF BC 81 88 89 8C 9A 9B 9F).  The
 * rarer stable characters end the run, for the caller to read one by one.
 * *nl is set to where the last \n of the run stands, or SIZE_MAX.  Needs
 * 18 bytes from i.
 * Five characters of three bytes, told with no branch for each, are most
 * blocks (Chinese text switches between ideographs and punctuation every
 * few characters, and a loop that left its run at each switch mispredicted
 * there).  Other blocks are read byte by byte at once: a continuation
 * byte belongs to the character its lead opened, and the run ends at the
 * first lead or ASCII byte that is none of the above, so that figures,
 * Latin words and line ends do not end it. */
static inline size_t stable_prefix(const unsigned char *u, size_t i, size_t *nl)
{
    __m128i l = pol_bytes_at(u + i), m = pol_bytes_at(u + i + 1), t = pol_bytes_at(u + i + 2);
    __m128i ok = pol_bytes_in(l, 0xE4, 0xE9);
    __m128i m80 = pol_bytes_eq(m, 0x80);
    __m128i punct = _mm_andnot_si128(pol_bytes_eq(t, 0x80), m80);
    ok = _mm_or_si128(ok, _mm_and_si128(pol_bytes_eq(l, 0xE3), punct));
    /* most blocks hold only ideographs, 。 、 and ， (EF BC 8C): those
     * are told first, and the rarer marks looked for only where they fail */
    __m128i efbc = _mm_and_si128(pol_bytes_eq(l, 0xEF), pol_bytes_eq(m, 0xBC));
    __m128i comma = _mm_and_si128(efbc, pol_bytes_eq(t, 0x8C));
    *nl = SIZE_MAX;
    if ((~(unsigned)_mm_movemask_epi8(_mm_or_si128(ok, comma)) & 0x1249u) == 0)
        return 15;
    __m128i dash = _mm_andnot_si128(pol_bytes_like(t, 0xA5, 1), pol_bytes_in(t, 0x90, 0xA7));
    ok = _mm_or_si128(ok, _mm_and_si128(_mm_and_si128(pol_bytes_eq(l, 0xE2), m80), dash));
    __m128i mark = _mm_or_si128(_mm_or_si128(pol_bytes_eq(t, 0x81), pol_bytes_like(t, 0x89, 1)),
                                _mm_or_si128(_mm_or_si128(pol_bytes_eq(t, 0x8C), pol_bytes_like(t, 0x9B, 1)),
                                             pol_bytes_eq(t, 0x9F)));
    ok = _mm_or_si128(ok, _mm_and_si128(efbc, mark));
    /* continuation bytes (80..BF, below C0 as signed bytes), and ASCII
     * (0..7F) but space, VT FF CR (0B..0D) and [ */
    __m128i cont = _mm_cmplt_epi8(l, _mm_set1_epi8((char)0xC0));
    __m128i ascii = _mm_cmpgt_epi8(l, _mm_set1_epi8(-1));
    __m128i unstable = _mm_or_si128(_mm_or_si128(pol_bytes_eq(l, ' '), pol_bytes_eq(l, '[')),
                                    pol_bytes_in(l, 0x0B, 0x0D));
    ok = _mm_or_si128(_mm_or_si128(ok, cont), _mm_andnot_si128(unstable, ascii));
    unsigned bad = ~(unsigned)_mm_movemask_epi8(ok) & 0xFFFFu;
    size_t k = bad ? (size_t)__builtin_ctz(bad) : 16;
    if (k == 16) /* the last character may end past the block */
        while (k < 18 && (u[i + k] & 0xC0) == 0x80)
            k++;
    unsigned lines = (unsigned)_mm_movemask_epi8(pol_bytes_eq(l, '\n')) & ((1u << (k < 16 ? k : 16)) - 1);
    if (lines)
        *nl = 31u - (unsigned)__builtin_clz(lines);
    return k;
}

/* The same, for the tests: fold's own calls are inlined. */
size_t pol_stable_prefix(const unsigned char *u, size_t i, size_t *nl) { return stable_prefix(u, i, nl); }
#endif

#ifdef POL_AVX2
/* unstable32's classes, one bit each: a byte opens a stable character
 * when the classes of its own halves (lead), and of the halves of the two
 * bytes after it (second, third), share a bit.  Each class is a set of
 * high halves times a set of low halves, so a byte's class is the AND of
 * two table lookups; the sets that are no such product take two bits. */
enum {
    C_PLAIN = 0x01, /* ASCII (a few are taken out after) and continuation bytes */
    C_IDEO = 0x02,  /* E4..E9: ideographs */
    C_E3_8 = 0x04,  /* E3 80 81..8F: CJK punctuation, */
    C_E3_9 = 0x08,  /*   and E3 80 90..BF */
    C_E2_9 = 0x10,  /* E2 80 90..9F: dashes and quotes, */
    C_E2_A = 0x20,  /*   and E2 80 A0..A3 A6 A7 */
    C_EF_8 = 0x40,  /* EF BC 81 88 89 8C: the fullwidth marks ！（），, */
    C_EF_9 = 0x80,  /*   and EF BC 9A 9B 9F ：；？ */
    C_ANY = C_PLAIN | C_IDEO,
    C_E3 = C_E3_8 | C_E3_9,
    C_E2 = C_E2_9 | C_E2_A,
    C_EF = C_EF_8 | C_EF_9,
};
static const unsigned char lead_high[16] = {
    C_PLAIN, C_PLAIN, C_PLAIN, C_PLAIN, C_PLAIN, C_PLAIN, C_PLAIN, C_PLAIN, /* 0_______ */
    C_PLAIN, C_PLAIN, C_PLAIN, C_PLAIN,                                     /* 10______ */
    0, 0, C_IDEO | C_E3 | C_E2 | C_EF, 0};
static const unsigned char lead_low[16] = {
    C_PLAIN, C_PLAIN, C_PLAIN | C_E2, C_PLAIN | C_E3, C_PLAIN | C_IDEO, C_PLAIN | C_IDEO,
    C_PLAIN | C_IDEO, C_PLAIN | C_IDEO, C_PLAIN | C_IDEO, C_PLAIN | C_IDEO, C_PLAIN, C_PLAIN,
    C_PLAIN, C_PLAIN, C_PLAIN, C_PLAIN | C_EF};
/* the second byte: 80 after E3 and E2, BC after EF */
static const unsigned char second_high[16] = {
    C_ANY, C_ANY, C_ANY, C_ANY, C_ANY, C_ANY, C_ANY, C_ANY, C_ANY | C_E3 | C_E2, C_ANY, C_ANY,
    C_ANY | C_EF, C_ANY, C_ANY, C_ANY, C_ANY};
static const unsigned char second_low[16] = {
    C_ANY | C_E3 | C_E2, C_ANY, C_ANY, C_ANY, C_ANY, C_ANY, C_ANY, C_ANY, C_ANY, C_ANY, C_ANY,
    C_ANY, C_ANY | C_EF, C_ANY, C_ANY, C_ANY};
/* the third byte */
static const unsigned char third_high[16] = {
    C_ANY, C_ANY, C_ANY, C_ANY, C_ANY, C_ANY, C_ANY, C_ANY,
    C_ANY | C_E3_8 | C_EF_8,                    /* 8_ */
    C_ANY | C_E3_9 | C_E2_9 | C_EF_9,           /* 9_ */
    C_ANY | C_E3_9 | C_E2_A, C_ANY | C_E3_9,    /* A_ B_ */
    C_ANY, C_ANY, C_ANY, C_ANY};
static const unsigned char third_low[16] = {
    C_ANY | C_E3_9 | C_E2_9 | C_E2_A,                   /* _0 */
    C_ANY | C_E3 | C_E2_9 | C_E2_A | C_EF_8,            /* _1 */
    C_ANY | C_E3 | C_E2_9 | C_E2_A,                     /* _2 */
    C_ANY | C_E3 | C_E2_9 | C_E2_A,                     /* _3 */
    C_ANY | C_E3 | C_E2_9, C_ANY | C_E3 | C_E2_9,       /* _4 _5 */
    C_ANY | C_E3 | C_E2_9 | C_E2_A,                     /* _6 */
    C_ANY | C_E3 | C_E2_9 | C_E2_A,                     /* _7 */
    C_ANY | C_E3 | C_E2_9 | C_EF_8,                     /* _8 */
    C_ANY | C_E3 | C_E2_9 | C_EF_8,                     /* _9 */
    C_ANY | C_E3 | C_E2_9 | C_EF_9,                     /* _A */
    C_ANY | C_E3 | C_E2_9 | C_EF_9,                     /* _B */
    C_ANY | C_E3 | C_E2_9 | C_EF_8,                     /* _C */
    C_ANY | C_E3 | C_E2_9, C_ANY | C_E3 | C_E2_9,       /* _D _E */
    C_ANY | C_E3 | C_E2_9 | C_EF_9};                    /* _F */

POL_AVX2_FN static inline void class_tables(__m256i t[6])
{
    t[0] = pol_table32(lead_high), t[1] = pol_table32(lead_low);
    t[2] = pol_table32(second_high), t[3] = pol_table32(second_low);
    t[4] = pol_table32(third_high), t[5] = pol_table32(third_low);
}

/* The class of each byte of v by its two halves. */
POL_AVX2_FN static inline __m256i classes(__m256i v, __m256i high, __m256i low)
{
    __m256i nibble = _mm256_set1_epi8(0x0F);
    return _mm256_and_si256(_mm256_shuffle_epi8(high, _mm256_and_si256(_mm256_srli_epi16(v, 4), nibble)),
                            _mm256_shuffle_epi8(low, _mm256_and_si256(v, nibble)));
}

/* stable_prefix's classes over the 32 bytes at u (needs 34): a bit for
 * each byte that is no continuation byte and opens no stable character. */
POL_AVX2_FN static inline unsigned unstable32(const unsigned char *u, const __m256i tables[6])
{
    __m256i l = pol_bytes32_at(u);
    __m256i c = _mm256_and_si256(_mm256_and_si256(classes(l, tables[0], tables[1]),
                                                  classes(pol_bytes32_at(u + 1), tables[2], tables[3])),
                                 classes(pol_bytes32_at(u + 2), tables[4], tables[5]));
    /* the ASCII that is not: space, [ and VT FF CR */
    __m256i out = _mm256_or_si256(_mm256_or_si256(pol_bytes32_eq(l, ' '), pol_bytes32_eq(l, '[')),
                                  pol_bytes32_in(l, 0x0B, 0x0D));
    return pol_bits32(_mm256_or_si256(_mm256_cmpeq_epi8(c, _mm256_setzero_si256()), out));
}

/* fold's run of stable characters from i (a character's first byte), 32
 * bytes a step where the CPU has AVX2: where the run ends (at the first
 * byte that unstable32 names, or a character's first byte near the end,
 * for the loop after), and the start of its last line.  The step is 32
 * whatever the block holds: a continuation byte passes, so a block may
 * start inside a character, and the next block's load does not wait for
 * this block's test. */
POL_AVX2_FN static size_t stable_run32(const unsigned char *u, size_t len, size_t i, size_t *line_start)
{
    __m256i tables[6];
    class_tables(tables);
    for (; i + 34 <= len; i += 32) {
        unsigned bad = unstable32(u + i, tables);
        unsigned upto = bad ? (1u << __builtin_ctz(bad)) - 1 : ~0u;
        unsigned lines = pol_bits32(pol_bytes32_eq(pol_bytes32_at(u + i), '\n')) & upto;
        if (lines)
            *line_start = i + 32 - (unsigned)__builtin_clz(lines);
        if (bad)
            return i + (size_t)__builtin_ctz(bad);
    }
    while (i < len && (u[i] & 0xC0) == 0x80)
        i++; /* to the next character's first byte */
    return i;
}

/* The run from i over the 32 bytes at u + i, as stable_run32 reads it: its
 * length (32 when the block passes), *nl as for pol_stable_prefix. */
POL_AVX2_FN static size_t stable_prefix32(const unsigned char *u, size_t i, size_t *nl)
{
    __m256i tables[6];
    class_tables(tables);
    unsigned bad = unstable32(u + i, tables);
    size_t k = bad ? (size_t)__builtin_ctz(bad) : 32;
    *nl = SIZE_MAX;
    for (size_t q = 0; q < k; q++)
        if (u[i + q] == '\n')
            *nl = q;
    return k;
}

/* For the tests: SIZE_MAX without AVX2. */
size_t pol_stable_prefix32(const unsigned char *u, size_t i, size_t *nl)
{
    return pol_avx2() ? stable_prefix32(u, i, nl) : SIZE_MAX;
}
#endif

static pol_status fold(struct pol_run *run, char **out, size_t *out_len)
{
    folder f = {.src = run->utf8, .len = run->utf8_len, .map = &run->result->fold_map};
    const char *s = f.src;
    size_t len = f.len;
    pol_buf_init(&f.out);
    if (!pol_buf_reserve(&f.out, len))
        return pol_error_set(run->err, POL_ERR_NOMEM, SIZE_MAX, 0, 0, "out of memory");
    size_t i = 0, run_start = 0, line_start = 0;
#ifdef POL_AVX2
    bool avx2 = pol_avx2();
#endif
#define FLUSH() (pol_buf_append(&f.out, s + run_start, i - run_start))
    while (i < len) {
        bool blocks_read = false; /* the character at i is read below */
#ifdef POL_AVX2
        if (avx2 && i + 34 <= len) {
            i = stable_run32((const unsigned char *)s, len, i, &line_start);
            if (i == len)
                break;
            blocks_read = true;
        }
#endif
#ifdef __SSE2__
        if (!blocks_read && i + 18 <= len) {
            size_t nl, k = stable_prefix((const unsigned char *)s, i, &nl);
            if (nl != SIZE_MAX)
                line_start = i + nl + 1;
            i += k;
            if (k >= 15) /* five characters, or a whole block: the next block */
                continue;
        }
#endif
        unsigned char c = (unsigned char)s[i];
        if (c >= 0xE4 && c <= 0xE9) {
            /* U+4000..U+9FFF, CJK ideographs all: stable, and the text is
             * valid UTF-8 (decode.c), so the next two bytes belong to it;
             * stay in the run */
            do
                i += 3;
            while (i < len && (unsigned char)s[i] >= 0xE4 && (unsigned char)s[i] <= 0xE9);
            continue;
        }
        if (c >= 0x80) {
            uint32_t cp;
            int n = pol_utf8_decode((const unsigned char *)s + i, len - i, &cp);
            if (n == 0)
                n = 1, cp = 0xFFFD; /* cannot happen after decode.c */
            if (is_stable_cp(cp)) {
                i += (size_t)n;
                continue;
            }
            FLUSH();
            if (is_space_cp(cp)) {
                /* handled with ASCII spaces below: rewrite to one run */
                size_t a = i;
                while (i < len) {
                    uint32_t c2;
                    int n2 = pol_utf8_decode((const unsigned char *)s + i, len - i, &c2);
                    if (n2 == 0 || !is_space_cp(c2))
                        break;
                    i += (size_t)n2;
                }
                /* decide on the source: neighbours are s[a-1] and s[i] */
                bool k = a > 0 && i < len && keep_space(s, len, line_start, a, i);
                replace(&f, a, i, " ", k ? 1 : 0);
                run_start = i;
                continue;
            }
            if (is_invisible_cp(cp)) {
                replace(&f, i, i + (size_t)n, "", 0);
            } else {
                fold_char(&f, i, n, cp);
            }
            i += (size_t)n;
            run_start = i;
            continue;
        }
        if (is_stable_cp(c)) {
            if (c == '\n')
                line_start = i + 1;
            i++;
            continue;
        }
        FLUSH();
        if (c == '\r') {
            if (i + 1 < len && s[i + 1] == '\n') {
                replace(&f, i, i + 1, "", 0);
            } else {
                replace(&f, i, i + 1, "\n", 1);
                line_start = i + 1;
            }
            i++;
        } else if (c == '\v' || c == '\f') {
            replace(&f, i, i + 1, "\n", 1);
            i++;
            line_start = i;
        } else if (c == '[') {
            static const char bookmark[] = "[bookmark:";
            size_t bl = sizeof bookmark - 1;
            const char *close = NULL;
            if (len - i > bl && memcmp(s + i, bookmark, bl) == 0)
                close = memchr(s + i, ']', len - i < 200 ? len - i : 200);
            if (close) {
                size_t end = (size_t)(close - s) + 1;
                replace(&f, i, end, "", 0);
                i = end;
            } else {
                pol_buf_putc(&f.out, '[');
                i++;
            }
        } else { /* c == ' ' */
            size_t a = i;
            while (i < len) {
                if (s[i] == ' ') {
                    i++;
                    continue;
                }
                uint32_t c2;
                int n2 = pol_utf8_decode((const unsigned char *)s + i, len - i, &c2);
                if (n2 == 0 || !is_space_cp(c2))
                    break;
                i += (size_t)n2;
            }
            bool k = keep_space(s, len, line_start, a, i);
            if (k && i - a == 1)
                pol_buf_putc(&f.out, ' ');
            else
                replace(&f, a, i, " ", k ? 1 : 0);
        }
        run_start = i;
    }
    FLUSH();
#undef FLUSH
    pol_offmap_finish(f.map, f.out.len, len);
    if (f.out.failed || f.map->failed) {
        pol_buf_free(&f.out);
        return pol_error_set(run->err, POL_ERR_NOMEM, SIZE_MAX, 0, 0, "out of memory");
    }
    *out_len = f.out.len;
    *out = pol_buf_steal(&f.out);
    return *out ? POL_OK : pol_error_set(run->err, POL_ERR_NOMEM, SIZE_MAX, 0, 0, "out of memory");
}

/* ---------------------------------------------------------------- pass 2 */

static bool ends_sentence(const char *s, size_t len)
{
    static const pol_word enders[] = {POL_WORD("。"), POL_WORD("！"), POL_WORD("？"),
                                      POL_WORD("；"), POL_WORD("："), POL_WORD("…"), POL_WORD("”"),
                                      POL_WORD("’"), POL_WORD("）"), POL_WORD("」"), POL_WORD("』"),
                                      POL_WORD("】"), POL_WORD("!"), POL_WORD("?"), POL_WORD(";"),
                                      POL_WORD(":"), POL_WORD(")"), POL_WORD("〕"), {NULL, 0}};
    static pol_wordset ender_set = POL_WORDSET(enders);
    return pol_words_ending(&ender_set, s, len) > 0;
}

/* Whether one of the patterns of a list matches s; ends are s's. */
static bool any_match(pol_patterns *p, const pol_pattern_id *ids, size_t n, const char *s, size_t len,
                      pol_ends ends)
{
    for (size_t k = 0; k < n; k++)
        if (pol_pattern_ends_allow(p, ids[k], ends) && pol_pattern_match(p, ids[k], s, len, NULL))
            return true;
    return false;
}

static const pol_pattern_id heading_ids[] = {
    PAT_HEAD_PART, PAT_HEAD_CHAPTER,   PAT_HEAD_SECTION,   PAT_HEAD_ARTICLE,   PAT_HEAD_CN,
    PAT_HEAD_CN_PAREN, PAT_HEAD_NUM, PAT_HEAD_NUM_SPACE, PAT_HEAD_NUM_PAREN, PAT_HEAD_CIRCLED};

static bool is_heading_start(pol_patterns *p, const char *s, size_t len, pol_ends ends)
{
    return pol_heading_candidate(s, len) &&
           any_match(p, heading_ids, sizeof heading_ids / sizeof heading_ids[0], s, len, ends);
}

/* May a paragraph go on past the end of line a into line b? */
static bool joins(pol_patterns *p, const char *a, size_t alen, const char *b, size_t blen, bool tabs)
{
    if (ends_sentence(a, alen) || pol_utf8_at_most(a, alen, 11))
        return false;
    if (tabs && (memchr(a, '\t', alen) || memchr(b, '\t', blen)))
        return false;
    /* a heading standing alone holds no 。: its line ends where it does */
    pol_ends a_ends = pol_ends_of(a, alen), b_ends = pol_ends_of(b, blen);
    if (is_heading_start(p, a, alen, a_ends) && pol_find(a, alen, "。") == SIZE_MAX)
        return false;
    static const pol_pattern_id a_stops[] = {PAT_TITLE_KIND, PAT_DATE_LINE, PAT_DOC_NUMBER,
                                             PAT_FURNITURE, PAT_SITE_NOTICE, PAT_PRINTED};
    if (any_match(p, a_stops, sizeof a_stops / sizeof a_stops[0], a, alen, a_ends))
        return false;
    if (is_heading_start(p, b, blen, b_ends))
        return false;
    static const pol_pattern_id b_stops[] = {PAT_BULLET,   PAT_ATTACH_NOTE, PAT_ATTACH_MARK,
                                             PAT_CC,       PAT_LABEL_LINE,  PAT_DATE_LINE,
                                             PAT_PRINTED,  PAT_FURNITURE,   PAT_SITE_NOTICE,
                                             PAT_DOC_NUMBER, PAT_PUBLICITY};
    return !any_match(p, b_stops, sizeof b_stops / sizeof b_stops[0], b, blen, b_ends);
}

/* Joins lines in place: the text only shrinks, so each line moves to where
 * the joined text has reached (`w`), never past where it is read next. */
static pol_status join_lines(struct pol_run *run, char *s, size_t len)
{
    pol_offmap *map = &run->result->norm_map;
    pol_patterns *p = &run->parser->patterns;
    bool may_join = !(run->parser->options & POL_OPT_NO_JOIN);
    size_t i = 0, w = 0;
    size_t next = SIZE_MAX, next_end = 0; /* the line looked at as b last, and its end */
    while (i < len) {
        const char *nl = i == next ? (next_end < len ? s + next_end : NULL) : memchr(s + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - s) : len;
        if (w != i)
            memmove(s + w, s + i, end - i);
        w += end - i;
        if (!nl)
            break;
        /* look past up to two blank lines for the next text */
        size_t j = end + 1, blanks = 0;
        while (j < len && s[j] == '\n' && blanks < 3) {
            j++;
            blanks++;
        }
        if (may_join && end > i && j < len && s[j] != '\n' && blanks <= 2) {
            const char *nl2 = memchr(s + j, '\n', len - j);
            size_t bend = nl2 ? (size_t)(nl2 - s) : len;
            next = j, next_end = bend;
            if (joins(p, s + w - (end - i), end - i, s + j, bend - j, run->norm_tabs)) {
                pol_offmap_mark(map, w, end);
                pol_offmap_mark(map, w, j);
                i = j;
                continue;
            }
        }
        s[w++] = '\n';
        run->norm_newlines++;
        i = end + 1;
    }
    s[w] = '\0';
    pol_offmap_finish(map, w, len);
    if (map->failed)
        return pol_error_set(run->err, POL_ERR_NOMEM, SIZE_MAX, 0, 0, "out of memory");
    run->norm_len = w;
    return POL_OK;
}

pol_status pol_normalize(struct pol_run *run)
{
    char *folded = NULL;
    size_t folded_len = 0;
    pol_status st = fold(run, &folded, &folded_len);
    if (st != POL_OK)
        return st;
    run->norm = folded; /* freed with the run, also when joining fails */
    /* the lines asked about from here on are this text's, joined or not */
    pol_patterns_note_text(&run->parser->patterns, folded, folded_len);
    /* one search of the text spares the lines' searches for a table row */
    run->norm_tabs = memchr(folded, '\t', folded_len) != NULL;
    st = join_lines(run, folded, folded_len);
    if (st != POL_OK)
        return st;
    /* the text a result keeps must hold something besides white space */
    for (size_t i = 0; i < run->norm_len; i++)
        if (run->norm[i] != '\n' && run->norm[i] != ' ' && run->norm[i] != '\t')
            return POL_OK;
    return pol_error_set(run->err, POL_ERR_EMPTY, 0, 1, 1, "input holds only white space");
}
