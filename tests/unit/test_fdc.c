/*
 * test_fdc.c - Check unit tests for the 82077AA floppy controller
 * (devices/i82077_fdc.c) wired as on a PC: ports 3F0h-3F7h, DMA channel 2
 * of a real i8237 pair over a real physical address space, IRQ 6 into a
 * recorder, and the scheduler on a manual clock.  Media are 1.44M (and
 * other) images in host memory whose every sector holds a pattern derived
 * from its LBA, so a sector read from the wrong place shows.
 *
 * Expectations come from the 82077AA datasheet: the reset polling statuses
 * (ST0 C0h-C3h, Table 5-9), SE/EC for seeks, the 7-byte result phase and
 * its C/H/R/N after a transfer (Table 5-6), EN when a non-DMA transfer
 * reaches EOT without TC, ND/WC/NW/MA/NR status bits, VERSION 90h,
 * invalid command 80h, DUMPREG's layout, LOCK across a software reset.
 */
#include "devices/i82077_fdc.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "devices/i8237_dma.h"
#include "mem/phys.h"
#include "mem/ports.h"

struct image {
    uint8_t *data;
    uint32_t sectors;
    unsigned writes;
};

static bool image_read(void *opaque, uint32_t lba, void *buf)
{
    struct image *im = opaque;
    if (lba >= im->sectors)
        return false;
    memcpy(buf, im->data + (size_t)lba * 512, 512);
    return true;
}

static bool image_write(void *opaque, uint32_t lba, const void *buf)
{
    struct image *im = opaque;
    if (lba >= im->sectors)
        return false;
    memcpy(im->data + (size_t)lba * 512, buf, 512);
    im->writes++;
    return true;
}

static const struct fdc_media_ops image_ops = { image_read, image_write };

static uint8_t pattern(uint32_t lba, unsigned i)
{
    return (uint8_t)(lba * 7 + i * 13 + (i >> 8));
}

static void image_fill(struct image *im, uint32_t sectors)
{
    im->data = malloc((size_t)sectors * 512);
    ck_assert_ptr_nonnull(im->data);
    im->sectors = sectors;
    im->writes = 0;
    for (uint32_t lba = 0; lba < sectors; lba++)
        for (unsigned i = 0; i < 512; i++)
            im->data[(size_t)lba * 512 + i] = pattern(lba, i);
}

struct irq_rec {
    bool level;
    unsigned rises;
};

static void irq_record(void *opaque, unsigned pin, bool level)
{
    (void)pin;
    struct irq_rec *r = opaque;
    if (level && !r->level)
        r->rises++;
    r->level = level;
}

static struct port_bus *pb;
static struct phys_space *ps;
static struct sched sch;
static struct i8237_dma dma;
static struct i82077_fdc fdc;
static struct irq_rec irq6;
static struct image disk0;
static struct floppy_geometry g144;

static void out8(uint16_t port, uint8_t v) { ports_write(pb, port, 1, v); }
static uint8_t in8(uint16_t port) { return (uint8_t)ports_read(pb, port, 1); }

static void advance_ns(uint64_t ns)
{
    sched_advance_to(&sch, sched_now(&sch) + ns);
}

/* Command byte: the controller must be asking for one (RQM, DIO = 0). */
static void cmd(uint8_t b)
{
    ck_assert_uint_eq(in8(0x3F4) & (FDC_MSR_RQM | FDC_MSR_DIO), FDC_MSR_RQM);
    out8(0x3F5, b);
}

static void cmds(const uint8_t *b, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        cmd(b[i]);
}

/* Result byte: the controller must be offering one (RQM, DIO = 1). */
static uint8_t res(void)
{
    ck_assert_uint_eq(in8(0x3F4) & (FDC_MSR_RQM | FDC_MSR_DIO | FDC_MSR_NDMA),
                      FDC_MSR_RQM | FDC_MSR_DIO);
    return in8(0x3F5);
}

static void expect_command_phase(void)
{
    ck_assert_uint_eq(in8(0x3F4) & 0xF0, FDC_MSR_RQM);
}

/* The seven result bytes of a data transfer command. */
static void expect_result7(uint8_t st0, uint8_t st1, uint8_t st2, uint8_t c, uint8_t h,
                           uint8_t r, uint8_t n)
{
    ck_assert_uint_eq(res(), st0);
    ck_assert_uint_eq(res(), st1);
    ck_assert_uint_eq(res(), st2);
    ck_assert_uint_eq(res(), c);
    ck_assert_uint_eq(res(), h);
    ck_assert_uint_eq(res(), r);
    ck_assert_uint_eq(res(), n);
    expect_command_phase();
}

static void sense_int(uint8_t *st0, uint8_t *pcn)
{
    cmd(0x08);
    *st0 = res();
    *pcn = res();
    expect_command_phase();
}

