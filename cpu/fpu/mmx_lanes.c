/*
 * mmx_lanes.c - the arithmetic of the MMX instructions on packed 64-bit
 * values: wrap-around and saturating add/subtract, multiplies, compares,
 * packs and unpacks, logic and shifts (see mmx.h).
 *
 * Follows the Intel SDM Vol. 2 page of each instruction (PADDB ...
 * PXOR).  Pure functions of the two operands: no CPU state, so the tests
 * can drive them directly and against the host.  Signed lanes are handled
 * as unsigned bit patterns so that no operand value is undefined
 * behaviour in C (no signed overflow, no shifts of negative values).
 */
#include "cpu/fpu/mmx.h"

static uint64_t lane(uint64_t v, unsigned k, unsigned bits)
{
    uint64_t mask = bits == 64 ? ~0ull : (1ull << bits) - 1;
    return (v >> (k * bits)) & mask;
}

static int64_t lane_signed(uint64_t v, unsigned k, unsigned bits)
{
    uint64_t x = lane(v, k, bits);
    uint64_t s = 1ull << (bits - 1);
    return (int64_t)(x ^ s) - (int64_t)s;
}

static uint64_t put(uint64_t r, unsigned k, unsigned bits, uint64_t x)
{
    uint64_t mask = (1ull << bits) - 1;
    return r | (x & mask) << (k * bits);
}

static int64_t clamp(int64_t x, int64_t lo, int64_t hi)
{
    return x < lo ? lo : x > hi ? hi : x;
}

/* Lane-wise add or subtract, wrapping or saturating. */
enum sat { WRAP, SIGNED_SAT, UNSIGNED_SAT };

static uint64_t addsub(uint64_t a, uint64_t b, unsigned bits, bool sub, enum sat sat)
{
    uint64_t r = 0;
    int64_t smax = (1ll << (bits - 1)) - 1, smin = -(1ll << (bits - 1));
    int64_t umax = (1ll << bits) - 1;
    for (unsigned k = 0; k < 64 / bits; k++) {
        int64_t x, y;
        if (sat == SIGNED_SAT) {
            x = lane_signed(a, k, bits);
            y = lane_signed(b, k, bits);
        } else {
            x = (int64_t)lane(a, k, bits);
            y = (int64_t)lane(b, k, bits);
        }
        int64_t s = sub ? x - y : x + y;   /* |x|,|y| < 2^32: no overflow */
        if (sat == SIGNED_SAT)
            s = clamp(s, smin, smax);
        else if (sat == UNSIGNED_SAT)
            s = clamp(s, 0, umax);
        r = put(r, k, bits, (uint64_t)s);
    }
    return r;
}

static uint64_t compare(uint64_t a, uint64_t b, unsigned bits, bool greater)
{
    uint64_t r = 0;
    for (unsigned k = 0; k < 64 / bits; k++) {
        bool t = greater ? lane_signed(a, k, bits) > lane_signed(b, k, bits)
                         : lane(a, k, bits) == lane(b, k, bits);
        r = put(r, k, bits, t ? ~0ull : 0);
    }
    return r;
}

/* Narrow the lanes of a (low half of the result) then b (high half). */
static uint64_t pack(uint64_t a, uint64_t b, unsigned bits, bool unsigned_sat)
{
    unsigned out = bits / 2, n = 64 / bits;
    int64_t lo = unsigned_sat ? 0 : -(1ll << (out - 1));
    int64_t hi = unsigned_sat ? (1ll << out) - 1 : (1ll << (out - 1)) - 1;
    uint64_t r = 0;
    for (unsigned k = 0; k < n; k++) {
        r = put(r, k, out, (uint64_t)clamp(lane_signed(a, k, bits), lo, hi));
        r = put(r, k + n, out, (uint64_t)clamp(lane_signed(b, k, bits), lo, hi));
    }
    return r;
}

/* Interleave the low (high = false) or high halves' lanes of a and b. */
static uint64_t unpack(uint64_t a, uint64_t b, unsigned bits, bool high)
{
    unsigned n = 32 / bits, base = high ? n : 0;
    uint64_t r = 0;
    for (unsigned k = 0; k < n; k++) {
        r = put(r, 2 * k, bits, lane(a, base + k, bits));
        r = put(r, 2 * k + 1, bits, lane(b, base + k, bits));
    }
    return r;
}

/* Shifts by a 64-bit count: logical shifts past the lane width give 0,
 * arithmetic ones fill with the sign. */
static uint64_t shift(uint64_t a, uint64_t count, unsigned bits, enum mmx_shift kind)
{
    uint64_t r = 0;
    for (unsigned k = 0; k < 64 / bits; k++) {
        uint64_t x = lane(a, k, bits), y;
        if (kind == MMX_SRA) {
            unsigned n = count >= bits ? bits - 1 : (unsigned)count;
            uint64_t sign = (x >> (bits - 1)) & 1;
            y = x >> n;
            if (sign && n)
                y |= ~0ull << (bits - n);
        } else if (count >= bits) {
            y = 0;
        } else {
            y = kind == MMX_SLL ? x << count : x >> count;
        }
        r = put(r, k, bits, y);
    }
    return r;
}

