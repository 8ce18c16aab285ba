/*
 * test_vga_memory.c - Check unit tests for the VGA card's memory
 * (devices/vga_memory.c): the legacy window's memory map select, chain-4
 * linearity, odd/even text addressing, plane-2 font access, write modes
 * 0-3 with set/reset, rotate, logical functions and bit mask, map mask,
 * read modes 0 and 1, the latches, dirty pages, wide accesses, and the
 * linear framebuffer (little-endian, dirty pages, the end of vram).
 *
 * The expected bytes are worked by hand from the IBM VGA description of
 * the graphics controller's data path (comments show the sums).
 */
#include "vga_fixture.h"

/* Planar graphics (mode 12h memory side), write mode 0, all defaults. */
static void planar(void)
{
    set_mode12();
    gc_out(0, 0);
    gc_out(1, 0);
    gc_out(3, 0);
    gc_out(4, 0);
    gc_out(5, 0);
    gc_out(8, 0xFF);
}

static void set_planes(uint32_t a, uint8_t p0, uint8_t p1, uint8_t p2, uint8_t p3)
{
    *plane_byte(0, a) = p0;
    *plane_byte(1, a) = p1;
    *plane_byte(2, a) = p2;
    *plane_byte(3, a) = p3;
}

static void check_planes(uint32_t a, uint8_t p0, uint8_t p1, uint8_t p2, uint8_t p3)
{
    ck_assert_uint_eq(*plane_byte(0, a), p0);
    ck_assert_uint_eq(*plane_byte(1, a), p1);
    ck_assert_uint_eq(*plane_byte(2, a), p2);
    ck_assert_uint_eq(*plane_byte(3, a), p3);
}

/* Latches 0Fh, F0h, 33h, CCh, loaded by reading plane byte 100h. */
static void load_latches(void)
{
    set_planes(0x100, 0x0F, 0xF0, 0x33, 0xCC);
    (void)win_rd(0x100);
    ck_assert_uint_eq(card->latch[0], 0x0F);
    ck_assert_uint_eq(card->latch[3], 0xCC);
}

START_TEST(test_memory_map_select)
{
    planar();
    /* GC06 bits 3-2 = 00: A0000h-BFFFFh, all 128 KiB. */
    gc_out(6, 0x01);
    win_wr(0x00010, 0x5A);
    win_wr(0x1FFFF, 0x6B);
    check_planes(0x10, 0x5A, 0x5A, 0x5A, 0x5A);
    check_planes(0x1FFFF, 0x6B, 0x6B, 0x6B, 0x6B);
    ck_assert_uint_eq(win_rd(0x1FFFF), 0x6B);
    /* 01: A0000h-AFFFFh. */
    gc_out(6, 0x05);
    win_wr(0x10000, 0x11);
    check_planes(0x10000, 0, 0, 0, 0);
    ck_assert_uint_eq(win_rd(0x10000), 0xFF);
    ck_assert_uint_eq(win_rd(0x00010), 0x5A);
    /* 10: B0000h-B7FFFh, plane byte 0 at B0000h. */
    gc_out(6, 0x09);
    win_wr(0x10000, 0x22);
    check_planes(0, 0x22, 0x22, 0x22, 0x22);
    ck_assert_uint_eq(win_rd(0x00010), 0xFF);
    ck_assert_uint_eq(win_rd(0x18000), 0xFF);
    win_wr(0x18000, 0x99);
    check_planes(0x8000, 0, 0, 0, 0);
    /* 11: B8000h-BFFFFh. */
    gc_out(6, 0x0D);
    win_wr(0x18001, 0x33);
    check_planes(1, 0x33, 0x33, 0x33, 0x33);
    ck_assert_uint_eq(win_rd(0x17FFF), 0xFF);
    ck_assert_uint_eq(win_rd(0x18000), 0x22);
}
END_TEST

