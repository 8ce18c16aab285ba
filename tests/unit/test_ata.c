/*
 * test_ata.c - Check unit tests for the ATA channel (devices/ata.c),
 * driven through the port bus at 1F0h-1F7h / 3F6h as a guest driver
 * would.  Expected values come from ATA/ATAPI-6: IDENTIFY DEVICE words
 * (default and current CHS, LBA28 and LBA48 capacity, multiple-sector
 * words, feature bits, byte-swapped strings, the integrity word), the
 * same sector reached by CHS, LBA28 and LBA48, PIO data-in/out block and
 * interrupt sequencing in single and multiple mode, the HOB FIFO, the
 * error outputs (ABRT, IDNF with the failing address, UNC), nIEN, the
 * SRST signature, 32-bit data port access, and a device-0-only channel.
 *
 * Sector k of a test disk is filled with a pattern naming k.
 */
#define _FILE_OFFSET_BITS 64
#define _POSIX_C_SOURCE 200809L

#include "devices/ata.h"

#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "devices/disk_image.h"
#include "mem/ports.h"

#define BASE 0x1F0u
#define CTL 0x3F6u
#define SECTOR 512u

static struct port_bus *pb;
static struct ata_channel ch;
static bool irq_level;
static unsigned irq_rises;
static struct disk_image *disks[2];
static char tmp_path[256];

static void irq_set_cb(void *opaque, unsigned pin, bool level)
{
    (void)opaque;
    ck_assert_uint_eq(pin, 14);
    if (level && !irq_level)
        irq_rises++;
    irq_level = level;
}

static uint8_t pattern(uint64_t sector, unsigned byte)
{
    return (uint8_t)(sector * 13u + byte * 3u + (sector >> 8) + (sector >> 24));
}

static bool sector_is(const uint8_t *buf, uint64_t sector)
{
    for (unsigned i = 0; i < SECTOR; i++)
        if (buf[i] != pattern(sector, i))
            return false;
    return true;
}

static struct disk_image *pattern_disk(uint32_t sectors, bool read_only)
{
    uint8_t *data = malloc((size_t)sectors * SECTOR);
    ck_assert_ptr_nonnull(data);
    for (uint32_t k = 0; k < sectors; k++)
        for (unsigned i = 0; i < SECTOR; i++)
            data[(size_t)k * SECTOR + i] = pattern(k, i);
    struct disk_image *img = disk_image_from_buffer(data, (size_t)sectors * SECTOR, read_only);
    free(data);
    ck_assert_ptr_nonnull(img);
    return img;
}

/* A sparse file of `sectors` sectors; NULL if the host cannot make it. */
static struct disk_image *sparse_disk(uint64_t sectors)
{
    const char *dir = getenv("TMPDIR");
    snprintf(tmp_path, sizeof tmp_path, "%s/softpc_ata_XXXXXX", dir != NULL ? dir : "/tmp");
    int fd = mkstemp(tmp_path);
    ck_assert_int_ge(fd, 0);
    bool ok = ftruncate(fd, (off_t)(sectors * SECTOR)) == 0;
    close(fd);
    if (!ok)
        return NULL;
    char err[300];
    struct disk_image *img = disk_image_open(tmp_path, false, false, err, sizeof err);
    ck_assert_msg(img != NULL, "%s", err);
    return img;
}

static void setup(void)
{
    pb = ports_create();
    ck_assert_ptr_nonnull(pb);
    irq_level = false;
    irq_rises = 0;
    ata_channel_init(&ch, irq_line_make(irq_set_cb, NULL, 14));
    ck_assert(ata_channel_attach(&ch, pb, BASE, CTL));
    disks[0] = disks[1] = NULL;
    tmp_path[0] = '\0';
}

static void teardown(void)
{
    ports_destroy(pb);
    disk_image_close(disks[0]);
    disk_image_close(disks[1]);
    if (tmp_path[0] != '\0')
        unlink(tmp_path);
}

static void attach(unsigned unit, struct disk_image *img)
{
    disks[unit] = img;
    ata_attach_drive(&ch, unit, img);
}

static uint8_t inb(unsigned reg) { return (uint8_t)ports_read(pb, (uint16_t)(BASE + reg), 1); }
static void outb(unsigned reg, uint8_t v) { ports_write(pb, (uint16_t)(BASE + reg), 1, v); }
static uint16_t inw_data(void) { return (uint16_t)ports_read(pb, BASE, 2); }
static void outw_data(uint16_t v) { ports_write(pb, BASE, 2, v); }
static uint8_t altstatus(void) { return (uint8_t)ports_read(pb, CTL, 1); }
static void devctl(uint8_t v) { ports_write(pb, CTL, 1, v); }

static uint8_t status(void) { return inb(ATA_REG_STATUS); }

/* Reads one 512-byte block through the 16-bit data port. */
static void read_block(uint8_t *buf)
{
    for (unsigned i = 0; i < SECTOR; i += 2) {
        uint16_t w = inw_data();
        buf[i] = (uint8_t)w;
        buf[i + 1] = (uint8_t)(w >> 8);
    }
}

static void write_block(const uint8_t *buf)
{
    for (unsigned i = 0; i < SECTOR; i += 2)
        outw_data((uint16_t)(buf[i] | buf[i + 1] << 8));
}

static void identify(unsigned unit, uint16_t *id)
{
    outb(ATA_REG_DEVICE, (uint8_t)(0xA0 | (unit << 4)));
    outb(ATA_REG_STATUS, 0xEC);
    ck_assert_uint_eq(altstatus() & (ATA_SR_BSY | ATA_SR_DRQ | ATA_SR_ERR), ATA_SR_DRQ);
    for (unsigned i = 0; i < 256; i++)
        id[i] = inw_data();
}

static uint32_t id_dword(const uint16_t *id, unsigned w)
{
    return id[w] | (uint32_t)id[w + 1] << 16;
}

