/*
 * hex_bytes.h - instruction bytes written as hex text ("0F 01 D8"), for
 * the unit tests that run or decode short byte strings (test_decode.c,
 * test_x87_harness.h).  Pairs of hex digits, spaces between them
 * optional; nothing else is accepted, and the text is the test's own, so
 * there is no error reporting.  Header-only, static inline.
 */
#ifndef SOFTPC_TESTS_UNIT_HEX_BYTES_H
#define SOFTPC_TESTS_UNIT_HEX_BYTES_H

#include <stdint.h>
#include <stdlib.h>

/* Decodes hex into out, at most max bytes; returns how many. */
static inline unsigned parse_hex_bytes(const char *hex, uint8_t *out, unsigned max)
{
    unsigned n = 0;
    while (*hex && n < max) {
        if (*hex == ' ') {
            hex++;
            continue;
        }
        char pair[3] = { hex[0], hex[1], 0 };
        out[n++] = (uint8_t)strtoul(pair, NULL, 16);
        hex += 2;
    }
    return n;
}

#endif
