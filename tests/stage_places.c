/*
 * stage_places.c - the place bitmaps held to their definition
 * (places.c): at every byte of made texts of the bytes that matter, and,
 * over every line of the corpus, the bitmap's answers equal those read
 * from the line itself, as the stages rely on.  Runs on each path the CPU
 * has (AVX2 blocks, SSE2 blocks).  Internal, so static.
 */
#include "internal.h"
#include "test.h"

static const char *const kind_names[] = {"number", "mark", "citation"};

/* The bitmaps of text[0..n), as the stage marks them. */
static bool mark(const char *text, size_t n, pol_places *pl)
{
    pol_error err;
    struct pol_run run = {.err = &err, .norm = (char *)text, .norm_len = n};
    if (pol_places_mark(&run) != POL_OK)
        return false;
    *pl = run.places;
    return true;
}

/* The first i in [from, end) where pol_place_at holds over u[0..len), or end. */
static size_t first_place(pol_place_kind k, const unsigned char *u, size_t len, size_t from, size_t end)
{
    while (from < end && !pol_place_at(k, u, len, from))
        from++;
    return from;
}

/* Made texts of the bytes the kinds test (and a few others), every length
 * to 300: each bit against the definition, and both searches from every
 * byte of ranges that end anywhere. */
static void made_texts(void)
{
    static const unsigned char bytes[] = {
        '0', '5', '9', '/', ':', ';', '(', ')', '[', ']', '\\', '_', 'a', '\n', 0xE3, 0xE5, 0xE7, 0xEF,
        0x80, 0x81, 0x82, 0x83, 0x84, 0x86, 0x87, 0x88, 0x89, 0x8A, 0x8B, 0x8D, 0x90, 0x91, 0x94, 0x95,
        0x96, 0x99, 0x9A, 0x9B, 0xBA, 0xBB, 0xBC, 0xBD, 0xBE, 0xBF};
    unsigned seed = 12345;
    unsigned char text[300];
    int bad = 0;
    for (int t = 0; t < 3000 && bad < 5; t++) {
        size_t n = (size_t)t % 301;
        for (size_t i = 0; i < n; i++) {
            seed = seed * 1103515245u + 12345u;
            text[i] = bytes[(seed >> 16) % sizeof bytes];
        }
        pol_places pl;
        CHECK(mark((const char *)text, n, &pl));
        for (int k = 0; k < POL_PLACE_KINDS; k++) {
            for (size_t i = 0; i < n; i++) {
                bool bit = (pl.bits[(size_t)k * pl.words + i / 64] >> (i % 64)) & 1;
                if (bit != pol_place_at((pol_place_kind)k, text, n, i) && bad++ < 5)
                    fprintf(stderr, "%s place at %zu of %zu: bit %d\n", kind_names[k], i, n, bit);
            }
            /* a range [a, b): the bitmap reads past b, the line itself not */
            size_t a = (size_t)t % 7 < n ? (size_t)t % 7 : 0, cut = (size_t)t % 5;
            size_t b = n >= a + cut ? n - cut : n;
            const char *s = (const char *)text + a;
            for (size_t from = 0; from <= b - a; from++) {
                size_t want = first_place((pol_place_kind)k, text, n, a + from, b) - a;
                size_t got = pol_place_next(&pl, (pol_place_kind)k, s, b - a, from);
                size_t want_read = first_place((pol_place_kind)k, text + a, b - a, from, b - a);
                size_t got_read = pol_place_next_read((pol_place_kind)k, s, b - a, from);
                if ((got != want || got_read != want_read) && bad++ < 5)
                    fprintf(stderr, "%s places of [%zu, %zu) of %zu from %zu: %zu %zu, read %zu %zu\n",
                            kind_names[k], a, b, n, from, got, want, got_read, want_read);
            }
        }
        pol_places_free(&pl);
    }
    EQ_INT(bad, 0);
}

/* Over each line of a text (whole characters), every place the bitmap
 * gives is the one the line read by itself gives. */
static void lines_agree(const char *text, size_t n, int *bad)
{
    pol_places pl;
    CHECK(mark(text, n, &pl));
    for (size_t a = 0; a < n;) {
        const char *nl = memchr(text + a, '\n', n - a);
        size_t b = nl ? (size_t)(nl - text) : n;
        for (int k = 0; k < POL_PLACE_KINDS; k++)
            for (size_t from = 0;; from++) {
                size_t got = pol_place_next(&pl, (pol_place_kind)k, text + a, b - a, from);
                size_t want = pol_place_next_read((pol_place_kind)k, text + a, b - a, from);
                if (got != want && (*bad)++ < 5)
                    fprintf(stderr, "%s: line at %zu from %zu: %zu, read %zu\n", kind_names[k], a, from,
                            got, want);
                if (got >= b - a)
                    break;
                from = got;
            }
        a = b + 1;
    }
    pol_places_free(&pl);
}

static void corpus_text_lines(const char *text, size_t len, void *bad) { lines_agree(text, len, bad); }

static void corpus_lines(const char *root)
{
    pol_parser *parser = pol_parser_new(POL_OPT_DEFAULT, NULL);
    int bad = 0;
    CHECK(t_each_corpus_text(root, parser, corpus_text_lines, &bad) >= 5);
    EQ_INT(bad, 0);
    pol_parser_free(parser);
}

static void run_all(const char *root)
{
    made_texts();
    corpus_lines(root);
}

int main(void)
{
    const char *root = getenv("POL_SOURCE_ROOT");
    run_all(root ? root : ".");
#ifdef POL_AVX2
    pol_avx2_off = true;
    run_all(root ? root : ".");
#endif
    return t_report();
}
