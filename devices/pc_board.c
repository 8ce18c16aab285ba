/*
 * pc_board.c - the PC board (what is on it is in pc_board.h, where each
 * chip sits in docs/platform.md).
 *
 * This is the one place that says which chip sits where.  The BIOS
 * mapping follows what i440FX-era chipsets decode and what QEMU's PC
 * does: the flash at the top of the 4 GiB space, and its last 128 KiB at
 * most aliased below 1 MiB for real-mode code, switchable to shadow RAM
 * through the PAM registers.  The glue a real board has in discrete logic
 * lives here too: the A20 OR of the 8042 and port 92h, the FERR# latch on
 * IRQ 13 cleared by port F0h, and the reset and power-off lines.
 */
#include "devices/pc_board.h"

#include <stdlib.h>
#include <string.h>

#include "cpu/cpu.h"
#include "devices/ata.h"
#include "devices/debug_exit.h"
#include "devices/debugcon.h"
#include "devices/disk_image.h"
#include "devices/i440fx_host.h"
#include "devices/i8042_kbc.h"
#include "devices/i8237_dma.h"
#include "devices/i8254_pit.h"
#include "devices/i8259_pic.h"
#include "devices/vga.h"
#include "devices/ioapic.h"
#include "devices/lapic.h"
#include "devices/i82077_fdc.h"
#include "devices/mc146818_rtc.h"
#include "devices/ns16550_uart.h"
#include "devices/pc_cmos.h"
#include "devices/pci_bus.h"
#include "devices/piix3.h"
#include "devices/piix4_pm.h"
#include "devices/port92.h"
#include "devices/port_b.h"
#include "devices/post_port.h"
#include "devices/ps2_keyboard.h"
#include "devices/ps2_mouse.h"
#include "devices/sched.h"
#include "mem/phys.h"
#include "mem/ports.h"

#define MIB (1024u * 1024u)
#define FOUR_GIB (UINT64_C(1) << 32)

/* Where overlapping regions win: the BIOS over the RAM beneath it. */
/* Region priorities: RAM lowest; the BIOS image and PCI windows above it
 * (a BAR a guest places over RAM hides it, as a PCI target claims the
 * cycle first); the VGA window over the RAM at A0000h; the APICs on top. */
enum { PRIO_RAM = 0, PRIO_BIOS = 1, PRIO_PCI = 2, PRIO_APIC = 3 };

/* The BIOS's view below 1 MiB is cut into the 16 KiB pieces the i440FX's
 * PAM registers switch (64 KiB for F0000-FFFFF counts as 4 pieces). */
#define PAM_PIECE (16u * 1024u)
#define PAM_PIECES (PC_BOARD_ISA_BIOS_MAX / PAM_PIECE)

struct pc_board {
    struct pc_board_config cfg;
    struct phys_space *phys;
    struct port_bus *ports;
    struct cpu *cpu;
    struct sched sched;
    /* Time: virtual = icount * NS_PER_INSN + skipped; realtime = host_ns()
     * - host_origin.  tsc_synced: the emulated ns the TSC was last brought
     * up to (realtime). */
    uint64_t skipped_ns;
    uint64_t host_origin;
    bool reset_requested;   /* a chip asked for a reset */
    bool power_off;         /* the guest entered S5 */
    struct post_port post;
    struct debug_exit debug_exit;
    struct debugcon debugcon;

    /* The chips (docs/platform.md says where each one sits). */
    struct i8259_pair pic;
    struct i8254_pit pit;
    struct port_b port_b;
    struct mc146818_rtc rtc;
    struct ns16550_uart com[2];
    struct i8042_kbc kbc;
    struct ps2_kbd kbd;
    struct ps2_mouse mouse;
    struct port92 port92;
    struct i8237_dma dma;
    struct i82077_fdc fdc;
    struct ata_channel ide[2];
    struct pci_bus pci;
    struct i440fx_host host;
    struct piix3 piix3;
    struct piix4_pm pm;
    struct lapic lapic;
    struct ioapic ioapic;
    struct phys_region *lapic_region; /* moves with IA32_APIC_BASE */
    struct vga vga;           /* only when cfg.vga */
    bool vga_present;
    uint8_t *vga_rom;         /* our copy of cfg.vga_rom */
    struct phys_region *vga_bar_region[2]; /* [0] the LFB, [1] the ROM BAR */

