# tests/roms/roms.cmake - the protected-mode test ROMs (see README.md).
# Every tests/roms/*.asm becomes ${CMAKE_BINARY_DIR}/tests/roms/<name>.bin
# at build time (nasm), one ctest rom_<name> runs it under softpc --bios,
# and, when qemu-system-i386 is installed, oracle_qemu_<name> runs the same
# image under QEMU: both must end with the PASS status.
# Without nasm the ROMs are skipped with a warning (nothing pretends).

find_program(NASM_EXECUTABLE nasm)
find_program(QEMU_I386_EXECUTABLE qemu-system-i386)

if(NOT NASM_EXECUTABLE)
  message(WARNING "nasm not found: the test ROMs in tests/roms are not built")
  return()
endif()

set(ROMS_SOURCE_DIR ${CMAKE_SOURCE_DIR}/tests/roms)
set(ROMS_BINARY_DIR ${CMAKE_BINARY_DIR}/tests/roms)
file(MAKE_DIRECTORY ${ROMS_BINARY_DIR})
file(GLOB ROM_SOURCES CONFIGURE_DEPENDS ${ROMS_SOURCE_DIR}/*.asm)
file(GLOB ROM_LIBRARY CONFIGURE_DEPENDS ${ROMS_SOURCE_DIR}/lib/*.inc)

set(ROM_IMAGES "")
foreach(src ${ROM_SOURCES})
  get_filename_component(name ${src} NAME_WE)
  set(bin ${ROMS_BINARY_DIR}/${name}.bin)
  add_custom_command(
    OUTPUT ${bin}
    COMMAND ${NASM_EXECUTABLE} -f bin -w+all -w+error -I${ROMS_SOURCE_DIR}/lib/
            -o ${bin} ${src}
    DEPENDS ${src} ${ROM_LIBRARY}
    COMMENT "nasm tests/roms/${name}.asm"
    VERBATIM)
  list(APPEND ROM_IMAGES ${bin})

  add_test(NAME rom_${name}
           COMMAND ${ROMS_SOURCE_DIR}/run_rom.sh softpc $<TARGET_FILE:softpc> ${bin})
  if(QEMU_I386_EXECUTABLE)
    add_test(NAME oracle_qemu_${name}
             COMMAND ${ROMS_SOURCE_DIR}/run_rom.sh qemu ${QEMU_I386_EXECUTABLE} ${bin})
  endif()
endforeach()
add_custom_target(test_roms ALL DEPENDS ${ROM_IMAGES})
