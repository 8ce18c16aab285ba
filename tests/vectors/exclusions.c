/*
 * exclusions.c - reading the exclusion file (format in exclusions.h and
 * tests/vectors/README.md) and finding the entry that covers a test.
 */
#include "tests/vectors/exclusions.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool is_blank(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\r';
}

static char upper(char ch)
{
    return ch >= 'a' && ch <= 'z' ? (char)(ch - 'a' + 'A') : ch;
}

static bool stem_equal(const char *a, const char *b)
{
    while (*a && upper(*a) == upper(*b)) {
        a++;
        b++;
    }
    return upper(*a) == upper(*b);
}

static char *copy_span(const char *p, size_t n)
{
    char *s = malloc(n + 1);
    if (s) {
        memcpy(s, p, n);
        s[n] = '\0';
    }
    return s;
}

static bool stem_char(char ch)
{
    return (ch >= '0' && ch <= '9') || (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
           ch == '.' || ch == '_' || ch == '-';
}

/* Parses one non-comment line [p, end) into e. */
static bool parse_line(const char *p, const char *end, struct excl_entry *e, const char *path,
                       unsigned line, char *err, size_t errlen)
{
    const char *tok = p;
    while (p < end && !is_blank(*p))
        p++;
    const char *tok_end = p;
    const char *hash = memchr(tok, '#', (size_t)(tok_end - tok));
    const char *stem_end = hash ? hash : tok_end;
    if (stem_end == tok) {
        snprintf(err, errlen, "%s:%u: entry has no file name", path, line);
        return false;
    }
    for (const char *q = tok; q < stem_end; q++) {
        if (!stem_char(*q)) {
            snprintf(err, errlen, "%s:%u: bad character '%c' in file name", path, line, *q);
            return false;
        }
    }
    e->index = EXCL_WHOLE_FILE;
    if (hash) {
        const char *q = hash + 1;
        int64_t v = 0;
        if (q == tok_end) {
            snprintf(err, errlen, "%s:%u: '#' without a test index", path, line);
            return false;
        }
        for (; q < tok_end; q++) {
            if (*q < '0' || *q > '9' || v > 0xFFFFFFFFll) {
                snprintf(err, errlen, "%s:%u: bad test index '%.*s'", path, line,
                         (int)(tok_end - hash - 1), hash + 1);
                return false;
            }
            v = v * 10 + (*q - '0');
        }
        if (v > 0xFFFFFFFFll) {
            snprintf(err, errlen, "%s:%u: test index too large", path, line);
            return false;
        }
        e->index = v;
    }
    while (p < end && is_blank(*p))
        p++;
    const char *reason_end = end;
    while (reason_end > p && is_blank(reason_end[-1]))
        reason_end--;
    if (p == reason_end) {
        snprintf(err, errlen, "%s:%u: entry '%.*s' has no reason (every exclusion must say why)",
                 path, line, (int)(tok_end - tok), tok);
        return false;
    }
    e->stem = copy_span(tok, (size_t)(stem_end - tok));
    e->reason = copy_span(p, (size_t)(reason_end - p));
    e->line = line;
    if (!e->stem || !e->reason) {
        snprintf(err, errlen, "%s: out of memory", path);
        return false;
    }
    return true;
}

/* A second entry for the same test, or a whole-file entry mixed with
 * others for that file, would make the counts ambiguous. */
static bool check_conflicts(const struct exclusions *ex, const char *path, char *err, size_t errlen)
{
    for (size_t a = 0; a < ex->n; a++) {
        for (size_t b = 0; b < a; b++) {
            const struct excl_entry *x = &ex->e[a], *y = &ex->e[b];
            if (!stem_equal(x->stem, y->stem))
                continue;
            if (x->index == y->index) {
                snprintf(err, errlen, "%s:%u: duplicate of the entry on line %u", path, x->line,
                         y->line);
                return false;
            }
            if (x->index == EXCL_WHOLE_FILE || y->index == EXCL_WHOLE_FILE) {
                snprintf(err, errlen, "%s:%u: %s has both a whole-file entry and per-test "
                         "entries (line %u)", path, x->line, x->stem, y->line);
                return false;
            }
        }
    }
    return true;
}

bool excl_parse(struct exclusions *ex, const char *text, size_t len, const char *path,
                char *err, size_t errlen)
{
    memset(ex, 0, sizeof *ex);
    size_t cap = 0;
    const char *p = text, *end = text + len;
    unsigned line = 0;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *line_end = nl ? nl : end;
        line++;
        const char *q = p;
        p = nl ? nl + 1 : end;
        while (q < line_end && is_blank(*q))
            q++;
        if (q == line_end || *q == '#')
            continue;
        if (ex->n == cap) {
            cap = cap ? cap * 2 : 32;
            struct excl_entry *e = realloc(ex->e, cap * sizeof *e);
            if (!e) {
                snprintf(err, errlen, "%s: out of memory", path);
                excl_free(ex);
                return false;
            }
            ex->e = e;
        }
        struct excl_entry *e = &ex->e[ex->n];
        memset(e, 0, sizeof *e);
        ex->n++; /* counted even if it fails, so excl_free releases its strings */
        if (!parse_line(q, line_end, e, path, line, err, errlen)) {
            excl_free(ex);
            return false;
        }
    }
    if (!check_conflicts(ex, path, err, errlen)) {
        excl_free(ex);
        return false;
    }
    return true;
}

void excl_free(struct exclusions *ex)
{
    for (size_t k = 0; k < ex->n; k++) {
        free(ex->e[k].stem);
        free(ex->e[k].reason);
    }
    free(ex->e);
    ex->e = NULL;
    ex->n = 0;
}

static int by_index(const void *a, const void *b)
{
    const struct excl_entry *x = *(struct excl_entry *const *)a;
    const struct excl_entry *y = *(struct excl_entry *const *)b;
    return (x->index > y->index) - (x->index < y->index);
}

bool excl_view_for(struct exclusions *ex, const char *stem, struct excl_view *v)
{
    memset(v, 0, sizeof *v);
    size_t count = 0;
    for (size_t k = 0; k < ex->n; k++)
        if (stem_equal(ex->e[k].stem, stem))
            count++;
    if (count == 0)
        return true;
    v->tests = malloc(count * sizeof *v->tests);
    if (!v->tests)
        return false;
    for (size_t k = 0; k < ex->n; k++) {
        struct excl_entry *e = &ex->e[k];
        if (!stem_equal(e->stem, stem))
            continue;
        e->file_seen = true;
        if (e->index == EXCL_WHOLE_FILE)
            v->whole = e;
        else
            v->tests[v->ntests++] = e;
    }
    qsort(v->tests, v->ntests, sizeof *v->tests, by_index);
    return true;
}

void excl_view_free(struct excl_view *v)
{
    free(v->tests);
    memset(v, 0, sizeof *v);
}

struct excl_entry *excl_lookup(const struct excl_view *v, uint32_t index)
{
    if (v->whole)
        return v->whole;
    size_t lo = 0, hi = v->ntests;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int64_t x = v->tests[mid]->index;
        if (x == (int64_t)index)
            return v->tests[mid];
        if (x < (int64_t)index)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}
