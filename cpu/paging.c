/*
 * paging.c - the page walk and the control-register writes that change
 * translation (see paging.h).
 *
 * Follows the Intel SDM Vol. 3, chapter 4: 4.3 (32-bit paging, 4 KiB and
 * with CR4.PSE 4 MiB pages), 4.4 (PAE paging: four PDPTE registers loaded
 * from CR3, 2 MiB pages, 64-bit entries), 4.6 (access rights: U/S and R/W
 * are ANDed over the levels; supervisor writes to read-only pages fault
 * only with CR0.WP), 4.7 (#PF error code) and 4.8 (accessed and dirty
 * flags).  The physical address width is 36 bits (a P6 with PAE), which
 * fixes the reserved bits of PAE entries; in 32-bit paging a 4 MiB PDE has
 * bits 21:13 reserved (we report no PSE-36).
 *
 * Choices the SDM leaves open:
 *   - A and D are written only when the whole walk succeeds, and only if
 *     not already set (the write ORs bits in; it never clears any).
 *   - The PAT bit (bit 7 of a PTE, bit 12 of a large PDE) is ignored: we
 *     report no PAT, and a P6 without it does not check those bits.
 *   - Page-table reads above 4 GiB (possible with PAE) read all ones.
 */
#include "cpu/paging.h"

#include "cpu/fault.h"
#include "cpu/tlb.h"
#include "mem/phys.h"

#define PAE_ADDR_MASK 0x0000000FFFFFF000ull  /* bits 35:12 */
#define PAE_RSVD_HIGH 0xFFFFFFF000000000ull  /* bits 63:36 */
#define PAE_LARGE_RSVD 0x00000000001FE000ull /* 2 MiB PDE: bits 20:13 */
#define PDPTE_RSVD (PAE_RSVD_HIGH | 0x1E6ull) /* bits 2:1, 8:5, 63:36 */
#define PSE_LARGE_RSVD 0x003FE000u           /* 4 MiB PDE: bits 21:13 */

static uint32_t table_read32(struct cpu *c, uint64_t addr)
{
    return addr >> 32 ? UINT32_MAX : phys_read32(c->phys, (uint32_t)addr);
}

static uint64_t table_read64(struct cpu *c, uint64_t addr)
{
    return table_read32(c, addr) | (uint64_t)table_read32(c, addr + 4) << 32;
}

/* Sets A (and D) in an entry whose low dword was `old`. */
static void table_set_bits(struct cpu *c, uint64_t addr, uint32_t old, uint32_t bits)
{
    if ((old & bits) != bits && !(addr >> 32))
        phys_write32(c->phys, (uint32_t)addr, old | bits);
}

static noreturn void page_fault(struct cpu *c, uint32_t lin, unsigned err)
{
    c->cr2 = lin;
    cpu_raise(c, EXC_PF, err & (PF_P | PF_W | PF_U | PF_RSVD));
}

/* One level of the walk as the caller sees it: the entry's address and
 * value (low dword is where A/D live). */
struct walk_level {
    uint64_t addr;
    uint64_t value;
};

static bool check_rights(const struct cpu *c, uint32_t rights, unsigned acc, bool *writable)
{
    bool user_ok = rights & PTE_US;
    bool rw = rights & PTE_RW;
    if (acc & PF_U)
        *writable = user_ok && rw;
    else
        *writable = rw || !(c->cr0 & CR0_WP);
    if ((acc & PF_U) && !user_ok)
        return false;
    return !(acc & PF_W) || *writable;
}

/* Finishes a walk: rights, A/D bits, the result. */
static void walk_done(struct cpu *c, uint32_t lin, unsigned acc, struct walk_level *lv,
                      unsigned levels, uint64_t phys, uint32_t page_mask,
                      struct paging_result *out)
{
    uint32_t rights = PTE_US | PTE_RW;
    for (unsigned k = 0; k < levels; k++)
        rights &= (uint32_t)lv[k].value;
    bool writable;
    if (!check_rights(c, rights, acc, &writable))
        page_fault(c, lin, acc | PF_P);
    for (unsigned k = 0; k + 1 < levels; k++)
        table_set_bits(c, lv[k].addr, (uint32_t)lv[k].value, PTE_A);
    struct walk_level *last = &lv[levels - 1];
    uint32_t bits = PTE_A | ((acc & PF_W) ? PTE_D : 0);
    table_set_bits(c, last->addr, (uint32_t)last->value, bits);
    out->phys = phys;
    out->page_mask = page_mask;
    out->writable = writable;
    out->dirty = (acc & PF_W) || (last->value & PTE_D);
    out->global = (last->value & PTE_G) && (c->cr4 & CR4_PGE);
}

static void walk32(struct cpu *c, uint32_t lin, unsigned acc, struct paging_result *out)
{
    struct walk_level lv[2];
    lv[0].addr = (c->cr3 & 0xFFFFF000u) | ((lin >> 20) & 0xFFCu);
    lv[0].value = table_read32(c, lv[0].addr);
    uint32_t pde = (uint32_t)lv[0].value;
    if (!(pde & PTE_P))
        page_fault(c, lin, acc);
    if ((pde & PTE_PS) && (c->cr4 & CR4_PSE)) {
        if (pde & PSE_LARGE_RSVD)
            page_fault(c, lin, acc | PF_P | PF_RSVD);
        uint64_t phys = (pde & 0xFFC00000u) | (lin & 0x003FFFFFu);
        walk_done(c, lin, acc, lv, 1, phys, 0x003FFFFFu, out);
        return;
    }
    lv[1].addr = (pde & 0xFFFFF000u) | ((lin >> 10) & 0xFFCu);
    lv[1].value = table_read32(c, lv[1].addr);
    uint32_t pte = (uint32_t)lv[1].value;
    if (!(pte & PTE_P))
        page_fault(c, lin, acc);
    walk_done(c, lin, acc, lv, 2, (pte & 0xFFFFF000u) | (lin & 0xFFFu), 0xFFFu, out);
}

