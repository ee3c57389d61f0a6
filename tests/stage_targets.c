/*
 * stage_targets.c - every number form, unit, comparator and non-quantity,
 * kinds and years (targets.c), and references (references.c).
 */
#include <math.h>

#include "test.h"

/* The quantities of a text, one line each: "kind cmp value[-max] unit base base_unit year|indicator". */
static void quantities(const char *text, const char *expected)
{
    pol_result *r = t_parse(text, 0);
    char got[4096] = "";
    pol_iter *it = pol_iter_new(pol_result_root(r));
    pol_event ev;
    while ((ev = pol_iter_next(it)) != POL_EVENT_DONE) {
        const pol_node *n = pol_iter_node(it);
        if (ev != POL_EVENT_ENTER)
            continue;
        for (size_t i = 0; i < pol_node_target_count(n); i++) {
            const pol_target *t = pol_node_target(n, i);
            char line[512], max[32] = "";
            if (!isnan(pol_target_value_max(t)))
                snprintf(max, sizeof max, "-%g", pol_target_value_max(t));
            snprintf(line, sizeof line, "%s %s %g%s %s %.0f %s %d|%s\n",
                     pol_target_kind_string(pol_target_get_kind(t)),
                     pol_comparator_string(pol_target_comparator(t)), pol_target_value(t), max,
                     pol_target_unit(t), pol_target_base_value(t), pol_target_base_unit(t),
                     pol_target_year(t), pol_target_indicator(t));
            strcat(got, line);
        }
    }
    pol_iter_free(it);
    EQ_STR(got, expected);
    pol_result_free(r);
}

static void number_forms(void)
{
    quantities("一、工作目标\n到2025年，全区地区生产总值超过4000亿元。\n",
               "target gt 4000 亿元 400000000000 元 2025|全区地区生产总值\n");
    quantities("一、工作目标\n到2026年，应用工业机器人32,000台，技能人才达到14.5万人。\n",
               "target eq 32000 台 32000 台 2026|工业机器人\n"
               "target eq 14.5 万人 145000 人 2026|技能人才\n");
    quantities("一、工作目标\n到2025年，整合村级工业园区超过 9 万亩。\n",
               "target gt 9 万亩 90000 亩 2025|整合村级工业园区\n");
    quantities("一、工作目标\n到2025年，每年新增示范企业1—2家，建成园区5～10个。\n",
               "target range 1-2 家 1 家 2025|新增示范企业\n"
               "target range 5-10 个 5 个 2025|园区\n");
    quantities("一、工作目标\n到2025年，减量建设用地5万至10万亩，研发投入占比10%—15%，"
               "企业数由54家提升至69家。\n",
               "target range 5-10 万亩 50000 亩 2025|减量建设用地\n"
               "target range 10-15 % 10 % 2025|研发投入占比\n"
               "target eq 54 家 54 家 2025|企业数\n"
               "target eq 69 家 69 家 2025|企业数\n");
    quantities("一、工作目标\n到2025年，技能人才总量超过31万。\n",
               "target gt 31 万 310000  2025|技能人才总量\n");
    quantities("一、工作目标\n到2025年，绿色建筑占比超七成，县域覆盖率达到三分之二，试点占1/4。\n",
               "target gt 7 成 70 % 2025|绿色建筑占比\n"
               "target eq 0.666667  1  2025|县域覆盖率\n" /* base printed %.0f */
               "target eq 0.25  0  2025|试点占\n");
    quantities("一、工作目标\n到2025年，企业超一百二十家，从业人员近百万人，产值超千亿元，"
               "推进七湖两湾一站一园建设，打造两个合作区，全年用电１２０万度。\n",
               "target gt 120 家 120 家 2025|企业\n"
               "target approx 100 万人 1000000 人 2025|从业人员\n"
               "target gt 1000 亿元 100000000000 元 2025|产值\n"
               "target eq 120 万度 1200000 度 2025|全年用电\n");
    quantities("一、工作目标\n到2025年，新建园区2–3个，改造厂房4-6栋，扶持企业7~9家，新增就业1万到2万人。\n",
               "target range 2-3 个 2 个 2025|新建园区\n"
               "target range 4-6 栋 4 栋 2025|改造厂房\n"
               "target range 7-9 家 7 家 2025|扶持企业\n"
               "target range 1-2 万人 10000 人 2025|新增就业\n");
    quantities("一、工作目标\n到2025年，投资5000万元、300万美元，整治12公顷、8平方米，"
               "减排3吨，装机40千瓦，建成道路15公里。\n",
               "target eq 5000 万元 50000000 元 2025|投资\n"
               "target eq 300 万美元 3000000 美元 2025|投资\n"
               "target eq 12 公顷 12 公顷 2025|整治\n"
               "target eq 8 平方米 8 平方米 2025|整治\n"
               "target eq 3 吨 3 吨 2025|减排\n"
               "target eq 40 千瓦 40 千瓦 2025|装机\n"
               "target eq 15 公里 15 公里 2025|道路\n");
    quantities("一、工作目标\n到2025年，汽车购置超千台，新增就业近三千六百人。\n",
               "target gt 1000 台 1000 台 2025|汽车购置\n"
               "target approx 3600 人 3600 人 2025|新增就业\n");
}

