/*
 * test_rtc.c - Check unit tests for the MC146818A RTC/CMOS
 * (devices/mc146818_rtc.c), driven through its ports 70h-73h on a real
 * port bus and a manual scheduler clock.
 *
 * Expected values come from the MC146818A datasheet (register layout,
 * UIP lead of 244 us, first update 500 ms after divider reset, rate
 * select table, alarm don't-care codes C0h-FFh, register C cleared on
 * read, SET clears UIE and UIP), from the calendar (dates and weekdays
 * checked with Python's calendar module) and from the IBM AT checksum
 * rule (10h-2Dh into 2Eh:2Fh, high byte first).
 */
#include "devices/mc146818_rtc.h"

#include <check.h>
#include <stdlib.h>

#include "mem/ports.h"
#include "tests/unit/check_main.h"

#define MS SCHED_NS_PER_MS
#define US SCHED_NS_PER_US
#define SEC SCHED_NS_PER_SEC

/* 2024-02-28 23:59:58 UTC, a Wednesday. */
#define WALL_2024_02_28_235958 UINT64_C(1709164798)

struct irq_probe {
    bool level;
    unsigned rises;
};

static void probe_set(void *opaque, unsigned pin, bool level)
{
    (void)pin;
    struct irq_probe *p = opaque;
    if (level && !p->level)
        p->rises++;
    p->level = level;
}

static struct sched s;
static struct port_bus *pb;
static struct mc146818_rtc rtc;
static struct irq_probe probe;

static void start_at(uint64_t wall)
{
    sched_init(&s);
    pb = ports_create();
    ck_assert_ptr_nonnull(pb);
    probe = (struct irq_probe){ 0 };
    rtc_init(&rtc, &s, irq_line_make(probe_set, &probe, 8), wall);
    ck_assert(rtc_attach(&rtc, pb));
}

static void setup(void)
{
    start_at(WALL_2024_02_28_235958);
}

static void teardown(void)
{
    ports_destroy(pb);
}

static uint8_t reg(unsigned index)
{
    ports_write(pb, 0x70, 1, index);
    return (uint8_t)ports_read(pb, 0x71, 1);
}

static void set_reg(unsigned index, uint8_t value)
{
    ports_write(pb, 0x70, 1, index);
    ports_write(pb, 0x71, 1, value);
}

static void advance(uint64_t ns)
{
    sched_advance_to(&s, sched_now(&s) + ns);
}

static void check_time(uint8_t h, uint8_t m, uint8_t sec)
{
    ck_assert_uint_eq(reg(RTC_HOURS), h);
    ck_assert_uint_eq(reg(RTC_MINUTES), m);
    ck_assert_uint_eq(reg(RTC_SECONDS), sec);
}

static void check_date(uint8_t century, uint8_t year, uint8_t month, uint8_t date, uint8_t wday)
{
    ck_assert_uint_eq(reg(RTC_CENTURY), century);
    ck_assert_uint_eq(reg(RTC_YEAR), year);
    ck_assert_uint_eq(reg(RTC_MONTH), month);
    ck_assert_uint_eq(reg(RTC_DATE), date);
    ck_assert_uint_eq(reg(RTC_DAY_OF_WEEK), wday);
}

/* Loads a time with SET held, as a BIOS does, then lets the clock run. */
static void set_clock(uint8_t b, uint8_t century, uint8_t year, uint8_t month, uint8_t date,
                      uint8_t wday, uint8_t h, uint8_t m, uint8_t sec)
{
    set_reg(RTC_REG_B, (uint8_t)(b | RTC_B_SET));
    set_reg(RTC_SECONDS, sec);
    set_reg(RTC_MINUTES, m);
    set_reg(RTC_HOURS, h);
    set_reg(RTC_DAY_OF_WEEK, wday);
    set_reg(RTC_DATE, date);
    set_reg(RTC_MONTH, month);
    set_reg(RTC_YEAR, year);
    set_reg(RTC_CENTURY, century);
    set_reg(RTC_REG_B, b);
}

/* ---- power-on state and the update cycle ------------------------------- */

START_TEST(test_init_loads_wall_time_bcd)
{
    ck_assert_uint_eq(reg(RTC_REG_A), 0x26);
    ck_assert_uint_eq(reg(RTC_REG_B), 0x02);
    ck_assert_uint_eq(reg(RTC_REG_D), 0x80);
    check_time(0x23, 0x59, 0x58);
    check_date(0x20, 0x24, 0x02, 0x28, 4);
    ck_assert(!probe.level);
}
END_TEST

