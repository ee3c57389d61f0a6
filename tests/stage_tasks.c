/*
 * stage_tasks.c - which sections are tasks, every responsibility clause
 * style, and the naming rules for agencies (tasks.c).
 */
#include "test.h"

/* "lead:A,B|support:C|responsible:" for the first task of text. */
static void agencies_of(const char *text, const char *expected)
{
    pol_result *r = t_parse(text, 0);
    const pol_node *task = NULL;
    for (int i = 0; (task = t_nth(pol_result_root(r), POL_NODE_SECTION, i)); i++)
        if (pol_section_is_task(task))
            break;
    CHECK(task != NULL);
    char got[1024] = "";
    for (int role = POL_AGENCY_LEAD; role <= POL_AGENCY_RESPONSIBLE; role++) {
        if (role > 0)
            strcat(got, "|");
        strcat(got, pol_agency_role_string((pol_agency_role)role));
        strcat(got, ":");
        bool first = true;
        for (size_t i = 0; i < pol_task_agency_count(task); i++) {
            const pol_agency *a = pol_task_agency(task, i);
            if ((int)pol_agency_get_role(a) != role)
                continue;
            if (!first)
                strcat(got, ",");
            strcat(got, pol_agency_name(a));
            first = false;
        }
    }
    EQ_STR(got, expected);
    pol_result_free(r);
}

static void clause_styles(void)
{
    agencies_of("1. 拓宽应用广度。完善目录。（市工业和信息化局牵头；各区人民政府，市科技局配合）\n",
                "lead:市工业和信息化局|support:各区人民政府,市科技局|responsible:");
    /* ， between the parts; 〔〕 and [] brackets; a half-width closing ) */
    agencies_of("1. 提升服务。内容。（市工业和信息化局牵头，各区人民政府配合）\n",
                "lead:市工业和信息化局|support:各区人民政府|responsible:");
    agencies_of("1. 打造园区。内容。〔市工业和信息化局牵头；各区人民政府，佛山高新区管委会、"
                "佛山中德工业服务区（三龙湾）管委会配合〕\n",
                "lead:市工业和信息化局|support:各区人民政府,佛山高新区管委会,"
                "佛山中德工业服务区（三龙湾）管委会|responsible:");
    agencies_of("1. 打造园区。内容。[市商务局牵头；市财政局配合]\n",
                "lead:市商务局|support:市财政局|responsible:");
    agencies_of("1. 加强协同。内容。（市市场监管局牵头；各区人民政府，市工商联配合)\n",
                "lead:市市场监管局|support:各区人民政府,市工商联|responsible:");
    /* a page break inside the clause */
    agencies_of("2. 加强安全保障。督促企业落实网络安全主体责任，推进企业网络安全防护体系建设。（市委网信办牵头；各区\n\n"
                "人民政府，市工业和信息化局、公安局配合）\n",
                "lead:市委网信办|support:各区人民政府,市工业和信息化局,市公安局|responsible:");
    /* several leads, with ， and with 、 */
    agencies_of("1. 加强培训。内容。（市委组织部，市人力资源社会保障局牵头；各区人民政府，"
                "市科技局、教育局配合）\n",
                "lead:市委组织部,市人力资源社会保障局|support:各区人民政府,市科技局,市教育局|responsible:");
    agencies_of("1. 强化布局。内容。〔市发展改革局、工业和信息化局、商务局牵头；各区人民政府配合〕\n",
                "lead:市发展改革局,市工业和信息化局,市商务局|support:各区人民政府|responsible:");
    /* only a lead; only responsible, with 按职责分工 */
    agencies_of("1. 统筹划定。内容。（各区人民政府，市自然资源局按各自职责分工负责）\n",
                "lead:|support:|responsible:各区人民政府,市自然资源局");
    agencies_of("1. 加大储备。内容。（市自然资源局牵头，各区人民政府配合）\n",
                "lead:市自然资源局|support:各区人民政府|responsible:");
    /* a clause at the start of the item */
    agencies_of("1. （市民政局牵头；各镇人民政府配合）开展专项整治。内容。\n",
                "lead:市民政局|support:各镇人民政府|responsible:");
    /* labelled forms, on the same line or the next */
    agencies_of("1. 推进改革。内容。牵头单位：市发展改革局；配合单位：市科技局、财政局。\n",
                "lead:市发展改革局|support:市科技局,市财政局|responsible:");
    agencies_of("（一）推进改革。内容。\n责任单位：区建设管理委、区规划资源局\n",
                "lead:|support:|responsible:区建设管理委,区规划资源局");
    agencies_of("（一）推进改革。内容。\n责任部门：区民政局\n", "lead:|support:|responsible:区民政局");
    /* 由X负责 opening a sentence; X会同Y */
    agencies_of("（二）压实工作责任。由区民政局负责统筹，各机构落实。\n",
                "lead:|support:|responsible:区民政局");
    agencies_of("1. 开展体检。内容。（区建设管理委会同区规划资源局负责）\n",
                "lead:区建设管理委|support:区规划资源局|responsible:");
}

