/*
 * builtin_vgabios.h - softpc's own VGA BIOS (bios/vgabios/), built into
 * the binary the same way as the system BIOS (builtin_bios.h): the fresh
 * nasm build when nasm is installed, else the committed roms/vgabios.bin.
 * --vgabios FILE replaces it.  builtin_vgabios_size is 0 in a tree that
 * has no VGA BIOS yet; the card then has no expansion ROM.
 */
#ifndef SOFTPC_FRONTEND_BUILTIN_VGABIOS_H
#define SOFTPC_FRONTEND_BUILTIN_VGABIOS_H

#include <stddef.h>

extern const unsigned char builtin_vgabios[];
extern const size_t builtin_vgabios_size;

#endif
