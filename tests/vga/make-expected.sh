#!/bin/sh
# make-expected.sh - makes the expected pictures of the VGA tests with the
# oracle: QEMU's "std" VGA (the card softpc emulates) under QEMU's own
# SeaBIOS and vgabios-stdvga.
#   make-expected.sh PPM2PNG OUTDIR IMAGE...
# For each IMAGE (a floppy built from tests/vga/*.asm), boots it, waits
# until the program prints DONE on the debug console (port E9h), takes
# QEMU's screendump (PPM) through the monitor, quits, and writes
# OUTDIR/<image name without .img>.png with PPM2PNG (built from
# tests/vga/ppm2png.c).  An image named NAME_qemu.img makes NAME.png: the
# oracle build of a test QEMU cannot show as written (see scroll.asm).  QEMU (environment) names the QEMU binary,
# qemu-system-i386 by default.  See docs/testing-vga.md.
set -u
if [ $# -lt 3 ]; then
    echo "usage: make-expected.sh PPM2PNG OUTDIR IMAGE..." >&2
    exit 2
fi
ppm2png=$1 outdir=$2
shift 2
qemu=${QEMU:-qemu-system-i386}
status=0
for image in "$@"; do
    name=$(basename "$image" .img)
    name=${name%_qemu}
    dir=$(mktemp -d)
    mkfifo "$dir/mon.in" "$dir/mon.out"
    : > "$dir/e9"
    "$qemu" -nodefaults -machine pc -m 32 -vga std -display none -no-reboot \
        -drive file="$image",format=raw,if=floppy,snapshot=on -boot a \
        -debugcon file:"$dir/e9" -monitor pipe:"$dir/mon" \
        > "$dir/stdout" 2> "$dir/stderr" &
    qemu_pid=$!
    exec 3> "$dir/mon.in"
    cat "$dir/mon.out" > "$dir/monitor.log" &
    reader=$!
    i=0
    while [ $i -lt 600 ] && ! grep -q '^DONE' "$dir/e9"; do
        sleep 0.1
        i=$((i + 1))
    done
    if grep -q '^DONE' "$dir/e9"; then
        # The monitor runs one command at a time: quit comes after the
        # screendump is written.
        echo "screendump $dir/screen.ppm" >&3
        echo "quit" >&3
    else
        echo "make-expected.sh: $name: no DONE on the debug console after 60 s" >&2
        echo "quit" >&3
    fi
    exec 3>&-
    wait "$qemu_pid"
    wait "$reader" 2>/dev/null
    if [ -s "$dir/screen.ppm" ] && "$ppm2png" "$dir/screen.ppm" "$outdir/$name.png"; then
        echo "$name: $(head -c 20 "$dir/screen.ppm" | sed -n 2p) -> $outdir/$name.png"
    else
        echo "make-expected.sh: $name: no screendump" >&2
        echo "--- debug console:"; cat "$dir/e9"
        echo "--- QEMU stderr:"; cat "$dir/stderr"
        status=1
    fi
    rm -rf "$dir"
done
exit $status