    /* Glue the board itself keeps. */
    bool a20_kbc, a20_port92; /* the A20 gate is their OR */
    bool ferr_latch;          /* FERR# seen, not yet cleared by port F0h */
    struct phys_region *isa_bios[PAM_PIECES]; /* the BIOS below 1 MiB, by PAM piece */
    struct phys_region *pam_read_only[I440FX_PAM_SEGMENTS]; /* see board_pam_changed */
    uint32_t isa_bios_base;
};

const char *pc_board_bios_size_problem(size_t size)
{
    if (size == 0)
        return "is empty";
    if (size > PC_BOARD_BIOS_MAX)
        return "is larger than 1 MiB";
    if (size % PC_BOARD_BIOS_UNIT != 0)
        return "size is not a multiple of 64 KiB";
    return NULL;
}

/* The debug-exit device asked to end the run: stop the CPU right after
 * the OUT (cpu_request_stop ends the running decoded block there, so no
 * later instruction of the block runs). */
static void board_exit_requested(void *opaque)
{
    struct pc_board *b = opaque;
    cpu_request_stop(b->cpu);
}

static bool board_map_bios(struct pc_board *b, const uint8_t *image, size_t size)
{
    uint32_t top_base = (uint32_t)(FOUR_GIB - size);
    struct phys_region *rom = phys_add_rom(b->phys, "bios", top_base, size, PRIO_BIOS,
                                           image, size);
    if (rom == NULL)
        return false;
    size_t isa_size = size < PC_BOARD_ISA_BIOS_MAX ? size : PC_BOARD_ISA_BIOS_MAX;
    b->isa_bios_base = (uint32_t)(MIB - isa_size);
    for (size_t k = 0; k < isa_size / PAM_PIECE; k++) {
        b->isa_bios[k] = phys_add_alias(b->phys, "isa-bios", b->isa_bios_base +
                                        (uint32_t)(k * PAM_PIECE), rom,
                                        size - isa_size + k * PAM_PIECE, PAM_PIECE, PRIO_BIOS);
        if (b->isa_bios[k] == NULL)
            return false;
    }
    return true;
}

/* The PAM segment number (i440fx_pam_segment's k) of a segment's base. */
static unsigned board_pam_segment_index(uint32_t base)
{
    if (base >= I440FX_SEG_F0000)
        return 0;
    return (base - I440FX_SEG_C0000) / I440FX_SEG_SMALL + 1u;
}

/* i440FX PAM: a segment whose reads go to DRAM shows the RAM beneath the
 * BIOS (the BIOS's shadow copy); otherwise the ROM shows.  Below the BIOS
 * image (C0000-DFFFF) the RAM always shows, also in mode 00b (where a
 * real board sends both to the PCI bus).
 * Read-only DRAM (01b: reads DRAM, writes to the PCI bus, where nothing
 * answers) is what BIOSes leave their shadowed ROMs in, so that a stray
 * write cannot damage them: a ROM region holding a copy of the segment's
 * RAM covers it then.  Nothing can change that RAM while the copy shows,
 * so dropping the copy when the mode changes again reveals the same bytes.
 * The write-only mode (10b: reads ROM, writes DRAM) is not split: writes
 * follow reads, so a BIOS that copies itself in mode 10b loses the copy -
 * SeaBIOS and ours never do that. */
