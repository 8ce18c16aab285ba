/*
 * i8254_pit.c - the 8254 timer (the model is in i8254_pit.h).
 *
 * Each channel's counting is described by a reference: at clock edge
 * ref_tick the counting element (CE) held ref_ce; if `counting`, every
 * later edge steps it by the mode's rule.  Before ref_tick (a load waits
 * for the next CLK edge) CE and OUT show pre_ce/pre_out.  In modes 2 and 3
 * a count written while counting waits for the end of the period or
 * half-cycle: that second reference starts at pending_tick.  The pure
 * functions ch_view() and ch_next_change() answer "what are CE and OUT at
 * edge T" and "when does OUT next change"; everything that changes the
 * programming first brings the OUT line up to date (pit_begin), then sets
 * a new reference, then drives OUT and re-arms the event (pit_end).
 */
#include "devices/i8254_pit.h"

#include "mem/io_ops.h"
#include "mem/ports.h"

#define NEVER SCHED_NEVER
/* Late events: beyond this many ticks behind (1 s), missed OUT
 * transitions are dropped instead of replayed one by one. */
#define PIT_LATE_LIMIT UINT64_C(1193182)

uint64_t i8254_ticks_at(uint64_t ns)
{
    return (ns / I8254_CLOCK_DEN) * I8254_CLOCK_NUM
         + (ns % I8254_CLOCK_DEN) * I8254_CLOCK_NUM / I8254_CLOCK_DEN;
}

uint64_t i8254_tick_time(uint64_t tick)
{
    uint64_t q = tick / I8254_CLOCK_NUM, r = tick % I8254_CLOCK_NUM;
    if (q > (SCHED_NEVER - 1 - I8254_CLOCK_DEN) / I8254_CLOCK_DEN)
        return SCHED_NEVER - 1;
    return q * I8254_CLOCK_DEN
         + (r * I8254_CLOCK_DEN + I8254_CLOCK_NUM - 1) / I8254_CLOCK_NUM;
}

static uint32_t ch_modulus(const struct i8254_channel *c)
{
    return c->bcd ? 10000u : 65536u;
}

/* BCD digits to binary; digits above 9 (a guest may write them) just
 * weigh in as their value. */
static uint32_t bcd_to_bin(uint16_t v)
{
    return (uint32_t)(v & 0xF) + 10u * ((v >> 4) & 0xF)
         + 100u * ((v >> 8) & 0xF) + 1000u * ((v >> 12) & 0xF);
}

static uint16_t bin_to_bcd(uint32_t v)
{
    v %= 10000u;
    return (uint16_t)((v % 10) | ((v / 10 % 10) << 4) | ((v / 100 % 10) << 8)
                      | ((v / 1000) << 12));
}

/* The count register as a count: 0..modulus-1, where 0 means modulus. */
static uint32_t ch_initial(const struct i8254_channel *c)
{
    return (c->bcd ? bcd_to_bin(c->count_reg) : c->count_reg) % ch_modulus(c);
}

static uint32_t ch_period(const struct i8254_channel *c)
{
    uint32_t n = ch_initial(c);
    return n == 0 ? ch_modulus(c) : n;
}

struct ch_state {
    uint32_t ce;
    bool out;
    uint8_t phase;
};

/* Modes 0, 1, 4, 5: 0 before terminal count, 1 on the edge that reaches
 * it, 2 after. */
static uint8_t oneshot_phase(uint32_t ref_ce, uint8_t ref_phase, uint64_t n, uint32_t m)
{
    if (ref_phase == 0) {
        uint64_t d = ref_ce == 0 ? m : ref_ce;
        return n < d ? 0 : n == d ? 1 : 2;
    }
    return ref_phase == 1 && n == 0 ? 1 : 2;
}

static bool oneshot_out(uint8_t mode, uint8_t phase)
{
    /* Modes 0 and 1: OUT low until terminal count.  Modes 4 and 5: a
     * one-clock low strobe at terminal count. */
    return (mode == 0 || mode == 1) ? phase != 0 : phase != 1;
}

