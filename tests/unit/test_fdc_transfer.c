/*
 * test_fdc_transfer.c - Check unit tests for the data transfers of the
 * 82077AA floppy controller (devices/i82077_fdc.c): READ/WRITE DATA by DMA
 * and without it, multitrack and end-of-track, READ ID, FORMAT, VERIFY,
 * implied seeks, missing and ejected media, 720K media.  The controller's
 * other commands are in test_fdc.c; the PC wiring both use is
 * fdc_fixture.h.
 *
 * Expectations come from the 82077AA datasheet: the 7-byte result phase
 * and its C/H/R/N after a transfer (Table 5-6), EN when a non-DMA transfer
 * reaches EOT without TC, ND/WC/NW/MA/NR status bits.
 */
#include "tests/unit/fdc_fixture.h"
#include "tests/unit/check_main.h"

START_TEST(test_read_one_sector_dma)
{
    dma_program(0x46, 0x010000, 512);      /* single, write to memory, ch2 */
    rw_cmd(0x46, 0x00, 0, 0, 1, 18);
    /* Execution by DMA: busy, no RQM. */
    ck_assert_uint_eq(in8(0x3F4), FDC_MSR_CB);
    unsigned before = irq6.rises;
    advance_ns(FDC_EXEC_DELAY_NS);
    ck_assert_uint_eq(irq6.rises, before + 1);
    ck_assert_uint_eq(in8(0x3F4), FDC_MSR_RQM | FDC_MSR_DIO | FDC_MSR_CB);
    expect_sector_at(0x010000, 0);
    /* TC after sector 1 of 18: normal; R + 1 (Table 5-6). */
    ck_assert_uint_eq(res(), 0x00);
    ck_assert(!irq6.level);                 /* INT dropped at the first byte */
    ck_assert_uint_eq(res(), 0x00);
    ck_assert_uint_eq(res(), 0x00);
    ck_assert_uint_eq(res(), 0);
    ck_assert_uint_eq(res(), 0);
    ck_assert_uint_eq(res(), 2);
    ck_assert_uint_eq(res(), 2);
    expect_command_phase();
    ck_assert_uint_eq(in8(0x08) & 0x04, 0x04);   /* DMA TC on channel 2 */
}
END_TEST

START_TEST(test_read_multitrack)
{
    seek(0, 2);
    /* Sectors 17, 18 of head 0, then 1, 2 of head 1: four sectors. */
    dma_program(0x46, 0x020000, 4 * 512);
    rw_cmd(0xC6, 0x00, 2, 0, 17, 18);
    advance_ns(FDC_EXEC_DELAY_NS);
    expect_sector_at(0x020000, lba_of(2, 0, 17));
    expect_sector_at(0x020200, lba_of(2, 0, 18));
    expect_sector_at(0x020400, lba_of(2, 1, 1));
    expect_sector_at(0x020600, lba_of(2, 1, 2));
    /* Ended on head 1 by TC: ST0 shows head 1; C H same, R + 1. */
    expect_result7(0x04, 0, 0, 2, 1, 3, 2);

    /* TC exactly at EOT of head 0 with MT: H complemented, R = 1. */
    dma_program(0x46, 0x030000, 2 * 512);
    rw_cmd(0xC6, 0x00, 2, 0, 17, 18);
    advance_ns(FDC_EXEC_DELAY_NS);
    expect_result7(0x00, 0, 0, 2, 1, 1, 2);

    /* TC at EOT of head 1 with MT: C + 1, H back to 0, R = 1. */
    dma_program(0x46, 0x030000, 512);
    rw_cmd(0xC6, 0x04, 2, 1, 18, 18);
    advance_ns(FDC_EXEC_DELAY_NS);
    expect_sector_at(0x030000, lba_of(2, 1, 18));
    expect_result7(0x04, 0, 0, 3, 0, 1, 2);
}
END_TEST

