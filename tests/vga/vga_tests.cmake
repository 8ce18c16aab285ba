# tests/vga/vga_tests.cmake - the VGA picture tests (docs/testing-vga.md):
# floppy images built from tests/vga/*.asm, each drawing one mode family;
# softpc runs each and its screenshot must equal tests/vga/expected/NAME.png
# (made by QEMU's std VGA, make-expected.sh) pixel for pixel.  Also builds
# the picture tools (imgcmp, ppm2png) and their unit test.
#   ctest -L vga          all of them
# vga_<name>        softpc against the expected picture
# vga_qemu_<name>   QEMU against the expected picture (the pictures are
#                   reproducible; needs qemu-system-i386)
# make vga_expected remakes tests/vga/expected/ with QEMU.
# Needs nasm for the images; without it only the tools are built.

set(VGA_TESTS_DIR ${CMAKE_SOURCE_DIR}/tests/vga)
set(VGA_TESTS_BIN ${CMAKE_BINARY_DIR}/tests/vga)
file(MAKE_DIRECTORY ${VGA_TESTS_BIN})

add_library(vga_image STATIC ${VGA_TESTS_DIR}/image.c ${VGA_TESTS_DIR}/png_decode.c
            ${VGA_TESTS_DIR}/png_encode.c)
target_link_libraries(vga_image PUBLIC softpc_png PkgConfig::ZLIB)
# softpc's PNG encoder is tested against this reader.
if(TARGET test_png_write)
  target_link_libraries(test_png_write PRIVATE vga_image)
endif()
add_executable(imgcmp ${VGA_TESTS_DIR}/imgcmp.c)
target_link_libraries(imgcmp PRIVATE vga_image)
add_executable(ppm2png ${VGA_TESTS_DIR}/ppm2png.c)
target_link_libraries(ppm2png PRIVATE vga_image)
if(CHECK_FOUND)
  add_executable(test_vga_image ${VGA_TESTS_DIR}/test_vga_image.c)
  target_link_libraries(test_vga_image PRIVATE vga_image PkgConfig::CHECK)
  add_test(NAME test_vga_image COMMAND test_vga_image)
  set_tests_properties(test_vga_image PROPERTIES LABELS vga)
endif()
# imgcmp itself: identical pictures pass, different ones are reported.
add_test(NAME vga_imgcmp_same
         COMMAND imgcmp ${VGA_TESTS_DIR}/expected/mode13.png ${VGA_TESTS_DIR}/expected/mode13.png)
add_test(NAME vga_imgcmp_pixels
         COMMAND imgcmp ${VGA_TESTS_DIR}/expected/mode13.png ${VGA_TESTS_DIR}/expected/planar_0d.png)
add_test(NAME vga_imgcmp_size
         COMMAND imgcmp ${VGA_TESTS_DIR}/expected/mode13.png ${VGA_TESTS_DIR}/expected/modex.png)
set_tests_properties(vga_imgcmp_same vga_imgcmp_pixels vga_imgcmp_size PROPERTIES LABELS vga)
set_tests_properties(vga_imgcmp_pixels PROPERTIES
  PASS_REGULAR_EXPRESSION "imgcmp: [0-9]+ of 256000 pixels differ")
set_tests_properties(vga_imgcmp_size PROPERTIES
  PASS_REGULAR_EXPRESSION "imgcmp: size differs: expected 640x400, got 640x480")

find_program(NASM_EXECUTABLE nasm)
if(NOT NASM_EXECUTABLE)
  message(WARNING "nasm not found: the VGA picture tests (tests/vga) are not built")
  return()
endif()
find_program(QEMU_I386_EXECUTABLE qemu-system-i386)

set(VGA_TEST_IMAGES "")
set(VGA_ORACLE_IMAGES "")
# vga_image_build(NAME SOURCE "NASM_DEFINES"): NAME.img from SOURCE.asm.
function(vga_image_build name source defines)
  set(img ${VGA_TESTS_BIN}/${name}.img)
  separate_arguments(define_list UNIX_COMMAND "${defines}")
  add_custom_command(
    OUTPUT ${img}
    COMMAND ${NASM_EXECUTABLE} -f bin -w+all -I${VGA_TESTS_DIR}/ ${define_list}
            -o ${img} ${VGA_TESTS_DIR}/${source}.asm
    DEPENDS ${VGA_TESTS_DIR}/${source}.asm ${VGA_TESTS_DIR}/vga_test.inc
            ${VGA_TESTS_DIR}/pattern.inc ${VGA_TESTS_DIR}/planar_byte.inc
    COMMENT "nasm tests/vga/${source}.asm (${name})"
    VERBATIM)
  set(VGA_TEST_IMAGES ${VGA_TEST_IMAGES} ${img} PARENT_SCOPE)
