/*
 * api.c - the public API's contract: lifetimes, NULL arguments, errors,
 * iterator order, emitters and their failures, and threads.
 */
#include <fcntl.h>
#include <pthread.h>
#include <unistd.h>

#include "test.h"

static void version(void)
{
    EQ_STR(pol_version_string(), PROJECT_VERSION);
    EQ_INT(pol_version(), POL_VERSION);
    EQ_INT(POL_VERSION, (POL_VERSION_MAJOR << 16) | (POL_VERSION_MINOR << 8) | POL_VERSION_PATCH);
}

static void null_arguments(void)
{
    pol_error err;
    CHECK(pol_parser_new(1u << 20, &err) == NULL);
    EQ_INT(err.status, POL_ERR_ARG);
    pol_parser_free(NULL);
    pol_result_free(NULL);
    pol_iter_free(NULL);
    pol_free(NULL);
    pol_result *r = (pol_result *)1;
    EQ_INT(pol_parse(NULL, "x", 1, &r, &err), POL_ERR_ARG);
    CHECK(r == NULL);
    pol_parser *p = pol_parser_new(0, NULL);
    EQ_INT(pol_parse(p, NULL, 3, &r, &err), POL_ERR_ARG);
    EQ_INT(pol_parse(p, "x", 1, NULL, &err), POL_ERR_ARG);
    EQ_INT(pol_parse(p, "一、目标\n", 13, &r, NULL), POL_OK); /* err may be NULL */
    pol_result_free(r);
    EQ_INT(pol_parser_set_limit(p, POL_LIMIT_DEPTH, 0), POL_ERR_ARG);
    EQ_INT(pol_parser_set_limit(p, (pol_limit)99, 5), POL_ERR_ARG);
    EQ_INT(pol_parse_file(p, "/nonexistent/dir/file.txt", &r, &err), POL_ERR_IO);
    CHECK(strstr(err.message, "/nonexistent/dir/file.txt") != NULL);
    {
        /* pol_parse_file closes what it opens: 2,000 files later, the next
         * descriptor is still a low one */
        char path[4096];
        snprintf(path, sizeof path, "%s/corpus/extra/x01.txt",
                 getenv("POL_SOURCE_ROOT") ? getenv("POL_SOURCE_ROOT") : ".");
        int ok = 0;
        for (int i = 0; i < 2000; i++) {
            ok += pol_parse_file(p, path, &r, &err) == POL_OK;
            pol_result_free(r);
        }
        EQ_INT(ok, 2000);
        int fd = open("/dev/null", O_RDONLY);
        CHECK(fd >= 0 && fd < 16);
        close(fd);
    }
    pol_parser_free(p);
    /* accessors answer NULL or 0 for NULL and for nodes of another type */
    CHECK(pol_node_parent(NULL) == NULL);
    CHECK(pol_node_first_child(NULL) == NULL);
    EQ_STR(pol_section_title(NULL), NULL);
    EQ_STR(pol_document_title(NULL), NULL);
    EQ_INT(pol_section_level(NULL), 0);
    CHECK(pol_result_root(NULL) == NULL);
    CHECK(pol_iter_new(NULL) == NULL);
    EQ_INT(pol_iter_next(NULL), POL_EVENT_DONE);
    EQ_STR(pol_status_string(POL_ERR_ENCODING), "not text in a supported encoding");
    EQ_STR(pol_node_type_string(POL_NODE_SECTION), "section");
    EQ_STR(pol_role_string(POL_ROLE_SIGNATURE), "signature");
}