/* CE and OUT n edges after a reference that counts. */
static void run_state(const struct i8254_channel *c, uint32_t period, uint32_t ref_ce,
                      uint8_t ref_phase, uint64_t n, struct ch_state *s)
{
    uint32_t m = ch_modulus(c);
    if (c->mode == 2) {
        /* P, P-1, ..., 1 (OUT low), reload. */
        uint32_t k = (uint32_t)(n % period);
        s->ce = (period - k) % m;
        s->out = k != period - 1;
        s->phase = 0;
    } else if (c->mode == 3) {
        /* High for (P+1)/2 edges, low for P/2, counting down by two from
         * P rounded down to even. */
        uint32_t high = (period + 1) / 2;
        uint32_t pos = (uint32_t)((n + (ref_phase ? high : 0)) % period);
        bool is_high = pos < high;
        uint32_t k = is_high ? pos : pos - high;
        s->ce = ((period & ~1u) - 2u * k) % m;
        s->out = is_high;
        s->phase = is_high ? 0 : 1;
    } else {
        s->ce = (uint32_t)((ref_ce + m - n % m) % m);
        s->phase = oneshot_phase(ref_ce, ref_phase, n, m);
        s->out = oneshot_out(c->mode, s->phase);
    }
}

/* Edges after the reference at which OUT next changes, after n; NEVER if
 * it will not. */
static uint64_t run_next_change(const struct i8254_channel *c, uint32_t period,
                                uint32_t ref_ce, uint8_t ref_phase, uint64_t n)
{
    uint32_t m = ch_modulus(c);
    if (c->mode == 2) {
        if (period <= 1)
            return NEVER;
        uint64_t k = n % period;
        return k < period - 1u ? n + (period - 1u - k) : n + 1;
    }
    if (c->mode == 3) {
        uint32_t high = (period + 1) / 2;
        if (period / 2 == 0)
            return NEVER;
        uint64_t pos = (n + (ref_phase ? high : 0)) % period;
        return pos < high ? n + (high - pos) : n + (period - pos);
    }
    uint64_t d = ref_ce == 0 ? m : ref_ce;
    bool strobe = c->mode == 4 || c->mode == 5;
    if (ref_phase == 0) {
        if (n < d)
            return d;
        return strobe && n == d ? d + 1 : NEVER;
    }
    if (ref_phase == 1 && strobe && n == 0)
        return 1;
    return NEVER;
}

static void ch_state_at(const struct i8254_channel *c, uint64_t t, struct ch_state *s)
{
    if (t < c->ref_tick) {
        *s = (struct ch_state){ c->pre_ce, c->pre_out, c->ref_phase };
    } else if (c->pending && t >= c->pending_tick) {
        run_state(c, c->pending_period, 0, c->pending_phase, t - c->pending_tick, s);
    } else if (!c->counting) {
        s->ce = c->ref_ce;
        s->phase = c->ref_phase;
        /* Modes 2 and 3 hold OUT high while stopped (GATE low). */
        s->out = (c->mode == 2 || c->mode == 3) || oneshot_out(c->mode, c->ref_phase);
    } else {
        run_state(c, c->period, c->ref_ce, c->ref_phase, t - c->ref_tick, s);
    }
}

static bool ch_out_at(const struct i8254_channel *c, uint64_t t)
{
    struct ch_state s;
    ch_state_at(c, t, &s);
    return s.out;
}

/* The first edge after t at which OUT differs from the edge before. */
static uint64_t ch_next_change(const struct i8254_channel *c, uint64_t t)
{
    if (t < c->ref_tick) {
        if (ch_out_at(c, c->ref_tick) != c->pre_out)
            return c->ref_tick;
        t = c->ref_tick;
    }
    uint64_t end = c->pending ? c->pending_tick : NEVER;
    if (t < end) {
        if (c->counting) {
            uint64_t n = run_next_change(c, c->period, c->ref_ce, c->ref_phase, t - c->ref_tick);
            if (n != NEVER && c->ref_tick + n < end)
                return c->ref_tick + n;
        }
        if (end == NEVER)
            return NEVER;
        if (ch_out_at(c, end - 1) != ch_out_at(c, end))
            return end;
        t = end;
    }
    uint64_t n = run_next_change(c, c->pending_period, 0, c->pending_phase, t - c->pending_tick);
    return n == NEVER ? NEVER : c->pending_tick + n;
}

static uint64_t pit_now_tick(const struct i8254_pit *pit)
{
    return i8254_ticks_at(sched_now(pit->sched));
}

static void pit_drive(struct i8254_pit *pit, unsigned i, bool out)
{
    struct i8254_channel *c = &pit->ch[i];
    if (out != c->out_level) {
        c->out_level = out;
        irq_set(&pit->out[i], out);
    }
}

