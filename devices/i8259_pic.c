/*
 * i8259_pic.c - the 8259A pair and the ELCR (the model is in i8259_pic.h).
 *
 * Priorities are kept as "which input is lowest": after ICW1 that is IR7,
 * so IR0 is highest; rotation moves it.  Everything the INT output depends
 * on (IRR, ISR, IMR, modes) is re-evaluated after each change by
 * pic_update(), which also carries the slave's INT to the master's IR2.
 */
#include "devices/i8259_pic.h"

#include "mem/io_ops.h"
#include "mem/ports.h"

enum { PIC_MASTER = 0, PIC_SLAVE = 1 };

/* Command word bits (8259A datasheet, "Initialization command words" and
 * "Operation command words"). */
#define ICW1_IC4   0x01u
#define ICW1_SNGL  0x02u
#define ICW1_LTIM  0x08u
#define ICW1_SEL   0x10u    /* A0=0 with D4=1: ICW1 */
#define OCW3_SEL   0x08u    /* A0=0, D4=0, D3=1: OCW3 (D3=0: OCW2) */
#define ICW4_UPM   0x01u
#define ICW4_AEOI  0x02u
#define ICW4_MS    0x04u
#define ICW4_BUF   0x08u
#define ICW4_SFNM  0x10u
#define OCW3_RIS   0x01u
#define OCW3_RR    0x02u
#define OCW3_P     0x04u
#define OCW3_SMM   0x20u
#define OCW3_ESMM  0x40u
#define POLL_INT   0x80u

/* 0 is the highest priority, 7 the lowest. */
static unsigned pic_priority(const struct i8259 *c, unsigned ir)
{
    return (ir - c->lowest - 1u) & 7u;
}

/* The input of highest priority among the bits of `mask`, or -1. */
static int pic_highest(const struct i8259 *c, uint8_t mask)
{
    for (unsigned p = 0; p < 8; p++) {
        unsigned ir = (c->lowest + 1u + p) & 7u;
        if (mask & (1u << ir))
            return (int)ir;
    }
    return -1;
}

static bool pic_is_cascade(const struct i8259 *c, int chip, unsigned ir)
{
    return chip == PIC_MASTER && !c->single && (c->icw3 & (1u << ir));
}

/* The request this chip would put on its INT pin now, or -1: the highest
 * unmasked request that outranks everything in service.  In special mask
 * mode a masked in-service level does not hold others back; in special
 * fully nested mode a cascade input may interrupt its own service. */
static int pic_request(const struct i8259 *c, int chip)
{
    int r = pic_highest(c, c->irr & (uint8_t)~c->imr);
    if (r < 0)
        return -1;
    uint8_t busy = c->special_mask ? (uint8_t)(c->isr & ~c->imr) : c->isr;
    int s = pic_highest(c, busy);
    if (s < 0 || pic_priority(c, (unsigned)r) < pic_priority(c, (unsigned)s))
        return r;
    if (r == s && c->special_fully_nested && pic_is_cascade(c, chip, (unsigned)r))
        return r;
    return -1;
}

static void pic_update(struct i8259_pair *p)
{
    struct i8259 *m = &p->chip[PIC_MASTER];
    uint8_t bit = 1u << I8259_CASCADE_IR;
    if (pic_request(&p->chip[PIC_SLAVE], PIC_SLAVE) >= 0) {
        m->wire |= bit;
        m->irr |= bit;
    } else {
        m->wire &= (uint8_t)~bit;
        m->irr &= (uint8_t)~bit;
    }
    bool intr = pic_request(m, PIC_MASTER) >= 0;
    if (intr != p->intr_level) {
        p->intr_level = intr;
        irq_set(&p->intr, intr);
    }
}

/* First INTA (or a poll read) on one chip: the chosen request goes in
 * service, an edge request is consumed; AEOI ends the service at once
 * (at the end of the second INTA on the real chip). */
static int pic_chip_ack(struct i8259 *c, int chip)
{
    int r = pic_request(c, chip);
    if (r < 0)
        return -1;
    uint8_t bit = (uint8_t)(1u << r);
    if (!(c->level_mode & bit))
        c->irr &= (uint8_t)~bit;
    if (c->auto_eoi) {
        if (c->rotate_in_aeoi)
            c->lowest = (uint8_t)r;
    } else {
        c->isr |= bit;
    }
    return r;
}

