/*
 * debug.c - matching accesses against the debug registers (see debug.h;
 * Intel SDM Vol. 3, 17.2.4-17.2.5 for DR7's fields and the alignment of
 * breakpoint addresses, 17.3.1 for which conditions are faults or traps).
 */
#include "cpu/debug.h"

#include "cpu/fault.h"

enum { RW_EXEC = 0, RW_WRITE = 1, RW_IO = 2, RW_READ_WRITE = 3 };

static unsigned bp_rw(const struct cpu *c, unsigned n)
{
    return (c->dr[7] >> (16 + 4 * n)) & 3u;
}

static bool bp_enabled(const struct cpu *c, unsigned n)
{
    return (c->dr[7] >> (2 * n)) & 3u;
}

/* LEN: 00 one byte, 01 two, 11 four, 10 eight. */
static uint64_t bp_len(const struct cpu *c, unsigned n)
{
    static const uint8_t bytes[4] = { 1, 2, 8, 4 };
    return bytes[(c->dr[7] >> (18 + 4 * n)) & 3u];
}

/* Does [addr, addr+size) overlap breakpoint n's aligned range? */
static bool bp_overlaps(const struct cpu *c, unsigned n, uint64_t addr, unsigned size)
{
    uint64_t len = bp_len(c, n);
    uint64_t start = c->dr[n] & ~(len - 1);
    return addr < start + len && start < addr + size;
}

void debug_data_access(struct cpu *c, uint32_t lin, unsigned size, bool write)
{
    for (unsigned n = 0; n < 4; n++) {
        unsigned rw = bp_rw(c, n);
        bool watches = rw == RW_READ_WRITE || (rw == RW_WRITE && write);
        if (bp_enabled(c, n) && watches && bp_overlaps(c, n, lin, size))
            c->debug_hits |= (uint8_t)(1u << n);
    }
}

void debug_io_access(struct cpu *c, uint16_t port, unsigned size)
{
    if (!(c->cr4 & CR4_DE))
        return; /* R/W = 10 is undefined without CR4.DE: it never hits */
    for (unsigned n = 0; n < 4; n++)
        if (bp_enabled(c, n) && bp_rw(c, n) == RW_IO && bp_overlaps(c, n, port, size))
            c->debug_hits |= (uint8_t)(1u << n);
}

void debug_check_insn(struct cpu *c)
{
    if (c->eflags & FLAG_RF)
        return;
    uint32_t lin = c->seg[SEG_CS].base + c->eip;
    uint32_t hits = 0;
    for (unsigned n = 0; n < 4; n++)
        if (bp_enabled(c, n) && bp_rw(c, n) == RW_EXEC && c->dr[n] == lin)
            hits |= 1u << n;
    if (!hits)
        return;
    c->dr[6] = (c->dr[6] & ~(uint32_t)DR6_B_MASK) | hits;
    c->insn_eip = c->eip;
    cpu_raise(c, EXC_DB, 0);
}