/* Drive every OUT transition up to edge t that has not been driven yet,
 * each at its own edge, so a short low pulse is not lost to a late
 * event. */
static void pit_emit_until(struct i8254_pit *pit, unsigned i, uint64_t t)
{
    struct i8254_channel *c = &pit->ch[i];
    if (pit->out[i].set == NULL)
        return;
    while (c->out_next <= t) {
        uint64_t e = t - c->out_next > PIT_LATE_LIMIT ? t : c->out_next;
        pit_drive(pit, i, ch_out_at(c, e));
        c->out_next = ch_next_change(c, e);
    }
}

static void pit_arm(struct i8254_pit *pit, unsigned i)
{
    struct i8254_channel *c = &pit->ch[i];
    if (c->out_next == NEVER)
        sched_cancel(pit->sched, &pit->event[i]);
    else
        sched_arm_at(pit->sched, &pit->event[i], i8254_tick_time(c->out_next));
}

/* A count waiting for the end of a period in modes 2 and 3 becomes the
 * reference once its edge has passed. */
static void ch_settle(struct i8254_channel *c, uint64_t t)
{
    if (c->pending && t >= c->pending_tick) {
        c->ref_tick = c->pending_tick;
        c->period = c->pending_period;
        c->ref_ce = c->period % ch_modulus(c);
        c->ref_phase = c->pending_phase;
        c->counting = true;
        c->pending = false;
    }
}

static uint64_t pit_begin(struct i8254_pit *pit, unsigned i)
{
    uint64_t t = pit_now_tick(pit);
    pit_emit_until(pit, i, t);
    ch_settle(&pit->ch[i], t);
    return t;
}

static void pit_end(struct i8254_pit *pit, unsigned i, uint64_t t)
{
    struct i8254_channel *c = &pit->ch[i];
    if (pit->out[i].set == NULL)
        return;
    pit_drive(pit, i, ch_out_at(c, t));
    c->out_next = ch_next_change(c, t);
    pit_arm(pit, i);
}

static void pit_fire(struct i8254_pit *pit, unsigned i)
{
    pit_emit_until(pit, i, pit_now_tick(pit));
    pit_arm(pit, i);
}

static void pit_fire0(void *opaque) { pit_fire(opaque, 0); }
static void pit_fire1(void *opaque) { pit_fire(opaque, 1); }
static void pit_fire2(void *opaque) { pit_fire(opaque, 2); }

/* Stop counting at edge t, keeping CE and the phase as they are. */
static void ch_freeze(struct i8254_channel *c, uint64_t t)
{
    struct ch_state s;
    ch_state_at(c, t, &s);
    c->pre_ce = s.ce;
    c->pre_out = s.out;
    c->ref_tick = t;
    c->ref_ce = s.ce;
    c->ref_phase = s.phase;
    c->counting = false;
    c->pending = false;
}

/* Load the count register into CE at the next edge, t + 1. */
static void ch_load_next(struct i8254_channel *c, uint64_t t, bool counting)
{
    struct ch_state s;
    ch_state_at(c, t, &s);
    c->pre_ce = s.ce;
    c->pre_out = s.out;
    c->ref_tick = t + 1;
    c->period = ch_period(c);
    c->ref_ce = ch_initial(c);
    c->ref_phase = 0;
    c->counting = counting;
    c->pending = false;
    if (c->null_until > t)
        c->null_until = t + 1;
}

static void ch_count_written(struct i8254_channel *c, uint64_t t)
{
    c->count_valid = true;
    c->null_until = NEVER;
    switch (c->mode) {
    case 0:
        ch_load_next(c, t, c->gate);
        c->pre_out = false; /* a new count sets OUT low at once */
        break;
    case 4:
        ch_load_next(c, t, c->gate);
        break;
    case 2:
    case 3:
        if (c->counting && t >= c->ref_tick) {
            /* Datasheet: the new count takes effect at the end of the
             * current period (mode 2) or half-cycle (mode 3). */
            if (!c->pending) {
                struct ch_state s;
                ch_state_at(c, t, &s);
                uint64_t n = t - c->ref_tick;
                if (c->mode == 2) {
                    c->pending_tick = c->ref_tick + (n / c->period + 1) * c->period;
                    c->pending_phase = 0;
                } else {
                    uint64_t next = run_next_change(c, c->period, c->ref_ce, c->ref_phase, n);
                    c->pending_tick = next == NEVER ? t + 1 : c->ref_tick + next;
                    c->pending_phase = next == NEVER ? 0 : (uint8_t)(s.phase ^ 1u);
                }
                c->pending = true;
            }
            c->pending_period = ch_period(c);
            c->null_until = c->pending_tick;
        } else if (c->gate) {
            ch_load_next(c, t, true);
        }
        break;
    default: /* 1, 5: waits for a GATE trigger */
        break;
    }
}