uint8_t i8259_acknowledge(struct i8259_pair *p)
{
    struct i8259 *m = &p->chip[PIC_MASTER];
    struct i8259 *s = &p->chip[PIC_SLAVE];
    uint8_t vector;
    int r = pic_chip_ack(m, PIC_MASTER);
    if (r < 0) {
        vector = (uint8_t)(m->vector_base | 7u);
    } else if (pic_is_cascade(m, PIC_MASTER, (unsigned)r)) {
        if ((s->icw3 & 7u) == (unsigned)r) {
            int sr = pic_chip_ack(s, PIC_SLAVE);
            vector = (uint8_t)(s->vector_base | (sr < 0 ? 7u : (unsigned)sr));
        } else {
            vector = 0xFF; /* no slave answers this cascade address */
        }
    } else {
        vector = (uint8_t)(m->vector_base | (unsigned)r);
    }
    pic_update(p);
    return vector;
}

uint8_t i8259_intr_ack(void *pic)
{
    return i8259_acknowledge(pic);
}

void i8259_set_irq(void *pic, unsigned irq, bool level)
{
    struct i8259_pair *p = pic;
    if (irq > 15 || irq == I8259_CASCADE_IR)
        return;
    struct i8259 *c = &p->chip[irq >> 3];
    uint8_t bit = (uint8_t)(1u << (irq & 7u));
    bool was = (c->wire & bit) != 0;
    if (level)
        c->wire |= bit;
    else
        c->wire &= (uint8_t)~bit;
    if (c->level_mode & bit) {
        if (level)
            c->irr |= bit;
        else
            c->irr &= (uint8_t)~bit;
    } else if (level && !was) {
        c->irr |= bit;
    }
    pic_update(p);
}

static void pic_write_icw1(struct i8259 *c, uint8_t v)
{
    /* Datasheet, ICW1: edge sense reset (an edge input must rise again),
     * IMR cleared, IR7 lowest, special mask off, status read = IRR, ICW4
     * functions zero without IC4.  ISR cleared too (see the header). */
    c->irr &= c->level_mode & c->wire;
    c->isr = 0;
    c->imr = 0;
    c->lowest = 7;
    c->special_mask = false;
    c->read_isr = false;
    c->poll = false;
    c->rotate_in_aeoi = false;
    c->icw4_expected = (v & ICW1_IC4) != 0;
    c->single = (v & ICW1_SNGL) != 0;
    c->ltim = (v & ICW1_LTIM) != 0;
    if (!c->icw4_expected) {
        c->upm = false;
        c->auto_eoi = false;
        c->buffered = false;
        c->buffered_master = false;
        c->special_fully_nested = false;
    }
    c->init_step = 2;
}

static void pic_write_ocw2(struct i8259 *c, uint8_t v)
{
    unsigned level = v & 7u;
    int top = pic_highest(c, c->isr);
    switch (v >> 5) {
    case 0: /* clear rotate in AEOI mode */
        c->rotate_in_aeoi = false;
        break;
    case 4: /* set rotate in AEOI mode */
        c->rotate_in_aeoi = true;
        break;
    case 1: /* non-specific EOI: the highest level in service */
    case 5: /* rotate on non-specific EOI: it also becomes the lowest */
        if (top >= 0) {
            c->isr &= (uint8_t)~(1u << top);
            if (v & 0x80u)
                c->lowest = (uint8_t)top;
        }
        break;
    case 3: /* specific EOI */
        c->isr &= (uint8_t)~(1u << level);
        break;
    case 7: /* rotate on specific EOI */
        c->isr &= (uint8_t)~(1u << level);
        c->lowest = (uint8_t)level;
        break;
    case 6: /* set priority: L becomes the lowest */
        c->lowest = (uint8_t)level;
        break;
    default: /* 2: no operation */
        break;
    }
}

static void pic_write_ocw3(struct i8259 *c, uint8_t v)
{
    if (v & OCW3_ESMM)
        c->special_mask = (v & OCW3_SMM) != 0;
    if (v & OCW3_P)
        c->poll = true;
    if (v & OCW3_RR)
        c->read_isr = (v & OCW3_RIS) != 0;
}

static void pic_write_data(struct i8259 *c, uint8_t v)
{
    switch (c->init_step) {
    case 2:
        c->vector_base = v & 0xF8u;
        c->init_step = c->single ? (c->icw4_expected ? 4 : 0) : 3;
        break;
    case 3:
        c->icw3 = v;
        c->init_step = c->icw4_expected ? 4 : 0;
        break;
    case 4:
        c->upm = (v & ICW4_UPM) != 0;
        c->auto_eoi = (v & ICW4_AEOI) != 0;
        c->buffered_master = (v & ICW4_MS) != 0;
        c->buffered = (v & ICW4_BUF) != 0;
        c->special_fully_nested = (v & ICW4_SFNM) != 0;
        c->init_step = 0;
        break;
    default: /* OCW1 */
        c->imr = v;
        break;
    }
}

