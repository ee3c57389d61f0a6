/*
 * targets.c - section and paragraph text -> quantities: goals (target) and
 * reported figures (actual).
 *
 * Input: the finished tree (sections.c).  Output: `targets` on the smallest
 * section, or the document, whose own text holds each quantity.
 *
 * A quantity is a number with a unit or a Chinese multiplier (PAT_QUANTITY:
 * 4000亿元, 32,000台, 1—2家, 超千台, 10余个, 31万).  Not quantities: years,
 * dates and document numbers (no unit follows them), numbers inside names
 * (5G, 3D, “515”, 世界500强: no unit either), counts in Chinese numerals
 * without a magnitude (三大平台), and thresholds that define what a rule
 * covers (超过100亿元的企业, 500平方米以下的项目).
 *
 * Each is read within its clause (text between ，；：。): the comparator from
 * the words before the number and after the unit; the indicator from the
 * clause's words before it (or after it, 200家服务商); kind from the words
 * of the clause, else of its section (目标/任务 vs 回顾/情况), else of the
 * document (a plan's figures are goals, a report's are actuals); the year
 * from 到2025年 in the sentence or paragraph, else the section, else the
 * plan's end year.
 * Example: "到2025年，全区地区生产总值超过4000亿元" -> target, gt, 4000 亿元,
 * base 400000000000 元, year 2025, indicator 全区地区生产总值.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

typedef struct context {
    pol_target_kind kind;
    bool cued;  /* a heading said which: 工作目标, 下半年工作重点, 执行情况, 回顾2022年 */
    int year;
    bool goals; /* a goals section: its plan year holds throughout */
} context;

typedef struct qctx {
    struct pol_run *run;
    pol_result *r;
    pol_patterns *p;
    int plan_year;   /* the end year a plan's title names */
    int report_year; /* the year a report's text names most */
    bool report_doc; /* a report (or untyped text) rather than a plan */
    int delivered_in; /* the year a 政府工作报告's title names, or 0 */
    /* the year marks (2025年) of the whole text, in order, read once: a
     * notice's text holds the documents it issues, which are read again */
    struct year_mark *marks;
    size_t n_marks, cap_marks;
    bool marks_read;
    int year_counts[200]; /* most_named_year's, of 1950..2149: zero between calls */
} qctx;

struct year_mark {
    size_t at; /* the first digit's offset in the normalized text */
    int year;
};

/* A mark is seven bytes: four digits and 年. */
enum { MARK_LEN = 7 };

/* The first of the text's year marks at or after offset `from`, or
 * n_marks: by bisection. */
static size_t first_mark(const qctx *c, size_t from)
{
    size_t lo = 0, hi = c->n_marks;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->marks[mid].at < from)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Whether norm[from, to) holds a year mark whole: year_by and first_year
 * find no year where it holds none, and are spared their search for 年. */
static bool holds_mark(const qctx *c, size_t from, size_t to)
{
    size_t k = first_mark(c, from);
    return k < c->n_marks && c->marks[k].at + MARK_LEN <= to;
}

typedef struct target_list {
    pol_target *items;
    size_t n, cap;
} target_list;

static pol_status nomem(struct pol_run *run)
{
    return pol_error_set(run->err, POL_ERR_NOMEM, SIZE_MAX, 0, 0, "out of memory");
}

static bool ends_with_any(const char *s, size_t len, pol_wordset *words, size_t *wlen)
{
    *wlen = pol_words_ending(words, s, len);
    return *wlen > 0;
}

/* Headings: a goal word closing the title (工作目标, 主要任务, 工作重点), or
 * a review word anywhere in it (执行情况, 回顾). */
static const pol_word goal_words[] = {POL_WORD("目标"), POL_WORD("任务"), POL_WORD("重点"),
                                      POL_WORD("举措"), POL_WORD("措施"), POL_WORD("计划"),
                                      POL_WORD("安排"), POL_WORD("预期"), POL_WORD("重点工作"),
                                      {NULL, 0}};
static pol_wordset goal_set = POL_WORDSET(goal_words);
static const pol_word goal_anywhere[] = {POL_WORD("下半年"), POL_WORD("明年"), POL_WORD("展望"),
                                         POL_WORD("奋进"), {NULL, 0}};
static const pol_word review_words[] = {POL_WORD("回顾"), POL_WORD("执行情况"),
                                        POL_WORD("完成情况"), POL_WORD("成效"), POL_WORD("成绩"),
                                        POL_WORD("进展"), POL_WORD("过去"), POL_WORD("上半年"),
                                        POL_WORD("取得"), {NULL, 0}};
static const pol_word clause_goal[] = {POL_WORD("到20"), POL_WORD("力争"), POL_WORD("确保"),
                                       POL_WORD("每年"), POL_WORD("年均"), POL_WORD("累计打造"),
                                       POL_WORD("目标"), POL_WORD("底前"), POL_WORD("年前"),
                                       POL_WORD("预计"), {NULL, 0}};
static const pol_word clause_actual[] = {POL_WORD("同比"), POL_WORD("完成"), POL_WORD("较上年"),
                                         POL_WORD("比上年"), POL_WORD("已"), POL_WORD("首次"),
                                         POL_WORD("新认定"), POL_WORD("上半年"), POL_WORD("全年"),
                                         POL_WORD("去年"), {NULL, 0}};

/* Kind a text suggests: 1 target, -1 actual, 0 no cue. */
static int kind_cue(const char *s, size_t len, const pol_word *goal, const pol_word *actual)
{
    bool g = pol_find_any(s, len, goal), a = pol_find_any(s, len, actual);
    return g && !a ? 1 : a && !g ? -1 : 0;
}

/* A clause's kind: its cue words; where both kinds' words stand, a resolve
 * (力争, 确保) outweighs 完成 or 全年 unless the work is done already (已):
 * 力争完成投资2440亿元以上 is a goal. */
static int clause_kind(const char *s, size_t len)
{
    static const pol_word resolve[] = {POL_WORD("力争"), POL_WORD("确保"), {NULL, 0}};
    int cue = kind_cue(s, len, clause_goal, clause_actual);
    if (cue == 0 && pol_find_any(s, len, resolve) && pol_find(s, len, "已") == SIZE_MAX)
        cue = 1;
    return cue;
}

/* The number a year match's four digits write. */
static int year_of(const char *s, const size_t m[4])
{
    int y = 0;
    for (size_t k = m[2]; k < m[3]; k++)
        y = y * 10 + (s[k] - '0');
    return y;
}

/* The year a text names for a goal: 到2025年, 2023年底前. */
static int year_by(const char *s, size_t len)
{
    size_t m[4];
    int year = 0;
    for (size_t at = 0; at < len && pol_year_by_match(s, len, at, m); at = m[1])
        year = year_of(s, m);
    return year;
}

static int first_year(const char *s, size_t len)
{
    size_t m[4];
    return pol_year_match(s, len, 0, m) ? year_of(s, m) : 0;
}