START_TEST(test_init_other_dates)
{
    teardown();
    start_at(UINT64_C(1709208000)); /* 2024-02-29 12:00:00, Thursday */
    check_time(0x12, 0x00, 0x00);
    check_date(0x20, 0x24, 0x02, 0x29, 5);
    teardown();
    start_at(0); /* 1970-01-01 00:00:00, Thursday */
    check_time(0x00, 0x00, 0x00);
    check_date(0x19, 0x70, 0x01, 0x01, 5);
}
END_TEST

START_TEST(test_update_once_per_second)
{
    advance(SEC - 1);
    ck_assert_uint_eq(reg(RTC_SECONDS), 0x58);
    advance(1);
    ck_assert_uint_eq(reg(RTC_SECONDS), 0x59);
    advance(SEC);
    check_time(0x00, 0x00, 0x00);
    check_date(0x20, 0x24, 0x02, 0x29, 5); /* 2024 is a leap year */
    advance(10 * SEC);
    ck_assert_uint_eq(reg(RTC_SECONDS), 0x10);
}
END_TEST

START_TEST(test_uip_244us_before_update)
{
    /* UIP rises 244.140625 us (8 ticks of 32.768 kHz) before the update. */
    advance(SEC - 245 * US);
    ck_assert_uint_eq(reg(RTC_REG_A) & RTC_A_UIP, 0);
    advance(1 * US);
    ck_assert_uint_eq(reg(RTC_REG_A), RTC_A_UIP | 0x26);
    ck_assert_uint_eq(reg(RTC_SECONDS), 0x58);
    advance(243 * US);
    ck_assert_uint_eq(reg(RTC_REG_A) & RTC_A_UIP, RTC_A_UIP);
    advance(1 * US); /* now 1 s: the update happened */
    ck_assert_uint_eq(reg(RTC_REG_A) & RTC_A_UIP, 0);
    ck_assert_uint_eq(reg(RTC_SECONDS), 0x59);
    /* Register A's UIP is read-only. */
    set_reg(RTC_REG_A, 0xA6);
    ck_assert_uint_eq(reg(RTC_REG_A), 0x26);
}
END_TEST

START_TEST(test_binary_mode)
{
    set_clock(RTC_B_24H | RTC_B_DM_BINARY, 20, 23, 2, 28, 3, 23, 59, 59);
    advance(SEC);
    check_time(0, 0, 0);
    check_date(20, 23, 3, 1, 4); /* 2023 is not a leap year */
    advance(59 * SEC);
    ck_assert_uint_eq(reg(RTC_SECONDS), 59);
    advance(SEC);
    check_time(0, 1, 0);
}
END_TEST

START_TEST(test_12_hour_mode)
{
    /* BCD 12-hour: 11:59:59 AM -> 12:00:00 PM (92h). */
    set_clock(0, 0x20, 0x24, 0x03, 0x01, 6, 0x11, 0x59, 0x59);
    advance(SEC);
    check_time(0x92, 0x00, 0x00);
    /* 12:59:59 PM -> 1:00:00 PM (81h). */
    set_clock(0, 0x20, 0x24, 0x03, 0x01, 6, 0x92, 0x59, 0x59);
    advance(SEC);
    check_time(0x81, 0x00, 0x00);
    /* 11:59:59 PM -> 12:00:00 AM (12h) on the next day. */
    set_clock(0, 0x20, 0x24, 0x03, 0x01, 6, 0x91, 0x59, 0x59);
    advance(SEC);
    check_time(0x12, 0x00, 0x00);
    check_date(0x20, 0x24, 0x03, 0x02, 7);
    /* 12:59:59 AM -> 1:00:00 AM. */
    set_clock(0, 0x20, 0x24, 0x03, 0x02, 7, 0x12, 0x59, 0x59);
    advance(SEC);
    check_time(0x01, 0x00, 0x00);
    /* Binary 12-hour: 11 PM is 8Bh; midnight is 0Ch. */
    set_clock(RTC_B_DM_BINARY, 20, 24, 3, 2, 7, 0x8B, 59, 59);
    advance(SEC);
    check_time(0x0C, 0, 0);
    check_date(20, 24, 3, 3, 1);
}
END_TEST

