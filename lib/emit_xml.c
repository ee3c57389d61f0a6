/*
 * emit_xml.c - a result -> XML valid against lib/policy.rng.
 *
 * The tree mirrors the JSON (docs/format.md): <policy> holds <document>s;
 * a document holds its metadata, <element>s with a role, its <text>,
 * <table>s, <section>s and embedded <document>s; a section holds <title>,
 * <text>, <table>s and <section>s.  libxml2's text writer does the escaping
 * and writes through the caller's callback.
 */
#include <libxml/xmlwriter.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

typedef struct xw {
    xmlTextWriterPtr w;
    const pol_result *r;
    bool no_text, no_spans;
    int rc;      /* the first libxml2 failure, < 0 */
    pol_buf body; /* a section's body, put together to be escaped */
} xw;

struct sink {
    pol_write_fn write;
    void *user;
    bool failed;
};

static int sink_write(void *ctx, const char *buf, int len)
{
    struct sink *s = ctx;
    if (s->failed || s->write(buf, (size_t)len, s->user) != 0) {
        s->failed = true;
        return -1;
    }
    return len;
}

/* libxml2 reports write failures on its generic error channel; the library
 * never prints, so that channel is silenced while we write. */
static void silent(void *ctx, const char *msg, ...)
{
    POL_UNUSED(ctx);
    POL_UNUSED(msg);
}

static int sink_close(void *ctx)
{
    POL_UNUSED(ctx);
    return 0;
}

#define X(call)                                                                                    \
    do {                                                                                           \
        if (x->rc >= 0) {                                                                          \
            int rc_ = (call);                                                                      \
            if (rc_ < 0)                                                                           \
                x->rc = rc_;                                                                       \
        }                                                                                          \
    } while (0)

static const xmlChar *U(const char *s) { return (const xmlChar *)s; }

static void attr_int(xw *x, const char *name, long long v)
{
    char b[24];
    pol_format_int(b, v);
    X(xmlTextWriterWriteAttribute(x->w, U(name), U(b)));
}

static void span_attrs(xw *x, const pol_node *n)
{
    if (x->no_spans)
        return;
    pol_span sp = pol_node_span(n);
    attr_int(x, "start", (long long)sp.byte_offset);
    attr_int(x, "end", (long long)(sp.byte_offset + sp.len_bytes));
    attr_int(x, "line", sp.first_line);
    attr_int(x, "end-line", sp.last_line);
}

static void element(xw *x, const char *name, const char *text)
{
    if (text)
        X(xmlTextWriterWriteElement(x->w, U(name), U(text)));
}

static void agency(xw *x, const pol_agency *a, const char *role)
{
    X(xmlTextWriterStartElement(x->w, U("agency")));
    if (role)
        X(xmlTextWriterWriteAttribute(x->w, U("role"), U(role)));
    X(xmlTextWriterWriteAttribute(x->w, U("name"), U(a->name)));
    if (strcmp(a->name, a->as_written) != 0)
        X(xmlTextWriterWriteAttribute(x->w, U("as-written"), U(a->as_written)));
    if (a->level)
        X(xmlTextWriterWriteAttribute(x->w, U("level"), U(a->level)));
    X(xmlTextWriterWriteAttribute(x->w, U("kind"), U(pol_agency_kind_string(a->kind))));
    X(xmlTextWriterWriteAttribute(x->w, U("collective"), U(a->collective ? "true" : "false")));
    if (!role) {
        attr_int(x, "lead", (long long)a->count[POL_AGENCY_LEAD]);
        attr_int(x, "support", (long long)a->count[POL_AGENCY_SUPPORT]);
        attr_int(x, "responsible", (long long)a->count[POL_AGENCY_RESPONSIBLE]);
    }
    X(xmlTextWriterEndElement(x->w));
}

/* <task deadline=…><agency role=… …/>…</task> */
static void task(xw *x, const pol_node *n)
{
    X(xmlTextWriterStartElement(x->w, U("task")));
    if (n->deadline)
        X(xmlTextWriterWriteAttribute(x->w, U("deadline"), U(n->deadline)));
    for (size_t i = 0; i < n->n_agencies; i++)
        agency(x, &n->agencies[i], pol_agency_role_string(n->agencies[i].role));
    X(xmlTextWriterEndElement(x->w));
}

static void tables(xw *x, const pol_node *parent)
{
    for (const pol_node *t = parent->first_child; t; t = t->next) {
        if (t->type != POL_NODE_TABLE)
            continue;
        X(xmlTextWriterStartElement(x->w, U("table")));
        span_attrs(x, t);
        for (const pol_node *row = t->first_child; row; row = row->next) {
            X(xmlTextWriterStartElement(x->w, U("row")));
            for (const pol_node *cell = row->first_child; cell; cell = cell->next)
                X(xmlTextWriterWriteElement(x->w, U("cell"), U(cell->text)));
            if (row->is_task)
                task(x, row);
            X(xmlTextWriterEndElement(x->w));
        }
        X(xmlTextWriterEndElement(x->w));
    }
}

