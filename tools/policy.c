/*
 * policy - convert Chinese government policy texts to JSON or XML.
 *
 * A thin client of libpolicy's public API: it parses argv, calls
 * pol_parse_file() (or pol_parse() on standard input) and writes with
 * pol_emit_json()/pol_emit_xml().  Exit status: 0 all converted, 1 some
 * input rejected or output failed, 2 usage.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <stdbool.h>

#include "policy.h"
#include "safe_output.h"

static void usage(FILE *f)
{
    fputs("usage: policy [--format json|xml|csv] [--table tasks|agencies|targets] [--compact]\n"
          "              [--no-text] [--no-spans] [--no-join] [--no-jit] [--aliases TSV]\n"
          "              [--max-input SIZE] [--max-line SIZE] [--max-depth N] [--max-nodes N]\n"
          "              [-o OUT|DIR/] [FILE...]\n"
          "Reads each FILE (standard input when none is given) and writes its\n"
          "documents, sections and metadata as JSON (default) or XML, to standard\n"
          "output, to OUT, or to DIR/NAME.json (.xml) for each input when -o names\n"
          "a directory.\n",
          f);
}

static int write_file(const char *data, size_t len, void *user)
{
    return fwrite(data, 1, len, (FILE *)user) == len ? 0 : -1;
}

static int read_stdin(char **data, size_t *len)
{
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    if (!buf)
        return -1;
    size_t got;
    while ((got = fread(buf + n, 1, cap - n, stdin)) > 0) {
        n += got;
        if (n == cap) {
            char *bigger = realloc(buf, cap * 2);
            if (!bigger) {
                free(buf);
                return -1;
            }
            buf = bigger;
            cap *= 2;
        }
    }
    if (ferror(stdin)) {
        free(buf);
        return -1;
    }
    *data = buf;
    *len = n;
    return 0;
}

/* "64M" -> 67108864; 0 for anything that is not a positive size. */
static size_t parse_size(const char *s)
{
    char *end;
    unsigned long long v = strtoull(s, &end, 10);
    if (end == s || *s == '-')
        return 0;
    int shift = *end == 'K' || *end == 'k' ? 10 : *end == 'M' ? 20 : *end == 'G' ? 30 : 0;
    if (shift)
        end++;
    if (*end != '\0' || v > (SIZE_MAX >> shift))
        return 0;
    return (size_t)(v << shift);
}

static void report(const char *name, const pol_error *err)
{
    if (err->line)
        fprintf(stderr, "policy: %s:%u:%u: %s\n", name, err->line, err->column, err->message);
    else
        fprintf(stderr, "policy: %s: %s\n", name, err->message);
}

