# tests/vgabios/vgabios_tests.cmake - the VGA BIOS tests: boot images
# (tests/vgabios/*.asm, framed by vgabios_test.inc) that report PASS/FAIL
# themselves or ask their runner for a screenshot comparison.  Each runs
#   vgabios_NAME                   QEMU, SeaBIOS as the system BIOS, our ROM
#                                  (${CMAKE_BINARY_DIR}/roms/vgabios.bin) on
#                                  the std VGA card (run_qemu.sh)
#   vgabios_NAME_softpc            softpc, our system BIOS, our ROM
#                                  (run_softpc.sh; no QEMU needed)
# and, for SEABIOS_TOO tests when SeaBIOS's vgabios-stdvga.bin is
# installed, vgabios_NAME_seabios and vgabios_NAME_softpc_seabios with that
# ROM instead of ours: that checks the test against an independent BIOS
# where the specs agree.  Without qemu-system-i386 only the softpc runs
# exist.  Included from bios/vgabios/vgabios.cmake (which already found
# nasm).  ctest -L vgabios runs them all.

find_program(QEMU_I386_EXECUTABLE qemu-system-i386)
if(NOT QEMU_I386_EXECUTABLE)
  message(WARNING "qemu-system-i386 not found: the VGA BIOS tests (tests/vgabios) run on softpc only")
endif()

set(VGABIOS_TESTS_DIR ${CMAKE_SOURCE_DIR}/tests/vgabios)
set(VGABIOS_TESTS_BIN ${CMAKE_BINARY_DIR}/tests/vgabios)
set(VGABIOS_SEABIOS_ROM /usr/share/seabios/vgabios-stdvga.bin)
file(MAKE_DIRECTORY ${VGABIOS_TESTS_BIN})
# every image depends on all sources: some include others (vbe_vram_16m.asm)
file(GLOB VGABIOS_TEST_INCLUDES CONFIGURE_DEPENDS ${VGABIOS_TESTS_DIR}/*.inc
     ${VGABIOS_TESTS_DIR}/*.asm)

# The softpc runs read their screenshots with tests/vga's picture code.
add_executable(vgabios_pixel_check ${VGABIOS_TESTS_DIR}/pixel_check.c)
target_include_directories(vgabios_pixel_check PRIVATE ${CMAKE_SOURCE_DIR}/tests/vga)
target_link_libraries(vgabios_pixel_check PRIVATE vga_image)

set(VGABIOS_TEST_IMAGES "")
# vgabios_test_runs(NAME SUFFIX ROM IMAGE): the QEMU and softpc ctests of
# one image with one VGA ROM (ARG_* come from the caller, vgabios_test).
function(vgabios_test_runs name suffix rom img)
  if(QEMU_I386_EXECUTABLE)
    add_test(NAME vgabios_${name}${suffix}
             COMMAND ${VGABIOS_TESTS_DIR}/run_qemu.sh ${QEMU_I386_EXECUTABLE}
                     ${rom} ${img} ${ARG_VGA_PROPERTIES})
    set_tests_properties(vgabios_${name}${suffix} PROPERTIES LABELS vgabios)
  endif()
  if(NOT ARG_QEMU_ONLY)
    add_test(NAME vgabios_${name}_softpc${suffix}
             COMMAND ${VGABIOS_TESTS_DIR}/run_softpc.sh $<TARGET_FILE:softpc>
                     $<TARGET_FILE:vgabios_pixel_check> ${rom} ${img})
    set_tests_properties(vgabios_${name}_softpc${suffix} PROPERTIES LABELS vgabios)
  endif()
endfunction()

# vgabios_test(NAME [SEABIOS_TOO] [QEMU_ONLY] [SOURCE src] [VGA_PROPERTIES props]):
# tests/vgabios/NAME.asm (or src.asm) -> the ctests above; QEMU_ONLY for
# a test of a card QEMU can be but softpc's is not (VGA_PROPERTIES, e.g.
# vgamem_mb=4, go to QEMU's VGA device; softpc's card is fixed).
function(vgabios_test name)
  cmake_parse_arguments(ARG "SEABIOS_TOO;QEMU_ONLY" "VGA_PROPERTIES;SOURCE" "" ${ARGN})
  if(NOT ARG_SOURCE)
    set(ARG_SOURCE ${name})
  endif()
  set(img ${VGABIOS_TESTS_BIN}/${name}.img)
  add_custom_command(
    OUTPUT ${img}
    COMMAND ${NASM_EXECUTABLE} -f bin -w+all -I${VGABIOS_TESTS_DIR}/
            -o ${img} ${VGABIOS_TESTS_DIR}/${ARG_SOURCE}.asm
    DEPENDS ${VGABIOS_TESTS_DIR}/${ARG_SOURCE}.asm ${VGABIOS_TEST_INCLUDES}
    COMMENT "nasm tests/vgabios/${ARG_SOURCE}.asm (${name})"
    VERBATIM)
  set(VGABIOS_TEST_IMAGES ${VGABIOS_TEST_IMAGES} ${img} PARENT_SCOPE)
  vgabios_test_runs(${name} "" ${CMAKE_BINARY_DIR}/roms/vgabios.bin ${img})
  if(ARG_SEABIOS_TOO AND EXISTS ${VGABIOS_SEABIOS_ROM})
    vgabios_test_runs(${name} _seabios ${VGABIOS_SEABIOS_ROM} ${img})
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
# SeaBIOS's vgabios-stdvga has no 4F0Ah: ours only
vgabios_test(vbe_pmi)
# QEMU's card with 4 MiB (vgamem_mb=4); softpc's has a fixed 16 MiB, so
# its runs use vbe_vram_16m (the same test with 16 MiB: every mode fits).
vgabios_test(vbe_vram QEMU_ONLY VGA_PROPERTIES vgamem_mb=4)
vgabios_test(vbe_vram_16m SOURCE vbe_vram_16m VGA_PROPERTIES vgamem_mb=16)
# INT 10h services (the INT 10h engineer's tests)
vgabios_test(int10_mode SEABIOS_TOO)
vgabios_test(int10_text SEABIOS_TOO)
vgabios_test(int10_pixels SEABIOS_TOO)
vgabios_test(int10_palette SEABIOS_TOO)
vgabios_test(int10_font SEABIOS_TOO)
vgabios_test(int10_glyphs SEABIOS_TOO)
vgabios_test(int10_fixups SEABIOS_TOO)
# SeaBIOS's VGA BIOS ignores 1201h BL=30h (scan lines): ours only
vgabios_test(int10_rows43)
# SeaBIOS's 1Bh gives rows - 1 at 22h and lists only mode 0Dh of 0Dh-0Fh
vgabios_test(int10_state)
vgabios_test(int10_screen SEABIOS_TOO)
# SeaBIOS's VGA BIOS loads the palette even after 1201h BL=31h: ours only
vgabios_test(int10_misc)
# 1220h: SeaBIOS's VGA BIOS does not answer it
vgabios_test(int10_prtsc)

add_custom_target(vgabios_test_images ALL DEPENDS ${VGABIOS_TEST_IMAGES})