static void attr_num(xw *x, const char *name, double v)
{
    char b[32];
    pol_format_number(b, v);
    X(xmlTextWriterWriteAttribute(x->w, U(name), U(b)));
}

/* <target kind= comparator= value= unit= base-value= base-unit= year= …>text</target> */
static void targets(xw *x, const pol_node *n)
{
    for (size_t i = 0; i < n->n_targets; i++) {
        const pol_target *t = &n->targets[i];
        X(xmlTextWriterStartElement(x->w, U("target")));
        X(xmlTextWriterWriteAttribute(x->w, U("kind"), U(pol_target_kind_string(t->kind))));
        X(xmlTextWriterWriteAttribute(x->w, U("comparator"), U(pol_comparator_string(t->comparator))));
        attr_num(x, "value", t->value);
        if (!isnan(t->value_max))
            attr_num(x, "value-max", t->value_max);
        X(xmlTextWriterWriteAttribute(x->w, U("unit"), U(t->unit)));
        attr_num(x, "base-value", t->base_value);
        X(xmlTextWriterWriteAttribute(x->w, U("base-unit"), U(t->base_unit)));
        if (t->year)
            attr_int(x, "year", t->year);
        X(xmlTextWriterWriteAttribute(x->w, U("cumulative"), U(t->cumulative ? "true" : "false")));
        X(xmlTextWriterWriteAttribute(x->w, U("annual"), U(t->annual ? "true" : "false")));
        if (t->binding >= 0)
            X(xmlTextWriterWriteAttribute(x->w, U("binding"), U(t->binding ? "true" : "false")));
        X(xmlTextWriterWriteAttribute(x->w, U("indicator"), U(t->indicator)));
        X(xmlTextWriterWriteString(x->w, U(t->text)));
        X(xmlTextWriterEndElement(x->w));
    }
}

static void section(xw *x, const pol_node *s)
{
    X(xmlTextWriterStartElement(x->w, U("section")));
    attr_int(x, "level", s->level);
    attr_int(x, "ordinal", s->ordinal);
    X(xmlTextWriterWriteAttribute(x->w, U("label"), U(s->label)));
    X(xmlTextWriterWriteAttribute(x->w, U("style"), U(pol_style_name(s->style))));
    span_attrs(x, s);
    element(x, "title", s->title);
    if (!x->no_text) {
        x->body.len = 0;
        pol_section_body(x->r->text, x->r->text_len, s, pol_section_body_to_buf, &x->body);
        if (x->body.failed && x->rc >= 0)
            x->rc = -1;
        else if (x->body.len)
            element(x, "text", x->body.data);
    }
    if (s->is_task)
        task(x, s);
    targets(x, s);
    tables(x, s);
    for (const pol_node *c = s->first_child; c; c = c->next)
        if (c->type == POL_NODE_SECTION)
            section(x, c);
    X(xmlTextWriterEndElement(x->w));
}

static void document(xw *x, const pol_node *d)
{
    const pol_docinfo *info = d->doc;
    X(xmlTextWriterStartElement(x->w, U("document")));
    X(xmlTextWriterWriteAttribute(x->w, U("kind"), U(info->kind ? info->kind : "其他")));
    X(xmlTextWriterWriteAttribute(x->w, U("draft"), U(info->draft ? "true" : "false")));
    span_attrs(x, d);
    element(x, "title", info->title);
    element(x, "doc-number", info->number);
    element(x, "issuer", info->issuer);
    element(x, "date", info->date);
    element(x, "publicity", info->publicity);
    element(x, "recipients", info->recipients);
    for (size_t i = 0; i < info->n_attachments; i++)
        element(x, "attachment", info->attachments[i]);
    element(x, "cc", info->cc);
    element(x, "printed", info->printed);
    if (!x->no_text) {
        for (const pol_node *c = d->first_child; c; c = c->next) {
            if (c->type != POL_NODE_PARAGRAPH)
                continue;
            if (c->role == POL_ROLE_BODY || c->role == POL_ROLE_BULLET) {
                element(x, "text", c->text);
            } else {
                X(xmlTextWriterStartElement(x->w, U("element")));
                X(xmlTextWriterWriteAttribute(x->w, U("role"), U(pol_role_string(c->role))));
                X(xmlTextWriterWriteString(x->w, U(c->text)));
                X(xmlTextWriterEndElement(x->w));
            }
        }
    }
    targets(x, d);
    tables(x, d);
    for (const pol_node *c = d->first_child; c; c = c->next)
        if (c->type == POL_NODE_SECTION)
            section(x, c);
    for (size_t i = 0; i < info->n_agencies; i++)
        agency(x, &info->agencies[i], NULL);
    for (size_t i = 0; i < info->n_references; i++) {
        const pol_reference *ref = &info->references[i];
        X(xmlTextWriterStartElement(x->w, U("reference")));
        if (ref->number)
            X(xmlTextWriterWriteAttribute(x->w, U("number"), U(ref->number)));
        if (ref->title)
            X(xmlTextWriterWriteString(x->w, U(ref->title)));
        X(xmlTextWriterEndElement(x->w));
    }
    for (const pol_node *c = d->first_child; c; c = c->next)
        if (c->type == POL_NODE_DOCUMENT)
            document(x, c);
    X(xmlTextWriterEndElement(x->w));
}

