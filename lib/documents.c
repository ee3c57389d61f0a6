/*
 * documents.c - lines -> documents and their metadata.
 *
 * Input: classified run->lines.  Output: run->docs (the file's main
 * document first, then each embedded one in reading order, each knowing its
 * parent), every line's `doc`, and the role of each line that is an element
 * of a 公文 as GB/T 9704-2012 names them: 份号/公开属性, 版头 (…文件),
 * 发文字号, 标题, 主送机关, 正文, 附件说明, 发文机关署名, 成文日期, 抄送,
 * 印发机关和印发日期.
 *
 * The main title is the first line before any heading that ends with a
 * document kind (…的通知, …行动方案（2022—2026年）); failing that, a short
 * line opening the text.  What comes before it is page furniture unless it
 * is metadata.  An embedded document starts at a title line that follows a
 * 附件 marker, or that ends with a kind once the notice carrying it is
 * signed, or that the text before cites in 《》.
 * Example: a notice 佛府〔2022〕1号 that issues six plans gives seven
 * documents, the plans with parent 0.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

typedef struct ctx {
    struct pol_run *run;
    pol_patterns *p;
    pol_arena *arena;
    pol_strmap cited; /* 《title》 cores in the text -> where first cited */
    bool nomem;       /* an allocation failed: the stage reports it at its end */
    size_t ends_line; /* the line whose ends are read in `ends`, or SIZE_MAX */
    pol_ends ends;
} ctx;

static const char *text_of(ctx *c, size_t i, size_t *len)
{
    *len = c->run->lines[i].len;
    return c->run->norm + c->run->lines[i].start;
}

/* Pattern id on line i.  Each pass asks a line many patterns in a row: its
 * first and last characters are read once for their guards, and the calls
 * a guard refuses are not made. */
static inline bool match_ov(ctx *c, pol_pattern_id id, size_t i, const size_t **ov)
{
    size_t len;
    const char *t = text_of(c, i, &len);
    if (c->ends_line != i) {
        c->ends_line = i;
        c->ends = pol_ends_of(t, len);
    }
    return pol_pattern_ends_allow(c->p, id, c->ends) && pol_pattern_match(c->p, id, t, len, ov);
}

static inline bool match(ctx *c, pol_pattern_id id, size_t i) { return match_ov(c, id, i, NULL); }

/* A web page's furniture: menus, print buttons, registration lines.  Asked
 * of a line by several passes, answered once. */
static bool furniture(ctx *c, size_t i)
{
    pol_line *ln = &c->run->lines[i];
    if (!ln->furniture)
        ln->furniture = match(c, PAT_FURNITURE, i) || match(c, PAT_SITE_NOTICE, i) ? 2 : 1;
    return ln->furniture == 2;
}


static const pol_word sentence_marks[] = {POL_WORD("。"), POL_WORD("；"), POL_WORD("，"),
                                          POL_WORD("！"), POL_WORD("？"), {NULL, 0}};

/* A line that may be a title: text, no sentence inside, ending with a kind. */
static bool title_like(ctx *c, size_t i)
{
    pol_line *ln = &c->run->lines[i];
    size_t len;
    const char *t = text_of(c, i, &len);
    if (ln->kind != LINE_TEXT || ln->role != POL_ROLE_BODY)
        return false;
    /* the kind word's guard (the last character) first: it refuses most
     * lines at once, before five searches for sentence marks */
    return !pol_utf8_at_most(t, len, 3) && pol_utf8_at_most(t, len, 90) &&
           pol_pattern_may_match(c->p, PAT_TITLE_KIND, t, len) && !pol_find_any(t, len, sentence_marks) &&
           !pol_starts_with(t, len, "《") && !match(c, PAT_ATTACH_NOTE, i) && match(c, PAT_TITLE_KIND, i);
}

/* A line of metadata that may stand before the title. */
static bool front_matter(ctx *c, size_t i)
{
    return match(c, PAT_PUBLICITY, i) || match(c, PAT_DOC_NUMBER, i) ||
           match(c, PAT_ISSUER_MARK, i) || match(c, PAT_DATE_LINE, i);
}

