/*
 * tree.c - nodes: making them (for sections.c), reading them (the public
 * accessors), and walking them (the ENTER/EXIT iterator).
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

pol_node *pol_node_add(pol_result *r, pol_node *parent, pol_node_type type, size_t start,
                       size_t end)
{
    pol_node *n = pol_arena_alloc(&r->arena, sizeof *n);
    if (!n)
        return NULL;
    n->type = type;
    n->parent = parent;
    n->text_start = start;
    n->text_end = end;
    n->prev = parent->last_child;
    if (parent->last_child)
        parent->last_child->next = n;
    else
        parent->first_child = n;
    parent->last_child = n;
    /* a parent's span covers its children's */
    for (pol_node *p = parent; p; p = p->parent) {
        if (p->text_end < end)
            p->text_end = end;
        if (p->text_start > start)
            p->text_start = start;
    }
    r->nodes++;
    return n;
}

static pol_status each_document(pol_node *parent, pol_status (*fn)(void *, pol_node *), void *ctx)
{
    pol_status st = POL_OK;
    for (pol_node *d = parent->first_child; d && st == POL_OK; d = d->next) {
        if (d->type != POL_NODE_DOCUMENT)
            continue;
        st = fn(ctx, d);
        if (st == POL_OK)
            st = each_document(d, fn, ctx);
    }
    return st;
}

pol_status pol_each_document(pol_result *r, pol_status (*fn)(void *ctx, pol_node *doc), void *ctx)
{
    return each_document(&r->root, fn, ctx);
}

bool pol_warn(pol_result *r, size_t text_start, size_t text_end, const char *message)
{
    pol_warning *w = pol_arena_alloc(&r->arena, sizeof *w);
    if (!w)
        return false;
    w->message = message;
    w->text_start = text_start;
    w->text_end = text_end;
    if (r->last_warning)
        r->last_warning->next = w;
    else
        r->warnings = w;
    r->last_warning = w;
    r->n_warnings++;
    return true;
}

size_t pol_result_warning_count(const pol_result *r) { return r ? r->n_warnings : 0; }

const char *pol_result_warning(const pol_result *r, size_t index, pol_span *span)
{
    const pol_warning *w = r ? r->warnings : NULL;
    for (; w && index > 0; index--)
        w = w->next;
    if (!w)
        return NULL;
    if (span) {
        pol_node probe = {.type = POL_NODE_PARAGRAPH, .parent = (pol_node *)&r->root,
                          .text_start = w->text_start, .text_end = w->text_end};
        *span = pol_node_span(&probe);
    }
    return w->message;
}

pol_node_type pol_node_get_type(const pol_node *node) { return node ? node->type : POL_NODE_ROOT; }

const char *pol_node_type_string(pol_node_type type)
{
    static const char *const names[] = {"root", "document", "section", "paragraph",
                                        "table", "row",      "cell"};
    return (unsigned)type < sizeof names / sizeof names[0] ? names[type] : "unknown";
}

/* Line number (1-based) of a decoded-text offset. */
static unsigned line_of(const pol_result *r, size_t utf8_off, size_t *hint)
{
    return (unsigned)pol_last_at_most_near(r->line_starts, r->n_line_starts, utf8_off, hint) + 1;
}

/* Offsets through the maps; h holds a hint for each map (norm, fold). */
static size_t to_decoded(const pol_result *r, size_t off, bool end, size_t h[2])
{
    size_t f = end ? pol_offmap_end_near(&r->norm_map, off, &h[0])
                   : pol_offmap_start_near(&r->norm_map, off, &h[0]);
    return end ? pol_offmap_end_near(&r->fold_map, f, &h[1]) : pol_offmap_start_near(&r->fold_map, f, &h[1]);
}

static size_t to_source(const pol_result *r, size_t utf8_off, bool end, size_t *hint)
{
    if (r->decode_identity)
        return utf8_off;
    return end ? pol_offmap_end_near(&r->decode_map, utf8_off, hint)
               : pol_offmap_start_near(&r->decode_map, utf8_off, hint);
}

