/*
 * tlb.c - filling, looking up and flushing the software TLB (the model is
 * in tlb.h).  The walk itself is paging_translate() in paging.c.
 *
 * Flushes follow the SDM Vol. 3, 4.10.4 "Invalidation of TLBs": a CR3
 * write drops the non-global entries, INVLPG one page (for a page that was
 * part of a large mapping we drop every large-page entry: more than
 * needed, never less), and changes of CR0.PG/WP or CR4.PSE/PAE/PGE drop
 * everything.  Not modelled: the TLB keeping a stale translation after the
 * guest edits a page table without a flush (we may refill sooner than a
 * real P6 would; guests may not rely on either).
 */
#include "cpu/tlb.h"

#include <stdlib.h>

#include "cpu/block_cache.h"
#include "cpu/cpu.h"
#include "mem/phys.h"

static void entry_clear(struct tlb *t, struct tlb_entry *e)
{
    if (e->flags & TLB_LARGE)
        t->large_entries--;
    e->read_tag = e->write_tag = e->lin = TLB_NO_TAG;
    e->phys = 0;
    e->host = NULL;
    e->flags = 0;
}

static struct tlb_entry *entry_at(struct tlb *t, uint16_t index)
{
    return &t->set[index / TLB_ENTRIES][index % TLB_ENTRIES];
}

static void clear_all(struct tlb *t)
{
    for (unsigned k = 0; k < t->used_count; k++) {
        struct tlb_entry *e = entry_at(t, t->used[k]);
        entry_clear(t, e);
        e->listed = false;
    }
    t->used_count = 0;
    t->large_entries = 0;
    t->flushes++;
}

struct tlb *tlb_create(void)
{
    struct tlb *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    for (unsigned s = 0; s < 2; s++)
        for (unsigned k = 0; k < TLB_ENTRIES; k++)
            entry_clear(t, &t->set[s][k]);
    t->large_entries = 0;
    return t;
}

void tlb_destroy(struct tlb *t)
{
    free(t);
}

void tlb_flush_all(struct cpu *c)
{
    clear_all(c->tlb);
}

void tlb_flush_nonglobal(struct cpu *c)
{
    struct tlb *t = c->tlb;
    unsigned kept = 0;
    for (unsigned k = 0; k < t->used_count; k++) {
        struct tlb_entry *e = entry_at(t, t->used[k]);
        if (e->flags & TLB_GLOBAL) {
            t->used[kept++] = t->used[k];
        } else {
            entry_clear(t, e);
            e->listed = false;
        }
    }
    t->used_count = kept;
    t->flushes++;
}

void tlb_flush_page(struct cpu *c, uint32_t lin)
{
    struct tlb *t = c->tlb;
    uint32_t page = lin & TLB_PAGE_MASK;
    for (unsigned s = 0; s < 2; s++) {
        struct tlb_entry *e = tlb_entry_for(t, lin, s ? PF_U : 0);
        if (e->lin == page)
            entry_clear(t, e);
    }
    for (unsigned k = 0; k < t->used_count && t->large_entries > 0; k++) {
        struct tlb_entry *e = entry_at(t, t->used[k]);
        if (e->flags & TLB_LARGE)
            entry_clear(t, e); /* stays listed: a refill reuses the slot */
    }
}

void tlb_drop_write_host(struct tlb *t, const uint8_t *host)
{
    for (unsigned k = 0; k < t->used_count; k++) {
        struct tlb_entry *e = entry_at(t, t->used[k]);
        if (e->host == host)
            e->write_tag = TLB_NO_TAG;
    }
}

/* While any debug breakpoint is enabled every access takes the slow path,
 * where data breakpoints are checked (cpu/debug.c); DR7 writes flush. */
static bool breakpoints_enabled(const struct cpu *c)
{
    return (c->dr[7] & 0xFFu) != 0;
}

static void fill(struct cpu *c, uint16_t index, uint32_t lin, const struct paging_result *r)
{
    struct tlb_entry *e = entry_at(c->tlb, index);
    struct tlb *t = c->tlb;
    uint32_t page = lin & TLB_PAGE_MASK;
    entry_clear(t, e);
    if (!e->listed) {
        e->listed = true;
        t->used[t->used_count++] = index;
    }
    e->lin = page;
    e->phys = (uint32_t)r->phys & TLB_PAGE_MASK;
    if (r->writable && r->dirty)
        e->flags |= TLB_WRITABLE;
    if (r->global)
        e->flags |= TLB_GLOBAL;
    if (r->page_mask != 0xFFFu) {
        e->flags |= TLB_LARGE;
        t->large_entries++;
    }
    if (r->phys >> 32) {
        e->flags |= TLB_HIGH;
        return;
    }
    e->host = phys_host_ptr(c->phys, e->phys, false);
    if (!e->host || breakpoints_enabled(c))
        return;
    e->read_tag = page;
    if ((e->flags & TLB_WRITABLE) && phys_host_ptr(c->phys, e->phys, true))
        e->write_tag = page;
}

struct tlb_entry *tlb_lookup(struct cpu *c, uint32_t lin, unsigned acc)
{
    uint16_t index = (uint16_t)(((acc & PF_U) ? TLB_ENTRIES : 0) + ((lin >> 12) & (TLB_ENTRIES - 1)));
    struct tlb_entry *e = entry_at(c->tlb, index);
    if (e->lin == (lin & TLB_PAGE_MASK) && (!(acc & PF_W) || (e->flags & TLB_WRITABLE)))
        return e;
    struct paging_result r;
    paging_translate(c, lin, acc, &r); /* may raise #PF */
    c->tlb->misses++;
    fill(c, index, lin, &r);
    return e;
}

void cpu_memory_map_changed(struct cpu *c, bool regions)
{
    tlb_flush_all(c);
    if (regions)
        block_cache_flush(c->blocks);
}