static void board_pam_changed(void *opaque, uint32_t base, uint32_t size, bool read_dram,
                              bool write_dram)
{
    struct pc_board *b = opaque;
    for (unsigned k = 0; k < PAM_PIECES; k++) {
        uint32_t piece = b->isa_bios_base + k * PAM_PIECE;
        if (b->isa_bios[k] != NULL && piece >= base && piece < base + size)
            phys_set_enabled(b->phys, b->isa_bios[k], !read_dram);
    }
    unsigned seg = board_pam_segment_index(base);
    if (seg >= I440FX_PAM_SEGMENTS)
        return;
    if (b->pam_read_only[seg] != NULL) {
        phys_remove(b->phys, b->pam_read_only[seg]);
        b->pam_read_only[seg] = NULL;
    }
    if (!read_dram || write_dram)
        return;
    uint8_t *copy = malloc(size);
    if (copy == NULL)
        return; /* the segment stays writable: only protection is lost */
    phys_read_block(b->phys, base, copy, size);
    b->pam_read_only[seg] = phys_add_rom(b->phys, "pam-read-only", base, size, PRIO_BIOS,
                                         copy, size);
    free(copy);
}

/* The scheduler's clock (devices/sched.h). */
static uint64_t board_clock(void *opaque)
{
    struct pc_board *b = opaque;
    if (b->cfg.virtual_clock)
        return b->cpu->icount * PC_BOARD_NS_PER_INSN + b->skipped_ns;
    return b->cfg.host_ns() - b->host_origin;
}

/* The TSC counts PC_BOARD_TSC_HZ in emulated time.  Between slices it is
 * brought up to emulated time; inside a slice it advances one per
 * instruction, so it never goes back.  Virtual: only skipped time needs
 * adding (instructions already count).  Realtime: whatever emulated time
 * ran ahead of the instruction count. */
static void board_sync_tsc_realtime(struct pc_board *b)
{
    uint64_t want = (b->cfg.host_ns() - b->host_origin) / PC_BOARD_NS_PER_INSN;
    uint64_t have = b->cpu->icount + b->cpu->msr.tsc_offset;
    if (want > have)
        b->cpu->msr.tsc_offset += want - have;
}

/* ---- glue between chips --------------------------------------------- */

/* Every ISA interrupt line ends here and goes to both controllers, as on
 * an APIC board: the 8259 pair (whose INTR is the local APIC's LINT0) and
 * the I/O APIC, where IRQ 0 sits on pin 2 (pin 0 has the 8259's INTR on
 * real boards; the MADT and MP table our BIOS builds say so with an
 * interrupt source override). */
static void board_isa_irq(void *opaque, unsigned irq, bool level)
{
    struct pc_board *b = opaque;
    i8259_set_irq(&b->pic, irq, level);
    ioapic_set_irq(&b->ioapic, irq == 0 ? 2u : irq, level);
}

static struct irq_line isa_irq(struct pc_board *b, unsigned irq)
{
    return irq_line_make(board_isa_irq, b, irq);
}

static void board_cpu_intr(void *opaque, unsigned pin, bool level)
{
    struct pc_board *b = opaque;
    (void)pin;
    cpu_set_intr(b->cpu, level);
}

/* IA32_APIC_BASE: the local APIC's registers follow its base address and
 * vanish while its global enable bit is clear (SDM 10.4.3). */
static uint64_t board_apic_base_read(void *opaque)
{
    struct pc_board *b = opaque;
    return lapic_base_msr(&b->lapic);
}

static void board_map_lapic(struct pc_board *b)
{
    uint32_t base = (uint32_t)(lapic_base_msr(&b->lapic) & ~UINT64_C(0xFFF));
    if (b->lapic_region->base != base)
        phys_move(b->phys, b->lapic_region, base);
    if (b->lapic_region->enabled != lapic_enabled(&b->lapic))
        phys_set_enabled(b->phys, b->lapic_region, lapic_enabled(&b->lapic));
}

static bool board_apic_base_write(void *opaque, uint64_t value)
{
    struct pc_board *b = opaque;
    lapic_set_base_msr(&b->lapic, value);
    board_map_lapic(b);
    return true;
}

