/*
 * stage_patterns.c - every pattern of lib/patterns.c against its documented
 * examples: the one it should match does (through the guards that refuse
 * subjects before PCRE2 runs), the one it should not does not, with JIT and
 * without; and the guards never change an answer: over every line of the
 * corpus, every piece of a line after a clause mark, and pieces of up to 40
 * characters starting and ending at every character (so that every
 * character of the corpus opens and closes a subject), each guarded pattern
 * matches with its guards exactly where it matches without them, at the same
 * offsets (a guard may start the search past where no match can begin).
 */
#include <dirent.h>
#include <stdlib.h>

#include "internal.h"
#include "test.h"

static void check_all(unsigned options)
{
    pol_parser *p = pol_parser_new(options, NULL);
    CHECK(p != NULL);
    for (int id = 0; id < PAT_COUNT; id++) {
        const char *yes = pol_pattern_example((pol_pattern_id)id, true);
        const char *no = pol_pattern_example((pol_pattern_id)id, false);
        if (id == PAT_QUANTITY) /* built from the unit catalogue: stage_targets */
            continue;
        CHECK(yes != NULL && no != NULL);
        if (!yes || !no)
            continue;
        bool y = pol_pattern_match(&p->patterns, (pol_pattern_id)id, yes, strlen(yes), NULL);
        bool n = pol_pattern_match(&p->patterns, (pol_pattern_id)id, no, strlen(no), NULL);
        if (!y)
            fprintf(stderr, "pattern %d does not match \"%s\"\n", id, yes);
        if (n)
            fprintf(stderr, "pattern %d matches \"%s\"\n", id, no);
        CHECK(y);
        CHECK(!n);
    }
    EQ_INT(p->patterns.counts.limit_hits, 0);
    pol_parser_free(p);
}

static size_t compared, matched;

static size_t years_compared, years_matched;

/* The hand-written year readers give PCRE2's matches, in a loop over the
 * subject as the quantity reader runs them (each search from the last
 * match's end). */
static void compare_years(pol_patterns *p, const char *s, size_t len)
{
    for (int by = 0; by < 2; by++)
        for (size_t at = 0; at <= len;) {
            const size_t *ov = NULL;
            size_t m[4];
            p->guards_off = true;
            bool want = pol_pattern_match_at(p, by ? PAT_YEAR_BY : PAT_YEAR, s, len, at, &ov);
            p->guards_off = false;
            bool got = by ? pol_year_by_match(s, len, at, m) : pol_year_match(s, len, at, m);
            size_t g = want && by && ov[2] == PCRE2_UNSET ? 4 : 2;
            bool same = want == got && (!want || (m[0] == ov[0] && m[1] == ov[1] && m[2] == ov[g] &&
                                                  m[3] == ov[g + 1]));
            if (!same)
                fprintf(stderr, "year%s from %zu: pattern %d, by hand %d on \"%.*s\"\n", by ? "_by" : "",
                        at, want, got, (int)len, s);
            CHECK(same);
            years_compared++;
            if (by && at == 0) {
                /* read at the start: the first match, when it opens s */
                size_t o[4];
                bool opens = pol_year_by_opens(s, len, o);
                bool at_start = want && ov[0] == 0;
                bool same_open = opens == at_start && (!opens || (o[0] == 0 && o[1] == ov[1]));
                if (!same_open)
                    fprintf(stderr, "year_by opening: pattern %d, by hand %d on \"%.*s\"\n",
                            at_start, opens, (int)len, s);
                CHECK(same_open);
            }
            if (!want)
                break;
            years_matched++;
            at = ov[1];
        }
}

static size_t citations_compared, citations_matched;
/* no bitmaps: places are read from the subject (stage_places holds the
 * bitmaps to the same answers) */
static const pol_places no_places;

/* The hand-written title readers give PCRE2's matches: pol_citation_match
 * PAT_CITATION's in a loop over the subject, and pol_reference_match
 * PAT_REFERENCE's from its start and from each 《 in it (where the
 * references stage asks). */
