/*
 * i82077_fdc_internal.h - what the two halves of the 82077AA model share:
 * i82077_fdc.c (registers, command decoder, seeks, reset) and
 * i82077_fdc_transfer.c (the data transfer commands).  Not for other
 * devices or the board.
 */
#ifndef SOFTPC_DEVICES_I82077_FDC_INTERNAL_H
#define SOFTPC_DEVICES_I82077_FDC_INTERNAL_H

#include "devices/i82077_fdc.h"

/* Command codes (Table 5-1), the low five bits of the first byte. */
enum {
    OP_READ_TRACK = 0x02,
    OP_SPECIFY = 0x03,
    OP_SENSE_DRIVE = 0x04,
    OP_WRITE_DATA = 0x05,
    OP_READ_DATA = 0x06,
    OP_RECALIBRATE = 0x07,
    OP_SENSE_INT = 0x08,
    OP_WRITE_DELETED = 0x09,
    OP_READ_ID = 0x0A,
    OP_READ_DELETED = 0x0C,
    OP_FORMAT = 0x0D,
    OP_DUMPREG = 0x0E,
    OP_SEEK = 0x0F,           /* bit 7 set: RELATIVE SEEK, bit 6 its direction */
    OP_VERSION = 0x10,
    OP_PERPENDICULAR = 0x12,
    OP_CONFIGURE = 0x13,
    OP_LOCK = 0x14,           /* bit 7: the LOCK value */
    OP_VERIFY = 0x16,
};

#define CMD_MT  0x80u
#define CMD_MFM 0x40u

/* i82077_fdc.c */
void fdc_set_int(struct i82077_fdc *fdc, bool on);
void fdc_to_result_phase(struct i82077_fdc *fdc, const uint8_t *bytes, unsigned n,
                         bool interrupt);
bool fdc_drive_ready(const struct i82077_fdc *fdc, unsigned d);
uint64_t fdc_step_time_ns(const struct i82077_fdc *fdc);
unsigned fdc_move_head(struct i82077_fdc *fdc, unsigned d, unsigned target);

/* i82077_fdc_transfer.c */
/* READ DATA, WRITE DATA, VERIFY, READ ID, FORMAT: all command bytes in. */
void fdc_cmd_data(struct i82077_fdc *fdc, uint8_t op);
/* The scheduler event that starts the execution phase. */
void fdc_exec_event_fire(void *opaque);
/* Non-DMA: the host has read or written the whole FIFO buffer. */
void fdc_pio_buffer_done(struct i82077_fdc *fdc);

#endif