uint64_t mmx_shift(uint64_t a, uint64_t count, unsigned bits, enum mmx_shift kind)
{
    if (bits == 64) {
        if (count >= 64)
            return 0;
        return kind == MMX_SLL ? a << count : a >> count;
    }
    return shift(a, count, bits, kind);
}

static uint64_t mul(uint64_t a, uint64_t b, bool high)
{
    uint64_t r = 0;
    for (unsigned k = 0; k < 4; k++) {
        int32_t p = (int32_t)lane_signed(a, k, 16) * (int32_t)lane_signed(b, k, 16);
        uint32_t u = (uint32_t)p;
        r = put(r, k, 16, high ? u >> 16 : u);
    }
    return r;
}

static uint64_t madd(uint64_t a, uint64_t b)
{
    uint64_t r = 0;
    for (unsigned k = 0; k < 2; k++) {
        int64_t s = lane_signed(a, 2 * k, 16) * lane_signed(b, 2 * k, 16) +
                    lane_signed(a, 2 * k + 1, 16) * lane_signed(b, 2 * k + 1, 16);
        r = put(r, k, 32, (uint64_t)s); /* -2^15 * -2^15 * 2 wraps to 80000000h */
    }
    return r;
}

bool mmx_binary(unsigned op, uint64_t a, uint64_t b, uint64_t *out)
{
    uint64_t r;
    switch (op) {
    case 0x60: r = unpack(a, b, 8, false); break;
    case 0x61: r = unpack(a, b, 16, false); break;
    case 0x62: r = unpack(a, b, 32, false); break;
    case 0x63: r = pack(a, b, 16, false); break;
    case 0x64: r = compare(a, b, 8, true); break;
    case 0x65: r = compare(a, b, 16, true); break;
    case 0x66: r = compare(a, b, 32, true); break;
    case 0x67: r = pack(a, b, 16, true); break;
    case 0x68: r = unpack(a, b, 8, true); break;
    case 0x69: r = unpack(a, b, 16, true); break;
    case 0x6A: r = unpack(a, b, 32, true); break;
    case 0x6B: r = pack(a, b, 32, false); break;
    case 0x74: r = compare(a, b, 8, false); break;
    case 0x75: r = compare(a, b, 16, false); break;
    case 0x76: r = compare(a, b, 32, false); break;
    case 0xD1: r = mmx_shift(a, b, 16, MMX_SRL); break;
    case 0xD2: r = mmx_shift(a, b, 32, MMX_SRL); break;
    case 0xD3: r = mmx_shift(a, b, 64, MMX_SRL); break;
    case 0xD5: r = mul(a, b, false); break;
    case 0xD8: r = addsub(a, b, 8, true, UNSIGNED_SAT); break;
    case 0xD9: r = addsub(a, b, 16, true, UNSIGNED_SAT); break;
    case 0xDB: r = a & b; break;
    case 0xDC: r = addsub(a, b, 8, false, UNSIGNED_SAT); break;
    case 0xDD: r = addsub(a, b, 16, false, UNSIGNED_SAT); break;
    case 0xDF: r = ~a & b; break;
    case 0xE1: r = mmx_shift(a, b, 16, MMX_SRA); break;
    case 0xE2: r = mmx_shift(a, b, 32, MMX_SRA); break;
    case 0xE5: r = mul(a, b, true); break;
    case 0xE8: r = addsub(a, b, 8, true, SIGNED_SAT); break;
    case 0xE9: r = addsub(a, b, 16, true, SIGNED_SAT); break;
    case 0xEB: r = a | b; break;
    case 0xEC: r = addsub(a, b, 8, false, SIGNED_SAT); break;
    case 0xED: r = addsub(a, b, 16, false, SIGNED_SAT); break;
    case 0xEF: r = a ^ b; break;
    case 0xF1: r = mmx_shift(a, b, 16, MMX_SLL); break;
    case 0xF2: r = mmx_shift(a, b, 32, MMX_SLL); break;
    case 0xF3: r = mmx_shift(a, b, 64, MMX_SLL); break;
    case 0xF5: r = madd(a, b); break;
    case 0xF8: r = addsub(a, b, 8, true, WRAP); break;
    case 0xF9: r = addsub(a, b, 16, true, WRAP); break;
    case 0xFA: r = addsub(a, b, 32, true, WRAP); break;
    case 0xFC: r = addsub(a, b, 8, false, WRAP); break;
    case 0xFD: r = addsub(a, b, 16, false, WRAP); break;
    case 0xFE: r = addsub(a, b, 32, false, WRAP); break;
    default: return false;
    }
    *out = r;
    return true;
}
