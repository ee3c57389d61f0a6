/*
 * patterns.c - every pcre2 pattern of libpolicy, named, each beside one
 * string it should match and one it should not.
 *
 * Patterns run on one normalized line (normalize.c: full-width digits and
 * Latin letters are ASCII, （）：； stay full-width, no indentation).  They
 * are compiled once per parser with PCRE2_UTF|PCRE2_UCP and JIT, and matched
 * under a match and depth limit so that no line can make them backtrack
 * without bound.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* PCRE2's match limit, set for each match: a base plus a few steps per byte
 * searched, so that patterns linear in the line pass and backtracking ones
 * stop.  The depth limit bounds nested groups. */
#define MATCH_STEPS_BASE 100000u
#define MATCH_STEPS_PER_BYTE 4u
#define MATCH_DEPTH_LIMIT 1000u

/* 《title》, with 〈〉 or 《》 nested once inside: the title is group 1 */
#define CITED_TITLE "《((?:[^《》\\n]|《[^《》\\n]*》){1,200})》"

#define CN_NUM "[一二三四五六七八九十百零〇两]+"
#define NUM_OR_CN "(?:" CN_NUM "|[0-9]{1,3})"

/* The number and what may stand around it; the unit alternation goes between. */
static const char quantity_head[] =
    "(?<![0-9A-Za-z.,+/])"
    "((?:[0-9]+|[一二两三四五六七八九十百]+)分之(?:[0-9]+(?:\\.[0-9]+)?|[一二两三四五六七八九十]+)|"
    "[0-9]+/[0-9]+(?![0-9/])|[一二两三四五六七八九十]成(?![功立为果绩本员熟型])|"
    "[0-9]+(?:,[0-9]{3})*(?:\\.[0-9]+)?|[零一二两三四五六七八九十百千]*[百千][零一二两三四五六七八九十百千]*)"
    "(?:(?:—|–|-|～|~|至)([0-9]+(?:\\.[0-9]+)?))?"
    "(余|多)?"
    "(万亿|千亿|百亿|亿|千万|百万|万)?"
    "(";
static const char quantity_tail[] = ")?(以上|以下|以内|左右|多)?";

static const struct pattern_def {
    pol_pattern_id id;
    const char *source;
    const char *should, *should_not; /* examples, checked by tests/stage_patterns.c */
} defs[] = {
    {PAT_HEAD_PART, "^第(" NUM_OR_CN ")(?:部分|篇)(?![的中和])[、.：:\\s]*", "第一部分 总体要求",
     "第一篇的内容"},
    {PAT_HEAD_CHAPTER, "^第(" NUM_OR_CN ")章(?![的中和节])[、.：:\\s]*", "第三章 保障措施",
     "第三章的规定"},
    {PAT_HEAD_SECTION, "^第(" NUM_OR_CN ")节(?![的中和])[、.：:\\s]*", "第二节 发展目标",
     "第二节的规定"},
    {PAT_HEAD_ARTICLE, "^第(" NUM_OR_CN ")条(?![的中和规])[、.：:\\s]*", "第五条 本办法自印发之日起施行",
     "第五条规定的情形"},
    {PAT_HEAD_CN, "^([一二三四五六七八九十百零〇]+)(?:、|\\.(?![0-9]))\\s*", "一、工作目标",
     "一是坚持"},
    {PAT_HEAD_CN_PAREN, "^[（(]([一二三四五六七八九十百零〇]+)[）)][、.]?\\s*", "（一）提升制造能级。",
     "（一是）"},
    {PAT_HEAD_NUM, "^([0-9]{1,3})(?:、|\\.(?![0-9]))\\s*", "1. 拓宽数字化智能化应用广度。",
     "1.5万亩"},
    {PAT_HEAD_NUM_SPACE,
     "^([0-9]{1,2})[ \\x{3000}]+(?![年月日号个家万亿元条项名人次多余%件座台所张])(?=[\\p{Han}“《])",
     "1 纵深推进重点领域改革", "2025 年全区"},
    {PAT_HEAD_NUM_PAREN, "^[（(]([0-9]{1,3})[）)][、.]?\\s*", "（1）东沙现代都市工业产业园。",
     "（2022—2026年）"},
    {PAT_HEAD_CIRCLED, "^([\\x{2460}-\\x{2473}\\x{3251}-\\x{325F}])[、.]?\\s*", "①加强组织领导",
     "1加强"},
    {PAT_DOC_NUMBER,
     "^[（(]?\\s*((?:[\\p{Han}A-Za-z]{1,20})\\s*[〔\\[［【(（]\\s*[0-9]{4}\\s*[〕\\]］】)）]\\s*第?\\s*[0-9]{1,5}"
     "\\s*号)\\s*[）)]?$",
     "佛府〔2022〕1号", "根据佛府〔2022〕1号文件"},
    {PAT_DATE_LINE,
     "^([0-9〇零一二三四五六七八九]{4})\\s*年\\s*([0-9一二三四五六七八九十]{1,3})\\s*月\\s*"
     "([0-9一二三四五六七八九十]{1,3})\\s*日$",
     "2022年3月30日", "2022年3月30日印发"},
    {PAT_PRINTED, "^(.{0,80}?)\\s*([0-9]{4}\\s*年\\s*[0-9]{1,2}\\s*月\\s*[0-9]{1,2}\\s*日)\\s*印\\s*发$",
     "佛山市人民政府办公室文电科 2022年4月2日印发", "2022年4月2日"},
    {PAT_TITLE_KIND,
     "(通知|方案|意见|报告|计划|规划|办法|要点|细则|规定|决定|清单|目录|指南|措施|条例|纲要|规则|决议|"
     "公告|通告|通报|批复|纪要|指引|名单|工作报告)"
     "(?:\\s*[（(][^（()）]{1,40}[）)])*$",
     "佛山市制造能力升级行动方案 (2022—2026年)", "制定具体实施方案和整治计划，并及时报送"},
    {PAT_DRAFT, "(征求意见稿|送审稿|草案|讨论稿)", "实施意见（征求意见稿）", "实施意见"},
    {PAT_PUBLICITY,
     "^[（(]?\\s*(主动公开|依申请公开|不予公开|此件公开发布|此件主动公开|此件依申请公开|此件不公开)\\s*[）)]?$",
     "主动公开", "主动公开政务信息"},
    {PAT_ATTACH_NOTE, "^附\\s*件\\s*[0-9]*\\s*[：:]\\s*(.*)$", "附件：佛山市技工院校重点扶持专业清单",
     "附件内容"},
    {PAT_ATTACH_MARK, "^附\\s*件\\s*[0-9一二三四五六七八九十]*$", "附件2", "附件：清单"},
    {PAT_CC, "^抄\\s*送\\s*[：:]\\s*(.*)$", "抄送：市委有关部委办", "抄送单位"},
    {PAT_ORGAN,
     "(人民政府|政府|办公厅|办公室|委员会|管委会|办事处|人大常委会|常委会|政协|法院|检察院|联合会|协会|"
     "领导小组|小组|中心|公司|集团|党委|党组|局|厅|部|委|院|署|办|会|处|科|所|站|队)$",
     "佛山市人民政府", "2022年3月30日"},
    {PAT_BULLET, "^(?:——|—|－|-|•|·|●|○|■|□|◆|▪|►|→)\\s*", "——制造能级大幅跃升。", "一、"},
    {PAT_LABEL_LINE, "^[\\p{Han}\\s]{1,8}[：:]", "来源：河北日报", "为深入贯彻落实，"},
    {PAT_FURNITURE,
     "^(?:首页|>|›|»|下载|打印|全屏|收藏|【字号：|字号：?|大|中|小|加大|还原|减小|】|简体|繁体|\\||无障碍|"
     "长者模式|网站地图|联系我们|相关报道：?|排行榜|分享到：?|关闭窗口|关闭|返回顶部|"
     "[\\[【]\\s*(?:打印|关闭|收藏|字号)[^\\]】]*[\\]】]|"
     "[（(]\\s*(?:下转|上接|紧接)第.{1,3}版\\s*[）)]|"
     "-\\s*[0-9]+\\s*-|第\\s*[0-9]+\\s*页(?:\\s*共\\s*[0-9]+\\s*页)?|"
     "主办：.*|承办：.*|版权所有.*|网站标识码.*|扫一扫.*)$",
     "首页", "首页面设计规范"},
    /* apart from PAT_FURNITURE, which runs on every line: this is the dear
     * part of it, and a literal guard refuses almost every line */
    {PAT_SITE_NOTICE, "^.{0,80}?(?:ICP备|公网安备).*$", "粤ICP备05000000号 粤公网安备44060000000000号",
     "网站备案信息"},
    {PAT_ISSUER_MARK, "^\\S{2,30}文件$", "佛山市人民政府文件", "关于印发文件的通知"},
    {PAT_TOC_LEADER, "(?:\\.{3,}|…{2,}|·{3,}|．{3,})\\s*[0-9]*$", "一、实施背景........3", "一、实施背景"},
    {PAT_AGENCY_PREFIX,
     "^(?:[\\p{Han}]{2,3}(?:省|市|区|县)(?=[\\p{Han}])|省|市(?!场)|区(?!域)|县(?!域)|镇|街道)(?!人民政府$|政府$)",
     "佛山市工业和信息化局", "工业和信息化局"},
    {PAT_AGENCY_PARTY, "(?:^|[市区县省])委(?!员会)|党委|党组|组织部|宣传部|统战部|政法委|网信办|编办|纪委|监委|党校|机关工委",
     "市委组织部", "市科技局"},
    {PAT_AGENCY_ENTERPRISE, "(?:公司|集团|企业|银行|分行|支行)$", "佛燃能源集团", "市国资委"},
    {PAT_AGENCY_GOVERNMENT,
     "(?:人民政府|政府|办公厅|办公室|委员会|管委会|办事处|局|厅|部|委|办|署|院|中心|海关|支队|大队)$",
     "市工业和信息化局", "市工商联"},
    {PAT_CLAUSE_LABEL,
     "(?:牵头|责任|主责|配合|协办|参与)(?:单位|部门)\\s*[：:]\\s*[^。\\n]{2,300}?"
     "(?:[；\\n](?:牵头|责任|主责|配合|协办|参与)(?:单位|部门)\\s*[：:]\\s*[^。\\n]{2,300}?)*(?=。|\\n|$)",
     "牵头单位：市发展改革局；配合单位：市科技局", "牵头推动"},
    {PAT_CLAUSE_BY, "(?:^|[。；，：])由([^由，。；：\\s]{2,60}?)(?:按职责分工|分别|共同)?负责(?!人)",
     "由市民政局负责实施", "各区工作由各区市场监管局负责协调"},
    {PAT_WORK_TITLE,
     "(?:主要|重点|工作|具体|行动)(?:任务|举措|工作|措施)|工作重点|重点工作|保障措施|工作保障|组织保障|"
     "保障机制|实施保障|政策措施|推进措施|任务分工|工作安排|主要内容|重点领域|重点行动|专项行动|"
     "^(?:[0-9]{4}年)?(?:主要|重点)?工作$",
     "主要任务", "指导思想"},
    {PAT_DEADLINE_LABEL, "(?:完成时限|完成时间|时间安排|时限要求|时限)\\s*[：:]\\s*([^；。\\n]{2,40})",
     "完成时限：2023年底前", "时间紧任务重"},
    {PAT_DEADLINE,
     "^(?:(?:[0-9]{4}年)?(?:[0-9]{1,2}(?:-[0-9]{1,2})?月)?(?:[0-9]{1,2}日)?(?:上半年|下半年|年内|年底|年末|底|中旬|上旬|下旬|初)?"
     "(?:前|以前|起)?(?:完成|启动|基本完成|全面完成)?|长期坚持|持续推进|持续实施|长期推进|持续开展)$",
     "2023年底前", "市科技局牵头"},
    {PAT_TABLE_HEADER,
     "^(?:序号|编号|(?:工作|主要|重点|具体)?任务(?:内容|名称|事项)?|工作(?:内容|措施|事项)|重点工作|"
     "(?:牵头|责任|配合|协办|主责|参与)(?:单位|部门)|完成(?:时限|时间)|时间(?:节点|安排)|时限|备注|"
     "类别|指标(?:名称)?|单位|基期值|现状值|目标值|属性|指标属性|[0-9]{4}年(?:目标值?|基期值?)?)$",
     "牵头单位", "牵头单位：市发展改革局"},
    /* PAT_QUANTITY is built from the unit catalogue: see pol_patterns_set_units();
     * the quantity reader reads it by hand (pol_quantity_match), and
     * stage_patterns holds that to the pattern */
    /* the quantity reader reads these two by hand (pol_year_match,
     * pol_year_by_match); stage_patterns holds those to the patterns */
    {PAT_YEAR_BY,
     "(?:到|至|截至)([0-9]{4})年|([0-9]{4})年(?:[0-9]{1,2}月(?:[0-9]{1,2}日)?)?(?:底|末)?(?:前|以前)",
     "2026年3月底前", "2025年完成"},
    {PAT_YEAR, "([0-9]{4})年", "2023年", "20年"},
    {PAT_CITATION, CITED_TITLE, "《广东省制造业数字化转型实施方案》",
     "广东省制造业数字化转型实施方案"},
    {PAT_REFERENCE,
     CITED_TITLE
     "(?:\\s*[（(]\\s*((?:[^\\P{Han}\\p{P}]|[A-Za-z]){1,20}\\s*[〔\\[［【][0-9]{4}[〕\\]］】]\\s*第?[0-9]{1,5}\\s*号)\\s*[）)])?"
     "|([^\\P{Han}\\p{P}]{1,20}[〔［【][0-9]{4}[〕］】]\\s*第?[0-9]{1,5}\\s*号)",
     "《广东省制造业数字化转型实施方案》（粤府〔2021〕45号）", "2021年45号"},
    {PAT_LEADER_LINE, "^(?:[.．…·]\\s*){3,}[0-9]*$", "...................", "一、实施背景"},
};

