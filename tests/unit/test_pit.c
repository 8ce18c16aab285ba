/*
 * test_pit.c - Check unit tests for the 8254 timer (devices/i8254_pit.c)
 * and port 61h (devices/port_b.c), on the scheduler's manual clock.
 *
 * Expectations come from the Intel 8254 datasheet's mode descriptions,
 * counted in CLK edges after the write ("w" = the edge before which the
 * count was written):
 *   mode 0: OUT low at the control word, high N+1 edges after w;
 *   mode 1: OUT low on the edge after a GATE trigger, high N edges later;
 *   mode 2: OUT low for one edge, N edges after w, then every N;
 *   mode 3: high (N+1)/2 edges, low N/2, starting at the load edge w+1;
 *   mode 4: a one-edge low strobe N+1 edges after w;
 *   mode 5: a one-edge low strobe N+1 edges after the trigger;
 * plus the count latch, read-back status (OUT bit 7, null count bit 6),
 * BCD, the three access modes, and what GATE does in each mode.
 *
 * Time: tick k of the 105/88 MHz clock happens at ceil(k * 88000 / 105)
 * ns; at(k) moves the clock there, firing events on the way.  The OUT0
 * line (IRQ 0) is recorded with the tick of each change.
 */
#include "devices/i8254_pit.h"
#include "devices/port_b.h"

#include <check.h>
#include <stdlib.h>

#include "mem/ports.h"
#include "tests/unit/check_main.h"

static struct sched sched;
static struct port_bus *pb;
static struct i8254_pit pit;
static struct port_b portb;

struct change { uint64_t tick; bool level; };
static struct change log0[64];
static unsigned changes0;
static bool line0;
static uint64_t rises0;

static uint64_t tick_ns(uint64_t k) { return (k * 88000 + 104) / 105; }
static uint64_t now_tick(void) { return sched_now(&sched) * 105 / 88000; }

static void irq0_sink(void *opaque, unsigned pin, bool level)
{
    (void)opaque;
    (void)pin;
    if (level && !line0)
        rises0++;
    line0 = level;
    if (changes0 < 64)
        log0[changes0] = (struct change){ now_tick(), level };
    changes0++;
}

static void at(uint64_t k) { sched_advance_to(&sched, tick_ns(k)); }
static void out8(uint16_t port, uint8_t v) { ports_write(pb, port, 1, v); }
static uint8_t in8(uint16_t port) { return (uint8_t)ports_read(pb, port, 1); }

static void write16(unsigned ch, uint16_t n)
{
    out8((uint16_t)(0x40 + ch), (uint8_t)n);
    out8((uint16_t)(0x40 + ch), (uint8_t)(n >> 8));
}

/* Latch and read a channel's count (LSB then MSB access). */
static uint16_t count(unsigned ch)
{
    out8(0x43, (uint8_t)(ch << 6));
    uint8_t lo = in8((uint16_t)(0x40 + ch));
    uint8_t hi = in8((uint16_t)(0x40 + ch));
    return (uint16_t)(lo | hi << 8);
}

static uint8_t status(unsigned ch)
{
    out8(0x43, (uint8_t)(0xE0 | (2u << ch)));
    return in8((uint16_t)(0x40 + ch));
}

static bool out_at(unsigned ch, uint64_t k)
{
    at(k);
    return i8254_out(&pit, ch);
}

static void setup(void)
{
    sched_init(&sched);
    pb = ports_create();
    ck_assert_ptr_nonnull(pb);
    changes0 = 0;
    rises0 = 0;
    line0 = false;
    i8254_init(&pit, &sched, irq_line_make(irq0_sink, NULL, 0));
    ck_assert(i8254_attach(&pit, pb));
    port_b_init(&portb, &sched, i8254_port_b_set_gate2, i8254_port_b_out2, &pit);
    ck_assert(port_b_attach(&portb, pb));
}

