/*
 * i82077_fdc.c - the 82077AA floppy controller: registers, the command
 * decoder, seeks, reset.  The data transfer commands are in
 * i82077_fdc_transfer.c; the model and what it leaves out are in
 * i82077_fdc.h.
 *
 * A command goes through three phases (datasheet section 4.2): the host
 * writes the command bytes to the FIFO; the execution phase moves data
 * (by DMA on channel 2, or byte by byte through the FIFO in non-DMA mode)
 * or moves a head; the host reads the result bytes.  SEEK and RECALIBRATE
 * have no result phase: they end with an interrupt that SENSE INTERRUPT
 * STATUS answers.
 *
 *   host:  cmd bytes -> [execution: DMA / FIFO data] -> result bytes
 *   MSR:   RQM          CB (+RQM NDMA DIO in non-DMA)   RQM DIO CB
 *   INT:                 (non-DMA: per byte)          ^ up at result
 */
#include "devices/i82077_fdc.h"

#include <string.h>

#include "devices/i82077_fdc_internal.h"
#include "mem/io_ops.h"
#include "mem/ports.h"

/* Recalibrate gives up after this many step pulses (section 5.2.3). */
#define RECALIBRATE_MAX_STEPS 79u
/* How far a drive's head can physically go. */
#define DRIVE_MAX_TRACK 83u

enum { REG_SRA, REG_SRB, REG_DOR, REG_TDR, REG_MSR_DSR, REG_FIFO, REG_UNUSED, REG_DIR_CCR };

/* --- the INT pin ----------------------------------------------------------- */

/* In PC/AT mode the DMA gate bit of the DOR also gates INT (section 2.1.2). */
static void update_irq(struct i82077_fdc *fdc)
{
    bool level = fdc->int_pending && (fdc->dor & FDC_DOR_DMAGATE);
    if (level != fdc->irq_out) {
        fdc->irq_out = level;
        irq_set(&fdc->irq, level);
    }
}

void fdc_set_int(struct i82077_fdc *fdc, bool on)
{
    fdc->int_pending = on;
    update_irq(fdc);
}

/* --- phases -------------------------------------------------------------- */

static void to_command_phase(struct i82077_fdc *fdc)
{
    fdc->phase = FDC_PHASE_COMMAND;
    fdc->cmd_pos = 0;
    fdc->buf_len = 0;
    fdc->buf_pos = 0;
}

void fdc_to_result_phase(struct i82077_fdc *fdc, const uint8_t *bytes, unsigned n,
                            bool interrupt)
{
    memcpy(fdc->result, bytes, n);
    fdc->result_len = n;
    fdc->result_pos = 0;
    fdc->phase = FDC_PHASE_RESULT;
    fdc->buf_len = 0;
    fdc->result_irq = interrupt;
    if (interrupt)
        fdc_set_int(fdc, true);
}

bool fdc_drive_ready(const struct i82077_fdc *fdc, unsigned d)
{
    return d < FDC_DRIVES && fdc->drive[d].inserted;
}

/* --- seeks ---------------------------------------------------------------- */

uint64_t fdc_step_time_ns(const struct i82077_fdc *fdc)
{
    /* SPECIFY's SRT: (16 - SRT) ms per step at 500 Kbit/s, half that at
     * 1 Mbit/s, scaled likewise at the slower rates (section 5.2.1). */
    static const uint32_t kbps[4] = { 500, 300, 250, 1000 };
    uint64_t units = 16u - (fdc->srt & 0xF);
    return units * SCHED_NS_PER_MS * 500 / kbps[fdc->rate & 3];
}

/* The head moves to `target`; a step pulse with a disk in the drive
 * clears the disk-change line. */
unsigned fdc_move_head(struct i82077_fdc *fdc, unsigned d, unsigned target)
{
    if (target > DRIVE_MAX_TRACK)
        target = DRIVE_MAX_TRACK;
    unsigned from = fdc->track[d];
    unsigned steps = target > from ? target - from : from - target;
    fdc->track[d] = (uint8_t)target;
    if (steps > 0 && fdc_drive_ready(fdc, d))
        fdc->drive[d].disk_changed = false;
    return steps;
}

