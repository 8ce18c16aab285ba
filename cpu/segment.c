/*
 * segment.c - descriptor tables and segment register loads (see
 * segment.h), after the Intel SDM Vol. 3, 3.4 "Logical and Linear
 * Addresses", 3.5 "System Descriptor Types", 5.5-5.7 (privilege checks
 * on data and stack segment loads), and the Vol. 2 pages MOV, POP, LDS/
 * LES/LFS/LGS/LSS and RET (the outer-level invalidation rule).
 *
 * Descriptor table reads and the accessed/busy bit writes are system
 * accesses through the *_linear memory calls (supervisor, translated by
 * paging when it is on).  Not here: far control transfers (cpu/ops/
 * far.c), task switches (cpu/task.c), gates of the IDT (cpu/interrupt.c).
 * The accessed bit is written as a 16-bit store of descriptor bytes 4-5
 * (base 23:16 and the access byte), not as a locked byte update; on a
 * single CPU nothing can tell the difference.
 */
#include "cpu/segment.h"

#include <string.h>

#include "cpu/access.h"
#include "cpu/fault.h"

void desc_decode(struct descriptor *d, uint32_t lo, uint32_t hi)
{
    d->raw[0] = lo;
    d->raw[1] = hi;
    d->base = (lo >> 16) | ((hi & 0xFFu) << 16) | (hi & 0xFF000000u);
    uint32_t limit = (lo & 0xFFFFu) | (hi & 0x000F0000u);
    if (hi & 0x00800000u) /* G: 4 KiB units, the low 12 bits all ones */
        limit = (limit << 12) | 0xFFFu;
    d->limit = limit;
    d->access = (uint16_t)((hi >> 8) & 0xF0FFu);
    d->gate_selector = (uint16_t)(lo >> 16);
    d->gate_offset = (lo & 0xFFFFu) | (hi & 0xFFFF0000u);
    d->gate_params = (uint8_t)(hi & 0x1Fu);
    if (desc_is_system(d)) {
        unsigned t = desc_sys_type(d);
        /* 16-bit gates have no offset 31:16 (the 286 format). */
        if (t == SYS_CALL_GATE16 || t == SYS_INT_GATE16 || t == SYS_TRAP_GATE16)
            d->gate_offset &= 0xFFFFu;
    }
}

/* Linear address of the descriptor `selector` names, or false when it
 * is null or outside its table. */
static bool desc_address(const struct cpu *c, uint16_t selector, uint32_t *lin)
{
    uint32_t offset = selector & 0xFFF8u;
    uint32_t base, limit;
    if (sel_is_ldt(selector)) {
        /* LLDT with a null selector leaves the LDTR unusable (access 0). */
        if (!(c->ldtr.access & DESC_P))
            return false;
        base = c->ldtr.base;
        limit = c->ldtr.limit;
    } else {
        if (offset == 0)
            return false;
        base = c->gdtr.base;
        limit = c->gdtr.limit;
    }
    if (offset + 7 > limit)
        return false;
    *lin = base + offset;
    return true;
}

bool desc_read(struct cpu *c, uint16_t selector, struct descriptor *d)
{
    uint32_t lin;
    if (!desc_address(c, selector, &lin))
        return false;
    uint32_t lo = mem_read32_linear(c, lin);
    uint32_t hi = mem_read32_linear(c, lin + 4);
    desc_decode(d, lo, hi);
    return true;
}

void desc_fetch(struct cpu *c, uint16_t selector, struct descriptor *d, unsigned exc)
{
    if (!desc_read(c, selector, d))
        cpu_raise(c, exc, sel_error(selector));
}

void desc_set_accessed(struct cpu *c, uint16_t selector, struct descriptor *d)
{
    uint32_t lin;
    if (d->access & DESC_ACCESSED)
        return;
    if (!desc_address(c, selector, &lin))
        return;
    d->raw[1] |= (uint32_t)DESC_ACCESSED << 8;
    d->access |= DESC_ACCESSED;
    mem_write16_linear(c, lin + 4, (uint16_t)d->raw[1]);
}

void desc_set_busy(struct cpu *c, uint16_t selector, bool busy)
{
    uint32_t lin;
    if (sel_is_ldt(selector) || !desc_address(c, selector, &lin))
        return;
    uint16_t w = mem_read16_linear(c, lin + 4);
    uint16_t bit = (uint16_t)DESC_TSS_BUSY << 8;
    w = busy ? (uint16_t)(w | bit) : (uint16_t)(w & ~bit);
    mem_write16_linear(c, lin + 4, w);
}

