/*
 * internal.h - what the stages of libpolicy share and nothing else sees.
 *
 * One parse is a `struct pol_run`: each stage (lib/policy.c lists them in
 * order) reads the fields the stages before it filled and fills its own.
 */
#ifndef POL_INTERNAL_H
#define POL_INTERNAL_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#elif defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "policy.h"

#define POL_UNUSED(x) ((void)(x))

/* x86-64 CPUs with AVX2 read the text 32 bytes a step in the loops that
 * read all of it (decode, normalize), chosen at run time, as the library
 * is built for every x86-64; tests turn it off to read the SSE2 paths
 * where the CPU has AVX2. */
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define POL_AVX2 1
#define POL_AVX2_FN __attribute__((target("avx2")))
extern bool pol_avx2_off;
static inline bool pol_avx2(void) { return !pol_avx2_off && __builtin_cpu_supports("avx2"); }
#endif
/* For tests: how much of s the AVX2 blocks pass as plain valid UTF-8 (a
 * multiple of 32; 0 where the CPU has no AVX2), its line starts noted in
 * *lines. */
size_t pol_plain_prefix(const char *s, size_t len, size_t *lines);

/* ------------------------------------------------------------- arena.c */

/* A bump allocator: owns every byte of one result; freed in one call. */
typedef struct pol_arena {
    struct arena_block *head;
    size_t total;
} pol_arena;

void pol_arena_init(pol_arena *a);
void pol_mem_advise(void *p, size_t size); /* huge pages for a large buffer; a hint */
void pol_arena_free(pol_arena *a);
void *pol_arena_alloc(pol_arena *a, size_t size); /* zeroed; NULL on OOM */
char *pol_arena_strndup(pol_arena *a, const char *s, size_t len);
/* s then t (either may be NULL when its length is 0), as one string. */
char *pol_arena_concat(pol_arena *a, const char *s, size_t n, const char *t, size_t m);
/* Arrays that grow (a node's targets, a clause's agencies) are built on the
 * heap and moved into the arena at their final size, so that the arena holds
 * no outgrown copies (a quarter of a large result when it did).
 * pol_list_push appends a zeroed element of `size` bytes, NULL on OOM (the
 * array stays as it was).  pol_list_keep moves the *n elements into the arena
 * (NULL when there are none) and frees the heap array; when `built` is false
 * (building failed) it only frees and empties the list.  It returns false
 * when !built or on OOM, with the list empty. */
void *pol_list_push(void **items, size_t *n, size_t *cap, size_t size);
bool pol_list_keep(pol_arena *a, void **items, size_t *n, size_t size, bool built);

/* --------------------------------------------------------------- buf.c */

/* A growable byte buffer on malloc, for scratch text. */
typedef struct pol_buf {
    char *data;
    size_t len, cap;
    bool failed; /* an allocation failed; later appends are dropped */
} pol_buf;

void pol_buf_init(pol_buf *b);
void pol_buf_free(pol_buf *b);
bool pol_buf_reserve(pol_buf *b, size_t extra);
bool pol_buf_append(pol_buf *b, const void *data, size_t len);
bool pol_buf_putc(pol_buf *b, char c);
char *pol_buf_steal(pol_buf *b); /* NUL-terminated; caller frees */

/* Output batched on the stack and handed to the caller's pol_write_fn: the
 * emitters' one way out.  A failed write sets `failed`; later puts are dropped. */
typedef struct pol_out {
    pol_write_fn write;
    void *user;
    bool failed;
    size_t len;
    char buf[8192];
} pol_out;

void pol_out_put_slow(pol_out *o, const char *s, size_t n);
/* Appends n bytes; inline for the common case that they fit the buffer. */
static inline void pol_out_put(pol_out *o, const char *s, size_t n)
{
    if (n <= sizeof o->buf - o->len) {
        memcpy(o->buf + o->len, s, n);
        o->len += n;
    } else {
        pol_out_put_slow(o, s, n);
    }
}
/* Inline, so that the length of a literal is counted by the compiler. */
static inline void pol_out_puts(pol_out *o, const char *s) { pol_out_put(o, s, strlen(s)); }
void pol_out_flush(pol_out *o);

/* A set of byte strings, each with a value; open addressing on FNV-1a, so
 * that look-ups stay constant time however many names a text holds. */
typedef struct pol_strmap {
    struct strmap_slot *slots;
    size_t n, cap;
    bool failed;
} pol_strmap;

void pol_strmap_free(pol_strmap *m);
/* Adds s unless present; false only when memory runs out.  The bytes are
 * not copied: they must outlive the map. */
bool pol_strmap_add(pol_strmap *m, const char *s, size_t len, size_t value);
size_t pol_strmap_get(const pol_strmap *m, const char *s, size_t len); /* SIZE_MAX if absent */

/* ------------------------------------------------------------ offmap.c */

/*
 * Maps byte offsets of a rewritten text (dst) back to the text it was made
 * from (src).  Breakpoints are placed only where an edit happens, so the
 * unchanged stretches that make up most of a text cost nothing.  Segment i
 * covers dst [d_i, d_i+1) and src [s_i, s_i+1): equal lengths map linearly,
 * unequal ones (a replacement, or a deletion when dst is empty) map as a
 * whole.
 */
typedef struct pol_offmap {
    size_t *dst, *src;
    size_t n, cap;
    bool failed;
} pol_offmap;

void pol_offmap_init(pol_offmap *m);
void pol_offmap_free(pol_offmap *m);
/* Marks that dst offset `d` corresponds to src offset `s`. */
void pol_offmap_mark(pol_offmap *m, size_t d, size_t s);
/* Closes the map: dst_len corresponds to src_len. */
void pol_offmap_finish(pol_offmap *m, size_t dst_len, size_t src_len);
size_t pol_offmap_start(const pol_offmap *m, size_t d); /* where a byte starts */
size_t pol_offmap_end(const pol_offmap *m, size_t d);   /* an exclusive end */
/* The same, from a hint kept between lookups (pol_last_at_most_near). */
size_t pol_offmap_start_near(const pol_offmap *m, size_t d, size_t *hint);
size_t pol_offmap_end_near(const pol_offmap *m, size_t d, size_t *hint);