static void id_string(const uint16_t *id, unsigned w, unsigned words, char *out)
{
    for (unsigned i = 0; i < words; i++) {
        out[2 * i] = (char)(id[w + i] >> 8);
        out[2 * i + 1] = (char)(id[w + i] & 0xFF);
    }
    out[2 * words] = '\0';
}

/* LBA28 task file for the master. */
static void set_lba28(uint32_t lba, uint8_t count)
{
    outb(ATA_REG_COUNT, count);
    outb(ATA_REG_LBA_LOW, (uint8_t)lba);
    outb(ATA_REG_LBA_MID, (uint8_t)(lba >> 8));
    outb(ATA_REG_LBA_HIGH, (uint8_t)(lba >> 16));
    outb(ATA_REG_DEVICE, (uint8_t)(0xE0 | ((lba >> 24) & 0x0F)));
}

/* LBA48: previous (high) bytes first, then current. */
static void set_lba48(uint64_t lba, uint16_t count)
{
    outb(ATA_REG_COUNT, (uint8_t)(count >> 8));
    outb(ATA_REG_LBA_LOW, (uint8_t)(lba >> 24));
    outb(ATA_REG_LBA_MID, (uint8_t)(lba >> 32));
    outb(ATA_REG_LBA_HIGH, (uint8_t)(lba >> 40));
    outb(ATA_REG_COUNT, (uint8_t)count);
    outb(ATA_REG_LBA_LOW, (uint8_t)lba);
    outb(ATA_REG_LBA_MID, (uint8_t)(lba >> 8));
    outb(ATA_REG_LBA_HIGH, (uint8_t)(lba >> 16));
    outb(ATA_REG_DEVICE, 0x40);
}

static void set_chs(unsigned cyl, unsigned head, unsigned sector, uint8_t count)
{
    outb(ATA_REG_COUNT, count);
    outb(ATA_REG_LBA_LOW, (uint8_t)sector);
    outb(ATA_REG_LBA_MID, (uint8_t)cyl);
    outb(ATA_REG_LBA_HIGH, (uint8_t)(cyl >> 8));
    outb(ATA_REG_DEVICE, (uint8_t)(0xA0 | head));
}

/* The status after a non-data command, which must have interrupted. */
static uint8_t finish_nodata(void)
{
    ck_assert(irq_level);
    uint8_t st = status();
    ck_assert(!irq_level);
    return st;
}

#define ST_OK (ATA_SR_DRDY | ATA_SR_DSC)
#define ST_DRQ (ATA_SR_DRDY | ATA_SR_DSC | ATA_SR_DRQ)
#define ST_ERR (ATA_SR_DRDY | ATA_SR_DSC | ATA_SR_ERR)

/* ------------------------------------------------------------------ */

START_TEST(test_identify_small_disk)
{
    attach(0, pattern_disk(20480, false)); /* 10 MiB */
    uint16_t id[256];
    identify(0, id);
    ck_assert_uint_eq(irq_rises, 1);
    ck_assert_uint_eq(id[0] & 0x8000, 0);                /* ATA, not ATAPI */
    ck_assert_uint_eq(id[1], 20);                        /* 20480 / (16 * 63) */
    ck_assert_uint_eq(id[3], 16);
    ck_assert_uint_eq(id[6], 63);
    ck_assert_uint_eq(id[47], 0x8010);                   /* 80h, 16 sectors */
    ck_assert_uint_ne(id[49] & (1u << 9), 0);            /* LBA */
    ck_assert_uint_eq(id[50] & 0xC000, 0x4000);
    ck_assert_uint_ne(id[53] & 1u, 0);                   /* words 54-58 valid */
    ck_assert_uint_eq(id[54], 20);
    ck_assert_uint_eq(id[55], 16);
    ck_assert_uint_eq(id[56], 63);
    ck_assert_uint_eq(id_dword(id, 57), 20u * 16u * 63u);
    ck_assert_uint_eq(id[59] & 0x0100, 0);               /* multiple off at power-on */
    ck_assert_uint_eq(id_dword(id, 60), 20480);
    ck_assert_uint_ne(id[80] & (1u << 6), 0);            /* ATA/ATAPI-6 */
    ck_assert_uint_eq(id[83] & 0xC000, 0x4000);
    ck_assert_uint_ne(id[83] & (1u << 10), 0);           /* 48-bit supported */
    ck_assert_uint_ne(id[83] & (1u << 12), 0);           /* FLUSH CACHE */
    ck_assert_uint_ne(id[86] & (1u << 10), 0);           /* 48-bit enabled */
    ck_assert_uint_eq(id[87] & 0xC000, 0x4000);
    ck_assert_uint_eq(id_dword(id, 100), 20480);
    ck_assert_uint_eq(id_dword(id, 102), 0);
    char model[41], serial[21], fw[9];
    id_string(id, 27, 20, model);
    ck_assert_str_eq(model, "softpc HARDDISK                         ");
    id_string(id, 10, 10, serial);
    ck_assert_uint_ne(serial[0], ' ');
    id_string(id, 23, 4, fw);
    ck_assert_uint_ne(fw[0], ' ');
    /* Integrity word: A5h signature, all 512 bytes sum to 0 mod 256. */
    ck_assert_uint_eq(id[255] & 0xFF, 0xA5);
    unsigned sum = 0;
    for (unsigned i = 0; i < 256; i++)
        sum += (id[i] & 0xFFu) + (id[i] >> 8);
    ck_assert_uint_eq(sum & 0xFF, 0);
    /* PIO data-in: no interrupt when the last block has been read. */
    ck_assert_uint_eq(altstatus(), ST_OK);
    ck_assert_uint_eq(irq_rises, 1);
}
END_TEST

