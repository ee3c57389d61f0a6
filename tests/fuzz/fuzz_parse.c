/*
 * fuzz_parse.c - libFuzzer target for parsing: every option set and limit
 * the first byte picks, then a walk over every node, span, task, agency,
 * target and reference of the result through the public accessors.
 */
#include "fuzz_common.h"

static void check_span(const pol_result *r, const pol_node *n, size_t input_len)
{
    pol_span s = pol_node_span(n);
    FUZZ_CHECK(s.byte_offset <= input_len && s.len_bytes <= input_len - s.byte_offset);
    FUZZ_CHECK(s.first_line <= s.last_line);
    (void)r;
}

/* Every string the result gives is UTF-8, whatever the input held. */
#define UTF8(str)                                                 \
    do {                                                          \
        const char *s_ = (str);                                   \
        FUZZ_CHECK(!s_ || fuzz_valid_utf8(s_, strlen(s_)));       \
    } while (0)

static void fuzz_one(unsigned pick, const char *text, size_t len)
{
    pol_result *r = fuzz_parse_pick(pick, text, len);
    if (!r)
        return;
    size_t tlen = 0;
    const char *t = pol_result_text(r, &tlen);
    FUZZ_CHECK(fuzz_valid_utf8(t, tlen));
    pol_iter *it = pol_iter_new(pol_result_root(r));
    FUZZ_CHECK(it != NULL);
    while (pol_iter_next(it) != POL_EVENT_DONE) {
        const pol_node *n = pol_iter_node(it);
        check_span(r, n, len);
        UTF8(pol_node_text(n));
        UTF8(pol_section_title(n));
        UTF8(pol_section_label(n));
        UTF8(pol_task_title(n));
        UTF8(pol_task_deadline(n));
        for (size_t i = 0; i < pol_node_target_count(n); i++) {
            const pol_target *t = pol_node_target(n, i);
            UTF8(pol_target_indicator(t));
            UTF8(pol_target_unit(t));
            UTF8(pol_target_base_unit(t));
            UTF8(pol_target_text(t));
        }
        for (size_t i = 0; i < pol_task_agency_count(n); i++) {
            FUZZ_CHECK(pol_agency_name(pol_task_agency(n, i)) != NULL);
            UTF8(pol_agency_name(pol_task_agency(n, i)));
            UTF8(pol_agency_as_written(pol_task_agency(n, i)));
        }
        if (pol_node_get_type(n) == POL_NODE_DOCUMENT) {
            UTF8(pol_document_title(n));
            UTF8(pol_document_number(n));
            UTF8(pol_document_issuer(n));
            UTF8(pol_document_recipients(n));
            UTF8(pol_document_cc(n));
            UTF8(pol_document_printed(n));
            for (size_t i = 0; i < pol_document_reference_count(n); i++) {
                UTF8(pol_reference_title(pol_document_reference(n, i)));
                UTF8(pol_reference_number(pol_document_reference(n, i)));
            }
            for (size_t i = 0; i < pol_document_agency_count(n); i++)
                (void)pol_agency_task_count(pol_document_agency(n, i), POL_AGENCY_LEAD);
        }
    }
    pol_iter_free(it);
    for (size_t i = 0; i < pol_result_warning_count(r); i++)
        FUZZ_CHECK(pol_result_warning(r, i, NULL) != NULL);
    pol_result_free(r);
}
