/*
 * stage_decode.c - each encoding read, with spans into the original bytes
 * (decode.c); bad bytes are in the catalogue of tests/hostile.c.
 */
#include "test.h"

static pol_status parse_bytes(const char *bytes, size_t len, pol_result **out, pol_error *err)
{
    pol_parser *p = pol_parser_new(0, NULL);
    pol_status st = pol_parse(p, bytes, len, out, err);
    pol_parser_free(p);
    return st;
}

/* Parses bytes that must decode; checks the encoding and the first title. */
static void reads(const char *bytes, size_t len, const char *encoding, const char *title)
{
    pol_result *r = NULL;
    pol_error err;
    EQ_INT(parse_bytes(bytes, len, &r, &err), POL_OK);
    if (!r)
        return;
    EQ_STR(pol_result_encoding(r), encoding);
    const pol_node *s = t_nth(pol_result_root(r), POL_NODE_SECTION, 0);
    EQ_STR(pol_section_title(s), title);
    pol_result_free(r);
}

/* A bad byte is found, and placed exactly, wherever it falls in a long run
 * of Chinese (decode.c reads such runs five characters at a time): a
 * continuation byte lost, a lead byte lost, an overlong 公 (E0 85 AC) and a
 * surrogate 一 (ED B8 80), at each character of a run of forty. */
static void bad_bytes_in_runs(void)
{
    pol_parser *p = pol_parser_new(POL_OPT_UTF8_ONLY, NULL);
    char text[128];
    size_t len = 0;
    for (int k = 0; k < 20; k++, len += 6)
        memcpy(text + len, "\xe5\x85\xac\xe4\xb8\x80", 6); /* 公一 */
    text[len++] = '\n';
    for (size_t c = 0; c < 40; c++) {
        size_t at = 3 * c;
        bool gong = c % 2 == 0;
        const struct { size_t off; char byte; } cuts[] = {
            {at + 1, 'a'}, {at + 2, 'a'}, {at, '\x80'}, {at, gong ? '\xe0' : '\xed'}};
        for (size_t k = 0; k < sizeof cuts / sizeof cuts[0]; k++) {
            char saved = text[cuts[k].off];
            text[cuts[k].off] = cuts[k].byte;
            pol_result *r = NULL;
            pol_error err;
            EQ_INT(pol_parse(p, text, len, &r, &err), POL_ERR_ENCODING);
            EQ_INT(err.byte_offset, at);
            pol_result_free(r);
            text[cuts[k].off] = saved;
        }
    }
    pol_result *r = NULL;
    pol_error err;
    EQ_INT(pol_parse(p, text, len, &r, &err), POL_OK); /* and whole, it reads */
    pol_result_free(r);
    pol_parser_free(p);
}

int main(void)
{
    bad_bytes_in_runs();
    /* 一、目标 in each encoding */
    reads("\xe4\xb8\x80\xe3\x80\x81\xe7\x9b\xae\xe6\xa0\x87\n", 13, "UTF-8", "目标");
    reads("\xef\xbb\xbf\xe4\xb8\x80\xe3\x80\x81\xe7\x9b\xae\xe6\xa0\x87\n", 16, "UTF-8", "目标");
    reads("\xff\xfe\x00\x4e\x01\x30\xee\x76\x07\x68\x0a\x00", 12, "UTF-16LE", "目标");
    reads("\xfe\xff\x4e\x00\x30\x01\x76\xee\x68\x07\x00\x0a", 12, "UTF-16BE", "目标");
    /* GBK bytes: D2BB 一, A1A2 、, C4BF 目, B1EA 标 */
    reads("\xd2\xbb\xa1\xa2\xc4\xbf\xb1\xea\r\n", 10, "GB18030", "目标");
    /* CR and CRLF line ends */
    reads("\xe4\xb8\x80\xe3\x80\x81\xe7\x9b\xae\xe6\xa0\x87\r", 13, "UTF-8", "目标");

    /* spans point into the original bytes whatever the encoding */
    {
        pol_result *r = NULL;
        pol_error err;
        const char utf16[] = "\xff\xfe\x0a\x00\x00\x4e\x01\x30\xee\x76\x07\x68";
        EQ_INT(parse_bytes(utf16, sizeof utf16 - 1, &r, &err), POL_OK);
        const pol_node *s = t_nth(pol_result_root(r), POL_NODE_SECTION, 0);
        pol_span sp = pol_node_span(s);
        EQ_INT(sp.byte_offset, 4);
        EQ_INT(sp.len_bytes, 8);
        EQ_INT(sp.first_line, 2);
        pol_result_free(r);
        const char gbk[] = "\n\n\xd2\xbb\xa1\xa2\xc4\xbf\xb1\xea";
        EQ_INT(parse_bytes(gbk, sizeof gbk - 1, &r, &err), POL_OK);
        sp = pol_node_span(t_nth(pol_result_root(r), POL_NODE_SECTION, 0));
        EQ_INT(sp.byte_offset, 2);
        EQ_INT(sp.len_bytes, 8);
        EQ_INT(sp.first_line, 3);
        pol_result_free(r);
    }

    /* bad input and limits: tests/hostile.c */
    return t_report();
}
