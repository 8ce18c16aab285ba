/*
 * decode.c - the table-driven x86 decoder (see decode.h).
 *
 * Follows the Intel SDM Vol. 2, chapter 2 (instruction format) and
 * Appendix A (opcode map).  The operand strings of cpu/opcodes.def are
 * parsed once into `struct operand_plan`s; decoding is then prefixes ->
 * opcode (one or two bytes) -> ModRM/SIB/displacement -> immediates.
 *
 * Not yet here: VEX/REX prefixes, three-byte opcodes (0F 38, 0F 3A), the
 * SSE mandatory-prefix forms.
 */
#include "cpu/decode.h"

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "cpu/cpu.h"
#include "cpu/ops/ops.h"

static const struct opcode_row rows[] = {
#define OP(code, mn, ops, rf, mf, at) { code, -1, mn, ops, rf, mf, at, -1 },
#define GRP(code, r, mn, ops, rf, mf, at) { code, r, mn, ops, rf, mf, at, -1 },
#define MODRM(code, m, mn, ops, rf, at) { code, ((m) >> 3) & 7, mn, ops, rf, NULL, at, m },
#include "cpu/opcodes.def"
#undef OP
#undef GRP
#undef MODRM
};
#define ROW_COUNT (sizeof rows / sizeof rows[0])

/* What follows the opcode, as the operand string says. */
enum imm_kind { IMM_NONE, IMM_B, IMM_BS, IMM_W, IMM_D, IMM_V, IMM_Z, IMM_JB, IMM_JZ,
                IMM_AP_OFF, IMM_ONE };

struct operand_plan {
    bool modrm;
    bool moffs;       /* O operand: an address-size displacement, no ModRM */
    bool zreg;        /* Z operand: register in opcode bits 2:0 */
    bool reg_only;    /* R operand: ModRM names a register whatever mod says */
    int8_t seg_reg;   /* literal segment register operand, -1 if none */
    uint8_t imm[2];   /* enum imm_kind for the first and second immediate */
};

/* Per opcode (0x000-0x1FF: one-byte, then 0F xx): the row, or for groups
 * the rows by ModRM.reg. */
struct opcode_slot {
    int16_t row;        /* -1: none, or group */
    int16_t group[8];   /* rows of a group opcode, -1 where missing */
    bool is_group;
    struct operand_plan plan;        /* what follows the opcode */
    struct operand_plan group_plan[8]; /* groups: per ModRM.reg (F6 /0 has an
                                          immediate, F6 /2 has none) */
    int8_t modrm_table; /* MODRM rows: index into modrm_rows, -1 if none */
};

/* Register forms keyed by the whole ModRM byte (MODRM rows: the x87
 * escapes D9 E0 FCHS, DE D9 FCOMPP ...), per opcode that has them: the row
 * for ModRM C0+n, or -1 to fall back to the group row's register form. */
#define MODRM_TABLES 8
static int16_t modrm_rows[MODRM_TABLES][64];
static unsigned modrm_tables_used;

static struct opcode_slot slots[512];
static bool tables_ready;

static unsigned slot_of(uint16_t opcode)
{
    return opcode < 0x100 ? opcode : 0x100 + (opcode & 0xFF);
}

static enum imm_kind imm_from_size(char kind, const char *size)
{
    if (kind == 'J')
        return size[0] == 'b' ? IMM_JB : IMM_JZ;
    if (kind == 'A')
        return IMM_AP_OFF;
    if (size[0] == 'b')
        return size[1] == 's' ? IMM_BS : IMM_B;
    switch (size[0]) {
    case 'w': return IMM_W;
    case 'd': return IMM_D;
    case 'v': return IMM_V;
    default:  return IMM_Z;
    }
}

static int segment_named(const char *tok, size_t n)
{
    static const char names[] = "ESCSSSDSFSGS";
    if (n != 2)
        return -1;
    for (int s = 0; s < 6; s++)
        if (tok[0] == names[2 * s] && tok[1] == names[2 * s + 1])
            return s;
    return -1;
}

