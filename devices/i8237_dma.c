/*
 * i8237_dma.c - the PC/AT DMA pair (the model is described in i8237_dma.h).
 *
 * Register offsets below are the 8237A's A3-A0; DMA2 sees them at
 * C0h + 2 * offset.  The address and count registers are 16 bits wide and
 * go through one byte port each, low byte first, as the shared first/last
 * flip-flop says.
 */
#include "devices/i8237_dma.h"

#include <string.h>

#include "mem/io_ops.h"
#include "mem/phys.h"
#include "mem/ports.h"

enum {
    REG_STATUS_COMMAND = 0x8, /* read: status, write: command */
    REG_REQUEST = 0x9,
    REG_SINGLE_MASK = 0xA,
    REG_MODE = 0xB,
    REG_CLEAR_FLIP_FLOP = 0xC,
    REG_TEMP_MASTER_CLEAR = 0xD, /* read: temporary, write: master clear */
    REG_CLEAR_MASK = 0xE,
    REG_ALL_MASK = 0xF,
};

/* Which page latch (port 80h + index) holds bits 23-16 of each channel's
 * address (IBM PC/AT technical reference, "DMA page registers").  Channel
 * 4 is the cascade and has no page; 8Fh is the refresh latch. */
static const uint8_t page_of_channel[DMA_CHANNELS] = { 0x7, 0x3, 0x1, 0x2, 0xF, 0xB, 0x9, 0xA };

static void chip_master_clear(struct i8237_chip *c)
{
    c->command = 0;
    c->tc = 0;
    c->request = 0;
    c->temp = 0;
    c->flip_flop = false;
    c->mask = 0x0F;
}

void dma_reset(struct i8237_dma *dma)
{
    for (unsigned k = 0; k < 2; k++) {
        chip_master_clear(&dma->chip[k]);
        for (unsigned i = 0; i < 4; i++)
            dma->chip[k].ch[i].eop = false;
    }
}

void dma_init(struct i8237_dma *dma, struct phys_space *mem)
{
    memset(dma, 0, sizeof *dma);
    dma->mem = mem;
    dma_reset(dma);
}

/* --- guest side: the registers ------------------------------------------ */

static uint8_t chip_read(struct i8237_chip *c, unsigned reg)
{
    if (reg < 8) {
        const struct i8237_channel *ch = &c->ch[reg >> 1];
        uint16_t v = (reg & 1) ? ch->cur_count : ch->cur_addr;
        bool high = c->flip_flop;
        c->flip_flop = !c->flip_flop;
        return (uint8_t)(high ? v >> 8 : v);
    }
    switch (reg) {
    case REG_STATUS_COMMAND: {
        /* 8237A: TC bits are cleared by a status read; request bits are
         * the live requests (only software requests exist here). */
        uint8_t v = (uint8_t)(c->tc | (c->request << 4));
        c->tc = 0;
        return v;
    }
    case REG_TEMP_MASTER_CLEAR:
        return c->temp;
    case REG_ALL_MASK:
        return c->mask;
    default:
        return 0xFF;
    }
}

static void chip_write(struct i8237_chip *c, unsigned reg, uint8_t v)
{
    if (reg < 8) {
        struct i8237_channel *ch = &c->ch[reg >> 1];
        uint16_t *base = (reg & 1) ? &ch->base_count : &ch->base_addr;
        uint16_t *cur = (reg & 1) ? &ch->cur_count : &ch->cur_addr;
        /* A write loads the base and the current register together. */
        if (c->flip_flop)
            *base = (uint16_t)((*base & 0x00FF) | (uint16_t)v << 8);
        else
            *base = (uint16_t)((*base & 0xFF00) | v);
        *cur = *base;
        c->flip_flop = !c->flip_flop;
        return;
    }
    unsigned bit = 1u << (v & 3);
    switch (reg) {
    case REG_STATUS_COMMAND:
        c->command = v;
        break;
    case REG_REQUEST:
        c->request = (uint8_t)((v & 4) ? (c->request | bit) : (c->request & ~bit));
        break;
    case REG_SINGLE_MASK:
        c->mask = (uint8_t)((v & 4) ? (c->mask | bit) : (c->mask & ~bit));
        break;
    case REG_MODE:
        c->ch[v & 3].mode = (uint8_t)(v & ~DMA_MODE_CHANNEL);
        break;
    case REG_CLEAR_FLIP_FLOP:
        c->flip_flop = false;
        break;
    case REG_TEMP_MASTER_CLEAR:
        chip_master_clear(c);
        break;
    case REG_CLEAR_MASK:
        c->mask = 0;
        break;
    case REG_ALL_MASK:
        c->mask = v & 0x0F;
        break;
    default:
        break;
    }
}