static void compare_citations(pol_patterns *p, const char *s, size_t len)
{
    for (size_t at = 0; at <= len;) {
        const size_t *ov = NULL;
        size_t m[4];
        p->guards_off = true;
        bool want = pol_pattern_match_at(p, PAT_CITATION, s, len, at, &ov);
        p->guards_off = false;
        bool got = pol_citation_match(&no_places, s, len, at, m);
        bool same = want == got && (!want || memcmp(m, ov, sizeof m) == 0);
        if (!same)
            fprintf(stderr, "citation from %zu: pattern %d, by hand %d on \"%.*s\"\n", at, want, got,
                    (int)len, s);
        CHECK(same);
        citations_compared++;
        if (!want)
            break;
        citations_matched++;
        at = ov[1];
    }
    for (size_t from = 0; from < len; from += pol_utf8_len(s[from])) {
        if (from > 0 && !pol_starts_with(s + from, len - from, "《"))
            continue;
        /* up to the end, and up to each mark after `from` (the offset limit) */
        for (size_t limit = SIZE_MAX, next = from;; limit = next++) {
            const size_t *ov = NULL;
            size_t m[8];
            p->guards_off = true;
            bool want = pol_pattern_match_at(p, PAT_REFERENCE, s, len, from, &ov);
            p->guards_off = false;
            want = want && (limit == SIZE_MAX || ov[0] <= limit);
            bool got = pol_reference_match(p, s, len, from, limit, m);
            bool same = want == got && (!want || memcmp(m, ov, sizeof m) == 0);
            if (!same)
                fprintf(stderr, "reference from %zu to %zu: pattern %d, by hand %d on \"%.*s\"\n", from,
                        limit, want, got, (int)len, s);
            CHECK(same);
            citations_compared++;
            while (next < len && !pol_starts_with(s + next, len - next, "《") &&
                   !pol_starts_with(s + next, len - next, "〔") && !pol_starts_with(s + next, len - next, "【"))
                next++;
            if (next >= len)
                break;
        }
    }
}

/* Titles the corpus may lack: nested, unclosed, broken by a line end,
 * empty, at the limit of 200 characters and past it, with a number after
 * them and with another bracket. */
static void compare_made_citations(pol_patterns *p)
{
    static const char *const made[] = {
        "《》", "《a》", "见《关于〈x〉的通知》", "《甲《乙》丙》", "《甲《乙丙》", "《甲《》丙》",
        "《《》》", "《甲\n乙》《丙》", "《甲《乙\n》丁》", "《甲《乙《丙》丁》", "《a》》",
        "《a《b》c《d》e》", "《a\n", "前《", "《规划》（粤府〔2021〕45号）", "《规划》\xe3\x80\x80（粤府〔2021〕45号）",
        "《规划》 \n(粤府〔2021〕45号)", "《规划》(试行)", "《规划》（", "粤府〔2021〕45号和《规划》",
        "《关于〈“十四五”规划〉的通知》（工信部联规〔2021〕207号）", NULL};
    for (size_t k = 0; made[k]; k++)
        compare_citations(p, made[k], strlen(made[k]));
    /* 200 characters inside, the most a title holds, and 201 */
    char buf[700];
    for (size_t n = 200; n <= 201; n++) {
        size_t len = 0;
        memcpy(buf + len, "《", 3), len += 3;
        for (size_t i = 0; i < n; i++)
            memcpy(buf + len, i == 7 ? "〈" : "规", 3), len += 3;
        memcpy(buf + len, "》", 3), len += 3;
        compare_citations(p, buf, len);
        size_t m[4];
        EQ_INT(pol_citation_match(&no_places, buf, len, 0, m), n == 200);
    }
}

static void compare(pol_patterns *p, const char *s, size_t len)
{
    compare_years(p, s, len);
    compare_citations(p, s, len);
    for (int id = 0; id < PAT_COUNT; id++) {
        if (!p->first[id] && !p->last[id] && !p->need[id])
            continue;
        const size_t *ov;
        size_t at[4] = {0, 0, 0, 0};
        uint32_t groups = 0;
        pcre2_pattern_info(p->code[id], PCRE2_INFO_CAPTURECOUNT, &groups);
        p->guards_off = false;
        bool guarded = pol_pattern_match(p, (pol_pattern_id)id, s, len, &ov);
        if (guarded)
            memcpy(at, ov, (groups ? 4 : 2) * sizeof *at);
        p->guards_off = true;
        bool plain = pol_pattern_match(p, (pol_pattern_id)id, s, len, &ov);
        p->guards_off = false;
        /* the same answer, and the same match and first group where there
         * is one (a hand reader gives both); and the character guard asked
         * alone, or read by the caller from the subject's ends, lets every
         * match through */
        bool same = guarded == plain &&
                    (!plain || memcmp(at, ov, (groups ? 4 : 2) * sizeof *at) == 0) &&
                    (!plain || (pol_pattern_may_match(p, (pol_pattern_id)id, s, len) &&
                                pol_pattern_ends_allow(p, (pol_pattern_id)id, pol_ends_of(s, len))));
        if (!same)
            fprintf(stderr, "pattern %d: guarded %d, unguarded %d on \"%.*s\"\n", id, guarded,
                    plain, (int)len, s);
        CHECK(same);
        compared++;
        matched += plain;
    }
}

