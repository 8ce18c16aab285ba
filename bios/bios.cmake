# bios/bios.cmake - assemble our PC BIOS (bios/bios.asm and everything it
# includes) into ${CMAKE_BINARY_DIR}/roms/bios.bin, and check that the
# committed roms/bios.bin is exactly what the sources make
# (ctest bios_rom_reproducible; bios/update-roms.sh rebuilds it).
# Without nasm nothing is built and the committed image stays in use.

find_program(NASM_EXECUTABLE nasm)
if(NOT NASM_EXECUTABLE)
  message(WARNING "nasm not found: the BIOS (bios/) is not rebuilt; roms/bios.bin is used as committed")
  return()
endif()

file(GLOB BIOS_SOURCES CONFIGURE_DEPENDS
  ${CMAKE_SOURCE_DIR}/bios/*.asm
  ${CMAKE_SOURCE_DIR}/bios/*.inc)
set(BIOS_ROM ${CMAKE_BINARY_DIR}/roms/bios.bin)

add_custom_command(
  OUTPUT ${BIOS_ROM}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/roms
  COMMAND ${NASM_EXECUTABLE} -f bin -w+all -I${CMAKE_SOURCE_DIR}/bios/
          -o ${BIOS_ROM} ${CMAKE_SOURCE_DIR}/bios/bios.asm
  DEPENDS ${BIOS_SOURCES}
  COMMENT "nasm bios/bios.asm -> roms/bios.bin"
  VERBATIM)
add_custom_target(bios_rom ALL DEPENDS ${BIOS_ROM})

add_test(NAME bios_rom_reproducible
         COMMAND sh -c "cmp \"$0\" \"$1\" || { echo 'roms/bios.bin differs from what bios/ assembles to: run bios/update-roms.sh and commit roms/bios.bin'; exit 1; }"
                 ${BIOS_ROM} ${CMAKE_SOURCE_DIR}/roms/bios.bin)
