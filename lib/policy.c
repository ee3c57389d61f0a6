/*
 * policy.c - the parser object and pol_parse(): runs the stages, nothing else.
 *
 * Each stage reads the fields of struct pol_run that the stages before it
 * filled (internal.h) and fills its own.  Emitting is not a stage: it works
 * on a finished result (emit_json.c, emit_xml.c).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "internal.h"
#include "units.h" /* POL_DEFAULT_UNITS: data/units.tsv, embedded by meson */

static const struct stage {
    const char *name;
    pol_status (*run)(struct pol_run *);
} stages[] = {
    {"decode", pol_decode},       {"normalize", pol_normalize},
    {"places", pol_places_mark},  {"lines", pol_lines_split},
    {"headings", pol_headings_classify},
    {"documents", pol_documents_split}, {"sections", pol_sections_build},
    {"tasks", pol_tasks_extract},           {"targets", pol_targets_extract},
    {"references", pol_references_extract},
};

int pol_version(void) { return POL_VERSION; }

const char *pol_version_string(void)
{
#define STR2(x) #x
#define STR(x) STR2(x)
    return STR(POL_VERSION_MAJOR) "." STR(POL_VERSION_MINOR) "." STR(POL_VERSION_PATCH);
#undef STR
#undef STR2
}

static char *copy(const char *s, size_t len);

static pol_status add_unit(pol_parser *p, const char *unit, size_t ulen, const char *dim,
                           size_t dlen, const char *nb, size_t nlen)
{
    if (ulen == 0)
        return POL_ERR_ARG;
    if (p->n_units == p->cap_units) {
        size_t cap = p->cap_units ? p->cap_units * 2 : 64;
        pol_unit *g = realloc(p->units, cap * sizeof *g);
        if (!g)
            return POL_ERR_NOMEM;
        p->units = g;
        p->cap_units = cap;
    }
    pol_unit *u = &p->units[p->n_units];
    u->unit = copy(unit, ulen);
    u->dimension = copy(dim, dlen);
    u->not_before = copy(nb, nlen);
    if (!u->unit || !u->dimension || !u->not_before) {
        free(u->unit);
        free(u->dimension);
        free(u->not_before);
        return POL_ERR_NOMEM;
    }
    p->n_units++;
    return POL_OK;
}

/* Reads a unit catalogue: UNIT<TAB>DIMENSION[<TAB>NOT-BEFORE] per line, # comments. */
static pol_status add_units(pol_parser *p, const char *text, const char *name, pol_error *err)
{
    unsigned lineno = 0;
    for (const char *line = text; *line;) {
        const char *nl = strchr(line, '\n');
        size_t len = nl ? (size_t)(nl - line) : strlen(line);
        lineno++;
        if (len > 0 && line[len - 1] == '\r')
            len--;
        if (len > 0 && line[0] != '#') {
            const char *t1 = memchr(line, '\t', len);
            if (!t1 || t1 == line)
                return pol_error_set(err, POL_ERR_ARG, SIZE_MAX, lineno, 1,
                                     "%s:%u: expected UNIT<TAB>DIMENSION", name, lineno);
            const char *rest = t1 + 1;
            size_t rlen = len - (size_t)(rest - line);
            const char *t2 = memchr(rest, '\t', rlen);
            size_t dlen = t2 ? (size_t)(t2 - rest) : rlen;
            const char *nb = t2 ? t2 + 1 : "";
            size_t nlen = t2 ? rlen - dlen - 1 : 0;
            pol_status st = add_unit(p, line, (size_t)(t1 - line), rest, dlen, nb, nlen);
            if (st != POL_OK)
                return pol_error_set(err, st, SIZE_MAX, lineno, 1, "%s:%u: %s", name, lineno,
                                     pol_status_string(st));
        }
        line = nl ? nl + 1 : line + len;
    }
    return POL_OK;
}