START_TEST(test_12_hour_pm_hours)
{
    /* A board that starts the RTC in 12-hour mode is not the default;
     * here the guest switches the mode and loads 6 PM itself. */
    set_clock(0, 0x20, 0x24, 0x03, 0x01, 6, 0x86, 0x00, 0x00);
    advance(3600 * SEC);
    check_time(0x87, 0x00, 0x00);
}
END_TEST

/* ---- calendar ------------------------------------------------------------ */

START_TEST(test_leap_years)
{
    /* 2000 is a leap year (divisible by 400). */
    set_clock(RTC_B_24H, 0x20, 0x00, 0x02, 0x28, 2, 0x23, 0x59, 0x59);
    advance(SEC);
    check_date(0x20, 0x00, 0x02, 0x29, 3);
    advance(86400 * SEC);
    check_date(0x20, 0x00, 0x03, 0x01, 4);
    /* 2100 is not (divisible by 100, not by 400). */
    set_clock(RTC_B_24H, 0x21, 0x00, 0x02, 0x28, 1, 0x23, 0x59, 0x59);
    advance(SEC);
    check_date(0x21, 0x00, 0x03, 0x01, 2);
}
END_TEST

START_TEST(test_month_lengths)
{
    static const uint8_t last_day[12] = { 0x31, 0x28, 0x31, 0x30, 0x31, 0x30,
                                          0x31, 0x31, 0x30, 0x31, 0x30, 0x31 };
    for (unsigned m = 1; m <= 12; m++) {
        uint8_t month = (uint8_t)(m / 10 * 16 + m % 10);
        set_clock(RTC_B_24H, 0x20, 0x23, month, last_day[m - 1], 1, 0x23, 0x59, 0x59);
        advance(SEC);
        unsigned next = m % 12 + 1;
        ck_assert_uint_eq(reg(RTC_MONTH), next / 10 * 16 + next % 10);
        ck_assert_uint_eq(reg(RTC_DATE), 0x01);
        ck_assert_uint_eq(reg(RTC_YEAR), m == 12 ? 0x24 : 0x23);
    }
}
END_TEST

START_TEST(test_century_rollover)
{
    teardown();
    start_at(UINT64_C(4102444799)); /* 2099-12-31 23:59:59, Thursday */
    check_date(0x20, 0x99, 0x12, 0x31, 5);
    advance(SEC);
    check_time(0x00, 0x00, 0x00);
    check_date(0x21, 0x00, 0x01, 0x01, 6);
}
END_TEST

START_TEST(test_weekday_wraps_saturday_to_sunday)
{
    set_clock(RTC_B_24H, 0x20, 0x24, 0x03, 0x02, 7, 0x23, 0x59, 0x59);
    advance(SEC);
    ck_assert_uint_eq(reg(RTC_DAY_OF_WEEK), 1);
}
END_TEST

/* ---- SET and the divider ------------------------------------------------- */

START_TEST(test_set_bit_stops_updates)
{
    set_reg(RTC_REG_B, RTC_B_24H | RTC_B_UIE);
    set_reg(RTC_REG_B, RTC_B_24H | RTC_B_UIE | RTC_B_SET);
    /* SET clears UIE. */
    ck_assert_uint_eq(reg(RTC_REG_B), RTC_B_24H | RTC_B_SET);
    advance(SEC - 100 * US);
    ck_assert_uint_eq(reg(RTC_REG_A) & RTC_A_UIP, 0); /* SET clears UIP */
    advance(3 * SEC);
    ck_assert_uint_eq(reg(RTC_SECONDS), 0x58);
    ck_assert_uint_eq(reg(RTC_REG_C) & RTC_C_UF, 0);
    /* Clearing SET at 3.9999 s: the divider kept running, so the next
     * update is at 4 s, not 1 s later. */
    set_reg(RTC_REG_B, RTC_B_24H);
    advance(99 * US);
    ck_assert_uint_eq(reg(RTC_SECONDS), 0x58);
    advance(1 * US);
    ck_assert_uint_eq(reg(RTC_SECONDS), 0x59);
}
END_TEST