/* The characters \s matches with PCRE2_UCP (Unicode's white space), for
 * guards of patterns that may open or close with it. */
#define UCP_SPACES                                                                                 \
    " \t\n\v\f\r\xc2\x85\xc2\xa0\xe1\x9a\x80\xe1\xa0\x8e\xe2\x80\x80\xe2\x80\x81\xe2\x80\x82"         \
    "\xe2\x80\x83\xe2\x80\x84\xe2\x80\x85\xe2\x80\x86\xe2\x80\x87\xe2\x80\x88\xe2\x80\x89\xe2\x80\x8a" \
    "\xe2\x80\xa8\xe2\x80\xa9\xe2\x80\xaf\xe2\x81\x9f\xe3\x80\x80"

/* Guards, for patterns that run on every line or paragraph and mostly fail:
 * the characters an anchored pattern can begin with, or one before $ can end
 * with, and literals of which every match holds at least one.  A subject that
 * fails its guard cannot match, and is refused before PCRE2 is called (a
 * memchr-driven search is many times faster than the pattern's own scan). */
static const pol_word need_year[] = {POL_WORD("年"), {NULL, 0}};
static const pol_word need_by[] = {POL_WORD("负责"), {NULL, 0}};
static const pol_word need_label[] = {POL_WORD("单位"), POL_WORD("部门"), {NULL, 0}};
static const pol_word need_deadline[] = {POL_WORD("时"), {NULL, 0}};
static const pol_word need_leader[] = {POL_WORD("..."), POL_WORD("……"), POL_WORD("···"),
                                       POL_WORD("．．．"), {NULL, 0}};
static const pol_word need_reference[] = {POL_WORD("《"), POL_WORD("〔"), POL_WORD("［"),
                                          POL_WORD("【"), {NULL, 0}};
static const pol_word need_citation[] = {POL_WORD("《"), {NULL, 0}};
static const pol_word need_draft[] = {POL_WORD("稿"), POL_WORD("草案"), {NULL, 0}};
/* both end with 备: one search for the two (first_needed_by_tail) */
static const pol_word need_site[] = {POL_WORD("ICP备"), POL_WORD("公网安备"), {NULL, 0}};
static const pol_word need_colon[] = {POL_WORD("："), POL_WORD(":"), {NULL, 0}};

