/*
 * lapic.h - the P6 local APIC, memory-mapped at FEE00000h (4 KiB), for
 * the one CPU of the machine.
 *
 * Follows the Intel SDM vol. 3A chapter 10 ("Advanced Programmable
 * Interrupt Controller"): ID, version (00050014h), TPR, APR, PPR, EOI,
 * LDR/DFR, SVR (software enable, spurious vector; bits 3-0 read 1 as on
 * the P6), 256-bit ISR/TMR/IRR, ESR (send/receive illegal vector, illegal
 * register address), ICR, the LVT (timer, thermal, performance counter,
 * LINT0, LINT1, error) and the timer (one-shot and periodic, divide
 * configuration, current count computed from sched_now(), an event at
 * each expiry only while the timer's LVT entry is unmasked).
 *
 * The timer's bus clock is 100 MHz (10 ns a tick): the front-side bus of
 * the Pentium II/III this APIC imitates, so counts a guest calibrates look
 * like a real machine's, and a tick is a whole number of nanoseconds.
 *
 * IA32_APIC_BASE (MSR 1Bh) bit 11 is the global enable; the CPU's WRMSR
 * hands the value to lapic_set_base_msr().  While globally disabled the
 * APIC is absent: its registers read all ones, and the 8259's INTR (LINT0)
 * goes straight to the CPU.  Clearing bit 11 resets the APIC's registers.
 * The base address field is stored (lapic_base_msr) but moving the MMIO
 * window is the board's business.
 *
 * Interrupts reach the CPU by one of three paths: the 8259's INTR on
 * LINT0 (or LINT1) programmed as ExtINT, which bypasses IRR/ISR and the
 * priorities, and whose vector lapic_acknowledge() fetches through the
 * ack_extint callback (the board points it at i8259_acknowledge); fixed
 * interrupts (I/O APIC messages, the timer, LVT error, self IPIs, LINTn in
 * fixed mode) through IRR, ISR and the processor priority; and an ExtINT
 * message from the I/O APIC, acknowledged like LINT0's.  An EOI of a
 * level-triggered vector (TMR set) is broadcast through the eoi callback
 * (the board points it at ioapic_eoi).
 *
 * Reset state (SDM 10.4.7.1) except one thing: LVT LINT0 is 700h
 * (ExtINT, unmasked), as QEMU sets it on the bootstrap processor, so a
 * BIOS that never touches the APIC still receives 8259 interrupts (a real
 * board's BIOS programs this virtual-wire mode itself).
 *
 * Not here: NMI, SMI, INIT and start-up delivery (LINTn in NMI mode, NMI
 * IPIs and I/O APIC NMI messages are ignored: the CPU has no NMI input
 * yet); other processors (IPIs reach this APIC only: shorthand self or
 * all-including-self, or a destination that matches it); level-triggered
 * LINTn in fixed mode (treated as edge); the thermal and performance LVT
 * entries never fire; focus processor checking; TSC-deadline mode (not
 * on a P6).
 */
#ifndef SOFTPC_DEVICES_LAPIC_H
#define SOFTPC_DEVICES_LAPIC_H

#include <stdbool.h>
#include <stdint.h>

#include "devices/irq.h"
#include "devices/sched.h"
#include "mem/io_ops.h"

#define LAPIC_BASE         0xFEE00000u
#define LAPIC_SIZE         0x1000u
#define LAPIC_VERSION      0x00050014u
#define LAPIC_BUS_NS       10u          /* 100 MHz timer bus clock */
#define LAPIC_BASE_MSR_RESET UINT64_C(0xFEE00900) /* BSP, enabled */
#define LAPIC_BASE_MSR_BSP    (1u << 8)
#define LAPIC_BASE_MSR_ENABLE (1u << 11)

/* Register offsets (SDM table 10-1). */
enum {
    LAPIC_ID = 0x020, LAPIC_VER = 0x030, LAPIC_TPR = 0x080, LAPIC_APR = 0x090,
    LAPIC_PPR = 0x0A0, LAPIC_EOI = 0x0B0, LAPIC_LDR = 0x0D0, LAPIC_DFR = 0x0E0,
    LAPIC_SVR = 0x0F0, LAPIC_ISR = 0x100, LAPIC_TMR = 0x180, LAPIC_IRR = 0x200,
    LAPIC_ESR = 0x280, LAPIC_ICR_LO = 0x300, LAPIC_ICR_HI = 0x310,
    LAPIC_LVT_TIMER = 0x320, LAPIC_LVT_THERMAL = 0x330, LAPIC_LVT_PERF = 0x340,
    LAPIC_LVT_LINT0 = 0x350, LAPIC_LVT_LINT1 = 0x360, LAPIC_LVT_ERROR = 0x370,
    LAPIC_TIMER_INITIAL = 0x380, LAPIC_TIMER_CURRENT = 0x390,
    LAPIC_TIMER_DIVIDE = 0x3E0,
};