static void units_and_comparators(void)
{
    quantities("一、工作目标\n到2025年，森林覆盖率不低于10.17%，单位能耗下降2个百分点，"
               "年均增速保持在10%以上，排放控制在50万吨以内，用地不少于450平方公里，"
               "新兴产业占比约30%，建设10余个园区，价格为3.5元/月。\n",
               "target ge 10.17 % 10 % 2025|森林覆盖率\n"
               "target eq 2 个百分点 2 个百分点 2025|单位能耗下降\n"
               "target ge 10 % 10 % 2025|年均增速\n"
               "target le 50 万吨 500000 吨 2025|排放\n"
               "target ge 450 平方公里 450 平方公里 2025|用地\n"
               "target approx 30 % 30 % 2025|新兴产业占比\n"
               "target approx 10 个 10 个 2025|园区\n"
               "target eq 3.5 元/月 4 元/月 2025|价格\n");
}

static void not_quantities(void)
{
    /* years, dates, document numbers, list numbers, names, ratios, thresholds */
    quantities("一、工作目标\n根据佛府〔2022〕1号文件，2025年3月30日前推进5G基站、“1+N”体系、"
               "“515”战略、3D打印、世界500强、十四五规划、三大平台、千亩公园建设，"
               "三次产业结构为1.9：49.6：48.5，对超过100亿元的企业给予支持，500平方米以下的项目免于审批。\n",
               "");
}

static void kinds_and_years(void)
{
    /* a plan's goals section: the plan's end year holds throughout */
    quantities("佛山市制造能力升级行动方案（2022—2026年）\n一、工作目标\n——制造能级大幅跃升。累计打造示范工厂120家。\n",
               "target eq 120 家 120 家 2026|示范工厂\n");
    /* a report: figures are actuals of the year it names, bounds are approx */
    quantities("2023年上半年工作报告\n一、上半年执行情况\n上半年完成地区生产总值1712.60亿元，增长4.5%，"
               "招商引资超千亿元。\n",
               "actual eq 1712.6 亿元 171260000000 元 2023|地区生产总值\n"
               "actual eq 4.5 % 4 % 2023|地区生产总值增长\n"
               "actual approx 1000 亿元 100000000000 元 2023|招商引资\n");
    /* a 政府工作报告 reviews the year before its title's: a section on that year plans it */
    quantities("2026年某省政府工作报告\n一、2025年工作回顾\n地区生产总值增长7%。\n二、2026年主要工作\n"
               "（一）扩大内需\n建成物流中心44个。\n",
               "actual eq 7 % 7 % 2025|地区生产总值增长\n"
               "target eq 44 个 44 个 2026|物流中心\n");
    /* a list of figures after one verb: each takes the words after it, up to the next */
    quantities("一、主要任务\n打造10个数字领航企业、100个先进级智能工厂。\n",
               "target eq 10 个 10 个 0|数字领航企业\n"
               "target eq 100 个 100 个 0|先进级智能工厂\n");
    /* a report's 重点工作 are goals, and so is what a report resolves on (力争) */
    quantities("2026年政府工作报告\n一、2025年工作回顾\n地区生产总值增长7%。\n二、2026年重点工作\n"
               "建成电力装机2000万千瓦。\n",
               "actual eq 7 % 7 % 2025|地区生产总值增长\n"
               "target eq 2000 万千瓦 20000000 千瓦 2026|电力装机\n");
    quantities("2025年工作报告\n一、2025年工作回顾\n全年实现地区生产总值100亿元。\n二、其他\n"
               "力争完成投资2440亿元以上。全年完成投资100亿元。\n",
               "actual eq 100 亿元 10000000000 元 2025|全年实现地区生产总值\n"
               "target ge 2440 亿元 244000000000 元 2025|投资\n"
               "actual eq 100 亿元 10000000000 元 2025|全年完成投资\n");
    /* a deadline with a month holds for its year, and is no part of the indicator */
    quantities("某区2025年工作方案\n一、工作安排\n2026年3月底前完成20%年度任务量，6月底前完成60%年度任务量。\n"
               "2026年6月30日前，定点医疗机构占比不低于80%。\n",
               "target eq 20 % 20 % 2026|年度任务量\n"
               "target eq 60 % 60 % 2026|年度任务量\n"
               "target ge 80 % 80 % 2026|定点医疗机构占比\n");
    /* a work report's plans: a heading says they are goals */
    quantities("2023年上半年工作报告\n二、下半年工作重点\n（一）抓实经济发展\n全年投资10.18亿元。\n",
               "target eq 10.18 亿元 1018000000 元 2023|全年投资\n");
}

