/*
 * sections.c - headings -> the section tree of each document.
 *
 * Input: run->lines with headings classified and documents assigned.
 * Output: the result's node tree: documents, their sections, paragraphs and
 * tables.
 *
 * Misprints.  Real texts print a heading in the wrong style: `（4）` between
 * `（三）` and `（五）`, `2、` where `二、` belongs.  Each heading is read as
 * the style that best continues a sequence: a style scores 2 when the
 * ordinal follows the last one of that style (or opens it, 1, where no
 * sequence of it is open), 1.5 when it restarts at 1 or, as printed, opens
 * at 2 (the first item left out), plus 1 when the next
 * heading printed in that style carries the next ordinal; the printed style
 * gets half a point more, so it wins ties.  Only styles the document prints
 * elsewhere compete, and only from the second heading on; another style may
 * open a sequence (ordinal 1) only under a heading ranked above it.  A
 * heading closes the sequences of all styles ranked
 * inside its own.
 *
 * Levels.  A heading's level is the rank of its style among the styles its
 * document uses, GB/T 9704 order (第X部分 > 第X章 > 第X节 > 第X条 > 一、 >
 * （一） > 1. > （1） > ①), so a style keeps one level even where a level is
 * skipped.  The tree follows the text: a heading nests under the nearest
 * heading before it of a smaller level.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* ------------------------------------------------------- misprint recovery */

typedef struct recover {
    pol_line **heads;
    size_t n;
    bool printed[STYLE_COUNT];
    int last[STYLE_COUNT];
    size_t next[STYLE_COUNT]; /* per style, the next heading printed in it after k */
} recover;

/* Moves each style's `next` past heading k; with k rising this is linear. */
static void advance(recover *r, size_t k)
{
    for (int s = STYLE_PART; s < STYLE_COUNT; s++) {
        if (!r->printed[s])
            continue;
        size_t j = r->next[s] > k ? r->next[s] : k + 1;
        while (j < r->n && r->heads[j]->printed_style != (pol_style)s)
            j++;
        r->next[s] = j;
    }
}

static int next_ordinal_printed(recover *r, size_t k, pol_style style)
{
    (void)k;
    size_t j = r->next[style];
    return j < r->n ? r->heads[j]->ordinal : -1;
}

static double fit(recover *r, size_t k, pol_style style)
{
    int n = r->heads[k]->ordinal;
    double score = 0;
    if (n == r->last[style] + 1)
        score = 2;
    else if (n == 1)
        score = 1.5;
    else if (n == 2 && r->last[style] == 0 && style == r->heads[k]->printed_style)
        score = 1.5; /* a sequence whose first item the text left out */
    if (next_ordinal_printed(r, k, style) == n + 1)
        score += 1;
    if (style == r->heads[k]->printed_style)
        score += 0.5;
    return score;
}

static void recover_styles(recover *r)
{
    for (size_t k = 0; k < r->n; k++)
        r->printed[r->heads[k]->printed_style] = true;
    for (size_t k = 0; k < r->n; k++) {
        advance(r, k);
        pol_line *h = r->heads[k];
        pol_style best = h->printed_style;
        double best_score = fit(r, k, best);
        /* the first heading has nothing to continue: it is as printed */
        for (int s = STYLE_PART; s < STYLE_COUNT && k > 0; s++) {
            if (!r->printed[s] || s == (int)h->printed_style)
                continue;
            /* another style opens a sequence only under a heading ranked above it */
            if (h->ordinal == 1 && r->heads[k - 1]->style >= (pol_style)s)
                continue;
            double sc = fit(r, k, (pol_style)s);
            if (sc > best_score) {
                best = (pol_style)s;
                best_score = sc;
            }
        }
        h->style = best;
        r->last[best] = h->ordinal;
        for (int s = best + 1; s < STYLE_COUNT; s++)
            r->last[s] = 0;
    }
}

/* ----------------------------------------------------------- tree building */

static const char *const style_names[STYLE_COUNT] = {
    [STYLE_NONE] = NULL,          [STYLE_PART] = "第一部分", [STYLE_CHAPTER] = "第一章",
    [STYLE_SECTION] = "第一节",   [STYLE_ARTICLE] = "第一条", [STYLE_CN] = "一、",
    [STYLE_CN_PAREN] = "（一）",  [STYLE_NUM] = "1.",       [STYLE_NUM_PAREN] = "（1）",
    [STYLE_CIRCLED] = "①",
};

const char *pol_style_name(pol_style s) { return s < STYLE_COUNT ? style_names[s] : NULL; }

