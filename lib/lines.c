/*
 * lines.c - normalized text -> logical lines.
 *
 * Input: run->norm, where normalize.c has already joined lines broken inside
 * a sentence.  Output: run->lines, one entry per line that holds text
 * (blank lines only separate), each with its byte range in run->norm, its
 * kind LINE_TEXT, or LINE_TABLE_ROW when tabs split it into cells.
 * Example: "一、工作目标\n\n序号\t名称\n" -> two lines, TEXT and TABLE_ROW.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static bool is_number(const char *s, size_t len, int value)
{
    int v = 0;
    if (len == 0 || len > 4)
        return false;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (s[i] - '0');
    }
    return v == value;
}

/*
 * Tables that docx extraction printed one cell per line: a run of header
 * cells opening with 序号 (序号 / 工作任务 / 牵头单位 / 配合单位 …), then rows
 * that each open with the next number.  Their lines become LINE_TABLE_CELL;
 * sections.c groups them into rows.
 */
static void find_cell_tables(struct pol_run *run)
{
    pol_patterns *p = &run->parser->patterns;
    pol_line *L = run->lines;
    size_t n = run->n_lines;
    for (size_t i = 0; i < n; i++) {
        const char *t = run->norm + L[i].start;
        if (L[i].kind != LINE_TEXT || !pol_starts_with(t, L[i].len, "序号") || L[i].len != 6)
            continue;
        size_t cols = 1;
        while (i + cols < n && L[i + cols].kind == LINE_TEXT &&
               pol_pattern_match(p, PAT_TABLE_HEADER, run->norm + L[i + cols].start,
                                 L[i + cols].len, NULL))
            cols++;
        if (cols < 3 || i + cols >= n ||
            !is_number(run->norm + L[i + cols].start, L[i + cols].len, 1))
            continue;
        /* rows: from each number to the next; a row holds at most 3x the columns */
        size_t end = i + cols;
        int next = 1;
        while (end < n && is_number(run->norm + L[end].start, L[end].len, next)) {
            size_t k = end + 1;
            while (k < n && k - end < 3 * cols && L[k].kind == LINE_TEXT &&
                   !is_number(run->norm + L[k].start, L[k].len, next + 1))
                k++;
            if (k >= n || !is_number(run->norm + L[k].start, L[k].len, next + 1))
                k = end + cols <= n ? end + cols : n; /* the last row: as many cells as the header */
            if (k - end < 2)
                break;
            end = k;
            next++;
        }
        if (next == 1)
            continue;
        for (size_t k = i; k < end; k++)
            L[k].kind = LINE_TABLE_CELL;
        /* the first cell of each row: the header's, then each number */
        L[i].row_start = true;
        int want = 1;
        for (size_t k = i + cols; k < end; k++)
            if (is_number(run->norm + L[k].start, L[k].len, want)) {
                L[k].row_start = true;
                want++;
            }
        i = end - 1;
    }
}

pol_status pol_lines_split(struct pol_run *run)
{
    const char *s = run->norm;
    size_t len = run->norm_len, cap = run->norm_newlines + 1;
    /* not zeroed: most of a text's newlines end blank lines, which take no
     * entry, and each entry taken is written whole below */
    run->lines = cap <= SIZE_MAX / sizeof *run->lines ? malloc(cap * sizeof *run->lines) : NULL;
    if (!run->lines)
        return pol_error_set(run->err, POL_ERR_NOMEM, SIZE_MAX, 0, 0, "out of memory");
    pol_mem_advise(run->lines, cap * sizeof *run->lines);
    size_t i = 0, n = 0;
    while (i < len) {
        const char *nl = memchr(s + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - s) : len;
        size_t a = i;
        while (a < end && (s[a] == ' ' || s[a] == '\t'))
            a++;
        size_t b = a + pol_trim_end(s + a, end - a);
        if (b > a) {
            run->lines[n++] = (pol_line){
                .start = a,
                .len = (uint32_t)(b - a),
                .kind = run->norm_tabs && memchr(s + a, '\t', b - a) ? LINE_TABLE_ROW : LINE_TEXT,
                .role = POL_ROLE_BODY,
                .doc = -1,
            };
        }
        i = end + 1;
    }
    run->n_lines = n;
    find_cell_tables(run);
    return POL_OK;
}
