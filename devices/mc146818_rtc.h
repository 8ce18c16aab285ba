/*
 * mc146818_rtc.h - the MC146818A real-time clock and its battery-backed
 * CMOS RAM, as a PC wires it (Motorola MC146818A datasheet; IBM PC/AT
 * Technical Reference for the port and checksum conventions).
 *
 * Ports: 70h selects a byte of bank 0 (bit 7 is the PC's NMI mask: stored,
 * no effect here), 71h reads or writes it; 72h/73h do the same for bank 1,
 * the upper 128 bytes (docs/platform.md), so the CMOS is 256 bytes.  Bytes
 * 0-9 are the time and alarm registers, 0Ah-0Dh registers A-D, the rest is
 * plain RAM the board and the BIOS fill.
 *
 * The clock runs only from emulated time (sched_now()): the board gives
 * the wall time at init, after that only the scheduler moves it.  It keeps
 * time only with the 32.768 kHz time base (register A DV = 010), which is
 * the crystal every PC has; DV = 11x holds the divider chain in reset, and
 * the first update comes 500 ms after it is released (datasheet, "Divider
 * Stage Update").  The other DV codes stop the clock and the periodic
 * interrupt (a PC never uses them).
 *
 *   time   ... |<-244us->|                                        |
 *   UIP    ____/~~~~~~~~~\________________ ... ___________________/~~
 *                        ^ update: seconds+1 (carry), alarm check, UF
 *
 * The update itself is instantaneous here: UIP is 1 for the 244 us
 * before each update and falls at the update (the real chip keeps it 1
 * for another 1984 us while the registers are in transition; a guest
 * that waits for UIP to fall sees no difference except the time it saves).
 *
 * Calendar: full Gregorian leap years using the century byte at CMOS 32h,
 * which the clock carries into when the year rolls from 99 to 00 (the
 * MC146818A itself has no century; PC chipset RTCs do).  The century byte
 * is kept in the format of register B's DM bit, like the other time
 * bytes, which is how Linux reads it.
 *
 * Not emulated: the square-wave output (SQWE is stored; a PC leaves the
 * pin unconnected), daylight-saving (DSE is stored and ignored: no clock
 * jumps in April or October), the 4.194304 MHz and 1.048576 MHz time
 * bases, the undefined values the time bytes read during a real update.
 */
#ifndef SOFTPC_DEVICES_MC146818_RTC_H
#define SOFTPC_DEVICES_MC146818_RTC_H

#include <stdbool.h>
#include <stdint.h>

#include "devices/irq.h"
#include "devices/sched.h"

struct port_bus;

#define RTC_PORT_BANK0 0x70u   /* 70h index, 71h data */
#define RTC_PORT_BANK1 0x72u   /* 72h index, 73h data: CMOS 80h-FFh */
#define RTC_CMOS_SIZE 256u

/* Register numbers (datasheet, "Address Map"). */
enum {
    RTC_SECONDS = 0x00,
    RTC_SECONDS_ALARM = 0x01,
    RTC_MINUTES = 0x02,
    RTC_MINUTES_ALARM = 0x03,
    RTC_HOURS = 0x04,
    RTC_HOURS_ALARM = 0x05,
    RTC_DAY_OF_WEEK = 0x06,   /* 1 = Sunday */
    RTC_DATE = 0x07,
    RTC_MONTH = 0x08,
    RTC_YEAR = 0x09,
    RTC_REG_A = 0x0A,
    RTC_REG_B = 0x0B,
    RTC_REG_C = 0x0C,
    RTC_REG_D = 0x0D,
    RTC_CENTURY = 0x32,       /* PC convention, docs/platform.md */
    RTC_CHECKSUM_FIRST = 0x10,
    RTC_CHECKSUM_LAST = 0x2D,
    RTC_CHECKSUM_HI = 0x2E,
    RTC_CHECKSUM_LO = 0x2F,
};

