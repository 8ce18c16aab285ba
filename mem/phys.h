/*
 * phys.h - the emulated physical address space: RAM, ROM and MMIO regions.
 *
 * Regions are registered with a base, a size and a priority; where regions
 * overlap, the one with the higher priority wins (equal priority: the one
 * added last).  Regions can be moved or removed at run time (PCI BARs, the
 * shadow-RAM switch), so lookups go through a page map that is rebuilt on
 * every change.  A page covered by exactly one region maps straight to it;
 * a page shared by several regions is marked mixed and searched per access.
 *
 * Unmapped reads return all ones and unmapped writes are dropped and
 * counted.  Every address first goes through the address mask: the A20
 * gate (bit 20 forced to 0 while the gate is closed) and the width of the
 * address bus (24 bits for a 286-style bus, 32 bits for a P6).
 *
 * Self-modifying code: the CPU marks 64-byte chunks of RAM that hold
 * decoded instructions (phys_mark_code).  Every write to RAM through this
 * interface - CPU stores and, later, DMA - checks the chunk bits and calls
 * the code-write hook before the bits are cleared, so the CPU can drop its
 * stale decoded blocks.  Only RAM can hold marked chunks; ROM cannot be
 * written and MMIO code is never cached.
 *
 * The hook contract:
 *   - The hook runs after the bytes are stored, once per write that touches
 *     at least one marked chunk, with the masked physical address and
 *     length of the bytes written (phys_write_block: one call per page
 *     piece, so len can reach a page).  Writes that touch only unmarked
 *     chunks, even in the same page, do not call it.
 *   - This file never clears marks on its own: the hook owns them.  It
 *     clears the page (phys_clear_code_page) and re-marks the chunks of
 *     the blocks it keeps (phys_mark_code).  Marks left set make every
 *     later write to those chunks call the hook again - slower, never wrong.
 *   - Marks belong to the backing memory, so an alias shares them.  A
 *     write through any view calls the hook at each address where a view
 *     that can hold marks shows those bytes.  A view whose pages do not
 *     line up with its memory's pages (base - offset not a multiple of
 *     4 KiB) cannot hold marks: phys_mark_code refuses it and
 *     phys_host_ptr returns NULL for it; writes through it still report.
 *   - The hook may call phys_mark_code and phys_clear_code_page, but must
 *     not add, move, enable or remove regions.
 *   - Map changes (add, move, enable, remove) and changes of the address
 *     mask (A20, bus width) do not call this hook; they call the map-change
 *     hook (phys_set_map_change_hook) after the map is rebuilt, with
 *     `regions` true for region changes and false for a mask change.  The
 *     CPU uses it to drop its TLB's host pointers and, for region changes,
 *     its decoded blocks.  Blocks should be keyed by phys_mask()ed
 *     addresses, the addresses the code-write hook reports.
 *
 * Counters: a wholly unmapped access counts once; an access split into
 * bytes counts each unmapped byte.  At creation the A20 gate is open and
 * the bus is 32 bits wide.  Region names are not copied.
 *
 * Not here: caching attributes (MTRRs), PAE's 36-bit physical addresses.
 */
#ifndef SOFTPC_MEM_PHYS_H
#define SOFTPC_MEM_PHYS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mem/io_ops.h"

#define PHYS_PAGE_SHIFT 12
#define PHYS_PAGE_SIZE  (1u << PHYS_PAGE_SHIFT)
#define PHYS_CHUNK_SHIFT 6 /* 64-byte code chunks, 64 per page */

enum phys_kind { PHYS_RAM, PHYS_ROM, PHYS_MMIO };

struct phys_region {
    const char *name;
    enum phys_kind kind;
    uint32_t base;
    uint64_t size;          /* bytes; may reach 4 GiB */
    int priority;
    uint8_t *host;          /* RAM/ROM: backing store, size bytes */
    const struct io_ops *ops; /* MMIO */
    void *state;            /* MMIO: passed to ops */
    uint64_t *code_bits;    /* RAM: one 64-bit mask per page, NULL otherwise */
    unsigned serial;        /* order of registration, for ties */
    bool enabled;
};