/* A title's text with trailing parentheticals cut: 方案（2022—2026年） -> 方案. */
static size_t core_len(const char *t, size_t len)
{
    for (;;) {
        len = pol_trim_end(t, len);
        const char *open = NULL;
        if (pol_ends_with(t, len, "）"))
            open = "（";
        else if (pol_ends_with(t, len, ")"))
            open = "(";
        if (!open)
            return len;
        size_t k = len;
        size_t olen = strlen(open);
        while (k >= olen && memcmp(t + k - olen, open, olen) != 0)
            k--;
        if (k < olen)
            return len;
        len = k - olen;
    }
}

static const char *kind_of(const char *t, size_t len, bool attached)
{
    static const char *const kinds[] = {"通知", "方案", "意见", "报告", "计划",
                                        "规划", "办法", "要点", NULL};
    len = core_len(t, len);
    for (size_t k = 0; kinds[k]; k++)
        if (pol_ends_with(t, len, kinds[k]))
            return kinds[k];
    return attached ? "附件" : "其他";
}

static char *dup(ctx *c, const char *s, size_t len)
{
    char *d = pol_arena_strndup(c->arena, s, len);
    c->nomem |= !d;
    return d;
}

/* 2022年3月30日 or 二〇二二年三月三十日 -> "2022-03-30"; NULL if not a date. */
static char *iso_date(ctx *c, size_t i)
{
    size_t len;
    const char *t = text_of(c, i, &len);
    const size_t *ov;
    if (!pol_pattern_match(c->p, PAT_DATE_LINE, t, len, &ov))
        return NULL;
    int year = 0;
    for (size_t k = ov[2]; k < ov[3];) {
        uint32_t cp;
        int n = pol_utf8_decode((const unsigned char *)t + k, ov[3] - k, &cp);
        if (n == 0)
            return NULL;
        char digit[8];
        memcpy(digit, t + k, (size_t)n);
        int d = cp < 0x80 ? (int)(cp - '0') : pol_parse_cn_number(digit, (size_t)n);
        if (cp == 0x3007 || cp == 0x96F6)
            d = 0;
        if (d < 0 || d > 9)
            return NULL;
        year = year * 10 + d;
        k += (size_t)n;
    }
    int month = pol_parse_cn_number(t + ov[4], ov[5] - ov[4]);
    int day = pol_parse_cn_number(t + ov[6], ov[7] - ov[6]);
    if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1900 || year > 2999)
        return NULL;
    char buf[16];
    snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    return dup(c, buf, strlen(buf));
}

/* Collects every 《title》 of the text, its parentheticals cut, with where
 * it is first cited: one pass, so that each title line asks in constant time. */
static bool collect_citations(ctx *c)
{
    const char *s = c->run->norm;
    size_t len = c->run->norm_len, at = 0, m[4];
    while (at < len && pol_citation_match(&c->run->places, s, len, at, m)) {
        size_t core = core_len(s + m[2], m[3] - m[2]);
        if (core && !pol_strmap_add(&c->cited, s + m[2], core, m[0]))
            return false;
        at = m[1];
    }
    return true;
}

/* Is the title at line i cited as 《title》 in the text before it? */
static bool cited_before(ctx *c, size_t i)
{
    size_t len;
    const char *t = text_of(c, i, &len);
    size_t at = pol_strmap_get(&c->cited, t, core_len(t, len));
    return at != SIZE_MAX && at < c->run->lines[i].start;
}

/* Is the title at line i the main title printed again (web pages repeat it)?
 * Not when the main title cites it in 《》: then it is the document issued. */
static bool repeats_title(ctx *c, size_t i, const char *main_title)
{
    if (!main_title)
        return false;
    size_t len, mlen = strlen(main_title);
    const char *t = text_of(c, i, &len);
    size_t a = core_len(t, len), b = core_len(main_title, mlen);
    if (a == 0 || b == 0 || a > 240)
        return false;
    char needle[256];
    memcpy(needle, "《", 3);
    memcpy(needle + 3, t, a);
    if (pol_find_n(main_title, mlen, needle, a + 3) != SIZE_MAX)
        return false;
    return a >= b ? pol_find_n(t, a, main_title, b) != SIZE_MAX
                  : pol_find_n(main_title, b, t, a) != SIZE_MAX;
}

static pol_docspan *new_doc(ctx *c, int parent, size_t first_line)
{
    struct pol_run *run = c->run;
    pol_docspan *d = &run->docs[run->n_docs++];
    memset(d, 0, sizeof *d);
    d->first_line = first_line;
    d->end_line = run->n_lines;
    d->parent = parent;
    d->title_line = SIZE_MAX;
    return d;
}

