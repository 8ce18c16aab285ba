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
#include "devices/debugcon.h"
#include "devices/post_port.h"
#include "mem/phys.h"
#include "mem/ports.h"

#define MIB (1024u * 1024u)
#define FOUR_GIB (UINT64_C(1) << 32)

/* Where overlapping regions win: the BIOS over the RAM beneath it. */
enum { PRIO_RAM = 0, PRIO_BIOS = 1 };

struct pc_board {
    struct phys_space *phys;
    struct port_bus *ports;
    struct cpu *cpu;
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

struct pc_board *pc_board_create(const struct pc_board_config *cfg)
{
    if (cfg->ram_mib < PC_BOARD_MIN_RAM_MIB || cfg->ram_mib > PC_BOARD_MAX_RAM_MIB ||
        cfg->bios == NULL || pc_board_bios_size_problem(cfg->bios_size) != NULL)
        return NULL;
    struct pc_board *b = calloc(1, sizeof *b);
    if (b == NULL)
        return NULL;
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

enum pc_board_event pc_board_run(struct pc_board *b, uint64_t max_insns)
{
    enum cpu_stop stop = cpu_run(b->cpu, max_insns);
    if (b->debug_exit.requested)
        return PC_BOARD_EXIT;
    switch (stop) {
    case CPU_STOP_HALT:
        return (cpu_get_eflags(b->cpu) & FLAG_IF) ? PC_BOARD_HALTED_NO_IRQ
                                                  : PC_BOARD_HALTED_IF_CLEAR;
    case CPU_STOP_SHUTDOWN:
        return PC_BOARD_SHUTDOWN;
    default:
        return PC_BOARD_RUNNING;
    }
}

void pc_board_reset(struct pc_board *b)
{
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

struct phys_space *pc_board_phys(struct pc_board *b)
{
    return b->phys;
}

struct port_bus *pc_board_ports(struct pc_board *b)
{
    return b->ports;
}
