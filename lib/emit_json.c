/*
 * emit_json.c - a result -> JSON, written through the caller's callback.
 *
 * Allocates nothing: output is batched in a buffer on the stack.  The format
 * is documented in docs/format.md; keys come in a fixed order, so the same
 * input always gives the same bytes.
 */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdint.h>
#include <string.h>

#include "internal.h"

typedef struct jw {
    const pol_result *r;
    bool compact, no_text, no_spans;
    int depth;
    pol_span_cursor spans; /* spans are asked for in reading order */
    bool need_comma[64];
    pol_out out; /* last: its buffer needs no zeroing */
} jw;

static void put(jw *w, const char *s, size_t n) { pol_out_put(&w->out, s, n); }
static inline void puts_(jw *w, const char *s) { pol_out_puts(&w->out, s); }

static const char indent[] = "\n                                                                "
                             "                                                                ";
#define INDENT (sizeof indent - 1)

/* The new line and indent of the current depth: its length. */
static inline size_t indent_len(const jw *w)
{
    size_t n = 1 + 2 * (size_t)w->depth; /* depth stays below 64 */
    return n < INDENT ? n : INDENT;
}

/* Writes the new line and indent at p, which has INDENT bytes of room: a
 * copy of fixed length, inlined, of which indent_len() bytes count (a call
 * to memcpy for a few bytes was half the time of writing them). */
static inline char *indent_at(const jw *w, char *p)
{
    memcpy(p, indent, INDENT);
    return p + indent_len(w);
}

static void newline(jw *w)
{
    if (w->compact)
        return;
    pol_out *o = &w->out;
    if (sizeof o->buf - o->len >= INDENT)
        o->len = (size_t)(indent_at(w, o->buf + o->len) - o->buf);
    else
        put(w, indent, indent_len(w));
}

/* Before a value or key at the current depth: a comma and a new line. */
static void sep(jw *w)
{
    if (w->need_comma[w->depth])
        put(w, ",", 1);
    w->need_comma[w->depth] = true;
    newline(w);
}

/* Does byte c need an escape in a JSON string? */
static inline bool needs_escape(unsigned char c) { return c < 0x20 || c == '"' || c == '\\'; }

/* Copies s[0..n) to p up to the first byte that needs an escape, and
 * returns how many it copied; p has room for n bytes.  The bytes are
 * stored as they are checked, without a second pass or a call to libc:
 * sixteen at a time (a block holding an escape is stored whole, the bytes
 * past the copy left to be written over), the last block ending where s
 * does; 8 to 15 bytes as two words that overlap. */
static inline size_t copy_plain(char *p, const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
#ifdef __SSE2__
    if (n >= 16) {
        for (; i + 16 <= n; i += 16) {
            unsigned m = pol_plain_hits(u + i, 0x20, '"', '\\');
            _mm_storeu_si128((__m128i *)(void *)(p + i), pol_bytes_at(u + i));
            if (m)
                return i + (size_t)__builtin_ctz(m);
        }
        if (i < n) {
            unsigned m = pol_plain_hits(u + n - 16, 0x20, '"', '\\') >> (i - (n - 16));
            _mm_storeu_si128((__m128i *)(void *)(p + n - 16), pol_bytes_at(u + n - 16));
            return m ? i + (size_t)__builtin_ctz(m) : n;
        }
        return n;
    }
#endif
    if (n >= 8) {
        uint64_t a, b;
        memcpy(&a, s, 8);
        memcpy(&b, s + n - 8, 8);
        if (!(pol_word_has_below(a, 0x20) | pol_word_has(a, '"') | pol_word_has(a, '\\') |
              pol_word_has_below(b, 0x20) | pol_word_has(b, '"') | pol_word_has(b, '\\'))) {
            memcpy(p, &a, 8);
            memcpy(p + n - 8, &b, 8);
            return n;
        }
    }
    for (; i < n && !needs_escape(u[i]); i++)
        p[i] = s[i];
    return i;
}

