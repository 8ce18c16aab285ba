# tests/bios/disk_tests.cmake - the BIOS disk, PCI and ACPI tests (bios-disk):
# boot images built from tests/bios/disk_*.asm (framed by bios_test.inc,
# helpers in disk_lib.inc) plus pattern sectors written by disk_image.py,
# run under QEMU with our BIOS (${CMAKE_BINARY_DIR}/roms/bios.bin, from
# bios/bios.cmake) by disk_run.sh; each reports PASS/FAIL through the
# isa-debug-exit port.  disk_guest_boot boots the Debian guest image when
# it exists and passes when it prints GUEST-BOOTED and powers off (ACPI S5).
# Needs nasm, qemu-system-i386 and python3; without them the tests are
# skipped with a warning.

find_program(NASM_EXECUTABLE nasm)
find_program(QEMU_I386_EXECUTABLE qemu-system-i386)
find_package(Python3 COMPONENTS Interpreter)
if(NOT NASM_EXECUTABLE OR NOT QEMU_I386_EXECUTABLE OR NOT Python3_Interpreter_FOUND)
  message(WARNING "nasm, qemu-system-i386 or python3 not found: the BIOS disk tests are not run")
  return()
endif()

set(DISK_TESTS_DIR ${CMAKE_SOURCE_DIR}/tests/bios)
set(DISK_TESTS_BIN ${CMAKE_BINARY_DIR}/tests/bios)
set(DISK_TESTS_ROM ${CMAKE_BINARY_DIR}/roms/bios.bin)
file(MAKE_DIRECTORY ${DISK_TESTS_BIN})

set(DISK_TEST_IMAGES "")
# disk_test_image(NAME SOURCE SECTORS "NASM_DEFINES" [--pattern FIRST:COUNT ...]):
# NAME.img of SECTORS sectors with the assembled SOURCE at sector 0 and the
# pattern elsewhere (all of it, or the ranges given).
function(disk_test_image name source sectors defines)
  set(code ${DISK_TESTS_BIN}/${name}.bin)
  set(img ${DISK_TESTS_BIN}/${name}.img)
  separate_arguments(define_list UNIX_COMMAND "${defines}")
  add_custom_command(
    OUTPUT ${img}
    COMMAND ${NASM_EXECUTABLE} -f bin -w+all -I${DISK_TESTS_DIR}/ ${define_list}
            -o ${code} ${DISK_TESTS_DIR}/${source}.asm
    COMMAND ${Python3_EXECUTABLE} ${DISK_TESTS_DIR}/disk_image.py ${img} ${sectors}
            --code ${code} ${ARGN}
    DEPENDS ${DISK_TESTS_DIR}/${source}.asm ${DISK_TESTS_DIR}/bios_test.inc
            ${DISK_TESTS_DIR}/disk_lib.inc ${DISK_TESTS_DIR}/disk_image.py
    COMMENT "disk test image ${name}"
    VERBATIM)
  set(DISK_TEST_IMAGES ${DISK_TEST_IMAGES} ${img} PARENT_SCOPE)
endfunction()

# disk_test(NAME BOOT QEMU-DRIVE-ARGS...): see disk_run.sh.
function(disk_test name boot)
  add_test(NAME bios_qemu_${name}
           COMMAND ${DISK_TESTS_DIR}/disk_run.sh ${QEMU_I386_EXECUTABLE}
                   ${DISK_TESTS_ROM} 32 ${boot} ${ARGN})
endfunction()

# Floppies: medium sectors per track, the CMOS drive type QEMU picks for
# the image, that type's own sectors per track.
foreach(medium "1440;18;4;18;2880" "720;9;4;18;1440" "2880;36;5;36;5760")
  list(GET medium 0 size)
  list(GET medium 1 spt)
  list(GET medium 2 type)
  list(GET medium 3 drive_spt)
  list(GET medium 4 sectors)
  disk_test_image(disk_floppy_${size} disk_floppy ${sectors}
    "-DFD_SPT=${spt} -DFD_DRIVE_TYPE=${type} -DFD_DRIVE_SPT=${drive_spt}")
  disk_test(disk_floppy_${size} a
    -drive file=${DISK_TESTS_BIN}/disk_floppy_${size}.img,format=raw,if=floppy,snapshot=on)
endforeach()

