/*
 * i8042_kbc.c - the 8042 keyboard controller (the model and what it
 * leaves out are in i8042_kbc.h).
 *
 * Everything happens at the moment of the port access: a command's
 * answer is queued and moves into the output buffer as soon as the buffer
 * is empty, a byte written for a device reaches it at once, and the
 * device's answer comes back through its data_ready hook.  fill_output is
 * the one place a byte enters the output buffer; devices may call back
 * into it while it reads from them, hence the `filling` guard.
 */
#include "devices/i8042_kbc.h"

#include <string.h>

#include "devices/ps2_scancodes.h"
#include "mem/io_ops.h"
#include "mem/ports.h"

/* Controller commands (Brouwer 10.3). */
enum {
    KBC_READ_RAM_FIRST = 0x20,
    KBC_READ_RAM_LAST = 0x3F,
    KBC_WRITE_RAM_FIRST = 0x60,
    KBC_WRITE_RAM_LAST = 0x7F,
    KBC_PASSWORD_INSTALLED = 0xA4,
    KBC_AUX_DISABLE = 0xA7,
    KBC_AUX_ENABLE = 0xA8,
    KBC_AUX_TEST = 0xA9,
    KBC_SELF_TEST = 0xAA,
    KBC_KBD_TEST = 0xAB,
    KBC_DIAG_DUMP = 0xAC,
    KBC_KBD_DISABLE = 0xAD,
    KBC_KBD_ENABLE = 0xAE,
    KBC_READ_INPUT = 0xC0,
    KBC_READ_OUTPUT = 0xD0,
    KBC_WRITE_OUTPUT = 0xD1,
    KBC_WRITE_KBD_OBUF = 0xD2,
    KBC_WRITE_AUX_OBUF = 0xD3,
    KBC_WRITE_AUX = 0xD4,
    KBC_A20_OFF = 0xDD,
    KBC_A20_ON = 0xDF,
    KBC_READ_TEST = 0xE0,
    KBC_PULSE_FIRST = 0xF0,
};

#define SELF_TEST_OK 0x55u
#define NO_PASSWORD 0xF1u
#define INPUT_PORT 0xA0u   /* bit 7 not locked, bit 5 no manufacturing jumper */
#define REPLY_AUX 0x100u

/* ---- IRQ lines and the output buffer ---------------------------------- */

static void update_irqs(struct i8042_kbc *kbc)
{
    uint8_t cmd = kbc->ram[0];
    bool irq1 = kbc->out_full && !kbc->out_aux && (cmd & I8042_CMD_IRQ1);
    bool irq12 = kbc->out_full && kbc->out_aux && (cmd & I8042_CMD_IRQ12);
    if (irq1 != kbc->irq1_level) {
        kbc->irq1_level = irq1;
        irq_set(&kbc->cfg.irq1, irq1);
    }
    if (irq12 != kbc->irq12_level) {
        kbc->irq12_level = irq12;
        irq_set(&kbc->cfg.irq12, irq12);
    }
}

static bool device_read(const struct i8042_port_dev *dev, uint8_t *byte)
{
    return dev->read != NULL && dev->read(dev->opaque, byte);
}

/* One keyboard byte through XLAT; false if it was an F0 prefix (which
 * produces nothing yet). */
static bool translate(struct i8042_kbc *kbc, uint8_t *byte)
{
    if (!(kbc->ram[0] & I8042_CMD_XLAT))
        return true;
    if (*byte == 0xF0) {
        kbc->xlat_break = true;
        return false;
    }
    *byte = (uint8_t)(ps2_translate_set2_byte(*byte) | (kbc->xlat_break ? 0x80 : 0));
    kbc->xlat_break = false;
    return true;
}

static void load_output(struct i8042_kbc *kbc, uint8_t byte, bool aux)
{
    kbc->out = byte;
    kbc->out_full = true;
    kbc->out_aux = aux;
}