START_TEST(test_identify_interrupt_and_status)
{
    attach(0, pattern_disk(64, false));
    outb(ATA_REG_DEVICE, 0xA0);
    outb(ATA_REG_STATUS, 0xEC);
    ck_assert(irq_level);
    ck_assert_uint_eq(altstatus(), ST_DRQ);
    ck_assert(irq_level);                /* alternate status does not acknowledge */
    ck_assert_uint_eq(status(), ST_DRQ);
    ck_assert(!irq_level);               /* status does */
    for (unsigned i = 0; i < 255; i++)
        inw_data();
    ck_assert_uint_eq(altstatus(), ST_DRQ);
    inw_data();
    ck_assert_uint_eq(altstatus(), ST_OK);
    ck_assert(!irq_level);
}
END_TEST

struct geometry_case {
    uint64_t sectors;
    uint16_t cyl;
    uint32_t lba28;
    uint32_t cur_capacity;
};

/* Default geometry and capacities for several sizes, on sparse files
 * (IDENTIFY reads nothing from them). */
START_TEST(test_identify_geometry_sizes)
{
    static const struct geometry_case cases[] = {
        { 1032192, 1024, 1032192, 1032192 },                 /* 504 MiB: 1024 x 16 x 63 */
        { 2000000, 1984, 2000000, 1984u * 1008u },           /* rounds down */
        { 16514064, 16383, 16514064, 16514064 },             /* the CHS limit */
        { 16777216, 16383, 16777216, 16514064 },             /* 8 GiB: capped */
        { UINT64_C(335544320), 16383, 0x0FFFFFFF, 16514064 },/* 160 GiB: past LBA28 */
    };
    const struct geometry_case *c = &cases[_i];
    struct disk_image *img = sparse_disk(c->sectors);
    if (img == NULL)
        return; /* the host cannot make a sparse file that big */
    attach(0, img);
    uint16_t id[256];
    identify(0, id);
    ck_assert_uint_eq(id[1], c->cyl);
    ck_assert_uint_eq(id[3], 16);
    ck_assert_uint_eq(id[6], 63);
    ck_assert_uint_eq(id[54], c->cyl);
    ck_assert_uint_eq(id_dword(id, 57), c->cur_capacity);
    ck_assert_uint_eq(id_dword(id, 60), c->lba28);
    uint64_t lba48 = id_dword(id, 100) | (uint64_t)id_dword(id, 102) << 32;
    ck_assert_uint_eq(lba48, c->sectors);
}
END_TEST

/* LBA 5000 on a 16 x 63 disk is cylinder 4, head 15, sector 24. */
START_TEST(test_same_sector_three_ways)
{
    attach(0, pattern_disk(20480, false));
    uint8_t buf[SECTOR];

    set_chs(4, 15, 24, 1);
    outb(ATA_REG_STATUS, 0x20);
    ck_assert_uint_eq(status(), ST_DRQ);
    read_block(buf);
    ck_assert(sector_is(buf, 5000));

    set_lba28(5000, 1);
    outb(ATA_REG_STATUS, 0x21);
    ck_assert_uint_eq(status(), ST_DRQ);
    read_block(buf);
    ck_assert(sector_is(buf, 5000));

    set_lba48(5000, 1);
    outb(ATA_REG_STATUS, 0x24);
    ck_assert_uint_eq(status(), ST_DRQ);
    read_block(buf);
    ck_assert(sector_is(buf, 5000));
    ck_assert_uint_eq(altstatus(), ST_OK);
    ck_assert_uint_eq(irq_rises, 3);
}
END_TEST

START_TEST(test_read_several_sectors)
{
    attach(0, pattern_disk(256, false));
    uint8_t buf[SECTOR];
    set_lba28(10, 3);
    outb(ATA_REG_STATUS, 0x20);
    for (unsigned k = 0; k < 3; k++) {
        ck_assert_msg(irq_level, "block %u", k);      /* one interrupt per block */
        ck_assert_uint_eq(status(), ST_DRQ);
        read_block(buf);
        ck_assert(sector_is(buf, 10 + k));
    }
    ck_assert(!irq_level);
    ck_assert_uint_eq(altstatus(), ST_OK);
    ck_assert_uint_eq(irq_rises, 3);
    /* Count 0 means 256 sectors. */
    set_lba28(0, 0);
    outb(ATA_REG_STATUS, 0x20);
    for (unsigned k = 0; k < 256; k++) {
        ck_assert_uint_eq(status(), ST_DRQ);
        read_block(buf);
        ck_assert(sector_is(buf, k));
    }
    ck_assert_uint_eq(altstatus(), ST_OK);
}
END_TEST

START_TEST(test_write_sectors)
{
    attach(0, pattern_disk(256, false));
    uint8_t buf[SECTOR], back[SECTOR];
    set_lba28(40, 2);
    outb(ATA_REG_STATUS, 0x30);
    /* PIO data-out: DRQ for the first block without an interrupt. */
    ck_assert(!irq_level);
    ck_assert_uint_eq(altstatus(), ST_DRQ);
    for (unsigned i = 0; i < SECTOR; i++)
        buf[i] = pattern(200, i);
    write_block(buf);
    ck_assert(irq_level);                               /* second block wanted */
    ck_assert_uint_eq(status(), ST_DRQ);
    for (unsigned i = 0; i < SECTOR; i++)
        buf[i] = pattern(201, i);
    write_block(buf);
    ck_assert(irq_level);                               /* command complete */
    ck_assert_uint_eq(status(), ST_OK);
    ck_assert(disk_image_read(disks[0], 40, 1, back));
    ck_assert(sector_is(back, 200));
    ck_assert(disk_image_read(disks[0], 41, 1, back));
    ck_assert(sector_is(back, 201));
    ck_assert(disk_image_read(disks[0], 42, 1, back));
    ck_assert(sector_is(back, 42));
    /* Read back through CHS: LBA 41 is C0 H0 S42. */
    set_chs(0, 0, 42, 1);
    outb(ATA_REG_STATUS, 0x20);
    read_block(back);
    ck_assert(sector_is(back, 201));
}
END_TEST

