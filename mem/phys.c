/*
 * phys.c - accesses to the emulated physical address space (the model is
 * in phys.h; phys_map.c builds the page map and the regions they use):
 * the 8/16/32-bit reads and writes with their RAM/ROM fast paths, the
 * byte-wise slow path for MMIO, mixed pages and straddling accesses,
 * MMIO dispatch by the sizes a device declared, block copies, host
 * pointers, and the code-chunk bits of self-modifying-code detection.
 *
 * Not here: access timing, caching attributes.
 */
#include "mem/phys.h"

#include <stdlib.h>
#include <string.h>

#include "mem/le.h"
#include "mem/phys_internal.h"

static inline bool phys_in_page(uint32_t a, unsigned n)
{
    return (a & PHYS_PAGE_MASK) <= PHYS_PAGE_SIZE - n;
}

/* ---- code chunks */

/* Bits for chunks c0..c1 (inclusive) of one page. */
static inline uint64_t phys_chunk_mask(unsigned c0, unsigned c1)
{
    return (UINT64_MAX << c0) & (UINT64_MAX >> (63u - c1));
}

/* Walks store range [t, t+n) a page at a time.  mark == false: says
 * whether any chunk it touches is marked.  mark == true: marks them all. */
static bool phys_chunks(uint64_t *bits, uint64_t t, uint64_t n, bool mark)
{
    uint64_t end = t + n;
    while (t < end) {
        uint64_t page = t >> PHYS_PAGE_SHIFT;
        uint64_t stop = (page + 1) << PHYS_PAGE_SHIFT;
        if (stop > end)
            stop = end;
        uint64_t m = phys_chunk_mask((unsigned)(t >> PHYS_CHUNK_SHIFT) & 63u,
                                     (unsigned)((stop - 1) >> PHYS_CHUNK_SHIFT) & 63u);
        if (mark)
            bits[page] |= m;
        else if (bits[page] & m)
            return true;
        t = stop;
    }
    return false;
}

/* Store bytes [t, t+n), written through view `via` at address a, hit
 * marked chunks.  The CPU may have cached them under any address a view
 * of the store shows them at, so every view that can hold marks is told. */
static void phys_report_code_write(struct phys_space *ps, const struct phys_entry *via,
                                   uint32_t a, uint64_t t, uint64_t n)
{
    if (ps->hook == NULL)
        return;
    if (via->store->users == 1) {
        if (via->pages_aligned)
            ps->hook(ps->hook_opaque, a, (unsigned)n);
        return;
    }
    for (size_t i = 0; i < ps->count; i++) {
        const struct phys_entry *w = ps->regions[i];
        if (w->store != via->store || !w->pub.enabled || !w->pages_aligned)
            continue;
        uint64_t lo = t > w->store_off ? t : w->store_off;
        uint64_t hi = t + n;
        if (hi > w->store_off + w->pub.size)
            hi = w->store_off + w->pub.size;
        if (lo < hi)
            ps->hook(ps->hook_opaque, w->pub.base + (uint32_t)(lo - w->store_off),
                     (unsigned)(hi - lo));
    }
}

/* ---- MMIO dispatch, honouring the sizes a device declared */

static uint32_t phys_mmio_read(const struct phys_entry *e, uint32_t off, unsigned size)
{
    const struct io_ops *ops = e->pub.ops;
    unsigned acc = io_accepted(ops), w;
    uint32_t woff;
    if (acc & io_size_bit(size))
        return ops->read(e->pub.state, off, size) & io_ones(size);
    if (io_widen(acc, size, off, &w, &woff))
        return (ops->read(e->pub.state, woff, w) >> (8 * (off - woff))) & io_ones(size);
    /* Two statements: the low half must reach the device first, and the
     * operands of | are unsequenced. */
    unsigned half = size / 2;
    uint32_t lo = phys_mmio_read(e, off, half);
    uint32_t hi = phys_mmio_read(e, off + half, half);
    return lo | hi << (8 * half);
}