START_TEST(test_chain4_linear)
{
    set_mode13();
    win_wr(5, 0x77);
    ck_assert_uint_eq(card->vram[5], 0x77);
    ck_assert_uint_eq(card->vram[4], 0x00);
    ck_assert_uint_eq(card->vram[6], 0x00);
    /* vram[5] is plane 1 byte 1. */
    ck_assert_uint_eq(*plane_byte(1, 1), 0x77);
    ck_assert_uint_eq(win_rd(5), 0x77);
    for (uint32_t o = 0; o < 64000; o += 997)
        win_wr(o, (uint8_t)(o * 7));
    for (uint32_t o = 0; o < 64000; o += 997)
        ck_assert_uint_eq(card->vram[o], (uint8_t)(o * 7));
    win_wr(0xFFFF, 0xEE);
    ck_assert_uint_eq(card->vram[0xFFFF], 0xEE);
    /* The map mask still gates planes: 0Eh leaves plane 0 alone. */
    seq_out(2, 0x0E);
    win_wr(8, 0x12);
    win_wr(9, 0x34);
    ck_assert_uint_eq(card->vram[8], 0x00);
    ck_assert_uint_eq(card->vram[9], 0x34);
}
END_TEST

START_TEST(test_odd_even_text)
{
    set_mode3();
    /* B8000h: 'A' with attribute 1Fh, then 'B' with 2Eh. */
    win_wr(0x18000, 0x41);
    win_wr(0x18001, 0x1F);
    win_wr(0x18002, 0x42);
    win_wr(0x18003, 0x2E);
    check_planes(0, 0x41, 0x1F, 0x00, 0x00);
    check_planes(2, 0x42, 0x2E, 0x00, 0x00);
    check_planes(1, 0x00, 0x00, 0x00, 0x00);
    check_planes(3, 0x00, 0x00, 0x00, 0x00);
    ck_assert_uint_eq(win_rd(0x18000), 0x41);
    ck_assert_uint_eq(win_rd(0x18001), 0x1F);
    ck_assert_uint_eq(win_rd(0x18003), 0x2E);
    /* A16 wide access: one word = character and attribute. */
    vga_window_ops.write(card, 0x18010, 2, 0x0720);
    check_planes(0x10, 0x20, 0x07, 0x00, 0x00);
    ck_assert_uint_eq(vga_window_ops.read(card, 0x18010, 2), 0x0720);

    /* Font loading as the BIOS does it: plane 2 alone, sequential,
     * A0000h 64K, read map 2. */
    seq_out(2, 0x04);
    seq_out(4, 0x07);
    gc_out(4, 0x02);
    gc_out(5, 0x00);
    gc_out(6, 0x04);
    win_wr(0x0020, 0x7E);
    win_wr(0x0021, 0x81);
    check_planes(0x20, 0x00, 0x00, 0x7E, 0x00);
    check_planes(0x21, 0x00, 0x00, 0x81, 0x00);
    ck_assert_uint_eq(win_rd(0x0021), 0x81);
    ck_assert_uint_eq(*plane_byte(0, 0), 0x41); /* text untouched */
}
END_TEST

START_TEST(test_write_mode0)
{
    planar();
    load_latches();
    win_wr(0x200, 0xA5);
    check_planes(0x200, 0xA5, 0xA5, 0xA5, 0xA5);

    /* Bit mask 0Fh: low nibble from the CPU, high from the latches. */
    gc_out(8, 0x0F);
    win_wr(0x201, 0xA5);
    check_planes(0x201, 0x05, 0xF5, 0x35, 0xC5);
    gc_out(8, 0xFF);

    /* Set/reset 05h on the planes GC01 = 03h enables: plane 0 all ones,
     * plane 1 all zeros, planes 2-3 the CPU byte. */
    gc_out(0, 0x05);
    gc_out(1, 0x03);
    win_wr(0x202, 0x3C);
    check_planes(0x202, 0xFF, 0x00, 0x3C, 0x3C);
    gc_out(1, 0x00);

    /* Rotate right: 4 turns 12h into 21h, 1 turns 81h into C0h. */
    gc_out(3, 0x04);
    win_wr(0x203, 0x12);
    check_planes(0x203, 0x21, 0x21, 0x21, 0x21);
    gc_out(3, 0x01);
    win_wr(0x204, 0x81);
    check_planes(0x204, 0xC0, 0xC0, 0xC0, 0xC0);

    /* Logical functions with the latches (0Fh, F0h, 33h, CCh), data 3Ch.
     * The writes do not reload the latches. */
    gc_out(3, 0x08); /* AND */
    win_wr(0x205, 0x3C);
    check_planes(0x205, 0x0C, 0x30, 0x30, 0x0C);
    gc_out(3, 0x10); /* OR */
    win_wr(0x206, 0x3C);
    check_planes(0x206, 0x3F, 0xFC, 0x3F, 0xFC);
    gc_out(3, 0x18); /* XOR */
    win_wr(0x207, 0x3C);
    check_planes(0x207, 0x33, 0xCC, 0x0F, 0xF0);

    /* Map mask 0Ah: only planes 1 and 3. */
    gc_out(3, 0x00);
    seq_out(2, 0x0A);
    win_wr(0x208, 0x99);
    check_planes(0x208, 0x00, 0x99, 0x00, 0x99);
}
END_TEST