static void seek_complete(struct i82077_fdc *fdc, unsigned d)
{
    /* Table 5-9: SE with IC 00 (normal) or 01 (abnormal); the head bit
     * of ST0 reads 0 after a seek (section 5.2.5). */
    uint8_t st0 = (uint8_t)(FDC_ST0_SE | d);
    if (fdc->seek_ec[d])
        st0 |= FDC_ST0_IC_ABNORMAL | FDC_ST0_EC;
    fdc->int_st0[d] = st0;
    fdc->int_status[d] = true;
    fdc_set_int(fdc, true);
}

static void seek_event_fire(void *opaque)
{
    struct fdc_seek_ctx *ctx = opaque;
    seek_complete(ctx->fdc, ctx->drive);
}

static void start_seek(struct i82077_fdc *fdc, unsigned d, unsigned steps, bool ec)
{
    fdc->seek_ec[d] = ec;
    fdc->busy |= (uint8_t)(1u << d);
    fdc->int_status[d] = false;
    if (fdc->sched == NULL) {
        seek_complete(fdc, d);
        return;
    }
    uint64_t t = steps * fdc_step_time_ns(fdc);
    sched_arm_in(fdc->sched, &fdc->seek_event[d], t > 0 ? t : SCHED_NS_PER_US);
}

static void cmd_seek(struct i82077_fdc *fdc)
{
    unsigned d = fdc->cmd[1] & 3;
    unsigned target = fdc->cmd[2];
    bool ec = false;
    if (fdc->cmd[0] & 0x80) {
        /* RELATIVE SEEK: DIR 1 steps in (up), 0 out; stepping out past
         * track 0 stops there with equipment check. */
        unsigned rcn = fdc->cmd[2];
        if (fdc->cmd[0] & 0x40) {
            target = fdc->pcn[d] + rcn;
            if (target > 255)
                target = 255;
        } else if (rcn > fdc->pcn[d]) {
            target = 0;
            ec = true;
        } else {
            target = fdc->pcn[d] - rcn;
        }
    }
    unsigned steps = target > fdc->pcn[d] ? target - fdc->pcn[d] : fdc->pcn[d] - target;
    /* The controller only counts pulses; the head follows from where it
     * really is. */
    int delta = (int)target - (int)fdc->pcn[d];
    int phys = (int)fdc->track[d] + delta;
    fdc_move_head(fdc, d, phys < 0 ? 0u : (unsigned)phys);
    fdc->pcn[d] = (uint8_t)target;
    start_seek(fdc, d, steps, ec);
}

static void cmd_recalibrate(struct i82077_fdc *fdc)
{
    unsigned d = fdc->cmd[1] & 3;
    /* Steps out until TRK0 goes active, at most 79 pulses (section
     * 5.2.3); a missing drive never shows TRK0. */
    unsigned steps;
    bool ec;
    if (d < FDC_DRIVES) {
        unsigned from = fdc->track[d];
        steps = from < RECALIBRATE_MAX_STEPS ? from : RECALIBRATE_MAX_STEPS;
        fdc_move_head(fdc, d, from - steps);
        ec = fdc->track[d] != 0;
    } else {
        steps = RECALIBRATE_MAX_STEPS;
        ec = true;
    }
    fdc->pcn[d] = 0;
    start_seek(fdc, d, steps, ec);
}

/* The drive whose status SENSE INTERRUPT reports next: seek ends before
 * reset polling statuses, lower drives first.  (The datasheet wants all
 * four polling statuses read after a reset; a guest that reads only one,
 * as some BIOSes do, still gets its seek's status first this way.) */
static int next_int_status(const struct i82077_fdc *fdc)
{
    for (unsigned d = 0; d < 4; d++)
        if (fdc->int_status[d] && (fdc->int_st0[d] & 0xC0) != FDC_ST0_IC_POLLING)
            return (int)d;
    for (unsigned d = 0; d < 4; d++)
        if (fdc->int_status[d])
            return (int)d;
    return -1;
}

