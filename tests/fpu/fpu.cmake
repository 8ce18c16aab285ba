# tests/fpu: bit-for-bit comparison of the x87 numeric core (cpu/fpu/f80*.c)
# with the host's x87.  On non-x86 hosts the program exits 77 and ctest
# reports the test as skipped.
add_executable(fpu_host_compare
  ${CMAKE_SOURCE_DIR}/tests/fpu/fpu_compare.c
  ${CMAKE_SOURCE_DIR}/tests/fpu/fpu_pairs.c
  ${CMAKE_SOURCE_DIR}/tests/fpu/fpu_operands.c
  ${CMAKE_SOURCE_DIR}/tests/fpu/host_x87.c)
target_link_libraries(fpu_host_compare PRIVATE softpc_core)
add_test(NAME fpu_host_compare COMMAND fpu_host_compare)
set_tests_properties(fpu_host_compare PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 300)
