/*
 * test.h - a minimal harness: each check counts, each failure prints where
 * it is and what differed, and main() ends with "N passed, N failed".
 */
#ifndef POL_TEST_H
#define POL_TEST_H

#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "policy.h"

static int t_passed, t_failed;

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (cond) {                                                                                \
            t_passed++;                                                                            \
        } else {                                                                                   \
            t_failed++;                                                                            \
            fprintf(stderr, "%s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #cond);              \
        }                                                                                          \
    } while (0)

#define EQ_INT(a, b)                                                                               \
    do {                                                                                           \
        long long a_ = (long long)(a), b_ = (long long)(b);                                        \
        if (a_ == b_) {                                                                            \
            t_passed++;                                                                            \
        } else {                                                                                   \
            t_failed++;                                                                            \
            fprintf(stderr, "%s:%d: %s == %lld, expected %lld\n", __FILE__, __LINE__, #a, a_, b_); \
        }                                                                                          \
    } while (0)

#define EQ_STR(a, b)                                                                               \
    do {                                                                                           \
        const char *a_ = (a), *b_ = (b);                                                           \
        if ((a_ == NULL && b_ == NULL) || (a_ && b_ && strcmp(a_, b_) == 0)) {                     \
            t_passed++;                                                                            \
        } else {                                                                                   \
            t_failed++;                                                                            \
            fprintf(stderr, "%s:%d: %s == \"%s\", expected \"%s\"\n", __FILE__, __LINE__, #a,      \
                    a_ ? a_ : "(null)", b_ ? b_ : "(null)");                                       \
        }                                                                                          \
    } while (0)

static inline int t_report(void)
{
    printf("%d passed, %d failed\n", t_passed, t_failed);
    return t_failed ? 1 : 0;
}

/* Parses a NUL-terminated text with a fresh parser; NULL on failure. */
static inline pol_result *t_parse(const char *text, unsigned options)
{
    pol_parser *p = pol_parser_new(options, NULL);
    pol_result *r = NULL;
    pol_error err;
    if (pol_parse(p, text, strlen(text), &r, &err) != POL_OK)
        fprintf(stderr, "parse failed: %s\n", err.message);
    pol_parser_free(p);
    return r;
}

/* The first document node, and the n-th section in document order. */
static inline const pol_node *t_doc(const pol_result *r)
{
    return pol_node_first_child(pol_result_root(r));
}

static inline const pol_node *t_nth(const pol_node *from, pol_node_type type, int n)
{
    pol_iter *it = pol_iter_new(from);
    const pol_node *found = NULL;
    pol_event ev;
    while ((ev = pol_iter_next(it)) != POL_EVENT_DONE) {
        const pol_node *nd = pol_iter_node(it);
        if (ev == POL_EVENT_ENTER && pol_node_get_type(nd) == type && n-- == 0) {
            found = nd;
            break;
        }
    }
    pol_iter_free(it);
    return found;
}

/* Calls fn with the normalized text (as the stages see it) of each .txt
 * of corpus/ and corpus/extra under root, parsed with `parser`; returns
 * how many. */
static inline int t_each_corpus_text(const char *root, pol_parser *parser,
                                     void (*fn)(const char *text, size_t len, void *ctx), void *ctx)
{
    const char *dirs[] = {"corpus", "corpus/extra"};
    int texts = 0;
    for (size_t d = 0; d < 2; d++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", root, dirs[d]);
        DIR *dir = opendir(path);
        CHECK(dir != NULL);
        for (struct dirent *e; dir && (e = readdir(dir));) {
            size_t n = strlen(e->d_name);
            if (n < 4 || strcmp(e->d_name + n - 4, ".txt") != 0)
                continue;
            snprintf(path, sizeof path, "%s/%s/%s", root, dirs[d], e->d_name);
            pol_result *r;
            CHECK(pol_parse_file(parser, path, &r, NULL) == POL_OK);
            size_t len;
            const char *text = pol_result_text(r, &len);
            fn(text, len, ctx);
            texts++;
            pol_result_free(r);
        }
        if (dir)
            closedir(dir);
    }
    return texts;
}

#endif