static void controller_reset(void)
{
    out8(0x3F2, 0x00);
    ck_assert_uint_eq(in8(0x3F4), 0x00);    /* held in reset */
    out8(0x3F2, 0x1C);                      /* motor A, DMA gate, nRESET */
    uint8_t st0, pcn;
    for (unsigned d = 0; d < 4; d++) {
        sense_int(&st0, &pcn);
        ck_assert_uint_eq(st0, 0xC0 | d);
    }
}

static void setup(void)
{
    pb = ports_create();
    ps = phys_create();
    ck_assert_ptr_nonnull(phys_add_ram(ps, "ram", 0, 1u << 20, 0));
    sched_init(&sch);
    dma_init(&dma, ps);
    ck_assert(dma_attach(&dma, pb));
    /* DMA2 channel 4 cascade, as the BIOS leaves it. */
    out8(0xD6, 0xC0);
    out8(0xD4, 0x00);
    memset(&irq6, 0, sizeof irq6);
    fdc_init(&fdc, &sch, dma_isa_interface(&dma), irq_line_make(irq_record, &irq6, FDC_IRQ));
    ck_assert(fdc_attach(&fdc, pb));
    ck_assert(floppy_geometry_for_size(1474560, &g144));
    image_fill(&disk0, 2880);
    fdc_insert(&fdc, 0, &image_ops, &disk0, &g144, false);
    controller_reset();
    out8(0x3F7, FDC_RATE_500K);
    const uint8_t specify[3] = { 0x03, 0xDF, 0x02 };  /* SRT 3 ms, DMA mode */
    cmds(specify, 3);
    expect_command_phase();
}

static void teardown(void)
{
    free(disk0.data);
    ports_destroy(pb);
    phys_destroy(ps);
}

/* DMA channel 2 programmed as a BIOS does for a floppy transfer. */
static void dma_program(uint8_t mode, uint32_t addr, uint16_t bytes)
{
    out8(0x0A, 0x06);
    out8(0x0C, 0);
    out8(0x0B, mode);
    out8(0x04, (uint8_t)addr);
    out8(0x04, (uint8_t)(addr >> 8));
    out8(0x81, (uint8_t)(addr >> 16));
    out8(0x05, (uint8_t)(bytes - 1));
    out8(0x05, (uint8_t)((bytes - 1) >> 8));
    out8(0x0A, 0x02);
}

static void seek(unsigned drive, uint8_t cyl)
{
    const uint8_t c[3] = { 0x0F, (uint8_t)drive, cyl };
    cmds(c, 3);
    advance_ns(SCHED_NS_PER_SEC);   /* 83 steps at 3 ms at most */
    uint8_t st0, pcn;
    sense_int(&st0, &pcn);
    ck_assert_uint_eq(st0, 0x20 | drive);
    ck_assert_uint_eq(pcn, cyl);
}

static void rw_cmd(uint8_t op, uint8_t hds_ds, uint8_t c, uint8_t h, uint8_t r, uint8_t eot)
{
    const uint8_t b[9] = { op, hds_ds, c, h, r, 2, eot, 0x1B, 0xFF };
    cmds(b, 9);
}

static uint32_t lba_of(unsigned c, unsigned h, unsigned s)
{
    return (c * 2 + h) * 18 + s - 1;
}

static void expect_sector_at(uint32_t addr, uint32_t lba)
{
    uint8_t got[512];
    phys_read_block(ps, addr, got, 512);
    for (unsigned i = 0; i < 512; i++)
        ck_assert_uint_eq(got[i], pattern(lba, i));
}

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
    Suite *s = suite_create("i82077_fdc");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_reset_polling);
    tcase_add_test(tc, test_seek_status_before_polling);
    tcase_add_test(tc, test_version_and_invalid);
    tcase_add_test(tc, test_seek_and_recalibrate);
    tcase_add_test(tc, test_read_one_sector_dma);
    tcase_add_test(tc, test_read_multitrack);
    tcase_add_test(tc, test_read_past_end_of_track);
    tcase_add_test(tc, test_write_dma);
    tcase_add_test(tc, test_missing_media);
    tcase_add_test(tc, test_read_id);
    tcase_add_test(tc, test_format);
    tcase_add_test(tc, test_verify);
    tcase_add_test(tc, test_non_dma);
    tcase_add_test(tc, test_dumpreg_configure_lock);
    tcase_add_test(tc, test_implied_seek);
    tcase_add_test(tc, test_disk_change);
    tcase_add_test(tc, test_dma_gate_masks_int);
    tcase_add_test(tc, test_no_scheduler);
    tcase_add_test(tc, test_geometry_table);
    tcase_add_test(tc, test_720k_media);
    tcase_add_test(tc, test_eject_mid_transfer);
    tcase_add_test(tc, test_random_writes_survive);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(fdc_suite());
    srunner_run_all(sr, CK_ENV);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