/* A string's content with JSON escapes, without quotes. */
static void escaped_n(jw *w, const char *s, size_t len)
{
    pol_out *o = &w->out;
    for (size_t i = 0; i < len;) {
        if (o->len == sizeof o->buf)
            pol_out_flush(o);
        size_t room = sizeof o->buf - o->len, n = len - i < room ? len - i : room;
        size_t k = copy_plain(o->buf + o->len, s + i, n);
        o->len += k;
        i += k;
        if (k == n)
            continue; /* the end, or the buffer full */
        unsigned char c = (unsigned char)s[i++];
        char esc[8];
        switch (c) {
        case '"': puts_(w, "\\\""); break;
        case '\\': puts_(w, "\\\\"); break;
        case '\n': puts_(w, "\\n"); break;
        case '\t': puts_(w, "\\t"); break;
        case '\r': puts_(w, "\\r"); break;
        default:
            snprintf(esc, sizeof esc, "\\u%04x", c);
            puts_(w, esc);
        }
    }
}

static void escaped_piece(void *w, const char *s, size_t len) { escaped_n(w, s, len); }

/* A string of n bytes, quoted and escaped. */
static void str_n(jw *w, const char *s, size_t n)
{
    pol_out *o = &w->out;
    if (sizeof o->buf - o->len >= n + 2) {
        /* most strings need no escape: quotes and text in one piece */
        char *p = o->buf + o->len;
        size_t k = copy_plain(p + 1, s, n);
        p[0] = '"';
        if (k == n) {
            p[n + 1] = '"';
            o->len += n + 2;
            return;
        }
        o->len += 1 + k;
        escaped_n(w, s + k, n - k);
        put(w, "\"", 1);
        return;
    }
    put(w, "\"", 1);
    escaped_n(w, s, n);
    put(w, "\"", 1);
}

static void str(jw *w, const char *s)
{
    if (s)
        str_n(w, s, strlen(s));
    else
        puts_(w, "null");
}

/* A key is one of this file's own short words: nothing to escape, and it is
 * written with its quotes and colon in one piece. */
static inline void key(jw *w, const char *k)
{
    /* inline with the kv_ functions, so that strlen of the literal key is
     * counted by the compiler */
    size_t n = strlen(k);
    pol_out *o = &w->out;
    if (sizeof o->buf - o->len >= n + 5 + INDENT) {
        /* one bounds check for the comma, the new line (pretty output),
         * the quoted key and the colon */
        char *p = o->buf + o->len;
        if (w->need_comma[w->depth])
            *p++ = ',';
        w->need_comma[w->depth] = true;
        if (!w->compact)
            p = indent_at(w, p);
        *p++ = '"';
        memcpy(p, k, n);
        p += n;
        *p++ = '"';
        *p++ = ':';
        if (!w->compact)
            *p++ = ' ';
        o->len = (size_t)(p - o->buf);
        return;
    }
    sep(w);
    put(w, "\"", 1);
    put(w, k, n);
    put(w, "\": ", w->compact ? 2 : 3);
}

static void open_(jw *w, const char *bracket)
{
    puts_(w, bracket);
    if (w->depth < 63)
        w->depth++;
    w->need_comma[w->depth] = false;
}

static void close_(jw *w, const char *bracket)
{
    bool any = w->need_comma[w->depth];
    if (w->depth > 0)
        w->depth--;
    if (any)
        newline(w);
    puts_(w, bracket);
}

static inline void kv_str(jw *w, const char *k, const char *v) { key(w, k), str(w, v); }

static inline void kv_int(jw *w, const char *k, long long v)
{
    char b[24];
    size_t n = pol_format_int(b, v);
    key(w, k);
    put(w, b, n);
}

static inline void kv_bool(jw *w, const char *k, bool v) { key(w, k), puts_(w, v ? "true" : "false"); }