static double multiplier(const char *m, size_t len)
{
    static const struct {
        const char *word;
        double factor;
    } table[] = {{"万亿", 1e12}, {"千亿", 1e11}, {"百亿", 1e10}, {"亿", 1e8},
                 {"千万", 1e7},  {"百万", 1e6},  {"万", 1e4}};
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (len == strlen(table[i].word) && memcmp(m, table[i].word, len) == 0)
            return table[i].factor;
    return 1;
}

/* A share: 三分之一, 1/3 (a fraction), 七成 (tenths, read as per cent); 0 if none. */
static int share_kind(const char *s, size_t len)
{
    if (pol_find(s, len, "分之") != SIZE_MAX || memchr(s, '/', len))
        return 1;
    return pol_ends_with(s, len, "成") ? 2 : 0;
}

static double number_value(const char *s, size_t len);

static double share_value(const char *s, size_t len)
{
    size_t at = pol_find(s, len, "分之");
    if (at != SIZE_MAX) {
        double den = number_value(s, at), num = number_value(s + at + 6, len - at - 6);
        return den > 0 ? num / den : NAN;
    }
    const char *slash = memchr(s, '/', len);
    if (slash) {
        double num = number_value(s, (size_t)(slash - s));
        double den = number_value(slash + 1, len - (size_t)(slash - s) - 1);
        return den > 0 ? num / den : NAN;
    }
    return number_value(s, len - 3); /* 七成 */
}

static double number_value(const char *s, size_t len)
{
    if (len > 0 && s[0] >= '0' && s[0] <= '9') {
        double v = pol_parse_decimal(s, len);
        if (v >= 0)
            return v;
        char buf[64];
        size_t k = 0;
        for (size_t i = 0; i < len && k + 1 < sizeof buf; i++)
            if (s[i] != ',')
                buf[k++] = s[i];
        buf[k] = '\0';
        return strtod(buf, NULL);
    }
    int v = pol_parse_cn_number(s, len);
    return v < 0 ? NAN : v;
}

/* Is byte i of s a clause boundary: ，；：。！？ , ; or a line end?  *n is its
 * length.  By bytes: it is asked at every character of a look-back. */
static bool clause_mark(const char *s, size_t len, size_t i, size_t *n)
{
    unsigned char b = (unsigned char)s[i];
    if (b == ',' || b == ';' || b == '\n') {
        *n = 1;
        return true;
    }
    if (i + 3 > len)
        return false;
    unsigned char b1 = (unsigned char)s[i + 1], b2 = (unsigned char)s[i + 2];
    bool mark = (b == 0xEF && b1 == 0xBC &&
                 (b2 == 0x8C || b2 == 0x9B || b2 == 0x9A || b2 == 0x81 || b2 == 0x9F)) ||
                (b == 0xE3 && b1 == 0x80 && b2 == 0x82);
    *n = 3;
    return mark;
}

/* Context is read at most this far back: a clause or sentence longer than
 * that says nothing more, and the bound keeps a 10 MB line linear. */
#define LOOKBACK 600

static size_t window_start(const char *s, size_t at)
{
    size_t lo = at > LOOKBACK ? at - LOOKBACK : 0;
    while (lo < at && ((unsigned char)s[lo] & 0xC0) == 0x80)
        lo++; /* a character's first byte: text cut from here stays UTF-8 */
    return lo;
}


/* Does a clause mark end at byte k (a mark starting at or after lo)?  An
 * ASCII mark where it stands, a three-byte one from its last byte (a whole
 * mark found in valid UTF-8 starts a character), so that a look-back
 * decodes no character. */
static bool clause_mark_ends_at(const char *s, size_t len, size_t lo, size_t k)
{
    size_t n;
    return (unsigned char)s[k] < 0x80 ? clause_mark(s, len, k, &n)
                                      : k >= lo + 2 && clause_mark(s, len, k - 2, &n) && n == 3;
}

static bool sentence_mark_ends_at(const char *s, size_t lo, size_t k)
{
    unsigned char b = (unsigned char)s[k];
    return k >= lo + 2 && ((b == 0x82 && memcmp(s + k - 2, "。", 3) == 0) ||
                           (b == 0x9B && memcmp(s + k - 2, "；", 3) == 0));
}

#ifdef __SSE2__
/* Bits for the sixteen bytes at p: the bytes a clause mark may end with
 * (, ; \n, and the last bytes of ，；：！？ and 。), or open with. */
static inline unsigned clause_mark_last_bytes(const unsigned char *p)
{
    __m128i v = pol_bytes_at(p);
    __m128i m = _mm_or_si128(pol_bytes_eq(v, ','), pol_bytes_eq(v, ';'));
    m = _mm_or_si128(m, _mm_or_si128(pol_bytes_eq(v, '\n'), pol_bytes_eq(v, 0x8C)));
    m = _mm_or_si128(m, _mm_or_si128(pol_bytes_like(v, 0x9B, 1), pol_bytes_eq(v, 0x81))); /* 9A 9B */
    m = _mm_or_si128(m, _mm_or_si128(pol_bytes_eq(v, 0x9F), pol_bytes_eq(v, 0x82)));
    return (unsigned)_mm_movemask_epi8(m);
}

static inline unsigned clause_mark_first_bytes(const unsigned char *p)
{
    __m128i v = pol_bytes_at(p);
    __m128i m = _mm_or_si128(pol_bytes_eq(v, ','), pol_bytes_eq(v, ';'));
    m = _mm_or_si128(m, _mm_or_si128(pol_bytes_eq(v, '\n'), pol_bytes_eq(v, 0xEF)));
    return (unsigned)_mm_movemask_epi8(_mm_or_si128(m, pol_bytes_eq(v, 0xE3)));
}

static inline unsigned sentence_mark_last_bytes(const unsigned char *p)
{
    __m128i v = pol_bytes_at(p);
    return (unsigned)_mm_movemask_epi8(_mm_or_si128(pol_bytes_eq(v, 0x82), pol_bytes_eq(v, 0x9B)));
}
#endif

/* Where the clause holding byte `at` starts: after the nearest clause mark
 * before it.  Backwards, sixteen bytes at a time: only a block's bytes
 * that a mark can end with are looked at closer. */
static size_t clause_start(const char *s, size_t len, size_t at)
{
    size_t lo = window_start(s, at), k = at;
#ifdef __SSE2__
    for (; k >= lo + 16; k -= 16)
        for (unsigned m = clause_mark_last_bytes((const unsigned char *)s + k - 16); m;) {
            unsigned bit = 31u - (unsigned)__builtin_clz(m);
            if (clause_mark_ends_at(s, len, lo, k - 16 + bit))
                return k - 16 + bit + 1;
            m &= ~(1u << bit);
        }
#endif
    while (k > lo)
        if (clause_mark_ends_at(s, len, lo, --k))
            return k + 1;
    return lo;
}

