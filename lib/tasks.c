/*
 * tasks.c - sections -> tasks, with their lead, support and responsible
 * agencies.
 *
 * Input: the section tree (sections.c), each section's body text.
 * Output: sections marked as tasks, each with its agencies, and each
 * document's agency index.
 *
 * A task is a numbered item someone must carry out: every item that carries
 * a responsibility clause, and every deepest-level item (a leaf) under a
 * section whose title names work to be done (主要任务, 重点任务, 工作任务,
 * 工作重点, 保障措施 …).  A document with neither takes the items of its
 * deepest level (a news layout of the year's work: 1 纵深推进…).
 *
 * Clauses: `（市工业和信息化局牵头；各区人民政府，市科技局配合）` in （）, 〔〕,
 * [] or ［］ (a half-width closing ) too), at the end or the start of the
 * item; labelled lines `牵头单位：X；配合单位：Y`, `责任单位：X`; `由X负责`.
 * Role words split the clause: the names before 牵头 lead, before 配合
 * support, before 负责 are responsible.
 *
 * Names: split at ， ； and 、.  A name after 、 that lacks the place and
 * level word takes those of the first name of its run (`市科技局、教育局`
 * gives 市教育局); collective names (各区人民政府, 市各有关单位) stay as written.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* What push works out from a name alone, kept for the names that come
 * again (a document names the same agencies over and over). */
typedef struct name_facts {
    const char *name, *level; /* name in full (aliases applied) */
    pol_agency_kind kind;
    bool collective;
} name_facts;

typedef struct tctx {
    struct pol_run *run;
    pol_result *r;
    pol_patterns *p;
    pol_buf body; /* the section being read: its body (pol_section_body) */
    pol_buf key;  /* a name being looked up in `known` */
    pol_strmap known; /* name as built -> index into facts */
    pol_strmap prefixes; /* name as written -> its level_prefix (a document repeats its names) */
    name_facts *facts;
    size_t n_facts, cap_facts;
} tctx;

static pol_status nomem(struct pol_run *run)
{
    return pol_error_set(run->err, POL_ERR_NOMEM, SIZE_MAX, 0, 0, "out of memory");
}

/* ------------------------------------------------------------ agency names */

static const pol_word role_words[] = {POL_WORD("牵头"), POL_WORD("配合"), POL_WORD("负责"),
                                      POL_WORD("参与"), POL_WORD("协助"), POL_WORD("协同"),
                                      POL_WORD("共同负责"), POL_WORD("会同"), {NULL, 0}};
static pol_wordset role_set = POL_WORDSET(role_words);

static pol_agency_role role_of_word(const char *w)
{
    if (strcmp(w, "牵头") == 0)
        return POL_AGENCY_LEAD;
    if (strcmp(w, "负责") == 0 || strcmp(w, "共同负责") == 0)
        return POL_AGENCY_RESPONSIBLE;
    return POL_AGENCY_SUPPORT;
}

/* Length of the place-and-level prefix a name opens with: 市, 佛山市, 南海区;
 * 0 when it has none. */
static size_t level_prefix(tctx *c, const char *s, size_t len)
{
    const size_t *ov;
    if (pol_pattern_match(c->p, PAT_AGENCY_PREFIX, s, len, &ov))
        return ov[1];
    return 0;
}

/* level_prefix, asked once a name: a copy of the name keys the answer
 * (names stand in buffers that are reused).  Out of memory, the answer is
 * merely not kept. */
static size_t known_prefix(tctx *c, const char *name, size_t len)
{
    size_t own = pol_strmap_get(&c->prefixes, name, len);
    if (own != SIZE_MAX)
        return own;
    own = level_prefix(c, name, len);
    char *key = pol_arena_strndup(&c->r->arena, name, len);
    if (key)
        pol_strmap_add(&c->prefixes, key, len, own);
    return own;
}

static bool is_collective(const char *s, size_t len)
{
    return pol_starts_with(s, len, "各") || pol_find(s, len, "各有关") != SIZE_MAX ||
           pol_find(s, len, "各成员单位") != SIZE_MAX || pol_find(s, len, "有关单位") != SIZE_MAX ||
           pol_find(s, len, "有关部门") != SIZE_MAX || pol_find(s, len, "各级") != SIZE_MAX;
}