static void not_clauses(void)
{
    /* a duty sentence inside a paragraph names no task's agencies */
    pol_result *r = t_parse("三、保障措施\n（一）强化组织保障。各牵头单位要加大落实力度，"
                            "各区产品质量升级工作由各区市场监管局负责协调落实。\n",
                            0);
    const pol_node *s = t_nth(pol_result_root(r), POL_NODE_SECTION, 1);
    EQ_INT(pol_section_is_task(s), 1);
    EQ_INT(pol_task_agency_count(s), 0);
    pol_result_free(r);
    /* a bracket that never closes swallows nothing */
    r = t_parse("二、主要任务\n1. 甲。内容（市科技局牵头\n2. 乙。内容。（市财政局牵头）\n", 0);
    const pol_node *t1 = t_nth(pol_result_root(r), POL_NODE_SECTION, 1);
    const pol_node *t2 = t_nth(pol_result_root(r), POL_NODE_SECTION, 2);
    EQ_INT(pol_task_agency_count(t1), 0);
    EQ_INT(pol_task_agency_count(t2), 1);
    EQ_STR(pol_agency_name(pol_task_agency(t2, 0)), "市财政局");
    /* ... and is reported, with where it opens */
    EQ_INT(pol_result_warning_count(r), 1);
    pol_span sp;
    EQ_STR(pol_result_warning(r, 0, &sp), "responsibility clause: bracket never closed");
    EQ_INT(sp.first_line, 2);
    EQ_INT(sp.byte_offset, strlen("二、主要任务\n1. 甲。内容"));
    CHECK(pol_result_warning(r, 1, &sp) == NULL);
    pol_result_free(r);
    /* a clause that names nobody */
    r = t_parse("二、主要任务\n1. 甲。内容。（牵头）\n", 0);
    EQ_INT(pol_result_warning_count(r), 1);
    EQ_STR(pol_result_warning(r, 0, NULL), "responsibility clause names nobody");
    pol_result_free(r);
}

static void deadlines(void)
{
    pol_result *r = t_parse("二、重点任务\n1. 推进改革。内容。（市发展改革局牵头）完成时限：2023年底前。\n"
                            "2. 长效管理。内容。（长期坚持）\n三、工作安排\n（一）建立工作机制（2021年8月）\n"
                            "（二）全面实施。内容。\n",
                            0);
    const pol_node *root = pol_result_root(r);
    EQ_STR(pol_task_deadline(t_nth(root, POL_NODE_SECTION, 1)), "2023年底前");
    EQ_STR(pol_task_deadline(t_nth(root, POL_NODE_SECTION, 2)), "长期坚持");
    EQ_STR(pol_task_deadline(t_nth(root, POL_NODE_SECTION, 4)), "2021年8月");
    EQ_STR(pol_task_deadline(t_nth(root, POL_NODE_SECTION, 5)), NULL);
    pol_result_free(r);
}