/* Hints for the lookups of a node's span (the norm, fold and decode maps and
 * the line index, for its start and its end), kept by a writer that asks for
 * spans in reading order. */
typedef struct pol_span_cursor {
    size_t start[4], end[4];
} pol_span_cursor;
void pol_span_cursor_init(pol_span_cursor *c);
pol_span pol_node_span_near(const pol_node *node, pol_span_cursor *c);

/* ---------------------------------------------------------- patterns.c */

/* Every pcre2 pattern, compiled once per parser (see patterns.c). */
typedef enum pol_pattern_id {
    PAT_HEAD_PART,      /* 第一部分 第一篇 */
    PAT_HEAD_CHAPTER,   /* 第一章 */
    PAT_HEAD_SECTION,   /* 第一节 */
    PAT_HEAD_ARTICLE,   /* 第一条 */
    PAT_HEAD_CN,        /* 一、 */
    PAT_HEAD_CN_PAREN,  /* （一） (一) */
    PAT_HEAD_NUM,       /* 1. 1、 1． */
    PAT_HEAD_NUM_SPACE, /* "1 标题" as news layouts print it */
    PAT_HEAD_NUM_PAREN, /* （1） (1) */
    PAT_HEAD_CIRCLED,   /* ① */
    PAT_DOC_NUMBER,     /* 佛府〔2022〕1号 alone on a line, maybe bracketed */
    PAT_DATE_LINE,      /* 2022年3月30日 alone on a line */
    PAT_PRINTED,        /* …2022年4月2日印发 */
    PAT_TITLE_KIND,     /* a title's closing kind word, maybe with a parenthetical */
    PAT_DRAFT,          /* 征求意见稿 送审稿 草案 讨论稿 */
    PAT_PUBLICITY,      /* 主动公开 依申请公开 此件公开发布 */
    PAT_ATTACH_NOTE,    /* 附件：… */
    PAT_ATTACH_MARK,    /* 附件 / 附件1 alone on a line */
    PAT_CC,             /* 抄送：… */
    PAT_ORGAN,          /* a name that ends as an organ does: …人民政府, …局 */
    PAT_BULLET,         /* —— - • · */
    PAT_LABEL_LINE,     /* 来源： 时间： 发布时间： (a short label and a colon) */
    PAT_FURNITURE,      /* 首页 打印 下载 字号 > … */
    PAT_SITE_NOTICE,    /* 粤ICP备…号: a web page's registration line, furniture too */
    PAT_ISSUER_MARK,    /* 佛山市人民政府文件 */
    PAT_TOC_LEADER,     /* 一、实施背景........3: a table-of-contents entry */
    PAT_LEADER_LINE,    /* ........ alone: the rest of a contents entry */
    PAT_TABLE_HEADER,   /* 序号 工作任务 牵头单位 …: a header cell alone on its line */
    PAT_QUANTITY,       /* 4000亿元, 32,000台, 1—2家, 超千台, 10余个: a number and its unit */
    PAT_YEAR_BY,        /* 到2025年, 2023年底前, 2026年前: the year a goal holds by */
    PAT_YEAR,           /* 2023年: a year named */
    PAT_REFERENCE,      /* 《title》（number）, or a document number alone */
    PAT_CITATION,       /* 《title》 alone: what a title line may be cited as */
    PAT_AGENCY_PREFIX,  /* 市, 佛山市, 南海区: the place and level an agency name opens with */
    PAT_AGENCY_PARTY,   /* 市委组织部, 市委网信办 */
    PAT_AGENCY_ENTERPRISE, /* …公司, …集团 */
    PAT_AGENCY_GOVERNMENT, /* …人民政府, …局, …委员会 */
    PAT_CLAUSE_LABEL,   /* 牵头单位：X；配合单位：Y / 责任单位：X */
    PAT_CLAUSE_BY,      /* 由X负责 */
    PAT_WORK_TITLE,     /* 主要任务, 重点任务, 保障措施 …: a section of work to be done */
    PAT_DEADLINE_LABEL, /* 完成时限：2023年底前 */
    PAT_DEADLINE,       /* 2023年底前, 长期坚持, 持续推进: a time phrase alone */
    PAT_COUNT
} pol_pattern_id;

/* What pattern matching cost in one parse: tests assert that it grows
 * linearly with the input.  scan_bytes is the least an engine must look at:
 * from the start offset to the match's end, or to the subject's end when an
 * unanchored search fails. */
typedef struct pol_match_counts {
    size_t calls;
    size_t scan_bytes;
    size_t limit_hits; /* matches abandoned at pcre2's match or depth limit */
} pol_match_counts;

