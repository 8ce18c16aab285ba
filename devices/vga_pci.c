/*
 * vga_pci.c - the VGA card's PCI function, with the identity of QEMU's
 * "std" VGA so drivers that know that card (Linux bochs-drm, SeaBIOS's
 * vgabios-stdvga) find it: vendor 1234h device 1111h, revision 2, class
 * 030000h (VGA-compatible display), subsystem 1AF4h:1100h.
 *
 * BAR 0 is the linear framebuffer: 16 MiB of memory, prefetchable (bit 3
 * reads 1: it is plain memory, PCI 2.1 section 6.2.5.1).  The expansion
 * ROM BAR holds the VGA BIOS when the board gave one: 64 KiB, or the
 * next power of two when the image is bigger.  No interrupt pin.  The
 * board hears of both windows through v->window_moved and maps vram (via
 * vga_lfb_ops) or the ROM image there.
 *
 * Not here: the legacy VGA ranges (3B0h-3DFh, A0000h-BFFFFh) are decoded
 * whatever the command register says, as the board wires them once (a
 * VGA's legacy decode follows the I/O and memory enables on real cards);
 * the MMIO BAR 2 of newer std VGAs.
 */
#include "devices/vga_internal.h"

#define VGA_PCI_REVISION 0x02u
#define VGA_PCI_SUBSYSTEM_VENDOR 0x1AF4u
#define VGA_PCI_SUBSYSTEM_ID 0x1100u
#define PCI_SUBSYSTEM_VENDOR_ID 0x2Cu
#define PCI_SUBSYSTEM_ID 0x2Eu
#define PCI_BAR_PREFETCHABLE 0x08u
#define VGA_ROM_BAR_MIN 0x10000u

static void vga_pci_bar_moved(void *opaque, struct pci_function *f, unsigned bar,
                              uint32_t old_addr, uint32_t new_addr)
{
    (void)f;
    struct vga *v = opaque;
    if ((bar == 0 || bar == PCI_ROM_BAR) && v->window_moved != NULL)
        v->window_moved(v->window_opaque, bar, old_addr, new_addr);
}

static uint32_t vga_rom_bar_size(uint32_t image_size)
{
    uint32_t size = VGA_ROM_BAR_MIN;
    while (size < image_size && size < 0x80000000u)
        size <<= 1;
    return size;
}

void vga_pci_setup(struct vga *v)
{
    struct pci_function *f = &v->pci;
    pci_function_init(f, "vga", VGA_PCI_VENDOR, VGA_PCI_DEVICE, VGA_PCI_REVISION,
                      VGA_PCI_CLASS, 0x00);
    pci_set(f, PCI_SUBSYSTEM_VENDOR_ID, 2, VGA_PCI_SUBSYSTEM_VENDOR);
    pci_set(f, PCI_SUBSYSTEM_ID, 2, VGA_PCI_SUBSYSTEM_ID);
    pci_function_set_bar(f, 0, VGA_VRAM_SIZE, false);
    /* Bit 3 is outside the BAR's write mask, so it stays through sizing
     * and reset. */
    f->config[PCI_BAR0] |= PCI_BAR_PREFETCHABLE;
    if (v->rom != NULL)
        pci_function_set_rom(f, vga_rom_bar_size(v->rom_size));
    f->bar_moved = vga_pci_bar_moved;
    f->opaque = v;
}