static void which_are_tasks(void)
{
    /* leaves under a work section; not the sections of goals; (1) items not their 1. parent */
    pol_result *r = t_parse("一、工作目标\n（一）目标甲\n二、重点任务\n（一）任务组\n1.建设园区\n"
                            "（1）东沙产业园\n（2）老旧物业园区\n2.营造生态\n三、保障措施\n（一）健全组织\n",
                            0);
    const int expect[] = {0, 0, 0, 0, 0, 1, 1, 1, 0, 1};
    for (int i = 0; i < 10; i++)
        EQ_INT(pol_section_is_task(t_nth(pol_result_root(r), POL_NODE_SECTION, i)), expect[i]);
    pol_result_free(r);
}

static void names(void)
{
    pol_result *r = t_parse("1. 保障。内容。（市发展改革局牵头；各区人民政府，市工业和信息化局、自然资源局，"
                            "佛山供电局，佛燃能源集团、南海燃气公司，市质量强市工作领导小组各成员单位，"
                            "市委宣传部，区人大常委会，市工商联配合）\n",
                            0);
    const pol_node *t = t_nth(pol_result_root(r), POL_NODE_SECTION, 0);
    struct {
        const char *name, *written, *level, *kind;
        int collective;
    } want[] = {
        {"市发展改革局", "市发展改革局", "市", "government", 0},
        {"各区人民政府", "各区人民政府", "区", "government", 1},
        {"市工业和信息化局", "市工业和信息化局", "市", "government", 0},
        {"市自然资源局", "自然资源局", NULL, "government", 0},
        {"佛山供电局", "佛山供电局", NULL, "government", 0},
        {"佛燃能源集团", "佛燃能源集团", NULL, "enterprise", 0},
        {"南海燃气公司", "南海燃气公司", NULL, "enterprise", 0},
        {"市质量强市工作领导小组各成员单位", "市质量强市工作领导小组各成员单位", "市", "other", 1},
        {"市委宣传部", "市委宣传部", "市", "party", 0},
        {"区人大常委会", "区人大常委会", "区", "congress", 0},
        {"市工商联", "市工商联", "市", "other", 0},
    };
    EQ_INT(pol_task_agency_count(t), sizeof want / sizeof want[0]);
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        const pol_agency *a = pol_task_agency(t, i);
        EQ_STR(pol_agency_name(a), want[i].name);
        EQ_STR(pol_agency_as_written(a), want[i].written);
        if (i != 3)
            EQ_STR(pol_agency_level(a), want[i].level);
        EQ_STR(pol_agency_kind_string(pol_agency_get_kind(a)), want[i].kind);
        EQ_INT(pol_agency_is_collective(a), want[i].collective);
    }
    EQ_STR(pol_agency_level(pol_task_agency(t, 3)), "市");
    /* the document's index counts each agency's roles */
    const pol_node *d = t_doc(r);
    EQ_INT(pol_document_agency_count(d), 11);
    EQ_INT(pol_agency_task_count(pol_document_agency(d, 0), POL_AGENCY_LEAD), 1);
    EQ_INT(pol_agency_task_count(pol_document_agency(d, 1), POL_AGENCY_SUPPORT), 1);
    pol_result_free(r);
}

