/*
 * golden.c - every corpus text, parsed through the library, must give
 * corpus/expected/<name>.json and .xml byte for byte, and every XML must be
 * valid against lib/policy.rng.  `golden update` rewrites the expected
 * files; review their diffs like code.
 */
#include <dirent.h>
#include <libxml/relaxng.h>

#include "test.h"

static char root[1024];

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0, got;
    char *buf = malloc(cap + 1);
    while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            char *b = realloc(buf, 2 * cap + 1);
            if (!b) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = b;
            cap *= 2;
        }
    }
    fclose(f);
    if (buf) {
        buf[n] = '\0';
        *len = n;
    }
    return buf;
}

static void spit(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    if (f) {
        CHECK(fwrite(data, 1, len, f) == len);
        fclose(f);
    }
}

static void compare(const char *name, const char *ext, const char *got, size_t got_len, bool update)
{
    char path[2048];
    snprintf(path, sizeof path, "%s/corpus/expected/%s.%s", root, name, ext);
    if (update) {
        spit(path, got, got_len);
        return;
    }
    size_t len = 0;
    char *want = slurp(path, &len);
    bool same = want && len == got_len && memcmp(want, got, len) == 0;
    if (!same)
        fprintf(stderr, "golden: %s.%s differs from %s (run `golden update` and review)\n", name,
                ext, path);
    CHECK(same);
    free(want);
}

static void check_file(const char *dir, const char *file, xmlRelaxNGPtr schema, bool update)
{
    char path[2048], name[512];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    snprintf(name, sizeof name, "%.*s", (int)(strlen(file) - 4), file);
    pol_parser *p = pol_parser_new(0, NULL);
    pol_result *r = NULL;
    pol_error err;
    EQ_INT(pol_parse_file(p, path, &r, &err), POL_OK);
    pol_parser_free(p);
    if (!r)
        return;
    size_t len;
    char *json = pol_emit_to_string(r, POL_FORMAT_JSON, file, 0, &len, &err);
    CHECK(json != NULL);
    if (json)
        compare(name, "json", json, len, update);
    char *xml = pol_emit_to_string(r, POL_FORMAT_XML, file, 0, &len, &err);
    CHECK(xml != NULL);
    if (xml) {
        compare(name, "xml", xml, len, update);
        xmlDocPtr doc = xmlReadMemory(xml, (int)len, name, NULL, XML_PARSE_NONET);
        CHECK(doc != NULL);
        xmlRelaxNGValidCtxtPtr v = xmlRelaxNGNewValidCtxt(schema);
        int valid = doc ? xmlRelaxNGValidateDoc(v, doc) : -1;
        if (valid != 0)
            fprintf(stderr, "golden: %s.xml is not valid against policy.rng\n", name);
        EQ_INT(valid, 0);
        xmlRelaxNGFreeValidCtxt(v);
        xmlFreeDoc(doc);
    }
    pol_free(json);
    pol_free(xml);
    pol_result_free(r);
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

static int is_text(const struct dirent *e)
{
    size_t n = strlen(e->d_name);
    return n > 4 && strcmp(e->d_name + n - 4, ".txt") == 0;
}

int main(int argc, char **argv)
{
    bool update = argc > 1 && strcmp(argv[1], "update") == 0;
    const char *env = getenv("POL_SOURCE_ROOT");
    snprintf(root, sizeof root, "%s", env ? env : ".");
    char rng[1100];
    snprintf(rng, sizeof rng, "%s/lib/policy.rng", root);
    xmlRelaxNGParserCtxtPtr pc = xmlRelaxNGNewParserCtxt(rng);
    xmlRelaxNGPtr schema = xmlRelaxNGParse(pc);
    CHECK(schema != NULL);
    if (!schema)
        return t_report();
    const char *dirs[] = {"corpus", "corpus/extra"};
    int files = 0;
    for (size_t d = 0; d < 2; d++) {
        char dir[1100];
        snprintf(dir, sizeof dir, "%s/%s", root, dirs[d]);
        struct dirent **list;
        int n = scandir(dir, &list, is_text, by_name);
        CHECK(n > 0);
        for (int i = 0; i < n; i++) {
            check_file(dir, list[i]->d_name, schema, update);
            free(list[i]);
            files++;
        }
        if (n > 0)
            free(list);
    }
    EQ_INT(files, 17);
    xmlRelaxNGFree(schema);
    xmlRelaxNGFreeParserCtxt(pc);
    xmlCleanupParser();
    return t_report();
}