static void teardown(void)
{
    ports_destroy(pb);
    pb = NULL;
}

START_TEST(test_clock_arithmetic)
{
    ck_assert_uint_eq(i8254_ticks_at(0), 0);
    ck_assert_uint_eq(i8254_ticks_at(837), 0);
    ck_assert_uint_eq(i8254_ticks_at(839), 1);
    ck_assert_uint_eq(i8254_ticks_at(SCHED_NS_PER_SEC), 1193181);
    ck_assert_uint_eq(i8254_ticks_at(88 * SCHED_NS_PER_SEC), 105000000);
    ck_assert_uint_eq(i8254_tick_time(105), 88000);
    ck_assert_uint_eq(i8254_tick_time(1), 839);
    for (uint64_t k = 1; k < 5000; k += 7) {
        ck_assert_uint_eq(i8254_tick_time(k), tick_ns(k));
        ck_assert_uint_eq(i8254_ticks_at(i8254_tick_time(k)), k);
        ck_assert_uint_eq(i8254_ticks_at(i8254_tick_time(k) - 1), k - 1);
    }
    /* Far out (about 30 years): still exact, no overflow. */
    uint64_t big = UINT64_C(1193182) * 3600 * 24 * 365 * 30;
    ck_assert_uint_eq(i8254_ticks_at(i8254_tick_time(big)), big);
}
END_TEST

START_TEST(test_mode0)
{
    at(10);
    out8(0x43, 0x30);
    ck_assert(!i8254_out(&pit, 0));
    write16(0, 5);
    ck_assert_uint_eq(count(0), 0); /* the load waits for the next edge */
    at(11);
    ck_assert_uint_eq(count(0), 5);
    at(12);
    ck_assert_uint_eq(count(0), 4);
    ck_assert(!out_at(0, 15));
    ck_assert_uint_eq(count(0), 1);
    ck_assert(out_at(0, 16));
    ck_assert_uint_eq(count(0), 0);
    at(17);
    ck_assert_uint_eq(count(0), 0xFFFF); /* keeps counting */
    ck_assert(out_at(0, 5000));
    ck_assert_uint_eq(changes0, 1);
    ck_assert_uint_eq(log0[0].tick, 16);
    ck_assert(log0[0].level);
    /* A new count sets OUT low at once. */
    write16(0, 2);
    ck_assert(!line0);
    ck_assert(!out_at(0, 5002));
    ck_assert(out_at(0, 5003));
}
END_TEST

START_TEST(test_mode0_count_zero_is_65536)
{
    out8(0x43, 0x30);
    write16(0, 0);
    ck_assert(!out_at(0, 65536));
    ck_assert(out_at(0, 65537));
}
END_TEST

START_TEST(test_mode0_first_byte_stops)
{
    at(10);
    out8(0x43, 0x30);
    write16(0, 100);
    at(20);
    ck_assert_uint_eq(count(0), 91);
    out8(0x40, 0x10);              /* LSB only: counting stops */
    at(30);
    ck_assert_uint_eq(count(0), 91);
    out8(0x40, 0x00);              /* MSB: N = 16, loaded at 31 */
    ck_assert(!out_at(0, 46));
    ck_assert(out_at(0, 47));
}
END_TEST

START_TEST(test_mode0_gate)
{
    port_b_write(&portb, 1);       /* channel 2 gate high */
    at(10);
    out8(0x43, 0xB0);              /* ch 2, LSB/MSB, mode 0 */
    write16(2, 5);
    at(12);
    ck_assert_uint_eq(count(2), 4);
    i8254_set_gate(&pit, 2, false);
    at(20);
    ck_assert_uint_eq(count(2), 4);
    i8254_set_gate(&pit, 2, true);
    ck_assert(!out_at(2, 23));
    ck_assert_uint_eq(count(2), 1);
    ck_assert(out_at(2, 24));
}
END_TEST