static void tables(void)
{
    pol_result *r = t_parse("二、任务分工\n序号\t工作任务\t牵头单位\t配合单位\t完成时限\n"
                            "1\t建设园区\t市工业和信息化局\t市科技局、财政局\t2023年底前\n"
                            "2\t完善政策\t市发展改革局、商务局\t各区人民政府\t长期坚持\n"
                            "3\t健全机制\t市委办牵头，市政府办配合\t\t\n",
                            0);
    const pol_node *root = pol_result_root(r);
    const pol_node *row = t_nth(root, POL_NODE_ROW, 1);
    EQ_INT(pol_node_is_task(t_nth(root, POL_NODE_ROW, 0)), 0); /* the header */
    EQ_INT(pol_node_is_task(row), 1);
    EQ_STR(pol_task_title(row), "建设园区");
    EQ_STR(pol_task_deadline(row), "2023年底前");
    EQ_INT(pol_task_agency_count(row), 3);
    EQ_STR(pol_agency_name(pol_task_agency(row, 2)), "市财政局");
    EQ_INT(pol_agency_get_role(pol_task_agency(row, 2)), POL_AGENCY_SUPPORT);
    row = t_nth(root, POL_NODE_ROW, 2);
    EQ_STR(pol_agency_name(pol_task_agency(row, 1)), "市商务局");
    EQ_INT(pol_agency_get_role(pol_task_agency(row, 1)), POL_AGENCY_LEAD);
    row = t_nth(root, POL_NODE_ROW, 3);
    EQ_INT(pol_task_agency_count(row), 2);
    EQ_INT(pol_agency_get_role(pol_task_agency(row, 1)), POL_AGENCY_SUPPORT);
    EQ_STR(pol_task_deadline(row), NULL);
    pol_result_free(r);
    /* the same table as docx extraction prints it, a cell per line */
    r = t_parse("二、任务分工\n序号\n工作任务\n牵头单位\n配合单位\n完成时限\n1\n建设园区\n市工业和信息化局\n"
                "市科技局、财政局\n2023年底前\n2\n完善政策\n市发展改革局\n各区人民政府\n长期坚持\n"
                "三、保障措施\n（一）加强领导\n",
                0);
    root = pol_result_root(r);
    row = t_nth(root, POL_NODE_ROW, 2);
    EQ_INT(pol_node_is_task(row), 1);
    EQ_STR(pol_task_title(row), "完善政策");
    EQ_STR(pol_task_deadline(row), "长期坚持");
    EQ_STR(pol_agency_name(pol_task_agency(row, 1)), "各区人民政府");
    CHECK(t_nth(root, POL_NODE_ROW, 3) == NULL);
    EQ_STR(pol_section_title(t_nth(root, POL_NODE_SECTION, 1)), "保障措施");
    pol_result_free(r);
    /* a table without task and agency columns gives no tasks */
    r = t_parse("序号\t专业名称\n1\t通信终端设备制造与维修\n", 0);
    EQ_INT(pol_node_is_task(t_nth(pol_result_root(r), POL_NODE_ROW, 1)), 0);
    pol_result_free(r);
}

static int append(const char *data, size_t len, void *user)
{
    strncat(user, data, len);
    return 0;
}

static void csv(void)
{
    pol_result *r = t_parse("二、主要任务\n1. 建设\"一网通办\",平台。内容。（市政务服务数据管理局牵头；"
                            "市科技局、财政局配合）\n2. 长效管理。内容。\n",
                            0);
    static char out[4096];
    out[0] = '\0';
    EQ_INT(pol_emit_csv(r, "a.txt", POL_TABLE_TASKS, append, out, NULL), POL_OK);
    EQ_STR(out,
           "source,document,section_path,label,task,role,agency,agency_as_written,level,kind,"
           "collective,deadline,start,end,line\r\n"
           "a.txt,,二、主要任务,1.,\"建设\"\"一网通办\"\",平台\",lead,市政务服务数据管理局,市政务服务数据管理局,"
           "市,government,false,,19,136,2\r\n"
           "a.txt,,二、主要任务,1.,\"建设\"\"一网通办\"\",平台\",support,市科技局,市科技局,市,government,"
           "false,,19,136,2\r\n"
           "a.txt,,二、主要任务,1.,\"建设\"\"一网通办\"\",平台\",support,市财政局,财政局,市,government,"
           "false,,19,136,2\r\n"
           "a.txt,,二、主要任务,2.,长效管理,,,,,,,,137,164,3\r\n");
    out[0] = '\0';
    EQ_INT(pol_emit_csv(r, "a.txt", POL_TABLE_AGENCIES, append, out, NULL), POL_OK);
    EQ_STR(out, "source,document,agency,level,kind,collective,lead,support,responsible\r\n"
                "a.txt,,市政务服务数据管理局,市,government,false,1,0,0\r\n"
                "a.txt,,市科技局,市,government,false,0,1,0\r\n"
                "a.txt,,市财政局,市,government,false,0,1,0\r\n");
    EQ_INT(pol_emit_csv(r, "a.txt", (pol_table)7, append, out, NULL), POL_ERR_ARG);
    pol_result_free(r);
}

