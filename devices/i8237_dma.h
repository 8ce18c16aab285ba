/*
 * i8237_dma.h - the PC/AT DMA pair: two Intel 8237A controllers and the
 * 74LS612 page registers, after the 8237A datasheet (register map, mode
 * register, status, master clear) and the IBM PC/AT technical reference
 * (ports, page registers, the 16-bit second controller).
 *
 * DMA1 (ports 00h-0Fh) serves the 8-bit channels 0-3; DMA2 (ports C0h-DEh,
 * even ports only: its A0 is the bus's SA1) serves the 16-bit channels 4-7,
 * and its channel 4 is the cascade input that DMA1 requests through, so
 * channels 0-3 move only while channel 4 is unmasked.  The 16-bit channels
 * count words and address words: the byte address is (page & FEh) << 16 |
 * address << 1, so one page is 128 KiB.  An 8-bit channel's address wraps
 * inside its 64 KiB page (the page register does not count).
 *
 * Page registers: 81h ch2, 82h ch3, 83h ch1, 87h ch0, 89h ch6, 8Ah ch7,
 * 8Bh ch5, 8Fh refresh; the others are spare latches.  Port 80h belongs to
 * the POST port and is not decoded here.
 *
 * Devices move data through dma_transfer_to_memory / _from_memory (or the
 * same calls as a struct isa_dma, see isa_dma.h); memory is reached with
 * phys_read_block / phys_write_block, so a DMA write over decoded code
 * invalidates it like a CPU store.  A transfer stops at terminal count:
 * the TC status bit is set, a software request is dropped, and the channel
 * either reloads from its base registers (auto-init) or masks itself.
 *
 * Not emulated: memory-to-memory transfers (command bit 0; the temporary
 * register therefore stays as master clear left it), timing (single,
 * block and demand mode all move what the device offers at once), DREQ/
 * DACK polarity and priority (command bits 4-7 are stored and ignored),
 * the PIIX high page registers (48xh).  Reading the write-only registers
 * (09h-0Ch, 0Eh) returns FFh; reading 0Fh returns the mask bits, as later
 * Intel chipsets do (the original 8237A does not decode that read).
 */
#ifndef SOFTPC_DEVICES_I8237_DMA_H
#define SOFTPC_DEVICES_I8237_DMA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "devices/isa_dma.h"

struct phys_space;
struct port_bus;

#define DMA1_BASE 0x00u       /* 16 ports */
#define DMA2_BASE 0xC0u       /* 32 ports, even ones decoded */
#define DMA_PAGE_BASE 0x81u   /* 15 ports, 81h-8Fh */
#define DMA_CHANNELS 8u

/* Mode register (8237A datasheet, "Mode Register"). */
#define DMA_MODE_CHANNEL   0x03u
#define DMA_MODE_TYPE      0x0Cu /* transfer type: */
#define DMA_TYPE_VERIFY    0x00u
#define DMA_TYPE_WRITE     0x04u /* device to memory */
#define DMA_TYPE_READ      0x08u /* memory to device */
#define DMA_TYPE_ILLEGAL   0x0Cu
#define DMA_MODE_AUTOINIT  0x10u
#define DMA_MODE_DECREMENT 0x20u
#define DMA_MODE_SELECT    0xC0u /* demand 00, single 40h, block 80h, cascade C0h */
#define DMA_MODE_CASCADE   0xC0u

/* Command register. */
#define DMA_CMD_MEM_TO_MEM 0x01u
#define DMA_CMD_DISABLE    0x04u

struct i8237_channel {
    uint16_t base_addr;
    uint16_t base_count;
    uint16_t cur_addr;
    uint16_t cur_count;   /* transfers left minus one; FFFFh after TC */
    uint8_t mode;         /* as written, channel bits cleared */
    bool eop;             /* the last device transfer ended at TC */
};

struct i8237_chip {
    struct i8237_channel ch[4];
    uint8_t command;
    uint8_t tc;           /* status bits 3-0, cleared when status is read */
    uint8_t request;      /* software request bits 3-0 */
    uint8_t mask;         /* bits 3-0, set = masked */
    uint8_t temp;
    bool flip_flop;       /* true: the next byte is the high byte */
};

struct i8237_dma {
    struct i8237_chip chip[2];   /* [0] DMA1: channels 0-3, [1] DMA2: 4-7 */
    uint8_t page[16];            /* latches for ports 80h-8Fh (80h unused) */
    struct phys_space *mem;
};

/* Power-on state: RESET plus zeroed address, count, mode and page latches. */
void dma_init(struct i8237_dma *dma, struct phys_space *mem);
/* The RESET pin (same as a master clear on both chips): command, status,
 * request, temporary register and flip-flop cleared, all channels masked.
 * Address, count, mode and page registers keep their values. */
void dma_reset(struct i8237_dma *dma);
/* Claims 00h-0Fh, C0h-DFh and 81h-8Fh; false (nothing claimed) if taken. */
bool dma_attach(struct i8237_dma *dma, struct port_bus *pb);

/* Device side (channel 0-7). */
size_t dma_transfer_to_memory(struct i8237_dma *dma, unsigned channel,
                              const void *src, size_t len);
size_t dma_transfer_from_memory(struct i8237_dma *dma, unsigned channel,
                                void *dst, size_t len);
bool dma_channel_ready(const struct i8237_dma *dma, unsigned channel);
bool dma_terminal_count(const struct i8237_dma *dma, unsigned channel);

/* The calls above as the callback set ISA devices take (isa_dma.h). */
struct isa_dma dma_isa_interface(struct i8237_dma *dma);

/* The byte address the channel's next transfer goes to (for tests and a
 * monitor). */
uint32_t dma_channel_address(const struct i8237_dma *dma, unsigned channel);

#endif
