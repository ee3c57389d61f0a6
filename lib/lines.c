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

pol_status pol_lines_split(struct pol_run *run)
{
    const char *s = run->norm;
    size_t len = run->norm_len, cap = 0;
    for (size_t i = 0; i < len; i++)
        cap += s[i] == '\n';
    cap += 1;
    run->lines = calloc(cap, sizeof *run->lines);
    if (!run->lines)
        return pol_error_set(run->err, POL_ERR_NOMEM, SIZE_MAX, 0, 0, "out of memory");
    size_t i = 0, n = 0;
    while (i < len) {
        const char *nl = memchr(s + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - s) : len;
        size_t a = i;
        while (a < end && (s[a] == ' ' || s[a] == '\t'))
            a++;
        size_t b = a + pol_trim_end(s + a, end - a);
        if (b > a) {
            pol_line *ln = &run->lines[n++];
            ln->start = a;
            ln->len = b - a;
            ln->kind = memchr(s + a, '\t', b - a) ? LINE_TABLE_ROW : LINE_TEXT;
            ln->role = POL_ROLE_BODY;
            ln->doc = -1;
        }
        i = end + 1;
    }
    run->n_lines = n;
    return POL_OK;
}
