/*
 * test_ata_errors.c - Check unit tests for the ATA channel
 * (devices/ata.c): what goes wrong and who answers.  From ATA/ATAPI-6:
 * the error outputs (ABRT, IDNF with the failing address, UNC), a
 * read-only image, nIEN, the SRST signature, a missing slave, two drives,
 * an empty channel, and random register traffic that must not crash.
 * Commands and addressing are in test_ata.c.
 */
#define _FILE_OFFSET_BITS 64
#define _POSIX_C_SOURCE 200809L

#include "tests/unit/ata_fixture.h"
#include "tests/unit/check_main.h"

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

static Suite *ata_errors_suite(void)
{
    Suite *s = suite_create("ata_errors");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_abort_unknown);
    tcase_add_test(tc, test_idnf);
    tcase_add_test(tc, test_unc_on_host_read_failure);
    tcase_add_test(tc, test_read_only_write_aborts);
    tcase_add_test(tc, test_nien);
    tcase_add_test(tc, test_srst_signature);
    tcase_add_test(tc, test_missing_slave);
    tcase_add_test(tc, test_two_drives);
    tcase_add_test(tc, test_empty_channel);
    tcase_add_test(tc, test_fuzz_registers);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return check_run(ata_errors_suite(), CK_ENV); /* CK_VERBOSITY picks the detail */
}
