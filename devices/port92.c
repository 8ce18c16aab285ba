/*
 * port92.c - System Control Port A (the model is in port92.h).
 */
#include "devices/port92.h"

#include <stddef.h>

#include "mem/io_ops.h"
#include "mem/ports.h"

uint8_t port92_read(const struct port92 *p)
{
    return p->value;
}

void port92_write(struct port92 *p, uint8_t value)
{
    uint8_t old = p->value;
    p->value = value;
    if (((old ^ value) & PORT92_A20) && p->set_a20 != NULL)
        p->set_a20(p->opaque, (value & PORT92_A20) != 0);
    /* Only a rising edge resets: software must write 0 before it can
     * reset again (PIIX3 datasheet, FAST_INIT). */
    if (!(old & PORT92_FAST_RESET) && (value & PORT92_FAST_RESET) && p->reset != NULL)
        p->reset(p->opaque);
}

static uint32_t port92_io_read(void *state, uint32_t offset, unsigned size)
{
    (void)offset;
    (void)size;
    return port92_read(state);
}

static void port92_io_write(void *state, uint32_t offset, unsigned size, uint32_t value)
{
    (void)offset;
    (void)size;
    port92_write(state, (uint8_t)value);
}

static const struct io_ops port92_ops = {
    .read = port92_io_read,
    .write = port92_io_write,
    .sizes = IO_SIZE_8,
};

void port92_reset(struct port92 *p)
{
    p->value = 0;
}

void port92_init(struct port92 *p, void (*set_a20)(void *opaque, bool on),
                 void (*reset)(void *opaque), void *opaque)
{
    p->set_a20 = set_a20;
    p->reset = reset;
    p->opaque = opaque;
    port92_reset(p);
}

bool port92_attach(struct port92 *p, struct port_bus *pb)
{
    return ports_register(pb, "port92", PORT92_BASE, 1, &port92_ops, p);
}