static void phys_mmio_write(const struct phys_entry *e, uint32_t off, unsigned size, uint32_t v)
{
    const struct io_ops *ops = e->pub.ops;
    unsigned acc = io_accepted(ops), w;
    uint32_t woff;
    v &= io_ones(size);
    if (acc & io_size_bit(size)) {
        ops->write(e->pub.state, off, size, v);
        return;
    }
    if (io_widen(acc, size, off, &w, &woff)) {
        /* The other bytes of the wider access carry zeros. */
        ops->write(e->pub.state, woff, w, v << (8 * (off - woff)));
        return;
    }
    unsigned half = size / 2;
    phys_mmio_write(e, off, half, v & io_ones(half));
    phys_mmio_write(e, off + half, half, v >> (8 * half));
}

/* ---- accesses */

/* Access [a, a+n) lies in one page.  True if one region (or the absence
 * of one) answers for all its bytes; *out is that region or NULL. */
static bool phys_single_owner(const struct phys_space *ps, uint32_t a, unsigned n,
                              struct phys_entry **out)
{
    struct phys_entry *e = phys_lookup_page(ps, a >> PHYS_PAGE_SHIFT);
    if (e == &phys_mixed) {
        e = phys_search(ps, a);
        for (unsigned i = 1; i < n; i++)
            if (phys_search(ps, a + i) != e)
                return false;
    }
    *out = e;
    return true;
}

/* Store bytes [t, t+n) were written at a through e, on a page that holds
 * code somewhere: report them if they hit a marked chunk. */
static void phys_code_check(struct phys_space *ps, const struct phys_entry *e,
                            uint32_t a, uint64_t t, unsigned n)
{
    if (phys_chunks(e->bits, t, n, false))
        phys_report_code_write(ps, e, a, t, n);
}

static inline void phys_ram_write(struct phys_space *ps, const struct phys_entry *e,
                                  uint32_t a, uint32_t v, unsigned n)
{
    uint32_t off = a - e->pub.base;
    le_store(e->pub.host + off, v, n);
    /* Cheap first look, with the rest out of line: most pages hold no
     * code at all, and the fast path then makes no call. */
    uint64_t t = e->store_off + off;
    const uint64_t *bits = e->bits;
    if ((bits[t >> PHYS_PAGE_SHIFT] | bits[(t + n - 1) >> PHYS_PAGE_SHIFT]) != 0)
        phys_code_check(ps, e, a, t, n);
}

static uint32_t phys_region_read(struct phys_space *ps, const struct phys_entry *e,
                                 uint32_t a, unsigned n)
{
    if (e == NULL) {
        ps->unmapped_reads++;
        return io_ones(n);
    }
    uint32_t off = a - e->pub.base;
    if (e->pub.kind == PHYS_MMIO)
        return phys_mmio_read(e, (uint32_t)(e->store_off + off), n);
    return le_load(e->pub.host + off, n);
}

static void phys_region_write(struct phys_space *ps, const struct phys_entry *e,
                              uint32_t a, uint32_t v, unsigned n)
{
    if (e == NULL) {
        ps->unmapped_writes++;
        return;
    }
    switch (e->pub.kind) {
    case PHYS_RAM:
        phys_ram_write(ps, e, a, v, n);
        break;
    case PHYS_ROM:
        break; /* ROM ignores writes */
    case PHYS_MMIO:
        phys_mmio_write(e, (uint32_t)(e->store_off + (a - e->pub.base)), n, v);
        break;
    }
}

/* Everything the fast paths leave: MMIO, mixed and unmapped pages, and
 * accesses that cross a page or a region boundary, which go byte by byte,
 * each byte masked on its own as the bus would. */
static uint32_t phys_read_slow(struct phys_space *ps, uint32_t addr, unsigned n)
{
    uint32_t a = addr & ps->mask;
    struct phys_entry *e;
    if (phys_in_page(a, n) && phys_single_owner(ps, a, n, &e))
        return phys_region_read(ps, e, a, n);
    uint32_t v = 0;
    for (unsigned i = 0; i < n; i++)
        v |= phys_read_slow(ps, addr + i, 1) << (8 * i);
    return v;
}

