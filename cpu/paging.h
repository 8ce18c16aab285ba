/*
 * paging.h - linear -> physical translation (Intel SDM Vol. 3, chapter 4):
 * 32-bit paging with 4 KiB pages and, with CR4.PSE, 4 MiB pages; PAE
 * paging (CR4.PAE) with its four PDPTEs loaded on CR3 writes, 2 MiB pages;
 * global pages (CR4.PGE).  The walk sets the accessed bits of the entries
 * it uses and the dirty bit of the final entry on a write, and raises #PF
 * with the SDM's error code (P, W/R, U/S, RSVD) and CR2 = the address.
 *
 * Everyone else keeps calling mem_read* / mem_write* / mem_*_linear
 * (cpu/access.h): those go through the software TLB (cpu/tlb.h), which
 * calls paging_translate() on a miss.  Normal accesses are user accesses
 * when c->cpl == 3; the *_linear accesses (GDT, IDT, LDT, TSS) are always
 * supervisor accesses.
 *
 * Control-register writes go through the paging_write_cr* helpers so the
 * TLB is flushed when it must be (CR3: non-global entries; CR0.PG/WP and
 * CR4.PSE/PAE/PGE changes: everything).  They check what MOV CRn checks
 * (raise #GP(0) before changing anything) except the CPL, which is the
 * caller's business.
 *
 * Not here: NX (a P6 has none), PCIDs, protection keys, PAT memory types,
 * physical addresses above 4 GiB (a PAE entry may point there: such pages
 * read as all ones and drop writes, like unmapped memory).
 */
#ifndef SOFTPC_CPU_PAGING_H
#define SOFTPC_CPU_PAGING_H

#include <stdbool.h>
#include <stdint.h>

#include "cpu/cpu.h"

/* Access kinds; the values are the #PF error-code bits they set. */
enum {
    PF_P = 1u << 0,     /* error code: the page was present (protection) */
    PF_W = 1u << 1,     /* access: write */
    PF_U = 1u << 2,     /* access: user mode (CPL 3, not an implicit access) */
    PF_RSVD = 1u << 3,  /* error code: a reserved bit was set in an entry */
};

/* Page-table entry bits (the same positions in 32-bit and PAE entries). */
enum {
    PTE_P = 1u << 0,
    PTE_RW = 1u << 1,
    PTE_US = 1u << 2,
    PTE_PWT = 1u << 3,
    PTE_PCD = 1u << 4,
    PTE_A = 1u << 5,
    PTE_D = 1u << 6,
    PTE_PS = 1u << 7,   /* in a PDE: large page */
    PTE_G = 1u << 8,
};

/* The outcome of a successful walk. */
struct paging_result {
    uint64_t phys;      /* physical address of the byte (may be >= 4 GiB with PAE) */
    uint32_t page_mask; /* offset bits of the page that mapped it: 0xFFF, 0x1FFFFF, 0x3FFFFF */
    bool writable;      /* a write by this privilege would be allowed */
    bool dirty;         /* the final entry's D bit is set (now) */
    bool global;        /* the final entry is global and CR4.PGE is set */
};

/* Walks the page tables for `lin` with access `acc` (PF_W | PF_U bits):
 * checks permissions, sets A (and D on a write) in guest memory, and
 * fills *out.  On failure sets CR2 and raises #PF (does not return).
 * With CR0.PG clear this is the identity. */
void paging_translate(struct cpu *c, uint32_t lin, unsigned acc, struct paging_result *out);

/* CR writes with MOV CRn's checks (#GP(0) on bad values: PG without PE,
 * NW without CD, reserved CR4 bits, PDPTEs with reserved bits when PAE
 * paging gets (re)loaded).  They flush the TLB as the SDM requires. */
void paging_write_cr0(struct cpu *c, uint32_t v);
void paging_write_cr3(struct cpu *c, uint32_t v);
void paging_write_cr4(struct cpu *c, uint32_t v);

/* TLB flushes, for INVLPG, task switches and anything else that changes
 * translations behind the CPU's back. */
void tlb_flush_all(struct cpu *c);          /* global entries too */
void tlb_flush_nonglobal(struct cpu *c);    /* what a CR3 write does */
void tlb_flush_page(struct cpu *c, uint32_t lin); /* INVLPG */

/* The physical memory map or the address mask (A20, bus width) changed:
 * drops every cached host pointer, and with `regions` the decoded blocks
 * too.  mem/phys_map.c calls this through its map-change hook, so a board
 * that toggles A20 or moves a region need not call it itself. */
void cpu_memory_map_changed(struct cpu *c, bool regions);

/* The access kind of a normal (segment-relative) access by the CPU now. */
static inline unsigned paging_user(const struct cpu *c)
{
    return c->cpl == 3 ? PF_U : 0;
}

#endif
