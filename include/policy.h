/*
 * policy.h - libpolicy, a parser for Chinese government plans and policy texts.
 *
 * This header is the whole public API and its contract: what is not declared
 * here is not API.
 *
 * Model
 *   pol_parse() turns one input text into a pol_result.  A result is a tree:
 *
 *     ROOT
 *      └─ DOCUMENT            the file's main document (title, 文号, issuer, date …)
 *          ├─ PARAGRAPH       body text outside numbered sections
 *          ├─ TABLE ─ ROW ─ CELL
 *          ├─ SECTION         a numbered heading (一、 （一） 1. （1） ① 第一章 …)
 *          │   ├─ PARAGRAPH
 *          │   └─ SECTION …
 *          └─ DOCUMENT        an embedded document (a plan a notice issues, an
 *                             attachment with its own title), with its own tree
 *
 * Ownership
 *   A pol_result owns every node and every string reachable from it: each
 *   `const pol_node *` and `const char *` the accessors return stays valid
 *   until pol_result_free().  Nothing is freed per node.  The tree is
 *   read-only once parsed.  Strings are UTF-8 and NUL-terminated.
 *
 * Threads
 *   The library has no global mutable state.  A pol_parser may be used by one
 *   thread at a time; give each thread its own parser.  Results are immutable
 *   and may be read from any number of threads.
 *
 * Spans
 *   Every node records where it came from as byte offsets into the caller's
 *   original input (before decoding and normalization) and 1-based line
 *   numbers.
 */
#ifndef POLICY_H
#define POLICY_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(POL_BUILDING) && defined(__GNUC__)
#define POL_API __attribute__((visibility("default")))
#else
#define POL_API
#endif

/* ------------------------------------------------------------------ version */

#define POL_VERSION_MAJOR 0
#define POL_VERSION_MINOR 1
#define POL_VERSION_PATCH 0
/** The version as one integer, 0xMMmmpp. */
#define POL_VERSION ((POL_VERSION_MAJOR << 16) | (POL_VERSION_MINOR << 8) | POL_VERSION_PATCH)

/** Version of the library linked at run time, as 0xMMmmpp. */
POL_API int pol_version(void);
/** Version of the library linked at run time, as "MAJOR.MINOR.PATCH". */
POL_API const char *pol_version_string(void);

/* ------------------------------------------------------------------- errors */

/** Status codes.  A number, once given a meaning, never changes it. */
typedef enum pol_status {
    POL_OK = 0,
    POL_ERR_NOMEM = 1,     /* memory could not be allocated */
    POL_ERR_ARG = 2,       /* a bad argument (NULL where not allowed, bad option) */
    POL_ERR_ENCODING = 3,  /* the input is not text in an encoding we read */
    POL_ERR_LIMIT = 4,     /* the input exceeds a limit (size, depth, nodes) */
    POL_ERR_WRITE = 5,     /* an output callback reported failure */
    POL_ERR_INTERNAL = 6,  /* a bug; please report it */
    POL_ERR_IO = 7,        /* a file could not be read */
    POL_ERR_EMPTY = 8      /* the input holds no text (empty, or only white space) */
} pol_status;

/**
 * Where and why an operation failed.  Filled by the functions that take a
 * `pol_error *`; the pointer may be NULL.  The message is English, names the
 * byte offset and line where they apply, and needs no allocation, so that
 * running out of memory can still be reported.
 */
typedef struct pol_error {
    pol_status status;
    size_t byte_offset; /* into the caller's input; SIZE_MAX when none applies */
    unsigned line;      /* 1-based; 0 when none applies */
    unsigned column;    /* 1-based, in bytes; 0 when none applies */
    char message[192];
} pol_error;

/** A short English text for a status; never NULL. */
POL_API const char *pol_status_string(pol_status status);

/* ------------------------------------------------------------------ parsing */

/** A node's origin: bytes [byte_offset, byte_offset+len_bytes) of the
 *  original input, on lines first_line..last_line (1-based). */
typedef struct pol_span {
    size_t byte_offset;
    size_t len_bytes;
    unsigned first_line;
    unsigned last_line;
} pol_span;

typedef struct pol_parser pol_parser;
typedef struct pol_result pol_result;
typedef struct pol_node pol_node;

