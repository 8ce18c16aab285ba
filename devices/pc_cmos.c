/*
 * pc_cmos.c - filling CMOS for the BIOS (see pc_cmos.h; the byte map is in
 * docs/platform.md).
 */
#include "devices/pc_cmos.h"

#include "devices/mc146818_rtc.h"

#define KIB 1024u
#define MIB (1024u * 1024u)

static void put16(struct mc146818_rtc *rtc, unsigned index, uint16_t v)
{
    rtc_cmos_write(rtc, index, (uint8_t)v);
    rtc_cmos_write(rtc, index + 1, (uint8_t)(v >> 8));
}

static void fill_memory(struct mc146818_rtc *rtc, uint64_t ram)
{
    put16(rtc, 0x15, 640);
    uint64_t ext_kib = ram > MIB ? (ram - MIB) / KIB : 0;
    uint16_t ext = ext_kib > 0xFFFF ? 0xFFFF : (uint16_t)ext_kib;
    put16(rtc, 0x17, ext);
    put16(rtc, 0x30, ext);
    uint64_t above16 = ram > 16 * MIB ? (ram - 16 * MIB) / (64 * KIB) : 0;
    put16(rtc, 0x34, above16 > 0xFFFF ? 0xFFFF : (uint16_t)above16);
    rtc_cmos_write(rtc, 0x5B, 0);
    rtc_cmos_write(rtc, 0x5C, 0);
    rtc_cmos_write(rtc, 0x5D, 0);
}

/* Types 0Fh in the nibble (and 47 in 19h/1Ah): "user-defined", with the
 * geometry at 1Bh (drive 0) and 24h (drive 1), QEMU's layout: cylinders,
 * heads, write precompensation (FFFFh), landing zone, control, sectors. */
static void fill_disks(struct mc146818_rtc *rtc, const struct pc_cmos_setup *s)
{
    uint8_t types = 0;
    for (unsigned k = 0; k < 2; k++) {
        if (s->hd_sectors[k] == 0)
            continue;
        types |= (uint8_t)(0xF0u >> (4 * k));
        rtc_cmos_write(rtc, 0x19 + k, 47);
        unsigned base = k == 0 ? 0x1B : 0x24;
        put16(rtc, base, s->hd_cylinders[k]);
        rtc_cmos_write(rtc, base + 2, (uint8_t)s->hd_heads[k]);
        put16(rtc, base + 3, 0xFFFF);
        put16(rtc, base + 5, s->hd_cylinders[k]);
        rtc_cmos_write(rtc, base + 7, s->hd_heads[k] > 8 ? 0x08 : 0x00);
        rtc_cmos_write(rtc, base + 8, (uint8_t)s->hd_spt[k]);
    }
    rtc_cmos_write(rtc, 0x12, types);
}

static void fill_floppies_and_equipment(struct mc146818_rtc *rtc,
                                        const struct pc_cmos_setup *s)
{
    rtc_cmos_write(rtc, 0x10, (uint8_t)(s->floppy_type[0] << 4 | (s->floppy_type[1] & 0x0F)));
    unsigned floppies = (s->floppy_type[0] != 0) + (s->floppy_type[1] != 0);
    uint8_t equipment = 0x02; /* x87 present; display bits 00: EGA/VGA */
    if (floppies > 0)
        equipment |= (uint8_t)(0x01 | (floppies - 1) << 6);
    rtc_cmos_write(rtc, 0x14, equipment);
}

static void fill_boot(struct mc146818_rtc *rtc, const struct pc_cmos_setup *s)
{
    rtc_cmos_write(rtc, 0x3D, (uint8_t)(s->boot_order[0] | s->boot_order[1] << 4));
    rtc_cmos_write(rtc, 0x38, (uint8_t)(s->boot_order[2] << 4));
    rtc_cmos_write(rtc, PC_CMOS_DIRECT_BOOT, s->kernel_setup_segment != 0);
    put16(rtc, PC_CMOS_SETUP_SEG, s->kernel_setup_segment);
    put16(rtc, PC_CMOS_SETUP_SP, s->kernel_setup_sp);
    rtc_cmos_write(rtc, PC_CMOS_CONSOLE, s->serial_mirror ? 0x01 : 0x00);
}

void pc_cmos_fill(struct mc146818_rtc *rtc, const struct pc_cmos_setup *s)
{
    fill_memory(rtc, s->ram_bytes);
    fill_disks(rtc, s);
    fill_floppies_and_equipment(rtc, s);
    fill_boot(rtc, s);
    rtc_cmos_write(rtc, 0x5F, 0);   /* one CPU */
    rtc_cmos_write(rtc, 0x32, 0x20); /* century, BCD (the RTC keeps it after) */
    rtc_cmos_update_checksum(rtc);
}