static void set_title(ctx *c, pol_docspan *d, size_t first, size_t last, bool attached)
{
    pol_buf b;
    pol_buf_init(&b);
    for (size_t i = first; i <= last; i++) {
        size_t len;
        const char *t = text_of(c, i, &len);
        pol_buf_append(&b, t, len);
        c->run->lines[i].role = POL_ROLE_TITLE;
    }
    c->nomem |= b.failed;
    if (!b.failed && b.len) {
        d->info.title = dup(c, b.data, b.len);
        d->info.kind = kind_of(b.data, b.len, attached);
        d->info.draft = pol_pattern_match(c->p, PAT_DRAFT, b.data, b.len, NULL);
    }
    pol_buf_free(&b);
    d->title_line = first;
}

/* Finds the main title; returns the first line after it (0 if none). */
static size_t find_main_title(ctx *c, pol_docspan *d)
{
    struct pol_run *run = c->run;
    size_t n = run->n_lines;
    size_t limit = n;
    for (size_t i = 0; i < n; i++) {
        if (run->lines[i].kind == LINE_HEADING) {
            limit = i;
            break;
        }
    }
    for (size_t i = 0; i < limit; i++) {
        if (title_like(c, i)) {
            set_title(c, d, i, i, false);
            return i + 1;
        }
        /* a title broken over two lines, the first too short to be joined:
         * 荔湾区关于…产业体系 / 的实施意见 */
        size_t len, len2 = 0;
        const char *t = text_of(c, i, &len);
        if (i + 1 < limit && run->lines[i].kind == LINE_TEXT && title_like(c, i + 1) &&
            !pol_find_any(t, len, sentence_marks) && pol_find(t, len, "：") == SIZE_MAX &&
            (pol_find(t, len, "关于") != SIZE_MAX ||
             pol_starts_with(text_of(c, i + 1, &len2), len2, "的")) &&
            pol_utf8_at_most(t, len, 40) && !front_matter(c, i) && !furniture(c, i) &&
            !match(c, PAT_LABEL_LINE, i)) {
            set_title(c, d, i, i + 1, false);
            return i + 2;
        }
    }
    /* no kind named: a short line opening the text, before any sentence */
    for (size_t i = 0; i < limit; i++) {
        size_t len;
        const char *t = text_of(c, i, &len);
        if (run->lines[i].kind != LINE_TEXT || front_matter(c, i) || furniture(c, i) ||
            match(c, PAT_LABEL_LINE, i))
            continue;
        if (pol_find(t, len, "。") != SIZE_MAX || !pol_utf8_at_most(t, len, 40))
            break;
        set_title(c, d, i, i, false);
        return i + 1;
    }
    return 0;
}

/* The organ signing above a date line, if line j is one. */
static bool signature_line(ctx *c, size_t j)
{
    pol_line *ln = &c->run->lines[j];
    size_t len;
    const char *t = text_of(c, j, &len);
    return ln->kind == LINE_TEXT && (ln->role == POL_ROLE_BODY || ln->role == POL_ROLE_SIGNATURE) &&
           pol_utf8_at_most(t, len, 40) && !pol_find_any(t, len, sentence_marks) &&
           pol_find(t, len, "：") == SIZE_MAX && match(c, PAT_ORGAN, j);
}

