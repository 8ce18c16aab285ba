/*
 * test_fdc.c - Check unit tests for the 82077AA floppy controller
 * (devices/i82077_fdc.c): the controller itself - reset and its polling
 * statuses, seeks and recalibrates, VERSION, invalid commands, DUMPREG,
 * CONFIGURE and LOCK, disk change, the DMA gate, running without a
 * scheduler, the media geometry table.  The data transfers are in
 * test_fdc_transfer.c; the PC wiring both use is fdc_fixture.h.
 *
 * Expectations come from the 82077AA datasheet: the reset polling statuses
 * (ST0 C0h-C3h, Table 5-9), SE/EC for seeks, VERSION 90h, invalid command
 * 80h, DUMPREG's layout, LOCK across a software reset.
 */
#include "tests/unit/fdc_fixture.h"
#include "tests/unit/check_main.h"

START_TEST(test_reset_polling)
{
    /* setup() already checked the four polling statuses; the INT that
     * announced them went down at the first SENSE INTERRUPT. */
    ck_assert(!irq6.level);
    ck_assert_uint_eq(irq6.rises, 1);
    /* A fifth SENSE INTERRUPT has nothing to report: 80h, one byte. */
    cmd(0x08);
    ck_assert_uint_eq(res(), 0x80);
    expect_command_phase();
    /* DSR bit 7 is a reset too, self-clearing. */
    out8(0x3F4, 0x80);
    ck_assert(irq6.level);
    ck_assert_uint_eq(in8(0x3F4), FDC_MSR_RQM);
    uint8_t st0, pcn;
    for (unsigned d = 0; d < 4; d++) {
        sense_int(&st0, &pcn);
        ck_assert_uint_eq(st0, 0xC0 | d);
    }
}
END_TEST

START_TEST(test_seek_status_before_polling)
{
    /* A guest that reads only one polling status after a reset still gets
     * its seek's status first. */
    out8(0x3F2, 0x18);
    out8(0x3F2, 0x1C);
    uint8_t st0, pcn;
    sense_int(&st0, &pcn);
    ck_assert_uint_eq(st0, 0xC0);
    const uint8_t s[3] = { 0x0F, 0x01, 4 };
    cmds(s, 3);
    advance_ns(SCHED_NS_PER_SEC);
    sense_int(&st0, &pcn);
    ck_assert_uint_eq(st0, 0x21);
    ck_assert_uint_eq(pcn, 4);
    sense_int(&st0, &pcn);
    ck_assert_uint_eq(st0, 0xC2);
    sense_int(&st0, &pcn);
    ck_assert_uint_eq(st0, 0xC3);
    cmd(0x08);
    ck_assert_uint_eq(res(), 0x80);
}
END_TEST

START_TEST(test_version_and_invalid)
{
    cmd(0x10);
    ck_assert_uint_eq(in8(0x3F4), FDC_MSR_RQM | FDC_MSR_DIO | FDC_MSR_CB);
    ck_assert_uint_eq(res(), 0x90);
    expect_command_phase();
    cmd(0x1F);
    ck_assert_uint_eq(res(), 0x80);
    expect_command_phase();
    cmd(0x00);
    ck_assert_uint_eq(res(), 0x80);
    expect_command_phase();
    ck_assert_uint_eq(irq6.rises, 1);   /* neither interrupts */
}
END_TEST