static size_t clause_end(const char *s, size_t len, size_t at)
{
    size_t hi = len - at > LOOKBACK ? at + LOOKBACK : len, i = at, n;
    while (hi > at && hi < len && ((unsigned char)s[hi] & 0xC0) == 0x80)
        hi--; /* end before a character, not inside one */
#ifdef __SSE2__
    for (; i + 16 <= hi; i += 16)
        for (unsigned m = clause_mark_first_bytes((const unsigned char *)s + i); m; m &= m - 1)
            if (clause_mark(s, len, i + (size_t)__builtin_ctz(m), &n))
                return i + (size_t)__builtin_ctz(m);
#endif
    for (; i < hi; i++)
        if (clause_mark(s, len, i, &n))
            return i;
    return hi;
}

/* Where the sentence holding byte `at` starts: after the nearest 。 or ；
 * before it, found backwards as in clause_start. */
static size_t sentence_start(const char *s, size_t at)
{
    size_t lo = window_start(s, at), k = at;
#ifdef __SSE2__
    for (; k >= lo + 16; k -= 16)
        for (unsigned m = sentence_mark_last_bytes((const unsigned char *)s + k - 16); m;) {
            unsigned bit = 31u - (unsigned)__builtin_clz(m);
            if (sentence_mark_ends_at(s, lo, k - 16 + bit))
                return k - 16 + bit + 1;
            m &= ~(1u << bit);
        }
#endif
    while (k > lo)
        if (sentence_mark_ends_at(s, lo, --k))
            return k + 1;
    return lo;
}

/* Strips words that open a clause but name nothing measured. */
static void trim_indicator(const char **s, size_t *len)
{
    static const pol_word heads[] = {POL_WORD("其中"), POL_WORD("力争"), POL_WORD("确保"),
                                     POL_WORD("累计"), POL_WORD("预计"), POL_WORD("共"),
                                     POL_WORD("并"), POL_WORD("且"), POL_WORD("和"), POL_WORD("及"),
                                     POL_WORD("、"), POL_WORD("实现"), POL_WORD("达到"),
                                     POL_WORD("同时"), POL_WORD("每年"), POL_WORD("上半年"),
                                     POL_WORD("下半年"), POL_WORD("今年"), POL_WORD("去年"),
                                     POL_WORD("完成"), POL_WORD("打造"), POL_WORD("建设"),
                                     POL_WORD("建成"), POL_WORD("培育"), POL_WORD("应用"),
                                     POL_WORD("推动"), POL_WORD("引进"), {NULL, 0}};
    static pol_wordset head_set = POL_WORDSET(heads);
    bool again = true;
    while (again) {
        again = pol_words_strip_start(&head_set, s, len);
        /* the year it holds by opening the clause: 到2025年, 2026年3月底前 */
        size_t m[4];
        if (pol_year_by_opens(*s, *len, m) && m[1] < *len) {
            *s += m[1];
            *len -= m[1];
            again = true;
        }
        while (*len > 0 && ((*s)[0] == ' ' || (*s)[0] == '-'))
            (*s)++, (*len)--;
    }
    *len = pol_trim_end(*s, *len);
}

static const pol_word gt_words[] = {POL_WORD("超过"), POL_WORD("突破"), POL_WORD("高于"),
                                    POL_WORD("大于"), POL_WORD("多于"), POL_WORD("超"), {NULL, 0}};
static pol_wordset gt_set = POL_WORDSET(gt_words);
static const pol_word ge_words[] = {POL_WORD("不少于"), POL_WORD("不低于"), POL_WORD("至少"),
                                    POL_WORD("不小于"), {NULL, 0}};
static pol_wordset ge_set = POL_WORDSET(ge_words);
static const pol_word le_words[] = {POL_WORD("不超过"), POL_WORD("不高于"), POL_WORD("控制在"),
                                    POL_WORD("不大于"), POL_WORD("不多于"), {NULL, 0}};
static pol_wordset le_set = POL_WORDSET(le_words);
static const pol_word lt_words[] = {POL_WORD("低于"), POL_WORD("少于"), POL_WORD("小于"),
                                    POL_WORD("下降到"), {NULL, 0}};
static pol_wordset lt_set = POL_WORDSET(lt_words);
static const pol_word approx_words[] = {POL_WORD("约"), POL_WORD("近"), POL_WORD("接近"),
                                        POL_WORD("大约"), {NULL, 0}};
static pol_wordset approx_set = POL_WORDSET(approx_words);
static const pol_word eq_words[] = {POL_WORD("达到"), POL_WORD("提升至"), POL_WORD("提高到"),
                                    POL_WORD("提高至"), POL_WORD("增加到"), POL_WORD("增至"),
                                    POL_WORD("达"), POL_WORD("为"), POL_WORD("实现"),
                                    POL_WORD("保持在"), POL_WORD("稳定在"), {NULL, 0}};
static pol_wordset eq_set = POL_WORDSET(eq_words);
static const pol_word threshold_words[] = {POL_WORD("超过"), POL_WORD("以上"), POL_WORD("以下"),
                                           POL_WORD("不足"), POL_WORD("低于"), POL_WORD("高于"),
                                           POL_WORD("对"), POL_WORD("凡"), {NULL, 0}};

static bool push(target_list *l, const pol_target *t)
{
    pol_target *slot = pol_list_push((void **)&l->items, &l->n, &l->cap, sizeof *t);
    if (slot)
        *slot = *t;
    return slot != NULL;
}

static char *dup(qctx *c, const char *s, size_t len) { return pol_arena_strndup(&c->r->arena, s, len); }

/* Words that say how a figure changes: they take the subject of the figure
 * before them (地区生产总值1712.60亿元，增长4.5% -> 地区生产总值增长). */
static const pol_word change_words[] = {POL_WORD("同比"), POL_WORD("增长"), POL_WORD("下降"),
                                        POL_WORD("增速"), POL_WORD("增加"), POL_WORD("减少"),
                                        POL_WORD("提高"), POL_WORD("回升"), POL_WORD("高于"),
                                        POL_WORD("低于"), POL_WORD("占"), POL_WORD("比上年"),
                                        POL_WORD("较上年"), {NULL, 0}};
static pol_wordset change_set = POL_WORDSET(change_words);

/* Verbs that open a clause whose measured thing follows the number:
 * 组织65家企业出境 -> 企业出境… */
static const pol_word lead_verbs[] = {POL_WORD("组织"), POL_WORD("举办"), POL_WORD("推出"),
                                      POL_WORD("划分"), POL_WORD("建成"), POL_WORD("建设"),
                                      POL_WORD("打造"), POL_WORD("培育"), POL_WORD("引进"),
                                      POL_WORD("引入"), POL_WORD("认定"), POL_WORD("启动"),
                                      POL_WORD("创建"), POL_WORD("实施"), POL_WORD("开展"),
                                      POL_WORD("新建"), POL_WORD("改造"), POL_WORD("完成"),
                                      POL_WORD("出台"), POL_WORD("制定"), POL_WORD("发布"),
                                      POL_WORD("设立"), POL_WORD("成立"), POL_WORD("落地"),
                                      POL_WORD("签约"), POL_WORD("服务"), POL_WORD("帮扶"),
                                      POL_WORD("调整"), POL_WORD("覆盖"), POL_WORD("建立"),
                                      POL_WORD("推动"), {NULL, 0}};
