/*
 * phys_map.c - building the emulated physical address space (the model is
 * in phys.h): the region list, the page map over it, the backing stores
 * of RAM and ROM, and the address mask.  The accesses that run over the
 * map are in phys.c.
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
 * Not here: 36-bit addresses.
 */
#include "mem/phys.h"

#include <stdlib.h>
#include <string.h>

#include "mem/phys_internal.h"

struct phys_entry phys_mixed = {
    .pub = { .name = "(mixed page)", .kind = PHYS_MMIO },
};

static struct phys_entry *phys_entry_of(struct phys_region *r)
{
    return (struct phys_entry *)r;
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

static void phys_notify_map(struct phys_space *ps, bool regions)
{
    if (ps->map_hook != NULL)
        ps->map_hook(ps->map_hook_opaque, regions);
}

/* Recomputes the slots of the pages under [base, base+size) by laying the
 * enabled regions over them from lowest to highest rank: a region that
 * covers a page hides everything beneath it, one that covers only part
 * of a page makes it mixed. */
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
    }
    phys_notify_map(ps, true);
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


void phys_set_map_change_hook(struct phys_space *ps, phys_map_change_fn fn, void *opaque)
{
    ps->map_hook = fn;
    ps->map_hook_opaque = opaque;
}
