/*
 * policy - convert Chinese government policy texts to JSON, XML or CSV.
 *
 * A thin client of libpolicy's public API.  Inputs are files, standard
 * input, or (--stdin-jsonl) one JSON record per line; each becomes a job
 * that a parser parses (with -j N, on N threads, one parser each, through
 * batch.c) and whose output is written in input order: to standard output,
 * to one file, to one file per input in a directory, or one JSON line per
 * input (--jsonl).  Exit status: 0 all converted, 1 some input rejected or
 * output failed, 2 usage.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "batch.h"
#include "jsonl.h"
#include "policy.h"
#include "safe_output.h"

static void usage(FILE *f)
{
    fputs("usage: policy [--format json|xml|csv] [--table tasks|agencies|targets] [--compact]\n"
          "              [--no-text] [--no-spans] [--no-join] [--no-jit] [--aliases TSV]\n"
          "              [--max-input SIZE] [--max-line SIZE] [--max-depth N] [--max-nodes N]\n"
          "              [-j N] [--jsonl] [-o OUT|DIR/] [FILE...]\n"
          "       policy --stdin-jsonl [-j N] [options] < records.jsonl\n"
          "Reads each FILE (standard input when none is given) and writes its\n"
          "documents, sections, tasks and targets as JSON (default), XML or CSV, to\n"
          "standard output, to OUT, or to DIR/NAME.json (.xml, .csv) for each input\n"
          "when -o names a directory.  -j N converts N inputs at a time; --jsonl\n"
          "writes one JSON line per input; --stdin-jsonl reads lines\n"
          "{\"id\": ..., \"text\": \"...\"} and writes {\"id\": ..., \"result\": {...}} per line.\n",
          f);
}

/* ------------------------------------------------------------ memory output */

typedef struct membuf {
    char *data;
    size_t len, cap;
    bool failed;
} membuf;

/* Room for `more` bytes past what m holds; false if memory ran out. */
static bool membuf_reserve(membuf *m, size_t more)
{
    if (m->len + more <= m->cap)
        return true;
    size_t cap = m->cap ? m->cap : 4096;
    while (cap < m->len + more)
        cap *= 2;
    char *d = realloc(m->data, cap);
    if (!d) {
        m->failed = true;
        return false;
    }
    m->data = d;
    m->cap = cap;
    return true;
}

/* Room for a result's output at once: grown by doubling, a large result's
 * buffer was copied several times over (a sixtieth of a --jsonl run).  JSON
 * with the text is about three times the text, so four leaves room; a
 * shorter form leaves the pages it does not reach untouched. */
static void membuf_reserve_result(membuf *m, const pol_result *result)
{
    size_t len = 0;
    pol_result_text(result, &len);
    if (len < SIZE_MAX / 4)
        membuf_reserve(m, 4 * len + 4096);
}

static int membuf_write(const char *data, size_t len, void *user)
{
    membuf *m = user;
    if (!membuf_reserve(m, len))
        return -1;
    memcpy(m->data + m->len, data, len);
    m->len += len;
    return 0;
}

static void membuf_puts(membuf *m, const char *s) { membuf_write(s, strlen(s), m); }

/* A JSON string, escaped. */
static void membuf_json_string(membuf *m, const char *s)
{
    membuf_puts(m, "\"");
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        char esc[8];
        if (c == '"' || c == '\\') {
            esc[0] = '\\', esc[1] = (char)c, esc[2] = '\0';
            membuf_puts(m, esc);
        } else if (c < 0x20) {
            snprintf(esc, sizeof esc, "\\u%04x", c);
            membuf_puts(m, esc);
        } else {
            membuf_write((const char *)&c, 1, m);
        }
    }
    membuf_puts(m, "\"");
}

static int write_file(const char *data, size_t len, void *user)
{
    return fwrite(data, 1, len, (FILE *)user) == len ? 0 : -1;
}

/* ------------------------------------------------------------------ the run */

