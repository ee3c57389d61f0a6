/*
 * hostile.c - the catalogue of bad inputs, each with its exact outcome:
 * bytes that are not text, sizes past each limit, and inputs built to make
 * a parser slow or deep.  Work must grow linearly: for the slow-input
 * shapes the pattern-matching counts of a parse (calls, bytes scanned,
 * PCRE2 limit hits) are compared between an input and one four times as
 * long, so the assertion is on operations, not on wall time.
 */
#include <stdint.h>
#include <unistd.h>

#include "internal.h"
#include "test.h"

static char *repeat(const char *unit, size_t times, const char *tail)
{
    size_t ul = strlen(unit), tl = strlen(tail);
    char *s = malloc(ul * times + tl + 1);
    for (size_t i = 0; i < times; i++)
        memcpy(s + i * ul, unit, ul);
    memcpy(s + ul * times, tail, tl + 1);
    return s;
}

static pol_status parse_with(pol_limit which, size_t limit, const char *bytes, size_t len,
                             pol_result **out, pol_error *err)
{
    pol_parser *p = pol_parser_new(0, NULL);
    if (limit)
        pol_parser_set_limit(p, which, limit);
    pol_status st = pol_parse(p, bytes, len, out, err);
    pol_parser_free(p);
    return st;
}

/* Refused with this status at this byte offset and line, and no result. */
static void refuses(const char *bytes, size_t len, pol_status status, size_t offset, unsigned line)
{
    pol_result *r = (pol_result *)1;
    pol_error err;
    EQ_INT(parse_with(POL_LIMIT_DEPTH, 0, bytes, len, &r, &err), status);
    CHECK(r == NULL);
    EQ_INT(err.status, status);
    EQ_INT(err.byte_offset, offset);
    EQ_INT(err.line, line);
    CHECK(strlen(err.message) > 0);
}

static size_t count(const pol_result *r, pol_node_type type, size_t *targets, int *max_level)
{
    size_t n = 0;
    pol_iter *it = pol_iter_new(pol_result_root(r));
    pol_event ev;
    while ((ev = pol_iter_next(it)) != POL_EVENT_DONE) {
        const pol_node *nd = pol_iter_node(it);
        if (ev != POL_EVENT_ENTER)
            continue;
        n += pol_node_get_type(nd) == type;
        if (targets)
            *targets += pol_node_target_count(nd);
        if (max_level && pol_section_level(nd) > *max_level)
            *max_level = pol_section_level(nd);
    }
    pol_iter_free(it);
    return n;
}

/* Parses `unit` repeated n and 4n times (then `tail`): the second parse may
 * cost at most 4.4 times the first in pattern calls and bytes scanned, and
 * no match may stop at PCRE2's limits.  Returns the longer parse's sections. */
static size_t linear(const char *what, const char *unit, size_t n, const char *tail)
{
    pol_match_counts c[2];
    size_t sections = 0;
    for (int k = 0; k < 2; k++) {
        char *s = repeat(unit, k ? 4 * n : n, tail);
        pol_result *r = t_parse(s, 0);
        CHECK(r != NULL);
        if (!r) {
            free(s);
            return 0;
        }
        c[k] = r->match_counts;
        sections = count(r, POL_NODE_SECTION, NULL, NULL);
        pol_result_free(r);
        free(s);
    }
    bool ok = c[1].calls <= c[0].calls * 44 / 10 + 16 && c[1].scan_bytes <= c[0].scan_bytes * 44 / 10 + 64;
    if (!ok)
        fprintf(stderr, "%s: %zu calls, %zu bytes scanned for n; %zu, %zu for 4n\n", what,
                c[0].calls, c[0].scan_bytes, c[1].calls, c[1].scan_bytes);
    CHECK(ok);
    EQ_INT(c[0].limit_hits + c[1].limit_hits, 0);
    return sections;
}