/* What the builder keeps for each document while it places the lines. */
typedef struct doc_build {
    pol_node *node;                   /* the document's node, made at its first line */
    pol_node *stack[STYLE_COUNT + 1]; /* its open sections */
    int depth;
    int levels[STYLE_COUNT]; /* style -> level */
    pol_node *last_table;
    pol_node *last_row; /* tables a cell per line: the row being filled */
} doc_build;

typedef struct builder {
    struct pol_run *run;
    pol_result *r;
    doc_build *docs;
} builder;

static pol_status nomem(struct pol_run *run)
{
    return pol_error_set(run->err, POL_ERR_NOMEM, SIZE_MAX, 0, 0, "out of memory");
}

static pol_status too_many(struct pol_run *run, size_t line_start)
{
    size_t off = pol_result_source_offset(run->result, line_start);
    return pol_error_at(run, POL_ERR_LIMIT, off, "more than %zu nodes",
                        run->parser->limit_nodes);
}

static pol_node *add(builder *b, pol_node *parent, pol_node_type type, const pol_line *ln)
{
    if (b->r->nodes >= b->run->parser->limit_nodes)
        return NULL;
    return pol_node_add(b->r, parent, type, ln->start, ln->start + ln->len);
}

/* Splits a tab-separated row into cells under a ROW node. */
static bool add_row(builder *b, pol_node *table, const pol_line *ln)
{
    pol_node *row = add(b, table, POL_NODE_ROW, ln);
    if (!row)
        return false;
    const char *s = b->run->norm;
    size_t a = ln->start, end = ln->start + ln->len;
    while (a <= end) {
        const char *tab = memchr(s + a, '\t', end - a);
        size_t e = tab ? (size_t)(tab - s) : end;
        size_t ca = a, ce = e;
        while (ca < ce && s[ca] == ' ')
            ca++;
        ce = ca + pol_trim_end(s + ca, ce - ca);
        pol_line cell = {.start = ca, .len = ce - ca};
        pol_node *cn = add(b, row, POL_NODE_CELL, &cell);
        if (!cn)
            return false;
        cn->text = pol_arena_strndup(&b->r->arena, s + ca, ce - ca);
        if (!cn->text)
            return false;
        a = e + 1;
        if (!tab)
            break;
    }
    return true;
}

/* Why adding a node for line ln failed: the node limit, or memory. */
static pol_status add_failed(builder *b, const pol_line *ln)
{
    return b->r->nodes >= b->run->parser->limit_nodes ? too_many(b->run, ln->start) : nomem(b->run);
}

static pol_status add_paragraph(builder *b, pol_node *parent, const pol_line *ln, int d)
{
    pol_node *p = add(b, parent, POL_NODE_PARAGRAPH, ln);
    if (!p)
        return add_failed(b, ln);
    p->role = ln->role;
    b->docs[d].last_table = NULL;
    return POL_OK;
}