typedef struct options {
    const char *format, *table, *out_path, *aliases;
    unsigned emit_flags, parse_options;
    size_t limits[4];
    int threads;
    bool jsonl, stdin_jsonl, to_dir;
} options;

typedef struct job {
    size_t index;
    const char *name;  /* file name, "-", or NULL for a record */
    char *id;          /* a record's id, as JSON text */
    char *data;        /* the input, when not read from a file */
    size_t len;
    char bad_record[160]; /* why a --stdin-jsonl line is no record */
    char label[48];       /* how messages name a record: "record 12" */
    pol_result *result;
    pol_status status;
    pol_error err;
    membuf out;        /* the output, when a worker wrote it */
    size_t bytes_in;
} job;

typedef struct run {
    const options *opt;
    pol_parser **parsers; /* one per worker */
    char **files;
    size_t n_files, next_file;
    size_t record_line;   /* --stdin-jsonl: lines read */
    FILE *out;            /* standard output or the one -o file */
    bool buffered;        /* workers write output to memory (-j > 1) */
    int status;
    bool write_failed;
    /* progress */
    bool show_progress;
    size_t done, errors, bytes;
    struct timespec start, last_shown;
} run;

static double seconds_since(const struct timespec *t)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - t->tv_sec) + (double)(now.tv_nsec - t->tv_nsec) / 1e9;
}

static void report(const char *name, const pol_error *err)
{
    if (err->line)
        fprintf(stderr, "policy: %s:%u:%u: %s\n", name, err->line, err->column, err->message);
    else
        fprintf(stderr, "policy: %s: %s\n", name, err->message);
}

static int read_all(FILE *f, char **data, size_t *len)
{
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    if (!buf)
        return -1;
    size_t got;
    while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
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
    if (ferror(f)) {
        free(buf);
        return -1;
    }
    *data = buf;
    *len = n;
    return 0;
}

/* The next input: a file, standard input, or a --stdin-jsonl line. */
static bool next_job(void *ctx, void **out)
{
    run *rn = ctx;
    job *j = calloc(1, sizeof *j);
    if (!j)
        return false;
    if (rn->opt->stdin_jsonl) {
        char *line = NULL;
        size_t cap = 0;
        ssize_t n = getline(&line, &cap, stdin);
        if (n < 0) {
            free(line);
            free(j);
            return false;
        }
        rn->record_line++;
        snprintf(j->label, sizeof j->label, "record %zu", rn->record_line);
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            n--;
        jsonl_record rec;
        if (jsonl_parse(line, (size_t)n, &rec)) {
            j->data = rec.text;
            j->len = rec.text_len;
        } else {
            snprintf(j->bad_record, sizeof j->bad_record, "not a record: %s", rec.error);
            free(rec.text);
        }
        j->id = rec.id;
        j->bytes_in = (size_t)n;
        free(line);
    } else if (rn->n_files == 0) {
        if (rn->next_file++ > 0) {
            free(j);
            return false;
        }
        j->name = "-";
        if (read_all(stdin, &j->data, &j->len) != 0)
            snprintf(j->bad_record, sizeof j->bad_record, "cannot read standard input");
        j->bytes_in = j->len;
    } else {
        if (rn->next_file >= rn->n_files) {
            free(j);
            return false;
        }
        j->name = rn->files[rn->next_file++];
        if (strcmp(j->name, "-") == 0 && read_all(stdin, &j->data, &j->len) != 0)
            snprintf(j->bad_record, sizeof j->bad_record, "cannot read standard input");
    }
    *out = j;
    return true;
}

/* The name a result is written under: the file's base name in -o DIR. */
static const char *source_name(const run *rn, const job *j)
{
    if (!j->name)
        return "-";
    const char *slash = strrchr(j->name, '/');
    return rn->opt->to_dir && slash ? slash + 1 : j->name;
}

