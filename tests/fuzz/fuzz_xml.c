/*
 * fuzz_xml.c - libFuzzer target for the XML writer: libxml2 must read its
 * output back as a well-formed document, whatever the input held.
 */
#include <libxml/parser.h>

#include "fuzz_common.h"

static void fuzz_one(unsigned pick, const char *text, size_t len)
{
    pol_result *r = fuzz_parse_pick(pick & 0xE3u, text, len);
    if (!r)
        return;
    fuzz_sink out = {0};
    unsigned flags = (pick >> 2) & 7u;
    FUZZ_CHECK(pol_emit_xml(r, "fuzz<&\">", flags, fuzz_sink_write, &out, NULL) == POL_OK);
    FUZZ_CHECK(fuzz_valid_utf8(out.data, out.len));
    xmlDocPtr doc = xmlReadMemory(out.data, (int)out.len, "fuzz.xml", NULL,
                                  XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                      XML_PARSE_HUGE);
    FUZZ_CHECK(doc != NULL);
    xmlFreeDoc(doc);
    free(out.data);
    pol_result_free(r);
}
