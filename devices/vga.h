/*
 * vga.h - one PCI VGA card: the IBM VGA register set, 16 MiB of video
 * memory, the Bochs VBE ("DISPI") extensions at ports 1CEh/1CFh, a linear
 * framebuffer in PCI BAR 0 and the VGA BIOS in the expansion ROM BAR.  It
 * is the card QEMU calls "std" (PCI 1234:1111), so Linux's bochs-drm and
 * SeaBIOS's vgabios-stdvga drive it unchanged.
 *
 * The card is split into files by unit, all sharing this struct:
 *   vga.c          init, reset, attach, the port decoder (3B0h-3DFh),
 *                  sequencer/CRTC/GC/attribute/DAC/misc registers, input
 *                  status with retrace derived from emulated time
 *   vga_memory.c   the legacy window A0000h-BFFFFh: memory map select,
 *                  chain-4, odd/even, read modes 0/1, write modes 0-3,
 *                  latches, rotate/function, bit mask, map mask; the VBE
 *                  banked window; the linear framebuffer
 *   vga_vbe.c      the DISPI registers (index/data at 1CEh/1CFh)
 *   vga_pci.c      the PCI function: IDs, BAR 0 (LFB), ROM BAR
 *   vga_render*.c  turning the state into RGB pixels (vga_update)
 *
 * Video memory layout (the contract between the memory unit and the
 * renderer): vram is `vram_size` bytes.  In planar terms, byte `a` of
 * plane `p` (a < vram_size / 4) lives at vram[a * 4 + p].  So chain-4
 * (mode 13h) and every VBE mode address vram linearly: CPU offset `o`
 * in chain-4 goes to plane o & 3, plane offset o >> 2, which is vram[o].
 * The LFB is vram itself, byte for byte.
 *
 * Change tracking: every write that changes vram sets the bit of its
 * 4 KiB page in `dirty` (page = vram offset >> VGA_DIRTY_SHIFT); a register
 * write that changes what is displayed (palette, DAC, mode, start address,
 * cursor, font select, VBE geometry...) sets `full_redraw`.  The renderer
 * clears both after it used them.  So an unchanging screen costs one
 * bitmap scan per refresh.
 *
 * Not here: VGA's NMI/IRQ 2 vertical-retrace interrupt (unused by PC
 * software, not wired on most cards), EGA/CGA/MDA-only registers beyond
 * what VGA keeps for compatibility (the 3B8h/3D8h mode control and colour
 * select registers are not on a VGA), light pen, the feature connector,
 * the DISPI VRAM-size register's 64 KiB granule beyond 16 MiB, hardware
 * cursor/overlay (the std card has none), the MMIO BAR 2 of newer QEMU
 * std cards (bochs-drm falls back to the ports).
 */
#ifndef SOFTPC_DEVICES_VGA_H
#define SOFTPC_DEVICES_VGA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "devices/pci_bus.h"
#include "devices/sched.h"
#include "mem/io_ops.h"

struct port_bus;

#define VGA_VRAM_SIZE   (16u * 1024u * 1024u)
#define VGA_DIRTY_SHIFT 12u
#define VGA_DIRTY_WORDS (VGA_VRAM_SIZE >> VGA_DIRTY_SHIFT >> 5)

#define VGA_PCI_VENDOR 0x1234u
#define VGA_PCI_DEVICE 0x1111u
#define VGA_PCI_CLASS  0x030000u   /* display, VGA-compatible */

/* The legacy window and the ports the card decodes. */
#define VGA_WINDOW_BASE 0xA0000u
#define VGA_WINDOW_SIZE 0x20000u
#define VGA_PORT_BASE   0x3B0u     /* 3B0h-3DFh, one range */
#define VGA_PORT_COUNT  0x30u
#define VBE_DISPI_PORT_INDEX 0x1CEu  /* 1CEh index, 1CFh data (16-bit) */

/* DISPI registers (index at 1CEh), as Bochs defines them. */
enum {
    VBE_DISPI_INDEX_ID,
    VBE_DISPI_INDEX_XRES,
    VBE_DISPI_INDEX_YRES,
    VBE_DISPI_INDEX_BPP,
    VBE_DISPI_INDEX_ENABLE,
    VBE_DISPI_INDEX_BANK,
    VBE_DISPI_INDEX_VIRT_WIDTH,
    VBE_DISPI_INDEX_VIRT_HEIGHT,
    VBE_DISPI_INDEX_X_OFFSET,
    VBE_DISPI_INDEX_Y_OFFSET,
    VBE_DISPI_INDEX_VIDEO_MEMORY_64K,
    VBE_DISPI_INDEX_COUNT
};
#define VBE_DISPI_ID5            0xB0C5u  /* the newest ID; B0C0-B0C5 accepted */
#define VBE_DISPI_ENABLED        0x01u
#define VBE_DISPI_GETCAPS        0x02u
#define VBE_DISPI_8BIT_DAC       0x20u
#define VBE_DISPI_LFB_ENABLED    0x40u
#define VBE_DISPI_NOCLEARMEM     0x80u
#define VBE_DISPI_MAX_XRES       1920u
#define VBE_DISPI_MAX_YRES       1200u
#define VBE_DISPI_MAX_BPP        32u
#define VBE_DISPI_LFB_ADDRESS    0xE0000000u /* BAR 0's default */

/* What the renderer produced: 0x00RRGGBB pixels, `width` per row, rows
 * packed (stride == width).  Frontends (the SDL window, screenshots) read
 * this and nothing else of the card. */
