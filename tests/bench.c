/*
 * bench.c - parse + JSON throughput and memory, run by `meson test
 * --benchmark` (or build/tests/bench SOURCE_ROOT [RUNS]).
 *
 *   (a) one large input: the texts of corpus/ concatenated 300 times (55 MB);
 *   (b) 10,000 separate documents: the corpus texts and corpus/extra, in turn;
 *   (c) (b) on two threads, one parser each, as `policy -j 2` runs;
 *   (r) a yardstick of the machine's speed at the time, whose drift from
 *       hour to hour is larger than most changes: iconv(3) from UTF-8 to
 *       UTF-8 over (b)'s texts.
 *
 * Each run is a child process, so that its peak RSS (from wait4) is its
 * own; figures are medians over the runs.  (a) and (b) run on each core in
 * turn, pinned: the cores of a virtual machine need not be equally fast
 * (on the 2-core VM this was written on, one at times ran 1.45x slower
 * than the other, for minutes), and a run the scheduler moves between
 * them measures neither.  JSON goes to a callback that
 * counts bytes, so that the disk is not measured.
 */
#define _GNU_SOURCE /* sched_setaffinity */
#include <dirent.h>
#include <iconv.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <pthread.h>
#include <sched.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "policy.h"

typedef struct text {
    char *data;
    size_t len;
} text;

static text texts[64];
static size_t n_texts;

static int count_bytes(const char *data, size_t len, void *user)
{
    (void)data;
    *(size_t *)user += len;
    return 0;
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Reads every .txt of a folder, in name order. */
static void load(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) {
        perror(dir);
        exit(2);
    }
    char *names[64];
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < 64) {
        size_t l = strlen(e->d_name);
        if (l > 4 && strcmp(e->d_name + l - 4, ".txt") == 0)
            names[n++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof *names, by_name);
    for (size_t i = 0; i < n && n_texts < 64; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        FILE *f = fopen(path, "rb");
        text *t = &texts[n_texts++];
        fseek(f, 0, SEEK_END);
        t->len = (size_t)ftell(f);
        fseek(f, 0, SEEK_SET);
        t->data = malloc(t->len);
        if (fread(t->data, 1, t->len, f) != t->len)
            exit(2);
        fclose(f);
        free(names[i]);
    }
}

/* Parses and writes one text; returns its JSON size, exits on failure. */
static size_t convert(pol_parser *p, const char *data, size_t len)
{
    pol_result *r;
    pol_error err;
    if (pol_parse(p, data, len, &r, &err) != POL_OK) {
        fprintf(stderr, "bench: %s\n", err.message);
        exit(1);
    }
    size_t out = 0;
    pol_emit_json(r, "bench", POL_EMIT_DEFAULT, count_bytes, &out, NULL);
    pol_result_free(r);
    return out;
}

typedef struct share {
    size_t from, to, step, bytes;
} share;

/* Documents from, from+step, … below `to`, on a parser of its own. */
static void *convert_share(void *arg)
{
    share *s = arg;
    pol_parser *p = pol_parser_new(0, NULL);
    for (size_t i = s->from; i < s->to; i += s->step) {
        const text *t = &texts[i % n_texts];
        convert(p, t->data, t->len);
        s->bytes += t->len;
    }
    pol_parser_free(p);
    return NULL;
}

typedef struct measure {
    double seconds;
    size_t bytes;
    long rss_kb;
} measure;

/* One run in a child process: case 'a', or 'b' with `docs` documents on
 * `threads` threads; with `keep_heap`, glibc keeps freed memory for the next
 * document, as `policy` asks (docs/batch.md). */
static int pin_cpu = -1; /* the core runs are pinned to; -1: any */

static measure run_child(char which, size_t docs, int threads, bool keep_heap)
{
    int fds[2];
    if (pipe(fds) != 0)
        exit(2);
    pid_t pid = fork();
    if (pid == 0) {
        measure m = {0};
        if (pin_cpu >= 0) {
            cpu_set_t set;
            CPU_ZERO(&set);
            CPU_SET(pin_cpu, &set);
            if (sched_setaffinity(0, sizeof set, &set) != 0)
                _exit(2);
        }
#ifdef __GLIBC__
        if (keep_heap) {
            mallopt(M_TRIM_THRESHOLD, 128 << 20);
            mallopt(M_MMAP_THRESHOLD, 32 << 20);
        }
#endif
        if (which == 'r') {
            /* the yardstick: iconv(3) from UTF-8 to UTF-8 over (b)'s texts,
             * in a buffer of the largest (a buffer of all of (a), freed
             * just before, slowed the next run's (a) by a third) */
            size_t most = 0;
            for (size_t i = 0; i < n_texts; i++)
                most = texts[i].len > most ? texts[i].len : most;
            char *copy = malloc(most);
            iconv_t cd = iconv_open("UTF-8", "UTF-8");
            if (!copy || cd == (iconv_t)-1)
                _exit(2);
            double t0 = now();
            for (size_t i = 0; i < docs; i++) {
                const text *t = &texts[i % n_texts];
                char *in = t->data, *out = copy;
                size_t in_left = t->len, out_left = most;
                if (iconv(cd, &in, &in_left, &out, &out_left) == (size_t)-1)
                    _exit(2);
                m.bytes += t->len;
            }
            m.seconds = now() - t0;
            iconv_close(cd);
        } else if (which == 'a') {
            size_t one = 0;
            for (size_t i = 0; i < 5 && i < n_texts; i++)
                one += texts[i].len;
            char *big = malloc(one * 300);
            size_t at = 0;
            for (int k = 0; k < 300; k++)
                for (size_t i = 0; i < 5 && i < n_texts; i++) {
                    memcpy(big + at, texts[i].data, texts[i].len);
                    at += texts[i].len;
                }
            pol_parser *p = pol_parser_new(0, NULL);
            double t0 = now();
            convert(p, big, at);
            m.seconds = now() - t0;
            m.bytes = at;
            pol_parser_free(p);
        } else {
            pthread_t tid[16];
            share sh[16];
            double t0 = now();
            for (int k = 0; k < threads; k++) {
                sh[k] = (share){(size_t)k, docs, (size_t)threads, 0};
                pthread_create(&tid[k], NULL, convert_share, &sh[k]);
            }
            for (int k = 0; k < threads; k++) {
                pthread_join(tid[k], NULL);
                m.bytes += sh[k].bytes;
            }
            m.seconds = now() - t0;
        }
        if (write(fds[1], &m, sizeof m) != (ssize_t)sizeof m)
            _exit(2);
        _exit(0);
    }
    close(fds[1]);
    measure m = {0};
    if (read(fds[0], &m, sizeof m) != (ssize_t)sizeof m) {
        fprintf(stderr, "bench: a run failed\n");
        exit(1);
    }
    close(fds[0]);
    int status;
    struct rusage ru;
    wait4(pid, &status, 0, &ru);
    m.rss_kb = ru.ru_maxrss;
    return m;
}