static const struct pattern_guard {
    pol_pattern_id id;
    const char *first, *last; /* any one character of the string; NULL: no guard */
    const pol_word *need;     /* NULL: no guard */
    /* with `need`: the first needed literal a match holds starts at most
     * this many bytes after the match does.  An unanchored pattern (without
     * ^ or look-behind) is then searched from there; an anchored one's
     * literal is looked for only that far in.  SIZE_MAX: unbounded */
    size_t lead;
} guards[] = {
    {PAT_HEAD_PART, "第", NULL, NULL, SIZE_MAX},
    {PAT_HEAD_CHAPTER, "第", NULL, NULL, SIZE_MAX},
    {PAT_HEAD_SECTION, "第", NULL, NULL, SIZE_MAX},
    {PAT_HEAD_ARTICLE, "第", NULL, NULL, SIZE_MAX},
    {PAT_HEAD_CN, "一二三四五六七八九十百零〇", NULL, NULL, SIZE_MAX},
    {PAT_HEAD_CN_PAREN, "（(", NULL, NULL, SIZE_MAX},
    {PAT_HEAD_NUM, "0123456789", NULL, NULL, SIZE_MAX},
    {PAT_HEAD_NUM_SPACE, "0123456789", NULL, NULL, SIZE_MAX},
    {PAT_HEAD_NUM_PAREN, "（(", NULL, NULL, SIZE_MAX},
    {PAT_HEAD_CIRCLED, "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳㉑㉒㉓㉔㉕㉖㉗㉘㉙㉚㉛㉜㉝㉞㉟", NULL, NULL, SIZE_MAX},
    /* the first characters of the alternatives */
    {PAT_FURNITURE, "首>›»下打全收【字大中小加还减】简繁|无长网联相排分关返[（(-第主承版扫", NULL, NULL,
     SIZE_MAX},
    /* ... and the white space \s matches */
    {PAT_PUBLICITY, "（(主依不此" UCP_SPACES, "开布）)" UCP_SPACES, NULL, SIZE_MAX},
    {PAT_DOC_NUMBER, NULL, "号）)" UCP_SPACES, NULL, SIZE_MAX},
    {PAT_LEADER_LINE, ".．…·", NULL, NULL, SIZE_MAX},
    {PAT_CC, "抄", NULL, NULL, SIZE_MAX},
    {PAT_ATTACH_NOTE, "附", NULL, NULL, SIZE_MAX},
    {PAT_ATTACH_MARK, "附", NULL, NULL, SIZE_MAX},
    {PAT_BULLET, "—－-•·●○■□◆▪►→", NULL, NULL, SIZE_MAX},
    {PAT_PRINTED, NULL, "发", NULL, SIZE_MAX},
    {PAT_DATE_LINE, NULL, "日", NULL, SIZE_MAX},
    {PAT_ISSUER_MARK, NULL, "件", NULL, SIZE_MAX},
    {PAT_TITLE_KIND, NULL, "知案见告划法点则定单录南施例要议报复引）)", NULL, SIZE_MAX},
    {PAT_ORGAN, NULL, "府厅室会处协院组心司团委局部署办科所站队", NULL, SIZE_MAX},
    {PAT_AGENCY_ENTERPRISE, NULL, "司团业行", NULL, SIZE_MAX},
    {PAT_AGENCY_GOVERNMENT, NULL, "府厅室会处局部委办署院心关队", NULL, SIZE_MAX},
    {PAT_YEAR_BY, NULL, NULL, need_year, 10},  /* 截至 + 4 digits */
    {PAT_YEAR, NULL, NULL, need_year, 4},      /* 4 digits */
    {PAT_CLAUSE_BY, NULL, NULL, need_by, 3 + 3 + 60 * 4 + 15}, /* 。由, 60 characters, 按职责分工 */
    {PAT_CLAUSE_LABEL, NULL, NULL, need_label, 6}, /* 牵头 单位 */
    {PAT_DEADLINE_LABEL, NULL, NULL, need_deadline, 6}, /* 完成 时限 */
    /* a leader, then only white space and a page number to the end */
    {PAT_TOC_LEADER, NULL, "0123456789.…·．" UCP_SPACES, need_leader, 0},
    {PAT_REFERENCE, NULL, NULL, need_reference, 80}, /* 20 characters of issuer */
    {PAT_CITATION, NULL, NULL, need_citation, 0},
    {PAT_DRAFT, NULL, NULL, need_draft, 12}, /* 征求意见 稿 */
    {PAT_SITE_NOTICE, NULL, NULL, need_site, 80 * 4}, /* ^.{0,80}? */
    {PAT_LABEL_LINE, NULL, NULL, need_colon, 8 * 4},    /* ^[\p{Han}\s]{1,8} */
};

/* Patterns whose needed literals are rare, and share their last character
 * (need_tail): looked for once per text (pol_patterns_note_text). */
static const pol_pattern_id rare[] = {PAT_SITE_NOTICE};
_Static_assert(PAT_COUNT <= 64, "pol_patterns.absent holds a bit a pattern");

/* Labels: a match holds a needed literal followed, at one of two places
 * past its end (-1: none), by white space and ： or :.  Prose holds 单位 and
 * 时 everywhere (各单位, 同时); only a label holds them before a colon. */
static const struct colon_guard {
    pol_pattern_id id;
    signed char at[2];
} colon_guards[] = {
    {PAT_CLAUSE_LABEL, {0, -1}},    /* 单位, then \s*[：:] */
    {PAT_DEADLINE_LABEL, {3, 9}},   /* 时 限 / 间, or 时 间安排 / 限要求 */
};

static void hash_set(uint64_t bits[4], const char *set)
{
    for (size_t i = 0, n; set[i]; i += n) {
        n = pol_utf8_len(set[i]);
        pol_hash_add(bits, pol_char_hash(set + i, n));
    }
}

/* Is the UTF-8 character c[0..n) one of those in `set`?  A whole character
 * found in valid UTF-8 sits on a character boundary (a first byte is never
 * a continuation byte), so a byte search answers. */
static bool char_in(const char *c, size_t n, const char *set, size_t set_len, const uint64_t bits[4])
{
    return pol_hash_in(bits, pol_char_hash(c, n)) && pol_find_n(set, set_len, c, n) != SIZE_MAX;
}

/* The guards read lazily, the last character only when the first passes
 * (pol_pattern_ends_allow reads both at once, for a caller that asks many
 * patterns of one subject). */
static bool passes_guard(const pol_patterns *p, pol_pattern_id id, const char *s, size_t len)
{
    const char *first = p->first[id], *last = p->last[id];
    if (len > 0 && s[len - 1] == '\n') /* $ matches before a final newline */
        len--;
    if (len == 0)
        return !first && !last;
    /* subjects are valid UTF-8 (decode.c): whole characters at both ends */
    size_t n = pol_utf8_len(s[0]);
    if (first && (n > len || !char_in(s, n, first, p->first_len[id], p->first_bits[id])))
        return false;
    size_t k = pol_utf8_prev(s, len);
    return !last || char_in(s + k, len - k, last, p->last_len[id], p->last_bits[id]);
}

/* The length of the last character that all the words end with, or 0. */
static unsigned char shared_tail(const pol_word *need)
{
    size_t t = pol_utf8_len(need->s[pol_utf8_prev(need->s, need->n)]);
    for (const pol_word *w = need; w->s; w++)
        if (w->n < t || memcmp(w->s + w->n - t, need->s + need->n - t, t) != 0)
            return 0;
    return need[1].s ? (unsigned char)t : 0; /* one word: searched whole */
}

/* first_needed for literals that all end with one character (tail bytes
 * long): that character is searched for once, and the literals that end
 * there are read back from it.  Lines hold 备 often (设备, 准备), ICP备
 * and 公网安备 almost never. */
static size_t first_needed_by_tail(const pol_word *need, size_t tail, const char *s, size_t len,
                                   size_t max_at)
{
    size_t max_n = 0;
    for (const pol_word *w = need; w->s; w++)
        if (w->n > max_n)
            max_n = w->n;
    /* a literal that starts by max_at ends by max_at + max_n */
    size_t end = max_at < len && len - max_at > max_n ? max_at + max_n : len;
    const char *t = need->s + need->n - tail;
    size_t best = SIZE_MAX;
    for (size_t o = 0; o < end;) {
        size_t hit = pol_find_n(s + o, end - o, t, tail);
        if (hit == SIZE_MAX)
            break;
        size_t q = o + hit; /* a literal ending here starts at q + tail - n */
        if (best != SIZE_MAX && q + tail >= best + max_n)
            break; /* no later one starts before the best */
        for (const pol_word *w = need; w->s; w++) {
            size_t e = q + tail;
            if (e >= w->n && memcmp(s + e - w->n, w->s, w->n) == 0 && e - w->n <= max_at && e - w->n < best)
                best = e - w->n;
        }
        o = q + tail;
    }
    return best;
}

/* Where the first of the needed literals starting at most `max_at` bytes in
 * occurs in s, or SIZE_MAX. */
static size_t first_needed(const pol_word *need, const char *s, size_t len, size_t max_at)
{
    size_t first = SIZE_MAX;
    for (; need->s; need++) {
        size_t end = first != SIZE_MAX ? first : len;
        if (max_at < end && end - max_at > need->n)
            end = max_at + need->n; /* the literal starts at max_at at the latest */
        size_t at = pol_find_n(s, end, need->s, need->n);
        if (at != SIZE_MAX)
            first = at;
    }
    return first;
}