static struct operand_plan plan_operands(const char *ops)
{
    struct operand_plan p = { .seg_reg = -1 };
    unsigned nimm = 0;
    while (*ops) {
        size_t n = strcspn(ops, ",");
        char k = ops[0];
        bool addressing = n >= 2 && ops[1] >= 'a' && ops[1] <= 'z';
        if (n == 1 && k == '1') {
            p.imm[nimm++] = IMM_ONE;
        } else if (segment_named(ops, n) >= 0) {
            p.seg_reg = (int8_t)segment_named(ops, n);
        } else if (addressing && (k == 'E' || k == 'G' || k == 'M' || k == 'S' ||
                                  k == 'C' || k == 'D' ||
                                  k == 'P' || k == 'Q' || k == 'N')) {
            p.modrm = true;
        } else if (addressing && k == 'R') {
            p.modrm = true;
            p.reg_only = true;
        } else if (addressing && (k == 'I' || k == 'J' || k == 'A')) {
            char size[3] = { ops[1], n > 2 ? ops[2] : 0, 0 };
            p.imm[nimm++] = (uint8_t)imm_from_size(k, size);
        } else if (addressing && k == 'O') {
            p.moffs = true;
        } else if (addressing && k == 'Z') {
            p.zreg = true;
        } else if (n == 1 && k == 'M') {
            p.modrm = true; /* LEA's bare M */
        }
        ops += n;
        if (*ops == ',')
            ops++;
    }
    return p;
}

static void build_tables(void)
{
    for (unsigned s = 0; s < 512; s++) {
        slots[s].row = -1;
        for (int r = 0; r < 8; r++)
            slots[s].group[r] = -1;
        slots[s].modrm_table = -1;
    }
    for (unsigned r = 0; r < ROW_COUNT; r++) {
        struct opcode_slot *s = &slots[slot_of(rows[r].opcode)];
        struct operand_plan p = plan_operands(rows[r].operands);
        if (rows[r].modrm >= 0xC0) {
            /* A table with more escapes than MODRM_TABLES would be a
             * table bug; such rows are then left out (#UD), never UB. */
            if (s->modrm_table < 0 && modrm_tables_used < MODRM_TABLES) {
                s->modrm_table = (int8_t)modrm_tables_used++;
                for (int m = 0; m < 64; m++)
                    modrm_rows[s->modrm_table][m] = -1;
            }
            if (s->modrm_table >= 0)
                modrm_rows[s->modrm_table][rows[r].modrm & 63] = (int16_t)r;
            s->plan.modrm = true;
            if (!s->is_group && s->row < 0)
                s->is_group = true;
        } else if (rows[r].group_reg >= 0) {
            s->is_group = true;
            s->group[rows[r].group_reg] = (int16_t)r;
            s->group_plan[rows[r].group_reg] = p;
            s->plan.modrm = true;
        } else {
            s->row = (int16_t)r;
            s->plan = p;
        }
    }
    tables_ready = true;
}

const struct opcode_row *decode_row(const struct insn *i)
{
    return i->table < ROW_COUNT ? &rows[i->table] : NULL;
}

/* Little-endian fetch of n bytes at b[pos]. */
static uint32_t fetch_le(const uint8_t *b, unsigned pos, unsigned n)
{
    uint32_t v = 0;
    for (unsigned k = 0; k < n; k++)
        v |= (uint32_t)b[pos + k] << (8 * k);
    return v;
}

static uint32_t sign_extend(uint32_t v, unsigned bytes)
{
    unsigned shift = 32 - 8 * bytes;
    return bytes >= 4 ? v : (uint32_t)((int32_t)(v << shift) >> shift);
}

/* ModRM with 16-bit addressing: base and index registers by r/m. */
static const uint8_t base16[8] = { REG_BX, REG_BX, REG_BP, REG_BP, REG_ZERO, REG_ZERO, REG_BP, REG_BX };
static const uint8_t index16[8] = { REG_SI, REG_DI, REG_SI, REG_DI, REG_SI, REG_DI, REG_ZERO, REG_ZERO };

/* Decodes ModRM (+SIB, +displacement) at b[pos]; returns the new position
 * or -1 if it runs past avail. */
