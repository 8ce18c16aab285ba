/*
 * test_apic.c - Check unit tests for the local APIC (devices/lapic.c) and
 * the I/O APIC (devices/ioapic.c), wired as the board wires them: the
 * 8259 pair's INTR on LINT0, the I/O APIC's messages into lapic_receive,
 * the local APIC's level EOIs into ioapic_eoi.
 *
 * Expectations come from the Intel SDM vol. 3A chapter 10 (register
 * reset values, PPR = max(TPR, class of the highest ISR vector), a vector
 * is delivered only if its class is above PPR's, spurious vector when
 * the request is gone at INTA, the timer's divide encodings and one-shot
 * / periodic counting) and the 82093AA datasheet (version 00170011h,
 * entries reset masked, remote IRR for level pins cleared by EOI).
 */
#include "devices/lapic.h"
#include "devices/ioapic.h"
#include "devices/i8259_pic.h"

#include <check.h>
#include <stdlib.h>

#include "mem/ports.h"
#include "tests/unit/check_main.h"

static struct sched sched;
static struct lapic apic;
static struct ioapic io;
static struct i8259_pair pic;
static struct port_bus *pb;
static bool intr;
static unsigned eois;

static void intr_sink(void *opaque, unsigned pin, bool level)
{
    (void)opaque;
    (void)pin;
    intr = level;
}

static void count_eoi(void *opaque, uint8_t vector)
{
    eois++;
    ioapic_eoi(opaque, vector);
}

static uint32_t r(uint32_t off) { return lapic_read(&apic, off); }
static void w(uint32_t off, uint32_t v) { lapic_write(&apic, off, v); }
static uint32_t io_r(unsigned reg) { ioapic_write(&io, 0, reg); return ioapic_read(&io, 0x10); }
static void io_w(unsigned reg, uint32_t v) { ioapic_write(&io, 0, reg); ioapic_write(&io, 0x10, v); }

static bool in_set(uint32_t base, unsigned v) { return (r(base + (v / 32) * 16) >> (v % 32)) & 1u; }

static void setup(void)
{
    sched_init(&sched);
    pb = ports_create();
    intr = false;
    eois = 0;
    lapic_init(&apic, &sched, irq_line_make(intr_sink, NULL, 0),
               i8259_intr_ack, &pic, count_eoi, &io);
    ioapic_init(&io, lapic_receive, &apic);
    i8259_init(&pic, irq_line_make(lapic_set_lint, &apic, 0));
    ck_assert(i8259_attach(&pic, pb));
    static const uint8_t init[] = { 0x11, 0x08, 0x04, 0x01, 0x11, 0x70, 0x02, 0x01 };
    for (unsigned k = 0; k < 8; k++)
        ports_write(pb, (uint16_t)((k < 4 ? 0x20 : 0xA0) + (k % 4 != 0)), 1, init[k]);
}

static void teardown(void)
{
    ports_destroy(pb);
}

static void enable(void) { w(LAPIC_SVR, 0x1FF); }

static void fixed(uint8_t vector)
{
    ck_assert(lapic_receive(&apic, vector, APIC_DM_FIXED, 0, false, false));
}

START_TEST(test_reset_values)
{
    ck_assert_uint_eq(lapic_base_msr(&apic), 0xFEE00900u);
    ck_assert_uint_eq(r(LAPIC_VER), 0x00050014u);
    ck_assert_uint_eq(r(LAPIC_SVR), 0xFFu);
    ck_assert_uint_eq(r(LAPIC_DFR), 0xFFFFFFFFu);
    ck_assert_uint_eq(r(LAPIC_TPR), 0);
    ck_assert_uint_eq(r(LAPIC_LVT_TIMER), APIC_MASKED);
    ck_assert_uint_eq(r(LAPIC_LVT_ERROR), APIC_MASKED);
    ck_assert_uint_eq(r(LAPIC_LVT_LINT0), 0x700u);
    ck_assert_uint_eq(r(LAPIC_LVT_LINT1), APIC_MASKED);
    w(LAPIC_ID, 0xFF000000u);
    ck_assert_uint_eq(r(LAPIC_ID), 0x0F000000u);
    w(LAPIC_VER, 0);
    ck_assert_uint_eq(r(LAPIC_VER), 0x00050014u);
    /* P6: SVR bits 3-0 read 1. */
    w(LAPIC_SVR, 0x120);
    ck_assert_uint_eq(r(LAPIC_SVR), 0x12Fu);
    ck_assert_uint_eq(io_r(1), 0x00170011u);
    for (unsigned p = 0; p < 24; p++)
        ck_assert_uint_eq(io_r(0x10 + 2 * p), 0x10000u);
    io_w(0, 0xFFFFFFFFu);
    ck_assert_uint_eq(io_r(0), 0x0F000000u);
    ck_assert_uint_eq(io_r(2), 0x0F000000u);
}
END_TEST

