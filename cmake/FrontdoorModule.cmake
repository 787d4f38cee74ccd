# fd_module(name SOURCES a.cpp DEPS fd_core TESTS a_test.cpp [TEST_DEPS ...])
# One static library per folder: include/ is the public face, everything else is private,
# so a module that is not in DEPS cannot be included. DEPS is the architecture.
function(fd_module name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;PRIVATE_DEPS;TESTS;TEST_DEPS" ${ARGN})
  add_library(fd_${name} ${ARG_SOURCES})
  target_include_directories(fd_${name} PUBLIC include PRIVATE .)
  target_link_libraries(fd_${name} PUBLIC ${ARG_DEPS} PRIVATE ${ARG_PRIVATE_DEPS})
  target_compile_options(fd_${name} PRIVATE ${FRONTDOOR_WARNINGS})
  if(ARG_TESTS)
    add_executable(fd_${name}_test ${ARG_TESTS})
    target_include_directories(fd_${name}_test PRIVATE .)
    target_link_libraries(fd_${name}_test PRIVATE fd_${name} ${ARG_TEST_DEPS} GTest::gmock
                                                  GTest::gtest_main)
    target_compile_options(fd_${name}_test PRIVATE ${FRONTDOOR_WARNINGS})
    gtest_discover_tests(fd_${name}_test DISCOVERY_TIMEOUT 60
                         PROPERTIES ENVIRONMENT "FRONTDOOR_SOURCE_DIR=${PROJECT_SOURCE_DIR}")
  endif()
endfunction()