typedef struct pol_patterns {
    pcre2_code *code[PAT_COUNT];
    pcre2_match_data *md;      /* one per parser: a parser serves one thread */
    pcre2_match_context *mctx; /* match and depth limits */
    bool use_jit;              /* false with POL_OPT_NO_JIT */
    bool anchored[PAT_COUNT];  /* the pattern can match only at its start offset */
    bool jitted[PAT_COUNT];    /* JIT-compiled: matched with pcre2_jit_match */
    /* guards, see patterns.c: first or last character; needed literals, and
     * how far before the first of them a match may start */
    const char *first[PAT_COUNT], *last[PAT_COUNT];
    size_t first_len[PAT_COUNT], last_len[PAT_COUNT]; /* their lengths in bytes */
    /* the same sets hashed, 256 bits each: most characters are refused by
     * one bit test, before the set's string is searched */
    uint64_t first_bits[PAT_COUNT][4], last_bits[PAT_COUNT][4];
    const struct pol_word *need[PAT_COUNT];
    size_t need_lead[PAT_COUNT];
    /* when all the needed literals end with one character: its length */
    unsigned char need_tail[PAT_COUNT];
    /* labels: where, past a needed literal's end, white space and a colon
     * may follow (two places; -1 for none) */
    signed char colon_at[PAT_COUNT][2];
    bool guards_off;           /* tests: PCRE2 alone, without the guards and the
                                * hand readers, to compare */
    size_t hand_ov[4];         /* a hand reader's match (see patterns.c) */
    size_t offset_limit;       /* a match starts here at the latest (SIZE_MAX:
                                * anywhere); for PAT_REFERENCE only */
    /* the text pol_patterns_note_text noted, and the patterns of rare
     * literals that it holds none of (bit id) */
    const char *noted;
    size_t noted_len;
    uint64_t absent;
    /* the unit catalogue as pol_quantity_match reads it (patterns.c) */
    struct quantity_unit *units;
    size_t n_units;
    size_t unit_bucket[256]; /* by the hash of a unit's first character: its first, or SIZE_MAX */
    uint64_t opens_group[4]; /* the hashes of the first characters of units and group words */
    pol_match_counts counts;   /* of the parse under way */
} pol_patterns;

typedef struct pol_unit {
    char *unit, *dimension, *not_before; /* not_before: characters that may not follow */
} pol_unit;

pol_status pol_patterns_compile(pol_patterns *p, pol_error *err);
/* (Re)builds PAT_QUANTITY from a unit catalogue; sorts `units` longest first. */
pol_status pol_patterns_set_units(pol_patterns *p, pol_unit *units, size_t n, pol_error *err);
void pol_patterns_free(pol_patterns *p);
void pol_patterns_reset_counts(pol_patterns *p);
/* Notes the text whose lines the next calls ask about (NULL: none).  A
 * pattern whose needed literals are rare (a web page's registration line)
 * has them looked for once in it, and is refused at once on any subject
 * inside it when it holds none: also after its lines are joined in place,
 * as a literal broken over a line end is looked for too. */
void pol_patterns_note_text(pol_patterns *p, const char *s, size_t len);
/* Matches pattern `id` against s[0..len), the search starting at byte
 * `start` (lookbehinds see before it); on a match returns true and, if `ov`
 * is not NULL, the ovector (pairs of offsets into s). */
bool pol_pattern_match_at(pol_patterns *p, pol_pattern_id id, const char *s, size_t len,
                          size_t start, const size_t **ov);
/* The same from the start.  Inline: most calls end at a guard, and a call
 * more was a good part of their cost. */
static inline bool pol_pattern_match(pol_patterns *p, pol_pattern_id id, const char *s, size_t len,
                                     const size_t **ov)
{
    return pol_pattern_match_at(p, id, s, len, 0, ov);
}
/* False when the pattern's first- or last-character guard refuses s, which
 * it then cannot match: for a caller that would try the pattern only after
 * dearer tests. */
bool pol_pattern_may_match(const pol_patterns *p, pol_pattern_id id, const char *s, size_t len);
/* The documented example that should (or should not) match; for tests. */
const char *pol_pattern_example(pol_pattern_id id, bool should_match);
/* For tests: a pattern's source, and the words of its first group where
 * its hand reader reads them from a list ((w1|w2|…)$ and PAT_TITLE_KIND;
 * NULL for the others). */
const char *pol_pattern_source(pol_pattern_id id);
const struct pol_word *pol_pattern_suffix_words(pol_pattern_id id);
/* PAT_YEAR and PAT_YEAR_BY read by hand, for the loops of the quantity
 * reader that run them over every sentence and document: the match that
 * pol_pattern_match_at would give from `start`, as offsets of the match
 * (m[0], m[1]) and of its four digits (m[2], m[3]). */
bool pol_year_match(const char *s, size_t len, size_t start, size_t m[4]);
bool pol_year_by_match(const char *s, size_t len, size_t start, size_t m[4]);
/* A PAT_YEAR_BY match that opens s (到2025年, 2026年3月底前…), if the first
 * pol_year_by_match gives is one: read at the start, not searched for. */
bool pol_year_by_opens(const char *s, size_t len, size_t m[4]);
/* PAT_CITATION read by hand (its pattern's first byte, E3, opens most
 * Chinese punctuation): its match from `start`, as offsets of the match
 * (m[0], m[1]) and of the title inside 《》 (m[2], m[3]).  The 《 are
 * looked for at the citation places (pol_place_next: s may lie in the
 * text pl marked, or anywhere). */
struct pol_places;
bool pol_citation_match(const struct pol_places *pl, const char *s, size_t len, size_t start,
                        size_t m[4]);
/* PAT_REFERENCE's match from `from` that starts at `limit` at the latest
 * (SIZE_MAX: anywhere): at a 《 that holds a title with no bracket after
 * it, read by hand; else by PCRE2.  m as its ovector: the match, the
 * title, the number after it, a number alone. */
bool pol_reference_match(pol_patterns *p, const char *s, size_t len, size_t from, size_t limit,
                         size_t m[8]);
/* PAT_QUANTITY, anchored at `at`, read by hand: true with the match's
 * offsets in m[14] (PCRE2's ovector: the match, then the number, range end,
 * 余/多, multiplier, unit and closing word, PCRE2_UNSET where a group took
 * no part). */
bool pol_quantity_match(const pol_patterns *p, const char *s, size_t len, size_t at, size_t m[14]);

/* -------------------------------------------------------------- lines */

