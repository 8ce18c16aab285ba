/*
 * piix4_pm.c - PIIX4 power management: PCI function 01.3, the ACPI PM I/O
 * block and the APM control ports (the model is in piix4_pm.h).
 *
 * Time: the PM timer is floor(t * 3579545 / 10^9) for t = sched_now() in
 * ns, computed by splitting t into whole seconds and the rest so nothing
 * overflows 64 bits and nothing is rounded twice.  TMROF_STS is derived
 * from the same count: it sets whenever (ticks >> 23) has moved since it
 * was last looked at, i.e. bit 23 toggled.
 */
#include "devices/piix4_pm.h"

#include <stddef.h>

#include "mem/io_ops.h"
#include "mem/le.h"
#include "mem/ports.h"

#define PIIX4_PM_VENDOR 0x8086u
#define PIIX4_PM_DEVICE 0x7113u
#define PIIX4_PM_REVISION 0x03u
#define PIIX4_PM_CLASS 0x068000u   /* bridge, other */

#define PIIX4_PM_PMBA_MASK 0xFFC0u /* bits 15:6 of PMBA */
#define PIIX4_PM_TMR_TOGGLE_SHIFT 23u

/* Bits that exist in each register (the rest read 0). */
#define PIIX4_PM_PMSTS_BITS                                                                  \
    (PIIX4_PM_TMROF | PIIX4_PM_BM_STS | PIIX4_PM_GBL | PIIX4_PM_PWRBTN | PIIX4_PM_RTC |      \
     PIIX4_PM_PWRBTNOR_STS | PIIX4_PM_RSM_STS)
#define PIIX4_PM_PMEN_BITS (PIIX4_PM_TMROF | PIIX4_PM_GBL | PIIX4_PM_PWRBTN | PIIX4_PM_RTC)
#define PIIX4_PM_PMCNTRL_BITS (PIIX4_PM_SCI_EN | PIIX4_PM_BRLD_EN_BM | PIIX4_PM_SUS_TYP_MASK)
/* PM1 events that raise SCI when enabled (the enable register's bits). */
#define PIIX4_PM_SCI_EVENTS PIIX4_PM_PMEN_BITS

/* ---- the PM timer ---- */

static uint64_t piix4_pm_ticks_at(uint64_t ns)
{
    return ns / SCHED_NS_PER_SEC * PIIX4_PM_TIMER_HZ +
           ns % SCHED_NS_PER_SEC * PIIX4_PM_TIMER_HZ / SCHED_NS_PER_SEC;
}

/* The first ns at which the tick count reaches `ticks`. */
static uint64_t piix4_pm_ns_at_tick(uint64_t ticks)
{
    uint64_t secs = ticks / PIIX4_PM_TIMER_HZ, rest = ticks % PIIX4_PM_TIMER_HZ;
    if (secs > (SCHED_NEVER - SCHED_NS_PER_SEC) / SCHED_NS_PER_SEC)
        return SCHED_NEVER;
    return secs * SCHED_NS_PER_SEC +
           (rest * SCHED_NS_PER_SEC + PIIX4_PM_TIMER_HZ - 1) / PIIX4_PM_TIMER_HZ;
}

static uint64_t piix4_pm_ticks(const struct piix4_pm *pm)
{
    return piix4_pm_ticks_at(sched_now(pm->sched));
}

uint32_t piix4_pm_timer(const struct piix4_pm *pm)
{
    return (uint32_t)(piix4_pm_ticks(pm) & 0xFFFFFFu);
}

/* TMROF_STS: "set when bit 23 of the PM timer toggles". */
static void piix4_pm_catch_up_timer(struct piix4_pm *pm)
{
    uint64_t period = piix4_pm_ticks(pm) >> PIIX4_PM_TMR_TOGGLE_SHIFT;
    if (period != pm->tmr_period_seen) {
        pm->tmr_period_seen = period;
        pm->pmsts |= PIIX4_PM_TMROF;
    }
}