/* Every line of a text, and each piece of it after a ，；。： (as the
 * clause readers pass them), with and without a trailing newline. */
static void compare_text(pol_patterns *p, const char *s, size_t len)
{
    for (size_t at = 0; at < len;) {
        size_t end = pol_line_end(s, len, at);
        compare(p, s + at, end - at);
        if (end < len)
            compare(p, s + at, end - at + 1);
        for (size_t i = at; i < end; i += pol_utf8_len(s[i])) {
            static const char *const marks[] = {"，", "；", "。", "：", NULL};
            for (size_t k = 0; marks[k]; k++)
                if (pol_starts_with(s + i, end - i, marks[k]))
                    compare(p, s + i + 3, end - i - 3);
            /* 40 characters from here, and up to here */
            size_t hi = i, lo = i;
            for (int n = 0; n < 40 && hi < end; n++)
                hi += pol_utf8_len(s[hi]);
            for (int n = 0; n < 40 && lo > at; n++)
                lo = pol_utf8_prev(s, lo);
            compare(p, s + i, hi - i);
            compare(p, s + lo, i - lo);
        }
        at = end + 1;
    }
}

/* What the corpus may lack: each alternative of the guarded patterns. */
static void compare_alternatives(pol_patterns *p)
{
    static const char *const words[] = {
        "通知", "方案", "意见", "报告", "计划", "规划", "办法", "要点", "细则", "规定", "决定",
        "清单", "目录", "指南", "措施", "条例", "纲要", "规则", "决议", "公告", "通告", "通报",
        "批复", "纪要", "指引", "名单", "工作报告", "方案（试行）", "方案(2022—2026年)",
        "人民政府", "政府", "办公厅", "办公室", "委员会", "管委会", "办事处", "人大常委会", "常委会",
        "政协", "法院", "检察院", "联合会", "协会", "领导小组", "小组", "中心", "公司", "集团",
        "党委", "党组", "局", "厅", "部", "委", "院", "署", "办", "会", "处", "科", "所", "站",
        "队", "企业", "银行", "分行", "支行", "海关", "支队", "大队", NULL};
    char buf[256];
    for (size_t k = 0; words[k]; k++) {
        snprintf(buf, sizeof buf, "佛山市%s", words[k]);
        compare(p, buf, strlen(buf));
    }
    static const char *const subjects[] = {
        "牵头单位：市科技局", "牵头部门：市科技局；配合部门：各区", "责任单位：市发展改革局",
        "由市科技局负责", "由各区按职责分工负责", "完成时限：2023年底前", "时限：长期坚持",
        "完成时间：2024年", "时间安排：2023年", "时限要求：6月底", "牵头单位 ：市科技局",
        "配合部门\u3000\t:各区", "时限要求\n：6月底", "完成时间 :2024年", "各单位：", "同时：",
        "时间安排", "牵头单位", "一、总体要求...3",
        "一、总体要求……3", "一、总体要求···3", "一、总体要求．．．3", "《佛山市方案》",
        "粤府〔2021〕45号", "粤府［2021］45号", "粤府【2021】45号", "实施意见（征求意见稿）",
        "条例（草案）", "送审稿", "讨论稿", "关于实施意见（征求意见稿）的说明",
        "按照《佛山市方案》和粤府〔2021〕45号执行", "2020年到2025年底前完成", "粤ICP备05000000号", "粤公网安备44060000000000号",
        "到2025年", "至2025年", "截至2025年", "2023年底前", "2023年末", "2023年以前",
        "截至2025年底前", "20252年前", "到20250年", "2025年末以前", "2025年底以前", "至2025年前",
        "2025年 前", "x2025年底", "截至到2025年", "到2024年2025年前", "2025年底2026年以前",
        "截2025年", "至至2025年", "到2025年到2026年至2027年", "年2025年", "2025年",
        "2026年3月底前", "2026年12月31日前", "2026年6月30日以前", "2026年6月末前", "2026年6月前",
        "2026年6月底", "2026年6月完成", "2026年123月前", "2026年6月3前", "2026年6月30日底前",
        "2026年6月300日前", "2026年月底前", "2026年6日前", "2026年6月30日", "2026年6月底以前完成",
        "抄送：市委", "附件：清单", "附件2", "——制造能级", "2022年4月2日印发", "2022年3月30日",
        "佛山市人民政府文件", "第一部分 总体要求", "第二篇 发展", "第三章 保障措施", "第二节 目标",
        "第五条 施行", "第十二条", "一、工作目标", "〇、说明", "零、说明", "百、说明", "十一.目标",
        "（一）提升", "(二)提升", "（1）产业园", "(12)产业园", "1. 拓宽", "12、拓宽", "1 纵深推进",
        "①加强", "⑳加强", "㉑加强", "㉟加强", "　一、工作目标", " 1. 拓宽", "\n一、", "首页", ">",
        "›", "»", "下载", "打印", "全屏", "收藏", "【字号：大】", "字号：", "大", "中", "小", "加大",
        "还原", "减小", "】", "简体", "繁体", "|", "无障碍", "长者模式", "网站地图", "联系我们",
        "相关报道：", "排行榜", "分享到：", "关闭窗口", "关闭", "返回顶部", "[打印]", "【关闭】",
        "（下转第2版）", "(上接第3版)", "- 3 -", "第 2 页 共 5 页", "主办：佛山市", "承办：",
        "版权所有", "网站标识码4406000001", "扫一扫在手机打开", "主动公开", "（依申请公开）",
        "(不予公开)", "此件公开发布", "此件主动公开", "此件依申请公开", "此件不公开", " 主动公开",
        "\t主动公开", "　主动公开", "\u00a0主动公开", "\u2003主动公开", "（ 主动公开 ）",
        "佛府〔2022〕1号 ", "（佛府〔2022〕1号）", "(佛府[2022]第12号)", "佛府〔2022〕1号\u3000",
        "佛府〔2022〕1号\t", "...", "．．．12", "……", "···", ". . . 3",
        "一、总体要求……3　", "一、总体要求…… ", "一、总体要求...\u00a0", "一、总体要求···\t", "一、总体要求．．．",
        "一、总体要求......3页",
        "来源：河北日报", "发布时间: 2022", "一二三四五六七八：八个字", "一二三四五六七八九：九个字",
        "𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀：八个四字节字", "𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀：九个", "　　　　　　　　：空白",
        "ICP备", "ICP", "公网安备", "：",
        /* kind words, and parentheticals after them read from the end */
        "行动方案（试行）", "方案 （试行）\n", "方案\n", "方案 \n", "方案 ", "政府工作报告",
        "工作报告（2023年）（草案）", "计划（2022年）规划（一）", "方案（）", "方案（a（b））",
        "方案（a)", "方案(a）", "方案）", "（试行）", "方案(a)(b) (c)", "方案\u3000（a）",
        "方案\u00a0(a)", "方案（a\nb）", "方案\n（a）", "方案（a\n）\n", "通报（一）\n\n",
        "名单（" "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十" "）",
        "名单（" "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一" "）",
        "报告", "告", "（a）", ")", "a方案", "方案）a）", "方案)b)",
        /* the heading markers' edges: brackets of each width, one to four
         * digits, a point before a digit, marks and spaces after */
        "（一)", "(1）", "（12）、", "（123）.", "（1234）", "（）", "()", "（一是）", "（一", "(1",
        "1.", "1.5", "1.a", "1、 ", "123、", "1234.", "1234、", "一.", "一.5", "十一、\n", "（一）\n",
        "（一）.x", "（一）、\u3000x", "一、\u3000", "1", "一", "（", "、", "〇〇、", "两、",
        /* names closing with an organ's word, or with a line end after it */
        "市人民政府", "人民政府\n", "政府", "市人大常委会", "常委会", "领导小组办公室", "局\n\n",
        "政府a", "", "集团公司", "市分行", "海关", "大队\n", "市委", NULL};
    for (size_t k = 0; subjects[k]; k++)
        compare(p, subjects[k], strlen(subjects[k]));
    /* a bounded prefix before a needed literal, at the bound and past it:
     * 79, 80 and 81 characters of four bytes before ICP备 and 公网安备 */
    static const char *const notices[] = {"ICP备", "公网安备"};
    for (size_t k = 0; k < 2; k++) {
        for (int n = 79; n <= 81; n++) {
            char line[400];
            size_t len = 0;
            for (int c = 0; c < n; c++, len += 4)
                memcpy(line + len, "\xf0\xa0\x80\x80", 4); /* U+20000 */
            memcpy(line + len, notices[k], strlen(notices[k]));
            len += strlen(notices[k]);
            compare(p, line, len);
        }
    }
    /* 由X负责 with X of 60 characters of four bytes and 按职责分工, the
     * longest stretch a match holds before 负责, after 100 characters */
    for (int n = 60; n <= 61; n++) {
        char line[800];
        size_t len = 0;
        for (int c = 0; c < 100; c++, len += 3)
            memcpy(line + len, "字", 3);
        memcpy(line + len, "，由", 6), len += 6;
        for (int c = 0; c < n; c++, len += 4)
            memcpy(line + len, "\xf0\xa0\x80\x80", 4); /* U+20000 */
        memcpy(line + len, "按职责分工负责", 21), len += 21;
        compare(p, line, len);
    }
}

