/*
 * stage_text.c - the byte-string helpers every stage leans on (lib/text.c,
 * lib/internal.h), at their edges: empty input, a needle at either end,
 * lengths that decide an answer without counting.
 */
#include <limits.h>
#include <math.h>
#include <stdio.h>

#include "internal.h"
#include "test.h"

static void find(void)
{
    const char *s = "市科技局牵头，市财政局配合";
    size_t len = strlen(s);
    EQ_INT(pol_find(s, len, "市"), 0);
    EQ_INT(pol_find(s, len, "牵头"), 12);
    EQ_INT(pol_find(s, len, "配合"), len - 6); /* at the very end */
    EQ_INT(pol_find(s, len - 1, "配合"), SIZE_MAX); /* cut inside it */
    EQ_INT(pol_find(s, len, "负责"), SIZE_MAX);
    EQ_INT(pol_find(s, 0, "市"), SIZE_MAX);
    EQ_INT(pol_find(s, len, ""), 0);
    EQ_INT(pol_find("ab", 2, "abc"), SIZE_MAX);
    /* a candidate whose last byte matches but the rest does not */
    EQ_INT(pol_find("xbzab", 5, "ab"), 3);
    EQ_INT(pol_find_n("aXa", 3, "a\0", 1), 0);
}

static void prefixes(void)
{
    CHECK(pol_starts_with("牵头单位", 12, "牵头"));
    CHECK(pol_starts_with("牵头", 6, "牵头"));
    CHECK(!pol_starts_with("牵头", 5, "牵头")); /* the length bounds the subject */
    CHECK(!pol_starts_with("牵", 3, "牵头"));
    CHECK(pol_starts_with("abc", 3, ""));
    CHECK(pol_ends_with("工作方案", 12, "方案"));
    CHECK(!pol_ends_with("方案", 6, "工作方案"));
}

static void counts(void)
{
    EQ_INT(pol_utf8_count("一二三abc", 12), 6);
    EQ_INT(pol_utf8_count("", 0), 0);
    /* at most n code points: decided by length alone at both ends */
    CHECK(pol_utf8_at_most("abc", 3, 3));
    CHECK(!pol_utf8_at_most("abcd", 4, 3));
    CHECK(pol_utf8_at_most("一二三", 9, 3));
    CHECK(!pol_utf8_at_most("一二三四", 12, 3));
    CHECK(pol_utf8_at_most("一二三", 9, 4));
    CHECK(!pol_utf8_at_most("一二三四五", 15, 3)); /* more than 4n bytes */
    CHECK(pol_utf8_at_most("", 0, 0));
    CHECK(!pol_utf8_at_most("a", 1, 0));
    /* texts of one- to four-byte characters, of every length to 9,000
     * bytes (past the 4,080 the block count sums at once), from every
     * fifth offset of a block (some inside a character) */
    static char text[9100];
    static size_t leads[9100 + 1]; /* the bytes before each that are no continuation byte */
    size_t len = 0;
    static const char *const pieces[] = {"a", "é", "一", "😀", "\n"};
    unsigned seed = 3;
    while (len < 9000) {
        const char *p = pieces[((seed = seed * 1103515245u + 12345u) >> 16) % 5];
        for (size_t k = 0; p[k]; k++)
            text[len++] = p[k];
    }
    for (size_t k = 0; k < len; k++)
        leads[k + 1] = leads[k] + (((unsigned char)text[k] & 0xC0) != 0x80);
    int wrong = 0;
    for (size_t l = 0; l <= len; l += (l < 300 ? 1 : 97))
        for (size_t from = 0; from < 16 && from <= l; from += 5)
            wrong += pol_utf8_count(text + from, l - from) != leads[l] - leads[from];
    EQ_INT(wrong, 0);
}

static void line_ends(void)
{
    const char *s = "第一行\n第二行\n";
    size_t len = strlen(s);
    EQ_INT(pol_line_end(s, len, 0), 9);
    EQ_INT(pol_line_end(s, len, 9), 9);
    EQ_INT(pol_line_end(s, len, 10), len - 1);
    EQ_INT(pol_line_end(s, len - 1, 10), len - 1); /* no newline: the end */
    EQ_INT(pol_line_end(s, len, len), len);
}

