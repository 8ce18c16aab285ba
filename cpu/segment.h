/*
 * segment.h - protected-mode segmentation: reading and decoding
 * descriptors from the GDT and LDT, and loading segment registers with
 * the checks of the Intel SDM Vol. 3, chapters 3 ("Protected-Mode Memory
 * Management") and 5 ("Protection").
 *
 * A selector is index:13 | TI:1 | RPL:2.  TI picks the GDT (0) or the LDT
 * (1); the descriptor lives at table base + index * 8.  A descriptor is
 * decoded once into `struct descriptor` (base, byte-granular limit, access
 * in the cpu_segment encoding, and the gate fields for gates), and a
 * segment register load copies it into the register's cache
 * (segment_from_desc), after which accesses never look at the table again.
 *
 * This is the interface between segmentation (cpu/segment.c, far control
 * transfers in cpu/ops/control.c) and interrupts/tasks (cpu/interrupt.c,
 * cpu/task.c).  Not here: the far transfers themselves (control.c), task
 * switching (task.h), interrupt gates (interrupt.c).
 */
#ifndef SOFTPC_CPU_SEGMENT_H
#define SOFTPC_CPU_SEGMENT_H

#include <stdbool.h>
#include <stdint.h>

#include "cpu/cpu.h"

/* A decoded 8-byte descriptor. */
struct descriptor {
    uint32_t base;          /* segments and TSS/LDT descriptors */
    uint32_t limit;         /* byte-granular (G already applied) */
    uint16_t access;        /* same encoding as cpu_segment.access:
                               bits 7:0 access byte, 15:12 AVL/L/DB/G */
    uint16_t gate_selector; /* gates: the target selector */
    uint32_t gate_offset;   /* call/interrupt/trap gates: the entry offset
                               (16-bit gates: only bits 15:0) */
    uint8_t gate_params;    /* call gates: parameter count (bits 4:0) */
    uint32_t raw[2];        /* the two dwords as read, low first */
};

/* Access byte bits (descriptor byte 5). */
enum {
    DESC_ACCESSED = 0x01,   /* code/data: accessed */
    DESC_RW = 0x02,         /* code: readable; data: writable */
    DESC_DC = 0x04,         /* code: conforming; data: expand-down */
    DESC_CODE = 0x08,       /* code/data: executable */
    DESC_S = 0x10,          /* 1: code/data, 0: system */
    DESC_DPL = 0x60,
    DESC_P = 0x80,
    DESC_TSS_BUSY = 0x02,   /* system types 1/9: the busy bit (-> 3/B) */
};

/* System descriptor types (access & 0x0F with S = 0). */
enum {
    SYS_TSS16 = 0x1,        /* available 16-bit TSS */
    SYS_LDT = 0x2,
    SYS_TSS16_BUSY = 0x3,
    SYS_CALL_GATE16 = 0x4,
    SYS_TASK_GATE = 0x5,
    SYS_INT_GATE16 = 0x6,
    SYS_TRAP_GATE16 = 0x7,
    SYS_TSS32 = 0x9,        /* available 32-bit TSS */
    SYS_TSS32_BUSY = 0xB,
    SYS_CALL_GATE32 = 0xC,
    SYS_INT_GATE32 = 0xE,
    SYS_TRAP_GATE32 = 0xF,
};

/* Selector fields. */
static inline unsigned sel_rpl(uint16_t sel) { return sel & 3u; }
static inline bool sel_is_ldt(uint16_t sel) { return (sel & 4u) != 0; }
static inline bool sel_is_null(uint16_t sel) { return (sel & 0xFFFCu) == 0; }
/* The error code a selector fault pushes: the selector without its RPL
 * (TI kept; EXT and IDT are 0 for faults raised by instructions). */
static inline uint32_t sel_error(uint16_t sel) { return sel & 0xFFFCu; }

/* Descriptor fields. */
static inline unsigned desc_dpl(const struct descriptor *d) { return (d->access >> 5) & 3u; }
static inline bool desc_present(const struct descriptor *d) { return (d->access & DESC_P) != 0; }
static inline bool desc_is_system(const struct descriptor *d) { return !(d->access & DESC_S); }
/* System type (SYS_*); meaningful only when desc_is_system(). */
static inline unsigned desc_sys_type(const struct descriptor *d) { return d->access & 0x0Fu; }
static inline bool desc_is_code(const struct descriptor *d)
{
    return (d->access & (DESC_S | DESC_CODE)) == (DESC_S | DESC_CODE);
}
static inline bool desc_is_data(const struct descriptor *d)
{
    return (d->access & (DESC_S | DESC_CODE)) == DESC_S;
}
static inline bool desc_is_conforming_code(const struct descriptor *d)
{
    return desc_is_code(d) && (d->access & DESC_DC);
}

/* Protected mode proper: PE set and not virtual-8086. */
static inline bool cpu_in_pmode(const struct cpu *c)
{
    return (c->cr0 & CR0_PE) && !(c->eflags & FLAG_VM);
}

static inline bool cpu_in_v86(const struct cpu *c)
{
    return (c->cr0 & CR0_PE) && (c->eflags & FLAG_VM);
}

