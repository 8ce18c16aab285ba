/*
 * run_vectors.c - runs the SingleStepTests CPU vectors (MOO files) against
 * the CPU core and reports which opcodes fail.  Usage and the exclusion
 * file format: tests/vectors/README.md, or run_vectors --help.
 *
 * Per file: read it with zlib, parse the tests (moo.c), pick the flags
 * mask from metadata.json (metadata.c), run each test on a reused bare
 * machine (machine.c) and count.  Tests an exclusion entry covers still
 * run; their failures are counted apart.  The last line of output is
 * always "N passed, M failed", alone, for CI tooling to parse.
 *
 * Files run on a few worker threads, each with its own machine; results
 * are printed in file order, so output does not depend on the timing.
 */
#include "tests/vectors/vectors.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/vectors/machine.h"

static const char usage[] =
    "usage: run_vectors [options] [DIR]\n"
    "Runs every test of every *.MOO.gz file in DIR (default " DEFAULT_DIR ")\n"
    "on the CPU core; flags masks come from DIR/metadata.json.\n"
    "  --only PREFIX   only files whose name starts with PREFIX (repeatable),\n"
    "                  e.g. --only F6. or --only A4\n"
    "  --exclude FILE  exclusion list: 'STEM[#INDEX] reason' per line\n"
    "  --verbose, -v   print every failing test, not just the first per file\n"
    "  --max-fail N    with --verbose: at most N failing tests per file\n"
    "  --threads N     worker threads (default 2)\n"
    "  -h, --help      this text\n"
    "The last line is 'N passed, M failed'.  Exit status 0 when nothing but\n"
    "excluded tests failed, 1 otherwise, 2 for a bad command line.\n";

static void die(int status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("run_vectors: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(status);
}

/* Reads a whole (small) file; NULL with errno set on failure. */
static char *read_text(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap + 1);
    while (buf) {
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap)
            break;
        if (cap >= (size_t)64 << 20) { /* nobody writes a 64 MiB list */
            free(buf);
            buf = NULL;
            errno = EFBIG;
            break;
        }
        char *bigger = realloc(buf, cap * 2 + 1);
        if (!bigger) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = bigger;
        cap *= 2;
    }
    if (buf && ferror(f)) {
        free(buf);
        buf = NULL;
        errno = EIO;
    }
    fclose(f);
    if (buf) {
        buf[n] = '\0';
        *len = n;
    }
    return buf;
}

static struct metadata *load_metadata(const char *dir)
{
    char *path = path_join(dir, "metadata.json");
    if (!path)
        die(1, "out of memory");
    size_t len;
    char *text = read_text(path, &len);
    if (!text) {
        if (errno == ENOENT) {
            fprintf(stderr, "run_vectors: no %s: no flags masks, every flag is compared\n", path);
            free(path);
            return NULL;
        }
        die(1, "cannot read %s: %s", path, strerror(errno));
    }
    char err[200];
    struct metadata *md = metadata_parse(text, len, err, sizeof err);
    free(text);
    if (!md)
        die(1, "%s: %s", path, err);
    free(path);
    return md;
}

static void load_exclusions(const char *path, struct exclusions *ex)
{
    size_t len;
    char *text = read_text(path, &len);
    if (!text)
        die(1, "cannot read exclusion file %s: %s", path, strerror(errno));
    char err[300];
    bool ok = excl_parse(ex, text, len, path, err, sizeof err);
    free(text);
    if (!ok)
        die(1, "%s", err);
}

static bool parse_count(const char *s, unsigned long *v)
{
    char *end;
    if (!s || !*s || *s == '-')
        return false;
    errno = 0;
    *v = strtoul(s, &end, 10);
    return errno == 0 && *end == '\0';
}

struct options {
    const char *dir;
    const char *exclude;
    const char **only;
    size_t nonly;
    bool verbose;
    unsigned long max_fail;
    unsigned long threads;
};

static void parse_args(int argc, char **argv, struct options *o)
{
    o->dir = NULL;
    o->exclude = NULL;
    o->only = calloc((size_t)argc, sizeof *o->only);
    o->nonly = 0;
    o->verbose = false;
    o->max_fail = 0; /* unlimited */
    o->threads = 2;
    if (!o->only)
        die(1, "out of memory");
    bool options_done = false;
    for (int k = 1; k < argc; k++) {
        const char *a = argv[k];
        const char *next = k + 1 < argc ? argv[k + 1] : NULL;
        if (options_done || a[0] != '-' || a[1] == '\0') {
            if (o->dir)
                die(2, "more than one directory given ('%s' and '%s')", o->dir, a);
            o->dir = a;
        } else if (strcmp(a, "--") == 0) {
            options_done = true;
        } else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            fputs(usage, stdout);
            exit(0);
        } else if (strcmp(a, "-v") == 0 || strcmp(a, "--verbose") == 0) {
            o->verbose = true;
        } else if (strcmp(a, "--only") == 0) {
            if (!next)
                die(2, "%s needs a file name prefix", a);
            o->only[o->nonly++] = next;
            k++;
        } else if (strcmp(a, "--exclude") == 0) {
            if (!next)
                die(2, "%s needs a file", a);
            o->exclude = next;
            k++;
        } else if (strcmp(a, "--max-fail") == 0) {
            if (!parse_count(next, &o->max_fail))
                die(2, "%s needs a number, not '%s'", a, next ? next : "");
            k++;
        } else if (strcmp(a, "--threads") == 0) {
            if (!parse_count(next, &o->threads) || o->threads == 0 || o->threads > MAX_THREADS)
                die(2, "%s needs a number from 1 to 16, not '%s'", a, next ? next : "");
            k++;
        } else {
            die(2, "unknown option '%s' (try --help)", a);
        }
    }
    if (!o->dir)
        o->dir = DEFAULT_DIR;
}