/* The word lists of the hand readers of (w1|w2|…)$ and PAT_TITLE_KIND are
 * their patterns' first group's alternatives, in order. */
static void suffix_words_are_the_patterns(void)
{
    static const pol_pattern_id ids[] = {PAT_TITLE_KIND, PAT_ORGAN, PAT_AGENCY_ENTERPRISE,
                                         PAT_AGENCY_GOVERNMENT};
    for (size_t k = 0; k < sizeof ids / sizeof ids[0]; k++) {
        const char *src = pol_pattern_source(ids[k]);
        const pol_word *words = pol_pattern_suffix_words(ids[k]);
        CHECK(src != NULL && words != NULL);
        if (!src || !words)
            continue;
        /* the first group: its words hold no bracket */
        const char *p = src + (strncmp(src, "(?:", 3) == 0 ? 3 : 1);
        size_t n = strcspn(p, ")"), i = 0;
        CHECK(p[n] == ')');
        bool same = true;
        for (size_t at = 0; at <= n && same; i++) {
            size_t end = at;
            while (end < n && p[end] != '|')
                end++;
            same = words[i].s && words[i].n == end - at && memcmp(words[i].s, p + at, end - at) == 0;
            if (!same)
                fprintf(stderr, "pattern %d: alternative %zu, \"%.*s\", is not the list's\n", (int)ids[k],
                        i, (int)(end - at), p + at);
            at = end + 1;
        }
        CHECK(same);
        CHECK(!same || words[i].s == NULL); /* and the list has no more */
    }
}

