/*
 * test_vbe.c - Check unit tests for the Bochs VBE DISPI interface
 * (devices/vga_vbe.c) through ports 1CEh/1CFh as drivers use it: the ID
 * handshake, GETCAPS, mode set and the rules on XRES/YRES/BPP, clearing
 * of vram (and NOCLEARMEM), the bank window at A0000h, the LFB in a VBE
 * mode, virtual width/height and X/Y offsets (vbe_start), byte accesses,
 * the 8-bit DAC, reset.
 */
#include "vga_fixture.h"

static void dispi_out(uint16_t index, uint16_t value)
{
    outw(0x1CE, index);
    outw(0x1CF, value);
}

static uint16_t dispi_in(uint16_t index)
{
    outw(0x1CE, index);
    return inw(0x1CF);
}

static void set_vbe_mode(uint16_t xres, uint16_t yres, uint16_t bpp, uint16_t flags)
{
    dispi_out(VBE_DISPI_INDEX_ENABLE, 0);
    dispi_out(VBE_DISPI_INDEX_XRES, xres);
    dispi_out(VBE_DISPI_INDEX_YRES, yres);
    dispi_out(VBE_DISPI_INDEX_BPP, bpp);
    dispi_out(VBE_DISPI_INDEX_ENABLE, (uint16_t)(VBE_DISPI_ENABLED | flags));
}

START_TEST(test_id_handshake)
{
    ck_assert_uint_eq(dispi_in(VBE_DISPI_INDEX_ID), 0xB0C5);
    dispi_out(VBE_DISPI_INDEX_ID, 0xB0C0);
    ck_assert_uint_eq(dispi_in(VBE_DISPI_INDEX_ID), 0xB0C0);
    dispi_out(VBE_DISPI_INDEX_ID, 0xB0C6);
    ck_assert_uint_eq(dispi_in(VBE_DISPI_INDEX_ID), 0xB0C0);
    dispi_out(VBE_DISPI_INDEX_ID, 0x1234);
    ck_assert_uint_eq(dispi_in(VBE_DISPI_INDEX_ID), 0xB0C0);
    dispi_out(VBE_DISPI_INDEX_ID, 0xB0C4);
    ck_assert_uint_eq(dispi_in(VBE_DISPI_INDEX_ID), 0xB0C4);
    /* The index reads back; indices past the last register read 0. */
    outw(0x1CE, 0x0003);
    ck_assert_uint_eq(inw(0x1CE), 0x0003);
    ck_assert_uint_eq(dispi_in(0x0B), 0);
    ck_assert_uint_eq(dispi_in(0xFFFF), 0);
    dispi_out(0xFFFF, 0x1234);
    /* 16 MiB of vram in 64 KiB units, read-only. */
    ck_assert_uint_eq(dispi_in(VBE_DISPI_INDEX_VIDEO_MEMORY_64K), 256);
    dispi_out(VBE_DISPI_INDEX_VIDEO_MEMORY_64K, 1);
    ck_assert_uint_eq(dispi_in(VBE_DISPI_INDEX_VIDEO_MEMORY_64K), 256);
}
END_TEST

START_TEST(test_getcaps)
{
    dispi_out(VBE_DISPI_INDEX_XRES, 640);
    dispi_out(VBE_DISPI_INDEX_ENABLE, VBE_DISPI_GETCAPS);
    ck_assert_uint_eq(dispi_in(VBE_DISPI_INDEX_XRES), 1920);
    ck_assert_uint_eq(dispi_in(VBE_DISPI_INDEX_YRES), 1200);
    ck_assert_uint_eq(dispi_in(VBE_DISPI_INDEX_BPP), 32);
    dispi_out(VBE_DISPI_INDEX_ENABLE, 0);
    ck_assert_uint_eq(dispi_in(VBE_DISPI_INDEX_XRES), 640);
    ck_assert_uint_eq(dispi_in(VBE_DISPI_INDEX_BPP), 8);
}
END_TEST

