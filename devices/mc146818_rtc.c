/*
 * mc146818_rtc.c - the MC146818A RTC/CMOS (the model is in mc146818_rtc.h).
 *
 * Time is kept in the chip's own unit, ticks of the 32.768 kHz divider
 * chain counted from when the chain last started, so every tap (the
 * once-a-second update, the periodic rates, the 244 us UIP lead) falls on
 * an exact tick whatever the emulated-ns clock does.  State that depends
 * on time is brought up to sched_now() lazily by rtc_sync() before every
 * register access and from the two events; the events only exist so that
 * an interrupt is raised on time:
 *   - update_event fires at every update (1 Hz) while the clock runs,
 *     which also keeps the lazy catch-up loop short;
 *   - periodic_event fires at the periodic rate only while PIE is set.
 *     With PIE clear, PF is still set correctly for a guest that polls
 *     register C: rtc_sync() sees that a periodic tap passed since the
 *     last look.  So nobody pays for a 1024 Hz event nobody listens to.
 */
#include "devices/mc146818_rtc.h"

#include <string.h>

#include "mem/io_ops.h"
#include "mem/ports.h"

/* UIP rises 244.140625 us (8 ticks) before an update (datasheet, Table
 * "Update Cycle Times", tBUC). */
#define RTC_UIP_LEAD_TICKS 8u
/* Leaving divider reset, the first update comes half a second later. */
#define RTC_FIRST_UPDATE_AFTER_RESET (RTC_TICKS_PER_SEC / 2u)
/* Register values that do not come from a time base. */
#define RTC_REG_A_POWER_ON 0x26u   /* 32.768 kHz, 1024 Hz: what PC BIOSes set */
#define RTC_REG_B_POWER_ON 0x02u   /* 24-hour, BCD */
/* Years past 9999 do not fit the century byte; later wall times are clamped. */
#define RTC_LAST_WALL_SECOND UINT64_C(253402300799) /* 9999-12-31 23:59:59 */

/* ---- divider-chain time ---------------------------------------------- */

static bool rtc_running(const struct mc146818_rtc *rtc)
{
    return (rtc->cmos[RTC_REG_A] & RTC_A_DV_MASK) == RTC_A_DV_32KHZ;
}

static uint64_t rtc_ticks_at(const struct mc146818_rtc *rtc, uint64_t ns)
{
    uint64_t d = ns > rtc->origin_ns ? ns - rtc->origin_ns : 0;
    /* Split so that d * 32768 cannot overflow. */
    return (d / SCHED_NS_PER_SEC) * RTC_TICKS_PER_SEC
           + (d % SCHED_NS_PER_SEC) * RTC_TICKS_PER_SEC / SCHED_NS_PER_SEC;
}

/* The first ns at which the divider has counted `tick` ticks (rounded up,
 * so an event armed here sees the tick reached). */
static uint64_t rtc_ns_of_tick(const struct mc146818_rtc *rtc, uint64_t tick)
{
    uint64_t whole = tick / RTC_TICKS_PER_SEC;
    uint64_t part = tick % RTC_TICKS_PER_SEC;
    uint64_t part_ns = (part * SCHED_NS_PER_SEC + RTC_TICKS_PER_SEC - 1) / RTC_TICKS_PER_SEC;
    return rtc->origin_ns + whole * SCHED_NS_PER_SEC + part_ns;
}

/* The periodic-interrupt period in ticks for register A's rate select, 0
 * for none (datasheet, Table "Periodic Interrupt Rate and Square-Wave
 * Output Frequency", 32.768 kHz column: RS 1 and 2 repeat RS 8 and 9). */
static uint64_t rtc_periodic_ticks(const struct mc146818_rtc *rtc)
{
    unsigned rs = rtc->cmos[RTC_REG_A] & RTC_A_RS_MASK;
    if (rs == 0)
        return 0;
    if (rs <= 2)
        rs += 7;
    return UINT64_C(1) << (rs - 1);
}

/* ---- calendar --------------------------------------------------------- */

static bool rtc_binary(const struct mc146818_rtc *rtc)
{
    return (rtc->cmos[RTC_REG_B] & RTC_B_DM_BINARY) != 0;
}