static void board_set_a20(struct pc_board *b)
{
    bool on = b->a20_kbc || b->a20_port92;
    if (on != phys_a20(b->phys))
        phys_set_a20(b->phys, on);
}

static void board_kbc_a20(void *opaque, bool on)
{
    struct pc_board *b = opaque;
    b->a20_kbc = on;
    board_set_a20(b);
}

static void board_port92_a20(void *opaque, bool on)
{
    struct pc_board *b = opaque;
    b->a20_port92 = on;
    board_set_a20(b);
}

/* A reset asked from inside an OUT (8042, 92h, CF9h): finish the
 * instruction, then pc_board_run reports it. */
static void board_reset_request(void *opaque)
{
    struct pc_board *b = opaque;
    b->reset_requested = true;
    cpu_request_stop(b->cpu);
}

static void board_poweroff_request(void *opaque)
{
    struct pc_board *b = opaque;
    b->power_off = true;
    cpu_request_stop(b->cpu);
}

/* FERR# (CR0.NE = 0) sets a latch that drives IRQ 13 until a write to
 * port F0h clears it, as on the PC/AT; a new assertion sets it again. */
static void board_ferr(void *opaque, bool asserted)
{
    struct pc_board *b = opaque;
    if (asserted && !b->ferr_latch) {
        b->ferr_latch = true;
        board_isa_irq(b, 13, true);
    }
}

static uint32_t ferr_port_read(void *state, uint32_t offset, unsigned size)
{
    (void)state;
    (void)offset;
    (void)size;
    return 0xFF;
}

static void ferr_port_write(void *state, uint32_t offset, unsigned size, uint32_t value)
{
    struct pc_board *b = state;
    (void)offset;
    (void)size;
    (void)value;
    b->ferr_latch = false;
    board_isa_irq(b, 13, false);
}

static const struct io_ops ferr_port_ops = { ferr_port_read, ferr_port_write, IO_SIZE_8 };

static bool floppy_read(void *opaque, uint32_t lba, void *buf)
{
    return disk_image_read(opaque, lba, 1, buf);
}

static bool floppy_write(void *opaque, uint32_t lba, const void *buf)
{
    return disk_image_write(opaque, lba, 1, buf);
}

static const struct fdc_media_ops floppy_media = { floppy_read, floppy_write };

/* ---- building the board ---------------------------------------------- */

