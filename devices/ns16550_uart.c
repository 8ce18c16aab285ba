/*
 * ns16550_uart.c - the NS16550A UART (the model is in ns16550_uart.h).
 *
 * The interrupt sources are kept as the conditions the datasheet defines
 * them by (PC16550D, Table "Interrupt Control Functions") and the IIR is
 * computed from them on every read, so priorities cannot drift from the
 * state.  The IRQ line is recomputed after every register access and
 * every host-side event, and only driven when its level changes.
 */
#include "devices/ns16550_uart.h"

#include "mem/io_ops.h"
#include "mem/ports.h"

/* ---- receive FIFO -------------------------------------------------------- */

static unsigned uart_rx_capacity(const struct ns16550_uart *u)
{
    return u->fifo_enabled ? UART_FIFO_SIZE : 1u;
}

static void uart_rx_clear(struct ns16550_uart *u)
{
    u->rx_head = 0;
    u->rx_count = 0;
    u->timeout_pending = false;
    sched_cancel(u->sched, &u->timeout_event);
}

/* One character time in ns at the programmed divisor and frame (start
 * bit, 5-8 data bits, optional parity, 1, 1.5 or 2 stop bits), counted in
 * half bits for the 1.5.  Divisor 0 is not a valid setting; it is taken
 * as 65536, the longest, so a guest cannot make the timer spin. */
static uint64_t uart_char_time_ns(const struct ns16550_uart *u)
{
    unsigned data_bits = 5u + (u->lcr & 0x03u);
    unsigned parity = (u->lcr & 0x08u) ? 1u : 0u;
    unsigned stop_halves = (u->lcr & 0x04u) ? (data_bits == 5 ? 3u : 4u) : 2u;
    uint64_t half_bits = 2u * (1u + data_bits + parity) + stop_halves;
    uint64_t divisor = u->divisor != 0 ? u->divisor : 65536u;
    return half_bits * 16u * divisor * SCHED_NS_PER_SEC / (2u * UART_CLOCK_HZ);
}

/* The timeout timer restarts whenever a byte goes into or out of the FIFO
 * (PC16550D, "FIFO Interrupt Mode Operation"). */
static void uart_restart_timeout(struct ns16550_uart *u)
{
    if (u->fifo_enabled && u->rx_count > 0)
        sched_arm_in(u->sched, &u->timeout_event, 4u * uart_char_time_ns(u));
    else
        sched_cancel(u->sched, &u->timeout_event);
}

static void uart_rx_push(struct ns16550_uart *u, uint8_t byte)
{
    if (u->rx_count >= uart_rx_capacity(u)) {
        /* Overrun: with FIFOs the byte in the shift register is lost; without,
         * it overwrites the unread RBR (PC16550D, LSR bit 1). */
        u->lsr_errors |= UART_LSR_OE;
        if (!u->fifo_enabled)
            u->rx_fifo[u->rx_head] = byte;
        return;
    }
    u->rx_fifo[(u->rx_head + u->rx_count) % UART_FIFO_SIZE] = byte;
    u->rx_count++;
    uart_restart_timeout(u);
}

static uint8_t uart_rx_pop(struct ns16550_uart *u)
{
    if (u->rx_count > 0) {
        u->rbr_last = u->rx_fifo[u->rx_head];
        u->rx_head = (u->rx_head + 1u) % UART_FIFO_SIZE;
        u->rx_count--;
    }
    u->timeout_pending = false;
    uart_restart_timeout(u);
    return u->rbr_last;
}

/* ---- modem lines ----------------------------------------------------------- */

/* In loopback the outputs feed the inputs: RTS->CTS, DTR->DSR, OUT1->RI,
 * OUT2->DCD (PC16550D, MCR bit 4). */
static uint8_t uart_modem_lines_now(const struct ns16550_uart *u)
{
    if (!(u->mcr & UART_MCR_LOOP))
        return u->modem_inputs;
    uint8_t lines = 0;
    if (u->mcr & UART_MCR_RTS)
        lines |= UART_MSR_CTS;
    if (u->mcr & UART_MCR_DTR)
        lines |= UART_MSR_DSR;
    if (u->mcr & UART_MCR_OUT1)
        lines |= UART_MSR_RI;
    if (u->mcr & UART_MCR_OUT2)
        lines |= UART_MSR_DCD;
    return lines;
}

