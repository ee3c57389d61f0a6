/*
 * stage_normalize.c - each normalization rule, with its offset map back to
 * the original input (normalize.c, offmap.c).
 */
#include "internal.h"
#include "test.h"

/* The normalized text of input, which must parse. */
static void normalizes(const char *input, const char *expected, unsigned options)
{
    pol_parser *p = pol_parser_new(options, NULL);
    pol_result *r = NULL;
    pol_error err;
    EQ_INT(pol_parse(p, input, strlen(input), &r, &err), POL_OK);
    if (r)
        EQ_STR(pol_result_text(r, NULL), expected);
    pol_result_free(r);
    pol_parser_free(p);
}

/* The source offset of the first occurrence of `needle` in the normalized text. */
static size_t source_of(const char *input, const char *needle)
{
    pol_result *r = t_parse(input, 0);
    if (!r)
        return (size_t)-1;
    const char *text = pol_result_text(r, NULL);
    const char *at = strstr(text, needle);
    size_t off = at ? pol_result_source_offset(r, (size_t)(at - text)) : (size_t)-1;
    pol_result_free(r);
    return off;
}

/* What normalization keeps it keeps, and what it folds it folds, wherever
 * the character falls against the blocks of five normalize.c reads: after
 * each prefix of a run of kept ideographs and marks. */
static void folds_at_every_offset(void)
{
    static const char *const kept[] = {"一", "，", "“", "二", "”", "、", "三", "（", "四", "）", "：",
                                       "五", "；", "六", "！", "七", "？", "八", "—", "九", "…",
                                       "〇", "《", "十", "》", "百", "「", "千", "」", "万"};
    /* with the neighbours of the fullwidth marks kept, so that a block test
     * one wider than is_stable_cp fails here */
    static const struct {
        const char *in, *out;
    } folded[] = {{"Ａ", "A"}, {"２", "2"}, {"‥", ".."}, {"\xe2\x80\x8b", ""}, {"％", "%"},
                  {"．", "."}, {"＃", "#"}, {"＠", "@"}, {"Ｚ", "Z"}, {"＂", "\""},
                  {"＇", "'"}, {"＊", "*"}, {"＋", "+"}, {"－", "-"}, {"＜", "<"}, {"＝", "="},
                  {"＞", ">"}, {"｛", "{"}};
    for (size_t f = 0; f < sizeof folded / sizeof folded[0]; f++) {
        char prefix[256] = "";
        for (size_t k = 0; k <= sizeof kept / sizeof kept[0]; k++) {
            char in[512], out[512];
            /* and 36 bytes after it, so that a 32-byte block reads it too */
            snprintf(in, sizeof in, "%s%s尾一二三四五六七八九十百\n", prefix, folded[f].in);
            snprintf(out, sizeof out, "%s%s尾一二三四五六七八九十百\n", prefix, folded[f].out);
            normalizes(in, out, 0);
            if (k < sizeof kept / sizeof kept[0])
                strcat(prefix, kept[k]);
        }
    }
}

#ifdef __SSE2__
/* The characters pol_stable_prefix lets a run go on over: is_stable_cp's
 * common ones. */
static bool run_goes_on(uint32_t cp)
{
    if (cp < 0x80)
        return cp != ' ' && cp != '\r' && cp != '\v' && cp != '\f' && cp != '[';
    return (cp >= 0x4000 && cp <= 0x9FFF) || (cp >= 0x3001 && cp <= 0x303F) ||
           (cp >= 0x2010 && cp <= 0x2027 && cp != 0x2024 && cp != 0x2025) || cp == 0xFF01 ||
           cp == 0xFF08 || cp == 0xFF09 || cp == 0xFF0C || cp == 0xFF1A || cp == 0xFF1B || cp == 0xFF1F;
}

