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
setsid cttyhack sh
poweroff -f
