/*
 * block_cache.h - decoded blocks: guest code decoded once, run many times.
 *
 * A block is a run of decoded instructions (struct insn) that starts at a
 * physical address and ends at a control transfer, at an instruction that
 * changes mode, at a page boundary, or after BLOCK_MAX_INSNS.  Blocks are
 * found by a hash of (physical address of the first byte, decode mode
 * bits), so every linear or CS:IP alias of the same code shares one block.
 *
 * THE INVARIANT: a block in the cache always equals what decoding guest
 * memory now would give.  It is kept like this:
 *   - while a block exists, the 64-byte chunks of RAM its bytes lie in are
 *     marked in the physical address space (phys_mark_code);
 *   - every write to RAM that touches a marked chunk - CPU stores, and DMA
 *     since it uses the same phys_write path - calls block_cache_code_write,
 *     which drops every block overlapping the written chunks before the
 *     write can be executed;
 *   - if the dropped block is the one running, cpu->block_stale is set and
 *     the dispatcher abandons the rest of it; EIP already points past the
 *     writing instruction, so execution resumes with a fresh decode.
 * Code in MMIO is never cached (phys_mark_code refuses it).
 *
 * Why the key holds no paging state: the dispatcher translates CS:EIP to
 * a physical address (through the TLB) every time it enters a block, and
 * a block never extends past the end of its page (an instruction that
 * straddles two pages is never cached: the dispatcher steps it).  So a
 * remapped linear page simply leads to another physical key, aliases
 * share blocks, and SMC detection on physical addresses is enough
 * (docs/paging.md).
 *
 * Memory is an arena: dropped blocks are unlinked at once and their space
 * is reclaimed when the arena fills and everything is flushed.
 */
#ifndef SOFTPC_CPU_BLOCK_CACHE_H
#define SOFTPC_CPU_BLOCK_CACHE_H

#include <stdbool.h>
#include <stdint.h>

#include "cpu/insn.h"

struct cpu;
struct phys_space;

#define BLOCK_MAX_INSNS 64

struct block {
    uint32_t phys;          /* key: physical address of the first byte */
    uint32_t mode;          /* key: DECODE_* mode bits */
    uint32_t span;          /* bytes from the first to past the last byte */
    uint32_t count;         /* instructions */
    bool valid;
    struct block *hash_next;
    struct block *page_next[2]; /* per-page chains (today a block stays in one page) */
    uint32_t page[2];       /* physical page numbers; page[1] == page[0] if one */
    struct insn *insns;
};

struct block_cache;

struct block_cache *block_cache_create(struct phys_space *phys);
void block_cache_destroy(struct block_cache *bc);

/* The block for code at `phys` decoded in `mode`, or NULL. */
struct block *block_cache_find(struct block_cache *bc, uint32_t phys, uint32_t mode);

/* Builds a block from the instruction bytes supplied by `fetch` (which
 * returns how many bytes it could read into buf at the given offset from
 * the block start, stopping at `limit` or the page end).  Returns NULL if
 * the code is not in RAM/ROM (the caller then interprets it uncached). */
struct block *block_cache_build(struct block_cache *bc, uint32_t phys, uint32_t mode,
                                uint32_t max_span);

/* Called (through the phys hook) when RAM holding code is written. */
void block_cache_code_write(struct block_cache *bc, uint32_t phys, unsigned len);
void block_cache_flush(struct block_cache *bc);

/* The block the CPU is running, so a write into it can be reported. */
void block_cache_set_running(struct block_cache *bc, struct block *b, bool *stale_flag);

/* Statistics for tests and the monitor. */
struct block_cache_stats {
    uint64_t built, invalidated, flushes;
};
struct block_cache_stats block_cache_stats(const struct block_cache *bc);

#endif