/* A register byte as a number, in the mode register B selects.  Invalid
 * BCD (a nibble above 9) just gives a larger number; the callers' range
 * checks then roll it over, so nothing a guest writes can index out of
 * bounds. */
static unsigned rtc_from_reg(const struct mc146818_rtc *rtc, uint8_t v)
{
    return rtc_binary(rtc) ? v : (unsigned)(v >> 4) * 10u + (v & 0x0Fu);
}

static uint8_t rtc_to_reg(const struct mc146818_rtc *rtc, unsigned n)
{
    n %= 100u;
    return rtc_binary(rtc) ? (uint8_t)n : (uint8_t)(((n / 10u) << 4) | (n % 10u));
}

static bool rtc_leap_year(unsigned year)
{
    return year % 4u == 0 && (year % 100u != 0 || year % 400u == 0);
}

static unsigned rtc_days_in_month(unsigned month, unsigned year)
{
    static const uint8_t days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (month < 1 || month > 12)
        return 31;
    if (month == 2 && rtc_leap_year(year))
        return 29;
    return days[month - 1];
}

/* Adds one to the field at `reg`; true if it wrapped from `last` to
 * `first` (a carry into the next field). */
static bool rtc_step_field(struct mc146818_rtc *rtc, unsigned reg, unsigned first, unsigned last)
{
    unsigned v = rtc_from_reg(rtc, rtc->cmos[reg]) + 1u;
    bool carry = v > last || v < first;
    rtc->cmos[reg] = rtc_to_reg(rtc, carry ? first : v);
    return carry;
}

/* Hours carry into the date at midnight.  In 12-hour mode the hours go
 * 12 AM, 1 AM ... 11 AM, 12 PM, 1 PM ... 11 PM, 12 AM with bit 7 = PM
 * (datasheet, "Time, Calendar and Alarm Data Modes"). */
static bool rtc_step_hours(struct mc146818_rtc *rtc)
{
    if (rtc->cmos[RTC_REG_B] & RTC_B_24H)
        return rtc_step_field(rtc, RTC_HOURS, 0, 23);
    uint8_t pm = rtc->cmos[RTC_HOURS] & RTC_HOURS_PM;
    unsigned h = rtc_from_reg(rtc, rtc->cmos[RTC_HOURS] & 0x7Fu);
    bool carry = false;
    if (h >= 12 || h == 0) {
        h = 1;
    } else if (++h == 12) {
        carry = pm != 0;
        pm ^= RTC_HOURS_PM;
    }
    rtc->cmos[RTC_HOURS] = (uint8_t)(rtc_to_reg(rtc, h) | pm);
    return carry;
}

/* One update cycle's worth of time: seconds + 1, carried as far as it goes. */
static void rtc_advance_one_second(struct mc146818_rtc *rtc)
{
    if (!rtc_step_field(rtc, RTC_SECONDS, 0, 59))
        return;
    if (!rtc_step_field(rtc, RTC_MINUTES, 0, 59))
        return;
    if (!rtc_step_hours(rtc))
        return;
    rtc_step_field(rtc, RTC_DAY_OF_WEEK, 1, 7);
    unsigned year = rtc_from_reg(rtc, rtc->cmos[RTC_CENTURY]) * 100u
                    + rtc_from_reg(rtc, rtc->cmos[RTC_YEAR]);
    unsigned month = rtc_from_reg(rtc, rtc->cmos[RTC_MONTH]);
    if (!rtc_step_field(rtc, RTC_DATE, 1, rtc_days_in_month(month, year)))
        return;
    if (!rtc_step_field(rtc, RTC_MONTH, 1, 12))
        return;
    if (!rtc_step_field(rtc, RTC_YEAR, 0, 99))
        return;
    rtc_step_field(rtc, RTC_CENTURY, 0, 99);
}

static bool rtc_alarm_matches(const struct mc146818_rtc *rtc)
{
    static const uint8_t pairs[3][2] = {
        { RTC_SECONDS_ALARM, RTC_SECONDS },
        { RTC_MINUTES_ALARM, RTC_MINUTES },
        { RTC_HOURS_ALARM, RTC_HOURS },
    };
    for (unsigned i = 0; i < 3; i++) {
        uint8_t alarm = rtc->cmos[pairs[i][0]];
        if ((alarm & RTC_ALARM_DONT_CARE) == RTC_ALARM_DONT_CARE)
            continue;
        if (alarm != rtc->cmos[pairs[i][1]])
            return false;
    }
    return true;
}

