/*
 * i82077_fdc_transfer.c - the data transfer commands of the 82077AA model
 * (READ DATA, WRITE DATA, VERIFY, READ ID, FORMAT TRACK; section 5.1 of
 * the datasheet): finding a sector on the track under the head, moving it
 * by DMA or through the FIFO, and the result phase's status and C/H/R/N.
 * What the model covers is in i82077_fdc.h.
 */
#include "devices/i82077_fdc_internal.h"

#include <string.h>

static uint8_t xfer_st0(const struct i82077_fdc *fdc, uint8_t ic)
{
    return (uint8_t)(ic | (fdc->xfer.head & 1) << 2 | fdc->xfer.drive);
}

static void xfer_result(struct i82077_fdc *fdc, uint8_t st0)
{
    const struct fdc_transfer *x = &fdc->xfer;
    uint8_t r[7] = { st0, x->st1, x->st2, x->c, x->h, x->r, x->n };
    fdc_to_result_phase(fdc, r, 7, true);
}

static void xfer_fail(struct i82077_fdc *fdc, uint8_t st1, uint8_t st2)
{
    fdc->xfer.st1 |= st1;
    fdc->xfer.st2 |= st2;
    uint8_t ic = FDC_ST0_IC_ABNORMAL;
    if (!fdc_drive_ready(fdc, fdc->xfer.drive))
        ic |= FDC_ST0_NR;             /* the disk went away mid-command */
    xfer_result(fdc, xfer_st0(fdc, ic));
}

/* The ID the result phase reports once the final sector of a transfer
 * is done (Table 5-6). */
static void xfer_final_id(struct fdc_transfer *x)
{
    if (x->r != x->eot) {
        x->r++;
    } else {
        if (!x->mt || (x->head & 1))
            x->c++;
        if (x->mt)
            x->h ^= 1;
        x->r = 1;
    }
}

/* Finds the sector the transfer points at on the track under the head.
 * False (with the status bits set) when it is not there. */
static bool xfer_locate(struct i82077_fdc *fdc, uint32_t *lba)
{
    struct fdc_transfer *x = &fdc->xfer;
    if (!fdc_drive_ready(fdc, x->drive))
        return false;                 /* ejected during the command */
    const struct fdc_drive *drv = &fdc->drive[x->drive];
    const struct floppy_geometry *g = &drv->geom;
    unsigned t = fdc->track[x->drive];
    if (t >= g->cylinders || x->head >= g->heads) {
        x->st1 |= FDC_ST1_MA;          /* no ID fields on this track at all */
        return false;
    }
    if (x->c != t) {
        x->st1 |= FDC_ST1_ND;
        x->st2 |= FDC_ST2_WC | (x->c == 0xFF ? FDC_ST2_BC : 0);
        return false;
    }
    if (x->h != x->head || x->n != 2 || x->r == 0 || x->r > g->sectors) {
        x->st1 |= FDC_ST1_ND;
        return false;
    }
    *lba = ((uint32_t)t * g->heads + x->head) * g->sectors + x->r - 1;
    return true;
}

/* After a sector: ends the command (TC, or end of track) or moves the
 * transfer to the next sector.  True if another sector follows. */
static bool xfer_advance(struct i82077_fdc *fdc, bool tc)
{
    struct fdc_transfer *x = &fdc->xfer;
    if (tc) {
        xfer_final_id(x);
        xfer_result(fdc, xfer_st0(fdc, 0));
        return false;
    }
    if (x->r != x->eot) {
        x->r++;
        return true;
    }
    if (x->mt && !(x->head & 1)) {
        /* Multi-track: side 0's EOT continues at sector 1 of side 1. */
        x->head = 1;
        x->h ^= 1;
        x->r = 1;
        return true;
    }
    /* EOT without TC: "end of cylinder" (ST1 EN), abnormal termination;
     * the normal end of a non-DMA transfer on a PC, where TC never comes. */
    xfer_final_id(x);
    x->st1 |= FDC_ST1_EN;
    xfer_result(fdc, xfer_st0(fdc, FDC_ST0_IC_ABNORMAL));
    return false;
}

