/*
 * i8042_kbc.h - the 8042 keyboard controller of a PS/2-style PC (ports
 * 60h/64h, IRQ 1 and IRQ 12), with a keyboard port and an auxiliary
 * (mouse) port.
 *
 * Follows A. Brouwer, "Keyboard scancodes", chapter 10 ("The AT keyboard
 * controller": status register, command byte, commands, input and output
 * ports), and the IBM PS/2 Hardware Interface Technical Reference
 * ("Keyboard/Auxiliary Device Controller").
 *
 * Port 64h read: the status (OBF, SYS, A2 = last write was to 64h, INH =
 * 1 "not locked", AUXB = the byte in the output buffer is mouse data;
 * IBF, timeout and parity are always 0: every write is taken at once).
 * Port 64h write: a command.  Port 60h read: the output buffer (reading it
 * empties it, and the next waiting byte moves in).  Port 60h write: the
 * data for a command that takes one (60h-7Fh, D1-D4), else a byte for the
 * keyboard.
 *
 * Commands: 20h-3Fh / 60h-7Fh read/write controller RAM (byte 0 is the
 * command byte: IRQ1 and IRQ12 enable, SYS, keyboard and aux clock
 * disable, XLAT), A4 (F1: no password), A7/A8 aux clock off/on, A9 and AB
 * interface tests (00), AA self test (55, sets SYS), AC diagnostic dump
 * (RAM bytes 0-15, input port, output port, status, as raw bytes), AD/AE
 * keyboard clock off/on, C0 input port (A0h: not locked, no
 * manufacturing jumper), D0/D1 output port (bit 0 low resets the CPU, bit
 * 1 is the A20 gate), D2/D3 write the output buffer as keyboard / mouse
 * data, D4 send a byte to the mouse, DD/DF A20 off/on, E0 test inputs
 * (bit 0 keyboard clock, bit 1 aux clock), F0-FF pulse output port bits
 * 3-0 (a pulse on bit 0, e.g. FE, resets the CPU).  Other commands are
 * ignored.
 *
 * The output buffer takes, in that order, the controller's own answers,
 * then keyboard bytes (unless its clock is disabled), then mouse bytes
 * (likewise).  With XLAT set, keyboard bytes go through the set 2 -> set 1
 * table and an F0 prefix turns into bit 7 of the next byte.  IRQ1 is high
 * while a keyboard (or controller) byte sits in the output buffer and the
 * command byte enables IRQ1; IRQ12 likewise for mouse bytes.  A byte
 * written for the keyboard re-enables the keyboard clock (Brouwer 10.3,
 * command AD: "any keyboard command enables the keyboard again").
 *
 * Not here: the byte timing of the PS/2 wire (bytes move at once), the
 * keyboard-lock input, parity and timeout errors, passwords, the vendor
 * commands (A0-A3, A5, A6, B0-BD, C1-CB), Synaptics multiplexing.  Writing
 * 0 to output port bit 0 (D1) asks for a reset once; the bit then reads 1
 * again, as if the firmware restored it.  A pulse of the A20 bit (F0-FF
 * with bit 1 clear) leaves the gate as it was.
 */
#ifndef SOFTPC_DEVICES_I8042_KBC_H
#define SOFTPC_DEVICES_I8042_KBC_H

#include <stdbool.h>
#include <stdint.h>

#include "devices/irq.h"

struct port_bus;

#define I8042_DATA_PORT 0x60u
#define I8042_CMD_PORT  0x64u

/* Status register (port 64h read). */
#define I8042_STATUS_OBF  0x01u   /* output buffer full */
#define I8042_STATUS_IBF  0x02u   /* input buffer full (never, here) */
#define I8042_STATUS_SYS  0x04u   /* system flag */
#define I8042_STATUS_A2   0x08u   /* last write was a command (port 64h) */
#define I8042_STATUS_INH  0x10u   /* 1: keyboard not inhibited (not locked) */
#define I8042_STATUS_AUXB 0x20u   /* the output buffer holds mouse data */