/* Where the white space \s matches ends, from byte p on. */
static size_t skip_spaces(const char *s, size_t len, size_t p)
{
    static const char spaces[] = UCP_SPACES;
    while (p < len) {
        size_t n = pol_utf8_len(s[p]);
        if (n > len - p || pol_find_n(spaces, sizeof spaces - 1, s + p, n) == SIZE_MAX)
            break;
        p += n;
    }
    return p;
}

/* Is a needed literal at or after `from` followed, at one of the places
 * `at` past its end, by white space and a colon? */
static bool colon_follows(const pol_word *need, const signed char at[2], const char *s, size_t len,
                          size_t from)
{
    for (; need->s; need++)
        for (size_t o = from; o < len; o += need->n) {
            size_t hit = pol_find_n(s + o, len - o, need->s, need->n);
            if (hit == SIZE_MAX)
                break;
            o += hit;
            for (int k = 0; k < 2; k++) {
                if (at[k] < 0 || o + need->n + (size_t)at[k] > len)
                    continue;
                size_t q = skip_spaces(s, len, o + need->n + (size_t)at[k]);
                if (pol_starts_with(s + q, len - q, "：") || (q < len && s[q] == ':'))
                    return true;
            }
        }
    return false;
}

static void prepare(pol_patterns *p, pol_pattern_id id);

pol_status pol_patterns_compile(pol_patterns *p, pol_error *err)
{
    bool use_jit = p->use_jit;
    memset(p, 0, sizeof *p);
    p->use_jit = use_jit;
    p->offset_limit = SIZE_MAX;
    for (size_t i = 0; i < sizeof defs / sizeof defs[0]; i++) {
        if (!defs[i].source)
            continue;
        int code;
        PCRE2_SIZE off;
        /* references are searched for up to a mark (pol_reference_match) */
        uint32_t limited = defs[i].id == PAT_REFERENCE ? PCRE2_USE_OFFSET_LIMIT : 0;
        pcre2_code *re = pcre2_compile((PCRE2_SPTR)defs[i].source, PCRE2_ZERO_TERMINATED,
                                       PCRE2_UTF | PCRE2_UCP | PCRE2_NO_UTF_CHECK | limited, &code,
                                       &off, NULL);
        if (!re) {
            PCRE2_UCHAR msg[120];
            pcre2_get_error_message(code, msg, sizeof msg);
            pol_patterns_free(p);
            if (code == PCRE2_ERROR_HEAP_FAILED)
                return pol_error_set(err, POL_ERR_NOMEM, SIZE_MAX, 0, 0, "out of memory");
            return pol_error_set(err, POL_ERR_INTERNAL, SIZE_MAX, 0, 0,
                                 "pattern %zu does not compile at %zu: %s", i, (size_t)off,
                                 (const char *)msg);
        }
        p->code[defs[i].id] = re;
        prepare(p, defs[i].id);
    }
    for (size_t i = 0; i < sizeof guards / sizeof guards[0]; i++) {
        p->first[guards[i].id] = guards[i].first;
        p->last[guards[i].id] = guards[i].last;
        p->first_len[guards[i].id] = guards[i].first ? strlen(guards[i].first) : 0;
        p->last_len[guards[i].id] = guards[i].last ? strlen(guards[i].last) : 0;
        if (guards[i].first)
            hash_set(p->first_bits[guards[i].id], guards[i].first);
        if (guards[i].last)
            hash_set(p->last_bits[guards[i].id], guards[i].last);
        p->need[guards[i].id] = guards[i].need;
        p->need_lead[guards[i].id] = guards[i].lead;
        p->need_tail[guards[i].id] = guards[i].need ? shared_tail(guards[i].need) : 0;
    }
    memset(p->colon_at, -1, sizeof p->colon_at);
    for (size_t i = 0; i < sizeof colon_guards / sizeof colon_guards[0]; i++)
        memcpy(p->colon_at[colon_guards[i].id], colon_guards[i].at, 2);
    p->md = pcre2_match_data_create(16, NULL);
    p->mctx = pcre2_match_context_create(NULL);
    if (!p->md || !p->mctx) {
        pol_patterns_free(p);
        return pol_error_set(err, POL_ERR_NOMEM, SIZE_MAX, 0, 0, "out of memory");
    }
    pcre2_set_depth_limit(p->mctx, MATCH_DEPTH_LIMIT);
    return POL_OK;
}

/* JIT-compiles a pattern (an optimization: where JIT is unavailable or
 * turned off the interpreter serves) and notes whether it is anchored. */
static void prepare(pol_patterns *p, pol_pattern_id id)
{
    uint32_t opts = 0;
    p->jitted[id] = p->use_jit && pcre2_jit_compile(p->code[id], PCRE2_JIT_COMPLETE) == 0;
    pcre2_pattern_info(p->code[id], PCRE2_INFO_ALLOPTIONS, &opts);
    p->anchored[id] = (opts & PCRE2_ANCHORED) != 0;
}

void pol_patterns_reset_counts(pol_patterns *p) { memset(&p->counts, 0, sizeof p->counts); }

/* Does word w end at byte e of s, the line ends between its characters
 * skipped (the joins remove them)? */
static bool ends_across_lines(const char *s, size_t e, const pol_word *w)
{
    for (size_t k = w->n; k > 0;) {
        if (e == 0)
            return false;
        char c = s[--e];
        if (c != '\n' && c != w->s[--k])
            return false;
    }
    return true;
}

/* Does s hold one of the words, across line ends too?  The words share
 * their last character (t bytes), which a line end cannot split: it is
 * searched for once, and the words are read back from it. */
static bool holds_across_lines(const char *s, size_t len, const pol_word *words, size_t t)
{
    const char *last = words->s + words->n - t;
    for (size_t o = 0, hit; o < len && (hit = pol_find_n(s + o, len - o, last, t)) != SIZE_MAX; o += hit + t)
        for (const pol_word *w = words; w->s; w++)
            if (ends_across_lines(s, o + hit + t, w))
                return true;
    return false;
}

void pol_patterns_note_text(pol_patterns *p, const char *s, size_t len)
{
    p->noted = s;
    p->noted_len = s ? len : 0;
    p->absent = 0;
    for (size_t i = 0; s && i < sizeof rare / sizeof rare[0]; i++)
        if (!holds_across_lines(s, len, p->need[rare[i]], p->need_tail[rare[i]]))
            p->absent |= 1ULL << rare[i];
}

/* Appends s to b with PCRE2's metacharacters escaped. */
static void append_literal(pol_buf *b, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (strchr("\\^$.|?*+()[]{}/-", s[i])) /* - too: a class of characters, no range */
            pol_buf_putc(b, '\\');
        pol_buf_putc(b, s[i]);
    }
}

/* ------------------------------------------------------------ quantities */

/* PAT_QUANTITY read by hand: each of its groups but the number is optional
 * and nothing after them can fail, so the match PCRE2 finds is each group's
 * first alternative that matches, in turn.  PCRE2 tried the units one after
 * another at every number (the pattern was about 3% of the parse); here
 * only the units that open with the character found are tried. */

/* A unit of the catalogue as pol_quantity_match tries it: in the pattern's
 * order (longest first), chained by the hash of its first character. */
struct quantity_unit {
    const char *s, *not_before;
    size_t n, nb_len;
    size_t next; /* the next unit of its bucket, or SIZE_MAX */
};

static size_t first_char_hash(const char *s, size_t len)
{
    size_t n = pol_utf8_len(s[0]);
    return pol_char_hash(s, n <= len ? n : len);
}

/* The words of PAT_QUANTITY's groups after the number, in its order. */
static const char *const range_marks[] = {"—", "–", "-", "～", "~", "至", NULL};
static const char *const more[] = {"余", "多", NULL};
static const char *const mults[] = {"万亿", "千亿", "百亿", "亿", "千万", "百万", "万", NULL};
static const char *const closing[] = {"以上", "以下", "以内", "左右", "多", NULL};

static void hash_first(uint64_t bits[4], const char *s, size_t n)
{
    pol_hash_add(bits, (unsigned)first_char_hash(s, n));
}