/* Sets the delta bits for what changed; RI reports only its trailing
 * edge (ring ended: MSR bit 6 going from 1 to 0). */
static void uart_refresh_modem_lines(struct ns16550_uart *u)
{
    uint8_t now = uart_modem_lines_now(u);
    uint8_t changed = now ^ u->msr_lines;
    if (changed & UART_MSR_CTS)
        u->msr_deltas |= UART_MSR_DCTS;
    if (changed & UART_MSR_DSR)
        u->msr_deltas |= UART_MSR_DDSR;
    if (changed & UART_MSR_DCD)
        u->msr_deltas |= UART_MSR_DDCD;
    if ((changed & UART_MSR_RI) && !(now & UART_MSR_RI))
        u->msr_deltas |= UART_MSR_TERI;
    u->msr_lines = now;
}

/* ---- interrupts -------------------------------------------------------------- */

/* The highest-priority enabled source, as IIR bits 3-0. */
static uint8_t uart_pending_source(const struct ns16550_uart *u)
{
    bool data_ready = u->fifo_enabled ? u->rx_count >= u->rx_trigger : u->rx_count > 0;
    if ((u->ier & UART_IER_RLS) && u->lsr_errors != 0)
        return UART_IIR_RLS;
    if ((u->ier & UART_IER_RDA) && data_ready)
        return UART_IIR_RDA;
    if ((u->ier & UART_IER_RDA) && u->timeout_pending)
        return UART_IIR_TIMEOUT;
    if ((u->ier & UART_IER_THRE) && u->thre_pending)
        return UART_IIR_THRE;
    if ((u->ier & UART_IER_MSI) && u->msr_deltas != 0)
        return UART_IIR_MSI;
    return UART_IIR_NONE;
}

static void uart_update_irq(struct ns16550_uart *u)
{
    bool gated_on = (u->mcr & UART_MCR_OUT2) && !(u->mcr & UART_MCR_LOOP);
    bool level = gated_on && uart_pending_source(u) != UART_IIR_NONE;
    if (level != u->irq_level) {
        u->irq_level = level;
        irq_set(&u->irq, level);
    }
}

static void uart_timeout_fired(void *opaque)
{
    struct ns16550_uart *u = opaque;
    if (u->fifo_enabled && u->rx_count > 0)
        u->timeout_pending = true;
    uart_update_irq(u);
}

/* ---- transmit ---------------------------------------------------------------- */

/* The byte leaves at once, so THR is empty again by the time the write
 * returns: the THRE interrupt the write cleared is pending again. */
static void uart_transmit(struct ns16550_uart *u, uint8_t byte)
{
    u->thre_pending = false;
    if (u->mcr & UART_MCR_LOOP)
        uart_rx_push(u, byte);
    else if (u->backend.write != NULL)
        u->backend.write(u->backend.opaque, byte);
    u->thre_pending = true;
}

/* ---- registers ------------------------------------------------------------------ */

static void uart_write_fcr(struct ns16550_uart *u, uint8_t value)
{
    static const uint8_t triggers[4] = { 1, 4, 8, 14 };
    bool enable = (value & UART_FCR_ENABLE) != 0;
    if (enable != u->fifo_enabled)
        uart_rx_clear(u); /* switching modes empties the FIFOs */
    u->fifo_enabled = enable;
    /* The other bits only take when bit 0 is written as 1 (PC16550D, FCR). */
    if (!enable)
        return;
    if (value & UART_FCR_RX_RESET)
        uart_rx_clear(u);
    u->rx_trigger = triggers[(value & UART_FCR_TRIGGER_MASK) >> 6];
}

static uint8_t uart_read_reg(struct ns16550_uart *u, unsigned reg)
{
    bool dlab = (u->lcr & UART_LCR_DLAB) != 0;
    switch (reg) {
    case UART_RBR:
        return dlab ? (uint8_t)u->divisor : uart_rx_pop(u);
    case UART_IER:
        return dlab ? (uint8_t)(u->divisor >> 8) : u->ier;
    case UART_IIR: {
        uint8_t source = uart_pending_source(u);
        if (source == UART_IIR_THRE)
            u->thre_pending = false;
        return (uint8_t)(source | (u->fifo_enabled ? UART_IIR_FIFOS : 0));
    }
    case UART_LCR:
        return u->lcr;
    case UART_MCR:
        return u->mcr;
    case UART_LSR: {
        uint8_t lsr = (uint8_t)(UART_LSR_THRE | UART_LSR_TEMT | u->lsr_errors);
        if (u->rx_count > 0)
            lsr |= UART_LSR_DR;
        u->lsr_errors = 0;
        return lsr;
    }
    case UART_MSR: {
        uint8_t msr = (uint8_t)(u->msr_lines | u->msr_deltas);
        u->msr_deltas = 0;
        return msr;
    }
    default:
        return u->scr;
    }
}

