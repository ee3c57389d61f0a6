/*
 * emit_xml.c - a result -> XML valid against lib/policy.rng.
 *
 * The tree mirrors the JSON (docs/format.md): <policy> holds <document>s;
 * a document holds its metadata, <element>s with a role, its <text>,
 * <table>s, <section>s and embedded <document>s; a section holds <title>,
 * <text>, <table>s and <section>s.  libxml2's text writer writes the tree
 * through the caller's callback; the escaping is done here (escaped()).
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
    pol_buf esc;  /* a string as escaped */
    bool nomem;   /* body or esc could not grow */
    pol_span_cursor spans; /* spans are asked for in reading order */
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

/* Writes s as character data or, in an attribute, as its value.  libxml2's
 * own escaping (2.9) writes nothing and reports success when its escaped
 * copy cannot be allocated, so it is done here, as libxml2 does it: & < > "
 * and CR as references, in an attribute TAB and LF too. */
static void escaped_n(xw *x, const char *s, size_t len, bool attribute)
{
    size_t i = 0;
    const char *special = attribute ? "&<>\"\r\n\t" : "&<>\"\r";
    while (i < len && !strchr(special, s[i]))
        i++;
    if (i == len) {
        X(xmlTextWriterWriteRawLen(x->w, U(s), (int)len));
        return;
    }
    x->esc.len = 0;
    pol_buf_append(&x->esc, s, i);
    for (; i < len; i++) {
        const char *ref = NULL;
        switch (s[i]) {
        case '&': ref = "&amp;"; break;
        case '<': ref = "&lt;"; break;
        case '>': ref = "&gt;"; break;
        case '"': ref = "&quot;"; break;
        case '\r': ref = "&#13;"; break;
        case '\n': ref = attribute ? "&#10;" : NULL; break;
        case '\t': ref = attribute ? "&#9;" : NULL; break;
        }
        if (ref)
            pol_buf_append(&x->esc, ref, strlen(ref));
        else
            pol_buf_putc(&x->esc, s[i]);
    }
    if (x->esc.failed) {
        x->nomem = true;
        if (x->rc >= 0)
            x->rc = -1;
        return;
    }
    X(xmlTextWriterWriteRawLen(x->w, U(x->esc.data), (int)x->esc.len));
}

static void escaped(xw *x, const char *s, bool attribute) { escaped_n(x, s, strlen(s), attribute); }

/* A paragraph's text, read where it stands in the normalized text. */
static void paragraph_text(xw *x, const pol_node *p)
{
    escaped_n(x, pol_paragraph(x->r->text, p), pol_paragraph_len(p), false);
}

/* name="value", or <name>value</name>; nothing for a NULL value. */
static void named(xw *x, const char *name, const char *value, bool attribute)
{
    if (!value)
        return;
    X((attribute ? xmlTextWriterStartAttribute : xmlTextWriterStartElement)(x->w, U(name)));
    if (x->rc >= 0)
        escaped(x, value, attribute);
    X((attribute ? xmlTextWriterEndAttribute : xmlTextWriterEndElement)(x->w));
}

static void attr(xw *x, const char *name, const char *value) { named(x, name, value, true); }
static void element(xw *x, const char *name, const char *text) { named(x, name, text, false); }

static void attr_int(xw *x, const char *name, long long v)
{
    char b[24];
    pol_format_int(b, v);
    attr(x, name, b);
}

static void span_attrs(xw *x, const pol_node *n)
{
    if (x->no_spans)
        return;
    pol_span sp = pol_node_span_near(n, &x->spans);
    attr_int(x, "start", (long long)sp.byte_offset);
    attr_int(x, "end", (long long)(sp.byte_offset + sp.len_bytes));
    attr_int(x, "line", sp.first_line);
    attr_int(x, "end-line", sp.last_line);
}


static void agency(xw *x, const pol_agency *a, const char *role)
{
    X(xmlTextWriterStartElement(x->w, U("agency")));
    if (role)
        attr(x, "role", role);
    attr(x, "name", a->name);
    if (strcmp(a->name, a->as_written) != 0)
        attr(x, "as-written", a->as_written);
    if (a->level)
        attr(x, "level", a->level);
    attr(x, "kind", pol_agency_kind_string(a->kind));
    attr(x, "collective", a->collective ? "true" : "false");
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
        attr(x, "deadline", n->deadline);
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
                element(x, "cell", cell->text);
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
    attr(x, name, b);
}

