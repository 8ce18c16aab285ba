#!/bin/sh
# make-guest.sh - builds softpc's default guest: Debian's i386 "686" Linux
# kernel and a busybox initramfs, straight from the Debian archive.
#
#   tests/guest/make-guest.sh OUTDIR
#
# OUTDIR gets:
#   vmlinuz      the kernel (Debian package linux-image-686's current version)
#   initrd.gz    busybox (package busybox-static, i386) with an /init that
#                prints SOFTPC-GUEST-UP on the console and then
#                  - with softpc.test=poweroff on the command line: powers off
#                  - otherwise: runs an interactive shell on the console;
#                    leaving it (exit, Ctrl-D) powers the machine off
#   disk.img     a 32 MiB FAT16 disk without a partition table that boots
#                the same kernel and initrd through SYSLINUX, to the shell
#   test-disk.img  the same with softpc.test=poweroff (the boot tests)
#   VERSION      the package versions used
# A second run with the same packages in the archive does nothing.
# Needs: apt-get, dpkg-deb, cpio, gzip, mtools, dosfstools, syslinux.
# The packages are GPL-2 (kernel, busybox, SYSLINUX); nothing from them is
# committed to this repository.
set -eu
out=${1:?usage: make-guest.sh OUTDIR}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out"; out=$(cd "$out" && pwd)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT

# An i386 view of the archive, without touching the host's dpkg setup.
lists=$work/lists; mkdir -p "$lists/partial"
apt="-oAPT::Architecture=i386 -oAPT::Architectures=i386 -oDir::State::Lists=$lists"
apt-get $apt -qq update >/dev/null 2>&1 || true
kpkg=$(apt-cache $apt depends linux-image-686 2>/dev/null |
       sed -n 's/.*Depends: \(linux-image-[0-9].*-686\)$/\1/p' | head -1)
[ -n "$kpkg" ] || { echo "make-guest: cannot find linux-image-686 (i386) in the archive" >&2; exit 1; }
kver=$(apt-cache $apt show "$kpkg" 2>/dev/null | sed -n 's/^Version: //p' | head -1)
bver=$(apt-cache $apt show busybox-static 2>/dev/null | sed -n 's/^Version: //p' | head -1)
# The scripts that make the guest count as inputs too.
scripts=$(cat "$here/init.sh" "$here/make-guest.sh" | cksum | cut -d' ' -f1)
want="$kpkg $kver busybox-static $bver scripts $scripts"
if [ -f "$out/VERSION" ] && [ "$(cat "$out/VERSION")" = "$want" ] &&
   [ -f "$out/vmlinuz" ] && [ -f "$out/initrd.gz" ] && [ -f "$out/test-disk.img" ]; then
    echo "make-guest: $out is up to date ($want)"
    exit 0
fi
(cd "$work" && apt-get $apt -qq download "$kpkg" busybox-static >/dev/null)
dpkg-deb -x "$work"/linux-image-*.deb "$work/k"
dpkg-deb -x "$work"/busybox-static_*.deb "$work/b"
cp "$work"/k/boot/vmlinuz-* "$out/vmlinuz"

r=$work/rootfs
mkdir -p "$r/bin" "$r/proc" "$r/sys" "$r/dev" "$r/tmp" "$r/root"
cp "$work/b/bin/busybox" "$r/bin/busybox"
cp "$here/init.sh" "$r/init"
chmod +x "$r/init"
(cd "$r" && find . | LC_ALL=C sort | cpio -o -H newc --reproducible 2>/dev/null | gzip -9n > "$out/initrd.gz")

# cryptomgr.notests: Debian's kernel runs its crypto self-tests (RSA and
# friends) at boot, about 35 s of emulated time and the longest part of a
# boot on softpc; the guest has no use for them.
make_disk() { # image, extra kernel arguments
    rm -f "$1"; truncate -s 32M "$1"
    mkfs.fat -F 16 -n SOFTPC -i 50F7C0DE "$1" >/dev/null
    printf 'DEFAULT linux\nLABEL linux\n  KERNEL vmlinuz\n  INITRD initrd.gz\n  APPEND console=tty0 console=ttyS0 cryptomgr.notests%s\n' "$2" > "$work/syslinux.cfg"
    mcopy -i "$1" "$out/vmlinuz" "$out/initrd.gz" "$work/syslinux.cfg" ::/
    syslinux --install "$1"
}
make_disk "$out/disk.img" ""
make_disk "$out/test-disk.img" " softpc.test=poweroff"
echo "$want" > "$out/VERSION"
echo "make-guest: $want -> $out"