struct vga_surface {
    uint32_t *pixels;
    unsigned width, height;
    /* Rows [dirty_y0, dirty_y1) changed in the last vga_update that
     * returned true; the whole surface after a size change. */
    unsigned dirty_y0, dirty_y1;
    /* Bumped whenever width or height changes. */
    unsigned generation;
    /* How the picture should be shown: the display's aspect ratio
     * (4:3 for VGA's own modes, width:height for VBE modes, whose pixels
     * are square). */
    unsigned aspect_w, aspect_h;
    /* One-word description of what is shown, for the window title:
     * "text 80x25", "graphics 640x480x4", "vbe 1024x768x32", "blank". */
    char mode_name[32];
};

struct vga_render_state;  /* the renderer's own, vga_render.c */

struct vga {
    /* Video memory (owned, vram_size bytes) and change tracking. */
    uint8_t *vram;
    uint32_t vram_size;
    uint32_t dirty[VGA_DIRTY_WORDS];
    bool full_redraw;

    /* General registers (VGA spec "General Registers"). */
    uint8_t misc_output;     /* 3C2h write, 3CCh read */
    uint8_t feature_control; /* 3BAh/3DAh write, 3CAh read */

    /* Sequencer (3C4h/3C5h). */
    uint8_t seq_index;
    uint8_t seq[8];

    /* CRT controller (3B4h/3B5h or 3D4h/3D5h by misc_output bit 0). */
    uint8_t crtc_index;
    uint8_t crtc[32];

    /* Graphics controller (3CEh/3CFh). */
    uint8_t gc_index;
    uint8_t gc[16];

    /* Attribute controller (3C0h index/data flip-flop, 3C1h read). */
    uint8_t attr_index;      /* bit 5: palette address source (PAS) */
    bool attr_flip_data;     /* next 3C0h write is data; reset by a 3xAh read */
    uint8_t attr[32];

    /* DAC (3C6h mask, 3C7h read index/state, 3C8h write index, 3C9h data).
     * Values are 6 bits unless the VBE 8-bit DAC flag is on. */
    uint8_t dac_pel_mask;
    uint8_t dac_read_index, dac_write_index;
    uint8_t dac_component;   /* 0-2: R, G, B of the current entry */
    bool dac_reading;        /* 3C7h state: last index write was 3C7h */
    uint8_t dac_pending[3];  /* write cycle collects R, G, B first */
    uint8_t dac[256][3];

    /* The four latch bytes, loaded by every read of the legacy window. */
    uint8_t latch[4];

    /* Bochs VBE. */
    uint16_t vbe_index;
    uint16_t vbe[VBE_DISPI_INDEX_COUNT];
    uint32_t vbe_start;      /* vram byte where the visible picture starts */
    uint32_t vbe_line_bytes; /* bytes per virtual scan line */

    /* Time, for input status 1's retrace and display-enable bits. */
    struct sched *sched;

    /* The PCI function and where its windows are. */
    struct pci_function pci;
    const uint8_t *rom;      /* VGA BIOS image for the ROM BAR, or NULL */
    uint32_t rom_size;
    void (*window_moved)(void *opaque, unsigned bar, uint32_t old_addr, uint32_t new_addr);
    void *window_opaque;

    /* The renderer's state and output. */
    struct vga_render_state *render;
    struct vga_surface surface;
};

/* Allocates vram (false on out of memory) and resets.  `rom` (may be NULL:
 * no ROM BAR) is not copied and must outlive the card.  window_moved: the
 * board moves its regions when BAR 0 (the LFB) or the expansion ROM BAR
 * (bar == PCI_ROM_BAR) starts, stops or moves decoding (PCI_BAR_UNMAPPED:
 * not decoded). */
bool vga_init(struct vga *v, struct sched *sched, const uint8_t *rom, uint32_t rom_size,
              void (*window_moved)(void *opaque, unsigned bar, uint32_t old_addr,
                                   uint32_t new_addr),
              void *window_opaque);
void vga_free(struct vga *v);
/* Power-on state: registers as a VGA comes out of reset (BIOS POST sets
 * the mode), VBE off, vram kept (as on real cards; tests may clear it). */
void vga_reset(struct vga *v);
/* Claims 3B0h-3DFh and 1CEh-1D0h; false if taken.  1D0h is claimed so the
 * port bus delivers a 16-bit access at 1CFh whole (it reads FFh and drops
 * writes on its own). */
bool vga_attach(struct vga *v, struct port_bus *pb);

/* Memory interfaces for the board's phys regions (offset relative to the
 * region base): the legacy window at A0000h (VGA_WINDOW_SIZE bytes), and
 * the LFB (VGA_VRAM_SIZE bytes at BAR 0). */
extern const struct io_ops vga_window_ops;
extern const struct io_ops vga_lfb_ops;

/* Renderer.  Brings the surface up to date with the card at emulated time
 * now_ns (cursor and text blink follow it); true if any pixel changed or
 * the size changed (then surface.dirty_y0/y1 say which rows).  Cheap when
 * nothing changed.  vga_render_init/free run inside vga_init/vga_free. */
bool vga_update(struct vga *v, uint64_t now_ns);
bool vga_render_init(struct vga *v);
void vga_render_free(struct vga *v);

/* Marks the vram bytes [offset, offset+len) changed (offsets past the end
 * are ignored). */
static inline void vga_mark_dirty(struct vga *v, uint32_t offset, uint32_t len)
{
    if (len == 0 || offset >= v->vram_size)
        return;
    uint32_t last = offset + len - 1;
    if (last >= v->vram_size || last < offset)
        last = v->vram_size - 1;
    for (uint32_t page = offset >> VGA_DIRTY_SHIFT; page <= last >> VGA_DIRTY_SHIFT; page++)
        v->dirty[page >> 5] |= 1u << (page & 31u);
}

#endif
