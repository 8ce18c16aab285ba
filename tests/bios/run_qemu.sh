#!/bin/sh
# run_qemu.sh - boot one BIOS test image under QEMU with our BIOS and pass
# when the test reports PASS through the isa-debug-exit port (exit status
# 33).  See docs/bios.md "Tests".
#   run_qemu.sh QEMU BIOS IMAGE MEM_MB [SERIAL_INPUT [EXPECT_ON_COM1 [MONITOR]]]
# SERIAL_INPUT (printf format) is typed into COM1 once the BIOS banner has
# appeared there; EXPECT_ON_COM1 must then appear in the COM1 output;
# MONITOR (printf format) goes to the QEMU monitor at the same moment (for
# "sendkey" keyboard input).  "-" stands for an empty argument (CMake drops
# empty ones).
# The debug console (port E9h) and COM1 output are printed on failure.
# QEMU_CPU (environment) picks the CPU model, pentium3 by default;
# QEMU_ARGS adds arguments (split at spaces), e.g. "-device VGA".
set -u
qemu=$1 bios=$2 image=$3 mem=$4
input=${5-}
expect=${6-}
monitor=${7-}
[ "$input" = - ] && input=
[ "$expect" = - ] && expect=
[ "$monitor" = - ] && monitor=
pass=33
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkfifo "$dir/in" "$dir/mon.in" "$dir/mon.out"
: > "$dir/com1"

# The writer holds the FIFO open for the whole run and types the input once
# the banner is on COM1 (POST resets the UART FIFOs, so earlier bytes would
# be lost).
(
    exec 3> "$dir/mon.in"
    if [ -n "$input$monitor" ]; then
        i=0
        while [ $i -lt 300 ] && ! grep -q 'softpc BIOS' "$dir/com1"; do
            sleep 0.1
            i=$((i + 1))
        done
        sleep 0.5
        printf "$input"
        # one monitor command at a time: sendkey holds a key for 100 ms
        printf "$monitor" | while IFS= read -r line; do
            echo "$line" >&3
            sleep 0.3
        done
    fi
    sleep 70
) > "$dir/in" &
writer=$!
cat "$dir/mon.out" > /dev/null &

timeout 60 "$qemu" -nodefaults -machine pc -cpu ${QEMU_CPU:-pentium3} -m "$mem" ${QEMU_ARGS-} \
    -bios "$bios" -display none -no-reboot \
    -drive file="$image",format=raw,if=ide,snapshot=on -boot c \
    -serial stdio -monitor pipe:"$dir/mon" \
    -device isa-debug-exit,iobase=0x501,iosize=2 \
    -debugcon file:"$dir/e9" < "$dir/in" > "$dir/com1" 2> "$dir/stderr"
status=$?
kill "$writer" 2>/dev/null

ok=1
if [ "$status" -ne "$pass" ]; then
    echo "run_qemu.sh: $(basename "$image"): QEMU exit status $status, expected $pass (PASS)" >&2
    ok=0
fi
if [ -n "$expect" ] && ! grep -q -- "$expect" "$dir/com1"; then
    echo "run_qemu.sh: $(basename "$image"): '$expect' did not appear on COM1" >&2
    ok=0
fi
if [ $ok -eq 1 ]; then
    cat "$dir/e9"
    exit 0
fi
echo "--- debug console (port E9h):"; cat "$dir/e9"
echo "--- COM1:"; cat "$dir/com1"
echo "--- QEMU stderr:"; cat "$dir/stderr"
exit 1
