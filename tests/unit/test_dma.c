/*
 * test_dma.c - Check unit tests for the PC/AT DMA pair (devices/i8237_dma.c),
 * driven through the I/O ports the way a BIOS or a driver programs it,
 * with a real physical address space behind it.
 *
 * Expectations come from the 8237A datasheet (flip-flop, mode register,
 * status TC/request bits cleared/set as it says, master clear, mask set at
 * TC without auto-init) and the PC/AT layout (page register ports, 16-bit
 * channels addressing words with page bit 0 ignored).
 */
#include "devices/i8237_dma.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "mem/phys.h"
#include "mem/ports.h"
#include "tests/unit/check_main.h"

static struct port_bus *pb;
static struct phys_space *ps;
static struct i8237_dma dma;

static void setup(void)
{
    pb = ports_create();
    ps = phys_create();
    ck_assert_ptr_nonnull(phys_add_ram(ps, "ram", 0, 4u << 20, 0));
    dma_init(&dma, ps);
    ck_assert(dma_attach(&dma, pb));
}

static void teardown(void)
{
    ports_destroy(pb);
    phys_destroy(ps);
}

static void out8(uint16_t port, uint8_t v) { ports_write(pb, port, 1, v); }
static uint8_t in8(uint16_t port) { return (uint8_t)ports_read(pb, port, 1); }

/* DMA2 channel 4 in cascade mode and unmasked, as every AT BIOS leaves it,
 * so DMA1's requests reach the bus. */
static void enable_cascade(void)
{
    out8(0xD6, 0xC0);
    out8(0xD4, 0x00);
}

/* Programs an 8-bit channel like a BIOS: mask, flip-flop, mode, address,
 * page, count, unmask. */
static void program8(unsigned ch, uint8_t mode, uint32_t addr, uint16_t count)
{
    static const uint8_t page_port[4] = { 0x87, 0x83, 0x81, 0x82 };
    out8(0x0A, (uint8_t)(0x04 | ch));
    out8(0x0C, 0);
    out8(0x0B, (uint8_t)(mode | ch));
    out8((uint16_t)(ch * 2), (uint8_t)addr);
    out8((uint16_t)(ch * 2), (uint8_t)(addr >> 8));
    out8(page_port[ch], (uint8_t)(addr >> 16));
    out8((uint16_t)(ch * 2 + 1), (uint8_t)count);
    out8((uint16_t)(ch * 2 + 1), (uint8_t)(count >> 8));
    out8(0x0A, (uint8_t)ch);
}

static uint16_t read_reg16(uint16_t port)
{
    uint8_t lo = in8(port);
    uint8_t hi = in8(port);
    return (uint16_t)(lo | hi << 8);
}

START_TEST(test_flip_flop)
{
    out8(0x0C, 0);
    out8(0x04, 0x34);
    out8(0x04, 0x12);
    out8(0x05, 0xFF);
    out8(0x05, 0x01);
    out8(0x0C, 0);
    ck_assert_uint_eq(read_reg16(0x04), 0x1234);
    ck_assert_uint_eq(read_reg16(0x05), 0x01FF);
    /* One byte read leaves the flip-flop on the high byte... */
    ck_assert_uint_eq(in8(0x04), 0x34);
    ck_assert_uint_eq(in8(0x04), 0x12);
    ck_assert_uint_eq(in8(0x04), 0x34);
    /* ...until a write to 0Ch clears it. */
    out8(0x0C, 0);
    ck_assert_uint_eq(in8(0x04), 0x34);
    /* A write with the flip-flop on the high byte changes only that byte. */
    out8(0x04, 0xAB);
    out8(0x0C, 0);
    ck_assert_uint_eq(read_reg16(0x04), 0xAB34);
}
END_TEST