/* Command byte (controller RAM byte 0). */
#define I8042_CMD_IRQ1     0x01u
#define I8042_CMD_IRQ12    0x02u
#define I8042_CMD_SYS      0x04u
#define I8042_CMD_KBD_OFF  0x10u  /* keyboard clock disabled */
#define I8042_CMD_AUX_OFF  0x20u  /* aux clock disabled */
#define I8042_CMD_XLAT     0x40u

/* Output port bits (D0/D1). */
#define I8042_OUT_RESET  0x01u    /* 0: CPU held in reset */
#define I8042_OUT_A20    0x02u
#define I8042_OUT_IRQ1   0x10u
#define I8042_OUT_IRQ12  0x20u

/* At power-on (as QEMU's pc shows it, so one BIOS runs on both): IRQ1 and
 * IRQ12 enabled, no translation until the BIOS asks; A20 on. */
#define I8042_CMD_BYTE_RESET 0x03u
#define I8042_OUTPORT_RESET  0xCFu

#define I8042_RAM_SIZE 32u
#define I8042_REPLY_QUEUE 24u

/* One PS/2 device as the controller sees it: write sends it a byte, read
 * takes the next byte it has for the host (false: none).  The board fills
 * this with ps2_kbd_write/ps2_kbd_read (or the mouse's) and the device. */
struct i8042_port_dev {
    void *opaque;
    void (*write)(void *opaque, uint8_t byte);
    bool (*read)(void *opaque, uint8_t *byte);
};

struct i8042_config {
    struct irq_line irq1;              /* to the PIC's IRQ 1 */
    struct irq_line irq12;             /* to the PIC's IRQ 12 */
    struct i8042_port_dev kbd;
    struct i8042_port_dev aux;
    void (*set_a20)(void *opaque, bool on);  /* output port bit 1 changed */
    void (*reset)(void *opaque);       /* the CPU reset line was pulsed */
    void *board;                       /* opaque for set_a20 and reset */
};

struct i8042_kbc {
    struct i8042_config cfg;

    uint8_t ram[I8042_RAM_SIZE];   /* ram[0] is the command byte */
    uint8_t outport;               /* bits 0-3, 6-7 as last written */
    bool sys_flag;                 /* status bit 2 */
    bool last_write_cmd;           /* status bit 3 (A2) */
    uint8_t pending;               /* command waiting for a data byte, or 0 */

    uint8_t out;                   /* the output buffer */
    bool out_full;
    bool out_aux;                  /* the byte in it came from the mouse */

    /* The controller's own answers (and D2/D3 bytes): bit 8 = mouse data. */
    uint16_t reply[I8042_REPLY_QUEUE];
    unsigned reply_head;
    unsigned reply_count;

    bool xlat_break;               /* XLAT saw F0: OR 80h into the next byte */
    bool filling;                  /* inside fill_output (devices call back) */
    bool irq1_level;
    bool irq12_level;
};

/* Copies the wiring and resets the controller. */
void i8042_init(struct i8042_kbc *kbc, const struct i8042_config *cfg);
/* Power-on state: command byte 03h, output port CFh, buffers empty, SYS
 * clear.  Calls neither set_a20 nor reset (the board sets its own gate). */
void i8042_reset(struct i8042_kbc *kbc);
/* Claims ports 60h and 64h; false (and nothing claimed) if one is taken. */
bool i8042_attach(struct i8042_kbc *kbc, struct port_bus *pb);

/* The devices' "I have a byte" hooks (pass the kbc as opaque). */
void i8042_kbd_data_ready(void *kbc);
void i8042_aux_data_ready(void *kbc);

/* The port accesses, also for tests and the monitor. */
uint8_t i8042_read_data(struct i8042_kbc *kbc);
uint8_t i8042_read_status(const struct i8042_kbc *kbc);
void i8042_write_data(struct i8042_kbc *kbc, uint8_t value);
void i8042_write_command(struct i8042_kbc *kbc, uint8_t cmd);

#endif
