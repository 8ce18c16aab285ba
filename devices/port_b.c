/*
 * port_b.c - port 61h (the model is in port_b.h).
 */
#include "devices/port_b.h"

#include <stddef.h>

#include "mem/io_ops.h"
#include "mem/ports.h"

uint8_t port_b_read(struct port_b *pb)
{
    uint8_t v = pb->written;
    if ((sched_now(pb->sched) / PORT_B_REFRESH_NS) & 1u)
        v |= PORT_B_REFRESH;
    if (pb->out2 != NULL && pb->out2(pb->timer))
        v |= PORT_B_OUT2;
    return v;
}

void port_b_write(struct port_b *pb, uint8_t value)
{
    pb->written = value & PORT_B_WRITABLE;
    if (pb->set_gate2 != NULL)
        pb->set_gate2(pb->timer, (value & PORT_B_GATE2) != 0);
}

static uint32_t port_b_io_read(void *state, uint32_t offset, unsigned size)
{
    (void)offset;
    (void)size;
    return port_b_read(state);
}

static void port_b_io_write(void *state, uint32_t offset, unsigned size, uint32_t value)
{
    (void)offset;
    (void)size;
    port_b_write(state, (uint8_t)value);
}

static const struct io_ops port_b_ops = {
    .read = port_b_io_read, .write = port_b_io_write, .sizes = IO_SIZE_8,
};

void port_b_reset(struct port_b *pb)
{
    port_b_write(pb, 0);
}

void port_b_init(struct port_b *pb, struct sched *sched,
                 void (*set_gate2)(void *timer, bool level),
                 bool (*out2)(void *timer), void *timer)
{
    *pb = (struct port_b){ .sched = sched, .set_gate2 = set_gate2, .out2 = out2,
                           .timer = timer };
    port_b_reset(pb);
}

bool port_b_attach(struct port_b *pb, struct port_bus *bus)
{
    return ports_register(bus, "port-b", PORT_B_PORT, 1, &port_b_ops, pb);
}
