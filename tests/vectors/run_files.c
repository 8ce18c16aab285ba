/*
 * run_files.c - running a list of MOO.gz files, each test on a bare
 * machine (machine.c), and counting what passed, failed and was excluded.
 *
 * Files are shared out to worker threads, each with its own machine; a
 * worker takes the next file not yet taken.  Everything a file produces
 * goes into its own struct file_job, printed afterwards in file order.
 * Without POSIX threads everything runs on the calling thread.
 */
#define _POSIX_C_SOURCE 200809L

#include "tests/vectors/vectors.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(__unix__) || defined(__APPLE__)
#include <pthread.h>
#define HAVE_PTHREADS 1
#endif

#include "tests/vectors/machine.h"
#include "tests/vectors/moo.h"

#define PLAUSIBLE_TESTS 100000u

bool file_job_init(struct file_job *f, const char *name)
{
    memset(f, 0, sizeof *f);
    size_t n = strlen(name);
    const char *suffix = ".MOO.gz";
    size_t s = strlen(suffix);
    size_t stem_len = n > s ? n - s : n;
    f->name = malloc(n + 1);
    f->stem = malloc(stem_len + 1);
    if (!f->name || !f->stem)
        return false;
    memcpy(f->name, name, n + 1);
    memcpy(f->stem, name, stem_len);
    f->stem[stem_len] = '\0';
    return true;
}

void file_job_free(struct file_job *f)
{
    free(f->name);
    free(f->stem);
    free(f->log);
    excl_view_free(&f->excl);
    memset(f, 0, sizeof *f);
}

/* The test's name made printable and short enough for one line. */
static void copy_name(char *dst, size_t dstsz, const struct moo_test *t)
{
    size_t n = 0;
    for (uint32_t k = 0; k < t->name_len && n + 1 < dstsz; k++) {
        char ch = t->name[k];
        dst[n++] = (ch >= 0x20 && ch < 0x7F && ch != '"') ? ch : '?';
    }
    dst[n] = '\0';
}

static void log_line(struct file_job *f, const char *line)
{
    size_t n = strlen(line);
    if (f->log_len + n + 1 > f->log_cap) {
        size_t cap = f->log_cap ? f->log_cap * 2 : 4096;
        while (cap < f->log_len + n + 1)
            cap *= 2;
        char *log = realloc(f->log, cap);
        if (!log)
            return; /* the verbose log is best effort; counts stay right */
        f->log = log;
        f->log_cap = cap;
    }
    memcpy(f->log + f->log_len, line, n + 1);
    f->log_len += n;
}

static bool is_prefix(uint8_t b)
{
    switch (b) {
    case 0x26: case 0x2E: case 0x36: case 0x3E: case 0x64: case 0x65: case 0x66: case 0x67:
    case 0xF0: case 0xF2: case 0xF3:
        return true;
    default:
        return false;
    }
}

/* ModRM.reg of a test of a group opcode whose file is not split by reg
 * (8F, C6, C7 in the 80286 set); METADATA_NO_REG if the bytes disagree. */
static int modrm_reg(const struct moo_test *t, uint32_t opcode)
{
    uint32_t k = 0;
    while (k < t->nbytes && is_prefix(t->bytes[k]))
        k++;
    if (opcode > 0xFF) {
        if (k + 1 >= t->nbytes || t->bytes[k] != (uint8_t)(opcode >> 8))
            return METADATA_NO_REG;
        k++;
    }
    if (k + 1 >= t->nbytes || t->bytes[k] != (uint8_t)opcode)
        return METADATA_NO_REG;
    return t->bytes[k + 1] >> 3 & 7;
}

static void record(struct file_job *f, const struct run_ctx *ctx, const struct moo_test *t,
                   const struct test_outcome *out, unsigned long *logged)
{
    f->total++;
    if (out->p6_lock_rule)
        f->p6_lock++;
    if (out->pass) {
        f->passed++;
        struct excl_entry *e = excl_lookup(&f->excl, t->index);
        if (e)
            e->tests++;
        return;
    }
    struct excl_entry *e = excl_lookup(&f->excl, t->index);
    char name[64];
    copy_name(name, sizeof name, t);
    if (e) {
        e->tests++;
        e->failed++;
        f->excluded++;
    } else {
        if (f->failed == 0) {
            f->first_index = t->index;
            memcpy(f->first_name, name, sizeof name);
            snprintf(f->first_what, sizeof f->first_what, "%s", out->what);
        }
        f->failed++;
    }
    if (ctx->verbose && (ctx->max_fail == 0 || *logged < ctx->max_fail)) {
        char line[400];
        snprintf(line, sizeof line, "  %s#%u \"%s\": %s%s\n", f->stem, (unsigned)t->index, name,
                 out->what, e ? " (excluded)" : "");
        log_line(f, line);
        (*logged)++;
    }
}

