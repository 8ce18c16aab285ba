#!/bin/sh
# run_softpc.sh - boot one BIOS test image on softpc (with our BIOS and
# softpc's own chips, where run_qemu.sh/disk_run.sh use QEMU's) and pass
# when it reports PASS through the debug-exit port (exit status 33).
#   run_softpc.sh SOFTPC BIOS MEM_MB BOOT(a|c) softpc-drive-args...
# Prints the debug console (E9h) and COM1 on failure.
set -u
softpc=$1 bios=$2 mem=$3 boot=$4
shift 4
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$softpc" -m "$mem" -bios "$bios" -nographic -no-reboot -timeout 60 -snapshot \
    -boot "$boot" "$@" -serial file:"$dir/com1" -debugcon "$dir/e9" \
    < /dev/null 2> "$dir/stderr"
status=$?
if [ "$status" -eq 33 ]; then
    cat "$dir/e9"
    exit 0
fi
echo "run_softpc.sh: softpc exit status $status, expected 33 (PASS)" >&2
echo "--- debug console (port E9h):"; cat "$dir/e9"
echo "--- COM1:"; cat "$dir/com1"
echo "--- softpc stderr:"; cat "$dir/stderr"
exit 1