/* pol_skip_plain finds a byte of its kinds at every place of a block and
 * past the blocks, and never takes a high byte for a low one. */
static void plain_runs(void)
{
    char s[48];
    for (size_t len = 0; len <= sizeof s; len++) {
        memset(s, '\xE4', len); /* high bytes: not below 0x20 unsigned */
        EQ_INT(pol_skip_plain(s, len, 0, 0x20, '"', '\\'), len);
        EQ_INT(pol_skip_plain(s, len, 0, 0, 0xE3, 0xEF), len);
        for (size_t at = 0; at < len; at++) {
            static const unsigned char kinds[] = {'\n', 0x00, 0x1F, '"', '\\'};
            for (size_t k = 0; k < sizeof kinds; k++) {
                s[at] = (char)kinds[k];
                EQ_INT(pol_skip_plain(s, len, 0, 0x20, '"', '\\'), at);
                EQ_INT(pol_skip_plain(s, len, at, 0x20, '"', '\\'), at);
                EQ_INT(pol_skip_plain(s, len, at + 1, 0x20, '"', '\\'), len);
                EQ_INT(pol_skip_plain(s, len, 0, 0, 0xE3, 0xEF), len); /* none below 0 */
            }
            s[at] = '\xEF';
            EQ_INT(pol_skip_plain(s, len, 0, 0, 0xE3, 0xEF), at);
            EQ_INT(pol_skip_plain(s, len, 0, 0x20, '"', '\\'), len);
            s[at] = ' '; /* 0x20 itself is plain */
            EQ_INT(pol_skip_plain(s, len, 0, 0x20, '"', '\\'), len);
            s[at] = '\xE4';
        }
    }
}

/* pol_parse_decimal gives strtod's double, to the bit, for every number a
 * quantity can write (digits, commas, a point), or declines (-1). */
static void decimals_as_strtod(void)
{
    unsigned seed = 7;
    int wrong = 0, read = 0;
    char text[64], plain[64];
    for (int k = 0; k < 300000; k++) {
        size_t len = 0, n = 0;
        int digits = 1 + (int)((seed = seed * 1103515245u + 12345u) >> 16) % 19;
        int point = (int)((seed = seed * 1103515245u + 12345u) >> 16) % (digits + 8); /* often none */
        for (int d = 0; d < digits; d++) {
            if (d == point && d > 0)
                text[len++] = plain[n++] = '.';
            else if (d > 0 && d % 3 == 0 && point >= digits && (seed >> 20) % 2)
                text[len++] = ','; /* 1,234,567 */
            char c = (char)('0' + ((seed = seed * 1103515245u + 12345u) >> 16) % 10);
            text[len++] = plain[n++] = c;
        }
        plain[n] = '\0';
        double v = pol_parse_decimal(text, len);
        if (v < 0)
            continue;
        read++;
        double want = strtod(plain, NULL);
        wrong += memcmp(&v, &want, sizeof v) != 0;
    }
    EQ_INT(wrong, 0);
    CHECK(read > 200000);
    EQ_INT(pol_parse_decimal("1,712.60", 8) == 1712.6, 1);
    EQ_INT(pol_parse_decimal("12345678901234567890", 20) < 0, 1); /* past 2^53: strtod's */
    EQ_INT(pol_parse_decimal("0.1", 3) == 0.1, 1);
    EQ_INT(pol_parse_decimal("1.2.3", 5) < 0, 1);
}

/* The string map finds every key it was given, by bytes and length (keys
 * that are prefixes of each other, of every length up to 40, across its
 * growth), keeps the first value of a key added twice, and finds no other. */
static void string_map(void)
{
    static char keys[2000][48];
    pol_strmap m = {0};
    EQ_INT(pol_strmap_get(&m, "x", 1), SIZE_MAX);
    int wrong = 0;
    for (size_t i = 0; i < 2000; i++) {
        size_t len = i % 41;
        for (size_t k = 0; k < len; k++)
            keys[i][k] = (char)('a' + (i / 41 + k * 7) % 26);
        CHECK(pol_strmap_add(&m, keys[i], len, i));
    }
    for (size_t i = 0; i < 2000; i++) {
        size_t len = i % 41, got = pol_strmap_get(&m, keys[i], len);
        /* a key made twice keeps the value it was first added with */
        size_t first = i;
        for (size_t j = 0; j < i; j++)
            if (j % 41 == len && memcmp(keys[j], keys[i], len) == 0) {
                first = j;
                break;
            }
        wrong += got != first;
    }
    EQ_INT(wrong, 0);
    EQ_INT(pol_strmap_get(&m, "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz", 45), SIZE_MAX);
    char other[48];
    memcpy(other, keys[40], 40);
    other[39] = '#'; /* no key holds # */
    EQ_INT(pol_strmap_get(&m, other, 40), SIZE_MAX);
    pol_strmap_free(&m);
}

