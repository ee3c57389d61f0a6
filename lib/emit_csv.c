/*
 * emit_csv.c - flat tables for pandas and R, RFC 4180: CRLF line ends, a
 * header row, fields quoted when they hold a comma, quote or line end, and
 * quotes doubled.
 *
 * tasks:    one row per task and agency (a task naming no agency gets one
 *           row with the agency fields empty)
 * agencies: one row per document and agency, with its task counts
 * targets:  one row per quantity, with every field of it
 * Allocates nothing: output is batched on the stack like emit_json.c.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

/* One field; `first` says whether a comma goes before it. */
static void field(pol_out *w, const char *s, bool first)
{
    if (!first)
        pol_out_put(w, ",", 1);
    if (!s)
        return;
    if (!strpbrk(s, ",\"\r\n")) {
        pol_out_put(w, s, strlen(s));
        return;
    }
    pol_out_put(w, "\"", 1);
    for (const char *q; (q = strchr(s, '"')); s = q + 1) {
        pol_out_put(w, s, (size_t)(q - s));
        pol_out_put(w, "\"\"", 2);
    }
    pol_out_put(w, s, strlen(s));
    pol_out_put(w, "\"", 1);
}

static void number(pol_out *w, unsigned long long v)
{
    char b[24];
    pol_format_int(b, (long long)v);
    field(w, b, false);
}

static void end_row(pol_out *w) { pol_out_put(w, "\r\n", 2); }

/* The labels and titles of the sections above a node: 二、工作任务 > （一）提升制造能级 */
static void path_of(pol_out *w, const pol_node *n)
{
    const pol_node *chain[64];
    size_t k = 0;
    for (const pol_node *p = n->parent; p && p->type == POL_NODE_SECTION && k < 64; p = p->parent)
        chain[k++] = p;
    char buf[2048];
    size_t at = 0;
    buf[0] = '\0';
    while (k-- > 0 && at < sizeof buf) {
        at += (size_t)snprintf(buf + at, sizeof buf - at, "%s%s%s", at ? " > " : "",
                               chain[k]->label, chain[k]->title);
        if (at >= sizeof buf)
            at = sizeof buf - 1;
    }
    field(w, buf, false);
}

static const pol_node *document_of(const pol_node *n)
{
    while (n && n->type != POL_NODE_DOCUMENT)
        n = n->parent;
    return n;
}

static void task_rows(pol_out *w, const char *source, const pol_node *t)
{
    const pol_node *doc = document_of(t);
    pol_span sp = pol_node_span(t);
    size_t n = t->n_agencies ? t->n_agencies : 1;
    for (size_t i = 0; i < n; i++) {
        const pol_agency *a = t->n_agencies ? &t->agencies[i] : NULL;
        field(w, source, true);
        field(w, doc && doc->doc ? doc->doc->title : NULL, false);
        path_of(w, t->type == POL_NODE_ROW ? t->parent : t);
        field(w, t->type == POL_NODE_SECTION ? t->label : NULL, false);
        field(w, t->title, false);
        field(w, a ? pol_agency_role_string(a->role) : NULL, false);
        field(w, a ? a->name : NULL, false);
        field(w, a ? a->as_written : NULL, false);
        field(w, a ? a->level : NULL, false);
        field(w, a ? pol_agency_kind_string(a->kind) : NULL, false);
        field(w, a ? (a->collective ? "true" : "false") : NULL, false);
        field(w, t->deadline, false);
        number(w, sp.byte_offset);
        number(w, sp.byte_offset + sp.len_bytes);
        number(w, sp.first_line);
        end_row(w);
    }
}

static void real(pol_out *w, double v)
{
    char b[32] = "";
    if (!isnan(v))
        pol_format_number(b, v);
    field(w, b, false);
}