static const char *level_of(const char *name)
{
    size_t len = strlen(name);
    static const char *const nat[] = {"国家", "国务院", "中央", "全国", NULL};
    for (size_t k = 0; nat[k]; k++)
        if (pol_starts_with(name, len, nat[k]))
            return "国家";
    if (pol_find(name, len, "街道") != SIZE_MAX)
        return "街道";
    static const char *const levels[] = {"省", "自治区", "市", "区", "县", "镇", "乡", NULL};
    /* the first level word within the opening characters decides */
    size_t best = SIZE_MAX;
    const char *found = NULL;
    for (size_t k = 0; levels[k]; k++) {
        size_t at = pol_find(name, len < 24 ? len : 24, levels[k]);
        if (at != SIZE_MAX && at < best) {
            best = at;
            found = levels[k];
        }
    }
    if (found && strcmp(found, "乡") == 0)
        return "镇";
    if (found && strcmp(found, "自治区") == 0)
        return "省";
    return found;
}

static pol_agency_kind kind_of(tctx *c, const char *name)
{
    size_t len = strlen(name);
    if (pol_pattern_match(c->p, PAT_AGENCY_PARTY, name, len, NULL))
        return POL_AGENCY_PARTY;
    if (pol_find(name, len, "人大") != SIZE_MAX)
        return POL_AGENCY_CONGRESS;
    if (pol_pattern_match(c->p, PAT_AGENCY_ENTERPRISE, name, len, NULL))
        return POL_AGENCY_ENTERPRISE;
    if (pol_pattern_match(c->p, PAT_AGENCY_GOVERNMENT, name, len, NULL))
        return POL_AGENCY_GOVERNMENT;
    return POL_AGENCY_OTHER;
}

/* The alias table, where the caller gave one: 市工信局 -> 市工业和信息化局.
 * An alias matches the name after its place and level prefix. */
static const char *full_name(tctx *c, const char *name)
{
    const pol_parser *p = c->run->parser;
    if (p->n_aliases == 0)
        return name;
    size_t len = strlen(name), pre = level_prefix(c, name, len);
    for (size_t i = 0; i < p->n_aliases; i++) {
        const pol_alias *a = &p->aliases[i];
        if (strcmp(name + pre, a->alias) != 0)
            continue;
        size_t flen = strlen(a->full);
        char *out = pol_arena_alloc(&c->r->arena, pre + flen + 1);
        if (!out)
            return NULL;
        memcpy(out, name, pre);
        memcpy(out + pre, a->full, flen + 1);
        return out;
    }
    return name;
}

typedef struct agency_list {
    pol_agency *items;
    size_t n, cap;
} agency_list;

/* Moves a list into the result once built (`built` false: building failed;
 * the list is freed).  False means out of memory. */
static bool keep(tctx *c, agency_list *l, bool built)
{
    return pol_list_keep(&c->r->arena, (void **)&l->items, &l->n, sizeof *l->items, built);
}

static bool push(tctx *c, agency_list *l, const char *written, size_t wlen, const char *prefix,
                 size_t plen, pol_agency_role role, size_t at)
{
    pol_agency *a = pol_list_push((void **)&l->items, &l->n, &l->cap, sizeof *a);
    if (!a)
        return false;
    a->as_written = pol_arena_strndup(&c->r->arena, written, wlen);
    if (!a->as_written)
        return false;
    /* the name as built: the prefix, then the name as written (most names
     * take none, and are their own key) */
    const char *key = a->as_written;
    size_t key_len = wlen;
    if (plen) {
        c->key.len = 0;
        pol_buf_append(&c->key, prefix, plen);
        pol_buf_append(&c->key, written, wlen);
        if (c->key.failed)
            return false;
        key = c->key.data;
        key_len = c->key.len;
    }
    size_t j = pol_strmap_get(&c->known, key, key_len);
    if (j == SIZE_MAX) {
        char *name = pol_arena_strndup(&c->r->arena, key, key_len);
        name_facts *f = name ? pol_list_push((void **)&c->facts, &c->n_facts, &c->cap_facts,
                                             sizeof *f)
                             : NULL;
        if (!f || !(f->name = full_name(c, name)))
            return false;
        f->collective = is_collective(name, key_len);
        f->level = level_of(name);
        f->kind = kind_of(c, name);
        j = c->n_facts - 1;
        if (!pol_strmap_add(&c->known, name, key_len, j))
            return false;
    }
    const name_facts *f = &c->facts[j];
    a->name = f->name;
    a->role = role;
    a->collective = f->collective;
    a->level = f->level;
    a->kind = f->kind;
    a->text_start = at;
    a->text_end = at + wlen;
    return true;
}

