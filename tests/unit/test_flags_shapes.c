/*
 * test_flags_shapes.c - Check tests for every encoding of the ALU
 * operations (cpu/ops/arith.c, cpu/ops/alu.h): each opcode form of
 * ADD..CMP (Eb,Gb to 83 Ev,Ibs, which operand is the destination,
 * immediates, sign extension of Ibs, the 82 alias), TEST and its F6/F7 /1
 * alias, INC/DEC of every register, NOT (no flags), and a faulting memory
 * operand that must leave registers and flags alone.  Results and flags
 * are checked against the naive reference of flags_fixture.h; the
 * exhaustive and lazy-flag tests are in test_flags.c.
 */
#include "tests/unit/flags_fixture.h"
#include "tests/unit/check_main.h"

/*
 * Every operand shape of the eight ALU operations and TEST, at 8, 16 and
 * 32 bits, on a handful of values: the handlers' plumbing (which operand
 * is the destination, immediates, sign extension of Ibs, the 82 alias and
 * the F6/F7 /1 TEST alias).
 */
struct shape {
    const char *name;
    uint8_t op0, modrm;  /* opcode (add form: +op*8 for 00-3F) and ModRM, 0 if none */
    bool group;          /* ModRM.reg = operation (80-83) */
    bool wide;           /* Ev/Gv/eAX form */
    bool mem;            /* ModRM with disp16 DATA instead of mod 11 */
    unsigned imm;        /* immediate bytes: 0, 1, or the operand size (99) */
    bool ibs;            /* 83: the byte is sign-extended */
    enum loc dst, src;
};

#define IMM_Z 99
static const struct shape shapes[] = {
    { "Eb,Gb", 0x00, 0xD8, false, false, false, 0, false, AT_A, AT_B },
    { "Eb,Gb m", 0x00, 0x1E, false, false, true, 0, false, AT_MEM, AT_B },
    { "Ev,Gv", 0x01, 0xD8, false, true, false, 0, false, AT_A, AT_B },
    { "Ev,Gv m", 0x01, 0x1E, false, true, true, 0, false, AT_MEM, AT_B },
    { "Gb,Eb", 0x02, 0xC3, false, false, false, 0, false, AT_A, AT_B },
    { "Gb,Eb m", 0x02, 0x06, false, false, true, 0, false, AT_A, AT_MEM },
    { "Gv,Ev", 0x03, 0xC3, false, true, false, 0, false, AT_A, AT_B },
    { "Gv,Ev m", 0x03, 0x06, false, true, true, 0, false, AT_A, AT_MEM },
    { "AL,Ib", 0x04, 0, false, false, false, 1, false, AT_A, AT_IMM },
    { "eAX,Iz", 0x05, 0, false, true, false, IMM_Z, false, AT_A, AT_IMM },
    { "80 Eb,Ib", 0x80, 0xC0, true, false, false, 1, false, AT_A, AT_IMM },
    { "80 Eb,Ib m", 0x80, 0x06, true, false, true, 1, false, AT_MEM, AT_IMM },
    { "82 Eb,Ib", 0x82, 0xC0, true, false, false, 1, false, AT_A, AT_IMM },
    { "82 Eb,Ib m", 0x82, 0x06, true, false, true, 1, false, AT_MEM, AT_IMM },
    { "81 Ev,Iz", 0x81, 0xC0, true, true, false, IMM_Z, false, AT_A, AT_IMM },
    { "81 Ev,Iz m", 0x81, 0x06, true, true, true, IMM_Z, false, AT_MEM, AT_IMM },
    { "83 Ev,Ibs", 0x83, 0xC0, true, true, false, 1, true, AT_A, AT_IMM },
    { "83 Ev,Ibs m", 0x83, 0x06, true, true, true, 1, true, AT_MEM, AT_IMM },
};

struct test_shape {
    const char *name;
    uint8_t opcode, modrm;
    bool wide, mem;
    unsigned imm;
    enum loc dst, src;
};