static void span(jw *w, const pol_node *n)
{
    if (w->no_spans)
        return;
    pol_span sp = pol_node_span_near(n, &w->spans);
    key(w, "span");
    pol_out *o = &w->out;
    if (sizeof o->buf - o->len >= 4 * 24 + 40) {
        /* what the keys below write, in one piece (a span is on one line,
         * and there is one for every section, figure and task) */
        char *p = o->buf + o->len;
        memcpy(p, "{\"start\":", 9);
        p += 9;
        p += pol_format_int(p, (long long)sp.byte_offset);
        memcpy(p, ",\"end\":", 7);
        p += 7;
        p += pol_format_int(p, (long long)(sp.byte_offset + sp.len_bytes));
        memcpy(p, ",\"line\":", 8);
        p += 8;
        p += pol_format_int(p, sp.first_line);
        memcpy(p, ",\"end_line\":", 12);
        p += 12;
        p += pol_format_int(p, sp.last_line);
        *p++ = '}';
        o->len = (size_t)(p - o->buf);
        return;
    }
    bool compact = w->compact;
    w->compact = true; /* a span is short: keep it on one line */
    open_(w, "{");
    kv_int(w, "start", (long long)sp.byte_offset);
    kv_int(w, "end", (long long)(sp.byte_offset + sp.len_bytes));
    kv_int(w, "line", sp.first_line);
    kv_int(w, "end_line", sp.last_line);
    close_(w, "}");
    w->compact = compact;
}

static void tables(jw *w, const pol_node *parent)
{
    bool any = false;
    for (const pol_node *t = parent->first_child; t; t = t->next) {
        if (t->type != POL_NODE_TABLE)
            continue;
        if (!any) {
            key(w, "tables");
            open_(w, "[");
            any = true;
        }
        sep(w);
        open_(w, "{");
        key(w, "rows");
        open_(w, "[");
        for (const pol_node *row = t->first_child; row; row = row->next) {
            sep(w);
            bool compact = w->compact;
            w->compact = true;
            open_(w, "[");
            for (const pol_node *cell = row->first_child; cell; cell = cell->next) {
                sep(w);
                str(w, cell->text);
            }
            close_(w, "]");
            w->compact = compact;
        }
        close_(w, "]");
        span(w, t);
        close_(w, "}");
    }
    if (any)
        close_(w, "]");
}

static void agency_fields(jw *w, const pol_agency *a)
{
    kv_str(w, "name", a->name);
    if (strcmp(a->name, a->as_written) != 0)
        kv_str(w, "as_written", a->as_written);
    kv_str(w, "level", a->level);
    kv_str(w, "kind", pol_agency_kind_string(a->kind));
    kv_bool(w, "collective", a->collective);
}

/* The lead, support and responsible lists and deadline of a task. */
static void task_fields(jw *w, const pol_node *s)
{
    for (int role = POL_AGENCY_LEAD; role <= POL_AGENCY_RESPONSIBLE; role++) {
        key(w, pol_agency_role_string((pol_agency_role)role));
        open_(w, "[");
        for (size_t i = 0; i < s->n_agencies; i++) {
            if ((int)s->agencies[i].role != role)
                continue;
            sep(w);
            bool compact = w->compact;
            w->compact = true;
            open_(w, "{");
            agency_fields(w, &s->agencies[i]);
            close_(w, "}");
            w->compact = compact;
        }
        close_(w, "]");
    }
    kv_str(w, "deadline", s->deadline);
}

/* "task": {"lead": [...], "support": [...], "responsible": [...]} */
static void task(jw *w, const pol_node *s)
{
    key(w, "task");
    open_(w, "{");
    task_fields(w, s);
    close_(w, "}");
}

/* "tasks": the rows of the responsibility tables under parent */
static void table_tasks(jw *w, const pol_node *parent)
{
    bool any = false;
    for (const pol_node *t = parent->first_child; t; t = t->next) {
        if (t->type != POL_NODE_TABLE)
            continue;
        for (const pol_node *row = t->first_child; row; row = row->next) {
            if (!row->is_task)
                continue;
            if (!any) {
                key(w, "tasks");
                open_(w, "[");
                any = true;
            }
            sep(w);
            open_(w, "{");
            kv_str(w, "title", row->title);
            task_fields(w, row);
            span(w, row);
            close_(w, "}");
        }
    }
    if (any)
        close_(w, "]");
}

/* "agencies": the document's index, with how many tasks each leads and supports */
static void agency_index(jw *w, const pol_docinfo *info)
{
    key(w, "agencies");
    open_(w, "[");
    for (size_t i = 0; i < info->n_agencies; i++) {
        const pol_agency *a = &info->agencies[i];
        sep(w);
        bool compact = w->compact;
        w->compact = true;
        open_(w, "{");
        agency_fields(w, a);
        kv_int(w, "lead", (long long)a->count[POL_AGENCY_LEAD]);
        kv_int(w, "support", (long long)a->count[POL_AGENCY_SUPPORT]);
        kv_int(w, "responsible", (long long)a->count[POL_AGENCY_RESPONSIBLE]);
        close_(w, "}");
        w->compact = compact;
    }
    close_(w, "]");
}