/* ... and those its first test takes five at a time. */
static bool in_five(uint32_t cp)
{
    return (cp >= 0x4000 && cp <= 0x9FFF) || (cp >= 0x3001 && cp <= 0x303F) || cp == 0xFF0C;
}

/* pol_stable_prefix against its definition, at every character of texts
 * made of pieces that go on, end a run, or lie either side of the ranges
 * it tests: ASCII it keeps and folds, line ends, characters of two, three
 * and four bytes, kept and not. */
static void stable_runs(void)
{
    static const char *const pieces[] = {
        "一", "鿿", "䀀", "。", "、", "，", "（", "）", "：", "；", "！", "？", "“", "”", "—", "‐", "‧",
        "‥", "․", "…", "•", "‘", "’", "〿", "\xe3\x80\x80", "㐀", "Ａ", "．", "％", "①", "·", "\xc2\xa0", "×", "𠀀",
        "a", "7", "%", "\n", "\t", " ", "\r", "\v", "\f", "[", "]", "\x7f", "\x01"};
    const size_t n_pieces = sizeof pieces / sizeof pieces[0];
    unsigned seed = 12345;
    int bad = 0;
    for (int text = 0; text < 4000; text++) {
        char s[160];
        size_t len = 0;
        /* runs of Chinese with a few others, as text has them */
        while (len < 100) {
            seed = seed * 1103515245u + 12345u;
            unsigned r = (seed >> 16) % (2 * n_pieces);
            const char *p = r < n_pieces ? pieces[r] : pieces[r % 3];
            memcpy(s + len, p, strlen(p));
            len += strlen(p);
        }
        const unsigned char *u = (const unsigned char *)s;
        /* sixteen bytes and five characters at once; with AVX2, 32 bytes,
         * whose run stops at the block's end */
        for (size_t w = 16; w <= 32; w += 16)
            for (size_t i = 0; i + w + 2 <= len; i += (size_t)pol_utf8_len(s[i])) {
                size_t nl, k = w == 16 ? pol_stable_prefix(u, i, &nl) : pol_stable_prefix32(u, i, &nl);
                if (k == SIZE_MAX)
                    break; /* no AVX2 */
                /* the definition: whole characters that go on, up to the
                 * first that starts w bytes in */
                size_t j = i, five = 0;
                bool fives = true;
                while (j - i < w) {
                    uint32_t cp;
                    int n = pol_utf8_decode(u + j, len - j, &cp);
                    if (n <= 0 || !run_goes_on(cp))
                        break;
                    if (five < 5 && (fives = fives && n == 3 && in_five(cp)))
                        five++;
                    j += (size_t)n;
                }
                size_t want = w == 32 ? (j - i < 32 ? j - i : 32) : five == 5 ? 15 : j - i;
                size_t want_nl = SIZE_MAX;
                for (size_t q = 0; q < want && q < w; q++)
                    if (s[i + q] == '\n')
                        want_nl = q;
                if ((k != want || nl != want_nl) && bad++ < 3)
                    fprintf(stderr, "stable_runs: width %zu at %zu of text %d: %zu (\\n at %zu), want %zu (%zu)\n",
                            w, i, text, k, nl, want, want_nl);
            }
    }
    EQ_INT(bad, 0);
}
#endif

