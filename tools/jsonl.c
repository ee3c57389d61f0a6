/*
 * jsonl.c - reads the input records of `policy --stdin-jsonl`: one JSON
 * object per line with an "id" (any JSON value, passed through as written)
 * and a "text" string (decoded, \uXXXX surrogate pairs included).  A small
 * strict reader: what is not JSON is an error with the column, not a guess.
 */
#include "jsonl.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct reader {
    const char *s;
    size_t len, at;
    char *error;
} reader;

static bool fail(reader *r, const char *what)
{
    snprintf(r->error, 128, "%s at column %zu", what, r->at + 1);
    return false;
}

static void skip_space(reader *r)
{
    while (r->at < r->len && strchr(" \t\r\n", r->s[r->at]) && r->s[r->at])
        r->at++;
}

static int hex4(const char *s)
{
    int v = 0;
    for (int i = 0; i < 4; i++) {
        char c = s[i];
        int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
              : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (d < 0)
            return -1;
        v = v * 16 + d;
    }
    return v;
}

static size_t put_utf8(char *out, uint32_t cp)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | cp >> 6);
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | cp >> 12);
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | cp >> 18);
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* A string at r->at; with `out`, its decoded bytes (malloc'd) too. */
static bool string(reader *r, char **out, size_t *out_len)
{
    if (r->at >= r->len || r->s[r->at] != '"')
        return fail(r, "expected a string");
    r->at++;
    char *buf = NULL;
    size_t n = 0;
    if (out && !(buf = malloc(r->len - r->at + 1)))
        return fail(r, "out of memory");
    while (r->at < r->len && r->s[r->at] != '"') {
        unsigned char c = (unsigned char)r->s[r->at];
        if (c < 0x20) {
            free(buf);
            return fail(r, "control character in a string");
        }
        if (c != '\\') {
            if (buf)
                buf[n++] = (char)c;
            r->at++;
            continue;
        }
        if (r->at + 1 >= r->len) {
            free(buf);
            return fail(r, "unfinished escape");
        }
        char e = r->s[r->at + 1];
        const char *simple = strchr("\"\\/bfnrt", e);
        if (simple && e) {
            if (buf)
                buf[n++] = "\"\\/\b\f\n\r\t"[simple - "\"\\/bfnrt"];
            r->at += 2;
            continue;
        }
        int u = e == 'u' && r->at + 6 <= r->len ? hex4(r->s + r->at + 2) : -1;
        if (u < 0) {
            free(buf);
            return fail(r, "bad escape");
        }
        r->at += 6;
        uint32_t cp = (uint32_t)u;
        if (cp >= 0xD800 && cp < 0xDC00) {
            int lo = r->at + 6 <= r->len && r->s[r->at] == '\\' && r->s[r->at + 1] == 'u'
                         ? hex4(r->s + r->at + 2) : -1;
            if (lo < 0xDC00 || lo > 0xDFFF) {
                free(buf);
                return fail(r, "lone surrogate");
            }
            cp = 0x10000 + ((cp - 0xD800) << 10) + ((uint32_t)lo - 0xDC00);
            r->at += 6;
        } else if (cp >= 0xDC00 && cp < 0xE000) {
            free(buf);
            return fail(r, "lone surrogate");
        }
        if (buf)
            n += put_utf8(buf + n, cp);
    }
    if (r->at >= r->len) {
        free(buf);
        return fail(r, "unterminated string");
    }
    r->at++;
    if (out) {
        buf[n] = '\0';
        *out = buf;
        *out_len = n;
    }
    return true;
}

/* Any value, skipped; depth bounds nesting. */
static bool value(reader *r, int depth)
{
    skip_space(r);
    if (r->at >= r->len)
        return fail(r, "expected a value");
    char c = r->s[r->at];
    if (c == '"')
        return string(r, NULL, NULL);
    if (c == '{' || c == '[') {
        if (depth > 64)
            return fail(r, "nested too deeply");
        char close = c == '{' ? '}' : ']';
        r->at++;
        skip_space(r);
        if (r->at < r->len && r->s[r->at] == close) {
            r->at++;
            return true;
        }
        for (;;) {
            if (c == '{') {
                skip_space(r);
                if (!string(r, NULL, NULL))
                    return false;
                skip_space(r);
                if (r->at >= r->len || r->s[r->at] != ':')
                    return fail(r, "expected ':'");
                r->at++;
            }
            if (!value(r, depth + 1))
                return false;
            skip_space(r);
            if (r->at < r->len && r->s[r->at] == ',') {
                r->at++;
                continue;
            }
            if (r->at < r->len && r->s[r->at] == close) {
                r->at++;
                return true;
            }
            return fail(r, "expected ',' or a closing bracket");
        }
    }
    size_t start = r->at;
    bool numeric = c == '-' || (c >= '0' && c <= '9');
    while (r->at < r->len && strchr("+-0123456789.eEtruefalsn", r->s[r->at]) && r->s[r->at])
        r->at++;
    size_t n = r->at - start;
    const char *v = r->s + start;
    bool word = (n == 4 && !memcmp(v, "true", 4)) || (n == 5 && !memcmp(v, "false", 5)) ||
                (n == 4 && !memcmp(v, "null", 4));
    char *end;
    char tmp[64];
    bool number = numeric && n < sizeof tmp &&
                  (memcpy(tmp, v, n), tmp[n] = '\0', strtod(tmp, &end), *end == '\0');
    if (!word && !number) {
        r->at = start;
        return fail(r, "expected a value");
    }
    return true;
}

bool jsonl_parse(const char *line, size_t len, jsonl_record *rec)
{
    memset(rec, 0, sizeof *rec);
    reader r = {.s = line, .len = len, .error = rec->error};
    bool have_text = false;
    skip_space(&r);
    if (r.at >= len || line[r.at] != '{')
        return fail(&r, "expected an object");
    r.at++;
    skip_space(&r);
    bool first = true;
    while (!(r.at < len && line[r.at] == '}')) {
        if (!first) {
            if (r.at >= len || line[r.at] != ',')
                return fail(&r, "expected ',' or '}'");
            r.at++;
            skip_space(&r);
        }
        first = false;
        size_t key_at = r.at;
        if (!string(&r, NULL, NULL))
            return false;
        const char *key = line + key_at + 1;
        size_t key_len = r.at - key_at - 2;
        skip_space(&r);
        if (r.at >= len || line[r.at] != ':')
            return fail(&r, "expected ':'");
        r.at++;
        skip_space(&r);
        size_t value_at = r.at;
        if (key_len == 4 && memcmp(key, "text", 4) == 0) {
            free(rec->text);
            rec->text = NULL;
            if (!string(&r, &rec->text, &rec->text_len))
                return false;
            have_text = true;
        } else {
            if (!value(&r, 0))
                return false;
            if (key_len == 2 && memcmp(key, "id", 2) == 0) {
                free(rec->id);
                if (!(rec->id = malloc(r.at - value_at + 1)))
                    return fail(&r, "out of memory");
                memcpy(rec->id, line + value_at, r.at - value_at);
                rec->id[r.at - value_at] = '\0';
            }
        }
        skip_space(&r);
    }
    r.at++;
    skip_space(&r);
    if (r.at < len)
        return fail(&r, "text after the object");
    if (!have_text)
        return fail(&r, "no \"text\" member");
    return true;
}

void jsonl_free(jsonl_record *rec)
{
    free(rec->id);
    free(rec->text);
    rec->id = rec->text = NULL;
}