START_TEST(test_divider_reset_then_half_second)
{
    advance(300 * MS);
    set_reg(RTC_REG_A, 0x70); /* DV = 111: divider in reset */
    advance(5 * SEC);
    ck_assert_uint_eq(reg(RTC_SECONDS), 0x58);
    ck_assert_uint_eq(reg(RTC_REG_A) & RTC_A_UIP, 0);
    set_reg(RTC_REG_A, 0x26);
    advance(500 * MS - 1);
    ck_assert_uint_eq(reg(RTC_SECONDS), 0x58);
    advance(1);
    ck_assert_uint_eq(reg(RTC_SECONDS), 0x59);
    advance(SEC);
    ck_assert_uint_eq(reg(RTC_SECONDS), 0x00);
}
END_TEST

START_TEST(test_other_time_bases_stop_the_clock)
{
    set_reg(RTC_REG_A, 0x06); /* DV = 000: 4.194304 MHz, not this crystal */
    set_reg(RTC_REG_B, RTC_B_24H | RTC_B_PIE);
    advance(3 * SEC);
    ck_assert_uint_eq(reg(RTC_SECONDS), 0x58);
    ck_assert_uint_eq(reg(RTC_REG_C), 0);
    ck_assert_uint_eq(probe.rises, 0);
}
END_TEST

/* ---- flags and interrupts ------------------------------------------------ */

START_TEST(test_uf_without_uie_sets_no_irqf)
{
    set_reg(RTC_REG_A, 0x20); /* no periodic rate: PF would be set too */
    advance(SEC);
    ck_assert_uint_eq(reg(RTC_REG_C), RTC_C_UF);
    ck_assert_uint_eq(reg(RTC_REG_C), 0); /* cleared by the read */
    ck_assert_uint_eq(probe.rises, 0);
}
END_TEST

START_TEST(test_update_interrupt)
{
    set_reg(RTC_REG_A, 0x20); /* no periodic rate: PF would be set too */
    set_reg(RTC_SECONDS_ALARM, 0x45); /* not midnight: AF would be set too */
    set_reg(RTC_REG_B, RTC_B_24H | RTC_B_UIE);
    advance(SEC - 1);
    ck_assert(!probe.level);
    advance(1);
    ck_assert(probe.level);
    ck_assert_uint_eq(probe.rises, 1);
    ck_assert_uint_eq(reg(RTC_REG_C), RTC_C_IRQF | RTC_C_UF);
    ck_assert(!probe.level);
    advance(SEC);
    ck_assert_uint_eq(probe.rises, 2);
    /* Enabling UIE when UF is already pending raises IRQ at once. */
    set_reg(RTC_REG_B, RTC_B_24H);
    ck_assert(!probe.level);
    ck_assert_uint_eq(reg(RTC_REG_C), RTC_C_UF);
    advance(SEC);
    set_reg(RTC_REG_B, RTC_B_24H | RTC_B_UIE);
    ck_assert(probe.level);
    ck_assert_uint_eq(probe.rises, 3);
}
END_TEST

START_TEST(test_access_before_event_fires)
{
    /* The board runs events between CPU slices, so a guest can read the
     * clock after an update's deadline but before its event ran: it must
     * see the new time, and the IRQ must follow at once. */
    set_reg(RTC_REG_B, RTC_B_24H | RTC_B_UIE);
    sched_set_manual_time(&s, 2500 * MS); /* two deadlines passed, no event run */
    ck_assert(!probe.level);
    ck_assert_uint_eq(reg(RTC_SECONDS), 0x00);
    ck_assert(probe.level);
    /* The read moved the update event on to 3 s: nothing stale fires. */
    ck_assert_uint_eq(sched_run_due(&s), 0);
    ck_assert_uint_eq(sched_next_deadline(&s), 3 * SEC);
}
END_TEST

START_TEST(test_alarm_exact)
{
    set_reg(RTC_REG_A, 0x20); /* no periodic rate: PF would be set too */
    /* Alarm at 00:00:05, AIE: AF at the update that reaches it. */
    set_reg(RTC_SECONDS_ALARM, 0x05);
    set_reg(RTC_MINUTES_ALARM, 0x00);
    set_reg(RTC_HOURS_ALARM, 0x00);
    set_reg(RTC_REG_B, RTC_B_24H | RTC_B_AIE);
    advance(6 * SEC); /* 00:00:04 */
    ck_assert(!probe.level);
    ck_assert_uint_eq(reg(RTC_REG_C), RTC_C_UF);
    advance(SEC); /* 00:00:05 */
    ck_assert(probe.level);
    ck_assert_uint_eq(reg(RTC_REG_C), RTC_C_IRQF | RTC_C_AF | RTC_C_UF);
    ck_assert(!probe.level);
    advance(SEC);
    ck_assert_uint_eq(reg(RTC_REG_C), RTC_C_UF);
    ck_assert_uint_eq(probe.rises, 1);
}
END_TEST