START_TEST(test_read_past_end_of_track)
{
    seek(0, 1);
    /* DMA ready for 4 sectors, but EOT = 18 without MT stops after 2:
     * no TC, so ST1 EN and abnormal termination; C + 1, R = 1. */
    dma_program(0x46, 0x040000, 4 * 512);
    rw_cmd(0x46, 0x00, 1, 0, 17, 18);
    advance_ns(FDC_EXEC_DELAY_NS);
    expect_sector_at(0x040000, lba_of(1, 0, 17));
    expect_sector_at(0x040200, lba_of(1, 0, 18));
    expect_result7(0x40, 0x80, 0x00, 2, 0, 1, 2);
    out8(0x0C, 0);
    uint8_t lo = in8(0x05), hi = in8(0x05);
    ck_assert_uint_eq(lo | hi << 8, 2 * 512 - 1);  /* two sectors left */

    /* A sector past the last one on the track: no data (ND). */
    dma_program(0x46, 0x040000, 512);
    rw_cmd(0x46, 0x00, 1, 0, 19, 19);
    advance_ns(FDC_EXEC_DELAY_NS);
    expect_result7(0x40, 0x04, 0x00, 1, 0, 19, 2);

    /* The head is on cylinder 1; asking for cylinder 5: wrong cylinder. */
    rw_cmd(0x46, 0x00, 5, 0, 1, 18);
    advance_ns(FDC_EXEC_DELAY_NS);
    expect_result7(0x40, 0x04, 0x10, 5, 0, 1, 2);

    /* Wrong data rate: no address mark found at all. */
    out8(0x3F7, FDC_RATE_250K);
    rw_cmd(0x46, 0x00, 1, 0, 1, 18);
    advance_ns(FDC_EXEC_DELAY_NS);
    expect_result7(0x40, 0x01, 0x00, 1, 0, 1, 2);
}
END_TEST

START_TEST(test_write_dma)
{
    uint8_t data[1024];
    for (unsigned i = 0; i < sizeof data; i++)
        data[i] = (uint8_t)(0xFF - i);
    phys_write_block(ps, 0x050000, data, sizeof data);
    dma_program(0x4A, 0x050000, 1024);      /* single, read from memory, ch2 */
    rw_cmd(0x45, 0x00, 0, 0, 3, 18);
    advance_ns(FDC_EXEC_DELAY_NS);
    expect_result7(0x00, 0, 0, 0, 0, 5, 2);
    ck_assert_mem_eq(disk0.data + 2 * 512, data, 1024);
    ck_assert_uint_eq(disk0.data[4 * 512], pattern(4, 0));
    ck_assert_uint_eq(disk0.data[2 * 512 - 1], pattern(1, 511));

    /* Write protected: NW, nothing written. */
    fdc_insert(&fdc, 0, &image_ops, &disk0, &g144, true);
    unsigned writes = disk0.writes;
    dma_program(0x4A, 0x050000, 512);
    rw_cmd(0x45, 0x00, 0, 0, 7, 18);
    advance_ns(FDC_EXEC_DELAY_NS);
    expect_result7(0x40, 0x02, 0x00, 0, 0, 7, 2);
    ck_assert_uint_eq(disk0.writes, writes);

    /* SENSE DRIVE STATUS shows WP and TRK0 (bits 5 and 3 always set). */
    const uint8_t sds[2] = { 0x04, 0x00 };
    cmds(sds, 2);
    ck_assert_uint_eq(res(), 0x40 | 0x20 | 0x10 | 0x08);
    const uint8_t sds1[2] = { 0x04, 0x05 };
    cmds(sds1, 2);
    ck_assert_uint_eq(res(), 0x20 | 0x10 | 0x08 | 0x04 | 0x01);
}
END_TEST

START_TEST(test_missing_media)
{
    /* Drive 1 has no disk: not ready, abnormal, drive 1 in ST0. */
    dma_program(0x46, 0x010000, 512);
    rw_cmd(0x46, 0x01, 0, 0, 1, 18);
    advance_ns(FDC_EXEC_DELAY_NS);
    expect_result7(0x48 | 0x01, 0, 0, 0, 0, 1, 2);
    /* After an eject, drive 0 too. */
    fdc_eject(&fdc, 0);
    rw_cmd(0x46, 0x04, 0, 1, 1, 18);
    advance_ns(FDC_EXEC_DELAY_NS);
    expect_result7(0x48 | 0x04, 0, 0, 0, 1, 1, 2);
}
END_TEST

START_TEST(test_read_id)
{
    seek(0, 2);
    const uint8_t rid[2] = { 0x4A, 0x04 };
    cmds(rid, 2);
    advance_ns(FDC_EXEC_DELAY_NS);
    ck_assert_uint_eq(res(), 0x04);
    ck_assert_uint_eq(res(), 0x00);
    ck_assert_uint_eq(res(), 0x00);
    ck_assert_uint_eq(res(), 2);
    ck_assert_uint_eq(res(), 1);
    uint8_t r1 = res();
    ck_assert_uint_eq(res(), 2);
    ck_assert_uint_ge(r1, 1);
    ck_assert_uint_le(r1, 18);
    /* One sector time later (300 rpm, 18 sectors) the next ID passes. */
    advance_ns(200 * SCHED_NS_PER_MS / 18 - FDC_EXEC_DELAY_NS);
    cmds(rid, 2);
    advance_ns(FDC_EXEC_DELAY_NS);
    for (unsigned i = 0; i < 5; i++)
        (void)res();
    uint8_t r2 = res();
    (void)res();
    ck_assert_uint_eq(r2, r1 % 18 + 1);
    /* Past the last cylinder of the disk there is no ID to find. */
    seek(0, 82);
    cmds(rid, 2);
    advance_ns(FDC_EXEC_DELAY_NS);
    ck_assert_uint_eq(res(), 0x44);
    ck_assert_uint_eq(res(), 0x01);
}
END_TEST

