# tests/frontend/frontend.cmake - the command line and the minimal board,
# end to end: softpc runs tiny nasm ROMs (tests/frontend/roms, built at
# build time) and run_case.sh checks the exit status, the stderr line and
# the POST log; bad input (files, options) must give status 1, one line
# on stderr and nothing on stdout.  Where QEMU is installed, the ROMs that
# report through port 0x501 also run under qemu-system-i386 (with
# isa-debug-exit) as an independent oracle for the expected status.
# Without nasm the ROM cases are skipped with a notice; the bad-input
# cases still run.

find_program(NASM nasm)
find_program(QEMU_SYSTEM_I386 qemu-system-i386)

set(FRONTEND_DIR ${CMAKE_SOURCE_DIR}/tests/frontend)
set(FRONTEND_ROM_DIR ${CMAKE_BINARY_DIR}/tests/frontend)
set(FRONTEND_RUN ${FRONTEND_DIR}/run_case.sh)
file(MAKE_DIRECTORY ${FRONTEND_ROM_DIR})

# frontend_case(NAME checks... -- softpc args...): one ctest running softpc.
# DISPLAY and WAYLAND_DISPLAY are emptied so softpc runs headless even
# where the host has a display (its default would be a window).
function(frontend_case name)
  add_test(NAME frontend_${name}
           COMMAND bash ${FRONTEND_RUN} ${ARGN})
  set_tests_properties(frontend_${name} PROPERTIES TIMEOUT 60
                       ENVIRONMENT "DISPLAY=;WAYLAND_DISPLAY=")
endfunction()

# ---- bad input: status 1, one line naming the file or option -------------

set(SOFTPC $<TARGET_FILE:softpc>)
set(BAD --status 1 --stderr-lines 1 --stdout-empty)
# Disks, kernels and the other machine options: each bad value is named.
frontend_case(hda_missing ${BAD} --stderr-has "softpc: -hda @W@/none.img"
              -- ${SOFTPC} -hda @W@/none.img)
frontend_case(hda_empty ${BAD} --make empty.img 0 --stderr-has "@W@/empty.img"
              -- ${SOFTPC} -hda @W@/empty.img)
frontend_case(hda_odd_size ${BAD} --make odd.img 1000 --stderr-has "@W@/odd.img"
              -- ${SOFTPC} -hdb @W@/odd.img)
frontend_case(fda_not_floppy_size ${BAD} --make f.img 512000
              --stderr-has "softpc: -fda @W@/f.img: 512000 bytes is not a floppy size"
              -- ${SOFTPC} -fda @W@/f.img)
frontend_case(kernel_missing ${BAD} --stderr-has "softpc: -kernel @W@/vmlinuz: cannot open"
              -- ${SOFTPC} -kernel @W@/vmlinuz)
frontend_case(kernel_not_bzimage ${BAD} --make k.bin 4096
              --stderr-has "softpc: -kernel @W@/k.bin: not a Linux kernel image"
              -- ${SOFTPC} -kernel @W@/k.bin)
frontend_case(initrd_without_kernel ${BAD} --stderr-has "softpc: -initrd: needs -kernel"
              -- ${SOFTPC} -initrd x)
frontend_case(append_without_kernel ${BAD} --stderr-has "softpc: -append: needs -kernel"
              -- ${SOFTPC} -append "console=ttyS0")
frontend_case(boot_cdrom ${BAD} --stderr-has "softpc: -boot: 'd' (CD-ROM) cannot boot yet"
              -- ${SOFTPC} -boot d)
frontend_case(boot_twice ${BAD} --stderr-has "softpc: -boot: 'c' is listed twice"
              -- ${SOFTPC} -boot cc)
frontend_case(boot_unknown ${BAD} --stderr-has "softpc: -boot: 'z' is not a boot device"
              -- ${SOFTPC} -boot order=z)
frontend_case(serial_bad ${BAD} --stderr-has "-serial" -- ${SOFTPC} -serial tcp:1234)
frontend_case(serial_unwritable ${BAD} --stderr-has "@W@/no/dir/s.log"
              -- ${SOFTPC} -serial file:@W@/no/dir/s.log)
frontend_case(clock_bad ${BAD} --stderr-has "softpc: -clock: 'fast' is not a clock"
              -- ${SOFTPC} -clock fast)
if(SOFTPC_HAVE_SDL)
  frontend_case(display_sdl_no_display ${BAD}
                --stderr-has "softpc: -display sdl: cannot open a window: no display"
                -- ${SOFTPC} -display sdl)