/** Options for pol_parser_new(), or-ed together. */
enum {
    POL_OPT_DEFAULT = 0,
    /** Keep physical lines: do not join lines that PDF or docx extraction
     *  broke inside a sentence. */
    POL_OPT_NO_JOIN = 1 << 0,
    /** Treat every input as UTF-8; fail on invalid bytes instead of trying
     *  GB18030. */
    POL_OPT_UTF8_ONLY = 1 << 1,
    /** Match patterns with PCRE2's interpreter instead of its JIT compiler:
     *  for systems that forbid executable memory, and for valgrind, which
     *  cannot follow JIT code.  Slower; the results are the same. */
    POL_OPT_NO_JIT = 1 << 2
};

/** Limits, set with pol_parser_set_limit().  Past any of them pol_parse()
 *  fails with POL_ERR_LIMIT and the offset and line where it was passed;
 *  it never returns a tree cut short. */
typedef enum pol_limit {
    POL_LIMIT_INPUT_BYTES = 0, /* input size; default 1 GiB */
    POL_LIMIT_DEPTH = 1,       /* section nesting depth; default 16 */
    POL_LIMIT_NODES = 2,       /* nodes in one result; default 16 Mi */
    POL_LIMIT_LINE_BYTES = 3   /* one line, in bytes of UTF-8; default 1 MiB */
} pol_limit;

/**
 * Creates a parser: compiles its patterns once, for any number of parses.
 * Returns NULL when memory runs out or `options` has unknown bits set
 * (then `err`, if not NULL, says which).
 */
POL_API pol_parser *pol_parser_new(unsigned options, pol_error *err);
/** Frees a parser.  NULL is a harmless no-op.  Results it made stay valid. */
POL_API void pol_parser_free(pol_parser *parser);
/**
 * Agency aliases: with any alias set, agency names are written in full
 * (市工信局 as 市工业和信息化局); without, as the text writes them.  An alias
 * and its full name are given without the place and level word they open
 * with, so one pair serves 市工信局 and 区工信局.  data/agency-aliases.tsv
 * (installed in share/libpolicy) is a table to start from.
 * Returns POL_OK, POL_ERR_ARG for empty names, POL_ERR_NOMEM.
 */
POL_API pol_status pol_parser_add_alias(pol_parser *parser, const char *alias, const char *full);
/** Adds the pairs of a file: ALIAS<TAB>FULL per line, # comments, blank
 *  lines.  A malformed line gives POL_ERR_ARG naming the line; POL_ERR_IO
 *  when the file cannot be read. */
POL_API pol_status pol_parser_load_aliases(pol_parser *parser, const char *path, pol_error *err);

/**
 * Adds a unit to the parser's catalogue, which starts as data/units.tsv
 * (embedded at build time, installed in share/libpolicy): 标准箱, 千瓦时 …
 * A Chinese multiplier before it is read too (万标准箱).  `dimension` (may be
 * NULL) names what it measures.  Returns POL_OK, POL_ERR_ARG for an empty
 * unit, POL_ERR_NOMEM.
 */
POL_API pol_status pol_parser_add_unit(pol_parser *parser, const char *unit, const char *dimension);

/** Sets a limit; returns POL_OK, or POL_ERR_ARG for an unknown limit or 0. */
POL_API pol_status pol_parser_set_limit(pol_parser *parser, pol_limit which, size_t value);

/**
 * Parses `len` bytes at `text` (they need not be NUL-terminated; the caller
 * keeps them).  On POL_OK `*out` is a new result the caller frees with
 * pol_result_free(); on any other status `*out` is NULL and `err`, if not
 * NULL, says what failed and where.
 *
 * Input: UTF-8 with or without BOM, UTF-16 LE or BE with BOM, and GB18030
 * (which includes GBK) when the bytes are not valid UTF-8.  CRLF, CR and LF
 * line ends.  The parser is total on text: what it cannot classify becomes
 * a paragraph.  It fails only on bytes that are not text (NUL bytes,
 * invalid sequences in every encoding it tries), on empty input, on limits
 * and on memory.
 */
POL_API pol_status pol_parse(pol_parser *parser, const char *text, size_t len,
                             pol_result **out, pol_error *err);
/** Like pol_parse() on the contents of the file at `path`.  Errors in
 *  reading give POL_ERR_IO with the system's reason in the message. */
