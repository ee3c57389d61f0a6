/*
 * stage_headings.c - every heading style, titles, levels by style rank, and
 * the recovery of misprinted numbers (headings.c, sections.c).
 */
#include "test.h"

/* Checks section n (document order) of text: level, ordinal, label, title. */
static void expect(const pol_result *r, int n, int level, int ordinal, const char *label,
                   const char *title)
{
    const pol_node *s = t_nth(pol_result_root(r), POL_NODE_SECTION, n);
    CHECK(s != NULL);
    if (!s)
        return;
    EQ_INT(pol_section_level(s), level);
    EQ_INT(pol_section_ordinal(s), ordinal);
    EQ_STR(pol_section_label(s), label);
    EQ_STR(pol_section_title(s), title);
}

static int count_sections(const pol_result *r)
{
    int n = 0;
    while (t_nth(pol_result_root(r), POL_NODE_SECTION, n))
        n++;
    return n;
}

static void each_style(void)
{
    struct {
        const char *line, *label, *title;
        int ordinal;
    } cases[] = {
        {"一、工作目标", "一、", "工作目标", 1},
        {"十二、其他", "十二、", "其他", 12},
        {"（三）主要目标。坚持制造业立区。", "（三）", "主要目标", 3},
        {"(二)蹄疾步稳推进改革攻坚", "(二)", "蹄疾步稳推进改革攻坚", 2},
        {"（二） 统筹规划原则", "（二）", "统筹规划原则", 2},
        {"1. 拓宽应用广度。完善目录。", "1.", "拓宽应用广度", 1},
        {"2.编制系统方案。结合新一轮规划。", "2.", "编制系统方案", 2},
        {"3、坚持人民至高至上，确保民生保障托底更有力", "3、", "坚持人民至高至上，确保民生保障托底更有力", 3},
        {"４．全面提升生态品质", "4.", "全面提升生态品质", 4},
        {"1 纵深推进重点领域改革", "1", "纵深推进重点领域改革", 1},
        {"100.加强保障体系建设。", "100.", "加强保障体系建设", 100}, /* three digits, the most */
        {"12 纵深推进重点领域改革", "12", "纵深推进重点领域改革", 12},
        {"（1）东沙产业园。做强增材制造。", "（1）", "东沙产业园", 1},
        {"(2)老旧物业提质增效示范园区", "(2)", "老旧物业提质增效示范园区", 2},
        {"③加强组织领导", "③", "加强组织领导", 3},
        {"第一章 总则", "第一章", "总则", 1},
        {"第二节 发展目标", "第二节", "发展目标", 2},
        {"第十条 本办法自印发之日起施行。", "第十条", "本办法自印发之日起施行", 10},
        {"第三部分 保障措施", "第三部分", "保障措施", 3},
        {"1.简政提效：深化行政审批改革。持续推进。", "1.", "简政提效", 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[512];
        snprintf(text, sizeof text, "%s\n", cases[i].line);
        pol_result *r = t_parse(text, 0);
        CHECK(r != NULL);
        if (!r)
            continue;
        EQ_INT(count_sections(r), 1);
        expect(r, 0, 1, cases[i].ordinal, cases[i].label, cases[i].title);
        pol_result_free(r);
    }
}

static void not_headings(void)
{
    const char *lines[] = {
        "一是坚持改革创新，二是扩大开放。",
        "2025 年全区地区生产总值超过4000亿元。",
        "1.5万亩土地完成整备。",
        "2025年全区地区生产总值超过4000亿元。",
        "1000.加强保障体系建设。", /* four digits: a year, not a marker */
        "（2022—2026年）",
        "——制造能级大幅跃升。",
        "- 打赢系列本土疫情阻击战。",
        "1\t通信终端设备制造与维修\t26\t通信网络应用",
        "一、实施背景........................3",
        "（一）",
        "第三章的规定不适用。",
    };
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
        char text[512];
        snprintf(text, sizeof text, "%s\n", lines[i]);
        pol_result *r = t_parse(text, 0);
        CHECK(r != NULL);
        if (r)
            EQ_INT(count_sections(r), 0);
        pol_result_free(r);
    }
}