else()
  frontend_case(display_sdl_not_built ${BAD}
                --stderr-has "softpc: -display: 'sdl': this softpc was built without SDL2"
                -- ${SOFTPC} -display sdl)
endif()
frontend_case(display_bad ${BAD} --stderr-has "softpc: -display: 'gtk' is not a display"
              -- ${SOFTPC} -display gtk)
frontend_case(display_empty ${BAD} --stderr-has "softpc: --display: '' is not a display"
              -- ${SOFTPC} --display=)
frontend_case(vga_bad ${BAD} --stderr-has "softpc: -vga: 'cirrus' is not a VGA card"
              -- ${SOFTPC} -vga cirrus)
frontend_case(vga_no_value ${BAD} --stderr-has "softpc: -vga: needs a value" -- ${SOFTPC} -vga)
frontend_case(vgabios_missing ${BAD}
              --stderr-has "softpc: --vgabios @W@/none.bin: cannot open the VGA BIOS image"
              -- ${SOFTPC} --vgabios @W@/none.bin)
frontend_case(vgabios_empty ${BAD} --make empty.bin 0
              --stderr-has "softpc: --vgabios @W@/empty.bin: the VGA BIOS image is empty"
              -- ${SOFTPC} --vgabios @W@/empty.bin)
frontend_case(vgabios_64k_plus_1 ${BAD} --make big.bin 65537
              --stderr-has "@W@/big.bin: the VGA BIOS image is larger than 64 KiB"
              -- ${SOFTPC} -vgabios @W@/big.bin)
frontend_case(vgabios_huge ${BAD} --make big.bin 1048576
              --stderr-has "@W@/big.bin: the VGA BIOS image is larger than 64 KiB"
              -- ${SOFTPC} --vgabios=@W@/big.bin)
frontend_case(vgabios_directory ${BAD}
              --stderr-has "softpc: --vgabios @W@: cannot read the VGA BIOS image"
              -- ${SOFTPC} --vgabios @W@)
frontend_case(vgabios_without_vga ${BAD}
              --stderr-has "softpc: --vgabios: needs a VGA card (it was given with -vga none)"
              -- ${SOFTPC} -vga none --vgabios x.bin)
frontend_case(screenshot_missing_dir ${BAD} --no-file no
              --stderr-has "softpc: --screenshot @W@/no/dir/s.png: cannot create the file"
              -- ${SOFTPC} --screenshot @W@/no/dir/s.png)
frontend_case(screenshot_empty_name ${BAD} --stderr-has "softpc: -screenshot: the file name is empty"
              -- ${SOFTPC} -screenshot=)
frontend_case(full_screen_with_value ${BAD} --stderr-has "softpc: -full-screen: takes no value"
              -- ${SOFTPC} -full-screen=on)
frontend_case(bios_missing ${BAD} --stderr-has "@W@/none.bin: cannot open"
              --no-file post.log
              -- ${SOFTPC} --bios @W@/none.bin --post-log @W@/post.log)
frontend_case(bios_empty ${BAD} --make empty.bin 0
              --stderr-has "@W@/empty.bin: BIOS image is empty" --no-file post.log
              -- ${SOFTPC} --bios @W@/empty.bin --post-log @W@/post.log)
frontend_case(bios_1000_bytes ${BAD} --make odd.bin 1000
              --stderr-has "@W@/odd.bin: BIOS image size is not a multiple of 64 KiB (1000 bytes"
              -- ${SOFTPC} -bios @W@/odd.bin)
frontend_case(bios_2mib ${BAD} --make big.bin 2097152
              --stderr-has "@W@/big.bin: BIOS image is larger than 1 MiB"
              -- ${SOFTPC} --bios=@W@/big.bin)
frontend_case(bios_1mib_plus_64k ${BAD} --make big.bin 1114112
              --stderr-has "@W@/big.bin: BIOS image is larger than 1 MiB"
              -- ${SOFTPC} --bios @W@/big.bin)
frontend_case(bios_directory ${BAD} --stderr-has "@W@: cannot read the BIOS image"
              -- ${SOFTPC} --bios @W@)
frontend_case(bios_no_value ${BAD} --stderr-has "softpc: --bios: needs a value"
              -- ${SOFTPC} --bios)
frontend_case(m_zero ${BAD} --stderr-has "softpc: -m: '0' is not a RAM size"
              -- ${SOFTPC} -m 0)
frontend_case(m_abc ${BAD} --stderr-has "softpc: -m: 'abc' is not a RAM size"
              -- ${SOFTPC} -m abc)
frontend_case(m_too_big ${BAD} --stderr-has "softpc: --m: '4G' is not a RAM size"
              -- ${SOFTPC} --m=4G)