static bool dma_gate_open(const struct i82077_fdc *fdc)
{
    return (fdc->dor & FDC_DOR_DMAGATE) != 0;
}

static void dma_read_data(struct i82077_fdc *fdc)
{
    const struct fdc_drive *drv = &fdc->drive[fdc->xfer.drive];
    for (;;) {
        uint32_t lba;
        if (!xfer_locate(fdc, &lba)) {
            xfer_fail(fdc, 0, 0);
            return;
        }
        if (!drv->ops->read(drv->opaque, lba, fdc->buf)) {
            xfer_fail(fdc, FDC_ST1_DE, FDC_ST2_DD);
            return;
        }
        size_t moved = 0;
        if (dma_gate_open(fdc))
            moved = isa_dma_to_memory(&fdc->dma, FDC_DMA_CHANNEL, fdc->buf, FDC_SECTOR_SIZE);
        bool tc = moved > 0 && isa_dma_terminal_count(&fdc->dma, FDC_DMA_CHANNEL);
        if (moved < FDC_SECTOR_SIZE && !tc) {
            xfer_fail(fdc, FDC_ST1_OR, 0);      /* nobody took the data */
            return;
        }
        if (!xfer_advance(fdc, tc))
            return;
    }
}

static void dma_write_data(struct i82077_fdc *fdc)
{
    const struct fdc_drive *drv = &fdc->drive[fdc->xfer.drive];
    for (;;) {
        uint32_t lba;
        if (!xfer_locate(fdc, &lba)) {
            xfer_fail(fdc, 0, 0);
            return;
        }
        size_t moved = 0;
        if (dma_gate_open(fdc))
            moved = isa_dma_from_memory(&fdc->dma, FDC_DMA_CHANNEL, fdc->buf, FDC_SECTOR_SIZE);
        bool tc = moved > 0 && isa_dma_terminal_count(&fdc->dma, FDC_DMA_CHANNEL);
        if (moved < FDC_SECTOR_SIZE && !tc) {
            xfer_fail(fdc, FDC_ST1_OR, 0);
            return;
        }
        /* TC inside a sector: the rest of its data field is zeros. */
        memset(fdc->buf + moved, 0, FDC_SECTOR_SIZE - moved);
        if (!drv->ops->write(drv->opaque, lba, fdc->buf)) {
            xfer_fail(fdc, FDC_ST1_DE, 0);      /* the image refused it */
            return;
        }
        if (!xfer_advance(fdc, tc))
            return;
    }
}

/* VERIFY reads without transferring (section 5.1.6): with EC it checks SC
 * sectors, without EC it runs to EOT; either end is a normal one. */
static void run_verify(struct i82077_fdc *fdc)
{
    struct fdc_transfer *x = &fdc->xfer;
    const struct fdc_drive *drv = &fdc->drive[x->drive];
    bool ec = (fdc->cmd[1] & 0x80) != 0;
    for (;;) {
        uint32_t lba;
        if (!xfer_locate(fdc, &lba)) {
            xfer_fail(fdc, 0, 0);
            return;
        }
        if (!drv->ops->read(drv->opaque, lba, fdc->buf)) {
            xfer_fail(fdc, FDC_ST1_DE, FDC_ST2_DD);
            return;
        }
        bool done;
        if (ec)
            done = --x->count == 0;
        else
            done = x->r == x->eot && (!x->mt || (x->head & 1));
        if (!xfer_advance(fdc, done))
            return;
    }
}

/* FORMAT: each 4-byte ID (C H R N) the host supplies names one sector to
 * fill.  Only IDs that match this image's fixed layout can be stored;
 * others are accepted and dropped. */
