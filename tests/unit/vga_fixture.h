/*
 * vga_fixture.h - what test_vga_regs.c, test_vga_memory.c and test_vbe.c
 * share: one VGA card (devices/vga.h) on a port bus with the manual
 * scheduler clock, port accessors as a guest uses them, the legacy window
 * and the LFB called as the physical bus would, and helpers that program
 * the registers the way a BIOS mode set does.
 *
 * Include it once per test program (it defines the fixture's state).
 */
#ifndef SOFTPC_TESTS_UNIT_VGA_FIXTURE_H
#define SOFTPC_TESTS_UNIT_VGA_FIXTURE_H

#include "devices/vga.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "devices/sched.h"
#include "mem/ports.h"
#include "tests/unit/check_main.h"

static struct port_bus *pb;
static struct sched clk;
static struct vga *card;

struct window_move {
    unsigned bar;
    uint32_t old_addr, new_addr;
};
static struct window_move moves[16];
static unsigned move_count;

static inline void on_window_moved(void *opaque, unsigned bar, uint32_t old_addr,
                                   uint32_t new_addr)
{
    ck_assert_ptr_eq(opaque, &moves);
    if (move_count < 16)
        moves[move_count] = (struct window_move){ bar, old_addr, new_addr };
    move_count++;
}

static inline void vga_setup_with_rom(const uint8_t *rom, uint32_t rom_size)
{
    pb = ports_create();
    ck_assert_ptr_nonnull(pb);
    sched_init(&clk);
    card = malloc(sizeof *card);
    ck_assert_ptr_nonnull(card);
    move_count = 0;
    ck_assert(vga_init(card, &clk, rom, rom_size, on_window_moved, &moves));
    ck_assert(vga_attach(card, pb));
}

static inline void vga_setup(void)
{
    vga_setup_with_rom(NULL, 0);
}

static inline void vga_teardown(void)
{
    vga_free(card);
    free(card);
    ports_destroy(pb);
}

static inline void outb(uint16_t port, uint8_t v) { ports_write(pb, port, 1, v); }
static inline void outw(uint16_t port, uint16_t v) { ports_write(pb, port, 2, v); }
static inline uint8_t inb(uint16_t port) { return (uint8_t)ports_read(pb, port, 1); }
static inline uint16_t inw(uint16_t port) { return (uint16_t)ports_read(pb, port, 2); }

/* Indexed registers through index/data pairs, one byte each. */
static inline void seq_out(uint8_t i, uint8_t v) { outb(0x3C4, i); outb(0x3C5, v); }
static inline uint8_t seq_in(uint8_t i) { outb(0x3C4, i); return inb(0x3C5); }
static inline void gc_out(uint8_t i, uint8_t v) { outb(0x3CE, i); outb(0x3CF, v); }
static inline uint8_t gc_in(uint8_t i) { outb(0x3CE, i); return inb(0x3CF); }
static inline void crtc_out(uint8_t i, uint8_t v) { outb(0x3D4, i); outb(0x3D5, v); }
static inline uint8_t crtc_in(uint8_t i) { outb(0x3D4, i); return inb(0x3D5); }
/* Attribute register i (PAS kept as given in `pas`), flip-flop reset first. */
static inline void attr_out(uint8_t i, uint8_t v, uint8_t pas)
{
    (void)inb(0x3DA);
    outb(0x3C0, (uint8_t)(i | pas));
    outb(0x3C0, v);
}
static inline uint8_t attr_in(uint8_t i)
{
    (void)inb(0x3DA);
    outb(0x3C0, (uint8_t)(i | 0x20));
    return inb(0x3C1);
}

/* The window at A0000h (offset from A0000h) and the LFB (offset into
 * BAR 0), as the physical bus calls them. */
