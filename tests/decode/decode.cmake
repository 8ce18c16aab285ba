# tests/decode: the decoder's instruction lengths against Capstone
# (Debian libcapstone-dev).  Skipped with a notice when Capstone is absent.
pkg_check_modules(CAPSTONE IMPORTED_TARGET capstone)
if(CAPSTONE_FOUND)
  add_executable(capstone_lengths ${CMAKE_SOURCE_DIR}/tests/decode/capstone_lengths.c)
  target_link_libraries(capstone_lengths PRIVATE softpc_core PkgConfig::CAPSTONE)
  add_test(NAME decode_lengths_capstone COMMAND capstone_lengths 1000000)
else()
  message(WARNING "Capstone not found: decoder length check not built (apt-get install libcapstone-dev)")
endif()
