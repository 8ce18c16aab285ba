#!/usr/bin/env bash
# qemu_font_test.sh - the SeaBIOS font softpc dumped (font-seabios.bin:
# fontdump.asm under our BIOS with --vgabios vgabios-stdvga.bin) must equal
# what the same program dumps under QEMU, whose std VGA runs that VGA BIOS
# natively: softpc's card and ROM BAR give SeaBIOS's VGA BIOS no reason to
# hand out anything else.
#
#   qemu_font_test.sh QEMU FONTDUMP.img FONT-SEABIOS.bin WORKDIR
set -uo pipefail
qemu=$1 image=$2 want=$3 work=$4
mkdir -p "$work"
log=$work/qemu-font.debugcon
rm -f "$log"
timeout -s TERM 120 "$qemu" -nodefaults -machine pc -m 32 -vga std -display none \
    -fda "$image" -boot a -snapshot -debugcon "file:$log" \
    -device isa-debug-exit,iobase=0x501,iosize=2 </dev/null
status=$?
if [ $status -ne 1 ]; then      # debug-exit 0: (0 << 1) | 1
    echo "FAIL: QEMU exited with status $status, not 1 (fontdump.asm's debug-exit 0)"
    exit 1
fi
if [ "$(tail -c 4105 "$log" | head -c 9)" != "FONT8X16:" ]; then
    echo "FAIL: $log does not end with FONT8X16: and 4096 bytes"
    exit 1
fi
if ! tail -c 4096 "$log" | cmp - "$want"; then
    echo "FAIL: the font QEMU's SeaBIOS VGA BIOS hands out differs from $want"
    exit 1
fi
echo "PASS: QEMU's vgabios-stdvga font equals $want"
