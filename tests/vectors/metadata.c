/*
 * metadata.c - a small JSON reader for the flags masks in a
 * SingleStepTests metadata.json (see metadata.h for what is kept).
 *
 * The reader follows the JSON grammar of RFC 8259: objects, arrays,
 * strings with escapes, numbers, true/false/null.  It walks the document
 * once; values it does not need are checked and skipped.  Nesting deeper
 * than JSON_MAX_DEPTH is refused rather than recursed into, so hostile
 * input cannot exhaust the stack.
 */
#include "tests/vectors/metadata.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define JSON_MAX_DEPTH 64
#define KEY_MAX 32

struct md_entry {
    uint32_t opcode;
    int32_t mask;          /* -1: none */
    int32_t reg_mask[8];   /* -1: none */
    bool group;
};

struct metadata {
    struct md_entry *e;
    size_t n, cap;
};

struct json {
    const char *p, *end;
    unsigned line;
    unsigned depth;
    bool failed;
    char *err;
    size_t errlen;
};

static bool fail(struct json *js, const char *fmt, ...)
{
    if (js->failed)
        return false;
    js->failed = true;
    int n = snprintf(js->err, js->errlen, "line %u: ", js->line);
    if (n > 0 && (size_t)n < js->errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(js->err + n, js->errlen - (size_t)n, fmt, ap);
        va_end(ap);
    }
    return false;
}

static void skip_ws(struct json *js)
{
    while (js->p < js->end) {
        char ch = *js->p;
        if (ch == '\n')
            js->line++;
        else if (ch != ' ' && ch != '\t' && ch != '\r')
            return;
        js->p++;
    }
}

/* Next non-blank character without consuming it; '\0' at the end. */
static char peek(struct json *js)
{
    skip_ws(js);
    return js->p < js->end ? *js->p : '\0';
}

static bool expect(struct json *js, char ch)
{
    if (peek(js) != ch)
        return fail(js, "expected '%c'", ch);
    js->p++;
    return true;
}

static int hex_digit(char ch)
{
    if (ch >= '0' && ch <= '9')
        return ch - '0';
    if (ch >= 'a' && ch <= 'f')
        return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F')
        return ch - 'A' + 10;
    return -1;
}

/* A string; its text (escapes resolved to '?' unless plain ASCII,
 * truncated to outsz - 1) goes to out if out is not NULL. */
static bool parse_string(struct json *js, char *out, size_t outsz)
{
    size_t n = 0;
    if (!expect(js, '"'))
        return false;
    while (js->p < js->end) {
        char ch = *js->p++;
        if (ch == '"') {
            if (out)
                out[n] = '\0';
            return true;
        }
        if ((unsigned char)ch < 0x20)
            return fail(js, "control character in a string");
        if (ch == '\\') {
            if (js->p >= js->end)
                break;
            char esc = *js->p++;
            switch (esc) {
            case '"': case '\\': case '/': ch = esc; break;
            case 'b': case 'f': case 'n': case 'r': case 't': ch = '?'; break;
            case 'u':
                if (js->end - js->p < 4)
                    return fail(js, "short \\u escape");
                for (int k = 0; k < 4; k++)
                    if (hex_digit(js->p[k]) < 0)
                        return fail(js, "bad \\u escape");
                js->p += 4;
                ch = '?';
                break;
            default:
                return fail(js, "bad escape '\\%c'", esc);
            }
        }
        if (out && n + 1 < outsz)
            out[n++] = ch;
    }
    return fail(js, "unterminated string");
}

static bool is_digit(char ch)
{
    return ch >= '0' && ch <= '9';
}

/* A number.  *is_uint says whether it was a plain non-negative integer,
 * whose value (saturated at UINT32_MAX) goes to *value. */
static bool parse_number(struct json *js, bool *is_uint, uint32_t *value)
{
    bool neg = false, frac = false;
    uint64_t v = 0;
    skip_ws(js);
    if (js->p < js->end && *js->p == '-') {
        neg = true;
        js->p++;
    }
    if (js->p >= js->end || !is_digit(*js->p))
        return fail(js, "bad number");
    if (*js->p == '0' && js->end - js->p > 1 && is_digit(js->p[1]))
        return fail(js, "number with a leading zero");
    while (js->p < js->end && is_digit(*js->p)) {
        v = v * 10u + (uint64_t)(*js->p++ - '0');
        if (v > UINT32_MAX)
            v = (uint64_t)UINT32_MAX + 1u; /* saturate: only small values matter */
    }
    if (js->p < js->end && *js->p == '.') {
        frac = true;
        js->p++;
        if (js->p >= js->end || !is_digit(*js->p))
            return fail(js, "bad fraction");
        while (js->p < js->end && is_digit(*js->p))
            js->p++;
    }
    if (js->p < js->end && (*js->p == 'e' || *js->p == 'E')) {
        frac = true;
        js->p++;
        if (js->p < js->end && (*js->p == '+' || *js->p == '-'))
            js->p++;
        if (js->p >= js->end || !is_digit(*js->p))
            return fail(js, "bad exponent");
        while (js->p < js->end && is_digit(*js->p))
            js->p++;
    }
    *is_uint = !neg && !frac && v <= UINT32_MAX;
    *value = *is_uint ? (uint32_t)v : 0;
    return true;
}