START_TEST(test_format)
{
    seek(0, 1);
    uint8_t ids[18 * 4];
    for (unsigned s = 0; s < 18; s++) {
        ids[s * 4 + 0] = 1;
        ids[s * 4 + 1] = 0;
        ids[s * 4 + 2] = (uint8_t)(s + 1);
        ids[s * 4 + 3] = 2;
    }
    phys_write_block(ps, 0x060000, ids, sizeof ids);
    dma_program(0x4A, 0x060000, sizeof ids);
    const uint8_t f[6] = { 0x4D, 0x00, 2, 18, 0x54, 0xF6 };
    cmds(f, 6);
    advance_ns(FDC_EXEC_DELAY_NS);
    ck_assert_uint_eq(res(), 0x00);
    ck_assert_uint_eq(res(), 0x00);
    ck_assert_uint_eq(res(), 0x00);
    for (unsigned i = 0; i < 4; i++)
        (void)res();
    expect_command_phase();
    for (unsigned s = 1; s <= 18; s++)
        for (unsigned i = 0; i < 512; i += 97)
            ck_assert_uint_eq(disk0.data[lba_of(1, 0, s) * 512 + i], 0xF6);
    /* The other side and the next cylinder are untouched. */
    ck_assert_uint_eq(disk0.data[lba_of(1, 1, 1) * 512], pattern(lba_of(1, 1, 1), 0));
    ck_assert_uint_eq(disk0.data[lba_of(2, 0, 1) * 512], pattern(lba_of(2, 0, 1), 0));
    /* DUMPREG byte 7 holds SC after a FORMAT. */
    cmd(0x0E);
    for (unsigned i = 0; i < 6; i++)
        (void)res();
    ck_assert_uint_eq(res(), 18);
}
END_TEST

START_TEST(test_verify)
{
    seek(0, 3);
    /* EC = 1, SC = 3: three sectors checked, normal end, R + 1. */
    const uint8_t v[9] = { 0x56, 0x80, 3, 0, 5, 2, 18, 0x1B, 3 };
    cmds(v, 9);
    advance_ns(FDC_EXEC_DELAY_NS);
    expect_result7(0x00, 0, 0, 3, 0, 8, 2);
    /* EC = 0: to EOT, still a normal end. */
    const uint8_t v2[9] = { 0x56, 0x00, 3, 0, 16, 2, 18, 0x1B, 0xFF };
    cmds(v2, 9);
    advance_ns(FDC_EXEC_DELAY_NS);
    expect_result7(0x00, 0, 0, 4, 0, 1, 2);
}
END_TEST

START_TEST(test_non_dma)
{
    const uint8_t specify[3] = { 0x03, 0xDF, 0x03 };   /* ND = 1 */
    cmds(specify, 3);
    rw_cmd(0x46, 0x00, 0, 0, 1, 2);
    ck_assert_uint_eq(in8(0x3F4), FDC_MSR_CB);
    advance_ns(FDC_EXEC_DELAY_NS);
    ck_assert(irq6.level);
    uint8_t buf[1024];
    for (unsigned i = 0; i < 1024; i++) {
        ck_assert_uint_eq(in8(0x3F4), FDC_MSR_RQM | FDC_MSR_DIO | FDC_MSR_NDMA | FDC_MSR_CB);
        buf[i] = in8(0x3F5);
    }
    for (unsigned i = 0; i < 512; i++) {
        ck_assert_uint_eq(buf[i], pattern(0, i));
        ck_assert_uint_eq(buf[512 + i], pattern(1, i));
    }
    /* No TC on a PC in non-DMA mode: the transfer ends at EOT with EN. */
    ck_assert(irq6.level);
    expect_result7(0x40, 0x80, 0x00, 1, 0, 1, 2);

    /* Writing: the controller asks for bytes (RQM, NDMA, DIO = 0). */
    rw_cmd(0x45, 0x00, 0, 0, 5, 5);
    advance_ns(FDC_EXEC_DELAY_NS);
    for (unsigned i = 0; i < 512; i++) {
        ck_assert_uint_eq(in8(0x3F4), FDC_MSR_RQM | FDC_MSR_NDMA | FDC_MSR_CB);
        out8(0x3F5, (uint8_t)(i ^ 0x3C));
    }
    expect_result7(0x40, 0x80, 0x00, 1, 0, 1, 2);
    for (unsigned i = 0; i < 512; i++)
        ck_assert_uint_eq(disk0.data[4 * 512 + i], (uint8_t)(i ^ 0x3C));
    /* Nothing moved through DMA. */
    ck_assert_uint_eq(in8(0x08) & 0x04, 0);
}
END_TEST