START_TEST(test_fixed_and_eoi)
{
    /* Software-disabled (SVR bit 8 clear): fixed messages are refused. */
    ck_assert(!lapic_receive(&apic, 0x40, APIC_DM_FIXED, 0, false, false));
    enable();
    fixed(0x40);
    ck_assert(intr);
    ck_assert(in_set(LAPIC_IRR, 0x40));
    ck_assert_uint_eq(lapic_acknowledge(&apic), 0x40);
    ck_assert(!intr);
    ck_assert(in_set(LAPIC_ISR, 0x40));
    ck_assert(!in_set(LAPIC_IRR, 0x40));
    ck_assert_uint_eq(r(LAPIC_PPR), 0x40);
    w(LAPIC_EOI, 0);
    ck_assert(!in_set(LAPIC_ISR, 0x40));
    ck_assert_uint_eq(r(LAPIC_PPR), 0);
    ck_assert_uint_eq(eois, 0); /* edge: no broadcast */
}
END_TEST

START_TEST(test_priority_classes)
{
    enable();
    fixed(0x80);
    fixed(0x90);
    fixed(0x85);
    ck_assert_uint_eq(lapic_acknowledge(&apic), 0x90);
    /* 0x80 and 0x85 are below class 9 in service. */
    ck_assert(!intr);
    fixed(0x9F);              /* same class: waits too */
    ck_assert(!intr);
    fixed(0xA0);              /* higher class nests */
    ck_assert(intr);
    ck_assert_uint_eq(lapic_acknowledge(&apic), 0xA0);
    ck_assert_uint_eq(r(LAPIC_PPR), 0xA0);
    w(LAPIC_EOI, 0);          /* ends 0xA0, the highest in service */
    ck_assert(!intr);
    w(LAPIC_EOI, 0);          /* ends 0x90 */
    ck_assert_uint_eq(lapic_acknowledge(&apic), 0x9F);
    w(LAPIC_EOI, 0);
    ck_assert_uint_eq(lapic_acknowledge(&apic), 0x85);
    w(LAPIC_EOI, 0);
    ck_assert_uint_eq(lapic_acknowledge(&apic), 0x80);
}
END_TEST

START_TEST(test_tpr)
{
    enable();
    w(LAPIC_TPR, 0x51);
    ck_assert_uint_eq(r(LAPIC_TPR), 0x51);
    ck_assert_uint_eq(r(LAPIC_PPR), 0x51);
    fixed(0x45);
    fixed(0x5F);
    ck_assert(!intr);         /* classes 4 and 5 are not above TPR's 5 */
    ck_assert_uint_eq(r(LAPIC_APR), 0x51);
    fixed(0x61);
    ck_assert(intr);
    ck_assert_uint_eq(r(LAPIC_APR), 0x60);
    /* TPR raised between INTR and INTA: the spurious vector, no ISR. */
    w(LAPIC_TPR, 0x70);
    ck_assert(!intr);
    ck_assert_uint_eq(lapic_acknowledge(&apic), 0xFF);
    ck_assert_uint_eq(r(LAPIC_ISR + 0x30), 0);
    w(LAPIC_TPR, 0x00);
    ck_assert_uint_eq(lapic_acknowledge(&apic), 0x61);
    /* In service 0x61: PPR is its class even with TPR lower. */
    w(LAPIC_TPR, 0x20);
    ck_assert_uint_eq(r(LAPIC_PPR), 0x60);
    ck_assert(!intr);
}
END_TEST