/* Metadata lines, wherever they stand; returns true when line i was one. */
static bool take_metadata(ctx *c, size_t i, pol_docspan *cur, pol_docspan *main, bool body_started)
{
    pol_line *ln = &c->run->lines[i];
    size_t len;
    const char *t = text_of(c, i, &len);
    const size_t *ov;
    if (ln->kind == LINE_TABLE_ROW)
        return false;
    if (match_ov(c, PAT_PUBLICITY, i, &ov)) {
        ln->role = POL_ROLE_PUBLICITY;
        if (!cur->info.publicity)
            cur->info.publicity = dup(c, t + ov[2], ov[3] - ov[2]);
        return true;
    }
    if (!body_started && match_ov(c, PAT_DOC_NUMBER, i, &ov)) {
        ln->role = POL_ROLE_DOC_NUMBER;
        if (!cur->info.number)
            cur->info.number = dup(c, t + ov[2], ov[3] - ov[2]);
        return true;
    }
    if (!body_started && match(c, PAT_ISSUER_MARK, i)) {
        ln->role = POL_ROLE_ISSUER_MARK;
        return true;
    }
    /* 版记 (抄送, 印发) closes the main document, wherever it is printed */
    if (match_ov(c, PAT_CC, i, &ov)) {
        ln->role = POL_ROLE_CC;
        ln->doc = 0;
        main->info.cc = dup(c, t + ov[2], ov[3] - ov[2]);
        return true;
    }
    if (match(c, PAT_PRINTED, i)) {
        ln->role = POL_ROLE_PRINTED;
        ln->doc = 0;
        main->info.printed = dup(c, t, len);
        /* the office that prints may stand on the line above */
        if (i > 0 && c->run->lines[i - 1].role == POL_ROLE_BODY && signature_line(c, i - 1)) {
            size_t pl;
            const char *pt = text_of(c, i - 1, &pl);
            pol_buf b;
            pol_buf_init(&b);
            pol_buf_append(&b, pt, pl);
            pol_buf_putc(&b, ' ');
            pol_buf_append(&b, t, len);
            c->nomem |= b.failed;
            if (!b.failed)
                main->info.printed = dup(c, b.data, b.len);
            pol_buf_free(&b);
            c->run->lines[i - 1].role = POL_ROLE_PRINTED;
            c->run->lines[i - 1].doc = 0;
        }
        return true;
    }
    return false;
}

static void add_attachment(ctx *c, pol_docspan *d, const char *t, size_t len)
{
    /* "1.清单" in a list of attachments: the number is not part of the name */
    const size_t *ov;
    if (pol_pattern_match(c->p, PAT_HEAD_NUM, t, len, &ov)) {
        t += ov[1];
        len -= ov[1];
    }
    if (len == 0)
        return;
    const char **grown = pol_arena_alloc(c->arena, (d->info.n_attachments + 1) * sizeof *grown);
    if (!grown) {
        c->nomem = true;
        return;
    }
    if (d->info.n_attachments)
        memcpy(grown, d->info.attachments, d->info.n_attachments * sizeof *grown);
    grown[d->info.n_attachments++] = dup(c, t, len);
    d->info.attachments = grown;
}

/* Issuer when nothing is signed: the organ that opens the title before 关于. */
static void issuer_from_title(ctx *c, pol_docspan *d)
{
    if (d->info.issuer || !d->info.title)
        return;
    const char *t = d->info.title;
    size_t at = pol_find(t, strlen(t), "关于");
    if (at == SIZE_MAX || at == 0)
        return;
    if (pol_pattern_match(c->p, PAT_ORGAN, t, at, NULL))
        d->info.issuer = dup(c, t, at);
}

