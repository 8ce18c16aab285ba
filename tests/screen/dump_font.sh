#!/usr/bin/env bash
# dump_font.sh - the VGA BIOS's 8x16 font, as the BIOS hands it out: boots
# tests/screen/fontdump.asm's floppy on softpc and keeps the 4096 bytes it
# writes to the debug console after its "FONT8X16:" marker.
#
#   dump_font.sh SOFTPC FONTDUMP.img OUT.bin [softpc options...]
#
# e.g. `--vgabios /usr/share/seabios/vgabios-stdvga.bin` for SeaBIOS's
# font.  OUT.bin is written only when the dump is whole.
set -uo pipefail
softpc=$1 image=$2 out=$3; shift 3
log=$out.debugcon
rm -f "$out" "$log"
timeout -s TERM 120 "$softpc" -display none -serial none -fda "$image" -boot a -snapshot \
    -no-reboot -timeout 60 -debugcon "$log" "$@" </dev/null
status=$?
# fontdump.asm ends with debug-exit 0 (status 1) after a dump, 1 (status 3)
# when the BIOS's font is not 16 lines high.
if [ $status -ne 1 ]; then
    echo "FAIL: dump_font: softpc exited with status $status, not 1 (fontdump.asm's debug-exit 0)" >&2
    exit 1
fi
size=$(wc -c < "$log")
marker=$(tail -c 4105 "$log" | head -c 9)
if [ "$size" -lt 4105 ] || [ "$marker" != "FONT8X16:" ]; then
    echo "FAIL: dump_font: $log does not end with FONT8X16: and 4096 bytes ($size bytes)" >&2
    exit 1
fi
tail -c 4096 "$log" > "$out.tmp" && mv "$out.tmp" "$out" && rm -f "$log"