START_TEST(test_mode1)
{
    at(10);
    out8(0x43, 0xB2);              /* ch 2, mode 1 */
    ck_assert(i8254_out(&pit, 2));
    write16(2, 4);
    /* GATE (port B reset it low) has not risen: nothing happens. */
    ck_assert(out_at(2, 20));
    ck_assert_uint_eq(status(2) & PIT_STATUS_NULL, PIT_STATUS_NULL);
    i8254_set_gate(&pit, 2, true);  /* trigger at 20 */
    ck_assert(out_at(2, 20));
    ck_assert(!out_at(2, 21));
    ck_assert_uint_eq(count(2), 4);
    ck_assert_uint_eq(status(2) & PIT_STATUS_NULL, 0);
    ck_assert(!out_at(2, 24));
    ck_assert(out_at(2, 25));
    /* Retrigger while counting: restarts the one-shot. */
    at(30);
    i8254_set_gate(&pit, 2, false);
    i8254_set_gate(&pit, 2, true);
    ck_assert(!out_at(2, 31));
    at(33);
    i8254_set_gate(&pit, 2, false);  /* GATE low does not stop mode 1 */
    i8254_set_gate(&pit, 2, true);
    ck_assert(!out_at(2, 37));
    ck_assert(out_at(2, 38));
    /* A new count is used at the next trigger only. */
    write16(2, 10);
    at(40);
    ck_assert(i8254_out(&pit, 2));
    i8254_set_gate(&pit, 2, false);
    i8254_set_gate(&pit, 2, true);
    ck_assert(!out_at(2, 50));
    ck_assert(out_at(2, 51));
}
END_TEST

START_TEST(test_mode2)
{
    at(10);
    out8(0x43, 0x34);
    ck_assert(i8254_out(&pit, 0));
    write16(0, 4);
    at(11);
    ck_assert_uint_eq(count(0), 4);
    at(12);
    ck_assert_uint_eq(count(0), 3);
    ck_assert(out_at(0, 13));
    ck_assert(!out_at(0, 14));
    ck_assert_uint_eq(count(0), 1);
    ck_assert(out_at(0, 15));
    ck_assert_uint_eq(count(0), 4);
    at(40);
    /* The control word raised OUT at 10; then low 14, 18, ... */
    ck_assert_uint_eq(changes0, 1 + 2 * 7);
    ck_assert_uint_eq(log0[0].tick, 10);
    for (unsigned k = 0; k < 7; k++) {
        ck_assert_uint_eq(log0[1 + 2 * k].tick, 14 + 4 * k);
        ck_assert(!log0[1 + 2 * k].level);
        ck_assert_uint_eq(log0[2 + 2 * k].tick, 15 + 4 * k);
        ck_assert(log0[2 + 2 * k].level);
    }
}
END_TEST

START_TEST(test_mode2_new_count_at_period_end)
{
    at(10);
    out8(0x43, 0x34);
    write16(0, 4);                 /* low at 14, 18, reload at 15, 19 */
    at(16);
    write16(0, 6);
    ck_assert_uint_eq(status(0), 0x80 | 0x40 | 0x34);
    ck_assert(!out_at(0, 18));     /* the current period runs out */
    ck_assert(out_at(0, 19));
    ck_assert_uint_eq(count(0), 6);
    ck_assert_uint_eq(status(0), 0x80 | 0x34);
    ck_assert(out_at(0, 23));
    ck_assert(!out_at(0, 24));
    ck_assert(out_at(0, 25));
    ck_assert(!out_at(0, 30));
}
END_TEST

START_TEST(test_mode2_gate)
{
    port_b_write(&portb, 1);
    at(10);
    out8(0x43, 0xB4);              /* ch 2, mode 2 */
    write16(2, 5);
    ck_assert(!out_at(2, 15));
    ck_assert(out_at(2, 16));
    at(18);
    ck_assert_uint_eq(count(2), 3);
    port_b_write(&portb, 0);       /* GATE low: stop */
    at(30);
    ck_assert(i8254_out(&pit, 2));
    ck_assert_uint_eq(count(2), 3);
    port_b_write(&portb, 1);       /* rising: reload at 31 */
    at(31);
    ck_assert_uint_eq(count(2), 5);
    ck_assert(!out_at(2, 35));
    ck_assert(out_at(2, 36));
}
END_TEST