static pol_wordset lead_verb_set = POL_WORDSET(lead_verbs);

static void trim_tail(const char **s, size_t *len)
{
    static const pol_word tails[] = {POL_WORD("的"), POL_WORD("分别"), POL_WORD("均"),
                                     POL_WORD("共"), POL_WORD("达"), POL_WORD("为"), POL_WORD("由"),
                                     POL_WORD("从"), {NULL, 0}};
    static pol_wordset tail_set = POL_WORDSET(tails);
    while (pol_words_strip_end(&tail_set, *s, len))
        ;
}

/* Is byte `at` inside “…” (within the look-back window)? */
static bool inside_quotes(const char *s, size_t at)
{
    int depth = 0;
    /* “ and ” are E2 80 9C and E2 80 9D: jump from one E2 byte to the next */
    for (size_t i = window_start(s, at); i + 3 <= at; i++) {
        const char *e2 = memchr(s + i, 0xE2, at - i - 2);
        if (!e2)
            break;
        i = (size_t)(e2 - s);
        if (memcmp(s + i, "“", 3) == 0)
            depth++;
        else if (memcmp(s + i, "”", 3) == 0 && depth > 0)
            depth--;
    }
    return depth > 0;
}

/* The Chinese numerals by their UTF-8 bytes b0 b1 b2 (b0 in E4..E9): bit
 * b2 & 0x3F of numeral_bits[b0 - 0xE4][b1 & 0x3F]: one load a character. */
#define B(x) (1ULL << ((x)&0x3F))
static const uint64_t numeral_bits[6][64] = {
    [0][0x38] = B(0x80) | B(0x83) | B(0x89) | B(0xA4), /* 一 七 三 两 */
    [0][0x39] = B(0x9D),                               /* 九 */
    [0][0x3A] = B(0x8C) | B(0x94),                     /* 二 五 */
    [1][0x05] = B(0xAB) | B(0xAD),                     /* 八 六 */
    [1][0x0D] = B(0x81) | B(0x83),                     /* 十 千 */
    [1][0x1B] = B(0x9B),                               /* 四 */
    [3][0x19] = B(0xBE),                               /* 百 */
    [5][0x1B] = B(0xB6),                               /* 零 */
};
#undef B

static bool is_numeral_at(const unsigned char *u, size_t len, size_t i)
{
    return i + 2 < len && u[i] >= 0xE4 && u[i] <= 0xE9 &&
           ((numeral_bits[u[i] - 0xE4][u[i + 1] & 0x3F] >> (u[i + 2] & 0x3F)) & 1);
}

/* Where the run of Chinese numerals that ends at byte `end` begins, not
 * before `at`; `end` when none ends there. */
static size_t numerals_before(const unsigned char *u, size_t len, size_t at, size_t end)
{
    size_t r = end;
    while (r >= at + 3 && is_numeral_at(u, len, r - 3))
        r -= 3;
    return r;
}

/* Whether the character at q opens a quantity, and where: an ASCII digit
 * at q, or, for 百 千 分 成 at q, the run of Chinese numerals that holds
 * it or ends before it (from `at` on). */
static inline bool quantity_at(const unsigned char *u, size_t len, size_t at, size_t q,
                               size_t *start)
{
    if ((unsigned)(u[q] - '0') <= 9) {
        *start = q;
        return true;
    }
    /* 百 E7, 千 E5, 分 E5, 成 E6: other bytes open none of them */
    if ((unsigned)(u[q] - 0xE5) > 2 || q + 3 > len)
        return false;
    if (memcmp(u + q, "百", 3) == 0 || memcmp(u + q, "千", 3) == 0) {
        *start = numerals_before(u, len, at, q);
        return true;
    }
    if (memcmp(u + q, "分", 3) == 0 || memcmp(u + q, "成", 3) == 0) {
        *start = numerals_before(u, len, at, q);
        return *start < q;
    }
    return false;
}

/* Where a quantity can begin at or after byte `at` (a character's first
 * byte), or len.  A quantity (PAT_QUANTITY, as pol_quantity_match reads
 * it) is anchored and tried only there: at an ASCII digit, or at a Chinese
 * numeral (零一二两三四五六七八九十百千) whose run, from there on, holds 百
 * or 千 or is followed by 分 or 成.
 * Without them a Chinese numeral is no quantity (一是, 进一步, 十二五).
 * Such a run is found from its 百 千 分 or 成: the number places
 * (places.c) are the digits and those, with the rare other characters
 * that share their last two bytes, which quantity_at tells apart. */
static size_t number_start(const qctx *c, const char *s, size_t len, size_t at)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t start;
    for (size_t q = at; (q = pol_place_next(&c->run->places, POL_PLACE_NUMBER, s, len, q)) < len; q++)
        if (quantity_at(u, len, at, q, &start))
            return start;
    return len;
}

/* The marks that join the items of a list of figures: 10个A、100个B. */
static const pol_word list_marks[] = {POL_WORD("、"), POL_WORD("和"), POL_WORD("及"), {NULL, 0}};
static pol_wordset list_mark_set = POL_WORDSET(list_marks);

static bool is_list_mark(const char *s, size_t len) { return pol_words_starting(&list_mark_set, s, len) > 0; }

/* Where the words after a figure end: the clause's end, or a list mark
 * that a figure follows, as in 打造10个A、100个B. */
static size_t list_item_end(const char *s, size_t from, size_t end)
{
    for (size_t i = from; i < end; i += pol_utf8_len(s[i]))
        if (i + 3 < end && s[i + 3] >= '0' && s[i + 3] <= '9' && is_list_mark(s + i, end - i))
            return i;
    return end;
}

/* Scans one paragraph's text for quantities. `base` is its offset in the
 * normalized text. */
