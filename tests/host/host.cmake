# tests/host/host.cmake - the host-CPU comparison (tests/host/host_compare.c).
# Built everywhere; on a non-x86 host it prints a notice and ctest reports
# it as skipped (exit status 77).  The BCD instructions need a 32-bit
# helper (bcd_oracle32, built with -m32 outside the normal flags, so no
# sanitizer runtime is needed for it); without a working -m32 the BCD part
# is skipped with a notice.
set(HOST_DIR ${CMAKE_SOURCE_DIR}/tests/host)

add_executable(host_compare
  ${HOST_DIR}/host_compare.c
  ${HOST_DIR}/host_x86.c
  ${HOST_DIR}/host_softpc.c
  ${HOST_DIR}/host_bcd.c)
target_link_libraries(host_compare PRIVATE softpc_core)
target_compile_definitions(host_compare PRIVATE _POSIX_C_SOURCE=200809L)

set(HOST_COMPARE_ARGS "")
if(CMAKE_SYSTEM_PROCESSOR MATCHES "^(x86_64|AMD64|amd64|i[3-6]86|x86)$")
  set(probe_src ${CMAKE_BINARY_DIR}/m32_probe.c)
  file(WRITE ${probe_src} "int main(void) { return 0; }\n")
  execute_process(
    COMMAND ${CMAKE_C_COMPILER} -m32 ${probe_src} -o ${CMAKE_BINARY_DIR}/m32_probe
    RESULT_VARIABLE m32_result OUTPUT_QUIET ERROR_QUIET)
  if(m32_result EQUAL 0)
    set(oracle ${CMAKE_BINARY_DIR}/bcd_oracle32)
    add_custom_command(
      OUTPUT ${oracle}
      COMMAND ${CMAKE_C_COMPILER} -m32 -O1 -std=c11 -Wall -Wextra -Werror
              ${HOST_DIR}/bcd_oracle32.c -o ${oracle}
      DEPENDS ${HOST_DIR}/bcd_oracle32.c
      COMMENT "Building the 32-bit BCD oracle")
    add_custom_target(bcd_oracle32 ALL DEPENDS ${oracle})
    set(HOST_COMPARE_ARGS --bcd-oracle ${oracle})
  else()
    message(STATUS "host_compare: ${CMAKE_C_COMPILER} -m32 does not link "
                   "(install gcc-multilib): BCD instructions will not be compared")
  endif()
endif()

add_test(NAME host_compare COMMAND host_compare ${HOST_COMPARE_ARGS})
set_tests_properties(host_compare PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 120)