/* Register A */
#define RTC_A_UIP 0x80u
#define RTC_A_DV_MASK 0x70u
#define RTC_A_DV_32KHZ 0x20u       /* DV = 010 */
#define RTC_A_DV_RESET 0x60u       /* DV = 11x: both codes reset the chain */
#define RTC_A_RS_MASK 0x0Fu
/* Register B */
#define RTC_B_SET 0x80u
#define RTC_B_PIE 0x40u
#define RTC_B_AIE 0x20u
#define RTC_B_UIE 0x10u
#define RTC_B_SQWE 0x08u
#define RTC_B_DM_BINARY 0x04u
#define RTC_B_24H 0x02u
#define RTC_B_DSE 0x01u
/* Register C */
#define RTC_C_IRQF 0x80u
#define RTC_C_PF 0x40u
#define RTC_C_AF 0x20u
#define RTC_C_UF 0x10u
/* Register D */
#define RTC_D_VRT 0x80u
/* Hours in 12-hour mode */
#define RTC_HOURS_PM 0x80u
/* An alarm byte with its two top bits set matches any value. */
#define RTC_ALARM_DONT_CARE 0xC0u

/* The 32.768 kHz crystal: one divider tick is 1/32768 s. */
#define RTC_TICKS_PER_SEC 32768u

struct mc146818_rtc {
    uint8_t cmos[RTC_CMOS_SIZE];   /* registers 0-0Dh live here too */
    uint8_t index0;                /* last index written to 70h, bit 7 cleared */
    uint8_t index1;                /* last index written to 72h, 80h-FFh */
    bool nmi_masked;               /* bit 7 of the last write to 70h */

    struct irq_line irq;           /* IRQ 8: high while register C IRQF is 1 */
    bool irq_level;                /* what the line was last driven to */

    struct sched *sched;
    struct sched_event update_event;    /* armed while the clock runs */
    struct sched_event periodic_event;  /* armed only while PIE is set */

    /* The divider chain, in 32.768 kHz ticks since `origin_ns`, the time
     * it was last released from reset (or the init time). */
    uint64_t origin_ns;
    uint64_t next_update_tick;     /* tick of the next update cycle */
    uint64_t pf_seen_tick;         /* periodic taps up to here are in PF */
};

/* Sets the CMOS to zero, registers A = 26h (32.768 kHz, 1024 Hz), B = 02h
 * (24-hour, BCD), D = VRT, loads the time and date of `wall_seconds`
 * (seconds since 1970-01-01 00:00 UTC) into bytes 0-9 and 32h, and starts
 * the clock: the first update comes 1 s after sched_now().  `irq` may be
 * unwired. */
void rtc_init(struct mc146818_rtc *rtc, struct sched *sched, struct irq_line irq,
              uint64_t wall_seconds);

/* The RESET pin (datasheet, "RESET"): clears PIE, AIE, UIE, SQWE and the
 * flags in register C, drops IRQ.  Time, divider, rate and RAM stay (on a
 * PC the chip is battery-backed; a system reset does not stop the clock). */
void rtc_reset(struct mc146818_rtc *rtc);

/* Claims ports 70h-73h; false (and nothing claimed) if any is taken. */
bool rtc_attach(struct mc146818_rtc *rtc, struct port_bus *pb);

/* The board's access to the CMOS by absolute index 0-FFh (before power-on
 * or from a monitor).  Indexes 0-0Dh behave as a guest access through 71h
 * (register C clears on read, A's UIP is read-only, ...). */
void rtc_cmos_write(struct mc146818_rtc *rtc, unsigned index, uint8_t value);
uint8_t rtc_cmos_read(struct mc146818_rtc *rtc, unsigned index);

/* Sums bytes 10h-2Dh into 2Eh (high) and 2Fh (low), as the IBM AT BIOS
 * checks them. */
void rtc_cmos_update_checksum(struct mc146818_rtc *rtc);

#endif
