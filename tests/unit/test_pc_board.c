/*
 * test_pc_board.c - Check unit tests for the minimal PC board
 * (devices/pc_board.c) and its two ports: the BIOS size rules, where the
 * image shows in the address space (at 4 GiB, and its top 128 KiB at most
 * below 1 MiB), that it is read-only, the RAM size, the POST port and its
 * log, the debug-exit status arithmetic and first-write-wins rule, and
 * what pc_board_run reports for HLT and for a debug-exit write.
 *
 * Images are filled so that every byte names its own offset (the low byte
 * of offset / 256 + offset), so a wrongly placed view reads wrong values.
 */
#include "devices/pc_board.h"
#include "devices/sched.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "cpu/cpu.h"
#include "cpu/cpuid.h"
#include "cpu/regs.h"
#include "devices/ioapic.h"
#include "devices/lapic.h"
#include "mem/phys.h"
#include "mem/ports.h"
#include "tests/unit/check_main.h"

#define KIB 1024u
#define MIB (1024u * 1024u)

static uint8_t pattern(size_t off)
{
    return (uint8_t)(off / 256 + off);
}

/* An image of `size` bytes with the pattern, `code` at the reset vector. */
static uint8_t *make_image(size_t size, const uint8_t *code, size_t code_len)
{
    uint8_t *img = malloc(size);
    ck_assert_ptr_nonnull(img);
    for (size_t k = 0; k < size; k++)
        img[k] = pattern(k);
    if (code_len != 0)
        memcpy(img + size - 16, code, code_len);
    return img;
}

static struct pc_board *make_board(uint32_t ram_mib, const uint8_t *img, size_t size, FILE *log)
{
    struct pc_board_config cfg = { .ram_mib = ram_mib, .bios = img, .bios_size = size,
                                   .post_log = log, .virtual_clock = true };
    return pc_board_create(&cfg);
}

START_TEST(test_bios_sizes)
{
    ck_assert_ptr_nonnull(pc_board_bios_size_problem(0));
    ck_assert_ptr_nonnull(pc_board_bios_size_problem(1000));
    ck_assert_ptr_nonnull(pc_board_bios_size_problem(64 * KIB - 1));
    ck_assert_ptr_nonnull(pc_board_bios_size_problem(96 * KIB));
    ck_assert_ptr_nonnull(pc_board_bios_size_problem(MIB + 64 * KIB));
    ck_assert_ptr_nonnull(pc_board_bios_size_problem(2 * MIB));
    ck_assert_ptr_null(pc_board_bios_size_problem(64 * KIB));
    ck_assert_ptr_null(pc_board_bios_size_problem(192 * KIB));
    ck_assert_ptr_null(pc_board_bios_size_problem(MIB));
}
END_TEST

START_TEST(test_create_refuses_bad_config)
{
    uint8_t *img = make_image(64 * KIB, NULL, 0);
    ck_assert_ptr_null(make_board(0, img, 64 * KIB, NULL));
    ck_assert_ptr_null(make_board(PC_BOARD_MAX_RAM_MIB + 1, img, 64 * KIB, NULL));
    ck_assert_ptr_null(make_board(32, img, 1000, NULL));
    ck_assert_ptr_null(make_board(32, NULL, 64 * KIB, NULL));
    free(img);
}
END_TEST

START_TEST(test_map_64k)
{
    uint8_t *img = make_image(64 * KIB, NULL, 0);
    struct pc_board *b = make_board(32, img, 64 * KIB, NULL);
    ck_assert_ptr_nonnull(b);
    free(img); /* the board keeps its own copy */
    struct phys_space *ps = pc_board_phys(b);
    for (uint32_t off = 0; off < 64 * KIB; off += 0x1111) {
        ck_assert_uint_eq(phys_read8(ps, 0xF0000u + off), pattern(off));
        ck_assert_uint_eq(phys_read8(ps, 0xFFFF0000u + off), pattern(off));
    }
    ck_assert_uint_eq(phys_read8(ps, 0xFFFFFFFFu), pattern(0xFFFF));
    /* E0000 is RAM for a 64 KiB image. */
    phys_write8(ps, 0xE0000, 0x5A);
    ck_assert_uint_eq(phys_read8(ps, 0xE0000), 0x5A);
    /* Nothing between the RAM and the image at 4 GiB. */
    ck_assert_uint_eq(phys_read8(ps, 0xFFFEFFFFu), 0xFF);
    ck_assert_uint_eq(phys_read8(ps, 0xFFFEFFFEu), 0xFF);
    pc_board_destroy(b);
}
END_TEST