static void fill_output(struct i8042_kbc *kbc)
{
    if (kbc->filling)
        return;
    kbc->filling = true;
    uint8_t byte;
    while (!kbc->out_full) {
        if (kbc->reply_count != 0) {
            uint16_t r = kbc->reply[kbc->reply_head];
            kbc->reply_head = (kbc->reply_head + 1) % I8042_REPLY_QUEUE;
            kbc->reply_count--;
            load_output(kbc, (uint8_t)r, (r & REPLY_AUX) != 0);
        } else if (!(kbc->ram[0] & I8042_CMD_KBD_OFF) && device_read(&kbc->cfg.kbd, &byte)) {
            if (translate(kbc, &byte))
                load_output(kbc, byte, false);
        } else if (!(kbc->ram[0] & I8042_CMD_AUX_OFF) && device_read(&kbc->cfg.aux, &byte)) {
            load_output(kbc, byte, true);
        } else {
            break;
        }
    }
    kbc->filling = false;
    update_irqs(kbc);
}

/* The controller's answer to a command; a full queue (a guest that never
 * reads) drops the answer rather than an older one. */
static void reply(struct i8042_kbc *kbc, uint8_t byte, bool aux)
{
    if (kbc->reply_count < I8042_REPLY_QUEUE) {
        unsigned tail = (kbc->reply_head + kbc->reply_count) % I8042_REPLY_QUEUE;
        kbc->reply[tail] = (uint16_t)(byte | (aux ? REPLY_AUX : 0));
        kbc->reply_count++;
    }
    fill_output(kbc);
}

void i8042_kbd_data_ready(void *opaque)
{
    fill_output(opaque);
}

void i8042_aux_data_ready(void *opaque)
{
    fill_output(opaque);
}

/* ---- output port ----------------------------------------------------- */

static void set_a20(struct i8042_kbc *kbc, bool on)
{
    bool was = (kbc->outport & I8042_OUT_A20) != 0;
    if (on)
        kbc->outport |= I8042_OUT_A20;
    else
        kbc->outport &= (uint8_t)~I8042_OUT_A20;
    if (on != was && kbc->cfg.set_a20 != NULL)
        kbc->cfg.set_a20(kbc->cfg.board, on);
}

static void pulse_reset(struct i8042_kbc *kbc)
{
    if (kbc->cfg.reset != NULL)
        kbc->cfg.reset(kbc->cfg.board);
}

static void write_output_port(struct i8042_kbc *kbc, uint8_t value)
{
    /* Bits 4 and 5 show the IRQ outputs and are not latched; bit 0 reads
     * back 1 (see the header). */
    kbc->outport = (uint8_t)((kbc->outport & I8042_OUT_A20) | (value & 0xCC) | I8042_OUT_RESET);
    set_a20(kbc, (value & I8042_OUT_A20) != 0);
    if (!(value & I8042_OUT_RESET))
        pulse_reset(kbc);
}

static uint8_t read_output_port(const struct i8042_kbc *kbc)
{
    uint8_t v = kbc->outport & 0xCF;
    if (kbc->out_full && !kbc->out_aux)
        v |= I8042_OUT_IRQ1;
    if (kbc->out_full && kbc->out_aux)
        v |= I8042_OUT_IRQ12;
    return v;
}

/* ---- commands --------------------------------------------------------- */

static void write_command_byte(struct i8042_kbc *kbc, uint8_t value)
{
    kbc->ram[0] = value & 0x7F;   /* bit 7 is always 0 (Brouwer 10.2) */
    kbc->sys_flag = (value & I8042_CMD_SYS) != 0;
    if (!(value & I8042_CMD_XLAT))
        kbc->xlat_break = false;
    fill_output(kbc);             /* a clock may have been enabled; IRQs recomputed */
}

static void set_command_bits(struct i8042_kbc *kbc, uint8_t set, uint8_t clear)
{
    kbc->ram[0] = (uint8_t)((kbc->ram[0] | set) & ~clear);
    fill_output(kbc);
}