/* Drops qualifiers around a name: 按职责分工, 分别, 等 … */
static void trim_name(const char **s, size_t *len)
{
    static const pol_word tails[] = {POL_WORD("按各自职责分工"), POL_WORD("按职责分工"),
                                     POL_WORD("按职责"), POL_WORD("根据职责"), POL_WORD("分别"),
                                     POL_WORD("共同"), POL_WORD("等单位"), POL_WORD("等部门"),
                                     POL_WORD("等"), {NULL, 0}};
    static const pol_word heads[] = {POL_WORD("由"), POL_WORD("和"), POL_WORD("及"), {NULL, 0}};
    static pol_wordset tail_set = POL_WORDSET(tails), head_set = POL_WORDSET(heads);
    bool again = true;
    while (again && *len > 0) {
        again = pol_words_strip_end(&tail_set, *s, len);
        again = pol_words_strip_start(&head_set, s, len) || again;
        while (*len > 0 && ((*s)[0] == ' ' || (*s)[0] == '\t')) {
            (*s)++;
            (*len)--;
        }
        *len = pol_trim_end(*s, *len);
    }
}

/* Splits `seg` (names before one role word) into agencies. */
static bool add_names(tctx *c, agency_list *l, const char *seg, size_t len, pol_agency_role role,
                      size_t seg_off)
{
    size_t i = 0;
    while (i < len) {
        /* a run: names up to the next ， or ；, read a character at a time
         * (the marks are whole characters) */
        size_t end = i;
        while (end < len && !pol_starts_with(seg + end, len - end, "，") &&
               !pol_starts_with(seg + end, len - end, "；") && seg[end] != ',' && seg[end] != ';')
            end += pol_utf8_len(seg[end]);
        if (end > len)
            end = len; /* a character cut at the end */
        size_t prefix_len = 0;
        const char *prefix = NULL;
        bool first = true;
        size_t j = i;
        while (j < end) {
            size_t k = j;
            while (k < end && !pol_starts_with(seg + k, end - k, "、"))
                k += pol_utf8_len(seg[k]);
            if (k > end)
                k = end;
            const char *name = seg + j;
            size_t nlen = k - j;
            trim_name(&name, &nlen);
            if (nlen >= 3 * 2 && nlen <= 3 * 40) {
                size_t own = known_prefix(c, name, nlen);
                if (first) {
                    prefix = name;
                    prefix_len = own;
                    first = false;
                    if (!push(c, l, name, nlen, "", 0, role, seg_off + (size_t)(name - seg)))
                        return false;
                } else {
                    bool needs = prefix_len > 0 && own == 0 && !is_collective(name, nlen);
                    if (!push(c, l, name, nlen, prefix, needs ? prefix_len : 0, role,
                              seg_off + (size_t)(name - seg)))
                        return false;
                }
            }
            j = k < end ? k + 3 : end;
        }
        i = end;
        if (i < len)
            i += seg[i] == ',' || seg[i] == ';' ? 1 : 3;
    }
    return true;
}

/* Where the first role word in s starts (the longest of those starting
 * there), with *word set; *word NULL for none.  One walk over the
 * characters, the first character's hash refusing most: role words are
 * whole characters, found at character boundaries only. */
static size_t next_role_word(const char *s, size_t len, const char **word)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i += pol_utf8_len(s[i])) {
        if (!pol_words_may_start(&role_set, s + i, len - i))
            continue;
        for (const pol_word *w = role_words; w->s; w++)
            if (w->n > n && pol_starts_with(s + i, len - i, w->s)) {
                *word = w->s;
                n = w->n;
            }
        if (n)
            return i;
    }
    *word = NULL;
    return SIZE_MAX;
}
/* Reads the agencies of a clause's text: role words split it. */
static bool read_clause(tctx *c, agency_list *l, const char *s, size_t len, size_t off)
{
    size_t from = 0;
    bool after_huitong = false;
    while (from < len) {
        const char *word = NULL;
        size_t best = next_role_word(s + from, len - from, &word);
        if (!word)
            break;
        /* X会同Y负责: X leads, Y supports, whatever word closes Y */
        pol_agency_role role = strcmp(word, "会同") == 0 ? POL_AGENCY_LEAD
                               : after_huitong        ? POL_AGENCY_SUPPORT
                                                      : role_of_word(word);
        after_huitong = strcmp(word, "会同") == 0;
        if (!add_names(c, l, s + from, best, role, off + from))
            return false;
        from += best + strlen(word);
        /* separators after a role word */
        while (from < len && (pol_starts_with(s + from, len - from, "；") ||
                              pol_starts_with(s + from, len - from, "，") || s[from] == ';' ||
                              s[from] == ','))
            from += (s[from] == ';' || s[from] == ',') ? 1 : 3;
    }
    return true;
}