static void levels_by_rank(void)
{
    /* a 1. list printed before a section's first （二） keeps its level 3,
     * and nests under the 一、 before it */
    pol_result *r = t_parse("一、重点任务\n1.加强保障。内容。\n2.北片改造。内容。\n"
                            "（二）加快转换\n1.推动融合。内容。\n（1）东沙产业园。内容。\n",
                            0);
    expect(r, 0, 1, 1, "一、", "重点任务");
    expect(r, 1, 3, 1, "1.", "加强保障");
    expect(r, 2, 3, 2, "2.", "北片改造");
    expect(r, 3, 2, 2, "（二）", "加快转换");
    expect(r, 4, 3, 1, "1.", "推动融合");
    expect(r, 5, 4, 1, "（1）", "东沙产业园");
    const pol_node *s1 = t_nth(pol_result_root(r), POL_NODE_SECTION, 1);
    EQ_STR(pol_section_title(pol_node_parent(s1)), "重点任务");
    pol_result_free(r);

    /* a document that starts at （一） has it at level 1 */
    r = t_parse("(一) 坚持深化改革开放\n1 纵深推进重点领域改革\n2 持续扩大对外开放合作\n", 0);
    expect(r, 0, 1, 1, "(一)", "坚持深化改革开放");
    expect(r, 1, 2, 1, "1", "纵深推进重点领域改革");
    expect(r, 2, 2, 2, "2", "持续扩大对外开放合作");
    pol_result_free(r);
}

static void misprints(void)
{
    /* as in corpus 003: （4） between （三） and （五）; 2、 where 二、 belongs;
     * （1） where （一） belongs, shown by the （二） that follows */
    pol_result *r = t_parse("一、上半年执行情况\n（一）锚定目标\n（二）紧扣主线\n（三）扭住平台\n"
                            "（4） 坚定城产人文融合发展路径\n1、坚持城市宜业宜居\n2、坚持产业做强做优\n"
                            "2、 下半年工作重点\n（1） 抓实经济发展\n（二）抓实改革创新\n"
                            "（三）抓实转型升级\n（4）抓实融合发展\n",
                            0);
    expect(r, 4, 2, 4, "（4）", "坚定城产人文融合发展路径");
    expect(r, 5, 3, 1, "1、", "坚持城市宜业宜居");
    expect(r, 7, 1, 2, "2、", "下半年工作重点");
    expect(r, 8, 2, 1, "（1）", "抓实经济发展");
    expect(r, 9, 2, 2, "（二）", "抓实改革创新");
    expect(r, 11, 2, 4, "（4）", "抓实融合发展");
    const pol_node *s = t_nth(pol_result_root(r), POL_NODE_SECTION, 4);
    EQ_STR(pol_section_style(s), "（一）");
    s = t_nth(pol_result_root(r), POL_NODE_SECTION, 8);
    EQ_STR(pol_section_title(pol_node_parent(s)), "下半年工作重点");
    pol_result_free(r);

    /* a sequence that restarts under an unnumbered heading stays as printed */
    r = t_parse("(一)甲\n(二)乙\n奋进2023年\n(一)丙\n1 丁\n2 戊\n(二)己\n", 0);
    expect(r, 2, 1, 1, "(一)", "丙");
    expect(r, 3, 2, 1, "1", "丁");
    expect(r, 5, 1, 2, "(二)", "己");
    pol_result_free(r);
}

static void titles_and_text(void)
{
    pol_result *r = t_parse("（一）重要意义。改革开放以来，全区上下解放思想。\n但与此同时，矛盾凸现。\n", 0);
    const pol_node *s = t_nth(pol_result_root(r), POL_NODE_SECTION, 0);
    EQ_STR(pol_section_title(s), "重要意义");
    EQ_STR(pol_node_text(s), "改革开放以来，全区上下解放思想。\n但与此同时，矛盾凸现。");
    pol_result_free(r);
    /* a heading that stands alone keeps its whole line, less a closing 。 */
    r = t_parse("（四）全力推动社会治理转型，切实增强共建共享向心力。\n聚焦新一代信息技术。\n", 0);
    s = t_nth(pol_result_root(r), POL_NODE_SECTION, 0);
    EQ_STR(pol_section_title(s), "全力推动社会治理转型，切实增强共建共享向心力");
    EQ_STR(pol_node_text(s), "聚焦新一代信息技术。");
    pol_result_free(r);
}

int main(void)
{
    each_style();
    not_headings();
    levels_by_rank();
    misprints();
    titles_and_text();
    return t_report();
}