static pol_status write_xml(const pol_result *r, const char *source, unsigned flags,
                            struct sink *sink);

pol_status pol_emit_xml(const pol_result *r, const char *source, unsigned flags,
                        pol_write_fn write, void *user, pol_error *err)
{
    if (!r || !write)
        return pol_error_set(err, POL_ERR_ARG, SIZE_MAX, 0, 0, "pol_emit_xml needs a result and a writer");
    struct sink sink = {.write = write, .user = user};
    xmlGenericErrorFunc saved_fn = xmlGenericError; /* per thread in libxml2 */
    void *saved_ctx = xmlGenericErrorContext;
    xmlSetGenericErrorFunc(NULL, silent);
    pol_status st = write_xml(r, source, flags, &sink);
    xmlSetGenericErrorFunc(saved_ctx, saved_fn);
    if (st == POL_ERR_NOMEM)
        return pol_error_set(err, POL_ERR_NOMEM, SIZE_MAX, 0, 0, "out of memory");
    if (sink.failed)
        return pol_error_set(err, POL_ERR_WRITE, SIZE_MAX, 0, 0, "the XML writer callback failed");
    if (st != POL_OK)
        return pol_error_set(err, POL_ERR_INTERNAL, SIZE_MAX, 0, 0, "libxml2 could not write the XML");
    return POL_OK;
}

static pol_status write_xml(const pol_result *r, const char *source, unsigned flags,
                            struct sink *sink)
{
    xmlOutputBufferPtr out = xmlOutputBufferCreateIO(sink_write, sink_close, sink, NULL);
    if (!out)
        return POL_ERR_NOMEM;
    xw xs = {.w = xmlNewTextWriter(out), .r = r, .no_text = flags & POL_EMIT_NO_TEXT,
             .no_spans = flags & POL_EMIT_NO_SPANS};
    xw *x = &xs;
    if (!x->w) {
        xmlOutputBufferClose(out);
        return POL_ERR_NOMEM;
    }
    if (!(flags & POL_EMIT_COMPACT)) {
        X(xmlTextWriterSetIndent(x->w, 1));
        X(xmlTextWriterSetIndentString(x->w, U("  ")));
    }
    X(xmlTextWriterStartDocument(x->w, "1.0", "UTF-8", NULL));
    X(xmlTextWriterStartElement(x->w, U("policy")));
    if (source)
        X(xmlTextWriterWriteAttribute(x->w, U("source"), U(source)));
    X(xmlTextWriterWriteAttribute(x->w, U("encoding"), U(r->encoding)));
    for (const pol_node *c = r->root.first_child; c; c = c->next)
        if (c->type == POL_NODE_DOCUMENT)
            document(x, c);
    for (size_t i = 0; i < pol_result_warning_count(r); i++) {
        pol_span sp;
        const char *msg = pol_result_warning(r, i, &sp);
        X(xmlTextWriterStartElement(x->w, U("warning")));
        attr_int(x, "start", (long long)sp.byte_offset);
        attr_int(x, "end", (long long)(sp.byte_offset + sp.len_bytes));
        attr_int(x, "line", sp.first_line);
        X(xmlTextWriterWriteString(x->w, U(msg)));
        X(xmlTextWriterEndElement(x->w));
    }
    X(xmlTextWriterEndElement(x->w));
    X(xmlTextWriterEndDocument(x->w));
    xmlFreeTextWriter(x->w); /* flushes and closes `out` */
    bool nomem = x->body.failed;
    pol_buf_free(&x->body);
    return nomem ? POL_ERR_NOMEM : x->rc < 0 ? POL_ERR_INTERNAL : POL_OK;
}

/* ------------------------------------------------------- to a string */

static int to_buf(const char *data, size_t len, void *user)
{
    return pol_buf_append(user, data, len) ? 0 : -1;
}

char *pol_emit_to_string(const pol_result *r, pol_format format, const char *source,
                         unsigned flags, size_t *len, pol_error *err)
{
    pol_buf b;
    pol_buf_init(&b);
    pol_status st = format == POL_FORMAT_XML ? pol_emit_xml(r, source, flags, to_buf, &b, err)
                                             : pol_emit_json(r, source, flags, to_buf, &b, err);
    if (st == POL_ERR_WRITE)
        pol_error_set(err, POL_ERR_NOMEM, SIZE_MAX, 0, 0, "out of memory");
    if (st != POL_OK) {
        pol_buf_free(&b);
        return NULL;
    }
    if (len)
        *len = b.len;
    return pol_buf_steal(&b);
}