static void uart_write_reg(struct ns16550_uart *u, unsigned reg, uint8_t value)
{
    bool dlab = (u->lcr & UART_LCR_DLAB) != 0;
    switch (reg) {
    case UART_THR:
        if (dlab)
            u->divisor = (uint16_t)((u->divisor & 0xFF00u) | value);
        else
            uart_transmit(u, value);
        break;
    case UART_IER:
        if (dlab) {
            u->divisor = (uint16_t)((u->divisor & 0x00FFu) | (unsigned)value << 8);
        } else {
            u->ier = value & 0x0Fu;
            /* Enabling THRE interrupts while THR is empty (here it always
             * is) interrupts at once; drivers probe for exactly this. */
            if (u->ier & UART_IER_THRE)
                u->thre_pending = true;
        }
        break;
    case UART_FCR:
        uart_write_fcr(u, value);
        break;
    case UART_LCR:
        u->lcr = value;
        break;
    case UART_MCR:
        u->mcr = value & 0x1Fu;
        uart_refresh_modem_lines(u);
        break;
    case UART_LSR:
    case UART_MSR:
        break; /* factory-test writes; ignored */
    default:
        u->scr = value;
        break;
    }
}

static uint32_t uart_port_read(void *state, uint32_t offset, unsigned size)
{
    (void)size;
    struct ns16550_uart *u = state;
    uint8_t value = uart_read_reg(u, offset & 7u);
    uart_update_irq(u);
    return value;
}

static void uart_port_write(void *state, uint32_t offset, unsigned size, uint32_t value)
{
    (void)size;
    struct ns16550_uart *u = state;
    uart_write_reg(u, offset & 7u, (uint8_t)value);
    uart_update_irq(u);
}

static const struct io_ops uart_ops = {
    .read = uart_port_read,
    .write = uart_port_write,
    .sizes = IO_SIZE_8,
};

/* ---- board side ------------------------------------------------------------------ */

bool uart_can_receive(const struct ns16550_uart *u)
{
    return !(u->mcr & UART_MCR_LOOP) && u->rx_count < uart_rx_capacity(u);
}

void uart_receive(struct ns16550_uart *u, uint8_t byte)
{
    if (u->mcr & UART_MCR_LOOP)
        return; /* the serial input is disconnected in loopback */
    uart_rx_push(u, byte);
    uart_update_irq(u);
}

void uart_set_modem_inputs(struct ns16550_uart *u, uint8_t msr_lines)
{
    u->modem_inputs = msr_lines & 0xF0u;
    uart_refresh_modem_lines(u);
    uart_update_irq(u);
}

bool uart_attach(struct ns16550_uart *u, struct port_bus *pb, uint16_t base)
{
    return ports_register(pb, u->name, base, 8, &uart_ops, u);
}

void uart_reset(struct ns16550_uart *u)
{
    u->ier = 0;
    u->lcr = 0;
    u->mcr = 0;
    u->fifo_enabled = false;
    u->rx_trigger = 1;
    uart_rx_clear(u);
    u->lsr_errors = 0;
    u->thre_pending = false;
    u->msr_lines = uart_modem_lines_now(u);
    u->msr_deltas = 0;
    uart_update_irq(u);
}

void uart_init(struct ns16550_uart *u, const char *name, struct sched *sched,
               struct irq_line irq, struct uart_backend backend)
{
    *u = (struct ns16550_uart){
        .name = name,
        .divisor = 12,
        .modem_inputs = UART_MSR_CTS | UART_MSR_DSR | UART_MSR_DCD,
        .irq = irq,
        .sched = sched,
        .backend = backend,
    };
    sched_event_init(&u->timeout_event, name, uart_timeout_fired, u);
    irq_lower(&u->irq);
    uart_reset(u);
}