pol_status pol_parser_add_unit(pol_parser *p, const char *unit, const char *dimension)
{
    if (!p || !unit || !*unit)
        return POL_ERR_ARG;
    const char *dim = dimension ? dimension : "";
    pol_status st = add_unit(p, unit, strlen(unit), dim, strlen(dim), "", 0);
    if (st != POL_OK)
        return st;
    return pol_patterns_set_units(&p->patterns, p->units, p->n_units, NULL);
}

pol_parser *pol_parser_new(unsigned options, pol_error *err)
{
    const unsigned known = POL_OPT_NO_JOIN | POL_OPT_UTF8_ONLY | POL_OPT_NO_JIT;
    if (options & ~known) {
        pol_error_set(err, POL_ERR_ARG, SIZE_MAX, 0, 0, "unknown option bits 0x%X",
                      options & ~known);
        return NULL;
    }
    pol_parser *p = calloc(1, sizeof *p);
    if (!p) {
        pol_error_set(err, POL_ERR_NOMEM, SIZE_MAX, 0, 0, "out of memory");
        return NULL;
    }
    p->options = options;
    p->limit_input = (size_t)1 << 30;
    p->limit_depth = 16;
    p->limit_nodes = (size_t)16 << 20;
    p->limit_line = (size_t)1 << 20;
    p->patterns.use_jit = !(options & POL_OPT_NO_JIT);
    if (pol_patterns_compile(&p->patterns, err) != POL_OK) {
        free(p);
        return NULL;
    }
    if (add_units(p, POL_DEFAULT_UNITS, "units.tsv", err) != POL_OK ||
        pol_patterns_set_units(&p->patterns, p->units, p->n_units, err) != POL_OK) {
        pol_parser_free(p);
        return NULL;
    }
    return p;
}

void pol_parser_free(pol_parser *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->n_units; i++) {
        free(p->units[i].unit);
        free(p->units[i].dimension);
        free(p->units[i].not_before);
    }
    free(p->units);
    for (size_t i = 0; i < p->n_aliases; i++) {
        free(p->aliases[i].alias);
        free(p->aliases[i].full);
    }
    free(p->aliases);
    pol_patterns_free(&p->patterns);
    free(p);
}

static char *copy(const char *s, size_t len)
{
    char *p = malloc(len + 1);
    if (p) {
        memcpy(p, s, len);
        p[len] = '\0';
    }
    return p;
}

static pol_status add_alias(pol_parser *p, const char *alias, size_t alen, const char *full,
                            size_t flen)
{
    if (alen == 0 || flen == 0)
        return POL_ERR_ARG;
    if (p->n_aliases == p->cap_aliases) {
        size_t cap = p->cap_aliases ? p->cap_aliases * 2 : 32;
        pol_alias *g = realloc(p->aliases, cap * sizeof *g);
        if (!g)
            return POL_ERR_NOMEM;
        p->aliases = g;
        p->cap_aliases = cap;
    }
    pol_alias *a = &p->aliases[p->n_aliases];
    a->alias = copy(alias, alen);
    a->full = copy(full, flen);
    if (!a->alias || !a->full) {
        free(a->alias);
        free(a->full);
        return POL_ERR_NOMEM;
    }
    p->n_aliases++;
    return POL_OK;
}

pol_status pol_parser_add_alias(pol_parser *p, const char *alias, const char *full)
{
    if (!p || !alias || !full)
        return POL_ERR_ARG;
    return add_alias(p, alias, strlen(alias), full, strlen(full));
}

pol_status pol_parser_load_aliases(pol_parser *p, const char *path, pol_error *err)
{
    if (!p || !path)
        return pol_error_set(err, POL_ERR_ARG, SIZE_MAX, 0, 0, "pol_parser_load_aliases needs a parser and a path");
    FILE *f = fopen(path, "r");
    if (!f)
        return pol_error_set(err, POL_ERR_IO, SIZE_MAX, 0, 0, "%s: %s", path, strerror(errno));
    char line[1024];
    unsigned lineno = 0;
    size_t off = 0;
    pol_status st = POL_OK;
    while (st == POL_OK && fgets(line, sizeof line, f)) {
        lineno++;
        size_t len = strlen(line);
        size_t line_off = off;
        off += len;
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        if (len == 0 || line[0] == '#')
            continue;
        char *tab = strchr(line, '\t');
        if (!tab || tab == line || tab[1] == '\0' || strchr(tab + 1, '\t')) {
            st = pol_error_set(err, POL_ERR_ARG, line_off, lineno, 1,
                               "%s:%u: expected ALIAS<TAB>FULL NAME", path, lineno);
            break;
        }
        st = add_alias(p, line, (size_t)(tab - line), tab + 1, strlen(tab + 1));
        if (st != POL_OK)
            pol_error_set(err, st, line_off, lineno, 1, "%s:%u: %s", path, lineno, pol_status_string(st));
    }
    fclose(f);
    return st;
}

