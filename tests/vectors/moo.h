/*
 * moo.h - reading MOO files, the single-instruction CPU test format of the
 * SingleStepTests project (github.com/SingleStepTests), as documented in
 * ../shared/vectors/README.md.
 *
 * A MOO file is a sequence of chunks { char tag[4]; u32 len; u8 data[len]; },
 * little-endian.  The top level holds a "MOO " header, a "META" chunk and
 * one "TEST" chunk per test; each TEST holds NAME, BYTS, INIT, FINA and
 * optionally EXCP sub-chunks (HASH, GMET and anything unknown are skipped).
 *
 * The parser is a set of pure functions over a buffer already in memory:
 * no allocation, no I/O.  Parsed tests point into the buffer.  Every read
 * is bounds-checked; bad input gives an error message, never a crash.
 * Only the 16-bit register layout of the 8086/80186/80286 sets is
 * supported (REGS bits 0..13); the 80386 sets' 32-bit layout is refused.
 */
#ifndef SOFTPC_TESTS_VECTORS_MOO_H
#define SOFTPC_TESTS_VECTORS_MOO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Registers in the order of the REGS bitmask. */
enum moo_reg {
    MOO_AX, MOO_BX, MOO_CX, MOO_DX, MOO_CS, MOO_SS, MOO_DS, MOO_ES,
    MOO_SP, MOO_BP, MOO_SI, MOO_DI, MOO_IP, MOO_FLAGS,
    MOO_NREGS
};

extern const char *const moo_reg_names[MOO_NREGS];

/* INIT or FINA state.  RAM entries stay in the buffer, 5 bytes each. */
struct moo_state {
    uint16_t mask;             /* which regs[] are present (bit = enum moo_reg) */
    uint16_t regs[MOO_NREGS];  /* 0 where not present */
    const uint8_t *ram;        /* ram_count entries of { u32 addr; u8 value } */
    uint32_t ram_count;
};

struct moo_test {
    uint32_t index;            /* the test's number in the original full set */
    const char *name;          /* disassembly, NOT NUL-terminated */
    uint32_t name_len;
    const uint8_t *bytes;      /* instruction bytes */
    uint32_t nbytes;
    struct moo_state init, fina;
    bool has_excp;
    uint8_t excp_vector;
    uint32_t excp_flags_addr;  /* where the exception pushed FLAGS */
};

/* File-level information from the MOO and META chunks. */
struct moo_header {
    bool have_moo, have_meta;
    uint8_t major, minor;
    uint32_t test_count;       /* from the MOO header */
    char cpu[5];               /* e.g. "C286", NUL-terminated */
    uint32_t opcode;           /* from META */
    char mnemonic[9];          /* from META, trailing blanks removed */
};

struct moo_reader {
    const uint8_t *buf;
    size_t len;
    size_t pos;                /* offset of the next top-level chunk */
    struct moo_header hdr;
    uint32_t tests_read;
    char err[160];             /* why moo_next_test returned -1 */
};

/* Starts reading `buf`; nothing is parsed yet. */
void moo_reader_init(struct moo_reader *r, const uint8_t *buf, size_t len);

/* Parses up to and including the next TEST chunk.  Returns 1 with *t
 * filled, 0 at the end of the buffer, -1 on malformed input (r->err says
 * what and at which offset; the reader stays at the error). */
int moo_next_test(struct moo_reader *r, struct moo_test *t);

/* RAM entry k of a state (k < ram_count). */
static inline void moo_ram_entry(const struct moo_state *s, uint32_t k,
                                 uint32_t *addr, uint8_t *value)
{
    const uint8_t *p = s->ram + (size_t)k * 5u;
    *addr = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
    *value = p[4];
}

/* The value a register must have after the test: FINA's if it lists it,
 * INIT's otherwise. */
static inline uint16_t moo_expected_reg(const struct moo_test *t, enum moo_reg reg)
{
    return (t->fina.mask >> reg & 1u) ? t->fina.regs[reg] : t->init.regs[reg];
}

#endif