static void not_text(void)
{
    refuses("", 0, POL_ERR_EMPTY, 0, 1);
    refuses(" \n\t\n\xe3\x80\x80\n", 8, POL_ERR_EMPTY, 0, 1);
    refuses("ab\ncd\0ef", 8, POL_ERR_ENCODING, 5, 2);
    refuses("\xff\xfe\x00\xd8\x41\x00", 6, POL_ERR_ENCODING, 2, 1); /* lone high surrogate */
    refuses("\xff\xfe\x41\x00\x00\xdc", 6, POL_ERR_ENCODING, 4, 1); /* lone low surrogate */
    refuses("\xff\xfe\x41\x00\x42", 5, POL_ERR_ENCODING, 4, 1);     /* odd length */
    refuses("\xef\xbb\xbf\xe4\xb8", 5, POL_ERR_ENCODING, 3, 1);     /* BOM, then truncated */
    /* invalid UTF-8 that is no GB18030 either: at the start, middle and end */
    refuses("\x80\x80 text", 7, POL_ERR_ENCODING, 0, 1);
    refuses("line one\nmid \xff\xff", 15, POL_ERR_ENCODING, 13, 2);
    refuses("\xe4\xb8\x80\xe4\xb8\x80\xff", 7, POL_ERR_ENCODING, 6, 1);
    refuses("\xe4\xb8\x80\xe4\xb8", 5, POL_ERR_ENCODING, 3, 1); /* truncated at the end */
    /* a control byte or DEL at every offset of a word-wise scan, after text
     * and line ends that are fine */
    for (size_t at = 0; at < 24; at++) {
        char buf[40] = "一、目标\n推进工作。\t2025年\n";
        buf[at] = at % 2 ? '\x7f' : '\x01';
        refuses(buf, 32, POL_ERR_ENCODING, at, at > 12 ? 2 : 1);
    }

    /* an overlong '/' is refused as UTF-8, and C0 AF is then GBK's 蜡 */
    pol_parser *p = pol_parser_new(POL_OPT_UTF8_ONLY, NULL);
    pol_result *r = NULL;
    pol_error err;
    EQ_INT(pol_parse(p, "ab\xc0\xaf", 4, &r, &err), POL_ERR_ENCODING);
    EQ_INT(err.byte_offset, 2);
    pol_parser_free(p);
    r = t_parse("ab\xc0\xaf", 0);
    EQ_STR(pol_result_encoding(r), "GB18030");
    EQ_STR(pol_result_text(r, NULL), "ab蜡");
    pol_result_free(r);

    /* GBK without any declaration: 一、目标 */
    r = t_parse("\xd2\xbb\xa1\xa2\xc4\xbf\xb1\xea\r\n", 0);
    EQ_STR(pol_result_encoding(r), "GB18030");
    EQ_STR(pol_section_title(t_nth(pol_result_root(r), POL_NODE_SECTION, 0)), "目标");
    pol_result_free(r);

    /* a PNG file: its signature's \x1a is a control byte on line 2 */
    static const unsigned char png[] = {
        0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44,
        0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f,
        0x15, 0xc4, 0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x60,
        0x00, 0x02, 0x00, 0x00, 0x05, 0x00, 0x01, 0xe9, 0xfa, 0xdc, 0xd8, 0x00, 0x00, 0x00, 0x00,
        0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82};
    char path[] = "/tmp/libpolicy-hostile-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0 && write(fd, png, sizeof png) == (ssize_t)sizeof png);
    close(fd);
    p = pol_parser_new(0, NULL);
    r = (pol_result *)1;
    EQ_INT(pol_parse_file(p, path, &r, &err), POL_ERR_ENCODING);
    CHECK(r == NULL);
    EQ_INT(err.byte_offset, 6);
    EQ_INT(err.line, 2);
    pol_parser_free(p);
    unlink(path);
}