frontend_case(m_negative ${BAD} --stderr-has "softpc: -m: '-1' is not a RAM size"
              -- ${SOFTPC} -m -1)
frontend_case(m_huge_digits ${BAD}
              --stderr-has "softpc: -m: '99999999999999999999999' is not a RAM size"
              -- ${SOFTPC} -m 99999999999999999999999)
frontend_case(timeout_abc ${BAD} --stderr-has "softpc: --timeout: 'abc' is not a time"
              -- ${SOFTPC} --timeout abc)
frontend_case(timeout_zero ${BAD} --stderr-has "softpc: -timeout: '0' is not a time"
              -- ${SOFTPC} -timeout 0)
frontend_case(timeout_nan ${BAD} --stderr-has "softpc: --timeout: 'nan' is not a time"
              -- ${SOFTPC} --timeout=nan)
frontend_case(unknown_option ${BAD} --stderr-has "softpc: --frobnicate: unknown option"
              -- ${SOFTPC} --frobnicate)
frontend_case(unknown_option_value ${BAD} --stderr-has "softpc: -hdz: unknown option"
              -- ${SOFTPC} -hdz=disk.img)
frontend_case(stray_argument ${BAD} --stderr-has "softpc: disk.img: unexpected argument"
              -- ${SOFTPC} disk.img)
frontend_case(flag_with_value ${BAD} --stderr-has "softpc: --no-reboot: takes no value"
              -- ${SOFTPC} --no-reboot=yes)
frontend_case(help --status 0 --stderr-lines 0 -- ${SOFTPC} -help)
frontend_case(version --status 0 --stderr-lines 0 -- ${SOFTPC} --version)

# ---- ROMs ----------------------------------------------------------------

if(NOT NASM)
  message(NOTICE "nasm not found: the frontend test ROMs (tests/frontend/roms) are skipped")
  return()
endif()

set(FRONTEND_ROM_IMAGES "")
# frontend_rom(NAME SOURCE nasm-defines...): build roms/SOURCE.asm into NAME.bin
function(frontend_rom name source)
  set(bin ${FRONTEND_ROM_DIR}/${name}.bin)
  add_custom_command(
    OUTPUT ${bin}
    COMMAND ${NASM} -f bin -w+all -w+error -I${FRONTEND_DIR}/roms/ ${ARGN}
            -o ${bin} ${FRONTEND_DIR}/roms/${source}.asm
    DEPENDS ${FRONTEND_DIR}/roms/${source}.asm ${FRONTEND_DIR}/roms/rom.inc
            ${FRONTEND_DIR}/roms/rom_end.inc
    COMMENT "nasm tests/frontend/roms/${source}.asm -> ${name}.bin"
    VERBATIM)
  set(FRONTEND_ROM_IMAGES ${FRONTEND_ROM_IMAGES} ${bin} PARENT_SCOPE)
endfunction()

# frontend_oracle(NAME STATUS ROM qemu-args...): the same ROM under QEMU.
function(frontend_oracle name status rom)
  if(QEMU_SYSTEM_I386)
    add_test(NAME frontend_qemu_${name}
             COMMAND bash ${FRONTEND_RUN} --status ${status} --
                     timeout 60 ${QEMU_SYSTEM_I386} -nodefaults -machine pc -cpu pentium3
                     -m 16 -display none -device isa-debug-exit,iobase=0x501,iosize=2
                     -bios ${FRONTEND_ROM_DIR}/${rom}.bin ${ARGN})
    set_tests_properties(frontend_qemu_${name} PROPERTIES TIMEOUT 90)
  endif()
endfunction()

set(R ${FRONTEND_ROM_DIR})
set(POST --post-log @W@/post.log)

# Debug-exit port: status (v << 1) | 1, at the OUT itself (no EE logged).
frontend_rom(exit_2a exit_value -DVALUE=0x2A -DPORT=0x501)
frontend_rom(exit_10 exit_value -DVALUE=0x10 -DPORT=0x501)
frontend_rom(exit_7f exit_value -DVALUE=0x7F -DPORT=0x501)
frontend_rom(exit_word exit_value -DVALUE=0x0133 -DPORT=0x501 -DWORD)
frontend_rom(exit_port502 exit_value -DVALUE=0x21 -DPORT=0x502)
frontend_rom(exit_rep_outs exit_value -DVALUE=0x2A -DPORT=0x501 -DREP_OUTS)
foreach(c "2a;85" "10;33" "7f;255" "word;103" "port502;67" "rep_outs;85")
  list(GET c 0 n)
  list(GET c 1 st)
  frontend_case(exit_${n} --status ${st} --stderr-lines 0 --stdout-empty --post-log "01"
                -- ${SOFTPC} --bios ${R}/exit_${n}.bin ${POST})
  frontend_oracle(exit_${n} ${st} exit_${n})