START_TEST(test_page_registers)
{
    for (uint16_t p = 0x81; p <= 0x8F; p++)
        out8(p, (uint8_t)(p ^ 0x5A));
    for (uint16_t p = 0x81; p <= 0x8F; p++)
        ck_assert_uint_eq(in8(p), (uint8_t)(p ^ 0x5A));
    /* 80h is the POST port: not claimed by the DMA pair (unmapped reads
     * are all ones, and a write there changes no page latch). */
    out8(0x80, 0x42);
    ck_assert_uint_eq(in8(0x80), 0xFF);
    for (uint16_t p = 0x81; p <= 0x8F; p++)
        ck_assert_uint_eq(in8(p), (uint8_t)(p ^ 0x5A));

    /* Each channel's page latch (AT: 87h ch0, 83h ch1, 81h ch2, 82h ch3). */
    static const uint8_t page_port[4] = { 0x87, 0x83, 0x81, 0x82 };
    for (unsigned ch = 0; ch < 4; ch++) {
        out8(page_port[ch], (uint8_t)(0x10 + ch));
        out8(0x0C, 0);
        out8((uint16_t)(ch * 2), 0x00);
        out8((uint16_t)(ch * 2), 0x20);
        ck_assert_uint_eq(dma_channel_address(&dma, ch), (uint32_t)(0x10 + ch) << 16 | 0x2000);
    }
    /* And the 16-bit ones (8Bh ch5, 89h ch6, 8Ah ch7), page bit 0 dropped. */
    static const uint8_t page_port16[3] = { 0x8B, 0x89, 0x8A };
    for (unsigned k = 0; k < 3; k++) {
        out8(page_port16[k], (uint8_t)(0x21 + 2 * k));
        out8(0xD8, 0);
        out8((uint16_t)(0xC0 + 4 * (k + 1)), 0x00);
        out8((uint16_t)(0xC0 + 4 * (k + 1)), 0x10);
        ck_assert_uint_eq(dma_channel_address(&dma, 5 + k),
                          (uint32_t)(0x20 + 2 * k) << 16 | 0x2000);
    }
}
END_TEST

START_TEST(test_write_to_memory_and_tc)
{
    enable_cascade();
    program8(2, 0x44, 0x011000, 15);   /* single, write (to memory), ch2 */
    ck_assert(dma_channel_ready(&dma, 2));
    uint8_t src[32];
    for (unsigned i = 0; i < sizeof src; i++)
        src[i] = (uint8_t)(0xA0 + i);
    /* 16 transfers programmed (count 15): a 32-byte offer moves 16. */
    ck_assert_uint_eq(dma_transfer_to_memory(&dma, 2, src, 32), 16);
    ck_assert(dma_terminal_count(&dma, 2));
    uint8_t got[17];
    phys_read_block(ps, 0x011000, got, 17);
    ck_assert_mem_eq(got, src, 16);
    ck_assert_uint_eq(got[16], 0);
    /* Status: TC for ch2 (bit 2), cleared by the read. */
    ck_assert_uint_eq(in8(0x08) & 0x0F, 0x04);
    ck_assert_uint_eq(in8(0x08) & 0x0F, 0x00);
    /* Without auto-init the channel masks itself at TC. */
    ck_assert_uint_eq(in8(0x0F) & 0x04, 0x04);
    ck_assert(!dma_channel_ready(&dma, 2));
    ck_assert_uint_eq(dma_transfer_to_memory(&dma, 2, src, 32), 0);
    ck_assert(!dma_terminal_count(&dma, 2));
    /* Current count reads FFFFh, current address one past the block. */
    out8(0x0C, 0);
    ck_assert_uint_eq(read_reg16(0x05), 0xFFFF);
    ck_assert_uint_eq(read_reg16(0x04), 0x1010);
}
END_TEST

