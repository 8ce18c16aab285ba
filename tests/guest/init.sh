#!/bin/busybox sh
# /init of softpc's default guest (tests/guest/make-guest.sh puts it in the
# initramfs).  The boot tests look for SOFTPC-GUEST-UP on the serial log
# and for softpc's exit status 0, which only an ACPI power-off gives.
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev 2>/dev/null
echo "SOFTPC-GUEST-UP $(uname -r) $(cat /proc/cpuinfo | sed -n 's/^model name[^:]*: //p' | head -1)"
case " $(cat /proc/cmdline) " in
  *" softpc.test=poweroff "*)
    echo "SOFTPC-GUEST-POWEROFF"
    poweroff -f ;;
esac
echo "softpc default guest: a busybox shell. 'exit' or Ctrl-D powers the machine off."
# A second shell on the VGA console (tty1), for the window: the kernel
# shows its messages on both consoles (console=tty0 console=ttyS0), and
# /dev/console - this script's output - is the serial line.
setsid sh -c 'exec sh </dev/tty1 >/dev/tty1 2>&1' &
setsid cttyhack sh
poweroff -f
