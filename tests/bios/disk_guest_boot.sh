#!/bin/sh
# disk_guest_boot.sh - boot the Debian guest image (SYSLINUX, kernel,
# busybox initramfs) under QEMU with our BIOS; pass when the guest prints
# GUEST-BOOTED (or SOFTPC-GUEST-UP, tests/guest) on COM1 and QEMU exits 0, which it does when the guest
# powers off through ACPI S5 (SLP_TYP from our DSDT's \_S5 into the PIIX4
# PM1a_CNT of our FADT).  The image is opened read-only (snapshot=on).
#   disk_guest_boot.sh QEMU BIOS IMAGE
set -u
qemu=$1 bios=$2 image=$3
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
timeout 300 "$qemu" -machine pc -cpu ${QEMU_CPU:-pentium3} -m 128 \
    -bios "$bios" -vga none -display none -no-reboot \
    -drive file="$image",format=raw,if=ide,snapshot=on -boot c \
    -serial file:"$dir/com1" -monitor none 2> "$dir/stderr"
status=$?
if [ "$status" -eq 0 ] && grep -Eq "GUEST-BOOTED|SOFTPC-GUEST-UP" "$dir/com1" \
        && ! grep -q 'ACPI Error' "$dir/com1"; then
    echo "guest booted and powered off"
    exit 0
fi
echo "disk_guest_boot.sh: QEMU exit status $status (0 = ACPI power-off)" >&2
echo "--- COM1:"; cat "$dir/com1"
echo "--- QEMU stderr:"; cat "$dir/stderr"
exit 1