/* Reads 牵头单位：X；配合单位：Y and 责任单位：X, parts split at ； or a line end. */
static bool read_labelled(tctx *c, agency_list *l, const char *s, size_t len, size_t off)
{
    size_t i = 0;
    while (i < len) {
        size_t end = i;
        while (end < len && s[end] != '\n' && !pol_starts_with(s + end, len - end, "；"))
            end++;
        size_t colon = pol_find(s + i, end - i, "：");
        size_t clen = 3;
        if (colon == SIZE_MAX) {
            colon = pol_find(s + i, end - i, ":");
            clen = 1;
        }
        if (colon != SIZE_MAX) {
            const char *label = s + i;
            pol_agency_role role = POL_AGENCY_RESPONSIBLE;
            if (pol_find(label, colon, "牵头") != SIZE_MAX)
                role = POL_AGENCY_LEAD;
            else if (pol_find(label, colon, "配合") != SIZE_MAX ||
                     pol_find(label, colon, "协办") != SIZE_MAX ||
                     pol_find(label, colon, "参与") != SIZE_MAX)
                role = POL_AGENCY_SUPPORT;
            size_t a = i + colon + clen;
            size_t b = end;
            while (b > a && pol_ends_with(s + a, b - a, "。"))
                b -= 3;
            if (!add_names(c, l, s + a, b - a, role, off + a))
                return false;
        }
        i = end < len ? end + (s[end] == '\n' ? 1 : 3) : len;
    }
    return true;
}

/* ------------------------------------------------------------ clauses */

/* A bracket at s: +1 opening （〔［([, -1 closing ）〕］)], 0 none; *n its
 * length.  Byte by byte, as this runs over every character of a clause. */
static int bracket_at(const char *s, size_t len, size_t *n)
{
    const unsigned char *u = (const unsigned char *)s;
    if (len == 0)
        return 0;
    *n = 1;
    switch (u[0]) {
    case '(': case '[': return 1;
    case ')': case ']': return -1;
    case 0xEF: /* （ EF BC 88, ） EF BC 89, ［ EF BC BB, ］ EF BC BD */
        if (len < 3 || u[1] != 0xBC)
            return 0;
        *n = 3;
        return u[2] == 0x88 || u[2] == 0xBB ? 1 : u[2] == 0x89 || u[2] == 0xBD ? -1 : 0;
    case 0xE3: /* 〔 E3 80 94, 〕 E3 80 95 */
        if (len < 3 || u[1] != 0x80)
            return 0;
        *n = 3;
        return u[2] == 0x94 ? 1 : u[2] == 0x95 ? -1 : 0;
    default:
        return 0;
    }
}

/* What a part's characters say, read in one pass: whether it holds a colon
 * (： or :, which the label patterns need), and where the bracket that is
 * never closed opens (the outermost of those open at its end; SIZE_MAX for
 * none). */
typedef struct part_marks {
    bool colon;
    size_t unclosed;
    size_t depth; /* brackets open so far */
} part_marks;

/* The character at `at`, if it is a bracket or a colon. */
static void mark_at(const char *s, size_t len, size_t at, part_marks *pm)
{
    size_t n;
    int b = bracket_at(s + at, len - at, &n);
    if (b > 0) {
        if (pm->depth++ == 0)
            pm->unclosed = at;
    } else if (b < 0) {
        if (pm->depth > 0)
            pm->depth--;
    } else if (s[at] == ':' || pol_starts_with(s + at, len - at, "：")) {
        pm->colon = true;
    }
}

/* The marks of s, read at its mark places (places.c): brackets and
 * colons, with the rare other characters that share their bytes, which
 * mark_at passes over. */
