/*
 * safe_output.c - how the policy tool writes a file without ever leaving
 * half of one: into a temporary file in the target folder, renamed into
 * place only when complete; never over one of its inputs; and on SIGINT or
 * SIGTERM the temporary file is removed before the tool exits.
 */
#define _POSIX_C_SOURCE 200809L
#include "safe_output.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char pending[4096]; /* the temporary file being written, for the signal handler */

static void on_signal(int sig)
{
    if (pending[0])
        unlink(pending); /* async-signal-safe */
    signal(sig, SIG_DFL);
    raise(sig);
}

void safe_output_init(void)
{
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
}

bool same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

FILE *safe_open(safe_file *f, const char *path)
{
    snprintf(f->path, sizeof f->path, "%s", path);
    int n = snprintf(f->tmp, sizeof f->tmp, "%s.tmpXXXXXX", path);
    if (n < 0 || (size_t)n >= sizeof f->tmp) {
        errno = ENAMETOOLONG;
        return NULL;
    }
    int fd = mkstemp(f->tmp);
    if (fd < 0)
        return NULL;
    memcpy(pending, f->tmp, sizeof pending < sizeof f->tmp ? sizeof pending : sizeof f->tmp);
    f->fp = fdopen(fd, "wb");
    if (!f->fp) {
        close(fd);
        unlink(f->tmp);
        pending[0] = '\0';
    }
    return f->fp;
}

int safe_close(safe_file *f, bool keep)
{
    int rc = 0;
    if (fflush(f->fp) != 0 || fsync(fileno(f->fp)) != 0)
        rc = -1;
    if (fclose(f->fp) != 0)
        rc = -1;
    if (keep && rc == 0 && rename(f->tmp, f->path) != 0)
        rc = -1;
    if (!keep || rc != 0)
        unlink(f->tmp);
    pending[0] = '\0';
    return rc;
}
