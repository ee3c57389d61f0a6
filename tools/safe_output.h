/* safe_output.h - complete files or none: see safe_output.c. */
#ifndef SAFE_OUTPUT_H
#define SAFE_OUTPUT_H

#include <stdbool.h>
#include <stdio.h>

typedef struct safe_file {
    FILE *fp;
    char path[4096], tmp[4096];
} safe_file;

void safe_output_init(void);                 /* removes a pending file on SIGINT/SIGTERM */
bool same_file(const char *a, const char *b); /* both exist and are one file */
FILE *safe_open(safe_file *f, const char *path);
int safe_close(safe_file *f, bool keep); /* keep: rename into place; else discard */

#endif