static void indicator_tables(void)
{
    const char *expect = "target ge 6000 亿元 600000000000 元 2025|规上工业增加值\n"
                         "actual eq 4800 亿元 480000000000 元 2020|规上工业增加值\n"
                         "target eq 14 % 14 % 2025|单位GDP能耗下降\n";
    quantities("佛山市制造业发展规划（2021—2025年）\n一、发展目标\n序号\t指标\t单位\t2020年\t2025年\t属性\n"
               "1\t规上工业增加值\t亿元\t4800\t≥6000\t预期性\n2\t单位GDP能耗下降\t%\t—\t[14]\t约束性\n",
               expect);
    /* split by extraction into one cell per line */
    quantities("佛山市制造业发展规划（2021—2025年）\n一、发展目标\n序号\n指标\n单位\n2020年\n2025年\n属性\n"
               "1\n规上工业增加值\n亿元\n4800\n≥6000\n预期性\n2\n单位GDP能耗下降\n%\n—\n[14]\n约束性\n",
               expect);
    pol_result *r = t_parse("规划（2021—2025年）\n一、发展目标\n序号\t指标\t单位\t2020年\t2025年\t属性\n"
                            "1\t单位GDP能耗下降\t%\t—\t[14]\t约束性\n",
                            0);
    const pol_target *t = pol_node_target(t_nth(pol_result_root(r), POL_NODE_SECTION, 0), 0);
    EQ_INT(pol_target_binding(t), 1);
    EQ_INT(pol_target_is_cumulative(t), 1);
    pol_result_free(r);
}

static void quota_tables(void)
{
    quantities("三、整治计划安排\n单位：亩\n序号\t街镇\t2024年\t2025年\t2026年\n"
               "1\t安亭镇\t120\t95.5\t80\n2\t马陆镇\t60\t—\t40\n",
               "target eq 120 亩 120 亩 2024|安亭镇\n"
               "target eq 95.5 亩 96 亩 2025|安亭镇\n"
               "target eq 80 亩 80 亩 2026|安亭镇\n"
               "target eq 60 亩 60 亩 2024|马陆镇\n"
               "target eq 40 亩 40 亩 2026|马陆镇\n");
}

static void unit_catalogue(void)
{
    const char *text = "一、工作目标\n到2025年，集装箱吞吐量达到500万标准箱。\n";
    /* 标准箱 is not in data/units.tsv: the multiplier alone is read */
    quantities(text, "target eq 500 万 5000000  2025|集装箱吞吐量\n");
    pol_parser *p = pol_parser_new(0, NULL);
    EQ_INT(pol_parser_add_unit(p, "标准箱", "count"), POL_OK);
    EQ_INT(pol_parser_add_unit(p, "", NULL), POL_ERR_ARG);
    pol_result *r = NULL;
    EQ_INT(pol_parse(p, text, strlen(text), &r, NULL), POL_OK);
    const pol_target *t = pol_node_target(t_nth(pol_result_root(r), POL_NODE_SECTION, 0), 0);
    EQ_STR(pol_target_unit(t), "万标准箱");
    EQ_INT(pol_target_base_value(t), 5000000);
    EQ_STR(pol_target_base_unit(t), "标准箱");
    EQ_STR(pol_target_indicator(t), "集装箱吞吐量");
    pol_result_free(r);
    pol_parser_free(p);
}

