/*
 * fuzz_common.h - what the libFuzzer targets share: a parser set up from
 * the input's first byte, output checks, and (with STANDALONE) a main()
 * that replays files so the suite runs each target over its seeds.
 *
 * Each target defines fuzz_one(pick, text, len); the first input byte is
 * `pick`, which chooses options and output flags, the rest is the text.
 */
#ifndef FUZZ_COMMON_H
#define FUZZ_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "policy.h"

static void fuzz_one(unsigned pick, const char *text, size_t len);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size >= 1)
        fuzz_one(data[0], (const char *)data + 1, size - 1);
    return 0;
}

/* A finding: abort so that libFuzzer saves the input. */
#define FUZZ_CHECK(cond)                                                     \
    do {                                                                     \
        if (!(cond)) {                                                       \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, \
                    #cond);                                                  \
            abort();                                                         \
        }                                                                    \
    } while (0)

/* Parses with the options `pick` selects; NULL when the input is refused
 * (which must then come with a status and a message). */
static inline pol_result *fuzz_parse_pick(unsigned pick, const char *text, size_t len)
{
    pol_parser *p = pol_parser_new(pick & 7u, NULL); /* NO_JOIN, UTF8_ONLY, NO_JIT */
    FUZZ_CHECK(p != NULL);
    if (pick & 0x80)
        FUZZ_CHECK(pol_parser_add_alias(p, "工信局", "工业和信息化局") == POL_OK);
    if (pick & 0x40) /* small limits, so that the limit paths run too */
        pol_parser_set_limit(p, POL_LIMIT_DEPTH, 3);
    if (pick & 0x20)
        pol_parser_set_limit(p, POL_LIMIT_LINE_BYTES, 256);
    pol_result *r = NULL;
    pol_error err;
    pol_status st = pol_parse(p, text, len, &r, &err);
    if (st == POL_OK)
        FUZZ_CHECK(r != NULL);
    else
        FUZZ_CHECK(r == NULL && err.status == st && err.message[0] != '\0');
    pol_parser_free(p);
    return r;
}

/* Collects an emitter's output so that it can be checked. */
typedef struct fuzz_sink {
    char *data;
    size_t len, cap;
} fuzz_sink;

static inline int fuzz_sink_write(const char *data, size_t len, void *user)
{
    fuzz_sink *s = user;
    if (s->len + len + 1 > s->cap) {
        size_t cap = s->cap ? s->cap : 4096;
        while (cap < s->len + len + 1)
            cap *= 2;
        char *d = realloc(s->data, cap);
        FUZZ_CHECK(d != NULL);
        s->data = d;
        s->cap = cap;
    }
    memcpy(s->data + s->len, data, len);
    s->len += len;
    s->data[s->len] = '\0';
    return 0;
}

/* Output is always well-formed UTF-8, whatever the input was. */
static inline int fuzz_valid_utf8(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        unsigned c = u[i];
        size_t k = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3
                 : (c & 0xF8) == 0xF0 ? 4 : 0;
        if (k == 0 || i + k > n || (k == 2 && c < 0xC2))
            return 0;
        for (size_t j = 1; j < k; j++)
            if ((u[i + j] & 0xC0) != 0x80)
                return 0;
        i += k;
    }
    return 1;
}

#ifdef STANDALONE
int main(int argc, char **argv)
{
    static char buf[1 << 22];
    int files = 0;
    for (int i = 1; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        if (!f) {
            perror(argv[i]);
            return 1;
        }
        size_t n = fread(buf, 1, sizeof buf, f);
        fclose(f);
        /* the file as libFuzzer saved it (a finding: its first byte is the
         * pick), then its whole text under a spread of picks */
        LLVMFuzzerTestOneInput((const uint8_t *)buf, n);
        for (unsigned pick = 0; pick < 256; pick += 37)
            fuzz_one(pick, buf, n);
        files++;
    }
    printf("%d passed, 0 failed\n", files);
    return 0;
}
#endif

#endif