static void diagnostic_dump(struct i8042_kbc *kbc)
{
    for (unsigned i = 0; i < 16; i++)
        reply(kbc, kbc->ram[i], false);
    reply(kbc, INPUT_PORT, false);
    reply(kbc, read_output_port(kbc), false);
    reply(kbc, i8042_read_status(kbc), false);
}

static uint8_t test_inputs(const struct i8042_kbc *kbc)
{
    uint8_t v = 0;
    if (!(kbc->ram[0] & I8042_CMD_KBD_OFF))
        v |= 0x01;   /* T0: keyboard clock (high = not inhibited) */
    if (!(kbc->ram[0] & I8042_CMD_AUX_OFF))
        v |= 0x02;   /* T1 on PS/2: aux clock */
    return v;
}

void i8042_write_command(struct i8042_kbc *kbc, uint8_t cmd)
{
    kbc->last_write_cmd = true;
    kbc->pending = 0;
    if (cmd >= KBC_READ_RAM_FIRST && cmd <= KBC_READ_RAM_LAST) {
        reply(kbc, kbc->ram[cmd & 0x1F], false);
        return;
    }
    if (cmd >= KBC_PULSE_FIRST) {
        /* Low nibble: 0 = pulse that output port bit (Brouwer 10.3). */
        if (!(cmd & I8042_OUT_RESET))
            pulse_reset(kbc);
        return;
    }
    switch (cmd) {
    case KBC_PASSWORD_INSTALLED:
        reply(kbc, NO_PASSWORD, false);
        break;
    case KBC_AUX_DISABLE:
        set_command_bits(kbc, I8042_CMD_AUX_OFF, 0);
        break;
    case KBC_AUX_ENABLE:
        set_command_bits(kbc, 0, I8042_CMD_AUX_OFF);
        break;
    case KBC_AUX_TEST:
    case KBC_KBD_TEST:
        reply(kbc, 0x00, false);
        break;
    case KBC_SELF_TEST:
        kbc->sys_flag = true;
        reply(kbc, SELF_TEST_OK, false);
        break;
    case KBC_DIAG_DUMP:
        diagnostic_dump(kbc);
        break;
    case KBC_KBD_DISABLE:
        set_command_bits(kbc, I8042_CMD_KBD_OFF, 0);
        break;
    case KBC_KBD_ENABLE:
        set_command_bits(kbc, 0, I8042_CMD_KBD_OFF);
        break;
    case KBC_READ_INPUT:
        reply(kbc, INPUT_PORT, false);
        break;
    case KBC_READ_OUTPUT:
        reply(kbc, read_output_port(kbc), false);
        break;
    case KBC_WRITE_OUTPUT:
    case KBC_WRITE_KBD_OBUF:
    case KBC_WRITE_AUX_OBUF:
    case KBC_WRITE_AUX:
        kbc->pending = cmd;
        break;
    case KBC_A20_OFF:
        set_a20(kbc, false);
        break;
    case KBC_A20_ON:
        set_a20(kbc, true);
        break;
    case KBC_READ_TEST:
        reply(kbc, test_inputs(kbc), false);
        break;
    default:
        if (cmd >= KBC_WRITE_RAM_FIRST && cmd <= KBC_WRITE_RAM_LAST)
            kbc->pending = cmd;
        break;   /* anything else: ignored */
    }
}

static void send_to_device(const struct i8042_port_dev *dev, uint8_t byte)
{
    if (dev->write != NULL)
        dev->write(dev->opaque, byte);
}