START_TEST(test_partial_transfers)
{
    enable_cascade();
    program8(1, 0x44, 0x020000, 99);   /* 100 bytes on ch1 */
    uint8_t src[40];
    memset(src, 0x11, sizeof src);
    ck_assert_uint_eq(dma_transfer_to_memory(&dma, 1, src, 40), 40);
    ck_assert(!dma_terminal_count(&dma, 1));
    ck_assert_uint_eq(in8(0x08) & 0x0F, 0);
    memset(src, 0x22, sizeof src);
    ck_assert_uint_eq(dma_transfer_to_memory(&dma, 1, src, 40), 40);
    memset(src, 0x33, sizeof src);
    ck_assert_uint_eq(dma_transfer_to_memory(&dma, 1, src, 40), 20);
    ck_assert(dma_terminal_count(&dma, 1));
    ck_assert_uint_eq(phys_read8(ps, 0x020000 + 39), 0x11);
    ck_assert_uint_eq(phys_read8(ps, 0x020000 + 40), 0x22);
    ck_assert_uint_eq(phys_read8(ps, 0x020000 + 99), 0x33);
    ck_assert_uint_eq(phys_read8(ps, 0x020000 + 100), 0x00);
}
END_TEST

START_TEST(test_read_from_memory)
{
    enable_cascade();
    uint8_t pattern[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
    phys_write_block(ps, 0x030100, pattern, 8);
    program8(3, 0x48, 0x030100, 7);    /* single, read (from memory), ch3 */
    uint8_t dst[8] = { 0 };
    ck_assert_uint_eq(dma_transfer_from_memory(&dma, 3, dst, 8), 8);
    ck_assert_mem_eq(dst, pattern, 8);
    ck_assert_uint_eq(in8(0x08) & 0x0F, 0x08);
}
END_TEST

START_TEST(test_autoinit)
{
    enable_cascade();
    program8(2, 0x54, 0x040000, 7);    /* single, auto-init, write, ch2 */
    uint8_t a[8], b[4];
    memset(a, 0xAA, sizeof a);
    memset(b, 0xBB, sizeof b);
    ck_assert_uint_eq(dma_transfer_to_memory(&dma, 2, a, 8), 8);
    ck_assert(dma_terminal_count(&dma, 2));
    /* Auto-init: still unmasked, current registers back at base. */
    ck_assert_uint_eq(in8(0x0F) & 0x04, 0);
    ck_assert(dma_channel_ready(&dma, 2));
    out8(0x0C, 0);
    ck_assert_uint_eq(read_reg16(0x04), 0x0000);
    ck_assert_uint_eq(read_reg16(0x05), 7);
    ck_assert_uint_eq(dma_transfer_to_memory(&dma, 2, b, 4), 4);
    ck_assert(!dma_terminal_count(&dma, 2));
    ck_assert_uint_eq(phys_read8(ps, 0x040000), 0xBB);
    ck_assert_uint_eq(phys_read8(ps, 0x040003), 0xBB);
    ck_assert_uint_eq(phys_read8(ps, 0x040004), 0xAA);
    /* A transfer straddling TC stops there, then the next offer starts
     * again at the base. */
    ck_assert_uint_eq(dma_transfer_to_memory(&dma, 2, a, 8), 4);
    ck_assert(dma_terminal_count(&dma, 2));
    ck_assert_uint_eq(in8(0x08) & 0x04, 0x04);
}
END_TEST

START_TEST(test_decrement)
{
    enable_cascade();
    program8(2, 0x64, 0x052010, 3);    /* single, decrement, write, ch2 */
    uint8_t src[4] = { 1, 2, 3, 4 };
    ck_assert_uint_eq(dma_transfer_to_memory(&dma, 2, src, 4), 4);
    ck_assert_uint_eq(phys_read8(ps, 0x052010), 1);
    ck_assert_uint_eq(phys_read8(ps, 0x05200F), 2);
    ck_assert_uint_eq(phys_read8(ps, 0x05200E), 3);
    ck_assert_uint_eq(phys_read8(ps, 0x05200D), 4);
    ck_assert_uint_eq(phys_read8(ps, 0x05200C), 0);
    out8(0x0C, 0);
    ck_assert_uint_eq(read_reg16(0x04), 0x200C);

    /* Reading in decrement mode gives the bytes in falling address order. */
    program8(3, 0x68, 0x052010, 3);
    uint8_t dst[4];
    ck_assert_uint_eq(dma_transfer_from_memory(&dma, 3, dst, 4), 4);
    ck_assert_mem_eq(dst, src, 4);
}
END_TEST

START_TEST(test_page_wrap)
{
    enable_cascade();
    /* An 8-bit channel wraps inside its 64 KiB page. */
    program8(2, 0x44, 0x02FFFE, 3);
    uint8_t src[4] = { 0x61, 0x62, 0x63, 0x64 };
    ck_assert_uint_eq(dma_transfer_to_memory(&dma, 2, src, 4), 4);
    ck_assert_uint_eq(phys_read8(ps, 0x02FFFE), 0x61);
    ck_assert_uint_eq(phys_read8(ps, 0x02FFFF), 0x62);
    ck_assert_uint_eq(phys_read8(ps, 0x020000), 0x63);
    ck_assert_uint_eq(phys_read8(ps, 0x020001), 0x64);
    ck_assert_uint_eq(phys_read8(ps, 0x030000), 0x00);
    /* Decrement wraps the other way. */
    program8(1, 0x64, 0x060001, 3);
    ck_assert_uint_eq(dma_transfer_to_memory(&dma, 1, src, 4), 4);
    ck_assert_uint_eq(phys_read8(ps, 0x060001), 0x61);
    ck_assert_uint_eq(phys_read8(ps, 0x060000), 0x62);
    ck_assert_uint_eq(phys_read8(ps, 0x06FFFF), 0x63);
    ck_assert_uint_eq(phys_read8(ps, 0x06FFFE), 0x64);
}
END_TEST

/* Channel 5 through DMA2's even ports: mode D6h, mask D4h, flip-flop D8h,
 * address C4h, count C6h, page 8Bh. */
static void program5(uint8_t mode, uint8_t page, uint16_t word_addr, uint16_t words_minus_1)
{
    out8(0xD4, 0x05);
    out8(0xD8, 0);
    out8(0xD6, (uint8_t)(mode | 1));
    out8(0xC4, (uint8_t)word_addr);
    out8(0xC4, (uint8_t)(word_addr >> 8));
    out8(0x8B, page);
    out8(0xC6, (uint8_t)words_minus_1);
    out8(0xC6, (uint8_t)(words_minus_1 >> 8));
    out8(0xD4, 0x01);
}

START_TEST(test_16bit_channel)
{
    /* Page 03h: bit 0 ignored, so the 128 KiB page at 20000h; word
     * address 8000h is byte 10000h into it. */
    program5(0x44, 0x03, 0x8000, 1);
    ck_assert_uint_eq(dma_channel_address(&dma, 5), 0x030000);
    uint8_t src[6] = { 1, 2, 3, 4, 5, 6 };
    /* Count 1 = two words = four bytes. */
    ck_assert_uint_eq(dma_transfer_to_memory(&dma, 5, src, 6), 4);
    ck_assert(dma_terminal_count(&dma, 5));
    uint8_t got[6];
    phys_read_block(ps, 0x030000, got, 6);
    ck_assert_mem_eq(got, src, 4);
    ck_assert_uint_eq(got[4], 0);
    /* DMA2's status register (D0h) reports TC for its channel 1 (= 5). */
    ck_assert_uint_eq(in8(0xD0) & 0x0F, 0x02);
    /* The address register counts words: 8002h now. */
    out8(0xD8, 0);
    ck_assert_uint_eq(read_reg16(0xC4), 0x8002);
    /* Odd ports in C0h-DFh are not decoded. */
    ck_assert_uint_eq(in8(0xC5), 0xFF);

    /* The word address wraps inside the 128 KiB page. */
    program5(0x44, 0x02, 0xFFFF, 1);
    ck_assert_uint_eq(dma_transfer_to_memory(&dma, 5, src, 4), 4);
    ck_assert_uint_eq(phys_read8(ps, 0x03FFFE), 1);
    ck_assert_uint_eq(phys_read8(ps, 0x03FFFF), 2);
    ck_assert_uint_eq(phys_read8(ps, 0x020000), 3);
    ck_assert_uint_eq(phys_read8(ps, 0x020001), 4);
    /* An odd length moves whole words only. */
    program5(0x44, 0x04, 0x0000, 9);
    ck_assert_uint_eq(dma_transfer_to_memory(&dma, 5, src, 5), 4);
}
END_TEST

START_TEST(test_masked_moves_nothing)
{
    uint8_t src[4] = { 9, 9, 9, 9 };
    /* After reset every channel is masked. */
    ck_assert(!dma_channel_ready(&dma, 2));
    ck_assert_uint_eq(dma_transfer_to_memory(&dma, 2, src, 4), 0);
    /* Unmasked on DMA1 but the cascade (DMA2 channel 4) still masked. */
    program8(2, 0x44, 0x070000, 3);
    ck_assert(!dma_channel_ready(&dma, 2));
    ck_assert_uint_eq(dma_transfer_to_memory(&dma, 2, src, 4), 0);
    enable_cascade();
    ck_assert(dma_channel_ready(&dma, 2));
    /* Single mask set again. */
    out8(0x0A, 0x06);
    ck_assert_uint_eq(dma_transfer_to_memory(&dma, 2, src, 4), 0);
    /* Clear-mask register (0Eh) unmasks all; command bit 2 disables. */
    out8(0x0E, 0);
    out8(0x08, 0x04);
    ck_assert_uint_eq(dma_transfer_to_memory(&dma, 2, src, 4), 0);
    out8(0x08, 0x00);
    /* Write-all-mask (0Fh). */
    out8(0x0F, 0x04);
    ck_assert_uint_eq(dma_transfer_to_memory(&dma, 2, src, 4), 0);
    out8(0x0F, 0x00);
    /* Channel 4 itself is the cascade and takes no device transfers. */
    ck_assert(!dma_channel_ready(&dma, 4));
    ck_assert_uint_eq(dma_transfer_to_memory(&dma, 4, src, 4), 0);
    ck_assert_uint_eq(dma_transfer_to_memory(&dma, 9, src, 4), 0);
    ck_assert_uint_eq(phys_read8(ps, 0x070000), 0);
    ck_assert_uint_eq(dma_transfer_to_memory(&dma, 2, src, 4), 4);
    ck_assert_uint_eq(phys_read8(ps, 0x070000), 9);
}
END_TEST

START_TEST(test_verify_and_request)
{
    enable_cascade();
    program8(2, 0x40, 0x080000, 3);   /* verify: counts, touches nothing */
    uint8_t src[4] = { 7, 7, 7, 7 };
    ck_assert_uint_eq(dma_transfer_to_memory(&dma, 2, src, 4), 4);
    ck_assert_uint_eq(phys_read8(ps, 0x080000), 0);
    ck_assert(dma_terminal_count(&dma, 2));
    ck_assert_uint_eq(in8(0x08), 0x04);

    /* Software request bit shows in status bits 7-4; TC drops it. */
    program8(1, 0x44, 0x081000, 1);
    out8(0x09, 0x05);
    ck_assert_uint_eq(in8(0x08), 0x20);
    ck_assert_uint_eq(dma_transfer_to_memory(&dma, 1, src, 2), 2);
    ck_assert_uint_eq(in8(0x08), 0x02);
    out8(0x09, 0x06);
    out8(0x09, 0x02);
    ck_assert_uint_eq(in8(0x08), 0x00);
}
END_TEST

START_TEST(test_master_clear)
{
    enable_cascade();
    program8(2, 0x44, 0x090000, 0x1FF);
    out8(0x0E, 0);                 /* all unmasked */
    out8(0x09, 0x04);              /* a request on ch0 */
    out8(0x08, 0x10);              /* some command bits */
    out8(0x04, 0x77);              /* flip-flop now on the high byte */
    out8(0x0D, 0);                 /* master clear */
    ck_assert_uint_eq(in8(0x0F) & 0x0F, 0x0F);
    ck_assert_uint_eq(in8(0x08), 0x00);
    ck_assert_uint_eq(in8(0x0D), 0x00);   /* temporary register */
    /* The flip-flop is cleared: the next byte read is the low one.  The
     * address survived (master clear leaves it). */
    ck_assert_uint_eq(read_reg16(0x05), 0x1FF);
    ck_assert_uint_eq(dma.chip[0].command, 0);
    ck_assert(!dma_channel_ready(&dma, 2));
}
END_TEST

static unsigned code_hook_calls;
static uint32_t code_hook_addr;

static void code_hook(void *opaque, uint32_t addr, unsigned len)
{
    (void)opaque;
    (void)len;
    code_hook_calls++;
    code_hook_addr = addr;
    phys_clear_code_page(ps, addr);
}

START_TEST(test_dma_write_invalidates_code)
{
    enable_cascade();
    code_hook_calls = 0;
    phys_set_code_write_hook(ps, code_hook, NULL);
    ck_assert(phys_mark_code(ps, 0x0A0040, 16));
    program8(2, 0x44, 0x0A0000, 0xFF);
    uint8_t src[256];
    memset(src, 0x90, sizeof src);
    ck_assert_uint_eq(dma_transfer_to_memory(&dma, 2, src, 256), 256);
    ck_assert_uint_eq(code_hook_calls, 1);
    ck_assert_uint_eq(code_hook_addr & ~0xFFFu, 0x0A0000);
}
END_TEST

/* Any register write in any order, interleaved with device transfers of
 * any size on any channel, must neither crash nor move more than asked. */
START_TEST(test_random_programming_survives)
{
    static const uint16_t ports[] = { 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07,
                                      0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F,
                                      0xC0, 0xC4, 0xC8, 0xCC, 0xD0, 0xD4, 0xD6, 0xD8,
                                      0xDA, 0xDC, 0xDE, 0x81, 0x82, 0x83, 0x87, 0x8B };
    uint8_t buf[300];
    memset(buf, 0x5A, sizeof buf);
    uint32_t x = 777;
    for (unsigned i = 0; i < 50000; i++) {
        x = x * 1103515245u + 12345u;
        uint16_t port = ports[(x >> 16) % (sizeof ports / sizeof ports[0])];
        if ((x >> 8) & 1)
            out8(port, (uint8_t)(x >> 24));
        else
            (void)in8(port);
        if ((i & 7) == 0) {
            unsigned ch = (x >> 4) & 7;
            size_t len = (x >> 20) % sizeof buf;
            size_t moved = (x & 2) ? dma_transfer_to_memory(&dma, ch, buf, len)
                                   : dma_transfer_from_memory(&dma, ch, buf, len);
            ck_assert_uint_le(moved, len);
        }
    }
}
END_TEST

static Suite *dma_suite(void)
{
    Suite *s = suite_create("i8237_dma");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_flip_flop);
    tcase_add_test(tc, test_page_registers);
    tcase_add_test(tc, test_write_to_memory_and_tc);
    tcase_add_test(tc, test_partial_transfers);
    tcase_add_test(tc, test_read_from_memory);
    tcase_add_test(tc, test_autoinit);
    tcase_add_test(tc, test_decrement);
    tcase_add_test(tc, test_page_wrap);
    tcase_add_test(tc, test_16bit_channel);
    tcase_add_test(tc, test_masked_moves_nothing);
    tcase_add_test(tc, test_verify_and_request);
    tcase_add_test(tc, test_master_clear);
    tcase_add_test(tc, test_dma_write_invalidates_code);
    tcase_add_test(tc, test_random_programming_survives);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return check_run(dma_suite(), CK_ENV);
}