static void pic_write(struct i8259_pair *p, int chip, uint32_t offset, uint8_t v)
{
    struct i8259 *c = &p->chip[chip];
    if (offset & 1u)
        pic_write_data(c, v);
    else if (v & ICW1_SEL)
        pic_write_icw1(c, v);
    else if (v & OCW3_SEL)
        pic_write_ocw3(c, v);
    else
        pic_write_ocw2(c, v);
    pic_update(p);
}

static uint8_t pic_read(struct i8259_pair *p, int chip, uint32_t offset)
{
    struct i8259 *c = &p->chip[chip];
    if (c->poll) {
        c->poll = false;
        int r = pic_chip_ack(c, chip);
        pic_update(p);
        return r < 0 ? 0x00 : (uint8_t)(POLL_INT | (unsigned)r);
    }
    if (offset & 1u)
        return c->imr;
    return c->read_isr ? c->isr : c->irr;
}

static uint32_t pic_master_read(void *state, uint32_t offset, unsigned size)
{
    (void)size;
    return pic_read(state, PIC_MASTER, offset);
}

static void pic_master_write(void *state, uint32_t offset, unsigned size, uint32_t value)
{
    (void)size;
    pic_write(state, PIC_MASTER, offset, (uint8_t)value);
}

static uint32_t pic_slave_read(void *state, uint32_t offset, unsigned size)
{
    (void)size;
    return pic_read(state, PIC_SLAVE, offset);
}

static void pic_slave_write(void *state, uint32_t offset, unsigned size, uint32_t value)
{
    (void)size;
    pic_write(state, PIC_SLAVE, offset, (uint8_t)value);
}

static uint32_t elcr_read(void *state, uint32_t offset, unsigned size)
{
    (void)size;
    const struct i8259_pair *p = state;
    return p->chip[offset & 1u].level_mode;
}

static void elcr_write(void *state, uint32_t offset, unsigned size, uint32_t value)
{
    (void)size;
    struct i8259_pair *p = state;
    struct i8259 *c = &p->chip[offset & 1u];
    uint8_t fixed = (offset & 1u) ? I8259_ELCR_SLAVE_FIXED : I8259_ELCR_MASTER_FIXED;
    c->level_mode = (uint8_t)value & (uint8_t)~fixed;
    /* A level input's request is its wire, from now on. */
    c->irr = (uint8_t)((c->irr & ~c->level_mode) | (c->wire & c->level_mode));
    pic_update(p);
}

static const struct io_ops pic_master_ops = {
    .read = pic_master_read, .write = pic_master_write, .sizes = IO_SIZE_8,
};
static const struct io_ops pic_slave_ops = {
    .read = pic_slave_read, .write = pic_slave_write, .sizes = IO_SIZE_8,
};
static const struct io_ops elcr_ops = {
    .read = elcr_read, .write = elcr_write, .sizes = IO_SIZE_8,
};

void i8259_reset(struct i8259_pair *p)
{
    for (int i = 0; i < 2; i++) {
        struct i8259 *c = &p->chip[i];
        uint8_t wire = c->wire;
        *c = (struct i8259){ .wire = wire, .lowest = 7 };
    }
    /* The master's IR2 wire is the slave's INT, recomputed below. */
    p->chip[PIC_MASTER].wire &= (uint8_t)~(1u << I8259_CASCADE_IR);
    pic_update(p);
}

void i8259_init(struct i8259_pair *p, struct irq_line intr)
{
    *p = (struct i8259_pair){ .intr = intr };
    i8259_reset(p);
}

bool i8259_attach(struct i8259_pair *p, struct port_bus *pb)
{
    if (!ports_register(pb, "pic-master", I8259_MASTER_BASE, 2, &pic_master_ops, p))
        return false;
    if (!ports_register(pb, "pic-slave", I8259_SLAVE_BASE, 2, &pic_slave_ops, p)) {
        ports_unregister(pb, I8259_MASTER_BASE, 2);
        return false;
    }
    if (!ports_register(pb, "elcr", I8259_ELCR_BASE, 2, &elcr_ops, p)) {
        ports_unregister(pb, I8259_MASTER_BASE, 2);
        ports_unregister(pb, I8259_SLAVE_BASE, 2);
        return false;
    }
    return true;
}