static void iterator_order(void)
{
    pol_result *r = t_parse("关于加强管理的通知\n一、目标\n甲。\n（一）任务\n乙。\n二、保障\n", 0);
    const char *expected[] = {"+root", "+document", "+paragraph", "-paragraph", "+section",
                              "+paragraph", "-paragraph", "+section", "+paragraph", "-paragraph",
                              "-section", "-section", "+section", "-section", "-document",
                              "-root"};
    pol_iter *it = pol_iter_new(pol_result_root(r));
    pol_event ev;
    size_t k = 0;
    while ((ev = pol_iter_next(it)) != POL_EVENT_DONE) {
        char got[32];
        snprintf(got, sizeof got, "%c%s", ev == POL_EVENT_ENTER ? '+' : '-',
                 pol_node_type_string(pol_node_get_type(pol_iter_node(it))));
        if (k < sizeof expected / sizeof expected[0])
            EQ_STR(got, expected[k]);
        k++;
    }
    EQ_INT(k, sizeof expected / sizeof expected[0]);
    EQ_INT(pol_iter_next(it), POL_EVENT_DONE);
    CHECK(pol_iter_node(it) == NULL);
    pol_iter_free(it);
    /* the title line is an element of the document, the body a paragraph */
    const pol_node *d = t_doc(r);
    EQ_INT(pol_paragraph_role(pol_node_first_child(d)), POL_ROLE_TITLE);
    pol_result_free(r);
}

static int fail_after_first(const char *data, size_t len, void *user)
{
    (void)data;
    (void)len;
    int *calls = user;
    return (*calls)++ > 0;
}

static void emitters(void)
{
    pol_result *r = t_parse("一、目标\n到2025年。\n", 0);
    pol_error err;
    size_t len = 0;
    char *json = pol_emit_to_string(r, POL_FORMAT_JSON, "a.txt", POL_EMIT_COMPACT, &len, &err);
    EQ_STR(json,
           "{\"source\":\"a.txt\",\"encoding\":\"UTF-8\",\"documents\":[{\"title\":null,"
           "\"kind\":\"其他\",\"doc_number\":null,\"issuer\":null,\"date\":null,\"draft\":false,"
           "\"publicity\":null,\"recipients\":null,\"attachments\":[],\"cc\":null,\"printed\":null,"
           "\"span\":{\"start\":0,\"end\":26,\"line\":1,\"end_line\":2},\"text\":\"\","
           "\"elements\":[],\"sections\":[{\"level\":1,\"label\":\"一、\",\"ordinal\":1,"
           "\"title\":\"目标\",\"style\":\"一、\",\"text\":\"到2025年。\",\"span\":{\"start\":0,"
           "\"end\":26,\"line\":1,\"end_line\":2},\"sections\":[]}],\"agencies\":[],"
           "\"references\":[],\"documents\":[]}],\"warnings\":[]}\n");
    EQ_INT(len, json ? strlen(json) : 0);
    pol_free(json);
    char *xml = pol_emit_to_string(r, POL_FORMAT_XML, NULL, POL_EMIT_COMPACT | POL_EMIT_NO_SPANS,
                                   NULL, &err);
    EQ_STR(xml, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<policy encoding=\"UTF-8\"><document "
                "kind=\"其他\" draft=\"false\"><section level=\"1\" ordinal=\"1\" label=\"一、\" "
                "style=\"一、\"><title>目标</title><text>到2025年。</text></section></document>"
                "</policy>\n");
    pol_free(xml);
    /* a writer that fails stops the emitter with POL_ERR_WRITE */
    int calls = 0;
    EQ_INT(pol_emit_json(r, NULL, 0, fail_after_first, &calls, &err), POL_OK); /* one flush only */
    pol_result *big = t_parse("一、目标\n", 0);
    char text[40000];
    size_t at = 0;
    for (int i = 0; i < 500; i++)
        at += (size_t)snprintf(text + at, sizeof text - at, "（%d）第%d项任务。\n", i + 1, i + 1);
    pol_result *r2 = t_parse(text, 0);
    calls = 0;
    EQ_INT(pol_emit_json(r2, NULL, 0, fail_after_first, &calls, &err), POL_ERR_WRITE);
    calls = 0;
    EQ_INT(pol_emit_xml(r2, NULL, 0, fail_after_first, &calls, &err), POL_ERR_WRITE);
    EQ_INT(pol_emit_json(NULL, NULL, 0, fail_after_first, &calls, &err), POL_ERR_ARG);
    pol_result_free(r2);
    pol_result_free(big);
    pol_result_free(r);
}

