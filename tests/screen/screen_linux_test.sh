#!/usr/bin/env bash
# screen_linux_test.sh - boots the default guest headless with
# softpc.test=screen (tests/guest/init.sh: known text and the tty1 shell's
# prompt on the VGA console, then power-off), and reads its console back
# off the screenshot softpc writes at exit with screen_text --strict:
# every cell must be a glyph of the font that drew it, a line must be
# exactly "SOFTPC-SCREEN <release>" (the release from the serial log's
# SOFTPC-GUEST-UP line), the next one "1+2+...+100 = 5050", and the last
# line with anything on it exactly "/ #".
#
#   screen_linux_test.sh SOFTPC SCREEN_TEXT GUESTDIR FONTDIR WORKDIR MODE [timeout]
#
# MODE: vgacon   our BIOS and VGA BIOS, -kernel: vgacon, 80x25 text
#                (720x400), our VGA BIOS's font
#       vesafb   our BIOS and VGA BIOS, -kernel with vga=0x314 in -append
#                (softpc, as the boot loader, puts it into the header's
#                vid_mode): vesafb at 800x600x16 through our VBE BIOS,
#                fbcon with the kernel's own 8x16 font (100x37 cells),
#                which kernel_font.py takes from the guest's vmlinuz
#       seabios  SeaBIOS and its vgabios-stdvga.bin, a copy of disk.img:
#                vgacon with SeaBIOS's font
# FONTDIR holds font-softpc.bin and font-seabios.bin (target screen_fonts).
# Exit 77 (ctest: skipped) when the guest, its screen mode or SeaBIOS is
# not there.
set -uo pipefail
softpc=$1 screen_text=$2 guest=$3 fonts=$4 work=$5 mode=$6 limit=${7:-900}

if [ ! -f "$guest/vmlinuz" ]; then
    echo "SKIP: no guest in $guest (tests/guest/make-guest.sh $guest builds it)"
    exit 77
fi
# A guest made before init.sh had the screen mode would sit in its shell
# until the timeout.
if ! gzip -dc "$guest/initrd.gz" | grep -a 'softpc.test=screen' >/dev/null; then
    echo "SKIP: the guest in $guest predates softpc.test=screen (rerun tests/guest/make-guest.sh $guest)"
    exit 77
fi
mkdir -p "$work"
cmdline="console=tty0 console=ttyS0 cryptomgr.notests softpc.test=screen"

# A copy of disk.img whose SYSLINUX boots with APPEND $1.
disk_with_append() {
    local disk=$work/$mode-disk.img
    if ! command -v mcopy >/dev/null; then
        echo "FAIL: mcopy missing (apt-get install mtools)" >&2
        return 1
    fi
    cp "$guest/disk.img" "$disk" || return 1
    printf 'DEFAULT linux\nLABEL linux\n  KERNEL vmlinuz\n  INITRD initrd.gz\n  APPEND %s\n' "$1" \
        > "$work/$mode-syslinux.cfg"
    mcopy -o -i "$disk" "$work/$mode-syslinux.cfg" ::/syslinux.cfg || return 1
    echo "$disk"
}

case $mode in
vgacon)
    font=$fonts/font-softpc.bin want_size=720x400 want_log='Console: colour VGA+ 80x25'
    args=(-kernel "$guest/vmlinuz" -initrd "$guest/initrd.gz" -append "$cmdline") ;;
vesafb)
    # fbcon draws with the kernel's own font, not the BIOS's: take it from
    # the guest's kernel (kernel_font.py says why and how).
    font=$work/font-linux.bin want_size=800x600
    want_log='vesafb: mode is 800x600x16'
    if ! python3 "$(dirname "$0")/kernel_font.py" "$guest/vmlinuz" "$fonts/font-softpc.bin" "$font"; then
        echo "FAIL: no font from $guest/vmlinuz"
        exit 1
    fi
    args=(-kernel "$guest/vmlinuz" -initrd "$guest/initrd.gz" -append "$cmdline vga=0x314") ;;