static void index_units(pol_patterns *p, struct quantity_unit *q, const pol_unit *units, size_t n)
{
    memset(p->opens_group, 0, sizeof p->opens_group);
    const char *const *lists[] = {range_marks, more, mults, closing};
    for (size_t l = 0; l < sizeof lists / sizeof lists[0]; l++)
        for (const char *const *w = lists[l]; *w; w++)
            hash_first(p->opens_group, *w, strlen(*w));
    free(p->units);
    p->units = q;
    p->n_units = n;
    for (size_t b = 0; b < 256; b++)
        p->unit_bucket[b] = SIZE_MAX;
    /* from the last, so that each bucket's chain keeps the pattern's order */
    for (size_t i = n; i-- > 0;) {
        q[i] = (struct quantity_unit){units[i].unit, units[i].not_before, strlen(units[i].unit),
                                      units[i].not_before ? strlen(units[i].not_before) : 0, SIZE_MAX};
        size_t h = first_char_hash(q[i].s, q[i].n);
        q[i].next = p->unit_bucket[h];
        p->unit_bucket[h] = i;
        hash_first(p->opens_group, q[i].s, q[i].n);
    }
}

/* The pattern's classes of Chinese numerals, as bits of a character. */
enum {
    CN_DIGIT = 1,    /* [一二两三四五六七八九十] */
    CN_HUNDRED = 2,  /* 百 */
    CN_THOUSAND = 4, /* 千 */
    CN_ZERO = 8      /* 零 */
};

static unsigned cn_class(const char *s, size_t len, size_t i)
{
    const unsigned char *u = (const unsigned char *)s;
    if (i + 3 > len || u[i] < 0xE4 || u[i] > 0xE9)
        return 0;
    uint32_t cp = ((uint32_t)(u[i] & 0x0F) << 12) | ((uint32_t)(u[i + 1] & 0x3F) << 6) | (u[i + 2] & 0x3F);
    switch (cp) {
    case 0x4E00: case 0x4E8C: case 0x4E24: case 0x4E09: case 0x56DB: case 0x4E94:
    case 0x516D: case 0x4E03: case 0x516B: case 0x4E5D: case 0x5341:
        return CN_DIGIT; /* 一 二 两 三 四 五 六 七 八 九 十 */
    case 0x767E: return CN_HUNDRED;
    case 0x5343: return CN_THOUSAND;
    case 0x96F6: return CN_ZERO;
    default: return 0;
    }
}

static bool is_digit_at(const char *s, size_t len, size_t i) { return i < len && s[i] >= '0' && s[i] <= '9'; }

/* The end of the run from i of characters in `classes` (ASCII digits for
 * 0), i when none. */
static size_t run_end(const char *s, size_t len, size_t i, unsigned classes)
{
    if (!classes) {
        while (is_digit_at(s, len, i))
            i++;
        return i;
    }
    while (cn_class(s, len, i) & classes)
        i += 3;
    return i;
}

/* [0-9]+(?:\.[0-9]+)? from i: its end, i when none. */
static size_t decimal_end(const char *s, size_t len, size_t i)
{
    size_t e = run_end(s, len, i, 0);
    if (e > i && e < len && s[e] == '.' && is_digit_at(s, len, e + 1))
        e = run_end(s, len, e + 1, 0);
    return e;
}

/* After 分之: (?:[0-9]+(?:\.[0-9]+)?|[一二两三四五六七八九十]+); its end, i when none. */
static size_t denominator_end(const char *s, size_t len, size_t i)
{
    return is_digit_at(s, len, i) ? decimal_end(s, len, i) : run_end(s, len, i, CN_DIGIT);
}

/* Group 1, the number: the first of the pattern's alternatives that
 * matches at `at`; its end, or `at` when none does. */
static size_t number_end(const char *s, size_t len, size_t at)
{
    size_t e;
    if (is_digit_at(s, len, at)) {
        size_t d = run_end(s, len, at, 0);
        /* [0-9]+分之… */
        if (pol_starts_with(s + d, len - d, "分之") && (e = denominator_end(s, len, d + 6)) > d + 6)
            return e;
        /* [0-9]+/[0-9]+(?![0-9/]) */
        if (d < len && s[d] == '/' && is_digit_at(s, len, d + 1)) {
            e = run_end(s, len, d + 1, 0);
            if (e == len || s[e] != '/')
                return e;
        }
        /* [0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)? */
        e = d;
        while (e + 4 <= len && s[e] == ',' && is_digit_at(s, len, e + 1) && is_digit_at(s, len, e + 2) &&
               is_digit_at(s, len, e + 3))
            e += 4;
        if (e < len && s[e] == '.' && is_digit_at(s, len, e + 1))
            e = run_end(s, len, e + 1, 0);
        return e;
    }
    unsigned c = cn_class(s, len, at);
    if (!c)
        return at;
    /* [一二两三四五六七八九十百]+分之… */
    size_t r = run_end(s, len, at, CN_DIGIT | CN_HUNDRED);
    if (r > at && pol_starts_with(s + r, len - r, "分之") && (e = denominator_end(s, len, r + 6)) > r + 6)
        return e;
    /* [一二两三四五六七八九十]成(?![功立为果绩本员熟型]) */
    static const char not_after_tenths[] = "功立为果绩本员熟型";
    if ((c & CN_DIGIT) && pol_starts_with(s + at + 3, len - at - 3, "成") &&
        !(at + 9 <= len && pol_find_n(not_after_tenths, sizeof not_after_tenths - 1, s + at + 6, 3) != SIZE_MAX))
        return at + 6;
    /* [零一二两三四五六七八九十百千]*[百千][零一二两三四五六七八九十百千]*: a run that holds 百 or 千 */
    unsigned all = CN_DIGIT | CN_HUNDRED | CN_THOUSAND | CN_ZERO, seen = 0;
    for (e = at; (c = cn_class(s, len, e)) & all; e += 3)
        seen |= c;
    return seen & (CN_HUNDRED | CN_THOUSAND) ? e : at;
}

/* The first of the words at i, in order: its length, or 0. */
static size_t word_at(const char *s, size_t len, size_t i, const char *const *words)
{
    for (size_t k = 0; words[k]; k++)
        if (pol_starts_with(s + i, len - i, words[k]))
            return strlen(words[k]);
    return 0;
}

/* The unit at i, the pattern's first alternative that matches (a unit
 * and no character of its not_before after it): its index, or SIZE_MAX. */
static size_t unit_at(const pol_patterns *p, const char *s, size_t len, size_t i)
{
    if (i >= len)
        return SIZE_MAX;
    for (size_t k = p->unit_bucket[first_char_hash(s + i, len - i)]; k != SIZE_MAX; k = p->units[k].next) {
        const struct quantity_unit *u = &p->units[k];
        if (u->n > len - i || memcmp(s + i, u->s, u->n) != 0)
            continue;
        size_t e = i + u->n;
        /* (?![…]): the character after it is none of these */
        if (u->nb_len && e < len) {
            size_t cn = pol_utf8_len(s[e]);
            if (cn <= len - e && pol_find_n(u->not_before, u->nb_len, s + e, cn) != SIZE_MAX)
                continue;
        }
        return k;
    }
    return SIZE_MAX;
}