static inline void kv_num(jw *w, const char *k, double v)
{
    char b[32];
    if (isnan(v)) {
        key(w, k);
        puts_(w, "null");
        return;
    }
    size_t n = pol_format_number(b, v);
    key(w, k);
    put(w, b, n);
}

/* "targets": the quantities a node's own text states */
static void targets(jw *w, const pol_node *n)
{
    if (n->n_targets == 0)
        return;
    key(w, "targets");
    open_(w, "[");
    for (size_t i = 0; i < n->n_targets; i++) {
        const pol_target *t = &n->targets[i];
        sep(w);
        bool compact = w->compact;
        w->compact = true;
        open_(w, "{");
        kv_str(w, "kind", pol_target_kind_string(t->kind));
        kv_str(w, "indicator", t->indicator);
        kv_str(w, "comparator", pol_comparator_string(t->comparator));
        kv_num(w, "value", t->value);
        kv_num(w, "value_max", t->value_max);
        kv_str(w, "unit", t->unit);
        kv_num(w, "base_value", t->base_value);
        kv_str(w, "base_unit", t->base_unit);
        key(w, "year");
        if (t->year) {
            char b[24];
            pol_format_int(b, t->year);
            puts_(w, b);
        } else {
            puts_(w, "null");
        }
        kv_bool(w, "cumulative", t->cumulative);
        kv_bool(w, "annual", t->annual);
        if (t->binding >= 0)
            kv_bool(w, "binding", t->binding);
        kv_str(w, "text", t->text);
        if (!w->no_spans) {
            pol_node probe = {.type = POL_NODE_PARAGRAPH, .parent = (pol_node *)n,
                              .text_start = t->text_start, .text_end = t->text_end};
            span(w, &probe);
        }
        close_(w, "}");
        w->compact = compact;
    }
    close_(w, "]");
}

static void section(jw *w, const pol_node *s);

static void sections(jw *w, const pol_node *parent)
{
    key(w, "sections");
    open_(w, "[");
    for (const pol_node *c = parent->first_child; c; c = c->next)
        if (c->type == POL_NODE_SECTION)
            section(w, c);
    close_(w, "]");
}

static void section(jw *w, const pol_node *s)
{
    sep(w);
    open_(w, "{");
    kv_int(w, "level", s->level);
    kv_str(w, "label", s->label);
    kv_int(w, "ordinal", s->ordinal);
    kv_str(w, "title", s->title);
    kv_str(w, "style", pol_style_name(s->style));
    if (!w->no_text) {
        key(w, "text");
        size_t at, len;
        if (pol_section_body_span(w->r->text, s, &at, &len)) {
            str_n(w, w->r->text + at, len);
        } else {
            put(w, "\"", 1);
            pol_section_body(w->r->text, s, escaped_piece, w);
            put(w, "\"", 1);
        }
    }
    span(w, s);
    if (s->is_task)
        task(w, s);
    targets(w, s);
    tables(w, s);
    table_tasks(w, s);
    sections(w, s);
    close_(w, "}");
}