static void piix4_pm_update_sci(struct piix4_pm *pm)
{
    bool pm1 = (pm->pmsts & pm->pmen & PIIX4_PM_SCI_EVENTS) != 0;
    bool gpe = (pm->gpsts & pm->gpen) != 0;
    bool level = (pm->pmcntrl & PIIX4_PM_SCI_EN) && (pm1 || gpe);
    if (level != pm->sci_level) {
        pm->sci_level = level;
        irq_set(&pm->sci, level);
    }
}

/* Only a guest that asked for timer overflow SCIs pays for an event
 * every 2.3 s. */
static void piix4_pm_arm_timer(struct piix4_pm *pm)
{
    if (!(pm->pmen & PIIX4_PM_TMROF)) {
        sched_cancel(pm->sched, &pm->tmr_event);
        return;
    }
    uint64_t next = (pm->tmr_period_seen + 1) << PIIX4_PM_TMR_TOGGLE_SHIFT;
    sched_arm_at(pm->sched, &pm->tmr_event, piix4_pm_ns_at_tick(next));
}

static void piix4_pm_timer_fire(void *opaque)
{
    struct piix4_pm *pm = opaque;
    piix4_pm_catch_up_timer(pm);
    piix4_pm_update_sci(pm);
    piix4_pm_arm_timer(pm);
}

/* ---- the PM I/O block ---- */

static uint32_t piix4_pm_io_read(void *state, uint32_t offset, unsigned size)
{
    struct piix4_pm *pm = state;
    piix4_pm_catch_up_timer(pm);
    piix4_pm_update_sci(pm);
    uint8_t regs[16];
    le_store(&regs[PIIX4_PM_PMSTS], pm->pmsts, 2);
    le_store(&regs[PIIX4_PM_PMEN], pm->pmen, 2);
    le_store(&regs[PIIX4_PM_PMCNTRL], pm->pmcntrl, 2);
    le_store(&regs[PIIX4_PM_PMCNTRL + 2], 0, 2);
    le_store(&regs[PIIX4_PM_PMTMR], piix4_pm_timer(pm), 4);
    le_store(&regs[PIIX4_PM_GPSTS], pm->gpsts, 2);
    le_store(&regs[PIIX4_PM_GPEN], pm->gpen, 2);
    uint32_t v = 0;
    for (unsigned i = 0; i < size && i < 4; i++) {
        uint32_t at = offset + i;
        uint8_t b = at < sizeof regs ? regs[at] : 0;
        v |= (uint32_t)b << (8 * i);
    }
    return v;
}

/* One byte of a 16-bit register: the new value with byte `hi` replaced. */
static uint16_t piix4_pm_merge(uint16_t reg, bool hi, uint8_t b)
{
    return hi ? (uint16_t)((reg & 0x00FFu) | (uint16_t)b << 8)
              : (uint16_t)((reg & 0xFF00u) | b);
}

static uint16_t piix4_pm_byte_mask(bool hi, uint8_t b)
{
    return (uint16_t)(hi ? (uint16_t)b << 8 : b);
}