static const struct test_shape test_shapes[] = {
    { "84 Eb,Gb", 0x84, 0xD8, false, false, 0, AT_A, AT_B },
    { "84 Eb,Gb m", 0x84, 0x1E, false, true, 0, AT_MEM, AT_B },
    { "85 Ev,Gv", 0x85, 0xD8, true, false, 0, AT_A, AT_B },
    { "85 Ev,Gv m", 0x85, 0x1E, true, true, 0, AT_MEM, AT_B },
    { "A8 AL,Ib", 0xA8, 0, false, false, 1, AT_A, AT_IMM },
    { "A9 eAX,Iz", 0xA9, 0, true, false, IMM_Z, AT_A, AT_IMM },
    { "F6/0 Eb,Ib", 0xF6, 0xC0, false, false, 1, AT_A, AT_IMM },
    { "F6/1 Eb,Ib", 0xF6, 0xC8, false, false, 1, AT_A, AT_IMM },
    { "F6/0 Eb,Ib m", 0xF6, 0x06, false, true, 1, AT_MEM, AT_IMM },
    { "F7/0 Ev,Iz", 0xF7, 0xC0, true, false, IMM_Z, AT_A, AT_IMM },
    { "F7/1 Ev,Iz", 0xF7, 0xC8, true, false, IMM_Z, AT_A, AT_IMM },
    { "F7/0 Ev,Iz m", 0xF7, 0x06, true, true, IMM_Z, AT_MEM, AT_IMM },
};

static const uint32_t shape_values[][2] = {
    { 0, 0 }, { 0x7F, 1 }, { 0x80, 0xFF }, { 0xFF, 0x01 }, { 0x7FFF, 0x0001 },
    { 0x8000, 0xFFFF }, { 0x1234, 0x00F0 }, { 0x7FFFFFFF, 0x00000001 },
    { 0x80000000, 0xFFFFFFFF }, { 0xDEADBEEF, 0x0000007F }, { 0x00000005, 0x00000080 },
};
#define N_SHAPE_VALUES (sizeof shape_values / sizeof shape_values[0])

static unsigned encode_shape(uint8_t opcode, uint8_t modrm, bool has_modrm, bool mem,
                             unsigned imm_bytes, uint32_t imm, unsigned w, uint8_t *out)
{
    unsigned n = 0;
    if (w == 32)
        out[n++] = 0x66;
    out[n++] = opcode;
    if (has_modrm) {
        out[n++] = modrm;
        if (mem) {
            out[n++] = DATA & 0xFF;
            out[n++] = DATA >> 8;
        }
    }
    for (unsigned k = 0; k < imm_bytes; k++)
        out[n++] = (uint8_t)(imm >> (8 * k));
    return n;
}

static uint32_t sign_extend8(uint32_t v)
{
    return (v & 0x80) ? (v & 0xFF) | 0xFFFFFF00u : v & 0xFF;
}

