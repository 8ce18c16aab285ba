/*
 * phys.c - the emulated physical address space (the model is in phys.h).
 *
 * Every lookup goes through a two-level page map: 1024 leaves of 1024
 * page slots, each leaf allocated when a region first reaches it.  A slot
 * holds NULL (unmapped), the one region that covers the whole page, or the
 * phys_mixed marker (several regions, or a region and a hole, share the
 * page), which sends the access to a search of the region list.  The map
 * is rebuilt over the affected pages whenever a region is added, moved,
 * enabled, disabled or removed; it is never consulted stale.
 *
 * RAM and ROM bytes live in a store shared by a region and its aliases.
 * The code-chunk bits belong to the store too, one 64-bit mask per 4 KiB
 * of store, so a write through any view sees marks made through another.
 *
 * Not here: access timing, caching attributes, 36-bit addresses.
 */
#include "mem/phys.h"

#include <stdlib.h>
#include <string.h>

#include "mem/le.h"

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

/* Page-map value of a page that several regions share.  It is typed MMIO
 * and has no host memory, so the RAM/ROM fast paths pass it over without a
 * test of their own and it lands in the per-access search. */
static struct phys_entry phys_mixed = {
    .pub = { .name = "(mixed page)", .kind = PHYS_MMIO },
};

static struct phys_entry *phys_entry_of(struct phys_region *r)
{
    return (struct phys_entry *)r;
}

static inline uint32_t phys_ones(unsigned n)
{
    return n >= 4 ? UINT32_MAX : (UINT32_C(1) << (8 * n)) - 1u;
}

static inline bool phys_in_page(uint32_t a, unsigned n)
{
    return (a & PHYS_PAGE_MASK) <= PHYS_PAGE_SIZE - n;
}

/* ---- the page map */

static inline struct phys_entry *phys_lookup_page(const struct phys_space *ps, uint32_t page)
{
    struct phys_entry **leaf = ps->leaves[page >> PHYS_LEAF_BITS];
    return leaf != NULL ? leaf[page & (PHYS_LEAF_PAGES - 1u)] : NULL;
}

static bool phys_contains(const struct phys_entry *e, uint32_t a)
{
    return a >= e->pub.base && (uint64_t)(a - e->pub.base) < e->pub.size;
}

/* The region that answers for address a on a mixed page: the enabled one
 * of highest priority, the later one among equals. */
static struct phys_entry *phys_search(const struct phys_space *ps, uint32_t a)
{
    for (size_t i = ps->count; i-- > 0;) {
        struct phys_entry *e = ps->regions[i];
        if (e->pub.enabled && phys_contains(e, a))
            return e;
    }
    return NULL;
}

static bool phys_span_ok(uint32_t base, uint64_t size)
{
    return size != 0 && (uint64_t)base + size <= PHYS_SPACE_END;
}

/* Allocates the leaves that [base, base+size) will need, so rebuilding the
 * map later can never fail half-way. */
static bool phys_reserve(struct phys_space *ps, uint32_t base, uint64_t size)
{
    uint64_t first = base >> (PHYS_PAGE_SHIFT + PHYS_LEAF_BITS);
    uint64_t last = ((uint64_t)base + size - 1) >> (PHYS_PAGE_SHIFT + PHYS_LEAF_BITS);
    for (uint64_t i = first; i <= last; i++) {
        if (ps->leaves[i] != NULL)
            continue;
        ps->leaves[i] = calloc(PHYS_LEAF_PAGES, sizeof *ps->leaves[i]);
        if (ps->leaves[i] == NULL)
            return false;
    }
    return true;
}

static void phys_set_page(struct phys_space *ps, uint32_t page, struct phys_entry *e)
{
    struct phys_entry **leaf = ps->leaves[page >> PHYS_LEAF_BITS];
    /* A missing leaf is only ever asked to hold NULL: leaves are reserved
     * for a region's pages before it enters the list. */
    if (leaf != NULL)
        leaf[page & (PHYS_LEAF_PAGES - 1u)] = e;
}

/* Recomputes the slots of the pages under [base, base+size) by laying the
 * enabled regions over them from lowest to highest rank: a region that
 * covers a page hides everything beneath it, one that covers only part
 * of a page makes it mixed. */