static bool board_attach_isa(struct pc_board *b)
{
    const struct pc_board_config *cfg = &b->cfg;
    /* INTR: 8259 -> local APIC LINT0 (ExtINT after reset) -> the CPU;
     * the I/O APIC sends its messages to the local APIC too. */
    i8259_init(&b->pic, irq_line_make(lapic_set_lint, &b->lapic, 0));
    lapic_init(&b->lapic, &b->sched, irq_line_make(board_cpu_intr, b, 0), i8259_intr_ack,
               &b->pic, ioapic_eoi, &b->ioapic);
    ioapic_init(&b->ioapic, lapic_receive, &b->lapic);
    b->cpu->intr_ack = lapic_intr_ack;
    b->cpu->intr_opaque = &b->lapic;
    b->cpu->apic_base_read = board_apic_base_read;
    b->cpu->apic_base_write = board_apic_base_write;
    b->cpu->apic_opaque = b;
    b->cpu->ferr = board_ferr;
    b->cpu->ferr_opaque = b;
    i8254_init(&b->pit, &b->sched, isa_irq(b, 0));
    port_b_init(&b->port_b, &b->sched, i8254_port_b_set_gate2, i8254_port_b_out2, &b->pit);
    rtc_init(&b->rtc, &b->sched, isa_irq(b, 8), cfg->rtc_start);
    for (unsigned k = 0; k < 2; k++) {
        struct uart_backend be = { cfg->com_write[k], cfg->com_opaque[k] };
        uart_init(&b->com[k], k == 0 ? "COM1" : "COM2", &b->sched, isa_irq(b, k == 0 ? 4 : 3),
                  be);
    }
    ps2_kbd_init(&b->kbd, &b->sched, i8042_kbd_data_ready, &b->kbc);
    ps2_mouse_init(&b->mouse, i8042_aux_data_ready, &b->kbc);
    struct i8042_config kc = {
        .irq1 = isa_irq(b, 1),
        .irq12 = isa_irq(b, 12),
        .kbd = { &b->kbd, ps2_kbd_write, ps2_kbd_read },
        .aux = { &b->mouse, ps2_mouse_write, ps2_mouse_read },
        .set_a20 = board_kbc_a20,
        .reset = board_reset_request,
        .board = b,
    };
    i8042_init(&b->kbc, &kc);
    port92_init(&b->port92, board_port92_a20, board_reset_request, b);
    dma_init(&b->dma, b->phys);
    fdc_init(&b->fdc, &b->sched, dma_isa_interface(&b->dma), isa_irq(b, 6));
    for (unsigned k = 0; k < 2; k++) {
        struct floppy_geometry g;
        if (cfg->fd[k] != NULL &&
            floppy_geometry_for_size(disk_image_sectors(cfg->fd[k]) * DISK_SECTOR_SIZE, &g))
            fdc_insert(&b->fdc, k, &floppy_media, cfg->fd[k], &g,
                       disk_image_read_only(cfg->fd[k]));
    }
    ata_channel_init(&b->ide[0], isa_irq(b, 14));
    ata_channel_init(&b->ide[1], isa_irq(b, 15));
    for (unsigned k = 0; k < 4; k++)
        if (cfg->hd[k] != NULL)
            ata_attach_drive(&b->ide[k / 2], k % 2, cfg->hd[k]);
    return i8259_attach(&b->pic, b->ports) && i8254_attach(&b->pit, b->ports) &&
           port_b_attach(&b->port_b, b->ports) && rtc_attach(&b->rtc, b->ports) &&
           uart_attach(&b->com[0], b->ports, 0x3F8) && uart_attach(&b->com[1], b->ports, 0x2F8) &&
           i8042_attach(&b->kbc, b->ports) && port92_attach(&b->port92, b->ports) &&
           dma_attach(&b->dma, b->ports) && fdc_attach(&b->fdc, b->ports) &&
           ata_channel_attach(&b->ide[0], b->ports, 0x1F0, 0x3F6) &&
           ata_channel_attach(&b->ide[1], b->ports, 0x170, 0x376) &&
           ports_register(b->ports, "ferr", 0xF0, 1, &ferr_port_ops, b);
}

/* The VGA card's BAR 0 (its LFB, through the card's ops so writes mark
 * changed pages) and expansion ROM BAR appear, move and vanish as the
 * guest programs them.  Each region is made the first time its BAR
 * decodes, then moved and switched on and off. */
static void board_vga_window_moved(void *opaque, unsigned bar, uint32_t old_addr,
                                   uint32_t new_addr)
{
    struct pc_board *b = opaque;
    (void)old_addr;
    unsigned k = bar == PCI_ROM_BAR ? 1u : 0u;
    if (bar != 0 && bar != PCI_ROM_BAR)
        return;
    struct phys_region *r = b->vga_bar_region[k];
    if (new_addr == PCI_BAR_UNMAPPED) {
        if (r != NULL && r->enabled)
            phys_set_enabled(b->phys, r, false);
        return;
    }
    if (r == NULL) {
        if (k == 0)
            r = phys_add_mmio(b->phys, "vga-lfb", new_addr, VGA_VRAM_SIZE, PRIO_PCI,
                              &vga_lfb_ops, &b->vga);
        else
            r = phys_add_rom(b->phys, "vga-rom", new_addr, b->vga.pci.rom.size, PRIO_PCI,
                             b->vga_rom, b->cfg.vga_rom_size);
        b->vga_bar_region[k] = r; /* NULL only when host memory ran out */
        return;
    }
    if (r->base != new_addr)
        phys_move(b->phys, r, new_addr);
    if (!r->enabled)
        phys_set_enabled(b->phys, r, true);
}