/* An LBA past 2^28 on a sparse 160 GiB file: the HOB bytes matter. */
START_TEST(test_lba48_high_address)
{
    struct disk_image *img = sparse_disk(UINT64_C(335544320));
    if (img == NULL)
        return;
    attach(0, img);
    const uint64_t lba = UINT64_C(0x12345678);
    uint8_t buf[SECTOR], back[SECTOR];
    for (unsigned i = 0; i < SECTOR; i++)
        buf[i] = pattern(lba, i);
    set_lba48(lba, 1);
    outb(ATA_REG_STATUS, 0x34);
    ck_assert_uint_eq(status(), ST_DRQ);
    write_block(buf);
    ck_assert_uint_eq(finish_nodata(), ST_OK);
    ck_assert(disk_image_read(img, lba, 1, back));
    ck_assert(sector_is(back, lba));
    ck_assert(disk_image_read(img, lba & 0x0FFFFFFF, 1, back));
    ck_assert(!sector_is(back, lba));                   /* not truncated to 28 bits */
    set_lba48(lba, 1);
    outb(ATA_REG_STATUS, 0x24);
    ck_assert_uint_eq(status(), ST_DRQ);
    read_block(back);
    ck_assert(sector_is(back, lba));
    /* READ NATIVE MAX ADDRESS EXT: the last LBA, in current and HOB. */
    outb(ATA_REG_DEVICE, 0x40);
    outb(ATA_REG_STATUS, 0x27);
    ck_assert_uint_eq(finish_nodata(), ST_OK);
    uint64_t max = inb(3) | (uint64_t)inb(4) << 8 | (uint64_t)inb(5) << 16;
    devctl(ATA_DC_HOB);
    max |= (uint64_t)inb(3) << 24 | (uint64_t)inb(4) << 32 | (uint64_t)inb(5) << 40;
    devctl(0);
    ck_assert_uint_eq(max, UINT64_C(335544320) - 1);
    /* READ NATIVE MAX ADDRESS (28-bit) stops at 0FFFFFFFh. */
    outb(ATA_REG_DEVICE, 0x40);
    outb(ATA_REG_STATUS, 0xF8);
    ck_assert_uint_eq(finish_nodata(), ST_OK);
    ck_assert_uint_eq(inb(3) | inb(4) << 8 | inb(5) << 16 | (inb(6) & 0x0F) << 24,
                      0x0FFFFFFF);
}
END_TEST

START_TEST(test_multiple_mode)
{
    attach(0, pattern_disk(256, false));
    uint8_t buf[SECTOR];
    uint16_t id[256];
    /* READ MULTIPLE before SET MULTIPLE MODE aborts. */
    set_lba28(0, 4);
    outb(ATA_REG_STATUS, 0xC4);
    ck_assert_uint_eq(finish_nodata(), ST_ERR);
    ck_assert_uint_eq(inb(ATA_REG_ERROR), ATA_ER_ABRT);
    /* 3 is not a supported block size; 32 is above word 47. */
    outb(ATA_REG_COUNT, 3);
    outb(ATA_REG_STATUS, 0xC6);
    ck_assert_uint_eq(finish_nodata(), ST_ERR);
    outb(ATA_REG_COUNT, 32);
    outb(ATA_REG_STATUS, 0xC6);
    ck_assert_uint_eq(finish_nodata(), ST_ERR);
    outb(ATA_REG_COUNT, 4);
    outb(ATA_REG_STATUS, 0xC6);
    ck_assert_uint_eq(finish_nodata(), ST_OK);
    identify(0, id);
    status();
    ck_assert_uint_eq(id[59], 0x0104);
    /* READ MULTIPLE of 10: blocks of 4, 4, 2, one interrupt each. */
    irq_rises = 0;
    set_lba28(20, 10);
    outb(ATA_REG_STATUS, 0xC4);
    unsigned sector = 20;
    for (unsigned block = 0; block < 3; block++) {
        ck_assert(irq_level);
        ck_assert_uint_eq(status(), ST_DRQ);
        unsigned n = block < 2 ? 4 : 2;
        for (unsigned k = 0; k < n; k++) {
            ck_assert_uint_eq(altstatus(), ST_DRQ);     /* DRQ stays up through the block */
            ck_assert(!irq_level);
            read_block(buf);
            ck_assert(sector_is(buf, sector++));
        }
    }
    ck_assert_uint_eq(irq_rises, 3);
    ck_assert_uint_eq(altstatus(), ST_OK);
    /* WRITE MULTIPLE EXT of 6: first block without interrupt, then one
     * for the second block and one at completion. */
    irq_rises = 0;
    set_lba48(100, 6);
    outb(ATA_REG_STATUS, 0x39);
    ck_assert(!irq_level);
    for (unsigned k = 0; k < 6; k++) {
        for (unsigned i = 0; i < SECTOR; i++)
            buf[i] = pattern(300 + k, i);
        ck_assert_uint_eq(altstatus(), ST_DRQ);
        write_block(buf);
        if (k == 3)
            ck_assert(irq_level && (status() == ST_DRQ));
    }
    ck_assert_uint_eq(finish_nodata(), ST_OK);
    ck_assert_uint_eq(irq_rises, 2);
    for (unsigned k = 0; k < 6; k++) {
        ck_assert(disk_image_read(disks[0], 100 + k, 1, buf));
        ck_assert(sector_is(buf, 300 + k));
    }
    /* Count 0 turns multiple mode off again. */
    outb(ATA_REG_COUNT, 0);
    outb(ATA_REG_STATUS, 0xC6);
    ck_assert_uint_eq(finish_nodata(), ST_OK);
    set_lba28(0, 1);
    outb(ATA_REG_STATUS, 0xC5);
    ck_assert_uint_eq(finish_nodata(), ST_ERR);
}
END_TEST

