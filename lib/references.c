/*
 * references.c - the documents a text cites: titles in 《》 (with 〈〉 nested
 * inside) and document numbers (粤府〔2021〕45号), joined where a number
 * follows its title in brackets.
 *
 * Input: the finished tree.  Output: each document's `references`, in
 * reading order, from its own text (its sections and paragraphs, not its
 * metadata and not its embedded documents, which have their own).
 * Example: "根据《关于印发〈“十四五”智能制造发展规划〉的通知》（工信部联规〔2021〕207号）"
 * -> title 关于印发〈“十四五”智能制造发展规划〉的通知, number 工信部联规〔2021〕207号.
 */
#include <string.h>

#include "internal.h"

typedef struct ref_list {
    pol_reference *items;
    size_t n, cap;
} ref_list;

static bool push(pol_result *r, ref_list *l, const char *s, size_t ts, size_t te, size_t ns,
                 size_t ne, size_t start, size_t end)
{
    pol_reference *ref = pol_list_push((void **)&l->items, &l->n, &l->cap, sizeof *ref);
    if (!ref)
        return false;
    if (te > ts && !(ref->title = pol_arena_strndup(&r->arena, s + ts, te - ts)))
        return false;
    if (ne > ns && !(ref->number = pol_arena_strndup(&r->arena, s + ns, ne - ns)))
        return false;
    ref->text_start = start;
    ref->text_end = end;
    return true;
}

/* Scans text s (at offset base of the normalized text) for citations.  The
 * pattern is searched from 20 characters before each mark up to the mark,
 * not from every character to the end: the same matches, without trying
 * each Chinese character as the start of an issuer's name. */
static bool scan(struct pol_run *run, const char *s, size_t len, size_t base, ref_list *out)
{
    pol_patterns *p = &run->parser->patterns;
    size_t at = 0, ov[8];
    for (;;) {
        /* the next 《, 〔 or 【 (places.c's citation places): every
         * citation holds one, 《 at its start or a bracket within 20
         * characters of it (a ［ reads [ after normalization) */
        size_t mark = pol_place_next(&run->places, POL_PLACE_CITATION, s, len, at);
        if (mark >= len)
            return true;
        /* a number alone (粤府〔2021〕45号) opens with up to 20 characters
         * of issuer (80 bytes) before its bracket; a match cannot start
         * before a 《, which no issuer's name runs through.  A match that
         * starts past this mark holds a later one, and is found from it. */
        size_t from = s[mark + 2] == '\x8A' ? mark : mark > at + 80 ? mark - 80 : at;
        while (from > at && ((unsigned char)s[from] & 0xC0) == 0x80)
            from--; /* back to a character's first byte */
        if (!pol_reference_match(p, s, len, from, mark, ov)) {
            at = mark + 3;
            continue;
        }
        bool titled = ov[2] != PCRE2_UNSET;
        size_t ts = titled ? ov[2] : 0, te = titled ? ov[3] : 0;
        /* group 2: the number after a title; group 3: a number alone */
        size_t ns = titled ? ov[4] : ov[6], ne = titled ? ov[5] : ov[7];
        if (ns == PCRE2_UNSET)
            ns = ne = 0;
        if (!push(run->result, out, s, ts, te, ns, ne, base + ov[0], base + ov[1]))
            return false;
        at = ov[1] > at ? ov[1] : at + 1;
    }
}

static pol_status collect(struct pol_run *run, const pol_node *n, ref_list *out)
{
    for (const pol_node *k = n->first_child; k; k = k->next) {
        if (k->type == POL_NODE_SECTION) {
            /* the heading line, then the section's own paragraphs */
            if (!scan(run, run->norm + k->text_start, k->body_end - k->text_start, k->text_start, out))
                return POL_ERR_NOMEM;
            pol_status st = collect(run, k, out);
            if (st != POL_OK)
                return st;
        } else if (k->type == POL_NODE_PARAGRAPH &&
                   (k->role == POL_ROLE_BODY || k->role == POL_ROLE_BULLET)) {
            if (!scan(run, pol_paragraph(run->norm, k), pol_paragraph_len(k), k->text_start, out))
                return POL_ERR_NOMEM;
        }
    }
    return POL_OK;
}

static pol_status document(void *ctx, pol_node *doc)
{
    struct pol_run *run = ctx;
    ref_list l = {0};
    pol_status st = collect(run, doc, &l);
    if (!pol_list_keep(&run->result->arena, (void **)&l.items, &l.n, sizeof *l.items, st == POL_OK))
        return pol_error_set(run->err, POL_ERR_NOMEM, SIZE_MAX, 0, 0, "out of memory");
    doc->doc->references = l.items;
    doc->doc->n_references = l.n;
    return POL_OK;
}

pol_status pol_references_extract(struct pol_run *run)
{
    return pol_each_document(run->result, document, run);
}
