/*
 * lapic.c - the P6 local APIC (the model is in lapic.h).
 *
 * INTR is re-evaluated after every change by lapic_update().  The timer
 * keeps (timer_base_ns, timer_base_count): the current count at that
 * time; everything else (current count, next expiry) is derived from
 * sched_now(), so the periodic timer does not drift however late its
 * event fires.
 */
#include "devices/lapic.h"

#include <stddef.h>

enum { LVT_TIMER, LVT_THERMAL, LVT_PERF, LVT_LINT0, LVT_LINT1, LVT_ERROR };

/* Writable bits of each LVT entry (SDM figure 10-8). */
static const uint32_t lvt_writable[LAPIC_LVT_COUNT] = {
    [LVT_TIMER] = APIC_VECTOR | APIC_MASKED | APIC_TIMER_PERIODIC,
    [LVT_THERMAL] = APIC_VECTOR | APIC_DELIVERY | APIC_MASKED,
    [LVT_PERF] = APIC_VECTOR | APIC_DELIVERY | APIC_MASKED,
    [LVT_LINT0] = APIC_VECTOR | APIC_DELIVERY | 0x2000u | APIC_TRIGGER_LEVEL | APIC_MASKED,
    [LVT_LINT1] = APIC_VECTOR | APIC_DELIVERY | 0x2000u | APIC_TRIGGER_LEVEL | APIC_MASKED,
    [LVT_ERROR] = APIC_VECTOR | APIC_MASKED,
};

static bool vec_test(const uint32_t *set, unsigned v) { return (set[v >> 5] >> (v & 31)) & 1u; }
static void vec_set(uint32_t *set, unsigned v) { set[v >> 5] |= 1u << (v & 31); }
static void vec_clear(uint32_t *set, unsigned v) { set[v >> 5] &= ~(1u << (v & 31)); }

/* The highest vector set, or -1. */
static int vec_highest(const uint32_t *set)
{
    for (int w = 7; w >= 0; w--) {
        if (set[w] != 0) {
            int b = 31;
            while (!((set[w] >> b) & 1u))
                b--;
            return w * 32 + b;
        }
    }
    return -1;
}

bool lapic_enabled(const struct lapic *a)
{
    return (a->base_msr & LAPIC_BASE_MSR_ENABLE) != 0;
}

static bool sw_enabled(const struct lapic *a)
{
    return (a->svr & APIC_SVR_ENABLE) != 0;
}

bool lapic_software_enabled(const struct lapic *a)
{
    return lapic_enabled(a) && sw_enabled(a);
}

/* SDM 10.8.3.1: PPR is TPR, or the class of the highest in-service
 * vector if that is higher. */
static uint32_t lapic_ppr(const struct lapic *a)
{
    int isrv = vec_highest(a->isr);
    uint32_t isr_class = isrv < 0 ? 0 : (uint32_t)isrv & 0xF0u;
    return (a->tpr & 0xF0u) >= isr_class ? a->tpr & 0xFFu : isr_class;
}

/* SDM 10.8.3 (P6): APR is TPR if its class is at least those of the
 * highest IRR and ISR vectors, else the higher of those classes. */
static uint32_t lapic_apr(const struct lapic *a)
{
    int irrv = vec_highest(a->irr), isrv = vec_highest(a->isr);
    uint32_t top = (uint32_t)(irrv > isrv ? irrv : isrv);
    if (irrv < 0 && isrv < 0)
        top = 0;
    if ((a->tpr & 0xF0u) >= (top & 0xF0u))
        return a->tpr & 0xFFu;
    return top & 0xF0u;
}

static bool lint_extint(const struct lapic *a, unsigned pin)
{
    uint32_t lvt = a->lvt[LVT_LINT0 + pin];
    return a->lint[pin] && !(lvt & APIC_MASKED)
        && ((lvt & APIC_DELIVERY) >> 8) == APIC_DM_EXTINT;
}

static bool extint_pending(const struct lapic *a)
{
    return a->extint_message || lint_extint(a, 0) || lint_extint(a, 1);
}

