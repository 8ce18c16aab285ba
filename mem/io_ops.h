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
 * TinyEMU's and QEMU's MemoryRegionOps shape.
 */
#ifndef SOFTPC_MEM_IO_OPS_H
#define SOFTPC_MEM_IO_OPS_H

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

#endif