START_TEST(test_hob_fifo)
{
    attach(0, pattern_disk(64, false));
    static const unsigned regs[4] = { ATA_REG_COUNT, ATA_REG_LBA_LOW, ATA_REG_LBA_MID,
                                      ATA_REG_LBA_HIGH };
    for (unsigned r = 0; r < 4; r++) {
        outb(regs[r], (uint8_t)(0x10 + r));
        outb(regs[r], (uint8_t)(0x20 + r));
    }
    for (unsigned r = 0; r < 4; r++)
        ck_assert_uint_eq(inb(regs[r]), 0x20 + r);
    devctl(ATA_DC_HOB);
    for (unsigned r = 0; r < 4; r++)
        ck_assert_uint_eq(inb(regs[r]), 0x10 + r);      /* the previous values */
    ck_assert_uint_eq(inb(ATA_REG_DEVICE), 0x00);       /* no FIFO behind device */
    /* A write to any command block register clears HOB (ATA-6, device control register). */
    outb(ATA_REG_DEVICE, 0xA0);
    ck_assert_uint_eq(inb(ATA_REG_COUNT), 0x20);
    /* A 16-bit write to count/LBA low lands in both, in port order. */
    ports_write(pb, BASE + ATA_REG_COUNT, 2, 0x5566);
    ck_assert_uint_eq(inb(ATA_REG_COUNT), 0x66);
    ck_assert_uint_eq(inb(ATA_REG_LBA_LOW), 0x55);
    devctl(ATA_DC_HOB);
    ck_assert_uint_eq(inb(ATA_REG_COUNT), 0x20);
    ck_assert_uint_eq(inb(ATA_REG_LBA_LOW), 0x21);
    devctl(0);
}
END_TEST

START_TEST(test_abort_unknown)
{
    attach(0, pattern_disk(64, false));
    static const uint8_t bad[] = { 0xFF, 0xA1, 0xA0, 0x08, 0xC8, 0xCA, 0xE6, 0x00 };
    for (unsigned i = 0; i < sizeof bad; i++) {
        outb(ATA_REG_DEVICE, 0xA0);
        outb(ATA_REG_STATUS, bad[i]);
        ck_assert_msg(irq_level, "cmd %02X", bad[i]);
        ck_assert_uint_eq(status(), ST_ERR);
        ck_assert_uint_eq(inb(ATA_REG_ERROR), ATA_ER_ABRT);
    }
    /* A good command clears the error. */
    outb(ATA_REG_STATUS, 0xE7);
    ck_assert_uint_eq(finish_nodata(), ST_OK);
}
END_TEST

START_TEST(test_idnf)
{
    attach(0, pattern_disk(100, false));
    uint8_t buf[SECTOR];
    /* Starting past the end: no data, IDNF. */
    set_lba28(100, 1);
    outb(ATA_REG_STATUS, 0x20);
    ck_assert_uint_eq(finish_nodata(), ST_ERR);
    ck_assert_uint_eq(inb(ATA_REG_ERROR), ATA_ER_IDNF);
    set_lba28(100, 1);
    outb(ATA_REG_STATUS, 0x30);
    ck_assert_uint_eq(finish_nodata(), ST_ERR);
    ck_assert_uint_eq(inb(ATA_REG_ERROR), ATA_ER_IDNF);
    /* Running past the end: sector 99 comes, then IDNF at 100. */
    set_lba28(99, 2);
    outb(ATA_REG_STATUS, 0x20);
    ck_assert_uint_eq(status(), ST_DRQ);
    read_block(buf);
    ck_assert(sector_is(buf, 99));
    ck_assert_uint_eq(finish_nodata(), ST_ERR);
    ck_assert_uint_eq(inb(ATA_REG_ERROR), ATA_ER_IDNF);
    ck_assert_uint_eq(inb(3) | inb(4) << 8 | inb(5) << 16, 100); /* where it failed */
    /* CHS sector 0 does not exist; nor head 16, nor sector 64. */
    set_chs(0, 0, 0, 1);
    outb(ATA_REG_STATUS, 0x20);
    ck_assert_uint_eq(finish_nodata(), ST_ERR);
    ck_assert_uint_eq(inb(ATA_REG_ERROR), ATA_ER_IDNF);
    set_chs(0, 0, 64, 1);
    outb(ATA_REG_STATUS, 0x20);
    ck_assert_uint_eq(finish_nodata(), ST_ERR);
    /* LBA48 far beyond the disk, and READ VERIFY / SEEK past the end. */
    set_lba48(UINT64_C(0x100000000), 1);
    outb(ATA_REG_STATUS, 0x24);
    ck_assert_uint_eq(finish_nodata(), ST_ERR);
    ck_assert_uint_eq(inb(ATA_REG_ERROR), ATA_ER_IDNF);
    set_lba28(98, 5);
    outb(ATA_REG_STATUS, 0x40);
    ck_assert_uint_eq(finish_nodata(), ST_ERR);
    ck_assert_uint_eq(inb(ATA_REG_ERROR), ATA_ER_IDNF);
    ck_assert_uint_eq(inb(3), 100);
    set_lba28(98, 2);
    outb(ATA_REG_STATUS, 0x40);
    ck_assert_uint_eq(finish_nodata(), ST_OK);
    set_lba28(150, 0);
    outb(ATA_REG_STATUS, 0x70);
    ck_assert_uint_eq(finish_nodata(), ST_ERR);
    ck_assert_uint_eq(inb(ATA_REG_ERROR), ATA_ER_IDNF);
    set_lba28(50, 0);
    outb(ATA_REG_STATUS, 0x70);
    ck_assert_uint_eq(finish_nodata(), ST_OK);
}
END_TEST

/* A host read that fails (the image file shrank under the drive). */
START_TEST(test_unc_on_host_read_failure)
{
    struct disk_image *img = sparse_disk(8);
    ck_assert_ptr_nonnull(img);
    attach(0, img);
    ck_assert_int_eq(truncate(tmp_path, 4 * SECTOR), 0);
    uint8_t buf[SECTOR];
    set_lba28(2, 1);
    outb(ATA_REG_STATUS, 0x20);
    ck_assert_uint_eq(status(), ST_DRQ);
    read_block(buf);
    set_lba28(5, 1);
    outb(ATA_REG_STATUS, 0x20);
    ck_assert_uint_eq(finish_nodata(), ST_ERR);
    ck_assert_uint_eq(inb(ATA_REG_ERROR), ATA_ER_UNC);
    ck_assert_uint_eq(inb(ATA_REG_LBA_LOW), 5);
}
END_TEST