typedef void (*phys_code_write_fn)(void *opaque, uint32_t addr, unsigned len);
typedef void (*phys_map_change_fn)(void *opaque, bool regions);

struct phys_space;

struct phys_space *phys_create(void);
void phys_destroy(struct phys_space *ps);

/* Region registration.  The returned pointer stays valid until
 * phys_remove or phys_destroy.  RAM is zero-filled and owned by the space;
 * ROM contents are copied in from `image` (len <= size, rest 0xFF). */
struct phys_region *phys_add_ram(struct phys_space *ps, const char *name,
                                 uint32_t base, uint64_t size, int priority);
struct phys_region *phys_add_rom(struct phys_space *ps, const char *name,
                                 uint32_t base, uint64_t size, int priority,
                                 const uint8_t *image, size_t len);
struct phys_region *phys_add_mmio(struct phys_space *ps, const char *name,
                                  uint32_t base, uint64_t size, int priority,
                                  const struct io_ops *ops, void *state);
/* Alias: the same backing RAM/ROM seen a second time at another base
 * (e.g. the BIOS at 0xF0000 and at 0xFFFF0000). */
struct phys_region *phys_add_alias(struct phys_space *ps, const char *name,
                                   uint32_t base, struct phys_region *target,
                                   uint64_t offset, uint64_t size, int priority);
void phys_move(struct phys_space *ps, struct phys_region *r, uint32_t new_base);
void phys_set_enabled(struct phys_space *ps, struct phys_region *r, bool on);
void phys_remove(struct phys_space *ps, struct phys_region *r);

/* Address mask: width of the address bus and the A20 gate. */
void phys_set_addr_bits(struct phys_space *ps, unsigned bits); /* 20..32 */
void phys_set_a20(struct phys_space *ps, bool enabled);
bool phys_a20(const struct phys_space *ps);
uint32_t phys_mask(const struct phys_space *ps, uint32_t addr);

/* Accesses.  Addresses are masked first; accesses that straddle two
 * regions are split into bytes.  Values are little-endian. */
uint8_t  phys_read8(struct phys_space *ps, uint32_t addr);
uint16_t phys_read16(struct phys_space *ps, uint32_t addr);
uint32_t phys_read32(struct phys_space *ps, uint32_t addr);
void phys_write8(struct phys_space *ps, uint32_t addr, uint8_t v);
void phys_write16(struct phys_space *ps, uint32_t addr, uint16_t v);
void phys_write32(struct phys_space *ps, uint32_t addr, uint32_t v);
/* Bulk copies for loaders and DMA (go through the same checks). */
void phys_read_block(struct phys_space *ps, uint32_t addr, void *dst, size_t len);
void phys_write_block(struct phys_space *ps, uint32_t addr, const void *src, size_t len);

/* Direct host pointer to the RAM or ROM byte at a (masked) physical address;
 * the rest of its page follows contiguously.  NULL for MMIO, unmapped or
 * mixed pages and views that cannot hold marks; with for_write, NULL also
 * for ROM and for pages that now hold marked code.  A caller that keeps
 * a write pointer must drop it when it marks code in that page. */
uint8_t *phys_host_ptr(struct phys_space *ps, uint32_t addr, bool for_write);

/* Self-modifying-code support (see the comment at the top). */
void phys_set_code_write_hook(struct phys_space *ps, phys_code_write_fn fn, void *opaque);
/* Called after every region-map or address-mask change (see the top). */
void phys_set_map_change_hook(struct phys_space *ps, phys_map_change_fn fn, void *opaque);
/* Mark [addr, addr+len) as holding decoded code; returns false if the
 * bytes are not RAM or ROM (then the caller must not cache them). */
bool phys_mark_code(struct phys_space *ps, uint32_t addr, unsigned len);
/* Clear all code marks of the page holding addr. */
void phys_clear_code_page(struct phys_space *ps, uint32_t addr);

/* Debug counters. */
uint64_t phys_unmapped_writes(const struct phys_space *ps);
uint64_t phys_unmapped_reads(const struct phys_space *ps);

#endif