static void references(void)
{
    pol_result *r = t_parse("关于印发方案的通知\n根据《关于印发〈“十四五”智能制造发展规划〉的通知》"
                            "（工信部联规〔2021〕207号）和粤府〔2021〕45号精神，参照《佛山市领军人才目录》。\n",
                            0);
    const pol_node *d = t_doc(r);
    EQ_INT(pol_document_reference_count(d), 3);
    const pol_reference *ref = pol_document_reference(d, 0);
    EQ_STR(pol_reference_title(ref), "关于印发〈“十四五”智能制造发展规划〉的通知");
    EQ_STR(pol_reference_number(ref), "工信部联规〔2021〕207号");
    EQ_INT(pol_reference_span(ref, r).first_line, 2);
    EQ_INT(pol_reference_span(ref, r).byte_offset, strlen("关于印发方案的通知\n根据"));
    EQ_STR(pol_reference_title(pol_document_reference(d, 1)), NULL);
    EQ_STR(pol_reference_number(pol_document_reference(d, 1)), "和粤府〔2021〕45号");
    EQ_STR(pol_reference_title(pol_document_reference(d, 2)), "佛山市领军人才目录");
    CHECK(pol_document_reference(d, 3) == NULL);
    pol_result_free(r);
    /* a mark that opens no citation (【专栏1】) does not end the search,
     * and an issuer's twenty characters may be of four bytes each */
    char issuer[128] = "";
    for (int k = 0; k < 21; k++)
        strcat(issuer, "\xf0\xa0\x80\x80"); /* U+20000 */
    char text[512];
    snprintf(text, sizeof text, "关于印发方案的通知\n【专栏1】按%s〔2021〕1号执行。\n", issuer);
    r = t_parse(text, 0);
    d = t_doc(r);
    EQ_INT(pol_document_reference_count(d), 1);
    char number[256];
    snprintf(number, sizeof number, "%s〔2021〕1号", issuer + 4); /* the last twenty */
    EQ_STR(pol_reference_number(pol_document_reference(d, 0)), number);
    pol_result_free(r);
}

/* A citation's mark is found wherever its bytes fall against the
 * sixteen-byte blocks next_mark reads: 《, 〔 and 【 after 0 to 40 bytes,
 * with ， and 。 (which share their first bytes) just before. */
static void marks_at_every_offset(void)
{
    static const char pads[] = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
    static const struct {
        const char *text, *title, *number;
    } forms[] = {
        {"《佛山市领军人才目录》", "佛山市领军人才目录", NULL},
        {"粤府〔2021〕45号", NULL, "粤府〔2021〕45号"},
        {"粤府【2021】45号", NULL, "粤府【2021】45号"},
    };
    for (size_t f = 0; f < sizeof forms / sizeof forms[0]; f++)
        for (int pad = 0; pad <= 40; pad++) {
            char text[256];
            snprintf(text, sizeof text, "关于印发方案的通知\n%.*s，。%s。\n", pad, pads, forms[f].text);
            pol_result *r = t_parse(text, 0);
            const pol_node *d = t_doc(r);
            EQ_INT(pol_document_reference_count(d), 1);
            const pol_reference *ref = pol_document_reference(d, 0);
            EQ_STR(pol_reference_title(ref), forms[f].title);
            EQ_STR(pol_reference_number(ref), forms[f].number);
            pol_result_free(r);
        }
}

/* A numeral is found wherever its bytes fall against the sixteen-byte
 * blocks number_start reads: each numeral that can open a quantity, and
 * digits, after 0 to 40 bytes, and 0 to 7 characters before the end of
 * the paragraph (the last block ends with the text). */
static void numerals_at_every_offset(void)
{
    static const char pads[] = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
    static const struct {
        const char *text, *quantity; /* the quantity: "cmp value unit base base_unit" */
    } forms[] = {
        {"企业超300家", "gt 300 家 300 家"},   {"企业超三百家", "gt 300 家 300 家"},
        {"企业超一千家", "gt 1000 家 1000 家"}, {"企业超二千家", "gt 2000 家 2000 家"},
        {"企业超两千家", "gt 2000 家 2000 家"}, {"企业超四千家", "gt 4000 家 4000 家"},
        {"企业超五千家", "gt 5000 家 5000 家"}, {"企业超六千家", "gt 6000 家 6000 家"},
        {"企业超七千家", "gt 7000 家 7000 家"}, {"企业超八千家", "gt 8000 家 8000 家"},
        {"企业超九千家", "gt 9000 家 9000 家"}, {"企业超千家", "gt 1000 家 1000 家"},
        {"企业超百家", "gt 100 家 100 家"},     {"企业达到十分之三", "eq 0.3  0 "},
        {"企业达到5%", "eq 5 % 5 %"}, /* a digit in the last two places */
    };
    static const char tails[] = "，，，，，，，";
    for (size_t f = 0; f < sizeof forms / sizeof forms[0]; f++) {
        for (int pad = 0; pad <= 40; pad++)
            for (int tail = 0; tail <= 7; tail++) {
                char text[256], expected[256];
                snprintf(text, sizeof text, "一、工作目标\n到2025年，%.*s%s%.*s\n", pad, pads, forms[f].text,
                         3 * tail, tails);
                snprintf(expected, sizeof expected, "target %s 2025|%.*s企业\n", forms[f].quantity, pad,
                         pads);
                quantities(text, expected);
            }
    }
}

int main(void)
{
    number_forms();
    numerals_at_every_offset();
    units_and_comparators();
    not_quantities();
    kinds_and_years();
    indicator_tables();
    quota_tables();
    unit_catalogue();
    references();
    marks_at_every_offset();
    return t_report();
}
