/*
 * block_cache.c - decoding guest code into blocks, finding them again, and
 * dropping them when the guest writes over their bytes.  The invariant
 * and the memory scheme are described at the top of block_cache.h.
 */
#include "cpu/block_cache.h"

#include <stdlib.h>
#include <string.h>

#include "cpu/decode.h"
#include "mem/phys.h"

#define HASH_BUCKETS 16384u   /* power of two */
#define PAGE_BUCKETS 4096u    /* power of two */
#define ARENA_BLOCKS 32768u
#define ARENA_INSNS (ARENA_BLOCKS * 8u)

struct block_cache {
    struct phys_space *phys;
    struct block *hash[HASH_BUCKETS];
    struct block *by_page[PAGE_BUCKETS];
    struct block *blocks;   /* arena */
    uint32_t blocks_used;
    struct insn *insns;     /* arena */
    uint32_t insns_used;
    struct block *running;
    bool *running_stale;
    struct block_cache_stats stats;
};

static unsigned hash_of(uint32_t phys, uint32_t mode)
{
    uint32_t h = phys * 0x9E3779B1u ^ mode;
    return (h >> 16 ^ h) & (HASH_BUCKETS - 1);
}

static unsigned page_bucket(uint32_t page)
{
    return (page * 0x9E3779B1u >> 20) & (PAGE_BUCKETS - 1);
}

struct block_cache *block_cache_create(struct phys_space *phys)
{
    struct block_cache *bc = calloc(1, sizeof *bc);
    if (!bc)
        return NULL;
    bc->phys = phys;
    bc->blocks = calloc(ARENA_BLOCKS, sizeof *bc->blocks);
    bc->insns = calloc(ARENA_INSNS, sizeof *bc->insns);
    if (!bc->blocks || !bc->insns) {
        block_cache_destroy(bc);
        return NULL;
    }
    return bc;
}

void block_cache_destroy(struct block_cache *bc)
{
    if (!bc)
        return;
    free(bc->blocks);
    free(bc->insns);
    free(bc);
}

void block_cache_flush(struct block_cache *bc)
{
    for (uint32_t k = 0; k < bc->blocks_used; k++) {
        struct block *b = &bc->blocks[k];
        if (b->valid) {
            phys_clear_code_page(bc->phys, b->page[0] << PHYS_PAGE_SHIFT);
            phys_clear_code_page(bc->phys, b->page[1] << PHYS_PAGE_SHIFT);
        }
    }
    memset(bc->hash, 0, sizeof bc->hash);
    memset(bc->by_page, 0, sizeof bc->by_page);
    bc->blocks_used = 0;
    bc->insns_used = 0;
    if (bc->running && bc->running_stale)
        *bc->running_stale = true;
    bc->running = NULL;
    bc->stats.flushes++;
}

struct block *block_cache_find(struct block_cache *bc, uint32_t phys, uint32_t mode)
{
    for (struct block *b = bc->hash[hash_of(phys, mode)]; b; b = b->hash_next)
        if (b->phys == phys && b->mode == mode)
            return b;
    return NULL;
}

static void link_page(struct block_cache *bc, struct block *b, unsigned k)
{
    unsigned pb = page_bucket(b->page[k]);
    b->page_next[k] = bc->by_page[pb];
    bc->by_page[pb] = b;
}

/* Which of its two page links a block uses in the chain of `bucket`. */
static struct block **bucket_link(struct block *b, unsigned bucket)
{
    return &b->page_next[page_bucket(b->page[0]) == bucket ? 0 : 1];
}

