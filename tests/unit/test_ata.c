/*
 * test_ata.c - Check unit tests for the ATA channel (devices/ata.c):
 * commands and addressing, driven through the port bus as a guest driver
 * would.  Expected values come from ATA/ATAPI-6: IDENTIFY DEVICE words
 * (default and current CHS, LBA28 and LBA48 capacity, multiple-sector
 * words, feature bits, byte-swapped strings, the integrity word), the
 * same sector reached by CHS, LBA28 and LBA48, PIO data-in/out block and
 * interrupt sequencing in single and multiple mode, the HOB FIFO, 32-bit
 * data port access, INITIALIZE DEVICE PARAMETERS and the non-data
 * commands.  Errors, resets and drive presence are in test_ata_errors.c.
 */
#define _FILE_OFFSET_BITS 64
#define _POSIX_C_SOURCE 200809L

#include "tests/unit/ata_fixture.h"
#include "tests/unit/check_main.h"

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
    tcase_add_test(tc, test_data_port_32bit);
    tcase_add_test(tc, test_initialize_device_parameters);
    tcase_add_test(tc, test_features_power_flush);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return check_run(ata_suite(), CK_ENV); /* CK_VERBOSITY picks the detail */
}