/* Counts `n` tests that could not run as failures of a broken file. */
static void count_broken(struct file_job *f, uint32_t n)
{
    f->total += n;
    f->failed += n;
}

static void run_one_file(struct machine *m, const struct run_ctx *ctx, struct file_job *f)
{
    char *path = path_join(ctx->dir, f->name);
    size_t len = 0;
    uint8_t *buf = path ? read_gz(path, &len, f->error, sizeof f->error) : NULL;
    free(path);
    if (!buf) {
        if (!f->error[0])
            snprintf(f->error, sizeof f->error, "out of memory");
        count_broken(f, 1);
        return;
    }

    uint32_t opcode = 0;
    int reg = METADATA_NO_REG;
    bool known = stem_opcode(f->stem, &opcode, &reg);
    uint16_t file_mask = known ? metadata_flags_mask(ctx->md, opcode, reg) : 0xFFFF;
    bool mask_per_test = known && reg == METADATA_NO_REG && metadata_is_group(ctx->md, opcode);

    struct moo_reader r;
    struct moo_test t;
    struct test_outcome out;
    unsigned long logged = 0;
    int rc;
    moo_reader_init(&r, buf, len);
    while ((rc = moo_next_test(&r, &t)) == 1) {
        uint16_t mask = file_mask;
        if (mask_per_test)
            mask = metadata_flags_mask(ctx->md, opcode, modrm_reg(&t, opcode));
        machine_run_test(m, &t, mask, &out);
        record(f, ctx, &t, &out, &logged);
    }

    /* Tests a broken file should have held count as failed; a count past
     * any real file's (SingleStepTests files hold up to 10,000) is itself
     * corrupt and counts once. */
    uint32_t declared = r.hdr.have_moo ? r.hdr.test_count : 0;
    uint32_t missing = declared > r.tests_read ? declared - r.tests_read : 0;
    if (declared > PLAUSIBLE_TESTS)
        missing = 1;
    if (rc < 0) {
        snprintf(f->error, sizeof f->error, "%s", r.err);
        count_broken(f, missing ? missing : 1);
    } else if (!r.hdr.have_moo) {
        snprintf(f->error, sizeof f->error, "empty file, or no MOO header");
        count_broken(f, 1);
    } else if (declared != r.tests_read) {
        snprintf(f->error, sizeof f->error, "the header declares %u tests, the file holds %u",
                 (unsigned)declared, (unsigned)r.tests_read);
        count_broken(f, missing ? missing : 1);
    }
    free(buf);
}

struct worker {
    const struct run_ctx *ctx;
    struct file_job *jobs;
    size_t n;
    atomic_size_t *next;
    struct machine *m;
};

static void *worker_main(void *arg)
{
    struct worker *w = arg;
    for (;;) {
        size_t k = atomic_fetch_add(w->next, 1);
        if (k >= w->n)
            break;
        run_one_file(w->m, w->ctx, &w->jobs[k]);
    }
    return NULL;
}

bool run_files(struct run_ctx *ctx, struct file_job *jobs, size_t n, unsigned threads,
               char *err, size_t errlen)
{
    struct worker w[MAX_THREADS];
    atomic_size_t next;
    atomic_init(&next, 0);
    if (threads < 1)
        threads = 1;
    if (threads > MAX_THREADS)
        threads = MAX_THREADS;
    if (threads > n)
        threads = (unsigned)n;
#ifndef HAVE_PTHREADS
    threads = 1;
#endif
    for (unsigned k = 0; k < threads; k++) {
        w[k] = (struct worker){ .ctx = ctx, .jobs = jobs, .n = n, .next = &next };
        w[k].m = machine_create();
        bool ok = w[k].m != NULL;
        if (!ok)
            snprintf(err, errlen, "cannot create the test machine (out of memory?)");
        else if (k == 0)
            ok = machine_self_test(w[k].m, err, errlen);
        if (!ok) {
            for (unsigned j = 0; j <= k; j++)
                machine_destroy(w[j].m);
            return false;
        }
    }
#ifdef HAVE_PTHREADS
    pthread_t tid[MAX_THREADS];
    unsigned started = 1;
    for (unsigned k = 1; k < threads; k++) {
        if (pthread_create(&tid[k], NULL, worker_main, &w[k]) != 0)
            break; /* fewer threads: the others take its share */
        started++;
    }
    worker_main(&w[0]);
    for (unsigned k = 1; k < started; k++)
        pthread_join(tid[k], NULL);
#else
    worker_main(&w[0]);
#endif
    for (unsigned k = 0; k < threads; k++)
        machine_destroy(w[k].m);
    return true;
}
