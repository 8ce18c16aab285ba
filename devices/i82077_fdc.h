/*
 * i82077_fdc.h - the floppy disk controller at 3F0h-3F7h: an Intel
 * 82077AA in PC/AT mode with up to two drives, after the 82077AA datasheet
 * (section 2: registers; section 5: command set, Table 5-1; Table 5-6:
 * result C/H/R/N; Table 5-9: interrupt identification).
 *
 * Registers: SRA/SRB (3F0h/3F1h, the PS/2-mode layout: an AT-mode chip
 * floats them, nothing on a PC depends on them), DOR (3F2h: drive select,
 * nRESET, DMA gate, motor enables), TDR (3F3h), MSR (3F4h read) / DSR
 * (3F4h write: data rate, software reset), FIFO (3F5h), DIR (3F7h read:
 * bit 7 disk change) / CCR (3F7h write: data rate).  3F6h is not ours: it
 * belongs to the primary IDE channel.
 *
 * Commands: SPECIFY, SENSE DRIVE STATUS, RECALIBRATE, SENSE INTERRUPT
 * STATUS (four polling statuses after a reset), SEEK, RELATIVE SEEK, READ
 * DATA, WRITE DATA (multi-track, end of track, DMA on channel 2 through the
 * struct isa_dma the board hands in, or non-DMA through the FIFO), READ ID,
 * FORMAT TRACK, VERIFY, VERSION (90h), CONFIGURE (implied seek works;
 * EFIFO, FIFOTHR, PRETRK and POLL are stored and reported by DUMPREG, but
 * there is no FIFO timing, and POLL never matters because the only polling
 * modelled is the one after a reset, which re-enables it), DUMPREG, LOCK,
 * PERPENDICULAR MODE (stored); every other code is invalid (ST0 = 80h).
 * SENSE INTERRUPT STATUS reports seek/recalibrate ends before reset
 * polling statuses, lowest drive first.  Media are 512-byte-sector images with a fixed geometry and
 * data rate: a command at another data rate or in FM mode finds no address
 * marks (ST1 MA), as a real drive would.
 *
 * Timing: with a scheduler, a seek takes (steps x step rate time) and a
 * read/write/format/verify/read-ID command finishes FDC_EXEC_DELAY_NS after
 * its last command byte; READ ID reports the sector under the head at that
 * moment (300 or 360 rpm).  Rotation is not otherwise modelled (no
 * per-sector latency, head load/unload times are stored only).  Without a
 * scheduler (sched == NULL) everything completes at once.
 *
 * Not emulated: READ TRACK, READ/WRITE DELETED DATA and the SCAN commands
 * (they answer as invalid commands), deleted-data marks, CRC errors other
 * than a failed media read (reported as a data error), the FIFO threshold
 * and overrun timing in non-DMA mode, power-down (DSR bit 6 is stored),
 * motor spin-up (a read works with the motor off), drives 2 and 3 (they
 * are never ready; their recalibrate fails with equipment check).
 */
#ifndef SOFTPC_DEVICES_I82077_FDC_H
#define SOFTPC_DEVICES_I82077_FDC_H

#include <stdbool.h>
#include <stdint.h>

#include "devices/floppy_geometry.h"
#include "devices/irq.h"
#include "devices/isa_dma.h"
#include "devices/sched.h"

struct port_bus;

#define FDC_BASE 0x3F0u
#define FDC_DMA_CHANNEL 2u
#define FDC_IRQ 6u
#define FDC_DRIVES 2u
#define FDC_SECTOR_SIZE 512u
#define FDC_VERSION 0x90u
#define FDC_EXEC_DELAY_NS (100 * SCHED_NS_PER_US)

/* Status register bits (82077AA datasheet, section 5.3). */
#define FDC_ST0_IC_ABNORMAL 0x40u
#define FDC_ST0_IC_INVALID  0x80u
#define FDC_ST0_IC_POLLING  0xC0u
#define FDC_ST0_SE 0x20u
#define FDC_ST0_EC 0x10u
#define FDC_ST0_NR 0x08u
#define FDC_ST0_HD 0x04u
#define FDC_ST1_EN 0x80u
#define FDC_ST1_DE 0x20u
#define FDC_ST1_OR 0x10u
#define FDC_ST1_ND 0x04u
#define FDC_ST1_NW 0x02u
#define FDC_ST1_MA 0x01u
#define FDC_ST2_DD 0x20u
#define FDC_ST2_WC 0x10u
#define FDC_ST2_BC 0x02u
#define FDC_ST3_WP 0x40u
#define FDC_ST3_T0 0x10u

/* MSR bits. */
#define FDC_MSR_RQM  0x80u
#define FDC_MSR_DIO  0x40u
#define FDC_MSR_NDMA 0x20u
#define FDC_MSR_CB   0x10u

/* DOR bits. */
#define FDC_DOR_SELECT 0x03u
#define FDC_DOR_NRESET 0x04u
#define FDC_DOR_DMAGATE 0x08u
#define FDC_DOR_MOTOR0 0x10u