endforeach()

# POST port: exact log, word OUT logs the low byte, reads return the last code.
frontend_rom(post_codes post_codes)
frontend_case(post_codes --status 33 --stderr-lines 0 --stdout-empty
              --post-log "00 12 AB FF 56 C3" -- ${SOFTPC} --bios ${R}/post_codes.bin ${POST})
frontend_case(post_log_unwritable ${BAD} --stderr-has "@W@/no/such/dir/p.log: cannot open"
              -- ${SOFTPC} --bios ${R}/post_codes.bin --post-log @W@/no/such/dir/p.log)
frontend_case(post_log_full --status 1 --stderr-lines 1
              --stderr-has "/dev/full: could not write the POST log"
              -- ${SOFTPC} --bios ${R}/post_codes.bin --post-log /dev/full)

# HLT that nothing can wake: status 2 and CS:EIP of the HLT.
frontend_rom(halt_cli halt)
frontend_rom(halt_sti halt -DWITH_IF)
frontend_case(halt_cli --status 2 --stderr-lines 1 --stdout-empty --post-log "01"
              --stderr-has "CPU halted at F000:E000 with interrupts disabled"
              -- ${SOFTPC} --bios ${R}/halt_cli.bin ${POST})
frontend_case(halt_sti --status 2 --stderr-lines 1 --stdout-empty --post-log "01"
              --stderr-has "CPU halted at F000:E000 with every interrupt masked at the 8259"
              -- ${SOFTPC} --bios ${R}/halt_sti.bin ${POST})

# Host-side ends: --timeout, SIGINT, SIGTERM; the POST log is still flushed.
frontend_rom(endless endless)
frontend_case(timeout --status 124 --stderr-lines 1 --stdout-empty --post-log "01"
              --stderr-has "--timeout: 1 s of host time expired"
              -- ${SOFTPC} --bios ${R}/endless.bin --timeout 1 ${POST})
frontend_case(timeout_fraction --status 124 --stderr-lines 1 --post-log "01"
              -- ${SOFTPC} --bios ${R}/endless.bin --timeout=0.3 ${POST})
frontend_rom(endless_rep endless_rep)
frontend_case(timeout_in_rep --status 124 --stderr-lines 1 --post-log "01" --max-seconds 10
              -- ${SOFTPC} --bios ${R}/endless_rep.bin --timeout 0.5 ${POST})
frontend_case(sigint --status 130 --stderr-lines 1 --stdout-empty --post-log "01"
              --stderr-has "stopped by SIGINT" --signal INT 1
              -- ${SOFTPC} --bios ${R}/endless.bin ${POST})
frontend_case(sigterm --status 143 --stderr-lines 1 --stdout-empty --post-log "01"
              --stderr-has "stopped by SIGTERM" --signal TERM 1
              -- ${SOFTPC} --bios ${R}/endless.bin --timeout 30 ${POST})

# Triple fault: --no-reboot exits with 3; otherwise the CPU resets and
# RAM survives, so the third boot passes.
frontend_rom(triple_fault triple_fault)
frontend_case(triple_fault_no_reboot --status 3 --stderr-lines 1 --stdout-empty
              --post-log "01" --stderr-has "triple fault at F000:D000"
              -- ${SOFTPC} --bios ${R}/triple_fault.bin --no-reboot ${POST})
frontend_case(triple_fault_reboots --status 33 --stderr-lines 0 --post-log "01 02 03"
              -- ${SOFTPC} --bios ${R}/triple_fault.bin --timeout 30 ${POST})
frontend_oracle(triple_fault_reboots 33 triple_fault)
frontend_oracle(triple_fault_no_reboot 0 triple_fault -no-reboot)

# -m: RAM at 1 MiB only with more than 1 MiB; M and G suffixes.
frontend_rom(ram_size ram_size)
frontend_case(ram_1m --status 35 --stderr-lines 0 -- ${SOFTPC} --bios ${R}/ram_size.bin -m 1)
frontend_case(ram_2m --status 33 --stderr-lines 0 -- ${SOFTPC} --bios ${R}/ram_size.bin -m 2)
frontend_case(ram_default --status 33 --stderr-lines 0 -- ${SOFTPC} --bios ${R}/ram_size.bin)
frontend_case(ram_suffix_m --status 35 --stderr-lines 0 -- ${SOFTPC} -bios ${R}/ram_size.bin -m=1M)
frontend_case(ram_suffix_g --status 33 --stderr-lines 0 -- ${SOFTPC} -bios ${R}/ram_size.bin -m 1G)
frontend_oracle(ram_2m 33 ram_size)