/* Writes a job's result with the chosen writer. */
static pol_status emit(const run *rn, job *j, pol_write_fn write, void *user)
{
    const options *o = rn->opt;
    if (strcmp(o->format, "csv") == 0)
        return pol_emit_csv(j->result, source_name(rn, j),
                            strcmp(o->table, "agencies") == 0  ? POL_TABLE_AGENCIES
                            : strcmp(o->table, "targets") == 0 ? POL_TABLE_TARGETS
                                                               : POL_TABLE_TASKS,
                            write, user, &j->err);
    if (strcmp(o->format, "xml") == 0)
        return pol_emit_xml(j->result, source_name(rn, j), o->emit_flags, write, user, &j->err);
    return pol_emit_json(j->result, source_name(rn, j), o->emit_flags, write, user, &j->err);
}

/* A JSON line for one input: its result or its error (--jsonl, --stdin-jsonl). */
static void emit_line(const run *rn, job *j, membuf *m)
{
    membuf_puts(m, "{");
    if (rn->opt->stdin_jsonl) {
        membuf_puts(m, "\"id\":");
        membuf_puts(m, j->id ? j->id : "null");
    } else {
        membuf_puts(m, "\"source\":");
        membuf_json_string(m, source_name(rn, j));
    }
    if (j->status == POL_OK && j->result) {
        if (rn->opt->stdin_jsonl) {
            membuf_puts(m, ",\"result\":");
        } else {
            m->len = 0; /* the result object itself, its "source" first */
        }
        membuf_reserve_result(m, j->result);
        j->status = emit(rn, j, membuf_write, m);
        while (m->len > 0 && m->data[m->len - 1] == '\n') /* compact JSON ends with one */
            m->len--;
        membuf_puts(m, rn->opt->stdin_jsonl ? "}\n" : "\n");
        return;
    }
    char num[64];
    membuf_puts(m, ",\"error\":{\"message\":");
    membuf_json_string(m, j->bad_record[0] ? j->bad_record : j->err.message);
    if (!j->bad_record[0]) {
        membuf_puts(m, ",\"status\":");
        membuf_json_string(m, pol_status_string(j->status));
        if (j->err.byte_offset != SIZE_MAX) {
            snprintf(num, sizeof num, ",\"byte_offset\":%zu", j->err.byte_offset);
            membuf_puts(m, num);
        }
        if (j->err.line) {
            snprintf(num, sizeof num, ",\"line\":%u,\"column\":%u", j->err.line, j->err.column);
            membuf_puts(m, num);
        }
    }
    membuf_puts(m, "}}\n");
}

/* Parses a job; with -j > 1 also writes its output to memory. */
static void work(void *ctx, int worker, void *arg)
{
    run *rn = ctx;
    job *j = arg;
    pol_parser *p = rn->parsers[worker];
    if (j->bad_record[0])
        j->status = POL_ERR_ARG;
    else if (j->data || !j->name || strcmp(j->name, "-") == 0)
        j->status = pol_parse(p, j->data, j->len, &j->result, &j->err);
    else
        j->status = pol_parse_file(p, j->name, &j->result, &j->err);
    if (rn->show_progress && j->name && !j->data) { /* the rate needs the file's size */
        struct stat sb;
        j->bytes_in = stat(j->name, &sb) == 0 ? (size_t)sb.st_size : 0;
    }
    free(j->data);
    j->data = NULL;
    if (!rn->buffered)
        return;
    if (rn->opt->jsonl || rn->opt->stdin_jsonl)
        emit_line(rn, j, &j->out);
    else if (j->status == POL_OK) {
        membuf_reserve_result(&j->out, j->result);
        j->status = emit(rn, j, membuf_write, &j->out);
    }
    pol_result_free(j->result);
    j->result = NULL;
}