START_TEST(test_alarm_dont_care)
{
    /* Hours and minutes don't care (C0h-FFh), seconds 30: once a minute. */
    set_reg(RTC_SECONDS_ALARM, 0x30);
    set_reg(RTC_MINUTES_ALARM, 0xC0);
    set_reg(RTC_HOURS_ALARM, 0xFF);
    set_reg(RTC_REG_B, RTC_B_24H | RTC_B_AIE);
    unsigned alarms = 0;
    for (unsigned i = 0; i < 180; i++) {
        advance(SEC);
        if (reg(RTC_REG_C) & RTC_C_AF) {
            alarms++;
            ck_assert_uint_eq(reg(RTC_SECONDS), 0x30);
        }
    }
    ck_assert_uint_eq(alarms, 3);
    ck_assert_uint_eq(probe.rises, 3);
    /* All three don't care: every second. */
    set_reg(RTC_SECONDS_ALARM, 0xC5);
    reg(RTC_REG_C);
    for (unsigned i = 0; i < 5; i++) {
        advance(SEC);
        ck_assert_uint_eq(reg(RTC_REG_C) & RTC_C_AF, RTC_C_AF);
    }
}
END_TEST

/* Counts periodic interrupts over one second at rate select `rs`. */
static unsigned periodic_per_second(uint8_t rs)
{
    set_reg(RTC_REG_A, (uint8_t)(0x20 | rs));
    set_reg(RTC_REG_B, RTC_B_24H | RTC_B_PIE);
    reg(RTC_REG_C);
    unsigned count = 0;
    uint64_t end = sched_now(&s) + SEC;
    while (sched_next_deadline(&s) <= end) {
        sched_advance_to(&s, sched_next_deadline(&s));
        if (probe.level) {
            ck_assert_uint_eq(reg(RTC_REG_C) & (RTC_C_IRQF | RTC_C_PF), RTC_C_IRQF | RTC_C_PF);
            count++;
        }
    }
    sched_advance_to(&s, end);
    set_reg(RTC_REG_B, RTC_B_24H);
    return count;
}

START_TEST(test_periodic_rates)
{
    /* Datasheet rate table, 32.768 kHz time base. */
    static const unsigned hz[16] = { 0, 256, 128, 8192, 4096, 2048, 1024, 512,
                                     256, 128, 64, 32, 16, 8, 4, 2 };
    for (uint8_t rs = 0; rs < 16; rs++)
        ck_assert_uint_eq(periodic_per_second(rs), hz[rs]);
}
END_TEST

START_TEST(test_periodic_interval_1024hz)
{
    /* 976.5625 us between interrupts at RS = 6. */
    set_reg(RTC_REG_B, RTC_B_24H | RTC_B_PIE);
    reg(RTC_REG_C);
    advance(976 * US);
    ck_assert(!probe.level);
    advance(1 * US);
    ck_assert(probe.level);
}
END_TEST

START_TEST(test_periodic_polled_without_event)
{
    /* PIE clear: no periodic event, yet PF appears for a poller. */
    ck_assert(!sched_armed(&rtc.periodic_event));
    advance(500 * US);
    ck_assert_uint_eq(reg(RTC_REG_C) & RTC_C_PF, 0);
    advance(500 * US); /* past 976.5625 us */
    ck_assert_uint_eq(reg(RTC_REG_C), RTC_C_PF);
    ck_assert_uint_eq(reg(RTC_REG_C), 0);
    ck_assert(!sched_armed(&rtc.periodic_event));
    ck_assert_uint_eq(probe.rises, 0);
    /* Setting PIE arms it; clearing PIE disarms it. */
    set_reg(RTC_REG_B, RTC_B_24H | RTC_B_PIE);
    ck_assert(sched_armed(&rtc.periodic_event));
    set_reg(RTC_REG_B, RTC_B_24H);
    ck_assert(!sched_armed(&rtc.periodic_event));
}
END_TEST

