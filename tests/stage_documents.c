/*
 * stage_documents.c - each metadata element of a 公文, titles, and the split
 * into embedded documents (documents.c).
 */
#include "test.h"

static const char notice[] =
    "主动公开\n\n佛山市人民政府文件\n\n佛府〔2022〕1号\n\n"
    "佛山市人民政府关于印发 佛山市产业“六大升级行动”方案的通知\n\n"
    "各区人民政府，市政府有关部门、直属有关机构：\n\n"
    "现将《佛山市制造能力升级行动方案（2022—2026年）》《佛山市职业技能升级行动方案（2022—2026年）》"
    "印发给你们，请认真贯彻执行。\n\n"
    "佛山市人民政府\n2022年3月30日\n\n"
    "佛山市制造能力升级行动方案 (2022—2026年)\n\n"
    "一、工作目标\n\n到2026年，全市规模以上工业企业80%实现数字化智能化转型发展。\n\n"
    "二、工作任务\n\n（一）提升制造能级。\n\n1. 拓宽数字化智能化应用广度。完善目录。\n\n"
    "佛山市职业技能升级行动方案（2022—2026年）\n\n一、工作目标\n\n到2026年，技能人才达到目标。\n\n"
    "附件：佛山市技工院校重点扶持专业清单\n\n附件\n\n佛山市技工院校重点扶持专业清单\n\n"
    "序号\t专业名称\n1\t通信终端设备制造与维修\n2\t工业互联网与大数据应用\n\n"
    "抄送：市委有关部委办，市有关人民\n\n团体。\n\n"
    "佛山市人民政府办公室文电科\n2022年4月2日印发\n";

static void notice_and_plans(void)
{
    pol_result *r = t_parse(notice, 0);
    const pol_node *d = t_doc(r);
    EQ_STR(pol_document_title(d), "佛山市人民政府关于印发佛山市产业“六大升级行动”方案的通知");
    EQ_STR(pol_document_kind(d), "通知");
    EQ_STR(pol_document_number(d), "佛府〔2022〕1号");
    EQ_STR(pol_document_issuer(d), "佛山市人民政府");
    EQ_STR(pol_document_date(d), "2022-03-30");
    EQ_STR(pol_document_publicity(d), "主动公开");
    EQ_STR(pol_document_recipients(d), "各区人民政府，市政府有关部门、直属有关机构");
    EQ_STR(pol_document_cc(d), "市委有关部委办，市有关人民团体。");
    EQ_STR(pol_document_printed(d), "佛山市人民政府办公室文电科 2022年4月2日印发");
    EQ_INT(pol_document_is_draft(d), 0);

    /* the plans are embedded documents of the notice, the attachment of its plan */
    const pol_node *p1 = t_nth(d, POL_NODE_DOCUMENT, 1);
    const pol_node *p2 = t_nth(d, POL_NODE_DOCUMENT, 2);
    const pol_node *att = t_nth(d, POL_NODE_DOCUMENT, 3);
    EQ_STR(pol_document_title(p1), "佛山市制造能力升级行动方案(2022—2026年)");
    EQ_STR(pol_document_kind(p1), "方案");
    CHECK(pol_node_parent(p1) == d);
    EQ_STR(pol_document_issuer(p1), NULL);
    EQ_STR(pol_document_title(p2), "佛山市职业技能升级行动方案（2022—2026年）");
    CHECK(pol_node_parent(p2) == d);
    EQ_INT(pol_document_attachment_count(p2), 1);
    EQ_STR(pol_document_attachment(p2, 0), "佛山市技工院校重点扶持专业清单");
    EQ_STR(pol_document_title(att), "佛山市技工院校重点扶持专业清单");
    EQ_STR(pol_document_kind(att), "附件");
    CHECK(pol_node_parent(att) == p2);
    CHECK(t_nth(d, POL_NODE_DOCUMENT, 4) == NULL);

    /* each plan has its own sections; the table is a table node */
    const pol_node *s = t_nth(p1, POL_NODE_SECTION, 3);
    EQ_STR(pol_section_title(s), "拓宽数字化智能化应用广度");
    EQ_INT(pol_section_level(s), 3);
    const pol_node *table = t_nth(att, POL_NODE_TABLE, 0);
    CHECK(table != NULL);
    const pol_node *cell = t_nth(table, POL_NODE_CELL, 3);
    EQ_STR(pol_node_text(cell), "通信终端设备制造与维修");
    /* roles of the metadata lines */
    const pol_node *first = pol_node_first_child(d);
    EQ_INT(pol_paragraph_role(first), POL_ROLE_PUBLICITY);
    EQ_INT(pol_paragraph_role(pol_node_next(first)), POL_ROLE_ISSUER_MARK);
    pol_result_free(r);
}

