/*
 * vga_vbe.c - the Bochs VBE "DISPI" interface of the std VGA: an index
 * register at 1CEh and a 16-bit data register at 1CFh that set a linear
 * mode (resolution, depth, virtual width, panning, a 64 KiB bank for the
 * A0000h window), as Bochs's and QEMU's documentation of the interface
 * describe it.  Drivers (Linux bochs-drm, the VBE part of VGA BIOSes)
 * write the index with OUT 1CEh,AX and the data with OUT 1CFh,AX.
 *
 * Rules the guest cannot break: XRES, YRES and BPP change only while the
 * mode is disabled; XRES must be a multiple of 8 up to 1920, YRES at most
 * 1200, BPP one of 8, 15, 16, 24, 32 (0 means 8); a write that breaks a
 * rule is dropped.  ENABLE refuses a mode without a resolution.  The
 * virtual width is at least XRES and no wider than lets YRES lines fit in
 * vram; the virtual height is computed (vram / line bytes, at most
 * FFFFh) and writes to it are dropped; an X/Y offset that would put any
 * visible byte past the end of vram is dropped.  So vbe_start and
 * vbe_line_bytes always describe a picture inside vram.
 *
 * Enabling (bit 0 of ENABLE rising) sets the virtual width to XRES, the
 * offsets to 0, clears vram unless NOCLEARMEM is set, and puts the VGA
 * registers into graphics/chain-4 shape (GC06 graphics with the A0000h
 * 64 KiB map, SR04 chain-4, GC05 256-colour and write mode 0, GC01/GC03
 * cleared, GC08 FFh, attribute mode graphics) so
 * a VGA-aware reader of the registers agrees a graphics mode is on;
 * vga_memory.c sends A0000h-AFFFFh to the selected bank while enabled.
 * 8BIT_DAC switches the DAC to 8-bit values (existing entries are
 * converted, vga.c).  GETCAPS makes XRES/YRES/BPP read their maxima.
 * LFB_ENABLED is stored only: BAR 0 always shows vram.
 *
 * Not here: 4 bpp planar VBE modes (BPP 4 is refused), the 1D0h data
 * alias of old Bochs (a byte there reads FFh; the port is claimed only so
 * a word access at 1CFh arrives whole), VRAM sizes past 16 MiB.
 */
#include "devices/vga_internal.h"

#include <string.h>

/* ENABLE bits that are stored (NOCLEARMEM is stored too, as Bochs reads
 * it back). */
#define VBE_ENABLE_BITS (VBE_DISPI_ENABLED | VBE_DISPI_GETCAPS | VBE_DISPI_8BIT_DAC | \
                         VBE_DISPI_LFB_ENABLED | VBE_DISPI_NOCLEARMEM)
#define VBE_BANK_SIZE 0x10000u
#define VBE_ID0 0xB0C0u

static unsigned vbe_bpp(const struct vga *v)
{
    return v->vbe[VBE_DISPI_INDEX_BPP] != 0 ? v->vbe[VBE_DISPI_INDEX_BPP] : 8u;
}

static unsigned vbe_bytes_per_pixel(unsigned bpp)
{
    return (bpp + 7u) / 8u; /* 8 -> 1, 15/16 -> 2, 24 -> 3, 32 -> 4 */
}

static bool vbe_bpp_ok(unsigned bpp)
{
    return bpp == 8 || bpp == 15 || bpp == 16 || bpp == 24 || bpp == 32;
}

/* Would a picture at pixel (x, y) of the virtual screen stay in vram? */
static bool vbe_offsets_fit(const struct vga *v, uint32_t x, uint32_t y)
{
    uint64_t bpp_bytes = vbe_bytes_per_pixel(vbe_bpp(v));
    uint64_t xres = v->vbe[VBE_DISPI_INDEX_XRES], yres = v->vbe[VBE_DISPI_INDEX_YRES];
    uint64_t start = (uint64_t)y * v->vbe_line_bytes + x * bpp_bytes;
    uint64_t end = start + xres * bpp_bytes;
    if (yres > 1)
        end += (yres - 1) * v->vbe_line_bytes;
    return end <= v->vram_size;
}