static part_marks read_marks(const pol_places *pl, const char *s, size_t len)
{
    part_marks pm = {false, SIZE_MAX, 0};
    for (size_t i = 0; (i = pol_place_next(pl, POL_PLACE_MARK, s, len, i)) < len; i++)
        mark_at(s, len, i, &pm);
    if (pm.depth == 0)
        pm.unclosed = SIZE_MAX;
    return pm;
}

static bool is_opener(const char *s, size_t len, size_t *n) { return bracket_at(s, len, n) > 0; }
static bool is_closer(const char *s, size_t len, size_t *n) { return bracket_at(s, len, n) < 0; }

static bool has_role_word(const char *s, size_t len)
{
    /* role_words but 共同负责, which holds 负责 */
    static const pol_word words[] = {POL_WORD("牵头"), POL_WORD("配合"), POL_WORD("负责"),
                                     POL_WORD("参与"), POL_WORD("协助"), POL_WORD("协同"),
                                     POL_WORD("会同"), {NULL, 0}};
    return pol_find_any(s, len, words);
}


/* The bracketed clause that closes text [0, len): its inside, or false. */
static bool trailing_clause(const char *s, size_t len, size_t *in_start, size_t *in_len)
{
    len = pol_trim_end(s, len);
    while (len >= 3 && pol_ends_with(s, len, "。"))
        len -= 3;
    if (len == 0)
        return false;
    size_t n, k = pol_utf8_prev(s, len);
    if (!is_closer(s + k, len - k, &n))
        return false;
    size_t close_at = k, depth = 0;
    for (size_t i = len; i > 0; i = k) {
        k = pol_utf8_prev(s, i);
        if (is_closer(s + k, i - k, &n)) {
            depth++;
        } else if (is_opener(s + k, i - k, &n) && --depth == 0) {
            *in_start = k + n;
            *in_len = close_at - *in_start;
            return true;
        }
    }
    return false; /* never opened: a malformed clause */
}

/* A section's title or body, with what both the clause and the deadline
 * readers ask of it, found once. */
typedef struct item_text {
    const char *s;
    size_t len;
    bool colon;      /* it holds ： or :, which the label patterns need */
    size_t unclosed; /* where a bracket never closed opens, or SIZE_MAX */
    bool closed;     /* it closes with a bracketed clause: inside at [cs, cs + cl) */
    size_t cs, cl;
} item_text;

static item_text item_text_of(const tctx *c, const char *s, size_t len)
{
    part_marks pm = read_marks(&c->run->places, s, len);
    item_text t = {s, len, pm.colon, pm.unclosed, false, 0, 0};
    t.closed = trailing_clause(s, len, &t.cs, &t.cl);
    return t;
}

/* Finds the responsibility clause of a section's text; true when found,
 * with *labelled set for the 牵头单位：… form.  The role words are looked
 * for in a bracket found, not in the whole text: most text has none. */
static bool find_clause(tctx *c, const item_text *t, size_t *cs, size_t *cl, bool *labelled)
{
    const char *s = t->s;
    size_t len = t->len;
    *labelled = false;
    /* at the end: （X牵头；Y配合） */
    if (t->closed && has_role_word(s + t->cs, t->cl) && t->cl <= 3 * 300) {
        *cs = t->cs;
        *cl = t->cl;
        return true;
    }
    /* labelled: 牵头单位：X；配合单位：Y / 责任单位：X */
    const size_t *ov;
    if (t->colon && pol_pattern_match(c->p, PAT_CLAUSE_LABEL, s, len, &ov)) {
        *cs = ov[0];
        *cl = ov[1] - ov[0];
        *labelled = true;
        return true;
    }
    /* at the start: （X牵头）… */
    size_t n;
    if (is_opener(s, len, &n)) {
        size_t depth = 1, i = n;
        while (i < len && depth > 0) {
            size_t m;
            if (is_closer(s + i, len - i, &m)) {
                if (--depth == 0)
                    break;
                i += m;
            } else if (is_opener(s + i, len - i, &m)) {
                depth++;
                i += m;
            } else {
                i++;
            }
        }
        if (depth == 0 && has_role_word(s + n, i - n) && i - n <= 3 * 300 &&
            (pol_find(s + n, i - n, "牵头") != SIZE_MAX || pol_find(s + n, i - n, "负责") != SIZE_MAX)) {
            *cs = n;
            *cl = i - n;
            return true;
        }
    }
    /* in running text: 由X负责 */
    /* ... when X is an organ: 由养老分管局长负责 names a person */
    if (pol_pattern_match(c->p, PAT_CLAUSE_BY, s, len, &ov)) {
        size_t xs = ov[2], xl = ov[3] - ov[2];
        *cs = xs;
        *cl = ov[1] - xs;
        return pol_pattern_match(c->p, PAT_ORGAN, s + xs, xl, NULL);
    }
    return false;
}

