/*
 * fdc_fixture.h - the 82077AA floppy controller (devices/i82077_fdc.c)
 * wired as on a PC, for test_fdc.c and test_fdc_transfer.c: ports
 * 3F0h-3F7h, DMA channel 2 of a real i8237 pair over a real physical
 * address space, IRQ 6 into a recorder, and the scheduler on a manual
 * clock.  Drive 0 holds a 1.44M image in host memory whose every sector
 * holds a pattern derived from its LBA, so a sector read from the wrong
 * place shows; helpers send commands, read results and program the DMA
 * channel as a BIOS does.  Only header-static helpers: each test program
 * includes it once.
 */
#ifndef SOFTPC_TESTS_FDC_FIXTURE_H
#define SOFTPC_TESTS_FDC_FIXTURE_H

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

static inline bool image_read(void *opaque, uint32_t lba, void *buf)
{
    struct image *im = opaque;
    if (lba >= im->sectors)
        return false;
    memcpy(buf, im->data + (size_t)lba * 512, 512);
    return true;
}

static inline bool image_write(void *opaque, uint32_t lba, const void *buf)
{
    struct image *im = opaque;
    if (lba >= im->sectors)
        return false;
    memcpy(im->data + (size_t)lba * 512, buf, 512);
    im->writes++;
    return true;
}

static const struct fdc_media_ops image_ops = { image_read, image_write };

static inline uint8_t pattern(uint32_t lba, unsigned i)
{
    return (uint8_t)(lba * 7 + i * 13 + (i >> 8));
}

static inline void image_fill(struct image *im, uint32_t sectors)
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

static inline void irq_record(void *opaque, unsigned pin, bool level)
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

static inline void out8(uint16_t port, uint8_t v) { ports_write(pb, port, 1, v); }
static inline uint8_t in8(uint16_t port) { return (uint8_t)ports_read(pb, port, 1); }

static inline void advance_ns(uint64_t ns)
{
    sched_advance_to(&sch, sched_now(&sch) + ns);
}

/* Command byte: the controller must be asking for one (RQM, DIO = 0). */
static inline void cmd(uint8_t b)
{
    ck_assert_uint_eq(in8(0x3F4) & (FDC_MSR_RQM | FDC_MSR_DIO), FDC_MSR_RQM);
    out8(0x3F5, b);
}

static inline void cmds(const uint8_t *b, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        cmd(b[i]);
}

/* Result byte: the controller must be offering one (RQM, DIO = 1). */
static inline uint8_t res(void)
{
    ck_assert_uint_eq(in8(0x3F4) & (FDC_MSR_RQM | FDC_MSR_DIO | FDC_MSR_NDMA),
                      FDC_MSR_RQM | FDC_MSR_DIO);
    return in8(0x3F5);
}

static inline void expect_command_phase(void)
{
    ck_assert_uint_eq(in8(0x3F4) & 0xF0, FDC_MSR_RQM);
}

/* The seven result bytes of a data transfer command. */
static inline void expect_result7(uint8_t st0, uint8_t st1, uint8_t st2, uint8_t c, uint8_t h,
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

static inline void sense_int(uint8_t *st0, uint8_t *pcn)
{
    cmd(0x08);
    *st0 = res();
    *pcn = res();
    expect_command_phase();
}

static inline void controller_reset(void)
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

static inline void setup(void)
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

static inline void teardown(void)
{
    free(disk0.data);
    ports_destroy(pb);
    phys_destroy(ps);
}

/* DMA channel 2 programmed as a BIOS does for a floppy transfer. */
static inline void dma_program(uint8_t mode, uint32_t addr, uint16_t bytes)
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

static inline void seek(unsigned drive, uint8_t cyl)
{
    const uint8_t c[3] = { 0x0F, (uint8_t)drive, cyl };
    cmds(c, 3);
    advance_ns(SCHED_NS_PER_SEC);   /* 83 steps at 3 ms at most */
    uint8_t st0, pcn;
    sense_int(&st0, &pcn);
    ck_assert_uint_eq(st0, 0x20 | drive);
    ck_assert_uint_eq(pcn, cyl);
}

static inline void rw_cmd(uint8_t op, uint8_t hds_ds, uint8_t c, uint8_t h, uint8_t r,
                          uint8_t eot)
{
    const uint8_t b[9] = { op, hds_ds, c, h, r, 2, eot, 0x1B, 0xFF };
    cmds(b, 9);
}

static inline uint32_t lba_of(unsigned c, unsigned h, unsigned s)
{
    return (c * 2 + h) * 18 + s - 1;
}

static inline void expect_sector_at(uint32_t addr, uint32_t lba)
{
    uint8_t got[512];
    phys_read_block(ps, addr, got, 512);
    for (unsigned i = 0; i < 512; i++)
        ck_assert_uint_eq(got[i], pattern(lba, i));
}

#endif