START_TEST(test_write_modes_1_2_3)
{
    planar();
    load_latches();
    /* Mode 1: the latches, whatever the CPU writes (map mask applies). */
    gc_out(5, 0x01);
    win_wr(0x300, 0x00);
    check_planes(0x300, 0x0F, 0xF0, 0x33, 0xCC);
    seq_out(2, 0x05);
    win_wr(0x301, 0xFF);
    check_planes(0x301, 0x0F, 0x00, 0x33, 0x00);
    seq_out(2, 0x0F);

    /* Mode 2: CPU bit p fills plane p (05h: planes 0 and 2). */
    gc_out(5, 0x02);
    win_wr(0x302, 0x05);
    check_planes(0x302, 0xFF, 0x00, 0xFF, 0x00);
    /* Bit mask 81h: (fill & 81h) | (latch & 7Eh). */
    gc_out(8, 0x81);
    win_wr(0x303, 0x05);
    check_planes(0x303, 0x8F, 0x70, 0xB3, 0x4C);
    gc_out(8, 0xFF);

    /* Mode 3: set/reset 0Ch as data, mask = bit mask F0h AND CPU 3Ch =
     * 30h; GC01 does not matter. */
    gc_out(5, 0x03);
    gc_out(0, 0x0C);
    gc_out(8, 0xF0);
    win_wr(0x304, 0x3C);
    check_planes(0x304, 0x0F, 0xC0, 0x33, 0xFC);
    gc_out(1, 0x0F);
    win_wr(0x305, 0x3C);
    check_planes(0x305, 0x0F, 0xC0, 0x33, 0xFC);
    /* ...and the CPU byte is rotated first: 3Ch ror 2 = 0Fh, mask 00h. */
    gc_out(3, 0x02);
    win_wr(0x306, 0x3C);
    check_planes(0x306, 0x0F, 0xF0, 0x33, 0xCC);
}
END_TEST

START_TEST(test_read_modes)
{
    planar();
    set_planes(0x400, 0x0F, 0xF0, 0x33, 0xCC);
    for (uint8_t p = 0; p < 4; p++) {
        gc_out(4, p);
        ck_assert_uint_eq(win_rd(0x400), *plane_byte(p, 0x400));
    }
    ck_assert_uint_eq(card->latch[1], 0xF0);
    /* Read mode 1, colour 0101b: 1 where plane 0 = 1, 1 = 0, 2 = 1,
     * 3 = 0: 0Fh & 0Fh & 33h & 33h = 03h. */
    gc_out(5, 0x08);
    gc_out(2, 0x05);
    gc_out(7, 0x0F);
    ck_assert_uint_eq(win_rd(0x400), 0x03);
    /* Don't care about planes 2-3: 0Fh & 0Fh. */
    gc_out(7, 0x03);
    ck_assert_uint_eq(win_rd(0x400), 0x0F);
    /* Don't care at all: FFh. */
    gc_out(7, 0x00);
    ck_assert_uint_eq(win_rd(0x400), 0xFF);
    /* Colour 1010b over all planes: F0h & F0h & CCh & CCh = C0h. */
    gc_out(7, 0x0F);
    gc_out(2, 0x0A);
    ck_assert_uint_eq(win_rd(0x400), 0xC0);
    /* Latches loaded in read mode 1 too. */
    set_planes(0x401, 1, 2, 3, 4);
    (void)win_rd(0x401);
    ck_assert_uint_eq(card->latch[0], 1);
    ck_assert_uint_eq(card->latch[3], 4);
}
END_TEST