int main(int argc, char **argv)
{
    const char *format = "json", *out_path = NULL, *table = "tasks", *aliases = NULL;
    unsigned emit_flags = POL_EMIT_DEFAULT, options = POL_OPT_DEFAULT;
    size_t limits[4] = {0}; /* by pol_limit; 0 keeps the library's default */
    static const char *const limit_options[4] = {"--max-input", "--max-depth", "--max-nodes",
                                                 "--max-line"};
    int first_file = argc;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int limit = -1;
        for (int k = 0; k < 4; k++)
            if (strcmp(a, limit_options[k]) == 0)
                limit = k;
        if (limit >= 0) {
            if (++i >= argc)
                return usage(stderr), 2;
            if ((limits[limit] = parse_size(argv[i])) == 0) {
                fprintf(stderr, "policy: %s needs a positive size, not %s\n", a, argv[i]);
                return 2;
            }
        } else if (strcmp(a, "--format") == 0 || strcmp(a, "-t") == 0) {
            if (++i >= argc)
                return usage(stderr), 2;
            format = argv[i];
        } else if (strncmp(a, "--format=", 9) == 0) {
            format = a + 9;
        } else if (strcmp(a, "--aliases") == 0) {
            if (++i >= argc)
                return usage(stderr), 2;
            aliases = argv[i];
        } else if (strcmp(a, "--table") == 0) {
            if (++i >= argc)
                return usage(stderr), 2;
            table = argv[i];
        } else if (strcmp(a, "-o") == 0) {
            if (++i >= argc)
                return usage(stderr), 2;
            out_path = argv[i];
        } else if (strcmp(a, "--compact") == 0) {
            emit_flags |= POL_EMIT_COMPACT;
        } else if (strcmp(a, "--no-text") == 0) {
            emit_flags |= POL_EMIT_NO_TEXT;
        } else if (strcmp(a, "--no-spans") == 0) {
            emit_flags |= POL_EMIT_NO_SPANS;
        } else if (strcmp(a, "--no-join") == 0) {
            options |= POL_OPT_NO_JOIN;
        } else if (strcmp(a, "--no-jit") == 0) {
            options |= POL_OPT_NO_JIT;
        } else if (strcmp(a, "--version") == 0) {
            printf("policy %s\n", pol_version_string());
            return 0;
        } else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            usage(stdout);
            return 0;
        } else if (strcmp(a, "--") == 0) {
            first_file = i + 1;
            break;
        } else if (a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, "policy: unknown option %s\n", a);
            return usage(stderr), 2;
        } else {
            first_file = i;
            break;
        }
    }
    if (strcmp(format, "json") != 0 && strcmp(format, "xml") != 0 && strcmp(format, "csv") != 0) {
        fprintf(stderr, "policy: unknown format %s (json, xml or csv)\n", format);
        return 2;
    }
    if (strcmp(table, "tasks") != 0 && strcmp(table, "agencies") != 0 && strcmp(table, "targets") != 0) {
        fprintf(stderr, "policy: unknown table %s (tasks, agencies or targets)\n", table);
        return 2;
    }
    pol_error err;
    pol_parser *parser = pol_parser_new(options, &err);
    for (int k = 0; parser && k < 4; k++)
        if (limits[k])
            pol_parser_set_limit(parser, (pol_limit)k, limits[k]);
    if (!parser || (aliases && pol_parser_load_aliases(parser, aliases, &err) != POL_OK)) {
        report(parser ? aliases : "parser", &err);
        pol_parser_free(parser);
        return 1;
    }
    struct stat st_out;
    bool to_dir = out_path && (out_path[strlen(out_path) - 1] == '/' ||
                               (stat(out_path, &st_out) == 0 && S_ISDIR(st_out.st_mode)));
    safe_output_init();
    for (int i = first_file; out_path && !to_dir && i < argc; i++)
        if (same_file(out_path, argv[i])) {
            fprintf(stderr, "policy: %s: will not write over an input\n", out_path);
            pol_parser_free(parser);
            return 2;
        }
    FILE *out = stdout;
    safe_file whole;
    if (out_path && !to_dir && !(out = safe_open(&whole, out_path))) {
        perror(out_path);
        pol_parser_free(parser);
        return 1;
    }
    int status = 0;
    bool write_failed = false;
    int n_files = argc - first_file;
    for (int i = 0; i < (n_files > 0 ? n_files : 1); i++) {
        const char *name = n_files > 0 ? argv[first_file + i] : "-";
        pol_result *res = NULL;
        pol_status st;
        if (strcmp(name, "-") == 0) {
            char *data;
            size_t len;
            if (read_stdin(&data, &len) != 0) {
                fprintf(stderr, "policy: -: cannot read standard input\n");
                status = 1;
                continue;
            }
            st = pol_parse(parser, data, len, &res, &err);
            free(data);
        } else {
            st = pol_parse_file(parser, name, &res, &err);
        }
        if (st != POL_OK) {
            report(name, &err);
            status = 1;
            continue;
        }
        FILE *dest = out;
        char path[4096];
        safe_file one;
        if (to_dir) {
            /* DIR/NAME.json for each input NAME.txt */
            const char *base = strrchr(name, '/') ? strrchr(name, '/') + 1 : name;
            const char *dot = strrchr(base, '.');
            int stem = dot && dot != base ? (int)(dot - base) : (int)strlen(base);
            snprintf(path, sizeof path, "%s%s%.*s.%s", out_path,
                     out_path[strlen(out_path) - 1] == '/' ? "" : "/", stem, base, format);
            if (same_file(path, name)) {
                fprintf(stderr, "policy: %s: will not write over an input\n", path);
                pol_result_free(res);
                status = 1;
                continue;
            }
            if (!(dest = safe_open(&one, path))) {
                perror(path);
                pol_result_free(res);
                status = 1;
                continue;
            }
        }
        const char *source = to_dir ? (strrchr(name, '/') ? strrchr(name, '/') + 1 : name) : name;
        if (strcmp(format, "csv") == 0)
            st = pol_emit_csv(res, source,
                              strcmp(table, "agencies") == 0  ? POL_TABLE_AGENCIES
                              : strcmp(table, "targets") == 0 ? POL_TABLE_TARGETS
                                                              : POL_TABLE_TASKS,
                              write_file, dest, &err);
        else if (strcmp(format, "xml") == 0)
            st = pol_emit_xml(res, source, emit_flags, write_file, dest, &err);
        else
            st = pol_emit_json(res, source, emit_flags, write_file, dest, &err);
        pol_result_free(res);
        if (st != POL_OK) {
            report(name, &err);
            status = 1;
            write_failed = write_failed || st == POL_ERR_WRITE;
        }
        if (dest != out && safe_close(&one, st == POL_OK) != 0) {
            perror(path);
            status = 1;
        }
    }
    /* a single output file is renamed into place only when all of it was written */
    if (out != stdout ? safe_close(&whole, !write_failed) != 0 : fflush(out) != 0) {
        perror(out_path ? out_path : "stdout");
        status = 1;
    }
    pol_parser_free(parser);
    return status;
}