static int decode_modrm(struct insn *i, const uint8_t *b, unsigned pos, unsigned avail)
{
    if (pos >= avail)
        return -1;
    uint8_t m = b[pos++];
    unsigned mod = m >> 6, rm = m & 7;
    i->modrm = m;
    i->reg = (m >> 3) & 7;
    i->rm = (uint8_t)rm;
    i->base = i->index = REG_ZERO;
    i->scale = 0;
    i->disp = 0;
    if (mod == 3)
        return (int)pos;

    unsigned disp_bytes;
    bool stack_based;
    if (i->asize == 2) {
        if (mod == 0 && rm == 6) {
            disp_bytes = 2;
            stack_based = false;
        } else {
            i->base = base16[rm];
            i->index = index16[rm];
            disp_bytes = mod == 1 ? 1 : mod == 2 ? 2 : 0;
            stack_based = i->base == REG_BP;
        }
    } else {
        unsigned base = rm;
        if (rm == 4) {
            if (pos >= avail)
                return -1;
            uint8_t sib = b[pos++];
            unsigned idx = (sib >> 3) & 7;
            base = sib & 7;
            i->scale = sib >> 6;
            i->index = idx == 4 ? REG_ZERO : (uint8_t)idx;
        }
        if (mod == 0 && base == 5) {
            disp_bytes = 4;
            stack_based = false;
        } else {
            i->base = (uint8_t)base;
            disp_bytes = mod == 1 ? 1 : mod == 2 ? 4 : 0;
            stack_based = base == REG_SP || base == REG_BP;
        }
    }
    if (pos + disp_bytes > avail)
        return -1;
    uint32_t d = fetch_le(b, pos, disp_bytes);
    i->disp = disp_bytes == 1 ? sign_extend(d, 1) : d;
    if (!i->seg_override)
        i->seg = stack_based ? SEG_SS : SEG_DS;
    return (int)(pos + disp_bytes);
}

static unsigned imm_bytes(enum imm_kind k, const struct insn *i)
{
    switch (k) {
    case IMM_B: case IMM_BS: case IMM_JB: return 1;
    case IMM_W: return 2;
    case IMM_D: return 4;
    case IMM_V: case IMM_Z: case IMM_JZ: case IMM_AP_OFF: return i->osize;
    default: return 0;
    }
}

static uint32_t imm_value(enum imm_kind k, const uint8_t *b, unsigned pos, unsigned n)
{
    uint32_t v = fetch_le(b, pos, n);
    if (k == IMM_ONE)
        return 1;
    if (k == IMM_BS || k == IMM_JB || k == IMM_JZ)
        return sign_extend(v, n);
    return v;
}

enum decode_result decode_insn(struct insn *i, const uint8_t *b, unsigned avail, unsigned mode)
{
    if (!tables_ready)
        build_tables();
    memset(i, 0, sizeof *i);
    bool code32 = mode & DECODE_CODE32;
    bool osize_prefix = false, asize_prefix = false, locked = false;
    unsigned pos = 0;

    /* Prefixes: any number, any order; the last of a kind wins. */
    for (;; pos++) {
        if (pos >= avail)
            return pos >= INSN_MAX_LEN ? DECODE_TOO_LONG : DECODE_NEED_MORE;
        if (pos >= INSN_MAX_LEN)
            return DECODE_TOO_LONG;
        uint8_t p = b[pos];
        if (p == 0x26 || p == 0x2E || p == 0x36 || p == 0x3E)
            i->seg_override = (uint8_t)(1 + ((p >> 3) & 3));
        else if (p == 0x64 || p == 0x65)
            i->seg_override = (uint8_t)(1 + SEG_FS + (p & 1));
        else if (p == 0x66)
            osize_prefix = true;
        else if (p == 0x67)
            asize_prefix = true;
        else if (p == 0xF0)
            locked = true;
        else if (p == 0xF2)
            i->rep = REP_NE;
        else if (p == 0xF3)
            i->rep = REP_E;
        else
            break;
    }
    i->osize = (code32 != osize_prefix) ? 4 : 2;
    i->asize = (code32 != asize_prefix) ? 4 : 2;
    i->seg = i->seg_override ? (uint8_t)(i->seg_override - 1) : SEG_DS;

