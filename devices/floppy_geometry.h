/*
 * floppy_geometry.h - the standard PC diskette formats, recognised by the
 * size of a raw sector image (512-byte sectors, cylinder-major, head, then
 * sector order: the layout the BIOS's LBA = (C * heads + H) * spt + S - 1
 * gives).
 *
 * For each format: cylinders, heads, sectors per track, the data rate it is
 * recorded at (the floppy controller's DSR/CCR code), the CMOS 10h drive
 * type a board reports for a drive holding it, and the spindle speed.  The
 * 5.25" double-density formats (160K-360K) are given as read in their own
 * 360K drive (250 Kbit/s); DMF (1.68M) and the 82-cylinder 1.72M format
 * are 1.44M-drive formats.
 */
#ifndef SOFTPC_DEVICES_FLOPPY_GEOMETRY_H
#define SOFTPC_DEVICES_FLOPPY_GEOMETRY_H

#include <stdbool.h>
#include <stdint.h>

/* Data rate codes, as written to the controller's DSR/CCR bits 1-0. */
enum fdc_rate { FDC_RATE_500K = 0, FDC_RATE_300K = 1, FDC_RATE_250K = 2, FDC_RATE_1M = 3 };

/* CMOS 10h drive types. */
enum floppy_cmos_type {
    FLOPPY_CMOS_NONE = 0,
    FLOPPY_CMOS_360K = 1,
    FLOPPY_CMOS_1200K = 2,
    FLOPPY_CMOS_720K = 3,
    FLOPPY_CMOS_1440K = 4,
    FLOPPY_CMOS_2880K = 5,
};

struct floppy_geometry {
    uint8_t cylinders;
    uint8_t heads;
    uint8_t sectors;      /* per track */
    uint8_t data_rate;    /* enum fdc_rate */
    uint8_t cmos_type;    /* enum floppy_cmos_type */
    uint16_t rpm;         /* 300, or 360 for 1.2M media */
};

/* The geometry of a standard image of `bytes` bytes: 160K, 180K, 320K,
 * 360K, 720K, 1.2M, 1.44M, 1.68M (DMF), 1.72M, 2.88M.  False (and *out
 * untouched) for any other size. */
bool floppy_geometry_for_size(uint64_t bytes, struct floppy_geometry *out);

static inline uint32_t floppy_geometry_sectors(const struct floppy_geometry *g)
{
    return (uint32_t)g->cylinders * g->heads * g->sectors;
}

#endif