static bool parse_literal(struct json *js, const char *word)
{
    size_t n = strlen(word);
    skip_ws(js);
    if ((size_t)(js->end - js->p) < n || memcmp(js->p, word, n) != 0)
        return fail(js, "unexpected character");
    js->p += n;
    return true;
}

/* Object iteration: obj_begin consumes '{'; each obj_next call reads the
 * next key and its ':' (returns 1), or the closing '}' (returns 0); -1 on
 * error.  The caller must consume the value before calling obj_next again. */
static bool obj_begin(struct json *js, bool *first)
{
    if (js->depth >= JSON_MAX_DEPTH)
        return fail(js, "nesting too deep");
    js->depth++;
    *first = true;
    return expect(js, '{');
}

static int obj_next(struct json *js, bool *first, char *key, size_t keysz)
{
    char ch = peek(js);
    if (ch == '}') {
        js->p++;
        js->depth--;
        return 0;
    }
    if (!*first) {
        if (!expect(js, ','))
            return -1;
    }
    *first = false;
    if (!parse_string(js, key, keysz) || !expect(js, ':'))
        return -1;
    return 1;
}

static bool skip_value(struct json *js);

static bool skip_object(struct json *js)
{
    bool first;
    char key[KEY_MAX];
    int r;
    if (!obj_begin(js, &first))
        return false;
    while ((r = obj_next(js, &first, key, sizeof key)) == 1)
        if (!skip_value(js))
            return false;
    return r == 0;
}

static bool skip_array(struct json *js)
{
    if (js->depth >= JSON_MAX_DEPTH)
        return fail(js, "nesting too deep");
    js->depth++;
    if (!expect(js, '['))
        return false;
    if (peek(js) == ']') {
        js->p++;
        js->depth--;
        return true;
    }
    for (;;) {
        if (!skip_value(js))
            return false;
        char ch = peek(js);
        if (ch != ']' && ch != ',')
            return fail(js, "expected ',' or ']'");
        js->p++;
        if (ch == ']')
            break;
    }
    js->depth--;
    return true;
}

static bool skip_value(struct json *js)
{
    bool is_uint;
    uint32_t v;
    switch (peek(js)) {
    case '{': return skip_object(js);
    case '[': return skip_array(js);
    case '"': return parse_string(js, NULL, 0);
    case 't': return parse_literal(js, "true");
    case 'f': return parse_literal(js, "false");
    case 'n': return parse_literal(js, "null");
    case '\0': return fail(js, "unexpected end of file");
    default: return parse_number(js, &is_uint, &v);
    }
}

/* Value of a "flags-mask" key: an integer 0..65535. */
static bool parse_mask(struct json *js, int32_t *mask)
{
    bool is_uint;
    uint32_t v;
    if (peek(js) != '-' && !is_digit(peek(js)))
        return fail(js, "flags-mask is not a number");
    if (!parse_number(js, &is_uint, &v))
        return false;
    if (!is_uint || v > 0xFFFFu)
        return fail(js, "flags-mask is not an integer 0..65535");
    *mask = (int32_t)v;
    return true;
}

/* An object whose "flags-mask" we keep; everything else is skipped.
 * With reg_masks, also a "reg" object of such objects. */
static bool parse_masked(struct json *js, int32_t *mask, struct md_entry *group)
{
    bool first;
    char key[KEY_MAX];
    int r;
    if (peek(js) != '{')
        return skip_value(js); /* not an object: nothing to keep */
    if (!obj_begin(js, &first))
        return false;
    while ((r = obj_next(js, &first, key, sizeof key)) == 1) {
        bool ok;
        if (strcmp(key, "flags-mask") == 0) {
            ok = parse_mask(js, mask);
        } else if (group && strcmp(key, "reg") == 0 && peek(js) == '{') {
            bool rfirst;
            int rr;
            group->group = true;
            if (!obj_begin(js, &rfirst))
                return false;
            while ((rr = obj_next(js, &rfirst, key, sizeof key)) == 1) {
                bool is_reg = key[0] >= '0' && key[0] <= '7' && key[1] == '\0';
                if (is_reg)
                    ok = parse_masked(js, &group->reg_mask[key[0] - '0'], NULL);
                else
                    ok = skip_value(js);
                if (!ok)
                    return false;
            }
            ok = rr == 0;
        } else {
            ok = skip_value(js);
        }
        if (!ok)
            return false;
    }
    return r == 0;
}

