/*
 * cpu.c - creating and resetting the CPU, and the real-mode segment load.
 *
 * Reset state follows the Intel SDM Vol. 3, 9.1.1 "Processor State After
 * Reset" (table 9-1) for a P6: CS = F000 with base FFFF0000, EIP = FFF0,
 * EFLAGS = 2, CR0 = 60000010, EDX = the CPUID family/model/stepping.
 */
#include "cpu/cpu.h"

#include <stdlib.h>
#include <string.h>

#include "cpu/block_cache.h"
#include "mem/phys.h"

/* Family 6, model 3, stepping 3: a Pentium II (Klamath). */
#define CPU_SIGNATURE 0x0633u

static void code_write_hook(void *opaque, uint32_t addr, unsigned len)
{
    struct cpu *c = opaque;
    block_cache_code_write(c->blocks, addr, len);
}

struct cpu *cpu_create(struct phys_space *phys, struct port_bus *ports)
{
    struct cpu *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->phys = phys;
    c->ports = ports;
    c->blocks = block_cache_create(phys);
    if (!c->blocks) {
        free(c);
        return NULL;
    }
    phys_set_code_write_hook(phys, code_write_hook, c);
    cpu_reset(c);
    return c;
}

void cpu_destroy(struct cpu *c)
{
    if (!c)
        return;
    phys_set_code_write_hook(c->phys, NULL, NULL);
    block_cache_destroy(c->blocks);
    free(c);
}

void cpu_load_seg_real(struct cpu *c, int seg, uint16_t selector)
{
    struct cpu_segment *s = &c->seg[seg];
    s->selector = selector;
    s->base = (uint32_t)selector << 4;
    /* Real mode keeps the limit and access rights a segment already has
     * ("unreal mode" relies on that); reset sets them to 64 KiB. */
}

void cpu_reset(struct cpu *c)
{
    memset(c->gpr, 0, sizeof c->gpr);
    c->gpr[REG_DX] = CPU_SIGNATURE;
    for (int s = 0; s < SEG_COUNT; s++) {
        c->seg[s].selector = 0;
        c->seg[s].base = 0;
        c->seg[s].limit = 0xFFFF;
        c->seg[s].access = 0x93; /* present, writable data, accessed */
    }
    c->seg[SEG_CS].selector = 0xF000;
    c->seg[SEG_CS].base = 0xFFFF0000u;
    c->seg[SEG_CS].access = 0x9B; /* present, readable code, accessed */
    c->eip = 0xFFF0;
    c->eflags = FLAG_RES1;
    c->lazy.width = 0;
    c->cr0 = CR0_CD | CR0_NW | CR0_ET;
    c->idtr.base = 0;
    c->idtr.limit = 0x3FF;
    c->gdtr.base = 0;
    c->gdtr.limit = 0xFFFF;
    c->halted = false;
    c->inhibit_irq = 0;
    c->delivering = -1;
    c->stop = CPU_STOP_NONE;
    block_cache_flush(c->blocks);
}

void cpu_request_stop(struct cpu *c)
{
    c->stop = CPU_STOP_REQUEST;
}

void cpu_set_intr(struct cpu *c, bool asserted)
{
    c->intr_line = asserted;
}

void cpu_flush_blocks(struct cpu *c)
{
    block_cache_flush(c->blocks);
}