static void ch_control_word(struct i8254_channel *c, uint8_t cw, uint64_t t)
{
    struct ch_state s;
    ch_state_at(c, t, &s);
    c->control = cw & 0x3Fu;
    c->access = (cw & PIT_CTRL_RW) >> 4;
    c->mode = (cw & PIT_CTRL_MODE) >> 1;
    if (c->mode > 5)
        c->mode -= 4;
    c->bcd = (cw & PIT_CTRL_BCD) != 0;
    c->write_msb_next = false;
    c->read_msb_next = false;
    c->latched = false;
    c->status_latched = false;
    c->count_valid = false;
    c->null_until = NEVER;
    /* Datasheet: a control word resets the counter's logic and sets OUT
     * to its mode's initial state (low in mode 0, high otherwise); CE
     * keeps its value until a count is loaded. */
    c->ref_tick = t;
    c->ref_ce = s.ce % ch_modulus(c);
    c->ref_phase = c->mode == 1 ? 2 : 0;
    c->counting = false;
    c->pending = false;
    c->pre_ce = c->ref_ce;
    c->pre_out = c->mode != 0;
}

static uint16_t ch_display(const struct i8254_channel *c, uint32_t ce)
{
    return c->bcd ? bin_to_bcd(ce) : (uint16_t)ce;
}

static void ch_latch_count(struct i8254_channel *c, uint64_t t)
{
    if (c->latched)
        return; /* datasheet: later latches are ignored until it is read */
    struct ch_state s;
    ch_state_at(c, t, &s);
    c->latch = ch_display(c, s.ce);
    c->latched = true;
}

static void ch_latch_status(struct i8254_channel *c, uint64_t t)
{
    if (c->status_latched)
        return;
    c->status = (uint8_t)(c->control | (ch_out_at(c, t) ? PIT_STATUS_OUT : 0)
                          | (t < c->null_until ? PIT_STATUS_NULL : 0));
    c->status_latched = true;
}

static uint8_t ch_read(struct i8254_channel *c, uint64_t t)
{
    if (c->status_latched) {
        c->status_latched = false;
        return c->status;
    }
    uint16_t v;
    if (c->latched) {
        v = c->latch;
    } else {
        struct ch_state s;
        ch_state_at(c, t, &s);
        v = ch_display(c, s.ce);
    }
    bool msb;
    bool done;
    if (c->access == 3) {
        msb = c->read_msb_next;
        c->read_msb_next = !msb;
        done = msb;
    } else {
        msb = c->access == 2;
        done = true;
    }
    if (done)
        c->latched = false;
    return (uint8_t)(msb ? v >> 8 : v);
}

static void ch_write(struct i8254_channel *c, uint8_t v, uint64_t t)
{
    if (c->access == 1) {
        c->count_reg = v;
    } else if (c->access == 2) {
        c->count_reg = (uint16_t)(v << 8);
    } else if (!c->write_msb_next) {
        c->count_reg = (uint16_t)((c->count_reg & 0xFF00u) | v);
        c->write_msb_next = true;
        if (c->mode == 0) {
            /* Datasheet, mode 0: writing the first byte stops counting
             * and sets OUT low. */
            ch_freeze(c, t);
            c->ref_phase = 0;
        }
        return;
    } else {
        c->count_reg = (uint16_t)((c->count_reg & 0x00FFu) | (v << 8));
        c->write_msb_next = false;
    }
    ch_count_written(c, t);
}

static uint32_t pit_port_read(void *state, uint32_t offset, unsigned size)
{
    (void)size;
    struct i8254_pit *pit = state;
    if (offset >= 3)
        return 0xFF;
    return ch_read(&pit->ch[offset], pit_now_tick(pit));
}