/* The fixed vector INTA would deliver now, or -1. */
static int fixed_pending(const struct lapic *a)
{
    if (!sw_enabled(a))
        return -1;
    int v = vec_highest(a->irr);
    if (v < 0 || ((uint32_t)v & 0xF0u) <= (lapic_ppr(a) & 0xF0u))
        return -1;
    return v;
}

bool lapic_has_interrupt(const struct lapic *a)
{
    if (!lapic_enabled(a))
        return a->lint[0];
    return extint_pending(a) || fixed_pending(a) >= 0;
}

static void lapic_update(struct lapic *a)
{
    bool level = lapic_has_interrupt(a);
    if (level != a->intr_level) {
        a->intr_level = level;
        irq_set(&a->intr, level);
    }
}

static void lapic_error(struct lapic *a, uint32_t bits);

/* A fixed interrupt arrives (SDM 10.8.1): into IRR, TMR = trigger. */
static void lapic_accept(struct lapic *a, uint8_t vector, bool level)
{
    if (!sw_enabled(a))
        return;
    if (vector < 16) {
        lapic_error(a, LAPIC_ESR_RECEIVE_ILLEGAL);
        return;
    }
    vec_set(a->irr, vector);
    if (level)
        vec_set(a->tmr, vector);
    else
        vec_clear(a->tmr, vector);
}

/* SDM 10.5.3: an error is recorded and, through LVT error, interrupts.
 * Errors while the error vector itself is illegal record, not recurse. */
static void lapic_error(struct lapic *a, uint32_t bits)
{
    bool first = (a->esr_pending & bits) != bits;
    a->esr_pending |= bits;
    uint32_t lvt = a->lvt[LVT_ERROR];
    if (first && !(lvt & APIC_MASKED) && (lvt & APIC_VECTOR) >= 16)
        lapic_accept(a, (uint8_t)(lvt & APIC_VECTOR), false);
}

/* --- the timer ------------------------------------------------------ */

static uint64_t timer_tick_ns(const struct lapic *a)
{
    uint32_t d = ((a->timer_divide & 8u) >> 1) | (a->timer_divide & 3u);
    uint64_t divisor = d == 7 ? 1 : UINT64_C(2) << d;
    return LAPIC_BUS_NS * divisor;
}

static bool timer_periodic(const struct lapic *a)
{
    return (a->lvt[LVT_TIMER] & APIC_TIMER_PERIODIC) != 0;
}

static uint32_t timer_current(const struct lapic *a, uint64_t now)
{
    if (a->timer_base_count == 0)
        return 0;
    uint64_t elapsed = (now - a->timer_base_ns) / timer_tick_ns(a);
    if (elapsed < a->timer_base_count)
        return (uint32_t)(a->timer_base_count - elapsed);
    if (!timer_periodic(a) || a->timer_initial == 0)
        return 0;
    return a->timer_initial - (uint32_t)((elapsed - a->timer_base_count) % a->timer_initial);
}

/* The first expiry strictly after `now`, or SCHED_NEVER. */
static uint64_t timer_next_expiry(const struct lapic *a, uint64_t now)
{
    if (a->timer_base_count == 0)
        return SCHED_NEVER;
    uint64_t tick = timer_tick_ns(a);
    uint64_t first = a->timer_base_ns + a->timer_base_count * tick;
    if (first > now)
        return first;
    if (!timer_periodic(a) || a->timer_initial == 0)
        return SCHED_NEVER;
    uint64_t period = a->timer_initial * tick;
    return first + ((now - first) / period + 1) * period;
}

/* Restart counting from the current count now (after a change of the
 * divider or the mode), so what has counted stays counted. */
static void timer_rebase(struct lapic *a, uint64_t now)
{
    a->timer_base_count = timer_current(a, now);
    a->timer_base_ns = now;
}

/* The event exists only while an expiry can interrupt. */
static void timer_arm(struct lapic *a)
{
    uint64_t now = sched_now(a->sched);
    uint64_t next = timer_next_expiry(a, now);
    if (next == SCHED_NEVER || (a->lvt[LVT_TIMER] & APIC_MASKED) || !lapic_enabled(a))
        sched_cancel(a->sched, &a->timer_event);
    else
        sched_arm_at(a->sched, &a->timer_event, next);
}

