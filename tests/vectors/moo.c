/*
 * moo.c - the MOO chunk parser (format: ../shared/vectors/README.md and
 * the SingleStepTests MOO documentation).
 *
 * Every length read from the file is checked against the bytes that are
 * really there before anything is read through it; sizes are compared in
 * size_t (or uint64_t for counts times entry sizes) so no product can wrap.
 * Unknown chunks, at the top level and inside TEST, INIT and FINA, are
 * skipped by their length, as the format asks.
 */
#include "tests/vectors/moo.h"

#include <stdio.h>
#include <string.h>

const char *const moo_reg_names[MOO_NREGS] = {
    "ax", "bx", "cx", "dx", "cs", "ss", "ds", "es",
    "sp", "bp", "si", "di", "ip", "flags",
};

static uint16_t get16(const uint8_t *p)
{
    return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t get32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* A chunk inside [start, end) of buf. */
struct chunk {
    char tag[5];
    const uint8_t *data;
    uint32_t len;
};

/* Reads the chunk at *pos (an offset into buf, below end).  Returns false
 * and writes err if the header or payload runs past end. */
static bool read_chunk(const uint8_t *buf, size_t *pos, size_t end, struct chunk *ch,
                       const char *where, char *err, size_t errlen)
{
    size_t p = *pos;
    if (end - p < 8) {
        snprintf(err, errlen, "truncated chunk header at offset %zu (%s)", p, where);
        return false;
    }
    memcpy(ch->tag, buf + p, 4);
    ch->tag[4] = '\0';
    for (int k = 0; k < 4; k++)
        if (ch->tag[k] < 0x20 || ch->tag[k] > 0x7E)
            ch->tag[k] = '?';
    ch->len = get32(buf + p + 4);
    if (ch->len > end - p - 8) {
        snprintf(err, errlen, "chunk '%s' at offset %zu claims %u bytes, only %zu left (%s)",
                 ch->tag, p, (unsigned)ch->len, end - p - 8, where);
        return false;
    }
    ch->data = buf + p + 8;
    *pos = p + 8 + ch->len;
    return true;
}

static bool tag_is(const struct chunk *ch, const char *tag)
{
    return memcmp(ch->tag, tag, 4) == 0;
}

/* Offset of the chunk's payload in the reader's buffer, for messages. */
static size_t offset_of(const struct moo_reader *r, const uint8_t *p)
{
    return (size_t)(p - r->buf);
}

static bool parse_regs(struct moo_reader *r, const struct chunk *ch, struct moo_state *s)
{
    if (ch->len < 2) {
        snprintf(r->err, sizeof r->err, "REGS chunk at offset %zu shorter than its mask",
                 offset_of(r, ch->data));
        return false;
    }
    uint16_t mask = get16(ch->data);
    if (mask >> MOO_NREGS) {
        snprintf(r->err, sizeof r->err,
                 "REGS mask 0x%04x at offset %zu has bits beyond flags (not a 16-bit CPU set?)",
                 (unsigned)mask, offset_of(r, ch->data));
        return false;
    }
    uint32_t need = 2;
    for (int k = 0; k < MOO_NREGS; k++)
        need += (mask >> k & 1u) * 2u;
    if (ch->len < need) {
        snprintf(r->err, sizeof r->err, "REGS chunk at offset %zu: %u bytes, mask needs %u",
                 offset_of(r, ch->data), (unsigned)ch->len, (unsigned)need);
        return false;
    }
    const uint8_t *p = ch->data + 2;
    s->mask = mask;
    for (int k = 0; k < MOO_NREGS; k++) {
        if (mask >> k & 1u) {
            s->regs[k] = get16(p);
            p += 2;
        } else {
            s->regs[k] = 0;
        }
    }
    return true;
}

static bool parse_ram(struct moo_reader *r, const struct chunk *ch, struct moo_state *s)
{
    if (ch->len < 4) {
        snprintf(r->err, sizeof r->err, "RAM chunk at offset %zu shorter than its count",
                 offset_of(r, ch->data));
        return false;
    }
    uint32_t n = get32(ch->data);
    if ((uint64_t)n * 5u > (uint64_t)ch->len - 4u) {
        snprintf(r->err, sizeof r->err, "RAM chunk at offset %zu: %u entries do not fit in %u bytes",
                 offset_of(r, ch->data), (unsigned)n, (unsigned)ch->len);
        return false;
    }
    s->ram = ch->data + 4;
    s->ram_count = n;
    return true;
}

/* INIT or FINA: nested REGS and RAM chunks (QUEU and others skipped). */
static bool parse_state(struct moo_reader *r, const struct chunk *outer, struct moo_state *s)
{
    memset(s, 0, sizeof *s);
    size_t pos = offset_of(r, outer->data);
    size_t end = pos + outer->len;
    bool have_regs = false;
    while (pos < end) {
        struct chunk ch;
        if (!read_chunk(r->buf, &pos, end, &ch, outer->tag, r->err, sizeof r->err))
            return false;
        if (tag_is(&ch, "REGS")) {
            if (!parse_regs(r, &ch, s))
                return false;
            have_regs = true;
        } else if (tag_is(&ch, "RAM ")) {
            if (!parse_ram(r, &ch, s))
                return false;
        }
    }
    if (!have_regs && outer->tag[0] == 'I') {
        snprintf(r->err, sizeof r->err, "INIT at offset %zu has no REGS", offset_of(r, outer->data));
        return false;
    }
    return true;
}

/* NAME and BYTS: u32 n, then n bytes. */
static bool parse_counted(struct moo_reader *r, const struct chunk *ch,
                          const uint8_t **data, uint32_t *n)
{
    if (ch->len < 4 || get32(ch->data) > ch->len - 4u) {
        snprintf(r->err, sizeof r->err, "%s chunk at offset %zu: bad length", ch->tag,
                 offset_of(r, ch->data));
        return false;
    }
    *n = get32(ch->data);
    *data = ch->data + 4;
    return true;
}

static bool parse_test(struct moo_reader *r, const struct chunk *outer, struct moo_test *t)
{
    memset(t, 0, sizeof *t);
    if (outer->len < 4) {
        snprintf(r->err, sizeof r->err, "TEST chunk at offset %zu too short", offset_of(r, outer->data));
        return false;
    }
    t->index = get32(outer->data);
    size_t pos = offset_of(r, outer->data) + 4;
    size_t end = offset_of(r, outer->data) + outer->len;
    bool have_init = false, have_fina = false;
    while (pos < end) {
        struct chunk ch;
        if (!read_chunk(r->buf, &pos, end, &ch, "TEST", r->err, sizeof r->err))
            return false;
        bool ok = true;
        if (tag_is(&ch, "NAME")) {
            const uint8_t *name;
            ok = parse_counted(r, &ch, &name, &t->name_len);
            t->name = (const char *)name;
        } else if (tag_is(&ch, "BYTS")) {
            ok = parse_counted(r, &ch, &t->bytes, &t->nbytes);
        } else if (tag_is(&ch, "INIT")) {
            ok = parse_state(r, &ch, &t->init);
            have_init = true;
        } else if (tag_is(&ch, "FINA")) {
            ok = parse_state(r, &ch, &t->fina);
            have_fina = true;
        } else if (tag_is(&ch, "EXCP")) {
            if (ch.len < 5) {
                snprintf(r->err, sizeof r->err, "EXCP chunk at offset %zu too short",
                         offset_of(r, ch.data));
                return false;
            }
            t->has_excp = true;
            t->excp_vector = ch.data[0];
            t->excp_flags_addr = get32(ch.data + 1);
        }
        if (!ok)
            return false;
    }
    if (!have_init || !have_fina) {
        snprintf(r->err, sizeof r->err, "test #%u (chunk at offset %zu) lacks %s",
                 (unsigned)t->index, offset_of(r, outer->data), have_init ? "FINA" : "INIT");
        return false;
    }
    if (!t->name) {
        t->name = "";
        t->name_len = 0;
    }
    return true;
}

static void parse_moo_header(struct moo_reader *r, const struct chunk *ch)
{
    if (ch->len < 12)
        return; /* too short to use; the test count check then has nothing to say */
    r->hdr.have_moo = true;
    r->hdr.major = ch->data[0];
    r->hdr.minor = ch->data[1];
    r->hdr.test_count = get32(ch->data + 4);
    memcpy(r->hdr.cpu, ch->data + 8, 4);
    r->hdr.cpu[4] = '\0';
}

static void parse_meta(struct moo_reader *r, const struct chunk *ch)
{
    if (ch->len < 15)
        return;
    r->hdr.have_meta = true;
    r->hdr.opcode = get32(ch->data + 3);
    memcpy(r->hdr.mnemonic, ch->data + 7, 8);
    r->hdr.mnemonic[8] = '\0';
    for (int k = 7; k >= 0 && (r->hdr.mnemonic[k] == ' ' || r->hdr.mnemonic[k] == '\0'); k--)
        r->hdr.mnemonic[k] = '\0';
}

void moo_reader_init(struct moo_reader *r, const uint8_t *buf, size_t len)
{
    memset(r, 0, sizeof *r);
    r->buf = buf;
    r->len = len;
}

int moo_next_test(struct moo_reader *r, struct moo_test *t)
{
    if (r->err[0])
        return -1;
    if (r->pos == 0 && r->len > 0 && (r->len < 4 || memcmp(r->buf, "MOO ", 4) != 0)) {
        snprintf(r->err, sizeof r->err, "not a MOO file (it does not start with a MOO chunk)");
        return -1;
    }
    while (r->pos < r->len) {
        struct chunk ch;
        if (!read_chunk(r->buf, &r->pos, r->len, &ch, "top level", r->err, sizeof r->err))
            return -1;
        if (tag_is(&ch, "MOO ")) {
            parse_moo_header(r, &ch);
        } else if (tag_is(&ch, "META")) {
            parse_meta(r, &ch);
        } else if (tag_is(&ch, "TEST")) {
            if (!parse_test(r, &ch, t))
                return -1;
            r->tests_read++;
            return 1;
        }
    }
    return 0;
}