static void format_apply_id(struct i82077_fdc *fdc, const uint8_t *id)
{
    struct fdc_transfer *x = &fdc->xfer;
    const struct fdc_drive *drv = &fdc->drive[x->drive];
    x->c = id[0];
    x->h = id[1];
    x->r = id[2];
    x->n = id[3];
    uint8_t st1 = x->st1, st2 = x->st2;
    uint32_t lba;
    bool fits = xfer_locate(fdc, &lba);
    x->st1 = st1;
    x->st2 = st2;
    if (!fits)
        return;
    uint8_t sector[FDC_SECTOR_SIZE];
    memset(sector, x->fill, sizeof sector);
    if (!drv->ops->write(drv->opaque, lba, sector))
        x->st1 |= FDC_ST1_DE;
}

static void dma_format(struct i82077_fdc *fdc)
{
    struct fdc_transfer *x = &fdc->xfer;
    while (x->count > 0) {
        uint8_t id[4];
        size_t moved = 0;
        if (dma_gate_open(fdc))
            moved = isa_dma_from_memory(&fdc->dma, FDC_DMA_CHANNEL, id, 4);
        bool tc = moved > 0 && isa_dma_terminal_count(&fdc->dma, FDC_DMA_CHANNEL);
        if (moved < 4) {
            if (!tc)
                x->st1 |= FDC_ST1_OR;
            break;
        }
        format_apply_id(fdc, id);
        x->count--;
        if (tc)
            break;
    }
    bool bad = (x->st1 & (FDC_ST1_OR | FDC_ST1_DE)) != 0;
    xfer_result(fdc, xfer_st0(fdc, bad ? FDC_ST0_IC_ABNORMAL : 0));
}

/* Non-DMA mode: the next buffer the host reads or writes through the
 * FIFO, or the result when there is none. */
static void pio_next(struct i82077_fdc *fdc)
{
    struct fdc_transfer *x = &fdc->xfer;
    const struct fdc_drive *drv = &fdc->drive[x->drive];
    fdc->buf_pos = 0;
    fdc->buf_len = 0;
    if (x->op == OP_FORMAT) {
        if (x->count == 0) {
            xfer_result(fdc, xfer_st0(fdc, x->st1 ? FDC_ST0_IC_ABNORMAL : 0));
            return;
        }
        fdc->buf_len = 4;
    } else {
        uint32_t lba;
        if (!xfer_locate(fdc, &lba)) {
            xfer_fail(fdc, 0, 0);
            return;
        }
        if (x->to_host && !drv->ops->read(drv->opaque, lba, fdc->buf)) {
            xfer_fail(fdc, FDC_ST1_DE, FDC_ST2_DD);
            return;
        }
        fdc->buf_len = FDC_SECTOR_SIZE;
    }
    fdc_set_int(fdc, true);
}

/* The host has read or written the whole buffer. */
void fdc_pio_buffer_done(struct i82077_fdc *fdc)
{
    struct fdc_transfer *x = &fdc->xfer;
    const struct fdc_drive *drv = &fdc->drive[x->drive];
    fdc->buf_len = 0;
    if (x->op == OP_FORMAT) {
        format_apply_id(fdc, fdc->buf);
        x->count--;
        pio_next(fdc);
        return;
    }
    if (!x->to_host) {
        uint32_t lba;
        if (xfer_locate(fdc, &lba) && !drv->ops->write(drv->opaque, lba, fdc->buf)) {
            xfer_fail(fdc, FDC_ST1_DE, 0);
            return;
        }
    }
    if (xfer_advance(fdc, false))
        pio_next(fdc);
}

static void cmd_read_id(struct i82077_fdc *fdc)
{
    struct fdc_transfer *x = &fdc->xfer;
    const struct floppy_geometry *g = &fdc->drive[x->drive].geom;
    unsigned t = fdc->track[x->drive];
    if (t >= g->cylinders || x->head >= g->heads) {
        x->c = (uint8_t)t;
        x->h = x->head;
        x->r = 0;
        x->n = 0;
        xfer_fail(fdc, FDC_ST1_MA, 0);
        return;
    }
    /* The first ID to pass the head: where the disk has turned to. */
    unsigned sector = 0;
    if (fdc->sched != NULL && g->rpm > 0) {
        uint64_t rev_ns = 60 * SCHED_NS_PER_SEC / g->rpm;
        sector = (unsigned)(sched_now(fdc->sched) % rev_ns * g->sectors / rev_ns);
    }
    x->c = (uint8_t)t;
    x->h = x->head;
    x->r = (uint8_t)(sector + 1);
    x->n = 2;
    xfer_result(fdc, xfer_st0(fdc, 0));
}

