/*
 * builtin_bios.h - softpc's own BIOS, built into the binary.
 *
 * The build (CMakeLists.txt, roms/embed.cmake) turns the BIOS image into
 * a C array: the fresh nasm build of bios/ when nasm is installed, else
 * the committed roms/bios.bin.  So `softpc` runs without being told where
 * its ROMs are; -bios FILE replaces it.
 */
#ifndef SOFTPC_FRONTEND_BUILTIN_BIOS_H
#define SOFTPC_FRONTEND_BUILTIN_BIOS_H

#include <stddef.h>

extern const unsigned char builtin_bios[];
extern const size_t builtin_bios_size;

#endif
