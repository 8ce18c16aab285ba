/*
 * vga_render_palette.c - the colour path after the dots: the attribute
 * controller's palette (4-bit dot value -> 8-bit DAC index) and the DAC
 * (index -> RGB).
 *
 * Attribute controller (IBM VGA Technical Reference, attribute registers
 * 00h-0Fh, 10h bit 7, 12h, 14h): the dot value is masked by colour plane
 * enable (12h), picks one of 16 six-bit palette registers; bits 5-4 come
 * from the palette or, with 10h bit 7 (P5-4 select), from colour select
 * bits 1-0; bits 7-6 always come from colour select bits 3-2.
 *
 * DAC: the PEL mask is ANDed with the index; a 6-bit value v becomes the
 * 8-bit (v << 2) | (v & 1) * 3, which is what QEMU 7.2's screendump shows
 * (measured: 1 -> 7, 2 -> 8, 62 -> 248, 63 -> 255; docs/vga.md).  With the
 * VBE 8-bit DAC flag the stored values are used as they are.
 *
 * 256-colour modes send the byte to the DAC directly; the palette
 * registers are not applied there (QEMU does not; the BIOS loads an
 * identity palette for mode 13h, where a real card gives the same).
 */
#include "devices/vga_render_internal.h"

static uint32_t dac_component(uint8_t value, bool eight_bit)
{
    if (eight_bit)
        return value;
    value &= 0x3F;
    return (uint32_t)(value << 2) | (uint32_t)(value & 1u) * 3u;
}

uint32_t vga_dac_colour(const struct vga *v, unsigned index)
{
    bool eight_bit = (v->vbe[VBE_DISPI_INDEX_ENABLE] & VBE_DISPI_8BIT_DAC) != 0;
    const uint8_t *rgb = v->dac[(index & v->dac_pel_mask) & 0xFFu];
    return dac_component(rgb[0], eight_bit) << 16 | dac_component(rgb[1], eight_bit) << 8 |
           dac_component(rgb[2], eight_bit);
}

void vga_palette_build(const struct vga *v, uint32_t colours[256], uint8_t attr_map[16])
{
    for (unsigned i = 0; i < 256; i++)
        colours[i] = vga_dac_colour(v, i);

    uint8_t plane_enable = v->attr[0x12] & 0x0F;
    uint8_t colour_select = v->attr[0x14];
    bool p54_select = (v->attr[0x10] & 0x80) != 0;
    for (unsigned dot = 0; dot < 16; dot++) {
        uint8_t pal = v->attr[dot & plane_enable] & 0x3F;
        if (p54_select)
            pal = (uint8_t)((pal & 0x0F) | (colour_select & 0x03) << 4);
        attr_map[dot] = (uint8_t)(pal | (colour_select & 0x0C) << 4);
    }
}