static bool scan(qctx *c, const char *s, size_t len, size_t base, const context *ctx,
                 target_list *out)
{
    size_t at = 0;
    size_t prev_end = 0;               /* end of the last quantity, for 、-lists */
    size_t prev_words = 0;             /* end of the words after it it took as its indicator */
    int para_year = 0;                 /* the last 到20XX年 of the paragraph so far */
    size_t para_scan = 0;              /* how far the paragraph was read for it */
    const char *subject = NULL;        /* the sentence's measured thing, for 增长, 占…比重 */
    size_t subject_at = 0;             /* the start of its sentence */
    size_t prev_clause = SIZE_MAX;
    size_t memo_ss = SIZE_MAX, memo_ce = SIZE_MAX; /* the sentence read last, and: */
    int memo_cue = 0, memo_year = 0;
    size_t m[14], ov[14];
    /* a paragraph read where it stands in the normalized text, whose year
     * marks are read (a section's title is a copy) */
    bool in_norm = c->marks_read && s == c->run->norm + base;
    while ((at = number_start(c, s, len, at)) < len) {
        if (!pol_quantity_match(c->p, s, len, at, m)) {
            at += pol_utf8_len(s[at]);
            continue;
        }
        size_t ns = m[2], ne = m[3], end = m[1];
        at = end > m[0] ? end : m[0] + 1;
        bool has_mult = m[8] != PCRE2_UNSET, has_unit = m[10] != PCRE2_UNSET;
        int share = share_kind(s + ns, ne - ns);
        if (!has_mult && !has_unit && !share)
            continue;
        bool arabic = (s[ns] >= '0' && s[ns] <= '9') || share;
        double value = share ? share_value(s + ns, ne - ns) : number_value(s + ns, ne - ns);
        if (isnan(value))
            continue;
        /* 2025年, 12月: a unit that is a date's is no unit (年 is not in the list,
         * but 3月份 etc. never match); a number glued to Latin letters is a name */
        if (end < len && ((s[end] >= 'A' && s[end] <= 'Z') || (s[end] >= 'a' && s[end] <= 'z')))
            continue;
        size_t cs = clause_start(s, len, ns), ce = clause_end(s, len, end);
        /* a Chinese numeral counts only as a bound with a unit (超千台, 近百家);
         * alone it names a kind of thing (千亩公园, 百亿级企业) */
        static const pol_word cn_bounds[] = {POL_WORD("超"), POL_WORD("近"), POL_WORD("突破"),
                                             POL_WORD("达"), POL_WORD("约"), POL_WORD("逾"),
                                             {NULL, 0}};
        static pol_wordset cn_bound_set = POL_WORDSET(cn_bounds);
        size_t wl0;
        if (!arabic && (!has_unit || !ends_with_any(s + cs, ns - cs, &cn_bound_set, &wl0)))
            continue;
        /* inside quotes it is part of a name: “线上线下7天无理由退货” */
        if (inside_quotes(s, ns))
            continue;
        /* an area naming a kind of place: 58亩产业园, 千亩公园 */
        static const pol_word places[] = {POL_WORD("产业园"), POL_WORD("园区"), POL_WORD("公园"),
                                          POL_WORD("基地"), POL_WORD("地块"), POL_WORD("科创区"),
                                          {NULL, 0}};
        static pol_wordset place_set = POL_WORDSET(places);
        static const pol_word areas[] = {POL_WORD("亩"), POL_WORD("平方米"), POL_WORD("平方公里"),
                                         POL_WORD("公顷"), {NULL, 0}};
        static pol_wordset area_set = POL_WORDSET(areas);
        size_t al;
        if (has_unit && pol_words_starting(&place_set, s + end, len - end) &&
            ends_with_any(s + m[10], m[11] - m[10], &area_set, &al))
            continue;
        if (cs != prev_clause) {
            prev_end = prev_words = 0;
            prev_clause = cs;
        }
        /* thresholds: 超过100亿元的企业, 500平方米以下的项目, 对…100亿元、500亿元…的企业 */
        if (pol_starts_with(s + end, len - end, "的") && pol_find_any(s + cs, ns - cs, threshold_words))
            continue;
        if ((pol_find(s + cs, ns - cs, "对") != SIZE_MAX || pol_find(s + cs, ns - cs, "凡") != SIZE_MAX) &&
            pol_find(s + end, ce - end, "的") != SIZE_MAX)
            continue;
        if (pol_starts_with(s + end, len - end, "的") && m[12] != PCRE2_UNSET)
            continue;

        pol_target t;
        memset(&t, 0, sizeof t);
        t.binding = -1;
        t.value = value;
        t.value_max = NAN;
        if (m[4] != PCRE2_UNSET) {
            t.value_max = number_value(s + m[4], m[5] - m[4]);
            t.comparator = POL_CMP_RANGE;
        }
        /* a range written in full: 5万至10万亩, 10%—15%; the second unit serves both */
        static const pol_word range_marks[] = {POL_WORD("至"), POL_WORD("到"), POL_WORD("—"),
                                               POL_WORD("–"),  POL_WORD("～"), POL_WORD("-"),
                                               POL_WORD("~"),  {NULL, 0}};
        static pol_wordset range_set = POL_WORDSET(range_marks);
        size_t sep = pol_words_starting(&range_set, s + end, len - end);
        if (sep && t.comparator != POL_CMP_RANGE && pol_quantity_match(c->p, s, len, end + sep, ov) &&
            (ov[8] != PCRE2_UNSET || ov[10] != PCRE2_UNSET)) {
            bool same_mult = (m[8] == PCRE2_UNSET) == (ov[8] == PCRE2_UNSET) &&
                             (m[8] == PCRE2_UNSET || (m[9] - m[8] == ov[9] - ov[8] &&
                                                      memcmp(s + m[8], s + ov[8], m[9] - m[8]) == 0));
            bool unit_fits = m[10] == PCRE2_UNSET ||
                             (ov[10] != PCRE2_UNSET && m[11] - m[10] == ov[11] - ov[10] &&
                              memcmp(s + m[10], s + ov[10], m[11] - m[10]) == 0);
            if (same_mult && unit_fits) {
                t.value_max = number_value(s + ov[2], ov[3] - ov[2]);
                t.comparator = POL_CMP_RANGE;
                m[8] = ov[8], m[9] = ov[9], m[10] = ov[10], m[11] = ov[11], m[12] = ov[12],
                m[13] = ov[13];
                has_mult = m[8] != PCRE2_UNSET;
                has_unit = m[10] != PCRE2_UNSET;
                end = ov[1];
                at = end;
                ce = clause_end(s, len, end);
            }
        }
        size_t mlen = has_mult ? m[9] - m[8] : 0;
        double factor = has_mult ? multiplier(s + m[8], mlen) : 1;
        /* the unit as printed: the multiplier, then the unit (万吨) */
        t.unit = pol_arena_concat(&c->r->arena, has_mult ? s + m[8] : NULL, mlen,
                                  has_unit ? s + m[10] : NULL, has_unit ? m[11] - m[10] : 0);
        t.base_unit = has_unit ? dup(c, s + m[10], m[11] - m[10]) : dup(c, "", 0);
        t.base_value = value * factor;
        if (share == 2) { /* 七成: 7 成, 70 % */
            t.unit = dup(c, "成", 3);
            t.base_unit = dup(c, "%", 1);
            t.base_value = value * 10;
        }
        if (!t.unit || !t.base_unit)
            return false;
        (void)arabic;

        /* the item: from the clause start, or from the last quantity of a 、-list */
        size_t item = cs;
        if (prev_end > cs && prev_end <= ns) {
            /* 打造10个A、100个B: A is the first figure's, not this one's */
            item = prev_words > prev_end && prev_words <= ns ? prev_words : prev_end;
            while (item < ns && is_list_mark(s + item, len - item))
                item += 3; /* each mark is one three-byte character */
        }
        const char *before = s + item;
        size_t blen = ns - item;

        /* comparator: words before the number, then after the unit */
        size_t wl = 0;
        bool is_actual_bound = false;
        if (t.comparator != POL_CMP_RANGE) {
            if (ends_with_any(before, blen, &le_set, &wl))
                t.comparator = POL_CMP_LE;
            else if (ends_with_any(before, blen, &ge_set, &wl))
                t.comparator = POL_CMP_GE;
            else if (ends_with_any(before, blen, &lt_set, &wl))
                t.comparator = POL_CMP_LT;
            else if (ends_with_any(before, blen, &gt_set, &wl))
                t.comparator = POL_CMP_GT, is_actual_bound = true;
            else if (ends_with_any(before, blen, &approx_set, &wl))
                t.comparator = POL_CMP_APPROX;
            else if (ends_with_any(before, blen, &eq_set, &wl))
                t.comparator = POL_CMP_EQ;
            if (m[6] != PCRE2_UNSET)
                t.comparator = POL_CMP_APPROX, is_actual_bound = true; /* 10余个 */
            if (m[12] != PCRE2_UNSET) {
                const char *a = s + m[12];
                if (pol_starts_with(a, 6, "以上"))
                    t.comparator = POL_CMP_GE, is_actual_bound = true;
                else if (pol_starts_with(a, 6, "以下") || pol_starts_with(a, 6, "以内"))
                    t.comparator = POL_CMP_LE;
                else
                    t.comparator = POL_CMP_APPROX, is_actual_bound = true;
            }
        }

        /* kind: what a heading says, else the clause's words, else the document's */
        size_t ss = sentence_start(s, ns);
        if (ss != memo_ss || ce != memo_ce) {
            /* quantities of one clause share its sentence's cue and year */
            memo_ss = ss, memo_ce = ce;
            memo_cue = ctx->cued ? 0 : clause_kind(s + ss, ce - ss);
            memo_year = !in_norm || holds_mark(c, base + ss, base + ce) ? year_by(s + ss, ce - ss) : 0;
        }
        int cue = memo_cue;
        t.kind = cue > 0 ? POL_TARGET : cue < 0 ? POL_ACTUAL : ctx->kind;
        if (t.kind == POL_ACTUAL &&
            (is_actual_bound || t.comparator == POL_CMP_GT || t.comparator == POL_CMP_GE))
            t.comparator = POL_CMP_APPROX; /* a reported figure is a value, not a bound */

        /* year: the sentence's, the paragraph's before it, the context's */
        int y = memo_year;
        /* 到2026年 earlier in the paragraph: read once, as the scan moves on */
        if (ns > para_scan) {
            int py = !in_norm || holds_mark(c, base + para_scan, base + ns)
                         ? year_by(s + para_scan, ns - para_scan)
                         : 0;
            if (py)
                para_year = py;
            para_scan = ns;
        }
        if (!y)
            y = para_year;
        if (t.kind == POL_ACTUAL) {
            y = !in_norm || holds_mark(c, base + cs, base + ns) ? first_year(s + cs, ns - cs) : 0;
            if (!y)
                y = ctx->year ? ctx->year : c->report_year;
        } else if (!y) {
            /* a report's plans hold for the year it reports on */
            y = ctx->year ? ctx->year : ctx->goals ? c->plan_year : c->report_doc ? c->report_year : 0;
        }
        t.year = y;

        /* indicator: the item's words before the comparator; those after the
         * unit when only a verb or nothing stands before it; a change (增长,
         * 占…) takes the subject of the sentence's figure before it */
        const char *ind = before;
        size_t ilen = blen - wl;
        trim_indicator(&ind, &ilen);
        trim_tail(&ind, &ilen);
        const char *after = s + end;
        size_t alen = list_item_end(s, end, ce) - end;
        trim_indicator(&after, &alen);
        trim_tail(&after, &alen);
        size_t vl;
        bool verb_only = ilen == 0 || (ends_with_any(ind, ilen, &lead_verb_set, &vl) &&
                                       pol_utf8_at_most(ind, ilen, 6));
        if (verb_only && alen > 0) {
            bool keep_new = pol_ends_with(ind, ilen, "新增");
            ind = after;
            ilen = alen;
            if (keep_new && !(t.indicator = pol_arena_concat(&c->r->arena, "新增", 6, ind, ilen)))
                return false;
        }
        bool change = pol_words_starting(&change_set, ind, ilen) > 0;
        if (t.indicator) {
            /* set above */
        } else if (ilen == 0 && subject && ss <= subject_at) {
            t.indicator = subject; /* 由54家提升至69家: the same thing, later */
        } else if (change && subject && ss <= subject_at) {
            t.indicator = pol_arena_concat(&c->r->arena, subject, strlen(subject), ind, ilen);
        } else {
            t.indicator = dup(c, ind, ilen);
        }
        size_t text_end = ind == after && ilen > 0 ? (size_t)(after - s) + alen : end;
        t.cumulative = pol_find(s + cs, ns - cs, "累计") != SIZE_MAX;
        t.annual = pol_find(s + cs, ns - cs, "每年") != SIZE_MAX || pol_find(s + cs, ns - cs, "年均") != SIZE_MAX;
        t.text = dup(c, s + item, text_end - item);
        t.text_start = base + item;
        t.text_end = base + text_end;
        if (!t.indicator || !t.text || !push(out, &t))
            return false;
        if (!change) {
            subject = t.indicator;
            subject_at = ss;
        }
        prev_end = end;
        prev_words = ind == after && ilen > 0 ? (size_t)(after - s) + ilen : 0;
    }
    return true;
}