static void phys_notify_map(struct phys_space *ps, bool regions)
{
    if (ps->map_hook != NULL)
        ps->map_hook(ps->map_hook_opaque, regions);
}

static void phys_rebuild(struct phys_space *ps, uint32_t base, uint64_t size)
{
    uint64_t first = base >> PHYS_PAGE_SHIFT;
    uint64_t last = ((uint64_t)base + size - 1) >> PHYS_PAGE_SHIFT;
    for (uint64_t p = first; p <= last; p++)
        phys_set_page(ps, (uint32_t)p, NULL);

    for (size_t i = 0; i < ps->count; i++) {
        struct phys_entry *e = ps->regions[i];
        if (!e->pub.enabled)
            continue;
        uint64_t start = e->pub.base, end = start + e->pub.size;
        uint64_t p0 = start >> PHYS_PAGE_SHIFT, p1 = (end - 1) >> PHYS_PAGE_SHIFT;
        if (p0 < first)
            p0 = first;
        if (p1 > last)
            p1 = last;
        for (uint64_t p = p0; p <= p1; p++) {
            uint64_t at = p << PHYS_PAGE_SHIFT;
            bool whole = start <= at && end >= at + PHYS_PAGE_SIZE;
            phys_set_page(ps, (uint32_t)p, whole ? e : &phys_mixed);
        }
    }    phys_notify_map(ps, true);
}

static void phys_update_alignment(struct phys_entry *e)
{
    e->pages_aligned = e->store != NULL &&
                       (((uint64_t)e->pub.base - e->store_off) & PHYS_PAGE_MASK) == 0;
}

/* ---- the region list */

static bool phys_insert(struct phys_space *ps, struct phys_entry *e)
{
    if (ps->count == ps->cap) {
        size_t cap = ps->cap != 0 ? ps->cap * 2 : 16;
        struct phys_entry **grown = realloc(ps->regions, cap * sizeof *grown);
        if (grown == NULL)
            return false;
        ps->regions = grown;
        ps->cap = cap;
    }
    /* The newcomer has the highest serial, so it goes after its equals. */
    size_t i = ps->count;
    while (i > 0 && ps->regions[i - 1]->pub.priority > e->pub.priority) {
        ps->regions[i] = ps->regions[i - 1];
        i--;
    }
    ps->regions[i] = e;
    ps->count++;
    return true;
}

static struct phys_entry *phys_new_entry(const char *name, enum phys_kind kind,
                                         uint32_t base, uint64_t size, int priority)
{
    struct phys_entry *e = calloc(1, sizeof *e);
    if (e == NULL)
        return NULL;
    e->pub.name = name;
    e->pub.kind = kind;
    e->pub.base = base;
    e->pub.size = size;
    e->pub.priority = priority;
    return e;
}

/* Puts a fully described entry into the map; on failure the caller still
 * owns it. */
static bool phys_enter(struct phys_space *ps, struct phys_entry *e)
{
    if (!phys_reserve(ps, e->pub.base, e->pub.size) || !phys_insert(ps, e))
        return false;
    e->pub.serial = ps->next_serial++;
    e->pub.enabled = true;
    phys_update_alignment(e);
    phys_rebuild(ps, e->pub.base, e->pub.size);
    return true;
}

static void phys_store_release(struct phys_store *s)
{
    if (s == NULL || --s->users > 0)
        return;
    free(s->host);
    free(s->code_bits);
    free(s);
}

/* Backing memory for a new region: RAM zero-filled with code bits, ROM
 * copied from the image and padded with 0xFF. */
static struct phys_store *phys_store_new(uint64_t size, bool ram, const uint8_t *image,
                                         size_t len)
{
    struct phys_store *s = calloc(1, sizeof *s);
    if (s == NULL)
        return NULL;
    s->users = 1;
    if (ram) {
        s->host = calloc((size_t)size, 1);
        s->code_bits = calloc((size_t)((size + PHYS_PAGE_MASK) >> PHYS_PAGE_SHIFT),
                              sizeof *s->code_bits);
    } else if ((s->host = malloc((size_t)size)) != NULL) {
        memset(s->host, 0xFF, (size_t)size);
        if (len != 0)
            memcpy(s->host, image, len);
    }
    if (s->host == NULL || (ram && s->code_bits == NULL)) {
        phys_store_release(s);
        return NULL;
    }
    return s;
}