static void timer_fire(void *opaque)
{
    struct lapic *a = opaque;
    uint64_t now = sched_now(a->sched);
    if (!timer_periodic(a) && timer_current(a, now) == 0)
        a->timer_base_count = 0; /* one-shot: done */
    if (!(a->lvt[LVT_TIMER] & APIC_MASKED))
        lapic_accept(a, (uint8_t)(a->lvt[LVT_TIMER] & APIC_VECTOR), false);
    timer_arm(a);
    lapic_update(a);
}

/* --- inputs ----------------------------------------------------------- */

void lapic_set_lint(void *lapic, unsigned pin, bool level)
{
    struct lapic *a = lapic;
    if (pin > 1)
        return;
    bool was = a->lint[pin];
    a->lint[pin] = level;
    uint32_t lvt = a->lvt[LVT_LINT0 + pin];
    if (lapic_enabled(a) && level && !was && !(lvt & APIC_MASKED)
        && ((lvt & APIC_DELIVERY) >> 8) == APIC_DM_FIXED)
        lapic_accept(a, (uint8_t)(lvt & APIC_VECTOR), false);
    lapic_update(a);
}

static bool lapic_matches(const struct lapic *a, uint8_t dest, bool logical)
{
    if (!logical)
        return dest == 0xFF || dest == (uint8_t)(a->id >> 24);
    uint8_t ldr = (uint8_t)(a->ldr >> 24);
    if ((a->dfr >> 28) == 0xF) /* flat model */
        return (ldr & dest) != 0;
    /* cluster model: cluster in bits 7-4 (15 = all), members in 3-0 */
    bool cluster = (dest >> 4) == 0xF || (dest >> 4) == (ldr >> 4);
    return cluster && (dest & ldr & 0x0Fu) != 0;
}

bool lapic_receive(void *lapic, uint8_t vector, unsigned delivery, uint8_t dest,
                   bool logical, bool level_triggered)
{
    struct lapic *a = lapic;
    if (!lapic_enabled(a) || !lapic_matches(a, dest, logical))
        return false;
    switch (delivery) {
    case APIC_DM_FIXED:
    case APIC_DM_LOWEST: /* one CPU: it is the lowest priority */
        if (!sw_enabled(a))
            return false;
        lapic_accept(a, vector, level_triggered);
        break;
    case APIC_DM_EXTINT:
        a->extint_message = true;
        break;
    default: /* NMI, SMI, INIT, start-up: not emulated */
        return false;
    }
    lapic_update(a);
    return true;
}

/* --- INTA and EOI ----------------------------------------------------- */

uint8_t lapic_acknowledge(struct lapic *a)
{
    uint8_t vector;
    if (!lapic_enabled(a) || extint_pending(a)) {
        a->extint_message = false;
        vector = a->ack_extint != NULL ? a->ack_extint(a->ack_extint_opaque) : 0xFF;
    } else {
        int v = fixed_pending(a);
        if (v < 0) {
            vector = (uint8_t)(a->svr & APIC_VECTOR); /* spurious: no ISR bit */
        } else {
            vec_clear(a->irr, (unsigned)v);
            vec_set(a->isr, (unsigned)v);
            vector = (uint8_t)v;
        }
    }
    lapic_update(a);
    return vector;
}

uint8_t lapic_intr_ack(void *lapic)
{
    return lapic_acknowledge(lapic);
}

static void lapic_eoi(struct lapic *a)
{
    int v = vec_highest(a->isr);
    if (v < 0)
        return;
    vec_clear(a->isr, (unsigned)v);
    if (vec_test(a->tmr, (unsigned)v) && a->eoi != NULL)
        a->eoi(a->eoi_opaque, (uint8_t)v);
}

/* --- ICR: interrupts to itself --------------------------------------- */