static void phys_write_slow(struct phys_space *ps, uint32_t addr, uint32_t v, unsigned n)
{
    uint32_t a = addr & ps->mask;
    struct phys_entry *e;
    if (phys_in_page(a, n) && phys_single_owner(ps, a, n, &e)) {
        phys_region_write(ps, e, a, v, n);
        return;
    }
    for (unsigned i = 0; i < n; i++)
        phys_write_slow(ps, addr + i, (v >> (8 * i)) & 0xFFu, 1);
}

/* The fast paths: a page wholly inside one RAM (or, for reads, ROM)
 * region, and an access that stays in the page. */
static inline uint32_t phys_read(struct phys_space *ps, uint32_t addr, unsigned n)
{
    uint32_t a = addr & ps->mask;
    const struct phys_entry *e = phys_lookup_page(ps, a >> PHYS_PAGE_SHIFT);
    if (e != NULL && e->pub.kind != PHYS_MMIO && phys_in_page(a, n))
        return le_load(e->pub.host + (a - e->pub.base), n);
    return phys_read_slow(ps, addr, n);
}

static inline void phys_write(struct phys_space *ps, uint32_t addr, uint32_t v, unsigned n)
{
    uint32_t a = addr & ps->mask;
    const struct phys_entry *e = phys_lookup_page(ps, a >> PHYS_PAGE_SHIFT);
    if (e != NULL && e->pub.kind == PHYS_RAM && phys_in_page(a, n))
        phys_ram_write(ps, e, a, v, n);
    else
        phys_write_slow(ps, addr, v, n);
}

uint8_t phys_read8(struct phys_space *ps, uint32_t addr)
{
    return (uint8_t)phys_read(ps, addr, 1);
}

uint16_t phys_read16(struct phys_space *ps, uint32_t addr)
{
    return (uint16_t)phys_read(ps, addr, 2);
}

uint32_t phys_read32(struct phys_space *ps, uint32_t addr)
{
    return phys_read(ps, addr, 4);
}

void phys_write8(struct phys_space *ps, uint32_t addr, uint8_t v)
{
    phys_write(ps, addr, v, 1);
}

void phys_write16(struct phys_space *ps, uint32_t addr, uint16_t v)
{
    phys_write(ps, addr, v, 2);
}

void phys_write32(struct phys_space *ps, uint32_t addr, uint32_t v)
{
    phys_write(ps, addr, v, 4);
}

/* Bytes left in the page of a, capped at len. */
static size_t phys_piece(uint32_t a, size_t len)
{
    size_t left = PHYS_PAGE_SIZE - (a & PHYS_PAGE_MASK);
    return left < len ? left : len;
}

void phys_read_block(struct phys_space *ps, uint32_t addr, void *dst, size_t len)
{
    uint8_t *out = dst;
    while (len > 0) {
        uint32_t a = addr & ps->mask;
        size_t n = phys_piece(a, len);
        const struct phys_entry *e = phys_lookup_page(ps, a >> PHYS_PAGE_SHIFT);
        if (e != NULL && e->pub.kind != PHYS_MMIO) {
            memcpy(out, e->pub.host + (a - e->pub.base), n);
        } else {
            for (size_t i = 0; i < n; i++)
                out[i] = (uint8_t)phys_read_slow(ps, addr + (uint32_t)i, 1);
        }
        addr += (uint32_t)n;
        out += n;
        len -= n;
    }
}

void phys_write_block(struct phys_space *ps, uint32_t addr, const void *src, size_t len)
{
    const uint8_t *in = src;
    while (len > 0) {
        uint32_t a = addr & ps->mask;
        size_t n = phys_piece(a, len);
        const struct phys_entry *e = phys_lookup_page(ps, a >> PHYS_PAGE_SHIFT);
        if (e != NULL && e->pub.kind == PHYS_RAM) {
            uint32_t off = a - e->pub.base;
            uint64_t t = e->store_off + off;
            memcpy(e->pub.host + off, in, n);
            if (phys_chunks(e->bits, t, n, false))
                phys_report_code_write(ps, e, a, t, n);
        } else if (e == NULL || e->pub.kind != PHYS_ROM) {
            for (size_t i = 0; i < n; i++)
                phys_write_slow(ps, addr + (uint32_t)i, in[i], 1);
        }
        addr += (uint32_t)n;
        in += n;
        len -= n;
    }
}