static void aliases(void)
{
    const char *text = "二、主要任务\n1. 建设。内容。（市工信局牵头；区发改局、人社局，市科技局配合）\n";
    /* without aliases the names stay as written */
    pol_result *r = t_parse(text, 0);
    const pol_node *t = t_nth(pol_result_root(r), POL_NODE_SECTION, 1);
    EQ_STR(pol_agency_name(pol_task_agency(t, 0)), "市工信局");
    pol_result_free(r);
    /* with the shipped table, and one pair of the caller's */
    pol_parser *p = pol_parser_new(0, NULL);
    char path[1024];
    const char *root = getenv("POL_SOURCE_ROOT");
    snprintf(path, sizeof path, "%s/data/agency-aliases.tsv", root ? root : ".");
    pol_error err;
    EQ_INT(pol_parser_load_aliases(p, path, &err), POL_OK);
    EQ_INT(pol_parser_add_alias(p, "科技局", "科学技术局"), POL_OK);
    EQ_INT(pol_parser_add_alias(p, "", "x"), POL_ERR_ARG);
    EQ_INT(pol_parse(p, text, strlen(text), &r, &err), POL_OK);
    t = t_nth(pol_result_root(r), POL_NODE_SECTION, 1);
    EQ_STR(pol_agency_name(pol_task_agency(t, 0)), "市工业和信息化局");
    EQ_STR(pol_agency_as_written(pol_task_agency(t, 0)), "市工信局");
    EQ_STR(pol_agency_name(pol_task_agency(t, 1)), "区发展改革局");
    EQ_STR(pol_agency_name(pol_task_agency(t, 2)), "区人力资源社会保障局");
    EQ_STR(pol_agency_name(pol_task_agency(t, 3)), "市科学技术局");
    pol_result_free(r);
    /* a malformed line is named */
    FILE *f = fopen("aliases-bad.tsv", "w");
    fputs("# comment\n工信局\t工业和信息化局\nno tab here\n", f);
    fclose(f);
    EQ_INT(pol_parser_load_aliases(p, "aliases-bad.tsv", &err), POL_ERR_ARG);
    EQ_INT(err.line, 3);
    remove("aliases-bad.tsv");
    EQ_INT(pol_parser_load_aliases(p, "/nonexistent/aliases.tsv", &err), POL_ERR_IO);
    pol_parser_free(p);
}

/* An unclosed bracket of each kind is found wherever it falls against the
 * sixteen-byte blocks tasks.c reads, after closed brackets of every kind,
 * and 12 to 39 bytes before the end of the text (the last block ends with
 * it). */
static void unclosed_at_every_offset(void)
{
    static const char *const openers[] = {"（", "［", "〔", "(", "["};
    static const char pads[] = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
    static const char names[] = "科科科科科科";
    for (size_t k = 0; k < sizeof openers / sizeof openers[0]; k++)
        for (int pad = 0; pad <= 34; pad++)
            for (int name = 0; name <= 6; name++) {
                char text[256], head[256];
                snprintf(head, sizeof head, "二、主要任务\n1. 甲。%.*s（注）〔说明〕［一］(a)[b]内容", pad,
                         pads);
                /* ... the clause alone, and with a closed bracket at its end */
                for (int inner = 0; inner < 2; inner++) {
                    snprintf(text, sizeof text, "%s%s市%.*s局牵头%s\n", head, openers[k], 3 * name, names,
                             inner ? "（注）" : "");
                    pol_result *r = t_parse(text, 0);
                    pol_span sp;
                    EQ_INT(pol_result_warning_count(r), 1);
                    EQ_STR(pol_result_warning(r, 0, &sp), "responsibility clause: bracket never closed");
                    EQ_INT(sp.byte_offset, strlen(head));
                    pol_result_free(r);
                }
            }
}

int main(void)
{
    unclosed_at_every_offset();
    aliases();
    csv();
    tables();
    clause_styles();
    not_clauses();
    which_are_tasks();
    names();
    deadlines();
    return t_report();
}