START_TEST(test_read_only_write_aborts)
{
    attach(0, pattern_disk(16, true));
    uint8_t buf[SECTOR] = { 0 };
    set_lba28(3, 1);
    outb(ATA_REG_STATUS, 0x30);
    ck_assert_uint_eq(altstatus(), ST_DRQ);
    write_block(buf);
    ck_assert_uint_eq(finish_nodata(), ST_ERR);
    ck_assert_uint_eq(inb(ATA_REG_ERROR), ATA_ER_ABRT);
    ck_assert(disk_image_read(disks[0], 3, 1, buf));
    ck_assert(sector_is(buf, 3));
}
END_TEST

START_TEST(test_nien)
{
    attach(0, pattern_disk(16, false));
    devctl(ATA_DC_NIEN);
    outb(ATA_REG_DEVICE, 0xA0);
    outb(ATA_REG_STATUS, 0xE7);
    ck_assert(!irq_level);
    ck_assert_uint_eq(irq_rises, 0);
    /* The interrupt is still pending: enabling shows it. */
    devctl(0);
    ck_assert(irq_level);
    ck_assert_uint_eq(status(), ST_OK);
    ck_assert(!irq_level);
    /* Polled I/O with nIEN set: data moves, no interrupt ever. */
    devctl(ATA_DC_NIEN);
    uint8_t buf[SECTOR];
    set_lba28(7, 2);
    outb(ATA_REG_STATUS, 0x20);
    for (unsigned k = 0; k < 2; k++) {
        ck_assert_uint_eq(status(), ST_DRQ);
        read_block(buf);
        ck_assert(sector_is(buf, 7 + k));
    }
    ck_assert_uint_eq(irq_rises, 1);
}
END_TEST

/* The ATA device signature after a reset or diagnostic (ATA-6, "Signature
 * and persistence"): count 01h, LBA low 01h, mid 00h, high 00h, device
 * 00h (unless written since); diagnostic code 01h in the error register. */
static void check_signature_dev(uint8_t device)
{
    ck_assert_uint_eq(inb(ATA_REG_COUNT), 0x01);
    ck_assert_uint_eq(inb(ATA_REG_LBA_LOW), 0x01);
    ck_assert_uint_eq(inb(ATA_REG_LBA_MID), 0x00);
    ck_assert_uint_eq(inb(ATA_REG_LBA_HIGH), 0x00);
    ck_assert_uint_eq(inb(ATA_REG_DEVICE), device);
    ck_assert_uint_eq(inb(ATA_REG_ERROR), 0x01);
}

static void check_signature(void)
{
    check_signature_dev(0x00);
}

START_TEST(test_srst_signature)
{
    attach(0, pattern_disk(16, false));
    attach(1, pattern_disk(16, false));
    set_lba28(9, 5);
    outb(ATA_REG_DEVICE, 0xF0);                        /* slave selected */
    outb(ATA_REG_STATUS, 0x20);                        /* a transfer in progress */
    ck_assert_uint_eq(status(), ST_DRQ);
    devctl(ATA_DC_SRST);
    ck_assert_uint_ne(altstatus() & ATA_SR_BSY, 0);
    outb(ATA_REG_STATUS, 0xEC);                        /* ignored while in reset */
    devctl(0);
    ck_assert(!irq_level);                             /* SRST does not interrupt */
    ck_assert_uint_eq(altstatus(), ST_OK);             /* transfer gone, master selected */
    check_signature();
    outb(ATA_REG_DEVICE, 0xB0);
    ck_assert_uint_eq(altstatus(), ST_OK);
    check_signature_dev(0xB0);                          /* the slave's own copy was reset */
    ck_assert_uint_eq(irq_rises, 1);
    /* Settings survive SRST (only a hardware reset restores defaults). */
    outb(ATA_REG_DEVICE, 0xA0);
    outb(ATA_REG_COUNT, 8);
    outb(ATA_REG_STATUS, 0xC6);
    status();
    devctl(ATA_DC_SRST);
    devctl(0);
    uint16_t id[256];
    identify(0, id);
    ck_assert_uint_eq(id[59], 0x0108);
    ata_channel_reset(&ch);
    identify(0, id);
    ck_assert_uint_eq(id[59] & 0x0100, 0);
}
END_TEST

START_TEST(test_data_port_32bit)
{
    attach(0, pattern_disk(32, false));
    uint16_t id16[256];
    identify(0, id16);
    outb(ATA_REG_STATUS, 0xEC);
    for (unsigned i = 0; i < 128; i++) {
        uint32_t d = ports_read(pb, BASE, 4);
        ck_assert_uint_eq(d & 0xFFFF, id16[2 * i]);
        ck_assert_uint_eq(d >> 16, id16[2 * i + 1]);
    }
    ck_assert_uint_eq(altstatus(), ST_OK);
    /* Write a sector with 32-bit OUTs, read it with 32-bit INs. */
    uint8_t buf[SECTOR];
    set_lba28(12, 1);
    outb(ATA_REG_STATUS, 0x30);
    for (unsigned i = 0; i < SECTOR; i += 4)
        ports_write(pb, BASE, 4, (uint32_t)pattern(99, i) | (uint32_t)pattern(99, i + 1) << 8 |
                                     (uint32_t)pattern(99, i + 2) << 16 |
                                     (uint32_t)pattern(99, i + 3) << 24);
    ck_assert_uint_eq(finish_nodata(), ST_OK);
    ck_assert(disk_image_read(disks[0], 12, 1, buf));
    ck_assert(sector_is(buf, 99));
    set_lba28(12, 1);
    outb(ATA_REG_STATUS, 0x20);
    status();
    for (unsigned i = 0; i < SECTOR; i += 4) {
        uint32_t d = ports_read(pb, BASE, 4);
        for (unsigned b = 0; b < 4; b++)
            buf[i + b] = (uint8_t)(d >> (8 * b));
    }
    ck_assert(sector_is(buf, 99));
    ck_assert_uint_eq(altstatus(), ST_OK);
}
END_TEST