static inline uint8_t win_rd(uint32_t off) { return (uint8_t)vga_window_ops.read(card, off, 1); }
static inline void win_wr(uint32_t off, uint8_t v) { vga_window_ops.write(card, off, 1, v); }
static inline uint32_t lfb_rd(uint32_t off, unsigned size) { return vga_lfb_ops.read(card, off, size); }
static inline void lfb_wr(uint32_t off, unsigned size, uint32_t v) { vga_lfb_ops.write(card, off, size, v); }

/* Plane p byte a, per vga.h's layout. */
static inline uint8_t *plane_byte(unsigned p, uint32_t a) { return &card->vram[a * 4u + p]; }

static inline bool page_dirty(uint32_t vram_offset)
{
    uint32_t page = vram_offset >> VGA_DIRTY_SHIFT;
    return (card->dirty[page >> 5] >> (page & 31u)) & 1u;
}
static inline void clear_dirty(void)
{
    memset(card->dirty, 0, sizeof card->dirty);
    card->full_redraw = false;
}

/* The standard VGA mode tables' register sets (IBM VGA Technical
 * Reference, BIOS mode parameter table), CRTC unprotected first. */
static inline void load_crtc(const uint8_t cr[25])
{
    crtc_out(0x11, 0x00);
    for (uint8_t i = 0; i < 25; i++)
        crtc_out(i, cr[i]);
}

static const uint8_t mode3_crtc[25] = {
    0x5F, 0x4F, 0x50, 0x82, 0x55, 0x81, 0xBF, 0x1F, 0x00, 0x4F, 0x0D, 0x0E, 0x00,
    0x00, 0x00, 0x00, 0x9C, 0x8E, 0x8F, 0x28, 0x1F, 0x96, 0xB9, 0xA3, 0xFF,
};
static const uint8_t mode12_crtc[25] = {
    0x5F, 0x4F, 0x50, 0x82, 0x54, 0x80, 0x0B, 0x3E, 0x00, 0x40, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0xEA, 0x8C, 0xDF, 0x28, 0x00, 0xE7, 0x04, 0xE3, 0xFF,
};

/* Text mode 3: misc 67h, SR01 00h (9-dot), SR02 03h, SR04 02h (odd/even),
 * GC05 10h, GC06 0Eh (B8000h, chain odd/even). */
static inline void set_mode3(void)
{
    outb(0x3C2, 0x67);
    seq_out(0, 0x01);
    seq_out(1, 0x00);
    seq_out(2, 0x03);
    seq_out(3, 0x00);
    seq_out(4, 0x02);
    seq_out(0, 0x03);
    load_crtc(mode3_crtc);
    gc_out(5, 0x10);
    gc_out(6, 0x0E);
    gc_out(8, 0xFF);
}

/* Graphics mode 12h: misc E3h, SR01 01h (8-dot), SR02 0Fh, SR04 06h,
 * GC05 00h, GC06 05h (A0000h 64K, graphics), GC07 0Fh, GC08 FFh. */
static inline void set_mode12(void)
{
    outb(0x3C2, 0xE3);
    seq_out(0, 0x01);
    seq_out(1, 0x01);
    seq_out(2, 0x0F);
    seq_out(4, 0x06);
    seq_out(0, 0x03);
    load_crtc(mode12_crtc);
    gc_out(5, 0x00);
    gc_out(6, 0x05);
    gc_out(7, 0x0F);
    gc_out(8, 0xFF);
}

/* Mode 13h's memory side: SR04 0Eh (chain-4), GC05 40h, GC06 05h. */
static inline void set_mode13(void)
{
    outb(0x3C2, 0x63);
    seq_out(1, 0x01);
    seq_out(2, 0x0F);
    seq_out(4, 0x0E);
    gc_out(5, 0x40);
    gc_out(6, 0x05);
    gc_out(8, 0xFF);
}

static inline Suite *vga_one_suite(const char *name, TCase *tc)
{
    Suite *s = suite_create(name);
    tcase_add_checked_fixture(tc, vga_setup, vga_teardown);
    suite_add_tcase(s, tc);
    return s;
}

static inline int vga_run_suite(Suite *s)
{
    return check_run(s, CK_ENV);
}

#endif