static void piix4_pm_io_write(void *state, uint32_t offset, unsigned size, uint32_t value)
{
    struct piix4_pm *pm = state;
    bool sleep = false;
    /* A status bit set before this write is one the write may clear. */
    piix4_pm_catch_up_timer(pm);
    for (unsigned i = 0; i < size && i < 4; i++) {
        uint32_t at = offset + i;
        uint8_t b = (uint8_t)(value >> (8 * i));
        bool hi = (at & 1u) != 0;
        switch (at & ~1u) {
        case PIIX4_PM_PMSTS:
            pm->pmsts &= (uint16_t)~piix4_pm_byte_mask(hi, b);
            break;
        case PIIX4_PM_PMEN:
            pm->pmen = piix4_pm_merge(pm->pmen, hi, b) & PIIX4_PM_PMEN_BITS;
            break;
        case PIIX4_PM_PMCNTRL:
            pm->pmcntrl = piix4_pm_merge(pm->pmcntrl, hi, b) & PIIX4_PM_PMCNTRL_BITS;
            if (hi && (piix4_pm_byte_mask(hi, b) & PIIX4_PM_SUS_EN))
                sleep = true;
            break;
        case PIIX4_PM_GPSTS:
            pm->gpsts &= (uint16_t)~piix4_pm_byte_mask(hi, b);
            break;
        case PIIX4_PM_GPEN:
            pm->gpen = piix4_pm_merge(pm->gpen, hi, b);
            break;
        default:
            break; /* the timer is read-only; the rest is not modelled */
        }
    }
    piix4_pm_update_sci(pm);
    piix4_pm_arm_timer(pm);
    unsigned sus_typ = (pm->pmcntrl & PIIX4_PM_SUS_TYP_MASK) >> PIIX4_PM_SUS_TYP_SHIFT;
    if (sleep && sus_typ == PIIX4_PM_SUS_TYP_SOFT_OFF && pm->poweroff != NULL)
        pm->poweroff(pm->opaque);
}

static const struct io_ops piix4_pm_io_ops = {
    .read = piix4_pm_io_read,
    .write = piix4_pm_io_write,
    .sizes = IO_SIZE_8 | IO_SIZE_16 | IO_SIZE_32,
};

/* Puts the block where PMBA and PMIOSE say.  A base of 0 counts as not
 * programmed.  If the ports are taken the block stays off the bus and the
 * next configuration write tries again. */
static void piix4_pm_place_io(struct piix4_pm *pm)
{
    uint32_t want = PIIX4_PM_IO_UNMAPPED;
    uint32_t base = pci_get(&pm->fn, PIIX4_PM_PMBA, 2) & PIIX4_PM_PMBA_MASK;
    if ((pm->fn.config[PIIX4_PM_PMREGMISC] & PIIX4_PM_PMIOSE) && base != 0)
        want = base;
    if (want == pm->io_base)
        return;
    if (pm->io_base != PIIX4_PM_IO_UNMAPPED && pm->ports != NULL)
        ports_unregister(pm->ports, (uint16_t)pm->io_base, PIIX4_PM_IO_SIZE);
    pm->io_base = PIIX4_PM_IO_UNMAPPED;
    if (want != PIIX4_PM_IO_UNMAPPED && pm->ports != NULL &&
        ports_register(pm->ports, "piix4-pm", (uint16_t)want, PIIX4_PM_IO_SIZE,
                       &piix4_pm_io_ops, pm))
        pm->io_base = want;
}

/* ---- APM control and status, B2h-B3h ---- */

static uint32_t piix4_apm_read(void *state, uint32_t offset, unsigned size)
{
    (void)size;
    const struct piix4_pm *pm = state;
    return offset == 0 ? pm->apmc : pm->apms;
}

static void piix4_apm_write(void *state, uint32_t offset, unsigned size, uint32_t value)
{
    (void)size;
    struct piix4_pm *pm = state;
    if (offset != 0) {
        pm->apms = (uint8_t)value;
        return;
    }
    pm->apmc = (uint8_t)value;
    if (pm->apmc == PIIX4_APM_ACPI_ENABLE)
        pm->pmcntrl |= PIIX4_PM_SCI_EN;
    else if (pm->apmc == PIIX4_APM_ACPI_DISABLE)
        pm->pmcntrl &= (uint16_t)~PIIX4_PM_SCI_EN;
    piix4_pm_catch_up_timer(pm);
    piix4_pm_update_sci(pm);
}

static const struct io_ops piix4_apm_ops = {
    .read = piix4_apm_read,
    .write = piix4_apm_write,
    .sizes = IO_SIZE_8,
};

/* ---- configuration space ---- */