seabios)
    bios=/usr/share/seabios/bios.bin vgabios=/usr/share/seabios/vgabios-stdvga.bin
    if [ ! -f "$bios" ] || [ ! -f "$vgabios" ]; then
        echo "SKIP: $bios or $vgabios missing (apt-get install seabios)"
        exit 77
    fi
    font=$fonts/font-seabios.bin want_size=720x400 want_log='Console: colour VGA+ 80x25'
    disk=$(disk_with_append "$cmdline") || { echo "FAIL: cannot make the disk copy"; exit 1; }
    args=(-bios "$bios" --vgabios "$vgabios" -hda "$disk") ;;
*) echo "screen_linux_test.sh: unknown mode $mode" >&2; exit 2 ;;
esac
want_log=${want_log:-}
if [ ! -f "$font" ]; then
    echo "FAIL: $font missing (cmake --build BUILD --target screen_fonts makes it)"
    exit 1
fi

log=$work/$mode.serial.log shot=$work/$mode.png text=$work/$mode.txt
rm -f "$log" "$shot" "$text"
t0=$SECONDS
timeout -s TERM $((limit + 10)) "$softpc" -m 128 -display none -no-reboot -snapshot \
    -timeout "$limit" -serial "file:$log" --screenshot "$shot" "${args[@]}" </dev/null
status=$?
echo "softpc exited with status $status after $((SECONDS - t0)) s; last lines of $log:"
tail -n 3 "$log" 2>/dev/null | sed 's/^/    /'
if [ $status -ne 0 ]; then
    echo "FAIL: exit status $status (0 = the guest powered off)"
    exit 1
fi
release=$(sed -n 's/^SOFTPC-GUEST-UP \([^ ]*\).*/\1/p' "$log" | head -1)
if [ -z "$release" ]; then
    echo "FAIL: no SOFTPC-GUEST-UP line in $log"
    exit 1
fi
if ! grep -q '^SOFTPC-SCREEN-SHOWN' "$log"; then
    echo "FAIL: SOFTPC-SCREEN-SHOWN is not in $log (the guest did not run the screen test)"
    exit 1
fi
if [ -n "$want_log" ] && ! grep -q "$want_log" "$log"; then
    echo "FAIL: '$want_log' is not in $log"
    exit 1
fi

# The picture's size, from the PNG header (IHDR: width and height, big
# endian, at bytes 16-23).
read -r w3 w2 w1 w0 h3 h2 h1 h0 < <(od -An -tu1 -j16 -N8 "$shot")
size=$(( (w3 << 24) | (w2 << 16) | (w1 << 8) | w0 ))x$(( (h3 << 24) | (h2 << 16) | (h1 << 8) | h0 ))
if [ "$size" != "$want_size" ]; then
    echo "FAIL: $shot is $size, not $want_size"
    exit 1
fi

"$screen_text" --strict --font "$font" "$shot" > "$text"
read_status=$?
echo "screen ($size, font $(basename "$font")):"
sed 's/^/    |/' "$text"
if [ $read_status -ne 0 ]; then
    echo "FAIL: screen_text --strict exited with status $read_status"
    exit 1
fi

mapfile -t lines < "$text"
marker=-1 last=-1
for i in "${!lines[@]}"; do
    [ "${lines[$i]}" = "SOFTPC-SCREEN $release" ] && marker=$i
    [ -n "${lines[$i]}" ] && last=$i
done
if [ $marker -lt 0 ]; then
    echo "FAIL: no line is exactly 'SOFTPC-SCREEN $release'"
    exit 1
fi
if [ "${lines[$((marker + 1))]:-}" != "1+2+...+100 = 5050" ]; then
    echo "FAIL: line $((marker + 2)) is '${lines[$((marker + 1))]:-}', not '1+2+...+100 = 5050'"
    exit 1
fi
if [ "${lines[$last]}" != "/ #" ] || [ $last -le $((marker + 1)) ]; then
    echo "FAIL: the last line with text (line $((last + 1))) is '${lines[$last]}', not the prompt '/ #' below the marker"
    exit 1
fi
echo "PASS: line $((marker + 1)) 'SOFTPC-SCREEN $release', line $((marker + 2)) '1+2+...+100 = 5050', prompt '/ #' on line $((last + 1)) of ${#lines[@]}"
