/*
 * vga_memory.c - the card's memory as the CPU sees it: the legacy window
 * at A0000h-BFFFFh through the VGA's read/write pipeline, the VBE bank in
 * that window, and the linear framebuffer of BAR 0 (the model and the
 * vram layout, plane p byte a at vram[a * 4 + p], are in vga.h).
 *
 * The window follows the IBM VGA Technical Reference (graphics controller
 * and sequencer registers) and FreeVGA's "VGA memory / read and write
 * modes":
 *   - GC06 bits 3-2 pick what the window answers: A0000h 128K, A0000h
 *     64K, B0000h 32K, B8000h 32K; outside it reads give FFh and writes
 *     vanish (another card could be there).
 *   - Addressing: chain-4 (SR04 bit 3) sends CPU offset o to plane o & 3,
 *     plane byte o >> 2, i.e. vram[o].  Odd/even (writes: SR04 bit 2
 *     clear; reads: GC05 bit 4) sends even offsets to planes 0/2 and odd
 *     ones to 1/3 at plane byte o & ~1, so text mode's character i is
 *     plane 0 byte 2i and its attribute plane 1 byte 2i, where the
 *     CRTC's word mode fetches them.  Otherwise every plane at byte o.
 *   - Reads load all four latches from the plane byte, then return one
 *     plane (read mode 0: GC04, or the odd/even or chain-4 plane) or the
 *     colour compare (read mode 1: planes selected by GC07 compared with
 *     GC02, 1 where all agree).
 *   - Writes: mode 0 rotates the CPU byte (GC03 bits 2-0) and replaces it
 *     with set/reset (GC00) on planes enabled in GC01; mode 1 writes the
 *     latches; mode 2 spreads CPU bit p over plane p; mode 3 writes
 *     set/reset under a mask of (rotated CPU byte AND bit mask).  Modes
 *     0, 2, 3 then combine with the latch (GC03 bits 4-3: replace, AND,
 *     OR, XOR) and keep the latch's bits outside the bit mask (GC08).
 *     Only planes in the map mask (SR02), and the plane chain-4 or
 *     odd/even selects, are written.
 * While VBE is enabled, A0000h-AFFFFh is 64 KiB of vram at BANK x 64 KiB,
 * byte for byte, and B0000h-BFFFFh reads FFh.
 *
 * Accesses of 2 or 4 bytes in the window are done as bytes in
 * little-endian order, here rather than by the bus (one call instead of
 * up to four); the LFB takes them whole.
 *
 * Not here: the odd/even page bit (misc output bit 5) and GC06 bit 1
 * (chain odd/even) as separate address bits: plane byte o & ~1 is used as
 * QEMU's std VGA and the CRTC's word mode expect; the memory size bit
 * SR04 bit 1 (the card always has its full memory).
 */
#include "devices/vga_internal.h"

#include "mem/le.h"

#define VBE_BANK_BYTES 0x10000u

/* ---- the VGA pipeline ---- */

/* Where window offset `offset` lands in the map GC06 selects; false if
 * the map does not cover it. */
static bool vga_window_map(const struct vga *v, uint32_t offset, uint32_t *in_map)
{
    static const uint32_t base[4] = { 0x00000, 0x00000, 0x10000, 0x18000 };
    static const uint32_t size[4] = { 0x20000, 0x10000, 0x08000, 0x08000 };
    unsigned map = (v->gc[6] >> 2) & 3u;
    if (offset < base[map] || offset - base[map] >= size[map])
        return false;
    *in_map = offset - base[map];
    return true;
}

static uint8_t vga_expand_bit(unsigned bits, unsigned plane)
{
    return (bits >> plane) & 1u ? 0xFFu : 0x00u;
}

static uint8_t vga_alu(unsigned function, uint8_t data, uint8_t latch)
{
    switch (function) {
    case 1: return data & latch;
    case 2: return data | latch;
    case 3: return data ^ latch;
    default: return data;
    }
}

static uint8_t vga_pipeline_read(struct vga *v, uint32_t a)
{
    uint32_t plane_byte;
    unsigned plane;
    if (v->seq[4] & 0x08u) {          /* chain-4 */
        plane_byte = a >> 2;
        plane = a & 3u;
    } else if (v->gc[5] & 0x10u) {    /* odd/even reads */
        plane_byte = a & ~1u;
        plane = (v->gc[4] & 2u) | (a & 1u);
    } else {
        plane_byte = a;
        plane = v->gc[4] & 3u;
    }
    const uint8_t *p = &v->vram[plane_byte * 4u];
    for (unsigned i = 0; i < 4; i++)
        v->latch[i] = p[i];
    if (!(v->gc[5] & 0x08u))
        return v->latch[plane];
    /* Read mode 1: colour compare over the planes GC07 cares about. */
    uint8_t match = 0xFF;
    for (unsigned i = 0; i < 4; i++)
        if ((v->gc[7] >> i) & 1u)
            match &= (uint8_t)~(v->latch[i] ^ vga_expand_bit(v->gc[2], i));
    return match;
}