/* Opcode keys are 1..8 hex digits. */
static bool parse_opcode_key(const char *key, uint32_t *opcode)
{
    size_t n = strlen(key);
    if (n == 0 || n > 8)
        return false;
    uint32_t v = 0;
    for (size_t k = 0; k < n; k++) {
        int d = hex_digit(key[k]);
        if (d < 0)
            return false;
        v = v << 4 | (uint32_t)d;
    }
    *opcode = v;
    return true;
}

static struct md_entry *entry_for(struct metadata *md, uint32_t opcode)
{
    for (size_t k = 0; k < md->n; k++)
        if (md->e[k].opcode == opcode)
            return &md->e[k];
    if (md->n == md->cap) {
        size_t cap = md->cap ? md->cap * 2 : 64;
        struct md_entry *e = realloc(md->e, cap * sizeof *e);
        if (!e)
            return NULL;
        md->e = e;
        md->cap = cap;
    }
    struct md_entry *e = &md->e[md->n++];
    e->opcode = opcode;
    e->mask = -1;
    for (int k = 0; k < 8; k++)
        e->reg_mask[k] = -1;
    e->group = false;
    return e;
}

static bool parse_opcodes(struct json *js, struct metadata *md)
{
    bool first;
    char key[KEY_MAX];
    int r;
    if (peek(js) != '{')
        return fail(js, "\"opcodes\" is not an object");
    if (!obj_begin(js, &first))
        return false;
    while ((r = obj_next(js, &first, key, sizeof key)) == 1) {
        uint32_t opcode;
        bool ok;
        if (parse_opcode_key(key, &opcode)) {
            struct md_entry *e = entry_for(md, opcode);
            if (!e)
                return fail(js, "out of memory");
            ok = parse_masked(js, &e->mask, e);
        } else {
            ok = skip_value(js);
        }
        if (!ok)
            return false;
    }
    return r == 0;
}

struct metadata *metadata_parse(const char *text, size_t len, char *err, size_t errlen)
{
    struct json js = { .p = text, .end = text + len, .line = 1, .err = err, .errlen = errlen };
    struct metadata *md = calloc(1, sizeof *md);
    if (!md) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    bool first, ok = false, have_opcodes = false;
    char key[KEY_MAX];
    int r;
    if (peek(&js) != '{') {
        fail(&js, "the top level is not an object");
    } else if (obj_begin(&js, &first)) {
        while ((r = obj_next(&js, &first, key, sizeof key)) == 1) {
            bool vok;
            if (strcmp(key, "opcodes") == 0) {
                vok = parse_opcodes(&js, md);
                have_opcodes = true;
            } else {
                vok = skip_value(&js);
            }
            if (!vok)
                break;
        }
        ok = r == 0 && !js.failed;
        if (ok && peek(&js) != '\0')
            ok = fail(&js, "text after the top-level object");
        if (ok && !have_opcodes)
            ok = fail(&js, "no \"opcodes\" object");
    }
    if (!ok) {
        metadata_free(md);
        return NULL;
    }
    return md;
}

void metadata_free(struct metadata *md)
{
    if (!md)
        return;
    free(md->e);
    free(md);
}

static const struct md_entry *find(const struct metadata *md, uint32_t opcode)
{
    if (!md)
        return NULL;
    for (size_t k = 0; k < md->n; k++)
        if (md->e[k].opcode == opcode)
            return &md->e[k];
    return NULL;
}

uint16_t metadata_flags_mask(const struct metadata *md, uint32_t opcode, int reg)
{
    const struct md_entry *e = find(md, opcode);
    if (!e)
        return 0xFFFF;
    if (reg >= 0 && reg < 8 && e->reg_mask[reg] >= 0)
        return (uint16_t)e->reg_mask[reg];
    return e->mask >= 0 ? (uint16_t)e->mask : 0xFFFF;
}

bool metadata_is_group(const struct metadata *md, uint32_t opcode)
{
    const struct md_entry *e = find(md, opcode);
    return e && e->group;
}

size_t metadata_count(const struct metadata *md)
{
    return md ? md->n : 0;
}
