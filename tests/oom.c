/*
 * oom.c - running out of memory.  Every allocation that making a parser,
 * and parsing a text and writing its JSON and XML, make is failed in turn (the
 * first, then the second, ... until a run goes through untouched): each run
 * must end in its documented error, never a crash, and free all it took (the
 * count of live blocks comes back to where it was); a run that succeeds
 * writes exactly what a run with memory enough writes.
 *
 * The allocator is wrapped here, in the program, which the static library
 * and the shared ones (PCRE2, libxml2) all call; the wrappers reach glibc's
 * own through __libc_malloc and its kin, so the test runs on glibc only.
 */
#include <libxml/xmlerror.h>

#include "test.h"

#if defined(__GLIBC__) && !defined(__SANITIZE_ADDRESS__)

extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *p, size_t size);
extern void *__libc_memalign(size_t align, size_t size);
extern void __libc_free(void *p);

static long countdown = -1; /* allocations left before one fails; -1: none fails */
static bool failed;         /* the countdown ran out in this run */
static long live;           /* blocks taken and not yet freed */


static bool fail_now(void)
{
    if (countdown < 0)
        return false;
    if (countdown-- > 0)
        return false;
    failed = true;
    return true;
}

static void *counted(void *p)
{
    if (p)
        live++;
    return p;
}

void *malloc(size_t size) { return fail_now() ? NULL : counted(__libc_malloc(size)); }
void *calloc(size_t n, size_t size) { return fail_now() ? NULL : counted(__libc_calloc(n, size)); }
void *memalign(size_t align, size_t size)
{
    return fail_now() ? NULL : counted(__libc_memalign(align, size));
}
void *aligned_alloc(size_t align, size_t size) { return memalign(align, size); }
int posix_memalign(void **out, size_t align, size_t size)
{
    void *p = memalign(align, size);
    if (!p)
        return 12; /* ENOMEM */
    *out = p;
    return 0;
}

void *realloc(void *p, size_t size)
{
    if (!p)
        return malloc(size);
    if (size == 0) {
        free(p);
        return NULL;
    }
    return fail_now() ? NULL : __libc_realloc(p, size); /* on failure p stays taken */
}

void free(void *p)
{
    if (p) {
        live--;
        __libc_free(p);
    }
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *data = NULL;
    size_t cap = 0;
    *len = 0;
    for (;;) {
        if (*len == cap) {
            cap = cap ? cap * 2 : 65536;
            data = realloc(data, cap);
        }
        size_t n = fread(data + *len, 1, cap - *len, f);
        *len += n;
        if (n == 0)
            break;
    }
    fclose(f);
    return data;
}

/* Making a parser: a parser, or none and POL_ERR_NOMEM. */
static void parser_runs(void)
{
    long runs = 0;
    for (long k = 0;; k++, runs++) {
        long before = live;
        pol_error err;
        failed = false;
        countdown = k;
        pol_parser *p = pol_parser_new(0, &err);
        countdown = -1;
        /* a pattern PCRE2 could not JIT-compile runs interpreted: the
         * parser may still be made */
        if (!p)
            EQ_INT(err.status, POL_ERR_NOMEM);
        CHECK(p || failed);
        pol_parser_free(p);
        EQ_INT(live, before);
        if (!failed)
            break;
    }
    CHECK(runs > 10); /* the compiled patterns alone take more */
}

