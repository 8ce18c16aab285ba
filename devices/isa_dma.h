/*
 * isa_dma.h - an ISA DMA channel, as a device with a DREQ line sees it.
 *
 * An ISA device that moves data by DMA (the floppy controller, later a
 * sound card) does not call the DMA controller: it is handed this small
 * set of callbacks at init, and the board fills them in (the i8237 pair
 * provides them through dma_isa_interface()).  A device asks to move up
 * to `len` bytes on a channel; the controller moves what its programmed
 * count, mask and mode allow and returns how many bytes moved.  After a
 * move, terminal_count() says whether the count ran out (the TC/EOP pin
 * the device sees), which is how a floppy controller knows a READ DATA is
 * over.
 *
 * A device whose callbacks are NULL (a unit test without DMA) moves
 * nothing: isa_dma_* below return 0 / false.
 */
#ifndef SOFTPC_DEVICES_ISA_DMA_H
#define SOFTPC_DEVICES_ISA_DMA_H

#include <stdbool.h>
#include <stddef.h>

struct isa_dma {
    /* Device to memory (a DMA "write" transfer): returns bytes moved. */
    size_t (*to_memory)(void *opaque, unsigned channel, const void *src, size_t len);
    /* Memory to device (a DMA "read" transfer): returns bytes moved. */
    size_t (*from_memory)(void *opaque, unsigned channel, void *dst, size_t len);
    /* The channel would acknowledge a request now (unmasked, enabled). */
    bool (*ready)(void *opaque, unsigned channel);
    /* The last move on this channel ended at terminal count. */
    bool (*terminal_count)(void *opaque, unsigned channel);
    void *opaque;
};

static inline size_t isa_dma_to_memory(const struct isa_dma *d, unsigned ch,
                                       const void *src, size_t len)
{
    return d->to_memory != NULL ? d->to_memory(d->opaque, ch, src, len) : 0;
}

static inline size_t isa_dma_from_memory(const struct isa_dma *d, unsigned ch,
                                         void *dst, size_t len)
{
    return d->from_memory != NULL ? d->from_memory(d->opaque, ch, dst, len) : 0;
}

static inline bool isa_dma_ready(const struct isa_dma *d, unsigned ch)
{
    return d->ready != NULL && d->ready(d->opaque, ch);
}

static inline bool isa_dma_terminal_count(const struct isa_dma *d, unsigned ch)
{
    return d->terminal_count != NULL && d->terminal_count(d->opaque, ch);
}

#endif