START_TEST(test_map_256k)
{
    const size_t size = 256 * KIB;
    uint8_t *img = make_image(size, NULL, 0);
    struct pc_board *b = make_board(32, img, size, NULL);
    ck_assert_ptr_nonnull(b);
    struct phys_space *ps = pc_board_phys(b);
    for (uint32_t off = 0; off < size; off += 0x1235)
        ck_assert_uint_eq(phys_read8(ps, 0xFFFC0000u + off), img[off]);
    /* Below 1 MiB: the image's top 128 KiB, E0000-FFFFF. */
    for (uint32_t off = 0; off < 128 * KIB; off += 0x1235)
        ck_assert_uint_eq(phys_read8(ps, 0xE0000u + off), img[128 * KIB + off]);
    ck_assert_uint_eq(phys_read8(ps, 0xFFFFF), img[size - 1]);
    /* D0000-DFFFF is RAM. */
    phys_write8(ps, 0xDFFFF, 0x77);
    ck_assert_uint_eq(phys_read8(ps, 0xDFFFF), 0x77);
    free(img);
    pc_board_destroy(b);
}
END_TEST

START_TEST(test_map_1m)
{
    const size_t size = MIB;
    uint8_t *img = make_image(size, NULL, 0);
    struct pc_board *b = make_board(4, img, size, NULL);
    ck_assert_ptr_nonnull(b);
    struct phys_space *ps = pc_board_phys(b);
    ck_assert_uint_eq(phys_read8(ps, 0xFFF00000u), img[0]);
    ck_assert_uint_eq(phys_read8(ps, 0xFFF12345u), img[0x12345]);
    ck_assert_uint_eq(phys_read8(ps, 0xE0000u), img[size - 128 * KIB]);
    ck_assert_uint_eq(phys_read8(ps, 0xF1234u), img[size - 64 * KIB + 0x1234]);
    free(img);
    pc_board_destroy(b);
}
END_TEST

START_TEST(test_rom_is_read_only)
{
    uint8_t *img = make_image(128 * KIB, NULL, 0);
    struct pc_board *b = make_board(32, img, 128 * KIB, NULL);
    struct phys_space *ps = pc_board_phys(b);
    phys_write8(ps, 0xE0010, (uint8_t)~pattern(0x10));
    phys_write8(ps, 0xFFFE0020u, (uint8_t)~pattern(0x20));
    ck_assert_uint_eq(phys_read8(ps, 0xE0010), pattern(0x10));
    ck_assert_uint_eq(phys_read8(ps, 0xFFFE0010u), pattern(0x10));
    ck_assert_uint_eq(phys_read8(ps, 0xE0020), pattern(0x20));
    free(img);
    pc_board_destroy(b);
}
END_TEST

START_TEST(test_ram_size)
{
    uint8_t *img = make_image(64 * KIB, NULL, 0);
    struct pc_board *b = make_board(2, img, 64 * KIB, NULL);
    struct phys_space *ps = pc_board_phys(b);
    phys_write8(ps, 2 * MIB - 1, 0x42);
    ck_assert_uint_eq(phys_read8(ps, 2 * MIB - 1), 0x42);
    phys_write8(ps, 2 * MIB, 0x42);
    ck_assert_uint_eq(phys_read8(ps, 2 * MIB), 0xFF);
    free(img);
    pc_board_destroy(b);
}
END_TEST