static void vga_pipeline_write(struct vga *v, uint32_t a, uint8_t value)
{
    uint32_t plane_byte = a;
    unsigned planes = v->seq[2] & 0x0Fu;
    if (v->seq[4] & 0x08u) {           /* chain-4 */
        plane_byte = a >> 2;
        planes &= 1u << (a & 3u);
    } else if (!(v->seq[4] & 0x04u)) { /* odd/even writes */
        plane_byte = a & ~1u;
        planes &= (a & 1u) ? 0x0Au : 0x05u;
    }
    if (planes == 0)
        return;

    unsigned rotate = v->gc[3] & 7u, function = (v->gc[3] >> 3) & 3u;
    uint8_t rotated = (uint8_t)((value >> rotate) | (value << ((8u - rotate) & 7u)));
    uint8_t mask = v->gc[8];
    unsigned mode = v->gc[5] & 3u;
    if (mode == 3)
        mask &= rotated;
    uint8_t *p = &v->vram[plane_byte * 4u];
    bool changed = false;
    for (unsigned i = 0; i < 4; i++) {
        if (!((planes >> i) & 1u))
            continue;
        uint8_t latch = v->latch[i], data;
        switch (mode) {
        case 0:
            data = (v->gc[1] >> i) & 1u ? vga_expand_bit(v->gc[0], i) : rotated;
            break;
        case 1: data = latch; break;
        case 2: data = vga_expand_bit(value, i); break;
        default: data = vga_expand_bit(v->gc[0], i); break;
        }
        if (mode != 1) {
            data = vga_alu(function, data, latch);
            data = (uint8_t)((data & mask) | (latch & ~mask));
        }
        if (p[i] != data) {
            p[i] = data;
            changed = true;
        }
    }
    if (changed)
        vga_mark_dirty(v, plane_byte * 4u, 4);
}

/* ---- the window ---- */

static uint32_t vga_bank_base(const struct vga *v)
{
    /* BANK is kept below vram_size / 64 KiB by vga_vbe.c; masked again
     * so a hand-set value cannot reach past vram. */
    uint32_t banks = v->vram_size / VBE_BANK_BYTES;
    return (v->vbe[VBE_DISPI_INDEX_BANK] % (banks != 0 ? banks : 1u)) * VBE_BANK_BYTES;
}

static uint8_t vga_window_read_byte(struct vga *v, uint32_t offset)
{
    if (vga_vbe_enabled(v)) {
        uint32_t at = vga_bank_base(v) + offset;
        return offset < VBE_BANK_BYTES && at < v->vram_size ? v->vram[at] : 0xFF;
    }
    uint32_t a;
    if (offset >= VGA_WINDOW_SIZE || !vga_window_map(v, offset, &a))
        return 0xFF;
    return vga_pipeline_read(v, a);
}

static void vga_window_write_byte(struct vga *v, uint32_t offset, uint8_t value)
{
    if (vga_vbe_enabled(v)) {
        uint32_t at = vga_bank_base(v) + offset;
        if (offset < VBE_BANK_BYTES && at < v->vram_size && v->vram[at] != value) {
            v->vram[at] = value;
            vga_mark_dirty(v, at, 1);
        }
        return;
    }
    uint32_t a;
    if (offset < VGA_WINDOW_SIZE && vga_window_map(v, offset, &a))
        vga_pipeline_write(v, a, value);
}

static uint32_t vga_window_read(void *state, uint32_t offset, unsigned size)
{
    struct vga *v = state;
    uint32_t value = 0;
    for (unsigned i = 0; i < size; i++)
        value |= (uint32_t)vga_window_read_byte(v, offset + i) << (8 * i);
    return value;
}

static void vga_window_write(void *state, uint32_t offset, unsigned size, uint32_t value)
{
    struct vga *v = state;
    for (unsigned i = 0; i < size; i++)
        vga_window_write_byte(v, offset + i, (uint8_t)(value >> (8 * i)));
}

const struct io_ops vga_window_ops = {
    .read = vga_window_read,
    .write = vga_window_write,
    .sizes = IO_SIZE_8 | IO_SIZE_16 | IO_SIZE_32,
};

/* ---- the linear framebuffer: vram itself ---- */

static uint32_t vga_lfb_read(void *state, uint32_t offset, unsigned size)
{
    const struct vga *v = state;
    if (offset < v->vram_size && size <= v->vram_size - offset)
        return le_load(&v->vram[offset], size);
    uint32_t value = 0;
    for (unsigned i = 0; i < size; i++) {
        uint32_t at = offset + i;
        value |= (uint32_t)(at >= offset && at < v->vram_size ? v->vram[at] : 0xFFu) << (8 * i);
    }
    return value;
}

static void vga_lfb_write(void *state, uint32_t offset, unsigned size, uint32_t value)
{
    struct vga *v = state;
    if (offset < v->vram_size && size <= v->vram_size - offset) {
        le_store(&v->vram[offset], value, size);
        /* The dirty bits of the first and last byte's pages (the same
         * page but for a write straddling a page boundary). */
        uint32_t first = offset >> VGA_DIRTY_SHIFT, last = (offset + size - 1u) >> VGA_DIRTY_SHIFT;
        v->dirty[first >> 5] |= 1u << (first & 31u);
        v->dirty[last >> 5] |= 1u << (last & 31u);
        return;
    }
    for (unsigned i = 0; i < size; i++) {
        uint32_t at = offset + i;
        if (at >= offset && at < v->vram_size) {
            v->vram[at] = (uint8_t)(value >> (8 * i));
            vga_mark_dirty(v, at, 1);
        }
    }
}

const struct io_ops vga_lfb_ops = {
    .read = vga_lfb_read,
    .write = vga_lfb_write,
    .sizes = IO_SIZE_8 | IO_SIZE_16 | IO_SIZE_32,
};