static void pit_write_control(struct i8254_pit *pit, uint8_t cw)
{
    unsigned sc = cw >> 6;
    if (sc == 3) {
        /* Read-back: bit 5 clear latches counts, bit 4 clear latches
         * status, bits 1-3 select counters 0-2. */
        for (unsigned i = 0; i < 3; i++) {
            if (!(cw & (2u << i)))
                continue;
            struct i8254_channel *c = &pit->ch[i];
            uint64_t t = pit_now_tick(pit);
            if (!(cw & 0x20u))
                ch_latch_count(c, t);
            if (!(cw & 0x10u))
                ch_latch_status(c, t);
        }
        return;
    }
    if ((cw & PIT_CTRL_RW) == 0) {
        ch_latch_count(&pit->ch[sc], pit_now_tick(pit));
        return;
    }
    uint64_t t = pit_begin(pit, sc);
    ch_control_word(&pit->ch[sc], cw, t);
    pit_end(pit, sc, t);
}

static void pit_port_write(void *state, uint32_t offset, unsigned size, uint32_t value)
{
    (void)size;
    struct i8254_pit *pit = state;
    if (offset >= 3) {
        pit_write_control(pit, (uint8_t)value);
        return;
    }
    uint64_t t = pit_begin(pit, offset);
    ch_write(&pit->ch[offset], (uint8_t)value, t);
    pit_end(pit, offset, t);
}

static const struct io_ops pit_ops = {
    .read = pit_port_read, .write = pit_port_write, .sizes = IO_SIZE_8,
};

void i8254_set_gate(struct i8254_pit *pit, unsigned channel, bool level)
{
    if (channel > 2)
        return;
    struct i8254_channel *c = &pit->ch[channel];
    if (c->gate == level)
        return;
    uint64_t t = pit_begin(pit, channel);
    c->gate = level;
    switch (c->mode) {
    case 0:
    case 4:
        /* GATE enables counting; a load already due still happens. */
        if (!level) {
            if (t >= c->ref_tick)
                ch_freeze(c, t);
            else
                c->counting = false;
        } else if (c->count_valid) {
            if (t >= c->ref_tick)
                c->ref_tick = t;
            c->counting = true;
        }
        break;
    case 2:
    case 3:
        /* Low: stop, OUT high.  Rising: reload at the next edge. */
        if (!level)
            ch_freeze(c, t);
        else if (c->count_valid)
            ch_load_next(c, t, true);
        break;
    default:
        /* 1, 5: a rising edge triggers (re)loading at the next edge. */
        if (level && c->count_valid)
            ch_load_next(c, t, true);
        break;
    }
    pit_end(pit, channel, t);
}

bool i8254_gate(const struct i8254_pit *pit, unsigned channel)
{
    return channel <= 2 && pit->ch[channel].gate;
}

bool i8254_out(const struct i8254_pit *pit, unsigned channel)
{
    if (channel > 2)
        return false;
    return ch_out_at(&pit->ch[channel], pit_now_tick(pit));
}

void i8254_port_b_set_gate2(void *pit, bool level)
{
    i8254_set_gate(pit, 2, level);
}

bool i8254_port_b_out2(void *pit)
{
    return i8254_out(pit, 2);
}

void i8254_reset(struct i8254_pit *pit)
{
    uint64_t t = pit_now_tick(pit);
    for (unsigned i = 0; i < 3; i++) {
        struct i8254_channel *c = &pit->ch[i];
        sched_cancel(pit->sched, &pit->event[i]);
        bool level = c->out_level;
        *c = (struct i8254_channel){ .gate = true, .out_level = level, .out_next = NEVER };
        ch_control_word(c, 0x30, t);
        pit_end(pit, i, t);
    }
}

void i8254_init(struct i8254_pit *pit, struct sched *sched, struct irq_line irq0)
{
    static void (*const fire[3])(void *) = { pit_fire0, pit_fire1, pit_fire2 };
    static const char *const names[3] = { "pit0", "pit1", "pit2" };
    *pit = (struct i8254_pit){ .sched = sched };
    pit->out[0] = irq0;
    for (unsigned i = 0; i < 3; i++)
        sched_event_init(&pit->event[i], names[i], fire[i], pit);
    i8254_reset(pit);
}

bool i8254_attach(struct i8254_pit *pit, struct port_bus *pb)
{
    return ports_register(pb, "pit", I8254_BASE, 4, &pit_ops, pit);
}