START_TEST(test_illegal_vector_and_esr)
{
    enable();
    w(LAPIC_LVT_ERROR, 0xFE);
    ck_assert(lapic_receive(&apic, 0x05, APIC_DM_FIXED, 0, false, false));
    ck_assert(!in_set(LAPIC_IRR, 0x05));
    ck_assert(in_set(LAPIC_IRR, 0xFE));   /* the error interrupt */
    ck_assert_uint_eq(r(LAPIC_ESR), 0);   /* not visible before a write */
    w(LAPIC_ESR, 0);
    ck_assert_uint_eq(r(LAPIC_ESR), LAPIC_ESR_RECEIVE_ILLEGAL);
    w(LAPIC_ESR, 0);
    ck_assert_uint_eq(r(LAPIC_ESR), 0);
    /* Sending an illegal vector, and an illegal register. */
    w(LAPIC_ICR_LO, 0x40000u | 0x03);
    (void)r(0x3F0);
    w(LAPIC_ESR, 0);
    ck_assert_uint_eq(r(LAPIC_ESR), LAPIC_ESR_SEND_ILLEGAL | LAPIC_ESR_ILLEGAL_REG);
}
END_TEST

START_TEST(test_self_ipi)
{
    enable();
    w(LAPIC_ICR_LO, 0x40000u | 0x50);     /* shorthand: self */
    ck_assert(in_set(LAPIC_IRR, 0x50));
    ck_assert_uint_eq(r(LAPIC_ICR_LO) & APIC_PENDING, 0);
    w(LAPIC_ICR_LO, 0xC0000u | 0x60);     /* all excluding self */
    ck_assert(!in_set(LAPIC_IRR, 0x60));
    w(LAPIC_ICR_LO, 0x80000u | 0x61);     /* all including self */
    ck_assert(in_set(LAPIC_IRR, 0x61));
    w(LAPIC_ID, 0x03000000u);
    w(LAPIC_ICR_HI, 0x03000000u);
    w(LAPIC_ICR_LO, 0x62);                /* physical, to ID 3: itself */
    ck_assert(in_set(LAPIC_IRR, 0x62));
    w(LAPIC_ICR_HI, 0x04000000u);
    w(LAPIC_ICR_LO, 0x63);                /* another CPU: nobody */
    ck_assert(!in_set(LAPIC_IRR, 0x63));
    /* Logical, flat model: LDR bit 1. */
    w(LAPIC_LDR, 0x02000000u);
    w(LAPIC_ICR_HI, 0x06000000u);
    w(LAPIC_ICR_LO, APIC_DEST_LOGICAL | 0x64);
    ck_assert(in_set(LAPIC_IRR, 0x64));
    w(LAPIC_ICR_HI, 0x01000000u);
    w(LAPIC_ICR_LO, APIC_DEST_LOGICAL | 0x65);
    ck_assert(!in_set(LAPIC_IRR, 0x65));
    /* Cluster model: cluster 2, member bit 1. */
    w(LAPIC_DFR, 0x0FFFFFFFu);
    w(LAPIC_LDR, 0x22000000u);
    w(LAPIC_ICR_HI, 0x23000000u);
    w(LAPIC_ICR_LO, APIC_DEST_LOGICAL | 0x66);
    ck_assert(in_set(LAPIC_IRR, 0x66));
    w(LAPIC_ICR_HI, 0x32000000u);
    w(LAPIC_ICR_LO, APIC_DEST_LOGICAL | 0x67);
    ck_assert(!in_set(LAPIC_IRR, 0x67));
}
END_TEST

START_TEST(test_timer_one_shot)
{
    enable();
    w(LAPIC_TIMER_DIVIDE, 0xB);           /* divide by 1: 10 ns a count */
    w(LAPIC_LVT_TIMER, 0x30);
    w(LAPIC_TIMER_INITIAL, 1000);
    sched_advance_to(&sched, 5000);
    ck_assert_uint_eq(r(LAPIC_TIMER_CURRENT), 500);
    sched_advance_to(&sched, 9999);
    ck_assert(!intr);
    ck_assert_uint_eq(r(LAPIC_TIMER_CURRENT), 1);
    sched_advance_to(&sched, 10000);
    ck_assert(intr);
    ck_assert_uint_eq(r(LAPIC_TIMER_CURRENT), 0);
    ck_assert_uint_eq(lapic_acknowledge(&apic), 0x30);
    w(LAPIC_EOI, 0);
    sched_advance_to(&sched, 100000);
    ck_assert(!intr);                     /* once only */
    ck_assert_uint_eq(r(LAPIC_TIMER_CURRENT), 0);
    ck_assert_uint_eq(r(LAPIC_TIMER_INITIAL), 1000);
    /* Initial count 0 stops the timer. */
    w(LAPIC_TIMER_INITIAL, 50);
    w(LAPIC_TIMER_INITIAL, 0);
    sched_advance_to(&sched, 200000);
    ck_assert(!intr);
}
END_TEST