static void titles(void)
{
    /* a title broken over two lines is joined; a draft is marked */
    pol_result *r = t_parse("荔湾区关于加快构建现代化产业体系\n的实施意见（征求意见稿）\n\n"
                            "为深入贯彻党的二十大精神，制定本意见。\n一、指导思想\n坚持。\n",
                            0);
    const pol_node *d = t_doc(r);
    EQ_STR(pol_document_title(d), "荔湾区关于加快构建现代化产业体系的实施意见（征求意见稿）");
    EQ_STR(pol_document_kind(d), "意见");
    EQ_INT(pol_document_is_draft(d), 1);
    EQ_STR(pol_document_issuer(d), NULL); /* a place name alone is not an organ */
    pol_result_free(r);

    /* unsigned: the organ before 关于 issues it; a bracketed number under the title */
    r = t_parse("国务院办公厅关于完善公立医院药品集中采购工作的指导意见\n（国办发〔2015〕7 号）\n"
                "各省、自治区、直辖市人民政府：\n一、总体思路\n全面贯彻。\n",
                0);
    d = t_doc(r);
    EQ_STR(pol_document_issuer(d), "国务院办公厅");
    EQ_STR(pol_document_number(d), "国办发〔2015〕7号");
    EQ_STR(pol_document_recipients(d), "各省、自治区、直辖市人民政府");
    pol_result_free(r);

    /* no kind named: a short opening line is the title, kind 其他 */
    r = t_parse("2023年 南海这么干!\n\n12月28日，会议召开。\n(一) 高效统筹\n", 0);
    EQ_STR(pol_document_title(t_doc(r)), "2023年南海这么干!");
    EQ_STR(pol_document_kind(t_doc(r)), "其他");
    pol_result_free(r);

    /* no title at all: the text opens with a heading */
    r = t_parse("一、上半年执行情况\n今年以来，全区上下深入学习。\n", 0);
    EQ_STR(pol_document_title(t_doc(r)), NULL);
    pol_result_free(r);

    /* page furniture before the title; the title printed again; a date in Chinese numerals */
    r = t_parse("首页\n>\n政务公开\n关于加强电网规划投资管理工作的通知\n打印\n"
                "国家发展改革委关于加强电网规划投资管理工作的通知\n发改能源规〔2020〕816号\n"
                "各省发展改革委：\n一、切实加强统筹\n内容。\n国家发展改革委\n二〇二〇年五月二十八日\n",
                0);
    d = t_doc(r);
    EQ_STR(pol_document_title(d), "国家发展改革委关于加强电网规划投资管理工作的通知");
    EQ_STR(pol_document_number(d), "发改能源规〔2020〕816号");
    EQ_STR(pol_document_date(d), "2020-05-28");
    EQ_STR(pol_document_issuer(d), "国家发展改革委");
    EQ_INT(pol_paragraph_role(pol_node_first_child(d)), POL_ROLE_FURNITURE);
    CHECK(t_nth(d, POL_NODE_DOCUMENT, 1) == NULL);
    pol_result_free(r);
}

int main(void)
{
    notice_and_plans();
    titles();
    return t_report();
}
