/*
 * ata_identify.c - the 512 bytes of IDENTIFY DEVICE data an ATA hard
 * disk of softpc returns (ATA/ATAPI-6, IDENTIFY DEVICE command).
 *
 * What the drive claims is exactly what devices/ata.c does: LBA and
 * 48-bit addressing, READ/WRITE MULTIPLE up to 16 sectors, PIO modes up
 * to 4 (no DMA), a write cache that can be switched, FLUSH CACHE (EXT).
 * Not claimed: DMA, SMART, security, power management (SLEEP is not
 * implemented), Host Protected Area.  The minor version (word 81) is not
 * reported, as the standard allows; the serial number is "SPC", the
 * channel's base port in hex and the unit, so every drive's differs.
 */
#include "devices/ata.h"

#include <stdio.h>
#include <string.h>

#include "mem/le.h"

#define ATA_MODEL "softpc HARDDISK"
#define ATA_FIRMWARE "1.0"
#define ATA_LBA28_MAX UINT64_C(0x0FFFFFFF)

static void id_word(uint8_t *buf, unsigned word, uint16_t value)
{
    le_store(buf + 2u * word, value, 2);
}

/* ATA strings: space-padded, the first character of each pair in the
 * high byte of its word. */
static void id_string(uint8_t *buf, unsigned word, unsigned words, const char *s)
{
    size_t len = strlen(s);
    for (unsigned i = 0; i < 2u * words; i++) {
        uint8_t c = i < len ? (uint8_t)s[i] : (uint8_t)' ';
        buf[2u * word + (i ^ 1u)] = c;
    }
}

void ata_identify_data(const struct ata_drive *d, uint16_t base, unsigned unit, uint8_t *buf)
{
    memset(buf, 0, ATA_SECTOR_SIZE);
    char serial[24];
    snprintf(serial, sizeof serial, "SPC%04X%u", (unsigned)base, unit & 1u);
    uint64_t lba28 = d->total_sectors < ATA_LBA28_MAX ? d->total_sectors : ATA_LBA28_MAX;
    uint32_t cur_cap = (uint32_t)d->cur_cylinders * d->cur_heads * d->cur_sectors;

    id_word(buf, 0, 0x0040);        /* ATA device, fixed (obsolete bit 6) */
    id_word(buf, 1, d->cylinders);
    id_word(buf, 3, d->heads);
    id_word(buf, 6, d->sectors);
    id_string(buf, 10, 10, serial);
    id_string(buf, 23, 4, ATA_FIRMWARE);
    id_string(buf, 27, 20, ATA_MODEL);
    id_word(buf, 47, 0x8000 | ATA_MAX_MULTIPLE);
    id_word(buf, 49, 0x0A00);       /* IORDY supported, LBA supported; no DMA */
    id_word(buf, 50, 0x4000);
    id_word(buf, 51, 0x0200);       /* PIO timing mode 2 (obsolete field) */
    id_word(buf, 53, 0x0003);       /* words 54-58 and 64-70 valid */
    id_word(buf, 54, d->cur_cylinders);
    id_word(buf, 55, d->cur_heads);
    id_word(buf, 56, d->cur_sectors);
    id_word(buf, 57, (uint16_t)cur_cap);
    id_word(buf, 58, (uint16_t)(cur_cap >> 16));
    id_word(buf, 59, d->multiple != 0 ? (uint16_t)(0x0100 | d->multiple) : 0);
    id_word(buf, 60, (uint16_t)lba28);
    id_word(buf, 61, (uint16_t)(lba28 >> 16));
    id_word(buf, 64, 0x0003);       /* PIO modes 3 and 4 */
    id_word(buf, 67, 120);          /* min PIO cycle without / with IORDY, ns */
    id_word(buf, 68, 120);
    id_word(buf, 80, 0x0078);       /* ATA-3 to ATA/ATAPI-6 */
    id_word(buf, 81, 0x0000);       /* minor version not reported */
    id_word(buf, 82, 0x0020);       /* write cache */
    id_word(buf, 83, 0x7400);       /* FLUSH CACHE EXT, FLUSH CACHE, 48-bit */
    id_word(buf, 84, 0x4000);
    id_word(buf, 85, d->write_cache ? 0x0020 : 0x0000);
    id_word(buf, 86, 0x3400);
    id_word(buf, 87, 0x4000);
    for (unsigned i = 0; i < 4; i++)
        id_word(buf, 100 + i, (uint16_t)(d->total_sectors >> (16 * i)));
    /* Integrity word: signature A5h, then a checksum making all 512
     * bytes sum to zero (IDENTIFY word 255). */
    buf[510] = 0xA5;
    uint8_t sum = 0;
    for (unsigned i = 0; i < 511; i++)
        sum = (uint8_t)(sum + buf[i]);
    buf[511] = (uint8_t)(0x100u - sum);
}