START_TEST(test_mode_set_and_rules)
{
    memset(card->vram, 0x55, 0x400000);
    card->full_redraw = false;
    set_vbe_mode(1024, 768, 32, VBE_DISPI_LFB_ENABLED);
    ck_assert_uint_eq(dispi_in(VBE_DISPI_INDEX_ENABLE),
                      VBE_DISPI_ENABLED | VBE_DISPI_LFB_ENABLED);
    ck_assert_uint_eq(card->vbe_line_bytes, 4096);
    ck_assert_uint_eq(card->vbe_start, 0);
    ck_assert_uint_eq(dispi_in(VBE_DISPI_INDEX_VIRT_WIDTH), 1024);
    ck_assert_uint_eq(dispi_in(VBE_DISPI_INDEX_VIRT_HEIGHT), 4096); /* 16 MiB / 4096 */
    ck_assert(card->full_redraw);
    ck_assert_uint_eq(card->vram[0], 0);          /* cleared */
    ck_assert_uint_eq(card->vram[0x3FFFFF], 0);
    ck_assert(page_dirty(0x100000));
    /* The VGA side says graphics, chain-4, A0000h 64K. */
    ck_assert_uint_eq(card->gc[6] & 0x0Du, 0x05);
    ck_assert_uint_eq(card->seq[4] & 0x08u, 0x08);

    /* Geometry is locked while enabled. */
    dispi_out(VBE_DISPI_INDEX_XRES, 800);
    dispi_out(VBE_DISPI_INDEX_YRES, 600);
    dispi_out(VBE_DISPI_INDEX_BPP, 16);
    ck_assert_uint_eq(dispi_in(VBE_DISPI_INDEX_XRES), 1024);
    ck_assert_uint_eq(dispi_in(VBE_DISPI_INDEX_YRES), 768);
    ck_assert_uint_eq(dispi_in(VBE_DISPI_INDEX_BPP), 32);

    /* Disabled: bad values are dropped, good ones kept. */
    dispi_out(VBE_DISPI_INDEX_ENABLE, 0);
    dispi_out(VBE_DISPI_INDEX_XRES, 1021);   /* not a multiple of 8 */
    dispi_out(VBE_DISPI_INDEX_XRES, 1928);   /* past 1920 */
    dispi_out(VBE_DISPI_INDEX_YRES, 1201);
    dispi_out(VBE_DISPI_INDEX_BPP, 12);
    dispi_out(VBE_DISPI_INDEX_BPP, 4);       /* planar VBE: not supported */
    ck_assert_uint_eq(dispi_in(VBE_DISPI_INDEX_XRES), 1024);
    ck_assert_uint_eq(dispi_in(VBE_DISPI_INDEX_YRES), 768);
    ck_assert_uint_eq(dispi_in(VBE_DISPI_INDEX_BPP), 32);
    dispi_out(VBE_DISPI_INDEX_XRES, 1920);
    dispi_out(VBE_DISPI_INDEX_YRES, 1200);
    dispi_out(VBE_DISPI_INDEX_BPP, 0);       /* 0 means 8 */
    ck_assert_uint_eq(dispi_in(VBE_DISPI_INDEX_BPP), 8);
    for (unsigned i = 0; i < 4; i++) {
        static const uint16_t bpp[4] = { 15, 16, 24, 32 };
        static const uint32_t bytes[4] = { 2, 2, 3, 4 };
        set_vbe_mode(1920, 1200, bpp[i], VBE_DISPI_NOCLEARMEM);
        ck_assert_uint_eq(card->vbe_line_bytes, 1920 * bytes[i]);
    }

    /* NOCLEARMEM keeps vram. */
    dispi_out(VBE_DISPI_INDEX_ENABLE, 0);
    card->vram[0x1234] = 0x77;
    set_vbe_mode(640, 480, 8, VBE_DISPI_NOCLEARMEM);
    ck_assert_uint_eq(card->vram[0x1234], 0x77);
    ck_assert_uint_eq(card->vbe_line_bytes, 640);

    /* No resolution, no mode. */
    dispi_out(VBE_DISPI_INDEX_ENABLE, 0);
    dispi_out(VBE_DISPI_INDEX_XRES, 0);
    dispi_out(VBE_DISPI_INDEX_ENABLE, VBE_DISPI_ENABLED);
    ck_assert_uint_eq(dispi_in(VBE_DISPI_INDEX_ENABLE) & VBE_DISPI_ENABLED, 0);
}
END_TEST