/* ------------------------------------------------------------ task marking */

static bool is_work_title(tctx *c, const pol_node *s)
{
    return s->title && pol_pattern_match(c->p, PAT_WORK_TITLE, s->title, strlen(s->title), NULL);
}

static bool has_child_section(const pol_node *s)
{
    for (const pol_node *k = s->first_child; k; k = k->next)
        if (k->type == POL_NODE_SECTION)
            return true;
    return false;
}

static void mark_leaves(pol_node *s)
{
    for (pol_node *k = s->first_child; k; k = k->next) {
        if (k->type != POL_NODE_SECTION)
            continue;
        if (has_child_section(k))
            mark_leaves(k);
        else
            k->is_task = true;
    }
}

static void mark_work_sections(tctx *c, pol_node *parent, bool *any)
{
    for (pol_node *s = parent->first_child; s; s = s->next) {
        if (s->type != POL_NODE_SECTION)
            continue;
        if (has_child_section(s) && is_work_title(c, s)) {
            mark_leaves(s);
            *any = true;
        } else {
            mark_work_sections(c, s, any);
        }
    }
}

static int deepest_level(const pol_node *parent)
{
    int d = 0;
    for (const pol_node *s = parent->first_child; s; s = s->next) {
        if (s->type != POL_NODE_SECTION)
            continue;
        if (s->level > d)
            d = s->level;
        int k = deepest_level(s);
        if (k > d)
            d = k;
    }
    return d;
}

static void mark_level(pol_node *parent, int level)
{
    for (pol_node *s = parent->first_child; s; s = s->next) {
        if (s->type != POL_NODE_SECTION)
            continue;
        if (s->level == level)
            s->is_task = true;
        mark_level(s, level);
    }
}


/* A task's deadline: a labelled 完成时限：…, or a time phrase alone in the
 * closing bracket of its text or title: （2021年8月）, （2023年底前完成）. */
static const char *find_deadline(tctx *c, const item_text parts[2])
{
    for (int i = 1; i >= 0; i--) { /* the text first */
        const char *t = parts[i].s;
        size_t len = parts[i].len, cs = parts[i].cs, cl = parts[i].cl;
        const size_t *ov;
        if (parts[i].colon && pol_pattern_match(c->p, PAT_DEADLINE_LABEL, t, len, &ov))
            return pol_arena_strndup(&c->r->arena, t + ov[2], ov[3] - ov[2]);
        if (parts[i].closed && cl > 0 && pol_pattern_match(c->p, PAT_DEADLINE, t + cs, cl, NULL))
            return pol_arena_strndup(&c->r->arena, t + cs, cl);
    }
    return NULL;
}

/* Where a bracket that is never closed opens, if a role word follows it;
 * else SIZE_MAX.  The walk comes first: it is one pass, the role words
 * seven searches. */
static size_t unclosed_clause(const item_text *t)
{
    size_t open_at = t->unclosed;
    if (open_at == SIZE_MAX || !has_role_word(t->s + open_at, t->len - open_at))
        return SIZE_MAX;
    return open_at;
}

/* A clause bracket never closed, in an item's title or text, is malformed.
 * It swallows nothing (each item is read on its own); say where. */
static bool warn_unclosed(tctx *c, const pol_node *k, const item_text parts[2])
{
    for (int i = 0; i < 2; i++) {
        size_t len = parts[i].len, open_at = unclosed_clause(&parts[i]);
        if (open_at == SIZE_MAX)
            continue;
        /* find the bracket again in the node's stretch of normalized text */
        size_t at = pol_find_n(c->run->norm + k->text_start, k->text_end - k->text_start,
                               parts[i].s + open_at, len - open_at);
        size_t start = at == SIZE_MAX ? k->text_start : k->text_start + at;
        return pol_warn(c->r, start, at == SIZE_MAX ? k->text_end : start + (len - open_at),
                        "responsibility clause: bracket never closed");
    }
    return true;
}