START_TEST(test_missing_slave)
{
    attach(0, pattern_disk(16, false));
    outb(ATA_REG_DEVICE, 0xB0);
    /* Status and alternate status read 00h for the absent device 1. */
    ck_assert_uint_eq(status(), 0x00);
    ck_assert_uint_eq(altstatus(), 0x00);
    /* The other registers answer as device 0 holds them. */
    outb(ATA_REG_COUNT, 0x55);
    outb(ATA_REG_LBA_LOW, 0xAA);
    ck_assert_uint_eq(inb(ATA_REG_COUNT), 0x55);
    ck_assert_uint_eq(inb(ATA_REG_LBA_LOW), 0xAA);
    ck_assert_uint_eq(inb(ATA_REG_DEVICE), 0xB0);
    /* A command for device 1 goes nowhere. */
    outb(ATA_REG_STATUS, 0xEC);
    ck_assert(!irq_level);
    ck_assert_uint_eq(status(), 0x00);
    ck_assert_uint_eq(ports_read(pb, BASE, 2), 0xFFFF);
    outb(ATA_REG_DEVICE, 0xA0);
    ck_assert_uint_eq(status(), ST_OK);                /* device 0 did not run it */
    /* EXECUTE DEVICE DIAGNOSTIC with device 1 selected: device 0 runs it,
     * interrupts, and ends selected with the signature. */
    outb(ATA_REG_DEVICE, 0xB0);
    outb(ATA_REG_STATUS, 0x90);
    ck_assert(irq_level);
    ck_assert_uint_eq(status(), ST_OK);
    check_signature();
}
END_TEST

START_TEST(test_two_drives)
{
    attach(0, pattern_disk(16, false));
    attach(1, pattern_disk(64, false));
    uint16_t id[256];
    identify(1, id);
    ck_assert_uint_eq(id_dword(id, 60), 64);
    identify(0, id);
    ck_assert_uint_eq(id_dword(id, 60), 16);
    char s0[21], s1[21];
    id_string(id, 10, 10, s0);
    identify(1, id);
    id_string(id, 10, 10, s1);
    ck_assert_str_ne(s0, s1);                          /* serials differ */
    /* Sector 40 exists only on the slave. */
    uint8_t buf[SECTOR];
    set_lba28(40, 1);
    outb(ATA_REG_DEVICE, 0xF0);
    outb(ATA_REG_STATUS, 0x20);
    ck_assert_uint_eq(status(), ST_DRQ);
    read_block(buf);
    ck_assert(sector_is(buf, 40));
    /* INTRQ follows the selected drive: the master's interrupt shows
     * only while the master is selected. */
    set_lba28(0, 0);                                   /* selects the master */
    outb(ATA_REG_STATUS, 0xE7);
    ck_assert(irq_level);
    outb(ATA_REG_DEVICE, 0xF0);
    ck_assert(!irq_level);
    ck_assert_uint_eq(status(), ST_OK);                /* the slave's status */
    outb(ATA_REG_DEVICE, 0xE0);
    ck_assert(irq_level);
    status();
    ck_assert(!irq_level);
}
END_TEST

START_TEST(test_empty_channel)
{
    for (unsigned r = 1; r < 8; r++)
        ck_assert_uint_eq(inb(r), 0x7F);
    ck_assert_uint_eq(altstatus(), 0x7F);
    outb(ATA_REG_COUNT, 0x55);
    ck_assert_uint_eq(inb(ATA_REG_COUNT), 0x7F);       /* nothing latches */
    outb(ATA_REG_STATUS, 0xEC);
    outb(ATA_REG_STATUS, 0x90);
    ck_assert(!irq_level);
    ck_assert_uint_eq(irq_rises, 0);
    devctl(ATA_DC_SRST);
    devctl(0);
    ck_assert_uint_eq(inb(ATA_REG_STATUS), 0x7F);
}
END_TEST

START_TEST(test_initialize_device_parameters)
{
    attach(0, pattern_disk(20480, false));
    /* 8 heads (device bits 3-0 = 7), 32 sectors per track. */
    outb(ATA_REG_COUNT, 32);
    outb(ATA_REG_DEVICE, 0xA7);
    outb(ATA_REG_STATUS, 0x91);
    ck_assert_uint_eq(finish_nodata(), ST_OK);
    uint16_t id[256];
    identify(0, id);
    ck_assert_uint_eq(id[1], 20);                      /* default geometry unchanged */
    ck_assert_uint_eq(id[54], 80);                     /* 20480 / (8 * 32) */
    ck_assert_uint_eq(id[55], 8);
    ck_assert_uint_eq(id[56], 32);
    ck_assert_uint_eq(id_dword(id, 57), 80u * 8u * 32u);
    /* C2 H3 S5 is now LBA (2 * 8 + 3) * 32 + 4 = 612. */
    uint8_t buf[SECTOR];
    set_chs(2, 3, 5, 1);
    outb(ATA_REG_STATUS, 0x20);
    ck_assert_uint_eq(status(), ST_DRQ);
    read_block(buf);
    ck_assert(sector_is(buf, 612));
    /* Head 8 and sector 33 are outside the new translation. */
    set_chs(0, 8, 1, 1);
    outb(ATA_REG_STATUS, 0x20);
    ck_assert_uint_eq(finish_nodata(), ST_ERR);
    ck_assert_uint_eq(inb(ATA_REG_ERROR), ATA_ER_IDNF);
    set_chs(0, 0, 33, 1);
    outb(ATA_REG_STATUS, 0x20);
    ck_assert_uint_eq(finish_nodata(), ST_ERR);
    /* 0 sectors per track is refused. */
    outb(ATA_REG_COUNT, 0);
    outb(ATA_REG_DEVICE, 0xAF);
    outb(ATA_REG_STATUS, 0x91);
    ck_assert_uint_eq(finish_nodata(), ST_ERR);
    ck_assert_uint_eq(inb(ATA_REG_ERROR), ATA_ER_ABRT);
}
END_TEST

