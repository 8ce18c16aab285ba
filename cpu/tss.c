/*
 * tss.c - reading the stack pointers and the I/O permission bitmap of the
 * current task's TSS (see tss.h).  TSS reads are system accesses: linear
 * addresses, supervisor privilege.
 */
#include "cpu/tss.h"

#include "cpu/access.h"

bool tss_read_stack(struct cpu *c, unsigned dpl, uint16_t *ss, uint32_t *esp)
{
    const struct cpu_segment *tr = &c->tr;
    if (tss_type_is32(tr->access)) {
        uint32_t off = TSS32_ESP0 + 8 * dpl;
        if (off + 5 > tr->limit)
            return false;
        *esp = mem_read32_linear(c, tr->base + off);
        *ss = mem_read16_linear(c, tr->base + off + 4);
    } else {
        uint32_t off = TSS16_SP0 + 4 * dpl;
        if (off + 3 > tr->limit)
            return false;
        *esp = mem_read16_linear(c, tr->base + off);
        *ss = mem_read16_linear(c, tr->base + off + 2);
    }
    return true;
}

bool tss_io_allowed(struct cpu *c, uint16_t port, unsigned size)
{
    const struct cpu_segment *tr = &c->tr;
    if (!tss_type_is32(tr->access) || tr->limit < TSS32_IOMAP + 1)
        return false;
    uint32_t map = mem_read16_linear(c, tr->base + TSS32_IOMAP);
    /* The bits of ports port..port+size-1 lie in at most two bytes. */
    uint32_t at = map + port / 8;
    if (at + 1 > tr->limit)
        return false;
    uint32_t bits = mem_read16_linear(c, tr->base + at);
    uint32_t want = ((1u << size) - 1) << (port & 7);
    return (bits & want) == 0;
}
