/*
 * access.c - memory access through segments and the TLB (see access.h).
 *
 * Every access: segment check (seg_check) -> linear address -> the fast
 * path of the software TLB (cpu/tlb.h): if the entry for the linear page
 * carries the right tag and the access stays in the page, load or store
 * the host bytes directly.  Anything else goes to the slow path here:
 * data breakpoints, accesses that cross a page (each page translated and
 * checked before any byte moves), MMIO, ROM, pages holding decoded code
 * (their writes must reach phys_write*, which notices self-modifying
 * code), and TLB misses (a page walk, which may raise #PF).
 *
 * Guest memory is little-endian; bytes are composed with shifts, never
 * cast, so big-endian hosts behave the same.
 */
#include "cpu/access.h"

#include "cpu/debug.h"
#include "cpu/fault.h"
#include "cpu/paging.h"
#include "cpu/tlb.h"
#include "cpu/tss.h"
#include "mem/le.h"
#include "mem/phys.h"
#include "mem/ports.h"

void seg_check(struct cpu *c, unsigned seg, uint32_t off, unsigned size, unsigned need)
{
    const struct cpu_segment *s = &c->seg[seg];
    if (off < s->lo || (uint64_t)off + size - 1 > s->hi || !(s->rights & need))
        cpu_raise(c, seg == SEG_SS ? EXC_SS : EXC_GP, 0);
}

/* seg:off to a linear address, after the segment check for `need`
 * (SEG_CAN_READ or SEG_CAN_WRITE) and the #AC check. */
static inline uint32_t segment_linear(struct cpu *c, unsigned seg, uint32_t off, unsigned size,
                                      unsigned need)
{
    seg_check(c, seg, off, size, need);
    uint32_t lin = c->seg[seg].base + off;
    if (lin & (size - 1)) /* misaligned: rare, so the #AC test costs one AND */
        mem_alignment_check(c);
    return lin;
}

static inline uint32_t linear(struct cpu *c, unsigned seg, uint32_t off, unsigned size)
{
    return segment_linear(c, seg, off, size, SEG_CAN_READ);
}

static inline uint32_t linear_w(struct cpu *c, unsigned seg, uint32_t off, unsigned size)
{
    return segment_linear(c, seg, off, size, SEG_CAN_WRITE);
}

/* ---- host bytes (mem/le.h composes them) ------------------------------ */

static inline bool crosses_page(uint32_t lin, unsigned n)
{
    return (lin & 0xFFFu) > 0x1000u - n;
}

/* ---- physical side of the slow path ----------------------------------- */

/* Where a translated byte lives: its physical address, or nowhere (a PAE
 * page above 4 GiB, which reads as all ones and drops writes). */
struct target {
    uint32_t phys;
    bool high;
};

static struct target translate(struct cpu *c, uint32_t lin, unsigned acc)
{
    struct tlb_entry *e = tlb_lookup(c, lin, acc);
    return (struct target){ e->phys | (lin & 0xFFFu), (e->flags & TLB_HIGH) != 0 };
}

static uint32_t target_read(struct cpu *c, struct target t, unsigned n)
{
    if (t.high)
        return n >= 4 ? UINT32_MAX : (UINT32_C(1) << (8 * n)) - 1u;
    switch (n) {
    case 1: return phys_read8(c->phys, t.phys);
    case 2: return phys_read16(c->phys, t.phys);
    default: return phys_read32(c->phys, t.phys);
    }
}

static void target_write(struct cpu *c, struct target t, unsigned n, uint32_t v)
{
    if (t.high)
        return;
    switch (n) {
    case 1: phys_write8(c->phys, t.phys, (uint8_t)v); break;
    case 2: phys_write16(c->phys, t.phys, (uint16_t)v); break;
    default: phys_write32(c->phys, t.phys, v); break;
    }
}

static uint32_t read_slow(struct cpu *c, uint32_t lin, unsigned n, unsigned acc)
{
    debug_check_data(c, lin, n, false);
    if (!crosses_page(lin, n))
        return target_read(c, translate(c, lin, acc), n);
    /* Split: both pages translated (either may fault) before reading. */
    unsigned first = 0x1000u - (lin & 0xFFFu);
    struct target a = translate(c, lin, acc);
    struct target b = translate(c, lin + first, acc);
    uint32_t v = 0;
    for (unsigned k = 0; k < n; k++) {
        struct target t = k < first ? a : b;
        t.phys += k < first ? k : k - first;
        v |= target_read(c, t, 1) << (8 * k);
    }
    return v;
}

static void write_slow(struct cpu *c, uint32_t lin, unsigned n, uint32_t v, unsigned acc)
{
    acc |= PF_W;
    debug_check_data(c, lin, n, true);
    if (!crosses_page(lin, n)) {
        target_write(c, translate(c, lin, acc), n, v);
        return;
    }
    /* Split: both pages checked before any byte is written. */
    unsigned first = 0x1000u - (lin & 0xFFFu);
    struct target a = translate(c, lin, acc);
    struct target b = translate(c, lin + first, acc);
    for (unsigned k = 0; k < n; k++) {
        struct target t = k < first ? a : b;
        t.phys += k < first ? k : k - first;
        target_write(c, t, 1, (v >> (8 * k)) & 0xFFu);
    }
}

