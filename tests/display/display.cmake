# tests/display/display.cmake - the SDL window end to end (ctest label
# "display"): softpc runs with a window on a private Xvfb, xdotool types
# and moves the mouse, a nasm boot sector (input_probe.asm) logs what the
# 8042 delivers, input_test.sh checks it.  Needs SDL2 in the build, Xvfb,
# xdotool, nasm and Xlib (for x_helper.c: closing the window as a window
# manager does, a second window to take the focus, a small window manager
# for full screen); without them the tests are skipped with a notice.
# linux_test.sh drives the default Linux guest in the window (label
# display too; skipped, status 77, without the guest).

if(NOT SOFTPC_HAVE_SDL)
  message(NOTICE "softpc has no window (no SDL2): the display tests are skipped")
  return()
endif()
find_program(XVFB Xvfb)
find_program(XDOTOOL xdotool)
find_program(NASM nasm)
pkg_check_modules(X11 IMPORTED_TARGET x11)
if(NOT XVFB OR NOT XDOTOOL OR NOT NASM OR NOT X11_FOUND)
  message(NOTICE "Xvfb, xdotool, nasm or libx11-dev missing: the display tests are skipped")
  return()
endif()

set(DISPLAY_DIR ${CMAKE_SOURCE_DIR}/tests/display)
set(DISPLAY_PROBE ${CMAKE_BINARY_DIR}/tests/display/input_probe.img)
file(MAKE_DIRECTORY ${CMAKE_BINARY_DIR}/tests/display)
add_custom_command(
  OUTPUT ${DISPLAY_PROBE}
  COMMAND ${NASM} -f bin -w+all -w+error -o ${DISPLAY_PROBE} ${DISPLAY_DIR}/input_probe.asm
  DEPENDS ${DISPLAY_DIR}/input_probe.asm
  COMMENT "nasm tests/display/input_probe.asm -> input_probe.img"
  VERBATIM)
set(DISPLAY_WHEEL_PROBE ${CMAKE_BINARY_DIR}/tests/display/wheel_probe.img)
add_custom_command(
  OUTPUT ${DISPLAY_WHEEL_PROBE}
  COMMAND ${NASM} -f bin -w+all -w+error -DWHEEL -o ${DISPLAY_WHEEL_PROBE}
          ${DISPLAY_DIR}/input_probe.asm
  DEPENDS ${DISPLAY_DIR}/input_probe.asm
  COMMENT "nasm -DWHEEL tests/display/input_probe.asm -> wheel_probe.img"
  VERBATIM)
set(DISPLAY_IDLE_PROBE ${CMAKE_BINARY_DIR}/tests/display/idle_probe.img)
add_custom_command(
  OUTPUT ${DISPLAY_IDLE_PROBE}
  COMMAND ${NASM} -f bin -w+all -w+error -DIDLE -o ${DISPLAY_IDLE_PROBE}
          ${DISPLAY_DIR}/input_probe.asm
  DEPENDS ${DISPLAY_DIR}/input_probe.asm
  COMMENT "nasm -DIDLE tests/display/input_probe.asm -> idle_probe.img"
  VERBATIM)
add_custom_target(display_probe ALL DEPENDS ${DISPLAY_PROBE} ${DISPLAY_WHEEL_PROBE}
                  ${DISPLAY_IDLE_PROBE})

add_executable(x_helper ${DISPLAY_DIR}/x_helper.c)
target_link_libraries(x_helper PRIVATE PkgConfig::X11)

set(display_tests)
foreach(mode input wheel focus fullscreen idle close halt)
  set(image ${DISPLAY_PROBE})
  if(mode STREQUAL wheel)
    set(image ${DISPLAY_WHEEL_PROBE})
  elseif(mode STREQUAL idle)
    set(image ${DISPLAY_IDLE_PROBE})
  elseif(mode STREQUAL halt)
    # tests/frontend's ROM that halts with IF=0 (frontend_roms builds it).
    set(image ${CMAKE_BINARY_DIR}/tests/frontend/halt_cli.bin)
  endif()
  add_test(NAME display_${mode}
           COMMAND bash ${DISPLAY_DIR}/input_test.sh $<TARGET_FILE:softpc> ${image}
                   $<TARGET_FILE:x_helper> ${mode})
  set_tests_properties(display_${mode} PROPERTIES LABELS display TIMEOUT 180)
  list(APPEND display_tests display_${mode})
endforeach()

# The default guest (tests/guest/guest.cmake's SOFTPC_GUEST_DIR) booted in
# the window, by our BIOS and VGA BIOS (keys) or by SeaBIOS and its
# vgabios-stdvga (seabios).  A boot takes ~40 s (~2 min under ASan).
foreach(mode keys seabios)
  add_test(NAME display_linux_${mode}
           COMMAND bash ${DISPLAY_DIR}/linux_test.sh $<TARGET_FILE:softpc> ${SOFTPC_GUEST_DIR}
                   $<TARGET_FILE:x_helper> ${mode}
                   $<TARGET_FILE:screen_text> ${CMAKE_BINARY_DIR}/tests/screen)
  set_tests_properties(display_linux_${mode} PROPERTIES LABELS display TIMEOUT 900
                       SKIP_RETURN_CODE 77)
  list(APPEND display_tests display_linux_${mode})
endforeach()

foreach(test ${display_tests})
  if(SOFTPC_SANITIZE)
    # LeakSanitizer off here only: SDL 2.26 leaves a D-Bus connection's
    # buffers to libdbus and unloads X11 modules whose allocations then
    # cannot be named for a suppression.  ASan and UBSan still check the
    # window's code; softpc's own leaks are checked by the headless tests.
    set_tests_properties(${test} PROPERTIES ENVIRONMENT "ASAN_OPTIONS=detect_leaks=0")
  endif()
endforeach()