static uint32_t dma1_read(void *state, uint32_t offset, unsigned size)
{
    (void)size;
    struct i8237_dma *dma = state;
    return chip_read(&dma->chip[0], offset & 0xF);
}

static void dma1_write(void *state, uint32_t offset, unsigned size, uint32_t value)
{
    (void)size;
    struct i8237_dma *dma = state;
    chip_write(&dma->chip[0], offset & 0xF, (uint8_t)value);
}

static uint32_t dma2_read(void *state, uint32_t offset, unsigned size)
{
    (void)size;
    struct i8237_dma *dma = state;
    if (offset & 1)
        return 0xFF;
    return chip_read(&dma->chip[1], (offset >> 1) & 0xF);
}

static void dma2_write(void *state, uint32_t offset, unsigned size, uint32_t value)
{
    (void)size;
    struct i8237_dma *dma = state;
    if (offset & 1)
        return;
    chip_write(&dma->chip[1], (offset >> 1) & 0xF, (uint8_t)value);
}

static uint32_t page_read(void *state, uint32_t offset, unsigned size)
{
    (void)size;
    const struct i8237_dma *dma = state;
    return dma->page[(offset + 1) & 0xF];
}

static void page_write(void *state, uint32_t offset, unsigned size, uint32_t value)
{
    (void)size;
    struct i8237_dma *dma = state;
    dma->page[(offset + 1) & 0xF] = (uint8_t)value;
}

static const struct io_ops dma1_ops = { dma1_read, dma1_write, IO_SIZE_8 };
static const struct io_ops dma2_ops = { dma2_read, dma2_write, IO_SIZE_8 };
static const struct io_ops page_ops = { page_read, page_write, IO_SIZE_8 };

bool dma_attach(struct i8237_dma *dma, struct port_bus *pb)
{
    if (!ports_register(pb, "dma1", DMA1_BASE, 16, &dma1_ops, dma))
        return false;
    if (!ports_register(pb, "dma2", DMA2_BASE, 32, &dma2_ops, dma)) {
        ports_unregister(pb, DMA1_BASE, 16);
        return false;
    }
    if (!ports_register(pb, "dma-page", DMA_PAGE_BASE, 15, &page_ops, dma)) {
        ports_unregister(pb, DMA1_BASE, 16);
        ports_unregister(pb, DMA2_BASE, 32);
        return false;
    }
    return true;
}

/* --- device side: moving data -------------------------------------------- */

static bool chip_enabled(const struct i8237_chip *c)
{
    return !(c->command & DMA_CMD_DISABLE);
}

bool dma_channel_ready(const struct i8237_dma *dma, unsigned channel)
{
    if (channel >= DMA_CHANNELS || channel == 4)
        return false;
    const struct i8237_chip *c = &dma->chip[channel >> 2];
    unsigned i = channel & 3;
    if ((c->mask & (1u << i)) || !chip_enabled(c))
        return false;
    if ((c->ch[i].mode & DMA_MODE_SELECT) == DMA_MODE_CASCADE)
        return false;
    if ((c->ch[i].mode & DMA_MODE_TYPE) == DMA_TYPE_ILLEGAL)
        return false;
    /* DMA1 reaches the bus through DMA2's channel 4 (the cascade). */
    if (channel < 4) {
        const struct i8237_chip *master = &dma->chip[1];
        if ((master->mask & 1) || !chip_enabled(master))
            return false;
    }
    return true;
}

bool dma_terminal_count(const struct i8237_dma *dma, unsigned channel)
{
    if (channel >= DMA_CHANNELS)
        return false;
    return dma->chip[channel >> 2].ch[channel & 3].eop;
}

uint32_t dma_channel_address(const struct i8237_dma *dma, unsigned channel)
{
    if (channel >= DMA_CHANNELS)
        return 0;
    const struct i8237_channel *ch = &dma->chip[channel >> 2].ch[channel & 3];
    uint32_t page = dma->page[page_of_channel[channel]];
    if (channel >= 4)
        return (page & 0xFE) << 16 | (uint32_t)ch->cur_addr << 1;
    return page << 16 | ch->cur_addr;
}

enum direction { TO_MEMORY, FROM_MEMORY };

/* Moves one run of `units` transfers that neither wraps the page nor
 * passes TC, starting at the channel's current address.  buf holds
 * units * unit bytes in transfer order. */