/* A section's text is its body's lines, "\n" between: those that follow one
 * another in the input are written from where they stand, the others
 * (after a blank line, an indent) joined; JSON and pol_node_text agree. */
static void section_texts(void)
{
    pol_result *r = t_parse("一、目标\n到2025年。\n再到2026年。\n\n第三段落。\n  缩进段落。\n"
                            "二、任务\n第一段。\n第二段。\n（一）子项\n子项内容。\n"
                            "三、措施。正文接着标题\n下一段。\n",
                            0);
    static const char *const texts[] = {"到2025年。\n再到2026年。\n第三段落。\n缩进段落。",
                                        "第一段。\n第二段。", "子项内容。", "正文接着标题\n下一段。"};
    char *json = pol_emit_to_string(r, POL_FORMAT_JSON, NULL, POL_EMIT_COMPACT, NULL, NULL);
    CHECK(json != NULL);
    const char *at = json;
    for (int i = 0; i < 4; i++) {
        const pol_node *s = t_nth(pol_result_root(r), POL_NODE_SECTION, i);
        EQ_STR(pol_node_text(s), texts[i]);
        /* in the JSON, in order, with the "\n" escaped */
        char want[200] = "\"text\":\"";
        size_t n = strlen(want);
        for (const char *c = texts[i]; *c && n + 3 < sizeof want; c++)
            n += (size_t)snprintf(want + n, sizeof want - n, *c == '\n' ? "\\n" : "%c", *c);
        snprintf(want + n, sizeof want - n, "\"");
        const char *hit = at ? strstr(at, want) : NULL;
        CHECK(hit != NULL);
        at = hit ? hit + strlen(want) : NULL;
    }
    pol_free(json);
    pol_result_free(r);
}

struct job {
    const char *text;
    char *out;
};

/* The JSON writer's strings: every length to three blocks of sixteen,
 * with a byte that needs escaping (or the plain bytes either side of that
 * range: space, DEL) at every place, against the escaping JSON asks for. */
static void json_strings(void)
{
    pol_result *r = t_parse("一、目标\n", 0);
    static const char marks[] = {'"', '\\', '\n', '\t', '\r', 0x01, 0x1f, ' ', 0x7f};
    char name[64], want[512], *got;
    int bad = 0;
    for (size_t n = 1; n <= 48; n++)
        for (size_t at = 0; at <= n; at++) /* at == n: none */
            for (size_t k = 0; k < sizeof marks; k++) {
                for (size_t i = 0; i < n; i++)
                    name[i] = (char)('a' + i % 26);
                if (at < n)
                    name[at] = marks[k];
                name[n] = '\0';
                size_t w = (size_t)sprintf(want, "{\"source\":\"");
                for (size_t i = 0; i < n; i++) {
                    unsigned char c = (unsigned char)name[i];
                    if (c == '"' || c == '\\')
                        w += (size_t)sprintf(want + w, "\\%c", c);
                    else if (c == '\n' || c == '\t' || c == '\r')
                        w += (size_t)sprintf(want + w, "\\%c", c == '\n' ? 'n' : c == '\t' ? 't' : 'r');
                    else if (c < 0x20)
                        w += (size_t)sprintf(want + w, "\\u%04x", c);
                    else
                        want[w++] = (char)c;
                }
                sprintf(want + w, "\",\"encoding\"");
                got = pol_emit_to_string(r, POL_FORMAT_JSON, name, POL_EMIT_COMPACT, NULL, NULL);
                if (!got || strncmp(got, want, strlen(want)) != 0) {
                    if (bad++ < 3)
                        fprintf(stderr, "json_strings: n %zu at %zu mark %zu: %.80s\n", n, at, k,
                                got ? got : "(null)");
                }
                pol_free(got);
                if (at == n)
                    break;
            }
    EQ_INT(bad, 0);
    pol_result_free(r);
}