START_TEST(test_mode3_even)
{
    at(10);
    out8(0x43, 0x36);
    write16(0, 4);
    at(11);
    ck_assert_uint_eq(count(0), 4);
    ck_assert(i8254_out(&pit, 0));
    at(12);
    ck_assert_uint_eq(count(0), 2);
    ck_assert(i8254_out(&pit, 0));
    ck_assert(!out_at(0, 13));
    ck_assert_uint_eq(count(0), 4);
    ck_assert(!out_at(0, 14));
    ck_assert_uint_eq(count(0), 2);
    ck_assert(out_at(0, 15));
    at(30);
    ck_assert_uint_eq(rises0, 1 + 4); /* the control word's, then 15 19 23 27 */
    ck_assert_uint_eq(log0[1].tick, 13);
    ck_assert_uint_eq(log0[2].tick, 15);
}
END_TEST

START_TEST(test_mode3_odd)
{
    at(10);
    out8(0x43, 0x36);
    write16(0, 5);                 /* high 3 edges, low 2 */
    static const uint16_t ce[] = { 4, 2, 0, 4, 2, 4, 2, 0, 4, 2 };
    static const bool out[] = { 1, 1, 1, 0, 0, 1, 1, 1, 0, 0 };
    for (unsigned k = 0; k < 10; k++) {
        at(11 + k);
        ck_assert_uint_eq(count(0), ce[k]);
        ck_assert(i8254_out(&pit, 0) == out[k]);
    }
}
END_TEST

START_TEST(test_mode3_new_count_and_gate)
{
    port_b_write(&portb, 1);
    at(10);
    out8(0x43, 0xB6);              /* ch 2, mode 3 */
    write16(2, 8);                 /* high 11-14, low 15-18 */
    at(12);
    write16(2, 4);                 /* takes over at the end of this half */
    ck_assert(out_at(2, 14));
    ck_assert(!out_at(2, 15));     /* the low half of the new count */
    ck_assert(!out_at(2, 16));
    ck_assert(out_at(2, 17));
    ck_assert(!out_at(2, 19));
    /* GATE low forces OUT high; rising reloads. */
    port_b_write(&portb, 0);
    ck_assert(i8254_out(&pit, 2));
    at(40);
    port_b_write(&portb, 1);
    ck_assert(out_at(2, 42));
    ck_assert(!out_at(2, 43));
}
END_TEST

START_TEST(test_mode4)
{
    at(10);
    out8(0x43, 0x38);
    ck_assert(i8254_out(&pit, 0));
    write16(0, 3);
    ck_assert(out_at(0, 13));
    ck_assert(!out_at(0, 14));
    ck_assert_uint_eq(count(0), 0);
    ck_assert(out_at(0, 15));
    ck_assert_uint_eq(count(0), 0xFFFF);
    ck_assert(out_at(0, 70000)); /* one strobe only */
    ck_assert_uint_eq(changes0, 3); /* up at the control word, strobe */
    ck_assert_uint_eq(log0[1].tick, 14);
    ck_assert_uint_eq(log0[2].tick, 15);
}
END_TEST

START_TEST(test_mode4_gate)
{
    port_b_write(&portb, 1);
    at(10);
    out8(0x43, 0xB8);
    write16(2, 3);
    at(12);
    port_b_write(&portb, 0);       /* count 2, held */
    at(50);
    ck_assert_uint_eq(count(2), 2);
    port_b_write(&portb, 1);
    ck_assert(out_at(2, 51));
    ck_assert(!out_at(2, 52));
    ck_assert(out_at(2, 53));
}
END_TEST

