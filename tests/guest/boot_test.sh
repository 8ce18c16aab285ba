#!/usr/bin/env bash
# boot_test.sh - boots the default guest (tests/guest/make-guest.sh) on
# softpc and checks how it ended: the serial log must show the guest's
# /init running (SOFTPC-GUEST-UP) and softpc must exit with status 0,
# which only the guest's ACPI power-off (S5) gives.
#
#   boot_test.sh SOFTPC GUESTDIR WORKDIR MODE [timeout-seconds]
#
# MODE: kernel  -kernel/-initrd/-append through our BIOS
#       hda     -hda test-disk.img: our BIOS, INT 13h, SYSLINUX on FAT16
#       seabios -bios SeaBIOS (Debian's /usr/share/seabios/bios.bin), -hda
#       repeat  -kernel twice with --clock virtual: the serial logs must be
#               byte-identical
# Exit 77 (ctest: skipped) when the guest or SeaBIOS is not there.
set -uo pipefail
softpc=$1 guest=$2 work=$3 mode=$4 limit=${5:-600}
if [ ! -f "$guest/vmlinuz" ]; then
    echo "SKIP: no guest in $guest (tests/guest/make-guest.sh $guest builds it)"
    exit 77
fi
mkdir -p "$work"
kernel_args=(-kernel "$guest/vmlinuz" -initrd "$guest/initrd.gz"
             -append "console=ttyS0 softpc.test=poweroff cryptomgr.notests")

boot() { # log-file, softpc args...
    local log=$1; shift
    local t0=$SECONDS
    timeout -s TERM $((limit + 10)) "$softpc" -m 128 -nographic -no-reboot -timeout "$limit" \
        -serial "file:$log" "$@" </dev/null
    local status=$?
    echo "softpc exited with status $status after $((SECONDS - t0)) s; last lines of $log:"
    tail -n 5 "$log" 2>/dev/null | sed 's/^/    /'
    if [ $status -ne 0 ]; then
        echo "FAIL: exit status $status (0 = the guest powered off)"
        return 1
    fi
    if ! grep -q "SOFTPC-GUEST-UP" "$log"; then
        echo "FAIL: SOFTPC-GUEST-UP is not in $log"
        return 1
    fi
    return 0
}

case $mode in
kernel)  boot "$work/kernel.log" "${kernel_args[@]}" ;;
hda)     boot "$work/hda.log" -snapshot -hda "$guest/test-disk.img" ;;
seabios)
    bios=/usr/share/seabios/bios.bin
    [ -f "$bios" ] || { echo "SKIP: $bios missing (apt-get install seabios)"; exit 77; }
    boot "$work/seabios.log" -bios "$bios" -snapshot -hda "$guest/test-disk.img" ;;
repeat)
    boot "$work/repeat1.log" -clock virtual "${kernel_args[@]}" || exit 1
    boot "$work/repeat2.log" -clock virtual "${kernel_args[@]}" || exit 1
    if ! cmp "$work/repeat1.log" "$work/repeat2.log"; then
        echo "FAIL: two --clock virtual runs gave different serial logs"
        diff "$work/repeat1.log" "$work/repeat2.log" | head -20
        exit 1
    fi
    echo "identical serial logs: $(wc -c < "$work/repeat1.log") bytes" ;;
*) echo "boot_test.sh: unknown mode $mode" >&2; exit 2 ;;
esac