/* The execution phase of a data command, once its delay has passed. */
static void xfer_execute(struct i82077_fdc *fdc)
{
    struct fdc_transfer *x = &fdc->xfer;
    unsigned d = x->drive;
    if (!fdc_drive_ready(fdc, d)) {
        xfer_result(fdc, xfer_st0(fdc, FDC_ST0_IC_ABNORMAL | FDC_ST0_NR));
        return;
    }
    const struct fdc_drive *drv = &fdc->drive[d];
    /* A different data rate, or FM, reads no address mark on MFM media. */
    if (fdc->rate != drv->geom.data_rate || !(fdc->cmd[0] & CMD_MFM)) {
        xfer_fail(fdc, FDC_ST1_MA, 0);
        return;
    }
    if (x->op == OP_READ_ID) {
        cmd_read_id(fdc);
        return;
    }
    if ((x->op == OP_WRITE_DATA || x->op == OP_FORMAT) && drv->write_protected) {
        xfer_fail(fdc, FDC_ST1_NW, 0);
        return;
    }
    if (x->op == OP_VERIFY) {
        run_verify(fdc);
        return;
    }
    if (fdc->non_dma) {
        pio_next(fdc);
        return;
    }
    switch (x->op) {
    case OP_READ_DATA: dma_read_data(fdc); break;
    case OP_WRITE_DATA: dma_write_data(fdc); break;
    default: dma_format(fdc); break;
    }
}

void fdc_exec_event_fire(void *opaque)
{
    struct i82077_fdc *fdc = opaque;
    fdc->exec_pending = false;
    xfer_execute(fdc);
}

void fdc_cmd_data(struct i82077_fdc *fdc, uint8_t op)
{
    struct fdc_transfer *x = &fdc->xfer;
    const uint8_t *c = fdc->cmd;
    memset(x, 0, sizeof *x);
    x->op = op;
    x->drive = c[1] & 3;
    x->head = (c[1] >> 2) & 1;
    x->mt = (c[0] & CMD_MT) != 0 && op != OP_READ_ID && op != OP_FORMAT;
    x->to_host = op == OP_READ_DATA;
    if (op == OP_FORMAT) {
        x->c = fdc->pcn[x->drive];
        x->h = x->head;
        x->r = 1;
        x->n = c[2];
        x->count = c[3];
        x->fill = c[5];
        fdc->last_eot_or_sc = c[3];
    } else if (op != OP_READ_ID) {
        x->c = c[2];
        x->h = c[3];
        x->r = c[4];
        x->n = c[5];
        x->eot = c[6];
        x->count = c[8];       /* VERIFY with EC: SC */
        fdc->last_eot_or_sc = c[6];
    }
    uint64_t delay = FDC_EXEC_DELAY_NS;
    if (fdc->eis && op != OP_READ_ID && op != OP_FORMAT && x->drive < FDC_DRIVES) {
        /* Implied seek (CONFIGURE EIS): to C before the transfer. */
        unsigned from = fdc->pcn[x->drive];
        unsigned steps = x->c > from ? x->c - from : from - x->c;
        int phys = (int)fdc->track[x->drive] + (int)x->c - (int)from;
        fdc_move_head(fdc, x->drive, phys < 0 ? 0u : (unsigned)phys);
        fdc->pcn[x->drive] = x->c;
        if (fdc->sched != NULL)
            delay += steps * fdc_step_time_ns(fdc);
    }
    fdc->phase = FDC_PHASE_EXECUTION;
    if (fdc->sched == NULL) {
        xfer_execute(fdc);
        return;
    }
    fdc->exec_pending = true;
    sched_arm_in(fdc->sched, &fdc->exec_event, delay);
}