static void cmd_sense_interrupt(struct i82077_fdc *fdc)
{
    int next = next_int_status(fdc);
    if (next >= 0) {
        unsigned d = (unsigned)next;
        fdc->int_status[d] = false;
        fdc->busy &= (uint8_t)~(1u << d);
        fdc_set_int(fdc, false);
        uint8_t r[2] = { fdc->int_st0[d], fdc->pcn[d] };
        fdc_to_result_phase(fdc, r, 2, false);
        return;
    }
    /* No interrupt condition: answered as an invalid command (5.2.4). */
    uint8_t r = FDC_ST0_IC_INVALID;
    fdc_to_result_phase(fdc, &r, 1, false);
}

/* --- the command decoder ------------------------------------------------------ */

/* Command length in bytes, the command byte included; 0: invalid code. */
static unsigned command_length(uint8_t b)
{
    switch (b & 0x1F) {
    case OP_READ_DATA:
    case OP_WRITE_DATA:
    case OP_VERIFY:
        return 9;
    case OP_FORMAT:
        return 6;
    case OP_CONFIGURE:
        return 4;
    case OP_SPECIFY:
    case OP_SEEK:
        return 3;
    case OP_SENSE_DRIVE:
    case OP_RECALIBRATE:
    case OP_READ_ID:
    case OP_PERPENDICULAR:
        return 2;
    case OP_SENSE_INT:
    case OP_DUMPREG:
    case OP_VERSION:
    case OP_LOCK:
        return 1;
    default:
        return 0;
    }
}

static void cmd_dumpreg(struct i82077_fdc *fdc)
{
    uint8_t r[10] = {
        fdc->pcn[0], fdc->pcn[1], fdc->pcn[2], fdc->pcn[3],
        (uint8_t)(fdc->srt << 4 | fdc->hut),
        (uint8_t)(fdc->hlt << 1 | (fdc->non_dma ? 1 : 0)),
        fdc->last_eot_or_sc,
        (uint8_t)((fdc->lock ? 0x80 : 0) | fdc->perpendicular),
        (uint8_t)((fdc->eis ? 0x40 : 0) | (fdc->efifo ? 0x20 : 0) |
                  (fdc->poll_disabled ? 0x10 : 0) | fdc->fifothr),
        fdc->pretrk,
    };
    fdc_to_result_phase(fdc, r, 10, false);
}

static void cmd_sense_drive(struct i82077_fdc *fdc)
{
    unsigned d = fdc->cmd[1] & 3;
    /* ST3: bits 5 and 3 always 1 on the 82077AA (no RDY, no TS pins). */
    uint8_t st3 = (uint8_t)(0x28 | (fdc->cmd[1] & 7));
    if (d < FDC_DRIVES) {
        if (fdc->track[d] == 0)
            st3 |= FDC_ST3_T0;
        if (fdc->drive[d].inserted && fdc->drive[d].write_protected)
            st3 |= FDC_ST3_WP;
    }
    fdc_to_result_phase(fdc, &st3, 1, false);
}

