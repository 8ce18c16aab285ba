/*
 * access.c - segment-checked memory access (see access.h).
 */
#include "cpu/access.h"

#include "cpu/fault.h"
#include "cpu/tss.h"
#include "mem/phys.h"
#include "mem/ports.h"

void seg_check(struct cpu *c, unsigned seg, uint32_t off, unsigned size, unsigned need)
{
    const struct cpu_segment *s = &c->seg[seg];
    if (off < s->lo || (uint64_t)off + size - 1 > s->hi || !(s->rights & need))
        cpu_raise(c, seg == SEG_SS ? EXC_SS : EXC_GP, 0);
}

static uint32_t linear(struct cpu *c, unsigned seg, uint32_t off, unsigned size)
{
    seg_check(c, seg, off, size, SEG_CAN_READ);
    return c->seg[seg].base + off;
}

static uint32_t linear_w(struct cpu *c, unsigned seg, uint32_t off, unsigned size)
{
    seg_check(c, seg, off, size, SEG_CAN_WRITE);
    return c->seg[seg].base + off;
}

uint8_t mem_read8(struct cpu *c, unsigned seg, uint32_t off)
{
    return phys_read8(c->phys, linear(c, seg, off, 1));
}

uint16_t mem_read16(struct cpu *c, unsigned seg, uint32_t off)
{
    return phys_read16(c->phys, linear(c, seg, off, 2));
}

uint32_t mem_read32(struct cpu *c, unsigned seg, uint32_t off)
{
    return phys_read32(c->phys, linear(c, seg, off, 4));
}

void mem_write8(struct cpu *c, unsigned seg, uint32_t off, uint8_t v)
{
    phys_write8(c->phys, linear_w(c, seg, off, 1), v);
}

void mem_write16(struct cpu *c, unsigned seg, uint32_t off, uint16_t v)
{
    phys_write16(c->phys, linear_w(c, seg, off, 2), v);
}

void mem_write32(struct cpu *c, unsigned seg, uint32_t off, uint32_t v)
{
    phys_write32(c->phys, linear_w(c, seg, off, 4), v);
}

uint32_t mem_read(struct cpu *c, unsigned seg, uint32_t off, unsigned size)
{
    switch (size) {
    case 1: return mem_read8(c, seg, off);
    case 2: return mem_read16(c, seg, off);
    default: return mem_read32(c, seg, off);
    }
}

void mem_write(struct cpu *c, unsigned seg, uint32_t off, unsigned size, uint32_t v)
{
    switch (size) {
    case 1: mem_write8(c, seg, off, (uint8_t)v); break;
    case 2: mem_write16(c, seg, off, (uint16_t)v); break;
    default: mem_write32(c, seg, off, v); break;
    }
}

void mem_check_write(struct cpu *c, unsigned seg, uint32_t off, unsigned size)
{
    seg_check(c, seg, off, size, SEG_CAN_WRITE);
}

uint16_t mem_read16_linear(struct cpu *c, uint32_t lin)
{
    return phys_read16(c->phys, lin);
}

uint32_t mem_read32_linear(struct cpu *c, uint32_t lin)
{
    return phys_read32(c->phys, lin);
}

void mem_write16_linear(struct cpu *c, uint32_t lin, uint16_t v)
{
    phys_write16(c->phys, lin, v);
}

void mem_write32_linear(struct cpu *c, uint32_t lin, uint32_t v)
{
    phys_write32(c->phys, lin, v);
}

/* I/O permission (SDM Vol. 1, 19.5 "Protected-Mode I/O"): in protected
 * mode with CPL > IOPL, and always in V86 mode, every port the access
 * touches must have its bit clear in the TSS I/O bitmap, else #GP(0)
 * before the access.  Real mode and CPL <= IOPL cost one test or two. */
void io_check_permission(struct cpu *c, uint16_t port, unsigned size)
{
    if (!(c->cr0 & CR0_PE))
        return;
    bool v86 = (c->eflags & FLAG_VM) != 0;
    if (!v86 && c->cpl <= ((c->eflags & FLAG_IOPL) >> 12))
        return;
    if (!tss_io_allowed(c, port, size))
        cpu_raise(c, EXC_GP, 0);
}

uint32_t io_read(struct cpu *c, uint16_t port, unsigned size)
{
    io_check_permission(c, port, size);
    return ports_read(c->ports, port, size);
}

void io_write(struct cpu *c, uint16_t port, unsigned size, uint32_t v)
{
    io_check_permission(c, port, size);
    ports_write(c->ports, port, size, v);
}