void i8042_write_data(struct i8042_kbc *kbc, uint8_t value)
{
    uint8_t cmd = kbc->pending;
    kbc->last_write_cmd = false;
    kbc->pending = 0;
    if (cmd >= KBC_WRITE_RAM_FIRST && cmd <= KBC_WRITE_RAM_LAST) {
        if (cmd == KBC_WRITE_RAM_FIRST)
            write_command_byte(kbc, value);
        else
            kbc->ram[cmd & 0x1F] = value;
        return;
    }
    switch (cmd) {
    case KBC_WRITE_OUTPUT:
        write_output_port(kbc, value);
        break;
    case KBC_WRITE_KBD_OBUF:
        reply(kbc, value, false);
        break;
    case KBC_WRITE_AUX_OBUF:
        reply(kbc, value, true);
        break;
    case KBC_WRITE_AUX:
        send_to_device(&kbc->cfg.aux, value);
        break;
    default:
        /* The 8042 drives the keyboard clock to send, which enables it. */
        kbc->ram[0] &= (uint8_t)~I8042_CMD_KBD_OFF;
        send_to_device(&kbc->cfg.kbd, value);
        fill_output(kbc);
        break;
    }
}

uint8_t i8042_read_data(struct i8042_kbc *kbc)
{
    uint8_t v = kbc->out;
    if (kbc->out_full) {
        kbc->out_full = false;
        update_irqs(kbc);   /* the line drops before the next byte raises it */
        fill_output(kbc);
    }
    return v;
}

uint8_t i8042_read_status(const struct i8042_kbc *kbc)
{
    uint8_t s = I8042_STATUS_INH;
    if (kbc->out_full)
        s |= I8042_STATUS_OBF;
    if (kbc->out_full && kbc->out_aux)
        s |= I8042_STATUS_AUXB;
    if (kbc->sys_flag)
        s |= I8042_STATUS_SYS;
    if (kbc->last_write_cmd)
        s |= I8042_STATUS_A2;
    return s;
}

/* ---- ports and life cycle ----------------------------------------------- */

static uint32_t kbc_data_read(void *state, uint32_t offset, unsigned size)
{
    (void)offset;
    (void)size;
    return i8042_read_data(state);
}

static void kbc_data_write(void *state, uint32_t offset, unsigned size, uint32_t value)
{
    (void)offset;
    (void)size;
    i8042_write_data(state, (uint8_t)value);
}

static uint32_t kbc_status_read(void *state, uint32_t offset, unsigned size)
{
    (void)offset;
    (void)size;
    return i8042_read_status(state);
}

static void kbc_command_write(void *state, uint32_t offset, unsigned size, uint32_t value)
{
    (void)offset;
    (void)size;
    i8042_write_command(state, (uint8_t)value);
}

static const struct io_ops kbc_data_ops = {
    .read = kbc_data_read,
    .write = kbc_data_write,
    .sizes = IO_SIZE_8,
};

static const struct io_ops kbc_cmd_ops = {
    .read = kbc_status_read,
    .write = kbc_command_write,
    .sizes = IO_SIZE_8,
};

bool i8042_attach(struct i8042_kbc *kbc, struct port_bus *pb)
{
    if (!ports_register(pb, "i8042-data", I8042_DATA_PORT, 1, &kbc_data_ops, kbc))
        return false;
    if (!ports_register(pb, "i8042-cmd", I8042_CMD_PORT, 1, &kbc_cmd_ops, kbc)) {
        ports_unregister(pb, I8042_DATA_PORT, 1);
        return false;
    }
    return true;
}

void i8042_reset(struct i8042_kbc *kbc)
{
    memset(kbc->ram, 0, sizeof kbc->ram);
    kbc->ram[0] = I8042_CMD_BYTE_RESET;
    kbc->outport = I8042_OUTPORT_RESET;
    kbc->sys_flag = false;
    kbc->last_write_cmd = true;
    kbc->pending = 0;
    kbc->out = 0;
    kbc->out_full = false;
    kbc->out_aux = false;
    kbc->reply_head = 0;
    kbc->reply_count = 0;
    kbc->xlat_break = false;
    kbc->filling = false;
    update_irqs(kbc);
}

void i8042_init(struct i8042_kbc *kbc, const struct i8042_config *cfg)
{
    memset(kbc, 0, sizeof *kbc);
    kbc->cfg = *cfg;
    i8042_reset(kbc);
}