static void execute_command(struct i82077_fdc *fdc)
{
    const uint8_t *c = fdc->cmd;
    uint8_t op = c[0] & 0x1F;
    switch (op) {
    case OP_SPECIFY:
        fdc->srt = c[1] >> 4;
        fdc->hut = c[1] & 0xF;
        fdc->hlt = c[2] >> 1;
        fdc->non_dma = (c[2] & 1) != 0;
        to_command_phase(fdc);
        break;
    case OP_SENSE_DRIVE:
        cmd_sense_drive(fdc);
        break;
    case OP_RECALIBRATE:
        to_command_phase(fdc);
        cmd_recalibrate(fdc);
        break;
    case OP_SENSE_INT:
        cmd_sense_interrupt(fdc);
        break;
    case OP_SEEK:
        to_command_phase(fdc);
        cmd_seek(fdc);
        break;
    case OP_VERSION: {
        uint8_t r = FDC_VERSION;
        fdc_to_result_phase(fdc, &r, 1, false);
        break;
    }
    case OP_DUMPREG:
        cmd_dumpreg(fdc);
        break;
    case OP_CONFIGURE:
        fdc->eis = (c[2] & 0x40) != 0;
        fdc->efifo = (c[2] & 0x20) != 0;
        fdc->poll_disabled = (c[2] & 0x10) != 0;
        fdc->fifothr = c[2] & 0x0F;
        fdc->pretrk = c[3];
        to_command_phase(fdc);
        break;
    case OP_LOCK: {
        fdc->lock = (c[0] & 0x80) != 0;
        uint8_t r = (uint8_t)(fdc->lock ? 0x10 : 0);
        fdc_to_result_phase(fdc, &r, 1, false);
        break;
    }
    case OP_PERPENDICULAR:
        /* OW set: D3-D0 are written too; GAP and WGATE always. */
        if (c[1] & 0x80)
            fdc->perpendicular = c[1] & 0x3F;
        else
            fdc->perpendicular = (uint8_t)((fdc->perpendicular & 0x3C) | (c[1] & 3));
        to_command_phase(fdc);
        break;
    default:
        fdc_cmd_data(fdc, op);
        break;
    }
}

/* --- reset ------------------------------------------------------------------ */

/* What a software reset (DOR nRESET low, or DSR bit 7) clears. */
static void soft_reset(struct i82077_fdc *fdc)
{
    if (fdc->sched != NULL) {
        sched_cancel(fdc->sched, &fdc->exec_event);
        for (unsigned d = 0; d < 4; d++)
            sched_cancel(fdc->sched, &fdc->seek_event[d]);
    }
    fdc->exec_pending = false;
    to_command_phase(fdc);
    fdc->busy = 0;
    for (unsigned d = 0; d < 4; d++)
        fdc->int_status[d] = false;
    fdc->eis = false;
    fdc->poll_disabled = false;
    /* LOCK keeps EFIFO, FIFOTHR and PRETRK through a software reset. */
    if (!fdc->lock) {
        fdc->efifo = true;
        fdc->fifothr = 0;
        fdc->pretrk = 0;
    }
    fdc->perpendicular &= 0x3C;   /* GAP and WGATE cleared */
    fdc_set_int(fdc, false);
}

/* Leaving reset: with polling enabled the controller reports a ready
 * change for each of the four drives and interrupts once (Table 5-9). */
static void end_reset(struct i82077_fdc *fdc)
{
    if (fdc->poll_disabled)
        return;
    for (unsigned d = 0; d < 4; d++) {
        fdc->int_st0[d] = (uint8_t)(FDC_ST0_IC_POLLING | d);
        fdc->int_status[d] = true;
    }
    fdc_set_int(fdc, true);
}

void fdc_reset(struct i82077_fdc *fdc)
{
    fdc->lock = false;
    fdc->dor = 0;          /* nRESET low: held in reset */
    fdc->tdr = 0;
    fdc->rate = FDC_RATE_250K;
    fdc->dsr = FDC_RATE_250K;
    fdc->srt = fdc->hut = fdc->hlt = 0;
    fdc->non_dma = false;
    fdc->perpendicular = 0;
    fdc->last_eot_or_sc = 0;
    for (unsigned d = 0; d < 4; d++)
        fdc->pcn[d] = 0;
    soft_reset(fdc);
}

void fdc_init(struct i82077_fdc *fdc, struct sched *sched, struct isa_dma dma,
              struct irq_line irq)
{
    memset(fdc, 0, sizeof *fdc);
    fdc->sched = sched;
    fdc->dma = dma;
    fdc->irq = irq;
    sched_event_init(&fdc->exec_event, "fdc-exec", fdc_exec_event_fire, fdc);
    for (unsigned d = 0; d < 4; d++) {
        fdc->seek_ctx[d].fdc = fdc;
        fdc->seek_ctx[d].drive = d;
        sched_event_init(&fdc->seek_event[d], "fdc-seek", seek_event_fire, &fdc->seek_ctx[d]);
    }
    fdc_reset(fdc);
}