/* What a logical line is, decided by lines.c, headings.c and documents.c. */
typedef enum line_kind {
    LINE_BLANK = 0,
    LINE_TEXT,
    LINE_HEADING,
    LINE_TABLE_ROW,  /* cells split by tabs */
    LINE_TABLE_CELL, /* one cell of a table extracted a cell per line (docx) */
    LINE_BULLET
} line_kind;

/* Numbering styles in GB/T 9704 rank order: a lower value is an outer level. */
typedef enum pol_style {
    STYLE_NONE = 0,
    STYLE_PART,      /* 第一部分 第一篇 */
    STYLE_CHAPTER,   /* 第一章 */
    STYLE_SECTION,   /* 第一节 */
    STYLE_ARTICLE,   /* 第一条 */
    STYLE_CN,        /* 一、 */
    STYLE_CN_PAREN,  /* （一） */
    STYLE_NUM,       /* 1. 1、 and "1 标题" */
    STYLE_NUM_PAREN, /* （1） */
    STYLE_CIRCLED,   /* ① */
    STYLE_COUNT
} pol_style;

/* One per line of the text, so kept small: offsets within a line fit 32
 * bits (POL_LIMIT_LINE_BYTES is capped below 4 GiB), the kinds a byte. */
typedef struct pol_line {
    size_t start;                    /* bytes of the normalized text (run->norm) */
    uint32_t len;
    uint32_t label_len;              /* the label is text[0..label_len) */
    uint32_t title_start, title_len; /* offsets within the line */
    uint32_t rest_start;             /* body text after the title */
    int ordinal;
    int doc;                         /* index into run->docs, -1 before any */
    uint8_t kind;                    /* line_kind */
    uint8_t role;                    /* pol_role */
    /* headings: set by headings.c, mended by sections.c (pol_style) */
    uint8_t printed_style, style;
    bool row_start;                  /* LINE_TABLE_CELL: the first cell of a row */
    uint8_t furniture;               /* documents.c's memo: 0 not yet asked, 1 no, 2 yes */
} pol_line;

/* ---------------------------------------------------------------- nodes */

struct pol_reference {
    const char *title, *number; /* either may be NULL, not both */
    size_t text_start, text_end;
};

struct pol_target {
    pol_target_kind kind;
    pol_comparator comparator;
    const char *indicator, *unit, *base_unit, *text;
    double value, value_max, base_value; /* value_max NAN unless a range */
    int year;                            /* 0 when nothing sets one */
    int binding;                         /* 约束性 1, 预期性 0, -1 where no table says */
    bool cumulative, annual;
    size_t text_start, text_end;         /* normalized text */
};

struct pol_agency {
    const char *name;       /* in full: 市教育局 */
    const char *as_written; /* as the clause prints it: 教育局 */
    pol_agency_role role;
    pol_agency_kind kind;
    const char *level;      /* 国家 省 市 区 县 镇 街道, or NULL */
    bool collective;
    size_t text_start, text_end; /* within the section's text */
    size_t count[3];        /* index entries: tasks led, supported, responsible */
};

struct pol_node {
    pol_node_type type;
    struct pol_node *parent, *first_child, *last_child, *next, *prev;
    size_t text_start, text_end; /* bytes of the normalized text */
    union {
        const char *text;            /* cell text */
        _Atomic(const char *) body;  /* section body or paragraph text, made when first asked (tree.c) */
    };
    /* sections */
    int level, ordinal;
    pol_style style;
    size_t body_start; /* where the heading line's text after the title starts */
    size_t body_end;   /* where the heading line ends (its \n, or the text's end) */
    const char *label, *title;
    size_t title_start; /* where the title (a copy) stands in the heading line */
    /* targets (targets.c) */
    struct pol_target *targets;
    size_t n_targets;
    /* tasks (tasks.c) */
    bool is_task;
    const char *deadline; /* 2023年底前, 长期坚持 … */
    struct pol_agency *agencies;
    size_t n_agencies;
    /* paragraphs */
    pol_role role;
    /* documents */
    struct pol_docinfo *doc;
};

/* A paragraph's text is its span of the normalized text `text` (one line; a
 * paragraph has no children to widen it), not NUL-terminated: stages and
 * writers read it there, and only pol_node_text() makes a copy. */
static inline const char *pol_paragraph(const char *text, const pol_node *p) { return text + p->text_start; }
static inline size_t pol_paragraph_len(const pol_node *p) { return p->text_end - p->text_start; }

typedef struct pol_docinfo {
    const char *title, *kind, *number, *issuer, *date;
    const char *publicity, *recipients, *cc, *printed;
    const char **attachments;
    size_t n_attachments;
    struct pol_agency *agencies; /* the index: each agency once */
    size_t n_agencies;
    struct pol_reference *references;
    size_t n_references;
    bool draft;
} pol_docinfo;

/* A problem the parser worked around, with where it is (normalized text). */
typedef struct pol_warning {
    const char *message;
    size_t text_start, text_end;
    struct pol_warning *next;
} pol_warning;

struct pol_result {
    pol_arena arena;
    pol_warning *warnings, *last_warning;
    size_t n_warnings;
    pol_match_counts match_counts; /* what pattern matching cost; for tests */
    pol_node root;
    const char *encoding;
    char *text; /* normalized text, owned (malloc'd by normalize.c) */
    size_t text_len;
    /* offsets: text -(norm_map)-> folded -(fold_map)-> decoded UTF-8
     * -(decode_map)-> original input */
    pol_offmap norm_map, fold_map, decode_map;
    bool decode_identity;  /* input was UTF-8 as given: no decode map */
    size_t *line_starts;   /* of the decoded text, for line numbers */
    size_t n_line_starts;
    size_t nodes;
    _Atomic(struct pol_made *) made; /* section bodies pol_node_text made */
};

/* ----------------------------------------------------------------- run */

