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
  *" softpc.test=screen "*)
    # Known text on the VGA console for tests/screen (screen_linux_test.sh
    # reads it back off a screenshot): no kernel messages from now on (a
    # console level of 0 silences even the emergency-level "reboot: Power
    # down", which dmesg -n 1 lets through), no cursor (it blinks, so a
    # screenshot would catch it in either phase), the marker with the
    # kernel release, a line a command computed, then the interactive tty1
    # shell's banner and prompt.  The pause is emulated time.
    echo 0 > /proc/sys/kernel/printk
    printf '\033[?25l' > /dev/tty1
    echo "SOFTPC-SCREEN $(uname -r)" > /dev/tty1
    seq 100 | awk '{ s += $1 } END { print "1+2+...+100 = " s }' > /dev/tty1
    setsid sh -c 'exec sh </dev/tty1 >/dev/tty1 2>&1' &
    sleep 2
    echo "SOFTPC-SCREEN-SHOWN"
    poweroff -f ;;
esac
echo "softpc default guest: a busybox shell. 'exit' or Ctrl-D powers the machine off."
# A second shell on the VGA console (tty1), for the window: the kernel
# shows its messages on both consoles (console=tty0 console=ttyS0), and
# /dev/console - this script's output - is the serial line.
setsid sh -c 'exec sh </dev/tty1 >/dev/tty1 2>&1' &
setsid cttyhack sh
poweroff -f
