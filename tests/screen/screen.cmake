# tests/screen/screen.cmake - reading text off screenshots
# (docs/testing-vga.md, "Reading the Linux console off a screenshot"):
#   screen_text          the reader (tests/screen/screen_text.c)
#   test_screen_text     its unit test (Check)
#   screen_fonts         the VGA BIOSes' 8x16 fonts, dumped by fontdump.asm
#                        under softpc: tests/screen/font-softpc.bin (our
#                        VGA BIOS), font-seabios.bin (vgabios-stdvga.bin)
#   screen_linux_*       the default guest's console read off a headless
#                        screenshot (label guest; skipped without the guest)
# Needs tests/vga/vga_tests.cmake (image loading) included first; nasm for
# the fonts and the guest tests.

# The guest settings live in tests/guest/guest.cmake; the same defaults
# here, in case that is not included.
if(NOT DEFINED SOFTPC_GUEST_DIR)
  set(SOFTPC_GUEST_DIR "${CMAKE_SOURCE_DIR}/build/guest")
endif()
if(NOT DEFINED SOFTPC_GUEST_TIMEOUT)
  set(SOFTPC_GUEST_TIMEOUT 900)
endif()

set(SCREEN_TESTS_DIR ${CMAKE_SOURCE_DIR}/tests/screen)
set(SCREEN_TESTS_BIN ${CMAKE_BINARY_DIR}/tests/screen)
file(MAKE_DIRECTORY ${SCREEN_TESTS_BIN})

add_library(screen_reader STATIC ${SCREEN_TESTS_DIR}/screen_reader.c
            ${SCREEN_TESTS_DIR}/screen_cp437.c)
target_include_directories(screen_reader PUBLIC ${CMAKE_SOURCE_DIR})
target_link_libraries(screen_reader PUBLIC vga_image)
add_executable(screen_text ${SCREEN_TESTS_DIR}/screen_text.c)
target_link_libraries(screen_text PRIVATE screen_reader)
if(CHECK_FOUND)
  add_executable(test_screen_text ${SCREEN_TESTS_DIR}/test_screen_text.c)
  target_link_libraries(test_screen_text PRIVATE screen_reader PkgConfig::CHECK)
  add_test(NAME test_screen_text COMMAND test_screen_text)
  set_tests_properties(test_screen_text PROPERTIES LABELS screen)
endif()
add_test(NAME screen_text_bad_input
         COMMAND bash ${SCREEN_TESTS_DIR}/bad_input_test.sh $<TARGET_FILE:screen_text>
                 ${SCREEN_TESTS_BIN}/bad_input ${CMAKE_SOURCE_DIR}/tests/vga/expected)
set_tests_properties(screen_text_bad_input PROPERTIES LABELS screen)

find_program(NASM_EXECUTABLE nasm)
if(NOT NASM_EXECUTABLE)
  message(WARNING "nasm not found: the screen fonts and Linux console tests (tests/screen) are not built")
  return()
endif()

set(SCREEN_FONTDUMP ${SCREEN_TESTS_BIN}/fontdump.img)
add_custom_command(
  OUTPUT ${SCREEN_FONTDUMP}
  COMMAND ${NASM_EXECUTABLE} -f bin -w+all -o ${SCREEN_FONTDUMP} ${SCREEN_TESTS_DIR}/fontdump.asm
  DEPENDS ${SCREEN_TESTS_DIR}/fontdump.asm
  COMMENT "nasm tests/screen/fontdump.asm"
  VERBATIM)
set(SCREEN_FONTS ${SCREEN_TESTS_BIN}/font-softpc.bin)
add_custom_command(
  OUTPUT ${SCREEN_TESTS_BIN}/font-softpc.bin
  COMMAND bash ${SCREEN_TESTS_DIR}/dump_font.sh $<TARGET_FILE:softpc> ${SCREEN_FONTDUMP}
          ${SCREEN_TESTS_BIN}/font-softpc.bin
  DEPENDS softpc ${SCREEN_FONTDUMP} ${SCREEN_TESTS_DIR}/dump_font.sh
  COMMENT "Dumping our VGA BIOS's 8x16 font"
  VERBATIM)
set(SCREEN_SEABIOS_VGABIOS /usr/share/seabios/vgabios-stdvga.bin)
if(EXISTS ${SCREEN_SEABIOS_VGABIOS})
  list(APPEND SCREEN_FONTS ${SCREEN_TESTS_BIN}/font-seabios.bin)
  add_custom_command(
    OUTPUT ${SCREEN_TESTS_BIN}/font-seabios.bin
    COMMAND bash ${SCREEN_TESTS_DIR}/dump_font.sh $<TARGET_FILE:softpc> ${SCREEN_FONTDUMP}
            ${SCREEN_TESTS_BIN}/font-seabios.bin --vgabios ${SCREEN_SEABIOS_VGABIOS}
    DEPENDS softpc ${SCREEN_FONTDUMP} ${SCREEN_TESTS_DIR}/dump_font.sh ${SCREEN_SEABIOS_VGABIOS}
    COMMENT "Dumping SeaBIOS vgabios-stdvga's 8x16 font"
    VERBATIM)
else()
  message(WARNING "${SCREEN_SEABIOS_VGABIOS} missing (apt-get install seabios): "
                  "no SeaBIOS font; screen_linux_seabios is skipped")
endif()
add_custom_target(screen_fonts ALL DEPENDS ${SCREEN_FONTS})

# The Linux console tests.  Each boots the guest once (about 30 s with
# gcc, 3 times that with the sanitizers).
foreach(mode vgacon vesafb seabios)
  add_test(NAME screen_linux_${mode}
           COMMAND bash ${SCREEN_TESTS_DIR}/screen_linux_test.sh
                   $<TARGET_FILE:softpc> $<TARGET_FILE:screen_text> ${SOFTPC_GUEST_DIR}
                   ${SCREEN_TESTS_BIN} ${SCREEN_TESTS_BIN}/linux ${mode} ${SOFTPC_GUEST_TIMEOUT})
  set_tests_properties(screen_linux_${mode} PROPERTIES
                       SKIP_RETURN_CODE 77 LABELS "guest;screen" TIMEOUT 2000)
endforeach()

# softpc's dump of SeaBIOS's font against QEMU's (same VGA BIOS, QEMU's card).
find_program(QEMU_I386_EXECUTABLE qemu-system-i386)
if(QEMU_I386_EXECUTABLE AND EXISTS ${SCREEN_SEABIOS_VGABIOS})
  add_test(NAME screen_font_qemu
           COMMAND bash ${SCREEN_TESTS_DIR}/qemu_font_test.sh ${QEMU_I386_EXECUTABLE}
                   ${SCREEN_FONTDUMP} ${SCREEN_TESTS_BIN}/font-seabios.bin ${SCREEN_TESTS_BIN})
  set_tests_properties(screen_font_qemu PROPERTIES LABELS "screen;qemu" TIMEOUT 150)
endif()
