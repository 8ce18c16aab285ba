/*
 * debug_exit.c - the debug-exit port (the model is in debug_exit.h).
 */
#include "devices/debug_exit.h"

#include <stddef.h>

#include "mem/io_ops.h"
#include "mem/ports.h"

static uint32_t debug_exit_read(void *state, uint32_t offset, unsigned size)
{
    (void)state;
    (void)offset;
    (void)size;
    return UINT32_MAX;
}

static void debug_exit_write(void *state, uint32_t offset, unsigned size, uint32_t value)
{
    (void)offset;
    (void)size;
    struct debug_exit *de = state;
    if (de->requested)
        return;
    de->requested = true;
    de->status = (uint8_t)((value << 1) | 1u);
    if (de->on_request != NULL)
        de->on_request(de->opaque);
}

static const struct io_ops debug_exit_ops = {
    .read = debug_exit_read,
    .write = debug_exit_write,
    .sizes = IO_SIZE_8 | IO_SIZE_16,
};

bool debug_exit_attach(struct debug_exit *de, struct port_bus *pb,
                       void (*on_request)(void *opaque), void *opaque)
{
    *de = (struct debug_exit){ .on_request = on_request, .opaque = opaque };
    return ports_register(pb, "debug-exit", DEBUG_EXIT_BASE, DEBUG_EXIT_PORTS,
                          &debug_exit_ops, de);
}