/* A document found by documents.c: a range of lines and its metadata. */
typedef struct pol_docspan {
    size_t first_line, end_line; /* lines [first, end) */
    int parent;                  /* index of the carrying document, -1 for none */
    size_t title_line;           /* SIZE_MAX when untitled */
    pol_docinfo info;
} pol_docspan;

/* ------------------------------------------------------------- places.c */

/* Kinds of place the stages look closer at (pol_place_at defines them). */
typedef enum pol_place_kind {
    POL_PLACE_NUMBER,   /* where a quantity may start: targets.c */
    POL_PLACE_MARK,     /* a bracket or a colon: tasks.c */
    POL_PLACE_CITATION, /* 《 〔 【: references.c */
    POL_PLACE_KINDS
} pol_place_kind;

/* The places of the normalized text: bit i % 64 of word i / 64 of kind
 * k's words (bits + k * words) for byte i. */
typedef struct pol_places {
    const char *text;
    size_t len, words;
    uint64_t *bits;
} pol_places;

bool pol_place_at(pol_place_kind k, const unsigned char *u, size_t len, size_t i);
/* The first place of kind k in s[from, len), or len, read from s itself. */
size_t pol_place_next_read(pol_place_kind k, const char *s, size_t len, size_t from);
struct pol_run;
pol_status pol_places_mark(struct pol_run *run);
void pol_places_free(pol_places *pl);

/* The same, for any s: from the bitmap where s lies in the marked text,
 * else read.  Inline: a stage asks for each place in turn. */
static inline size_t pol_place_next(const pol_places *pl, pol_place_kind k, const char *s, size_t len,
                                    size_t from)
{
    uintptr_t at = (uintptr_t)s, t = (uintptr_t)pl->text;
    if (!pl->bits || at < t || at - t > pl->len || len > pl->len - (at - t))
        return pol_place_next_read(k, s, len, from);
    size_t base = at - t, i = base + from, end = base + len;
    const uint64_t *w = pl->bits + (size_t)k * pl->words;
    while (i < end) {
        uint64_t m = w[i >> 6] >> (i & 63);
        if (m) {
            i += (size_t)__builtin_ctzll(m);
            break;
        }
        i = (i | 63) + 1;
    }
    return i < end ? i - base : len;
}

struct pol_run {
    pol_parser *parser;
    pol_result *result;
    pol_error *err;
    const char *input; /* the caller's bytes */
    size_t input_len;
    char *input_owned; /* pol_parse_file's buffer: freed once normalized */
    /* decode.c */
    const char *utf8; /* == input when the input was UTF-8 as given */
    size_t utf8_len;
    char *utf8_owned;
    /* normalize.c */
    char *norm;
    size_t norm_len;
    size_t norm_newlines; /* the \n it holds, counted as they were written */
    bool norm_tabs;       /* it holds a \t (table rows): most texts hold none */
    /* lines.c, headings.c */
    pol_line *lines;
    size_t n_lines;
    /* documents.c */
    pol_docspan *docs;
    size_t n_docs;
    /* places.c */
    pol_places places;
};

typedef struct pol_alias {
    char *alias, *full;
} pol_alias;

struct pol_parser {
    unsigned options;
    pol_unit *units;
    size_t n_units, cap_units;
    pol_alias *aliases;
    size_t n_aliases, cap_aliases;
    size_t limit_input, limit_depth, limit_nodes, limit_line;
    pol_patterns patterns;
};

/* The stages, in pipeline order (lib/policy.c). */
pol_status pol_decode(struct pol_run *run);
pol_status pol_normalize(struct pol_run *run);
#ifdef __SSE2__
/* normalize.c's block test: how many bytes from u + i are whole
 * characters it copies as they are (tests/stage_normalize.c holds it to
 * its definition); *nl: where the last \n among them is, or SIZE_MAX. */
size_t pol_stable_prefix(const unsigned char *u, size_t i, size_t *nl);
/* The same over 32 bytes, where the CPU has AVX2 (SIZE_MAX where it has
 * not): the bytes before the first that ends the run (32 when none does;
 * needs 34 bytes). */
size_t pol_stable_prefix32(const unsigned char *u, size_t i, size_t *nl);
#endif
pol_status pol_lines_split(struct pol_run *run);
pol_status pol_headings_classify(struct pol_run *run);
/* Can a line opening with t be a numbered heading (第, a numeral, a bracket,
 * one to three digits, ①)?  A test of its first characters that spares the
 * heading patterns. */
bool pol_heading_candidate(const char *t, size_t len);
pol_status pol_documents_split(struct pol_run *run);
pol_status pol_sections_build(struct pol_run *run);
pol_status pol_tasks_extract(struct pol_run *run);
pol_status pol_targets_extract(struct pol_run *run);
pol_status pol_references_extract(struct pol_run *run);

/* error.c */
pol_status pol_error_set(pol_error *err, pol_status status, size_t byte_offset, unsigned line,
                         unsigned column, const char *fmt, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 6, 7)))
#endif
    ;
/* Sets `err` for a problem at offset `off` of the original input, with its
 * line and column worked out from the input. */
