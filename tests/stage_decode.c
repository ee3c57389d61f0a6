/*
 * stage_decode.c - each encoding read, with spans into the original bytes
 * (decode.c); bad bytes are in the catalogue of tests/hostile.c.  Every
 * test runs twice where the CPU has AVX2: with its 32-byte blocks, and
 * with the SSE2 path alone.  Internal, so static.
 */
#include "internal.h"
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

/* Where the first invalid UTF-8 byte is, read a character at a time by
 * the definition (RFC 3629): the reference decode.c's blocks must agree
 * with. */
static size_t first_invalid(const unsigned char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        unsigned c = s[i];
        size_t n = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3
                 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
        if (n == 0 || n > len - i)
            return i;
        unsigned cp = n == 1 ? c : n == 2 ? c & 0x1F : n == 3 ? c & 0x0F : c & 0x07;
        for (size_t k = 1; k < n; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return i;
            cp = cp << 6 | (s[i + k] & 0x3F);
        }
        static const unsigned least[] = {0, 0, 0x80, 0x800, 0x10000};
        if (cp < least[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return i;
        i += n;
    }
    return len;
}

static bool has_avx2(void)
{
#ifdef POL_AVX2
    return __builtin_cpu_supports("avx2");
#else
    return false;
#endif
}

/* Texts made of pieces, valid and not, in every mix and at every
 * alignment: the first bad byte is placed where the definition places it. */
static void made_texts(void)
{
    static const char *const pieces[] = {
        "a", "7", " ", "\n", "\xc2\xa9", "\xdf\xbf", "\xe4\xb8\x80", "\xe9\xbe\xa5",
        "\xe3\x80\x82", "\xef\xbc\x8c", "\xe0\xa4\x85", "\xed\x9f\xbf", "\xf0\x9f\x98\x80",
        "\xf4\x8f\xbf\xbf", "\xee\x80\x80",
        /* bad: stray continuation, lone leads, overlong, surrogate, too high, cut short */
        "\x80", "\xbf", "\xc0\xaf", "\xc1\xbf", "\xe0\x80\xaf", "\xed\xa0\x80", "\xf0\x8f\xbf\xbf",
        "\xf4\x90\x80\x80", "\xf5\x80\x80\x80", "\xff", "\xe4\xb8", "\xe4", "\xc3",
        "\xf0\x9f\x98"};
    size_t n_pieces = sizeof pieces / sizeof pieces[0], n_good = 15;
    pol_parser *p = pol_parser_new(POL_OPT_UTF8_ONLY, NULL);
    unsigned seed = 12345;
    char text[400];
    for (int round = 0; round < 6000; round++) {
        size_t len = 0;
        memcpy(text, "\xe5\x85\xac", 3); /* 公: not white space alone */
        len = 3;
        int bad_odds = round % 3 == 0 ? 0 : 1 + round % 60; /* one piece in that many is bad */
        while (len < 300) {
            seed = seed * 1103515245u + 12345u;
            unsigned r = seed >> 8;
            size_t k = bad_odds && r % (unsigned)bad_odds == 0 ? n_good + (r >> 8) % (n_pieces - n_good)
                                                               : (r >> 8) % n_good;
            size_t pl = strlen(pieces[k]);
            memcpy(text + len, pieces[k], pl);
            len += pl;
        }
        size_t want = first_invalid((const unsigned char *)text, len);
        /* the AVX2 blocks pass every whole block before the bad byte's
         * character (a character a block cuts may take the next), and
         * none after it; lines: one a \n in the blocks passed */
        size_t lines = 0, plain = pol_plain_prefix(text, len, &lines), nl = 0;
        for (size_t k = 0; k < plain; k++)
            nl += text[k] == '\n';
        EQ_INT(lines, nl);
        if (has_avx2()) {
            /* the first byte found bad is the bad character's first to
             * its fourth (a lead of four bytes cut short) */
            size_t whole = len - len % 32, lo = want / 32 * 32, hi = (want + 3) / 32 * 32;
            CHECK(plain >= (lo < whole ? lo : whole) && plain <= (hi < whole ? hi : whole));
        }
        pol_result *r = NULL;
        pol_error err;
        pol_status st = pol_parse(p, text, len, &r, &err);
        if (want == len) {
            EQ_INT(st, POL_OK);
        } else {
            EQ_INT(st, POL_ERR_ENCODING);
            EQ_INT(err.byte_offset, want);
        }
        pol_result_free(r);
    }
    pol_parser_free(p);
}

/* Line numbers wherever a line end falls against the sixteen-byte blocks
 * the control-byte check reads: headings of every length, blank lines
 * holding a tab, and (in the second text) CRLF from the 31st heading on
 * and CR alone from the 36th, whose CR sends the check to its one-byte
 * loop. */
static void line_ends_at_every_offset(void)
{
    for (int crlf = 0; crlf < 2; crlf++) {
        char text[4096];
        size_t len = 0;
        unsigned line = 1, want[41];
        for (int k = 1; k <= 40; k++) {
            want[k] = line;
            len += (size_t)snprintf(text + len, sizeof text - len, "%d.标题%.*s%s", k, k % 17,
                                    "xxxxxxxxxxxxxxxxx", !crlf || k <= 30 ? "\n" : k <= 35 ? "\r\n" : "\r");
            line++;
            if (k % 3 == 0) {
                len += (size_t)snprintf(text + len, sizeof text - len, "\t\n");
                line++;
            }
        }
        pol_result *r = NULL;
        pol_error err;
        EQ_INT(parse_bytes(text, len, &r, &err), POL_OK);
        for (int k = 1; k <= 40 && r; k++) {
            const pol_node *sec = t_nth(pol_result_root(r), POL_NODE_SECTION, k - 1);
            EQ_INT(sec ? pol_node_span(sec).first_line : 0, want[k]);
        }
        pol_result_free(r);
    }
    /* the line limit, which reads the lines' lengths from the index: the
     * longest line (the first, then the 20th) passes at its own length and
     * fails one byte below it */
    for (unsigned first = 0; first < 2; first++) {
        char text[4096];
        size_t len = 0, longest = 0;
        unsigned longest_line = 0;
        for (unsigned k = 1; k <= 40; k++) {
            size_t pad = k % 17 + (k == (first ? 1u : 20u) ? 20 : 0);
            size_t n = (size_t)snprintf(text + len, sizeof text - len, "%u.标题%.*s", k, (int)pad,
                                        "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
            if (n > longest)
                longest = n, longest_line = k;
            len += n;
            text[len++] = '\n';
        }
        for (int below = 0; below < 2; below++) {
            pol_parser *p = pol_parser_new(POL_OPT_UTF8_ONLY, NULL);
            pol_parser_set_limit(p, POL_LIMIT_LINE_BYTES, longest - (size_t)below);
            pol_result *r = NULL;
            pol_error err;
            EQ_INT(pol_parse(p, text, len, &r, &err), below ? POL_ERR_LIMIT : POL_OK);
            if (below)
                EQ_INT(err.line, longest_line);
            pol_result_free(r);
            pol_parser_free(p);
        }
    }
    /* a control byte opening each line: its line and column 1 */
    char text[2048];
    size_t len = 0;
    for (unsigned k = 1; k <= 40; k++) {
        char bad[2048];
        memcpy(bad, text, len);
        bad[len] = '\x01';
        pol_result *r = NULL;
        pol_error err;
        EQ_INT(parse_bytes(bad, len + 1, &r, &err), POL_ERR_ENCODING);
        EQ_INT(err.line, k);
        EQ_INT(err.column, 1);
        len += (size_t)snprintf(text + len, sizeof text - len, "%u.标题%.*s\n", k, (int)(k % 17),
                                "xxxxxxxxxxxxxxxxx");
    }
}

/* Line starts wherever a CR, a CRLF or a CR and a blank line fall
 * against the 32-byte blocks (a CR ends a block, its LF opens the next). */
static void cr_at_every_offset(void)
{
    static const char *const ends[] = {"\r", "\r\n", "\r\r\n", "\n\r"};
    for (size_t e = 0; e < sizeof ends / sizeof ends[0]; e++)
        for (int pad = 1; pad < 70; pad++) {
            char text[256];
            int n = snprintf(text, sizeof text, "一、%.*s%s二、目标\n三、任务\n", pad,
                             "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
                             ends[e]);
            pol_result *r = NULL;
            pol_error err;
            EQ_INT(parse_bytes(text, (size_t)n, &r, &err), POL_OK);
            unsigned second = e < 2 ? 2 : 3; /* \r\r\n and \n\r end two lines */
            const pol_node *s2 = r ? t_nth(pol_result_root(r), POL_NODE_SECTION, 1) : NULL;
            const pol_node *s3 = r ? t_nth(pol_result_root(r), POL_NODE_SECTION, 2) : NULL;
            EQ_INT(s2 ? pol_node_span(s2).first_line : 0, second);
            EQ_INT(s3 ? pol_node_span(s3).first_line : 0, second + 1);
            pol_result_free(r);
        }
}

/* A control byte (NUL, 01, 1F, DEL) at every offset of texts that the
 * blocks read, Chinese and ASCII, and a CR, tab, VT and FF, which are
 * text: the first is refused at its offset and line, the others read. */
static void controls_at_every_offset(void)
{
    static const char *const lines[] = {"一a、二b\n", "abcdefghijk\n"}; /* 12 bytes each */
    for (size_t l = 0; l < 2; l++) {
        char text[160];
        size_t len = 0;
        for (; len + 12 <= 150; len += 12)
            memcpy(text + len, lines[l], 12);
        for (size_t at = 0; at < len; at++) {
            static const char bytes[] = {'\0', '\x01', '\x1f', '\x7f', '\r', '\t', '\v', '\f'};
            for (size_t b = 0; b < sizeof bytes; b++) {
                char bad[160];
                memcpy(bad, text, len);
                bad[at] = bytes[b];
                pol_result *r = NULL;
                pol_error err;
                pol_status st = parse_bytes(bad, len, &r, &err);
                if (b < 4) {
                    EQ_INT(st, POL_ERR_ENCODING);
                    EQ_INT(err.byte_offset, at);
                    EQ_INT(err.line, at / 12 + 1);
                } else if ((unsigned char)text[at] < 0x80) {
                    EQ_INT(st, POL_OK); /* an ASCII byte replaced: still text */
                }
                pol_result_free(r);
            }
        }
    }
}

/* A BOM before a long text with CRLF line ends: each heading's line, its
 * byte offset in the input (the BOM's three bytes counted), the same on
 * each path. */
static void bom_and_crlf(void)
{
    char text[1024];
    size_t len = (size_t)snprintf(text, sizeof text, "\xef\xbb\xbf关于印发方案的通知\r\n");
    size_t at[6];
    for (int k = 0; k < 6; k++) {
        at[k] = len;
        len += (size_t)snprintf(text + len, sizeof text - len,
                                "%d.目标%d\r\n推进工作，到2025年完成投资100亿元。\r\n", k + 1, k);
    }
    pol_result *r = NULL;
    pol_error err;
    EQ_INT(parse_bytes(text, len, &r, &err), POL_OK);
    for (int k = 0; k < 6 && r; k++) {
        const pol_node *sec = t_nth(pol_result_root(r), POL_NODE_SECTION, (size_t)k);
        EQ_INT(sec ? pol_node_span(sec).first_line : 0, 2 + 2 * k);
        EQ_INT(sec ? pol_node_span(sec).byte_offset : 0, at[k]);
    }
    pol_result_free(r);
}

static void run_all(void)
{
    controls_at_every_offset();
    bom_and_crlf();
    line_ends_at_every_offset();
    cr_at_every_offset();
    bad_bytes_in_runs();
    made_texts();
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
}

int main(void)
{
    run_all();
#ifdef POL_AVX2
    pol_avx2_off = true;
    run_all();
#endif
    return t_report();
}