START_TEST(test_irq_follows_irqf_and_enables)
{
    set_reg(RTC_REG_B, RTC_B_24H | RTC_B_PIE);
    advance(MS);
    ck_assert(probe.level);
    /* Clearing PIE drops IRQF (IRQF = PF.PIE + AF.AIE + UF.UIE); PF stays. */
    set_reg(RTC_REG_B, RTC_B_24H);
    ck_assert(!probe.level);
    ck_assert_uint_eq(reg(RTC_REG_C), RTC_C_PF);
}
END_TEST

START_TEST(test_reset_pin)
{
    set_reg(RTC_REG_B, RTC_B_24H | RTC_B_PIE | RTC_B_AIE | RTC_B_UIE | RTC_B_SQWE | RTC_B_DSE);
    set_reg(0x40, 0x5A);
    advance(SEC);
    ck_assert(probe.level);
    rtc_reset(&rtc);
    ck_assert(!probe.level);
    ck_assert_uint_eq(reg(RTC_REG_B), RTC_B_24H | RTC_B_DSE);
    ck_assert_uint_eq(reg(RTC_REG_C), 0);
    ck_assert_uint_eq(reg(RTC_REG_A), 0x26);
    ck_assert_uint_eq(reg(0x40), 0x5A);
    ck_assert_uint_eq(reg(RTC_SECONDS), 0x59);
    advance(SEC);
    ck_assert_uint_eq(reg(RTC_SECONDS), 0x00); /* the clock runs on */
}
END_TEST

/* ---- CMOS RAM and ports -------------------------------------------------- */

START_TEST(test_register_d_and_c_read_only)
{
    set_reg(RTC_REG_D, 0x00);
    ck_assert_uint_eq(reg(RTC_REG_D), RTC_D_VRT);
    set_reg(RTC_REG_C, 0xF0);
    ck_assert_uint_eq(reg(RTC_REG_C), 0);
}
END_TEST

START_TEST(test_checksum)
{
    /* 30 bytes 90h..ADh: sum = 30 * 80h + (10h + 2Dh) * 15 = 1293h. */
    for (unsigned i = 0x10; i <= 0x2D; i++)
        rtc_cmos_write(&rtc, i, (uint8_t)(0x80 + i));
    rtc_cmos_write(&rtc, 0x0F, 0x77);  /* outside the range */
    rtc_cmos_write(&rtc, 0x30, 0x77);
    rtc_cmos_update_checksum(&rtc);
    ck_assert_uint_eq(reg(0x2E), 0x12);
    ck_assert_uint_eq(reg(0x2F), 0x93);
    /* 30 bytes of FFh: 1DE2h, no carry lost. */
    for (unsigned i = 0x10; i <= 0x2D; i++)
        rtc_cmos_write(&rtc, i, 0xFF);
    rtc_cmos_update_checksum(&rtc);
    ck_assert_uint_eq(rtc_cmos_read(&rtc, 0x2E), 0x1D);
    ck_assert_uint_eq(rtc_cmos_read(&rtc, 0x2F), 0xE2);
}
END_TEST

START_TEST(test_bank1_through_72_73)
{
    for (unsigned i = 0; i < 128; i++) {
        ports_write(pb, 0x72, 1, i);
        ports_write(pb, 0x73, 1, i ^ 0xA5);
    }
    for (unsigned i = 0; i < 128; i++)
        ck_assert_uint_eq(rtc_cmos_read(&rtc, 0x80 + i), i ^ 0xA5);
    /* Bank 0 is untouched: 70h/71h see the lower bytes. */
    ck_assert_uint_eq(reg(0x40), 0);
    rtc_cmos_write(&rtc, 0x81, 0x34);
    ports_write(pb, 0x72, 1, 0x81); /* bit 7 of the bank-1 index is implied */
    ck_assert_uint_eq(ports_read(pb, 0x73, 1), 0x34);
}
END_TEST

START_TEST(test_nmi_bit_is_stored_not_an_index_bit)
{
    ports_write(pb, 0x70, 1, 0x80 | 0x40);
    ports_write(pb, 0x71, 1, 0x99);
    ck_assert(rtc.nmi_masked);
    ck_assert_uint_eq(rtc_cmos_read(&rtc, 0x40), 0x99);
    ck_assert_uint_eq(rtc_cmos_read(&rtc, 0xC0), 0x00);
    ports_write(pb, 0x70, 1, 0x40);
    ck_assert(!rtc.nmi_masked);
    ck_assert_uint_eq(ports_read(pb, 0x71, 1), 0x99);
}
END_TEST