START_TEST(test_bank_window)
{
    set_vbe_mode(640, 480, 8, 0);
    dispi_out(VBE_DISPI_INDEX_BANK, 3);
    clear_dirty();
    win_wr(0x10, 0xAB);
    ck_assert_uint_eq(card->vram[3 * 0x10000 + 0x10], 0xAB);
    ck_assert(page_dirty(3 * 0x10000));
    ck_assert_uint_eq(win_rd(0x10), 0xAB);
    vga_window_ops.write(card, 0xFFFC, 4, 0x04030201u);
    ck_assert_uint_eq(card->vram[3 * 0x10000 + 0xFFFF], 0x04);
    /* B0000h-BFFFFh is not the bank. */
    ck_assert_uint_eq(win_rd(0x10010), 0xFF);
    win_wr(0x10010, 0x11);
    ck_assert_uint_eq(card->vram[4 * 0x10000 + 0x10], 0x00);
    /* Banks wrap inside the 256 of 16 MiB. */
    dispi_out(VBE_DISPI_INDEX_BANK, 0x1FF);
    ck_assert_uint_eq(dispi_in(VBE_DISPI_INDEX_BANK), 0xFF);
    win_wr(0xFFFF, 0x5A);
    ck_assert_uint_eq(card->vram[VGA_VRAM_SIZE - 1], 0x5A);
    /* The LFB is the same memory. */
    lfb_wr(0xFF0000, 4, 0x11223344u);
    ck_assert_uint_eq(win_rd(0x0000), 0x44);
    /* Disabled again, the window is the VGA's (chain-4 left set). */
    dispi_out(VBE_DISPI_INDEX_ENABLE, 0);
    win_wr(0x20, 0x99);
    ck_assert_uint_eq(card->vram[0x20], 0x99);
}
END_TEST

START_TEST(test_virtual_screen_and_offsets)
{
    set_vbe_mode(800, 600, 32, 0);
    ck_assert_uint_eq(card->vbe_line_bytes, 3200);
    dispi_out(VBE_DISPI_INDEX_VIRT_WIDTH, 1024);
    ck_assert_uint_eq(card->vbe_line_bytes, 4096);
    ck_assert_uint_eq(dispi_in(VBE_DISPI_INDEX_VIRT_HEIGHT), 4096);
    card->full_redraw = false;
    dispi_out(VBE_DISPI_INDEX_X_OFFSET, 10);
    dispi_out(VBE_DISPI_INDEX_Y_OFFSET, 20);
    ck_assert_uint_eq(card->vbe_start, 20 * 4096 + 10 * 4);
    ck_assert(card->full_redraw);
    /* The last Y that keeps 600 lines in vram:
     * y * 4096 + 40 + 599 * 4096 + 3200 <= 16 MiB  ->  y <= 3496. */
    dispi_out(VBE_DISPI_INDEX_Y_OFFSET, 3496);
    ck_assert_uint_eq(card->vbe_start, 3496u * 4096 + 40);
    dispi_out(VBE_DISPI_INDEX_Y_OFFSET, 3497);
    ck_assert_uint_eq(dispi_in(VBE_DISPI_INDEX_Y_OFFSET), 3496);
    ck_assert_uint_eq(card->vbe_start, 3496u * 4096 + 40);
    dispi_out(VBE_DISPI_INDEX_X_OFFSET, 0xFFFF);
    ck_assert_uint_eq(dispi_in(VBE_DISPI_INDEX_X_OFFSET), 10);
    /* The virtual height is computed, not written. */
    dispi_out(VBE_DISPI_INDEX_VIRT_HEIGHT, 10);
    ck_assert_uint_eq(dispi_in(VBE_DISPI_INDEX_VIRT_HEIGHT), 4096);
    /* Narrower than XRES means XRES; so wide 600 lines do not fit
     * either.  A width change that strands the offsets resets them. */
    dispi_out(VBE_DISPI_INDEX_VIRT_WIDTH, 100);
    ck_assert_uint_eq(dispi_in(VBE_DISPI_INDEX_VIRT_WIDTH), 800);
    ck_assert_uint_eq(card->vbe_line_bytes, 3200);
    ck_assert_uint_le(card->vbe_start + 599u * 3200 + 3200, VGA_VRAM_SIZE);
    dispi_out(VBE_DISPI_INDEX_VIRT_WIDTH, 0xFFFF);
    ck_assert_uint_eq(dispi_in(VBE_DISPI_INDEX_VIRT_WIDTH), 800);
    /* 8 bpp: 0xFFFF pixels x 200 lines fits, and 16 MiB / 65535 = 256. */
    set_vbe_mode(320, 200, 8, 0);
    dispi_out(VBE_DISPI_INDEX_VIRT_WIDTH, 0xFFFF);
    ck_assert_uint_eq(card->vbe_line_bytes, 0xFFFF);
    ck_assert_uint_eq(dispi_in(VBE_DISPI_INDEX_VIRT_HEIGHT), 256);
    /* Enabling again resets the virtual screen. */
    set_vbe_mode(320, 200, 8, 0);
    ck_assert_uint_eq(card->vbe_line_bytes, 320);
    ck_assert_uint_eq(card->vbe_start, 0);
}
END_TEST

