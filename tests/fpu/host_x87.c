/*
 * host_x87.c - the host side of the x87 comparison (see host_x87.h): one
 * small inline-asm function per instruction, AT&T syntax.  Register forms
 * are written with ST(0) as destination ("fsub %st(1), %st" is
 * ST(0) = ST(0) - ST(1)), which avoids the assemblers' reversed
 * FSUB/FDIV naming for the other direction.  Register-result functions
 * clear the flags (FNCLEX) after reading them, so a control word with
 * unmasked exceptions can be used: the store that follows then does not
 * trap, and stores what the instruction left in ST(0).  Every function ends with
 * FNINIT so the compiler finds the x87 stack empty and the control word
 * at its default.  Compiled to nothing on other hosts.
 */
#include "tests/fpu/host_x87.h"

#ifdef HOST_HAS_X87

#define X87_CLOBBERS "st", "st(1)", "st(2)", "st(3)", "st(4)", "st(5)", "st(6)", "st(7)", "memory"

#define X87_BINARY(fn, insn)                                                                  \
    uint16_t fn(uint16_t cw, const struct x87_reg *a, const struct x87_reg *b,               \
                struct x87_reg *r)                                                            \
    {                                                                                         \
        uint16_t sw;                                                                          \
        __asm__ volatile("fninit\n\tfldcw %[cw]\n\tfldt %[b]\n\tfldt %[a]\n\t" insn           \
                         "\n\tfnstsw %[sw]\n\tfnclex\n\tfstpt %[r]\n\tfninit"                 \
                         : [sw] "=m"(sw), [r] "=m"(*r)                                        \
                         : [cw] "m"(cw), [a] "m"(*a), [b] "m"(*b)                             \
                         : X87_CLOBBERS);                                                     \
        return sw;                                                                            \
    }

X87_BINARY(x87_fadd, "fadd %%st(1), %%st")
X87_BINARY(x87_fsub, "fsub %%st(1), %%st")
X87_BINARY(x87_fmul, "fmul %%st(1), %%st")
X87_BINARY(x87_fdiv, "fdiv %%st(1), %%st")
X87_BINARY(x87_fprem, "fprem")
X87_BINARY(x87_fprem1, "fprem1")
X87_BINARY(x87_fscale, "fscale")
X87_BINARY(x87_fpatan, "fpatan")
X87_BINARY(x87_fyl2x, "fyl2x")
X87_BINARY(x87_fyl2xp1, "fyl2xp1")
X87_BINARY(x87_fcom, "fcom %%st(1)")
X87_BINARY(x87_fucom, "fucom %%st(1)")

#define X87_UNARY(fn, insn)                                                                   \
    uint16_t fn(uint16_t cw, const struct x87_reg *a, struct x87_reg *r)                     \
    {                                                                                         \
        uint16_t sw;                                                                          \
        __asm__ volatile("fninit\n\tfldcw %[cw]\n\tfldt %[a]\n\t" insn                         \
                         "\n\tfnstsw %[sw]\n\tfnclex\n\tfstpt %[r]\n\tfninit"                 \
                         : [sw] "=m"(sw), [r] "=m"(*r)                                        \
                         : [cw] "m"(cw), [a] "m"(*a)                                          \
                         : X87_CLOBBERS);                                                     \
        return sw;                                                                            \
    }

X87_UNARY(x87_fsqrt, "fsqrt")
X87_UNARY(x87_frndint, "frndint")
X87_UNARY(x87_fsin, "fsin")
X87_UNARY(x87_fcos, "fcos")
X87_UNARY(x87_f2xm1, "f2xm1")

uint16_t x87_fptan(uint16_t cw, const struct x87_reg *a, struct x87_reg *r)
{
    uint16_t sw;
    struct x87_reg st0, st1;
    __asm__ volatile("fninit\n\tfldcw %[cw]\n\tfldt %[a]\n\tfptan\n\tfnstsw %[sw]\n\t"
                     "fstpt %[st0]\n\tfstpt %[st1]\n\tfninit"
                     : [sw] "=m"(sw), [st0] "=m"(st0), [st1] "=m"(st1)
                     : [cw] "m"(cw), [a] "m"(*a)
                     : X87_CLOBBERS);
    *r = (sw & 0x0400) ? st0 : st1;
    return sw;
}

uint16_t x87_fxtract(uint16_t cw, const struct x87_reg *a, struct x87_reg *sig,
                     struct x87_reg *exp)
{
    uint16_t sw;
    __asm__ volatile("fninit\n\tfldcw %[cw]\n\tfldt %[a]\n\tfxtract\n\tfnstsw %[sw]\n\t"
                     "fstpt %[sig]\n\tfstpt %[exp]\n\tfninit"
                     : [sw] "=m"(sw), [sig] "=m"(*sig), [exp] "=m"(*exp)
                     : [cw] "m"(cw), [a] "m"(*a)
                     : X87_CLOBBERS);
    return sw;
}

#define X87_STORE(fn, type, insn)                                                             \
    uint16_t fn(uint16_t cw, const struct x87_reg *a, type *m)                               \
    {                                                                                         \
        uint16_t sw;                                                                          \
        __asm__ volatile("fninit\n\tfldcw %[cw]\n\tfldt %[a]\n\t" insn                         \
                         " %[m]\n\tfnstsw %[sw]\n\tfninit"                                    \
                         : [sw] "=m"(sw), [m] "=m"(*m)                                        \
                         : [cw] "m"(cw), [a] "m"(*a)                                          \
                         : X87_CLOBBERS);                                                     \
        return sw;                                                                            \
    }

X87_STORE(x87_fst32, uint32_t, "fstps")
X87_STORE(x87_fst64, uint64_t, "fstpl")
X87_STORE(x87_fist16, int16_t, "fistps")
X87_STORE(x87_fist32, int32_t, "fistpl")
X87_STORE(x87_fist64, int64_t, "fistpll")
X87_STORE(x87_fbstp, struct x87_reg, "fbstp")

#define X87_LOAD(fn, type, insn)                                                              \
    uint16_t fn(uint16_t cw, const type *m, struct x87_reg *r)                               \
    {                                                                                         \
        uint16_t sw;                                                                          \
        __asm__ volatile("fninit\n\tfldcw %[cw]\n\t" insn                                     \
                         " %[m]\n\tfnstsw %[sw]\n\tfstpt %[r]\n\tfninit"                      \
                         : [sw] "=m"(sw), [r] "=m"(*r)                                        \
                         : [cw] "m"(cw), [m] "m"(*m)                                          \
                         : X87_CLOBBERS);                                                     \
        return sw;                                                                            \
    }

X87_LOAD(x87_fld32, uint32_t, "flds")
X87_LOAD(x87_fld64, uint64_t, "fldl")
X87_LOAD(x87_fbld, struct x87_reg, "fbld")

#endif