/* Every test of normalization; main runs them with each path the CPU has. */
static void run_all(void)
{
    folds_at_every_offset();
#ifdef __SSE2__
    stable_runs();
#endif
    /* full-width digits and letters, ％ and ．; Chinese punctuation stays */
    normalizes("达到２０２５年ＧＤＰ４０％，占比１．５。\n", "达到2025年GDP40%，占比1.5。\n", 0);
    /* ideographic and PDF spaces; a space between ASCII words stays */
    normalizes("到 2025 年，5G 基站\xe3\x80\x80超 3600 家，Hello World。\n",
               "到2025年，5G基站超3600家，Hello World。\n", 0);
    /* indentation and trailing spaces */
    normalizes("    一、总体要求  \n", "一、总体要求\n", 0);
    /* the space after a number opening a line stays: "1 标题" is a heading */
    normalizes("1 纵深推进重点领域改革\n", "1 纵深推进重点领域改革\n", 0);
    /* CRLF and CR */
    normalizes("甲。\r\n乙。\r丙。", "甲。\n乙。\n丙。", 0);
    /* docx artefacts and zero-width characters */
    normalizes("[bookmark: _GoBack]为深入贯彻\xe2\x80\x8b精神。\n", "为深入贯彻精神。\n", 0);
    /* the noncharacters U+FFFF and U+FFFE are no text (and XML may not hold them) */
    normalizes("甲\xef\xbf\xbf乙\xef\xbf\xbe。\n", "甲乙。\n", 0);
    /* compatibility characters: Kangxi radical ⾼ (U+2FBC) -> 高; circled numbers stay */
    normalizes("提⾼质量。①加强。\n", "提高质量。①加强。\n", 0);
    /* a line broken inside a sentence, across the blank line of a page break */
    normalizes("11. 推动绿色低碳发展。推进重点行业和重要领域制造业绿\n\n色改造升级。\n",
               "11.推动绿色低碳发展。推进重点行业和重要领域制造业绿色改造升级。\n", 0);
    normalizes("（市委网信办牵头；各区人民政府，市工业和信息化局、市场监\n\n管局配合）\n",
               "（市委网信办牵头；各区人民政府，市工业和信息化局、市场监管局配合）\n", 0);
    /* ... but not with --no-join, nor after a sentence, a heading alone, or a short line */
    normalizes("推进重点行业和重要领域制造业绿\n\n色改造升级。\n",
               "推进重点行业和重要领域制造业绿\n\n色改造升级。\n", POL_OPT_NO_JOIN);
    normalizes("推进重点行业和重要领域制造业绿色改造。\n升级。\n",
               "推进重点行业和重要领域制造业绿色改造。\n升级。\n", 0);
    normalizes("（一）锚定现代化活力新南海目标不动摇，推动经济高质量发展\n经济运行稳中向好。\n",
               "（一）锚定现代化活力新南海目标不动摇，推动经济高质量发展\n经济运行稳中向好。\n", 0);
    normalizes("佛山市人民政府\n2022年3月30日\n", "佛山市人民政府\n2022年3月30日\n", 0);
    normalizes("推进重点行业和重要领域制造业绿色改造\n（一）总体要求\n",
               "推进重点行业和重要领域制造业绿色改造\n（一）总体要求\n", 0);

    /* the offset map: normalized offsets lead back to the original bytes */
    EQ_INT(source_of("２０２５年", "年"), 12);          /* four 3-byte digits before it */
    EQ_INT(source_of("到 2025 年", "年"), 9);           /* two spaces dropped */
    EQ_INT(source_of("\r\n甲。\r\n乙。", "乙"), 10);    /* CRs dropped */
    EQ_INT(source_of("[bookmark: _GoBack]甲", "甲"), 19);
    EQ_INT(source_of("推进重点行业和重要领域制造业绿\n\n色改造。", "色"), 47);
    {
        /* a span covers the original bytes, page break included */
        pol_result *r = t_parse("（一）总则。推进重点行业和重要领域制造业绿\n\n色改造。\n", 0);
        pol_span sp = pol_node_span(t_nth(pol_result_root(r), POL_NODE_SECTION, 0));
        EQ_INT(sp.byte_offset, 0);
        EQ_INT(sp.len_bytes, 77);
        EQ_INT(sp.first_line, 1);
        EQ_INT(sp.last_line, 3);
        pol_result_free(r);
    }
}

int main(void)
{
    run_all();
#ifdef POL_AVX2
    pol_avx2_off = true; /* the SSE2 path, where the CPU has AVX2 */
    run_all();
#endif
    return t_report();
}
