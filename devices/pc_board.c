/*
 * pc_board.c - the minimal PC board (what is on it is in pc_board.h).
 *
 * This is the one place that says which chip sits where.  The BIOS
 * mapping follows what i440FX-era chipsets decode and what QEMU's PC
 * does (hw/i386 "isa-bios"): the flash at the top of the 4 GiB space, and
 * its last 128 KiB at most aliased below 1 MiB for real-mode code.
 */
#include "devices/pc_board.h"

#include <stdlib.h>

#include "cpu/cpu.h"
#include "devices/debug_exit.h"
#include "devices/sched.h"
#include "devices/debugcon.h"
#include "devices/post_port.h"
#include "mem/phys.h"
#include "mem/ports.h"

#define MIB (1024u * 1024u)
#define FOUR_GIB (UINT64_C(1) << 32)

/* Where overlapping regions win: the BIOS over the RAM beneath it. */
enum { PRIO_RAM = 0, PRIO_BIOS = 1 };

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
    uint64_t tsc_base;      /* tsc_offset at power-on */
    bool reset_requested;   /* a chip asked for a reset */
    bool power_off;         /* the guest entered S5 */
    struct post_port post;
    struct debug_exit debug_exit;
    struct debugcon debugcon;
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
    return phys_add_alias(b->phys, "isa-bios", (uint32_t)(MIB - isa_size), rom,
                          size - isa_size, isa_size, PRIO_BIOS) != NULL;
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
static void board_sync_tsc(struct pc_board *b, uint64_t behind_ticks)
{
    b->cpu->msr.tsc_offset += behind_ticks;
}

static void board_sync_tsc_realtime(struct pc_board *b)
{
    uint64_t want = (b->cfg.host_ns() - b->host_origin) / PC_BOARD_NS_PER_INSN;
    uint64_t have = b->cpu->icount + b->cpu->msr.tsc_offset - b->tsc_base;
    if (want > have)
        board_sync_tsc(b, want - have);
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
    phys_set_a20(b->phys, true);
    b->cpu = cpu_create(b->phys, b->ports);
    if (b->cpu == NULL)
        goto fail;
    b->tsc_base = b->cpu->msr.tsc_offset;
    sched_set_clock(&b->sched, board_clock, b);
    if (!post_port_attach(&b->post, b->ports, cfg->post_log) ||
        !debug_exit_attach(&b->debug_exit, b->ports, board_exit_requested, b) ||
        !debugcon_attach(&b->debugcon, b->ports, cfg->debugcon))
        goto fail;
    return b;
fail:
    pc_board_destroy(b);
    return NULL;
}

void pc_board_destroy(struct pc_board *b)
{
    if (b == NULL)
        return;
    cpu_destroy(b->cpu);
    ports_destroy(b->ports);
    phys_destroy(b->phys);
    free(b);
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
        return b->cpu->intr_line ? PC_BOARD_RUNNING : PC_BOARD_IDLE;
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
    board_sync_tsc(b, ticks);
    sched_run_due(&b->sched);
}

void pc_board_reset(struct pc_board *b)
{
    b->reset_requested = false;
    cpu_reset(b->cpu);
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