/* ------------------------------------------------------------ indicator tables */

/* Columns of an indicator table (指标 | 单位 | 基期值 | 目标值 | 属性), from its header. */
typedef struct icolumns {
    int name, unit, base, target, attr;
    int base_year, target_year;
} icolumns;

static const pol_node *nth_cell(const pol_node *row, int i)
{
    const pol_node *cell = row ? row->first_child : NULL;
    for (; cell && i > 0; i--)
        cell = cell->next;
    return i == 0 ? cell : NULL;
}

static bool indicator_header(const pol_node *header, icolumns *col)
{
    *col = (icolumns){-1, -1, -1, -1, -1, 0, 0};
    int i = 0;
    for (const pol_node *cell = header->first_child; cell; cell = cell->next, i++) {
        const char *t = cell->text;
        size_t len = strlen(t);
        int y = first_year(t, len);
        if (pol_find(t, len, "指标") != SIZE_MAX && pol_find(t, len, "属性") == SIZE_MAX && col->name < 0)
            col->name = i;
        else if (strcmp(t, "单位") == 0)
            col->unit = i;
        else if (pol_find(t, len, "属性") != SIZE_MAX)
            col->attr = i;
        else if (pol_find(t, len, "目标") != SIZE_MAX || (y && col->base >= 0)) {
            col->target = i;
            col->target_year = y;
        } else if (pol_find(t, len, "基期") != SIZE_MAX || pol_find(t, len, "现状") != SIZE_MAX || y) {
            col->base = i;
            col->base_year = y;
        }
    }
    return col->name >= 0 && col->target >= 0;
}