/* Enters a new region showing a new store; frees both on failure. */
static struct phys_region *phys_add_stored(struct phys_space *ps, struct phys_entry *e,
                                           struct phys_store *s)
{
    if (e != NULL && s != NULL) {
        e->store = s;
        e->bits = s->code_bits;
        e->pub.host = s->host;
        e->pub.code_bits = s->code_bits;
        if (phys_enter(ps, e))
            return &e->pub;
    }
    phys_store_release(s);
    free(e);
    return NULL;
}

struct phys_region *phys_add_ram(struct phys_space *ps, const char *name,
                                 uint32_t base, uint64_t size, int priority)
{
    if (!phys_span_ok(base, size) || size > SIZE_MAX)
        return NULL;
    return phys_add_stored(ps, phys_new_entry(name, PHYS_RAM, base, size, priority),
                           phys_store_new(size, true, NULL, 0));
}

struct phys_region *phys_add_rom(struct phys_space *ps, const char *name,
                                 uint32_t base, uint64_t size, int priority,
                                 const uint8_t *image, size_t len)
{
    if (!phys_span_ok(base, size) || size > SIZE_MAX || len > size ||
        (image == NULL && len != 0))
        return NULL;
    return phys_add_stored(ps, phys_new_entry(name, PHYS_ROM, base, size, priority),
                           phys_store_new(size, false, image, len));
}

struct phys_region *phys_add_mmio(struct phys_space *ps, const char *name,
                                  uint32_t base, uint64_t size, int priority,
                                  const struct io_ops *ops, void *state)
{
    if (!phys_span_ok(base, size) || ops == NULL || ops->read == NULL || ops->write == NULL)
        return NULL;
    struct phys_entry *e = phys_new_entry(name, PHYS_MMIO, base, size, priority);
    if (e == NULL)
        return NULL;
    e->pub.ops = ops;
    e->pub.state = state;
    if (!phys_enter(ps, e)) {
        free(e);
        return NULL;
    }
    return &e->pub;
}

struct phys_region *phys_add_alias(struct phys_space *ps, const char *name,
                                   uint32_t base, struct phys_region *target,
                                   uint64_t offset, uint64_t size, int priority)
{
    if (target == NULL || !phys_span_ok(base, size) || offset > target->size ||
        size > target->size - offset)
        return NULL;
    const struct phys_entry *t = phys_entry_of(target);
    struct phys_entry *e = phys_new_entry(name, target->kind, base, size, priority);
    if (e == NULL)
        return NULL;
    e->store = t->store;
    e->bits = t->bits;
    e->store_off = t->store_off + offset; /* an alias of an alias resolves */
    e->pub.ops = target->ops;
    e->pub.state = target->state;
    if (e->store != NULL) {
        e->pub.host = e->store->host + e->store_off;
        if (e->bits != NULL && (e->store_off & PHYS_PAGE_MASK) == 0)
            e->pub.code_bits = e->bits + (e->store_off >> PHYS_PAGE_SHIFT);
        e->store->users++;
    }
    if (!phys_enter(ps, e)) {
        if (e->store != NULL)
            e->store->users--;
        free(e);
        return NULL;
    }
    return &e->pub;
}

void phys_move(struct phys_space *ps, struct phys_region *r, uint32_t new_base)
{
    uint32_t old_base = r->base;
    if (new_base == old_base || !phys_span_ok(new_base, r->size) ||
        !phys_reserve(ps, new_base, r->size))
        return; /* out of the address space or out of memory: stays put */
    r->base = new_base;
    phys_update_alignment(phys_entry_of(r));
    phys_rebuild(ps, old_base, r->size);
    phys_rebuild(ps, new_base, r->size);
}

void phys_set_enabled(struct phys_space *ps, struct phys_region *r, bool on)
{
    if (r->enabled == on)
        return;
    r->enabled = on;
    phys_rebuild(ps, r->base, r->size);
}

void phys_remove(struct phys_space *ps, struct phys_region *r)
{
    struct phys_entry *e = phys_entry_of(r);
    size_t i = 0;
    while (i < ps->count && ps->regions[i] != e)
        i++;
    if (i == ps->count)
        return;
    memmove(&ps->regions[i], &ps->regions[i + 1], (ps->count - i - 1) * sizeof *ps->regions);
    ps->count--;
    phys_rebuild(ps, r->base, r->size);
    phys_store_release(e->store); /* aliases may keep the bytes alive */
    free(e);
}