START_TEST(test_timer_periodic)
{
    enable();
    w(LAPIC_TIMER_DIVIDE, 0x3);           /* divide by 16: 160 ns a count */
    w(LAPIC_LVT_TIMER, APIC_TIMER_PERIODIC | 0x31);
    w(LAPIC_TIMER_INITIAL, 100);          /* 16 us period */
    for (unsigned k = 1; k <= 10; k++) {
        sched_advance_to(&sched, k * 16000 - 1);
        ck_assert(!intr);
        ck_assert_uint_eq(r(LAPIC_TIMER_CURRENT), 1);
        sched_advance_to(&sched, k * 16000);
        ck_assert(intr);
        ck_assert_uint_eq(r(LAPIC_TIMER_CURRENT), 100);
        ck_assert_uint_eq(lapic_acknowledge(&apic), 0x31);
        w(LAPIC_EOI, 0);
    }
    /* Masked: no interrupts, but it keeps counting. */
    w(LAPIC_LVT_TIMER, APIC_MASKED | APIC_TIMER_PERIODIC | 0x31);
    sched_advance_to(&sched, 16000 * 20 + 800);
    ck_assert(!intr);
    ck_assert_uint_eq(r(LAPIC_TIMER_CURRENT), 95);
    ck_assert(!sched_armed(&apic.timer_event));
    w(LAPIC_LVT_TIMER, APIC_TIMER_PERIODIC | 0x31);
    sched_advance_to(&sched, 16000 * 21);
    ck_assert(intr);
}
END_TEST

START_TEST(test_timer_divide)
{
    static const struct { uint32_t code, divisor; } div[] = {
        { 0x0, 2 }, { 0x1, 4 }, { 0x2, 8 }, { 0x3, 16 },
        { 0x8, 32 }, { 0x9, 64 }, { 0xA, 128 }, { 0xB, 1 },
    };
    enable();
    uint64_t t = 0;
    for (unsigned k = 0; k < 8; k++) {
        w(LAPIC_TIMER_DIVIDE, div[k].code);
        ck_assert_uint_eq(r(LAPIC_TIMER_DIVIDE), div[k].code);
        w(LAPIC_TIMER_INITIAL, 0xFFFFFFFFu);
        t += 128000;
        sched_advance_to(&sched, t);
        ck_assert_uint_eq(r(LAPIC_TIMER_CURRENT), 0xFFFFFFFFu - 12800 / div[k].divisor);
    }
    /* A new divider mid-count keeps what was counted. */
    w(LAPIC_TIMER_DIVIDE, 0xB);
    w(LAPIC_TIMER_INITIAL, 10000);
    sched_advance_to(&sched, t + 10000);   /* 1000 counts at /1 */
    w(LAPIC_TIMER_DIVIDE, 0x0);            /* then /2: 20 ns a count */
    sched_advance_to(&sched, t + 30000);
    ck_assert_uint_eq(r(LAPIC_TIMER_CURRENT), 10000 - 1000 - 1000);
}
END_TEST

