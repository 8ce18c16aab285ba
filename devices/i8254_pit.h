/*
 * i8254_pit.h - the Intel 8254 programmable interval timer at 40h-43h.
 *
 * Follows the Intel 8254 datasheet (order no. 231164): three 16-bit down
 * counters clocked at 1.193182 MHz (exactly 105/88 MHz, a third of the
 * NTSC colour burst x 4 / 12 that the PC derives it from), modes 0-5
 * (6 and 7 are 2 and 3), binary and BCD counting, LSB / MSB / LSB-then-MSB
 * access, the counter latch command, the read-back command (count and
 * status, with the null-count bit), and the GATE inputs.  On a PC,
 * channel 0's OUT is IRQ 0, channel 1 (DRAM refresh) drives nothing, and
 * channel 2's GATE and OUT are bits 0 and 5 of port 61h (devices/port_b.h).
 *
 * No counter is stepped: every count and OUT level is computed from
 * sched_now() by integer arithmetic (ticks = ns * 105 / 88000, exactly,
 * so nothing drifts), relative to the clock edge at which the counter was
 * last loaded.  Scheduler events exist only for OUT lines that are wired
 * (out[i].set != NULL): each one fires at the next OUT transition, so
 * channel 0 in mode 2 or 3 re-arms twice per period, and an unwired
 * channel costs nothing however it is programmed.
 *
 *   mode 2, N = 4:      load                        reload
 *   CLK edge       w    1     2     3     4     5     6     7
 *   count               4     3     2     1     4     3     2
 *   OUT        ---------------------------_____---------------
 *   (w: the count is written; IRQ 0 latches OUT's rising edge)
 *
 * Timing follows the datasheet's "next CLK pulse" rules: a count written
 * between edges T and T+1 is loaded at edge T+1 (which does not count),
 * and so is a GATE trigger.  Choices where the datasheet leaves a gap:
 *   - mode 3 with an odd count shows CE = 0 during the extra high clock;
 *   - a count of 1 in mode 2 or 3 (illegal per the datasheet) holds OUT
 *     low (mode 2) or high (mode 3): no interrupts rather than an event
 *     every clock;
 *   - the power-on state (the 8254 has no RESET pin) is every channel as
 *     after control word 30h (mode 0, LSB then MSB, binary) with no count:
 *     OUT low, GATE high;
 *   - reading 43h returns FFh (the datasheet: no operation, 3-state);
 *   - an event more than a second of emulated time late (a paused host
 *     under --clock realtime) drops the OUT transitions it missed.
 */
#ifndef SOFTPC_DEVICES_I8254_PIT_H
#define SOFTPC_DEVICES_I8254_PIT_H

#include <stdbool.h>
#include <stdint.h>

#include "devices/irq.h"
#include "devices/sched.h"

struct port_bus;

#define I8254_BASE 0x40u
#define I8254_CLOCK_NUM 105u      /* input clock = 105 / 88 MHz */
#define I8254_CLOCK_DEN 88000u    /* ... = 105 ticks per 88000 ns */

/* Control word and status byte fields (datasheet, "Control Word Format"). */
#define PIT_CTRL_BCD     0x01u
#define PIT_CTRL_MODE    0x0Eu
#define PIT_CTRL_RW      0x30u
#define PIT_CTRL_SC      0xC0u
#define PIT_STATUS_NULL  0x40u
#define PIT_STATUS_OUT   0x80u

struct i8254_channel {
    /* Programming. */
    uint8_t control;        /* bits 5-0 of the last control word (status) */
    uint8_t mode;           /* 0-5 */
    uint8_t access;         /* RW: 1 LSB, 2 MSB, 3 LSB then MSB */
    bool bcd;
    uint16_t count_reg;     /* CR, as written (BCD digits if bcd) */
    bool count_valid;       /* a full count was written since the control word */
    bool write_msb_next;    /* write flip-flop (access 3) */
    bool read_msb_next;     /* read flip-flop (access 3) */
    uint16_t latch;         /* OL, valid while latched */
    bool latched;
    uint8_t status;         /* status byte, valid while status_latched */
    bool status_latched;
    bool gate;

    /* Counting, as of clock edge ref_tick (see i8254_pit.c). */
    uint64_t ref_tick;      /* edges after this one count (if counting) */
    uint32_t ref_ce;        /* CE at ref_tick, 0..modulus-1 */
    uint32_t period;        /* modes 2, 3: the reload count, 1..modulus */
    uint8_t ref_phase;      /* modes 0,1,4,5: 0 before terminal count, 1 at
                               it, 2 after; mode 3: 0 high half, 1 low half */
    bool counting;
    uint32_t pre_ce;        /* what CE and OUT show before ref_tick */
    bool pre_out;
    bool pending;           /* modes 2, 3: a new count waits for ... */
    uint64_t pending_tick;  /* ... this edge (end of period / half-cycle) */
    uint32_t pending_period;
    uint8_t pending_phase;  /* mode 3: the half the new count starts in */
    uint64_t null_until;    /* null count reads 1 before this edge */

    /* The OUT pin as the line was last driven, and the next change. */
    bool out_level;
    uint64_t out_next;      /* edge of the next OUT transition, or NEVER */
};

struct i8254_pit {
    struct i8254_channel ch[3];
    struct irq_line out[3];     /* out[0] is IRQ 0; 1 and 2 unwired by default */
    struct sched *sched;
    struct sched_event event[3];
};

/* Wires the scheduler and OUT0 (the board: IRQ 0) and resets the chip.
 * out[1] and out[2] may be wired afterwards (before any programming). */
void i8254_init(struct i8254_pit *pit, struct sched *sched, struct irq_line irq0);
/* Power-on state (see the top); cancels the events. */
void i8254_reset(struct i8254_pit *pit);
/* Claims 40h-43h; false if taken. */
bool i8254_attach(struct i8254_pit *pit, struct port_bus *pb);

/* GATE input of a channel (0-2); channel 0 and 1 gates are tied high on
 * a PC.  Effects per mode as in the datasheet's "GATE pin operations". */
void i8254_set_gate(struct i8254_pit *pit, unsigned channel, bool level);
bool i8254_gate(const struct i8254_pit *pit, unsigned channel);
/* The OUT pin of a channel now. */
bool i8254_out(const struct i8254_pit *pit, unsigned channel);

/* Port 61h's view of channel 2 (the callbacks of devices/port_b.h,
 * opaque = the PIT). */
void i8254_port_b_set_gate2(void *pit, bool level);
bool i8254_port_b_out2(void *pit);

/* Ticks of the 105/88 MHz clock in [0, ns], and the first ns at which
 * tick `t` has happened; exact integer arithmetic, no overflow. */
uint64_t i8254_ticks_at(uint64_t ns);
uint64_t i8254_tick_time(uint64_t tick);

#endif
