/*
 * post_port.c - the POST code port 0x80 (the model is in post_port.h).
 *
 * The log is written through stdio's buffer and flushed by whoever owns
 * the FILE when the run ends (frontend/run.c does it on every exit path),
 * so a ROM that writes codes in a tight loop costs no system call each.
 */
#include "devices/post_port.h"

#include "mem/io_ops.h"
#include "mem/ports.h"

static uint32_t post_port_read(void *state, uint32_t offset, unsigned size)
{
    (void)offset;
    (void)size;
    const struct post_port *pp = state;
    return pp->last;
}

static void post_port_write(void *state, uint32_t offset, unsigned size, uint32_t value)
{
    (void)offset;
    (void)size;
    struct post_port *pp = state;
    pp->last = (uint8_t)value;
    if (pp->log != NULL && fprintf(pp->log, "%02X\n", pp->last) < 0)
        pp->write_failed = true;
}

static const struct io_ops post_port_ops = {
    .read = post_port_read,
    .write = post_port_write,
    .sizes = IO_SIZE_8,
};

bool post_port_attach(struct post_port *pp, struct port_bus *pb, FILE *log)
{
    *pp = (struct post_port){ .log = log };
    return ports_register(pb, "post", POST_PORT_BASE, 1, &post_port_ops, pp);
}