/* --- media ------------------------------------------------------------------- */

void fdc_insert(struct i82077_fdc *fdc, unsigned drive, const struct fdc_media_ops *ops,
                void *opaque, const struct floppy_geometry *geom, bool write_protected)
{
    if (drive >= FDC_DRIVES || ops == NULL || ops->read == NULL || ops->write == NULL)
        return;
    struct fdc_drive *d = &fdc->drive[drive];
    d->inserted = true;
    d->ops = ops;
    d->opaque = opaque;
    d->geom = *geom;
    d->write_protected = write_protected;
    d->disk_changed = true;
}

void fdc_eject(struct i82077_fdc *fdc, unsigned drive)
{
    if (drive >= FDC_DRIVES)
        return;
    struct fdc_drive *d = &fdc->drive[drive];
    d->inserted = false;
    d->ops = NULL;
    d->opaque = NULL;
    d->disk_changed = true;
}

/* --- registers --------------------------------------------------------------- */

static uint8_t read_msr(const struct i82077_fdc *fdc)
{
    if (!(fdc->dor & FDC_DOR_NRESET))
        return 0;
    uint8_t msr = fdc->busy;
    switch (fdc->phase) {
    case FDC_PHASE_COMMAND:
        msr |= FDC_MSR_RQM | (fdc->cmd_pos > 0 ? FDC_MSR_CB : 0);
        break;
    case FDC_PHASE_EXECUTION:
        msr |= FDC_MSR_CB;
        if (fdc->buf_len > 0)
            msr |= FDC_MSR_RQM | FDC_MSR_NDMA | (fdc->xfer.to_host ? FDC_MSR_DIO : 0);
        break;
    case FDC_PHASE_RESULT:
        msr |= FDC_MSR_RQM | FDC_MSR_DIO | FDC_MSR_CB;
        break;
    }
    return msr;
}

static uint8_t read_fifo(struct i82077_fdc *fdc)
{
    if (fdc->phase == FDC_PHASE_RESULT) {
        uint8_t v = fdc->result[fdc->result_pos++];
        /* A result that interrupted drops INT at its first byte. */
        if (fdc->result_pos == 1 && fdc->result_irq)
            fdc_set_int(fdc, false);
        if (fdc->result_pos >= fdc->result_len)
            to_command_phase(fdc);
        return v;
    }
    if (fdc->phase == FDC_PHASE_EXECUTION && fdc->buf_len > 0 && fdc->xfer.to_host) {
        uint8_t v = fdc->buf[fdc->buf_pos++];
        /* Non-DMA: INT asks for each byte; taking it drops INT. */
        fdc_set_int(fdc, false);
        if (fdc->buf_pos >= fdc->buf_len)
            fdc_pio_buffer_done(fdc);
        else
            fdc_set_int(fdc, true);
        return v;
    }
    return 0;
}

static void write_fifo(struct i82077_fdc *fdc, uint8_t v)
{
    if (fdc->phase == FDC_PHASE_COMMAND) {
        if (fdc->cmd_pos == 0) {
            fdc->cmd_len = command_length(v);
            if (fdc->cmd_len == 0) {
                uint8_t r = FDC_ST0_IC_INVALID;
                fdc_to_result_phase(fdc, &r, 1, false);
                return;
            }
        }
        fdc->cmd[fdc->cmd_pos++] = v;
        if (fdc->cmd_pos >= fdc->cmd_len)
            execute_command(fdc);
        return;
    }
    if (fdc->phase == FDC_PHASE_EXECUTION && fdc->buf_len > 0 && !fdc->xfer.to_host) {
        fdc->buf[fdc->buf_pos++] = v;
        fdc_set_int(fdc, false);
        if (fdc->buf_pos >= fdc->buf_len)
            fdc_pio_buffer_done(fdc);
        else
            fdc_set_int(fdc, true);
    }
}

static void write_dor(struct i82077_fdc *fdc, uint8_t v)
{
    uint8_t old = fdc->dor;
    fdc->dor = v;
    if ((old & FDC_DOR_NRESET) && !(v & FDC_DOR_NRESET))
        soft_reset(fdc);
    else if (!(old & FDC_DOR_NRESET) && (v & FDC_DOR_NRESET))
        end_reset(fdc);
    update_irq(fdc);
}