uint8_t *phys_host_ptr(struct phys_space *ps, uint32_t addr, bool for_write)
{
    uint32_t a = addr & ps->mask;
    const struct phys_entry *e = phys_lookup_page(ps, a >> PHYS_PAGE_SHIFT);
    if (e == NULL || e->pub.kind == PHYS_MMIO || !e->pages_aligned)
        return NULL;
    uint32_t off = a - e->pub.base;
    if (for_write) {
        if (e->pub.kind != PHYS_RAM)
            return NULL;
        if (e->bits[(e->store_off + off) >> PHYS_PAGE_SHIFT] != 0)
            return NULL; /* writes here must go through the code check */
    }
    return e->pub.host + off;
}

/* ---- self-modifying-code support */

void phys_set_code_write_hook(struct phys_space *ps, phys_code_write_fn fn, void *opaque)
{
    ps->hook = fn;
    ps->hook_opaque = opaque;
}

/* [a, a+n) lies in one page and in view e (or in no region, e == NULL).
 * Says whether code there may be cached, and marks its chunks if asked. */
static bool phys_code_piece(const struct phys_entry *e, uint32_t a, uint32_t n, bool mark)
{
    if (e == NULL || e->pub.kind == PHYS_MMIO)
        return false;
    if (e->pub.kind == PHYS_ROM)
        return true; /* cannot change, so nothing to watch */
    if (!e->pages_aligned)
        return false;
    if (mark)
        phys_chunks(e->bits, e->store_off + (a - e->pub.base), n, true);
    return true;
}

static bool phys_code_walk(struct phys_space *ps, uint32_t addr, uint32_t len, bool mark)
{
    while (len > 0) {
        uint32_t a = addr & ps->mask;
        uint32_t n = (uint32_t)phys_piece(a, len);
        struct phys_entry *e = phys_lookup_page(ps, a >> PHYS_PAGE_SHIFT);
        if (e == &phys_mixed) {
            for (uint32_t i = 0; i < n; i++)
                if (!phys_code_piece(phys_search(ps, a + i), a + i, 1, mark))
                    return false;
        } else if (!phys_code_piece(e, a, n, mark)) {
            return false;
        }
        addr += n;
        len -= n;
    }
    return true;
}

bool phys_mark_code(struct phys_space *ps, uint32_t addr, unsigned len)
{
    /* Look first, mark after: a refused range leaves no stray marks. */
    return phys_code_walk(ps, addr, len, false) && phys_code_walk(ps, addr, len, true);
}

void phys_clear_code_page(struct phys_space *ps, uint32_t addr)
{
    uint32_t page_start = (addr & ps->mask) & ~PHYS_PAGE_MASK;
    const struct phys_entry *e = phys_lookup_page(ps, page_start >> PHYS_PAGE_SHIFT);
    if (e != &phys_mixed) {
        if (e != NULL && e->pub.kind == PHYS_RAM && e->pages_aligned) {
            uint64_t t = e->store_off + (page_start - e->pub.base);
            e->bits[t >> PHYS_PAGE_SHIFT] = 0;
        }
        return;
    }
    /* Every RAM region with bytes on the page may hold marks for it. */
    for (size_t i = 0; i < ps->count; i++) {
        const struct phys_entry *r = ps->regions[i];
        if (!r->pub.enabled || r->pub.kind != PHYS_RAM || !r->pages_aligned)
            continue;
        uint64_t start = r->pub.base, end = start + r->pub.size;
        if (end <= page_start || start >= (uint64_t)page_start + PHYS_PAGE_SIZE)
            continue;
        uint64_t from = start > page_start ? start : page_start;
        r->bits[(r->store_off + (from - start)) >> PHYS_PAGE_SHIFT] = 0;
    }
}

uint64_t phys_unmapped_writes(const struct phys_space *ps)
{
    return ps->unmapped_writes;
}

uint64_t phys_unmapped_reads(const struct phys_space *ps)
{
    return ps->unmapped_reads;
}
