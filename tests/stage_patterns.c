/*
 * stage_patterns.c - every pattern of lib/patterns.c against its documented
 * examples: the one it should match does (through the guards that refuse
 * subjects before PCRE2 runs), the one it should not does not, with JIT and
 * without.
 */
#include "internal.h"
#include "test.h"

static void check_all(unsigned options)
{
    pol_parser *p = pol_parser_new(options, NULL);
    CHECK(p != NULL);
    for (int id = 0; id < PAT_COUNT; id++) {
        const char *yes = pol_pattern_example((pol_pattern_id)id, true);
        const char *no = pol_pattern_example((pol_pattern_id)id, false);
        if (id == PAT_QUANTITY) /* built from the unit catalogue: stage_targets */
            continue;
        CHECK(yes != NULL && no != NULL);
        if (!yes || !no)
            continue;
        bool y = pol_pattern_match(&p->patterns, (pol_pattern_id)id, yes, strlen(yes), NULL);
        bool n = pol_pattern_match(&p->patterns, (pol_pattern_id)id, no, strlen(no), NULL);
        if (!y)
            fprintf(stderr, "pattern %d does not match \"%s\"\n", id, yes);
        if (n)
            fprintf(stderr, "pattern %d matches \"%s\"\n", id, no);
        CHECK(y);
        CHECK(!n);
    }
    EQ_INT(p->patterns.counts.limit_hits, 0);
    pol_parser_free(p);
}

int main(void)
{
    check_all(POL_OPT_DEFAULT);
    check_all(POL_OPT_NO_JIT);
    return t_report();
}