pol_status pol_error_at(struct pol_run *run, pol_status status, size_t off, const char *fmt, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* sections.c */
const char *pol_style_name(pol_style s);

/* tree.c */
/* Calls fn on every document of a result, embedded ones after their parent. */
pol_status pol_each_document(pol_result *r, pol_status (*fn)(void *ctx, pol_node *doc), void *ctx);
bool pol_warn(pol_result *r, size_t text_start, size_t text_end, const char *message);
pol_node *pol_node_add(pol_result *r, pol_node *parent, pol_node_type type, size_t start,
                       size_t end);
/* A section's body (its heading line after the title, then its own
 * paragraphs, "\n" between), handed to put piece by piece; `text` is the
 * normalized text.  Stages and writers read it this way; it is stored only
 * where pol_node_text is asked for it, as it would otherwise double the text
 * a result holds. */
void pol_section_body(const char *text, const pol_node *sec,
                      void (*put)(void *ctx, const char *s, size_t len), void *ctx);
/* Where that body stands whole in `text`, as it does when its pieces follow
 * one another a "\n" apart (most bodies): true with text[*start, +*len),
 * false when it is to be joined. */
bool pol_section_body_span(const char *text, const pol_node *sec, size_t *start, size_t *len);
/* Where a section's title stands in `text`, its heading line: the stages
 * read it there, where the text's places are marked (places.c). */
static inline const char *pol_section_title_in(const char *text, const pol_node *sec)
{
    return text + sec->title_start;
}
/* put for pol_section_body that appends to a pol_buf. */
void pol_section_body_to_buf(void *buf, const char *s, size_t len);
void pol_made_free(pol_result *r);

/* text.c: small UTF-8 and Chinese-numeral helpers shared by the stages */
/* Tests on the 8 bytes of a word at once, for loops that skip plain text a
 * word at a time: nonzero when a byte of w equals b, or is below n (n at
 * most 0x80).  Exact as to whether, not as to where. */
static inline uint64_t pol_word_has(uint64_t w, unsigned char b)
{
    const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    uint64_t x = w ^ (ones * b);
    return (x - ones) & ~x & highs;
}

static inline uint64_t pol_word_has_below(uint64_t w, unsigned char n)
{
    const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    return (w - ones * n) & ~w & highs;
}

#ifdef __SSE2__
/* Sixteen bytes at a time, for the stages' block loops: a load, and masks
 * (0xFF in a lane) where a byte equals b or lies in [lo, hi]. */
static inline __m128i pol_bytes_at(const void *p) { return _mm_loadu_si128((const __m128i *)p); }
static inline __m128i pol_bytes_eq(__m128i v, unsigned char b)
{
    return _mm_cmpeq_epi8(v, _mm_set1_epi8((char)b));
}
/* ... equals b but for the bits in `any`: (v | any) == b, a few values
 * with one test (88 89, or 59 5B 5D 5F), where the set allows */
static inline __m128i pol_bytes_like(__m128i v, unsigned char b, unsigned char any)
{
    return _mm_cmpeq_epi8(_mm_or_si128(v, _mm_set1_epi8((char)any)), _mm_set1_epi8((char)b));
}
static inline __m128i pol_bytes_in(__m128i v, unsigned char lo, unsigned char hi)
{
    __m128i d = _mm_sub_epi8(v, _mm_set1_epi8((char)lo));
    return _mm_cmpeq_epi8(_mm_min_epu8(d, _mm_set1_epi8((char)(hi - lo))), d);
}
#endif

#ifdef POL_AVX2
/* The same, 32 bytes at a time, for the AVX2 paths (POL_AVX2_FN functions). */
POL_AVX2_FN static inline __m256i pol_bytes32_at(const void *p)
{
    return _mm256_loadu_si256((const __m256i *)p);
}
POL_AVX2_FN static inline __m256i pol_bytes32_eq(__m256i v, unsigned char b)
{
    return _mm256_cmpeq_epi8(v, _mm256_set1_epi8((char)b));
}
POL_AVX2_FN static inline __m256i pol_bytes32_like(__m256i v, unsigned char b, unsigned char any)
{
    return _mm256_cmpeq_epi8(_mm256_or_si256(v, _mm256_set1_epi8((char)any)), _mm256_set1_epi8((char)b));
}
POL_AVX2_FN static inline __m256i pol_bytes32_in(__m256i v, unsigned char lo, unsigned char hi)
{
    __m256i d = _mm256_sub_epi8(v, _mm256_set1_epi8((char)lo));
    return _mm256_cmpeq_epi8(_mm256_min_epu8(d, _mm256_set1_epi8((char)(hi - lo))), d);
}
POL_AVX2_FN static inline unsigned pol_bits32(__m256i v) { return (unsigned)_mm256_movemask_epi8(v); }
/* A table of 16 bytes in both lanes, for _mm256_shuffle_epi8 lookups by a
 * half byte. */
POL_AVX2_FN static inline __m256i pol_table32(const unsigned char t[16])
{
    return _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)t));
}
#endif

#ifdef __SSE2__
/* pol_skip_plain's test of sixteen bytes: a bit for each that stops it. */
static inline unsigned pol_plain_hits(const unsigned char *p, unsigned char below, unsigned char a,
                                      unsigned char b)
{
    __m128i v = pol_bytes_at(p);
    __m128i hit = _mm_or_si128(pol_bytes_eq(v, a), pol_bytes_eq(v, b));
    if (below)
        hit = _mm_or_si128(hit, pol_bytes_in(v, 0, (unsigned char)(below - 1)));
    return (unsigned)_mm_movemask_epi8(hit);
}
#endif

/* Where plain text ends: the first byte at or after `i` that is below
 * `below` (at most 0x80; 0 for none) or equals `a` or `b`, or len.  For
 * loops that look at a few kinds of byte only (control bytes, quotes, the
 * first bytes of marks): sixteen bytes at a time with SSE2, eight without. */
static inline size_t pol_skip_plain(const char *s, size_t len, size_t i, unsigned char below,
                                    unsigned char a, unsigned char b)
{
    const unsigned char *u = (const unsigned char *)s;
#ifdef __SSE2__
    for (; i + 16 <= len; i += 16) {
        unsigned m = pol_plain_hits(u + i, below, a, b);
        if (m)
            return i + (size_t)__builtin_ctz(m);
    }
    if (i < len && len >= 16) {
        /* the last bytes: the block that ends with the text, without the
         * bytes before i (read already, or not asked about) */
        unsigned m = pol_plain_hits(u + len - 16, below, a, b) >> (i - (len - 16));
        return m ? i + (size_t)__builtin_ctz(m) : len;
    }
#else
    for (; i + 8 <= len; i += 8) {
        uint64_t w;
        memcpy(&w, u + i, 8);
        if (pol_word_has_below(w, below) | pol_word_has(w, a) | pol_word_has(w, b))
            break;
    }
#endif
    for (; i < len; i++)
        if (u[i] < below || u[i] == a || u[i] == b)
            return i;
    return len;
}