uint8_t fdc_read(struct i82077_fdc *fdc, unsigned offset)
{
    unsigned sel = fdc->dor & FDC_DOR_SELECT;
    const struct fdc_drive *drv = sel < FDC_DRIVES ? &fdc->drive[sel] : NULL;
    switch (offset & 7) {
    case REG_SRA: {
        /* PS/2 layout: INT pending, nDRV2 (0: a second drive), nTRK0,
         * nINDEX (idle high), nWP. */
        uint8_t v = 0x04;
        if (fdc->int_pending)
            v |= 0x80;
        if (fdc->track[sel] != 0 || drv == NULL)
            v |= 0x10;
        if (drv == NULL || !drv->inserted || !drv->write_protected)
            v |= 0x02;
        return v;
    }
    case REG_SRB:
        /* PS/2 layout: bits 7-6 read 1, drive select 0, motor enables 1-0. */
        return (uint8_t)(0xC0 | (fdc->dor & 1) << 5 | (fdc->dor >> 4 & 3));
    case REG_DOR:
        return fdc->dor;
    case REG_TDR:
        return fdc->tdr;
    case REG_MSR_DSR:
        return read_msr(fdc);
    case REG_FIFO:
        return read_fifo(fdc);
    case REG_DIR_CCR:
        return (uint8_t)(drv != NULL && drv->disk_changed ? 0x80 : 0);
    default:
        return 0xFF;
    }
}

void fdc_write(struct i82077_fdc *fdc, unsigned offset, uint8_t value)
{
    switch (offset & 7) {
    case REG_DOR:
        write_dor(fdc, value);
        break;
    case REG_TDR:
        fdc->tdr = value & 3;
        break;
    case REG_MSR_DSR:
        fdc->dsr = value & 0x7F;
        fdc->rate = value & 3;
        if (value & 0x80) {
            /* DSR software reset: self-clearing, a reset pulse. */
            soft_reset(fdc);
            if (fdc->dor & FDC_DOR_NRESET)
                end_reset(fdc);
        }
        break;
    case REG_FIFO:
        if (fdc->dor & FDC_DOR_NRESET)
            write_fifo(fdc, value);
        break;
    case REG_DIR_CCR:
        fdc->rate = value & 3;
        fdc->dsr = (uint8_t)((fdc->dsr & ~3u) | fdc->rate);
        break;
    default:
        break;
    }
}

static uint32_t fdc_port_read(void *state, uint32_t offset, unsigned size)
{
    (void)size;
    return fdc_read(state, offset);
}

static void fdc_port_write(void *state, uint32_t offset, unsigned size, uint32_t value)
{
    (void)size;
    fdc_write(state, offset, (uint8_t)value);
}

static const struct io_ops fdc_ops = { fdc_port_read, fdc_port_write, IO_SIZE_8 };

/* The 3F7h range gets its own io_ops so its offset is still 7. */
static uint32_t fdc_dir_read(void *state, uint32_t offset, unsigned size)
{
    (void)offset;
    (void)size;
    return fdc_read(state, REG_DIR_CCR);
}

static void fdc_ccr_write(void *state, uint32_t offset, unsigned size, uint32_t value)
{
    (void)offset;
    (void)size;
    fdc_write(state, REG_DIR_CCR, (uint8_t)value);
}

static const struct io_ops fdc_dir_ops = { fdc_dir_read, fdc_ccr_write, IO_SIZE_8 };

bool fdc_attach(struct i82077_fdc *fdc, struct port_bus *pb)
{
    if (!ports_register(pb, "fdc", FDC_BASE, 6, &fdc_ops, fdc))
        return false;
    if (!ports_register(pb, "fdc-dir", FDC_BASE + 7, 1, &fdc_dir_ops, fdc)) {
        ports_unregister(pb, FDC_BASE, 6);
        return false;
    }
    return true;
}