START_TEST(test_alu_shapes)
{
    static const enum rop alu[] = { R_ADD, R_OR, R_ADC, R_SBB, R_AND, R_SUB, R_XOR, R_CMP };
    reset_fails();
    for (unsigned s = 0; s < sizeof shapes / sizeof shapes[0]; s++) {
        const struct shape *sh = &shapes[s];
        for (unsigned wi = 0; wi < 2; wi++) {
            if (!sh->wide && wi)
                continue;
            unsigned w = sh->wide ? (wi ? 32 : 16) : 8;
            unsigned imm_bytes = sh->imm == IMM_Z ? w / 8 : sh->imm;
            for (unsigned k = 0; k < 8; k++) {
                enum rop op = alu[k];
                uint8_t opcode = sh->group ? sh->op0 : (uint8_t)(sh->op0 + 8 * k);
                uint8_t modrm = sh->group ? (uint8_t)(sh->modrm | k << 3) : sh->modrm;
                for (unsigned v = 0; v < N_SHAPE_VALUES; v++) {
                    for (unsigned cin = 0; cin < 2; cin++) {
                        uint32_t a = shape_values[v][0], b = shape_values[v][1];
                        uint8_t code[16];
                        unsigned len = encode_shape(opcode, modrm, sh->modrm != 0, sh->mem,
                                                    imm_bytes, b, w, code);
                        if (sh->ibs)
                            b = sign_extend8(b);
                        uint32_t ip = place_code(1, code, len);
                        unsigned before = fails;
                        check_case(ip, ip + len, op, w, sh->dst, sh->src, a, b, cin);
                        if (fails != before && before == 0) {
                            char tmp[sizeof first_fail];
                            snprintf(tmp, sizeof tmp, "[%s] %s", sh->name, first_fail);
                            memcpy(first_fail, tmp, sizeof tmp);
                        }
                    }
                }
            }
        }
    }
    for (unsigned s = 0; s < sizeof test_shapes / sizeof test_shapes[0]; s++) {
        const struct test_shape *sh = &test_shapes[s];
        for (unsigned wi = 0; wi < 2; wi++) {
            if (!sh->wide && wi)
                continue;
            unsigned w = sh->wide ? (wi ? 32 : 16) : 8;
            unsigned imm_bytes = sh->imm == IMM_Z ? w / 8 : sh->imm;
            for (unsigned v = 0; v < N_SHAPE_VALUES; v++) {
                uint32_t a = shape_values[v][0], b = shape_values[v][1];
                uint8_t code[16];
                unsigned len = encode_shape(sh->opcode, sh->modrm, sh->modrm != 0, sh->mem,
                                            imm_bytes, b, w, code);
                uint32_t ip = place_code(1, code, len);
                unsigned before = fails;
                check_case(ip, ip + len, R_TEST, w, sh->dst, sh->src, a, b, v & 1);
                if (fails != before && before == 0) {
                    char tmp[sizeof first_fail];
                    snprintf(tmp, sizeof tmp, "[%s] %s", sh->name, first_fail);
                    memcpy(first_fail, tmp, sizeof tmp);
                }
            }
        }
    }
    ck_assert_msg(fails == 0, "%u failures; first: %s", fails, first_fail);
}
END_TEST

/* INC/DEC 40-4F name their register in the opcode; FE/FF and NOT too. */
START_TEST(test_incdec_registers)
{
    for (unsigned w = 16; w <= 32; w += 16) {
        for (unsigned r = 0; r < 8; r++) {
            for (unsigned dec = 0; dec < 2; dec++) {
                uint8_t code[2];
                unsigned n = 0;
                if (w == 32)
                    code[n++] = 0x66;
                code[n++] = (uint8_t)(0x40 + 8 * dec + r);
                uint32_t ip = place_code(1, code, n);
                uint64_t before[8];
                for (unsigned k = 0; k < 8; k++)
                    before[k] = cpu->gpr[k] = 0x1111111111111111ull * (k + 1);
                cpu_set_eflags(cpu, FLAG_CF, FLAGS_ARITH);
                ck_assert(run_at(ip, ip + n));
                for (unsigned k = 0; k < 8; k++) {
                    uint64_t m = mask_of(w);
                    uint64_t want = before[k];
                    if (k == r)
                        want = (before[k] & ~m) | ((dec ? before[k] + m : before[k] + 1) & m);
                    ck_assert_msg(cpu->gpr[k] == want, "%s%u r%u: reg %u is %llx, want %llx",
                                  dec ? "dec" : "inc", w, r, k,
                                  (unsigned long long)cpu->gpr[k], (unsigned long long)want);
                }
                ck_assert_uint_eq(flag_cf(cpu), 1); /* kept */
            }
        }
    }
    cpu->gpr[REG_SP] = STACK_TOP;
}
END_TEST

