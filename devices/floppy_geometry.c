/*
 * floppy_geometry.c - the table of standard diskette formats (see
 * floppy_geometry.h).
 */
#include "devices/floppy_geometry.h"

#include <stddef.h>

static const struct floppy_geometry formats[] = {
    /* cyl heads spt  rate            CMOS drive type     rpm */
    { 40, 1,  8, FDC_RATE_250K, FLOPPY_CMOS_360K,  300 }, /* 160K */
    { 40, 1,  9, FDC_RATE_250K, FLOPPY_CMOS_360K,  300 }, /* 180K */
    { 40, 2,  8, FDC_RATE_250K, FLOPPY_CMOS_360K,  300 }, /* 320K */
    { 40, 2,  9, FDC_RATE_250K, FLOPPY_CMOS_360K,  300 }, /* 360K */
    { 80, 2,  9, FDC_RATE_250K, FLOPPY_CMOS_720K,  300 }, /* 720K */
    { 80, 2, 15, FDC_RATE_500K, FLOPPY_CMOS_1200K, 360 }, /* 1.2M */
    { 80, 2, 18, FDC_RATE_500K, FLOPPY_CMOS_1440K, 300 }, /* 1.44M */
    { 80, 2, 21, FDC_RATE_500K, FLOPPY_CMOS_1440K, 300 }, /* 1.68M DMF */
    { 82, 2, 21, FDC_RATE_500K, FLOPPY_CMOS_1440K, 300 }, /* 1.72M */
    { 80, 2, 36, FDC_RATE_1M,   FLOPPY_CMOS_2880K, 300 }, /* 2.88M */
};

bool floppy_geometry_for_size(uint64_t bytes, struct floppy_geometry *out)
{
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
        if ((uint64_t)floppy_geometry_sectors(&formats[i]) * 512 == bytes) {
            *out = formats[i];
            return true;
        }
    }
    return false;
}
