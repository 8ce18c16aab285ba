/*
 * ioapic.c - the 82093AA I/O APIC (the model is in ioapic.h).
 */
#include "devices/ioapic.h"

#include <stddef.h>

#define REDIR_VECTOR    0xFFu
#define REDIR_DELIVERY  0x700u
#define REDIR_LOGICAL   0x800u
#define REDIR_LEVEL     0x8000u
#define REDIR_MASKED    0x10000u
/* Bits software may write: all but delivery status (12) and remote IRR. */
#define REDIR_WRITABLE  (UINT64_C(0xFF00000000000000) | 0x1AFFFu)

static bool pin_asserted(const struct ioapic *io, unsigned pin)
{
    bool wire = (io->pins >> pin) & 1u;
    return (io->redir[pin] & IOAPIC_POLARITY_LOW) ? !wire : wire;
}

static bool send(struct ioapic *io, unsigned pin)
{
    uint64_t e = io->redir[pin];
    if (io->deliver == NULL)
        return false;
    return io->deliver(io->deliver_opaque, (uint8_t)(e & REDIR_VECTOR),
                       (unsigned)((e & REDIR_DELIVERY) >> 8), (uint8_t)(e >> 56),
                       (e & REDIR_LOGICAL) != 0, (e & REDIR_LEVEL) != 0);
}

/* A level pin asks again while asserted, unmasked and not awaiting EOI. */
static void service_level(struct ioapic *io, unsigned pin)
{
    uint64_t e = io->redir[pin];
    if (!(e & REDIR_LEVEL) || (e & (REDIR_MASKED | IOAPIC_REMOTE_IRR)))
        return;
    if (pin_asserted(io, pin) && send(io, pin))
        io->redir[pin] |= IOAPIC_REMOTE_IRR;
}

void ioapic_set_irq(void *ioapic, unsigned pin, bool level)
{
    struct ioapic *io = ioapic;
    if (pin >= IOAPIC_PINS)
        return;
    bool was = pin_asserted(io, pin);
    if (level)
        io->pins |= 1u << pin;
    else
        io->pins &= ~(1u << pin);
    uint64_t e = io->redir[pin];
    if (e & REDIR_LEVEL)
        service_level(io, pin);
    else if (!was && pin_asserted(io, pin) && !(e & REDIR_MASKED))
        (void)send(io, pin);
}

void ioapic_eoi(void *ioapic, uint8_t vector)
{
    struct ioapic *io = ioapic;
    for (unsigned pin = 0; pin < IOAPIC_PINS; pin++) {
        uint64_t e = io->redir[pin];
        if ((e & REDIR_LEVEL) && (e & IOAPIC_REMOTE_IRR) && (e & REDIR_VECTOR) == vector) {
            io->redir[pin] &= ~(uint64_t)IOAPIC_REMOTE_IRR;
            service_level(io, pin);
        }
    }
}

static uint32_t ioapic_read_reg(const struct ioapic *io)
{
    unsigned r = io->regsel;
    if (r == 0x00)
        return io->id;
    if (r == 0x01)
        return IOAPIC_VERSION;
    if (r == 0x02)
        return io->id; /* arbitration ID: loaded from the ID */
    if (r >= 0x10 && r < 0x10 + 2 * IOAPIC_PINS) {
        uint64_t e = io->redir[(r - 0x10) / 2];
        return (r & 1u) ? (uint32_t)(e >> 32) : (uint32_t)e;
    }
    return 0;
}

static void ioapic_write_reg(struct ioapic *io, uint32_t value)
{
    unsigned r = io->regsel;
    if (r == 0x00) {
        io->id = value & 0x0F000000u;
        return;
    }
    if (r < 0x10 || r >= 0x10 + 2 * IOAPIC_PINS)
        return; /* version, arbitration: read-only; the rest: nothing */
    unsigned pin = (r - 0x10) / 2;
    uint64_t e = io->redir[pin];
    uint64_t v = (r & 1u) ? (e & 0xFFFFFFFFu) | ((uint64_t)value << 32)
                          : (e & ~UINT64_C(0xFFFFFFFF)) | value;
    e = (e & ~REDIR_WRITABLE) | (v & REDIR_WRITABLE);
    if (!(e & REDIR_LEVEL))
        e &= ~(uint64_t)IOAPIC_REMOTE_IRR; /* meaningless for edge pins */
    io->redir[pin] = e;
    service_level(io, pin);
}

uint32_t ioapic_read(struct ioapic *io, uint32_t offset)
{
    if (offset == IOAPIC_REGSEL)
        return io->regsel;
    if (offset == IOAPIC_WIN)
        return ioapic_read_reg(io);
    return 0;
}

void ioapic_write(struct ioapic *io, uint32_t offset, uint32_t value)
{
    if (offset == IOAPIC_REGSEL)
        io->regsel = (uint8_t)value;
    else if (offset == IOAPIC_WIN)
        ioapic_write_reg(io, value);
}

static uint32_t ioapic_mmio_read(void *state, uint32_t offset, unsigned size)
{
    (void)size;
    return ioapic_read(state, offset);
}

static void ioapic_mmio_write(void *state, uint32_t offset, unsigned size, uint32_t value)
{
    (void)size;
    ioapic_write(state, offset, value);
}

const struct io_ops ioapic_mmio_ops = {
    .read = ioapic_mmio_read, .write = ioapic_mmio_write, .sizes = IO_SIZE_32,
};

void ioapic_reset(struct ioapic *io)
{
    io->regsel = 0;
    io->id = 0;
    for (unsigned pin = 0; pin < IOAPIC_PINS; pin++)
        io->redir[pin] = REDIR_MASKED;
}

void ioapic_init(struct ioapic *io, ioapic_deliver_fn deliver, void *opaque)
{
    *io = (struct ioapic){ .deliver = deliver, .deliver_opaque = opaque };
    ioapic_reset(io);
}
