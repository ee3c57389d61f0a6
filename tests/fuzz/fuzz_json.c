/*
 * fuzz_json.c - libFuzzer target for the JSON writer: its output must be
 * UTF-8 with balanced brackets outside strings, and its length must not
 * depend on being written in pieces.
 */
#include "fuzz_common.h"

/* Brackets balance and strings close: a cheap structural check. */
static int json_balanced(const char *s, size_t n)
{
    int depth = 0, in_string = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (in_string) {
            if (c == '\\')
                i++;
            else if (c == '"')
                in_string = 0;
            else if ((unsigned char)c < 0x20)
                return 0; /* a control character must be escaped */
        } else if (c == '"') {
            in_string = 1;
        } else if (c == '{' || c == '[') {
            depth++;
        } else if (c == '}' || c == ']') {
            if (--depth < 0)
                return 0;
        }
    }
    return depth == 0 && !in_string;
}

static void fuzz_one(unsigned pick, const char *text, size_t len)
{
    pol_result *r = fuzz_parse_pick(pick & 0xE3u, text, len);
    if (!r)
        return;
    fuzz_sink out = {0};
    unsigned flags = (pick >> 2) & 7u; /* COMPACT, NO_TEXT, NO_SPANS */
    FUZZ_CHECK(pol_emit_json(r, "fuzz\"\\\n", flags, fuzz_sink_write, &out, NULL) == POL_OK);
    FUZZ_CHECK(fuzz_valid_utf8(out.data, out.len));
    FUZZ_CHECK(json_balanced(out.data, out.len));
    free(out.data);
    pol_result_free(r);
}