static int by_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* The median rate (MB/s) and RSS (MB) over `runs` runs. */
static void series(char which, size_t docs, int threads, bool keep_heap, int runs, double *mbps,
                   double *rss_mb, double *bytes)
{
    double rate[32], rss[32];
    for (int i = 0; i < runs; i++) {
        measure m = run_child(which, docs, threads, keep_heap);
        rate[i] = (double)m.bytes / 1e6 / m.seconds;
        rss[i] = (double)m.rss_kb / 1024.0;
        *bytes = (double)m.bytes;
    }
    qsort(rate, (size_t)runs, sizeof *rate, by_double);
    qsort(rss, (size_t)runs, sizeof *rss, by_double);
    *mbps = rate[runs / 2];
    *rss_mb = rss[runs / 2];
}

int main(int argc, char **argv)
{
    const char *root = argc > 1 ? argv[1] : getenv("POL_SOURCE_ROOT");
    int runs = argc > 2 ? atoi(argv[2]) : 5;
    if (!root || runs < 1 || runs > 31) {
        fprintf(stderr, "usage: bench SOURCE_ROOT [RUNS]\n");
        return 2;
    }
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/corpus", root);
    load(dir);
    snprintf(dir, sizeof dir, "%s/corpus/extra", root);
    load(dir);
    char model[256] = "unknown CPU";
    FILE *f = fopen("/proc/cpuinfo", "r");
    char line[512];
    while (f && fgets(line, sizeof line, f))
        if (strncmp(line, "model name", 10) == 0) {
            snprintf(model, sizeof model, "%s", strchr(line, ':') + 2);
            model[strcspn(model, "\n")] = '\0';
            break;
        }
    if (f)
        fclose(f);
    printf("libpolicy %s, %s, %ld cores; medians of %d runs\n", pol_version_string(), model,
           sysconf(_SC_NPROCESSORS_ONLN), runs);

    const size_t docs = 10000;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    double rate1_sum = 0, rate1_best = 0;
    for (int cpu = 0; cpu < cores && cpu < 16; cpu++) {
        pin_cpu = cpu;
        double rate, rss, bytes, rate1, rss1, bytes1;
        series('a', 0, 1, true, runs, &rate, &rss, &bytes);
        printf("core %d:\n", cpu);
        printf("(a) one input of %.1f MB: %.1f MB/s, peak RSS %.0f MB (%.1f x input; target %.0f MB)\n",
               bytes / 1e6, rate, rss, rss * 1048576.0 / bytes, 4 * bytes / 1048576.0 + 16);
        series('b', docs, 1, true, runs, &rate1, &rss1, &bytes1);
        printf("(b) %zu documents, %.1f MB: %.1f MB/s, %.0f documents/s, peak RSS %.0f MB\n", docs,
               bytes1 / 1e6, rate1, rate1 * 1e6 / (bytes1 / (double)docs), rss1);
        rate1_sum += rate1;
        if (rate1 > rate1_best)
            rate1_best = rate1;
    }
    pin_cpu = -1;
    double rate2, rss2, bytes2, rss_small, rate_small, bytes_small;
    double rate_trim, rss_trim, bytes_trim;
    series('b', docs / 10, 1, true, 1, &rate_small, &rss_small, &bytes_small);
    series('b', docs, 1, false, runs, &rate_trim, &rss_trim, &bytes_trim);
    printf("any core:\n");
    printf("(b) %zu documents: peak RSS %.0f MB; with glibc's default trimming: %.1f MB/s, "
           "peak RSS %.0f MB\n",
           docs / 10, rss_small, rate_trim, rss_trim);
    series('b', docs, 2, true, runs, &rate2, &rss2, &bytes2);
    double mean1 = rate1_sum / (double)(cores < 16 ? cores : 16);
    printf("(c) (b) on 2 threads: %.1f MB/s, %.0f documents/s, %.2f x the cores' mean one-thread "
           "rate (%.2f x the fastest), peak RSS %.0f MB\n",
           rate2, rate2 * 1e6 / (bytes2 / (double)docs), rate2 / mean1, rate2 / rate1_best, rss2);
    for (int cpu = 0; cpu < cores && cpu < 16; cpu++) {
        pin_cpu = cpu;
        double yard, yard_rss, yard_bytes;
        series('r', docs, 1, true, runs, &yard, &yard_rss, &yard_bytes);
        printf("(r) core %d, the machine's speed now: iconv(3) UTF-8 to UTF-8 of (b)'s texts, %.1f MB/s\n",
               cpu, yard);
    }
    return 0;
}