static size_t quantities_compared, quantities_matched;

/* pol_quantity_match gives PAT_QUANTITY's match, every group, at `at`. */
static void compare_quantity(pol_patterns *p, const char *s, size_t len, size_t at)
{
    const size_t *ov;
    size_t m[14];
    bool want = pol_pattern_match_at(p, PAT_QUANTITY, s, len, at, &ov);
    bool got = pol_quantity_match(p, s, len, at, m);
    bool same = want == got && (!want || memcmp(m, ov, sizeof m) == 0);
    if (!same) {
        fprintf(stderr, "quantity at %zu: pattern %d, by hand %d on \"%.*s\"\n", at, want, got, (int)len, s);
        for (int g = 0; want && got && g < 7; g++)
            fprintf(stderr, "  group %d: pattern %zd %zd, by hand %zd %zd\n", g, (ssize_t)ov[2 * g],
                    (ssize_t)ov[2 * g + 1], (ssize_t)m[2 * g], (ssize_t)m[2 * g + 1]);
    }
    CHECK(same);
    quantities_compared++;
    quantities_matched += want;
}

/* ... at every character of a text. */
static void compare_quantities(pol_patterns *p, const char *s, size_t len)
{
    for (size_t at = 0; at < len; at += pol_utf8_len(s[at]))
        compare_quantity(p, s, len, at);
}

/* ... and on texts made at random of the pieces quantities are made of,
 * the corpus having few of the rarer forms (三分之二, 1/3, 七成功, 5—8万亩,
 * 10余个百分点, 人员 after a number …). */