static bool board_attach_vga(struct pc_board *b)
{
    const struct pc_board_config *cfg = &b->cfg;
    if (!cfg->vga)
        return true;
    if (cfg->vga_rom != NULL && cfg->vga_rom_size != 0) {
        b->vga_rom = malloc(cfg->vga_rom_size);
        if (b->vga_rom == NULL)
            return false;
        memcpy(b->vga_rom, cfg->vga_rom, cfg->vga_rom_size);
    }
    if (!vga_init(&b->vga, &b->sched, b->vga_rom, (uint32_t)cfg->vga_rom_size,
                  board_vga_window_moved, b))
        return false;
    b->vga_present = true;
    return vga_attach(&b->vga, b->ports) &&
           pci_register_function(&b->pci, PCI_DEVFN(2, 0), &b->vga.pci) &&
           phys_add_mmio(b->phys, "vga-window", VGA_WINDOW_BASE, VGA_WINDOW_SIZE, PRIO_PCI,
                         &vga_window_ops, &b->vga) != NULL;
}

static bool board_attach_pci(struct pc_board *b)
{
    pci_bus_init(&b->pci);
    i440fx_host_init(&b->host, board_pam_changed, b);
    piix3_init(&b->piix3, board_reset_request, NULL, b);
    piix4_pm_init(&b->pm, &b->sched, isa_irq(b, 9), board_poweroff_request, b);
    return pci_bus_attach(&b->pci, b->ports) && i440fx_host_attach(&b->host, &b->pci) &&
           piix3_attach(&b->piix3, &b->pci) && piix4_pm_attach(&b->pm, &b->pci, b->ports) &&
           board_attach_vga(b);
}

/* CMOS as docs/platform.md lays it out, from the configuration. */
static void board_fill_cmos(struct pc_board *b)
{
    const struct pc_board_config *cfg = &b->cfg;
    struct pc_cmos_setup s = { .ram_bytes = (uint64_t)cfg->ram_mib * MIB };
    for (unsigned k = 0; k < 2; k++) {
        const struct ata_drive *d = &b->ide[0].drive[k];
        if (cfg->hd[k] == NULL)
            continue;
        s.hd_sectors[k] = disk_image_sectors(cfg->hd[k]);
        s.hd_cylinders[k] = d->cylinders;
        s.hd_heads[k] = d->heads;
        s.hd_spt[k] = d->sectors;
    }
    for (unsigned k = 0; k < 2; k++)
        if (b->fdc.drive[k].inserted)
            s.floppy_type[k] = b->fdc.drive[k].geom.cmos_type;
    memcpy(s.boot_order, cfg->boot_order, sizeof s.boot_order);
    s.serial_mirror = cfg->serial_mirror;
    if (cfg->kernel_load != NULL) {
        s.kernel_setup_segment = cfg->kernel_setup_segment;
        s.kernel_setup_sp = cfg->kernel_setup_sp;
    }
    pc_cmos_fill(&b->rtc, &s);
}