static void vbe_update_start(struct vga *v)
{
    uint32_t x = v->vbe[VBE_DISPI_INDEX_X_OFFSET], y = v->vbe[VBE_DISPI_INDEX_Y_OFFSET];
    if (!vbe_offsets_fit(v, x, y)) {
        x = y = 0;
        v->vbe[VBE_DISPI_INDEX_X_OFFSET] = v->vbe[VBE_DISPI_INDEX_Y_OFFSET] = 0;
    }
    v->vbe_start = y * v->vbe_line_bytes + x * vbe_bytes_per_pixel(vbe_bpp(v));
    v->full_redraw = true;
}

/* Line bytes and virtual height from the virtual width (at least XRES,
 * narrowed back to XRES when YRES such lines would not fit). */
static void vbe_update_geometry(struct vga *v)
{
    uint32_t bytes = vbe_bytes_per_pixel(vbe_bpp(v));
    uint32_t xres = v->vbe[VBE_DISPI_INDEX_XRES], yres = v->vbe[VBE_DISPI_INDEX_YRES];
    uint32_t width = v->vbe[VBE_DISPI_INDEX_VIRT_WIDTH];
    if (width < xres || (uint64_t)width * bytes * yres > v->vram_size)
        width = xres;
    v->vbe[VBE_DISPI_INDEX_VIRT_WIDTH] = (uint16_t)width;
    v->vbe_line_bytes = width * bytes;
    uint32_t height = v->vbe_line_bytes != 0 ? v->vram_size / v->vbe_line_bytes : 0;
    v->vbe[VBE_DISPI_INDEX_VIRT_HEIGHT] = (uint16_t)(height > 0xFFFFu ? 0xFFFFu : height);
    vbe_update_start(v);
}

/* The VGA side of a VBE mode: graphics, A0000h 64 KiB map, chain-4,
 * 256-colour shifting, all planes written as the CPU gives them (write
 * mode 0, no set/reset, no rotate, full bit mask), so the window is plain
 * memory again if the guest turns VBE off without a mode set. */
static void vbe_set_vga_graphics(struct vga *v)
{
    v->gc[6] = (uint8_t)((v->gc[6] & 0x02u) | 0x05u);
    v->gc[5] = 0x40;
    v->gc[1] = 0x00;
    v->gc[3] = 0x00;
    v->gc[8] = 0xFF;
    v->seq[4] = 0x0E;
    v->seq[2] = 0x0F;
    v->attr[0x10] |= 0x41u;
}

static void vbe_write_enable(struct vga *v, uint16_t value)
{
    uint16_t old = v->vbe[VBE_DISPI_INDEX_ENABLE];
    uint16_t now = value & VBE_ENABLE_BITS;
    bool turning_on = (now & VBE_DISPI_ENABLED) && !(old & VBE_DISPI_ENABLED);
    if (turning_on && (v->vbe[VBE_DISPI_INDEX_XRES] == 0 || v->vbe[VBE_DISPI_INDEX_YRES] == 0))
        now &= (uint16_t)~VBE_DISPI_ENABLED; /* no mode to show */
    if (((old ^ now) & VBE_DISPI_8BIT_DAC) != 0)
        vga_dac_set_width(v, (now & VBE_DISPI_8BIT_DAC) != 0);
    v->vbe[VBE_DISPI_INDEX_ENABLE] = now;
    if (turning_on && (now & VBE_DISPI_ENABLED)) {
        v->vbe[VBE_DISPI_INDEX_VIRT_WIDTH] = v->vbe[VBE_DISPI_INDEX_XRES];
        v->vbe[VBE_DISPI_INDEX_X_OFFSET] = v->vbe[VBE_DISPI_INDEX_Y_OFFSET] = 0;
        vbe_update_geometry(v);
        if (!(now & VBE_DISPI_NOCLEARMEM)) {
            memset(v->vram, 0, v->vram_size);
            vga_mark_dirty(v, 0, v->vram_size);
        }
        vbe_set_vga_graphics(v);
    }
    if (old != now)
        v->full_redraw = true;
}