size_t pol_result_source_offset(const pol_result *r, size_t text_offset)
{
    if (!r)
        return 0;
    pol_span_cursor c;
    pol_span_cursor_init(&c);
    return to_source(r, to_decoded(r, text_offset, false, c.start), false, &c.start[2]);
}

void pol_span_cursor_init(pol_span_cursor *c) { memset(c, 0xFF, sizeof *c); /* SIZE_MAX: no hint */ }

pol_span pol_node_span_near(const pol_node *node, pol_span_cursor *c)
{
    pol_span sp = {0, 0, 0, 0};
    if (!node)
        return sp;
    const pol_node *root = node;
    while (root->parent)
        root = root->parent;
    const pol_result *r = (const pol_result *)((const char *)root - offsetof(pol_result, root));
    size_t a = to_decoded(r, node->text_start, false, c->start);
    size_t b = node->text_end > node->text_start ? to_decoded(r, node->text_end, true, c->end) : a;
    if (b < a)
        b = a;
    sp.byte_offset = to_source(r, a, false, &c->start[2]);
    size_t e = b > a ? to_source(r, b, true, &c->end[2]) : sp.byte_offset;
    sp.len_bytes = e > sp.byte_offset ? e - sp.byte_offset : 0;
    sp.first_line = line_of(r, a, &c->start[3]);
    sp.last_line = line_of(r, b > a ? b - 1 : a, &c->end[3]);
    return sp;
}

pol_span pol_node_span(const pol_node *node)
{
    pol_span_cursor c;
    pol_span_cursor_init(&c);
    return pol_node_span_near(node, &c);
}

const pol_node *pol_node_parent(const pol_node *n) { return n ? n->parent : NULL; }
const pol_node *pol_node_first_child(const pol_node *n) { return n ? n->first_child : NULL; }
const pol_node *pol_node_last_child(const pol_node *n) { return n ? n->last_child : NULL; }
const pol_node *pol_node_next(const pol_node *n) { return n ? n->next : NULL; }
const pol_node *pol_node_previous(const pol_node *n) { return n ? n->prev : NULL; }
void pol_section_body(const char *text, const pol_node *sec,
                      void (*put)(void *ctx, const char *s, size_t len), void *ctx)
{
    size_t end = sec->body_end;
    bool any = end > sec->body_start;
    if (any)
        put(ctx, text + sec->body_start, end - sec->body_start);
    for (const pol_node *p = sec->first_child; p; p = p->next) {
        if (p->type != POL_NODE_PARAGRAPH)
            continue;
        if (any)
            put(ctx, "\n", 1);
        size_t n = pol_paragraph_len(p);
        if (n)
            put(ctx, pol_paragraph(text, p), n);
        any = any || n;
    }
}

bool pol_section_body_span(const char *text, const pol_node *sec, size_t *start, size_t *len)
{
    bool any = sec->body_end > sec->body_start;
    size_t a = sec->body_start, e = sec->body_end;
    for (const pol_node *p = sec->first_child; p; p = p->next) {
        if (p->type != POL_NODE_PARAGRAPH)
            continue;
        /* the next piece follows the one before and the "\n" between */
        if (p->text_end == p->text_start)
            return false;
        if (!any)
            a = p->text_start;
        else if (p->text_start != e + 1 || text[e] != '\n')
            return false;
        e = p->text_end;
        any = true;
    }
    *start = any ? a : 0;
    *len = any ? e - a : 0;
    return true;
}

void pol_section_body_to_buf(void *buf, const char *s, size_t len) { pol_buf_append(buf, s, len); }

/* A body pol_node_text made, kept until the result goes. */
struct pol_made {
    struct pol_made *next;
    char text[];
};

void pol_made_free(pol_result *r)
{
    struct pol_made *m = atomic_load(&r->made);
    while (m) {
        struct pol_made *next = m->next;
        free(m);
        m = next;
    }
}

