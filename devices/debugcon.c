/*
 * debugcon.c - the debug console at port 0xE9 (the model is in debugcon.h).
 *
 * Bytes go through stdio's buffer; the owner of the stream flushes it
 * when the run ends.
 */
#include "devices/debugcon.h"

#include "mem/io_ops.h"
#include "mem/ports.h"

static uint32_t debugcon_read(void *state, uint32_t offset, unsigned size)
{
    (void)state;
    (void)offset;
    (void)size;
    return DEBUGCON_PORT;
}

static void debugcon_write(void *state, uint32_t offset, unsigned size, uint32_t value)
{
    (void)offset;
    (void)size;
    struct debugcon *d = state;
    if (d->out != NULL)
        fputc((int)(value & 0xFF), d->out);
}

static const struct io_ops debugcon_ops = {
    .read = debugcon_read,
    .write = debugcon_write,
    .sizes = IO_SIZE_8,
};

bool debugcon_attach(struct debugcon *d, struct port_bus *pb, FILE *out)
{
    *d = (struct debugcon){ .out = out };
    return ports_register(pb, "debugcon", DEBUGCON_PORT, 1, &debugcon_ops, d);
}