static pol_status place_line(builder *b, size_t i)
{
    struct pol_run *run = b->run;
    pol_line *ln = &run->lines[i];
    int d = ln->doc < 0 ? 0 : ln->doc;
    pol_node *docn = b->docs[d].node;
    if (!docn) {
        /* a document's node is made at its first line, so that the tree
         * keeps reading order: a notice's text, then the plans it issues */
        pol_docspan *ds = &run->docs[d];
        pol_node *parent = ds->parent < 0 ? &b->r->root : b->docs[ds->parent].node;
        docn = add(b, parent ? parent : &b->r->root, POL_NODE_DOCUMENT, ln);
        pol_docinfo *info = docn ? pol_arena_alloc(&b->r->arena, sizeof *info) : NULL;
        if (!info)
            return nomem(run);
        *info = ds->info;
        docn->doc = info;
        b->docs[d].node = docn;
    }
    pol_node **stack = b->docs[d].stack;
    const char *s = run->norm + ln->start;

    if (ln->role != POL_ROLE_BODY && ln->role != POL_ROLE_BULLET)
        return add_paragraph(b, docn, ln, d); /* metadata belongs to the document */
    if (ln->kind == LINE_HEADING) {
        int level = b->docs[d].levels[ln->style];
        while (b->docs[d].depth > 0 && stack[b->docs[d].depth - 1]->level >= level)
            b->docs[d].depth--;
        if ((size_t)b->docs[d].depth >= run->parser->limit_depth)
            return pol_error_at(run, POL_ERR_LIMIT, pol_result_source_offset(b->r, ln->start),
                                "sections nest deeper than %zu", run->parser->limit_depth);
        pol_node *parent = b->docs[d].depth > 0 ? stack[b->docs[d].depth - 1] : docn;
        pol_node *sec = add(b, parent, POL_NODE_SECTION, ln);
        if (!sec)
            return add_failed(b, ln);
        sec->level = level;
        sec->ordinal = ln->ordinal;
        sec->style = ln->style;
        sec->body_start = ln->start + ln->rest_start;
        /* past the line's text only white space can stand before its end */
        sec->body_end = pol_line_end(run->norm, run->norm_len, ln->start + ln->len);
        sec->label = pol_arena_strndup(&b->r->arena, s, ln->label_len);
        sec->title = pol_arena_strndup(&b->r->arena, s + ln->title_start, ln->title_len);
        sec->title_start = ln->start + ln->title_start;
        if (!sec->label || !sec->title)
            return nomem(run);
        stack[b->docs[d].depth++] = sec;
        b->docs[d].last_table = NULL;
        return POL_OK;
    }
    pol_node *container = b->docs[d].depth > 0 ? stack[b->docs[d].depth - 1] : docn;
    if (ln->kind == LINE_TABLE_CELL) {
        pol_node *table = b->docs[d].last_table;
        if (!table || table->parent != container || (ln->row_start && !b->docs[d].last_row)) {
            table = add(b, container, POL_NODE_TABLE, ln);
            if (!table)
                return add_failed(b, ln);
            b->docs[d].last_table = table;
            b->docs[d].last_row = NULL;
        }
        if (ln->row_start || !b->docs[d].last_row) {
            b->docs[d].last_row = add(b, table, POL_NODE_ROW, ln);
            if (!b->docs[d].last_row)
                return add_failed(b, ln);
        }
        pol_node *cell = add(b, b->docs[d].last_row, POL_NODE_CELL, ln);
        if (!cell)
            return add_failed(b, ln);
        cell->text = pol_arena_strndup(&b->r->arena, s, ln->len);
        return cell->text ? POL_OK : nomem(run);
    }
    b->docs[d].last_row = NULL;
    if (ln->kind == LINE_TABLE_ROW) {
        pol_node *table = b->docs[d].last_table;
        if (!table || table->parent != container) {
            table = add(b, container, POL_NODE_TABLE, ln);
            if (!table)
                return add_failed(b, ln);
            b->docs[d].last_table = table;
        }
        return add_row(b, table, ln) ? POL_OK : add_failed(b, ln);
    }
    return add_paragraph(b, container, ln, d);
}

static bool is_body_heading(const pol_line *ln, size_t n_docs)
{
    return ln->doc >= 0 && (size_t)ln->doc < n_docs && ln->kind == LINE_HEADING &&
           ln->role == POL_ROLE_BODY;
}

pol_status pol_sections_build(struct pol_run *run)
{
    pol_result *r = run->result;
    size_t nd = run->n_docs;
    builder b = {.run = run, .r = r};
    b.docs = calloc(nd, sizeof *b.docs);
    pol_line **heads = calloc(run->n_lines + 1, sizeof *heads);
    size_t *first = calloc(nd + 1, sizeof *first); /* heads of document d: first[d]..first[d+1] */
    pol_status st = POL_OK;
    if (!b.docs || !heads || !first) {
        st = nomem(run);
        goto done;
    }
    /* body headings grouped by document in one pass (a counting sort), so
     * that the work stays linear however many documents a text holds */
    for (size_t i = 0; i < run->n_lines; i++)
        if (is_body_heading(&run->lines[i], nd))
            first[run->lines[i].doc + 1]++;
    for (size_t d = 0; d < nd; d++)
        first[d + 1] += first[d];
    for (size_t i = 0, *fill = first; i < run->n_lines; i++)
        if (is_body_heading(&run->lines[i], nd))
            heads[fill[run->lines[i].doc]++] = &run->lines[i];
    for (size_t d = nd; d > 0; d--) /* the fill moved each start to the next's */
        first[d] = first[d - 1];
    first[0] = 0;
    for (size_t d = 0; d < nd; d++) {
        /* recover misprints and rank the styles, per document */
        recover rec = {.heads = heads + first[d], .n = first[d + 1] - first[d]};
        recover_styles(&rec);
        bool used[STYLE_COUNT] = {false};
        for (size_t k = 0; k < rec.n; k++)
            used[rec.heads[k]->style] = true;
        int level = 0;
        for (int s = STYLE_PART; s < STYLE_COUNT; s++)
            b.docs[d].levels[s] = used[s] ? ++level : 0;
    }
    for (size_t i = 0; i < run->n_lines && st == POL_OK; i++)
        st = place_line(&b, i);
done:
    free(b.docs);
    free(heads);
    free(first);
    return st;
}