START_TEST(test_seek_and_recalibrate)
{
    const uint8_t s[3] = { 0x0F, 0x00, 10 };
    cmds(s, 3);
    /* The seek runs in the background: command phase, drive 0 busy. */
    ck_assert_uint_eq(in8(0x3F4), FDC_MSR_RQM | 0x01);
    unsigned before = irq6.rises;
    /* SRT = Dh at 500 Kbit/s: 3 ms per step, 10 steps. */
    advance_ns(30 * SCHED_NS_PER_MS - 1);
    ck_assert(!irq6.level);
    advance_ns(1);
    ck_assert(irq6.level);
    ck_assert_uint_eq(irq6.rises, before + 1);
    uint8_t st0, pcn;
    sense_int(&st0, &pcn);
    ck_assert(!irq6.level);
    ck_assert_uint_eq(st0, 0x20);
    ck_assert_uint_eq(pcn, 10);
    ck_assert_uint_eq(in8(0x3F4), FDC_MSR_RQM);   /* busy bit gone */

    const uint8_t rel_in[3] = { 0xCF, 0x00, 5 };
    cmds(rel_in, 3);
    advance_ns(SCHED_NS_PER_SEC);
    sense_int(&st0, &pcn);
    ck_assert_uint_eq(st0, 0x20);
    ck_assert_uint_eq(pcn, 15);
    const uint8_t rel_out[3] = { 0x8F, 0x00, 4 };
    cmds(rel_out, 3);
    advance_ns(SCHED_NS_PER_SEC);
    sense_int(&st0, &pcn);
    ck_assert_uint_eq(st0, 0x20);
    ck_assert_uint_eq(pcn, 11);

    const uint8_t recal[2] = { 0x07, 0x00 };
    cmds(recal, 2);
    advance_ns(SCHED_NS_PER_SEC);
    sense_int(&st0, &pcn);
    ck_assert_uint_eq(st0, 0x20);
    ck_assert_uint_eq(pcn, 0);

    /* No drive 2: TRK0 never comes, equipment check, abnormal. */
    const uint8_t recal2[2] = { 0x07, 0x02 };
    cmds(recal2, 2);
    advance_ns(SCHED_NS_PER_SEC);
    sense_int(&st0, &pcn);
    ck_assert_uint_eq(st0, 0x40 | 0x20 | 0x10 | 0x02);

    /* Two drives seeking at once: both report, in turn. */
    const uint8_t s0[3] = { 0x0F, 0x00, 3 };
    const uint8_t s1[3] = { 0x0F, 0x01, 7 };
    cmds(s0, 3);
    cmds(s1, 3);
    ck_assert_uint_eq(in8(0x3F4), FDC_MSR_RQM | 0x03);
    advance_ns(SCHED_NS_PER_SEC);
    sense_int(&st0, &pcn);
    ck_assert_uint_eq(st0, 0x20);
    ck_assert_uint_eq(pcn, 3);
    sense_int(&st0, &pcn);
    ck_assert_uint_eq(st0, 0x21);
    ck_assert_uint_eq(pcn, 7);
}
END_TEST

START_TEST(test_dumpreg_configure_lock)
{
    const uint8_t conf[4] = { 0x13, 0x00, 0x57, 0x10 };  /* EIS, POLL off, FIFOTHR 7 */
    cmds(conf, 4);
    expect_command_phase();
    const uint8_t perp[2] = { 0x12, 0x84 };              /* OW, D0 */
    cmds(perp, 2);
    cmd(0x94);
    ck_assert_uint_eq(res(), 0x10);
    seek(0, 4);
    cmd(0x0E);
    ck_assert_uint_eq(res(), 4);
    ck_assert_uint_eq(res(), 0);
    ck_assert_uint_eq(res(), 0);
    ck_assert_uint_eq(res(), 0);
    ck_assert_uint_eq(res(), 0xDF);
    ck_assert_uint_eq(res(), 0x02);
    (void)res();
    ck_assert_uint_eq(res(), 0x80 | 0x04);
    ck_assert_uint_eq(res(), 0x40 | 0x10 | 0x07);
    ck_assert_uint_eq(res(), 0x10);
    expect_command_phase();

    /* Software reset with LOCK: EFIFO, FIFOTHR, PRETRK kept; EIS and
     * POLL back to their defaults. */
    controller_reset();
    cmd(0x0E);
    for (unsigned i = 0; i < 7; i++)
        (void)res();
    ck_assert_uint_eq(res(), 0x80 | 0x04);
    ck_assert_uint_eq(res(), 0x07);
    ck_assert_uint_eq(res(), 0x10);
    /* Unlocked, a reset restores EFIFO = 1 (FIFO off), FIFOTHR 0, PRETRK 0. */
    cmd(0x14);
    ck_assert_uint_eq(res(), 0x00);
    controller_reset();
    cmd(0x0E);
    for (unsigned i = 0; i < 8; i++)
        (void)res();
    ck_assert_uint_eq(res(), 0x20);
    ck_assert_uint_eq(res(), 0x00);
}
END_TEST

START_TEST(test_disk_change)
{
    out8(0x3F2, 0x1C);                    /* drive 0 selected */
    ck_assert_uint_eq(in8(0x3F7) & 0x80, 0x80);
    seek(0, 0);                           /* no step pulse: still set */
    ck_assert_uint_eq(in8(0x3F7) & 0x80, 0x80);
    seek(0, 1);
    ck_assert_uint_eq(in8(0x3F7) & 0x80, 0x00);
    fdc_eject(&fdc, 0);
    ck_assert_uint_eq(in8(0x3F7) & 0x80, 0x80);
    seek(0, 2);                           /* no disk: the line stays */
    ck_assert_uint_eq(in8(0x3F7) & 0x80, 0x80);
    fdc_insert(&fdc, 0, &image_ops, &disk0, &g144, false);
    seek(0, 3);
    ck_assert_uint_eq(in8(0x3F7) & 0x80, 0x00);
}
END_TEST