bool pol_quantity_match(const pol_patterns *p, const char *s, size_t len, size_t at, size_t m[14])
{
    /* (?<![0-9A-Za-z.,+/]) */
    if (at > 0) {
        char b = s[at - 1];
        if ((b >= '0' && b <= '9') || (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || b == '.' ||
            b == ',' || b == '+' || b == '/')
            return false;
    }
    size_t q = number_end(s, len, at), n;
    if (q == at)
        return false;
    for (int g = 4; g < 14; g++)
        m[g] = PCRE2_UNSET;
    m[0] = m[2] = at;
    m[3] = q;
    /* the groups after the number each open with one of their words or
     * units: where no such character follows, as after most numbers
     * (2025年, 3月), none of them matches */
    if (q >= len || !pol_hash_in(p->opens_group, (unsigned)first_char_hash(s + q, len - q))) {
        m[1] = q;
        return true;
    }
    /* (?:(?:—|–|-|～|~|至)([0-9]+(?:\.[0-9]+)?))? */
    if ((n = word_at(s, len, q, range_marks)) && is_digit_at(s, len, q + n)) {
        m[4] = q + n;
        q = m[5] = decimal_end(s, len, q + n);
    }
    if ((n = word_at(s, len, q, more))) {
        m[6] = q;
        q = m[7] = q + n;
    }
    if ((n = word_at(s, len, q, mults))) {
        m[8] = q;
        q = m[9] = q + n;
    }
    size_t u = unit_at(p, s, len, q);
    if (u != SIZE_MAX) {
        m[10] = q;
        q = m[11] = q + p->units[u].n;
    }
    if ((n = word_at(s, len, q, closing))) {
        m[12] = q;
        q = m[13] = q + n;
    }
    m[1] = q;
    return true;
}

static int longer_first(const void *a, const void *b)
{
    const pol_unit *x = a, *y = b;
    size_t lx = strlen(x->unit), ly = strlen(y->unit);
    return lx != ly ? (lx < ly ? 1 : -1) : strcmp(x->unit, y->unit);
}

pol_status pol_patterns_set_units(pol_patterns *p, pol_unit *units, size_t n, pol_error *err)
{
    /* longest first, so that 平方公里 wins over 公里 and 千瓦时 over 千瓦 */
    qsort(units, n, sizeof *units, longer_first);
    pol_buf b;
    pol_buf_init(&b);
    pol_buf_append(&b, quantity_head, strlen(quantity_head));
    for (size_t i = 0; i < n; i++) {
        if (i)
            pol_buf_putc(&b, '|');
        append_literal(&b, units[i].unit, strlen(units[i].unit));
        if (units[i].not_before && *units[i].not_before) {
            pol_buf_append(&b, "(?![", 4);
            append_literal(&b, units[i].not_before, strlen(units[i].not_before));
            pol_buf_append(&b, "])", 2);
        }
    }
    pol_buf_append(&b, quantity_tail, strlen(quantity_tail));
    if (b.failed) {
        pol_buf_free(&b);
        return pol_error_set(err, POL_ERR_NOMEM, SIZE_MAX, 0, 0, "out of memory");
    }
    int code;
    PCRE2_SIZE off;
    /* anchored: targets.c tries it only where a number can start, which is
     * far faster than letting PCRE2 try at every Chinese character */
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)b.data, b.len, PCRE2_UTF | PCRE2_UCP | PCRE2_ANCHORED,
                                   &code, &off, NULL);
    pol_buf_free(&b);
    if (!re && code == PCRE2_ERROR_HEAP_FAILED)
        return pol_error_set(err, POL_ERR_NOMEM, SIZE_MAX, 0, 0, "out of memory");
    if (!re)
        return pol_error_set(err, POL_ERR_ARG, SIZE_MAX, 0, 0, "the unit catalogue gives no valid pattern");
    struct quantity_unit *q = malloc((n ? n : 1) * sizeof *q);
    if (!q) {
        pcre2_code_free(re);
        return pol_error_set(err, POL_ERR_NOMEM, SIZE_MAX, 0, 0, "out of memory");
    }
    pcre2_code_free(p->code[PAT_QUANTITY]);
    p->code[PAT_QUANTITY] = re;
    prepare(p, PAT_QUANTITY);
    index_units(p, q, units, n);
    return POL_OK;
}

void pol_patterns_free(pol_patterns *p)
{
    free(p->units);
    for (int i = 0; i < PAT_COUNT; i++)
        pcre2_code_free(p->code[i]);
    pcre2_match_data_free(p->md);
    pcre2_match_context_free(p->mctx);
    memset(p, 0, sizeof *p);
}

bool pol_pattern_may_match(const pol_patterns *p, pol_pattern_id id, const char *s, size_t len)
{
    return p->guards_off || !(p->first[id] || p->last[id]) || passes_guard(p, id, s, len);
}

/* Does s[0..len) lie inside the noted text?  By address: a subject from
 * anywhere else (before it, or past its end) is not. */
static inline bool inside_noted(const pol_patterns *p, const char *s, size_t len)
{
    uintptr_t at = (uintptr_t)s, from = (uintptr_t)p->noted;
    return at >= from && at - from <= p->noted_len && len <= p->noted_len - (at - from);
}

/* Is the character that ends at byte k (k > 0) one that \s matches? */
static size_t space_before(const char *s, size_t k)
{
    static const char spaces[] = UCP_SPACES;
    size_t c = pol_utf8_prev(s, k);
    return pol_find_n(spaces, sizeof spaces - 1, s + c, k - c) != SIZE_MAX ? k - c : 0;
}

/* The bracket that closes at byte k (k > 0): its length, or 0. */
static size_t closer_before(const char *s, size_t k)
{
    return s[k - 1] == ')' ? 1 : k >= 3 && memcmp(s + k - 3, "）", 3) == 0 ? 3 : 0;
}

/* The words of the patterns that close the subject with one of a list of
 * words, (w1|w2|…)$ (and PAT_TITLE_KIND, whose words parentheticals may
 * follow), in their order: stage_patterns holds each list to its
 * pattern's. */
static const pol_word kind_words[] = {
    POL_WORD("通知"), POL_WORD("方案"), POL_WORD("意见"), POL_WORD("报告"), POL_WORD("计划"),
    POL_WORD("规划"), POL_WORD("办法"), POL_WORD("要点"), POL_WORD("细则"), POL_WORD("规定"),
    POL_WORD("决定"), POL_WORD("清单"), POL_WORD("目录"), POL_WORD("指南"), POL_WORD("措施"),
    POL_WORD("条例"), POL_WORD("纲要"), POL_WORD("规则"), POL_WORD("决议"), POL_WORD("公告"),
    POL_WORD("通告"), POL_WORD("通报"), POL_WORD("批复"), POL_WORD("纪要"), POL_WORD("指引"),
    POL_WORD("名单"), POL_WORD("工作报告"), {NULL, 0}};
static const pol_word organ_words[] = {
    POL_WORD("人民政府"), POL_WORD("政府"), POL_WORD("办公厅"), POL_WORD("办公室"), POL_WORD("委员会"),
    POL_WORD("管委会"), POL_WORD("办事处"), POL_WORD("人大常委会"), POL_WORD("常委会"), POL_WORD("政协"),
    POL_WORD("法院"), POL_WORD("检察院"), POL_WORD("联合会"), POL_WORD("协会"), POL_WORD("领导小组"),
    POL_WORD("小组"), POL_WORD("中心"), POL_WORD("公司"), POL_WORD("集团"), POL_WORD("党委"),
    POL_WORD("党组"), POL_WORD("局"), POL_WORD("厅"), POL_WORD("部"), POL_WORD("委"), POL_WORD("院"),
    POL_WORD("署"), POL_WORD("办"), POL_WORD("会"), POL_WORD("处"), POL_WORD("科"), POL_WORD("所"),
    POL_WORD("站"), POL_WORD("队"), {NULL, 0}};
static const pol_word enterprise_words[] = {POL_WORD("公司"), POL_WORD("集团"), POL_WORD("企业"),
                                            POL_WORD("银行"), POL_WORD("分行"), POL_WORD("支行"),
                                            {NULL, 0}};
static const pol_word government_words[] = {
    POL_WORD("人民政府"), POL_WORD("政府"), POL_WORD("办公厅"), POL_WORD("办公室"), POL_WORD("委员会"),
    POL_WORD("管委会"), POL_WORD("办事处"), POL_WORD("局"), POL_WORD("厅"), POL_WORD("部"), POL_WORD("委"),
    POL_WORD("办"), POL_WORD("署"), POL_WORD("院"), POL_WORD("中心"), POL_WORD("海关"), POL_WORD("支队"),
    POL_WORD("大队"), {NULL, 0}};

/* The length of the longest of the words that ends at byte e of s, or 0:
 * where a pattern's (w1|w2|…) must end at e, its leftmost match starts
 * there (no two words are the same). */
static size_t longest_ending(const pol_word *words, const char *s, size_t e)
{
    size_t best = 0;
    for (const pol_word *w = words; w->s; w++)
        if (w->n > best && w->n <= e && memcmp(s + e - w->n, w->s, w->n) == 0)
            best = w->n;
    return best;
}

/* (w1|w2|…)$ from offset 0, $ matching before a final line end too. */
static bool suffix_read(const pol_word *words, const char *s, size_t len, size_t m[4])
{
    size_t e = len > 0 && s[len - 1] == '\n' ? len - 1 : len, best = longest_ending(words, s, e);
    if (!best)
        return false;
    m[0] = m[2] = e - best;
    m[1] = m[3] = e;
    return true;
}

static bool organ_read(const char *s, size_t len, size_t m[4]) { return suffix_read(organ_words, s, len, m); }
static bool enterprise_read(const char *s, size_t len, size_t m[4])
{
    return suffix_read(enterprise_words, s, len, m);
}
static bool government_read(const char *s, size_t len, size_t m[4])
{
    return suffix_read(government_words, s, len, m);
}

/* PAT_TITLE_KIND read from the end: the bracketed parentheticals that end
 * the subject are taken off from the last (each a bracket, one to forty
 * characters of no bracket and a bracket, white space before it; a
 * parenthetical's inside holds no bracket, so there is one way to read
 * them), and a kind word must end where they begin: no kind word ends with
 * a bracket, so none ends anywhere else.  Of the kind words that end
 * there, the pattern's leftmost match takes the longest (工作报告, not
 * 报告). */
