# bios/vgabios/vgabios.cmake - assemble our VGA BIOS (bios/vgabios/vgabios.asm
# and everything it includes) into ${CMAKE_BINARY_DIR}/roms/vgabios.bin,
# fix its option ROM checksum, and check that the committed roms/vgabios.bin
# is exactly what the sources make (ctest vgabios_rom_reproducible;
# bios/vgabios/update-rom.sh rebuilds it).  Also adds the QEMU tests of
# tests/vgabios.  Without nasm nothing is built and the committed image
# stays in use (the top CMakeLists.txt falls back to it).

find_program(NASM_EXECUTABLE nasm)
if(NOT NASM_EXECUTABLE)
  message(WARNING "nasm not found: the VGA BIOS (bios/vgabios/) is not rebuilt; roms/vgabios.bin is used as committed")
  return()
endif()

file(GLOB VGABIOS_SOURCES CONFIGURE_DEPENDS
  ${CMAKE_SOURCE_DIR}/bios/vgabios/*.asm
  ${CMAKE_SOURCE_DIR}/bios/vgabios/*.inc
  ${CMAKE_SOURCE_DIR}/bios/vgabios/fonts/*.inc)
set(VGABIOS_ROM ${CMAKE_BINARY_DIR}/roms/vgabios.bin)

add_custom_command(
  OUTPUT ${VGABIOS_ROM}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/roms
  COMMAND ${NASM_EXECUTABLE} -f bin -w+all -I${CMAKE_SOURCE_DIR}/bios/vgabios/
          -o ${VGABIOS_ROM} ${CMAKE_SOURCE_DIR}/bios/vgabios/vgabios.asm
  COMMAND sh ${CMAKE_SOURCE_DIR}/bios/vgabios/fix-checksum.sh ${VGABIOS_ROM}
  DEPENDS ${VGABIOS_SOURCES} ${CMAKE_SOURCE_DIR}/bios/vgabios/fix-checksum.sh
  COMMENT "nasm bios/vgabios/vgabios.asm -> roms/vgabios.bin"
  VERBATIM)
add_custom_target(vgabios_rom ALL DEPENDS ${VGABIOS_ROM})

add_test(NAME vgabios_rom_reproducible
         COMMAND sh -c "cmp \"$0\" \"$1\" || { echo 'roms/vgabios.bin differs from what bios/vgabios/ assembles to: run bios/vgabios/update-rom.sh and commit roms/vgabios.bin'; exit 1; }"
                 ${VGABIOS_ROM} ${CMAKE_SOURCE_DIR}/roms/vgabios.bin)

include(${CMAKE_SOURCE_DIR}/tests/vgabios/vgabios_tests.cmake)
