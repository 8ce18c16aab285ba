/*
 * phys_internal.h - what the two halves of the physical address space
 * share and nothing else may see: the private side of a region, the
 * space itself and the page-map lookup.  phys_map.c builds the map (the
 * region list, the page map, the address mask); phys.c runs the accesses
 * over it.  The lookup helpers are static inline here so the access fast
 * paths in phys.c compile exactly as when everything was one file.
 *
 * Only mem/phys*.c include this; everyone else uses phys.h.
 */
#ifndef SOFTPC_MEM_PHYS_INTERNAL_H
#define SOFTPC_MEM_PHYS_INTERNAL_H

#include "mem/phys.h"

#define PHYS_PAGE_MASK   (PHYS_PAGE_SIZE - 1u)
#define PHYS_LEAF_BITS   10
#define PHYS_LEAF_PAGES  (1u << PHYS_LEAF_BITS)
#define PHYS_LEAVES      (1u << (32 - PHYS_PAGE_SHIFT - PHYS_LEAF_BITS))
#define PHYS_SPACE_END   ((uint64_t)1 << 32)

/* Backing memory of a RAM or ROM region, shared with its aliases. */
struct phys_store {
    uint8_t *host;
    uint64_t *code_bits; /* RAM: one mask per 4 KiB of store; ROM: NULL */
    unsigned users;      /* regions and aliases that show this store */
};

/* The private side of a region.  The public struct comes first, so a
 * struct phys_region pointer handed out converts back (C11 6.7.2.1p15). */
struct phys_entry {
    struct phys_region pub;
    struct phys_store *store; /* RAM/ROM; NULL for MMIO */
    uint64_t *bits;           /* RAM: store->code_bits, one load nearer */
    uint64_t store_off;       /* RAM/ROM: store offset of pub.base;
                                 MMIO: device offset of pub.base */
    bool pages_aligned;       /* physical pages coincide with store pages */
};

struct phys_space {
    struct phys_entry **leaves[PHYS_LEAVES]; /* NULL until a region needs one */
    struct phys_entry **regions; /* by (priority, serial), lowest first */
    size_t count, cap;
    unsigned next_serial;
    uint32_t bus_mask; /* address-bus width */
    uint32_t mask;     /* bus_mask, and bit 20 cleared while A20 is closed */
    bool a20;
    phys_code_write_fn hook;
    void *hook_opaque;
    phys_map_change_fn map_hook; /* told of map and mask changes (the CPU's TLB) */
    void *map_hook_opaque;
    uint64_t unmapped_reads, unmapped_writes;
};

/* Page-map value of a page that several regions share (phys_map.c).  It
 * is typed MMIO and has no host memory, so the RAM/ROM fast paths pass it
 * over without a test of their own and it lands in the per-access search. */
extern struct phys_entry phys_mixed;

static inline struct phys_entry *phys_lookup_page(const struct phys_space *ps, uint32_t page)
{
    struct phys_entry **leaf = ps->leaves[page >> PHYS_LEAF_BITS];
    return leaf != NULL ? leaf[page & (PHYS_LEAF_PAGES - 1u)] : NULL;
}

static inline bool phys_contains(const struct phys_entry *e, uint32_t a)
{
    return a >= e->pub.base && (uint64_t)(a - e->pub.base) < e->pub.size;
}

/* The region that answers for address a on a mixed page: the enabled one
 * of highest priority, the later one among equals. */
static inline struct phys_entry *phys_search(const struct phys_space *ps, uint32_t a)
{
    for (size_t i = ps->count; i-- > 0;) {
        struct phys_entry *e = ps->regions[i];
        if (e->pub.enabled && phys_contains(e, a))
            return e;
    }
    return NULL;
}

#endif