struct phys_space *phys_create(void)
{
    struct phys_space *ps = calloc(1, sizeof *ps); /* no leaves, no regions */
    if (ps == NULL)
        return NULL;
    ps->a20 = true;
    ps->bus_mask = UINT32_MAX;
    ps->mask = UINT32_MAX;
    return ps;
}

void phys_destroy(struct phys_space *ps)
{
    if (ps == NULL)
        return;
    for (size_t i = 0; i < ps->count; i++) {
        phys_store_release(ps->regions[i]->store);
        free(ps->regions[i]);
    }
    free(ps->regions);
    for (unsigned i = 0; i < PHYS_LEAVES; i++)
        free(ps->leaves[i]);
    free(ps);
}

/* ---- the address mask */

static void phys_update_mask(struct phys_space *ps)
{
    uint32_t old = ps->mask;
    ps->mask = ps->bus_mask & (ps->a20 ? UINT32_MAX : ~(UINT32_C(1) << 20));
    if (ps->mask != old)
        phys_notify_map(ps, false);
}

void phys_set_addr_bits(struct phys_space *ps, unsigned bits)
{
    if (bits < 20)
        bits = 20;
    ps->bus_mask = bits >= 32 ? UINT32_MAX : (UINT32_C(1) << bits) - 1u;
    phys_update_mask(ps);
}

void phys_set_a20(struct phys_space *ps, bool enabled)
{
    ps->a20 = enabled;
    phys_update_mask(ps);
}

bool phys_a20(const struct phys_space *ps)
{
    return ps->a20;
}

uint32_t phys_mask(const struct phys_space *ps, uint32_t addr)
{
    return addr & ps->mask;
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

static unsigned phys_size_bit(unsigned size)
{
    return size == 1 ? IO_SIZE_8 : size == 2 ? IO_SIZE_16 : IO_SIZE_32;
}

static unsigned phys_accepted(const struct io_ops *ops)
{
    unsigned acc = ops->sizes & (IO_SIZE_8 | IO_SIZE_16 | IO_SIZE_32);
    return acc != 0 ? acc : IO_SIZE_8;
}

/* The smallest accepted width above `size`, used when a device takes
 * nothing as narrow as the access: the access becomes one wider access at
 * the aligned offset below it. */
static unsigned phys_wider(unsigned acc, unsigned size)
{
    for (unsigned w = size * 2; w <= 4; w *= 2)
        if (acc & phys_size_bit(w))
            return w;
    return 0;
}

static uint32_t phys_mmio_read(const struct phys_entry *e, uint32_t off, unsigned size)
{
    const struct io_ops *ops = e->pub.ops;
    unsigned acc = phys_accepted(ops), bit = phys_size_bit(size);
    if (acc & bit)
        return ops->read(e->pub.state, off, size) & phys_ones(size);
    if ((acc & (bit - 1u)) == 0) { /* only wider sizes */
        unsigned w = phys_wider(acc, size);
        uint32_t woff = off & ~(uint32_t)(w - 1u);
        if (off + size <= woff + w)
            return (ops->read(e->pub.state, woff, w) >> (8 * (off - woff))) & phys_ones(size);
    }
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
    unsigned acc = phys_accepted(ops), bit = phys_size_bit(size);
    v &= phys_ones(size);
    if (acc & bit) {
        ops->write(e->pub.state, off, size, v);
        return;
    }
    if ((acc & (bit - 1u)) == 0) {
        unsigned w = phys_wider(acc, size);
        uint32_t woff = off & ~(uint32_t)(w - 1u);
        if (off + size <= woff + w) {
            /* The other bytes of the wider access carry zeros. */
            ops->write(e->pub.state, woff, w, v << (8 * (off - woff)));
            return;
        }
    }
    unsigned half = size / 2;
    phys_mmio_write(e, off, half, v & phys_ones(half));
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
        return phys_ones(n);
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

void phys_set_map_change_hook(struct phys_space *ps, phys_map_change_fn fn, void *opaque)
{
    ps->map_hook = fn;
    ps->map_hook_opaque = opaque;
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