/* Prints what run_files() found for file f. */
static void print_file(const struct file_job *f, const struct options *o)
{
    if (f->error[0])
        printf("%s: error: %s\n", f->name, f->error);
    if (o->verbose && f->log)
        fputs(f->log, stdout);
    if (f->failed > 0) {
        printf("%s: %u/%u failed", f->stem, f->failed, f->total);
        if (f->first_what[0])
            printf("; first #%u \"%s\": %s", f->first_index, f->first_name, f->first_what);
        putchar('\n');
    }
}

/* Notes about exclusion entries that no longer match a failure. */
static void print_stale(const struct exclusions *ex)
{
    for (size_t k = 0; k < ex->n; k++) {
        const struct excl_entry *e = &ex->e[k];
        if (!e->file_seen)
            continue; /* its file was not run (--only) */
        if (e->index == EXCL_WHOLE_FILE) {
            if (e->tests > 0 && e->failed == 0)
                printf("excluded but passing: %s (all %u tests)\n", e->stem, e->tests);
        } else if (e->tests == 0) {
            printf("exclusion matches no test: %s#%lld (line %u)\n", e->stem,
                   (long long)e->index, e->line);
        } else if (e->failed == 0) {
            printf("excluded but passing: %s#%lld\n", e->stem, (long long)e->index);
        }
    }
}

int main(int argc, char **argv)
{
    struct options o;
    parse_args(argc, argv, &o);

    struct dir_list files;
    char err[300];
    if (!list_moo_files(o.dir, o.only, o.nonly, &files, err, sizeof err))
        die(1, "%s", err);
    if (files.n == 0) {
        if (o.nonly)
            die(1, "no *.MOO.gz file in %s matches --only", o.dir);
        die(1, "no *.MOO.gz files in %s", o.dir);
    }

    struct run_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.md = load_metadata(o.dir);
    if (o.exclude)
        load_exclusions(o.exclude, &ctx.ex);
    ctx.verbose = o.verbose;
    ctx.max_fail = o.max_fail;
    ctx.dir = o.dir;

    struct file_job *jobs = calloc(files.n, sizeof *jobs);
    if (!jobs)
        die(1, "out of memory");
    for (size_t k = 0; k < files.n; k++)
        if (!file_job_init(&jobs[k], files.names[k]))
            die(1, "out of memory");

    /* Exclusion entries are matched up front, in one thread. */
    for (size_t k = 0; k < files.n; k++)
        if (!excl_view_for(&ctx.ex, jobs[k].stem, &jobs[k].excl))
            die(1, "out of memory");

    uint64_t passed = 0, failed = 0, excluded = 0, total = 0, p6_lock = 0;
    if (!run_files(&ctx, jobs, files.n, (unsigned)o.threads, err, sizeof err))
        die(1, "%s", err);
    for (size_t k = 0; k < files.n; k++) {
        const struct file_job *f = &jobs[k];
        print_file(f, &o);
        passed += f->passed;
        failed += f->failed;
        excluded += f->excluded;
        total += f->total;
        p6_lock += f->p6_lock;
    }
    printf("LOCK on an unlockable instruction: %llu tests checked against the P6's #UD "
           "instead of the 286's recording (tests/vectors/README.md)\n",
           (unsigned long long)p6_lock);

    bool too_many = false;
    if (o.exclude) {
        print_stale(&ctx.ex);
        double pct = total ? 100.0 * (double)excluded / (double)total : 0.0;
        printf("excluded: %llu tests (%.3f%% of %llu; reasons in %s)\n",
               (unsigned long long)excluded, pct, (unsigned long long)total, o.exclude);
        too_many = excluded * 1000u > total * 5u;
        if (too_many)
            printf("error: exclusions cover %.3f%% of the tests run, more than the 0.5%% allowed\n",
                   pct);
    }
    printf("%llu passed, %llu failed\n", (unsigned long long)passed, (unsigned long long)failed);

    for (size_t k = 0; k < files.n; k++)
        file_job_free(&jobs[k]);
    free(jobs);
    dir_list_free(&files);
    excl_free(&ctx.ex);
    metadata_free(ctx.md);
    free(o.only);
    return failed > 0 || too_many ? 1 : 0;
}