START_TEST(test_dirty_pages)
{
    set_mode13();
    clear_dirty();
    win_wr(0x5000, 0x42);
    ck_assert(page_dirty(0x5000));
    ck_assert(!page_dirty(0x4000));
    ck_assert(!page_dirty(0x6000));
    /* Writing what is there already changes nothing. */
    clear_dirty();
    win_wr(0x5000, 0x42);
    ck_assert(!page_dirty(0x5000));
    /* Planar: plane byte 2000h lives at vram 8000h-8003h. */
    planar();
    clear_dirty();
    win_wr(0x2000, 0x01);
    ck_assert(page_dirty(0x8000));
    ck_assert(!page_dirty(0x2000));
    /* Memory-pipeline registers do not redraw the screen. */
    clear_dirty();
    gc_out(8, 0x55);
    gc_out(3, 0x18);
    seq_out(2, 0x03);
    gc_out(5, 0x03);
    ck_assert(!card->full_redraw);
    gc_out(5, 0x43);
    ck_assert(card->full_redraw);
}
END_TEST

START_TEST(test_wide_window_access)
{
    set_mode13();
    vga_window_ops.write(card, 8, 4, 0x44332211u);
    ck_assert_uint_eq(card->vram[8], 0x11);
    ck_assert_uint_eq(card->vram[11], 0x44);
    ck_assert_uint_eq(vga_window_ops.read(card, 9, 2), 0x3322u);
    ck_assert_uint_eq(vga_window_ops.read(card, 8, 4), 0x44332211u);
    /* A dword across the end of the A0000h 64K map: the part outside
     * reads FFh. */
    card->vram[0xFFFE] = 0xAB;
    card->vram[0xFFFF] = 0xCD;
    ck_assert_uint_eq(vga_window_ops.read(card, 0xFFFE, 4), 0xFFFFCDABu);
}
END_TEST

START_TEST(test_lfb)
{
    clear_dirty();
    lfb_wr(0x123456, 4, 0xDEADBEEFu);
    ck_assert_uint_eq(card->vram[0x123456], 0xEF);
    ck_assert_uint_eq(card->vram[0x123459], 0xDE);
    ck_assert(page_dirty(0x123000));
    ck_assert(!page_dirty(0x122000));
    ck_assert(!page_dirty(0x124000));
    ck_assert_uint_eq(lfb_rd(0x123456, 4), 0xDEADBEEFu);
    ck_assert_uint_eq(lfb_rd(0x123457, 2), 0xADBEu);
    ck_assert_uint_eq(lfb_rd(0x123459, 1), 0xDEu);
    lfb_wr(0x10, 2, 0xABCD);
    ck_assert_uint_eq(card->vram[0x10], 0xCD);
    ck_assert_uint_eq(card->vram[0x11], 0xAB);
    /* Straddling a page boundary dirties both pages. */
    clear_dirty();
    lfb_wr(0x7FFE, 4, 0x01020304u);
    ck_assert(page_dirty(0x7000));
    ck_assert(page_dirty(0x8000));
    /* The last bytes of vram; past the end nothing is written. */
    lfb_wr(VGA_VRAM_SIZE - 2, 4, 0x11223344u);
    ck_assert_uint_eq(card->vram[VGA_VRAM_SIZE - 2], 0x44);
    ck_assert_uint_eq(card->vram[VGA_VRAM_SIZE - 1], 0x33);
    ck_assert_uint_eq(lfb_rd(VGA_VRAM_SIZE - 2, 4), 0xFFFF3344u);
    ck_assert_uint_eq(lfb_rd(VGA_VRAM_SIZE, 4), 0xFFFFFFFFu);
    lfb_wr(0xFFFFFFFEu, 4, 0);
    /* The LFB and the chain-4 window are the same bytes. */
    set_mode13();
    lfb_wr(0x40, 1, 0x5C);
    ck_assert_uint_eq(win_rd(0x40), 0x5C);
}
END_TEST

int main(void)
{
    TCase *tc = tcase_create("memory");
    tcase_add_test(tc, test_memory_map_select);
    tcase_add_test(tc, test_chain4_linear);
    tcase_add_test(tc, test_odd_even_text);
    tcase_add_test(tc, test_write_mode0);
    tcase_add_test(tc, test_write_modes_1_2_3);
    tcase_add_test(tc, test_read_modes);
    tcase_add_test(tc, test_dirty_pages);
    tcase_add_test(tc, test_wide_window_access);
    tcase_add_test(tc, test_lfb);
    return vga_run_suite(vga_one_suite("vga_memory", tc));
}