void segment_from_desc(struct cpu_segment *s, uint16_t selector, const struct descriptor *d)
{
    s->selector = selector;
    s->base = d->base;
    s->limit = d->limit;
    s->access = d->access;
    segment_derive(s);
}

void segment_set_null(struct cpu_segment *s, uint16_t selector)
{
    s->selector = selector;
    s->base = 0;
    s->limit = 0;
    s->access = 0;
    segment_derive(s); /* rights 0: every access through it is #GP(0) */
}

void cpu_load_seg_v86(struct cpu *c, int seg, uint16_t selector)
{
    struct cpu_segment *s = &c->seg[seg];
    s->selector = selector;
    s->base = (uint32_t)selector << 4;
    s->limit = 0xFFFF;
    s->access = DESC_P | DESC_DPL | DESC_S | DESC_RW | DESC_ACCESSED; /* F3 */
    segment_derive(s);
}

void segment_check_stack(struct cpu *c, uint16_t selector, unsigned cpl, unsigned exc,
                         struct descriptor *d)
{
    if (sel_is_null(selector))
        cpu_raise(c, exc, 0);
    desc_fetch(c, selector, d, exc);
    if (sel_rpl(selector) != cpl || !desc_is_data(d) || !(d->access & DESC_RW) ||
        desc_dpl(d) != cpl)
        cpu_raise(c, exc, sel_error(selector));
    if (!desc_present(d))
        cpu_raise(c, EXC_SS, sel_error(selector));
    desc_set_accessed(c, selector, d);
}

/* DS/ES/FS/GS: data or readable code; unless conforming code, the
 * segment must be at least as privileged-open (numerically >=) as both
 * CPL and RPL. */
static void check_data_segment(struct cpu *c, uint16_t selector, struct descriptor *d)
{
    desc_fetch(c, selector, d, EXC_GP);
    bool readable = desc_is_data(d) || (desc_is_code(d) && (d->access & DESC_RW));
    if (!readable)
        cpu_raise(c, EXC_GP, sel_error(selector));
    if (!desc_is_conforming_code(d)) {
        unsigned dpl = desc_dpl(d);
        if (sel_rpl(selector) > dpl || c->cpl > dpl)
            cpu_raise(c, EXC_GP, sel_error(selector));
    }
    if (!desc_present(d))
        cpu_raise(c, EXC_NP, sel_error(selector));
}

void segment_check_load(struct cpu *c, int seg, uint16_t selector, struct descriptor *d)
{
    if (seg == SEG_SS) {
        segment_check_stack(c, selector, c->cpl, EXC_GP, d);
        return;
    }
    if (sel_is_null(selector)) {
        memset(d, 0, sizeof *d);
        return;
    }
    check_data_segment(c, selector, d);
    desc_set_accessed(c, selector, d);
}

void segment_commit(struct cpu *c, int seg, uint16_t selector, const struct descriptor *d)
{
    if (d->access == 0)
        segment_set_null(&c->seg[seg], selector);
    else
        segment_from_desc(&c->seg[seg], selector, d);
}

void cpu_load_seg(struct cpu *c, int seg, uint16_t selector)
{
    if (!(c->cr0 & CR0_PE)) {
        cpu_load_seg_real(c, seg, selector);
        return;
    }
    if (c->eflags & FLAG_VM) {
        cpu_load_seg_v86(c, seg, selector);
        return;
    }
    struct descriptor d;
    segment_check_load(c, seg, selector, &d);
    segment_commit(c, seg, selector, &d);
}

void cpu_load_cs(struct cpu *c, uint16_t selector, const struct descriptor *d, unsigned cpl)
{
    uint16_t sel = (uint16_t)((selector & 0xFFFCu) | (cpl & 3u));
    segment_from_desc(&c->seg[SEG_CS], sel, d);
    c->cpl = (uint8_t)(cpl & 3u);
}

void segment_invalidate_for_cpl(struct cpu *c)
{
    static const int data_segs[] = { SEG_ES, SEG_DS, SEG_FS, SEG_GS };
    for (unsigned k = 0; k < sizeof data_segs / sizeof data_segs[0]; k++) {
        struct cpu_segment *s = &c->seg[data_segs[k]];
        if (!(s->access & DESC_S))
            continue; /* already null */
        bool conforming = (s->access & (DESC_CODE | DESC_DC)) == (DESC_CODE | DESC_DC);
        unsigned dpl = (s->access >> 5) & 3u;
        if (!conforming && dpl < c->cpl)
            segment_set_null(s, 0);
    }
}