START_TEST(test_extint_passthrough)
{
    /* Reset state: LINT0 is ExtINT, SVR still disabled; the 8259 works. */
    i8259_set_irq(&pic, 1, true);
    ck_assert(intr);
    ck_assert(lapic_has_interrupt(&apic));
    ck_assert_uint_eq(lapic_acknowledge(&apic), 0x09);
    ck_assert(!intr);
    ports_write(pb, 0x20, 1, 0x20);
    /* ExtINT ignores TPR and the fixed priorities. */
    enable();
    w(LAPIC_TPR, 0xF0);
    i8259_set_irq(&pic, 3, true);
    ck_assert(intr);
    ck_assert_uint_eq(lapic_acknowledge(&apic), 0x0B);
    ports_write(pb, 0x20, 1, 0x20);
    /* LINT0 masked: the 8259 is cut off. */
    w(LAPIC_LVT_LINT0, APIC_MASKED | 0x700);
    i8259_set_irq(&pic, 4, true);
    ck_assert(!intr);
    ck_assert(pic.intr_level);
    /* Globally disabled: INTR goes straight through, registers vanish. */
    lapic_set_base_msr(&apic, 0xFEE00000u);
    ck_assert(!lapic_enabled(&apic));
    ck_assert(intr);
    ck_assert_uint_eq(r(LAPIC_VER), 0xFFFFFFFFu);
    ck_assert_uint_eq(lapic_acknowledge(&apic), 0x0C);
    ck_assert(!intr);
    /* Enabled again: registers were reset (TPR 0, LINT0 ExtINT). */
    lapic_set_base_msr(&apic, 0xFEE00900u);
    ck_assert_uint_eq(r(LAPIC_TPR), 0);
    ck_assert_uint_eq(r(LAPIC_LVT_LINT0), 0x700u);
}
END_TEST

START_TEST(test_lint_fixed_and_sw_disable)
{
    enable();
    w(LAPIC_LVT_LINT1, 0x77);            /* fixed, vector 77h */
    lapic_set_lint(&apic, 1, true);
    ck_assert(in_set(LAPIC_IRR, 0x77));
    /* Software disable masks every LVT entry and keeps them masked. */
    w(LAPIC_SVR, 0x0FF);
    ck_assert_uint_eq(r(LAPIC_LVT_LINT1) & APIC_MASKED, APIC_MASKED);
    w(LAPIC_LVT_LINT1, 0x77);
    ck_assert_uint_eq(r(LAPIC_LVT_LINT1), APIC_MASKED | 0x77);
}
END_TEST

START_TEST(test_ioapic_edge)
{
    enable();
    io_w(0x10 + 2 * 4, 0x44);             /* pin 4: fixed, edge, unmasked */
    io_w(0x11 + 2 * 4, 0x00000000u);      /* destination APIC 0 */
    ioapic_set_irq(&io, 4, true);
    ck_assert(intr);
    ck_assert(!in_set(LAPIC_TMR, 0x44));
    ck_assert_uint_eq(lapic_acknowledge(&apic), 0x44);
    ioapic_set_irq(&io, 4, true);         /* no new edge */
    ioapic_set_irq(&io, 4, false);
    w(LAPIC_EOI, 0);
    ck_assert(!intr);
    ck_assert_uint_eq(eois, 0);
    /* Masked: the assertion is dropped, not held. */
    io_w(0x10 + 2 * 4, 0x10044);
    ioapic_set_irq(&io, 4, true);
    ioapic_set_irq(&io, 4, false);
    io_w(0x10 + 2 * 4, 0x44);
    ck_assert(!intr);
    /* Destination mismatch: nobody takes it. */
    io_w(0x11 + 2 * 4, 0x01000000u);
    ioapic_set_irq(&io, 4, true);
    ck_assert(!intr);
    /* Active low. */
    io_w(0x10 + 2 * 5, IOAPIC_POLARITY_LOW | 0x45);
    ioapic_set_irq(&io, 5, true);
    ck_assert(!intr);
    ioapic_set_irq(&io, 5, false);
    ck_assert(intr);
    ck_assert_uint_eq(lapic_acknowledge(&apic), 0x45);
}
END_TEST

