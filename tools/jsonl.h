/* jsonl.h - the records of --stdin-jsonl: see jsonl.c. */
#ifndef JSONL_H
#define JSONL_H

#include <stdbool.h>
#include <stddef.h>

typedef struct jsonl_record {
    char *id;      /* the id's JSON text as given (a string, number, …), or NULL */
    char *text;    /* the decoded "text" string, UTF-8 */
    size_t text_len;
    char error[128]; /* why the line is no record, when jsonl_parse fails */
} jsonl_record;

/* Reads one line {"id": …, "text": "…"} (other members are skipped).
 * Returns false with rec->error set when the line is not such an object;
 * rec->id may still be set then.  Free with jsonl_free. */
bool jsonl_parse(const char *line, size_t len, jsonl_record *rec);
void jsonl_free(jsonl_record *rec);

#endif