static void lapic_send_ipi(struct lapic *a)
{
    uint32_t lo = a->icr_lo;
    uint8_t vector = (uint8_t)(lo & APIC_VECTOR);
    unsigned delivery = (lo & APIC_DELIVERY) >> 8;
    unsigned shorthand = (lo >> 18) & 3u;
    bool to_self;
    if (shorthand == 0)
        to_self = lapic_matches(a, (uint8_t)(a->icr_hi >> 24), (lo & APIC_DEST_LOGICAL) != 0);
    else
        to_self = shorthand != 3; /* self, or all including self */
    if ((delivery == APIC_DM_FIXED || delivery == APIC_DM_LOWEST) && vector < 16) {
        lapic_error(a, LAPIC_ESR_SEND_ILLEGAL);
        return;
    }
    if (to_self && (delivery == APIC_DM_FIXED || delivery == APIC_DM_LOWEST))
        lapic_accept(a, vector, false);
    /* NMI, INIT, start-up and other processors: nobody to receive them. */
}

/* --- registers -------------------------------------------------------- */

static void lapic_mask_all_lvt(struct lapic *a)
{
    for (unsigned i = 0; i < LAPIC_LVT_COUNT; i++)
        a->lvt[i] |= APIC_MASKED;
}

uint32_t lapic_read(struct lapic *a, uint32_t offset)
{
    if (!lapic_enabled(a))
        return 0xFFFFFFFFu;
    if (offset & 0xFu)
        return 0;
    uint64_t now = sched_now(a->sched);
    switch (offset) {
    case LAPIC_ID: return a->id;
    case LAPIC_VER: return LAPIC_VERSION;
    case LAPIC_TPR: return a->tpr;
    case LAPIC_APR: return lapic_apr(a);
    case LAPIC_PPR: return lapic_ppr(a);
    case LAPIC_EOI: return 0;
    case LAPIC_LDR: return a->ldr;
    case LAPIC_DFR: return a->dfr;
    case LAPIC_SVR: return a->svr;
    case LAPIC_ESR: return a->esr;
    case LAPIC_ICR_LO: return a->icr_lo & ~APIC_PENDING; /* sent at once */
    case LAPIC_ICR_HI: return a->icr_hi;
    case LAPIC_TIMER_INITIAL: return a->timer_initial;
    case LAPIC_TIMER_CURRENT: return timer_current(a, now);
    case LAPIC_TIMER_DIVIDE: return a->timer_divide;
    default: break;
    }
    if (offset >= LAPIC_ISR && offset < LAPIC_ISR + 0x80)
        return a->isr[(offset - LAPIC_ISR) >> 4];
    if (offset >= LAPIC_TMR && offset < LAPIC_TMR + 0x80)
        return a->tmr[(offset - LAPIC_TMR) >> 4];
    if (offset >= LAPIC_IRR && offset < LAPIC_IRR + 0x80)
        return a->irr[(offset - LAPIC_IRR) >> 4];
    if (offset >= LAPIC_LVT_TIMER && offset <= LAPIC_LVT_ERROR)
        return a->lvt[(offset - LAPIC_LVT_TIMER) >> 4];
    lapic_error(a, LAPIC_ESR_ILLEGAL_REG);
    lapic_update(a);
    return 0;
}