START_TEST(test_byte_accesses)
{
    outb(0x1CE, VBE_DISPI_INDEX_XRES);
    outb(0x1CF, 0x80);
    ck_assert_uint_eq(dispi_in(VBE_DISPI_INDEX_XRES), 0x80);
    outw(0x1CE, VBE_DISPI_INDEX_ID);
    ck_assert_uint_eq(inb(0x1CF), 0xC5);
    ck_assert_uint_eq(inb(0x1CE), VBE_DISPI_INDEX_ID);
    /* 1D0h (the old Bochs data alias) is not decoded. */
    ck_assert_uint_eq(inb(0x1D0), 0xFF);
    outw(0x1CE, VBE_DISPI_INDEX_XRES);
    outb(0x1D0, 0x40);
    ck_assert_uint_eq(dispi_in(VBE_DISPI_INDEX_XRES), 0x80);
}
END_TEST

START_TEST(test_8bit_dac)
{
    outb(0x3C8, 0x01);
    outb(0x3C9, 0xFF);
    outb(0x3C9, 0x20);
    outb(0x3C9, 0x01);
    ck_assert_uint_eq(card->dac[1][0], 0x3F);
    /* 8-bit: the entries keep their colour (x4), new values are 8-bit. */
    dispi_out(VBE_DISPI_INDEX_ENABLE, VBE_DISPI_8BIT_DAC);
    ck_assert_uint_eq(card->dac[1][0], 0xFC);
    ck_assert_uint_eq(card->dac[1][1], 0x80);
    ck_assert_uint_eq(card->dac[1][2], 0x04);
    outb(0x3C8, 0x02);
    outb(0x3C9, 0xFF);
    outb(0x3C9, 0x81);
    outb(0x3C9, 0x02);
    outb(0x3C7, 0x02);
    ck_assert_uint_eq(inb(0x3C9), 0xFF);
    ck_assert_uint_eq(inb(0x3C9), 0x81);
    ck_assert_uint_eq(inb(0x3C9), 0x02);
    /* Back to 6 bits. */
    dispi_out(VBE_DISPI_INDEX_ENABLE, 0);
    ck_assert_uint_eq(card->dac[2][0], 0x3F);
    ck_assert_uint_eq(card->dac[2][1], 0x20);
    ck_assert_uint_eq(card->dac[1][0], 0x3F);
}
END_TEST

START_TEST(test_reset)
{
    set_vbe_mode(800, 600, 16, VBE_DISPI_8BIT_DAC);
    dispi_out(VBE_DISPI_INDEX_ID, 0xB0C2);
    vga_reset(card);
    ck_assert_uint_eq(dispi_in(VBE_DISPI_INDEX_ENABLE), 0);
    ck_assert_uint_eq(dispi_in(VBE_DISPI_INDEX_ID), 0xB0C5);
    ck_assert_uint_eq(card->vbe_start, 0);
    ck_assert(card->full_redraw);
}
END_TEST

int main(void)
{
    TCase *tc = tcase_create("vbe");
    tcase_add_test(tc, test_id_handshake);
    tcase_add_test(tc, test_getcaps);
    tcase_add_test(tc, test_mode_set_and_rules);
    tcase_add_test(tc, test_bank_window);
    tcase_add_test(tc, test_virtual_screen_and_offsets);
    tcase_add_test(tc, test_byte_accesses);
    tcase_add_test(tc, test_8bit_dac);
    tcase_add_test(tc, test_reset);
    return vga_run_suite(vga_one_suite("vbe", tc));
}
