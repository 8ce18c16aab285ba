/*
 * pc_cmos.h - what the board writes into CMOS before power-on: memory
 * sizes, drives, boot order and softpc's direct-boot fields, in the
 * layout docs/platform.md gives (QEMU's and Bochs's, so SeaBIOS reads it
 * too).  The RTC chip holds the bytes; this file only decides them.
 *
 * Not here: the clock registers (the RTC keeps those), the fields no BIOS
 * we run reads (keyboard/display types beyond the equipment byte).
 */
#ifndef SOFTPC_DEVICES_PC_CMOS_H
#define SOFTPC_DEVICES_PC_CMOS_H

#include <stdbool.h>
#include <stdint.h>

struct mc146818_rtc;

struct pc_cmos_setup {
    uint64_t ram_bytes;
    /* hd[k]: sectors of IDE drive k (0 = absent), with its logical CHS. */
    uint64_t hd_sectors[2];
    uint16_t hd_cylinders[2], hd_heads[2], hd_spt[2];
    uint8_t floppy_type[2];     /* CMOS drive type codes, 0 = none */
    uint8_t boot_order[3];      /* 1 floppy, 2 hard disk, 0 end */
    /* Direct Linux boot (0 segment: none). */
    uint16_t kernel_setup_segment, kernel_setup_sp;
    /* No window: the BIOS copies INT 10h teletype output to COM1. */
    bool serial_mirror;
};

void pc_cmos_fill(struct mc146818_rtc *rtc, const struct pc_cmos_setup *s);

/* CMOS indices softpc adds (bank 1, docs/platform.md). */
#define PC_CMOS_DIRECT_BOOT 0x80u
#define PC_CMOS_SETUP_SEG   0x81u
#define PC_CMOS_SETUP_SP    0x83u
#define PC_CMOS_CONSOLE     0x85u  /* bit 0: serial mirror */

#endif