START_TEST(test_ioapic_level_remote_irr)
{
    enable();
    io_w(0x10 + 2 * 9, 0x8000u | 0x59);   /* pin 9: level */
    ioapic_set_irq(&io, 9, true);
    ck_assert(intr);
    ck_assert(in_set(LAPIC_TMR, 0x59));
    ck_assert_uint_eq(io_r(0x10 + 2 * 9) & IOAPIC_REMOTE_IRR, IOAPIC_REMOTE_IRR);
    ck_assert_uint_eq(lapic_acknowledge(&apic), 0x59);
    /* Remote IRR is read-only. */
    io_w(0x10 + 2 * 9, 0x8000u | 0x59);
    ck_assert_uint_eq(io_r(0x10 + 2 * 9) & IOAPIC_REMOTE_IRR, IOAPIC_REMOTE_IRR);
    ck_assert(!in_set(LAPIC_IRR, 0x59));
    /* EOI with the line still asserted: cleared, and sent again. */
    w(LAPIC_EOI, 0);
    ck_assert_uint_eq(eois, 1);
    ck_assert(intr);
    ck_assert_uint_eq(io_r(0x10 + 2 * 9) & IOAPIC_REMOTE_IRR, IOAPIC_REMOTE_IRR);
    ck_assert_uint_eq(lapic_acknowledge(&apic), 0x59);
    ioapic_set_irq(&io, 9, false);
    w(LAPIC_EOI, 0);
    ck_assert_uint_eq(eois, 2);
    ck_assert(!intr);
    ck_assert_uint_eq(io_r(0x10 + 2 * 9) & IOAPIC_REMOTE_IRR, 0);
    /* Masked level pin: nothing; unmasking with the line up sends. */
    io_w(0x10 + 2 * 9, 0x18000u | 0x59);
    ioapic_set_irq(&io, 9, true);
    ck_assert(!intr);
    io_w(0x10 + 2 * 9, 0x8000u | 0x59);
    ck_assert(intr);
    /* An EOI for another vector leaves remote IRR alone. */
    ioapic_eoi(&io, 0x58);
    ck_assert_uint_eq(io_r(0x10 + 2 * 9) & IOAPIC_REMOTE_IRR, IOAPIC_REMOTE_IRR);
}
END_TEST

START_TEST(test_ioapic_extint_and_logical)
{
    enable();
    w(LAPIC_LDR, 0x01000000u);
    io_w(0x11 + 2 * 7, 0x01000000u);
    io_w(0x10 + 2 * 7, APIC_DEST_LOGICAL | 0x47);
    ioapic_set_irq(&io, 7, true);
    ck_assert_uint_eq(lapic_acknowledge(&apic), 0x47);
    w(LAPIC_EOI, 0);
    /* An ExtINT message: the vector comes from the 8259. */
    w(LAPIC_LVT_LINT0, APIC_MASKED);
    i8259_set_irq(&pic, 6, true);
    ck_assert(!intr);
    io_w(0x11, 0);
    io_w(0x10, 0x700);                    /* pin 0: ExtINT, edge */
    ioapic_set_irq(&io, 0, true);
    ck_assert(intr);
    ck_assert_uint_eq(lapic_acknowledge(&apic), 0x0E);
    ck_assert(!intr);
}
END_TEST

START_TEST(test_random_registers)
{
    uint32_t x = 99;
    for (int n = 0; n < 100000; n++) {
        x = x * 1103515245u + 12345u;
        uint32_t v = x ^ (x << 7);
        switch ((x >> 28) % 6) {
        case 0: w((x >> 4) & 0xFFC, v); break;
        case 1: (void)r((x >> 4) & 0xFFC); break;
        case 2: ioapic_write(&io, (x >> 8) & 0x1C, v); break;
        case 3: ioapic_set_irq(&io, (x >> 8) % 30, v & 1); break;
        case 4: if (intr) (void)lapic_acknowledge(&apic); break;
        default: sched_advance_to(&sched, sched_now(&sched) + (v % 5000)); break;
        }
        ck_assert(intr == lapic_has_interrupt(&apic));
    }
}
END_TEST

static Suite *apic_suite(void)
{
    Suite *s = suite_create("apic");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_reset_values);
    tcase_add_test(tc, test_fixed_and_eoi);
    tcase_add_test(tc, test_priority_classes);
    tcase_add_test(tc, test_tpr);
    tcase_add_test(tc, test_illegal_vector_and_esr);
    tcase_add_test(tc, test_self_ipi);
    tcase_add_test(tc, test_timer_one_shot);
    tcase_add_test(tc, test_timer_periodic);
    tcase_add_test(tc, test_timer_divide);
    tcase_add_test(tc, test_extint_passthrough);
    tcase_add_test(tc, test_lint_fixed_and_sw_disable);
    tcase_add_test(tc, test_ioapic_edge);
    tcase_add_test(tc, test_ioapic_level_remote_irr);
    tcase_add_test(tc, test_ioapic_extint_and_logical);
    tcase_add_test(tc, test_random_registers);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return check_run(apic_suite(), CK_ENV);
}
