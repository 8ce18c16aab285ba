/*
 * io_ops.h - the one callback shape every device uses, for I/O ports and
 * for memory-mapped registers alike: (state, offset, size).
 *
 * `offset` is relative to the start of the range the device registered,
 * `size` is 1, 2 or 4 bytes.  A device declares which sizes it accepts in
 * `sizes` (a bit mask of IO_SIZE_*); the bus splits wider accesses into
 * narrower ones (little-endian order) so a device never sees a size it did
 * not declare.  An access narrower than every declared size becomes one
 * access of the smallest wider declared size, at the offset aligned down
 * to that size: a read returns just the wanted bytes, a write carries
 * zeros in the others (a device that cannot take that declares the narrow
 * size too).  The bus masks read results to the access size.  Modelled on
 * TinyEMU's and QEMU's MemoryRegionOps shape.  The helpers below are that
 * rule, shared by both buses (mem/ports.c, mem/phys.c); splitting stays
 * with each bus, since a split half of a port access may reach another
 * device.
 */
#ifndef SOFTPC_MEM_IO_OPS_H
#define SOFTPC_MEM_IO_OPS_H

#include <stdbool.h>
#include <stdint.h>

enum {
    IO_SIZE_8  = 1u << 0,
    IO_SIZE_16 = 1u << 1,
    IO_SIZE_32 = 1u << 2,
};

struct io_ops {
    uint32_t (*read)(void *state, uint32_t offset, unsigned size);
    void (*write)(void *state, uint32_t offset, unsigned size, uint32_t value);
    uint8_t sizes; /* IO_SIZE_* bits the callbacks accept; 0 means 8 only */
};

/* The IO_SIZE_* bit of an access of `size` bytes (1, 2 or 4). */
static inline unsigned io_size_bit(unsigned size)
{
    return size == 1 ? IO_SIZE_8 : size == 2 ? IO_SIZE_16 : IO_SIZE_32;
}

/* The sizes a device accepts: its IO_SIZE_* bits, none meaning 8 only. */
static inline unsigned io_accepted(const struct io_ops *ops)
{
    unsigned acc = ops->sizes & (IO_SIZE_8 | IO_SIZE_16 | IO_SIZE_32);
    return acc != 0 ? acc : IO_SIZE_8;
}

/* The low `size` bytes of a 32-bit value all ones. */
static inline uint32_t io_ones(unsigned size)
{
    return size >= 4 ? UINT32_MAX : (UINT32_C(1) << (8 * size)) - 1u;
}

/* For an access of `size` bytes at `off` to a device accepting `acc`:
 * when the device takes nothing that narrow, the smallest wider width it
 * takes (*w_out) and where that access starts (*woff_out, off aligned
 * down); true if that one access covers the whole of [off, off+size). */
static inline bool io_widen(unsigned acc, unsigned size, uint32_t off, unsigned *w_out,
                            uint32_t *woff_out)
{
    if (acc & (io_size_bit(size) * 2u - 1u))
        return false;
    for (unsigned w = size * 2; w <= 4; w *= 2) {
        if (acc & io_size_bit(w)) {
            uint32_t woff = off & ~(uint32_t)(w - 1u);
            *w_out = w;
            *woff_out = woff;
            return off + size <= woff + w;
        }
    }
    return false;
}

#endif
