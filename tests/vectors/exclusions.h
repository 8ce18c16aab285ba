/*
 * exclusions.h - the list of vector tests whose failures are expected.
 *
 * File format (tests/vectors/README.md): one entry per line,
 *     STEM[#INDEX] reason...
 * STEM is an opcode file's name without ".MOO.gz" ("D4", "F6.6"); INDEX
 * is a test's index as stored in its TEST chunk; without it the entry
 * covers the whole file.  The reason is required.  Blank lines and lines
 * starting with '#' are ignored.  Stems compare case-insensitively.
 */
#ifndef SOFTPC_TESTS_VECTORS_EXCLUSIONS_H
#define SOFTPC_TESTS_VECTORS_EXCLUSIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define EXCL_WHOLE_FILE (-1)

struct excl_entry {
    char *stem;
    int64_t index;        /* EXCL_WHOLE_FILE or a test index */
    char *reason;
    unsigned line;
    /* Filled while running: */
    bool file_seen;       /* the entry's file was run */
    uint32_t tests;       /* tests it covered */
    uint32_t failed;      /* ... of which failed */
};

struct exclusions {
    struct excl_entry *e;
    size_t n;
};

/* Parses the text of an exclusion file; `path` is for messages.  Returns
 * false with err filled ("PATH:LINE: what") on a malformed line. */
bool excl_parse(struct exclusions *ex, const char *text, size_t len, const char *path,
                char *err, size_t errlen);
void excl_free(struct exclusions *ex);

/* The entries of one file, gathered once per file for quick lookups. */
struct excl_view {
    struct excl_entry *whole;     /* a whole-file entry, or NULL */
    struct excl_entry **tests;    /* per-test entries, sorted by index */
    size_t ntests;
};

/* Fills v for the file `stem` and marks its entries as seen.  False if
 * out of memory. */
bool excl_view_for(struct exclusions *ex, const char *stem, struct excl_view *v);
void excl_view_free(struct excl_view *v);
/* The entry covering test `index`, or NULL. */
struct excl_entry *excl_lookup(const struct excl_view *v, uint32_t index);

#endif