POL_API pol_status pol_parse_file(pol_parser *parser, const char *path,
                                  pol_result **out, pol_error *err);

/** Frees a result and everything it owns.  NULL is a harmless no-op. */
POL_API void pol_result_free(pol_result *result);
/** The root node (type POL_NODE_ROOT); its children are documents. */
POL_API const pol_node *pol_result_root(const pol_result *result);
/** The encoding the input was read as: "UTF-8", "UTF-16LE", "UTF-16BE" or
 *  "GB18030". */
POL_API const char *pol_result_encoding(const pol_result *result);
/** The input's text after decoding and normalization, which every node's
 *  text is taken from.  `len` may be NULL. */
POL_API const char *pol_result_text(const pol_result *result, size_t *len);
/** Problems the parser worked around (a clause bracket never closed, a
 *  clause that names nobody): their number, and each one's English message
 *  and span (which may be NULL); NULL past the end. */
POL_API size_t pol_result_warning_count(const pol_result *result);
POL_API const char *pol_result_warning(const pol_result *result, size_t index, pol_span *span);
/** Maps a byte offset in pol_result_text() to one in the original input. */
POL_API size_t pol_result_source_offset(const pol_result *result, size_t text_offset);

/* -------------------------------------------------------------------- nodes */

typedef enum pol_node_type {
    POL_NODE_ROOT = 0,
    POL_NODE_DOCUMENT = 1,
    POL_NODE_SECTION = 2,
    POL_NODE_PARAGRAPH = 3,
    POL_NODE_TABLE = 4,
    POL_NODE_ROW = 5,
    POL_NODE_CELL = 6
} pol_node_type;

/** What a paragraph is, where the text makes it plain (GB/T 9704-2012 names
 *  these elements of a 公文). */
typedef enum pol_role {
    POL_ROLE_BODY = 0,       /* running text */
    POL_ROLE_TITLE = 1,      /* the document's title (标题) */
    POL_ROLE_DOC_NUMBER = 2, /* 发文字号: 佛府〔2022〕1号 */
    POL_ROLE_ISSUER_MARK = 3,/* 版头: 佛山市人民政府文件 */
    POL_ROLE_PUBLICITY = 4,  /* 主动公开, 此件公开发布 */
    POL_ROLE_RECIPIENTS = 5, /* 主送机关: 各区人民政府，…： */
    POL_ROLE_SIGNATURE = 6,  /* 发文机关署名 */
    POL_ROLE_DATE = 7,       /* 成文日期 */
    POL_ROLE_ATTACHMENTS = 8,/* 附件说明: 附件：… */
    POL_ROLE_CC = 9,         /* 抄送 */
    POL_ROLE_PRINTED = 10,   /* 印发机关和印发日期 */
    POL_ROLE_FURNITURE = 11, /* page furniture: web menus, breadcrumbs, footers */
    POL_ROLE_BULLET = 12,    /* a ——/- bulleted line */
    POL_ROLE_SUBTITLE = 13   /* a line under the title (——在…会议上) */
} pol_role;

POL_API pol_node_type pol_node_get_type(const pol_node *node);
/** "root", "document", "section", "paragraph", "table", "row" or "cell". */
POL_API const char *pol_node_type_string(pol_node_type type);
POL_API pol_span pol_node_span(const pol_node *node);

/* Tree navigation; each returns NULL where there is no such node. */
POL_API const pol_node *pol_node_parent(const pol_node *node);
POL_API const pol_node *pol_node_first_child(const pol_node *node);
POL_API const pol_node *pol_node_last_child(const pol_node *node);
POL_API const pol_node *pol_node_next(const pol_node *node);
POL_API const pol_node *pol_node_previous(const pol_node *node);

/**
 * Text of a node, normalized: a paragraph's or cell's text; a section's body
 * (the heading line after its title, then its own paragraphs, "\n"
 * between); for other nodes NULL.  A section's body is put together on the
 * first call and kept with the result (safe from several threads at once);
 * NULL then means memory ran out.
 */
POL_API const char *pol_node_text(const pol_node *node);

/* Sections. */
/** Depth inside its document by the rank of the numbering style (1 is the
 *  outermost style the document uses); 0 for other nodes. */