static pol_status read_agencies(tctx *c, pol_node *s, bool *any_clause)
{
    for (pol_node *k = s->first_child; k; k = k->next) {
        if (k->type != POL_NODE_SECTION)
            continue;
        pol_status st = read_agencies(c, k, any_clause);
        if (st != POL_OK)
            return st;
        /* the body where it stands in the text, or joined in c->body */
        size_t at, body_len;
        const char *body;
        if (pol_section_body_span(c->run->norm, k, &at, &body_len)) {
            body = c->run->norm + at;
        } else {
            c->body.len = 0;
            pol_section_body(c->run->norm, k, pol_section_body_to_buf, &c->body);
            if (c->body.failed)
                return nomem(c->run);
            body = c->body.len ? c->body.data : "";
            body_len = c->body.len;
        }
        /* the title where it stands in the text, as the body */
        const char *title = k->title ? pol_section_title_in(c->run->norm, k) : "";
        size_t title_len = k->title ? strlen(k->title) : 0;
        /* read once: the deadline and the clause readers ask of both parts */
        item_text parts[2] = {item_text_of(c, title, title_len), item_text_of(c, body, body_len)};
        k->deadline = find_deadline(c, parts);
        if (!warn_unclosed(c, k, parts))
            return nomem(c->run);
        /* the clause closes the item's text, or stands in its title (at
         * the start of the item, or closing a heading that stands alone) */
        const char *t = body;
        size_t cs, cl;
        bool labelled;
        if (!find_clause(c, &parts[1], &cs, &cl, &labelled)) {
            t = title;
            if (!find_clause(c, &parts[0], &cs, &cl, &labelled))
                continue;
        }
        agency_list l = {0};
        if (!keep(c, &l, labelled ? read_labelled(c, &l, t + cs, cl, cs) : read_clause(c, &l, t + cs, cl, cs)))
            return nomem(c->run);
        if (l.n == 0) {
            if (!pol_warn(c->r, k->text_start, k->text_end, "responsibility clause names nobody"))
                return nomem(c->run);
            continue;
        }
        k->agencies = l.items;
        k->n_agencies = l.n;
        k->is_task = true;
        *any_clause = true;
    }
    return POL_OK;
}

/* The document's agency index: each name once, with its counts. */
static pol_status index_agencies(tctx *c, pol_node *doc, pol_node *s, agency_list *idx,
                                 pol_strmap *seen)
{
    for (pol_node *k = s->first_child; k; k = k->next) {
        if (k->type != POL_NODE_SECTION && k->type != POL_NODE_TABLE && k->type != POL_NODE_ROW)
            continue;
        for (size_t i = 0; i < k->n_agencies; i++) {
            const pol_agency *a = &k->agencies[i];
            size_t j = pol_strmap_get(seen, a->name, strlen(a->name));
            if (j == SIZE_MAX) {
                if (!push(c, idx, a->name, strlen(a->name), "", 0, POL_AGENCY_RESPONSIBLE, 0) ||
                    !pol_strmap_add(seen, a->name, strlen(a->name), idx->n - 1))
                    return nomem(c->run);
                j = idx->n - 1;
            }
            idx->items[j].count[a->role]++;
        }
        pol_status st = index_agencies(c, doc, k, idx, seen);
        if (st != POL_OK)
            return st;
    }
    return POL_OK;
}

/* ------------------------------------------------------- responsibility tables */

typedef struct columns {
    int task, lead, support, responsible, deadline;
} columns;

static bool cell_has(const pol_node *cell, const char *const *words)
{
    for (; *words; words++)
        if (cell->text && pol_find(cell->text, strlen(cell->text), *words) != SIZE_MAX)
            return true;
    return false;
}

/* Which column holds what, from the header row; false when it is no
 * responsibility table (a task column and an agency column are needed). */