static void show_progress(run *rn, bool final)
{
    if (!rn->show_progress || (!final && seconds_since(&rn->last_shown) < 0.5))
        return;
    clock_gettime(CLOCK_MONOTONIC, &rn->last_shown);
    double secs = seconds_since(&rn->start);
    char total[32] = "";
    if (rn->n_files)
        snprintf(total, sizeof total, "/%zu", rn->n_files);
    fprintf(stderr, "\rpolicy: %zu%s done, %.1f MB/s, %zu error%s\033[K%s", rn->done, total,
            secs > 0 ? (double)rn->bytes / 1e6 / secs : 0.0, rn->errors,
            rn->errors == 1 ? "" : "s", final ? "\n" : "");
}

/* Takes a finished job in input order: reports it and writes its output. */
static void done(void *ctx, void *arg)
{
    run *rn = ctx;
    job *j = arg;
    const options *o = rn->opt;
    bool lines = o->jsonl || o->stdin_jsonl;
    bool failed = j->status != POL_OK;
    rn->done++;
    rn->bytes += j->bytes_in;
    if (failed) {
        rn->status = 1;
        rn->errors++;
        const char *who = j->name ? j->name : j->label;
        if (j->bad_record[0])
            fprintf(stderr, "policy: %s: %s\n", who, j->bad_record);
        else
            report(who, &j->err);
    }
    FILE *dest = rn->out;
    safe_file one;
    char path[4096];
    if (o->to_dir && !failed) {
        /* DIR/NAME.json for each input NAME.txt */
        const char *base = strcmp(source_name(rn, j), "-") == 0 ? "stdin" : source_name(rn, j);
        const char *dot = strrchr(base, '.');
        int stem = dot && dot != base ? (int)(dot - base) : (int)strlen(base);
        snprintf(path, sizeof path, "%s%s%.*s.%s", o->out_path,
                 o->out_path[strlen(o->out_path) - 1] == '/' ? "" : "/", stem, base, o->format);
        dest = NULL;
        if (j->name && same_file(path, j->name))
            fprintf(stderr, "policy: %s: will not write over an input\n", path);
        else if (!(dest = safe_open(&one, path)))
            perror(path);
        if (!dest) {
            rn->status = 1;
            rn->errors++;
            goto finish;
        }
    }
    if (failed && !lines)
        goto finish;
    pol_status st = POL_OK;
    if (rn->buffered) {
        if (j->out.failed || fwrite(j->out.data, 1, j->out.len, dest) != j->out.len)
            st = POL_ERR_WRITE;
    } else if (lines) {
        emit_line(rn, j, &j->out);
        if (fwrite(j->out.data, 1, j->out.len, dest) != j->out.len)
            st = POL_ERR_WRITE;
    } else {
        st = emit(rn, j, write_file, dest);
    }
    if (lines)
        fflush(dest); /* a record is out as soon as it is done: mappers stream */
    if (st != POL_OK && !failed) {
        if (st == POL_ERR_WRITE)
            fprintf(stderr, "policy: %s: cannot write the output\n", j->name ? j->name : "-");
        else
            report(j->name ? j->name : "-", &j->err);
        rn->status = 1;
        rn->errors++;
        rn->write_failed = rn->write_failed || st == POL_ERR_WRITE;
    }
    if (dest != rn->out && safe_close(&one, st == POL_OK) != 0) {
        perror(path);
        rn->status = 1;
    }
finish:
    show_progress(rn, false);
    pol_result_free(j->result);
    free(j->out.data);
    free(j->data);
    free(j->id);
    free(j);
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

/* Reads the options; returns the index of the first file, or -1 for a usage
 * error (reported), or -2 when the run is over (--help, --version). */
static int parse_args(int argc, char **argv, options *o)
{
    static const char *const limit_options[4] = {"--max-input", "--max-depth", "--max-nodes",
                                                 "--max-line"};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int limit = -1;
        for (int k = 0; k < 4; k++)
            if (strcmp(a, limit_options[k]) == 0)
                limit = k;
        bool takes_value = limit >= 0 || strcmp(a, "--format") == 0 || strcmp(a, "-t") == 0 ||
                           strcmp(a, "--aliases") == 0 || strcmp(a, "--table") == 0 ||
                           strcmp(a, "-o") == 0 || strcmp(a, "-j") == 0;
        if (takes_value && ++i >= argc) {
            fprintf(stderr, "policy: %s needs a value\n", a);
            return -1;
        }
        if (limit >= 0) {
            if ((o->limits[limit] = parse_size(argv[i])) == 0) {
                fprintf(stderr, "policy: %s needs a positive size, not %s\n", a, argv[i]);
                return -1;
            }
        } else if (strcmp(a, "--format") == 0 || strcmp(a, "-t") == 0) {
            o->format = argv[i];
        } else if (strncmp(a, "--format=", 9) == 0) {
            o->format = a + 9;
        } else if (strcmp(a, "--aliases") == 0) {
            o->aliases = argv[i];
        } else if (strcmp(a, "--table") == 0) {
            o->table = argv[i];
        } else if (strcmp(a, "-o") == 0) {
            o->out_path = argv[i];
        } else if (strcmp(a, "-j") == 0) {
            char *end;
            long n = strtol(argv[i], &end, 10);
            if (*end || n < 1 || n > 256) {
                fprintf(stderr, "policy: -j needs a number of threads from 1 to 256\n");
                return -1;
            }
            o->threads = (int)n;
        } else if (strcmp(a, "--jsonl") == 0) {
            o->jsonl = true;
        } else if (strcmp(a, "--stdin-jsonl") == 0) {
            o->stdin_jsonl = true;
        } else if (strcmp(a, "--compact") == 0) {
            o->emit_flags |= POL_EMIT_COMPACT;
        } else if (strcmp(a, "--no-text") == 0) {
            o->emit_flags |= POL_EMIT_NO_TEXT;
        } else if (strcmp(a, "--no-spans") == 0) {
            o->emit_flags |= POL_EMIT_NO_SPANS;
        } else if (strcmp(a, "--no-join") == 0) {
            o->parse_options |= POL_OPT_NO_JOIN;
        } else if (strcmp(a, "--no-jit") == 0) {
            o->parse_options |= POL_OPT_NO_JIT;
        } else if (strcmp(a, "--version") == 0) {
            printf("policy %s\n", pol_version_string());
            return -2;
        } else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            usage(stdout);
            return -2;
        } else if (strcmp(a, "--") == 0) {
            return i + 1;
        } else if (a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, "policy: unknown option %s\n", a);
            return -1;
        } else {
            return i;
        }
    }
    return argc;
}