START_TEST(test_mode5)
{
    at(10);
    out8(0x43, 0xBA);
    write16(2, 3);
    ck_assert(out_at(2, 30));      /* no trigger yet */
    port_b_write(&portb, 1);       /* trigger at 30 */
    ck_assert(out_at(2, 33));
    ck_assert(!out_at(2, 34));
    ck_assert(out_at(2, 35));
    ck_assert(out_at(2, 100));
    at(200);
    port_b_write(&portb, 0);
    port_b_write(&portb, 1);
    ck_assert(!out_at(2, 204));
    ck_assert(out_at(2, 205));
}
END_TEST

START_TEST(test_bcd)
{
    at(10);
    out8(0x43, 0x31);              /* mode 0, BCD */
    write16(0, 0x0010);            /* ten */
    at(11);
    ck_assert_uint_eq(count(0), 0x0010);
    at(12);
    ck_assert_uint_eq(count(0), 0x0009);
    ck_assert(!out_at(0, 20));
    ck_assert(out_at(0, 21));
    ck_assert_uint_eq(count(0), 0x0000);
    at(22);
    ck_assert_uint_eq(count(0), 0x9999);
    /* BCD mode 2 with count 0: a period of 10000 edges. */
    at(100);
    out8(0x43, 0x35);
    write16(0, 0);
    ck_assert(out_at(0, 10099));
    ck_assert(!out_at(0, 10100));
    ck_assert(out_at(0, 10101));
    ck_assert_uint_eq(count(0), 0x0000); /* 10000 shows as 0000 */
    at(10102);
    ck_assert_uint_eq(count(0), 0x9999);
}
END_TEST

START_TEST(test_access_modes)
{
    at(10);
    out8(0x43, 0x10);              /* ch 0, LSB only, mode 0 */
    out8(0x40, 0x20);              /* N = 32 */
    at(11);
    ck_assert_uint_eq(in8(0x40), 0x20);
    ck_assert_uint_eq(in8(0x40), 0x20);
    ck_assert(out_at(0, 43));
    out8(0x43, 0x20);              /* MSB only */
    out8(0x40, 0x01);              /* N = 256, written at 43 */
    at(44);
    ck_assert_uint_eq(in8(0x40), 0x01);
    at(44 + 200);
    ck_assert_uint_eq(in8(0x40), 0x00); /* 56: MSB 0 */
    ck_assert(!i8254_out(&pit, 0));
    ck_assert(out_at(0, 43 + 257));
    /* LSB then MSB, live reads walk the flip-flop. */
    out8(0x43, 0x30);
    write16(0, 0x1234);
    at(301);
    ck_assert_uint_eq(in8(0x40), 0x34);
    ck_assert_uint_eq(in8(0x40), 0x12);
}
END_TEST

START_TEST(test_latch)
{
    at(10);
    out8(0x43, 0x34);
    write16(0, 1000);
    at(110);
    out8(0x43, 0x00);              /* latch: 1000 - 99 = 901 */
    at(200);
    out8(0x43, 0x00);              /* ignored until read */
    at(500);
    ck_assert_uint_eq(in8(0x40), 901 & 0xFF);
    ck_assert_uint_eq(in8(0x40), 901 >> 8);
    /* Unlatched again: live. */
    ck_assert_uint_eq(in8(0x40), (1000 - 489) & 0xFF);
    ck_assert_uint_eq(in8(0x40), (1000 - 489) >> 8);
    /* Interleaved reads and writes keep their own flip-flops. */
    at(600);
    out8(0x43, 0x00);
    ck_assert_uint_eq(in8(0x40), (1000 - 589) & 0xFF);
    out8(0x40, 0x00);
    ck_assert_uint_eq(in8(0x40), (1000 - 589) >> 8);
    out8(0x40, 0x02);              /* N = 512 at the period's end */
    ck_assert(!out_at(0, 1010));
    ck_assert(out_at(0, 1011));
    ck_assert(!out_at(0, 1010 + 512));
}
END_TEST