# Hard disks: 8 MiB boot disk, 200 GiB sparse secondary slave (LBA48).
disk_test_image(disk_hd disk_hd 16384 "")
set(big_disk ${DISK_TESTS_BIN}/disk_hd_big.img)
add_custom_command(
  OUTPUT ${big_disk}
  COMMAND ${Python3_EXECUTABLE} ${DISK_TESTS_DIR}/disk_image.py ${big_disk} 419430400
          --pattern 0x18000000:4 --pattern 0x0FFFFFF0:32
  DEPENDS ${DISK_TESTS_DIR}/disk_image.py
  COMMENT "disk test image disk_hd_big (sparse, 200 GiB)"
  VERBATIM)
list(APPEND DISK_TEST_IMAGES ${big_disk})
disk_test(disk_hd c
  -drive file=${DISK_TESTS_BIN}/disk_hd.img,format=raw,if=ide,index=0,snapshot=on
  -drive file=${big_disk},format=raw,if=ide,index=3,snapshot=on)

# PCI BIOS and ACPI tables, with and without a local APIC.
disk_test_image(disk_pci disk_pci 64 "")
disk_test(disk_pci c
  -drive file=${DISK_TESTS_BIN}/disk_pci.img,format=raw,if=ide,snapshot=on)
disk_test_image(disk_pci_486 disk_pci 64 "-DEXPECT_MADT=0")
disk_test(disk_pci_486 c
  -drive file=${DISK_TESTS_BIN}/disk_pci_486.img,format=raw,if=ide,snapshot=on)
set_tests_properties(bios_qemu_disk_pci_486 PROPERTIES ENVIRONMENT QEMU_CPU=486)

add_custom_target(bios_disk_test_images ALL DEPENDS ${DISK_TEST_IMAGES})

# The real guest: SYSLINUX, Debian's kernel, GUEST-BOOTED, power-off via S5.
# (next to the checkout, or next to the worktrees' directory)
set(guest_default "${CMAKE_SOURCE_DIR}/build/guest/test-disk.img")
set(SOFTPC_GUEST_IMAGE "${guest_default}"
    CACHE FILEPATH "The Debian guest disk image the boot test uses")
if(EXISTS ${SOFTPC_GUEST_IMAGE})
  add_test(NAME bios_qemu_disk_guest_boot
           COMMAND ${DISK_TESTS_DIR}/disk_guest_boot.sh ${QEMU_I386_EXECUTABLE}
                   ${DISK_TESTS_ROM} ${SOFTPC_GUEST_IMAGE})
  set_tests_properties(bios_qemu_disk_guest_boot PROPERTIES TIMEOUT 400)
endif()

# The same boot images on softpc: our BIOS on softpc's own chips (ATA,
# 82077 + 8237, PCI, PIIX4 PM), with softpc's -hda/-hdb/-fda.
function(softpc_bios_test name mem boot)
  add_test(NAME bios_softpc_${name}
           COMMAND ${DISK_TESTS_DIR}/run_softpc.sh $<TARGET_FILE:softpc>
                   ${DISK_TESTS_ROM} ${mem} ${boot} ${ARGN})
  set_tests_properties(bios_softpc_${name} PROPERTIES TIMEOUT 90)
endfunction()
# softpc puts a 720K image in a 720K drive (CMOS type 3); QEMU picks a
# 1.44M drive for it, so that image is built again with softpc's answer.
disk_test_image(disk_floppy_720_softpc disk_floppy 1440
  "-DFD_SPT=9 -DFD_DRIVE_TYPE=3 -DFD_DRIVE_SPT=9")
foreach(size 1440 720_softpc 2880)
  softpc_bios_test(disk_floppy_${size} 32 a -fda ${DISK_TESTS_BIN}/disk_floppy_${size}.img)
endforeach()
# softpc has a local APIC and an I/O APIC: the BIOS must build the MADT.
softpc_bios_test(disk_pci 32 c -hda ${DISK_TESTS_BIN}/disk_pci.img)
foreach(name memory_128m memory_40m memory_12m time services video shadow)
  string(REGEX MATCH "[0-9]+" mem "${name}")
  if(NOT mem)
    set(mem 32)
  endif()
  softpc_bios_test(${name} ${mem} c -hda ${CMAKE_BINARY_DIR}/tests/bios/${name}.img)
endforeach()
add_custom_target(bios_disk_test_images_softpc ALL DEPENDS ${DISK_TESTS_BIN}/disk_floppy_720_softpc.img)