START_TEST(test_features_power_flush)
{
    attach(0, pattern_disk(32, false));
    uint16_t id[256];
    identify(0, id);
    ck_assert_uint_ne(id[82] & (1u << 5), 0);          /* write cache supported */
    ck_assert_uint_ne(id[85] & (1u << 5), 0);          /* and enabled */
    outb(ATA_REG_ERROR, 0x82);
    outb(ATA_REG_STATUS, 0xEF);
    ck_assert_uint_eq(finish_nodata(), ST_OK);
    identify(0, id);
    ck_assert_uint_eq(id[85] & (1u << 5), 0);
    /* Transfer mode: PIO 4 (0Ch) accepted; UDMA 2 (42h) refused. */
    outb(ATA_REG_ERROR, 0x03);
    outb(ATA_REG_COUNT, 0x0C);
    outb(ATA_REG_STATUS, 0xEF);
    ck_assert_uint_eq(finish_nodata(), ST_OK);
    outb(ATA_REG_ERROR, 0x03);
    outb(ATA_REG_COUNT, 0x42);
    outb(ATA_REG_STATUS, 0xEF);
    ck_assert_uint_eq(finish_nodata(), ST_ERR);
    ck_assert_uint_eq(inb(ATA_REG_ERROR), ATA_ER_ABRT);
    outb(ATA_REG_ERROR, 0x55);                       /* not offered */
    outb(ATA_REG_STATUS, 0xEF);
    ck_assert_uint_eq(finish_nodata(), ST_ERR);
    /* CHECK POWER MODE: FFh active, 00h after STANDBY IMMEDIATE. */
    outb(ATA_REG_STATUS, 0xE5);
    ck_assert_uint_eq(finish_nodata(), ST_OK);
    ck_assert_uint_eq(inb(ATA_REG_COUNT), 0xFF);
    outb(ATA_REG_STATUS, 0xE0);
    ck_assert_uint_eq(finish_nodata(), ST_OK);
    outb(ATA_REG_STATUS, 0x98);
    ck_assert_uint_eq(finish_nodata(), ST_OK);
    ck_assert_uint_eq(inb(ATA_REG_COUNT), 0x00);
    outb(ATA_REG_STATUS, 0xE1);
    ck_assert_uint_eq(finish_nodata(), ST_OK);
    outb(ATA_REG_STATUS, 0xE5);
    finish_nodata();
    ck_assert_uint_eq(inb(ATA_REG_COUNT), 0xFF);
    static const uint8_t ok[] = { 0xE7, 0xEA, 0x10, 0x1F, 0xE2, 0xE3, 0x94, 0x95, 0x96, 0x97 };
    for (unsigned i = 0; i < sizeof ok; i++) {
        outb(ATA_REG_STATUS, ok[i]);
        ck_assert_msg(finish_nodata() == ST_OK, "cmd %02X", ok[i]);
    }
    /* READ NATIVE MAX ADDRESS in LBA28 form. */
    outb(ATA_REG_DEVICE, 0xE0);
    outb(ATA_REG_STATUS, 0xF8);
    ck_assert_uint_eq(finish_nodata(), ST_OK);
    ck_assert_uint_eq(inb(ATA_REG_LBA_LOW), 31);
    ck_assert_uint_eq(inb(ATA_REG_LBA_MID), 0);
    ck_assert_uint_eq(inb(ATA_REG_DEVICE) & 0x0F, 0);
}
END_TEST

/* Guest nonsense never crashes: random writes and reads everywhere. */
START_TEST(test_fuzz_registers)
{
    attach(0, pattern_disk(8, false));
    uint32_t x = 12345;
    for (unsigned i = 0; i < 200000; i++) {
        x = x * 1103515245u + 12345u;
        unsigned port = (x >> 8) % 9u;
        unsigned size = 1u << ((x >> 20) % 3u);
        uint32_t v = x >> 3;
        if (port == 8) {
            if (x & 1u)
                devctl((uint8_t)(v & 0x86));
            else
                altstatus();
        } else if (x & 2u) {
            ports_write(pb, (uint16_t)(BASE + port), size, v);
        } else {
            ports_read(pb, (uint16_t)(BASE + port), size);
        }
    }
}
END_TEST

static Suite *ata_suite(void)
{
    Suite *s = suite_create("ata");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_identify_small_disk);
    tcase_add_test(tc, test_identify_interrupt_and_status);
    tcase_add_loop_test(tc, test_identify_geometry_sizes, 0, 5);
    tcase_add_test(tc, test_same_sector_three_ways);
    tcase_add_test(tc, test_read_several_sectors);
    tcase_add_test(tc, test_write_sectors);
    tcase_add_test(tc, test_lba48_high_address);
    tcase_add_test(tc, test_multiple_mode);
    tcase_add_test(tc, test_hob_fifo);
    tcase_add_test(tc, test_abort_unknown);
    tcase_add_test(tc, test_idnf);
    tcase_add_test(tc, test_unc_on_host_read_failure);
    tcase_add_test(tc, test_read_only_write_aborts);
    tcase_add_test(tc, test_nien);
    tcase_add_test(tc, test_srst_signature);
    tcase_add_test(tc, test_data_port_32bit);
    tcase_add_test(tc, test_missing_slave);
    tcase_add_test(tc, test_two_drives);
    tcase_add_test(tc, test_empty_channel);
    tcase_add_test(tc, test_initialize_device_parameters);
    tcase_add_test(tc, test_features_power_flush);
    tcase_add_test(tc, test_fuzz_registers);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(ata_suite());
    srunner_run_all(sr, CK_ENV); /* CK_VERBOSITY picks the detail */
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
