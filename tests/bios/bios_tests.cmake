# tests/bios/bios_tests.cmake - the BIOS service tests: small boot images
# (tests/bios/*.asm, framed by bios_test.inc) booted from an IDE disk under
# QEMU with our BIOS (${CMAKE_BINARY_DIR}/roms/bios.bin from
# bios/bios.cmake); each reports PASS/FAIL through the isa-debug-exit port.
# Needs nasm and qemu-system-i386; without them the tests are skipped with
# a warning.  softpc runs of the same images are the lead's to add.

find_program(NASM_EXECUTABLE nasm)
find_program(QEMU_I386_EXECUTABLE qemu-system-i386)
if(NOT NASM_EXECUTABLE OR NOT QEMU_I386_EXECUTABLE)
  message(WARNING "nasm or qemu-system-i386 not found: the BIOS tests (tests/bios) are not run")
  return()
endif()

set(BIOS_TESTS_DIR ${CMAKE_SOURCE_DIR}/tests/bios)
set(BIOS_TESTS_BIN ${CMAKE_BINARY_DIR}/tests/bios)
set(BIOS_TEST_ROM ${CMAKE_BINARY_DIR}/roms/bios.bin)
file(MAKE_DIRECTORY ${BIOS_TESTS_BIN})

set(BIOS_TEST_IMAGES "")
# bios_test(NAME SOURCE MEM_MB [SERIAL_INPUT EXPECT_ON_COM1 [MONITOR]]): see
# run_qemu.sh; "-" for an argument left empty.
function(bios_test name source mem)
  set(img ${BIOS_TESTS_BIN}/${name}.img)
  add_custom_command(
    OUTPUT ${img}
    COMMAND ${NASM_EXECUTABLE} -f bin -w+all -I${BIOS_TESTS_DIR}/ -DRAM_MB=${mem}
            -o ${img} ${BIOS_TESTS_DIR}/${source}.asm
    DEPENDS ${BIOS_TESTS_DIR}/${source}.asm ${BIOS_TESTS_DIR}/bios_test.inc
    COMMENT "nasm tests/bios/${source}.asm (${name})"
    VERBATIM)
  set(BIOS_TEST_IMAGES ${BIOS_TEST_IMAGES} ${img} PARENT_SCOPE)
  add_test(NAME bios_qemu_${name}
           COMMAND ${BIOS_TESTS_DIR}/run_qemu.sh ${QEMU_I386_EXECUTABLE}
                   ${BIOS_TEST_ROM} ${img} ${mem} ${ARGN})
endfunction()

bios_test(memory_128m memory 128)
bios_test(memory_40m memory 40)
bios_test(memory_12m memory 12)
bios_test(time time 32)
bios_test(services services 32)
bios_test(services_486 services 32)             # no APIC: no MP table
set_tests_properties(bios_qemu_services_486 PROPERTIES ENVIRONMENT QEMU_CPU=486)
bios_test(video video 32)
# the video ROM's shadow at C0000h is read-only: needs a card with a ROM
bios_test(shadow shadow 32)
set_tests_properties(bios_qemu_shadow PROPERTIES ENVIRONMENT "QEMU_ARGS=-device VGA")
bios_test(console console 32 "xY\\r" TELETYPE-OK)
bios_test(keyboard keyboard 32 - -
  "sendkey a\\nsendkey shift-a\\nsendkey ctrl-c\\nsendkey up\\nsendkey kp_enter\\nsendkey caps_lock\\nsendkey b\\nsendkey caps_lock\\nsendkey f11\\n")

add_custom_target(bios_test_images ALL DEPENDS ${BIOS_TEST_IMAGES})