START_TEST(test_post_port)
{
    FILE *log = tmpfile();
    ck_assert_ptr_nonnull(log);
    uint8_t *img = make_image(64 * KIB, NULL, 0);
    struct pc_board *b = make_board(32, img, 64 * KIB, log);
    struct port_bus *pb = pc_board_ports(b);
    ck_assert_uint_eq(ports_read(pb, 0x80, 1), 0);
    ports_write(pb, 0x80, 1, 0x01);
    ports_write(pb, 0x80, 1, 0xAB);
    ports_write(pb, 0x80, 2, 0x3456); /* the high byte goes to port 0x81 */
    ck_assert_uint_eq(ports_read(pb, 0x80, 1), 0x56);
    ck_assert(!pc_board_post_log_failed(b));
    char text[64] = { 0 };
    rewind(log);
    size_t n = fread(text, 1, sizeof text - 1, log);
    ck_assert_uint_eq(n, 9);
    ck_assert_str_eq(text, "01\nAB\n56\n");
    fclose(log);
    free(img);
    pc_board_destroy(b);
}
END_TEST

START_TEST(test_debug_exit_status)
{
    static const struct { uint16_t port; unsigned size; uint32_t v; uint8_t status; } cases[] = {
        { 0x501, 1, 0x00, 0x01 }, { 0x501, 1, 0x10, 33 },   { 0x501, 1, 0x2A, 85 },
        { 0x501, 1, 0x7F, 255 },  { 0x501, 1, 0x80, 0x01 }, { 0x501, 1, 0xFF, 255 },
        { 0x502, 1, 0x21, 67 },   { 0x501, 2, 0x0133, 0x67 }, { 0x501, 4, 0x12345610, 33 },
    };
    uint8_t *img = make_image(64 * KIB, NULL, 0);
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        struct pc_board *b = make_board(32, img, 64 * KIB, NULL);
        ports_write(pc_board_ports(b), cases[k].port, cases[k].size, cases[k].v);
        ck_assert_msg(pc_board_exit_status(b) == cases[k].status, "case %zu: status %u", k,
                      pc_board_exit_status(b));
        ck_assert_int_eq(pc_board_cpu(b)->stop, CPU_STOP_REQUEST);
        /* Only the first write counts. */
        ports_write(pc_board_ports(b), 0x501, 1, 0x3F);
        ck_assert_uint_eq(pc_board_exit_status(b), cases[k].status);
        pc_board_destroy(b);
    }
    free(img);
}
END_TEST

START_TEST(test_run_halt)
{
    static const uint8_t cli_hlt[] = { 0xFA, 0xF4 };
    static const uint8_t sti_hlt[] = { 0xFB, 0xF4 };
    uint8_t *img = make_image(64 * KIB, cli_hlt, sizeof cli_hlt);
    struct pc_board *b = make_board(32, img, 64 * KIB, NULL);
    ck_assert_int_eq(pc_board_run(b, 1000), PC_BOARD_HALTED_IF_CLEAR);
    ck_assert_uint_eq(pc_board_cpu(b)->insn_eip, 0xFFF1);
    pc_board_destroy(b);
    free(img);
    img = make_image(64 * KIB, sti_hlt, sizeof sti_hlt);
    b = make_board(32, img, 64 * KIB, NULL);
    /* IF = 1 and the 8259 can deliver: idle, waiting for events (the RTC
     * updates once a second, so there is always a next event). */
    ck_assert_int_eq(pc_board_run(b, 1000), PC_BOARD_IDLE);
    ck_assert_uint_ne(pc_board_next_event(b), SCHED_NEVER);
    pc_board_destroy(b);
    free(img);
    /* mov al, FFh; out 21h, al; sti; hlt: every master input masked. */
    static const uint8_t masked_hlt[] = { 0xB0, 0xFF, 0xE6, 0x21, 0xFB, 0xF4 };
    img = make_image(64 * KIB, masked_hlt, sizeof masked_hlt);
    b = make_board(32, img, 64 * KIB, NULL);
    ck_assert_int_eq(pc_board_run(b, 1000), PC_BOARD_HALTED_MASKED);
    pc_board_destroy(b);
    free(img);
}
END_TEST

/* --clock virtual: time is instructions x PC_BOARD_NS_PER_INSN plus what
 * idling skipped, and the TSC follows it through the skip (a TSC that
 * stops in HLT made Linux's clocksource watchdog distrust it). */