static int check_args(options *o, int n_files)
{
    if (strcmp(o->format, "json") != 0 && strcmp(o->format, "xml") != 0 &&
        strcmp(o->format, "csv") != 0) {
        fprintf(stderr, "policy: unknown format %s (json, xml or csv)\n", o->format);
        return -1;
    }
    if (strcmp(o->table, "tasks") != 0 && strcmp(o->table, "agencies") != 0 &&
        strcmp(o->table, "targets") != 0) {
        fprintf(stderr, "policy: unknown table %s (tasks, agencies or targets)\n", o->table);
        return -1;
    }
    struct stat st;
    o->to_dir = o->out_path && (o->out_path[strlen(o->out_path) - 1] == '/' ||
                                (stat(o->out_path, &st) == 0 && S_ISDIR(st.st_mode)));
    /* "-o DIR/" makes the directory when it is not there */
    if (o->out_path && o->out_path[strlen(o->out_path) - 1] == '/' && stat(o->out_path, &st) != 0 &&
        mkdir(o->out_path, 0777) != 0) {
        perror(o->out_path);
        return -1;
    }
    if ((o->jsonl || o->stdin_jsonl) && strcmp(o->format, "json") != 0) {
        fprintf(stderr, "policy: --jsonl and --stdin-jsonl write JSON only\n");
        return -1;
    }
    if ((o->jsonl || o->stdin_jsonl) && o->to_dir) {
        fprintf(stderr, "policy: JSON lines go to standard output or one file, not a directory\n");
        return -1;
    }
    if (o->stdin_jsonl && n_files > 0) {
        fprintf(stderr, "policy: --stdin-jsonl reads standard input only\n");
        return -1;
    }
    if (o->jsonl || o->stdin_jsonl)
        o->emit_flags |= POL_EMIT_COMPACT; /* one line per input */
    return 0;
}