    uint16_t opcode = b[pos++];
    if (opcode == 0x0F) {
        if (pos >= avail)
            return DECODE_NEED_MORE;
        opcode = (uint16_t)(0x0F00 | b[pos++]);
    }
    i->opcode = opcode;
    const struct opcode_slot *s = &slots[slot_of(opcode)];
    int row = s->row;
    struct operand_plan plan = s->plan;

    if (plan.reg_only) {
        /* MOV CRn/DRn: mod is ignored, no SIB or displacement follows. */
        if (pos >= avail)
            return DECODE_NEED_MORE;
        i->modrm = b[pos++];
        i->reg = (i->modrm >> 3) & 7;
        i->rm = i->modrm & 7;
        i->base = i->index = REG_ZERO;
    } else if (plan.modrm) {
        int next = decode_modrm(i, b, pos, avail);
        if (next < 0)
            return pos + 1 > INSN_MAX_LEN ? DECODE_TOO_LONG : DECODE_NEED_MORE;
        pos = (unsigned)next;
        if (s->is_group) {
            row = s->group[i->reg];
            plan = s->group_plan[i->reg];
            plan.modrm = true;
        }
        if (s->modrm_table >= 0 && i->modrm >= 0xC0 &&
            modrm_rows[s->modrm_table][i->modrm & 63] >= 0) {
            row = modrm_rows[s->modrm_table][i->modrm & 63];
            plan = (struct operand_plan){ .modrm = true, .seg_reg = -1 };
        }
    }

    if (plan.moffs) {
        if (pos + i->asize > avail)
            return DECODE_NEED_MORE;
        i->disp = fetch_le(b, pos, i->asize);
        i->base = i->index = REG_ZERO;
        pos += i->asize;
    }
    if (plan.zreg)
        i->reg = opcode & 7;
    if (plan.seg_reg >= 0)
        i->reg = (uint8_t)plan.seg_reg;

    uint32_t *dest[2] = { &i->imm, &i->imm2 };
    for (unsigned k = 0; k < 2; k++) {
        enum imm_kind kind = (enum imm_kind)plan.imm[k];
        if (kind == IMM_NONE)
            break;
        unsigned n = imm_bytes(kind, i);
        if (pos + n > avail)
            return pos + n > INSN_MAX_LEN ? DECODE_TOO_LONG : DECODE_NEED_MORE;
        *dest[k] = imm_value(kind, b, pos, n);
        pos += n;
        if (kind == IMM_AP_OFF) { /* far pointer: the selector follows */
            if (pos + 2 > avail)
                return DECODE_NEED_MORE;
            i->imm2 = fetch_le(b, pos, 2);
            pos += 2;
        }
    }
    if (pos > INSN_MAX_LEN)
        return DECODE_TOO_LONG;
    i->len = (uint8_t)pos;

    bool memory_form = plan.modrm && !plan.reg_only && (i->modrm >> 6) != 3;
    if (row < 0) {
        i->fn = op_ud;
        i->table = UINT16_MAX;
        i->attr = ATTR_ENDS_BLOCK;
        return DECODE_OK;
    }
    const struct opcode_row *r = &rows[row];
    i->table = (uint16_t)row;
    i->attr = r->attr;
    /* A REP string instruction may stop part-way (to let interrupts in)
     * by pointing EIP back at itself, so nothing may follow it in a block. */
    if ((r->attr & ATTR_STRING) && i->rep != REP_NONE)
        i->attr |= ATTR_ENDS_BLOCK;
    i->fn = memory_form ? r->mem_form : r->reg_form;
    if (locked) {
        i->attr |= ATTR_LOCKED;
        if (!(r->attr & ATTR_LOCK_OK) || !memory_form)
            i->fn = NULL;
    }
    if (!i->fn) {
        i->fn = op_ud;
        i->attr |= ATTR_ENDS_BLOCK;
    }
    return DECODE_OK;
}