POL_API int pol_section_level(const pol_node *node);
/** The number's value (（四） gives 4); 0 for other nodes. */
POL_API int pol_section_ordinal(const pol_node *node);
/** The number as printed (（四）, 2、, 1.); NULL for other nodes. */
POL_API const char *pol_section_label(const pol_node *node);
/** The heading's title: the whole line when it stands alone, else up to
 *  the first 。 (or ： when that comes first); NULL for other nodes. */
POL_API const char *pol_section_title(const pol_node *node);
/** The numbering style the heading stands for after misprints are mended,
 *  e.g. "一、", "（一）", "1.", "（1）", "①", "第一章"; NULL for other nodes. */
POL_API const char *pol_section_style(const pol_node *node);

/* Documents; every string accessor returns NULL where the text has none. */
POL_API const char *pol_document_title(const pol_node *doc);
/** The type named at the end of the title: 通知, 方案, 意见, 报告, 计划,
 *  规划, 办法, 要点, 细则, 决定, 规定, 附件 …, or 其他. */
POL_API const char *pol_document_kind(const pol_node *doc);
POL_API const char *pol_document_number(const pol_node *doc);
POL_API const char *pol_document_issuer(const pol_node *doc);
/** 成文日期 as ISO 8601 (2022-03-30). */
POL_API const char *pol_document_date(const pol_node *doc);
/** 1 when the title marks a draft (征求意见稿, 送审稿, 草案, 讨论稿). */
POL_API int pol_document_is_draft(const pol_node *doc);
/** 公开属性 as printed: 主动公开, 依申请公开, 此件公开发布 … */
POL_API const char *pol_document_publicity(const pol_node *doc);
/** 主送机关, as printed without the closing colon. */
POL_API const char *pol_document_recipients(const pol_node *doc);
/** 抄送 and 印发 lines, as printed without their label. */
POL_API const char *pol_document_cc(const pol_node *doc);
POL_API const char *pol_document_printed(const pol_node *doc);
/** Attachments named in the 附件 note: their count, and each name. */
POL_API size_t pol_document_attachment_count(const pol_node *doc);
POL_API const char *pol_document_attachment(const pol_node *doc, size_t index);

/** A paragraph's role; POL_ROLE_BODY for other nodes. */
POL_API pol_role pol_paragraph_role(const pol_node *node);
/** "body", "title", "doc_number", … as in pol_role. */
POL_API const char *pol_role_string(pol_role role);

/* -------------------------------------------------------------------- tasks */

/* A task is a section someone must carry out: one that carries a
 * responsibility clause, or a leaf under a section of work (主要任务,
 * 重点任务, 保障措施 …).  Walk a document with pol_iter and ask
 * pol_section_is_task() to list its tasks. */

typedef struct pol_agency pol_agency;

typedef enum pol_agency_role {
    POL_AGENCY_LEAD = 0,       /* 牵头 */
    POL_AGENCY_SUPPORT = 1,    /* 配合, 参与, 协助 */
    POL_AGENCY_RESPONSIBLE = 2 /* 负责, 责任单位, without a lead/support split */
} pol_agency_role;

typedef enum pol_agency_kind {
    POL_AGENCY_GOVERNMENT = 0, /* 人民政府, 局, 委员会, 办 … */
    POL_AGENCY_PARTY = 1,      /* 市委组织部, 网信办 … */
    POL_AGENCY_CONGRESS = 2,   /* 人大 */
    POL_AGENCY_ENTERPRISE = 3, /* 公司, 集团 */
    POL_AGENCY_OTHER = 4       /* 工商联, 总工会, 科协 … */
} pol_agency_kind;

/** 1 when the section is a task; 0 otherwise (and for NULL). */
POL_API int pol_section_is_task(const pol_node *section);
/** 1 when the node is a task: a section as above, or a row of a
 *  responsibility table (任务分工表: 工作任务 | 牵头单位 | 配合单位 | 完成时限). */
POL_API int pol_node_is_task(const pol_node *node);
/** A task's title: the section's title, or the row's task cell; NULL for
 *  nodes that are no task. */
POL_API const char *pol_task_title(const pol_node *task);
/** A task's deadline as printed (完成时限：2023年底前, a closing （2021年8月）,
 *  长期坚持); NULL where the text sets none. */