static void compare_made_quantities(pol_patterns *p)
{
    static const char *const pieces[] = {
        "0", "1", "25", "2026", ",", ",000", ".", ".5", "/", "/3", "-", "—", "–", "～", "~", "至",
        "分之", "分", "成", "成功", "成本", "一", "二", "两", "三", "十", "百", "千", "零", "〇", "万",
        "亿", "万亿", "千万", "百万", "余", "多", "以上", "以下", "以内", "左右", "个", "个百分点",
        "百分点", "%", "元", "元/月", "美元", "方", "方面", "方案", "人", "人员", "人次", "平方公里",
        "亩", "A", "x", "+", "年", "的", "，", " ", "功", NULL};
    size_t n = 0;
    while (pieces[n])
        n++;
    unsigned seed = 12345;
    char text[256];
    for (int k = 0; k < 200000; k++) {
        size_t len = 0;
        int parts = 1 + (int)((seed = seed * 1103515245u + 12345u) >> 16) % 7;
        for (int i = 0; i < parts; i++) {
            const char *piece = pieces[((seed = seed * 1103515245u + 12345u) >> 16) % n];
            size_t l = strlen(piece);
            memcpy(text + len, piece, l);
            len += l;
        }
        compare_quantities(p, text, len);
    }
}

static void compare_corpus_text(const char *text, size_t len, void *p)
{
    compare_text(p, text, len);
    compare_quantities(p, text, len);
}

static void compare_corpus(const char *root)
{
    pol_parser *parser = pol_parser_new(POL_OPT_DEFAULT, NULL);
    CHECK(parser != NULL);
    if (!parser)
        return;
    compare_alternatives(&parser->patterns);
    compare_made_quantities(&parser->patterns);
    compare_made_citations(&parser->patterns);
    CHECK(t_each_corpus_text(root, parser, compare_corpus_text, &parser->patterns) >= 5);
    pol_parser_free(parser);
    /* the comparison covered the texts, and the patterns did match in them */
    CHECK(compared > 100000);
    CHECK(matched > 1000);
    CHECK(years_compared > 100000);
    CHECK(years_matched > 1000);
    CHECK(quantities_compared > 1000000);
    CHECK(quantities_matched > 100000);
    CHECK(citations_compared > 100000);
    CHECK(citations_matched > 1000);
}

/* A text's rare literals are looked for once: a line of a text that holds
 * none is refused, one of a text that holds one is matched, also where a
 * line end splits the literal and the lines are then joined in place, and
 * a subject outside the noted text is matched as ever. */
static void noted_texts(void)
{
    pol_parser *parser = pol_parser_new(0, NULL);
    pol_patterns *p = &parser->patterns;
    const char *line = "粤ICP备05000000号";
    char text[256];
    /* a text that holds the literal: its line matches */
    snprintf(text, sizeof text, "首页\n%s\n", line);
    pol_patterns_note_text(p, text, strlen(text));
    CHECK(pol_pattern_match(p, PAT_SITE_NOTICE, text + 7, strlen(line), NULL));
    /* one that holds none: a line of it is refused before PCRE2 runs, the
     * same line elsewhere is matched */
    snprintf(text, sizeof text, "首页\n设备准备就绪\n%s\n", "粤ICP号05000000号");
    pol_patterns_note_text(p, text, strlen(text));
    pol_patterns_reset_counts(p);
    CHECK(!pol_pattern_match(p, PAT_SITE_NOTICE, text + 7, strlen(text) - 7, NULL));
    EQ_INT(p->counts.scan_bytes, 1); /* refused */
    CHECK(pol_pattern_match(p, PAT_SITE_NOTICE, line, strlen(line), NULL));
    /* ... and past the end of the noted part of a buffer */
    snprintf(text, sizeof text, "设备\n%s\n", line);
    pol_patterns_note_text(p, text, 3); /* 设 */
    CHECK(pol_pattern_match(p, PAT_SITE_NOTICE, text + 7, strlen(line), NULL));
    /* the literal broken over a line end, both words, then joined in place */
    const char *broken[] = {"备案号为粤ICP\n备05000000号", "备案号为粤公网\n\n安备44060000000000号"};
    for (size_t k = 0; k < 2; k++) {
        snprintf(text, sizeof text, "%s\n", broken[k]);
        pol_patterns_note_text(p, text, strlen(text));
        char *nl;
        while ((nl = strchr(text, '\n')) && nl[1])
            memmove(nl, nl + 1, strlen(nl));
        CHECK(pol_pattern_match(p, PAT_SITE_NOTICE, text, strlen(text), NULL));
    }
    pol_patterns_note_text(p, NULL, 0);
    pol_parser_free(parser);
}

int main(void)
{
    check_all(POL_OPT_DEFAULT);
    check_all(POL_OPT_NO_JIT);
    noted_texts();
    suffix_words_are_the_patterns();
    const char *root = getenv("POL_SOURCE_ROOT");
    compare_corpus(root ? root : ".");
    return t_report();
}