/* A word set refuses a text only when none of its words starts (ends) it,
 * and pol_words_ending (_starting) gives the first word in the list's
 * order that ends (starts) it, for texts
 * made of the words' characters and others, including characters of one,
 * two, three and four bytes and texts cut inside a character. */
static void word_sets(void)
{
    static const pol_word words[] = {POL_WORD("不超过"), POL_WORD("超过"), POL_WORD("超"),
                                     POL_WORD("约"),     POL_WORD("é"),    POL_WORD(";"),
                                     POL_WORD("😀达"),   {NULL, 0}};
    static pol_wordset set = POL_WORDSET(words);
    static const char *const pieces[] = {"不", "超", "过", "约", "达", "é", "e", ";", "😀", "局", "。", "\xE8"};
    const size_t n_pieces = sizeof pieces / sizeof pieces[0];
    int refused_wrongly = 0, wrong_word = 0, refused = 0;
    /* every text of up to three pieces */
    for (size_t a = 0; a <= n_pieces; a++)
        for (size_t b = 0; b <= n_pieces; b++)
            for (size_t c = 0; c <= n_pieces; c++) {
                char t[32] = "";
                if (a < n_pieces)
                    strcat(t, pieces[a]);
                if (b < n_pieces)
                    strcat(t, pieces[b]);
                if (c < n_pieces)
                    strcat(t, pieces[c]);
                size_t len = strlen(t);
                size_t first_end = 0, first_start = 0;
                for (const pol_word *w = words; w->s; w++) {
                    if (!first_end && pol_ends_with_n(t, len, w->s, w->n))
                        first_end = w->n;
                    if (!first_start && pol_starts_with(t, len, w->s))
                        first_start = w->n;
                }
                refused_wrongly += (first_end && !pol_words_may_end(&set, t, len)) ||
                                   (first_start && !pol_words_may_start(&set, t, len));
                wrong_word += pol_words_ending(&set, t, len) != first_end;
                wrong_word += pol_words_starting(&set, t, len) != first_start;
                refused += !pol_words_may_start(&set, t, len);
            }
    EQ_INT(refused_wrongly, 0);
    EQ_INT(wrong_word, 0);
    CHECK(refused > 1000); /* and it does refuse: most texts start with no word's character */
    EQ_INT(pol_words_ending(&set, "控制在不超过", strlen("控制在不超过")), strlen("不超过"));
    EQ_INT(pol_words_ending(&set, "", 0), 0);
    EQ_INT(pol_words_starting(&set, "超过了", strlen("超过了")), strlen("超过")); /* before 超 */
    EQ_INT(pol_words_starting(&set, "超", 2), 0);                                /* cut inside */
    CHECK(!pol_words_may_start(&set, "", 0));
}

/* pol_find_n at every place of its sixteen-byte blocks and past them, with
 * needles of one to six bytes, and a near miss (first and last bytes in
 * place, a middle one not) before each. */
static void find_everywhere(void)
{
    static const char *const needles[] = {"x", "xy", "xyz", "负责", "xq_zy"};
    for (size_t k = 0; k < sizeof needles / sizeof needles[0]; k++) {
        const char *nd = needles[k];
        size_t n = strlen(nd);
        char s[64];
        for (size_t len = n; len <= 48; len++) {
            for (size_t at = 0; at + n <= len; at++) {
                memset(s, '.', len);
                memcpy(s + at, nd, n);
                EQ_INT(pol_find_n(s, len, nd, n), at);
                EQ_INT(pol_find_n(s, len - 1, nd, n), at + n <= len - 1 ? at : SIZE_MAX);
                if (n >= 3 && at >= n) { /* a near miss just before it */
                    memcpy(s + at - n, nd, n);
                    s[at - n + 1] ^= 1;
                    EQ_INT(pol_find_n(s, len, nd, n), at);
                }
            }
        }
    }
}