POL_API const char *pol_task_deadline(const pol_node *task);
/** A task's (section's or row's) agencies in the order the text names them;
 *  0/NULL past the end and for nodes that are no task. */
POL_API size_t pol_task_agency_count(const pol_node *task);
POL_API const pol_agency *pol_task_agency(const pol_node *task, size_t index);

/** The name in full, the place and level word an elided name leaves out
 *  restored (市科技局、教育局 gives 市教育局). */
POL_API const char *pol_agency_name(const pol_agency *agency);
/** The name as the clause prints it. */
POL_API const char *pol_agency_as_written(const pol_agency *agency);
POL_API pol_agency_role pol_agency_get_role(const pol_agency *agency);
/** "lead", "support" or "responsible". */
POL_API const char *pol_agency_role_string(pol_agency_role role);
POL_API pol_agency_kind pol_agency_get_kind(const pol_agency *agency);
/** "government", "party", "congress", "enterprise" or "other". */
POL_API const char *pol_agency_kind_string(pol_agency_kind kind);
/** The administrative level its name shows: 国家, 省, 市, 区, 县, 镇, 街道; NULL if none. */
POL_API const char *pol_agency_level(const pol_agency *agency);
/** 1 for a collective name kept as written (各区人民政府, 市各有关单位). */
POL_API int pol_agency_is_collective(const pol_agency *agency);

/** A document's agency index: each agency its tasks name, once, in order of
 *  first mention (embedded documents have their own). */
POL_API size_t pol_document_agency_count(const pol_node *doc);
POL_API const pol_agency *pol_document_agency(const pol_node *doc, size_t index);
/** For an index entry: how many of the document's tasks it has in `role`. */
POL_API size_t pol_agency_task_count(const pol_agency *agency, pol_agency_role role);

/* ------------------------------------------------------------------ targets */

/* Every quantity a text states: a goal or obligation (target) or a reported
 * figure (actual), on the smallest section (or document) that holds it. */

typedef struct pol_target pol_target;

typedef enum pol_target_kind { POL_TARGET = 0, POL_ACTUAL = 1 } pol_target_kind;

typedef enum pol_comparator {
    POL_CMP_EQ = 0,     /* 达, 达到, 为, 实现, a bare number */
    POL_CMP_GT = 1,     /* 超过, 超, 突破, 高于, 大于 */
    POL_CMP_GE = 2,     /* 以上, 不少于, 不低于, 至少 */
    POL_CMP_LT = 3,     /* 低于, 少于 */
    POL_CMP_LE = 4,     /* 不超过, 不高于, 以内, 以下, 控制在 */
    POL_CMP_APPROX = 5, /* 约, 左右, 近, 余, 多; every bound word in an actual */
    POL_CMP_RANGE = 6   /* 1—2家: value to value_max */
} pol_comparator;

/** A node's quantities (sections and documents; 0/NULL for others). */
POL_API size_t pol_node_target_count(const pol_node *node);
POL_API const pol_target *pol_node_target(const pol_node *node, size_t index);

POL_API pol_target_kind pol_target_get_kind(const pol_target *t);
/** "target" or "actual". */
POL_API const char *pol_target_kind_string(pol_target_kind kind);
POL_API pol_comparator pol_target_comparator(const pol_target *t);
/** "eq", "gt", "ge", "lt", "le", "approx" or "range". */
POL_API const char *pol_comparator_string(pol_comparator c);
/** What is measured, in the text's words (“两高四新”产业增加值占GDP比重). */
POL_API const char *pol_target_indicator(const pol_target *t);
/** The value and unit as printed (4000, 亿元); value_max is NAN unless a range. */
POL_API double pol_target_value(const pol_target *t);
POL_API double pol_target_value_max(const pol_target *t);
POL_API const char *pol_target_unit(const pol_target *t);
/** The value with the Chinese multiplier folded in (400000000000, 元). */
POL_API double pol_target_base_value(const pol_target *t);
POL_API const char *pol_target_base_unit(const pol_target *t);
/** The year by which it holds (a target) or that it reports (an actual); 0 if none. */
POL_API int pol_target_year(const pol_target *t);
POL_API int pol_target_is_cumulative(const pol_target *t); /* 累计 */
POL_API int pol_target_is_annual(const pol_target *t);     /* 每年, 年均 */
/** For a row of an indicator table: 1 约束性, 0 预期性; -1 where nothing says. */
POL_API int pol_target_binding(const pol_target *t);
/** The shortest text that holds the indicator, comparator and number, and its span. */
POL_API const char *pol_target_text(const pol_target *t);