START_TEST(test_virtual_clock_and_tsc)
{
    static const uint8_t sti_hlt[] = { 0xFB, 0xF4 };
    uint8_t *img = make_image(64 * KIB, sti_hlt, sizeof sti_hlt);
    struct pc_board *b = make_board(32, img, 64 * KIB, NULL);
    struct cpu *c = pc_board_cpu(b);
    ck_assert_uint_eq(pc_board_now(b), 0);
    ck_assert_int_eq(pc_board_run(b, 1000), PC_BOARD_IDLE);
    ck_assert_uint_eq(pc_board_now(b), c->icount * PC_BOARD_NS_PER_INSN);
    uint64_t next = pc_board_next_event(b);
    pc_board_skip_to(b, next);
    ck_assert_uint_ge(pc_board_now(b), next);
    ck_assert_uint_lt(pc_board_now(b), next + PC_BOARD_NS_PER_INSN);
    ck_assert_uint_eq(c->icount + c->msr.tsc_offset, pc_board_now(b) / PC_BOARD_NS_PER_INSN);
    pc_board_destroy(b);
    free(img);
}
END_TEST

/* The exit happens at the OUT: the POST write after it in the same
 * decoded block must not run. */
START_TEST(test_run_exit_stops_at_the_out)
{
    static const uint8_t code[] = {
        0xB0, 0x2A,       /* mov al, 2Ah */
        0xBA, 0x01, 0x05, /* mov dx, 501h */
        0xEE,             /* out dx, al */
        0xB0, 0xEE,       /* mov al, 0EEh */
        0xE6, 0x80,       /* out 80h, al */
        0xEB, 0xFE,       /* jmp $ */
    };
    FILE *log = tmpfile();
    uint8_t *img = make_image(64 * KIB, code, sizeof code);
    struct pc_board *b = make_board(32, img, 64 * KIB, log);
    ck_assert_int_eq(pc_board_run(b, 1000), PC_BOARD_EXIT);
    ck_assert_uint_eq(pc_board_exit_status(b), 85);
    ck_assert_uint_eq(pc_board_cpu(b)->eip, 0xFFF6);
    fflush(log);
    ck_assert_int_eq(ftell(log), 0);
    fclose(log);
    pc_board_destroy(b);
    free(img);
}
END_TEST

START_TEST(test_reset_keeps_ram)
{
    static const uint8_t jmp_self[] = { 0xEB, 0xFE };
    uint8_t *img = make_image(64 * KIB, jmp_self, sizeof jmp_self);
    struct pc_board *b = make_board(32, img, 64 * KIB, NULL);
    ck_assert_int_eq(pc_board_run(b, 100), PC_BOARD_RUNNING);
    phys_write8(pc_board_phys(b), 0x500, 0x99);
    pc_board_cpu(b)->eip = 0x1234;
    pc_board_reset(b);
    ck_assert_uint_eq(pc_board_cpu(b)->eip, 0xFFF0);
    ck_assert_uint_eq(pc_board_cpu(b)->seg[SEG_CS].selector, 0xF000);
    ck_assert_uint_eq(phys_read8(pc_board_phys(b), 0x500), 0x99);
    pc_board_destroy(b);
    free(img);
}
END_TEST

/* The APICs are on the board: CPUID says so, the local APIC answers at
 * IA32_APIC_BASE and follows it, and an ISA IRQ reaches the CPU through
 * the I/O APIC (IRQ 0 on pin 2) with the 8259 fully masked. */