static void walk_pae(struct cpu *c, uint32_t lin, unsigned acc, struct paging_result *out)
{
    uint64_t pdpte = c->tlb->pdpte[lin >> 30];
    if (!(pdpte & PTE_P))
        page_fault(c, lin, acc);
    struct walk_level lv[2];
    lv[0].addr = (pdpte & PAE_ADDR_MASK) + (((lin >> 21) & 0x1FFu) << 3);
    lv[0].value = table_read64(c, lv[0].addr);
    uint64_t pde = lv[0].value;
    if (!(pde & PTE_P))
        page_fault(c, lin, acc);
    if (pde & PAE_RSVD_HIGH)
        page_fault(c, lin, acc | PF_P | PF_RSVD);
    if (pde & PTE_PS) {
        if (pde & PAE_LARGE_RSVD)
            page_fault(c, lin, acc | PF_P | PF_RSVD);
        uint64_t phys = (pde & PAE_ADDR_MASK & ~0x1FFFFFull) | (lin & 0x001FFFFFu);
        walk_done(c, lin, acc, lv, 1, phys, 0x001FFFFFu, out);
        return;
    }
    lv[1].addr = (pde & PAE_ADDR_MASK) + (((lin >> 12) & 0x1FFu) << 3);
    lv[1].value = table_read64(c, lv[1].addr);
    uint64_t pte = lv[1].value;
    if (!(pte & PTE_P))
        page_fault(c, lin, acc);
    if (pte & PAE_RSVD_HIGH)
        page_fault(c, lin, acc | PF_P | PF_RSVD);
    walk_done(c, lin, acc, lv, 2, (pte & PAE_ADDR_MASK) | (lin & 0xFFFu), 0xFFFu, out);
}

void paging_translate(struct cpu *c, uint32_t lin, unsigned acc, struct paging_result *out)
{
    if (!(c->cr0 & CR0_PG)) {
        *out = (struct paging_result){ .phys = lin, .page_mask = 0xFFFu,
                                       .writable = true, .dirty = true };
        return;
    }
    if (c->cr4 & CR4_PAE)
        walk_pae(c, lin, acc, out);
    else
        walk32(c, lin, acc, out);
}

/* ---- control registers ------------------------------------------------ */

enum {
    CR0_VALID = CR0_PE | CR0_MP | CR0_EM | CR0_TS | CR0_ET | CR0_NE | CR0_WP | CR0_AM |
                CR0_NW | CR0_CD | CR0_PG,
    CR4_VALID = CR4_VME | CR4_PVI | CR4_TSD | CR4_DE | CR4_PSE | CR4_PAE | CR4_PGE | CR4_PCE | CR4_OSFXSR,
};

/* Reads the four PDPTEs CR3 points at; #GP(0) if a present one has
 * reserved bits set (SDM 4.4.1).  Nothing is committed here. */
static void read_pdptes(struct cpu *c, uint32_t cr3, uint64_t out[4])
{
    uint32_t base = cr3 & 0xFFFFFFE0u;
    for (unsigned k = 0; k < 4; k++) {
        out[k] = table_read64(c, base + 8u * k);
        if ((out[k] & PTE_P) && (out[k] & PDPTE_RSVD))
            cpu_raise(c, EXC_GP, 0);
    }
}

static void commit_pdptes(struct cpu *c, const uint64_t p[4])
{
    for (unsigned k = 0; k < 4; k++)
        c->tlb->pdpte[k] = p[k];
}

void paging_write_cr0(struct cpu *c, uint32_t v)
{
    v = (v & CR0_VALID) | CR0_ET; /* ET is hardwired to 1 on a P6 */
    if ((v & CR0_PG) && !(v & CR0_PE))
        cpu_raise(c, EXC_GP, 0);
    if ((v & CR0_NW) && !(v & CR0_CD))
        cpu_raise(c, EXC_GP, 0);
    uint64_t pdpte[4];
    bool load = (v & CR0_PG) && !(c->cr0 & CR0_PG) && (c->cr4 & CR4_PAE);
    if (load)
        read_pdptes(c, c->cr3, pdpte);
    uint32_t changed = c->cr0 ^ v;
    c->cr0 = v;
    if (load)
        commit_pdptes(c, pdpte);
    if (changed & (CR0_PG | CR0_WP))
        tlb_flush_all(c);
}

void paging_write_cr3(struct cpu *c, uint32_t v)
{
    uint64_t pdpte[4];
    bool load = (c->cr0 & CR0_PG) && (c->cr4 & CR4_PAE);
    if (load)
        read_pdptes(c, v, pdpte);
    c->cr3 = v;
    if (load)
        commit_pdptes(c, pdpte);
    tlb_flush_nonglobal(c);
}

void paging_write_cr4(struct cpu *c, uint32_t v)
{
    if (v & ~(uint32_t)CR4_VALID)
        cpu_raise(c, EXC_GP, 0);
    uint32_t changed = c->cr4 ^ v;
    uint64_t pdpte[4];
    bool load = (c->cr0 & CR0_PG) && (v & CR4_PAE) &&
                (changed & (CR4_PAE | CR4_PSE | CR4_PGE));
    if (load)
        read_pdptes(c, c->cr3, pdpte);
    c->cr4 = v;
    if (load)
        commit_pdptes(c, pdpte);
    if (changed & (CR4_PSE | CR4_PAE | CR4_PGE))
        tlb_flush_all(c);
}
