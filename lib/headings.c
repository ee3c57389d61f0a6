/*
 * headings.c - which lines open a numbered heading, and what it says.
 *
 * Input: run->lines.  Output: for each heading line kind LINE_HEADING, its
 * printed numbering style, ordinal, label and title; bulleted lines become
 * LINE_BULLET.  Whether a heading is misprinted, and its level, is decided
 * later by sections.c, which sees the whole document.
 * Title: the whole line when the heading stands alone on it (no 。), else
 * the text up to the first 。, or up to ： when that comes first.
 * Example: "（三）主要目标。坚持…" -> style （一）, ordinal 3, label "（三）",
 * title "主要目标".
 */
#include <string.h>

#include "internal.h"

static const struct {
    pol_pattern_id pattern;
    pol_style style;
} heading_patterns[] = {
    {PAT_HEAD_PART, STYLE_PART},           {PAT_HEAD_CHAPTER, STYLE_CHAPTER},
    {PAT_HEAD_SECTION, STYLE_SECTION},     {PAT_HEAD_ARTICLE, STYLE_ARTICLE},
    {PAT_HEAD_CN, STYLE_CN},               {PAT_HEAD_CN_PAREN, STYLE_CN_PAREN},
    {PAT_HEAD_NUM_PAREN, STYLE_NUM_PAREN}, {PAT_HEAD_NUM, STYLE_NUM},
    {PAT_HEAD_NUM_SPACE, STYLE_NUM},       {PAT_HEAD_CIRCLED, STYLE_CIRCLED},
};

/* Cuts the title out of the text after the label: [*start, *start+*len). */
static void find_title(const char *s, size_t len, size_t from, pol_line *ln)
{
    /* the title ends at the first 。, or at a ： before it */
    size_t stop = pol_find(s + from, len - from, "。");
    size_t cut = len - from;
    if (stop != SIZE_MAX) {
        size_t colon = pol_find(s + from, stop, "：");
        cut = colon != SIZE_MAX ? colon : stop;
    }
    ln->title_start = from;
    ln->title_len = cut;
    /* a heading standing alone may still end with 。 or ： */
    while (ln->title_len >= 3 && (pol_ends_with(s + from, ln->title_len, "。") ||
                                  pol_ends_with(s + from, ln->title_len, "：")))
        ln->title_len -= 3;
    size_t rest = from + cut;
    if (rest < len && (pol_starts_with(s + rest, len - rest, "。") ||
                       pol_starts_with(s + rest, len - rest, "：")))
        rest += 3;
    ln->rest_start = rest;
}

bool pol_heading_candidate(const char *t, size_t len)
{
    if (len == 0)
        return false;
    unsigned char c = (unsigned char)t[0];
    if (c >= '0' && c <= '9') {
        /* the markers take three digits at most: a line that opens with a
         * year (2025年…) opens no heading */
        size_t d = 1;
        while (d < len && d < 4 && t[d] >= '0' && t[d] <= '9')
            d++;
        return d <= 3;
    }
    if (c == '(')
        return true;
    uint32_t cp;
    if (c < 0x80 || pol_utf8_decode((const unsigned char *)t, len, &cp) == 0)
        return false;
    switch (cp) {
    case 0x7B2C: /* 第 */
    case 0xFF08: /* （ */
    case 0x4E00: case 0x4E8C: case 0x4E09: case 0x56DB: case 0x4E94: /* 一二三四五 */
    case 0x516D: case 0x4E03: case 0x516B: case 0x4E5D: case 0x5341: /* 六七八九十 */
    case 0x767E: case 0x96F6: case 0x3007:                           /* 百零〇 */
        return true;
    default:
        return (cp >= 0x2460 && cp <= 0x2473) || (cp >= 0x3251 && cp <= 0x325F); /* ①… */
    }
}

static void classify(pol_patterns *p, const char *s, pol_line *ln)
{
    const char *t = s + ln->start;
    size_t len = ln->len;
    /* the line's ends, read once for the guards of the markers tried below:
     * a marker whose guard refuses them is not tried */
    pol_ends ends = pol_ends_of(t, len);
    if (pol_pattern_ends_allow(p, PAT_BULLET, ends) && pol_pattern_match(p, PAT_BULLET, t, len, NULL)) {
        ln->kind = LINE_BULLET;
        ln->role = POL_ROLE_BULLET;
        return;
    }
    if (!pol_heading_candidate(t, len))
        return;
    for (size_t k = 0; k < sizeof heading_patterns / sizeof heading_patterns[0]; k++) {
        const size_t *ov;
        if (!pol_pattern_ends_allow(p, heading_patterns[k].pattern, ends) ||
            !pol_pattern_match(p, heading_patterns[k].pattern, t, len, &ov))
            continue;
        size_t end = ov[1];
        if (end >= len)
            return; /* a marker with nothing after it is no heading */
        int ordinal;
        if (heading_patterns[k].style == STYLE_CIRCLED) {
            uint32_t cp = 0;
            pol_utf8_decode((const unsigned char *)t + ov[2], ov[3] - ov[2], &cp);
            ordinal = pol_circled_value(cp);
        } else {
            ordinal = pol_parse_cn_number(t + ov[2], ov[3] - ov[2]);
        }
        if (ordinal <= 0 || ordinal > 999)
            return;
        if (heading_patterns[k].pattern == PAT_HEAD_NUM_SPACE &&
            (pol_find(t, len, "。") != SIZE_MAX || !pol_utf8_at_most(t, len, 40)))
            return; /* "1 标题" only stands alone and short, as news layouts print it */
        if (pol_pattern_ends_allow(p, PAT_TOC_LEADER, ends) && pol_pattern_match(p, PAT_TOC_LEADER, t, len, NULL))
            return; /* a table of contents lists headings; it is not one */
        ln->kind = LINE_HEADING;
        ln->printed_style = ln->style = heading_patterns[k].style;
        ln->ordinal = ordinal;
        size_t label_end = end;
        while (label_end > 0 && t[label_end - 1] == ' ')
            label_end--;
        ln->label_len = label_end;
        find_title(t, len, end, ln);
        return;
    }
}

pol_status pol_headings_classify(struct pol_run *run)
{
    pol_patterns *p = &run->parser->patterns;
    for (size_t i = 0; i < run->n_lines; i++) {
        pol_line *ln = &run->lines[i];
        if (ln->kind != LINE_TEXT)
            continue;
        classify(p, run->norm, ln);
        /* a contents entry whose dot leaders went to the next line */
        if (ln->kind == LINE_HEADING && i + 1 < run->n_lines &&
            pol_pattern_match(p, PAT_LEADER_LINE, run->norm + run->lines[i + 1].start,
                              run->lines[i + 1].len, NULL))
            ln->kind = LINE_TEXT;
    }
    return POL_OK;
}