struct pc_board *pc_board_create(const struct pc_board_config *cfg)
{
    if (cfg->ram_mib < PC_BOARD_MIN_RAM_MIB || cfg->ram_mib > PC_BOARD_MAX_RAM_MIB ||
        cfg->bios == NULL || pc_board_bios_size_problem(cfg->bios_size) != NULL)
        return NULL;
    if (!cfg->virtual_clock && cfg->host_ns == NULL)
        return NULL;
    struct pc_board *b = calloc(1, sizeof *b);
    if (b == NULL)
        return NULL;
    b->cfg = *cfg;
    b->cfg.bios = NULL; /* copied into the ROM region below */
    sched_init(&b->sched);
    if (!cfg->virtual_clock)
        b->host_origin = cfg->host_ns();
    b->phys = phys_create();
    b->ports = ports_create();
    if (b->phys == NULL || b->ports == NULL)
        goto fail;
    if (phys_add_ram(b->phys, "ram", 0, (uint64_t)cfg->ram_mib * MIB, PRIO_RAM) == NULL ||
        !board_map_bios(b, cfg->bios, cfg->bios_size))
        goto fail;
    phys_set_addr_bits(b->phys, 32);
    b->a20_kbc = true; /* the 8042's output port comes up with A20 on */
    phys_set_a20(b->phys, true);
    b->cpu = cpu_create(b->phys, b->ports);
    if (b->cpu == NULL)
        goto fail;
    sched_set_clock(&b->sched, board_clock, b);
    if (!post_port_attach(&b->post, b->ports, cfg->post_log) ||
        !debug_exit_attach(&b->debug_exit, b->ports, board_exit_requested, b) ||
        !debugcon_attach(&b->debugcon, b->ports, cfg->debugcon) ||
        !board_attach_isa(b) || !board_attach_pci(b))
        goto fail;
    b->lapic_region = phys_add_mmio(b->phys, "lapic", LAPIC_BASE, LAPIC_SIZE, PRIO_APIC,
                                    &lapic_mmio_ops, &b->lapic);
    if (b->lapic_region == NULL ||
        phys_add_mmio(b->phys, "ioapic", IOAPIC_BASE, IOAPIC_SIZE, PRIO_APIC, &ioapic_mmio_ops,
                      &b->ioapic) == NULL)
        goto fail;
    board_map_lapic(b);
    board_fill_cmos(b);
    if (cfg->kernel_load != NULL)
        cfg->kernel_load(cfg->kernel_opaque, b->phys);
    return b;
fail:
    pc_board_destroy(b);
    return NULL;
}

void pc_board_destroy(struct pc_board *b)
{
    if (b == NULL)
        return;
    if (b->vga_present)
        vga_free(&b->vga);
    free(b->vga_rom);
    cpu_destroy(b->cpu);
    ports_destroy(b->ports);
    phys_destroy(b->phys);
    free(b);
}

bool pc_board_serial_input(struct pc_board *b, unsigned port, uint8_t byte)
{
    if (port > 1 || !uart_can_receive(&b->com[port]))
        return false;
    uart_receive(&b->com[port], byte);
    return true;
}

bool pc_board_serial_can_receive(const struct pc_board *b, unsigned port)
{
    return port <= 1 && uart_can_receive(&b->com[port]);
}

struct vga *pc_board_vga(struct pc_board *b)
{
    return b->vga_present ? &b->vga : NULL;
}

void pc_board_key(struct pc_board *b, uint16_t hid_usage, bool pressed)
{
    ps2_kbd_key(&b->kbd, hid_usage, pressed);
}

void pc_board_mouse(struct pc_board *b, int dx, int dy, int dz, unsigned buttons)
{
    ps2_mouse_move(&b->mouse, dx, dy, dz, buttons);
}

/* How many instructions fit before the next event (virtual clock), at
 * least one, at most max. */
static uint64_t insns_until_next_event(struct pc_board *b, uint64_t max)
{
    if (!b->cfg.virtual_clock)
        return max;
    uint64_t deadline = sched_next_deadline(&b->sched), now = sched_now(&b->sched);
    if (deadline == SCHED_NEVER || deadline <= now)
        return deadline == SCHED_NEVER ? max : 1;
    uint64_t n = (deadline - now + PC_BOARD_NS_PER_INSN - 1) / PC_BOARD_NS_PER_INSN;
    return n < max ? n : max;
}