/* Decode the two dwords of a descriptor (low dword first) into *d:
 * base, limit scaled by G (limit << 12 | FFF), access, gate fields. */
void desc_decode(struct descriptor *d, uint32_t lo, uint32_t hi);

/* Read and decode the descriptor `selector` names, from the GDT or the
 * LDT (TI bit).  Returns false, leaving *d untouched, when the selector
 * is null (index 0 in the GDT) or its 8 bytes pass the table's limit (or
 * TI=1 and the LDTR holds no valid LDT).  The table read itself can
 * fault (#PF once paging translates system accesses). */
bool desc_read(struct cpu *c, uint16_t selector, struct descriptor *d);

/* desc_read, raising exception `exc` with error code selector & FFFC
 * when it returns false (so a null selector also raises exc(0)). */
void desc_fetch(struct cpu *c, uint16_t selector, struct descriptor *d, unsigned exc);

/* Set the accessed bit of a code/data descriptor in its table (a write
 * to memory, as the CPU does on a segment load) and in *d.  No write if
 * it is already set. */
void desc_set_accessed(struct cpu *c, uint16_t selector, struct descriptor *d);

/* Set or clear the busy bit of the TSS descriptor `selector` names (GDT
 * only), in memory.  The selector must be one desc_read accepted. */
void desc_set_busy(struct cpu *c, uint16_t selector, bool busy);

/* Fill a segment register's cache from a descriptor and derive lo/hi/
 * rights (segment_derive).  `selector` is stored as given. */
void segment_from_desc(struct cpu_segment *s, uint16_t selector, const struct descriptor *d);

/* A null selector in DS/ES/FS/GS (protected mode): the register holds the
 * selector, but the cache is unusable (rights 0, so any access is #GP(0)). */
void segment_set_null(struct cpu_segment *s, uint16_t selector);

/* Virtual-8086 load: base = selector << 4, limit FFFF, a present
 * read/write DPL-3 data segment (16-bit, so CS decodes 16-bit code). */
void cpu_load_seg_v86(struct cpu *c, int seg, uint16_t selector);

/* MOV Sreg / POP Sreg / LDS LES LFS LGS LSS: loads data segment register
 * `seg` (never SEG_CS) with the checks of the mode the CPU is in:
 *  - real mode: cpu_load_seg_real; virtual-8086: cpu_load_seg_v86;
 *  - protected mode, SS: #GP(0) for null; #GP(sel) outside the table,
 *    RPL != CPL, DPL != CPL or not a writable data segment; #SS(sel) if
 *    not present;
 *  - protected mode, DS/ES/FS/GS: null loads an unusable register;
 *    #GP(sel) outside the table, not data or readable code, or (data or
 *    non-conforming code with) DPL < max(CPL, RPL); #NP(sel) not present.
 * Sets the descriptor's accessed bit.  Commits nothing before its last
 * faulting step. */
void cpu_load_seg(struct cpu *c, int seg, uint16_t selector);

/* The checks of cpu_load_seg in protected mode, without loading: returns
 * the descriptor to load (accessed bit already written back), or leaves
 * d->access = 0 for a null DS/ES/FS/GS.  Lets a caller (LSS, RETF to an
 * outer level, task switch) validate several segments before committing
 * any of them; commit with segment_commit(). */
void segment_check_load(struct cpu *c, int seg, uint16_t selector, struct descriptor *d);

/* The SS checks of a stack switch to privilege level `cpl` (CALL through
 * a gate with the SS from the TSS, RETF/IRET to an outer level): null ->
 * exc(0); outside the table, RPL != cpl, DPL != cpl or not a writable
 * data segment -> exc(sel); not present -> #SS(sel).  `exc` is #TS for a
 * stack taken from the TSS, #GP for one popped by a return.  Sets the
 * accessed bit.  (segment_check_load for SS is this with c->cpl, #GP.) */
void segment_check_stack(struct cpu *c, uint16_t selector, unsigned cpl, unsigned exc,
                         struct descriptor *d);

/* Load the checked descriptor of segment_check_load into register seg. */
void segment_commit(struct cpu *c, int seg, uint16_t selector, const struct descriptor *d);

/* Load CS from a code descriptor in protected mode with a (possibly new)
 * privilege level: CS.RPL and c->cpl both become `cpl`.  The caller did
 * every check.  (Real mode: cpu_jump_far_real; V86: cpu_load_seg_v86 on
 * CS and c->cpl = 3.) */
void cpu_load_cs(struct cpu *c, uint16_t selector, const struct descriptor *d, unsigned cpl);

/* After a return to an outer (less privileged) level - RETF, IRET - each
 * of ES, DS, FS, GS that holds a data or non-conforming code segment with
 * DPL < the new CPL is made null (unusable), so the outer level cannot keep
 * using a more privileged segment (SDM RET, "RETURN-TO-OUTER-PRIVILEGE-
 * LEVEL").  Call it after c->cpl is the new CPL. */
void segment_invalidate_for_cpl(struct cpu *c);

#endif
