/*
 * pc_board.h - the PC: an i440FX/PIIX3 board with a P6 CPU, RAM, a BIOS
 * image and the chips docs/platform.md lists (8259 pair, 8254, port 61h,
 * RTC/CMOS, 8042 with PS/2 keyboard and mouse, port 92h, 8237 pair,
 * 82077 floppy, two IDE channels, two 16550 UARTs, PCI with the i440FX,
 * PIIX3 and PIIX4 power management, the std VGA card), the local APIC and
 * the I/O APIC, the POST port, the debug console and the debug-exit port.
 * Interrupts: every ISA line goes to the 8259 pair, whose INTR is the
 * local APIC's LINT0 (ExtINT), and to the I/O APIC (IRQ 0 on pin 2).
 *
 * The board owns time: one event scheduler whose clock is either the
 * instruction count (virtual) or the host's (realtime), and the run slice
 * that stops the CPU at the next event.  It fills CMOS from its
 * configuration and, for a direct Linux boot, loads the kernel at power-on
 * and at every reset.
 *
 * What is not on it: NMI, SMM, ISA option ROMs (C0000-DFFFF is RAM; the
 * BIOS copies PCI expansion ROMs there), PCI interrupts into I/O APIC
 * pins 16-23 (PCI INTx reaches the I/O APIC through the PIRQ-routed ISA
 * IRQ), write-protecting C0000-DFFFF through PAM.
 */
#ifndef SOFTPC_DEVICES_PC_BOARD_H
#define SOFTPC_DEVICES_PC_BOARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct cpu;
struct phys_space;
struct port_bus;

#define PC_BOARD_MIN_RAM_MIB 1u
/* RAM stays below 3 GiB, where a PC's PCI memory hole starts. */
#define PC_BOARD_MAX_RAM_MIB 3072u
#define PC_BOARD_BIOS_UNIT (64u * 1024u)
#define PC_BOARD_BIOS_MAX (1024u * 1024u)
#define PC_BOARD_ISA_BIOS_MAX (128u * 1024u)

/* Emulated time per instruction under --clock virtual: a 100 MHz CPU
 * that retires one instruction per clock.  The TSC counts at this rate
 * in both clock modes. */
#define PC_BOARD_NS_PER_INSN 10u
#define PC_BOARD_TSC_HZ (1000000000u / PC_BOARD_NS_PER_INSN)

struct disk_image;
struct vga;
struct uart_backend;

struct pc_board_config {
    uint32_t ram_mib;
    const uint8_t *bios;   /* copied: the caller may free it afterwards */
    size_t bios_size;
    FILE *post_log;        /* may be NULL; the board writes, never closes */
    FILE *debugcon;        /* port 0xE9 output; may be NULL, never closed here */

    /* Time.  virtual_clock: time from the instruction count (see
     * PC_BOARD_NS_PER_INSN); otherwise host_ns() (monotonic, any origin)
     * drives it.  rtc_start: the RTC's wall time at power-on, seconds since
     * 1970 UTC. */
    bool virtual_clock;
    uint64_t (*host_ns)(void);
    uint64_t rtc_start;

    /* Drives: hd[0..3] = IDE primary master/slave, secondary master/slave;
     * fd[0..1] = A:, B:.  NULL = absent.  The board does not own them. */
    struct disk_image *hd[4];
    struct disk_image *fd[2];
    uint8_t boot_order[3]; /* CMOS codes: 1 floppy, 2 hard disk, 0 end */

    /* Where COM1/COM2 output goes (a NULL write function: nowhere). */
    void (*com_write[2])(void *opaque, uint8_t byte);
    void *com_opaque[2];

    /* The PCI VGA card (devices/vga.h) at 02.0, with vga_rom (may be NULL:
     * no expansion ROM; copied) as its VGA BIOS.  serial_mirror sets CMOS
     * 85h bit 0: the BIOS copies INT 10h teletype output to COM1 even with
     * a video ROM (a run without a window). */
    bool vga;
    const uint8_t *vga_rom;
    size_t vga_rom_size;
    bool serial_mirror;