endfunction()

# vga_test(NAME SOURCE "NASM_DEFINES" [ORACLE_DEFINES]): the softpc test
# and its QEMU check.  With ORACLE_DEFINES, QEMU runs a second build
# (NAME_qemu.img) that shows the same picture without what QEMU lacks
# (scroll.asm says why).
function(vga_test name source defines)
  vga_image_build(${name} ${source} "${defines}")
  set(oracle ${VGA_TESTS_BIN}/${name}.img)
  if(ARGC GREATER 3)
    vga_image_build(${name}_qemu ${source} "${ARGV3}")
    set(oracle ${VGA_TESTS_BIN}/${name}_qemu.img)
  endif()
  set(VGA_TEST_IMAGES ${VGA_TEST_IMAGES} PARENT_SCOPE)
  set(VGA_ORACLE_IMAGES ${VGA_ORACLE_IMAGES} ${oracle} PARENT_SCOPE)
  set(expected ${VGA_TESTS_DIR}/expected/${name}.png)
  add_test(NAME vga_${name}
           COMMAND ${VGA_TESTS_DIR}/run_vga_test.sh ${VGA_TESTS_BIN}/${name}.img ${expected})
  set_tests_properties(vga_${name} PROPERTIES LABELS vga TIMEOUT 90
    ENVIRONMENT "SOFTPC=$<TARGET_FILE:softpc>;IMGCMP=$<TARGET_FILE:imgcmp>;VGA_TEST_OUT=${VGA_TESTS_BIN}")
  if(QEMU_I386_EXECUTABLE)
    add_test(NAME vga_qemu_${name}
             COMMAND ${VGA_TESTS_DIR}/run_vga_test.sh ${oracle} ${expected})
    set_tests_properties(vga_qemu_${name} PROPERTIES LABELS "vga;qemu" TIMEOUT 90
      ENVIRONMENT "VGA_ORACLE=qemu;QEMU=${QEMU_I386_EXECUTABLE};PPM2PNG=$<TARGET_FILE:ppm2png>;IMGCMP=$<TARGET_FILE:imgcmp>;VGA_TEST_OUT=${VGA_TESTS_BIN}")
  endif()
endfunction()

vga_test(text80      text   "-DTEXT_MODE=3 -DFONT_HEIGHT=16")
vga_test(text40      text   "-DTEXT_MODE=1 -DFONT_HEIGHT=16")
vga_test(text80x50   text   "-DTEXT_MODE=3 -DFONT_HEIGHT=8")
vga_test(cga4        cga    "-DCGA_MODE=4")
vga_test(cga6        cga    "-DCGA_MODE=6")
vga_test(planar_0d   planar "-DPLANAR_MODE=0Dh")
vga_test(planar_0e   planar "-DPLANAR_MODE=0Eh")
vga_test(planar_10   planar "-DPLANAR_MODE=10h")
vga_test(planar_12   planar "-DPLANAR_MODE=12h")
vga_test(mode13      mode13 "")
vga_test(modex       modex  "")
vga_test(scroll      scroll "" "-DORACLE")
vga_test(vbe_lfb32   vbe    "-DVBE_W=640 -DVBE_H=480 -DVBE_BPP=32")
vga_test(vbe_lfb16   vbe    "-DVBE_W=800 -DVBE_H=600 -DVBE_BPP=16")
vga_test(vbe_lfb8    vbe    "-DVBE_W=1024 -DVBE_H=768 -DVBE_BPP=8")
vga_test(vbe_bank32  vbe    "-DVBE_W=800 -DVBE_H=600 -DVBE_BPP=32 -DBANKED")

add_custom_target(vga_test_images ALL DEPENDS ${VGA_TEST_IMAGES})
if(QEMU_I386_EXECUTABLE)
  add_custom_target(vga_expected
    COMMAND ${CMAKE_COMMAND} -E env QEMU=${QEMU_I386_EXECUTABLE}
            ${VGA_TESTS_DIR}/make-expected.sh $<TARGET_FILE:ppm2png> ${VGA_TESTS_DIR}/expected
            ${VGA_ORACLE_IMAGES}
    DEPENDS ppm2png ${VGA_TEST_IMAGES}
    COMMENT "Remaking tests/vga/expected/ with QEMU's std VGA"
    VERBATIM)
endif()