struct block *block_cache_build(struct block_cache *bc, uint32_t phys, uint32_t mode,
                                uint32_t max_span)
{
    if (bc->blocks_used == ARENA_BLOCKS || bc->insns_used + BLOCK_MAX_INSNS > ARENA_INSNS)
        block_cache_flush(bc);

    struct block *b = &bc->blocks[bc->blocks_used++];
    memset(b, 0, sizeof *b);
    b->phys = phys;
    b->mode = mode;
    b->insns = &bc->insns[bc->insns_used];

    /* Decode until a block end; never start an instruction on the next
     * page, never read past max_span (the CS limit). */
    uint32_t page_end = (phys | (PHYS_PAGE_SIZE - 1)) - phys + 1;
    uint32_t off = 0;
    while (b->count < BLOCK_MAX_INSNS && off < page_end && off < max_span) {
        uint8_t buf[INSN_MAX_LEN];
        uint32_t left = (max_span < page_end ? max_span : page_end) - off;
        unsigned avail = left < INSN_MAX_LEN ? left : INSN_MAX_LEN;
        for (unsigned k = 0; k < avail; k++)
            buf[k] = phys_read8(bc->phys, phys + off + k);
        struct insn *i = &b->insns[b->count];
        enum decode_result r = decode_insn(i, buf, avail, mode);
        if (r == DECODE_NEED_MORE)
            break; /* runs past the page or the limit: stop before it */
        if (r == DECODE_TOO_LONG) {
            memset(i, 0, sizeof *i);
            i->fn = op_too_long;
            i->len = INSN_MAX_LEN;
            i->attr = ATTR_ENDS_BLOCK;
        }
        b->count++;
        off += i->len;
        if (i->attr & ATTR_ENDS_BLOCK)
            break;
    }
    b->span = off;
    bc->stats.built++;
    b->page[0] = phys >> PHYS_PAGE_SHIFT;
    b->page[1] = b->page[0];
    if (b->count == 0 || !phys_mark_code(bc->phys, phys, off)) {
        /* Cut off at once (the caller steps the first instruction on its
         * own), or not RAM/ROM (run once, never cached): give the slots
         * back, so code run this way does not fill the arena.  The
         * caller is done with the block before the next build. */
        bc->blocks_used--;
        return b;
    }
    bc->insns_used += b->count;

    b->valid = true;
    unsigned h = hash_of(phys, mode);
    b->hash_next = bc->hash[h];
    bc->hash[h] = b;
    link_page(bc, b, 0);
    if (page_bucket(b->page[1]) != page_bucket(b->page[0]))
        link_page(bc, b, 1);
    return b;
}

static void unlink_hash(struct block_cache *bc, struct block *b)
{
    for (struct block **p = &bc->hash[hash_of(b->phys, b->mode)]; *p; p = &(*p)->hash_next) {
        if (*p == b) {
            *p = b->hash_next;
            return;
        }
    }
}

/* Drops the blocks of `page` that overlap [lo, hi), prunes dead entries
 * from the page chain, and re-marks the code chunks of the survivors. */
static void invalidate_in_page(struct block_cache *bc, uint32_t page, uint32_t lo, uint32_t hi)
{
    unsigned bucket = page_bucket(page);
    struct block **p = &bc->by_page[bucket];
    phys_clear_code_page(bc->phys, page << PHYS_PAGE_SHIFT);
    while (*p) {
        struct block *b = *p;
        bool mine = b->page[0] == page || b->page[1] == page;
        if (mine && b->valid && b->phys < hi && b->phys + b->span > lo) {
            b->valid = false;
            unlink_hash(bc, b);
            bc->stats.invalidated++;
            if (b == bc->running && bc->running_stale)
                *bc->running_stale = true;
        }
        struct block **next = bucket_link(b, bucket);
        if (mine && !b->valid) {
            *p = *next; /* unlink from this page's chain */
            continue;
        }
        if (mine)
            phys_mark_code(bc->phys, b->phys, b->span);
        p = next;
    }
}

void block_cache_code_write(struct block_cache *bc, uint32_t phys, unsigned len)
{
    uint32_t first = phys >> PHYS_PAGE_SHIFT;
    uint32_t last = (phys + len - 1) >> PHYS_PAGE_SHIFT;
    for (uint32_t page = first; page <= last; page++)
        invalidate_in_page(bc, page, phys, phys + len);
}

void block_cache_set_running(struct block_cache *bc, struct block *b, bool *stale_flag)
{
    bc->running = b;
    bc->running_stale = stale_flag;
}

struct block_cache_stats block_cache_stats(const struct block_cache *bc)
{
    return bc->stats;
}
