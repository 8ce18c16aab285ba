# tests/guest/guest.cmake - real Linux boots (Debian's i386 686 kernel +
# busybox, built by tests/guest/make-guest.sh into SOFTPC_GUEST_DIR; .ci/setup
# does that).  Each test is skipped (status 77) when the guest is missing.
set(SOFTPC_GUEST_DIR "${CMAKE_SOURCE_DIR}/build/guest" CACHE PATH
    "Directory made by tests/guest/make-guest.sh")
set(SOFTPC_GUEST_TIMEOUT 900 CACHE STRING "Seconds a guest boot test may take")
foreach(mode kernel hda seabios repeat)
  add_test(NAME guest_linux_${mode}
           COMMAND bash ${CMAKE_SOURCE_DIR}/tests/guest/boot_test.sh
                   $<TARGET_FILE:softpc> ${SOFTPC_GUEST_DIR}
                   ${CMAKE_BINARY_DIR}/tests/guest ${mode} ${SOFTPC_GUEST_TIMEOUT})
  set_tests_properties(guest_linux_${mode} PROPERTIES
                       SKIP_RETURN_CODE 77 LABELS guest
                       TIMEOUT 2000)
endforeach()
