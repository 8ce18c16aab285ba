/*
 * tlb.h - the software TLB: linear page -> physical page and host pointer,
 * the memory fast path of DESIGN.md.
 *
 * Two direct-mapped sets of TLB_ENTRIES entries, one for supervisor and
 * one for user accesses (an entry filled by a user access only holds what
 * a user may do).  Each entry remembers the translation of one 4 KiB
 * linear page (pages of a 4 MiB or 2 MiB mapping get one entry each) and
 * two tags for the fast path:
 *   - read_tag  = the linear page if reads may load from `host` directly;
 *   - write_tag = the linear page if writes may store to `host` directly:
 *     the page is RAM, the walk allows the write, its D bit is already set,
 *     and the page holds no decoded code (writes there must reach
 *     phys_write* so self-modifying code is seen).
 * A tag that cannot match holds TLB_NO_TAG.  Everything else (MMIO, ROM
 * writes, code pages, data breakpoints, page-crossing accesses) takes the
 * slow path in cpu/access.c, which still uses the cached translation when
 * `lin` matches and the walk otherwise.
 *
 * With paging off the entries cache the identity (through the A20 mask,
 * which is why a mask change flushes the TLB).  The PDPTEs of PAE paging
 * live here too: they are a register-like cache loaded on CR3 writes.
 *
 * Not here: a separate instruction TLB (fetches use the read entries),
 * paging-structure caches (every miss walks from CR3).
 */
#ifndef SOFTPC_CPU_TLB_H
#define SOFTPC_CPU_TLB_H

#include <stdbool.h>
#include <stdint.h>

#include "cpu/paging.h"

struct cpu;

#define TLB_ENTRIES 1024u         /* per set, power of two */
#define TLB_NO_TAG 1u             /* never equals a page-aligned address */
#define TLB_PAGE_MASK 0xFFFFF000u

enum {
    TLB_WRITABLE = 1u << 0,  /* writes may use `phys` without a walk */
    TLB_GLOBAL = 1u << 1,    /* survives CR3 writes */
    TLB_LARGE = 1u << 2,     /* part of a 4 MiB / 2 MiB page */
    TLB_HIGH = 1u << 3,      /* physical page above 4 GiB: unmapped */
};

struct tlb_entry {
    uint32_t read_tag;
    uint32_t write_tag;
    uint32_t lin;            /* linear page of the translation, or TLB_NO_TAG */
    uint32_t phys;           /* physical page (low 32 bits) */
    uint8_t *host;           /* host memory of the page, or NULL */
    uint16_t flags;          /* TLB_* */
    bool listed;             /* its index is in tlb.used */
};

struct tlb {
    struct tlb_entry set[2][TLB_ENTRIES]; /* [0] supervisor, [1] user */
    uint64_t pdpte[4];       /* PAE: loaded by CR3 writes */
    unsigned large_entries;  /* entries with TLB_LARGE (INVLPG must scan) */
    /* Entries filled since the last full flush, so flushes touch only
     * those (cpu_reset flushes, and the vector runner resets per test). */
    uint16_t used[2 * TLB_ENTRIES];
    unsigned used_count;
    uint64_t misses, flushes; /* statistics for tests and the monitor */
};

struct tlb *tlb_create(void);
void tlb_destroy(struct tlb *t);

static inline struct tlb_entry *tlb_entry_for(struct tlb *t, uint32_t lin, unsigned acc)
{
    return &t->set[(acc & PF_U) ? 1 : 0][(lin >> 12) & (TLB_ENTRIES - 1)];
}

/* The entry for `lin` after a walk for access `acc` (which may raise #PF):
 * a hit if the cached translation allows the access, else walk and fill. */
struct tlb_entry *tlb_lookup(struct cpu *c, uint32_t lin, unsigned acc);

/* Drop the fast write tags of every entry whose host page is `host`
 * (that page just gained code marks). */
void tlb_drop_write_host(struct tlb *t, const uint8_t *host);

#endif