static void document(jw *w, const pol_node *d)
{
    const pol_docinfo *info = d->doc;
    sep(w);
    open_(w, "{");
    kv_str(w, "title", info->title);
    kv_str(w, "kind", info->kind);
    kv_str(w, "doc_number", info->number);
    kv_str(w, "issuer", info->issuer);
    kv_str(w, "date", info->date);
    kv_bool(w, "draft", info->draft);
    kv_str(w, "publicity", info->publicity);
    kv_str(w, "recipients", info->recipients);
    key(w, "attachments");
    open_(w, "[");
    for (size_t i = 0; i < info->n_attachments; i++) {
        sep(w);
        str(w, info->attachments[i]);
    }
    close_(w, "]");
    kv_str(w, "cc", info->cc);
    kv_str(w, "printed", info->printed);
    span(w, d);
    if (!w->no_text) {
        /* body text outside sections, then the other elements with their roles */
        key(w, "text");
        put(w, "\"", 1);
        bool first = true;
        for (const pol_node *c = d->first_child; c; c = c->next) {
            if (c->type != POL_NODE_PARAGRAPH ||
                (c->role != POL_ROLE_BODY && c->role != POL_ROLE_BULLET))
                continue;
            if (!first)
                puts_(w, "\\n");
            first = false;
            escaped_n(w, pol_paragraph(w->r->text, c), pol_paragraph_len(c));
        }
        put(w, "\"", 1);
        key(w, "elements");
        open_(w, "[");
        for (const pol_node *c = d->first_child; c; c = c->next) {
            if (c->type != POL_NODE_PARAGRAPH || c->role == POL_ROLE_BODY ||
                c->role == POL_ROLE_BULLET)
                continue;
            sep(w);
            bool compact = w->compact;
            w->compact = true;
            open_(w, "{");
            kv_str(w, "role", pol_role_string(c->role));
            key(w, "text");
            str_n(w, pol_paragraph(w->r->text, c), pol_paragraph_len(c));
            close_(w, "}");
            w->compact = compact;
        }
        close_(w, "]");
    }
    targets(w, d);
    tables(w, d);
    table_tasks(w, d);
    sections(w, d);
    agency_index(w, info);
    key(w, "references");
    open_(w, "[");
    for (size_t i = 0; i < info->n_references; i++) {
        const pol_reference *ref = &info->references[i];
        sep(w);
        bool compact = w->compact;
        w->compact = true;
        open_(w, "{");
        kv_str(w, "title", ref->title);
        kv_str(w, "number", ref->number);
        if (!w->no_spans) {
            pol_node probe = {.type = POL_NODE_PARAGRAPH, .parent = (pol_node *)d,
                              .text_start = ref->text_start, .text_end = ref->text_end};
            span(w, &probe);
        }
        close_(w, "}");
        w->compact = compact;
    }
    close_(w, "]");
    key(w, "documents");
    open_(w, "[");
    for (const pol_node *c = d->first_child; c; c = c->next)
        if (c->type == POL_NODE_DOCUMENT)
            document(w, c);
    close_(w, "]");
    close_(w, "}");
}

pol_status pol_emit_json(const pol_result *r, const char *source, unsigned flags,
                         pol_write_fn write, void *user, pol_error *err)
{
    if (!r || !write)
        return pol_error_set(err, POL_ERR_ARG, SIZE_MAX, 0, 0, "pol_emit_json needs a result and a writer");
    jw w;
    /* every field but the output buffer, which an initializer would zero:
     * 8 KB a document, a tenth of the time for a short one */
    memset(&w, 0, offsetof(jw, out));
    w.r = r;
    pol_span_cursor_init(&w.spans);
    w.out.write = write;
    w.out.user = user;
    w.out.failed = false;
    w.out.len = 0;
    w.compact = flags & POL_EMIT_COMPACT;
    w.no_text = flags & POL_EMIT_NO_TEXT;
    w.no_spans = flags & POL_EMIT_NO_SPANS;
    open_(&w, "{");
    kv_str(&w, "source", source);
    kv_str(&w, "encoding", r->encoding);
    key(&w, "documents");
    open_(&w, "[");
    for (const pol_node *c = r->root.first_child; c; c = c->next)
        if (c->type == POL_NODE_DOCUMENT)
            document(&w, c);
    close_(&w, "]");
    key(&w, "warnings");
    open_(&w, "[");
    for (size_t i = 0; i < pol_result_warning_count(r); i++) {
        pol_span sp;
        const char *msg = pol_result_warning(r, i, &sp);
        sep(&w);
        bool compact = w.compact;
        w.compact = true;
        open_(&w, "{");
        kv_str(&w, "message", msg);
        kv_int(&w, "start", (long long)sp.byte_offset);
        kv_int(&w, "end", (long long)(sp.byte_offset + sp.len_bytes));
        kv_int(&w, "line", sp.first_line);
        close_(&w, "}");
        w.compact = compact;
    }
    close_(&w, "]");
    close_(&w, "}");
    put(&w, "\n", 1);
    pol_out_flush(&w.out);
    if (w.out.failed)
        return pol_error_set(err, POL_ERR_WRITE, SIZE_MAX, 0, 0, "the JSON writer callback failed");
    return POL_OK;
}
