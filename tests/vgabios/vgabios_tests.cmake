# tests/vgabios/vgabios_tests.cmake - the VGA BIOS tests: boot images
# (tests/vgabios/*.asm, framed by vgabios_test.inc) run under QEMU with
# SeaBIOS as the system BIOS and our ROM (${CMAKE_BINARY_DIR}/roms/vgabios.bin)
# as the std VGA card's ROM; each reports PASS/FAIL itself or asks
# run_qemu.sh for a screendump comparison.  Every test also runs with
# SeaBIOS's own vgabios-stdvga.bin when installed (name suffix _seabios):
# that checks the test against an independent BIOS where the specs agree.
# Included from bios/vgabios/vgabios.cmake (which already found nasm).
# Both VGA BIOS engineers add vgabios_test(...) lines to the list below
# (before add_custom_target, which needs the complete list).

find_program(QEMU_I386_EXECUTABLE qemu-system-i386)
if(NOT QEMU_I386_EXECUTABLE)
  message(WARNING "qemu-system-i386 not found: the VGA BIOS tests (tests/vgabios) are not run")
  return()
endif()

set(VGABIOS_TESTS_DIR ${CMAKE_SOURCE_DIR}/tests/vgabios)
set(VGABIOS_TESTS_BIN ${CMAKE_BINARY_DIR}/tests/vgabios)
set(VGABIOS_SEABIOS_ROM /usr/share/seabios/vgabios-stdvga.bin)
file(MAKE_DIRECTORY ${VGABIOS_TESTS_BIN})

set(VGABIOS_TEST_IMAGES "")
# vgabios_test(NAME [SEABIOS_TOO] [VGA_PROPERTIES props]):
# tests/vgabios/NAME.asm -> ctest vgabios_NAME (and vgabios_NAME_seabios
# when SEABIOS_TOO is given and SeaBIOS's std VGA ROM is installed);
# VGA_PROPERTIES go to QEMU's VGA device (e.g. vgamem_mb=4).
function(vgabios_test name)
  cmake_parse_arguments(ARG "SEABIOS_TOO" "VGA_PROPERTIES" "" ${ARGN})
  set(img ${VGABIOS_TESTS_BIN}/${name}.img)
  add_custom_command(
    OUTPUT ${img}
    COMMAND ${NASM_EXECUTABLE} -f bin -w+all -I${VGABIOS_TESTS_DIR}/
            -o ${img} ${VGABIOS_TESTS_DIR}/${name}.asm
    DEPENDS ${VGABIOS_TESTS_DIR}/${name}.asm ${VGABIOS_TESTS_DIR}/vgabios_test.inc
            ${VGABIOS_TESTS_DIR}/vbe_lib.inc
    COMMENT "nasm tests/vgabios/${name}.asm"
    VERBATIM)
  set(VGABIOS_TEST_IMAGES ${VGABIOS_TEST_IMAGES} ${img} PARENT_SCOPE)
  add_test(NAME vgabios_${name}
           COMMAND ${VGABIOS_TESTS_DIR}/run_qemu.sh ${QEMU_I386_EXECUTABLE}
                   ${CMAKE_BINARY_DIR}/roms/vgabios.bin ${img} ${ARG_VGA_PROPERTIES})
  set_tests_properties(vgabios_${name} PROPERTIES LABELS vgabios)
  if(ARG_SEABIOS_TOO AND EXISTS ${VGABIOS_SEABIOS_ROM})
    add_test(NAME vgabios_${name}_seabios
             COMMAND ${VGABIOS_TESTS_DIR}/run_qemu.sh ${QEMU_I386_EXECUTABLE}
                     ${VGABIOS_SEABIOS_ROM} ${img} ${ARG_VGA_PROPERTIES})
    set_tests_properties(vgabios_${name}_seabios PROPERTIES LABELS vgabios)
  endif()
endfunction()

# The images are built with the ROM (target vgabios_test_images); the
# vgabios_test() lines come first so the list is complete.
vgabios_test(vbe_smoke SEABIOS_TOO)
vgabios_test(vbe_info SEABIOS_TOO)
# SeaBIOS's vgabios-stdvga (QEMU 7.2) answers 014Fh to 4F06h BL=01h and
# does not implement 4F09h, so these run with our ROM only.
vgabios_test(vbe_mode)
vgabios_test(vbe_dac)
vgabios_test(vbe_draw_lfb SEABIOS_TOO)
vgabios_test(vbe_draw_bank)
vgabios_test(vbe_vram VGA_PROPERTIES vgamem_mb=4)
# INT 10h services (the INT 10h engineer's tests)
vgabios_test(int10_mode SEABIOS_TOO)
vgabios_test(int10_text SEABIOS_TOO)
vgabios_test(int10_pixels SEABIOS_TOO)
vgabios_test(int10_palette SEABIOS_TOO)
vgabios_test(int10_font SEABIOS_TOO)
# SeaBIOS's VGA BIOS ignores 1201h BL=30h (scan lines): ours only
vgabios_test(int10_rows43)
# SeaBIOS's 1Bh gives rows - 1 at 22h and lists only mode 0Dh of 0Dh-0Fh
vgabios_test(int10_state)
vgabios_test(int10_screen SEABIOS_TOO)
# SeaBIOS's VGA BIOS loads the palette even after 1201h BL=31h: ours only
vgabios_test(int10_misc)

add_custom_target(vgabios_test_images ALL DEPENDS ${VGABIOS_TEST_IMAGES})