/* The result a node belongs to: its root is the result's own. */
static pol_result *result_of(const pol_node *n)
{
    while (n->parent)
        n = n->parent;
    return (pol_result *)((const char *)n - offsetof(pol_result, root));
}

/* Keeps a NUL-terminated copy of s[0..len) in `slot`, made on the first
 * request: a section's body, a paragraph's text.  Results may be read from
 * many threads at once, so it is published with a compare-and-swap (a thread
 * that loses drops its copy) and listed for pol_result_free. */
static const char *keep_made(pol_result *r, _Atomic(const char *) *slot, const char *s, size_t len)
{
    struct pol_made *m = malloc(sizeof *m + len + 1);
    if (!m)
        return NULL;
    if (len)
        memcpy(m->text, s, len);
    m->text[len] = '\0';
    const char *expected = NULL;
    if (!atomic_compare_exchange_strong_explicit(slot, &expected, m->text, memory_order_acq_rel,
                                                 memory_order_acquire)) {
        free(m);
        return expected;
    }
    m->next = atomic_load_explicit(&r->made, memory_order_relaxed);
    while (!atomic_compare_exchange_weak_explicit(&r->made, &m->next, m, memory_order_release,
                                                  memory_order_relaxed))
        ;
    return m->text;
}

const char *pol_node_text(const pol_node *n)
{
    if (!n || (n->type != POL_NODE_SECTION && n->type != POL_NODE_PARAGRAPH))
        return n ? n->text : NULL;
    /* the result owns its nodes; only the made text is set */
    pol_node *w = (pol_node *)n;
    const char *t = atomic_load_explicit(&w->body, memory_order_acquire);
    if (t)
        return t;
    pol_result *r = result_of(n);
    if (n->type == POL_NODE_PARAGRAPH)
        return keep_made(r, &w->body, pol_paragraph(r->text, n), pol_paragraph_len(n));
    pol_buf buf;
    pol_buf_init(&buf);
    pol_section_body(r->text, n, pol_section_body_to_buf, &buf);
    t = buf.failed ? NULL : keep_made(r, &w->body, buf.data ? buf.data : "", buf.len);
    pol_buf_free(&buf);
    return t;
}

#define IS(n, t) ((n) && (n)->type == (t))
/* Tasks are sections, or rows of a responsibility table. */
#define IS_TASK(n) ((IS(n, POL_NODE_SECTION) || IS(n, POL_NODE_ROW)) && (n)->is_task)

int pol_section_level(const pol_node *n) { return IS(n, POL_NODE_SECTION) ? n->level : 0; }
int pol_section_ordinal(const pol_node *n) { return IS(n, POL_NODE_SECTION) ? n->ordinal : 0; }
const char *pol_section_label(const pol_node *n) { return IS(n, POL_NODE_SECTION) ? n->label : NULL; }
const char *pol_section_title(const pol_node *n) { return IS(n, POL_NODE_SECTION) ? n->title : NULL; }
const char *pol_section_style(const pol_node *n)
{
    return IS(n, POL_NODE_SECTION) ? pol_style_name(n->style) : NULL;
}

#define DOCFIELD(fn, field)                                                                        \
    const char *fn(const pol_node *n) { return IS(n, POL_NODE_DOCUMENT) ? n->doc->field : NULL; }
DOCFIELD(pol_document_title, title)
DOCFIELD(pol_document_kind, kind)
DOCFIELD(pol_document_number, number)
DOCFIELD(pol_document_issuer, issuer)
DOCFIELD(pol_document_date, date)
DOCFIELD(pol_document_publicity, publicity)
DOCFIELD(pol_document_recipients, recipients)
DOCFIELD(pol_document_cc, cc)
DOCFIELD(pol_document_printed, printed)
#undef DOCFIELD

int pol_document_is_draft(const pol_node *n) { return IS(n, POL_NODE_DOCUMENT) && n->doc->draft; }