/* <target kind= comparator= value= unit= base-value= base-unit= year= …>text</target> */
static void targets(xw *x, const pol_node *n)
{
    for (size_t i = 0; i < n->n_targets; i++) {
        const pol_target *t = &n->targets[i];
        X(xmlTextWriterStartElement(x->w, U("target")));
        attr(x, "kind", pol_target_kind_string(t->kind));
        attr(x, "comparator", pol_comparator_string(t->comparator));
        attr_num(x, "value", t->value);
        if (!isnan(t->value_max))
            attr_num(x, "value-max", t->value_max);
        attr(x, "unit", t->unit);
        attr_num(x, "base-value", t->base_value);
        attr(x, "base-unit", t->base_unit);
        if (t->year)
            attr_int(x, "year", t->year);
        attr(x, "cumulative", t->cumulative ? "true" : "false");
        attr(x, "annual", t->annual ? "true" : "false");
        if (t->binding >= 0)
            attr(x, "binding", t->binding ? "true" : "false");
        attr(x, "indicator", t->indicator);
        escaped(x, t->text, false);
        X(xmlTextWriterEndElement(x->w));
    }
}

static void section(xw *x, const pol_node *s)
{
    X(xmlTextWriterStartElement(x->w, U("section")));
    attr_int(x, "level", s->level);
    attr_int(x, "ordinal", s->ordinal);
    attr(x, "label", s->label);
    attr(x, "style", pol_style_name(s->style));
    span_attrs(x, s);
    element(x, "title", s->title);
    if (!x->no_text) {
        x->body.len = 0;
        pol_section_body(x->r->text, s, pol_section_body_to_buf, &x->body);
        if (x->body.failed) {
            x->nomem = true;
            if (x->rc >= 0)
                x->rc = -1;
        } else if (x->body.len)
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
    attr(x, "kind", info->kind ? info->kind : "其他");
    attr(x, "draft", info->draft ? "true" : "false");
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
                X(xmlTextWriterStartElement(x->w, U("text")));
                if (x->rc >= 0)
                    paragraph_text(x, c);
                X(xmlTextWriterEndElement(x->w));
            } else {
                X(xmlTextWriterStartElement(x->w, U("element")));
                attr(x, "role", pol_role_string(c->role));
                paragraph_text(x, c);
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
            attr(x, "number", ref->number);
        if (ref->title)
            escaped(x, ref->title, false);
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
    if (st != POL_OK) /* the writer fails for want of memory: its input is valid UTF-8 */
        return pol_error_set(err, POL_ERR_NOMEM, SIZE_MAX, 0, 0,
                             "out of memory (libxml2 could not write the XML)");
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
    pol_span_cursor_init(&x->spans);
    if (!x->w) {
        xmlOutputBufferClose(out);
        return POL_ERR_NOMEM;
    }
    if (!(flags & POL_EMIT_COMPACT)) {
        X(xmlTextWriterSetIndent(x->w, 1));
        X(xmlTextWriterSetIndentString(x->w, U("  ")));
    }
    /* the declaration by hand: given an encoding, libxml2 (2.9) passes the
     * text through a UTF-8 -> UTF-8 converter that loses what it holds when
     * it cannot grow, and still reports success */
    X(xmlTextWriterWriteRaw(x->w, U("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")));
    X(xmlTextWriterStartElement(x->w, U("policy")));
    if (source)
        attr(x, "source", source);
    attr(x, "encoding", r->encoding);
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
        escaped(x, msg, false);
        X(xmlTextWriterEndElement(x->w));
    }
    X(xmlTextWriterEndElement(x->w));
    X(xmlTextWriterEndDocument(x->w));
    xmlFreeTextWriter(x->w); /* flushes and closes `out` */
    bool nomem = x->nomem;
    pol_buf_free(&x->body);
    pol_buf_free(&x->esc);
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