static void target_rows(pol_out *w, const char *source, const pol_node *n)
{
    const pol_node *doc = document_of(n);
    for (size_t i = 0; i < n->n_targets; i++) {
        const pol_target *t = &n->targets[i];
        pol_node probe = {.type = POL_NODE_PARAGRAPH, .parent = (pol_node *)n,
                          .text_start = t->text_start, .text_end = t->text_end};
        pol_span sp = pol_node_span(&probe);
        field(w, source, true);
        field(w, doc && doc->doc ? doc->doc->title : NULL, false);
        path_of(w, n->type == POL_NODE_SECTION ? (const pol_node *)&probe : n);
        field(w, pol_target_kind_string(t->kind), false);
        field(w, t->indicator, false);
        field(w, pol_comparator_string(t->comparator), false);
        real(w, t->value);
        real(w, t->value_max);
        field(w, t->unit, false);
        real(w, t->base_value);
        field(w, t->base_unit, false);
        if (t->year)
            number(w, (unsigned long long)t->year);
        else
            field(w, "", false);
        field(w, t->cumulative ? "true" : "false", false);
        field(w, t->annual ? "true" : "false", false);
        field(w, t->text, false);
        number(w, sp.byte_offset);
        number(w, sp.byte_offset + sp.len_bytes);
        number(w, sp.first_line);
        end_row(w);
    }
}

pol_status pol_emit_csv(const pol_result *r, const char *source, pol_table table,
                        pol_write_fn write, void *user, pol_error *err)
{
    if (!r || !write ||
        (table != POL_TABLE_TASKS && table != POL_TABLE_AGENCIES && table != POL_TABLE_TARGETS))
        return pol_error_set(err, POL_ERR_ARG, SIZE_MAX, 0, 0,
                             "pol_emit_csv needs a result, a writer and a table: tasks, agencies or targets");
    pol_out w = {.write = write, .user = user};
    static const char *const headers[] = {
        [POL_TABLE_TASKS] = "source,document,section_path,label,task,role,agency,agency_as_written,"
                            "level,kind,collective,deadline,start,end,line\r\n",
        [POL_TABLE_AGENCIES] = "source,document,agency,level,kind,collective,lead,support,responsible\r\n",
        [POL_TABLE_TARGETS] = "source,document,section_path,kind,indicator,comparator,value,value_max,"
                              "unit,base_value,base_unit,year,cumulative,annual,text,start,end,line\r\n"};
    pol_out_puts(&w, headers[table]);
    pol_iter *it = pol_iter_new(&r->root);
    if (!it)
        return pol_error_set(err, POL_ERR_NOMEM, SIZE_MAX, 0, 0, "out of memory");
    pol_event ev;
    while ((ev = pol_iter_next(it)) != POL_EVENT_DONE && !w.failed) {
        const pol_node *n = pol_iter_node(it);
        if (ev != POL_EVENT_ENTER)
            continue;
        if (table == POL_TABLE_TASKS && pol_node_is_task(n))
            task_rows(&w, source, n);
        if (table == POL_TABLE_TARGETS)
            target_rows(&w, source, n);
        if (table == POL_TABLE_AGENCIES && n->type == POL_NODE_DOCUMENT) {
            for (size_t i = 0; i < n->doc->n_agencies; i++) {
                const pol_agency *a = &n->doc->agencies[i];
                field(&w, source, true);
                field(&w, n->doc->title, false);
                field(&w, a->name, false);
                field(&w, a->level, false);
                field(&w, pol_agency_kind_string(a->kind), false);
                field(&w, a->collective ? "true" : "false", false);
                number(&w, a->count[POL_AGENCY_LEAD]);
                number(&w, a->count[POL_AGENCY_SUPPORT]);
                number(&w, a->count[POL_AGENCY_RESPONSIBLE]);
                end_row(&w);
            }
        }
    }
    pol_iter_free(it);
    pol_out_flush(&w);
    if (w.failed)
        return pol_error_set(err, POL_ERR_WRITE, SIZE_MAX, 0, 0, "the CSV writer callback failed");
    return POL_OK;
}