static void move_run(struct i8237_dma *dma, unsigned channel, uint8_t *buf,
                     unsigned units, unsigned unit, enum direction dir)
{
    const struct i8237_channel *ch = &dma->chip[channel >> 2].ch[channel & 3];
    uint8_t type = ch->mode & DMA_MODE_TYPE;
    bool touches_memory = dir == TO_MEMORY ? type == DMA_TYPE_WRITE : type == DMA_TYPE_READ;
    size_t bytes = (size_t)units * unit;
    if (!touches_memory) {
        /* Verify, or a type that moves the other way: the addresses and
         * the count advance, memory is untouched and the device gets
         * the floating bus. */
        if (dir == FROM_MEMORY)
            memset(buf, 0xFF, bytes);
        return;
    }
    uint32_t addr = dma_channel_address(dma, channel);
    if (!(ch->mode & DMA_MODE_DECREMENT)) {
        if (dir == TO_MEMORY)
            phys_write_block(dma->mem, addr, buf, bytes);
        else
            phys_read_block(dma->mem, addr, buf, bytes);
        return;
    }
    /* Decrement mode: transfer k goes to addr - k units, so the run covers
     * the units below addr in reverse order. */
    uint32_t low = addr - (uint32_t)(units - 1) * unit;
    uint8_t rev[256];
    if (dir == TO_MEMORY) {
        for (unsigned k = 0; k < units; k++)
            memcpy(&rev[(units - 1 - k) * unit], &buf[k * unit], unit);
        phys_write_block(dma->mem, low, rev, bytes);
    } else {
        phys_read_block(dma->mem, low, rev, bytes);
        for (unsigned k = 0; k < units; k++)
            memcpy(&buf[k * unit], &rev[(units - 1 - k) * unit], unit);
    }
}

static size_t dma_transfer(struct i8237_dma *dma, unsigned channel, uint8_t *data,
                           size_t len, enum direction dir)
{
    if (channel >= DMA_CHANNELS)
        return 0;
    struct i8237_chip *c = &dma->chip[channel >> 2];
    unsigned i = channel & 3;
    struct i8237_channel *ch = &c->ch[i];
    ch->eop = false;
    if (!dma_channel_ready(dma, channel))
        return 0;
    unsigned unit = channel >= 4 ? 2 : 1;
    bool down = (ch->mode & DMA_MODE_DECREMENT) != 0;
    size_t units_wanted = len / unit;
    size_t done = 0;
    while (done < units_wanted) {
        uint32_t to_tc = (uint32_t)ch->cur_count + 1;
        uint32_t to_wrap = down ? (uint32_t)ch->cur_addr + 1 : 0x10000u - ch->cur_addr;
        /* Runs of at most 128 units keep the decrement buffer (256 bytes)
         * big enough for word channels too. */
        size_t n = units_wanted - done;
        if (n > to_tc)
            n = to_tc;
        if (n > to_wrap)
            n = to_wrap;
        if (n > 128)
            n = 128;
        move_run(dma, channel, data + done * unit, (unsigned)n, unit, dir);
        done += n;
        ch->cur_addr = (uint16_t)(down ? ch->cur_addr - n : ch->cur_addr + n);
        ch->cur_count = (uint16_t)(ch->cur_count - n);
        if (n == to_tc) {
            /* Terminal count (8237A "EOP"): status bit, request dropped,
             * reload or mask. */
            ch->eop = true;
            c->tc |= (uint8_t)(1u << i);
            c->request &= (uint8_t)~(1u << i);
            if (ch->mode & DMA_MODE_AUTOINIT) {
                ch->cur_addr = ch->base_addr;
                ch->cur_count = ch->base_count;
            } else {
                c->mask |= (uint8_t)(1u << i);
            }
            break;
        }
    }
    return done * unit;
}

size_t dma_transfer_to_memory(struct i8237_dma *dma, unsigned channel,
                              const void *src, size_t len)
{
    /* move_run only reads the buffer in this direction (or copies it into
     * its own), so casting away const is safe. */
    return dma_transfer(dma, channel, (uint8_t *)(uintptr_t)src, len, TO_MEMORY);
}

size_t dma_transfer_from_memory(struct i8237_dma *dma, unsigned channel,
                                void *dst, size_t len)
{
    return dma_transfer(dma, channel, dst, len, FROM_MEMORY);
}

static size_t isa_to_memory(void *opaque, unsigned ch, const void *src, size_t len)
{
    return dma_transfer_to_memory(opaque, ch, src, len);
}

static size_t isa_from_memory(void *opaque, unsigned ch, void *dst, size_t len)
{
    return dma_transfer_from_memory(opaque, ch, dst, len);
}

static bool isa_ready(void *opaque, unsigned ch)
{
    return dma_channel_ready(opaque, ch);
}

static bool isa_terminal_count(void *opaque, unsigned ch)
{
    return dma_terminal_count(opaque, ch);
}

struct isa_dma dma_isa_interface(struct i8237_dma *dma)
{
    struct isa_dma d = { isa_to_memory, isa_from_memory, isa_ready, isa_terminal_count, dma };
    return d;
}