pol_status pol_parser_set_limit(pol_parser *p, pol_limit which, size_t value)
{
    if (!p || value == 0)
        return POL_ERR_ARG;
    switch (which) {
    case POL_LIMIT_INPUT_BYTES: p->limit_input = value; return POL_OK;
    case POL_LIMIT_DEPTH: p->limit_depth = value; return POL_OK;
    case POL_LIMIT_NODES: p->limit_nodes = value; return POL_OK;
    case POL_LIMIT_LINE_BYTES:
        if (value > UINT32_MAX - 1) /* lines.c keeps offsets within a line in 32 bits */
            return POL_ERR_ARG;
        p->limit_line = value;
        return POL_OK;
    }
    return POL_ERR_ARG;
}

static pol_result *result_new(void)
{
    pol_result *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    pol_arena_init(&r->arena);
    r->root.type = POL_NODE_ROOT;
    r->decode_identity = true;
    r->encoding = "UTF-8";
    pol_offmap_init(&r->norm_map);
    pol_offmap_init(&r->fold_map);
    pol_offmap_init(&r->decode_map);
    return r;
}

void pol_result_free(pol_result *r)
{
    if (!r)
        return;
    pol_offmap_free(&r->norm_map);
    pol_offmap_free(&r->fold_map);
    pol_offmap_free(&r->decode_map);
    free(r->line_starts);
    free(r->text);
    pol_made_free(r);
    pol_arena_free(&r->arena);
    free(r);
}

const pol_node *pol_result_root(const pol_result *r) { return r ? &r->root : NULL; }
const char *pol_result_encoding(const pol_result *r) { return r ? r->encoding : NULL; }

const char *pol_result_text(const pol_result *r, size_t *len)
{
    if (len)
        *len = r ? r->text_len : 0;
    return r ? r->text : NULL;
}

/* Parses `text`; with `owned`, `text` is a malloc'd buffer the parse frees
 * (as soon as it is normalized, which keeps the peak of a large file low). */