/* Loads a wall time (seconds since 1970 UTC) into bytes 0-9 and 32h in
 * the current data mode. */
static void rtc_load_wall_time(struct mc146818_rtc *rtc, uint64_t wall_seconds)
{
    if (wall_seconds > RTC_LAST_WALL_SECOND)
        wall_seconds = RTC_LAST_WALL_SECOND;
    uint64_t days = wall_seconds / 86400u;
    unsigned secs_of_day = (unsigned)(wall_seconds % 86400u);
    unsigned weekday = (unsigned)((days + 4u) % 7u); /* 1970-01-01 was a Thursday; 0 = Sunday */

    unsigned year = 1970;
    while (days >= (rtc_leap_year(year) ? 366u : 365u)) {
        days -= rtc_leap_year(year) ? 366u : 365u;
        year++;
    }
    unsigned month = 1;
    while (days >= rtc_days_in_month(month, year)) {
        days -= rtc_days_in_month(month, year);
        month++;
    }

    unsigned hour = secs_of_day / 3600u;
    uint8_t hour_reg;
    if (rtc->cmos[RTC_REG_B] & RTC_B_24H) {
        hour_reg = rtc_to_reg(rtc, hour);
    } else {
        unsigned h12 = hour % 12u == 0 ? 12u : hour % 12u;
        hour_reg = (uint8_t)(rtc_to_reg(rtc, h12) | (hour >= 12 ? RTC_HOURS_PM : 0));
    }
    rtc->cmos[RTC_SECONDS] = rtc_to_reg(rtc, secs_of_day % 60u);
    rtc->cmos[RTC_MINUTES] = rtc_to_reg(rtc, secs_of_day / 60u % 60u);
    rtc->cmos[RTC_HOURS] = hour_reg;
    rtc->cmos[RTC_DAY_OF_WEEK] = rtc_to_reg(rtc, weekday + 1u);
    rtc->cmos[RTC_DATE] = rtc_to_reg(rtc, (unsigned)days + 1u);
    rtc->cmos[RTC_MONTH] = rtc_to_reg(rtc, month);
    rtc->cmos[RTC_YEAR] = rtc_to_reg(rtc, year % 100u);
    rtc->cmos[RTC_CENTURY] = rtc_to_reg(rtc, year / 100u);
}

/* ---- time-driven state -------------------------------------------------- */

/* Brings the clock and the flags up to sched_now(): every update cycle
 * that fell due (unless SET holds them off), and PF if a periodic tap
 * passed since the last look. */
static void rtc_sync(struct mc146818_rtc *rtc)
{
    if (!rtc_running(rtc))
        return;
    uint64_t now_tick = rtc_ticks_at(rtc, sched_now(rtc->sched));
    while (rtc->next_update_tick <= now_tick) {
        if (!(rtc->cmos[RTC_REG_B] & RTC_B_SET)) {
            rtc_advance_one_second(rtc);
            rtc->cmos[RTC_REG_C] |= RTC_C_UF;
            if (rtc_alarm_matches(rtc))
                rtc->cmos[RTC_REG_C] |= RTC_C_AF;
        }
        rtc->next_update_tick += RTC_TICKS_PER_SEC;
    }
    uint64_t period = rtc_periodic_ticks(rtc);
    if (period != 0 && now_tick / period > rtc->pf_seen_tick / period)
        rtc->cmos[RTC_REG_C] |= RTC_C_PF;
    rtc->pf_seen_tick = now_tick;
}

/* IRQF = PF.PIE + AF.AIE + UF.UIE (datasheet, register C), and the IRQ
 * pin follows it. */
static void rtc_update_irq(struct mc146818_rtc *rtc)
{
    uint8_t c = rtc->cmos[RTC_REG_C] & (RTC_C_PF | RTC_C_AF | RTC_C_UF);
    uint8_t b = rtc->cmos[RTC_REG_B];
    bool irqf = ((c & RTC_C_PF) && (b & RTC_B_PIE)) || ((c & RTC_C_AF) && (b & RTC_B_AIE))
                || ((c & RTC_C_UF) && (b & RTC_B_UIE));
    rtc->cmos[RTC_REG_C] = (uint8_t)(c | (irqf ? RTC_C_IRQF : 0));
    if (irqf != rtc->irq_level) {
        rtc->irq_level = irqf;
        irq_set(&rtc->irq, irqf);
    }
}