size_t pol_document_attachment_count(const pol_node *n)
{
    return IS(n, POL_NODE_DOCUMENT) ? n->doc->n_attachments : 0;
}

const char *pol_document_attachment(const pol_node *n, size_t i)
{
    return IS(n, POL_NODE_DOCUMENT) && i < n->doc->n_attachments ? n->doc->attachments[i] : NULL;
}

pol_role pol_paragraph_role(const pol_node *n)
{
    return IS(n, POL_NODE_PARAGRAPH) ? n->role : POL_ROLE_BODY;
}

const char *pol_role_string(pol_role role)
{
    static const char *const names[] = {
        "body",      "title",     "doc_number",  "issuer_mark", "publicity",
        "recipients", "signature", "date",        "attachments", "cc",
        "printed",   "furniture", "bullet",      "subtitle"};
    return (unsigned)role < sizeof names / sizeof names[0] ? names[role] : "body";
}

/* ---------------------------------------------------------------- iterator */

struct pol_iter {
    const pol_node *root, *node;
    pol_event event;
};

pol_iter *pol_iter_new(const pol_node *node)
{
    if (!node)
        return NULL;
    pol_iter *it = calloc(1, sizeof *it);
    if (!it)
        return NULL;
    it->root = node;
    return it;
}

pol_event pol_iter_next(pol_iter *it)
{
    if (!it)
        return POL_EVENT_DONE;
    if (!it->node) {
        if (it->event == POL_EVENT_DONE && it->root) {
            it->node = it->root;
            it->event = POL_EVENT_ENTER;
            return it->event;
        }
        return POL_EVENT_DONE;
    }
    if (it->event == POL_EVENT_ENTER && it->node->first_child) {
        it->node = it->node->first_child;
        return it->event = POL_EVENT_ENTER;
    }
    if (it->event == POL_EVENT_ENTER) {
        return it->event = POL_EVENT_EXIT; /* a leaf: exit right away */
    }
    /* after an exit */
    if (it->node == it->root) {
        it->node = NULL;
        it->root = NULL;
        return it->event = POL_EVENT_DONE;
    }
    if (it->node->next) {
        it->node = it->node->next;
        return it->event = POL_EVENT_ENTER;
    }
    it->node = it->node->parent;
    return it->event = POL_EVENT_EXIT;
}

const pol_node *pol_iter_node(const pol_iter *it) { return it ? it->node : NULL; }

void pol_iter_free(pol_iter *it) { free(it); }

/* ------------------------------------------------------------------- tasks */

int pol_section_is_task(const pol_node *n) { return IS(n, POL_NODE_SECTION) && n->is_task; }

const char *pol_task_deadline(const pol_node *n) { return IS_TASK(n) ? n->deadline : NULL; }

int pol_node_is_task(const pol_node *n) { return IS_TASK(n); }
const char *pol_task_title(const pol_node *n) { return IS_TASK(n) ? n->title : NULL; }
size_t pol_task_agency_count(const pol_node *n) { return IS_TASK(n) ? n->n_agencies : 0; }

const pol_agency *pol_task_agency(const pol_node *n, size_t i)
{
    return IS_TASK(n) && i < n->n_agencies ? &n->agencies[i] : NULL;
}

const char *pol_agency_name(const pol_agency *a) { return a ? a->name : NULL; }
const char *pol_agency_as_written(const pol_agency *a) { return a ? a->as_written : NULL; }
pol_agency_role pol_agency_get_role(const pol_agency *a) { return a ? a->role : POL_AGENCY_RESPONSIBLE; }
pol_agency_kind pol_agency_get_kind(const pol_agency *a) { return a ? a->kind : POL_AGENCY_OTHER; }
const char *pol_agency_level(const pol_agency *a) { return a ? a->level : NULL; }
int pol_agency_is_collective(const pol_agency *a) { return a && a->collective; }