/* The index of the last of the n (at least 1) sorted values v[] that is at
 * most x, or 0.  Halving without a branch on the values: lookups in an order
 * a branch predictor cannot learn (the spans of a result's nodes) do not
 * mispredict. */
static inline size_t pol_last_at_most(const size_t *v, size_t n, size_t x)
{
    size_t base = 0;
    while (n > 1) {
        size_t half = n / 2;
        base = v[base + half] <= x ? base + half : base;
        n -= half;
    }
    return base;
}

/* The same, starting from *hint (an earlier answer, or SIZE_MAX for none):
 * lookups near the last, as a writer's spans are (forward through the
 * text, and back from a section's end to its first child's), gallop from
 * the last answer instead of halving the whole array, whose far ends a
 * large input holds out of cache.  *hint becomes the answer. */
static inline size_t pol_last_at_most_near(const size_t *v, size_t n, size_t x, size_t *hint)
{
    size_t lo = *hint, r;
    if (lo >= n) {
        r = pol_last_at_most(v, n, x);
    } else if (v[lo] <= x) {
        size_t step = 1;
        while (step < n - lo && v[lo + step] <= x) {
            lo += step;
            step *= 2;
        }
        size_t hi = step < n - lo ? lo + step : n; /* v[hi] > x, or the end */
        r = lo + pol_last_at_most(v + lo, hi - lo, x);
    } else {
        size_t hi = lo, step = 1; /* v[hi] > x: the answer lies before */
        while (step <= hi && v[hi - step] > x) {
            hi -= step;
            step *= 2;
        }
        size_t from = step <= hi ? hi - step : 0; /* v[from] <= x, or the start */
        r = from + pol_last_at_most(v + from, hi - from, x);
    }
    *hint = r;
    return r;
}

/* The length of the UTF-8 character whose first byte is `lead`. */
static inline size_t pol_utf8_len(char lead)
{
    unsigned char b = (unsigned char)lead;
    /* sums of comparisons, with no branch: text switches between ASCII
     * and Chinese every few characters */
    return 1 + (size_t)(b >= 0xC0) + (size_t)(b >= 0xE0) + (size_t)(b >= 0xF0);
}

/* The start of the UTF-8 character that ends at byte `at` (at > 0). */
static inline size_t pol_utf8_prev(const char *s, size_t at)
{
    size_t k = at - 1;
    while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
        k--;
    return k;
}

/* Decodes one UTF-8 character: the bytes it takes, 0 if invalid.  Inline:
 * every stage calls it per character. */
