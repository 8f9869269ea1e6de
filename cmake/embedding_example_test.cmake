# ctest script (install.cmake): installs BUILD_DIR into WORK_DIR/prefix; runs the installed
# tconv-conform on C_ADAPTER; configures and builds EXAMPLE_DIR against the prefix, runs its
# test binary and checks from its JSON output that every golden and property test ran,
# none was skipped and all passed.
cmake_minimum_required(VERSION 3.22)

# Runs a command that must succeed; its output is left in `out`.
function(run_step what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${what} failed (${rc}):\n${out}")
  endif()
  message(STATUS "${what}: ok")
  set(out "${out}" PARENT_SCOPE)
endfunction()

file(REMOVE_RECURSE ${WORK_DIR})
set(prefix ${WORK_DIR}/prefix)
run_step("install" ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${prefix})
run_step("configure the example" ${CMAKE_COMMAND} -S ${EXAMPLE_DIR} -B ${WORK_DIR}/build
         -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH=${prefix}
         -DCMAKE_CXX_COMPILER=${CXX_COMPILER} -DCMAKE_C_COMPILER=${C_COMPILER})
run_step("build the example" ${CMAKE_COMMAND} --build ${WORK_DIR}/build -j2)

# The installed vectors, not the source tree's, are the ones the binary must have found.
file(GLOB installed_vectors ${prefix}/share/tconv_conformance/vectors/*.json)
if(NOT installed_vectors)
  message(FATAL_ERROR "no golden vectors installed under ${prefix}/share/tconv_conformance/vectors")
endif()
# The installed runner finds the installed vectors by itself, and runs an adapter.
run_step("the installed tconv-conform" ${prefix}/bin/tconv-conform --adapter ${C_ADAPTER}
         --cases 20)
if(NOT out MATCHES "golden vectors from ${prefix}/share/tconv_conformance/vectors\n")
  message(FATAL_ERROR "the installed tconv-conform did not use the installed vectors:\n${out}")
endif()

set(results ${WORK_DIR}/results.json)
execute_process(COMMAND ${WORK_DIR}/build/embedding_example --gtest_brief=1
                        --gtest_output=json:${results}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "embedding_example failed (${rc}):\n${out}")
endif()
# The registration's line: "<n> golden cases from <dir>, <m> random problems per property check".
if(NOT out MATCHES "([0-9]+) golden cases from ([^,]+), ([0-9]+) random problems per property check")
  message(FATAL_ERROR "embedding_example did not say what it registered:\n${out}")
endif()
set(expected_golden ${CMAKE_MATCH_1})
set(expected_random ${CMAKE_MATCH_3})
if(NOT CMAKE_MATCH_2 STREQUAL "${prefix}/share/tconv_conformance/vectors")
  message(FATAL_ERROR "embedding_example read the vectors of ${CMAKE_MATCH_2}, not the installed ones")
endif()

# Tests per suite, from the GoogleTest JSON report; skipped ones count as not run.
file(READ ${results} json)
string(JSON suite_count LENGTH "${json}" testsuites)
math(EXPR last "${suite_count} - 1")
set(expected_suites TconvGolden TconvOutputShape TconvAgreement TconvAdjointness TconvLinearity)
foreach(s RANGE ${last})
  string(JSON name GET "${json}" testsuites ${s} name)
  string(JSON tests GET "${json}" testsuites ${s} tests)
  string(JSON failures GET "${json}" testsuites ${s} failures)
  set(skipped 0)
  math(EXPR last_test "${tests} - 1")
  foreach(t RANGE ${last_test})
    string(JSON result GET "${json}" testsuites ${s} testsuite ${t} result)
    if(result STREQUAL "SKIPPED")
      math(EXPR skipped "${skipped} + 1")
    endif()
  endforeach()
  message(STATUS "${name}: ${tests} tests, ${failures} failed, ${skipped} skipped")
  if(NOT failures EQUAL 0 OR NOT skipped EQUAL 0 OR tests EQUAL 0)
    message(FATAL_ERROR "${name}: every test must run and pass on the example adapter")
  endif()
  set(tests_of_${name} ${tests})
endforeach()
foreach(name ${expected_suites})
  if(NOT DEFINED tests_of_${name})
    message(FATAL_ERROR "the suite ${name} was not registered")
  endif()
endforeach()
if(NOT tests_of_TconvGolden EQUAL expected_golden)
  message(FATAL_ERROR "TconvGolden: ${tests_of_TconvGolden} tests ran of the ${expected_golden} registered")
endif()
foreach(name TconvOutputShape TconvAgreement TconvAdjointness TconvLinearity)
  if(NOT tests_of_${name} EQUAL expected_random)
    message(FATAL_ERROR "${name}: ${tests_of_${name}} tests ran, not one per random problem (${expected_random})")
  endif()
endforeach()