static void limits(void)
{
    pol_result *r = NULL;
    pol_error err;
    /* input size: refused before any work */
    EQ_INT(parse_with(POL_LIMIT_INPUT_BYTES, 4, "一、目标", 12, &r, &err), POL_ERR_LIMIT);
    EQ_INT(err.byte_offset, 4);

    /* one 10 MB line: past the 1 MiB default, where the limit is passed;
     * under a raised limit, every one of its quantities */
    const char *unit = "推进产业发展，到2025年产值达到5万亿元；"; /* 55 bytes */
    size_t times = 10 * 1000 * 1000 / 55;
    char *line = repeat(unit, times, "\n");
    size_t len = strlen(line);
    EQ_INT(parse_with(POL_LIMIT_LINE_BYTES, 0, line, len, &r, &err), POL_ERR_LIMIT);
    EQ_INT(err.byte_offset, 1 << 20);
    EQ_INT(err.line, 1);
    EQ_INT(err.column, (1 << 20) + 1);
    EQ_INT(parse_with(POL_LIMIT_LINE_BYTES, 16 << 20, line, len, &r, &err), POL_OK);
    size_t targets = 0;
    count(r, POL_NODE_SECTION, &targets, NULL);
    EQ_INT(targets, times);
    const pol_node *first = NULL;
    pol_iter *it = pol_iter_new(pol_result_root(r));
    while (!first && pol_iter_next(it) != POL_EVENT_DONE)
        if (pol_node_target_count(pol_iter_node(it)))
            first = pol_iter_node(it);
    pol_iter_free(it);
    CHECK(first && pol_target_base_value(pol_node_target(first, 0)) == 5e12);
    pol_result_free(r);
    free(line);
    /* a long line later in the text: its own line and offset */
    line = repeat("甲", 400000, "\n"); /* 1.2 MB on line 3, after 6 bytes */
    char *text = malloc(strlen(line) + 7);
    memcpy(text, "a\r\nb\r\n", 6);
    strcpy(text + 6, line);
    EQ_INT(parse_with(POL_LIMIT_LINE_BYTES, 0, text, strlen(text), &r, &err), POL_ERR_LIMIT);
    EQ_INT(err.byte_offset, 6 + (1 << 20));
    EQ_INT(err.line, 3);
    free(text);
    free(line);

    /* nesting depth: the fourth level under a limit of three names its line */
    const char *deep = "一、甲\n（一）乙\n1.丙\n（1）丁\n";
    EQ_INT(parse_with(POL_LIMIT_DEPTH, 3, deep, strlen(deep), &r, &err), POL_ERR_LIMIT);
    EQ_INT(err.line, 4);
    EQ_INT(parse_with(POL_LIMIT_DEPTH, 4, deep, strlen(deep), &r, &err), POL_OK);
    pol_result_free(r);
    /* node count */
    EQ_INT(parse_with(POL_LIMIT_NODES, 3, deep, strlen(deep), &r, &err), POL_ERR_LIMIT);
    CHECK(r == NULL);
}

/* a 100 MB text: one notice with a section, a task and a target, over and over */
static void hundred_megabytes(void)
{
    const char *unit = "一、重点任务\n（一）推进产业集聚发展，到2025年产值达到5万亿元。（市发展改革委牵头）\n";
    size_t times = 100 * 1000 * 1000 / strlen(unit) + 1;
    char *text = repeat(unit, times, "");
    pol_result *r = NULL;
    pol_error err;
    EQ_INT(parse_with(POL_LIMIT_DEPTH, 0, text, strlen(text), &r, &err), POL_OK);
    size_t targets = 0;
    EQ_INT(count(r, POL_NODE_SECTION, &targets, NULL), 2 * times);
    EQ_INT(targets, times);
    EQ_INT(pol_result_warning_count(r), 0);
    pol_result_free(r);
    free(text);
}