/* glibc hands the top of the heap back to the system once 128 KB lie free
 * there, and maps every block of 128 KB or more afresh: a batch then pays
 * page faults for the same memory at every document (86,000 faults over
 * 10,000 documents, a sixth of the time).  Keep what one document used for
 * the next; memory stays bounded by the largest document. */
static void keep_heap(void)
{
#ifdef __GLIBC__
    mallopt(M_TRIM_THRESHOLD, 128 << 20);
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
#endif
}

int main(int argc, char **argv)
{
    keep_heap();
    options o = {.format = "json", .table = "tasks", .threads = 1};
    int first = parse_args(argc, argv, &o);
    if (first == -2)
        return 0;
    if (first < 0 || check_args(&o, argc - first) != 0)
        return usage(stderr), 2;
    run rn = {.opt = &o, .files = argv + first, .n_files = (size_t)(argc - first), .out = stdout};
    for (size_t i = 0; o.out_path && !o.to_dir && i < rn.n_files; i++)
        if (same_file(o.out_path, rn.files[i])) {
            fprintf(stderr, "policy: %s: will not write over an input\n", o.out_path);
            return 2;
        }
    rn.parsers = calloc((size_t)o.threads, sizeof *rn.parsers);
    pol_error err;
    for (int t = 0; rn.parsers && t < o.threads; t++) {
        pol_parser *p = rn.parsers[t] = pol_parser_new(o.parse_options, &err);
        if (!p || (o.aliases && pol_parser_load_aliases(p, o.aliases, &err) != POL_OK)) {
            report(p ? o.aliases : "parser", &err);
            for (int k = 0; k <= t; k++)
                pol_parser_free(rn.parsers[k]);
            free(rn.parsers);
            return 1;
        }
        for (int k = 0; k < 4; k++)
            if (o.limits[k])
                pol_parser_set_limit(p, (pol_limit)k, o.limits[k]);
    }
    if (!rn.parsers) {
        fprintf(stderr, "policy: out of memory\n");
        return 1;
    }
    safe_output_init();
    safe_file whole;
    if (o.out_path && !o.to_dir && !(rn.out = safe_open(&whole, o.out_path))) {
        perror(o.out_path);
        rn.status = 1;
        goto out;
    }
    rn.show_progress = isatty(STDERR_FILENO) && (rn.n_files > 1 || o.stdin_jsonl);
    clock_gettime(CLOCK_MONOTONIC, &rn.start);
    rn.last_shown = rn.start;
    if (o.threads == 1) {
        /* one at a time on this thread, the output streamed as written */
        void *j;
        while (next_job(&rn, &j)) {
            work(&rn, 0, j);
            done(&rn, j);
        }
    } else {
        rn.buffered = true;
        if (!batch_run(o.threads, 4 * (size_t)o.threads, next_job, work, done, &rn)) {
            fprintf(stderr, "policy: cannot start %d threads\n", o.threads);
            rn.status = 1;
        }
    }
    if (rn.show_progress)
        show_progress(&rn, true);
    /* a single output file is renamed into place only when all of it was written */
    if (rn.out != stdout ? safe_close(&whole, !rn.write_failed) != 0 : fflush(rn.out) != 0) {
        perror(o.out_path ? o.out_path : "stdout");
        rn.status = 1;
    }
out:
    for (int t = 0; t < o.threads; t++)
        pol_parser_free(rn.parsers[t]);
    free(rn.parsers);
    return rn.status;
}