pol_status pol_documents_split(struct pol_run *run)
{
    ctx c = {.run = run, .p = &run->parser->patterns, .arena = &run->result->arena, .ends_line = SIZE_MAX};
    size_t n = run->n_lines;
    /* room for a document a line; new_doc clears each it takes (clearing
     * them all was a line's worth of work, 160 bytes a line) */
    run->docs = malloc((n + 1) * sizeof *run->docs);
    bool *signed_doc = calloc(n + 1, sizeof *signed_doc);
    bool *body = calloc(n + 1, sizeof *body);
    if (!run->docs || !signed_doc || !body) {
        free(signed_doc);
        free(body);
        return pol_error_set(run->err, POL_ERR_NOMEM, SIZE_MAX, 0, 0, "out of memory");
    }
    if (!collect_citations(&c)) {
        free(signed_doc);
        free(body);
        pol_strmap_free(&c.cited);
        return pol_error_set(run->err, POL_ERR_NOMEM, SIZE_MAX, 0, 0, "out of memory");
    }
    pol_docspan *main = new_doc(&c, -1, 0);
    size_t start = find_main_title(&c, main);
    for (size_t i = 0; i < start; i++) {
        run->lines[i].doc = 0;
        if (run->lines[i].role == POL_ROLE_TITLE)
            continue;
        if (!take_metadata(&c, i, main, main, false))
            run->lines[i].role = main->title_line == SIZE_MAX ? POL_ROLE_BODY : POL_ROLE_FURNITURE;
    }
    if (main->title_line == SIZE_MAX)
        start = 0;

    int cur = 0;
    bool attach_mark = false, attach_list = false;
    for (size_t i = start; i < n; i++) {
        pol_line *ln = &run->lines[i];
        pol_docspan *d = &run->docs[cur];
        size_t len;
        const char *t = text_of(&c, i, &len);
        bool after_mark = attach_mark;
        attach_mark = false;
        if (ln->doc >= 0)
            continue; /* placed before the main title */
        if (ln->role == POL_ROLE_TITLE) {
            ln->doc = cur;
            continue;
        }

        /* a new embedded document? */
        if (ln->kind == LINE_TEXT && ln->role == POL_ROLE_BODY && !furniture(&c, i)) {
            bool attached = after_mark && !pol_find_any(t, len, sentence_marks) &&
                            pol_utf8_at_most(t, len, 60) && !match(&c, PAT_ATTACH_NOTE, i);
            bool titled = title_like(&c, i);
            if (titled && repeats_title(&c, i, main->info.title) && !attached) {
                /* the main title again, as web pages print it twice: keep the fuller one */
                ln->role = POL_ROLE_TITLE;
                if (len > strlen(main->info.title))
                    set_title(&c, main, i, i, false);
                ln->doc = 0;
                body[0] = false; /* what came before was the page around the document */
                continue;
            }
            if (attached || (titled && (signed_doc[0] || cited_before(&c, i)) && body[cur])) {
                int parent = attached ? cur : 0;
                d->end_line = i;
                pol_docspan *nd = new_doc(&c, parent, i);
                set_title(&c, nd, i, i, attached);
                cur = (int)(run->n_docs - 1);
                ln->doc = cur;
                attach_list = false;
                continue;
            }
        }
        ln->doc = cur;
        if (take_metadata(&c, i, d, main, body[cur])) {
            attach_list = false;
            continue;
        }
        const size_t *ov;
        if (match_ov(&c, PAT_ATTACH_NOTE, i, &ov)) {
            ln->role = POL_ROLE_ATTACHMENTS;
            add_attachment(&c, d, t + ov[2], ov[3] - ov[2]);
            attach_list = true;
            continue;
        }
        if (attach_list && ln->kind == LINE_HEADING && ln->printed_style == STYLE_NUM &&
            !pol_find_any(t, len, sentence_marks)) {
            ln->kind = LINE_TEXT;
            ln->role = POL_ROLE_ATTACHMENTS;
            add_attachment(&c, d, t, len);
            continue;
        }
        attach_list = false;
        if (match(&c, PAT_ATTACH_MARK, i)) {
            ln->role = POL_ROLE_ATTACHMENTS;
            attach_mark = true;
            continue;
        }
        if (ln->kind == LINE_TEXT && match(&c, PAT_DATE_LINE, i)) {
            ln->role = POL_ROLE_DATE;
            if (!d->info.date)
                d->info.date = iso_date(&c, i);
            if (i > 0 && run->lines[i - 1].doc == cur && signature_line(&c, i - 1)) {
                run->lines[i - 1].role = POL_ROLE_SIGNATURE;
                if (!d->info.issuer) {
                    size_t sl;
                    const char *st = text_of(&c, i - 1, &sl);
                    d->info.issuer = dup(&c, st, sl);
                }
            }
            signed_doc[cur] = true;
            continue;
        }
        if (!body[cur] && ln->kind == LINE_TEXT && pol_ends_with(t, len, "：") &&
            pol_utf8_at_most(t, len, 160) && !match(&c, PAT_LABEL_LINE, i) &&
            pol_find(t, len, "。") == SIZE_MAX) {
            ln->role = POL_ROLE_RECIPIENTS;
            if (!d->info.recipients)
                d->info.recipients = dup(&c, t, len - 3);
            continue;
        }
        if (!body[cur] && d->title_line != SIZE_MAX && i == d->title_line + 1 &&
            ln->kind == LINE_BULLET) {
            ln->role = POL_ROLE_SUBTITLE;
            continue;
        }
        if (furniture(&c, i)) {
            ln->role = POL_ROLE_FURNITURE;
            continue;
        }
        if (!body[cur] && !match(&c, PAT_LABEL_LINE, i))
            body[cur] = true; /* asked only until the body begins */
    }
    for (size_t k = 0; k < run->n_docs; k++) {
        issuer_from_title(&c, &run->docs[k]);
        if (!run->docs[k].info.kind)
            run->docs[k].info.kind = "其他"; /* untitled: no kind is named */
    }
    free(signed_doc);
    free(body);
    pol_strmap_free(&c.cited);
    if (c.nomem)
        return pol_error_set(run->err, POL_ERR_NOMEM, SIZE_MAX, 0, 0, "out of memory");
    return POL_OK;
}