START_TEST(test_not)
{
    static const uint8_t forms[][6] = {
        { 0xF6, 0xD0 }, { 0xF7, 0xD0 }, { 0x66, 0xF7, 0xD0 },
        { 0xF6, 0x16, DATA & 0xFF, DATA >> 8 }, { 0xF7, 0x16, DATA & 0xFF, DATA >> 8 },
        { 0x66, 0xF7, 0x16, DATA & 0xFF, DATA >> 8 },
    };
    static const unsigned lens[] = { 2, 2, 3, 4, 4, 5 };
    static const unsigned widths[] = { 8, 16, 32, 8, 16, 32 };
    for (unsigned f = 0; f < 6; f++) {
        uint64_t m = mask_of(widths[f]);
        uint32_t ip = place_code(1, forms[f], lens[f]);
        for (unsigned v = 0; v < N_EDGES; v++) {
            cpu->gpr[REG_AX] = 0xABCDEF0100000000ull | edges[v];
            mem_put(DATA, 4, edges[v]);
            mem_put(DATA + 4, 1, 0x5A);
            lazy_set_explicit(cpu, edges[v], 32, v & 1, (v >> 1) & 1, (v >> 2) & 1);
            uint32_t flags = cpu_get_eflags(cpu);
            ck_assert(run_at(ip, ip + lens[f]));
            uint32_t want = (uint32_t)(~edges[v] & m);
            if (f < 3) {
                ck_assert_uint_eq(cpu->gpr[REG_AX] & m, want);
                ck_assert_uint_eq(cpu->gpr[REG_AX] >> widths[f],
                                  (0xABCDEF0100000000ull | edges[v]) >> widths[f]);
            } else {
                ck_assert_uint_eq(mem_get(DATA, widths[f] / 8), want);
                ck_assert_uint_eq(mem_get(DATA + widths[f] / 8, 1),
                                  f == 5 ? 0x5A : (edges[v] >> widths[f]) & 0xFF);
            }
            ck_assert_uint_eq(cpu_get_eflags(cpu), flags); /* NOT sets no flags */
        }
    }
}
END_TEST

/*
 * The fault rule: ADD word [FFFF],BX straddles the end of DS, raises #GP,
 * and must leave the memory and the flags as they were.  The #GP handler
 * is one INC BX at a page end, a block of its own.
 */
START_TEST(test_fault_leaves_state)
{
    static const uint8_t add[] = { 0x01, 0x1E, 0xFF, 0xFF };
    static const uint8_t handler[] = { 0x43 };
    uint32_t ip = place_code(1, add, sizeof add);
    uint32_t hip = place_code(5, handler, sizeof handler);
    mem_put(EXC_GP * 4, 2, hip);
    mem_put(EXC_GP * 4 + 2, 2, 0);
    mem_put(0xFFFF, 2, 0x1234);
    cpu->gpr[REG_BX] = 0x4321;
    cpu->gpr[REG_SP] = STACK_TOP;
    lazy_set_explicit(cpu, 0x80, 8, 1, 1, 0); /* CF OF SF, not ZF */
    uint32_t flags = cpu_get_eflags(cpu);
    /* Whether entering the handler uses up the budget is the dispatcher's
     * business: accept a stop at the handler's first byte and go on. */
    cpu->eip = ip;
    cpu_run(cpu, 1);
    if (cpu->eip == hip)
        cpu_run(cpu, 1);
    ck_assert_uint_eq(cpu->eip, hip + 1);
    ck_assert_uint_eq(mem_get(0xFFFF, 2), 0x1234);
    ck_assert_uint_eq(cpu->gpr[REG_SP], STACK_TOP - 6);
    ck_assert_uint_eq(mem_get(STACK_TOP - 6, 2), ip);        /* IP of the fault */
    ck_assert_uint_eq(mem_get(STACK_TOP - 2, 2), flags & 0xFFFF);
    ck_assert_uint_eq(cpu->gpr[REG_BX], 0x4322);             /* the handler ran */
    cpu_set_eflags(cpu, PRESET_FLAGS, PRESET_FLAGS);
}
END_TEST

static Suite *flags_suite(void)
{
    Suite *s = suite_create("flags_shapes");
    TCase *tc = tcase_create("shapes");
    tcase_add_checked_fixture(tc, rig_setup, rig_teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_alu_shapes);
    tcase_add_test(tc, test_incdec_registers);
    tcase_add_test(tc, test_not);
    tcase_add_test(tc, test_fault_leaves_state);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return check_run(flags_suite(), CK_NORMAL);
}
