/*
 * files.c - finding the MOO.gz files of a directory and reading one into
 * memory with zlib (gzopen/gzread), for the vector runner.
 */
#define _POSIX_C_SOURCE 200809L

#include "tests/vectors/vectors.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/* Largest uncompressed file we accept: the biggest 80286 file is a few
 * MiB; anything near this is not a test file. */
#define MAX_FILE_BYTES ((size_t)1 << 30)

static const char moo_suffix[] = ".MOO.gz";

char *path_join(const char *dir, const char *name)
{
    size_t a = strlen(dir), b = strlen(name);
    char *p = malloc(a + b + 2);
    if (!p)
        return NULL;
    memcpy(p, dir, a);
    p[a] = '/';
    memcpy(p + a + 1, name, b + 1);
    return p;
}

static bool wanted(const char *name, const char *const *only, size_t nonly)
{
    size_t n = strlen(name), s = sizeof moo_suffix - 1;
    if (n <= s || strcmp(name + n - s, moo_suffix) != 0)
        return false;
    if (nonly == 0)
        return true;
    for (size_t k = 0; k < nonly; k++)
        if (strncmp(name, only[k], strlen(only[k])) == 0)
            return true;
    return false;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

bool list_moo_files(const char *dir, const char *const *only, size_t nonly,
                    struct dir_list *out, char *err, size_t errlen)
{
    out->names = NULL;
    out->n = 0;
    DIR *d = opendir(dir);
    if (!d) {
        snprintf(err, errlen, "cannot read directory %s: %s", dir, strerror(errno));
        return false;
    }
    size_t cap = 0;
    struct dirent *de;
    errno = 0;
    while ((de = readdir(d)) != NULL) {
        if (!wanted(de->d_name, only, nonly))
            continue;
        if (out->n == cap) {
            cap = cap ? cap * 2 : 512;
            char **names = realloc(out->names, cap * sizeof *names);
            if (!names)
                goto oom;
            out->names = names;
        }
        size_t len = strlen(de->d_name);
        char *copy = malloc(len + 1);
        if (!copy)
            goto oom;
        memcpy(copy, de->d_name, len + 1);
        out->names[out->n++] = copy;
        errno = 0;
    }
    if (errno != 0) {
        snprintf(err, errlen, "cannot read directory %s: %s", dir, strerror(errno));
        closedir(d);
        dir_list_free(out);
        return false;
    }
    closedir(d);
    if (out->n)
        qsort(out->names, out->n, sizeof *out->names, by_name);
    return true;
oom:
    snprintf(err, errlen, "out of memory listing %s", dir);
    closedir(d);
    dir_list_free(out);
    return false;
}

void dir_list_free(struct dir_list *l)
{
    for (size_t k = 0; k < l->n; k++)
        free(l->names[k]);
    free(l->names);
    l->names = NULL;
    l->n = 0;
}

static void gz_message(gzFile gz, int status, char *err, size_t errlen)
{
    int code = status;
    const char *msg = gzerror(gz, &code);
    if (code == Z_ERRNO)
        snprintf(err, errlen, "read error: %s", strerror(errno));
    else if (code == Z_BUF_ERROR)
        snprintf(err, errlen, "truncated gzip data");
    else {
        /* zlib prefixes its message with the path, which our line has */
        const char *colon = msg ? strstr(msg, ": ") : NULL;
        if (colon)
            msg = colon + 2;
        snprintf(err, errlen, "corrupt gzip data (%s)", msg && *msg ? msg : "zlib error");
    }
}

uint8_t *read_gz(const char *path, size_t *len, char *err, size_t errlen)
{
    gzFile gz = gzopen(path, "rb");
    if (!gz) {
        snprintf(err, errlen, "cannot open: %s", errno ? strerror(errno) : "out of memory");
        return NULL;
    }
    size_t cap = (size_t)1 << 20, n = 0;
    uint8_t *buf = malloc(cap);
    if (!buf) {
        snprintf(err, errlen, "out of memory");
        gzclose(gz);
        return NULL;
    }
    for (;;) {
        if (n == cap) {
            if (cap >= MAX_FILE_BYTES) {
                snprintf(err, errlen, "larger than %zu MiB uncompressed: not a test file",
                         MAX_FILE_BYTES >> 20);
                goto fail;
            }
            uint8_t *bigger = realloc(buf, cap * 2);
            if (!bigger) {
                snprintf(err, errlen, "out of memory");
                goto fail;
            }
            buf = bigger;
            cap *= 2;
        }
        size_t want = cap - n;
        if (want > (1u << 30))
            want = 1u << 30; /* gzread takes an unsigned count */
        int got = gzread(gz, buf + n, (unsigned)want);
        if (got < 0) {
            gz_message(gz, got, err, errlen);
            goto fail;
        }
        if (got == 0)
            break;
        n += (size_t)got;
    }
    /* A stream that stops early reads as a short file; gzclose_r tells. */
    int status = gzclose_r(gz);
    gz = NULL;
    if (status != Z_OK) {
        if (status == Z_BUF_ERROR)
            snprintf(err, errlen, "truncated gzip data");
        else
            snprintf(err, errlen, "error closing gzip stream (zlib status %d)", status);
        free(buf);
        return NULL;
    }
    *len = n;
    return buf;
fail:
    free(buf);
    if (gz)
        gzclose(gz);
    return NULL;
}

bool stem_opcode(const char *stem, uint32_t *opcode, int *reg)
{
    uint32_t v = 0;
    size_t k = 0;
    for (; stem[k] && stem[k] != '.'; k++) {
        char ch = stem[k];
        int d = ch >= '0' && ch <= '9' ? ch - '0'
              : ch >= 'A' && ch <= 'F' ? ch - 'A' + 10
              : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10 : -1;
        if (d < 0 || k >= 8)
            return false;
        v = v << 4 | (uint32_t)d;
    }
    if (k == 0)
        return false;
    *opcode = v;
    *reg = METADATA_NO_REG;
    if (stem[k] == '.') {
        if (stem[k + 1] < '0' || stem[k + 1] > '7' || stem[k + 2] != '\0')
            return false;
        *reg = stem[k + 1] - '0';
    }
    return true;
}