static bool read_header(const pol_node *header, columns *col)
{
    static const char *const task_w[] = {"任务", "工作", "事项", "措施", "内容", NULL};
    static const char *const lead_w[] = {"牵头", NULL};
    static const char *const support_w[] = {"配合", "协办", "参与", "协助", NULL};
    static const char *const resp_w[] = {"责任", "主责", "负责", "承办", NULL};
    static const char *const time_w[] = {"时限", "时间", "完成", "期限", NULL};
    *col = (columns){-1, -1, -1, -1, -1};
    int i = 0;
    for (const pol_node *cell = header->first_child; cell; cell = cell->next, i++) {
        if (cell_has(cell, lead_w) && col->lead < 0)
            col->lead = i;
        else if (cell_has(cell, support_w) && col->support < 0)
            col->support = i;
        else if (cell_has(cell, resp_w) && col->responsible < 0)
            col->responsible = i;
        else if (cell_has(cell, time_w) && col->deadline < 0)
            col->deadline = i;
        else if (cell_has(cell, task_w) && col->task < 0)
            col->task = i;
    }
    return col->task >= 0 && (col->lead >= 0 || col->support >= 0 || col->responsible >= 0);
}

static const pol_node *cell_at(const pol_node *row, int i)
{
    const pol_node *cell = row->first_child;
    for (; cell && i > 0; i--)
        cell = cell->next;
    return cell;
}

/* Reads the names of one agency cell; a cell that says 牵头/配合 itself is read as a clause. */
static bool read_cell(tctx *c, agency_list *l, const pol_node *cell, pol_agency_role role)
{
    if (!cell || !cell->text || !*cell->text)
        return true;
    size_t len = strlen(cell->text);
    if (has_role_word(cell->text, len))
        return read_clause(c, l, cell->text, len, 0);
    return add_names(c, l, cell->text, len, role, 0);
}

static pol_status table_tasks(tctx *c, pol_node *table)
{
    columns col;
    if (!table->first_child || !read_header(table->first_child, &col))
        return POL_OK;
    for (pol_node *row = table->first_child->next; row; row = row->next) {
        const pol_node *task = cell_at(row, col.task);
        if (!task || !task->text || !*task->text)
            continue;
        agency_list l = {0};
        if (!keep(c, &l,
                  read_cell(c, &l, cell_at(row, col.lead), POL_AGENCY_LEAD) &&
                      read_cell(c, &l, cell_at(row, col.support), POL_AGENCY_SUPPORT) &&
                      read_cell(c, &l, cell_at(row, col.responsible), POL_AGENCY_RESPONSIBLE)))
            return nomem(c->run);
        row->is_task = true;
        row->title = task->text;
        row->agencies = l.items;
        row->n_agencies = l.n;
        const pol_node *when = col.deadline >= 0 ? cell_at(row, col.deadline) : NULL;
        if (when && when->text && *when->text)
            row->deadline = when->text;
    }
    return POL_OK;
}

static pol_status tables_in(tctx *c, pol_node *parent)
{
    pol_status st = POL_OK;
    for (pol_node *k = parent->first_child; k && st == POL_OK; k = k->next) {
        if (k->type == POL_NODE_TABLE)
            st = table_tasks(c, k);
        else if (k->type == POL_NODE_SECTION)
            st = tables_in(c, k);
    }
    return st;
}

static pol_status document_tasks(tctx *c, pol_node *doc)
{
    bool any_clause = false, any_work = false;
    pol_status st = read_agencies(c, doc, &any_clause);
    if (st != POL_OK)
        return st;
    st = tables_in(c, doc);
    if (st != POL_OK)
        return st;
    mark_work_sections(c, doc, &any_work);
    if (!any_work && !any_clause) {
        int deepest = deepest_level(doc);
        if (deepest > 1)
            mark_level(doc, deepest);
    }
    agency_list idx = {0};
    pol_strmap seen = {0};
    st = index_agencies(c, doc, doc, &idx, &seen);
    pol_strmap_free(&seen);
    if (!keep(c, &idx, st == POL_OK) && st == POL_OK)
        st = nomem(c->run);
    doc->doc->agencies = idx.items;
    doc->doc->n_agencies = idx.n;
    return st;
}

static pol_status each(void *c, pol_node *doc) { return document_tasks(c, doc); }

pol_status pol_tasks_extract(struct pol_run *run)
{
    tctx c = {.run = run, .r = run->result, .p = &run->parser->patterns};
    pol_buf_init(&c.body);
    pol_buf_init(&c.key);
    pol_status st = pol_each_document(run->result, each, &c);
    pol_buf_free(&c.body);
    pol_buf_free(&c.key);
    pol_strmap_free(&c.known);
    pol_strmap_free(&c.prefixes);
    free(c.facts);
    return st;
}