# BIOS images larger than 64 KiB: the top 128 KiB at most below 1 MiB.
foreach(size 0x10000 0x20000 0x40000 0x100000)
  frontend_rom(bios_size_${size} bios_size -DSIZE=${size})
  frontend_case(bios_size_${size} --status 33 --stderr-lines 0
                -- ${SOFTPC} --bios ${R}/bios_size_${size}.bin)
  frontend_oracle(bios_size_${size} 33 bios_size_${size})
endforeach()

# The default clock is virtual: the TSC counts instructions exactly.
frontend_rom(tsc_clock tsc_clock)
frontend_case(clock_default_virtual --status 33 --stderr-lines 0
              -- ${SOFTPC} --bios ${R}/tsc_clock.bin)
frontend_case(clock_virtual --status 33 --stderr-lines 0
              -- ${SOFTPC} --bios ${R}/tsc_clock.bin -clock virtual)

# Debug console, port 0xE9: bytes to stdout or a file; reads return 0xE9.
frontend_rom(debugcon debugcon)
frontend_case(debugcon_stdio --status 33 --stderr-lines 0 --stdout-is hello
              -- ${SOFTPC} --bios ${R}/debugcon.bin --debugcon stdio)
frontend_case(debugcon_off --status 33 --stderr-lines 0 --stdout-empty
              -- ${SOFTPC} --bios ${R}/debugcon.bin)
frontend_case(debugcon_unwritable ${BAD} --stderr-has "@W@/no/dir/con.txt: cannot open"
              -- ${SOFTPC} --bios ${R}/debugcon.bin --debugcon @W@/no/dir/con.txt)
frontend_oracle(debugcon 33 debugcon -debugcon null)

# --screenshot: written at every end of the run.  These ROMs never run a
# VGA BIOS, so the card shows its blank 640x480 screen (and -vga none the
# frontend's own).  A bad early exit leaves no file.
set(SHOT --screenshot @W@/shot.png)
frontend_case(screenshot_debug_exit --status 85 --stderr-lines 0 --png shot.png 640 480
              -- ${SOFTPC} --bios ${R}/exit_2a.bin ${SHOT})
frontend_case(screenshot_timeout --status 124 --stderr-lines 1 --png shot.png 640 480
              -- ${SOFTPC} --bios ${R}/endless.bin --timeout 0.3 ${SHOT})
frontend_case(screenshot_sigterm --status 143 --stderr-lines 1 --png shot.png 640 480
              --signal TERM 1 -- ${SOFTPC} --bios ${R}/endless.bin --timeout 30 ${SHOT})
frontend_case(screenshot_halt --status 2 --stderr-lines 1 --png shot.png 640 480
              -- ${SOFTPC} --bios ${R}/halt_cli.bin ${SHOT})
frontend_case(screenshot_vga_none --status 85 --stderr-lines 0 --png shot.png 640 480
              -- ${SOFTPC} --bios ${R}/exit_2a.bin -vga none ${SHOT})
frontend_case(screenshot_not_after_bad_file ${BAD} --no-file shot.png
              -- ${SOFTPC} --bios ${R}/exit_2a.bin -hda @W@/none.img ${SHOT})
frontend_case(screenshot_full_disk --status 1 --stderr-lines 1
              --stderr-has "softpc: /dev/full: cannot write the screenshot"
              -- ${SOFTPC} --bios ${R}/exit_2a.bin --screenshot /dev/full)
# -append's vga= is the loader's to parse (it sets the header's vid_mode):
# a value that is neither a number nor normal/ext/ask is refused.
frontend_rom(fake_bzimage fake_bzimage)
frontend_case(append_bad_vga ${BAD}
              --stderr-has "softpc: -append: vga= takes a mode number, normal, ext or ask"
              -- ${SOFTPC} -kernel ${R}/fake_bzimage.bin -append "console=ttyS0 vga=big")
frontend_case(append_vga_taken --status 2 --stderr-lines 1
              -- ${SOFTPC} -kernel ${R}/fake_bzimage.bin -append "vga=0x314")
# A VGA BIOS of exactly 64 KiB is taken.
frontend_case(vgabios_64k --status 85 --stderr-lines 0 --make vga.bin 65536
              -- ${SOFTPC} --bios ${R}/exit_2a.bin --vgabios @W@/vga.bin)

add_custom_target(frontend_roms ALL DEPENDS ${FRONTEND_ROM_IMAGES})