static void rtc_schedule(struct mc146818_rtc *rtc)
{
    if (!rtc_running(rtc)) {
        sched_cancel(rtc->sched, &rtc->update_event);
        sched_cancel(rtc->sched, &rtc->periodic_event);
        return;
    }
    sched_arm_at(rtc->sched, &rtc->update_event, rtc_ns_of_tick(rtc, rtc->next_update_tick));
    uint64_t period = rtc_periodic_ticks(rtc);
    if (period != 0 && (rtc->cmos[RTC_REG_B] & RTC_B_PIE)) {
        uint64_t next = (rtc->pf_seen_tick / period + 1u) * period;
        sched_arm_at(rtc->sched, &rtc->periodic_event, rtc_ns_of_tick(rtc, next));
    } else {
        sched_cancel(rtc->sched, &rtc->periodic_event);
    }
}

/* After anything that may have changed flags, enables or rates. */
static void rtc_settle(struct mc146818_rtc *rtc)
{
    rtc_update_irq(rtc);
    rtc_schedule(rtc);
}

static void rtc_event_fired(void *opaque)
{
    struct mc146818_rtc *rtc = opaque;
    rtc_sync(rtc);
    rtc_settle(rtc);
}

static bool rtc_update_in_progress(const struct mc146818_rtc *rtc)
{
    if (!rtc_running(rtc) || (rtc->cmos[RTC_REG_B] & RTC_B_SET))
        return false;
    uint64_t now_tick = rtc_ticks_at(rtc, sched_now(rtc->sched));
    return now_tick + RTC_UIP_LEAD_TICKS >= rtc->next_update_tick;
}

/* ---- register access ------------------------------------------------- */

static void rtc_write_reg_a(struct mc146818_rtc *rtc, uint8_t value)
{
    bool was_running = rtc_running(rtc);
    rtc->cmos[RTC_REG_A] = value & (uint8_t)~RTC_A_UIP;
    if (rtc_running(rtc) && !was_running) {
        rtc->origin_ns = sched_now(rtc->sched);
        rtc->next_update_tick = RTC_FIRST_UPDATE_AFTER_RESET;
        rtc->pf_seen_tick = 0;
    }
}

static void rtc_write_reg_b(struct mc146818_rtc *rtc, uint8_t value)
{
    /* Setting SET aborts updates and clears UIE (datasheet, register B). */
    if (value & RTC_B_SET)
        value &= (uint8_t)~RTC_B_UIE;
    rtc->cmos[RTC_REG_B] = value;
}

/* The bytes the update cycle writes: they must be brought up to date
 * before anyone looks at or overwrites them. */
static bool rtc_clock_byte(unsigned index)
{
    return index <= RTC_REG_D || index == RTC_CENTURY;
}

void rtc_cmos_write(struct mc146818_rtc *rtc, unsigned index, uint8_t value)
{
    index &= RTC_CMOS_SIZE - 1u;
    if (!rtc_clock_byte(index)) {
        rtc->cmos[index] = value;
        return;
    }
    rtc_sync(rtc);
    switch (index) {
    case RTC_REG_A:
        rtc_write_reg_a(rtc, value);
        break;
    case RTC_REG_B:
        rtc_write_reg_b(rtc, value);
        break;
    case RTC_REG_C:
    case RTC_REG_D:
        break; /* read-only */
    default:
        rtc->cmos[index] = value;
        break;
    }
    rtc_settle(rtc);
}

uint8_t rtc_cmos_read(struct mc146818_rtc *rtc, unsigned index)
{
    index &= RTC_CMOS_SIZE - 1u;
    if (!rtc_clock_byte(index))
        return rtc->cmos[index];
    rtc_sync(rtc);
    uint8_t value = rtc->cmos[index];
    if (index == RTC_REG_A && rtc_update_in_progress(rtc))
        value |= RTC_A_UIP;
    if (index == RTC_REG_C)
        rtc->cmos[RTC_REG_C] = 0;
    /* The sync may have set flags before their event fired: IRQ follows now. */
    rtc_settle(rtc);
    return value;
}