START_TEST(test_apic_wiring)
{
    static const uint8_t cpuid_hlt[] = {
        0xFA,                               /* cli */
        0x66, 0xB8, 0x01, 0x00, 0x00, 0x00, /* mov eax, 1 */
        0x0F, 0xA2,                         /* cpuid */
        0xF4,                               /* hlt */
    };
    uint8_t *img = make_image(64 * KIB, cpuid_hlt, sizeof cpuid_hlt);
    struct pc_board *b = make_board(32, img, 64 * KIB, NULL);
    struct cpu *c = pc_board_cpu(b);
    struct phys_space *ps = pc_board_phys(b);
    ck_assert_int_eq(pc_board_run(b, 1000), PC_BOARD_HALTED_IF_CLEAR);
    ck_assert_uint_eq(reg32(c, REG_DX) & CPUID_APIC, CPUID_APIC);

    /* The window at FEE00000h, then moved, then gone with the enable bit. */
    ck_assert_uint_eq(c->apic_base_read(c->apic_opaque), LAPIC_BASE_MSR_RESET);
    ck_assert_uint_eq(phys_read32(ps, LAPIC_BASE + LAPIC_VER), LAPIC_VERSION);
    ck_assert(c->apic_base_write(c->apic_opaque, 0xFED00000u | LAPIC_BASE_MSR_ENABLE |
                                                     LAPIC_BASE_MSR_BSP));
    ck_assert_uint_eq(phys_read32(ps, 0xFED00000u + LAPIC_VER), LAPIC_VERSION);
    ck_assert_uint_eq(phys_read32(ps, LAPIC_BASE + LAPIC_VER), 0xFFFFFFFFu);
    ck_assert(c->apic_base_write(c->apic_opaque, 0xFED00000u | LAPIC_BASE_MSR_BSP));
    ck_assert_uint_eq(phys_read32(ps, 0xFED00000u + LAPIC_VER), 0xFFFFFFFFu);
    /* RESET brings it back to FEE00000h, enabled. */
    pc_board_reset(b);
    ck_assert_uint_eq(phys_read32(ps, LAPIC_BASE + LAPIC_VER), LAPIC_VERSION);

    /* PIT channel 0 (IRQ 0) through I/O APIC pin 2 as vector 40h. */
    struct port_bus *pb = pc_board_ports(b);
    ports_write(pb, 0x21, 1, 0xFF);                       /* 8259 all masked */
    ports_write(pb, 0xA1, 1, 0xFF);
    phys_write32(ps, LAPIC_BASE + LAPIC_SVR, 0x1FF);      /* software enable */
    phys_write32(ps, IOAPIC_BASE + IOAPIC_REGSEL, 0x10 + 2 * 2);
    phys_write32(ps, IOAPIC_BASE + IOAPIC_WIN, 0x40);     /* fixed, edge, unmasked */
    phys_write32(ps, IOAPIC_BASE + IOAPIC_REGSEL, 0x11 + 2 * 2);
    phys_write32(ps, IOAPIC_BASE + IOAPIC_WIN, 0);        /* destination APIC 0 */
    ports_write(pb, 0x43, 1, 0x34);                       /* ch 0, mode 2 */
    ports_write(pb, 0x40, 1, 0x00);
    ports_write(pb, 0x40, 1, 0x10);                       /* 1000h counts */
    /* sti; hlt; jmp back, with an IRET handler for vector 40h at 0:0600. */
    static const uint8_t sti_hlt[] = { 0xFB, 0xF4, 0xEB, 0xFD };
    phys_write_block(ps, 0x500, sti_hlt, sizeof sti_hlt);
    phys_write8(ps, 0x600, 0xCF);
    phys_write32(ps, 0x40 * 4, 0x00000600u);
    c->seg[SEG_CS].selector = 0;
    c->seg[SEG_CS].base = 0;
    c->eip = 0x500;
    for (int k = 0; k < 100 && pc_board_run(b, 1000) != PC_BOARD_IDLE; k++)
        ;
    pc_board_skip_to(b, pc_board_next_event(b));
    pc_board_run(b, 10);
    /* The handler ran without EOI: vector 40h is in service. */
    ck_assert_uint_eq(phys_read32(ps, LAPIC_BASE + LAPIC_ISR + 0x10 * (0x40 / 32)),
                      1u << (0x40 % 32));
    pc_board_destroy(b);
    free(img);
}
END_TEST

/* FERR# with CR0.NE = 0 (the reset value): an unmasked x87 exception
 * raises IRQ 13 through the board's latch, which holds the line until a
 * write to port F0h (PC/AT "MS-DOS compatible" error reporting).  IRQ 13
 * is edge-triggered (the PIIX does not let it be level), so the test
 * consumes each request with the 8259's poll command and looks for the
 * next rising edge: none while the latch holds, one after F0h. */