static void vbe_write(struct vga *v, unsigned index, uint16_t value)
{
    bool enabled = vga_vbe_enabled(v);
    switch (index) {
    case VBE_DISPI_INDEX_ID:
        if (value >= VBE_ID0 && value <= VBE_DISPI_ID5)
            v->vbe[index] = value;
        break;
    case VBE_DISPI_INDEX_XRES:
        if (!enabled && value <= VBE_DISPI_MAX_XRES && (value & 7u) == 0)
            v->vbe[index] = value;
        break;
    case VBE_DISPI_INDEX_YRES:
        if (!enabled && value <= VBE_DISPI_MAX_YRES)
            v->vbe[index] = value;
        break;
    case VBE_DISPI_INDEX_BPP:
        if (!enabled && (value == 0 || vbe_bpp_ok(value)))
            v->vbe[index] = value != 0 ? value : 8u;
        break;
    case VBE_DISPI_INDEX_ENABLE: vbe_write_enable(v, value); break;
    case VBE_DISPI_INDEX_BANK:
        v->vbe[index] = (uint16_t)(value & (v->vram_size / VBE_BANK_SIZE - 1u));
        break;
    case VBE_DISPI_INDEX_VIRT_WIDTH:
        v->vbe[index] = value;
        vbe_update_geometry(v);
        break;
    case VBE_DISPI_INDEX_X_OFFSET:
        if (vbe_offsets_fit(v, value, v->vbe[VBE_DISPI_INDEX_Y_OFFSET])) {
            v->vbe[index] = value;
            vbe_update_start(v);
        }
        break;
    case VBE_DISPI_INDEX_Y_OFFSET:
        if (vbe_offsets_fit(v, v->vbe[VBE_DISPI_INDEX_X_OFFSET], value)) {
            v->vbe[index] = value;
            vbe_update_start(v);
        }
        break;
    default: break; /* VIRT_HEIGHT, VIDEO_MEMORY_64K: read-only; beyond: nothing */
    }
}

static uint16_t vbe_read(const struct vga *v, unsigned index)
{
    bool caps = (v->vbe[VBE_DISPI_INDEX_ENABLE] & VBE_DISPI_GETCAPS) != 0;
    switch (index) {
    case VBE_DISPI_INDEX_XRES: return caps ? VBE_DISPI_MAX_XRES : v->vbe[index];
    case VBE_DISPI_INDEX_YRES: return caps ? VBE_DISPI_MAX_YRES : v->vbe[index];
    case VBE_DISPI_INDEX_BPP: return caps ? VBE_DISPI_MAX_BPP : v->vbe[index];
    case VBE_DISPI_INDEX_VIDEO_MEMORY_64K: return (uint16_t)(v->vram_size / VBE_BANK_SIZE);
    default: return index < VBE_DISPI_INDEX_COUNT ? v->vbe[index] : 0;
    }
}

void vga_vbe_reset(struct vga *v)
{
    if (v->vbe[VBE_DISPI_INDEX_ENABLE] & VBE_DISPI_8BIT_DAC)
        vga_dac_set_width(v, false);
    memset(v->vbe, 0, sizeof v->vbe);
    v->vbe_index = 0;
    v->vbe[VBE_DISPI_INDEX_ID] = VBE_DISPI_ID5;
    v->vbe[VBE_DISPI_INDEX_BPP] = 8;
    v->vbe_start = 0;
    v->vbe_line_bytes = 0;
}

/* Offset 0 is the index (1CEh), 1 the data register (1CFh), 2 is 1D0h,
 * claimed so OUT 1CFh,AX is one 16-bit access (the bus would split a word
 * that ran past the range) but not decoded itself.  A byte access is the
 * low byte of the register. */
static uint32_t vbe_port_read(void *state, uint32_t offset, unsigned size)
{
    struct vga *v = state;
    uint32_t value;
    if (offset == 0)
        value = v->vbe_index;
    else if (offset == 1)
        value = vbe_read(v, v->vbe_index);
    else
        return 0xFFFFu;
    return size == 1 ? (value & 0xFFu) : value;
}

static void vbe_port_write(void *state, uint32_t offset, unsigned size, uint32_t value)
{
    struct vga *v = state;
    uint16_t word = (uint16_t)(size == 1 ? value & 0xFFu : value);
    if (offset == 0)
        v->vbe_index = word;
    else if (offset == 1)
        vbe_write(v, v->vbe_index, word);
}

const struct io_ops vga_vbe_port_ops = {
    .read = vbe_port_read,
    .write = vbe_port_write,
    .sizes = IO_SIZE_8 | IO_SIZE_16,
};
