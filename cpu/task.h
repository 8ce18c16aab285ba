/*
 * task.h - hardware task switching (Intel SDM Vol. 3, chapter 7 "Task
 * Management").
 *
 * A task switch saves the running task's registers into its TSS (the one
 * TR names), loads the new task's registers from the TSS `tss_selector`
 * names, and updates the busy bits, NT and the back link as the source of
 * the switch asks:
 *
 *   source  old TSS busy   new TSS busy   new EFLAGS.NT   back link
 *   JMP     cleared        set            as in new TSS   unchanged
 *   CALL    kept           set            set             = old TR
 *   INT     kept           set            set             = old TR
 *   IRET    cleared        kept (busy)    as in new TSS   unchanged
 *                                         (old task: NT cleared in its
 *                                          saved EFLAGS)
 *
 * 32-bit TSSs (types 9/B) and 16-bit TSSs (types 1/3) are both handled.
 * Errors found before the switch point (bad TSS type, busy state, limit)
 * fault in the old task; errors found while loading the new task's
 * segments fault in the new task, with #TS/#NP/#SS/#GP(selector) in the
 * order the SDM gives (7.3, step 12 onwards).
 *
 * Not done: the I/O map base and T bit of a 16-bit TSS (it has none), the
 * x87 state (only CR0.TS is set, as the CPU does).
 */
#ifndef SOFTPC_CPU_TASK_H
#define SOFTPC_CPU_TASK_H

#include <stdbool.h>
#include <stdint.h>

struct cpu;
struct descriptor;

/* Why a task switch happens: it decides busy bits, NT and the back link. */
enum task_switch_source {
    TASK_SWITCH_JMP,   /* far JMP to a TSS or a task gate */
    TASK_SWITCH_CALL,  /* far CALL to a TSS or a task gate */
    TASK_SWITCH_INT,   /* interrupt/exception/INT n through a task gate */
    TASK_SWITCH_IRET,  /* IRET with EFLAGS.NT set: back to the linked task */
};

/* Switch to the task whose TSS descriptor is `tss_desc` (selector
 * `tss_selector`; for a task gate, the gate's selector and the descriptor
 * it points to).  `return_eip` is the EIP saved in the old TSS: the next
 * instruction for JMP/CALL/INT n/IRET and traps, the faulting instruction
 * for faults.  With `has_error`, `error_code` is pushed on the new task's
 * stack after the switch (exceptions through a task gate).  May fault
 * (cpu_raise); never returns to a half-switched state it cannot explain:
 * faults after the switch point are raised in the context of the new task,
 * as the SDM says. */
void task_switch(struct cpu *c, uint16_t tss_selector, const struct descriptor *tss_desc,
                 enum task_switch_source src, uint32_t return_eip,
                 bool has_error, uint32_t error_code);

/* task_switch for an interrupt or exception through a task gate: `ext`
 * (0 or 1) is the EXT bit that error codes of faults raised during the
 * switch carry (1 unless a software interrupt is being delivered). */
void task_switch_ext(struct cpu *c, uint16_t tss_selector, const struct descriptor *tss_desc,
                     enum task_switch_source src, uint32_t return_eip,
                     bool has_error, uint32_t error_code, unsigned ext);

#endif