static void many_headings(void)
{
    /* 100,000 headings */
    char *buf = malloc(100000 * 32);
    size_t at = 0;
    for (int i = 0; i < 100000; i++)
        at += (size_t)sprintf(buf + at, "（%d）第%d项。\n", i % 999 + 1, i);
    pol_result *r = t_parse(buf, 0);
    CHECK(r != NULL);
    EQ_INT(count(r, POL_NODE_SECTION, NULL, NULL), 100000);
    pol_result_free(r);
    free(buf);

    /* 10,000 misnumbered headings that would nest ever deeper if each
     * restart were read as a child: they stay siblings */
    buf = malloc(10000 * 40);
    at = 0;
    for (int i = 0; i < 10000; i++)
        at += (size_t)sprintf(buf + at, "%s甲%d\n", i % 2 ? "1." : "（一）", i);
    r = t_parse(buf, 0);
    int max_level = 0;
    EQ_INT(count(r, POL_NODE_SECTION, NULL, &max_level), 10000);
    EQ_INT(max_level, 2);
    pol_result_free(r);
    free(buf);

    /* 10,000 headings in ever-changing styles: levels stay within the styles */
    const char *styles[] = {"一、", "（一）", "1.", "（1）", "①", "第一章", "第一节"};
    buf = malloc(10000 * 32);
    at = 0;
    for (int i = 0; i < 10000; i++)
        at += (size_t)sprintf(buf + at, "%s甲%d\n", styles[i % 7], i);
    r = t_parse(buf, 0);
    max_level = 0;
    EQ_INT(count(r, POL_NODE_SECTION, NULL, &max_level), 10000);
    CHECK(max_level <= 7);
    pol_result_free(r);
    free(buf);

    /* heading markers with nothing after them are no headings */
    char *line = repeat("（一）\n", 50000, "");
    r = t_parse(line, 0);
    EQ_INT(count(r, POL_NODE_SECTION, NULL, NULL), 0);
    pol_result_free(r);
    free(line);
    /* 50,000 lines that look like titles */
    line = repeat("工作方案\n", 50000, "");
    r = t_parse(line, 0);
    EQ_INT(count(r, POL_NODE_DOCUMENT, NULL, NULL), 1);
    pol_result_free(r);
    free(line);
}

static void clause_never_closed(void)
{
    pol_result *r = t_parse("一、重点任务\n（一）推进产业发展（市发展改革委牵头，市财政局配合\n"
                            "（二）完善政策。\n", 0);
    EQ_INT(pol_result_warning_count(r), 1);
    pol_span sp;
    EQ_STR(pol_result_warning(r, 0, &sp), "responsibility clause: bracket never closed");
    EQ_INT(sp.first_line, 2);
    /* the text after the bracket is kept, and the next item is not swallowed */
    EQ_INT(count(r, POL_NODE_SECTION, NULL, NULL), 3);
    pol_result_free(r);
}

/* shapes that invite backtracking or rescanning, each grown fourfold */
static void linear_work(void)
{
    linear("digits", "1234567890", 20000, "\n");
    linear("brackets", "（（（（（［［［〔〔", 5000, "\n");
    linear("names", "市科技局、教育局、", 5000, "财政局牵头）\n");
    linear("clauses", "（市科技局、教育局牵头，", 5000, "\n");
    linear("quantities", "，达到5%", 10000, "。\n");
    linear("ranges", "5万至10万亩，1—2个，", 5000, "\n");
    linear("spaces", "甲 ", 50000, "\n");
    linear("citations", "根据《甲乙规划》（粤府〔2021〕45号）和粤办函〔2022〕7号，", 3000, "\n");
    linear("open titles", "《甲乙丙丁", 5000, "\n");
    linear("brackets and years", "甲乙丙丁戊己庚辛壬癸〔2021〕", 5000, "\n");
    EQ_INT(linear("markers", "（一）（1）1.①一、", 5000, "\n"), 1);
    EQ_INT(linear("marker lines", "（一）\n", 20000, ""), 0);
    EQ_INT(linear("heading lines", "（一）甲。\n1.乙\n", 10000, ""), 80000);
}

int main(void)
{
    not_text();
    limits();
    hundred_megabytes();
    many_headings();
    clause_never_closed();
    linear_work();
    return t_report();
}
