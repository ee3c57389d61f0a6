/*
 * error.c - filling pol_error records, and the status texts.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

const char *pol_status_string(pol_status status)
{
    switch (status) {
    case POL_OK: return "ok";
    case POL_ERR_NOMEM: return "out of memory";
    case POL_ERR_ARG: return "invalid argument";
    case POL_ERR_ENCODING: return "not text in a supported encoding";
    case POL_ERR_LIMIT: return "input exceeds a limit";
    case POL_ERR_WRITE: return "output could not be written";
    case POL_ERR_INTERNAL: return "internal error";
    case POL_ERR_IO: return "file could not be read";
    case POL_ERR_EMPTY: return "input holds no text";
    }
    return "unknown status";
}

static pol_status vset(pol_error *err, pol_status status, size_t off, unsigned line,
                       unsigned column, const char *fmt, va_list ap)
{
    if (!err)
        return status;
    err->status = status;
    err->byte_offset = off;
    err->line = line;
    err->column = column;
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    return status;
}

pol_status pol_error_set(pol_error *err, pol_status status, size_t byte_offset, unsigned line,
                         unsigned column, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vset(err, status, byte_offset, line, column, fmt, ap);
    va_end(ap);
    return status;
}

pol_status pol_error_at(struct pol_run *run, pol_status status, size_t off, const char *fmt, ...)
{
    unsigned line = 1;
    size_t bol = 0;
    if (off > run->input_len)
        off = run->input_len;
    const pol_result *r = run->result;
    if (run->input) {
        /* Lines are counted in the original bytes: LF, CRLF and lone CR end one. */
        for (size_t i = 0; i < off; i++) {
            char c = run->input[i];
            if (c == '\n' || (c == '\r' && (i + 1 >= run->input_len || run->input[i + 1] != '\n'))) {
                line++;
                bol = i + 1;
            }
        }
    } else if (r->n_line_starts > 0) {
        /* the input is freed once normalized: find the line in the line index */
        size_t lo = 0, hi = r->n_line_starts; /* the last line starting at or before off */
        while (hi - lo > 1) {
            size_t mid = lo + (hi - lo) / 2;
            if (pol_offmap_start(&r->decode_map, r->line_starts[mid]) <= off)
                lo = mid;
            else
                hi = mid;
        }
        line = (unsigned)(lo + 1);
        bol = pol_offmap_start(&r->decode_map, r->line_starts[lo]);
    }
    char what[160];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    return pol_error_set(run->err, status, off, line, (unsigned)(off - bol + 1),
                         "%s at byte %zu (line %u, column %zu)", what, off, line,
                         off - bol + 1);
}