/* LVT / ICR / redirection fields. */
#define APIC_VECTOR        0x000000FFu
#define APIC_DELIVERY      0x00000700u
#define APIC_DEST_LOGICAL  0x00000800u
#define APIC_PENDING       0x00001000u
#define APIC_LEVEL_ASSERT  0x00004000u
#define APIC_TRIGGER_LEVEL 0x00008000u
#define APIC_MASKED        0x00010000u
#define APIC_TIMER_PERIODIC 0x00020000u
#define APIC_SVR_ENABLE    0x00000100u

enum apic_delivery {
    APIC_DM_FIXED = 0, APIC_DM_LOWEST = 1, APIC_DM_SMI = 2, APIC_DM_NMI = 4,
    APIC_DM_INIT = 5, APIC_DM_STARTUP = 6, APIC_DM_EXTINT = 7,
};

/* ESR bits. */
#define LAPIC_ESR_SEND_ILLEGAL    0x20u
#define LAPIC_ESR_RECEIVE_ILLEGAL 0x40u
#define LAPIC_ESR_ILLEGAL_REG     0x80u

enum { LAPIC_LVT_COUNT = 6 };   /* timer, thermal, perf, LINT0, LINT1, error */

struct lapic {
    uint64_t base_msr;
    uint32_t id;                /* the ID register (ID in bits 31:24) */
    uint32_t tpr;
    uint32_t ldr, dfr;
    uint32_t svr;
    uint32_t isr[8], tmr[8], irr[8];  /* bit v of word v / 32 */
    uint32_t esr;               /* what reads of ESR show */
    uint32_t esr_pending;       /* errors since the last ESR write */
    uint32_t icr_lo, icr_hi;
    uint32_t lvt[LAPIC_LVT_COUNT];    /* 320h-370h, in order */
    uint32_t timer_initial;
    uint32_t timer_divide;      /* the divide configuration register */
    uint64_t timer_base_ns;     /* the timer counted timer_base_count ... */
    uint32_t timer_base_count;  /* ... at this time (0: stopped/expired) */
    bool lint[2];               /* LINT0/LINT1 input levels */
    bool extint_message;        /* an ExtINT message from the I/O APIC waits */
    bool intr_level;

    struct irq_line intr;       /* to the CPU's INTR */
    struct sched *sched;
    struct sched_event timer_event;
    uint8_t (*ack_extint)(void *opaque);   /* the 8259's INTA */
    void *ack_extint_opaque;
    void (*eoi)(void *opaque, uint8_t vector); /* level EOI broadcast */
    void *eoi_opaque;
};

/* Wires the CPU's INTR, the scheduler, the ExtINT acknowledge and the EOI
 * broadcast (callbacks may be NULL), and resets (IA32_APIC_BASE too). */
void lapic_init(struct lapic *a, struct sched *sched, struct irq_line intr,
                uint8_t (*ack_extint)(void *opaque), void *ack_extint_opaque,
                void (*eoi)(void *opaque, uint8_t vector), void *eoi_opaque);
/* Power-on/RESET: registers as in SDM 10.4.7.1, IA32_APIC_BASE = FEE00900h. */
void lapic_reset(struct lapic *a);

/* For phys_add_mmio(ps, "lapic", LAPIC_BASE, LAPIC_SIZE, prio, &lapic_mmio_ops, a).
 * 32-bit accesses; registers sit at 16-byte boundaries. */
extern const struct io_ops lapic_mmio_ops;
uint32_t lapic_read(struct lapic *a, uint32_t offset);
void lapic_write(struct lapic *a, uint32_t offset, uint32_t value);

/* IA32_APIC_BASE: WRMSR and RDMSR. */
void lapic_set_base_msr(struct lapic *a, uint64_t value);
uint64_t lapic_base_msr(const struct lapic *a);
bool lapic_enabled(const struct lapic *a);
/* Globally enabled and software-enabled (SVR bit 8): LVT entries and
 * I/O APIC messages can interrupt the CPU. */
bool lapic_software_enabled(const struct lapic *a);

/* LINT0 (pin 0, the 8259's INTR) and LINT1 (pin 1): irq_line signature. */
void lapic_set_lint(void *lapic, unsigned pin, bool level);

/* An interrupt message (from the I/O APIC): vector, delivery mode
 * (enum apic_delivery), destination and whether it is logical, trigger.
 * Returns whether this APIC accepted it (destination matched, mode
 * supported). */
bool lapic_receive(void *lapic, uint8_t vector, unsigned delivery, uint8_t dest,
                   bool logical, bool level_triggered);

/* Whether INTR is asserted now, and the INTA cycle (vector; the spurious
 * vector when the request went away, e.g. raised TPR). */
bool lapic_has_interrupt(const struct lapic *a);
uint8_t lapic_acknowledge(struct lapic *a);
/* The same with the signature of cpu->intr_ack (opaque = the APIC). */
uint8_t lapic_intr_ack(void *lapic);

#endif