START_TEST(test_dma_gate_masks_int)
{
    out8(0x3F2, 0x14);                    /* gate off */
    const uint8_t s[3] = { 0x0F, 0x00, 1 };
    cmds(s, 3);
    advance_ns(SCHED_NS_PER_SEC);
    ck_assert(!irq6.level);
    ck_assert_uint_eq(in8(0x3F0) & 0x80, 0x80);   /* SRA: INT pending */
    out8(0x3F2, 0x1C);
    ck_assert(irq6.level);
    uint8_t st0, pcn;
    sense_int(&st0, &pcn);
    ck_assert_uint_eq(st0, 0x20);
    ck_assert(!irq6.level);
    /* And a DMA read with the gate closed finds nobody taking the data:
     * overrun. */
    out8(0x3F2, 0x14);
    dma_program(0x46, 0x010000, 512);
    rw_cmd(0x46, 0x00, 1, 0, 1, 18);
    advance_ns(FDC_EXEC_DELAY_NS);
    expect_result7(0x40, 0x10, 0x00, 1, 0, 1, 2);
}
END_TEST

START_TEST(test_no_scheduler)
{
    /* Without a scheduler every command completes at once. */
    struct i82077_fdc f;
    struct irq_rec rec = { false, 0 };
    fdc_init(&f, NULL, dma_isa_interface(&dma), irq_line_make(irq_record, &rec, 6));
    fdc_insert(&f, 0, &image_ops, &disk0, &g144, false);
    fdc_write(&f, 2, 0x1C);
    ck_assert(rec.level);
    fdc_write(&f, 7, FDC_RATE_500K);
    dma_program(0x46, 0x070000, 512);
    const uint8_t b[9] = { 0x46, 0x00, 0, 0, 18, 2, 18, 0x1B, 0xFF };
    for (unsigned i = 0; i < 9; i++)
        fdc_write(&f, 5, b[i]);
    ck_assert_uint_eq(fdc_read(&f, 4), FDC_MSR_RQM | FDC_MSR_DIO | FDC_MSR_CB);
    expect_sector_at(0x070000, 17);
}
END_TEST

START_TEST(test_geometry_table)
{
    static const struct {
        uint64_t bytes;
        uint8_t c, h, s, rate, cmos;
    } want[] = {
        { 163840, 40, 1, 8, FDC_RATE_250K, 1 },
        { 184320, 40, 1, 9, FDC_RATE_250K, 1 },
        { 327680, 40, 2, 8, FDC_RATE_250K, 1 },
        { 368640, 40, 2, 9, FDC_RATE_250K, 1 },
        { 737280, 80, 2, 9, FDC_RATE_250K, 3 },
        { 1228800, 80, 2, 15, FDC_RATE_500K, 2 },
        { 1474560, 80, 2, 18, FDC_RATE_500K, 4 },
        { 1720320, 80, 2, 21, FDC_RATE_500K, 4 },
        { 1763328, 82, 2, 21, FDC_RATE_500K, 4 },
        { 2949120, 80, 2, 36, FDC_RATE_1M, 5 },
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        struct floppy_geometry g;
        ck_assert(floppy_geometry_for_size(want[i].bytes, &g));
        ck_assert_uint_eq(g.cylinders, want[i].c);
        ck_assert_uint_eq(g.heads, want[i].h);
        ck_assert_uint_eq(g.sectors, want[i].s);
        ck_assert_uint_eq(g.data_rate, want[i].rate);
        ck_assert_uint_eq(g.cmos_type, want[i].cmos);
    }
    struct floppy_geometry g;
    ck_assert(!floppy_geometry_for_size(0, &g));
    ck_assert(!floppy_geometry_for_size(1474560 + 512, &g));
    ck_assert(!floppy_geometry_for_size(1000000, &g));
}
END_TEST

static Suite *fdc_suite(void)
{
    Suite *s = suite_create("i82077_fdc");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_reset_polling);
    tcase_add_test(tc, test_seek_status_before_polling);
    tcase_add_test(tc, test_version_and_invalid);
    tcase_add_test(tc, test_seek_and_recalibrate);
    tcase_add_test(tc, test_dumpreg_configure_lock);
    tcase_add_test(tc, test_disk_change);
    tcase_add_test(tc, test_dma_gate_masks_int);
    tcase_add_test(tc, test_no_scheduler);
    tcase_add_test(tc, test_geometry_table);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return check_run(fdc_suite(), CK_ENV);
}