/* pol_format_number writes what printf's %.10g does for every value that
 * is not whole (its fast path covers a few decimals). */
static void numbers_as_printf(void)
{
    char got[32], want[32];
    size_t checked = 0, differ = 0;
    static const double scales[] = {1, 10, 100, 1000, 1e4, 1e5, 1e6, 1e7, 3, 7, 9};
    for (size_t k = 0; k < sizeof scales / sizeof scales[0]; k++)
        for (long i = -3000; i <= 300000; i += (i < 3000 ? 1 : 7)) {
            double vs[] = {i / scales[k], i / scales[k] + 1e-9, (i + 0.1) / scales[k] * 1e3,
                           i * 0.1 + 0.2, i / scales[k] / 1e4, i * 1e5 / scales[k] + 0.25};
            for (size_t j = 0; j < sizeof vs / sizeof vs[0]; j++) {
                double v = vs[j];
                if (fabs(v) < 1e15 && v == floor(v))
                    continue;
                pol_format_number(got, v);
                snprintf(want, sizeof want, "%.10g", v);
                checked++;
                if (strcmp(got, want) != 0 && differ++ < 5)
                    fprintf(stderr, "%.17g: %s, printf %s\n", v, got, want);
            }
        }
    CHECK(checked > 1000000);
    EQ_INT(differ, 0);
}

/* pol_format_int writes what printf's %lld does: every value to 200,000
 * and its negative, each power of ten and its neighbours, and the ends of
 * the range (two digits at a time, a lone first digit, zeros inside). */
static void integers_as_printf(void)
{
    char got[32], want[32];
    size_t checked = 0, differ = 0;
    long long vs[64];
    size_t nv = 0;
    vs[nv++] = LLONG_MIN;
    vs[nv++] = LLONG_MAX;
    for (long long p = 1; nv + 3 <= sizeof vs / sizeof vs[0] && p <= LLONG_MAX / 10; p *= 10) {
        vs[nv++] = p - 1;
        vs[nv++] = p;
        vs[nv++] = p + 1;
    }
    for (long long i = -200000; i <= 200000 + (long long)nv; i++) {
        long long v = i <= 200000 ? i : vs[i - 200001];
        size_t n = pol_format_int(got, v);
        snprintf(want, sizeof want, "%lld", v);
        checked++;
        if ((strcmp(got, want) != 0 || n != strlen(want)) && differ++ < 5)
            fprintf(stderr, "%lld: %s, printf %s\n", v, got, want);
    }
    CHECK(checked > 400000);
    EQ_INT(differ, 0);
}

/* pol_last_at_most and its hinted form give the last value at most x, as a
 * walk from the start does, for sorted values with repeats (the first 0 or
 * 2), every x around them (below the first: 0), and hints before, at and
 * after the answer, near and far (the gallop goes both ways), and none. */
static void sorted_lookups(void)
{
    size_t v[40], wrong = 0, checked = 0;
    for (size_t n = 1; n <= 40; n++) {
        for (size_t first = 0; first <= 2; first += 2) {
            for (size_t i = 0; i < n; i++)
                v[i] = i == 0 ? first : v[i - 1] + (i * 7 % 3); /* steps of 0, 1 and 2 */
            for (size_t x = 0; x <= v[n - 1] + 2; x++) {
                size_t want = 0;
                for (size_t i = 0; i < n; i++)
                    if (v[i] <= x)
                        want = i;
                wrong += pol_last_at_most(v, n, x) != want;
                size_t hints[] = {SIZE_MAX, 0, want, want / 2, n / 2, n - 1, n, want + 1, want + 3};
                for (size_t k = 0; k < sizeof hints / sizeof hints[0]; k++) {
                    size_t h = hints[k];
                    wrong += pol_last_at_most_near(v, n, x, &h) != want || h != want;
                    checked++;
                }
            }
        }
    }
    CHECK(checked > 10000);
    EQ_INT(wrong, 0);
}

int main(void)
{
    sorted_lookups();
    numbers_as_printf();
    integers_as_printf();
    find();
    find_everywhere();
    plain_runs();
    word_sets();
    string_map();
    decimals_as_strtod();
    prefixes();
    counts();
    line_ends();
    return t_report();
}