static inline int pol_utf8_decode(const unsigned char *s, size_t len, uint32_t *cp)
{
    if (len == 0)
        return 0;
    unsigned c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    int n;
    uint32_t v, min;
    if ((c & 0xE0) == 0xC0) {
        n = 2, v = c & 0x1F, min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
        n = 3, v = c & 0x0F, min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
        n = 4, v = c & 0x07, min = 0x10000;
    } else {
        return 0;
    }
    if ((size_t)n > len)
        return 0;
    for (int i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0; /* overlong, out of range, or a surrogate */
    *cp = v;
    return n;
}
size_t pol_utf8_count(const char *s, size_t len);                     /* code points */
/* Has s at most n code points?  Reads at most 4n bytes: a line's length
 * decides most cases without counting it. */
bool pol_utf8_at_most(const char *s, size_t len, size_t n);
/* The offset of the first '\n' at or after `from`, or len. */
size_t pol_line_end(const char *s, size_t len, size_t from);
bool pol_is_cjk(uint32_t cp);
int pol_parse_cn_number(const char *s, size_t len); /* 二十三 -> 23; -1 if not one */
/* 1,712.60 -> 1712.6, as strtod reads it without the commas, where the
 * digits stay below 2^53 and the decimals at most 22; -1 otherwise. */
double pol_parse_decimal(const char *s, size_t len);
int pol_circled_value(uint32_t cp);                 /* ① -> 1; 0 if not */
size_t pol_trim_end(const char *s, size_t len);     /* drops spaces/tabs at the end */
/* Inline: the stages call these at every few bytes, mostly with literals
 * whose length the compiler then knows. */
static inline bool pol_ends_with_n(const char *s, size_t len, const char *suffix, size_t n)
{
    if (len < n)
        return false;
    /* from the last byte, which varies most in Chinese: most tries end there */
    for (size_t i = n; i > 0; i--)
        if (s[len - n + i - 1] != suffix[i - 1])
            return false;
    return true;
}

static inline bool pol_ends_with(const char *s, size_t len, const char *suffix)
{
    return pol_ends_with_n(s, len, suffix, strlen(suffix));
}

/* A word of a list that is tried often: its length counted once, by the
 * compiler.  Lists end with {NULL, 0}. */
typedef struct pol_word {
    const char *s;
    size_t n;
} pol_word;
#define POL_WORD(literal) {literal, sizeof(literal) - 1}
/* Does s hold any of the words? */
bool pol_find_any(const char *s, size_t len, const pol_word *words);

static inline bool pol_starts_with(const char *s, size_t len, const char *prefix)
{
    /* byte by byte: the callers try lists of words, most failing at once,
     * and strlen + memcmp were a tenth of the time */
    for (size_t i = 0; prefix[i]; i++)
        if (i == len || s[i] != prefix[i])
            return false;
    return true;
}

/* A character's hash into 256 bits, for sets of characters: the last byte
 * of the character that ends s[0..len) (len > 0), mixed with two bits of
 * the byte before when it is a continuation byte (the last bytes of CJK
 * characters repeat every 64 code points). */
static inline unsigned pol_char_hash(const char *s, size_t len)
{
    unsigned b = (unsigned char)s[len - 1];
    if ((b & 0xC0) == 0x80 && len > 1)
        b ^= ((unsigned char)s[len - 2] & 3u) << 6;
    return b & 255;
}

/* Sets of such hashes, 256 bits each. */
static inline void pol_hash_add(uint64_t bits[4], unsigned h) { bits[h >> 6] |= 1ULL << (h & 63); }
static inline bool pol_hash_in(const uint64_t bits[4], unsigned h) { return (bits[h >> 6] >> (h & 63)) & 1; }

/* A subject's first and last characters as the guards read them (hashed,
 * a final newline aside): for a caller that tries a list of patterns on one
 * text, to skip, with pol_pattern_ends_allow, the calls a guard refuses. */
typedef struct pol_ends {
    unsigned first, last;
    bool empty;
} pol_ends;

static inline pol_ends pol_ends_of(const char *s, size_t len)
{
    pol_ends e = {0, 0, true};
    if (len > 0 && s[len - 1] == '\n') /* $ matches before a final newline */
        len--;
    if (len == 0)
        return e;
    size_t n = pol_utf8_len(s[0]);
    e.first = pol_char_hash(s, n <= len ? n : len);
    e.last = pol_char_hash(s, len);
    e.empty = false;
    return e;
}

/* False when pattern id's first- or last-character guard refuses the
 * subject whose ends are e: it cannot match. */
static inline bool pol_pattern_ends_allow(const pol_patterns *p, pol_pattern_id id, pol_ends e)
{
    if (p->guards_off || (!p->first[id] && !p->last[id]))
        return true;
    if (e.empty)
        return false;
    return (!p->first[id] || pol_hash_in(p->first_bits[id], e.first)) &&
           (!p->last[id] || pol_hash_in(p->last_bits[id], e.last));
}

/* A list of words tried at the start or the end of texts that mostly hold
 * none of them, with the hashes of the words' first and last characters:
 * a text whose first (last) character hashes to none of theirs is refused
 * by one bit test instead of a comparison a word.  The hashes are made on
 * first use, by any thread (the same values, stored atomically). */
typedef struct pol_wordset {
    const pol_word *words;
    _Atomic bool ready;
    _Atomic uint64_t first[4], last[4];
} pol_wordset;
#define POL_WORDSET(list) {list, false, {0}, {0}}
void pol_wordset_prepare(pol_wordset *ws);

static inline bool pol_wordset_has(pol_wordset *ws, bool last, unsigned h)
{
    if (!atomic_load_explicit(&ws->ready, memory_order_acquire))
        pol_wordset_prepare(ws);
    _Atomic uint64_t *bits = last ? ws->last : ws->first;
    return (atomic_load_explicit(&bits[h >> 6], memory_order_relaxed) >> (h & 63)) & 1;
}

/* False when no word of the set can start (end) s[0..len). */
static inline bool pol_words_may_start(pol_wordset *ws, const char *s, size_t len)
{
    if (len == 0)
        return false;
    size_t n = pol_utf8_len(s[0]);
    return n <= len && pol_wordset_has(ws, false, pol_char_hash(s, n));
}

static inline bool pol_words_may_end(pol_wordset *ws, const char *s, size_t len)
{
    return len > 0 && pol_wordset_has(ws, true, pol_char_hash(s, len));
}

/* The first word of the set, in its order, that s ends with: its length,
 * or 0 for none. */
size_t pol_words_ending(pol_wordset *ws, const char *s, size_t len);
/* ... that s starts with. */
size_t pol_words_starting(pol_wordset *ws, const char *s, size_t len);
/* One pass over the set, in its order, stripping from the start (end) of
 * s each word that stands there and leaves something: 累计其中… loses
 * 累计, then 其中 only if it comes later in the set.  True if any went. */
static inline bool pol_words_strip_start(pol_wordset *ws, const char **s, size_t *len)
{
    bool any = false, may = pol_words_may_start(ws, *s, *len);
    for (const pol_word *w = ws->words; may && w->s; w++)
        if (*len > w->n && pol_starts_with(*s, *len, w->s)) {
            *s += w->n;
            *len -= w->n;
            any = true;
            may = pol_words_may_start(ws, *s, *len);
        }
    return any;
}

static inline bool pol_words_strip_end(pol_wordset *ws, const char *s, size_t *len)
{
    bool any = false, may = pol_words_may_end(ws, s, *len);
    for (const pol_word *w = ws->words; may && w->s; w++)
        if (*len > w->n && pol_ends_with_n(s, *len, w->s, w->n)) {
            *len -= w->n;
            any = true;
            may = pol_words_may_end(ws, s, *len);
        }
    return any;
}


/* Numbers as the emitters write them, into buf (24 and 32 bytes at least);
 * they return the length.  A double that is a whole number below 1e15 is
 * written as an integer, any other with up to 10 significant digits. */
size_t pol_format_int(char *buf, long long v);
size_t pol_format_number(char *buf, double v);
size_t pol_find_n(const char *s, size_t len, const char *needle, size_t n); /* SIZE_MAX if absent */
/* Does s hold a colon, ： or :?  Label patterns need one, and prose seldom
 * has it: most subjects are refused before their literals are looked for. */
bool pol_has_colon(const char *s, size_t len);
/* Inline, so that the length of a literal needle is counted by the compiler. */
static inline size_t pol_find(const char *s, size_t len, const char *needle)
{
    return pol_find_n(s, len, needle, strlen(needle));
}

#endif