const char *pol_agency_role_string(pol_agency_role role)
{
    static const char *const names[] = {"lead", "support", "responsible"};
    return (unsigned)role < 3 ? names[role] : "responsible";
}

const char *pol_agency_kind_string(pol_agency_kind kind)
{
    static const char *const names[] = {"government", "party", "congress", "enterprise", "other"};
    return (unsigned)kind < 5 ? names[kind] : "other";
}

size_t pol_document_agency_count(const pol_node *n)
{
    return IS(n, POL_NODE_DOCUMENT) ? n->doc->n_agencies : 0;
}

const pol_agency *pol_document_agency(const pol_node *n, size_t i)
{
    return IS(n, POL_NODE_DOCUMENT) && i < n->doc->n_agencies ? &n->doc->agencies[i] : NULL;
}

size_t pol_agency_task_count(const pol_agency *a, pol_agency_role role)
{
    return a && (unsigned)role < 3 ? a->count[role] : 0;
}

/* ----------------------------------------------------------------- targets */

#define HAS_TARGETS(n) (IS(n, POL_NODE_SECTION) || IS(n, POL_NODE_DOCUMENT))

size_t pol_node_target_count(const pol_node *n) { return HAS_TARGETS(n) ? n->n_targets : 0; }

const pol_target *pol_node_target(const pol_node *n, size_t i)
{
    return HAS_TARGETS(n) && i < n->n_targets ? &n->targets[i] : NULL;
}

pol_target_kind pol_target_get_kind(const pol_target *t) { return t ? t->kind : POL_TARGET; }
pol_comparator pol_target_comparator(const pol_target *t) { return t ? t->comparator : POL_CMP_EQ; }
const char *pol_target_indicator(const pol_target *t) { return t ? t->indicator : NULL; }
double pol_target_value(const pol_target *t) { return t ? t->value : 0; }
double pol_target_value_max(const pol_target *t) { return t ? t->value_max : 0; }
const char *pol_target_unit(const pol_target *t) { return t ? t->unit : NULL; }
double pol_target_base_value(const pol_target *t) { return t ? t->base_value : 0; }
const char *pol_target_base_unit(const pol_target *t) { return t ? t->base_unit : NULL; }
int pol_target_year(const pol_target *t) { return t ? t->year : 0; }
int pol_target_is_cumulative(const pol_target *t) { return t && t->cumulative; }
int pol_target_is_annual(const pol_target *t) { return t && t->annual; }
int pol_target_binding(const pol_target *t) { return t ? t->binding : -1; }
const char *pol_target_text(const pol_target *t) { return t ? t->text : NULL; }

const char *pol_target_kind_string(pol_target_kind kind)
{
    return kind == POL_ACTUAL ? "actual" : "target";
}

const char *pol_comparator_string(pol_comparator c)
{
    static const char *const names[] = {"eq", "gt", "ge", "lt", "le", "approx", "range"};
    return (unsigned)c < 7 ? names[c] : "eq";
}

/* -------------------------------------------------------------- references */

size_t pol_document_reference_count(const pol_node *n)
{
    return IS(n, POL_NODE_DOCUMENT) ? n->doc->n_references : 0;
}

const pol_reference *pol_document_reference(const pol_node *n, size_t i)
{
    return IS(n, POL_NODE_DOCUMENT) && i < n->doc->n_references ? &n->doc->references[i] : NULL;
}

const char *pol_reference_title(const pol_reference *ref) { return ref ? ref->title : NULL; }
const char *pol_reference_number(const pol_reference *ref) { return ref ? ref->number : NULL; }

pol_span pol_reference_span(const pol_reference *ref, const pol_result *r)
{
    pol_span none = {0, 0, 0, 0};
    if (!ref || !r)
        return none;
    pol_node probe = {.type = POL_NODE_PARAGRAPH, .parent = (pol_node *)&r->root,
                      .text_start = ref->text_start, .text_end = ref->text_end};
    return pol_node_span(&probe);
}