/* ---- the fast path ---------------------------------------------------- */

static inline uint32_t lin_read(struct cpu *c, uint32_t lin, unsigned n, unsigned acc)
{
    const struct tlb_entry *e = tlb_entry_for(c->tlb, lin, acc);
    if (e->read_tag == (lin & TLB_PAGE_MASK) && !crosses_page(lin, n))
        return le_load(e->host + (lin & 0xFFFu), n);
    return read_slow(c, lin, n, acc);
}

static inline void lin_write(struct cpu *c, uint32_t lin, unsigned n, uint32_t v, unsigned acc)
{
    const struct tlb_entry *e = tlb_entry_for(c->tlb, lin, acc);
    if (e->write_tag == (lin & TLB_PAGE_MASK) && !crosses_page(lin, n))
        le_store(e->host + (lin & 0xFFFu), v, n);
    else
        write_slow(c, lin, n, v, acc);
}

/* ---- segment-relative accesses (user accesses at CPL 3) --------------- */

uint8_t mem_read8(struct cpu *c, unsigned seg, uint32_t off)
{
    return (uint8_t)lin_read(c, linear(c, seg, off, 1), 1, paging_user(c));
}

uint16_t mem_read16(struct cpu *c, unsigned seg, uint32_t off)
{
    return (uint16_t)lin_read(c, linear(c, seg, off, 2), 2, paging_user(c));
}

uint32_t mem_read32(struct cpu *c, unsigned seg, uint32_t off)
{
    return lin_read(c, linear(c, seg, off, 4), 4, paging_user(c));
}

void mem_write8(struct cpu *c, unsigned seg, uint32_t off, uint8_t v)
{
    lin_write(c, linear_w(c, seg, off, 1), 1, v, paging_user(c));
}

void mem_write16(struct cpu *c, unsigned seg, uint32_t off, uint16_t v)
{
    lin_write(c, linear_w(c, seg, off, 2), 2, v, paging_user(c));
}

void mem_write32(struct cpu *c, unsigned seg, uint32_t off, uint32_t v)
{
    lin_write(c, linear_w(c, seg, off, 4), 4, v, paging_user(c));
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
    uint32_t lin = linear_w(c, seg, off, size);
    unsigned acc = paging_user(c) | PF_W;
    const struct tlb_entry *e = tlb_entry_for(c->tlb, lin, acc);
    if (e->write_tag == (lin & TLB_PAGE_MASK) && !crosses_page(lin, size))
        return;
    translate(c, lin, acc);
    if (crosses_page(lin, size))
        translate(c, lin + (0x1000u - (lin & 0xFFFu)), acc);
}

/* ---- system structures: supervisor accesses whatever the CPL ---------- */

uint16_t mem_read16_linear(struct cpu *c, uint32_t lin)
{
    return (uint16_t)lin_read(c, lin, 2, 0);
}

uint32_t mem_read32_linear(struct cpu *c, uint32_t lin)
{
    return lin_read(c, lin, 4, 0);
}

void mem_write16_linear(struct cpu *c, uint32_t lin, uint16_t v)
{
    lin_write(c, lin, 2, v, 0);
}

void mem_write32_linear(struct cpu *c, uint32_t lin, uint32_t v)
{
    lin_write(c, lin, 4, v, 0);
}

/* ---- instruction fetch ------------------------------------------------ */

uint32_t mem_fetch_phys(struct cpu *c, uint32_t lin)
{
    return tlb_lookup(c, lin, paging_user(c))->phys | (lin & 0xFFFu);
}

uint8_t mem_fetch8(struct cpu *c, uint32_t lin)
{
    struct target t = translate(c, lin, paging_user(c));
    return (uint8_t)target_read(c, t, 1);
}

/* ---- port I/O --------------------------------------------------------- */

/* #AC(0) (SDM Vol. 3, 6.15 "Interrupt 17"): a misaligned data access at
 * CPL 3 (V86 included) with CR0.AM and EFLAGS.AC set.  Called only for
 * misaligned accesses.  It comes after the segment checks but before the
 * page walk, so a misaligned access to a not-present page reports #AC
 * where the SDM's priorities would report #PF. */
void mem_alignment_check(struct cpu *c)
{
    if (c->cpl == 3 && (c->cr0 & CR0_AM) && (c->eflags & FLAG_AC))
        cpu_raise(c, EXC_AC, 0);
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
    debug_check_io(c, port, size);
    return ports_read(c->ports, port, size);
}

void io_write(struct cpu *c, uint16_t port, unsigned size, uint32_t v)
{
    io_check_permission(c, port, size);
    debug_check_io(c, port, size);
    ports_write(c->ports, port, size, v);
}