START_TEST(test_read_back)
{
    at(10);
    out8(0x43, 0x34);
    ck_assert_uint_eq(status(0), 0x80 | 0x40 | 0x34);
    write16(0, 100);
    ck_assert_uint_eq(status(0), 0x80 | 0x40 | 0x34); /* not loaded yet */
    at(11);
    ck_assert_uint_eq(status(0), 0x80 | 0x34);
    out8(0x43, 0x30 | 0x80);       /* ch 2: mode 0, OUT low */
    ck_assert_uint_eq(status(2), 0x40 | 0x30);
    /* Count and status of channels 0 and 2 at once; status reads first. */
    at(30);
    out8(0x43, 0xC0 | 0x08 | 0x02);
    at(40);
    ck_assert_uint_eq(in8(0x40), 0x80 | 0x34);
    ck_assert_uint_eq(in8(0x40), 81);
    ck_assert_uint_eq(in8(0x40), 0);
    ck_assert_uint_eq(in8(0x42), 0x40 | 0x30);
    /* Count only: no status byte first. */
    out8(0x43, 0xD2);
    ck_assert_uint_eq(in8(0x40), 71);
    ck_assert_uint_eq(in8(0x40), 0);
    /* Reprogramming drops a latched status and count. */
    out8(0x43, 0xC2);
    at(50);
    out8(0x43, 0x32);              /* mode 1: OUT high, null count */
    ck_assert_uint_eq(status(0), 0x80 | 0x40 | 0x32);
    ck_assert_uint_eq(in8(0x43), 0xFF);
}
END_TEST

START_TEST(test_port_b)
{
    ck_assert_uint_eq(port_b_read(&portb) & 0xCF, 0x00);
    ck_assert(!i8254_gate(&pit, 2));
    /* The refresh toggle, every 15.085 us. */
    ck_assert_uint_eq(in8(0x61) & 0x10, 0);
    sched_advance_to(&sched, 15084);
    ck_assert_uint_eq(in8(0x61) & 0x10, 0);
    sched_advance_to(&sched, 15085);
    ck_assert_uint_eq(in8(0x61) & 0x10, 0x10);
    sched_advance_to(&sched, 30169);
    ck_assert_uint_eq(in8(0x61) & 0x10, 0x10);
    sched_advance_to(&sched, 30170);
    ck_assert_uint_eq(in8(0x61) & 0x10, 0);
    /* Writable bits; 6 and 7 read 0. */
    out8(0x61, 0xFF);
    ck_assert(i8254_gate(&pit, 2));
    ck_assert_uint_eq(in8(0x61) & 0xCF, 0x0F);
    out8(0x61, 0x02);
    ck_assert(!i8254_gate(&pit, 2));
    ck_assert_uint_eq(in8(0x61) & 0xCF, 0x02);
}
END_TEST

START_TEST(test_port_b_out2_calibration)
{
    /* The way Linux and BIOSes time a delay: channel 2 in mode 0 with
     * the gate low, raise the gate through port 61h, poll bit 5. */
    at(10);
    out8(0x43, 0xB0);
    write16(2, 100);
    at(20);
    ck_assert_uint_eq(in8(0x61) & 0x20, 0);
    out8(0x61, 0x01);
    at(119);
    ck_assert_uint_eq(in8(0x61) & 0x20, 0);
    at(120);
    ck_assert_uint_eq(in8(0x61) & 0x20, 0x20);
    /* Mode 3 square wave, as the speaker uses it. */
    out8(0x43, 0xB6);
    write16(2, 4);                 /* written at 120, gate high */
    at(121);
    ck_assert_uint_eq(in8(0x61) & 0x20, 0x20);
    at(123);
    ck_assert_uint_eq(in8(0x61) & 0x20, 0);
    at(125);
    ck_assert_uint_eq(in8(0x61) & 0x20, 0x20);
}
END_TEST