START_TEST(test_implied_seek)
{
    const uint8_t conf[4] = { 0x13, 0x00, 0x60, 0x00 };  /* EIS, FIFO off */
    cmds(conf, 4);
    dma_program(0x46, 0x010000, 512);
    rw_cmd(0x46, 0x00, 6, 0, 1, 18);
    advance_ns(SCHED_NS_PER_SEC);
    expect_sector_at(0x010000, lba_of(6, 0, 1));
    expect_result7(0x00, 0, 0, 6, 0, 2, 2);
}
END_TEST

START_TEST(test_720k_media)
{
    /* A 720K disk reads at 250 Kbit/s, 9 sectors per track. */
    struct image d1;
    struct floppy_geometry g;
    ck_assert(floppy_geometry_for_size(737280, &g));
    image_fill(&d1, 1440);
    fdc_insert(&fdc, 1, &image_ops, &d1, &g, false);
    seek(1, 5);
    out8(0x3F7, FDC_RATE_250K);
    dma_program(0x46, 0x010000, 2 * 512);
    rw_cmd(0xC6, 0x01, 5, 0, 9, 9);
    advance_ns(FDC_EXEC_DELAY_NS);
    expect_sector_at(0x010000, (5 * 2 + 0) * 9 + 8);
    expect_sector_at(0x010200, (5 * 2 + 1) * 9 + 0);
    expect_result7(0x04 | 0x01, 0, 0, 5, 1, 2, 2);
    /* Sector 10 does not exist on a 9-sector track. */
    rw_cmd(0x46, 0x01, 5, 0, 10, 10);
    advance_ns(FDC_EXEC_DELAY_NS);
    expect_result7(0x40 | 0x01, 0x04, 0, 5, 0, 10, 2);
    free(d1.data);
}
END_TEST

START_TEST(test_eject_mid_transfer)
{
    const uint8_t specify[3] = { 0x03, 0xDF, 0x03 };   /* non-DMA */
    cmds(specify, 3);
    rw_cmd(0x45, 0x00, 0, 0, 1, 2);
    advance_ns(FDC_EXEC_DELAY_NS);
    for (unsigned i = 0; i < 100; i++)
        out8(0x3F5, 0xEE);
    fdc_eject(&fdc, 0);
    for (unsigned i = 100; i < 512; i++)
        out8(0x3F5, 0xEE);
    /* The sector could not be written; the drive is now not ready. */
    expect_result7(0x48, 0, 0, 0, 0, 2, 2);
    ck_assert_uint_eq(disk0.writes, 0);
}
END_TEST

/* The guest can write anything in any order: a burst of random register
 * writes and reads must neither crash nor wedge the controller. */
START_TEST(test_random_writes_survive)
{
    uint32_t x = 12345;
    for (unsigned i = 0; i < 20000; i++) {
        x = x * 1103515245u + 12345u;
        unsigned port = 0x3F0 + ((x >> 16) & 7);
        if ((x >> 8) & 1)
            out8((uint16_t)port, (uint8_t)(x >> 24));
        else
            (void)in8((uint16_t)port);
        if ((i & 63) == 0)
            advance_ns(SCHED_NS_PER_MS);
    }
    advance_ns(SCHED_NS_PER_SEC);
    controller_reset();
    out8(0x3F7, FDC_RATE_500K);
    cmd(0x10);
    ck_assert_uint_eq(res(), 0x90);
}
END_TEST

static Suite *fdc_suite(void)
{
    Suite *s = suite_create("i82077_fdc_transfer");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_read_one_sector_dma);
    tcase_add_test(tc, test_read_multitrack);
    tcase_add_test(tc, test_read_past_end_of_track);
    tcase_add_test(tc, test_write_dma);
    tcase_add_test(tc, test_missing_media);
    tcase_add_test(tc, test_read_id);
    tcase_add_test(tc, test_format);
    tcase_add_test(tc, test_verify);
    tcase_add_test(tc, test_non_dma);
    tcase_add_test(tc, test_implied_seek);
    tcase_add_test(tc, test_720k_media);
    tcase_add_test(tc, test_eject_mid_transfer);
    tcase_add_test(tc, test_random_writes_survive);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return check_run(fdc_suite(), CK_ENV);
}