static void piix4_pm_config_write(void *opaque, struct pci_function *f, unsigned offset,
                                  unsigned size)
{
    (void)f;
    (void)offset;
    (void)size;
    piix4_pm_place_io(opaque);
}

static void piix4_pm_config_defaults(struct piix4_pm *pm)
{
    struct pci_function *f = &pm->fn;
    pci_function_init(f, "piix4-pm", PIIX4_PM_VENDOR, PIIX4_PM_DEVICE, PIIX4_PM_REVISION,
                      PIIX4_PM_CLASS, 0x00);
    pci_set_wmask(f, PCI_COMMAND, 2, PCI_COMMAND_IO);
    pci_set(f, PCI_STATUS, 2, 0x0280);
    pci_set(f, PCI_INTERRUPT_PIN, 1, 0x01);
    pci_set(f, PIIX4_PM_PMBA, 4, 0x00000001u);   /* bit 0: I/O space */
    pci_set_wmask(f, PIIX4_PM_PMBA, 4, PIIX4_PM_PMBA_MASK);
    for (unsigned r = 0x44; r <= 0x77; r++)       /* CNTA .. DEVRESJ */
        pci_set_wmask(f, r, 1, 0xFF);
    pci_set_wmask(f, PIIX4_PM_PMREGMISC, 1, PIIX4_PM_PMIOSE);
    pci_set(f, PIIX4_PM_SMBBA, 4, 0x00000001u);
    pci_set_wmask(f, PIIX4_PM_SMBBA, 4, 0xFFF0u);
    pci_set_wmask(f, 0xD2, 1, 0x0F);              /* SMBHSTCFG */
    pci_set_wmask(f, 0xD3, 1, 0xFF);              /* SMBSLVC */
    pci_set_wmask(f, 0xD4, 2, 0xFFFF);            /* SMBSHDW1-2 */
    f->config_write = piix4_pm_config_write;
    f->opaque = pm;
}

static void piix4_pm_registers_reset(struct piix4_pm *pm)
{
    pm->pmsts = pm->pmen = pm->pmcntrl = pm->gpsts = pm->gpen = 0;
    pm->apmc = pm->apms = 0;
    pm->tmr_period_seen = piix4_pm_ticks(pm) >> PIIX4_PM_TMR_TOGGLE_SHIFT;
    sched_cancel(pm->sched, &pm->tmr_event);
}

void piix4_pm_init(struct piix4_pm *pm, struct sched *sched, struct irq_line sci,
                   void (*poweroff)(void *opaque), void *opaque)
{
    pm->sched = sched;
    pm->ports = NULL;
    pm->sci = sci;
    pm->poweroff = poweroff;
    pm->opaque = opaque;
    pm->io_base = PIIX4_PM_IO_UNMAPPED;
    pm->sci_level = false;
    sched_event_init(&pm->tmr_event, "piix4-pm-timer", piix4_pm_timer_fire, pm);
    piix4_pm_config_defaults(pm);
    piix4_pm_registers_reset(pm);
}

void piix4_pm_reset(struct piix4_pm *pm)
{
    piix4_pm_config_defaults(pm);
    piix4_pm_place_io(pm);
    piix4_pm_registers_reset(pm);
    piix4_pm_update_sci(pm);
}

bool piix4_pm_attach(struct piix4_pm *pm, struct pci_bus *bus, struct port_bus *pb)
{
    if (pci_bus_function(bus, PIIX4_PM_DEVFN) != NULL)
        return false;
    if (!ports_register(pb, "apm", PIIX4_APM_CNT_PORT, 2, &piix4_apm_ops, pm))
        return false;
    pm->ports = pb;
    pci_register_function(bus, PIIX4_PM_DEVFN, &pm->fn);
    return true;
}

void piix4_pm_power_button(struct piix4_pm *pm)
{
    pm->pmsts |= PIIX4_PM_PWRBTN;
    piix4_pm_update_sci(pm);
}