static void *parse_in_thread(void *arg)
{
    struct job *j = arg;
    pol_parser *p = pol_parser_new(0, NULL);
    for (int i = 0; i < 20; i++) {
        pol_result *r = NULL;
        pol_parse(p, j->text, strlen(j->text), &r, NULL);
        free(j->out);
        j->out = pol_emit_to_string(r, POL_FORMAT_JSON, NULL, 0, NULL, NULL);
        pol_result_free(r);
    }
    pol_parser_free(p);
    return NULL;
}

static void threads(void)
{
    const char *text = "关于印发方案的通知\n一、目标\n（一）任务。到2025年。\n2、保障\n（二）措施\n";
    struct job jobs[4] = {{text, NULL}, {text, NULL}, {text, NULL}, {text, NULL}};
    pthread_t t[4];
    for (int i = 0; i < 4; i++)
        pthread_create(&t[i], NULL, parse_in_thread, &jobs[i]);
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    for (int i = 1; i < 4; i++)
        EQ_STR(jobs[i].out, jobs[0].out);
    for (int i = 0; i < 4; i++)
        free(jobs[i].out);
}

/* One result read from several threads at once: a section's body and a
 * paragraph's text are made on the first request, and every thread gets
 * that one copy. */
struct reader {
    const pol_result *r;
    const char *texts[8];
    size_t n;
};

static void collect_sections(struct reader *rd, const pol_node *n)
{
    for (const pol_node *c = pol_node_first_child(n); c; c = pol_node_next(c)) {
        pol_node_type type = pol_node_get_type(c);
        if ((type == POL_NODE_SECTION || type == POL_NODE_PARAGRAPH) && rd->n < 8)
            rd->texts[rd->n++] = pol_node_text(c);
        collect_sections(rd, c);
    }
}

static void *read_in_thread(void *arg)
{
    struct reader *rd = arg;
    collect_sections(rd, pol_result_root(rd->r));
    return NULL;
}

static void shared_result(void)
{
    const char *text = "一、目标\n到2025年，建成示范区。\n（一）任务。完成改造。\n第一段。\n第二段。\n（二）保障\n";
    pol_parser *p = pol_parser_new(0, NULL);
    pol_result *r = NULL;
    EQ_INT(pol_parse(p, text, strlen(text), &r, NULL), POL_OK);
    struct reader rd[4] = {{r, {0}, 0}, {r, {0}, 0}, {r, {0}, 0}, {r, {0}, 0}};
    pthread_t t[4];
    for (int i = 0; i < 4; i++)
        pthread_create(&t[i], NULL, read_in_thread, &rd[i]);
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    EQ_INT(rd[0].n, 6);
    EQ_STR(rd[0].texts[0], "到2025年，建成示范区。");
    EQ_STR(rd[0].texts[1], "到2025年，建成示范区。");
    EQ_STR(rd[0].texts[2], "完成改造。\n第一段。\n第二段。");
    EQ_STR(rd[0].texts[3], "第一段。");
    EQ_STR(rd[0].texts[4], "第二段。");
    EQ_STR(rd[0].texts[5], "");
    for (int i = 1; i < 4; i++) {
        EQ_INT(rd[i].n, rd[0].n);
        for (size_t k = 0; k < rd[0].n && k < rd[i].n; k++)
            CHECK(rd[i].texts[k] == rd[0].texts[k]); /* the same copy, not one each */
    }
    pol_result_free(r);
    pol_parser_free(p);
}

static void limits(void)
{
    pol_parser *p = pol_parser_new(0, NULL);
    EQ_INT(pol_parser_set_limit(p, POL_LIMIT_NODES, 3), POL_OK);
    pol_result *r = NULL;
    pol_error err;
    const char *text = "一、甲\n二、乙\n三、丙\n四、丁\n";
    EQ_INT(pol_parse(p, text, strlen(text), &r, &err), POL_ERR_LIMIT);
    CHECK(r == NULL);
    EQ_INT(err.line, 3);
    pol_parser_free(p);
}

int main(void)
{
    version();
    null_arguments();
    iterator_order();
    emitters();
    section_texts();
    json_strings();
    threads();
    shared_result();
    limits();
    return t_report();
}
