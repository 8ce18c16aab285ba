/*
 * ns16550_uart.h - the NS16550A UART with FIFOs (National Semiconductor
 * PC16550D datasheet), as COM1 (3F8h, IRQ 4) and COM2 (2F8h, IRQ 3) on a
 * PC.
 *
 * Eight registers at base+0..7: RBR/THR (DLL when LCR.DLAB), IER (DLM),
 * IIR/FCR, LCR, MCR, LSR, MSR, SCR.  16-byte receive FIFO with trigger
 * levels 1/4/8/14; interrupts with the datasheet priorities (receiver
 * line status, received data / character timeout, THR empty, modem
 * status); loopback (MCR bit 4).
 *
 * Transmit is instantaneous: a byte written to THR goes to the backend at
 * once and THRE/TEMT read 1 again straight away.  There is no baud-rate
 * delay because a guest that polls LSR for THRE before each byte (every
 * BIOS and early-boot console does) would otherwise burn emulated time,
 * and host time, per character for no benefit.  So the transmit FIFO is
 * always empty and its trigger/reset bits have nothing to act on.
 *
 * Receive is paced by whoever feeds it (the board, from the host side):
 * it should call uart_receive() only while uart_can_receive() says there
 * is room, so no host input is lost.  The character-timeout interrupt
 * does use the programmed line speed: it fires 4 character times (start,
 * data, parity and stop bits at divisor x 16 / 1.8432 MHz) after the last
 * byte went into or out of the receive FIFO.
 *
 * IRQ output: a PC gates the UART's INTR pin through MCR.OUT2 (the OUT2
 * pin enables the IRQ driver on the board), so `irq` is high only while
 * an enabled interrupt is pending AND MCR.OUT2 is set AND the chip is not
 * in loopback (loopback forces the OUT pins inactive, datasheet MCR bit 4,
 * which on a PC disables the IRQ).  A guest that forgets OUT2 gets no
 * interrupts, as on real hardware.
 *
 * Modem inputs (CTS, DSR, RI, DCD) come from uart_set_modem_inputs();
 * after init CTS, DSR and DCD are asserted, as if a terminal were
 * connected.
 *
 * Not emulated: parity, framing and break conditions on input (the host
 * side delivers bytes, not line signals, so PE/FE/BI and LSR bit 7 never
 * set; only overrun can happen), the break output (LCR bit 6 is stored),
 * DMA mode (FCR bit 3), the transmitter's line timing.
 */
#ifndef SOFTPC_DEVICES_NS16550_UART_H
#define SOFTPC_DEVICES_NS16550_UART_H

#include <stdbool.h>
#include <stdint.h>

#include "devices/irq.h"
#include "devices/sched.h"

struct port_bus;

#define UART_COM1_BASE 0x3F8u
#define UART_COM2_BASE 0x2F8u
#define UART_FIFO_SIZE 16u
#define UART_CLOCK_HZ 1843200u  /* the PC's crystal: divisor 1 = 115200 baud */

/* Register offsets. */
enum {
    UART_RBR = 0, UART_THR = 0, UART_DLL = 0,
    UART_IER = 1, UART_DLM = 1,
    UART_IIR = 2, UART_FCR = 2,
    UART_LCR = 3,
    UART_MCR = 4,
    UART_LSR = 5,
    UART_MSR = 6,
    UART_SCR = 7,
};

#define UART_IER_RDA 0x01u      /* received data available (and timeout) */
#define UART_IER_THRE 0x02u
#define UART_IER_RLS 0x04u      /* receiver line status */
#define UART_IER_MSI 0x08u      /* modem status */

#define UART_IIR_NONE 0x01u     /* bit 0 = 1: no interrupt pending */
#define UART_IIR_RLS 0x06u
#define UART_IIR_RDA 0x04u
#define UART_IIR_TIMEOUT 0x0Cu
#define UART_IIR_THRE 0x02u
#define UART_IIR_MSI 0x00u
#define UART_IIR_FIFOS 0xC0u    /* both bits set while FCR bit 0 is 1 */

#define UART_FCR_ENABLE 0x01u
#define UART_FCR_RX_RESET 0x02u
#define UART_FCR_TX_RESET 0x04u
#define UART_FCR_TRIGGER_MASK 0xC0u