/* --------------------------------------------------------------- references */

/* The documents a text cites: a title in 《》 and/or a document number. */
typedef struct pol_reference pol_reference;

POL_API size_t pol_document_reference_count(const pol_node *doc);
POL_API const pol_reference *pol_document_reference(const pol_node *doc, size_t index);
/** The cited title without its 《》; NULL for a number cited alone. */
POL_API const char *pol_reference_title(const pol_reference *ref);
/** The cited document number (粤府〔2021〕45号); NULL where none is given. */
POL_API const char *pol_reference_number(const pol_reference *ref);
/** Where the citation stands in the original input. */
POL_API pol_span pol_reference_span(const pol_reference *ref, const pol_result *result);

/* ------------------------------------------------------------------ walking */

typedef enum pol_event { POL_EVENT_DONE = 0, POL_EVENT_ENTER = 1, POL_EVENT_EXIT = 2 } pol_event;
typedef struct pol_iter pol_iter;

/** An iterator over the subtree at `node`: each node is entered, then its
 *  children visited, then exited.  NULL when memory runs out. */
POL_API pol_iter *pol_iter_new(const pol_node *node);
/** Advances; returns the event, POL_EVENT_DONE after the last exit. */
POL_API pol_event pol_iter_next(pol_iter *iter);
/** The node of the last event; NULL once done. */
POL_API const pol_node *pol_iter_node(const pol_iter *iter);
/** Frees an iterator.  NULL is a harmless no-op. */
POL_API void pol_iter_free(pol_iter *iter);

/* ----------------------------------------------------------------- emitting */

/** Output callback: write `len` bytes; return 0 on success, non-zero to stop
 *  the emitter, which then returns POL_ERR_WRITE. */
typedef int (*pol_write_fn)(const char *data, size_t len, void *user);

/** Flags for the emitters. */
enum {
    POL_EMIT_DEFAULT = 0,
    POL_EMIT_COMPACT = 1 << 0,   /* no indentation or newlines between values */
    POL_EMIT_NO_TEXT = 1 << 1,   /* leave out body text (titles stay) */
    POL_EMIT_NO_SPANS = 1 << 2   /* leave out spans */
};

/** Writes the result as JSON (docs/format.md).  `source`, which may be NULL,
 *  is written as the "source" field.  Allocates nothing. */
POL_API pol_status pol_emit_json(const pol_result *result, const char *source, unsigned flags,
                                 pol_write_fn write, void *user, pol_error *err);
/** Writes the result as XML valid against policy.rng (docs/format.md). */
POL_API pol_status pol_emit_xml(const pol_result *result, const char *source, unsigned flags,
                                pol_write_fn write, void *user, pol_error *err);

/** Flat tables for research (pandas, R). */
typedef enum pol_table {
    POL_TABLE_TASKS = 0,    /* one row per task and agency */
    POL_TABLE_AGENCIES = 1, /* one row per document and agency, with task counts */
    POL_TABLE_TARGETS = 2   /* one row per quantity */
} pol_table;

/** Writes one table as CSV (RFC 4180: header row, CRLF, quoting) through
 *  the callback; POL_ERR_ARG for a table it does not write.  Allocates nothing. */
POL_API pol_status pol_emit_csv(const pol_result *result, const char *source, pol_table table,
                                pol_write_fn write, void *user, pol_error *err);

typedef enum pol_format { POL_FORMAT_JSON = 0, POL_FORMAT_XML = 1 } pol_format;
/** Convenience: the whole output in one NUL-terminated string, which the
 *  caller frees with pol_free().  NULL when memory runs out. */
POL_API char *pol_emit_to_string(const pol_result *result, pol_format format, const char *source,
                                 unsigned flags, size_t *len, pol_error *err);
/** Frees memory the library handed over.  NULL is a harmless no-op. */
POL_API void pol_free(void *ptr);

#ifdef __cplusplus
}
#endif
#endif /* POLICY_H */