enum pc_board_event pc_board_run(struct pc_board *b, uint64_t max_insns)
{
    if (!b->cfg.virtual_clock)
        board_sync_tsc_realtime(b);
    sched_run_due(&b->sched);
    enum cpu_stop stop = cpu_run(b->cpu, insns_until_next_event(b, max_insns));
    sched_run_due(&b->sched);
    if (b->debug_exit.requested)
        return PC_BOARD_EXIT;
    if (b->power_off)
        return PC_BOARD_POWER_OFF;
    if (b->reset_requested)
        return PC_BOARD_RESET;
    switch (stop) {
    case CPU_STOP_HALT:
        if (!(cpu_get_eflags(b->cpu) & FLAG_IF))
            return PC_BOARD_HALTED_IF_CLEAR;
        /* An event fired after the HLT may have raised INTR already. */
        if (b->cpu->intr_line)
            return PC_BOARD_RUNNING;
        /* No NMI source exists, so a fully masked master 8259 is final -
         * unless the local APIC is on: its timer and the I/O APIC can
         * still wake the CPU. */
        if (b->pic.chip[0].imr == 0xFF && !lapic_software_enabled(&b->lapic))
            return PC_BOARD_HALTED_MASKED;
        return PC_BOARD_IDLE;
    case CPU_STOP_SHUTDOWN:
        return PC_BOARD_SHUTDOWN;
    default:
        return PC_BOARD_RUNNING;
    }
}

uint64_t pc_board_now(const struct pc_board *b)
{
    return sched_now(&b->sched);
}

uint64_t pc_board_next_event(const struct pc_board *b)
{
    return sched_next_deadline(&b->sched);
}

void pc_board_skip_to(struct pc_board *b, uint64_t when)
{
    uint64_t now = sched_now(&b->sched);
    if (!b->cfg.virtual_clock || when == SCHED_NEVER || when <= now)
        return;
    /* Whole instruction times, so the TSC stays exactly now / NS_PER_INSN. */
    uint64_t ticks = (when - now + PC_BOARD_NS_PER_INSN - 1) / PC_BOARD_NS_PER_INSN;
    b->skipped_ns += ticks * PC_BOARD_NS_PER_INSN;
    b->cpu->msr.tsc_offset += ticks;
    sched_run_due(&b->sched);
}

void pc_board_reset(struct pc_board *b)
{
    b->reset_requested = false;
    b->ferr_latch = false;
    i8259_reset(&b->pic);
    i8254_reset(&b->pit);
    port_b_reset(&b->port_b);
    rtc_reset(&b->rtc);
    uart_reset(&b->com[0]);
    uart_reset(&b->com[1]);
    ps2_kbd_reset(&b->kbd);
    ps2_mouse_reset(&b->mouse);
    i8042_reset(&b->kbc);
    port92_reset(&b->port92);
    dma_reset(&b->dma);
    fdc_reset(&b->fdc);
    ata_channel_reset(&b->ide[0]);
    ata_channel_reset(&b->ide[1]);
    i440fx_host_reset(&b->host);
    piix3_reset(&b->piix3);
    piix4_pm_reset(&b->pm);
    lapic_reset(&b->lapic);
    ioapic_reset(&b->ioapic);
    if (b->vga_present)
        vga_reset(&b->vga);
    board_map_lapic(b);
    b->a20_kbc = true;
    b->a20_port92 = false;
    board_set_a20(b);
    cpu_set_intr(b->cpu, false);
    cpu_reset(b->cpu);
    if (b->cfg.kernel_load != NULL) {
        b->cfg.kernel_load(b->cfg.kernel_opaque, b->phys);
        cpu_flush_blocks(b->cpu);
    }
}

uint8_t pc_board_exit_status(const struct pc_board *b)
{
    return b->debug_exit.status;
}

bool pc_board_post_log_failed(const struct pc_board *b)
{
    return b->post.write_failed;
}

struct cpu *pc_board_cpu(struct pc_board *b)
{
    return b->cpu;
}

struct sched *pc_board_sched(struct pc_board *b)
{
    return &b->sched;
}

struct phys_space *pc_board_phys(struct pc_board *b)
{
    return b->phys;
}

struct port_bus *pc_board_ports(struct pc_board *b)
{
    return b->ports;
}