static bool title_kind_read(const char *s, size_t len, size_t m[4])
{
    size_t e = len > 0 && s[len - 1] == '\n' ? len - 1 : len; /* where $ matches */
    size_t k = e, n;
    while (k > 0 && (n = closer_before(s, k)) > 0) {
        size_t j = k - n, chars = 0;
        for (; j > 0 && !closer_before(s, j); chars++) {
            if (s[j - 1] == '(' || (j >= 3 && memcmp(s + j - 3, "（", 3) == 0))
                break;
            j = pol_utf8_prev(s, j);
        }
        if (j == 0 || closer_before(s, j) || chars < 1 || chars > 40)
            return false;
        k = j - (s[j - 1] == '(' ? 1 : 3);
        while (k > 0 && (n = space_before(s, k)) > 0)
            k -= n;
    }
    size_t w = longest_ending(kind_words, s, k);
    if (!w)
        return false;
    m[0] = m[2] = k - w;
    m[3] = k;
    m[1] = e;
    return true;
}

const pol_word *pol_pattern_suffix_words(pol_pattern_id id)
{
    return id == PAT_TITLE_KIND ? kind_words
         : id == PAT_ORGAN ? organ_words
         : id == PAT_AGENCY_ENTERPRISE ? enterprise_words
         : id == PAT_AGENCY_GOVERNMENT ? government_words : NULL;
}

/* The numerals of the heading markers: [一二三四五六七八九十百零〇] */
static bool cn_numeral_at(const char *s, size_t len, size_t i)
{
    if (len - i < 3)
        return false;
    switch ((uint32_t)(unsigned char)s[i] << 16 | (uint32_t)(unsigned char)s[i + 1] << 8 |
            (unsigned char)s[i + 2]) {
    case 0xE4B880: case 0xE4BA8C: case 0xE4B889: case 0xE59B9B: case 0xE4BA94: /* 一二三四五 */
    case 0xE585AD: case 0xE4B883: case 0xE585AB: case 0xE4B99D: case 0xE58D81: /* 六七八九十 */
    case 0xE799BE: case 0xE99BB6: case 0xE38087:                               /* 百零〇 */
        return true;
    }
    return false;
}

/* The heading markers' parts: where a run of numerals (Chinese, or one to
 * three digits) from i ends, i when there is none. */
static size_t marker_numerals(const char *s, size_t len, size_t i, bool digits)
{
    size_t e = i;
    if (digits) {
        while (e < len && s[e] >= '0' && s[e] <= '9')
            e++;
        return e - i <= 3 ? e : i; /* [0-9]{1,3}: a fourth digit fails what follows */
    }
    while (cn_numeral_at(s, len, e))
        e += 3;
    return e;
}

/* ^(numerals)(?:、|\.(?![0-9]))\s* : 一、 and 1. */
static bool marker_read(const char *s, size_t len, bool digits, size_t m[4])
{
    size_t e = marker_numerals(s, len, 0, digits), q;
    if (e == 0)
        return false;
    if (pol_starts_with(s + e, len - e, "、"))
        q = e + 3;
    else if (e < len && s[e] == '.' && !(e + 1 < len && s[e + 1] >= '0' && s[e + 1] <= '9'))
        q = e + 1;
    else
        return false;
    m[0] = m[2] = 0;
    m[3] = e;
    m[1] = skip_spaces(s, len, q);
    return true;
}

/* ^[（(](numerals)[）)][、.]?\s* : （一） and (1) */
static bool paren_marker_read(const char *s, size_t len, bool digits, size_t m[4])
{
    size_t o = len > 0 && s[0] == '(' ? 1 : pol_starts_with(s, len, "（") ? 3 : 0;
    if (!o)
        return false;
    size_t e = marker_numerals(s, len, o, digits), q;
    if (e == o)
        return false;
    if (e < len && s[e] == ')')
        q = e + 1;
    else if (pol_starts_with(s + e, len - e, "）"))
        q = e + 3;
    else
        return false;
    if (pol_starts_with(s + q, len - q, "、"))
        q += 3;
    else if (q < len && s[q] == '.')
        q++;
    m[0] = 0;
    m[2] = o;
    m[3] = e;
    m[1] = skip_spaces(s, len, q);
    return true;
}

static bool head_cn_read(const char *s, size_t len, size_t m[4]) { return marker_read(s, len, false, m); }
static bool head_num_read(const char *s, size_t len, size_t m[4]) { return marker_read(s, len, true, m); }
static bool head_cn_paren_read(const char *s, size_t len, size_t m[4])
{
    return paren_marker_read(s, len, false, m);
}
static bool head_num_paren_read(const char *s, size_t len, size_t m[4])
{
    return paren_marker_read(s, len, true, m);
}

/* Patterns read by hand where PCRE2 costs more than the reading: those
 * whose end decides, which PCRE2 would scan the whole subject for, and
 * the heading markers tried at every line.  Each gives the match (with
 * group 1) that the pattern gives from offset 0, and stage_patterns
 * holds it to the pattern. */
static bool (*const hand_readers[PAT_COUNT])(const char *s, size_t len, size_t m[4]) = {
    [PAT_TITLE_KIND] = title_kind_read,
    [PAT_ORGAN] = organ_read,
    [PAT_AGENCY_ENTERPRISE] = enterprise_read,
    [PAT_AGENCY_GOVERNMENT] = government_read,
    [PAT_HEAD_CN] = head_cn_read,
    [PAT_HEAD_NUM] = head_num_read,
    [PAT_HEAD_CN_PAREN] = head_cn_paren_read,
    [PAT_HEAD_NUM_PAREN] = head_num_paren_read,
};

const char *pol_pattern_source(pol_pattern_id id)
{
    for (size_t i = 0; i < sizeof defs / sizeof defs[0]; i++)
        if (defs[i].id == id)
            return defs[i].source;
    return NULL;
}

bool pol_pattern_match_at(pol_patterns *p, pol_pattern_id id, const char *s, size_t len,
                          size_t start, const size_t **ov)
{
    /* Lines are valid UTF-8 by construction (decode.c), so the check is skipped. */
    /* A linear pattern may take a few steps per byte of a long line; a
     * backtracking one takes more, and is stopped at this limit. */
    /* only at 0, where a loop over a subject begins: later calls would scan
     * the rest again, and a loop of them could take quadratic time */
    if (start == 0 && !p->guards_off) {
        size_t first = 0, max_at = p->anchored[id] ? p->need_lead[id] : SIZE_MAX;
        if (((p->absent >> id) & 1 && inside_noted(p, s, len)) ||
            ((p->first[id] || p->last[id]) && !passes_guard(p, id, s, len)) ||
            (p->colon_at[id][0] >= 0 && !pol_has_colon(s, len)) ||
            (p->need[id] &&
             (first = p->need_tail[id] ? first_needed_by_tail(p->need[id], p->need_tail[id], s, len, max_at)
                                       : first_needed(p->need[id], s, len, max_at)) == SIZE_MAX) ||
            (p->colon_at[id][0] >= 0 && !colon_follows(p->need[id], p->colon_at[id], s, len, first))) {
            p->counts.calls++;
            p->counts.scan_bytes++;
            return false;
        }
        /* no match starts more than `lead` bytes before its literal: PCRE2
         * need not try the stretch before (on a character's first byte) */
        if (hand_readers[id]) {
            p->counts.calls++;
            p->counts.scan_bytes += len;
            bool found = hand_readers[id](s, len, p->hand_ov);
            if (found && ov)
                *ov = p->hand_ov;
            return found;
        }
        size_t lead = p->need_lead[id];
        if (p->need[id] && lead != SIZE_MAX && first > lead) {
            start = first - lead;
            while (start > 0 && ((unsigned char)s[start] & 0xC0) == 0x80)
                start--;
        }
    }
    size_t steps = MATCH_STEPS_BASE + MATCH_STEPS_PER_BYTE * (len - start);
    pcre2_set_match_limit(p->mctx, steps > UINT32_MAX ? UINT32_MAX : (uint32_t)steps);
    /* the places a match may start: to the end, or to the offset limit */
    size_t stop = p->offset_limit < len ? p->offset_limit + 1 : len;
    size_t starts = stop > start ? stop - start : 0;
    if (p->offset_limit != SIZE_MAX)
        pcre2_set_offset_limit(p->mctx, p->offset_limit);
    /* pcre2_jit_match skips pcre2_match's checks, a good part of the cost
     * of the short anchored matches that most calls are */
    int rc = p->jitted[id]
                 ? pcre2_jit_match(p->code[id], (PCRE2_SPTR)s, len, start, 0, p->md, p->mctx)
                 : pcre2_match(p->code[id], (PCRE2_SPTR)s, len, start, PCRE2_NO_UTF_CHECK, p->md,
                               p->mctx);
    if (p->offset_limit != SIZE_MAX)
        pcre2_set_offset_limit(p->mctx, PCRE2_UNSET);
    p->counts.calls++;
    if (rc < 0) {
        if (rc != PCRE2_ERROR_NOMATCH)
            p->counts.limit_hits++;
        p->counts.scan_bytes += p->anchored[id] ? 1 : starts;
        return false;
    }
    const size_t *o = pcre2_get_ovector_pointer(p->md);
    p->counts.scan_bytes += o[1] > start ? o[1] - start : 1;
    if (ov)
        *ov = o;
    return true;
}


