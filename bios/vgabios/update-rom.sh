#!/bin/sh
# update-rom.sh - rebuild roms/vgabios.bin from bios/vgabios/ (what the
# ctest vgabios_rom_reproducible compares against).  Run from anywhere;
# commit the result together with the sources that changed it.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
nasm -f bin -w+all -I"$here/" -o "$root/roms/vgabios.bin" "$here/vgabios.asm"
sh "$here/fix-checksum.sh" "$root/roms/vgabios.bin"
echo "roms/vgabios.bin rebuilt ($(wc -c < "$root/roms/vgabios.bin") bytes)"