/* Reads a value cell: ≥80, 80以上, <15, [15] (cumulative), 1.2. */
static bool cell_value(const char *t, pol_comparator *cmp, double *v, bool *cumulative)
{
    size_t len = strlen(t);
    *cmp = POL_CMP_EQ;
    *cumulative = false;
    static const struct {
        const char *sym;
        pol_comparator cmp;
    } syms[] = {{"≥", POL_CMP_GE}, {">=", POL_CMP_GE}, {">", POL_CMP_GT}, {"≤", POL_CMP_LE},
                {"<=", POL_CMP_LE}, {"<", POL_CMP_LT},  {"大于", POL_CMP_GT}, {"小于", POL_CMP_LT}};
    for (size_t k = 0; k < sizeof syms / sizeof syms[0]; k++)
        if (pol_starts_with(t, len, syms[k].sym)) {
            *cmp = syms[k].cmp;
            t += strlen(syms[k].sym);
            len -= strlen(syms[k].sym);
            break;
        }
    if (pol_starts_with(t, len, "[") || pol_starts_with(t, len, "［") || pol_starts_with(t, len, "【")) {
        *cumulative = true;
        t += t[0] == '[' ? 1 : 3;
        len -= (size_t)(t[-1] == '[' ? 1 : 3);
    }
    size_t n = 0;
    while (n < len && ((t[n] >= '0' && t[n] <= '9') || t[n] == '.' || t[n] == ','))
        n++;
    if (n == 0)
        return false;
    *v = number_value(t, n);
    if (pol_ends_with(t, len, "以上"))
        *cmp = POL_CMP_GE;
    else if (pol_ends_with(t, len, "以下") || pol_ends_with(t, len, "以内"))
        *cmp = POL_CMP_LE;
    return !isnan(*v);
}

static bool table_quantity(target_list *out, const pol_node *name,
                           const char *unit, const pol_node *cell, pol_target_kind kind, int year,
                           int binding)
{
    pol_target t;
    memset(&t, 0, sizeof t);
    bool cumulative;
    if (!cell || !cell->text || !cell_value(cell->text, &t.comparator, &t.value, &cumulative))
        return true;
    if (kind == POL_ACTUAL && t.comparator != POL_CMP_EQ)
        t.comparator = POL_CMP_APPROX;
    static const char *const mults[] = {"万亿", "千亿", "百亿", "亿", "千万", "百万", "万", NULL};
    size_t ulen = strlen(unit), mlen = 0;
    for (size_t k = 0; mults[k] && !mlen; k++)
        if (pol_starts_with(unit, ulen, mults[k]) && ulen >= strlen(mults[k]))
            mlen = strlen(mults[k]);
    t.kind = kind;
    t.value_max = NAN;
    t.unit = unit;
    t.base_unit = unit + mlen;
    t.base_value = t.value * (mlen ? multiplier(unit, mlen) : 1);
    t.year = year;
    t.binding = binding;
    t.cumulative = cumulative;
    t.indicator = name->text;
    t.text = cell->text; /* the cell: the row's name and unit stand in their own columns */
    t.text_start = cell->text_start;
    t.text_end = cell->text_end;
    return push(out, &t);
}

/* The unit a table states: 单位：亩 in the line before it, or in its header. */
static const char *table_unit(qctx *c, const pol_node *table)
{
    const pol_node *prev = table->prev, *cell = table->first_child ? table->first_child->first_child : NULL;
    bool para = prev && prev->type == POL_NODE_PARAGRAPH;
    const char *texts[] = {para ? pol_paragraph(c->run->norm, prev) : NULL, cell ? cell->text : NULL};
    size_t lens[] = {para ? pol_paragraph_len(prev) : 0, cell && cell->text ? strlen(cell->text) : 0};
    for (size_t i = 0; i < 2; i++) {
        const char *t = texts[i];
        if (!t)
            continue;
        size_t len = lens[i], at = pol_find(t, len, "单位");
        if (at == SIZE_MAX)
            continue;
        at += 6;
        if (pol_starts_with(t + at, len - at, "："))
            at += 3;
        else if (at < len && t[at] == ':')
            at++;
        else
            continue;
        size_t e = at;
        while (e < len && t[e] != ' ' && t[e] != '\t' && !pol_starts_with(t + e, len - e, "）") &&
               !pol_starts_with(t + e, len - e, "，") && t[e] != ')')
            e++;
        if (e > at)
            return pol_arena_strndup(&c->r->arena, t + at, e - at);
    }
    return "";
}

/* A quota table: a row per place or item, a column per year; each number
 * is a target for its row in its column's year. */
static bool quota_table(qctx *c, const pol_node *table, target_list *out)
{
    const pol_node *header = table->first_child;
    int years[64] = {0}, n_years = 0, i = 0;
    for (const pol_node *cell = header->first_child; cell && i < 64; cell = cell->next, i++) {
        size_t len = strlen(cell->text);
        int y = first_year(cell->text, len);
        if (y && pol_utf8_at_most(cell->text, len, 12)) {
            years[i] = y;
            n_years++;
        }
    }
    if (n_years < 2)
        return true;
    const char *unit = table_unit(c, table);
    for (const pol_node *row = header->next; row; row = row->next) {
        const pol_node *name = NULL;
        i = 0;
        for (const pol_node *cell = row->first_child; cell && i < 64; cell = cell->next, i++) {
            double v;
            pol_comparator cmp;
            bool cum;
            if (!years[i]) {
                if (!name && cell->text && *cell->text && !cell_value(cell->text, &cmp, &v, &cum))
                    name = cell; /* the first cell that is no number names the row */
                continue;
            }
            if (name && !table_quantity(out, name, unit, cell, POL_TARGET, years[i], -1))
                return false;
        }
    }
    return true;
}

/* Each row of an indicator table gives a target (the target column) and an
 * actual (the base column); a quota table a target per cell. */
static bool indicator_table(qctx *c, const pol_node *table, target_list *out)
{
    icolumns col;
    if (!table->first_child)
        return true;
    if (!indicator_header(table->first_child, &col))
        return quota_table(c, table, out);
    int target_year = col.target_year ? col.target_year : c->plan_year;
    for (const pol_node *row = table->first_child->next; row; row = row->next) {
        const pol_node *name = nth_cell(row, col.name);
        if (!name || !name->text || !*name->text)
            continue;
        const pol_node *u = col.unit >= 0 ? nth_cell(row, col.unit) : NULL;
        const char *unit = u && u->text ? u->text : "";
        const pol_node *attr = col.attr >= 0 ? nth_cell(row, col.attr) : NULL;
        int binding = -1;
        if (attr && attr->text && pol_find(attr->text, strlen(attr->text), "约束") != SIZE_MAX)
            binding = 1;
        else if (attr && attr->text && pol_find(attr->text, strlen(attr->text), "预期") != SIZE_MAX)
            binding = 0;
        if (!table_quantity(out, name, unit, nth_cell(row, col.target), POL_TARGET, target_year,
                            binding) ||
            (col.base >= 0 && !table_quantity(out, name, unit, nth_cell(row, col.base),
                                              POL_ACTUAL, col.base_year, binding)))
            return false;
    }
    return true;
}

