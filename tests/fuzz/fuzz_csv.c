/*
 * fuzz_csv.c - libFuzzer target for the CSV tables: every table's rows
 * must have the header's number of fields under RFC 4180 quoting.
 */
#include "fuzz_common.h"

/* Counts the fields of each record; -1 when quoting is broken or a record
 * has a different count from the first. */
static int csv_fields(const char *s, size_t n)
{
    int want = -1, fields = 1, in_quotes = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (in_quotes) {
            if (c == '"') {
                if (i + 1 < n && s[i + 1] == '"')
                    i++;
                else
                    in_quotes = 0;
            }
        } else if (c == '"') {
            in_quotes = 1;
        } else if (c == ',') {
            fields++;
        } else if (c == '\n') {
            if (want < 0)
                want = fields;
            else if (fields != want)
                return -1;
            fields = 1;
        }
    }
    return in_quotes ? -1 : want;
}

static void fuzz_one(unsigned pick, const char *text, size_t len)
{
    pol_result *r = fuzz_parse_pick(pick & 0xE3u, text, len);
    if (!r)
        return;
    for (pol_table t = POL_TABLE_TASKS; t <= POL_TABLE_TARGETS; t++) {
        fuzz_sink out = {0};
        FUZZ_CHECK(pol_emit_csv(r, "fuzz,\"x\"\n", t, fuzz_sink_write, &out, NULL) == POL_OK);
        FUZZ_CHECK(fuzz_valid_utf8(out.data, out.len));
        FUZZ_CHECK(csv_fields(out.data, out.len) > 1);
        free(out.data);
    }
    pol_result_free(r);
}