static pol_status parse(pol_parser *parser, const char *text, size_t len, char *owned,
                        pol_result **out, pol_error *err)
{
    if (err) {
        err->status = POL_OK;
        err->byte_offset = SIZE_MAX;
        err->line = err->column = 0;
        err->message[0] = '\0';
    }
    if (out)
        *out = NULL;
    if (!parser || !out || (!text && len > 0)) {
        free(owned);
        return pol_error_set(err, POL_ERR_ARG, SIZE_MAX, 0, 0,
                             "pol_parse needs a parser, an output pointer and text");
    }
    struct pol_run run = {.parser = parser, .err = err, .input = text ? text : "", .input_len = len,
                          .input_owned = owned};
    run.result = result_new();
    if (!run.result) {
        free(owned);
        return pol_error_set(err, POL_ERR_NOMEM, SIZE_MAX, 0, 0, "out of memory");
    }
    pol_patterns_reset_counts(&parser->patterns);
    pol_patterns_note_text(&parser->patterns, NULL, 0); /* the last parse's text is gone */
    pol_status st = POL_OK;
    for (size_t i = 0; i < sizeof stages / sizeof stages[0] && st == POL_OK; i++) {
        st = stages[i].run(&run);
        /* free what later stages no longer read, before the tree grows */
        if (stages[i].run == pol_normalize) {
            free(run.input_owned);
            free(run.utf8_owned);
            run.input_owned = run.utf8_owned = NULL;
            run.input = run.utf8 = NULL;
        } else if (stages[i].run == pol_sections_build) {
            free(run.lines);
            free(run.docs);
            run.lines = NULL;
            run.docs = NULL;
        }
    }
    run.result->match_counts = parser->patterns.counts;
    pol_patterns_note_text(&parser->patterns, NULL, 0);
    if (st == POL_OK && parser->patterns.counts.limit_hits > 0 &&
        !pol_warn(run.result, 0, 0,
                  "pattern matching stopped at PCRE2's match limit; a heading, clause or "
                  "quantity may have been missed"))
        st = pol_error_set(err, POL_ERR_NOMEM, SIZE_MAX, 0, 0, "out of memory");
    if (st == POL_OK && (run.result->norm_map.failed || run.result->fold_map.failed ||
                         run.result->decode_map.failed))
        st = pol_error_set(err, POL_ERR_NOMEM, SIZE_MAX, 0, 0, "out of memory");
    if (st == POL_OK) {
        /* the result keeps the normalized text every node points into */
        run.result->text = run.norm;
        run.result->text_len = run.norm_len;
        run.norm = NULL;
        run.result->root.text_start = 0;
        run.result->root.text_end = run.norm_len;
    }
    free(run.input_owned);
    free(run.utf8_owned);
    free(run.norm);
    free(run.lines);
    free(run.docs);
    pol_places_free(&run.places);
    if (st != POL_OK) {
        pol_result_free(run.result);
        return st;
    }
    *out = run.result;
    return POL_OK;
}

pol_status pol_parse_file(pol_parser *parser, const char *path, pol_result **out, pol_error *err)
{
    if (out)
        *out = NULL;
    if (!parser || !path || !out)
        return pol_error_set(err, POL_ERR_ARG, SIZE_MAX, 0, 0,
                             "pol_parse_file needs a parser, a path and an output pointer");
    FILE *f = fopen(path, "rb");
    if (!f)
        return pol_error_set(err, POL_ERR_IO, SIZE_MAX, 0, 0, "%s: %s", path, strerror(errno));
    pol_buf b;
    pol_buf_init(&b);
    /* a regular file is read in one piece into a buffer of its size; a
     * pipe or device grows the buffer as it reads */
    struct stat sb;
    if (fstat(fileno(f), &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size > 0) {
        if ((uintmax_t)sb.st_size > parser->limit_input) {
            fclose(f);
            return pol_error_set(err, POL_ERR_LIMIT, parser->limit_input, 0, 0,
                                 "%s: larger than the limit of %zu bytes", path,
                                 parser->limit_input);
        }
        pol_buf_reserve(&b, (size_t)sb.st_size + 1);
    }
    size_t n;
    while ((b.cap > b.len + 1 || pol_buf_reserve(&b, 65536)) &&
           (n = fread(b.data + b.len, 1, b.cap - b.len - 1, f)) > 0) {
        b.len += n;
        if (b.len > parser->limit_input) {
            fclose(f);
            pol_buf_free(&b);
            return pol_error_set(err, POL_ERR_LIMIT, parser->limit_input, 0, 0,
                                 "%s: larger than the limit of %zu bytes", path,
                                 parser->limit_input);
        }
    }
    bool failed = ferror(f);
    int saved = errno;
    fclose(f);
    if (failed) {
        pol_buf_free(&b);
        return pol_error_set(err, POL_ERR_IO, SIZE_MAX, 0, 0, "%s: %s", path, strerror(saved));
    }
    size_t len = b.len;
    char *data = pol_buf_steal(&b);
    if (!data)
        return pol_error_set(err, POL_ERR_NOMEM, SIZE_MAX, 0, 0, "out of memory");
    return parse(parser, data, len, data, out, err);
}

pol_status pol_parse(pol_parser *parser, const char *text, size_t len, pol_result **out,
                     pol_error *err)
{
    return parse(parser, text, len, NULL, out, err);
}

void pol_free(void *ptr) { free(ptr); }