/* A section's context: its title's cues, else its parent's. */
static context section_context(const qctx *c, const pol_node *s, context parent)
{
    context ctx = parent;
    size_t len = strlen(s->title), wl;
    int y = first_year(s->title, len);
    if (pol_find_any(s->title, len, review_words)) {
        ctx.kind = POL_ACTUAL;
        ctx.cued = true;
    } else if (ends_with_any(s->title, len, &goal_set, &wl) || pol_find_any(s->title, len, goal_anywhere) ||
               (c->delivered_in && y >= c->delivered_in)) {
        /* a government work report reviews the year before the one its
         * title names: a section on that year plans it (三、2026年主要工作) */
        ctx.kind = POL_TARGET;
        ctx.cued = true;
    }
    if (pol_find(s->title, len, "目标") != SIZE_MAX)
        ctx.goals = true;
    if (y)
        ctx.year = y;
    return ctx;
}

static pol_status scan_node(qctx *c, pol_node *n, context ctx);

static pol_status scan_children(qctx *c, pol_node *parent, context ctx, target_list *own)
{
    for (pol_node *k = parent->first_child; k; k = k->next) {
        if (k->type == POL_NODE_SECTION) {
            pol_status st = scan_node(c, k, section_context(c, k, ctx));
            if (st != POL_OK)
                return st;
        } else if (k->type == POL_NODE_TABLE) {
            if (!indicator_table(c, k, own))
                return nomem(c->run);
        } else if (k->type == POL_NODE_PARAGRAPH &&
                   (k->role == POL_ROLE_BODY || k->role == POL_ROLE_BULLET)) {
            const char *t = pol_paragraph(c->run->norm, k);
            size_t len = pol_paragraph_len(k);
            /* a short line naming a year and a cue sets the context after it:
             * 回顾2022年, 奋进2023年 */
            if (parent->type == POL_NODE_DOCUMENT && pol_utf8_at_most(t, len, 12)) {
                int y = holds_mark(c, k->text_start, k->text_start + len) ? first_year(t, len) : 0;
                int cue = kind_cue(t, len, goal_anywhere, review_words);
                if (y)
                    ctx.year = y;
                if (cue) {
                    ctx.kind = cue > 0 ? POL_TARGET : POL_ACTUAL;
                    ctx.cued = true;
                }
            }
            if (!scan(c, t, len, k->text_start, &ctx, own))
                return nomem(c->run);
        }
    }
    return POL_OK;
}

static pol_status scan_node(qctx *c, pol_node *n, context ctx)
{
    target_list own = {0};
    pol_status st = POL_OK;
    /* a section's heading line may hold quantities too (2026年底前…80%以上) */
    if (n->type == POL_NODE_SECTION) {
        size_t tl = strlen(n->title);
        /* the rest of the heading line, before the section's paragraphs */
        size_t e = n->body_end;
        if (!scan(c, pol_section_title_in(c->run->norm, n), tl, n->title_start, &ctx, &own) ||
            !scan(c, c->run->norm + n->body_start, e - n->body_start, n->body_start, &ctx, &own))
            st = nomem(c->run);
    }
    if (st == POL_OK)
        st = scan_children(c, n, ctx, &own);
    if (!pol_list_keep(&c->r->arena, (void **)&own.items, &own.n, sizeof *own.items, st == POL_OK) &&
        st == POL_OK)
        st = nomem(c->run);
    n->targets = own.items;
    n->n_targets = own.n;
    return st;
}

static bool read_year_marks(qctx *c)
{
    const char *s = c->run->norm;
    size_t len = c->run->norm_len, m[4];
    for (size_t at = 0; at < len && pol_year_match(s, len, at, m); at = m[1]) {
        struct year_mark *y = pol_list_push((void **)&c->marks, &c->n_marks, &c->cap_marks, sizeof *y);
        if (!y)
            return false;
        y->at = m[0];
        y->year = year_of(s, m);
    }
    c->marks_read = true;
    return true;
}

/* The year a report speaks of: the one its text names most; -1 when out of
 * memory. */
static int most_named_year(qctx *c, const pol_node *doc)
{
    if (!c->marks_read && !read_year_marks(c))
        return -1;
    size_t lo = first_mark(c, doc->text_start), end = lo;
    while (end < c->n_marks && c->marks[end].at + MARK_LEN <= doc->text_end)
        end++;
    for (size_t i = lo; i < end; i++) {
        int y = c->marks[i].year;
        if (y >= 1950 && y < 2150)
            c->year_counts[y - 1950]++;
    }
    /* the most named, the earliest of those named as often; the counts
     * are cleared again where they were set (a text of many documents
     * asks for each) */
    int best = 0;
    for (size_t i = lo; i < end; i++) {
        int y = c->marks[i].year;
        if (y < 1950 || y >= 2150)
            continue;
        int n = c->year_counts[y - 1950], b = best ? c->year_counts[best - 1950] : 0;
        if (n > b || (n == b && y < best))
            best = y;
    }
    for (size_t i = lo; i < end; i++) {
        int y = c->marks[i].year;
        if (y >= 1950 && y < 2150)
            c->year_counts[y - 1950] = 0;
    }
    return best;
}

static pol_status scan_document(qctx *c, pol_node *doc)
{
    const char *title = doc->doc->title;
    c->plan_year = 0;
    if (title) {
        size_t len = strlen(title), m[4];
        for (size_t at = 0; pol_year_match(title, len, at, m); at = m[1]) {
            int y = year_of(title, m);
            if (y > c->plan_year)
                c->plan_year = y;
        }
    }
    c->report_year = most_named_year(c, doc);
    if (c->report_year < 0)
        return nomem(c->run);
    c->delivered_in = title && pol_find(title, strlen(title), "政府工作报告") != SIZE_MAX ? c->plan_year : 0;
    const char *kind = doc->doc->kind;
    c->report_doc = kind && (strcmp(kind, "报告") == 0 || strcmp(kind, "其他") == 0);
    context ctx = {.kind = c->report_doc ? POL_ACTUAL : POL_TARGET,
                   .cued = false,
                   .year = 0,
                   .goals = false};
    return scan_node(c, doc, ctx);
}

static pol_status each(void *c, pol_node *doc) { return scan_document(c, doc); }

pol_status pol_targets_extract(struct pol_run *run)
{
    qctx c = {.run = run, .r = run->result, .p = &run->parser->patterns};
    pol_status st = pol_each_document(run->result, each, &c);
    free(c.marks);
    return st;
}