/* Parsing `text` and writing it: each step POL_OK or out of memory. */
static void parse_runs(pol_parser *p, const char *name, const char *text, size_t len)
{
    long runs = 0;
    char *whole = NULL;
    pol_result *pr = NULL;
    EQ_INT(pol_parse(p, text, len, &pr, NULL), POL_OK);
    char *plain = pol_emit_to_string(pr, POL_FORMAT_JSON, name, 0, NULL, NULL);
    char *plain_xml = pol_emit_to_string(pr, POL_FORMAT_XML, name, 0, NULL, NULL);
    pol_result_free(pr);
    for (long k = 0;; k++, runs++) {
        long before = live;
        pol_error err;
        pol_result *r = NULL;
        failed = false;
        countdown = k;
        pol_status st = pol_parse(p, text, len, &r, &err);
        char *json = NULL, *xml = NULL;
        pol_status json_st = POL_OK, xml_st = POL_OK;
        long before_xml = live, xml_left = 0;
        if (st == POL_OK) {
            json = pol_emit_to_string(r, POL_FORMAT_JSON, name, 0, NULL, &err);
            json_st = json ? POL_OK : err.status;
            before_xml = live;
            xml = pol_emit_to_string(r, POL_FORMAT_XML, name, 0, NULL, &err);
            xml_st = xml ? POL_OK : err.status;
            /* libxml2 keeps the last error it raised (per thread, until the
             * next one): libxml2's, not a leak of ours */
            xmlResetLastError();
            xml_left = live - before_xml - (xml ? 1 : 0);
        }
        countdown = -1;
        if (st != POL_OK) {
            EQ_INT(st, POL_ERR_NOMEM);
            EQ_INT(err.status, POL_ERR_NOMEM);
            CHECK(r == NULL);
        }
        CHECK(json_st == POL_OK || json_st == POL_ERR_NOMEM);
        /* nothing is dropped quietly: what comes out whole is what a run
         * with memory enough writes */
        if (json && strcmp(json, plain) != 0) {
            fprintf(stderr, "%s: failing allocation %ld changed the JSON\n", name, k + 1);
            t_failed++;
        }
        CHECK(xml_st == POL_OK || xml_st == POL_ERR_NOMEM);
        if (!failed) {
            CHECK(st == POL_OK && json && xml);
            whole = json;
            json = NULL;
        }
        /* libxml2 2.9.14's xmlTextWriterStartElement leaks the element's
         * record and name when it cannot push them (fixed in later
         * releases): at most those two, and only when the writing failed */
        if (xml_left != 0 && !(xml_st != POL_OK && xml_left <= 2)) {
            fprintf(stderr, "%s: failing allocation %ld left %ld blocks in the XML writer\n", name,
                    k + 1, xml_left);
            t_failed++;
        }
        char *xml_kept = xml;
        free(json);
        pol_result_free(r);
        if (live - (xml ? 1 : 0) - xml_left != before + (whole ? 1 : 0)) {
            fprintf(stderr, "%s: failing allocation %ld left %ld blocks\n", name, k + 1,
                    live - before);
            t_failed++;
        }
        if (xml_kept && strcmp(xml_kept, plain_xml) != 0) {
            fprintf(stderr, "%s: failing allocation %ld changed the XML\n", name, k + 1);
            t_failed++;
        }
        free(xml_kept);
        if (!failed)
            break;
    }
    EQ_STR(whole, plain);
    free(plain);
    free(plain_xml);
    free(whole);
    CHECK(runs > 10);
    printf("%s: %ld allocations failed in turn\n", name, runs);
}

int main(void)
{
    const char *root = getenv("POL_SOURCE_ROOT");
    if (!root)
        root = ".";
    {
        /* libxml2 keeps per-thread and global state from its first use on,
         * which is not a leak of ours: make it before counting */
        pol_parser *warm = pol_parser_new(0, NULL);
        pol_result *r = NULL;
        pol_parse(warm, "一、目标\n", strlen("一、目标\n"), &r, NULL);
        pol_free(pol_emit_to_string(r, POL_FORMAT_XML, NULL, 0, NULL, NULL));
        pol_result_free(r);
        pol_parser_free(warm);
    }
    parser_runs();
    pol_parser *p = pol_parser_new(0, NULL);
    /* the corpus: notices issuing plans, reports, tables of tasks and
     * targets, references; each text's allocations fall in other places */
    char list[4096];
    snprintf(list, sizeof list, "ls %s/corpus/*.txt %s/corpus/extra/*.txt", root, root);
    FILE *ls = popen(list, "r");
    CHECK(ls != NULL);
    char path[4096];
    size_t files = 0;
    while (ls && fgets(path, sizeof path, ls)) {
        path[strcspn(path, "\n")] = '\0';
        size_t len;
        char *text = slurp(path, &len);
        CHECK(text != NULL);
        if (text)
            parse_runs(p, strrchr(path, '/') + 1, text, len);
        free(text);
        files++;
    }
    if (ls)
        pclose(ls);
    CHECK(files >= 10);
    const char *table = "关于印发行动方案的通知\n"
                        "一、重点任务\n"
                        "序号\t任务\t牵头单位\t配合单位\t完成时限\n"
                        "1\t建设示范园区10个\t市发展改革委\t市财政局、市商务局\t2025年底\n"
                        "2\t新增就业2万人以上\t市人力资源社会保障局\t各区县政府\t长期坚持\n"
                        "（一）加快建设。到2025年，产值达到500亿元。（市工业和信息化局牵头，市科技局配合）\n"
                        "依据《中华人民共和国促进法》和《实施方案》（沪府办发〔2022〕5号）。\n";
    parse_runs(p, "table", table, strlen(table));
    pol_parser_free(p);
    return t_report();
}

#else

int main(void)
{
    puts("skipped: the allocator wrappers need glibc");
    return 77;
}

#endif