void lapic_write(struct lapic *a, uint32_t offset, uint32_t value)
{
    if (!lapic_enabled(a) || (offset & 0xFu))
        return;
    uint64_t now = sched_now(a->sched);
    switch (offset) {
    case LAPIC_ID:
        a->id = value & 0x0F000000u; /* P6: a 4-bit ID */
        break;
    case LAPIC_TPR:
        a->tpr = value & 0xFFu;
        break;
    case LAPIC_EOI:
        lapic_eoi(a);
        break;
    case LAPIC_LDR:
        a->ldr = value & 0xFF000000u;
        break;
    case LAPIC_DFR:
        a->dfr = value | 0x0FFFFFFFu;
        break;
    case LAPIC_SVR:
        a->svr = (value & 0x3F0u) | 0x00Fu; /* P6: bits 3-0 read 1 */
        if (!sw_enabled(a))
            lapic_mask_all_lvt(a);    /* SDM 10.4.7.2 */
        timer_arm(a);
        break;
    case LAPIC_ESR:
        /* SDM 10.5.3: a write makes the errors since the last one
         * readable and clears them. */
        a->esr = a->esr_pending;
        a->esr_pending = 0;
        break;
    case LAPIC_ICR_LO:
        a->icr_lo = value & 0x000CCFFFu;
        lapic_send_ipi(a);
        break;
    case LAPIC_ICR_HI:
        a->icr_hi = value & 0xFF000000u;
        break;
    case LAPIC_TIMER_INITIAL:
        /* SDM 10.5.4: writing the initial count starts the timer; 0 stops. */
        a->timer_initial = value;
        a->timer_base_count = value;
        a->timer_base_ns = now;
        timer_arm(a);
        break;
    case LAPIC_TIMER_DIVIDE:
        timer_rebase(a, now);
        a->timer_divide = value & 0xBu;
        timer_arm(a);
        break;
    case LAPIC_VER: case LAPIC_APR: case LAPIC_PPR: case LAPIC_TIMER_CURRENT:
        break; /* read-only */
    default:
        if (offset >= LAPIC_LVT_TIMER && offset <= LAPIC_LVT_ERROR) {
            unsigned i = (offset - LAPIC_LVT_TIMER) >> 4;
            if (i == LVT_TIMER)
                timer_rebase(a, now);
            a->lvt[i] = (a->lvt[i] & ~lvt_writable[i]) | (value & lvt_writable[i]);
            if (!sw_enabled(a))
                a->lvt[i] |= APIC_MASKED;
            if (i == LVT_TIMER)
                timer_arm(a);
        } else if (!(offset >= LAPIC_ISR && offset < LAPIC_IRR + 0x80)) {
            lapic_error(a, LAPIC_ESR_ILLEGAL_REG);
        }
        break;
    }
    lapic_update(a);
}

static uint32_t lapic_mmio_read(void *state, uint32_t offset, unsigned size)
{
    (void)size;
    return lapic_read(state, offset);
}

static void lapic_mmio_write(void *state, uint32_t offset, unsigned size, uint32_t value)
{
    (void)size;
    lapic_write(state, offset, value);
}

const struct io_ops lapic_mmio_ops = {
    .read = lapic_mmio_read, .write = lapic_mmio_write, .sizes = IO_SIZE_32,
};

/* --- IA32_APIC_BASE, reset -------------------------------------------- */

static void lapic_reset_registers(struct lapic *a)
{
    sched_cancel(a->sched, &a->timer_event);
    a->id = 0;
    a->tpr = 0;
    a->ldr = 0;
    a->dfr = 0xFFFFFFFFu;
    a->svr = 0xFFu;
    for (unsigned w = 0; w < 8; w++)
        a->isr[w] = a->tmr[w] = a->irr[w] = 0;
    a->esr = a->esr_pending = 0;
    a->icr_lo = a->icr_hi = 0;
    for (unsigned i = 0; i < LAPIC_LVT_COUNT; i++)
        a->lvt[i] = APIC_MASKED;
    a->lvt[LVT_LINT0] = APIC_DM_EXTINT << 8; /* virtual wire, see lapic.h */
    a->timer_initial = 0;
    a->timer_divide = 0;
    a->timer_base_count = 0;
    a->timer_base_ns = 0;
    a->extint_message = false;
}

void lapic_set_base_msr(struct lapic *a, uint64_t value)
{
    bool was = lapic_enabled(a);
    a->base_msr = value & UINT64_C(0xFFFFFF900); /* base, enable, BSP */
    if (was && !lapic_enabled(a))
        lapic_reset_registers(a);
    timer_arm(a);
    lapic_update(a);
}

uint64_t lapic_base_msr(const struct lapic *a)
{
    return a->base_msr;
}

void lapic_reset(struct lapic *a)
{
    a->base_msr = LAPIC_BASE_MSR_RESET;
    lapic_reset_registers(a);
    lapic_update(a);
}

void lapic_init(struct lapic *a, struct sched *sched, struct irq_line intr,
                uint8_t (*ack_extint)(void *opaque), void *ack_extint_opaque,
                void (*eoi)(void *opaque, uint8_t vector), void *eoi_opaque)
{
    *a = (struct lapic){ .sched = sched, .intr = intr, .ack_extint = ack_extint,
                         .ack_extint_opaque = ack_extint_opaque, .eoi = eoi,
                         .eoi_opaque = eoi_opaque };
    sched_event_init(&a->timer_event, "lapic-timer", timer_fire, a);
    lapic_reset(a);
}