/* How the controller reaches a disk image: one 512-byte sector by LBA
 * (cylinder, head, sector as the BIOS counts).  A failing read shows as a
 * data error, a failing write as well. */
struct fdc_media_ops {
    bool (*read)(void *opaque, uint32_t lba, void *buf);
    bool (*write)(void *opaque, uint32_t lba, const void *buf);
};

struct fdc_drive {
    bool inserted;
    bool write_protected;
    bool disk_changed;    /* DIR bit 7: set at insert/eject, cleared by a step */
    const struct fdc_media_ops *ops;
    void *opaque;
    struct floppy_geometry geom;
};

enum fdc_phase { FDC_PHASE_COMMAND, FDC_PHASE_EXECUTION, FDC_PHASE_RESULT };

/* The data transfer command under way (READ/WRITE/VERIFY/FORMAT). */
struct fdc_transfer {
    uint8_t op;           /* command code, low 5 bits */
    uint8_t drive, head;  /* physical unit and head (HDS) */
    uint8_t c, h, r, n;   /* the ID being looked for */
    uint8_t eot;
    bool mt;
    bool to_host;         /* data flows to the host (read) */
    unsigned count;       /* VERIFY with EC: sectors left; FORMAT: IDs left */
    uint8_t fill;         /* FORMAT filler byte */
    uint8_t st1, st2;
};

struct i82077_fdc {
    /* Registers. */
    uint8_t dor;
    uint8_t tdr;
    uint8_t dsr;              /* precompensation, power-down bits, data rate */
    uint8_t rate;             /* current data rate (DSR/CCR bits 1-0) */

    /* Command/result machine. */
    enum fdc_phase phase;
    uint8_t cmd[9];
    unsigned cmd_len, cmd_pos;
    uint8_t result[10];
    unsigned result_len, result_pos;
    bool result_irq;          /* this result phase raised INT */
    bool exec_pending;        /* execution armed, not started (DMA mode) */

    /* Non-DMA execution: one sector (or a FORMAT ID) through the FIFO. */
    uint8_t buf[FDC_SECTOR_SIZE];
    unsigned buf_pos, buf_len;

    struct fdc_transfer xfer;

    /* SPECIFY, CONFIGURE, LOCK, PERPENDICULAR MODE. */
    uint8_t srt, hut, hlt;
    bool non_dma;
    bool eis, efifo, poll_disabled;
    uint8_t fifothr, pretrk;
    bool lock;
    uint8_t perpendicular;    /* D3-D0 << 2 | GAP << 1 | WGATE */
    uint8_t last_eot_or_sc;   /* DUMPREG byte 7 */

    /* Per drive select (0-3): what SENSE INTERRUPT STATUS reports. */
    uint8_t pcn[4];
    uint8_t track[4];         /* where each head really is */
    bool int_status[4];       /* an interrupt status waits for SENSE INT */
    uint8_t int_st0[4];
    uint8_t seek_target[4];
    bool seek_ec[4];          /* the seek under way ends with equipment check */
    uint8_t busy;             /* MSR bits 3-0: drives seeking */
    bool int_pending;         /* the INT pin, before the DMA gate */
    bool irq_out;             /* what the irq line was last driven to */

    struct fdc_drive drive[FDC_DRIVES];

    struct sched *sched;      /* NULL: commands complete at once */
    struct sched_event exec_event;
    struct sched_event seek_event[4];
    struct fdc_seek_ctx { struct i82077_fdc *fdc; unsigned drive; } seek_ctx[4];
    struct isa_dma dma;
    struct irq_line irq;
};

/* Sets up the controller (sched may be NULL, dma callbacks may be NULL)
 * with no media, and applies a hardware reset. */
void fdc_init(struct i82077_fdc *fdc, struct sched *sched, struct isa_dma dma,
              struct irq_line irq);
/* The RESET pin: DOR = 0 (controller held in reset until the guest sets
 * nRESET), LOCK and CONFIGURE defaults, data rate 250 Kbit/s. */
void fdc_reset(struct i82077_fdc *fdc);
/* Claims 3F0h-3F5h and 3F7h (3F6h is IDE's); false if any is taken. */
bool fdc_attach(struct i82077_fdc *fdc, struct port_bus *pb);

/* Media: the caller gives the geometry (floppy_geometry_for_size finds it
 * from an image's size); drive is 0 or 1; ops and opaque must stay valid
 * until the disk is ejected or replaced.  Inserting or ejecting sets the disk-change line. */
void fdc_insert(struct i82077_fdc *fdc, unsigned drive, const struct fdc_media_ops *ops,
                void *opaque, const struct floppy_geometry *geom, bool write_protected);
void fdc_eject(struct i82077_fdc *fdc, unsigned drive);

/* The register interface, for tests and a monitor (offset 0-7 from 3F0h). */
uint8_t fdc_read(struct i82077_fdc *fdc, unsigned offset);
void fdc_write(struct i82077_fdc *fdc, unsigned offset, uint8_t value);

#endif