    /* Direct kernel boot: load() puts the kernel into RAM at power-on and
     * at every reset; the BIOS enters setup_segment:0 with SP = setup_sp. */
    void (*kernel_load)(void *opaque, struct phys_space *ps);
    void *kernel_opaque;
    uint16_t kernel_setup_segment, kernel_setup_sp;
};

/* Why pc_board_run returned. */
enum pc_board_event {
    PC_BOARD_RUNNING,        /* the slice was used up: run again */
    PC_BOARD_EXIT,           /* the guest wrote the debug-exit port */
    PC_BOARD_HALTED_IF_CLEAR,/* HLT with IF = 0: nothing can wake the CPU */
    PC_BOARD_HALTED_MASKED,  /* HLT with IF = 1, but the master 8259 masks
                                every input: nothing can wake the CPU */
    PC_BOARD_IDLE,           /* HLT with IF = 1: waiting for the next event
                                (pc_board_next_event) or for host input */
    PC_BOARD_SHUTDOWN,       /* triple fault; pc_board_reset reboots */
    PC_BOARD_RESET,          /* the guest asked for a reset (8042, 92h, CF9h) */
    PC_BOARD_POWER_OFF,      /* the guest entered ACPI S5 */
};

struct pc_board;

/* NULL if the image size is acceptable, else what is wrong with it, a
 * phrase that follows "BIOS image" in a message ("is empty"). */
const char *pc_board_bios_size_problem(size_t size);

/* NULL if the configuration is invalid or memory runs out. */
struct pc_board *pc_board_create(const struct pc_board_config *cfg);
void pc_board_destroy(struct pc_board *b);

/* Runs at most max_insns instructions, firing the events that come due. */
enum pc_board_event pc_board_run(struct pc_board *b, uint64_t max_insns);
/* The reset line: every chip and the CPU reset, the CPU restarts at
 * F000:FFF0; RAM keeps its contents (as on a PC's warm reset, and in
 * QEMU); a direct-boot kernel is loaded again. */
void pc_board_reset(struct pc_board *b);

/* Emulated time now, and the deadline of the next event (SCHED_NEVER if
 * none), in ns. */
uint64_t pc_board_now(const struct pc_board *b);
uint64_t pc_board_next_event(const struct pc_board *b);
/* --clock virtual, while PC_BOARD_IDLE: jump emulated time forward to
 * `when` (the TSC goes with it) and fire what is due. */
void pc_board_skip_to(struct pc_board *b, uint64_t when);
/* Host input: a byte typed for COM1 (false: the UART's FIFO is full,
 * offer it again later). */
bool pc_board_serial_input(struct pc_board *b, unsigned port, uint8_t byte);
bool pc_board_serial_can_receive(const struct pc_board *b, unsigned port);
/* Host input for the PS/2 devices: a key by USB HID usage (page 7, see
 * ps2_scancodes.h) going down or up, and mouse motion as ps2_mouse_move
 * takes it: dx right, dy UP (PS/2's convention; a screen's y grows
 * down, so a window negates it), dz positive = wheel towards the user,
 * buttons PS2_MOUSE_* bits (left 1, right 2, middle 4, 4th 8, 5th 10h). */
void pc_board_key(struct pc_board *b, uint16_t hid_usage, bool pressed);
void pc_board_mouse(struct pc_board *b, int dx, int dy, int dz, unsigned buttons);

/* After PC_BOARD_EXIT: the process exit status the guest asked for. */
uint8_t pc_board_exit_status(const struct pc_board *b);
/* True if writing the POST log has failed at some point. */
bool pc_board_post_log_failed(const struct pc_board *b);

/* The VGA card, NULL when the configuration has none. */
struct vga *pc_board_vga(struct pc_board *b);
struct cpu *pc_board_cpu(struct pc_board *b);
struct sched *pc_board_sched(struct pc_board *b);
struct phys_space *pc_board_phys(struct pc_board *b);
struct port_bus *pc_board_ports(struct pc_board *b);

#endif
