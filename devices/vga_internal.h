/*
 * vga_internal.h - what the card's units (vga.c, vga_memory.c,
 * vga_vbe.c, vga_pci.c) call in each other.  Not for the board or the
 * renderer: they use devices/vga.h only.
 */
#ifndef SOFTPC_DEVICES_VGA_INTERNAL_H
#define SOFTPC_DEVICES_VGA_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "devices/vga.h"
#include "mem/io_ops.h"

/* The DISPI index/data ports (1CEh-1CFh), vga_vbe.c. */
extern const struct io_ops vga_vbe_port_ops;
/* DISPI registers as they come out of reset: disabled, ID5. */
void vga_vbe_reset(struct vga *v);
static inline bool vga_vbe_enabled(const struct vga *v)
{
    return (v->vbe[VBE_DISPI_INDEX_ENABLE] & VBE_DISPI_ENABLED) != 0;
}

/* Converts the DAC entries between 6-bit and 8-bit values when VBE's
 * 8BIT_DAC flag changes, so every entry keeps its colour (vga.c). */
void vga_dac_set_width(struct vga *v, bool eight_bit);

/* The PCI function (vga_pci.c): identity, BAR 0, ROM BAR, bar_moved. */
void vga_pci_setup(struct vga *v);

/* Input status 1 bits 0 and 3 at emulated time now_ns (vga.c). */
uint8_t vga_input_status1(const struct vga *v, uint64_t now_ns);

#endif