void rtc_cmos_update_checksum(struct mc146818_rtc *rtc)
{
    uint16_t sum = 0;
    for (unsigned i = RTC_CHECKSUM_FIRST; i <= RTC_CHECKSUM_LAST; i++)
        sum = (uint16_t)(sum + rtc->cmos[i]);
    rtc->cmos[RTC_CHECKSUM_HI] = (uint8_t)(sum >> 8);
    rtc->cmos[RTC_CHECKSUM_LO] = (uint8_t)sum;
}

/* ---- ports ------------------------------------------------------------- */

/* The index ports are write-only on the AT; a read returns all ones. */
static uint32_t rtc_bank0_read(void *state, uint32_t offset, unsigned size)
{
    (void)size;
    struct mc146818_rtc *rtc = state;
    return offset == 0 ? 0xFFu : rtc_cmos_read(rtc, rtc->index0);
}

static void rtc_bank0_write(void *state, uint32_t offset, unsigned size, uint32_t value)
{
    (void)size;
    struct mc146818_rtc *rtc = state;
    if (offset == 0) {
        rtc->index0 = (uint8_t)(value & 0x7Fu);
        rtc->nmi_masked = (value & 0x80u) != 0;
    } else {
        rtc_cmos_write(rtc, rtc->index0, (uint8_t)value);
    }
}

static uint32_t rtc_bank1_read(void *state, uint32_t offset, unsigned size)
{
    (void)size;
    struct mc146818_rtc *rtc = state;
    return offset == 0 ? 0xFFu : rtc_cmos_read(rtc, rtc->index1);
}

static void rtc_bank1_write(void *state, uint32_t offset, unsigned size, uint32_t value)
{
    (void)size;
    struct mc146818_rtc *rtc = state;
    if (offset == 0)
        rtc->index1 = (uint8_t)(0x80u | (value & 0x7Fu));
    else
        rtc_cmos_write(rtc, rtc->index1, (uint8_t)value);
}

static const struct io_ops rtc_bank0_ops = {
    .read = rtc_bank0_read,
    .write = rtc_bank0_write,
    .sizes = IO_SIZE_8,
};

static const struct io_ops rtc_bank1_ops = {
    .read = rtc_bank1_read,
    .write = rtc_bank1_write,
    .sizes = IO_SIZE_8,
};

bool rtc_attach(struct mc146818_rtc *rtc, struct port_bus *pb)
{
    if (!ports_register(pb, "rtc", RTC_PORT_BANK0, 2, &rtc_bank0_ops, rtc))
        return false;
    if (!ports_register(pb, "cmos-bank1", RTC_PORT_BANK1, 2, &rtc_bank1_ops, rtc)) {
        ports_unregister(pb, RTC_PORT_BANK0, 2);
        return false;
    }
    return true;
}

/* ---- life cycle ---------------------------------------------------------- */

void rtc_init(struct mc146818_rtc *rtc, struct sched *sched, struct irq_line irq,
              uint64_t wall_seconds)
{
    memset(rtc, 0, sizeof *rtc);
    rtc->sched = sched;
    rtc->irq = irq;
    rtc->index1 = 0x80;
    sched_event_init(&rtc->update_event, "rtc-update", rtc_event_fired, rtc);
    sched_event_init(&rtc->periodic_event, "rtc-periodic", rtc_event_fired, rtc);
    rtc->cmos[RTC_REG_A] = RTC_REG_A_POWER_ON;
    rtc->cmos[RTC_REG_B] = RTC_REG_B_POWER_ON;
    rtc->cmos[RTC_REG_D] = RTC_D_VRT;
    rtc_load_wall_time(rtc, wall_seconds);
    rtc->origin_ns = sched_now(sched);
    rtc->next_update_tick = RTC_TICKS_PER_SEC;
    irq_lower(&rtc->irq);
    rtc_settle(rtc);
}

void rtc_reset(struct mc146818_rtc *rtc)
{
    rtc_sync(rtc);
    rtc->cmos[RTC_REG_B] &= (uint8_t)~(RTC_B_PIE | RTC_B_AIE | RTC_B_UIE | RTC_B_SQWE);
    rtc->cmos[RTC_REG_C] = 0;
    rtc_settle(rtc);
}
