/*
 * vectors.h - the pieces of the vector runner shared between its files:
 * listing and reading MOO.gz files (files.c) and running a list of them
 * (run_files.c).  run_vectors.c holds main() and the report.
 */
#ifndef SOFTPC_TESTS_VECTORS_VECTORS_H
#define SOFTPC_TESTS_VECTORS_VECTORS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tests/vectors/exclusions.h"
#include "tests/vectors/metadata.h"

#define DEFAULT_DIR "../shared/vectors/80286-real"
#define MAX_THREADS 16

/* ---- files.c ---- */

/* "dir/name", malloc'd; NULL if out of memory. */
char *path_join(const char *dir, const char *name);

struct dir_list {
    char **names;   /* sorted by strcmp */
    size_t n;
};

/* The *.MOO.gz files of dir whose names start with one of only[] (all
 * files if nonly == 0).  False with err filled if dir cannot be read. */
bool list_moo_files(const char *dir, const char *const *only, size_t nonly,
                    struct dir_list *out, char *err, size_t errlen);
void dir_list_free(struct dir_list *l);

/* Reads and gunzips a whole file.  NULL with err filled on failure
 * (a truncated or corrupt gzip stream is a failure). */
uint8_t *read_gz(const char *path, size_t *len, char *err, size_t errlen);

/* The opcode and ModRM reg a file name says: "F6.6.MOO.gz" -> 0xF6, 6;
 * "D4.MOO.gz" -> 0xD4, -1 (METADATA_NO_REG).  False if the stem is not
 * hex digits with an optional ".digit". */
bool stem_opcode(const char *stem, uint32_t *opcode, int *reg);

/* ---- run_files.c ---- */

struct run_ctx {
    const char *dir;
    struct metadata *md;        /* NULL: no masks */
    struct exclusions ex;
    bool verbose;
    unsigned long max_fail;     /* verbose lines per file; 0 = all */
};

/* One opcode file: its name, and what running it found. */
struct file_job {
    char *name;                 /* "F6.6.MOO.gz" */
    char *stem;                 /* "F6.6" */
    struct excl_view excl;
    uint32_t total, passed, failed, excluded;
    uint32_t p6_lock;           /* tests checked by the P6 LOCK rule (machine.c) */
    uint32_t first_index;       /* first failure not excluded */
    char first_name[64];
    char first_what[160];
    char error[200];            /* the file could not be read or parsed */
    char *log;                  /* verbose: one line per failing test */
    size_t log_len, log_cap;
};

/* False if out of memory. */
bool file_job_init(struct file_job *f, const char *name);
void file_job_free(struct file_job *f);

/* Runs every job, on up to `threads` threads.  False with err filled if
 * no machine could be created. */
bool run_files(struct run_ctx *ctx, struct file_job *jobs, size_t n, unsigned threads,
               char *err, size_t errlen);

#endif
