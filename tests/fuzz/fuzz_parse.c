/*
 * fuzz_parse.c - libFuzzer target: the first byte picks the parser options
 * and the output (JSON, XML, CSV tasks/agencies/targets), the rest is the
 * input.  Built with -Dfuzzing=true (clang, -fsanitize=fuzzer,address,undefined).
 *
 * With STANDALONE defined it has a main() that replays the files named on
 * its command line, so the suite runs it over the seeds as a plain test.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "policy.h"

static int discard(const char *data, size_t len, void *user)
{
    (void)data;
    (void)len;
    (void)user;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    unsigned pick = data[0];
    unsigned options = pick & 3u; /* POL_OPT_NO_JOIN, POL_OPT_UTF8_ONLY */
    pol_parser *p = pol_parser_new(options, NULL);
    if (!p)
        return 0;
    if (pick & 0x80)
        pol_parser_add_alias(p, "工信局", "工业和信息化局");
    pol_result *r = NULL;
    if (pol_parse(p, (const char *)data + 1, size - 1, &r, NULL) == POL_OK) {
        unsigned flags = (pick >> 2) & 7u;
        switch ((pick >> 5) & 3u) {
        case 0: pol_emit_json(r, "fuzz", flags, discard, NULL, NULL); break;
        case 1: pol_emit_xml(r, "fuzz", flags, discard, NULL, NULL); break;
        case 2: pol_emit_csv(r, "fuzz", POL_TABLE_TASKS, discard, NULL, NULL); break;
        default:
            pol_emit_csv(r, "fuzz", POL_TABLE_TARGETS, discard, NULL, NULL);
            pol_emit_csv(r, "fuzz", POL_TABLE_AGENCIES, discard, NULL, NULL);
        }
        /* walk everything the accessors give */
        pol_iter *it = pol_iter_new(pol_result_root(r));
        while (pol_iter_next(it) != POL_EVENT_DONE) {
            const pol_node *n = pol_iter_node(it);
            (void)pol_node_span(n);
            for (size_t i = 0; i < pol_node_target_count(n); i++)
                (void)pol_target_indicator(pol_node_target(n, i));
        }
        pol_iter_free(it);
    }
    pol_result_free(r);
    pol_parser_free(p);
    return 0;
}

#ifdef STANDALONE
int main(int argc, char **argv)
{
    int files = 0;
    for (int i = 1; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        if (!f) {
            perror(argv[i]);
            return 1;
        }
        static uint8_t buf[1 << 20];
        size_t n = fread(buf + 1, 1, sizeof buf - 1, f);
        fclose(f);
        /* each seed under every option and output the first byte can pick */
        for (unsigned pick = 0; pick < 256; pick += 37) {
            buf[0] = (uint8_t)pick;
            LLVMFuzzerTestOneInput(buf, n + 1);
        }
        files++;
    }
    printf("%d passed, 0 failed\n", files);
    return 0;
}
#endif
