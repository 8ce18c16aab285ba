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
#include "cpu/paging.h"
#include "cpu/tlb.h"
#include "mem/phys.h"

/* Family 6, model 3, stepping 3: a Pentium II (Klamath). */
#define CPU_SIGNATURE 0x0633u

static void code_write_hook(void *opaque, uint32_t addr, unsigned len)
{
    struct cpu *c = opaque;
    block_cache_code_write(c->blocks, addr, len);
}

static void map_change_hook(void *opaque, bool regions)
{
    cpu_memory_map_changed(opaque, regions);
}

struct cpu *cpu_create(struct phys_space *phys, struct port_bus *ports)
{
    struct cpu *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->phys = phys;
    c->ports = ports;
    c->blocks = block_cache_create(phys);
    c->tlb = tlb_create();
    if (!c->blocks || !c->tlb) {
        block_cache_destroy(c->blocks);
        tlb_destroy(c->tlb);
        free(c);
        return NULL;
    }
    phys_set_code_write_hook(phys, code_write_hook, c);
    phys_set_map_change_hook(phys, map_change_hook, c);
    cpu_reset(c);
    return c;
}

void cpu_destroy(struct cpu *c)
{
    if (!c)
        return;
    phys_set_code_write_hook(c->phys, NULL, NULL);
    phys_set_map_change_hook(c->phys, NULL, NULL);
    block_cache_destroy(c->blocks);
    tlb_destroy(c->tlb);
    free(c);
}

void cpu_load_seg_real(struct cpu *c, int seg, uint16_t selector)
{
    struct cpu_segment *s = &c->seg[seg];
    s->selector = selector;
    s->base = (uint32_t)selector << 4;
    /* Real mode keeps the limit and access rights a segment already has
     * ("unreal mode" relies on that); reset sets them to 64 KiB.  Real
     * and V86 mode do not check types, so every segment - CS included -
     * can be read and written. */
    s->rights = SEG_CAN_READ | SEG_CAN_WRITE;
}

void segment_derive(struct cpu_segment *s)
{
    bool present = s->access & 0x80;
    bool is_code_or_data = s->access & 0x10;
    bool code = s->access & 0x08;
    bool expand_down = !code && (s->access & 0x04);
    s->rights = 0;
    if (present && is_code_or_data) {
        if (code)
            s->rights = (s->access & 0x02) ? SEG_CAN_READ : 0;
        else
            s->rights = SEG_CAN_READ | ((s->access & 0x02) ? SEG_CAN_WRITE : 0);
    }
    if (expand_down) {
        s->lo = s->limit + 1; /* limit 0xFFFFFFFF: lo wraps to 0, hi below */
        s->hi = (s->access & SEG_ACCESS_DB) ? 0xFFFFFFFFu : 0xFFFFu;
        if (s->limit >= s->hi) { /* nothing is inside */
            s->lo = 1;
            s->hi = 0;
        }
    } else {
        s->lo = 0;
        s->hi = s->limit;
    }
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
        c->seg[s].lo = 0;
        c->seg[s].hi = 0xFFFF;
        c->seg[s].rights = SEG_CAN_READ | SEG_CAN_WRITE;
    }
    c->seg[SEG_CS].selector = 0xF000;
    c->seg[SEG_CS].base = 0xFFFF0000u;
    c->seg[SEG_CS].access = 0x9B; /* present, readable code, accessed */
    c->eip = 0xFFF0;
    c->eflags = FLAG_RES1;
    c->lazy.width = 0;
    c->cr0 = CR0_CD | CR0_NW | CR0_ET;
    c->cr2 = c->cr3 = c->cr4 = 0;
    c->cpl = 0;
    memset(c->dr, 0, sizeof c->dr);
    c->dr[6] = 0xFFFF0FF0u;
    c->dr[7] = 0x00000400u;
    c->ldtr = (struct cpu_segment){ .limit = 0xFFFF, .hi = 0xFFFF, .access = 0x82 };
    c->tr = (struct cpu_segment){ .limit = 0xFFFF, .hi = 0xFFFF, .access = 0x8B };
    memset(&c->msr, 0, sizeof c->msr);
    c->msr.apic_base = 0xFEE00900u; /* enabled, bootstrap processor */
    c->idtr.base = 0;
    c->idtr.limit = 0x3FF;
    c->gdtr.base = 0;
    c->gdtr.limit = 0xFFFF;
    c->halted = false;
    c->inhibit_irq = 0;
    c->delivering = -1;
    c->stop = CPU_STOP_NONE;
    c->debug_hits = 0;
    for (unsigned k = 0; k < 4; k++)
        c->tlb->pdpte[k] = 0;
    tlb_flush_all(c);
    x87_reset(c);
    block_cache_flush(c->blocks);
}

void cpu_request_stop(struct cpu *c)
{
    c->stop = CPU_STOP_REQUEST;
    /* Called from a device inside an instruction (an OUT to the debug-exit
     * port): leave the running block after this instruction, as a code
     * write into it would, so nothing after the OUT runs. */
    c->block_stale = true;
}

void cpu_set_intr(struct cpu *c, bool asserted)
{
    c->intr_line = asserted;
}

void cpu_flush_blocks(struct cpu *c)
{
    block_cache_flush(c->blocks);
}