#define UART_LCR_DLAB 0x80u

#define UART_MCR_DTR 0x01u
#define UART_MCR_RTS 0x02u
#define UART_MCR_OUT1 0x04u
#define UART_MCR_OUT2 0x08u
#define UART_MCR_LOOP 0x10u

#define UART_LSR_DR 0x01u
#define UART_LSR_OE 0x02u
#define UART_LSR_PE 0x04u
#define UART_LSR_FE 0x08u
#define UART_LSR_BI 0x10u
#define UART_LSR_THRE 0x20u
#define UART_LSR_TEMT 0x40u
#define UART_LSR_FIFO_ERROR 0x80u

#define UART_MSR_DCTS 0x01u
#define UART_MSR_DDSR 0x02u
#define UART_MSR_TERI 0x04u
#define UART_MSR_DDCD 0x08u
#define UART_MSR_CTS 0x10u
#define UART_MSR_DSR 0x20u
#define UART_MSR_RI 0x40u
#define UART_MSR_DCD 0x80u

/* Where transmitted bytes go; write == NULL drops them. */
struct uart_backend {
    void (*write)(void *opaque, uint8_t byte);
    void *opaque;
};

struct ns16550_uart {
    const char *name;              /* "com1", for the port bus and events */

    /* Programmer-visible registers. */
    uint8_t ier, lcr, mcr, scr;
    uint8_t lsr_errors;            /* OE/PE/FE/BI, cleared by reading LSR */
    uint8_t msr_deltas;            /* DCTS/DDSR/TERI/DDCD, cleared by reading MSR */
    uint8_t modem_inputs;          /* CTS/DSR/RI/DCD from outside (MSR bits 4-7) */
    uint8_t msr_lines;             /* CTS/DSR/RI/DCD as the chip sees them now */
    uint16_t divisor;
    bool fifo_enabled;             /* FCR bit 0 */
    uint8_t rx_trigger;            /* 1, 4, 8 or 14 */

    /* Receive FIFO (depth 1 with FIFOs disabled: the RBR). */
    uint8_t rx_fifo[UART_FIFO_SIZE];
    unsigned rx_head;
    unsigned rx_count;
    uint8_t rbr_last;              /* what RBR reads once the FIFO is empty */

    /* Interrupt state the registers do not show directly. */
    bool thre_pending;             /* set when THR empties, cleared by IIR read or THR write */
    bool timeout_pending;          /* character timeout, cleared by reading RBR */

    struct irq_line irq;
    bool irq_level;
    struct sched *sched;
    struct sched_event timeout_event;
    struct uart_backend backend;
};

/* Sets up the chip (divisor 12 = 9600 baud, scratch 0, modem inputs CTS,
 * DSR and DCD asserted) and resets it.  `irq` may be unwired. */
void uart_init(struct ns16550_uart *u, const char *name, struct sched *sched,
               struct irq_line irq, struct uart_backend backend);

/* The MR (master reset) pin: IER, FCR, LCR, MCR to 0, LSR to 60h, FIFOs
 * emptied, pending interrupts dropped (PC16550D, Table "UART Reset
 * Configuration").  Divisor and scratch register keep their values. */
void uart_reset(struct ns16550_uart *u);

/* Claims ports base..base+7; false if any is taken. */
bool uart_attach(struct ns16550_uart *u, struct port_bus *pb, uint16_t base);

/* Host side of the line.  uart_can_receive() is false while the receive
 * FIFO (or the RBR, FIFOs off) is full or while loopback disconnects the
 * serial input.  uart_receive() with no room does what a real line does:
 * the byte is lost and LSR.OE is set (in loopback the byte is dropped). */
bool uart_can_receive(const struct ns16550_uart *u);
void uart_receive(struct ns16550_uart *u, uint8_t byte);

/* The modem control inputs, as MSR bits 4-7 (UART_MSR_CTS | ...).  Changes
 * set the delta bits (and may interrupt); ignored for MSR while in
 * loopback, where MCR drives those inputs. */
void uart_set_modem_inputs(struct ns16550_uart *u, uint8_t msr_lines);

#endif