/* The next 年 at or after from + 4 with four digits before it, or len.
 * ([0-9]{4})年 matches at the digits: the leftmost match is the first
 * such 年, and the search for 年 runs by blocks (pol_find_n) where PCRE2
 * tried the pattern at each digit. */
static size_t year_mark(const char *s, size_t len, size_t from)
{
    for (size_t o = from + 4; o < len; o += 3) {
        size_t hit = pol_find_n(s + o, len - o, "年", 3);
        if (hit == SIZE_MAX)
            break;
        o += hit;
        bool digits = true;
        for (size_t k = o - 4; k < o && digits; k++)
            digits = s[k] >= '0' && s[k] <= '9';
        if (digits)
            return o;
    }
    return len;
}

bool pol_year_match(const char *s, size_t len, size_t start, size_t m[4])
{
    size_t o = year_mark(s, len, start);
    if (o == len)
        return false;
    m[0] = m[2] = o - 4;
    m[3] = o;
    m[1] = o + 3;
    return true;
}

/* The length of 前 or 以前 at q, or 0. */
static size_t before_word(const char *s, size_t len, size_t q)
{
    return pol_starts_with(s + q, len - q, "前") ? 3 : pol_starts_with(s + q, len - q, "以前") ? 6 : 0;
}

/* The length of one or two ASCII digits and `unit` at q (3月, 30日), or 0. */
static size_t date_part(const char *s, size_t len, size_t q, const char *unit)
{
    size_t n = 0;
    while (n < 2 && q + n < len && s[q + n] >= '0' && s[q + n] <= '9')
        n++;
    return n > 0 && pol_starts_with(s + q + n, len - q - n, unit) ? n + 3 : 0;
}

/* The end of (?:底|末)?(?:前|以前) at q, or 0. */
static size_t before_end(const char *s, size_t len, size_t q)
{
    if (pol_starts_with(s + q, len - q, "底") || pol_starts_with(s + q, len - q, "末")) {
        size_t w = before_word(s, len, q + 3);
        if (w)
            return q + 3 + w;
    }
    size_t w = before_word(s, len, q);
    return w ? q + w : 0;
}

/* (?:到|至|截至)([0-9]{4})年|([0-9]{4})年(?:[0-9]{1,2}月(?:[0-9]{1,2}日)?)?
 * (?:底|末)?(?:前|以前): of the places a match can start for one 年, 截至
 * starts leftmost, then 到 or 至, then the digits; a later 年's places all
 * lie past this one's digits.  After 年 the pattern tries a month (and a
 * day) first, and without them if what follows fails. */
/* The match the 年 at o gives, its digits before it, if any. */
static bool year_by_at(const char *s, size_t len, size_t start, size_t o, size_t m[4])
{
    size_t d = o - 4, e = o + 3, w;
    m[2] = d;
    m[3] = o;
    m[1] = e;
    if (d >= start + 6 && memcmp(s + d - 6, "截至", 6) == 0) {
        m[0] = d - 6;
        return true;
    }
    if (d >= start + 3 && (memcmp(s + d - 3, "到", 3) == 0 || memcmp(s + d - 3, "至", 3) == 0)) {
        m[0] = d - 3;
        return true;
    }
    m[0] = d;
    if ((w = date_part(s, len, e, "月")) > 0) {
        size_t day = date_part(s, len, e + w, "日"), end;
        if ((day && (end = before_end(s, len, e + w + day))) || (end = before_end(s, len, e + w))) {
            m[1] = end;
            return true;
        }
    }
    size_t end = before_end(s, len, e);
    if (end) {
        m[1] = end;
        return true;
    }
    return false;
}

bool pol_year_by_match(const char *s, size_t len, size_t start, size_t m[4])
{
    for (size_t from = start, o; (o = year_mark(s, len, from)) < len; from = o - 3)
        if (year_by_at(s, len, start, o, m))
            return true;
    return false;
}

bool pol_year_by_opens(const char *s, size_t len, size_t m[4])
{
    /* the only 年 such a match can hold: after 截至, 到 or 至 and four
     * digits, or after four digits */
    size_t p = 0;
    if (pol_starts_with(s, len, "截至"))
        p = 6;
    else if (pol_starts_with(s, len, "到") || pol_starts_with(s, len, "至"))
        p = 3;
    size_t o = p + 4;
    if (o + 3 > len || memcmp(s + o, "年", 3) != 0)
        return false;
    for (size_t k = p; k < o; k++)
        if (s[k] < '0' || s[k] > '9')
            return false;
    return year_by_at(s, len, 0, o, m) && m[0] == 0;
}

/* 《 and 》 are E3 80 8A and E3 80 8B; in valid UTF-8 an E3 byte opens a
 * character, so the bytes answer wherever they are read. */
static bool angle_at(const char *s, size_t len, size_t i, unsigned char last)
{
    return i + 2 < len && (unsigned char)s[i] == 0xE3 && (unsigned char)s[i + 1] == 0x80 &&
           (unsigned char)s[i + 2] == last;
}

/* CITED_TITLE, 《((?:[^《》\n]|《[^《》\n]*》){1,200})》, tried at the 《
 * at p: true with the end of its 》.  The loop takes characters and nested
 * 《…》 whole, and stops at the first 》 outside them, which must close the
 * title; backtracking can end it nowhere else, as no unit ends with 》 but
 * a nested title.  A line end, a 《 that does not close before the next
 * 《 or line end, or a 201st unit fails the try. */
static bool title_at(const char *s, size_t len, size_t p, size_t *end)
{
    size_t units = 0;
    for (size_t i = p + 3; i < len; units++) {
        if (s[i] == '\n')
            return false;
        if (angle_at(s, len, i, 0x8B)) {
            *end = i + 3;
            return units > 0;
        }
        if (units == 200)
            return false;
        if (angle_at(s, len, i, 0x8A)) {
            size_t j = i + 3;
            while (j < len && s[j] != '\n' && !angle_at(s, len, j, 0x8A) && !angle_at(s, len, j, 0x8B))
                j++;
            if (!angle_at(s, len, j, 0x8B))
                return false;
            i = j + 3;
        } else {
            i += pol_utf8_len(s[i]);
        }
    }
    return false;
}

bool pol_citation_match(const pol_places *pl, const char *s, size_t len, size_t start, size_t m[4])
{
    size_t end;
    for (size_t p = start; (p = pol_place_next(pl, POL_PLACE_CITATION, s, len, p)) < len; p += 3) {
        if (angle_at(s, len, p, 0x8A) && title_at(s, len, p, &end)) {
            m[0] = p;
            m[2] = p + 3;
            m[3] = end - 3;
            m[1] = end;
            return true;
        }
    }
    return false;
}

bool pol_reference_match(pol_patterns *p, const char *s, size_t len, size_t from, size_t limit,
                         size_t m[8])
{
    size_t end;
    /* at a 《 only the title can match (an issuer's name holds no 《); it
     * stands alone unless a bracket opens after it */
    if (angle_at(s, len, from, 0x8A) && title_at(s, len, from, &end)) {
        size_t after = skip_spaces(s, len, end);
        if (after == len || (s[after] != '(' && !pol_starts_with(s + after, len - after, "（"))) {
            m[0] = from;
            m[1] = end;
            m[2] = from + 3;
            m[3] = end - 3;
            m[4] = m[5] = m[6] = m[7] = PCRE2_UNSET;
            return true;
        }
    }
    const size_t *ov;
    p->offset_limit = limit;
    bool found = pol_pattern_match_at(p, PAT_REFERENCE, s, len, from, &ov);
    p->offset_limit = SIZE_MAX;
    if (found)
        memcpy(m, ov, 8 * sizeof *m);
    return found;
}

const char *pol_pattern_example(pol_pattern_id id, bool should_match)
{
    for (size_t i = 0; i < sizeof defs / sizeof defs[0]; i++)
        if (defs[i].id == id)
            return should_match ? defs[i].should : defs[i].should_not;
    return NULL;
}
