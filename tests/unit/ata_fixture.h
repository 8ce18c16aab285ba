/*
 * ata_fixture.h - what test_ata.c and test_ata_errors.c share: one ATA
 * channel at 1F0h-1F7h / 3F6h on a port bus, test disks whose sector k is
 * filled with a pattern naming k, port accessors as a guest driver uses
 * them, and task-file helpers (LBA28, LBA48, CHS).
 *
 * Include it once per test program (it defines the fixture's state).
 */
#ifndef SOFTPC_TESTS_UNIT_ATA_FIXTURE_H
#define SOFTPC_TESTS_UNIT_ATA_FIXTURE_H

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

static inline void irq_set_cb(void *opaque, unsigned pin, bool level)
{
    (void)opaque;
    ck_assert_uint_eq(pin, 14);
    if (level && !irq_level)
        irq_rises++;
    irq_level = level;
}

static inline uint8_t pattern(uint64_t sector, unsigned byte)
{
    return (uint8_t)(sector * 13u + byte * 3u + (sector >> 8) + (sector >> 24));
}

static inline bool sector_is(const uint8_t *buf, uint64_t sector)
{
    for (unsigned i = 0; i < SECTOR; i++)
        if (buf[i] != pattern(sector, i))
            return false;
    return true;
}

static inline struct disk_image *pattern_disk(uint32_t sectors, bool read_only)
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
static inline struct disk_image *sparse_disk(uint64_t sectors)
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

static inline void setup(void)
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

static inline void teardown(void)
{
    ports_destroy(pb);
    disk_image_close(disks[0]);
    disk_image_close(disks[1]);
    if (tmp_path[0] != '\0')
        unlink(tmp_path);
}

static inline void attach(unsigned unit, struct disk_image *img)
{
    disks[unit] = img;
    ata_attach_drive(&ch, unit, img);
}

static inline uint8_t inb(unsigned reg) { return (uint8_t)ports_read(pb, (uint16_t)(BASE + reg), 1); }
static inline void outb(unsigned reg, uint8_t v) { ports_write(pb, (uint16_t)(BASE + reg), 1, v); }
static inline uint16_t inw_data(void) { return (uint16_t)ports_read(pb, BASE, 2); }
static inline void outw_data(uint16_t v) { ports_write(pb, BASE, 2, v); }
static inline uint8_t altstatus(void) { return (uint8_t)ports_read(pb, CTL, 1); }
static inline void devctl(uint8_t v) { ports_write(pb, CTL, 1, v); }

static inline uint8_t status(void) { return inb(ATA_REG_STATUS); }

/* Reads one 512-byte block through the 16-bit data port. */
static inline void read_block(uint8_t *buf)
{
    for (unsigned i = 0; i < SECTOR; i += 2) {
        uint16_t w = inw_data();
        buf[i] = (uint8_t)w;
        buf[i + 1] = (uint8_t)(w >> 8);
    }
}

static inline void write_block(const uint8_t *buf)
{
    for (unsigned i = 0; i < SECTOR; i += 2)
        outw_data((uint16_t)(buf[i] | buf[i + 1] << 8));
}

static inline void identify(unsigned unit, uint16_t *id)
{
    outb(ATA_REG_DEVICE, (uint8_t)(0xA0 | (unit << 4)));
    outb(ATA_REG_STATUS, 0xEC);
    ck_assert_uint_eq(altstatus() & (ATA_SR_BSY | ATA_SR_DRQ | ATA_SR_ERR), ATA_SR_DRQ);
    for (unsigned i = 0; i < 256; i++)
        id[i] = inw_data();
}

static inline uint32_t id_dword(const uint16_t *id, unsigned w)
{
    return id[w] | (uint32_t)id[w + 1] << 16;
}

static inline void id_string(const uint16_t *id, unsigned w, unsigned words, char *out)
{
    for (unsigned i = 0; i < words; i++) {
        out[2 * i] = (char)(id[w + i] >> 8);
        out[2 * i + 1] = (char)(id[w + i] & 0xFF);
    }
    out[2 * words] = '\0';
}

/* LBA28 task file for the master. */
static inline void set_lba28(uint32_t lba, uint8_t count)
{
    outb(ATA_REG_COUNT, count);
    outb(ATA_REG_LBA_LOW, (uint8_t)lba);
    outb(ATA_REG_LBA_MID, (uint8_t)(lba >> 8));
    outb(ATA_REG_LBA_HIGH, (uint8_t)(lba >> 16));
    outb(ATA_REG_DEVICE, (uint8_t)(0xE0 | ((lba >> 24) & 0x0F)));
}

/* LBA48: previous (high) bytes first, then current. */
static inline void set_lba48(uint64_t lba, uint16_t count)
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

static inline void set_chs(unsigned cyl, unsigned head, unsigned sector, uint8_t count)
{
    outb(ATA_REG_COUNT, count);
    outb(ATA_REG_LBA_LOW, (uint8_t)sector);
    outb(ATA_REG_LBA_MID, (uint8_t)cyl);
    outb(ATA_REG_LBA_HIGH, (uint8_t)(cyl >> 8));
    outb(ATA_REG_DEVICE, (uint8_t)(0xA0 | head));
}

/* The status after a non-data command, which must have interrupted. */
static inline uint8_t finish_nodata(void)
{
    ck_assert(irq_level);
    uint8_t st = status();
    ck_assert(!irq_level);
    return st;
}

#define ST_OK (ATA_SR_DRDY | ATA_SR_DSC)
#define ST_DRQ (ATA_SR_DRDY | ATA_SR_DSC | ATA_SR_DRQ)
#define ST_ERR (ATA_SR_DRDY | ATA_SR_DSC | ATA_SR_ERR)

#endif