static bool irq13_requested(struct port_bus *pb)
{
    ports_write(pb, 0xA0, 1, 0x0A); /* OCW3: read IRR */
    return (ports_read(pb, 0xA0, 1) & 0x20) != 0;
}

static void run_at(struct pc_board *b, uint32_t addr)
{
    struct cpu *c = pc_board_cpu(b);
    c->seg[SEG_CS].selector = 0;
    c->seg[SEG_CS].base = 0;
    c->eip = addr;
    c->halted = false;
    uint64_t before = c->icount;
    ck_assert_int_eq(pc_board_run(b, 1000), PC_BOARD_HALTED_IF_CLEAR);
    ck_assert_uint_gt(c->icount, before + 5); /* the code ran */
}

START_TEST(test_ferr_raises_irq13)
{
    static const uint8_t first_error[] = {
        0xFA,                   /* cli */
        0xDB, 0xE3,             /* fninit */
        0xD9, 0x2E, 0x00, 0x07, /* fldcw [700h]: zero-divide unmasked */
        0xD9, 0xE8,             /* fld1 */
        0xD9, 0xEE,             /* fldz */
        0xDE, 0xF9,             /* fdivp st1, st: 1/0 */
        0x9B,                   /* fwait: the error is reported here */
        0xF4,                   /* hlt */
    };
    static const uint8_t next_error[] = {
        0xDB, 0xE2,             /* fnclex: FERR# goes away */
        0xD9, 0xE8, 0xD9, 0xEE, 0xDE, 0xF9, 0x9B, 0xF4, /* 1/0 again */
    };
    static const uint8_t cli_hlt[] = { 0xFA, 0xF4 };
    uint8_t *img = make_image(64 * KIB, cli_hlt, sizeof cli_hlt);
    struct pc_board *b = make_board(32, img, 64 * KIB, NULL);
    struct phys_space *ps = pc_board_phys(b);
    struct port_bus *pb = pc_board_ports(b);
    phys_write_block(ps, 0x500, first_error, sizeof first_error);
    phys_write_block(ps, 0x600, next_error, sizeof next_error);
    phys_write16(ps, 0x700, 0x037B);
    ck_assert(!irq13_requested(pb));
    run_at(b, 0x500);
    ck_assert(irq13_requested(pb));
    ports_write(pb, 0xA0, 1, 0x0C); /* OCW3 poll: acknowledges the request */
    ck_assert_uint_eq(ports_read(pb, 0xA0, 1), 0x85);
    ports_write(pb, 0xA0, 1, 0x20); /* EOI */
    ck_assert(!irq13_requested(pb));
    /* The latch still holds IRQ 13 high: a new error makes no new edge. */
    run_at(b, 0x600);
    ck_assert(!irq13_requested(pb));
    /* Port F0h drops it; the next error raises it again. */
    ports_write(pb, 0xF0, 1, 0);
    run_at(b, 0x600);
    ck_assert(irq13_requested(pb));
    pc_board_destroy(b);
    free(img);
}
END_TEST

static Suite *pc_board_suite(void)
{
    Suite *s = suite_create("pc_board");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_bios_sizes);
    tcase_add_test(tc, test_create_refuses_bad_config);
    tcase_add_test(tc, test_map_64k);
    tcase_add_test(tc, test_map_256k);
    tcase_add_test(tc, test_map_1m);
    tcase_add_test(tc, test_rom_is_read_only);
    tcase_add_test(tc, test_ram_size);
    tcase_add_test(tc, test_post_port);
    tcase_add_test(tc, test_debug_exit_status);
    tcase_add_test(tc, test_run_halt);
    tcase_add_test(tc, test_virtual_clock_and_tsc);
    tcase_add_test(tc, test_run_exit_stops_at_the_out);
    tcase_add_test(tc, test_reset_keeps_ram);
    tcase_add_test(tc, test_apic_wiring);
    tcase_add_test(tc, test_ferr_raises_irq13);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return check_run(pc_board_suite(), CK_ENV);
}