START_TEST(test_no_drift)
{
    /* 88 s of mode 2 with N = 1000: 105,000,000 ticks exactly, so OUT
     * rises at 1001 + 1000 k, the last at 104,999,001. */
    out8(0x43, 0x34);
    write16(0, 1000);
    sched_advance_to(&sched, 88 * SCHED_NS_PER_SEC);
    ck_assert_uint_eq(rises0, 1 + 104999);
    ck_assert_uint_eq(count(0), 1000 - (105000000 - 104999001));
}
END_TEST

START_TEST(test_late_events_replay_edges)
{
    out8(0x43, 0x34);
    write16(0, 4);                 /* rises at 5, 9, 13, ... */
    /* The board runs due events only between CPU slices: jump, then run. */
    sched_set_manual_time(&sched, tick_ns(30));
    ck_assert_uint_eq(rises0, 1);
    sched_run_due(&sched);
    ck_assert_uint_eq(rises0, 1 + 7);  /* 5 9 13 17 21 25 29 */
    ck_assert(line0);
    /* A port access sees the same up-to-date line. */
    sched_set_manual_time(&sched, tick_ns(36));
    write16(0, 4);
    ck_assert_uint_eq(rises0, 1 + 8);
}
END_TEST

/* A guest may program anything in any order: no crash (the sanitizer
 * build watches), and after every step the IRQ 0 line the events drive
 * equals OUT0 computed from the time. */
START_TEST(test_random_programming)
{
    uint32_t x = 777;
    uint64_t k = 0;
    for (int n = 0; n < 100000; n++) {
        x = x * 1103515245u + 12345u;
        unsigned what = (x >> 16) % 8;
        uint8_t v = (uint8_t)(x >> 8);
        if (what < 2)
            out8((uint16_t)(0x40 + ((x >> 24) & 3)), v);
        else if (what == 2)
            (void)in8((uint16_t)(0x40 + ((x >> 24) & 3)));
        else if (what == 3)
            out8(0x61, v);
        else if (what == 4)
            i8254_set_gate(&pit, (x >> 24) % 4, v & 1);
        else if (what == 5)
            out8(0x40, (uint8_t)((x >> 24) & 7));  /* short counts too */
        else
            at(k += (x >> 24) % 40);
        ck_assert(line0 == i8254_out(&pit, 0));
    }
}
END_TEST

static Suite *pit_suite(void)
{
    Suite *s = suite_create("i8254");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_clock_arithmetic);
    tcase_add_test(tc, test_mode0);
    tcase_add_test(tc, test_mode0_count_zero_is_65536);
    tcase_add_test(tc, test_mode0_first_byte_stops);
    tcase_add_test(tc, test_mode0_gate);
    tcase_add_test(tc, test_mode1);
    tcase_add_test(tc, test_mode2);
    tcase_add_test(tc, test_mode2_new_count_at_period_end);
    tcase_add_test(tc, test_mode2_gate);
    tcase_add_test(tc, test_mode3_even);
    tcase_add_test(tc, test_mode3_odd);
    tcase_add_test(tc, test_mode3_new_count_and_gate);
    tcase_add_test(tc, test_mode4);
    tcase_add_test(tc, test_mode4_gate);
    tcase_add_test(tc, test_mode5);
    tcase_add_test(tc, test_bcd);
    tcase_add_test(tc, test_access_modes);
    tcase_add_test(tc, test_latch);
    tcase_add_test(tc, test_read_back);
    tcase_add_test(tc, test_port_b);
    tcase_add_test(tc, test_port_b_out2_calibration);
    tcase_add_test(tc, test_no_drift);
    tcase_add_test(tc, test_late_events_replay_edges);
    tcase_add_test(tc, test_random_programming);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return check_run(pit_suite(), CK_ENV);
}