static uint32_t dummy_read(void *state, uint32_t offset, unsigned size)
{
    (void)state;
    (void)offset;
    (void)size;
    return 0;
}

static void dummy_write(void *state, uint32_t offset, unsigned size, uint32_t value)
{
    (void)state;
    (void)offset;
    (void)size;
    (void)value;
}

START_TEST(test_attach_refuses_taken_ports)
{
    struct port_bus *other = ports_create();
    static const struct io_ops dummy = { dummy_read, dummy_write, IO_SIZE_8 };
    ck_assert(ports_register(other, "x", 0x73, 1, &dummy, NULL));
    struct mc146818_rtc r2;
    rtc_init(&r2, &s, irq_line_make(NULL, NULL, 0), 0);
    ck_assert(!rtc_attach(&r2, other));
    /* Nothing left claimed: 70h is free again. */
    ck_assert(ports_register(other, "y", 0x70, 2, &dummy, NULL));
    ports_destroy(other);
    sched_cancel(&s, &r2.update_event);
}
END_TEST

START_TEST(test_guest_writes_anything)
{
    /* Random writes to every register, time passing: no crash, no
     * out-of-bounds (the sanitizer build checks), and the clock still
     * works after a clean reload. */
    srand(1234);
    for (unsigned i = 0; i < 20000; i++) {
        ports_write(pb, (uint16_t)(0x70 + (rand() & 3)), 1, (uint32_t)rand() & 0xFF);
        if ((i & 63) == 0)
            advance((uint64_t)(rand() % 3000) * MS);
        (void)ports_read(pb, (uint16_t)(0x70 + (rand() & 3)), 1);
    }
    set_reg(RTC_REG_A, 0x26);
    set_clock(RTC_B_24H, 0x20, 0x24, 0x01, 0x01, 2, 0x10, 0x00, 0x00);
    advance(2 * SEC);
    ck_assert_uint_eq(reg(RTC_SECONDS), 0x02);
}
END_TEST

static Suite *rtc_suite(void)
{
    Suite *su = suite_create("mc146818_rtc");
    TCase *tc = tcase_create("rtc");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, test_init_loads_wall_time_bcd);
    tcase_add_test(tc, test_init_other_dates);
    tcase_add_test(tc, test_update_once_per_second);
    tcase_add_test(tc, test_uip_244us_before_update);
    tcase_add_test(tc, test_binary_mode);
    tcase_add_test(tc, test_12_hour_mode);
    tcase_add_test(tc, test_12_hour_pm_hours);
    tcase_add_test(tc, test_leap_years);
    tcase_add_test(tc, test_month_lengths);
    tcase_add_test(tc, test_century_rollover);
    tcase_add_test(tc, test_weekday_wraps_saturday_to_sunday);
    tcase_add_test(tc, test_set_bit_stops_updates);
    tcase_add_test(tc, test_divider_reset_then_half_second);
    tcase_add_test(tc, test_other_time_bases_stop_the_clock);
    tcase_add_test(tc, test_uf_without_uie_sets_no_irqf);
    tcase_add_test(tc, test_update_interrupt);
    tcase_add_test(tc, test_access_before_event_fires);
    tcase_add_test(tc, test_alarm_exact);
    tcase_add_test(tc, test_alarm_dont_care);
    tcase_add_test(tc, test_periodic_rates);
    tcase_add_test(tc, test_periodic_interval_1024hz);
    tcase_add_test(tc, test_periodic_polled_without_event);
    tcase_add_test(tc, test_irq_follows_irqf_and_enables);
    tcase_add_test(tc, test_reset_pin);
    tcase_add_test(tc, test_register_d_and_c_read_only);
    tcase_add_test(tc, test_checksum);
    tcase_add_test(tc, test_bank1_through_72_73);
    tcase_add_test(tc, test_nmi_bit_is_stored_not_an_index_bit);
    tcase_add_test(tc, test_attach_refuses_taken_ports);
    tcase_add_test(tc, test_guest_writes_anything);
    suite_add_tcase(su, tc);
    return su;
}

int main(void)
{
    return check_run(rtc_suite(), CK_NORMAL);
}
