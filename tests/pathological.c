/*
 * pathological.c - inputs built to make a parser slow or deep: each must
 * give its exact outcome.  meson's timeout guards against a hang; the work
 * is linear by construction (bounded look-back windows, one-pass indexes),
 * which stage sizes here would expose as minutes, not seconds.
 */
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

int main(void)
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

    /* 10,000 headings in ever-changing styles: levels stay within the styles */
    const char *styles[] = {"一、", "（一）", "1.", "（1）", "①", "第一章", "第一节"};
    buf = malloc(10000 * 32);
    at = 0;
    for (int i = 0; i < 10000; i++)
        at += (size_t)sprintf(buf + at, "%s甲%d\n", styles[i % 7], i);
    r = t_parse(buf, 0);
    int max_level = 0;
    EQ_INT(count(r, POL_NODE_SECTION, NULL, &max_level), 10000);
    CHECK(max_level <= 7);
    pol_result_free(r);
    free(buf);

    /* one long line of quantities, one of spaces, one of brackets and names */
    char *line = repeat("，达到5%", 50000, "。\n");
    r = t_parse(line, 0);
    size_t targets = 0;
    count(r, POL_NODE_SECTION, &targets, NULL);
    EQ_INT(targets, 50000);
    pol_result_free(r);
    free(line);
    line = repeat("甲 ", 300000, "\n");
    r = t_parse(line, 0);
    size_t len;
    pol_result_text(r, &len);
    EQ_INT(len, 300000 * 3 + 1);
    pol_result_free(r);
    free(line);
    line = repeat("（市科技局、教育局、", 20000, "财政局牵头）\n");
    r = t_parse(line, 0);
    CHECK(r != NULL);
    pol_result_free(r);
    free(line);
    /* digits without end, heading markers without text */
    line = repeat("1234567890", 100000, "\n");
    r = t_parse(line, 0);
    EQ_INT(count(r, POL_NODE_SECTION, NULL, NULL), 0);
    pol_result_free(r);
    free(line);
    line = repeat("（一）\n", 50000, "");
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
    return t_report();
}
