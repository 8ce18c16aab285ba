#!/bin/sh
# run_qemu.sh - boot one VGA BIOS test image (tests/vgabios/*.asm) under
# QEMU with SeaBIOS (QEMU's default system BIOS) and the given VGA ROM on
# a std VGA card, and pass when the test does:
#   run_qemu.sh QEMU VGA_ROM IMAGE [VGA_PROPERTIES]
# VGA_PROPERTIES are appended to the VGA device (e.g. vgamem_mb=4).
# A test passes through the isa-debug-exit port (exit status 33), or, for
# a picture test, by printing SCREENDUMP after its own checks: the runner
# then takes a QEMU monitor screendump (PPM) and compares every
# `PIXEL x y RRGGBB` line the test printed with the picture.
# The debug console (port E9h) is printed always, QEMU's stderr on failure.
set -u
qemu=$1 rom=$2 image=$3
props=${4:+,$4}
pass=33
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkfifo "$dir/mon.in" "$dir/mon.out"
: > "$dir/e9"

# The monitor writer: holds mon.in open for the whole run; once the test
# asks for a screendump, takes it and ends QEMU.
(
    exec 3> "$dir/mon.in"
    i=0
    while [ $i -lt 600 ]; do
        if grep -q '^SCREENDUMP' "$dir/e9"; then
            echo "screendump $dir/shot.ppm" >&3
            sleep 1
            echo "quit" >&3
            break
        fi
        sleep 0.1
        i=$((i + 1))
    done
    sleep 70
) &
writer=$!
cat "$dir/mon.out" > /dev/null &

timeout 60 "$qemu" -nodefaults -machine pc -cpu pentium3 -m 32 \
    -display none -vga none -device VGA,romfile="$rom"$props -no-reboot \
    -drive file="$image",format=raw,if=ide,snapshot=on -boot c \
    -monitor pipe:"$dir/mon" \
    -device isa-debug-exit,iobase=0x501,iosize=2 \
    -debugcon file:"$dir/e9" 2> "$dir/stderr"
status=$?
kill "$writer" 2>/dev/null

# pixel_at X Y: the PPM pixel as RRGGBB (QEMU writes "P6\nW H\n255\n").
pixel_at() {
    width=$(sed -n 2p "$dir/shot.ppm" | cut -d' ' -f1)
    header=$(head -n 3 "$dir/shot.ppm" | wc -c)
    od -An -v -tx1 -j $((header + ($2 * width + $1) * 3)) -N 3 "$dir/shot.ppm" |
        tr -d ' \n' | tr a-f A-F
}

name=$(basename "$image")
ok=1
if grep -q '^SCREENDUMP' "$dir/e9"; then
    if [ ! -s "$dir/shot.ppm" ]; then
        echo "run_qemu.sh: $name: no screendump was written" >&2
        ok=0
    else
        echo "screendump: $(sed -n 2p "$dir/shot.ppm")"
        checked=0
        while read -r tag x y want; do
            [ "$tag" = PIXEL ] || continue
            got=$(pixel_at "$x" "$y")
            checked=$((checked + 1))
            if [ "$got" != "$want" ]; then
                echo "run_qemu.sh: $name: pixel ($x,$y) is $got, expected $want" >&2
                ok=0
            fi
        done <<EOF
$(sed -n 's/.*PIXEL /PIXEL /p' "$dir/e9")
EOF
        echo "screendump: $checked pixels compared"
        [ $checked -gt 0 ] || ok=0
    fi
elif [ "$status" -ne "$pass" ]; then
    echo "run_qemu.sh: $name: QEMU exit status $status, expected $pass (PASS)" >&2
    ok=0
fi
echo "--- debug console (port E9h):"; cat "$dir/e9"
if [ $ok -eq 1 ]; then
    exit 0
fi
echo "--- QEMU stderr:"; cat "$dir/stderr"
exit 1
